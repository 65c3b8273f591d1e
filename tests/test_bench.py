"""The generated benchmark corpus and the benchmark command."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from pipeline.bench import PAGE_ANSWERS, RENDERERS, corpus_layouts, generate_answer, generate_corpus, page_files
from pipeline.sources import layouts, read_seed

from .conftest import REPO


def test_a_smaller_corpus_is_a_prefix_of_a_larger_one(tmp_path):
    generate_corpus(tmp_path / "small", 40)
    generate_corpus(tmp_path / "large", 90)
    small = {p.relative_to(tmp_path / "small"): p.read_bytes() for p in (tmp_path / "small").rglob("*") if p.is_file()}
    large = {p.relative_to(tmp_path / "large"): p.read_bytes() for p in (tmp_path / "large").rglob("*") if p.is_file()}
    assert small and all(large[name] == data for name, data in small.items())
    assert len(large) > len(small)


def test_answers_do_not_depend_on_the_corpus_size():
    assert generate_answer(123) == generate_answer(123)
    assert generate_answer(123) != generate_answer(124)


def test_every_layout_the_readers_know_is_rendered():
    assert set(layouts()) <= set(RENDERERS), f"no render function for {set(layouts()) - set(RENDERERS)}"
    assert set(corpus_layouts()) == set(layouts())


def test_every_layout_is_generated_and_read_back_whole(tmp_path):
    """Every layout appears in a small corpus, and every seed is read with no rejection."""
    answers = 2 * PAGE_ANSWERS * len(corpus_layouts())
    generate_corpus(tmp_path, answers)
    files, records = {}, {}
    for path in sorted(tmp_path.rglob("*")):
        if path.is_file():
            reading = read_seed(path, tmp_path)
            assert not reading.rejections, (path, reading.rejections)
            assert reading.answers, path
            files[reading.layout] = files.get(reading.layout, 0) + 1
            records[reading.layout] = records.get(reading.layout, 0) + len(reading.answers)
    assert set(files) == set(layouts())
    assert any(records[name] > files[name] for name in files)  # some layouts print several answers to a page
    published = {generate_answer(i).question for i in range(answers)}
    read = {page.question_text for path in tmp_path.rglob("*") if path.is_file() for _, page in read_seed(path, tmp_path).answers}
    assert published <= read
    page = read_seed(next(p for p in sorted(tmp_path.rglob("*.txt"))), tmp_path).answers[0][1]
    assert page.answer_text and 100 <= len(page.answer_text.split()) <= 700


def test_generated_answers_carry_statistics_and_references():
    text = "\n".join(t for page in range(12, 33) for _, t in page_files(page, corpus_layouts()))
    for sign in ("£", "%", "https://", "[1]", "‘", "the Answer of", "to Question"):
        assert sign in text


def test_bench_json_reports_every_stage(tmp_path):
    # Enough answers for a page in every layout, so that each layout is timed.
    answers = 2 * PAGE_ANSWERS * len(corpus_layouts())
    result = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "bench", "--answers", str(answers), "--json", "--workers", "2", "--no-frictionless",
         "--workdir", str(tmp_path)],
        capture_output=True, text=True, cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["answers"] == answers and report["rebuild_identical_to_clean_build"] is True
    assert {"corpus_mb", "layouts", "rebuild_ratio", "seed_files", "stages", "workers"} <= set(report)
    stages = {s["stage"]: s for s in report["stages"]}
    assert {"floor", "build", "rebuild", "build_uncached", "validate"} <= set(stages)
    for name in ("floor", "build", "rebuild"):
        assert {"seconds", "answers_per_s", "mb_per_s", "ratio_to_floor", "peak_rss_mb"} <= set(stages[name])
    assert stages["rebuild"]["seeds_extracted"] == 1
    assert stages["validate"]["errors"] == 0 and stages["validate"]["rows"] > 0
    targets = {t["target"]: t for t in report["targets"]}
    throughput = targets["build throughput"]
    assert throughput["measured"] == stages["build"]["answers_per_s"]
    assert throughput["met"] is (stages["build"]["answers_per_s"] >= 15_000)
    assert targets["rebuild after one change, × a full build"]["measured"] == report["rebuild_ratio"]
    # Every seed of so small a corpus is in the extraction sample: each answer, and the holding
    # answer given in a seed of its own for each answer that replaces one.
    extraction = report["extraction"]
    holding = sum(generate_answer(i).replaces_holding for i in range(answers))
    assert holding and extraction["files"] == report["seed_files"] and extraction["answers"] == answers + holding
    assert set(extraction["read_us_per_answer_by_layout"]) == set(report["layouts"])
    steps = extraction["us_per_answer"]
    assert set(steps) == {"read", "statistics", "references", "quality", "rows", "total"}
    assert all(steps[step] > 0 for step in steps)
    assert steps["total"] == pytest.approx(sum(v for k, v in steps.items() if k != "total"), abs=0.5)
    assert extraction["target_us_per_answer"] == round(report["cpus"] * 1e6 / 15_000, 1)


def test_a_stage_reports_its_own_peak_memory_not_that_of_the_process_that_started_it(tmp_path):
    # Linux's ru_maxrss keeps, across exec, the peak of the process that started a stage: the
    # benchmark's own 800 MB (while it compared two packages) was reported as the validator's.
    seeds = tmp_path / "seeds"
    generate_corpus(seeds, PAGE_ANSWERS)
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from pipeline.bench import run_stage\n"
        "held = bytearray(600 * 2**20)\n"  # touched: 600 MB resident in this process
        "print(run_stage('floor', seeds=Path(sys.argv[1]))['peak_rss_mb'])\n"
    )
    result = subprocess.run([sys.executable, "-c", script, str(seeds)], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert 0 < float(result.stdout) < 400
