"""What a rule reports, and the one registry of rules that the editor, the command line and the exports read.

Each rule has a stable code, a severity, a title (what must hold) and a help text in plain Chinese: why an
evaluator deducts for it and what to change.  A finding the clerk keeps on purpose may carry her
explanation (stored in the report by the finding's key); it is then counted apart.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Iterable, Mapping

ERROR = "error"
WARNING = "warning"
NOTE = "note"  # asks the clerk to confirm something that is probably right
SEVERITY_NAMES = {ERROR: "错误", WARNING: "警告", NOTE: "提示"}  # as the clerk reads them everywhere
SEVERITY_MARKS = {ERROR: "✗", WARNING: "!", NOTE: "?"}
OK_MARK = "✓"  # a section with nothing found


@dataclass(frozen=True)
class RuleInfo:
    code: str
    title: str  # what must hold, one line
    help: str  # why it matters and what to change (F1 in 检查结果)
    example: str = ""  # a case the clerk recognises (帮助 › 检查规则说明, F1)
    offers_value: bool = False  # a finding on a cell carries the value to put there (expected)


_RULES = (
    RuleInfo("E1", "第一项加第二项之和应等于第三项加第四项之和",
             "表三每一列：本年新收加上年结转，应等于本年办理结果总计加结转下年度继续办理。这是表三注明的勾稽关系，"
             "不相等时评估会直接扣分。请核对新收、结转和各项办理结果。",
             example="自然人一列新收 161、上年结转 1，共 162；办理结果总计 159、结转下年度 3，共 162，成立。若把结转下年度"
             "误填为 13，（七）总计就显示“应为 149，实为 159”，浅红底的格子里有填错的，红底的是刚填的那一格。"),
    RuleInfo("E2", "（七）总计应等于（一）至（六）各项之和",
             "表三“（七）总计”由编辑器自动相加；导入的报告若印错总计，这里会指出。",
             example="导入的报告（一）予以公开 83、（二）部分公开 16……合计 159，但印着的总计是 160。"),
    RuleInfo("E3", "总计应等于自然人与法人或其他组织各列之和",
             "表三每一行的“总计”列应等于自然人和五类法人或其他组织之和。",
             example="新收一行：自然人 161，商业企业 0，科研机构 1，社会公益组织 1，法律服务机构 2，其他 0，总计应为 165。"),
    RuleInfo("E4", "总计应等于结果维持、结果纠正、其他结果、尚未审结之和",
             "表四行政复议、未经复议直接起诉、复议后起诉三组各自的总计，应等于本组四项之和。",
             example="行政复议：维持 3、纠正 1、其他 0、尚未审结 1，总计应为 5。"),
    RuleInfo("E5", "件数应为不小于0的整数，收费金额应为不小于0的数",
             "件数只能填 0 或正整数；收费金额以万元为单位，不能为负数。",
             example="件数填“-3”或“2.5”会被拒绝；160 元的收费应填 0.016（万元）。"),
    RuleInfo("W1", "上年结转数应等于上年报告的结转下年度继续办理数",
             "表三“二、上年结转”每一列应与上年报告“四、结转下年度继续办理”相同。数字不同的，核对上年报告或在说明中写明原因。",
             example="2021 年报告结转下年度 3 件，2022 年报告的上年结转也应是 3 件。"),
    RuleInfo("W2", "现行有效件数应等于上年现行有效件数加本年制发件数减本年废止件数",
             "表二规章、行政规范性文件的现行有效件数应能由上年现行有效件数推算出来；清理后有出入的，请说明原因。",
             example="上年现行有效规范性文件 436 件，本年制发 20 件、废止 6 件，本年现行有效应为 450 件。"),
    RuleInfo("W3", "第六部分应说明信息处理费的收取情况",
             "格式要求第六部分报告依据《政府信息公开信息处理费管理办法》收取信息处理费的情况：发出收费通知的件数和总金额、"
             "实际收取的总金额。未收取的写“本年度未发出收费通知，未收取信息处理费。”。可用第六部分上方的“信息处理费”填写。",
             example="“本年度共发出收费通知 2 件，总金额 160 元，实际收取 160 元。”"),
    RuleInfo("W4", "正文中的数字应与表格一致",
             "正文中的主动公开、申请、结转、办结、复议、诉讼、收费等数字应与表二至表四一致。"
             "“受理（办理）申请 N 件”把新收和上年结转合计的，按合计核对。",
             example="总体情况写“全年收到信息公开申请件 165 件”，表三本年新收总计也应是 165。"),
    RuleInfo("W5", "各部分应填写完整，标题应与机关名称和年度一致",
             "机关名称、各部分文字和表格的每个单元格都应填写，没有数字的填 0。",
             example="表四行政复议一行全部空白时应填 0（可在表格上右键“空白填 0”）。"),
    RuleInfo("W14", "正文中关联表格的数字应已填写且说得通",
             "正文中带下划线的数字关联着表格（以上年报告为模板新建时自动关联），总是显示表格中的当前数字。表格还没有填写时"
             "显示“待填”；数字为 0 而句子接着写“其中……”的，请改写这句。",
             example="“全年收到信息公开申请 待填 件”：填写表三本年新收后自动变为本年度的数字。"),
    RuleInfo("W6", "收费金额最多保留4位小数",
             "表二收费金额以万元为单位，格式要求保留4位小数。多出的小数位请四舍五入（在检查结果中右键这一条可直接改为"
             "四舍五入后的数）。", offers_value=True),
    RuleInfo("W7", "正文不应大段照搬上年报告",
             "评估时正文与上年报告雷同（一部分一半以上的句子相同或几乎相同）会扣分。请按本年度的实际工作改写标出的句子；"
             "“本年度未收取信息处理费。”这类短的规范表述不计。"),
    RuleInfo("W8", "正文不应沿用上年的年份和数字",
             "以上年报告为模板时，容易把上年的年份（如“2022年，我单位……”）或上年表格中的数字留在正文里。"
             "请改为本年度的年份和数字。"),
    RuleInfo("W9", "正文中不应留有占位符或空缺的数字",
             "XX、××、某某、（待填）、【】以及“共  件”这样缺数字的地方，公开前必须填写。"),
    RuleInfo("W10", "标题和统计期限应与报告年度一致",
             "标题应为“机关名称 + 年度 + 政府信息公开工作年度报告”；统计期限一句应写明本年度1月1日至12月31日。"),
    RuleInfo("W11", "引用的依据应为现行条例和2021年格式",
             "《中华人民共和国政府信息公开条例》已于2019年修订（国务院令第711号），2007年的条例（国务院令第492号）已废止；"
             "年度报告格式应为国办公开办函〔2021〕30号，2019年的试行格式（国办公开办函〔2019〕60号）已停用。"),
    RuleInfo("W12", "收到申请或发生复议诉讼时，表三、表四不应全为0",
             "正文写了收到申请或发生行政复议、行政诉讼，表三或表四却全为0，二者必有一处错误。"
             "表格全为0且正文也没有提到的，请确认本年度确实没有。"),
    RuleInfo("W13", "应有署名和成文日期，并在规定时限前发布",
             "报告末尾应有发文机关署名和成文日期。政府部门应于次年1月31日前、县级以上人民政府应于次年3月31日前"
             "发布年度报告（条例第五十条），机关类别在“报告信息”中选择。"),
)
RULE_INFO: dict[str, RuleInfo] = {r.code: r for r in _RULES}
RULE_TITLES: dict[str, str] = {r.code: r.title for r in _RULES}


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    table: str  # sec2/sec3/sec4, a narrative key, or "meta"
    row: str | None  # a table's row key, a paragraph's index, or a meta field
    column: str | None  # a table's column key, or a sentence's index within its paragraph
    expected: Decimal | str | None
    actual: Decimal | str | None
    message: str
    # within a paragraph, the sentence and the figure in it ("2.1": third sentence, its second figure) for a
    # finding about one figure or year, so that two findings in one paragraph are explained apart
    place: str | None = None

    @property
    def key(self) -> str:
        """Stable while the clerk edits elsewhere: the rule and the place, not the figures."""
        return self.paragraph_key + (f"/{self.place}" if self.place else "")

    @property
    def paragraph_key(self) -> str:
        """The key without the place within the paragraph (report files before format version 4 saved it)."""
        return "/".join((self.rule, self.table, self.row or "", self.column or ""))

    def to_json(self, explanations: Mapping[str, str] | None = None) -> dict:
        data = asdict(self)
        for key in ("expected", "actual"):
            if isinstance(data[key], Decimal):
                data[key] = format_number(data[key])
        data["key"] = self.key
        data["explanation"] = (explanations or {}).get(self.key)
        return data


def format_number(value: Decimal | None) -> str:
    """A number as the table prints it: 12, 4478.1715 (never 1.2E+1)."""
    if value is None:
        return ""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def count_by_severity(findings: Iterable[Finding]) -> tuple[int, int]:
    """(errors, warnings); notes are neither."""
    findings = list(findings)
    return sum(f.severity == ERROR for f in findings), sum(f.severity == WARNING for f in findings)


@dataclass(frozen=True)
class Tally:
    """What is left to do, with the findings the clerk explained counted apart."""

    errors: int
    warnings: int
    notes: int
    explained: int
    explained_errors: int  # an explained error is still an error: export says so

    def sentence(self) -> str:
        if not (self.errors or self.warnings or self.notes or self.explained):
            return "未发现问题"
        parts = [f"{self.errors} 个错误，{self.warnings} 个警告"]
        if self.notes:
            parts.append(f"，{self.notes} 个提示")
        if self.explained:
            among = f"，其中 {self.explained_errors} 个错误" if self.explained_errors else ""
            parts.append(f"（另有 {self.explained} 条已说明原因{among}）")
        return "".join(parts)


def tally(findings: Iterable[Finding], explanations: Mapping[str, str]) -> Tally:
    open_findings, explained = [], []
    for finding in findings:
        (explained if finding.key in explanations else open_findings).append(finding)
    errors, warnings = count_by_severity(open_findings)
    return Tally(errors, warnings, len(open_findings) - errors - warnings, len(explained),
                 sum(f.severity == ERROR for f in explained))
