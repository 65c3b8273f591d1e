"""The validator stays inside the package it checks: nothing a package holds or names makes it open a file
outside, read a FIFO or a device, crash, or hang; every failure is in the JSON report."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from pipeline.build.output import MANIFEST
from pipeline.check import validate

from .helpers import pqpub


@pytest.fixture
def package(built, tmp_path) -> Path:
    copy = tmp_path / "dist"
    shutil.copytree(built, copy)
    return copy


def _set_path(package: Path, resource: str, path: str) -> None:
    descriptor = json.loads((package / "datapackage.json").read_text())
    for entry in descriptor["resources"]:
        if entry["name"] == resource:
            entry["path"] = path
    (package / "datapackage.json").write_text(json.dumps(descriptor, indent=2))


def _json_report(package: Path) -> tuple[int, dict]:
    # Under a timeout: a validator that opened a FIFO or /dev/zero would never return.
    result = pqpub("validate", "--dist", str(package), "--format", "json", timeout=90)
    assert "Traceback" not in result.stderr
    return result.returncode, json.loads(result.stdout)


def _failures(report: dict, check: str) -> list[tuple[str | None, str]]:
    return [(f["file"], f["reason"]) for f in report["failures"] if f["check"] == check]


def test_the_package_as_built_is_valid_without_seeds(package):
    report = validate(package)
    assert report.valid, report.failures


@pytest.mark.parametrize("path, reason", [
    ("/etc/passwd", "has an absolute path or URL ('/etc/passwd')"),
    ("../../etc/passwd", "has a path that climbs out with '..'"),
    ("sub/../../x.csv", "has a path that climbs out with '..'"),
])
def test_a_resource_path_out_of_the_package_is_a_failure_never_opened(package, path, reason):
    _set_path(package, "sources", path)
    code, report = _json_report(package)
    assert code == 1 and report["valid"] is False
    assert any(r.startswith(f"resource sources {reason}") for _, r in _failures(report, "descriptor"))


def test_a_table_that_is_a_link_out_of_the_package_is_a_failure_never_read(package, tmp_path):
    outside = tmp_path / "outside.csv"
    shutil.copyfile(package / "sources.csv", outside)  # the same bytes: only where it is gives it away
    (package / "sources.csv").unlink()
    (package / "sources.csv").symlink_to(outside)
    code, report = _json_report(package)
    assert code == 1
    assert ("sources.csv", f"is a symbolic link (to {outside}): a package holds only files; not opened") in _failures(report, "integrity")
    assert any("leads outside the package through a symbolic link" in r for _, r in _failures(report, "descriptor"))


def test_a_fifo_or_a_link_to_a_device_is_a_failure_never_read(package):
    (package / "sources.csv").unlink()
    os.mkfifo(package / "sources.csv")
    (package / "quality.parquet").unlink()
    (package / "quality.parquet").symlink_to("/dev/zero")
    code, report = _json_report(package)
    assert code == 1
    integrity = dict(_failures(report, "integrity"))
    assert integrity["sources.csv"] == "is not a regular file (a FIFO, device or socket): not opened"
    assert integrity["quality.parquet"] == "is a symbolic link (to /dev/zero): a package holds only files; not opened"


def test_an_edited_data_dictionary_is_found_without_seeds(package):
    with (package / "README.md").open("a", encoding="utf-8") as stream:
        stream.write("\nEvery figure here was checked by hand.\n")
    report = validate(package)
    assert not report.valid
    [failure] = [f for f in report.failures if f.file == "README.md" and "SHA-256" in f.reason]
    assert failure.check == "integrity" and "the manifest says" in failure.reason


def test_an_extra_file_or_link_in_the_package_is_found_without_seeds(package):
    (package / "answers-fixed.csv").write_text("answer_id\n")
    (package / "notes").mkdir()
    (package / "notes" / "todo.txt").write_text("x")
    (package / "shadow").symlink_to("/etc/shadow")
    report = validate(package)
    extra = {f.file: f.reason for f in report.failures if f.check == "integrity"}
    assert extra["answers-fixed.csv"] == "extra file: neither the descriptor nor the manifest lists it"
    assert extra["notes/todo.txt"] == "extra file: neither the descriptor nor the manifest lists it"
    assert extra["shadow"].startswith("is a symbolic link (to /etc/shadow)")


def test_a_removed_manifest_is_a_failure(package):
    (package / MANIFEST).unlink()
    report = validate(package)
    assert any(f.file == MANIFEST and f.check == "integrity" for f in report.failures)


def test_a_descriptor_that_is_a_link_is_not_read(package, tmp_path):
    shutil.move(package / "datapackage.json", tmp_path / "elsewhere.json")
    (package / "datapackage.json").symlink_to(tmp_path / "elsewhere.json")
    code, report = _json_report(package)
    assert code == 2 and report["valid"] is False
    assert "leads outside the package" in report["error"]
