"""What the package must publish for one record of the written-questions API, read off the record itself.

Each expected value is the record's own field, converted only as the data dictionary says
(timestamps to their day, HTML to plain text, the question's page formed from the tabled
day and UIN), so that a test compares the package with the record, not with the code.
"""

from __future__ import annotations

from datetime import date

import pyarrow.parquet as pq

from pipeline.sources.common import html_to_text


def day(stamp: str | None) -> date | None:
    return date.fromisoformat(stamp[:10]) if stamp else None


def name(member: dict | None) -> str | None:
    return member.get("name") if isinstance(member, dict) else None


def expected_answer(value: dict) -> dict:
    """The answers row's columns that come straight from the API record ``value``."""
    return {
        "uin": value["uin"],
        "house": value["house"],
        "heading": value["heading"].strip(),
        "question_text": value["questionText"].strip(),
        "tabled_date": day(value["dateTabled"]),
        "answered_date": day(value["dateAnswered"]),
        "answer_text": html_to_text(value["answerText"]) if value["answerText"] else None,
        "answer_text_truncated": value["answerText"].endswith("..."),
        "is_holding_answer": value["answerIsHolding"],
        "is_correction": value["answerIsCorrection"],
        "is_withdrawn": value["isWithdrawn"],
        "replaces_holding_answer": value["dateHoldingAnswer"] is not None,
        "url": f"https://questions-statements.parliament.uk/written-questions/detail/{value['dateTabled'][:10]}/{value['uin']}",
        "question_id": value["id"],
        "asking_member_id": value["askingMemberId"],
        "asking_member": name(value["askingMember"]),
        "answering_member_id": value["answeringMemberId"],
        "answering_minister": name(value["answeringMember"]),
        "correcting_member_id": value["correctingMemberId"],
        "correcting_member": name(value["correctingMember"]),
        "answering_body_id": value["answeringBodyId"],
        "answering_body": value["answeringBodyName"],
        "date_for_answer": day(value["dateForAnswer"]),
        "is_named_day": value["isNamedDay"],
        "holding_answer_date": day(value["dateHoldingAnswer"]),
        "answer_corrected_date": day(value["dateAnswerCorrected"]),
        "original_answer_text": html_to_text(value["originalAnswerText"]) if value["originalAnswerText"] else None,
        "member_has_interest": value["memberHasInterest"],
        "attachment_count": value["attachmentCount"],
    }


def expected_grouped(value: dict) -> list[tuple[str, date | None]]:
    dates = {g["questionUin"]: day(g["dateTabled"]) for g in value["groupedQuestionsDates"]}
    return sorted((uin, dates.get(uin)) for uin in value["groupedQuestions"])


def expected_attachments(value: dict) -> list[tuple]:
    return [(position, a["title"], a["url"], a["fileType"], a["fileSizeBytes"]) for position, a in enumerate(value["attachments"], start=1)]


class Published:
    """A built package's answers, grouped questions and attachments, by question id."""

    def __init__(self, dist):
        self.answers = pq.read_table(dist / "answers.parquet").to_pylist()
        self.by_question = {}
        for row in self.answers:
            if row["question_id"] is not None:
                assert row["question_id"] not in self.by_question, f"question {row['question_id']} published twice"
                self.by_question[row["question_id"]] = row
        self.grouped: dict[str, list] = {}
        for row in pq.read_table(dist / "grouped_questions.parquet").to_pylist():
            self.grouped.setdefault(row["answer_id"], []).append((row["grouped_uin"], row["grouped_tabled_date"]))
        self.attachments: dict[str, list] = {}
        for row in pq.read_table(dist / "attachments.parquet").to_pylist():
            self.attachments.setdefault(row["answer_id"], []).append(
                (row["position"], row["title"], row["url"], row["file_type"], row["file_size_bytes"]))

    def mismatches(self, value: dict) -> list[str]:
        """Every field of the record the package does not publish as the record gives it."""
        row = self.by_question.get(value["id"])
        if row is None:
            return [f"question {value['id']} not published"]
        problems = [f"{value['id']}.{column}: published {row[column]!r}, record {expected!r}"
                    for column, expected in expected_answer(value).items() if row[column] != expected]
        if sorted(self.grouped.get(row["answer_id"], [])) != expected_grouped(value):
            problems.append(f"{value['id']}: grouped questions {self.grouped.get(row['answer_id'])} != {expected_grouped(value)}")
        if self.attachments.get(row["answer_id"], []) != expected_attachments(value):
            problems.append(f"{value['id']}: attachments {self.attachments.get(row['answer_id'])} != {expected_attachments(value)}")
        return problems
