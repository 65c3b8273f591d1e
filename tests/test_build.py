"""Building the package from seeds: what a consumer downloads, and what a maintainer sees."""

from __future__ import annotations

import csv
from decimal import Decimal
import hashlib
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from frictionless import Package, validate

from pipeline.model import answer_id_for
from pipeline.build.publish import build
from pipeline.sources import iter_seed_paths
from pipeline.tables import TABLES

from .conftest import DIST, REPO, SEEDS

SEED_2014 = "000_8885b3d230a2f9dc.txt"
SEED_2019_A = "001_9f0442c81153244d.txt"
SEED_2019_B = "003_cb83d66ac9c0d06e.txt"


def rows(package: Path, table: str) -> list[dict]:
    with (package / f"{table}.csv").open(newline="", encoding="utf-8") as stream:
        return list(csv.DictReader(stream))


def answer_from(package: Path, source_file: str) -> dict:
    [answer] = [row for row in rows(package, "answers") if row["source_file"] == source_file]
    return answer


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


# --- the 2014 page: older parliament.uk layout ---------------------------------


def test_2014_answer_has_the_fields_its_page_gives(built):
    answer = answer_from(built, SEED_2014)
    assert answer["heading"] == "Out of Area Treatment: Northern Ireland"
    assert answer["answering_body"] == "Department for Education"
    assert answer["question_text"] == (
        "To ask the Secretary of State for Education, what proportion of local authorities in England and Wales "
        "have plans in place for tackling potential child sexual exploitation."
    )
    assert answer["answering_minister"] == "Edward Timpson"
    assert answer["answered_date"] == "2014-05-07"
    assert answer["house"] == "Commons"  # put to a Secretary of State, not to "Her Majesty's Government"


def test_2014_answer_leaves_what_its_page_does_not_give_empty(built):
    answer = answer_from(built, SEED_2014)
    assert answer["tabled_date"] == ""  # the page says "(asked on )"
    assert answer["uin"] == ""
    assert answer["asking_member"] == ""


def test_2014_answer_text_is_free_of_page_furniture(built):
    text = answer_from(built, SEED_2014)["answer_text"]
    assert text.startswith("The independent report of the Office of the Children's Commissioner")
    assert text.endswith("https://www.gov.uk/government/publications/tackling-child-sexual-exploitation-action-plan")
    assert "Reticulating Splines" not in text and "Portrait" not in text


def test_2014_answer_percentages_are_statistics(built):
    answer_id = answer_from(built, SEED_2014)["answer_id"]
    found = [(s["text"], float(s["value"]), s["unit"]) for s in rows(built, "statistics") if s["answer_id"] == answer_id]
    assert ("98%", 98.0, "percent") in found
    assert ("57%", 57.0, "percent") in found
    assert not any(text.startswith("2013") or text.startswith("26") for text, _, _ in found)


def test_2014_answer_footnoted_urls_are_references_with_their_footnote(built):
    answer_id = answer_from(built, SEED_2014)["answer_id"]
    urls = {r["target"]: r["footnote"] for r in rows(built, "references") if r["answer_id"] == answer_id and r["kind"] == "url"}
    assert urls == {
        "http://www.childrenscommissioner.gov.uk/content/publications/content_743": "1",
        "https://www.gov.uk/government/uploads/system/uploads/attachment_data/file/278849/Safeguarding_Children_and_Young_People_from_Sexual_Exploitation.pdf": "2",
        "https://www.gov.uk/government/publications/tackling-child-sexual-exploitation-action-plan": "3",
    }


def test_2014_answer_is_flagged_for_its_missing_tabled_date_and_unfitting_heading(built):
    answer_id = answer_from(built, SEED_2014)["answer_id"]
    codes = {q["code"] for q in rows(built, "quality") if q["answer_id"] == answer_id}
    assert {"tabled_date_missing", "heading_mismatch"} <= codes
    assert "minister_not_stated" not in codes


# --- the 2019 pages: questions-statements layout -------------------------------


@pytest.mark.parametrize("seed, uin", [(SEED_2019_A, "281056"), (SEED_2019_B, "281061")])
def test_2019_answers_have_uin_dates_and_holding_replacement(built, seed, uin):
    answer = answer_from(built, seed)
    assert answer["uin"] == uin
    assert answer["tabled_date"] == "2019-07-23"
    assert answer["answered_date"] == "2019-08-02"
    assert answer["replaces_holding_answer"] == "true"
    assert answer["heading"] == "Children: Exploitation"
    assert answer["answering_body"] == "Department for Education"
    assert answer["house"] == "Commons"


def test_2019_answer_names_no_minister_even_though_its_text_names_one(built):
    answer = answer_from(built, SEED_2019_A)
    assert "Sajid Javid" in answer["answer_text"]
    assert answer["answering_minister"] == ""


def test_2019_answer_text_starts_and_ends_where_the_answer_does(built):
    text = answer_from(built, SEED_2019_A)["answer_text"]
    assert text.startswith("Further to the answer provided by the former Home Secretary (Sajid Javid)")
    assert text.endswith("a prioritised response to high-risk lines and gangs.")
    assert "Skip to main content" not in text
    assert text.count("\n\n") == 4  # five paragraphs, as on the page


def test_2019_money_is_a_statistic_with_its_value(built):
    answer = answer_from(built, SEED_2019_A)
    [money] = [s for s in rows(built, "statistics") if s["answer_id"] == answer["answer_id"] and s["unit"] == "GBP"]
    assert money["text"] == "£3.6 million"
    assert Decimal(money["value"]) == 3_600_000  # exact, as published
    sentence = answer["answer_text"][int(money["sentence_start"]):int(money["sentence_end"])]
    assert "National County Lines Co-ordination Centre" in sentence and "£3.6 million" in sentence


def test_every_answer_keeps_its_source_file_and_its_sha256(built):
    for answer in rows(built, "answers"):
        assert hashlib.sha256((SEEDS / answer["source_file"]).read_bytes()).hexdigest() == answer["source_sha256"]


# --- identity ----------------------------------------------------------------------


def test_answer_id_follows_the_documented_rule(built):
    answer = answer_from(built, SEED_2019_A)
    expected = hashlib.sha256(b"uin:281056|tabled:2019-07-23").hexdigest()[:16]
    assert answer["answer_id"] == expected == answer_id_for("281056", date(2019, 7, 23), "anything")


def test_answer_id_does_not_depend_on_file_name_or_order(tmp_path, built):
    seeds = tmp_path / "renamed"
    seeds.mkdir()
    for index, path in enumerate(reversed(list(iter_seed_paths(SEEDS)))):
        (seeds / f"zz_{index}{path.suffix}").write_bytes(path.read_bytes())
    build(seeds, tmp_path / "dist", workers=1)
    assert {a["answer_id"] for a in rows(tmp_path / "dist", "answers")} == {a["answer_id"] for a in rows(built, "answers")}


# --- the package ---------------------------------------------------------------------


def test_package_passes_frictionless_validation(built):
    report = validate(built / "datapackage.json")
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "message"])[:10]


def test_every_table_is_published_as_csv_and_parquet_with_the_same_rows(built):
    for table in TABLES:
        from_csv = pq.read_table(built / f"{table.name}.parquet").to_pylist()
        csv_rows = rows(built, table.name)
        assert len(csv_rows) == len(from_csv), table.name
        for csv_row, parquet_row in zip(csv_rows, from_csv):
            assert list(csv_row) == list(parquet_row) == table.columns
            for column, value in parquet_row.items():
                written = "" if value is None else ("true" if value is True else "false" if value is False else str(value))
                if isinstance(value, float):
                    assert float(csv_row[column]) == value
                else:
                    assert csv_row[column] == written, (table.name, column)


def test_descriptor_declares_licence_sources_keys_and_file_integrity(built):
    descriptor = json.loads((built / "datapackage.json").read_text())
    assert descriptor["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert descriptor["licenses"][0]["title"] == "Open Parliament Licence v3.0"
    assert descriptor["licenses"][0]["path"].startswith("https://")
    assert descriptor["sources"] and descriptor["version"] and descriptor["created"]
    for resource in descriptor["resources"]:
        path = built / resource["path"]
        assert resource["hash"] == "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
        if resource["format"] in ("csv", "sqlite"):
            assert resource["bytes"] == path.stat().st_size
        if resource["type"] != "table":
            continue
        assert resource["schema"]["primaryKey"]
        for column in resource["schema"]["fields"]:
            assert column["title"] and column["description"] and column["type"]
    statistics = next(r for r in descriptor["resources"] if r["name"] == "statistics")
    assert statistics["schema"]["foreignKeys"] == [{"fields": ["answer_id"], "reference": {"resource": "answers", "fields": ["answer_id"]}}]


def test_package_loads_with_frictionless_and_duckdb(built):
    package = Package(built / "datapackage.json")
    assert len(package.get_resource("answers").read_rows()) == 3 + 1004  # the page seeds and the API records
    duckdb = pytest.importorskip("duckdb")
    [(count,)] = duckdb.connect().execute(f"select count(*) from read_parquet('{built / 'statistics.parquet'}') where unit = 'GBP'").fetchall()
    assert count >= 2


def test_two_builds_are_byte_identical(tmp_path):
    build(SEEDS, tmp_path / "one", workers=1)
    build(SEEDS, tmp_path / "two", workers=2)
    assert tree_digest(tmp_path / "one") == tree_digest(tmp_path / "two")


def test_committed_dist_is_what_the_seeds_build(built):
    assert tree_digest(DIST) == tree_digest(built), "dist/ is stale: run `pqpub build` and commit dist/"


# --- bad seeds -----------------------------------------------------------------------


def test_bad_seeds_are_reported_and_the_rest_published(seeds_copy, tmp_path):
    (seeds_copy / "empty.txt").write_bytes(b"")
    (seeds_copy / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (seeds_copy / "latin1.txt").write_bytes("Question for Department for Education\nUIN 1, tabled on 1 May 2019\nTo ask caf\xe9".encode("latin-1"))
    (seeds_copy / "shopping.txt").write_text("Eggs\nMilk\nBread\n")
    report = build(seeds_copy, tmp_path / "dist", workers=1)
    reasons = {source: reason for source, _, reason in report.rejections}
    assert reasons["empty.txt"] == "empty file"
    assert "binary" in reasons["binary.txt"]
    assert "not UTF-8" in reasons["latin1.txt"]
    assert "unrecognised layout" in reasons["shopping.txt"]
    # The three page seeds and the two days of API records are published; the four bad files rejected.
    assert (report.seeds_read, report.seeds_published, report.seeds_rejected) == (9, 5, 4)
    assert report.answers_published == 3 + 1004
    seeds_table = {s["source_file"]: s for s in rows(tmp_path / "dist", "seeds")}
    assert len(seeds_table) == 9
    assert seeds_table["shopping.txt"]["status"] == "rejected"


def test_a_failed_build_leaves_the_old_package_in_place(seeds_copy, tmp_path, monkeypatch):
    out = tmp_path / "dist"
    build(seeds_copy, out, workers=1)
    before = tree_digest(out)

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("pipeline.build.publish.write_release", broken)
    (seeds_copy / "new.txt").write_text((seeds_copy / SEED_2019_A).read_text().replace("281056", "999999"))
    with pytest.raises(OSError):
        build(seeds_copy, out, workers=1)
    assert tree_digest(out) == before
    assert [p.name for p in tmp_path.iterdir()] == ["seeds", "dist"] or sorted(p.name for p in tmp_path.iterdir()) == ["dist", "seeds"]


def test_a_failure_while_encoding_a_table_fails_the_build_and_keeps_the_old_package(seeds_copy, tmp_path, monkeypatch):
    # Full batches are encoded in a background thread: its error must reach the build.
    from pipeline.build import writer

    out = tmp_path / "dist"
    build(seeds_copy, out, workers=1)
    before = tree_digest(out)

    def broken(self, batch):
        raise OSError("disk full")

    monkeypatch.setattr(writer.TableWriter, "_encode", broken)
    with pytest.raises(OSError, match="disk full"):
        build(seeds_copy, out, workers=1)
    assert tree_digest(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist", "seeds"]


def test_cli_build_reports_counts_and_rejections(seeds_copy, tmp_path):
    (seeds_copy / "empty.txt").write_bytes(b"")
    result = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "build", str(seeds_copy), "--out", str(tmp_path / "dist")],
        capture_output=True, text=True, cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    assert "6 seeds read: 5 published, 1 rejected; 1007 answers published" in result.stdout
    assert "empty.txt: empty file" in result.stderr
