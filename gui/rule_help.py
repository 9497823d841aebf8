"""帮助 › 检查规则: every rule of the check in plain Chinese with an example, and what ✓ ✗ ! mean."""
from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from model.findings import RULE_INFO

# an example a clerk recognises, beside each rule's own help text in the registry (model/findings.RULE_INFO)
RULE_EXAMPLES: dict[str, str] = {
    "E1": "自然人一列新收 161、上年结转 1，共 162；办理结果总计 159、结转下年度 3，共 162，成立。"
          "若把结转下年度误填为 13，（七）总计就显示“应为 149，实为 159”，浅红底的格子里有填错的，红底的是刚填的那一格。",
    "E2": "导入的报告（一）予以公开 83、（二）部分公开 16……合计 159，但印着的总计是 160。",
    "E3": "新收一行：自然人 161，商业企业 0，科研机构 1，社会公益组织 1，法律服务机构 2，其他 0，总计应为 165。",
    "E4": "行政复议：维持 3、纠正 1、其他 0、尚未审结 1，总计应为 5。",
    "E5": "件数填“-3”或“2.5”会被拒绝；160 元的收费应填 0.016（万元）。",
    "W1": "2021 年报告结转下年度 3 件，2022 年报告的上年结转也应是 3 件。",
    "W2": "上年现行有效规范性文件 436 件，本年制发 20 件、废止 6 件，本年现行有效应为 450 件。",
    "W3": "“本年度共发出收费通知 2 件，总金额 160 元，实际收取 160 元。”",
    "W4": "总体情况写“全年收到信息公开申请件 165 件”，表三本年新收总计也应是 165。",
    "W5": "表四行政复议一行全部空白时应填 0（可在表格上右键“空白填 0”）。",
}

MARKS = (
    ("✓", "这一部分没有发现问题。"),
    ("✗", "错误：数字之间的关系不成立（E 开头的规则），这样的报告不宜送审或公开，必须改正。"),
    ("!", "警告：很可能有误或不完整（W 开头的规则），请核对；确属实际情况的可以保留并说明原因。"),
    ("?", "提示：多半没有问题，请确认一下。"),
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
    """The whole help page: the marks, the colours, then every rule with its help text and an example."""
    parts = ["<h2>检查结果中的标记</h2><table cellpadding='4'>"]
    parts += [f"<tr><td><b>{mark}</b></td><td>{html.escape(text)}</td></tr>" for mark, text in MARKS]
    parts.append("</table><h2>表格中的颜色</h2><table cellpadding='4'>")
    parts += [f"<tr><td><b>{html.escape(name)}</b></td><td>{html.escape(text)}</td></tr>" for name, text in COLOURS]
    parts.append("</table><h2>检查规则</h2>")
    for rule, info in RULE_INFO.items():
        parts.append(f"<h3><a name='{rule}'></a>{rule}　{html.escape(info.title)}</h3><p>{html.escape(info.help)}</p>")
        if rule in RULE_EXAMPLES:
            parts.append(f"<p><i>例：</i>{html.escape(RULE_EXAMPLES[rule])}</p>")
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
