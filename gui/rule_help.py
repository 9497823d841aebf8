"""帮助 › 检查规则: every rule of the check in plain Chinese with an example, and what ✓ ✗ ! mean."""
from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from model.rules import RULE_TITLES

# why each rule holds and what to do when it does not, with an example a clerk recognises
RULE_EXPLANATIONS: dict[str, tuple[str, str]] = {
    "E1": ("表三每一列：本年新收加上年结转，等于本年办理结果的（七）总计加结转下年度继续办理。"
           "收到的申请要么办完、要么结转，一件也不能多或少。出错时，标成浅红底的是参与计算的格子，红底的是刚填的那一格。",
           "自然人一列新收 161、上年结转 1，共 162；办理结果总计 159、结转下年度 3，共 162，成立。"
           "若把结转下年度误填为 13，（七）总计就会显示“应为 149，实为 159”。"),
    "E2": ("表三的（七）总计由程序把（一）至（六）各项相加算出。只有导入的报告里印着的总计与各项之和不符时才会出现，"
           "修改任一项后总计会重新计算。",
           "导入的报告（一）予以公开 83、（二）部分公开 16……合计 159，但印着的总计是 160。"),
    "E3": ("表三每一行的“总计”列等于自然人与五类法人或其他组织之和，由程序算出；导入的报告印错时出现。",
           "新收一行：自然人 161，商业企业 0，科研机构 1，社会公益组织 1，法律服务机构 2，其他 0，总计应为 165。"),
    "E4": ("表四每组的“总计”等于结果维持、结果纠正、其他结果、尚未审结四项之和，由程序算出；导入的报告印错时出现。",
           "行政复议：维持 3、纠正 1、其他 0、尚未审结 1，总计应为 5。"),
    "E5": ("件数只能是不小于 0 的整数；收费金额以万元为单位，不小于 0，最多保留 4 位小数。",
           "件数填“-3”或“2.5”、收费金额填“0.00016”都会被拒绝；160 元应填 0.016。"),
    "W1": ("本年的“上年结转政府信息公开申请数量”应等于上年报告的“结转下年度继续办理”。"
           "需要先在“报告信息”中关联上年报告（以上年报告为模板新建时会自动关联）。",
           "2021 年报告结转下年度 3 件，2022 年报告的上年结转也应是 3 件。"),
    "W2": ("现行有效件数应等于上年的现行有效件数加本年制发件数、减本年废止件数。需要关联上年报告。",
           "上年现行有效规范性文件 436 件，本年制发 20 件、废止 6 件，本年现行有效应为 450 件。"),
    "W3": ("第六部分必须说明依据《政府信息公开信息处理费管理办法》收取信息处理费的情况；没有收取的写明“本年度未收取信息处理费”。",
           "“本年度共发出收费通知 2 件，总金额 160 元，实际收取 160 元。”"),
    "W4": ("正文中写到的件数（如收到申请、结转、行政复议和行政诉讼的件数）应与表格中的数字一致。",
           "总体情况写“全年收到信息公开申请件 165 件”，表三本年新收总计也应是 165。"),
    "W5": ("各部分都应填写：正文不能空着，表格中没有发生的事项填 0 而不是空着（可在表格上右键“空白填 0”），"
           "标题应与机关名称和年度一致。",
           "表四行政复议一行全部空白时，应填 0。"),
}

MARKS = (
    ("✓", "这一部分没有发现问题。"),
    ("✗", "错误：数字之间的关系不成立（E 开头的规则），这样的报告不宜送审或公开，必须改正。"),
    ("!", "警告：很可能有误或不完整（W 开头的规则），请核对；确属实际情况的可以保留。"),
)
COLOURS = (
    ("灰蓝底", "自动计算的总计，不能直接填写。"),
    ("红底", "错误所在的格子；刚填的一格使等式不成立时，它也是红底。"),
    ("浅红底", "参与了不成立等式的格子，其中有填错的。"),
    ("黄底", "警告所在的格子或段落。"),
    ("“待填”", "尚未填写的格子；没有发生的事项填 0。"),
    ("浅蓝底", "沿用上年的段落，其中橙色的是上年的数字和年份，请按本年情况修改。"),
)


def help_html() -> str:
    """The whole help page: the marks, the colours, then every rule (those added later at least by title)."""
    parts = ["<h2>检查结果中的标记</h2><table cellpadding='4'>"]
    parts += [f"<tr><td><b>{mark}</b></td><td>{html.escape(text)}</td></tr>" for mark, text in MARKS]
    parts.append("</table><h2>表格中的颜色</h2><table cellpadding='4'>")
    parts += [f"<tr><td><b>{html.escape(name)}</b></td><td>{html.escape(text)}</td></tr>" for name, text in COLOURS]
    parts.append("</table><h2>检查规则</h2>")
    for rule, title in RULE_TITLES.items():
        parts.append(f"<h3><a name='{rule}'></a>{rule}　{html.escape(title)}</h3>")
        if rule in RULE_EXPLANATIONS:
            explanation, example = RULE_EXPLANATIONS[rule]
            parts.append(f"<p>{html.escape(explanation)}</p><p><i>例：</i>{html.escape(example)}</p>")
    return "".join(parts)


class RuleHelpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("检查规则说明")
        self.resize(720, 560)
        self.browser = QTextBrowser()
        self.browser.setHtml(help_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)

    def show_rule(self, rule: str) -> None:
        self.browser.scrollToAnchor(rule)
