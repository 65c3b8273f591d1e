"""Writing the tables: every table as CSV and zstd Parquet, in row groups that depend only on the rows.

A table is written in batches, one Parquet row group each (the CSV appended in step).
A batch ends at the row that brings its data to ``BATCH_BYTES``, or at ``BATCH_ROWS``
rows, whichever comes first. Both limits count the rows themselves, never how they
arrived, so the files' bytes do not depend on the chunk size, the number of workers
or the cache: changing either limit changes the published bytes.

Rows arrive a chunk at a time and a batch takes many chunks to fill (a chunk holds
about a hundred seeds' rows; a batch of the seeds table, 32,768). Each table's open
batch is held in memory as slices of the rows that arrived, so the main process holds
at most ``BATCH_BYTES`` of rows per table, whatever the corpus, and for each table the
few chunks' rows (at most ``GATHER_ROWS`` or ``GATHER_BYTES``) gathered to be measured
together. Open batches cost at most seven times ``BATCH_BYTES`` (under 30 MB); keeping
them in files on disk instead, writing every row out and reading it back, cost about a
third of the publishing pass.

Encoding a full batch as CSV and Parquet is Arrow's own work, done without Python's
global lock, so it runs in background threads (:class:`Encoder`), the CSV and the
Parquet copy side by side, while the main thread merges and gathers the next chunks. One
batch is encoded at a time, in the order the batches filled, so the bytes are the same
as written inline, and memory holds at most one batch being encoded beside the open ones.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Callable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from ..tables import TABLES, Table

#: Most rows, and most bytes of data, per Parquet row group and per CSV write. Small enough
#: that memory does not grow much with the corpus: each table's open batch, and one batch
#: being encoded with the encoders' buffers, are what a large corpus holds beyond a small
#: one, whose smaller tables never fill a batch. (With 65,536 rows or 8 MB, a 100,000-answer
#: build peaked 30 MB higher.)
BATCH_ROWS = 32_768
BATCH_BYTES = 4 * 1024 * 1024
#: Rows gathered from consecutive chunks before they are measured and cut into batches: a
#: chunk's tables are small (a few hundred rows), and each measuring costs much the same whatever its size.
GATHER_ROWS = 16_384
GATHER_BYTES = 1024 * 1024


class Encoder:
    """Runs one encoding job at a time in a background thread; a job's error is raised in the caller.

    A job may hand part of its work to a second thread (:meth:`beside`): the CSV and the
    Parquet copy of one batch are encoded at the same time, each by Arrow without
    Python's global lock.
    """

    def __init__(self) -> None:
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pqpub-encode")
        self._beside = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pqpub-encode-beside")
        self._running: Future | None = None

    def submit(self, job: Callable[[], None]) -> None:
        """Start ``job`` once the one before it has finished."""
        self.wait()
        self._running = self._thread.submit(job)

    def beside(self, job: Callable[[], None]) -> Future:
        """Run ``job`` alongside the running one (which must wait for it)."""
        return self._beside.submit(job)

    def wait(self) -> None:
        running, self._running = self._running, None
        if running is not None:
            running.result()

    def close(self) -> None:
        try:
            self.wait()
        finally:
            self._thread.shutdown(wait=True)
            self._beside.shutdown(wait=True)


class _Inline:
    """An encoder that runs each job at once, in the caller's thread."""

    def submit(self, job: Callable[[], None]) -> None:
        job()

    def beside(self, job: Callable[[], None]) -> Future:
        done: Future = Future()
        job()
        done.set_result(None)
        return done

    def wait(self) -> None:
        pass


class TableWriter:
    """Writes one table as CSV and Parquet, one Parquet row group per batch.

    With an :class:`Encoder`, full batches are encoded in its thread; call
    ``encoder.wait()`` before :meth:`close`. Without one, they are encoded inline.
    """

    def __init__(self, table: Table, directory: Path, encoder: Encoder | None = None,
                 on_batch: Callable[[Table, pa.Table], None] | None = None):
        self.table = table
        #: Called with each batch, in order, as it is handed to the encoder (the database's copy of the rows).
        self._on_batch = on_batch
        self.schema = table.arrow_schema()
        self.columns = table.columns
        self.csv_path = directory / f"{table.name}.csv"
        self.parquet_path = directory / f"{table.name}.parquet"
        self._csv = pa_csv.CSVWriter(self.csv_path, self.schema, write_options=pa_csv.WriteOptions(quoting_style="needed"))
        self._parquet = pq.ParquetWriter(
            self.parquet_path, self.schema, compression="zstd", version="2.6", write_statistics=True,
            store_schema=False,  # the pandas/arrow metadata blob would only add bytes that can differ between versions
        )
        self._fixed_bytes = sum(8 for f in self.schema if not _is_text(f.type))
        self._text_columns = [f.name for f in self.schema if _is_text(f.type)]
        self._encoder = encoder or _Inline()
        self._open_batch: list[pa.Table] = []
        self._buffered_rows = 0
        self._buffered_bytes = 0
        self._gathered: list[pa.Table] = []
        self._gathered_rows = 0
        self._gathered_bytes = 0
        self.rows = 0

    def _row_bytes(self, rows: pa.Table) -> np.ndarray:
        sizes = np.full(rows.num_rows, self._fixed_bytes, dtype=np.int64)
        for name in self._text_columns:
            sizes += pc.fill_null(pc.binary_length(rows.column(name)), 0).to_numpy()
        return sizes

    def write_table(self, rows: pa.Table) -> None:
        if not rows.num_rows:
            return
        published = rows.select(self.columns)
        self._gathered.append(published)
        self._gathered_rows += published.num_rows
        # The buffers' size, not the rows' own (``nbytes``, which walks every slice): only how
        # often gathered rows are measured depends on it, never where a batch ends.
        self._gathered_bytes += published.get_total_buffer_size()
        if self._gathered_rows >= GATHER_ROWS or self._gathered_bytes >= GATHER_BYTES:
            self._measure_gathered()

    def _measure_gathered(self) -> None:
        if not self._gathered:
            return
        rows = pa.concat_tables(self._gathered).cast(self.schema)
        self._gathered, self._gathered_rows, self._gathered_bytes = [], 0, 0
        sizes = np.cumsum(self._row_bytes(rows))
        start = 0
        while start < rows.num_rows:
            # The first row (from ``start``) at which the batch reaches BATCH_BYTES ends it.
            reached = int(np.searchsorted(sizes, (sizes[start - 1] if start else 0) + BATCH_BYTES - self._buffered_bytes, "left"))
            end = min(reached + 1, start + BATCH_ROWS - self._buffered_rows, rows.num_rows)
            self._open_batch.append(rows.slice(start, end - start))
            self._buffered_rows += end - start
            self._buffered_bytes += int(sizes[end - 1] - (sizes[start - 1] if start else 0))
            if self._buffered_rows >= BATCH_ROWS or self._buffered_bytes >= BATCH_BYTES:
                self._flush()
            start = end

    def _flush(self) -> None:
        full = pa.concat_tables(self._open_batch)
        self._open_batch = []
        self.rows += self._buffered_rows
        self._buffered_rows = self._buffered_bytes = 0
        if self._on_batch is not None:
            self._on_batch(self.table, full)
        self._encoder.submit(lambda: self._encode(full))

    def _encode(self, batch: pa.Table) -> None:
        # One contiguous array per column, so that the bytes never depend on how rows arrived.
        batch = batch.combine_chunks()
        parquet = self._encoder.beside(lambda: self._parquet.write_table(batch, row_group_size=BATCH_ROWS))
        try:
            self._write_csv(batch)
        finally:
            parquet.result()

    def _write_csv(self, batch: pa.Table) -> None:
        # pyarrow's CSV writer keeps the last rows it wrote until the next write, and with them
        # the whole batch they are a slice of: one batch per table, for the rest of the build.
        # Its last row is therefore written from a copy of its own. CSV rows do not depend on
        # how they are split between writes, so the bytes are the same.
        last = batch.num_rows - 1
        if last:
            self._csv.write_table(batch.slice(0, last))
        self._csv.write_table(batch.slice(last).take([0]))

    def close(self) -> None:
        self._measure_gathered()
        if self._buffered_rows:
            self._flush()
        self._encoder.wait()
        self._csv.close()
        self._parquet.close()

    def abort(self) -> None:
        """Stop without finishing the files (the build failed; they are discarded with the staging folder)."""
        self._open_batch = []
        for closable in (self._csv, self._parquet):
            try:
                closable.close()
            except Exception:
                pass


def _is_text(arrow_type: pa.DataType) -> bool:
    return pa.types.is_string(arrow_type) or pa.types.is_binary(arrow_type)


class PackageWriter:
    """All tables of the package, open for writing; ``on_batch`` is given every batch of every table as it is written."""

    def __init__(self, directory: Path, on_batch: Callable[[Table, pa.Table], None] | None = None):
        self.encoder = Encoder()
        self.writers = {t.name: TableWriter(t, directory, self.encoder, on_batch) for t in TABLES}

    def write_tables(self, tables: dict[str, pa.Table]) -> None:
        for name, rows in tables.items():
            self.writers[name].write_table(rows)

    def close(self) -> dict[str, int]:
        for writer in self.writers.values():
            writer.close()
        self.encoder.close()
        return {name: writer.rows for name, writer in self.writers.items()}

    def abort(self) -> None:
        try:
            self.encoder.close()
        except Exception:
            pass  # the build failed already; its error is the one to report
        for writer in self.writers.values():
            writer.abort()
