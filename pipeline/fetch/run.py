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
#: Single-question requests failing one after another (each after all its retries) that stop the run.
MAX_FAILED_IN_A_ROW = 3
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
    #: Records kept as listed because the single-question endpoint failed for them: (which, why).
    incomplete_reasons: list[tuple[str, str]] = field(default_factory=list)
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
            line += f", {self.incomplete} kept as listed (no whole record)"
        if self.rejected:
            line += f"; {len(self.rejected)} records rejected"
        return line

    def to_dict(self) -> dict:
        return {**asdict(self), "questions": self.questions, "rejected": [{"where": w, "reason": r} for w, r in self.rejected],
                "incomplete_reasons": [{"where": w, "reason": r} for w, r in self.incomplete_reasons]}


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
    run = _Run(client or ApiClient(options.client), store, state, report, house_key, progress)
    run.position.update(query=start_query, skip=start_skip, total=start_total)
    try:
        for query_index in range(start_query, len(QUERIES)):
            name = QUERIES[query_index]
            params = {f"{name}From": report.since, f"{name}To": report.until, "includeWithdrawn": "true", "expandMember": "true"}
            if house:
                params["house"] = house
            skip, total = (start_skip, start_total) if query_index == start_query else (0, None)
            for _ in range(MAX_PASSES):
                if run.read_query(query_index, params, skip, total):
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
        run.save_pending()
        report.error = str(error) if isinstance(error, ServiceFailed) else "interrupted"
        run.count()
        if isinstance(error, ServiceFailed):
            error.report = report  # type: ignore[attr-defined]
        raise
    finally:
        if own_client:
            run.client.close()
    run.count()
    return report


def _resumes(options: FetchOptions, pending: dict, today: date) -> bool:
    """Whether a run asked for ``options`` finishes the interrupted one: asked for no window, or for the same."""
    if (options.house or ALL_HOUSES) != pending.get("house", ALL_HOUSES) and options.house is not None:
        return False
    if options.since is None:
        return True
    return (options.since.isoformat(), (options.until or today).isoformat()) == (pending.get("since"), pending.get("until"))


class _Run:
    """The reading of one window's queries: what has been seen, and where the run has got to."""

    def __init__(self, client: ApiClient, store: SeedStore, state: dict, report: FetchReport, house_key: str, progress: Progress | None):
        self.client, self.store, self.state, self.report = client, store, state, report
        self.house_key, self.progress = house_key, progress
        #: Questions kept (or found unchanged) in this run: a question in several queries is handled once.
        self.seen: set[int] = set()
        #: Where the run has got to: the query, its next record, and its total when its reading began.
        self.position: dict = {"query": 0, "skip": 0, "total": None}
        #: Single-question requests that failed in a row (the service may be down).
        self.failed_in_a_row = 0

    def save_pending(self) -> None:
        self.state["pending"] = {"since": self.report.since, "until": self.report.until, "house": self.house_key, **self.position}
        self.store.write_state(self.state)

    def count(self) -> None:
        self.report.requests, self.report.retries = self.client.counts.requests, self.client.counts.retries

    def read_query(self, query_index: int, params: dict, skip: int, first_total: int | None) -> bool:
        """Read one query's pages from ``skip``; True where its total held still and every question from ``skip`` on was read.

        ``first_total`` is the query's total when its reading began, for a reading taken up where
        an interrupted run stopped (None for a reading that begins now).
        """
        name = QUERIES[query_index]
        start = skip
        in_pass: set = set()
        total = 0
        while True:
            self.position.update(query=query_index, skip=skip, total=first_total)
            page = self.client.list_page(params, skip)
            total = page.total
            if first_total is None:
                first_total = total
                self.position.update(total=total)
            for offset, item in enumerate(page.items):
                self.keep(item, in_pass, f"{name} skip={skip + offset}")
                if self.progress:
                    self.progress(min(skip + offset + 1, total), total, name)
            self.report.files_written += self.store.flush()
            skip += len(page.items)
            self.position.update(skip=skip)
            self.save_pending()
            if not page.items or skip >= total:
                break
        return total == first_total and len(in_pass) >= total - start

    def keep(self, item: dict, in_pass: set, where: str) -> None:
        """Keep one listed record, completed from the single-question endpoint where the list gave it in part."""
        report = self.report
        try:
            qid, _ = question_id(item), placement(item)
        except Unplaceable as error:
            report.rejected.append((where, str(error)))
            in_pass.add(where)  # read, though not kept: the pass still read every record of the query
            return
        in_pass.add(qid)
        if qid in self.seen:
            return
        self.seen.add(qid)
        listed = digest(item)
        if self.store.listed_digest(item) == listed:
            report.unchanged += 1
            return
        record = item
        if incomplete_in_list(item):
            whole = self.whole_record(qid, where)
            if whole is None:
                # Kept as listed, and its listing not recorded, so that the next run asks for it again.
                report.incomplete += 1
                listed = None
            else:
                record = whole
                report.completed += 1
        try:
            status = self.store.put(record, listed)
        except Unplaceable as error:
            report.rejected.append((f"question {qid}", f"single-question record: {error}"))
            status = self.store.put(item, None)
        setattr(report, status, getattr(report, status) + 1)

    def whole_record(self, qid: int, where: str) -> dict | None:
        """The single-question endpoint's record, or None where it has none or keeps failing for this question.

        A question the endpoint keeps failing is noted and the run goes on with the next; only
        when :data:`MAX_FAILED_IN_A_ROW` fail one after another is the service taken to be down.
        """
        try:
            whole = self.client.question(qid)
        except ServiceFailed as error:
            self.failed_in_a_row += 1
            if self.failed_in_a_row >= MAX_FAILED_IN_A_ROW:
                raise
            self.report.incomplete_reasons.append((f"question {qid} ({where})", str(error)))
            return None
        self.failed_in_a_row = 0
        return whole


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
