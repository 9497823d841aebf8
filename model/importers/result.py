"""What an import produced: the report, and a note for everything read, guessed or not readable."""
from __future__ import annotations

from dataclasses import dataclass, field

from model.layout import SECTION_HEADINGS, TABLES, column_caption
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

    @property
    def certain(self) -> bool:
        """Nothing guessed and nothing left unread."""
        return not any(n.kind != READ for n in self.notes)

    def summary(self) -> str:
        guessed, unreadable = len(self.of_kind(GUESSED)), len(self.of_kind(UNREADABLE))
        text = f"已从“{self.source}”导入{self.report.title}"
        if self.certain:
            return text + "，全部内容均已确定读取。"
        return text + f"：{guessed} 处为推测，{unreadable} 处无法读取，请逐条核对。"
