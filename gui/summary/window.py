"""汇总: the dashboard of a folder of units' reports — one row per unit, sorted and filtered by status, the
comparison with last year, Excel and print for the office, and the summed report opened in the editor as a draft.

Reading runs in a worker thread (imports in worker processes) with a progress bar and 取消; the window only
shows what model/summary found.
"""
from __future__ import annotations

import html
import threading
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import (QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, QRegularExpression,
                            QSortFilterProxyModel, Qt, QThread, Signal)
from PySide6.QtGui import QAction, QBrush, QColor, QPageLayout, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFileDialog, QHBoxLayout, QLabel, QMainWindow,
                               QMessageBox, QPlainTextEdit, QProgressBar, QPushButton, QSplitter, QTableView,
                               QVBoxLayout, QWidget)

from gui.editor.document import EditableReport
from gui.screen import place_centred
from model.findings import SEVERITY_NAMES
from model.os_errors import describe
from model.summary import FolderUnreadable, ImportCache, Summary, SummaryCancelled, summarize_folder
from model.summary.summing import SummedReport
from model.summary.units import (CLEAN, DUPLICATE, ERRORS, STATUS_ORDER, STATUS_TITLES, UNIT_COLUMNS, UNREADABLE,
                                 WARNINGS, WRONG_YEAR, Unit, shown)
from model.summary.workbook import write_workbook

STATUS_COLOURS = {UNREADABLE: "#f6c9c9", WRONG_YEAR: "#f6c9c9", DUPLICATE: "#fbe7a6", ERRORS: "#f6c9c9",
                  WARNINGS: "#fbe7a6", CLEAN: "#d8efd8"}
STATUS_BRUSHES = {status: QBrush(QColor(colour)) for status, colour in STATUS_COLOURS.items()}
ALL, WITH_REMARKS = "all", "remarks"
FILTERS = ((ALL, "全部单位"), *((s, STATUS_TITLES[s]) for s in STATUS_ORDER), (WITH_REMARKS, "有比对提示"))
SORT_ROLE = int(Qt.ItemDataRole.UserRole)
UNIT_ROLE = SORT_ROLE + 1
FILTER_ROLE = SORT_ROLE + 2
MAX_TOOLTIP_FINDINGS = 12
SUMMARY_WINDOW_SIZE = (1300, 720)  # wanted; smaller screens get what they have
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

_INDEX = QModelIndex | QPersistentModelIndex
_TOP_LEVEL = QModelIndex()


class UnitTableModel(QAbstractTableModel):
    """One row per unit, the columns of model/summary's UNIT_COLUMNS; the first column's box says 计入汇总."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.units: list[Unit] = []
        self.included: set[str] = set()  # files of the units to sum

    def set_units(self, units: list[Unit]) -> None:
        self.beginResetModel()
        self.units = units
        self.included = {u.file for u in units if u.summable}
        self.endResetModel()

    def rowCount(self, parent: _INDEX = _TOP_LEVEL) -> int:
        return 0 if parent.isValid() else len(self.units)

    def columnCount(self, parent: _INDEX = _TOP_LEVEL) -> int:
        return 0 if parent.isValid() else len(UNIT_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        column = UNIT_COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tip or None
        return None

    def flags(self, index: _INDEX) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0 and self.units[index.row()].summable:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: _INDEX, role: int = Qt.ItemDataRole.DisplayRole):
        unit = self.units[index.row()]
        column = UNIT_COLUMNS[index.column()]
        value = column.value(unit)
        if role == Qt.ItemDataRole.DisplayRole:
            return shown(value)
        if role == SORT_ROLE:
            if column.key == "status":
                return STATUS_ORDER.index(unit.status)
            return float(value) if isinstance(value, (int, Decimal)) else (value or "")
        if role == UNIT_ROLE:
            return unit
        if role == FILTER_ROLE:
            return " ".join([ALL, unit.status] + ([WITH_REMARKS] if unit.remarks else []))
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == 0:
            if not unit.summable:
                return None
            return Qt.CheckState.Checked if unit.file in self.included else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.BackgroundRole and column.key == "status":
            return STATUS_BRUSHES[unit.status]
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, (int, Decimal)):
            return RIGHT
        if role == Qt.ItemDataRole.ToolTipRole:
            return unit_tooltip(unit)
        return None

    def setData(self, index: _INDEX, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != 0:
            return False
        file = self.units[index.row()].file
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self.included.add(file)
        else:
            self.included.discard(file)
        self.dataChanged.emit(index, index)
        return True


def unit_tooltip(unit: Unit) -> str:
    """What is wrong with the unit's report, in the rules' own words."""
    lines = [unit.name, STATUS_TITLES[unit.status] + (f"：{unit.refusal}" if unit.refusal else "")]
    if unit.read.guessed_cells or unit.read.unreadable_cells:
        lines.append(f"导入时 {unit.read.guessed_cells} 个单元格为推测，{unit.read.unreadable_cells} 个无法读取")
    lines += [f"{SEVERITY_NAMES[f.severity]} {f.rule}：{f.message}" for f in unit.findings[:MAX_TOOLTIP_FINDINGS]]
    if len(unit.findings) > MAX_TOOLTIP_FINDINGS:
        lines.append(f"……共 {len(unit.findings)} 条")
    lines += [r.text for r in unit.remarks]
    return "\n".join(lines)


class StatusFilter(QSortFilterProxyModel):
    """Rows of one status (or with remarks), matched on the words of the first column's FILTER_ROLE."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterRole(FILTER_ROLE)
        self.setFilterKeyColumn(0)

    def set_wanted(self, wanted: str) -> None:
        self.setFilterRegularExpression(QRegularExpression(rf"\b{wanted}\b"))


class SummaryWorker(QObject):
    """summarize_folder off the window's thread; its progress and end come back as signals."""

    progress = Signal(int, int, str)
    finished = Signal(object)  # Summary
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, folder: Path, last_folder: Path | None, cache: ImportCache) -> None:
        super().__init__()
        self.folder, self.last_folder, self.cache = folder, last_folder, cache
        self.stop = threading.Event()

    def run(self) -> None:
        try:
            summary = summarize_folder(self.folder, self.last_folder, self.cache, self.progress.emit, self.stop.is_set)
        except SummaryCancelled:
            self.cancelled.emit()
        except FolderUnreadable as exc:
            self.failed.emit(str(exc))
        except Exception:  # never a dashboard spinning forever: the clerk is told, and may choose again
            self.failed.emit(f"读取“{self.folder}”时遇到程序无法处理的问题，汇总没有完成。请再试一次；"
                             f"仍不行时，请把该文件夹中的文件逐个用“文件 › 导入”打开，找出有问题的文件。")
        else:
            self.finished.emit(summary)


class SummaryWindow(QMainWindow):
    """The dashboard; `editor` is the editor window that opens units' reports and the summed draft."""

    summaryReady = Signal()

    def __init__(self, editor, cache_folder: Path | None = None) -> None:
        super().__init__(editor)
        self.setWindowFlag(Qt.WindowType.Window)
        self.setWindowTitle("汇总")
        self.editor = editor
        self.summed_windows: list[QMainWindow] = []  # the summed drafts open, each in its own window
        self.cache_folder = cache_folder
        self.summary: Summary | None = None
        self.folder: Path | None = None
        self.last_folder: Path | None = None
        self._thread: QThread | None = None
        self._worker: SummaryWorker | None = None
        self._next: tuple[Path, Path | None] | None = None  # a folder chosen while another was being read

        self.model = UnitTableModel(self)
        self.proxy = StatusFilter(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(UNIT_COLUMNS.index(next(c for c in UNIT_COLUMNS if c.key == "status")),
                               Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.doubleClicked.connect(self.open_unit)

        self.filter_box = QComboBox()
        for key, title in FILTERS:
            self.filter_box.addItem(title, key)
        self.filter_box.currentIndexChanged.connect(lambda: self.proxy.set_wanted(self.filter_box.currentData()))
        self.heading = QLabel("请选择存放各单位报告的文件夹。")
        self.heading.setWordWrap(True)
        self.comparison = QPlainTextEdit()
        self.comparison.setReadOnly(True)
        self.comparison.setPlaceholderText("选择上年文件夹后，这里列出未报送、新增的单位；未计入汇总的报告也列在这里。")

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(QLabel("显示："))
        top.addWidget(self.filter_box)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(self.comparison)
        splitter.setSizes([520, 140])
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addLayout(top)
        layout.addWidget(splitter)
        self.setCentralWidget(body)

        self.progress_bar = QProgressBar()
        self.progress_bar.setMaximumWidth(320)
        self.cancel_button = QPushButton("取消")
        self.cancel_button.clicked.connect(self.cancel)
        for widget in (self.progress_bar, self.cancel_button):
            widget.hide()
            self.statusBar().addPermanentWidget(widget)
        self._build_toolbar()
        place_centred(self, *SUMMARY_WINDOW_SIZE, near=self.parentWidget())

    def _build_toolbar(self) -> None:
        bar = self.addToolBar("汇总")
        bar.setObjectName("summaryToolbar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)

        def add(text: str, slot, tip: str) -> QAction:
            action = bar.addAction(text)
            action.setStatusTip(tip)
            action.triggered.connect(slot)
            return action

        add("选择文件夹…", self.choose_folder, "选择存放本年度各单位报告的文件夹")
        add("上年文件夹…", self.choose_last_folder, "选择存放上年度各单位报告的文件夹，用于比对")
        self.reread_action = add("重新读取", self.reread, "文件夹中的报告有变化时重新读取")
        bar.addSeparator()
        self.open_summed_action = add("打开汇总报告", self.open_summed_report,
                                      "把勾选的单位逐项相加，在编辑器中打开为本级报告的草稿")
        self.excel_action = add("导出 Excel…", self.export_excel, "各单位一览、比对结果和各表合计")
        self.print_action = add("打印…", self.print_preview, "打印各单位一览和比对结果")
        self.result_actions = (self.reread_action, self.open_summed_action, self.excel_action, self.print_action)
        for action in self.result_actions:
            action.setEnabled(False)

    # ------------------------------------------------------------ reading
    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "选择存放各单位报告的文件夹", str(self.folder or ""))
        if folder:
            self.start(Path(folder), self.last_folder)

    def choose_last_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "选择存放上年度各单位报告的文件夹",
                                                  str(self.last_folder or self.folder or ""))
        if folder:
            self.last_folder = Path(folder)
            if self.folder is not None:
                self.start(self.folder, self.last_folder)

    def reread(self) -> None:
        if self.folder is not None:
            self.start(self.folder, self.last_folder)

    def start(self, folder: Path, last_folder: Path | None = None) -> None:
        """Read the folder in a worker thread; the dashboard fills in when it is done.  While another
        folder is being read, that reading is cancelled and this folder read once it has stopped."""
        if self._thread is not None:
            self._next = (folder, last_folder)
            self.cancel()
            return
        self.folder, self.last_folder = folder, last_folder
        self.heading.setText(f"正在读取“{folder}”……")
        self.progress_bar.setRange(0, 0)
        self.progress_bar.show()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        worker = SummaryWorker(folder, last_folder, ImportCache(self.cache_folder))
        thread = QThread(self)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.progress.connect(self._show_progress)
        worker.finished.connect(self._show_summary)
        worker.failed.connect(self._show_failure)
        worker.cancelled.connect(self._show_cancelled)
        for signal in (worker.finished, worker.failed, worker.cancelled):
            signal.connect(thread.quit)
        thread.finished.connect(self._thread_done)
        self._thread, self._worker = thread, worker
        thread.start()

    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.stop.set()
            self.cancel_button.setEnabled(False)
            self.statusBar().showMessage("正在取消……")

    def is_reading(self) -> bool:
        return self._thread is not None

    def _thread_done(self) -> None:
        self._thread.deleteLater()
        self._worker.deleteLater()
        self._thread = self._worker = None
        self.progress_bar.hide()
        self.cancel_button.hide()
        if self._next is not None:
            folder, last_folder = self._next
            self._next = None
            self.start(folder, last_folder)

    def _show_progress(self, done: int, total: int, name: str) -> None:
        self.progress_bar.setRange(0, total)
        self.progress_bar.setValue(done)
        self.statusBar().showMessage(f"已读取 {done}/{total}：{name}")

    def _show_failure(self, sentence: str) -> None:
        self.heading.setText(sentence)
        QMessageBox.warning(self, "无法汇总", sentence)

    def _show_cancelled(self) -> None:
        self.heading.setText("已取消读取。" + ("下面仍是上次读取的结果。" if self.summary else ""))
        self.statusBar().showMessage("已取消", 5000)

    def _show_summary(self, summary: Summary) -> None:
        self.summary = summary
        self.model.set_units(summary.units)
        self.view.resizeColumnsToContents()
        for action in self.result_actions:
            action.setEnabled(True)
        self.heading.setText(self.heading_text())
        self.comparison.setPlainText(self.comparison_text())
        self.statusBar().showMessage(summary.cache_note or "读取完成", 0 if summary.cache_note else 5000)
        self.setWindowTitle(f"汇总 - {summary.folder.name}")
        self.summaryReady.emit()

    def heading_text(self) -> str:
        summary = self.summary
        counts = {s: sum(u.status == s for u in summary.units) for s in STATUS_ORDER}
        parts = [f"{summary.year}年" if summary.year else "没有能读取的报告", f"{len(summary.units)} 个文件"]
        parts += [f"{STATUS_TITLES[s]} {n}" for s, n in counts.items() if n]
        if summary.last_folder is not None:
            parts += [f"未报送 {len(summary.missing)}", f"新增 {len(summary.new)}"]
        return " · ".join(parts)

    def comparison_text(self) -> str:
        summary = self.summary
        lines = []
        if summary.last_folder is not None:
            lines.append(f"今年未报送（上年有报告）：{'、'.join(summary.missing) or '无'}")
            lines.append(f"今年新增单位：{'、'.join(summary.new) or '无'}")
        lines += [f"“{u.file}”未计入汇总：{u.refusal}" for u in summary.units if not u.summable]
        errors = [u.name for u in summary.units if u.summable and u.errors]
        if errors:
            lines.append(f"有错误、将按原数计入汇总：{'、'.join(errors)}")
        lines += [f"{u.name}：{r.text}" for u in summary.units for r in u.remarks]
        return "\n".join(lines)

    # ------------------------------------------------------------ the office's outputs
    def summed(self) -> SummedReport:
        return self.summary.sum(set(self.model.included))

    def open_unit(self, index: QModelIndex) -> None:
        """Double-click: the unit's report in the editor (an imported one as an unsaved report)."""
        unit: Unit = index.data(UNIT_ROLE)
        if unit.report is None:
            QMessageBox.information(self, "无法打开", unit.refusal)
            return
        if not self.editor.maybe_save():
            return
        path = self.summary.folder / unit.file
        if unit.read.imported:
            self.editor.show_untitled(unit.report.model_copy(deep=True), f"{unit.file}（导入）", needs_save=True)
        else:
            self.editor.open_report(path)
        self.editor.raise_()
        self.editor.activateWindow()

    def open_summed_report(self) -> None:
        """The checked units summed, as the unsaved draft of the 本级 report in an editor window of its own (her
        own report stays where it is); each summed cell's tooltip names the units it came from."""
        from gui.main_window import EditorWindow  # the window that assembles the editor: it opens this one

        summed = self.summed()
        document = EditableReport(summed.report, None)
        document.cell_notes = summed.tooltips()
        window = EditorWindow(self.editor.settings, self.editor.recovery)
        window.untitled_name = f"{summed.report.year}年汇总报告（草稿）"
        window.set_document(document, needs_save=True)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.summed_windows.append(window)
        window.destroyed.connect(lambda: self.summed_windows.remove(window))
        window.show()
        with_errors = f"其中{'、'.join(summed.summed_with_errors)}的报告有错误，按原数计入；" if summed.summed_with_errors else ""
        window.show_message(f"已把 {len(summed.included)} 个单位的报告汇总为草稿，{with_errors}"
                            f"表格中每个数字的提示列出来源单位。")
        window.raise_()
        window.activateWindow()

    def export_excel(self) -> None:
        suggested = str((self.folder.parent if self.folder else Path()) / f"{self.summary.year}年汇总表.xlsx")
        path, _ = QFileDialog.getSaveFileName(self, "导出 Excel", suggested, "Excel 工作簿 (*.xlsx)")
        if not path:
            return
        path = Path(path).with_suffix(".xlsx")
        try:
            write_workbook(path, self.summary.units, self.summary.missing, self.summary.new, self.summed())
        except OSError as exc:
            QMessageBox.warning(self, "无法导出", f"无法写入“{path.name}”：{describe(exc)}。"
                                               f"文件可能正在被 Excel 或 WPS 打开，请关闭后再导出。")
            return
        self.statusBar().showMessage(f"已导出到 {path}", 8000)

    def print_document(self) -> QTextDocument:
        document = QTextDocument(self)
        document.setHtml(dashboard_html(self.summary, self.heading_text(), self.comparison_text()))
        return document

    def print_preview(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageOrientation(QPageLayout.Orientation.Landscape)
        document = self.print_document()
        dialog = QPrintPreviewDialog(printer, self)
        dialog.setWindowTitle("打印汇总")
        dialog.paintRequested.connect(document.print_)
        dialog.exec()

    def closeEvent(self, event) -> None:
        self.cancel()
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
        super().closeEvent(event)


def dashboard_html(summary: Summary, heading: str, comparison: str) -> str:
    """The units table and the comparison as a page to print."""
    head = "".join(f"<th>{html.escape(c.title)}</th>" for c in UNIT_COLUMNS)
    rows = "".join("<tr>" + "".join(f"<td>{html.escape(shown(c.value(u)))}</td>" for c in UNIT_COLUMNS) + "</tr>"
                   for u in summary.units)
    notes = "".join(f"<p>{html.escape(line)}</p>" for line in comparison.splitlines())
    return (f"<h3>{html.escape(summary.folder.name)} 汇总</h3><p>{html.escape(heading)}</p>"
            f"<table border='1' cellspacing='0' cellpadding='3'><tr>{head}</tr>{rows}</table>{notes}")
