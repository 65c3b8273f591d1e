"""Every code example in README.md and dist/README.md runs against the committed package, and its result is checked.

Each fenced block in the two documents follows an ``<!-- example: NAME -->`` marker; the
blocks are taken from the documents themselves, so the documents and these tests cannot
drift apart. Each example's result is checked against what the published files hold, read
here independently with the csv module or pyarrow. A block without a marker, or a marker
without a check, fails.
"""

from __future__ import annotations

import csv
import importlib.metadata
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections import Counter, defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path

import httpx
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.tables import TABLES, TABLES_BY_NAME

from .conftest import DIST, REPO

EXAMPLE = re.compile(r"<!-- example: ([a-z0-9-]+) -->\n```([a-z]*)\n(.*?)\n```", re.S)
FENCE = re.compile(r"^```[a-z]*$", re.M)


def examples(document: Path) -> dict[str, tuple[str, str]]:
    """NAME -> (language, code) of every marked block; every fenced block must be marked."""
    text = document.read_text(encoding="utf-8")
    found = {name: (language, code) for name, language, code in EXAMPLE.findall(text)}
    assert len(found) == len(EXAMPLE.findall(text)), "two examples share a name"
    assert len(FENCE.findall(text)) == 2 * len(found), f"{document.name} has a code block without an example marker"
    return found


def csv_rows(table: str) -> list[dict[str, str]]:
    with open(DIST / f"{table}.csv", newline="", encoding="utf-8") as stream:
        return list(csv.DictReader(stream))


def parquet_rows(table: str) -> list[dict]:
    return pq.read_table(DIST / f"{table}.parquet").to_pylist()


def run_python(code: str, cwd: Path = REPO) -> dict:
    namespace: dict = {}
    previous = os.getcwd()
    os.chdir(cwd)
    try:
        exec(compile(code, "<example>", "exec"), namespace)
    finally:
        os.chdir(previous)
    return namespace


def shell_lines(code: str) -> list[str]:
    return [line.split("  #")[0].strip() for line in code.splitlines() if line.strip() and not line.startswith("#")]


def scratch_repository(tmp_path: Path) -> Path:
    """A copy of the repository's seeds, contract and package, for commands that write."""
    for name in ("seeds", "schema", "dist"):
        shutil.copytree(REPO / name, tmp_path / name)
    return tmp_path


def run_command(line: str, cwd: Path) -> subprocess.CompletedProcess:
    arguments = line.split()
    assert arguments[0] == "pqpub", line
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *arguments[1:]], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(REPO)})


# --- README.md ------------------------------------------------------------------------

README = examples(REPO / "README.md")


def check_quick_start(code: str, tmp_path: Path) -> None:
    install_and_build, install_and_test = shell_lines(code)
    assert install_and_build == "python -m pip install -e . && pqpub build"
    # The environment these tests run in is that install; CI (.ci/run) runs the test line itself.
    assert importlib.metadata.version("pqpub")
    assert install_and_test in (REPO / ".ci" / "run").read_text()
    root = scratch_repository(tmp_path)
    result = run_command(install_and_build.split(" && ")[1], root)
    assert result.returncode == 0, result.stderr
    seeds = len(csv_rows("seeds"))
    assert f"{seeds} seeds read: {seeds} published, 0 rejected; {len(csv_rows('answers'))} answers published" in result.stdout
    rebuilt = {p.name: p.read_bytes() for p in (root / "dist").iterdir()}
    assert rebuilt == {p.name: p.read_bytes() for p in DIST.iterdir()}


def check_frictionless(code: str, tmp_path: Path) -> None:
    answers = run_python(code)["answers"]
    published = csv_rows("answers")
    assert [row["answer_id"] for row in answers] == [row["answer_id"] for row in published]
    assert [row["uin"] for row in answers] == [row["uin"] or None for row in published]  # text, not numbers
    assert {"281056", "281061"} <= {row["uin"] for row in answers}
    assert [row["answered_date"] for row in answers] == [date.fromisoformat(row["answered_date"]) if row["answered_date"] else None for row in published]


def _pounds_by_answer() -> dict[str, float]:
    pounds: dict[str, float] = defaultdict(float)
    for row in csv_rows("statistics"):
        if row["unit"] == "GBP":
            pounds[row["answer_id"]] += float(row["value"])
    return dict(pounds)


def check_pandas(code: str, tmp_path: Path) -> None:
    namespace = run_python(code)
    assert {k: float(v) for k, v in namespace["pounds"].to_dict().items()} == pytest.approx(_pounds_by_answer())
    # Each statistic's sentence, cut from its answer's text, holds the statistic as written.
    assert all(text in sentence for text, sentence in zip(namespace["money"]["text"], namespace["money"]["sentence"]))
    assert len(namespace["money"]) == sum(1 for row in csv_rows("statistics") if row["unit"] == "GBP")
    assert namespace["answers"]["uin"].dropna().tolist() == [row["uin"] for row in csv_rows("answers") if row["uin"]]


def check_duckdb(code: str, tmp_path: Path) -> None:
    import duckdb

    previous = os.getcwd()
    os.chdir(REPO)
    try:
        result = duckdb.sql(code).fetchall()
    finally:
        os.chdir(previous)
    answers = csv_rows("answers")
    counts = Counter(row["answering_body"] for row in answers)
    body_of = {row["answer_id"]: row["answering_body"] for row in answers}
    pounds: dict[str, float] = {}
    for answer_id, value in _pounds_by_answer().items():
        pounds[body_of[answer_id]] = pounds.get(body_of[answer_id], 0.0) + value
    assert {body: count for body, count, _ in result} == counts  # every answer counted once, however many statistics it states
    assert [count for _, count, _ in result] == sorted(counts.values(), reverse=True)
    stated = {body: None if total is None else float(total) for body, _, total in result}
    assert {b: v for b, v in stated.items() if v is not None} == pytest.approx(pounds)
    assert {b for b, v in stated.items() if v is None} == set(counts) - set(pounds)


def check_sqlite(code: str, tmp_path: Path) -> None:
    found = run_python(code)["found"]
    expected = []
    for row in csv_rows("answers"):
        text = " ".join((row["heading"], row["question_text"], row["answer_text"])).lower()
        if "safeguard" in text and "framework" in text:
            expected.append((row["uin"] or None, row["heading"] or None))
    assert expected and sorted(found, key=str) == sorted(expected, key=str)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def check_datasette(code: str, tmp_path: Path) -> None:
    [line] = shell_lines(code)
    arguments = line.split()
    assert arguments[0] == "datasette"
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "datasette", *arguments[1:], "--host", "127.0.0.1", "--port", str(port)],
                              cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                httpx.get(f"{base}/-/versions.json", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        metadata = httpx.get(f"{base}/-/metadata.json").json()
        assert metadata["license"] == "Open Parliament Licence v3.0"
        [counted] = httpx.get(f"{base}/written_answers.json", params={"sql": "select count(*) as n from answers", "_shape": "array"}).json()
        assert counted["n"] == len(csv_rows("answers"))
        listed = httpx.get(f"{base}/written_answers/answers.json", params={"_shape": "array"}).json()
        assert {row["answer_id"] for row in listed} <= {row["answer_id"] for row in csv_rows("answers")}
        searched = httpx.get(f"{base}/written_answers/answers.json", params={"_search": "contextual safeguarding", "_shape": "array"}).json()
        assert "281061" in [row["uin"] for row in searched]  # its question asks about a contextual safeguarding framework
        page = httpx.get(f"{base}/written_answers/answers").text
        assert "Written answers" in page  # the table's title, from the metadata
    finally:
        server.terminate()
        server.wait(timeout=10)


def check_answer_id(code: str, tmp_path: Path) -> None:
    namespace = run_python(code)
    published = [row["answer_id"] for row in csv_rows("answers")]
    assert namespace["reproduced"] == published
    # The documented example key, for UIN 281056 tabled on 23 July 2019 (seed 001).
    assert namespace["answer_id"]("281056", date(2019, 7, 23), "") in published


def check_inspect(code: str, tmp_path: Path) -> None:
    people, scripts = shell_lines(code)
    shown = run_command(people, REPO)
    assert shown.returncode == 0 and "281056" in shown.stdout
    inspection = json.loads(run_command(scripts, REPO).stdout)
    assert "281056" in json.dumps(inspection)


def check_validate(code: str, tmp_path: Path) -> None:
    root = scratch_repository(tmp_path)
    before = {p.name: p.read_bytes() for p in (root / "schema").iterdir()}
    for line in shell_lines(code):
        result = run_command(line, root)
        assert result.returncode == 0, (line, result.stdout, result.stderr)
    assert {p.name: p.read_bytes() for p in (root / "schema").iterdir()} == before  # up to date: nothing rewritten
    assert "valid: " in result.stdout


def check_fetch(code: str, tmp_path: Path) -> None:
    """Run against the local stand-in for the written-questions API (tests never reach the internet)."""
    from .fetch.fake_api import FakeApi

    root = scratch_repository(tmp_path)
    previous = os.getcwd()
    os.chdir(root)
    try:
        with FakeApi.from_sample().serve() as server:
            for line in shell_lines(code):
                arguments = line.split()[1:]
                if arguments[0] == "fetch":
                    arguments += ["--api", server.url, "--rate", "0"]
                result = CliRunner().invoke(app, arguments)
                assert result.exit_code == 0, (line, result.output)
                if arguments[0] == "fetch":
                    assert "questions:" in result.stdout, result.stdout
    finally:
        os.chdir(previous)
    assert "answers published" in result.stdout  # the last line builds the package
    assert (root / "dist" / "written_answers.db").is_file()


def check_layout(code: str, tmp_path: Path) -> None:
    """Every entry of the map exists (an indented entry is in the folder above it), and every
    module and package of pipeline/ is on the map."""
    listed = set()
    folder = ""
    for line in code.splitlines()[1:]:
        name = line.split()[0]
        nested = line.startswith("    ")
        path = f"{folder}{name}" if nested else name
        if not nested:
            folder = name if name.endswith("/") else ""
        assert (REPO / "pipeline" / path).exists(), path
        listed.add(path.rstrip("/"))
        listed.update(f"{folder}{named}" for named in re.findall(r"(\w+\.py)", line.split(None, 1)[1]) if nested or name.endswith("/"))
    for module in sorted((REPO / "pipeline").glob("*")):
        if module.name.startswith("__") or not (module.suffix == ".py" or module.is_dir()):
            continue
        assert module.name in listed, f"pipeline/{module.name} is not on the README's map"
    for package in ("build", "release", "check"):
        for module in sorted((REPO / "pipeline" / package).glob("*.py")):
            if module.name != "__init__.py":
                assert f"{package}/{module.name}" in listed, f"pipeline/{package}/{module.name} is not on the README's map"


README_CHECKS = {
    "quick-start": check_quick_start, "frictionless": check_frictionless, "pandas": check_pandas, "duckdb": check_duckdb,
    "sqlite": check_sqlite, "datasette": check_datasette, "answer-id": check_answer_id, "inspect": check_inspect,
    "validate": check_validate, "fetch": check_fetch, "layout": check_layout,
}


def test_every_readme_example_has_a_check():
    assert set(README) == set(README_CHECKS)


@pytest.mark.parametrize("name", sorted(README_CHECKS))
def test_readme_example(name, tmp_path):
    language, code = README[name]
    README_CHECKS[name](code, tmp_path)


def test_readme_gives_every_table_the_descriptor_s_key():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    keys = {m.group(1): [k.strip().strip("`") for k in m.group(2).split(",")]
            for m in re.finditer(r"^\| `(\w+)` \| [^|]+ \| ([^|]+) \|$", text, re.M) if m.group(1) in TABLES_BY_NAME}
    descriptor = json.loads((DIST / "datapackage.json").read_text())
    declared = {r["name"]: r["schema"]["primaryKey"] for r in descriptor["resources"] if r["format"] == "csv"}
    assert keys == declared


# --- dist/README.md, the data dictionary ----------------------------------------------

DICTIONARY = examples(DIST / "README.md")


def test_every_data_dictionary_example_has_a_check():
    assert set(DICTIONARY) == {"search-sqlite", "read-pandas", "read-polars", "read-duckdb", "read-r"}


def test_data_dictionary_search_example_finds_the_answers_that_use_the_word():
    import sqlite3

    connection = sqlite3.connect(f"file:{DIST / 'written_answers.db'}?mode=ro", uri=True)
    try:
        found = connection.execute(DICTIONARY["search-sqlite"][1]).fetchall()
    finally:
        connection.close()
    expected = [(row["answer_id"], row["uin"] or None, row["answered_date"] or None, row["heading"] or None) for row in csv_rows("answers")
                if re.search(r"\bexploit", " ".join((row["heading"], row["question_text"], row["answer_text"])).lower())]
    expected.sort(key=lambda row: row[0])
    expected.sort(key=lambda row: row[2] or "", reverse=True)
    assert found == expected
    # The three seed pages' questions all ask about exploitation; the 2014 page gives no UIN.
    assert {"281056", "281061", None} <= {uin for _, uin, _, _ in found}


def _parquet_as_floats(table: str) -> list[dict]:
    """The Parquet rows with exact decimals as floats, as the pandas and Polars snippets read them."""
    return [{c: float(v) if isinstance(v, Decimal) else v for c, v in row.items()} for row in parquet_rows(table)]


def _as_python(value):
    """A value as pyarrow gives it from Parquet: None for missing, datetime.date for dates."""
    if value is None or (not isinstance(value, str) and value != value):  # NaN / NA
        return None
    try:
        import pandas as pd

        if value is pd.NA or value is pd.NaT:
            return None
        if isinstance(value, pd.Timestamp):
            return value.date()
    except ImportError:
        pass
    return value.item() if hasattr(value, "item") else value


def test_data_dictionary_pandas_snippet_reads_every_csv_with_its_types():
    tables = run_python(DICTIONARY["read-pandas"][1], DIST)["tables"]
    expected_dtype = {"string": "string", "integer": "Int64", "number": "Float64", "boolean": "boolean"}
    for table in TABLES:
        frame = tables[table.name]
        assert list(frame.columns) == table.columns
        for column in table.table_schema()["fields"]:
            dtype = str(frame[column["name"]].dtype)
            if column["type"] == "date":
                assert dtype.startswith("datetime64"), (table.name, column["name"], dtype)
            else:
                assert dtype == expected_dtype[column["type"]], (table.name, column["name"], dtype)
        read = [{c: _as_python(v) for c, v in row.items()} for row in frame.astype(object).to_dict("records")]
        assert read == _parquet_as_floats(table.name), table.name


def test_data_dictionary_polars_snippet_reads_every_csv_with_its_types():
    import polars as pl

    tables = run_python(DICTIONARY["read-polars"][1], DIST)["tables"]
    expected_dtype = {"string": pl.String, "integer": pl.Int64, "number": pl.Float64, "boolean": pl.Boolean, "date": pl.Date}
    for table in TABLES:
        frame = tables[table.name]
        assert frame.columns == table.columns
        assert [frame.schema[f["name"]] for f in table.table_schema()["fields"]] == [expected_dtype[f["type"]] for f in table.table_schema()["fields"]]
        assert frame.to_dicts() == _parquet_as_floats(table.name), table.name


def test_data_dictionary_duckdb_snippet_reads_every_csv_with_its_types():
    import duckdb

    connection = duckdb.connect()
    previous = os.getcwd()
    os.chdir(DIST)
    try:
        connection.execute(DICTIONARY["read-duckdb"][1])
        expected_type = {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE", "boolean": "BOOLEAN", "date": "DATE"}
        for table in TABLES:
            described = connection.execute(f'DESCRIBE "{table.name}"').fetchall()
            arrow = table.arrow_schema()
            assert [(row[0], row[1]) for row in described] == [
                (f["name"], "DECIMAL(38,10)" if str(arrow.field(f["name"]).type) == "decimal128(38, 10)" else expected_type[f["type"]])
                for f in table.table_schema()["fields"]]
            cursor = connection.execute(f'SELECT * FROM "{table.name}"')
            names = [d[0] for d in cursor.description]
            assert [dict(zip(names, row)) for row in cursor.fetchall()] == parquet_rows(table.name), table.name
    finally:
        os.chdir(previous)


def test_data_dictionary_r_snippet_gives_every_column_its_type():
    """R is not installed where the tests run, so the readr calls are not run: their column types are checked."""
    readr = {"string": "c", "integer": "i", "number": "d", "boolean": "l", "date": "D"}
    code = DICTIONARY["read-r"][1]
    calls = dict(re.findall(r'^(\w+) <- read_csv\("\w+\.csv", col_types = "(\w+)", na = ""\)$', code, re.M))
    assert calls == {t.name: "".join(readr[f["type"]] for f in t.table_schema()["fields"]) for t in TABLES}
    assert calls["answers"][TABLES_BY_NAME["answers"].columns.index("uin")] == "c"


def test_data_dictionary_agrees_with_the_descriptor_and_gives_the_id_formula_as_the_code_computes_it():
    text = (DIST / "README.md").read_text(encoding="utf-8")
    # In a Markdown table a '|' must be escaped to stay in its cell; it is shown as '|'.
    assert r"'uin:{uin}\|tabled:{tabled_date}'" in text and "uin:{uin}/tabled" not in text
    descriptor = json.loads((DIST / "datapackage.json").read_text())
    keys = dict(re.findall(r"^### (\w+)\n\n.*?Primary key: ([^.]+)\.", text, re.M | re.S))
    declared = {r["name"]: ", ".join(f"`{k}`" for k in r["schema"]["primaryKey"]) for r in descriptor["resources"] if r["format"] == "csv"}
    assert {name: keys[name] for name in declared} == declared
    assert f"Data version: `{descriptor['version']}`" in text and f"Contract version: `{descriptor['contractVersion']}`" in text
