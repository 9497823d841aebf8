"""The editor window's file commands: 新建, 打开, 保存, 另存为, 导入, 以上年报告为模板新建 and the report chosen
for the year-over-year checks; the report file held (locked) while it is open for editing."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from gui import APP_NAME
from gui.editor.document import EditableReport
from gui.editor.report_editor import PAGE_TITLES
from model.carryover import new_from_last_year
from model.fileio import ReportFileError, backup_path, load_report, save_report
from model.filelock import ReportLock, disk_stamp, open_elsewhere
from model.filetype import EXTENSION, patterns, with_report_extension
from model.report import FIRST_YEAR, LAST_YEAR, LastYear, Report, reporting_year

if TYPE_CHECKING:
    from gui.files.import_dialog import ImportChoice

FILE_FILTER = f"年报文件 ({patterns()});;所有文件 (*)"
# the report last closed and the page it was on (报告信息, a section, a table), in the settings
LAST_PAGE_FILE = "window/last_page_file"
LAST_PAGE = "window/last_page"


def importable(path: Path) -> bool:
    """A published report 导入 reads (Word, PDF, web page …); model.importers loads when a file is chosen."""
    from model.importers import SUFFIXES

    return path.suffix.lower() in SUFFIXES


def last_year_filter() -> str:
    from model.importers import SUFFIXES

    return f"上年的报告 ({patterns()} {' '.join('*' + s for s in SUFFIXES)});;{FILE_FILTER}"


class FileCommands:
    """Mixed into the editor window (gui.main_window.EditorWindow), whose document, settings and messages these
    commands use."""

    def open_sample(self) -> None:
        if self.maybe_save():
            report = self._load_or_warn(self.sample)
            if report is not None:
                self.show_untitled(report, "示例报告")

    def import_dialog(self) -> None:
        """文件 › 导入: asks to save the current report first, then imports and opens."""
        from gui.files import import_dialog

        if self.maybe_save():
            choice = import_dialog.import_report(self, self._dialog_folder())
            if choice is not None:
                self.open_imported(choice)

    def open_imported(self, choice: ImportChoice) -> None:
        self.show_untitled(choice.report, choice.name, needs_save=True)
        self.show_message(choice.message)

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
        self.set_document(EditableReport(report, path))
        if self.settings.value(LAST_PAGE_FILE) == str(path):
            self._show_page_left(str(self.settings.value(LAST_PAGE, "")))
        self._hold_file(path, read_only)
        self._remember_recent(path)
        self.show_message(f"已打开 {path.name}" + ("（只读：保存时请另存为其他文件）" if read_only else "")
                          + "".join(f"；{note}" for note in report.opening_notes))
        return True

    def _show_page_left(self, section: str) -> None:
        if section in (key for key, _title in PAGE_TITLES):
            self.editor.show_section(section)

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
        self.set_document(EditableReport(report, path), needs_save=True)
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
        from gui.files import import_dialog

        choice = import_dialog.import_report(self, path=path)
        if choice is None:
            return False
        self.open_imported(choice)
        return True

    def show_untitled(self, report: Report, name: str = "未命名", needs_save: bool = False) -> None:
        self.untitled_name = name
        self.set_document(EditableReport(report, None), needs_save=needs_save)

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
        from gui.printing.exporting import file_name_for

        suggested = str(Path(self._dialog_folder()) / f"{file_name_for(self.document.report.title)}{EXTENSION}")
        path, _ = QFileDialog.getSaveFileName(self, "另存为", suggested, FILE_FILTER)
        if not path:
            return False
        return self._write(with_report_extension(path))

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
        """Last year's report as the clerk has it — our own file, or the published Word, PDF, web page, Excel or
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
            from gui.files import import_dialog

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
        """Last year's report for the year-over-year checks: our own file, or the published file, imported."""
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
            from gui.files import import_dialog

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

    def _dialog_folder(self) -> str:
        if self.document is not None and self.document.path is not None:
            return str(self.document.path.parent)
        recent = self.recent_files()
        if recent:
            return str(Path(recent[0]).parent)
        return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
