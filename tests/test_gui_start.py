"""Where the clerk starts: the start page the first time, her own report after that, the sample only on request."""
import datetime as dt
import os
import subprocess
import sys

from gui_fixtures import SAMPLE, answers, forget_changes, launch, shown  # noqa: F401 (fixtures)
from PySide6.QtCore import Qt

from gui.app import create_application
from model.fileio import load_report, save_report
from model.report import reporting_year


def quit(window) -> None:
    forget_changes(window)
    assert window.close()


def test_the_first_launch_shows_the_start_page_not_the_sample(qtbot, tmp_path):
    window = launch(qtbot, tmp_path)
    assert window.central.currentWidget() is window.start_page
    assert window.windowTitle() == "年报编辑器"
    assert window.document is None
    assert not window.save_action.isEnabled() and not window.print_actions[0].isEnabled()
    page = window.start_page
    assert [b.text() for b in (page.new_button, page.carry_over_button, page.open_button, page.sample_button)] == [
        "新建本年度报告", "以上年报告为模板新建…", "打开…", "查看示例报告"]
    assert page.recent.item(0).text() == "（还没有打开过报告）"


def test_new_from_the_start_page_is_the_year_being_reported_on(qtbot, tmp_path):
    window = launch(qtbot, tmp_path)
    qtbot.mouseClick(window.start_page.new_button, Qt.MouseButton.LeftButton)
    assert window.document.report.year == reporting_year(dt.date.today())
    assert window.editor.meta_page.year.text() == f"{reporting_year(dt.date.today())} 年"
    assert window.save_action.isEnabled()


def test_the_reporting_year_follows_the_drafting_season():
    assert reporting_year(dt.date(2026, 12, 2)) == 2026  # December: this year's report is being drafted
    assert reporting_year(dt.date(2027, 1, 20)) == 2026  # published by 31 January
    assert reporting_year(dt.date(2027, 3, 31)) == 2026


def test_the_sample_opens_from_the_start_page_and_from_help(qtbot, tmp_path, answers):
    window = launch(qtbot, tmp_path)
    qtbot.mouseClick(window.start_page.sample_button, Qt.MouseButton.LeftButton)
    assert window.windowTitle().startswith("示例报告")
    assert window.document.report.organ == "济源市人民政府"
    window.new_report()
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "帮助(&H)")
    sample = next(a for a in help_menu.actions() if a.text() == "查看示例报告(&S)")
    sample.trigger()
    assert window.document.report.organ == "济源市人民政府"


def test_a_restart_goes_on_with_the_report_she_worked_on(qtbot, tmp_path):
    report_file = tmp_path / "教育局2022.json"
    report = load_report(SAMPLE)
    report.organ = "某县教育局"
    save_report(report, report_file)
    first = launch(qtbot, tmp_path, str(report_file))
    assert first.document.path == report_file
    quit(first)

    again = launch(qtbot, tmp_path)
    assert again.document.path == report_file
    assert again.windowTitle().startswith("教育局2022.json")
    assert shown(again, "sec3", "total", "total") == "163"


def test_a_report_moved_away_leaves_the_start_page_with_it_greyed_out(qtbot, tmp_path):
    report_file = tmp_path / "2022.json"
    save_report(load_report(SAMPLE), report_file)
    quit(launch(qtbot, tmp_path, str(report_file)))
    report_file.unlink()

    window = launch(qtbot, tmp_path)
    assert window.central.currentWidget() is window.start_page
    item = window.start_page.recent.item(0)
    assert item.text() == f"2022.json（已不在原处）\n{tmp_path}"
    assert not item.flags() & Qt.ItemFlag.ItemIsEnabled


def test_a_recent_report_opens_from_the_start_page(qtbot, tmp_path):
    report_file = tmp_path / "2022.json"
    save_report(load_report(SAMPLE), report_file)
    quit(launch(qtbot, tmp_path, str(report_file)))
    window = launch(qtbot, tmp_path / "elsewhere")
    window.settings.setValue("recent_files", [str(report_file)])
    window.show_start_page()
    page = window.start_page
    page.recent.setCurrentRow(0)
    qtbot.keyClick(page.recent, Qt.Key.Key_Return)
    assert window.document.path == report_file


def test_the_file_dialogs_are_all_in_chinese(qtbot):
    from PySide6.QtWidgets import QFileDialog, QLabel
    create_application()
    dialog = QFileDialog(None, "打开报告", str(SAMPLE.parent), "年报文件 (*.json)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)  # the dialog Linux desktops get
    qtbot.addWidget(dialog)
    labels = {label.text() for label in dialog.findChildren(QLabel) if label.text()}
    assert {"查找范围(&L)：", "文件名称(&N)：", "文件类型(&T)："} <= labels
    assert not [text for text in labels if text.isascii()]


def test_a_second_copy_starts_on_the_start_page_when_the_last_report_is_open_in_the_first(qtbot, tmp_path):
    report_file = tmp_path / "2022.json"
    save_report(load_report(SAMPLE), report_file)
    first = launch(qtbot, tmp_path, str(report_file))
    assert first.document.path == report_file
    second = launch(qtbot, tmp_path)  # asks nothing about the file the first window holds
    assert second.central.currentWidget() is second.start_page


def test_opening_a_report_leaves_printing_export_import_and_unopened_pages_unloaded(tmp_path):
    """What the first screen does not show loads when first used, so the editor opens quickly
    (bench/bench_startup.py): a fresh process, as the clerk starts the program."""
    report_file = tmp_path / "2021.json"
    save_report(load_report(SAMPLE), report_file)
    code = f"""
import sys; sys.path.insert(0, {str(SAMPLE.parent.parent)!r})
import main
from pathlib import Path
from PySide6.QtCore import QSettings
from gui.app import create_application, open_window
from gui.files.recovery import RecoveryStore
app = create_application()
settings = QSettings({str(tmp_path / "settings.ini")!r}, QSettings.Format.IniFormat)
window = open_window({str(report_file)!r}, Path({str(SAMPLE)!r}), settings, RecoveryStore(Path({str(tmp_path / "recovery")!r})))
app.processEvents()
assert window.document.path == Path({str(report_file)!r})
print(" ".join(sys.modules))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert done.returncode == 0, done.stderr
    loaded = set(done.stdout.split())
    assert not loaded & {"gui.printing.exporting", "gui.printing.preview", "PySide6.QtPrintSupport", "gui.files.import_dialog", "model.importers", "export.files",
                         "docx", "reportlab", "pdfplumber", "pypdfium2", "openpyxl", "gui.summary.window",
                         "gui.editor.find_bar", "gui.editor.table_view", "gui.editor.narrative_editor"}
