"""Building at scale: the same bytes whatever the workers, and rebuilds that reuse the extraction cache."""

from __future__ import annotations

import hashlib
import shutil
from datetime import date
from pathlib import Path

import pytest

import pipeline.build.publish as publish
import pipeline.build.rows as rows
from pipeline.bench import generate_corpus
from pipeline.build.cache import SeedCache
from pipeline.build.corpus import uin_key
from pipeline.build.publish import build, iter_seed_files
from pipeline.sources import iter_seed_paths

ANSWERS = 300


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    seeds = tmp_path_factory.mktemp("corpus") / "seeds"
    generate_corpus(seeds, ANSWERS)
    return seeds


@pytest.fixture(scope="module")
def clean_build(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("clean") / "dist"
    build(corpus, out, workers=1)
    return out


def test_output_is_byte_identical_whatever_the_number_of_workers(corpus, clean_build, tmp_path):
    report = build(corpus, tmp_path / "dist", workers=2)
    assert report.answers_published >= ANSWERS
    assert tree_digest(tmp_path / "dist") == tree_digest(clean_build)


def test_merged_and_cited_answers_are_published_once(clean_build):
    import csv

    with (clean_build / "answers.csv").open(newline="", encoding="utf-8") as stream:
        answers = list(csv.DictReader(stream))
    assert len({a["answer_id"] for a in answers}) == len(answers)
    assert any(int(a["source_count"]) > 1 for a in answers)  # holding answers merged with their replacement
    with (clean_build / "references.csv").open(newline="", encoding="utf-8") as stream:
        assert any(r["cited_answer_id"] for r in csv.DictReader(stream))  # earlier answers in the corpus resolved


def test_rows_follow_seed_order_with_a_merged_answer_where_its_last_source_is(corpus, clean_build):
    import csv

    def table(name):
        with (clean_build / f"{name}.csv").open(newline="", encoding="utf-8") as stream:
            return list(csv.DictReader(stream))

    seed_rank = {relative: rank for rank, relative in enumerate(iter_seed_files(corpus))}
    last_source: dict[str, tuple[int, int]] = {}
    for source in table("sources"):
        where = (seed_rank[source["source_file"]], int(source["position"]))
        last_source[source["answer_id"]] = max(where, last_source.get(source["answer_id"], where))
    answer_ids = [a["answer_id"] for a in table("answers")]
    assert answer_ids == sorted(answer_ids, key=last_source.__getitem__)
    assert sum(1 for a in table("answers") if int(a["source_count"]) > 1) >= 2
    answer_rank = {answer_id: rank for rank, answer_id in enumerate(answer_ids)}
    for name in ("statistics", "references", "quality"):
        ranks = [answer_rank[r["answer_id"]] for r in table(name)]
        assert ranks == sorted(ranks), name  # each answer's rows together, in the answers' order


def test_cached_rebuild_after_one_change_is_identical_to_a_clean_build_and_extracts_only_that_seed(corpus, tmp_path, monkeypatch):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for relative in iter_seed_files(corpus):
        (seeds / relative).parent.mkdir(parents=True, exist_ok=True)
        (seeds / relative).write_bytes((corpus / relative).read_bytes())
    cache = tmp_path / "cache"
    first = build(seeds, tmp_path / "dist", workers=1, cache_dir=cache)
    assert first.seeds_extracted == first.seeds_read and first.seeds_reused == 0

    # The clean build is made over the same previous release as the rebuild (both record what changed since it).
    shutil.copytree(tmp_path / "dist", tmp_path / "clean")
    changed = seeds / next(r for r in iter_seed_files(seeds) if r.endswith(".txt"))
    changed.write_text(changed.read_text(encoding="utf-8") + "\nA further £2.5 million was announced on 3 March 2024.\n", encoding="utf-8")
    extractions = []
    real_seed_entry = rows.seed_entry
    monkeypatch.setattr(rows, "seed_entry", lambda path, root, **options: extractions.append(path) or real_seed_entry(path, root, **options))
    second = build(seeds, tmp_path / "dist", workers=1, cache_dir=cache)
    assert [p.name for p in extractions] == [changed.name]
    assert (second.seeds_extracted, second.seeds_reused) == (1, second.seeds_read - 1)

    build(seeds, tmp_path / "clean", workers=2)
    assert tree_digest(tmp_path / "dist") == tree_digest(tmp_path / "clean")

    extractions.clear()
    third = build(seeds, tmp_path / "dist", workers=1, cache_dir=cache)
    assert extractions == [] and third.seeds_reused == third.seeds_read


def test_a_new_code_version_starts_a_new_cache(corpus, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    build(corpus, tmp_path / "dist", workers=1, cache_dir=cache)
    assert build(corpus, tmp_path / "dist", workers=1, cache_dir=cache).seeds_extracted == 0
    monkeypatch.setattr("pipeline.build.cache.code_version", lambda: "0" * 64)
    report = build(corpus, tmp_path / "dist", workers=1, cache_dir=cache)
    assert report.seeds_extracted == report.seeds_read
    assert [p.name for p in cache.iterdir()] == ["v0000000000000000"]  # the other version's entries are gone


def test_code_version_covers_the_extraction_code():
    from pipeline.build import cache

    cache.code_version.cache_clear()
    before = cache.code_version()
    assert len(before) == 64 and before == cache.code_version()


def test_a_damaged_cache_entry_is_extracted_again(corpus, tmp_path):
    cache = tmp_path / "cache"
    build(corpus, tmp_path / "dist", workers=1, cache_dir=cache)
    for entry in cache.rglob("*"):
        if entry.is_file():
            entry.write_bytes(b"\x00 not an entry")
    report = build(corpus, tmp_path / "dist", workers=1, cache_dir=cache)
    assert report.seeds_extracted == report.seeds_read
    build(corpus, tmp_path / "clean", workers=1)
    assert tree_digest(tmp_path / "dist") == tree_digest(tmp_path / "clean")


def test_seed_files_are_listed_in_the_order_of_iter_seed_paths(tmp_path):
    for name in ("a/x.txt", "a-b/y.txt", "a.txt", "a0.txt", "a/.hidden.txt", ".hidden/z.txt", "b/c/z.txt", "b/README.md", "A.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert list(iter_seed_files(tmp_path)) == [p.relative_to(tmp_path).as_posix() for p in iter_seed_paths(tmp_path)]


def test_rejections_listed_in_the_report_are_capped_but_all_counted(tmp_path, monkeypatch):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for i in range(12):
        (seeds / f"bad{i:02d}.txt").write_bytes(b"")
    monkeypatch.setattr(publish, "MAX_REPORTED_REJECTIONS", 5)
    report = build(seeds, tmp_path / "dist", workers=1)
    assert report.seeds_rejected == 12
    assert len(report.rejections) == 5 and report.rejections_omitted == 7


def test_uin_keys_are_exact_for_published_uins():
    keys = {uin_key(u) for u in ("1", "10", "HL1", "HL10", "1A", "HL1A", "281056", "HL9224")}
    assert len(keys) == 8
    assert uin_key("x" * 40) >> 63 == 1


def test_cache_entries_round_trip(tmp_path):
    cache = SeedCache(tmp_path).open()
    key = cache.key("a.txt", "0" * 64)
    assert cache.get(key) is None
    cache.put(key, ("layout", (), ((1, (False,), ([("id",)],)),)))
    assert cache.get(key) == ("layout", (), ((1, (False,), ((("id",),),)),))  # kept as JSON: lists come back as tuples


def test_table_files_do_not_depend_on_how_rows_arrive(clean_build, tmp_path, monkeypatch):
    import pyarrow.parquet as pq

    from pipeline.build import writer
    from pipeline.tables import TABLES_BY_NAME

    monkeypatch.setattr(writer, "BATCH_ROWS", 500)  # several row groups from a small corpus
    monkeypatch.setattr(writer, "BATCH_BYTES", 64 * 1024)
    rows = pq.read_table(clean_build / "statistics.parquet")
    digests = []
    for pieces in (1, 7, 333):
        out = tmp_path / str(pieces)
        out.mkdir()
        table_writer = writer.TableWriter(TABLES_BY_NAME["statistics"], out)
        step = -(-rows.num_rows // pieces)
        for start in range(0, rows.num_rows, step):
            table_writer.write_table(rows.slice(start, step))
        table_writer.close()
        assert pq.ParquetFile(out / "statistics.parquet").metadata.num_row_groups > 1
        assert sorted(p.name for p in out.iterdir()) == ["statistics.csv", "statistics.parquet"]
        digests.append(tree_digest(out))
    assert digests[0] == digests[1] == digests[2]


def test_cited_questions_resolve_to_the_one_answer_with_that_uin_and_date():
    import numpy as np

    from pipeline.build.corpus import CorpusIndex

    def days(iso: str) -> int:
        return (date.fromisoformat(iso) - date(1970, 1, 1)).days

    index = CorpusIndex()
    # UIN 1315 was used in two sessions; UIN 42 twice on one day (an ambiguous citation).
    sources = [
        (0xA1, "1315", "2019-07-15", "2019-07-22"),
        (0xA2, "1315", "2024-07-26", "2024-08-01"),
        (0xA3, "HL9224", "2020-02-03", "2020-02-10"),
        (0xA4, "42", "2021-05-04", "2021-05-10"),
        (0xA5, "42", "2021-05-04", "2021-05-11"),
    ]
    index.add({
        "ids": np.array([s[0] for s in sources], np.uint64),
        "uins": np.array([uin_key(s[1]) for s in sources], np.uint64),
        "tabled": np.array([days(s[2]) for s in sources], np.int32),
        "answered": np.array([days(s[3]) for s in sources], np.int32),
        "latest": days("2024-08-01"),
    })
    index.freeze()
    cited = [("1315", "2019-07-15"), ("1315", "2024-08-01"), ("HL9224", "2020-02-03"), ("1315", "2020-01-01"),
             ("42", "2021-05-04"), ("99", "2021-05-04")]
    found = index.resolve([uin for uin, _ in cited], np.array([days(d) for _, d in cited], np.int32))
    assert found == ["00000000000000a1", "00000000000000a2", "00000000000000a3", None, None, None]


def test_an_unchanged_seed_is_not_read_again_to_be_hashed_but_a_changed_one_is(corpus, tmp_path, monkeypatch):
    import os
    from types import SimpleNamespace

    from pipeline.build import chunks

    seeds = tmp_path / "seeds"
    for relative in iter_seed_files(corpus):
        (seeds / relative).parent.mkdir(parents=True, exist_ok=True)
        (seeds / relative).write_bytes((corpus / relative).read_bytes())
    cache = tmp_path / "cache"
    monkeypatch.setattr(chunks, "RACY_NS", 0)  # the files were written a moment ago
    build(seeds, tmp_path / "dist", workers=1, cache_dir=cache)

    hashed = []
    counting = SimpleNamespace(blake2b=hashlib.blake2b, sha256=lambda data: hashed.append(data) or hashlib.sha256(data))
    monkeypatch.setattr(chunks, "hashlib", counting)  # the seeds hashed in pass 1
    build(seeds, tmp_path / "dist", workers=1, cache_dir=cache)
    assert hashed == []

    shutil.copytree(tmp_path / "dist", tmp_path / "clean")  # the previous release of the clean build too
    # Same size and the same modification time as before, other bytes: still seen as changed.
    changed = seeds / next(r for r in iter_seed_files(seeds) if r.endswith(".txt"))
    before = changed.stat()
    text = changed.read_bytes()
    changed.write_bytes(text.replace(b"2", b"7", 1))
    os.utime(changed, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert changed.stat().st_size == before.st_size
    report = build(seeds, tmp_path / "dist", workers=1, cache_dir=cache)
    assert report.seeds_extracted == 1
    build(seeds, tmp_path / "clean", workers=1)
    assert tree_digest(tmp_path / "dist") == tree_digest(tmp_path / "clean")


def test_a_rebuild_takes_merged_answers_from_the_cache(corpus, tmp_path, monkeypatch):
    from pipeline.build import merge

    cache = tmp_path / "cache"
    build(corpus, tmp_path / "dist", workers=1, cache_dir=cache)
    merges = []
    real_merge_sources = merge.merge_sources
    monkeypatch.setattr(merge, "merge_sources", lambda sources: merges.append(sources) or real_merge_sources(sources))
    build(corpus, tmp_path / "dist", workers=1, cache_dir=cache)
    assert merges == []
    build(corpus, tmp_path / "clean", workers=1)
    assert merges  # a clean build merges them
    assert tree_digest(tmp_path / "dist") == tree_digest(tmp_path / "clean")
