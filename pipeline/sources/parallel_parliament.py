"""Parallel Parliament's written-answer listings (parallelparliament.co.uk), many records to a page.

    Written Question
    Asylum: Republic of Ireland                    <- heading
    Thursday 16th May 2024                         <- the date the question was tabled
    Asked by: Lord Weir of Ballyholme (Democratic Unionist Party - Life peer)
    Question to the Home Office:
    To ask His Majesty's Government ...
    Answered by Lord Sharpe of Epsom - Parliamentary Under-Secretary (Home Office)
    This question was answered on 30th May 2024    <- on a question's own page only
    <answer paragraphs>

The site prints the date a question was tabled beside its heading, as the official
page it republishes does; the date of the answer only where it says so.
"""

from __future__ import annotations

import re
from typing import Iterator

from .common import HEAD, Rejected, clean, ends_mid_line, finish_record, house_from, paragraphs, parse_date, parse_member, status_flag, strip_furniture

LAYOUT = "parallel_parliament_listing"

RECORD_START = "Written Question"
ASKED_BY = re.compile(r"^Asked by:\s*(?P<member>.+)$")
QUESTION_TO = re.compile(r"^Question to the (?P<body>.+?):\s*$")
ANSWERED_BY = re.compile(r"^Answered by\s+(?P<member>.+?)(?: - (?P<role>.+))?$")
ANSWERED_ON = re.compile(r"^This question was answered on\s*(?P<date>.+)$")
DATE_LINE = re.compile(r"^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? )?\d{1,2}(?:st|nd|rd|th)? [A-Z][a-z]+ \d{4}$")
RECORD_LINE = re.compile(r"^Written Question$", re.MULTILINE)
LABELS = (ASKED_BY, QUESTION_TO, ANSWERED_BY, ANSWERED_ON)


def recognises(text: str) -> bool:
    head = text[:HEAD]
    return "\nAsked by: " in head and "Question to the " in head and bool(RECORD_LINE.search(head))


def read(text: str) -> Iterator[dict | Rejected]:
    lines, furniture_removed = strip_furniture(text)
    starts = [index for index, line in enumerate(lines) if line.strip() == RECORD_START]
    # The site's search tips and alert offers stand above the first record.
    furniture_removed = furniture_removed or (bool(starts) and any(line.strip() for line in lines[:starts[0]]))
    cut = ends_mid_line(text)
    for number, start in enumerate(starts):
        last = number == len(starts) - 1
        end = len(lines) if last else starts[number + 1]
        fields = read_record([line.strip() for line in lines[start + 1:end]], cut_short=last and cut)
        if isinstance(fields, dict):
            fields["furniture_removed"] = furniture_removed
        yield fields


def read_record(record: list[str], cut_short: bool) -> dict | Rejected:
    while record and not record[-1]:
        record.pop()
    if cut_short and record and any(label.match(record[-1]) for label in LABELS):
        record = record[:-1]  # a label's value cut mid-word cannot be trusted
    fields: dict = {}
    heading: list[str] = []
    question: list[str] = []
    answer: list[str] = []
    state = "heading"
    for line in record:
        if state == "heading" and DATE_LINE.match(line):  # a heading may mention a date; this line is only one
            fields["tabled_date"] = parse_date(line)
            state = "asker"
        elif state == "heading":
            heading.append(line)
        elif match := ASKED_BY.match(line):
            name, party, constituency = parse_member(match["member"])
            fields.update(asking_member=name, asking_member_party=party, asking_member_constituency=constituency)
        elif match := QUESTION_TO.match(line):
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
        elif state == "answer":
            answer.append(line)

    fields["heading"] = paragraphs(heading)
    record = finish_record(fields, question, answer, cut_short=cut_short, in_question=state == "question")
    if isinstance(record, dict):
        record["house"] = house_from(None, record["question_text"])
    return record

