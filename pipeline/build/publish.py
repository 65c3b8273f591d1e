"""Building the data package: every seed in, every table out as CSV and Parquet, atomically.

The real corpus is about 750,000 answers, so the build streams in two passes and its
memory does not grow with the corpus:

1. **Read** (:mod:`pipeline.build.chunks`): worker processes read, hash and extract the
   seeds in chunks of consecutive seeds, or take them from the extraction cache
   (:mod:`pipeline.build.cache`), and spool each chunk's rows to disk. The main process keeps
   only a summary per chunk and the corpus index (:mod:`pipeline.build.corpus`), a few bytes
   per answer.
2. **Publish**: the spool is read back in seed order, one chunk at a time. Answers that
   several sources gave are merged (:mod:`pipeline.build.merge`) where their last source is;
   questions cited by an answer are resolved against the index; the rows are written
   by :mod:`pipeline.build.writer`, whose row groups depend only on the rows, and copied
   as they are written into the database (:mod:`pipeline.build.database`), in a process
   of its own.

Output bytes therefore depend only on the seeds: not on the number of workers, the
order they finish in, the chunk size or whether rows came from the cache. The new
package is written in a staging folder beside the old one and published by
:mod:`pipeline.build.output`, which exchanges the two folders in one atomic step, so a failed
or killed build leaves the published package as it was.

Memory is allocated as :mod:`pipeline.build.memory` says, so that what pass 2 frees is returned.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable

from ..release import write_release
from ..release.descriptor import resource_digests
from ..release.sqlite import DatabaseWriter
from .cache import DEFAULT_CACHE_NAME, SeedCache
from .chunks import iter_seed_files, plan_chunks, process_chunks, read_spool, refuse_in_a_starting_worker
from .corpus import CorpusIndex, resolve_cited
from .database import DatabaseProcess, open_database
from .memory import returning_freed_memory
from .merge import Merger
from .output import OutputFolder, UnsafeOutput, fault_point, write_manifest
from .rows import EPOCH_ORDINAL
from .writer import PackageWriter

__all__ = ["BuildReport", "UnsafeOutput", "build", "default_cache_dir", "iter_seed_files"]

#: Rejections listed in :attr:`BuildReport.rejections`; the seeds table lists them all.
MAX_REPORTED_REJECTIONS = 1_000
#: Below this many seeds, starting worker processes costs more than reading the seeds.
MIN_SEEDS_FOR_WORKERS = 64


@dataclass
class BuildReport:
    seeds_read: int = 0
    seeds_published: int = 0
    seeds_rejected: int = 0
    answers_published: int = 0
    #: Records (answers of pages, elements of JSON lists) read from the published and rejected seeds:
    #: records_read == records_published + records_merged + records_rejected.
    records_read: int = 0
    #: Records published as a row of the answers table of their own.
    records_published: int = 0
    #: Records that gave an answer another record also gave, merged into its row (see the sources table).
    records_merged: int = 0
    records_rejected: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    #: (source_file, position or 0 for the whole file, reason); the first MAX_REPORTED_REJECTIONS.
    rejections: list[tuple[str, int, str]] = field(default_factory=list)
    #: Rejections beyond those listed (all of them are in the seeds table).
    rejections_omitted: int = 0
    #: Seeds whose rows were extracted in this build, and seeds whose rows came from the cache.
    seeds_extracted: int = 0
    seeds_reused: int = 0
    #: The largest peak resident memory of a process that read seeds in pass 1, in MB (None: not known).
    readers_peak_rss_mb: float | None = None
    #: The peak resident memory of the process that wrote the database, in MB, where it had one of its own.
    database_peak_rss_mb: float | None = None
    #: Files found in the seeds folder and not read, with the reason (links leaving the folder or looping,
    #: FIFOs, devices, unreadable files and folders, names that are not UTF-8): (source_file, reason).
    #: Every file found is either a row of the seeds table or one of these.
    seeds_skipped: list[tuple[str, str]] = field(default_factory=list)
    #: Where a folder that was not a package, replaced under ``force``, was moved (it is never deleted).
    moved_aside: Path | None = None

    def add_chunk(self, summary: dict) -> None:
        """Count a chunk read in pass 1."""
        self.seeds_published += summary["published"]
        self.records_read += summary["records"]
        self.seeds_read -= len(summary["skipped"])
        self.seeds_skipped.extend(tuple(s) for s in summary["skipped"])
        self.seeds_extracted += summary["extracted"]
        self.seeds_reused += summary["reused"]
        if summary.get("peak_rss_kb") is not None:
            self.readers_peak_rss_mb = max(self.readers_peak_rss_mb or 0.0, summary["peak_rss_kb"] / 1024)
        for rejection in summary["rejections"]:
            self.records_rejected += rejection[1] > 0
            if len(self.rejections) < MAX_REPORTED_REJECTIONS:
                self.rejections.append(tuple(rejection))
            else:
                self.rejections_omitted += 1


def default_cache_dir(out_dir: Path) -> Path:
    """Where ``pqpub build`` keeps its cache unless told otherwise: ``.pqpub-cache`` beside the output folder."""
    return Path(out_dir).absolute().parent / DEFAULT_CACHE_NAME


def build(
    seeds_dir: Path,
    out_dir: Path,
    *,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    cache_dir: Path | str | None = None,
    force: bool = False,
) -> BuildReport:
    """Build the package from every seed in ``seeds_dir`` into ``out_dir``, replacing it only when complete.

    With ``cache_dir``, what is extracted from each seed is kept there and reused by
    later builds for seeds whose bytes (and the pipeline's code) have not changed; the
    package is byte-identical to one built without it.

    ``out_dir`` must be a package pqpub built (or not exist, or be empty), and must not
    be, hold or lie in ``seeds_dir``; otherwise :class:`~pipeline.build.output.UnsafeOutput` is
    raised before anything is touched. ``force`` accepts a folder that is not a package:
    it is kept, renamed aside, never deleted.
    """
    refuse_in_a_starting_worker()
    seeds_dir, out_dir = Path(seeds_dir), Path(out_dir)
    if not seeds_dir.is_dir():
        raise FileNotFoundError(f"seeds folder not found: {seeds_dir}")
    output = OutputFolder(out_dir)
    # Refused before anything is read or written: the output must never be, hold or sit in the seeds.
    output.check(seeds_dir, cache_dir=cache_dir, force=force)
    with output.locked():
        output.remove_leftovers()
        skipped: list = []
        total = sum(1 for _ in iter_seed_files(seeds_dir, skipped))
        workers = workers or os.cpu_count() or 1
        if total < MIN_SEEDS_FOR_WORKERS:
            workers = 1
        seed_cache = SeedCache(cache_dir).open() if cache_dir is not None else None
        report = BuildReport(seeds_read=total, seeds_skipped=[tuple(s) for s in skipped])
        with output.staging() as staging:
            fault_point("staging")
            spool_dir = staging / ".spool"
            spool_dir.mkdir()
            with returning_freed_memory():
                index, spooled = _read_pass(seeds_dir, spool_dir, seed_cache, workers, report, progress)
                fault_point("read")
                report.rows, database = _publish_pass(spooled, index, staging, seed_cache, workers)
            shutil.rmtree(spool_dir)
            report.seeds_rejected = report.seeds_read - report.seeds_published
            report.answers_published = report.records_published = report.rows["answers"]
            report.records_merged = report.rows["sources"] - report.rows["answers"]
            latest = date.fromordinal(index.latest + EPOCH_ORDINAL) if index.latest is not None else None
            # The database finished, and the descriptor, data dictionary and landing page made from the
            # finished tables; the package at out_dir, if any, is the previous release they are compared with.
            with returning_freed_memory():
                descriptor = write_release(staging, previous=None if output.replaces_foreign else out_dir,
                                           created=latest, database=database.finished)
            report.database_peak_rss_mb = database.peak_rss_mb
            fault_point("descriptor")
            # The tables and the database were hashed for the descriptor a moment ago: not read again.
            write_manifest(staging, known=resource_digests(descriptor))
            output.publish(staging)
        report.moved_aside = output.moved_aside
    return report


def _read_pass(seeds_dir: Path, spool_dir: Path, seed_cache: SeedCache | None, workers: int, report: BuildReport,
               progress: Callable[[int, int], None] | None) -> tuple[CorpusIndex, list[str]]:
    """Pass 1: every seed read and extracted (or taken from the cache) and spooled; the corpus indexed."""
    index = CorpusIndex()
    spooled: list[str] = []
    done = 0
    cache_root = str(seed_cache.root) if seed_cache else None
    tasks = plan_chunks(seeds_dir, spool_dir, cache_root, seed_cache.version if seed_cache else None)
    for summary in process_chunks(tasks, workers):
        index.add(summary["index"])
        spooled.append(summary["spool"])
        report.add_chunk(summary)
        done += summary["seeds"]
        if progress:
            progress(done, report.seeds_read)
    index.freeze()
    return index, spooled


def _publish_pass(spooled: list[str], index: CorpusIndex, staging: Path,
                  seed_cache: SeedCache | None = None, workers: int = 1) -> tuple[dict[str, int], DatabaseWriter | DatabaseProcess]:
    """Pass 2: the spooled chunks in seed order, merged and resolved, written; the rows of each table,
    and the database, which has them all and is being finished (its indexes, search index and vacuum)."""
    # The database takes each batch as it is written and inserts it while the next chunks are
    # merged and written (:mod:`.database`): its rows are in when pass 2 ends.
    database = open_database(staging, workers)
    writer = PackageWriter(staging, on_batch=database.add)
    try:
        merger = Merger(index.multi, seed_cache)
        for path in spooled:
            tables = merger.apply(*read_spool(path))
            tables["references"] = resolve_cited(tables["references"], index)
            writer.write_tables(tables)
            os.unlink(path)
            fault_point("writing")
        rows = writer.close()
    except BaseException:
        writer.abort()
        database.abort()
        raise
    database.finish()
    return rows, database
