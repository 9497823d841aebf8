"""Who has a report open: a lock file beside the report (as Word's ~$ and LibreOffice's .~lock files), so a second
window or a second computer opening it is told, instead of silently overwriting the other's work on 保存.

The lock names process, computer and user.  It is stale, and taken over without a word, when its process has
gone (a crash) on this computer.  A lock from another computer is believed: its process cannot be asked.
"""
from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from model.fileio import name_that_fits, write_atomically
from model.processes import process_alive, this_host

_HELD_HERE: set[Path] = set()  # locks this process holds: a second window of the same process is told too


def lock_path(report: Path) -> Path:
    return report.with_name(name_that_fits(".~lock.", report.name, "#"))


@dataclass(frozen=True)
class LockOwner:
    pid: int
    host: str
    user: str
    since: str

    def describe(self) -> str:
        """Where the report is open, for the clerk."""
        if self.host == this_host():
            where = "本机的另一个窗口" if self.pid == os.getpid() else "本机另一个正在运行的年报编辑器"
        else:
            where = f"计算机“{self.host}”"
        who = f"（用户“{self.user}”）" if self.user else ""
        return f"{where}{who}自 {self.since} 起"


def open_elsewhere(report: Path) -> LockOwner | None:
    """The live owner of the report's lock, or None when nobody else has it open."""
    try:
        fields = lock_path(report).read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return None
    if len(fields) < 4 or not fields[0].isdigit():
        return None  # cut short by a crash
    owner = LockOwner(int(fields[0]), fields[1], fields[2], fields[3])
    if owner.host != this_host():
        return owner
    if owner.pid == os.getpid():
        return owner if report.resolve() in _HELD_HERE else None
    return owner if process_alive(owner.pid) else None


class ReportLock:
    """This window has the report open for editing."""

    def __init__(self, report: Path) -> None:
        self.report = report.resolve()

    @classmethod
    def take(cls, report: Path) -> "ReportLock":
        """Write the lock (over a stale one, or over a live one when the clerk chose to edit anyway).  A folder
        that cannot be written (a read-only share) is not an error: nobody else can save there either."""
        lock = cls(report)
        since = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
        try:
            write_atomically(lock_path(lock.report),
                             f"{os.getpid()}\n{this_host()}\n{_user()}\n{since}\n".encode("utf-8"))
        except OSError:
            pass
        _HELD_HERE.add(lock.report)
        return lock

    def release(self) -> None:
        _HELD_HERE.discard(self.report)
        path = lock_path(self.report)
        try:
            mine = path.read_text(encoding="utf-8").split("\n")[:2] == [str(os.getpid()), this_host()]
            if mine:  # not one another editor took over meanwhile
                path.unlink()
        except (OSError, UnicodeDecodeError):
            pass


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return ""


def disk_stamp(path: Path) -> str | None:
    """What tells a changed file: a digest of its content (a clock of two seconds on a network share or FAT
    would miss a change of the same size); None when the file cannot be read."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None
