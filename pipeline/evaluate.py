"""Scoring the pipeline against hand-read documents.

A folder of labelled examples holds document files and ``expected.jsonl``: one line per
record a person read from a document, with the values they read (the conventions are in
the folder's README). This module reads each document as ``pqpub build`` would, pairs
every expected record with the answer published for it, and says how many records were
published and how many of their fields, statistics and references are right.

    python -m pipeline.evaluate tests/examples2            # a table for people
    python -m pipeline.evaluate tests/examples2 --json     # figures for scripts
    python -m pipeline.evaluate tests/real_sample -v       # a hand-checked sample of answers

Records are paired by the start of their question, in document order, so a record that
is published out of place, twice or not at all shows as such.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .extract import extract_answer
from .model import PageAnswer
from .sources import read_text

#: Fields compared one to one: expected label -> the published answer's field.
SCALAR_FIELDS = {
    "uin": "uin",
    "heading": "heading",
    "answering_body": "answering_body",
    "asking_member": "asking_member",
    "tabled_date": "tabled_date",
    "answered_date": "answered_date",
    "answering_minister": "answering_minister",
    "is_holding_replacement": "replaces_holding_answer",
    "answer_truncated": "answer_text_truncated",
    "question_truncated": "question_text_truncated",
}
#: Every field scored for a published record: the above, the House and the question's start.
FIELDS = ("question_text_start", "house", *SCALAR_FIELDS)

_WORDS = re.compile(r"[a-z0-9]+")
#: The question's opening form, which sources print differently ("To ask", "asked").
_FORM = re.compile(r"^(?:to ask|asked)\s+")
_UIN = re.compile(r"\b(?:HL\s?)?\d+\b")


def _words(text: str) -> str:
    return " ".join(_WORDS.findall(text.lower().replace("’", "'")))


def _question_key(text: str) -> str:
    return _FORM.sub("", _words(text))


def _spaced(text: str) -> str:
    return " ".join(text.split()).rstrip(".").strip()


@dataclass
class FieldScore:
    field: str
    expected: Any
    published: Any

    @property
    def right(self) -> bool:
        return self.expected == self.published


@dataclass
class RecordScore:
    """One expected record and what was published for it (``published`` is False when nothing was)."""

    file: str
    record_index: int
    published: bool
    fields: list[FieldScore] = field(default_factory=list)
    statistics_expected: list[str] = field(default_factory=list)
    statistics_published: list[str] = field(default_factory=list)
    statistics_found: int = 0
    statistics_right: int = 0
    urls_expected: list[str] = field(default_factory=list)
    urls_published: list[str] = field(default_factory=list)
    uins_expected: list[str] = field(default_factory=list)
    uins_published: list[str] = field(default_factory=list)

    @property
    def wrong_fields(self) -> list[FieldScore]:
        return [f for f in self.fields if not f.right]


@dataclass
class FileScore:
    file: str
    layout: str | None
    records: list[RecordScore]
    #: Answers published from the file that match no expected record.
    extra_answers: int
    rejections: list[tuple[int, str]]


def _expected_house(expected: dict) -> str | None:
    return expected["house"] or expected["house_hint"]


def _published_value(page: PageAnswer, name: str) -> Any:
    value = getattr(page, name, None)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, str):
        return _spaced(value)
    return value


def _starts_alike(expected_start: str, question_text: str) -> bool:
    expected_key = _question_key(expected_start)[:40]
    published_key = _question_key(question_text)
    # Lords questions are printed "Lord X asked Her Majesty's Government: How many ..."; the
    # label starts at "How many", a reader may keep the form: look a little way in.
    return bool(expected_key) and expected_key in published_key[: len(expected_key) + 60]


def _pair(expected_records: list[dict], pages: list[PageAnswer]) -> list[PageAnswer | None]:
    """For each expected record, the published answer for it, matched in document order."""
    paired: list[PageAnswer | None] = []
    used: set[int] = set()
    for expected in expected_records:
        match = next(
            (i for i, page in enumerate(pages) if i not in used and _starts_alike(expected["question_text_start"], page.question_text)),
            None,
        )
        if match is not None:
            used.add(match)
        paired.append(pages[match] if match is not None else None)
    return paired


def _stat_key(text: str) -> str:
    return _spaced(text).replace(" %", "%")


def _stat_matches(expected: str, published: str) -> bool:
    e, p = _stat_key(expected), _stat_key(published)
    if e == p:
        return True
    # A published statistic may carry words the label leaves out ("2,375 questions" for
    # "2,375"), or the label a rate the statistic drops; the figures must be the same.
    digits = re.compile(r"[0-9]")
    return (e in p or p in e) and "".join(digits.findall(e)) == "".join(digits.findall(p))


def _count_matches(expected: list[str], published: list[str]) -> int:
    remaining = list(published)
    found = 0
    for text in expected:
        hit = next((i for i, p in enumerate(remaining) if _stat_matches(text, p)), None)
        if hit is not None:
            found += 1
            remaining.pop(hit)
    return found


def score_record(expected: dict, page: PageAnswer | None, *, layout: str = "", source_file: str = "") -> RecordScore:
    """How well one published answer matches one expected record."""
    score = RecordScore(expected["file"], expected["record_index"], page is not None)
    score.statistics_expected = [*expected["statistics"], *expected["counts"]]
    # Labels keep a URL as printed, HTML escapes included ("&amp;"); the published URL is the address itself.
    score.urls_expected = [_spaced(html.unescape(u)) for u in expected["reference_urls"]]
    score.uins_expected = sorted({u.replace(" ", "") for text in expected["referenced_uins"] for u in _UIN.findall(text)})
    if page is None:
        return score
    published_start = page.question_text
    score.fields.append(FieldScore(
        "question_text_start", expected["question_text_start"],
        expected["question_text_start"] if _starts_alike(expected["question_text_start"], published_start) else published_start[:60],
    ))
    score.fields.append(FieldScore("house", _expected_house(expected), page.house))
    for label, name in SCALAR_FIELDS.items():
        wanted = expected[label]
        score.fields.append(FieldScore(label, _spaced(wanted) if isinstance(wanted, str) else wanted, _published_value(page, name)))
    extracted = extract_answer(page, layout=layout or "unknown", source_file=source_file or expected["file"], source_sha256="0" * 64)
    score.statistics_published = [s.text for s in extracted.statistics]
    score.statistics_found = _count_matches(score.statistics_expected, score.statistics_published)
    score.statistics_right = _count_matches(score.statistics_published, score.statistics_expected)
    score.urls_published = [_spaced(r.target) for r in extracted.references if r.kind == "url"]
    cited = {r.cited_uin for r in extracted.references if r.kind == "question" and r.cited_uin}
    score.uins_published = sorted(cited | set(page.grouped_uins))
    return score


def load_expected(folder: Path) -> dict[str, list[dict]]:
    by_file: dict[str, list[dict]] = {}
    with (folder / "expected.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            by_file.setdefault(record["file"], []).append(record)
    for records in by_file.values():
        records.sort(key=lambda r: r["record_index"])
    return by_file


def score_file(folder: Path, name: str, expected_records: list[dict]) -> FileScore:
    reading = read_text((folder / name).read_text(encoding="utf-8"), name)
    pages = [page for _, page in reading.answers]
    paired = _pair(expected_records, pages)
    records = [score_record(e, p, layout=reading.layout or "", source_file=name) for e, p in zip(expected_records, paired)]
    matched = sum(p is not None for p in paired)
    return FileScore(name, reading.layout, records, len(pages) - matched, reading.rejections)


def score_folder(folder: Path) -> list[FileScore]:
    return [score_file(folder, name, records) for name, records in sorted(load_expected(folder).items())]


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _references_found(published: list) -> dict[str, float | None]:
    """Recall and precision of reference URLs and cited UINs over scored answers (records or sample answers)."""
    figures: dict[str, float | None] = {}
    for name, expected_of, published_of in (
        ("reference_urls", lambda r: r.urls_expected, lambda r: r.urls_published),
        ("referenced_uins", lambda r: r.uins_expected, lambda r: r.uins_published),
    ):
        found = sum(len(set(expected_of(r)) & set(published_of(r))) for r in published)
        figures[f"{name}_recall"] = _ratio(found, sum(len(expected_of(r)) for r in published))
        figures[f"{name}_precision"] = _ratio(found, sum(len(published_of(r)) for r in published))
    return figures


def summary(files: Iterable[FileScore]) -> dict[str, Any]:
    """The headline figures: records published, fields right, statistics and references found."""
    files = list(files)
    records = [r for f in files for r in f.records]
    published = [r for r in records if r.published]
    field_scores = [s for r in published for s in r.fields]
    by_field = Counter(s.field for s in field_scores if s.right)
    totals = Counter(s.field for s in field_scores)
    stats_expected = sum(len(r.statistics_expected) for r in published)
    stats_published = sum(len(r.statistics_published) for r in published)
    return {
        "files": len(files),
        "records": len(records),
        "records_published": len(published),
        "records_published_share": _ratio(len(published), len(records)),
        "extra_answers": sum(f.extra_answers for f in files),
        "fields": len(field_scores),
        "fields_right": sum(by_field.values()),
        "fields_right_share": _ratio(sum(by_field.values()), len(field_scores)),
        "fields_right_by_field": {name: _ratio(by_field[name], totals[name]) for name in FIELDS},
        "statistics_expected": stats_expected,
        "statistics_published": stats_published,
        "statistics_recall": _ratio(sum(r.statistics_found for r in published), stats_expected),
        "statistics_precision": _ratio(sum(r.statistics_right for r in published), stats_published),
        **_references_found(published),
    }


def _report(files: list[FileScore], verbose: bool) -> str:
    lines = []
    for f in files:
        published = sum(r.published for r in f.records)
        wrong = [f"#{r.record_index} {s.field}: expected {s.expected!r}, published {s.published!r}" for r in f.records for s in r.wrong_fields]
        lines.append(f"{f.file:10} {f.layout or '-':36} {published}/{len(f.records)} published, {len(wrong)} fields wrong" + (f", {f.extra_answers} extra" if f.extra_answers else ""))
        if verbose:
            lines += [f"    {w}" for w in wrong]
            lines += [f"    rejected #{position}: {reason}" for position, reason in f.rejections]
            for r in f.records:
                if r.published and (r.statistics_found < len(r.statistics_expected) or r.statistics_right < len(r.statistics_published)):
                    lines.append(f"    #{r.record_index} statistics expected {r.statistics_expected} published {r.statistics_published}")
    figures = summary(files)
    lines.append("")
    lines.append(f"records published: {figures['records_published']}/{figures['records']} ({figures['records_published_share']:.1%}), extra answers: {figures['extra_answers']}")
    if figures["fields"]:
        lines.append(f"fields right: {figures['fields_right']}/{figures['fields']} ({figures['fields_right_share']:.1%})")
        lines.append("  by field: " + ", ".join(f"{k} {v:.0%}" for k, v in figures["fields_right_by_field"].items() if v is not None))
    for name in ("statistics", "reference_urls", "referenced_uins"):
        recall, precision = figures[f"{name}_recall"], figures[f"{name}_precision"]
        lines.append(f"{name}: recall {'-' if recall is None else f'{recall:.1%}'}, precision {'-' if precision is None else f'{precision:.1%}'}")
    return "\n".join(lines)


# --- a hand-checked sample of answers: every statistic, and what must not be one ----------------
#
# A sample folder holds the answers as their source gave them (any file a reader reads) and
# ``expected.jsonl``: one line per answer, found by its ``uin`` (and ``date_tabled``), with
# every statistic its answer text states ({"text", "value", "value_max", "unit"}: the value an
# exact decimal written as a string, the unit where the label gives one), the numbers in its
# text that must not be read as statistics (years, dates, labels, as written), its reference
# URLs, its cited and grouped UINs, and the quality codes its reading must raise.


@dataclass
class SampleScore:
    """How the published statistics and references of one labelled answer compare with its labels."""

    uin: str
    published: bool
    statistics_expected: list[dict] = field(default_factory=list)
    statistics_published: list[tuple[str, str, str | None, str]] = field(default_factory=list)  # text, value, value_max, unit
    statistics_found: int = 0  # expected statistics published with their exact value
    statistics_right: int = 0  # published statistics that are an expected one, with its exact value
    units_labelled: int = 0
    units_right: int = 0
    not_statistics_published: list[str] = field(default_factory=list)
    urls_expected: list[str] = field(default_factory=list)
    urls_published: list[str] = field(default_factory=list)
    uins_expected: list[str] = field(default_factory=list)
    uins_published: list[str] = field(default_factory=list)
    quality_expected: list[str] = field(default_factory=list)
    quality_published: list[str] = field(default_factory=list)


def _same_statistic(expected: dict, published: tuple[str, str, str | None, str]) -> bool:
    text, value, value_max, _ = published
    return (
        _stat_matches(expected["text"], text)
        and _exact(expected["value"]) == _exact(value)
        and _exact(expected.get("value_max")) == _exact(value_max)
    )


def _exact(value: Any):
    from decimal import Decimal

    return None if value is None else Decimal(str(value))


def score_sample_answer(expected: dict, page: PageAnswer | None, *, layout: str = "", source_file: str = "") -> SampleScore:
    score = SampleScore(expected["uin"], page is not None)
    score.statistics_expected = expected["statistics"]
    score.urls_expected = expected["reference_urls"]
    score.uins_expected = sorted(set(expected["referenced_uins"]))
    score.quality_expected = expected.get("quality", [])
    if page is None:
        return score
    extracted = extract_answer(page, layout=layout or "unknown", source_file=source_file or "sample", source_sha256="0" * 64)
    score.statistics_published = [
        (s.text, str(s.value), None if s.value_max is None else str(s.value_max), s.unit) for s in extracted.statistics
    ]
    remaining = list(score.statistics_published)
    for wanted in score.statistics_expected:
        hit = next((i for i, p in enumerate(remaining) if _same_statistic(wanted, p)), None)
        if hit is not None:
            score.statistics_found += 1
            if wanted.get("unit"):
                score.units_labelled += 1
                score.units_right += remaining[hit][3] == wanted["unit"]
            remaining.pop(hit)
    score.statistics_right = len(score.statistics_published) - len(remaining)
    digits = re.compile(r"[0-9]+")
    refused = {n.replace(",", "") for n in expected["not_statistics"]}
    score.not_statistics_published = [
        text for text, *_ in remaining if "".join(digits.findall(text)) in refused or text in expected["not_statistics"]
    ]
    score.urls_published = [r.target for r in extracted.references if r.kind == "url"]
    cited = {r.cited_uin for r in extracted.references if r.kind == "question" and r.cited_uin}
    score.uins_published = sorted(cited | set(page.grouped_uins))
    score.quality_published = sorted({f.code for f in extracted.quality})
    return score


def score_sample(folder: Path) -> list[SampleScore]:
    """Every labelled answer of a sample folder, read from the folder's source files."""
    expected = [json.loads(line) for line in (folder / "expected.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    pages: dict[tuple[str, str | None], tuple[PageAnswer, str, str]] = {}
    for path in sorted(folder.iterdir()):
        if path.name in ("expected.jsonl", "README.md") or not path.is_file():
            continue
        reading = read_text(path.read_text(encoding="utf-8"), path.name)
        for _, page in reading.answers:
            tabled = page.tabled_date.isoformat() if page.tabled_date else None
            pages.setdefault((page.uin or "", tabled), (page, reading.layout or "", path.name))
    scores = []
    for wanted in expected:
        found = pages.get((wanted["uin"], wanted.get("date_tabled")))
        page, layout, name = found if found is not None else (None, "", "")
        scores.append(score_sample_answer(wanted, page, layout=layout, source_file=name))
    return scores


def sample_summary(scores: list[SampleScore]) -> dict[str, Any]:
    published = [s for s in scores if s.published]
    expected = sum(len(s.statistics_expected) for s in published)
    shown = sum(len(s.statistics_published) for s in published)
    quality_expected = sum(len(s.quality_expected) for s in published)
    return {
        "answers": len(scores),
        "answers_published": len(published),
        "statistics_expected": expected,
        "statistics_published": shown,
        "statistics_recall": _ratio(sum(s.statistics_found for s in published), expected),
        "statistics_precision": _ratio(sum(s.statistics_right for s in published), shown),
        "units_right_share": _ratio(sum(s.units_right for s in published), sum(s.units_labelled for s in published)),
        "not_statistics_published": sum(len(s.not_statistics_published) for s in published),
        **_references_found(published),
        "quality_flags_recall": _ratio(sum(len(set(s.quality_expected) & set(s.quality_published)) for s in published), quality_expected),
    }


def _sample_report(scores: list[SampleScore], verbose: bool) -> str:
    lines = []
    if verbose:
        for s in scores:
            if not s.published:
                lines.append(f"{s.uin:10} not published")
                continue
            wrong = s.statistics_found < len(s.statistics_expected) or s.statistics_right < len(s.statistics_published)
            if wrong or set(s.urls_expected) != set(s.urls_published) or set(s.uins_expected) != set(s.uins_published):
                lines.append(f"{s.uin:10} statistics expected {[e['text'] + ' = ' + e['value'] for e in s.statistics_expected]} published {[t + ' = ' + v for t, v, *_ in s.statistics_published]}")
                if set(s.urls_expected) != set(s.urls_published):
                    lines.append(f"{'':10} urls expected {s.urls_expected} published {s.urls_published}")
                if set(s.uins_expected) != set(s.uins_published):
                    lines.append(f"{'':10} uins expected {s.uins_expected} published {s.uins_published}")
            if s.not_statistics_published:
                lines.append(f"{s.uin:10} published what is not a statistic: {s.not_statistics_published}")
        lines.append("")
    figures = sample_summary(scores)
    lines.append(f"answers published: {figures['answers_published']}/{figures['answers']}")
    for name in ("statistics", "reference_urls", "referenced_uins"):
        recall, precision = figures[f"{name}_recall"], figures[f"{name}_precision"]
        lines.append(f"{name}: recall {'-' if recall is None else f'{recall:.1%}'}, precision {'-' if precision is None else f'{precision:.1%}'}")
    units = figures["units_right_share"]
    lines.append(
        f"statistics: {figures['statistics_expected']} labelled, {figures['statistics_published']} published; "
        f"units right {'-' if units is None else f'{units:.1%}'}; "
        f"numbers labelled not-a-statistic but published: {figures['not_statistics_published']}"
    )
    flags = figures["quality_flags_recall"]
    lines.append(f"quality flags raised where labelled: {'-' if flags is None else f'{flags:.1%}'}")
    return "\n".join(lines)


def is_sample(folder: Path) -> bool:
    """Whether ``folder`` is a labelled sample of answers (rather than of documents and records)."""
    with (folder / "expected.jsonl").open(encoding="utf-8") as lines:
        first = lines.readline()
    return bool(first.strip()) and "not_statistics" in json.loads(first)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, nargs="?", default=Path(__file__).resolve().parent.parent / "tests" / "examples2")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every wrong field and missed statistic")
    args = parser.parse_args(argv)
    if is_sample(args.folder):
        scores = score_sample(args.folder)
        print(json.dumps(sample_summary(scores), indent=2) if args.json else _sample_report(scores, args.verbose))
        return 0
    files = score_folder(args.folder)
    print(json.dumps(summary(files), indent=2) if args.json else _report(files, args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
