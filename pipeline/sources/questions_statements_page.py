"""Today's questions-statements.parliament.uk written-question page (2019 onwards).

    Children: Exploitation                          <- heading
    Question for Department for Education           <- answering body
    UIN 281056, tabled on 23 July 2019
    To ask the Secretary of State for Education, ...
    This answer is the replacement for a previous holding answer.
    Answered on
    2 August 2019
    <answer paragraphs>

"Asked by" and "Answered by" blocks, where the page has them, name the members.
"""

from __future__ import annotations

import re
from typing import Iterator

from .common import HEAD, PORTRAIT_CAPTION, house_from, paragraphs, parse_date, status_flag, strip_furniture

LAYOUT = "questions_statements_page"

QUESTION_FOR = re.compile(r"^Question for (?P<body>.+?)\s*$")
UIN_TABLED = re.compile(r"^UIN (?P<uin>(?:HL)?\d+[A-Z]?),\s*tabled on\s*(?P<date>.*)$")
ANSWERED_ON = re.compile(r"^Answered on\s*(?P<date>.*)$")
ASKED_BY = re.compile(r"^Asked by\s*(?P<member>.*)$")
ANSWERED_BY = re.compile(r"^Answered by\s*(?P<member>.*)$")
QUESTION_FOR_THEN_UIN = re.compile(r"^Question for .+\n(?:[ \t]*\n)*UIN (?:HL)?\d+", re.MULTILINE)


def recognises(text: str) -> bool:
    head = text[:HEAD]
    return "Question for " in head and bool(QUESTION_FOR_THEN_UIN.search(head))


def read(text: str) -> Iterator[dict]:
    lines, furniture_removed = strip_furniture(text)
    fields: dict = {"furniture_removed": furniture_removed}
    heading_lines: list[str] = []
    question_lines: list[str] = []
    state = "heading"
    index = 0
    for index, raw in enumerate(lines):
        line = raw.strip()
        if match := QUESTION_FOR.match(line):
            fields["answering_body"] = match["body"]
            state = "meta"
        elif state == "heading":
            heading_lines.append(line)
        elif match := UIN_TABLED.match(line):
            fields["uin"] = match["uin"]
            fields["tabled_date"] = parse_date(match["date"])
            state = "question"
        elif flag := status_flag(line):
            fields[flag] = True
        elif match := ASKED_BY.match(line):
            state = "asker"
            fields["asking_member"] = match["member"] or None
        elif match := ANSWERED_BY.match(line):
            state = "minister"
            fields["answering_minister"] = match["member"] or None
        elif match := ANSWERED_ON.match(line):
            answered = parse_date(match["date"])
            index += 1
            if answered is None:  # the date stands on the next non-blank line
                while index < len(lines) and not lines[index].strip():
                    index += 1
                answered = parse_date(lines[index]) if index < len(lines) else None
                if answered is not None:
                    index += 1
            fields["answered_date"] = answered
            break
        elif state == "question":
            question_lines.append(line)
        elif state in ("asker", "minister") and line and not PORTRAIT_CAPTION.match(line):
            key = "asking_member" if state == "asker" else "answering_minister"
            fields.setdefault(key, None)
            if fields[key] is None:
                fields[key] = line
    else:
        index = len(lines)

    fields["heading"] = paragraphs(heading_lines)
    fields["question_text"] = paragraphs(question_lines)
    fields["answer_text"] = paragraphs(lines[index:])
    fields["house"] = house_from(fields.get("uin"), fields["question_text"])
    yield fields
