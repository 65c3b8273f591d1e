"""Historic Hansard written answers (api.parliament.uk/historic-hansard), 1919 to 2005, Commons and Lords.

Every decade printed the turns a little differently::

    § Mr. HANNONasked the Chancellor of the Exchequer whether ...     <- "§" turns, name run in
    § Sir R. HORNENo trustworthy inferences ...

    HC Deb 13 January 1916 vol 77 c1786W                               <- the sitting: the answered date
    Sir THOMAS ESMONDE                                                 <- names on their own lines
    asked the Minister of Munitions if he will ...
    Mr. LLOYD GEORGE
    Additional orders for ammunition boxes ...

    § Lord Hutchinson of Lullingtonasked Her Majesty's Government:    <- Lords: the question on
    How many prison officer hours were used ...                         the next line
    § Lord GlenarthurInformation on prison officer hours ...

    § Mr. BurstowTo ask the Secretary of State for Health ... [167425]   <- later volumes

Questions printed one after another above a single answer were answered together. An
answer's later paragraphs may have no "§", and an answer may start without one ("Mr.
CHAMBERLAINThe following ..."). Printed column numbers fall anywhere, even inside words.
The question is published as printed: older volumes report it as "asked the Secretary of
State ..." (the tabled "To ask" is not printed, and is not invented).
"""

from __future__ import annotations

import re
from typing import Iterator

from .common import HEAD, Rejected, answered_in_the_chamber, search_where, clean, house_from, line_paragraphs, parse_date, parse_speaker, split_parenthesised
from .hansard import (question_cut, name_like, page_lines, is_navigation, QUESTION_START, STARTS_WITH_HONORIFIC, ORDER_NUMBER, glued_speaker, is_name_line, marked_lines,
                      minister_and_body, page_cut, question_turn, speaker_like, uncertain_cut_line)

LAYOUT = "historic_hansard_written_answers"
PRIORITY = 140  # asked after the layouts with labelled fields

SITTING = re.compile(r"^H(?P<house>[CL]) Deb (?P<date>\d{1,2} [A-Z][a-z]+ \d{4})\b")
SITTING_IN_HEAD = re.compile(r"^H[CL] Deb \d{1,2} [A-Z][a-z]+ \d{4} vol\b", re.MULTILINE)
FIRST_QUESTION = re.compile(r"^§ .{1,150}?(?:To ask|asked)\b", re.MULTILINE)
QUESTION_LINE = re.compile(r"^(?:To ask|asked) ", re.MULTILINE)
#: Bracketed UINs inside a question: one per part of a numbered multi-part question.
UINS = re.compile(r"\[((?:HL)?\d+[A-Z]?)\]")
TRAILING_UIN = re.compile(r"\s*\[(?:HL)?\d+[A-Z]?\]\s*$")


def recognises(text: str) -> bool:
    """ "§" turns with a question among them, or a "HC Deb ... vol" citation above turns whose
    question opens a line; not questions answered in the chamber, printed in the same forms."""
    head = text[:HEAD]
    if answered_in_the_chamber(head):
        return False
    if "§" in head and search_where(FIRST_QUESTION, head, "§ "):
        return True
    return bool(search_where(SITTING_IN_HEAD, head, " Deb ", 2) and QUESTION_LINE.search(head))


class _Turn:
    """One contribution: a question (with its asker) or an answer (with its speaker)."""

    __slots__ = ("question", "speaker", "lines")

    def __init__(self, question: bool | None, speaker: str | None, lines: list[str]):
        self.question = question  # None until its first line says
        self.speaker = speaker
        self.lines = lines


def _glued_turn(body: str) -> _Turn:
    """A turn whose speaker's name runs into its text ("Mr. HANNONasked ...", "Mr. McKENNAIn ...")."""
    asked = question_turn(body)
    if asked is not None:
        return _Turn(True, asked[0], [asked[1]])
    speaker = glued_speaker(body)
    if speaker is not None and speaker_like(ORDER_NUMBER.sub("", speaker[0])):
        return _Turn(False, speaker[0], [speaker[1]])
    return _Turn(False, None, [body])


def split_speaker(paragraph: str) -> tuple[str | None, str]:
    """A contribution's speaker and text, where the page ran them together ("Mr. JackMinisters ...")."""
    turn = _glued_turn(paragraph)
    if turn.question or turn.speaker is None:
        return None, paragraph
    return parse_speaker(turn.speaker), turn.lines[0]


def _form_begun(line: str) -> bool:
    """Whether a line is the start of a question's form and nothing more ("a", "aske", "To as")."""
    return any(form.startswith(line) for form in ("asked", "To ask"))


def turns_of(lines: list[str]) -> tuple[list[str], list[_Turn]]:
    """The page's lines before its first turn, and its turns."""
    preamble: list[str] = []
    turns: list[_Turn] = []
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        current = turns[-1] if turns else None
        if line.startswith("§"):
            turns.append(_glued_turn(line.lstrip("§").strip()))
        elif is_name_line(line) and (QUESTION_START.match(following) or (current is not None and current.question and current.lines)
                                     or (index + 2 >= len(lines) and current is not None and not current.question)):
            # A name on its own line: the asker above "asked ...", or the minister after a question.
            turns.append(_Turn(None, ORDER_NUMBER.sub("", line).rstrip(":").strip(), []))
        elif current is not None and current.question is None:
            if index == len(lines) - 1 and _form_begun(line) and (len(turns) < 2 or not turns[-2].question):
                current.question = True  # "Mr. Latham" / "a": the page stops inside "asked", before the question
                continue
            current.question = bool(QUESTION_START.match(line))
            current.lines.append(line)
        elif STARTS_WITH_HONORIFIC.match(line + " ") and (glued := _glued_turn(line)).speaker is not None and (
                glued.question or (current is not None and current.question)):
            turns.append(glued)  # a turn printed without its "§"
        elif current is not None:
            current.lines.append(line)
        else:
            preamble.append(line)
    return preamble, turns


def read(text: str) -> Iterator[dict | Rejected]:
    raw_lines, furniture_removed = page_lines(text)
    cut = page_cut(text)
    page: dict = {"heading": None, "answered_date": None, "house": None}
    lines: list[str] = []
    for raw in raw_lines:
        line = raw.strip()
        if not line:
            continue
        if match := SITTING.match(line):
            page["answered_date"] = parse_date(match["date"])
            page["house"] = "Commons" if match["house"] == "C" else "Lords"
        elif is_navigation(line):
            furniture_removed = True
        else:
            lines.append(line)
    if cut and lines and uncertain_cut_line(lines[-1]):
        lines.pop()  # cut where it may be a question's opening or a label: no field's
    preamble, turns = turns_of(marked_lines(lines))
    cut_before_question = False
    if turns and not turns[-1].question:
        final = turns[-1]
        if final.speaker is not None and not final.lines:
            turns.pop()  # only the speaker's name is shown, perhaps cut: the answer is beyond the page's end
            # After an answer, the name is the next question's asker: a record cut before its question.
            cut_before_question = not turns or not turns[-1].question
        elif final.speaker is None and lines and lines[-1].startswith("§") and (
                name_like(" ".join(final.lines)) or (cut and len(" ".join(final.lines).split()) <= 6)):
            final.lines = []  # "§ Mr. Swi": a speaker's name cut before the answer began
    page["heading"] = preamble[-1] if preamble and len(preamble[-1]) <= 120 else None
    page["furniture_removed"] = furniture_removed

    questions: list[_Turn] = []
    answer: _Turn | None = None
    groups: list[tuple[list[_Turn], _Turn | None]] = []
    for turn in turns:
        if turn.question:
            if answer is not None:
                groups.append((questions, answer))
                questions, answer = [], None
            questions.append(turn)
        elif questions:
            if answer is None:
                answer = turn
            elif turn.speaker is None or turn.speaker == answer.speaker:
                answer.lines.extend(turn.lines)  # a later paragraph of the same answer
        # else: an answer whose question is above this page's start
    if questions:
        groups.append((questions, answer))
    for number, (group, answer) in enumerate(groups):
        last = number == len(groups) - 1 and not cut_before_question
        yield from _records(group, answer, page, last=last, cut=cut, text=text)
    if cut_before_question:
        yield Rejected("record cut off before its question text")


def _question_fields(turn: _Turn) -> dict | None:
    question = line_paragraphs(turn.lines)
    if question is None:
        return None
    printed = question
    uins = UINS.findall(question)
    trailing = TRAILING_UIN.search(question) if "]" in question else None  # performance: the bracket first
    if trailing:
        question = question[:trailing.start()].rstrip()
    name, seat = split_parenthesised(turn.speaker) if turn.speaker else (None, None)
    return {"asking_member": clean(name), "asking_member_constituency": clean(seat), "question_text": question,
            "uin": uins[0] if uins else None, "part_uins": uins[1:], "printed": printed}


def _records(group: list[_Turn], answer: _Turn | None, page: dict, *, last: bool, cut: bool, text: str) -> Iterator[dict | Rejected]:
    minister, department = minister_and_body(answer.speaker if answer else None)
    answer_text = line_paragraphs(answer.lines) if answer else None
    if answer is not None and answer_text is None:
        answer = None
    fields = []
    for position, turn in enumerate(group):
        found = _question_fields(turn)
        if found is None:
            yield Rejected("record cut off before its question text" if last else "record has no question text")
            continue
        # The page stops inside the last question when no answer follows and the page is cut
        # or the question does not end as a question ends.
        found["question_text_truncated"] = (last and answer is None and position == len(group) - 1
                                            and question_cut(found.pop("printed"), text, cut))
        found.pop("printed", None)
        fields.append(found)
    uins = [uin for f in fields for uin in ([f["uin"]] if f["uin"] else []) + f["part_uins"]]
    for found in fields:
        part_uins = found.pop("part_uins")
        yield {
            **page,
            **found,
            "house": page["house"] or house_from(found["uin"], found["question_text"]),
            "answering_body": department,
            "answering_minister": minister,
            "answer_text": answer_text,
            # An answer the page stops inside, or stops before (a Hansard page prints every answer).
            "answer_text_truncated": last and ((cut and answer is not None) or (answer is None and not found["question_text_truncated"])),
            "is_answered": True,
            "grouped_uins": tuple(dict.fromkeys(u for u in uins if u != found["uin"])) or tuple(part_uins),
        }
