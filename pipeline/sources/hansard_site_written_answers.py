"""hansard.parliament.uk's digitised written answers (1900s to 2000s), Commons and Lords.

    Written Answers
    Volume 974: debated on Tuesday 27 November 1979                <- the answered date
    The text on this page has been created from Hansard archive content, ...
    Written Answers To Questions
    Tuesday 27 November 1979
    Environment                                                     <- department heading
    Council Houses (Sale)                                           <- subject heading
    asked the Secretary of State for the Environment (1) what ...  <- the asker's name is stripped
    Pursuant to my reply of 26 July ...                             <- so is the minister's

Lords pages print "asked Her Majesty's Government:What proposals ... [HL981]" and may keep
the answerer's office and name on lines of their own ("The Parliamentary Under-Secretary
of State, Foreign and Commonwealth Office" / "(Baroness Symons of Vernham Dean)").
Names stripped from the page are left empty, never guessed.
"""

from __future__ import annotations

import re
from typing import Iterator

from .common import HEAD, Rejected, house_from, search_where, parse_date, strip_furniture
from .hansard import OFFICE_START, QUESTION_START, STARTS_WITH_HONORIFIC, question_start_cut, question_turn, question_cut as cut_inside, is_navigation, addressed_to, marked_lines, minister_and_body, page_cut

LAYOUT = "hansard_site_written_answers"
PRIORITY = 130  # before the Hansard layouts whose turns carry names

DEBATED_ON = re.compile(r"^(?:Volume \d+:\s*)?debated on (?P<date>.+)$", re.IGNORECASE)
ARCHIVE_NOTE = re.compile(r"^The text on this page has been created from Hansard archive content")
PAGE_LINES = re.compile(r"^(?:Written Answers(?: [Tt]o Questions)?|Written Statements|Skip to main content)$")
DAY_LINE = re.compile(r"^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? \d{1,2}(?:st|nd|rd|th)? [A-Z][a-z]+,? \d{4}\.?$")
#: A question opening a paragraph, or after the asker's name where the page keeps it ("Mr. Smith asked the ...").
QUESTION_IN_HEAD = re.compile(r"^(?:(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lady|Lord|Baroness|Earl|Viscount|Countess)\.? [^\n]{1,80}?\s?)?(?:asked|To ask) ", re.MULTILINE)
HOLDING = re.compile(r"^\[holding answer (?P<date>[^\]]*)\]\s*:?\s*")
#: The answerer by office, where the page keeps it: "The Minister of State, Home Office (Lord X)".
OFFICE_LINE = re.compile(r"^The [^()]{3,200}\([^()]{3,80}\)$")
UINS = re.compile(r"\[((?:HL)?\d+[A-Z]?)\]")
TRAILING_UIN = re.compile(r"\s*\[(?:HL)?\d+[A-Z]?\]\s*$")
_ENDS = (".", "?", "!", "]")


def recognises(text: str) -> bool:
    """A page saying it was digitised from the Hansard archive or when it was debated, with a question opening a paragraph."""
    head = text[:HEAD]
    # Performance: each mark's pattern tried only where its words are (most pages have none of them).
    marks = ("debated on " in head and bool(_DEBATED_MARK.search(head))) + sum(
        bool(search_where(pattern, head, words)) for words, pattern in _MARKS)
    return marks >= 2 and bool(QUESTION_IN_HEAD.search(head))


#: The marks of the layout's pages, each with words it cannot be without.
_DEBATED_MARK = re.compile(r"^(?:Volume \d+:\s*)?debated on ", re.MULTILINE)
_MARKS = ((ARCHIVE_NOTE.pattern[1:], re.compile(ARCHIVE_NOTE.pattern, re.MULTILINE)),
          ("Written Answers", re.compile(r"^Written Answers", re.MULTILINE)))


def _paragraphs(lines: list[str]) -> list[str]:
    """The page's paragraphs (blank-line separated), each with its lines joined by line breaks."""
    paragraphs, current = [], []
    for line in lines:
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return paragraphs


def heading_like(paragraph: str) -> bool:
    """A heading: one short line, capitalised, not ending a sentence."""
    return ("\n" not in paragraph and 0 < len(paragraph) <= 100 and paragraph[0].isupper()
            and not paragraph.endswith((".", ":", ";", ",", "?", "!", "—", "-")) and len(paragraph.split()) <= 12
            and not QUESTION_START.match(paragraph) and not any(ch.isdigit() for ch in paragraph)
            # The site prints headings in title case: "Income Tax (Wife's Income)", "Trade And Commerce".
            and all(word[0].isupper() or not word[0].isalpha() or word in _SMALL_WORDS for word in paragraph.split()))


_SMALL_WORDS = frozenset({"a", "an", "and", "of", "the", "for", "in", "on", "to", "at", "by", "with", "or"})


def read(text: str) -> Iterator[dict | Rejected]:
    lines, furniture_removed = strip_furniture(text)
    cut = page_cut(text)
    page = {"answered_date": None, "furniture_removed": furniture_removed, "text": text}
    kept: list[str] = []
    for line in lines:
        stripped = line.strip()
        if match := DEBATED_ON.match(stripped):
            page["answered_date"] = parse_date(match["date"]) or page["answered_date"]
            continue
        if ARCHIVE_NOTE.match(stripped) or PAGE_LINES.match(stripped) or is_navigation(stripped):
            continue
        if DAY_LINE.match(stripped):
            page["answered_date"] = page["answered_date"] or parse_date(stripped)
            continue
        kept.append(line)
    paragraphs = _paragraphs(marked_lines(kept))
    if cut and paragraphs and question_start_cut(paragraphs[-1]):
        paragraphs.pop()  # the next question's "asked" cut part-way: the headings above it are its own

    records: list[dict] = []  # each: headings, question paragraphs, answer paragraphs
    pending: list[str] = []  # heading-like paragraphs since the last answer text
    heading = department = None
    for paragraph in paragraphs:
        current = records[-1] if records else None
        asked = None if QUESTION_START.match(paragraph) else question_turn(paragraph)
        if QUESTION_START.match(paragraph) or (asked is not None and asked[0] and STARTS_WITH_HONORIFIC.match(asked[0] + " ")):
            if asked is not None:
                paragraph = asked[1]
            if pending:
                heading = pending[-1]
                department = pending[-2] if len(pending) >= 2 else department
            elif current is not None and current["answer"]:
                pass  # another question under the same heading
            records.append({"heading": heading, "department": department, "question": [paragraph], "answer": [],
                            "asker": asked[0] if asked else None})
            pending = []
        elif current is None:
            if heading_like(paragraph):
                pending.append(paragraph)
        elif not current["answer"] and not current["question"][-1].endswith(_ENDS):
            # A question split over paragraphs ("... in the book," / "The Poisoned Chalice. [HL1073]").
            current["question"].append(paragraph)
        elif heading_like(paragraph):
            pending.append(paragraph)
        else:
            if pending:  # short lines that were not followed by a question: answer text after all
                current["answer"].extend(pending)
                pending = []
            current["answer"].append(paragraph)
    for number, record in enumerate(records):
        # Headings after the last answer head a question beyond the page's end: not this answer's text.
        yield _record(record, page, last=number == len(records) - 1, cut=cut)


def _record(record: dict, page: dict, *, last: bool, cut: bool) -> dict:
    question = " ".join(" ".join(p.split("\n")) for p in record["question"])
    question = re.sub(r"(Government):(?=\S)", r"\1: ", question)  # "Government:What" as printed, spaced
    uins = UINS.findall(question)
    if trailing := TRAILING_UIN.search(question):
        question = question[:trailing.start()].rstrip()
    answer = list(record["answer"])
    if last and len(answer) == 1 and OFFICE_START.match(answer[0]) and "." not in answer[0] and not answer[0].rstrip().endswith(")"):
        answer = []  # the answerer's office, the page ending before the name in brackets: the answer is beyond it
    minister = body = None
    holding = False
    if answer and OFFICE_LINE.match(" ".join(answer[0].split())):
        minister, body = minister_and_body(" ".join(answer[0].split()))
        answer = answer[1:]
    if last and len(answer) == 1 and "[holding answer ".startswith(answer[0].strip()[:16]) and "]" not in answer[0]:
        answer = []  # "[holding ans": the holding mark cut before its close, the answer beyond the cut
    if answer and (match := HOLDING.match(answer[0])):
        holding = True
        answer[0] = answer[0][match.end():]
    answer_text = "\n\n".join(p for p in answer if p.strip()) or None
    question_cut = last and not record["answer"] and cut_inside(" ".join(record["question"]), page["text"], cut)
    department = record["department"] if addressed_to(question, record["department"]) else None
    return {
        "heading": record["heading"],
        "answering_body": body or department,
        "asking_member": record["asker"],
        "question_text": question,
        "question_text_truncated": question_cut,
        "uin": uins[0] if uins else None,
        "grouped_uins": tuple(uins[1:]),
        "house": house_from(uins[0] if uins else None, question),
        "answered_date": page["answered_date"],
        "answering_minister": minister,
        "replaces_holding_answer": holding,
        "answer_text": answer_text,
        "answer_text_truncated": last and ((cut and not question_cut) or answer_text is None and not question_cut),
        "is_answered": True,
        "furniture_removed": page["furniture_removed"],
    }
