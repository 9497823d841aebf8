"""What an import produced: the report, and a note for everything read, guessed or not readable."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from model.layout import NARRATIVE_KEYS, SECTION_HEADINGS, TABLES, column_caption
from model.report import Report

READ = "read"
GUESSED = "guessed"
UNREADABLE = "unreadable"
KIND_TITLES = {READ: "已读取", GUESSED: "推测", UNREADABLE: "无法读取"}


class ImportFailed(Exception):
    """The file holds no report that can be read; the message is a sentence for the clerk."""


@dataclass(frozen=True)
class Note:
    kind: str  # READ, GUESSED or UNREADABLE
    reason: str  # a Chinese sentence
    table: str | None = None  # sec2/sec3/sec4, a narrative key, or "meta"
    row: str | None = None
    column: str | None = None
    line: str = ""  # the raw text the note is about
    where: str = ""  # 第 12 行 (text) or 第 2 个表格第 5 行 (Word)
    cells: tuple[tuple[str, str], ...] = ()  # the (row, column) cells of `table` whose values the note is about
    readings: tuple[tuple[Decimal, ...], ...] = ()  # a row left open: every way to read it, in column order

    def place(self) -> str:
        """Where in the report the note points, as the clerk names it."""
        if self.table in TABLES:
            layout = TABLES[self.table]
            parts = [f"表{layout.heading[0]}"]
            if self.row and self.table != "sec4":
                parts.append(_row_caption(self.table, self.row))
            if self.column:
                parts.append(column_caption(layout, self.column))
            return "·".join(parts)
        if self.table in SECTION_HEADINGS:
            return SECTION_HEADINGS[self.table]
        if self.table == "meta":
            return "标题"
        return ""

    def describe(self) -> str:
        head = f"[{KIND_TITLES[self.kind]}]"
        place = self.place()
        text = f"{head} {place}：{self.reason}" if place else f"{head} {self.reason}"
        if self.where:
            text += f"（{self.where}）"
        if self.line:
            text += f"\n    原文：{self.line}"
        return text


def _row_caption(table_key: str, row_key: str) -> str:
    row = TABLES[table_key].row(row_key)
    return "".join(row.path if len(row.path) < 3 else row.path[1:])


@dataclass
class ImportResult:
    report: Report
    source: str  # file name
    notes: list[Note] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[Note]:
        return [n for n in self.notes if n.kind == kind]

    def cell_counts(self) -> tuple[int, int, int, int]:
        """(cells, certain, guessed, not read) over the three tables: a cell is guessed when a note that is
        still a guess after the arithmetic was weighed names it, and not read when it stayed blank (unless the
        official grid was read cell by cell and the cell is blank there)."""
        cells = [(key, row, col) for key, layout in TABLES.items() for row, col in layout.value_keys()]
        read_blank = {(n.table, r, c) for n in self.of_kind(READ) if n.table in TABLES for r, c in n.cells}
        blank = {(t, r, c) for t, r, c in cells if self.report.table(t)[r][c] is None} - read_blank
        guessed = {(n.table, r, c) for n in self.of_kind(GUESSED) if n.table in TABLES for r, c in n.cells} - blank
        return len(cells), len(cells) - len(guessed) - len(blank), len(guessed), len(blank)

    def count_line(self) -> str:
        cells, certain, guessed, blank = self.cell_counts()
        return f"{cells} 个单元格：{certain} 个确定，{guessed} 个推测，{blank} 个未读出"

    @property
    def certain(self) -> bool:
        """Every cell read and confirmed, nothing left unread, the title read: guesses about how the narrative's
        lines join into paragraphs do not make a value doubtful."""
        _, _, guessed, blank = self.cell_counts()
        return not (guessed or blank or self.of_kind(UNREADABLE)
                    or any(n.table not in NARRATIVE_KEYS for n in self.of_kind(GUESSED)))

    def summary(self) -> str:
        guessed, unreadable = len(self.of_kind(GUESSED)), len(self.of_kind(UNREADABLE))
        text = f"已从“{self.source}”导入{self.report.title}"
        if self.certain:
            return text + "，全部内容均已确定读取。"
        return text + f"：{guessed} 处为推测，{unreadable} 处无法读取，请逐条核对。"
