"""Numeric facts stated in an answer: percentages, money, counts, measures and ranges.

What is a statistic
-------------------
Every number written in digits is a statistic unless it is one of the things below.
Its unit is decided by what is written with it:

- ``percent``: "98%", "0.54 per cent", "20 percent", "c.12.7%";
- ``per_cent_points``: "2 percentage points", "3pp";
- ``GBP``, ``USD``, ``EUR``: a currency sign, "£3.6 million", "£40million", "£10bn",
  "£1,234.56", "US$5m"; pence ("20p", "5 pence") are GBP;
- ``hectares``, ``acres``, ``tonnes``, ``kilometres``, ``miles``, ``square_metres``:
  "24,400ha", "15,000 tonnes", "300,000 sqm";
- ``count``: any other whole number. Where words naming what is counted follow it
  ("2,375 parliamentary questions", "the 3 safeguarding partners", "44 FJAAs",
  "9 months"), they are ``counted``: the words after the number up to and including
  the first plural noun, or up to the next function word for the number 1. A count
  whose noun is not next to it ("Of these, 13 were referred", "the total is 29") is
  still a count, with ``counted`` empty;
- ``number``: a number with no unit that is not whole ("a ratio of 3.17").

A scale word multiplies the number: "thousand"/"k", "million"/"m"/"mn",
"billion"/"bn", "trillion"/"tn"; ``value`` has the scale applied and ``scale``
names it. Percentages keep their written value (98 for "98%").

Ranges are one statistic with ``value`` its low end and ``value_max`` its high end:
"10,000-13,000", "10,000 to 13,000", "between 5 and 10 per cent",
"between around £3.5 and £10.5bn" (a unit or scale written only on the high end
applies to both). "from 180,000 to 130,000" is a change, not a range, and a
"range" whose ends are out of order or in different units is two statistics.

What is not a statistic
-----------------------
- years: a four-digit whole number from 1800 to 2100 with no unit or currency
  ("in 2020", "the 2024 survey"), with any span joined to it ("2024-25", "2021-2025");
  a year written as a bare "2000 homes" is therefore not taken for a count;
- dates and times: "15 July 2019", "7th May 2014", "26 and 27 July", "July 29",
  "9:30am", "10pm";
- ordinals: "19th century", "2nd";
- identifiers and labels: a number after a word that labels it ("Question 273801",
  "UIN 4956", "PQ 146306", "paragraph 27", "para 504", "column 618", "section 17",
  "Table 1", "key stages 1 to 5", "Scope 1 and 2", "year 6", "page 243", "WA 213"),
  after any other capitalised word that is not a sentence's first word of the usual
  kind ("Type 31", "World War 2", "Leaflet 6-7-7"), or glued to letters
  ("HL9224", "M54", "COVID-19", "618W", "4G", "1950s", "FY23");
- numbers alone in brackets: footnote markers "[1]", "[131122]", list markers
  "(1)", the Hansard "(3029)";
- numbers joined by "/" or ":" ("2022/23", "02/2016", "24/7", "9:30");
- numbers inside URLs and telephone numbers, and numbers with a leading zero ("0800");
- numbers written as words ("four Special Advisers") are not extracted;
- in a text the source cut short ("...in the region of 9,..."), a number in the
  last word before the cut, whose scale or unit may have been cut off.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from string import ascii_letters
from typing import Iterator

from ..model import Statistic
from .patterns import ASTRAL, BMP_DIGITS, MONTH_NAMES, SP, masked_spans, truncation
from .trusted import trusted
from .sentences import SentenceLookup

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUMBER_AT = re.compile(_NUMBER)

#: Where the scan for numbers stops: a currency sign, a number as :data:`_NUMBER` reads it, or a
#: "[" with the footnote marker it may open ("[1]", "[131122]": never a statistic, see
#: :func:`_not_a_statistic`, so passed over whole). The pattern is one character class and what
#: may follow it, so that the scan for it is fast (a pattern made of alternatives is tried
#: alternative by alternative at every character); and the class lists the digits
#: (:data:`~.patterns.BMP_DIGITS`) rather than writing ``\d``, whose Unicode lookup is slow.
#: Any character outside the BMP stops the scan too, for the caller to check.
_START = re.compile(
    rf"[\[£$€{BMP_DIGITS}{ASTRAL}]"
    r"(?:(?<=\[)[0-9]+\]"
    r"|(?<=\d)(?:\d{0,2}(?:,\d{3})+(?:\.\d+)?|\d*(?:\.\d+)?))?"
)
_CURRENCY_GAP = re.compile(rf"{SP}?(?=\d)")
_APPROX_BEFORE = re.compile(rf"(?:\bc\.|\bca\.|~){SP}?$")
_SCALE_AFTER = re.compile(
    rf"{SP}?(?P<word>thousand|million|billion|trillion)\b|(?P<short>bn|mn|tn|m|k|b)\b(?![²])|{SP}(?P<spaced>bn|mn)\b"
)
_UNIT_AFTER = re.compile(
    rf"{SP}?(?P<percent>%|per{SP}?cent\b|percent\b|per-cent\b)(?P<points>{SP}?points?\b)?"
    rf"|{SP}(?P<points2>percentage{SP}points?)\b"
    rf"|{SP}?(?P<pp>pp|ppts?)\b"
    rf"|{SP}?(?P<hectares>ha|hectares?)\b"
    rf"|{SP}(?P<acres>acres?)\b"
    rf"|{SP}?(?P<tonnes>tonnes?)\b"
    rf"|{SP}?(?P<kilometres>km|kilometres?|kilometers?)\b"
    rf"|{SP}(?P<miles>miles?)\b"
    rf"|{SP}?(?P<square_metres>sqm|m2|m²|square{SP}met(?:re|er)s?)(?![A-Za-z0-9])"
    rf"|(?P<pence>p\b|{SP}pence\b)"
)
_UNIT_NAMES = {
    "percent": "percent", "points": "per_cent_points", "points2": "per_cent_points", "pp": "per_cent_points",
    "hectares": "hectares", "acres": "acres", "tonnes": "tonnes", "kilometres": "kilometres", "miles": "miles",
    "square_metres": "square_metres", "pence": "pence",
}
_JOIN_STARTS = frozenset(" \u00a0\u202f-–—")
_RANGE_JOIN = re.compile(rf"{SP}?(?:-|–|—){SP}?|{SP}+to{SP}+|{SP}+and{SP}+")
_BETWEEN_BEFORE = re.compile(rf"\b[Bb]etween{SP}+(?:(?:around|about|approximately|roughly|some|c\.){SP}*)?$")
_FROM_BEFORE = re.compile(rf"\b[Ff]rom{SP}+(?:(?:around|about|approximately|roughly|c\.){SP}*)?$")
_DATE_AFTER = re.compile(
    rf"(?:st|nd|rd|th)?(?:{SP}*(?:and|&|to|or|-|–){SP}*\d{{1,2}}(?:st|nd|rd|th)?)*{SP}+(?:of{SP}+)?{MONTH_NAMES}\b"
)
_MONTHS = frozenset(MONTH_NAMES.strip("(?:)").split("|"))
_TIME_AFTER = re.compile(rf":\d\d|{SP}?(?:am|pm|a\.m\.|p\.m\.|GMT|BST)\b")
_ORDINAL_AFTER = re.compile(r"(?:st|nd|rd|th)\b")
_SPACES = " \u00a0\u202f"
#: The first characters of every scale and unit word, to skip the suffix patterns quickly.
_SUFFIX_STARTS = frozenset("tmbkphas%²")
_WORD_CHARS = frozenset(".’'()-#")
_ASCII_WORD_CHARS = ascii_letters + ".'()-#"
_COUNTED_WORD = re.compile(rf"{SP}+([A-Za-z](?:[A-Za-z’']|-(?=[A-Za-z]))*)")
_WORD_NEXT = re.compile(rf"{SP}[a-z]")
_COMPOUND = re.compile(r"[-–]([A-Za-z]+(?:-[A-Za-z]+)*)")
_YEAR_SPAN = re.compile(rf"{SP}?[-–]{SP}?\d{{2,4}}(?!\d|,\d)")
_LABEL_LIST = re.compile(rf"(?:{SP}?[-–]{SP}?|{SP}+(?:to|and|or|&){SP}+)\d+(?:\.\d+)*(?!\d|,\d)")

_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SHORT_SCALES = {"k": "thousand", "m": "million", "mn": "million", "b": "billion", "bn": "billion", "tn": "trillion"}
_CURRENCIES = {"£": "GBP", "$": "USD", "US$": "USD", "€": "EUR"}

#: Words after which a number is a label or an identifier, not a quantity (compared in lowercase).
LABEL_WORDS = frozenset(
    """question questions uin uins pq pqs hl no nos number # section sections s ss paragraph paragraphs para paras
    column columns col cols page pages p pp table tables figure figures fig chart annex annexes schedule schedules
    part parts chapter chapters article articles regulation regulations reg rule rules clause clauses subsection
    stage stages phase phases level levels tier tiers type types platform platforms scope scopes grade grades band
    bands step steps item items line lines version versions option options route routes wave waves round rounds
    cohort class category categories zone zones junction junctions terminal gate ward room box appendix standard
    principle recommendation recommendations amendment amendments order act vol volume wa ws hc deb footnote
    footnotes note notes point points""".split()
)
#: Capitalised words that may stand before a quantity (mostly a sentence's first word).
QUANTITY_LEADS = frozenset(
    """the in of over under about around approximately almost nearly only just some all since by at there here these
    those a an and but with between from to for on up another roughly additionally also until within exactly fewer
    more less least most circa total each every further overall currently today now this that across among as
    after before during while where when however so yet yes no we they it our its their""".split()
)
#: Words that end the phrase naming what a count counts.
_STOP_WORDS = frozenset(
    """the a an of in on at to for from by with and or but as than that which who whom whose are is was were be been
    being have has had will would can could should may might must shall do does did not per this these those their
    its his her our your my it they we he she them us over under into onto since until between across within each
    every all any some such so if when where while about around after before during through up out off also only now
    then there here whether how what why via against among including toward towards upon both either neither i
    remain remains received receive""".split()
)
_LEADING_COMPARATIVES = ("more ", "fewer ", "less ", "extra ", "additional ")
_IRREGULAR_PLURALS = frozenset(
    "people children men women staff personnel cattle sheep data media feet teeth mice geese criteria "
    "livestock poultry fish deer aircraft".split()
)


class _Number:
    """A number being read: where it is and what is written with it."""

    __slots__ = ("start", "number_start", "end", "number", "value", "currency", "scale", "unit", "suffix_read")

    def __init__(self, start: int, number_start: int, end: int, number: str, currency: str | None) -> None:
        self.start = start
        self.number_start = number_start
        self.end = end
        self.number = number
        self.currency = currency
        self.scale: str | None = None
        self.unit: str | None = None
        self.value = 0.0
        self.suffix_read = False

    @property
    def quantified(self) -> bool:
        return self.currency is not None or self.unit is not None or self.scale is not None

    @property
    def plain(self) -> bool:
        return "," not in self.number and "." not in self.number


def find_statistics(answer_id: str, text: str) -> list[Statistic]:
    """Every statistic in ``text``, in the order they appear (see the module's rules)."""
    if not text or not _DIGIT.search(text):
        return []
    rows = list(_statistics(text))
    if not rows:
        return []
    sentence_at = SentenceLookup(text).at
    statistics = []
    for found, value_max, counted in rows:
        unit = found.currency or found.unit
        if unit is None:
            whole = found.value.is_integer() and (value_max is None or value_max.is_integer())
            unit = "count" if whole else "number"
        # Built without re-validation: every value here is made by this module to the model's
        # constraints (tests validate the rows against the model).
        statistics.append(trusted(Statistic, {
            "answer_id": answer_id,
            "offset": found.start,
            "text": text[found.start:found.end],
            "value": found.value,
            "value_max": value_max,
            "unit": unit,
            "scale": found.scale or "none",
            "counted": counted if unit == "count" else None,
            "sentence": sentence_at(found.start),
        }, set(_STATISTIC_FIELDS)))
    return statistics


_STATISTIC_FIELDS = frozenset(Statistic.model_fields)


_DIGIT = re.compile(r"\d")


def _statistics(text: str) -> Iterator[tuple[_Number, float | None, str | None]]:
    """(number, upper value of a range, counted words) for every statistic, in order."""
    mask = masked_spans(text)
    cut = truncation(text)
    position = 0
    pending: _Number | None = None
    while True:
        found = pending or _read_number(text, position, mask)
        pending = None
        if found is None:
            return
        _read_suffix(text, found)
        position = found.end
        reason = _not_a_statistic(text, found)
        if reason == "label":
            position = _skip(_LABEL_LIST, text, found.end)
        elif reason == "year":
            position = _skip(_YEAR_SPAN, text, found.end)
        if reason is not None:
            continue
        if cut is not None and _in_last_word(text, found.end, cut):
            continue
        found.value = _value(found, found.scale)
        value_max = None
        join = _RANGE_JOIN.match(text, found.end) if text[found.end:found.end + 1] in _JOIN_STARTS else None
        if join is not None:
            joiner = join[0].strip(" \u00a0\u202f")
            window = max(0, found.start - 30)
            between = _BETWEEN_BEFORE.search(text, window, found.start)
            high = None
            if (joiner == "and") == (between is not None) and not (
                joiner == "to" and _FROM_BEFORE.search(text, window, found.start)
            ):
                high = _read_number(text, join.end(), mask)
                if high is not None and high.start != join.end():
                    high = None
            if high is not None:
                _read_suffix(text, high)
                if cut is not None and _in_last_word(text, high.end, cut):
                    high = None
            if high is not None:
                value_max = _merge_range(text, found, high)
                if value_max is not None:
                    if between is not None:
                        found.start = between.start()
                    position = found.end
                elif _not_a_statistic(text, high) is None:
                    pending = high
        counted = None
        if found.unit is None and found.currency is None:
            counted = _counted(text, found.end, found.value if value_max is None else value_max, cut)
        yield found, value_max, counted


def _read_number(text: str, position: int, mask: list[tuple[int, int]]) -> _Number | None:
    """The next number at or after ``position``, with its currency sign and "c." if written."""
    while True:
        match = _START.search(text, position)
        if match is None:
            return None
        start = match.start()
        sign = text[start]
        if sign == "[" or (sign > "\uffff" and not sign.isdecimal()):
            # A footnote marker passed over whole, a "[" that opens none, or a character outside
            # the BMP that is not a digit. (A marker inside a URL is passed over the same: the
            # numbers after it in the URL are masked one by one.)
            position = match.end()
            continue
        if sign in "£$€":
            gap = _CURRENCY_GAP.match(text, start + 1)
            number = _NUMBER_AT.match(text, gap.end()) if gap is not None else None
            if number is None:
                position = start + 1
                continue
            if sign == "$" and text.startswith("US", start - 2):
                start -= 2
            found = _Number(start, number.start(), number.end(), number[0], _CURRENCIES[sign])
        else:
            found = _Number(start, start, match.end(), match[0], None)
        if start > 1 and (text[start - 1] in ".~" or (text[start - 1] in _SPACES and text[start - 2] in ".~")):
            approx = _APPROX_BEFORE.search(text, max(0, start - 4), start)
            if approx is not None:
                found.start = approx.start()
        if mask and found.number_start >= mask[0][0]:  # (most numbers come before the first URL)
            masked_until = _masked_until(mask, found.number_start)
            if masked_until:
                position = max(found.end, masked_until)
                continue
        return found


def _masked_until(spans: list[tuple[int, int]], offset: int) -> int:
    """0 where ``offset`` is not inside a span of ``spans``; otherwise where to look for the next
    number, so that the rest of a URL is skipped at once: its last character (a "£" there may
    mark a number after it), or ``offset + 1`` where another span starts inside this one."""
    index = bisect_right(spans, (offset, len(spans) + 10**12)) - 1
    if index < 0 or not spans[index][0] <= offset < spans[index][1]:
        return 0
    end = spans[index][1]
    if index + 1 < len(spans) and spans[index + 1][0] < end:
        return offset + 1
    return end - 1


def _read_suffix(text: str, found: _Number) -> None:
    """Scale and unit written after the number; moves ``found.end`` past them."""
    if found.suffix_read:
        return
    found.suffix_read = True
    end = found.end
    if end >= len(text):
        return
    following = text[end]
    if following not in _SUFFIX_STARTS and not (following in _SPACES and text[end + 1:end + 2] in _SUFFIX_STARTS):
        return
    scale = _SCALE_AFTER.match(text, end)
    if scale is not None and not (
        # A bare "11m" is a scale only before a word ("1.5m homes"); "11m+" and "100m." may be metres.
        scale["short"] in ("m", "b") and found.currency is None and not _WORD_NEXT.match(text, scale.end())
    ):
        found.scale = scale["word"] or _SHORT_SCALES[scale["short"] or scale["spaced"]]
        end = scale.end()
    unit = _UNIT_AFTER.match(text, end)
    if unit is not None:
        kind = unit.lastgroup
        name = _UNIT_NAMES[kind]
        if kind == "percent" and unit["points"]:
            name = "per_cent_points"
        if name == "pence":
            if found.currency is None and found.scale is None:
                found.currency = "GBP"
                found.unit = "pence"
                end = unit.end()
        else:
            found.unit = name
            end = unit.end()
    found.end = end


def _value(found: _Number, scale: str | None) -> float:
    value = float(found.number.replace(",", "")) * _SCALES.get(scale, 1)
    if found.unit == "pence":
        value = round(value / 100, 10)
    return value


def _merge_range(text: str, low: _Number, high: _Number) -> float | None:
    """Join ``high`` onto ``low`` as one range and return its upper value; None if they are not one range.

    A unit, currency or scale written only on the high end applies to both ("5 and 10 per cent",
    "£3.5 and £10.5bn"); a scale is carried down only where the low end's written number is the
    smaller ("£500,000 to £1 million" keeps its ends as written)."""
    if _not_a_statistic(text, high, in_range=True) is not None:
        return None
    low_kind, high_kind = low.currency or low.unit, high.currency or high.unit
    if low_kind is not None and high_kind is not None and low_kind != high_kind:
        return None
    if low.unit is not None and high_kind is None:
        return None  # "5% to 10 schools"
    scale = low.scale
    if scale is None and high.scale is not None and _written(low) < _written(high):
        scale = high.scale
    currency, unit = low.currency or high.currency, low.unit or high.unit
    probe = _Number(low.start, low.number_start, low.end, low.number, currency)
    probe.unit = unit
    low_value = _value(probe, scale)
    high.unit = high.unit or unit
    high_value = _value(high, high.scale)
    if not high_value > low_value:
        return None
    low.scale, low.unit, low.currency, low.value, low.end = scale or high.scale, unit, currency, low_value, high.end
    return high_value


def _written(found: _Number) -> float:
    return float(found.number.replace(",", ""))


def _not_a_statistic(text: str, found: _Number, in_range: bool = False) -> str | None:
    """Why the number is not a statistic ("year", "date", "label", ...), or None if it is one."""
    number, number_start, end = found.number, found.number_start, found.end
    before = text[number_start - 1] if number_start > 0 else " "
    after = text[end] if end < len(text) else " "
    if found.currency is None:
        if before.isalnum() or before == "_":
            return "glued"
        if before in "-–" and number_start >= 2 and text[number_start - 2].isalnum() and not in_range:
            return "glued"
        if before in "/:" or (before in ".," and number_start >= 2 and text[number_start - 2].isdigit()):
            return "joined"
    if after == "/" or (after == ":" and text[end + 1:end + 2].isdigit()):
        return "joined"
    if found.currency is not None or found.unit is not None or found.scale is not None:
        return None
    plain = "," not in number and "." not in number
    if after.isalpha() or after == "_":
        return "ordinal" if _ORDINAL_AFTER.match(text, end) else "glued"
    if plain and len(number) > 1 and number[0] == "0":
        return "leading zero"
    if plain and len(number) == 4 and 1800 <= int(number) <= 2100:
        return "year"
    if plain and before in "([" and after in ")]":
        return "bracketed"
    word = _word_before(text, number_start)
    if plain and int(number) <= 31 and (_DATE_AFTER.match(text, end) or word.rstrip(".") in _MONTHS):
        return "date"
    if plain and _TIME_AFTER.match(text, end):
        return "time"
    if not in_range and word and _is_label(word, number):
        return "label"
    return None


def _word_before(text: str, start: int) -> str:
    """The word before ``start``, separated from it by spaces ("" where there is none)."""
    if start == 0 or text[start - 1] not in _SPACES:
        return ""
    end = start - 1
    while end > 0 and text[end - 1] in _SPACES:
        end -= 1
    limit = max(0, end - 30)
    before = text[limit:end]
    if before.isascii():  # where str.isalpha() is [A-Za-z], and no "’" can be in it
        begin = limit + len(before.rstrip(_ASCII_WORD_CHARS))
    else:
        begin = end
        while begin > limit and (text[begin - 1].isalpha() or text[begin - 1] in _WORD_CHARS):
            begin -= 1
    return text[begin:end].lstrip("(.’'-")


def _is_label(word: str, number: str) -> bool:
    """Whether the word before a number labels it ("section 17", "Table 1", "Type 31")."""
    label = _labels(word)
    if label is _SCHOOL_YEAR:  # "in year 6"
        return "," not in number and "." not in number and int(number) <= 13
    return label


_SCHOOL_YEAR = "year"


@lru_cache(maxsize=65536)  # the same words recur from answer to answer
def _labels(word: str) -> bool | str:
    """Whether ``word`` labels the number after it; :data:`_SCHOOL_YEAR` where that depends on the number."""
    word = word.strip("()’'.")
    if not word:
        return False
    lower = word.lower()
    if lower in LABEL_WORDS:
        return True
    if lower == "year":
        return _SCHOOL_YEAR
    return word[0].isupper() and lower not in QUANTITY_LEADS


def _skip(pattern: re.Pattern, text: str, end: int) -> int:
    """Past what ``pattern`` joins on after a label or year ("stages 1 to 5", "2024-25")."""
    while (match := pattern.match(text, end)) is not None:
        end = match.end()
    return end


@lru_cache(maxsize=65536)  # the same nouns recur from answer to answer
def _is_plural(word: str) -> bool:
    lower = word.lower()
    if lower in _IRREGULAR_PLURALS:
        return True
    if "’s" in lower or "'s" in lower:  # a possessive: "children’s"
        return False
    if len(word) >= 3 and word[-1] == "s" and word[:-1].isupper():  # "FJAAs", "GPs", "LTAs"
        return True
    return len(lower) > 2 and lower.endswith("s") and not lower.endswith(("ss", "us", "is", "ous"))


def _counted(text: str, end: int, value: float, cut: int | None) -> str | None:
    """The words after a count naming what it counts: up to and including the first plural noun
    (and a plural noun straight after it: "police personnel"), or for the number 1 the words up to
    the next function word. None where no such words follow."""
    compound = _COMPOUND.match(text, end)
    if compound is not None:  # "a 6-week rate", "16-year-olds"
        return compound[1]
    words: list[str] = []
    acronym = None
    position = end
    while len(words) < 5:
        match = _COUNTED_WORD.match(text, position)
        if match is None or (cut is not None and match.end() >= cut):
            break
        word = match[1].rstrip("’'")
        lower = word.lower()
        if lower in _STOP_WORDS or not word:
            break
        words.append(word)
        position = match.end()
        if word.isupper() and len(word) >= 2:
            acronym = len(words)
        elif _is_plural(word):
            following = _COUNTED_WORD.match(text, position)
            if following is not None and (cut is None or following.end() < cut):
                nxt = following[1].rstrip("’'")
                if nxt.lower() not in _STOP_WORDS and nxt.lower() in _IRREGULAR_PLURALS:
                    words.append(nxt)
            return _phrase(words)
        if position < len(text) and not text[position].isspace():
            break  # punctuation ends the phrase
    if acronym is not None:
        return _phrase(words[:acronym])
    if value == 1 and words:
        return _phrase(words)
    return None


def _phrase(words: list[str]) -> str | None:
    phrase = " ".join(words)
    if phrase.startswith(_LEADING_COMPARATIVES):
        for lead in _LEADING_COMPARATIVES:
            if phrase.startswith(lead):
                phrase = phrase[len(lead):]
    return phrase or None


def _in_last_word(text: str, end: int, cut: int) -> bool:
    """Whether the number ending at ``end`` may have lost its scale, unit or digits to the cut:
    nothing but one (perhaps cut) word and no sentence end lies between it and the cut."""
    if end >= cut:
        return True
    between = text[end:cut]
    if _SENTENCE_END.search(between):
        return False
    return " " not in between.strip(" \u00a0")


_SENTENCE_END = re.compile(r"[.;:!?)\]][\s\u00a0]")
