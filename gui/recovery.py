"""The recovery file: unsaved work written every minute, offered back after a crash.

The real report file is only written by 保存; the recovery copy lives in the
application's data folder beside a note of which file it belongs to.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from model.fileio import load_report, save_report
from model.report import Report

RECOVERY_NAME = "autosave.json"
ORIGIN_NAME = "autosave-origin.txt"  # the path of the report file, empty for a report never saved


class RecoveryStore:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    @property
    def report_path(self) -> Path:
        return self.directory / RECOVERY_NAME

    @property
    def origin_path(self) -> Path:
        return self.directory / ORIGIN_NAME

    def save(self, report: Report, origin: Path | None) -> None:
        save_report(report, self.report_path)
        self.origin_path.write_text(str(origin or ""), encoding="utf-8")

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
        for path in (self.report_path, self.origin_path, self.report_path.with_name(RECOVERY_NAME + ".bak")):
            path.unlink(missing_ok=True)

