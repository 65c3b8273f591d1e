"""Quality flags: honest notes where a source was imperfect.

:func:`answer_flags` gives the flags one answer's own fields call for. The flags that
need the whole corpus are made at publish time with :func:`holding_unreplaced_flag`
and :func:`disagreement_flag`. :data:`QUALITY_CODES` documents every code for the
data dictionary.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Mapping

from ..model import PageAnswer, QualityCode, QualityFlag
from .trusted import trusted

#: Every quality code and what it means; published in the data dictionary.
QUALITY_CODES: dict[str, str] = {
    "tabled_date_missing": "The source gives no date on which the question was tabled (for example an empty '(asked on )'). The tabled date is left empty; the answer is then identified by its question text.",
    "answered_date_missing": "The source gives no date for the answer. The answered date is left empty.",
    "answer_text_truncated": "The source cut the answer text short (for example the written-questions API's list text, which ends in '...'). The published text, and the statistics and references read from it, stop where the source stopped; the full answer is on the answer's page.",
    "answer_text_missing": "The source gives no answer text for a question that is not withdrawn.",
    "heading_mismatch": "The heading the source gives shares no content word with the question or the answer (words are compared by their stems). It may belong to another question, as on some older pages, or be an index term that the question does not use; check it before relying on it. The heading is published as printed.",
    "minister_not_stated": "The source identifies the minister who answered neither by name nor by member id. The answering minister is left empty; other people named in the answer are never taken for the minister. (Where the source gives only the member id, as the written-questions API's list does, the id is in answering_member_id and the answer is not flagged.)",
    "holding_answer_unreplaced": "The answer is a holding answer and no substantive answer replacing it is in this release.",
    "sources_disagree": "Two or more sources of this answer give different values for a field. The published values are those of the preferred source (a substantive answer before a holding one, then the source that gives the most fields, then the first in seed order), and the message lists each source's value.",
    "question_text_truncated": "The source cut the question short. The published question text is what the source shows; the answer, if any, is not in this source.",
    "generic_reader": "The source is in no known layout; the answer was read by the general reader, which takes only what it can place with certainty (the question, its UIN, the marks of asker and answerer) and leaves the rest empty.",
    "table_unreadable": "The answer holds a table whose cells the source ran together, so that they cannot be told apart with certainty; no statistic is read from it.",
    "number_too_long": "The answer holds a run of digits too long to be a real figure (usually table cells run together); it is not published as a statistic.",
}

_STOPWORDS = frozenset(
    """a an and are as at be by for from has have he her his how if in into is it its of on or she that the their
    them they this to was what whether which who will with ask asked state secretary department minister
    government majesty majesty's majesty’s what when where why any all other such been being were than there these
    those had make made plans plan steps take taken taking assessment assess assessed number recent potential
    ensure support out set also may new would could should use used well way further following""".split()
)
_WORD = re.compile(r"[a-z0-9]+")
_WORD_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_SUFFIXES = ("ations", "ation", "ings", "ing", "ers", "er", "ies", "es", "ed", "s")
#: Words are compared by the first four letters of their stem, so "exploited" meets
#: "exploitation", "child" meets "children" and "fisheries" meets "fishing".
_PREFIX = 4


@lru_cache(maxsize=65536)  # the same words recur from answer to answer
def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:_PREFIX]


def content_words(text: str) -> set[str]:
    """The stems of the words of ``text`` that carry its subject."""
    return {_stem(word) for word in _WORD.findall(text.lower()) if len(word) > 2 and word not in _STOPWORDS}


def heading_fits(heading: str, question_text: str, answer_text: str | None = None) -> bool:
    """Whether the heading shares a content word with the question, or failing that with the answer.

    Headings are often index terms ("Fisheries" on a question about fishing grounds), so
    a stem met anywhere in the answer also counts."""
    heading_words = _heading_words(heading)
    if not heading_words:
        return True
    if _shares_stem(question_text.lower(), heading_words):
        return True
    if answer_text:
        lower = " " + answer_text.lower()
        return any(" " + stem in lower for stem in heading_words)
    return False


@lru_cache(maxsize=4096)  # headings recur from answer to answer
def _heading_words(heading: str) -> frozenset[str]:
    return frozenset(content_words(heading))


def _shares_stem(lower: str, stems: frozenset[str]) -> bool:
    """Whether a content word of ``lower`` (lowercase text) has one of ``stems``: whether
    ``content_words(lower) & stems``, found without reading every word.

    Performance: a word's stem starts it, so only the words starting where a stem is found in
    the text are read, rather than every word of it.
    """
    for stem in stems:
        at = lower.find(stem)
        while at >= 0:
            if at == 0 or lower[at - 1] not in _WORD_CHARACTERS:  # the start of a word (see _WORD)
                word = _WORD.match(lower, at)[0]
                if len(word) > 2 and word not in _STOPWORDS and _stem(word) in stems:
                    return True
            at = lower.find(stem, at + 1)
    return False


def answer_flags(answer_id: str, page: PageAnswer) -> list[QualityFlag]:
    """The flags that one answer's own fields call for.

    A withdrawn or unanswered question has no answer to miss, so it is not flagged for a
    missing answer date, answer text or minister (``is_answered`` says it has none). Page
    furniture removed before reading is not flagged: it is on every page of a layout and
    tells a consumer nothing about the answer."""
    flags: list[tuple[QualityCode, str]] = []
    answered = page.is_answered and not page.is_withdrawn
    if page.tabled_date is None:
        flags.append(("tabled_date_missing", "The source gives no tabled date."))
    if answered and page.answered_date is None:
        flags.append(("answered_date_missing", "The source gives no answered date."))
    if answered and page.answer_text is None and not page.answer_text_truncated:
        flags.append(("answer_text_missing", "The source gives no answer text."))
    if page.answer_text_truncated:
        flags.append(("answer_text_truncated", "The source cut the answer text short; statistics and references are read from the part it gives."))
    if page.heading and page.question_text and not heading_fits(page.heading, page.question_text, page.answer_text):
        flags.append(("heading_mismatch", f"The heading '{page.heading}' shares no content word with the question or the answer."))
    if answered and page.answering_minister is None and page.answering_member_id is None:
        flags.append(("minister_not_stated", "The source does not name the answering minister."))
    if page.question_text_truncated:
        flags.append(("question_text_truncated", "The source cut the question short; the answer, if any, is not in it."))
    # Built without re-validation: the messages are fixed or quote a field the page has already
    # validated, and the tests validate the flags against the model.
    return [trusted(QualityFlag, {"answer_id": answer_id, "code": code, "message": message}, {"answer_id", "code", "message"}) for code, message in flags]


def holding_unreplaced_flag(answer_id: str, date_of_holding_answer: Any = None) -> QualityFlag:
    """The flag for a holding answer that no answer in the corpus replaces."""
    when = f" of {date_of_holding_answer}" if date_of_holding_answer else ""
    return QualityFlag(
        answer_id=answer_id,
        code="holding_answer_unreplaced",
        message=f"The holding answer{when} is not replaced by a substantive answer in this release.",
    )


def disagreement_flag(answer_id: str, field: str, values_by_source: Mapping[str, Any]) -> QualityFlag | None:
    """The flag for sources that give different values of ``field`` for one answer, or None where they agree.

    ``values_by_source`` maps each source (for example 'seeds/001.txt#1') to the value it
    gives, in source order; sources that give no value (None) are not counted as disagreeing."""
    given = {source: value for source, value in values_by_source.items() if value is not None}
    if len({_comparable(value) for value in given.values()}) <= 1:
        return None
    listed = "; ".join(f"{source}: {_shown(value)}" for source, value in given.items())
    return QualityFlag(
        answer_id=answer_id,
        code="sources_disagree",
        message=f"The sources give different values for {field}: {listed}.",
    )


def disagreements_flag(answer_id: str, values_by_field: Mapping[str, Mapping[str, Any]]) -> QualityFlag | None:
    """One flag for every field on which an answer's sources disagree, or None where they agree on all.

    The quality table holds one row per answer and code, so where several fields disagree
    their messages are joined into one flag."""
    messages = [flag.message for field, values in values_by_field.items() if (flag := disagreement_flag(answer_id, field, values))]
    if not messages:
        return None
    return QualityFlag(answer_id=answer_id, code="sources_disagree", message=" ".join(messages))


def _comparable(value: Any) -> Any:
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, list):
        return tuple(value)
    return value


def _shown(value: Any) -> str:
    text = str(value.isoformat() if hasattr(value, "isoformat") else value)
    text = " ".join(text.split())
    return repr(text if len(text) <= 80 else text[:77] + "...")
