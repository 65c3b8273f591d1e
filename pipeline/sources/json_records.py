"""A JSON list of records read so that one damaged record costs only itself.

API dumps are long lists of records. Parsed whole, one damaged byte makes the whole
file invalid; read element by element and stopped at the first damage, every record
after it is lost. :func:`iter_records` reads the list one element at a time and, where
an element is damaged, rejects that element (with its JSON error) and reads on from the
next element that is whole: the start of a record (``{`` after a comma or at the start
of a line) that parses on
its own, is followed by a comma or the list's end, and (once a record has been read)
begins with the same key as the records before it, so that an object nested inside the
damaged record (a link, a member) is not taken for the next record.

Every element comes back as exactly one item, in order: the record itself, or a
:class:`~pipeline.sources.common.Rejected` saying why it is not one (damaged, a JSON
``null``, a list cut off inside it), so that readers count every record.
"""

from __future__ import annotations

import json
import re
from typing import Iterable, Iterator

from .common import Rejected

_JSON = json.JSONDecoder(strict=False)  # real dumps carry raw line breaks inside strings
_SPACE = re.compile(r"[ \t\r\n]*")
#: Where a record may start again after damage: an object after a comma, or at the start of a
#: line (a record cut short loses the comma after it; dumps put one record to a line).
_NEXT_OBJECT = re.compile(r"[,\n][ \t\r\n]*\{")
_FIRST_KEY = re.compile(r'\{[ \t\r\n]*"((?:[^"\\]|\\.)*)"[ \t\r\n]*:')

NULL_RECORD = "a JSON null where a record should be"
CUT_OFF = "record cut off: the JSON ends inside it"


def checked(records: Iterable[object]) -> Iterator[object]:
    """Records of a list already parsed, with each ``null`` rejected rather than read."""
    for record in records:
        yield Rejected(NULL_RECORD) if record is None else record


def iter_records(text: str, start: int) -> Iterator[object]:
    """Every element of the JSON list whose ``[`` is at ``start``: each record, or a
    :class:`Rejected` for one that is damaged, ``null`` or cut off by the end of the text."""
    index = start + 1
    length = len(text)
    first_key: str | None = None
    while True:
        index = _SPACE.match(text, index).end()
        while index < length and text[index] == ",":  # a stray comma holds no record
            index = _SPACE.match(text, index + 1).end()
        if index >= length or text[index] == "]":
            return
        try:
            value, end = _JSON.raw_decode(text, index)
            _check_followed(text, end)
        except ValueError as error:  # JSONDecodeError, or a number too long to convert (over 4,300 digits)
            resume = _next_record(text, index + 1, first_key or _first_key(text, index))
            if resume is None:
                if isinstance(error, json.JSONDecodeError) and not text.rstrip().endswith(("]", "}")):  # the text stops inside it
                    yield Rejected(CUT_OFF)
                else:
                    yield Rejected(f"damaged JSON record: {_where(error)}; no whole record follows it")
                return
            line = text.count("\n", 0, resume) + 1
            yield Rejected(f"damaged JSON record: {_where(error)}; read again from the next whole record, at line {line} (character {resume})")
            index = resume
            continue
        if value is None:
            yield Rejected(NULL_RECORD)
        else:
            if isinstance(value, dict) and value:
                first_key = next(iter(value))
            yield value
        index = end


def _check_followed(text: str, end: int) -> None:
    """Raise where what follows an element shows it ended early: a record cut short by a stray
    ``}`` parses, but what follows it is not the start of another element (an object, a list
    or ``null``; a missing comma between two whole records is let pass)."""
    after = _SPACE.match(text, end).end()
    if after >= len(text) or text[after] in "]{[":
        return
    if text[after] == ",":
        following = _SPACE.match(text, after + 1).end()
        if following >= len(text) or text[following] in "{[n],":
            return
        raise json.JSONDecodeError("Expecting the next record after ','", text, following)
    raise json.JSONDecodeError("Expecting ',' delimiter or ']' after the record", text, after)


def _where(error: ValueError) -> str:
    if isinstance(error, json.JSONDecodeError):
        return f"{error.msg} at line {error.lineno}, column {error.colno} (character {error.pos})"
    digits = re.search(r"value has (\d+) digits", str(error))  # Python's limit on converting long integers
    return f"a number of {digits.group(1)} digits, more than can be read" if digits else str(error)


def _first_key(text: str, index: int) -> str | None:
    match = _FIRST_KEY.match(text, index)
    return match.group(1) if match else None


def _next_record(text: str, index: int, first_key: str | None) -> int | None:
    """Where the next whole record after ``index`` starts, or None where none does."""
    for match in _NEXT_OBJECT.finditer(text, index):
        candidate = match.end() - 1
        if first_key is not None and _first_key(text, candidate) != first_key:
            continue
        try:
            _, end = _JSON.raw_decode(text, candidate)
            _check_followed(text, end)
        except ValueError:
            continue
        return candidate
    return None
