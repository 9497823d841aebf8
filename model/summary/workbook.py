"""The office's Excel file: a sheet of units, a sheet of last year's comparison, and one sheet per statutory
table of sums laid out as printed (official labels and merged header cells from the layout)."""
from __future__ import annotations

import io
import os
from decimal import Decimal
from pathlib import Path

from model.fileio import write_atomically
from model.layout import TABLES, CellKind, TableLayout
from model.summary.summing import SummedReport
from model.summary.units import UNIT_COLUMNS, Unit, shown

UNITS_SHEET = "各单位"
COMPARISON_SHEET = "比对"


def _cell_value(value: object) -> object:
    """Numbers stay numbers in Excel; everything else is text."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, int) or value is None:
        return value
    return str(value)


def _units_sheet(sheet, units: list[Unit]) -> None:
    from openpyxl.styles import Font

    sheet.append([c.title for c in UNIT_COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for unit in units:
        sheet.append([_cell_value(c.value(unit)) for c in UNIT_COLUMNS])
    sheet.freeze_panes = "C2"
    for index, column in enumerate(UNIT_COLUMNS, 1):
        widest = max([len(column.title)] + [len(shown(column.value(u))) for u in units])
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = min(60, 4 + 2 * widest)


def _comparison_sheet(sheet, missing: list[str], new: list[str], summed: SummedReport) -> None:
    sheet.append(["项目", "单位或说明"])
    for title, names in (("今年未报送（上年有报告）", missing), ("今年新增单位", new),
                         ("有错误、按原数计入汇总", summed.summed_with_errors), ("未计入汇总", summed.refused)):
        for name in names:
            sheet.append([title, name])
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 80


def _table_sheet(sheet, layout: TableLayout, summed: SummedReport) -> None:
    """The table as printed: header and label cells merged as the layout spans them, the sums in the values."""
    from openpyxl.styles import Alignment, Border, Font, Side

    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    sheet.cell(1, 1, layout.heading).font = Font(bold=True)
    top = 2  # the grid starts below the heading
    for cell in layout.cells:
        target = sheet.cell(top + cell.row, 1 + cell.col)
        if cell.kind is CellKind.VALUE:
            target.value = _cell_value(summed.report.value(layout.key, *cell.value))
        else:
            target.value = cell.text
            target.alignment = Alignment(wrap_text=True, vertical="center",
                                         horizontal="center" if cell.kind is CellKind.HEADER else "left")
            if cell.kind is CellKind.HEADER:
                target.font = Font(bold=True)
        for r in range(cell.row, cell.row + cell.row_span):
            for c in range(cell.col, cell.col + cell.col_span):
                sheet.cell(top + r, 1 + c).border = border
        if cell.row_span > 1 or cell.col_span > 1:
            sheet.merge_cells(start_row=top + cell.row, start_column=1 + cell.col,
                              end_row=top + cell.row + cell.row_span - 1, end_column=1 + cell.col + cell.col_span - 1)
    for index in range(1, layout.grid_width + 1):
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = 14


def write_workbook(path: str | os.PathLike, units: list[Unit], missing: list[str], new: list[str],
                   summed: SummedReport) -> None:
    """Write the .xlsx (raises OSError when it cannot be written)."""
    from openpyxl import Workbook  # only when the office exports

    book = Workbook()
    _units_sheet(book.active, units)
    book.active.title = UNITS_SHEET
    _comparison_sheet(book.create_sheet(COMPARISON_SHEET), missing, new, summed)
    for layout in TABLES.values():
        _table_sheet(book.create_sheet(f"表{layout.heading[0]}汇总"), layout, summed)
    buffer = io.BytesIO()
    book.save(buffer)
    write_atomically(Path(path), buffer.getvalue())
