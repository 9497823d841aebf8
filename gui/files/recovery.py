"""Recovery copies: unsaved work written every minute, offered back after a crash.

The real report file is only written by 保存; recovery copies live in the application's data folder.  Each
window's report has its own copy (a slot: KEY.json, the report file's absolute path in KEY-origin.txt) and a
lock file KEY.lock naming the process that owns it.  A copy is offered back only when that process has gone
(a crash), so a second window never offers, nor throws away, the work of a window that is still running.
"""
from __future__ import annotations

import datetime as dt
import os
import uuid
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from gui import APP_NAME
from gui.editor.document import EditableReport
from model.fileio import ReportFileError, load_report, save_report, write_atomically
from model.filelock import open_elsewhere
from model.os_errors import describe
from model.processes import process_alive, this_host
from model.report import Report

REPORT_SUFFIX = ".json"
ORIGIN_SUFFIX = "-origin.txt"  # the absolute path of the report file, empty for a report never saved
LOCK_SUFFIX = ".lock"  # "pid host" of the process whose window owns the copy


class RecoverySlot:
    """One window's recovery copy of one report."""

    def __init__(self, directory: Path, key: str) -> None:
        self.directory = directory
        self.key = key

    @property
    def report_path(self) -> Path:
        return self.directory / f"{self.key}{REPORT_SUFFIX}"

    @property
    def origin_path(self) -> Path:
        return self.directory / f"{self.key}{ORIGIN_SUFFIX}"

    @property
    def lock_path(self) -> Path:
        return self.directory / f"{self.key}{LOCK_SUFFIX}"

    def claim(self) -> None:
        """This process owns the copy from now on: no other window is offered it.  A folder that cannot be
        written is not an error here: the autosave that follows tells the clerk."""
        try:
            write_atomically(self.lock_path, f"{os.getpid()} {this_host()}".encode())
        except OSError:
            pass

    def owner_gone(self) -> bool:
        """True when no running process owns the copy (its owner crashed, or it has no lock at all)."""
        try:
            pid_text, _, host = self.lock_path.read_text(encoding="utf-8").strip().partition(" ")
        except FileNotFoundError:
            return True
        except OSError:
            return False
        if not pid_text.isdigit():
            return True  # a lock cut short by a crash of its own
        # on another computer (a recovery folder shared in a roaming profile) a process cannot be asked
        return host == this_host() and not process_alive(int(pid_text))

    def save(self, report: Report, origin: Path | None) -> None:
        save_report(report, self.report_path)
        # absolute: a report opened by a relative path is saved back to its own folder, wherever the editor restarts
        write_atomically(self.origin_path, str(origin.resolve() if origin else "").encode("utf-8"))

    def exists(self) -> bool:
        return self.report_path.is_file()

    def saved_at(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self.report_path.stat().st_mtime)

    def load(self) -> tuple[Report, Path | None]:
        """The recovered report and the file it belongs to; ReportFileError if the copy is unreadable."""
        report = load_report(self.report_path)
        try:
            origin = self.origin_path.read_text(encoding="utf-8").strip()
        except OSError:
            origin = ""
        return report, Path(origin) if origin else None

    def discard(self) -> None:
        """The copy is no longer needed (saved, or declined); the window keeps owning the slot."""
        for path in (self.report_path, self.origin_path, self.report_path.with_name(self.report_path.name + ".bak")):
            path.unlink(missing_ok=True)

    def release(self) -> None:
        """The window closes or turns to another report: copy and lock removed."""
        self.discard()
        self.lock_path.unlink(missing_ok=True)


class RecoveryStore:
    """The folder of recovery copies shared by every window and every running copy of the editor."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def new_slot(self) -> RecoverySlot:
        """A slot of its own for a window's report, claimed by this process."""
        slot = RecoverySlot(self.directory, uuid.uuid4().hex)
        slot.claim()
        return slot

    def orphans(self) -> list[RecoverySlot]:
        """Copies whose window has gone without closing (a crash), newest first."""
        try:
            copies = [p for p in self.directory.glob(f"*{REPORT_SUFFIX}") if p.is_file()]
        except OSError:
            return []
        slots = [RecoverySlot(self.directory, p.name.removesuffix(REPORT_SUFFIX)) for p in copies]
        return sorted((slot for slot in slots if slot.owner_gone()), key=_saved_time, reverse=True)


def _saved_time(slot: RecoverySlot) -> float:
    try:
        return slot.report_path.stat().st_mtime
    except OSError:  # removed meanwhile
        return 0.0

AUTOSAVE_INTERVAL_MS = 60_000


class Autosave:
    """Mixed into the editor window (gui.main_window.EditorWindow): unsaved work written to the window's own
    recovery copy every minute, and copies left by a window that crashed offered back."""

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
            self.show_message(f"自动保存失败：{describe(exc) if isinstance(exc, OSError) else exc}")
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
        self.set_document(EditableReport(report, origin), needs_save=True, recovery_slot=slot)
        if origin is not None:
            self._hold_file(origin, read_only=open_elsewhere(origin) is not None)
        if origin is None:
            self.untitled_name = f"{report.title}（恢复）"
            self._update_title()
        self.show_message("已恢复自动保存的内容，请检查后保存。")
        return True
