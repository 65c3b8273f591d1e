"""References read from questions and answers: expected values read off the texts themselves."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.extract import extract_answer
from pipeline.extract.references import find_references, resolve_cited_answer
from pipeline.model import PageAnswer, Reference

from .extract_fixtures import ANSWER_ID, api_records, fixture_text, seed_page


def refs(question: str | None, answer: str | None = None) -> list[Reference]:
    return find_references(ANSWER_ID, question, answer)


def answer_refs(text: str) -> list[tuple]:
    return [(r.kind, r.target) for r in refs(None, text)]


# --- the 2014 seed: numbered footnotes ----------------------------------------------------------


@pytest.fixture(scope="module")
def seed_2014():
    page = seed_page("000_8885b3d230a2f9dc.txt")
    return page.answer_text, refs(page.question_text, page.answer_text)


def test_footnote_urls_carry_their_number_and_the_body_marker_offset(seed_2014):
    text, found = seed_2014
    urls = [r for r in found if r.kind == "url"]
    assert [(r.target, r.footnote) for r in urls] == [
        ("http://www.childrenscommissioner.gov.uk/content/publications/content_743", 1),
        ("https://www.gov.uk/government/uploads/system/uploads/attachment_data/file/278849/Safeguarding_Children_and_Young_People_from_Sexual_Exploitation.pdf", 2),
        ("https://www.gov.uk/government/publications/tackling-child-sexual-exploitation-action-plan", 3),
    ]
    for r in urls:
        assert text[r.footnote_offset:r.footnote_offset + 3] == f"[{r.footnote}]"
        assert text[r.offset:r.offset + len(r.target)] == r.target
    assert text[urls[0].footnote_offset - len("partner agencies."):urls[0].footnote_offset] == "partner agencies."


def test_footnote_title_is_a_named_publication(seed_2014):
    _, found = seed_2014
    [document] = [r for r in found if r.kind == "document"]
    assert document.target == (
        "If only someone had listened – final report of the Office of the Children's Commissioner's "
        "Inquiry into Child Sexual Exploitation in Gangs and Groups"
    )
    assert document.footnote == 1


def test_quoted_sentences_of_guidance_are_quotations_not_titles(seed_2014):
    _, found = seed_2014
    quotations = [r for r in found if r.kind == "quotation"]
    assert [r.target[:40] for r in quotations] == [
        "Sexual exploitation should be covered in",
        "develop an effective local strategy ensu",
    ]
    assert quotations[0].target.endswith("regarded as a priority")
    assert quotations[1].footnote == 3  # "...CSE locally'.[3]"


def test_seed_2014_cites_nothing_else(seed_2014):
    _, found = seed_2014
    assert sorted({r.kind for r in found}) == ["document", "quotation", "url"]
    assert all(r.field == "answer_text" for r in found)


# --- the 2019 seeds: the question cites an earlier answer ---------------------------------------


def test_question_text_citation_of_an_earlier_answer_is_found_in_the_question():
    page = seed_page("001_9f0442c81153244d.txt")
    [question] = [r for r in refs(page.question_text, page.answer_text) if r.field == "question_text"]
    assert (question.kind, question.cited_uin, question.cited_date) == ("question", "273801", date(2019, 7, 15))
    assert question.cited_text == "Answer of 15 July 2019 to Question 273801"
    assert page.question_text[question.offset:].startswith("Answer of 15 July 2019")
    assert question.cited_answer_id is None


def test_quoted_title_with_its_year_in_brackets():
    page = seed_page("001_9f0442c81153244d.txt")
    documents = [(r.target, r.year) for r in refs(None, page.answer_text) if r.kind == "document"]
    assert documents == [("Working together to safeguard children", 2018), ("Children in Need", None)]


def test_answer_cited_by_who_gave_it_without_a_year_has_no_date():
    page = seed_page("001_9f0442c81153244d.txt")
    [cited] = [r for r in refs(None, page.answer_text) if r.kind == "question"]
    assert cited.cited_uin is None and cited.cited_date is None
    assert cited.target.startswith("answer provided by the former Home Secretary (Sajid Javid)")
    assert cited.target.endswith("on 15 July")


def test_second_2019_seed_cites_a_dated_answer_and_a_title_with_a_bare_year():
    page = seed_page("003_cb83d66ac9c0d06e.txt")
    found = refs(page.question_text, page.answer_text)
    assert [(r.kind, r.target, r.year, r.cited_date) for r in found] == [
        ("question", "answer provided by my hon. Friend, the Member for Louth and Horncastle on 15 July 2019", None, date(2019, 7, 15)),
        ("document", "Working together to safeguard children", 2018, None),
    ]  # the 'Tackling Child Exploitation Support Programme' is a programme's name, not a citation


# --- Hansard ----------------------------------------------------------------------------------------


def test_lords_hansard_written_answer_column_and_bracketed_uins():
    text = fixture_text("lords_hansard_2011_019.txt")
    assert [(r.kind, r.target, r.cited_uin) for r in refs(None, text)] == [
        ("question", "Written Answer by Lord McNally on 11 May", None),
        ("hansard_column", "WA 213", None),
        ("question", "HL9224", "HL9224"),
        ("legislation", "Stannaries Court (Abolition) Act 1896", None),
        ("question", "answer by Baroness Verma on 12 May", None),
        ("question", "HL9180", "HL9180"),
        ("legislation", "Criminal Justice Act 2003", None),
    ]


def test_hansard_columns_are_never_taken_for_uins():
    found = refs(None, "As I said (HL Deb, col 1021) and in the Official Report, column 618W, nothing has changed.")
    assert [(r.kind, r.target, r.cited_uin) for r in found] == [
        ("hansard_column", "HL Deb, col 1021", None),
        ("hansard_column", "Official Report, column 618W", None),
    ]


def test_hansard_1994_quoted_publication_and_no_paragraph_reference():
    assert answer_refs(fixture_text("hansard_1994_014.txt")) == [("document", "Questions of Procedure for Ministers")]


def test_api_record_023_urls():
    assert answer_refs(fixture_text("api_record_023_answer.txt")) == [
        ("url", "https://www.gov.uk/government/publications/flexi-job-apprenticeships/flexi-job-apprenticeship-agencies"),
        ("url", "https://explore-education-statistics.service.gov.uk/find-statistics/apprenticeships-and-traineeships"),
    ]


# --- real API questions and answers ---------------------------------------------------------------

API_EXPECTED: dict[int, tuple[list[tuple], list[tuple]]] = {
    # index: ([question references], [answer references]) as (kind, target, cited_uin, cited_date, year, truncated)
    6: ([], [("question", "4956", "4956", date(2024, 9, 17), None, False)]),
    63: ([("question", "201370", "201370", date(2023, 10, 18), None, False)], []),
    147: (
        [("legislation", "Leasehold and Freehold Reform Act 2024", None, None, 2024, False)],
        [("url", "https://www.gov.uk/government/publications/kings-speech-2024-background-briefing-notes", None, None, None, False)],
    ),
    182: ([], [("url", "www.gov.uk", None, None, None, False)]),
    234: (
        [("question", "454", "454", date(2024, 7, 22), None, False)],
        [("document", "Lesbian, Gay and Bisexual Detainees in the Detention Estate", None, None, None, False)],
    ),
    263: (
        [("question", "1758", "1758", date(2024, 8, 2), None, False)],
        [("url", "https://www.gov.uk/government/consultations/consultation-on-reforms-to-social-housing-allocations/outcome/government-respo", None, None, None, True)],
    ),
    320: ([("question", "1315", "1315", date(2024, 7, 26), None, False)], [("question", "1315", "1315", date(2024, 7, 26), None, False)]),
    323: (
        [("legislation", "Levelling Up and Regeneration Act 2023", None, None, 2023, False)],
        [
            ("legislation", "Levelling Up and Regeneration Act 2023", None, None, 2023, False),
            ("quotation", "sufficient local support", None, None, None, False),
        ],
    ),
    544: (
        [("question", "1982", "1982", date(2024, 8, 1), None, False)],
        [("url", "https://assets.publishing.service.gov.uk/media/66a7a17249b9c0597fdb066a/DUKES_2.1.xlsx", None, None, None, False)],
    ),
    573: (
        [("question", "1652", "1652", date(2024, 8, 2), None, False), ("question", "1653", "1653", date(2024, 8, 2), None, False)],
        [("url", "https://explore-education-statistics.service.gov.uk/find-statistics/school-capacity", None, None, None, False)],
    ),
    582: ([], [("question", "3029", "3029", None, None, False)]),
    850: ([], [("url", "https://www.gov.uk/government/publications/building-safety-remediation-monthly-data-release-july-2024", None, None, None, False)]),
    889: ([], [("document", "Legal Consequences arising from the Policies and Practices of Israel in the Occupied Palestinian Territory, including East Jerusalem", None, None, None, False)]),
    757: (
        [("question", "1169", "1169", date(2024, 7, 30), None, False)],
        [("legislation", "Northern Ireland Troubles (Legacy and Reconciliation) Act 2023", None, None, 2023, False)],
    ),  # "section 9(3) of the" is not part of the Act's name
    980: ([], [("question", "2492", "2492", None, None, False)]),
    5: ([], []),
    115: ([], []),
}


def rows(found: list[Reference]) -> list[tuple]:
    return [(r.kind, r.target, r.cited_uin, r.cited_date, r.year, r.truncated) for r in found]


@pytest.mark.parametrize("index", sorted(API_EXPECTED))
def test_real_api_question_and_answer_give_exactly_their_references(index):
    record = api_records()[index]
    found = refs(record["questionText"], record["answerText"])
    in_question = [r for r in found if r.field == "question_text"]
    in_answer = [r for r in found if r.field == "answer_text"]
    assert (rows(in_question), rows(in_answer)) == API_EXPECTED[index]


def test_offsets_point_at_the_cited_text_in_their_own_field():
    for record in api_records().values():
        for r in refs(record["questionText"], record["answerText"]):
            text = record["questionText"] if r.field == "question_text" else record["answerText"]
            assert text[r.offset:r.offset + len(r.cited_text)] == r.cited_text


def test_every_row_is_valid_against_the_model_and_unique_per_field_offset_and_kind():
    for record in api_records().values():
        found = refs(record["questionText"], record["answerText"])
        for r in found:
            assert Reference.model_validate(r.model_dump()) == r
        keys = [(r.field, r.offset, r.kind) for r in found]
        assert len(keys) == len(set(keys))


def test_uin_in_round_brackets_after_a_dated_answer():
    found = refs(None, "I refer the noble Lord to the answers given in the other place on 26 February 2024 (UIN 13866) and on 15 March 2024 (UIN 17490).")
    assert [(r.cited_uin, r.cited_date) for r in found] == [("13866", date(2024, 2, 26)), ("17490", date(2024, 3, 15))]


def test_pq_number_is_a_cited_question():
    [r] = refs(None, "I refer my hon. Friend to my answer to PQ 146306.")
    assert (r.kind, r.cited_uin, r.cited_date) == ("question", "146306", None)


def test_a_year_in_round_brackets_is_not_a_uin():
    assert [r.kind for r in refs(None, "The response to the review (2018) was published.")] == []


def test_extract_answer_drops_the_question_own_uin_printed_after_it():
    page = PageAnswer(
        uin="HL9224",
        question_text="To ask Her Majesty's Government, further to the Written Answer by Lord McNally on 11 May (WA 213), whether stannary law can still be used.[HL9224]",
        answer_text="There is no special status. See also [HL9180].",
    )
    extracted = extract_answer(page, layout="test", source_file="f", source_sha256="0" * 64)
    assert [(r.field, r.kind, r.cited_uin) for r in extracted.references] == [
        ("question_text", "question", None),
        ("question_text", "hansard_column", None),
        ("answer_text", "question", "HL9180"),
    ]


# --- resolving a cited question against the corpus -------------------------------------------------

INDEX = {
    "273801": [(date(2019, 7, 8), date(2019, 7, 15), "aaaaaaaaaaaaaaaa"), (date(2021, 3, 1), date(2021, 3, 9), "bbbbbbbbbbbbbbbb")],
    "1315": [(date(2024, 7, 26), date(2024, 8, 2), "cccccccccccccccc"), (date(2022, 7, 26), date(2022, 8, 1), "dddddddddddddddd")],
    "99": [(date(2020, 1, 1), date(2020, 1, 5), "eeeeeeeeeeeeeeee"), (date(2020, 1, 1), date(2020, 1, 9), "ffffffffffffffff")],
}


def cited(uin: str | None, when: date | None) -> Reference:
    return Reference(answer_id=ANSWER_ID, field="answer_text", offset=0, kind="question", target=uin or "an answer",
                     cited_text="x", cited_uin=uin, cited_date=when)


def test_cited_answer_resolves_on_its_answered_date():
    assert resolve_cited_answer(cited("273801", date(2019, 7, 15)), INDEX) == "aaaaaaaaaaaaaaaa"


def test_cited_question_resolves_on_its_tabled_date():
    assert resolve_cited_answer(cited("1315", date(2024, 7, 26)), INDEX) == "cccccccccccccccc"


def test_uin_of_another_session_does_not_resolve():
    assert resolve_cited_answer(cited("273801", date(2020, 1, 1)), INDEX) is None


def test_citation_without_a_date_does_not_resolve_on_the_uin_alone():
    assert resolve_cited_answer(cited("273801", None), INDEX) is None


def test_two_answers_matching_the_citation_do_not_resolve():
    assert resolve_cited_answer(cited("99", date(2020, 1, 1)), INDEX) is None


def test_unknown_uin_does_not_resolve():
    assert resolve_cited_answer(cited("5", date(2020, 1, 1)), INDEX) is None


# --- whole titles, URLs ending where they end, UINs to the contract ------------------------------


def test_a_long_instrument_title_is_whole_with_its_the_and_year():
    title = (
        "The Merchant Shipping (Passenger Ships on Domestic Voyages and Other Vessels Including "
        "High-Speed Craft, Ships and Hovercraft) Regulations 2011"
    )
    [found] = [r for r in refs(None, f"Operators must comply with {title}, as amended.") if r.kind == "legislation"]
    assert (found.target, found.year) == (title, 2011)


def test_an_act_keeps_its_title_without_the_leading_the():
    assert answer_refs("This is set out in the Care Act 2014.") == [("legislation", "Care Act 2014")]


def test_a_url_glued_to_the_next_sentence_ends_where_the_url_does():
    text = "The figures are at https://www.cancerdata.nhs.uk/incidence_and_mortalityThe data show a fall."
    assert answer_refs(text) == [("url", "https://www.cancerdata.nhs.uk/incidence_and_mortality")]


def test_a_camel_case_path_keeps_its_capitalised_words():
    assert answer_refs("See https://example.org/getTheData for it.") == [("url", "https://example.org/getTheData")]


@pytest.mark.parametrize("text, url", [
    ("(see https://www.gov.uk/x).", "https://www.gov.uk/x"),
    ("It is at https://www.gov.uk/guidance/ for all.", "https://www.gov.uk/guidance/"),
    ("Published at www.gov.uk/dfe.", "www.gov.uk/dfe"),
])
def test_a_closing_bracket_or_full_stop_is_not_part_of_the_url(text, url):
    assert answer_refs(text) == [("url", url)]


def test_a_url_broken_by_spaces_is_joined_as_written_and_marked():
    # tests/examples2/231.txt: the page prints the address with two spaces in it.
    url = "http://www.highways.gov.uk/knowledge_ compendium/E5C2CC34A7654CC1B4B1 FEE880FEA3CC.aspx"
    [found] = refs(None, f"The report is at {url} for reference.")
    assert (found.kind, found.target, found.broken) == ("url", url, True)
    [whole] = refs(None, "See https://www.gov.uk/a-b for it.")
    assert whole.broken is False


def test_figures_after_a_url_are_not_joined_onto_it():
    assert answer_refs("See https://www.gov.uk/stats 2019/20 figures.") == [("url", "https://www.gov.uk/stats")]


@pytest.mark.parametrize("digits", ["١٢٣", "१२३४", "１２３"])
def test_a_uin_written_in_other_digits_is_never_published(digits):
    found = refs(f"To ask, further to the answer to Question {digits} on 3 May 2024, what the position is.")
    assert [r for r in found if r.kind == "question"] == []


def test_a_cited_question_carries_its_uin_and_date():
    [found] = [r for r in refs(None, "I refer to the answer of 15 July 2019 to Question 273801.") if r.kind == "question"]
    assert (found.cited_uin, found.cited_date) == ("273801", date(2019, 7, 15))


@pytest.mark.parametrize("text", [
    "Question ١٢٣ and [HL٤٥٦] and (UIN ٧٨٩) and PQ ١٢",
    "See https://x.org/\u0661 and the Act ١٩٩٩ and the Order 2011",
])
def test_every_reference_row_validates_against_the_model(text):
    for reference in refs(text, text):
        assert Reference.model_validate(reference.model_dump()) == reference


@pytest.mark.parametrize("question, uins", [
    # tests/examples2/229.txt, 2002
    ("when he will reply to the questions from the hon. Member for Mid-Dorset tabled on 14 November, (ref 15786 and 15787).", ["15786", "15787"]),
    ("when he intends to answer the questions tabled by the hon. Member on 26 November, Refs. 19317 and 19322.", ["19317", "19322"]),
    ("when he expects to reply to the question of 5 December, ref. 21340, from the hon. Member for Buckingham.", ["21340"]),
    ("what the cost was of the programme (ref 1234 of the plan).", []),
])
def test_question_reference_numbers_are_cited_uins(question, uins):
    assert [r.cited_uin for r in refs(f"To ask the Secretary of State {question}") if r.kind == "question"] == uins


def test_a_bare_domain_that_is_a_links_own_text_is_no_second_url():
    # 249.json: '<a href="https://www.gov.uk/...">... - GOV.UK (www.gov.uk)</a>', whose address
    # html_to_text prints after the link's text.
    text = "available at: Benefit tables 2024 - GOV.UK (www.gov.uk) (https://www.gov.uk/government/publications/tables-2024). It is"
    assert [r.target for r in find_references(ANSWER_ID, None, text) if r.kind == "url"] == [
        "https://www.gov.uk/government/publications/tables-2024"
    ]


@pytest.mark.parametrize("text, urls", [
    # A bare domain standing alone, or before an address on another site, is a reference.
    ("See www.gov.uk for the figures.", ["www.gov.uk"]),
    ("See www.ons.gov.uk (https://www.gov.uk/guidance) too.", ["www.ons.gov.uk", "https://www.gov.uk/guidance"]),
])
def test_a_bare_domain_is_a_url_where_no_link_on_its_site_follows(text, urls):
    assert [r.target for r in find_references(ANSWER_ID, None, text) if r.kind == "url"] == urls
