"""House of Lords Business: questions for written answer, listed before they are answered.

Two papers print them. The day's "Questions for Written Answer", under one tabling line::

    Questions for Written Answer for 21 February 2023
    Tabled on 20 February 2023 and due for answer by 6 March 2023.
    Lord Alton of Liverpool to ask His Majesty's Government what ... access.  HL5635
    Answered                                   <- status only: the answer is not in the paper
    Lord Birt to ask His Majesty's Government what ... for the treatm… Item text truncated - open link to view full item text

and the "Cumulative list of unanswered Questions for Written Answer", grouped by the day
they were tabled, with the day they are due in brackets and no year (the year is the
paper's own, or the year before for a day later in the year than the paper)::

    No. 13 10 MARCH 2010
    5 January (19 January)
    Lord Ouseley to ask Her Majesty’s Government whether ... and why. [GEO] HL1005

Each item is a question not yet answered (whatever its status line says, the paper
holds no answer): it is published with its answer fields empty. An item the site cut
("… Item text truncated") or the page cut is published with what is visible, marked
truncated; its UIN, printed at the end, is then not known.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Iterator

from .common import HEAD, Rejected, clean, ends_mid_line, parse_date, question_cut, strip_furniture

LAYOUT = "lords_business_written_questions"

TITLE = re.compile(r"(?:Questions for Written Answer|unanswered Questions for Written Answer)", re.IGNORECASE)
#: "<Peer> to ask Her Majesty's Government ...": the member, then the question.
ITEM = re.compile(
    r"^(?P<member>(?:The )?[A-Z][^\n]{1,100}?)\s+(?P<question>to ask (?:(?:Her|His) Majesty[’']s Government|the (?:Leader of the House|"
    r"Chairman of Committees|Senior Deputy Speaker|Lord Speaker|Lord Privy Seal|Chairman of the [A-Z][\w ]+Committee))\b.*)$"
)
#: What ends an item: the answering department's abbreviation in brackets, then the UIN.
ITEM_END = re.compile(r"\s*(?:\[(?P<body>[^\[\]]{1,40})\]\s*)?(?P<open>\[)?(?P<uin>HL\s?\d+[A-Z]?)(?(open)\])\s*$")
#: The start of an item's end cut part-way: "... access.  HL56", "... and why. [GE".
PARTIAL_END = re.compile(r"(?<=[.?!])\s+(?:\[[^\]]*\]?\s*)?(?:H(?:L\s?\d*)?)?$")
#: The site's own cut marker, itself cut part-way ("... the treatm… Ite").
PARTIAL_SITE_CUT = re.compile(r"\s*…[A-Za-z -]{0,60}$")
SITE_CUT = re.compile(r"\s*…?\s*Item text truncated\b.*$")
#: "Tabled on 20 February 2023 and due ...", or without the year ("Tabled on 19 March and due
#: for answer by 4 April."), which is then the paper's own.
TABLED_ON = re.compile(r"^Tabled on (?P<day>\d{1,2}) (?P<month>[A-Za-z]+)(?: (?P<year>\d{4}))?\b")
#: "5 January (19 January)": the day tabled, then the day due, without a year.
TABLED_GROUP = re.compile(r"^(?P<day>\d{1,2}) (?P<month>[A-Za-z]+)(?: (?P<year>\d{4}))? \([^()]*\)$")
#: Sections of a business paper whose items are not questions for written answer.
OTHER_SECTION = re.compile(r"^(?:Oral Questions|Topical Oral Questions|Starred Questions|Unstarred Questions|Questions for Short Debate|Business of the House|Motions?\b)", re.IGNORECASE)
WRITTEN_SECTION = re.compile(r"Questions for Written Answer", re.IGNORECASE)
STATUS = re.compile(r"^(?:Answered|Unanswered|Withdrawn|Not answered)$", re.IGNORECASE)


def recognises(text: str) -> bool:
    head = text[:HEAD]
    return "House of Lords" in head and ("Questions for Written Answer" in head or "QUESTIONS FOR WRITTEN ANSWER" in head) and any(ITEM.match(line.strip()) for line in head.split("\n"))


def paper_date(lines: list[str]) -> date | None:
    """The paper's own date: the first full date printed above the first item."""
    for line in lines:
        if ITEM.match(line):
            return None
        if TABLED_ON.match(line):
            continue
        found = parse_date(line)
        if found is not None:
            return found
    return None


def _group_date(match: re.Match, paper: date | None) -> date | None:
    year = int(match["year"]) if match["year"] else (paper.year if paper else None)
    if year is None:
        return None
    found = parse_date(f"{match['day']} {match['month']} {year}")
    if found is not None and not match["year"] and paper is not None and found > paper:
        # A cumulative list in January still holds questions tabled in December.
        found = parse_date(f"{match['day']} {match['month']} {year - 1}")
    return found


def read(text: str) -> Iterator[dict | Rejected]:
    lines, furniture_removed = strip_furniture(text)
    lines = [line.strip() for line in lines]
    paper = paper_date(lines)
    cut = ends_mid_line(text)
    last_content = max((i for i, line in enumerate(lines) if line), default=-1)
    # On a page cut short the last line stops mid-word: a UIN there may be cut part-way.
    last_line = last_content if cut else len(lines)
    tabled: date | None = None
    item: list[str] = []
    member = None

    def finish(cut_here: bool):
        return _item(member, item, tabled, cut_here, furniture_removed)

    written = True  # in a section of questions for written answer
    for index, line in enumerate(lines):
        if OTHER_SECTION.match(line) or WRITTEN_SECTION.search(line):
            if item:
                yield finish(False)
                item = []
            written = not OTHER_SECTION.match(line)
            continue
        if not written:
            continue  # an oral question or a debate's item, not a written question
        if match := TABLED_ON.match(line):
            tabled = _group_date(match, paper)
        elif match := TABLED_GROUP.match(line):
            if item:
                yield finish(False)
                item = []
            tabled = _group_date(match, paper)
        elif match := ITEM.match(line):
            if item:
                yield finish(False)
            member, item = clean(match["member"]), [match["question"]]
        elif item and not line and index > last_content:
            continue  # the page ends after the item: whether it was cut is told below
        elif item and (not line or STATUS.match(line)):
            yield finish(False)
            item = []
        elif item:
            item.append(line)  # an item printed over several lines
        else:
            continue
        if item and index < last_line and (ITEM_END.search(item[-1]) or SITE_CUT.search(item[-1])):
            yield finish(False)  # the UIN (or the site's cut) ends the item
            item = []
    if item:
        # The page stops in an item before its UIN: cut where it stops inside the item's line,
        # where the item does not end as questions end ("... in Blackburn;", "... (HL Deb, cols
        # 2475–98)"), or where it shows the beginning of what ends an item ("... and why. [GEO]").
        question = " ".join(item)
        yield finish(question_cut(question, text, cut) or PARTIAL_END.search(question) is not None)


def _item(member: str | None, item: list[str], tabled: date | None, cut_here: bool, furniture_removed: bool) -> dict | Rejected:
    question = " ".join(item).strip()
    fields: dict = {"house": "Lords", "asking_member": member, "tabled_date": tabled, "furniture_removed": furniture_removed}
    site_cut = SITE_CUT.search(question)
    if site_cut:
        # The site cut the item, sometimes inside its UIN ("... being prepared.  HL… Item text truncated").
        question = PARTIAL_END.sub("", question[:site_cut.start()].rstrip(" …"))
        fields["question_text_truncated"] = True
    elif cut_here:
        # The page stops inside the item: what ends it (department, UIN) may itself be cut,
        # and is no part of the question.
        fields["question_text_truncated"] = True
        question = PARTIAL_END.sub("", PARTIAL_SITE_CUT.sub("", question))
    elif end := ITEM_END.search(question):
        fields["uin"] = end["uin"].replace(" ", "")
        fields["answering_body"] = clean(end["body"])
        question = question[:end.start()].rstrip()
    # The paper prints "<Peer> to ask ..."; the question as tabled begins "To ask".
    fields["question_text"] = question[:1].upper() + question[1:] if question else None
    if fields["question_text"] is None:
        return Rejected("item has no question text")
    return fields
