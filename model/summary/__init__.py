"""汇总: every report in a folder read, checked, compared with last year's folder and summed.

`summarize_folder(folder, last_folder)` gives a Summary: one Unit per file (status, findings, key figures,
remarks), the organs missing and new against last year; `sum_units` makes the summed draft and
`write_workbook` the office's Excel file.  No Qt here: the window and the command line only show it.
"""
from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from model.filetype import extensions_named
from model.report import LastYear
from model.findings import tally
from model.os_errors import describe
from model.rules import check_report
from model.summary.cache import ImportCache
from model.summary.compare import add_remarks, match_last_year
from model.summary.reading import Progress, SummaryCancelled, read_reports, report_files
from model.summary.summing import SummedReport, sum_units
from model.summary.units import (CLEAN, DUPLICATE, ERRORS, KEY_FIGURES, STATUS_TITLES, UNIT_COLUMNS, UNREADABLE,
                                 WARNINGS, WRONG_YEAR, Unit, organ_key)

__all__ = ["summarize_folder", "sum_units", "Summary", "SummedReport", "Unit", "FolderUnreadable",
           "SummaryCancelled", "ImportCache", "KEY_FIGURES", "UNIT_COLUMNS", "STATUS_TITLES"]


class FolderUnreadable(Exception):
    """The folder cannot be listed or holds no report; the message is a sentence for the clerk."""


@dataclass
class Summary:
    folder: Path
    year: int | None
    units: list[Unit]
    last_folder: Path | None = None
    last_units: list[Unit] | None = None
    missing: list[str] = field(default_factory=list)  # organs of last year's folder with no report now
    new: list[str] = field(default_factory=list)  # organs with no report in last year's folder
    cache_note: str = ""  # the import cache could not be read or written (the summary is whole all the same)

    @property
    def any_errors(self) -> bool:
        """Some unit has errors, or could not be read or summed: the office must act."""
        return any(u.status in (ERRORS, UNREADABLE, WRONG_YEAR, DUPLICATE) for u in self.units)

    def sum(self, selected: set[str] | None = None) -> SummedReport:
        return sum_units(self.units, self.year, selected, self.last_units)

    def to_json(self) -> dict:
        return {"year": self.year,
                "units": [{"file": u.file, "organ": u.organ, "year": u.year, "errors": u.errors,
                           "warnings": u.warnings, "guessed_cells": u.read.guessed_cells,
                           "status": u.status, "explained": u.explained,
                           "unreadable_cells": u.read.unreadable_cells, "problem": u.refusal,
                           "remarks": [r.text for r in u.remarks]} for u in self.units],
                "missing": self.missing, "new": self.new}


def _list_folder(folder: Path) -> list[Path]:
    try:
        if not folder.is_dir():
            raise FolderUnreadable(f"找不到文件夹“{folder}”。" if not folder.exists()
                                   else f"“{folder}”不是文件夹。")
        files = report_files(folder)
    except OSError as exc:
        raise FolderUnreadable(f"无法读取文件夹“{folder}”：{describe(exc)}。") from None
    if not files:
        raise FolderUnreadable(f"文件夹“{folder}”中没有报告文件（{extensions_named()}、.docx 等）。")
    return files


def read_units(folder: Path, cache: ImportCache | None, progress: Progress | None,
               cancelled: Callable[[], bool], workers: int | None) -> list[Unit]:
    return [Unit(read) for read in read_reports(_list_folder(folder), cache, progress, cancelled, workers)]


def summary_year(units: list[Unit]) -> int | None:
    """The year most reports are for (the later one on a tie)."""
    years = Counter(u.year for u in units if u.report is not None)
    return max(years, key=lambda y: (years[y], y)) if years else None


def settle_status(units: list[Unit], year: int | None) -> None:
    """Unreadable, of another year, or a second report of the same organ: not summed, each with a sentence."""
    first_file: dict[str, str] = {}
    for unit in units:
        if unit.report is None:
            unit.status, unit.refusal = UNREADABLE, unit.read.problem
        elif unit.year != year:
            unit.status = WRONG_YEAR
            unit.refusal = f"这是{unit.year}年的报告，汇总的是{year}年的报告"
        elif (key := organ_key(unit.name)) in first_file:
            unit.status = DUPLICATE
            unit.refusal = f"与“{first_file[key]}”是同一单位（机关名称相同），只计入一份"
        else:
            first_file[key] = unit.file


def check_units(units: list[Unit], last_units: list[Unit] | None) -> None:
    """The rules on every report, against the unit's own report of last year when it is known."""
    last_by_file = {u.file: u for u in last_units or ()}
    for unit in units:
        if unit.report is None:
            continue
        last = last_by_file.get(unit.last_file)
        unit.findings = check_report(unit.report, LastYear.of(last.report) if last else None)
        counts = tally(unit.findings, unit.report.explanations)
        unit.errors, unit.warnings, unit.explained = counts.errors, counts.warnings, counts.explained
        if unit.status == CLEAN:  # an error with its 出错说明 is still an error, as check and export count it
            unit.status = (ERRORS if counts.errors or counts.explained_errors
                           else WARNINGS if counts.warnings or counts.explained else CLEAN)


def summarize_folder(folder: str | os.PathLike, last_folder: str | os.PathLike | None = None,
                     cache: ImportCache | None = None, progress: Progress | None = None,
                     cancelled: Callable[[], bool] = lambda: False, workers: int | None = None) -> Summary:
    """Read, check and compare every report in `folder` (and `last_folder`).  Raises FolderUnreadable,
    or SummaryCancelled when `cancelled` turns true."""
    folder = Path(folder)
    units = read_units(folder, cache, progress, cancelled, workers)
    year = summary_year(units)
    settle_status(units, year)
    summary = Summary(folder, year, units)
    if last_folder is not None:
        summary.last_folder = Path(last_folder)
        summary.last_units = read_units(summary.last_folder, cache, progress, cancelled, workers)
        settle_status(summary.last_units, year - 1 if year else None)
        summary.missing, summary.new = match_last_year([u for u in units if u.summable], summary.last_units)
    if cache is not None:
        cache.save()
        summary.cache_note = cache.note
    check_units(units, summary.last_units)
    add_remarks(units, summary.last_units)
    return summary
