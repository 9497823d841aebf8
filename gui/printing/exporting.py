"""导出 Word and 导出 PDF as the main window calls them, and the questions every output asks first: a warning
when the report still has errors, and the optional pages (审核签发单, 自查表, “送审稿” watermark)."""
from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QProcess, QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFileDialog, QLabel, QMainWindow, QMessageBox,
                               QVBoxLayout, QWidget)

from export.pagestyle import ExportOptions
from model.report import Report
from model.findings import count_by_severity
from model.rules import check_report


# ---------------------------------------------------------------- questions before exporting or printing
def confirm_despite_errors(parent: QWidget | None, report: Report, action: str) -> bool:
    """True when the report has no errors, or the clerk chooses to go on anyway."""
    errors, _ = count_by_severity(check_report(report))
    if not errors:
        return True
    answer = QMessageBox.warning(
        parent, "报告还有错误",
        f"报告还有 {errors} 个错误（见右侧“检查结果”），这样的报告不宜送审或公开。\n\n仍要{action}吗？",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


# each optional page: its ExportOptions field, its name in the settings, its box in the dialog (in this order)
OPTIONAL_PAGES = (
    ("signoff_sheet", "signoff", "在报告前附“审核签发单”（含检查结果，供拟稿、审核、保密审查、签发签字）"),
    ("review_sheet", "review", "附“自查表”（逐项检查结果和出错说明，随审核签发单报领导）"),
    ("draft_watermark", "draft", "每页加“送审稿”水印（正式公开的文件不要勾选）"),
)


class ExportOptionsDialog(QDialog):
    """The optional pages: a sign-off sheet in front, a “送审稿” watermark on every page."""

    def __init__(self, parent: QWidget | None, action: str, remembered: ExportOptions = ExportOptions(),
                 note: str = ""):
        super().__init__(parent)
        self.setWindowTitle(action)
        layout = QVBoxLayout(self)
        self.note = QLabel(note)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #8a5a00;")
        self.note.setVisible(bool(note))
        layout.addWidget(self.note)
        layout.addWidget(QLabel("可选内容（这份报告下次导出、打印时沿用本次的选择）："))
        self.boxes = {field: QCheckBox(text) for field, _, text in OPTIONAL_PAGES}
        for field, box in self.boxes.items():
            box.setChecked(getattr(remembered, field))
            layout.addWidget(box)
        self.signoff, self.review, self.draft = self.boxes.values()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(action)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def options(self) -> ExportOptions:
        return ExportOptions(**{field: box.isChecked() for field, box in self.boxes.items()})


def ask_options(parent: QWidget | None, action: str, remembered: ExportOptions = ExportOptions(),
                note: str = "") -> ExportOptions | None:
    dialog = ExportOptionsDialog(parent, action, remembered, note)
    return dialog.options() if dialog.exec() == QDialog.DialogCode.Accepted else None


def _options_key(report: Report) -> str:
    return f"export_options/{file_name_for(report.title)}"


def remembered_options(settings: QSettings | None, report: Report) -> ExportOptions:
    """The optional pages last chosen for this report (none the first time)."""
    if settings is None:
        return ExportOptions()
    key = _options_key(report)
    return ExportOptions(**{field: settings.value(f"{key}/{name}", False, type=bool)
                            for field, name, _ in OPTIONAL_PAGES})


def prepare_output(parent: QWidget | None, report: Report, action: str,
             settings: QSettings | None = None) -> ExportOptions | None:
    if not confirm_despite_errors(parent, report, action):
        return None
    note = "" if report.published else \
        "注意：成文日期尚未填写（在“报告信息”中填写），这样输出的报告末尾没有署名和日期。"
    options = ask_options(parent, action, remembered_options(settings, report), note)
    if options is not None and settings is not None:
        for field, name, _ in OPTIONAL_PAGES:
            settings.setValue(f"{_options_key(report)}/{name}", getattr(options, field))
    return options


# ---------------------------------------------------------------- export
def export_error() -> type[Exception]:
    """The exporters' failure, imported with them: python-docx and reportlab load when the clerk first exports."""
    from export.files import ExportError

    return ExportError


def file_name_for(title: str) -> str:
    """The title as a file name Windows accepts (no \\ / : * ? " < > | or control characters)."""
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", title).strip(" .")
    return name or "年度报告"


def save_as(parent: QWidget | None, report: Report, action: str, formats: dict[str, str],
            save: Callable[[Report, Path, ExportOptions], None], directory: Path | None,
            options: ExportOptions = ExportOptions()) -> Path | None:
    """Ask where, then write: `formats` maps each suffix offered to its filter, the first one suggested; a name
    typed without one of them gets the suffix of the filter chosen."""
    suggested = str((directory or Path.home()) / f"{file_name_for(report.title)}{next(iter(formats))}")
    name, chosen = QFileDialog.getSaveFileName(parent, action, suggested, ";;".join(formats.values()))
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() not in formats:
        suffix = next((s for s, f in formats.items() if f == chosen), next(iter(formats)))
        path = Path(name + suffix)
    try:
        save(report, path, options)
    except export_error() as exc:
        QMessageBox.critical(parent, f"{action}失败", str(exc))
        return None
    return path


def _export(parent: QWidget | None, report: Report, action: str, suffix: str, file_filter: str,
            save: Callable[[Report, Path, ExportOptions], None], directory: Path | None,
            settings: QSettings | None) -> Path | None:
    options = prepare_output(parent, report, action, settings)
    if options is None:
        return None
    return save_as(parent, report, action, {suffix: file_filter}, save, directory, options)


def export_docx(parent: QWidget | None, report: Report, directory: Path | None = None,
                settings: QSettings | None = None) -> Path | None:
    """导出 Word: the path written, or None when the clerk cancelled or writing failed (already said)."""
    from export.files import save_docx

    return _export(parent, report, "导出 Word", ".docx", "Word 文档 (*.docx)", save_docx, directory, settings)


def export_pdf(parent: QWidget | None, report: Report, directory: Path | None = None,
               settings: QSettings | None = None) -> Path | None:
    """导出 PDF: the path written, or None when the clerk cancelled or writing failed (already said)."""
    from export.files import save_pdf

    return _export(parent, report, "导出 PDF", ".pdf", "PDF 文件 (*.pdf)", save_pdf, directory, settings)


class ExportedBox(QMessageBox):
    """After an export: where the file is, and the two things a clerk does next."""

    def __init__(self, parent: QWidget | None, path: Path) -> None:
        super().__init__(QMessageBox.Icon.Information, "导出完成", f"已导出到：\n{path}",
                         QMessageBox.StandardButton.NoButton, parent)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # the path can be copied
        self.open_file_button = self.addButton("打开文件", QMessageBox.ButtonRole.AcceptRole)
        self.open_folder_button = self.addButton("打开所在文件夹", QMessageBox.ButtonRole.ActionRole)
        self.close_button = self.addButton("关闭", QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.open_file_button)


def show_folder(path: Path) -> None:
    """The folder holding `path`, the file selected where the system can (Windows Explorer)."""
    if sys.platform == "win32":
        QProcess.startDetached("explorer", [f"/select,{path}"])
    else:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))


def announce_export(window: QWidget, path: Path | None) -> None:
    """Tell the clerk where the exported file is and offer to open it or its folder."""
    if path is None:
        return
    from export.fonts import substitution_note  # which 公文 faces the PDF had to replace on this machine

    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(f"已导出到 {path}", 30_000)
    box = ExportedBox(window, path)
    box.setInformativeText(substitution_note() if path.suffix.lower() == ".pdf" else "")
    box.exec()
    if box.clickedButton() is box.open_file_button:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
    elif box.clickedButton() is box.open_folder_button:
        show_folder(path)
