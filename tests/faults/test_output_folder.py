"""The output folder is only ever a package: never the seeds, never a folder pqpub did not build."""

from __future__ import annotations

import os

import pytest

from pipeline.build.output import MANIFEST, UnsafeOutput
from pipeline.build.publish import build

from .helpers import everything, pqpub, tree


def test_output_equal_to_the_seeds_folder_is_refused_and_no_seed_touched(seeds_copy):
    before = tree(seeds_copy)
    result = pqpub("build", str(seeds_copy), "--out", str(seeds_copy))
    assert result.returncode == 2
    assert "is the seeds folder" in result.stderr
    assert tree(seeds_copy) == before
    assert everything(seeds_copy.parent) == {"seeds", *(f"seeds/{n}" for n in before)}


def test_output_holding_the_seeds_folder_is_refused_even_with_force(tmp_path):
    project = tmp_path / "project"
    (project / "seeds").mkdir(parents=True)
    (project / "seeds" / "a.txt").write_text("To ask the Secretary of State ...")
    (project / ".git").mkdir()
    (project / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    before = everything(tmp_path)
    for extra in ([], ["--force"]):
        result = pqpub("build", str(project / "seeds"), "--out", str(project), *extra)
        assert result.returncode == 2, result.stderr
        assert "holds the seeds folder" in result.stderr
        assert everything(tmp_path) == before


def test_output_inside_the_seeds_folder_is_refused(seeds_copy):
    before = everything(seeds_copy)
    result = pqpub("build", str(seeds_copy), "--out", str(seeds_copy / "dist"))
    assert result.returncode == 2
    assert "inside the seeds folder" in result.stderr
    assert everything(seeds_copy) == before


def test_output_reached_through_a_link_to_the_seeds_is_refused(seeds_copy, tmp_path):
    (tmp_path / "alias").symlink_to(seeds_copy)
    with pytest.raises(UnsafeOutput):
        build(seeds_copy, tmp_path / "alias" / "dist", workers=1)
    assert not (seeds_copy / "dist").exists()


def test_cache_folder_inside_the_seeds_is_refused(seeds_copy, tmp_path):
    result = pqpub("build", str(seeds_copy), "--out", str(tmp_path / "dist"), "--cache-dir", str(seeds_copy / "cache"))
    assert result.returncode == 2
    assert "cache folder" in result.stderr
    assert not (tmp_path / "dist").exists() and not (seeds_copy / "cache").exists()


def test_an_existing_folder_that_is_not_a_package_is_refused(seeds_copy, tmp_path):
    out = tmp_path / "website"
    out.mkdir()
    (out / "index.html").write_text("<h1>mine</h1>")
    result = pqpub("build", str(seeds_copy), "--out", str(out))
    assert result.returncode == 2
    assert "not a package pqpub built" in result.stderr and "--force" in result.stderr
    assert tree(out) == {"index.html": tree(out)["index.html"]}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["seeds", "website"]


def test_a_file_as_output_is_refused(seeds_copy, tmp_path):
    (tmp_path / "notes.txt").write_text("keep me")
    result = pqpub("build", str(seeds_copy), "--out", str(tmp_path / "notes.txt"))
    assert result.returncode == 2
    assert (tmp_path / "notes.txt").read_text() == "keep me"


def test_force_moves_a_folder_that_is_not_a_package_aside_and_deletes_nothing(seeds_copy, tmp_path):
    out = tmp_path / "website"
    out.mkdir()
    (out / "index.html").write_text("<h1>mine</h1>")
    result = pqpub("build", str(seeds_copy), "--out", str(out), "--force")
    assert result.returncode == 0, result.stderr
    assert "moved aside" in result.stderr
    [aside] = [p for p in tmp_path.iterdir() if p.name.startswith("website.replaced-")]
    assert (aside / "index.html").read_text() == "<h1>mine</h1>"
    assert (out / MANIFEST).is_file() and (out / "datapackage.json").is_file()


def test_a_package_pqpub_built_is_replaced_without_force(seeds_copy, tmp_path):
    out = tmp_path / "dist"
    assert pqpub("build", str(seeds_copy), "--out", str(out)).returncode == 0
    (seeds_copy / "001_9f0442c81153244d.txt").unlink()
    result = pqpub("build", str(seeds_copy), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "2 seeds read" in result.stdout


def test_a_package_built_before_the_marker_is_recognised(seeds_copy, tmp_path):
    out = tmp_path / "dist"
    build(seeds_copy, out, workers=1)
    (out / MANIFEST).unlink()  # as packages were built before it existed
    build(seeds_copy, out, workers=1)
    assert (out / MANIFEST).is_file()


def test_an_empty_folder_is_accepted(seeds_copy, tmp_path):
    (tmp_path / "dist").mkdir()
    build(seeds_copy, tmp_path / "dist", workers=1)
    assert (tmp_path / "dist" / "datapackage.json").is_file()


def test_the_package_follows_the_umask(seeds_copy, tmp_path):
    previous = os.umask(0o022)
    try:
        build(seeds_copy, tmp_path / "dist", workers=1)
    finally:
        os.umask(previous)
    assert (tmp_path / "dist").stat().st_mode & 0o777 == 0o755
    assert (tmp_path / "dist" / "answers.csv").stat().st_mode & 0o777 == 0o644
    previous = os.umask(0o027)
    try:
        build(seeds_copy, tmp_path / "dist", workers=1)
    finally:
        os.umask(previous)
    assert (tmp_path / "dist").stat().st_mode & 0o777 == 0o750


def test_a_package_of_earlier_builds_with_their_own_files_is_recognised_but_not_one_holding_other_things(seeds_copy, tmp_path):
    out = tmp_path / "dist"
    build(seeds_copy, out, workers=1)
    (out / MANIFEST).unlink()
    (out / "index.html").write_text("<h1>landing page</h1>")
    (out / "answers.sqlite").write_bytes(b"SQLite format 3\x00")
    build(seeds_copy, out, workers=1)  # recognised: replaced
    (out / MANIFEST).unlink()
    (out / "thesis").mkdir()
    with pytest.raises(UnsafeOutput, match="not a package pqpub built"):
        build(seeds_copy, out, workers=1)
    assert (out / "thesis").is_dir()


def test_a_folder_whose_descriptor_is_another_package_is_refused(seeds_copy, tmp_path):
    out = tmp_path / "other-package"
    out.mkdir()
    (out / "datapackage.json").write_text('{"name": "someone-elses-data", "resources": []}')
    (out / "data.csv").write_text("a\n1\n")
    with pytest.raises(UnsafeOutput):
        build(seeds_copy, out, workers=1)
    assert (out / "data.csv").read_text() == "a\n1\n"
