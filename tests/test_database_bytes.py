"""The database has the same bytes however its rows were written.

The plain way, as the file was always written: a table at a time, one transaction a table,
one INSERT a row, exact numbers through Python's ``Decimal``. The build's ways: many rows an
INSERT, all rows in one transaction (counted as one a table), and the tables' batches
interleaved in the order pass 2 writes them, in a thread or in a process of its own.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import sqlite_utils

from pipeline.build.database import DatabaseFailed, DatabaseProcess
from pipeline.release import sqlite as sqlite_module
from pipeline.release.sqlite import DATABASE_NAME, DatabaseWriter, write_database
from pipeline.tables import TABLES, TABLES_BY_NAME


def _copy_tables(built: Path, folder: Path) -> Path:
    folder.mkdir()
    for parquet in built.glob("*.parquet"):
        (folder / parquet.name).write_bytes(parquet.read_bytes())
    return folder


def _plain_database(folder: Path) -> bytes:
    """The database written the plain way (see the module's docstring)."""
    connection = sqlite3.connect(folder / DATABASE_NAME, isolation_level=None)
    connection.execute(f"PRAGMA page_size = {sqlite_module.PAGE_SIZE}")
    connection.execute("PRAGMA journal_mode = OFF")
    db = sqlite_utils.Database(connection)
    for table in TABLES:
        sqlite_module._create(db, table)
    for table in TABLES:
        insert = (f"INSERT INTO [{table.name}] ({', '.join(f'[{c}]' for c in table.columns)}) "
                  f"VALUES ({', '.join('?' * len(table.columns))})")
        connection.execute("BEGIN")
        for batch in pq.ParquetFile(folder / f"{table.name}.parquet").iter_batches(columns=table.columns):
            columns = []
            for field_, column in zip(batch.schema, batch.columns):
                if pa.types.is_decimal(field_.type):
                    columns.append([None if v is None else float(v) for v in column.to_pylist()])
                else:
                    columns.append(sqlite_module.sqlite_batch(pa.record_batch([column], names=[field_.name]))[0])
            connection.executemany(insert, zip(*columns))
        connection.execute("COMMIT")
    for table in TABLES:
        connection.execute("BEGIN")
        sqlite_module._index(db, table)
        connection.execute("COMMIT")
    for name, columns in sqlite_module.FULL_TEXT.items():
        connection.execute("BEGIN")
        sqlite_module._full_text(db, name, columns)
        connection.execute("COMMIT")
    connection.execute("VACUUM")
    connection.close()
    return (folder / DATABASE_NAME).read_bytes()


def _interleaved_batches(folder: Path, rows: int) -> list[tuple]:
    """Every table's rows in batches of ``rows``, the tables taken in turn, as pass 2 hands them over."""
    readers = [(TABLES_BY_NAME[t.name], pq.ParquetFile(folder / f"{t.name}.parquet").iter_batches(batch_size=rows))
               for t in TABLES]
    batches = []
    while readers:
        still = []
        for table, reader in readers:
            batch = next(reader, None)
            if batch is not None:
                batches.append((table, batch))
                still.append((table, reader))
        readers = still
    return batches


@pytest.fixture(scope="module")
def plain(built, tmp_path_factory) -> bytes:
    return _plain_database(_copy_tables(built, tmp_path_factory.mktemp("plain") / "tables"))


def test_the_build_gives_the_plain_bytes(built, plain):
    assert (built / DATABASE_NAME).read_bytes() == plain


@pytest.mark.parametrize("insert_rows", [200, 7])  # 7: rows split unevenly over the INSERTs
def test_many_rows_an_insert_give_the_plain_bytes(built, plain, tmp_path, monkeypatch, insert_rows):
    monkeypatch.setattr(sqlite_module, "INSERT_ROWS", insert_rows)
    folder = _copy_tables(built, tmp_path / "tables")
    write_database(folder)
    assert (folder / DATABASE_NAME).read_bytes() == plain


@pytest.mark.parametrize("writer", [DatabaseWriter, DatabaseProcess])
@pytest.mark.parametrize("batch_rows", [1, 5, 1000])
def test_interleaved_batches_give_the_plain_bytes(built, plain, tmp_path, writer, batch_rows):
    folder = _copy_tables(built, tmp_path / "tables")
    database = writer(folder)
    for table, batch in _interleaved_batches(folder, batch_rows):
        database.add(table, batch if batch_rows % 2 else pa.Table.from_batches([batch]))
    assert database.finish().result() == folder / DATABASE_NAME
    assert (folder / DATABASE_NAME).read_bytes() == plain


def test_a_package_without_rows_gives_the_plain_bytes(tmp_path):
    for name in ("plain", "written"):
        (tmp_path / name).mkdir()
        for table in TABLES:
            pq.write_table(table.arrow_schema().empty_table(), tmp_path / name / f"{table.name}.parquet")
    database = DatabaseProcess(tmp_path / "written")
    assert database.finish().result() == tmp_path / "written" / DATABASE_NAME
    assert (tmp_path / "written" / DATABASE_NAME).read_bytes() == _plain_database(tmp_path / "plain")


def test_a_failing_database_process_fails_with_its_reason(built, tmp_path):
    folder = _copy_tables(built, tmp_path / "tables")
    database = DatabaseProcess(folder)
    answers = pq.read_table(folder / "answers.parquet").slice(0, 1)
    database.add(TABLES_BY_NAME["answers"], answers)
    database.add(TABLES_BY_NAME["answers"], answers)  # the same answer id again: the primary key refuses it
    with pytest.raises(DatabaseFailed, match="UNIQUE constraint failed"):
        database.finish().result()


def test_an_aborted_database_process_stops(built, tmp_path):
    folder = _copy_tables(built, tmp_path / "tables")
    database = DatabaseProcess(folder)
    database.add(TABLES_BY_NAME["answers"], pq.read_table(folder / "answers.parquet"))
    database.abort()
    assert not database._process.is_alive()
