"""Figures on the statistics and references a build publishes, for a release note.

    python benchmarks/statistics_figures.py                       # scores and the 1 MB answer
    python benchmarks/statistics_figures.py --real ../shared/real # and the largest values of a build of it

It prints:

- precision and recall of statistics and references on ``tests/examples2`` and on the
  hand-checked sample ``tests/real_sample`` (as ``python -m pipeline.evaluate`` computes them);
- the peak resident memory of ``pqpub build`` of one seed holding one answer of about 1 MB
  full of figures (money, percentages, counts, ranges, an HTML table), in a fresh process,
  and how many statistics it published;
- with ``--real FOLDER``: a build of that folder of seeds, and its largest published values
  per unit, to check by hand that none is absurd (and ``pqpub validate`` of it);
- with ``--scaling``: the time to read texts built to be hard for the readers at 100,000 and
  200,000 characters (reading must stay linear: the second about twice the first).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.evaluate import sample_summary, score_folder, score_sample, summary  # noqa: E402


def one_megabyte_answer(long_sentence: int = 300_000) -> str:
    """An answer of about 1 MB of HTML: one sentence of ``long_sentence`` characters listing sums
    of money (a statistic that copied its sentence would copy all of it, once per sum), paragraphs
    of figures, and a table of 4,000 rows."""
    sums = []
    size = 0
    while size < long_sentence:
        sums.append(f"£{len(sums) * 37 + 1000:,}")
        size += len(sums[-1]) + 2
    paragraphs = [f"<p>The sums paid were {', '.join(sums)} in all.</p>"]
    size = len(paragraphs[0])
    n = 0
    while size < 1_020_000 - 4_000 * 60:
        n += 1
        paragraph = (
            f"<p>In 2023-24 the Department spent £{n % 997}.{n % 10} million on scheme {n}, {n % 100}.5% of its "
            f"budget, and between {n % 50} and {n % 50 + 10} per cent of claims ({n * 7:,} applications) were paid "
            f"within 20 days; a further £{n * 13:,} and {n % 90 + 10},000 tonnes followed.</p>"
        )
        paragraphs.append(paragraph)
        size += len(paragraph)
    rows = "".join(
        f"<tr><td>Area {i}</td><td>{i * 31:,}</td><td>£{i * 1.5:.2f}m</td><td>{i % 100}%</td></tr>" for i in range(1, 4_000)
    )
    table = f"<table><tr><th>Area</th><th>Staff</th><th>Cost</th><th>Share</th></tr>{rows}</table>"
    return "".join(paragraphs) + table


def build_one_megabyte_answer(workdir: Path, long_sentence: int = 300_000) -> dict:
    seeds = workdir / "seeds"
    seeds.mkdir(parents=True)
    answer = one_megabyte_answer(long_sentence)
    record = {
        "value": {
            "id": 1, "uin": "1", "house": "Commons", "dateTabled": "2024-08-01T00:00:00", "dateAnswered": "2024-08-08T00:00:00",
            "questionText": "To ask the Secretary of State, how much was spent.",
            "answeringBodyName": "Department", "heading": "Spending", "answerIsHolding": False, "answerIsCorrection": False,
            "groupedQuestions": [], "isWithdrawn": False, "answerText": answer,  # last: readers know a record by its head
        },
        "links": [],
    }
    (seeds / "one_megabyte.json").write_text(json.dumps([record]), encoding="utf-8")
    out = workdir / "dist"
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    completed = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "build", str(seeds), "--out", str(out), "--no-cache", "-j", "1"],
        cwd=ROOT, capture_output=True, text=True,
    )
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    import pyarrow.parquet as pq

    statistics = pq.read_table(out / "statistics.parquet").num_rows if completed.returncode == 0 else None
    return {
        "answer_bytes": len(answer.encode()),
        "exit": completed.returncode,
        "peak_rss_mib": round(max(peak_kib, before) / 1024, 1),
        "statistics": statistics,
        "stderr": completed.stderr[-500:] if completed.returncode else "",
    }


#: Texts built to be hard for the readers: a number joined to the next again and again, table
#: cells, citations, pre-decimal money. Each is read at two lengths; time should double.
PATHOLOGICAL = {
    "ranges": "5 to ", "days": "5 and ", "cells in one row": "1 | ", "table rows": "1 | 2\n",
    "shillings": "1s. ", "list markers": "(1) ", "cited questions": "the answer of 1 May 2020 to Question 5 and ",
    "reference numbers": "question ref 1234 and ", "broken URLs": "https://a.b/c_ ", "thousands": "1,",
    "run-together years": "20232024 5 schools\n",
}


def scaling(lengths: tuple[int, int] = (100_000, 200_000)) -> dict:
    """Seconds to read statistics and references of each pathological text at two lengths."""
    import time

    from pipeline.extract.references import find_references
    from pipeline.extract.statistics import read_statistics

    found = {}
    for name, piece in PATHOLOGICAL.items():
        seconds = []
        for length in lengths:
            text = (piece * (length // len(piece) + 1))[:length]
            started = time.perf_counter()
            read_statistics("0" * 16, text)
            find_references("0" * 16, "To ask.", text)
            seconds.append(round(time.perf_counter() - started, 3))
        found[name] = {"seconds": seconds, "ratio": round(seconds[1] / max(seconds[0], 1e-6), 1)}
    return found


def largest_values(seeds: Path, workdir: Path, per_unit: int = 5) -> dict:
    out = workdir / "real-dist"
    completed = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "build", str(seeds), "--out", str(out), "--no-cache"],
        cwd=ROOT, capture_output=True, text=True,
    )
    if completed.returncode != 0:
        return {"exit": completed.returncode, "stderr": completed.stderr[-500:]}
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    table = pq.read_table(out / "statistics.parquet")
    found = {"exit": 0, "statistics": table.num_rows, "largest": {}}
    for unit in sorted(set(table.column("unit").to_pylist())):
        rows = table.filter(pc.equal(table.column("unit"), unit)).sort_by([("value", "descending")]).slice(0, per_unit)
        found["largest"][unit] = [(r["text"], str(r["value"])) for r in rows.to_pylist()]
    validate = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "validate", "--dist", str(out), "--seeds", str(seeds)],
        cwd=ROOT, capture_output=True, text=True,
    )
    found["validate_exit"] = validate.returncode
    found["validate_last_line"] = validate.stdout.strip().splitlines()[-1:] or validate.stderr[-300:]
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--real", type=Path, help="a folder of seeds to build and list the largest values of")
    parser.add_argument("--long-sentence", type=int, default=300_000, help="characters of the 1 MB answer's longest sentence")
    parser.add_argument("--scaling", action="store_true", help="time pathological texts at 100,000 and 200,000 characters")
    args = parser.parse_args()
    figures = {
        "examples2": {k: v for k, v in summary(score_folder(ROOT / "tests" / "examples2")).items() if k.startswith(("statistics", "reference", "records"))},
        "real_sample": sample_summary(score_sample(ROOT / "tests" / "real_sample")),
    }
    if args.scaling:
        figures["scaling"] = scaling()
    with tempfile.TemporaryDirectory() as tmp:
        figures["one_megabyte_answer"] = build_one_megabyte_answer(Path(tmp) / "mb", args.long_sentence)
        if args.real:
            figures["real_build"] = largest_values(args.real.resolve(), Path(tmp))
    print(json.dumps(figures, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
