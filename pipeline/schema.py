"""The published contract, generated from the models into ``schema/``.

``schema/`` holds, for every published table, its Frictionless Table Schema
(``<table>.json``); the JSON Schema of one answer record
(``answer.schema.json``); and ``contract.json``, the contract's version with the
name and type of every column of every table. All of it is generated from the
pydantic models through :mod:`pipeline.tables`, and the descriptor of the
package embeds exactly the same Table Schemas, so the two cannot drift apart.

The contract is versioned: removing or retyping a column needs a new major
version, adding a table or a column a new minor one. :func:`contract_changes`
compares a generated contract with a committed one and says what a change
needs, and :func:`write_schemas` refuses to record a change whose version was
not raised accordingly.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import model
from .tables import CONTRACT_VERSION, TABLES, Table

TABLE_SCHEMA_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json"
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
ANSWER_SCHEMA_FILE = "answer.schema.json"
CONTRACT_FILE = "contract.json"


def table_schema(table: Table) -> dict[str, Any]:
    """The Table Schema of ``table`` as published: in ``schema/`` and embedded in the descriptor."""
    return {"$schema": TABLE_SCHEMA_PROFILE, **table.table_schema()}


def answer_json_schema() -> dict[str, Any]:
    """The JSON Schema of one row of the ``answers`` table."""
    return {"$schema": JSON_SCHEMA_DIALECT, **model.Answer.model_json_schema()}


def contract(version: str = CONTRACT_VERSION) -> dict[str, Any]:
    """The contract's version and, for every table, each column's type."""
    return {
        "version": version,
        "tables": {table.name: {field["name"]: field["type"] for field in table.table_schema()["fields"]} for table in TABLES},
    }


def dumps(document: Any) -> str:
    """JSON as written to ``schema/``: keys sorted, two-space indent, a final newline.

    Column order is kept, since it lives in lists (``fields``, ``primaryKey``).
    """
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def generate() -> dict[str, str]:
    """Every file of ``schema/``: file name -> content."""
    files = {f"{table.name}.json": dumps(table_schema(table)) for table in TABLES}
    files[ANSWER_SCHEMA_FILE] = dumps(answer_json_schema())
    files[CONTRACT_FILE] = dumps(contract())
    return dict(sorted(files.items()))


def check_schemas(directory: Path) -> list[str]:
    """Files of ``directory`` that differ from what the models generate (missing, changed, or
    a ``.json`` file that is no longer generated), sorted; empty when it is up to date."""
    directory = Path(directory)
    expected = generate()
    differing = []
    for name, content in expected.items():
        path = directory / name
        if not path.is_file() or path.read_text(encoding="utf-8") != content:
            differing.append(name)
    if directory.is_dir():
        differing += [p.name for p in directory.glob("*.json") if p.name not in expected]
    return sorted(differing)


# --- versioning -------------------------------------------------------------------


def parse_version(version: str) -> tuple[int, int, int]:
    parts = version.split(".")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        raise ValueError(f"not a MAJOR.MINOR.PATCH version: {version!r}")
    major, minor, patch = (int(p) for p in parts)
    return major, minor, patch


def contract_changes(committed: dict[str, Any], generated: dict[str, Any]) -> list[str]:
    """What is wrong with moving from the ``committed`` contract to the ``generated`` one.

    A table or column removed, or a column retyped, needs a new MAJOR version; a table or
    column added needs at least a new MINOR version. Returns one message per problem,
    empty when the change is allowed (or there is none).
    """
    old_version, new_version = parse_version(committed["version"]), parse_version(generated["version"])
    if new_version < old_version:
        return [f"the contract version went down from {committed['version']} to {generated['version']}"]
    breaking, additive = [], []
    old_tables, new_tables = committed["tables"], generated["tables"]
    for name, old_columns in old_tables.items():
        if name not in new_tables:
            breaking.append(f"table {name} removed")
            continue
        new_columns = new_tables[name]
        for column, old_type in old_columns.items():
            if column not in new_columns:
                breaking.append(f"column {name}.{column} removed")
            elif new_columns[column] != old_type:
                breaking.append(f"column {name}.{column} retyped from {old_type} to {new_columns[column]}")
        additive += [f"column {name}.{column} added" for column in new_columns if column not in old_columns]
    additive += [f"table {name} added" for name in new_tables if name not in old_tables]
    problems = []
    if breaking and new_version[0] <= old_version[0]:
        problems += [
            f"{change}: removing or retyping a column is a breaking change and needs a new MAJOR version "
            f"(CONTRACT_VERSION is {generated['version']}, the committed contract is {committed['version']})"
            for change in breaking
        ]
    if additive and new_version[:2] <= old_version[:2]:
        problems += [
            f"{change}: a new table or column needs a new MINOR version "
            f"(CONTRACT_VERSION is {generated['version']}, the committed contract is {committed['version']})"
            for change in additive
        ]
    return problems


def committed_contract(directory: Path) -> dict[str, Any] | None:
    path = Path(directory) / CONTRACT_FILE
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


class ContractError(ValueError):
    """The models change the contract in a way its version does not allow."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def write_schemas(directory: Path) -> list[str]:
    """Write ``schema/`` from the models; returns the names of the files that changed.

    Raises :class:`ContractError`, writing nothing, when the models remove or retype a
    column (or add one) relative to the committed ``contract.json`` without the version
    change that needs; the committed contract is the baseline a release is held to.
    """
    directory = Path(directory)
    if (committed := committed_contract(directory)) is not None:
        if problems := contract_changes(committed, contract()):
            raise ContractError(problems)
    directory.mkdir(parents=True, exist_ok=True)
    changed = check_schemas(directory)
    expected = generate()
    for name in changed:
        path = directory / name
        if name in expected:
            path.write_text(expected[name], encoding="utf-8")
        else:
            path.unlink()
    return changed
