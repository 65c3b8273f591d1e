"""Building the data package: every seed in, every table out as CSV and Parquet, atomically.

The build streams in two passes so that memory does not grow with the corpus:

1. every seed is read and extracted (in a process pool); the answers are spooled
   to disk and a small corpus index is kept: how many sources gave each answer id,
   and which answer ids each UIN has (to resolve cited questions);
2. the spool is read back in seed order and each table is written in batches with
   pyarrow. An answer given by several sources is held back until its last source
   is seen, then merged and written once.

The new package is written beside the old one and swapped in only when complete.
"""

from __future__ import annotations

import os
import pickle
import shutil
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable, Iterable, Iterator

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from . import __version__
from .descriptor import write_descriptor
from .extract import ExtractedAnswer, extract_answer
from .extract.quality import disagreement_flag, holding_unreplaced_flag
from .extract.references import resolve_cited_answer
from .model import GroupedQuestion, PageAnswer, Seed, Source
from .sources import SeedReading, iter_seed_paths, read_seed
from .tables import TABLES, Table

#: Rows per Parquet row group and per CSV write; fixed so that output bytes never depend on timing.
BATCH_ROWS = 65_536
#: Fields on which two sources of one question must agree; the answer's own fields may
#: differ legitimately between a holding answer and its replacement.
QUESTION_FIELDS = ("uin", "house", "heading", "answering_body", "asking_member", "question_text", "tabled_date")
ANSWER_FIELDS = ("answered_date", "answering_minister", "answer_text", "is_correction")


@dataclass
class SeedExtraction:
    """One seed, read and extracted: what pass 1 spools and pass 2 publishes."""

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
    #: (source_file, position or 0 for the whole file, reason)
    rejections: list[tuple[str, int, str]] = field(default_factory=list)


def extract_seed(path: Path, root: Path) -> SeedExtraction:
    """Read one seed and extract every answer in it. Runs in worker processes."""
    reading = read_seed(path, root)
    extraction = SeedExtraction(reading)
    for position, page in reading.answers:
        extraction.answers.append(
            (position, page, extract_answer(page, layout=reading.layout, source_file=reading.source_file, source_sha256=reading.sha256))
        )
    reading.answers = []  # they travel in extraction.answers; no need to carry them twice
    return extraction


def _extract_task(args: tuple[str, str]) -> SeedExtraction:
    return extract_seed(Path(args[0]), Path(args[1]))


def extract_all(seed_paths: list[Path], root: Path, workers: int) -> Iterator[SeedExtraction]:
    """Every seed extracted, in the order given, whatever order the workers finish in."""
    tasks = [(str(p), str(root)) for p in seed_paths]
    if workers <= 1 or len(tasks) < 64:
        yield from map(_extract_task, tasks)
        return
    import multiprocessing

    with multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn").Pool(workers) as pool:
        yield from pool.imap(_extract_task, tasks, chunksize=64)


# --- pass 2: merging sources of one answer ----------------------------------------


def merge_sources(sources: list[tuple[SeedReading, int, PageAnswer, ExtractedAnswer]]) -> ExtractedAnswer:
    """One answer from several sources of it.

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
    for name in QUESTION_FIELDS + (ANSWER_FIELDS if len(substantive) > 1 else ()):
        compared = ordered if name in QUESTION_FIELDS else substantive
        values = {f"{r.source_file}#{p}": pg.__dict__[name] for r, p, pg, _ in compared if pg.__dict__[name] is not None}
        if len(set(values.values())) > 1:
            merged.quality.append(disagreement_flag(merged.answer.answer_id, name, values))
    merged.grouped_uins = tuple(sorted({u for _, _, pg, _ in sources for u in pg.grouped_uins}))
    return merged


# --- writing ----------------------------------------------------------------------


class TableWriter:
    """Writes one table as CSV and Parquet in fixed-size batches."""

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
        self._buffer: list[dict] = []
        self.rows = 0

    def write(self, record) -> None:
        self._buffer.append(record.__dict__)
        if len(self._buffer) >= BATCH_ROWS:
            self._flush()

    def _flush(self) -> None:
        if not self._buffer:
            return
        batch = pa.RecordBatch.from_pylist([{c: r.get(c) for c in self.columns} for r in self._buffer], schema=self.schema)
        self._csv.write_batch(batch)
        self._parquet.write_batch(batch, row_group_size=BATCH_ROWS)
        self.rows += len(self._buffer)
        self._buffer = []

    def close(self) -> None:
        self._flush()
        self._csv.close()
        self._parquet.close()


class PackageWriter:
    """All tables of the package, open for writing."""

    def __init__(self, directory: Path):
        self.writers = {t.name: TableWriter(t, directory) for t in TABLES}

    def write_answer(self, extracted: ExtractedAnswer, uin_index: dict) -> None:
        answer_id = extracted.answer.answer_id
        self.writers["answers"].write(extracted.answer)
        for uin in extracted.grouped_uins:
            self.writers["grouped_questions"].write(GroupedQuestion.model_construct(answer_id=answer_id, grouped_uin=uin))
        for statistic in extracted.statistics:
            self.writers["statistics"].write(statistic)
        for reference in extracted.references:
            cited = resolve_cited_answer(reference, uin_index) if reference.cited_uin else None
            self.writers["references"].write(reference.model_copy(update={"cited_answer_id": cited}) if cited else reference)
        flags = list(extracted.quality)
        if extracted.answer.is_holding_answer:
            flags.append(holding_unreplaced_flag(answer_id))
        for flag in sorted({f.code: f for f in flags}.values(), key=lambda f: f.code):
            self.writers["quality"].write(flag)

    def close(self) -> dict[str, int]:
        for writer in self.writers.values():
            writer.close()
        return {name: writer.rows for name, writer in self.writers.items()}


def _spool(extractions: Iterable[SeedExtraction], spool_path: Path, on_seed: Callable[[SeedExtraction], None]) -> None:
    with spool_path.open("wb") as spool:
        for extraction in extractions:
            on_seed(extraction)
            pickle.dump(extraction, spool, protocol=pickle.HIGHEST_PROTOCOL)


def _unspool(spool_path: Path) -> Iterator[SeedExtraction]:
    with spool_path.open("rb") as spool:
        while True:
            try:
                yield pickle.load(spool)
            except EOFError:
                return


def build(
    seeds_dir: Path,
    out_dir: Path,
    *,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> BuildReport:
    """Build the package from every seed in ``seeds_dir`` into ``out_dir``, replacing it only when complete."""
    seeds_dir, out_dir = Path(seeds_dir), Path(out_dir)
    if not seeds_dir.is_dir():
        raise FileNotFoundError(f"seeds folder not found: {seeds_dir}")
    workers = workers or os.cpu_count() or 1
    seed_paths = list(iter_seed_paths(seeds_dir))
    report = BuildReport(seeds_read=len(seed_paths))

    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{out_dir.name}.tmp-", dir=out_dir.parent))
    try:
        # Pass 1: extract, spool, index.
        sources_of: dict[str, int] = defaultdict(int)
        uin_index: dict[str, list[tuple[date | None, date | None, str]]] = defaultdict(list)
        latest: list[date] = []
        done = 0

        def index_seed(extraction: SeedExtraction) -> None:
            nonlocal done
            for _, _, extracted in extraction.answers:
                answer = extracted.answer
                sources_of[answer.answer_id] += 1
                if answer.uin and sources_of[answer.answer_id] == 1:
                    uin_index[answer.uin].append((answer.tabled_date, answer.answered_date, answer.answer_id))
                latest.extend(d for d in (answer.answered_date, answer.tabled_date) if d)
                if len(latest) > 1:
                    latest[:] = [max(latest)]
            done += 1
            if progress:
                progress(done, len(seed_paths))

        spool_path = staging / ".spool"
        _spool(extract_all(seed_paths, seeds_dir, workers), spool_path, index_seed)

        # Pass 2: publish in seed order, merging answers that several sources gave.
        writer = PackageWriter(staging)
        pending: dict[str, list] = defaultdict(list)
        published: set[str] = set()
        for extraction in _unspool(spool_path):
            reading = extraction.reading
            for position, reason in reading.rejections:
                report.rejections.append((reading.source_file, position, reason))
            report.records_rejected += sum(1 for p, _ in reading.rejections if p > 0)
            for position, page, extracted in extraction.answers:
                answer_id = extracted.answer.answer_id
                writer.writers["sources"].write(Source.model_construct(
                    source_file=reading.source_file, position=position, answer_id=answer_id, layout=reading.layout))
                if sources_of[answer_id] == 1:
                    writer.write_answer(extracted, uin_index)
                    continue
                pending[answer_id].append((reading, position, page, extracted))
                if len(pending[answer_id]) == sources_of[answer_id]:
                    writer.write_answer(merge_sources(pending.pop(answer_id)), uin_index)
            published_here = bool(extraction.answers)
            report.seeds_published += published_here
            report.seeds_rejected += not published_here
            reasons = [reason for _, reason in reading.rejections]
            writer.writers["seeds"].write(Seed.model_construct(
                source_file=reading.source_file, sha256=reading.sha256, bytes=reading.bytes, layout=reading.layout,
                status="published" if published_here else "rejected", answers=len(extraction.answers),
                rejected_records=sum(1 for p, _ in reading.rejections if p > 0),
                reason="; ".join(reasons[:5]) + (f"; and {len(reasons) - 5} more" if len(reasons) > 5 else "") if reasons else None,
            ))
        spool_path.unlink()
        report.rows = writer.close()
        report.answers_published = report.rows["answers"]
        write_descriptor(staging, created=latest[0] if latest else None)
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
