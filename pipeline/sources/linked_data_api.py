"""The older parliamentary linked-data API (eldaddp / lda.data.parliament.uk), answered questions.

    { "format" : "linked-data-api", "version" : "0.2", "result" : { ...,
      "items" : [ {"_about" : "http://data.parliament.uk/resources/1699283",
                   "AnsweringBody" : [{"_value" : "Ministry of Defence"}],
                   "answer" : {"answerText" : {"_value" : "<p>...</p>"},
                               "answeringMemberPrinted" : {"_value" : "The Earl of Minto"},
                               "dateOfAnswer" : {"_value" : "2024-04-09", "_datatype" : "dateTime"},
                               "isMinisterialCorrection" : {"_value" : "false", ...}, ...},
                   "dateTabled" : {...}, "hansardHeading" : {...}, "questionText" : "To ask ...",
                   "tablingMemberPrinted" : [{"_value" : "Lord Forsyth of Drumlean"}],
                   "uin" : "HL3624", ...}, ... ] } }

Values come bare, as ``{"_value": ...}`` or as a list of those. The service's ``.text``
output is often saved cut short, so items are read one at a time: every whole item
is published and the cut one is reported.
"""

from __future__ import annotations

import re
from typing import Iterator

from .common import HEAD, Rejected, clean, house_from, html_to_text, load_json, parse_iso_datetime
from .json_records import checked, iter_records

LAYOUT = "linked_data_api"
PRIORITY = 10

FORMAT_MARK = re.compile(r'"format"\s*:\s*"linked-data-api"')
ITEMS = re.compile(r'"items"\s*:\s*\[')


def recognises(text: str) -> bool:
    head = text[:HEAD]
    return "linked-data-api" in head and bool(FORMAT_MARK.search(head))


def read(text: str) -> Iterator[dict | Rejected]:
    document = load_json(text)
    if isinstance(document, dict):
        result = _first(document.get("result"))
        items = result.get("items")
        if isinstance(result.get("primaryTopic"), dict):
            items = [result["primaryTopic"]]  # a single-question view
        if not isinstance(items, list):
            yield Rejected("linked-data API document without items")
            return
    else:
        match = ITEMS.search(text)
        if match is None:
            yield Rejected("linked-data API document cut off before its items")
            return
        items = iter_records(text, match.end() - 1)
    for item in checked(items):  # a damaged or null record is rejected on its own; the rest are read
        yield item if isinstance(item, Rejected) else answer_from(item)


HOUSES = {"House of Commons": "Commons", "House of Lords": "Lords"}


def _first(node) -> dict:
    if isinstance(node, list):
        node = node[0] if node else None
    return node if isinstance(node, dict) else {}


def value(node):
    """The plain value of a linked-data node: bare, ``{"_value": ...}``, or the first of a list."""
    if isinstance(node, list):
        node = node[0] if node else None
    if isinstance(node, dict):
        node = node.get("_value")
    return node if isinstance(node, (str, int, float, bool)) else None


def text_value(node) -> str | None:
    found = value(node)
    return clean(str(found)) if found is not None else None


def is_true(node) -> bool:
    found = value(node)
    return found is True or (isinstance(found, str) and found.strip().lower() == "true")


def answer_from(item) -> dict | Rejected:
    if not isinstance(item, dict):
        return Rejected(f"not an answered-question item (a JSON {type(item).__name__})")
    question = value(item.get("questionText"))
    question = question.strip() if isinstance(question, str) else None
    if not question:
        return Rejected("record has no question text")
    answer = item.get("answer") if isinstance(item.get("answer"), dict) else {}
    uin = text_value(item.get("uin"))
    house = HOUSES.get(text_value(_first(item.get("legislature")).get("prefLabel")) or "")
    answer_html = value(answer.get("answerText"))
    return {
        "uin": uin,
        "house": house or house_from(uin, question),
        "heading": text_value(item.get("hansardHeading")),
        "answering_body": text_value(item.get("AnsweringBody")),
        "asking_member": text_value(item.get("tablingMemberPrinted")),
        "question_text": question,
        "tabled_date": parse_iso_datetime(text_value(item.get("dateTabled"))),
        "answered_date": parse_iso_datetime(text_value(answer.get("dateOfAnswer"))),
        "answering_minister": text_value(answer.get("answeringMemberPrinted")),
        "is_correction": is_true(answer.get("isMinisterialCorrection")),
        "answer_text": html_to_text(answer_html) if isinstance(answer_html, str) else None,
    }
