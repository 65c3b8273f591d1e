"""A corpus of many sources: every real API record published once, one row per question."""

from __future__ import annotations

import csv
import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from pipeline.model import answer_id_for
from pipeline.build.publish import build

from .conftest import SEEDS

REAL_API = Path(__file__).parent / "sources" / "fixtures" / "commons-api-2024-08.json"
SEED_2019_A = "001_9f0442c81153244d.txt"


def rows(package: Path, table: str) -> list[dict]:
    with (package / f"{table}.csv").open(newline="", encoding="utf-8") as stream:
        return list(csv.DictReader(stream))


@pytest.fixture(scope="module")
def real_package(tmp_path_factory) -> Path:
    seeds = tmp_path_factory.mktemp("real") / "seeds"
    seeds.mkdir()
    shutil.copy(REAL_API, seeds / "commons-2024-08.json")
    out = seeds.parent / "dist"
    build(seeds, out, workers=1)
    return out


def test_every_real_api_record_is_published_once_with_its_own_fields(real_package):
    records = {(r["value"]["uin"], r["value"]["dateTabled"][:10]): r["value"] for r in json.loads(REAL_API.read_text())}
    answers = rows(real_package, "answers")
    assert len(answers) == len(records) == 1004
    for answer in answers:
        record = records[(answer["uin"], answer["tabled_date"])]
        assert answer["house"] == record["house"]
        assert answer["heading"] == record["heading"].strip()
        assert answer["answering_body"] == record["answeringBodyName"]
        assert answer["answered_date"] == record["dateAnswered"][:10]
        assert answer["is_holding_answer"] == str(record["answerIsHolding"]).lower()
        assert answer["is_correction"] == str(record["answerIsCorrection"]).lower()
        assert answer["is_withdrawn"] == str(record["isWithdrawn"]).lower()
        assert answer["answer_text_truncated"] == str(record["answerText"].endswith("...")).lower()
        assert answer["layout"] == "written_questions_api"


def test_grouped_uins_of_real_records_are_published(real_package):
    records = {r["value"]["uin"]: r["value"] for r in json.loads(REAL_API.read_text())}
    uin_of = {a["answer_id"]: a["uin"] for a in rows(real_package, "answers")}
    published: dict[str, set[str]] = {}
    for row in rows(real_package, "grouped_questions"):
        published.setdefault(uin_of[row["answer_id"]], set()).add(row["grouped_uin"])
    expected = {uin: set(r["groupedQuestions"]) for uin, r in records.items() if r["groupedQuestions"]}
    assert published == expected


def test_cut_short_real_answers_are_flagged(real_package):
    truncated = {a["answer_id"] for a in rows(real_package, "answers") if a["answer_text_truncated"] == "true"}
    flagged = {q["answer_id"] for q in rows(real_package, "quality") if q["code"] == "answer_text_truncated"}
    assert len(truncated) == 869
    assert flagged == truncated


def _api_record(uin: str, tabled: str, answered: str, text: str, *, holding: bool = False, heading: str = "Children: Exploitation") -> dict:
    return {"value": {
        "uin": uin, "house": "Commons", "dateTabled": f"{tabled}T00:00:00", "dateAnswered": f"{answered}T00:00:00",
        "answeringBodyName": "Department for Education", "heading": heading,
        "questionText": "To ask the Secretary of State for Education, what assessment he has made of the need for a contextual safeguarding framework.",
        "answerText": f"<p>{text}</p>", "answerIsHolding": holding, "answerIsCorrection": False, "isWithdrawn": False,
        "groupedQuestions": [], "dateHoldingAnswer": None,
    }}


def test_the_same_question_from_a_page_and_an_api_record_is_one_row(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEEDS / SEED_2019_A, seeds / "page.txt")
    (seeds / "api.json").write_text(json.dumps(_api_record("281056", "2019-07-23", "2019-08-02", "A different answer.", heading="Children: Exploitation")))
    build(seeds, tmp_path / "dist", workers=1)
    [answer] = rows(tmp_path / "dist", "answers")
    assert answer["uin"] == "281056" and answer["source_count"] == "2"
    assert sorted(s["source_file"] for s in rows(tmp_path / "dist", "sources")) == ["api.json", "page.txt"]
    disagreements = [q["message"] for q in rows(tmp_path / "dist", "quality") if q["code"] == "sources_disagree"]
    assert any("question_text" in m for m in disagreements)
    assert any("answer_text" in m for m in disagreements)


def test_a_holding_answer_and_its_replacement_are_one_row_with_the_substantive_text(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a-holding.json").write_text(json.dumps(_api_record("4001", "2024-09-02", "2024-09-09", "I will reply as soon as possible.", holding=True)))
    (seeds / "b-substantive.json").write_text(json.dumps(_api_record("4001", "2024-09-02", "2024-09-20", "The Department has spent £2 million.")))
    (seeds / "c-unreplaced.json").write_text(json.dumps(_api_record("4002", "2024-09-02", "2024-09-09", "I will reply shortly.", holding=True)))
    build(seeds, tmp_path / "dist", workers=1)
    answers = {a["uin"]: a for a in rows(tmp_path / "dist", "answers")}
    assert set(answers) == {"4001", "4002"}
    assert answers["4001"]["answer_text"] == "The Department has spent £2 million."
    assert answers["4001"]["is_holding_answer"] == "false"
    quality = {(q["answer_id"], q["code"]) for q in rows(tmp_path / "dist", "quality")}
    assert (answers["4002"]["answer_id"], "holding_answer_unreplaced") in quality
    assert (answers["4001"]["answer_id"], "holding_answer_unreplaced") not in quality
    assert not any(code == "sources_disagree" and answer_id == answers["4001"]["answer_id"] for answer_id, code in quality)


def test_a_cited_question_in_the_package_is_linked_to_its_answer(tmp_path):
    # Seed 001's question is "pursuant to the Answer of 15 July 2019 to Question 273801".
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEEDS / SEED_2019_A, seeds / "page.txt")
    (seeds / "earlier.json").write_text(json.dumps(_api_record("273801", "2019-07-08", "2019-07-15", "An earlier answer.")))
    (seeds / "same-uin-other-session.json").write_text(json.dumps(_api_record("273801", "2017-07-03", "2017-07-10", "Another session.")))
    build(seeds, tmp_path / "dist", workers=1)
    answers = {a["uin"]: a["answer_id"] for a in rows(tmp_path / "dist", "answers") if a["tabled_date"] != "2017-07-03"}
    [citation] = [r for r in rows(tmp_path / "dist", "references") if r["cited_uin"] == "273801"]
    assert citation["answer_id"] == answers["281056"]
    assert citation["field"] == "question_text"
    assert citation["cited_date"] == "2019-07-15"
    assert citation["cited_answer_id"] == answers["273801"]


def test_sources_stating_different_parts_of_one_identity_are_one_answer_under_one_id(tmp_path):
    # One source gives the UIN but no tabled date, the other the tabled date but no UIN: their
    # ids differ, but everything both state (question, member, dates) agrees, so they are one
    # answer. It keeps the id of the source that states most (here both state as much: the
    # lower id), and filling each one's gap from the other must not move it to a
    # UIN-and-date id that its sources rows do not point to.
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    no_date = _api_record("281061", "2019-07-23", "2019-08-02", "The answer.")
    no_date["value"]["dateTabled"] = None
    no_uin = _api_record("281061", "2019-07-23", "2019-08-02", "The answer.")
    no_uin["value"]["uin"] = None
    (seeds / "a.json").write_text(json.dumps(no_date))
    (seeds / "b.json").write_text(json.dumps(no_uin))
    build(seeds, tmp_path / "dist", workers=1)
    [answer] = rows(tmp_path / "dist", "answers")
    assert (answer["uin"], answer["tabled_date"], answer["source_count"]) == ("281061", "2019-07-23", "2")
    assert {s["answer_id"] for s in rows(tmp_path / "dist", "sources")} == {answer["answer_id"]}
    ids = [answer_id_for("281061", None, no_date["value"]["questionText"]),
           answer_id_for(None, date(2019, 7, 23), no_uin["value"]["questionText"])]
    assert answer["answer_id"] in ids
    assert answer["answer_id"] == min(ids)


def _historic_page(*turns: tuple[str, str, str]) -> str:
    """A historic Hansard page: each (asker, question, answer) printed as '§' turns, names run in."""
    lines = ["HC Deb 19 December 1989 vol 164 cc101-2W"]
    for asker, question, answer in turns:
        lines += [f"§ {asker}asked the Prime Minister {question}", f"§ The Prime MinisterThe Prime Minister{answer}"]
    return "\n".join(lines) + "\n"


def test_the_same_words_asked_by_two_members_are_two_answers(tmp_path):
    # Several members put the Prime Minister's engagements in the same words: no UIN, no tabled
    # date, one question text; the asking member tells them apart.
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "page.txt").write_text(_historic_page(
        ("Mrs. GORMAN", "if she will list her official engagements for Tuesday 19 December.", " has given the answer."),
        ("Mr. PIKE", "if she will list her official engagements for Tuesday 19 December.", " has given the answer."),
    ))
    build(seeds, tmp_path / "dist", workers=1)
    answers = rows(tmp_path / "dist", "answers")
    assert sorted(a["asking_member"] for a in answers) == ["Mr. PIKE", "Mrs. GORMAN"]
    assert len({a["answer_id"] for a in answers}) == 2


def test_the_same_words_asked_again_on_another_day_are_two_answers(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    question = ("Mr. PIKE", "if she will list her official engagements for Tuesday.", " has given the answer.")
    (seeds / "a.txt").write_text(_historic_page(question))
    (seeds / "b.txt").write_text(_historic_page(question).replace("19 December 1989", "9 January 1990"))
    build(seeds, tmp_path / "dist", workers=1)
    answers = rows(tmp_path / "dist", "answers")
    assert sorted(a["answered_date"] for a in answers) == ["1989-12-19", "1990-01-09"]


def test_a_holding_answer_meets_its_substantive_answer_from_a_page_without_a_tabled_date(tmp_path):
    # The holding answer comes from the API (UIN and tabled date), the substantive answer from a
    # Hansard page that prints the UIN but no tabled date: their ids differ, everything both
    # state agrees, so they are one answer, under the id of the source that states most.
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    record = _api_record("281070", "2019-07-23", "2019-07-25", "I will reply as soon as possible.", holding=True)
    (seeds / "api.json").write_text(json.dumps(record))
    question = record["value"]["questionText"]
    (seeds / "hansard.txt").write_text(
        "Written Answers to Questions\nTuesday 30 July 2019\nEducation\nChildren: Exploitation\n"
        f"Mr Steve Reed: {question} [281070]\nNick Gibb [holding answer 25 July 2019]: The Department has spent £2 million.\n")
    build(seeds, tmp_path / "dist", workers=1)
    [answer] = rows(tmp_path / "dist", "answers")
    assert answer["answer_id"] == answer_id_for("281070", date(2019, 7, 23), question)
    assert answer["source_count"] == "2" and answer["answer_text"] == "The Department has spent £2 million."
    assert (answer["asking_member"], answer["tabled_date"], answer["answered_date"]) == ("Mr Steve Reed", "2019-07-23", "2019-07-30")
    assert {s["answer_id"] for s in rows(tmp_path / "dist", "sources")} == {answer["answer_id"]}
    assert "holding_answer_unreplaced" not in {q["code"] for q in rows(tmp_path / "dist", "quality")}


def test_a_source_that_could_be_either_of_two_answers_is_not_merged(tmp_path):
    # Two API records of one question text in two sessions (UINs differ), and a page giving the
    # question alone: it agrees with both, so it is merged with neither.
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    first = _api_record("1001", "2019-07-23", "2019-08-02", "First answer.")
    second = _api_record("2002", "2021-07-23", "2021-08-02", "Second answer.")
    page = _api_record("1001", "2019-07-23", "2019-08-02", "Unplaced answer.")
    page["value"].update(uin=None, dateTabled=None, dateAnswered=None)
    for name, record in (("a.json", first), ("b.json", second), ("c.json", page)):
        (seeds / name).write_text(json.dumps(record))
    build(seeds, tmp_path / "dist", workers=1)
    answers = rows(tmp_path / "dist", "answers")
    assert sorted(a["answer_text"] for a in answers) == ["First answer.", "Second answer.", "Unplaced answer."]


def test_an_unanswered_question_and_its_later_answer_are_one_row(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    tabled = _api_record("281071", "2019-07-23", "2019-08-02", "x")
    tabled["value"].update(dateAnswered=None, answerText=None)
    (seeds / "a-tabled.json").write_text(json.dumps(tabled))
    build(seeds, tmp_path / "dist", workers=1)
    [unanswered] = rows(tmp_path / "dist", "answers")
    assert unanswered["is_answered"] == "false" and unanswered["answer_text"] == ""
    codes = {q["code"] for q in rows(tmp_path / "dist", "quality")}
    assert not codes & {"answer_text_missing", "answered_date_missing", "minister_not_stated"}
    (seeds / "b-answered.json").write_text(json.dumps(_api_record("281071", "2019-07-23", "2019-08-02", "The answer.")))
    build(seeds, tmp_path / "dist", workers=1)
    [answer] = rows(tmp_path / "dist", "answers")
    assert answer["answer_id"] == unanswered["answer_id"]
    assert answer["is_answered"] == "true" and answer["answer_text"] == "The answer." and answer["source_count"] == "2"


def test_a_generated_corpus_publishes_one_row_per_distinct_answer(tmp_path):
    from pipeline.bench import generate_corpus, generate_answer

    count = 240  # every layout, and holding answers (every 50th answer from the 7th) in other layouts
    generate_corpus(tmp_path / "seeds", count)
    build(tmp_path / "seeds", tmp_path / "dist", workers=1)
    answers = rows(tmp_path / "dist", "answers")
    assert len(answers) == count
    assert {a["question_text"] for a in answers} == {generate_answer(i).question for i in range(count)}
    assert len(rows(tmp_path / "dist", "sources")) > count  # the holding answers are sources of their answers


def test_older_hansard_s_asked_and_the_tabled_to_ask_are_one_question(tmp_path):
    # Historic Hansard reports the tabled "To ask the Minister ..." as "Mr. X asked the Minister ...";
    # the two printings of one question, by one member on one day, are one answer.
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "historic.txt").write_text(
        "HC Deb 22 March 1994 vol 240 cc113-4W\n"
        "§ Mr. Redmondasked the Minister of Agriculture, Fisheries and Food what percentage of questions were answered within a week.\n"
        "§ Mr. McLoughlinI have nothing to add to the answer I gave.\n")
    (seeds / "daily.txt").write_text(
        "22 Mar 1994 : Column 113W\nWritten Answers to Questions\nTuesday 22 March 1994\n"
        "Mr. Redmond: To ask the Minister of Agriculture, Fisheries and Food what percentage of questions were answered within a week.\n"
        "Mr. McLoughlin: I have nothing to add to the answer I gave.\n")
    build(seeds, tmp_path / "dist", workers=1)
    [answer] = rows(tmp_path / "dist", "answers")
    assert answer["source_count"] == "2" and answer["asking_member"] == "Mr. Redmond"
