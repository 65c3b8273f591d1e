"""Patterns shared by the extractors: written dates, URLs, and the spans of text
(URLs, telephone numbers) whose digits are never statistics."""

from __future__ import annotations

import re


def _runs(chars: list[str]) -> list[tuple[str, str]]:
    """(first, last) of every run of consecutive code points in ``chars`` (sorted)."""
    runs: list[list[str]] = []
    for char in chars:
        if runs and ord(runs[-1][1]) == ord(char) - 1:
            runs[-1][1] = char
        else:
            runs.append([char, char])
    return [(first, last) for first, last in runs]


#: Spaces that may separate a number from its unit: ordinary, no-break and narrow no-break.
SPACES = " \u00a0\u202f"
#: One of :data:`SPACES`, in a pattern.
SP = f"[{SPACES}]"

MONTH_NAMES = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
)

#: A URL: with its scheme, or starting "www.". Closing punctuation is trimmed by :func:`url_end`.
#: Each pattern starts at the literal in its middle ("://", "."), so that scanning a text for it
#: is a fast substring search, and looks behind for the rest: the URL starts at the scheme, that
#: is 4 or 5 characters before the match (see :func:`_scheme_start`), or 3 before it.
URL = re.compile(r"://(?:(?<=[Hh][Tt][Tt][Pp]://)|(?<=[Hh][Tt][Tt][Pp][Ss]://))[^\s<>\"“”‘’]+")
WWW_URL = re.compile(r"\.(?<=[Ww][Ww][Ww]\.)[^\s<>\"“”‘’]+")
_URL_TRAILING = ".,;:!?)]}'*"
#: Text glued onto a URL's end by a lost paragraph break: "...awards.We are".
_URL_GLUED_SENTENCE = re.compile(r"\.(?=[A-Z][a-z]+$)")

#: The characters ``\d`` matches in the Basic Multilingual Plane, as the body of a character class.
#: A pattern that scans a whole text for its first character is several times faster with a class
#: of characters than with ``\d``, which looks up every character's Unicode category; the class is
#: read from ``\d`` itself, so that it holds exactly the same digits. (Digits outside the BMP would
#: make the class a slow list of ranges: a scan that must find them takes :data:`ASTRAL` instead,
#: every character outside the BMP, and checks each one it finds with ``str.isdecimal``, which is
#: what ``\d`` matches.)
BMP_DIGITS = "".join(
    re.escape(first) if first == last else f"{re.escape(first)}-{re.escape(last)}"
    for first, last in _runs(re.findall(r"\d", "".join(map(chr, range(0x10000)))))
)
ASTRAL = "\U00010000-\U0010ffff"

#: UK telephone numbers: "0800 121 7479", "020 7219 3000".
PHONE = re.compile(rf"0\d{{2,4}}{SP}?\d{{3,4}}{SP}?\d{{3,4}}(?![\d,])")
PHONE_INTERNATIONAL = re.compile(rf"\+44{SP}?\d{{2,4}}{SP}?\d{{3,4}}{SP}?\d{{3,4}}(?![\d,])")


def url_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every URL in ``text``, trailing punctuation excluded, in order."""
    global _last_urls
    # Statistics and references both ask for the URLs of one answer's text, references for its
    # question's in between: the last two texts' URLs are kept.
    for seen, seen_spans in _last_urls:
        if seen is text:
            return list(seen_spans)
    spans = []
    # A search for one character is several times faster than for a word: ":" and "W" rule
    # most texts out before "://" and "WWW." are looked for.
    if ":" in text and "://" in text:
        for match in URL.finditer(text):
            start = _scheme_start(text, match.start())
            end = url_end(text, start, match.end())
            if end == match.end() and end < len(text) and text[end] in " \u00a0":
                end = url_end(text, start, _broken_url_end(text, end))
            spans.append((start, end))
    if "www." in text or ("W" in text and "WWW." in text):
        for match in WWW_URL.finditer(text):
            start = match.start() - 3
            if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "/.@"):
                continue  # inside a URL with its scheme, or part of a longer word
            spans.append((start, url_end(text, start, match.end())))
        spans.sort()
    _last_urls = ((text, tuple(spans)), _last_urls[0])
    return spans


_last_urls: tuple[tuple[str | None, tuple[tuple[int, int], ...]], ...] = ((None, ()), (None, ()))


def _scheme_start(text: str, colon: int) -> int:
    """Where the scheme ("http", "https", in any case) before the "://" at ``colon`` starts."""
    return colon - 5 if text[colon - 1] in "Ss" else colon - 4


def url_end(text: str, start: int, end: int) -> int:
    """Where a URL found at ``start:end`` really ends: closing punctuation, a closing
    bracket the URL did not open, and a sentence glued on after a lost space are cut."""
    close = text.find(")", start, end)
    if close >= 0 and text.find("(", start, close) < 0:
        end = close
    while end > start and text[end - 1] in _URL_TRAILING:
        if text[end - 1] == ")" and text.count("(", start, end) >= text.count(")", start, end):
            break
        end -= 1
    # "...current-funding-awards.We are": the path's last segment ends in ".Word".
    slash = text.rfind("/", start, end)
    segment = slash + 1 if slash >= 0 else start
    if text.find(".", segment, end) >= 0 and (glued := _URL_GLUED_SENTENCE.search(text, segment, end)) is not None:
        end = glued.start()
    # "...incidence_and_mortalityThe": a sentence's first word glued on where the source lost the
    # space, in a last segment written in lowercase (a camel-case path, "getTheData", keeps it).
    # (Performance: the search starts where the longest such word would, not at the segment's start.)
    elif (
        (glued := _URL_GLUED_WORD.search(text, max(segment, end - _URL_GLUED_WORD_LONGEST), end)) is not None
        and text[glued.start() - 1] in _URL_GLUED_WORD_AFTER
        and not any(c.isupper() for c in text[segment:glued.start()])
    ):
        end = glued.start()
    return end


#: Words that open a sentence, as a source may glue them onto a URL before it.
_URL_GLUED_WORDS = (
    "The|This|These|Those|That|There|Their|They|We|It|In|For|Our|If|As|Please|However|"
    "Further|Figures|Data|Information|Details|More|All|Any|Each|Since|When|Where|While|Although|Also|From|"
    "On|At|To|Of|And|But|He|She|You|Your|Its|Some|Most|Many|Both|Under|Over|Following|Additionally"
)
_URL_GLUED_WORD = re.compile(rf"(?:{_URL_GLUED_WORDS})$")
#: What a glued word follows: a lowercase letter, a digit or "_". (Performance: looked at apart from
#: :data:`_URL_GLUED_WORD`, so that its search is a scan for the words' first letters. The words
#: are capitalised, all their other letters lowercase: a match can start only at the last capital
#: before the URL's end, and is the only one, so that looking at the character before it after
#: the search finds what a lookbehind in the pattern would.)
_URL_GLUED_WORD_AFTER = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")
_URL_GLUED_WORD_LONGEST = max(map(len, _URL_GLUED_WORDS.split("|")))
#: What continues a URL that the source broke with one or two spaces: a path fragment with a
#: "/" in it, or a last segment ending in a file extension ("FEE880FEA3CC.aspx").
_URL_CONTINUATION = re.compile(
    r"[ \u00a0]{1,2}(?=[A-Za-z0-9])(?:[A-Za-z0-9_%.~=&?+-]*/[A-Za-z0-9_%./~=&?+-]*"
    r"|[A-Za-z0-9_%.~=&?+-]*\.(?:aspx?|html?|pdf|xlsx?|csv|ods|odt|docx?|php|jsp|xml|json))(?=[\s)\],;]|\.?$|\.\s)"
)


_FILE_EXTENSION = re.compile(r"\.(?:aspx?|html?|pdf|xlsx?|csv|ods|odt|docx?|php|jsp|xml|json)$")


def _broken_url_end(text: str, end: int) -> int:
    """Where a URL ending at ``end`` really ends, where the source broke it with spaces: the
    pieces that can only be more of it (a path fragment after a URL ending in "_", "-" or "=",
    or any fragment with a "/" or a file extension) are joined on."""
    while (more := _URL_CONTINUATION.match(text, end)) is not None:
        piece = more[0].lstrip(" \u00a0")
        if "/" in piece and text[end - 1] not in "_-=/" and not _FILE_EXTENSION.search(piece):
            break  # "and/or", "2019/20": a path fragment only goes on a URL left open
        end = more.end()
    return end


def masked_spans(text: str) -> list[tuple[int, int]]:
    """Spans whose digits are part of an address, not a quantity: URLs and telephone numbers."""
    spans = url_spans(text)
    phones = [m.span() for m in PHONE.finditer(text) if m.start() == 0 or text[m.start() - 1] not in "0123456789,."]
    if "+44" in text:
        phones.extend(m.span() for m in PHONE_INTERNATIONAL.finditer(text))
    if phones:
        spans = sorted(spans + phones)
    return spans


def truncation(text: str) -> int | None:
    """Where the source cut the text short ("..." or "…" at its end), or None."""
    stripped = text.rstrip()
    if stripped.endswith("..."):
        return len(stripped) - 3
    if stripped.endswith("…"):
        return len(stripped) - 1
    return None
