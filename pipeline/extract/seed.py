"""One seed, from its file to its extracted answers: the one path that build, validate, inspect and bench take.

A seed's answers are extracted as they are read (:func:`pipeline.sources.read_seed` with a
sink), so that a seed of a million records never holds a million answers at once, and an
answer whose extraction fails is a rejected record of its seed, with the reason, never the
end of the run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, NamedTuple

from ..model import PageAnswer
from ..sources import SeedReading, read_seed
from . import ExtractedAnswer, extract_answer


class SeedAnswer(NamedTuple):
    """One answer of a seed: where it is in the seed, what the page gave, what was extracted from it."""

    position: int
    page: PageAnswer
    extracted: ExtractedAnswer


#: Called with each answer as it is extracted: (the reading so far, the answer).
AnswerHandler = Callable[[SeedReading, SeedAnswer], None]
#: Extracts one answer; :func:`pipeline.extract.extract_answer`'s signature.
Extractor = Callable[..., ExtractedAnswer]


def extract_seed(path: Path, root: Path, on_answer: AnswerHandler, *, extract: Extractor = extract_answer) -> SeedReading:
    """Read the seed at ``path`` (named relative to ``root``), extract each answer and hand it to ``on_answer``.

    Returns the reading: the seed's name, hash, size, layout and rejections; its answers went
    to ``on_answer`` (``answers_passed`` counts them). ``extract`` replaces the extraction of
    one answer (the benchmark passes one that times each step). Raises OSError only where the
    file cannot be opened; bad content comes back as rejections.
    """

    def sink(reading: SeedReading, position: int, page: PageAnswer) -> None:
        extracted = extract(page, layout=reading.layout, source_file=reading.source_file, source_sha256=reading.sha256)
        on_answer(reading, SeedAnswer(position, page, extracted))

    return read_seed(path, root, sink=sink)
