"""The ``sqlite`` check: the database holds exactly the Parquet files' rows."""

from __future__ import annotations

from pathlib import Path

from ..build.memory import streamed_parquet
from ..release.descriptor import DATABASE_RESOURCE
from ..tables import TABLES
from .files import path_in, resource_named
from .report import BATCH_ROWS, FIRST_ROW, ValidationReport
from .tables import show


def check_sqlite(dist_dir: Path, resources: list[dict], report: ValidationReport) -> None:
    """The database holds exactly the Parquet files' rows, table by table in the same order, compared a batch at a time."""
    import sqlite3

    from ..release.sqlite import iter_rows, sqlite_batch

    resource = resource_named(resources, DATABASE_RESOURCE, "sqlite")
    path = path_in(dist_dir, resource) if resource else None
    if path is None or not path.is_file():
        report.fail("sqlite", "the database is not declared or not found", path.name if path else None)
        return
    compared = 0
    try:
        for table in TABLES:
            parquet_path = dist_dir / f"{table.name}.parquet"
            if not parquet_path.is_file():
                continue  # reported by the parquet check
            stored = iter_rows(path, table)
            pending: list[tuple] = []
            row = FIRST_ROW
            differs = False
            for batch in streamed_parquet(parquet_path).iter_batches(batch_size=BATCH_ROWS, columns=table.columns, use_threads=False):
                expected = list(zip(*sqlite_batch(batch)))
                while len(pending) < len(expected) and (more := next(stored, None)) is not None:
                    pending += more
                actual, pending = pending[: len(expected)], pending[len(expected):]
                for index, (want, got) in enumerate(zip(expected, actual)):
                    if want != got:
                        column = next(c for c, w, g in zip(table.columns, want, got) if w != g)
                        report.fail("sqlite", f"table {table.name} differs from {parquet_path.name} at row {row + index}, column {column}: "
                                    f"{show(got[table.columns.index(column)])} instead of {show(want[table.columns.index(column)])}; the rows after it were not compared",
                                    path.name, row + index, column)
                        differs = True
                        break
                if differs:
                    break
                if len(actual) < len(expected):
                    report.fail("sqlite", f"table {table.name} has fewer rows than {parquet_path.name}", path.name, row + len(actual))
                    differs = True
                    break
                row += len(expected)
                compared += len(expected)
            if not differs and (pending or next(stored, None)):
                report.fail("sqlite", f"table {table.name} has more rows than {parquet_path.name}", path.name)
    except sqlite3.Error as error:
        report.fail("sqlite", f"cannot be read: {error}", path.name)
        return
    report.note("sqlite", f"{compared} rows equal to the Parquet files'")
