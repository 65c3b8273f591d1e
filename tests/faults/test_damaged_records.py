"""A damaged record in a JSON list costs only itself: the records after it are read, and every record is counted."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from pipeline.build.publish import build
from pipeline.sources import decode_seed, read_text

from ..conftest import REPO
from .helpers import pqpub

FIXTURES = REPO / "tests" / "sources" / "fixtures"
API = (FIXTURES / "commons-api-2024-08.json").read_text(encoding="utf-8")
#: The file's records, as the API served them (checked with json.loads, not with the reader).
RECORDS = json.loads(API)
RECORD_STARTS = [m.start() for m in re.finditer(r'\{"value": \{', API)]


def test_the_fixture_is_the_1004_record_api_page():
    assert len(RECORDS) == 1004 == len(RECORD_STARTS)


def _damaged(at: int, old: str, new: str) -> str:
    """The API file with the first ``old`` in record ``at`` (1-based) replaced by ``new``."""
    start = RECORD_STARTS[at - 1]
    where = API.index(old, start)
    return API[:where] + new + API[where + len(old):]


@pytest.mark.parametrize("damage", [
    ('"questionText":', '"questionText";'),   # one byte changed
    ('"questionText"', 'questionText"'),       # a quote lost
    ('"questionText"', '}"questionText"'),     # a stray brace
    ('"uin": "', '"uin": "\x0b'),              # a control byte inside a string is let pass (as real dumps need)
], ids=["byte", "quote", "brace", "control"])
def test_one_damaged_record_rejects_that_record_only(damage):
    text = _damaged(3, *damage)
    reading = read_text(text, "api.json")
    rejected = [(position, reason) for position, reason in reading.rejections]
    uins = [page.uin for _, page in reading.answers]
    expected = [str(r["value"]["uin"]) for r in RECORDS]
    if damage[1].startswith('"uin": "\x0b'):
        assert rejected == [] and len(uins) == 1004
        return
    assert [position for position, _ in rejected] == [3]
    # After the label, Python's own JSON error, whose wording changes between versions
    # (3.13 says "Illegal trailing comma" where 3.11 says "Expecting"), and where it was.
    assert rejected[0][1].startswith("damaged JSON record: ")
    assert "character" in rejected[0][1]
    assert uins == expected[:2] + expected[3:]
    assert [position for position, _ in reading.answers] == [1, 2] + list(range(4, 1005))


def test_a_null_element_is_rejected_with_its_position_and_the_rest_read():
    start = RECORD_STARTS[2]
    reading = read_text(API[:start] + "null, " + API[start:], "api.json")
    assert reading.rejections == [(3, "a JSON null where a record should be")]
    assert len(reading.answers) == 1004
    assert reading.answers[-1][0] == 1005


def test_a_null_element_in_a_list_that_is_otherwise_valid_is_rejected_on_its_own():
    text = json.dumps([RECORDS[0], None, RECORDS[1]])
    reading = read_text(text, "api.json")
    assert reading.rejections == [(2, "a JSON null where a record should be")]
    assert [p for p, _ in reading.answers] == [1, 3]


def test_a_list_cut_off_inside_a_record_keeps_every_whole_record_before_it():
    cut = API[:RECORD_STARTS[499] + 300]
    reading = read_text(cut, "api.json")
    assert len(reading.answers) == 499
    assert reading.rejections == [(500, "record cut off: the JSON ends inside it")]


def test_damage_in_the_first_record_is_not_mistaken_for_a_nested_object():
    # The first record has no record before it to say what a record looks like: its own first key does.
    text = _damaged(1, '"questionText":', '"questionText";')
    reading = read_text(text, "api.json")
    assert [p for p, _ in reading.rejections] == [1]
    assert len(reading.answers) == 1003


def test_a_damaged_linked_data_item_rejects_that_item_only():
    text = (FIXTURES / "linked_data_api.json").read_text(encoding="utf-8")
    items = json.loads(text)["result"]["items"]
    second = text.index('"_about" : "http://data.parliament.uk/resources/', text.index('"items"') + 20 + len(json.dumps(items[0])) // 2)
    damaged = text[:second] + text[second + 1:]  # a quote lost in the second item
    reading = read_text(damaged, "ld.json")
    assert len(items) == 2
    assert len(reading.answers) + len([p for p, _ in reading.rejections if p > 0]) == 2
    assert [p for p, _ in reading.rejections] == [2]


def _seeds_rows(out: Path) -> dict[str, dict]:
    with (out / "seeds.csv").open(newline="", encoding="utf-8") as stream:
        return {row["source_file"]: row for row in csv.DictReader(stream)}


def test_every_record_is_counted_in_the_build_summary_and_the_seeds_table(seeds_copy, tmp_path):
    (seeds_copy / "api.json").write_text(_damaged(3, '"questionText":', '"questionText";'), encoding="utf-8")
    start = RECORD_STARTS[9]
    (seeds_copy / "api-null.json").write_text(API[:start] + "null, " + API[start:], encoding="utf-8")
    report = build(seeds_copy, tmp_path / "dist", workers=1)
    # 3 pages + 1004 + 1005 elements in the two API files.
    assert report.records_read == 3 + 1004 + 1005
    assert report.records_rejected == 2
    assert report.records_read == report.records_published + report.records_merged + report.records_rejected
    assert report.seeds_read == report.seeds_published + report.seeds_rejected == 5
    # The same answers are in both API files: every one of the second file's is merged into the first's.
    assert report.records_merged == 1003
    seeds = _seeds_rows(tmp_path / "dist")
    assert (seeds["api.json"]["answers"], seeds["api.json"]["rejected_records"], seeds["api.json"]["records"]) == ("1003", "1", "1004")
    assert (seeds["api-null.json"]["answers"], seeds["api-null.json"]["rejected_records"], seeds["api-null.json"]["records"]) == ("1004", "1", "1005")
    for row in seeds.values():
        assert int(row["records"]) == int(row["answers"]) + int(row["rejected_records"])


def test_strict_fails_on_a_record_level_rejection(seeds_copy, tmp_path):
    (seeds_copy / "api.json").write_text(_damaged(3, '"questionText":', '"questionText";'), encoding="utf-8")
    result = pqpub("build", str(seeds_copy), "--out", str(tmp_path / "dist"), "--strict")
    assert result.returncode == 1
    assert "api.json (record 3): damaged JSON record" in result.stderr.replace("\n", " ")
    assert "1006 answers published from 1007 records read (0 merged into an answer another record gave, 1 rejected)" in result.stdout


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig", "utf-32"])
def test_text_in_utf16_utf32_or_with_a_bom_is_decoded(encoding):
    page = (REPO / "seeds" / "001_9f0442c81153244d.txt").read_text(encoding="utf-8")
    assert decode_seed(page.encode(encoding)) == decode_seed(page.encode("utf-8"))


def test_undecodable_utf16_is_reported_with_the_byte_offset():
    content = "To ask".encode("utf-16") + b"\x00\xd8A\x00"
    with pytest.raises(ValueError, match=r"not UTF-16 little-endian text \(invalid bytes 00 d8 at byte 14"):
        decode_seed(content)


def test_rows_turned_into_arrow_batches_as_they_come_publish_the_same_bytes(seeds_copy, tmp_path, monkeypatch):
    from pipeline.build import chunks

    from .helpers import tree

    (seeds_copy / "api.json").write_text(API, encoding="utf-8")
    build(seeds_copy, tmp_path / "whole", workers=1)
    monkeypatch.setattr(chunks, "FLUSH_ANSWERS", 7)
    monkeypatch.setattr(chunks, "PACK_MAX_ANSWERS", 100)  # the API file is kept only in its chunk
    build(seeds_copy, tmp_path / "flushed", workers=1, cache_dir=tmp_path / "cache")
    build(seeds_copy, tmp_path / "cached", workers=1, cache_dir=tmp_path / "cache")
    assert tree(tmp_path / "flushed") == tree(tmp_path / "whole") == tree(tmp_path / "cached")


PAIRS = [{"question_text": f"To ask the Secretary of State for Health, how many nurses were recruited in {year}.",
          "answer_text": f"<p>In {year}, 1,000 nurses were recruited.</p>"} for year in (2021, 2022, 2023)]


def test_a_damaged_record_in_a_list_of_question_and_answer_pairs_rejects_that_record_only():
    text = json.dumps(PAIRS, indent=1).replace('"answer_text": "<p>In 2022', '"answer_text" "<p>In 2022')
    reading = read_text(text, "pairs.json")
    assert reading.layout == "question_answer_json"
    assert [p for p, _ in reading.rejections] == [2]
    assert reading.rejections[0][1].startswith("damaged JSON record: Expecting ':' delimiter")
    assert [page.question_text[-5:-1] for _, page in reading.answers] == ["2021", "2023"]


def test_a_damaged_line_of_json_lines_rejects_that_line_only():
    lines = [json.dumps(pair) for pair in PAIRS]
    lines[1] = lines[1][:40]  # cut short
    reading = read_text("\n".join(lines) + "\n", "pairs.jsonl")
    assert reading.rejections == [(2, "line 2 is not valid JSON (damaged or cut short)")]
    assert [p for p, _ in reading.answers] == [1, 3]


def test_a_record_cut_short_inside_a_list_of_one_record_a_line_costs_only_itself():
    # As `pqpub fetch` stores the API's records: one to a line. Record 5 loses its end, and the
    # comma after it, so the next record is found by its line, not after a comma.
    lines = [json.dumps(record) for record in RECORDS]
    lines[4] = lines[4][:100]
    reading = read_text("[\n" + ",\n".join(lines) + "\n]\n", "api.json")
    assert [p for p, _ in reading.rejections] == [5]
    assert len(reading.answers) == 1003
    assert [p for p, _ in reading.answers][4] == 6
