"""The extraction cache: what was extracted from each seed, so that a rebuild extracts only what changed.

An entry holds the rows one seed yields (answers, grouped questions, statistics,
references, quality flags, the seed's own row and its sources), ready to publish, keyed
by the SHA-256 of the seed's bytes together with its path in the seeds folder. Whole
chunks of seeds, and answers merged from several sources, are kept the same way, keyed
by the paths and SHA-256s of their seeds; and for each chunk, the SHA-256 of each seed
with the size, times and inode the file had, so that an unchanged seed is not read
again only to be hashed. Entries live in a folder named after the pipeline's code
version: the package version, the Python version and a hash of the source of every
module that decides what is extracted or spooled (``pipeline/sources``,
``pipeline/extract``, ``model.py``, ``tables.py``, ``rows.py``, ``chunks.py``,
``corpus.py``, ``merge.py`` and this module). Any change to that code therefore starts
a new, empty cache, and the folders of other versions are removed when a cache is opened.

An entry is trusted only when it proves itself. Every cache file is an envelope: a
magic line, the SHA-256 of what follows, then the payload (:func:`seal`, :func:`unseal`).
A file that is truncated, overwritten with other bytes or edited by hand fails that
check and is ignored, as if missing: the seed is extracted again and the entry rewritten,
never fatal. Payloads are JSON (seed entries) or JSON and Arrow IPC (chunks): formats that
cannot run code when read, unlike pickle. Entries are keyed by the SHA-256 of the bytes
that were actually read and extracted, never by a hash taken before reading, so a seed
rewritten while a build reads it cannot leave its new rows under its old hash. Entries are
written atomically (a temporary file renamed into place), so builds in parallel processes,
or one interrupted half-way, never leave a torn entry, and a cached chunk is copied out,
never linked, so that the spool a build reads is its own.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sys
from functools import cache
from pathlib import Path
from typing import Any

from .. import __version__

#: Default cache folder name, created beside the output folder.
DEFAULT_CACHE_NAME = ".pqpub-cache"
#: Bumped when the layout of an entry changes in a way the code hash would not show.
ENTRY_FORMAT = 2
#: The first bytes of every cache file, before the SHA-256 of the rest.
MAGIC = b"pqpub-cache 2\n"
#: The modules whose code decides what a seed yields and how a chunk is spooled (a cached chunk is a spool file).
_VERSIONED = ("sources", "extract", "model.py", "tables.py", "build/rows.py", "build/chunks.py", "build/corpus.py",
              "build/merge.py", "build/cache.py")
_VERSION_DIR = re.compile(r"^v[0-9a-f]{16}$")


@cache
def code_version() -> str:
    """A hash that changes whenever any code that decides a seed's rows changes."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(f"{__version__}|{sys.version_info[0]}.{sys.version_info[1]}|{ENTRY_FORMAT}".encode())
    files: list[Path] = []
    for name in _VERSIONED:
        path = root / name
        files.extend(sorted(path.rglob("*.py")) if path.is_dir() else [path])
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


class SeedCache:
    """Extracted rows of seeds, on disk, for one code version."""

    def __init__(self, directory: Path | str, version: str | None = None):
        self.root = Path(directory)
        self.version = version or code_version()
        self.directory = self.root / f"v{self.version[:16]}"

    def open(self) -> "SeedCache":
        """Create the folder for this version and remove those of other versions."""
        self.directory.mkdir(parents=True, exist_ok=True)
        for other in self.root.iterdir():
            if other.is_dir() and _VERSION_DIR.match(other.name) and other.name != self.directory.name:
                shutil.rmtree(other, ignore_errors=True)
        return self

    @staticmethod
    def key(source_file: str, sha256: str) -> str:
        return hashlib.sha256(f"{source_file}\0{sha256}".encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / key[2:]

    def get(self, key: str) -> Any:
        """The entry kept under ``key`` (lists read back as tuples), or None where there is none or it is damaged."""
        payload = _read_sealed(self._path(key))
        if payload is None:
            return None
        try:
            return _tuples(json.loads(payload))
        except (ValueError, RecursionError):
            return None

    def put(self, key: str, entry: Any) -> None:
        try:
            payload = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        except (ValueError, TypeError):  # a value JSON cannot hold: the seed is extracted again next time
            return
        _write_atomically(self._path(key), [seal(payload)])

    def get_chunk(self, key: str) -> bytes | None:
        """The payload of the cached chunk ``key``, or None where it is not cached or is damaged."""
        return _read_sealed(self.directory / "chunks" / key)

    def put_chunk(self, key: str, pieces: list) -> None:
        """Keep a chunk's payload (the pieces :mod:`pipeline.build.chunks` spools) as chunk ``key``."""
        digest = hashlib.sha256()
        for piece in pieces:
            digest.update(piece)
        _write_atomically(self.directory / "chunks" / key, [MAGIC, digest.digest(), *pieces])


def seal(payload: bytes) -> bytes:
    """The payload in its envelope: the magic line and the payload's SHA-256 before it."""
    return MAGIC + hashlib.sha256(payload).digest() + payload


def unseal(content: bytes) -> bytes | None:
    """The payload of an envelope, or None where the envelope or the payload is damaged."""
    head = len(MAGIC) + 32
    if len(content) < head or not content.startswith(MAGIC):
        return None
    payload = content[head:]
    return payload if hashlib.sha256(payload).digest() == content[len(MAGIC):head] else None


def _read_sealed(path: Path) -> bytes | None:
    try:
        with open(path, "rb") as stream:
            return unseal(stream.read())
    except OSError:
        return None


def _write_atomically(path: Path, pieces: list) -> None:
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(exist_ok=True)
        with open(temporary, "wb") as stream:
            for piece in pieces:
                stream.write(piece)
        os.replace(temporary, path)
    except OSError:  # a cache that cannot be written only costs time
        try:
            temporary.unlink()
        except OSError:
            pass


def _tuples(value: Any) -> Any:
    """JSON's lists back as the tuples they were written from (rows and entries are tuples)."""
    if isinstance(value, list):
        return tuple(_tuples(v) for v in value)
    if isinstance(value, dict):
        return {k: _tuples(v) for k, v in value.items()}
    return value
