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

import codecs
import errno
import hashlib
import importlib
import os
import pkgutil
import stat
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Callable, Iterator, NamedTuple

from pydantic import ValidationError

from ..model import PageAnswer
from .common import Rejected

#: Larger seeds are rejected rather than read: no real page or API dump comes near it.
MAX_SEED_BYTES = 64 * 1024 * 1024
SEED_SUFFIXES = (".txt", ".json", ".html", ".htm")
#: Called with each answer of a seed as it is read: (the reading so far, position, answer).
AnswerSink = Callable[["SeedReading", int, PageAnswer], None]


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
    #: Answers handed to a sink as they were read (see :func:`read_seed`) rather than kept in ``answers``.
    answers_passed: int = 0

    @property
    def rejected(self) -> bool:
        return not self.answers and not self.answers_passed


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


#: Byte order marks, longest first (UTF-32's little-endian mark begins with UTF-16's).
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def _encoding_of(content: bytes) -> tuple[str, int]:
    """The text encoding a seed's bytes declare or plainly show, and where its text starts.

    A byte order mark says it; without one, text saved as UTF-16 by a Windows program
    shows it in its NUL bytes, every other byte of ASCII text (the same rule as the
    JSON standard's detection from the first bytes). Anything else is read as UTF-8."""
    for bom, encoding in _BOMS:
        if content.startswith(bom):
            return encoding, len(bom)
    head = content[:4096]
    # Without a NUL byte in its opening (UTF-8 text), a seed shows neither form of UTF-16.
    if len(head) >= 4 and len(head) % 2 == 0 and 0 in head:
        even, odd = head[0::2], head[1::2]
        if odd.count(0) == 0 and even.count(0) >= len(even) * 0.9:
            return "utf-16-be", 0
        if even.count(0) == 0 and odd.count(0) >= len(odd) * 0.9:
            return "utf-16-le", 0
    return "utf-8", 0


def decode_seed(content: bytes) -> str:
    """The seed's text, or ValueError saying plainly why it has none.

    UTF-8 (with or without a byte order mark), UTF-16 and UTF-32 (with a mark, or UTF-16 of
    plain ASCII text without one) are decoded; an undecodable byte is named with its offset."""
    if not content or content.isspace():
        raise ValueError("empty file")
    encoding, start = _encoding_of(content)
    nul = content.find(b"\x00", 0, 65536)
    if encoding == "utf-8" and nul >= 0:
        raise ValueError(f"binary file (contains NUL bytes, the first at byte {nul}), not page text or JSON")
    try:
        text = content[start:].decode(encoding)
    except UnicodeDecodeError as error:
        name = encoding.upper().replace("-LE", " little-endian").replace("-BE", " big-endian")
        raise ValueError(f"not {name} text (invalid bytes {content[start + error.start:start + error.end][:4].hex(' ')} "
                         f"at byte {start + error.start}: {error.reason})") from None
    if not text or text.isspace():
        raise ValueError("empty file")
    if "\x00" in text[:65536]:
        raise ValueError(f"binary file (contains NUL characters, decoded as {encoding}), not page text or JSON")
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def read_text(text: str, source_file: str = "<text>") -> SeedReading:
    """Read decoded seed text: recognise its layout and validate each answer against the model."""
    content = text.encode("utf-8")
    return _read(source_file, len(content), hashlib.sha256(content).hexdigest(), text)


def read_seed(path: Path, root: Path, sink: AnswerSink | None = None) -> SeedReading:
    """Read one seed file. Never raises for bad content: a bad file comes back rejected, with the reason.

    With ``sink``, each answer is handed to it as it is read and not kept, so that a seed of a
    million records never holds a million answers at once (readers of JSON lists yield
    records one at a time)."""
    source_file = _relative(path, root)
    with open_seed(path) as stream:
        size = os.fstat(stream.fileno()).st_size
        if size > MAX_SEED_BYTES:
            digest = hashlib.sha256()
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
            reading = SeedReading(source_file, digest.hexdigest(), size)
            reading.rejections.append((0, f"oversized file ({size:,} bytes; the limit is {MAX_SEED_BYTES:,})"))
            return reading
        content = stream.read()
    sha256 = hashlib.sha256(content).hexdigest()
    try:
        text = decode_seed(content)
    except ValueError as error:
        reading = SeedReading(source_file, sha256, len(content))
        reading.rejections.append((0, str(error)))
        return reading
    size = len(content)
    del content  # the text is all that is read from here on
    return _read(source_file, size, sha256, text, sink)


def _relative(path: Path, root: Path) -> str:
    """``path.relative_to(root).as_posix()``; for a path spelt as the root and more, its text after
    the root's (performance: pathlib compares part by part)."""
    path_text, root_text = str(path), str(root)
    if os.sep == "/" and path_text.startswith(root_text) and path_text[len(root_text):len(root_text) + 1] == "/" and root_text != "/":
        return path_text[len(root_text) + 1:]
    return path.relative_to(root).as_posix()


def open_seed(path: Path):
    """The seed open for reading, or OSError where it is not a regular file: opened without
    waiting (a FIFO put in a file's place since the seeds were listed would block forever)."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def _read(source_file: str, size: int, sha256: str, text: str, sink: AnswerSink | None = None) -> SeedReading:
    reading = SeedReading(source_file, sha256, size)
    reader = next((r for r in readers() if r.recognises(text)), None)
    if reader is None:
        reading.rejections.append((0, f"unrecognised layout: matches none of {', '.join(layouts())}"))
        return reading
    reading.layout = reader.LAYOUT
    seen: set[tuple] = set()
    earlier: dict[str, list[tuple[int, dict]]] = {}
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
            if key in seen or page.answer_text_truncated and _repeats_part_of(page, earlier.get(page.question_text, ())):
                continue
            seen.add(key)
            if sink is None:
                reading.answers.append((position, page))
            else:
                try:
                    sink(reading, position, page)
                except Exception as error:  # what follows reading (extraction) failed for this record only
                    reading.rejections.append((position, f"extraction failed: {type(error).__name__}: {error}"))
                    continue
                reading.answers_passed += 1
            # Kept by question for the check of cut-short copies, which compares only records of one
            # question; as its fields alone (the frozen model's own dict of them), not as the model
            # (whose bookkeeping doubles its size).
            earlier.setdefault(page.question_text, []).append((position, page.__dict__))
    except Exception as error:  # a reader bug must not take the run down, nor lose the seed
        reading.rejections.append((0, f"{reader.LAYOUT} reader failed: {type(error).__name__}: {error}"))
    if reading.rejected and not reading.rejections:
        reading.rejections.append((0, f"no answers found in {reader.LAYOUT} layout"))
    return reading


def _identity(page: PageAnswer) -> tuple:
    """What makes a printed record the same one: its question, answer, UIN, people and dates."""
    return (page.question_text, page.answer_text, page.uin, page.asking_member, page.answering_minister,
            page.tabled_date, page.answered_date, page.heading, page.grouped_uins)


def _repeats_part_of(page: PageAnswer, earlier: list[tuple[int, dict]]) -> bool:
    """Whether a record whose answer is cut short is a copy, as far as it goes, of one read
    before it (given by its fields): the same question (a question cut short could be another
    one begun alike)."""
    for _, whole in earlier:
        if whole["question_text"] != page.question_text:
            continue
        if page.answer_text and not (whole["answer_text"] or "").startswith(page.answer_text):
            continue
        given = {name: value for name, value in page.__dict__.items()
                 if value not in (None, False, ()) and name not in ("question_text", "answer_text", "question_text_truncated", "answer_text_truncated", "furniture_removed")}
        if all(whole[name] == value for name, value in given.items()):
            return True
    return False


def _validation_reason(error: ValidationError) -> str:
    return "; ".join(
        f"{'.'.join(str(p) for p in e['loc']) or 'record'}: {e['msg']}" for e in error.errors(include_url=False)
    )


class SkippedFile(NamedTuple):
    """A file (or folder) in the seeds folder that is not read, and why."""

    source_file: str
    reason: str


_README_NAMES = ("README.MD", "README.TXT", "README")


def list_seed_files(root: Path, skipped: list[SkippedFile] | None = None) -> Iterator[str]:
    """Every seed file's path relative to ``root``, sorted by relative path, listing one folder at a time;
    hidden files and folders and README files are left out.

    Only regular files inside the seeds folder are seeds. Everything else found is appended to
    ``skipped`` with the reason, never read and never followed: a symbolic link that leaves the
    seeds folder, loops or leads nowhere, a link to a folder (its files are read where they are),
    a FIFO, device or socket, a folder that cannot be listed, a name that is not valid UTF-8."""
    report = skipped.append if skipped is not None else (lambda _: None)
    real_root = os.path.realpath(root)

    def walk(folder: str, prefix: str) -> Iterator[str]:
        found: list[tuple[str, bool]] = []
        try:
            with os.scandir(folder) as entries:
                listed = list(entries)
        except OSError as error:
            report(SkippedFile(prefix.rstrip("/") or ".", f"folder cannot be listed: {error.strerror or error}"))
            return
        for entry in listed:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                name.encode("utf-8")
            except UnicodeEncodeError:
                shown = prefix + os.fsencode(name).decode("utf-8", "backslashreplace")
                report(SkippedFile(shown, "file name is not valid UTF-8 text"))
                continue
            try:
                kind = _kind(entry, real_root)
            except OSError as error:
                report(SkippedFile(prefix + name, f"cannot be examined: {error.strerror or error}"))
                continue
            if kind == "folder":
                found.append((name + "/", True))
            elif kind == "file":
                if name.upper() not in _README_NAMES:
                    found.append((name, False))
            else:
                report(SkippedFile(prefix + name, kind))
        # A folder's files sort as "name/...", so sorting on "name/" keeps the order of whole paths.
        found.sort()
        for name, is_folder in found:
            if is_folder:
                yield from walk(os.path.join(folder, name[:-1]), prefix + name)
            else:
                yield prefix + name

    return walk(str(root), "")


def _kind(entry: os.DirEntry, real_root: str) -> str:
    """"file" or "folder" for what is read, otherwise why the entry is not."""
    if entry.is_symlink():
        target = os.path.realpath(entry.path)
        if os.path.commonpath([target, real_root]) != real_root:
            return f"symbolic link leaving the seeds folder (to {target}): not followed"
        try:
            info = os.stat(entry.path)
        except OSError as error:
            if error.errno == errno.ELOOP:
                return "symbolic link loop: not followed"
            return f"symbolic link that leads nowhere ({error.strerror})"
        if stat.S_ISDIR(info.st_mode):
            return "symbolic link to a folder: not followed (its files are read where they are)"
    else:
        info = entry.stat(follow_symlinks=False)
    if stat.S_ISDIR(info.st_mode):
        return "folder"
    if stat.S_ISREG(info.st_mode):
        return "file"
    what = ("a FIFO" if stat.S_ISFIFO(info.st_mode) else "a device" if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)
            else "a socket" if stat.S_ISSOCK(info.st_mode) else "not a file")
    return f"not a regular file ({what}): not read"


def iter_seed_paths(root: Path, skipped: list[SkippedFile] | None = None) -> Iterator[Path]:
    """Every seed file under the seeds folder, in a stable order (see :func:`list_seed_files`)."""
    for relative in list_seed_files(root, skipped):
        yield root / relative
