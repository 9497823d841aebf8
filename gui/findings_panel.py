"""检查结果: every finding of the rule engine, live; activating one jumps to its cell or paragraph."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from gui.document import ReportDocument
from model.rules import ERROR, Finding

SEVERITY_MARK = {ERROR: "✗", "warning": "!"}
SEVERITY_COLOUR = {ERROR: QColor("#a40000"), "warning": QColor("#8a5a00")}


def summary(errors: int, warnings: int) -> str:
    if not errors and not warnings:
        return "未发现问题"
    return f"{errors} 个错误，{warnings} 个警告"


class FindingsPanel(QWidget):
    findingActivated = Signal(object)  # Finding

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.document: ReportDocument | None = None
        self.shown: list[Finding] = []  # row i of the list is shown[i]
        self.heading = QLabel()
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setToolTip("双击一条检查结果，跳到对应的单元格或段落")
        self.list.itemActivated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)

    def bind(self, document: ReportDocument) -> None:
        if self.document is not None:
            self.document.findingsChanged.disconnect(self.refresh)
        self.document = document
        document.findingsChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        findings = self.shown = list(self.document.findings)
        self.heading.setText(f"检查结果：{summary(*self.document.counts())}")
        self.list.setUpdatesEnabled(False)
        self.list.clear()
        for finding in findings:
            item = QListWidgetItem(f"{SEVERITY_MARK[finding.severity]} {finding.rule}  {finding.message}")
            item.setForeground(QBrush(SEVERITY_COLOUR[finding.severity]))
            item.setToolTip(finding.message)
            self.list.addItem(item)
        self.list.setUpdatesEnabled(True)

    def item_for(self, finding: Finding) -> QListWidgetItem | None:
        # rows, not Python objects in item data: PySide6 mishandles their reference counts on clear()
        return self.list.item(self.shown.index(finding)) if finding in self.shown else None

    def _activated(self, item: QListWidgetItem) -> None:
        self.findingActivated.emit(self.shown[self.list.row(item)])
