"""Every hand-labelled record of the Hansard families in tests/examples2 (files 201-232), read as
``pqpub build`` reads it, with every field the readers give asserted as the label states it.

The labels were read by hand from each text (tests/examples2/README.md gives the conventions).
Statistics, counts and reference URLs are read by the statistics and references extractors
and are scored by ``python -m pipeline.evaluate``; the cited UINs are asserted here because
the readers give part of them (the other UINs of a grouped or multi-part question).
"""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from pathlib import Path

import pytest

from pipeline.evaluate import _pair, _question_key
from pipeline.extract import extract_answer
from pipeline.model import PageAnswer
from pipeline.sources import SeedReading, read_text

EXAMPLES = Path(__file__).parents[1] / "examples2"
HANSARD_FILES = {f"{n}.txt" for n in range(201, 233)}


def _expected() -> list[dict]:
    with (EXAMPLES / "expected.jsonl").open(encoding="utf-8") as lines:
        return [record for record in map(json.loads, lines) if record["file"] in HANSARD_FILES]


EXPECTED = _expected()

@cache
def _reading(name: str) -> SeedReading:
    return read_text((EXAMPLES / name).read_text(encoding="utf-8"), name)


def _published(expected: dict) -> PageAnswer:
    reading = _reading(expected["file"])
    records = sorted((e for e in EXPECTED if e["file"] == expected["file"]), key=lambda e: e["record_index"])
    paired = _pair(records, [page for _, page in reading.answers])
    page = paired[expected["record_index"]]
    assert page is not None, f"{expected['file']} record {expected['record_index']} not published: {reading.rejections}"
    return page


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _spaced(value: str | None) -> str | None:
    return " ".join(value.split()) if value else value


def test_every_hansard_example_is_in_a_hansard_layout_and_none_is_left_over():
    assert len(EXPECTED) == 62
    for name in sorted(HANSARD_FILES):
        reading = _reading(name)
        assert reading.layout in {"historic_hansard_written_answers", "hansard_site_written_answers", "hansard_written_answers"}, name
        labelled = sum(e["file"] == name for e in EXPECTED)
        # One row per labelled record: no answer published twice, none made from page furniture.
        assert len(reading.answers) == labelled, (name, [p.question_text[:50] for _, p in reading.answers])
        assert reading.rejections == [], (name, reading.rejections)


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda e: f"{e['file']}#{e['record_index']}")
def test_hansard_example_fields_are_as_labelled(expected):
    page = _published(expected)
    # The question is published as printed: "asked the ..." in older Hansard, "To ask ..." later.
    # Lords items "<Peer> asked Her Majesty's Government:" keep those words before the question
    # (the label starts after them, at the question itself).
    start = _question_key(expected["question_text_start"])
    published = _question_key(page.question_text)
    if expected["question_text_start"].startswith(("asked", "To ask")):
        assert published.startswith(start)
    else:
        assert published.startswith("her majesty s government " + start) or published.startswith(start)
    assert page.question_text.split()[0] in ("asked", "To")
    assert page.uin == expected["uin"]
    # house is labelled only where the text says it; the hint is the inference from the wording,
    # which the model publishes in house (see AnswerFields: house from the UIN or the question's form).
    assert page.house == (expected["house"] or expected["house_hint"])
    assert _spaced(page.heading) == _spaced(expected["heading"])
    assert _spaced(page.answering_body) == _spaced(expected["answering_body"])
    assert page.asking_member == expected["asking_member"]
    assert _iso(page.tabled_date) == expected["tabled_date"]
    assert _iso(page.answered_date) == expected["answered_date"]
    assert page.answering_minister == expected["answering_minister"]
    assert page.replaces_holding_answer is expected["is_holding_replacement"]
    assert page.answer_text_truncated is expected["answer_truncated"]
    assert page.question_text_truncated is expected["question_truncated"]
    # Every Hansard written answer was answered, even where the page stops before the answer.
    assert page.is_answered


@pytest.mark.parametrize("expected", [e for e in EXPECTED if e["referenced_uins"]], ids=lambda e: f"{e['file']}#{e['record_index']}")
def test_hansard_example_cited_uins_are_as_labelled(expected):
    page = _published(expected)
    extracted = extract_answer(page, layout="test", source_file=expected["file"], source_sha256="0" * 64)
    cited = {r.cited_uin for r in extracted.references if r.kind == "question" and r.cited_uin}
    labelled = {uin.replace(" ", "") for text in expected["referenced_uins"] for uin in __import__("re").findall(r"(?:HL\s?)?\d+", text)}
    assert cited | set(page.grouped_uins) == labelled


def test_a_multi_part_question_is_one_row_carrying_the_other_parts_uins():
    # 224: "(1) ... [105342](2) if she will list the projects" / "(a) approved, ... [105298]"
    [first, _] = [page for _, page in _reading("224.txt").answers]
    assert first.uin == "105342" and first.grouped_uins == ("105298",)
    assert "[105342](2) if she will list the projects (a) approved" in first.question_text
    assert not first.question_text.endswith("]")


def test_questions_answered_together_share_the_answer():
    pages = [page for _, page in _reading("225.txt").answers][:5]
    assert {page.answering_minister for page in pages} == {"The Prime Minister"}
    assert len({page.answer_text for page in pages}) == 1
    assert pages[0].answer_text.startswith("This morning I presided")
    assert [page.asking_member for page in pages] == ["Mrs. Gorman", "Mr. McFall", "Mr. Harry Greenway", "Mr. Stern", "Mr. Pike"]


def test_column_markers_are_taken_out_even_inside_words():
    [page] = [page for _, page in _reading("205.txt").answers]
    assert "31st December, together with" in page.question_text
    assert "961W" not in page.question_text
    [page] = [page for _, page in _reading("208.txt").answers]
    assert "52W" not in page.answer_text and "\n\nFollowing is the statement:" in page.answer_text
    [page] = [page for _, page in _reading("227.txt").answers]
    assert "there have been in the English farming community" in page.question_text


def test_a_run_on_turn_is_split_from_the_answer_before_it():
    pages = [page for _, page in _reading("225.txt").answers]
    assert pages[5].answer_text.endswith("for the price quoted.")
    assert pages[6].asking_member == "Mr. Allen"
    assert pages[6].question_text.startswith("To ask the Secretary of State for the Environment (1) what percentage")
    assert "(2) what provision was considered" in pages[6].question_text


def test_a_cut_question_is_published_marked_and_without_an_answer():
    last = [page for _, page in _reading("230.txt").answers][-1]
    assert last.question_text.endswith("have been withdrawn in the la")
    assert last.question_text_truncated and last.answer_text is None and not last.answer_text_truncated
    assert last.answering_minister is None


def test_a_page_that_ends_before_an_answer_marks_the_answer_cut():
    last = [page for _, page in _reading("229.txt").answers][-1]
    assert last.uin == "30316" and last.answer_text is None and last.answer_text_truncated


def test_names_stripped_from_the_page_stay_empty():
    for name in ("203.txt", "207.txt", "216.txt", "224.txt"):
        for _, page in _reading(name).answers:
            assert page.asking_member is None and page.answering_minister is None
