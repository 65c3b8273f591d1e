"""Sentence boundaries in an answer's text, computed once per answer.

A sentence ends

- at ".", "!" or "?" (with any closing quotes, brackets and footnote markers such as
  "[1]" that follow it) before a space and a capital letter, digit, currency sign or
  opening quote or bracket, unless the word before the full stop is an abbreviation
  ("hon.", "Rt.", "c.", "No.", "e.g.", "para.", an initial ...);
- at a full stop glued to the next sentence where a source lost the space
  ("...meet demand.This Government ..."): a lowercase letter, digit, "%" or closing
  bracket, ".", then a capitalised word;
- at every line break: paragraphs, list items and table rows are never joined.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from string import ascii_letters

#: What follows a sentence's closing ".", "!" or "?" (the stop's own place is looked behind at).
_AFTER_STOP = (
    r"[’'\"”)\]]*(?:\[\d{1,3}\])*(?=[ \u00a0\t]+[A-Z0-9‘'\"“(\[£$€])"
    r"|(?<=[a-z0-9%)]\.)(?=[A-Z][a-z])"
)
#: Every sentence boundary. Starts with a character class, so that the scan for candidates is fast.
_BOUNDARY = re.compile(rf"[.!?\n](?:(?<=\n)|{_AFTER_STOP})")
#: The boundaries within a line of a text with no "!" or "?": as :data:`_BOUNDARY` finds them there,
#: but the scan is for one literal character, which is several times faster than for a class.
_FULL_STOP = re.compile(rf"\.(?:{_AFTER_STOP})")

#: Words that end in a full stop without ending the sentence (compared in lowercase).
ABBREVIATIONS = frozenset(
    """hon rt mr mrs ms dr prof cllr sir st no nos c ca cf e.g i.e eg ie viz vs v
    para paras col cols vol vols p pp op co ltd inc approx est sec sch art reg fig figs
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)


class Sentences:
    """The sentences of one text; ``at(offset)`` gives the one holding a character."""

    __slots__ = ("text", "_starts", "_ends", "_found")

    def __init__(self, text: str) -> None:
        self.text = text
        starts = [0]
        ends = []
        for match in _BOUNDARY.finditer(text):
            cut = match.end()
            if text[match.start()] == "." and _is_abbreviation(text, match.start()):
                continue
            ends.append(cut)
            starts.append(cut)
        ends.append(len(text))
        self._starts = starts
        self._ends = ends
        self._found: dict[int, str] = {}

    def span(self, offset: int) -> tuple[int, int]:
        """(start, end) of the sentence holding character ``offset``, without surrounding space."""
        index = bisect_right(self._starts, offset) - 1
        start, end = self._starts[index], self._ends[index]
        text = self.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return start, end

    def at(self, offset: int) -> str:
        index = bisect_right(self._starts, offset) - 1
        sentence = self._found.get(index)
        if sentence is None:  # str.strip() strips what str.isspace() finds, as span() does
            sentence = self._found[index] = self.text[self._starts[index]:self._ends[index]].strip()
        return sentence

    def __iter__(self):
        for start in self._starts:
            s, e = self.span(start)
            if e > s:
                yield self.text[s:e]


class SentenceLookup:
    """``at(offset)`` as :class:`Sentences` gives it, for offsets taken mostly in increasing order:
    only the line holding each offset is split, from a sentence start before the offset to the
    sentence's end.

    Every line break ends a sentence, no boundary's match runs into the next line, and a boundary
    is found the same wherever the scan for boundaries starts, so long as it starts at a sentence
    start: the scan for an offset starts after the last line break before it, or at the end of the
    sentence last found if that is nearer, and stops at the line's end."""

    __slots__ = ("text", "_boundaries", "_start", "_end", "_line_end", "_sentence", "_span")

    def __init__(self, text: str) -> None:
        self.text = text
        self._boundaries = _BOUNDARY if "!" in text or "?" in text else _FULL_STOP
        self._start = self._end = 0
        #: Where the line of the sentence last found ends (after its line break).
        self._line_end = 0
        self._sentence: str | None = ""
        self._span: tuple[int, int] | None = None

    def span_at(self, offset: int) -> tuple[int, int]:
        """(start, end) of the sentence holding ``offset``, without surrounding space: what
        ``at`` returns is ``text[start:end]``. Nothing is copied, whatever the sentence's length."""
        if not self._start <= offset < self._end:
            self._find(offset)
        span = self._span
        if span is None:  # (kept for the sentence's other figures)
            start, end, text = self._start, self._end, self.text
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            self._span = span = (start, end)
        return span

    def at(self, offset: int) -> str:
        if not self._start <= offset < self._end:
            self._find(offset)
        sentence = self._sentence
        if sentence is None:
            self._sentence = sentence = self.text[self._start:self._end].strip()
        return sentence

    def _find(self, offset: int) -> None:
        text = self.text
        if self._end <= offset < self._line_end:
            # (performance: further on in the line of the sentence last found, whose end is known)
            start, end = self._end, self._line_end
        else:
            start = text.rfind("\n", 0, offset) + 1
            if start < self._end <= offset:
                start = self._end
            line_end = text.find("\n", offset)
            end = len(text) if line_end < 0 else line_end + 1  # the line break's own boundary
            self._line_end = end
        for match in self._boundaries.finditer(text, start, end):
            stop = match.start()
            # (performance: _is_abbreviation inlined where it looks at the 13 characters before the stop alone)
            if text[stop] == "." and (_ends_in_abbreviation(text[stop - 13:stop]) if stop > 12 else _is_abbreviation(text, stop)):
                continue
            cut = match.end()
            if cut > offset:
                end = cut
                break
            start = cut
        self._start, self._end = start, end
        self._sentence = None
        self._span = None


def _is_abbreviation(text: str, stop: int) -> bool:
    """Whether the full stop at ``stop`` ends an abbreviation or an initial rather than a sentence."""
    if stop == 0 or not (text[stop - 1].isalpha() or text[stop - 1] == "."):
        return False  # no word before it: "in 2020.", "(see below)."
    if stop >= _LONGEST_ABBREVIATION and text[stop - _LONGEST_ABBREVIATION:stop].isalpha():
        return False  # the word before it is longer than any abbreviation
    if stop > 12:
        return _ends_in_abbreviation(text[stop - 13:stop])
    return _abbreviation_before(text, stop)


@lru_cache(maxsize=65536)  # Performance: the same words end sentences from answer to answer
def _ends_in_abbreviation(chunk: str) -> bool:
    """:func:`_abbreviation_before` the end of ``chunk``: the 13 characters before a full stop are
    all it looks at."""
    return _abbreviation_before(chunk, 13)


def _abbreviation_before(text: str, stop: int) -> bool:
    limit = stop - 12 if stop > 12 else 0
    chunk = text[limit:stop]
    if chunk.isascii():  # where str.isalpha() is [A-Za-z]
        begin = limit + len(chunk.rstrip(_LETTERS_AND_STOP))
    else:
        begin = stop
        while begin > limit and (text[begin - 1].isalpha() or text[begin - 1] == "."):
            begin -= 1
    if begin == stop or (begin > 0 and text[begin - 1].isalnum()) or not text[begin].isalpha():
        return False
    word = text[begin:stop]
    if len(word) == 1 and word.isupper():  # an initial: "J. Smith"
        return True
    return word.lower() in ABBREVIATIONS


_LETTERS_AND_STOP = ascii_letters + "."
#: One more than the length of the longest abbreviation.
_LONGEST_ABBREVIATION = max(map(len, ABBREVIATIONS)) + 1


def sentence_at(text: str, offset: int) -> str:
    """The sentence of ``text`` that contains character ``offset``, stripped.

    For many lookups in one text, build :class:`Sentences` once instead."""
    return Sentences(text).at(offset)
