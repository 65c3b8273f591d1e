"""The older parliament.uk written-question page (2014 onwards), one question to a page.

    Out of Area Treatment: Northern Ireland        <- heading
    (asked on )                                    <- tabled date, may be empty; may carry a
                                                      link after it ("... - View Source")
    Question to the Department for Education:      <- answering body
    To ask the Secretary of State for Education, ...
    Answered by
    Edward Timpson Portrait                        <- photo caption (furniture)
    Edward Timpson                                 <- answering minister
    Parliamentary Under-Secretary (...)            <- the minister's office, on some pages
    This question was answered on 7th May 2014
    <answer paragraphs, then numbered footnotes>

Every block but the question may be missing: copies keep only the body ("Question to
the ...:", the question, the answer), or lose the title, the dates or the "Answered by"
block. Where nothing marks the answer's start, the question is its own paragraph.
"""

from __future__ import annotations

import re
from typing import Iterator

from .common import (
    HEAD, PORTRAIT_CAPTION, Rejected, clean, house_from, page_cut_short, paragraphs, parse_date, parse_member, question_cut, status_flag,
    search_where, strip_furniture, without_uncertain_last_line,
)

LAYOUT = "parliament_question_page"

#: "(asked on 10th June 2014)", with whatever link the page prints after the bracket.
ASKED_ON = re.compile(r"^\(asked on\s*(?P<date>[^)]*)\)", re.IGNORECASE)
QUESTION_TO = re.compile(r"^Question to the (?P<body>.+?):?\s*$")
ASKED_BY = re.compile(r"^Asked by:?\s*(?P<member>.*)$")
ANSWERED_BY = re.compile(r"^Answered by:?\s*(?P<member>.*)$")
ANSWERED_ON = re.compile(r"^This question was answered on\s*(?P<date>.*)$")
HOLDING_RECEIVED = re.compile(r"^Holding answer received on\b", re.IGNORECASE)
TO_ASK = re.compile(r"^To ask\b", re.IGNORECASE)
ASKED_ON_LINE = re.compile(r"^\(asked on", re.MULTILINE | re.IGNORECASE)
#: The body alone: "Question to the ...:" with the question on the next line.
QUESTION_TO_THEN_QUESTION = re.compile(r"^Question to the [^\n]+\n(?:[ \t]*\n)*[ \t]*To ask\b", re.MULTILINE)
#: Marks of the listings that print the same labels for many records (read by their own readers).
LISTING_MARKS = re.compile(r"^(?:Written Question|Asked by: .*|Date Title Questioner)$", re.MULTILINE)


#: The words that LISTING_MARKS's lines begin with.
_LISTING_WORDS = ("Written Question", "Asked by: ", "Date Title Questioner")
#: Parallel Parliament's copy of the page links to the official one after the tabled date.
VIEW_SOURCE = re.compile(r"^\(asked on[^)\n]*\)\s*-\s*View Source\s*$", re.MULTILINE | re.IGNORECASE)


def recognises(text: str) -> bool:
    """The page's shape, unless it is Parallel Parliament's copy (read by its own reader)."""
    return is_question_page(text) and not search_where(VIEW_SOURCE, text[:HEAD], "(")


def is_question_page(text: str) -> bool:
    """The page's shape: its "(asked on ...)" line and labels, or the body alone (furniture
    between its lines set aside). A listing prints the same labels for many records; a
    page with the republisher's "View Source" link is one question whatever labels it has."""
    head = text[:HEAD]
    if "Question to the " not in head and "(asked on" not in head and "(Asked on" not in head:
        return False  # neither mark: no need to look further (most seeds)
    head = "\n".join(strip_furniture(head)[0])
    # Performance: the patterns are tried only where their words are (see search_where).
    if (any(words in head for words in _LISTING_WORDS) and LISTING_MARKS.search(head)
            and not (search_where(VIEW_SOURCE, head, "(") and len(ASKED_ON_LINE.findall(head)) == 1)):
        return False
    if search_where(ASKED_ON_LINE, head, "("):
        return "This question was answered on" in head or "Question to the " in head
    first = search_where(QUESTION_TO_THEN_QUESTION, head, "Question to the ")
    return first is not None and search_where(QUESTION_TO_THEN_QUESTION, head, "Question to the ", start=first.end()) is None


def _asker(fields: dict, printed: str) -> None:
    """The asker as printed: "Edward Leigh", or the republisher's "Name (Party - Seat)"."""
    name, party, constituency = parse_member(printed)
    fields.update(asking_member=name, asking_member_party=party, asking_member_constituency=constituency)


def _is_caption(line: str) -> bool:
    """A photo caption, including one whose name the page lost (" Portrait")."""
    return line == "Portrait" or bool(PORTRAIT_CAPTION.match(line))


#: A minister's office printed under the name ("Parliamentary Under-Secretary (Department for
#: Work and Pensions)"): a title, no sentence.
OFFICE = re.compile(r"^(?:The )?(?:[\w'’,-]+ ){0,6}(?:Minister|Secretary|Under-Secretary|Whip|Advocate|General|Chancellor|Leader|Lord|Chair|Commissioner|Spokesperson)\b[^.!?]{0,120}$")

LABELS = (ANSWERED_ON, ANSWERED_BY, ASKED_BY, HOLDING_RECEIVED)
#: The labels as printed, and the lines the page prints whole: a page cut inside one of them
#: ("A", "Answ" for "Answered by") shows nothing certain on its last line.
LABEL_WORDS = ("Answered by", "This question was answered on", "Asked by", "Holding answer received on", "Question to the", "(asked on")
MARKS = ("To ask",)


def _is_label(line: str) -> bool:
    return any(label.match(line) for label in LABELS) or status_flag(line) is not None


def read(text: str) -> Iterator[dict | Rejected]:
    # A last line that could be a label's beginning is no field's text: the page was cut
    # after the line before it.
    text, label_cut = without_uncertain_last_line(text, LABEL_WORDS, MARKS)
    lines, furniture_removed = strip_furniture(text)
    lines = [line.strip() for line in lines]
    cut = page_cut_short(text)
    # On a page cut short, the last line stops mid-word: what it is cannot be told, so it is
    # read as part of whatever block it continues, never as a new block.
    last_line = max((i for i, line in enumerate(lines) if line), default=-1) if cut else len(lines)
    fields: dict = {"furniture_removed": furniture_removed}
    first = next((i for i, line in enumerate(lines) if ASKED_ON.match(line) or QUESTION_TO.match(line) or TO_ASK.match(line)), len(lines))
    fields["heading"] = paragraphs(lines[:first])

    question: list[str] = []
    state = "before-question"
    answer_start = None
    minister_line = -1
    for index in range(first, len(lines)):
        line = lines[index]
        if state == "before-question":
            if match := ASKED_ON.match(line):
                fields["tabled_date"] = parse_date(match["date"])
            elif match := ASKED_BY.match(line):
                _asker(fields, match["member"])
            elif match := QUESTION_TO.match(line):
                fields["answering_body"] = clean(match["body"])
            elif TO_ASK.match(line):
                question.append(line)
                state = "question"
                if not any(_is_label(later) for later in lines[index + 1:]):
                    # No label after the question marks where the answer starts: the
                    # question is its own paragraph, one line as the page prints it.
                    answer_start = index + 1
                    break
            continue
        if index == last_line and state != "question":
            break
        if match := ANSWERED_ON.match(line):
            fields["answered_date"] = parse_date(match["date"])
            answer_start = index + 1
            break
        if match := ASKED_BY.match(line):
            _asker(fields, match["member"])
            state = "after-question"
        elif match := ANSWERED_BY.match(line):
            fields["answering_minister"] = clean(match["member"])
            state = "minister"
        elif flag := status_flag(line):
            fields[flag] = True
            state = "after-question" if state == "question" else state
        elif HOLDING_RECEIVED.match(line):
            fields["replaces_holding_answer"] = True
            state = "after-question" if state == "question" else state
        elif state == "question":
            question.append(line)
        elif state == "minister" and line and not _is_caption(line):
            if fields.get("answering_minister") is None:
                # The first line after the caption is the name; an office may follow it.
                fields["answering_minister"] = line
            elif not (OFFICE.match(line) and index == minister_line + 1) and not any(ANSWERED_ON.match(later) for later in lines[index:]):
                # No "answered on" line: the answer begins after the name (and office).
                answer_start = index
                break
            if fields["answering_minister"] == line:
                minister_line = index

    fields["question_text"] = paragraphs(question)
    if fields["question_text"] is None:
        yield Rejected("page cut off before its question text" if cut else "page has no question text")
        return
    # The question runs to the end of the page: it was cut where the page stops inside its
    # line, or where it does not end as questions end ("... a three-tier system;").
    in_question = state == "question" and (answer_start is None or not any(lines[answer_start:])) and question_cut(" ".join(question), text, cut)
    cut = cut or label_cut
    if in_question:
        # Cut inside the question: what is visible, and no answer.
        fields["question_text_truncated"] = True
        fields["answer_text"] = None
    elif answer_start is None:
        # The page stops before its answer: cut after the question, or a question not yet answered.
        fields["answer_text"] = None
        fields["answer_text_truncated"] = cut
    else:
        fields["answer_text"] = paragraphs(lines[answer_start:])
        fields["answer_text_truncated"] = cut
    fields["house"] = house_from(None, fields["question_text"])
    yield fields
