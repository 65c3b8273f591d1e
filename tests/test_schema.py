"""The published contract in schema/: generated from the models, committed, and versioned."""

from __future__ import annotations

import json
import shutil

import pyarrow.parquet as pq
import pytest
from frictionless import Schema
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from pipeline import schema as contract_module
from pipeline.cli import app
from pipeline.model import Answer
from pipeline.schema import (
    TABLE_SCHEMA_PROFILE,
    ContractError,
    check_schemas,
    committed_contract,
    contract,
    contract_changes,
    generate,
    write_schemas,
)
from pipeline.tables import CONTRACT_VERSION, TABLES

from .conftest import DIST, REPO

SCHEMA = REPO / "schema"


def test_committed_schema_folder_is_what_the_models_generate():
    assert check_schemas(SCHEMA) == [], "schema/ is stale: run `pqpub schema` and commit schema/"


def test_committed_contract_allows_the_models_columns():
    """A column removed or retyped since the committed contract needs a new MAJOR version."""
    committed = committed_contract(SCHEMA)
    assert committed is not None, "schema/contract.json is missing: run `pqpub schema`"
    problems = contract_changes(committed, contract())
    assert not problems, (
        "The models change the published contract without the version it needs. Removing or retyping "
        "a column needs a new MAJOR version, adding one a new MINOR version (CONTRACT_VERSION in "
        "pipeline/tables.py):\n" + "\n".join(problems)
    )


def test_schema_folder_holds_a_table_schema_per_table_the_answer_json_schema_and_the_contract():
    assert sorted(generate()) == sorted([f"{t.name}.json" for t in TABLES] + ["answer.schema.json", "contract.json"])
    recorded = json.loads((SCHEMA / "contract.json").read_text())
    assert recorded["version"] == CONTRACT_VERSION
    assert recorded["tables"]["answers"]["tabled_date"] == "date"
    assert recorded["tables"]["statistics"]["value"] == "number"
    assert set(recorded["tables"]) == {t.name for t in TABLES}


def test_output_is_deterministic_sorted_indented_and_ends_with_a_newline():
    first, second = generate(), generate()
    assert first == second
    for name, text in first.items():
        assert text.endswith("}\n") and not text.endswith("\n\n"), name
        assert text == json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n", name


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_frictionless_accepts_every_table_schema_as_table_schema_v2(table):
    descriptor = json.loads((SCHEMA / f"{table.name}.json").read_text())
    assert descriptor["$schema"] == TABLE_SCHEMA_PROFILE
    report = Schema.validate_descriptor(descriptor)
    assert report.valid, [e.message for e in report.errors]
    assert [f["name"] for f in descriptor["fields"]] == table.columns
    assert descriptor["primaryKey"] == list(table.primary_key)


def test_answer_json_schema_is_a_valid_json_schema_that_published_answers_meet():
    document = json.loads((SCHEMA / "answer.schema.json").read_text())
    Draft202012Validator.check_schema(document)
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(document["properties"]) == set(Answer.model_fields)
    validator = Draft202012Validator(document, format_checker=Draft202012Validator.FORMAT_CHECKER)
    answers = pq.read_table(DIST / "answers.parquet").to_pylist()
    assert answers
    for row in answers:
        record = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in row.items() if v is not None}
        errors = [e.message for e in validator.iter_errors(record)]
        assert not errors, errors
    assert list(validator.iter_errors({"answer_id": "not an id"}))


def test_descriptor_embeds_exactly_the_committed_table_schemas():
    descriptor = json.loads((DIST / "datapackage.json").read_text())
    for resource in descriptor["resources"]:
        if resource["type"] != "table":
            continue  # the SQLite database
        table = resource["name"].removesuffix("-parquet")
        assert resource["schema"] == json.loads((SCHEMA / f"{table}.json").read_text()), resource["name"]


# --- pqpub schema -------------------------------------------------------------------


def test_cli_writes_the_schema_folder(tmp_path):
    out = tmp_path / "schema"
    result = CliRunner().invoke(app, ["schema", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert {p.name: p.read_text() for p in out.iterdir()} == generate()
    again = CliRunner().invoke(app, ["schema", "--out", str(out)])
    assert again.exit_code == 0 and "wrote" not in again.output


def test_cli_check_passes_on_the_committed_folder():
    result = CliRunner().invoke(app, ["schema", "--check", "--out", str(SCHEMA)])
    assert result.exit_code == 0, result.output


def test_cli_check_names_every_differing_file_and_writes_nothing(tmp_path):
    out = tmp_path / "schema"
    shutil.copytree(SCHEMA, out)
    (out / "answers.json").write_text((out / "answers.json").read_text().replace("Answer id", "Answer identifier"))
    (out / "quality.json").unlink()
    (out / "old_table.json").write_text("{}\n")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    result = CliRunner().invoke(app, ["schema", "--check", "--out", str(out)])
    assert result.exit_code == 1
    for name in ("answers.json", "quality.json", "old_table.json"):
        assert name in result.output
    assert "statistics.json" not in result.output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_cli_check_fails_on_a_missing_folder(tmp_path):
    result = CliRunner().invoke(app, ["schema", "--check", "--out", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert "contract.json" in result.output


# --- versioning ------------------------------------------------------------------------


def _contract(version: str, **tables: dict[str, str]) -> dict:
    return {"version": version, "tables": tables}


def test_removing_or_retyping_a_column_needs_a_new_major_version():
    old = _contract("1.2.0", answers={"answer_id": "string", "uin": "string", "tabled_date": "date"})
    removed = _contract("1.3.0", answers={"answer_id": "string", "tabled_date": "date"})
    retyped = _contract("1.3.0", answers={"answer_id": "string", "uin": "integer", "tabled_date": "date"})
    [problem] = contract_changes(old, removed)
    assert "answers.uin removed" in problem and "MAJOR" in problem
    [problem] = contract_changes(old, retyped)
    assert "retyped from string to integer" in problem and "MAJOR" in problem
    assert contract_changes(old, {**removed, "version": "2.0.0"}) == []
    assert contract_changes(old, {**retyped, "version": "2.0.0"}) == []


def test_removing_a_table_needs_a_new_major_version():
    old = _contract("1.0.0", answers={"answer_id": "string"}, quality={"code": "string"})
    assert "MAJOR" in contract_changes(old, _contract("1.1.0", answers={"answer_id": "string"}))[0]


def test_adding_a_column_or_table_needs_a_new_minor_version():
    old = _contract("1.0.0", answers={"answer_id": "string"})
    added = _contract("1.0.0", answers={"answer_id": "string", "uin": "string"}, votes={"answer_id": "string"})
    problems = contract_changes(old, added)
    assert len(problems) == 2 and all("MINOR" in p for p in problems)
    assert contract_changes(old, {**added, "version": "1.1.0"}) == []
    assert contract_changes(old, {**added, "version": "1.0.1"}) != []


def test_the_version_cannot_go_down():
    old = _contract("2.0.0", answers={"answer_id": "string"})
    assert "went down" in contract_changes(old, _contract("1.9.0", answers={"answer_id": "string"}))[0]


def test_writing_refuses_a_breaking_change_without_a_major_version(tmp_path, monkeypatch):
    out = tmp_path / "schema"
    shutil.copytree(SCHEMA, out)
    recorded = json.loads((out / "contract.json").read_text())
    recorded["tables"]["answers"]["division"] = "integer"  # a column the models no longer have
    (out / "contract.json").write_text(json.dumps(recorded))
    (out / "answers.json").write_text("{}\n")
    with pytest.raises(ContractError) as raised:
        write_schemas(out)
    assert "answers.division removed" in str(raised.value) and "MAJOR" in str(raised.value)
    assert (out / "answers.json").read_text() == "{}\n"  # nothing written

    result = CliRunner().invoke(app, ["schema", "--out", str(out)])
    assert result.exit_code == 1
    assert "answers.division removed" in result.output and "MAJOR" in result.output

    major, _, _ = contract_module.parse_version(CONTRACT_VERSION)
    monkeypatch.setattr(contract_module, "CONTRACT_VERSION", f"{major + 1}.0.0")
    monkeypatch.setattr(contract_module.contract, "__defaults__", (f"{major + 1}.0.0",))
    assert "answers.json" in write_schemas(out)
    assert json.loads((out / "contract.json").read_text())["version"] == f"{major + 1}.0.0"
