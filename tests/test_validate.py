"""`pqpub validate`: a good package passes, and every way of breaking one is caught and located."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path
from typing import Callable

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.check.keys import ForeignKey, KeyedFile, check_keys
from pipeline.release.sqlite import DATABASE_NAME, write_database
from pipeline.tables import TABLES_BY_NAME
from pipeline.check import CHECKS, Failure, validate

from .conftest import DIST, REPO, SEEDS

SEED_2019_A = "001_9f0442c81153244d.txt"


def run(*args: str):
    return CliRunner().invoke(app, ["validate", *args])


def run_json(*args: str) -> tuple[int, dict]:
    result = run(*args, "--format", "json")
    return result.exit_code, json.loads(result.stdout)


@pytest.fixture
def package(built_pages, tmp_path) -> Path:
    """A copy of a good package (of the page seeds) in a folder with no seeds and no schema folder."""
    target = tmp_path / "download" / "dist"
    shutil.copytree(built_pages, target)
    return target


# --- ways of breaking a package ---------------------------------------------------------


def reexport(package: Path, *files: str) -> None:
    """Recompute the descriptor's bytes and hash for changed files, as a careless re-export would,
    and the database from changed Parquet files, where SQLite accepts their rows."""
    if any(f.endswith(".parquet") for f in files):
        database = package / DATABASE_NAME
        before = database.read_bytes()
        try:
            write_database(package)
        except sqlite3.Error:  # a duplicate key, or a column missing: the database stays as it was
            database.write_bytes(before)
        files = (*files, DATABASE_NAME)
    path = package / "datapackage.json"
    descriptor = json.loads(path.read_text())
    for resource in descriptor["resources"]:
        if resource["path"] in files:
            content = (package / resource["path"]).read_bytes()
            resource["hash"] = "sha256:" + hashlib.sha256(content).hexdigest()
            if "bytes" in resource:
                resource["bytes"] = len(content)
    path.write_text(json.dumps(descriptor, indent=2))
    write_manifest(package)  # the package's list of files and hashes, recomputed too


def write_manifest(package: Path) -> None:
    from pipeline.build.output import write_manifest as rewrite

    rewrite(package)


def read_csv(package: Path, table: str) -> pa.Table:
    return pa_csv.read_csv(package / f"{table}.csv", parse_options=pa_csv.ParseOptions(newlines_in_values=True),
                           convert_options=pa_csv.ConvertOptions(column_types=TABLES_BY_NAME[table].arrow_schema(), strings_can_be_null=True))


def write_csv(package: Path, table: str, data: pa.Table) -> None:
    pa_csv.write_csv(data, package / f"{table}.csv", write_options=pa_csv.WriteOptions(quoting_style="needed"))


def write_parquet(package: Path, table: str, data: pa.Table) -> None:
    pq.write_table(data, package / f"{table}.parquet", compression="zstd")


def set_cell(data: pa.Table, column: str, index: int, value) -> pa.Table:
    values = data.column(column).to_pylist()
    values[index] = value
    field = data.schema.field(column)
    return data.set_column(data.schema.get_field_index(column), field.with_nullable(True), pa.array(values, field.type))


def edit_csv_text(package: Path, table: str, index: int, column: str, value: str) -> None:
    """Set one cell of a CSV as text (for values no Arrow type can hold)."""
    data = read_csv(package, table)
    as_text = pa.table({n: data.column(n).cast(pa.string()) for n in data.column_names})
    write_csv(package, table, set_cell(as_text, column, index, value))


def csv_cell_edited(package: Path) -> None:
    write_csv(package, "answers", set_cell(read_csv(package, "answers"), "heading", 1, "Children: Edited"))
    reexport(package, "answers.csv")


def parquet_row_deleted(package: Path) -> None:
    data = pq.read_table(package / "statistics.parquet")
    write_parquet(package, "statistics", pa.concat_tables([data.slice(0, 1), data.slice(2)]))
    reexport(package, "statistics.parquet")


def answer_id_unknown(package: Path) -> None:
    """A statistic points at an answer the package does not have, in both copies alike."""
    write_csv(package, "statistics", set_cell(read_csv(package, "statistics"), "answer_id", 0, "0123456789abcdef"))
    write_parquet(package, "statistics", set_cell(pq.read_table(package / "statistics.parquet"), "answer_id", 0, "0123456789abcdef"))
    reexport(package, "statistics.csv", "statistics.parquet")


def statistic_duplicated(package: Path) -> None:
    """The second statistic repeats the first's key (answer id and offset), in both copies alike."""
    for read, write, file in ((read_csv, write_csv, "statistics.csv"), (lambda p, t: pq.read_table(p / f"{t}.parquet"), write_parquet, "statistics.parquet")):
        data = read(package, "statistics")
        write(package, "statistics", set_cell(data, "offset", 1, data.column("offset")[0].as_py()))
    reexport(package, "statistics.csv", "statistics.parquet")


def cited_answer_id_unknown(package: Path) -> None:
    """A reference cites an answer the package does not have (the column may be empty, not unknown)."""
    write_csv(package, "references", set_cell(read_csv(package, "references"), "cited_answer_id", 3, "fedcba9876543210"))
    write_parquet(package, "references", set_cell(pq.read_table(package / "references.parquet"), "cited_answer_id", 3, "fedcba9876543210"))
    reexport(package, "references.csv", "references.parquet")


def source_file_unknown(package: Path) -> None:
    """A source names a seed file the seeds table does not list."""
    write_csv(package, "sources", set_cell(read_csv(package, "sources"), "source_file", 1, "999_missing.txt"))
    write_parquet(package, "sources", set_cell(pq.read_table(package / "sources.parquet"), "source_file", 1, "999_missing.txt"))
    reexport(package, "sources.csv", "sources.parquet")


def date_not_a_date(package: Path) -> None:
    edit_csv_text(package, "answers", 1, "tabled_date", "2019-02-30")
    reexport(package, "answers.csv")


def required_value_emptied_in_csv(package: Path) -> None:
    edit_csv_text(package, "answers", 2, "question_text", None)
    reexport(package, "answers.csv")


def required_value_emptied_in_parquet(package: Path) -> None:
    write_parquet(package, "answers", set_cell(pq.read_table(package / "answers.parquet"), "question_text", 2, None))
    reexport(package, "answers.parquet")


def unit_not_in_enum_in_parquet(package: Path) -> None:
    write_parquet(package, "statistics", set_cell(pq.read_table(package / "statistics.parquet"), "unit", 0, "furlongs"))
    reexport(package, "statistics.parquet")


def column_renamed_in_csv(package: Path) -> None:
    data = read_csv(package, "answers")
    write_csv(package, "answers", data.rename_columns(["headline" if n == "heading" else n for n in data.column_names]))
    reexport(package, "answers.csv")


def column_renamed_in_parquet(package: Path) -> None:
    data = pq.read_table(package / "answers.parquet")
    write_parquet(package, "answers", data.rename_columns(["headline" if n == "heading" else n for n in data.column_names]))
    reexport(package, "answers.parquet")


def column_retyped_in_parquet(package: Path) -> None:
    data = pq.read_table(package / "statistics.parquet")
    index = data.schema.get_field_index("offset")
    write_parquet(package, "statistics", data.set_column(index, "offset", data.column("offset").cast(pa.int32())))
    reexport(package, "statistics.parquet")


def wrong_parquet_hash(package: Path) -> None:
    path = package / "datapackage.json"
    descriptor = json.loads(path.read_text())
    resource = next(r for r in descriptor["resources"] if r["path"] == "statistics.parquet")
    resource["hash"] = "sha256:" + "0" * 64
    path.write_text(json.dumps(descriptor, indent=2))
    write_manifest(package)


def wrong_csv_bytes_and_hash(package: Path) -> None:
    """The CSV changed after the descriptor was written."""
    path = package / "quality.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n", 1))


#: (break, check, file named, row, column): row and column are None where the break has none.
BREAKS: list[tuple[Callable[[Path], None], str, str, int | None, str | None]] = [
    (csv_cell_edited, "rows", "answers.csv", 3, "heading"),
    (parquet_row_deleted, "rows", "statistics.parquet", 3, None),
    (answer_id_unknown, "csv", "statistics.csv", 2, "answer_id"),
    (cited_answer_id_unknown, "csv", "references.csv", 5, "cited_answer_id"),
    (source_file_unknown, "csv", "sources.csv", 3, "source_file"),
    (statistic_duplicated, "csv", "statistics.csv", 3, "answer_id, offset"),
    (date_not_a_date, "csv", "answers.csv", 3, "tabled_date"),
    (required_value_emptied_in_csv, "csv", "answers.csv", 4, "question_text"),
    (required_value_emptied_in_parquet, "parquet", "answers.parquet", 4, "question_text"),
    (unit_not_in_enum_in_parquet, "parquet", "statistics.parquet", 2, "unit"),
    (column_renamed_in_csv, "csv", "answers.csv", None, "heading"),
    (column_renamed_in_parquet, "parquet", "answers.parquet", None, "heading"),
    (column_retyped_in_parquet, "parquet", "statistics.parquet", None, "offset"),
    (wrong_parquet_hash, "integrity", "statistics.parquet", None, None),
    (wrong_csv_bytes_and_hash, "integrity", "quality.csv", None, None),
]


@pytest.mark.parametrize("breaking, check, file, row, column", BREAKS, ids=[b[0].__name__ for b in BREAKS])
def test_a_broken_package_fails_with_the_file_row_and_column(package, breaking, check, file, row, column):
    breaking(package)
    code, report = run_json("--dist", str(package))
    assert code == 1
    assert report["valid"] is False
    located = [f for f in report["failures"] if f["check"] == check and (file == f["file"] or file in f["reason"])]
    assert located, report["failures"]
    if row is not None:
        assert any(f["row"] == row for f in located), located
    if column is not None:
        assert any(f["column"] == column for f in located), located
    status = {c["name"]: c["status"] for c in report["checks"]}
    assert status[check] == "failed"
    if breaking is not wrong_csv_bytes_and_hash and breaking is not wrong_parquet_hash:
        assert status["integrity"] == "passed", "the re-export should leave sizes and hashes consistent"

    table = run("--dist", str(package))
    assert table.exit_code == 1
    assert file in table.stdout
    for detail in (row, column):
        if detail is not None:
            assert str(detail) in table.stdout


def test_an_unknown_answer_id_is_caught_by_the_foreign_key_check_alone(package):
    answer_id_unknown(package)
    _, report = run_json("--dist", str(package))
    assert {f["check"] for f in report["failures"]} == {"csv"}
    [failure] = report["failures"]
    assert "foreign-key" in failure["reason"] and "0123456789abcdef" in failure["reason"]


def test_a_duplicated_primary_key_names_the_row_it_repeats(package):
    statistic_duplicated(package)
    _, report = run_json("--dist", str(package))
    # SQLite refuses the duplicate, so the database keeps the rows it had, and differs from the Parquet file.
    assert [f["row"] for f in report["failures"] if f["check"] == "sqlite"] == [3]
    [failure] = [f for f in report["failures"] if f["check"] != "sqlite"]
    assert failure["check"] == "csv" and failure["file"] == "statistics.csv" and failure["row"] == 3
    assert failure["reason"] == '[primary-key] Row at position "3" violates the primary key: the same as in the row at position 2'


def test_an_empty_foreign_key_is_allowed(package):
    """cited_answer_id is empty where the cited question is not in the package; only a value must resolve."""
    known = read_csv(package, "answers").column("answer_id")[0].as_py()
    write_csv(package, "references", set_cell(read_csv(package, "references"), "cited_answer_id", 3, known))
    write_parquet(package, "references", set_cell(pq.read_table(package / "references.parquet"), "cited_answer_id", 3, known))
    reexport(package, "references.csv", "references.parquet")
    cited = read_csv(package, "references").column("cited_answer_id")
    assert cited.null_count == len(cited) - 1
    code, report = run_json("--dist", str(package))
    assert code == 0, report["failures"]


def test_a_row_deleted_from_the_parquet_only_is_reported_with_both_row_counts(package):
    parquet_row_deleted(package)
    _, report = run_json("--dist", str(package))
    reasons = [f["reason"] for f in report["failures"] if f["check"] == "rows"]
    assert any("statistics.parquet has 4 rows, statistics.csv has 5" in r for r in reasons), reasons
    assert {f["check"] for f in report["failures"]} == {"rows"}  # frictionless alone would not notice


def test_a_csv_cell_edited_is_reported_with_both_values(package):
    csv_cell_edited(package)
    _, report = run_json("--dist", str(package))
    [failure] = report["failures"]
    assert failure["check"] == "rows" and failure["row"] == 3 and failure["column"] == "heading"
    assert "'Children: Edited'" in failure["reason"] and "'Children: Exploitation'" in failure["reason"]


def test_a_wrong_parquet_hash_is_caught_though_frictionless_accepts_it(package):
    from frictionless import validate as frictionless_validate

    wrong_parquet_hash(package)
    descriptor = json.loads((package / "datapackage.json").read_text())
    [resource] = [r for r in descriptor["resources"] if r["path"] == "statistics.parquet"]
    resource["schema"].pop("foreignKeys")
    assert frictionless_validate(resource, basepath=str(package)).valid  # the limit the check exists for
    _, report = run_json("--dist", str(package))
    [failure] = report["failures"]
    assert failure["check"] == "integrity" and failure["file"] == "statistics.parquet"


def test_a_seed_added_but_not_built_fails_freshness(tmp_path, built):
    project = tmp_path / "project"
    shutil.copytree(SEEDS, project / "seeds")
    shutil.copytree(built, project / "dist")
    assert run("--dist", str(project / "dist"), "-j", "1").exit_code == 0
    (project / "seeds" / "004_new.txt").write_text((SEEDS / SEED_2019_A).read_text().replace("281056", "999999"))
    code, report = run_json("--dist", str(project / "dist"), "-j", "1")
    assert code == 1
    stale = {f["file"] for f in report["failures"] if f["check"] == "freshness"}
    assert {"answers.csv", "answers.parquet", "datapackage.json", "seeds.csv"} <= stale
    table = run("--dist", str(project / "dist"), "-j", "1")
    assert table.exit_code == 1 and "answers.parquet" in table.stdout and "pqpub build" in table.stdout


def test_a_rejected_seed_is_a_failure_with_its_reason(tmp_path, built):
    project = tmp_path / "project"
    shutil.copytree(SEEDS, project / "seeds")
    (project / "seeds" / "shopping.txt").write_text("Eggs\nMilk\nBread\n")
    report = validate(built, project / "seeds", workers=1)
    [failure] = [f for f in report.failures if f.check == "seeds"]
    assert failure.file == "seeds/shopping.txt" and "unrecognised layout" in failure.reason


def test_an_embedded_schema_that_differs_from_schema_folder_fails_the_contract_check(tmp_path, built):
    project = tmp_path / "project"
    shutil.copytree(built, project / "dist")
    shutil.copytree(REPO / "schema", project / "schema")
    schema_file = project / "schema" / "quality.json"
    schema_file.write_text(schema_file.read_text().replace("A plain explanation", "A short explanation"))
    code, report = run_json("--dist", str(project / "dist"))
    assert code == 1
    contract = [f for f in report["failures"] if f["check"] == "contract"]
    assert contract and all("quality" in f["reason"] and "description" in f["reason"] for f in contract)


# --- good packages, usage, output ------------------------------------------------------


def test_the_committed_repository_validates():
    result = run("--dist", str(DIST))
    assert result.exit_code == 0, result.stdout
    code, report = run_json("--dist", str(DIST))
    assert code == 0 and report["valid"]
    assert all(c["status"] == "passed" for c in report["checks"]), report["checks"]
    assert report["seeds"] == str(SEEDS) and report["schema"] == str(REPO / "schema")


def test_a_package_alone_validates_and_says_the_seed_checks_were_skipped(package):
    code, report = run_json("--dist", str(package))
    assert code == 0, report["failures"]
    status = {c["name"]: c for c in report["checks"]}
    assert [c["name"] for c in report["checks"]] == list(CHECKS)
    assert status["seeds"]["status"] == status["freshness"]["status"] == "skipped"
    assert "no seeds folder" in status["seeds"]["detail"]
    assert all(status[name]["status"] == "passed" for name in CHECKS if name not in ("seeds", "freshness"))
    assert report["rows"]["answers"] == report["parquet_rows"]["answers"] == 3
    table = run("--dist", str(package))
    assert table.exit_code == 0 and "skipped" in table.stdout


def test_json_output_lists_every_failure_with_its_location(package):
    date_not_a_date(package)
    code, report = run_json("--dist", str(package))
    assert code == 1
    assert set(report) >= {"valid", "checks", "failures", "rows", "dist", "seeds"}
    for failure in report["failures"]:
        assert set(failure) == {"check", "file", "row", "column", "reason"}


def test_missing_package_folder_or_descriptor_is_a_usage_error(tmp_path, package):
    result = run("--dist", str(tmp_path / "nowhere"))
    assert result.exit_code == 2 and "not found" in result.output
    (package / "datapackage.json").unlink()
    assert run("--dist", str(package)).exit_code == 2
    code, report = run_json("--dist", str(package))
    assert code == 2 and report["valid"] is False and "datapackage.json" in report["error"]


def test_a_missing_seeds_folder_named_on_the_command_line_is_a_usage_error(package, tmp_path):
    assert run("--dist", str(package), "--seeds", str(tmp_path / "no-seeds")).exit_code == 2


def test_an_unknown_format_is_a_usage_error(package):
    assert run("--dist", str(package), "--format", "xml").exit_code == 2


def test_a_descriptor_that_is_not_json_is_invalid_data(package):
    (package / "datapackage.json").write_text("{not json")
    code, report = run_json("--dist", str(package))
    assert code == 1
    assert report["failures"][0]["check"] == "descriptor" and report["failures"][0]["file"] == "datapackage.json"


def test_the_library_returns_a_report_of_located_failures(package):
    csv_cell_edited(package)
    report = validate(package)
    assert not report.valid
    assert report.failures == [Failure("rows", "answers.parquet", 3, "heading", report.failures[0].reason)]


# --- the key checks on their own ---------------------------------------------------------


class Collected:
    def __init__(self, limit: int = 20):
        self.limit, self.failures, self.counted = limit, [], 0

    def fail(self, reason, file, row=None, column=None):
        self.failures.append((file, row, column, reason))

    def count(self, file, column, failures):
        self.counted += failures


def keyed(tmp_path: Path, name: str, text: str, primary_key=(), foreign_keys=(), types=None) -> KeyedFile:
    path = tmp_path / f"{name}.csv"
    path.write_text(text)
    header = text.splitlines()[0].split(",")
    return KeyedFile(name, path, {c: (types or {}).get(c, "string") for c in header}, tuple(primary_key), tuple(foreign_keys))


def test_key_rows_are_numbered_as_frictionless_numbers_them(tmp_path):
    """A value over two lines is one row, a blank row counts, and a row with too many cells is left out but counted."""
    parents = keyed(tmp_path, "parents", "id,note\na,x\nb,y\n", ("id",))
    children = keyed(tmp_path, "children", 'parent,n,text\na,1,"two\nlines"\n\nb,2,x,extra\nzz,3,z\na,1,again\n,4,none\n',
                     ("parent", "n"), [ForeignKey(("parent",), "parents", ("id",))], {"n": "integer"})
    found = Collected()
    check_keys([parents, children], found)
    located = sorted((row, column, reason.split(": ", 1)[1] if "primary" in reason else reason) for _, row, column, reason in found.failures)
    assert located == [
        (3, "parent, n", 'cells composing the primary keys are all "None"'),
        (5, "parent", '[foreign-key] Row at position "5" violates the foreign key: for "parent": values "zz" not found in the lookup table "parents" as "id"'),
        (6, "parent, n", "the same as in the row at position 2"),
    ]
    assert found.counted == 0


def test_key_failures_beyond_the_limit_are_counted(tmp_path):
    parents = keyed(tmp_path, "parents", "id\na\n", ("id",))
    children = keyed(tmp_path, "children", "id,parent\n" + "".join(f"{i},x{i}\n" for i in range(50)) + "50,\n51,a\n",
                     ("id",), [ForeignKey(("parent",), "parents", ("id",))])
    found = Collected(limit=5)
    check_keys([parents, children], found)
    assert [row for _, row, _, _ in found.failures] == [2, 3, 4, 5, 6]
    assert found.counted == 45  # the empty parent and the known one are not failures


def test_a_reference_to_a_file_further_down_and_a_composite_key(tmp_path):
    children = keyed(tmp_path, "children", "uin,date,n\n1,2020-01-01,1\n2,2020-01-01,2\n1,,3\n", ("n",),
                     [ForeignKey(("uin", "date"), "questions", ("uin", "date"))])
    questions = keyed(tmp_path, "questions", "uin,date\n1,2020-01-01\n1,\n", ("uin", "date"))
    found = Collected()
    check_keys([children, questions], found)
    assert [(row, column) for _, row, column, _ in found.failures] == [(3, "uin, date")]
    assert 'values "2, 2020-01-01"' in found.failures[0][3]
