"""帮助 › 检查规则说明: every rule explained with an example, the marks and colours, opened at a finding's rule."""
import html

from gui_fixtures import window  # noqa: F401 (fixture)

from gui.review.rule_help import help_html
from model.findings import RULE_INFO


def test_every_rule_is_in_the_help_and_the_statutory_ones_have_an_example():
    page = help_html()
    for rule, info in RULE_INFO.items():
        assert f"{rule}　{html.escape(info.title)}" in page and html.escape(info.help) in page
    assert {f"E{i}" for i in range(1, 6)} | {f"W{i}" for i in range(1, 6)} <= {rule for rule, info in RULE_INFO.items() if info.example}
    for mark in ("✓", "✗", "!", "待填", "浅红底", "沿用上年"):
        assert mark in page


def test_the_rules_help_opens_at_the_rule_of_the_selected_finding(qtbot, window):
    panel = window.findings_panel
    panel.list.setCurrentRow(0)
    assert panel.shown[0].rule == "W4"
    window.rule_help_action.trigger()
    dialog = window.rule_help
    assert dialog.isVisible() and dialog.windowTitle() == "检查规则说明"
    browser = dialog.browser
    top = browser.cursorForPosition(browser.viewport().rect().topLeft()).position()
    bottom = browser.cursorForPosition(browser.viewport().rect().bottomRight()).position()
    w4 = browser.document().find("W4").position()
    assert top <= w4 <= bottom  # scrolled to the rule
    assert browser.verticalScrollBar().value() > 0


def test_the_section_list_explains_its_marks(window):
    assert window.editor.marks_legend.text() == "✓ 未发现问题　✗ 错误　! 警告　? 提示\n规则说明见“帮助”菜单"
    assert window.editor.marks_legend.isVisible()
