"""The report on screen: a section list on the left (with what is left to fix), the section's editor on the right."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QUndoCommand
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from gui.document import ReportDocument, SetCellsCommand, SetExplanationCommand
from gui.meta_page import MetaPage
from gui.narrative_editor import NarrativeEditor, TextEditCommand
from gui.table_model import ReportTableModel
from gui.table_view import ReportTableView
from model.layout import NARRATIVE_KEYS, SECTIONS, TABLES
from model.findings import tally
from model.rules import Finding

META = "meta"
PAGE_TITLES = ((META, "报告信息"), *SECTIONS)
LEGEND = ("说明：灰蓝底为自动计算的总计，不能直接填写；红底为错误，黄底为警告，鼠标停在单元格上可看原因；"
          "浅红底的各格参与了不成立的等式，其中有填错的；“待填”为尚未填写的单元格。"
          "Tab、回车和方向键只在可填写的单元格间移动；可从 Excel/WPS 复制一块数字粘贴进来。")


MARKS_LEGEND = "✓ 未发现问题　✗ 错误　! 警告　? 提示\n规则说明见“帮助”菜单"


class TablePage(QWidget):
    def __init__(self, document: ReportDocument, table_key: str, parent=None) -> None:
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


class ReportEditor(QSplitter):
    statusMessage = Signal(str)

    def __init__(self, document: ReportDocument, parent=None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.document = document
        self.sections = QListWidget()
        self.sections.setMinimumWidth(150)
        self.sections.setWordWrap(True)
        self.pages = QStackedWidget()
        self.meta_page = MetaPage(document)
        self.narratives: dict[str, NarrativeEditor] = {}
        self.tables: dict[str, TablePage] = {}
        for key, _title in PAGE_TITLES:
            if key == META:
                page = self.meta_page
            elif key in NARRATIVE_KEYS:
                page = self.narratives[key] = NarrativeEditor(document, key)
            else:
                page = self.tables[key] = TablePage(document, key)
                page.view.statusMessage.connect(self.statusMessage)
            self.pages.addWidget(page)
            self.sections.addItem(QListWidgetItem())
        self.sections.currentRowChanged.connect(self.pages.setCurrentIndex)
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

    def _refresh_section_states(self) -> None:
        """Each section's entry says what is left: ✓, n 错 or n 警."""
        per_section: dict[str, list[Finding]] = {}
        for f in self.document.findings:
            per_section.setdefault(f.table, []).append(f)
        for row, (key, title) in enumerate(PAGE_TITLES):
            findings = per_section.get(key, [])
            counts = tally(findings, self.document.report.explanations)
            errors, warnings = counts.errors, counts.warnings
            state = " ".join(filter(None, (f"✗{errors}" if errors else "", f"!{warnings}" if warnings else ""))) or "✓"
            item = self.sections.item(row)
            item.setText(f"{title}  {state}")
            item.setForeground(QBrush(QColor("#a40000" if errors else "#8a5a00" if warnings else "#1a5e20")))
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
            self.show_section(next(key for key, editor in self.narratives.items()
                                   if editor.text_document is command.text_document))
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
