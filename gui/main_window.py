"""The editor window: it assembles the report editor (gui.editor), 检查结果 (gui.review), the file commands,
recent files and recovery (gui.files), 汇总 (gui.summary) and output (gui.printing) under its menus."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QRect, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from gui import APP_NAME
from gui.editor.document import EditableReport
from gui.review.findings_panel import FindingsPanel
from gui.files.recovery import AUTOSAVE_INTERVAL_MS, RecoverySlot, RecoveryStore
from gui.editor.report_editor import ReportEditor
from gui.files.start_page import StartPage
from gui.files.commands import LAST_PAGE, LAST_PAGE_FILE, FileCommands
from gui.files.recent import RecentFiles
from gui.files.recovery import Autosave
from gui.screen import fit_to_screen, screen_area
from gui.status_bar import ElidingStatusBar
from model.filelock import ReportLock
from model.filetype import extensions_named
from model.report import Report, reporting_year
from model.findings import Finding

if TYPE_CHECKING:  # loaded when first used, as gui.printing is: none of them is needed to show a report
    from gui.editor.find_bar import FindBar
    from gui.editor.table_view import ReportTableView

STATUS_MESSAGE_MS = 8000
DEFAULT_WINDOW_SIZE = (1500, 900)
FINDINGS_DOCK_WIDTH = 270
FINDINGS_DOCK_MIN_WIDTH = 180
FINDINGS_DOCK_MAX_SHARE = 0.28  # of the window's width: the report being edited keeps the most room


def findings_dock_width(saved: int | None, window_width: int) -> int:
    """The 检查结果 panel's width: as the clerk left it, but never below a readable width nor taking more than
    its share of the window (a width saved on a bigger screen, or by an older version, would crowd the tables)."""
    wanted = saved if saved else FINDINGS_DOCK_WIDTH
    return max(FINDINGS_DOCK_MIN_WIDTH, min(wanted, int(window_width * FINDINGS_DOCK_MAX_SHARE)))


def table_view_holding(widget: QWidget | None) -> ReportTableView | None:
    """The table view that is `widget` or holds it (a cell editor), if any."""
    from gui.editor.table_view import ReportTableView  # loaded with the first table shown

    while widget is not None and not isinstance(widget, ReportTableView):
        widget = widget.parentWidget()
    return widget




class EditorWindow(FileCommands, RecentFiles, Autosave, QMainWindow):
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
        self.document: EditableReport | None = None
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

        self.setStatusBar(ElidingStatusBar(self))  # a long message stops short of the report's state
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
            tip=f"选择上一年度的报告（本程序的 {extensions_named()}，或发布的 Word、PDF、网页、Excel、文本），"
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
        """导出 Word, 导出 PDF, 打印预览 and 打印 in 文件 (before `before`) and the toolbar, then 导出网页, 复制网页内容
        and 导出图解 in 文件, on the report as shown; an export ends with where the file is, the optional pages
        chosen are remembered per report."""
        def folder() -> Path | None:
            name = self._dialog_folder()
            return Path(name) if name else None

        def exporting() -> ModuleType:
            from gui.printing import exporting  # the export options and their dialogs: loaded when first used

            return exporting

        def preview() -> ModuleType:
            from gui.printing import preview  # Qt's print support: loaded when first used

            return preview

        def publishing() -> ModuleType:
            from gui.printing import publishing  # the web page and the 图解: loaded when first used

            return publishing

        def copy_web_content(report: Report) -> None:
            if publishing().copy_web_content(self, report):
                self.statusBar().showMessage(publishing().COPIED, 30_000)

        commands = (  # text, shortcut, tip, what it does with the report, whether the toolbar has it too
            ("导出 Word(&W)…", None, "导出为 Word 文档，供修改和存档",
             lambda r: exporting().announce_export(self, exporting().export_docx(self, r, folder(), self.settings)),
             True),
            ("导出 PDF(&D)…", None, "导出为 PDF，供签发和网站公开",
             lambda r: exporting().announce_export(self, exporting().export_pdf(self, r, folder(), self.settings)),
             True),
            ("打印预览(&V)…", None, "按 PDF 的版式预览每一页", lambda r: preview().print_preview(self, r, self.settings),
             True),
            ("打印(&P)…", QKeySequence.StandardKey.Print, "打印 PDF 的每一页",
             lambda r: preview().print_report(self, r, self.settings), True),
            # publishing on the unit's site, once the report is signed
            ("导出网页(&H)…", None, "导出为一个网页文件（.html），上传到政府信息公开专栏；在手机上也能阅读",
             lambda r: exporting().announce_export(self, publishing().export_html(self, r, folder())), False),
            ("复制网页内容(&C)", None, "复制报告的网页内容，粘贴到网站发布系统的编辑器中，表格保留合并的表头",
             copy_web_content, False),
            ("导出图解(&G)…", None, "把本年度的主要数字做成一张长图（PNG、SVG 或 PDF），与报告一同公开",
             lambda r: exporting().announce_export(self, publishing().export_infographic(self, r, folder())), False),
        )
        actions = []
        for text, shortcut, tip, run, on_toolbar in commands:
            action = self._action(text, lambda _checked=False, run=run: self._output(run), shortcut, tip)
            if actions and not on_toolbar and actions[-1] in toolbar.actions():  # publishing: a group of its own
                self.file_menu.insertSeparator(before)
            self.file_menu.insertAction(before, action)
            if on_toolbar:
                toolbar.addAction(action)
            actions.append(action)
        return actions

    def _output(self, run: Callable[[Report], object]) -> None:
        report = self.report_for_output()
        if report is not None:
            run(report)

    def open_find_bar(self) -> None:
        """查找 (Ctrl+F): the bar under the report, made the first time it is asked for."""
        from gui.editor.find_bar import FindBar

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

    def open_summary(self) -> None:
        """文件 › 汇总: the dashboard window (one per editor window), asking for the folder the first time."""
        from gui.summary.window import SummaryWindow  # openpyxl and the dashboard only when asked for

        if self.summary_window is None:
            self.summary_window = SummaryWindow(self)
        self.summary_window.show()
        self.summary_window.raise_()
        if self.summary_window.summary is None and not self.summary_window.is_reading():
            self.summary_window.choose_folder()

    def show_rule_help(self) -> None:
        """帮助 › 检查规则说明, at the rule of the finding selected in 检查结果 if there is one."""
        from gui.review.rule_help import RuleHelpDialog

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
        from model.version import application_version  # package metadata: only 关于 asks

        box.setText(f"<b>{APP_NAME}</b> 版本 {application_version()}<br>"
                    "按国办公开办函〔2021〕30号格式编写、检查政府信息公开工作年度报告。")
        box.setInformativeText(
            f"报告文件：{reports}\n\n"
            f"恢复副本（未保存的修改每分钟自动保存一次，不改动报告文件）：{self.recovery.directory}\n\n"
            f"设置（最近打开的文件、窗口位置）：{self.settings.fileName()}")
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # paths can be copied
        box.exec()

    # ------------------------------------------------------------ the document
    def set_document(self, document: EditableReport, needs_save: bool = False,
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

    # ------------------------------------------------------------ closing and geometry
    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        if self.recovery_slot is not None:
            self.recovery_slot.release()
            self.recovery_slot = None
        if self.document is not None and self.document.path is not None:  # reopened on the page she left
            self.settings.setValue(LAST_PAGE_FILE, str(self.document.path))
            self.settings.setValue(LAST_PAGE, self.editor.current_section())
        self._let_go_of_file()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/findings_width", self.findings_dock.width())
        self.settings.sync()
        event.accept()

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
