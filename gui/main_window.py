"""The editor window: menus, the report editor, the findings panel, files, autosave and settings."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QMargins, QPoint, QRect, QSettings, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from gui.document import ReportDocument
from gui.findings_panel import FindingsPanel
from gui.recovery import RecoverySlot, RecoveryStore
from gui.report_editor import ReportEditor
from gui.start_page import StartPage
from model.carryover import new_from_last_year
from model.fileio import ReportFileError, backup_path, load_report, save_report
from model.filelock import ReportLock, disk_stamp, open_elsewhere
from model.report import FIRST_YEAR, LAST_YEAR, LastYear, Report, reporting_year
from model.findings import Finding

if TYPE_CHECKING:  # loaded when first used, as gui.printing is: none of them is needed to show a report
    from gui.find_bar import FindBar
    from gui.import_dialog import ImportChoice
    from gui.table_view import ReportTableView

APP_NAME = "年报编辑器"
DISTRIBUTION = "nianbao-editor"  # [project] name in pyproject.toml
FILE_FILTER = "年报文件 (*.json);;所有文件 (*)"
AUTOSAVE_INTERVAL_MS = 60_000
MAX_RECENT = 8
STATUS_MESSAGE_MS = 8000
DEFAULT_WINDOW_SIZE = (1500, 900)
# room for the title bar and borders the window manager adds around a window not yet shown
FRAME_ALLOWANCE = QMargins(4, 32, 4, 4)
FINDINGS_DOCK_WIDTH = 270
FINDINGS_DOCK_MIN_WIDTH = 180
FINDINGS_DOCK_MAX_SHARE = 0.28  # of the window's width: the report being edited keeps the most room


def fit_to_screen(wanted: QRect, available: QRect) -> QRect:
    """`wanted` shrunk to fit the screen's `available` area (less the window frame) and moved inside it."""
    room = available.marginsRemoved(FRAME_ALLOWANCE)
    width, height = min(wanted.width(), room.width()), min(wanted.height(), room.height())
    x = min(max(wanted.x(), room.x()), room.x() + room.width() - width)
    y = min(max(wanted.y(), room.y()), room.y() + room.height() - height)
    return QRect(x, y, width, height)


def screen_area(point: QPoint | None = None) -> QRect:
    """The available area of the screen showing `point` (the primary screen when none does or none is given)."""
    screen = (QGuiApplication.screenAt(point) if point is not None else None) or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def findings_dock_width(saved: int | None, window_width: int) -> int:
    """The 检查结果 panel's width: as the clerk left it, but never below a readable width nor taking more than
    its share of the window (a width saved on a bigger screen, or by an older version, would crowd the tables)."""
    wanted = saved if saved else FINDINGS_DOCK_WIDTH
    return max(FINDINGS_DOCK_MIN_WIDTH, min(wanted, int(window_width * FINDINGS_DOCK_MAX_SHARE)))


def table_view_holding(widget: QWidget | None) -> ReportTableView | None:
    """The table view that is `widget` or holds it (a cell editor), if any."""
    from gui.table_view import ReportTableView  # loaded with the first table shown

    while widget is not None and not isinstance(widget, ReportTableView):
        widget = widget.parentWidget()
    return widget


def importable(path: Path) -> bool:
    """A published report 导入 reads (Word, PDF, web page …); model.importers loads when a file is chosen."""
    from model.importers import SUFFIXES

    return path.suffix.lower() in SUFFIXES


def last_year_filter() -> str:
    from model.importers import SUFFIXES

    return f"上年的报告 (*.json {' '.join('*' + s for s in SUFFIXES)});;年报文件 (*.json);;所有文件 (*)"


def application_version() -> str:
    """From the installed package's metadata (pip install, or copied into the built folder by packaging/build.py)."""
    from importlib.metadata import PackageNotFoundError, version  # only 关于 asks: not worth its start-up time

    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:  # run from a checkout that was never pip-installed
        return "（未安装的源代码）"


class EditorWindow(QMainWindow):
    def __init__(self, settings: QSettings, recovery: RecoveryStore,
                 autosave_interval_ms: int = AUTOSAVE_INTERVAL_MS, sample: Path | None = None) -> None:
        super().__init__()
        self.settings = settings
        self.sample = sample  # the sample report, opened from the start page or 帮助 only
        self.recovery = recovery
        self.recovery_slot: RecoverySlot | None = None  # this window's own recovery copy of its report
        self.file_lock: ReportLock | None = None  # the report file is open here for editing
        self.read_only = False  # opened while open elsewhere: 保存 asks for another file
        self.disk_stamp: str | None = None  # the report file as opened or last saved here
        self.document: ReportDocument | None = None
        self.editor: ReportEditor | None = None
        self.untitled_name = "未命名"
        self.needs_save = False  # a report made here (carry-over, recovery) that no file holds yet
        self.summary_window = None  # 文件 › 汇总, made when first asked for
        self.rule_help = None  # 帮助 › 检查规则说明, made when first asked for
        self._autosaved_revision: int | None = None

        self.undo_group = QUndoGroup(self)
        self.findings_panel = FindingsPanel()
        self.findings_panel.findingActivated.connect(self.go_to_finding)
        dock = QDockWidget("检查结果", self)
        dock.setObjectName("findingsDock")
        dock.setWidget(self.findings_panel)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        self.findings_dock = dock

        self.state_label = QLabel()
        self.statusBar().addPermanentWidget(self.state_label)
        self._build_menus()

        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(autosave_interval_ms)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()
        # one central widget for the window's life: replacing it would hand its room to 检查结果
        self.central = QStackedWidget()
        self.find_bar: FindBar | None = None  # made at the first 查找
        body = QWidget()
        self.body_box = QVBoxLayout(body)
        self.body_box.setContentsMargins(0, 0, 0, 0)
        self.body_box.addWidget(self.central, 1)
        self.setCentralWidget(body)
        self.start_page = StartPage(new_report=self.new_report, new_from_last_year=self.new_from_last_year_dialog,
                                    open_report=self.open_dialog,
                                    open_sample=self.open_sample if sample is not None else None)
        self.start_page.recentChosen.connect(self.open_recent)
        self.central.addWidget(self.start_page)
        self._enable_document_actions()
        self._restore_geometry()
        self._restore_state()

    # ------------------------------------------------------------ menus
    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("文件(&F)")
        self.new_action = self._action("新建(&N)", self.new_report, QKeySequence.StandardKey.New)
        self.open_action = self._action("打开(&O)…", self.open_dialog, QKeySequence.StandardKey.Open)
        self.save_action = self._action("保存(&S)", self.save, QKeySequence.StandardKey.Save)
        self.save_as_action = self._action("另存为(&A)…", self.save_as, QKeySequence.StandardKey.SaveAs)
        self.carry_over_action = self._action(
            "以上年报告为模板新建(&T)…", self.new_from_last_year_dialog,
            tip="选择上一年度的报告（本程序的 .json，或发布的 Word、PDF、网页、Excel、文本），"
                "保留机关名称、正文和现行有效件数、结转数，清空本年数字")
        self.last_year_action = self._action("选择上年报告用于核对(&L)…", self.choose_last_year_dialog)
        self.summary_action = self._action("汇总(&U)…", self.open_summary,
                                           tip="读取一个文件夹中各单位的报告：逐份检查、与上年比对、汇总成本级报告")
        self.recent_menu = QMenu("最近打开(&R)", self)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        for action in (self.new_action, self.open_action, self.carry_over_action, self.summary_action):
            self.file_menu.addAction(action)
        self.file_menu.addMenu(self.recent_menu)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.save_action)
        self.file_menu.addAction(self.save_as_action)
        self.file_menu.addSeparator()
        print_anchor = self.file_menu.addSeparator()
        self.file_menu.addAction(self.last_year_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self._action("退出(&X)", self.close, QKeySequence.StandardKey.Quit))

        edit = bar.addMenu("编辑(&E)")
        self.undo_action = self.undo_group.createUndoAction(self, "撤销")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_group.createRedoAction(self, "重做")
        self.redo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Y")])
        # connected after the group's own undo/redo: the step is done when the editor shows where it was
        self.undo_action.triggered.connect(lambda: self._reveal_step(0))  # the step just undone is at the index
        self.redo_action.triggered.connect(lambda: self._reveal_step(-1))  # the step just redone is below it
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)
        edit.addSeparator()
        edit.addAction(self._action("复制(&C)", lambda: self._table_or_text("copy_selection", "copy"),
                                    QKeySequence.StandardKey.Copy))
        edit.addAction(self._action("粘贴(&P)", lambda: self._table_or_text("paste", "paste"),
                                    QKeySequence.StandardKey.Paste))
        edit.addAction(self._action("清除单元格(&D)", lambda: self._table_or_text("clear_selection", None)))
        self.find_action = self._action("查找(&F)…", self.open_find_bar, QKeySequence.StandardKey.Find,
                                        tip="在正文和表格的栏目名称中查找文字")
        edit.addAction(self.find_action)
        edit.addAction(self._action("空白填 0(&Z)", lambda: self._table_or_text("fill_blanks_with_zero", None),
                                    tip="表格中选中范围（未选中时为整张表）的空白单元格填入 0"))

        view = bar.addMenu("查看(&V)")
        view.addAction(self._action("下一个问题(&N)", lambda: self.go_to_next_finding(1), "F8",
                                    tip="依次跳到检查结果中的下一个错误或警告"))
        view.addAction(self._action("上一个问题(&P)", lambda: self.go_to_next_finding(-1), "Shift+F8"))
        self.section_actions = (self._action("下一部分", lambda: self.editor.step_section(1), "Ctrl+PgDown"),
                                self._action("上一部分", lambda: self.editor.step_section(-1), "Ctrl+PgUp"))
        view.addActions(self.section_actions)
        view.addSeparator()
        view.addAction(self.findings_dock.toggleViewAction())

        help_menu = bar.addMenu("帮助(&H)")
        if self.sample is not None:
            help_menu.addAction(self._action("查看示例报告(&S)", self.open_sample,
                                             tip="打开济源市人民政府2021年的报告，供参考格式和写法"))
        self.rule_help_action = self._action("检查规则说明(&R)", self.show_rule_help,
                                             tip="每条检查规则的含义和例子，以及 ✓ ✗ ! 和各种底色的意思；"
                                                 "在检查结果中选中一条时，直接翻到它的规则")
        help_menu.addAction(self.rule_help_action)
        self.about_action = self._action("关于(&A)", self._about)
        help_menu.addAction(self.about_action)

        toolbar = self.addToolBar("常用")
        toolbar.setObjectName("mainToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        # the menu says what would be undone; the toolbar button stays short
        self.undo_action.setIconText("撤销")
        self.redo_action.setIconText("重做")
        for action in (self.new_action, self.open_action, self.save_action, self.undo_action, self.redo_action):
            toolbar.addAction(action)
        toolbar.addSeparator()
        self.toolbar = toolbar

        self.import_action = self._action("导入(&I)…", self.import_dialog,
                                          tip="导入上年发布的报告（Word、PDF、网页、Excel、文本），先显示哪些内容是推测的")
        self.file_menu.insertAction(self.recent_menu.menuAction(), self.import_action)
        self.print_actions = self._add_output_actions(print_anchor, toolbar)

    def _add_output_actions(self, before: QAction, toolbar: QToolBar) -> list[QAction]:
        """导出 Word, 导出 PDF, 打印预览 and 打印 in 文件 (before `before`) and the toolbar, on the report as
        shown; an export ends with where the file is, the optional pages chosen are remembered per report."""
        def folder() -> Path | None:
            name = self._dialog_folder()
            return Path(name) if name else None

        commands = (  # text, shortcut, tip, what it does with gui.printing and the report
            ("导出 Word(&W)…", None, "导出为 Word 文档，供修改和存档",
             lambda out, r: out.announce_export(self, out.export_docx(self, r, folder(), self.settings))),
            ("导出 PDF(&D)…", None, "导出为 PDF，供签发和网站公开",
             lambda out, r: out.announce_export(self, out.export_pdf(self, r, folder(), self.settings))),
            ("打印预览(&V)…", None, "按 PDF 的版式预览每一页",
             lambda out, r: out.print_preview(self, r, self.settings)),
            ("打印(&P)…", QKeySequence.StandardKey.Print, "打印 PDF 的每一页",
             lambda out, r: out.print_report(self, r, self.settings)),
        )
        actions = []
        for text, shortcut, tip, run in commands:
            action = self._action(text, lambda _checked=False, run=run: self._output(run), shortcut, tip)
            self.file_menu.insertAction(before, action)
            toolbar.addAction(action)
            actions.append(action)
        return actions

    def _output(self, run: Callable[[ModuleType, Report], object]) -> None:
        from gui import printing  # Qt's print support and the export options: loaded when first used

        report = self.report_for_output()
        if report is not None:
            run(printing, report)

    def open_find_bar(self) -> None:
        """查找 (Ctrl+F): the bar under the report, made the first time it is asked for."""
        from gui.find_bar import FindBar

        if self.find_bar is None:
            self.find_bar = FindBar(lambda: self.editor)
            self.body_box.addWidget(self.find_bar)
        self.find_bar.open()

    def _enable_document_actions(self) -> None:
        """Commands on the open report wait for one (the start page has none)."""
        for action in (self.save_action, self.save_as_action, self.last_year_action, *self.section_actions,
                       *self.print_actions, self.find_action):
            action.setEnabled(self.document is not None)
        if self.document is None:
            self.findings_panel.heading.setText("打开或新建报告后，这里列出检查结果。")

    def show_start_page(self) -> None:
        self.start_page.refresh(reporting_year(dt.date.today()), self.recent_files())
        self.central.setCurrentWidget(self.start_page)
        self.setWindowTitle(APP_NAME)

    def last_report(self) -> Path | None:
        """The report the clerk last opened or saved, if it is still there and not open in another window: a
        restart goes on with it (a second copy of the editor starts on the start page instead)."""
        recent = self.recent_files()
        if not recent or not Path(recent[0]).is_file() or open_elsewhere(Path(recent[0])) is not None:
            return None
        return Path(recent[0])

    def open_sample(self) -> None:
        if self.maybe_save():
            report = self._load_or_warn(self.sample)
            if report is not None:
                self.show_untitled(report, "示例报告")

    def _table_or_text(self, table_method: str, text_method: str | None) -> None:
        """Edit-menu commands act on the focused table view, or on the focused text field."""
        widget = QApplication.focusWidget()
        view = table_view_holding(widget)
        if view is not None:
            getattr(view, table_method)()
        elif widget is not None and text_method and hasattr(widget, text_method):
            getattr(widget, text_method)()

    def _reveal_step(self, offset: int) -> None:
        """An undone or redone step may be on another page than the one in view: show it."""
        if self.document is None:
            return
        index = self.document.undo_stack.index() + offset
        if 0 <= index < self.document.undo_stack.count():
            self.editor.reveal(self.document.undo_stack.command(index))

    def report_for_output(self) -> Report | None:
        """The report as the clerk sees it, a number still in a cell editor included (for export and print)."""
        if self.document is None:
            return None
        self.commit_pending_edits()
        return self.document.report

    def import_dialog(self) -> None:
        """文件 › 导入: asks to save the current report first, then imports and opens."""
        from gui import import_dialog

        if self.maybe_save():
            choice = import_dialog.import_report(self, self._dialog_folder())
            if choice is not None:
                self.open_imported(choice)

    def open_imported(self, choice: ImportChoice) -> None:
        self.show_untitled(choice.report, choice.name, needs_save=True)
        self.show_message(choice.message)

    def open_summary(self) -> None:
        """文件 › 汇总: the dashboard window (one per editor window), asking for the folder the first time."""
        from gui.summary_window import SummaryWindow  # openpyxl and the dashboard only when asked for

        if self.summary_window is None:
            self.summary_window = SummaryWindow(self)
        self.summary_window.show()
        self.summary_window.raise_()
        if self.summary_window.summary is None and not self.summary_window.is_reading():
            self.summary_window.choose_folder()

    def show_rule_help(self) -> None:
        """帮助 › 检查规则说明, at the rule of the finding selected in 检查结果 if there is one."""
        from gui.rule_help import RuleHelpDialog

        if self.rule_help is None:
            self.rule_help = RuleHelpDialog(self)
        self.rule_help.show()
        self.rule_help.raise_()
        finding = self.findings_panel.current_finding()
        if finding is not None:
            self.rule_help.show_rule(finding.rule)

    def _about(self) -> None:
        """The version, and where the clerk's files are: reports, recovery copies, settings."""
        if self.document is not None and self.document.path is not None:
            reports = f"本报告：{self.document.path}"
        else:
            reports = f"保存在您选择的位置，默认在“文档”文件夹：{self._dialog_folder()}"
        box = QMessageBox(QMessageBox.Icon.NoIcon, f"关于{APP_NAME}", "", QMessageBox.StandardButton.Ok, self)
        box.setIconPixmap(self.windowIcon().pixmap(64, 64))
        box.setText(f"<b>{APP_NAME}</b> 版本 {application_version()}<br>"
                    "按国办公开办函〔2021〕30号格式编写、检查政府信息公开工作年度报告。")
        box.setInformativeText(
            f"报告文件：{reports}\n\n"
            f"恢复副本（未保存的修改每分钟自动保存一次，不改动报告文件）：{self.recovery.directory}\n\n"
            f"设置（最近打开的文件、窗口位置）：{self.settings.fileName()}")
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # paths can be copied
        box.exec()

    # ------------------------------------------------------------ the document
    def set_document(self, document: ReportDocument, needs_save: bool = False,
                     recovery_slot: RecoverySlot | None = None) -> None:
        """Show `document`; `recovery_slot` is the recovered copy it came from (else a new slot is taken)."""
        old_document, old_editor = self.document, self.editor
        self.document = document
        self.needs_save = needs_save
        self._autosaved_revision = None
        if self.recovery_slot is not None:  # the previous report was saved or its changes discarded
            self.recovery_slot.release()
        self.recovery_slot = recovery_slot or self.recovery.new_slot()
        self._let_go_of_file()
        self.undo_group.addStack(document.undo_stack)
        self.undo_group.setActiveStack(document.undo_stack)
        self.editor = ReportEditor(document, window_undo_actions=[self.undo_action, self.redo_action])
        self.editor.statusMessage.connect(self.show_message)
        self.editor.meta_page.chooseLastYearRequested.connect(self.choose_last_year_dialog)
        self.central.addWidget(self.editor)
        self.central.setCurrentWidget(self.editor)
        self.findings_panel.bind(document)
        document.historyChanged.connect(self._update_title)
        document.findingsChanged.connect(self._update_state_label)
        document.metaChanged.connect(self._update_state_label)
        if old_editor is not None:
            self.central.removeWidget(old_editor)
            old_editor.deleteLater()
        if old_document is not None:
            self.undo_group.removeStack(old_document.undo_stack)
            old_document.deleteLater()
        if self.find_bar is not None:
            self.find_bar.hide()  # its hits were in the report replaced
        self._enable_document_actions()
        self._update_title()

    def commit_pending_edits(self) -> None:
        """A number still in an open cell editor (or a year being typed) counts before saving or closing."""
        widget = QApplication.focusWidget()
        if isinstance(widget, QAbstractSpinBox):
            widget.interpretText()
        view = table_view_holding(widget)
        if view is not None and view is not widget:
            view.setFocus()  # the cell editor commits its text when it loses the focus

    def is_modified(self) -> bool:
        return self.document is not None and (self.needs_save or not self.document.undo_stack.isClean())

    def _update_title(self, *_args) -> None:
        name = self.document.path.name if self.document and self.document.path else self.untitled_name
        if self.read_only:
            name += "（只读）"
        self.setWindowTitle(f"{name}[*] - {APP_NAME}")
        self.setWindowModified(self.is_modified())
        self._update_state_label()

    def _update_state_label(self, *_args) -> None:
        if self.document is None:
            return
        if self.document.path is None:
            saved = "尚未保存为文件"
        else:
            saved = "未保存" if self.is_modified() else "已保存"
        self.state_label.setText(f"{self.document.report.title} · {saved} · {self.document.tally().sentence()}")

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, STATUS_MESSAGE_MS)

    def go_to_finding(self, finding: Finding) -> None:
        self.editor.go_to_finding(finding)

    def go_to_next_finding(self, step: int) -> None:
        """F8: the next finding after the one selected in the panel (errors come first), wrapping round."""
        panel = self.findings_panel
        count = panel.list.count()
        if not panel.shown:
            self.show_message("检查结果中没有错误或警告。")
            return
        row = (panel.list.currentRow() + step) % count if panel.list.currentRow() >= 0 else 0
        panel.list.setCurrentRow(row)
        self.go_to_finding(panel.shown[row])

    # ------------------------------------------------------------ files
    def open_report(self, path: str | Path) -> bool:
        """Show the report in `path`; a file that cannot be read is explained, the current report stays."""
        path = Path(path).resolve()  # saved back to this folder even when the editor was started elsewhere
        try:
            report = load_report(path)
        except ReportFileError as exc:
            if importable(path) and path.is_file():
                return self._offer_import(path, str(exc))
            if backup_path(path).is_file():
                return self._offer_backup(path, str(exc))
            QMessageBox.warning(self, "无法打开", str(exc))
            self._forget_recent(path)
            return False
        read_only = self._ask_if_open_elsewhere(path)
        if read_only is None:
            return False
        self.set_document(ReportDocument(report, path))
        self._hold_file(path, read_only)
        self._remember_recent(path)
        self.show_message(f"已打开 {path.name}" + ("（只读：保存时请另存为其他文件）" if read_only else ""))
        return True

    def _ask_if_open_elsewhere(self, path: Path) -> bool | None:
        """False to edit, True to open read-only, None not to open: asked when the file is open elsewhere."""
        if self.file_lock is not None and self.file_lock.report == path.resolve():
            return False  # open here already
        owner = open_elsewhere(path)
        if owner is None:
            return False
        answer = QMessageBox.question(
            self, "文件已打开", f"“{path.name}”已在{owner.describe()}打开。\n\n"
                               f"选择“是”以只读方式打开（可以查看、打印、另存为其他文件）；\n"
                               f"选择“否”仍然打开并编辑，两处保存时后保存的会覆盖先保存的；\n"
                               f"选择“取消”不打开。",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Yes)
        if answer == QMessageBox.StandardButton.Cancel:
            return None
        return answer == QMessageBox.StandardButton.Yes

    def _hold_file(self, path: Path, read_only: bool) -> None:
        """The report file is this window's: locked unless read-only, its state on disk noted."""
        self._let_go_of_file()
        self.read_only = read_only
        if not read_only:
            self.file_lock = ReportLock.take(path)
        self.disk_stamp = disk_stamp(path)
        self._update_title()

    def _let_go_of_file(self) -> None:
        if self.file_lock is not None:
            self.file_lock.release()
            self.file_lock = None
        self.read_only = False
        self.disk_stamp = None

    def _offer_backup(self, path: Path, reason: str) -> bool:
        """A damaged report file with the backup of its previous save beside it: open the backup on the clerk's
        word, to be saved under the file's own name; True when opened."""
        backup = backup_path(path)
        answer = QMessageBox.question(
            self, "打开", f"{reason}\n\n是否现在打开这个备份？备份是最后一次保存之前的内容，请核对后保存。",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        report = self._load_or_warn(backup)
        if report is None:
            return False
        self.set_document(ReportDocument(report, path), needs_save=True)
        self._hold_file(path, read_only=False)
        self._remember_recent(path)
        self.show_message(f"已打开备份“{backup.name}”；保存后写回“{path.name}”。")
        return True

    def _offer_import(self, path: Path, reason: str) -> bool:
        """A published report (Word, text) picked with 打开: import it on the clerk's word; True when opened."""
        answer = QMessageBox.question(self, "打开", f"{reason}\n\n是否现在导入“{path.name}”？",
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.Yes)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        from gui import import_dialog

        choice = import_dialog.import_report(self, path=path)
        if choice is None:
            return False
        self.open_imported(choice)
        return True

    def show_untitled(self, report: Report, name: str = "未命名", needs_save: bool = False) -> None:
        self.untitled_name = name
        self.set_document(ReportDocument(report, None), needs_save=needs_save)

    def new_report(self) -> None:
        if self.maybe_save():
            self.show_untitled(Report(year=reporting_year(dt.date.today())))

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        path, _ = QFileDialog.getOpenFileName(self, "打开报告", self._dialog_folder(), FILE_FILTER)
        if path:
            self.open_report(path)

    def save(self) -> bool:
        self.commit_pending_edits()
        if self.document.path is None or self.read_only:
            return self.save_as()
        return self._write(self.document.path)

    def save_as(self) -> bool:
        from gui.printing import file_name_for

        suggested = str(Path(self._dialog_folder()) / f"{file_name_for(self.document.report.title)}.json")
        path, _ = QFileDialog.getSaveFileName(self, "另存为", suggested, FILE_FILTER)
        if not path:
            return False
        path = Path(path)
        if not path.suffix:
            path = path.with_suffix(".json")
        return self._write(path)

    def _write(self, path: Path) -> bool:
        permission = self._may_write(path)
        if permission == QMessageBox.StandardButton.No:
            self.disk_stamp = None  # answered: 另存为 may choose this very file again
            return self.save_as()
        if permission != QMessageBox.StandardButton.Yes:
            return False
        try:
            save_report(self.document.report, path)
        except ReportFileError as exc:
            QMessageBox.warning(self, "无法保存", str(exc))
            return False
        self.document.path = path
        self.needs_save = False
        self.document.undo_stack.setClean()
        self.recovery_slot.discard()
        self._autosaved_revision = None
        self._hold_file(path, read_only=False)
        self._remember_recent(path)
        self.show_message(f"已保存到 {path}")
        return True

    def _may_write(self, path: Path) -> QMessageBox.StandardButton:
        """Nobody else's work is overwritten without a word: a file open elsewhere is not written over (Cancel),
        and a file changed on disk since it was opened here is written over only on the clerk's word (Yes;
        No: 另存为)."""
        own = self.file_lock is not None and self.file_lock.report == path.resolve()
        if not own:
            owner = open_elsewhere(path)
            if owner is not None:
                QMessageBox.warning(self, "无法保存", f"“{path.name}”已在{owner.describe()}打开，不能覆盖。"
                                                     f"请另存为其他文件名，或在那里关闭它之后再保存。")
                return QMessageBox.StandardButton.Cancel
            return QMessageBox.StandardButton.Yes
        if self.disk_stamp is None or disk_stamp(path) == self.disk_stamp:
            return QMessageBox.StandardButton.Yes
        return QMessageBox.question(
            self, "文件已被修改", f"“{path.name}”在这里打开之后，已被其他程序或窗口修改或删除。\n\n"
                                 f"选择“是”仍然保存，覆盖那些修改（被覆盖的内容留在备份“{path.name}.bak”中）；\n"
                                 f"选择“否”另存为其他文件；选择“取消”不保存。",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.No)

    def new_from_last_year_dialog(self) -> None:
        """Last year's report as the clerk has it — our .json, or the published Word, PDF, web page, Excel or
        text, imported (its import report shown) and carried over in one go."""
        if not self.maybe_save():
            return
        path, _ = QFileDialog.getOpenFileName(self, "选择上一年度的报告", self._dialog_folder(), last_year_filter())
        if not path:
            return
        path = Path(path)
        try:
            last, reason = load_report(path), ""
        except ReportFileError as exc:
            last, reason = None, str(exc)
        if last is None:
            if not importable(path):
                QMessageBox.warning(self, "无法打开", reason)
                return
            from gui import import_dialog

            choice = import_dialog.import_report(self, path=path, template_first=True)
            if choice is not None:
                self.open_imported(choice)
            return
        year, ok = QInputDialog.getInt(self, "以上年报告为模板新建", f"上年报告是{last.year}年的。新报告的年度：",
                                       last.year + 1, FIRST_YEAR, LAST_YEAR)
        if not ok:
            return
        report = new_from_last_year(last, year)
        self.show_untitled(report, f"{report.title}（新建）", needs_save=True)
        self.show_message(f"已根据{last.year}年报告新建{year}年报告：上年结转和现行有效件数已填入，"
                          f"请填写本年数字后保存。")

    def choose_last_year_dialog(self) -> None:
        """Last year's report for the year-over-year checks: our .json, or the published file, imported."""
        path, _ = QFileDialog.getOpenFileName(self, "选择上年报告", self._dialog_folder(), last_year_filter())
        if not path:
            return
        self.link_last_year(Path(path))

    def link_last_year(self, path: Path) -> None:
        try:
            last, doubt = load_report(path), ""
        except ReportFileError as exc:
            if not importable(path):
                QMessageBox.warning(self, "无法打开", str(exc))
                return
            from gui import import_dialog

            result = import_dialog.read_with_progress(self, path)
            if result is None:
                return
            last, doubt = result.report, "" if result.certain else f"；导入时{result.count_line()}，请核对"
        self.document.set_last_year(LastYear.of(last))
        year = "" if last.year == self.document.report.year - 1 else \
            f"（注意：所选报告是{last.year}年的，本报告是{self.document.report.year}年的）"
        self.show_message(f"已关联{last.year}年报告“{path.name}”，用于核对上年结转、现行有效件数和沿用上年的文字"
                          f"{year}{doubt}")

    def _load_or_warn(self, path: Path) -> Report | None:
        """The report in `path`; None when it cannot be read, after telling the clerk why."""
        try:
            return load_report(path)
        except ReportFileError as exc:
            QMessageBox.warning(self, "无法打开", str(exc))
            return None

    def maybe_save(self) -> bool:
        """True when the current report may be replaced or the window closed."""
        self.commit_pending_edits()
        if not self.is_modified():
            return True
        answer = QMessageBox.question(
            self, APP_NAME, f"“{self.document.report.title}”有尚未保存的修改。是否保存？",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        if self.recovery_slot is not None:
            self.recovery_slot.release()
            self.recovery_slot = None
        self._let_go_of_file()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/findings_width", self.findings_dock.width())
        self.settings.sync()
        event.accept()

    def _dialog_folder(self) -> str:
        if self.document is not None and self.document.path is not None:
            return str(self.document.path.parent)
        recent = self.recent_files()
        if recent:
            return str(Path(recent[0]).parent)
        return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)

    # ------------------------------------------------------------ recent files and geometry
    def recent_files(self) -> list[str]:
        value = self.settings.value("recent_files", [])
        if isinstance(value, str):  # QSettings gives a one-element list back as a string
            value = [value] if value else []
        return [str(v) for v in value or []]

    def _remember_recent(self, path: Path) -> None:
        text = str(path.resolve())
        files = [text] + [f for f in self.recent_files() if f != text]
        self.settings.setValue("recent_files", files[:MAX_RECENT])

    def _forget_recent(self, path: Path) -> None:
        text = str(path.resolve())
        self.settings.setValue("recent_files", [f for f in self.recent_files() if f != text])

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.recent_files()
        if not files:
            self.recent_menu.addAction("（无）").setEnabled(False)
            return
        names = [Path(file).name for file in files]
        for number, file in enumerate(files, 1):
            path = Path(file)
            # two 2021.json in different folders: name the folder so the clerk can tell them apart
            where = f"（{path.parent.name or path.parent}）" if names.count(path.name) > 1 else ""
            action = self.recent_menu.addAction(f"&{number} {path.name}{where}")
            action.setToolTip(file)
            action.triggered.connect(lambda _checked=False, f=file: self.open_recent(f))

    def open_recent(self, file: str) -> None:
        if self.maybe_save():
            self.open_report(file)

    def _restore_geometry(self) -> None:
        """Where the clerk left the window, or the default size, always inside the screen it opens on."""
        geometry = self.settings.value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            screen = screen_area()
            wanted = QRect(0, 0, *DEFAULT_WINDOW_SIZE)
            wanted.moveCenter(screen.center())
            self.setGeometry(fit_to_screen(wanted, screen))
        elif not self.isMaximized():
            self.setGeometry(fit_to_screen(self.geometry(), screen_area(self.geometry().center())))

    def _restore_state(self) -> None:
        """Toolbar and 检查结果 as the clerk left them, the panel's width kept within bounds."""
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        saved = self.settings.value("window/findings_width")
        width = findings_dock_width(int(saved) if saved else None, self.width())
        self.resizeDocks([self.findings_dock], [width], Qt.Orientation.Horizontal)

    # ------------------------------------------------------------ autosave and recovery
    def autosave(self) -> bool:
        """Write unsaved work to the recovery file (never to the report file); True when written.
        An open cell editor is left alone: the clerk may be typing."""
        if not self.is_modified():
            return False
        revision = self.document.revision
        if revision == self._autosaved_revision:
            return False
        try:
            self.recovery_slot.save(self.document.report, self.document.path)
        except (ReportFileError, OSError) as exc:
            self.show_message(f"自动保存失败：{exc}")
            return False
        self._autosaved_revision = revision
        self.show_message("已自动保存恢复副本（报告文件只在“保存”时写入）")
        return True

    def offer_recovery(self) -> bool:
        """After a crash: offer the recovery copies whose window has gone, newest first, until one is taken;
        True when one was restored.  A copy declined is removed; those not asked about stay for the next start."""
        for slot in self.recovery.orphans():
            slot.claim()  # while the question is open no other window offers the same copy
            if self._offer_copy(slot):
                return True
        return False

    def _offer_copy(self, slot: RecoverySlot) -> bool:
        when = slot.saved_at().strftime("%Y年%m月%d日 %H:%M")
        try:
            report, origin = slot.load()
        except ReportFileError as exc:
            QMessageBox.warning(self, "无法恢复", str(exc))
            slot.release()
            return False
        # named, so the clerk knows what she would throw away
        what = f"“{report.title}”（{origin if origin else '尚未保存为文件'}）"
        answer = QMessageBox.question(
            self, APP_NAME, f"上次没有正常关闭，找到 {when} 自动保存的{what}的未保存内容。是否恢复？\n"
                            f"选择“否”将丢弃这些内容。",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
        if answer != QMessageBox.StandardButton.Yes:
            slot.release()
            return False
        self.set_document(ReportDocument(report, origin), needs_save=True, recovery_slot=slot)
        if origin is not None:
            self._hold_file(origin, read_only=open_elsewhere(origin) is not None)
        if origin is None:
            self.untitled_name = f"{report.title}（恢复）"
            self._update_title()
        self.show_message("已恢复自动保存的内容，请检查后保存。")
        return True
