"""How the three statutory tables are set, decided once for Word and PDF alike: one type size for all of them,
column widths, and where each label breaks.

A label never leaves one character alone on a line (自然/人, （三）不予公/开) and never breaks inside a short
word: when the greedy break would, the label is set narrower (结果/维持) or its column is widened; a number is
never broken.  Widths are estimated (Chinese one em, Latin and digits about half), as both writers then set
the same characters in the same widths.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from export.linebreak import break_lines
from export.pagestyle import FORBIDDEN_LINE_START, TABLE_SIZES, PageStyle, estimated_width
from model.layout import CellKind

# a cell: (text, first column, column span, row span, is a number)
SizingCell = tuple[str, int, int, int, bool]

LINE_SLACK = 0.3  # ems of room beyond the longest line: no further character (at least half an em) fits


@dataclass(frozen=True)
class LabelLayout:
    lines: tuple[str, ...]
    width: float  # the width to break at (at most the cell's room): the writers break at this width


def _ems(text: str) -> float:
    return estimated_width(text.rstrip("\n"), 1.0)  # a line ended by a kept line break is no wider for it


def _good_lines(lines: list[str], max_lines: int) -> bool:
    if len(lines) > max_lines:
        return False
    if len(lines) == 1:
        return True
    return all(len(line.strip()) >= 2 and line[0] not in FORBIDDEN_LINE_START for line in lines)


@lru_cache(maxsize=4096)
def _good_break(text: str, room_ems: float, max_lines: int) -> tuple[str, ...] | None:
    """The widest good break of the text no wider than `room_ems` (in ems: the answer is the same at any size)."""
    width = room_ems
    while width >= 1.0:
        lines = break_lines(text, width, width, _ems)
        if _good_lines(lines, max_lines):
            return tuple(lines)
        width = min(width, max(map(_ems, lines))) - 0.5  # one character fewer a line
    return None


def label_layout(text: str, size: float, room: float, max_lines: int) -> LabelLayout | None:
    """The lines of a label in a cell `room` wide, or None when no break leaves every line two characters or
    more within `max_lines`: the widest good break, so that Word, breaking greedily at `width`, breaks alike
    (（三）不予公开 as （三）不/予公开, never （三）不予公/开)."""
    lines = _good_break(text, round(room / size, 3), max_lines)
    if lines is None:
        return None
    return LabelLayout(lines, min(room, (_longest_ems(lines) + LINE_SLACK) * size))


def narrowed_width(layout: LabelLayout | None, room: float) -> float:
    """Where a label's lines break: narrower than the room only for a label of several lines (one line needs no
    narrowing, and a Word user editing the cell later finds no indent)."""
    return layout.width if layout and len(layout.lines) > 1 else room


@lru_cache(maxsize=4096)
def _longest_ems(lines: tuple[str, ...]) -> float:
    return max(map(_ems, lines))


@lru_cache(maxsize=1024)
def _label_need_ems(text: str, max_lines: int) -> float:
    """The narrowest width, in ems and half-em steps, at which the label breaks well."""
    full = _ems(text)
    width = 1.0
    while width < full and not _good_lines(break_lines(text, width, width, _ems), max_lines):
        width += 0.5
    return min(width, full)


def _label_need(text: str, size: float, max_lines: int, padding: float) -> float:
    """The narrowest column that sets the label well."""
    return _label_need_ems(text, max_lines) * size + padding


def _number_room(text: str, size: float) -> float:
    # digits differ between fonts: 宋体's are half an em, the Latin fallback LibreOffice or WPS may take
    # (DejaVu Sans) nearly two thirds; a number stays on one line in either
    return estimated_width(text, size) / 0.85


def fitted_widths(style: PageStyle, table_key: str, cells: list[SizingCell], size: float,
                  for_labels: bool = True) -> list[float]:
    """The table's column widths (the page style's weights) with each column widened to its longest number
    and to its labels' narrowest good setting, the room taken from the columns holding no number (each keeps
    half its width, room for three characters and its own labels)."""
    widths = style.column_widths(table_key)
    padding = 2 * style.table_cell_padding
    need = [0.0] * len(widths)
    for text, col, col_span, row_span, is_number in cells:
        if col_span != 1:
            continue
        if is_number:
            need[col] = max(need[col], _number_room(text, size) + padding)
        elif for_labels:
            need[col] = max(need[col], _label_need(text, size, style.table_max_lines * row_span, padding))
    number_columns = {col for text, col, col_span, _, is_number in cells if is_number}
    deficit = [max(0.0, need[c] - widths[c]) for c in range(len(widths))]
    donors = [c for c in range(len(widths)) if c not in number_columns and not deficit[c]]
    wanted = sum(deficit)
    floor = 3 * size + padding
    spare_of = {c: max(0.0, min(widths[c] / 2, widths[c] - max(floor, need[c]))) for c in donors}
    spare = sum(spare_of.values())
    if not wanted or not spare:
        return widths
    given = min(wanted, spare)
    for c in range(len(widths)):
        widths[c] += deficit[c] * given / wanted
    for c in donors:
        widths[c] -= spare_of[c] * given / spare
    return widths


def _fits(style: PageStyle, widths: list[float], size: float, cell: SizingCell) -> bool:
    text, col, col_span, row_span, is_number = cell
    room = cell_room(style, widths, col, col_span)
    if is_number:
        return _number_room(text, size) <= room
    return label_layout(text, size, room, style.table_max_lines * row_span) is not None


def table_metrics(style: PageStyle, table_key: str, cells: list[SizingCell],
                  sizes: tuple[float, ...] = TABLE_SIZES) -> tuple[float, list[float]]:
    """The largest of `sizes` at which every cell fits (labels set well, numbers on one line), with the
    column widths at that size."""
    for size in sizes:
        widths = fitted_widths(style, table_key, cells, size)
        if all(_fits(style, widths, size, cell) for cell in cells):
            return size, widths
    # numbers too long for any size: each stays on one line, and labels break where they must
    return sizes[-1], fitted_widths(style, table_key, cells, sizes[-1], for_labels=False)


def shared_table_size(style: PageStyle, tables: list[tuple[str, list[SizingCell]]]) -> float:
    """One type size for every table of the report: the largest at which each of them fits."""
    return min((table_metrics(style, key, cells)[0] for key, cells in tables), default=TABLE_SIZES[0])


def cell_room(style: PageStyle, widths: list[float], col: int, col_span: int) -> float:
    return sum(widths[col:col + col_span]) - 2 * style.table_cell_padding


@dataclass(frozen=True)
class CellSetting:
    align: str  # "justify" or "center"
    wrap_width: float  # where its lines break: the cell's room, or less for a label set narrower
    room: float  # the cell's width inside its padding
    lines: int  # how many lines it takes
    at_top: bool = False  # set at the top of its rows, not in their middle: a label its table may break inside

    @property
    def narrower_by(self) -> float:
        """Points taken off the room: what both writers are told (Word as indents, the PDF as a narrower line)."""
        return self.room - self.wrap_width


@dataclass(frozen=True)
class TableSetting:
    size: float
    widths: list[float]
    cells: dict[tuple[int, int], CellSetting]  # by (row, column) of the cell's top-left
    kept_whole: bool  # short enough to move whole to the next page; a longer table breaks across pages
    page_starts: frozenset[int]  # the rows a new page may begin with (none for a table kept whole)

    def keeps_with_next(self, row: int) -> bool:
        """Whether the row goes on the page of the row after it (Word's keep-with-next on every row but these)."""
        return row + 1 not in self.page_starts


# of the type area's height: a longer table breaks across pages rather than leave that much blank above it
KEPT_WHOLE_SHARE = 0.4
ROWS_WITH_HEADER = 3  # rows of a breaking table's body that come with its header on a page
ROWS_AFTER_BREAK = 2  # rows of a breaking table's body that go on together to the next page, at the least


def page_starts(table, cells: dict[tuple[int, int], CellSetting], kept_whole: bool) -> frozenset[int]:
    """Where a long table may go on to a new page: only between groups, so every group of rows stands on one
    page beside its label ((三)不予公开 and its eight rows), never among the header and the first
    ROWS_WITH_HEADER rows, nor among the last ROWS_AFTER_BREAK.  A group is a label spanning rows that holds no
    other such label; one that does (三、本年度办理结果) may break between its groups once its rows above the
    break hold its lines: Word and LibreOffice set a merged cell's text once, at the top of its rows."""
    if kept_whole:
        return frozenset()
    labels = [c for c in table.cells if c.kind is CellKind.LABEL and c.row_span > 1 and c.row >= table.header_rows]
    spans = [range(c.row, c.row + c.row_span) for c in labels]
    groups = [span for span in spans if not any(other != span and set(other) <= set(span) for other in spans)]
    row_lines = {row: 1 for row in range(table.grid_height)}
    for c in table.cells:
        if c.row_span == 1:
            row_lines[c.row] = max(row_lines[c.row], cells[(c.row, c.col)].lines)
    label_lines = []  # the rows that hold each label's lines
    for c in labels:
        end, held = c.row, 0
        while held < cells[(c.row, c.col)].lines:
            held += row_lines[end]
            end += 1
        label_lines.append(range(c.row, end))
    first, last = table.header_rows + ROWS_WITH_HEADER, table.grid_height - ROWS_AFTER_BREAK
    return frozenset(row for row in range(first, last + 1)
                     if not any(row - 1 in kept and row in kept for kept in [*groups, *label_lines]))


def cell_parts(row: int, row_span: int, breaks) -> list[range]:
    """The rows of a cell on each page the table's breaks (the rows that begin a page) give it.  A label
    spanning rows is set again at the top of each part, as official reports print it: a reader of the
    continued page sees the group of its rows (（三）不予公开, 三、本年度办理结果) beside them.  The label
    itself, without 续: the repeated header already says the table goes on, and the label breaks as it did."""
    edges = [row, *sorted(b for b in set(breaks) if row < b < row + row_span), row + row_span]
    return [range(top, bottom) for top, bottom in zip(edges, edges[1:])]


def estimated_height(style: PageStyle, size: float, cells: list, settings: dict) -> float:
    """The table's height, each row as tall as its tallest cell of one row."""
    rows: dict[int, float] = {}
    for cell in cells:
        lines = settings[(cell.row, cell.col)].lines if cell.row_span == 1 else 1
        height = lines * size * style.table_line_factor + 2 * style.table_cell_padding
        rows[cell.row] = max(rows.get(cell.row, 0.0), height)
    return sum(rows.values())


def cell_alignment(kind: CellKind, row_span: int) -> str:
    """A row's own label reads left to right; a header, or a group label spanning rows, sits centred."""
    return "justify" if kind is CellKind.LABEL and row_span == 1 else "center"


def table_settings(style: PageStyle, tables: list) -> dict[str, TableSetting]:
    """Every table of a report (export.content.TableContent) set at the one size all of them fit."""
    size = shared_table_size(style, [(table.key, table.sizing_cells()) for table in tables])
    settings = {}
    for table in tables:
        _, widths = table_metrics(style, table.key, table.sizing_cells(), (size,))
        cells = {}
        for cell in table.cells:
            room = cell_room(style, widths, cell.col, cell.col_span)
            layout = None if cell.kind is CellKind.VALUE else \
                label_layout(cell.text, size, room, style.table_max_lines * cell.row_span)
            cells[(cell.row, cell.col)] = CellSetting(cell_alignment(cell.kind, cell.row_span),
                                                      narrowed_width(layout, room), room,
                                                      len(layout.lines) if layout else 1)
        height = estimated_height(style, size, list(table.cells), cells)
        kept_whole = height <= KEPT_WHOLE_SHARE * style.text_height
        starts = page_starts(table, cells, kept_whole)
        for cell in table.cells:  # a label its table may break inside stands at the top of its rows
            if any(cell.row < row < cell.row + cell.row_span for row in starts):
                cells[(cell.row, cell.col)] = replace(cells[(cell.row, cell.col)], at_top=True)
        settings[table.key] = TableSetting(size, widths, cells, kept_whole, starts)
    return settings
