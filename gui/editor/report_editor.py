"""The report on screen: a section list on the left (with what is left to fix), the section's editor on the right.

Only the page in view is built at start; each other page is built the first time it is shown or asked for
(find, a finding, undo), so the window opens quickly and no page ever differs from one built at start.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QUndoCommand
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from gui.editor.document import Cell, EditableReport, SetCellsCommand, SetExplanationCommand, TextEditCommand
from gui.review.findings_panel import SEVERITY_COLOUR
from gui.editor.meta_page import MetaPage
from model.layout import NARRATIVE_KEYS, SECTIONS, TABLES
from model.findings import ERROR, NOTE, OK_MARK, SEVERITY_MARKS, SEVERITY_NAMES, WARNING, Finding, tally

if TYPE_CHECKING:  # the text and table editors load with the first such page
    from gui.editor.narrative_editor import NarrativeEditor

Page = TypeVar("Page", bound=QWidget)

NOTHING_FOUND_COLOUR = QColor("#1a5e20")
META = "meta"
PAGE_TITLES = ((META, "报告信息"), *SECTIONS)
LEGEND = ("说明：灰蓝底为自动计算的总计，不能直接填写；红底为错误，黄底为警告，鼠标停在单元格上可看原因；"
          "浅红底的各格参与了不成立的等式，其中有填错的；“待填”为尚未填写的单元格。"
          "Tab、回车和方向键只在可填写的单元格间移动；可从 Excel/WPS 复制一块数字粘贴进来。")


_MARKS = [f"{OK_MARK} 未发现问题", *(f"{SEVERITY_MARKS[s]} {SEVERITY_NAMES[s]}" for s in (ERROR, WARNING, NOTE))]
MARKS_LEGEND = "　".join(_MARKS) + "\n规则说明见“帮助”菜单"


class TablePage(QWidget):
    def __init__(self, document: EditableReport, table_key: str, parent=None) -> None:
        from gui.editor.table_model import ReportTableModel
        from gui.editor.table_view import ReportTableView

        super().__init__(parent)
        layout = TABLES[table_key]
        self.model = ReportTableModel(layout, document, self)
        self.view = ReportTableView(self.model, self)
        title = QLabel(layout.heading)
        title.setObjectName("sectionTitle")
        legend = QLabel(LEGEND)
        legend.setWordWrap(True)
        legend.setObjectName("sectionHint")
        box = QVBoxLayout(self)
        box.addWidget(title)
        box.addWidget(self.view, 1)
        box.addWidget(legend)


class PagesBuiltWhenAsked(Mapping[str, Page]):
    """Section pages by key, each built the first time it is asked for; asking whether a key is here builds
    nothing."""

    def __init__(self, keys: tuple[str, ...], build: Callable[[str], Page]) -> None:
        self._keys = keys
        self._build = build
        self._built: dict[str, Page] = {}

    def __getitem__(self, key: str) -> Page:
        if key not in self._keys:
            raise KeyError(key)
        if key not in self._built:
            self._built[key] = self._build(key)
        return self._built[key]

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def is_built(self, key: str) -> bool:
        return key in self._built


class ReportEditor(QSplitter):
    statusMessage = Signal(str)

    def __init__(self, document: EditableReport, window_undo_actions: list[QAction] | None = None,
                 parent=None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.document = document
        self.window_undo_actions = window_undo_actions or []  # the text fields' context menus offer these
        self.sections = QListWidget()
        self.sections.setMinimumWidth(150)
        self.sections.setWordWrap(True)
        self.pages = QStackedWidget()
        self.meta_page = MetaPage(document)
        self.pages.addWidget(self.meta_page)
        self.narratives: PagesBuiltWhenAsked[NarrativeEditor] = PagesBuiltWhenAsked(NARRATIVE_KEYS, self._narrative)
        self.tables: PagesBuiltWhenAsked[TablePage] = PagesBuiltWhenAsked(tuple(TABLES), self._table)
        for _ in PAGE_TITLES:
            self.sections.addItem(QListWidgetItem())
        self.sections.currentRowChanged.connect(lambda row: self.pages.setCurrentWidget(self.page(row)))
        # an edit of a table not yet shown (改为 in 检查结果, undo) counts as the clerk's start on that table
        document.cellsChanged.connect(self._table_changed)
        self.marks_legend = QLabel(MARKS_LEGEND)
        self.marks_legend.setObjectName("sectionHint")
        self.marks_legend.setWordWrap(True)
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addWidget(self.sections, 1)
        left_box.addWidget(self.marks_legend)
        self.addWidget(left)
        self.addWidget(self.pages)
        self.setStretchFactor(1, 1)
        self.setSizes([190, 1000])
        document.findingsChanged.connect(self._refresh_section_states)
        self._refresh_section_states()
        self.sections.setCurrentRow(0)

    def page(self, row: int) -> QWidget:
        key = PAGE_TITLES[row][0]
        if key == META:
            return self.meta_page
        return self.narratives[key] if key in self.narratives else self.tables[key]

    def _narrative(self, key: str) -> NarrativeEditor:
        from gui.editor.narrative_editor import NarrativeEditor

        editor = NarrativeEditor(self.document, key)
        editor.edit.window_undo_actions = self.window_undo_actions
        self.pages.addWidget(editor)
        return editor

    def _table(self, key: str) -> TablePage:
        page = TablePage(self.document, key)
        page.view.statusMessage.connect(self.statusMessage)
        self.pages.addWidget(page)
        return page

    def _table_changed(self, table_key: str, cells: list[Cell]) -> None:
        """A table built after its cells changed takes the change as if it had been there to see it."""
        if not self.tables.is_built(table_key):
            self.tables[table_key].model.take_change(table_key, cells)

    def _refresh_section_states(self) -> None:
        """Each section's entry says what is left: ✓, n 错 or n 警."""
        per_section: dict[str, list[Finding]] = {}
        for f in self.document.findings:
            per_section.setdefault(f.table, []).append(f)
        for row, (key, title) in enumerate(PAGE_TITLES):
            findings = per_section.get(key, [])
            counts = tally(findings, self.document.report.explanations)
            errors, warnings = counts.errors, counts.warnings
            state = " ".join(filter(None, (f"{SEVERITY_MARKS[ERROR]}{errors}" if errors else "",
                                           f"{SEVERITY_MARKS[WARNING]}{warnings}" if warnings else ""))) or OK_MARK
            item = self.sections.item(row)
            item.setText(f"{title}  {state}")
            item.setForeground(QBrush(SEVERITY_COLOUR[ERROR] if errors else SEVERITY_COLOUR[WARNING] if warnings
                                     else NOTHING_FOUND_COLOUR))
            item.setToolTip(f"{title}：{counts.sentence()}")

    def show_section(self, key: str) -> None:
        self.sections.setCurrentRow([k for k, _ in PAGE_TITLES].index(key))

    def step_section(self, step: int) -> None:
        self.sections.setCurrentRow((self.sections.currentRow() + step) % len(PAGE_TITLES))

    def current_section(self) -> str:
        return PAGE_TITLES[self.sections.currentRow()][0]

    def reveal(self, command: QUndoCommand) -> None:
        """Show the page an undo step changes: the table with the cursor on its first cell, the text, the
        报告信息."""
        if isinstance(command, SetCellsCommand):
            self.show_section(command.table_key)
            page = self.tables[command.table_key]
            page.view.go_to(page.model.index_of(*next(iter(command.values))))
        elif isinstance(command, TextEditCommand):
            self.show_section(command.section)
        elif not isinstance(command, SetExplanationCommand):  # 机关名称, 年度, 标题, 成文日期, 上年报告
            self.show_section(META)

    def go_to_finding(self, finding: Finding) -> None:
        """Show the section of a finding and put the cursor on its cell or paragraph."""
        if finding.table in self.tables:
            self.show_section(finding.table)
            page = self.tables[finding.table]
            if page.model.holding_back:  # she asked to see what is wrong: show every flag of this table
                page.model.stop_holding_back()
            if finding.row is not None and finding.column is not None:
                page.view.go_to(page.model.index_of(finding.row, finding.column))
        elif finding.table in self.narratives:
            self.show_section(finding.table)
            self.narratives[finding.table].go_to_paragraph(int(finding.row) if finding.row is not None else 0)
        else:
            self.show_section(META)
            self.meta_page.focus_field(finding.row or "organ")
