"""Excel (.xlsx) laid out as the official tables (provincial templates): each sheet's used range, row by row,
a merged cell's value in its first position only (as a Word table gives it)."""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal

from model.importers.document import Block, assemble
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


def xlsx_blocks(raw: bytes, name: str) -> list[Block]:
    import openpyxl  # only needed for Excel files

    try:
        # not read_only: merged ranges are only known to a fully loaded sheet (templates are a few KB)
        workbook = openpyxl.load_workbook(io.BytesIO(raw), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, IndexError, AttributeError):
        raise ImportFailed(f"“{name}”不是完整的 Excel（.xlsx）文件，无法打开。"
                           f"请在 Excel 或 WPS 中打开它并重新另存为 .xlsx 后再导入。") from None
    except Exception:  # lxml's parse errors and openpyxl's own, for damaged XML inside an intact zip
        raise ImportFailed(f"“{name}”中的 Excel 内容已损坏，无法读取。"
                           f"请在 Excel 或 WPS 中打开并另存为 .xlsx 后再导入。") from None
    blocks: list[Block] = []
    lines_seen: set[str] = set()  # a template repeats the report's title at the head of every sheet
    for sheet in workbook.worksheets:
        covered = {(r, c) for merged in sheet.merged_cells.ranges
                   for r in range(merged.min_row, merged.max_row + 1)
                   for c in range(merged.min_col, merged.max_col + 1)
                   if (r, c) != (merged.min_row, merged.min_col)}
        in_table = False
        for row in sheet.iter_rows():
            cells = tuple("" if (cell.row, cell.column) in covered else cell_text(cell.value) for cell in row)
            filled = [c for c in cells if c]
            where = f"工作表“{sheet.title}”第 {row[0].row} 行" if row else f"工作表“{sheet.title}”"
            if len(filled) >= 2:
                blocks.append(Block("\t".join(cells), where, cells))
                in_table = True
                continue
            if in_table:
                blocks.append(Block("", where, ends_table=True))
                in_table = False
            if filled and filled[0] not in lines_seen:  # a title or heading merged across the sheet
                lines_seen.add(filled[0])
                blocks.append(Block(filled[0], where))
        if in_table:
            blocks.append(Block("", f"工作表“{sheet.title}”之后", ends_table=True))
    return blocks


def read_xlsx(raw: bytes, name: str) -> ImportResult:
    return assemble(xlsx_blocks(raw, name), name, from_text=False)
