"""Historic Hansard written answers (api.parliament.uk/historic-hansard), Commons.

    PARLIAMENTARY QUESTIONS                          <- heading
    HC Deb 22 March 1994 vol 240 cc113-4W            <- the day of the answers
    § Mr. Austin MitchellTo ask the Minister of Agriculture, ... [131122]
    § Mr. JackMinisters in this Department answer ...

Each contribution starts with "§"; the page runs the member's name straight into the
text that follows it. Questions printed one after another above a single answer were
answered together. Older volumes print "§ Mr. Redmond asked the Secretary of State
..." for the tabled "To ask the Secretary of State ...". "Column 967W" markers fall
wherever a printed column ended and are removed.
"""

from __future__ import annotations

import re
from typing import Iterator

from .common import (HEAD, Rejected, hansard_lines, clean, ends_mid_line, house_from, line_paragraphs, parse_date, parse_speaker,
                     split_bracketed_uin, split_parenthesised)

LAYOUT = "historic_hansard_written_answers"
PRIORITY = 140  # asked after the layouts with labelled fields

SITTING = re.compile(r"^H(?P<house>[CL]) Deb (?P<date>\d{1,2} [A-Z][a-z]+ \d{4})\b")
QUESTION = re.compile(r"^(?:\d+\. ?)?(?P<member>[A-Z][^§]{1,120}?)\s*(?P<form>To ask |asked )(?P<rest>.*)$")
#: Where a speaker's name runs into their first word: "JackMinisters", "MacShaneThe", "Jack2,375".
NAME_JOIN = re.compile(r"(?<=[a-z.)])(?=[A-Z0-9£‘“\"'(])")
FIRST_QUESTION = re.compile(r"^§ .{1,150}?(?:To ask|asked the|asked Her|asked His) ", re.MULTILINE)
NAVIGATION = re.compile(r"^(?:Back to .*|Previous section|Next section|Index to this sitting|Forward to .*)$")


def recognises(text: str) -> bool:
    head = text[:HEAD]
    return "§" in head and "HL Deb" not in head and bool(FIRST_QUESTION.search(head))


#: Name prefixes followed by a capital inside one name ("McNally", "MacShane", "FitzGerald").
NAME_PREFIXES = frozenset({"Mc", "Mac", "Fitz", "De", "Di", "Da", "La", "Le", "Van", "Von", "O'", "O’", "D'", "D’"})


def _joins(word: str) -> list[int]:
    """Where, inside one space-separated word, a name ends and the next text begins."""
    return [match.start() for match in NAME_JOIN.finditer(word) if word[:match.start()] not in NAME_PREFIXES]


def split_speaker(paragraph: str) -> tuple[str | None, str]:
    """A contribution's speaker and text, where the page ran them together ("Mr. JackMinisters ...")."""
    words = paragraph.split(" ")
    for count, word in enumerate(words[:16]):
        joins = _joins(word)
        if joins:
            cut = joins[-1]
            name = " ".join(words[:count] + [word[:cut]])
            return parse_speaker(name), " ".join([word[cut:]] + words[count + 1:]).strip()
    return None, paragraph


def read(text: str) -> Iterator[dict | Rejected]:
    lines, furniture_removed = hansard_lines(text)
    cut = ends_mid_line(text)
    page: dict = {"heading": None, "answered_date": None, "house": None}
    contributions: list[list[str]] = []  # each: the lines of one "§" contribution
    preamble: list[str] = []
    for raw in lines:
        line = raw.strip()
        if NAVIGATION.match(line):
            furniture_removed = True
        elif line.startswith("§"):
            contributions.append([line.lstrip("§ ").strip()])
        elif contributions:
            contributions[-1].append(line)
        elif match := SITTING.match(line):
            page["answered_date"] = parse_date(match["date"])
            page["house"] = "Commons" if match["house"] == "C" else "Lords"
        elif line:
            preamble.append(line)
    page["heading"] = preamble[-1] if preamble else None
    page["furniture_removed"] = furniture_removed

    questions: list[dict] = []
    for number, lines_of in enumerate(contributions):
        last = number == len(contributions) - 1
        first = lines_of[0]
        match = QUESTION.match(first)
        if match and not any(_joins(word) for word in match["member"].split()):
            if last and cut and len(lines_of) == 1:
                yield Rejected("record cut off inside its question text")
                return
            questions.append(_question(match, lines_of[1:]))
            continue
        if not questions:
            continue  # an answer whose question is above this page's start
        speaker, opening = split_speaker(first)
        answer = line_paragraphs([opening, *lines_of[1:]])
        yield from _answered(questions, page, speaker, answer, truncated=last and cut)
        questions = []
    if questions:
        # Questions with no answer after them: the page stops before it.
        yield from _answered(questions, page, None, None, truncated=False)


def _question(match: re.Match, more_lines: list[str]) -> dict:
    # "Mr. X asked the Secretary of State ..." reports the tabled "To ask the Secretary of State ...".
    rest = "To ask " + match["rest"]
    question, uin = split_bracketed_uin(line_paragraphs([rest, *more_lines]) or rest)
    name, seat = split_parenthesised(match["member"])
    return {"asking_member": clean(name), "asking_member_constituency": clean(seat), "question_text": question, "uin": uin}


def _answered(questions: list[dict], page: dict, minister: str | None, answer: str | None, truncated: bool) -> Iterator[dict]:
    uins = [question["uin"] for question in questions if question["uin"]]
    for question in questions:
        yield {
            **page,
            **question,
            "house": page["house"] or house_from(question["uin"], question["question_text"]),
            "answering_minister": minister,
            "answer_text": answer,
            "answer_text_truncated": truncated and answer is not None,
            "grouped_uins": tuple(uin for uin in uins if uin != question["uin"]),
        }
