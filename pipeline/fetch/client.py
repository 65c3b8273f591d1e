"""Speaking to the written-questions API: its two endpoints, politely, with retries.

The endpoints and parameters are those of the API's OpenAPI description
(``/swagger/v1/swagger.json`` of the service):

- ``GET /api/writtenquestions/questions``: a page of records, ``{"totalResults": n,
  "results": [{"value": {...}, "links": [...]}, ...]}``, selected by ``tabledWhenFrom``/
  ``tabledWhenTo``, ``answeredWhenFrom``/``answeredWhenTo``, ``correctedWhenFrom``/
  ``correctedWhenTo`` (dates as yyyy-mm-dd, both ends inclusive), ``house``,
  ``includeWithdrawn`` and ``expandMember``, and paged by ``skip`` and ``take``;
- ``GET /api/writtenquestions/questions/{id}``: one record, ``{"value": {...}, "links": [...]}``,
  with the whole answer text as HTML (the list cuts long texts short, ending them in "...").

Politeness: at most ``rate`` requests a second (:data:`DEFAULT_RATE`), a User-Agent naming
pqpub and its version, and backing off when the service is busy. A 429 or 503 waits as long
as its Retry-After says; other 5xx answers, timeouts, broken connections and bodies that are
not the JSON asked for wait an exponentially growing time. When a request still fails after
``attempts`` tries, :class:`ServiceFailed` says which request and why.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any, Callable, NamedTuple

import httpx
from tenacity import RetryCallState, Retrying, retry_if_exception_type, stop_after_attempt, wait_exponential, wait_random

from .. import __version__

#: The real service.
DEFAULT_API = "https://questions-statements-api.parliament.uk"
#: Requests a second unless told otherwise: a steady trickle the service does not notice
#: (a day's questions, a few hundred, take a minute or two).
DEFAULT_RATE = 4.0
#: Records per list request.
DEFAULT_PAGE_SIZE = 100
USER_AGENT = f"pqpub/{__version__} (UK Parliament written answers as open data)"

LIST_PATH = "/api/writtenquestions/questions"
QUESTION_PATH = "/api/writtenquestions/questions/{id}"


class ServiceFailed(Exception):
    """The service kept failing a request: after every retry, or with an error that is not worth retrying."""

    def __init__(self, request: str, reason: str, attempts: int):
        super().__init__(f"{request}: {reason} (after {attempts} attempt{'s' if attempts != 1 else ''})")
        self.request, self.reason, self.attempts = request, reason, attempts


class _Transient(Exception):
    """A failure worth another try; ``retry_after`` is the wait the service asked for, in seconds."""

    def __init__(self, reason: str, retry_after: float | None = None):
        super().__init__(reason)
        self.retry_after = retry_after


class _Permanent(Exception):
    """A failure another try will not mend (a 4xx other than 429)."""


class ListPage(NamedTuple):
    total: int
    items: list[dict]


@dataclass
class ClientOptions:
    api: str = DEFAULT_API
    #: Most requests a second (0 or less: no limit).
    rate: float = DEFAULT_RATE
    page_size: int = DEFAULT_PAGE_SIZE
    #: Seconds to wait for the service to connect and for each read.
    timeout: float = 30.0
    #: Tries of one request before giving up.
    attempts: int = 6
    #: First back-off (seconds), doubling each retry up to ``max_backoff``.
    backoff: float = 1.0
    max_backoff: float = 60.0
    #: The longest Retry-After honoured (seconds); a longer one is waited this long.
    max_retry_after: float = 600.0
    #: How to wait; tests pass a recorder.
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    transport: httpx.BaseTransport | None = None


@dataclass
class ClientCounts:
    requests: int = 0
    retries: int = 0
    waits: list[float] = field(default_factory=list)


class ApiClient:
    """The written-questions API, one request at a time."""

    def __init__(self, options: ClientOptions | None = None):
        self.options = options or ClientOptions()
        self.counts = ClientCounts()
        self._http = httpx.Client(
            base_url=self.options.api.rstrip("/"),
            headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
            timeout=self.options.timeout,
            transport=self.options.transport,
            follow_redirects=True,
        )
        self._next_request_at = 0.0
        self._lock = threading.Lock()

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> "ApiClient":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- the endpoints -----------------------------------------------------------------

    def list_page(self, params: dict[str, Any], skip: int) -> ListPage:
        """One page of the list endpoint, from record ``skip``."""
        query = {**params, "skip": skip, "take": self.options.page_size}
        body = self._get_json(LIST_PATH, query)
        if not isinstance(body, dict) or not isinstance(body.get("results"), list) or not isinstance(body.get("totalResults"), int):
            raise ServiceFailed(_describe(LIST_PATH, query), "the body is not a page of results", 1)
        return ListPage(body["totalResults"], [item for item in body["results"] if isinstance(item, dict)])

    def question(self, question_id: int) -> dict | None:
        """One question's record with its whole text, or ``None`` where the service has no such question."""
        path = QUESTION_PATH.format(id=question_id)
        body = self._get_json(path, {"expandMember": "true"}, missing_ok=True)
        if body is None:
            return None
        if not isinstance(body, dict) or not isinstance(body.get("value"), dict):
            raise ServiceFailed(_describe(path, {}), "the body is not a question record", 1)
        return body

    # --- one request, politely, with retries --------------------------------------------

    def _get_json(self, path: str, params: dict[str, Any], missing_ok: bool = False) -> Any:
        described = _describe(path, params)
        retrying = Retrying(
            stop=stop_after_attempt(max(1, self.options.attempts)),
            wait=self._wait,
            retry=retry_if_exception_type(_Transient),
            sleep=self._sleep,
            before_sleep=self._count_retry,
            reraise=True,
        )
        try:
            return retrying(self._attempt, path, params, missing_ok)
        except _Transient as error:
            raise ServiceFailed(described, str(error), self.options.attempts) from None
        except _Permanent as error:
            raise ServiceFailed(described, str(error), 1) from None

    def _attempt(self, path: str, params: dict[str, Any], missing_ok: bool) -> Any:
        self._pace()
        self.counts.requests += 1
        try:
            response = self._http.get(path, params=params)
        except httpx.TimeoutException as error:
            raise _Transient(f"timed out ({type(error).__name__})") from None
        except httpx.TransportError as error:
            raise _Transient(f"connection failed ({type(error).__name__}: {error})") from None
        status = response.status_code
        if status == 429 or status == 503:
            raise _Transient(f"HTTP {status}", _retry_after(response.headers.get("Retry-After")))
        if status >= 500:
            raise _Transient(f"HTTP {status}")
        if status == 404 and missing_ok:
            return None
        if status >= 400:
            raise _Permanent(f"HTTP {status}: {response.text[:200]}")
        try:
            return json.loads(response.content)
        except ValueError as error:
            # A body cut off or replaced by an error page on the way: asking again usually mends it.
            raise _Transient(f"the body is not JSON ({error})") from None

    def _pace(self) -> None:
        if self.options.rate <= 0:
            return
        with self._lock:
            now = self.options.clock()
            if now < self._next_request_at:
                self.options.sleep(self._next_request_at - now)
                now = self._next_request_at
            self._next_request_at = now + 1.0 / self.options.rate

    def _wait(self, state: RetryCallState) -> float:
        error = state.outcome.exception() if state.outcome else None
        if isinstance(error, _Transient) and error.retry_after is not None:
            return min(error.retry_after, self.options.max_retry_after)
        return _backoff(self.options.backoff, self.options.max_backoff)(state)

    def _sleep(self, seconds: float) -> None:
        self.counts.waits.append(seconds)
        self.options.sleep(seconds)

    def _count_retry(self, state: RetryCallState) -> None:
        self.counts.retries += 1



def _backoff(initial: float, maximum: float):
    """``initial`` seconds doubling each retry up to ``maximum``, plus up to ``initial`` at random,
    so that clients turned away together do not come back together."""
    return wait_exponential(multiplier=initial, max=maximum) + wait_random(0, initial)


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def _describe(path: str, params: dict[str, Any]) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"GET {path}" + (f"?{query}" if query else "")
