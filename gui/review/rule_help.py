"""帮助 › 检查规则: every rule of the check in plain Chinese with an example, and what ✓ ✗ ! mean."""
from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from model.findings import ERROR, NOTE, OK_MARK, RULE_INFO, SEVERITY_MARKS, WARNING

MARKS = (
    (OK_MARK, "这一部分没有发现问题。"),
    (SEVERITY_MARKS[ERROR], "错误：数字之间的关系不成立（E 开头的规则），这样的报告不宜送审或公开，必须改正。"),
    (SEVERITY_MARKS[WARNING], "警告：很可能有误或不完整（W 开头的规则），请核对；确属实际情况的可以保留并说明原因。"),
    (SEVERITY_MARKS[NOTE], "提示：多半没有问题，请确认一下。"),
)
COLOURS = (
    ("灰蓝底", "自动计算的总计，不能直接填写。"),
    ("红底", "错误所在的格子；刚填的一格使等式不成立时，它也是红底。"),
    ("浅红底", "参与了不成立等式的格子，其中有填错的。"),
    ("黄底", "警告所在的格子或段落。"),
    ("“待填”", "尚未填写的格子；没有发生的事项填 0。"),
    ("浅蓝底", "沿用上年、尚未修改的句子（整段未改时整段标出），其中橙色的是上年的数字和年份，请按本年情况修改。"),
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
        if info.example:
            parts.append(f"<p><i>例：</i>{html.escape(info.example)}</p>")
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
