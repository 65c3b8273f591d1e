"""Statistics built without pydantic's validation are the rows validation would build, and
whatever validation would refuse or change is still validated; sentences looked up one after
another are the sentences of the whole text."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import ValidationError

from pipeline.extract.sentences import SentenceLookup, Sentences
from pipeline.extract.statistics import _fits, _publishable, read_statistics
from pipeline.model import Statistic

from .extract_fixtures import ANSWER_ID

HERE = Path(__file__).resolve().parent

TEXT = (
    "In 2014, the Department provided £48.7 million. Around 63% of recruits reported an improvement.\n"
    "Between 22,000 and 25,000 officers are expected to benefit; 1,203 apprentices were supported (c.12.7%).\n"
    "Region | 2022 | 2023\nNorth | 1,234 | 5.5\nSouth | 42s. 6d. | 15½ miles\n"
)


def _texts() -> list[str]:
    return [TEXT] + [path.read_text(encoding="utf-8") for path in sorted((HERE / "extract_fixtures").glob("*.txt"))]


@pytest.mark.parametrize("text", _texts())
def test_rows_are_the_rows_validation_builds(text):
    rows = read_statistics(ANSWER_ID, text).statistics
    for row in rows:
        validated = Statistic.model_validate(dict(row.__dict__))
        assert validated == row
        assert list(row.__dict__) == list(Statistic.model_fields)
        assert row.model_fields_set == validated.model_fields_set
        assert {name: repr(value) for name, value in row} == {name: repr(value) for name, value in validated}


def _values(**changes) -> dict:
    values = dict(read_statistics(ANSWER_ID, "A total of 5 schools.").statistics[0].__dict__)
    values.update(changes)
    return values


def test_the_sample_has_figures_of_every_kind():
    units = {row.unit for row in read_statistics(ANSWER_ID, TEXT).statistics}
    assert {"GBP", "percent", "count", "number", "miles"} <= units


def test_only_values_validation_passes_unchanged_skip_it():
    assert _publishable(_values())
    assert not _publishable(_values(value=Decimal("1E+28")))  # more than 28 digits before the point
    assert not _publishable(_values(value=Decimal("0.00000000001")))  # more than 10 after it
    assert not _publishable(_values(value_max=Decimal("NaN")))
    assert not _publishable(_values(text=" 5 schools"))  # validation would strip it
    assert not _publishable(_values(counted=""))  # validation would make it None
    assert not _publishable(_values(unit="furlongs"))
    assert not _publishable(_values(scale="lakh"))
    assert _fits(Decimal("123456789012345678901234567.5")) and not _fits(Decimal("1.5E+28"))


def test_an_answer_id_validation_refuses_is_still_refused():
    with pytest.raises(ValidationError):
        read_statistics("not an answer id", "A total of 5 schools.")


@pytest.mark.parametrize("text", _texts())
def test_sentence_lookup_gives_the_sentences_of_the_text(text):
    whole = Sentences(text)
    offsets = range(0, len(text), 7)
    lookup = SentenceLookup(text)
    for offset in offsets:  # in order, as statistics are looked up
        assert lookup.span_at(offset) == whole.span(offset)
        assert lookup.at(offset) == whole.at(offset)
    lookup = SentenceLookup(text)
    for offset in reversed(offsets):
        assert lookup.span_at(offset) == whole.span(offset)
