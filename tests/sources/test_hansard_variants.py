"""Forms of the Hansard families beyond the labelled examples: each text is written in a form
the real pages use (the examples2 README and the readers' docstrings show them), and every
expected value is read from the text by hand."""

from __future__ import annotations

from datetime import date

from pipeline.sources import read_text


def _answers(text: str) -> list[dict]:
    reading = read_text(text)
    assert reading.rejections == []
    return [answer.model_dump(exclude_defaults=True, exclude={"furniture_removed"}) for _, answer in reading.answers]


def test_a_lords_citation_page_with_names_and_the_question_on_lines_of_their_own():
    text = ("HL Deb 14 March 1995 vol 562 cc45-6WA\nLord Kennet\n\nasked Her Majesty's Government:\n\n"
            "What is their policy on the export of arms to Indonesia.\n\nEarl Ferrers\n\nThe policy is set out in the White Paper.\n")
    assert _answers(text) == [{
        "house": "Lords", "asking_member": "Lord Kennet",
        "question_text": "asked Her Majesty's Government:\n\nWhat is their policy on the export of arms to Indonesia.",
        "answered_date": date(1995, 3, 14), "answering_minister": "Earl Ferrers",
        "answer_text": "The policy is set out in the White Paper.",
    }]


def test_a_commons_page_with_numbered_parts_each_with_its_uin_and_a_holding_answer():
    text = ("Previous Section | Index | Home Page\nHEALTH\nHospitals\n"
            "Mr. Smith: To ask the Secretary of State for Health (1) how many hospitals there are in Kent; [18925]\n"
            "(2) what plans he has for hospitals in Kent. [18921]\n"
            "Mr. Milburn: There are 12 hospitals in Kent.\n"
            "Mr. Brown: To ask the Secretary of State for Health what the waiting time is in Kent. [18930]\n"
            "Mr. Milburn [holding answer 3 March 1999]: It is 12 weeks.\n")
    shared = {"house": "Commons", "heading": "Hospitals", "answering_body": "HEALTH", "answering_minister": "Mr. Milburn"}
    assert _answers(text) == [
        {**shared, "uin": "18925", "asking_member": "Mr. Smith", "grouped_uins": ("18921",),
         "question_text": "To ask the Secretary of State for Health (1) how many hospitals there are in Kent; [18925]\n\n(2) what plans he has for hospitals in Kent.",
         "answer_text": "There are 12 hospitals in Kent."},
        {**shared, "uin": "18930", "asking_member": "Mr. Brown", "replaces_holding_answer": True,
         "question_text": "To ask the Secretary of State for Health what the waiting time is in Kent.", "answer_text": "It is 12 weeks."},
    ]


def test_a_1950s_page_of_numbered_turns_with_names_run_in():
    text = ("§ 45. Mr. Brockwayasked the Secretary of State for the Colonies how many detainees are held in Kenya.\n"
            "§ Mr. Lennox-BoydThe number is 3,000.\n"
            "§ Mr. Brockwayasked the Secretary of State for the Colonies whether he will visit.\n"
            "§ Mr. Lennox-BoydNo, Sir.\n")
    shared = {"house": "Commons", "asking_member": "Mr. Brockway", "answering_minister": "Mr. Lennox-Boyd"}
    assert _answers(text) == [
        {**shared, "question_text": "asked the Secretary of State for the Colonies how many detainees are held in Kenya.",
         "answer_text": "The number is 3,000."},
        {**shared, "question_text": "asked the Secretary of State for the Colonies whether he will visit.", "answer_text": "No, Sir."},
    ]


def test_a_lords_daily_page_with_the_peer_asking_on_a_line_of_their_own():
    text = ("Written Answers\nMonday 7 March 2005\nPrisons: Drugs\nLord Laird asked Her Majesty's Government:\n"
            "How many prisoners tested positive for drugs in 2004. [HL1234]\n"
            "Baroness Scotland of Asthal: The information is not held centrally.\n"
            "Prisons: Staff\nLord Laird asked Her Majesty's Government:\nHow many prison officers there are. [HL1235]\n"
            "The Minister of State, Home Office (Baroness Scotland of Asthal): There are 20,000.\n")
    shared = {"house": "Lords", "asking_member": "Lord Laird", "answered_date": date(2005, 3, 7), "answering_minister": "Baroness Scotland of Asthal"}
    assert _answers(text) == [
        {**shared, "uin": "HL1234", "heading": "Prisons: Drugs",
         "question_text": "asked Her Majesty's Government:\n\nHow many prisoners tested positive for drugs in 2004.",
         "answer_text": "The information is not held centrally."},
        {**shared, "uin": "HL1235", "heading": "Prisons: Staff", "answering_body": "Home Office",
         "question_text": "asked Her Majesty's Government:\n\nHow many prison officers there are.", "answer_text": "There are 20,000."},
    ]


def test_a_page_that_stops_inside_the_first_question_publishes_it_marked_cut():
    text = "§ Mr. Brockwayasked the Secretary of State for the Colonies how many detai"
    [answer] = _answers(text)
    assert answer["question_text"] == "asked the Secretary of State for the Colonies how many detai"
    assert answer["question_text_truncated"] is True and "answer_text" not in answer


def test_a_page_that_stops_before_any_question_text_reports_the_record():
    reading = read_text("HC Deb 13 January 1916 vol 77 c1786W\nSir THOMAS ESMONDE\n\nasked the Minister of Munitions if he will"
                        " give orders for more boxes?\n\nMr. LLOYD GEORGE\n\nThey are being placed.\n\nMr. HOGGE\n\n")
    assert [a.asking_member for _, a in reading.answers] == ["Sir THOMAS ESMONDE"]
    [answer] = [a for _, a in reading.answers]
    assert answer.answer_text == "They are being placed." and not answer.answer_text_truncated
    assert reading.rejections == [(2, "record cut off before its question text")]


def test_a_digitised_page_that_keeps_the_askers_name():
    text = ("Written Answers\n\nVolume 600: debated on Monday 3 May 1965\n\n"
            "The text on this page has been created from Hansard archive content, it may contain typographical errors.\n\n"
            "Pensions\n\nMr. Bessell asked the Minister of Pensions and National Insurance how many widows receive a pension.\n\n"
            "The number is 500,000.\n")
    assert _answers(text) == [{
        "house": "Commons", "heading": "Pensions", "asking_member": "Mr. Bessell",
        "question_text": "asked the Minister of Pensions and National Insurance how many widows receive a pension.",
        "answered_date": date(1965, 5, 3), "answer_text": "The number is 500,000.",
    }]


def test_a_theyworkforyou_page_cut_inside_its_question_publishes_it_marked_cut():
    text = ("Department for Work and Pensions: Remote Working\n\n"
            "Department for Work and Pensions written question – answered on 12th May 2020.\n\n"
            "Photo of David Jones David Jones Conservative, Clwyd West\n\n"
            "To ask the Secretary of State for Work and Pensions, what steps her Department has ta")
    [answer] = _answers(text)
    assert answer["question_text"] == "To ask the Secretary of State for Work and Pensions, what steps her Department has ta"
    assert answer["question_text_truncated"] is True and "answer_text" not in answer
    assert answer["asking_member"] == "David Jones" and answer["answered_date"] == date(2020, 5, 12)
