"""No single file stops a build: every file-system oddity in the seeds folder is reported with its reason
and counted, links leaving the seeds folder are never followed, and the rest is published."""

from __future__ import annotations

import csv
import os

import pytest

from pipeline.build.publish import build
from pipeline.check import validate

from ..conftest import REPO
from .helpers import pqpub

SEED = "001_9f0442c81153244d.txt"


@pytest.fixture
def odd_seeds(seeds_copy, tmp_path):
    """The repository's seeds among every kind of file-system oddity."""
    secret = tmp_path / "secret.txt"
    secret.write_text((seeds_copy / SEED).read_text().replace("281056", "777777"))
    (seeds_copy / "sub").mkdir()
    (seeds_copy / "sub" / "loop").symlink_to("..")                  # a folder link back up: a loop if followed
    (seeds_copy / "self.txt").symlink_to("self.txt")                 # a link to itself
    (seeds_copy / "outside.txt").symlink_to(secret)                  # a file outside the seeds folder
    (seeds_copy / "zero.txt").symlink_to("/dev/zero")                # a device
    (seeds_copy / "dangling.txt").symlink_to("nowhere.txt")          # a link that leads nowhere
    os.mkfifo(seeds_copy / "fifo.txt")                               # a FIFO: opening it would wait forever
    (seeds_copy / os.fsdecode(b"caf\xe9.txt")).write_text("Latin-1 name")  # a name that is not UTF-8
    (seeds_copy / "inside.txt").symlink_to(SEED)                     # a link within the folder: read
    return seeds_copy


NOT_READ = {
    "sub/loop": "symbolic link to a folder: not followed",
    "self.txt": "symbolic link loop: not followed",
    "outside.txt": "symbolic link leaving the seeds folder",
    "zero.txt": "symbolic link leaving the seeds folder",
    "dangling.txt": "symbolic link that leads nowhere",
    "fifo.txt": "not a regular file (a FIFO)",
    "caf\\xe9.txt": "file name is not valid UTF-8 text",
}


def test_every_oddity_is_reported_counted_and_the_rest_published(odd_seeds, tmp_path):
    report = build(odd_seeds, tmp_path / "dist", workers=1)
    skipped = dict(report.seeds_skipped)
    assert set(skipped) == set(NOT_READ)
    for name, reason in NOT_READ.items():
        assert skipped[name].startswith(reason), (name, skipped[name])
    # 3 seeds and the link to one of them inside the folder.
    assert (report.seeds_read, report.seeds_published, report.seeds_rejected) == (4, 4, 0)
    with (tmp_path / "dist" / "answers.csv").open(newline="", encoding="utf-8") as stream:
        uins = {row["uin"] for row in csv.DictReader(stream)}
    assert "777777" not in uins  # the file outside the seeds folder was not read
    with (tmp_path / "dist" / "seeds.csv").open(newline="", encoding="utf-8") as stream:
        assert sorted(row["source_file"] for row in csv.DictReader(stream)) == sorted(
            ["000_8885b3d230a2f9dc.txt", SEED, "003_cb83d66ac9c0d06e.txt", "inside.txt"])


def test_the_command_names_each_file_not_read_and_strict_fails(odd_seeds, tmp_path):
    result = pqpub("build", str(odd_seeds), "--out", str(tmp_path / "dist"), "--strict", timeout=60)
    assert result.returncode == 1
    assert "7 files not read" in result.stdout
    for name in NOT_READ:
        assert f"not read {odd_seeds / name}: " in result.stderr.replace("\n", " ") or name.startswith("caf")
    assert "Traceback" not in result.stderr


def test_the_validator_reports_each_file_not_read(odd_seeds, tmp_path):
    build(odd_seeds, tmp_path / "dist", workers=1)
    report = validate(tmp_path / "dist", odd_seeds)
    files = {f.file for f in report.failures if f.check == "seeds"}
    assert files == {f"seeds/{name}" for name in NOT_READ}
    assert report.checks["freshness"].status == "passed"


def test_an_unreadable_folder_or_file_is_reported_and_the_rest_read(seeds_copy, tmp_path, monkeypatch):
    # Tests may run as root, for whom no permission is refused: the refusals are injected.
    (seeds_copy / "locked").mkdir()
    (seeds_copy / "locked" / "a.txt").write_text("x")
    (seeds_copy / "unreadable.txt").write_text("x")
    from pipeline import sources

    real_scandir, real_open = os.scandir, sources.open_seed

    def scandir(path):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    def open_seed(path):
        if path.name == "unreadable.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(sources, "open_seed", open_seed)
    report = build(seeds_copy, tmp_path / "dist", workers=1)
    assert dict(report.seeds_skipped) == {
        "locked": "folder cannot be listed: Permission denied",
        "unreadable.txt": "cannot be read: Permission denied",
    }
    assert (report.seeds_read, report.seeds_published) == (3, 3)


def test_a_fifo_put_in_a_seeds_place_after_listing_is_reported_not_waited_for(seeds_copy, tmp_path, monkeypatch):
    from pipeline.build import chunks

    real_plan = chunks.plan_chunks

    def plan_then_swap(*args, **kwargs):
        # Between the listing and the reading, a seed becomes a FIFO: opening it for reading would block.
        for task in real_plan(*args, **kwargs):
            (seeds_copy / SEED).unlink()
            os.mkfifo(seeds_copy / SEED)
            yield task

    monkeypatch.setattr("pipeline.build.publish.plan_chunks", plan_then_swap)
    for cache in (None, tmp_path / "cache"):
        (seeds_copy / SEED).unlink(missing_ok=True)
        (seeds_copy / SEED).write_text((REPO / "seeds" / SEED).read_text())
        report = build(seeds_copy, tmp_path / "dist", workers=1, cache_dir=cache)
        assert dict(report.seeds_skipped) == {SEED: "cannot be read: not a regular file"}
        assert report.seeds_published == 2
