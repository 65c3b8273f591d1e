"""The ``integrity`` check: every file's size and SHA-256 are what the descriptor or the manifest says,
and the package holds no file that neither lists."""

from __future__ import annotations

from pathlib import Path

from ..release.descriptor import sha256_of
from .files import package_entries, path_in, path_problem
from .report import ValidationReport


def check_integrity(dist_dir: Path, resources: list[dict], report: ValidationReport) -> None:
    files = 0
    for resource in resources:
        path = path_in(dist_dir, resource)
        if path is None:
            continue
        if not path.is_file():
            report.fail("integrity", f"file of resource {resource.get('name')} not found", path.name)
            continue
        files += 1
        declared_hash = resource.get("hash")
        if declared_hash is None:
            report.fail("integrity", f"resource {resource.get('name')} declares no hash", path.name)
        else:
            algorithm, _, digest = str(declared_hash).partition(":")
            if algorithm != "sha256":
                report.fail("integrity", f"hash {declared_hash!r} is not a 'sha256:' hash", path.name)
            elif (actual := sha256_of(path)) != digest.lower():
                report.fail("integrity", f"SHA-256 is {actual}, the descriptor says {digest}", path.name)
        if "bytes" in resource and resource["bytes"] != path.stat().st_size:
            report.fail("integrity", f"size is {path.stat().st_size} bytes, the descriptor says {resource['bytes']}", path.name)
        elif "bytes" not in resource and resource.get("format") == "csv":
            report.fail("integrity", f"resource {resource.get('name')} declares no bytes", path.name)
    files += check_every_file(dist_dir, resources, report)
    report.note("integrity", f"{files} files hashed")


def check_every_file(dist_dir: Path, resources: list[dict], report: ValidationReport) -> int:
    """Every file the package holds is one it declares, unchanged; the number of files hashed.

    The descriptor declares the tables; the manifest (:mod:`pipeline.build.output`) lists every file
    with its SHA-256, whatever a build writes (the data dictionary, the descriptor itself, and any
    other file). So an edited README or a file added to the package is found without the seeds.
    Links and anything but regular files are failures, never opened. Files that are resources
    are hashed once, against the descriptor."""
    from ..build.output import MANIFEST, read_manifest

    declared = {r["path"]: r for r in resources if isinstance(r.get("path"), str)}
    manifest = read_manifest(dist_dir)
    listed: dict[str, dict] = {}
    if manifest is None:
        report.fail("integrity", f"no manifest {MANIFEST} (or not pqpub's): the files the descriptor does not describe, "
                    "such as README.md, cannot be checked", MANIFEST)
    else:
        for item in manifest["files"]:
            if isinstance(item, dict) and isinstance(item.get("path"), str):
                listed[item["path"]] = item
            else:
                report.fail("integrity", f"manifest entry {item!r} names no file", MANIFEST)
    present, odd = set(), set()
    for entry in package_entries(dist_dir):
        if entry.problem is not None:
            report.fail("integrity", entry.problem, entry.relative)
            odd.add(entry.relative)
            continue
        present.add(entry.relative)
        if entry.relative != MANIFEST and entry.relative not in listed and entry.relative not in declared:
            report.fail("integrity", "extra file: neither the descriptor nor the manifest lists it", entry.relative)
    hashed = 0
    for path, item in sorted(listed.items()):
        problem = path_problem(dist_dir, path)
        if problem is not None:
            if path not in odd:  # a link or special file already reported as it was found
                report.fail("integrity", f"manifest entry {problem}", path)
            continue
        if path not in present:
            report.fail("integrity", "listed in the manifest but not in the package", path)
            continue
        if path in declared:
            continue  # checked against the descriptor's size and hash above
        hashed += 1
        algorithm, _, digest = str(item.get("hash")).partition(":")
        if algorithm != "sha256":
            report.fail("integrity", f"manifest hash {item.get('hash')!r} is not a 'sha256:' hash", path)
        elif (actual := sha256_of(dist_dir / path)) != digest.lower():
            report.fail("integrity", f"SHA-256 is {actual}, the manifest says {digest}: the file was changed after it was built", path)
        if item.get("bytes") != (size := (dist_dir / path).stat().st_size):
            report.fail("integrity", f"size is {size} bytes, the manifest says {item.get('bytes')}", path)
    return hashed
