"""The older parliament.uk written-question page (2014 onwards).

    Out of Area Treatment: Northern Ireland        <- heading
    (asked on )                                    <- tabled date, may be empty
    Question to the Department for Education:      <- answering body
    To ask the Secretary of State for Education, ...
    Answered by
    Edward Timpson Portrait                        <- photo caption (furniture)
    Edward Timpson                                 <- answering minister
    This question was answered on 7th May 2014
    <answer paragraphs, then numbered footnotes>
"""

from __future__ import annotations

import re
from typing import Iterator

from .common import HEAD, PORTRAIT_CAPTION, house_from, paragraphs, parse_date, status_flag, strip_furniture

LAYOUT = "parliament_question_page"

ASKED_ON = re.compile(r"^\(asked on\s*(?P<date>[^)]*)\)\s*$", re.IGNORECASE)
QUESTION_TO = re.compile(r"^Question to the (?P<body>.+?):?\s*$")
ASKED_BY = re.compile(r"^Asked by\s*(?P<member>.*)$")
ANSWERED_ON = re.compile(r"^This question was answered on\s*(?P<date>.*)$")
ASKED_ON_LINE = re.compile(r"^\(asked on", re.MULTILINE | re.IGNORECASE)


def recognises(text: str) -> bool:
    head = text[:HEAD]
    return "This question was answered on" in head and bool(ASKED_ON_LINE.search(head))


def read(text: str) -> Iterator[dict]:
    lines, furniture_removed = strip_furniture(text)
    fields: dict = {"furniture_removed": furniture_removed}
    index = 0
    heading_lines: list[str] = []
    while index < len(lines) and not ASKED_ON.match(lines[index].strip()):
        heading_lines.append(lines[index])
        index += 1
    fields["heading"] = paragraphs(heading_lines)
    if index < len(lines):
        fields["tabled_date"] = parse_date(ASKED_ON.match(lines[index].strip())["date"])
        index += 1

    question_lines: list[str] = []
    minister_lines: list[str] = []
    state = "before-question"
    for index in range(index, len(lines)):
        line = lines[index].strip()
        if match := QUESTION_TO.match(line):
            fields["answering_body"] = match["body"]
            state = "question"
        elif match := ASKED_BY.match(line):
            fields["asking_member"] = match["member"] or None
        elif line == "Answered by":
            state = "minister"
        elif match := ANSWERED_ON.match(line):
            fields["answered_date"] = parse_date(match["date"])
            index += 1
            break
        elif flag := status_flag(line):
            fields[flag] = True
        elif state == "question":
            question_lines.append(line)
        elif state == "minister" and line and not PORTRAIT_CAPTION.match(line):
            minister_lines.append(line)
    else:
        index = len(lines)

    fields["question_text"] = paragraphs(question_lines)
    fields["answering_minister"] = " ".join(minister_lines) or None
    fields["answer_text"] = paragraphs(lines[index:])
    fields["house"] = house_from(None, fields["question_text"])
    yield fields
