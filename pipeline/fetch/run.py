"""One fetch: what to ask the API for, and what to keep of what it says.

A window of days selects every question tabled, answered or corrected in it (three list
queries; withdrawn questions included), so that a window covers all that changed in it.
A record the list serves exactly as it served it last time is left alone; any other is
kept, with its whole answer text from the single-question endpoint where the list cut
it short. Without ``--since``, a run takes up from the last day the previous run reached
(that day again, since it may not have been over), or finishes the window of a run
that was interrupted, from the page where it stopped.

Paging is by ``skip``: a question that appears (or goes) while the pages are read moves
the records after it, so one may be read twice or not at all. A query whose total changed
while it was paged, or whose pages held fewer distinct questions than its total, is read
again from the start (at most :data:`MAX_PASSES` times); records already kept cost a
request and nothing else.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Callable

from .client import ApiClient, ClientOptions, ServiceFailed
from .store import SeedStore, Unplaceable, digest, placement, question_id, record_value

#: The three list queries of a window, by the name of their date parameters.
QUERIES = ("tabledWhen", "answeredWhen", "correctedWhen")
#: Reads of one query from the start, at most, while questions keep appearing during paging.
MAX_PASSES = 3
HOUSES = ("Commons", "Lords")
ALL_HOUSES = "Both"

Progress = Callable[[int, int | None, str], None]


class FetchError(Exception):
    """A fetch that cannot start as asked (no window given and none to take up from)."""


@dataclass
class FetchOptions:
    seeds: Path = Path("seeds")
    since: date | None = None
    until: date | None = None
    house: str | None = None
    client: ClientOptions = field(default_factory=ClientOptions)
    #: Today, for a window without ``until`` (tests fix it).
    today: date | None = None


@dataclass
class FetchReport:
    since: str = ""
    until: str = ""
    house: str = ALL_HOUSES
    resumed: bool = False
    requests: int = 0
    retries: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    #: Records the list gave in part (text cut short, attachments left out) that the single-question endpoint completed.
    completed: int = 0
    #: Records the list gave in part that the single-question endpoint did not have (kept as listed).
    incomplete: int = 0
    files_written: int = 0
    #: Queries still changing after MAX_PASSES reads.
    unsettled: list[str] = field(default_factory=list)
    #: Records that could not be kept: (where, reason).
    rejected: list[tuple[str, str]] = field(default_factory=list)
    error: str | None = None

    @property
    def questions(self) -> int:
        return self.new + self.updated + self.unchanged

    def summary(self) -> str:
        line = (
            f"{self.since}..{self.until} ({self.house}{', resumed' if self.resumed else ''}): "
            f"{self.requests} requests, {self.retries} retries; {self.questions} questions: "
            f"{self.new} new, {self.updated} updated, {self.unchanged} unchanged; "
            f"{self.completed} completed from the single-question endpoint"
        )
        if self.incomplete:
            line += f", {self.incomplete} left cut short (no single record)"
        if self.rejected:
            line += f"; {len(self.rejected)} records rejected"
        return line

    def to_dict(self) -> dict:
        return {**asdict(self), "questions": self.questions, "rejected": [{"where": w, "reason": r} for w, r in self.rejected]}


def fetch(options: FetchOptions, progress: Progress | None = None, client: ApiClient | None = None) -> FetchReport:
    """Fetch the window ``options`` asks for into ``options.seeds``.

    Raises :class:`ServiceFailed` (with the report so far on ``error.report``) when the service
    keeps failing: what was fetched until then is kept, and the next run resumes there.
    """
    store = SeedStore(options.seeds)
    state = store.read_state()
    house_key = options.house or ALL_HOUSES
    report = FetchReport(house=house_key)
    pending = state.get("pending")
    start_query, start_skip, start_total = 0, 0, None
    today = options.today or datetime.now(timezone.utc).date()
    if isinstance(pending, dict) and _resumes(options, pending, today):
        since, until = date.fromisoformat(pending["since"]), date.fromisoformat(pending["until"])
        house_key = pending.get("house") or ALL_HOUSES
        start_query, start_skip = int(pending.get("query", 0)), int(pending.get("skip", 0))
        start_total = pending.get("total")
        report.house, report.resumed = house_key, True
    else:
        until = options.until or today
        since = options.since
        if since is None:
            reached = (state.get("fetched") or {}).get(house_key, {}).get("until")
            if not reached:
                raise FetchError(f"no earlier fetch of {house_key} recorded in {store.state_path}: give --since")
            since = min(date.fromisoformat(reached), until)
    if until < since:
        raise FetchError(f"--until {until} is before --since {since}")
    report.since, report.until = since.isoformat(), until.isoformat()
    house = None if house_key == ALL_HOUSES else house_key

    own_client = client is None
    client = client or ApiClient(options.client)
    seen: set[int] = set()
    #: Where the run has got to: the query, the next record, and the query's total when its reading began.
    position = {"query": start_query, "skip": start_skip, "total": start_total}

    def save_pending() -> None:
        state["pending"] = {"since": report.since, "until": report.until, "house": house_key, **position}
        store.write_state(state)

    try:
        for query_index in range(start_query, len(QUERIES)):
            name = QUERIES[query_index]
            params = {f"{name}From": report.since, f"{name}To": report.until, "includeWithdrawn": "true", "expandMember": "true"}
            if house:
                params["house"] = house
            skip, total = (start_skip, start_total) if query_index == start_query else (0, None)
            for _ in range(MAX_PASSES):
                settled = _read_query(client, store, params, skip, total, seen, report, position, query_index, save_pending, progress, name)
                if settled:
                    break
                skip, total = 0, None
            else:
                report.unsettled.append(name)
        state.pop("pending", None)
        fetched = state.setdefault("fetched", {})
        earlier = fetched.get(house_key, {})
        fetched[house_key] = {
            "since": min(report.since, earlier.get("since", report.since)),
            "until": max(report.until, earlier.get("until", report.until)),
        }
        report.files_written += store.flush()
        store.write_state(state)
    except (ServiceFailed, KeyboardInterrupt) as error:
        # Keep what was fetched, and where to take up from.
        report.files_written += store.flush()
        save_pending()
        report.error = str(error) if isinstance(error, ServiceFailed) else "interrupted"
        _count(report, client)
        if isinstance(error, ServiceFailed):
            error.report = report  # type: ignore[attr-defined]
        raise
    finally:
        if own_client:
            client.close()
    _count(report, client)
    return report


def _resumes(options: FetchOptions, pending: dict, today: date) -> bool:
    """Whether a run asked for ``options`` finishes the interrupted one: asked for no window, or for the same."""
    if (options.house or ALL_HOUSES) != pending.get("house", ALL_HOUSES) and options.house is not None:
        return False
    if options.since is None:
        return True
    return (options.since.isoformat(), (options.until or today).isoformat()) == (pending.get("since"), pending.get("until"))


def _count(report: FetchReport, client: ApiClient) -> None:
    report.requests, report.retries = client.counts.requests, client.counts.retries


def _read_query(client, store, params, skip, first_total, seen, report, position, query_index, save_pending, progress, name) -> bool:
    """Read one query's pages from ``skip``; True where its total held still and every question from ``skip`` on was read.

    ``first_total`` is the query's total when its reading began, for a reading taken up where
    an interrupted run stopped (None for a reading that begins now).
    """
    start = skip
    in_pass: set[int] = set()
    total = 0
    while True:
        position.update(query=query_index, skip=skip, total=first_total)
        page = client.list_page(params, skip)
        total = page.total
        if first_total is None:
            first_total = total
            position.update(total=total)
        for offset, item in enumerate(page.items):
            _keep(client, store, item, seen, in_pass, report, f"{name} skip={skip + offset}")
        report.files_written += store.flush()
        skip += len(page.items)
        position.update(skip=skip)
        save_pending()
        if progress:
            progress(min(skip, total), total, name)
        if not page.items or skip >= total:
            break
    return total == first_total and len(in_pass) >= total - start


def _keep(client: ApiClient, store: SeedStore, item: dict, seen: set[int], in_pass: set[int], report: FetchReport, where: str) -> None:
    """Keep one listed record, with its whole text where the list cut it short."""
    try:
        qid, _ = question_id(item), placement(item)
    except Unplaceable as error:
        report.rejected.append((where, str(error)))
        in_pass.add(where)  # read, though not kept: the pass still read every record of the query
        return
    in_pass.add(qid)
    if qid in seen:
        return
    seen.add(qid)
    listed = digest(item)
    if store.listed_digest(item) == listed:
        report.unchanged += 1
        return
    record = item
    if incomplete_in_list(item):
        whole = client.question(qid)
        if whole is None:
            report.incomplete += 1
        else:
            record = whole
            report.completed += 1
    try:
        status = store.put(record, listed)
    except Unplaceable as error:
        report.rejected.append((f"question {qid}", f"single-question record: {error}"))
        status = store.put(item, listed)
    setattr(report, status, getattr(report, status) + 1)


def incomplete_in_list(item: dict) -> bool:
    """Whether the list endpoint may have left out part of the record: cut its answer (or original
    answer) short, ending it in '...'; given a correction without the original answer (the real
    list's corrections all have it empty); or counted attachments it does not list."""
    value = record_value(item)
    if any(isinstance(value.get(k), str) and value[k].rstrip().endswith("...") for k in ("answerText", "originalAnswerText")):
        return True
    if value.get("answerIsCorrection") is True and not value.get("originalAnswerText"):
        return True
    count, files = value.get("attachmentCount"), value.get("attachments")
    return isinstance(count, int) and count > len(files if isinstance(files, list) else ())
