"""Excel (.xlsx) laid out as the official tables (provincial templates): each sheet's used range, row by row,
a merged cell's value in its first position only (as a Word table gives it)."""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from decimal import Decimal

from model.importers.document import Block, assemble
from model.importers.limits import MAX_TABLE_CELLS, check_table_size
from model.importers.result import ImportFailed, ImportResult


def cell_text(value) -> str:
    """A cell as the sheet shows it: 1.0 → 1, an amount keeps its decimals, a date as 2022年1月20日."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        number = Decimal(repr(value))
        return str(number.quantize(Decimal(1))) if number == number.to_integral() else format(number.normalize(), "f")
    if isinstance(value, (dt.datetime, dt.date)):
        return f"{value.year}年{value.month}月{value.day}日"
    return str(value).strip()


def xlsx_blocks(raw: bytes, name: str) -> Iterator[Block]:
    """Each sheet's rows as the recogniser takes them, streamed (openpyxl's read-only mode), so a sheet of a
    million rows is refused at limits.MAX_TABLE_ROWS without being loaded."""
    import openpyxl  # only needed for Excel files

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as package:
            # sizes from the sheets' XML before openpyxl reads them (its read-only sheets know no merged cells,
            # and a sheet that does not state its size is read through once just to measure it)
            covered = {part: _covered_positions(package.read(part), name) for part in package.namelist()
                       if part.startswith("xl/worksheets/") and part.endswith(".xml")}
        workbook = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        lines_seen: set[str] = set()  # a template repeats the report's title at the head of every sheet
        for sheet in workbook.worksheets:
            yield from _sheet_blocks(sheet, covered.get(sheet._worksheet_path, set()), lines_seen, name)
    except ImportFailed:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, IndexError, AttributeError):
        raise ImportFailed(f"“{name}”不是完整的 Excel（.xlsx）文件，无法打开。"
                           f"请在 Excel 或 WPS 中打开它并重新另存为 .xlsx 后再导入。") from None
    except Exception:  # lxml's parse errors and openpyxl's own, for damaged XML inside an intact zip
        raise ImportFailed(f"“{name}”中的 Excel 内容已损坏，无法读取。"
                           f"请在 Excel 或 WPS 中打开并另存为 .xlsx 后再导入。") from None


def _sheet_blocks(sheet, covered: set[tuple[int, int]], lines_seen: set[str], name: str) -> Iterator[Block]:
    """A row of two or more filled cells is a table row, a merged cell's value in its first position only (as a
    Word table gives it); a row of one is a title or heading."""
    sheet.reset_dimensions()  # the size the file states may be a lie: rows as long as their cells
    in_table = False
    rows = width = 0
    for number, row in enumerate(sheet.iter_rows(values_only=True), 1):
        if not row:  # a row the file skips
            continue
        rows += 1
        width = max(width, len(row))
        check_table_size(name, f"工作表“{sheet.title}”", rows, width)
        cells = tuple("" if (number, column) in covered else cell_text(value)
                      for column, value in enumerate(row, 1))
        filled = [c for c in cells if c]
        where = f"工作表“{sheet.title}”第 {number} 行"
        if len(filled) >= 2:
            yield Block("\t".join(cells), where, cells)
            in_table = True
            continue
        if in_table:
            yield Block("", where, ends_table=True)
            in_table = False
        if filled and filled[0] not in lines_seen:  # a title or heading merged across the sheet
            lines_seen.add(filled[0])
            yield Block(filled[0], where)
    if in_table:
        yield Block("", f"工作表“{sheet.title}”之后", ends_table=True)


_PREFIXED_ROW = re.compile(rb"<\w+:row\b")
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=[\"']([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})[\"']")
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b[^>]*?\bref=[\"'][A-Z]{1,3}\d{1,7}:([A-Z]{1,3})(\d{1,7})[\"']")


def _covered_positions(sheet_xml: bytes, name: str) -> set[tuple[int, int]]:
    """The (row, column) positions merged cells cover, each range's first position left out.  A range is cut to
    the area the sheet says it uses.  ImportFailed, before anything is expanded, when the sheet has more rows than
    limits.MAX_TABLE_ROWS or its ranges still cover more than limits.MAX_TABLE_CELLS (one merge over a whole sheet
    is 17 billion cells)."""
    from openpyxl.utils import column_index_from_string

    rows = sheet_xml.count(b"<row") or sum(1 for _ in _PREFIXED_ROW.finditer(sheet_xml))  # x:row, from .NET tools
    check_table_size(name, "一个工作表", rows, 1)
    used = _DIMENSION.search(sheet_xml[:4096])
    last_row, last_column = ((int(used.group(2)), column_index_from_string(used.group(1).decode()))
                             if used else (None, None))
    ranges = []
    for match in _MERGE.finditer(sheet_xml):
        first_column, last = (column_index_from_string(match.group(n).decode()) for n in (1, 3))
        first_row, bottom = int(match.group(2)), int(match.group(4))
        if last_row is not None:
            bottom, last = min(bottom, last_row), min(last, last_column)
        ranges.append((first_row, first_column, bottom, last))
    area = sum(max(bottom - top + 1, 0) * max(right - left + 1, 0) for top, left, bottom, right in ranges)
    if area > MAX_TABLE_CELLS:
        raise ImportFailed(f"“{name}”中的合并单元格共覆盖 {area:,} 个单元格，超过 {MAX_TABLE_CELLS:,} 个"
                           f"（年度报告的统计表只有几百个单元格），文件可能已损坏，未导入。")
    return {(row, column) for top, left, bottom, right in ranges
            for row in range(top, bottom + 1) for column in range(left, right + 1) if (row, column) != (top, left)}


def read_xlsx(raw: bytes, name: str) -> ImportResult:
    return assemble(xlsx_blocks(raw, name), name, from_text=False)
