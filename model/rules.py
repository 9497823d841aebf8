"""The rule engine: E1–E5 (the format's arithmetic) and W1–W5 (likely mistakes).

Each rule is a small function over the report (and last year's figures when
known) that returns findings.  The GUI, the command line and the sign-off sheet
only display them.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Callable, Iterable

from model.layout import (NARRATIVE_KEYS, SEC3_BALANCE, SECTION_HEADINGS, TABLES, cell_caption)
from model.report import META_FIELD_NAMES, LastYear, Report

ERROR = "error"
WARNING = "warning"
SEVERITY_NAMES = {ERROR: "错误", WARNING: "警告"}  # as the clerk reads them everywhere

RULE_TITLES = {
    "E1": "第一项加第二项之和应等于第三项加第四项之和",
    "E2": "（七）总计应等于（一）至（六）各项之和",
    "E3": "总计应等于自然人与法人或其他组织各列之和",
    "E4": "总计应等于结果维持、结果纠正、其他结果、尚未审结之和",
    "E5": "件数应为不小于0的整数，收费金额应不小于0且最多保留4位小数",
    "W1": "上年结转数应等于上年报告的结转下年度继续办理数",
    "W2": "现行有效件数应等于上年现行有效件数加本年制发件数减本年废止件数",
    "W3": "第六部分应说明信息处理费的收取情况",
    "W4": "正文中的数字应与表格一致",
    "W5": "各部分应填写完整，标题应与机关名称和年度一致",
}


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    table: str  # sec2/sec3/sec4, a narrative key, or "meta"
    row: str | None
    column: str | None
    expected: Decimal | str | None
    actual: Decimal | str | None
    message: str

    def to_json(self) -> dict:
        data = asdict(self)
        for key in ("expected", "actual"):
            if isinstance(data[key], Decimal):
                data[key] = format_number(data[key])
        return data


def format_number(value: Decimal | None) -> str:
    """A number as the table prints it: 12, 4478.1715 (never 1.2E+1)."""
    if value is None:
        return ""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def _n(value: Decimal | None) -> Decimal:
    return value if value is not None else Decimal(0)


def _mismatch(rule: str, table: str, row: str, col: str, expected: Decimal, actual: Decimal,
              reason: str, severity: str = ERROR) -> Finding:
    message = f"{cell_caption(table, row, col)}应为 {format_number(expected)}，实为 {format_number(actual)}：{reason}"
    return Finding(rule, severity, table, row, col, expected, actual, message)


# ---------------------------------------------------------------- errors
def rule_e1(report: Report, last: LastYear | None = None) -> list[Finding]:
    table = report.sec3
    (in_a, in_b), (out_a, out_b) = SEC3_BALANCE
    findings = []
    for col in (c.key for c in TABLES["sec3"].columns):
        expected = _n(table[in_a][col]) + _n(table[in_b][col]) - _n(table[out_b][col])
        actual = _n(table[out_a][col])
        if expected != actual:
            findings.append(_mismatch("E1", "sec3", out_a, col, expected, actual, RULE_TITLES["E1"]))
    return findings


def _sum_rule(rule: str) -> Callable[[Report, LastYear | None], list[Finding]]:
    def check(report: Report, last: LastYear | None = None) -> list[Finding]:
        findings = []
        for layout in TABLES.values():
            table = report.table(layout.key)
            for s in layout.sums:
                if s.rule != rule:
                    continue
                expected = sum((_n(table[r][c]) for r, c in s.addends), Decimal(0))
                actual = _n(table[s.target[0]][s.target[1]])
                if expected != actual:
                    findings.append(_mismatch(rule, layout.key, *s.target, expected, actual, RULE_TITLES[rule]))
        return findings

    check.__name__ = f"rule_{rule.lower()}"
    return check


rule_e2 = _sum_rule("E2")
rule_e3 = _sum_rule("E3")
rule_e4 = _sum_rule("E4")

_TEN_THOUSANDTH = Decimal("0.0001")


def rule_e5(report: Report, last: LastYear | None = None) -> list[Finding]:
    findings = []
    for layout in TABLES.values():
        table = report.table(layout.key)
        for row in layout.rows:
            for col in row.columns:
                value = table[row.key][col]
                if value is None:
                    continue
                if layout.column(col).decimals:
                    bad = value < 0 or value != value.quantize(_TEN_THOUSANDTH)
                    what = "不小于0、最多保留4位小数的金额（万元）"
                else:
                    bad = value < 0 or value != value.to_integral_value()
                    what = "不小于0的整数"
                if bad:
                    findings.append(Finding("E5", ERROR, layout.key, row.key, col, None, value,
                                            f"{cell_caption(layout.key, row.key, col)}填写的“{format_number(value)}”"
                                            f"不是{what}"))
    return findings


# ---------------------------------------------------------------- warnings
def rule_w1(report: Report, last: LastYear | None = None) -> list[Finding]:
    if last is None:
        return []
    findings = []
    for col, last_value in last.carried_out.items():
        expected, actual = _n(last_value), _n(report.sec3["carried_in"].get(col))
        if expected != actual:
            findings.append(_mismatch("W1", "sec3", "carried_in", col, expected, actual,
                                      f"应等于{last.year}年报告“{TABLES['sec3'].row('carried_out').label}”的数字", WARNING))
    return findings


def rule_w2(report: Report, last: LastYear | None = None) -> list[Finding]:
    if last is None:
        return []
    findings = []
    for row, last_value in last.in_force.items():
        if last_value is None:
            continue
        cells = report.sec2[row]
        if cells["in_force"] is None:
            continue
        expected = last_value + _n(cells["issued"]) - _n(cells["repealed"])
        actual = cells["in_force"]
        if expected != actual:
            findings.append(_mismatch(
                "W2", "sec2", row, "in_force", expected, actual,
                f"上年现行有效 {format_number(last_value)} 件，加本年制发 {format_number(_n(cells['issued']))} 件，"
                f"减本年废止 {format_number(_n(cells['repealed']))} 件", WARNING))
    return findings


_FEE_STATEMENT = re.compile(r"处理费|收费通知|未收费|未收取|不收费|免费|收取[^。；]{0,8}费")


def rule_w3(report: Report, last: LastYear | None = None) -> list[Finding]:
    text = "".join(p.text for p in report.other_matters)
    if _FEE_STATEMENT.search(text):
        return []
    return [Finding("W3", WARNING, "other_matters", None, None, None, None,
                    f"{SECTION_HEADINGS['other_matters']}没有说明信息处理费的收取情况：应写明发出收费通知的件数和总金额、"
                    "实际收取的总金额（未收取的写“本年度未收取信息处理费”）")]


@dataclass(frozen=True)
class _Claim:
    """A kind of number the narrative states, and the table figure it must match."""

    pattern: re.Pattern
    subject: str
    figure: Callable[[Report], Decimal]
    unit_scale: Callable[[str], Decimal] = lambda unit: Decimal(1)
    stated_zero: bool = False  # the pattern itself says 0 (未收到…)


def _group_total(report: Report, *groups: str) -> Decimal:
    return sum((_n(report.sec4["counts"][f"{g}_total"]) for g in groups), Decimal(0))


_NUM = r"(\d+(?:\.\d+)?)"
_CLAIMS = (
    _Claim(re.compile(r"行政复议[和、及与]行政诉讼[^。；，,\d]{0,6}?" + _NUM + r"\s*件"), "行政复议、行政诉讼总计",
           lambda r: _group_total(r, "review", "direct", "after_review")),
    _Claim(re.compile(r"未(?:发生|收到|产生|出现)[^。；]{0,20}?行政复议[和、及与]行政诉讼"), "行政复议、行政诉讼总计",
           lambda r: _group_total(r, "review", "direct", "after_review"), stated_zero=True),
    _Claim(re.compile(r"行政复议[^。；，,\d和、及与]{0,6}?" + _NUM + r"\s*件"), "行政复议总计",
           lambda r: _group_total(r, "review")),
    _Claim(re.compile(r"(?<![复议和、及与])(?:行政)?诉讼[^。；，,\d]{0,6}?" + _NUM + r"\s*件"), "行政诉讼总计",
           lambda r: _group_total(r, "direct", "after_review")),
    _Claim(re.compile(r"上一?年度?结转[^。；，,\d]{0,10}?" + _NUM + r"\s*件"), "上年结转申请总计",
           lambda r: _n(r.sec3["carried_in"]["total"])),
    _Claim(re.compile(r"转(?:至|到|入)?下一?年度?[^。；，,\d]{0,8}?" + _NUM + r"\s*件"), "结转下年度继续办理总计",
           lambda r: _n(r.sec3["carried_out"]["total"])),
    _Claim(re.compile(r"(?:收到|接到|受理)[^。；，,\d]{0,12}?申请[^。；，,\d]{0,6}?" + _NUM + r"\s*件"), "本年新收申请总计",
           lambda r: _n(r.sec3["new"]["total"])),
    _Claim(re.compile(r"(?:收到|接到|受理)\D{0,4}?" + _NUM + r"\s*件[^。；，,\d]{0,10}?申请"), "本年新收申请总计",
           lambda r: _n(r.sec3["new"]["total"])),
    _Claim(re.compile(r"未(?:收到|接到|受理)[^。；，,\d]{0,12}?申请"), "本年新收申请总计",
           lambda r: _n(r.sec3["new"]["total"]), stated_zero=True),
    _Claim(re.compile(r"行政事业性收费[^。；\d]{0,12}?" + _NUM + r"\s*(万元|元)"), "表二行政事业性收费金额（万元）",
           lambda r: _n(r.sec2["fees"]["amount"]),
           unit_scale=lambda unit: Decimal(1) if unit == "万元" else Decimal("0.0001")),
)


def narrative_claims(text: str) -> Iterable[tuple[_Claim, re.Match, Decimal]]:
    """The numbers a paragraph states, each matched by the first claim that covers its span."""
    taken: list[tuple[int, int]] = []
    for claim in _CLAIMS:
        for match in claim.pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            taken.append(match.span())
            if claim.stated_zero:
                stated = Decimal(0)
            else:
                unit = match.group(2) if match.lastindex and match.lastindex >= 2 else ""
                stated = Decimal(match.group(1)) * claim.unit_scale(unit)
            yield claim, match, stated


def rule_w4(report: Report, last: LastYear | None = None) -> list[Finding]:
    findings = []
    for key in NARRATIVE_KEYS:
        for index, paragraph in enumerate(report.narrative(key)):
            for claim, match, stated in narrative_claims(paragraph.text):
                figure = claim.figure(report)
                if stated != figure:
                    findings.append(Finding(
                        "W4", WARNING, key, str(index), None, figure, stated,
                        f"{SECTION_HEADINGS[key]}第{index + 1}段写“{match.group(0).strip()}”，"
                        f"而{claim.subject}为 {format_number(figure)}"))
    return findings


def rule_w5(report: Report, last: LastYear | None = None) -> list[Finding]:
    findings = []
    if not report.organ.strip():
        findings.append(Finding("W5", WARNING, "meta", "organ", None, None, None, f"尚未填写{META_FIELD_NAMES['organ']}"))
    title = report.title_override
    if title:
        if str(report.year) not in title:
            findings.append(Finding("W5", WARNING, "meta", "title", None, str(report.year), title,
                                    f"标题“{title}”中没有报告年度 {report.year} 年"))
        if report.organ and report.organ not in title:
            findings.append(Finding("W5", WARNING, "meta", "title", None, report.organ, title,
                                    f"标题“{title}”与机关名称“{report.organ}”不一致"))
    for key in NARRATIVE_KEYS:
        if not any(p.text.strip() for p in report.narrative(key)):
            findings.append(Finding("W5", WARNING, key, None, None, None, None, f"{SECTION_HEADINGS[key]}尚未填写"))
    for layout in TABLES.values():
        table = report.table(layout.key)
        blank = [(r, c) for r, c in layout.value_keys() if table[r][c] is None and (r, c) not in layout.computed_keys()]
        if blank:
            r, c = blank[0]
            findings.append(Finding("W5", WARNING, layout.key, r, c, None, None,
                                    f"{SECTION_HEADINGS[layout.key]}有 {len(blank)} 个单元格未填写"
                                    f"（第一个是{cell_caption(layout.key, r, c)}），没有数字的请填 0"))
    return findings


RULES = (rule_e1, rule_e2, rule_e3, rule_e4, rule_e5, rule_w1, rule_w2, rule_w3, rule_w4, rule_w5)


def check_report(report: Report, last: LastYear | None = None) -> list[Finding]:
    """All findings, errors first; `last` defaults to the last year remembered in the report."""
    last = last if last is not None else report.last_year
    findings = [f for rule in RULES for f in rule(report, last)]
    return sorted(findings, key=lambda f: f.severity != ERROR)


def count_by_severity(findings: Iterable[Finding]) -> tuple[int, int]:
    findings = list(findings)
    errors = sum(f.severity == ERROR for f in findings)
    return errors, len(findings) - errors
