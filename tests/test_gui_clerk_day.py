"""A county clerk's afternoon with the editor: what went wrong for her, kept from coming back."""
from pathlib import Path

from gui_fixtures import SAMPLE, answers, launch, paste_at, plant_recovery_copy, shown, table_page, window  # noqa: F401 (fixtures)
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from model.fileio import load_report

SEEDS = Path(__file__).resolve().parent / "fixtures" / "seeds"


def test_text_typed_on_after_an_autosave_is_in_the_next_autosave(qtbot, window):
    problems = window.editor.narratives["problems"]
    window.editor.show_section("problems")
    problems.edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(problems.edit, "abc")
    assert window.autosave()
    qtbot.keyClicks(problems.edit, "def")  # the same paragraph, typed on: the text document merges it into one step
    assert window.autosave()
    assert load_report(window.recovery_slot.report_path).problems[-1].text.endswith("abcdef")


def test_an_organ_name_typed_on_after_an_autosave_is_in_the_next_autosave(qtbot, window):
    organ = window.editor.meta_page.organ
    organ.end(False)
    qtbot.keyClicks(organ, "X")
    assert window.autosave()
    qtbot.keyClicks(organ, "Y")
    assert window.autosave()
    assert load_report(window.recovery_slot.report_path).organ == "济源市人民政府XY"


def test_a_text_report_opened_with_open_is_sent_to_import_not_called_damaged(window, answers):
    from PySide6.QtWidgets import QMessageBox
    seed = sorted(SEEDS.glob("*.txt"))[0]
    answers.queue = [QMessageBox.StandardButton.No]
    assert not window.open_report(seed)
    assert "导入" in answers.questions[0]
    assert "损坏" not in answers.questions[0] and ".bak" not in answers.questions[0]
    assert window.document.report.organ == "济源市人民政府"


def test_a_pasted_block_running_past_the_table_says_what_was_left_out(qtbot, window):
    page = table_page(window, "sec3")
    # four rows pasted three rows above the end: （七）总计 takes none, the last row finds no place
    paste_at(page, "other_3", "natural_person", "1\t2\r\n3\t3\r\n5\t6\r\n7\t8\r\n")
    assert shown(window, "sec3", "other_3", "business") == "2"
    assert shown(window, "sec3", "carried_out", "business") == "6"
    assert "2 个数字超出表格，没有粘贴" in window.statusBar().currentMessage()


def test_a_line_break_inside_a_paragraph_stays_inside_it(qtbot, window):
    """Word paragraphs with Shift+Enter line breaks arrive with "\\n" in their text (导入 keeps them)."""
    from model.report import Paragraph
    report = load_report(SAMPLE)
    report.overview.insert(1, Paragraph(text="第一行\n第二行"))
    window.show_untitled(report, "导入的报告")
    overview = window.editor.narratives["overview"]
    assert overview.paragraphs() == report.overview  # still one paragraph, not two
    finding = next(f for f in window.document.findings if f.rule == "W4")
    window.go_to_finding(finding)
    assert "行政复议和行政诉讼 0 件" in overview.edit.textCursor().block().text()
    shaded = [s.cursor.block().text() for s in overview.edit.extraSelections()]
    assert len(shaded) == 1 and "行政复议和行政诉讼 0 件" in shaded[0]

    overview.edit.setTextCursor(QTextCursor(overview.paragraph_blocks()[0]))
    overview.edit.moveCursor(QTextCursor.MoveOperation.EndOfBlock)
    qtbot.keyClick(overview.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)  # a line break typed here
    qtbot.keyClicks(overview.edit, "x")
    assert window.document.report.overview[0].text.endswith("\nx")
    assert window.document.report.overview[1].text == "第一行\n第二行"


def test_undo_shows_the_cell_it_changes_back(qtbot, window):
    from gui_fixtures import type_into_cell
    type_into_cell(qtbot, window, "sec3", "granted", "natural_person", "90")
    window.editor.show_section("problems")  # the clerk has moved on to write
    window.undo_action.trigger()
    assert window.editor.current_section() == "sec3"  # not an invisible change on another page
    view = window.editor.tables["sec3"].view
    assert view.currentIndex() == view.table_model.index_of("granted", "natural_person")
    assert shown(window, "sec3", "granted", "natural_person") == "83"
    window.editor.show_section("meta")
    window.redo_action.trigger()
    assert window.editor.current_section() == "sec3"
    assert view.currentIndex() == view.table_model.index_of("granted", "natural_person")


def test_undo_shows_the_text_or_field_it_changes_back(qtbot, window):
    problems = window.editor.narratives["problems"]
    window.editor.show_section("problems")
    problems.edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(problems.edit, "x")
    window.editor.meta_page.organ.setText("某县人民政府")
    window.editor.show_section("sec4")
    window.undo_action.trigger()
    assert window.editor.current_section() == "meta"
    window.editor.show_section("sec4")
    window.undo_action.trigger()
    assert window.editor.current_section() == "problems"
    assert not window.document.report.problems[-1].text.endswith("x")


def test_a_hand_edited_file_with_wrong_kinds_of_values_is_explained_in_chinese(window, answers, tmp_path):
    import json
    for name, change, expected in (
            ("organ.json", {"organ": 5}, "“机关名称”应为文字"),
            ("text.json", {"problems": "一段文字"}, "“五、存在的主要问题及改进情况”的格式不对")):
        content = dict(json.loads(SAMPLE.read_text(encoding="utf-8")), **change)
        (tmp_path / name).write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
        assert not window.open_report(tmp_path / name)
        assert expected in answers.warnings[-1]
        assert "Input" not in answers.warnings[-1]


def test_a_word_report_picked_with_open_is_offered_for_import(qtbot, window, answers, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QDialog, QMessageBox

    from export.files import save_docx
    from gui.files.import_dialog import ImportReportDialog
    published = load_report(SAMPLE)
    published.organ = "某县教育局"
    save_docx(published, tmp_path / "去年的报告.docx")

    def click_open(dialog):
        dialog._finish(as_template=False)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ImportReportDialog, "exec", click_open)
    answers.queue = [QMessageBox.StandardButton.Yes]
    assert window.open_report(tmp_path / "去年的报告.docx")
    assert "是否现在导入" in answers.questions[0]
    assert window.document.report.organ == "某县教育局"
    assert window.needs_save and window.document.path is None  # never written over the .docx

    answers.queue = [QMessageBox.StandardButton.No]
    window.needs_save = False
    assert not window.open_report(tmp_path / "去年的报告.docx")
    assert window.document.report.organ == "某县教育局"


def test_the_calendar_for_an_unset_date_opens_when_reports_are_published(qtbot, window):
    from PySide6.QtCore import QPoint
    window.editor.show_section("meta")
    published = window.editor.meta_page.published
    assert window.document.report.published is None and window.document.report.year == 2021
    qtbot.mouseClick(published, Qt.MouseButton.LeftButton, pos=QPoint(published.width() - 6, published.height() // 2))
    calendar = published.calendarWidget()
    qtbot.waitUntil(calendar.isVisible)
    assert (calendar.yearShown(), calendar.monthShown()) == (2022, 1)  # not January 2000
    assert "一月" in calendar.locale().monthName(1)
    calendar.window().close()


def test_a_date_set_by_mistake_can_be_cleared_back_to_unset_and_undone(qtbot, window):
    from PySide6.QtCore import QDate
    import datetime as dt
    window.editor.show_section("meta")
    page = window.editor.meta_page
    assert not page.clear_published.isEnabled()
    page.published.setDate(QDate(2022, 1, 20))
    assert window.document.report.published == dt.date(2022, 1, 20) and page.clear_published.isEnabled()
    qtbot.mouseClick(page.clear_published, Qt.MouseButton.LeftButton)
    assert window.document.report.published is None
    assert page.published.text() == "未填写" and not page.clear_published.isEnabled()
    window.document.undo_stack.undo()
    assert window.document.report.published == dt.date(2022, 1, 20)
    assert page.published.text() == "2022年1月20日"


def test_a_row_copied_from_a_pdf_fills_the_row_instead_of_becoming_one_long_number(qtbot, window):
    page = table_page(window, "sec3")
    paste_at(page, "granted", "natural_person", "90 0 1 1 2 0 94\n")  # a PDF viewer copies a table row with spaces
    assert [shown(window, "sec3", "granted", c) for c in ("natural_person", "business", "legal_service", "total")] \
        == ["90", "0", "2", "94"]


def test_numbers_with_spaces_between_them_are_not_run_together_in_one_cell(qtbot, window):
    model = table_page(window, "sec3").model
    assert not model.setData(model.index_of("granted", "natural_person"), "90 0 1")
    assert shown(window, "sec3", "granted", "natural_person") == "83"
    assert "不是一个数" in window.statusBar().currentMessage()
    assert model.setData(model.index_of("granted", "natural_person"), "1 234")  # thousands set apart by a space
    assert shown(window, "sec3", "granted", "natural_person") == "1234"


def test_a_refused_paste_names_the_cell_not_a_row_number_of_the_grid(qtbot, window):
    page = table_page(window, "sec3")
    paste_at(page, "granted", "natural_person", "1\t无\r\n")
    message = window.statusBar().currentMessage()
    assert "没有粘贴" in message and "（一）予以公开（法人或其他组织·商业企业）" in message
    assert "第 6 行" not in message  # the grid's own row, counted over the header rows: nothing the clerk can find


def test_a_damaged_report_file_offers_its_backup_which_saves_back_under_the_files_name(
        qtbot, window, answers, tmp_path):
    from decimal import Decimal

    from PySide6.QtWidgets import QMessageBox

    from model.fileio import save_report
    target = tmp_path / "2021.json"
    report = load_report(SAMPLE)
    save_report(report, target)
    report.sec3["granted"]["natural_person"] = Decimal(90)
    save_report(report, target)  # the first save is kept as 2021.json.bak
    target.write_bytes(target.read_bytes()[:200])  # cut short, as by an interrupted copy to a USB stick
    answers.queue = [QMessageBox.StandardButton.Yes]
    assert window.open_report(target)
    assert "已损坏" in answers.questions[0] and "备份" in answers.questions[0]
    assert shown(window, "sec3", "granted", "natural_person") == "83"  # the backup's figure
    assert window.document.path == target and window.is_modified()
    assert window.save()
    assert load_report(target).sec3["granted"]["natural_person"] == Decimal(83)


def test_a_fee_typed_the_short_way_is_read(qtbot, window):
    model = table_page(window, "sec2").model
    assert model.setData(model.index_of("fees", "amount"), ".5")  # 0.5 万元, as Excel and WPS read it
    assert shown(window, "sec2", "fees", "amount") == "0.5"
    assert model.setData(model.index_of("fees", "amount"), "3.")
    assert shown(window, "sec2", "fees", "amount") == "3"


def test_pasted_text_keeps_its_subheadings_as_subheadings(qtbot, tmp_path):
    from PySide6.QtCore import QMimeData

    from gui_fixtures import make_window
    from model.report import Report
    window = make_window(qtbot, tmp_path)
    window.show_untitled(Report(organ="某县教育局", year=2022))
    overview = window.editor.narratives["overview"]
    window.editor.show_section("overview")
    pasted = QMimeData()  # last year's text copied from the website or from Word
    pasted.setText("（一）主动公开情况\n本年度主动公开信息100条。\n（二）依申请公开情况\n本年度收到申请5件。\n")
    overview.edit.insertFromMimeData(pasted)
    assert [(p.text, p.heading) for p in window.document.report.overview] == [
        ("（一）主动公开情况", True), ("本年度主动公开信息100条。", False),
        ("（二）依申请公开情况", True), ("本年度收到申请5件。", False)]
    window.undo_action.trigger()  # the paste is one step
    assert window.document.report.overview == []


def test_enter_at_the_foot_of_a_column_goes_on_at_the_top_of_the_next(qtbot, window):
    from gui_fixtures import type_into_cell
    type_into_cell(qtbot, window, "sec3", "carried_out", "natural_person", "3")  # the last row of 表三
    view = window.editor.tables["sec3"].view
    assert view.currentIndex() == view.table_model.index_of("new", "business")  # not along the bottom row


def test_the_recovery_question_names_the_report_it_would_bring_back(qtbot, tmp_path, answers):
    from PySide6.QtWidgets import QMessageBox

    from gui.files.recovery import RecoveryStore
    store = RecoveryStore(tmp_path / "recovery")
    report = load_report(SAMPLE)
    report.organ = "某县教育局"
    plant_recovery_copy(store, report, tmp_path / "教育局2021.json")
    answers.queue = [QMessageBox.StandardButton.No]
    launch(qtbot, tmp_path, store=store)
    assert "某县教育局2021年政府信息公开工作年度报告" in answers.questions[0]
    assert "教育局2021.json" in answers.questions[0]


def test_one_number_with_its_thousands_set_apart_by_a_space_pastes_into_one_cell(qtbot, window):
    page = table_page(window, "sec3")
    paste_at(page, "granted", "natural_person", "1 234\r\n")
    assert shown(window, "sec3", "granted", "natural_person") == "1234"
    assert shown(window, "sec3", "granted", "business") == "0"
