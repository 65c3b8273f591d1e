"""JSON records of a written question and its answer, recognised by their fields.

Producers name the same things differently: a cache of question/answer pairs keeps only
``{"question_text": "To ask ...", "answer_text": "<p>...</p>"}``; Parliament's search
index serves Solr documents (``{"response": {"docs": [{"questionText_t": [...],
"answerText_t": [...], "uin_t": ..., "dateTabled_dt": ..., "tablingMemberPrinted_t": ...}]}}``);
other dumps use ``questionText``/``answer``/``date_tabled`` and so on. A field is known
by its name with case, separators and Solr's type suffix (``_t``, ``_s``, ``_dt``, ``_b``)
set aside, so ``questionText_t``, ``question_text`` and ``QuestionText`` are one field.
Values may be bare, a list (Solr's multi-valued fields: the first is taken), or an object
(``{"_value": ...}`` or a member's ``{"name": ...}``). Identifier-only fields (Solr's
``_ses`` term ids, ``askingMemberId``) are never taken for names.

The official written-questions API and the older linked-data API have readers of their
own, asked first.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from . import linked_data_api, written_questions_api
from .common import HEAD, Rejected, clean, house_from, html_to_text, load_json, parse_iso_datetime
from .json_records import iter_records as iter_list_records

LAYOUT = "question_answer_json"
#: After the two API readers, whose records also hold a question's text.
PRIORITY = 30

QUESTION_KEY = re.compile(r'"(?:question[ _-]?text(?:_t|_s|_txt)?|question)"\s*:', re.IGNORECASE)
_SUFFIX = re.compile(r"_(?:t|s|txt|dt|tdt|b|ss|i|l|value)$", re.IGNORECASE)
_IDENTIFIER_SUFFIX = re.compile(r"(?:_ses|_sesrollup|Id|_id|Ids)$")

#: The canonical field and the names (set aside case, separators and suffix) that hold it.
NAMES: dict[str, tuple[str, ...]] = {
    "question": ("questiontext", "question", "questionbody"),
    "answer": ("answertext", "answer", "answerbody"),
    "uin": ("uin", "questionuin"),
    "house": ("house", "legislature", "housename"),
    "tabled": ("datetabled", "tableddate", "tabledon", "dateoftabling", "tabled"),
    "answered": ("dateanswered", "dateofanswer", "answerdate", "answereddate", "answeredon"),
    "body": ("answeringbodyname", "answeringbody", "answeringdept", "answeringdepartment", "department", "departmentname"),
    "asker": ("askingmembername", "askingmemberprinted", "tablingmemberprinted", "askingmember", "tablingmember", "askedby", "member"),
    "minister": ("answeringmembername", "answeringmemberprinted", "answeringmember", "answeredby", "minister"),
    "heading": ("heading", "hansardheading", "title"),
    "holding": ("answerisholding", "holdinganswer", "isholdinganswer"),
    "holding_date": ("dateholdinganswer", "holdinganswerdate"),
    "correction": ("answeriscorrection", "ministerialcorrection", "isministerialcorrection", "correction"),
    "withdrawn": ("iswithdrawn", "withdrawn"),
    "grouped": ("groupedquestions", "groupeduins", "groupedquestionuins"),
}
_FIELD_OF = {name: field for field, names in NAMES.items() for name in names}
HOUSES = {"commons": "Commons", "house of commons": "Commons", "lords": "Lords", "house of lords": "Lords"}
_UIN = re.compile(r"^(?:HL)?\d+[A-Z]?$")
_NOT_LETTER_OR_DIGIT = re.compile(r"[^a-z0-9]")
#: Where producers put a list of records.
_CONTAINERS = ("value", "response", "docs", "results", "items", "records", "data", "questions", "result", "hits")


@lru_cache(maxsize=4096)  # performance: every record of a dump repeats the same keys
def field_of(key: str) -> str | None:
    """The canonical field a JSON key holds, or ``None``."""
    if _IDENTIFIER_SUFFIX.search(key):
        return None
    name = _NOT_LETTER_OR_DIGIT.sub("", _SUFFIX.sub("", key).lower())
    return _FIELD_OF.get(name)


def recognises(text: str) -> bool:
    head = text[:HEAD].lstrip()
    if head[:1] not in ("{", "[") or not QUESTION_KEY.search(head):
        return False
    # The two APIs' records are their readers' (asked first), not this one's.
    return not (written_questions_api.recognises(text) or linked_data_api.recognises(text))


def read(text: str) -> Iterator[dict | Rejected]:
    document = load_json(text)
    if document is None and text.lstrip().startswith("{") and "\n{" in text:
        records = _json_lines(text)  # one record to a line (JSON Lines)
    elif document is None:
        start = text.find("[")
        if start < 0:
            yield Rejected("not valid JSON (the file is cut short or damaged)")
            return
        records = iter_list_records(text, start)  # a damaged record is rejected on its own; the rest are read
    else:
        records = iter_records(document)
    found = False
    for record in records:
        found = True
        yield record if isinstance(record, Rejected) else answer_from(record)
    if not found:
        yield Rejected("no record with a question's text in the JSON")


def _json_lines(text: str) -> Iterator[object]:
    """The records of a JSON Lines document; a line that is not valid JSON (damaged, or cut
    short at the end) is rejected on its own, and the lines after it are read."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        record = load_json(line)
        if record is None:
            yield Rejected(f"line {number} is not valid JSON (damaged or cut short)")
            continue
        yield from iter_records(record)


#: Inside a nested question or answer object ({"answer": {"text": ..., "date": ...}}), the
#: plain names mean that part's text, date and member.
_NESTED = {
    "question": {"text": "question", "body": "question", "html": "question", "date": "tabled", "member": "asker", "by": "asker", "name": "asker"},
    "answer": {"text": "answer", "body": "answer", "html": "answer", "date": "answered", "member": "minister", "by": "minister", "name": "minister"},
}


def _fields(record: dict) -> dict[str, object]:
    found: dict[str, object] = {}
    for key, value in record.items():
        field = field_of(key) if isinstance(key, str) else None
        if field in _NESTED and isinstance(value, dict) and "_value" not in value:
            # A nested question or answer object: its own fields, and its plain names.
            for inner_key, inner in value.items():
                if not isinstance(inner_key, str) or inner in (None, "", []):
                    continue
                plain = _NOT_LETTER_OR_DIGIT.sub("", _SUFFIX.sub("", inner_key).lower())
                inner_field = _NESTED[field].get(plain) or field_of(inner_key)
                if inner_field is not None and inner_field not in found:
                    found[inner_field] = inner
            continue
        if field is not None and field not in found and value not in (None, "", []):
            found[field] = value
    return found


def iter_records(node, depth: int = 0) -> Iterator[object]:
    """Every record (an object with a question's text) in the document, in order."""
    if depth > 5:
        return
    if isinstance(node, list):
        for element in node:
            if isinstance(element, dict) and "question" not in _fields(element):
                yield from iter_records(element, depth + 1)
            else:
                yield element
    elif isinstance(node, dict):
        if "question" in _fields(node):
            yield node
            return
        for key in _CONTAINERS:
            if isinstance(node.get(key), (list, dict)):
                yield from iter_records(node[key], depth + 1)
                return


def _scalar(value):
    """A value as producers give it: bare, the first of a list, ``{"_value": ...}`` or ``{"name": ...}``."""
    if isinstance(value, list):
        value = next((v for v in value if v not in (None, "")), None)
    if isinstance(value, dict):
        value = value.get("_value", value.get("name", value.get("value")))
    return value if isinstance(value, (str, int, float, bool)) else None


def _text(value) -> str | None:
    found = _scalar(value)
    if found is None or isinstance(found, bool):
        return None
    return clean(str(found))


def _name(value) -> str | None:
    """A person's or body's name: text that is not only an identifier number."""
    found = _text(value)
    return None if found is None or found.isdigit() else found


def _true(value) -> bool:
    found = _scalar(value)
    return found is True or (isinstance(found, str) and found.strip().lower() == "true")


def answer_from(record) -> dict | Rejected:
    if isinstance(record, dict) and isinstance(record.get("value"), dict) and "question" not in _fields(record):
        record = record["value"]
    if not isinstance(record, dict):
        return Rejected(f"not a question record (a JSON {type(record).__name__})")
    fields = _fields(record)
    question_value = _scalar(fields.get("question"))
    question = html_to_text(question_value) if isinstance(question_value, str) else None
    if question is None:
        return Rejected("record has no question text")
    answer_value = _scalar(fields.get("answer"))
    uin = _text(fields.get("uin"))
    uin = uin.replace(" ", "") if uin and _UIN.match(uin.replace(" ", "")) else None
    house = HOUSES.get((_text(fields.get("house")) or "").lower())
    holding = _true(fields.get("holding"))
    grouped = fields.get("grouped") or ()
    grouped = grouped if isinstance(grouped, list) else [grouped]
    return {
        "uin": uin,
        "house": house or house_from(uin, question),
        "heading": _name(fields.get("heading")),
        "answering_body": _name(fields.get("body")),
        "asking_member": _name(fields.get("asker")),
        "question_text": question,
        "tabled_date": parse_iso_datetime(_text(fields.get("tabled"))),
        "answered_date": parse_iso_datetime(_text(fields.get("answered"))),
        "answering_minister": _name(fields.get("minister")),
        "is_holding_answer": holding,
        "replaces_holding_answer": not holding and _text(fields.get("holding_date")) is not None,
        "is_correction": _true(fields.get("correction")),
        "is_withdrawn": _true(fields.get("withdrawn")),
        "answer_text": html_to_text(answer_value) if isinstance(answer_value, str) else None,
        "grouped_uins": tuple(u for u in (_text(g) for g in grouped) if u and _UIN.match(u)),
    }
