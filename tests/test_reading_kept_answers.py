"""What is kept from one reading for the next (values that fit, the words after a count) and the
URL searches written for speed give what the plain reading gives."""

from __future__ import annotations

from decimal import Decimal

from pipeline.extract.patterns import url_spans
from pipeline.extract.statistics import _fits, read_statistics

from .extract_fixtures import ANSWER_ID


def _counted(text: str) -> list[str | None]:
    return [row.counted for row in read_statistics(ANSWER_ID, text).statistics]


def test_the_words_after_a_count_are_read_the_same_for_one_and_for_more():
    # the same words after the number 1 and after another number: only for 1 do they count
    assert _counted("There was 1 new school opened.") == ["new school opened"]
    assert _counted("There were 2 new school opened.") == [None]
    assert _counted("There was 1 new school opened.") == ["new school opened"]


def test_the_words_after_a_count_at_a_cut_are_read_up_to_the_cut():
    # the word the source cut into is not read: only the words before the cut
    assert _counted("In all, 25 schools inspected by Ofsted...") == ["schools"]
    assert _counted("In all, 25 schools...") == [None]
    assert _counted("In all, 25 schools were inspected.") == ["schools"]


def test_whether_a_value_fits_depends_on_the_value_alone():
    assert _fits(Decimal("1.0")) and _fits(Decimal(1))
    assert not _fits(Decimal("1E+28")) and not _fits(Decimal("1.0E+28"))
    assert not _fits(Decimal("0.00000000001"))


def _urls(text: str) -> list[str]:
    return [text[start:end] for start, end in url_spans(text)]


def test_a_glued_word_is_cut_only_after_a_lowercase_letter_digit_or_underscore():
    assert _urls("See https://example.org/data2015The data.") == ["https://example.org/data2015"]
    assert _urls("See https://example.org/sets_The data.") == ["https://example.org/sets_"]
    assert _urls("See https://example.org/The data.") == ["https://example.org/The"]
    assert _urls("See https://example.org/data-The data.") == ["https://example.org/data-The"]
