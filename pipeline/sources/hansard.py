"""What Hansard's written answers share in every decade's form.

Hansard prints a written answer as turns: the asking member's question, then the
answering minister's reply. Over the century the marks changed:

- the member's name run into the first word of the turn ("§ Mr. HANNONasked the
  Chancellor ...", "§ Mr. McKENNAIn the urgent ...", "§ Mr. Galbraith15½ miles ...");
- the name on its own line above the turn ("Mr. Clinton Davis" / "asked the Secretary ...");
- the name with a colon ("Mr. Wigley : To ask ...", "Ms Jowell:" on its own line);
- no name at all where the digitised page stripped it;
- printed column numbers wherever a column ended, even inside words ("Decem- 961W ber",
  "52WFollowing", "the478W year", a line "697WA", "Column 124", "26 Oct 1999 : Column: 813").

The readers of the Hansard layouts use these helpers to find turns and their speakers; each
reader decides how its layout's turns make records.
"""

from __future__ import annotations

import re

from .common import closed, ends_mid_line, parse_speaker, question_cut, remove_column_markers, split_parenthesised, strip_furniture

#: Titles a member's name starts with in Hansard ("Mr.", "Sir", "Lord", "The Countess of").
HONORIFIC = (r"(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lady|Lord|Baroness|Earl|Countess|Viscount|Viscountess|Marquess|Duke|Bishop"
             r"|Captain|Capt|Major|Colonel|Col|Lieut|Lieutenant|Commander|Admiral|Rear-Admiral|Vice-Admiral|General|Brigadier"
             r"|Professor|Prof|Rev|Reverend|Hon|Rt|The)\.?")
STARTS_WITH_HONORIFIC = re.compile(rf"^(?:\d+\.\s*)?{HONORIFIC}\s")

#: A question's opening words as Hansard prints them: the tabled "To ask", or "asked" after the asker.
QUESTION_FORM = re.compile(r"(?:To ask|asked)\b")
QUESTION_START = re.compile(r"^(?:To ask|asked)\b")
def question_start_cut(text: str) -> bool:
    """Whether text a page stops in is a question's opening form cut part-way ("a", "aske", "To a")."""
    opening = text.strip()
    return bool(opening) and not QUESTION_START.match(opening) and any(form.startswith(opening) for form in ("asked", "To ask"))


_CUT_TURN = re.compile(r"^(?P<speaker>[^:\[]{2,150}?)\s?:\s*(?P<text>.*)$")
_CUT_HOLDING_LABEL = re.compile(r"^[^:\[]{2,150}?\s*\[holding answer[^\]]*\]?\s*$")
_CUT_MARKER = re.compile(r"^(?:\d{1,2} [A-Z][a-z]{2,8}\.? \d{4}\s*:\s*)?C(?:o(?:l(?:u(?:m(?:n(?::?\s*(?:W[AS]?)?)?)?)?)?)?)?$")


def uncertain_cut_line(line: str) -> bool:
    """Whether the line a page is cut inside tells nothing certain, so belongs to no field: a
    question's opening cut part-way, after its asker or not ("Mr Gregory Campbell: To a",
    "§ Mr. Austin MitchellTo as", "T"); a speaker's label with its holding answer cut before
    the colon ("Mrs Grant [holding answer 6 January 2014]"); a column marker cut part-way
    ("6 Jun 2011 : Column WA"); a minister's title before its colon. A minister's title with
    its colon ("... (Lord McNally): T") opens an answer."""
    line = line.strip().lstrip("§").strip()
    if question_start_cut(line) or _CUT_HOLDING_LABEL.match(line) or _CUT_MARKER.match(line):
        return True
    if OFFICE_START.match(line) and ":" not in line and not line.endswith((".", "?", "!")):
        return True  # "The Minister of State, ... (Lord Wallace of Tankerness)": the colon and answer beyond
    if (turn := _CUT_TURN.match(line)) and "(" not in turn["speaker"] and question_start_cut(turn["text"]):
        return True
    glued = glued_speaker(line)
    return glued is not None and question_start_cut(glued[1])


#: An order-paper number before a member's name ("67. Mr. C. Hughes", "109. Mr. French").
ORDER_NUMBER = re.compile(r"^\d{1,4}\.\s*")

# --- navigation ----------------------------------------------------------------------------

_NAVIGATION_PIECE = re.compile(
    r"^(?:(?:Previous|Next) [Ss]ection(?: Index)?(?: Home Page)?|Index(?: Home Page)?|(?:Lords )?(?:Hansard )?Home Page|Back to\b.*|Forward to\b.*"
    r"|Index to this sitting|Back to Table of Contents)$")


def is_navigation(line: str) -> bool:
    """Whether a line is the site's navigation ("Previous Section | Home Page |", "Back to", "Forward to ...")."""
    # Performance: a line whose first piece cannot begin a navigation piece is not split.
    if len(line) > 120 or line.lstrip()[:1] not in _NAVIGATION_INITIALS:
        return False
    pieces = [piece.strip() for piece in line.split("|") if piece.strip()]
    return bool(pieces) and all(_NAVIGATION_PIECE.match(piece) for piece in pieces)


#: The first letters of the navigation pieces, and the bar that may stand before the first.
_NAVIGATION_INITIALS = frozenset("PNILHBF|")


def page_lines(text: str) -> tuple[list[str], bool]:
    """A Hansard page's lines without furniture and navigation, and with "Column 967W" markers
    taken out so that the sentence a marker split meets again; and whether any furniture was removed."""
    lines, removed = strip_furniture(text)
    kept = [line for line in lines if not is_navigation(line.strip())]
    removed = removed or len(kept) < len(lines)
    kept = marked_lines(kept, keep=lambda line: True)  # markers on lines of their own first
    if "Column" in text:
        kept = remove_column_markers("\n".join(kept)).split("\n")
        # A "§" always starts a turn, even where a marker's removal ran it on from the line before.
        kept = [piece for line in kept for piece in (_BEFORE_TURN.split(line) if "§ " in line else (line,))]
    return kept, removed


#: Where a "§" turn begins after a marker's removal ran it on from the line before.
_BEFORE_TURN = re.compile(r"\s+(?=§ )")


# --- printed column numbers ------------------------------------------------------------

#: "cc637-8W" in a citation is not a marker; a marker is a column number and W (WA/WS in the
#: Lords) standing alone, before a capital, or glued to the end of a word.
_MARKER_LINE = re.compile(r"^\s*(?:(?:\d{1,2} [A-Z][a-z]{2,8}\.? \d{4}\s*:\s*)?(?:Column:?\s*(?:W[AS]\s?)?\d+[A-Z]{0,2}|\d{1,4}W[AS]?)"
                          r"|\d{1,2} [A-Z][a-z]{2,8}\.? \d{4}\s*:\s*(?:C(?:o(?:l(?:u(?:m(?:n)?)?)?)?)?:?)?)\s*$")  # or a cut one: "26 Oct 1999 :"
_MARKER_SPLITTING_WORD = re.compile(r"(\w)-\s+\d{1,4}W[AS]?\s+(\w)")
_MARKER_IN_WORD = re.compile(r"(?<=[a-z])\d{1,4}W[AS]?(?=\s)")
_MARKER_BEFORE_CAPITAL = re.compile(r"(?:(?<=\s)|^)\d{1,4}W[AS]?(?=[A-Z][a-z])")
_MARKER_ALONE = re.compile(r"(?<=\s)\d{1,4}W[AS]?\s+(?=\S)")
_FIGURE_THEN_W = re.compile(r"\dW")
_MARKER_DATED = re.compile(r"\d{1,2} [A-Z][a-z]{2,8}\.? \d{4}\s*:\s*Column:?\s*(?:W[AS]\s?)?\d+[A-Z]{0,2}\b\s*")


def is_column_marker(line: str) -> bool:
    """Whether a whole line is a printed column marker ("697WA", "Column 124", "26 Oct 1999 : Column: 813")."""
    return bool(_MARKER_LINE.match(line))


def without_column_markers(line: str) -> str:
    """A line with the printed column numbers inside it taken out ("Decem- 961W ber" -> "December")."""
    if "W" not in line and "Column" not in line:
        return line
    # Performance: each pattern is tried only where what it needs is in the line: a figure just
    # before a W for the first four (none of them makes one), "Column" for the dated marker.
    if _FIGURE_THEN_W.search(line):
        line = _MARKER_SPLITTING_WORD.sub(r"\1\2", line)
        line = _MARKER_IN_WORD.sub("", line)
        line = _MARKER_BEFORE_CAPITAL.sub("", line)
        line = _MARKER_ALONE.sub("", line)
    if "Column" in line:
        line = _MARKER_DATED.sub("", line)
    return line


def marked_lines(lines: list[str], keep=lambda line: False) -> list[str]:
    """Lines without column-marker lines, and without the markers inside lines (except lines ``keep`` spares).

    A marker line that splits a sentence is dropped and the sentence's two halves joined,
    so that a question split by a column ("... there have been in" / "Column 335" / "the
    English farming ...") reads as one."""
    out: list[str] = []
    joining = False
    for line in lines:
        if is_column_marker(line):
            joining = bool(out and out[-1].strip() and not out[-1].rstrip().endswith((".", "?", "!", ":", "]", ";")))
            continue
        cleaned = line if keep(line) else without_column_markers(line)
        if joining and cleaned.strip() and cleaned.strip()[0].islower():
            out[-1] = out[-1].rstrip() + " " + cleaned.strip()
        else:
            out.append(cleaned)
        joining = False
    return out


# --- speakers ----------------------------------------------------------------------------

#: Where a name in ordinary case runs into the next word: "JackMinisters", "Galbraith15½".
_LOWER_JOIN = re.compile(r"(?<=[a-z.)])(?=[A-Z0-9£‘“\"'(])")
#: Where a name in capitals runs into the next word: "McKENNAIn", "HORNENo", "GEORGE15".
_CAPITALS_JOIN = re.compile(r"(?<=[A-Z]{2})(?=[A-Z][a-z])|(?<=[A-Z]{3})(?=[0-9£])")
#: Name prefixes followed by a capital inside one name ("McNally", "MacShane", "FitzGerald").
NAME_PREFIXES = frozenset({"Mc", "Mac", "Fitz", "De", "Di", "Da", "La", "Le", "Van", "Von", "O'", "O’", "D'", "D’"})


def _joins(word: str) -> list[int]:
    """Where, inside one space-separated word, a name ends and the next text begins."""
    found = [m.start() for m in _LOWER_JOIN.finditer(word) if word[:m.start()] not in NAME_PREFIXES]
    found += [m.start() for m in _CAPITALS_JOIN.finditer(word)]
    return sorted(set(found))


def glued_speaker(text: str, limit: int = 12) -> tuple[str, str] | None:
    """(name, what follows) where a turn runs its speaker's name into its first word
    ("Mr. McKENNAIn the urgent ..."), or None where no name ends within the first words."""
    words = text.split(" ")
    for count, word in enumerate(words[:limit]):
        joins = [j for j in _joins(word) if j > 0]
        if joins:
            cut = joins[-1]
            name = " ".join(words[:count] + [word[:cut]]).strip()
            rest = " ".join([word[cut:]] + words[count + 1:]).strip()
            if name and rest:
                return name, rest
            return None
    return None


def has_glued_join(name: str) -> bool:
    """Whether a supposed name holds a join, so that it is really a name and the start of a text."""
    return any(_joins(word) for word in name.split())


#: A question turn: the asker's name, then "asked" or "To ask" (glued or spaced).
_QUESTION_TURN = re.compile(r"^(?P<member>.{2,150}?)\s*(?P<form>To ask\b|asked\b)(?P<rest>.*)$", re.DOTALL)


def question_turn(text: str) -> tuple[str | None, str] | None:
    """(asking member or None, question text as printed from "asked"/"To ask") where a turn is a
    question, else None. The member is the text before the question's form, where that is a name."""
    if QUESTION_START.match(text):
        return None, text
    if "To ask" not in text and "asked" not in text:
        return None  # performance: the pattern is tried only where its words are
    match = _QUESTION_TURN.match(text)
    if match is None:
        return None
    member = ORDER_NUMBER.sub("", match["member"]).strip().rstrip(":").strip()
    if not member or has_glued_join(member) or not name_like(member):
        return None
    return member, (match["form"] + match["rest"]).strip()


def _abbreviated(name: str) -> bool:
    """Whether every full stop in a name ends an abbreviation ("Mr.", "C.", "St.")."""
    return "." not in name or all(len(word) <= 4 and word[:1].isupper() for word in _ABBREVIATION.findall(name))


_ABBREVIATION = re.compile(r"(\S+)\.(?=\s|$)")
_WORD = re.compile(r"[a-z]+")


_PARTICLES = frozenset({"of", "de", "la", "le", "du", "van", "von", "and", "the", "for"})


def name_like(text: str) -> bool:
    """Whether text reads as a member's name or office as Hansard prints it: a few words,
    each capitalised or a particle ("Lord Williams of Mostyn", "Sir W. de FRECE",
    "The Prime Minister"), full stops only after abbreviations ("Mr.", "C.")."""
    words = text.split()
    if not words or len(words) > 9 or not text[0].isupper() or not _abbreviated(text):
        return False
    if not STARTS_WITH_HONORIFIC.match(text + " ") and len(words) > 4:
        return False
    return all(w[0].isupper() or w[0] in "('‘" or w in _PARTICLES for w in words)


def speaker_like(speaker: str) -> bool:
    """A speaker label: a member's name, or an office with the name in brackets
    ("The Minister of State, Home Office (Mr. Michael Jack)")."""
    speaker = " ".join(speaker.split())
    name, inside = split_parenthesised(speaker)
    return name_like(speaker) or bool(inside and name.startswith("The ") and name_like(inside))


def is_name_line(line: str) -> bool:
    """Whether a whole line reads as a member's name standing alone ("Mr. Clinton Davis",
    "67. Mr. C. Hughes", "Sir THOMAS ESMONDE", "The Prime Minister")."""
    line = ORDER_NUMBER.sub("", line.strip()).rstrip(":").strip()
    if not line or len(line) > 80 or line.endswith((",", ";", "?", "!", ":")) or QUESTION_START.match(line):
        return False
    return name_like(line)


#: The start of an answerer printed by office: "The Parliamentary Under-Secretary of State, ...".
OFFICE_START = re.compile(r"^The (?:Parliamentary|Minister|Secretary|Under|Lord|Financial|Chief|Economic|Exchequer|Paymaster|Solicitor"
                          r"|Attorney|Advocate|Commercial|Captain|Deputy|Prime|Chancellor|Leader|Earl|Baroness|Countess|Parl)")


def minister_and_body(speaker: str | None) -> tuple[str | None, str | None]:
    """The minister's name and, where the speaker is printed by office with the department
    ("The Minister of State, Ministry of Justice (Lord McNally)"), that department."""
    if speaker is None:
        return None, None
    name, inside = split_parenthesised(" ".join(speaker.split()))
    department = None
    if inside and name.startswith("The ") and ", " in name:
        department = name.split(", ", 1)[1].strip() or None
    return parse_speaker(speaker), department


def addressed_to(question: str, department: str | None) -> bool:
    """Whether a question is put to ``department`` (a section heading such as 'HOME DEPARTMENT',
    'Environment, Food And Rural Affairs'): the heading's words appear in the question's
    addressee. A subject heading ('Trade And Commerce' over a question to the Board of
    Trade) is not the answering body."""
    if not department:
        return False
    words = _WORD.findall(department.lower())
    addressee = " ".join(_WORD.findall(question[:200].lower()))
    return bool(words) and f" {' '.join(words)} " in f" {addressee} "


# --- pages cut short ---------------------------------------------------------------------
# Whether a last question was cut (:func:`closed`, :func:`question_cut`) is told as every
# reader of questions tells it: those helpers live in :mod:`.common`.

def page_cut(text: str) -> bool:
    """Whether a Hansard page stops part-way through its last line.

    A page ending in a figure with no line break after it ends a table, as whole pages
    of figures do ("... 23rd October, 1933 … … 698"); one ending in a space, or
    mid-word, was cut. (A question is never closed by a figure: readers also treat a
    last question that does not end as a question ends as cut, see :func:`closed`.)"""
    if not ends_mid_line(text):
        return False
    last_line = text[text.rfind("\n") + 1:].strip()
    return not (text[-1:].isdigit() or is_navigation(last_line))
