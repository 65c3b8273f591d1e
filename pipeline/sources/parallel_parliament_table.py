"""Parallel Parliament's table of a department's written questions, its columns run together.

    Ministry of Justice
    All 10 Written Questions max 10 shown
    Date Title Questioner                                    <- the table's header
    5 Nov 2019, 5:07 p.m. Ministry of Justice: Honours Seema Malhotra
    Question to the Ministry of Justice
    To ask the Secretary of State for Justice, ...
    Answer (Chris Philp)
    <answer paragraphs>

Each record's first line is the table's row flattened: a date and time, the title, then
the questioner's name. The name is taken from the end of the row where it has a name's
form (a peer's "Lord X of Y", or a forename and surname, with an honorific or initial);
where it has not, the row is kept whole as the title and the questioner is not known.
The date does not say whether the question was tabled or answered then: it is published
as the listed date.
"""

from __future__ import annotations

import re
from typing import Iterator

from .common import (
    HEAD, Rejected, clean, ends_mid_line, finish_record, house_from, parse_date, question_cut, status_flag, strip_furniture,
    without_uncertain_last_line,
)

LAYOUT = "parallel_parliament_department_table"

ROW = re.compile(
    r"^(?P<date>\d{1,2} [A-Z][a-z]{2,8}\.? \d{4}),? (?P<time>\d{1,2}(?:[:.]\d{2})? ?[ap]\.?m\.?|noon|midnight) (?P<rest>\S.*)$"
)
QUESTION_TO = re.compile(r"^Question to the (?P<body>.+?):?\s*$")
ANSWER_BY = re.compile(r"^(?:Answer \((?P<name>[^()]+)\)|Answered by:?\s+(?P<member>.+?)(?: - .+)?)$")
HEADER = re.compile(r"^Date Title Questioner$", re.MULTILINE)
_WORD = r"[A-Z][\w'’.-]+"
PEER_AT_END = re.compile(
    rf"(?:The )?(?:Lord|Baroness|Viscount|Viscountess|Earl|Countess|Lady|Duke|Marquess|Bishop)(?: {_WORD})+(?: of (?:the )?{_WORD}(?: {_WORD})?)?$"
)
MEMBER_AT_END = re.compile(rf"(?:(?:Sir|Dame|Dr|Mr|Mrs|Ms|Miss) )?{_WORD}(?: (?:[A-Z]\.?|de|van|von|le|la|du))? {_WORD}$")
#: The labels as printed: a page cut inside one of them ("A", "Answer (Chris Ph") shows
#: nothing certain on its last line.
LABEL_WORDS = ("Question to the", "Answer (", "Answered by")
MARKS = ("To ask",)
#: The beginning of a row cut part-way, before its title: "28 Oct 2019, 5:3".
ROW_BEGINNING = re.compile(r"^\d{1,2}(?: [A-Z][a-z]{0,8}\.?(?: \d{1,4}(?:,? ?\d{0,2}(?:[:.]\d{0,2})?[ apm.]*)?)?)?$")


def recognises(text: str) -> bool:
    head = text[:HEAD]
    if "Question to the " not in head or ("Answer (" not in head and "Date Title Questioner" not in head):
        return False
    lines = [line.strip() for line in head.split("\n")]
    return (bool(HEADER.search(head)) or any(ANSWER_BY.match(line) and line.startswith("Answer (") for line in lines)) and any(
        ROW.match(line) for line in lines) and "Question to the " in head


def split_row(rest: str) -> tuple[str | None, str | None]:
    """A flattened row's title and questioner: ``"Witnesses Richard Burgon"`` -> ``("Witnesses", "Richard Burgon")``."""
    rest = rest.strip()
    for pattern in (PEER_AT_END, MEMBER_AT_END):
        for match in pattern.finditer(rest):
            start = match.start()
            if start > 0 and rest[start - 1] == " ":
                return clean(rest[:start]), clean(match.group(0))
    return clean(rest), None


def read(text: str) -> Iterator[dict | Rejected]:
    text, label_cut = without_uncertain_last_line(text, LABEL_WORDS, MARKS, ROW_BEGINNING)
    lines, furniture_removed = strip_furniture(text)
    lines = [line.strip() for line in lines]
    starts = [index for index, line in enumerate(lines) if ROW.match(line)]
    cut = ends_mid_line(text)
    for number, start in enumerate(starts):
        last = number == len(starts) - 1
        end = starts[number + 1] if not last else len(lines)
        yield read_record(lines[start:end], cut_short=last and (cut or label_cut), last=last, furniture_removed=furniture_removed,
                          page=text if last else None)


def read_record(record: list[str], *, cut_short: bool, last: bool, furniture_removed: bool, page: str | None = None) -> dict | Rejected:
    """One record's lines from its row; ``cut_short`` where the page stops inside the record,
    ``page`` the page's text where the record is the page's last."""
    row = ROW.match(record[0])
    heading, member = split_row(row["rest"])
    # The row's date does not say whose it is: the listed date, neither tabled nor answered.
    fields: dict = {"heading": heading, "asking_member": member, "listed_date": parse_date(row["date"]), "furniture_removed": furniture_removed}
    question: list[str] = []
    answer: list[str] = []
    state = "before-question"
    for line in record[1:]:
        if state == "before-question" and (match := QUESTION_TO.match(line)):
            fields["answering_body"] = clean(match["body"])
            state = "question"
        elif state in ("before-question", "question") and (match := ANSWER_BY.match(line)):
            fields["answering_minister"] = clean(match["name"] or match["member"])
            state = "answer"
        elif flag := status_flag(line):
            fields[flag] = True
        elif state == "question" or (state == "before-question" and line[:6].lower() == "to ask"):
            question.append(line)
            state = "question"
        elif state == "answer":
            answer.append(line)
    if last and not cut_short and state == "answer" and answer:
        # The last record of a page that stops inside a table (a header cell, no figures)
        # ends without a sentence's end: its answer goes on beyond the page.
        last_line = next((line for line in reversed(answer) if line), "")
        cut_short = bool(last_line) and ends_mid_line(last_line)
    # The page's last question with no answer after it was cut where the page stops inside its
    # line, or where it does not end as questions end ("... in (a)").
    in_question = state == "question" and page is not None and question_cut(" ".join(question), page, ends_mid_line(page))
    fields = finish_record(fields, question, answer, cut_short=cut_short or in_question, in_question=in_question)
    if isinstance(fields, dict):
        fields["house"] = house_from(None, fields["question_text"])
    return fields
