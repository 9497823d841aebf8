"""帮助 › 检查规则说明: every rule explained with an example, the marks and colours, F1 at a finding."""
from gui_fixtures import window  # noqa: F401 (fixture)

from gui.rule_help import RULE_EXPLANATIONS, help_html
from model.rules import RULE_TITLES


def test_every_rule_is_in_the_help_and_the_statutory_ones_have_an_example():
    page = help_html()
    for rule, title in RULE_TITLES.items():
        assert f"{rule}　{title}" in page
    assert {f"E{i}" for i in range(1, 6)} | {f"W{i}" for i in range(1, 6)} <= RULE_EXPLANATIONS.keys()
    for mark in ("✓", "✗", "!", "待填", "浅红底", "沿用上年"):
        assert mark in page


def test_f1_on_a_finding_opens_its_explanation(qtbot, window):
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
    assert window.rule_help_action.shortcut().toString() == "F1"


def test_the_section_list_explains_its_marks(window):
    assert window.editor.marks_legend.text() == "✓ 未发现问题　✗ 错误　! 警告\n按 F1 查看检查规则说明"
    assert window.editor.marks_legend.isVisible()
