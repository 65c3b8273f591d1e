"""JSON records of a question and its answer are known by their fields, whatever their producer
calls them and however it nests them."""

from __future__ import annotations

import json
from datetime import date

import pytest

from pipeline.sources import read_text
from pipeline.sources.question_answer_json import field_of

QUESTION = "To ask the Secretary of State for Health and Social Care, how many nurses were recruited in 2023."


@pytest.mark.parametrize("key, field", [
    ("question_text", "question"), ("questionText", "question"), ("questionText_t", "question"), ("QuestionText", "question"),
    ("answer_text", "answer"), ("answerText_t", "answer"), ("uin_t", "uin"), ("dateTabled_dt", "tabled"),
    ("date_tabled", "tabled"), ("dateOfAnswer_dt", "answered"), ("tablingMemberPrinted_t", "asker"),
    ("answeringMemberPrinted", "minister"), ("answeringBodyName", "body"), ("hansardHeading", "heading"),
    # Identifiers are never names: Solr's thesaurus ids and the API's member ids.
    ("answeringMember_ses", None), ("askingMemberId", None), ("answeringBodyId", None),
])
def test_a_field_is_known_by_its_name_whatever_its_spelling(key, field):
    assert field_of(key) == field


def test_records_nested_one_to_a_line():
    lines = [
        {"id": 1, "question": {"uin": "HL1234", "text": "To ask His Majesty's Government what steps they are taking on flood defences.",
                               "date": "2024-01-02", "member": "Lord Smith"},
         "answer": {"text": "<p>We are investing in defences.</p>", "date": "2024-01-10", "member": {"name": "Baroness Jones"}}},
        {"id": 2, "question_text": QUESTION, "answer_text": "<p>Figures are published monthly.</p>"},
    ]
    reading = read_text("\n".join(json.dumps(line) for line in lines) + "\n")
    assert reading.layout == "question_answer_json" and reading.rejections == []
    first, second = (page for _, page in reading.answers)
    assert (first.uin, first.house, first.asking_member, first.tabled_date, first.answered_date, first.answering_minister, first.answer_text) == (
        "HL1234", "Lords", "Lord Smith", date(2024, 1, 2), date(2024, 1, 10), "Baroness Jones", "We are investing in defences.")
    assert (second.question_text, second.house, second.uin, second.answer_text) == (QUESTION, "Commons", None, "Figures are published monthly.")


def test_a_record_cut_off_is_reported_and_the_whole_ones_published():
    text = json.dumps([{"question_text": QUESTION, "answer_text": "<p>One.</p>"}, {"question_text": QUESTION.replace("nurses", "doctors")}])
    reading = read_text(text[:-30])
    assert [page.answer_text for _, page in reading.answers] == ["One."]
    assert reading.rejections == [(2, "record cut off: the JSON ends inside it")]


def test_a_question_not_yet_answered_is_published_without_answer():
    reading = read_text(json.dumps({"response": {"docs": [{"questionText_t": [QUESTION], "uin_t": ["12345"], "dateTabled_dt": "2024-03-01T00:00:00Z"}]}}))
    (_, page), = reading.answers
    assert (page.uin, page.tabled_date, page.answer_text, page.answered_date, page.answering_minister) == ("12345", date(2024, 3, 1), None, None, None)


def test_json_without_a_question_is_rejected_whole():
    reading = read_text(json.dumps({"items": [{"title": "Minutes", "question": None}]}))
    assert not reading.answers and reading.rejections


def test_the_apis_records_are_left_to_their_readers():
    record = {"value": {"uin": "7926", "house": "Commons", "dateTabled": "2024-01-05T00:00:00", "questionText": QUESTION,
                        "answeringBodyName": "Department of Health and Social Care", "answerText": "<p>Many.</p>"}}
    assert read_text(json.dumps(record)).layout == "written_questions_api"
