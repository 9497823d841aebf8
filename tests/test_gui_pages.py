"""Sections the clerk has not opened yet behave as if they had been there from the start: a report opens on
报告信息 and each other page is made when she first goes to it, is sent to it, or changes it from elsewhere."""
from decimal import Decimal

from gui_fixtures import SAMPLE, shown, window  # noqa: F401 (fixtures)
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication

from gui.editor.table_model import ERROR_BACKGROUND
from model.carryover import new_from_last_year
from model.fileio import load_report


def test_a_finding_in_a_table_never_opened_puts_the_cursor_on_its_cell(window):
    report = load_report(SAMPLE)
    report.sec3["carried_out"]["natural_person"] += 5
    window.show_untitled(report, "有错的报告")
    finding = next(f for f in window.document.findings if f.table == "sec3" and f.row is not None)
    window.go_to_finding(finding)
    page = window.editor.tables["sec3"]
    assert window.editor.current_section() == "sec3"
    assert page.isVisible()
    assert page.view.currentIndex() == page.model.index_of(finding.row, finding.column)


def test_find_reaches_the_last_section_before_it_was_ever_opened(qtbot, window):
    window.find_action.trigger()
    window.find_bar.field.insert("处理费")
    last = [hit for hit in window.find_bar.hits if hit.section == "other_matters"]
    assert last, "六、其他需要报告的事项 names the fee"
    for _ in range(window.find_bar.hits.index(last[0]) + 1):
        qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Return)
    assert window.editor.current_section() == "other_matters"
    assert window.editor.narratives["other_matters"].edit.textCursor().selectedText() == "处理费"


def test_a_change_from_the_findings_panel_to_an_unopened_draft_table_shows_its_errors(window):
    """As 改为 in 检查结果 does: the clerk's first change to a table ends the 待填 grace, seen or not."""
    window.show_untitled(new_from_last_year(load_report(SAMPLE), 2022), "新建", needs_save=True)
    window.document.set_cells("sec3", {("new", "business"): Decimal(0)}, "修改")
    window.editor.show_section("sec3")
    brush = window.editor.tables["sec3"].model.index_of("total", "natural_person").data(Qt.ItemDataRole.BackgroundRole)
    assert brush.color() == ERROR_BACKGROUND  # 3 carried in, none done


def test_undo_of_a_change_made_elsewhere_shows_the_table_and_the_cell(window):
    window.document.set_cells("sec2", {("fees", "amount"): Decimal(5)}, "修改")
    assert window.editor.current_section() == "meta"
    window.undo_action.trigger()
    page = window.editor.tables["sec2"]
    assert window.editor.current_section() == "sec2"
    assert page.view.currentIndex() == page.model.index_of("fees", "amount")
    assert shown(window, "sec2", "fees", "amount") != "5"


def test_the_right_click_menu_of_a_text_opened_late_offers_the_windows_undo(qtbot, window):
    window.editor.show_section("problems")
    edit = window.editor.narratives["problems"].edit
    qtbot.waitExposed(edit)
    edit.append("新增一段。")
    offered = []

    def read_and_close_menu():
        menu = QApplication.activePopupWidget()
        offered.extend(action.text() for action in menu.actions())
        menu.close()

    QTimer.singleShot(0, read_and_close_menu)
    QApplication.sendEvent(edit.viewport(), QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(5, 5),
                                                              edit.viewport().mapToGlobal(QPoint(5, 5))))
    assert offered[0] == "撤销 编辑五、存在的主要问题及改进情况"
