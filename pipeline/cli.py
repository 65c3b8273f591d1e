"""The ``pqpub`` command: a thin layer over the library."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

import typer
from rich.console import Console

from . import __version__
from .publish import build as build_package

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
) -> None:
    """Build the data package in DIST_DIR from every seed in SEEDS_DIR."""
    if not seeds_dir.is_dir():
        err.print(f"[red]error:[/] seeds folder not found: {seeds_dir}")
        raise typer.Exit(2)
    with _progress("Extracting seeds") as progress:
        report = build_package(seeds_dir, out_dir, workers=workers, progress=progress)
    for source_file, position, reason in report.rejections:
        where = f"{seeds_dir / source_file}" + (f" (record {position})" if position else "")
        err.print(f"[yellow]rejected[/] {where}: {reason}", highlight=False)
    out.print(
        f"{report.seeds_read} seeds read: {report.seeds_published} published, {report.seeds_rejected} rejected; "
        f"{report.answers_published} answers published"
        + (f", {report.records_rejected} records rejected" if report.records_rejected else "")
        + f" -> {out_dir}/",
        highlight=False,
    )
    out.print("rows: " + ", ".join(f"{name} {count}" for name, count in report.rows.items()), highlight=False)
    if strict and report.rejections:
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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
