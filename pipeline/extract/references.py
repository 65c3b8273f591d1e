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
from bisect import bisect_left, bisect_right
from datetime import date
from functools import lru_cache
from typing import Iterable, Iterator, Mapping, NamedTuple, Sequence

from pydantic import ValidationError

from ..model import Reference
from ..sources.common import parse_date
from .patterns import MONTH_NAMES, SP, SPACES, truncation, url_spans
from .trusted import defaults, trusted

_DATE_TEXT = rf"\d{{1,2}}(?:st|nd|rd|th)?{SP}+(?:of{SP}+)?{MONTH_NAMES}\.?(?:,?{SP}+\d{{4}}\b)?"
#: A UIN as the contract defines it (model.UIN_PATTERN): ASCII digits only, so that a number
#: written in other scripts' digits ("١٢٣") is never taken for one.
_UIN_TEXT = r"(?:HL)?[0-9]{1,6}[A-Z]?"

# Scanning a text for a pattern that starts with a literal is fast; scanning for one that starts
# with a character class ("[QqPU]", "[Rr]", "Act|Order|...") is ten times slower than a substring
# search. So each pattern runs only where a substring test finds its anchor, and the patterns
# that start with a class are tried only where their anchor is (see _matches_at), with the
# anchor's offset from the start of the pattern.

#: "the Answer of 15 July 2019 to Question 273801" (and Reply, Response).
_ANSWER_OF_TAIL = (
    rf"(?:{SP}+given)?{SP}+(?:of|on|dated){SP}+(?P<date>{_DATE_TEXT}),?{SP}+to{SP}+"
    rf"(?:(?:[Pp]arliamentary{SP}+)?(?:[Qq]uestion|PQ)s?{SP}+)?(?:UIN{SP}*|[Nn]o\.?{SP}*)?(?P<uin>{_UIN_TEXT})\b"
)
ANSWER_OF = (  # (anchor, its offset in the pattern, pattern)
    ("nswer", 0, re.compile(rf"nswers?{_ANSWER_OF_TAIL}")),  # "A"/"a" before it is checked by the caller
    ("epl", 1, re.compile(rf"[Rr]epl(?:y|ies){_ANSWER_OF_TAIL}")),
    ("esponse", 1, re.compile(rf"[Rr]esponses?{_ANSWER_OF_TAIL}")),
)
#: Whether "epl" or "esponse" is in a text, with one scan for the "p" both hold rather than a
#: slower scan for each word.
_REPLY_OR_RESPONSE = re.compile(r"p(?:l(?<=epl)|onse(?<=esponse))")
#: "Question 273801", "Question UIN 4956 on 17 September 2024", "PQ 146306", "UIN 1981".
QUESTION_UIN = re.compile(
    rf"[QqPU](?P<head>uestions?{SP}+(?:UIN{SP}*|[Nn]umber{SP}+|[Nn]o\.?{SP}*)?|Qs?{SP}+|INs?{SP}*)"
    rf"(?P<uin>{_UIN_TEXT})\b(?:,?{SP}+(?:on|of|dated|tabled{SP}+on|answered{SP}+on){SP}+(?P<date>{_DATE_TEXT}))?"
)
#: "ref 15786 and 15787", "Refs. 19317 and 19322", "Ref. 24038": question reference numbers.
#: It starts at the literal "ef" and looks behind for the "R" or "r", one character before the
#: match: scanning a text for a literal is several times faster than for "[Rr]".
REFERENCE_NUMBERS = re.compile(
    rf"ef(?<=[Rr]ef)s?\.?{SP}*(?:[Nn]os?\.?{SP}*)?(?P<uins>(?:HL)?[0-9]{{3,6}}\b(?:(?:,{SP}*|{SP}+and{SP}+|{SP}*&{SP}*)(?:HL)?[0-9]{{3,6}}\b)*)"
)
_REFERENCE_UIN = re.compile(r"(?:HL)?[0-9]{3,6}")
_QUESTION_WORDS_BEFORE = re.compile(r"\b(?:[Qq]uestions?|PQs?)\b[^\n]{0,200}$")  # "hon." may stand between
#: QUESTION_UIN is tried where its heads are ("Question", "question", "PQ", "UIN": the only
#: matches taken) and the two other words its first branch matches (see _CAPITAL_WORDS). Its
#: other matches ("PIN 1234", "QQ 12") cannot hold a head, so need not be looked for; a match
#: such as "Puestion UIN 12" holds one, which it stops being taken.
#: In square brackets: a footnote's number ("[1]", in the body or at the start of its line), or a UIN
#: ("[HL9224]", "[131122]"). The two never overlap, so one scan finds both.
SQUARE_BRACKETED = re.compile(r"\[(?:(?P<number>[0-9]{1,3})|(?P<uin>HL[0-9]{1,6}|[0-9]{4,6}))\]")
#: "(UIN 13866)", "(HL1234)", "(3029)": a UIN in round brackets, taken as a citation when it names
#: itself a UIN, follows "on <date>", or follows answer words in the same sentence.
ROUND_BRACKETED_UIN = re.compile(rf"\((?P<label>(?:UIN|PQ|[Qq]uestion){SP}*)?(?P<uin>HL[0-9]{{1,6}}|[0-9]{{3,6}})\)")
_DIGIT = re.compile(r"\d")
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
#: A curly quote's body is read a run of characters at a time rather than one by one: a run
#: stops only where the quote could close or be cut ("’", "'", "." or "…"), so it ends at the
#: same place.
QUOTED = (
    ("‘", re.compile(
        r"‘(?P<body>(?:[^‘’'\n.…]++|[’'](?=[A-Za-z])|[.…])+?)(?:[’'](?![A-Za-z])|(?P<cut>\.\.\.|…)[ \t]*\Z)"
    )),
    ("“", re.compile(r"“(?P<body>(?:[^“”\n.…]++|[.…])+?)(?:”|(?P<cut>\.\.\.|…)[ \t]*\Z)")),
    ('"', re.compile(r'"(?<![\w"]")(?P<body>[^"\n]{2,300}?)"(?!\w)')),
    ("'", re.compile(r"'(?<![\w'’]')(?=[A-Z])(?P<body>(?:[^'’‘\n]|'(?=[A-Za-z]))+?)'(?![A-Za-z])")),
)
_QUOTED = tuple((mark, pattern, "cut" in pattern.groupindex) for mark, pattern in QUOTED)
LEGISLATION = re.compile(
    rf"(?:Act|Acts|Regulations|Order|Rules|Measure)(?:{SP}+\((?:Northern{SP}+Ireland|Scotland|Wales)\))?{SP}+(?P<year>(?:18|19|20)\d{{2}})\b"
)
_TITLE_WORDS = re.compile(r"(?:(?:[A-Z][\w’'&-]*,?|\([^()\n]{1,240}\)|and|of|the|for|to|on|in|&)[ \u00a0]+)+$")
#: How far before "Act", "Regulations" ... a title is looked for: the longest statutory
#: instruments' titles run to some 250 characters, brackets included.
_TITLE_WINDOW = 320
#: Instruments whose titles start with "The" ("The Merchant Shipping (...) Regulations 2011").
_THE_TITLED = frozenset({"Regulations", "Order", "Rules"})
_LEADING_FUNCTION_WORDS = frozenset(
    "the under in as by since following through with of and to for on at from via per this that an a including "
    "whereas while when after before during within section part schedule".split()
)
_TITLE_YEAR = re.compile(rf"(?:{SP}*\((?P<bracketed>(?:18|19|20)\d{{2}})\)|{SP}+(?P<bare>(?:18|19|20)\d{{2}}))$")
_YEAR_AFTER_QUOTE = re.compile(rf"{SP}*\((?P<year>(?:18|19|20)\d{{2}})\)")
_LIST_JOIN = re.compile(r"[^.;\n]{0,80}?(?:,|\band)[ \u00a0]+")
_FOOTNOTE_AFTER = re.compile(r"[.,;:]?\[(?P<number>\d{1,3})\]")
_BEFORE_FOOTNOTE = ".,;:["
_BEFORE_YEAR = SPACES + "("
_FOOTNOTE_URL = re.compile(r"https?://|www\.")
_URL_STARTS = ("http://", "https://", "www.")
_ENDS_IN_YEAR = re.compile(r"\d{4}\s*$")
_QUOTATION_VERBS = frozenset("should must will would shall can could may might is are was were has have".split())
_NAMED_THINGS = re.compile(rf"{SP}+(?:scheme|programme|program|campaign|fund|initiative|project)s?\b", re.IGNORECASE)
#: The ASCII letters a word of _NAMED_THINGS can start with, in either case (others that match
#: them without regard to case, "ſ" or "İ", are outside ASCII).
_NAMED_THING_INITIALS = "sSpPcCfFiI"
_NAMED_THING_WORDS = re.compile(r"(?:scheme|programme|program|campaign|fund|initiative|project)s?$", re.IGNORECASE)
_FOOTNOTE_TITLE_END = " ,;:–-—"


def find_references(answer_id: str, question_text: str | None, answer_text: str | None = None) -> list[Reference]:
    """Every reference in the question text and the answer text: the question's first, each in order of offset."""
    # Performance: the answer text is read first, as the statistics were read from it just
    # before and :func:`url_spans` still holds its URLs; the question's rows still come first.
    answer_rows = references_in(answer_text) if answer_text else ()
    question_rows = references_in(question_text) if question_text else ()
    # Performance: a row is validated against the model only where validation could change or
    # refuse it. Every value is made by this module to the model's constraints (a UIN, a year,
    # a date read by patterns that allow only valid ones; the tests validate every row); what
    # it cannot vouch for is the answer id, which comes from outside, and text with spaces at
    # either end, which the model strips (a blank text it refuses).
    trusted_id = isinstance(answer_id, str) and _ANSWER_ID.fullmatch(answer_id) is not None
    references: list[Reference] = []
    for field, rows in (("question_text", question_rows), ("answer_text", answer_rows)):
        for values in rows:
            values["answer_id"] = answer_id
            values["field"] = field
            if not _ROWS_ARE_WHOLE:
                values = {**_BLANK_REFERENCE, **values}
            target, cited_text = values["target"], values["cited_text"]
            if (
                trusted_id and target and cited_text  # the model keeps the texts as they are:
                and not (target[0].isspace() or target[-1].isspace())  # it strips what str.isspace
                and not (cited_text[0].isspace() or cited_text[-1].isspace())  # calls a space, or less
            ):
                if _REFERENCE_IS_PLAIN:  # Performance: trusted(), inlined
                    reference = _new_reference(Reference)
                    _set(reference, "__dict__", values)
                    _set(reference, "__pydantic_fields_set__", _REFERENCE_FIELDS.copy())
                    _set(reference, "__pydantic_extra__", None)
                    _set(reference, "__pydantic_private__", None)
                    references.append(reference)
                else:
                    references.append(trusted(Reference, values, _REFERENCE_FIELDS.copy()))
                continue
            try:
                # Validated, so that no row the build publishes can fail the package's
                # validation (a cited UIN, a year, a date all to the contract).
                references.append(_VALIDATE(values))
            except ValidationError:
                continue  # a reading the contract refuses is not published
    return references


_VALIDATE = Reference.model_validate
#: Every field of a reference with its default, in the model's order.
_BLANK_REFERENCE = dict(defaults(Reference))
#: An answer id as the model's AnswerId pattern has it.
_ANSWER_ID = re.compile(r"[0-9a-f]{16}")
_REFERENCE_FIELDS = set(Reference.model_fields)




def _trusted_sets_attributes() -> bool:
    """Whether trusted() builds a reference by setting its attributes to the values given, as
    find_references then does itself: it does where the model fills nothing in (no alias, no
    default factory)."""
    values = dict(_BLANK_REFERENCE)
    return trusted(Reference, values, set()).__dict__ is values


_REFERENCE_IS_PLAIN = _trusted_sets_attributes()
_new_reference = object.__new__
_set = object.__setattr__


def _row(
    offset: int, kind: str, target: str, cited_text: str, *, truncated: bool = False, broken: bool = False,
    footnote: int | None = None, footnote_offset: int | None = None, year: int | None = None,
    cited_uin: str | None = None, cited_date: date | None = None,
) -> dict:
    """A reference's fields, in the model's order, but for the answer id and field (None here)."""
    return {
        "answer_id": None, "field": None, "offset": offset, "kind": kind, "target": target, "cited_text": cited_text,
        "truncated": truncated, "broken": broken, "footnote": footnote, "footnote_offset": footnote_offset,
        "year": year, "cited_uin": cited_uin, "cited_date": cited_date, "cited_answer_id": None,
    }


#: Whether a row holds every field of the model, in order, with the model's defaults: so that
#: the row is the reference's values as they are (otherwise the model's defaults fill them in).
_ROWS_ARE_WHOLE = list(_row(0, "url", "x", "x").items()) == list(
    {**_BLANK_REFERENCE, "offset": 0, "kind": "url", "target": "x", "cited_text": "x"}.items()
)


def references_in(text: str) -> list[dict]:
    """The references in one text, as Reference fields (answer_id and field left None), by offset.

    Where two readings start at the same offset as the same kind, the first found stands: URLs,
    then footnote titles, quoted text, legislation, questions and Hansard columns.
    """
    rows: dict[tuple[int, str], dict] = {}
    if "[" in text:
        markers, footnotes, square_uins = _square_brackets(text)
    else:
        markers, footnotes, square_uins = {}, [], []

    spans = url_spans(text)
    if spans:
        cut = truncation(text)
        # A footnote's URL mostly starts its content ("[1] https://..."): found by that first.
        starting = {content_start: number for number, content_start, _, _ in footnotes}
        for index, (start, end) in enumerate(spans):
            url = text[start:end]
            if (
                index + 1 < len(spans) and url[:4].lower() == "www."  # (the first test of _is_link_text_domain)
                and _is_link_text_domain(text, url, end, spans[index + 1])
            ):
                continue
            footnote = starting.get(start)
            if footnote is None and footnotes:
                footnote = _footnote_at(footnotes, start)
            rows.setdefault((start, "url"), _row(
                start, "url", url, url,
                truncated=cut is not None and end >= cut,
                broken=" " in url or "\u00a0" in url,
                footnote=footnote, footnote_offset=None if footnote is None else markers.get(footnote),
            ))

    for number, content_start, _, content in footnotes:
        title = _footnote_title(content)
        if title:
            rows.setdefault((content_start, "document"), _row(
                content_start, "document", title, title,
                footnote=number, footnote_offset=markers.get(number), year=_year_in(title),
            ))

    for mark, pattern, can_be_cut in _QUOTED:
        if mark in text:
            for match in pattern.finditer(text):
                row = _quoted(text, match, can_be_cut, markers)
                if row is not None:
                    rows.setdefault((row["offset"], row["kind"]), row)

    words = _capital_words(text)
    for match in _matches_at(LEGISLATION, text, _legislation_starts(text, words)):
        start = match.start()
        if start == 0 or not text[start - 1].isalnum():
            row = _legislation(text, match)
            if row is not None:
                rows.setdefault((row["offset"], "legislation"), row)

    for row in _questions(text, square_uins, words):
        rows.setdefault((row["offset"], "question"), row)

    if _has_hansard_anchor(text, words):
        for match in HANSARD_COLUMN.finditer(text):
            start = match.start()
            if start > 0 and text[start - 1].isalnum():
                continue
            column = match[0]
            rows.setdefault((start, "hansard_column"), _row(start, "hansard_column", column, column))

    if len(rows) < 2:
        return list(rows.values())
    return [rows[key] for key in sorted(rows)]


#: What stands between a link's text and its address where the address is printed after it:
#: "GOV.UK (www.gov.uk) (https://www.gov.uk/...)", "www.gov.uk (https://www.gov.uk/...)".
_LINK_ADDRESS_BETWEEN = re.compile(rf"\)?{SP}*\({SP}*$")


def _is_link_text_domain(text: str, url: str, end: int, following: tuple[int, int]) -> bool:
    """Whether a bare domain ("www.gov.uk") is only the text of a link whose own address comes
    next, on the same site: the link names one place, its address; the domain is no second
    reference. A bare domain followed by an address elsewhere, or standing alone, is one."""
    if not url[:4].lower() == "www." or "/" in url.rstrip("/"):
        return False
    next_start, next_end = following
    if next_start - end > 6 or not _LINK_ADDRESS_BETWEEN.search(text, end, next_start):
        return False
    address = text[next_start:next_end].lower()
    address = address.split("://", 1)[1] if "://" in address else address
    domain = url.rstrip("/").lower()
    return address == domain or address.startswith(domain + "/")


def _square_brackets(text: str) -> tuple[dict[int, int], list[tuple[int, int, int, str]], list[re.Match]]:
    """What the square brackets in ``text`` hold: the offset of each footnote's first marker in
    the body, by number; the footnote lines, as (number, content start, content end, content);
    and the UINs in square brackets."""
    markers: dict[int, int] = {}
    footnotes: list[tuple[int, int, int, str]] = []
    uins: list[re.Match] = []
    for match in SQUARE_BRACKETED.finditer(text):
        number = match["number"]
        if number is None:
            uins.append(match)
            continue
        start = match.start()
        if start > 0 and text[start - 1] != "\n":
            markers.setdefault(int(number), start)
        else:
            # A number at the start of a line begins a footnote: the rest of the line, less the
            # spaces after the number, is its content.
            end = match.end()
            line_end = text.find("\n", end)
            if line_end < 0:
                line_end = len(text)
            content = text[end:line_end].lstrip(" \t")
            footnotes.append((int(number), line_end - len(content), line_end, content))
    return markers, footnotes, uins


def _questions(text: str, square_uins: Sequence[re.Match], words: Mapping[str, list[int]]) -> list[dict]:
    """Earlier questions and answers cited in ``text`` (``square_uins``: its UINs in square brackets;
    ``words``: where the capitalised words looked for are, see _capital_words)."""
    # Where each kind of citation can start; most texts have none, and are done with here.
    answers = _offsets(text, "nswer")
    replies = responses = []
    if _REPLY_OR_RESPONSE.search(text):
        replies = _offsets(text, "epl")
        responses = _offsets(text, "esponse")
    question_words = uins = _NONE
    if words:
        get = words.get
        question_words = get("Question", _NONE) + get("question", _NONE) + get("PQ", _NONE) + get("Puestion", _NONE)
        uins = get("UIN", _NONE) + get("Uuestion", _NONE)
    round_brackets = "(" in text
    if not (answers or replies or responses or square_uins or round_brackets or question_words or uins):
        return []

    found: list[dict] = []
    spans = _Spans()

    def add(start: int, end: int, uin: str | None, written_date: str | None, target: str | None = None) -> None:
        found.append(_row(
            start, "question", target or uin, text[start:end], cited_uin=uin, cited_date=_full_date(written_date),
        ))
        spans.add(start, end)

    for (anchor, before, pattern), at in zip(ANSWER_OF, (answers, replies, responses)):
        if at:
            for match in _matches_at(pattern, text, [offset - before for offset in at if offset >= before]):
                start = match.start()
                if anchor == "nswer":
                    if start == 0 or text[start - 1] not in "Aa":
                        continue
                    start -= 1
                add(start, match.end(), match["uin"], match["date"])
                # "the Answers of 2 August 2024 to Question 1652 on Pupil Numbers and Question 1653"
                follow = _list_join(text, match.end())
                while follow is not None:
                    listed = QUESTION_UIN.match(text, follow.end())
                    if listed is None or not _is_question_head(listed):
                        break
                    add(listed.start(), listed.end(), listed["uin"], listed["date"] or match["date"])
                    follow = _list_join(text, listed.end())
    for match in square_uins:
        add(match.start(), match.end(), match["uin"], None)
    if round_brackets:
        for match in ROUND_BRACKETED_UIN.finditer(text):
            start, uin = match.start(), match["uin"]
            if spans.holds(start):
                continue
            window = max(0, start - 40)
            # Performance: a date has a digit; most brackets ("children (2018)") have none before them.
            on_date = _ON_DATE_BEFORE.search(text, window, start) if _DIGIT.search(text, window, start) else None
            if on_date is not None:
                add(on_date.start(), match.end(), uin, on_date["date"])
            elif match["label"] or uin.startswith("HL") or (
                not (len(uin) == 4 and 1800 <= int(uin) <= 2100)
                and _ANSWER_WORDS_BEFORE.search(text, max(0, start - 100), start)
            ):
                add(start, match.end(), uin, None)
    # "(ref 15786 and 15787)", "Refs. 19317 and 19322", "ref. 21340": a question's reference
    # number, taken where a question is spoken of before it in the same sentence (so that only
    # a text with question words can have one).
    if question_words:
        for match in REFERENCE_NUMBERS.finditer(text):
            # A match ends in a digit, so the "R" before the next one is never inside it: the
            # matches are those of the pattern starting at "[Rr]".
            start = match.start() - 1
            if (start > 0 and text[start - 1].isalnum()) or spans.holds(start):
                continue
            if not _QUESTION_WORDS_BEFORE.search(text, max(0, start - 200), start):
                continue
            for uin in _REFERENCE_UIN.finditer(text, match.start("uins"), match.end()):
                add(uin.start(), uin.end(), uin[0], None)
    # Only a match that starts with one of the heads' words is taken.
    if question_words or uins:
        for match in _matches_at(QUESTION_UIN, text, sorted(question_words + uins)):
            start = match.start()
            if not _is_question_head(match) or (start > 0 and text[start - 1].isalnum()) or spans.holds(start):
                continue
            add(start, match.end(), match["uin"], match["date"])
    if answers:
        for match in _matches_at(CITED_ANSWER, text, answers):
            start, end = match.start() - 1, match.end()
            if start < 0 or text[start] not in "Aa":
                continue
            if spans.starts_within(start, end + 16):
                continue  # the answer is cited by its UIN as well: that reference stands
            written = _WRITTEN_BEFORE.search(text, max(0, start - 10), start)
            if written is not None:
                start = written.start()
            add(start, end, None, match["date"], target=text[start:end])
    return found


def _list_join(text: str, end: int) -> re.Match | None:
    """``_LIST_JOIN.match(text, end)``: what joins one more question onto a list.

    Performance: the pattern tries every length up to 80 characters; where no "," or "and"
    comes before the sentence ends, or within its reach, it cannot match and is not tried.
    """
    reach = text[end:end + 83]  # a "," starting at most 80 characters on, or an "and"
    for stop in ".;\n":
        cut = reach.find(stop)
        if cut >= 0:
            reach = reach[:cut]
    if "," not in reach and "and" not in reach:
        return None
    return _LIST_JOIN.match(text, end)


def _offsets(text: str, anchor: str) -> list[int]:
    """Every offset of ``anchor`` in ``text``."""
    offsets = []
    offset = text.find(anchor)
    while offset >= 0:
        offsets.append(offset)
        offset = text.find(anchor, offset + 1)
    return offsets


def _matches_at(pattern: re.Pattern, text: str, starts: Iterable[int]) -> Iterator[re.Match]:
    """What ``pattern.finditer(text)`` finds, given (in order) every offset where it can match."""
    end = 0
    for start in starts:
        if start >= end and (match := pattern.match(text, start)) is not None:
            end = match.end()
            yield match


def _is_question_head(match: re.Match) -> bool:
    return match[0].startswith(("Question", "question", "PQ", "UIN"))


class _Spans:
    """The spans of the citations found so far, kept in order of start, so that asking whether
    one holds an offset costs a bisection, not a pass over them all (a text of many citations
    would otherwise take time growing with the square of its length)."""

    __slots__ = ("_starts", "_ends", "_longest")

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._longest = 0

    def add(self, start: int, end: int) -> None:
        index = bisect_right(self._starts, start)
        self._starts.insert(index, start)
        self._ends.insert(index, end)
        self._longest = max(self._longest, end - start)

    def holds(self, offset: int) -> bool:
        """Whether a span holds ``offset``: only spans starting at most the longest span's
        length before it can."""
        index = bisect_right(self._starts, offset)
        floor = offset - self._longest
        while index > 0 and self._starts[index - 1] >= floor:
            index -= 1
            if offset < self._ends[index]:
                return True
        return False

    def starts_within(self, start: int, end: int) -> bool:
        """Whether a span starts in ``start:end``."""
        index = bisect_left(self._starts, start)
        return index < len(self._starts) and self._starts[index] < end


def _quoted(text: str, match: re.Match, can_be_cut: bool, markers: Mapping[int, int]) -> dict | None:
    """A quoted passage as a document, a quotation, or None where it is neither (a term, a scheme's name)."""
    body = _quoted_body(match["body"])
    if body is None:
        return None
    truncated = can_be_cut and match["cut"] is not None
    end = match.end()
    # What follows the quote is read only where its first character allows it.
    following = text[end:end + 1]
    # Performance: and the patterns for what follows the spaces after it are tried only where
    # the first character after them can start a match ("" where it is not known).
    word = text[end:end + 16].lstrip(SPACES)[:1] if following in SPACES else following
    if not truncated and (body.names_a_thing or (
        following in SPACES and (word == "" or word in _NAMED_THING_INITIALS or not word.isascii())
        and _NAMED_THINGS.match(text, end)
    )):
        return None
    footnote = None
    if following in _BEFORE_FOOTNOTE and (after := _FOOTNOTE_AFTER.match(text, end)) is not None:
        footnote = int(after["number"])
    kind, target, year = body.kind, body.target, body.year
    if (
        kind == "document" and year is None and following in _BEFORE_YEAR and word in ("", "(")
        and (after_year := _YEAR_AFTER_QUOTE.match(text, end)) is not None
    ):
        year = int(after_year["year"])
    if truncated:
        target = target.rstrip(" .…")
    if not target:
        return None
    return _row(
        match.start(), kind, target, match[0].rstrip(), truncated=truncated, footnote=footnote,
        footnote_offset=None if footnote is None else markers.get(footnote), year=year,
    )


class _QuotedBody(NamedTuple):
    """What a quoted text is, read from the text alone."""

    kind: str  # "document" or "quotation"
    #: The text, less a year that ends a title.
    target: str
    #: The year that ends a title.
    year: int | None
    #: Whether its last word names a scheme, programme and so on ('the Healthy Start scheme').
    names_a_thing: bool


@lru_cache(maxsize=4096)  # the same titles are quoted from answer to answer
def _quoted_body(body: str) -> _QuotedBody | None:
    """What the quoted ``body`` is (stripped), or None where it is no reference: a single word, a URL."""
    body = body.strip()
    words = body.split()
    if len(words) < 2 or "://" in body or body.startswith("www."):
        return None
    names_a_thing = _NAMED_THING_WORDS.match(words[-1]) is not None
    if _is_quotation(body, words):
        return _QuotedBody("quotation", body, None, names_a_thing)
    title_year = _title_year(body)
    if title_year is None:
        return _QuotedBody("document", body, None, names_a_thing)
    year = int(title_year["bracketed"] or title_year["bare"])
    return _QuotedBody("document", body[:title_year.start()].strip(), year, names_a_thing)


def _is_quotation(body: str, words: list[str]) -> bool:
    """Whether quoted text is a passage rather than a title (see the module's rules)."""
    if body[0].islower() or body[-1] in ".!?;:,":
        return True
    initials = [word[0] for word in words if len(word) > 3]
    if initials and sum(map(str.isupper, initials)) / len(initials) >= 0.6:
        return False  # Title Case, however long
    if len(words) > 15:
        return True
    return len(words) >= 6 and not _QUOTATION_VERBS.isdisjoint(words)


def _legislation(text: str, match: re.Match) -> dict | None:
    """An Act or instrument with its year; its name is the run of capitalised words before it."""
    window_start = max(0, match.start() - _TITLE_WINDOW)
    name = _TITLE_WORDS.search(text, window_start, match.start())
    if name is None:
        return None
    words_start = name.start()
    if words_start == window_start and window_start > 0:
        return None  # the title runs on before the window: no part of it is published as the whole
    words = text[words_start:match.start()].split(" ")
    words = [w for w in words if w]
    # Drop what leads up to the name: function words ("under the", "In accordance with the"),
    # lowercase words and bracketed numbers ("section 9(3) of the"); but an instrument's title
    # starts with its "The".
    the_titled = match[0].split(None, 1)[0] in _THE_TITLED
    while words and (words[0].lower() in _LEADING_FUNCTION_WORDS or not words[0][:1].isupper()):
        if the_titled and words[0] == "The" and len(words) > 1 and words[1][:1].isupper():
            break
        words_start = text.index(words[0], words_start) + len(words[0])
        words.pop(0)
    if not words:
        return None
    start = text.index(words[0], words_start)
    title = text[start:match.end()]
    return _row(start, "legislation", title, title, year=int(match["year"]))


def _any_starts(text: str, offsets: list[int], words: str | tuple[str, ...]) -> bool:
    """Whether one of ``words`` starts at any of ``offsets``."""
    for at in offsets:
        if text.startswith(words, at):
            return True
    return False


def _has_hansard_anchor(text: str, words: Mapping[str, list[int]]) -> bool:
    """Whether any of ``_HANSARD_ANCHORS`` is in ``text`` (``words``: see _capital_words).

    Performance: finding "Deb" costs a scan of the text, so it is looked for only where a
    column could be cited at all: after "Report" ("Official Report"), "HC" or "HL" ("HC Deb"),
    "col", or "WA" or "WS" (every branch of HANSARD_COLUMN holds one).
    """
    columns = _offsets(text, "col")
    if not (columns or "Report" in words or "WA" in words or "WS" in words or _capital_words(text, _HOUSES)):
        return False
    return (
        _any_starts(text, words.get("Report", ()), "Report,")
        or _any_starts(text, words.get("WA", ()), "WA ") or _any_starts(text, words.get("WS", ()), "WS ")
        or _any_starts(text, columns, ("col ", "col.", "cols", "column")) or "Deb" in text
    )


#: The words looked for that start with a capital (or a rare letter), by that letter: the
#: legislation's (LEGISLATION), the Official Report's, the heads of QUESTION_UIN and Hansard's.
_CAPITAL_WORDS = (
    ("A", ("Act",)),
    ("R", ("Regulations", "Rules", "Report")),
    ("O", ("Order",)),
    ("M", ("Measure",)),
    ("Q", ("Question",)),
    ("q", ("question",)),
    ("P", ("PQ", "Puestion")),
    ("U", ("UIN", "Uuestion")),
    ("W", ("WA", "WS")),
)
#: "HC" and "HL", looked for only where no other word shows that a column may be cited.
_HOUSES = (("H", ("HC", "HL")),)
#: No offsets (shared: never changed).
_NONE: list[int] = []
_INSTRUMENT_WORDS = ("Regulations", "Rules", "Order", "Measure")


def _capital_words(text: str, capital_words: Sequence[tuple[str, tuple[str, ...]]] = _CAPITAL_WORDS) -> dict[str, list[int]]:
    """Where each of ``capital_words``, words by the capital they start with, starts in ``text``,
    by word; a word not in it has no entry.

    Performance: capitals are rare in prose, and finding one character is several times faster
    than finding a word: so each capital is found, once, and each place it is at is checked for
    its words.
    """
    found: dict[str, list[int]] = {}
    for capital, words in capital_words:
        at = text.find(capital)
        while at >= 0:
            if text.startswith(words, at):
                for word in words:
                    if text.startswith(word, at):
                        if word in found:
                            found[word].append(at)
                        else:
                            found[word] = [at]
                        break
            at = text.find(capital, at + 1)
    return found


def _legislation_starts(text: str, words: Mapping[str, list[int]]) -> list[int]:
    """Where LEGISLATION is tried, in order: at every one of its words, where the text holds
    "Act", or "Regulations", "Rules", "Order" or "Measure" followed by a space."""
    if not words:
        return _NONE
    instruments = [(word, words[word]) for word in _INSTRUMENT_WORDS if word in words]
    if "Act" not in words and not any(_any_starts(text, offsets, word + " ") for word, offsets in instruments):
        return _NONE
    return sorted([*words.get("Act", ()), *(at for _, offsets in instruments for at in offsets)])


def _footnote_at(footnotes: Sequence[tuple[int, int, int, str]], offset: int) -> int | None:
    """The number of the footnote whose line holds ``offset``, or None."""
    for number, content_start, content_end, _ in footnotes:
        if content_start <= offset <= content_end:
            return number
    return None


def _footnote_title(content: str) -> str | None:
    """The title a footnote gives before its URL ("If only someone had listened - ..., http://...")."""
    if content.startswith(_URL_STARTS):
        return None  # nothing before the URL
    url = _FOOTNOTE_URL.search(content)
    title = content[: url.start()] if url else content
    title = title.strip().rstrip(_FOOTNOTE_TITLE_END).strip()
    if len(title.split()) < 2:
        return None
    return title


def _title_year(title: str) -> re.Match | None:
    """The year that ends a title (stripped), bracketed or not: "... children (2018)", "... Strategy 2030".

    Only the title's last seven characters are searched, as the year ends it. Where spaces run
    further back, the match starts inside them rather than at the first; the title before it,
    stripped, is the same.
    """
    # Performance: most titles end in neither a digit nor a bracket, and need no search.
    if not title or (title[-1] != ")" and not title[-1].isdecimal()):  # what \d matches
        return None
    return _TITLE_YEAR.search(title, max(0, len(title) - 7))


def _year_in(title: str) -> int | None:
    match = _title_year(title)
    return int(match["bracketed"] or match["bare"]) if match else None


@lru_cache(maxsize=4096)  # the same dates are cited from answer to answer
def _full_date(written: str | None) -> date | None:
    """A written date with its year; None where the year is not given (it is never guessed)."""
    if not written or not _ENDS_IN_YEAR.search(written):
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
