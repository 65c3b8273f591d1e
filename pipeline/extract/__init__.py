"""From one answer's text to the rows it yields: statistics, references and quality flags.

Everything here works on one answer at a time and is a pure function of it, so
extraction can run in any process and in any order. What needs the whole corpus
(resolving a cited question to its answer id, a holding answer never replaced,
sources that disagree) is done in :mod:`pipeline.build.publish` with :mod:`.quality`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Answer, AnswerFields, AttachmentFile, GroupedDate, PageAnswer, QualityFlag, Reference, Statistic, answer_id_of
from ..sources.generic_written_questions import layout_flags
from .quality import answer_flags
from .references import find_references
from .trusted import trusted
from .statistics import read_statistics


_ANSWER_FIELDS = tuple(AnswerFields.model_fields)
_SOURCE_FIELDS = ("answer_id", "layout", "source_file", "source_sha256", "source_count")
#: Whether an answer row is its page's fields followed by where it came from, and nothing else
#: (so that every field is given, in order, and the row can be built directly).
_ANSWER_IS_PAGE_AND_SOURCE = tuple(Answer.model_fields) == _ANSWER_FIELDS + _SOURCE_FIELDS
_ALL_ANSWER_FIELDS = set(Answer.model_fields)
#: A page's fields in order, where the answer's come first: then a page's ``__dict__``, when it
#: holds them in this order, is the answer's fields followed by the page's own.
_PAGE_FIELDS = tuple(PageAnswer.model_fields) if tuple(PageAnswer.model_fields)[:len(_ANSWER_FIELDS)] == _ANSWER_FIELDS else None
_PAGE_ONLY_FIELDS = tuple(PageAnswer.model_fields)[len(_ANSWER_FIELDS):]


@dataclass
class ExtractedAnswer:
    """One answer with everything extracted from it, ready to publish."""

    answer: Answer
    grouped_uins: tuple[str, ...] = ()
    statistics: list[Statistic] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    quality: list[QualityFlag] = field(default_factory=list)
    #: (UIN, tabled date) of grouped questions whose date the source gives.
    grouped_tabled_dates: tuple[GroupedDate, ...] = ()
    attachments: tuple[AttachmentFile, ...] = ()


def extract_answer(
    page: PageAnswer, *, layout: str, source_file: str, source_sha256: str, answer_id: str | None = None
) -> ExtractedAnswer:
    """The answer row and the statistics, references and quality flags read from one source answer.

    ``answer_id`` is the id to publish it under; by default, the id of the page's own fields.
    """
    answer_id = answer_id or answer_id_of(page)
    statistics = read_statistics(answer_id, page.answer_text or "")
    quality = answer_flags(answer_id, page) + layout_flags(answer_id, layout)
    if statistics.flags:  # a table whose cells run together, a number too long to be a figure
        given = {flag.code for flag in quality}
        quality = [*quality, *(flag for flag in statistics.flags if flag.code not in given)]
    return ExtractedAnswer(
        answer=answer_record(page, answer_id, layout=layout, source_file=source_file, source_sha256=source_sha256),
        grouped_uins=page.grouped_uins,
        statistics=statistics.statistics,
        references=answer_references(answer_id, page),
        quality=quality,
        grouped_tabled_dates=page.grouped_tabled_dates,
        attachments=page.attachments,
    )


def answer_record(page: PageAnswer, answer_id: str, *, layout: str, source_file: str, source_sha256: str) -> Answer:
    """The answers table's row for one source answer: its page's fields and where it came from."""
    given = page.__dict__
    if tuple(given) == _PAGE_FIELDS:
        # Performance: the page holds its fields in order, the answer's first (see _PAGE_FIELDS):
        # copied whole, less the page's own.
        values = given.copy()
        for name in _PAGE_ONLY_FIELDS:
            del values[name]
    else:
        values = {name: given[name] for name in _ANSWER_FIELDS}
    values["answer_id"] = answer_id
    values["layout"] = layout
    values["source_file"] = source_file
    values["source_sha256"] = source_sha256
    values["source_count"] = 1
    if _ANSWER_IS_PAGE_AND_SOURCE:
        return trusted(Answer, values, _ALL_ANSWER_FIELDS.copy())
    return Answer.model_construct(**values)


def answer_references(answer_id: str, page: PageAnswer) -> list[Reference]:
    """The references in one answer's question and answer text."""
    references = find_references(answer_id, page.question_text, page.answer_text or "")
    if page.uin:
        # Some layouts print the question's own UIN after it ("...in Cornwall.[HL9224]"): not a citation.
        references = [r for r in references if r.kind != "question" or not _own_uin(r, page.uin)]
    return references


def _own_uin(reference: Reference, uin: str) -> bool:
    return (
        reference.kind == "question"
        and reference.field == "question_text"
        and reference.cited_uin == uin
        and reference.cited_date is None
        and reference.cited_text.startswith("[")
    )
