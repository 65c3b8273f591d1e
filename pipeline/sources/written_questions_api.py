"""Today's written-questions API (questions-statements-api.parliament.uk), as JSON.

A seed holds one record or a list of them, each either bare or wrapped as the API
serves it::

    {"value": {"uin": "7926", "house": "Commons", "dateTabled": "2024-01-05T00:00:00",
               "questionText": "To ask ...", "answeringBodyName": "...",
               "answerText": "<p>...</p>", "groupedQuestions": ["7927"], ...},
     "links": [...]}

The list endpoint's ``{"results": [...]}`` page is read too. Member fields are ids
unless the API was asked to expand them; a name is published only where it is there.
Every other field of the record is published too (ids, the date for answer, the holding
answer's and correction's dates, attachments, grouped questions' dates), and ``url``, the
question's page, is formed from the tabled date and UIN.
"""

from __future__ import annotations

from typing import Iterator

from ..model import AttachmentFile, GroupedDate, question_page_url
from .common import HEAD, Rejected, clean, constituency_or_none, house_from, html_to_text, load_json, parse_iso_datetime
from .json_records import checked, iter_records

LAYOUT = "written_questions_api"
PRIORITY = 20

#: Keys only this API's records carry (the older linked-data API spells its own differently).
_MARKS = ('"answeringBodyName"', '"questionText"', '"dateTabled"')


def recognises(text: str) -> bool:
    head = text[:HEAD].lstrip()
    return head[:1] in ("{", "[") and all(mark in head for mark in _MARKS) and "linked-data-api" not in head


def read(text: str) -> Iterator[dict | Rejected]:
    document = None if text.lstrip().startswith("[") else load_json(text)  # a list is read record by record
    if document is None:
        # Cut short (or damaged): the records before the damage are still whole.
        start = text.find("[")
        if not text.lstrip().startswith("[") or start < 0:
            yield Rejected("not valid JSON (the file is cut short or damaged)")
            return
        records = iter_records(text, start)
    elif isinstance(document, dict) and isinstance(document.get("results"), list):
        records = document["results"]
    elif isinstance(document, list):
        records = document
    else:
        records = [document]
    for record in checked(records):  # a damaged or null record is rejected on its own; the rest are read
        yield record if isinstance(record, Rejected) else answer_from(record)


def _given(value) -> str | None:
    """A text field exactly as the record gives it (only the ends trimmed), or ``None``."""
    return value.strip() or None if isinstance(value, str) else None


def _member(value) -> tuple[str | None, str | None, str | None]:
    """An expanded member object's name, party and constituency (all ``None`` where the API gave only an id)."""
    if not isinstance(value, dict):
        return None, None, None
    return clean(value.get("name")), clean(value.get("party")), constituency_or_none(value.get("memberFrom"))


def answer_from(record) -> dict | Rejected:
    """One API record (bare or wrapped in ``value``) as answer fields."""
    if isinstance(record, dict) and isinstance(record.get("value"), dict):
        record = record["value"]
    if not isinstance(record, dict):
        return Rejected(f"not a written-question record (a JSON {type(record).__name__})")
    question = _given(record.get("questionText"))
    if question is None:
        return Rejected("record has no question text")
    uin = clean(str(record["uin"])) if record.get("uin") is not None else None
    asking, party, constituency = _member(record.get("askingMember"))
    answer_html = record.get("answerText") or None
    answer = html_to_text(answer_html) if isinstance(answer_html, str) else None
    house = record.get("house")
    grouped = record.get("groupedQuestions") or ()
    tabled = parse_iso_datetime(record.get("dateTabled"))
    original_html = record.get("originalAnswerText")
    return {
        "uin": uin,
        "house": house if house in ("Commons", "Lords") else house_from(uin, question),
        "heading": _given(record.get("heading")),
        "answering_body": _given(record.get("answeringBodyName")),
        "asking_member": asking,
        "asking_member_constituency": constituency,
        "asking_member_party": party,
        "question_text": question,
        "tabled_date": tabled,
        "answered_date": parse_iso_datetime(record.get("dateAnswered")),
        "answering_minister": _member(record.get("answeringMember"))[0],
        "is_holding_answer": record.get("answerIsHolding") is True,
        "replaces_holding_answer": record.get("dateHoldingAnswer") is not None,
        "is_correction": record.get("answerIsCorrection") is True,
        "is_withdrawn": record.get("isWithdrawn") is True,
        "answer_text": answer,
        # The list endpoint cuts long answers short and marks the cut with "...".
        "answer_text_truncated": bool(answer_html) and answer_html.rstrip().endswith("..."),
        # Each grouped question once (a UIN is a row of grouped_questions), in the record's order.
        "grouped_uins": tuple(dict.fromkeys(str(uin) for uin in grouped if uin is not None)),
        "url": question_page_url(tabled, uin),
        "question_id": _id(record.get("id")),
        "asking_member_id": _id(record.get("askingMemberId")),
        "answering_member_id": _id(record.get("answeringMemberId")),
        "correcting_member_id": _id(record.get("correctingMemberId")),
        "correcting_member": _member(record.get("correctingMember"))[0],
        "answering_body_id": _id(record.get("answeringBodyId")),
        "date_for_answer": parse_iso_datetime(record.get("dateForAnswer")),
        "is_named_day": _flag(record.get("isNamedDay")),
        "holding_answer_date": parse_iso_datetime(record.get("dateHoldingAnswer")),
        "answer_corrected_date": parse_iso_datetime(record.get("dateAnswerCorrected")),
        "original_answer_text": html_to_text(original_html) if isinstance(original_html, str) and original_html.strip() else None,
        "member_has_interest": _flag(record.get("memberHasInterest")),
        "attachment_count": record.get("attachmentCount") if _is_int(record.get("attachmentCount")) else None,
        "grouped_tabled_dates": tuple(_grouped_dates(record.get("groupedQuestionsDates"))),
        "attachments": tuple(_attachment(item) for item in record.get("attachments") or () if isinstance(item, dict)),
    }


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _id(value) -> int | None:
    """An id the API gives as a positive number (0 and absent ids are no id)."""
    return value if _is_int(value) and value > 0 else None


def _flag(value) -> bool | None:
    return value if isinstance(value, bool) else None


def _grouped_dates(items) -> Iterator[GroupedDate]:
    for item in items or ():
        if isinstance(item, dict) and item.get("questionUin") is not None:
            tabled = parse_iso_datetime(item.get("dateTabled"))
            if tabled is not None:
                yield GroupedDate(str(item["questionUin"]), tabled)


def _attachment(item: dict) -> AttachmentFile:
    size = item.get("fileSizeBytes")
    return AttachmentFile(_given(item.get("title")), _given(item.get("url")), _given(item.get("fileType")), size if _is_int(size) and size >= 0 else None)
