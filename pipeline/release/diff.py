"""What changed between two releases of the package (``pqpub diff OLD_DIST NEW_DIST``).

Rows are matched by their table's primary key, as each package's descriptor declares
it: a key only in the new package is a row added, one only in the old a row removed,
and a key in both whose values differ (in the columns both packages have) a row
changed, counted by column. Answers are listed by id; the other tables are counted.

Both packages are read from their Parquet files a batch at a time. Where both hold the
same keys in the same order (a rebuild in which some answers changed, none were added or
removed), the rows are compared column by column in Arrow (:func:`_aligned_diff`), with
no Python value per row. Otherwise the first pass keeps two 64-bit hashes a row (its key's and its values'); the second reads again only the
rows added, removed or changed, to name them and the columns that changed. (Python's
hash is only compared within one run, so it need not be stable across runs; two
different rows with the same 64-bit hash, about one chance in 10^12 for a million rows,
would be taken as unchanged.)
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ..build.memory import streamed_parquet

#: Rows read at a time.
BATCH_ROWS = 8_192
#: Changed rows whose columns are compared at a time (see :func:`_changed_columns`).
CHANGED_CHUNK = 50_000
#: The table whose added, removed and changed rows are listed by key.
LISTED_TABLE = "answers"


@dataclass
class TableDiff:
    name: str
    key: list[str]
    old_rows: int = 0
    new_rows: int = 0
    added: int = 0
    removed: int = 0
    changed: int = 0
    #: Column -> rows in which it changed.
    fields: dict[str, int] = field(default_factory=dict)
    columns_added: list[str] = field(default_factory=list)
    columns_removed: list[str] = field(default_factory=list)
    #: False where only the rows were counted (the rows were not compared).
    compared: bool = True
    #: For the listed table: the keys of rows added and removed, and each changed row's changed columns.
    added_keys: list[str] = field(default_factory=list)
    removed_keys: list[str] = field(default_factory=list)
    changed_keys: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class PackageDiff:
    old: dict[str, Any]
    new: dict[str, Any]
    tables: dict[str, TableDiff]

    @property
    def answers(self) -> TableDiff | None:
        return self.tables.get(LISTED_TABLE)

    def to_dict(self) -> dict[str, Any]:
        """Everything, for scripts (``--json``)."""
        answers = self.answers
        return {
            "from": self.old,
            "to": self.new,
            "tables": {name: _counts(t) for name, t in self.tables.items()},
            "answers": {
                "added": answers.added_keys if answers else [],
                "removed": answers.removed_keys if answers else [],
                "changed": answers.changed_keys if answers else {},
            },
        }

    def summary(self, listed: int = 20) -> dict[str, Any]:
        """What the descriptor records (``changes``): the counts, and the first ``listed`` answers of each kind."""
        answers = self.answers
        return {
            "from": self.old,
            "tables": {name: _counts(t) for name, t in self.tables.items()},
            "answers": {
                "added": answers.added_keys[:listed] if answers else [],
                "removed": answers.removed_keys[:listed] if answers else [],
                "changed": list(answers.changed_keys)[:listed] if answers else [],
            },
        }

    @property
    def unchanged(self) -> bool:
        return not any(t.added or t.removed or t.changed or t.columns_added or t.columns_removed
                       or (not t.compared and t.old_rows != t.new_rows) for t in self.tables.values())


def _counts(table: TableDiff) -> dict[str, Any]:
    return {
        "old_rows": table.old_rows, "new_rows": table.new_rows,
        "added": table.added, "removed": table.removed, "changed": table.changed,
        "fields": table.fields, "columns_added": table.columns_added, "columns_removed": table.columns_removed,
        "compared": table.compared,
    }


def read_descriptor(directory: Path) -> dict[str, Any]:
    path = Path(directory) / "datapackage.json"
    if not path.is_file():
        raise FileNotFoundError(f"no datapackage.json in {directory}")
    return json.loads(path.read_text(encoding="utf-8"))


def release_of(descriptor: dict[str, Any]) -> dict[str, Any]:
    """The release a descriptor describes. (Before the data version was recorded, ``version`` was the contract's.)"""
    return {"version": descriptor.get("version"), "contractVersion": descriptor.get("contractVersion", descriptor.get("version"))}


def _tables(descriptor: dict[str, Any]) -> dict[str, tuple[str, list[str], str | None]]:
    """Table name -> (Parquet file, primary key, the CSV's hash), from the descriptor's resources."""
    found = {}
    resources = [r for r in descriptor.get("resources", []) if isinstance(r, dict)]
    for resource in resources:
        if resource.get("format") != "csv":
            continue
        parquet = next((r for r in resources if r.get("format") == "parquet" and r.get("name") == f"{resource['name']}-parquet"), None)
        if parquet is not None:
            found[resource["name"]] = (parquet["path"], list(resource.get("schema", {}).get("primaryKey", [])), resource.get("hash"))
    return found


def diff_packages(old_dir: Path, new_dir: Path, old: dict[str, Any] | None = None, new: dict[str, Any] | None = None,
                  compare: tuple[str, ...] | None = None, listed: int | None = None) -> PackageDiff:
    """What changed from the package in ``old_dir`` to the one in ``new_dir`` (descriptors read from them unless given).

    The rows of the tables named in ``compare`` (default: every table) are compared; the others' are only counted.
    At most ``listed`` answers of each kind are named (default: all); all are counted.
    """
    old_dir, new_dir = Path(old_dir), Path(new_dir)
    old = old if old is not None else read_descriptor(old_dir)
    new = new if new is not None else read_descriptor(new_dir)
    old_tables, new_tables = _tables(old), _tables(new)
    tables = {}
    for name in [*new_tables, *(n for n in old_tables if n not in new_tables)]:
        old_file = old_dir / old_tables[name][0] if name in old_tables else None
        new_file = new_dir / new_tables[name][0] if name in new_tables else None
        key = (new_tables.get(name) or old_tables[name])[1]
        if old_file and new_file and old_tables[name][2] and old_tables[name][2] == new_tables[name][2]:
            # The same CSV bytes are the same rows: only counted.
            rows = pq.ParquetFile(new_file).metadata.num_rows
            tables[name] = TableDiff(name, key, old_rows=rows, new_rows=rows)
            continue
        if compare is not None and name not in compare:
            tables[name] = TableDiff(name, key, old_rows=_count(old_file), new_rows=_count(new_file), compared=False)
            continue
        tables[name] = _diff_table(name, key, old_file, new_file, listed)
    return PackageDiff(release_of(old), release_of(new), tables)


def _count(path: Path | None) -> int:
    return pq.ParquetFile(path).metadata.num_rows if path is not None else 0


def _columns(path: Path | None) -> list[str]:
    return pq.ParquetFile(path).schema_arrow.names if path is not None else []


def _rows(path: Path, columns: list[str]) -> Iterator[list[tuple]]:
    """The rows of ``columns``, a batch at a time, as tuples."""
    for batch in streamed_parquet(path).iter_batches(batch_size=BATCH_ROWS, columns=columns, use_threads=False):
        yield list(zip(*(column.to_pylist() for column in batch.columns)))


def _hashes(path: Path | None, key: list[str], values: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Each row's key hash and values hash."""
    if path is None:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    keys: list[np.ndarray] = []
    rows: list[np.ndarray] = []
    width = len(key)
    for batch in _rows(path, [*key, *values]):
        # One array per batch: a Python int per row would cost about 30 times as much memory.
        keys.append(np.fromiter((hash(row[:width]) for row in batch), dtype=np.int64, count=len(batch)))
        rows.append(np.fromiter((hash(row[width:]) for row in batch), dtype=np.int64, count=len(batch)))
    if not keys:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    return np.concatenate(keys), np.concatenate(rows)


def _diff_table(name: str, key: list[str], old_file: Path | None, new_file: Path | None, limit: int | None = None) -> TableDiff:
    old_columns, new_columns = _columns(old_file), _columns(new_file)
    result = TableDiff(name, key)
    if old_file is not None and new_file is not None:
        result.columns_added = [c for c in new_columns if c not in old_columns]
        result.columns_removed = [c for c in old_columns if c not in new_columns]
    values = [c for c in new_columns if c in old_columns and c not in key] if old_file and new_file else []
    if old_file is not None and new_file is not None and _aligned_diff(result, old_file, new_file, key, values, limit):
        return result
    old_keys, old_values = _hashes(old_file, key, values)
    new_keys, new_values = _hashes(new_file, key, values)
    result.old_rows, result.new_rows = len(old_keys), len(new_keys)

    order = np.argsort(old_keys, kind="stable")
    sorted_keys, sorted_values = old_keys[order], old_values[order]
    position = np.searchsorted(sorted_keys, new_keys).clip(0, max(len(sorted_keys) - 1, 0))
    in_old = (sorted_keys[position] == new_keys) if len(sorted_keys) else np.zeros(len(new_keys), bool)
    added = ~in_old
    changed = in_old & (sorted_values[position] != new_values) if len(sorted_keys) else np.zeros(len(new_keys), bool)
    removed = ~np.isin(old_keys, new_keys)
    result.added, result.removed, result.changed = int(added.sum()), int(removed.sum()), int(changed.sum())

    listed = name == LISTED_TABLE
    if listed and result.added:
        result.added_keys = _keys_where(new_file, key, set(new_keys[added].tolist()), limit)
    if listed and result.removed:
        result.removed_keys = _keys_where(old_file, key, set(old_keys[removed].tolist()), limit)
    if result.changed:
        _changed_columns(result, old_file, new_file, key, values, new_keys[changed], listed, limit)
    return result


# --- performance: the rows of two files holding the same keys in the same order ---------
# A rebuild changes a few rows and keeps every key where it was: the rows are then compared
# column by column in Arrow, without the Python value and hash of every cell that the general
# comparison needs (that took 3.5 s for 20,000 answers, the most of a rebuild's diff). The
# result is the one the general comparison gives; where the keys are not the same, in the same
# order and distinct, the general comparison runs instead.


def _aligned_batches(old_file: Path, new_file: Path, columns: list[str]) -> Iterator[tuple[pa.RecordBatch, pa.RecordBatch]]:
    """The rows of both files, in pairs of batches of the same rows (the files' row groups may differ)."""
    old_batches = streamed_parquet(old_file).iter_batches(batch_size=BATCH_ROWS, columns=columns, use_threads=False)
    new_batches = streamed_parquet(new_file).iter_batches(batch_size=BATCH_ROWS, columns=columns, use_threads=False)
    old = new = None
    while True:
        if old is None or not old.num_rows:
            old = next(old_batches, None)
        if new is None or not new.num_rows:
            new = next(new_batches, None)
        if old is None or new is None:
            return
        rows = min(old.num_rows, new.num_rows)
        yield old.slice(0, rows), new.slice(0, rows)
        old, new = old.slice(rows), new.slice(rows)


def _differs(old: pa.Array, new: pa.Array) -> np.ndarray:
    """Rows whose values differ, as Python's equality of their values has it (a null equals only a null).

    NaN differs from NaN in both: Python hashes each NaN float by its identity."""
    if old.equals(new):
        return np.zeros(len(new), bool)
    same = pc.or_kleene(pc.equal(old, new), pc.and_(pc.is_null(old), pc.is_null(new)))
    return ~pc.fill_null(same, False).to_numpy(zero_copy_only=False)


def _aligned_diff(result: TableDiff, old_file: Path, new_file: Path, key: list[str], values: list[str], limit: int | None) -> bool:
    """Compare two files holding the same distinct keys in the same order into ``result``; False (and ``result``
    untouched) where they do not."""
    rows = _count(old_file)
    if not key or rows != _count(new_file):
        return False
    listed = result.name == LISTED_TABLE
    counts = dict.fromkeys(values, 0)
    changed = 0
    changed_keys: dict[str, list[str]] = {}
    key_columns: list[pa.RecordBatch] = []
    for old, new in _aligned_batches(old_file, new_file, [*key, *values]):
        if not all(old.column(k).equals(new.column(k)) for k in key):
            return False
        key_columns.append(new.select(key))
        by_column = {c: _differs(old.column(c), new.column(c)) for c in values}
        row_changed = np.logical_or.reduce(list(by_column.values())) if values else np.zeros(new.num_rows, bool)
        if not row_changed.any():
            continue
        changed += int(row_changed.sum())
        for column, differs in by_column.items():
            counts[column] += int(differs.sum())
        if listed and (limit is None or len(changed_keys) < limit):
            where = np.flatnonzero(row_changed)
            key_rows = zip(*(new.column(k).take(pa.array(where)).to_pylist() for k in key))
            for row, position in zip(key_rows, where):
                if limit is not None and len(changed_keys) >= limit:
                    break
                changed_keys[_key_text(row)] = [c for c in values if by_column[c][position]]
    # Keys that repeat would be matched differently by the general comparison: leave it to that.
    if rows and pa.Table.from_batches(key_columns).group_by(key).aggregate([]).num_rows != rows:
        return False
    result.old_rows = result.new_rows = rows
    result.changed = changed
    result.fields = {c: n for c, n in counts.items() if n}
    result.changed_keys = changed_keys
    return True


def _key_text(row: tuple) -> str:
    return "|".join("" if v is None else str(v) for v in row)


def _keys_where(path: Path, key: list[str], wanted: set[int], limit: int | None) -> list[str]:
    found: list[str] = []
    for batch in _rows(path, key):
        found += [_key_text(row) for row in batch if hash(row) in wanted]
        if limit is not None and len(found) >= limit:
            return found[:limit]
    return found


def _changed_columns(result: TableDiff, old_file: Path, new_file: Path, key: list[str], values: list[str], wanted: np.ndarray,
                     listed: bool, limit: int | None) -> None:
    """Which columns changed in the changed rows: one hash per column of each, compared.

    The old rows' column hashes are held for CHANGED_CHUNK changed rows at a time (the files
    are read again for each chunk), so that memory stays bounded however many rows changed.
    """
    width = len(key)
    counts = dict.fromkeys(values, 0)
    for start in range(0, len(wanted), CHANGED_CHUNK):
        chunk = set(wanted[start:start + CHANGED_CHUNK].tolist())
        old_values: dict[int, tuple[int, ...]] = {}
        for batch in _rows(old_file, [*key, *values]):
            for row in batch:
                if (h := hash(row[:width])) in chunk:
                    old_values[h] = tuple(hash(v) for v in row[width:])
        for batch in _rows(new_file, [*key, *values]):
            for row in batch:
                h = hash(row[:width])
                if h not in chunk:
                    continue
                columns = [c for c, before, now in zip(values, old_values[h], row[width:]) if before != hash(now)]
                for column in columns:
                    counts[column] += 1
                if listed and (limit is None or len(result.changed_keys) < limit):
                    result.changed_keys[_key_text(row[:width])] = columns
    result.fields = {c: n for c, n in counts.items() if n}


def render(diff: PackageDiff) -> list[str]:
    """The diff for people, one line each."""
    lines = [f"from {diff.old['version']} (contract {diff.old['contractVersion']}) to {diff.new['version']} (contract {diff.new['contractVersion']})"]
    for name, table in diff.tables.items():
        line = f"{name}: {table.old_rows} -> {table.new_rows} rows"
        line += f"; {table.added} added, {table.removed} removed, {table.changed} changed" if table.compared else " (counted, not compared)"
        if table.fields:
            line += " (" + ", ".join(f"{c} {n}" for c, n in table.fields.items()) + ")"
        if table.columns_added or table.columns_removed:
            line += f"; columns added: {', '.join(table.columns_added) or 'none'}, removed: {', '.join(table.columns_removed) or 'none'}"
        lines.append(line)
    if answers := diff.answers:
        lines += [f"  added answer {k}" for k in answers.added_keys]
        lines += [f"  removed answer {k}" for k in answers.removed_keys]
        lines += [f"  changed answer {k}: {', '.join(columns)}" for k, columns in answers.changed_keys.items()]
    return lines
