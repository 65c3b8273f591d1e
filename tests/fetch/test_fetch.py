"""``pqpub fetch`` against a stand-in for the written-questions API on 127.0.0.1 (see fake_api)."""

from __future__ import annotations

import copy
import functools
import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline import __version__
from pipeline.cli import app
from pipeline.fetch import ClientOptions, FetchOptions, ServiceFailed, fetch
from pipeline.build.publish import build

from ..api_record import Published
from .fake_api import FakeApi, expand

SINCE, UNTIL = date(2024, 8, 27), date(2024, 8, 30)
LIST = "/api/writtenquestions/questions"


def options(url: str, seeds: Path, **client) -> FetchOptions:
    settings = dict(api=url, rate=0, page_size=7, timeout=2.0, attempts=4, backoff=0.001, max_backoff=0.002)
    settings.update(client)
    return FetchOptions(seeds=seeds, since=SINCE, until=UNTIL, client=ClientOptions(**settings))


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones too) and its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def built(seeds: Path, tmp_path: Path) -> Published:
    out = tmp_path / f"dist-{len(list(tmp_path.iterdir()))}"
    report = build(seeds, out, workers=1)
    assert report.rejections == []
    return Published(out)


def list_requests(api: FakeApi) -> list:
    return [r for r in api.requests if r.path == LIST]


def single_requests(api: FakeApi) -> list:
    return [r for r in api.requests if r.path != LIST]


@pytest.fixture
def api() -> FakeApi:
    return FakeApi.from_sample()


def test_a_window_is_fetched_page_by_page_and_builds_into_the_records(api, tmp_path):
    seeds = tmp_path / "seeds"
    with api.serve() as server:
        report = fetch(options(server.url, seeds))
    records = list(api.whole.values())
    assert report.new == len(records) == 40 and report.updated == 0 and report.rejected == []

    # Pages of 7 across the 40 questions tabled in the window; the answered and corrected queries too.
    tabled = [r for r in list_requests(api) if "tabledWhenFrom" in r.query]
    assert [int(r.query["skip"]) for r in tabled] == [0, 7, 14, 21, 28, 35]
    assert {(r.query["tabledWhenFrom"], r.query["tabledWhenTo"]) for r in tabled} == {("2024-08-27", "2024-08-30")}
    assert {k for r in list_requests(api) for k in r.query if k.endswith("From")} == {"tabledWhenFrom", "answeredWhenFrom", "correctedWhenFrom"}
    assert all(r.query["expandMember"] == "true" and r.query["includeWithdrawn"] == "true" for r in list_requests(api))
    assert all(r.headers["user-agent"].startswith(f"pqpub/{__version__}") for r in api.requests)

    # The single-question endpoint is asked exactly for the answers the list cut short, and
    # for the corrections (whose original answer the list leaves empty).
    cut = {qid for qid, item in api.whole.items() if len(item["value"]["answerText"]) > 258}
    corrections = {qid for qid, item in api.whole.items() if item["value"]["answerIsCorrection"]}
    assert len(corrections) == 4
    asked = [int(r.path.rsplit("/", 1)[1]) for r in single_requests(api)]
    assert sorted(asked) == sorted(cut | corrections)
    assert report.completed == len(cut | corrections) > len(corrections)

    # One file per tabled day, in folders by House, year and month.
    assert sorted(p.relative_to(seeds).as_posix() for p in seeds.rglob("*.json") if not p.name.startswith(".")) == [
        "api/commons/2024/08/2024-08-27.json", "api/commons/2024/08/2024-08-30.json"]

    published = built(seeds, tmp_path)
    assert len(published.answers) == 40
    for qid, item in api.whole.items():
        assert published.mismatches(expand(item)["value"]) == [], qid
    whole = published.by_question[next(iter(cut))]
    assert whole["answer_text_truncated"] is False and whole["answer_text"].endswith("(The rest of the answer, as the single-question endpoint serves it.)")
    assert whole["asking_member"] == f"Member {whole['asking_member_id']}"


def test_a_429_is_waited_out_as_its_retry_after_says(api, tmp_path):
    slept: list[float] = []
    api.fail(("status", 429, {"Retry-After": "7"}), lambda r: r.path == LIST and r.query.get("skip") == "7")
    with api.serve() as server:
        report = fetch(options(server.url, tmp_path / "seeds", sleep=slept.append))
    assert 7.0 in slept
    assert report.retries == 1 and report.new == 40


def test_5xx_timeouts_broken_connections_and_malformed_bodies_are_retried_to_the_same_seeds(api, tmp_path):
    with api.serve() as server:
        fetch(options(server.url, tmp_path / "clean"))
    api.requests.clear()
    api.fail(("status", 500, {}), lambda r: r.path == LIST)
    api.fail(("status", 502, {}), lambda r: r.path == LIST and r.query.get("skip") == "14")
    api.fail(("pause", 1.0), lambda r: r.path == LIST and r.query.get("skip") == "21")
    api.fail(("body", b'{"totalResults": 40, "results": [{"value": {"id": 17'), lambda r: r.path == LIST and r.query.get("skip") == "28")
    api.fail(("close",), lambda r: r.path != LIST)
    api.fail(("status", 503, {}), lambda r: r.path != LIST)
    with api.serve() as server:
        report = fetch(options(server.url, tmp_path / "troubled", timeout=0.3))
    assert api.faults == []
    assert report.retries == 6 and report.new == 40
    assert tree(tmp_path / "troubled") == tree(tmp_path / "clean")


def test_a_service_that_keeps_failing_stops_with_an_error_keeping_what_was_fetched(api, tmp_path):
    seeds = tmp_path / "seeds"
    api.on_request = lambda fake, r: setattr(fake, "down", 500) if r.path == LIST and r.query.get("skip") == "21" else None
    with api.serve() as server:
        with pytest.raises(ServiceFailed) as failure:
            fetch(options(server.url, seeds))
    assert "HTTP 500" in str(failure.value) and "skip=21" in str(failure.value) and failure.value.attempts == 4
    assert failure.value.report.new == 21  # the three pages before the failing one are kept
    state = json.loads((seeds / "api" / ".fetch-state.json").read_text())
    assert state["pending"] == {"since": "2024-08-27", "until": "2024-08-30", "house": "Both", "query": 0, "skip": 21, "total": 40}
    assert sum(len(json.loads(p.read_text())) for p in seeds.rglob("2024-*.json")) == 21


def test_an_interrupted_fetch_resumes_where_it_stopped_and_gives_the_same_bytes(api, tmp_path):
    with api.serve() as server:
        fetch(options(server.url, tmp_path / "whole"))
        api.requests.clear()
        api.on_request = lambda fake, r: setattr(fake, "down", 503) if r.path == LIST and r.query.get("skip") == "28" else None
        with pytest.raises(ServiceFailed):
            fetch(options(server.url, tmp_path / "resumed"))
        api.down, api.on_request = None, None
        api.requests.clear()
        resumed = options(server.url, tmp_path / "resumed")
        resumed.since = resumed.until = None  # as `pqpub fetch` with no window: take up the pending one
        report = fetch(resumed)
    assert report.resumed
    assert [(k, r.query["skip"]) for r in list_requests(api) for k in r.query if k.endswith("From")][0] == ("tabledWhenFrom", "28")
    assert [r.query["skip"] for r in list_requests(api) if "tabledWhenFrom" in r.query] == ["28", "35"]  # not read again
    assert tree(tmp_path / "resumed") == tree(tmp_path / "whole")


def test_a_resumed_query_whose_total_changed_meanwhile_is_read_again_from_the_start(api, tmp_path):
    newest = api.whole.pop(max(api.whole))
    with api.serve() as server:
        api.on_request = lambda fake, r: setattr(fake, "down", 503) if r.path == LIST and r.query.get("skip") == "14" else None
        with pytest.raises(ServiceFailed):
            fetch(options(server.url, tmp_path / "seeds"))
        api.down, api.on_request = None, None
        api.add(newest)  # tabled while the run was stopped: listed first, it moves every other record on by one
        api.requests.clear()
        report = fetch(options(server.url, tmp_path / "seeds"))
    assert [r.query["skip"] for r in list_requests(api) if "tabledWhenFrom" in r.query][:4] == ["14", "21", "28", "35"]
    assert [r.query["skip"] for r in list_requests(api) if "tabledWhenFrom" in r.query][4] == "0"
    assert report.resumed and report.unsettled == []
    published = built(tmp_path / "seeds", tmp_path)
    assert len(published.answers) == len(published.by_question) == 40 and newest["value"]["id"] in published.by_question


def test_asking_again_for_the_interrupted_window_resumes_it(api, tmp_path):
    with api.serve() as server:
        api.on_request = lambda fake, r: setattr(fake, "down", 500) if r.path == LIST and r.query.get("skip") == "14" else None
        with pytest.raises(ServiceFailed):
            fetch(options(server.url, tmp_path / "seeds"))
        api.down, api.on_request = None, None
        api.requests.clear()
        report = fetch(options(server.url, tmp_path / "seeds"))
    assert report.resumed and list_requests(api)[0].query["skip"] == "14"
    assert report.new == 40 - 14


def test_a_question_the_single_endpoint_keeps_failing_is_kept_as_listed_and_asked_for_again(api, tmp_path):
    seeds = tmp_path / "seeds"
    cut = sorted(qid for qid, item in api.whole.items() if len(item["value"]["answerText"]) > 258)
    broken = f"/api/writtenquestions/questions/{cut[0]}"
    api.on_request = lambda fake, r: setattr(fake, "down", 500 if r.path == broken else None)
    with api.serve() as server:
        report = fetch(options(server.url, seeds))
        assert report.incomplete == 1 and report.new == 40 and report.error is None
        assert [where for where, _ in report.incomplete_reasons] == [f"question {cut[0]} (tabledWhen skip={sorted(api.whole, reverse=True).index(cut[0])})"]
        assert built(seeds, tmp_path).by_question[cut[0]]["answer_text_truncated"] is True  # the list's text, flagged
        api.on_request, api.down = None, None
        api.requests.clear()
        again = fetch(options(server.url, seeds))
    assert [r.path for r in single_requests(api)] == [broken]
    assert (again.updated, again.completed, again.unchanged) == (1, 1, 39)
    assert built(seeds, tmp_path).mismatches(expand(api.whole[cut[0]])["value"]) == []


def test_a_single_question_endpoint_that_is_down_stops_the_run(api, tmp_path):
    api.on_request = lambda fake, r: setattr(fake, "down", 500 if r.path != LIST else None)
    with api.serve() as server:
        with pytest.raises(ServiceFailed) as failure:
            fetch(options(server.url, tmp_path / "seeds"))
    assert "/api/writtenquestions/questions/" in str(failure.value)
    assert len(failure.value.report.incomplete_reasons) == 2  # the third failure in a row stops it


def test_running_again_with_nothing_new_changes_no_byte_and_asks_for_no_whole_text(api, tmp_path):
    seeds = tmp_path / "seeds"
    with api.serve() as server:
        fetch(options(server.url, seeds))
        before = tree(seeds)
        api.requests.clear()
        report = fetch(options(server.url, seeds))
    assert tree(seeds) == before
    assert (report.new, report.updated, report.unchanged) == (0, 0, 40)
    assert single_requests(api) == []


def test_a_holding_answer_replaced_between_two_runs_is_replaced_in_place(api, tmp_path):
    seeds = tmp_path / "seeds"
    [replaced] = [item for item in api.whole.values() if item["value"]["dateHoldingAnswer"]][:1]
    later = copy.deepcopy(replaced)
    holding = replaced["value"]
    # The record as it stood before: a holding answer given on the day the real record says it was.
    holding.update(answerIsHolding=True, dateAnswered=holding["dateHoldingAnswer"], dateHoldingAnswer=None,
                   answerText="<p>I will reply to the hon. Member as soon as possible.</p>")
    with api.serve() as server:
        fetch(options(server.url, seeds))
        first = built(seeds, tmp_path).by_question[holding["id"]]
        assert first["is_holding_answer"] is True
        api.add(later)
        report = fetch(options(server.url, seeds))
    assert (report.updated, report.new) == (1, 0)
    day_file = seeds / "api/commons/2024/08" / f"{holding['dateTabled'][:10]}.json"
    assert day_file.read_text().count(f'"id":{holding["id"]},') == 1
    published = built(seeds, tmp_path)
    assert len(published.answers) == 40
    assert published.mismatches(expand(later)["value"]) == []
    answer = published.by_question[holding["id"]]
    assert (answer["is_holding_answer"], answer["replaces_holding_answer"], answer["holding_answer_date"]) == (
        False, True, date.fromisoformat(later["value"]["dateHoldingAnswer"][:10]))


def test_a_question_tabled_while_the_pages_are_read_is_fetched_and_none_is_doubled(api, tmp_path):
    records = sorted(api.whole)
    newcomer = api.whole.pop(records[-1])  # the newest question, listed first once it is there

    def table_it(fake, request):
        if request.path == LIST and request.query.get("skip") == "14" and newcomer["value"]["id"] not in fake.whole:
            fake.add(newcomer)

    api.on_request = table_it
    seeds = tmp_path / "seeds"
    with api.serve() as server:
        report = fetch(options(server.url, seeds))
    assert report.new == 40 and report.unsettled == []
    tabled_skips = [r.query["skip"] for r in list_requests(api) if "tabledWhenFrom" in r.query]
    assert tabled_skips[:6] == ["0", "7", "14", "21", "28", "35"] and tabled_skips[6] == "0"  # read again from the start
    published = built(seeds, tmp_path)
    assert len(published.answers) == len(published.by_question) == 40
    assert newcomer["value"]["id"] in published.by_question


def test_attachments_and_named_members_are_published(api, tmp_path):
    item = next(item for item in api.whole.values() if not item["value"]["answerText"].endswith("..."))
    files = [
        {"fileSizeBytes": 52304, "title": "Table of starts by region", "fileType": "Excel", "url": "https://questions-statements.parliament.uk/api/Attachment/Answer/1/1"},
        {"fileSizeBytes": 913, "title": "Letter", "fileType": "PDF", "url": "https://questions-statements.parliament.uk/api/Attachment/Answer/1/2"},
    ]
    # The list gives the count but not the files (fake_api.listed_from_whole): the single record is asked for them.
    item["value"].update(attachmentCount=2, attachments=files)
    seeds = tmp_path / "seeds"
    with api.serve() as server:
        fetch(options(server.url, seeds))
    published = built(seeds, tmp_path)
    assert published.mismatches(expand(item)["value"]) == []
    answer = published.by_question[item["value"]["id"]]
    assert published.attachments[answer["answer_id"]] == [
        (1, "Table of starts by region", "https://questions-statements.parliament.uk/api/Attachment/Answer/1/1", "Excel", 52304),
        (2, "Letter", "https://questions-statements.parliament.uk/api/Attachment/Answer/1/2", "PDF", 913),
    ]
    assert answer["attachment_count"] == 2


def test_a_second_run_without_a_window_takes_up_from_the_last_day_reached(api, tmp_path):
    seeds = tmp_path / "seeds"
    with api.serve() as server:
        fetch(options(server.url, seeds))
        api.requests.clear()
        again = options(server.url, seeds)
        again.since, again.until, again.today = None, None, date(2024, 9, 2)
        report = fetch(again)
    assert (report.since, report.until) == ("2024-08-30", "2024-09-02")
    assert {r.query["tabledWhenFrom"] for r in list_requests(api) if "tabledWhenFrom" in r.query} == {"2024-08-30"}


# --- the command ------------------------------------------------------------------------


@pytest.fixture
def quick_retries(monkeypatch):
    """The command's client with tiny back-offs, so that a failing service fails fast."""
    import pipeline.fetch

    monkeypatch.setattr(pipeline.fetch, "ClientOptions", functools.partial(ClientOptions, backoff=0.001, max_backoff=0.002, attempts=3, timeout=2.0, page_size=7))


def test_the_command_prints_a_summary_and_json(api, tmp_path, quick_retries):
    seeds = tmp_path / "seeds"
    with api.serve() as server:
        args = ["fetch", "--since", "2024-08-27", "--until", "2024-08-30", "--seeds", str(seeds), "--api", server.url, "--rate", "0"]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
        assert "40 questions: 40 new, 0 updated, 0 unchanged" in result.stdout
        asked_before = len(api.requests)
        result = CliRunner().invoke(app, [*args, "--json"])
    summary = json.loads(result.stdout)
    assert (summary["new"], summary["unchanged"], summary["questions"], summary["error"]) == (0, 40, 40, None)
    assert summary["requests"] == len(api.requests) - asked_before


def test_the_command_exits_1_naming_the_failure_when_the_service_keeps_failing(api, tmp_path, quick_retries):
    api.down = 500
    with api.serve() as server:
        result = CliRunner().invoke(app, ["fetch", "--since", "2024-08-27", "--until", "2024-08-30", "--seeds", str(tmp_path / "seeds"), "--api", server.url, "--rate", "0"])
    assert result.exit_code == 1
    assert "kept failing" in result.stderr and "HTTP 500" in result.stderr and "run `pqpub fetch` again to resume" in result.stderr


def test_the_command_needs_a_window_the_first_time(tmp_path):
    result = CliRunner().invoke(app, ["fetch", "--seeds", str(tmp_path / "seeds"), "--api", "http://127.0.0.1:9"])
    assert result.exit_code == 2 and "give --since" in result.stderr
