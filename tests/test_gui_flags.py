"""Flags the clerk can act on: the inputs of an equation that fails are marked, the one just typed most;
a new draft shows 待填, not a wall of red."""
from gui_fixtures import SAMPLE, shown, type_into_cell, window  # noqa: F401 (fixtures)
from PySide6.QtGui import QColor, QGuiApplication

from gui.editor.table_model import ERROR_BACKGROUND, INVOLVED_BACKGROUND
from model.carryover import new_from_last_year
from model.fileio import load_report


def background(window, table, row, col) -> QColor | None:
    brush = window.editor.tables[table].model.index_of(row, col).data(8)  # BackgroundRole
    return brush.color() if brush is not None else None


def tooltip(window, table, row, col) -> str:
    return window.editor.tables[table].model.index_of(row, col).data(3)  # ToolTipRole


def start_2022(window) -> None:
    window.show_untitled(new_from_last_year(load_report(SAMPLE), 2022), "新建", needs_save=True)


def test_a_new_draft_shows_what_to_fill_not_errors(qtbot, window):
    start_2022(window)
    model = window.editor.tables["sec3"].model
    assert shown(window, "sec3", "new", "natural_person") == "待填"
    assert shown(window, "sec3", "carried_in", "natural_person") == "3"
    assert all(background(window, "sec3", *key) != ERROR_BACKGROUND for key in model.layout.value_keys())
    assert "待填：本年数字尚未填写，没有的填 0" in tooltip(window, "sec3", "new", "natural_person")

    type_into_cell(qtbot, window, "sec3", "new", "business", "0")  # she has started on the table
    assert background(window, "sec3", "total", "natural_person") == ERROR_BACKGROUND  # 3 carried in, none done


def test_the_cell_just_typed_is_flagged_with_the_total_it_breaks(qtbot, window):
    start_2022(window)
    for row, text in (("new", "170"), ("granted", "100"), ("partial", "73")):
        type_into_cell(qtbot, window, "sec3", row, "natural_person", text)
    assert background(window, "sec3", "total", "natural_person") != ERROR_BACKGROUND  # 170 + 3 = 173 + 0

    type_into_cell(qtbot, window, "sec3", "carried_out", "natural_person", "10")  # should have been 0
    assert background(window, "sec3", "total", "natural_person") == ERROR_BACKGROUND
    assert background(window, "sec3", "carried_out", "natural_person") == ERROR_BACKGROUND
    assert background(window, "sec3", "new", "natural_person") == INVOLVED_BACKGROUND
    assert background(window, "sec3", "granted", "natural_person") == INVOLVED_BACKGROUND
    assert background(window, "sec3", "new", "business") != INVOLVED_BACKGROUND  # another column balances
    assert "最可能是刚填的四、结转下年度继续办理（自然人）" in tooltip(window, "sec3", "total", "natural_person")
    assert tooltip(window, "sec3", "carried_out", "natural_person").splitlines()[1] == (
        "刚填的这一格使等式不成立：三、本年度办理结果（七）总计（自然人）应为 163，实为 173："
        "第一项加第二项之和应等于第三项加第四项之和")

    type_into_cell(qtbot, window, "sec3", "carried_out", "natural_person", "0")  # fixed by editing a red cell
    for row in ("total", "carried_out", "new", "granted"):
        assert background(window, "sec3", row, "natural_person") not in (ERROR_BACKGROUND, INVOLVED_BACKGROUND)


def test_a_finished_report_shows_its_errors_at_once(window):
    report = load_report(SAMPLE)
    report.sec3["carried_out"]["natural_person"] += 5
    window.show_untitled(report, "有错的报告")
    assert background(window, "sec3", "total", "natural_person") == ERROR_BACKGROUND
    assert background(window, "sec3", "carried_out", "natural_person") == INVOLVED_BACKGROUND


def test_a_copied_blank_cell_pastes_as_blank_not_as_its_placeholder(qtbot, window):
    start_2022(window)
    page = window.editor.tables["sec3"]
    page.view.go_to(page.model.index_of("new", "natural_person"))
    page.view.copy_selection()
    assert QGuiApplication.clipboard().text() == "\r\n"


def test_going_to_an_error_of_a_new_draft_shows_it(window):
    start_2022(window)
    error = next(f for f in window.document.findings if f.rule == "E1")
    window.go_to_finding(error)
    assert background(window, "sec3", error.row, error.column) == ERROR_BACKGROUND
