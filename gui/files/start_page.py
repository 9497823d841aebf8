"""开始: what the clerk sees when no report is open — begin this year's report, from last year's, or reopen one."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from model.filetype import extensions_named

FILE_ROLE = int(Qt.ItemDataRole.UserRole)


class StartPage(QWidget):
    recentChosen = Signal(str)  # the file's path

    def __init__(self, *, new_report: Callable[[], None], new_from_last_year: Callable[[], None],
                 open_report: Callable[[], None], open_sample: Callable[[], None] | None, parent=None) -> None:
        super().__init__(parent)
        heading = QLabel("政府信息公开工作年度报告")
        heading.setObjectName("sectionTitle")
        hint = QLabel("按国办公开办函〔2021〕30号格式编写、检查年度报告。请选择从哪里开始：")
        hint.setObjectName("sectionHint")
        hint.setWordWrap(True)

        self.new_button = QCommandLinkButton("新建本年度报告", "")
        self.new_button.clicked.connect(new_report)
        self.carry_over_button = QCommandLinkButton(
            "以上年报告为模板新建…",
            f"选择上年的报告（本程序的 {extensions_named()}、Word、PDF、网页、Excel 或文本）：保留机关名称、正文、"
            "现行有效件数和结转数，清空本年数字")
        self.carry_over_button.clicked.connect(new_from_last_year)
        self.open_button = QCommandLinkButton("打开…", f"打开保存过的报告（{extensions_named()}），或导入已发布的报告")
        self.open_button.clicked.connect(open_report)
        buttons = QVBoxLayout()
        for button in (self.new_button, self.carry_over_button, self.open_button):
            buttons.addWidget(button)
        self.sample_button = None
        if open_sample is not None:
            self.sample_button = QCommandLinkButton("查看示例报告", "济源市人民政府2021年的报告，供参考格式和写法")
            self.sample_button.clicked.connect(open_sample)
            buttons.addWidget(self.sample_button)
        buttons.addStretch(1)

        recent_title = QLabel("最近打开")
        recent_title.setStyleSheet("font-weight: bold;")
        self.recent = QListWidget()
        self.recent.setToolTip("双击或按回车打开")
        self.recent.setWordWrap(True)
        self.recent.itemActivated.connect(lambda item: self.recentChosen.emit(item.data(FILE_ROLE)))
        recent_box = QVBoxLayout()
        recent_box.addWidget(recent_title)
        recent_box.addWidget(self.recent, 1)

        columns = QHBoxLayout()
        columns.addLayout(buttons, 3)
        columns.addSpacing(24)
        columns.addLayout(recent_box, 2)
        box = QVBoxLayout(self)
        box.setContentsMargins(32, 24, 32, 24)
        box.addWidget(heading)
        box.addWidget(hint)
        box.addSpacing(12)
        box.addLayout(columns, 1)

    def refresh(self, year: int, recent_files: list[str]) -> None:
        """The year 新建 would give, and the recent files (those no longer there greyed out)."""
        self.new_button.setDescription(f"空白的{year}年报告，逐项填写")
        self.recent.clear()
        for file in recent_files:
            path = Path(file)
            there = path.is_file()
            item = QListWidgetItem(f"{path.name}{'' if there else '（已不在原处）'}\n{path.parent}")
            item.setData(FILE_ROLE, file)
            item.setToolTip(file)
            # Qt measures a line of Latin letters shorter than one with Chinese: room for two full lines
            item.setSizeHint(QSize(0, 2 * self.recent.fontMetrics().lineSpacing() + 10))
            if not there:
                item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recent.addItem(item)
        if not recent_files:
            item = QListWidgetItem("（还没有打开过报告）")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recent.addItem(item)
