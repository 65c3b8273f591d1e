"""Properties every reader keeps, whatever text it is given."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.model import PageAnswer
from pipeline.sources import read_text, readers

from .helpers import FIXTURES

PAGE_FIXTURES = sorted(path.name for path in FIXTURES.glob("*.txt") if not path.name.startswith("linked_data_api"))
FURNITURE = ["Skip to main content", "Reticulating Splines", "Edward Timpson Portrait", "Lord Sharpe of Epsom Portrait"]

#: Text made of the layouts' own labels and lines, so that the readers' paths are exercised.
PAGE_LINES = [line for name in PAGE_FIXTURES for line in (FIXTURES / name).read_text(encoding="utf-8").split("\n")]
page_like = st.lists(st.one_of(st.sampled_from(PAGE_LINES), st.text(max_size=40)), max_size=40).map("\n".join)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(), page_like))
def test_read_text_never_raises_and_answers_validate(text):
    reading = read_text(text)
    for _, answer in reading.answers:
        PageAnswer.model_validate(answer.model_dump())
    assert all(reason for _, reason in reading.rejections)
    if reading.layout is None:
        assert not reading.answers and reading.rejections


@given(st.text())
def test_recognisers_never_raise(text):
    for reader in readers():
        assert reader.recognises(text) in (True, False)


def _without_flag(reading):
    return [{**answer.model_dump(), "furniture_removed": None} for _, answer in reading.answers]


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(PAGE_FIXTURES),
    inserts=st.lists(st.tuples(st.integers(min_value=0), st.sampled_from(FURNITURE)), min_size=1, max_size=6),
)
def test_furniture_lines_do_not_change_fields(name, inserts):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    lines = text.split("\n")
    for position, furniture in inserts:
        # Between lines only: a line added after the last would mend a page that was cut short.
        lines.insert(position % len(lines), furniture)
    plain, furnished = read_text(text), read_text("\n".join(lines))
    assert furnished.layout == plain.layout
    assert _without_flag(furnished) == _without_flag(plain)
    assert [position for position, _ in furnished.rejections] == [position for position, _ in plain.rejections]
    assert all(answer.furniture_removed for _, answer in furnished.answers)


def test_removing_furniture_does_not_change_fields():
    for name in PAGE_FIXTURES:
        text = (FIXTURES / name).read_text(encoding="utf-8")
        lines = [line for line in text.split("\n") if line.strip() not in FURNITURE]
        assert _without_flag(read_text("\n".join(lines))) == _without_flag(read_text(text)), name
