"""The seed store: where records go, replacing in place, and atomic writes; and an API answer given by two seeds."""

from __future__ import annotations

import copy
import json

from pipeline.fetch.store import SeedStore, digest
from pipeline.build.publish import build

from ..api_record import Published
from .fake_api import sample_records


def test_records_go_to_a_file_per_house_and_tabled_day_in_id_order(tmp_path):
    items = sample_records()
    store = SeedStore(tmp_path)
    for item in reversed(items):
        assert store.put(item, digest(item)) == "new"
    store.flush()
    day = tmp_path / "api/commons/2024/08/2024-08-30.json"
    ids = [item["value"]["id"] for item in json.loads(day.read_text())]
    assert ids == sorted(ids) and len(ids) == sum(i["value"]["dateTabled"].startswith("2024-08-30") for i in items)
    # One record a line, each exactly as served.
    lines = day.read_text().splitlines()
    assert lines[0] == "[" and lines[-1] == "]" and len(lines) == len(ids) + 2
    assert json.loads(lines[1].rstrip(",")) == next(i for i in items if i["value"]["id"] == ids[0])


def test_a_later_version_replaces_the_earlier_and_an_unchanged_one_writes_nothing(tmp_path):
    items = sample_records()
    store = SeedStore(tmp_path)
    for item in items:
        store.put(item, digest(item))
    store.flush()
    day = tmp_path / "api/commons/2024/08/2024-08-27.json"
    stamp = day.stat().st_mtime_ns
    again = SeedStore(tmp_path)
    assert {again.put(item, digest(item)) for item in items} == {"unchanged"}
    assert again.flush() == 0 and day.stat().st_mtime_ns == stamp
    later = copy.deepcopy(next(i for i in items if i["value"]["dateTabled"].startswith("2024-08-27")))
    later["value"]["answerText"] = "<p>A corrected answer.</p>"
    assert again.put(later, digest(later)) == "updated"
    assert again.flush() == 2  # the day file and the month's digests
    held = json.loads(day.read_text())
    assert [i for i in held if i["value"]["id"] == later["value"]["id"]] == [later]
    assert not list(tmp_path.rglob("*.tmp"))


def test_an_answer_given_by_two_seeds_keeps_its_grouped_dates_and_attachments(tmp_path):
    """The same question in two files (a list record and the whole record) is one answer, with everything of both."""
    item = next(i for i in sample_records() if i["value"]["groupedQuestions"])
    item["value"]["attachmentCount"] = 1  # the list counts the file; only the whole record lists it
    whole = copy.deepcopy(item)
    whole["value"].update(attachmentCount=1, attachments=[{"fileSizeBytes": 1000, "title": "Table", "fileType": "PDF", "url": "https://example.org/table.pdf"}])
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a-listed.json").write_text(json.dumps([item]))
    (seeds / "b-whole.json").write_text(json.dumps([whole]))
    build(seeds, tmp_path / "dist", workers=1)
    published = Published(tmp_path / "dist")
    assert len(published.answers) == 1 and published.answers[0]["source_count"] == 2
    assert published.mismatches(whole["value"]) == []
