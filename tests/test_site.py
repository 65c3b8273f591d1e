"""The landing page, index.html: self-contained, reproducible, escaped, and checked in a real headless browser.

The browser is the system's Chromium (Debian's `chromium` package, which `.ci/run` installs
where it is missing), driven by Playwright without downloading a browser of its own.
Locally, without Chromium, the browser tests are skipped; in CI (CI=true) they fail.
"""

from __future__ import annotations

import csv
import json
import os
from collections import Counter
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from pipeline.build.publish import build
from pipeline.release.site import PAGE_NAME
from pipeline.tables import CONTRACT_VERSION, TABLES

from .conftest import REPO, SEEDS

SCREENSHOT = REPO / "build" / "screenshots" / "index.png"
SEED_281056 = "001_9f0442c81153244d.txt"
HOSTILE_HEADING = '<script>window.injected = 1</script><img src=x onerror="window.injected = 2">'


def csv_rows(folder: Path, table: str) -> list[dict[str, str]]:
    with open(folder / f"{table}.csv", newline="", encoding="utf-8") as stream:
        return list(csv.DictReader(stream))


def chromium_path() -> str | None:
    return os.environ.get("PQPUB_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def browser():
    executable = chromium_path()
    if executable is None:
        message = "Chromium is not installed (apt-get install chromium; .ci/run does it)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("playwright is not installed (pip install -e '.[test]')")
        pytest.skip("playwright is not installed")
    with sync_playwright() as playwright:
        # --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
        launched = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield launched
        launched.close()


class Opened:
    def __init__(self, page, problems: list[str], requests: list[str]):
        self.page, self.problems, self.requests = page, problems, requests


def open_page(browser, folder: Path) -> Opened:
    page = browser.new_page(viewport={"width": 1280, "height": 1600})
    problems: list[str] = []
    requests: list[str] = []
    page.on("console", lambda message: problems.append(f"console {message.type}: {message.text}") if message.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("requestfailed", lambda request: problems.append(f"request failed: {request.url}"))
    page.on("request", lambda request: requests.append(request.url))
    page.goto((folder / PAGE_NAME).resolve().as_uri())
    page.wait_for_load_state("load")
    return Opened(page, problems, requests)


def test_the_page_opens_without_errors_shows_the_chart_and_every_table_and_links_only_to_its_files(browser, built):
    opened = open_page(browser, built)
    page = opened.page
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    assert opened.problems == []
    # Nothing is fetched: the only request is for the page itself.
    assert opened.requests == [(built / PAGE_NAME).resolve().as_uri()]
    assert page.locator("script").count() == 0

    answers = csv_rows(built, "answers")
    # The chart: answers per month, by house, as counted here from answers.csv. The seed pages
    # give May 2014 (one answer) and August 2019 (two), all in the Commons.
    chart = page.locator("svg#answers-by-month")
    assert chart.is_visible()
    per_month = Counter((row["answered_date"][:7], row["house"] or None) for row in answers if row["answered_date"])
    order = {"Commons": 0, "Lords": 1, None: 2}
    expected_bars = [f"{month}: {n:,} answer{'' if n == 1 else 's'}, {house or 'house not given'}"
                     for (month, house), n in sorted(per_month.items(), key=lambda item: (item[0][0], order[item[0][1]]))]
    bars = [b.text_content() for b in chart.locator("rect.bar").all()]
    assert bars == expected_bars
    assert {"2014-05: 1 answer, Commons", "2019-08: 2 answers, Commons"} <= set(bars)
    bodies = Counter(row["answering_body"] for row in answers if row["answering_body"])
    top = min(bodies.items(), key=lambda item: (-item[1], item[0]))
    first_row = page.locator("#answering-bodies tr").nth(1).locator("td")
    assert (first_row.nth(0).text_content(), first_row.nth(1).text_content()) == (top[0], f"{top[1]:,}")
    quality = {row.locator("td").nth(0).text_content(): row.locator("td").nth(1).text_content() for row in page.locator("#quality-flags tr").all()[1:]}
    flagged = Counter(row["code"] for row in csv_rows(built, "quality"))
    assert quality == {code: f"{flagged[code]:,}" for code in quality}
    assert flagged["tabled_date_missing"] >= 1  # the 2014 page's '(asked on )'
    descriptor = json.loads((built / "datapackage.json").read_text())
    release = page.locator("#release").text_content()
    assert f"Data version{descriptor['version']}" in release and f"Contract version{CONTRACT_VERSION}" in release
    answered = sorted(row["answered_date"] for row in answers if row["answered_date"])
    assert f"Answered date{answered[0]} to {answered[-1]}" in release

    for table in TABLES:
        section = page.locator(f"section#table-{table.name}")
        assert section.is_visible(), table.name
        documented = [c.text_content() for c in section.locator("table.columns tr td:first-child").all()]
        assert documented == table.columns, table.name
    samples = page.locator("section#table-answers table.sample tr")
    assert samples.count() == 1 + min(3, len(answers))  # the header and the first rows

    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    licence = "https://www.parliament.uk/site-information/copyright-parliament/open-parliament-licence/"
    local = [h for h in hrefs if h != licence]
    assert len(local) == len(hrefs) - 1
    linked = set()
    for href in local:
        url = urlparse(href)
        assert url.scheme == "file", href
        target = Path(unquote(url.path))
        assert target.parent == built.resolve() and target.is_file(), href
        linked.add(target.name)
    # Every file of the package is linked, except the page itself.
    # Every file but the page itself and the builder's hidden manifest.
    assert linked == {p.name for p in built.iterdir() if p.is_file() and not p.name.startswith(".")} - {PAGE_NAME}
    # Following a link opens the file.
    page.goto((built / "datapackage.json").resolve().as_uri())
    assert '"uk-parliament-written-answers"' in page.content()
    page.close()


def test_values_from_the_data_are_shown_as_text_never_run(browser, seeds_copy, tmp_path):
    seed = seeds_copy / SEED_281056
    text = seed.read_text(encoding="utf-8")
    assert "\nChildren: Exploitation\n" in text
    seed.write_text(text.replace("\nChildren: Exploitation\n", f"\n{HOSTILE_HEADING}\n", 1), encoding="utf-8")
    build(seeds_copy, tmp_path / "dist", workers=1)
    html = (tmp_path / "dist" / PAGE_NAME).read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;window.injected" in html
    opened = open_page(browser, tmp_path / "dist")
    assert opened.page.evaluate("typeof window.injected") == "undefined"
    assert opened.page.locator("script").count() == 0 and opened.page.locator("img").count() == 0
    assert HOSTILE_HEADING in opened.page.locator("section#table-answers table.sample").text_content()
    assert opened.problems == []
    opened.page.close()


def test_the_page_is_self_contained_and_byte_reproducible(tmp_path):
    build(SEEDS, tmp_path / "one", workers=1)
    build(SEEDS, tmp_path / "two", workers=2)
    page = (tmp_path / "one" / PAGE_NAME).read_bytes()
    assert page == (tmp_path / "two" / PAGE_NAME).read_bytes()
    text = page.decode("utf-8")
    assert not re.search(r"""<(script|link|iframe)\b|src=["']https?:|url\(""", text)


def test_the_chart_stacks_the_houses_month_by_month_and_keeps_empty_months():
    from pipeline.release.site import Figures, month_chart

    figures = Figures(by_month=Counter({("2019-11", "Commons"): 4, ("2019-11", "Lords"): 2, ("2020-02", "Lords"): 1, ("2020-02", None): 1}))
    svg = month_chart(figures)
    titles = re.findall(r"<rect class=\"bar\"[^>]*><title>([^<]*)</title>", svg)
    assert titles == ["2019-11: 4 answers, Commons", "2019-11: 2 answers, Lords", "2020-02: 1 answer, Lords", "2020-02: 1 answer, house not given"]
    heights = [float(h) for h in re.findall(r'class="bar"[^>]*height="([0-9.]+)"', svg)]
    # One scale for every bar (to 0.01): November's total, 6, is the peak.
    assert heights[0] == pytest.approx(2 * heights[1], abs=0.02) and heights[0] == pytest.approx(4 * heights[2], abs=0.02)
    assert heights[0] + heights[1] == pytest.approx(212, abs=0.02)  # the plot's full height
    # Four months from November to February: December and January are empty, not left out.
    xs = sorted({float(x) for x in re.findall(r'class="bar" x="([0-9.]+)"', svg)})
    bar_width = float(re.search(r'width="([0-9.]+)"', svg.split('class="bar"')[1]).group(1))
    assert len(xs) == 2 and (xs[1] - xs[0]) / 3 == pytest.approx(bar_width / 0.8, abs=0.02)
    assert "Lords" in svg and "house not given" in svg


def test_a_date_no_source_gives_is_said_plainly_in_the_release_facts():
    # No committed seed is a Parallel Parliament listing, so listed_date is empty on every row.
    with (REPO / "dist" / "answers.csv").open(encoding="utf-8") as rows:
        assert not any(row["listed_date"] for row in csv.DictReader(rows))
    page = (REPO / "dist" / PAGE_NAME).read_text(encoding="utf-8")
    assert "<tr><td>Listed date</td><td>none given by any source</td></tr>" in page
    assert "none to none" not in page
