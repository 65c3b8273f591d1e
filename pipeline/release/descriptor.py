"""The package's descriptor (``datapackage.json``) and its human-readable data dictionary.

The descriptor tells a consumer which release they hold: ``version`` is the data
release, derived from the published rows (the latest date in the data, then the first
12 hex digits of a SHA-256 over every table's CSV hash), so it changes whenever a row
changes and is the same for two builds of the same rows; ``contractVersion`` is the
version of the tables' contract (:data:`pipeline.tables.CONTRACT_VERSION`); ``coverage``
gives the first and last dates and the rows of every table. Where the release was
built over an earlier one, ``changes`` says what changed (:mod:`pipeline.release.diff`) and the
data dictionary has a CHANGELOG section made from it.

Table Schemas are exactly those of the published contract in ``schema/``
(:mod:`pipeline.schema`), embedded so that the package stands alone for a
consumer who downloads only ``dist/``; frictionless checks the
descriptor as it is made, so a package whose descriptor it would not accept is
never written.
"""

from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from frictionless import Package

from ..extract.quality import QUALITY_CODES
from ..schema import table_schema
from ..sources import readers
from ..tables import CONTRACT_VERSION, TABLES, TABLES_BY_NAME
from .sqlite import DATABASE_NAME, DATASETTE_METADATA_NAME, FULL_TEXT, fts_table

#: The database's resource in the descriptor (not a table: the tables are its CSV and Parquet copies).
DATABASE_RESOURCE = "database"

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
LICENSE = {
    "name": "OPL-3.0",
    "title": "Open Parliament Licence v3.0",
    "path": "https://www.parliament.uk/site-information/copyright-parliament/open-parliament-licence/",
}
SOURCES = [
    {"title": "UK Parliament: Written questions, answers and statements", "path": "https://questions-statements.parliament.uk/written-questions"},
    {"title": "UK Parliament written questions API", "path": "https://writtenquestions-api.parliament.uk/"},
    {"title": "parliament.uk written questions and answers (archived pages)", "path": "https://www.parliament.uk/business/publications/written-questions-answers-statements/written-questions-answers/"},
]
NAME = "uk-parliament-written-answers"
TITLE = "UK Parliament written answers"
DESCRIPTION = (
    "Written questions tabled in the House of Commons and the House of Lords and the answers given by ministers, "
    "with the statistics stated in each answer, the publications, web pages and earlier questions it cites, and "
    "honest quality flags where the source was imperfect. Each table is published as CSV and as Parquet holding "
    "the same rows. Contains Parliamentary information licensed under the Open Parliament Licence v3.0."
)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def resource_digests(descriptor: dict[str, Any]) -> dict[str, str]:
    """File name -> SHA-256 of each file the descriptor lists (the tables and the database), as it records them.

    The manifest (:func:`pipeline.build.output.write_manifest`) lists the same files: it takes
    these rather than read about 230 MB (20,000 answers) again, since nothing changes them between the two."""
    return {resource["path"]: resource["hash"].removeprefix("sha256:") for resource in descriptor["resources"]}


def created_timestamp(latest_date: date | None) -> str:
    """A ``created`` that depends only on the data: ``SOURCE_DATE_EPOCH`` when set, else the latest date in it."""
    if epoch := os.environ.get("SOURCE_DATE_EPOCH"):
        moment = datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    elif latest_date:
        moment = datetime(latest_date.year, latest_date.month, latest_date.day, tzinfo=timezone.utc)
    else:
        moment = datetime(1970, 1, 1, tzinfo=timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def resource_descriptors(directory: Path) -> list[dict[str, Any]]:
    """CSV and Parquet resources for every table, and the database's where there is one."""
    resources = table_resources(directory)
    if (directory / DATABASE_NAME).is_file():
        resources.append(database_resource(directory))
    return resources


def table_resources(directory: Path) -> list[dict[str, Any]]:
    """CSV and Parquet resources for every table, with the files' sizes and hashes."""
    # hashlib releases the GIL on large blocks, so the files are hashed on every core at once.
    files = [directory / f"{t.name}.{suffix}" for t in TABLES for suffix in ("csv", "parquet")]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        digests = dict(zip(files, pool.map(sha256_of, files)))
    resources = []
    for table in TABLES:
        schema = table_schema(table)
        csv_path = directory / f"{table.name}.csv"
        parquet_path = directory / f"{table.name}.parquet"
        resources.append({
            "name": table.name,
            "type": "table",
            "title": table.title,
            "description": table.description,
            "path": csv_path.name,
            "scheme": "file",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "bytes": csv_path.stat().st_size,
            "hash": f"sha256:{digests[csv_path]}",
            "dialect": {"$schema": "https://datapackage.org/profiles/2.0/tabledialect.json", "header": True, "delimiter": ",", "quoteChar": '"'},
            "schema": schema,
        })
        # No "bytes" on Parquet resources: frictionless cannot count a Parquet file's bytes and
        # reports a correct value as an error. `pqpub validate` checks their size and hash itself.
        resources.append({
            "name": f"{table.name}-parquet",
            "type": "table",
            "title": f"{table.title} (Parquet)",
            "description": f"The same rows as {csv_path.name}, in Parquet (zstd).",
            "path": parquet_path.name,
            "scheme": "file",
            "format": "parquet",
            "mediatype": "application/vnd.apache.parquet",
            "hash": f"sha256:{digests[parquet_path]}",
            "schema": schema,
        })
    return resources


def database_resource(directory: Path) -> dict[str, Any]:
    """The SQLite database, declared as a file (not a table: the tables are its CSV and Parquet copies).

    frictionless checks its size and hash and does not read it.
    """
    database = directory / DATABASE_NAME
    return {
        "name": DATABASE_RESOURCE,
        "type": "file",
        "title": "Every table in one SQLite database",
        "description": (
            "The same rows as the CSV and Parquet files, in one SQLite database with the same tables and columns, "
            "primary and foreign keys, indexes on keys and dates, and full-text search (FTS5) over "
            + "; ".join(f"{', '.join(columns)} of {name} ({fts_table(name)})" for name, columns in FULL_TEXT.items())
            + ". Dates are ISO text, booleans 0 or 1, exact numbers (statistics' values) the nearest REAL, since SQLite has no exact decimals; "
            + f"the CSV and Parquet files hold them exactly. Open it with sqlite3, or with datasette and {DATASETTE_METADATA_NAME}."
        ),
        "path": database.name,
        "scheme": "file",
        "format": "sqlite",
        "mediatype": "application/vnd.sqlite3",
        "bytes": database.stat().st_size,
        "hash": f"sha256:{sha256_of(database)}",
    }


def data_version(resources: list[dict[str, Any]], coverage: dict[str, Any]) -> str:
    """The data release: the latest date in the data as year.month.day, then '+' and a hash of the rows.

    The rows are hashed through the CSV files' SHA-256 (a CSV's bytes are its rows), so the
    version changes when any row changes and not otherwise. It is a valid semantic version
    whose build metadata is the hash, and it sorts by the latest date.
    """
    digest = hashlib.sha256()
    for resource in resources:
        if resource.get("format") == "csv":
            digest.update(f"{resource['name']}:{resource['hash']}\n".encode())
    latest = coverage.get("latest")
    release = date.fromisoformat(latest) if latest else None
    return f"{release.year}.{release.month}.{release.day}+{digest.hexdigest()[:12]}" if release else f"0.0.0+{digest.hexdigest()[:12]}"


def coverage(directory: Path) -> dict[str, Any]:
    """Rows of every table, and the first and last value of every date column, from the Parquet files' metadata."""
    rows: dict[str, int] = {}
    dates: dict[str, dict[str, list[str | None]]] = {}
    for table in TABLES:
        parquet = pq.ParquetFile(directory / f"{table.name}.parquet")
        rows[table.name] = parquet.metadata.num_rows
        schema = table.arrow_schema()
        for column in (f.name for f in schema if pa.types.is_date(f.type)):
            low = high = None
            index = parquet.schema_arrow.get_field_index(column)
            for group in range(parquet.metadata.num_row_groups):
                statistics = parquet.metadata.row_group(group).column(index).statistics
                if statistics is not None and statistics.has_min_max:
                    found = (statistics.min, statistics.max)
                else:  # a row group of nulls only, or written without statistics
                    extremes = pc.min_max(parquet.read_row_group(group, columns=[column]).column(0))
                    found = (extremes["min"].as_py(), extremes["max"].as_py())
                low = min((v for v in (low, found[0]) if v is not None), default=None)
                high = max((v for v in (high, found[1]) if v is not None), default=None)
            dates.setdefault(table.name, {})[column] = [low.isoformat() if low else None, high.isoformat() if high else None]
    answer_dates = [d for pair in dates.get("answers", {}).values() for d in pair if d]
    return {"latest": max(answer_dates, default=None), "rows": rows, "dates": dates}


def package_descriptor(directory: Path, created: date | None, changes: dict[str, Any] | None = None,
                       resources: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The descriptor of the package in ``directory``; ``resources`` where they are known already."""
    resources = resources if resources is not None else resource_descriptors(directory)
    covered = coverage(directory)
    descriptor = {
        "$schema": PROFILE,
        "name": NAME,
        "title": TITLE,
        "description": DESCRIPTION,
        "version": data_version(resources, covered),
        "contractVersion": CONTRACT_VERSION,
        "created": created_timestamp(created),
        "homepage": "https://questions-statements.parliament.uk/written-questions",
        "keywords": ["UK Parliament", "written questions", "written answers", "parliamentary questions", "Hansard"],
        "licenses": [LICENSE],
        "sources": SOURCES,
        "coverage": covered,
        "resources": resources,
    }
    if changes:
        descriptor["changes"] = changes
    return descriptor


def write_descriptor(directory: Path, created: date | None, changes: dict[str, Any] | None = None) -> dict[str, Any]:
    """Write ``datapackage.json`` and ``README.md`` (the data dictionary) into ``directory``.

    ``changes`` is what changed since the previous release (:meth:`pipeline.release.diff.PackageDiff.summary`).
    """
    descriptor = package_descriptor(directory, created, changes)
    save_descriptor(directory, descriptor)
    return descriptor


def save_descriptor(directory: Path, descriptor: dict[str, Any]) -> None:
    """Write ``descriptor`` as ``datapackage.json``, and the data dictionary made from it, once frictionless accepts it."""
    report = Package.validate_descriptor(descriptor, basepath=str(directory))
    if not report.valid:
        raise ValueError("frictionless rejects the descriptor: " + "; ".join(e.message for e in report.errors))
    (directory / "datapackage.json").write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (directory / "README.md").write_text(data_dictionary(descriptor), encoding="utf-8")


#: Each tool's name for the Table Schema types, in the data dictionary's reading snippets.
DUCKDB_TYPES = {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE", "boolean": "BOOLEAN", "date": "DATE"}
READR_TYPES = {"string": "c", "integer": "i", "number": "d", "boolean": "l", "date": "D"}
#: Answers listed by id in the CHANGELOG; `pqpub diff` lists them all.
CHANGELOG_LISTED = 20

PANDAS_SNIPPET = """\
import json

import pandas as pd

PANDAS_TYPES = {"string": "string", "integer": "Int64", "number": "Float64", "boolean": "boolean"}
package = json.load(open("datapackage.json", encoding="utf-8"))
tables = {}
for resource in package["resources"]:
    if resource["format"] != "csv":
        continue
    fields = resource["schema"]["fields"]
    tables[resource["name"]] = pd.read_csv(
        resource["path"],
        dtype={f["name"]: PANDAS_TYPES[f["type"]] for f in fields if f["type"] != "date"},
        parse_dates=[f["name"] for f in fields if f["type"] == "date"],
        date_format="%Y-%m-%d",
        keep_default_na=False, na_values=[""],  # only an empty cell is missing: 'NA' and 'None' are text
    )
answers = tables["answers"]"""

POLARS_SNIPPET = """\
import json

import polars as pl

POLARS_TYPES = {"string": pl.String, "integer": pl.Int64, "number": pl.Float64, "boolean": pl.Boolean, "date": pl.Date}
package = json.load(open("datapackage.json", encoding="utf-8"))
tables = {
    resource["name"]: pl.read_csv(resource["path"], schema={f["name"]: POLARS_TYPES[f["type"]] for f in resource["schema"]["fields"]})
    for resource in package["resources"]
    if resource["format"] == "csv"
}
answers = tables["answers"]"""


def _cell(text: str) -> str:
    """Text for a Markdown table cell: a '|' escaped so that it stays in the cell (as in the id formula)."""
    return text.replace("|", "\\|").replace("\n", " ")


def _csv_resources(descriptor: dict[str, Any]) -> list[dict[str, Any]]:
    return [r for r in descriptor["resources"] if r.get("format") == "csv"]


def duckdb_snippet(descriptor: dict[str, Any]) -> str:
    """DuckDB views reading every CSV with its declared types (exact numbers as DECIMAL, as in the Parquet files)."""
    statements = []
    for resource in _csv_resources(descriptor):
        arrow = TABLES_BY_NAME[resource["name"]].arrow_schema() if resource["name"] in TABLES_BY_NAME else None

        def duckdb_type(spec: dict[str, Any]) -> str:
            if arrow is not None and spec["name"] in arrow.names and pa.types.is_decimal(kind := arrow.field(spec["name"]).type):
                return f"DECIMAL({kind.precision},{kind.scale})"
            return DUCKDB_TYPES[spec["type"]]

        columns = ", ".join(f"'{f['name']}': '{duckdb_type(f)}'" for f in resource["schema"]["fields"])
        statements.append(f"CREATE VIEW \"{resource['name']}\" AS SELECT * FROM read_csv('{resource['path']}', header = true, columns = {{{columns}}});")
    return "\n".join(statements)


def r_snippet(descriptor: dict[str, Any]) -> str:
    """readr calls reading every CSV with its declared types (c text, i integer, d number, l boolean, D date)."""
    lines = ["library(readr)", ""]
    for resource in _csv_resources(descriptor):
        types = "".join(READR_TYPES[f["type"]] for f in resource["schema"]["fields"])
        lines.append(f"{resource['name']} <- read_csv(\"{resource['path']}\", col_types = \"{types}\", na = \"\")")
    return "\n".join(lines)


def data_dictionary(descriptor: dict[str, Any]) -> str:
    """The package described for people: the release, what each table holds and what each column means, how to read it."""
    covered = descriptor["coverage"]
    answer_dates = covered["dates"].get("answers", {})
    lines = [
        f"# {descriptor['title']}",
        "",
        descriptor["description"],
        "",
        "## Release",
        "",
        f"- Data version: `{descriptor['version']}`: the latest date in the answers (of any of their dates), then a hash of every published row. "
        "It changes whenever a row changes, and is the same for two builds of the same rows.",
        f"- Contract version: `{descriptor['contractVersion']}`: the tables, columns and types (a change that removes or retypes a column is a new major version, a new table or column a new minor one).",
        f"- Created: {descriptor['created']} (the latest date a question was tabled or answered, or SOURCE_DATE_EPOCH where the build set it, so that a rebuild gives the same bytes)",
        f"- Licence: [{LICENSE['title']}]({LICENSE['path']})",
        "- Coverage: " + "; ".join(
            f"{column.replace('_', ' ')} from {first or '(none)'} to {last or '(none)'}" for column, (first, last) in answer_dates.items()
        ) + ".",
        "- Rows: " + ", ".join(f"{name} {count:,}" for name, count in covered["rows"].items()) + ".",
        "",
        "## Files",
        "",
        "- Every table as CSV (UTF-8, header row, an empty cell is no value) and as Parquet (zstd), holding the same rows.",
        f"- `{DATABASE_NAME}`: every table in one SQLite database, with keys, indexes and full-text search; "
        f"for datasette: `datasette {DATABASE_NAME} --metadata {DATASETTE_METADATA_NAME}`.",
        "- `datapackage.json`: the Frictionless Data Package descriptor; `index.html`: an overview of the package.",
        "",
        f"Full-text search in the database (`sqlite3 {DATABASE_NAME}`): the answers whose heading, question or answer "
        "uses a word (here 'exploitation'; the Porter stemmer also finds 'exploited'), latest first:",
        "",
        "<!-- example: search-sqlite -->",
        "```sql",
        "SELECT answer_id, uin, answered_date, heading FROM answers",
        "WHERE rowid IN (SELECT rowid FROM answers_fts WHERE answers_fts MATCH 'exploitation')",
        "ORDER BY answered_date DESC, answer_id;",
        "```",
        "",
    ]
    if changes := descriptor.get("changes"):
        lines += changelog(changes)
    lines += ["## Tables", ""]
    for resource in _csv_resources(descriptor):
        schema = resource["schema"]
        lines += [f"### {resource['name']}", "", resource["description"], "",
                  f"Files: `{resource['path']}`, `{resource['name']}.parquet`. Primary key: {', '.join(f'`{k}`' for k in schema['primaryKey'])}."]
        for foreign_key in schema.get("foreignKeys", []):
            lines.append(f"Foreign key: `{', '.join(foreign_key['fields'])}` → `{foreign_key['reference']['resource']}.{', '.join(foreign_key['reference']['fields'])}`.")
        lines += ["", "| column | type | required | description |", "|---|---|---|---|"]
        for column in schema["fields"]:
            constraints = column.get("constraints", {})
            description = column["description"]
            if "enum" in constraints:
                description += " One of: " + ", ".join(f"`{v}`" for v in constraints["enum"]) + "."
            lines.append(f"| `{column['name']}` | {column['type']} | {'yes' if constraints.get('required') else 'no'} | {_cell(description)} |")
        lines.append("")
    lines += [
        "## Reading the CSV files with their types",
        "",
        "Tools that guess a CSV's column types read `uin` as a number (a Lords `HL9224` then breaks the column) and "
        "`true`/`false` as text. Give them the declared types instead, or read the Parquet files or the database, "
        "which carry them. Run these in this folder.",
        "",
        "pandas (dates as `datetime64`, booleans and integers as pandas' nullable types; statistics' exact values as floats, "
        "which the Parquet files keep as exact decimals):",
        "",
        "<!-- example: read-pandas -->", "```python", PANDAS_SNIPPET, "```",
        "",
        "Polars:",
        "",
        "<!-- example: read-polars -->", "```python", POLARS_SNIPPET, "```",
        "",
        "DuckDB (each table as a view):",
        "",
        "<!-- example: read-duckdb -->", "```sql", duckdb_snippet(descriptor), "```",
        "",
        "R, with readr (`c` text, `i` integer, `d` number, `l` boolean, `D` date; `na = \"\"` so that only an empty cell is missing). "
        "The pandas, Polars and DuckDB snippets are run by the project's tests against this package; the R lines are not "
        "(the tests have no R), but their column types are checked against the descriptor:",
        "",
        "<!-- example: read-r -->", "```r", r_snippet(descriptor), "```",
        "",
    ]
    lines += ["## Quality codes", "", "The `code` column of `quality`:", "", "| code | meaning |", "|---|---|"]
    lines += [f"| `{code}` | {_cell(meaning)} |" for code, meaning in QUALITY_CODES.items()]
    lines += ["", "## Source layouts", "", "The `layout` columns name the layout an answer was read from:", "",
              "| layout | source |", "|---|---|"]
    lines += [f"| `{reader.LAYOUT}` | {_cell((reader.__doc__ or '').strip().splitlines()[0])} |" for reader in readers()]
    lines.append("")
    return "\n".join(lines)


def changelog(changes: dict[str, Any]) -> list[str]:
    """The CHANGELOG section: what changed since the previous release (:func:`pipeline.release.diff.diff_packages`)."""
    previous = changes.get("from", {})
    lines = ["## CHANGELOG", "",
             f"Changes since release `{previous.get('version')}` (contract `{previous.get('contractVersion')}`): "
             "answers compared by `answer_id`, the other tables' rows counted; "
             "`pqpub diff OLD_DIST NEW_DIST` compares every table's rows and lists every answer.", "",
             "| table | rows before | rows now | added | removed | changed |", "|---|---|---|---|---|---|"]
    if error := changes.get("error"):
        return lines[:3] + [f"The previous release could not be read to compare with it: {error}", ""]
    for name, table in changes["tables"].items():
        if table.get("compared", True):
            lines.append(f"| {name} | {table['old_rows']:,} | {table['new_rows']:,} | {table['added']:,} | {table['removed']:,} | {table['changed']:,} |")
        else:
            lines.append(f"| {name} | {table['old_rows']:,} | {table['new_rows']:,} | | | |")
    lines.append("")
    for name, table in changes["tables"].items():
        if table.get("columns_added") or table.get("columns_removed"):
            lines.append(f"- `{name}`: columns added {', '.join(table.get('columns_added') or []) or 'none'}; removed {', '.join(table.get('columns_removed') or []) or 'none'}.")
        if table.get("fields"):
            lines.append(f"- `{name}` rows changed, by column: " + ", ".join(f"`{c}` {n:,}" for c, n in table["fields"].items()) + ".")
    answers = changes.get("answers", {})
    for kind in ("added", "removed", "changed"):
        ids = answers.get(kind) or []
        if ids:
            shown = ", ".join(f"`{i}`" for i in ids[:CHANGELOG_LISTED])
            more = changes["tables"]["answers"][kind] - len(ids[:CHANGELOG_LISTED])
            lines.append(f"- Answers {kind}: {shown}" + (f" and {more:,} more" if more > 0 else "") + ".")
    lines.append("")
    return lines
