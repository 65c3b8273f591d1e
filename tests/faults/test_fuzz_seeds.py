"""Whole seed folders, generated and damaged: a build never raises, every published row conforms to
its model, and every file and record is accounted for."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pyarrow.parquet as pq
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.build.publish import build
from pipeline.tables import TABLES

from ..conftest import REPO, SEEDS

API_RECORDS = json.loads((REPO / "tests" / "sources" / "fixtures" / "commons-api-2024-08.json").read_text(encoding="utf-8"))[:40]
PAGES = [path.read_bytes() for path in sorted(SEEDS.glob("*.txt"))] + [
    path.read_bytes() for path in sorted((REPO / "tests" / "sources" / "fixtures").glob("*.txt"))]


@st.composite
def damaged(draw, content: bytes) -> bytes:
    """``content`` as a disk, an editor or a download might leave it."""
    if not content or not draw(st.booleans()):
        return content
    at = draw(st.integers(0, len(content) - 1))
    kind = draw(st.sampled_from(["flip", "cut", "insert", "delete"]))
    if kind == "flip":
        return content[:at] + bytes([content[at] ^ draw(st.integers(1, 255))]) + content[at + 1:]
    if kind == "cut":
        return content[:at]
    if kind == "insert":
        return content[:at] + draw(st.sampled_from([b"}", b"]", b",", b'"', b"null,", b"\x00", b"\xff", b"9" * 5000])) + content[at:]
    return content[:at] + content[at + draw(st.integers(1, 200)):]


@st.composite
def api_file(draw) -> bytes:
    records = draw(st.lists(st.one_of(st.sampled_from(API_RECORDS), st.none()), min_size=1, max_size=12))
    indent = draw(st.sampled_from([None, 1]))
    return draw(damaged(json.dumps(records, indent=indent).encode("utf-8")))


@st.composite
def page_file(draw) -> bytes:
    content = draw(st.sampled_from(PAGES))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
    return draw(damaged(content.decode("utf-8").encode(encoding)))


seed_file = st.one_of(api_file(), page_file(), st.binary(max_size=200))


def _rows(package: Path, table: str) -> list[dict]:
    return pq.read_table(package / f"{table}.parquet").to_pylist()


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(seed_file, min_size=1, max_size=6))
def test_every_published_row_conforms_and_every_record_is_counted(files):
    with tempfile.TemporaryDirectory() as scratch:
        seeds, out = Path(scratch) / "seeds", Path(scratch) / "dist"
        seeds.mkdir()
        for number, content in enumerate(files):
            (seeds / f"{number:03d}.json").write_bytes(content)
        report = build(seeds, out, workers=1)
        for table in TABLES:
            for row in _rows(out, table.name):
                table.row.model_validate({k: v for k, v in row.items() if k in table.row.model_fields})
        seeds_table = _rows(out, "seeds")
        answers, sources = _rows(out, "answers"), _rows(out, "sources")
        assert len(seeds_table) + len(report.seeds_skipped) == len(files)
        assert report.seeds_read == report.seeds_published + report.seeds_rejected == len(seeds_table)
        assert report.records_read == report.records_published + report.records_merged + report.records_rejected
        assert report.records_read == sum(seed["records"] for seed in seeds_table)
        assert report.records_rejected == sum(seed["rejected_records"] for seed in seeds_table)
        for seed in seeds_table:
            assert seed["records"] == seed["answers"] + seed["rejected_records"]
            assert (seed["status"] == "published") == (seed["answers"] > 0)
        assert len(sources) == sum(seed["answers"] for seed in seeds_table)
        assert len(answers) == report.records_published == len({a["answer_id"] for a in answers})
        assert len(sources) == report.records_published + report.records_merged
