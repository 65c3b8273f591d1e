"""The release made from the finished tables: database, descriptor, data dictionary, landing page.

:func:`write_release` is the build's last step, on the complete output folder before it
is published. The package already at the output path, where there is one, is the
previous release: when the rows differ from it, what changed (:mod:`pipeline.release.diff`) is
recorded in the descriptor and the data dictionary's CHANGELOG; when they do not (a
rebuild of the same seeds), its record of changes is kept, so that rebuilding gives the
same bytes.
"""

from __future__ import annotations

import json
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

from .descriptor import (
    CHANGELOG_LISTED,
    database_resource,
    package_descriptor,
    save_descriptor,
    table_resources,
)
from .diff import diff_packages, release_of
from .site import count_figures, write_page
from .sqlite import write_database, write_datasette_metadata

#: The tables whose rows a build compares with the previous release's; the others' are counted.
#: Comparing keeps two hashes a row in memory, which for the largest tables of the full corpus
#: (millions of statistics) would raise the build's peak memory; `pqpub diff` compares them all.
CHANGELOG_COMPARED = ("answers",)


def previous_descriptor(previous: Path | None) -> dict[str, Any] | None:
    """The descriptor of the package at ``previous``, or None where there is no readable one."""
    if previous is None or not (Path(previous) / "datapackage.json").is_file():
        return None
    try:
        descriptor = json.loads((Path(previous) / "datapackage.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return descriptor if isinstance(descriptor, dict) else None


def changes_since(previous: Path | None, directory: Path, descriptor: dict[str, Any]) -> dict[str, Any] | None:
    """What the descriptor records as changed since the previous release (None: no previous release)."""
    before = previous_descriptor(previous)
    if before is None:
        return None
    if release_of(before)["version"] == descriptor["version"]:
        return before.get("changes")  # the same rows: the same release, with the same changelog
    try:
        changed = diff_packages(Path(previous), directory, before, descriptor, compare=CHANGELOG_COMPARED, listed=CHANGELOG_LISTED)
    except (OSError, ValueError, KeyError) as error:  # a damaged previous package is no reason to fail the build
        return {"from": release_of(before), "tables": {}, "answers": {}, "error": f"{type(error).__name__}: {error}"}
    # The same rows under another version (one recorded before versions were derived from the rows): nothing to report.
    return None if changed.unchanged else changed.summary(CHANGELOG_LISTED)


def write_release(directory: Path, previous: Path | None, created: date | None,
                  database: Future | None = None) -> dict[str, Any]:
    """Write the database, descriptor, data dictionary, datasette metadata and landing page into ``directory``.

    ``database`` is the database the build is finishing (:meth:`.sqlite.DatabaseWriter.finish`),
    the rows already in; without it, the database is written from the Parquet tables."""
    directory = Path(directory)
    # The database is finished while the tables are hashed, compared with the previous release
    # and counted for the page: SQLite inserts, indexes and vacuums without Python's global lock.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pqpub-sqlite") as pool:
        database = pool.submit(write_database, directory) if database is None else database
        tables = table_resources(directory)
        descriptor = package_descriptor(directory, created, resources=tables)
        if changes := changes_since(previous, directory, descriptor):
            descriptor["changes"] = changes
        figures = count_figures(directory)
        database.result()
    descriptor["resources"] = [*tables, database_resource(directory)]
    save_descriptor(directory, descriptor)
    write_datasette_metadata(directory, descriptor)
    write_page(directory, descriptor, figures)
    return descriptor
