"""A worker process that dies is an error of the build, never a build that waits for ever;
so is the process that writes the database."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pipeline.bench import generate_corpus
from pipeline.build.output import KILL_AT_VARIABLE

from ..conftest import REPO
from .helpers import tree


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Enough seeds for the build to start worker processes."""
    seeds = tmp_path_factory.mktemp("workers") / "seeds"
    generate_corpus(seeds, 400)
    return seeds


def _run(script: str, folder: Path, **environment: str) -> subprocess.CompletedProcess:
    """``script`` run as a file of its own in ``folder`` (a worker imports it again, as it would a user's)."""
    (folder / "build.py").write_text(script)
    env = {key: value for key, value in os.environ.items() if key != KILL_AT_VARIABLE}
    env.update(PYTHONPATH=str(REPO), **environment)
    return subprocess.run([sys.executable, "build.py"], cwd=folder, env=env, capture_output=True, text=True, timeout=240)


def test_a_script_that_builds_without_a_main_guard_fails_with_the_reason_instead_of_hanging(corpus, tmp_path):
    # Each worker imports the script again; with multiprocessing.Pool this waited for ever.
    script = textwrap.dedent(f"""
        from pathlib import Path
        from pipeline.build import build
        build(Path({str(corpus)!r}), Path({str(tmp_path / 'dist')!r}), workers=2)
    """)
    result = _run(script, tmp_path)
    assert result.returncode != 0
    assert 'if __name__ == "__main__":' in result.stderr
    assert not (tmp_path / "dist").exists(), "nothing is published by a failed build"


@pytest.mark.parametrize("kill_at, error, reason", [
    ("worker", "WorkerDied", "ended before finishing its seeds"),  # a reader of pass 1
    ("database", "DatabaseFailed", "before finishing the database"),  # the database's process, beside pass 2
])
def test_a_process_killed_mid_build_fails_the_build_and_leaves_the_published_package(corpus, tmp_path, kill_at, error, reason):
    out = tmp_path / "dist"
    script = textwrap.dedent(f"""
        from pathlib import Path
        from pipeline.build import build
        if __name__ == "__main__":
            build(Path({str(corpus)!r}), Path({str(out)!r}), workers=2)
    """)
    first = _run(script, tmp_path)
    assert first.returncode == 0, first.stderr
    published = tree(out)
    killed = _run(script, tmp_path, **{KILL_AT_VARIABLE: kill_at})
    assert killed.returncode != 0
    assert error in killed.stderr and reason in killed.stderr
    assert tree(out) == published, "the package built before is untouched"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".dist")], "no build folder is left behind"
