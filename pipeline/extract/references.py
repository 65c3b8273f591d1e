"""What a question or its answer cites.

Both the question text and the answer text are read; each reference records which
(``field``) and its offset in that text. The kinds:

- ``url``: every URL, with or without its scheme ("https://...", "www.gov.uk"). A URL
  on a numbered footnote line ("[1] If only someone had listened - ..., http://...")
  carries the footnote's number and the offset of the marker "[1]" in the body.
- ``document``: a named publication. A quoted title ('Working together to safeguard
  children (2018)', "Questions of Procedure for Ministers"), with a year written in
  brackets or after the title moved to ``year``; and the title a footnote gives
  before its URL.
- ``legislation``: an Act, Regulations, Order or Rules named with its year
  ("the Care Act 2014", "the Stannaries Court (Abolition) Act 1896").
- ``quotation``: a quoted passage that is not a title. A quoted text is a quotation
  when it starts in lowercase, ends with its own punctuation, runs to more than 15
  words, or has six or more words and a verb such as "should", "must", "will", "is"
  ('Sexual exploitation should be covered in local needs assessments ...'). A single
  quoted word is a term, not a reference; a quoted name followed by "scheme",
  "programme", "campaign", "fund", "initiative" or "project" names that thing and is
  not a reference either.
- ``question``: an earlier question or answer: "the Answer of 15 July 2019 to Question
  273801", "Question UIN 4956 on 17 September 2024", "PQ 146306", "on 26 February 2024
  (UIN 13866)", "[HL9224]", "the response ... (3029)", and answers cited by who gave
  them and when ("the Written Answer by Lord McNally on 11 May"). ``cited_date`` is
  set only where the text gives a full date; a date without a year ("on 15 July") is
  left empty rather than guessed. ``cited_answer_id`` is left empty here: it is
  resolved against the whole corpus with :func:`resolve_cited_answer`.
- ``hansard_column``: a column of the Official Report ("HL Deb, col 1021",
  "Official Report, column 618W", "WA 213"); never taken for a UIN.

A reference cut short by the source ("https://www.gov.uk/governm...") is kept, with
``truncated`` set.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Iterable, Mapping, Sequence

from ..model import Reference
from ..sources.common import parse_date
from .patterns import MONTH_NAMES, SP, truncation, url_spans
from .trusted import defaults, trusted

_DATE_TEXT = rf"\d{{1,2}}(?:st|nd|rd|th)?{SP}+(?:of{SP}+)?{MONTH_NAMES}\.?(?:,?{SP}+\d{{4}}\b)?"
_UIN_TEXT = r"(?:HL)?\d{1,6}[A-Z]?"

# Each pattern starts with a literal or a character class, and runs only where a cheap
# substring test finds its anchor, so that scanning an answer costs little.

#: "the Answer of 15 July 2019 to Question 273801" (and Reply, Response).
_ANSWER_OF_TAIL = (
    rf"(?:{SP}+given)?{SP}+(?:of|on|dated){SP}+(?P<date>{_DATE_TEXT}),?{SP}+to{SP}+"
    rf"(?:(?:[Pp]arliamentary{SP}+)?(?:[Qq]uestion|PQ)s?{SP}+)?(?:UIN{SP}*|[Nn]o\.?{SP}*)?(?P<uin>{_UIN_TEXT})\b"
)
ANSWER_OF = {
    "nswer": re.compile(rf"nswers?{_ANSWER_OF_TAIL}"),  # "A"/"a" before it is checked by the caller
    "epl": re.compile(rf"[Rr]epl(?:y|ies){_ANSWER_OF_TAIL}"),
    "esponse": re.compile(rf"[Rr]esponses?{_ANSWER_OF_TAIL}"),
}
#: "Question 273801", "Question UIN 4956 on 17 September 2024", "PQ 146306", "UIN 1981".
QUESTION_UIN = re.compile(
    rf"[QqPU](?P<head>uestions?{SP}+(?:UIN{SP}*|[Nn]umber{SP}+|[Nn]o\.?{SP}*)?|Qs?{SP}+|INs?{SP}*)"
    rf"(?P<uin>{_UIN_TEXT})\b(?:,?{SP}+(?:on|of|dated|tabled{SP}+on|answered{SP}+on){SP}+(?P<date>{_DATE_TEXT}))?"
)
#: "[HL9224]", "[131122]": a UIN in square brackets.
SQUARE_BRACKETED_UIN = re.compile(r"\[(?P<uin>HL\d{1,6}|\d{4,6})\]")
#: "(UIN 13866)", "(HL1234)", "(3029)": a UIN in round brackets, taken as a citation when it names
#: itself a UIN, follows "on <date>", or follows answer words in the same sentence.
ROUND_BRACKETED_UIN = re.compile(rf"\((?P<label>(?:UIN|PQ|[Qq]uestion){SP}*)?(?P<uin>HL\d{{1,6}}|\d{{3,6}})\)")
_ON_DATE_BEFORE = re.compile(rf"\b[Oo]n{SP}+(?P<date>{_DATE_TEXT}){SP}*$")
_ANSWER_WORDS_BEFORE = re.compile(r"\b(?:[Aa]nswers?|[Rr]esponses?|[Rr]epl(?:y|ies)|[Qq]uestions?)\b[^.;()\n]{0,80}$")
#: An answer cited by who gave it and when: "the Written Answer by Lord McNally on 11 May".
CITED_ANSWER = re.compile(  # "A"/"a" before it is checked by the caller
    rf"nswers?{SP}+(?:(?:I|he|she|they|we){SP}+gave{SP}+|given{SP}+|provided{SP}+|made{SP}+)?"
    rf"(?:by{SP}+(?P<who>[^;:\n]{{1,140}}?),?{SP}+)?on{SP}+(?P<date>{_DATE_TEXT})"
)
_WRITTEN_BEFORE = re.compile(rf"[Ww]ritten{SP}+$")
_COLUMN = rf"(?:[Cc]olumns?|[Cc]ols?\.?|cc?\.){SP}*\d+[WS]{{0,2}}(?:{SP}?[-–]{SP}?\d+[WS]{{0,2}})?"
HANSARD_COLUMN = re.compile(
    rf"[OHCcW](?:(?<=O)fficial{SP}+Report,?{SP}+(?:[Vv]ol(?:ume)?\.?{SP}*\d+,?{SP}+)?{_COLUMN}"
    rf"|(?<=H)[CL]{SP}+Deb(?:ates?)?\b[^;\n]{{0,40}}?{_COLUMN}"
    rf"|(?<=c)ol(?:umns?|s?\.?){SP}*\d+[WS]{{0,2}}(?:{SP}?[-–]{SP}?\d+[WS]{{0,2}})?"
    rf"|(?<=W)[AS]{SP}\d+(?:{SP}?[-–]{SP}?\d+)?\b)"
)
_HANSARD_ANCHORS = ("Report,", "Deb", "col ", "col.", "cols", "column", "WA ", "WS ")
#: Quoted text, one pattern per opening mark: curly single quotes (an apostrophe inside a word
#: does not close them; some pages close with a straight quote), curly double quotes, straight
#: double quotes, and straight single quotes opening before a capital. A quote still open where
#: the source cut the text ends there.
QUOTED = (
    ("‘", re.compile(r"‘(?P<body>(?:[^‘’'\n]|[’'](?=[A-Za-z]))+?)(?:[’'](?![A-Za-z])|(?P<cut>\.\.\.|…)[ \t]*\Z)")),
    ("“", re.compile(r"“(?P<body>[^“”\n]+?)(?:”|(?P<cut>\.\.\.|…)[ \t]*\Z)")),
    ('"', re.compile(r'"(?<![\w"]")(?P<body>[^"\n]{2,300}?)"(?!\w)')),
    ("'", re.compile(r"'(?<![\w'’]')(?=[A-Z])(?P<body>(?:[^'’‘\n]|'(?=[A-Za-z]))+?)'(?![A-Za-z])")),
)
LEGISLATION = re.compile(
    rf"(?:Act|Acts|Regulations|Order|Rules|Measure)(?:{SP}+\((?:Northern{SP}+Ireland|Scotland|Wales)\))?{SP}+(?P<year>(?:18|19|20)\d{{2}})\b"
)
_TITLE_WORDS = re.compile(r"(?:(?:[A-Z][\w’'&-]*,?|\([^()\n]{1,80}\)|and|of|the|for|to|on|in|&)[ \u00a0]+)+$")
_LEADING_FUNCTION_WORDS = frozenset(
    "the under in as by since following through with of and to for on at from via per this that an a including "
    "whereas while when after before during within section part schedule".split()
)
_TITLE_YEAR = re.compile(rf"(?:{SP}*\((?P<bracketed>(?:18|19|20)\d{{2}})\)|{SP}+(?P<bare>(?:18|19|20)\d{{2}}))$")
_YEAR_AFTER_QUOTE = re.compile(rf"{SP}*\((?P<year>(?:18|19|20)\d{{2}})\)")
_LIST_JOIN = re.compile(r"[^.;\n]{0,80}?(?:,|\band)[ \u00a0]+")
_FOOTNOTE_AFTER = re.compile(r"[.,;:]?\[(?P<number>\d{1,3})\]")
_FOOTNOTE_LINE = re.compile(r"^\[(?P<number>\d{1,3})\][ \t]*(?P<content>.*)$", re.MULTILINE)
_BODY_MARKER = re.compile(r"\[(?P<number>\d{1,3})\]")
_QUOTATION_VERBS = frozenset("should must will would shall can could may might is are was were has have".split())
_NAMED_THINGS = re.compile(rf"{SP}+(?:scheme|programme|program|campaign|fund|initiative|project)s?\b", re.IGNORECASE)
_NAMED_THING_WORDS = re.compile(r"(?:scheme|programme|program|campaign|fund|initiative|project)s?$", re.IGNORECASE)
_FOOTNOTE_TITLE_END = " ,;:–-—"


def find_references(answer_id: str, question_text: str | None, answer_text: str | None = None) -> list[Reference]:
    """Every reference in the question text and the answer text: the question's first, each in order of offset."""
    references: list[Reference] = []
    for field, text in (("question_text", question_text), ("answer_text", answer_text)):
        if text:
            # Built without re-validation: every value is made by this module to the model's
            # constraints (tests validate the rows against the model).
            for row in references_in(text):
                values = {name: row.get(name, default) for name, default in _REFERENCE_DEFAULTS}
                values["answer_id"], values["field"] = answer_id, field
                given = set(row)
                given.update(_ALWAYS_GIVEN)
                references.append(trusted(Reference, values, given))
    return references


_REFERENCE_DEFAULTS = defaults(Reference)
_ALWAYS_GIVEN = ("answer_id", "field")


def references_in(text: str) -> list[dict]:
    """The references in one text, as Reference fields (without answer_id and field), by offset."""
    rows: dict[tuple[int, str], dict] = {}
    cut = truncation(text)
    markers: dict[int, int] = {}
    footnote_lines: list[tuple[int, int, int, str]] = []
    if "[" in text:
        for match in _BODY_MARKER.finditer(text):
            start = match.start()
            if start > 0 and text[start - 1] != "\n":
                markers.setdefault(int(match["number"]), start)
        if text.startswith("[") or "\n[" in text:
            footnote_lines = _footnote_lines(text)

    def add(row: dict) -> None:
        rows.setdefault((row["offset"], row["kind"]), row)

    for start, end in url_spans(text):
        footnote = _footnote_at(footnote_lines, start)
        url = text[start:end]
        add(dict(
            offset=start, kind="url", target=url, cited_text=url, truncated=cut is not None and end >= cut,
            footnote=footnote, footnote_offset=markers.get(footnote) if footnote is not None else None,
        ))

    for number, line_start, content_start, content in footnote_lines:
        title = _footnote_title(content)
        if title:
            add(dict(
                offset=content_start, kind="document", target=title, cited_text=title,
                footnote=number, footnote_offset=markers.get(number), year=_year_in(title),
            ))

    for mark, pattern in QUOTED:
        if mark in text:
            for match in pattern.finditer(text):
                row = _quoted(text, match, markers)
                if row is not None:
                    add(row)

    if "Act" in text or "Regulations " in text or "Order " in text or "Rules " in text or "Measure " in text:
        for match in LEGISLATION.finditer(text):
            if match.start() == 0 or not text[match.start() - 1].isalnum():
                row = _legislation(text, match)
                if row is not None:
                    add(row)

    for row in _questions(text):
        add(row)

    if _has_hansard_anchor(text):
        for match in HANSARD_COLUMN.finditer(text):
            if match.start() > 0 and text[match.start() - 1].isalnum():
                continue
            column = match[0]
            add(dict(offset=match.start(), kind="hansard_column", target=column, cited_text=column))

    return [rows[key] for key in sorted(rows)]


def _questions(text: str) -> list[dict]:
    """Earlier questions and answers cited in ``text``."""
    found: list[dict] = []
    spans: list[tuple[int, int]] = []

    def add(start: int, end: int, uin: str | None, written_date: str | None, target: str | None = None) -> None:
        cited = text[start:end]
        found.append(dict(
            offset=start, kind="question", target=target or uin, cited_text=cited, cited_uin=uin,
            cited_date=_full_date(written_date),
        ))
        spans.append((start, end))

    for anchor, pattern in ANSWER_OF.items():
        if anchor in text:
            for match in pattern.finditer(text):
                start = match.start()
                if anchor == "nswer":
                    if start == 0 or text[start - 1] not in "Aa":
                        continue
                    start -= 1
                add(start, match.end(), match["uin"], match["date"])
                # "the Answers of 2 August 2024 to Question 1652 on Pupil Numbers and Question 1653"
                follow = _LIST_JOIN.match(text, match.end())
                while follow is not None:
                    listed = QUESTION_UIN.match(text, follow.end())
                    if listed is None or not _is_question_head(listed):
                        break
                    add(listed.start(), listed.end(), listed["uin"], listed["date"] or match["date"])
                    follow = _LIST_JOIN.match(text, listed.end())
    if "[" in text:
        for match in SQUARE_BRACKETED_UIN.finditer(text):
            add(match.start(), match.end(), match["uin"], None)
    if "(" in text:
        for match in ROUND_BRACKETED_UIN.finditer(text):
            start, uin = match.start(), match["uin"]
            if _within(spans, start):
                continue
            on_date = _ON_DATE_BEFORE.search(text, max(0, start - 40), start)
            if on_date is not None:
                add(on_date.start(), match.end(), uin, on_date["date"])
            elif match["label"] or uin.startswith("HL") or (
                not (len(uin) == 4 and 1800 <= int(uin) <= 2100)
                and _ANSWER_WORDS_BEFORE.search(text, max(0, start - 100), start)
            ):
                add(start, match.end(), uin, None)
    if "uestion" in text or "PQ" in text or "UIN" in text:
        for match in QUESTION_UIN.finditer(text):
            start = match.start()
            if not _is_question_head(match) or (start > 0 and text[start - 1].isalnum()) or _within(spans, start):
                continue
            add(start, match.end(), match["uin"], match["date"])
    if "nswer" in text:
        for match in CITED_ANSWER.finditer(text):
            start, end = match.start() - 1, match.end()
            if start < 0 or text[start] not in "Aa":
                continue
            if any(start <= s < end + 16 for s, _ in spans):
                continue  # the answer is cited by its UIN as well: that reference stands
            written = _WRITTEN_BEFORE.search(text, max(0, start - 10), start)
            if written is not None:
                start = written.start()
            add(start, end, None, match["date"], target=text[start:end])
    return found


def _is_question_head(match: re.Match) -> bool:
    whole = match[0]
    return whole.startswith(("Question", "question", "PQ", "UIN"))


def _within(spans: list[tuple[int, int]], offset: int) -> bool:
    return any(start <= offset < end for start, end in spans)


def _quoted(text: str, match: re.Match, markers: Mapping[int, int]) -> dict | None:
    """A quoted passage as a document, a quotation, or None where it is neither (a term, a scheme's name)."""
    body = match["body"].strip()
    truncated = bool(match.groupdict().get("cut"))
    words = body.split()
    if len(words) < 2 or "://" in body or body.startswith("www."):
        return None
    end = match.end()
    if not truncated and (_NAMED_THINGS.match(text, end) or _NAMED_THING_WORDS.match(words[-1])):
        return None
    footnote = None
    after = _FOOTNOTE_AFTER.match(text, end)
    if after is not None:
        footnote = int(after["number"])
    year = None
    target = body
    if _is_quotation(body, words):
        kind = "quotation"
    else:
        kind = "document"
        title_year = _TITLE_YEAR.search(body)
        if title_year is not None:
            year = int(title_year["bracketed"] or title_year["bare"])
            target = body[:title_year.start()].strip()
        elif (after_year := _YEAR_AFTER_QUOTE.match(text, end)) is not None:
            year = int(after_year["year"])
    if truncated:
        target = target.rstrip(" .…")
    if not target:
        return None
    return dict(
        offset=match.start(), kind=kind, target=target, cited_text=match[0].rstrip(), truncated=truncated,
        footnote=footnote, footnote_offset=markers.get(footnote) if footnote is not None else None, year=year,
    )


def _is_quotation(body: str, words: list[str]) -> bool:
    """Whether quoted text is a passage rather than a title (see the module's rules)."""
    if body[0].islower() or body[-1] in ".!?;:,":
        return True
    long_words = [word for word in words if len(word) > 3]
    if long_words and sum(word[0].isupper() for word in long_words) / len(long_words) >= 0.6:
        return False  # Title Case, however long
    if len(words) > 15:
        return True
    return len(words) >= 6 and any(word in _QUOTATION_VERBS for word in words)


def _legislation(text: str, match: re.Match) -> dict | None:
    """An Act or instrument with its year; its name is the run of capitalised words before it."""
    window_start = max(0, match.start() - 160)
    name = _TITLE_WORDS.search(text, window_start, match.start())
    if name is None:
        return None
    words_start = name.start()
    words = text[words_start:match.start()].split(" ")
    words = [w for w in words if w]
    # Drop what leads up to the name: function words ("under the", "In accordance with the"),
    # lowercase words and bracketed numbers ("section 9(3) of the").
    while words and (words[0].lower() in _LEADING_FUNCTION_WORDS or not words[0][:1].isupper()):
        words_start = text.index(words[0], words_start) + len(words[0])
        words.pop(0)
    if not words:
        return None
    start = text.index(words[0], words_start)
    title = text[start:match.end()]
    return dict(offset=start, kind="legislation", target=title, cited_text=title, year=int(match["year"]))


def _has_hansard_anchor(text: str) -> bool:
    """Whether any of ``_HANSARD_ANCHORS`` is in ``text``; the four that start "col" are looked for
    only where "col" is."""
    return (
        "Deb" in text or "Report," in text or "WA " in text or "WS " in text
        or ("col" in text and ("col " in text or "col." in text or "cols" in text or "column" in text))
    )


def _footnote_lines(text: str) -> list[tuple[int, int, int, str]]:
    """(number, line start, content start, content) of every line that starts with a footnote number."""
    # Only a line starting "[" can match: find those with a substring search rather than
    # trying the pattern at every line.
    lines: list[tuple[int, int, int, str]] = []
    line_start = 0 if text.startswith("[") else text.find("\n[") + 1
    if line_start == 0 and not text.startswith("["):
        return lines
    while True:
        m = _FOOTNOTE_LINE.match(text, line_start)
        if m is not None:
            lines.append((int(m["number"]), m.start(), m.start("content"), m["content"]))
        following = text.find("\n[", line_start)
        if following < 0:
            return lines
        line_start = following + 1


def _footnote_at(lines: Sequence[tuple[int, int, int, str]], offset: int) -> int | None:
    for number, line_start, content_start, content in lines:
        if content_start <= offset <= content_start + len(content):
            return number
    return None


def _footnote_title(content: str) -> str | None:
    """The title a footnote gives before its URL ("If only someone had listened - ..., http://...")."""
    url = re.search(r"https?://|www\.", content)
    title = content[: url.start()] if url else content
    title = title.strip().rstrip(_FOOTNOTE_TITLE_END).strip()
    if len(title.split()) < 2:
        return None
    return title


def _year_in(title: str) -> int | None:
    match = _TITLE_YEAR.search(title)
    return int(match["bracketed"] or match["bare"]) if match else None


def _full_date(written: str | None) -> date | None:
    """A written date with its year; None where the year is not given (it is never guessed)."""
    if not written or not re.search(r"\d{4}\s*$", written):
        return None
    return parse_date(written)


# --- resolved against the corpus at publish time ------------------------------------------------

CitedIndex = Mapping[str, Iterable[tuple[date | None, date | None, str]]]


def resolve_cited_answer(reference: Reference, index: CitedIndex) -> str | None:
    """The answer id a cited question refers to, or None.

    ``index`` maps a UIN to the (tabled date, answered date, answer id) of every answer
    with that UIN. UINs restart every session, so the UIN alone is not enough: the
    cited date must be the tabled or the answered date of the answer, and exactly one
    answer must match. A citation without a UIN or a full date is never resolved.
    """
    if reference.kind != "question" or reference.cited_uin is None or reference.cited_date is None:
        return None
    cited = reference.cited_date
    matches = {answer_id for tabled, answered, answer_id in index.get(reference.cited_uin, ()) if cited in (tabled, answered)}
    return matches.pop() if len(matches) == 1 else None
