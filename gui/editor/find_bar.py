"""查找 (Ctrl+F): a word in the narrative and in the tables' labels, hit after hit in reading order."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from gui.editor.report_editor import PAGE_TITLES, ReportEditor
from model.layout import TABLES


@dataclass(frozen=True)
class Hit:
    section: str
    start: int  # narrative: character position; table: grid row
    end: int  # narrative: end position; table: grid column


def find_hits(editor: ReportEditor, term: str) -> list[Hit]:
    """Every place `term` occurs, in the order of the report: section by section, top to bottom."""
    hits: list[Hit] = []
    if not term:
        return hits
    for key, _title in PAGE_TITLES:
        if key in editor.narratives:
            text = editor.narratives[key].text_document.toPlainText()
            start = text.find(term)
            while start >= 0:
                hits.append(Hit(key, start, start + len(term)))
                start = text.find(term, start + len(term))
        elif key in TABLES:  # the labels are the layout's: a table not yet shown need not be built
            cells = sorted(TABLES[key].cells, key=lambda c: (c.row, c.col))
            hits += [Hit(key, cell.row, cell.col) for cell in cells if cell.text and term in cell.text]
    return hits


class FindBar(QWidget):
    """查找 box with 上一个/下一个; Enter goes to the next hit, Shift+Enter to the one before, Esc closes."""

    def __init__(self, current_editor: Callable[[], ReportEditor | None], parent=None) -> None:
        super().__init__(parent)
        self.current_editor = current_editor
        self.hits: list[Hit] = []
        self.position = -1
        self.field = QLineEdit()
        self.field.setPlaceholderText("查找正文和表格中的文字")
        self.field.setClearButtonEnabled(True)
        self.field.textChanged.connect(self._search)
        self.field.returnPressed.connect(lambda: self.step(1))
        QShortcut(QKeySequence("Shift+Return"), self.field, lambda: self.step(-1))
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.hide)
        self.count = QLabel()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(QLabel("查找："))
        layout.addWidget(self.field, 1)
        for text, step in (("上一个", -1), ("下一个", 1)):
            button = QToolButton()
            button.setText(text)
            button.clicked.connect(lambda _checked=False, step=step: self.step(step))
            layout.addWidget(button)
        layout.addWidget(self.count)
        close = QToolButton()
        close.setText("关闭")
        close.clicked.connect(self.hide)
        layout.addWidget(close)

    def open(self) -> None:
        self.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()
        self._search(self.field.text())

    def _search(self, term: str) -> None:
        editor = self.current_editor()
        self.hits = find_hits(editor, term) if editor is not None else []
        self.position = -1
        if not term:
            self.count.setText("")
        elif not self.hits:
            self.count.setText(f"没有找到“{term}”")
        else:
            self.count.setText(f"共 {len(self.hits)} 处")

    def step(self, step: int) -> None:
        editor = self.current_editor()
        if not self.hits or editor is None:
            return
        self.position = (self.position + step) % len(self.hits)
        hit = self.hits[self.position]
        editor.show_section(hit.section)
        if hit.section in editor.narratives:
            narrative = editor.narratives[hit.section]
            cursor = QTextCursor(narrative.text_document)
            cursor.setPosition(hit.start)
            cursor.setPosition(hit.end, QTextCursor.MoveMode.KeepAnchor)
            narrative.edit.setTextCursor(cursor)
            narrative.edit.ensureCursorVisible()
        else:
            page = editor.tables[hit.section]
            page.view.setCurrentIndex(page.model.index(hit.start, hit.end))
            page.view.scrollTo(page.model.index(hit.start, hit.end))
        self.count.setText(f"第 {self.position + 1} 处，共 {len(self.hits)} 处")
        self.field.setFocus()
