"""Publishing is one atomic step: killed at any point, a build leaves the old package whole and in place,
and the next build removes what it left."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from pipeline.build.output import MANIFEST, is_package
from pipeline.build.publish import build

from ..conftest import REPO
from .helpers import pqpub, tree

SEED = "001_9f0442c81153244d.txt"
#: Every point of a build at which a test kills it, in the order they are reached.
BEFORE_PUBLISHING = ("staging", "read", "writing", "descriptor", "before-publish")
AFTER_PUBLISHING = ("published", "trashing", "cleaned")


@pytest.fixture
def old_and_new(seeds_copy, tmp_path):
    """An output folder holding the package of the seeds; then one seed more, so that a new build differs."""
    out = tmp_path / "dist"
    build(seeds_copy, out, workers=1)
    old = tree(out)
    (seeds_copy / "new.txt").write_text((seeds_copy / SEED).read_text().replace("281056", "999999"))
    return seeds_copy, out, old


#: A build in a process of its own: forking pytest itself (which runs threads) may deadlock the child.
_BUILD_SCRIPT = """
import sys
from pathlib import Path
from pipeline.build import build, output
if sys.argv[3] == "two-renames":  # as on a file system that cannot exchange two folders
    output._exchange = lambda first, second: False
print("ready", flush=True)
try:
    build(Path(sys.argv[1]), Path(sys.argv[2]), workers=1)
except BaseException:
    sys.exit(3)
"""


def _start_build(seeds: Path, out: Path, *, kill_at: str | None = None, two_renames: bool = False) -> subprocess.Popen:
    """A build in a new process, started once it has said it is ready (its imports done)."""
    env = {key: value for key, value in os.environ.items() if key != "PQPUB_KILL_AT"}
    if kill_at:
        env["PQPUB_KILL_AT"] = kill_at
    process = subprocess.Popen([sys.executable, "-c", _BUILD_SCRIPT, str(seeds), str(out), "two-renames" if two_renames else "exchange"],
                               cwd=REPO, env=env, stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "ready"
    return process


def _killed_build(seeds: Path, out: Path, point: str, *, two_renames: bool = False) -> int:
    """A build told to kill itself with SIGKILL at ``point``; its exit code (-9 when it was killed there)."""
    process = _start_build(seeds, out, kill_at=point, two_renames=two_renames)
    return process.wait(timeout=120)


@pytest.mark.parametrize("two_renames", [False, True], ids=["exchange", "two-renames"])
def test_a_build_killed_at_any_point_leaves_a_whole_package_and_the_next_build_cleans_up(old_and_new, tmp_path, two_renames):
    seeds, out, old = old_and_new
    points = BEFORE_PUBLISHING + (("between-renames",) if two_renames else ()) + AFTER_PUBLISHING
    new = None
    for point in points:
        assert _killed_build(seeds, out, point, two_renames=two_renames) == -9, point
        if point in BEFORE_PUBLISHING:
            assert is_package(out) and tree(out) == old, f"killed at {point}: the old package must stay"
        elif point == "between-renames":
            assert not out.exists()  # the two-step publish's one gap, closed by the next build
            assert _killed_build(seeds, out, "staging") == -9
            assert tree(out) == old, "the next build puts the old package back before anything else"
        else:
            assert is_package(out), point
            new = new or tree(out)
            assert tree(out) == new and tree(out) != old, f"killed at {point}: the new package is in place"
        leftovers = [p.name for p in tmp_path.iterdir() if p.name not in ("seeds", "dist", ".pqpub-cache")]
        assert all(".pqpub-build-" in n or ".pqpub-trash-" in n for n in leftovers), leftovers
    result = pqpub("build", str(seeds), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [".pqpub-cache", "dist", "seeds"]
    assert tree(out) == new
    assert pqpub("validate", "--dist", str(out)).returncode == 0


def test_leftovers_of_builds_before_the_build_folders_are_removed(old_and_new, tmp_path):
    seeds, out, old = old_and_new
    # What the former two-rename publish left when killed: a staging folder and the old package aside.
    import shutil

    shutil.copytree(out, tmp_path / "dist.tmp-abc123")
    (tmp_path / "dist.tmp-abc123" / ".spool").mkdir()
    shutil.copytree(out, tmp_path / "dist.old-4242")
    (tmp_path / "dist.tmp-mine").mkdir()
    (tmp_path / "dist.tmp-mine" / "thesis.tex").write_text("not the builder's")
    assert pqpub("build", str(seeds), "--out", str(out), "--no-cache").returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist", "dist.tmp-mine", "seeds"]


def test_readers_always_find_a_package_while_builds_replace_it(old_and_new):
    seeds, out, old = old_and_new
    done = threading.Event()
    missing = []

    def rebuild():
        try:
            for _ in range(4):
                build(seeds, out, workers=1)
        finally:
            done.set()

    worker = threading.Thread(target=rebuild)
    worker.start()
    looks = 0
    while not done.is_set():
        looks += 1
        if not (out / "datapackage.json").is_file() or not (out / MANIFEST).is_file():
            missing.append(looks)
    worker.join()
    assert looks > 100 and not missing


def test_concurrent_builds_into_one_output_both_succeed_one_after_the_other(old_and_new, tmp_path):
    seeds, out, old = old_and_new
    runs = [subprocess.Popen([sys.executable, "-m", "pipeline.cli", "build", str(seeds), "--out", str(out)], cwd=REPO,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for run in runs:
        _, stderr = run.communicate(timeout=120)
        assert run.returncode == 0, stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [".pqpub-cache", "dist", "seeds"]
    assert pqpub("validate", "--dist", str(out)).returncode == 0


def test_a_full_disk_fails_the_build_and_keeps_the_old_package(old_and_new, tmp_path, monkeypatch):
    seeds, out, old = old_and_new
    from pipeline.build import writer

    def full(self, batch):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(writer.TableWriter, "_encode", full)
    with pytest.raises(OSError, match="No space left"):
        build(seeds, out, workers=1)
    assert tree(out) == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist", "seeds"]


def test_a_full_disk_is_reported_by_the_command_without_a_traceback(old_and_new, tmp_path):
    seeds, out, old = old_and_new
    code = ("import errno, sys, pipeline.build.writer as w\n"
            "def full(self, batch): raise OSError(errno.ENOSPC, 'No space left on device')\n"
            "w.TableWriter._encode = full\n"
            "from pipeline.cli import app; sys.argv = ['pqpub', *sys.argv[1:]]; app()")
    result = subprocess.run([sys.executable, "-c", code, "build", str(seeds), "--out", str(out)], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert result.returncode == 1
    assert "No space left on device" in result.stderr and "Traceback" not in result.stderr
    assert tree(out) == old


def test_a_build_killed_at_arbitrary_instants_leaves_the_old_or_the_new_package(old_and_new, tmp_path):
    import signal
    import time

    seeds, out, old = old_and_new
    import shutil

    shutil.copytree(out, tmp_path / "expected")
    build(seeds, tmp_path / "expected", workers=1)
    new = tree(tmp_path / "expected")  # what a whole build over the old package publishes, manifest and all
    for delay in (0.0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.8):
        process = _start_build(seeds, out)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=120)
        assert is_package(out), delay
        assert tree(out) in (old, new), f"killed after {delay} s: neither the old package nor the new one"
    build(seeds, out, workers=1)
    assert tree(out) == new
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist", "expected", "seeds"]
