"""From one answer's text to the rows it yields: statistics, references and quality flags.

Everything here works on one answer at a time and is a pure function of it, so
extraction can run in any process and in any order. What needs the whole corpus
(resolving a cited question to its answer id, a holding answer never replaced,
sources that disagree) is done in :mod:`pipeline.publish` with :mod:`.quality`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Answer, PageAnswer, QualityFlag, Reference, Statistic, answer_id_for
from .quality import answer_flags
from .references import find_references
from .statistics import find_statistics


@dataclass
class ExtractedAnswer:
    """One answer with everything extracted from it, ready to publish."""

    answer: Answer
    grouped_uins: tuple[str, ...] = ()
    statistics: list[Statistic] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    quality: list[QualityFlag] = field(default_factory=list)


def extract_answer(page: PageAnswer, *, layout: str, source_file: str, source_sha256: str) -> ExtractedAnswer:
    answer_id = answer_id_for(page.uin, page.tabled_date, page.question_text)
    fields = page.model_dump(exclude={"grouped_uins", "furniture_removed"})
    answer = Answer.model_construct(
        **fields, answer_id=answer_id, layout=layout, source_file=source_file, source_sha256=source_sha256, source_count=1
    )
    text = page.answer_text or ""
    return ExtractedAnswer(
        answer=answer,
        grouped_uins=page.grouped_uins,
        statistics=find_statistics(answer_id, text),
        references=find_references(answer_id, text),
        quality=answer_flags(answer_id, page),
    )
