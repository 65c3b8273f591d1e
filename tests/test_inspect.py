"""Inspecting a seed: the JSON-ready result and its rich rendering."""

from __future__ import annotations

import json
import shutil

import pytest
from rich.console import Console

from pipeline.inspect import REFERENCE_STYLES, STATISTIC_STYLE, inspect_seed, render_inspection

from .extract_fixtures import FIXTURES

SEED_2014 = "000_8885b3d230a2f9dc.txt"
SEED_2019 = "001_9f0442c81153244d.txt"


@pytest.fixture()
def seeds(tmp_path):
    for name in (SEED_2014, SEED_2019):
        shutil.copy(FIXTURES / name, tmp_path / name)
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01")
    return tmp_path


def test_inspection_is_json_ready_and_lists_each_answer_with_what_was_read(seeds):
    inspection = inspect_seed(seeds / SEED_2019, seeds)
    assert json.loads(json.dumps(inspection)) == inspection
    [answer] = inspection["answers"]
    assert inspection["source_file"] == SEED_2019
    assert answer["fields"]["uin"] == "281056"
    assert answer["fields"]["tabled_date"] == "2019-07-23"
    assert [s["text"] for s in answer["statistics"]] == ["3", "£3.6 million"]
    assert ("question_text", "273801", "2019-07-15") in [(r["field"], r["cited_uin"], r["cited_date"]) for r in answer["references"]]


def test_inspection_gives_quality_flags(seeds):
    [answer] = inspect_seed(seeds / SEED_2014)["answers"]
    assert [q["code"] for q in answer["quality"]] == ["tabled_date_missing", "heading_mismatch"]


def test_a_rejected_seed_is_inspected_with_its_reason(seeds):
    inspection = inspect_seed(seeds / "broken.txt", seeds)
    assert inspection["answers"] == []
    assert "binary" in inspection["rejections"][0]["reason"]
    console = Console(record=True, width=120)
    console.print(render_inspection(inspection))
    assert "Rejected file" in console.export_text()


def test_rendering_shows_the_text_and_tables_of_statistics_references_and_flags(seeds):
    console = Console(record=True, width=160)
    console.print(render_inspection(inspect_seed(seeds / SEED_2014)))
    shown = console.export_text()
    for expected in ("Statistics", "References", "Quality flags", "98%", "heading_mismatch", "content_743"):
        assert expected in shown


def test_statistics_and_references_are_highlighted_in_different_styles(seeds):
    from pipeline.inspect import _highlighted

    [answer] = inspect_seed(seeds / SEED_2014)["answers"]
    text = _highlighted(answer["fields"]["answer_text"], answer["statistics"], answer["references"])
    styles = {str(span.style): text.plain[span.start:span.end] for span in text.spans}
    assert styles[STATISTIC_STYLE] in ("98%", "57%")
    assert REFERENCE_STYLES["url"] in styles and REFERENCE_STYLES["quotation"] in styles
    assert len({STATISTIC_STYLE, *REFERENCE_STYLES.values()}) == 1 + len(REFERENCE_STYLES)
