"""parliament.uk "Written questions and answers" listing (2014-2020): many records to a page.

    Q                                          <- missing before some Lords records
    Asked by Jon Trickett                      <- may be missing: the listing then shows
    (Hemsworth)                                   only the constituency
    [N]                                        <- named day: "Close", "Named Day" and the
    Close                                         pop-up's explanation follow (furniture)
    Asked on: 01 March 2019
    Home Office                                <- answering body
    Home Office: Vetting                       <- heading (some records have none)
    Commons                                    <- House
    To ask the Secretary of State for the Home Department, ...
    A
    Answered by: Victoria Atkins
    Answered on: 26 March 2019
    Holding answer received on 18 May 2020     <- optional: this answer replaced a holding one
    <answer paragraphs>
    Grouped Questions: 16197, 16198            <- optional

The listing shows no UIN for the question itself. Each record has one "Asked on:" line;
a record begins at the "Q" (or, where there is none, the "Asked by" line) before it.
"""

from __future__ import annotations

import re
from typing import Iterator

from .common import (
    HEAD, Rejected, clean, constituency_or_none, split_parenthesised, ends_mid_line, finish_record, house_from, parse_date, question_cut, status_flag,
    strip_furniture, without_uncertain_last_line,
)

LAYOUT = "written_questions_listing"

ASKED_BY = re.compile(r"^Asked by\s+(?P<member>.+)$")
CONSTITUENCY = re.compile(r"^\((?P<seat>[^()]+)\)$")
ASKED_ON = re.compile(r"^Asked on:\s*(?P<date>.*)$")
HOLDING_RECEIVED = re.compile(r"^Holding answer received on\b", re.IGNORECASE)
ASKED_ON_LINE = re.compile(r"^Asked on:", re.MULTILINE)
RECORD_MARK = re.compile(r"^(?:Q|Commons|Lords|Answered on:.*)$", re.MULTILINE)
TO_ASK = re.compile(r"^To ask\b", re.IGNORECASE)
ANSWERED_BY = re.compile(r"^Answered by:\s*(?P<member>.*)$")
ANSWERED_ON = re.compile(r"^Answered on:\s*(?P<date>.*)$")
CORRECTED = re.compile(r"^Corrected (?:by|on):")
GROUPED = re.compile(r"^Grouped Questions:\s*(?P<uins>.*)$")
GROUPED_UIN = re.compile(r"(?:HL)?\d+[A-Z]?")
#: The listing's own controls, above the first record and below the last.
PAGE_CONTROLS = re.compile(r"^(?:Showing \d+-\d+ out of \d+|Results per page\b|Expand all answers|Print selected|Previous|Next|First|Last)$")
HOUSES = ("Commons", "Lords")
#: The listing's labels, and the lines it prints whole (marks, the question's opening, its
#: page controls): a page cut inside one of them ("A", "Answ", "Answered on: 03 Feb", "Lo")
#: shows nothing certain on its last line.
LABELS = ("Asked by", "Asked on:", "Answered by:", "Answered on:", "Holding answer received on", "Corrected by:", "Corrected on:",
          "Grouped Questions:")
MARKS = ("Q", "A", *HOUSES, "To ask", "Showing", "Results per page", "Expand all answers", "Print selected", "Previous", "Next", "First", "Last")


def recognises(text: str) -> bool:
    head = text[:HEAD]
    return "Asked on:" in head and bool(ASKED_ON_LINE.search(head)) and bool(RECORD_MARK.search(head))


def record_starts(lines: list[str]) -> list[int]:
    """Where each record begins: at its "Q", or where it has none at its "Asked by" line, or
    at its "Asked on:" line (Lords records may have neither). A "Q" after the last
    "Asked on:" begins a record that the page cut off."""
    starts: list[int] = []
    opened = False  # a record has begun and its "Asked on:" line is still to come
    for index, line in enumerate(lines):
        line = line.strip()
        if line == "Q":
            starts.append(index)
            opened = True
        elif ASKED_BY.match(line) and not opened:
            starts.append(index)
            opened = True
        elif ASKED_ON.match(line):
            if not opened:
                starts.append(index)
            opened = False
    return starts


def read(text: str) -> Iterator[dict | Rejected]:
    # A last line that could be a label's beginning, or a label whose value the cut shortened,
    # is no field's text: the page was cut after the line before it.
    text, label_cut = without_uncertain_last_line(text, LABELS, MARKS)
    lines, furniture_removed = strip_furniture(text)
    starts = record_starts(lines)
    cut = ends_mid_line(text)
    # The listing's search form and explanations stand above the first record.
    furniture_removed = furniture_removed or (bool(starts) and any(line.strip() for line in lines[:starts[0]]))
    for number, start in enumerate(starts):
        last = number == len(starts) - 1
        end = starts[number + 1] if not last else len(lines)
        if lines[start].strip() == "Q":
            start += 1
        record = [line.strip() for line in lines[start:end]]
        if last:
            record = _before_page_controls(record)
        fields = read_record(record, cut_short=last and (cut or label_cut), page=text if last else None)
        if isinstance(fields, dict):
            fields["furniture_removed"] = furniture_removed or fields["furniture_removed"]
        yield fields


def _before_page_controls(record: list[str]) -> list[str]:
    for index, line in enumerate(record):
        if PAGE_CONTROLS.match(line):
            return record[:index]
    return record


def read_record(record: list[str], cut_short: bool, page: str | None = None) -> dict | Rejected:
    """One record's lines (after its "Q"); ``cut_short`` where the page stops inside the record,
    ``page`` the page's text where the record is the page's last."""
    fields: dict = {"furniture_removed": False}
    meta: list[str] = []
    question: list[str] = []
    answer: list[str] = []
    state = "asker"
    for line in record:
        if state == "asker":
            if match := ASKED_BY.match(line):
                # "Asked by Frank Field", or with the seat on the same line: "Asked by Frank Field (Birkenhead)".
                name, seat = split_parenthesised(match["member"])
                fields["asking_member"] = clean(name)
                if seat:
                    fields["asking_member_constituency"] = constituency_or_none(seat)
            elif match := CONSTITUENCY.match(line):
                fields["asking_member_constituency"] = clean(match["seat"])
            elif match := ASKED_ON.match(line):
                fields["tabled_date"] = parse_date(match["date"])
                state = "meta"
            elif line in HOUSES or TO_ASK.match(line):
                # No "Asked on:" line: the House line or the question itself ends the asker block.
                if line in HOUSES:
                    fields["house"] = line
                else:
                    question.append(line)
                state = "question"
            elif line:  # the named-day marker and its pop-up
                fields["furniture_removed"] = True
        elif state == "meta":
            if line in HOUSES:
                fields["house"] = line
                state = "question"
            elif TO_ASK.match(line):  # no House line: the question begins here
                question.append(line)
                state = "question"
            elif line:
                meta.append(line)
        elif state == "question":
            if line == "A":
                state = "answer"
            else:
                question.append(line)
        elif match := ANSWERED_BY.match(line):
            fields["answering_minister"] = clean(match["member"])
        elif match := ANSWERED_ON.match(line):
            fields["answered_date"] = parse_date(match["date"])
        elif HOLDING_RECEIVED.match(line):
            fields["replaces_holding_answer"] = True
        elif CORRECTED.match(line):
            fields["is_correction"] = True
        elif flag := status_flag(line):
            fields[flag] = True
        elif match := GROUPED.match(line):
            fields["grouped_uins"] = tuple(GROUPED_UIN.findall(match["uins"]))
            state = "done"
        elif state == "answer":
            answer.append(line)

    if meta:
        fields["answering_body"] = meta[0]
        fields["heading"] = " ".join(meta[1:]) or None
    # The page's last question with no answer after it was cut where the page stops inside
    # its line or the question does not end as questions end ("... a three-tier system;").
    in_question = state == "question" and page is not None and question_cut(" ".join(question), page, ends_mid_line(page))
    # A page cut inside the grouped UINs has its answer whole.
    record = finish_record(fields, question, answer, cut_short=(cut_short and state != "done") or in_question, in_question=in_question)
    if isinstance(record, dict):
        record["house"] = record.get("house") or house_from(None, record["question_text"])
    return record
