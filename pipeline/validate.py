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
    only the key columns (:mod:`pipeline.keys`).
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

import json
import os
import re
import shutil
import stat
import tempfile
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from .descriptor import DATABASE_RESOURCE, sha256_of
from .memory import returning_freed_memory
from .keys import KeyedFile, check_keys
from .schema import table_schema
from .tables import TABLES, TABLES_BY_NAME

CHECKS = ("seeds", "descriptor", "contract", "integrity", "csv", "parquet", "rows", "sqlite", "freshness")
#: At most this many failures are listed for one check, file and column; the rest are counted.
MAX_FAILURES_PER_COLUMN = 20
#: Rows per Parquet batch: at most a few tens of MB of answer text, whatever the size of the table.
BATCH_ROWS = 2_048
#: The first data row is row 2: the header is row 1.
FIRST_ROW = 2


class ValidationSetupError(Exception):
    """Validation could not run: a folder or the descriptor is missing (a usage or environment error)."""


@dataclass(frozen=True)
class Failure:
    check: str
    file: str | None
    row: int | None
    column: str | None
    reason: str


@dataclass
class CheckResult:
    name: str
    status: str = "passed"  # passed, failed or skipped
    detail: str = ""


@dataclass
class ValidationReport:
    dist_dir: str
    seeds_dir: str | None
    schema_dir: str | None
    checks: dict[str, CheckResult] = field(default_factory=lambda: {name: CheckResult(name) for name in CHECKS})
    failures: list[Failure] = field(default_factory=list)
    #: Data rows read per table, from the CSV and from the Parquet file.
    rows: dict[str, int] = field(default_factory=dict)
    parquet_rows: dict[str, int] = field(default_factory=dict)
    _listed: Counter = field(default_factory=Counter, repr=False)
    _unlisted: Counter = field(default_factory=Counter, repr=False)

    @property
    def valid(self) -> bool:
        return not self.failures and not any(c.status == "failed" for c in self.checks.values())

    def fail(self, check: str, reason: str, file: str | None = None, row: int | None = None, column: str | None = None) -> None:
        self.checks[check].status = "failed"
        key = (check, file, column)
        if self._listed[key] >= MAX_FAILURES_PER_COLUMN:
            self._unlisted[key] += 1
            return
        self._listed[key] += 1
        self.failures.append(Failure(check, file, row, column, reason))

    def count(self, check: str, file: str | None, column: str | None, failures: int) -> None:
        """``failures`` more failures of one check, file and column, counted but not listed."""
        if failures > 0:
            self.checks[check].status = "failed"
            self._unlisted[(check, file, column)] += failures

    def skip(self, check: str, detail: str) -> None:
        self.checks[check].status = "skipped"
        self.checks[check].detail = detail

    def note(self, check: str, detail: str) -> None:
        result = self.checks[check]
        result.detail = f"{result.detail}; {detail}" if result.detail else detail

    def finish(self) -> "ValidationReport":
        for (check, file, column), count in sorted(self._unlisted.items(), key=lambda item: tuple(str(v) for v in item[0])):
            self.failures.append(Failure(check, file, None, column, f"and {count} more failures of this check in this {'column' if column else 'file'}"))
        self._unlisted.clear()
        order = {name: index for index, name in enumerate(CHECKS)}
        self.failures.sort(key=lambda f: order[f.check])  # stable: keeps each check's own order
        return self

    def to_dict(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "dist": self.dist_dir,
            "seeds": self.seeds_dir,
            "schema": self.schema_dir,
            "checks": [{**asdict(c), "failures": sum(1 for f in self.failures if f.check == c.name)} for c in self.checks.values()],
            "rows": self.rows,
            "parquet_rows": self.parquet_rows,
            "failures": [asdict(f) for f in self.failures],
        }


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


# --- seeds ---------------------------------------------------------------------------


def check_seeds(seeds_dir: Path, report: ValidationReport) -> None:
    """Every seed is read and its answers extracted; every record must conform to its model."""
    from pydantic import ValidationError

    from .extract.seed import extract_seed
    from .model import GroupedQuestion
    from .sources import iter_seed_paths

    seeds = answers = 0
    skipped: list = []
    for path in iter_seed_paths(seeds_dir, skipped):
        seeds += 1
        where = f"{seeds_dir.name}/{path.relative_to(seeds_dir).as_posix()}"
        conformance: list[tuple[str, int]] = []

        def check(reading, answer) -> None:
            extracted = answer.extracted
            records = [extracted.answer, *extracted.statistics, *extracted.references, *extracted.quality]
            records += [GroupedQuestion.model_construct(answer_id=extracted.answer.answer_id, grouped_uin=u) for u in extracted.grouped_uins]
            for record in records:
                try:
                    type(record).model_validate(dict(record.__dict__))
                except ValidationError as error:
                    problems = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'record'}: {e['msg']}" for e in error.errors(include_url=False))
                    conformance.append((f"{type(record).__name__} does not conform to the model: {problems}", answer.position))

        try:
            reading = extract_seed(path, seeds_dir, check)
        except OSError as error:  # unreadable, or gone since it was listed
            report.fail("seeds", f"not read: cannot be read: {error.strerror or error}", where)
            continue
        answers += reading.answers_passed
        for position, reason in reading.rejections:
            report.fail("seeds", f"rejected: {reason}" if position == 0 else f"record rejected: {reason}", where, position or None)
        for message, position in conformance:
            report.fail("seeds", message, where, position)
    for source_file, reason in skipped:
        report.fail("seeds", f"not read: {reason}", f"{seeds_dir.name}/{source_file}")
    report.note("seeds", f"{seeds} seeds, {answers} answers" + (f", {len(skipped)} files not read" if skipped else ""))


# --- freshness -------------------------------------------------------------------------


def check_freshness(seeds_dir: Path, dist_dir: Path, report: ValidationReport, *, workers: int | None = None) -> None:
    """A fresh build of the seeds must be byte for byte the package."""
    from .publish import build

    with tempfile.TemporaryDirectory(prefix="pqpub-validate-") as scratch:
        fresh = Path(scratch) / "dist"
        try:
            # Built over a copy of the package, as `pqpub build` builds over dist/: the package is
            # the previous release, whose record of changes a build of the same rows keeps.
            # Only its regular files: a link or a FIFO in the package (the integrity check's failures)
            # must not be followed or opened by the copy, nor read by the build as the previous release.
            shutil.copytree(dist_dir, fresh, copy_function=_link_or_copy, ignore=_links_and_special_files)
            build(seeds_dir, fresh, workers=workers)
        except Exception as error:  # a failed build is a finding, not a crash of the validator
            report.fail("freshness", f"building {seeds_dir} failed: {type(error).__name__}: {error}")
            return
        built, published = _tree(fresh), _tree(dist_dir)
        for name in sorted(built.keys() | published.keys()):
            if name not in published:
                report.fail("freshness", f"missing: a build of {seeds_dir.name}/ writes it (run `pqpub build`)", name)
            elif name not in built:
                report.fail("freshness", f"extra: a build of {seeds_dir.name}/ does not write it", name)
            elif built[name] != published[name]:
                report.fail("freshness", f"differs from a build of {seeds_dir.name}/ (run `pqpub build`)", name)
        report.note("freshness", f"{len(built)} files compared with a build of {seeds_dir.name}/")


def _links_and_special_files(directory: str, names: list[str]) -> set[str]:
    """The names in ``directory`` that are links or not regular files or folders (left out of the copy)."""
    left_out = set()
    for name in names:
        mode = os.lstat(os.path.join(directory, name)).st_mode
        if stat.S_ISLNK(mode) or not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            left_out.add(name)
    return left_out


def _link_or_copy(source: str, target: str) -> None:
    """A hard link where the file system allows one: the build replaces files, never writes into them."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _tree(folder: Path) -> dict[str, str]:
    """Every regular file of the package with its SHA-256; links are not followed (the integrity check reports them)."""
    return {entry.relative: sha256_of(folder / entry.relative) for entry in package_entries(folder) if entry.problem is None}


# --- the package -------------------------------------------------------------------


def check_package(dist_dir: Path, report: ValidationReport, schema_dir: Path | None = None) -> None:
    """Every check that needs only the package (and the contract)."""
    descriptor = _check_descriptor(dist_dir, report)
    if descriptor is None:
        for check in ("contract", "integrity", "csv", "parquet", "rows", "sqlite"):
            report.skip(check, "the descriptor could not be read")
        return
    resources = [r for r in descriptor.get("resources", []) if isinstance(r, dict)]
    _check_contract(resources, report, schema_dir)
    _check_integrity(dist_dir, resources, report)
    _check_csv(dist_dir, resources, report)
    for table in TABLES:
        csv_resource = _resource(resources, table.name, "csv")
        parquet_resource = _resource(resources, f"{table.name}-parquet", "parquet")
        if csv_resource is None or parquet_resource is None:
            continue  # reported by the descriptor check
        _check_table(dist_dir, table.name, csv_resource, parquet_resource, report)
    report.note("parquet", f"{len(report.parquet_rows)} files, {sum(report.parquet_rows.values())} rows")
    report.note("rows", f"{len(report.rows)} tables, {sum(report.rows.values())} CSV rows")
    check_sqlite(dist_dir, resources, report)


def _resource(resources: list[dict], name: str, format: str) -> dict | None:
    return next((r for r in resources if r.get("name") == name and r.get("format") == format), None)


def _path_in(dist_dir: Path, resource: dict) -> Path | None:
    """The resource's file, or None where its path may not be opened (see :func:`path_problem`)."""
    path = resource.get("path")
    if path_problem(dist_dir, path) is not None:
        return None
    return dist_dir / path


def path_problem(dist_dir: Path, path: Any) -> str | None:
    """Why a resource path may not be opened, or None where it may. The validator stays inside the
    package: a path that is absolute, climbs with ``..``, or leads outside the package folder
    through a link is never opened, and neither is anything but a regular file (a FIFO would
    hang the check, a device never end). A file that does not exist is the integrity check's."""
    if not isinstance(path, str) or not path:
        return "has no path"
    if path.startswith(("/", "\\")) or Path(path).is_absolute() or re.match(r"^[A-Za-z]:", path) or "://" in path:
        return f"has an absolute path or URL ({path!r}): only files inside the package are read"
    if ".." in re.split(r"[/\\]", path):
        return f"has a path that climbs out with '..' ({path!r})"
    problem = file_problem(dist_dir, path)
    return None if problem in (None, "not found") else problem


def file_problem(dist_dir: Path, relative: str) -> str | None:
    """Why the file ``relative`` of the package may not be opened: a link leaving the package, not a
    regular file, or not found; None for a regular file inside the package."""
    root = os.path.realpath(dist_dir)
    target = os.path.realpath(os.path.join(dist_dir, relative))
    if os.path.commonpath([root, target]) != root:
        return f"leads outside the package through a symbolic link (to {target}): not opened"
    try:
        info = os.stat(target)
    except OSError:
        return "not found"
    if not stat.S_ISREG(info.st_mode):
        return "is not a regular file (a FIFO, device, socket or folder): not opened"
    return None


class PackageEntry(NamedTuple):
    relative: str
    #: None for a regular file; otherwise why it does not belong in a package.
    problem: str | None


def package_entries(folder: Path) -> list[PackageEntry]:
    """Everything under the package folder, sorted, links not followed."""
    found = []
    for directory, subfolders, files in os.walk(folder):
        for name in list(subfolders):
            if os.path.islink(os.path.join(directory, name)):  # os.walk lists a link to a folder as a folder
                subfolders.remove(name)
                files.append(name)
        for name in files:
            path = os.path.join(directory, name)
            relative = Path(path).relative_to(folder).as_posix()
            info = os.lstat(path)
            if stat.S_ISLNK(info.st_mode):
                found.append(PackageEntry(relative, f"is a symbolic link (to {os.readlink(path)}): a package holds only files; not opened"))
            elif not stat.S_ISREG(info.st_mode):
                found.append(PackageEntry(relative, "is not a regular file (a FIFO, device or socket): not opened"))
            else:
                found.append(PackageEntry(relative, None))
    return sorted(found)


def _check_descriptor(dist_dir: Path, report: ValidationReport) -> dict | None:
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
        resource = _resource(resources, name, format)
        if resource is None:
            report.fail("descriptor", f"no {format} resource named {name} for {file}", path.name)
        elif (problem := path_problem(dist_dir, resource.get("path"))) is not None:
            report.fail("descriptor", f"resource {name} {problem}", path.name)
    expected[(DATABASE_RESOURCE, "sqlite")] = "the SQLite database"
    if _resource(resources, DATABASE_RESOURCE, "sqlite") is None:
        report.fail("descriptor", f"no sqlite resource named {DATABASE_RESOURCE}", path.name)
    for resource in resources:
        if (resource.get("name"), resource.get("format")) not in expected:
            report.fail("descriptor", f"resource {resource.get('name')!r} ({resource.get('format')}) is not a table of the contract", path.name)
    report.note("descriptor", f"{len(resources)} resources")
    return descriptor


def _check_contract(resources: list[dict], report: ValidationReport, schema_dir: Path | None) -> None:
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
        for resource in (_resource(resources, table.name, "csv"), _resource(resources, f"{table.name}-parquet", "parquet")):
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


def _check_integrity(dist_dir: Path, resources: list[dict], report: ValidationReport) -> None:
    files = 0
    for resource in resources:
        path = _path_in(dist_dir, resource)
        if path is None:
            continue
        if not path.is_file():
            report.fail("integrity", f"file of resource {resource.get('name')} not found", path.name)
            continue
        files += 1
        declared_hash = resource.get("hash")
        if declared_hash is None:
            report.fail("integrity", f"resource {resource.get('name')} declares no hash", path.name)
        else:
            algorithm, _, digest = str(declared_hash).partition(":")
            if algorithm != "sha256":
                report.fail("integrity", f"hash {declared_hash!r} is not a 'sha256:' hash", path.name)
            elif (actual := sha256_of(path)) != digest.lower():
                report.fail("integrity", f"SHA-256 is {actual}, the descriptor says {digest}", path.name)
        if "bytes" in resource and resource["bytes"] != path.stat().st_size:
            report.fail("integrity", f"size is {path.stat().st_size} bytes, the descriptor says {resource['bytes']}", path.name)
        elif "bytes" not in resource and resource.get("format") == "csv":
            report.fail("integrity", f"resource {resource.get('name')} declares no bytes", path.name)
    files += _check_every_file(dist_dir, resources, report)
    report.note("integrity", f"{files} files hashed")


def _check_every_file(dist_dir: Path, resources: list[dict], report: ValidationReport) -> int:
    """Every file the package holds is one it declares, unchanged; the number of files hashed.

    The descriptor declares the tables; the manifest (:mod:`pipeline.output`) lists every file
    with its SHA-256, whatever a build writes (the data dictionary, the descriptor itself, and any
    other file). So an edited README or a file added to the package is found without the seeds.
    Links and anything but regular files are failures, never opened. Files that are resources
    are hashed once, against the descriptor."""
    from .output import MANIFEST, read_manifest

    declared = {r["path"]: r for r in resources if isinstance(r.get("path"), str)}
    manifest = read_manifest(dist_dir)
    listed: dict[str, dict] = {}
    if manifest is None:
        report.fail("integrity", f"no manifest {MANIFEST} (or not pqpub's): the files the descriptor does not describe, "
                    "such as README.md, cannot be checked", MANIFEST)
    else:
        for item in manifest["files"]:
            if isinstance(item, dict) and isinstance(item.get("path"), str):
                listed[item["path"]] = item
            else:
                report.fail("integrity", f"manifest entry {item!r} names no file", MANIFEST)
    present, odd = set(), set()
    for entry in package_entries(dist_dir):
        if entry.problem is not None:
            report.fail("integrity", entry.problem, entry.relative)
            odd.add(entry.relative)
            continue
        present.add(entry.relative)
        if entry.relative != MANIFEST and entry.relative not in listed and entry.relative not in declared:
            report.fail("integrity", "extra file: neither the descriptor nor the manifest lists it", entry.relative)
    hashed = 0
    for path, item in sorted(listed.items()):
        problem = path_problem(dist_dir, path)
        if problem is not None:
            if path not in odd:  # a link or special file already reported as it was found
                report.fail("integrity", f"manifest entry {problem}", path)
            continue
        if path not in present:
            report.fail("integrity", "listed in the manifest but not in the package", path)
            continue
        if path in declared:
            continue  # checked against the descriptor's size and hash above
        hashed += 1
        algorithm, _, digest = str(item.get("hash")).partition(":")
        if algorithm != "sha256":
            report.fail("integrity", f"manifest hash {item.get('hash')!r} is not a 'sha256:' hash", path)
        elif (actual := sha256_of(dist_dir / path)) != digest.lower():
            report.fail("integrity", f"SHA-256 is {actual}, the manifest says {digest}: the file was changed after it was built", path)
        if item.get("bytes") != (size := (dist_dir / path).stat().st_size):
            report.fail("integrity", f"size is {size} bytes, the manifest says {item.get('bytes')}", path)
    return hashed


def _check_csv(dist_dir: Path, resources: list[dict], report: ValidationReport) -> None:
    """frictionless on each CSV resource on its own (structure, types, constraints); the primary
    and foreign keys with pyarrow (:mod:`pipeline.keys`), since frictionless holds every key
    and each referenced table in memory. Sizes and hashes are the integrity check's."""
    from frictionless import Resource

    keyed = []
    for resource in resources:
        path = _path_in(dist_dir, resource)
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


# --- the SQLite database: the Parquet rows, and its foreign keys -------------------------


def check_sqlite(dist_dir: Path, resources: list[dict], report: ValidationReport) -> None:
    """The database holds exactly the Parquet files' rows, table by table in the same order, compared a batch at a time."""
    import sqlite3

    from .sqlite import iter_rows, sqlite_batch

    resource = _resource(resources, DATABASE_RESOURCE, "sqlite")
    path = _path_in(dist_dir, resource) if resource else None
    if path is None or not path.is_file():
        report.fail("sqlite", "the database is not declared or not found", path.name if path else None)
        return
    compared = 0
    try:
        for table in TABLES:
            parquet_path = dist_dir / f"{table.name}.parquet"
            if not parquet_path.is_file():
                continue  # reported by the parquet check
            stored = iter_rows(path, table)
            pending: list[tuple] = []
            row = FIRST_ROW
            differs = False
            for batch in pq.ParquetFile(parquet_path).iter_batches(batch_size=BATCH_ROWS, columns=table.columns, use_threads=False):
                expected = list(zip(*sqlite_batch(batch)))
                while len(pending) < len(expected) and (more := next(stored, None)) is not None:
                    pending += more
                actual, pending = pending[: len(expected)], pending[len(expected):]
                for index, (want, got) in enumerate(zip(expected, actual)):
                    if want != got:
                        column = next(c for c, w, g in zip(table.columns, want, got) if w != g)
                        report.fail("sqlite", f"table {table.name} differs from {parquet_path.name} at row {row + index}, column {column}: "
                                    f"{_show(got[table.columns.index(column)])} instead of {_show(want[table.columns.index(column)])}; the rows after it were not compared",
                                    path.name, row + index, column)
                        differs = True
                        break
                if differs:
                    break
                if len(actual) < len(expected):
                    report.fail("sqlite", f"table {table.name} has fewer rows than {parquet_path.name}", path.name, row + len(actual))
                    differs = True
                    break
                row += len(expected)
                compared += len(expected)
            if not differs and (pending or next(stored, None)):
                report.fail("sqlite", f"table {table.name} has more rows than {parquet_path.name}", path.name)
    except sqlite3.Error as error:
        report.fail("sqlite", f"cannot be read: {error}", path.name)
        return
    report.note("sqlite", f"{compared} rows equal to the Parquet files'")


# --- one table: Parquet columns and values, and CSV == Parquet ---------------------------


def _check_table(dist_dir: Path, name: str, csv_resource: dict, parquet_resource: dict, report: ValidationReport) -> None:
    table = TABLES_BY_NAME[name]
    expected = table.arrow_schema()
    csv_path, parquet_path = _path_in(dist_dir, csv_resource), _path_in(dist_dir, parquet_resource)
    if csv_path is None or parquet_path is None:
        return  # a path that may not be opened: reported by the descriptor check
    if not parquet_path.is_file():
        report.fail("parquet", "file not found", parquet_path.name)
        return
    try:
        parquet = pq.ParquetFile(parquet_path, pre_buffer=False)
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
                report.fail("parquet", f"{reason}" + ("" if value in (None, "") else f": {_show(value)}"), file, offset + index + FIRST_ROW, name)


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
    report.fail("rows", f"differs from {csv_file} at row {row}, column {name}{others}: {csv_file} has {_show(csv_value)}, "
                f"{parquet_file} has {_show(parquet_value)}; the rows after it were not compared", parquet_file, row, name)
    return True


def _show(value: Any, limit: int = 60) -> str:
    text = "empty" if value is None else repr(value if not hasattr(value, "isoformat") else value.isoformat())
    return text if len(text) <= limit else text[: limit - 1] + "…"
