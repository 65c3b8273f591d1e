"""The published tables, and their Table Schemas and Arrow schemas derived from the models.

Every column's name, type, title, description and constraints come from the
pydantic model of the table's row, so the CSV, the Parquet, the descriptor and
``schema/`` cannot drift apart.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Literal

import annotated_types
import pyarrow as pa
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from . import model

#: The version of the published contract (tables, columns, types). A change that removes
#: or retypes a column is a new major version; a new table or column is a new minor one.
#: 3.0.0: the answer id's key names the question by more than its text where the UIN or the
#: tabled date is missing (see model.identity_key), so such answers' ids changed; is_answered.
#: 3.1.0: listed_date, the date a listing or order paper printed the question (from 2.1.0).
#: 3.2.0: the seeds table's records column, the records read from each file (from 2.2.0).
CONTRACT_VERSION = "3.2.0"


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    resource: str
    reference_fields: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    row: type[BaseModel]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()
    #: Columns of the row model that are not published in this table.
    omit: tuple[str, ...] = ()
    sort_key: tuple[str, ...] = field(default=())

    @property
    def columns(self) -> list[str]:
        names = [n for n in self.row.model_fields if n not in self.omit]
        # Key columns first, as a reader scanning the file expects.
        return [*self.primary_key, *(n for n in names if n not in self.primary_key)]

    def table_schema(self) -> dict[str, Any]:
        """This table's Frictionless Table Schema."""
        schema: dict[str, Any] = {
            "fields": [frictionless_field(n, self.row.model_fields[n], self.primary_key) for n in self.columns],
            "primaryKey": list(self.primary_key),
            "missingValues": [""],
        }
        if self.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": list(fk.fields), "reference": {"resource": fk.resource, "fields": list(fk.reference_fields)}}
                for fk in self.foreign_keys
            ]
        return schema

    def arrow_schema(self) -> pa.Schema:
        """The Arrow schema the CSV and Parquet files are written with."""
        return pa.schema(
            [pa.field(n, arrow_type(self.row.model_fields[n].annotation), nullable=not is_required(self.row.model_fields[n], n, self.primary_key)) for n in self.columns]
        )


def _answer_fk(resource: str = "answers") -> ForeignKey:
    return ForeignKey(("answer_id",), resource, ("answer_id",))


TABLES: tuple[Table, ...] = (
    Table(
        "answers",
        "Written answers",
        "One row per answered written question. Where several sources gave the same question (same UIN and tabled date), it is one row; all its sources are in the sources table.",
        model.Answer,
        ("answer_id",),
    ),
    Table(
        "grouped_questions",
        "Grouped questions",
        "Other questions answered together with an answer, as its source lists them.",
        model.GroupedQuestion,
        ("answer_id", "grouped_uin"),
        (_answer_fk(),),
    ),
    Table(
        "attachments",
        "Attachments",
        "Files attached to answers (tables, letters, reports), as the source lists them.",
        model.Attachment,
        ("answer_id", "position"),
        (_answer_fk(),),
    ),
    Table(
        "statistics",
        "Statistics stated in answers",
        "One row per numeric fact stated in an answer's text: percentages, money, counts, measures and ranges, with exact values, and for table cells their row label and column header. Years, dates, durations, ages, UINs, footnote markers and section, table or page numbers are not statistics; a number too long to be a figure, and tables whose cells the source ran together, give no row but a quality flag. The sentence is not repeated: sentence_start and sentence_end point into the answer text.",
        model.Statistic,
        ("answer_id", "offset"),
        (_answer_fk(),),
    ),
    Table(
        "references",
        "References cited in answers",
        "One row per thing an answer cites: URLs (with their footnote), named publications, earlier questions and answers, and Hansard columns.",
        model.Reference,
        ("answer_id", "field", "offset", "kind"),
        (_answer_fk(), ForeignKey(("cited_answer_id",), "answers", ("answer_id",))),
    ),
    Table(
        "quality",
        "Quality flags",
        "Where a source was imperfect: missing dates, cut-short text, headings that do not fit, and the like. The codes are listed in the data dictionary.",
        model.QualityFlag,
        ("answer_id", "code"),
        (_answer_fk(),),
    ),
    Table(
        "seeds",
        "Seed files",
        "Every seed file read for this release: published, or rejected with the reason.",
        model.Seed,
        ("source_file",),
    ),
    Table(
        "sources",
        "Sources of answers",
        "Each source record (a page, a listing entry, an API record) and the answer it gave.",
        model.Source,
        ("source_file", "position"),
        (_answer_fk(), ForeignKey(("source_file",), "seeds", ("source_file",))),
    ),
)

TABLES_BY_NAME = {t.name: t for t in TABLES}


# --- type mapping -------------------------------------------------------------


def _unwrap_optional(annotation: Any) -> tuple[Any, bool]:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return annotation, False


def _base_type(annotation: Any) -> Any:
    annotation, _ = _unwrap_optional(annotation)
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _annotated_metadata(annotation: Any) -> list[Any]:
    annotation, _ = _unwrap_optional(annotation)
    found: list[Any] = []
    while typing.get_origin(annotation) is typing.Annotated:
        found.extend(typing.get_args(annotation)[1:])
        annotation = typing.get_args(annotation)[0]
    return found


def is_required(info: FieldInfo, name: str, primary_key: tuple[str, ...] = ()) -> bool:
    _, optional = _unwrap_optional(info.annotation)
    return not optional or name in primary_key


def arrow_type(annotation: Any) -> pa.DataType:
    base = _base_type(annotation)
    if typing.get_origin(base) is Literal or base is str:
        return pa.string()
    if base is bool:
        return pa.bool_()
    if base is int:
        return pa.int64()
    if base is float:
        return pa.float64()
    if base is Decimal:
        # Exact numbers (statistics' values): 38 digits, 10 after the point, as model.ExactNumber allows.
        return DECIMAL
    if base is date:
        return pa.date32()
    raise TypeError(f"no Arrow type for {annotation!r}")


#: The Arrow type of an exact number.
DECIMAL = pa.decimal128(38, 10)


def frictionless_type(annotation: Any) -> str:
    return {pa.string(): "string", pa.bool_(): "boolean", pa.int64(): "integer", pa.float64(): "number", DECIMAL: "number", pa.date32(): "date"}[arrow_type(annotation)]


def frictionless_field(name: str, info: FieldInfo, primary_key: tuple[str, ...] = ()) -> dict[str, Any]:
    descriptor: dict[str, Any] = {
        "name": name,
        "type": frictionless_type(info.annotation),
        "title": info.title or name.replace("_", " ").capitalize(),
        "description": info.description or "",
    }
    if descriptor["type"] == "date":
        descriptor["format"] = "default"
    if descriptor["type"] in ("integer", "number") and not is_required(info, name, primary_key):
        # frictionless reads Parquet through pandas, which turns a null in a numeric column
        # into NaN; naming "nan" a missing value lets it read those nulls as nulls.
        descriptor["missingValues"] = ["", "nan"]
    constraints: dict[str, Any] = {}
    if is_required(info, name, primary_key):
        constraints["required"] = True
    base = _base_type(info.annotation)
    if typing.get_origin(base) is Literal:
        constraints["enum"] = list(typing.get_args(base))
    for meta in [*_annotated_metadata(info.annotation), *info.metadata]:
        if getattr(meta, "pattern", None):
            constraints["pattern"] = meta.pattern
        if getattr(meta, "min_length", None):
            constraints["minLength"] = meta.min_length
        if isinstance(meta, annotated_types.Ge):
            constraints["minimum"] = meta.ge
        if isinstance(meta, annotated_types.Le):
            constraints["maximum"] = meta.le
    if constraints:
        descriptor["constraints"] = constraints
    return descriptor
