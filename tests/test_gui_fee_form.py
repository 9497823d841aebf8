"""The 信息处理费 form above section 六 writes the standard sentence and keeps it in step, one undo step each."""
from gui_fixtures import window  # noqa: F401  (fixture)
from model.report import FeeNotice
from model.rules import rule_w3


def fee_form(window):
    window.editor.show_section("other_matters")
    return window.editor.narratives["other_matters"].fee_form


def texts(window):
    return [p.text for p in window.document.report.other_matters]


def test_all_zero_writes_the_no_fee_sentence_in_place_of_the_old_one(qtbot, window):
    assert texts(window) == ["2021年，共收取政府信息公开处理费160元。"]  # seed 001
    fee_form(window).apply()
    assert texts(window) == ["本年度未发出收费通知，未收取信息处理费。"]
    assert window.document.report.fee_notice == FeeNotice()
    assert window.document.undo_stack.undoText() == "填写信息处理费"
    window.document.undo_stack.undo()
    assert texts(window) == ["2021年，共收取政府信息公开处理费160元。"]
    assert window.document.report.fee_notice is None


def test_a_changed_figure_rewrites_the_sentence_and_a_hand_edit_out_of_step_is_flagged(qtbot, window):
    form = fee_form(window)
    form.notices.setValue(2)
    form.due.setValue(160)
    form.received.setValue(160)
    assert texts(window) == ["本年度发出收费通知2件，应收信息处理费160元，实收160元。"]
    form.received.setValue(100)
    assert texts(window) == ["本年度发出收费通知2件，应收信息处理费160元，实收100元。"]
    assert rule_w3(window.document.report) == []
    window.document.report.other_matters[0].text = "本年度发出收费通知2件，应收信息处理费160元，实收160元。"
    [finding] = rule_w3(window.document.report)
    assert finding.message == ("六、其他需要报告的事项的信息处理费说明与上方填写的数字不一致，"
                               "应为“本年度发出收费通知2件，应收信息处理费160元，实收100元。”（点“写入正文”更新）")


def test_undo_puts_the_figures_back_into_the_form(qtbot, window):
    form = fee_form(window)
    form.notices.setValue(3)
    window.document.undo_stack.undo()
    assert form.notices.value() == 0


def test_only_the_sentence_on_the_fee_is_replaced_numbering_and_other_sentences_kept():
    from model.rules import with_fee_sentence
    new = "本年度未发出收费通知，未收取信息处理费。"
    assert with_fee_sentence("1. 2021年度开发区管委会未收取信息处理费。", new) == f"1. {new}"
    assert with_fee_sentence("本单位无其他事项。按照规定，2021年依申请公开政府信息未收费。", new) == \
        f"本单位无其他事项。{new}"
    assert with_fee_sentence("无", new) is None
