"""Validating the seeds and the published package, as CI does.

:func:`validate` runs every check and returns a :class:`ValidationReport`: one
:class:`CheckResult` per check (passed, failed or skipped, with a one-line
detail) and every :class:`Failure` located by check, file, row and column. The
``pqpub validate`` command only renders it.

The checks:

``seeds``
    every seed yields records that conform to the models; a rejected seed or
    record is a failure, with its reason.
``descriptor``
    frictionless accepts ``datapackage.json``, and it declares a CSV and a
    Parquet resource for every table of the contract.
``contract``
    the Table Schemas embedded in the descriptor are those of ``schema/`` (or,
    where there is no ``schema/`` folder, those the models generate).
``integrity``
    every file's size (where declared) and SHA-256 match the descriptor. This
    covers Parquet files, whose hash frictionless does not check.
``csv``
    frictionless validates every CSV resource on its own: structure, types and
    constraints; the primary and foreign keys are checked with pyarrow, reading
    only the key columns (:mod:`pipeline.check.keys`).
``parquet``
    every Parquet file has the contract's columns with their Arrow types, and
    its values meet the Table Schema's constraints (required, enum, pattern,
    minimum length, minimum and maximum). Checked with pyarrow, one row group
    at a time, since frictionless reads Parquet whole through pandas.
``rows``
    the CSV and the Parquet copy of every table hold the same rows in the same
    order, compared one batch at a time.
``sqlite``
    the SQLite database holds exactly the rows of the Parquet files, in the same
    order (so its keys hold where the csv check finds that theirs do).
``freshness``
    a build of the seeds into a temporary folder, over a copy of the package
    (as ``pqpub build`` builds over it), is byte for byte the package.

The seed and freshness checks need a seeds folder and are skipped without one;
the other checks need only the package. Row numbers count the header as row 1,
as frictionless does, so a table's first record is row 2 in both formats.
"""

from __future__ import annotations

from pathlib import Path

from ..build.memory import returning_freed_memory
from ..tables import TABLES
from .csv_files import check_csv
from .descriptor import check_contract, check_descriptor
from .files import file_problem, resource_named
from .integrity import check_integrity
from .report import CHECKS, CheckResult, Failure, ValidationReport, ValidationSetupError
from .seeds import check_freshness, check_seeds
from .sqlite import check_sqlite
from .tables import check_table

__all__ = ["CHECKS", "CheckResult", "Failure", "ValidationReport", "ValidationSetupError", "check_package", "validate"]


def validate(dist_dir: Path, seeds_dir: Path | None = None, schema_dir: Path | None = None, *, workers: int | None = None) -> ValidationReport:
    """Validate the package in ``dist_dir`` and, where ``seeds_dir`` is given, the seeds and the
    package's freshness. ``schema_dir`` is the contract the embedded Table Schemas are held to
    (default: what the models generate). Raises :class:`ValidationSetupError` when a folder or
    the descriptor is missing."""
    dist_dir = Path(dist_dir)
    if not dist_dir.is_dir():
        raise ValidationSetupError(f"package folder not found: {dist_dir}")
    descriptor_problem = file_problem(dist_dir, "datapackage.json")
    if descriptor_problem == "not found":
        raise ValidationSetupError(f"no datapackage.json in {dist_dir}")
    if descriptor_problem is not None:
        raise ValidationSetupError(f"{dist_dir / 'datapackage.json'} {descriptor_problem}")
    if seeds_dir is not None and not Path(seeds_dir).is_dir():
        raise ValidationSetupError(f"seeds folder not found: {seeds_dir}")
    if schema_dir is not None and not Path(schema_dir).is_dir():
        raise ValidationSetupError(f"schema folder not found: {schema_dir}")
    report = ValidationReport(str(dist_dir), str(seeds_dir) if seeds_dir else None, str(schema_dir) if schema_dir else None)
    if seeds_dir is None:
        report.skip("seeds", "no seeds folder: only the package is checked")
    else:
        check_seeds(Path(seeds_dir), report)
    with returning_freed_memory():
        check_package(dist_dir, report, Path(schema_dir) if schema_dir else None)
    if seeds_dir is None:
        report.skip("freshness", "no seeds folder to build from")
    else:
        check_freshness(Path(seeds_dir), dist_dir, report, workers=workers)
    return report.finish()


def check_package(dist_dir: Path, report: ValidationReport, schema_dir: Path | None = None) -> None:
    """Every check that needs only the package (and the contract)."""
    descriptor = check_descriptor(dist_dir, report)
    if descriptor is None:
        for check in ("contract", "integrity", "csv", "parquet", "rows", "sqlite"):
            report.skip(check, "the descriptor could not be read")
        return
    resources = [r for r in descriptor.get("resources", []) if isinstance(r, dict)]
    check_contract(resources, report, schema_dir)
    check_integrity(dist_dir, resources, report)
    check_csv(dist_dir, resources, report)
    for table in TABLES:
        csv_resource = resource_named(resources, table.name, "csv")
        parquet_resource = resource_named(resources, f"{table.name}-parquet", "parquet")
        if csv_resource is None or parquet_resource is None:
            continue  # reported by the descriptor check
        check_table(dist_dir, table.name, csv_resource, parquet_resource, report)
    report.note("parquet", f"{len(report.parquet_rows)} files, {sum(report.parquet_rows.values())} rows")
    report.note("rows", f"{len(report.rows)} tables, {sum(report.rows.values())} CSV rows")
    check_sqlite(dist_dir, resources, report)
