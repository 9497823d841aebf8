"""One dashboard row per report: who sent it, for which year, what the rules say, its key figures."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable

from model.layout import cell_caption
from model.report import Report
from model.findings import ERROR, Finding, format_number
from model.summary.read_report import ReadReport

# status of a unit, worst first (the dashboard sorts and filters by it)
UNREADABLE, WRONG_YEAR, DUPLICATE, ERRORS, WARNINGS, CLEAN = "unreadable", "wrong_year", "duplicate", "errors", \
    "warnings", "clean"
STATUS_TITLES = {UNREADABLE: "无法读取", WRONG_YEAR: "年度不符", DUPLICATE: "重复", ERRORS: "有错误",
                 WARNINGS: "有警告", CLEAN: "无问题"}
STATUS_ORDER = tuple(STATUS_TITLES)
REFUSED = (UNREADABLE, WRONG_YEAR, DUPLICATE)  # not summed


@dataclass(frozen=True)
class KeyFigure:
    """A figure the dashboard shows for every unit: one cell, or the sum of a few."""

    key: str
    title: str  # short column title; the cells' own captions come from the layout
    table: str
    cells: tuple[tuple[str, str], ...]
    watch_jumps: bool = True  # compared with last year's figure
    compare_peers: bool = False  # a zero here while similar units have many is remarked

    def value(self, report: Report) -> Decimal | None:
        values = [report.value(self.table, r, c) for r, c in self.cells]
        if all(v is None for v in values):
            return None
        return sum((v for v in values if v is not None), Decimal(0))

    def caption(self) -> str:
        return "＋".join(cell_caption(self.table, r, c) for r, c in self.cells)


KEY_FIGURES = (
    KeyFigure("new", "新收", "sec3", (("new", "total"),), compare_peers=True),
    KeyFigure("carried_in", "上年结转", "sec3", (("carried_in", "total"),), watch_jumps=False),
    KeyFigure("handled", "办结", "sec3", (("total", "total"),), compare_peers=True),
    KeyFigure("carried_out", "结转下年度", "sec3", (("carried_out", "total"),), watch_jumps=False),
    KeyFigure("review", "行政复议", "sec4", (("counts", "review_total"),)),
    KeyFigure("litigation", "行政诉讼", "sec4", (("counts", "direct_total"), ("counts", "after_review_total"))),
    KeyFigure("fees", "收费（万元）", "sec2", (("fees", "amount"),)),
)


@dataclass
class Remark:
    """Something the comparison found for the office to look at (not a rule of the format)."""

    kind: str  # carry_over, jump, zero, copied
    text: str


REMARK_TITLES = {"carry_over": "上年结转", "jump": "大幅变化", "zero": "为零", "copied": "文字雷同"}


@dataclass
class Unit:
    read: ReadReport
    status: str = CLEAN
    findings: list[Finding] = field(default_factory=list)
    errors: int = 0
    warnings: int = 0
    explained: int = 0  # findings the unit kept with a reason (出错说明)
    refusal: str = ""  # why the unit is not summed
    last_file: str = ""  # its report in last year's folder
    remarks: list[Remark] = field(default_factory=list)

    @property
    def file(self) -> str:
        return self.read.file

    @property
    def report(self) -> Report | None:
        return self.read.report

    @property
    def organ(self) -> str:
        return self.report.organ.strip() if self.report else ""

    @property
    def year(self) -> int | None:
        return self.report.year if self.report else None

    @property
    def name(self) -> str:
        """The unit as the office names it: its organ, else its file."""
        return self.organ or self.file

    @property
    def summable(self) -> bool:
        return self.status not in REFUSED

    @property
    def error_rules(self) -> list[str]:
        return sorted({f.rule for f in self.findings if f.severity == ERROR})

    def figure(self, figure: KeyFigure) -> Decimal | None:
        return figure.value(self.report) if self.report else None


def organ_key(name: str) -> str:
    """The organ's name compared across files and years: width, spaces and punctuation ignored."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", name))


@dataclass(frozen=True)
class UnitColumn:
    """A column of the dashboard and of the units sheet, defined once for both."""

    key: str
    title: str
    value: Callable[[Unit], object]  # str, int or Decimal; None when not known
    tip: str = ""


def _figure_column(figure: KeyFigure) -> UnitColumn:
    return UnitColumn(figure.key, figure.title, lambda unit: unit.figure(figure), figure.caption())


UNIT_COLUMNS = (
    UnitColumn("file", "文件", lambda u: u.file),
    UnitColumn("organ", "机关名称", lambda u: u.organ),
    UnitColumn("year", "年度", lambda u: u.year),
    UnitColumn("status", "状态", lambda u: STATUS_TITLES[u.status]),
    UnitColumn("errors", "错误", lambda u: u.errors if u.report else None, "检查规则发现、未写出错说明的错误"),
    UnitColumn("explained", "已说明", lambda u: u.explained if u.report else None, "单位写了出错说明（说明原因）的错误和警告"),
    UnitColumn("warnings", "警告", lambda u: u.warnings if u.report else None),
    UnitColumn("guessed", "推测",
               lambda u: u.read.guessed_cells + u.read.unreadable_cells if u.read.imported and u.report else None,
               "导入时推测或无法读取的表格单元格数（本软件自己保存的报告为空）"),
    *(_figure_column(f) for f in KEY_FIGURES),
    UnitColumn("remarks", "比对提示", lambda u: "；".join(r.text for r in u.remarks) or u.refusal),
)


def shown(value: object) -> str:
    """A cell of the dashboard as text."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_number(value)
    return str(value)
