"""检查结果: every finding of the rule engine, live; activating one jumps to its cell or paragraph.

A finding the clerk keeps on purpose can carry her reason (right-click › 说明原因…): it is listed greyed with
the reason and counted apart.  F1 (or right-click › 这条检查是什么) explains the rule.
"""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import QInputDialog, QLabel, QListWidget, QListWidgetItem, QMenu, QMessageBox, QVBoxLayout, \
    QWidget

from gui.editor.document import EditableReport
from model.findings import ERROR, NOTE, RULE_INFO, SEVERITY_MARKS, SEVERITY_NAMES, WARNING, Finding, format_number
from model.layout import TABLES, cell_caption

SEVERITY_COLOUR = {ERROR: QColor("#a40000"), WARNING: QColor("#8a5a00"), NOTE: QColor("#1f4f8a")}
EXPLAINED_COLOUR = QColor("#8c8c8c")
EXPLAIN_PROMPT = ("为什么保留这一条？说明会保存在报告文件中，列在审核签发单和自查表上供领导审阅，不会印在公开的报告里。\n\n"
                  "{message}")


def finding_text(finding: Finding, explanation: str | None) -> str:
    text = f"{SEVERITY_MARKS[finding.severity]} {finding.rule}  {finding.message}"
    return f"{text}\n    已说明：{explanation}" if explanation else text


def rule_help(code: str) -> str:
    info = RULE_INFO[code]
    return f"{info.title}\n\n{info.help}" + (f"\n\n例：{info.example}" if info.example else "")


class FindingsPanel(QWidget):
    findingActivated = Signal(object)  # Finding

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.document: EditableReport | None = None
        self.shown: list[Finding] = []  # row i of the list is shown[i]
        self.menu: QMenu | None = None  # the context menu last shown
        self._listed: tuple[list[Finding], dict[str, str]] | None = None  # what the list shows
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setToolTip("双击一条检查结果，跳到对应的单元格或段落；右键可说明保留的原因；F1 查看这条检查的说明")
        self.list.itemActivated.connect(self._activated)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._context_menu)
        help_key = QShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents), self.list)
        help_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        help_key.activated.connect(self.show_help)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)

    def bind(self, document: EditableReport) -> None:
        if self.document is not None:
            self.document.findingsChanged.disconnect(self.refresh)
        self.document = document
        self._listed = None
        document.findingsChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        findings = list(self.document.findings)
        explanations = self.document.report.explanations
        listed = (findings, dict(explanations))
        if listed == self._listed:
            return  # typing that changes no finding: laying out the word-wrapped list again is the slow part
        self._listed = listed
        self.shown = findings
        self.heading.setText(f"检查结果：{self.document.tally().sentence()}")
        self.list.setUpdatesEnabled(False)
        self.list.clear()
        for finding in findings:
            explanation = explanations.get(finding.key)
            item = QListWidgetItem(finding_text(finding, explanation))
            colour = EXPLAINED_COLOUR if explanation else SEVERITY_COLOUR[finding.severity]
            item.setForeground(QBrush(colour))
            item.setToolTip(f"{SEVERITY_NAMES[finding.severity]} {finding.rule}：{RULE_INFO[finding.rule].title}\n"
                            f"{finding.message}" + (f"\n已说明：{explanation}" if explanation else ""))
            self.list.addItem(item)
        self.list.setUpdatesEnabled(True)

    def item_for(self, finding: Finding) -> QListWidgetItem | None:
        # rows, not Python objects in item data: PySide6 mishandles their reference counts on clear()
        return self.list.item(self.shown.index(finding)) if finding in self.shown else None

    def current_finding(self) -> Finding | None:
        row = self.list.currentRow()
        return self.shown[row] if 0 <= row < len(self.shown) else None

    def _activated(self, item: QListWidgetItem) -> None:
        self.findingActivated.emit(self.shown[self.list.row(item)])

    # ------------------------------------------------------------ 出错说明 and help
    def explain(self, finding: Finding) -> None:
        """Ask for the reason the clerk keeps `finding`; an emptied text takes the explanation away."""
        old = self.document.report.explanations.get(finding.key, "")
        text, ok = QInputDialog.getMultiLineText(self, f"说明原因（{finding.rule}）",
                                                 EXPLAIN_PROMPT.format(message=finding.message), old)
        if ok:
            self.document.set_explanation(finding, text)

    def show_help(self) -> None:
        finding = self.current_finding()
        if finding is not None:
            QMessageBox.information(self, f"{finding.rule} 检查说明", rule_help(finding.rule))

    def _context_menu(self, position: QPoint) -> None:
        item = self.list.itemAt(position)
        if item is None:
            return
        self.list.setCurrentItem(item)
        finding = self.shown[self.list.row(item)]
        explained = finding.key in self.document.report.explanations
        menu = self.menu = QMenu(self)  # kept: popup() returns at once
        if RULE_INFO[finding.rule].offers_value and finding.table in TABLES and finding.expected is not None:
            value = format_number(finding.expected)
            menu.addAction(f"改为 {value}", lambda: self.document.set_cells(
                finding.table, {(finding.row, finding.column): finding.expected},
                f"{cell_caption(finding.table, finding.row, finding.column)}改为 {value}"))
        menu.addAction("修改说明…" if explained else "说明原因…", lambda: self.explain(finding))
        if explained:
            menu.addAction("删除说明", lambda: self.document.set_explanation(finding, None))
        menu.addSeparator()
        menu.addAction("这条检查是什么（F1）", self.show_help)
        menu.popup(self.list.viewport().mapToGlobal(position))
