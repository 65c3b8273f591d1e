"""Hansard's daily written answers, Commons (1989 on) and Lords (to 2014), as the
Parliament website printed them (publications.parliament.uk, cmhansrd/ldhansrd).

Commons::

    Written Answers to Questions
    Tuesday 7 January 2014                            <- the day of the answers
    Culture, Media and Sport                          <- answering body, for the section
    Broadband                                         <- heading
    Mr Jim Cunningham: To ask the Secretary of State for ... [180645]
    Mr Vaizey [holding answer 6 January 2014]: The Government ...

Older Commons pages (1989-2005) print "Mrs. Gorman : To ask ..." with no UIN, or the
name and its colon on a line of their own ("Mr. Paul Marsden:" / "To ask ..."); an
order number may stand before the name ("109. Mr. French : To ask"); the next turn may
run on from the last sentence ("... price quoted.Mr. Allen : To ask"); the day is only
in column markers ("26 Oct 1999 : Column: 813"); numbered parts of one question follow
on lines of their own ("(2) what provision ...", each part with its UIN).

Lords::

    Cornwall: Stannary Law                            <- heading
    Question
    Asked by Lord Teverson
    To ask Her Majesty's Government, ... Cornwall.[HL9224]
    The Minister of State, Ministry of Justice (Lord McNally): There is no ...

Questions printed one after another above a single answer were answered together.
A page that stops inside a question publishes what it shows, marked cut; a question
after which the page stops has its answer beyond the cut.
"""

from __future__ import annotations

import re
from typing import Iterator

from .common import HEAD, Rejected, answered_in_the_chamber, clean, house_from, line_paragraphs, parse_date, split_parenthesised
from .hansard import ORDER_NUMBER, OFFICE_START, STARTS_WITH_HONORIFIC, closed, question_cut, uncertain_cut_line, is_column_marker, page_lines, is_navigation, addressed_to, marked_lines, minister_and_body, name_like, page_cut, speaker_like

LAYOUT = "hansard_written_answers"
PRIORITY = 150  # asked last: its marks are a question's own form and UIN

#: "Mr. Wigley : To ask", "109. Mr. French : To ask", "Mr Jim Cunningham: To ask".
COMMONS_QUESTION = re.compile(r"^(?:\d{1,4}\.\s*)?(?P<member>[A-Z][^:]{1,120}?)\s?: (?P<question>To ask\b.*)$")
ANSWER_START = re.compile(r"^(?P<speaker>[A-Z][^:\[]{1,200}?)\s*(?:\[holding answer (?P<holding>[^\]]*)\])?\s?: (?P<text>.*)$")
#: A name and its colon on a line of their own, the turn on the next line.
NAME_ALONE = re.compile(r"^(?:\d{1,4}\.\s*)?(?P<name>[A-Z][^:\[]{1,120}?)\s*(?P<holding>\[holding answer [^\]]*\])?\s?:$")
#: A turn run on from the last sentence: "... price quoted.Mr. Allen : To ask", "[14258]Mrs. Browning: The ...".
RUN_ON_TURN = re.compile(r"(?<=[a-z.?)\]])(?=(?:\d{1,4}\.\s*)?(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lady|Lord|Baroness|Earl|Viscount)\.?\s[A-Z][^:\n]{0,60}?\s?: \S)")
#: Performance: what RUN_ON_TURN looks for after its first character, without the look behind
#: that makes it try every position: looked for first, it passes over most lines many times faster.
_RUN_ON_TITLE = re.compile(r"(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lady|Lord|Baroness|Earl|Viscount)\.?\s[A-Z][^:\n]{0,60}?\s?: \S")
#: Lords items to about 2010: "Lord Laird asked Her Majesty's Government:" with the question on the next line.
LORDS_ASKED = re.compile(r"^(?P<member>[A-Z][^:]{1,120}?)\s?(?P<question>asked (?:Her|His) Majesty['’]s Government\b.*)$")
ASKED_BY = re.compile(r"^Asked by (?P<member>.+)$")
#: How other layouts say who answered and when; Hansard never prints these labels.
ANSWER_LABEL = re.compile(r"^(?:Answered by|Answered on)\b", re.IGNORECASE)
QUESTION_MARK = re.compile(r"^Questions?$")
DAY_LINE = re.compile(r"^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? \d{1,2} [A-Z][a-z]+ \d{4}$")
COLUMN_DATE = re.compile(r"(?P<date>\d{1,2} [A-Z][a-z]{2,8} \d{4}) : Column")
PAGE_LINES = re.compile(r"^(?:Written Answers(?: to Questions)?|Written Ministerial Statements)$")
NAVIGATION = re.compile(r"(?:Back to Table of Contents|Previous Section|Next Section|Hansard Home Page)")
HEADING_END = tuple(".:;,?!")
UINS = re.compile(r"\[((?:HL)?\d+[A-Z]?)\]")
TRAILING_UIN = re.compile(r"\s*\[(?:HL)?\d+[A-Z]?\]\s*$")
#: A numbered part of a question on a line of its own: "(2) what provision ...".
PART = re.compile(r"^\(\d{1,2}\)\s")


def recognises(text: str) -> bool:
    """Questions in the tabled form ("To ask ...") put by a named member or closed by a UIN,
    answered by a speaker's turn ("Mr Vaizey: The ..."), more often than by a label.

    Hansard names who answered only by the turn. A page whose questions are mostly followed
    by "Answered by" / "Answered on" labels is another layout (or none), though one of its
    records may be printed in Hansard's form: the layout is the one most of its marks show.
    """
    head = text[:HEAD]
    if ("To ask" not in head and " Majesty" not in head) or "§" in head or answered_in_the_chamber(head):
        return False
    lines = turn_lines([line for line in head.split("\n") if not is_column_marker(line) and not is_navigation(line.strip())])
    asked = False
    by_turn = by_label = 0
    for line in lines:
        if _is_question(line):
            asked = True
        elif asked and ANSWER_LABEL.match(line):
            by_label, asked = by_label + 1, False
        elif asked and _answer_start(line):
            by_turn, asked = by_turn + 1, False
    return by_turn > by_label


def _is_question(line: str, relaxed: bool = False) -> bool:
    """A question's first line; ``relaxed`` for a line the page stops inside, however short."""
    if line.startswith("To ask"):
        return bool(TRAILING_UIN.search(line)) or len(line) > 40 or relaxed
    # Performance: the words each pattern needs, looked for first (most lines have neither).
    if " Majesty" in line and (lords := LORDS_ASKED.match(line)) and name_like(lords["member"].strip()):
        return True
    match = COMMONS_QUESTION.match(line) if ": To ask" in line else None
    return bool(match) and name_like(match["member"].strip())


def _answer_start(line: str, relaxed: bool = False) -> re.Match | None:
    """A speaker's turn: a name (with a title, or of two words or more) or an office, then a
    sentence. A heading with a colon ("Schools: Stoke-on-Trent") is neither."""
    match = ANSWER_START.match(line) if ": " in line else None  # performance: the colon it needs, looked for first
    if match is None or match["text"].startswith("To ask"):
        return None
    speaker, said = match["speaker"].strip(), match["text"].strip()
    if not speaker_like(speaker) or (len(speaker.split()) < 2 and not STARTS_WITH_HONORIFIC.match(speaker + " ")):
        return None
    if len(said.split()) < 4 and not said.endswith((".", ":")) and not relaxed and not STARTS_WITH_HONORIFIC.match(speaker + " "):
        return None  # a short text after a name without a title may be a heading's ("Armed Forces: Housing")
    return match


def turn_lines(lines: list[str]) -> list[str]:
    """The page's stripped lines with every turn starting a line of its own: run-on turns split
    off, and a name standing alone with its colon joined to the turn's first line."""
    out: list[str] = []
    for raw in lines:
        line = raw.strip()
        if line and ": " in line and _RUN_ON_TITLE.search(line) and RUN_ON_TURN.search(line):
            pieces = RUN_ON_TURN.split(line)
            out.extend(piece.strip() for piece in pieces if piece.strip())
            continue
        out.append(line)
    joined: list[str] = []
    waiting: str | None = None
    for line in out:
        if waiting is not None:
            if not line:
                continue
            joined.append(f"{waiting} {line}")
            waiting = None
            continue
        match = NAME_ALONE.match(line) if line.endswith(":") else None  # performance: a name alone ends with its colon
        if match and speaker_like(match["name"]):
            waiting = line.rstrip(":").rstrip() + ":"
            continue
        joined.append(line)
    # A name with nothing after it (the page ends there) says nothing of its turn: it is left out.
    return joined


def _drop_trailing_heading(lines: list[str], cut: bool) -> None:
    """Take off the headings of a question beyond the page's end from the last answer's lines: up
    to two heading-like lines (a department, a subject) standing after a blank line, or with one
    in capitals ("HOME DEPARTMENT" / "Asylum Seekers"), or where the page stops inside them."""
    while lines and not lines[-1]:
        lines.pop()
    block: list[int] = []
    index = len(lines) - 1
    while index > 0 and len(block) < 2 and heading_like(lines[index]):
        block.append(index)
        index -= 1
        while index > 0 and not lines[index]:
            index -= 1
    if not block:
        return
    first = block[-1]
    if cut or any(lines[i].isupper() for i in block) or not lines[first - 1]:
        del lines[first:]
        while lines and not lines[-1]:
            lines.pop()


def heading_like(line: str) -> bool:
    """Whether a line reads as a heading: short, unpunctuated at its end, not a table row."""
    return (0 < len(line) <= 90 and line[0].isupper() and not line.endswith(HEADING_END)
            and " | " not in line and len(line.split()) <= 12 and not line.startswith("To ask"))


def read(text: str) -> Iterator[dict | Rejected]:
    column_date = COLUMN_DATE.search(text[:HEAD])
    raw_lines, furniture_removed = page_lines(text)
    lines = turn_lines(marked_lines([line.strip() for line in raw_lines], keep=lambda line: True))
    cut = page_cut(text)
    last = max((i for i, line in enumerate(lines) if line), default=-1)
    if last >= 0 and not text.rstrip(" \t").endswith("\n") and uncertain_cut_line(lines[last]):
        # Cut where it may be a question's opening or a label ("Mrs Grant [holding answer 6
        # January 2014]" with no colon nor line break after it): no field's, the page cut there.
        lines, cut = lines[:last], True
    page = {"answered_date": parse_date(column_date["date"]) if column_date else None, "answering_body": None,
            "furniture_removed": furniture_removed}
    records: list[dict] = []  # each: the questions answered together, the answer's speaker, lines and holding date
    orphan: list[str] = []  # lines before the first question: the end of an answer above the page's start
    questions: list[dict] = []
    answer: dict | None = None
    asker = None
    heading = None
    state = "preamble"
    cut_turn = False

    def take_heading(from_lines: list[str]) -> None:
        """Move the heading (and a section's department) off the end of the text before a question."""
        nonlocal heading
        while from_lines and not from_lines[-1]:
            from_lines.pop()
        trailing = []
        while from_lines and len(trailing) < 2 and heading_like(from_lines[-1]):
            trailing.insert(0, from_lines.pop())
            while from_lines and not from_lines[-1]:
                from_lines.pop()
        if trailing:
            heading = trailing[-1]
            if len(trailing) == 2:
                page["answering_body"] = trailing[0]

    final = max((i for i, line in enumerate(lines) if line), default=-1)
    for index, line in enumerate(lines):
        # The page stops inside this line, or it is a last line of a few words ("Mr."): its turn
        # may be one word long, or cut before its text.
        relaxed = index == final and (cut or len(line.split()) <= 5 or line.count("[") > line.count("]"))
        if NAVIGATION.search(line) or is_navigation(line):
            page["furniture_removed"] = True
            continue
        if state == "preamble" and (PAGE_LINES.match(line) or DAY_LINE.match(line)):
            if DAY_LINE.match(line):
                page["answered_date"] = parse_date(line)
            continue
        opening = _is_question(line, relaxed)
        if opening or ASKED_BY.match(line) or QUESTION_MARK.match(line):
            if state != "questions":
                take_heading(answer["lines"] if answer is not None else orphan)
                if questions:
                    records.append({"questions": questions, "answer": answer, "department": page["answering_body"]})
                questions, answer, asker = [], None, None
                state = "questions"
            if match := ASKED_BY.match(line):
                asker = clean(match["member"])
            elif opening:
                questions.append(_question(line, asker, heading))
            continue
        if state == "questions":
            if not line or not questions:
                continue  # a heading between the "Question" mark and the question
            last = questions[-1]
            if not _answer_start(line, relaxed) and (PART.match(line) or not closed(last["text"])):
                last["text"] += "\n\n" + line  # a numbered part, or the question's next paragraph
                continue
            if relaxed and not _answer_start(line, relaxed) and (len(line.split()) <= 4 or (
                    ":" not in line and (OFFICE_START.match(line) or STARTS_WITH_HONORIFIC.match(line + " ") or "[holding answer" in line))):
                continue  # "Mr. Nicholas Be": a speaker's label cut before the answer began
            state = "answer"
            answer = {"speaker": None, "holding": False, "lines": []}
            if match := _answer_start(line, relaxed):
                answer["speaker"], answer["holding"] = match["speaker"], match["holding"] is not None
                line = match["text"]
            answer["lines"].append(line)
        elif state == "answer":
            unnumbered = ORDER_NUMBER.sub("", line)
            if relaxed and (((match := ANSWER_START.match(unnumbered)) and speaker_like(match["speaker"]))
                            or (STARTS_WITH_HONORIFIC.match(unnumbered + " ") and len(line.split()) <= 5)
                            # "M", "Mrs. Ro": the start of a speaker's name, the page ending there
                            or (len(line.split()) <= 3 and line[0].isupper() and not any(c.isdigit() for c in line)
                                and not line.endswith((".", "?", "!", ":")) and answer["lines"] and heading_like(answer["lines"][-1]))):
                cut_turn = True  # "Mr. Blizzard : T": the next record, cut before its question
                continue
            answer["lines"].append(line)
        else:
            orphan.append(line)
    if questions:
        if answer is not None:
            _drop_trailing_heading(answer["lines"], cut)
        records.append({"questions": questions, "answer": answer, "department": page["answering_body"]})
    for number, record in enumerate(records):
        yield from _answered(record, page, last=number == len(records) - 1 and not cut_turn, cut=cut, page_text=text)
    if cut_turn:
        yield Rejected("record cut off before its question text")


def _question(line: str, asker: str | None, heading: str | None) -> dict:
    fields = {"heading": heading, "asking_member": asker, "asking_member_constituency": None}
    if (match := COMMONS_QUESTION.match(line)) or (match := LORDS_ASKED.match(line)):
        name, seat = split_parenthesised(match["member"])
        fields.update(asking_member=clean(name), asking_member_constituency=clean(seat))
        line = match["question"]
    fields["text"] = line
    return fields


def _answered(record: dict, page: dict, *, last: bool, cut: bool, page_text: str) -> Iterator[dict]:
    answer = record["answer"]
    minister, body = minister_and_body(answer["speaker"] if answer else None)
    answer_text = line_paragraphs(answer["lines"]) if answer else None
    parsed = []
    for position, question in enumerate(record["questions"]):
        text = question.pop("text")
        uins = UINS.findall(text)
        if trailing := TRAILING_UIN.search(text):
            text = text[:trailing.start()].rstrip()
        cut_inside = last and answer is None and position == len(record["questions"]) - 1 and question_cut(text, page_text, cut)
        parsed.append((question, text, uins, cut_inside))
    all_uins = [uin for _, _, uins, _ in parsed for uin in uins]
    for question, text, uins, cut_inside in parsed:
        uin = uins[0] if uins else None
        department = record["department"] if addressed_to(text, record["department"]) else None
        yield {
            **question,
            "furniture_removed": page["furniture_removed"],
            "question_text": text,
            "question_text_truncated": cut_inside,
            "uin": uin,
            "house": house_from(uin, text),
            "answered_date": page["answered_date"],
            "answering_body": body or department,
            "answering_minister": minister,
            "replaces_holding_answer": bool(answer and answer["holding"]),
            "answer_text": answer_text,
            # The page stops inside the answer, or before it (a Hansard page prints every answer).
            "answer_text_truncated": last and not cut_inside and (cut or answer_text is None),
            "is_answered": True,
            "grouped_uins": tuple(dict.fromkeys(u for u in all_uins if u != uin)),
        }
