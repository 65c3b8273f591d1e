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
