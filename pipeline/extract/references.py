"""What an answer cites: URLs and their footnotes, named publications, earlier questions."""

from __future__ import annotations

import re

from ..model import Reference
from ..sources.common import parse_date

URL = re.compile(r"https?://[^\s<>\"')\]]+[^\s<>\"')\].,;:]")
FOOTNOTE_LINE = re.compile(r"^\[(?P<number>\d{1,3})\]", re.MULTILINE)
QUOTED_TITLE = re.compile(r"[‘'\"“](?P<title>[A-Z][^‘’'\"“”\n]{3,200}?)[’'\"”](?!\w)")
TITLE_YEAR = re.compile(r"\s*\((?P<year>(?:18|19|20)\d{2})\)$|\s+(?P<bare>(?:18|19|20)\d{2})$")
QUESTION = re.compile(
    r"(?:[Aa]nswer (?:given )?(?:of|on) (?P<date>\d{1,2}(?:st|nd|rd|th)? \w+ \d{4}) to (?:Question|PQ|UIN) (?P<uin>(?:HL)?\d+))"
    r"|(?:\b(?:PQ|UIN|Question) (?P<uin2>(?:HL)?\d{3,})(?: on (?P<date2>\d{1,2}(?:st|nd|rd|th)? \w+ \d{4}))?)"
)


def find_references(answer_id: str, text: str) -> list[Reference]:
    """Every reference in ``text``, in the order they appear (cited answer ids are resolved later)."""
    references: list[Reference] = []
    footnote_markers = {m["number"]: m.start() for m in re.finditer(r"\[(?P<number>\d{1,3})\](?!https?:)", text)
                        if not _at_line_start(text, m.start())}
    for match in URL.finditer(text):
        footnote = _footnote_for(text, match.start())
        references.append(Reference(
            answer_id=answer_id, offset=match.start(), kind="url", target=match[0], cited_text=match[0],
            footnote=int(footnote) if footnote else None,
            footnote_offset=footnote_markers.get(footnote) if footnote else None,
        ))
    for match in QUOTED_TITLE.finditer(text):
        title = match["title"].strip()
        if len(title.split()) < 2 or URL.search(title):
            continue
        year = TITLE_YEAR.search(title)
        references.append(Reference(
            answer_id=answer_id, offset=match.start(), kind="document", target=title, cited_text=match[0],
            year=int(year["year"] or year["bare"]) if year else None,
        ))
    for match in QUESTION.finditer(text):
        uin = match["uin"] or match["uin2"]
        references.append(Reference(
            answer_id=answer_id, offset=match.start(), kind="question", target=uin, cited_text=match[0],
            cited_uin=uin, cited_date=parse_date(match["date"] or match["date2"]),
        ))
    return sorted(references, key=lambda r: (r.offset, r.kind))


def _at_line_start(text: str, offset: int) -> bool:
    return offset == 0 or text[offset - 1] == "\n"


def _footnote_for(text: str, offset: int) -> str | None:
    """The number of the footnote whose line holds ``offset``, if that line starts '[n]'."""
    line_start = text.rfind("\n", 0, offset) + 1
    match = FOOTNOTE_LINE.match(text, line_start)
    return match["number"] if match else None


def resolve_cited_answer(reference: Reference, index: dict[str, list[tuple]]) -> str | None:
    """The answer id of a cited question that is in the corpus.

    ``index`` maps a UIN to (tabled_date, answered_date, answer_id) of every answer with
    that UIN. A citation's date may be the question's tabled or answered date; only a
    single match counts, since UINs restart every session.
    """
    candidates = index.get(reference.cited_uin or "", [])
    if reference.cited_date is not None:
        candidates = [c for c in candidates if reference.cited_date in (c[0], c[1])]
    ids = {c[2] for c in candidates}
    return ids.pop() if len(ids) == 1 and reference.cited_date is not None else None
