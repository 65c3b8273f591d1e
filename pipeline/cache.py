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

Entries are written atomically (a temporary file renamed into place), so builds in
parallel processes, or one interrupted half-way, never leave a torn entry; an entry
that cannot be read is treated as missing. Per-seed entries are serialised with
:mod:`marshal` (plain tuples, strings and numbers), which is fast and runs no code on
load. Whole chunks are kept as the spool files pass 1 writes, which hold pickles and Arrow
batches: the cache folder is the builder's own, like its output, and must not be filled
from untrusted hands.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import pickle
import re
import shutil
import sys
from functools import cache
from pathlib import Path

from . import __version__

#: Default cache folder name, created beside the output folder.
DEFAULT_CACHE_NAME = ".pqpub-cache"
#: Bumped when the layout of an entry changes in a way the code hash would not show.
ENTRY_FORMAT = 1
#: The modules whose code decides what a seed yields and how a chunk is spooled (a cached chunk is a spool file).
_VERSIONED = ("sources", "extract", "model.py", "tables.py", "rows.py", "chunks.py", "corpus.py", "merge.py", "cache.py")
_VERSION_DIR = re.compile(r"^v[0-9a-f]{16}$")


@cache
def code_version() -> str:
    """A hash that changes whenever any code that decides a seed's rows changes."""
    root = Path(__file__).resolve().parent
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

    def get(self, key: str):
        try:
            with open(self._path(key), "rb") as stream:
                return marshal.loads(stream.read())
        except (OSError, EOFError, ValueError, TypeError):
            return None

    def get_chunk(self, key: str, target: str):
        """Place the cached chunk file ``key`` at ``target`` and return its summary, or None where it is not cached."""
        path = self.directory / "chunks" / key
        try:
            try:
                os.link(path, target)
            except OSError:
                shutil.copyfile(path, target)
            with open(target, "rb") as stream:
                return pickle.load(stream)
        except FileNotFoundError:
            return None
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
            try:
                os.unlink(target)
            except OSError:
                pass
            return None

    def put_chunk(self, key: str, source: str) -> None:
        """Keep the chunk file ``source`` as chunk ``key``."""
        path = self.directory / "chunks" / key
        temporary = path.with_name(f"{key}.{os.getpid()}.tmp")
        try:
            path.parent.mkdir(exist_ok=True)
            try:
                os.link(source, temporary)
            except OSError:
                shutil.copyfile(source, temporary)
            os.replace(temporary, path)
        except OSError:
            try:
                temporary.unlink()
            except OSError:
                pass

    def put(self, key: str, entry) -> None:
        path = self._path(key)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        try:
            path.parent.mkdir(exist_ok=True)
            with open(temporary, "wb") as stream:
                marshal.dump(entry, stream)
            os.replace(temporary, path)
        except OSError:  # a cache that cannot be written only costs time
            try:
                temporary.unlink()
            except OSError:
                pass
