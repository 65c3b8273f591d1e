"""`pqpub diff` and the CHANGELOG: what changed between two releases, by answer and by field."""

from __future__ import annotations

import hashlib
import json
import shutil

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.build.publish import build

from .conftest import SEEDS

SEED_2014 = "000_8885b3d230a2f9dc.txt"  # no UIN, no tabled date
SEED_281056 = "001_9f0442c81153244d.txt"
SEED_281061 = "003_cb83d66ac9c0d06e.txt"


def answer_id(uin: str, tabled: str) -> str:
    """The published formula, from the data dictionary."""
    return hashlib.sha256(f"uin:{uin}|tabled:{tabled}".encode()).hexdigest()[:16]


ID_281056 = answer_id("281056", "2019-07-23")
ID_281061 = answer_id("281061", "2019-07-23")


@pytest.fixture(scope="module")
def releases(tmp_path_factory):
    """Release 1: the 2014 page and UIN 281056. Release 2, built over it: UIN 281056 with a changed
    answer, and UIN 281061; the 2014 page is gone."""
    root = tmp_path_factory.mktemp("releases")
    old_seeds, new_seeds = root / "old-seeds", root / "new-seeds"
    old_seeds.mkdir()
    new_seeds.mkdir()
    for name in (SEED_2014, SEED_281056):
        shutil.copy(SEEDS / name, old_seeds / name)
    text = (SEEDS / SEED_281056).read_text(encoding="utf-8")
    assert "Sajid Javid" in text
    (new_seeds / SEED_281056).write_text(text.replace("Sajid Javid", "Sajid David"), encoding="utf-8")
    shutil.copy(SEEDS / SEED_281061, new_seeds / SEED_281061)
    build(old_seeds, root / "old", workers=1)
    shutil.copytree(root / "old", root / "dist")
    build(new_seeds, root / "dist", workers=1)  # over the old release, as `pqpub build` over dist/
    return root


def test_diff_reports_exactly_the_added_removed_and_changed_answers(releases):
    result = CliRunner().invoke(app, ["diff", str(releases / "old"), str(releases / "dist"), "--json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    old_ids = {line.split(",")[0].strip('"') for line in (releases / "old" / "answers.csv").read_text().splitlines()[1:] if line.startswith('"')}
    [id_2014] = old_ids - {ID_281056}
    assert found["answers"]["added"] == [ID_281061]
    assert found["answers"]["removed"] == [id_2014]
    # The answer text changed; so did the seed file's bytes, whose hash the row records.
    assert found["answers"]["changed"] == {ID_281056: ["answer_text", "source_sha256"]}
    answers = found["tables"]["answers"]
    assert (answers["old_rows"], answers["new_rows"], answers["added"], answers["removed"], answers["changed"]) == (2, 2, 1, 1, 1)
    assert answers["fields"] == {"answer_text": 1, "source_sha256": 1}
    assert found["tables"]["seeds"]["added"] == 1 and found["tables"]["seeds"]["removed"] == 1 and found["tables"]["seeds"]["changed"] == 1
    assert found["from"]["version"] != found["to"]["version"]
    assert found["from"]["contractVersion"] == found["to"]["contractVersion"]


def test_diff_for_people_names_each_answer(releases):
    result = CliRunner().invoke(app, ["diff", str(releases / "old"), str(releases / "dist")])
    assert result.exit_code == 0
    assert f"added answer {ID_281061}" in result.stdout
    assert f"changed answer {ID_281056}: answer_text, source_sha256" in result.stdout
    assert "answers: 2 -> 2 rows; 1 added, 1 removed, 1 changed" in result.stdout


def test_a_release_built_over_another_has_a_changelog(releases):
    descriptor = json.loads((releases / "dist" / "datapackage.json").read_text())
    old = json.loads((releases / "old" / "datapackage.json").read_text())
    assert descriptor["changes"]["from"] == {"version": old["version"], "contractVersion": old["contractVersion"]}
    assert descriptor["changes"]["answers"]["added"] == [ID_281061]
    readme = (releases / "dist" / "README.md").read_text()
    assert "## CHANGELOG" in readme and f"Changes since release `{old['version']}`" in readme
    assert "| answers | 2 | 2 | 1 | 1 | 1 |" in readme
    # The other tables are counted in a build (comparing every row would raise its memory); `pqpub diff` compares them.
    assert descriptor["changes"]["tables"]["seeds"]["compared"] is False and "| seeds | 2 | 2 | | | |" in readme
    assert f"- Answers added: `{ID_281061}`." in readme
    assert "## CHANGELOG" not in (releases / "old" / "README.md").read_text()  # built over nothing


def test_rebuilding_the_same_rows_keeps_the_release_and_its_changelog(releases, tmp_path):
    again = tmp_path / "dist"
    shutil.copytree(releases / "dist", again)
    build(releases / "new-seeds", again, workers=1)
    for name in ("datapackage.json", "README.md", "index.html"):
        assert (again / name).read_bytes() == (releases / "dist" / name).read_bytes(), name


def test_the_data_version_follows_the_rows(releases, tmp_path):
    old = json.loads((releases / "old" / "datapackage.json").read_text())
    new = json.loads((releases / "dist" / "datapackage.json").read_text())
    assert old["version"] != new["version"]
    # Latest date in the data (answered 2 August 2019), then a hash of the rows.
    assert new["version"].startswith("2019.8.2+") and old["version"].startswith("2019.8.2+")
    build(releases / "new-seeds", tmp_path / "fresh", workers=1)
    assert json.loads((tmp_path / "fresh" / "datapackage.json").read_text())["version"] == new["version"]
    assert new["coverage"]["rows"]["answers"] == 2
    dates = new["coverage"]["dates"]["answers"]
    assert (dates["tabled_date"], dates["answered_date"]) == (["2019-07-23", "2019-07-23"], ["2019-08-02", "2019-08-02"])


def test_a_new_column_and_a_new_table_are_reported_without_counting_rows_as_changed(releases, tmp_path):
    """As when the contract gains a column and a table: an older package lacks them."""
    import pyarrow.parquet as pq

    from pipeline.release.diff import diff_packages

    older = tmp_path / "older"
    shutil.copytree(releases / "dist", older)
    answers = pq.read_table(older / "answers.parquet")
    pq.write_table(answers.drop_columns(["heading"]), older / "answers.parquet")
    descriptor = json.loads((older / "datapackage.json").read_text())
    descriptor["resources"] = [r for r in descriptor["resources"] if not r["name"].startswith("quality")]
    for resource in descriptor["resources"]:
        if resource["name"] == "answers":
            resource["hash"] = "sha256:older"
    (older / "datapackage.json").write_text(json.dumps(descriptor))
    found = diff_packages(older, releases / "dist").to_dict()
    assert found["tables"]["answers"]["columns_added"] == ["heading"]
    assert found["tables"]["answers"]["changed"] == 0 and found["answers"]["changed"] == {}
    quality = found["tables"]["quality"]
    assert (quality["old_rows"], quality["added"], quality["removed"]) == (0, quality["new_rows"], 0) and quality["new_rows"] > 0


def test_a_package_built_over_an_earlier_release_passes_validation(releases):
    """The freshness check builds over a copy of the package, so the changelog it carries is reproduced."""
    from pipeline.check import validate

    report = validate(releases / "dist", releases / "new-seeds")
    assert report.valid, report.failures
    assert report.checks["freshness"].status == "passed"


def test_a_damaged_previous_release_is_noted_and_does_not_stop_the_build(releases, tmp_path):
    out = tmp_path / "dist"
    shutil.copytree(releases / "old", out)
    (out / "answers.parquet").write_bytes(b"not parquet")
    build(releases / "new-seeds", out, workers=1)
    readme = (out / "README.md").read_text()
    assert "The previous release could not be read to compare with it" in readme
    assert (out / "answers.parquet").read_bytes() == (releases / "dist" / "answers.parquet").read_bytes()


def test_changed_rows_compared_a_chunk_at_a_time_give_the_same_diff(monkeypatch, tmp_path):
    """However many rows changed, their columns are compared a bounded number at a time."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    import pipeline.release.diff as diff
    from .conftest import DIST

    edited = tmp_path / "edited"
    shutil.copytree(DIST, edited)
    answers = pq.read_table(edited / "answers.parquet")
    texts = answers.column("answer_text").to_pylist()
    headings = answers.column("heading").to_pylist()
    for index in (0, 5, 9):
        texts[index] = (texts[index] or "") + " (edited)"
    headings[5] = "Edited heading"
    answers = answers.set_column(answers.schema.get_field_index("answer_text"), answers.schema.field("answer_text"), pa.array(texts, pa.string()))
    answers = answers.set_column(answers.schema.get_field_index("heading"), answers.schema.field("heading"), pa.array(headings, pa.string()))
    pq.write_table(answers, edited / "answers.parquet")
    descriptor = json.loads((edited / "datapackage.json").read_text())
    for resource in descriptor["resources"]:
        if resource["name"] == "answers":
            resource["hash"] = "sha256:edited"
    (edited / "datapackage.json").write_text(json.dumps(descriptor))

    whole = diff.diff_packages(DIST, edited).to_dict()
    monkeypatch.setattr(diff, "CHANGED_CHUNK", 1)
    chunked = diff.diff_packages(DIST, edited).to_dict()
    assert chunked == whole
    ids = answers.column("answer_id").to_pylist()
    assert whole["answers"]["changed"] == {ids[0]: ["answer_text"], ids[5]: ["heading", "answer_text"], ids[9]: ["answer_text"]}
    assert whole["tables"]["answers"]["fields"] == {"heading": 1, "answer_text": 3}
    limited = diff.diff_packages(DIST, edited, listed=2).to_dict()
    assert len(limited["answers"]["changed"]) == 2 and limited["tables"]["answers"]["changed"] == 3
