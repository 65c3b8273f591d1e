"""The ``descriptor`` and ``contract`` checks: frictionless accepts ``datapackage.json``, it declares every
table of the contract, and its embedded Table Schemas are the contract's."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..release.descriptor import DATABASE_RESOURCE
from ..schema import table_schema
from ..tables import TABLES
from .files import path_problem, resource_named
from .report import ValidationReport


def check_descriptor(dist_dir: Path, report: ValidationReport) -> dict | None:
    from frictionless import Package

    path = dist_dir / "datapackage.json"
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        report.fail("descriptor", f"not valid JSON: {error}", path.name)
        return None
    if not isinstance(descriptor, dict):
        report.fail("descriptor", "not a JSON object", path.name)
        return None
    frictionless_report = Package.validate_descriptor(descriptor, basepath=str(dist_dir))
    for error in frictionless_report.errors:
        report.fail("descriptor", f"[{error.type}] {error.message}", path.name)
    resources = [r for r in descriptor.get("resources", []) if isinstance(r, dict)]
    expected = {(t.name, "csv"): f"{t.name}.csv" for t in TABLES} | {(f"{t.name}-parquet", "parquet"): f"{t.name}.parquet" for t in TABLES}
    for (name, format), file in expected.items():
        resource = resource_named(resources, name, format)
        if resource is None:
            report.fail("descriptor", f"no {format} resource named {name} for {file}", path.name)
        elif (problem := path_problem(dist_dir, resource.get("path"))) is not None:
            report.fail("descriptor", f"resource {name} {problem}", path.name)
    expected[(DATABASE_RESOURCE, "sqlite")] = "the SQLite database"
    if resource_named(resources, DATABASE_RESOURCE, "sqlite") is None:
        report.fail("descriptor", f"no sqlite resource named {DATABASE_RESOURCE}", path.name)
    for resource in resources:
        if (resource.get("name"), resource.get("format")) not in expected:
            report.fail("descriptor", f"resource {resource.get('name')!r} ({resource.get('format')}) is not a table of the contract", path.name)
    report.note("descriptor", f"{len(resources)} resources")
    return descriptor


def check_contract(resources: list[dict], report: ValidationReport, schema_dir: Path | None) -> None:
    source = f"{schema_dir.name}/" if schema_dir else "the models"
    for table in TABLES:
        if schema_dir is not None:
            contract_file = schema_dir / f"{table.name}.json"
            try:
                expected = json.loads(contract_file.read_text(encoding="utf-8"))
            except (OSError, ValueError) as error:
                report.fail("contract", f"cannot read the contract's Table Schema: {error}", f"{schema_dir.name}/{contract_file.name}")
                continue
        else:
            expected = table_schema(table)
        for resource in (resource_named(resources, table.name, "csv"), resource_named(resources, f"{table.name}-parquet", "parquet")):
            if resource is None:
                continue
            for difference in schema_differences(resource.get("schema"), expected):
                report.fail("contract", f"embedded Table Schema of {resource['name']} differs from {source}: {difference}", "datapackage.json", column=None)
    report.note("contract", f"embedded Table Schemas compared with {source}")


def schema_differences(embedded: Any, expected: dict[str, Any]) -> list[str]:
    """How an embedded Table Schema differs from the contract's, one line per difference."""
    if not isinstance(embedded, dict):
        return ["no inline schema"]
    if embedded == expected:
        return []
    found = []
    embedded_fields = {f.get("name"): f for f in embedded.get("fields", []) if isinstance(f, dict)}
    expected_fields = {f["name"]: f for f in expected.get("fields", [])}
    for name, spec in expected_fields.items():
        if name not in embedded_fields:
            found.append(f"field {name} is missing")
            continue
        for key in sorted(spec.keys() | embedded_fields[name].keys()):
            if spec.get(key) != embedded_fields[name].get(key):
                found.append(f"field {name}: {key} is {embedded_fields[name].get(key)!r}, the contract says {spec.get(key)!r}")
    found += [f"field {name} is not in the contract" for name in embedded_fields if name not in expected_fields]
    if not found and [f.get("name") for f in embedded.get("fields", [])] != list(expected_fields):
        found.append("fields are not in the contract's order")
    for key in sorted((expected.keys() | embedded.keys()) - {"fields"}):
        if expected.get(key) != embedded.get(key):
            found.append(f"{key} is {embedded.get(key)!r}, the contract says {expected.get(key)!r}")
    return found
