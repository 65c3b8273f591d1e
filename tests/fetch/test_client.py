"""The API client's politeness: Retry-After in both its forms, and the request rate."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from email.utils import format_datetime

from pipeline.fetch import FetchOptions, fetch
from pipeline.fetch.client import ApiClient, ClientOptions, _retry_after

from .fake_api import FakeApi


def test_retry_after_is_read_as_seconds_or_as_an_http_date():
    assert _retry_after("120") == 120.0
    in_a_minute = format_datetime(datetime.now(timezone.utc) + timedelta(seconds=60), usegmt=True)
    assert 55 <= _retry_after(in_a_minute) <= 60
    assert _retry_after("yesterday") is None and _retry_after(None) is None


def test_requests_are_paced_to_the_rate():
    clock = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        clock[0] += seconds

    with FakeApi.from_sample().serve() as server:
        client = ApiClient(ClientOptions(api=server.url, rate=4.0, sleep=sleep, clock=lambda: clock[0]))
        for _ in range(3):
            client.list_page({"house": "Commons"}, 0)
        client.close()
    # Three requests at four a second, with no time passing between them: two waits of a quarter second.
    assert slept == [0.25, 0.25]


def test_a_house_is_asked_for_by_name(tmp_path):
    api = FakeApi.from_sample()
    with api.serve() as server:
        window = FetchOptions(seeds=tmp_path, since=date(2024, 8, 27), until=date(2024, 8, 30), house="Lords",
                              client=ClientOptions(api=server.url, rate=0))
        report = fetch(window)
    assert {r.query.get("house") for r in api.requests} == {"Lords"}
    assert report.questions == 0  # the sample is all the Commons'
