"""Quality flags: what one answer's fields call for, and the flags made for the whole corpus."""

from __future__ import annotations

import typing
from datetime import date

from pipeline.extract.quality import (
    QUALITY_CODES,
    answer_flags,
    disagreement_flag,
    disagreements_flag,
    heading_fits,
    holding_unreplaced_flag,
)
from pipeline.model import PageAnswer, QualityCode

from .extract_fixtures import ANSWER_ID, api_records, seed_page


def codes(page: PageAnswer) -> list[str]:
    return [flag.code for flag in answer_flags(ANSWER_ID, page)]


def test_every_quality_code_is_documented_and_no_other():
    assert set(QUALITY_CODES) == set(typing.get_args(QualityCode))
    assert all(len(description) > 40 for description in QUALITY_CODES.values())


def test_seed_2014_is_flagged_for_its_empty_tabled_date_and_its_heading_not_its_spinner_text():
    # The spinner text is on every page of the layout: removing it says nothing about this answer.
    page = seed_page("000_8885b3d230a2f9dc.txt")
    assert page.furniture_removed
    assert codes(page) == ["tabled_date_missing", "heading_mismatch"]


def test_heading_mismatch_message_names_the_heading():
    [flag] = [f for f in answer_flags(ANSWER_ID, seed_page("000_8885b3d230a2f9dc.txt")) if f.code == "heading_mismatch"]
    assert "'Out of Area Treatment: Northern Ireland'" in flag.message


def test_2019_seeds_headings_fit_their_questions():
    for name in ("001_9f0442c81153244d.txt", "003_cb83d66ac9c0d06e.txt"):
        assert "heading_mismatch" not in codes(seed_page(name))


def test_2019_seeds_are_flagged_only_for_the_minister_they_do_not_name():
    # Both pages name no minister: the questions-statements layout does not print one.
    for name in ("001_9f0442c81153244d.txt", "003_cb83d66ac9c0d06e.txt"):
        page = seed_page(name)
        assert codes(page) == (["minister_not_stated"] if page.answering_minister is None else [])


def test_heading_fits_through_word_stems():
    assert heading_fits("Children: Exploitation", "To ask ..., what support is given to children who are being exploited.")
    assert heading_fits("Fisheries", "To ask ..., what steps he is taking to protect fishing grounds.")
    assert not heading_fits("Out of Area Treatment: Northern Ireland", "To ask ..., what proportion of local authorities have plans for tackling child sexual exploitation.")


def test_heading_that_is_an_index_term_found_in_the_answer_is_not_flagged():
    record = api_records()[57]
    assert heading_fits("Bounce Back Loan Scheme", record["questionText"], record["answerText"])


def api_page(index: int, **changes) -> PageAnswer:
    record = api_records()[index]
    fields = dict(
        uin=record["uin"], heading=record["heading"], question_text=record["questionText"], answer_text=record["answerText"],
        tabled_date=record["dateTabled"][:10], answered_date=record["dateAnswered"][:10], answering_minister="A Minister",
        answer_text_truncated=record["answerText"].endswith("..."),
    )
    fields.update(changes)
    return PageAnswer(**fields)


def test_api_answer_cut_short_by_the_list_endpoint_is_flagged():
    assert codes(api_page(3)) == ["answer_text_truncated"]


def test_complete_api_answer_with_a_minister_has_no_flags():
    assert codes(api_page(6)) == []


def test_missing_dates_and_minister_of_an_answer_are_each_flagged():
    page = api_page(6, tabled_date=None, answered_date=None, answering_minister=None)
    assert page.is_answered
    assert codes(page) == ["tabled_date_missing", "answered_date_missing", "minister_not_stated"]


def test_an_answered_date_without_the_answer_text_is_flagged():
    page = api_page(6, answer_text=None)
    assert page.is_answered
    assert codes(page) == ["answer_text_missing"]


def test_an_unanswered_question_is_not_flagged_for_the_answer_it_does_not_have_yet():
    page = api_page(6, answered_date=None, answer_text=None, answering_minister=None, answer_text_truncated=False)
    assert not page.is_answered
    assert codes(page) == []


def test_a_cut_question_is_flagged():
    page = api_page(6, question_text_truncated=True, answered_date=None, answer_text=None, answering_minister=None,
                    answer_text_truncated=False)
    assert codes(page) == ["question_text_truncated"]


def test_withdrawn_question_is_not_flagged_for_having_no_answer():
    page = api_page(6, answered_date=None, answer_text=None, answering_minister=None, is_withdrawn=True)
    assert codes(page) == []


def test_holding_answer_not_replaced_in_the_corpus():
    flag = holding_unreplaced_flag(ANSWER_ID, date(2024, 7, 30))
    assert flag.code == "holding_answer_unreplaced"
    assert "2024-07-30" in flag.message


def test_sources_that_agree_give_no_flag():
    assert disagreement_flag(ANSWER_ID, "heading", {"a.txt#1": "Children: Exploitation", "b.json#4": "Children:  Exploitation"}) is None


def test_a_source_that_gives_no_value_does_not_disagree():
    assert disagreement_flag(ANSWER_ID, "answered_date", {"a.txt#1": date(2019, 8, 2), "b.json#4": None}) is None


def test_sources_that_disagree_are_flagged_with_each_value():
    flag = disagreement_flag(ANSWER_ID, "answered_date", {"seeds/001.txt#1": date(2019, 8, 2), "seeds/api.json#7": date(2019, 8, 5)})
    assert flag.code == "sources_disagree"
    assert flag.message == "The sources give different values for answered_date: seeds/001.txt#1: '2019-08-02'; seeds/api.json#7: '2019-08-05'."


def test_disagreements_on_several_fields_make_one_flag_naming_each_field():
    flag = disagreements_flag(ANSWER_ID, {
        "question_text": {"page.txt#1": "To ask A.", "api.json#1": "To ask B."},
        "heading": {"page.txt#1": "Same", "api.json#1": "Same"},
        "answer_text": {"page.txt#1": "One.", "api.json#1": "Two."},
    })
    assert flag.code == "sources_disagree"
    assert "for question_text:" in flag.message and "for answer_text:" in flag.message and "heading" not in flag.message


def test_no_disagreement_on_any_field_gives_no_flag():
    assert disagreements_flag(ANSWER_ID, {"heading": {"a#1": "X", "b#1": "X"}}) is None


def test_a_minister_given_by_member_id_only_is_not_flagged():
    # The API's list gives the answering minister's member id, not the name: the minister is stated.
    assert "minister_not_stated" not in codes(api_page(6, answering_minister=None, answering_member_id=3985))
    assert "minister_not_stated" in codes(api_page(6, answering_minister=None))
