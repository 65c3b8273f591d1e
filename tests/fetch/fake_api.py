"""A stand-in for the written-questions API on 127.0.0.1, serving real records in the real API's shape.

It holds each question's *whole* record (what ``GET /api/writtenquestions/questions/{id}``
serves) and derives the list endpoint's record from it as the real list endpoint does: an
answer text longer than 255 characters is cut to 255 and ends in "..." (as in the 869 cut
records of ``commons-api-2024-08.json``). The real records of the sample are list records,
so for those the list cut already, the whole record's text is the listed text without its
"...", followed by one paragraph that says it stands for the rest of the answer.

Faults are queued as (predicate, action) pairs, each used once, to make the service
misbehave: an HTTP status with headers, a pause longer than the client's timeout, a body
that is not JSON, or a connection closed without an answer.
"""

from __future__ import annotations

import copy
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable
from urllib.parse import parse_qs, urlsplit

SAMPLE = Path(__file__).parent / "fixtures" / "commons-api-2024-08-sample.json"
LIST_CUT = 255
REST_OF_ANSWER = "<p>(The rest of the answer, as the single-question endpoint serves it.)</p>"


def sample_records() -> list[dict]:
    """The real list records of the sample, as served (``{"value": ..., "links": ...}``)."""
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def whole_from_listed(item: dict) -> dict:
    """A whole record for a real listed record: its cut text completed (see the module's note)."""
    whole = copy.deepcopy(item)
    text = whole["value"]["answerText"]
    if text.endswith("..."):
        whole["value"]["answerText"] = f"<p>{text[:-3]}</p>{REST_OF_ANSWER}"
    return whole


def listed_from_whole(item: dict) -> dict:
    """The list endpoint's record of a whole record: the answer cut to 255 characters and '...'."""
    listed = copy.deepcopy(item)
    value = listed["value"]
    text = value.get("answerText") or ""
    if len(text) > LIST_CUT + 3:
        value["answerText"] = text[:LIST_CUT] + "..."
    value["attachments"] = []  # the list gives the count; the single record the files
    return listed


def member(member_id: int | None) -> dict | None:
    """What ``expandMember`` adds for a member id: a plainly made-up name for the id."""
    if not member_id:
        return None
    return {"id": member_id, "listAs": f"Member {member_id}", "name": f"Member {member_id}", "party": "Example Party",
            "partyAbbreviation": "EP", "partyColour": "000000", "memberFrom": f"Constituency {member_id}", "thumbnailUrl": None}


def expand(item: dict) -> dict:
    expanded = copy.deepcopy(item)
    value = expanded["value"]
    for role in ("asking", "answering", "correcting"):
        value[f"{role}Member"] = member(value.get(f"{role}MemberId"))
    return expanded


@dataclass
class Request:
    path: str
    query: dict[str, str]
    headers: dict[str, str]


@dataclass
class FakeApi:
    #: Whole records by question id.
    whole: dict[int, dict] = field(default_factory=dict)
    faults: list[tuple[Callable[[Request], bool], tuple]] = field(default_factory=list)
    requests: list[Request] = field(default_factory=list)
    #: Called with each request before it is answered (to change the records while a client pages).
    on_request: Callable[["FakeApi", Request], None] | None = None
    #: A status every request gets from now on (a service that keeps failing), or None.
    down: int | None = None

    @classmethod
    def from_sample(cls) -> "FakeApi":
        return cls({item["value"]["id"]: whole_from_listed(item) for item in sample_records()})

    def add(self, whole_item: dict) -> None:
        self.whole[whole_item["value"]["id"]] = whole_item

    def fail(self, action: tuple, when: Callable[[Request], bool] = lambda r: True) -> None:
        self.faults.append((when, action))

    # --- the endpoints ---------------------------------------------------------------------

    def list_body(self, query: dict[str, str]) -> dict:
        selected = []
        for qid in sorted(self.whole, reverse=True):  # newest first, as the service lists them
            value = self.whole[qid]["value"]
            if query.get("house") and value["house"] != query["house"]:
                continue
            if query.get("includeWithdrawn") != "true" and value.get("isWithdrawn"):
                continue
            if all(_within(value.get(date_field), query.get(f"{name}From"), query.get(f"{name}To"))
                   for name, date_field in (("tabledWhen", "dateTabled"), ("answeredWhen", "dateAnswered"), ("correctedWhen", "dateAnswerCorrected"))):
                selected.append(self.whole[qid])
        skip, take = int(query.get("skip", 0)), int(query.get("take", 20))
        page = [listed_from_whole(item) for item in selected[skip:skip + take]]
        if query.get("expandMember") == "true":
            page = [expand(item) for item in page]
        return {"totalResults": len(selected), "results": page}

    def question_body(self, qid: int, query: dict[str, str]) -> dict | None:
        item = self.whole.get(qid)
        if item is None:
            return None
        return expand(item) if query.get("expandMember") == "true" else copy.deepcopy(item)

    # --- the server ------------------------------------------------------------------------

    def serve(self) -> "RunningServer":
        return RunningServer(self)


def _within(stamp: str | None, since: str | None, until: str | None) -> bool:
    if since is None and until is None:
        return True
    if not stamp:
        return False
    day = stamp[:10]
    return (since is None or day >= since[:10]) and (until is None or day <= until[:10])


class RunningServer:
    """The fake API served on 127.0.0.1 in a thread, for a ``with`` block."""

    def __init__(self, api: FakeApi):
        self.api = api
        handler = type("Handler", (_Handler,), {"api": api})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self) -> "RunningServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)


class _Handler(BaseHTTPRequestHandler):
    api: FakeApi
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes; without this, each response waits on a delayed ACK.
    disable_nagle_algorithm = True

    def log_message(self, format, *args):  # quiet
        pass

    def do_GET(self):
        parts = urlsplit(self.path)
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        request = Request(parts.path, query, {k.lower(): v for k, v in self.headers.items()})
        api = self.api
        api.requests.append(request)
        if api.on_request:
            api.on_request(api, request)
        for index, (when, action) in enumerate(api.faults):
            if when(request):
                del api.faults[index]
                return self._misbehave(action)
        if api.down is not None:
            return self._send(api.down, b'{"title": "Service Unavailable"}')
        if parts.path == "/api/writtenquestions/questions":
            return self._send(200, json.dumps(api.list_body(query)).encode())
        prefix = "/api/writtenquestions/questions/"
        if parts.path.startswith(prefix) and parts.path[len(prefix):].isdigit():
            body = api.question_body(int(parts.path[len(prefix):]), query)
            if body is None:
                return self._send(404, b'{"title": "Not Found", "status": 404}')
            return self._send(200, json.dumps(body).encode())
        return self._send(404, b'{"title": "Not Found", "status": 404}')

    def _misbehave(self, action: tuple) -> None:
        kind = action[0]
        if kind == "status":
            _, status, headers = action
            return self._send(status, b'{"title": "error"}', headers)
        if kind == "pause":
            time.sleep(action[1])
            try:
                return self._send(200, b'{"totalResults": 0, "results": []}')
            except OSError:
                return None
        if kind == "body":
            return self._send(200, action[1])
        if kind == "close":
            self.close_connection = True
            self.wfile.flush()
            self.connection.close()
            return None
        raise ValueError(kind)

    def _send(self, status: int, body: bytes, headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)
