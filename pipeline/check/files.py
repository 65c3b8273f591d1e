"""The package's files as the checks may open them: never outside the package, never anything but a regular file."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any, NamedTuple


def resource_named(resources: list[dict], name: str, format: str) -> dict | None:
    return next((r for r in resources if r.get("name") == name and r.get("format") == format), None)


def path_in(dist_dir: Path, resource: dict) -> Path | None:
    """The resource's file, or None where its path may not be opened (see :func:`path_problem`)."""
    path = resource.get("path")
    if path_problem(dist_dir, path) is not None:
        return None
    return dist_dir / path


def path_problem(dist_dir: Path, path: Any) -> str | None:
    """Why a resource path may not be opened, or None where it may. The validator stays inside the
    package: a path that is absolute, climbs with ``..``, or leads outside the package folder
    through a link is never opened, and neither is anything but a regular file (a FIFO would
    hang the check, a device never end). A file that does not exist is the integrity check's."""
    if not isinstance(path, str) or not path:
        return "has no path"
    if path.startswith(("/", "\\")) or Path(path).is_absolute() or re.match(r"^[A-Za-z]:", path) or "://" in path:
        return f"has an absolute path or URL ({path!r}): only files inside the package are read"
    if ".." in re.split(r"[/\\]", path):
        return f"has a path that climbs out with '..' ({path!r})"
    problem = file_problem(dist_dir, path)
    return None if problem in (None, "not found") else problem


def file_problem(dist_dir: Path, relative: str) -> str | None:
    """Why the file ``relative`` of the package may not be opened: a link leaving the package, not a
    regular file, or not found; None for a regular file inside the package."""
    root = os.path.realpath(dist_dir)
    target = os.path.realpath(os.path.join(dist_dir, relative))
    if os.path.commonpath([root, target]) != root:
        return f"leads outside the package through a symbolic link (to {target}): not opened"
    try:
        info = os.stat(target)
    except OSError:
        return "not found"
    if not stat.S_ISREG(info.st_mode):
        return "is not a regular file (a FIFO, device, socket or folder): not opened"
    return None


class PackageEntry(NamedTuple):
    relative: str
    #: None for a regular file; otherwise why it does not belong in a package.
    problem: str | None


def package_entries(folder: Path) -> list[PackageEntry]:
    """Everything under the package folder, sorted, links not followed."""
    found = []
    for directory, subfolders, files in os.walk(folder):
        for name in list(subfolders):
            if os.path.islink(os.path.join(directory, name)):  # os.walk lists a link to a folder as a folder
                subfolders.remove(name)
                files.append(name)
        for name in files:
            path = os.path.join(directory, name)
            relative = Path(path).relative_to(folder).as_posix()
            info = os.lstat(path)
            if stat.S_ISLNK(info.st_mode):
                found.append(PackageEntry(relative, f"is a symbolic link (to {os.readlink(path)}): a package holds only files; not opened"))
            elif not stat.S_ISREG(info.st_mode):
                found.append(PackageEntry(relative, "is not a regular file (a FIFO, device or socket): not opened"))
            else:
                found.append(PackageEntry(relative, None))
    return sorted(found)
