"""What every source reader needs: written dates, page furniture, the House from a
question's form, members' names as pages print them, HTML answers as plain text, and
the signs of a page cut short."""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from html.parser import HTMLParser

_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"], 1)}
_MONTHS.update({name[:3]: number for name, number in list(_MONTHS.items())})
_MONTHS["sept"] = 9

WRITTEN_DATE = re.compile(
    r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
    r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>[A-Za-z]{3,9})\.?,?\s+(?P<year>\d{4})\b"
)
ISO_DATE = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?:[T ][0-9:.]+Z?)?")


@lru_cache(maxsize=4096)  # performance: a page (and a corpus) prints the same few dates over and over
def parse_date(text: str | None) -> date | None:
    """A date in any written form the sources use ("7th May 2014", "Thursday 16th May 2024",
    "23 July 2019", "2024-08-30T00:00:00"), or ``None`` where the text holds no valid date."""
    if not text:
        return None
    text = text.strip()
    if match := ISO_DATE.fullmatch(text):
        parts = int(match["year"]), int(match["month"]), int(match["day"])
    elif match := WRITTEN_DATE.search(text):
        month = _MONTHS.get(match["month"].lower())
        if month is None:
            return None
        parts = int(match["year"]), month, int(match["day"])
    else:
        return None
    try:
        return date(*parts)
    except ValueError:
        return None


#: A day and month printed without a year ("25 June", "9th July", "3 Sept."), as order papers
#: head their groups of questions; a year after it makes it a whole date, read by parse_date.
DAY_MONTH = re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>[A-Za-z]{3,9})\b(?!\.?,?\s*\d{4})\.?")


def day_month_dates(text: str | None, paper_date: date | None) -> list[date]:
    """The dates printed without a year in ``text`` ("25 June (9 July)"), in order, each in the
    year the paper's own date gives: the latest such day not after the paper's date (a
    paper of 10 January 2010 lists "14 December" of 2009). Without the paper's date
    there is no year to give, and no date is returned; impossible days are skipped."""
    if not text or paper_date is None:
        return []
    found = []
    for match in DAY_MONTH.finditer(text):
        month = _MONTHS.get(match["month"].lower().rstrip("."))
        if month is None:
            continue
        for year in (paper_date.year, paper_date.year - 1):
            try:
                candidate = date(year, month, int(match["day"]))
            except ValueError:
                continue
            if candidate <= paper_date:
                found.append(candidate)
                break
    return found


def parse_iso_datetime(text: str | None) -> date | None:
    """The date part of an API timestamp such as ``2024-08-30T00:00:00``."""
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        return parse_date(text)


#: How much of a seed ``recognises`` looks at: a layout's labels all appear near the top.
HEAD = 16 * 1024


def search_where(pattern: re.Pattern, text: str, words: str, before: int = 0, start: int = 0) -> re.Match | None:
    """``pattern.search(text, start)`` for a pattern whose every match begins ``before`` characters
    before ``words``: tried only there. Performance: a pattern that begins with a line's start
    or a word's boundary is tried at every position of the text; ``str.find`` finds the words
    many times faster (a pattern matched at a position sees the text before it, as in a search)."""
    found = text.find(words, start + before)
    while found >= 0:
        if match := pattern.match(text, found - before):
            return match
        found = text.find(words, found + 1)
    return None

#: Lines that web pages wrap around content; they are never part of a field.
FURNITURE_LINES = re.compile(
    r"^(?:Skip to main content|Reticulating Splines|Loading\.*|Menu|Search|Cookie settings|Back to top|Share this page|Print this page)$",
    re.IGNORECASE,
)
#: Spinner and navigation text that pages glue onto the end or start of a real line.
FURNITURE_FRAGMENTS = re.compile(r"(?:Reticulating Splines|Skip to main content)")
_FRAGMENT_WORDS = ("Reticulating Splines", "Skip to main content")
#: A member's photo caption ("Edward Timpson Portrait"): a short name, never a sentence.
PORTRAIT_CAPTION = re.compile(r"^(?P<name>[A-Z][\w'’.-]*(?: [\w'’.(),-]+){0,7}) Portrait$")


#: Performance: the lengths of FURNITURE_LINES' whole lines but "Loading..." (which begins with
#: an L, in either case); a line of another length is none of them (ignoring case matches one
#: character with one character), and is not matched against the pattern.
_FURNITURE_LENGTHS = frozenset({4, 6, 11, 15, 20})


def is_furniture(line: str) -> bool:
    """Whether a whole (stripped) line is navigation, spinner text or a photo caption."""
    if not line or len(line) > 80:
        return False
    return bool(((len(line) in _FURNITURE_LENGTHS or line[0] in "Ll") and FURNITURE_LINES.match(line))
                or (line.endswith(" Portrait") and PORTRAIT_CAPTION.match(line)))


def strip_furniture(text: str) -> tuple[list[str], bool]:
    """The page's lines with navigation, spinner text and photo captions removed, and whether any was.

    Fragments glued to real text ("...gangs.Skip to main content") are cut out of the line.
    """
    # Performance: a page no longer than a head is asked twice in a row where a reader looks at
    # its lines to recognise it, then reads it: the last such page's lines are kept (a fresh list
    # is handed out each time, as readers change theirs).
    global _last_stripped
    if len(text) <= HEAD:
        last_text, last_kept, last_removed = _last_stripped
        if text == last_text:
            return list(last_kept), last_removed
        kept, removed = _strip_furniture(text)
        _last_stripped = (text, tuple(kept), removed)
        return kept, removed
    return _strip_furniture(text)


#: The last page stripped by :func:`strip_furniture` no longer than a head: (page, its lines, whether any was furniture).
_last_stripped: tuple[str | None, tuple[str, ...], bool] = (None, (), False)


def _strip_furniture(text: str) -> tuple[list[str], bool]:
    lines = text.split("\n")
    if not any(word in text for word in _FRAGMENT_WORDS):
        # Performance: is_furniture inlined, as every line of every page is asked.
        # A long line that does not begin with a space is no furniture, and is not stripped twice.
        kept = []
        for line in lines:
            line = line.rstrip()
            if line and (len(line) <= 80 or line[0].isspace()):
                bare = line.lstrip()
                if bare and len(bare) <= 80 and (
                        ((len(bare) in _FURNITURE_LENGTHS or bare[0] in "Ll") and FURNITURE_LINES.match(bare))
                        or (bare.endswith(" Portrait") and PORTRAIT_CAPTION.match(bare))):
                    continue
            kept.append(line)
        return kept, len(kept) < len(lines)
    removed = False
    kept = []
    for line in lines:
        # Performance: only a line holding a fragment's words is searched for it.
        cleaned = FURNITURE_FRAGMENTS.sub("", line) if "Reticulating Splines" in line or "Skip to main content" in line else line
        if cleaned != line:
            removed = True
            if not cleaned.strip():
                continue  # the whole line was furniture: it leaves no blank line behind
            line = cleaned
        if is_furniture(line.strip()):
            removed = True
            continue
        kept.append(line.rstrip())
    return kept, removed


def paragraphs(lines: list[str]) -> str | None:
    """Lines (each without its line break) joined into plain text: one blank line between
    paragraphs, none at the ends."""
    return _joined_paragraphs("\n".join([line.strip() for line in lines]))


def _joined_paragraphs(text: str) -> str | None:
    """Stripped lines joined by line breaks, with every run of blank lines made one blank line."""
    return "\n\n".join([block for block in (piece.strip("\n") for piece in text.split("\n\n")) if block]) or None


def line_paragraphs(lines: list[str]) -> str | None:
    """Lines that are each a paragraph (as in Hansard's text) joined with one blank line between."""
    return "\n\n".join(line.strip() for line in lines if line.strip()) or None


@dataclass(frozen=True)
class Rejected:
    """A record in a seed that cannot be published, and why."""

    reason: str


#: Status lines that pages print between a question and its answer, and the flag each sets.
STATUS_LINES = (
    (re.compile(r"^This answer is the replacement for a previous holding answer\.?$", re.IGNORECASE), "replaces_holding_answer"),
    (re.compile(r"^This is a holding answer\.?$", re.IGNORECASE), "is_holding_answer"),
    (re.compile(r"^This answer (?:is a correction|was corrected)", re.IGNORECASE), "is_correction"),
    (re.compile(r"^This question was withdrawn", re.IGNORECASE), "is_withdrawn"),
)


def status_flag(line: str) -> str | None:
    """The answer flag that a status line ("This answer is the replacement for ...") sets, if it is one."""
    if line[:5].lower() == "this ":
        for pattern, flag in STATUS_LINES:
            if pattern.match(line):
                return flag
    return None


def finish_record(fields: dict, question: list[str], answer: list[str], *, cut_short: bool, in_question: bool):
    """A listing record's fields completed with its question and answer text, or the reason it
    cannot be published. A record cut off inside its question is published with what is
    visible, marked truncated (its answer lies beyond the cut); only a record cut off
    before any of its question is reported."""
    fields["question_text"] = paragraphs(question)
    if fields["question_text"] is None:
        return Rejected("record cut off before its question text" if cut_short else "record has no question text")
    if cut_short and in_question:
        fields["question_text_truncated"] = True
        fields["answer_text"] = None
        fields["answer_text_truncated"] = False
        return fields
    fields["answer_text"] = paragraphs(answer)
    # Cut after its question: the answer is cut short, or wholly beyond the cut.
    fields["answer_text_truncated"] = cut_short
    return fields


#: Older Hansard reports the question as "asked Her Majesty's Government" after the asker's name.
LORDS_QUESTION = re.compile(r"^(?:To ask|asked) (?:Her|His) Majesty['’]?s Government", re.IGNORECASE)


def house_from(uin: str | None, question_text: str | None) -> str | None:
    """The House a question was tabled in, where its UIN or its wording settles it.

    Lords UINs begin HL and Lords questions are put to "Her/His Majesty's
    Government"; Commons questions are put to a named minister ("To ask the
    Secretary of State for ...").
    """
    if uin:
        return "Lords" if uin.upper().startswith("HL") else "Commons"
    if question_text:
        if LORDS_QUESTION.match(question_text):
            return "Lords"
        if _COMMONS_QUESTION.match(question_text):
            return "Commons"
    return None


#: Commons questions are put to a named minister.
_COMMONS_QUESTION = re.compile(r"^(?:To ask|asked) the (?:Secretary of State|Secretary to the Treasury|Financial Secretary|President of the Board|Postmaster|First Lord|First Commissioner|Lord Advocate|Home Secretary|Under-Secretary|Parliamentary Secretary|Lord Privy Seal|Paymaster|Attorney-General|Solicitor-General|Minister|Chancellor|Prime Minister|Attorney General|Solicitor General|Advocate General|Leader of the House|President of the Council|Deputy Prime Minister|Chair|hon\.? Member|Honourable Member|right hon\.)", re.IGNORECASE)


# --- members' names as pages print them ----------------------------------------------

#: What republishers print in a peer's "seat" place: the kind of peerage, not a constituency.
PEERAGE_KINDS = frozenset({
    "life peer", "hereditary", "excepted hereditary", "bishops", "bishop", "lord spiritual",
    "lords spiritual", "life peeress", "hereditary peer",
})


def clean(value: str | None) -> str | None:
    """A field value with its spacing tidied, or ``None`` where nothing is left."""
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def split_parenthesised(text: str) -> tuple[str, str | None]:
    """``"Name (inside)"`` as ``("Name", "inside")``; the bracket may nest ("Labour (Co-op)")."""
    text = text.strip()
    if not text.endswith(")"):
        return text, None
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        if text[index] == ")":
            depth += 1
        elif text[index] == "(":
            depth -= 1
            if depth == 0:
                return text[:index].strip(), text[index + 1:-1].strip() or None
    return text, None


def constituency_or_none(seat: str | None) -> str | None:
    """A seat as printed, unless it is a peer's kind of peerage (peers have no constituency)."""
    seat = clean(seat)
    if seat is None or seat.lower() in PEERAGE_KINDS:
        return None
    return seat


def parse_member(text: str | None) -> tuple[str | None, str | None, str | None]:
    """A member as republishers print them: ``"Name (Party - Seat)"``.

    Returns (name, party, constituency); a peer's "Life peer" is not a constituency.
    """
    if not text:
        return None, None, None
    name, inside = split_parenthesised(text)
    if inside is None:
        return clean(name), None, None
    party, dash, seat = inside.partition(" - ")
    return clean(name), clean(party), constituency_or_none(seat) if dash else None


def parse_speaker(text: str | None) -> str | None:
    """The person in a Hansard speaker label.

    A minister is printed by office with the name in brackets ("The Minister of State,
    Ministry of Justice (Lord McNally)"); a member by name ("Mr Vaizey").
    """
    text = clean(text)
    if text is None:
        return None
    name, inside = split_parenthesised(text)
    if inside and name.startswith("The "):
        return clean(inside)
    return text


# --- answer text given as HTML -------------------------------------------------------

_PARAGRAPH_TAGS = frozenset({"p", "div", "ul", "ol", "table", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article"})
_LINE_TAGS = frozenset({"br", "li", "tr", "caption", "dt", "dd"})
_SKIPPED_TAGS = frozenset({"script", "style", "head", "title"})


class _PlainText(HTMLParser):
    """Collects an HTML fragment's text with paragraph and line breaks where its blocks are."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.cell = 0
        #: Inside a table cell: its paragraphs and line breaks become spaces, so that every row
        #: stays on one line with its cells (empty ones too) separated by " | ".
        self.in_cell = False
        self.link: str | None = None
        self.link_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED_TAGS:
            self.skipping += 1
        elif self.in_cell and tag != "table" and (tag in _PARAGRAPH_TAGS or tag in _LINE_TAGS and tag != "tr"):
            self.parts.append(" ")
        elif tag in _PARAGRAPH_TAGS:
            self.parts.append("\n\n")
            self.in_cell = False
        elif tag in _LINE_TAGS:
            self.parts.append("\n")
            self.cell = 0
            self.in_cell = False
        elif tag in ("td", "th"):
            if self.cell:
                self.parts.append(" | ")
            self.cell += 1
            self.in_cell = True
        elif tag == "a":
            self.link = dict(attrs).get("href") or None
            self.link_text = []

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self.parts.append(" " if self.in_cell else "\n")

    def handle_endtag(self, tag):
        if tag in _SKIPPED_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in ("td", "th"):
            self.in_cell = False
        elif self.in_cell and tag in _PARAGRAPH_TAGS and tag != "table":
            self.parts.append(" ")
        elif tag in _PARAGRAPH_TAGS:
            self.parts.append("\n\n")
            self.in_cell = False
        elif tag == "a" and self.link:
            # Keep a link's address where its text does not show it, so no reference is lost.
            shown = " ".join("".join(self.link_text).split())
            if self.link.startswith(("http://", "https://")) and self.link.rstrip("/") not in shown:
                self.parts.append(f" ({self.link})")
            self.link = None

    def handle_data(self, data):
        if self.skipping:
            return
        self.parts.append(data)
        if self.link:
            self.link_text.append(data)


def html_to_text(markup: str | None) -> str | None:
    """An HTML answer as plain text: paragraphs separated by one blank line, list items
    and table rows one to a line (cells separated by " | "), entities unescaped."""
    if markup is None:
        return None
    if "<" not in markup:
        # Already plain text (the API's list endpoint strips tags but leaves entities).
        return (html.unescape(markup) if "&" in markup else markup).strip() or None
    if _NEEDS_FULL_PARSER.search(markup):
        collector = _PlainText()
        collector.feed(markup)
        collector.close()
        text = "".join(collector.parts)
    elif _NEEDS_STATE.search(markup):
        text = _simple_markup_text(markup)
    else:
        # Paragraphs and line breaks only (most answers): three passes in C, same result.
        text = _ANY_TAG.sub("", _LINE_TAG.sub("\n", _PARAGRAPH_TAG.sub("\n\n", markup)))
        text = html.unescape(text) if "&" in text else text
    return _tidy_lines(text)


#: Tags whose reading depends on what came before: links (their address) and table cells.
_NEEDS_STATE = re.compile(r"<(?:a|td|th)[\s>/]", re.IGNORECASE)
_PARAGRAPH_TAG = re.compile(r"</?(?:%s)(?:[\s/][^<>]*)?>" % "|".join(sorted(_PARAGRAPH_TAGS, key=len, reverse=True)), re.IGNORECASE)
_LINE_TAG = re.compile(r"<(?:br|li|tr|caption|dt|dd)(?:[\s/][^<>]*)?>", re.IGNORECASE)
_ANY_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:[\s/][^<>]*)?>")


#: Markup that only html.parser reads right: comments, declarations, script and style.
_NEEDS_FULL_PARSER = re.compile(r"<(?:!|\?|script|style|head|title)", re.IGNORECASE)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)((?:[\s/][^<>]*)?)>")
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)


def _feed_simple(collector: _PlainText, markup: str) -> None:
    """Drive the collector over plain tags and text, as html.parser would, several times faster.

    Answers are overwhelmingly paragraphs, lists, tables and links: no comments or scripts.
    """
    done = 0
    for match in _TAG.finditer(markup):
        if match.start() > done:
            collector.handle_data(html.unescape(markup[done:match.start()]))
        closing, tag, attributes = match.group(1), match.group(2).lower(), match.group(3)
        if closing:
            collector.handle_endtag(tag)
        elif attributes.endswith("/"):
            collector.handle_startendtag(tag, [])
        else:
            href = _HREF.search(attributes) if tag == "a" else None
            value = next((group for group in href.groups() if group is not None), None) if href else None
            collector.handle_starttag(tag, [("href", html.unescape(value))] if value is not None else [])
        done = match.end()
    if done < len(markup):
        collector.handle_data(html.unescape(markup[done:]))


def _simple_markup_text(markup: str) -> str:
    """What :func:`_feed_simple` drives the collector to make of markup without comments,
    declarations, scripts or styles, made in one loop. Performance: the collector's handlers
    (:class:`_PlainText`) are inlined, as a long answer has hundreds of tags; any change to
    them is made here too (the tests compare the two)."""
    parts: list[str] = []
    append = parts.append
    unescape = html.unescape
    skipping = 0  # no skipped tag opens in such markup; counted as the collector counts it
    cell = 0
    in_cell = False
    link: str | None = None
    link_text: list[str] = []
    # The text before the first tag, then for each tag: its closing slash, name, attributes and the text after it.
    pieces = _TAG.split(markup)
    data = pieces[0]
    if data and not skipping:
        data = unescape(data) if "&" in data else data
        append(data)
    for index in range(1, len(pieces), 4):
        closing, tag, attributes, data = pieces[index], pieces[index + 1].lower(), pieces[index + 2], pieces[index + 3]
        if closing:
            if tag in _SKIPPED_TAGS:
                skipping = max(0, skipping - 1)
            elif tag == "td" or tag == "th":
                in_cell = False
            elif in_cell and tag in _PARAGRAPH_TAGS and tag != "table":
                append(" ")
            elif tag in _PARAGRAPH_TAGS:
                append("\n\n")
                in_cell = False
            elif tag == "a" and link:
                shown = " ".join("".join(link_text).split())
                if link.startswith(("http://", "https://")) and link.rstrip("/") not in shown:
                    append(f" ({link})")
                link = None
        elif attributes.endswith("/"):
            if tag == "br":
                append(" " if in_cell else "\n")
        elif tag in _SKIPPED_TAGS:
            skipping += 1
        elif in_cell and tag != "table" and (tag in _PARAGRAPH_TAGS or tag in _LINE_TAGS and tag != "tr"):
            append(" ")
        elif tag in _PARAGRAPH_TAGS:
            append("\n\n")
            in_cell = False
        elif tag in _LINE_TAGS:
            append("\n")
            cell = 0
            in_cell = False
        elif tag == "td" or tag == "th":
            if cell:
                append(" | ")
            cell += 1
            in_cell = True
        elif tag == "a":
            href = _HREF.search(attributes)
            value = next((group for group in href.groups() if group is not None), None) if href else None
            link = (unescape(value) if value is not None else None) or None
            link_text = []
        if data and not skipping:
            data = unescape(data) if "&" in data else data
            append(data)
            if link:
                link_text.append(data)
    return "".join(parts)


def _tidy_lines(text: str) -> str | None:
    """Each line's spacing collapsed to single spaces, then the lines joined as :func:`paragraphs`
    joins them: the runs of lines with text in them, one blank line between runs.

    Performance: the blank lines between blocks are most of a converted answer's lines; they are
    split off in one pass rather than tidied one by one (no line inside a run is blank: it would
    have split the run)."""
    runs = []
    for block in _BLANK_LINES.split(text):
        tidied = [" ".join(line.split()) for line in block.split("\n")]
        if run := "\n".join([line for line in tidied if line]):
            runs.append(run)
    return "\n\n".join(runs) or None


#: One or more blank (empty or whitespace-only) lines, with the line break before them.
_BLANK_LINES = re.compile(r"\n(?:[^\S\n]*\n)+")


# --- pages cut short -----------------------------------------------------------------

_COMPLETE_ENDINGS = tuple(".!?:;)]}\"'’”»…")


#: Marks of questions answered orally in the chamber, which Hansard prints in the same forms
#: as written ones: a citation to columns without "W" ("HC Deb 06 March 1919 vol 113
#: cc637-8"; written answers' columns are "cc637-8W", "c45WA"), or the oral answers' heading.
ORAL_CITATION = re.compile(r"\bH[CL] Deb \d{1,2} [A-Z][a-z]+ \d{4} vol \d+ c{1,2}\d+(?:-\d+)?(?![\d\-W])")
ORAL_HEADING = re.compile(r"^(?:Oral Answers to Questions|Oral Answers|Oral Questions)\b", re.MULTILINE | re.IGNORECASE)


#: Performance: ORAL_HEADING's "^" holds at the start or after a line break; searched for after
#: the line break, which the scan finds at C speed, it gives the same answer several times faster.
_ORAL_HEADING_ON_A_LINE = re.compile(r"\n(?:Oral Answers to Questions|Oral Answers|Oral Questions)\b", re.IGNORECASE)
#: Performance: the last page's opening and the answer, as three readers ask of the same page.
_last_chamber: tuple[str, bool] = ("", False)


def answered_in_the_chamber(head: str) -> bool:
    """Whether a page's opening shows questions answered orally, not written answers."""
    global _last_chamber
    last_head, last_answer = _last_chamber
    if head == last_head:
        return last_answer
    answer = bool(search_where(ORAL_CITATION, head, " Deb ", 2)
                  or ORAL_HEADING.match(head) or _ORAL_HEADING_ON_A_LINE.search(head))
    _last_chamber = (head, answer)
    return answer


def ends_mid_line(text: str) -> bool:
    """Whether the text stops in the middle of a line: its last line may be cut short.

    Example pages are often the first N bytes of a page; a whole page ends with a line
    break or at least with a sentence's end.
    """
    tail = text.rstrip(" \t")
    return bool(tail) and not tail.endswith("\n") and not tail.endswith(_COMPLETE_ENDINGS)


def page_cut_short(text: str) -> bool:
    """Whether a page stops mid-line, not counting spinner or navigation text printed last
    ("... the number of local authorities.\n\nReticulating Splines" is a whole page)."""
    if not ends_mid_line(text):
        return False
    last = text.rstrip().rsplit("\n", 1)[-1].strip()
    return not (is_furniture(last) or (FURNITURE_FRAGMENTS.fullmatch(last) is not None))


def is_cut_label(line: str, labels: tuple[str, ...]) -> bool:
    """Whether the last line of a page cut short is one of the layout's labels cut part-way
    ("Answered b" for "Answered by"): it then belongs to no field."""
    line = line.strip()
    return len(line) >= 2 and any(label.startswith(line) or line.startswith(label) for label in labels)


#: Lines a page may stop inside that are never a field's text: furniture (see
#: :data:`FURNITURE_LINES`: "Reticulating S") and the status lines (:data:`STATUS_LINES`).
_WHOLE_LINES = ("Skip to main content", "Reticulating Splines", "Loading", "Menu", "Search", "Cookie settings", "Back to top",
                "Share this page", "Print this page", "This answer is the replacement for a previous holding answer",
                "This is a holding answer", "This answer is a correction", "This answer was corrected", "This question was withdrawn")


def could_begin(line: str, words: tuple[str, ...], beginning: re.Pattern | None = None) -> bool:
    """Whether a line a page stops inside could be the beginning of one of ``words`` (a
    layout's labels and the lines it prints whole: "A" and "Answ" for "Answered by:", "To a"
    for "To ask", "Lo" for "Lords"), of a furniture or status line ("Reticulating S"), or of
    a line the layout's ``beginning`` pattern matches the beginnings of (a table row's "28 Oct
    2019, 5:3"). A whole furniture line is furniture, not the beginning of anything."""
    line = line.strip()
    if not line or is_furniture(line):
        return False
    folded = line.casefold()
    return (any(word.startswith(line) for word in words) or (beginning is not None and beginning.match(line) is not None)
            or any(whole.casefold().startswith(folded) for whole in _WHOLE_LINES))


def without_uncertain_last_line(text: str, labels: tuple[str, ...], marks: tuple[str, ...] = (),
                                beginning: re.Pattern | None = None) -> tuple[str, bool]:
    """A page that stops inside its last line, without that line where it tells nothing
    certain, and whether it was taken off: the line could be the beginning of one of the
    layout's ``labels``, of its ``marks`` (lines printed whole) or of a line ``beginning``
    matches (:func:`could_begin`), whatever it ends in ("28 Oct 2019, 5:31 p.m."); or, where
    it stops mid-line (:func:`ends_mid_line`), it is a label whose value the cut may have
    shortened ("Answered by: Mr Dav"). At worst such a line is the first letters of a
    paragraph the cut lost. What is left ends at a line break: the page was cut after it, so
    a record it ends in lost what followed."""
    tail = text.rstrip(" \t")
    if not tail or tail.endswith("\n"):
        return text, False
    start = text.rstrip().rfind("\n") + 1
    line = text[start:].strip()
    if could_begin(line, (*labels, *marks), beginning) or (ends_mid_line(text) and any(line.startswith(label) for label in labels)):
        return text[:start], True
    return text, False


def closed(question: str) -> bool:
    """Whether a question's text has ended: with its UIN, or with the end of a sentence. A
    numbered question's part ending "; [105342]" has not: its next part follows. A question
    stopping after ";", "(a)" or a bracket ("(HL Deb, cols 2475–98)") has more to come; one
    ending in a quotation's close ('... the report "Fit for the Future".') has ended."""
    if _PART_UIN_END.search(question):
        return False
    return question.rstrip().rstrip("\"'’”").endswith((".", "?", "!", "]", ".)"))


_PART_UIN_END = re.compile(r";\s*\[(?:HL)?\d+[A-Z]?\]\s*$")


def question_cut(question: str, text: str, cut: bool) -> bool:
    """Whether a page's last question, with no answer after it, was cut: the page stops inside a
    line, or the question does not end as questions end, or it ends in a full stop (which may
    be an abbreviation's: "by 10 per cent.", "To ask the hon.") with no line break after it."""
    if cut or not closed(question):
        return True
    return question.rstrip().endswith(".") and not text.rstrip(" \t").endswith("\n")


#: Hansard column markers ("Column 967W", "7 Jan 2014 : Column 97W", "Column WA213") fall
#: mid-sentence where a printed column ends; they are never part of a field.
COLUMN_MARKER = re.compile(r"Column (?:\d+W|W[AS] ?\d+)\b")
_MARKER_DATE = re.compile(r"\d{1,2} [A-Z][a-z]{2,8}\.? \d{4}\s*:\s*$")
_SENTENCE_END = tuple(".!?:\"'’”)]")  # a UIN in brackets closes a question


def remove_column_markers(text: str) -> str:
    """The text without column markers. Between paragraphs a marker's line break stays a
    line break; inside a sentence the text runs on with one space."""
    if "Column" not in text:
        return text
    pieces: list[str] = []
    done = 0
    for match in COLUMN_MARKER.finditer(text):
        start, end = match.start(), match.end()
        if start < done:
            continue
        if dated := _MARKER_DATE.search(text, max(done, start - 40), start):
            start = dated.start()
        before, start = _skip_space_back(text, start, done)
        after, end = _skip_space_on(text, end)
        kept = text[done:start]
        pieces.append(kept)
        pieces.append("\n" if (before or after) and kept.rstrip().endswith(_SENTENCE_END) else " ")
        done = end
    pieces.append(text[done:])
    return "".join(pieces)


def _skip_space_back(text: str, index: int, floor: int) -> tuple[bool, int]:
    """Spaces and at most one line break before ``index``: whether there was a break, and where they start."""
    broke = False
    while index > floor and text[index - 1] in " \t":
        index -= 1
    if index > floor and text[index - 1] == "\n":
        broke, index = True, index - 1
        while index > floor and text[index - 1] in " \t":
            index -= 1
    return broke, index


def _skip_space_on(text: str, index: int) -> tuple[bool, int]:
    broke = False
    while index < len(text) and text[index] in " \t":
        index += 1
    if index < len(text) and text[index] == "\n":
        broke, index = True, index + 1
        while index < len(text) and text[index] in " \t":
            index += 1
    return broke, index


def hansard_lines(text: str) -> tuple[list[str], bool]:
    """A Hansard page's lines, furniture removed first so a column marker's neighbours meet."""
    lines, removed = strip_furniture(text)
    if "Column" in text:
        lines = remove_column_markers("\n".join(lines)).split("\n")
    return lines, removed


#: A UIN as Hansard prints it after a question: "[131122]", "[HL9224]".
BRACKETED_UIN = re.compile(r"\s*\[(?P<uin>(?:HL)?\d+[A-Z]?)\]\s*$")


def split_bracketed_uin(question: str) -> tuple[str, str | None]:
    """A question with its trailing bracketed UIN taken off, and that UIN."""
    if not question.endswith("]"):
        return question, None
    match = BRACKETED_UIN.search(question)
    if match is None:
        return question, None
    return question[:match.start()].rstrip(), match["uin"]


# --- JSON seeds ----------------------------------------------------------------------

_JSON = json.JSONDecoder(strict=False)  # real dumps carry raw line breaks inside strings


def load_json(text: str):
    """The whole document, or ``None`` where it is not valid JSON (for example cut short)."""
    try:
        return _JSON.decode(text)
    except ValueError:
        return None
