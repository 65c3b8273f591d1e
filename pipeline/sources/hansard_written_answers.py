"""Hansard's daily written answers on publications.parliament.uk, Commons and Lords (to 2014).

Commons::

    Written Answers to Questions
    Tuesday 7 January 2014                            <- the day of the answers
    Culture, Media and Sport                          <- answering body, for the section
    Broadband                                         <- heading
    Mr Jim Cunningham: To ask the Secretary of State for ... [180645]
    Mr Vaizey [holding answer 6 January 2014]: The Government ...

Lords::

    Cornwall: Stannary Law                            <- heading
    Question
    Asked by Lord Teverson
    To ask Her Majesty's Government, ... Cornwall.[HL9224]
    The Minister of State, Ministry of Justice (Lord McNally): There is no ...

Questions printed one after another above a single answer were answered together.
Column markers ("7 Jan 2014 : Column 97W", "Column WA213") are removed.
"""

from __future__ import annotations

import re
from typing import Iterator

from .common import (HEAD, Rejected, hansard_lines, is_furniture, clean, ends_mid_line, house_from, line_paragraphs, parse_date, parse_speaker,
                     split_bracketed_uin, split_parenthesised)

LAYOUT = "hansard_written_answers"
PRIORITY = 150  # asked last: its marks are a question's own form and UIN

QUESTION_WITH_UIN = re.compile(r"^(?:[^:\n]{2,120}: )?To ask [^\n]*\[(?:HL)?\d+[A-Z]?\]\s*$", re.MULTILINE)
COMMONS_QUESTION = re.compile(r"^(?P<member>[A-Z][^:]{1,120}): (?P<question>To ask .+)$")
ANSWER_START = re.compile(r"^(?P<speaker>[A-Z][^:\[]{1,200}?)\s*(?:\[holding answer (?P<holding>[^\]]*)\])?: (?P<text>.*)$")
ASKED_BY = re.compile(r"^Asked by (?P<member>.+)$")
QUESTION_MARK = re.compile(r"^Questions?$")
DAY_LINE = re.compile(r"^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? \d{1,2} [A-Z][a-z]+ \d{4}$")
COLUMN_DATE = re.compile(r"(?P<date>\d{1,2} [A-Z][a-z]{2,8} \d{4}) : Column")
PAGE_LINES = re.compile(r"^(?:Written Answers(?: to Questions)?|Written Ministerial Statements)$")
NAVIGATION = re.compile(r"(?:Back to Table of Contents|Previous Section|Next Section|Hansard Home Page)")
HEADING_END = tuple(".:;,?!")


def recognises(text: str) -> bool:
    """A question closed by its bracketed UIN, then a speaker's answer ("Mr Vaizey: The ...")."""
    head = text[:HEAD]
    if "To ask" not in head or "§" in head:
        return False
    for match in QUESTION_WITH_UIN.finditer(head):
        following = _next_line(head, match.end())
        if ANSWER_START.match(following) and not following.startswith("To ask"):
            return True
    return False


def _next_line(text: str, start: int) -> str:
    """The first line after ``start`` with content that is not page furniture."""
    while start < len(text):
        end = text.find("\n", start + 1)
        end = len(text) if end < 0 else end
        line = text[start:end].strip()
        if line and not is_furniture(line):
            return line
        start = end
    return ""


def heading_like(line: str) -> bool:
    """Whether a line reads as a heading: short, unpunctuated at its end, not a table row."""
    return (0 < len(line) <= 90 and line[0].isupper() and not line.endswith(HEADING_END)
            and " | " not in line and len(line.split()) <= 12 and not line.startswith("To ask"))


def read(text: str) -> Iterator[dict | Rejected]:
    column_date = COLUMN_DATE.search(text[:HEAD])
    lines, furniture_removed = hansard_lines(text)
    cut = ends_mid_line(text)
    page = {"answered_date": parse_date(column_date["date"]) if column_date else None,
            "answering_body": None, "furniture_removed": furniture_removed}
    questions: list[dict] = []
    answer: list[str] = []  # the current answer's lines; a heading stands at its end until a question shows it
    minister = None
    holding = False
    asker = None
    heading = None
    last_index = max((index for index, line in enumerate(lines) if line.strip()), default=-1)

    def answered(truncated: bool) -> Iterator[dict]:
        text_of = line_paragraphs(answer)
        uins = [question["uin"] for question in questions if question["uin"]]
        for question in questions:
            yield {**page, **question, "answering_minister": minister, "replaces_holding_answer": holding,
                   "answer_text": text_of, "answer_text_truncated": truncated and text_of is not None,
                   "grouped_uins": tuple(uin for uin in uins if uin != question["uin"])}

    def take_heading() -> None:
        """Move the heading (and a section's department) off the end of the text before a question."""
        nonlocal heading
        while answer and not answer[-1]:
            answer.pop()
        trailing = []
        while answer and len(trailing) < 2 and heading_like(answer[-1]):
            trailing.insert(0, answer.pop())
            while answer and not answer[-1]:
                answer.pop()
        if trailing:
            heading = trailing[-1]
            if len(trailing) == 2:
                page["answering_body"] = trailing[0]

    state = "preamble"
    for index, raw in enumerate(lines):
        line = raw.strip()
        if NAVIGATION.search(line):
            page["furniture_removed"] = True
            continue
        if state == "preamble" and (PAGE_LINES.match(line) or DAY_LINE.match(line)):
            if DAY_LINE.match(line):
                page["answered_date"] = parse_date(line)
            continue
        opening = line.startswith("To ask") or ("To ask " in line and COMMONS_QUESTION.match(line))
        if opening or ASKED_BY.match(line) or QUESTION_MARK.match(line):
            if state != "questions":
                take_heading()
                if state == "answer" and questions:
                    yield from answered(truncated=False)
                questions, answer, minister, holding, asker = [], [], None, False, None
                state = "questions"
            if match := ASKED_BY.match(line):
                asker = clean(match["member"])
            elif opening:
                if cut and index == last_index:
                    yield Rejected("record cut off inside its question text")
                    return
                questions.append(_question(line, asker, heading))
            continue
        if state == "questions":
            if not line:
                continue
            if not questions:  # a heading between the "Question" mark and the question
                continue
            state = "answer"
            if match := ANSWER_START.match(line):
                minister = parse_speaker(match["speaker"])
                holding = match["holding"] is not None
                line = match["text"]
        answer.append(line)
    if questions:
        yield from answered(truncated=cut and state == "answer")


def _question(line: str, asker: str | None, heading: str | None) -> dict:
    fields = {"heading": heading, "asking_member": asker, "asking_member_constituency": None}
    if match := COMMONS_QUESTION.match(line):
        name, seat = split_parenthesised(match["member"])
        fields.update(asking_member=clean(name), asking_member_constituency=clean(seat))
        line = match["question"]
    question, uin = split_bracketed_uin(line)
    fields.update(question_text=question, uin=uin, house=house_from(uin, question))
    return fields
