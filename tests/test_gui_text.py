"""Narrative sections and report metadata: paragraphs, sub-headings, word count, one undo history."""
from gui_fixtures import SAMPLE, answers, make_window, type_into_cell, window  # noqa: F401 (fixtures)
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from gui.editor.narrative_editor import CARRIED_PARAGRAPH, COPIED_SENTENCE, STALE_FIGURE
from model.carryover import new_from_last_year
from model.fileio import load_report
from model.layout import SECTION_HINTS
from model.report import Report
from model.text_rules import sentences


def editor_of(window, key):
    window.editor.show_section(key)
    return window.editor.narratives[key]


def test_paragraphs_and_subheadings_survive_loading_into_the_editor(window):
    overview = editor_of(window, "overview")
    assert overview.paragraphs() == window.document.report.overview
    headings = [p.text for p in overview.paragraphs() if p.heading]
    assert headings[0] == "（一）主动公开方面" and len(headings) == 5


def test_typing_updates_the_report_word_count_and_undo_takes_it_back(qtbot, window):
    problems = editor_of(window, "problems")
    before = list(window.document.report.problems)
    count_before = problems.count_label.text()
    problems.edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(problems.edit, Qt.Key.Key_Return)
    qtbot.keyClicks(problems.edit, "abc")
    assert window.document.report.problems[-1].text == "abc"
    assert problems.count_label.text() != count_before
    assert window.isWindowModified()
    while window.document.undo_stack.canUndo():
        window.undo_action.trigger()
    assert window.document.report.problems == before
    assert problems.count_label.text() == count_before
    window.redo_action.trigger()
    window.redo_action.trigger()
    assert window.document.report.problems[-1].text == "abc"


def test_text_and_cell_edits_undo_in_the_order_they_were_made(qtbot, window):
    type_into_cell(qtbot, window, "sec3", "granted", "natural_person", "90")
    other = editor_of(window, "other_matters")
    other.edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(other.edit, "x")
    window.undo_action.trigger()
    assert not window.document.report.other_matters[-1].text.endswith("x")
    assert window.document.report.sec3["granted"]["natural_person"] == 90
    window.undo_action.trigger()
    assert window.document.report.sec3["granted"]["natural_person"] == 83


def test_ctrl_z_in_a_text_section_goes_through_the_report_history(qtbot, window):
    problems = editor_of(window, "problems")
    problems.edit.setFocus()
    problems.edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(problems.edit, "x")
    assert window.document.undo_stack.count() == 1
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keySequence(problems.edit, "Ctrl+Z")
    assert not window.document.report.problems[-1].text.endswith("x")
    assert window.document.undo_stack.index() == 0  # undone in the shared stack, redo stays possible
    assert window.redo_action.isEnabled()


def test_a_typed_subheading_line_becomes_a_subheading(qtbot, window):
    problems = editor_of(window, "problems")
    problems.edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(problems.edit, Qt.Key.Key_Return)
    problems.edit.insertPlainText("（三）下一步打算")  # typed through the input method
    qtbot.keyClick(problems.edit, Qt.Key.Key_Return)
    problems.edit.insertPlainText("加强培训。")
    assert [(p.text, p.heading) for p in window.document.report.problems[-2:]] == [
        ("（三）下一步打算", True), ("加强培训。", False)]


def test_the_subheading_button_toggles_the_current_paragraph(window):
    problems = editor_of(window, "problems")
    problems.edit.moveCursor(QTextCursor.MoveOperation.Start)
    first = window.document.report.problems[0]
    problems.toggle_heading()
    assert window.document.report.problems[0].heading is not first.heading
    window.undo_action.trigger()
    assert window.document.report.problems[0].heading is first.heading


def test_an_empty_section_shows_what_the_format_asks_for(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    window.show_untitled(Report())
    editor = editor_of(window, "other_matters")
    assert editor.edit.placeholderText() == SECTION_HINTS["other_matters"]
    assert "信息处理费" in editor.edit.placeholderText()
    assert editor.count_label.text() == "0 段 · 字数 0"


def test_organ_and_year_edits_are_undoable_and_retitle_the_report(qtbot, window):
    window.editor.show_section("meta")
    page = window.editor.meta_page
    page.organ.selectAll()
    qtbot.keyClicks(page.organ, "XX")
    assert window.document.report.organ == "XX"
    assert window.document.report.title == "XX2021年政府信息公开工作年度报告"
    assert "XX2021年" in window.state_label.text()
    assert window.document.undo_stack.count() == 1  # the typing merged into one step
    window.undo_action.trigger()
    assert window.document.report.organ == "济源市人民政府"
    assert page.organ.text() == "济源市人民政府"
    page.year.setValue(2022)
    assert window.document.report.year == 2022
    window.undo_action.trigger()
    assert page.year.value() == 2021


def test_a_metadata_finding_jumps_to_its_field(qtbot, window):
    window.editor.meta_page.organ.clear()
    finding = next(f for f in window.document.findings if f.table == "meta" and f.row == "organ")
    window.go_to_finding(finding)
    assert window.editor.current_section() == "meta"


def test_a_narrative_finding_jumps_to_its_paragraph(window):
    finding = next(f for f in window.document.findings if f.rule == "W4")
    window.go_to_finding(finding)
    editor = window.editor.narratives["overview"]
    assert window.editor.current_section() == "overview"
    assert "行政复议和行政诉讼 0 件" in editor.edit.textCursor().block().text()
    shaded = [s.cursor.block().text() for s in editor.edit.extraSelections()]
    assert len(shaded) == 1 and "行政复议和行政诉讼 0 件" in shaded[0]


def test_fixing_the_narrative_clears_its_shading(qtbot, window):
    editor = editor_of(window, "overview")
    block = next(b for b in editor.paragraph_blocks() if "行政复议和行政诉讼 0 件" in b.text())
    cursor = QTextCursor(block)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(block.text().replace("行政复议和行政诉讼 0 件", "行政复议和行政诉讼 4 件"))
    assert not any(f.rule == "W4" for f in window.document.findings)
    assert editor.edit.extraSelections() == []


def test_typing_after_a_cell_edit_is_undone_before_the_cell_edit(qtbot, window):
    problems = editor_of(window, "problems")
    problems.edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(problems.edit, "ab")
    type_into_cell(qtbot, window, "sec3", "granted", "natural_person", "90")
    problems = editor_of(window, "problems")
    problems.edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(problems.edit, "cd")
    assert window.document.report.problems[-1].text.endswith("abcd")
    window.undo_action.trigger()
    assert window.document.report.problems[-1].text.endswith("ab")
    assert window.document.report.sec3["granted"]["natural_person"] == 90
    window.undo_action.trigger()
    assert window.document.report.sec3["granted"]["natural_person"] == 83
    window.undo_action.trigger()
    assert not window.document.report.problems[-1].text.endswith("ab")


def test_text_carried_from_last_year_is_marked_until_edited(qtbot, window):
    window.show_untitled(new_from_last_year(load_report(SAMPLE), 2022), "新建", needs_save=True)
    window.editor.show_section("other_matters")
    editor = window.editor.narratives["other_matters"]

    def marks():
        return [(s.format.background().color(), s.cursor.selectedText()) for s in editor.edit.extraSelections()]

    assert marks() == [(CARRIED_PARAGRAPH, "2022年，共收取政府信息公开处理费160元。"), (STALE_FIGURE, "160")]
    assert editor.carried_label.text().startswith("沿用上年 1 句")

    cursor = editor.edit.textCursor()
    cursor.setPosition(editor.paragraph_blocks()[0].position() + len("2022年，共收取政府信息公开处理费"))
    editor.edit.setTextCursor(cursor)
    qtbot.keyClicks(editor.edit, "2")  # 2160元: this year's figure
    assert marks() == [] and editor.carried_label.text() == ""
    window.undo_action.trigger()
    assert marks()[1] == (STALE_FIGURE, "160")


def test_changing_one_figure_unmarks_its_sentence_only_and_the_copied_wording_stays_shaded(qtbot, window):
    window.show_untitled(new_from_last_year(load_report(SAMPLE), 2022), "新建", needs_save=True)
    editor = editor_of(window, "overview")
    blocks = editor.paragraph_blocks()

    def marks(colour, index):
        """What is drawn in a colour in the index-th paragraph."""
        return [s.cursor.selectedText() for s in editor.edit.extraSelections()
                if s.format.background().color() == colour and s.cursor.block() == blocks[index]]

    publishing, applications = blocks[2].text(), blocks[4].text()
    assert marks(CARRIED_PARAGRAPH, 2) == [publishing]  # all of it last year's: the whole paragraph shaded
    assert marks(STALE_FIGURE, 2)[:3] == ["42000", "94", "25"] and "13" in marks(STALE_FIGURE, 2)
    carried_before = editor.carried_label.text()

    cursor = editor.edit.textCursor()
    cursor.setPosition(blocks[2].position() + publishing.index("42000"))
    cursor.setPosition(blocks[2].position() + publishing.index("42000") + 5, QTextCursor.MoveMode.KeepAnchor)
    editor.edit.setTextCursor(cursor)
    qtbot.keyClicks(editor.edit, "45100")  # this year's figure in the first sentence
    first, *rest = sentences(blocks[2].text())
    assert marks(CARRIED_PARAGRAPH, 2) == rest  # the other sentences are still last year's
    assert "45100" not in marks(STALE_FIGURE, 2) and "94" not in marks(STALE_FIGURE, 2)
    assert "13" in marks(STALE_FIGURE, 2)  # 开设 13 个专题网页: not yet updated
    assert first in marks(COPIED_SENTENCE, 2)  # W7: the wording is still last year's
    assert any(f.rule == "W7" and (f.row, f.column) == ("2", "0") for f in window.document.findings)
    assert editor.carried_label.text() != carried_before

    cursor = QTextCursor(blocks[4])
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    editor.edit.setTextCursor(cursor)
    editor.edit.insertPlainText("本年度新收政府信息公开申请较上年有所增加，均在法定期限内答复。")  # rewritten, as an IME types
    for colour in (CARRIED_PARAGRAPH, STALE_FIGURE, COPIED_SENTENCE):
        assert marks(colour, 4) == []
    assert applications not in [p.text for p in window.document.report.overview]


def test_report_information_shows_no_tick_until_the_date_is_filled(qtbot, window):
    import datetime as dt
    assert window.document.report.published is None
    assert window.editor.sections.item(0).text() == "报告信息  !1"  # W13: no 署名 and date without it
    window.document.set_meta("published", dt.date(2022, 1, 20))
    assert window.editor.sections.item(0).text() == "报告信息  ✓"
