"""The report as plain text: what a clerk pastes into a web CMS, and what the importer reads back.

Headings 一、…六、 on lines of their own, one paragraph per line, blank lines between;
each table as tab-separated lines in the grid of the layout (a merged cell's text in
its top-left position, the rest of the span blank); the organ and 成文日期 at the end.
"""
from __future__ import annotations

from export.content import TABLE, TITLE, TableContent, report_blocks, signature_lines
from model.report import Report


def table_lines(table: TableContent) -> list[str]:
    grid = [[""] * table.grid_width for _ in range(table.grid_height)]
    for cell in table.cells:
        grid[cell.row][cell.col] = cell.text
    return ["\t".join(row) for row in grid]


def report_text(report: Report) -> str:
    """The whole report as text with "\n" line ends."""
    lines: list[str] = []
    for block in report_blocks(report):
        if block.kind == TABLE:
            lines += table_lines(block.table)
        else:
            lines.append(block.text)
        lines.append("")
        if block.kind == TITLE:
            lines.append("")
    lines += [line.text for line in signature_lines(report)]  # 署名 and 成文日期, as the Word file ends
    return "\n".join(lines)


def text_file_bytes(report: Report) -> bytes:
    """UTF-8 with a byte-order mark and CRLF line ends, so Notepad on an older Windows opens it as UTF-8."""
    return report_text(report).replace("\n", "\r\n").encode("utf-8-sig")
