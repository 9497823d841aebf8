"""Linked figures in the 一 editor: drawn as the tables' current value, typed over to unlink, linked and unlinked from
the context menu and 插入标准表述, every step on the one undo stack."""
import pytest
from gui_fixtures import SAMPLE, make_window, type_into_cell  # noqa: F401 (fixtures)
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMenu

from gui.editor.figure_links import OBJECT_CHARACTER, link_at
from model.carryover import new_from_last_year
from model.fileio import load_report
from model.links import BLANK_FIGURE, current_text
from model.rules import rule_w4

APPLICATIONS = 4  # 全年收到信息公开申请件 165 件，结转下年度继续办理 3 件，办结率 98.2%；行政复议和行政诉讼 0 件。


@pytest.fixture
def carried(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    window.show_untitled(new_from_last_year(load_report(SAMPLE), 2022), "新建", needs_save=True)
    window.editor.show_section("overview")
    return window


def stated(window) -> str:
    report = window.document.report
    return current_text(report, report.overview[APPLICATIONS])


def block_of(window):
    return window.editor.narratives["overview"].paragraph_blocks()[APPLICATIONS]


def test_a_carried_figure_follows_its_cell_on_screen_and_in_the_report(qtbot, carried):
    overview = carried.editor.narratives["overview"]
    assert block_of(carried).text().count(OBJECT_CHARACTER) == 4
    assert stated(carried).startswith(f"全年收到信息公开申请件 {BLANK_FIGURE} 件")
    type_into_cell(qtbot, carried, "sec3", "new", "natural_person", "200")
    assert stated(carried).startswith("全年收到信息公开申请件 200 件")
    position = block_of(carried).position() + block_of(carried).text().index(OBJECT_CHARACTER)
    cursor = QTextCursor(overview.text_document)
    cursor.setPosition(position)
    assert "本年新收申请总计" in overview._link_tooltip(cursor) and "（200）" in overview._link_tooltip(cursor)


def test_typing_over_a_linked_figure_unlinks_it_and_w4_checks_it(qtbot, carried):
    type_into_cell(qtbot, carried, "sec3", "new", "natural_person", "200")
    overview = carried.editor.narratives["overview"]
    block = block_of(carried)
    cursor = overview.edit.textCursor()
    cursor.setPosition(block.position() + block.text().index(OBJECT_CHARACTER))
    cursor.movePosition(QTextCursor.MoveOperation.NextCharacter, QTextCursor.MoveMode.KeepAnchor)
    overview.edit.setTextCursor(cursor)
    qtbot.keyClicks(overview.edit, "210")
    paragraph = carried.document.report.overview[APPLICATIONS]
    assert [link.figure for link in paragraph.links] == ["carried_out", "closing_rate", "review_and_litigation"]
    assert stated(carried).startswith("全年收到信息公开申请件 210 件")
    assert any("写“收到信息公开申请件 210 件”，而本年新收申请总计为 200" in f.message
               for f in rule_w4(carried.document.report))
    carried.undo_action.trigger()
    assert len(carried.document.report.overview[APPLICATIONS].links) == 4
    assert stated(carried).startswith("全年收到信息公开申请件 200 件")


def choose(overview, cursor, starts):
    """Right-click at the cursor and choose the item starting with `starts`."""
    menu = QMenu()
    overview._add_link_actions(menu, cursor)
    next(action for action in menu.actions() if action.text().startswith(starts)).trigger()


def test_unlink_and_link_again_from_the_context_menu_undo_and_redo(qtbot, carried):
    type_into_cell(qtbot, carried, "sec3", "new", "natural_person", "200")
    overview = carried.editor.narratives["overview"]
    cursor = QTextCursor(overview.text_document)
    cursor.setPosition(block_of(carried).position() + block_of(carried).text().index(OBJECT_CHARACTER))
    choose(overview, cursor, "取消关联（200）")
    assert len(carried.document.report.overview[APPLICATIONS].links) == 3
    assert block_of(carried).text().startswith("全年收到信息公开申请件 200 件")  # her text now, no longer drawn from 表三

    cursor.setPosition(block_of(carried).position() + block_of(carried).text().index("200") + 1)
    choose(overview, cursor, "关联到表格（本年新收申请总计）")
    assert [link.figure for link in carried.document.report.overview[APPLICATIONS].links][0] == "new"
    assert link_at(cursor) is not None

    carried.undo_action.trigger()  # the link
    assert len(carried.document.report.overview[APPLICATIONS].links) == 3
    carried.undo_action.trigger()  # the unlink
    assert len(carried.document.report.overview[APPLICATIONS].links) == 4
    carried.redo_action.trigger()
    carried.redo_action.trigger()
    assert carried.document.report.overview[APPLICATIONS].links[0].figure == "new"
    assert stated(carried).startswith("全年收到信息公开申请件 200 件")


def test_a_standard_sentence_is_inserted_with_its_figures_linked(qtbot, carried):
    type_into_cell(qtbot, carried, "sec4", "counts", "review_upheld", "2")
    overview = carried.editor.narratives["overview"]
    overview.edit.moveCursor(QTextCursor.MoveOperation.End)
    said = lambda: [current_text(carried.document.report, p) for p in carried.document.report.overview]  # noqa: E731
    before = said()
    overview.insert_standard_sentence("复议诉讼")
    report = carried.document.report
    assert current_text(report, report.overview[-1]) == f"本年度因政府信息公开被申请行政复议2件、提起行政诉讼{BLANK_FIGURE}件。"
    assert [link.figure for link in report.overview[-1].links] == ["review", "litigation"]
    carried.undo_action.trigger()
    assert said() == before
