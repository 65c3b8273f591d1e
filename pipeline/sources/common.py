"""What every source reader needs: written dates, page furniture, the House from a question's form."""

from __future__ import annotations

import re
from datetime import date, datetime

_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"], 1)}
_MONTHS.update({name[:3]: number for name, number in list(_MONTHS.items())})
_MONTHS["sept"] = 9

WRITTEN_DATE = re.compile(
    r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
    r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>[A-Za-z]{3,9})\.?,?\s+(?P<year>\d{4})\b"
)
ISO_DATE = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?:[T ][0-9:.]+Z?)?")


def parse_date(text: str | None) -> date | None:
    """A date in any written form the sources use ("7th May 2014", "Thursday 16th May 2024",
    "23 July 2019", "2024-08-30T00:00:00"), or ``None`` where the text holds no valid date."""
    if not text:
        return None
    text = text.strip()
    if match := ISO_DATE.fullmatch(text):
        parts = int(match["year"]), int(match["month"]), int(match["day"])
    elif match := WRITTEN_DATE.search(text):
        month = _MONTHS.get(match["month"].lower())
        if month is None:
            return None
        parts = int(match["year"]), month, int(match["day"])
    else:
        return None
    try:
        return date(*parts)
    except ValueError:
        return None


def parse_iso_datetime(text: str | None) -> date | None:
    """The date part of an API timestamp such as ``2024-08-30T00:00:00``."""
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        return parse_date(text)


#: Lines that web pages wrap around content; they are never part of a field.
FURNITURE_LINES = re.compile(
    r"^(?:Skip to main content|Reticulating Splines|Loading\.*|Menu|Search|Cookie settings|Back to top|Share this page|Print this page)$",
    re.IGNORECASE,
)
#: Spinner and navigation text that pages glue onto the end or start of a real line.
FURNITURE_FRAGMENTS = re.compile(r"(?:Reticulating Splines|Skip to main content)")
PORTRAIT_CAPTION = re.compile(r"^(?P<name>.+?) Portrait$")


def strip_furniture(text: str) -> tuple[list[str], bool]:
    """The page's lines with navigation and spinner text removed, and whether any was.

    Fragments glued to real text ("...gangs.Skip to main content") are cut out of the line.
    """
    removed = False
    lines: list[str] = []
    for line in text.split("\n"):
        cleaned = FURNITURE_FRAGMENTS.sub("", line)
        if cleaned != line:
            removed = True
        stripped = cleaned.strip()
        if FURNITURE_LINES.match(stripped):
            removed = True
            continue
        lines.append(cleaned.rstrip())
    return lines, removed


def paragraphs(lines: list[str]) -> str | None:
    """Lines joined into plain text: one blank line between paragraphs, none at the ends."""
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line.strip())
        elif blocks[-1]:
            blocks.append([])
    text = "\n\n".join("\n".join(block) for block in blocks if block)
    return text or None


LORDS_QUESTION = re.compile(r"^To ask (?:Her|His) Majesty'?s Government", re.IGNORECASE)


def house_from(uin: str | None, question_text: str | None) -> str | None:
    """The House a question was tabled in, where its UIN or its wording settles it.

    Lords UINs begin HL and Lords questions are put to "Her/His Majesty's
    Government"; Commons questions are put to a named minister ("To ask the
    Secretary of State for ...").
    """
    if uin:
        return "Lords" if uin.upper().startswith("HL") else "Commons"
    if question_text:
        if LORDS_QUESTION.match(question_text):
            return "Lords"
        if re.match(r"^To ask the (?:Secretary of State|Minister|Chancellor|Prime Minister|Attorney General|Solicitor General|Advocate General|Leader of the House|President of the Council|Deputy Prime Minister|Chair|hon\.? Member|Honourable Member|right hon\.)", question_text, re.IGNORECASE):
            return "Commons"
    return None
