"""Export as the clerk does it: the options she chose last time for this report, then where the file went."""
from gui_fixtures import window  # noqa: F401 (fixture)
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog

from gui.printing import exporting, preview


def test_export_then_open_the_file_and_the_choices_come_back_next_time(qtbot, window, tmp_path, monkeypatch):
    target = tmp_path / "济源2021.pdf"
    monkeypatch.setattr(exporting.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    ticked = []

    def tick_signoff(dialog):
        ticked.append((dialog.signoff.isChecked(), dialog.draft.isChecked()))
        dialog.signoff.setChecked(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(exporting.ExportOptionsDialog, "exec", tick_signoff)
    told = []

    def open_the_file(box):
        told.append(box.text())
        box.open_file_button.click()
        return 0

    monkeypatch.setattr(exporting.ExportedBox, "exec", open_the_file)
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url))
    export_pdf = next(a for a in window.print_actions if a.text().startswith("导出 PDF"))

    export_pdf.trigger()
    assert target.stat().st_size > 0
    assert told == [f"已导出到：\n{target}"]
    assert window.statusBar().currentMessage() == f"已导出到 {target}"
    assert opened == [QUrl.fromLocalFile(str(target))]
    assert ticked == [(False, False)]

    export_pdf.trigger()  # the same report again: 审核签发单 is still ticked
    assert ticked == [(False, False), (True, False)]


def test_the_review_sheet_ticked_once_is_ticked_again_for_the_same_report(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setattr(exporting.QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))  # then cancels
    ticked = []

    def tick_review(dialog):
        ticked.append([box.isChecked() for box in (dialog.signoff, dialog.review, dialog.draft)])
        dialog.review.setChecked(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(exporting.ExportOptionsDialog, "exec", tick_review)
    export_pdf = next(a for a in window.print_actions if a.text().startswith("导出 PDF"))
    export_pdf.trigger()
    export_pdf.trigger()
    assert ticked == [[False, False, False], [False, True, False]]


def test_open_folder_shows_where_the_file_is(qtbot, window, tmp_path, monkeypatch):
    target = tmp_path / "out.docx"
    monkeypatch.setattr(exporting.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(exporting.ExportOptionsDialog, "exec", lambda dialog: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(exporting.ExportedBox, "exec", lambda box: box.open_folder_button.click() or 0)
    shown = []
    monkeypatch.setattr(exporting, "show_folder", shown.append)
    next(a for a in window.print_actions if a.text().startswith("导出 Word")).trigger()
    assert shown == [target]


def test_print_preview_opens_with_the_page_across_the_window_and_the_toolbar_saying_so(qtbot):
    from PySide6.QtGui import QAction
    from PySide6.QtPrintSupport import QPrintPreviewWidget

    from export.pdf import pdf_bytes
    from helpers import sample_report
    report = sample_report()
    dialog = preview.preview_dialog(None, report, pdf_bytes(report))
    qtbot.addWidget(dialog)
    dialog.show()
    widget = dialog.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: widget.pageCount() > 0, timeout=10000)
    assert widget.zoomMode() == QPrintPreviewWidget.ZoomMode.FitToWidth
    pressed = {action.objectName() for action in dialog.findChildren(QAction) if action.isChecked()}
    assert "fitWidthAction" in pressed and "fitPageAction" not in pressed  # the 适合宽度 button, not 适合页面
    assert dialog.width() >= 0.95 * dialog.screen().availableGeometry().width()


def test_exporting_without_a_date_says_the_signature_will_be_missing(qtbot, window, tmp_path, monkeypatch):
    import datetime as dt
    monkeypatch.setattr(exporting.QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))  # then cancels
    notes = []

    def read_note(dialog):
        notes.append(dialog.note.text() if not dialog.note.isHidden() else "")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(exporting.ExportOptionsDialog, "exec", read_note)
    export_pdf = next(a for a in window.print_actions if a.text().startswith("导出 PDF"))
    export_pdf.trigger()
    assert notes == ["注意：成文日期尚未填写（在“报告信息”中填写），这样输出的报告末尾没有署名和日期。"]
    window.document.set_meta("published", dt.date(2022, 1, 20))
    export_pdf.trigger()
    assert notes[1] == ""
