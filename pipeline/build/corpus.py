"""What publishing one chunk needs to know about the whole corpus, in a few bytes per answer.

Two things in a chunk depend on seeds outside it: whether an answer has other sources
(they must be merged into one row), and which answer a cited question is (an answer
may cite any earlier one). Pass 1 therefore collects, for every source, its answer id,
UIN, dates, and hashes of its question text and asking member as NumPy arrays, 41 bytes
per answer, never Python objects; 750,000 answers cost about 31 MB.
:meth:`CorpusIndex.freeze` keeps what pass 2 asks: the sources of each answer given by
more than one (:class:`MergeGroups`), and the UIN and dates of each answer's first
source, sorted by UIN for :meth:`CorpusIndex.resolve`.

Sources of one question do not always state the same parts of its identity: an API
record gives the UIN and tabled date, a Hansard page the UIN alone, an old page neither.
Their answer ids then differ (:func:`pipeline.model.identity_key`). Where sources with
different ids have the same question text, they are one answer only if everything both
state agrees (UIN, tabled date, asking member, and, where neither a UIN nor a tabled date
tells the question apart, the answered date unless one of them is a holding answer); a
source that could belong to two different answers is left alone.
"""

from __future__ import annotations

import hashlib
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..model import normalise_member, normalise_question

_NO_DATE = np.iinfo(np.int32).min


def text_key(text: str | None) -> int:
    """A 64-bit hash of a normalised text, 0 for none."""
    if not text:
        return 0
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big") or 1


class MergeGroups(dict):
    """Answer id -> number of sources of its answer, for every answer given by more than one source.

    ``canonical`` maps the id of a source whose identity is stated in part (no tabled date,
    no UIN) to the id of the answer it is merged into; ids not in it are their own answer.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.canonical: dict[str, str] = {}

    def answer_of(self, answer_id: str) -> str:
        return self.canonical.get(answer_id, answer_id)


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
        self._parts: dict[str, list[np.ndarray]] = {name: [] for name in _COLUMNS}
        #: The latest date in the corpus, in days since 1970 (the package's ``created``).
        self.latest: int | None = None
        #: Answer id -> number of sources, for answers given by more than one.
        self.multi: MergeGroups = MergeGroups()

    @staticmethod
    def entries(answers: pa.RecordBatch) -> dict[str, Any]:
        """The index entries of a chunk's answer rows (one per source); made in the workers."""
        tabled = answers.column("tabled_date").cast(pa.int32())
        answered = answers.column("answered_date").cast(pa.int32())
        dates = [d for d in (pc.max(tabled).as_py(), pc.max(answered).as_py()) if d is not None]
        holding = pc.or_(pc.fill_null(answers.column("is_holding_answer"), False),
                         pc.fill_null(answers.column("replaces_holding_answer"), False))
        return {
            "ids": np.array([int(a, 16) for a in answers.column("answer_id").to_pylist()], dtype=np.uint64),
            "questions": np.array([text_key(normalise_question(q)) for q in answers.column("question_text").to_pylist()], dtype=np.uint64),
            "members": np.array([text_key(normalise_member(m)) for m in answers.column("asking_member").to_pylist()], dtype=np.uint64),
            "holding": holding.to_numpy(zero_copy_only=False).astype(np.bool_),
            "uins": np.array([uin_key(u) if u else 0 for u in answers.column("uin").to_pylist()], dtype=np.uint64),
            "tabled": pc.fill_null(tabled, _NO_DATE).to_numpy(),
            "answered": pc.fill_null(answered, _NO_DATE).to_numpy(),
            "latest": max(dates) if dates else None,
        }

    def add(self, entries: dict[str, Any]) -> None:
        count = len(entries["ids"])
        for name, parts in self._parts.items():
            parts.append(entries[name] if name in entries else np.zeros(count, _COLUMNS[name]))
        if entries["latest"] is not None and (self.latest is None or entries["latest"] > self.latest):
            self.latest = entries["latest"]
        if len(self._parts["ids"]) >= 256:  # keep the number of small arrays (and their overhead) down
            for parts in self._parts.values():
                parts[:] = [np.concatenate(parts)]

    def freeze(self) -> None:
        ids, uins, tabled, answered, questions, members, holding = (
            np.concatenate(self._parts[name]) if self._parts[name] else np.zeros(0, dtype) for name, dtype in _COLUMNS.items()
        )
        self._parts = {}
        unique, first, counts = np.unique(ids, return_index=True, return_counts=True)
        self.multi = MergeGroups((f"{int(i):016x}", int(c)) for i, c in zip(unique[counts > 1], counts[counts > 1]))
        canonical = _partial_identities(ids, uins, tabled, answered, questions, members, holding)
        if canonical:
            totals = dict(zip(unique.tolist(), counts.tolist()))
            answers_of: dict[int, list[int]] = {}
            for source_id, answer_id in canonical.items():
                answers_of.setdefault(answer_id, []).append(source_id)
            for answer_id, source_ids in answers_of.items():
                total = totals[answer_id] + sum(totals[s] for s in source_ids)
                for member in (answer_id, *source_ids):
                    self.multi[f"{member:016x}"] = total
            self.multi.canonical = {f"{s:016x}": f"{a:016x}" for s, a in canonical.items()}
        uins = uins[first]
        has_uin = uins != 0
        order = np.argsort(uins[has_uin], kind="stable")
        self.uin_keys = uins[has_uin][order]
        self.answer_ids = unique[has_uin][order]
        if canonical:  # a merged source's citations resolve to the answer it is merged into
            self.answer_ids = np.array([canonical.get(i, i) for i in self.answer_ids.tolist()], dtype=np.uint64)
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


_COLUMNS = {"ids": np.uint64, "uins": np.uint64, "tabled": np.int32, "answered": np.int32,
            "questions": np.uint64, "members": np.uint64, "holding": np.bool_}


def _partial_identities(ids, uins, tabled, answered, questions, members, holding) -> dict[int, int]:
    """Source answer id -> the answer id it is one answer with, for sources whose ids differ only
    because they state different parts of the question's identity.

    Only question texts given under more than one id are looked at (few: most questions have
    one source, or sources that state the same identity). Within one question text, the ids
    that state most come first; each later id joins the one group whose stated values agree
    with everything it states, or stays alone where none or several do.
    """
    if len(ids) == 0:
        return {}
    pairs = np.unique(np.stack([questions, ids], axis=1), axis=0)
    texts, per_text = np.unique(pairs[:, 0], return_counts=True)
    shared = texts[(per_text > 1) & (texts != 0)]
    if len(shared) == 0:
        return {}
    chosen = np.flatnonzero(np.isin(questions, shared))
    by_text: dict[int, dict[int, dict]] = {}
    for k in chosen.tolist():
        cluster = by_text.setdefault(int(questions[k]), {}).setdefault(int(ids[k]), {
            "uin": set(), "tabled": set(), "member": set(), "answered": set(), "holding": False})
        if uins[k]:
            cluster["uin"].add(int(uins[k]))
        if tabled[k] != _NO_DATE:
            cluster["tabled"].add(int(tabled[k]))
        if members[k]:
            cluster["member"].add(int(members[k]))
        if answered[k] != _NO_DATE:
            cluster["answered"].add(int(answered[k]))
        cluster["holding"] |= bool(holding[k])
    canonical: dict[int, int] = {}
    for clusters in by_text.values():
        def stated(item):
            answer_id, c = item
            return (-(bool(c["uin"]) and bool(c["tabled"])), -sum(bool(c[f]) for f in ("uin", "tabled", "member", "answered")), answer_id)

        groups: list[tuple[int, dict]] = []  # (answer id, the values its sources state)
        for answer_id, values in sorted(clusters.items(), key=stated):
            fitting = [g for g in groups if _agrees(g[1], values)]
            if len(fitting) == 1:
                group_id, group = fitting[0]
                canonical[answer_id] = group_id
                for name in ("uin", "tabled", "member"):
                    group[name] |= values[name]
                if not values["holding"]:
                    group["answered"] |= values["answered"]
            else:
                groups.append((answer_id, {**values, "answered": set() if values["holding"] else set(values["answered"])}))
    return canonical


def _agrees(group: dict, values: dict) -> bool:
    """Whether everything a group of sources and another source both state agrees."""
    for name in ("uin", "tabled", "member"):
        if group[name] and values[name] and group[name] != values[name]:
            return False
    # The answered date tells apart the same words asked again only where nothing else does:
    # a question with a UIN or a tabled date is answered more than once (a holding answer,
    # then the substantive one) and stays one question.
    if (group["uin"] and values["uin"]) or (group["tabled"] and values["tabled"]) or values["holding"]:
        return True
    return not (group["answered"] and values["answered"] and group["answered"] != values["answered"])


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
