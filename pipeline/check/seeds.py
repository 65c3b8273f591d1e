"""The ``seeds`` and ``freshness`` checks: every seed read into records that conform to the models,
and a fresh build of the seeds byte for byte the package."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path

from ..release.descriptor import sha256_of
from .files import package_entries
from .report import ValidationReport


def check_seeds(seeds_dir: Path, report: ValidationReport) -> None:
    """Every seed is read and its answers extracted; every record must conform to its model."""
    from pydantic import ValidationError

    from ..extract.seed import extract_seed
    from ..model import GroupedQuestion
    from ..sources import iter_seed_paths

    seeds = answers = 0
    skipped: list = []
    for path in iter_seed_paths(seeds_dir, skipped):
        seeds += 1
        where = f"{seeds_dir.name}/{path.relative_to(seeds_dir).as_posix()}"
        conformance: list[tuple[str, int]] = []

        def check(reading, answer) -> None:
            extracted = answer.extracted
            records = [extracted.answer, *extracted.statistics, *extracted.references, *extracted.quality]
            records += [GroupedQuestion.model_construct(answer_id=extracted.answer.answer_id, grouped_uin=u) for u in extracted.grouped_uins]
            for record in records:
                try:
                    type(record).model_validate(dict(record.__dict__))
                except ValidationError as error:
                    problems = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'record'}: {e['msg']}" for e in error.errors(include_url=False))
                    conformance.append((f"{type(record).__name__} does not conform to the model: {problems}", answer.position))

        try:
            reading = extract_seed(path, seeds_dir, check)
        except OSError as error:  # unreadable, or gone since it was listed
            report.fail("seeds", f"not read: cannot be read: {error.strerror or error}", where)
            continue
        answers += reading.answers_passed
        for position, reason in reading.rejections:
            report.fail("seeds", f"rejected: {reason}" if position == 0 else f"record rejected: {reason}", where, position or None)
        for message, position in conformance:
            report.fail("seeds", message, where, position)
    for source_file, reason in skipped:
        report.fail("seeds", f"not read: {reason}", f"{seeds_dir.name}/{source_file}")
    report.note("seeds", f"{seeds} seeds, {answers} answers" + (f", {len(skipped)} files not read" if skipped else ""))


def check_freshness(seeds_dir: Path, dist_dir: Path, report: ValidationReport, *, workers: int | None = None) -> None:
    """A fresh build of the seeds must be byte for byte the package."""
    from ..build.publish import build

    with tempfile.TemporaryDirectory(prefix="pqpub-validate-") as scratch:
        fresh = Path(scratch) / "dist"
        try:
            # Built over a copy of the package, as `pqpub build` builds over dist/: the package is
            # the previous release, whose record of changes a build of the same rows keeps.
            # Only its regular files: a link or a FIFO in the package (the integrity check's failures)
            # must not be followed or opened by the copy, nor read by the build as the previous release.
            shutil.copytree(dist_dir, fresh, copy_function=_link_or_copy, ignore=_links_and_special_files)
            build(seeds_dir, fresh, workers=workers)
        except Exception as error:  # a failed build is a finding, not a crash of the validator
            report.fail("freshness", f"building {seeds_dir} failed: {type(error).__name__}: {error}")
            return
        built, published = _tree(fresh), _tree(dist_dir)
        for name in sorted(built.keys() | published.keys()):
            if name not in published:
                report.fail("freshness", f"missing: a build of {seeds_dir.name}/ writes it (run `pqpub build`)", name)
            elif name not in built:
                report.fail("freshness", f"extra: a build of {seeds_dir.name}/ does not write it", name)
            elif built[name] != published[name]:
                report.fail("freshness", f"differs from a build of {seeds_dir.name}/ (run `pqpub build`)", name)
        report.note("freshness", f"{len(built)} files compared with a build of {seeds_dir.name}/")


def _links_and_special_files(directory: str, names: list[str]) -> set[str]:
    """The names in ``directory`` that are links or not regular files or folders (left out of the copy)."""
    left_out = set()
    for name in names:
        mode = os.lstat(os.path.join(directory, name)).st_mode
        if stat.S_ISLNK(mode) or not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            left_out.add(name)
    return left_out


def _link_or_copy(source: str, target: str) -> None:
    """A hard link where the file system allows one: the build replaces files, never writes into them."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _tree(folder: Path) -> dict[str, str]:
    """Every regular file of the package with its SHA-256; links are not followed (the integrity check reports them)."""
    return {entry.relative: sha256_of(folder / entry.relative) for entry in package_entries(folder) if entry.problem is None}
