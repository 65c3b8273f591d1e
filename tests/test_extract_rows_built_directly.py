"""The rows extraction builds without validation are the rows validation would make, and the
readings that skip work where nothing can be found find what a full reading finds."""

from __future__ import annotations

import pytest

from pipeline.extract import answer_record
from pipeline.extract.quality import _WORD, _STOPWORDS, _stem, answer_flags, content_words, heading_fits
from pipeline.extract.references import find_references
from pipeline.model import Answer, PageAnswer, QualityFlag, Reference

from .extract_fixtures import ANSWER_ID, FIXTURES, seed_page

#: Texts that yield every kind of reference, and some that only look as if they might.
TEXTS = [
    "I refer the hon. Member to the Answer of 15 July 2019 to Question 273801, and Question 273802.",
    "See the Written Answer by Lord McNally on 11 May 2011 and the response given on 4 Jan 2020 to UIN 55.",
    "As set out in ‘Working together to safeguard children (2018)’ and “Questions of Procedure for Ministers”.",
    "'Sexual exploitation should be covered in local needs assessments and plans' is the guidance.",
    "The Care Act 2014 and The Merchant Shipping (Safety) Regulations 2011 apply.",
    "Official Report, column 618W; HL Deb, col 1021; WA 213; cols. 3-4.",
    "(UIN 13866) (HL1234) on 26 February 2024 (13867) children (2018) ref 15786 and 15787 about the Question.",
    "Further details are set out in the guidance.[1]\n\n[1] https://www.gov.uk/guidance/a-b-2013\n[2] A Report Title - www.x.org/a",
    "www.gov.uk (https://www.gov.uk/a) and https://www.gov.uk/governm...",
    "Puestion UIN 12 and Uuestions UIN 4, PIN 1234 on 3 May 2020, QQ 12.",
    "Regulations\u00a02010 only, Official Report Col 5, HC Deb, c. 12",
]


@pytest.mark.parametrize("text", TEXTS)
def test_references_built_directly_equal_the_validated_ones(text):
    for reference in find_references(ANSWER_ID, text, text):
        validated = Reference.model_validate(reference.__dict__)
        assert reference == validated
        assert list(reference.__dict__) == list(validated.__dict__)
        assert reference.__pydantic_fields_set__ == validated.__pydantic_fields_set__


def test_an_answer_id_from_outside_is_validated_as_before():
    for text in TEXTS:
        assert find_references(" " + ANSWER_ID, text, text) == find_references(ANSWER_ID, text, text)  # stripped
        assert find_references("XYZ", text, text) == []  # refused, and so every row with it


def test_a_match_that_holds_a_head_keeps_it_from_being_taken():
    # "Uuestions UIN 4" is one match of QUESTION_UIN, not taken, so its "UIN 4" is not taken either.
    assert [r.cited_uin for r in find_references(ANSWER_ID, None, "Uuestions UIN 4 and UIN 5")] == ["5"]


def _heading_fits_word_by_word(heading: str, question_text: str) -> bool:
    stems = content_words(heading)
    return not stems or any(
        len(word) > 2 and word not in _STOPWORDS and _stem(word) in stems for word in _WORD.findall(question_text.lower())
    )


@pytest.mark.parametrize("heading, question", [
    ("Children: Exploitation", "To ask ..., what support is given to children who are being exploited."),
    ("Fisheries", "To ask ..., what steps he is taking to protect fishing grounds."),
    ("Out of Area Treatment: Northern Ireland", "To ask ..., what proportion of local authorities have plans."),
    ("Schools", "To ask about preschools and schooling."),
    ("Prisons", "To ask about imprisonment"),
    ("Arts", "To ask about the art's funding"),
])
def test_a_heading_fits_as_when_every_word_of_the_question_is_read(heading, question):
    assert heading_fits(heading, question) == _heading_fits_word_by_word(heading, question)


def _pages() -> list[PageAnswer]:
    from pipeline.sources import read_seed

    listed = read_seed(FIXTURES / "commons_api_2024_08.json", FIXTURES).answers
    return [seed_page("000_8885b3d230a2f9dc.txt"), seed_page("001_9f0442c81153244d.txt"), *(page for _, page in listed)]


def test_quality_flags_and_answer_rows_equal_the_validated_ones():
    for page in _pages():
        for flag in answer_flags(ANSWER_ID, page):
            assert flag == QualityFlag.model_validate(flag.__dict__)
        answer = answer_record(page, ANSWER_ID, layout="written_questions_api", source_file="x.json", source_sha256="0" * 64)
        validated = Answer.model_validate(answer.__dict__)
        assert answer == validated
        assert list(answer.__dict__) == list(validated.__dict__)
        assert answer.__pydantic_fields_set__ == validated.__pydantic_fields_set__
