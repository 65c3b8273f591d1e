"""TheyWorkForYou written answers (theyworkforyou.com/wrans).

    Department for Work and Pensions: Remote Working                  <- heading
    Department for Work and Pensions written question – answered on 12th May 2020.
    Alert me about debates like this                                  <- furniture
    Photo of David Jones David Jones Conservative, Clwyd West         <- asking member
    To ask the Secretary of State for Work and Pensions, ...
    Photo of Mims Davies Mims Davies The Parliamentary Under-Secretary of State for Work and Pensions
    Holding answer received on 11 May 2020
    <answer paragraphs>
    Does this answer the above question?                              <- furniture from here on

The photo's caption repeats the member's name before their party and seat (or office).
Older pages print members without photos, as "David Jones (Clwyd West, Conservative)"
and the minister as "Mims Davies (The Parliamentary Under-Secretary of State ...)".
Several questions answered together are printed one after another above one answer.
"""

from __future__ import annotations

import re
from typing import Iterator

from .common import (HEAD, Rejected, clean, constituency_or_none, ends_mid_line, house_from, paragraphs, parse_date,
                     split_bracketed_uin, split_parenthesised, strip_furniture)
from .hansard import uncertain_cut_line

LAYOUT = "theyworkforyou_wrans"

ANSWERED_ON = re.compile(r"^(?P<body>.+?) written question\s*[–—-]\s*answered on (?P<date>.+?)\.?$")
MARK = re.compile(r" written question\s*[–—-]\s*answered on ")
HOLDING_RECEIVED = re.compile(r"^Holding answer received on\b", re.IGNORECASE)
#: The site's own controls between and after records.
SITE_LINES = re.compile(
    r"^(?:Alert me about debates like this|Does this answer the above question\?|Yes\s?\d+ (?:person|people) thinks? so"
    r"|No\s?\d+ (?:person|people) thinks? not|Would you like to ask a question like this yourself\?.*|Donate to our crowdfunder"
    r"|Only a few days to go:.*|Share this|Link to this|Hide|Show all)$"
)
#: The site's controls as printed, to know one the page stops inside.
SITE_PHRASES = ("Does this answer the above question?", "Alert me about debates like this", "Would you like to ask a question like this yourself?",
                "Donate to our crowdfunder", "Share this", "Link to this", "Show all")
MINISTER_WITHOUT_PHOTO = re.compile(r"^(?P<name>[A-Z][^.:;()]{1,80}?) \((?P<role>.+)\)$")


def recognises(text: str) -> bool:
    head = text[:HEAD]
    return "written question" in head and "answered on" in head and bool(MARK.search(head))


def read(text: str) -> Iterator[dict | Rejected]:
    lines, furniture_removed = strip_furniture(text)
    lines = [line.strip() for line in lines]
    starts = [index for index, line in enumerate(lines) if " written question" in line and ANSWERED_ON.match(line)]
    cut = ends_mid_line(text)
    last = max((i for i, line in enumerate(lines) if line), default=-1)
    if cut and last >= 0 and any(phrase.startswith(lines[last]) for phrase in SITE_PHRASES):
        # The page stops inside the site's own controls ("Does this an"): the record before them is whole.
        lines[last], cut = "", False
    elif cut and last >= 0 and uncertain_cut_line(lines[last]):
        lines[last] = ""  # a question's opening (or a label) cut part-way: no field's
    for number, start in enumerate(starts):
        last = number == len(starts) - 1
        end = len(lines) if last else _heading_index(lines, starts[number + 1])
        record_lines = lines[start + 1:end]
        site = [line for line in record_lines if SITE_LINES.match(line)]
        record_lines = _before_feedback(record_lines)
        header = ANSWERED_ON.match(lines[start])
        heading_at = _heading_index(lines, start)
        shared = {
            "heading": lines[heading_at] if heading_at < start else None,
            "answering_body": clean(header["body"]),
            "answered_date": parse_date(header["date"]),
            "furniture_removed": furniture_removed or bool(site),
        }
        yield from read_record(record_lines, shared, cut_short=last and cut)


def _heading_index(lines: list[str], header: int) -> int:
    """Where the heading above a record's "written question" line stands (or the line itself if none)."""
    index = header - 1
    while index >= 0 and not lines[index]:
        index -= 1
    if index < 0 or SITE_LINES.match(lines[index]):
        return header
    return index


def _before_feedback(record: list[str]) -> list[str]:
    """A record's lines without the site's controls, and without the feedback box that ends it."""
    kept = []
    for line in record:
        if line.startswith("Does this answer the above question"):
            break
        if not SITE_LINES.match(line):
            kept.append(line)
    return kept


def split_caption(line: str) -> tuple[str | None, str | None]:
    """ "Photo of David Jones David Jones Conservative, Clwyd West" as (name, what follows it)."""
    words = line[len("Photo of "):].split()
    for size in range(1, len(words) // 2 + 1):
        if words[:size] == words[size:2 * size]:
            return " ".join(words[:size]), " ".join(words[2 * size:]) or None
    return None, None


def read_asker(line: str) -> dict:
    if line.startswith("Photo of "):
        name, position = split_caption(line)
        party, comma, seat = (position or "").partition(", ")
        return {"asking_member": name, "asking_member_party": clean(party) if comma else None,
                "asking_member_constituency": constituency_or_none(seat) if comma else None}
    name, inside = split_parenthesised(line)
    seat, comma, party = (inside or "").rpartition(", ")
    return {"asking_member": clean(name), "asking_member_party": clean(party) if comma else None,
            "asking_member_constituency": constituency_or_none(seat) if comma else None}


def read_minister(line: str) -> str | None:
    if line.startswith("Photo of "):
        return split_caption(line)[0]
    match = MINISTER_WITHOUT_PHOTO.match(line)
    return clean(match["name"]) if match else None


def is_member_line(line: str) -> bool:
    return line.startswith("Photo of ") or bool(MINISTER_WITHOUT_PHOTO.match(line))


def read_record(lines: list[str], shared: dict, cut_short: bool) -> Iterator[dict | Rejected]:
    """The questions of one record (several where they were answered together) and their answer."""
    while lines and not lines[-1]:
        lines.pop()
    questions: list[dict] = []
    answer: list[str] = []
    member = None  # the last member line: the next question's asker, or else the minister
    minister = None
    replaces_holding = False
    state = "questions"
    final = max((i for i, line in enumerate(lines) if line), default=-1)
    for index, line in enumerate(lines):
        if state == "answer":
            if HOLDING_RECEIVED.match(line) and not any(answer):
                replaces_holding = True
            elif cut_short and index == final and not any(answer) and "Holding answer received on".startswith(line):
                continue  # the holding line, cut: the answer is beyond the cut
            else:
                answer.append(line)
        elif not line:
            continue
        elif line.startswith("To ask"):
            question, uin = split_bracketed_uin(line)
            questions.append({**(read_asker(member) if member else {}), "question_text": question, "uin": uin})
            member = None
        elif member is None and is_member_line(line):
            member = line
        elif member is None and questions and questions[-1]["uin"] is None:
            questions[-1]["question_text"] += "\n\n" + line  # a question in more than one paragraph
        elif cut_short and index == final and member is None:
            state = "answer"  # "Nick Gibb (M": the minister's line, cut before the answer began
        else:
            minister, member, state = read_minister(member) if member else None, None, "answer"
            if HOLDING_RECEIVED.match(line):
                replaces_holding = True
            elif not (cut_short and index == final and "Holding answer received on".startswith(line)):
                answer.append(line)  # (the holding line cut short says nothing)
    if state == "questions" and member is not None:
        # A member line with nothing after it may be the minister's or the next asker's (and may
        # be cut inside the name): it names no one for certain. The answer is beyond the page's end.
        minister, state = None, "answer"
    if not questions:
        yield Rejected("record cut off before its question text" if cut_short else "record has no question text")
        return
    # A page cut inside its last question publishes what it shows of it, marked cut.
    question_cut = cut_short and state == "questions"
    answer_text = paragraphs(answer)
    uins = [question["uin"] for question in questions if question["uin"]]
    for number, question in enumerate(questions):
        yield {
            **shared,
            **question,
            "question_text_truncated": question_cut and number == len(questions) - 1,
            "house": house_from(question["uin"], question["question_text"]),
            "answering_minister": minister,
            "replaces_holding_answer": replaces_holding,
            "answer_text": answer_text,
            # Cut inside the answer, or after the questions and before the answer began.
            "answer_text_truncated": cut_short and not question_cut and (answer_text is not None or state == "answer"),
            "grouped_uins": tuple(uin for uin in uins if uin != question["uin"]),
        }
