"""1,004 real records from today's written-questions API (August 2024, House of Commons),
read through the sources package: each answer's fields are the record's own."""

from __future__ import annotations

import json
from datetime import date

from pipeline.sources import read_seed
from pipeline.sources.common import html_to_text

from .helpers import FIXTURES

REAL = FIXTURES / "commons-api-2024-08.json"


def _day(value):
    return date.fromisoformat(value[:10]) if value else None


def test_every_real_record_reads_as_itself():
    records = [item["value"] for item in json.loads(REAL.read_text(encoding="utf-8"))]
    reading = read_seed(REAL, FIXTURES)
    assert reading.layout == "written_questions_api"
    assert reading.rejections == []
    assert len(records) == len(reading.answers) == 1004
    for (position, answer), record in zip(reading.answers, records):
        assert answer.uin == record["uin"]
        assert answer.house == record["house"]
        assert answer.heading == record["heading"].strip()
        assert answer.answering_body == record["answeringBodyName"]
        assert answer.question_text == record["questionText"].strip()
        assert answer.tabled_date == _day(record["dateTabled"])
        assert answer.answered_date == _day(record["dateAnswered"])
        assert answer.is_holding_answer is record["answerIsHolding"]
        assert answer.replaces_holding_answer is (record["dateHoldingAnswer"] is not None)
        assert answer.is_correction is record["answerIsCorrection"]
        assert answer.is_withdrawn is record["isWithdrawn"]
        assert answer.grouped_uins == tuple(record["groupedQuestions"])
        assert answer.answer_text == html_to_text(record["answerText"])
        assert answer.answer_text_truncated is record["answerText"].endswith("...")
        assert answer.asking_member is None and answer.answering_minister is None  # ids only in this dump


def test_real_records_counts_match_the_dump_description():
    reading = read_seed(REAL, FIXTURES)
    answers = [answer for _, answer in reading.answers]
    assert sum(answer.answer_text_truncated for answer in answers) == 869
    assert sum(bool(answer.grouped_uins) for answer in answers) == 196
    assert sum(answer.is_correction for answer in answers) == 4
    # The list endpoint leaves HTML entities in its plain text; the published text has none.
    assert not any("&amp;" in (answer.answer_text or "") for answer in answers)


def test_building_the_real_records_publishes_every_api_field_as_the_record_gives_it(tmp_path):
    """All 1,004 records, built: each published once, every API field equal to the record's own."""
    import shutil

    from pipeline.build.publish import build

    from ..api_record import Published

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(REAL, seeds / REAL.name)
    build(seeds, tmp_path / "dist", workers=1)
    published = Published(tmp_path / "dist")
    records = [item["value"] for item in json.loads(REAL.read_text(encoding="utf-8"))]
    assert len(published.answers) == len(published.by_question) == len(records) == 1004
    problems = [problem for record in records for problem in published.mismatches(record)]
    assert problems == []
    # What the dump is known to hold (its README): ids on every record, names on none.
    assert all(row["asking_member_id"] and row["answering_member_id"] and row["answering_body_id"] for row in published.answers)
    assert sum(row["answer_corrected_date"] is not None for row in published.answers) == 4
    assert sum(row["holding_answer_date"] is not None for row in published.answers) == 11
    assert sum(len(g) for g in published.grouped.values()) == sum(len(r["groupedQuestions"]) for r in records)
    assert all(date is not None for g in published.grouped.values() for _, date in g)
    first = published.by_question[1725947]
    assert first["url"] == "https://questions-statements.parliament.uk/written-questions/detail/2024-08-30/3283"
    assert (first["answer_corrected_date"], first["correcting_member_id"]) == (date(2024, 11, 26), 4125)


def test_the_committed_seeds_hold_the_real_records_and_the_package_publishes_them():
    from ..api_record import Published
    from ..conftest import DIST

    published = Published(DIST)
    records = [item["value"] for item in json.loads(REAL.read_text(encoding="utf-8"))]
    assert [problem for record in records for problem in published.mismatches(record)] == []


def test_a_grouped_question_listed_twice_is_one_grouped_question():
    from pipeline.sources import read_text

    item = next(i for i in json.loads(REAL.read_text(encoding="utf-8")) if i["value"]["groupedQuestions"])
    uin = item["value"]["groupedQuestions"][0]
    item["value"]["groupedQuestions"] = [uin, uin]
    [(_, answer)] = read_text(json.dumps([item])).answers
    assert answer.grouped_uins == (uin,)
