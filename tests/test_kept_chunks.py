"""A chunk kept in the cache gives back each unchanged seed's rows, wherever that seed's answers fall in the new chunk."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

import pipeline.build.rows as rows
from pipeline.bench import generate_corpus
from pipeline.build import chunks
from pipeline.build.publish import build, iter_seed_files


def _digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def corpus(tmp_path) -> Path:
    seeds = tmp_path / "seeds"
    generate_corpus(seeds, 120)
    return seeds


@pytest.mark.parametrize("change", ["emptied", "grown"])
def test_seeds_after_a_seed_whose_answers_changed_in_number_are_taken_from_the_kept_chunk(corpus, tmp_path, monkeypatch, change):
    # One chunk for the whole corpus, so that the seeds after the changed one are renumbered.
    monkeypatch.setattr(chunks, "CHUNK_AVERAGE", 1 << 30)
    cache = tmp_path / "cache"
    build(corpus, tmp_path / "dist", workers=1, cache_dir=cache)
    shutil.copytree(tmp_path / "dist", tmp_path / "clean")
    files = list(iter_seed_files(corpus))
    changed = corpus / next(f for f in files[1:] if f.endswith(".json"))
    if change == "emptied":
        changed.write_text("[]", encoding="utf-8")  # no answers: every later answer moves up
    else:
        other = corpus / next(f for f in files if f.endswith(".json") and corpus / f != changed)
        changed.write_bytes(other.read_bytes())
    extractions = []
    real = rows.seed_entry
    monkeypatch.setattr(rows, "seed_entry", lambda path, root, **options: extractions.append(path) or real(path, root, **options))
    second = build(corpus, tmp_path / "dist", workers=1, cache_dir=cache)
    assert extractions == [changed] and second.seeds_reused == second.seeds_read - 1
    monkeypatch.setattr(rows, "seed_entry", real)
    build(corpus, tmp_path / "clean", workers=1)
    assert _digest(tmp_path / "dist") == _digest(tmp_path / "clean")
    # And the chunk kept by the rebuild serves the next one whole.
    extractions.clear()
    monkeypatch.setattr(rows, "seed_entry", lambda path, root, **options: extractions.append(path) or real(path, root, **options))
    assert build(corpus, tmp_path / "dist", workers=1, cache_dir=cache).seeds_extracted == 0 and extractions == []


def test_a_first_build_hashes_each_seed_as_it_extracts_it_and_a_rebuild_reads_none_again(corpus, tmp_path, monkeypatch):
    # Files written this instant are hashed again whatever their record says (their times could hide a change):
    # here every recorded time counts as old enough.
    monkeypatch.setattr(chunks, "RACY_NS", -(1 << 62))
    hashed = []
    real_open = chunks.open_seed
    monkeypatch.setattr(chunks, "open_seed", lambda path: hashed.append(path) or real_open(path))
    cache = tmp_path / "cache"
    first = build(corpus, tmp_path / "dist", workers=1, cache_dir=cache)
    assert hashed == [] and first.seeds_extracted == first.seeds_read
    again = build(corpus, tmp_path / "dist", workers=1, cache_dir=cache)
    assert hashed == [] and again.seeds_extracted == 0
    shutil.copytree(tmp_path / "dist", tmp_path / "clean")  # both record what changed since the same release
    changed = corpus / next(f for f in iter_seed_files(corpus) if f.endswith(".txt"))
    changed.write_text(changed.read_text(encoding="utf-8") + "\nA further £2.5 million was announced on 3 March 2024.\n", encoding="utf-8")
    third = build(corpus, tmp_path / "dist", workers=1, cache_dir=cache)
    assert hashed == [str(changed)] and third.seeds_extracted == 1
    build(corpus, tmp_path / "clean", workers=1)
    assert _digest(tmp_path / "dist") == _digest(tmp_path / "clean")
