"""The package's landing page, ``index.html``: what it holds, for a person, in one static file.

The page needs nothing but itself: no script, no stylesheet or font fetched, no image
file. Its charts are SVG drawn here, at build time. Every value taken from the data is
escaped, so an answer holding ``<script>`` is shown as text, never run. It depends only
on the package (no clock, no machine), so two builds of the same rows give the same
bytes. The figures are counted from the Parquet files a batch at a time: memory holds
the counts per month and per answering body, never the rows.
"""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from ..build.memory import streamed_parquet
from ..extract.quality import QUALITY_CODES
from .sqlite import DATABASE_NAME, DATASETTE_METADATA_NAME

PAGE_NAME = "index.html"
#: Answering bodies shown, by most answers.
TOP_BODIES = 15
#: Sample rows shown per table, and the characters shown of a long value.
SAMPLE_ROWS = 3
SAMPLE_CHARACTERS = 120
BATCH_ROWS = 16_384
HOUSES = ("Commons", "Lords")
#: Colours of the houses' bars (Commons green, Lords red, as Parliament's own pages), and of answers with no house.
COLOURS = {"Commons": "#006e46", "Lords": "#b50938", None: "#8a8a8a"}


@dataclass
class Figures:
    """What the page counts from the answers and quality tables."""

    #: (year-month, house or None) -> answers answered that month.
    by_month: Counter = field(default_factory=Counter)
    undated: int = 0
    bodies: Counter = field(default_factory=Counter)
    #: Quality code -> answers flagged with it.
    quality: Counter = field(default_factory=Counter)


def count_figures(directory: Path) -> Figures:
    figures = Figures()
    answers = streamed_parquet(directory / "answers.parquet")
    for batch in answers.iter_batches(batch_size=BATCH_ROWS, columns=["answered_date", "house", "answering_body"], use_threads=False):
        dates, houses, bodies = (c.to_pylist() for c in batch.columns)
        for answered, house in zip(dates, houses):
            if answered is None:
                figures.undated += 1
            else:
                figures.by_month[(f"{answered.year:04d}-{answered.month:02d}", house)] += 1
        figures.bodies.update(b for b in bodies if b)
    quality = streamed_parquet(directory / "quality.parquet")
    for batch in quality.iter_batches(batch_size=BATCH_ROWS, columns=["code"], use_threads=False):
        figures.quality.update(batch.column(0).to_pylist())
    return figures


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _months(first: str, last: str) -> list[str]:
    year, month = map(int, first.split("-"))
    end = tuple(map(int, last.split("-")))
    months = []
    while (year, month) <= end:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def month_chart(figures: Figures) -> str:
    """Answers per month, stacked by house, as an inline SVG."""
    if not figures.by_month:
        return '<p id="answers-by-month">No answer in this release gives its date.</p>'
    keys = sorted({m for m, _ in figures.by_month})
    months = _months(keys[0], keys[-1])
    houses = [*HOUSES, None]
    totals = [sum(figures.by_month[(m, h)] for h in houses) for m in months]
    peak = max(totals)
    width, height, left, bottom, top = 880, 260, 48, 36, 12
    plot_w, plot_h = width - left - 12, height - bottom - top
    step = plot_w / len(months)
    bar = max(step * 0.8, 1.0)
    parts = [
        f'<svg id="answers-by-month" role="img" viewBox="0 0 {width} {height}" width="100%" xmlns="http://www.w3.org/2000/svg">',
        "<title>Answers per month, by house</title>",
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#444"/>',
        f'<text x="{left - 6}" y="{top + 4}" text-anchor="end" font-size="11">{peak:,}</text>',
        f'<text x="{left - 6}" y="{top + plot_h}" text-anchor="end" font-size="11">0</text>',
    ]
    for index, month in enumerate(months):
        x = left + index * step + (step - bar) / 2
        y = top + plot_h
        for house in houses:
            count = figures.by_month[(month, house)]
            if not count:
                continue
            # At least 2 pixels, so that a month of a few answers beside a month of thousands still shows.
            h = max(plot_h * count / peak, 2.0)
            y -= h
            parts.append(
                f'<rect class="bar" x="{x:.2f}" y="{y:.2f}" width="{bar:.2f}" height="{h:.2f}" fill="{COLOURS[house]}">'
                f"<title>{_e(month)}: {count:,} answer{'' if count == 1 else 's'}, {_e(house or 'house not given')}</title></rect>"
            )
        if month.endswith("-01") or index == 0 or len(months) <= 12:
            label = month if len(months) <= 12 else month[:4]
            parts.append(f'<text x="{x + bar / 2:.2f}" y="{top + plot_h + 16}" text-anchor="middle" font-size="11">{_e(label)}</text>')
    legend_x = left
    for house in houses:
        if any(figures.by_month[(m, house)] for m in months):
            parts.append(f'<rect x="{legend_x}" y="{height - 12}" width="10" height="10" fill="{COLOURS[house]}"/>')
            parts.append(f'<text x="{legend_x + 14}" y="{height - 3}" font-size="11">{_e(house or "house not given")}</text>')
            legend_x += 130
    parts.append("</svg>")
    return "\n".join(parts)


def _bar_rows(counts: list[tuple[str, int]], label: str, code: bool = False) -> str:
    peak = max((n for _, n in counts), default=1) or 1
    rows = [f"<tr><th>{_e(label)}</th><th>answers</th><th></th></tr>"]
    for name, count in counts:
        shown = f"<code>{_e(name)}</code>" if code else _e(name)
        rows.append(f'<tr><td>{shown}</td><td class="n">{count:,}</td><td class="barcell"><span class="hbar" style="width:{100 * count / peak:.1f}%"></span></td></tr>')
    return "\n".join(rows)


def _sample(directory: Path, resource: dict[str, Any]) -> list[dict[str, Any]]:
    parquet = pq.ParquetFile(directory / resource["path"].replace(".csv", ".parquet"))
    if not parquet.metadata.num_rows:
        return []
    return parquet.read_row_group(0).slice(0, SAMPLE_ROWS).to_pylist()


def _short(value: Any) -> str:
    if value is None:
        return ""
    text = str(value).lower() if isinstance(value, bool) else str(value)
    return text if len(text) <= SAMPLE_CHARACTERS else text[: SAMPLE_CHARACTERS - 1] + "…"


def _size(path: Path) -> str:
    size = path.stat().st_size
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:,} {unit}" if unit == "bytes" else f"{size:,.1f} {unit}"
        size /= 1024
    return ""


STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1100px;padding:1rem 1.5rem;color:#1b1b1b;line-height:1.45}
h1{margin-bottom:.2rem}h2{border-bottom:2px solid #ddd;padding-bottom:.2rem;margin-top:2rem}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.9rem}td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}.n{text-align:right;font-variant-numeric:tabular-nums}.barcell{width:240px}
.hbar{display:inline-block;height:.8rem;background:#006e46}.facts td:first-child{font-weight:600}
.scroll{overflow-x:auto;max-width:100%}.sample td{min-width:9rem;max-width:320px;overflow-wrap:anywhere;font-size:.8rem}code{font-size:.85em}
"""


def render_page(directory: Path, descriptor: dict[str, Any], figures: Figures | None = None) -> str:
    figures = figures or count_figures(directory)
    covered = descriptor["coverage"]
    licence = descriptor["licenses"][0]
    resources = [r for r in descriptor["resources"] if r.get("format") == "csv"]
    answers = covered["rows"].get("answers", 0)
    answer_dates = covered["dates"].get("answers", {})
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # Nothing may be fetched or run: the page is read offline, from a download.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">",
        f"<title>{_e(descriptor['title'])}</title>",
        f"<style>{STYLE}</style></head><body>",
        f"<h1>{_e(descriptor['title'])}</h1>",
        f"<p>{_e(descriptor['description'])}</p>",
        '<table class="facts" id="release">',
        f"<tr><td>Data version</td><td><code>{_e(descriptor['version'])}</code></td></tr>",
        f"<tr><td>Contract version</td><td><code>{_e(descriptor['contractVersion'])}</code></td></tr>",
        f"<tr><td>Licence</td><td><a href=\"{_e(licence['path'])}\">{_e(licence['title'])}</a></td></tr>",
        f"<tr><td>Answers</td><td>{answers:,}</td></tr>",
    ]
    for column, (first, last) in answer_dates.items():
        span = f"{_e(first)} to {_e(last)}" if first and last else "none given by any source"
        out.append(f"<tr><td>{_e(column.replace('_', ' ').capitalize())}</td><td>{span}</td></tr>")
    out += [
        "</table>",
        "<h2>Answers per month, by house</h2>",
        month_chart(figures),
    ]
    if figures.undated:
        out.append(f"<p>{figures.undated:,} answers give no date of answer and are not in the chart.</p>")
    bodies = sorted(figures.bodies.items(), key=lambda item: (-item[1], item[0]))[:TOP_BODIES]
    out += [
        "<h2>Answering bodies with most answers</h2>",
        f'<table id="answering-bodies">{_bar_rows(bodies, "answering body")}</table>',
        "<h2>Quality flags</h2>",
        "<p>Where a source was imperfect, the answer is flagged in the <code>quality</code> table.</p>",
        '<table id="quality-flags"><tr><th>code</th><th>answers</th><th>meaning</th></tr>',
    ]
    for code, meaning in QUALITY_CODES.items():
        out.append(f'<tr><td><code>{_e(code)}</code></td><td class="n">{figures.quality[code]:,}</td><td>{_e(meaning)}</td></tr>')
    out += ["</table>", "<h2>Files</h2>", '<table id="files"><tr><th>file</th><th>what it is</th><th>size</th></tr>']
    files = [("datapackage.json", "The Frictionless Data Package descriptor: every table, column, key, licence and source."),
             ("README.md", "The data dictionary: every column explained, how to read the files with their types.")]
    for resource in descriptor["resources"]:
        files.append((resource["path"], resource["title"]))
    files.append((DATASETTE_METADATA_NAME, f"Titles, descriptions, licence and source for datasette {DATABASE_NAME}."))
    for name, what in files:
        if (directory / name).is_file():
            out.append(f'<tr><td><a href="{_e(name)}">{_e(name)}</a></td><td>{_e(what)}</td><td class="n">{_e(_size(directory / name))}</td></tr>')
    out += ["</table>", "<h2>Tables</h2>"]
    for resource in resources:
        schema = resource["schema"]
        name = resource["name"]
        out += [
            f'<section class="table" id="table-{_e(name)}">',
            f"<h3>{_e(name)}: {_e(resource['title'])}</h3>",
            f"<p>{_e(resource['description'])} {covered['rows'].get(name, 0):,} rows. "
            f"Primary key: {_e(', '.join(schema['primaryKey']))}. "
            f'Files: <a href="{_e(resource["path"])}">{_e(resource["path"])}</a>, '
            f'<a href="{_e(name)}.parquet">{_e(name)}.parquet</a>.</p>',
            '<table class="columns"><tr><th>column</th><th>type</th><th>description</th></tr>',
        ]
        for column in schema["fields"]:
            out.append(f"<tr><td><code>{_e(column['name'])}</code></td><td>{_e(column['type'])}</td><td>{_e(column['description'])}</td></tr>")
        out.append("</table>")
        sample = _sample(directory, resource)
        if sample:
            columns = [f["name"] for f in schema["fields"]]
            out.append(f'<p>The first {len(sample)} rows:</p><div class="scroll"><table class="sample"><tr>' + "".join(f"<th>{_e(c)}</th>" for c in columns) + "</tr>")
            for row in sample:
                out.append("<tr>" + "".join(f"<td>{_e(_short(row.get(c)))}</td>" for c in columns) + "</tr>")
            out.append("</table></div>")
        out.append("</section>")
    out += ["</body></html>", ""]
    return "\n".join(out)


def write_page(directory: Path, descriptor: dict[str, Any], figures: Figures | None = None) -> Path:
    path = directory / PAGE_NAME
    path.write_text(render_page(directory, descriptor, figures), encoding="utf-8")
    return path
