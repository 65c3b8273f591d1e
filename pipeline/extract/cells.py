"""Tables in an answer's text, read cell by cell.

An answer's tables reach its text as lines whose cells are separated: ``html_to_text``
writes each table row on a line of its own with its cells joined by " | ", and page
texts print bars too ("Total number of leavers | 227", with lines of bars alone between
the rows) or keep a table's cells apart with tabs. Consecutive such lines are one table
(lines of bars alone do not break it); its first line is its row of headings, unless a
cell of it after the first is a figure ("Total | 1,234": a table without headings). A number in a cell is then known by its
row label (the row's first cell) and its column header (the header's cell above it), so
that "the 2022 figure for the Army" can be selected without reading the answer. Where a page
text ran a table's rows onto one line, the rows are told apart only where that is certain
(see :func:`_rows_of_line`).

Tables whose cells a source ran together cannot be read this way; they are flagged by
the statistics reader (see :mod:`.statistics`), never guessed at.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

#: What separates the cells of a table row in an answer's text: the bar ``html_to_text`` writes
#: between cells (" | "; an empty cell is " | | "), which page texts print too, with or without
#: spaces ("Farmers |32 |33"), or a tab. Cells are split on the bar alone.
SEPARATORS = ("|", "\t")


class Cell(NamedTuple):
    """Where a character of a table lies: its cell's column (0 = the row label's), whether its
    row is the table's header row, and the labels of that cell."""

    column: int
    in_header: bool
    row_label: str | None
    column_header: str | None


class TextTables:
    """The table rows of one text; ``cell_at(offset)`` labels the cell holding a character."""

    __slots__ = ("text", "_starts", "_rows", "_cells", "_cell_starts", "_headings")

    def __init__(self, text: str, masked: list[tuple[int, int]] = ()) -> None:
        """``masked``: sorted spans (URLs) whose bars separate no cells ("...data=05|02|...")."""
        self.text = text
        #: Start of every table row, and (start, end, separator, start of its table's header row).
        self._starts: list[int] = []
        self._rows: list[tuple[int, int, str, int]] = []
        self._cells: dict[int, list[tuple[int, int]]] = {}
        #: Where each cell of a row starts (its separator's end), to find a cell by bisection.
        self._cell_starts: dict[int, list[int]] = {}
        #: Whether a table's first row is a row of headings, by the row's index.
        self._headings: dict[int, bool] = {}
        header = -1
        previous_end = -2
        start = 0
        length = len(text)
        while start <= length:
            end = text.find("\n", start)
            if end < 0:
                end = length
            line = text[start:end]
            separator = next((s for s in SEPARATORS if s in line), None) if start < end else None
            if separator == "|" and masked and not _bar_outside(text, start, end, masked):
                separator = None
            if separator is not None and not line.strip(" |\t\u00a0"):
                # A line of bars alone, as page texts print between a table's rows: the table
                # goes on, but the line is no row.
                if previous_end + 1 == start:
                    previous_end = end
                start = end + 1
                continue
            if separator is not None:
                if previous_end + 1 != start:  # a new table starts: its first row is its header
                    header = start
                for row_start, row_end in _rows_of_line(text, start, end) if separator == "|" else ((start, end),):
                    self._starts.append(row_start)
                    self._rows.append((row_start, row_end, separator, header))
                previous_end = end
            start = end + 1

    def _split(self, row: int) -> list[tuple[int, int]]:
        """(start, end) of each cell of a row, spaces trimmed."""
        cells = self._cells.get(row)
        if cells is None:
            start, end, separator, _ = self._rows[row]
            cells = []
            starts = []
            text = self.text
            position = start
            while True:
                starts.append(position)
                stop = text.find(separator, position, end)
                cell_end = end if stop < 0 else stop
                left, right = position, cell_end
                while left < right and text[left].isspace():
                    left += 1
                while right > left and text[right - 1].isspace():
                    right -= 1
                cells.append((left, right))
                if stop < 0:
                    break
                position = stop + len(separator)
            if len(self._cells) > 64:  # rows are asked about in order: keep memory bounded
                self._cells.clear()
                self._cell_starts.clear()
            self._cells[row] = cells
            self._cell_starts[row] = starts
        return cells

    def cell_at(self, offset: int) -> Cell | None:
        """The table cell holding ``offset``; None outside tables. Its row label or column header
        is None where the table has none for that cell (a number in the header row or in a row's
        first cell, a row longer than its header, a blank label)."""
        index = bisect_right(self._starts, offset) - 1
        if index < 0:
            return None
        start, end, _, header = self._rows[index]
        if not start <= offset < end:
            return None
        self._split(index)
        column = bisect_right(self._cell_starts[index], offset) - 1
        text = self.text
        header_index = bisect_right(self._starts, header) - 1
        if not self._is_headings(header_index):
            # A table without a row of headings ("Total | 1,234"): no column headers; the first
            # column labels the rows where it holds words.
            left, right = self._split(index)[0]
            label = text[left:right]
            row_label = label if column > 0 and label and not any(c.isdigit() for c in label) else None
            return Cell(column, False, row_label, None)
        if start == header:
            return Cell(column, True, None, None)
        header_cells = self._split(header_index)
        row_label = None
        first_heading = text[header_cells[0][0]:header_cells[0][1]]
        if column > 0 and not any(c.isdigit() for c in first_heading):  # the first column labels the rows
            left, right = self._split(index)[0]
            row_label = text[left:right] or None
        column_header = None
        if column < len(header_cells):
            left, right = header_cells[column]
            column_header = text[left:right] or None
        return Cell(column, False, row_label, column_header)

    def _is_headings(self, row: int) -> bool:
        """Whether a table's first row is a row of headings: none of its cells after the first is
        a figure ("1,234", "£3.5m", "56%"; a year, "2022", is a heading)."""
        found = self._headings.get(row)
        if found is None:
            text = self.text
            found = self._headings[row] = not any(
                _FIGURE.match(text[left:right]) and not _YEAR.match(text[left:right])
                for left, right in self._split(row)[1:]
            )
        return found

    def has_rows_at(self, offset: int) -> bool:
        """Whether the table holding ``offset`` has a header row and at least one other row, each
        of two or more cells: a table whose first row and first column label the others."""
        index = bisect_right(self._starts, offset) - 1
        if index < 0:
            return False
        header = self._rows[index][3]
        first = bisect_right(self._starts, header) - 1
        return (
            self._is_headings(first)
            and first + 1 < len(self._rows)
            and self._rows[first + 1][3] == header
            and len(self._split(first)) > 1
            and len(self._split(first + 1)) > 1
        )

    def labels_rows_at(self, offset: int) -> bool:
        """Whether the first column of the table holding ``offset`` labels its rows: the table has
        rows (see :meth:`has_rows_at`) and its header's first cell is a heading in words or
        blank ("Age | Men | Women"), not a figure's column ("2024/25 | 2025/26")."""
        if not self.has_rows_at(offset):
            return False
        header = self._rows[bisect_right(self._starts, offset) - 1][3]
        first = bisect_right(self._starts, header) - 1
        left, right = self._split(first)[0]
        return not any(c.isdigit() for c in self.text[left:right])


#: A cell that is a figure alone, and a year.
_FIGURE = re.compile(r"^(?:[£$€]|US\$)?[0-9][0-9,]*(?:\.[0-9]+)?(?:%|m|bn|k|[ \u00a0]?(?:million|billion|thousand))?$")
_YEAR = re.compile(r"^(?:18|19|20|21)[0-9][0-9]$")


#: Where a page text ran a table's rows onto one line ("...|1993 |Total ------ Farmers |32 |...
#: |163 Farm workers |21 |..."): a rule of dashes between the header and the rows, and a row's
#: last figure followed by the next row's label, capitalised.
_RULE = re.compile(r"[ \u00a0]*-{3,}[ \u00a0]*")
_NEXT_ROW_LABEL = re.compile(r"(?<=[0-9%])[ \u00a0]+(?=[A-Z][A-Za-z])")


def _rows_of_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each table row on the line ``text[start:end]``: the line itself, or the
    rows a source ran onto it where they can be told apart with certainty: every row split off
    has as many cells as the first (the header), and the last no more (it may be cut short)."""
    if text.count("|", start, end) < 4:
        return [(start, end)]
    cuts = [match.span() for match in _RULE.finditer(text, start, end)]
    for match in _NEXT_ROW_LABEL.finditer(text, start, end):
        bar = text.rfind("|", start, match.start())
        if bar >= 0 and _FIGURE.match(text[bar + 1:match.start()].strip()):
            cuts.append(match.span())
    if not cuts:
        return [(start, end)]
    cuts.sort()
    rows = []
    position = start
    for cut_start, cut_end in cuts:
        if cut_start < position:
            return [(start, end)]
        rows.append((position, cut_start))
        position = cut_end
    rows.append((position, end))
    cells = [text.count("|", row_start, row_end) + 1 for row_start, row_end in rows]
    if cells[0] < 3 or any(count != cells[0] for count in cells[1:-1]) or cells[-1] > cells[0] or cells[-1] < 2:
        return [(start, end)]
    return rows


def _bar_outside(text: str, start: int, end: int, masked: list[tuple[int, int]]) -> bool:
    """Whether a bar in ``text[start:end]`` lies outside every span of ``masked``."""
    bar = text.find("|", start, end)
    while bar >= 0:
        index = bisect_right(masked, (bar, len(text) + 1)) - 1
        if index < 0 or not masked[index][0] <= bar < masked[index][1]:
            return True
        bar = text.find("|", masked[index][1], end)
    return False
