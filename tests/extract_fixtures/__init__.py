"""Loading the real answer texts the extraction tests read their expected values from."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

FIXTURES = Path(__file__).parent
ANSWER_ID = "0123456789abcdef"


@cache
def api_records() -> dict[int, dict]:
    """Records of the written-questions API list endpoint (August 2024), by their index in the source file."""
    data = json.loads((FIXTURES / "commons_api_2024_08.json").read_text(encoding="utf-8"))
    return {record["index"]: record for record in data["records"]}


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def seed_answer_text(name: str) -> str:
    """A seed's answer text as its reader gives it."""
    from pipeline.sources import read_seed

    reading = read_seed(FIXTURES / name, FIXTURES)
    [(_, page)] = reading.answers
    return page.answer_text


def seed_page(name: str):
    from pipeline.sources import read_seed

    reading = read_seed(FIXTURES / name, FIXTURES)
    [(_, page)] = reading.answers
    return page
