"""检查结果 in the editor: 说明原因 on a kept warning (undoable, greyed, counted apart, saved), F1 help, and the
unit's kind choosing the deadline in 报告信息."""
import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from gui.review.findings_panel import EXPLAINED_COLOUR
from gui_fixtures import window  # noqa: F401  (fixture)
from model.fileio import load_report
from model.text_rules import deadline_sentence

REASON = "表四的4件是复议机关转来的案件"


def w4_row(window):
    return next(i for i, f in enumerate(window.findings_panel.shown) if f.rule == "W4")


def explain_w4(window, monkeypatch, text=REASON):
    panel = window.findings_panel
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *args: (text, True))
    panel.list.setCurrentRow(w4_row(window))
    panel.explain(panel.shown[w4_row(window)])


def test_an_explained_warning_is_greyed_counted_apart_and_undone_in_one_step(qtbot, window, monkeypatch):
    panel = window.findings_panel
    assert panel.heading.text() == "检查结果：0 个错误，2 个警告"
    explain_w4(window, monkeypatch)
    item = panel.list.item(w4_row(window))
    assert item.text().endswith(f"已说明：{REASON}")
    assert item.foreground().color() == EXPLAINED_COLOUR
    assert panel.heading.text() == "检查结果：0 个错误，1 个警告（另有 1 条已说明原因）"
    assert "（另有 1 条已说明原因）" in window.state_label.text()
    assert window.document.undo_stack.undoText() == "说明原因（W4）"
    window.document.undo_stack.undo()
    assert window.document.report.explanations == {}
    assert panel.heading.text() == "检查结果：0 个错误，2 个警告"


def test_the_explanation_is_saved_in_the_report_file(qtbot, window, monkeypatch, tmp_path):
    explain_w4(window, monkeypatch)
    path = tmp_path / "explained.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(path), ""))
    assert window.save_as()
    reopened = load_report(path)
    assert list(reopened.explanations.values()) == [REASON]


def test_an_emptied_explanation_is_taken_away(qtbot, window, monkeypatch):
    explain_w4(window, monkeypatch)
    explain_w4(window, monkeypatch, text="  ")
    assert window.document.report.explanations == {}
    assert window.document.undo_stack.undoText() == "删除说明（W4）"


def test_the_context_menu_offers_to_explain_and_f1_explains_the_rule(qtbot, window, monkeypatch):
    panel = window.findings_panel
    rect = panel.list.visualItemRect(panel.list.item(w4_row(window)))
    panel._context_menu(rect.center())
    assert [a.text() for a in panel.menu.actions() if a.text()] == ["说明原因…", "这条检查是什么（F1）"]
    panel.menu.close()
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append((title, text)))
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_F1)
    assert shown and shown[0][0] == "W4 检查说明"
    assert "受理（办理）申请 N 件" in shown[0][1]


def test_the_units_kind_sets_the_deadline_and_is_undoable(qtbot, window):
    page = window.editor.meta_page
    assert page.unit_kind.currentText() == "人民政府"  # 济源市人民政府, read from the name
    assert page.deadline.text() == deadline_sentence(window.document.report, dt.date.today())
    assert page.deadline.text().startswith("人民政府应于2022年3月31日前发布")
    page.unit_kind.setCurrentIndex(page.unit_kind.findData("department"))
    assert window.document.report.unit_kind == "department"
    assert page.deadline.text().startswith("部门应于2022年1月31日前发布")
    window.document.undo_stack.undo()
    assert window.document.report.unit_kind is None and page.unit_kind.currentText() == "人民政府"


def test_each_sentence_copied_from_last_year_is_shaded_in_the_text(qtbot, window):
    from gui.editor.narrative_editor import COPIED_SENTENCE
    from model.carryover import new_from_last_year
    from model.importers import import_file
    from seed_expectations import SEEDS
    window.show_untitled(new_from_last_year(import_file(SEEDS[4]).report, 2022), "草稿")
    editor = window.editor.narratives["problems"]
    copied = [s for s in editor.edit.extraSelections() if s.format.background().color() == COPIED_SENTENCE]
    assert [s.cursor.selectedText() for s in copied][:2] == [
        "存在问题：2022年，开发区管委会政务公开工作取得了部分成效，但与《中华人民共和国政府信息公开条例》规定、"
        "公众的需求还有一定差距：一是政务公开工作覆盖面不够广、时效性不够强，信息公开的内容还需进一步丰富；",
        "二是政务公开工作规范化、制度化水平有待提高；"]
    assert len(copied) == 7


def test_double_clicking_the_missing_date_goes_to_the_date_field(qtbot, window):
    finding = next(f for f in window.document.findings if f.rule == "W13")
    window.go_to_finding(finding)
    assert window.editor.current_section() == "meta"
    assert window.editor.meta_page.published.hasFocus()


def test_a_fee_with_too_many_decimals_is_rounded_from_the_context_menu(qtbot, window):
    from decimal import Decimal
    window.document.set_cells("sec2", {("fees", "amount"): Decimal("4478.171549")}, "修改")
    panel = window.findings_panel
    row = next(i for i, f in enumerate(panel.shown) if f.rule == "W6")
    panel._context_menu(panel.list.visualItemRect(panel.list.item(row)).center())
    offer = panel.menu.actions()[0]
    assert offer.text() == "改为 4478.1715"
    panel.menu.close()
    offer.trigger()
    assert window.document.report.sec2["fees"]["amount"] == Decimal("4478.1715")
    assert not any(f.rule == "W6" for f in window.document.findings)
    assert window.document.undo_stack.undoText() == "表二行政事业性收费本年收费金额（单位：万元）改为 4478.1715"
