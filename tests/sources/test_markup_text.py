"""The one-loop reading of simple answer markup makes exactly what the collector's handlers make."""

import random

import pytest

from pipeline.sources.common import _NEEDS_FULL_PARSER, _PlainText, _feed_simple, _simple_markup_text

PIECES = ["<p>", "</p>", "<div class='x'>", "</div>", "<br>", "<br/>", "<br />", "<li>", "</li>", "<ul>", "</ul>", "<table>",
          "</table>", "<tr>", "</tr>", "<td>", "</td>", "<TD colspan=2>", "<th>", "</th>", "<td/>", "<p/>", "<caption>",
          '<a href="https://www.gov.uk/x">', "<a href='http://example.org/'>", "<a href=https://a.b/c?d=1&amp;e=2>", "<a>",
          '<a href="">', '<a name="n">', "</a>", "<strong>", "</strong>", "</title>", "</script>", "<h2>", "</h2>", "<blockquote>",
          "Some text", " more  text ", "&amp;", "&pound;3", "&nbsp;", "https://www.gov.uk/x", "a.b/c", "\n", "  ", "|", "&#8217;",
          "<span lang=en>", "</span>", "< p>", "<>", "text<", ">"]


def _collected(markup: str) -> str:
    collector = _PlainText()
    _feed_simple(collector, markup)
    return "".join(collector.parts)


def _markups(count: int):
    chance = random.Random(20140507)
    for _ in range(count):
        markup = "".join(chance.choice(PIECES) for _ in range(chance.randint(1, 40)))
        if not _NEEDS_FULL_PARSER.search(markup):
            yield markup


@pytest.mark.parametrize("markup", [
    '<p>See <a href="https://www.gov.uk/guidance">the guidance</a>.</p><table><tr><th>Year</th><th>Number</th></tr>'
    "<tr><td>2022<br>(p)</td><td><p>1,234</p></td></tr></table>",
    "<p>Funding of &pound;3 million</p><ul><li>one</li><li>two</li></ul>",
    '<a href="https://www.gov.uk/x/">https://www.gov.uk/x</a> and <a href="mailto:a@b">mail</a>',
])
def test_answer_markup(markup):
    assert _simple_markup_text(markup) == _collected(markup)


def test_random_markup():
    for markup in _markups(5000):
        assert _simple_markup_text(markup) == _collected(markup), markup
