"""The ``csv`` check: frictionless on each CSV resource, and the primary and foreign keys with pyarrow."""

from __future__ import annotations

from pathlib import Path

from .files import path_in
from .keys import KeyedFile, check_keys
from .report import MAX_FAILURES_PER_COLUMN, ValidationReport


def check_csv(dist_dir: Path, resources: list[dict], report: ValidationReport) -> None:
    """frictionless on each CSV resource on its own (structure, types, constraints); the primary
    and foreign keys with pyarrow (:mod:`pipeline.check.keys`), since frictionless holds every key
    and each referenced table in memory. Sizes and hashes are the integrity check's."""
    from frictionless import Resource

    keyed = []
    for resource in resources:
        path = path_in(dist_dir, resource)
        if resource.get("format") != "csv" or path is None:
            continue
        unkeyed = {k: v for k, v in resource.items() if k not in ("bytes", "hash")}
        if isinstance(resource.get("schema"), dict):
            unkeyed["schema"] = {k: v for k, v in resource["schema"].items() if k not in ("primaryKey", "foreignKeys")}
        try:
            result = Resource(unkeyed, basepath=str(dist_dir)).validate()
        except Exception as error:  # frictionless refuses a resource it cannot load; the descriptor check says why
            report.fail("csv", f"frictionless could not validate {path.name}: {type(error).__name__}: {error}", path.name)
        else:
            for error in result.errors:
                report.fail("csv", f"[{error.type}] {error.message}", path.name)
            for task in result.tasks:
                for error in task.errors:
                    column = getattr(error, "field_name", None) or ", ".join(getattr(error, "field_names", None) or []) or None
                    report.fail("csv", f"[{error.type}] {error.message}", path.name, getattr(error, "row_number", None), column)
            del result
        keyed.append(KeyedFile.from_resource(resource, path))
    check_keys(keyed, _CsvFailures(report))
    report.note("csv", f"{len(keyed)} CSV files validated by frictionless, their primary and foreign keys with pyarrow")


class _CsvFailures:
    """Failures of the key checks, reported as the csv check's."""

    limit = MAX_FAILURES_PER_COLUMN

    def __init__(self, report: ValidationReport):
        self.report = report

    def fail(self, reason: str, file: str, row: int | None = None, column: str | None = None) -> None:
        self.report.fail("csv", reason, file, row, column)

    def count(self, file: str, column: str | None, failures: int) -> None:
        self.report.count("csv", file, column, failures)
