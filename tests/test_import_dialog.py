"""The 导入 dialog: the import report first, then the imported report or next year's made from it."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from conftest import FIXTURES
from gui.app import create_application
from gui.files.import_dialog import ImportReportDialog, import_report
from model.importers import import_file
from process_tree import linux_only, running, worker_pids

SEED_001 = FIXTURES / "seeds" / "001_869c2ba055e881c8.txt"


@pytest.fixture
def dialog(qtbot, tmp_path):
    # seed 001 with 规章's 本年制发件数 printed as a dash: read as 0, which no total of 表二 can confirm
    copy = tmp_path / SEED_001.name
    copy.write_text(SEED_001.read_text(encoding="utf-8").replace("| 规章 | 0 | 0 | 0 |", "| 规章 | — | 0 | 0 |"),
                    encoding="utf-8")
    create_application()
    dialog = ImportReportDialog(import_file(copy))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def group_texts(dialog):
    tree = dialog.tree
    groups = (tree.topLevelItem(i) for i in range(tree.topLevelItemCount()))
    return {group.text(0): [group.child(j) for j in range(group.childCount())] for group in groups}


def test_the_guess_is_listed_first_with_its_place_reason_and_raw_line(dialog):
    groups = group_texts(dialog)
    assert list(groups) == ["推测（1）", "无法读取（0）", "已读取（8）"]
    [guess] = groups["推测（1）"]
    assert guess.text(0) == "表二·规章·本年制发件数"  # the very cell: the official grid was read cell by cell
    assert "“—”，按 0 导入" in guess.text(1)
    assert guess.text(2) == "| 规章 | — | 0 | 0 |"
    assert guess.text(3) == "第 34 行"
    assert dialog.tree.currentItem() is guess
    assert "原文：| 规章 | — |" in dialog.detail.toPlainText()


def test_tabs_of_a_text_table_line_show_as_cell_borders(qtbot):
    create_application()
    dialog = ImportReportDialog(import_file(FIXTURES / "seeds" / "003_85f8403371cfae16.txt"))
    qtbot.addWidget(dialog)
    [read] = [items for title, items in group_texts(dialog).items() if title.startswith("已读取")]
    total = next(item for item in read if "（七）总计" in item.text(0))
    assert total.text(2) == "(七) 总计 │ 2 │ 0 │ 0 │ 0 │ 0 │ 0 │ 0 │ 2"


def test_open_gives_the_imported_report_as_it_printed_its_totals(dialog, qtbot):
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    choice = dialog.choice()
    assert choice.report.year == 2021 and choice.report.organ == "济源市人民政府"
    assert choice.report.sec4["counts"]["after_review_total"] == 4
    assert "（导入）" in choice.name and "1 处需要核对" in choice.message


def test_template_gives_next_years_report_with_last_years_carry_over(dialog, qtbot):
    assert dialog.year_box.value() == 2022
    dialog.year_box.setValue(2023)
    qtbot.mouseClick(dialog.template_button, Qt.MouseButton.LeftButton)
    choice = dialog.choice()
    assert choice.report.year == 2023
    assert choice.report.sec3["carried_in"]["total"] == 3  # last year's 四、结转下年度继续办理
    assert choice.report.sec2["normative_documents"]["in_force"] == 436
    assert choice.report.sec3["new"]["natural_person"] is None
    assert choice.report.last_year.year == 2021


def test_an_unreadable_file_is_explained_and_nothing_opens(qtbot, tmp_path, monkeypatch):
    create_application()
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append((title, text)))
    (tmp_path / "乱码.txt").write_bytes(bytes(range(256)) * 4)
    assert import_report(None, path=tmp_path / "乱码.txt") is None
    assert shown and shown[0][0] == "无法导入" and "无法导入" in shown[0][1]


def test_cancel_opens_nothing(qtbot, monkeypatch):
    create_application()
    monkeypatch.setattr(ImportReportDialog, "exec", lambda self: ImportReportDialog.DialogCode.Rejected)
    assert import_report(None, path=SEED_001) is None


def test_the_file_menu_imports_a_seed_into_the_editor_unsaved(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QDialog, QFileDialog

    from gui_fixtures import make_window
    from model.report import Report

    window = make_window(qtbot, tmp_path)
    window.show_untitled(Report(), "未命名")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(SEED_001), ""))

    def click_open(dialog):
        dialog._finish(as_template=False)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ImportReportDialog, "exec", click_open)
    assert window.import_action.text() == "导入(&I)…"
    window.import_action.trigger()
    assert window.document.report.organ == "济源市人民政府"
    assert window.document.report.sec4["counts"]["after_review_pending"] == 4
    assert window.needs_save and "导入" in window.windowTitle()


@linux_only
def test_a_slow_import_shows_progress_keeps_the_window_drawing_and_cancel_ends_its_process_at_once(
        qtbot, monkeypatch):
    import os
    import time

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

    from gui.files import import_dialog
    from model.bounded import run_in_child
    create_application()

    def slow_import(path, cancelled):  # a huge file being read, in the child process as every import is
        return run_in_child(time.sleep, 60, cancelled=cancelled)

    monkeypatch.setattr(import_dialog, "import_file_bounded", slow_import)
    seen = {}

    def press_cancel():
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]
        if not dialogs:
            QTimer.singleShot(50, press_cancel)  # the window's own timers still run: it is not frozen
            return
        seen["label"] = dialogs[0].labelText()
        seen["reading"] = worker_pids(os.getpid())
        [button] = [b for b in dialogs[0].findChildren(QPushButton) if b.text() == "取消"]
        button.click()

    QTimer.singleShot(0, press_cancel)
    started = time.monotonic()
    assert import_report(None, path=SEED_001) is None
    assert time.monotonic() - started < 5
    assert "正在读取“001_869c2ba055e881c8.txt”" in seen["label"]
    assert seen["reading"] and not any(running(pid) for pid in seen["reading"])


def test_a_refused_import_shows_its_sentence(qtbot, tmp_path, monkeypatch):
    from gui.files import import_dialog
    create_application()
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warnings.append(text))
    empty = tmp_path / "空.txt"
    empty.write_bytes(b"")
    assert import_dialog.import_report(None, path=empty) is None
    assert warnings == ["“空.txt”是空文件，里面没有报告内容。"]
