"""Writing the tables: every table as CSV and zstd Parquet, in row groups that depend only on the rows.

A table is written in batches, one Parquet row group each (the CSV appended in step).
A batch ends at the row that brings its data to ``BATCH_BYTES``, or at ``BATCH_ROWS``
rows, whichever comes first. Both limits count the rows themselves, never how they
arrived, so the files' bytes do not depend on the chunk size, the number of workers
or the cache: changing either limit changes the published bytes.

Rows arrive a chunk at a time and a batch takes many chunks to fill (a chunk holds
about a hundred seeds' rows; a batch of the seeds table, 65,536). Held in memory until
full, the batches of all seven tables would cost tens of megabytes more on a large
corpus than on a small one, whose tables never fill a batch. So each table's open
batch is kept in a spill file (an Arrow IPC stream) and read back only to be written,
one table at a time: the main process holds one batch, whatever the corpus. The spill
files stay small (one batch each) and mostly in the page cache.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.ipc as ipc
import pyarrow.parquet as pq

from .tables import TABLES, Table

#: Most rows, and most bytes of data, per Parquet row group and per CSV write. Small enough
#: that memory does not grow with the corpus (a batch of answers holds their full text).
BATCH_ROWS = 65_536
BATCH_BYTES = 8 * 1024 * 1024


class TableWriter:
    """Writes one table as CSV and Parquet, one Parquet row group per batch."""

    def __init__(self, table: Table, directory: Path, spill_dir: Path):
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
        self._fixed_bytes = sum(8 for f in self.schema if not _is_text(f.type))
        self._text_columns = [f.name for f in self.schema if _is_text(f.type)]
        self._spill_path = spill_dir / f"{table.name}.arrow"
        self._spill: ipc.RecordBatchStreamWriter | None = None
        self._buffered_rows = 0
        self._buffered_bytes = 0
        self.rows = 0

    def _row_bytes(self, rows: pa.Table) -> np.ndarray:
        sizes = np.full(rows.num_rows, self._fixed_bytes, dtype=np.int64)
        for name in self._text_columns:
            sizes += pc.fill_null(pc.binary_length(rows.column(name)), 0).to_numpy()
        return sizes

    def write_table(self, rows: pa.Table) -> None:
        if not rows.num_rows:
            return
        rows = rows.select(self.columns).cast(self.schema)
        sizes = np.cumsum(self._row_bytes(rows))
        start = 0
        while start < rows.num_rows:
            # The first row (from ``start``) at which the batch reaches BATCH_BYTES ends it.
            reached = int(np.searchsorted(sizes, (sizes[start - 1] if start else 0) + BATCH_BYTES - self._buffered_bytes, "left"))
            end = min(reached + 1, start + BATCH_ROWS - self._buffered_rows, rows.num_rows)
            self._hold(rows.slice(start, end - start))
            self._buffered_rows += end - start
            self._buffered_bytes += int(sizes[end - 1] - (sizes[start - 1] if start else 0))
            if self._buffered_rows >= BATCH_ROWS or self._buffered_bytes >= BATCH_BYTES:
                self._flush()
            start = end

    def _hold(self, rows: pa.Table) -> None:
        if self._spill is None:
            self._spill = ipc.new_stream(self._spill_path, self.schema)
        self._spill.write_table(rows)

    def _flush(self) -> None:
        self._spill.close()
        self._spill = None
        with ipc.open_stream(self._spill_path) as stream:
            batch = stream.read_all()
        # One contiguous array per column, so that the bytes never depend on how rows arrived.
        batch = batch.combine_chunks()
        self._buffered_rows = self._buffered_bytes = 0
        self.rows += batch.num_rows
        self._write_csv(batch)
        self._parquet.write_table(batch, row_group_size=BATCH_ROWS)

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
        if self._buffered_rows:
            self._flush()
        self._csv.close()
        self._parquet.close()
        self._remove_spill()

    def abort(self) -> None:
        """Stop without finishing the files (the build failed; they are discarded with the staging folder)."""
        for closable in (self._spill, self._csv, self._parquet):
            try:
                if closable is not None:
                    closable.close()
            except Exception:
                pass
        self._spill = None
        self._remove_spill()

    def _remove_spill(self) -> None:
        try:
            os.unlink(self._spill_path)
        except FileNotFoundError:
            pass


def _is_text(arrow_type: pa.DataType) -> bool:
    return pa.types.is_string(arrow_type) or pa.types.is_binary(arrow_type)


class PackageWriter:
    """All tables of the package, open for writing."""

    def __init__(self, directory: Path, spill_dir: Path):
        self.writers = {t.name: TableWriter(t, directory, spill_dir) for t in TABLES}

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
