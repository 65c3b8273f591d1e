"""The sentence around a place in an answer's text."""

from __future__ import annotations

import re

# A sentence ends at ., ! or ? followed by space and a capital or quote, or at a paragraph break.
_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[A-Z‘'\"(\[])|\n\s*\n")
_ABBREVIATIONS = re.compile(r"(?:\b(?:hon|Rt|Mr|Mrs|Ms|Dr|No|St|c|e\.g|i\.e|para|col|cols|vol|Co|Ltd|approx)\.)$")


def sentence_at(text: str, offset: int) -> str:
    """The sentence of ``text`` that contains character ``offset``, stripped."""
    start = 0
    for boundary in _BOUNDARY.finditer(text):
        if boundary.start() > offset:
            end = boundary.start()
            break
        if not _ABBREVIATIONS.search(text[: boundary.start()]):
            start = boundary.end()
    else:
        end = len(text)
    # An abbreviation just before ``end`` does not end the sentence: extend to the next real boundary.
    while end < len(text) and _ABBREVIATIONS.search(text[:end]):
        following = _BOUNDARY.search(text, end + 1)
        end = following.start() if following else len(text)
    return text[start:end].strip()
