"""Reading seed files: one reader module per source layout.

A reader is a module in this package that defines

- ``LAYOUT``: the layout's name, as published in the ``layout`` columns;
- ``recognises(text) -> bool``: whether a decoded seed is in this layout;
- ``read(text) -> Iterator[dict | Rejected]``: the answers in it, in order, each a
  dict of :class:`~pipeline.model.PageAnswer` fields, or a :class:`Rejected` for a
  record that cannot be published (for example one cut off before its question);
- optionally ``PRIORITY`` (default 100): readers are asked lowest first, so a
  layout whose marks are a superset of another's is asked before it.

Readers are found by listing this package, so adding a layout means adding one
module (and its fixtures); nothing else changes.
"""

from __future__ import annotations

import hashlib
import importlib
import pkgutil
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Iterator

from pydantic import ValidationError

from ..model import PageAnswer
from .common import Rejected

#: Larger seeds are rejected rather than read: no real page or API dump comes near it.
MAX_SEED_BYTES = 64 * 1024 * 1024
SEED_SUFFIXES = (".txt", ".json", ".html", ".htm")


@dataclass
class SeedReading:
    """Everything read from one seed file: its answers, or why it was rejected."""

    source_file: str
    sha256: str
    bytes: int
    layout: str | None = None
    answers: list[tuple[int, PageAnswer]] = field(default_factory=list)
    #: (position, reason) of records that were rejected; position 0 is the whole file.
    rejections: list[tuple[int, str]] = field(default_factory=list)

    @property
    def rejected(self) -> bool:
        return not self.answers


@cache
def readers() -> tuple[ModuleType, ...]:
    """Every reader module in this package, in the order they are asked."""
    found = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_") or info.name == "common":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "LAYOUT") and hasattr(module, "read") and hasattr(module, "recognises"):
            found.append(module)
    return tuple(sorted(found, key=lambda m: (getattr(m, "PRIORITY", 100), m.LAYOUT)))


def layouts() -> list[str]:
    return [reader.LAYOUT for reader in readers()]


def decode_seed(content: bytes) -> str:
    """The seed's text, or ValueError saying plainly why it has none."""
    if not content or content.isspace():
        raise ValueError("empty file")
    if content.find(b"\x00", 0, 65536) >= 0:
        raise ValueError("binary file (contains NUL bytes), not page text or JSON")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(f"not UTF-8 text (invalid byte 0x{content[error.start]:02x} at byte {error.start})") from None
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def read_text(text: str, source_file: str = "<text>") -> SeedReading:
    """Read decoded seed text: recognise its layout and validate each answer against the model."""
    content = text.encode("utf-8")
    return _read(source_file, content, hashlib.sha256(content).hexdigest(), text)


def read_seed(path: Path, root: Path) -> SeedReading:
    """Read one seed file. Never raises for bad content: a bad file comes back rejected, with the reason."""
    source_file = path.relative_to(root).as_posix()
    size = path.stat().st_size
    if size > MAX_SEED_BYTES:
        digest = hashlib.sha256()
        with path.open("rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
        reading = SeedReading(source_file, digest.hexdigest(), size)
        reading.rejections.append((0, f"oversized file ({size:,} bytes; the limit is {MAX_SEED_BYTES:,})"))
        return reading
    content = path.read_bytes()
    sha256 = hashlib.sha256(content).hexdigest()
    try:
        text = decode_seed(content)
    except ValueError as error:
        reading = SeedReading(source_file, sha256, len(content))
        reading.rejections.append((0, str(error)))
        return reading
    return _read(source_file, content, sha256, text)


def _read(source_file: str, content: bytes, sha256: str, text: str) -> SeedReading:
    reading = SeedReading(source_file, sha256, len(content))
    reader = next((r for r in readers() if r.recognises(text)), None)
    if reader is None:
        reading.rejections.append((0, f"unrecognised layout: matches none of {', '.join(layouts())}"))
        return reading
    reading.layout = reader.LAYOUT
    seen: set[tuple] = set()
    try:
        for position, record in enumerate(reader.read(text), start=1):
            if isinstance(record, Rejected):
                reading.rejections.append((position, record.reason))
                continue
            try:
                page = PageAnswer.model_validate(record)
            except ValidationError as error:
                reading.rejections.append((position, _validation_reason(error)))
                continue
            # The same record printed twice on a page (a listing repeating an item) is one answer.
            key = _identity(page)
            if key in seen or page.answer_text_truncated and _repeats_part_of(page, reading.answers):
                continue
            seen.add(key)
            reading.answers.append((position, page))
    except Exception as error:  # a reader bug must not take the run down, nor lose the seed
        reading.rejections.append((0, f"{reader.LAYOUT} reader failed: {type(error).__name__}: {error}"))
    if not reading.answers and not reading.rejections:
        reading.rejections.append((0, f"no answers found in {reader.LAYOUT} layout"))
    return reading


def _identity(page: PageAnswer) -> tuple:
    """What makes a printed record the same one: its question, answer, UIN, people and dates."""
    return (page.question_text, page.answer_text, page.uin, page.asking_member, page.answering_minister,
            page.tabled_date, page.answered_date, page.heading, page.grouped_uins)


def _repeats_part_of(page: PageAnswer, earlier: list[tuple[int, PageAnswer]]) -> bool:
    """Whether a record whose answer is cut short is a copy, as far as it goes, of one read
    before it: the same question (a question cut short could be another one begun alike)."""
    for _, whole in earlier:
        if whole.question_text != page.question_text:
            continue
        if page.answer_text and not (whole.answer_text or "").startswith(page.answer_text):
            continue
        given = {name: value for name, value in page.__dict__.items()
                 if value not in (None, False, ()) and name not in ("question_text", "answer_text", "question_text_truncated", "answer_text_truncated", "furniture_removed")}
        if all(whole.__dict__[name] == value for name, value in given.items()):
            return True
    return False


def _validation_reason(error: ValidationError) -> str:
    return "; ".join(
        f"{'.'.join(str(p) for p in e['loc']) or 'record'}: {e['msg']}" for e in error.errors(include_url=False)
    )


def iter_seed_paths(root: Path) -> Iterator[Path]:
    """Every file under the seeds folder, in a stable order; hidden files and README files excepted."""
    for path in sorted(root.rglob("*"), key=lambda p: p.relative_to(root).as_posix()):
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(root).parts) and path.name.upper() not in ("README.MD", "README.TXT", "README"):
            yield path
