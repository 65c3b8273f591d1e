"""Shared helpers for the source-reader tests."""

from __future__ import annotations

from pathlib import Path

from pipeline.model import PageAnswer, shows_answer
from pipeline.sources import SeedReading, read_seed

FIXTURES = Path(__file__).parent / "fixtures"

#: Every field of a PageAnswer with the value it takes where the source does not give it.
DEFAULTS = {name: field.default for name, field in PageAnswer.model_fields.items() if not field.is_required()}


def answer(**fields) -> dict:
    """An expected answer: every field, the unstated ones at their defaults.

    ``is_answered`` has no fixed default: unless stated, it is what the expected fields show
    (an answer text, an answered date or an answer cut off, and not withdrawn), as for an
    order paper's question, tabled and not yet answered.
    """
    unknown = set(fields) - set(PageAnswer.model_fields)
    assert not unknown, f"not PageAnswer fields: {unknown}"
    expected = {**DEFAULTS, **fields}
    if "is_answered" not in fields:
        expected["is_answered"] = shows_answer(expected)
    return expected


def read_fixture(name: str) -> SeedReading:
    return read_seed(FIXTURES / name, FIXTURES)


def assert_answers(reading: SeedReading, layout: str, expected: list[dict], rejections=()) -> None:
    assert reading.layout == layout
    assert reading.rejections == list(rejections)
    assert [answer.model_dump() for _, answer in reading.answers] == expected
