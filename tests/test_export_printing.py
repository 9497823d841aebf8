"""导出 Word / 导出 PDF / 打印预览 / 打印 in the editor (message boxes and file dialogs patched)."""
import io
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import QDialog, QMessageBox

from export.pagestyle import ExportOptions
from export.pdf import pdf_bytes
from gui.printing import exporting, preview
from gui_fixtures import make_window
from helpers import filled_report, sample_report
from model.fileio import save_report
from model.totals import recompute_all


@pytest.fixture
def answers(monkeypatch):
    """What the clerk answers: the error warning, the options dialog and the save dialog."""
    state = {"go_on": True, "options": ExportOptions(), "save_as": "", "warned": [], "failed": []}

    def warning(parent, title, text, *args):
        state["warned"].append(text)
        return QMessageBox.StandardButton.Yes if state["go_on"] else QMessageBox.StandardButton.No

    monkeypatch.setattr(exporting.QMessageBox, "warning", warning)
    monkeypatch.setattr(exporting.QMessageBox, "critical", lambda parent, title, text: state["failed"].append(text))
    monkeypatch.setattr(exporting, "ask_options", lambda parent, action, remembered=None, note="": state["options"])
    monkeypatch.setattr(exporting.QFileDialog, "getSaveFileName", lambda *a, **k: (state["save_as"], ""))
    return state


def report_with_error():
    report = filled_report()
    report.sec3["new"]["natural_person"] = Decimal(2)  # received, never handled: E1
    recompute_all(report)
    return report


def test_export_pdf_writes_the_file_with_the_chosen_options(qtbot, answers, tmp_path):
    answers["save_as"] = str(tmp_path / "年报")  # no suffix typed: .pdf is added
    answers["options"] = ExportOptions(signoff_sheet=True)
    path = exporting.export_pdf(None, sample_report())
    assert path == tmp_path / "年报.pdf"
    assert "审核签发单" in PdfReader(str(path)).pages[0].extract_text()
    assert answers["warned"] == []  # the sample has warnings only


def test_a_report_with_errors_is_exported_only_after_the_clerk_agrees(qtbot, answers, tmp_path):
    answers["save_as"] = str(tmp_path / "r.docx")
    answers["go_on"] = False
    assert exporting.export_docx(None, report_with_error()) is None
    assert "报告还有 2 个错误" in answers["warned"][0]  # E1 on 自然人 and on 总计
    assert not (tmp_path / "r.docx").exists()
    answers["go_on"] = True
    assert exporting.export_docx(None, report_with_error()) == tmp_path / "r.docx"
    assert (tmp_path / "r.docx").stat().st_size > 0


def test_a_cancelled_save_dialog_writes_nothing(qtbot, answers, tmp_path):
    answers["save_as"] = ""
    assert exporting.export_pdf(None, sample_report(), directory=tmp_path) is None
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_is_told_in_a_sentence(qtbot, answers, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    answers["save_as"] = str(blocker / "r.pdf")
    assert exporting.export_pdf(None, sample_report()) is None
    assert "无法在" in answers["failed"][0]


def test_preview_shows_exactly_the_pages_of_the_pdf(qtbot):
    report = sample_report()
    pdf = pdf_bytes(report, ExportOptions(signoff_sheet=True))
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    dialog = preview.preview_dialog(None, report, pdf)
    qtbot.addWidget(dialog)
    dialog.show()
    widget = dialog.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: widget.pageCount() == pages, timeout=10000)
    assert widget.pageCount() == pages == 7


PREVIEW_LAUNCH = Path(__file__).resolve().parent / "preview_launch.py"
A4_POINTS_WIDE = 595.3
BODY_POINTS = 16  # 三号


def preview_on(folder: Path, width: int, height: int, ratio: float) -> dict:
    """The preview as tests/preview_launch.py measures it on an offscreen screen of that size and ratio."""
    config = folder / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "screen", "x": 0, "y": 0, "width": width, "height": height,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": ratio}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")
    done = subprocess.run([sys.executable, str(PREVIEW_LAUNCH)], env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_on_an_office_screen_the_preview_fills_it_with_the_page_width_and_body_text_reads_as_on_paper(tmp_path):
    """1366×768: the page across the screen sets 三号 body text at about 32 pixels; the whole page in the
    window's height would set it at 13."""
    seen = preview_on(tmp_path, 1366, 768, 1)
    dialog, screen = seen["dialog"], seen["screen"]
    assert dialog[2] >= 0.98 * screen[2] and dialog[3] >= 0.98 * screen[3]
    assert seen["pressed"] == ["fitWidthAction"]
    assert seen["page_width"] >= 0.85 * seen["view_width"]
    body_pixels = seen["page_width"] * BODY_POINTS / A4_POINTS_WIDE
    assert body_pixels >= BODY_POINTS * 96 / 72  # at least its printed size on a 96 dpi screen


def test_on_a_high_dpi_screen_the_preview_has_a_pixel_of_the_page_for_every_pixel_of_the_screen(tmp_path):
    """A 4K monitor at 200 %: the page across the window is about 3500 of the screen's pixels wide, more
    than a page drawn at the 300 dpi of print has (2480); it is drawn with at least as many."""
    seen = preview_on(tmp_path, 1920, 1080, 2)
    shown = seen["page_width"] * seen["ratio"]
    assert shown > 2480
    assert min(seen["drawn_widths"]) >= shown


def test_page_images_are_a4_with_the_title_dark_on_white(qtbot):
    images = preview.render_page_images(pdf_bytes(sample_report()), 72)
    assert len(images) == len(PdfReader(io.BytesIO(pdf_bytes(sample_report()))).pages)
    first = images[0]
    assert abs(first.width() - 595) <= 1 and abs(first.height() - 842) <= 1  # A4 in points
    title_row = 37 * 72 / 25.4 + 11  # inside the title's first line
    darkest = min(first.pixelColor(x, int(title_row)).lightness() for x in range(100, 500))
    assert darkest < 100
    assert first.pixelColor(20, 20).lightness() == 255  # the margin stays white


def test_print_paints_every_page_on_the_printer(qtbot, answers, monkeypatch, tmp_path):
    monkeypatch.setattr(preview.QPrintDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    original = preview.new_a4_printer

    def printer_to_file(title):
        printer = original(title)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "printed.pdf"))
        return printer

    monkeypatch.setattr(preview, "new_a4_printer", printer_to_file)
    answers["options"] = ExportOptions(draft_watermark=True)
    assert preview.print_report(None, sample_report())
    printed = PdfReader(str(tmp_path / "printed.pdf"))
    assert len(printed.pages) == len(PdfReader(io.BytesIO(pdf_bytes(sample_report()))).pages)


def test_options_dialog_returns_what_was_ticked(qtbot):
    dialog = exporting.ExportOptionsDialog(None, "导出 PDF")
    qtbot.addWidget(dialog)
    dialog.draft.setChecked(True)
    assert dialog.options() == ExportOptions(signoff_sheet=False, draft_watermark=True)
    dialog.review.setChecked(True)
    assert dialog.options() == ExportOptions(draft_watermark=True, review_sheet=True)
    assert "自查表" in dialog.review.text()


def test_the_suggested_file_name_is_the_title_without_characters_windows_refuses(qtbot, answers, monkeypatch,
                                                                                tmp_path):
    asked = {}
    monkeypatch.setattr(exporting.QFileDialog, "getSaveFileName",
                        lambda parent, caption, suggested, filters: asked.setdefault("name", suggested) and ("", ""))
    report = sample_report()
    report.title_override = "济源市/示范区2021年报告:初稿"
    exporting.export_docx(None, report, directory=tmp_path)
    assert asked["name"] == str(tmp_path / "济源市_示范区2021年报告_初稿.docx")


def test_the_four_actions_are_in_the_windows_toolbar_and_act_on_the_open_report(qtbot, monkeypatch, tmp_path):
    window = make_window(qtbot, tmp_path)
    calls = []
    monkeypatch.setattr(exporting, "export_pdf",
                        lambda parent, report, folder, settings: calls.append(("pdf", report, folder)))
    monkeypatch.setattr(exporting, "announce_export", lambda window, path: None)
    monkeypatch.setattr(preview, "print_preview", lambda parent, report, settings: calls.append(("preview", report)))
    toolbar = [a.text() for a in window.toolbar.actions() if not a.isSeparator()]
    assert toolbar[-4:] == ["导出 Word(&W)…", "导出 PDF(&D)…", "打印预览(&V)…", "打印(&P)…"]
    export_pdf_action, preview_action = window.print_actions[1:3]
    export_pdf_action.trigger()
    assert calls == []  # the start page: nothing open, nothing to export
    save_report(sample_report(), tmp_path / "2021.json")
    window.open_report(tmp_path / "2021.json")
    export_pdf_action.trigger()
    preview_action.trigger()
    assert calls == [("pdf", window.document.report, tmp_path), ("preview", window.document.report)]


def test_print_preview_opens_on_the_pdf_unless_the_clerk_stops_at_the_error_warning(qtbot, answers, monkeypatch):
    shown = []

    def record_pages(dialog):
        widget = dialog.findChild(QPrintPreviewWidget)
        widget.updatePreview()
        shown.append(widget.pageCount())
        return 0

    monkeypatch.setattr(preview.QPrintPreviewDialog, "exec", record_pages)
    answers["options"] = ExportOptions(signoff_sheet=True)
    assert preview.print_preview(None, sample_report())
    assert shown == [len(PdfReader(io.BytesIO(pdf_bytes(sample_report(), answers["options"]))).pages)]
    answers["go_on"] = False
    assert not preview.print_preview(None, report_with_error())
    assert len(shown) == 1


def test_after_a_pdf_export_the_box_names_the_faces_the_pdf_replaced(qtbot, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QMainWindow

    import export.fonts

    window = QMainWindow()
    qtbot.addWidget(window)
    note = "本机缺少公文字体，PDF 中以文鼎PL简报宋代替仿宋_GB2312。"
    monkeypatch.setattr(export.fonts, "substitution_note", lambda: note)
    told = []
    monkeypatch.setattr(exporting.ExportedBox, "exec", lambda box: told.append(box.informativeText()) or 0)
    exporting.announce_export(window, tmp_path / "年报.pdf")
    exporting.announce_export(window, tmp_path / "年报.docx")  # Word names the 公文 faces whatever this machine has
    assert told == [note, ""]
