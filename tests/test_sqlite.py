"""The SQLite database: every table's rows as in the Parquet files, keys, indexes, full-text search, datasette metadata."""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import date
from decimal import Decimal

import pyarrow.parquet as pq
import pytest

from pipeline.build.output import write_manifest
from pipeline.release.sqlite import DATABASE_NAME, DATASETTE_METADATA_NAME
from pipeline.tables import TABLES

from .conftest import DIST


@pytest.fixture
def database(built):
    connection = sqlite3.connect(built / DATABASE_NAME)
    yield connection
    connection.close()


def _sqlite_value(value):
    if isinstance(value, Decimal):
        return float(value)  # SQLite has no exact decimals: the nearest REAL
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_every_table_holds_exactly_the_parquet_rows_in_order(database, built, table):
    expected = [tuple(_sqlite_value(row[c]) for c in table.columns) for row in pq.read_table(built / f"{table.name}.parquet").to_pylist()]
    columns = ", ".join(f'"{c}"' for c in table.columns)
    assert database.execute(f'SELECT {columns} FROM "{table.name}" ORDER BY rowid').fetchall() == expected


def test_tables_declare_types_primary_keys_and_not_null(database):
    columns = {row[1]: row for row in database.execute('PRAGMA table_info("answers")')}
    assert columns["uin"][2] == "TEXT"  # a UIN is text, never a number
    assert columns["tabled_date"][2] == "TEXT" and columns["source_count"][2] == "INTEGER"
    assert columns["answer_id"][5] == 1 and columns["question_text"][3] == 1  # primary key; NOT NULL
    statistics = {row[1]: row for row in database.execute('PRAGMA table_info("statistics")')}
    assert statistics["value"][2] == "REAL"
    assert [(row[1], row[5]) for row in database.execute('PRAGMA table_info("references")') if row[5]] == [
        ("answer_id", 1), ("field", 2), ("offset", 3), ("kind", 4)]


def test_foreign_keys_are_declared_and_enforced(database):
    declared = {(row[3], row[2], row[4]) for row in database.execute('PRAGMA foreign_key_list("references")')}
    assert declared == {("answer_id", "answers", "answer_id"), ("cited_answer_id", "answers", "answer_id")}
    assert database.execute("PRAGMA foreign_key_check").fetchall() == []
    database.execute("PRAGMA foreign_keys = ON")
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        database.execute("INSERT INTO quality (answer_id, code, message) VALUES ('0123456789abcdef', 'heading_mismatch', 'x')")
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        database.execute("DELETE FROM answers WHERE answer_id = '1632b0c5502125bd'")  # its statistics refer to it


def test_keys_and_dates_are_indexed(database):
    plan = " ".join(str(row) for row in database.execute("EXPLAIN QUERY PLAN SELECT * FROM answers WHERE answered_date >= '2019-01-01'"))
    assert "idx_answers_answered_date" in plan
    plan = " ".join(str(row) for row in database.execute("EXPLAIN QUERY PLAN SELECT * FROM sources WHERE answer_id = 'x'"))
    assert "idx_sources_answer_id" in plan
    plan = " ".join(str(row) for row in database.execute("EXPLAIN QUERY PLAN SELECT * FROM statistics WHERE answer_id = 'x'"))
    assert "USING INDEX" in plan  # the primary key leads with answer_id


def _answers_csv() -> list[dict[str, str]]:
    import csv

    with open(DIST / "answers.csv", newline="", encoding="utf-8") as stream:
        return list(csv.DictReader(stream))


def test_full_text_search_finds_answers_by_question_answer_and_heading(database):
    def search(query: str) -> set[str]:
        return {row[0] for row in database.execute(
            "SELECT answer_id FROM answers WHERE rowid IN (SELECT rowid FROM answers_fts WHERE answers_fts MATCH ?)", (query,))}

    def containing(pattern: str, columns=("heading", "question_text", "answer_text")) -> set[str]:
        """The answers whose text matches, read from the CSV with a regular expression."""
        return {row["answer_id"] for row in _answers_csv() if re.search(pattern, " ".join(row[c] for c in columns), re.I)}

    by_uin = {row["uin"]: row["answer_id"] for row in _answers_csv() if row["uin"]}
    # UIN 281061's question asks about a "contextual safeguarding framework" (seed 003).
    assert by_uin["281061"] in search('"contextual safeguarding"') == containing(r"\bcontextual safeguarding\b")
    # UIN 281056's answer names Sajid Javid (seed 001).
    assert by_uin["281056"] in search("Javid") == containing(r"\bJavid\b")
    # The heading 'Out of Area Treatment: Northern Ireland' is on the 2014 page (seed 000), which gives no UIN
    # (its answer id is keyed on its question, member and tabled date: looked up by its heading).
    (treatment,) = {row["answer_id"] for row in _answers_csv() if row["heading"] == "Out of Area Treatment: Northern Ireland"}
    assert treatment in search("heading:treatment") == containing(r"\btreatments?\b", ("heading",))
    # The Porter stemmer: 'exploited' finds 'exploitation', which the three seed pages' questions use.
    assert {treatment, by_uin["281056"], by_uin["281061"]} <= search("exploited") == containing(r"\bexploit(s|ed|ing|ation|ations|ative)?\b")


def test_datasette_metadata_gives_titles_descriptions_licence_and_source(built):
    metadata = json.loads((built / DATASETTE_METADATA_NAME).read_text())
    assert metadata["license"] == "Open Parliament Licence v3.0" and metadata["license_url"].startswith("https://")
    assert metadata["source_url"].startswith("https://")
    tables = metadata["databases"]["written_answers"]["tables"]
    assert set(tables) == {t.name for t in TABLES}
    assert tables["answers"]["fts_table"] == "answers_fts"
    assert "UIN" in tables["answers"]["columns"]["uin"] or "unique identification" in tables["answers"]["columns"]["uin"]


def test_database_is_declared_with_its_hash(built):
    """(frictionless validates the package with it: tests/test_build.py.)"""
    descriptor = json.loads((built / "datapackage.json").read_text())
    [resource] = [r for r in descriptor["resources"] if r["path"] == DATABASE_NAME]
    assert resource["type"] == "file" and resource["mediatype"] == "application/vnd.sqlite3"
    import hashlib
    assert resource["hash"] == "sha256:" + hashlib.sha256((built / DATABASE_NAME).read_bytes()).hexdigest()
    assert resource["bytes"] == (built / DATABASE_NAME).stat().st_size
    # frictionless checks a file resource's size and hash too (unlike a Parquet one's).
    from frictionless import Resource

    assert Resource(dict(resource), basepath=str(built)).validate().valid
    wrong = dict(resource, hash="sha256:" + "0" * 64)
    assert [e[0] for e in Resource(wrong, basepath=str(built)).validate().flatten(["type"])] == ["hash-count"]


def test_the_committed_database_is_the_one_a_build_writes(built):
    assert (DIST / DATABASE_NAME).read_bytes() == (built / DATABASE_NAME).read_bytes()


def test_validate_names_the_row_and_column_where_the_database_differs(built, tmp_path):
    import hashlib
    import shutil

    from pipeline.check import validate

    package = tmp_path / "dist"
    shutil.copytree(built, package)
    connection = sqlite3.connect(package / DATABASE_NAME)
    connection.execute("UPDATE statistics SET value = value + 1 WHERE rowid = 2")
    connection.commit()
    connection.close()
    descriptor = json.loads((package / "datapackage.json").read_text())
    for resource in descriptor["resources"]:
        if resource["path"] == DATABASE_NAME:  # re-exported consistently: only the rows differ
            resource["hash"] = "sha256:" + hashlib.sha256((package / DATABASE_NAME).read_bytes()).hexdigest()
            resource["bytes"] = (package / DATABASE_NAME).stat().st_size
    (package / "datapackage.json").write_text(json.dumps(descriptor))
    write_manifest(package)  # the package's list of files and hashes, recomputed too
    report = validate(package)
    [failure] = report.failures
    assert (failure.check, failure.file, failure.row, failure.column) == ("sqlite", DATABASE_NAME, 3, "value")
    assert "statistics" in failure.reason


def test_validate_reports_a_database_missing_rows(built, tmp_path):
    import hashlib
    import shutil

    from pipeline.check import validate

    package = tmp_path / "dist"
    shutil.copytree(built, package)
    connection = sqlite3.connect(package / DATABASE_NAME)
    connection.execute("DELETE FROM quality WHERE rowid = (SELECT max(rowid) FROM quality)")
    connection.commit()
    connection.close()
    descriptor = json.loads((package / "datapackage.json").read_text())
    for resource in descriptor["resources"]:
        if resource["path"] == DATABASE_NAME:
            resource["hash"] = "sha256:" + hashlib.sha256((package / DATABASE_NAME).read_bytes()).hexdigest()
            resource["bytes"] = (package / DATABASE_NAME).stat().st_size
    (package / "datapackage.json").write_text(json.dumps(descriptor))
    write_manifest(package)  # the package's list of files and hashes, recomputed too
    report = validate(package)
    last_row = len(pq.read_table(built / "quality.parquet")) + 1  # the header is row 1
    assert [(f.check, f.row) for f in report.failures] == [("sqlite", last_row)]
    assert "fewer rows" in report.failures[0].reason
