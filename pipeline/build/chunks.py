"""Pass 1: the seeds read in chunks of consecutive seeds by worker processes, and spooled to disk.

Extraction costs about a millisecond of CPU per answer, so it runs in a process pool
(one process per core). A task is a chunk of consecutive seeds, about
``CHUNK_AVERAGE`` of them: large enough that a task's overhead is small beside reading
cached seeds, small enough that every core gets work on a corpus of a few hundred seeds.
A chunk ends after a seed whose path hashes to a multiple of ``CHUNK_AVERAGE``, so
chunk boundaries depend only on the paths: adding, removing or changing one seed
changes only its own chunk, and every other chunk can be taken whole from the cache.

A worker writes its chunk to a spool file: a JSON header (the chunk's counts and
rejections, the page fields that merging needs, and the sizes of what follows), then
the chunk's rows as one Arrow IPC stream per table; neither format runs code when
read. The summary (with the chunk's corpus-index entries, made from its answers) goes
back to the main process; the rows stay on disk until pass 2 reads them in seed order,
so the main process never holds more than the few chunks in flight. The same bytes,
sealed with their SHA-256, are the cached form of the chunk (:mod:`pipeline.build.cache`).
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
import time
from collections import deque
from itertools import repeat
from pathlib import Path
from typing import Any, Iterable, Iterator, NamedTuple

import numpy as np
import pyarrow as pa
import pyarrow.ipc as ipc

from ..sources import MAX_SEED_BYTES, SkippedFile, list_seed_files, open_seed
from ..tables import TABLES
from . import rows as _rows
from .cache import SeedCache
from .corpus import CorpusIndex
from .memory import peak_resident_kb
from .output import fault_point
from .rows import ANSWER_TABLES, ORDINAL, AnswerRows, to_batch

#: Seeds a worker reads in one task, on average and at most. Pass 2 has a cost per chunk
#: whatever its size: with chunks of 512 seeds rather than 128, pass 2 of 100,000 answers
#: (most of a rebuild) took 6.5 s rather than 8.3 s, and peaked about 20 MB higher.
CHUNK_AVERAGE = 256
CHUNK_MAX = 1024
#: Answers whose rows a worker holds as Python tuples before it turns them into Arrow batches.
FLUSH_ANSWERS = 4_096
#: A chunk with more answers is kept in the cache only whole, not also as the pack its seeds are
#: taken from one by one when others changed: that would hold the kept chunk in a worker's memory
#: beside the rows of the one being built (20,000 answers spool to about 90 MB).
PACK_MAX_ANSWERS = 20_000
#: Tasks in flight per worker: bounds the results waiting for the main process.
TASKS_IN_FLIGHT_PER_WORKER = 4
#: A seed's recorded hash is reused only if the file was last changed this long before it was
#: hashed: file times are coarse on some file systems (2 s on FAT), and a file changed again
#: within the same tick would keep its recorded times.
RACY_NS = 2_000_000_000


class ChunkTask(NamedTuple):
    root: str
    cache_dir: str | None
    cache_version: str | None
    files: tuple[str, ...]
    #: Where the worker writes the chunk's rows.
    spool: str


# --- listing the seeds and cutting them into chunks ------------------------------------


def iter_seed_files(root: Path, skipped: list[SkippedFile] | None = None) -> Iterator[str]:
    """Every seed file's path relative to ``root``, in the order of :func:`pipeline.sources.iter_seed_paths`;
    what is found and not read is appended to ``skipped`` (:func:`pipeline.sources.list_seed_files`)."""
    return list_seed_files(root, skipped)


def plan_chunks(root: Path, spool_dir: Path, cache_dir: str | None, cache_version: str | None) -> Iterator[ChunkTask]:
    """Consecutive seeds in chunks, each to be spooled to a file of ``spool_dir`` named by its number."""
    files: list[str] = []
    number = 0

    def task() -> ChunkTask:
        nonlocal files, number
        made = ChunkTask(str(root), cache_dir, cache_version, tuple(files), str(spool_dir / f"{number:08d}"))
        files, number = [], number + 1
        return made

    for relative in iter_seed_files(root):
        files.append(relative)
        boundary = int.from_bytes(hashlib.blake2b(relative.encode(), digest_size=4).digest(), "big") % CHUNK_AVERAGE == 0
        if boundary or len(files) >= CHUNK_MAX:
            yield task()
    if files:
        yield task()


# --- one chunk, in a worker -------------------------------------------------------------


def _recorded_hashes(seed_cache: SeedCache, files: tuple[str, ...]) -> tuple[str, tuple | None]:
    """The key of the record of a chunk's seeds' hashes, and the record an earlier build kept (None if none)."""
    record_key = seed_cache.key("\n".join(files), "stat")
    recorded = seed_cache.get(record_key)
    return record_key, recorded if isinstance(recorded, tuple) and len(recorded) == 2 else None


def _signature_of(stat: os.stat_result) -> tuple[int, int, int, int]:
    """What a recorded hash is checked against: the file's size, modification and change times and inode."""
    return stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino


def _signature(path: str) -> tuple[int, int, int, int] | None:
    """The signature (:func:`_signature_of`) of the file at ``path``, or None where it cannot be read."""
    try:
        return _signature_of(os.stat(path))
    except OSError:
        return None


def _hash_files(root: str, files: tuple[str, ...], seed_cache: SeedCache, record_key: str, recorded: tuple) -> list[str | None]:
    """The SHA-256 of each seed (None for one too large to be read).

    The hash recorded in the cache for a seed by an earlier build is reused, without
    reading the file, where the file's size, modification and change times and inode
    are those recorded, and it was last modified well before it was hashed (as git's
    index does: a file changed in the same instant as it was hashed is hashed again).
    """
    hashed_at, known = recorded
    now = time.time_ns()
    record: dict[str, tuple] = {}
    hashes: list[str | None] = []
    rehashed = False
    for relative in files:
        path = os.path.join(root, relative)
        try:
            stat = os.stat(path)
        except OSError:  # gone, or not readable: the extraction reports it
            hashes.append(None)
            continue
        if stat.st_size > MAX_SEED_BYTES:
            hashes.append(None)
            continue
        signature = _signature_of(stat)
        entry = known.get(relative)
        if entry is not None and entry[:4] == signature and max(stat.st_mtime_ns, stat.st_ctime_ns) < hashed_at - RACY_NS:
            sha256 = entry[4]
        else:
            try:
                with open_seed(path) as stream:  # never waits on a FIFO put in a seed's place
                    sha256 = hashlib.sha256(stream.read()).hexdigest()
                    after = os.fstat(stream.fileno())
            except OSError:
                hashes.append(None)
                continue
            rehashed = True
            if _signature_of(after) != signature:
                hashes.append(sha256)  # changed while it was read: used, but its times vouch for nothing
                continue
        record[relative] = signature + (sha256,)
        hashes.append(sha256)
    if rehashed:
        seed_cache.put(record_key, (now, record))
    return hashes


def _seed_row(relative: str, sha256: str, size: int, layout: str | None, answers: int, rejections: tuple) -> tuple:
    reasons = [reason for _, reason in rejections]
    summary = None
    if reasons:
        summary = "; ".join(reasons[:5]) + (f"; and {len(reasons) - 5} more" if len(reasons) > 5 else "")
    rejected_records = sum(1 for position, _ in rejections if position > 0)
    return (relative, sha256, size, layout, "published" if answers else "rejected", answers, rejected_records, summary,
            answers + rejected_records)


def process_chunk(task: ChunkTask) -> dict[str, Any]:
    """:func:`read_chunk`, with the peak memory of the process that read it (``peak_rss_kb``, or
    None where the system does not say): workers started by a fork server are not the main
    process's children, so their memory is reported by them, for the build's report."""
    fault_point("worker")
    summary = read_chunk(task)
    summary["peak_rss_kb"] = peak_resident_kb()
    return summary


def read_chunk(task: ChunkTask) -> dict[str, Any]:
    """Read, hash and extract (or take from the cache) a chunk of consecutive seeds, and spool its rows.

    Returns the chunk's summary. With a cache, a chunk whose seeds all have the same
    paths and bytes as in an earlier build is taken whole from the cache; otherwise each
    unchanged seed's entry is, and only the other seeds are extracted.
    """
    seed_cache = SeedCache(task.cache_dir, task.cache_version) if task.cache_dir else None
    first_time: _HashRecord | None = None
    if seed_cache is not None:
        record_key, recorded = _recorded_hashes(seed_cache, task.files)
        if recorded is None:
            # No earlier build kept these seed paths' hashes, so none kept their rows either (both are
            # written together): rather than read every seed once to hash it and again to extract it,
            # each is hashed as it is extracted, and its hash recorded for the next build.
            first_time = _HashRecord(record_key, time.time_ns(), {})
            hashes = [None] * len(task.files)
        else:
            hashes = _hash_files(task.root, task.files, seed_cache, record_key, recorded)
        if first_time is None and None not in hashes:
            payload = seed_cache.get_chunk(_chunk_key(seed_cache, task.files, hashes))
            cached = _spool_cached(payload, task.spool) if payload is not None else None
            if cached is not None:
                cached.update(extracted=0, reused=len(task.files))
                return cached
    else:
        hashes = [None] * len(task.files)
    # An earlier build's chunk of the same seed paths (whatever their bytes were then): each seed
    # whose bytes are unchanged is taken from it, and only the others are extracted.
    pack_key = seed_cache.key("\n".join(task.files), "") if seed_cache is not None else None
    pack = _KeptChunk.of(seed_cache.get_chunk(pack_key)) if seed_cache is not None and first_time is None else None
    try:
        return _extract_chunk(task, seed_cache, hashes, pack, pack_key, first_time)
    except (TypeError, ValueError, IndexError, KeyError, AttributeError, pa.ArrowException):
        if pack is None:
            raise
        # A kept chunk whose checksum holds but whose shape does not (written by another
        # version, or by hand): never fatal, the chunk's seeds are all extracted again.
        return _extract_chunk(task, seed_cache, hashes, None, pack_key, first_time)


class _HashRecord(NamedTuple):
    """The hashes of a chunk's seeds, recorded as they are extracted (:func:`_hash_files` reads the record)."""

    key: str
    #: When the first seed was read: a seed changed since this, less :data:`RACY_NS`, is hashed again.
    hashed_at: int
    #: Seed path -> its signature (:func:`_signature`) and SHA-256.
    seeds: dict[str, tuple]


def _extract_chunk(task: ChunkTask, seed_cache: SeedCache | None, hashes: list[str | None], pack: "_KeptChunk | None",
                   pack_key: str | None, first_time: _HashRecord | None = None) -> dict[str, Any]:
    """Extract a chunk's seeds, or take each from ``pack`` where it was extracted from the same bytes, and spool it;
    with ``first_time``, record the hash of each seed extracted from a file that did not change while it was read."""
    root = Path(task.root)
    chunk = _ChunkRows()
    rejections: list[tuple[str, int, str]] = []
    extracted = reused = published = records = 0
    skipped: list[tuple[str, str]] = []
    #: The SHA-256 of the bytes each seed's rows come from.
    extracted_from: dict[str, str] = {}
    for relative, sha256 in zip(task.files, hashes):
        kept = pack.seeds.get(relative) if pack is not None and sha256 is not None else None
        if kept is not None and kept.sha256 == sha256:
            size = os.stat(root / relative).st_size
            reused += 1
            chunk.add_kept(pack, kept)
            layout, seed_rejections, answers = kept.layout, kept.rejections, kept.answers
        else:
            seed = _SeedAnswers(chunk, relative)
            before = _signature(os.path.join(task.root, relative)) if first_time is not None else None
            try:
                # Looked up on the module, so that a test can count the seeds actually extracted.
                extracted_seed = _rows.seed_entry(root / relative, root, on_answer=seed)
            except OSError as error:  # unreadable, or gone since it was listed: reported, and the rest goes on
                skipped.append((relative, f"cannot be read: {error.strerror or error}"))
                continue
            sha256, size, entry = extracted_seed.sha256, extracted_seed.size, extracted_seed.entry
            if (before is not None and before[0] == size <= MAX_SEED_BYTES
                    and _signature(os.path.join(task.root, relative)) == before):
                first_time.seeds[relative] = before + (sha256,)
            extracted += 1
            layout, seed_rejections, answers = entry.layout, entry.rejections, seed.count
        extracted_from[relative] = sha256
        rejections.extend((relative, position, reason) for position, reason in seed_rejections)
        published += bool(answers)
        records += answers + sum(1 for position, _ in seed_rejections if position > 0)
        chunk.add_seed(_seed_row(relative, sha256, size, layout, answers, seed_rejections))
    batches = chunk.finish()
    extras = chunk.extras
    counts = {"seeds": len(task.files) - len(skipped), "published": published, "records": records,
              "rejections": rejections, "skipped": skipped}
    payload = chunk_payload(counts, batches, extras)
    _write_spool(task.spool, payload)
    if seed_cache is not None:
        keys = []
        # Keyed by the hashes of the bytes extracted, not those hashed before reading: a seed
        # rewritten in between must not leave its new rows under its old hash.
        if not skipped:
            keys.append(_chunk_key(seed_cache, task.files, [extracted_from[f] for f in task.files]))
        # The same payload is the pack of these seed paths: each of its seeds names the bytes its rows come from.
        if extracted and chunk.ordinal <= PACK_MAX_ANSWERS:
            keys.append(pack_key)
        seed_cache.put_chunk(keys, payload)
        if first_time is not None:
            seed_cache.put(first_time.key, (first_time.hashed_at, first_time.seeds))
    return {**counts, "index": CorpusIndex.entries(batches["answers"]), "spool": task.spool, "extracted": extracted, "reused": reused}


class _ChunkRows:
    """A chunk's rows, turned into Arrow batches every ``FLUSH_ANSWERS`` answers: Python tuples
    take many times the memory of the same rows in Arrow, and a seed may hold a million."""

    def __init__(self):
        self.rows: dict[str, list[tuple]] = {t.name: [] for t in TABLES}
        #: The answer ordinal of each row of an answer table, beside the rows rather than in them (no tuple copied per row).
        self.ordinals: dict[str, list[int]] = {t: [] for t in ANSWER_TABLES}
        self.batches: dict[str, list[pa.RecordBatch]] = {t.name: [] for t in TABLES}
        self.extras: list[tuple] = []
        self.ordinal = 0
        self.pending = 0

    def add_answer(self, relative: str, layout: str, answer: AnswerRows) -> None:
        for table, table_rows in zip(ANSWER_TABLES, answer.tables):
            if table_rows:
                self.rows[table].extend(table_rows)
                self.ordinals[table].extend(repeat(self.ordinal, len(table_rows)))
        answer_id = answer.tables[0][0][0]  # the answers table's one row, its first column
        self.rows["sources"].append((relative, answer.position, answer_id, layout))
        self.extras.append(answer.page_extras)
        self.ordinal += 1
        self.pending += 1
        if self.pending >= FLUSH_ANSWERS:
            self.flush()

    def add_kept(self, pack: "_KeptChunk", kept: "_KeptSeed") -> None:
        """A seed's answers as an earlier build spooled them, after those added so far."""
        self.flush()  # the rows so far go first: a table's batches are in ordinal order
        for table in ANSWER_TABLES + ("sources",):
            rows = pack.rows_of(table, kept, self.ordinal)
            if rows.num_rows:
                self.batches[table].append(rows)
        self.extras.extend(pack.extras[kept.first:kept.first + kept.answers])
        self.ordinal += kept.answers

    def add_seed(self, row: tuple) -> None:
        self.rows["seeds"].append(row)

    def flush(self) -> None:
        for name, rows in self.rows.items():
            if rows:
                ordinals = self.ordinals.get(name)
                self.batches[name].append(to_batch(name, rows, ordinals))
                rows.clear()
                if ordinals is not None:
                    ordinals.clear()
        self.pending = 0

    def finish(self) -> dict[str, pa.RecordBatch]:
        """One batch per table, whatever the flushes: what is spooled does not depend on them."""
        self.flush()
        return {name: pa.concat_batches(parts) if len(parts) > 1 else parts[0] if parts else to_batch(name, [])
                for name, parts in self.batches.items()}


class _SeedAnswers:
    """Receives a seed's answers as they are extracted, into the chunk's rows."""

    def __init__(self, chunk: _ChunkRows, relative: str):
        self.chunk, self.relative = chunk, relative
        self.count = 0

    def __call__(self, layout: str, answer: AnswerRows) -> None:
        self.chunk.add_answer(self.relative, layout, answer)
        self.count += 1


class _KeptSeed(NamedTuple):
    """One seed of a kept chunk: the bytes its rows come from, and where its answers are in the chunk."""

    sha256: str
    layout: str | None
    rejections: tuple[tuple[int, str], ...]
    #: The ordinal of its first answer in the kept chunk, and how many it has.
    first: int
    answers: int


class _KeptChunk:
    """A chunk as an earlier build cached it, by seed, so that each unchanged seed's rows are taken
    from it (as Arrow slices, never turned back into Python values) rather than extracted again."""

    def __init__(self, payload: bytes):
        counts, self.extras, self.batches = parse_chunk(payload)
        seeds = self.batches["seeds"]
        rejected: dict[str, list[tuple[int, str]]] = {}
        for relative, position, reason in counts["rejections"]:
            rejected.setdefault(relative, []).append((position, reason))
        self.seeds: dict[str, _KeptSeed] = {}
        first = 0
        for relative, sha256, layout, answers in zip(*(seeds.column(c).to_pylist() for c in ("source_file", "sha256", "layout", "answers"))):
            self.seeds[relative] = _KeptSeed(sha256, layout, tuple(rejected.get(relative, ())), first, answers)
            first += answers
        # Answers are spooled seed by seed, so a seed's answers are consecutive ordinals.
        if not first == self.batches["sources"].num_rows == self.batches["answers"].num_rows == len(self.extras):
            raise ValueError("a kept chunk whose seeds do not add up to its answers")
        self.ordinals = {t: self.batches[t].column(ORDINAL).to_numpy() for t in ANSWER_TABLES}

    @classmethod
    def of(cls, payload: bytes | None) -> "_KeptChunk | None":
        """The kept chunk in ``payload`` (already checked against its SHA-256), or None where there is none or it cannot be read."""
        if payload is None:
            return None
        try:
            return cls(payload)
        except (ValueError, KeyError, TypeError, IndexError, struct.error, pa.ArrowException):
            return None

    def rows_of(self, table: str, kept: _KeptSeed, ordinal: int) -> pa.RecordBatch:
        """The rows of ``table`` from ``kept``'s answers, numbered from ``ordinal``."""
        batch = self.batches[table]
        if table not in ANSWER_TABLES:  # one row per answer, in ordinal order
            return batch.slice(kept.first, kept.answers)
        ordinals = self.ordinals[table]
        start, end = np.searchsorted(ordinals, (kept.first, kept.first + kept.answers), "left").tolist()
        rows = batch.slice(start, end - start)
        if ordinal != kept.first and rows.num_rows:
            column = rows.schema.get_field_index(ORDINAL)
            renumbered = pa.array(ordinals[start:end] - np.int32(kept.first) + np.int32(ordinal), pa.int32())
            rows = rows.set_column(column, rows.schema.field(column), renumbered)
        return rows


def _chunk_key(seed_cache: SeedCache, files: tuple[str, ...], hashes: list[str]) -> str:
    return seed_cache.key("\n".join(files), "\n".join(hashes))


def _spool_cached(payload: bytes, spool: str) -> dict[str, Any] | None:
    """A cached chunk's payload (already checked against its SHA-256) spooled, and its summary; None where it cannot be read."""
    try:
        counts, _, batches = parse_chunk(payload)
        index = CorpusIndex.entries(batches["answers"])
    except (ValueError, KeyError, TypeError, struct.error, pa.ArrowException):
        return None
    _write_spool(spool, payload)
    return {**counts, "index": index, "spool": spool}


# --- the spool file ------------------------------------------------------------------


#: The first bytes of a spool file, then the length of its JSON header (8 bytes, little-endian).
SPOOL_MAGIC = b"pqpub-spool 2\n"
_LENGTH = struct.Struct("<Q")


def chunk_payload(counts: dict[str, Any], batches: dict[str, pa.RecordBatch], extras: list[tuple]) -> list:
    """A chunk as bytes: a JSON header (counts, rejections, page extras, table names and sizes),
    then the rows as one Arrow IPC stream per table, which pass 2 reads without conversion."""
    streams = []
    for batch in batches.values():
        sink = pa.BufferOutputStream()
        with ipc.new_stream(sink, batch.schema) as writer:
            writer.write_batch(batch)
        streams.append(sink.getvalue())
    header = json.dumps({"counts": counts, "extras": extras, "tables": list(batches), "sizes": [s.size for s in streams]},
                        ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    # Pieces, not one joined copy: a chunk's rows are the largest thing a worker holds.
    return [SPOOL_MAGIC, _LENGTH.pack(len(header)), header, *streams]


def parse_chunk(payload: bytes) -> tuple[dict[str, Any], list, dict[str, pa.RecordBatch]]:
    """A chunk's counts, page extras and record batches, from :func:`chunk_payload`'s bytes."""
    header, offset = _header(payload[:len(SPOOL_MAGIC) + _LENGTH.size], lambda n: payload[len(SPOOL_MAGIC) + _LENGTH.size:][:n])
    buffer = pa.py_buffer(payload)
    batches = {}
    for table, size in zip(header["tables"], header["sizes"]):
        batches[table] = ipc.open_stream(buffer.slice(offset, size)).read_next_batch()
        offset += size
    return header["counts"], header["extras"], batches


def _header(start: bytes, read) -> tuple[dict[str, Any], int]:
    if not start.startswith(SPOOL_MAGIC) or len(start) < len(SPOOL_MAGIC) + _LENGTH.size:
        raise ValueError("not a spool file")
    (length,) = _LENGTH.unpack_from(start, len(SPOOL_MAGIC))
    raw = read(length)
    if len(raw) != length:
        raise ValueError("spool header cut short")
    return json.loads(raw), len(SPOOL_MAGIC) + _LENGTH.size + length


def _write_spool(path: str, payload) -> None:
    """Write a chunk's payload: its bytes, or the pieces :func:`chunk_payload` made."""
    with open(path, "wb") as spool:
        for piece in [payload] if isinstance(payload, bytes) else payload:
            spool.write(piece)


def read_spool(path: str) -> tuple[dict[str, pa.RecordBatch], list]:
    """A chunk's Arrow record batches (by table) and page extras (by answer ordinal), as spooled."""
    # Each table is read into a buffer of its own, not mapped: the writers hold slices of a
    # table's rows across many chunks, and a slice of a mapped file would keep all of it.
    with pa.OSFile(path) as spool:
        header, _ = _header(spool.read(len(SPOOL_MAGIC) + _LENGTH.size), lambda n: spool.read(n))
        batches = {table: ipc.open_stream(spool.read_buffer(size)).read_next_batch()
                   for table, size in zip(header["tables"], header["sizes"])}
    return batches, header["extras"]


# --- the pool ------------------------------------------------------------------------


#: How worker processes are started, best first. Never "fork": the main process runs threads
#: (the pool's own, the writers'), and a child forked while another thread holds a lock (the
#: allocator's, the import system's) can wait on it forever; Python 3.12 on warns of it. A fork
#: server is a process started clean, before any thread, that forks the workers; spawn starts
#: each worker as a new interpreter (the only method on Windows). Measured on 2 cores, from
#: the pool's creation to both workers' first result: fork 0.02 s, the fork server 0.45 s (once
#: per build, its start and imports), spawn 0.65-0.95 s with 0.46 s of CPU in every worker; a
#: build of 5,000 answers took the same time with each, within the noise of a shared machine.
#: As with any of these, a script that builds with several workers runs its own code under
#: ``if __name__ == "__main__":`` (a worker imports the main script's module again).
START_METHODS = ("forkserver", "spawn")
#: Imported once by the fork server, so that every worker forked from it starts with them:
#: the readers, extraction and Arrow (and pandas, which pyarrow imports on its first
#: conversion of Python values, about 0.2 s of CPU).
WORKER_PRELOAD = ("pipeline.build.chunks", "pipeline.build.rows", "pandas")


def worker_context():
    """The multiprocessing context the pool's workers are started with (see :data:`START_METHODS`)."""
    import multiprocessing

    available = multiprocessing.get_all_start_methods()
    method = next(m for m in START_METHODS if m in available)
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload(list(WORKER_PRELOAD))
    return context


class WorkerDied(RuntimeError):
    """A worker process ended without finishing its chunk (killed, out of memory, or unable to start)."""


def refuse_in_a_starting_worker() -> None:
    """Raise where a worker process, while starting, runs the main script again and reaches a build.

    Workers import the main script of the process that started them (under the name
    ``__mp_main__``); a script that builds without ``if __name__ == "__main__":`` would
    build again in each worker, which would wait for ever on the output folder's lock the
    first build holds. The worker fails at once instead, and the first build says why.
    """
    import multiprocessing

    # The flag multiprocessing itself sets while a new process runs the main script (and checks
    # before starting processes); nothing public says so at that point.
    if getattr(multiprocessing.current_process(), "_inheriting", False):
        raise RuntimeError("a build was started while a worker process imported the main script")


def process_chunks(tasks: Iterable[ChunkTask], workers: int) -> Iterator[dict[str, Any]]:
    """Every chunk processed, its summary yielded in the order given, whatever order the workers finish in.

    At most ``TASKS_IN_FLIGHT_PER_WORKER`` tasks per worker are handed out ahead of the
    main process, so summaries never pile up in memory when the workers are faster. A
    worker that dies is an error (:class:`WorkerDied`), never a wait: ``multiprocessing.Pool``
    silently starts a new worker in its place and waits for ever for the lost chunk.
    """
    if workers <= 1:
        yield from map(process_chunk, tasks)
        return
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    in_flight: deque = deque()
    with ProcessPoolExecutor(workers, mp_context=worker_context()) as pool:
        try:
            for task in tasks:
                in_flight.append(pool.submit(process_chunk, task))
                if len(in_flight) >= workers * TASKS_IN_FLIGHT_PER_WORKER:
                    yield in_flight.popleft().result()
            while in_flight:
                yield in_flight.popleft().result()
        except BrokenProcessPool as error:
            raise WorkerDied(
                "a worker process ended before finishing its seeds (killed, out of memory, or unable to start: a "
                "script that builds with several workers must call the build under `if __name__ == \"__main__\":`, "
                "since each worker imports the script again)"
            ) from error
        finally:
            for future in in_flight:
                future.cancel()
