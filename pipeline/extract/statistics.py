"""Numeric facts stated in an answer: percentages, money, counts, measures and ranges.

What is a statistic
-------------------
Every number written in digits is a statistic unless it is one of the things below.
Its unit is decided by what is written with it, from this controlled list (the unit as
written is kept beside it, in ``unit_as_written``):

- ``percent``: "98%", "0.54 per cent", "20 percent", "c.12.7%";
- ``per_cent_points``: "2 percentage points", "3pp";
- ``GBP``, ``USD``, ``EUR``: a currency sign, "£3.6 million", "£40million", "£10bn",
  "£1,234.56", "US$5m"; pence ("20p", "5 pence") are GBP, and so is pre-decimal money,
  converted to pounds (12d = 1s, 20s = £1): "42s. 6d." is 2.125, "£103,675 10s." is
  103675.5, "6d." is 0.025 (a bare "5s." needs its full stop, "6d." too: "in their 50s",
  "3d printing" are no money);
- ``hectares``, ``acres``, ``tonnes``, ``tons`` (imperial), ``hundredweight`` ("cwt"),
  ``kilograms``, ``kilometres``, ``miles``, ``metres`` (the word only: "100m" is not
  read as metres), ``square_metres``, ``litres``: "24,400ha",
  "15,000 tonnes", "300,000 sqm", "(1 cwt.)";
- ``count``: any other whole number. Where words naming what is counted follow it
  ("2,375 parliamentary questions", "the 3 safeguarding partners", "44 FJAAs"), they
  are ``counted``: the words after the number up to and including the first plural
  noun, or up to the next function word for the number 1. A count whose noun is not
  next to it ("Of these, 13 were referred", "the total is 29") is still a count, with
  ``counted`` empty; ``people`` where what is counted is people, persons or individuals;
- ``number``: a number with no unit that is not whole ("a ratio of 3.17").

A vulgar fraction glued to a number is read with it: "15½ miles" is 15.5. A scale word
multiplies the number: "thousand"/"k", "million"/"m"/"mn", "billion"/"bn" (after money
also "b"), "trillion"/"tn"; ``value`` has the scale applied and ``scale`` names it.
Percentages keep their written value (98 for "98%"). Values are exact decimals, never
floating point ("£8.3 billion" is 8300000000); pre-decimal pence are rounded to ten
decimal places of a pound where they have no exact decimal (1d = 0.0041666667).

Ranges are one statistic with ``value`` its low end and ``value_max`` its high end:
"10,000-13,000", "10,000 to 13,000", "40%-100%", "between 5 and 10 per cent",
"between around £3.5 and £10.5bn" (a unit or scale written only on the high end
applies to both). "from 180,000 to 130,000" and "by 3 per cent to 38 per cent" are
changes, not ranges, and a
"range" whose ends are out of order or in different units is two statistics.

Tables: a number in a table row of the text (cells separated by " | ", as
``html_to_text`` writes HTML tables, or by tabs; see :mod:`.cells`) carries its row's
label and its column's header. A bare number heading a column, or in the first column
where that column labels the rows ("65 to 69 | 1,063,204"), is a label, not a figure.

Each statistic gives the span of its sentence (``sentence_start``, ``sentence_end``)
in the answer text rather than a copy of it, so that a long sentence of many figures
costs its length once.

What is not a statistic
-----------------------
- years: a four-digit whole number from 1800 to 2100 with no unit or currency
  ("in 2020", "the 2024 survey"), with any span joined to it ("2024-25", "2021-2025");
  a year written as a bare "2000 homes" is therefore not taken for a count;
- dates and times: "15 July 2019", "7th May 2014", "26 and 27 July", "July 29",
  "9:30am", "10pm";
- durations and ages: "128 weeks", "the next 20 years", "a 12-month period",
  "between 5 and 10 years", "aged 16", "the age of 14", "16-year-olds";
- ordinals: "19th century", "2nd";
- identifiers and labels: a number after a word that labels it ("Question 273801",
  "UIN 4956", "PQ 146306", "Questions 2501, 2502 and 2779", "paragraph 27",
  "para 504", "column 618", "section 17", "Table 1", "Live Table 691b",
  "key stages 1 to 5", "Scope 1 and 2", "year 6", "page 243", "WA 213", "grade 5"),
  after any other capitalised word that is not a sentence's first word of the usual
  kind ("Type 31", "World War 2", "Leaflet 6-7-7"), or glued to letters
  ("HL9224", "M54", "M.1", "COVID-19", "618W", "4G", "1950s", "FY23"); a Hansard
  column "[Vol 733, c.282.]"; an order-paper item number at a line's start ("86.",
  "2 N");
- numbers alone in brackets: footnote markers "[1]", "[131122]", list markers
  "(1)", the Hansard "(3029)";
- numbers joined by "/" or ":" ("2022/23", "02/2016", "24/7", "9:30");
- numbers inside URLs and telephone numbers, and numbers with a leading zero ("0800");
- numbers written as words ("four Special Advisers") are not extracted;
- in a text the source cut short ("...in the region of 9,..."), a number in the
  last word before the cut, whose scale or unit may have been cut off (a number
  before a whole other word, "94,169 driving...", is kept);
- a number of more than 15 digits before its point or 8 after it: no real figure
  is so long; it is left out and the answer flagged ``number_too_long``;
- table cells a source ran together ("167,51882,296", "2019-202020-21",
  "20232024", "disallowed62402300" where a table is named): no number is read from
  them and the answer is flagged ``table_unreadable``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from string import ascii_letters
from decimal import Context, Decimal
from operator import itemgetter
from typing import Iterator, NamedTuple, get_args

from pydantic import ValidationError

from ..model import QualityFlag, Statistic
from .patterns import ASTRAL, BMP_DIGITS, MONTH_NAMES, SP, SPACES, masked_spans, truncation
from .sentences import SentenceLookup
from .cells import TextTables

#: Vulgar fractions written after a whole number ("15½"), by their value.
_FRACTIONS = {"½": Decimal(1) / 2, "¼": Decimal(1) / 4, "¾": Decimal(3) / 4, "⅛": Decimal(1) / 8,
              "⅜": Decimal(3) / 8, "⅝": Decimal(5) / 8, "⅞": Decimal(7) / 8}
_FRACTION_SIGNS = "".join(_FRACTIONS)
_FRACTION = "[" + _FRACTION_SIGNS + "]"
_NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?){_FRACTION}?"

#: A unit written after a number (and its scale). Each kind is a group named in :data:`_UNIT_NAMES`.
_UNIT = (
    rf"{SP}?(?P<percent>%|per{SP}?cent\b|percent\b|per-cent\b)(?:(?P<points>{SP}?points?\b)|)"
    rf"|{SP}(?P<points2>percentage{SP}points?)\b"
    rf"|{SP}?(?P<pp>pp|ppts?)\b"
    rf"|{SP}?(?P<hectares>ha|hectares?)\b"
    rf"|{SP}?(?P<hundredweight>cwts?|hundredweights?)\b"
    rf"|{SP}(?P<tons>tons?)\b"
    rf"|{SP}?(?P<kilograms>kg|kgs|kilogrammes?|kilograms?)\b"
    rf"|{SP}?(?P<litres>litres?|liters?)\b"
    rf"|{SP}(?P<metres>metres?|meters?)\b"
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
    "square_metres": "square_metres", "pence": "pence", "hundredweight": "hundredweight", "tons": "tons",
    "kilograms": "kilograms", "litres": "litres", "metres": "metres",
}


def _suffix(after_money: bool) -> re.Pattern:
    """The scale and unit written after a number: an empty match where neither is; where a unit
    is, the match's ``lastgroup`` names its kind. After a bare number, "m" or "b" alone is a scale
    only before a word ("1.5m homes"): "11m+" and "100m." may be metres. (Optional parts are
    written ``(?:...|)``: the regex engine runs ``(?:...)?`` more slowly.)"""
    alone = "m|k|b" if after_money else rf"m(?={SP}[a-z])|k"
    scale = (
        rf"{SP}?(?P<scale>thousand|million|billion|trillion)\b"
        rf"|(?P<short>bn|mn|tn|{alone})\b(?![²])"
        rf"|{SP}(?P<spaced>bn|mn)\b"
    )
    return re.compile(rf"(?:{scale}|)(?:{_UNIT}|)")


_SUFFIX_AFTER_MONEY = _suffix(after_money=True)
_SUFFIX_AFTER_NUMBER = _suffix(after_money=False)
#: The first characters of every scale and unit word, to pass over the suffix patterns quickly.
_SUFFIX_STARTS = frozenset("tmbkphas%²cl")

#: Where the scan for numbers stops, and the number read there in the same match: a number as
#: :data:`_NUMBER` reads it, after a currency sign (group ``money``) or not (the first digit and
#: group ``digits``); or a "[" with the footnote marker it may open ("[1]", "[131122]": never a
#: statistic, see :func:`_not_a_statistic`, so passed over whole). The pattern starts with one
#: character class, so that the scan for it is fast (a pattern made of alternatives is tried
#: alternative by alternative at every character), and looks behind at that character to tell the
#: branches apart; the class lists the digits (:data:`~.patterns.BMP_DIGITS`) rather than writing
#: ``\d``, whose Unicode lookup is slow. Any character outside the BMP stops the scan too: a digit
#: there reads as a number, anything else matches alone and is passed over.
_CANDIDATE = re.compile(
    rf"[\[£$€{BMP_DIGITS}{ASTRAL}]"
    r"(?:(?<=\[)[0-9]+\]"
    rf"|(?<=[£$€]){SP}?(?P<money>{_NUMBER})"
    rf"|(?<=\d)(?P<digits>(?:\d{{0,2}}(?:,\d{{3}})+(?:\.\d+)?|\d*(?:\.\d+)?){_FRACTION}?)"
    r"|)"
)
#: What a match of :data:`_CANDIDATE` read, as its ``lastindex``: a number after a currency sign,
#: or a bare number (None: neither).
_MONEY, _BARE = _CANDIDATE.groupindex["money"], _CANDIDATE.groupindex["digits"]
_APPROX_BEFORE = re.compile(rf"(?:\bc\.|\bca\.|~){SP}?$")
_JOIN_STARTS = frozenset(SPACES + "-–—")
#: What may follow a space that starts a join of :data:`_RANGE_JOIN` or :data:`_DURATION_RANGE`.
_AFTER_JOIN_SPACE = frozenset(SPACES + "-–—tao")
_RANGE_JOIN = re.compile(rf"{SP}?(?:-|–|—){SP}?|{SP}+to{SP}+|{SP}+and{SP}+")
_BETWEEN_BEFORE = re.compile(rf"\b[Bb]etween{SP}+(?:(?:around|about|approximately|roughly|some|c\.){SP}*)?$")
_FROM_BEFORE = re.compile(rf"\b(?:[Ff]rom|by){SP}+(?:(?:around|about|approximately|roughly|c\.){SP}*)?$")
_DATE_AFTER = re.compile(
    # (at most six more days joined on, "26 and 27 July": an unbounded run would make a text of
    # "5 to 5 to 5 ..." quadratic to read)
    rf"(?:st|nd|rd|th)?(?:{SP}*(?:and|&|to|or|-|–){SP}*\d{{1,2}}(?:st|nd|rd|th)?){{0,6}}{SP}+(?:of{SP}+)?{MONTH_NAMES}\b"
)
_MONTHS = frozenset(MONTH_NAMES.strip("(?:)").split("|"))
_TIME_AFTER = re.compile(rf":\d\d|{SP}?(?:am|pm|a\.m\.|p\.m\.|GMT|BST)\b")
#: What a date or time after a whole number may start with, other than a letter (an ordinal's
#: "th", a time's "am": read before), to pass over :data:`_DATE_AFTER` and :data:`_TIME_AFTER` quickly.
_DATE_OR_TIME_STARTS = frozenset(SPACES + "&-–:")
_ORDINAL_AFTER = re.compile(r"(?:st|nd|rd|th)\b")
_WORD_CHARS = frozenset(".’'()-#")
_ASCII_WORD_CHARS = ascii_letters + ".'()-#"
#: A word that may name what a count counts: letters, with apostrophes and inner hyphens.
_COUNTED_WORD_TEXT = r"[A-Za-z][A-Za-z’']*(?:-[A-Za-z][A-Za-z’']*)*"
_COUNTED_WORD = re.compile(rf"{SP}+({_COUNTED_WORD_TEXT})")
#: What follows a count: a compound it starts ("a 6-week rate", "16-year-olds"), or the run of
#: words one space apart that may name what it counts: the five :func:`_counted` looks at and one
#: more, which may be a plural noun after a plural noun.
_COUNTED_AFTER = re.compile(
    r"[-–](?P<compound>[A-Za-z]+(?:-[A-Za-z]+)*)"
    rf"|(?:{SP}+{_COUNTED_WORD_TEXT}){{1,6}}"
)
_YEAR_SPAN = re.compile(rf"{SP}?[-–]{SP}?\d{{2,4}}(?!\d|,\d)")
_AGE_RANGE = re.compile(rf"(?:{SP}?[-–]{SP}?|{SP}+to{SP}+)[0-9]+(?![0-9]|,[0-9])")
#: The second age of "between the age of 65 and 70" (an "and" ends an age range only after "between").
_AGE_PAIR = re.compile(rf"{SP}+and{SP}+[0-9]+(?![0-9]|,[0-9])")
_BETWEEN_AGES = re.compile(rf"\b[Bb]etween{SP}+(?:the{SP}+)?(?:ages?{SP}+(?:of{SP}+)?|aged{SP}+)$")
_LABEL_LIST = re.compile(rf"(?:{SP}?[-–]{SP}?|,{SP}*|,?{SP}+(?:to|and|or|&){SP}+)\d+(?:\.\d+)*[A-Za-z]?(?!\d|,\d)")

_SCALES = {"thousand": 3, "million": 6, "billion": 9, "trillion": 12}  # powers of ten
#: Scales by the word written for them.
_SCALE_WORDS = {
    "thousand": "thousand", "million": "million", "billion": "billion", "trillion": "trillion",
    "k": "thousand", "m": "million", "mn": "million", "b": "billion", "bn": "billion", "tn": "trillion",
}
#: Currencies by their sign; "US$" is read as "$" with the "US" before it (see :func:`_read_number`).
_CURRENCIES = {"£": "GBP", "$": "USD", "€": "EUR"}

#: Words after which a number is a label or an identifier, not a quantity (compared in lowercase).
LABEL_WORDS = frozenset(
    """question questions uin uins pq pqs hl no nos number # section sections s ss paragraph paragraphs para paras
    column columns col cols page pages p pp table tables figure figures fig chart annex annexes schedule schedules
    part parts chapter chapters article articles regulation regulations reg rule rules clause clauses subsection
    stage stages phase phases level levels tier tiers type types platform platforms scope scopes grade grades band
    bands step steps item items line lines version versions option options route routes wave waves round rounds
    cohort class category categories zone zones junction junctions terminal gate ward room box appendix standard
    principle recommendation recommendations amendment amendments order act vol volume wa ws hc deb footnote
    footnotes note notes point points pg pgs cc""".split()
)
#: Labels written abbreviated, with a full stop: "No. 13", "para. 4", "col. 618".
_LABEL_ABBREVIATIONS = frozenset("no nos para paras col cols p pp pg pgs cc s ss fig figs vol reg art sch".split())
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


_ZERO = Decimal(0)


class _Number:
    """A number read: where it is and what is written with it."""

    __slots__ = ("start", "number_start", "number_end", "end", "number", "value", "currency", "scale", "unit", "written_unit", "lsd")

    def __init__(self, start: int, number_start: int, end: int, number: str, currency: str | None) -> None:
        self.start = start
        self.number_start = number_start
        self.number_end = end
        self.end = end
        self.number = number
        self.currency = currency
        self.scale: str | None = None
        self.unit: str | None = None
        #: The unit or currency as written ("per cent", "£", "cwt"), where one is.
        self.written_unit: str | None = None
        #: Pre-decimal money: (shillings, pence) written after the pounds or alone.
        self.lsd: tuple[str, str] | None = None
        self.value = _ZERO  # (performance: one Decimal for every number not yet valued)


class StatisticsReading(NamedTuple):
    """What an answer's text gives: its statistics, and quality flags for what could not be read."""

    statistics: list[Statistic]
    flags: list[QualityFlag]


#: The most digits a number may have before its decimal point, and after it, to be read as a
#: figure: 15 is more than any amount of money or count an answer states (a quadrillion), and
#: keeps every value, scale applied, inside the published decimal(38, 10). A longer run of
#: digits is a source's run-together table or an identifier, not a statistic.
MAX_WHOLE_DIGITS = 15
MAX_DECIMAL_DIGITS = 8


def find_statistics(answer_id: str, text: str) -> list[Statistic]:
    """Every statistic in ``text``, in the order they appear (see the module's rules)."""
    return read_statistics(answer_id, text).statistics


def read_statistics(answer_id: str, text: str) -> StatisticsReading:
    """Every statistic in ``text`` and the quality flags its reading raised (a table whose cells
    the source ran together, a number too long to be a figure)."""
    if not text or not _DIGIT.search(text):
        return StatisticsReading([], [])
    problems: dict[str, str] = {}
    rows = list(_statistics(text, problems))
    glued = _glued_years(text)
    if not glued and "able" in text and _TABLE_WORD.search(text):  # "Table 1 ... disallowed62402300"
        glued = list(_GLUED_CELLS.finditer(text))
    if glued:
        first = glued[0]
        problems.setdefault("table_unreadable", f"the answer text runs a table's cells together ('{first[0]}' at offset {first.start()}), so they cannot be told apart; no figure was read from them")
        # The bare numbers after a run-together header, to its line's end, are its cells run
        # together too ("20232024Number of claims disallowed 1660530"): none is read.
        spans = _merged([(m.start(), _line_end(text, m.end())) for m in glued])
        rows = [row for row in rows if not (row[0].unit is None and row[0].currency is None and _within_any(spans, row[0].start))]
    flags = [QualityFlag(answer_id=answer_id, code=code, message=message) for code, message in sorted(problems.items())]
    if not rows:
        return StatisticsReading([], flags)
    sentences = SentenceLookup(text)
    tables = TextTables(text, masked_spans(text)) if "|" in text or "\t" in text else None
    statistics = []
    valid_answer_id = type(answer_id) is str and _ANSWER_ID.fullmatch(answer_id) is not None
    for found, value_max, counted in rows:
        unit = found.currency or found.unit
        if unit is None:
            whole = _is_whole(found.value) and (value_max is None or _is_whole(value_max))
            unit = "count" if whole else "number"
        if unit == "count" and counted is not None and counted.lower() in _PEOPLE:
            unit = "people"
        start = found.start
        sentence_start, sentence_end = sentences.span_at(start)
        row_label = column_header = None
        if tables is not None:
            cell = tables.cell_at(start)
            if cell is not None:
                if unit in ("count", "number") and (
                    (cell.in_header and tables.has_rows_at(start)) or (cell.column == 0 and tables.labels_rows_at(start))
                ):
                    continue  # a bare number heading a column or labelling a row ("65 to 69", "Band 2")
                row_label, column_header = cell.row_label, cell.column_header
        values = {
            "answer_id": answer_id,
            "offset": start,
            "text": text[start:found.end],
            "value": found.value,
            "value_max": value_max,
            "unit": unit,
            "unit_as_written": found.written_unit,
            "scale": found.scale or "none",
            "counted": counted if unit in ("count", "people") else None,
            "row_label": row_label,
            "column_header": column_header,
            "sentence_start": sentence_start,
            "sentence_end": sentence_end,
        }
        if valid_answer_id and _publishable(values):  # (performance: built as validation would build it)
            statistics.append(_published(values))
            continue
        try:
            # Validated, so that no row the build publishes can fail the package's validation.
            statistics.append(_VALIDATE(values))
        except ValidationError as error:  # pragma: no cover - a reading this module cannot make
            problems.setdefault("number_too_long", f"the figure '{values['text'][:40]}' at offset {start} could not be published: {error.errors()[0]['msg']}")
    if len(flags) != len(problems):
        flags = [QualityFlag(answer_id=answer_id, code=code, message=message) for code, message in sorted(problems.items())]
    return StatisticsReading(statistics, flags)


_VALIDATE = Statistic.model_validate

# Performance: pydantic's validation of a Statistic runs a Python validator on each of its
# fields, and took more time than reading the text. A row whose every value validation would
# pass unchanged (see _publishable) is built as Statistic.model_construct builds it, all its
# fields set; any other row is validated, and refused or changed as validation does.
_ANSWER_ID = re.compile(r"[0-9a-f]{16}")  # model.AnswerId
_PUBLISHED_UNITS = frozenset(get_args(Statistic.model_fields["unit"].annotation))
_PUBLISHED_SCALES = frozenset(get_args(Statistic.model_fields["scale"].annotation))
_STATISTIC_FIELDS = frozenset(Statistic.model_fields)
_texts_of = itemgetter("text", "unit_as_written", "counted", "row_label", "column_header")
_new_statistic = Statistic.__new__
_set_attribute = object.__setattr__


def _publishable(values: dict) -> bool:
    """Whether validating ``values`` (a statistic's, its answer id valid) would pass them unchanged:
    texts with nothing for the model to strip and not blank, a decimal that fits the published
    decimal(38, 10), a unit and scale of the published lists, offsets not negative."""
    for written in _texts_of(values):
        # (str.isspace() is true of every character pydantic strips, and of a few more)
        if written is not None and (type(written) is not str or not written or written[0].isspace() or written[-1].isspace()):
            return False
    return (
        _fits(values["value"])
        and (values["value_max"] is None or _fits(values["value_max"]))
        and values["unit"] in _PUBLISHED_UNITS
        and values["scale"] in _PUBLISHED_SCALES
        and values["offset"] >= 0 and values["sentence_start"] >= 0 and values["sentence_end"] >= 0
    )


@lru_cache(maxsize=65536, typed=True)  # Performance: the same values recur (whether one fits depends on its value alone)
def _fits(value: Decimal) -> bool:
    """Whether ``value`` fits model.ExactNumber: at most 28 digits before the point, 10 after it."""
    return (
        type(value) is Decimal and value.is_finite() and value.adjusted() < 28
        and value == value.quantize(_PLACES, context=_EXACT)  # (faster than reading its exponent)
    )


#: Room for every digit of a value that fits, so that quantizing one to ten places is exact.
_EXACT = Context(prec=40)


def _published(values: dict) -> Statistic:
    """The Statistic of ``values`` (every field's, in the model's order), built as
    Statistic.model_construct builds one, without validation: see _publishable."""
    row = _new_statistic(Statistic)
    _set_attribute(row, "__dict__", values)
    _set_attribute(row, "__pydantic_fields_set__", set(_STATISTIC_FIELDS))
    _set_attribute(row, "__pydantic_extra__", None)
    _set_attribute(row, "__pydantic_private__", None)
    return row


_PEOPLE = frozenset({"people", "persons", "individuals"})
#: Financial years run together by a flattened table ("2019-202020-21"), or two years ("20232024"),
#: after the first year's century: a year of the 1900s, of the 2000s (see :func:`_glued_years`).
#: (Performance: both kinds start with the first year's "19" or "20"; one pattern for each starts
#: with its literal, and the scan for a literal passes over a text several times faster than for
#: the class "[12]" that a pattern starting "(?:19|20)" is scanned for, trying it at every "1" and
#: "2" of the text's figures. The "no digit before it" of two years run together is looked behind
#: for past that year, at the character before it.)
_GLUED_AFTER_CENTURY = (
    r"[0-9][0-9](?:[-–/](?:(?:19|20)[0-9][0-9]|[0-9][0-9])(?:19|20)[0-9][0-9][-–/]"
    r"|(?<![0-9]....)(?:19|20)[0-9][0-9](?![0-9]))"
)
_GLUED_YEARS_19 = re.compile("19" + _GLUED_AFTER_CENTURY)
_GLUED_YEARS_20 = re.compile("20" + _GLUED_AFTER_CENTURY)


def _glued_years(text: str) -> list[re.Match]:
    """Every run of glued years in ``text``, in order: the matches ``finditer`` of the one pattern
    "(?:19|20)" + the rest would give, the leftmost of either century's next, from the end of the last."""
    found = []
    position = 0
    while True:
        nineteen = _GLUED_YEARS_19.search(text, position)
        twenty = _GLUED_YEARS_20.search(text, position)
        if nineteen is None and twenty is None:
            return found
        if twenty is None or (nineteen is not None and nineteen.start() < twenty.start()):
            match = nineteen
        else:
            match = twenty
        found.append(match)
        position = match.end()


#: A table's label glued to its figures ("claims disallowed62402300"), looked for where a table is named.
_GLUED_CELLS = re.compile(r"[a-z]{3}[0-9]{5,}(?![0-9]*[A-Za-z])")
#: (Performance: the scan is for the literal "able", whose word is then looked behind at; a pattern
#: starting with ``\b`` is tried at every character.)
_TABLE_WORD = re.compile(r"able\b(?<=\b[Tt]able)")


def _line_end(text: str, offset: int) -> int:
    end = text.find("\n", offset)
    return len(text) if end < 0 else end


def _within_any(spans: list[tuple[int, int]], offset: int) -> bool:
    """Whether ``offset`` lies in one of ``spans`` (sorted, not overlapping)."""
    index = bisect_right(spans, (offset, len(spans) + 10**12)) - 1
    return index >= 0 and spans[index][0] <= offset < spans[index][1]


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` (sorted by start) with overlapping ones joined."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _is_whole(value: Decimal) -> bool:
    return value == value.to_integral_value()


_DIGIT = re.compile(r"\d")


def _statistics(text: str, problems: dict[str, str]) -> Iterator[tuple[_Number, Decimal | None, str | None]]:
    """(number, upper value of a range, counted words) for every statistic, in order; what could
    not be read is noted in ``problems`` (quality code: message)."""
    mask = masked_spans(text)
    cut = truncation(text)
    position = 0
    pending: _Number | None = None
    while True:
        if pending is None:
            found = _read_number(text, position, mask)
            if found is None:
                return
        else:
            found, pending = pending, None
        position = end = found.end
        unreadable = _unreadable(text, found, problems)
        if unreadable is not None:
            position = unreadable
            continue
        reason = _not_a_statistic(text, found)
        if reason is not None:
            if reason == "label":  # "Questions 2501, 2502 and 2779"
                position = _skip(_LABEL_LIST, text, end)
            elif reason == "age":  # "aged 16 to 18", "age, 5 to 16", "between the age of 65 and 70"
                position = _skip(_AGE_RANGE, text, end)
                if position == end and _BETWEEN_AGES.search(text, max(0, found.start - 30), found.start):
                    position = _skip(_AGE_PAIR, text, end)
            elif reason == "year":
                position = _skip(_YEAR_SPAN, text, end)
            continue
        if cut is not None and _in_last_word(text, end, cut):
            continue
        # (Performance: a range or a range of durations is matched for only where what follows
        # the number can start one's join: a dash, or a space before a dash, a space, "to",
        # "and" or "or".)
        following = text[end:end + 1]
        may_join = following in _JOIN_STARTS and (following not in SPACES or text[end + 1:end + 2] in _AFTER_JOIN_SPACE)
        if may_join and found.unit is None and found.currency is None:
            span = _DURATION_RANGE.match(text, end)
            if span is not None:  # "between 5 and 10 years", "from 2 to 4 weeks", "5-10 years"
                position = span.end()
                continue
        found.value = _value(found, found.scale)
        value_max = None
        if may_join and (join := _RANGE_JOIN.match(text, end)) is not None:
            value_max, pending = _read_range(text, found, join, mask, cut)
            if value_max is not None:
                position = found.end
        counted = None
        if found.unit is None and found.currency is None:
            counted = _counted(text, found.end, found.value if value_max is None else value_max, cut)
        yield found, value_max, counted


#: A run of digits and separators as a source may glue table cells into: "167,51882,296".
_DIGIT_RUN = re.compile(r"[\d,.]*")


def _unreadable(text: str, found: _Number, problems: dict[str, str]) -> int | None:
    """Where to go on reading when ``found`` is not a figure that can be read at all (a number too
    long to be one, or table cells the source ran together), with the problem noted; else None."""
    number = found.number
    if len(number) <= MAX_DECIMAL_DIGITS and not ("," in number and text[found.number_end:found.number_end + 1].isdigit()):
        return None  # (performance: too short to have too many digits, and not cells run together)
    whole, _, decimals = number.rstrip(_FRACTION_SIGNS).partition(".")
    digits = len(whole) - whole.count(",")
    glued = "," in whole and text[found.number_end:found.number_end + 1].isdigit()  # "167,51882,296"
    if digits <= MAX_WHOLE_DIGITS and len(decimals) <= MAX_DECIMAL_DIGITS and not glued:
        return None
    run_end = _DIGIT_RUN.match(text, found.number_end).end()
    shown = text[found.number_start:min(run_end, found.number_start + 40)]
    where = f"at offset {found.number_start}"
    if glued or (found.currency is None and "table" in text.lower()):
        problems.setdefault("table_unreadable", f"the answer text runs a table's cells together ('{shown}' {where}), so they cannot be told apart; no figure was read from them")
    if not glued:
        problems.setdefault("number_too_long", f"'{shown}{'...' if run_end - found.number_start > 40 else ''}' {where} has {digits + len(decimals)} digits, too many to be a figure; it was not read as a statistic")
    return max(run_end, found.end)


def _read_range(
    text: str, low: _Number, join: re.Match, mask: list[tuple[int, int]], cut: int | None
) -> tuple[float | None, _Number | None]:
    """(upper value, None) where the number after ``join`` ends a range that ``low`` starts (``low``
    then spans it); otherwise (None, that number where it is a statistic of its own, else None)."""
    joiner = join[0].strip(SPACES)
    window = max(0, low.start - 30)
    between = _BETWEEN_BEFORE.search(text, window, low.start)
    if (joiner == "and" and between is None) or (joiner == "to" and between is not None) or (
        joiner == "to" and _FROM_BEFORE.search(text, window, low.start)
    ):
        return None, None
    high = _read_number(text, join.end(), mask)
    if high is None or high.start != join.end() or (cut is not None and _in_last_word(text, high.end, cut)):
        return None, None
    if _unreadable(text, high, {}) is not None:
        return None, None  # read again, and flagged, as a number of its own
    value_max = _merge_range(text, low, high)
    if value_max is not None:
        if between is not None and joiner == "and":
            low.start = between.start()
        return value_max, None
    return None, (high if _not_a_statistic(text, high) is None else None)


def _read_number(text: str, position: int, mask: list[tuple[int, int]]) -> _Number | None:
    """The next number at or after ``position``, with its currency sign, "c.", scale and unit if written."""
    while True:
        match = _CANDIDATE.search(text, position)
        if match is None:
            return None
        start = number_start = match.start()
        number_end = match.end()
        read = match.lastindex
        if read == _BARE:
            currency = None
        elif read == _MONEY:
            number_start = match.start(_MONEY)
            currency = _CURRENCIES[text[start]]
            if currency == "USD" and start >= 2 and text.startswith("US", start - 2):
                start -= 2
        else:
            # A footnote marker passed over whole, a "[" that opens none, a currency sign before
            # no number, or a character outside the BMP that is not a digit. (A marker inside a
            # URL is passed over the same: the numbers after it in the URL are masked one by one.)
            position = number_end
            continue
        if start > 1 and ((before := text[start - 1]) in ".~" or (before in SPACES and text[start - 2] in ".~")):
            approx = _APPROX_BEFORE.search(text, start - 4 if start > 4 else 0, start)
            if approx is not None:
                start = approx.start()
        if mask and number_start >= mask[0][0]:  # (most numbers come before the first URL)
            masked_until = _masked_until(mask, number_start)
            if masked_until:
                position = number_end if number_end > masked_until else masked_until
                continue
        number = text[number_start:number_end]
        if number_end - number_start <= 3 and text.startswith(",", number_end) and (
            stray := _STRAY_SPACE_GROUP.match(text, number_end)
        ) is not None and number.isascii() and number.isdecimal() and _in_figure_context(text, start, currency):
            number, number_end = f"{number},{stray[1]}", stray.end()  # "24, 787": one figure
        found = _Number(start, number_start, number_end, number, currency)
        if currency is not None:
            found.written_unit = text[start:number_start].strip(SPACES)
        following = text[number_end:number_end + 1]
        # (shillings and pence follow pounds after a space, or a bare number glued on: see _read_lsd)
        if (following in _LSD_STARTS if currency is None else currency == "GBP" and following in SPACES) and _read_lsd(text, found):
            return found
        if following in _SUFFIX_STARTS or (following in SPACES and text[number_end + 1:number_end + 2] in _SUFFIX_STARTS):
            _read_suffix(text, found)
        return found


#: A thousands group printed after a stray space ("there are 24, 787 British nationals"): exactly
#: three digits after ", ", then a word that is not a list's next item ("12, 345 and 678", "3, 150 or
#: 200") nor a rate. Read as one figure only in a figure's context (see :func:`_in_figure_context`),
#: since "key stage 2, 500 pupils" or "items 4, 150 ..." are two numbers.
_STRAY_SPACE_GROUP = re.compile(
    rf",{SP}([0-9]{{3}})(?={SP}+[A-Za-z])(?!{SP}+(?:and|or|to|per|a|an|the|of|in|for|at|on|by)\b)"
)
#: Words after which a number can only be a figure of something: "there are 24, 787 ...".
_FIGURE_LEADS = frozenset(
    "are were is was be been had have has about around approximately nearly almost some totalled totalling than".split()
)


def _in_figure_context(text: str, start: int, currency: str | None) -> bool:
    """Whether the number starting at ``start`` can only be a figure: after a currency sign or a
    word that leads one, and not itself the next item of a list of numbers ("12, 24, 787 ...")."""
    if start >= 2 and (text[start - 2] in ",0123456789" or text[start - 1].isdigit()):
        return False
    return currency is not None or _word_before(text, start) in _FIGURE_LEADS


#: Pre-decimal money after pounds ("£103,675 10s.", "£2 10s. 6d.") or alone ("42s. 6d.", "5s.",
#: "6d."): shillings then pence, each a number glued to its "s" or "d" and ended by a full stop
#: or by what ends a word. A bare "Ns" needs its full stop or pence after it ("in their 50s" is
#: no money), and a bare "Nd" its full stop ("3d printing" is no money).
_SHILLINGS_PENCE = rf"(?P<s>\d{{1,3}})s(?:\.|(?={SP}+\d{{1,2}}{_FRACTION}?d\b))(?:{SP}*(?P<d>\d{{1,2}}{_FRACTION}?)d\b\.?|)"
_LSD_AFTER_POUNDS = re.compile(rf"{SP}+(?:{_SHILLINGS_PENCE}|(?P<s2>\d{{1,2}})s\b(?![’'])\.?|(?P<d2>\d{{1,2}}{_FRACTION}?)d\.)")
_LSD_BARE = re.compile(rf"s(?:\.|(?={SP}+\d{{1,2}}{_FRACTION}?d\b))(?:{SP}*(?P<d>\d{{1,2}}{_FRACTION}?)d\b\.?|)|(?P<d_only>d\.)")
_LSD_STARTS = frozenset("sd")
_DECADE_BEFORE = re.compile(rf"(?:\b(?:the|their|his|her|our|early|late|mid)(?:{SP}+|-)|[’'])$", re.IGNORECASE)


def _read_lsd(text: str, found: _Number) -> bool:
    """Read shillings and pence written with ``found`` (pounds after a "£", or shillings or pence
    alone); True where some were, with ``found`` then spanning them and its value in pounds."""
    end = found.number_end
    if found.currency == "GBP" and found.written_unit == "£":
        match = _LSD_AFTER_POUNDS.match(text, end)
        if match is None:
            return False
        shillings = match["s"] or match["s2"] or "0"
        pence = match["d"] or match["d2"] or "0"
        found.lsd = (shillings, pence)
        found.written_unit = "£ s. d."
    elif found.currency is None and text[end:end + 1] in "sd":
        if text[found.number_start - 1:found.number_start].isalnum() if found.number_start else False:
            return False
        match = _LSD_BARE.match(text, end)
        if match is None or not found.number.isdecimal() or len(found.number) > 3:
            return False
        if match["d"] is None and not match["d_only"] and _DECADE_BEFORE.search(text, max(0, found.number_start - 8), found.number_start):
            return False  # "since the 1960s.", "in their 50s.": decades, not shillings
        if match["d_only"]:
            found.lsd = ("0", found.number)
            found.number = "0"
        else:
            found.lsd = (found.number, match["d"] or "0")
            found.number = "0"
        found.currency = "GBP"
        found.written_unit = "s. d."
    else:
        return False
    found.end = match.end()
    return True


def _read_suffix(text: str, found: _Number) -> None:
    """Scale and unit written after the number; moves ``found.end`` past them."""
    end = found.end
    suffix = (_SUFFIX_AFTER_NUMBER if found.currency is None else _SUFFIX_AFTER_MONEY).match(text, end)
    if suffix.end() == end:
        return
    word, short, spaced = suffix.group("scale", "short", "spaced")
    written = word or short or spaced
    if written is not None:
        found.scale = _SCALE_WORDS[written]
    kind = suffix.lastgroup
    unit = _UNIT_NAMES.get(kind)  # type: ignore[arg-type]
    if unit == "pence":
        if found.currency is not None or found.scale is not None:
            found.end = suffix.start("pence")  # "£5p", "5 million pence": no pence are read
            return
        found.currency = "GBP"
    if unit is not None:
        written_unit = suffix[kind].strip(SPACES)
        if kind == "points":  # "5 per cent points": the percent group holds "per cent"
            written_unit = suffix["percent"] + suffix["points"]
        found.written_unit = " ".join(written_unit.split())
    found.unit = unit
    found.end = suffix.end()


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


def _decimal(number: str) -> Decimal:
    """The exact value of a number as written: "1,234.5", "15½"."""
    fraction = _FRACTIONS.get(number[-1])
    if fraction is not None:
        number = number[:-1]
    value = Decimal(number.replace(",", "") if "," in number else number)
    return value + fraction if fraction is not None else value


#: The published precision: ten decimal places (model.ExactNumber).
_PLACES = Decimal(1).scaleb(-10)


def _value(found: _Number, scale: str | None) -> Decimal:
    """The exact value of ``found``, with its scale applied, pence in pounds and pre-decimal
    money in pounds (12d = 1s, 20s = £1), in plain notation; rounded to ten decimal places only
    where a number of pence has no exact decimal value in pounds (1d = £0.0041666...)."""
    if found.lsd is None:
        return _scaled(found.number, scale, found.unit == "pence")
    value = _decimal(found.number)
    if scale is not None:
        value = value.scaleb(_SCALES[scale])
    if found.unit == "pence":
        value = value.scaleb(-2)
    shillings, pence = found.lsd
    value += _decimal(shillings) / 20 + _decimal(pence) / 240
    value = value.quantize(_PLACES)
    return _plain(value)


@lru_cache(maxsize=65536)  # Performance: the same figures recur from answer to answer (a Decimal is immutable)
def _scaled(number: str, scale: str | None, pence: bool) -> Decimal:
    """The exact value of ``number`` as written, its scale applied and pence in pounds, in plain notation."""
    value = _decimal(number)
    if scale is not None:
        value = value.scaleb(_SCALES[scale])
    if pence:
        value = value.scaleb(-2)
    return _plain(value)


def _plain(value: Decimal) -> Decimal:
    """``value`` without an exponent and without trailing zeros: 8300000000 for 8.3E+9."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


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
    if low.lsd is not None or high.lsd is not None:
        return None  # "5s. to 10s.": each its own sum
    scale = low.scale
    if scale is None and high.scale is not None and _written(low) < _written(high):
        scale = high.scale
    currency, unit = low.currency or high.currency, low.unit or high.unit
    probe = _Number(low.start, low.number_start, low.end, low.number, currency)
    probe.unit = unit
    probe.lsd = low.lsd
    low_value = _value(probe, scale)
    high.unit = high.unit or unit
    high_value = _value(high, high.scale)
    if not high_value > low_value:
        return None
    low.scale, low.unit, low.currency, low.value, low.end = scale or high.scale, unit, currency, low_value, high.end
    low.written_unit = low.written_unit or high.written_unit
    return high_value


def _written(found: _Number) -> Decimal:
    return _decimal(found.number)


def _not_a_statistic(text: str, found: _Number, in_range: bool = False) -> str | None:
    """Why the number is not a statistic ("year", "date", "label", ...), or None if it is one."""
    number, number_start, end = found.number, found.number_start, found.end
    before = text[number_start - 1] if number_start > 0 else " "
    after = text[end] if end < len(text) else " "
    if found.currency is None and before != " ":
        if before.isalnum() or before == "_":
            return "glued"
        if before in "-–" and number_start >= 2 and text[number_start - 2].isalnum() and not in_range:
            return "glued"
        if before in "/:" or (before in ".," and number_start >= 2 and text[number_start - 2].isdigit()):
            return "joined"
        if before == "." and found.start == number_start and number_start >= 2 and text[number_start - 2].isalpha():
            return "glued"  # "M.1", "A.5": a road or a label ("c.500" is read with its "c.")
    if found.currency is None and found.start < number_start and _HANSARD_COLUMN_BEFORE.search(text, max(0, found.start - 40), found.start):
        return "label"  # "[Vol 733, c.282.]", "[Vol. 971, c. 466]": a column of the Official Report
    if after == "/" or (after == ":" and text[end + 1:end + 2].isdigit()):
        return "joined"
    if found.currency is not None:
        return None
    if found.unit is not None or found.scale is not None:
        # "Table 3 km" is no measure; only the words that always label are asked (a place's
        # name before a figure, "Wales 12%", is no label).
        if not in_range:
            word = _word_before(text, number_start)
            if word.endswith(".") and word[:-1].lower() not in _LABEL_ABBREVIATIONS:
                return None  # the last word of the sentence before: "...on schedule. 19.77%"
            if word.strip("()’'.").lower() in LABEL_WORDS:
                return "label"
        return None
    # (performance: the patterns after the number are matched only where the character after its
    # first space or dash can go on one of their matches)
    if not in_range and after in _DURATION_STARTS and text[end + 1:end + 2] in _DURATION_SECONDS and _DURATION_AFTER.match(text, end):
        return "duration"
    if not in_range and before in SPACES and number_start >= 2:
        # (performance: the patterns are searched for only where the character before the
        # space is one a word of theirs ends with)
        ending = text[number_start - 2]
        if ending in _AGE_BEFORE_ENDINGS and _AGE_BEFORE.search(text, max(0, number_start - 24), number_start):
            return "age"
        if ending in _PEOPLE_OF_AGE_BEFORE_ENDINGS and number.isdecimal() and int(number) <= 120 and _PEOPLE_OF_AGE_BEFORE.search(
            text, max(0, number_start - 30), number_start
        ):
            return "age"  # "persons over 70 were drawing old age pensions", "children under 5"
    if (after == "." or after == ")") and _ITEM_NUMBER.match(text, end) and _at_line_start(text, number_start):
        return "item"
    if after in SPACES and text[end + 1:end + 2] in _NAMED_DAY_SECONDS and _NAMED_DAY_ITEM.match(text, end) and _at_line_start(text, number_start):
        return "item"  # an order paper's "2 N": item 2, for answer on a named day
    if after.isalpha() or after == "_":
        return "ordinal" if _ORDINAL_AFTER.match(text, end) else "glued"
    word = None
    if number.isdecimal():  # a whole number written plainly
        if len(number) > 1 and number[0] == "0":
            return "leading zero"
        whole = int(number)
        if len(number) == 4 and 1800 <= whole <= 2100:
            return "year"
        if before in "([" and after in ")]":
            return "bracketed"
        if after in _DATE_OR_TIME_STARTS:
            word = _word_before(text, number_start)
            if whole <= 31 and (_DATE_AFTER.match(text, end) or word.rstrip(".") in _MONTHS):
                return "date"
            if _TIME_AFTER.match(text, end):
                return "time"
        elif whole <= 31:
            word = _word_before(text, number_start)
            if word.rstrip(".") in _MONTHS:
                return "date"
    if in_range:
        return None
    if word is None:
        word = _word_before(text, number_start)
    if word and _is_label(word, number) and not (word.endswith(")") and _words_in_brackets_before(text, number_start)):
        return "label"
    if not word and number_start > 2 and text[number_start - 2] == ":":  # "Column: 813", "No: 5"
        colon = number_start - 2
        begin = colon
        while begin > colon - 12 and begin > 0 and text[begin - 1].isalpha():
            begin -= 1
        if text[begin:colon].lower() in LABEL_WORDS:
            return "label"
    return None


def _words_in_brackets_before(text: str, start: int) -> bool:
    """Whether a bracket of several words closes just before ``start``: "Cheese (Government
    Imports) 2,249" is a figure after its row's name, where "(JSP) 950" is a label."""
    close = text.rfind(")", max(0, start - 4), start)
    opening = text.rfind("(", max(0, close - 80), close) if close >= 0 else -1
    return opening >= 0 and " " in text[opening:close]


#: What follows a number that is a duration or an age: "128 weeks", "the next 20 years",
#: "a 12-month period", "16-year-olds", "3 years old".
_DURATION_AFTER = re.compile(
    rf"(?:{SP}+|[-–])(?:(?:working|calendar|school|academic|financial|full|whole|more|further|consecutive|additional){SP}+)?"
    r"(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|fortnights?|months?|years?|yrs?|decades?|centur(?:y|ies))\b"
)
_DURATION_STARTS = frozenset(SPACES + "-–")
#: What may follow the first space or dash of :data:`_DURATION_AFTER`: a space, or the first
#: letter of one of its words (read off the pattern; the letters of a group's alternatives too).
_DURATION_SECONDS = frozenset(SPACES + "".join(word[0] for word in re.findall("[a-z]+", _DURATION_AFTER.pattern)))
#: The rest of a range of durations or ages after its first number: "-10 years", " to 4 weeks".
_DURATION_RANGE = re.compile(
    rf"(?:{SP}?[-–]{SP}?|{SP}+(?:to|and|or){SP}+)[0-9][0-9,.]*(?=(?:{SP}+|[-–])"
    r"(?:working|calendar|school|academic|financial|full|whole|more|further|consecutive|additional)?[ \u00a0]*"
    r"(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|fortnights?|months?|years?|yrs?|decades?|centur(?:y|ies))\b)"
)
#: What stands before an age: "aged 16", "the age of 14", "ages 16 to 18", "over the age of 65".
#: People named by their age, before it: "persons over 70", "children under 5" ("over 70 people",
#: where the number comes first, is a count).
_PEOPLE_OF_AGE_BEFORE = re.compile(
    rf"\b(?:persons|people|men|women|those|children|adults|pensioners|individuals|boys|girls){SP}+(?:over|under|above|below){SP}+$",
    re.IGNORECASE,
)
_AGE_BEFORE = re.compile(rf"\b(?:[Aa]ged?|[Aa]ges)(?:,|{SP}+(?:of|between|from|under|over|below|above))?{SP}+$")
#: The characters that can stand before the last space of :data:`_AGE_BEFORE` and
#: :data:`_PEOPLE_OF_AGE_BEFORE`: a space, or the last character of a word of theirs.
_AGE_BEFORE_ENDINGS = frozenset(SPACES + ",eds" + "fnmrwe")
_PEOPLE_OF_AGE_BEFORE_ENDINGS = frozenset(SPACES + "rewREW")
#: What stands before a Hansard column written "c.": "[Vol 733, c.", "HC Deb 3 May 1967, c.".
_HANSARD_COLUMN_BEFORE = re.compile(rf"(?:\b[Vv]ol\.?{SP}*\d+|\bDeb\b[^\]\)\n]{{0,30}}),{SP}*$")
#: An order paper's named-day flag after an item number: "2 N" on a line of its own.
_NAMED_DAY_ITEM = re.compile(rf"{SP}+N{SP}*(?:\n|$)")
_NAMED_DAY_SECONDS = frozenset(SPACES + "N")
#: An item or list number: "86." or "3)" at a line's start, before a space or the line's end.
_ITEM_NUMBER = re.compile(rf"[.)](?:{SP}|\n|$)")


def _at_line_start(text: str, start: int) -> bool:
    line = text.rfind("\n", 0, start) + 1
    return not text[line:start].strip(SPACES + "(")


def _word_before(text: str, start: int) -> str:
    """The word before ``start``, separated from it by spaces ("" where there is none)."""
    if start == 0 or text[start - 1] not in SPACES:
        return ""
    end = start - 1
    while end > 0 and text[end - 1] in SPACES:
        end -= 1
    limit = end - 30 if end > 30 else 0
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
    tail = word.rstrip(".").rpartition(".")[2]
    if tail and tail is not word and tail[0].isupper() and len(tail) > 1:
        word = tail  # "proposals.Paragraph 8": a sentence glued on after a lost space
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
    after = _COUNTED_AFTER.match(text, end)
    if after is None:
        return None
    compound = after["compound"]
    if compound is not None:  # "a 6-week rate", "16-year-olds"
        return compound
    if cut is not None and after.end() >= cut:  # only the words the source did not cut into
        return _counted_words([word[1] for word in _COUNTED_WORD.finditer(text, end, after.end()) if word.end() < cut], value == 1)
    return _counted_in(after[0], value == 1)


@lru_cache(maxsize=65536)  # Performance: the same words follow counts from answer to answer
def _counted_in(words_after: str, one: bool) -> str | None:
    """:func:`_counted_words` of the words of ``words_after``."""
    return _counted_words(words_after.split(), one)


def _counted_words(run: list[str], one: bool) -> str | None:
    """What the words ``run`` after a count say it counts (``one``: whether the count is 1)."""
    words: list[str] = []
    acronym = None
    for word in run[:5]:
        word = word.rstrip("’'")
        if not word or word.lower() in _STOP_WORDS:
            break
        words.append(word)
        if word.isupper() and len(word) >= 2:
            acronym = len(words)
        elif _is_plural(word):
            following = run[len(words)].rstrip("’'") if len(run) > len(words) else ""
            if following.lower() not in _STOP_WORDS and following.lower() in _IRREGULAR_PLURALS:
                words.append(following)
            return _phrase(words)
    if acronym is not None:
        return _phrase(words[:acronym])
    if one and words:
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
    word = between.strip(" \u00a0")
    if " " in word:
        return False
    # "94,169 driving...": a word no scale or unit starts with took nothing from the number.
    lower = word.lower()
    return not word or not between[:1].isspace() or any(written.startswith(lower) for written in _SCALE_AND_UNIT_WORDS)


_SENTENCE_END = re.compile(r"[.;:!?)\]][\s\u00a0]")
#: Every scale and unit word a number may be written with, spelled out (see :data:`_UNIT`).
_SCALE_AND_UNIT_WORDS = (
    "thousand", "million", "billion", "trillion", "bn", "mn", "tn", "per cent", "percent", "percentage points",
    "pp", "ppts", "hectares", "acres", "tonnes", "tons", "cwt", "hundredweight", "kilograms", "kg", "kilogrammes",
    "kilometres", "kilometers", "km", "miles", "metres", "meters", "square metres", "sqm", "litres", "liters", "pence",
)
