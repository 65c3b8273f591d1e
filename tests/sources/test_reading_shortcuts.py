"""The readers' shortcuts (a pattern tried only where its words are, a loop inlined) give
exactly what the plain code they stand for gives, on random text made of the pieces that matter."""

import random
import re

import pytest

from pipeline.sources import common, hansard, generic_written_questions, historic_hansard, parliament_question_page
from pipeline.sources.common import (
    FURNITURE_FRAGMENTS, _NEEDS_FULL_PARSER, _PlainText, _feed_simple, _joined_paragraphs, _simple_markup_text, _tidy_lines,
    is_furniture, search_where, strip_furniture,
)

MARKUP = ["<p>", "</p>", "<div class='x'>", "</div>", "<br>", "<br/>", "<br />", "<li>", "</li>", "<ul>", "</ul>", "<table>",
          "</table>", "<tr>", "</tr>", "<td>", "</td>", "<TD colspan=2>", "<th>", "</th>", "<td/>", "<p/>", "<caption>",
          '<a href="https://www.gov.uk/x">', "<a href='http://example.org/'>", "<a href=https://a.b/c?d=1&amp;e=2>", "<a>",
          '<a href="">', '<a name="n">', "</a>", "<strong>", "</strong>", "</title>", "</script>", "<h2>", "</h2>", "<blockquote>",
          "Some text", " more  text ", "&amp;", "&pound;3", "&nbsp;", "https://www.gov.uk/x", "a.b/c", "\n", "  ", "|", "&#8217;",
          "<span lang=en>", "</span>", "< p>", "<>", "text<", ">"]


def _texts(pieces, count, longest, seed=20140507):
    chance = random.Random(seed)
    for _ in range(count):
        yield "".join(chance.choice(pieces) for _ in range(chance.randint(0, longest)))


def _collected(markup: str) -> str:
    collector = _PlainText()
    _feed_simple(collector, markup)
    return "".join(collector.parts)


@pytest.mark.parametrize("markup", [
    '<p>See <a href="https://www.gov.uk/guidance">the guidance</a>.</p><table><tr><th>Year</th><th>Number</th></tr>'
    "<tr><td>2022<br>(p)</td><td><p>1,234</p></td></tr></table>",
    "<p>Funding of &pound;3 million</p><ul><li>one</li><li>two</li></ul>",
    '<a href="https://www.gov.uk/x/">https://www.gov.uk/x</a> and <a href="mailto:a@b">mail</a>',
])
def test_answer_markup_read_in_one_loop(markup):
    assert _simple_markup_text(markup) == _collected(markup)


def test_random_markup_read_in_one_loop():
    for markup in _texts(MARKUP, 5000, 40):
        if not _NEEDS_FULL_PARSER.search(markup):
            assert _simple_markup_text(markup) == _collected(markup), markup


def test_lines_tidied_run_by_run():
    def plain(text):
        return _joined_paragraphs("\n".join([" ".join(line.split()) for line in text.split("\n")]))

    for text in _texts(["\n", "\n\n", " ", "  ", "\t", "\xa0", "\u2028", "\x0b", "a", "bc", "d e", "\n \n", "\x1c"], 50000, 12):
        assert _tidy_lines(text) == plain(text), repr(text)


def test_furniture_told_as_line_by_line():
    def plain(text):
        lines = text.split("\n")
        if not any(word in text for word in ("Reticulating Splines", "Skip to main content")):
            kept = [line.rstrip() for line in lines if not (line and plain_furniture(line.strip()))]
            return kept, len(kept) < len(lines)
        removed, kept = False, []
        for line in lines:
            cleaned = FURNITURE_FRAGMENTS.sub("", line)
            if cleaned != line:
                removed = True
                if not cleaned.strip():
                    continue
                line = cleaned
            if plain_furniture(line.strip()):
                removed = True
                continue
            kept.append(line.rstrip())
        return kept, removed

    def plain_furniture(line):
        if not line or len(line) > 80:
            return False
        return bool(common.FURNITURE_LINES.match(line) or (line.endswith(" Portrait") and common.PORTRAIT_CAPTION.match(line)))

    pieces = ["\n", " ", "\t", "Menu", "MENU", "menu ", "Search", "reſearch", "ſearch", "Loading", "LOADING...", ".", "Back to top",
              "Bac\u212a to top", "BACK TO TOP", "Cookie settings", "Share this page", "Print this page", "Prİnt this page", "Prınt this page",
              "Skip to main content", "Reticulating Splines", "Edward Timpson Portrait", " Portrait", "Jim", "research", "text " * 20]
    for text in _texts(pieces, 30000, 10):
        assert strip_furniture(text) == plain(text), repr(text)
        for line in text.split("\n"):
            assert is_furniture(line.strip()) == plain_furniture(line.strip()), repr(line)


def test_column_markers_taken_out_as_by_every_pattern():
    def plain(line):
        if "W" not in line and "Column" not in line:
            return line
        for pattern, by in ((hansard._MARKER_SPLITTING_WORD, r"\1\2"), (hansard._MARKER_IN_WORD, ""), (hansard._MARKER_BEFORE_CAPITAL, ""),
                            (hansard._MARKER_ALONE, ""), (hansard._MARKER_DATED, "")):
            line = pattern.sub(by, line)
        return line

    pieces = ["Decem-", " ", "961W", "WA", "W", "ber", "Col-", "umn", "Column", "12", "26 Oct 1999", " : ", "Column: 813", "the", "Text",
              "5", "WS", "\u0663"]
    for line in _texts(pieces, 30000, 10):
        assert hansard.without_column_markers(line) == plain(line), repr(line)


def test_own_uin_searched_for_from_where_it_can_begin():
    pieces = ["[", "HL", "1", "23", "A", "]", ".", " ", "\t", "\n", "x", "\xa0", "\u0663", " HL5", "[HL12]", "[7]"]
    for text in _texts(pieces, 50000, 9):
        plain, quick = generic_written_questions.OWN_UIN.search(text), generic_written_questions.own_uin(text)
        assert (plain is None) == (quick is None), repr(text)
        if plain:
            assert (plain.span(), plain.groupdict()) == (quick.span(), quick.groupdict()), repr(text)


@pytest.mark.parametrize("pattern, words, before", [
    (common.ORAL_CITATION, " Deb ", 2),
    (historic_hansard.SITTING_IN_HEAD, " Deb ", 2),
    (historic_hansard.FIRST_QUESTION, "§ ", 0),
    (parliament_question_page.ASKED_ON_LINE, "(", 0),
    (parliament_question_page.VIEW_SOURCE, "(", 0),
    (parliament_question_page.QUESTION_TO_THEN_QUESTION, "Question to the ", 0),
])
def test_patterns_tried_where_their_words_are(pattern, words, before):
    pieces = ["HC Deb 6 March 1919 vol 113 cc637-8", "HL Deb 7 May 2014 vol 600", "xHC Deb 1 May 2000 vol 1 c1", "\n", " ", "§ ",
              "§ Mr. HANNON", "asked", "To ask", "(asked on 10 June 2014)", "(Asked on ) - View Source", " - View Source", "(",
              "Question to the Home Office:", "Question to the ", "words", "Deb "]
    for text in _texts(pieces, 20000, 8):
        plain = pattern.search(text)
        quick = search_where(pattern, text, words, before)
        assert (plain and plain.span()) == (quick and quick.span()), repr(text)
        if plain:
            after = search_where(pattern, text, words, before, start=plain.end())
            following = pattern.search(text, plain.end())
            assert (following and following.span()) == (after and after.span()), repr(text)


def test_chamber_marks_told_as_by_their_patterns():
    pieces = ["Oral Answers", "ORAL QUESTIONS", "oral answers to questions", "\n", " ", "x", "HC Deb 6 March 1919 vol 113 cc637-8",
              "HC Deb 6 March 1919 vol 113 cc637-8W", "Oral", "Questions"]
    for text in _texts(pieces, 20000, 6):
        plain = bool(common.ORAL_CITATION.search(text) or common.ORAL_HEADING.search(text))
        assert common.answered_in_the_chamber(text) == plain, repr(text)
        assert common.answered_in_the_chamber(text) == plain, repr(text)  # asked again, as the next reader asks


def test_questions_started_as_by_their_patterns():
    pieces = ["To ask ", "to ask ", "TO ASK ", "to aſk ", "To asK ", "the Secretary of State", "His Majesty's Government", "Mr Smith",
              ": ", "asked ", "Lord X ", "67. ", "§ ", " ", "x"]
    for line in _texts(pieces, 20000, 6):
        plain = generic_written_questions.TO_ASK.match(line.strip())
        if plain is None:
            plain = generic_written_questions.ASKED.match(line.strip())
            asker = plain and plain["asker"]
            if asker and not generic_written_questions.NAME.match(" ".join(asker.split()).rstrip(",")):
                plain = None
        quick = generic_written_questions.question_start(line)
        assert (plain and plain.span()) == (quick and quick.span()), repr(line)
