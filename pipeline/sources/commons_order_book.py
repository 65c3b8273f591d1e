"""The Commons Order Book / Questions Book: written questions listed before they are answered.

    Part 1: Written Questions for Answer on Wednesday 8 April 1998
    ...
    Questions to the Secretary of State for Business, Innovation and Skills   <- on later papers
    2 N                                       <- item number; N marks a named day (apart on
                                                 older papers: "2", then "N")
    Mr Paul Tyler (North Cornwall):    To ask the Minister of Agriculture, ...
          (38347)                             <- the UIN, on its own line

The Order Paper prints the member and the seat on lines of their own and the UIN at the
end of the question ("Karen Lumley" / "(Redditch)" / "To ask ... (165585)").

The date in the title is the day the questions are due for answer, neither tabled nor
answered, so it is no field. A question for oral answer (its number marked "*", or under
an "Oral Questions to ..." heading) is not a written question and is left out. Each item is published without an answer; one the
page cuts off is published with what is visible, marked truncated (its UIN is beyond
the cut).
"""

from __future__ import annotations

import re
from typing import Iterator

from .common import HEAD, Rejected, clean, ends_mid_line, house_from, parse_member, question_cut, strip_furniture

LAYOUT = "commons_order_book"

#: The titles' words as printed, looked for before the pattern (which ignores case).
TITLE_MARKS = ("Written Questions for Answer", "Questions for Written Answer", "Questions for written answer", "Questions Book",
               "Order Book", "Order Paper", "ORDER PAPER", "Business Today")
TITLE = re.compile(r"Written Questions for Answer on|Questions for Written Answer|Questions Book|The Order Book|Order Paper|Business Today", re.IGNORECASE)
#: "Mr Paul Tyler (North Cornwall): To ask ...": the member and seat, then the question.
ITEM = re.compile(r"^(?P<member>[A-Z][^():\n]{1,80}?\s*\([^()\n]{2,80}\))\s*:\s*(?P<question>To ask\b.*)$")
ITEM_NUMBER = re.compile(r"^(?P<oral>\*)?\s*\d{1,4}\s*(?:N\b)?\s*(?:\[[A-Z]\]\s*)*$")
NAMED_DAY = re.compile(r"^(?:N|\[N\]|\[R\]|\+)$")
UIN_LINE = re.compile(r"^\((?P<uin>\d+[A-Z]?)\)$")
#: The UIN printed at the end of the question's own line ("... a statement. (165584)").
UIN_AT_END = re.compile(r"(?<=[.?!])\s*\((?P<uin>\d+[A-Z]?)\)\s*$")
#: Later papers print the member and the seat on lines of their own above the question.
SEAT_LINE = re.compile(r"^\((?P<seat>[^()\d][^()]*)\)$")
MEMBER_LINE = re.compile(r"^[A-Z][\w.'’-]*(?: [\w.'’()-]+){0,6}$")
PARTIAL_UIN = re.compile(r"^\(\d*[A-Z]?$")
#: A section of oral questions ("Oral Questions to the Secretary of State for ..."): its items
#: are not written questions; a written section ("Questions for Written Answer") follows.
ORAL_SECTION = re.compile(r"^(?:Oral Questions|Questions for Oral Answer|Topical Questions)\b", re.IGNORECASE)
WRITTEN_SECTION = re.compile(r"^(?:Part \d+: )?(?:Written Questions|Questions for Written Answer|Questions to )", re.IGNORECASE)
HOUSE_LABEL = re.compile(r"^House of Commons\b", re.MULTILINE)
#: Performance: what every item recognised holds, an item's seat closed just before its question
#: ("(North Cornwall):    To ask", "(Redditch)" / "To ask"); looked for before the titles.
_SEAT_THEN_QUESTION = re.compile(r"\)[\s:]*To ask")


def recognises(text: str) -> bool:
    head = text[:HEAD]
    if ("To ask" not in head or not _SEAT_THEN_QUESTION.search(head) or not any(mark in head for mark in TITLE_MARKS)
            or not TITLE.search(head)):
        return False
    lines = head.split("\n")
    for index, line in enumerate(lines):
        if "To ask" not in line:
            continue
        line = line.strip()
        if ITEM.match(line) or (line.startswith("To ask") and index > 0 and SEAT_LINE.match(lines[index - 1].strip())):
            return True
    return False


def read(text: str) -> Iterator[dict | Rejected]:
    lines, furniture_removed = strip_furniture(text)
    lines = [line.strip() for line in lines]
    labelled_commons = bool(HOUSE_LABEL.search(text[:HEAD]))
    cut = ends_mid_line(text)
    oral = False
    oral_section = False
    item: list[str] | None = None
    member = None

    def finish(uin: str | None, cut_here: bool) -> dict | Rejected:
        question = " ".join(item).strip()
        if not question:
            return Rejected("item has no question text")
        fields = {
            "uin": uin,
            "asking_member": parse_member(member)[0],
            "asking_member_constituency": _seat(member),
            "question_text": question,
            "question_text_truncated": cut_here,
            "furniture_removed": furniture_removed,
        }
        fields["house"] = "Commons" if labelled_commons else house_from(uin, question)
        return fields

    for index, line in enumerate(lines):
        if SEAT_LINE.match(line) and index > 0 and MEMBER_LINE.match(lines[index - 1]) and index + 1 < len(lines) and lines[index + 1].startswith("To ask"):
            # "Name" / "(Seat)" / "To ask ...": the item as one line would print it.
            lines[index + 1] = f"{lines[index - 1]} {line}: {lines[index + 1]}"
            if item is not None and item and item[-1] == lines[index - 1]:
                item.pop()
            continue
        if ORAL_SECTION.match(line) or WRITTEN_SECTION.match(line):
            if item is not None:
                yield finish(None, False)
                item = None
            oral_section = bool(ORAL_SECTION.match(line))
            continue
        if oral_section:
            continue  # questions for oral answer are not written questions
        if match := ITEM_NUMBER.match(line):
            if item is not None:
                yield finish(None, False)
                item = None
            oral = bool(match["oral"])
        elif match := ITEM.match(line):
            if item is not None:
                yield finish(None, False)
            if oral:  # a question for oral answer: not a written question
                item, oral = None, False
                continue
            member, item = match["member"], [match["question"]]
            if (end := UIN_AT_END.search(item[0])) and not (cut and index == len(lines) - 1):
                item[0] = item[0][:end.start()]
                yield finish(end["uin"], False)
                item = None
        elif item is not None and (match := UIN_LINE.match(line)):
            yield finish(match["uin"], False)
            item = None
        elif item is not None and line and not NAMED_DAY.match(line):
            item.append(line)
    if item is not None:
        if cut and item and PARTIAL_UIN.match(item[-1]):
            # The page stops inside the UIN's line: the question before it is whole.
            item.pop()
            yield finish(None, False)
        else:
            # No UIN after it: cut where the page stops inside its line, or where it does not end
            # as questions end ("... inspections of (i)", "... of meat;").
            yield finish(None, question_cut(" ".join(item), text, cut))


def _seat(member: str | None) -> str | None:
    """The constituency in "Name (Seat)", as the paper prints it."""
    if not member or not member.endswith(")"):
        return None
    return clean(member[member.rfind("(") + 1:-1])
