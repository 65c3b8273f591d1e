"""The ``parquet`` and ``rows`` checks of one table: the Parquet file's columns and values meet the
contract, and the CSV and the Parquet copy hold the same rows in the same order."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from ..build.memory import streamed_parquet
from ..tables import TABLES_BY_NAME
from .files import path_in
from .report import BATCH_ROWS, FIRST_ROW, MAX_FAILURES_PER_COLUMN, ValidationReport


def check_table(dist_dir: Path, name: str, csv_resource: dict, parquet_resource: dict, report: ValidationReport) -> None:
    table = TABLES_BY_NAME[name]
    expected = table.arrow_schema()
    csv_path, parquet_path = path_in(dist_dir, csv_resource), path_in(dist_dir, parquet_resource)
    if csv_path is None or parquet_path is None:
        return  # a path that may not be opened: reported by the descriptor check
    if not parquet_path.is_file():
        report.fail("parquet", "file not found", parquet_path.name)
        return
    try:
        parquet = streamed_parquet(parquet_path)
    except Exception as error:
        report.fail("parquet", f"not a readable Parquet file: {error}", parquet_path.name)
        return
    actual = parquet.schema_arrow
    schema_ok = _check_parquet_columns(parquet_path.name, actual, expected, report)
    constraints = _constraints(parquet_resource.get("schema"), table.table_schema())
    # Only columns that exist with the contract's type can be checked for their values.
    checkable = [n for n in expected.names if n in actual.names and actual.field(n).type == expected.field(n).type]

    csv_stream = _CsvRows(csv_path, expected, report) if csv_path.is_file() else None
    if csv_stream is None:
        report.note("rows", f"{name}: {csv_path.name} not found")
    elif not csv_stream.ok:
        csv_stream = None
    compare = schema_ok and csv_stream is not None
    if not schema_ok:
        report.note("rows", f"{name}: not compared, {parquet_path.name} does not have the contract's columns")

    offset = 0
    differed = False
    try:
        batches = parquet.iter_batches(batch_size=BATCH_ROWS, columns=checkable, use_threads=False)
        for batch in batches:
            _check_values(parquet_path.name, batch, offset, constraints, report)
            if compare and not differed:
                other = csv_stream.take(batch.num_rows)
                if other is None:
                    compare = False
                else:
                    differed = _compare(csv_path.name, parquet_path.name, other, batch, offset, report)
                    if other.num_rows < batch.num_rows:
                        differed = True
            offset += batch.num_rows
    except Exception as error:
        report.fail("parquet", f"cannot read row group: {type(error).__name__}: {error}", parquet_path.name, offset + FIRST_ROW)
        return
    parquet_rows = report.parquet_rows[name] = offset
    if csv_stream is not None:
        csv_rows = csv_stream.count_all()
        if csv_rows is not None:
            report.rows[name] = csv_rows
            if csv_rows != parquet_rows:
                report.fail("rows", f"{parquet_path.name} has {parquet_rows} rows, {csv_path.name} has {csv_rows}", parquet_path.name)


def _check_parquet_columns(file: str, actual: pa.Schema, expected: pa.Schema, report: ValidationReport) -> bool:
    ok = True
    for field_ in expected:
        if field_.name not in actual.names:
            report.fail("parquet", f"column {field_.name} ({field_.type}) is missing", file, column=field_.name)
            ok = False
        elif actual.field(field_.name).type != field_.type:
            report.fail("parquet", f"column {field_.name} is {actual.field(field_.name).type}, the contract says {field_.type}", file, column=field_.name)
            ok = False
    for name in actual.names:
        if name not in expected.names:
            report.fail("parquet", f"column {name} is not in the contract", file, column=name)
            ok = False
    if ok and actual.names != expected.names:
        report.fail("parquet", f"columns are in the order {', '.join(actual.names)}; the contract's is {', '.join(expected.names)}", file)
        ok = False
    return ok


@dataclass
class _Constraints:
    column: str
    is_string: bool
    required: bool = False
    enum: list | None = None
    pattern: str | None = None
    min_length: int | None = None
    minimum: float | None = None
    maximum: float | None = None


def _constraints(embedded: Any, fallback: dict[str, Any]) -> dict[str, _Constraints]:
    """The constraints to hold Parquet values to: the embedded Table Schema's, falling back to the contract's."""
    schema = embedded if isinstance(embedded, dict) and isinstance(embedded.get("fields"), list) else fallback
    found = {}
    for spec in schema["fields"]:
        if not isinstance(spec, dict) or "name" not in spec:
            continue
        c = spec.get("constraints") or {}
        found[spec["name"]] = _Constraints(
            spec["name"], spec.get("type") == "string", bool(c.get("required")), c.get("enum"), c.get("pattern"),
            c.get("minLength"), c.get("minimum"), c.get("maximum"),
        )
    return found


def _check_values(file: str, batch: pa.RecordBatch, offset: int, constraints: dict[str, _Constraints], report: ValidationReport) -> None:
    for name in batch.schema.names:
        rule = constraints.get(name)
        if rule is None:
            continue
        column = batch.column(name)
        missing = pc.is_null(column)
        if rule.is_string:  # "" is the Table Schema's missing value
            missing = pc.or_(missing, pc.fill_null(pc.equal(column, ""), False))
        present = pc.invert(missing)
        checks: list[tuple[str, pa.Array]] = []
        if rule.required:
            checks.append(("a value is required", missing))
        if rule.enum is not None:
            checks.append((f"not one of {', '.join(map(str, rule.enum))}", pc.and_(present, pc.invert(pc.fill_null(pc.is_in(column, value_set=pa.array(rule.enum, column.type)), False)))))
        if rule.pattern is not None and rule.is_string:
            matches = pc.fill_null(pc.match_substring_regex(column, f"^(?:{rule.pattern})$"), False)
            checks.append((f"does not match the pattern {rule.pattern}", pc.and_(present, pc.invert(matches))))
        if rule.min_length is not None and rule.is_string:
            checks.append((f"shorter than {rule.min_length} characters", pc.and_(present, pc.fill_null(pc.less(pc.utf8_length(column), rule.min_length), False))))
        if rule.minimum is not None and not rule.is_string:
            checks.append((f"less than the minimum {rule.minimum}", pc.and_(present, pc.fill_null(pc.less(column, pa.scalar(rule.minimum).cast(column.type)), False))))
        if rule.maximum is not None and not rule.is_string:
            checks.append((f"greater than the maximum {rule.maximum}", pc.and_(present, pc.fill_null(pc.greater(column, pa.scalar(rule.maximum).cast(column.type)), False))))
        for reason, violations in checks:
            if not pc.any(violations).as_py():
                continue
            for index in pc.indices_nonzero(violations).to_pylist()[:MAX_FAILURES_PER_COLUMN]:
                value = column[index].as_py()
                report.fail("parquet", f"{reason}" + ("" if value in (None, "") else f": {show(value)}"), file, offset + index + FIRST_ROW, name)


class _CsvRows:
    """A CSV file read as the table's Arrow types, handed out in slices of any length."""

    def __init__(self, path: Path, schema: pa.Schema, report: ValidationReport):
        self.path, self.schema, self.report, self.ok = path, schema, report, True
        self.rows_read = 0  # rows handed out so far
        self._buffer: pa.Table | None = None
        self._exhausted = False
        try:
            self._reader = pa_csv.open_csv(
                path,
                read_options=pa_csv.ReadOptions(block_size=1 << 18, use_threads=False),
                parse_options=pa_csv.ParseOptions(newlines_in_values=True),
                convert_options=pa_csv.ConvertOptions(
                    column_types=schema,
                    null_values=[""], strings_can_be_null=True, quoted_strings_can_be_null=True,
                    true_values=["true"], false_values=["false"],
                ),
            )
        except (pa.ArrowInvalid, KeyError, OSError) as error:
            self._unreadable(error)
            return
        if self._reader.schema.names != schema.names:
            self.ok = False
            report.note("rows", f"{path.name}: not compared, its header differs from the contract (see the csv check)")

    def _unreadable(self, error: Exception) -> None:
        self.ok = False
        self._exhausted = True
        message = str(error).splitlines()[0] if str(error) else type(error).__name__
        row = None
        if match := re.search(r"Row #(\d+)", message):
            row = int(match.group(1))  # pyarrow counts the header as row 1 too
        column = None
        if match := re.search(r"column #(\d+)", message):
            names = self._reader.schema.names if hasattr(self, "_reader") else self.schema.names
            index = int(match.group(1))
            column = names[index] if 0 <= index < len(names) else None
        self.report.fail("rows", f"cannot be read as the contract's column types: {message}", self.path.name, row, column)

    def _pull(self) -> bool:
        if self._exhausted:
            return False
        try:
            batch = self._reader.read_next_batch()
        except StopIteration:
            self._exhausted = True
            return False
        except pa.ArrowInvalid as error:
            self._unreadable(error)
            return False
        table = pa.Table.from_batches([batch])
        self._buffer = table if self._buffer is None else pa.concat_tables([self._buffer, table])
        return True

    def take(self, count: int) -> pa.Table | None:
        """The next ``count`` rows (fewer at the end of the file), or None when the file cannot be read."""
        while (self._buffer is None or self._buffer.num_rows < count) and self._pull():
            pass
        if not self.ok:
            return None
        if self._buffer is None:
            return pa.table({n: pa.array([], t) for n, t in zip(self._reader.schema.names, self._reader.schema.types)})
        taken, self._buffer = self._buffer.slice(0, count), self._buffer.slice(count)
        self.rows_read += taken.num_rows
        return taken

    def count_all(self) -> int | None:
        """Rows in the whole file (those handed out and the rest); None when it cannot be read to the end."""
        if not hasattr(self, "_reader"):
            return None
        count = self.rows_read + (self._buffer.num_rows if self._buffer is not None else 0)
        self._buffer = None
        while not self._exhausted:
            try:
                count += self._reader.read_next_batch().num_rows
            except StopIteration:
                self._exhausted = True
            except pa.ArrowInvalid as error:
                if self.ok:
                    self._unreadable(error)
                return None
        return count


def _compare(csv_file: str, parquet_file: str, csv_rows: pa.Table, batch: pa.RecordBatch, offset: int, report: ValidationReport) -> bool:
    """Compare a CSV slice with a Parquet batch; report the first differing row. True when they differ."""
    length = min(csv_rows.num_rows, batch.num_rows)
    first: int | None = None
    columns: list[str] = []
    for name in batch.schema.names:
        left = csv_rows.column(name).slice(0, length)
        right = batch.column(name).slice(0, length)
        if left.type != right.type:
            left = left.cast(right.type)
        equal = pc.fill_null(pc.equal(left, right), False)
        both_null = pc.and_(pc.is_null(left), pc.is_null(right))
        differ = pc.invert(pc.or_(equal, both_null))
        index = pc.index(differ, True).as_py()
        if index < 0:
            continue
        if first is None or index < first:
            first, columns = index, [name]
        elif index == first:
            columns.append(name)
    if first is None:
        return False
    row = offset + first + FIRST_ROW
    name = columns[0]
    csv_value, parquet_value = csv_rows.column(name)[first].as_py(), batch.column(name)[first].as_py()
    others = f" (and in {', '.join(columns[1:])})" if len(columns) > 1 else ""
    report.fail("rows", f"differs from {csv_file} at row {row}, column {name}{others}: {csv_file} has {show(csv_value)}, "
                f"{parquet_file} has {show(parquet_value)}; the rows after it were not compared", parquet_file, row, name)
    return True


def show(value: Any, limit: int = 60) -> str:
    text = "empty" if value is None else repr(value if not hasattr(value, "isoformat") else value.isoformat())
    return text if len(text) <= limit else text[: limit - 1] + "…"
