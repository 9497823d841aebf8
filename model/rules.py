"""The rule engine: E1–E5 (the format's arithmetic), W1–W6 and W12 (likely mistakes in the figures), and the
review rules over the text in model.text_rules; codes, titles and help in model.findings.

Each rule is a small function over the report (and last year's figures when
known) that returns findings.  The GUI, the command line and the sign-off sheet
only display them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from decimal import Decimal
from typing import Callable

from model.findings import ERROR, NOTE, RULE_TITLES, WARNING, Finding, format_number
from model.layout import (NAMED_FIGURES, NARRATIVE_KEYS, SEC3_APPLICANT_COLUMNS, SEC3_BALANCE, SEC3_BALANCE_CAPTIONS,
                          SECTION_HEADINGS, TABLES, YEAR_LINKS, YearLink, cell_caption, equation_inputs)
from model.links import BLANK_FIGURE, FigureLink, figure_value, rendered, rounded
from model.report import LIST_NUMBER, META_FIELD_NAMES, FeeNotice, LastYear, Report
from model.text_rules import TEXT_RULES, figure_places, paragraphs, sentence_spans, where


def _n(value: Decimal | None) -> Decimal:
    return value if value is not None else Decimal(0)


def _mismatch(rule: str, table: str, row: str, col: str, expected: Decimal, actual: Decimal,
              reason: str, severity: str = ERROR) -> Finding:
    message = f"{cell_caption(table, row, col)}应为 {format_number(expected)}，实为 {format_number(actual)}：{reason}"
    return Finding(rule, severity, table, row, col, expected, actual, message)


def _not_filled_yet(report: Report, table_key: str, rule: str, target: tuple[str, str]) -> bool:
    """Blank is not yet filled in, not 0: an equation is checked once every cell of it the clerk fills is filled
    (W5 counts the blank ones).  E1 in the 总计 column waits for every applicant column."""
    table = report.table(table_key)
    columns = SEC3_APPLICANT_COLUMNS if rule == "E1" and target[1] not in SEC3_APPLICANT_COLUMNS else (target[1],)
    return any(table[r][c] is None for column in columns
               for r, c in equation_inputs(table_key, rule, (target[0], column)))


# ---------------------------------------------------------------- errors
def _balance_sentence(table: dict, col: str) -> str:
    """E1 in a column with its four terms and their figures: 本年新收 + 上年结转（14）≠ 办结（11）+ 结转下年度（2）."""
    (in_a, in_b), (out_a, out_b) = SEC3_BALANCE
    name, figure = SEC3_BALANCE_CAPTIONS, (lambda row: _n(table[row][col]))
    return (f"{name[in_a]} + {name[in_b]}（{format_number(figure(in_a) + figure(in_b))}）≠ "
            f"{name[out_a]}（{format_number(figure(out_a))}）+ {name[out_b]}（{format_number(figure(out_b))}）")


def rule_e1(report: Report, last: LastYear | None = None) -> list[Finding]:
    table = report.sec3
    (in_a, in_b), (out_a, out_b) = SEC3_BALANCE
    findings = []
    for col in (c.key for c in TABLES["sec3"].columns):
        if _not_filled_yet(report, "sec3", "E1", (out_a, col)):
            continue
        expected = _n(table[in_a][col]) + _n(table[in_b][col]) - _n(table[out_b][col])
        actual = _n(table[out_a][col])
        if expected != actual:
            findings.append(_mismatch("E1", "sec3", out_a, col, expected, actual, _balance_sentence(table, col)))
    return findings


def _sum_rule(rule: str) -> Callable[[Report, LastYear | None], list[Finding]]:
    def check(report: Report, last: LastYear | None = None) -> list[Finding]:
        findings = []
        for layout in TABLES.values():
            table = report.table(layout.key)
            for s in layout.sums:
                if s.rule != rule or _not_filled_yet(report, layout.key, rule, s.target):
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
    """Counts are whole and not negative; an amount is not negative.  An amount with more than four decimals
    is right in value, only printed too finely: W6 offers it rounded."""
    findings = []
    for layout in TABLES.values():
        table = report.table(layout.key)
        for row in layout.rows:
            for col in row.columns:
                value = table[row.key][col]
                if value is None:
                    continue
                if layout.column(col).decimals:
                    if value < 0:
                        findings.append(Finding("E5", ERROR, layout.key, row.key, col, None, value,
                                                f"{cell_caption(layout.key, row.key, col)}填写的“{format_number(value)}”"
                                                f"不是不小于0的金额（万元）"))
                    elif value != (rounded := value.quantize(_TEN_THOUSANDTH)):
                        findings.append(Finding("W6", WARNING, layout.key, row.key, col, rounded, value,
                                                f"{cell_caption(layout.key, row.key, col)}“{format_number(value)}”"
                                                f"超过4位小数，应四舍五入为 {format_number(rounded)}"))
                elif value < 0 or value != value.to_integral_value():
                    findings.append(Finding("E5", ERROR, layout.key, row.key, col, None, value,
                                            f"{cell_caption(layout.key, row.key, col)}填写的“{format_number(value)}”"
                                            f"不是不小于0的整数"))
    return findings


# ---------------------------------------------------------------- warnings
def _year_link_reason(link: YearLink, last: LastYear, report: Report, last_value: Decimal) -> str:
    source_table, source_row, _ = link.source
    if not (link.added or link.removed):
        return f"应等于{last.year}年报告“{TABLES[source_table].row(source_row).label}”的数字"
    parts = [f"上年{link.caption} {format_number(last_value)} 件"]
    for verb, cells in (("加", link.added), ("减", link.removed)):
        for table, row, col in cells:
            what = TABLES[table].column(col).label.removesuffix("件数")
            parts.append(f"{verb}{what} {format_number(_n(report.value(table, row, col)))} 件")
    return "，".join(parts)


def _year_link_rule(rule: str) -> Callable[[Report, LastYear | None], list[Finding]]:
    """This year's figures that last year's report fixes (model.layout.YEAR_LINKS)."""
    def check(report: Report, last: LastYear | None = None) -> list[Finding]:
        if last is None:
            return []
        findings = []
        for link in YEAR_LINKS:
            last_value = last.value(*link.source)
            table, row, col = link.target
            actual = report.value(table, row, col)
            if link.rule != rule or last_value is None or (actual is None and (link.added or link.removed)):
                continue  # not known last year, or this year's changes not filled in yet
            expected = last_value + sum((_n(report.value(*c)) for c in link.added), Decimal(0)) \
                - sum((_n(report.value(*c)) for c in link.removed), Decimal(0))
            if expected != _n(actual):
                findings.append(_mismatch(rule, table, row, col, expected, _n(actual),
                                          _year_link_reason(link, last, report, last_value), WARNING))
        return findings

    check.__name__ = f"rule_{rule.lower()}"
    return check


rule_w1 = _year_link_rule("W1")
rule_w2 = _year_link_rule("W2")


_FEE_STATEMENT = re.compile(r"处理费|收费通知|未收费|未收取|不收费|免费|收取[^。；]{0,8}费")
_LEADING_NUMBER = re.compile(rf"{LIST_NUMBER}?\s*")  # kept when the sentence after it is replaced


NO_FEE_SENTENCE = "本年度未发出收费通知，未收取信息处理费。"


def fee_sentence(fee: FeeNotice) -> str:
    """六's standard sentence for the figures of its fee form."""
    if not (fee.notices or fee.due or fee.received):
        return NO_FEE_SENTENCE
    return (f"本年度发出收费通知{fee.notices}件，应收信息处理费{format_number(fee.due)}元，"
            f"实收{format_number(fee.received)}元。")


def with_fee_sentence(text: str, sentence: str) -> str | None:
    """`text` with its sentence on the fee (the one W3 accepts) replaced by `sentence`, its numbering (1. or
    （一）) kept; None when it has none."""
    for start, end in sentence_spans(text):
        if _FEE_STATEMENT.search(text, start, end):
            start = _LEADING_NUMBER.match(text, start).end()
            return text[:start] + sentence + text[end:]
    return None


def rule_w3(report: Report, last: LastYear | None = None) -> list[Finding]:
    text = "".join(p.text for p in report.other_matters)
    fee = report.fee_notice
    if fee is not None:
        wanted = fee_sentence(fee)
        if wanted in text:
            return []
        return [Finding("W3", WARNING, "other_matters", None, None, wanted, None,
                        f"{SECTION_HEADINGS['other_matters']}的信息处理费说明与上方填写的数字不一致，应为“{wanted}”"
                        f"（点“写入正文”更新）")]
    if _FEE_STATEMENT.search(text):
        return []
    return [Finding("W3", WARNING, "other_matters", None, None, None, None,
                    f"{SECTION_HEADINGS['other_matters']}没有说明信息处理费的收取情况：应写明发出收费通知的件数和总金额、"
                    f"实际收取的总金额（未收取的写“{NO_FEE_SENTENCE}”）")]


@dataclass(frozen=True)
class _Claim:
    """A way the narrative states one of the layout's named figures (model/layout NAMED_FIGURES)."""

    pattern: re.Pattern
    name: str  # the figure stated (group 1 of the pattern is its number, unless stated_zero)
    also: str | None = None  # another reading that is as right (受理 = 新收 + 上年结转)
    in_wan_yuan: bool = False  # an amount: 元 in the text is 万元 / 10000 in the table
    stated_zero: bool = False  # the pattern itself says 0 (未收到…)

    @property
    def subject(self) -> str:
        return NAMED_FIGURES[self.name].caption

    @property
    def cells(self) -> tuple[tuple[str, str, str], ...]:
        return NAMED_FIGURES[self.name].source_cells

    def figure(self, value: Callable[[str, str, str], Decimal | None], stated: Decimal, name: str | None = None
               ) -> Decimal | None:
        """The figure (blank cells as 0), a rate rounded to the places `stated` was written with."""
        number = figure_value(name or self.name, value, blank_as_zero=True)
        if number is None or not NAMED_FIGURES[name or self.name].per:
            return number
        return rounded(number, max(0, -stated.as_tuple().exponent))


_NUM = r"(\d+(?:\.\d+)?)"
_GAP = r"[^。；，,\d]"  # within one clause, no other number in between
_DOCS = r"(?:行政)?规范性文件"


def _document_claims(kind: str, row: str) -> tuple[_Claim, ...]:
    """制发, 废止 and 现行有效 of 规章 or 行政规范性文件, in either order of verb and kind."""
    claims = []
    for col, verbs, gap in (("issued", r"(?:制发|制定|出台|印发)", 6), ("repealed", r"废止", 8),
                            ("in_force", r"现行有效", 10)):
        claims += [_Claim(re.compile(verbs + _GAP + f"{{0,{gap}}}?" + kind + r"\D{0,4}?" + _NUM + r"\s*件"), f"{row}.{col}"),
                   _Claim(re.compile(kind + _GAP + r"{0,6}?" + verbs + r"\D{0,4}?" + _NUM + r"\s*件"), f"{row}.{col}")]
    return tuple(claims)


_CLAIMS = (
    _Claim(re.compile(r"行政复议[和、及与]行政诉讼" + _GAP + r"{0,6}?" + _NUM + r"\s*件"), "review_and_litigation"),
    _Claim(re.compile(r"未(?:发生|收到|产生|出现)[^。；]{0,20}?行政复议[和、及与]行政诉讼"), "review_and_litigation",
           stated_zero=True),
    _Claim(re.compile(r"行政复议[^。；，,\d和、及与]{0,6}?" + _NUM + r"\s*件"), "review"),
    _Claim(re.compile(r"(?<![复议和、及与])(?:行政)?诉讼" + _GAP + r"{0,6}?" + _NUM + r"\s*件"), "litigation"),
    _Claim(re.compile(r"上一?年度?结转" + _GAP + r"{0,10}?" + _NUM + r"\s*件"), "carried_in"),
    _Claim(re.compile(r"转(?:至|到|入)?下一?年度?" + _GAP + r"{0,8}?" + _NUM + r"\s*件"), "carried_out"),
    _Claim(re.compile(r"(?:受理|办理)" + _GAP + r"{0,12}?申请" + _GAP + r"{0,6}?" + _NUM + r"\s*件"), "new", also="accepted"),
    _Claim(re.compile(r"(?:收到|接到|新收)" + _GAP + r"{0,12}?申请" + _GAP + r"{0,6}?" + _NUM + r"\s*件"), "new"),
    _Claim(re.compile(r"(?:受理|办理)\D{0,4}?" + _NUM + r"\s*件" + _GAP + r"{0,10}?申请"), "new", also="accepted"),
    _Claim(re.compile(r"(?:收到|接到)\D{0,4}?" + _NUM + r"\s*件" + _GAP + r"{0,10}?申请"), "new"),
    _Claim(re.compile(r"未(?:收到|接到|受理)" + _GAP + r"{0,12}?申请"), "new", stated_zero=True),
    _Claim(re.compile(r"办结率" + _GAP + r"{0,4}?" + _NUM + r"\s*[%％]"), "closing_rate"),
    _Claim(re.compile(r"办结(?!率)" + _GAP + r"{0,6}?" + _NUM + r"\s*件"), "closed"),
    _Claim(re.compile(r"予以公开" + _GAP + r"{0,4}?" + _NUM + r"\s*件"), "granted"),
    _Claim(re.compile(r"部分公开" + _GAP + r"{0,4}?" + _NUM + r"\s*件"), "partial"),
    _Claim(re.compile(r"行政事业性收费[^。；\d]{0,12}?" + _NUM + r"\s*(万元|元)"), "fees", in_wan_yuan=True),
    *(claim for kind, row in ((r"规章(?!制度)", "regulations"), (_DOCS, "normative_documents"))
      for claim in _document_claims(kind, row)),
    *(_Claim(re.compile(what + r"(?:决定)?" + _GAP + r"{0,4}?" + _NUM + r"\s*件"), f"{row}.decisions")
      for what, row in (("行政许可", "licensing"), ("行政处罚", "punishment"), ("行政强制", "enforcement"))),
)


@lru_cache(maxsize=4096)
def narrative_claims(text: str) -> tuple[tuple[_Claim, re.Match, Decimal], ...]:
    """The numbers a paragraph states, each matched by the first claim that covers its span (remembered by text:
    after a keystroke only the paragraph typed in is read again)."""
    found = []
    taken: list[tuple[int, int]] = []
    for claim in _CLAIMS:
        for match in claim.pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            taken.append(match.span())
            if claim.stated_zero:
                stated = Decimal(0)
            else:
                stated = Decimal(match.group(1))
                if claim.in_wan_yuan and match.group(2) == "元":
                    stated *= Decimal("0.0001")
            found.append((claim, match, stated))
    return tuple(found)


def claimed_links(text: str) -> list[FigureLink]:
    """A link for every figure W4 reads in `text` as a named figure (an amount in 元 stays as written)."""
    return sorted((FigureLink(start=match.start(1), end=match.end(1), figure=claim.name,
                              decimals=max(0, -stated.as_tuple().exponent) if NAMED_FIGURES[claim.name].per
                              else NAMED_FIGURES[claim.name].decimals)
                   for claim, match, stated in narrative_claims(text)
                   if not claim.stated_zero and not (claim.in_wan_yuan and match.group(2) == "元")),
                  key=lambda link: link.start)


def rule_w4(report: Report, last: LastYear | None = None) -> list[Finding]:
    """Numbers in the text against the tables; a number that is last year's figure is W8 instead."""
    findings = []
    for key, index, text in paragraphs(report):
        linked = rendered(report, report.narrative(key)[index])[1]
        claims = narrative_claims(text)
        for (claim, match, stated), place in zip(claims, figure_places(text, [m.start() for _c, m, _s in claims])):
            if any(start < match.end() and match.start() < end for start, end, _link in linked):
                continue  # a linked figure is the table's own
            figure = claim.figure(report.value, stated)
            if stated == figure or (claim.also and stated == claim.figure(report.value, stated, claim.also)):
                continue
            quoted = f"{where(key, index)}写“{match.group(0).strip()}”"
            if last is not None and stated and stated == claim.figure(last.value, stated):
                findings.append(Finding(
                    "W8", WARNING, key, str(index), None, figure, stated,
                    f"{quoted}，这是{last.year}年报告的数字，本年度{claim.subject}为 {format_number(figure)}",
                    place=place))
                continue
            alternative = (f"（{NAMED_FIGURES[claim.also].caption}为 "
                           f"{format_number(claim.figure(report.value, stated, claim.also))}）") \
                if claim.also else ""
            findings.append(Finding("W4", WARNING, key, str(index), None, figure, stated,
                                    f"{quoted}，而{claim.subject}为 {format_number(figure)}{alternative}",
                                    place=place))
    return findings


def _all_zero(table_key: str, report: Report) -> bool:
    return all(not value for row in report.table(table_key).values() for value in row.values())


def rule_w12(report: Report, last: LastYear | None = None) -> list[Finding]:
    mentioned: dict[str, bool] = {}  # table → the text states a number above 0 (True) or says none (False)
    for _key, _index, text in paragraphs(report):
        for claim, _match, stated in narrative_claims(text):
            for table in {cell[0] for cell in claim.cells}:
                mentioned[table] = mentioned.get(table, False) or stated > 0
    findings = []
    for table, what in (("sec3", "收到政府信息公开申请"), ("sec4", "发生行政复议或行政诉讼")):
        if _all_zero(table, report) and mentioned.get(table):
            findings.append(Finding("W12", WARNING, table, None, None, None, None,
                                    f"正文写了{what}的件数，{SECTION_HEADINGS[table]}却全为0，请填写表格或改正正文"))
    if _all_zero("sec3", report) and "sec3" not in mentioned:
        findings.append(Finding("W12", NOTE, "sec3", None, None, None, None,
                                f"{SECTION_HEADINGS['sec3']}全为0，正文也没有提到申请：请确认本年度确实没有收到申请，"
                                "并在正文中写明“本年度未收到政府信息公开申请”"))
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


# a linked figure of 0 followed by what it is made of, or by a share of it: the sentence no longer makes sense
_ZERO_THEN_DETAIL = re.compile(r"\s*件?\s*[，,]?\s*(?:其中|占)")


def rule_w14(report: Report, last: LastYear | None = None) -> list[Finding]:
    """Per sentence: its linked figures whose cells are still blank (待填), or a linked 0 it goes on to break down."""
    findings = []
    for key in NARRATIVE_KEYS:
        for index, paragraph in enumerate(report.narrative(key)):
            if not paragraph.links:
                continue
            text, linked = rendered(report, paragraph)
            for number, (first, last_character) in enumerate(sentence_spans(text)):
                inside = [(start, end, link) for start, end, link in linked if first <= start < last_character]
                blank = [NAMED_FIGURES[link.figure].caption for start, end, link in inside
                         if text[start:end] == BLANK_FIGURE]
                quoted = f"{where(key, index)}“{text[first:last_character]}”"
                if blank:
                    findings.append(Finding("W14", WARNING, key, str(index), str(number), None, None,
                                            f"{quoted}中关联表格的数字还没有填写：{'、'.join(blank)}"))
                elif any(text[start:end] == "0" and _ZERO_THEN_DETAIL.match(text, end) for start, end, _ in inside):
                    findings.append(Finding("W14", WARNING, key, str(index), str(number), None, Decimal(0),
                                            f"{quoted}：关联的数字为 0，句子后面的“其中……”已无意义，请改写这句"))
    return findings


RULES = (rule_e1, rule_e2, rule_e3, rule_e4, rule_e5, rule_w1, rule_w2, rule_w3, rule_w4, rule_w5, rule_w12, rule_w14,
         *TEXT_RULES)
_SEVERITY_ORDER = {ERROR: 0, WARNING: 1, NOTE: 2}


def check_report(report: Report, last: LastYear | None = None) -> list[Finding]:
    """All findings, errors first; `last` defaults to the last year remembered in the report."""
    last = last if last is not None else report.last_year
    findings = [f for rule in RULES for f in rule(report, last)]
    return sorted(findings, key=lambda f: _SEVERITY_ORDER[f.severity])
