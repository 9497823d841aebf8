"""导入: a published report (Word, text, Markdown) into the editor, its import report shown first.

The file is read off the window's thread, with a progress dialog and 取消 when it takes a moment.  The clerk
then sees what was read, what was guessed and why (with the line it came from) and what could not be read,
then opens the imported report as it is or starts next year's report from it (以上年报告为模板新建).
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QLabel, QMessageBox,
                               QPlainTextEdit, QProgressDialog, QSpinBox, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
                               QWidget)

from model.carryover import new_from_last_year
from model.bounded import Cancelled
from model.importers import (GUESSED, READ, SUFFIXES, UNREADABLE, ImportFailed, ImportResult,
                             import_file_bounded)
from model.importers.result import KIND_TITLES
from model.report import FIRST_YEAR, LAST_YEAR, Report

FILE_FILTER = f"上年发布的报告 ({' '.join('*' + s for s in SUFFIXES)});;所有文件 (*)"
KIND_ORDER = (GUESSED, UNREADABLE, READ)  # what needs the clerk's eye first
KIND_COLOURS = {GUESSED: "#8a5a00", UNREADABLE: "#b00020", READ: "#2e6b30"}
PROGRESS_AFTER_MS = 400  # a quick import shows no progress dialog at all
POLL_MS = 50
CHILD_END_SECONDS = 5  # 取消 kills the child; its watching thread ends a poll later


@dataclass(frozen=True)
class ImportChoice:
    """What the clerk chose to open: the imported report itself, or next year's report made from it."""

    report: Report
    name: str  # window title for the still unsaved report
    message: str  # for the status bar


class ImportReportDialog(QDialog):
    """The import report: notes grouped by kind, each with its place, reason, raw line and source line."""

    def __init__(self, result: ImportResult, parent: QWidget | None = None, template_first: bool = False) -> None:
        super().__init__(parent)
        self.result = result
        self.as_template = False
        self.setWindowTitle(f"导入报告 — {result.source}")
        self.resize(980, 620)
        layout = QVBoxLayout(self)

        summary = QLabel(result.summary())
        summary.setWordWrap(True)
        summary.setObjectName("importSummary")
        layout.addWidget(summary)
        counts = "　".join(f"{KIND_TITLES[k]} {len(result.of_kind(k))} 项" for k in KIND_ORDER)
        layout.addWidget(QLabel(counts + "。请先核对“推测”和“无法读取”的各项，导入后仍可在编辑器中修改。"))

        self.tree = QTreeWidget()
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels(["位置", "说明", "原文", "出处"])
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        for kind in KIND_ORDER:
            notes = result.of_kind(kind)
            group = QTreeWidgetItem(self.tree, [f"{KIND_TITLES[kind]}（{len(notes)}）"])
            group.setForeground(0, QBrush(QColor(KIND_COLOURS[kind])))
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setFirstColumnSpanned(True)
            for note in notes:
                raw = note.line.replace("\t", " │ ")
                item = QTreeWidgetItem(group, [note.place() or "—", note.reason, raw, note.where])
                item.setData(0, Qt.ItemDataRole.UserRole, note)
                for column, text in enumerate((note.place(), note.reason, raw, note.where)):
                    item.setToolTip(column, text)
            group.setExpanded(kind != READ or not result.notes or result.certain)
        self.tree.setColumnWidth(0, 220)
        self.tree.setColumnWidth(1, 430)
        self.tree.setColumnWidth(2, 220)
        layout.addWidget(self.tree, 3)

        self.detail = QPlainTextEdit()  # the whole of the selected note: long reasons and raw lines do not fit a row
        self.detail.setReadOnly(True)
        self.detail.setPlaceholderText("选中一项，在这里查看完整的说明和原文。")
        layout.addWidget(self.detail, 1)
        self.tree.currentItemChanged.connect(self._show_detail)
        first = next((self.tree.topLevelItem(i).child(0) for i in range(self.tree.topLevelItemCount())
                      if self.tree.topLevelItem(i).childCount()), None)
        if first is not None:
            self.tree.setCurrentItem(first)

        template_row = QHBoxLayout()
        template_row.addWidget(QLabel("以导入的报告为上年报告，新建"))
        self.year_box = QSpinBox()
        self.year_box.setRange(FIRST_YEAR, LAST_YEAR)
        self.year_box.setValue(result.report.year + 1)
        self.year_box.setSuffix(" 年")
        template_row.addWidget(self.year_box)
        template_row.addWidget(QLabel("的报告（保留正文和现行有效件数、结转数，清空本年数字）"))
        template_row.addStretch(1)
        layout.addLayout(template_row)

        buttons = QDialogButtonBox()
        self.open_button = buttons.addButton("打开导入的报告", QDialogButtonBox.ButtonRole.AcceptRole)
        self.template_button = buttons.addButton("以上年报告为模板新建", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        default, other = ((self.template_button, self.open_button) if template_first
                          else (self.open_button, self.template_button))
        default.setDefault(True)
        other.setAutoDefault(False)  # else the button box makes its first button the default when it shows
        self.open_button.clicked.connect(lambda: self._finish(as_template=False))
        self.template_button.clicked.connect(lambda: self._finish(as_template=True))
        self.cancel_button.clicked.connect(self.reject)
        layout.addWidget(buttons)

    def _show_detail(self, item: QTreeWidgetItem | None) -> None:
        note = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        self.detail.setPlainText(note.describe().replace("\t", " │ ") if note is not None else "")

    def _finish(self, as_template: bool) -> None:
        self.as_template = as_template
        self.accept()

    def choice(self) -> ImportChoice:
        imported = self.result.report
        if not self.as_template:
            doubts = len(self.result.notes) - len(self.result.of_kind(READ))
            return ImportChoice(imported, f"{imported.title}（导入）",
                                f"已导入“{self.result.source}”" + (f"，有 {doubts} 处需要核对" if doubts else "")
                                + "；保存后成为年报文件。")
        year = self.year_box.value()
        report = new_from_last_year(imported, year)
        return ImportChoice(report, f"{report.title}（新建）",
                            f"已根据导入的{imported.year}年报告新建{year}年报告：上年结转和现行有效件数已填入，"
                            f"请填写本年数字后保存。")


def ask_for_file(parent: QWidget | None, folder: str = "") -> Path | None:
    path, _ = QFileDialog.getOpenFileName(parent, "导入上年发布的报告", folder, FILE_FILTER)
    return Path(path) if path else None


def import_report(parent: QWidget | None, folder: str = "", path: str | Path | None = None,
                  template_first: bool = False) -> ImportChoice | None:
    """Ask for a file (unless given), import it, show the import report (新建 from it the default button when
    `template_first`); None when cancelled or unreadable."""
    path = Path(path) if path is not None else ask_for_file(parent, folder)
    if path is None:
        return None
    result = read_with_progress(parent, path)
    if result is None:
        return None
    dialog = ImportReportDialog(result, parent, template_first)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.choice()


def read_with_progress(parent: QWidget | None, path: Path) -> ImportResult | None:
    """The import in a child process (model/bounded: a bomb ends the child, never the editor), watched from a
    worker thread while the window keeps drawing; a progress dialog with 取消 appears when it takes a moment.
    None when cancelled (the child ended at once), or refused (the sentence shown)."""
    outcome: dict[str, object] = {}
    stop = threading.Event()

    def read() -> None:
        try:
            outcome["result"] = import_file_bounded(path, cancelled=stop.is_set)
        except ImportFailed as exc:
            outcome["refused"] = str(exc)
        except Cancelled:
            pass

    worker = threading.Thread(target=read, name=f"import {path.name}", daemon=True)
    progress = QProgressDialog(f"正在读取“{path.name}”…", "取消", 0, 0, parent)
    progress.setWindowTitle("导入")
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setAutoReset(False)
    progress.setAutoClose(False)
    waiting = QEventLoop()
    started = time.monotonic()

    def poll() -> None:
        elapsed = time.monotonic() - started
        if not worker.is_alive() or progress.wasCanceled():
            waiting.quit()
            return
        if elapsed >= 1:
            progress.setLabelText(f"正在读取“{path.name}”…（已用 {int(elapsed)} 秒）")
        if elapsed * 1000 >= PROGRESS_AFTER_MS and not progress.isVisible():
            progress.show()

    timer = QTimer()
    timer.setInterval(POLL_MS)
    timer.timeout.connect(poll)
    progress.canceled.connect(waiting.quit)
    worker.start()
    timer.start()
    waiting.exec()
    timer.stop()
    cancelled = worker.is_alive()
    stop.set()
    worker.join(CHILD_END_SECONDS)
    progress.close()
    progress.deleteLater()
    if cancelled:
        return None
    if "refused" in outcome:
        QMessageBox.warning(parent, "无法导入", str(outcome["refused"]))
        return None
    return outcome.get("result")
