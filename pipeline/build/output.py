"""The output folder: only ever a package pqpub built, replaced in one atomic step.

The package folder (``dist/`` by default) stays a plain folder, as it is committed to
git and downloaded. A build writes the new package in a staging folder beside it and
publishes it by exchanging the two folders with one ``renameat2(RENAME_EXCHANGE)``
call: at every instant, and after a crash at any point, the output path holds either
the old package or the new one, never neither and never a mixture. The layout beside
an output folder ``dist``::

    dist/                              the package (datapackage.json, tables, README.md,
                                       .pqpub-package.json: the manifest and marker)
    .dist.pqpub-build-XXXXXXXX/        a build in progress: package/ is the new package
                                       being written; after the exchange, the old one
    .dist.pqpub-trash-XXXXXXXX/        a build folder being removed

A build folder holds the tag file ``.pqpub-build`` from the moment it is created, and is
renamed to a trash name before it is removed, so that every leftover of a killed build
is recognisable as the builder's own; the next build of the same output removes them,
while it holds a lock on the parent folder (builds into one folder wait for each other),
so never those of a build still running. Nothing else is ever deleted:
a folder that is not a package (an existing ``dist/`` full of other files, given with
``--force``) is moved aside as ``dist.replaced-<time>``, never removed.

Where the file system cannot exchange two folders (not Linux, or a file system without
``RENAME_EXCHANGE``), the old package is renamed into the build folder and the new one
renamed into place: two steps, and a crash between them leaves the old package in the
build folder, which the next build puts back before anything else.

The marker ``.pqpub-package.json`` lists every file of the package with its size and
SHA-256 (:func:`write_manifest`). It is how a build recognises a folder it may replace,
and how ``pqpub validate`` finds, without the seeds, an edited README or a file that
does not belong. Packages built before the marker existed are recognised by their
descriptor's name and by holding only files a build writes.

All new folders and files follow the umask, like any file a program writes.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import json
import os
import shutil
import signal
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, NamedTuple

#: The package's manifest, which also marks a folder as a package pqpub built.
MANIFEST = ".pqpub-package.json"
MANIFEST_FORMAT = 1
#: Written first into every build folder: the folder is the builder's own.
BUILD_TAG = ".pqpub-build"
#: Set, only in tests, to the name of a point of the build at which the process kills itself.
KILL_AT_VARIABLE = "PQPUB_KILL_AT"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class UnsafeOutput(Exception):
    """The output folder may not be written: it is, holds or lies in the seeds folder, or is not a package."""


class ManifestFile(NamedTuple):
    path: str
    bytes: int
    sha256: str


def fault_point(name: str) -> None:
    """A point where a test may have the build killed (``PQPUB_KILL_AT=name``), as a power cut or
    ``kill -9`` would; nothing happens otherwise."""
    if os.environ.get(KILL_AT_VARIABLE) == name:
        os.kill(os.getpid(), signal.SIGKILL)


def _inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` is ``folder`` or lies within it (both resolved)."""
    return path == folder or folder in path.parents


# --- the manifest ----------------------------------------------------------------------


def manifest_files(folder: Path, known: dict[str, str] | None = None) -> list[ManifestFile]:
    """Every regular file under ``folder`` but the manifest, sorted by path, with size and SHA-256.

    ``known``: the SHA-256 of files at the top of ``folder`` already hashed, by name."""
    from ..release.descriptor import sha256_of

    known = known or {}
    found = []
    for directory, subfolders, files in os.walk(folder):
        subfolders.sort()
        for name in files:
            path = Path(directory) / name
            relative = path.relative_to(folder).as_posix()
            if relative != MANIFEST:
                found.append(ManifestFile(relative, path.stat().st_size, known.get(relative) or sha256_of(path)))
    return sorted(found)


def write_manifest(folder: Path, known: dict[str, str] | None = None) -> None:
    """Write the manifest: the marker of a package pqpub built, listing every file it holds.

    ``known``: the SHA-256 of files at the top of ``folder`` already hashed, by name (the
    descriptor's, :func:`pipeline.release.descriptor.resource_digests`); the others are hashed."""
    files = [{"path": f.path, "bytes": f.bytes, "hash": f"sha256:{f.sha256}"} for f in manifest_files(folder, known)]
    document = {"generator": "pqpub", "format": MANIFEST_FORMAT, "files": files}
    (folder / MANIFEST).write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def read_manifest(folder: Path) -> dict | None:
    """The manifest of ``folder``, or None where it has none or it is not pqpub's."""
    path = folder / MANIFEST
    try:
        if not path.is_file() or path.is_symlink():
            return None
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(document, dict) or document.get("generator") != "pqpub" or not isinstance(document.get("files"), list):
        return None
    return document


#: Kinds of file a build has written beside its tables (the data dictionary, a landing page, a database).
_LEGACY_SUFFIXES = (".csv", ".parquet", ".md", ".json", ".html", ".sqlite")


def _legacy_names() -> set[str]:
    from ..tables import TABLES

    return {"datapackage.json", "README.md"} | {f"{t.name}.{suffix}" for t in TABLES for suffix in ("csv", "parquet")}


def is_package(folder: Path) -> bool:
    """Whether ``folder`` is a package pqpub built: it has the marker, or (built before the
    marker) its descriptor is the package's and it holds only files, no folders or links, of
    the names and kinds a build writes."""
    if folder.is_symlink() or not folder.is_dir():
        return False
    if read_manifest(folder) is not None:
        return True
    from ..release.descriptor import NAME

    try:
        entries = list(os.scandir(folder))
        descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(descriptor, dict) or descriptor.get("name") != NAME:
        return False
    names = _legacy_names() | {r.get("path") for r in descriptor.get("resources", []) if isinstance(r, dict)}
    return all(e.is_file(follow_symlinks=False) and (e.name in names or e.name.endswith(_LEGACY_SUFFIXES)) for e in entries)


def _is_empty_folder(folder: Path) -> bool:
    try:
        return folder.is_dir() and not folder.is_symlink() and not any(os.scandir(folder))
    except OSError:
        return False


# --- the output folder -------------------------------------------------------------


class OutputFolder:
    """Where a package is published, and the build folders beside it."""

    def __init__(self, path: Path):
        self.given = Path(path)
        # Made absolute lexically, so that "." or "../x" name the folder they mean.
        self.path = Path(os.path.abspath(path))
        self.parent = self.path.parent
        self.name = self.path.name
        #: The output holds a folder that is not a package, to be moved aside (``--force``).
        self.replaces_foreign = False
        #: Where a folder that was not a package was moved, if one was.
        self.moved_aside: Path | None = None

    def check(self, seeds_dir: Path, *, cache_dir: Path | str | None = None, force: bool = False) -> None:
        """Raise :class:`UnsafeOutput`, before anything is touched, where the output may not be written."""
        out = Path(os.path.realpath(self.path))
        seeds = Path(os.path.realpath(seeds_dir))
        if out == seeds:
            raise UnsafeOutput(f"the output folder {self.given} is the seeds folder {seeds_dir}: publishing there would replace the seeds")
        if _inside(out, seeds):
            raise UnsafeOutput(f"the output folder {self.given} is inside the seeds folder {seeds_dir}: the package would be read back as seeds")
        if _inside(seeds, out):
            raise UnsafeOutput(f"the output folder {self.given} holds the seeds folder {seeds_dir}: publishing there would replace the seeds")
        if cache_dir is not None:
            cache = Path(os.path.realpath(cache_dir))
            if _inside(cache, seeds) or _inside(seeds, cache):
                raise UnsafeOutput(f"the cache folder {cache_dir} is, holds or is inside the seeds folder {seeds_dir}")
            if _inside(cache, out) or _inside(out, cache):
                raise UnsafeOutput(f"the cache folder {cache_dir} is, holds or is inside the output folder {self.given}")
        if not self.name or self.path == self.parent:
            raise UnsafeOutput(f"{self.given} is the root folder: a package needs a folder of its own")
        if self.path.is_symlink():
            raise UnsafeOutput(f"the output folder {self.given} is a symbolic link: give the folder itself")
        if not self.path.exists() or _is_empty_folder(self.path) or is_package(self.path):
            return
        what = "a folder that is not a package pqpub built" if self.path.is_dir() else "not a folder"
        if not force:
            raise UnsafeOutput(f"{self.given} exists and is {what} (it has no {MANIFEST}); nothing was written. "
                               "Choose another output folder, or give --force to move it aside (it is kept, never deleted)")
        self.replaces_foreign = True

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Builds into one folder one at a time: the second waits for the first.

        The lock is taken on the parent folder itself, so that it leaves no file behind."""
        self.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(self.parent, os.O_RDONLY)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
            yield
        finally:
            os.close(descriptor)  # closing releases the lock

    # --- build folders ---

    def _build_folders(self) -> Iterator[Path]:
        prefix = f".{self.name}.pqpub-build-"
        for entry in os.scandir(self.parent):
            if entry.name.startswith(prefix) and entry.is_dir(follow_symlinks=False):
                yield Path(entry.path)

    def _trash(self, folder: Path) -> None:
        """Remove one of the builder's own folders: renamed first, so that a removal cut short is still recognised."""
        trash = Path(tempfile.mkdtemp(prefix=f".{self.name}.pqpub-trash-", dir=self.parent))
        os.rename(folder, trash / "x")
        fault_point("trashing")
        shutil.rmtree(trash, ignore_errors=True)

    def remove_leftovers(self) -> None:
        """Remove what killed builds of this output left; put back an old package a crash left aside.

        Called with the lock held, so no build folder found here belongs to a running build."""
        for entry in list(os.scandir(self.parent)):
            if entry.name.startswith(f".{self.name}.pqpub-trash-") and entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
        for folder in self._build_folders():
            if (folder / BUILD_TAG).is_file():  # every build folder is tagged as soon as it exists
                self._dispose(folder)
            elif _is_empty_folder(folder):  # killed between creating the folder and tagging it
                folder.rmdir()
        # Leftovers of builds before the build folders (dist.tmp-*, dist.old-<pid>): only whole packages or staging.
        for entry in list(os.scandir(self.parent)):
            if (entry.name.startswith(f"{self.name}.tmp-") or entry.name.startswith(f"{self.name}.old-")) and entry.is_dir(follow_symlinks=False):
                folder = Path(entry.path)
                if is_package(folder) or _staged_before_manifest(folder):
                    if entry.name.startswith(f"{self.name}.old-") and not self.path.exists() and is_package(folder):
                        os.rename(folder, self.path)
                    else:
                        shutil.rmtree(folder, ignore_errors=True)

    def _dispose(self, folder: Path) -> None:
        """Remove a build folder, keeping whatever in it the builder did not make."""
        old = folder / "old"
        swapped = old if (old.exists() or old.is_symlink()) else folder / "package"
        if swapped == old and not (self.path.exists() or self.path.is_symlink()):
            os.rename(old, self.path)  # a two-step publish cut between its steps: the old output back
        elif ((folder / ".replaces-foreign").exists() and (swapped.exists() or swapped.is_symlink())
              and read_manifest(swapped) is None and not _is_empty_folder(swapped)):
            self._move_aside(swapped)  # someone else's folder, swapped out under --force: kept
        self._trash(folder)

    def _move_aside(self, folder: Path) -> None:
        aside = self.parent / f"{self.name}.replaced-{time.strftime('%Y%m%dT%H%M%S')}"
        suffix = 0
        while aside.exists() or aside.is_symlink():
            suffix += 1
            aside = aside.with_name(f"{self.name}.replaced-{time.strftime('%Y%m%dT%H%M%S')}-{suffix}")
        os.rename(folder, aside)
        self.moved_aside = aside

    @contextmanager
    def staging(self) -> Iterator[Path]:
        """A new, empty package folder beside the output (following the umask); removed on any failure."""
        folder = Path(tempfile.mkdtemp(prefix=f".{self.name}.pqpub-build-", dir=self.parent))
        try:
            (folder / BUILD_TAG).touch()
            package = folder / "package"
            package.mkdir()  # mkdir follows the umask; the build folder itself (0700) is never published
            yield package
        except BaseException:
            self._dispose(folder)
            raise

    def publish(self, package: Path) -> None:
        """Put the complete ``package`` in place of the output folder in one step, then remove the old one."""
        folder = package.parent
        fault_point("before-publish")
        if self.replaces_foreign:
            (folder / ".replaces-foreign").touch()
        if self.path.exists() or self.path.is_symlink():
            if not _exchange(package, self.path):
                os.rename(self.path, folder / "old")
                fault_point("between-renames")
                os.rename(package, self.path)
                package = folder / "old"
        else:
            os.rename(package, self.path)
        fault_point("published")
        self._dispose(folder)
        fault_point("cleaned")


def _staged_before_manifest(folder: Path) -> bool:
    """A staging folder of a build before the build folders: only files a build writes, and its spool."""
    names = _legacy_names() | {".spool"}
    try:
        return all(e.name in names for e in os.scandir(folder))
    except OSError:
        return False


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders atomically (Linux ``renameat2(RENAME_EXCHANGE)``); False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(error, os.strerror(error), str(second))
