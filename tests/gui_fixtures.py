"""Shared pieces of the GUI tests: a real editor window with its settings and recovery folder in tmp_path."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QMessageBox

from gui.app import create_application, open_window
from gui.main_window import EditorWindow
from gui.files.recovery import RecoverySlot, RecoveryStore
from model import filelock
from model.fileio import load_report
from model.processes import this_host

SAMPLE = Path(__file__).resolve().parent.parent / "resources" / "sample_report.json"


def make_window(qtbot, folder: Path, **kwargs) -> EditorWindow:
    create_application()
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = EditorWindow(settings, RecoveryStore(folder / "recovery"), **kwargs)
    qtbot.addWidget(window, before_close_func=forget_changes)
    window.resize(1500, 950)
    window.show()
    qtbot.waitExposed(window)
    return window


def launch(qtbot, folder: Path, path: str | None = None, store: RecoveryStore | None = None) -> EditorWindow:
    """What `python main.py [path]` does: the window that opens `path`, else the last report or the start page,
    after offering work a crash left in the recovery store."""
    create_application()
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = open_window(path, SAMPLE, settings, store or RecoveryStore(folder / "recovery"))
    qtbot.addWidget(window, before_close_func=forget_changes)
    return window


def window_with_unsaved_work(qtbot, folder: Path, report_file) -> EditorWindow:
    """A window holding `report_file` with 90 typed into 表三 (一)予以公开 · 自然人, its recovery copy written."""
    window = make_window(qtbot, folder)
    window.open_report(report_file)
    type_into_cell(qtbot, window, "sec3", "granted", "natural_person", "90")
    assert window.autosave()
    return window


def ended_process_id() -> int:
    """The id of a process that has ended: the owner of a copy left by a crash."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait(timeout=60)
    return child.pid


def crash(window: EditorWindow) -> None:
    """The window's process dies: no close, no question; its locks name a process that is gone."""
    window.autosave_timer.stop()
    window.hide()
    gone = ended_process_id()
    window.recovery_slot.lock_path.write_text(f"{gone} {this_host()}", encoding="utf-8")
    if window.file_lock is not None:
        lock_file = filelock.lock_path(window.file_lock.report)
        lock_file.write_text(lock_file.read_text(encoding="utf-8").replace(str(os.getpid()), str(gone), 1),
                             encoding="utf-8")
        filelock._HELD_HERE.discard(window.file_lock.report)  # what the process held ended with it


def plant_recovery_copy(store: RecoveryStore, report, origin: Path | None) -> RecoverySlot:
    """A recovery copy left behind by an editor that crashed."""
    slot = store.new_slot()
    slot.save(report, origin)
    slot.lock_path.write_text(f"{ended_process_id()} {this_host()}", encoding="utf-8")
    return slot


def forget_changes(window: EditorWindow) -> None:
    """Test teardown closes the window: nothing left to ask about."""
    if window.document is not None:
        window.needs_save = False
        window.document.undo_stack.setClean()


@pytest.fixture
def window(qtbot, tmp_path) -> EditorWindow:
    window = make_window(qtbot, tmp_path)
    window.show_untitled(load_report(SAMPLE), "示例报告")
    return window


def table_page(window: EditorWindow, key: str):
    window.editor.show_section(key)
    return window.editor.tables[key]


def shown(window: EditorWindow, table: str, row: str, col: str) -> str:
    """The text the clerk sees in a cell."""
    page = window.editor.tables[table]
    return page.model.index_of(row, col).data()


def type_into_cell(qtbot, window: EditorWindow, table: str, row: str, col: str, text: str) -> None:
    """Select the cell, type as a clerk does (the first key opens the editor) and press Enter."""
    page = table_page(window, table)
    view = page.view
    view.go_to(page.model.index_of(row, col))
    qtbot.keyClick(view, text[0])
    editor = view.findChild(QLineEdit)
    assert editor is not None, "typing a key should open the cell editor"
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState and view.findChild(QLineEdit) is None)


def paste_at(page, row: str, col: str, text: str) -> None:
    """Put `text` on the clipboard as Excel/WPS or a PDF viewer would, select the cell and press Ctrl+V."""
    QGuiApplication.clipboard().setText(text)
    page.view.go_to(page.model.index_of(row, col))
    page.view.paste()


class Answers:
    """Stands in for the clerk at message boxes: answers in order, records what was asked."""

    def __init__(self, monkeypatch) -> None:
        self.questions: list[str] = []
        self.warnings: list[str] = []
        self.queue: list[QMessageBox.StandardButton] = []
        monkeypatch.setattr(QMessageBox, "question", self._question)
        monkeypatch.setattr(QMessageBox, "warning", self._warning)

    def _question(self, parent, title, text, *args, **kwargs):
        self.questions.append(text)
        assert self.queue, f"unexpected question: {text}"
        return self.queue.pop(0)

    def _warning(self, parent, title, text, *args, **kwargs):
        self.warnings.append(text)
        return QMessageBox.StandardButton.Ok


@pytest.fixture
def answers(monkeypatch) -> Answers:
    return Answers(monkeypatch)
