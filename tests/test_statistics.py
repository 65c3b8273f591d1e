"""Statistics read from answers: every expected value here was read off the answer text itself."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract.sentences import Sentences, sentence_at
from pipeline.extract.statistics import find_statistics
from pipeline.model import Statistic

from .extract_fixtures import ANSWER_ID, api_records, fixture_text, seed_answer_text


def stats(text: str) -> list[Statistic]:
    return find_statistics(ANSWER_ID, text)


def summary(text: str) -> list[tuple]:
    """(text, value, value_max, unit, scale, counted) of every statistic in ``text``, values as
    they are written in these tests (an exact decimal, compared with the literal written here:
    ``exact(6.8)`` is Decimal("6.8"))."""
    return [(s.text, s.value, s.value_max, s.unit, s.scale, s.counted) for s in stats(text)]


def exact(expected: list[tuple]) -> list[tuple]:
    """Expected rows with their values as exact decimals, read from the literals written here."""
    return [(t, Decimal(str(v)), None if m is None else Decimal(str(m)), *rest) for t, v, m, *rest in expected]


# --- the seeds and the example pages ------------------------------------------------------------


def test_seed_2014_gives_its_two_percentages_and_not_its_dates_or_footnote_markers():
    assert summary(seed_answer_text("000_8885b3d230a2f9dc.txt")) == [
        ("98%", 98, None, "percent", "none", None),
        ("57%", 57, None, "percent", "none", None),
    ]


def test_seed_2019_gives_the_three_safeguarding_partners_and_the_funding():
    assert summary(seed_answer_text("001_9f0442c81153244d.txt")) == [
        ("3", 3, None, "count", "none", "safeguarding partners"),
        ("£3.6 million", 3_600_000, None, "GBP", "million", None),
    ]


def test_seed_2019_second_answer_gives_only_the_two_million_pounds():
    # "15 July 2019", "2018" and "September 2020" are dates and years.
    assert summary(seed_answer_text("003_cb83d66ac9c0d06e.txt")) == [("£2 million", 2_000_000, None, "GBP", "million", None)]


def test_hansard_1994_counts_questions_and_keeps_per_cent_with_its_full_stop_out_of_the_text():
    text = fixture_text("hansard_1994_014.txt")
    # "the last 12 months" is a duration, not a count.
    assert summary(text) == exact([
        ("2,375", 2375, None, "count", "none", "parliamentary questions"),
        ("13", 13, None, "count", "none", None),  # "Of these, 13 were referred": what is counted is not next to it
        ("0.54 per cent", 0.54, None, "percent", "none", None),
    ])


def test_paragraph_numbers_and_dates_in_hansard_1994_are_not_statistics():
    texts = [s.text for s in stats(fixture_text("hansard_1994_014.txt"))]
    assert "27" not in texts and "1" not in texts and "28" not in texts


def test_money_written_without_a_space_before_the_scale():
    assert summary(fixture_text("listing_2016_005_answer.txt")) == [
        ("£40million", 40_000_000, None, "GBP", "million", None),
        ("£1million", 1_000_000, None, "GBP", "million", None),
    ]


def test_api_record_023_gives_money_percent_and_a_count_of_an_acronym():
    assert summary(fixture_text("api_record_023_answer.txt")) == [
        ("£7 million", 7_000_000, None, "GBP", "million", None),
        ("£4.5 million", 4_500_000, None, "GBP", "million", None),
        ("97%", 97, None, "percent", "none", None),
        ("£4.3 million", 4_300_000, None, "GBP", "million", None),
        ("44", 44, None, "count", "none", "FJAAs"),
    ]


def test_lords_hansard_2011_has_no_statistics_among_its_ordinals_years_and_uins():
    # "19th century", "1896", "2003", "January 2011", "[HL9224]", "(WA 213)".
    assert stats(fixture_text("lords_hansard_2011_019.txt")) == []


# --- thirty-odd real API answers ----------------------------------------------------------------

API_EXPECTED: dict[int, list[tuple]] = {
    3: [("6.8%", 6.8, None, "percent", "none", None), ("24,400ha", 24400, None, "hectares", "none", None)],
    5: [],  # "Type 32 frigate"
    6: [],  # "Question UIN 4956 on 17 September 2024"
    8: [("1.29 million", 1_290_000, None, "count", "million", None)],  # "in March 2023" is a date
    15: [
        ("2,800", 2800, None, "count", "none", "homes"),
        ("8,500", 8500, None, "count", "none", "jobs"),
        ("300,000 sqm", 300_000, None, "square_metres", "none", None),
    ],
    19: [],  # "31 March 2024", "2024-25"
    20: [("35", 35, None, "count", "none", "appointments")],  # "from 1 July to 31 August 2024"
    28: [
        ("1.9 million", 1_900_000, None, "count", "million", "pensioners"),
        ("1.6 million", 1_600_000, None, "count", "million", "pensioners"),
        ("1.4 million", 1_400_000, None, "count", "million", "pensioners"),
    ],  # "2022/23" is a year
    34: [("1,878", 1878, None, "people", "none", "people")],
    57: [
        ("£46.59 billion", 46_590_000_000, None, "GBP", "billion", None),
        ("12.97%", 12.97, None, "percent", "none", None),
        ("59.44%", 59.44, None, "percent", "none", None),
        ("19.77%", 19.77, None, "percent", "none", None),
    ],
    85: [("13,577", 13577, None, "count", "none", None)],  # "Feb-24", "22/23"
    93: [
        ("11.4 million", 11_400_000, None, "people", "million", "people"),
        ("8.4 million", 8_400_000, None, "count", "million", "households"),
        ("£2 billion", 2_000_000_000, None, "GBP", "billion", None),
    ],
    100: [("20 per cent", 20, None, "percent", "none", None)],  # "29 July", "1 January 2025"
    123: [
        ("£8,316,561.37", 8_316_561.37, None, "GBP", "none", None),
        ("£3,516,253.54", 3_516_253.54, None, "GBP", "none", None),
    ],
    145: [("64", 64, None, "count", "none", "migrants")],
    147: [],  # "2024" inside the URL and in "King's Speech 2024"
    172: [("between around £3.5 and £10.5bn", 3_500_000_000, 10_500_000_000, "GBP", "billion", None)],
    182: [("63%", 63, None, "percent", "none", None)],
    183: [],  # "a 6-week clearance rate", "a 50-day clearance rate": durations
    220: [("£61.8 billion", 61_800_000_000, None, "GBP", "billion", None), ("£5,957", 5957, None, "GBP", "none", None)],
    223: [],  # "(JSP) 950 Leaflet 6-7-7 Section 4 Annex D": labels
    224: [("3.17", 3.17, None, "number", "none", None)],  # "M54 to M6": road names
    252: [("~£270m", 270_000_000, None, "GBP", "million", None)],
    256: [],  # "Tuesday 24th September 2024 at 09:30am"
    278: [("37,200", 37200, None, "count", "none", "net additions"), ("52k", 52_000, None, "count", "thousand", None)],
    294: [
        ("85%", 85, None, "percent", "none", None),
        ("85%", 85, None, "percent", "none", None),
        ("80%", 80, None, "percent", "none", None),
    ],  # "within 2 days", "3 days", "14 days": durations
    320: [],  # "Question UIN 1315 on 26 July 2024"
    361: [("1,280", 1280, None, "people", "none", "people"), ("570", 570, None, "count", "none", "appearances")],
    392: [("£749,709", 749_709, None, "GBP", "none", None), ("£9.975m", 9_975_000, None, "GBP", "million", None)],
    407: [("c.500", 500, None, "count", "none", "places")],  # "c.3 years": a duration
    424: [("1102", 1102, None, "count", "none", "private schools")],  # then "a)" and "b)" list markers
    513: [  # "increasing the levy by 3 per cent to 38 per cent": a change, not a range
        ("3 per cent", 3, None, "percent", "none", None),
        ("38 per cent", 38, None, "percent", "none", None),
        ("29%", 29, None, "percent", "none", None),
    ],
    539: [],  # "key stages 1 to 5", "key stage 4 and 5"
    544: [("15,000 tonnes", 15_000, None, "tonnes", "none", None)],  # "Table 2.1", digits in the URL
    582: [],  # "(3029)" is a UIN
    605: [
        ("£250,000", 250_000, None, "GBP", "none", None),
        ("£125,000", 125_000, None, "GBP", "none", None),
        ("£425,000", 425_000, None, "GBP", "none", None),
    ],
    611: [],  # "children of compulsory school age, 5 to 16": ages
    753: [
        ("£25,511.75", 25_511.75, None, "GBP", "none", None),
        ("£30,261.73", 30_261.73, None, "GBP", "none", None),
        ("£121,806.69", 121_806.69, None, "GBP", "none", None),
        ("£177,580.17", 177_580.17, None, "GBP", "none", None),
        ("1,229", 1229, None, "count", "none", None),
        ("3,080", 3080, None, "count", "none", None),
    ],
    757: [],  # "section 9(3)", "section 10(2)", "Act 2023"
    788: [("381", 381, None, "count", "none", "MNS")],
    977: [],  # the telephone number "0800 121 7479"
    981: [
        ("c.42k", 42_000, None, "count", "thousand", None),
        ("c.28k", 28_000, None, "count", "thousand", None),
        ("80%", 80, None, "percent", "none", None),
    ],  # "data[1]" is a footnote marker, "between 2014 and 2022" years
    986: [("0.7 percent", 0.7, None, "percent", "none", None)],
    996: [("180,000", 180_000, None, "count", "none", None), ("130,000", 130_000, None, "count", "none", "homes")],
    850: [],  # "11m+ buildings" may be metres; "31 July 2024"; the URL
    115: [],  # a table flattened by the source into one digit run, glued to its column headings
}


@pytest.mark.parametrize("index", sorted(API_EXPECTED))
def test_real_api_answer_gives_exactly_the_statistics_it_states(index):
    assert summary(api_records()[index]["answerText"]) == exact(API_EXPECTED[index])


def test_a_number_cut_off_by_the_list_endpoint_is_not_reported():
    # Record 22 ends "in the region of 9,..." and record 992 "...2.8 millio...": the cut may have taken digits or a scale.
    assert [s.text for s in stats("we estimate workers in the region of 9,...")] == []
    assert [s.text for s in stats("stands at a near-record high of 2.8 millio...")] == []


def test_a_statistic_before_a_sentence_end_survives_the_cut():
    assert [s.text for s in stats("would cost £10.5bn. ...")] == ["£10.5bn"]


# --- what each row holds --------------------------------------------------------------------------


def test_offset_points_at_the_statistic_text_in_the_answer():
    for index in API_EXPECTED:
        text = api_records()[index]["answerText"]
        for statistic in stats(text):
            assert text[statistic.offset:statistic.offset + len(statistic.text)] == statistic.text


def test_every_row_is_valid_against_the_model():
    for index in API_EXPECTED:
        for statistic in stats(api_records()[index]["answerText"]):
            assert Statistic.model_validate(statistic.model_dump()) == statistic


def test_sentence_is_the_whole_sentence_that_states_the_statistic():
    text = seed_answer_text("001_9f0442c81153244d.txt")
    [_, money] = stats(text)
    assert text[money.sentence_start:money.sentence_end] == (
        "The Home Office have provided £3.6 million for the establishment of the National County Lines "
        "Co-ordination Centre (NCLCC) to enhance the intelligence picture and support cross-border efforts "
        "to tackle county lines."
    )


def test_sentence_runs_past_per_cent_with_its_full_stop_before_a_lowercase_word():
    [*_, percent] = stats(fixture_text("hansard_1994_014.txt"))
    text = fixture_text("hansard_1994_014.txt")
    assert text[percent.sentence_start:percent.sentence_end] == "This represents 0.54 per cent. of the total."


def test_sentence_does_not_end_at_hon_or_c_abbreviations():
    text = "My hon. Friend said that c. 12 schools closed. The rest stayed open."
    assert sentence_at(text, text.index("12")) == "My hon. Friend said that c. 12 schools closed."


def test_sentence_splits_where_the_source_lost_the_space_after_a_full_stop():
    text = api_records()[8]["answerText"]
    assert list(Sentences(text))[0].endswith("to meet demand.")


# --- ranges, scales and units ------------------------------------------------------------------


def test_hyphenated_range_has_low_value_and_high_value():
    [s] = stats("We expect 10,000-13,000 applications.")
    assert (s.text, s.value, s.value_max, s.unit, s.counted) == ("10,000-13,000", 10_000, 13_000, "count", "applications")


def test_between_range_takes_the_unit_written_on_its_high_end():
    [s] = stats("Growth was between 5 and 10 per cent last year.")
    assert (s.text, s.value, s.value_max, s.unit) == ("between 5 and 10 per cent", 5, 10, "percent")


def test_range_does_not_carry_a_scale_down_to_a_larger_written_number():
    # "from ... to" is a change or a span of two amounts: two statistics, each as written.
    assert [x.value for x in stats("Grants range from £500,000 to £1 million.")] == [500_000, 1_000_000]
    [r] = stats("Grants of £500,000-£1 million are available.")
    assert (r.value, r.value_max) == (500_000, 1_000_000)


def test_billions_and_thousands_written_short():
    assert [(s.value, s.scale) for s in stats("Revenue of £10bn and 52k homes.")] == [(10e9, "billion"), (52_000, "thousand")]


def test_percentage_points_are_not_percentages():
    [s] = stats("Take-up rose by 5 percentage points.")
    assert (s.unit, s.value) == ("per_cent_points", 5)


def test_pence_are_pounds():
    [s] = stats("The levy is 20p per litre.")
    assert (s.unit, s.value, s.unit_as_written) == ("GBP", Decimal("0.2"), "p")


def test_us_dollars_are_read_with_their_prefix():
    text = "The grant was US$5 million."
    [s] = stats(text)
    assert (s.text, s.offset, s.unit, s.value) == ("US$5 million", 14, "USD", 5_000_000)
    assert text[s.offset:s.offset + len(s.text)] == s.text


def test_dollars_opening_an_answer_that_ends_with_us_start_at_the_dollar_sign():
    # "US" at the end of the text is not a prefix of the "$" at its start.
    text = "$5 million was spent by the US"
    [s] = stats(text)
    assert (s.text, s.offset, s.unit, s.value) == ("$5 million", 0, "USD", 5_000_000)
    Statistic.model_validate(s.model_dump())


# --- what is not a statistic -------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "In 2019 the scheme opened.",
    "The guidance was published on 26 November 2013.",
    "The answer was given on 15 July 2019.",
    "They met on 26 and 27 July.",
    "The Chancellor spoke on July 29.",
    "The release is at 9:30am on Tuesday.",
    "See the Answer of 15 July 2019 to Question 273801.",
    "I refer him to UIN 4956.",
    "To ask Her Majesty's Government whether stannary law applies.[HL9224]",
    "agencies.[1] These figures were taken from evidence.",
    "in accordance with paragraph 27 of the guidance",
    "Official Report, column 618W.",
    "under section 17 of the Act",
    "the 19th century",
    "available at https://www.gov.uk/government/statistics/2024/table-45",
    "covering (a) staff and (1) contractors",
    "in the 2024-25 financial year and in FY 23/24",
    "Call 0800 121 7479 for help.",
    "COVID-19 and 4G coverage on the M54",
])
def test_is_not_a_statistic(text):
    assert stats(text) == []


# --- properties ------------------------------------------------------------------------------------

BODIES = [api_records()[i]["answerText"] for i in (5, 8, 20, 57, 294, 605, 981)]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


def inserted(prefix: str, body: str) -> list[Statistic]:
    return [s for s in stats(prefix + body) if s.offset < len(prefix)]


@settings(max_examples=150, deadline=None)
@given(whole=st.integers(1, 999), tenths=st.one_of(st.none(), st.integers(0, 9)), body=st.sampled_from(BODIES))
def test_money_in_millions_inserted_into_an_answer_is_found_with_its_value(whole, tenths, body):
    written = f"{whole}" if tenths is None else f"{whole}.{tenths}"
    [s] = inserted(f"The Department has provided £{written} million for this. ", body)
    assert (s.text, s.unit, s.scale) == (f"£{written} million", "GBP", "million")
    assert s.value == Decimal(written) * 1_000_000  # exactly, with no floating-point error


@settings(max_examples=150, deadline=None)
@given(number=st.integers(0, 10_000_000), decimals=st.integers(0, 2), body=st.sampled_from(BODIES))
def test_percentage_inserted_into_an_answer_is_found_with_its_value(number, decimals, body):
    written = f"{number / 10 ** decimals:,.{decimals}f}"
    [s] = inserted(f"Around {written}% of claims were paid. ", body)
    assert (s.text, s.unit) == (f"{written}%", "percent")
    assert s.value == Decimal(written.replace(",", ""))


@settings(max_examples=150, deadline=None)
@given(count=st.integers(2, 9_999_999), body=st.sampled_from(BODIES))
def test_count_inserted_into_an_answer_is_found_with_what_it_counts(count, body):
    [s] = inserted(f"There were {count:,} applications last year. ", body)
    assert (s.value, s.unit, s.counted) == (count, "count", "applications")


@settings(max_examples=150, deadline=None)
@given(year=st.integers(1800, 2100), body=st.sampled_from(BODIES))
def test_year_inserted_into_an_answer_is_not_a_statistic(year, body):
    assert inserted(f"In {year} the scheme was reviewed. ", body) == []


@settings(max_examples=150, deadline=None)
@given(day=st.integers(1, 31), month=st.sampled_from(MONTHS), year=st.integers(1990, 2030), body=st.sampled_from(BODIES))
def test_date_inserted_into_an_answer_is_not_a_statistic(day, month, year, body):
    assert inserted(f"The report was published on {day} {month} {year}. ", body) == []


@settings(max_examples=150, deadline=None)
@given(uin=st.integers(1, 999_999), lords=st.booleans(), form=st.integers(0, 3), body=st.sampled_from(BODIES))
def test_uin_inserted_into_an_answer_is_not_a_statistic(uin, lords, form, body):
    written = f"HL{uin}" if lords else str(uin)
    prefix = [
        f"I refer him to the answer to Question {written}. ",
        f"See UIN {written} on 17 September 2024. ",
        f"See PQ {written}. ",
        f"See the Answer of 15 July 2019 to Question {written}. ",
    ][form]
    assert inserted(prefix, body) == []
