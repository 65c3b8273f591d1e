"""Inspecting one seed: what the pipeline reads from it, shown over the text it was read from.

:func:`inspect_seed` returns a JSON-ready dict (for ``pqpub inspect FILE --json``);
:func:`render_inspection` turns it into a ``rich`` renderable: each answer's text with
every statistic and reference highlighted, and tables listing them and the quality flags.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .extract.quality import QUALITY_CODES
from .extract.seed import extract_seed

STATISTIC_STYLE = "bold black on bright_yellow"
REFERENCE_STYLES = {
    "url": "underline bright_blue",
    "document": "italic bright_magenta",
    "legislation": "italic magenta",
    "quotation": "green",
    "question": "bold bright_cyan",
    "hansard_column": "bold cyan",
}


def inspect_seed(path: Path | str, root: Path | str | None = None) -> dict[str, Any]:
    """Everything read from one seed: per answer its fields, statistics, references and quality flags.

    ``root`` is the folder that seed paths are given relative to (the seed's own folder by default).
    """
    path = Path(path)
    root = Path(root) if root is not None else path.parent
    answers = []

    def show(reading, answer) -> None:
        extracted = answer.extracted
        answers.append({
            "position": answer.position,
            "answer_id": extracted.answer.answer_id,
            "fields": _jsonable(extracted.answer.model_dump(exclude={"answer_id", "layout", "source_file", "source_sha256", "source_count"})),
            "grouped_uins": list(extracted.grouped_uins),
            "statistics": [_jsonable(s.model_dump(exclude={"answer_id"})) for s in extracted.statistics],
            "references": [_jsonable(r.model_dump(exclude={"answer_id"})) for r in extracted.references],
            "quality": [_jsonable(q.model_dump(exclude={"answer_id"})) for q in extracted.quality],
        })

    reading = extract_seed(path, root, show)
    return {
        "source_file": reading.source_file,
        "sha256": reading.sha256,
        "bytes": reading.bytes,
        "layout": reading.layout,
        "rejections": [{"position": position, "reason": reason} for position, reason in reading.rejections],
        "answers": answers,
    }


def render_inspection(inspection: dict[str, Any]) -> RenderableType:
    """A ``rich`` renderable of an :func:`inspect_seed` result."""
    parts: list[RenderableType] = [
        Text.assemble(
            ("Seed ", "bold"), (inspection["source_file"], "bold"),
            f"  layout: {inspection['layout'] or 'not recognised'}  answers: {len(inspection['answers'])}"
            f"  sha256: {inspection['sha256'][:12]}…",
        )
    ]
    for rejection in inspection["rejections"]:
        where = "file" if rejection["position"] == 0 else f"record {rejection['position']}"
        parts.append(Text(f"Rejected {where}: {rejection['reason']}", style="bold red"))
    for answer in inspection["answers"]:
        parts.append(_render_answer(answer))
    return Group(*parts)


def print_inspection(inspection: dict[str, Any], console: Console | None = None) -> None:
    (console or Console()).print(render_inspection(inspection))


def _render_answer(answer: dict[str, Any]) -> RenderableType:
    fields = answer["fields"]
    summary = Table.grid(padding=(0, 2))
    summary.add_column(style="bold")
    summary.add_column()
    for name in ("uin", "house", "heading", "answering_body", "asking_member", "tabled_date", "answered_date", "listed_date",
                 "answering_minister", "is_holding_answer", "replaces_holding_answer", "is_correction", "is_withdrawn",
                 "question_text_truncated", "answer_text_truncated"):
        value = fields.get(name)
        summary.add_row(name, "—" if value is None else str(value))
    if answer["grouped_uins"]:
        summary.add_row("grouped_uins", ", ".join(answer["grouped_uins"]))

    question = _highlighted(fields.get("question_text") or "", [], [r for r in answer["references"] if r["field"] == "question_text"])
    body = _highlighted(fields.get("answer_text") or "", answer["statistics"], [r for r in answer["references"] if r["field"] == "answer_text"])
    parts: list[RenderableType] = [
        summary,
        Panel(question, title="Question", title_align="left"),
        Panel(body if fields.get("answer_text") else Text("(no answer text)", style="dim"), title="Answer", title_align="left"),
        _legend(),
    ]
    if answer["statistics"]:
        parts.append(_statistics_table(answer["statistics"]))
    if answer["references"]:
        parts.append(_references_table(answer["references"]))
    parts.append(_quality_table(answer["quality"]))
    return Panel(Group(*parts), title=f"Answer {answer['answer_id']} (record {answer['position']})", title_align="left")


def _highlighted(text: str, statistics: list[dict], references: list[dict]) -> Text:
    rendered = Text(text)
    for reference in references:
        end = reference["offset"] + len(reference["cited_text"])
        rendered.stylize(REFERENCE_STYLES.get(reference["kind"], "underline"), reference["offset"], end)
    for statistic in statistics:
        rendered.stylize(STATISTIC_STYLE, statistic["offset"], statistic["offset"] + len(statistic["text"]))
    return rendered


def _legend() -> Text:
    legend = Text("Highlighted: ")
    legend.append("statistic", STATISTIC_STYLE)
    for kind, style in REFERENCE_STYLES.items():
        legend.append("  ")
        legend.append(kind, style)
    return legend


def _statistics_table(statistics: list[dict]) -> Table:
    table = Table(title="Statistics", title_justify="left", show_lines=False)
    for column in ("offset", "text", "value", "value_max", "unit", "scale", "counted"):
        table.add_column(column, justify="right" if column in ("offset", "value", "value_max") else "left")
    for s in statistics:
        table.add_row(
            str(s["offset"]), Text(s["text"], style=STATISTIC_STYLE), _cell(s["value"]),
            _cell(s["value_max"]), s["unit"], s["scale"], s["counted"] or "",
        )
    return table


def _references_table(references: list[dict]) -> Table:
    table = Table(title="References", title_justify="left")
    for column in ("field", "offset", "kind", "target", "footnote", "year", "cited_uin", "cited_date", "truncated"):
        table.add_column(column, overflow="fold")
    for r in references:
        table.add_row(
            "question" if r["field"] == "question_text" else "answer", str(r["offset"]),
            Text(r["kind"], style=REFERENCE_STYLES.get(r["kind"], "")), r["target"],
            _cell(r["footnote"]) + (f" (marker at {r['footnote_offset']})" if r["footnote_offset"] is not None else ""),
            _cell(r["year"]), _cell(r["cited_uin"]), _cell(r["cited_date"]), "yes" if r["truncated"] else "",
        )
    return table


def _quality_table(flags: list[dict]) -> RenderableType:
    if not flags:
        return Text("Quality: no flags", style="green")
    table = Table(title="Quality flags", title_justify="left")
    table.add_column("code", style="bold yellow")
    table.add_column("message")
    table.add_column("meaning", style="dim", overflow="fold")
    for flag in flags:
        table.add_row(flag["code"], flag["message"], QUALITY_CODES.get(flag["code"], ""))
    return table


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):  # an exact number: as its digits, which a JSON float would round
        return str(value)
    return value
