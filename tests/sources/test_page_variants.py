"""Properties of the page, listing, order-paper and general readers on real page texts:
a page cut inside a word at any point publishes each record whole, marked truncated, or
reports it, never with a field from another record; label lines carrying a link after them
and missing optional lines do not change the fields read."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.model import PageAnswer
from pipeline.sources import read_text
from pipeline.sources.common import closed
from pipeline.sources.parallel_parliament_table import split_row

from .helpers import FIXTURES

#: Page texts these readers read, whole or cut, with several records where the layout has them.
PAGES = [
    "parallel_parliament_question_page.txt",
    "parallel_parliament_question_page_2014.txt",
    "parliament_question_page_body_only.txt",
    "written_questions_listing.txt",
    "written_questions_listing_2017_lords_cut.txt",
    "written_questions_listing_2020_holding_cut.txt",
    "parallel_parliament.txt",
    "parallel_parliament_untitled_cut.txt",
    "parallel_parliament_department_table_cut.txt",
    "commons_order_book_1998_cut.txt",
    "commons_questions_book_2015_cut.txt",
    "lords_business_written_questions_cut.txt",
    "lords_unanswered_questions_2010_cut.txt",
    "generic_written_questions.txt",
]
TEXTS = {name: (FIXTURES / name).read_text(encoding="utf-8") for name in PAGES}
#: Fields a cut may leave empty (what lies beyond the cut) but never fill differently.
TEXT_FIELDS = ("question_text", "answer_text")


def _words(text: str | None) -> str:
    return " ".join((text or "").split())


def _mid_word_cuts(text: str) -> list[int]:
    return [i for i in range(1, len(text)) if text[i - 1].isalnum() and text[i].isalnum()]


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(PAGES), where=st.floats(min_value=0, max_value=1, exclude_max=True))
def test_a_page_cut_inside_a_word_publishes_records_whole_or_marked_or_reports_them(name, where):
    text = TEXTS[name]
    cuts = _mid_word_cuts(text)
    cut = cuts[int(where * len(cuts))]
    whole = [page for _, page in read_text(text, name).answers]
    reading = read_text(text[:cut], name)
    assert all(reason for _, reason in reading.rejections)
    published = [page for _, page in reading.answers]
    for number, page in enumerate(published):
        assert number < len(whole), "a cut page published more records than the whole page"
        full = whole[number]
        if page.question_text_truncated or page.answer_text_truncated:
            # What is visible, and nothing from another record: the text read up to the
            # cut, whose last paragraph is the line the cut falls in (it may be furniture
            # that the whole page sets aside, such as a spinner's text cut part-way).
            for field in TEXT_FIELDS:
                value = getattr(page, field)
                if value is None:
                    continue
                *before, last = value.split("\n\n")
                assert _words(getattr(full, field)).startswith(_words("\n\n".join(before)))
                assert text[:cut].rstrip().endswith(last.strip()) or _words(getattr(full, field)).startswith(_words(value))
            for field, value in page.model_dump().items():
                if field in TEXT_FIELDS or field.endswith("_truncated") or value in (None, (), False):
                    continue
                assert value == getattr(full, field), (field, value, getattr(full, field))
        else:
            # Not marked: whole, except what lay beyond the cut on a line of its own (an order
            # paper's UIN line cut part-way is left out, the question before it being whole).
            for field, value in page.model_dump().items():
                if field == "furniture_removed" or value in (None, (), False):
                    continue
                assert value == getattr(full, field), (field, value, getattr(full, field))
            assert page.answer_text == full.answer_text


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(PAGES), where=st.floats(min_value=0, max_value=1, exclude_max=True))
def test_only_the_last_record_of_a_cut_page_can_change(name, where):
    text = TEXTS[name]
    cuts = _mid_word_cuts(text)
    cut = cuts[int(where * len(cuts))]
    whole = [page for _, page in read_text(text, name).answers]
    published = [page for _, page in read_text(text[:cut], name).answers]
    assert published[:-1] == whole[:max(len(published) - 1, 0)]


#: Links and notes that copies print after a label line; the label's value is unchanged.
TRAILING = [" - View Source", " View source", "  ", " (link)"]


@given(trailing=st.sampled_from(TRAILING))
def test_a_link_after_the_tabled_date_changes_nothing(trailing):
    text = TEXTS["parallel_parliament_question_page.txt"]
    varied = text.replace("(asked on 20th April 2020) - View Source", "(asked on 20th April 2020)" + trailing)
    assert [p.model_dump() for _, p in read_text(varied).answers] == [p.model_dump() for _, p in read_text(text).answers]


#: Optional lines of each layout, by a pattern matching the whole line, and the fields their
#: loss may empty (and only empty).
OPTIONAL_LINES = {
    "parallel_parliament_question_page.txt": [
        (r"Social Security Benefits: Coronavirus", {"heading"}),
        (r"\(asked on .*", {"tabled_date"}),
        (r"Question to the .*", {"answering_body"}),
        (r"Mims Davies Portrait", set()),
        (r"Parliamentary Under-Secretary .*", set()),
        (r"This question was answered on .*", {"answered_date"}),
        (r"Reticulating Splines", set()),
    ],
    "written_questions_listing_2020_holding_cut.txt": [
        (r"Q", set()),
        (r"Asked by .*", {"asking_member"}),
        (r"\(Richmond Park\)", {"asking_member_constituency"}),
        (r"Holding answer received on .*", {"replaces_holding_answer"}),
        (r"Commons", set()),
    ],
    "parallel_parliament.txt": [
        (r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day \d.*", {"listed_date"}),
        (r"This question was answered on .*", {"answered_date"}),
    ],
    "lords_business_written_questions_cut.txt": [
        (r"Answered", set()),
        (r"Tabled on .*", {"tabled_date"}),
    ],
    "commons_questions_book_2015_cut.txt": [
        (r"\d+ ?N?", set()),
        (r"Questions to the .*", set()),
    ],
}


def _cases():
    return [(name, pattern, emptied) for name, lines in OPTIONAL_LINES.items() for pattern, emptied in lines]


@settings(max_examples=80, suppress_health_check=[HealthCheck.too_slow])
@given(case=st.sampled_from(_cases()))
def test_a_missing_optional_line_empties_only_its_own_field(case):
    name, pattern, emptied = case
    text = TEXTS[name]
    line = re.compile(rf"^\s*{pattern}\s*$")
    kept = "\n".join(l for l in text.split("\n") if not line.match(l))
    assert kept != text, pattern
    before = [p.model_dump() for _, p in read_text(text).answers]
    after = [p.model_dump() for _, p in read_text(kept).answers]
    assert len(after) == len(before)
    for old, new in zip(before, after):
        for field in old:
            if field == "furniture_removed":
                continue
            if field in emptied:
                assert new[field] in (None, False, old[field])
            else:
                assert new[field] == old[field], (pattern, field)


def test_answers_of_the_general_reader_are_flagged_and_others_are_not():
    from pipeline.extract import extract_answer

    for name, flagged in (("generic_written_questions.txt", True), ("parallel_parliament_question_page.txt", False)):
        reading = read_text(TEXTS[name], name)
        for _, page in reading.answers:
            codes = [flag.code for flag in extract_answer(page, layout=reading.layout, source_file=name, source_sha256="0" * 64).quality]
            assert ("generic_reader" in codes) is flagged, name


def test_a_text_with_no_written_question_is_rejected_with_the_reason():
    reading = read_text("Order of business\n\nThe House will meet at 11.30am.\nMr Smith asked about the weather.\n")
    assert reading.layout is None and not reading.answers
    assert reading.rejections[0][1].startswith("unrecognised layout")


def test_a_question_page_with_its_asker_is_still_one_question_page():
    text = TEXTS["parallel_parliament_question_page.txt"]
    varied = text.replace("(asked on 20th April 2020) - View Source\n", "(asked on 20th April 2020) - View Source\n\nAsked by: Stephen Timms (Labour - East Ham)\n")
    plain, with_asker = read_text(text), read_text(varied)
    assert with_asker.layout == plain.layout == "parallel_parliament_question_page"
    (_, before), = plain.answers
    (_, after), = with_asker.answers
    assert (after.asking_member, after.asking_member_party, after.asking_member_constituency) == ("Stephen Timms", "Labour", "East Ham")
    assert after.model_copy(update={"asking_member": None, "asking_member_party": None, "asking_member_constituency": None}) == before


@pytest.mark.parametrize("row, title, member", [
    ("Ministry of Justice: Honours Seema Malhotra", "Ministry of Justice: Honours", "Seema Malhotra"),
    ("Witnesses Richard Burgon", "Witnesses", "Richard Burgon"),
    ("Home Office: Remote Working Baroness Williams of Trafford", "Home Office: Remote Working", "Baroness Williams of Trafford"),
    ("Prisons: Drugs Lord Watts", "Prisons: Drugs", "Lord Watts"),
    ("Roads: Safety Sir Edward Leigh", "Roads: Safety", "Sir Edward Leigh"),
    ("Schools Jeffrey M Donaldson", "Schools", "Jeffrey M Donaldson"),
    # No name's form at the end: the row is the title, the questioner unknown.
    ("Ministry of Justice: Honours", "Ministry of Justice: Honours", None),
])
def test_a_flattened_table_row_splits_into_title_and_questioner(row, title, member):
    assert split_row(row) == (title, member)


def test_oral_questions_on_an_order_paper_are_not_written_questions():
    commons = ("House of Commons\nOrder Paper\nOral Questions to the Secretary of State for Transport\n1\n"
               "Ann Smith (Leeds North): To ask the Secretary of State for Transport, what steps he is taking on rail fares. (165584)\n"
               "Questions for Written Answer\n1\n"
               "Bob Jones (Hull East): To ask the Secretary of State for Transport, how many bus routes were withdrawn in 2012. (165585)\n")
    reading = read_text(commons)
    assert reading.layout == "commons_order_book"
    assert [(page.uin, page.asking_member, page.asking_member_constituency) for _, page in reading.answers] == [("165585", "Bob Jones", "Hull East")]
    lords = ("House of Lords Business\nOral Questions\nLord Smith to ask His Majesty's Government what they are doing about roads.\n"
             "Questions for Written Answer\nTabled on 3 March 2020 and due for answer by 17 March 2020.\n"
             "Lord Jones to ask His Majesty's Government what they are doing about rail.  HL1234\nAnswered\n")
    reading = read_text(lords)
    assert reading.layout == "lords_business_written_questions"
    assert [(page.uin, page.asking_member, page.tabled_date.isoformat()) for _, page in reading.answers] == [("HL1234", "Lord Jones", "2020-03-03")]


def test_the_general_reader_reads_the_older_printed_forms():
    """Read by the general reader itself, whatever reader a layout of these forms may have."""
    from pipeline.sources import generic_written_questions

    text = ("HC Deb 22 February 1971 vol 812 c36W\n"
            "Mr. Clinton Davis\n\n"
            "asked the Secretary of State for Social Services how many local authorities have implemented Section 1 of the Act.\n\n"
            "Mr. Alison\n\n"
            "A few authorities are known to have undertaken surveys.\n\n"
            "Aggregates Levy\n\n"
            "To ask the Secretary of State for Environment, Food and Rural Affairs (1) how much of the fund has been spent; [105342](2) if she will list the projects\n\n"
            "approved for funding. [105298]\n\n"
            "[holding answer 27 March 2003]: None of the fund has been spent so far.\n\n"
            "Nato Dialogue\n\n"
            "asked Her Majesty's Government:What proposals they will make at the NATO Summit. [HL981]\n\n"
            "The proposals are being prepared.\n")
    records = list(generic_written_questions.read(text))
    assert [(r["asking_member"], r.get("uin"), r.get("grouped_uins", ()), r["house"], r["answered_date"].isoformat(),
             r["answering_minister"], r.get("replaces_holding_answer", False)) for r in records] == [
        ("Mr. Clinton Davis", None, (), "Commons", "1971-02-22", "Mr. Alison", False),
        (None, "105342", ("105298",), "Commons", "1971-02-22", None, True),
        (None, "HL981", (), "Lords", "1971-02-22", None, False),
    ]
    assert records[0]["question_text"].startswith("asked the Secretary of State for Social Services")
    assert records[0]["answer_text"] == "A few authorities are known to have undertaken surveys."
    assert records[1]["question_text"].endswith("if she will list the projects approved for funding.")
    assert records[1]["answer_text"] == "None of the fund has been spent so far."
    assert records[2]["question_text"] == "What proposals they will make at the NATO Summit."


def test_questions_printed_together_share_the_answer_that_follows_them():
    from pipeline.sources import generic_written_questions

    text = ("Mrs. Gorman : To ask the Prime Minister if she will list her official engagements for Tuesday 19 December.\n"
            "Mr. McFall : To ask the Prime Minister if she will list her official engagements for Tuesday 19 December.\n"
            "The Prime Minister : This morning I presided at a meeting of the Cabinet.\n"
            "Mr. French : To ask the Secretary of State for the Environment if he will make a statement on school cleaning.\n"
            "Mr. Heathcoat-Amory : Authorities are required to invite competitive tenders.\n")
    records = list(generic_written_questions.read(text))
    assert [(r["asking_member"], r["answering_minister"], r["answer_text"]) for r in records] == [
        ("Mrs. Gorman", "The Prime Minister", "This morning I presided at a meeting of the Cabinet."),
        ("Mr. McFall", "The Prime Minister", "This morning I presided at a meeting of the Cabinet."),
        ("Mr. French", "Mr. Heathcoat-Amory", "Authorities are required to invite competitive tenders."),
    ]


def test_the_general_reader_takes_the_minister_and_department_from_the_ministers_title():
    from pipeline.sources import generic_written_questions

    text = ("asked Her Majesty's Government:What proposals they will make at the NATO Summit. [HL981]\n\n"
            "The Parliamentary Under-Secretary of State, Foreign and Commonwealth Office\n"
            "(Baroness Symons of Vernham Dean)\n\n"
            "NATO's member states are free to raise any issue.\n\n"
            "To ask Her Majesty's Government whether stannary law can still be used in Cornwall. [HL9224]\n"
            "The Minister of State, Ministry of Justice (Lord McNally): There is no special status for such legislation.\n")
    first, second = generic_written_questions.read(text)
    assert (first["answering_minister"], first["answering_body"], first["answer_text"]) == (
        "Baroness Symons of Vernham Dean", "Foreign and Commonwealth Office", "NATO's member states are free to raise any issue.")
    assert (second["answering_minister"], second["answering_body"], second["answer_text"]) == (
        "Lord McNally", "Ministry of Justice", "There is no special status for such legislation.")


@pytest.mark.parametrize("text", [
    "HC Deb 06 March 1919 vol 113 cc637-8\nMr. SMITH\n\nasked the Minister of Labour how many men are unemployed.\n\nMr. JONES\n\nThe figures are published.\n",
    "Oral Answers to Questions\n\nMr. Smith: To ask the Secretary of State for Health how many nurses were recruited.\n",
])
def test_questions_answered_in_the_chamber_are_not_read_as_written_ones(text):
    reading = read_text(text)
    assert reading.layout is None and not reading.answers


def test_a_record_printed_twice_on_a_page_is_one_answer():
    text = (FIXTURES / "written_questions_listing_2017_lords_cut.txt").read_text(encoding="utf-8")
    first = text[text.index("Asked on: 07 September 2017"):text.index("Asked on: 14 September 2017")]
    once = read_text(text)
    twice = read_text(text.replace(first, first + first, 1))
    assert [page for _, page in twice.answers] == [page for _, page in once.answers]
    # Printed again at the end of a page that cuts it inside its answer: still the one answer.
    # (A copy cut inside its question is kept: it could be another question begun alike.)
    again_cut = read_text(text.rstrip() + "\n\n" + first[:first.index("However,") + 20])
    assert len(again_cut.answers) == len(once.answers)
    assert again_cut.answers[0][1] == once.answers[0][1]


def test_a_listing_asker_with_the_seat_on_the_same_line():
    text = TEXTS["written_questions_listing_2020_holding_cut.txt"]
    varied = text.replace("Asked by Sarah Olney\n(Richmond Park)", "Asked by Sarah Olney (Richmond Park)")
    assert varied != text
    assert [p for _, p in read_text(varied).answers] == [p for _, p in read_text(text).answers]


@pytest.mark.parametrize("text, expected", [
    # The next asker's name begun at the cut: no part of the first question's answer.
    ("Mrs. Gorman : To ask the Prime Minister if she will list her official engagements for Tuesday 19 December.\nMr. McF",
     {"asking_member": "Mrs. Gorman", "answer_text": None, "answer_text_truncated": True, "question_text_truncated": False}),
    # The minister's title printed, the page stopping before the colon and the answer.
    ("To ask Her Majesty's Government whether stannary law can still be used in Cornwall. [HL9224]\n"
     "The Minister of State, Ministry of Justice (Lord McNally)",
     {"uin": "HL9224", "answer_text": None, "answering_minister": None, "answer_text_truncated": True}),
    # The minister's name and colon the page's last line: who answered, the answer beyond the end.
    ("Mr. Paul Marsden : To ask the Secretary of State for Education and Employment how many 18 to 24 year-olds "
     "have started the New Deal scheme in Shrewsbury and Atcham. [94247]\nMs Jowell:\n",
     {"uin": "94247", "answer_text": None, "answering_minister": "Ms Jowell", "answer_text_truncated": True}),
    # A question stopping before it ends (no UIN, no sentence's end) is cut inside, its UIN unknown.
    ("Mr. Wigley : To ask the Secretary of State for Wales if he will list by county areas how many tonnes of (a) ",
     {"uin": None, "question_text_truncated": True, "answer_text": None}),
])
def test_the_general_reader_keeps_the_start_of_the_next_record_out_of_a_cut_answer(text, expected):
    from pipeline.sources import generic_written_questions

    (record,) = generic_written_questions.read(text)
    answer = PageAnswer.model_validate(record)
    assert {name: getattr(answer, name) for name in expected} == expected


EXAMPLES2 = FIXTURES.parents[1] / "examples2"


def _cut_after(path, marker: str, extra: str = ""):
    """The page cut just after the first ``marker`` (and ``extra`` after it): its last record."""
    text = path.read_text(encoding="utf-8")
    at = text.index(marker) + len(marker)
    reading = read_text(text[:at] + extra)
    return reading.answers[-1][1]


@pytest.mark.parametrize("path, marker, question", [
    # Cut after ';', '(a)', ')' or an apostrophe: a question does not end so, whatever the
    # text's last character says about the line.
    (EXAMPLES2 / "237.txt", "three-tier system;",
     "To ask the Secretary of State for Education, how many local education authorities currently operate a three-tier system;"),
    (EXAMPLES2 / "240.txt", "worked (a)",
     "To ask the Secretary of State for Transport, how many and what percentage of employees in his Department worked (a)"),
    (EXAMPLES2 / "244.txt", "(HL Deb, cols 2475–98)",
     "To ask Her Majesty's Government, further to the reply by Lord Bethell on 24 July (HL Deb, cols 2475–98)"),
    (EXAMPLES2 / "247.txt", "inspections of (i)",
     "To ask the Minister of Agriculture, Fisheries and Food, at which ports since 1st May 1997 checks have been carried out into the"
     " quality of imported consignments of meat; what proportion of those checks have involved inspections of (i)"),
    (FIXTURES / "written_questions_listing.txt", "To ask Her Majesty'", "To ask Her Majesty'"),
    # A full stop with no line break after it may be an abbreviation's.
    (FIXTURES / "written_questions_listing.txt", "To ask the hon.", "To ask the hon."),
    # The Lords paper prints the department, then the UIN, after each item: an item showing
    # its department but not its UIN was cut before it.
    (FIXTURES / "lords_unanswered_questions_2010_cut.txt", "and why. [GEO]",
     "To ask Her Majesty’s Government whether the Equality and Human Rights Commission or its predecessor bodies in recent years initiated"
     " investigations into alleged or actual discriminatory activities by the BBC and Channel 4; if so, when such investigations commenced;"
     " when any ended or were discontinued; and why."),
])
def test_a_last_question_that_does_not_end_as_questions_end_is_marked_cut(path, marker, question):
    page = _cut_after(path, marker)
    assert " ".join(page.question_text.split()) == question
    assert page.question_text_truncated
    assert page.answer_text is None and page.answering_minister is None and page.uin is None


@pytest.mark.parametrize("path, question_end, marker, extra", [
    # The cut falls inside the 'Answered by' label, or inside its value: no answer is read from it.
    (EXAMPLES2 / "233.txt", "in each month since April 2014.", "April 2014.\nA\n", "Answ"),
    (EXAMPLES2 / "236.txt", "to publish their Regional Trade Plans.", "Regional Trade Plans.\nA\n", "A"),
    (EXAMPLES2 / "237.txt", "have changed to a two-tier system.", "to a two-tier system.\n\n\n", "Answered b"),
    (FIXTURES / "written_questions_listing.txt", "of each Trade Envoy.", "each Trade Envoy.\nA\n", "Answered by: Lord Yo"),
])
def test_a_page_cut_inside_a_label_publishes_the_question_whole_and_no_answer(path, question_end, marker, extra):
    page = _cut_after(path, marker, extra)
    assert page.question_text.endswith(question_end) and not page.question_text_truncated
    assert page.answer_text is None and page.answering_minister is None
    assert page.answer_text_truncated  # the answer lies beyond the cut


def test_a_page_cut_inside_a_furniture_line_keeps_it_out_of_the_answer():
    # "Reticulating Splines" is the page's spinner text; cut part-way it is still no answer's text.
    page = _cut_after(EXAMPLES2 / "237.txt", "three-tier systems.\n\n", "Reticulating Spl")
    assert page.answer_text == "The Department does not hold records about the number of local authorities that operate three-tier systems."
    assert page.answering_minister == "David Laws"


def test_a_table_row_cut_before_its_title_is_no_part_of_the_answer_above_it():
    page = _cut_after(FIXTURES / "parallel_parliament_department_table_cut.txt", "statistical purposes only.\n\n", "28 Oct 2019, 5:31 p.m.")
    assert page.answer_text.endswith("for statistical purposes only.")
    assert page.answering_minister == "Chris Philp"


@pytest.mark.parametrize("path, marker", [
    (FIXTURES / "written_questions_listing.txt", "of each Trade Envoy.\n"),
    (EXAMPLES2 / "237.txt", "changed to a two-tier system.\n"),
    (EXAMPLES2 / "247.txt", "and if he will make a statement.\n"),
])
def test_a_question_that_ends_as_questions_end_at_a_line_break_is_not_marked_cut(path, marker):
    page = _cut_after(path, marker)
    assert page.question_text.endswith(marker.strip()) and not page.question_text_truncated


@pytest.mark.parametrize("question, ended", [
    ("To ask the Secretary of State for Health, what assessment he has made of the report 'Fit for the Future'.", True),
    ("To ask Her Majesty's Government whether they will publish the review “Trade Envoys: a Review.”", True),
    ("To ask the Secretary of State for Education, how many authorities operate a three-tier system;", False),
    ("To ask the Secretary of State for Transport, how many employees worked (a)", False),
    ("To ask Her Majesty'", False),
])
def test_a_question_has_ended_at_a_sentence_end_even_inside_a_quotation(question, ended):
    assert closed(question) is ended
