"""查找 (Ctrl+F) across the narrative and the tables' labels."""
from gui_fixtures import window  # noqa: F401 (fixture)
from PySide6.QtCore import Qt


def test_find_goes_through_text_and_table_labels_in_reading_order(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.find_bar
    assert bar.isVisible() and bar.field.hasFocus()
    bar.field.insert("复议")  # as the input method hands it over
    sections = [hit.section for hit in bar.hits]
    assert sections[0] == "overview" and "sec4" in sections
    assert bar.count.text() == f"共 {len(bar.hits)} 处"

    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert window.editor.current_section() == "overview"
    assert window.editor.narratives["overview"].edit.textCursor().selectedText() == "复议"
    assert bar.count.text() == f"第 1 处，共 {len(bar.hits)} 处"

    for _ in range(sections.index("sec4")):
        qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    view = window.editor.tables["sec4"].view
    assert window.editor.current_section() == "sec4"
    assert view.currentIndex().data() == "行政复议"

    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible()


def test_nothing_found_is_said(qtbot, window):
    window.find_action.trigger()
    window.find_bar.field.insert("不存在的词")
    assert window.find_bar.count.text() == "没有找到“不存在的词”"
