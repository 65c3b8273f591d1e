"""Properties every reader keeps, whatever text it is given."""

from __future__ import annotations

import pytest
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


# --- the Hansard families: the labelled examples of tests/examples2 -------------------------

EXAMPLES2 = FIXTURES.parents[1] / "examples2"
HANSARD_EXAMPLES = sorted(f"{n}.txt" for n in range(201, 233))
#: Lines Hansard pages carry around and between records that are never part of a field.
HANSARD_FURNITURE = ["Previous Section | Home Page |", "Back to Table of Contents", "Skip to main content", "Column 123", "Column 508W", "697WA"]


def _fields(reading):
    return [{**answer.model_dump(), "furniture_removed": None} for _, answer in reading.answers]


def _between_paragraphs(lines: list[str]) -> list[int]:
    """Places between two lines where a paragraph has ended (the line before ends a sentence, a
    UIN or a heading), so that an inserted line cannot split a sentence."""
    return [i for i in range(1, len(lines)) if not lines[i - 1].strip() or lines[i - 1].rstrip().endswith((".", "?", "]", ":"))]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(HANSARD_EXAMPLES), data=st.data())
def test_hansard_furniture_and_column_markers_between_paragraphs_do_not_change_fields(name, data):
    text = (EXAMPLES2 / name).read_text(encoding="utf-8")
    lines = text.split("\n")
    places = _between_paragraphs(lines)
    if not places:
        return
    inserts = data.draw(st.lists(st.tuples(st.sampled_from(places), st.sampled_from(HANSARD_FURNITURE)), min_size=1, max_size=4))
    for place, line in sorted(inserts, reverse=True):
        lines.insert(place, line)
    plain, furnished = read_text(text), read_text("\n".join(lines))
    assert furnished.layout == plain.layout
    assert _fields(furnished) == _fields(plain)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(HANSARD_EXAMPLES), data=st.data())
def test_a_hansard_blank_line_repeated_or_dropped_between_paragraphs_does_not_change_fields(name, data):
    text = (EXAMPLES2 / name).read_text(encoding="utf-8")
    lines = text.split("\n")
    blanks = [i for i, line in enumerate(lines[:-1]) if not line.strip() and i > 0]
    if not blanks:
        return
    place = data.draw(st.sampled_from(blanks))
    repeated = lines[:place] + [""] + lines[place:]
    assert _fields(read_text("\n".join(repeated))) == _fields(read_text(text))


#: The Hansard-family pages: the labelled examples, and the fixtures of the same readers.
HANSARD_PAGES = [EXAMPLES2 / name for name in HANSARD_EXAMPLES] + sorted(
    path for path in FIXTURES.glob("*.txt") if path.name.startswith(("historic_hansard", "hansard_written", "lords_hansard", "theyworkforyou")))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(HANSARD_PAGES), data=st.data())
def test_a_hansard_page_cut_anywhere_publishes_only_what_it_shows(path, data):
    """Cut at any point, a page publishes its records before the cut as they were, and the record
    the cut falls in either marked cut or reported; never with a field from another record."""
    text = path.read_text(encoding="utf-8")
    full = [answer for _, answer in read_text(text).answers]
    at = data.draw(st.integers(min_value=1, max_value=len(text) - 1))
    _assert_publishes_only_what_it_shows(full, read_text(text[:at]))


def _assert_publishes_only_what_it_shows(full: list[PageAnswer], cut) -> None:
    """A page's cut copy publishes no record the whole page does not hold, and no field from
    another record: a question cut short is the start of one of the page's questions, with no
    answer; any other record is one of the page's, its answer the start of its own answer."""
    for _, answer in cut.answers:
        PageAnswer.model_validate(answer.model_dump())
    whole = {(a.asking_member, a.question_text) for a in full}
    for _, answer in cut.answers:
        if answer.question_text_truncated:
            # What it shows of its question is the start of one of the page's questions.
            assert any(_starts(q, answer.question_text) for _, q in whole), answer.question_text
            assert answer.answer_text is None and answer.answering_minister is None
            continue
        twins = [a for a in full if _same_question(a, answer)]
        assert twins, answer.question_text
        if answer.answer_text is not None:
            # Its answer is its own answer's text, or the start of it where the cut fell inside it.
            assert any(t.answer_text and _starts(t.answer_text, answer.answer_text) for t in twins), answer.answer_text[-80:]
        if answer.answering_minister is not None:
            assert answer.answering_minister in {t.answering_minister for t in twins}
        if answer.asking_member is not None:
            assert answer.asking_member in {t.asking_member for t in twins}
        if answer.uin is not None:
            assert answer.uin in {t.uin for t in twins}


#: Pages of every reading family of page text, cut at every character position below: Hansard
#: (historic, Commons, Lords, the digitised site), listings, question pages and order papers.
EVERY_CUT_PAGES = [EXAMPLES2 / f"{n}.txt" for n in (205, 213, 215, 221, 225, 229, 233, 236, 237, 239, 240, 244, 247)] + [
    FIXTURES / name for name in ("hansard_written_answers_lords.txt", "theyworkforyou_wrans_grouped.txt", "written_questions_listing.txt",
                                 "parallel_parliament_department_table_cut.txt", "lords_unanswered_questions_2010_cut.txt")
]


@pytest.mark.parametrize("path", EVERY_CUT_PAGES, ids=lambda path: path.name)
def test_a_page_cut_at_every_position_publishes_only_what_it_shows(path):
    """The sampled cuts above, at every character of a page: each cut copy publishes its records
    marked cut or reports them, and never publishes a field from another record."""
    text = path.read_text(encoding="utf-8")
    full = [answer for _, answer in read_text(text).answers]
    assert full
    for at in range(1, len(text)):
        cut = read_text(text[:at])
        try:
            _assert_publishes_only_what_it_shows(full, cut)
        except AssertionError as failure:
            raise AssertionError(f"cut at {at} ({text[max(0, at - 40):at]!r}): {failure}") from None


@pytest.mark.parametrize("path", [path for path in HANSARD_PAGES if path not in EVERY_CUT_PAGES], ids=lambda path: path.name)
def test_every_hansard_page_cut_at_every_word_boundary_publishes_only_what_it_shows(path):
    """Every other Hansard-family page, cut at every place a word or a mark begins or ends (where
    the labels, markers and brackets the readers rely on begin and end)."""
    text = path.read_text(encoding="utf-8")
    full = [answer for _, answer in read_text(text).answers]
    for at in range(1, len(text)):
        if text[at].isalnum() and text[at - 1].isalnum():
            continue  # inside a word: the pages above are cut there too
        try:
            _assert_publishes_only_what_it_shows(full, read_text(text[:at]))
        except AssertionError as failure:
            raise AssertionError(f"cut at {at} ({text[max(0, at - 40):at]!r}): {failure}") from None


def _same_question(whole_answer, cut_answer) -> bool:
    return whole_answer.question_text == cut_answer.question_text or (
        cut_answer.question_text_truncated and whole_answer.question_text.startswith(cut_answer.question_text))


def _starts(whole: str, part: str) -> bool:
    squash = lambda s: " ".join(s.split())
    part = squash(part)
    # The cut may fall inside a word, or inside a column marker that is then read as text.
    return squash(whole).startswith(part[: max(1, len(part) - 12)])


HANSARD_LINES = [line for name in HANSARD_EXAMPLES for line in (EXAMPLES2 / name).read_text(encoding="utf-8").split("\n")]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(HANSARD_LINES), st.sampled_from(["", "§", "§ Mr.", "Column 5", "HC Deb 1 May 1950 vol 1 c1W"])), max_size=30))
def test_hansard_lines_in_any_order_never_raise_and_every_record_validates(lines):
    reading = read_text("\n".join(lines))
    for _, answer in reading.answers:
        PageAnswer.model_validate(answer.model_dump())
        assert answer.question_text.strip()
    assert all(reason for _, reason in reading.rejections)


@pytest.mark.parametrize("name", ["203.txt", "207.txt", "216.txt", "221.txt", "224.txt"])
def test_a_digitised_page_without_one_of_its_optional_lines_reads_the_same(name):
    # The site's banner lines may be missing from a copy: the page is still recognised by its
    # other marks, and no field comes from them.
    text = (EXAMPLES2 / name).read_text(encoding="utf-8")
    plain = _fields(read_text(text))
    for optional in ("Skip to main content", "Written Answers", "The text on this page has been created from Hansard archive content"):
        lines = text.split("\n")
        index = next(i for i, line in enumerate(lines) if line.startswith(optional))
        dropped = read_text("\n".join(lines[:index] + lines[index + 1:]))
        assert dropped.layout == "hansard_site_written_answers", optional
        assert _fields(dropped) == plain, optional
