"""One answer from all its sources: a holding answer and its replacement, a page and an API record.

The same question read from several sources gets one answer id, so it must be published
once. Workers see one chunk only, so the merging happens in pass 2, where the corpus
index says how many sources each such answer has: :class:`Merger` holds the sources it
has met until the last one arrives, then publishes the merged answer in the last
source's chunk. Only answers with several sources are held, as the pages they were read
from (rebuilt from their rows), so what is held is bounded by how far apart in seed
order the sources of one answer lie, not by the size of the corpus.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, NamedTuple

import numpy as np
import pyarrow as pa

from ..extract import ExtractedAnswer, extract_answer
from ..extract.quality import disagreements_flag
from ..model import AttachmentFile, GroupedDate, PageAnswer, answer_id_of, shows_answer
from .cache import SeedCache
from .corpus import MergeGroups
from .rows import ANSWER_TABLES, ORDINAL, PAGE_EXTRAS, answer_rows, to_batch

#: Fields on which two sources of one question must agree; the answer's own fields may
#: differ legitimately between a holding answer and its replacement.
QUESTION_FIELDS = ("uin", "house", "heading", "answering_body", "asking_member", "question_text", "tabled_date")
ANSWER_FIELDS = ("answered_date", "answering_minister", "answer_text", "is_correction")
#: Columns of the attachments table that describe the file, in AttachmentFile's order.
_ATTACHMENT_FILE_COLUMNS = AttachmentFile._fields


class SourceOf(NamedTuple):
    """Where a source record was read: what :func:`merge_sources` needs of a :class:`~pipeline.sources.SeedReading`."""

    layout: str
    source_file: str
    sha256: str


class MergeSource(NamedTuple):
    """One source of an answer given by several, as :func:`merge_sources` takes it."""

    #: Where it was read (a :class:`SourceOf` or a :class:`~pipeline.sources.SeedReading`).
    origin: Any
    position: int
    page: PageAnswer
    #: The id the merged answer is published under (None: the id of the preferred source).
    answer_id: str | None


def merge_sources(sources: list[MergeSource]) -> ExtractedAnswer:
    """One answer from several sources of it, in seed order.

    The substantive answer is preferred to a holding one, then the source that gives
    the most fields, then the first in seed order. Fields the chosen source lacks are
    taken from the others; fields on which sources disagree are flagged.
    """
    sources = [MergeSource(*source) for source in sources]

    def completeness(source: MergeSource):
        page = source.page
        return (page.is_holding_answer, -sum(v is not None for v in page.__dict__.values()))

    ordered = sorted(sources, key=completeness)  # stable: ties keep seed order
    primary_reading, primary_page = ordered[0].origin, ordered[0].page
    filled = {
        name: next((e.page.__dict__[name] for e in ordered if e.page.__dict__[name] is not None), None)
        for name, value in primary_page.__dict__.items()
        if value is None
    }
    page = primary_page.model_copy(update=filled)
    # An answer in any source answers the question (an order paper's unanswered row meets its answer).
    page = page.model_copy(update={"is_answered": shows_answer(page)})
    # The sources were grouped by the id they share (or were found to be one answer by the
    # corpus index); filling in a field that one of them lacked (a UIN, a tabled date) must
    # not move the answer to another id.
    shared_id = next((e.answer_id for e in sources if e.answer_id), None) or answer_id_of(primary_page)
    merged = extract_answer(
        page, layout=primary_reading.layout, source_file=primary_reading.source_file,
        source_sha256=primary_reading.sha256, answer_id=shared_id,
    )
    merged.answer = merged.answer.model_copy(update={"source_count": len(sources)})
    substantive = [e for e in ordered if not e.page.is_holding_answer]
    values_by_field = {
        name: {f"{e.origin.source_file}#{e.position}": e.page.__dict__[name] for e in (ordered if name in QUESTION_FIELDS else substantive)}
        for name in QUESTION_FIELDS + (ANSWER_FIELDS if len(substantive) > 1 else ())
    }
    if flag := disagreements_flag(merged.answer.answer_id, values_by_field):
        merged.quality.append(flag)
    merged.grouped_uins = tuple(sorted({u for e in sources for u in e.page.grouped_uins}))
    # A grouped question's date from the first source (in preference order) that gives one.
    dates: dict[str, Any] = {}
    for source in ordered:
        for uin, tabled in source.page.grouped_tabled_dates:
            dates.setdefault(uin, tabled)
    merged.grouped_tabled_dates = tuple(sorted(dates.items()))
    # Attachments are the answer's, so they come from the preferred source that lists any.
    merged.attachments = next((e.page.attachments for e in ordered if e.page.attachments), ())
    return merged


def _page_from(answer: dict, grouped: list[tuple], extras: tuple, attachments: list[tuple] = ()) -> PageAnswer:
    """The page answer a source gave, rebuilt from its published rows (for merging):
    ``grouped`` holds (UIN, tabled date or None), ``attachments`` the attachments' columns after the key."""
    values = {name: answer[name] for name in PageAnswer.model_fields if name in answer}
    values.update(zip(PAGE_EXTRAS, extras))
    values["grouped_uins"] = tuple(uin for uin, _ in grouped)
    values["grouped_tabled_dates"] = tuple(GroupedDate(uin, tabled) for uin, tabled in grouped if tabled is not None)
    values["attachments"] = tuple(AttachmentFile(*columns) for columns in attachments)
    return PageAnswer.model_construct(**values)


class Merger:
    """Holds the sources of answers given by several, until the last is seen.

    With a cache, the rows of a merged answer are kept there, keyed by its sources' files,
    positions and SHA-256s, so that a rebuild merges (and extracts again) only answers
    one of whose sources changed.
    """

    def __init__(self, multi: dict[str, int], seed_cache: SeedCache | None = None):
        #: Answer id -> number of sources, for answers given by more than one; a source's id
        #: may be merged into another answer's (``MergeGroups.canonical``).
        self.multi = multi if isinstance(multi, MergeGroups) else MergeGroups(multi)
        self.pending: dict[str, list] = defaultdict(list)
        self.seed_cache = seed_cache

    def merged_rows(self, answer_id: str, sources: list[MergeSource]) -> dict[str, list[tuple]]:
        """The rows of the answer merged from ``sources``."""
        if self.seed_cache is None:
            return answer_rows(merge_sources(sources))
        key = self.seed_cache.key(answer_id, "\n".join(f"{s.origin.source_file}#{s.position}:{s.origin.sha256}" for s in sources))
        rows = self.seed_cache.get(key)
        if not isinstance(rows, dict):
            rows = answer_rows(merge_sources(sources))
            self.seed_cache.put(key, rows)
        return rows

    def apply(self, batches: dict[str, pa.RecordBatch], extras: list[tuple]) -> dict[str, pa.Table]:
        """A chunk's tables, with the rows of every answer that has other sources taken out,
        and the merged rows of each such answer whose last source is in this chunk put in its place."""
        tables = {name: pa.Table.from_batches([batch]) for name, batch in batches.items()}
        if not self.multi:
            return tables
        answers = tables["answers"]
        ids = answers.column("answer_id").to_pylist()
        merging = [k for k, answer_id in enumerate(ids) if answer_id in self.multi]
        if not merging:
            return tables
        grouped = tables["grouped_questions"]
        grouped_of: dict[int, list[tuple]] = defaultdict(list)
        for k, uin, tabled in zip(grouped.column(ORDINAL).to_pylist(), grouped.column("grouped_uin").to_pylist(),
                                  grouped.column("grouped_tabled_date").to_pylist()):
            grouped_of[k].append((uin, tabled))
        attached = tables["attachments"]
        attachments_of: dict[int, list[tuple]] = defaultdict(list)
        for k, *columns in zip(attached.column(ORDINAL).to_pylist(), *(attached.column(n).to_pylist() for n in _ATTACHMENT_FILE_COLUMNS)):
            attachments_of[k].append(tuple(columns))
        sources = tables["sources"]
        if self.multi.canonical and any(answer_id in self.multi.canonical for answer_id in ids):
            # A source merged into another answer is that answer's source.
            column = sources.schema.get_field_index("answer_id")
            sources = sources.set_column(column, sources.schema.field(column),
                                         pa.array([self.multi.answer_of(a) for a in sources.column("answer_id").to_pylist()], pa.string()))
            tables["sources"] = sources
        source_files = sources.column("source_file").to_pylist()
        layouts = sources.column("layout").to_pylist()
        positions = sources.column("position").to_pylist()
        sha_of = dict(zip(tables["seeds"].column("source_file").to_pylist(), tables["seeds"].column("sha256").to_pylist()))
        rows = answers.take(pa.array(merging)).to_pylist()
        merged_rows: dict[str, list[tuple]] = {t: [] for t in ANSWER_TABLES}
        for k, row in zip(merging, rows):
            answer_id = self.multi.answer_of(ids[k])
            origin = SourceOf(layouts[k], source_files[k], sha_of[source_files[k]])
            page = _page_from(row, grouped_of.get(k, []), extras[k], attachments_of.get(k, []))
            self.pending[answer_id].append(MergeSource(origin, positions[k], page, answer_id))
            if len(self.pending[answer_id]) == self.multi[answer_id]:
                for table, table_rows in self.merged_rows(answer_id, self.pending.pop(answer_id)).items():
                    merged_rows[table].extend(r + (k,) for r in table_rows)
        for table in ANSWER_TABLES:
            tables[table] = _replace_rows(tables[table], np.array(merging, np.int32), merged_rows[table], table)
        return tables


def _replace_rows(rows: pa.Table, dropped_ordinals: np.ndarray, added: list[tuple], table: str) -> pa.Table:
    """``rows`` (in ordinal order) without those of the answers ``dropped_ordinals``, and with the
    rows ``added`` (in ordinal order) put where their ordinal goes. Made of slices of the two,
    not copies: a chunk's tables are large beside the few answers merged in it."""
    ordinals = rows.column(ORDINAL).to_numpy()
    starts = np.searchsorted(ordinals, dropped_ordinals, "left")
    ends = np.searchsorted(ordinals, dropped_ordinals, "right")
    # (row position, 0 to insert added rows there or 1 to drop rows from there, what)
    edits: list[tuple[int, int, tuple[int, int]]] = [(int(s), 1, (int(s), int(e))) for s, e in zip(starts, ends) if e > s]
    extra = None
    if added:
        extra = pa.Table.from_batches([to_batch(table, added)])
        extra_ordinals = extra.column(ORDINAL).to_numpy()
        firsts = np.flatnonzero(np.r_[True, extra_ordinals[1:] != extra_ordinals[:-1]])
        lasts = np.r_[firsts[1:], len(extra_ordinals)]
        at = np.searchsorted(ordinals, extra_ordinals[firsts], "right")
        edits += [(int(p), 0, (int(a), int(b))) for p, a, b in zip(at, firsts, lasts)]
    if not edits:
        return rows
    pieces, cursor = [], 0
    for position, drop, (first, last) in sorted(edits):
        if position > cursor:
            pieces.append(rows.slice(cursor, position - cursor))
            cursor = position
        if drop:
            cursor = last
        else:
            pieces.append(extra.slice(first, last - first))
    pieces.append(rows.slice(cursor))
    return pa.concat_tables(pieces)
