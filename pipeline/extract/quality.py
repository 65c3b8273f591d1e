"""Quality flags: honest notes where a source was imperfect."""

from __future__ import annotations

import re

from ..model import PageAnswer, QualityFlag

_STOPWORDS = frozenset(
    "a an and are as at be by for from has have he her his how if in into is it its of on or she that the their them "
    "they this to was what whether which who will with ask asked state secretary department minister government "
    "majesty's majestys his her".split()
)


def content_words(text: str) -> set[str]:
    words = set()
    for word in re.findall(r"[a-z]+", text.lower()):
        if word not in _STOPWORDS and len(word) > 2:
            words.add(word[:-1] if word.endswith("s") and len(word) > 4 else word)
    return words


def answer_flags(answer_id: str, page: PageAnswer) -> list[QualityFlag]:
    """The flags that one answer's own fields call for."""
    flags: list[tuple[str, str]] = []
    if page.tabled_date is None:
        flags.append(("tabled_date_missing", "The source gives no tabled date."))
    if page.answered_date is None:
        flags.append(("answered_date_missing", "The source gives no answered date."))
    if page.answer_text is None:
        flags.append(("answer_text_missing", "The source gives no answer text."))
    if page.answer_text_truncated:
        flags.append(("answer_text_truncated", "The source cut the answer text short; the full text is on the answer's page."))
    if page.heading and not content_words(page.heading) & content_words(page.question_text):
        flags.append(("heading_mismatch", f"The heading '{page.heading}' shares no content word with the question."))
    if page.answering_minister is None:
        flags.append(("minister_not_stated", "The source does not name the answering minister."))
    if page.furniture_removed:
        flags.append(("furniture_removed", "Page furniture (navigation, captions or spinner text) was removed before reading."))
    return [QualityFlag(answer_id=answer_id, code=code, message=message) for code, message in flags]


def holding_unreplaced_flag(answer_id: str) -> QualityFlag:
    """For a holding answer whose substantive answer is not in the corpus."""
    return QualityFlag(answer_id=answer_id, code="holding_answer_unreplaced",
                       message="This is a holding answer and no substantive answer to the question is in the package.")


def disagreement_flag(answer_id: str, field: str, values_by_source: dict[str, object]) -> QualityFlag:
    """For an answer whose sources give different values of ``field``."""
    shown = "; ".join(f"{source}: {str(value)[:80]!r}" for source, value in sorted(values_by_source.items()))
    return QualityFlag(answer_id=answer_id, code="sources_disagree", message=f"Sources disagree on {field}: {shown}")
