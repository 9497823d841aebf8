"""The report document: metadata, three narrative sections and three statutory tables."""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, PrivateAttr, field_validator

from model.cell_text import checked_number
from model.layout import NAMED_FIGURES, NARRATIVE_KEYS, TABLES
from model.links import FigureLink, current_text

FORMAT_VERSION = 5
FIRST_YEAR, LAST_YEAR = 1990, 2200  # the years a report may be about; importers and the year fields keep to them


def _to_decimal(value: Any) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        raise ValueError("不是数字")
    return checked_number(Decimal(str(value)) if isinstance(value, float) else Decimal(value))


def _decimal_to_json(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


UnitKind = Literal["department", "government"]
UNIT_KIND_NAMES = {"department": "部门", "government": "人民政府"}
CellValue = Annotated[Decimal | None, BeforeValidator(_to_decimal), PlainSerializer(_decimal_to_json)]
TableValues = dict[str, dict[str, CellValue]]


class Paragraph(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str
    heading: bool = False  # a sub-heading such as （一）主动公开情况
    links: list[FigureLink] = Field(default_factory=list)  # figures bound to the tables (model/links)

    @field_validator("links", mode="after")
    @classmethod
    def _links_in_text(cls, links: list[FigureLink], info) -> list[FigureLink]:
        """Links lie inside the text, apart, and name figures the layout knows; a file saying otherwise is refused."""
        text = info.data.get("text", "")
        ordered = sorted(links, key=lambda link: link.start)
        for index, link in enumerate(ordered):
            if link.figure not in NAMED_FIGURES:
                raise ValueError(f"正文中关联的数字“{link.figure}”不是表格中的数字")
            if not link.start < link.end <= len(text) or index and ordered[index - 1].end > link.start:
                raise ValueError("正文中关联数字的位置不在这段文字内")
        return ordered


class LastYear(BaseModel):
    """What this year's checks need of last year's report: its tables (W1, W2 and the figures a sentence
    may have kept) and its narrative paragraphs (the text this year's may have copied)."""

    model_config = ConfigDict(extra="forbid")
    year: int
    organ: str = ""
    tables: dict[str, TableValues] = Field(default_factory=dict)
    narrative: dict[str, list[str]] = Field(default_factory=dict)

    @classmethod
    def of(cls, report: "Report") -> "LastYear":
        return cls(year=report.year, organ=report.organ,
                   tables={key: {row: dict(cols) for row, cols in report.table(key).items()} for key in TABLES},
                   narrative={key: [current_text(report, p) for p in report.narrative(key) if not p.heading] for key in NARRATIVE_KEYS})

    def value(self, table: str, row: str, col: str) -> Decimal | None:
        return self.tables.get(table, {}).get(row, {}).get(col)


class FeeNotice(BaseModel):
    """信息处理费 as section 六 states it: notices sent, the amount they asked for and the amount received (元)."""

    model_config = ConfigDict(extra="forbid")
    notices: int = Field(default=0, ge=0)
    due: CellValue = Decimal(0)
    received: CellValue = Decimal(0)


def empty_table(table_key: str) -> dict[str, dict[str, Decimal | None]]:
    layout = TABLES[table_key]
    return {r.key: {c: None for c in r.columns} for r in layout.rows}


class Report(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)

    format_version: int = FORMAT_VERSION
    organ: str = ""
    year: int = Field(default_factory=lambda: dt.date.today().year - 1, ge=FIRST_YEAR, le=LAST_YEAR)
    title_override: str | None = None
    published: dt.date | None = None  # 成文日期
    overview: list[Paragraph] = Field(default_factory=list)
    problems: list[Paragraph] = Field(default_factory=list)
    other_matters: list[Paragraph] = Field(default_factory=list)
    sec2: TableValues = Field(default_factory=lambda: empty_table("sec2"))
    sec3: TableValues = Field(default_factory=lambda: empty_table("sec3"))
    sec4: TableValues = Field(default_factory=lambda: empty_table("sec4"))
    last_year: LastYear | None = None
    unit_kind: UnitKind | None = None  # None: read from the organ's name (人民政府 or not)
    explanations: dict[str, str] = Field(default_factory=dict)  # finding key → why the clerk keeps it
    fee_notice: FeeNotice | None = None  # the figures of 六's fee sentence, when filled in with its form
    # what opening an older file changed that the clerk should know (model.fileio), never saved
    _opening_notes: list[str] = PrivateAttr(default_factory=list)

    @property
    def opening_notes(self) -> list[str]:
        return self._opening_notes

    @property
    def title(self) -> str:
        return self.title_override or default_title(self.organ, self.year)

    @property
    def kind(self) -> str:
        """部门 or 人民政府: as chosen in 报告信息, else read from the organ's name."""
        if self.unit_kind:
            return self.unit_kind
        return "government" if self.organ.endswith("人民政府") else "department"

    def table(self, key: str) -> dict[str, dict[str, Decimal | None]]:
        return getattr(self, key)

    def value(self, table_key: str, row: str, col: str) -> Decimal | None:
        return self.table(table_key)[row][col]

    def narrative(self, key: str) -> list[Paragraph]:
        return getattr(self, key)

    @field_validator("sec2", "sec3", "sec4", mode="after")
    @classmethod
    def _complete_table(cls, values: TableValues, info) -> TableValues:
        """Every cell of the layout is present; a key the layout does not know is refused."""
        layout = TABLES[info.field_name]
        for row_key, cols in values.items():
            if row_key not in {r.key for r in layout.rows}:
                raise ValueError(f"表格中没有“{row_key}”这一行")
            unknown = set(cols) - set(layout.row(row_key).columns)
            if unknown:
                raise ValueError(f"表格“{row_key}”行中没有“{'、'.join(sorted(unknown))}”这一列")
        full = empty_table(info.field_name)
        for row_key, cols in values.items():
            full[row_key].update(cols)
        return full


# a year's report is some 20,000 characters in a few hundred paragraphs; past these its export (and every check
# as the clerk types) would keep her waiting.  Kept when a file is saved and when it is read.
MAX_PARAGRAPH_CHARACTERS = 20_000
MAX_PARAGRAPHS = 5_000
MAX_NARRATIVE_CHARACTERS = 300_000


def narrative_too_long(report: Report) -> tuple[tuple, str] | None:
    """(where, why) when the report's text passes a limit above: where as (section key, paragraph index) or
    (section key,) for the whole narrative's first section; None when it is within them."""
    paragraphs = [(key, index, p) for key in NARRATIVE_KEYS for index, p in enumerate(report.narrative(key))]
    for key, index, paragraph in paragraphs:
        if len(paragraph.text) > MAX_PARAGRAPH_CHARACTERS:
            return (key, index), f"有 {len(paragraph.text):,} 个字，超过一段最多 {MAX_PARAGRAPH_CHARACTERS:,} 字"
    if len(paragraphs) > MAX_PARAGRAPHS:
        return (), f"正文有 {len(paragraphs):,} 段，超过最多 {MAX_PARAGRAPHS:,} 段"
    total = sum(len(p.text) for _, _, p in paragraphs)
    if total > MAX_NARRATIVE_CHARACTERS:
        return (), f"正文共 {total:,} 个字，超过最多 {MAX_NARRATIVE_CHARACTERS:,} 字"
    return None


META_FIELD_NAMES = {"organ": "机关名称", "year": "年度", "title_override": "标题", "published": "成文日期",
                    "unit_kind": "机关类别", "fee_notice": "信息处理费"}


def reporting_year(today: dt.date) -> int:
    """The year a report begun on `today` is about: drafting starts in the last quarter of the year reported on,
    and reports are published by 31 January of the next."""
    return today.year if today.month >= 10 else today.year - 1


REPORT_TITLE_TAIL = "政府信息公开工作年度报告"


def default_title(organ: str, year: int) -> str:
    return f"{organ}{year}年{REPORT_TITLE_TAIL}"


def chinese_date(day: dt.date) -> str:
    """2024年1月20日, as a 成文日期 and a deadline are written."""
    return f"{day.year}年{day.month}月{day.day}日"


# the number a list item or a paragraph starts with: （一） (1) 一、 一是 1. 1、
LIST_NUMBER = r"(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、是]|\d+[.．、])"
_SUBHEADING = re.compile(r"^[（(][一二三四五六七八九十]+[）)]\s*\S{1,30}$")


def looks_like_subheading(text: str) -> bool:
    """（一）主动公开情况 on a line of its own, without a sentence after it."""
    text = text.strip()
    return bool(_SUBHEADING.match(text)) and not any(mark in text for mark in "。，；,;")  # not a cut sentence
