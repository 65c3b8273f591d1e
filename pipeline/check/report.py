"""The validator's report: one result per check and every failure located by check, file, row and column."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

CHECKS = ("seeds", "descriptor", "contract", "integrity", "csv", "parquet", "rows", "sqlite", "freshness")
#: At most this many failures are listed for one check, file and column; the rest are counted.
MAX_FAILURES_PER_COLUMN = 20
#: Rows per Parquet batch: at most a few tens of MB of answer text, whatever the size of the table.
BATCH_ROWS = 2_048
#: The first data row is row 2: the header is row 1.
FIRST_ROW = 2


class ValidationSetupError(Exception):
    """Validation could not run: a folder or the descriptor is missing (a usage or environment error)."""


@dataclass(frozen=True)
class Failure:
    check: str
    file: str | None
    row: int | None
    column: str | None
    reason: str


@dataclass
class CheckResult:
    name: str
    status: str = "passed"  # passed, failed or skipped
    detail: str = ""


@dataclass
class ValidationReport:
    dist_dir: str
    seeds_dir: str | None
    schema_dir: str | None
    checks: dict[str, CheckResult] = field(default_factory=lambda: {name: CheckResult(name) for name in CHECKS})
    failures: list[Failure] = field(default_factory=list)
    #: Data rows read per table, from the CSV and from the Parquet file.
    rows: dict[str, int] = field(default_factory=dict)
    parquet_rows: dict[str, int] = field(default_factory=dict)
    _listed: Counter = field(default_factory=Counter, repr=False)
    _unlisted: Counter = field(default_factory=Counter, repr=False)

    @property
    def valid(self) -> bool:
        return not self.failures and not any(c.status == "failed" for c in self.checks.values())

    def fail(self, check: str, reason: str, file: str | None = None, row: int | None = None, column: str | None = None) -> None:
        self.checks[check].status = "failed"
        key = (check, file, column)
        if self._listed[key] >= MAX_FAILURES_PER_COLUMN:
            self._unlisted[key] += 1
            return
        self._listed[key] += 1
        self.failures.append(Failure(check, file, row, column, reason))

    def count(self, check: str, file: str | None, column: str | None, failures: int) -> None:
        """``failures`` more failures of one check, file and column, counted but not listed."""
        if failures > 0:
            self.checks[check].status = "failed"
            self._unlisted[(check, file, column)] += failures

    def skip(self, check: str, detail: str) -> None:
        self.checks[check].status = "skipped"
        self.checks[check].detail = detail

    def note(self, check: str, detail: str) -> None:
        result = self.checks[check]
        result.detail = f"{result.detail}; {detail}" if result.detail else detail

    def finish(self) -> "ValidationReport":
        for (check, file, column), count in sorted(self._unlisted.items(), key=lambda item: tuple(str(v) for v in item[0])):
            self.failures.append(Failure(check, file, None, column, f"and {count} more failures of this check in this {'column' if column else 'file'}"))
        self._unlisted.clear()
        order = {name: index for index, name in enumerate(CHECKS)}
        self.failures.sort(key=lambda f: order[f.check])  # stable: keeps each check's own order
        return self

    def to_dict(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "dist": self.dist_dir,
            "seeds": self.seeds_dir,
            "schema": self.schema_dir,
            "checks": [{**asdict(c), "failures": sum(1 for f in self.failures if f.check == c.name)} for c in self.checks.values()],
            "rows": self.rows,
            "parquet_rows": self.parquet_rows,
            "failures": [asdict(f) for f in self.failures],
        }
