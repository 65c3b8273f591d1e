"""The package as one SQLite database, for ``sqlite3`` and ``datasette``, with full-text search.

Every table of :data:`pipeline.tables.TABLES` becomes a SQLite table with the same
columns in the same order, declared types, its primary key, its foreign keys and
indexes on the other keys and on every date column. Answers get an FTS5 index over
their heading, question and answer text (``answers_fts``, external content: the text
is stored once, in ``answers``), which datasette finds on its own.

Values are stored as SQLite has them: text, integers, reals; a date as ISO text
(``2019-07-23``), a boolean as 0 or 1, a missing value as NULL. SQLite has no exact
decimal type, so an exact number (a statistic's value) is stored as the nearest REAL;
the CSV and Parquet files hold it exactly.

The rows are copied a batch at a time, as the build writes them (:class:`DatabaseWriter`)
or from the finished Parquet files (:func:`write_database`), so memory does not grow with
the corpus. The file is byte-reproducible with one SQLite library: no timestamps are
stored, the page size is fixed, each table's rows are inserted in the Parquet order,
indexes and the search index are built after the rows, and the file is vacuumed last.
(SQLite records in the file header the version of the library that wrote it, so another
SQLite version writes other bytes, as another pyarrow does for the Parquet files.)
"""

from __future__ import annotations

import json
import sqlite3
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

import pyarrow as pa
import pyarrow.compute as pc
import sqlite_utils

from ..build.memory import streamed_parquet
from ..tables import DECIMAL, TABLES, Table

DATABASE_NAME = "written_answers.db"
DATASETTE_METADATA_NAME = "datasette-metadata.json"
#: Rows per insert: a few MB of answer text at most.
BATCH_ROWS = 2_000
PAGE_SIZE = 4096
#: Columns of each table indexed for full-text search (those the table has), in this order.
FULL_TEXT = {"answers": ("heading", "question_text", "answer_text")}
#: The porter stemmer: 'schools' finds 'school'.
TOKENIZE = "porter"

#: SQLite's declared type for each Arrow type of the contract.
_SQL_TYPES = {pa.string(): str, pa.int64(): int, pa.float64(): float, DECIMAL: float, pa.bool_(): int, pa.date32(): str}


def fts_table(table: str) -> str:
    return f"{table}_fts"


def write_database(directory: Path) -> Path:
    """Write the database of the Parquet tables in ``directory`` beside them; its path."""
    database = DatabaseWriter(directory)
    try:
        for table in TABLES:
            parquet = streamed_parquet(directory / f"{table.name}.parquet")
            for batch in parquet.iter_batches(batch_size=BATCH_ROWS, columns=table.columns, use_threads=False):
                database.add(table, batch)
        return database.finish().result()
    except BaseException:
        database.abort()
        raise


class DatabaseWriter:
    """The database, written in a thread of its own while the tables' rows are still arriving.

    The build hands it each batch of rows as the batch is written to CSV and Parquet
    (:meth:`add`), so SQLite inserts while the build is still merging and writing, and
    :meth:`finish` is left only the indexes, the search index and the vacuum. Every SQLite
    call is made in the writer's thread; at most ``IN_FLIGHT`` batches wait for it, so a
    slower database holds the build back rather than letting rows pile up in memory.

    The file's bytes do not depend on how the tables' batches were interleaved: a vacuumed
    SQLite file depends only on its schema, its rows and their rowids (the order each
    table's rows were inserted in), and the number of transactions that wrote it, which its
    header counts (see :meth:`_count_transactions`).
    """

    IN_FLIGHT = 4
    #: The peak memory of the process that wrote it, where that is not the build's own (see :mod:`pipeline.build.database`).
    peak_rss_mb: float | None = None

    def __init__(self, directory: Path):
        self.path = Path(directory) / DATABASE_NAME
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pqpub-sqlite")
        self._pending: deque[Future] = deque()
        self._connection: sqlite3.Connection | None = None
        self._tables_with_rows: set[str] = set()
        #: The database being finished, once :meth:`finish` was called.
        self.finished: Future | None = None
        self._aborted = False
        self._run(self._open)

    def add(self, table: Table, rows: pa.RecordBatch | pa.Table) -> None:
        """Insert ``rows`` of ``table`` (in the published schema) after the rows added before them."""
        if rows.num_rows:
            self._run(self._insert, table, rows)

    def finish(self) -> Future:
        """Start the rest (indexes, search index, vacuum); the future's result is the file's path once it is complete.

        An error of an insert is raised here; one of the rest, by the future."""
        try:
            self._wait()
        except BaseException:
            self.abort()
            raise
        self.finished = self._thread.submit(self._finish)
        self._thread.shutdown(wait=False)  # the finishing job runs on; nothing more is submitted
        return self.finished

    def abort(self) -> None:
        """Stop without finishing the file (the build failed; it is discarded with the staging folder)."""
        if self._aborted:
            return
        self._aborted = True
        for job in self._pending:
            job.cancel()
        try:
            self._wait()
        except BaseException:
            pass  # the build failed already; its error is the one to report
        if self.finished is None:
            self._thread.submit(self._close).result()
        self._thread.shutdown(wait=True)

    def _run(self, job, *arguments) -> None:
        """Submit ``job`` to the writer's thread, once fewer than IN_FLIGHT wait; a finished job's error is raised here."""
        while self._pending and (self._pending[0].done() or len(self._pending) >= self.IN_FLIGHT):
            self._pending.popleft().result()
        self._pending.append(self._thread.submit(job, *arguments))

    def _wait(self) -> None:
        while self._pending:
            self._pending.popleft().result()

    # --- in the writer's thread ---

    def _open(self) -> None:
        self.path.unlink(missing_ok=True)
        self._connection = connection = sqlite3.connect(self.path, isolation_level=None)
        # The file is new and in a staging folder: a crash discards it, so no journal is needed.
        connection.execute(f"PRAGMA page_size = {PAGE_SIZE}")
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")
        self._db = sqlite_utils.Database(connection)
        for table in TABLES:
            _create(self._db, table)
        connection.execute("BEGIN")

    def _insert(self, table: Table, rows: pa.RecordBatch | pa.Table) -> None:
        self._tables_with_rows.add(table.name)
        _insert_rows(self._connection, table, rows)

    def _finish(self) -> Path:
        connection, db = self._connection, self._db
        try:
            connection.execute("COMMIT")
            self._count_transactions(len(self._tables_with_rows))
            for table in TABLES:
                with _transaction(connection):
                    _index(db, table)
            for name, columns in FULL_TEXT.items():
                with _transaction(connection):
                    _full_text(db, name, columns)
            connection.execute("VACUUM")
        finally:
            self._close()
        return self.path

    def _count_transactions(self, tables_with_rows: int) -> None:
        """Make the rows' one transaction count as one a table with rows, as the file was always written.

        SQLite's header counts the transactions that wrote the file (its change counter,
        which vacuuming keeps), and the database was written a table to a transaction. A
        transaction that sets the user version to what it is changes nothing else in the file.
        """
        version = self._connection.execute("PRAGMA user_version").fetchone()[0]
        for _ in range(tables_with_rows - 1):
            with _transaction(self._connection):
                self._connection.execute(f"PRAGMA user_version = {int(version)}")

    def _close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


@contextmanager
def _transaction(connection: sqlite3.Connection) -> Iterator[None]:
    """One transaction: committed when the block ends, rolled back when it fails."""
    connection.execute("BEGIN")
    try:
        yield
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def _create(db: sqlite_utils.Database, table: Table) -> None:
    schema = table.arrow_schema()
    db.create_table(
        table.name,
        {f.name: _SQL_TYPES[f.type] for f in schema},
        pk=table.primary_key[0] if len(table.primary_key) == 1 else table.primary_key,
        not_null={f.name for f in schema if not f.nullable},
        foreign_keys=[(_one_or_all(fk.fields), fk.resource, _one_or_all(fk.reference_fields)) for fk in table.foreign_keys],
        column_order=table.columns,
    )


def _one_or_all(columns: tuple[str, ...]) -> str | tuple[str, ...]:
    """A key's column, or its columns where it has several (sqlite-utils takes either)."""
    return columns[0] if len(columns) == 1 else columns


def sqlite_batch(batch: pa.RecordBatch) -> list[list[Any]]:
    """A batch's columns as SQLite values: dates as ISO text, booleans as 0 or 1, exact numbers as the nearest REAL."""
    columns = []
    for field_, column in zip(batch.schema, batch.columns):
        if pa.types.is_decimal(field_.type):
            column = nearest_float(column)
        elif pa.types.is_date(field_.type):
            column = pc.strftime(column, format="%Y-%m-%d")
        elif pa.types.is_boolean(field_.type):
            column = column.cast(pa.int8())
        columns.append(column.to_pylist())
    return columns


def nearest_float(column: pa.Array) -> pa.Array:
    """Exact numbers (decimals) as the nearest double, the value Python's ``float(Decimal)`` gives.

    Arrow's cast from decimal to double may be an ulp off (3 of the 212 values of the seeds'
    statistics). Its decimal's text is exact and its parsing of text correctly rounded, as
    Python's is (``float(Decimal)`` parses ``str(Decimal)``), so the number goes through its
    text: the same doubles, without a Python Decimal per value (a third of the statistics' copy).
    """
    return pc.cast(pc.cast(column, pa.string()), pa.float64())


def _insert_rows(connection: sqlite3.Connection, table: Table, rows: pa.RecordBatch | pa.Table) -> None:
    # The rows go in as parameters of plain INSERTs: sqlite-utils' insert_all takes a dict per
    # row and took three times as long (1.8 s against 0.6 s for 107,000 statistics), which was a
    # third of a 10,000-answer build. The table itself is made by sqlite-utils.
    width = len(table.columns)
    values = _row_major(sqlite_batch(rows))
    step = INSERT_ROWS * width
    for start in range(0, len(values), step):
        some = values[start:start + step]
        connection.execute(_insert(table, len(some) // width), some)


# --- performance: many rows an INSERT, their values laid out by slices -------------------
# sqlite3's executemany steps the statement once a row, taking Python's global lock back after
# each: 300,000 times for 20,000 answers, each a wait while the build's main thread runs Python
# beside the database (comparing with the previous release, hashing, counting). One INSERT of
# INSERT_ROWS rows takes it back once for them all. The rows, their order and their rowids are
# those one INSERT a row gives, in as many transactions, so the vacuumed file has the same bytes
# (checked in tests/test_database_bytes.py). The parameters are laid out row after row by one
# slice assignment a column, not a tuple a row: at 20,000 answers that layout took 0.02 s of
# Python, against 0.69 s for a tuple a row chained into one list.

#: Rows an INSERT, within SQLite's limit on a statement's parameters (32,766) for the widest table.
INSERT_ROWS = 200


def _row_major(columns: list[list[Any]]) -> list[Any]:
    """The values of ``columns`` row after row: the first row's, then the second's."""
    width = len(columns)
    values: list[Any] = [None] * (width * (len(columns[0]) if columns else 0))
    for i, column in enumerate(columns):
        values[i::width] = column
    return values


@lru_cache(maxsize=64)
def _insert(table: Table, rows: int) -> str:
    values = "(" + ", ".join("?" * len(table.columns)) + ")"
    return f"INSERT INTO {_quoted(table.name)} ({', '.join(map(_quoted, table.columns))}) VALUES {', '.join([values] * rows)}"


def _index(db: sqlite_utils.Database, table: Table) -> None:
    """Indexes on foreign keys the primary key does not already lead with, and on every date column."""
    indexed: list[tuple[str, ...]] = []
    for fk in table.foreign_keys:
        if tuple(table.primary_key[: len(fk.fields)]) != fk.fields:
            indexed.append(fk.fields)
    indexed += [(f.name,) for f in table.arrow_schema() if pa.types.is_date(f.type)]
    for columns in dict.fromkeys(indexed):
        db.table(table.name).create_index(list(columns), index_name=f"idx_{table.name}_{'_'.join(columns)}")


def _full_text(db: sqlite_utils.Database, name: str, columns: tuple[str, ...]) -> None:
    present = [c for c in columns if c in db.table(name).columns_dict]
    db.table(name).enable_fts(present, fts_version="FTS5", tokenize=TOKENIZE, create_triggers=False)
    # One b-tree per term instead of the segments the inserts happened to leave.
    db.execute(f"INSERT INTO [{fts_table(name)}]([{fts_table(name)}]) VALUES ('optimize')")


def iter_rows(path: Path, table: Table, batch_rows: int = BATCH_ROWS) -> Iterator[list[tuple]]:
    """The database's rows of ``table`` in stored order, a batch at a time (for the validator)."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        cursor = connection.execute(
            f"SELECT {', '.join(_quoted(c) for c in table.columns)} FROM {_quoted(table.name)} ORDER BY rowid"
        )
        while rows := cursor.fetchmany(batch_rows):
            yield rows
    finally:
        connection.close()


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def datasette_metadata(descriptor: dict[str, Any]) -> dict[str, Any]:
    """datasette's metadata for the database: titles, descriptions, licence and source, per table and column."""
    license_ = descriptor["licenses"][0]
    source = descriptor["sources"][0]
    tables: dict[str, Any] = {}
    for resource in descriptor["resources"]:
        if resource.get("format") != "csv":
            continue
        tables[resource["name"]] = {
            "title": resource["title"],
            "description": resource["description"],
            "columns": {f["name"]: f["description"] for f in resource["schema"]["fields"]},
        }
        if resource["name"] in FULL_TEXT:
            tables[resource["name"]]["fts_table"] = fts_table(resource["name"])
    return {
        "title": descriptor["title"],
        "description": descriptor["description"],
        "license": license_["title"],
        "license_url": license_["path"],
        "source": source["title"],
        "source_url": source["path"],
        "databases": {Path(DATABASE_NAME).stem: {
            "title": descriptor["title"],
            "description": f"Release {descriptor['version']}, contract {descriptor['contractVersion']}.",
            "license": license_["title"],
            "license_url": license_["path"],
            "source": source["title"],
            "source_url": source["path"],
            "tables": tables,
        }},
    }


def write_datasette_metadata(directory: Path, descriptor: dict[str, Any]) -> Path:
    path = directory / DATASETTE_METADATA_NAME
    path.write_text(json.dumps(datasette_metadata(descriptor), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
