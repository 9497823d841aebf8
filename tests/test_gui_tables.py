"""Typing, checking and pasting in the statutory tables, through the real window."""
from decimal import Decimal

from gui_fixtures import SAMPLE, answers, paste_at, shown, table_page, type_into_cell, window  # noqa: F401 (fixtures)
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit

from gui.editor.table_model import ERROR_BACKGROUND
from model.carryover import new_from_last_year
from model.fileio import load_report


def test_typing_in_table_three_updates_the_totals(qtbot, window):
    assert shown(window, "sec3", "total", "natural_person") == "159"
    type_into_cell(qtbot, window, "sec3", "granted", "natural_person", "90")  # was 83
    assert shown(window, "sec3", "granted", "natural_person") == "90"
    assert shown(window, "sec3", "granted", "total") == "94"
    assert shown(window, "sec3", "total", "natural_person") == "166"
    assert shown(window, "sec3", "total", "total") == "170"


def test_enter_moves_down_to_the_next_cell_to_fill(qtbot, window):
    type_into_cell(qtbot, window, "sec3", "granted", "business", "1")
    view = window.editor.tables["sec3"].view
    assert view.currentIndex() == view.table_model.index_of("partial", "business")


def test_an_e1_inconsistency_is_flagged_listed_and_clears_when_fixed(qtbot, window):
    type_into_cell(qtbot, window, "sec3", "new", "business", "2")
    model = window.editor.tables["sec3"].model
    flagged = model.index_of("total", "business")
    assert model.severity(("total", "business")) == "error"
    assert flagged.data(Qt.ItemDataRole.BackgroundRole).color() == ERROR_BACKGROUND
    tooltip = flagged.data(Qt.ItemDataRole.ToolTipRole)
    assert "E1" in tooltip and "第一项加第二项之和应等于第三项加第四项之和" in tooltip
    assert "应为 2，实为 0" in tooltip
    listed = [window.findings_panel.list.item(i).text() for i in range(window.findings_panel.list.count())]
    assert any("E1" in text and "（七）总计（法人或其他组织·商业企业）" in text for text in listed)
    assert "2 个错误" in window.state_label.text()
    assert "✗" in window.editor.sections.item(3).text()

    type_into_cell(qtbot, window, "sec3", "granted", "business", "2")
    assert model.severity(("total", "business")) is None
    assert flagged.data(Qt.ItemDataRole.BackgroundRole) != ERROR_BACKGROUND
    assert not any(f.rule == "E1" for f in window.document.findings)
    listed = [window.findings_panel.list.item(i).text() for i in range(window.findings_panel.list.count())]
    assert not any("E1" in text for text in listed)
    assert "0 个错误" in window.state_label.text()


def test_double_clicking_a_finding_jumps_to_its_cell(qtbot, window):
    type_into_cell(qtbot, window, "sec3", "new", "research", "4")
    window.editor.show_section("overview")
    finding = next(f for f in window.document.findings if f.rule == "E1" and f.column == "research")
    panel = window.findings_panel
    item = panel.item_for(finding)
    rect = panel.list.visualItemRect(item)
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.editor.current_section() == "sec3"
    view = window.editor.tables["sec3"].view
    assert view.currentIndex() == view.table_model.index_of("total", "research")


def test_a_spreadsheet_block_pastes_in_one_step_and_undoes_in_one(qtbot, window):
    page = table_page(window, "sec3")
    before = {r: dict(window.document.report.sec3[r]) for r in ("granted", "partial", "withheld_1")}
    # 3 rows × 7 columns as Excel/WPS put them on the clipboard, with a total that disagrees
    paste_at(page, "granted", "natural_person", "1\t2\t3\t4\t5\t6\t21\r\n7\t0\t0\t0\t0\t0\t7\r\n１\t1,000\t0\t0\t0\t0\t999\r\n")
    assert [shown(window, "sec3", "granted", c) for c in ("natural_person", "business", "other_org", "total")] \
        == ["1", "2", "6", "21"]
    assert shown(window, "sec3", "partial", "natural_person") == "7"
    assert shown(window, "sec3", "withheld_1", "business") == "1000"
    assert shown(window, "sec3", "withheld_1", "total") == "1001"  # the pasted 999 is not taken
    assert "总计由程序计算" in window.statusBar().currentMessage()

    assert window.undo_action.text() == "撤销 粘贴 18 个单元格"  # 3 × 7 less the 3 totals, one step
    window.undo_action.trigger()
    after_undo = {r: dict(window.document.report.sec3[r]) for r in before}
    assert after_undo == before
    assert shown(window, "sec3", "total", "total") == "163"


def test_a_paste_with_a_word_in_it_changes_nothing(qtbot, window):
    page = table_page(window, "sec3")
    paste_at(page, "granted", "natural_person", "1\t2\n3\t无\n")
    assert shown(window, "sec3", "granted", "natural_person") == "83"
    assert "没有粘贴" in window.statusBar().currentMessage()
    assert not window.document.undo_stack.canUndo()


def test_copy_puts_the_selected_range_on_the_clipboard_as_tab_separated_text(qtbot, window):
    page = table_page(window, "sec3")
    model = page.model
    top_left, bottom_right = model.index_of("new", "natural_person"), model.index_of("carried_in", "research")
    page.view.selectionModel().select(QItemSelection(top_left, bottom_right),
                                      QItemSelectionModel.SelectionFlag.Select)
    page.view.copy_selection()
    assert QGuiApplication.clipboard().text() == "161\t0\t1\r\n1\t0\t0\r\n"


def test_letters_in_a_count_cell_are_refused_and_not_stored(qtbot, window):
    type_into_cell(qtbot, window, "sec3", "partial", "natural_person", "abc")
    assert shown(window, "sec3", "partial", "natural_person") == "16"
    assert "不是数字" in window.statusBar().currentMessage()
    view = window.editor.tables["sec3"].view
    assert view.currentIndex() == view.table_model.index_of("partial", "natural_person")  # stays to retype
    type_into_cell(qtbot, window, "sec3", "partial", "natural_person", "2.5")
    assert shown(window, "sec3", "partial", "natural_person") == "16"
    assert "整数" in window.statusBar().currentMessage()
    assert not window.document.undo_stack.canUndo()


def test_full_width_and_grouped_digits_are_read(qtbot, window):
    # what the cell editor hands over after a Chinese input method typed full-width digits
    model = table_page(window, "sec2").model
    assert model.setData(model.index_of("licensing", "decisions"), "１２,３４５")
    assert window.document.report.sec2["licensing"]["decisions"] == Decimal(12345)


def test_the_fee_cell_takes_four_decimals(qtbot, window):
    type_into_cell(qtbot, window, "sec2", "fees", "amount", "12.3456")
    assert shown(window, "sec2", "fees", "amount") == "12.3456"
    type_into_cell(qtbot, window, "sec2", "fees", "amount", "1.23456")
    assert shown(window, "sec2", "fees", "amount") == "12.3456"
    assert "4 位小数" in window.statusBar().currentMessage()


def test_delete_clears_the_selected_cells_and_the_totals_follow(qtbot, window):
    page = table_page(window, "sec3")
    page.view.go_to(page.model.index_of("granted", "natural_person"))
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert shown(window, "sec3", "granted", "natural_person") == "待填"
    assert shown(window, "sec3", "granted", "total") == "4"
    window.undo_action.trigger()
    assert shown(window, "sec3", "granted", "natural_person") == "83"


def test_keys_move_through_editable_cells_only(qtbot, window):
    page = table_page(window, "sec3")
    view, model = page.view, page.model
    view.go_to(model.index_of("new", "other_org"))
    qtbot.keyClick(view, Qt.Key.Key_Tab)  # skips the computed 总计 at the row's end
    assert view.currentIndex() == model.index_of("carried_in", "natural_person")
    qtbot.keyClick(view, Qt.Key.Key_Backtab)
    assert view.currentIndex() == model.index_of("new", "other_org")
    qtbot.keyClick(view, Qt.Key.Key_Right)  # nothing editable to the right
    assert view.currentIndex() == model.index_of("new", "other_org")
    view.go_to(model.index_of("other_3", "business"))
    qtbot.keyClick(view, Qt.Key.Key_Down)  # over the computed （七）总计 row
    assert view.currentIndex() == model.index_of("carried_out", "business")

    page = table_page(window, "sec2")
    view, model = page.view, page.model
    view.go_to(model.index_of("normative_documents", "issued"))
    qtbot.keyClick(view, Qt.Key.Key_Down)  # over the header rows of the next block
    assert view.currentIndex() == model.index_of("licensing", "decisions")
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert view.currentIndex() == model.index_of("normative_documents", "issued")


def test_official_headers_are_spanned_rows_of_the_table(window):
    page = table_page(window, "sec3")
    view, model = page.view, page.model
    assert model.index(0, 0).data().startswith("（本列数据的勾稽关系为")
    assert (view.rowSpan(0, 0), view.columnSpan(0, 0)) == (3, 3)
    assert model.index(1, 4).data() == "法人或其他组织" and view.columnSpan(1, 4) == 5
    assert model.index(5, 0).data() == "三、本年度办理结果" and view.rowSpan(5, 0) == 22
    assert not view.horizontalHeader().isVisible()
    assert not model.flags(model.index_of("total", "total")) & Qt.ItemFlag.ItemIsEditable
    page = table_page(window, "sec4")
    assert page.model.index(0, 5).data() == "行政诉讼" and page.view.columnSpan(0, 5) == 10


def test_last_year_figures_are_shown_beside_the_cells_w1_compares(window):
    from model.report import LastYear
    last = window.document.report.model_copy(deep=True)
    last.year = 2020
    last.sec3["carried_out"]["natural_person"] = Decimal(9)
    window.document.set_last_year(LastYear.of(last))
    model = window.editor.tables["sec3"].model
    index = model.index_of("carried_in", "natural_person")
    assert model.last_year_figure(("carried_in", "natural_person")) == "2020年结转 9"
    assert model.severity(("carried_in", "natural_person")) == "warning"
    assert "应为 9，实为 1" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_a_pasted_column_fills_table_two_across_its_block_headers(qtbot, window):
    page = table_page(window, "sec2")
    paste_at(page, "licensing", "decisions", "7\n8\n9\n")
    assert [shown(window, "sec2", r, "decisions") for r in ("licensing", "punishment", "enforcement")] \
        == ["7", "8", "9"]
    assert window.document.undo_stack.count() == 1


def test_one_copied_value_fills_every_selected_cell(qtbot, window):
    page = table_page(window, "sec3")
    model = page.model
    page.view.go_to(model.index_of("withheld_1", "natural_person"))
    page.view.selectionModel().select(
        QItemSelection(model.index_of("withheld_1", "natural_person"), model.index_of("withheld_2", "total")),
        QItemSelectionModel.SelectionFlag.ClearAndSelect)
    QGuiApplication.clipboard().setText("5\r\n")
    page.view.paste()
    for row in ("withheld_1", "withheld_2"):
        assert [shown(window, "sec3", row, c) for c in ("natural_person", "business", "other_org", "total")] \
            == ["5", "5", "5", "30"]  # the total is computed, not filled
    assert shown(window, "sec3", "withheld_3", "natural_person") == "0"


def test_typing_on_a_total_explains_why_it_cannot_be_typed(qtbot, window):
    page = table_page(window, "sec3")
    page.view.go_to(page.model.index_of("total", "total"))
    qtbot.keyClick(page.view, "5")
    assert "自动计算" in window.statusBar().currentMessage()
    assert shown(window, "sec3", "total", "total") == "163"


def test_f8_walks_through_the_findings(qtbot, window):
    type_into_cell(qtbot, window, "sec3", "new", "business", "2")
    errors = [f for f in window.document.findings if f.severity == "error"]
    window.go_to_next_finding(1)
    view = window.editor.tables["sec3"].view
    assert view.currentIndex() == view.table_model.index_of(errors[0].row, errors[0].column)
    window.go_to_next_finding(1)
    assert view.currentIndex() == view.table_model.index_of(errors[1].row, errors[1].column)


def test_a_refused_entry_is_explained_at_the_cell_until_the_next_entry_is_taken(qtbot, window):
    view = table_page(window, "sec3").view
    view.go_to(view.table_model.index_of("granted", "natural_person"))
    qtbot.keyClick(view, "1")
    editor = view.findChild(QLineEdit)
    editor.insert("2件")  # as the input method hands it over
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    balloon = view.balloon
    qtbot.waitUntil(lambda: balloon.isVisible() and view.findChild(QLineEdit) is None, timeout=2000)
    assert balloon.text() == "三、本年度办理结果（一）予以公开（自然人）：“12件”不是数字，请只填写阿拉伯数字，未填入。"
    cell = view.visualRect(view.table_model.index_of("granted", "natural_person"))
    assert abs(balloon.y() - view.viewport().mapTo(view, cell.bottomLeft()).y()) <= 3  # just under the cell
    assert shown(window, "sec3", "granted", "natural_person") == "83"  # the old value kept

    type_into_cell(qtbot, window, "sec3", "granted", "natural_person", "-3")
    qtbot.waitUntil(lambda: "“-3”是负数" in balloon.text(), timeout=2000)
    assert balloon.isVisible()

    type_into_cell(qtbot, window, "sec3", "granted", "natural_person", "12")
    qtbot.waitUntil(lambda: not balloon.isVisible(), timeout=2000)
    assert window.statusBar().currentMessage() == ""
    assert shown(window, "sec3", "granted", "natural_person") == "12"


def menu_action(view, text):
    return next(a for a in view.context_menu().actions() if a.text().startswith(text))


def test_blank_cells_are_filled_with_zero_from_the_context_menu_in_one_step(qtbot, window):
    window.show_untitled(new_from_last_year(load_report(SAMPLE), 2022), "新建", needs_save=True)
    type_into_cell(qtbot, window, "sec3", "new", "natural_person", "5")
    view = table_page(window, "sec3").view
    assert [a.text() for a in view.context_menu().actions() if a.text()] == [
        "复制", "粘贴", "清除", "空白填 0", "撤销修改一、本年新收政府信息公开申请数量（自然人）"]

    menu_action(view, "空白填 0").trigger()
    assert shown(window, "sec3", "new", "business") == "0"
    assert shown(window, "sec3", "other_3", "other_org") == "0"
    assert shown(window, "sec3", "new", "natural_person") == "5"  # what she typed stays
    assert shown(window, "sec3", "carried_in", "natural_person") == "3"
    assert window.statusBar().currentMessage() == "已在表中 137 个空白单元格填入 0。可用“撤销”一步恢复。"
    assert not [f for f in window.document.findings if f.rule == "W5" and f.table == "sec3"]

    menu_action(view, "撤销").trigger()
    assert shown(window, "sec3", "new", "business") == "待填"
    assert shown(window, "sec3", "new", "natural_person") == "5"


def test_blank_cells_of_a_selected_range_only(qtbot, window):
    window.show_untitled(new_from_last_year(load_report(SAMPLE), 2022), "新建", needs_save=True)
    page = table_page(window, "sec4")
    model, view = page.model, page.view
    selection = QItemSelection(model.index_of("counts", "review_upheld"), model.index_of("counts", "review_pending"))
    view.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    menu_action(view, "空白填 0").trigger()
    assert [shown(window, "sec4", "counts", c) for c in ("review_upheld", "review_pending", "direct_upheld")] == [
        "0", "0", "待填"]
    assert window.statusBar().currentMessage() == "已在选中范围内 4 个空白单元格填入 0。可用“撤销”一步恢复。"
