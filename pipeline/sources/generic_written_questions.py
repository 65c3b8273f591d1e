"""The last-resort reader: a document in no known layout that plainly holds written questions.

Asked after every other reader. It looks only for the marks every written question
carries, whatever the page around it:

- a paragraph that opens with the question's fixed form, "To ask the Secretary of State
  ...", "To ask His Majesty's Government ...", perhaps after the asker ("Mr Smith: To ask
  ...", "Lord X to ask ...", "Asked by ...", a name on the line above), or the older
  "Mr. SMITH asked the Minister of ..." / "asked Her Majesty's Government:" (the question
  after the colon or on the next line);
- the UIN printed after it ("[12345]", "[HL1234]", "HL1234"), and the UINs of a numbered
  question's parts ("[105342](2) ...");
- the answer: the paragraphs after the question up to the next one, with the minister's
  turn ("Mr Jones: The figures ...", "The Minister of State, Home Office (Lord Y): ...", a
  title with the name in brackets on the next line, a name on a line of its own) or an
  "Answered by" line naming who gave it; questions printed one after another share the
  answer that follows them;
- the heading printed just above a question, where it is a short title of its own;
- dates only where a label says what they are ("Asked on", "Tabled on", "Answered on"), or
  the sitting's date (a "HC Deb 6 March 1919 ... W" citation, "debated on ...", a dated
  column marker) for the day the answers were given.

Whatever it cannot place with certainty stays empty, and every answer it reads is
flagged (:func:`layout_flags`) so consumers know the layout was not recognised. A text
with none of these marks is not read, nor is one of questions answered orally in the
chamber (printed in the same forms): it stays rejected as in no known layout.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..model import QualityFlag
from .common import (
    HEAD, Rejected, answered_in_the_chamber, clean, ends_mid_line, hansard_lines, is_cut_label, house_from, line_paragraphs, parse_date, parse_speaker,
)

LAYOUT = "generic_written_questions"
#: Asked last of all readers.
PRIORITY = 1000

_ADDRESSEE = (
    r"(?:the (?:Secretary of State|Minister|Chancellor|Prime Minister|Attorney[- ]General|Solicitor[- ]General|"
    r"Advocate[- ]General|Lord Advocate|Leader of the House|Lord President|President|Deputy Prime Minister|Chair(?:man)?|"
    r"hon\.? Member|right hon\.|Honourable Member|Postmaster[- ]General|Financial Secretary|Economic Secretary|"
    r"Chief Secretary|Parliamentary Secretary|Paymaster[- ]General|First Lord|Home Secretary|Foreign Secretary|"
    r"Under[- ]Secretary|Lord Privy Seal|Chancellor of the Duchy)|(?:Her|His) Majesty['’]s Government)"
)
#: "[§] [67.] [Asker[ (Seat)]:] To ask <addressee> ..."
TO_ASK = re.compile(
    r"^(?:§\s*)?(?:\d{1,4}\.?\s+)?(?:(?P<asker>[A-Z][^\n:;?!]{1,100}?)\s*:?\s+)?(?P<question>(?i:to ask) " + _ADDRESSEE + r".*)$"
)
#: "[§] Mr. SMITHasked the Minister of ..." / "Lord X asked Her Majesty's Government:"
ASKED = re.compile(r"^(?:§\s*)?(?:\d{1,4}\.?\s+)?(?:(?P<asker>[A-Z][A-Za-z.'’ ,()-]{1,100}?)\s*)?(?P<question>asked " + _ADDRESSEE + r".*)$")
#: A member's name as an asker is printed: a few words, no sentence in it.
NAME = re.compile(r"^(?:The )?[A-Z][\w.'’-]*(?: (?:of|de|van|von|le|la|du|and|the|[A-Z(][\w.'’()-]*)){0,8}$")
ASKED_BY = re.compile(r"^Asked by:?\s*(?P<member>.+)$")
ANSWERED_BY = re.compile(r"^Answered by:?\s*(?P<member>.*)$")
OWN_UIN = re.compile(r"\s*(?:\[(?P<bracketed>(?:HL)?\d+[A-Z]?)\]|(?<=\s)(?P<bare>HL\d+))\.?\s*$")
TURN = re.compile(r"^(?:§\s*)?(?P<speaker>(?:The )?[A-Z][^:\n]{1,150}?)\s*(?P<holding>\[holding answer[^\]]*\])?\s*:\s+(?P<rest>\S.*)$")
LABELLED_DATE = {
    "tabled_date": re.compile(r"^(?:Asked on|Tabled on|\(asked on)\s*:?\s*(?P<date>[^)]*)", re.IGNORECASE),
    "answered_date": re.compile(r"^(?:Answered on|This question was answered on)\s*:?\s*(?P<date>.*)$", re.IGNORECASE),
}
CITATION = re.compile(r"\b(?P<house>H[CL]) Deb (?P<date>\d{1,2} [A-Z][a-z]+ \d{4})")
#: A member's name on a line of its own, as Hansard prints the asker before the question and
#: the minister before the answer: with a colon after it, or with an honorific before it.
NAME_LINE = re.compile(
    r"^(?P<name>(?:(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Baroness|Earl|Viscount|Countess|Lady|The)\.? )?[A-Z][\w.'’-]*(?: [\w.'’()-]+){0,6}?)\s*(?P<colon>:)?$"
)
HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Baroness|Earl|Viscount|Countess|Lady|The)\b\.?")
#: The second and later parts of a numbered question ("(2) what provision ...").
QUESTION_PART = re.compile(r"^\(\d{1,2}\)\s*\S")
#: Navigation a Hansard page ends with: a page ending so is whole.
TRAILING_NAVIGATION = re.compile(r"(?:\s*\n(?:Back to|Forward to|Previous section|Next section|Back to top|Back to Table of Contents))+\s*$")
#: A part's UIN inside a numbered question, before the next part ("[105342](2)", "[18925] (2)").
INLINE_UIN = re.compile(r"\[((?:HL)?\d+[A-Z]?)\]\s*(?=\(\d{1,2}\))")
#: Where a member's turn runs on after a question's UIN on the same line ("[14258]Mrs. Browning").
RUN_ON_TURN = re.compile(r"(?<=\])(?=(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lady|Lord|Baroness|Earl|Viscount)\b)")
#: The Lords form with the question glued after the colon.
LORDS_FORM = re.compile(r"^asked (?:Her|His) Majesty['’]s Government\s*:\s*(?P<rest>\S.*)?$")
#: The sitting date in a Hansard page's header ("debated on Tuesday 25 March 1913").
DEBATED_ON = re.compile(r"\bdebated on (?:[A-Z][a-z]+day,? )?(?P<date>\d{1,2} [A-Z][a-z]+ \d{4})")
#: A Hansard column marker with the sitting's date ("26 Oct 1999 : Column: 813", "7 Dec 2004 : Column 508W").
COLUMN_DATE = re.compile(r"(?P<date>\d{1,2} [A-Z][a-z]{2,8} \d{4})\s*:\s*Column:?\s*\w+")
COLUMN_LINE = re.compile(r"^(?:\d{1,2} [A-Z][a-z]{2,8} \d{4}\s*:\s*)?Column:?\s*(?:W[AS]\s?)?\d+W?$")
#: A minister's title naming the department: "The Minister of State, Home Office".
OFFICE_LINE = re.compile(r"^The (?:[\w'’-]+ ){0,4}(?:Minister|Secretary|Under-Secretary|Solicitor|Attorney|Advocate)\b[^,()]*,\s*(?P<body>[^()]+?)\s*$")
NAME_IN_BRACKETS = re.compile(r"^\((?P<name>[^()]+)\)\s*(?::\s*(?P<rest>\S.*))?$")
#: An order-paper number before the asker's name ("67. Mr. C. Hughes").
ORDER_NUMBER = re.compile(r"^\d{1,4}\.\s+")
#: A heading: a few words, no figures, no sentence's end.
HEADING_LINE = re.compile(r"^[A-Z][A-Za-z ,'’:()&-]{0,80}$")
HOLDING = re.compile(r"^Holding answer received on\b", re.IGNORECASE)
HOLDING_PREFIX = re.compile(r"^\[holding answer[^\]]*\]\s*:?\s*", re.IGNORECASE)


def question_start(line: str) -> re.Match | None:
    """The question that begins this line, if it does; its asker where one is printed before it."""
    line = line.strip()
    # Performance: the patterns are tried only on lines holding their words ("to ask" in any case:
    # lowercasing keeps every letter the pattern's case-blind match takes to one of them, but "ſ").
    match = TO_ASK.match(line) if "to ask " in line.lower() or "ſ" in line else None
    if match is None:
        match = ASKED.match(line) if "asked " in line else None
        if match is None or (match["asker"] and not NAME.match(" ".join(match["asker"].split()).rstrip(","))):
            return None  # "asked the Minister" inside a sentence is no question
    return match


def recognises(text: str) -> bool:
    head = text[:HEAD]
    if answered_in_the_chamber(head):
        return False  # questions answered in the chamber, not written questions
    return any(question_start(line) for line in head.split("\n"))


def layout_flags(answer_id: str, layout: str) -> list[QualityFlag]:
    """The quality flag every answer read by this reader carries (none for other layouts)."""
    if layout != LAYOUT:
        return []
    return [QualityFlag(answer_id=answer_id, code="generic_reader",
                        message="The source is in no known layout: read by the general reader, which leaves empty what it cannot place.")]


def _asker(match: re.Match) -> str | None:
    printed = clean(match["asker"])
    if not printed:
        return None
    printed = printed.rstrip(",").strip()
    # "Mr Patrick Nicholls (Teignbridge)": the seat is not part of the name.
    if printed.endswith(")") and "(" in printed:
        printed = printed[:printed.rfind("(")].strip()
    return printed if NAME.match(printed) else None


def read(text: str) -> Iterator[dict | Rejected]:
    lines, furniture_removed = hansard_lines(text)
    # Column markers on lines of their own ("26 Oct 1999 : Column: 813", "Column 124") are
    # no part of any field.
    lines = _without_column_lines([line.strip() for line in lines])
    # "... a statement. [14258]Mrs. Browning: The ...": the turn after a UIN run on to its line.
    lines = [part for line in lines for part in (RUN_ON_TURN.split(line) if "]" in line else (line,))]  # performance: the bracket first
    ending = (TRAILING_NAVIGATION.sub("", text) if any(words in text for words in _NAVIGATION_WORDS) else text).rstrip(" \t")
    cut = ends_mid_line(ending)
    label_cut = False
    last = max((i for i, line in enumerate(lines) if line), default=-1)
    if last >= 0 and not ending.endswith("\n") and (
            _names_a_member(lines[last], titled=True) or (_speaker_label(lines, last) and not lines[last].endswith((".", "?", "!")))):
        # A member's name or a speaker's title with no line break after it ("Mr.", "Mr.
        # McFall :", "The Minister of State, Ministry of Justice (Lord McNally)") is the next
        # record's start or the answer's label, the page cut after it, whatever its last character.
        cut = True
    if cut and last >= 0 and is_cut_label(lines[last], ("Column",)):
        lines[last] = ""  # a column marker cut part-way: the sentence it fell in goes on after it
    elif cut and last >= 0 and (_is_label(lines[last]) or _names_a_member(lines[last]) or _speaker_label(lines, last)
                                or _next_heading(lines, last)):
        # A label whose value the page cut part-way tells nothing certain; nor does a line
        # cut where it may as well be the next record's start as the answer's text.
        lines[last] = ""
        label_cut = True
    starts = [index for index, line in enumerate(lines) if question_start(line)]
    if not starts:
        yield Rejected("no written question found (no 'To ask ...' or '... asked the ...' paragraph)")
        return
    header = "\n".join(lines[:starts[0]])
    citation = _sitting(header, text[:HEAD])
    records = []
    for number, start in enumerate(starts):
        last = number == len(starts) - 1
        end = starts[number + 1] if not last else len(lines)
        before = lines[starts[number - 1] + 1 if number else 0:start]
        record = _record(lines, start, end, before, cut_short=last and cut, label_cut=label_cut, last=last, citation=citation,
                         furniture_removed=furniture_removed, open_end=not ending.endswith("\n"))
        # Questions printed one after another with nothing between them share the answer
        # that follows the last of them, where a minister's turn marks it as the answer.
        alone = not any(lines[start + 1:end])
        records.append((record, alone))
    yield from _share_answers(records)


#: Performance: what a line must hold for TRAILING_NAVIGATION to find anything.
_NAVIGATION_WORDS = ("\nBack to", "\nForward to", "\nPrevious section", "\nNext section")


def own_uin(text: str) -> re.Match | None:
    """``OWN_UIN.search(text)``. Performance: the pattern can only match the UIN that ends the
    text and the spaces before it, so the search starts there rather than trying every position
    of a long question: before the last "[" where the text ends in "]", before the "HL" of the
    figures it ends in otherwise."""
    tail = text.rstrip()
    tail = tail[:-1] if tail.endswith(".") else tail
    if tail.endswith("]"):
        start = tail.rfind("[")
    elif tail[-1:].isdecimal():
        start = len(tail) - 1
        while start > 0 and tail[start - 1].isdecimal():
            start -= 1
        start -= 2
        if start < 0 or tail[start:start + 2] != "HL":
            return None
    else:
        return None
    if start < 0:
        return None
    while start > 0 and text[start - 1].isspace():
        start -= 1
    return OWN_UIN.search(text, start)


def _sitting(header: str, head: str) -> re.Match | None:
    """The sitting's date as the page prints it (a citation, "debated on", a dated column
    marker); each pattern looked for only where its words are (performance)."""
    return ((" Deb " in header and CITATION.search(header)) or ("debated on " in header and DEBATED_ON.search(header))
            or ("Column" in head and COLUMN_DATE.search(head)) or None)


#: The opening words of a question's form, which a line cut part-way may stop inside.
QUESTION_FORMS = ("to ask ", "asked ")


def _names_a_member(line: str, titled: bool = False) -> bool:
    """Whether a line the page stops in may be the next record's start rather than answer
    text: a member's name, perhaps with its colon and the opening words of a question's form
    cut before its addressee ("Mr. McF", "Mr. McFall : To a", "Lord Smith asked Her Maj").
    ``titled``: only a name with a title or a colon ("Jess Phillips MP" may sign a page off)."""
    if question_start(line):
        return False  # a question cut inside: read as such
    bare = ORDER_NUMBER.sub("", line.lstrip("§").strip())
    if NAME.match(bare.rstrip(" :")) and (not titled or bare.endswith(":") or HONORIFIC.match(bare)):
        return True
    for split in (i for i, char in enumerate(bare) if char in " :"):
        rest = bare[split:].strip(" :").lower()
        if rest and NAME.match(bare[:split].rstrip(" :")) and any(form.startswith(rest) or rest.startswith(form) for form in QUESTION_FORMS):
            return True
    return False


def _speaker_label(lines: list[str], index: int) -> bool:
    """Whether the line a page is cut inside may be a speaker's label cut before its colon:
    a member's title ("Lord Wallace o", "The Minister of State, M"); for "The ...", only on the
    line where the minister's turn would open, just after the question."""
    line = lines[index]
    if ":" in line or not HONORIFIC.match(line):
        return False
    if not line.startswith("The"):
        return True
    above = next((l for l in reversed(lines[:index]) if l), "")
    return bool(question_start(above) or own_uin(above))


def _next_heading(lines: list[str], index: int) -> bool:
    """Whether the line a page is cut inside may be the next record's heading: a short title
    standing as a paragraph of its own below answer text."""
    above = [line for line in lines[:index] if line]
    if not above or lines[index - 1] or question_start(above[-1]):
        return False
    line = lines[index]
    return bool(HEADING_LINE.match(line)) and len(line.split()) <= 10


def _without_column_lines(lines: list[str]) -> list[str]:
    """The lines without column markers standing alone; where a marker fell inside a
    sentence, the sentence's two halves are joined again."""
    kept: list[str] = []
    joining = False
    for line in lines:
        if COLUMN_LINE.match(line):
            joining = bool(kept) and bool(kept[-1]) and not kept[-1].endswith((".", ":", "?", "!", ")", "]"))
            continue
        if joining and line and line[0].islower():
            kept[-1] = f"{kept[-1]} {line}"
        else:
            kept.append(line)
        joining = False
    return kept


#: What questions answered together share: the answer and who gave it.
SHARED = ("answer_text", "answering_minister", "answer_text_truncated", "replaces_holding_answer")


def _share_answers(records: list[tuple[dict | Rejected, bool]]) -> Iterator[dict | Rejected]:
    waiting: list[dict] = []
    for record, alone in records:
        if isinstance(record, dict) and alone and not record.get("question_text_truncated"):
            waiting.append(record)
            continue
        if isinstance(record, dict) and record.get("answering_minister") and record.get("answer_text"):
            for earlier in waiting:
                earlier.update({name: record[name] for name in SHARED if name in record})
        yield from waiting
        waiting = []
        yield record
    yield from waiting


def _record(lines, start, end, before, *, cut_short, label_cut, last, citation, furniture_removed, open_end=False) -> dict | Rejected:
    match = question_start(lines[start])
    fields: dict = {"asking_member": _asker(match), "furniture_removed": furniture_removed}
    near = _label_block(before)
    fields["heading"] = _heading(before, near)
    for line in near:
        if asked_by := ASKED_BY.match(line):
            fields["asking_member"] = fields["asking_member"] or clean(asked_by["member"])
    if fields["asking_member"] is None and near and match["asker"] is None:
        fields["asking_member"] = name_line(ORDER_NUMBER.sub("", near[-1]))
    body = lines[start + 1:end]
    question = match["question"].strip()
    glued = LORDS_FORM.match(question)
    if glued and glued["rest"]:
        question = glued["rest"]  # "asked Her Majesty's Government:What proposals ...": the question itself
    elif question.rstrip().endswith(("Government:", "Government :")) and question.lower().startswith("asked"):
        # "Lord X asked Her Majesty's Government:" with the question on its own line.
        following = next((i for i, line in enumerate(body) if line), None)
        if following is None:
            return Rejected("record cut off before its question text" if cut_short else "record has no question text")
        question, body = body[following], body[following + 1:]
    if not own_uin(question) and not question.rstrip().endswith((".", "?", "!")):
        # A question broken by a paragraph break (before a quoted title) runs on to the line
        # that ends with its UIN.
        following = [i for i, line in enumerate(body[:4]) if line][:2]
        end = next((i for i in following if own_uin(body[i])), None)
        if end is not None:
            question = " ".join([question, *(line for line in body[:end + 1] if line)])
            body = body[end + 1:]
    while body and (QUESTION_PART.match(body[0]) or (not body[0] and len(body) > 1 and QUESTION_PART.match(body[1]))):
        question += "\n\n" + body[0] if body[0] else ""
        body = body[1:]
    # Cut inside the question only where the question's line is the page's last; and so it
    # was where that last question does not end as questions end (with its UIN or a
    # sentence's end), wherever the page stopped ("... tonnes of (a) ", "... have been in").
    closed = question.rstrip().rstrip("\"'’”").endswith((".", "?", "!", ".)")) or bool(own_uin(question))
    in_question = not any(body) and (not label_cut or not closed)
    if last and in_question and not closed:
        cut_short = True
    elif last and in_question and open_end and question.rstrip().endswith("."):
        cut_short = True  # the full stop may be an abbreviation's ("from the hon. "), the page cut after it
    uin_match = own_uin(question)
    if uin_match and not (cut_short and in_question):
        fields["uin"] = uin_match["bracketed"] or uin_match["bare"]
        question = question[:uin_match.start()].rstrip()
    parts = INLINE_UIN.findall(question)
    if parts:
        # A numbered question in parts prints each part's UIN after it ("...; [105342](2) if
        # she will ... [105298]"): the first is the record's own, the others are grouped with it.
        grouped = [*parts, fields.get("uin")] if fields.get("uin") else parts
        fields["uin"], fields["grouped_uins"] = grouped[0], tuple(u for u in grouped[1:] if u != grouped[0])
    fields["question_text"] = question
    if cut_short and in_question:
        fields["question_text_truncated"] = True
        fields["uin"] = None
    # Labels after the question are its own; before it, only the lines just above it are
    # (further up is the previous record's answer).
    for line in [*near, *body]:
        for name, pattern in LABELLED_DATE.items():
            if found := pattern.match(line):
                fields[name] = fields.get(name) or parse_date(found["date"])
    if any(HOLDING.match(line) for line in body) or any(HOLDING_PREFIX.match(line) for line in body):
        fields["replaces_holding_answer"] = True
    if citation and fields.get("answered_date") is None:
        fields["answered_date"] = parse_date(citation["date"])
    # "[holding answer 27 March 2003]: None of ..." (the minister's name stripped): the answer
    # replaced a holding one, and its text follows the bracket.
    body = [HOLDING_PREFIX.sub("", line) for line in body]
    answer = [line for line in body if not _is_label(line)]
    while answer and not answer[-1]:
        answer.pop()
    if not last and answer and HEADING_LINE.match(answer[-1]):
        answer.pop()  # the next question's heading, printed just above it
    fields["answering_minister"] = _minister(body)
    first = next((i for i, line in enumerate(answer) if line), None)
    if fields["answering_minister"] is None and first is not None and any(answer[first + 1:]) and (named := name_line(answer[first])):
        fields["answering_minister"] = named
        answer = answer[first + 1:]
    first = next((i for i, line in enumerate(answer) if line), None)
    if (last and fields["answering_minister"] is None and first is not None and not any(answer[first + 1:])
            and answer[first].rstrip().endswith(":") and (named := _speaker_of(answer[first].rstrip().rstrip(":")))):
        # "Ms Jowell:" the page's last line: who answered, the answer beyond the page's end.
        fields["answering_minister"] = named
        if office := OFFICE_LINE.match(" ".join(answer[first].split()).split(" (")[0]):
            fields["answering_body"] = clean(office["body"])  # the department in the minister's title
        answer, first, cut_short = [], None, True
    if fields["answering_minister"] is None and first is not None and first + 1 < len(answer):
        # "The Parliamentary Under-Secretary of State, Foreign and Commonwealth Office" with
        # "(Baroness Symons of Vernham Dean)" on the next line.
        office, named = OFFICE_LINE.match(answer[first]), NAME_IN_BRACKETS.match(answer[first + 1])
        if office and named:
            fields["answering_minister"] = clean(named["name"])
            fields["answering_body"] = clean(office["body"])
            answer = answer[first + 2:] if not named["rest"] else [named["rest"], *answer[first + 2:]]
            first = None
    if first is not None and (turn := TURN.match(answer[first])) and fields["answering_minister"] and _speaker(turn) == fields["answering_minister"]:
        answer[first] = turn["rest"]
        if turn["holding"]:
            fields["replaces_holding_answer"] = True
        if office := OFFICE_LINE.match(" ".join(turn["speaker"].split()).split(" (")[0]):
            fields["answering_body"] = clean(office["body"])  # the department in the minister's title
    fields["answer_text"] = line_paragraphs(answer)
    # Cut after the question: the answer is cut short, or wholly beyond the cut.
    fields["answer_text_truncated"] = cut_short and not in_question
    house = None
    if citation and "house" in citation.re.groupindex:
        house = "Commons" if citation["house"] == "HC" else "Lords"
    fields["house"] = house_from(fields.get("uin"), question) or house or _house_of_form(match["question"])
    return fields


#: Page titles that stand where a heading would, above the first question.
PAGE_TITLES = re.compile(r"(?:Written Answers?|Written Questions?|Hansard|Skip to main content|Parliamentary question|Contents|Previous Section|Next Section|Home Page|Back to|Forward to)", re.IGNORECASE)


def _heading(before: list[str], near: list[str]) -> str | None:
    """The heading printed just above the question (or above its asker's lines): a short
    title of its own, no figures, no sentence."""
    above = [line for line in before if line]
    above = above[:len(above) - len(near)] if near else above
    if not above:
        return None
    line = above[-1]
    if HEADING_LINE.match(line) and len(line.split()) <= 10 and not PAGE_TITLES.search(line) and not name_line(line):
        return line
    return None


def _label_block(before: list[str]) -> list[str]:
    """The lines just above a question that belong to it: its labels ("Asked by ...",
    "Tabled on ...") or its asker's name, up to the first other line (the previous
    record's answer, or a heading)."""
    block: list[str] = []
    for line in reversed(before):
        if not line:
            continue
        if ASKED_BY.match(line) or LABELLED_DATE["tabled_date"].match(line) or (not block and name_line(ORDER_NUMBER.sub("", line))):
            block.insert(0, line)
        else:
            break
    return block


def name_line(line: str) -> str | None:
    """The member on a name-only line ("Mr. Tom Clarke", "Ms Jowell:"), if it is one."""
    found = NAME_LINE.match(line.strip())
    if found is None or not (found["colon"] or HONORIFIC.match(found["name"])):
        return None
    return clean(found["name"])


def _house_of_form(question: str) -> str | None:
    """The House the older printed form settles: peers asked "Her Majesty's Government",
    members asked a minister ("asked the Secretary of State ...")."""
    if re.match(r"asked (?:Her|His) Majesty['’]s Government", question):
        return "Lords"
    if question.startswith("asked the "):
        return "Commons"
    return None


def _is_label(line: str) -> bool:
    return bool(ANSWERED_BY.match(line) or ASKED_BY.match(line) or HOLDING.match(line)
                or any(pattern.match(line) for pattern in LABELLED_DATE.values()))


def _speaker(turn: re.Match) -> str | None:
    return _speaker_of(turn["speaker"])


def _speaker_of(label: str) -> str | None:
    """The minister a speaker's label names ("Ms Jowell", "The Minister of State, Ministry of
    Justice (Lord McNally)"), if it reads as one."""
    speaker = " ".join(label.split())
    if len(speaker.split()) > 14:
        return None
    name = parse_speaker(speaker)
    if name and (NAME.match(name) or name.startswith("The ")):
        return name
    return None


def _minister(body: list[str]) -> str | None:
    """Who answered: an "Answered by" line, else the turn that opens the answer."""
    for index, line in enumerate(body):
        if found := ANSWERED_BY.match(line):
            named = clean(found["member"])
            if named:
                return named
            following = next((l for l in body[index + 1:] if l and not l.endswith(" Portrait")), None)
            return clean(following) if following and NAME.match(following) else None
    first = next((line for line in body if line), None)
    if first and (turn := TURN.match(first)):
        return _speaker(turn)
    return None
