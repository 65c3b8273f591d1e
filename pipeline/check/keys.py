"""Primary and foreign keys of the package's CSV files, checked without holding its rows.

frictionless keeps every primary key of a table in memory as a tuple of Python objects,
and for each table with a foreign key it parses the referenced table whole again into a
set; both grow with the corpus (263 MB at 80,000 answers), and ``answers.csv`` is read
once per table that points at it. Here only the key columns are read, with pyarrow, one
block of the file at a time:

- a primary key becomes one dense integer code per column and row (4 bytes each; the
  distinct values of each column are kept once, to number them), sorted once: equal
  neighbours are duplicate keys;
- a foreign key's referenced values are kept once, as one Arrow array of distinct values,
  and each block of the referencing file is looked up in it.

The outcome and the messages are frictionless's: a row whose key cells are all empty
violates the primary key; a duplicate is reported at its later row, naming the row before
it with the same key; an empty foreign key is allowed; a value that is not of its column's
type counts as empty, since frictionless reports it as a type error. Row numbers count the
header as row 1 and every row after it, blank ones included, as frictionless does.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Protocol

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

#: Bytes of CSV text parsed at a time: large enough that per-block costs (one hash table of
#: the referenced values per lookup) stay small, small enough to be a few MB of key columns.
BLOCK_SIZE = 1 << 19
#: Rows of a referencing file looked up at once.
LOOKUP_ROWS = 1 << 16
FIRST_ROW = 2
_INTEGER = re.compile(r"^[+-]?[0-9]+$")


class Failures(Protocol):
    """Where located failures go; ``limit`` is how many of one file and column are worth formatting."""

    limit: int

    def fail(self, reason: str, file: str, row: int | None = None, column: str | None = None) -> None: ...

    def count(self, file: str, column: str | None, failures: int) -> None: ...


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    resource: str
    reference_fields: tuple[str, ...]


@dataclass
class KeyedFile:
    """One CSV resource as its Table Schema describes its keys."""

    name: str
    path: Path
    types: dict[str, str]  # Table Schema type of each field
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()

    @property
    def file(self) -> str:
        return self.path.name

    @classmethod
    def from_resource(cls, resource: dict, path: Path) -> "KeyedFile":
        schema = resource.get("schema") if isinstance(resource.get("schema"), dict) else {}
        fields = schema.get("fields") if isinstance(schema.get("fields"), list) else []
        types = {f["name"]: f.get("type", "string") for f in fields if isinstance(f, dict) and "name" in f}
        primary_key = schema.get("primaryKey") or ()
        foreign_keys = []
        for spec in schema.get("foreignKeys") or ():
            if not isinstance(spec, dict) or not isinstance(spec.get("reference"), dict):
                continue  # frictionless rejects such a schema, and the contract check names it
            reference = spec["reference"]
            foreign_keys.append(ForeignKey(_names(spec.get("fields")), reference.get("resource") or resource.get("name"), _names(reference.get("fields"))))
        return cls(resource.get("name"), path, types, _names(primary_key), tuple(foreign_keys))


def _names(value) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value or ())


def check_keys(files: list[KeyedFile], failures: Failures) -> None:
    """Check every file's primary key and foreign keys, reading each file once where its
    own keys and the values other files refer to can be collected in the same pass."""
    by_name = {f.name: f for f in files}
    wanted: dict[str, set[tuple[str, ...]]] = {}
    for keyed in files:
        for fk in keyed.foreign_keys:
            wanted.setdefault(fk.resource, set()).add(fk.reference_fields)
    referenced: dict[tuple[str, tuple[str, ...]], pa.Array | None] = {}
    for keyed in files:
        lookups = {}
        for fk in keyed.foreign_keys:
            if (fk.resource, fk.reference_fields) not in referenced and fk.resource != keyed.name:
                target = by_name.get(fk.resource)
                # A file further down the descriptor is read first, for those columns alone.
                referenced.update(_read_referenced(target, {fk.reference_fields}, failures) if target else {(fk.resource, fk.reference_fields): None})
            lookups[fk] = referenced.get((fk.resource, fk.reference_fields))
        collected = _check_file(keyed, wanted.get(keyed.name, set()), lookups, failures)
        referenced.update(collected)


def _read_referenced(keyed: KeyedFile, key_sets: set[tuple[str, ...]], failures: Failures) -> dict:
    return _check_file(keyed, key_sets, {}, failures, own_keys=False)


# --- one pass over one file ------------------------------------------------------------


def _check_file(keyed: KeyedFile, key_sets: set[tuple[str, ...]], lookups: dict, failures: Failures, *, own_keys: bool = True) -> dict:
    """Read the key columns of one file: check its primary key and foreign keys (when
    ``own_keys``), and return the distinct values of each of ``key_sets``."""
    header = _header(keyed.path)
    if header is None:
        return {(keyed.name, k): None for k in key_sets}  # unreadable or empty: frictionless says why
    present = set(header)
    primary_key = keyed.primary_key if own_keys and keyed.primary_key and set(keyed.primary_key) <= present else ()
    # A key whose columns are not all in the header was reported as a missing label.
    foreign_keys = [fk for fk in keyed.foreign_keys if set(fk.fields) <= present] if own_keys else []
    collect = {k: [] for k in key_sets if set(k) <= present}
    columns = sorted(set(primary_key).union(*(fk.fields for fk in foreign_keys), *collect), key=header.index)
    result: dict = {(keyed.name, k): None for k in key_sets}
    if not columns:
        return result
    reader = _KeyReader(keyed, columns)
    unique = _Uniqueness(primary_key) if primary_key else None
    for fk in foreign_keys:
        if lookups.get(fk) is None and fk.resource != keyed.name:
            failures.fail(f"[foreign-key] not checked: the values of {', '.join(fk.reference_fields)} in {fk.resource} could not be read",
                          keyed.file, None, ", ".join(fk.fields))
    self_references = [fk for fk in foreign_keys if fk.resource == keyed.name]
    checked = [fk for fk in foreign_keys if fk.resource != keyed.name and lookups.get(fk) is not None]
    referencing = sorted({c for fk in foreign_keys for c in fk.fields}, key=header.index)
    pending = _Pending()  # blocks not yet looked up: each lookup hashes all the referenced values once
    kept: list[tuple[int, pa.RecordBatch]] = []  # a file that refers to itself is looked up once it is read
    try:
        for offset, batch in reader.batches():
            if unique is not None:
                unique.add(batch)
            for key, parts in collect.items():
                values = _joined(batch, key)
                parts.append(pc.unique(values.filter(pc.is_valid(values))))
            if referencing:
                pending.add(offset, batch.select(referencing))
            if pending.rows >= LOOKUP_ROWS or (pending.rows and self_references):
                start, rows = pending.take()
                for fk in checked:
                    _check_references(keyed, reader, fk, lookups[fk], rows, start, failures)
                if self_references:
                    kept.append((start, rows))
    except (pa.ArrowInvalid, OSError) as error:
        message = str(error).splitlines()[0] if str(error) else type(error).__name__
        row = int(match.group(1)) if (match := re.search(r"Row #(\d+)", message)) else None
        failures.fail(f"[keys] the key columns could not be read, so the keys were checked only up to here: {message}", keyed.file, row)
        return result
    if pending.rows:
        start, rows = pending.take()
        for fk in checked:
            _check_references(keyed, reader, fk, lookups[fk], rows, start, failures)
    for key, parts in collect.items():
        values = pa.concat_arrays(parts) if parts else pa.array([], pa.string())
        result[(keyed.name, key)] = pc.unique(values) if len(values) else values
    if unique is not None:
        unique.report(keyed, reader, failures)
    for fk in self_references:
        lookup = result.get((keyed.name, fk.reference_fields))
        if lookup is None:
            failures.fail(f"[foreign-key] not checked: the values of {', '.join(fk.reference_fields)} in {keyed.name} could not be read", keyed.file, None, ", ".join(fk.fields))
            continue
        for start, rows in kept:
            _check_references(keyed, reader, fk, lookup, rows, start, failures)
    return result


def _header(path: Path) -> list[str] | None:
    try:
        with path.open(encoding="utf-8", newline="") as stream:
            return next(csv.reader(stream), None)
    except (OSError, UnicodeDecodeError, csv.Error):
        return None


class _KeyReader:
    """The key columns of a CSV, typed as the Table Schema says, one block at a time."""

    def __init__(self, keyed: KeyedFile, columns: list[str]):
        self.keyed, self.columns = keyed, columns
        #: Row numbers of rows with the wrong number of cells: frictionless reports those, and
        #: pyarrow cannot read them, so they are left out and the row numbers after them kept.
        self.skipped: list[int] = []

    def _skip(self, row) -> str:
        if row.number is not None:
            self.skipped.append(row.number)
        return "skip"

    def batches(self) -> Iterator[tuple[int, pa.RecordBatch]]:
        reader = pa_csv.open_csv(
            self.keyed.path,
            read_options=pa_csv.ReadOptions(block_size=BLOCK_SIZE, use_threads=False),
            parse_options=pa_csv.ParseOptions(newlines_in_values=True, ignore_empty_lines=False, invalid_row_handler=self._skip),
            convert_options=pa_csv.ConvertOptions(
                include_columns=self.columns, column_types={c: pa.string() for c in self.columns},
                null_values=[""], strings_can_be_null=True, quoted_strings_can_be_null=True,
            ),
        )
        offset = 0
        for batch in reader:
            typed = [_typed(batch.column(c), self.keyed.types.get(c, "string")) for c in self.columns]
            yield offset, pa.RecordBatch.from_arrays(typed, names=self.columns)
            offset += batch.num_rows

    def row(self, index: int) -> int:
        """The row number (header = 1) of the ``index``-th row read."""
        row = index + FIRST_ROW
        for skipped in self.skipped:
            if skipped > row:
                break
            row += 1
        return row


def _typed(column: pa.Array, type_: str) -> pa.Array:
    """Integer columns as integers, so that keys compare as frictionless's typed values do;
    a cell that is not an integer is empty (frictionless reports it as a type error)."""
    if type_ != "integer":
        return column
    try:
        return pc.cast(column, pa.int64())
    except pa.ArrowInvalid:
        integers = pc.fill_null(pc.match_substring_regex(column, _INTEGER.pattern), False)
        return pc.cast(pc.if_else(integers, column, pa.scalar(None, pa.string())), pa.int64())


def _joined(batch: pa.RecordBatch, key: tuple[str, ...]) -> pa.Array:
    """One comparable value per row for a key of one or several columns; null where every cell is empty."""
    if len(key) == 1:
        return batch.column(key[0])
    parts = [pc.cast(batch.column(c), pa.string()) for c in key]
    joined = pc.binary_join_element_wise(*parts, "\x1f", null_handling="replace", null_replacement="\x00")
    all_empty = pc.is_null(parts[0])
    for part in parts[1:]:
        all_empty = pc.and_(all_empty, pc.is_null(part))
    return pc.if_else(all_empty, pa.scalar(None, pa.string()), joined)


# --- foreign keys ----------------------------------------------------------------------


class _Pending:
    """Consecutive blocks of a file's foreign-key columns, gathered into one lookup."""

    def __init__(self):
        self.start, self.rows, self.batches = 0, 0, []

    def add(self, offset: int, batch: pa.RecordBatch) -> None:
        if not self.batches:
            self.start = offset
        self.batches.append(batch)
        self.rows += batch.num_rows

    def take(self) -> tuple[int, pa.RecordBatch]:
        table = pa.Table.from_batches(self.batches).combine_chunks()
        taken = (self.start, table.to_batches()[0] if table.num_rows else pa.RecordBatch.from_pylist([], schema=table.schema))
        self.rows, self.batches = 0, []
        return taken


def _check_references(keyed: KeyedFile, reader: _KeyReader, fk: ForeignKey, lookup: pa.Array,
                      batch: pa.RecordBatch, offset: int, failures: Failures) -> None:
    values = _joined(batch, fk.fields)
    if values.type != lookup.type:
        values, lookup = pc.cast(values, pa.string()), pc.cast(lookup, pa.string())
    unresolved = pc.and_(pc.is_valid(values), pc.invert(pc.is_in(values, value_set=lookup)))
    if not pc.any(unresolved).as_py():
        return
    column = ", ".join(fk.fields)
    indices = pc.indices_nonzero(unresolved).to_pylist()
    for index in indices[: failures.limit]:
        cells = ", ".join(str(batch.column(c)[index].as_py()) for c in fk.fields)
        row = reader.row(offset + index)
        failures.fail(f'[foreign-key] Row at position "{row}" violates the foreign key: for "{column}": values "{cells}" '
                      f'not found in the lookup table "{fk.resource}" as "{", ".join(fk.reference_fields)}"', keyed.file, row, column)
    failures.count(keyed.file, column, len(indices) - min(len(indices), failures.limit))


# --- primary keys ----------------------------------------------------------------------


@dataclass
class _Uniqueness:
    """A primary key's values as dense integer codes, one int32 array per column (-1 = empty)."""

    columns: tuple[str, ...]
    numbering: list[dict] = field(default_factory=list)
    codes: list[list[np.ndarray]] = field(default_factory=list)

    def __post_init__(self):
        self.numbering = [{} for _ in self.columns]
        self.codes = [[] for _ in self.columns]

    def add(self, batch: pa.RecordBatch) -> None:
        for numbering, parts, name in zip(self.numbering, self.codes, self.columns):
            encoded = pc.dictionary_encode(batch.column(name))
            distinct = encoded.dictionary.to_pylist()
            # -1 last, so that an empty cell's index (-1) picks it.
            lookup = np.fromiter((numbering.setdefault(v, len(numbering)) for v in distinct), np.int64, len(distinct))
            lookup = np.append(lookup, -1)
            parts.append(lookup[pc.fill_null(encoded.indices, -1).to_numpy()].astype(np.int32))

    def report(self, keyed: KeyedFile, reader: _KeyReader, failures: Failures) -> None:
        self.numbering = []  # the distinct values are not needed to compare codes
        columns = [np.concatenate(parts) if parts else np.empty(0, np.int32) for parts in self.codes]
        self.codes = []
        if not len(columns[0]):
            return
        label = ", ".join(self.columns)
        empty = np.logical_and.reduce([c == -1 for c in columns])
        found: list[tuple[int, str]] = []
        for index in np.flatnonzero(empty)[: failures.limit]:
            found.append((int(index), 'cells composing the primary keys are all "None"'))
        empties = int(empty.sum())
        # lexsort is stable: rows with the same key stay in file order, so each duplicate's
        # neighbour before it in the sort is the row before it with that key.
        order = np.lexsort(columns[::-1])
        same = np.ones(len(order) - 1, bool)
        for column in columns:
            ordered = column[order]
            same &= ordered[1:] == ordered[:-1]
            del ordered
        same &= ~empty[order[1:]]
        later, earlier = order[1:][same], order[:-1][same]
        del order, same, columns
        ranked = np.argsort(later, kind="stable")[: failures.limit]
        for index in ranked:
            found.append((int(later[index]), f"the same as in the row at position {reader.row(int(earlier[index]))}"))
        for index, note in sorted(found)[: failures.limit]:
            row = reader.row(index)
            failures.fail(f'[primary-key] Row at position "{row}" violates the primary key: {note}', keyed.file, row, label)
        failures.count(keyed.file, label, empties + len(later) - min(len(found), failures.limit))
