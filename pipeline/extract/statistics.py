"""Numeric facts stated in an answer: percentages, money, counts and ranges."""

from __future__ import annotations

import re

from ..model import Statistic
from .sentences import sentence_at

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12}
_SCALE_NAMES = {"k": "thousand", "m": "million", "mn": "million", "bn": "billion", "b": "billion"}
_CURRENCY = {"£": "GBP", "$": "USD", "€": "EUR"}

MONEY = re.compile(
    rf"(?P<currency>[£$€])\s?(?P<number>{_NUMBER})(?:\s?(?P<scale>thousand|million|billion|trillion|bn|mn|m|k)\b)?"
)
PERCENT = re.compile(rf"(?<![\w.])(?:c\.\s?)?(?P<number>{_NUMBER})\s?(?:%|per ?cent\b\.?)")


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def find_statistics(answer_id: str, text: str) -> list[Statistic]:
    """Every statistic in ``text``, in the order they appear."""
    found: dict[int, Statistic] = {}
    for match in MONEY.finditer(text):
        scale_word = (match["scale"] or "").lower()
        scale = _SCALE_NAMES.get(scale_word, scale_word) or "none"
        found[match.start()] = Statistic(
            answer_id=answer_id, offset=match.start(), text=match[0], value=_number(match["number"]) * _SCALES.get(scale_word, 1),
            unit=_CURRENCY[match["currency"]], scale=scale, sentence=sentence_at(text, match.start()),
        )
    for match in PERCENT.finditer(text):
        found[match.start()] = Statistic(
            answer_id=answer_id, offset=match.start(), text=match[0].rstrip("."), value=_number(match["number"]),
            unit="percent", sentence=sentence_at(text, match.start()),
        )
    return [found[offset] for offset in sorted(found)]
