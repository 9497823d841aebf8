"""Two editor windows (and two running copies of the editor) never take each other's recovery copy."""
import subprocess
import sys
from decimal import Decimal

from PySide6.QtWidgets import QMessageBox

from gui.files.recovery import RecoveryStore
from gui_fixtures import (SAMPLE, answers, crash, launch, make_window, plant_recovery_copy,  # noqa: F401
                          shown, type_into_cell, window_with_unsaved_work)
from model.fileio import load_report, save_report
from model.processes import this_host


def start_window(qtbot, tmp_path):
    """What `python main.py` does: a window that first looks for work left by a crash."""
    window = launch(qtbot, tmp_path)
    if window.document is None:  # the start page (the last report is open in the other window): the sample
        window.open_sample()
    return window


def test_a_second_window_is_not_offered_the_first_ones_work_and_cannot_throw_it_away(qtbot, tmp_path, answers):
    report_file = tmp_path / "report.json"
    save_report(load_report(SAMPLE), report_file)
    first = window_with_unsaved_work(qtbot, tmp_path, report_file)

    second = start_window(qtbot, tmp_path)  # asks nothing: `answers` fails on any question
    assert answers.questions == []
    type_into_cell(qtbot, second, "sec3", "granted", "natural_person", "7")
    assert second.autosave()
    second.document.undo_stack.setClean()
    second.needs_save = False
    second.close()  # closing removes the second window's own copy only
    assert first.recovery_slot.exists()

    crash(first)
    answers.queue = [QMessageBox.StandardButton.Yes]
    third = start_window(qtbot, tmp_path)
    assert len(answers.questions) == 1 and str(report_file) in answers.questions[0]
    assert shown(third, "sec3", "granted", "natural_person") == "90"
    assert third.document.path == report_file


def test_two_crashed_windows_leave_two_copies_each_offered(qtbot, tmp_path, answers):
    older, newer = load_report(SAMPLE), load_report(SAMPLE)
    older.organ, newer.organ = "某县教育局", "某县财政局"
    store = RecoveryStore(tmp_path / "recovery")
    plant_recovery_copy(store, older, None)
    plant_recovery_copy(store, newer, tmp_path / "财政局.json")
    answers.queue = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    window = start_window(qtbot, tmp_path)
    assert len(answers.questions) == 2
    assert {"某县教育局" in q for q in answers.questions} == {True, False}
    taken = older if "某县教育局" in answers.questions[1] else newer  # the one answered 是
    assert window.document.report.organ == taken.organ
    assert len(store.orphans()) == 0  # one declined and removed, the other taken by the window


def test_a_copy_owned_by_another_running_editor_is_not_offered_until_it_ends(tmp_path):
    store = RecoveryStore(tmp_path / "recovery")
    slot = plant_recovery_copy(store, load_report(SAMPLE), None)
    other_editor = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        slot.lock_path.write_text(f"{other_editor.pid} {this_host()}", encoding="utf-8")
        assert store.orphans() == []
    finally:
        other_editor.kill()
        other_editor.wait(timeout=30)
    assert [s.key for s in store.orphans()] == [slot.key]


def test_a_report_opened_by_a_relative_path_is_recovered_to_its_own_folder(qtbot, tmp_path, answers, monkeypatch):
    folder = tmp_path / "单位"
    folder.mkdir()
    save_report(load_report(SAMPLE), folder / "2021.json")
    monkeypatch.chdir(folder)
    crashed = window_with_unsaved_work(qtbot, tmp_path, "2021.json")
    crash(crashed)

    monkeypatch.chdir(tmp_path)  # started again from elsewhere
    answers.queue = [QMessageBox.StandardButton.Yes]
    restarted = start_window(qtbot, tmp_path)
    assert restarted.document.path == folder / "2021.json"
    assert restarted.save()
    assert load_report(folder / "2021.json").sec3["granted"]["natural_person"] == Decimal(90)
    assert not (tmp_path / "2021.json").exists()


def test_turning_to_another_report_removes_the_window_s_copy_and_lock(qtbot, tmp_path, answers):
    window = window_with_unsaved_work(qtbot, tmp_path, SAMPLE)
    old = window.recovery_slot
    answers.queue = [QMessageBox.StandardButton.Discard]
    window.new_report()
    assert not old.exists() and not old.lock_path.exists()
    assert window.recovery_slot.lock_path.exists()


# ---------------------------------------------------------------- one report file open in two places
def saved_sample(tmp_path, organ="济源市人民政府"):
    path = tmp_path / "2021.json"
    report = load_report(SAMPLE)
    report.organ = organ
    save_report(report, path)
    return path


def choose_save_target(monkeypatch, path):
    from PySide6.QtWidgets import QFileDialog
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), "年报文件 (*.json)"))


def test_a_report_open_in_another_window_opens_read_only_and_is_saved_elsewhere(qtbot, tmp_path, answers,
                                                                                monkeypatch):
    path = saved_sample(tmp_path)
    first = make_window(qtbot, tmp_path)
    assert first.open_report(path)
    second = make_window(qtbot, tmp_path)
    answers.queue = [QMessageBox.StandardButton.Yes]
    assert second.open_report(path)
    assert "“2021.json”已在本机的另一个窗口" in answers.questions[0] and "只读" in answers.questions[0]
    assert "（只读）" in second.windowTitle()

    type_into_cell(qtbot, second, "sec3", "granted", "natural_person", "90")
    copy = tmp_path / "副本.json"
    choose_save_target(monkeypatch, copy)
    assert second.save()  # 保存 of a read-only report asks for another file
    assert load_report(path).sec3["granted"]["natural_person"] == Decimal(83)
    assert load_report(copy).sec3["granted"]["natural_person"] == Decimal(90)
    assert not second.read_only and "（只读）" not in second.windowTitle()


def test_cancel_leaves_the_report_unopened(qtbot, tmp_path, answers):
    path = saved_sample(tmp_path)
    first = make_window(qtbot, tmp_path)
    first.open_report(path)
    second = start_window(qtbot, tmp_path)
    answers.queue = [QMessageBox.StandardButton.Cancel]
    assert not second.open_report(path)
    assert second.document.path is None


def test_saving_over_a_file_changed_on_disk_asks_first(qtbot, tmp_path, answers):
    path = saved_sample(tmp_path)
    first = make_window(qtbot, tmp_path)
    first.open_report(path)
    second = make_window(qtbot, tmp_path)
    answers.queue = [QMessageBox.StandardButton.No]  # edit anyway
    second.open_report(path)

    type_into_cell(qtbot, first, "sec3", "granted", "natural_person", "90")
    assert first.save()
    type_into_cell(qtbot, second, "sec3", "granted", "natural_person", "7")
    answers.queue = [QMessageBox.StandardButton.Cancel]
    assert not second.save()
    assert "已被其他程序或窗口修改" in answers.questions[-1]
    assert load_report(path).sec3["granted"]["natural_person"] == Decimal(90)  # the first window's work stands

    answers.queue = [QMessageBox.StandardButton.Yes]
    assert second.save()
    assert load_report(path).sec3["granted"]["natural_person"] == Decimal(7)
    assert load_report(path.with_name("2021.json.bak")).sec3["granted"]["natural_person"] == Decimal(90)


def test_saving_as_a_file_open_in_another_window_is_refused(qtbot, tmp_path, answers, monkeypatch):
    path = saved_sample(tmp_path, organ="甲县人民政府")
    first = make_window(qtbot, tmp_path)
    first.open_report(path)
    second = make_window(qtbot, tmp_path)
    second.show_untitled(load_report(SAMPLE))
    choose_save_target(monkeypatch, path)
    assert not second.save_as()
    assert "已在本机的另一个窗口" in answers.warnings[0] and "不能覆盖" in answers.warnings[0]
    assert load_report(path).organ == "甲县人民政府"


def test_a_lock_of_another_running_editor_is_told_and_a_lock_left_by_a_crash_is_not(qtbot, tmp_path, answers):
    from model.filelock import lock_path
    path = saved_sample(tmp_path)
    other_editor = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        lock_path(path).write_text(f"{other_editor.pid}\n{this_host()}\n张三\n2022-01-20 09:00\n", encoding="utf-8")
        window = make_window(qtbot, tmp_path)
        answers.queue = [QMessageBox.StandardButton.Cancel]
        assert not window.open_report(path)
        assert "本机另一个正在运行的年报编辑器（用户“张三”）自 2022-01-20 09:00 起打开" in answers.questions[0]
    finally:
        other_editor.kill()
        other_editor.wait(timeout=30)
    assert window.open_report(path)  # its editor has gone: nothing asked
    assert len(answers.questions) == 1 and not window.read_only
    window.close()
    assert not lock_path(path).exists()


def test_the_copy_an_earlier_version_left_after_a_crash_is_still_offered(qtbot, tmp_path, answers):
    folder = tmp_path / "recovery"
    folder.mkdir()
    report = load_report(SAMPLE)
    report.organ = "某县教育局"
    save_report(report, folder / "autosave.json")  # the one recovery file of earlier versions, without a lock
    (folder / "autosave-origin.txt").write_text(str(tmp_path / "教育局.json"), encoding="utf-8")
    answers.queue = [QMessageBox.StandardButton.Yes]
    window = start_window(qtbot, tmp_path)
    assert "某县教育局" in answers.questions[0]
    assert window.document.path == tmp_path / "教育局.json"
