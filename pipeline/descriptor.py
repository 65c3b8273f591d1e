"""The package's descriptor (``datapackage.json``) and its human-readable data dictionary.

Table Schemas are exactly those of the published contract in ``schema/``
(:mod:`pipeline.schema`), embedded so that the package stands alone for a
consumer who downloads only ``dist/``; frictionless checks the
descriptor as it is made, so a package whose descriptor it would not accept is
never written.
"""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor
import json
import os
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from frictionless import Package

from .extract.quality import QUALITY_CODES
from .schema import table_schema
from .sources import readers
from .tables import CONTRACT_VERSION, TABLES

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


def package_descriptor(directory: Path, created: date | None) -> dict[str, Any]:
    return {
        "$schema": PROFILE,
        "name": NAME,
        "title": TITLE,
        "description": DESCRIPTION,
        "version": CONTRACT_VERSION,
        "created": created_timestamp(created),
        "homepage": "https://questions-statements.parliament.uk/written-questions",
        "keywords": ["UK Parliament", "written questions", "written answers", "parliamentary questions", "Hansard"],
        "licenses": [LICENSE],
        "sources": SOURCES,
        "resources": resource_descriptors(directory),
    }


def write_descriptor(directory: Path, created: date | None) -> dict[str, Any]:
    """Write ``datapackage.json`` and ``README.md`` (the data dictionary) into ``directory``."""
    descriptor = package_descriptor(directory, created)
    report = Package.validate_descriptor(descriptor, basepath=str(directory))
    if not report.valid:
        raise ValueError("frictionless rejects the descriptor: " + "; ".join(e.message for e in report.errors))
    (directory / "datapackage.json").write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (directory / "README.md").write_text(data_dictionary(descriptor), encoding="utf-8")
    return descriptor


def data_dictionary(descriptor: dict[str, Any]) -> str:
    """The package described for people: what each table holds and what each column means."""
    lines = [
        f"# {descriptor['title']}",
        "",
        descriptor["description"],
        "",
        f"- Version: {descriptor['version']} (a change that removes or retypes a column is a new major version)",
        f"- Created: {descriptor['created']}",
        f"- Licence: [{LICENSE['title']}]({LICENSE['path']})",
        "- Formats: every table as CSV (UTF-8, header row, empty cell = no value) and as Parquet (zstd), holding the same rows.",
        "",
        "## Tables",
        "",
    ]
    for resource in descriptor["resources"]:
        if resource["format"] != "csv":
            continue
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
            lines.append(f"| `{column['name']}` | {column['type']} | {'yes' if constraints.get('required') else 'no'} | {description.replace('|', '/')} |")
        lines.append("")
    lines += ["## Quality codes", "", "The `code` column of `quality`:", "", "| code | meaning |", "|---|---|"]
    lines += [f"| `{code}` | {meaning} |" for code, meaning in QUALITY_CODES.items()]
    lines += ["", "## Source layouts", "", "The `layout` columns name the layout an answer was read from:", "",
              "| layout | source |", "|---|---|"]
    lines += [f"| `{reader.LAYOUT}` | {(reader.__doc__ or '').strip().splitlines()[0]} |" for reader in readers()]
    lines.append("")
    return "\n".join(lines)
