"""What publishing one chunk needs to know about the whole corpus, in a few bytes per answer.

Two things in a chunk depend on seeds outside it: whether an answer has other sources
(they must be merged into one row), and which answer a cited question is (an answer
may cite any earlier one). Pass 1 therefore collects, for every source, its answer id,
UIN and dates as NumPy arrays, 24 bytes per answer, never Python objects; 750,000
answers cost about 18 MB. :meth:`CorpusIndex.freeze` keeps what pass 2 asks: the
number of sources of each answer given by more than one, and the UIN and dates of each
answer's first source, sorted by UIN for :meth:`CorpusIndex.resolve`.
"""

from __future__ import annotations

import hashlib
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

_NO_DATE = np.iinfo(np.int32).min


def uin_key(uin: str) -> int:
    """A UIN as one 64-bit integer: exact for every UIN of the published form (digits with an
    optional HL prefix and letter suffix); a 63-bit hash with the top bit set otherwise."""
    lords = uin.startswith("HL")
    digits = uin[2:] if lords else uin
    letter = 0
    if digits and "A" <= digits[-1] <= "Z":
        letter = ord(digits[-1]) - 64
        digits = digits[:-1]
    if digits.isascii() and digits.isdigit() and len(digits) <= 16:
        return (int(digits) << 6) | (lords << 5) | letter
    return (1 << 63) | int.from_bytes(hashlib.blake2b(uin.encode(), digest_size=8).digest(), "big") >> 1


class CorpusIndex:
    """Every source's answer id, UIN and dates; after :meth:`freeze`, what pass 2 looks up."""

    def __init__(self) -> None:
        self._parts: dict[str, list[np.ndarray]] = {"ids": [], "uins": [], "tabled": [], "answered": []}
        #: The latest date in the corpus, in days since 1970 (the package's ``created``).
        self.latest: int | None = None
        #: Answer id -> number of sources, for answers given by more than one.
        self.multi: dict[str, int] = {}

    @staticmethod
    def entries(answers: pa.RecordBatch) -> dict[str, Any]:
        """The index entries of a chunk's answer rows (one per source); made in the workers."""
        tabled = answers.column("tabled_date").cast(pa.int32())
        answered = answers.column("answered_date").cast(pa.int32())
        dates = [d for d in (pc.max(tabled).as_py(), pc.max(answered).as_py()) if d is not None]
        return {
            "ids": np.array([int(a, 16) for a in answers.column("answer_id").to_pylist()], dtype=np.uint64),
            "uins": np.array([uin_key(u) if u else 0 for u in answers.column("uin").to_pylist()], dtype=np.uint64),
            "tabled": pc.fill_null(tabled, _NO_DATE).to_numpy(),
            "answered": pc.fill_null(answered, _NO_DATE).to_numpy(),
            "latest": max(dates) if dates else None,
        }

    def add(self, entries: dict[str, Any]) -> None:
        for name, parts in self._parts.items():
            parts.append(entries[name])
        if entries["latest"] is not None and (self.latest is None or entries["latest"] > self.latest):
            self.latest = entries["latest"]
        if len(self._parts["ids"]) >= 256:  # keep the number of small arrays (and their overhead) down
            for parts in self._parts.values():
                parts[:] = [np.concatenate(parts)]

    def freeze(self) -> None:
        ids, uins, tabled, answered = (
            np.concatenate(parts) if parts else np.zeros(0, dtype) for parts, dtype in
            zip(self._parts.values(), (np.uint64, np.uint64, np.int32, np.int32))
        )
        self._parts = {}
        unique, first, counts = np.unique(ids, return_index=True, return_counts=True)
        self.multi = {f"{int(i):016x}": int(c) for i, c in zip(unique[counts > 1], counts[counts > 1])}
        uins = uins[first]
        has_uin = uins != 0
        order = np.argsort(uins[has_uin], kind="stable")
        self.uin_keys = uins[has_uin][order]
        self.answer_ids = unique[has_uin][order]
        self.tabled = tabled[first][has_uin][order]
        self.answered = answered[first][has_uin][order]

    def resolve(self, cited_uins: list[str], cited_dates: np.ndarray) -> list[str | None]:
        """The answer id of each cited question that is in the corpus: the single answer with that
        UIN whose tabled or answered date is the cited date (UINs restart every session)."""
        keys = np.fromiter((uin_key(u) for u in cited_uins), np.uint64, len(cited_uins))
        starts = np.searchsorted(self.uin_keys, keys, "left")
        ends = np.searchsorted(self.uin_keys, keys, "right")
        found: list[str | None] = [None] * len(cited_uins)
        # Most UINs name one answer in the corpus: those are checked together.
        single = np.flatnonzero(ends - starts == 1)
        first = starts[single]
        dated = (self.tabled[first] == cited_dates[single]) | (self.answered[first] == cited_dates[single])
        for k, answer_id in zip(single[dated].tolist(), self.answer_ids[first[dated]].tolist()):
            found[k] = f"{answer_id:016x}"
        for k in np.flatnonzero(ends - starts > 1):
            span = slice(starts[k], ends[k])
            dated = (self.tabled[span] == cited_dates[k]) | (self.answered[span] == cited_dates[k])
            answers = np.unique(self.answer_ids[span][dated])
            if len(answers) == 1:
                found[k] = f"{int(answers[0]):016x}"
        return found


def resolve_cited(references: pa.Table, index: CorpusIndex) -> pa.Table:
    """References to earlier questions, with the answer id of the cited question where the corpus has it."""
    cited = pc.and_(pc.is_valid(references.column("cited_uin")), pc.is_valid(references.column("cited_date")))
    if not pc.any(cited).as_py():
        return references
    positions = pc.indices_nonzero(cited)
    found = index.resolve(
        references.column("cited_uin").take(positions).to_pylist(),
        references.column("cited_date").take(positions).cast(pa.int32()).to_numpy(),
    )
    answer_ids = references.column("cited_answer_id").to_pylist()
    changed = False
    for i, answer_id in zip(positions.to_pylist(), found):
        if answer_id:
            answer_ids[i] = answer_id
            changed = True
    if not changed:
        return references
    column = references.schema.get_field_index("cited_answer_id")
    return references.set_column(column, references.schema.field(column), pa.array(answer_ids, pa.string()))
