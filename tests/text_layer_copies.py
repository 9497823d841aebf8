"""Reports written as a web page's or a PDF's text layer gives them, from a table's values (for tests and bench/).

The table's cells are read out in the order of the official grid (model/layout), as a browser's or PDF
viewer's text layer does, and joined with nothing between them: 一、本年新收政府信息公开申请数量640020470.
Two shapes: each grid row on a line of its own ("rows"), or each table's whole body on one line ("one_line",
where the next row's item number sticks to the digits: …00000002.其他法律…).
"""
from decimal import Decimal

from model.layout import SECTIONS, TABLES, CellKind
from model.findings import format_number

SHAPES = ("rows", "one_line")
Cells = dict[tuple[str, str, str], Decimal]


def table_text(table_key: str, cells: Cells, shape: str) -> str:
    layout = TABLES[table_key]
    lines: dict[int, str] = {}
    for cell in sorted(layout.cells, key=lambda c: (c.row, c.col)):
        if cell.kind is CellKind.VALUE:
            text = format_number(cells[(table_key, *cell.value)])
        else:
            text = cell.text
        lines[cell.row] = lines.get(cell.row, "") + text
    return ("\n" if shape == "rows" else "").join(lines[r] for r in sorted(lines))


def report_text(organ: str, year: int, cells: Cells, shape: str) -> str:
    """A whole report: title, the six headings, a sentence under each narrative heading, the tables run together."""
    parts = [f"{organ}{year}年政府信息公开工作年度报告"]
    for key, heading in SECTIONS:
        parts.append(heading)
        parts.append(table_text(key, cells, shape) if key in TABLES else "本年度工作按要求开展。")
    return "\n".join(parts) + "\n"
