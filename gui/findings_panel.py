"""检查结果: every finding of the rule engine, live; activating one jumps to its cell or paragraph."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from gui.document import ReportDocument
from model.rules import ERROR, Finding

FINDING_ROLE = Qt.ItemDataRole.UserRole + 10
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
        findings = self.document.findings
        self.heading.setText(f"检查结果：{summary(*self.document.counts())}")
        self.list.setUpdatesEnabled(False)
        self.list.clear()
        for finding in findings:
            item = QListWidgetItem(f"{SEVERITY_MARK[finding.severity]} {finding.rule}  {finding.message}")
            item.setData(FINDING_ROLE, finding)
            item.setForeground(QBrush(SEVERITY_COLOUR[finding.severity]))
            item.setToolTip(finding.message)
            self.list.addItem(item)
        self.list.setUpdatesEnabled(True)

    def item_for(self, finding: Finding) -> QListWidgetItem | None:
        for row in range(self.list.count()):
            if self.list.item(row).data(FINDING_ROLE) == finding:
                return self.list.item(row)
        return None

    def _activated(self, item: QListWidgetItem) -> None:
        self.findingActivated.emit(item.data(FINDING_ROLE))
