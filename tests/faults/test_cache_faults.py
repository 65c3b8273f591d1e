"""The extraction cache is trusted only when it proves itself: whatever is done to it, a build with it
publishes exactly what a build without it does, and a cache file never runs code."""

from __future__ import annotations

import pickle
import random
import shutil
from pathlib import Path

import pytest

from pipeline.build import rows as rows_module
from pipeline.build.cache import seal
from pipeline.build.publish import build

from ..conftest import REPO
from .helpers import tree

API = REPO / "tests" / "sources" / "fixtures" / "commons-api-2024-08.json"


@pytest.fixture
def seeds(seeds_copy):
    (seeds_copy / "api.json").write_bytes(API.read_bytes())
    return seeds_copy


def _cache_files(cache: Path) -> list[Path]:
    return sorted(p for p in cache.rglob("*") if p.is_file())


def _reference(seeds: Path, tmp_path: Path) -> dict[str, str]:
    build(seeds, tmp_path / "reference", workers=1)
    return tree(tmp_path / "reference")


def _same_as_without_cache(seeds: Path, out: Path, cache: Path) -> None:
    """A build with the cache publishes what a build without it does over the same previous package
    (a build records what changed since the package it replaces)."""
    twin = out.with_name(f"{out.name}-without-cache")
    shutil.rmtree(twin, ignore_errors=True)
    shutil.copytree(out, twin)
    build(seeds, out, workers=1, cache_dir=cache)
    build(seeds, twin, workers=1)
    assert tree(out) == tree(twin)


def _damage_every_entry(cache: Path, damage) -> int:
    files = _cache_files(cache)
    for path in files:
        path.write_bytes(damage(path.read_bytes()))
    return len(files)


class Exploit:
    """Unpickled, it leaves a file behind: proof that code ran."""

    def __init__(self, mark: Path):
        self.mark = mark

    def __reduce__(self):
        return (Path.write_text, (self.mark, "code ran"))


@pytest.mark.parametrize("fault", ["truncated", "random bytes", "one byte edited", "pickle", "sealed but not an entry"])
def test_a_damaged_cache_is_ignored_and_rebuilt_never_fatal(seeds, tmp_path, fault):
    cache = tmp_path / "cache"
    out = tmp_path / "dist"
    reference = _reference(seeds, tmp_path)
    build(seeds, out, workers=1, cache_dir=cache)
    assert tree(out) == reference
    mark = tmp_path / "exploited"
    generator = random.Random(17)
    damage = {
        "truncated": lambda content: content[: len(content) // 2],
        "random bytes": lambda content: bytes(generator.randrange(256) for _ in range(len(content))),
        "one byte edited": lambda content: content[:-40] + bytes([content[-40] ^ 0x01]) + content[-39:],
        "pickle": lambda content: pickle.dumps(Exploit(mark)),
        "sealed but not an entry": lambda content: seal(b'{"nonsense": [1, 2, 3]}'),
    }[fault]
    assert _damage_every_entry(cache, damage) >= 3
    (seeds / "001_9f0442c81153244d.txt").touch()  # its times no longer vouch for its recorded hash
    for _ in range(2):  # and the cache, rewritten by the first, serves the second
        _same_as_without_cache(seeds, out, cache)
    assert not mark.exists()


def test_a_seed_rewritten_while_it_is_read_leaves_no_entry_under_its_old_hash(seeds, tmp_path, monkeypatch):
    seed = seeds / "003_cb83d66ac9c0d06e.txt"
    original = seed.read_bytes()
    cache = tmp_path / "cache"
    out = tmp_path / "dist"
    real = rows_module.seed_entry

    def rewritten_while_read(path, root, **options):
        # The build hashed the seed before reading it; it is rewritten in between.
        if path.name == seed.name:
            seed.write_bytes(original.replace(b"the", b"THE"))
        return real(path, root, **options)

    monkeypatch.setattr(rows_module, "seed_entry", rewritten_while_read)
    build(seeds, out, workers=1, cache_dir=cache)
    monkeypatch.setattr(rows_module, "seed_entry", real)
    seed.write_bytes(original)  # restored
    for _ in range(2):
        _same_as_without_cache(seeds, out, cache)


def test_two_builds_sharing_a_cache_at_once_publish_what_a_build_without_it_does(seeds, tmp_path):
    import subprocess
    import sys

    reference = _reference(seeds, tmp_path)
    cache = tmp_path / "cache"
    runs = [subprocess.Popen([sys.executable, "-m", "pipeline.cli", "build", str(seeds), "--out", str(tmp_path / f"out{i}"),
                              "--cache-dir", str(cache)], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for i in range(2)]
    for run in runs:
        _, stderr = run.communicate(timeout=120)
        assert run.returncode == 0, stderr
    assert tree(tmp_path / "out0") == tree(tmp_path / "out1") == reference
