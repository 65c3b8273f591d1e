"""The release step's shortcuts give exactly what the plain way gives.

- two files holding the same keys in the same order are compared column by column
  (:func:`pipeline.release.diff._aligned_diff`): the same diff as the general comparison;
- exact numbers go into the database through their text (:func:`pipeline.release.sqlite.nearest_float`):
  the same doubles as Python's ``float(Decimal)``;
- the manifest takes the digests computed for the descriptor, and hashes the other files.

The database's own shortcuts are checked in tests/test_database_bytes.py.
"""

from __future__ import annotations

import json
import random
from datetime import date
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.build.output import MANIFEST, manifest_files, read_manifest, write_manifest
from pipeline.release import diff as diff_module
from pipeline.release.descriptor import resource_digests, sha256_of
from pipeline.release.sqlite import nearest_float
from pipeline.tables import DECIMAL

SCHEMA = pa.schema([
    ("answer_id", pa.string()), ("text", pa.string()), ("value", DECIMAL), ("count", pa.int64()),
    ("flag", pa.bool_()), ("day", pa.date32()), ("ratio", pa.float64()),
])


def _rows(n: int, seed: int = 0) -> list[dict]:
    rng = random.Random(seed)
    return [{
        "answer_id": f"a{i:05d}",
        "text": rng.choice(["x", "y", None, "long text " * 20]),
        "value": rng.choice([None, Decimal(rng.randrange(10**12)).scaleb(-4)]),
        "count": rng.choice([None, rng.randrange(100)]),
        "flag": rng.choice([None, True, False]),
        "day": rng.choice([None, date(2020, 1, 1 + rng.randrange(28))]),
        "ratio": rng.choice([None, 0.0, -0.0, 1.5, float("nan")]),
    } for i in range(n)]


def _write(path: Path, rows: list[dict], row_group: int) -> Path:
    pq.write_table(pa.Table.from_pylist(rows, SCHEMA), path, row_group_size=row_group)
    return path


def _both(tmp_path: Path, old_rows: list[dict], new_rows: list[dict], monkeypatch, limit: int | None = None):
    """(general comparison, aligned-or-general comparison) of the two tables, as dictionaries."""
    old = _write(tmp_path / "old.parquet", old_rows, 700)
    new = _write(tmp_path / "new.parquet", new_rows, 1000)  # other row groups: batches are realigned
    found = diff_module._diff_table("answers", ["answer_id"], old, new, limit)
    with monkeypatch.context() as patched:
        patched.setattr(diff_module, "_aligned_diff", lambda *args: False)
        general = diff_module._diff_table("answers", ["answer_id"], old, new, limit)
    return vars(general), vars(found)


@pytest.mark.parametrize("limit", [None, 3])
def test_aligned_comparison_gives_the_general_comparisons_diff(tmp_path, monkeypatch, limit):
    old_rows = _rows(20_000)
    new_rows = [dict(row) for row in old_rows]
    other = {"text": "z", "value": Decimal("1.25"), "count": 7, "flag": True, "day": date(2021, 5, 5)}
    for i in random.Random(1).sample(range(len(new_rows)), 40):
        column = random.Random(i).choice(list(other))
        new_rows[i][column] = None if new_rows[i][column] is not None else other[column]
    general, found = _both(tmp_path, old_rows, new_rows, monkeypatch, limit)
    assert found == general
    assert found["changed"] >= 40  # NaN differs from NaN for Python's hashes, as for Arrow
    assert diff_module._aligned_diff(diff_module.TableDiff("answers", ["answer_id"]), tmp_path / "old.parquet",
                                     tmp_path / "new.parquet", ["answer_id"], ["text", "value"], limit)


def test_aligned_comparison_of_equal_files(tmp_path, monkeypatch):
    rows = [r | {"ratio": 1.0} for r in _rows(3_000)]
    general, found = _both(tmp_path, rows, rows, monkeypatch)
    assert found == general and found["changed"] == 0


@pytest.mark.parametrize("change", ["added", "removed", "moved", "repeated"])
def test_keys_not_aligned_are_compared_the_general_way(tmp_path, monkeypatch, change):
    old_rows = [r | {"ratio": 1.0} for r in _rows(3_000)]
    new_rows = [dict(r) for r in old_rows]
    if change == "added":
        new_rows.insert(100, new_rows[100] | {"answer_id": "new"})
    elif change == "removed":
        del new_rows[100]
    elif change == "moved":
        new_rows[100], new_rows[2_500] = new_rows[2_500], new_rows[100]
    else:  # a key twice in both: the general comparison matches both new rows with the first old one
        old_rows[200] = old_rows[200] | {"answer_id": old_rows[100]["answer_id"]}
        new_rows[200] = new_rows[200] | {"answer_id": new_rows[100]["answer_id"], "count": 12345}
    general, found = _both(tmp_path, old_rows, new_rows, monkeypatch)
    assert found == general
    assert not diff_module._aligned_diff(diff_module.TableDiff("answers", ["answer_id"]), tmp_path / "old.parquet",
                                         tmp_path / "new.parquet", ["answer_id"], ["text", "value"], None)


def test_exact_numbers_become_the_doubles_python_gives():
    rng = random.Random(7)
    values = [Decimal(rng.randrange(10 ** rng.randint(1, 38)) * rng.choice([1, -1])).scaleb(-10) for _ in range(100_000)]
    values += [None, Decimal(0), Decimal("0.1"), Decimal("-2.5"), Decimal("9" * 28 + "." + "9" * 10)]
    column = pa.array(values, DECIMAL)
    found = nearest_float(column).to_pylist()
    expected = [None if v is None else float(v) for v in values]
    assert [None if f is None else f.hex() for f in found] == [None if f is None else f.hex() for f in expected]


def test_manifest_takes_the_digests_given_and_hashes_the_other_files(tmp_path):
    (tmp_path / "a.csv").write_bytes(b"one\n")
    (tmp_path / "b.csv").write_bytes(b"two\n")
    write_manifest(tmp_path, known={"a.csv": "0" * 64})  # given: taken as it is, the file not read
    files = {f["path"]: f["hash"] for f in read_manifest(tmp_path)["files"]}
    assert files == {"a.csv": "sha256:" + "0" * 64, "b.csv": f"sha256:{sha256_of(tmp_path / 'b.csv')}"}


def test_a_built_manifest_lists_the_descriptors_digests_which_are_the_files_own(built):
    descriptor = json.loads((built / "datapackage.json").read_text(encoding="utf-8"))
    listed = {f["path"]: f["hash"] for f in read_manifest(built)["files"]}
    for name, digest in resource_digests(descriptor).items():
        assert listed[name] == f"sha256:{digest}" == f"sha256:{sha256_of(built / name)}"
    assert {f.path: f"sha256:{f.sha256}" for f in manifest_files(built) if f.path != MANIFEST} == listed
