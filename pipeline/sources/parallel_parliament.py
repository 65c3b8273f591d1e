"""Parallel Parliament's written-answer listings (parallelparliament.co.uk), many records to a page.

    Written Question                               <- missing from some copies
    Asylum: Republic of Ireland                    <- heading (missing with the line above)
    Thursday 16th May 2024                         <- a date, unlabelled
    Asked by: Lord Weir of Ballyholme (Democratic Unionist Party - Life peer)
    Question to the Home Office:
    To ask His Majesty's Government ...
    Answered by Lord Sharpe of Epsom - Parliamentary Under-Secretary (Home Office)
    This question was answered on 30th May 2024    <- on a question's own page only
    <answer paragraphs>

The date line beside the heading does not say what it is: it is the tabled date on some
pages and the answered date on others (a record dated 24 March is cited elsewhere on the
same page as "the Written Answer ... on 24 March"), so it is published as the listed date,
neither tabled nor answered. The date of
the answer is published only where a line says so. A record begins at "Written
Question", or, in copies without those lines, at its "Asked by:" line. The asker's seat
settles the House: an MP has a constituency, a peer a kind of peerage ("Life peer").
"""

from __future__ import annotations

import re
from typing import Iterator

from .common import (
    HEAD, PEERAGE_KINDS, Rejected, clean, ends_mid_line, finish_record, house_from, paragraphs, parse_date, parse_member, question_cut,
    split_parenthesised, status_flag, strip_furniture, without_uncertain_last_line,
)

LAYOUT = "parallel_parliament_listing"

RECORD_START = "Written Question"
ASKED_BY = re.compile(r"^Asked by:\s*(?P<member>.+)$")
QUESTION_TO = re.compile(r"^Question to the (?P<body>.+?):\s*$")
ANSWERED_BY = re.compile(r"^Answered by\s+(?P<member>.+?)(?: - (?P<role>.+))?$")
ANSWERED_ON = re.compile(r"^This question was answered on\s*(?P<date>.+)$")
DATE_LINE = re.compile(r"^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? )?\d{1,2}(?:st|nd|rd|th)? [A-Z][a-z]+ \d{4}$")
RECORD_LINE = re.compile(r"^(?:Written Question|Question to the .+:)\s*$", re.MULTILINE)
ASKED_BY_LINE = re.compile(r"^Asked by: ", re.MULTILINE)
HOLDING_RECEIVED = re.compile(r"^Holding answer received on\b", re.IGNORECASE)
#: The labels as printed: a page cut inside one of them ("A", "Answered b"), or inside the
#: value after one ("Answered by Lord Sh"), shows nothing certain on its last line.
LABEL_WORDS = ("Written Question", "Asked by:", "Question to the", "Answered by", "This question was answered on", "Holding answer received on")
MARKS = ("To ask",)


def recognises(text: str) -> bool:
    head = text[:HEAD]
    return "Asked by: " in head and "Question to the " in head and bool(ASKED_BY_LINE.search(head)) and bool(RECORD_LINE.search(head))


def record_starts(lines: list[str]) -> list[int]:
    """Where each record begins: its "Written Question" line, or its "Asked by:" line where
    the record has no "Written Question" line above it."""
    starts: list[int] = []
    asker_seen = True
    for index, line in enumerate(lines):
        line = line.strip()
        if line == RECORD_START:
            starts.append(index)
            asker_seen = False
        elif ASKED_BY.match(line):
            if asker_seen:
                starts.append(index)
            asker_seen = True
    return starts


def read(text: str) -> Iterator[dict | Rejected]:
    text, label_cut = without_uncertain_last_line(text, LABEL_WORDS, MARKS)
    lines, furniture_removed = strip_furniture(text)
    starts = record_starts(lines)
    # The site's search tips and alert offers stand above the first record.
    furniture_removed = furniture_removed or (bool(starts) and any(line.strip() for line in lines[:starts[0]]))
    cut = ends_mid_line(text)
    for number, start in enumerate(starts):
        last = number == len(starts) - 1
        end = len(lines) if last else starts[number + 1]
        if lines[start].strip() == RECORD_START:
            start += 1
        fields = read_record([line.strip() for line in lines[start:end]], cut_short=last and (cut or label_cut), page=text if last else None)
        if isinstance(fields, dict):
            fields["furniture_removed"] = furniture_removed
        yield fields


def house_of_member(printed: str | None) -> str | None:
    """The House of a member printed as "Name (Party - Seat)": a peer's seat is a kind of peerage."""
    if not printed:
        return None
    inside = split_parenthesised(printed)[1]
    if not inside or " - " not in inside:
        return None
    seat = clean(inside.rpartition(" - ")[2]) or ""
    return "Lords" if seat.lower() in PEERAGE_KINDS else "Commons"


def read_record(record: list[str], cut_short: bool, page: str | None = None) -> dict | Rejected:
    """One record's lines; ``cut_short`` where the page stops inside the record, ``page`` the
    page's text where the record is the page's last."""
    fields: dict = {}
    heading: list[str] = []
    question: list[str] = []
    answer: list[str] = []
    state = "heading"
    member_house = None
    for line in record:
        if match := ASKED_BY.match(line):
            name, party, constituency = parse_member(match["member"])
            fields.update(asking_member=name, asking_member_party=party, asking_member_constituency=constituency)
            member_house = house_of_member(match["member"])
            state = "asker" if state == "heading" else state
        elif state == "heading" and DATE_LINE.match(line):
            # A heading may mention a date; this line is only one. It does not say whose date
            # it is (tabled or answered): it is the listed date, neither of those.
            fields["listed_date"] = parse_date(line)
            state = "asker"
        elif state == "heading":
            heading.append(line)
        elif state in ("asker", "heading") and (match := QUESTION_TO.match(line)):
            fields["answering_body"] = clean(match["body"])
            state = "question"
        elif state == "question" and (match := ANSWERED_BY.match(line)):
            fields["answering_minister"] = clean(match["member"])
            state = "answer"
        elif state == "question":
            question.append(line)
        elif match := ANSWERED_ON.match(line):
            fields["answered_date"] = parse_date(match["date"])
        elif flag := status_flag(line):
            fields[flag] = True
        elif HOLDING_RECEIVED.match(line):
            fields["replaces_holding_answer"] = True
        elif state == "answer":
            answer.append(line)

    fields["heading"] = paragraphs(heading)
    # The page's last question with no answer after it was cut where the page stops inside its
    # line, or where it does not end as questions end ("... worked (a)"); a page cut after it,
    # inside a label, has the question whole and the answer beyond the cut.
    in_question = state == "question" and page is not None and question_cut(" ".join(question), page, ends_mid_line(page))
    record = finish_record(fields, question, answer, cut_short=cut_short or in_question, in_question=in_question)
    if isinstance(record, dict):
        record["house"] = house_from(None, record["question_text"]) or member_house
    return record

