"""What one seed yields, as rows: the shape shared by the workers, the cache and the writers.

A row is a plain tuple in the table's column order, with dates as days since 1970 and
exact numbers as their digits, so that it is small, holds only JSON and Arrow scalar types,
and becomes an Arrow column without conversion (the writer casts the digits to the exact
decimal type). In a chunk's Arrow batches, rows derived from one answer also carry the
answer's ordinal in its chunk (the column :data:`ORDINAL`, never published; a worker keeps
it beside its rows until then): it is how pass 2 finds every row of an
answer whose sources must be merged, and puts the merged rows back where they belong.
"""

from __future__ import annotations

from datetime import date
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Callable, NamedTuple

import pyarrow as pa

from ..extract import ExtractedAnswer
from ..extract.quality import holding_unreplaced_flag
from ..extract.seed import SeedAnswer, extract_seed
from ..model import Attachment, GroupedQuestion, PageAnswer
from ..sources import SeedReading
from ..tables import TABLES, TABLES_BY_NAME

#: Tables with rows derived from one answer, in the order a seed entry holds them.
ANSWER_TABLES = ("answers", "grouped_questions", "statistics", "references", "quality", "attachments")
#: Internal column: the answer's ordinal in its chunk. Never published.
ORDINAL = "__answer"
EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
#: PageAnswer fields published in tables of their own, rebuilt from those rows when sources are merged.
PAGE_LISTS = ("grouped_uins", "grouped_tabled_dates", "attachments")
#: PageAnswer fields the answers table does not publish, kept to rebuild a page when sources are merged.
PAGE_EXTRAS = tuple(
    n for n in PageAnswer.model_fields if n not in TABLES_BY_NAME["answers"].columns and n not in PAGE_LISTS
)


class _RowShape(NamedTuple):
    values: Callable[[dict], tuple]  # a record's values in column order
    dates: tuple[int, ...]  # indexes of date columns
    decimals: tuple[int, ...] = ()  # indexes of exact-number columns, kept as their digits until the writer's cast


def _shape(table) -> _RowShape:
    columns = tuple(table.columns)
    pick = itemgetter(*columns) if len(columns) > 1 else (lambda values, c=columns[0]: (values[c],))
    schema = table.arrow_schema()
    return _RowShape(
        pick,
        tuple(i for i, f in enumerate(schema) if f.type == pa.date32()),
        tuple(i for i, f in enumerate(schema) if pa.types.is_decimal(f.type)),
    )


_SHAPES = {t.name: _shape(t) for t in TABLES}


# --- performance: one converter per table ---------------------------------------------------
# An answer yields about fourteen rows; a converter made once per table, called directly, spares
# each row the look-ups of its table's shape (about 0.25 us a row, 3 us an answer).


def _converter(shape: _RowShape) -> Callable[[object], tuple]:
    pick, dates, decimals = shape
    if not dates and not decimals:
        # A model instance holds every field in its __dict__, whether validated or constructed.
        return lambda record: pick(getattr(record, "__dict__", record))

    def convert(record) -> tuple:
        row = list(pick(getattr(record, "__dict__", record)))
        for i in dates:
            if row[i] is not None:
                row[i] = row[i].toordinal() - EPOCH_ORDINAL
        for i in decimals:
            if row[i] is not None and not isinstance(row[i], str):
                row[i] = str(row[i])
        return tuple(row)

    return convert


_ROW_OF = {name: _converter(shape) for name, shape in _SHAPES.items()}


def _row(table: str, record) -> tuple:
    return _ROW_OF[table](record)


def answer_rows(extracted: ExtractedAnswer) -> dict[str, list[tuple]]:
    """The rows one answer yields in each answer table, before cited questions are resolved."""
    answer_id = extracted.answer.answer_id
    flags = list(extracted.quality)
    if extracted.answer.is_holding_answer:
        flags.append(holding_unreplaced_flag(answer_id))
    grouped_dates = dict(extracted.grouped_tabled_dates)
    statistic_row, reference_row, flag_row = _ROW_OF["statistics"], _ROW_OF["references"], _ROW_OF["quality"]
    return {
        "answers": [_row("answers", extracted.answer)],
        "grouped_questions": [_row("grouped_questions", GroupedQuestion.model_construct(answer_id=answer_id, grouped_uin=uin, grouped_tabled_date=grouped_dates.get(uin)))
                              for uin in extracted.grouped_uins],
        "statistics": [statistic_row(s) for s in extracted.statistics],
        "references": [reference_row(r) for r in extracted.references],
        "quality": [flag_row(f) for f in (sorted({f.code: f for f in flags}.values(), key=_CODE) if len(flags) > 1 else flags)],
        "attachments": [_row("attachments", Attachment.model_construct(answer_id=answer_id, position=position, **file._asdict()))
                        for position, file in enumerate(extracted.attachments, start=1)],
    }


_CODE = attrgetter("code")


class AnswerRows(NamedTuple):
    """One answer of a seed as rows: what extraction hands a worker."""

    position: int
    #: The page's fields that no table publishes (:data:`PAGE_EXTRAS`), to rebuild the page for merging.
    page_extras: tuple
    #: The answer's rows in each of :data:`ANSWER_TABLES`, in that order.
    tables: tuple[list[tuple], ...]


class SeedEntry(NamedTuple):
    """Everything one seed yields, as plain values."""

    layout: str | None
    #: (position, reason) of each rejected record; position 0 is the whole file.
    rejections: tuple[tuple[int, str], ...]
    answers: tuple[AnswerRows, ...]


class ExtractedSeed(NamedTuple):
    """One seed read and extracted: its name in the seeds folder, hash, size and entry."""

    source_file: str
    sha256: str
    size: int
    entry: SeedEntry


#: Called with each answer of a seed as soon as it is extracted: (layout, the answer's rows).
RowsHandler = Callable[[str, AnswerRows], None]


def answer_rows_of(answer: SeedAnswer) -> AnswerRows:
    """An extracted answer of a seed as rows."""
    rows = answer_rows(answer.extracted)
    return AnswerRows(answer.position, tuple(getattr(answer.page, n) for n in PAGE_EXTRAS), tuple(rows[t] for t in ANSWER_TABLES))


def seed_entry(path: Path, root: Path, on_answer: RowsHandler | None = None) -> ExtractedSeed:
    """Read and extract one seed, as rows.

    With ``on_answer``, each answer's rows are handed to it as soon as they are made, and
    the entry's answers are left empty, so that a seed of a million records is never held whole.
    """
    answers: list[AnswerRows] = []

    def handle(reading: SeedReading, answer: SeedAnswer) -> None:
        rows = answer_rows_of(answer)
        if on_answer is None:
            answers.append(rows)
        else:
            on_answer(reading.layout, rows)

    reading = extract_seed(path, root, handle)
    return ExtractedSeed(reading.source_file, reading.sha256, reading.bytes,
                         SeedEntry(reading.layout, tuple(reading.rejections), tuple(answers)))


def _arrow_schema(table: str) -> pa.Schema:
    schema = TABLES_BY_NAME[table].arrow_schema()
    if table in ANSWER_TABLES:
        schema = schema.append(pa.field(ORDINAL, pa.int32(), nullable=False))
    return schema


#: The Arrow schema of each table's rows in a chunk: the published columns, and ORDINAL where the table has it.
CHUNK_SCHEMAS = {t.name: _arrow_schema(t.name) for t in TABLES}


def to_batch(table: str, rows: list[tuple], ordinals: list[int] | None = None) -> pa.RecordBatch:
    """Rows of ``table`` as one Arrow record batch: with ORDINAL as their last column where the table
    has it, or without it and ``ordinals`` given beside them (one per row)."""
    schema = CHUNK_SCHEMAS[table]
    if not rows:
        return pa.RecordBatch.from_pylist([], schema=schema)
    if ordinals is None:
        return _from_rows(schema, _STRUCTS[table, True], rows)
    published = _from_rows(_PUBLISHED_SCHEMAS[table], _STRUCTS[table, False], rows)
    return pa.RecordBatch.from_arrays([*published.columns, pa.array(ordinals, pa.int32())], schema=schema)


#: The chunk schemas without ORDINAL.
_PUBLISHED_SCHEMAS = {t.name: TABLES_BY_NAME[t.name].arrow_schema() for t in TABLES}


# --- performance: rows to Arrow in one conversion --------------------------------------------
# Arrow converts a list of tuples to a struct array in one pass over the rows, which measured
# about a third faster than transposing the rows into columns (zip) and converting each column
# (a chunk's statistics: 12 us rather than 17 us per answer). Exact numbers arrive as their
# digits: converted as strings, then cast without loss.


def _struct_of(schema: pa.Schema) -> pa.StructType:
    return pa.struct([pa.field(f.name, pa.string(), f.nullable) if pa.types.is_decimal(f.type) else f for f in schema])


#: (table, with ORDINAL) -> the struct type a table's rows are converted to.
_STRUCTS = {(t.name, with_ordinal): _struct_of(CHUNK_SCHEMAS[t.name] if with_ordinal else _PUBLISHED_SCHEMAS[t.name])
            for t in TABLES for with_ordinal in (True, False)}


def _from_rows(schema: pa.Schema, struct: pa.StructType, rows: list[tuple]) -> pa.RecordBatch:
    converted = pa.RecordBatch.from_struct_array(pa.array(rows, type=struct))
    columns = [column.cast(field.type) if column.type != field.type else column
               for column, field in zip(converted.columns, schema)]
    return pa.RecordBatch.from_arrays(columns, schema=schema)
