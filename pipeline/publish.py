"""Building the data package: every seed in, every table out as CSV and Parquet, atomically.

The build streams in two passes so that memory does not grow with the corpus:

1. the seeds are listed folder by folder and read in chunks of consecutive seeds by a
   process pool (one process per core). A worker reads and hashes each seed, takes its
   rows from the extraction cache (:mod:`pipeline.cache`) or extracts them, and turns
   the chunk's rows into Arrow record batches. The main process spools the batches to
   disk in seed order and keeps a compact corpus index (a few bytes per answer, in
   NumPy arrays): how many sources gave each answer id, and the UIN and dates of each
   answer (to resolve cited questions);
2. the spool is read back in seed order and each table is written in fixed batches of
   ``BATCH_ROWS`` rows (one Parquet row group each; the CSV appended). An answer given
   by several sources is held back until its last source is seen, then merged and
   written once, where that last source is.

Output bytes depend only on the seeds: not on the number of workers, the order they
finish in, the chunk size or whether rows came from the cache. The new package is
written beside the old one and swapped in only when complete.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import queue
import shutil
import tempfile
import threading
from array import array
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, NamedTuple

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from .cache import SeedCache
from .descriptor import write_descriptor
from .extract import ExtractedAnswer, extract_answer
from .extract.quality import disagreements_flag, holding_unreplaced_flag
from .model import GroupedQuestion, PageAnswer
from .sources import MAX_SEED_BYTES, SeedReading, read_seed
from .tables import TABLES, TABLES_BY_NAME, Table

#: Most rows, and most bytes of data, per Parquet row group and per CSV write: fixed so that
#: output bytes never depend on timing, and small enough that memory does not grow with
#: the corpus (a batch of answers holds their full text).
BATCH_ROWS = 65_536
BATCH_BYTES = 8 * 1024 * 1024
#: Whether each table is written by a thread of its own.
WRITER_THREADS = True
#: Seeds a worker reads in one task, on average and at most. Large enough that a task's
#: overhead is small beside reading cached seeds; small enough that every core gets work
#: on a corpus of a few hundred seeds and that a changed seed re-publishes few others.
CHUNK_AVERAGE = 128
CHUNK_MAX = 1024
#: Tasks in flight per worker: bounds the results waiting for the main process.
TASKS_IN_FLIGHT_PER_WORKER = 4
#: Rejections listed in :attr:`BuildReport.rejections`; the seeds table lists them all.
MAX_REPORTED_REJECTIONS = 1_000
#: Fields on which two sources of one question must agree; the answer's own fields may
#: differ legitimately between a holding answer and its replacement.
QUESTION_FIELDS = ("uin", "house", "heading", "answering_body", "asking_member", "question_text", "tabled_date")
ANSWER_FIELDS = ("answered_date", "answering_minister", "answer_text", "is_correction")

#: Tables with rows derived from one answer; their chunk batches carry the answer's ordinal.
ANSWER_TABLES = ("answers", "grouped_questions", "statistics", "references", "quality")
#: Internal column: the answer's ordinal in its chunk. Never published.
ORDINAL = "__answer"
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
#: PageAnswer fields the answers table does not publish, kept to rebuild a page when sources are merged.
_ANSWER_COLUMNS = TABLES_BY_NAME["answers"].columns
PAGE_EXTRAS = tuple(n for n in PageAnswer.model_fields if n not in _ANSWER_COLUMNS and n != "grouped_uins")


@dataclass
class SeedExtraction:
    """One seed, read and extracted."""

    reading: SeedReading
    #: (position in the file, the answer as the source gave it, what was extracted from it)
    answers: list[tuple[int, PageAnswer, ExtractedAnswer]] = field(default_factory=list)


@dataclass
class BuildReport:
    seeds_read: int = 0
    seeds_published: int = 0
    seeds_rejected: int = 0
    answers_published: int = 0
    records_rejected: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    #: (source_file, position or 0 for the whole file, reason); the first MAX_REPORTED_REJECTIONS.
    rejections: list[tuple[str, int, str]] = field(default_factory=list)
    #: Rejections beyond those listed (all of them are in the seeds table).
    rejections_omitted: int = 0
    #: Seeds whose rows were extracted in this build, and seeds whose rows came from the cache.
    seeds_extracted: int = 0
    seeds_reused: int = 0


def extract_seed(path: Path, root: Path) -> SeedExtraction:
    """Read one seed and extract every answer in it."""
    reading = read_seed(path, root)
    extraction = SeedExtraction(reading)
    for position, page in reading.answers:
        extraction.answers.append(
            (position, page, extract_answer(page, layout=reading.layout, source_file=reading.source_file, source_sha256=reading.sha256))
        )
    reading.answers = []  # they travel in extraction.answers; no need to carry them twice
    return extraction


# --- rows: plain tuples in column order, dates as days since 1970 ---------------------


class _RowShape(NamedTuple):
    columns: tuple[str, ...]
    dates: tuple[int, ...]  # indexes of date columns


_SHAPES = {
    t.name: _RowShape(tuple(t.columns), tuple(i for i, f in enumerate(t.arrow_schema()) if f.type == pa.date32()))
    for t in TABLES
}


def _row(table: str, record) -> tuple:
    shape = _SHAPES[table]
    values = record.__dict__ if hasattr(record, "__dict__") else record
    row = [values.get(c) for c in shape.columns]
    for i in shape.dates:
        if row[i] is not None:
            row[i] = row[i].toordinal() - _EPOCH_ORDINAL
    return tuple(row)


def answer_rows(extracted: ExtractedAnswer) -> dict[str, list[tuple]]:
    """The rows one answer yields in each answer table, before cited questions are resolved."""
    answer_id = extracted.answer.answer_id
    flags = list(extracted.quality)
    if extracted.answer.is_holding_answer:
        flags.append(holding_unreplaced_flag(answer_id))
    return {
        "answers": [_row("answers", extracted.answer)],
        "grouped_questions": [_row("grouped_questions", GroupedQuestion.model_construct(answer_id=answer_id, grouped_uin=uin))
                              for uin in extracted.grouped_uins],
        "statistics": [_row("statistics", s) for s in extracted.statistics],
        "references": [_row("references", r) for r in extracted.references],
        "quality": [_row("quality", f) for f in sorted({f.code: f for f in flags}.values(), key=lambda f: f.code)],
    }


def seed_entry(path: Path, root: Path) -> tuple[str, str, int, tuple]:
    """Read and extract one seed: (source_file, sha256, bytes, entry), where the entry holds
    everything the seed yields as plain values (what the cache stores)::

        (layout, ((position, reason), ...), ((position, page_extras, rows_by_table), ...))
    """
    extraction = extract_seed(path, root)
    reading = extraction.reading
    answers = []
    for position, page, extracted in extraction.answers:
        rows = answer_rows(extracted)
        answers.append((position, tuple(getattr(page, n) for n in PAGE_EXTRAS), tuple(rows[t] for t in ANSWER_TABLES)))
    entry = (reading.layout, tuple(reading.rejections), tuple(answers))
    return reading.source_file, reading.sha256, reading.bytes, entry


# --- pass 1: workers ----------------------------------------------------------------


class _Task(NamedTuple):
    root: str
    cache_dir: str | None
    cache_version: str | None
    files: tuple[str, ...]
    #: Where the worker writes the chunk's rows.
    spool: str


def _arrow_schema(table: str) -> pa.Schema:
    schema = TABLES_BY_NAME[table].arrow_schema()
    if table in ANSWER_TABLES:
        schema = schema.append(pa.field(ORDINAL, pa.int32(), nullable=False))
    return schema


_SCHEMAS = {t.name: _arrow_schema(t.name) for t in TABLES}


def _batch(table: str, rows: list[tuple]) -> pa.RecordBatch:
    schema = _SCHEMAS[table]
    if not rows:
        return pa.RecordBatch.from_pylist([], schema=schema)
    columns = list(zip(*rows))
    return pa.RecordBatch.from_arrays([pa.array(c, type=f.type) for c, f in zip(columns, schema)], schema=schema)


def _hash_files(root: str, files: tuple[str, ...]) -> list[str | None]:
    """The SHA-256 of each seed (None for one too large to be read)."""
    hashes: list[str | None] = []
    for relative in files:
        path = os.path.join(root, relative)
        if os.stat(path).st_size > MAX_SEED_BYTES:
            hashes.append(None)
            continue
        with open(path, "rb") as stream:
            hashes.append(hashlib.sha256(stream.read()).hexdigest())
    return hashes


def _process_chunk(task: _Task) -> dict[str, Any]:
    """Read, hash and extract (or take from the cache) a chunk of consecutive seeds. Runs in worker processes.

    The chunk's rows are written to ``task.spool`` (its summary first, then its Arrow
    batches); the summary is returned. With a cache, a chunk whose seeds all have the
    same path and bytes as in an earlier build is taken whole from the cache; otherwise
    each unchanged seed's rows are, and only the others are extracted.
    """
    seed_cache = SeedCache(task.cache_dir, task.cache_version) if task.cache_dir else None
    chunk_key = None
    if seed_cache is not None:
        hashes = _hash_files(task.root, task.files)
        if None not in hashes:
            chunk_key = seed_cache.key("\n".join(task.files), "\n".join(hashes))
            cached = seed_cache.get_chunk(chunk_key, task.spool)
            if cached is not None:
                cached.update(extracted=0, reused=len(task.files), spool=task.spool)
                return cached
    else:
        hashes = [None] * len(task.files)
    root = Path(task.root)
    rows: dict[str, list[tuple]] = {t.name: [] for t in TABLES}
    extras: list[tuple] = []
    rejections: list[tuple[str, int, str]] = []
    extracted = reused = published = 0
    ordinal = 0
    # Seeds' entries are kept in one pack per run of seed paths: {path: (sha256, entry)}.
    pack_key = seed_cache.key("\n".join(task.files), "") if seed_cache is not None else None
    pack = seed_cache.get(pack_key) if seed_cache is not None else None
    pack = pack if isinstance(pack, dict) else {}
    new_pack = {}
    for relative, sha256 in zip(task.files, hashes):
        kept = pack.get(relative)
        entry = kept[1] if kept is not None and sha256 is not None and kept[0] == sha256 else None
        if entry is None:
            source_file, sha256, size, entry = seed_entry(root / relative, root)
            extracted += 1
        else:
            size = os.stat(root / relative).st_size
            reused += 1
        new_pack[relative] = (sha256, entry)
        layout, seed_rejections, answers = entry
        for position, page_extras, answer_tables in answers:
            for table, table_rows in zip(ANSWER_TABLES, answer_tables):
                rows[table].extend(r + (ordinal,) for r in table_rows)
            answer_id = answer_tables[0][0][0]
            rows["sources"].append((relative, position, answer_id, layout))
            extras.append(page_extras)
            ordinal += 1
        rejections.extend((relative, position, reason) for position, reason in seed_rejections)
        reasons = [reason for _, reason in seed_rejections]
        rejected_records = sum(1 for p, _ in seed_rejections if p > 0)
        published += bool(answers)
        rows["seeds"].append((
            relative, sha256, size, layout, "published" if answers else "rejected", len(answers), rejected_records,
            "; ".join(reasons[:5]) + (f"; and {len(reasons) - 5} more" if len(reasons) > 5 else "") if reasons else None,
        ))
    batches = {name: _batch(name, table_rows) for name, table_rows in rows.items()}
    summary = {
        "seeds": len(task.files),
        "published": published,
        "rejections": rejections,
        "index": CorpusIndex.entries(batches["answers"]),
        "spool": task.spool,
    }
    with open(task.spool, "wb") as spool:
        pickle.dump(summary, spool, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump({"batches": batches, "extras": extras}, spool, protocol=pickle.HIGHEST_PROTOCOL)
    if seed_cache is not None:
        if extracted:
            seed_cache.put(pack_key, new_pack)
        if chunk_key is not None:
            seed_cache.put_chunk(chunk_key, task.spool)
    summary.update(extracted=extracted, reused=reused)
    return summary


def _load_spooled(path: str) -> dict[str, Any]:
    """A chunk's Arrow batches and page extras, as :func:`_process_chunk` spooled them."""
    with open(path, "rb") as spool:
        pickle.load(spool)  # the summary, already used in pass 1
        return pickle.load(spool)


def _process_chunks(tasks: Iterable[_Task], workers: int) -> Iterator[dict[str, Any]]:
    """Every chunk processed, in the order given, whatever order the workers finish in.

    At most ``TASKS_IN_FLIGHT_PER_WORKER`` tasks per worker are handed out ahead of the
    main process, so results never pile up in memory when the workers are faster.
    """
    if workers <= 1:
        yield from map(_process_chunk, tasks)
        return
    import multiprocessing

    slots = threading.BoundedSemaphore(workers * TASKS_IN_FLIGHT_PER_WORKER)
    stop = threading.Event()

    def feed() -> Iterator[_Task]:
        for task in tasks:
            while not slots.acquire(timeout=0.1):
                if stop.is_set():
                    return
            if stop.is_set():
                return
            yield task

    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    with context.Pool(workers) as pool:
        try:
            for result in pool.imap(_process_chunk, feed()):
                slots.release()
                yield result
        finally:
            stop.set()


# --- listing the seeds ----------------------------------------------------------------


def iter_seed_files(root: Path) -> Iterator[str]:
    """Every seed file's path relative to ``root``, in the order of :func:`pipeline.sources.iter_seed_paths`
    (sorted by relative path; hidden files and folders and README files left out), listing one folder at a time."""
    def walk(folder: str, prefix: str) -> Iterator[str]:
        files: list[tuple[str, bool]] = []
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_dir():
                    files.append((entry.name + "/", True))
                elif entry.is_file() and entry.name.upper() not in ("README.MD", "README.TXT", "README"):
                    files.append((entry.name, False))
        # A folder's files sort as "name/...", so sorting on "name/" keeps the order of whole paths.
        files.sort()
        for name, is_folder in files:
            if is_folder:
                yield from walk(os.path.join(folder, name[:-1]), prefix + name)
            else:
                yield prefix + name

    return walk(str(root), "")


def _chunks(root: Path, spool: Path, cache_dir: str | None, cache_version: str | None) -> Iterator[_Task]:
    """Consecutive seeds in chunks. A chunk ends after a seed whose path hashes to a multiple of
    ``CHUNK_AVERAGE`` (or at ``CHUNK_MAX`` seeds), so that adding or removing a seed changes
    only its own chunk and every other chunk can still be taken whole from the cache."""
    files: list[str] = []
    number = 0

    def task() -> _Task:
        nonlocal files, number
        made = _Task(str(root), cache_dir, cache_version, tuple(files), str(spool / f"{number:08d}"))
        files, number = [], number + 1
        return made

    for relative in iter_seed_files(root):
        files.append(relative)
        boundary = int.from_bytes(hashlib.blake2b(relative.encode(), digest_size=4).digest(), "big") % CHUNK_AVERAGE == 0
        if boundary or len(files) >= CHUNK_MAX:
            yield task()
    if files:
        yield task()


# --- the corpus index -----------------------------------------------------------------

_NO_DATE = np.iinfo(np.int32).min


def _uin_key(uin: str) -> int:
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
    """What pass 2 needs to know about the whole corpus, in a few bytes per answer.

    Pass 1 adds every source's answer id, UIN and dates (as NumPy arrays, made by the
    workers with :meth:`entries`); :meth:`freeze` then keeps the number of sources of
    answers given by more than one, and the UIN and dates of each answer's first source,
    sorted by UIN for :meth:`resolve`.
    """

    def __init__(self) -> None:
        self._parts: dict[str, list[np.ndarray]] = {"ids": [], "uins": [], "tabled": [], "answered": []}
        self.latest: int | None = None
        self.multi: dict[str, int] = {}

    @staticmethod
    def entries(answers: pa.RecordBatch) -> dict[str, Any]:
        """The index entries of a chunk's answer rows (one per source)."""
        tabled = answers.column("tabled_date").cast(pa.int32())
        answered = answers.column("answered_date").cast(pa.int32())
        dates = [d for d in (pc.max(tabled).as_py(), pc.max(answered).as_py()) if d is not None]
        return {
            "ids": np.array([int(a, 16) for a in answers.column("answer_id").to_pylist()], dtype=np.uint64),
            "uins": np.array([_uin_key(u) if u else 0 for u in answers.column("uin").to_pylist()], dtype=np.uint64),
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

    def resolve(self, cited_uin: str, cited_date: int) -> str | None:
        """The answer id of a cited question that is in the corpus: the single answer with that
        UIN whose tabled or answered date is the cited date (UINs restart every session)."""
        key = np.uint64(_uin_key(cited_uin))
        start = int(np.searchsorted(self.uin_keys, key, "left"))
        end = int(np.searchsorted(self.uin_keys, key, "right"))
        found = {int(self.answer_ids[i]) for i in range(start, end) if cited_date in (int(self.tabled[i]), int(self.answered[i]))}
        return f"{found.pop():016x}" if len(found) == 1 else None


# --- pass 2: merging sources of one answer ----------------------------------------


class _SourceOf(NamedTuple):
    """Where a source record was read: what :func:`merge_sources` needs of a :class:`SeedReading`."""

    layout: str
    source_file: str
    sha256: str


def merge_sources(sources: list[tuple[Any, int, PageAnswer, Any]]) -> ExtractedAnswer:
    """One answer from several sources of it: (reading, position, page, _) in seed order.

    The substantive answer is preferred to a holding one, then the source that gives
    the most fields, then the first in seed order. Fields the chosen source lacks are
    taken from the others; fields on which sources disagree are flagged.
    """
    def completeness(entry):
        page = entry[2]
        return (page.is_holding_answer, -sum(v is not None for v in page.__dict__.values()))

    ordered = sorted(sources, key=completeness)  # stable: ties keep seed order
    primary_reading, _, primary_page, _ = ordered[0]
    filled = {
        name: next((e[2].__dict__[name] for e in ordered if e[2].__dict__[name] is not None), None)
        for name, value in primary_page.__dict__.items()
        if value is None
    }
    page = primary_page.model_copy(update=filled)
    merged = extract_answer(page, layout=primary_reading.layout, source_file=primary_reading.source_file, source_sha256=primary_reading.sha256)
    merged.answer = merged.answer.model_copy(update={"source_count": len(sources)})
    substantive = [e for e in ordered if not e[2].is_holding_answer]
    values_by_field = {
        name: {f"{r.source_file}#{p}": pg.__dict__[name] for r, p, pg, _ in (ordered if name in QUESTION_FIELDS else substantive)}
        for name in QUESTION_FIELDS + (ANSWER_FIELDS if len(substantive) > 1 else ())
    }
    if flag := disagreements_flag(merged.answer.answer_id, values_by_field):
        merged.quality.append(flag)
    merged.grouped_uins = tuple(sorted({u for _, _, pg, _ in sources for u in pg.grouped_uins}))
    return merged


def _page_from(answer: dict, grouped: list[str], extras: tuple) -> PageAnswer:
    """The page answer a source gave, rebuilt from its published row (for merging)."""
    values = {name: answer[name] for name in PageAnswer.model_fields if name in answer}
    values.update(zip(PAGE_EXTRAS, extras))
    values["grouped_uins"] = tuple(grouped)
    return PageAnswer.model_construct(**values)


class _Merger:
    """Holds the sources of answers given by several, until the last is seen."""

    def __init__(self, multi: dict[str, int]):
        self.multi = multi
        self.pending: dict[str, list] = defaultdict(list)

    def apply(self, chunk: dict[str, Any]) -> dict[str, pa.Table]:
        batches = chunk["batches"]
        tables = {name: pa.Table.from_batches([batches[name]]) for name in batches}
        if not self.multi:
            return tables
        answers = tables["answers"]
        ids = answers.column("answer_id").to_pylist()
        merging = [k for k, answer_id in enumerate(ids) if answer_id in self.multi]
        if not merging:
            return tables
        merging_set = pa.array(merging, pa.int32())
        grouped = tables["grouped_questions"]
        grouped_of: dict[int, list[str]] = defaultdict(list)
        for k, uin in zip(grouped.column(ORDINAL).to_pylist(), grouped.column("grouped_uin").to_pylist()):
            grouped_of[k].append(uin)
        sources = tables["sources"]
        source_files = sources.column("source_file").to_pylist()
        layouts = sources.column("layout").to_pylist()
        positions = sources.column("position").to_pylist()
        sha_of = dict(zip(tables["seeds"].column("source_file").to_pylist(), tables["seeds"].column("sha256").to_pylist()))
        rows = answers.take(pa.array(merging)).to_pylist()
        merged_rows: dict[str, list[tuple]] = {t: [] for t in ANSWER_TABLES}
        for k, row in zip(merging, rows):
            answer_id = ids[k]
            origin = _SourceOf(layouts[k], source_files[k], sha_of[source_files[k]])
            page = _page_from(row, grouped_of.get(k, []), chunk["extras"][k])
            self.pending[answer_id].append((origin, positions[k], page, None))
            if len(self.pending[answer_id]) == self.multi[answer_id]:
                for table, table_rows in answer_rows(merge_sources(self.pending.pop(answer_id))).items():
                    merged_rows[table].extend(r + (k,) for r in table_rows)
        for table in ANSWER_TABLES:
            kept = tables[table].filter(pc.invert(pc.is_in(tables[table].column(ORDINAL), merging_set)))
            if merged_rows[table]:
                kept = pa.concat_tables([kept, pa.Table.from_batches([_batch(table, merged_rows[table])])])
                kept = kept.take(pc.sort_indices(kept, sort_keys=[(ORDINAL, "ascending")]))  # stable
            tables[table] = kept
        return tables


def _resolve_cited(references: pa.Table, index: CorpusIndex) -> pa.Table:
    """References to earlier questions, with the answer id of the cited question where the corpus has it."""
    cited = pc.and_(pc.is_valid(references.column("cited_uin")), pc.is_valid(references.column("cited_date")))
    if not pc.any(cited).as_py():
        return references
    positions = pc.indices_nonzero(cited).to_pylist()
    uins = references.column("cited_uin").to_pylist()
    dates = references.column("cited_date").cast(pa.int32()).to_pylist()
    answer_ids = references.column("cited_answer_id").to_pylist()
    changed = False
    for i in positions:
        found = index.resolve(uins[i], dates[i])
        if found:
            answer_ids[i] = found
            changed = True
    if not changed:
        return references
    column = references.schema.get_field_index("cited_answer_id")
    return references.set_column(column, references.schema.field(column), pa.array(answer_ids, pa.string()))


# --- writing ----------------------------------------------------------------------


class TableWriter:
    """Writes one table as CSV and Parquet, one Parquet row group per batch.

    A batch ends at the row that brings its data to ``BATCH_BYTES``, or at ``BATCH_ROWS``
    rows, whichever comes first; both depend only on the rows, never on how they arrived,
    so the bytes written do not either. The files are written in a thread of their own
    (Arrow encodes and compresses without holding the interpreter), so that the tables
    are written in parallel with each other and with reading the spool.
    """

    def __init__(self, table: Table, directory: Path):
        self.table = table
        self.schema = table.arrow_schema()
        self.columns = table.columns
        self.csv_path = directory / f"{table.name}.csv"
        self.parquet_path = directory / f"{table.name}.parquet"
        self._csv = pa_csv.CSVWriter(self.csv_path, self.schema, write_options=pa_csv.WriteOptions(quoting_style="needed"))
        self._parquet = pq.ParquetWriter(
            self.parquet_path, self.schema, compression="zstd", version="2.6", write_statistics=True,
            store_schema=False,  # the pandas/arrow metadata blob would only add bytes that can differ between versions
        )
        self._fixed_bytes = sum(8 for f in self.schema if not (pa.types.is_string(f.type) or pa.types.is_binary(f.type)))
        self._text_columns = [f.name for f in self.schema if pa.types.is_string(f.type) or pa.types.is_binary(f.type)]
        self._buffer: list[pa.Table] = []
        self._buffered_rows = 0
        self._buffered_bytes = 0
        self.rows = 0
        self._queue: queue.Queue = queue.Queue(maxsize=2)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._drain, name=f"write-{table.name}", daemon=True)
        if WRITER_THREADS:
            self._thread.start()

    def _row_bytes(self, rows: pa.Table) -> np.ndarray:
        sizes = np.full(rows.num_rows, self._fixed_bytes, dtype=np.int64)
        for name in self._text_columns:
            sizes += pc.fill_null(pc.binary_length(rows.column(name)), 0).to_numpy()
        return sizes

    def write_table(self, rows: pa.Table) -> None:
        if not rows.num_rows:
            return
        rows = rows.select(self.columns)
        sizes = np.cumsum(self._row_bytes(rows))
        start = 0
        while start < rows.num_rows:
            # The first row (from ``start``) at which the batch reaches BATCH_BYTES ends it.
            reached = int(np.searchsorted(sizes, (sizes[start - 1] if start else 0) + BATCH_BYTES - self._buffered_bytes, "left"))
            end = min(reached + 1, start + BATCH_ROWS - self._buffered_rows, rows.num_rows)
            self._buffer.append(rows.slice(start, end - start))
            self._buffered_rows += end - start
            self._buffered_bytes += int(sizes[end - 1] - (sizes[start - 1] if start else 0))
            if self._buffered_rows >= BATCH_ROWS or self._buffered_bytes >= BATCH_BYTES:
                self._flush()
            start = end

    def _flush(self) -> None:
        # One contiguous array per column, so that the bytes never depend on how rows arrived.
        batch = pa.concat_tables(self._buffer).combine_chunks().cast(self.schema)
        self._buffer, self._buffered_rows, self._buffered_bytes = [], 0, 0
        self.rows += batch.num_rows
        self._put(batch)

    def _put(self, item) -> None:
        if not WRITER_THREADS:
            if item is not None:
                self._csv.write_table(item)
                self._parquet.write_table(item, row_group_size=BATCH_ROWS)
            return
        while True:
            if self._error is not None:
                raise self._error
            try:
                self._queue.put(item, timeout=0.1)
                return
            except queue.Full:
                continue

    def _drain(self) -> None:
        while (batch := self._queue.get()) is not None:
            if self._error is not None:
                continue
            try:
                self._csv.write_table(batch)
                self._parquet.write_table(batch, row_group_size=BATCH_ROWS)
            except BaseException as error:  # raised in the building thread by the next write or close
                self._error = error

    def close(self) -> None:
        if self._buffered_rows:
            self._flush()
        self._put(None)
        if WRITER_THREADS:
            self._thread.join()
        self._csv.close()
        self._parquet.close()
        if self._error is not None:
            raise self._error

    def abort(self) -> None:
        """Stop the writing thread without finishing the files (the build failed)."""
        self._error = self._error or RuntimeError("build aborted")
        try:
            self._queue.put_nowait(None)
        except queue.Full:
            pass


class PackageWriter:
    """All tables of the package, open for writing."""

    def __init__(self, directory: Path):
        self.writers = {t.name: TableWriter(t, directory) for t in TABLES}

    def write_tables(self, tables: dict[str, pa.Table]) -> None:
        for name, rows in tables.items():
            self.writers[name].write_table(rows)

    def close(self) -> dict[str, int]:
        for writer in self.writers.values():
            writer.close()
        return {name: writer.rows for name, writer in self.writers.items()}

    def abort(self) -> None:
        for writer in self.writers.values():
            writer.abort()


def default_cache_dir(out_dir: Path) -> Path:
    """Where ``pqpub build`` keeps its cache unless told otherwise: ``.pqpub-cache`` beside the output folder."""
    from .cache import DEFAULT_CACHE_NAME

    return Path(out_dir).absolute().parent / DEFAULT_CACHE_NAME


def build(
    seeds_dir: Path,
    out_dir: Path,
    *,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    cache_dir: Path | str | None = None,
) -> BuildReport:
    """Build the package from every seed in ``seeds_dir`` into ``out_dir``, replacing it only when complete.

    With ``cache_dir``, what is extracted from each seed is kept there and reused by
    later builds for seeds whose bytes (and the pipeline's code) have not changed; the
    package is byte-identical to one built without it.
    """
    seeds_dir, out_dir = Path(seeds_dir), Path(out_dir)
    if not seeds_dir.is_dir():
        raise FileNotFoundError(f"seeds folder not found: {seeds_dir}")
    workers = workers or os.cpu_count() or 1
    total = sum(1 for _ in iter_seed_files(seeds_dir))
    report = BuildReport(seeds_read=total)
    seed_cache = SeedCache(cache_dir).open() if cache_dir is not None else None
    if total < 64:
        workers = 1  # starting processes costs more than reading a handful of seeds

    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{out_dir.name}.tmp-", dir=out_dir.parent))
    try:
        # Pass 1: read and extract (or take from the cache), spool, index.
        index = CorpusIndex()
        spooled: list[str] = []
        done = 0
        spool_dir = staging / ".spool"
        spool_dir.mkdir()
        tasks = _chunks(seeds_dir, spool_dir, str(seed_cache.root) if seed_cache else None, seed_cache.version if seed_cache else None)
        for summary in _process_chunks(tasks, workers):
            index.add(summary["index"])
            spooled.append(summary["spool"])
            report.seeds_published += summary["published"]
            report.seeds_extracted += summary["extracted"]
            report.seeds_reused += summary["reused"]
            for rejection in summary["rejections"]:
                report.records_rejected += rejection[1] > 0
                if len(report.rejections) < MAX_REPORTED_REJECTIONS:
                    report.rejections.append(tuple(rejection))
                else:
                    report.rejections_omitted += 1
            done += summary["seeds"]
            if progress:
                progress(done, total)
        report.seeds_rejected = report.seeds_read - report.seeds_published
        index.freeze()

        # Pass 2: publish in seed order, merging answers that several sources gave.
        writer = PackageWriter(staging)
        try:
            merger = _Merger(index.multi)
            for path in spooled:
                tables = merger.apply(_load_spooled(path))
                tables["references"] = _resolve_cited(tables["references"], index)
                writer.write_tables(tables)
                os.unlink(path)
        except BaseException:
            writer.abort()
            raise
        spool_dir.rmdir()
        report.rows = writer.close()
        report.answers_published = report.rows["answers"]
        latest = date.fromordinal(index.latest + _EPOCH_ORDINAL) if index.latest is not None else None
        write_descriptor(staging, created=latest)
        _swap_in(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return report


def _swap_in(staging: Path, out_dir: Path) -> None:
    """Replace ``out_dir`` by the complete ``staging`` folder; the old package stays until the new one is in place."""
    old = None
    if out_dir.exists():
        old = out_dir.with_name(f"{out_dir.name}.old-{os.getpid()}")
        out_dir.rename(old)
    staging.rename(out_dir)
    if old is not None:
        shutil.rmtree(old)
