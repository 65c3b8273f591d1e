"""The API's records kept as JSON seeds that ``pqpub build`` reads.

Layout, under the seeds folder::

    api/<house>/<yyyy>/<mm>/<yyyy-mm-dd>.json   the questions tabled that day in that House
    api/<house>/<yyyy>/<mm>/.listed.json         what the list endpoint last said of each (hidden)
    api/.fetch-state.json                        the windows fetched, and where a run stopped (hidden)

A day file is a JSON array of records as the API serves them (``{"value": ..., "links": ...}``),
one record a line, in order of the API's question id. At 750,000 questions that is about
7,000 day files, about 30 to a folder. A later version of a record (a holding answer
replaced, an answer corrected) replaces the earlier in place: the question's id and tabled
day name its line. Every file is written to a temporary file beside it and renamed over it,
so a file is always whole; a file whose bytes would not change is not written at all.

``.listed.json`` keeps, for each question, a digest of the list endpoint's record as last
seen. Where the list cut the answer short, the seed holds the single-question endpoint's
whole record instead, so the seed itself cannot say whether the list's record changed;
the digest can, without asking for the whole text again. Hidden files are not seeds.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Iterable, NamedTuple

from ..sources.common import parse_iso_datetime

API_FOLDER = "api"
LISTED_FILE = ".listed.json"
STATE_FILE = ".fetch-state.json"
#: Day files kept in memory between flushes before the least recent are let go.
MAX_OPEN_DAYS = 128


class Placement(NamedTuple):
    """Where a record belongs: its House's folder and the day it was tabled."""

    house: str
    tabled: date


class Unplaceable(ValueError):
    """A record without the id or tabled date that place it."""


def record_value(item: dict) -> dict:
    value = item.get("value")
    return value if isinstance(value, dict) else item


def question_id(item: dict) -> int:
    value = record_value(item).get("id")
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise Unplaceable("record has no question id")
    return value


def placement(item: dict) -> Placement:
    value = record_value(item)
    tabled = parse_iso_datetime(value.get("dateTabled")) if isinstance(value.get("dateTabled"), str) else None
    if tabled is None:
        raise Unplaceable("record has no tabled date")
    house = value.get("house")
    return Placement(house.lower() if house in ("Commons", "Lords") else "other", tabled)


def digest(item: dict) -> str:
    """A digest of a record as served: the same record always gives the same digest."""
    canonical = json.dumps(item, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:32]


def dumps_records(items: Iterable[dict]) -> bytes:
    """A day file's bytes: a JSON array, one record a line, each as served (keys in the API's order)."""
    lines = [json.dumps(item, ensure_ascii=False, separators=(",", ":")) for item in items]
    return ("[\n" + ",\n".join(lines) + "\n]\n").encode("utf-8")


def write_atomically(path: Path, content: bytes) -> bool:
    """Write ``content`` to ``path`` through a temporary file renamed over it; False where it already holds exactly that."""
    try:
        if path.stat().st_size == len(content) and path.read_bytes() == content:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return True


@dataclass
class _Day:
    records: dict[int, dict]
    dirty: bool = False


@dataclass
class _Month:
    listed: dict[str, str]
    dirty: bool = False


class SeedStore:
    """The API's records in a seeds folder, read and written a day file at a time."""

    def __init__(self, seeds: Path):
        self.seeds = Path(seeds)
        self.root = self.seeds / API_FOLDER
        self._days: dict[Path, _Day] = {}
        self._months: dict[Path, _Month] = {}

    # --- where things are -----------------------------------------------------------

    def day_path(self, place: Placement) -> Path:
        t = place.tabled
        return self.root / place.house / f"{t.year:04d}" / f"{t.month:02d}" / f"{t.isoformat()}.json"

    def _day(self, path: Path) -> _Day:
        day = self._days.get(path)
        if day is None:
            records: dict[int, dict] = {}
            if path.exists():
                document = json.loads(path.read_text(encoding="utf-8"))
                for item in document if isinstance(document, list) else []:
                    try:
                        records[question_id(item)] = item
                    except Unplaceable:
                        continue
            day = self._days[path] = _Day(records)
        return day

    def _month(self, day_path: Path) -> _Month:
        path = day_path.parent / LISTED_FILE
        month = self._months.get(path)
        if month is None:
            listed = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
            month = self._months[path] = _Month(listed if isinstance(listed, dict) else {})
        return month

    # --- reading and writing records -------------------------------------------------

    def listed_digest(self, item: dict) -> str | None:
        """The digest of the list endpoint's record of this question as last seen, where the seed holds it."""
        path = self.day_path(placement(item))
        qid = question_id(item)
        if qid not in self._day(path).records:
            return None
        return self._month(path).listed.get(str(qid))

    def put(self, item: dict, listed_digest: str | None = None) -> str:
        """Keep ``item`` as its question's record (replacing an earlier version): "new", "updated" or "unchanged".

        ``listed_digest`` is the digest of the list endpoint's record it stands for.
        """
        path = self.day_path(placement(item))
        qid = question_id(item)
        day = self._day(path)
        earlier = day.records.get(qid)
        status = "new" if earlier is None else ("unchanged" if earlier == item else "updated")
        if status != "unchanged":
            day.records[qid] = item
            day.dirty = True
        if listed_digest is not None:
            month = self._month(path)
            if month.listed.get(str(qid)) != listed_digest:
                month.listed[str(qid)] = listed_digest
                month.dirty = True
        return status

    def flush(self) -> int:
        """Write every changed day file and digest file; how many files were written."""
        written = 0
        for path, day in self._days.items():
            if day.dirty:
                written += write_atomically(path, dumps_records(day.records[k] for k in sorted(day.records)))
                day.dirty = False
        for path, month in self._months.items():
            if month.dirty:
                content = (json.dumps(dict(sorted(month.listed.items(), key=lambda kv: int(kv[0]))), indent=0) + "\n").encode()
                written += write_atomically(path, content)
                month.dirty = False
        if len(self._days) > MAX_OPEN_DAYS:
            self._days.clear()
            self._months.clear()
        return written

    # --- what was fetched --------------------------------------------------------------

    @property
    def state_path(self) -> Path:
        return self.root / STATE_FILE

    def read_state(self) -> dict[str, Any]:
        try:
            state = json.loads(self.state_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except ValueError as error:
            raise ValueError(f"{self.state_path} cannot be read ({error}); remove it to start afresh") from None
        return state if isinstance(state, dict) else {}

    def write_state(self, state: dict[str, Any]) -> None:
        write_atomically(self.state_path, (json.dumps(state, indent=2, sort_keys=True) + "\n").encode())
