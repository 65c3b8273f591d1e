"""The ``pqpub`` command: a thin layer over the library."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

from .build.memory import choose_arrow_allocator

# Before pyarrow loads, which reads the choice once (see pipeline.build.memory).
choose_arrow_allocator()

import typer  # noqa: E402
from rich.console import Console  # noqa: E402

from . import __version__  # noqa: E402
from .fetch.client import DEFAULT_API, DEFAULT_RATE  # noqa: E402
from .build.publish import build as build_package  # noqa: E402

app = typer.Typer(
    help="Publish UK Parliament written answers as a validated Frictionless Data Package (CSV and Parquet).",
    no_args_is_help=True,
    add_completion=False,
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


def _version(value: bool) -> None:
    if value:
        out.print(f"pqpub {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
) -> None:
    pass


@contextmanager
def _progress(label: str) -> Iterator:
    """A progress bar on a terminal; nothing when output goes to a file or CI log."""
    if not err.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=err, transient=True) as bar:
        task = bar.add_task(label, total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


@app.command()
def build(
    seeds_dir: Path = typer.Argument(Path("seeds"), help="Folder of seed files (page texts or API JSON)."),
    out_dir: Path = typer.Option(Path("dist"), "--out", "-o", help="Where to publish the package; replaced only when the new one is complete."),
    workers: Optional[int] = typer.Option(None, "--workers", "-j", min=1, help="Extraction processes (default: one per core)."),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 when any seed or record is rejected."),
    cache_dir: Optional[Path] = typer.Option(None, "--cache-dir", help="Where to keep what was extracted from each seed, so that a rebuild extracts only changed seeds (default: .pqpub-cache beside DIST_DIR)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Extract every seed, and neither read nor write the cache."),
    force: bool = typer.Option(False, "--force", help="Publish even where DIST_DIR exists and is not a package pqpub built: it is moved aside (DIST_DIR.replaced-<time>), never deleted."),
) -> None:
    """Build the data package in DIST_DIR from every seed in SEEDS_DIR.

    DIST_DIR is replaced in one atomic step, and only by a complete package. It must not be,
    hold or lie in SEEDS_DIR, and where it exists it must be a package pqpub built (or empty),
    unless --force is given.
    """
    if not seeds_dir.is_dir():
        err.print(f"[red]error:[/] seeds folder not found: {seeds_dir}")
        raise typer.Exit(2)
    from .build.publish import UnsafeOutput, default_cache_dir

    cache = None if no_cache else (cache_dir or default_cache_dir(out_dir))
    try:
        with _progress("Extracting seeds") as progress:
            report = build_package(seeds_dir, out_dir, workers=workers, progress=progress, cache_dir=cache, force=force)
    except UnsafeOutput as error:
        err.print(f"[red]error:[/] {error}", highlight=False)
        raise typer.Exit(2)
    except OSError as error:  # a full disk, a folder that cannot be written: the published package is untouched
        err.print(f"[red]error:[/] the build failed and {out_dir}/ was left as it was: {error}", highlight=False)
        raise typer.Exit(1)
    if report.moved_aside is not None:
        err.print(f"[yellow]moved aside[/] {out_dir}, which was not a package pqpub built, to {report.moved_aside}", highlight=False)
    for source_file, reason in report.seeds_skipped:
        err.print(f"[yellow]not read[/] {seeds_dir / source_file}: {reason}", highlight=False)
    for source_file, position, reason in report.rejections:
        where = f"{seeds_dir / source_file}" + (f" (record {position})" if position else "")
        err.print(f"[yellow]rejected[/] {where}: {reason}", highlight=False)
    out.print(
        f"{report.seeds_read} seeds read: {report.seeds_published} published, {report.seeds_rejected} rejected; "
        f"{report.answers_published} answers published from {report.records_read} records read "
        f"({report.records_merged} merged into an answer another record gave, {report.records_rejected} rejected)"
        + (f"; {len(report.seeds_skipped)} files not read" if report.seeds_skipped else "")
        + f" -> {out_dir}/",
        highlight=False,
    )
    out.print("rows: " + ", ".join(f"{name} {count}" for name, count in report.rows.items()), highlight=False)
    if strict and (report.rejections or report.seeds_skipped):
        raise typer.Exit(1)


@app.command()
def fetch(
    since: Optional[str] = typer.Option(None, "--since", help="First day (YYYY-MM-DD) of the window: questions tabled, answered or corrected on or after it. Default: the last day the previous fetch reached, or where an interrupted fetch stopped."),
    until: Optional[str] = typer.Option(None, "--until", help="Last day (YYYY-MM-DD) of the window, inclusive. Default: today (UTC)."),
    house: Optional[str] = typer.Option(None, "--house", help="Commons or Lords (default: both)."),
    seeds_dir: Path = typer.Option(Path("seeds"), "--seeds", help="The seeds folder; records are kept under its api/ folder."),
    api: str = typer.Option(DEFAULT_API, "--api", help="The written-questions API's address."),
    rate: float = typer.Option(DEFAULT_RATE, "--rate", min=0.0, help="Most requests a second (0: no limit). The default keeps to a pace the service does not notice."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON, for scripts."),
) -> None:
    """Download written questions from the official written-questions API into SEEDS as JSON seeds."""
    import json
    from datetime import date

    from .fetch import ClientOptions, FetchOptions, ServiceFailed, fetch as fetch_questions
    from .fetch.run import FetchError, HOUSES

    def day(value: Optional[str], option: str) -> Optional[date]:
        if value is None:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            err.print(f"[red]error:[/] {option} must be a date as YYYY-MM-DD, not {value!r}", highlight=False)
            raise typer.Exit(2)

    if house is not None and house.capitalize() not in HOUSES:
        err.print(f"[red]error:[/] --house must be Commons or Lords, not {house!r}", highlight=False)
        raise typer.Exit(2)
    options = FetchOptions(
        seeds=seeds_dir, since=day(since, "--since"), until=day(until, "--until"),
        house=house.capitalize() if house else None, client=ClientOptions(api=api, rate=rate),
    )
    failed = None
    with _progress("Fetching questions") as progress:
        try:
            report = fetch_questions(options, progress=(lambda done, total, name: progress(done, total)) if progress else None)
        except FetchError as error:
            err.print(f"[red]error:[/] {error}", highlight=False)
            raise typer.Exit(2)
        except ServiceFailed as error:
            failed, report = error, getattr(error, "report", None)
    for where, reason in report.rejected if report else []:
        err.print(f"[yellow]rejected[/] {where}: {reason}", highlight=False)
    for where, reason in report.incomplete_reasons if report else []:
        err.print(f"[yellow]kept as listed[/] {where}: the single-question endpoint failed ({reason}); the next fetch asks again", highlight=False)
    if as_json:
        print(json.dumps(report.to_dict() if report else {"error": str(failed)}, indent=2))
    elif report:
        out.print(("fetch stopped " if failed else "fetched ") + report.summary() + f" -> {seeds_dir}/", highlight=False)
    if failed:
        err.print(f"[red]error:[/] the written-questions API kept failing: {failed}. "
                  f"What was fetched is kept in {seeds_dir}/; run `pqpub fetch` again to resume.", highlight=False)
        raise typer.Exit(1)


@app.command()
def inspect(
    seed: Path = typer.Argument(..., exists=True, dir_okay=False, help="One seed file."),
    as_json: bool = typer.Option(False, "--json", help="Print the extraction as JSON, for scripts."),
) -> None:
    """Show what is extracted from one SEED, with each statistic and reference highlighted."""
    import json

    from .inspect import inspect_seed, print_inspection

    inspection = inspect_seed(seed)
    if as_json:
        print(json.dumps(inspection, indent=2, ensure_ascii=False))
    else:
        print_inspection(inspection, Console())  # wrapped to the terminal, unlike the one-line reports


@app.command()
def bench(
    answers: int = typer.Option(10_000, "--answers", "-n", min=1, help="Answers in the generated corpus."),
    workers: Optional[int] = typer.Option(None, "--workers", "-j", min=1, help="Extraction processes (default: one per core)."),
    as_json: bool = typer.Option(False, "--json", help="Print the results as JSON."),
    workdir: Optional[Path] = typer.Option(None, "--workdir", help="Folder for the corpus and packages (default: a temporary folder, removed afterwards)."),
    frictionless: bool = typer.Option(True, "--frictionless/--no-frictionless", help="Also time frictionless validation of the CSV resources."),
) -> None:
    """Generate a realistic corpus and measure reading, building, rebuilding and validating it."""
    import json

    from .bench import render_extraction_table, render_table, run_benchmark

    log = (lambda message: err.print(f"[dim]{message}[/]", highlight=False)) if not as_json else None
    result = run_benchmark(answers, workers=workers, workdir=workdir, frictionless=frictionless, log=log)
    if as_json:
        print(json.dumps(result, indent=2))
    else:
        # Wide enough for every column unwrapped, in a log file as much as in a terminal.
        console = Console(width=max(out.width, 132))
        console.print(render_table(result))
        console.print(render_extraction_table(result))


@app.command()
def schema(
    out_dir: Path = typer.Option(Path("schema"), "--out", "-o", help="The contract folder: a Table Schema per table, answer.schema.json and contract.json."),
    check: bool = typer.Option(False, "--check", help="Write nothing; exit 1 naming every file that differs from what the models generate."),
) -> None:
    """Generate the published contract (schema/) from the models, or check that it is up to date."""
    from .schema import ContractError, check_schemas, committed_contract, contract, contract_changes, write_schemas

    try:
        committed = committed_contract(out_dir)
    except ValueError as error:
        err.print(f"[red]error:[/] {out_dir / 'contract.json'} cannot be read: {error}", highlight=False)
        raise typer.Exit(1 if check else 2)
    if check:
        differing = check_schemas(out_dir)
        for name in differing:
            err.print(f"[red]differs[/] {out_dir / name}", highlight=False)
        for problem in contract_changes(committed, contract()) if committed else []:
            err.print(f"[red]contract:[/] {problem}", highlight=False)
        if differing:
            err.print(f"{out_dir}/ is not what the models generate: run `pqpub schema` and commit it", highlight=False)
            raise typer.Exit(1)
        out.print(f"{out_dir}/ is up to date", highlight=False)
        return
    try:
        changed = write_schemas(out_dir)
    except ContractError as error:
        for problem in error.problems:
            err.print(f"[red]contract:[/] {problem}", highlight=False)
        err.print("nothing written: raise CONTRACT_VERSION in pipeline/tables.py first", highlight=False)
        raise typer.Exit(1)
    for name in changed:
        out.print(f"wrote {out_dir / name}", highlight=False)
    out.print(f"{out_dir}/ is up to date" + (f" ({len(changed)} files written)" if changed else ""), highlight=False)


@app.command()
def diff(
    old_dist: Path = typer.Argument(..., exists=True, file_okay=False, help="The earlier package folder."),
    new_dist: Path = typer.Argument(..., exists=True, file_okay=False, help="The later package folder."),
    as_json: bool = typer.Option(False, "--json", help="Print the differences as JSON, for scripts."),
) -> None:
    """Say what changed from OLD_DIST to NEW_DIST: rows added, removed and changed per table, answers by id and field."""
    import json

    from .release.diff import diff_packages, render

    try:
        found = diff_packages(old_dist, new_dist)
    except FileNotFoundError as error:
        err.print(f"[red]error:[/] {error}", highlight=False)
        raise typer.Exit(2)
    if as_json:
        print(json.dumps(found.to_dict(), indent=2, ensure_ascii=False))
    else:
        for line in render(found):
            out.print(line, highlight=False)


@app.command()
def validate(
    seeds_dir: Optional[Path] = typer.Option(None, "--seeds", help="Seeds folder (default: seeds/ beside the package folder, where there is one)."),
    dist_dir: Path = typer.Option(Path("dist"), "--dist", help="The package folder, holding datapackage.json."),
    output_format: str = typer.Option("table", "--format", help="table (readable) or json (machine-readable)."),
    workers: Optional[int] = typer.Option(None, "--workers", "-j", min=1, help="Build processes for the freshness check (default: one per core)."),
) -> None:
    """Validate the seeds and the package: exit 0 when valid, 1 when not, 2 on a usage or environment error.

    The package's Table Schemas are held to schema/ beside the package folder where there is one.
    """
    import json

    from rich.table import Table as RichTable
    from rich.text import Text

    from .check import ValidationSetupError, validate as validate_package

    if output_format not in ("table", "json"):
        err.print(f"[red]error:[/] --format must be table or json, not {output_format!r}", highlight=False)
        raise typer.Exit(2)
    if seeds_dir is None and (dist_dir.parent / "seeds").is_dir():
        seeds_dir = dist_dir.parent / "seeds"
    schema_dir = dist_dir.parent / "schema" if (dist_dir.parent / "schema").is_dir() else None
    try:
        report = validate_package(dist_dir, seeds_dir, schema_dir, workers=workers)
    except ValidationSetupError as error:
        if output_format == "json":
            print(json.dumps({"valid": False, "error": str(error)}, indent=2))
        err.print(f"[red]error:[/] {error}", highlight=False)
        raise typer.Exit(2)
    if output_format == "json":
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        console = Console(soft_wrap=False, width=None if out.is_terminal else 200)
        styles = {"passed": "green", "failed": "bold red", "skipped": "yellow"}
        checks = RichTable(title=f"pqpub validate {dist_dir}", title_justify="left")
        for heading in ("check", "result", "failures", "detail"):
            checks.add_column(heading)
        for check in report.checks.values():
            count = sum(1 for f in report.failures if f.check == check.name)
            checks.add_row(check.name, Text(check.status, style=styles[check.status]), str(count) if count else "", Text(check.detail))
        console.print(checks)
        if report.failures:
            failures = RichTable(title=f"{len(report.failures)} failure{'s' if len(report.failures) != 1 else ''}", title_justify="left")
            for heading in ("check", "file", "row", "column", "reason"):
                failures.add_column(heading, overflow="fold")
            for failure in report.failures:
                failures.add_row(failure.check, Text(failure.file or ""), "" if failure.row is None else str(failure.row), Text(failure.column or ""), Text(failure.reason))
            console.print(failures)
        rows = sum(report.rows.values())
        console.print(Text(f"{'valid' if report.valid else 'INVALID'}: {rows} rows in {len(report.rows)} tables checked", style="green" if report.valid else "bold red"))
    if not report.valid:
        raise typer.Exit(1)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
