"""Each layout is recognised by its own labels and by no other reader's; the seeds read as before."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pipeline.sources import iter_seed_paths, read_seed, read_text, readers
from pipeline.sources.common import html_to_text, parse_member, parse_speaker, remove_column_markers
from pipeline.sources.historic_hansard import split_speaker

from .helpers import FIXTURES

SEEDS = Path(__file__).parents[2] / "seeds"

#: The last-resort reader recognises any text holding a written question's marks, so it is
#: left out of the one-reader-per-layout checks; it is asked after every other reader.
GENERIC = "generic_written_questions"

LAYOUT_OF = {
    "hansard_written_answers_commons.txt": "hansard_written_answers",
    "hansard_written_answers_lords.txt": "hansard_written_answers",
    "lords_hansard_2011_cut.txt": "hansard_written_answers",
    "historic_hansard.txt": "historic_hansard_written_answers",
    "historic_hansard_1994.txt": "historic_hansard_written_answers",
    "linked_data_api.json": "linked_data_api",
    "linked_data_api_cut.txt": "linked_data_api",
    "parallel_parliament.txt": "parallel_parliament_listing",
    "parallel_parliament_cut.txt": "parallel_parliament_listing",
    "theyworkforyou_wrans.txt": "theyworkforyou_wrans",
    "theyworkforyou_wrans_grouped.txt": "theyworkforyou_wrans",
    "written_questions_api_list.json": "written_questions_api",
    "written_questions_api_record.json": "written_questions_api",
    "commons-api-2024-08.json": "written_questions_api",
    "written_questions_listing.txt": "written_questions_listing",
    "written_questions_listing_2016_cut.txt": "written_questions_listing",
    "written_questions_listing_2019_cut.txt": "written_questions_listing",
    "written_questions_listing_2017_lords_cut.txt": "written_questions_listing",
    "written_questions_listing_2020_holding_cut.txt": "written_questions_listing",
    "parallel_parliament_question_page.txt": "parallel_parliament_question_page",
    "parallel_parliament_question_page_2014.txt": "parallel_parliament_question_page",
    "parliament_question_page_body_only.txt": "parliament_question_page",
    "parallel_parliament_untitled_cut.txt": "parallel_parliament_listing",
    "parallel_parliament_department_table_cut.txt": "parallel_parliament_department_table",
    "commons_order_book_1998_cut.txt": "commons_order_book",
    "commons_questions_book_2015_cut.txt": "commons_order_book",
    "lords_business_written_questions_cut.txt": "lords_business_written_questions",
    "lords_unanswered_questions_2010_cut.txt": "lords_business_written_questions",
    "question_answer_json_pair.json": "question_answer_json",
    "question_answer_json_search_index.json": "question_answer_json",
}

#: Read only by the last-resort reader: no layout's reader recognises it.
GENERIC_FIXTURES = {"generic_written_questions.txt"}


def test_every_fixture_has_a_layout():
    assert sorted([*LAYOUT_OF, *GENERIC_FIXTURES]) == sorted(path.name for path in FIXTURES.iterdir() if path.suffix in (".txt", ".json"))


@pytest.mark.parametrize("name", sorted(GENERIC_FIXTURES))
def test_a_page_in_no_layout_is_left_to_the_general_reader(name):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    assert [reader.LAYOUT for reader in readers() if reader.recognises(text)] == [GENERIC]




def _layout_readers():
    return [reader for reader in readers() if reader.LAYOUT != GENERIC]


def test_the_general_reader_is_asked_last():
    assert readers()[-1].LAYOUT == GENERIC


@pytest.mark.parametrize("name", sorted(LAYOUT_OF))
def test_only_its_own_reader_recognises_a_fixture(name):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    assert [reader.LAYOUT for reader in _layout_readers() if reader.recognises(text)] == [LAYOUT_OF[name]]


def test_seeds_are_not_taken_by_the_new_layouts():
    for path in iter_seed_paths(SEEDS):
        text = path.read_text(encoding="utf-8")
        assert len([reader for reader in _layout_readers() if reader.recognises(text)]) == 1, path.name


def test_seeds_read_as_before():
    readings = {path.name: read_seed(path, SEEDS) for path in sorted(SEEDS.glob("*.txt"))}
    assert {name: reading.layout for name, reading in readings.items()} == {
        "000_8885b3d230a2f9dc.txt": "parliament_question_page",
        "001_9f0442c81153244d.txt": "questions_statements_page",
        "003_cb83d66ac9c0d06e.txt": "questions_statements_page",
    }
    first = readings["000_8885b3d230a2f9dc.txt"].answers[0][1]
    assert (first.heading, first.answering_minister, first.answered_date, first.tabled_date, first.furniture_removed) == (
        "Out of Area Treatment: Northern Ireland", "Edward Timpson", date(2014, 5, 7), None, True)
    assert first.answer_text.endswith("tackling-child-sexual-exploitation-action-plan")
    second = readings["001_9f0442c81153244d.txt"].answers[0][1]
    assert (second.uin, second.tabled_date, second.answered_date, second.replaces_holding_answer) == (
        "281056", date(2019, 7, 23), date(2019, 8, 2), True)
    assert all(not reading.rejections for reading in readings.values())


@pytest.mark.parametrize("text", [
    "Minutes of a meeting\n\nNothing here is a written question.\n",
    '{"items": [{"title": "not a question"}]}',
    "Q\nA\n",
    "To ask nothing at all",
])
def test_text_in_no_layout_is_rejected_whole(text):
    reading = read_text(text)
    assert reading.layout is None and not reading.answers
    assert reading.rejections[0][0] == 0 and reading.rejections[0][1].startswith("unrecognised layout")


def test_html_answers_become_plain_paragraphs_lines_and_rows():
    markup = ('<p>Figures &amp; notes:</p><p>&nbsp;</p><ul><li>one</li><li>two</li></ul>'
              '<table><tr><th>Year</th><th>Number</th></tr><tr><td>2023</td><td>1,200</td></tr></table>'
              '<p>See <a href="https://www.gov.uk/x">the guidance</a> and <a href="https://a.org">https://a.org</a>.<br>Next line</p>'
              '<script>ignored()</script>')
    assert html_to_text(markup) == (
        "Figures & notes:\n\none\ntwo\n\nYear | Number\n2023 | 1,200\n\n"
        "See the guidance (https://www.gov.uk/x) and https://a.org.\nNext line")
    assert html_to_text("Annual Report &amp; Accounts") == "Annual Report & Accounts"
    assert html_to_text("<p> </p>") is None


def test_members_and_speakers_as_pages_print_them():
    assert parse_member("Layla Moran (Liberal Democrat - Oxford West and Abingdon)") == (
        "Layla Moran", "Liberal Democrat", "Oxford West and Abingdon")
    assert parse_member("Lord Weir of Ballyholme (Democratic Unionist Party - Life peer)") == (
        "Lord Weir of Ballyholme", "Democratic Unionist Party", None)
    assert parse_member("Will Quince") == ("Will Quince", None, None)
    assert parse_speaker("The Minister of State, Ministry of Justice (Lord McNally)") == "Lord McNally"
    assert parse_speaker("Mr Vaizey") == "Mr Vaizey"
    assert split_speaker("Mr. JackMinisters in this Department") == ("Mr. Jack", "Ministers in this Department")
    assert split_speaker("Mr. MacShaneThe figures") == ("Mr. MacShane", "The figures")
    assert split_speaker("The Minister of State, Home Office (Mr. Michael Jack)The figures") == ("Mr. Michael Jack", "The figures")


def test_column_markers_leave_no_trace():
    assert remove_column_markers("the total numberColumn 967W of questions") == "the total number of questions"
    assert remove_column_markers("published by\n7 Jan 2014 : Column 2W\nthe Agency.") == "published by the Agency."
    assert remove_column_markers("repealed.\nColumn WA 213\nThat body") == "repealed.\nThat body"
    assert remove_column_markers("Column 5 of the table") == "Column 5 of the table"


@pytest.mark.parametrize("markup", [
    "<p>One</p><p>&nbsp;</p><p>Two &amp; three</p>",
    "<p>A<BR>B</p><OL><LI>x<LI>y</OL><h2>T</h2><div>d</div><br />e</br>f",
    "<ul><li>a</li><li>b &lt;c&gt;</li></ul>",
    "<table><tr><th>Year</th><th>Starts</th></tr><tr><td>2022</td><td>1,200</td></tr></table>",
    '<p>See <a href="https://example.org/a?b=1&amp;c=2" target="_blank">the page</a>.</p>',
    "<p>x</p><!-- a comment --><script>var y;</script><p>z</p>",
    "a < b and <i>c</i>",
])
def test_html_shortcuts_read_as_html_parser_does(markup):
    from pipeline.sources.common import _PlainText, paragraphs

    parser = _PlainText()
    parser.feed(markup)
    parser.close()
    expected = paragraphs([" ".join(line.split()) for line in "".join(parser.parts).split("\n")])
    assert html_to_text(markup) == expected
