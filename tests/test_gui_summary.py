"""文件 › 汇总: the dashboard reads a folder off the window's thread, lists its units and opens the summed draft."""
import pytest
from PySide6.QtCore import Qt

from county import unit_report
from export.text import text_file_bytes
from gui.screen import FRAME_ALLOWANCE
from gui.summary.window import ERRORS, SummaryWindow, UNIT_COLUMNS, WRONG_YEAR
from gui_fixtures import forget_changes, make_window
from model.fileio import save_report
from process_tree import linux_only, running, worker_pids

YEAR = 2024
COLUMN = {c.key: i for i, c in enumerate(UNIT_COLUMNS)}


@pytest.fixture
def county(tmp_path):
    folder, last = tmp_path / "2024", tmp_path / "2023"
    folder.mkdir()
    last.mkdir()
    reports, before = {}, {}
    for seed, organ in enumerate(("县教育局", "县民政局", "城关镇人民政府", "县水利局"), 1):
        before[organ] = unit_report(organ, YEAR - 1, seed)
        save_report(before[organ], last / f"{organ}.json")
    reports["县教育局"] = unit_report("县教育局", YEAR, 11, before["县教育局"])
    save_report(reports["县教育局"], folder / "教育局.json")
    reports["县民政局"] = unit_report("县民政局", YEAR, 12, before["县民政局"])
    (folder / "民政局.txt").write_bytes(text_file_bytes(reports["县民政局"]))
    town = unit_report("城关镇人民政府", YEAR, 13, before["城关镇人民政府"])
    reports["城关镇人民政府"] = town.model_copy(deep=True)
    town.sec3["new"]["total"] += 1  # a misprint
    save_report(town, folder / "城关镇.json")
    save_report(unit_report("县水利局", YEAR - 1, 14), folder / "水利局.json")  # last year's report sent again
    return folder, last, reports


@pytest.fixture
def dashboard(qtbot, tmp_path):
    editor = make_window(qtbot, tmp_path)
    window = SummaryWindow(editor, cache_folder=tmp_path / "cache")
    qtbot.addWidget(window)
    window.show()
    return editor, window


def shown_rows(window):
    proxy = window.proxy
    return [[proxy.index(r, c).data() for c in (COLUMN["organ"], COLUMN["status"], COLUMN["errors"])]
            for r in range(proxy.rowCount())]


def test_the_dashboard_lists_each_unit_sorted_by_status_and_filters(qtbot, dashboard, county):
    editor, window = dashboard
    folder, last, _ = county
    with qtbot.waitSignal(window.summaryReady, timeout=30000):
        window.start(folder, last)
    assert shown_rows(window) == [["县水利局", "年度不符", "0"], ["城关镇人民政府", "有错误", "2"],
                                  ["县教育局", "无问题", "0"], ["县民政局", "无问题", "0"]]
    assert window.heading.text() == "2024年 · 4 个文件 · 年度不符 1 · 有错误 1 · 无问题 2 · 未报送 1 · 新增 0"
    assert window.comparison.toPlainText().splitlines()[:3] == [
        "今年未报送（上年有报告）：县水利局", "今年新增单位：无", "“水利局.json”未计入汇总：这是2023年的报告，汇总的是2024年的报告"]
    window.filter_box.setCurrentIndex(window.filter_box.findData(ERRORS))
    assert shown_rows(window) == [["城关镇人民政府", "有错误", "2"]]
    assert "E3" in window.proxy.index(0, COLUMN["organ"]).data(Qt.ItemDataRole.ToolTipRole)
    window.filter_box.setCurrentIndex(window.filter_box.findData(WRONG_YEAR))
    assert shown_rows(window) == [["县水利局", "年度不符", "0"]]


def summed_window(qtbot, window):
    """打开汇总报告, and the window it opens (her own report stays in hers)."""
    window.open_summed_action.trigger()
    opened = window.summed_windows[-1]
    qtbot.addWidget(opened, before_close_func=forget_changes)
    return opened


def test_the_summed_report_opens_in_a_window_of_its_own_with_its_units_in_the_tooltips(qtbot, dashboard, county):
    own, window = dashboard
    own_document = own.document
    folder, last, reports = county
    with qtbot.waitSignal(window.summaryReady, timeout=30000):
        window.start(folder, last)
    editor = summed_window(qtbot, window)
    assert editor is not own and own.document is own_document
    report = editor.document.report
    assert report.year == YEAR
    assert editor.windowTitle().startswith("2024年汇总报告（草稿）")
    assert report.kind == "government"  # the level above a county's units: 人民政府
    assert editor.editor.meta_page.deadline.text() == f"人民政府应于{YEAR + 1}年3月31日前发布"  # no 已过 1768 天
    for organ_cells in (("sec3", "granted", "natural_person"), ("sec2", "regulations", "issued"),
                        ("sec4", "counts", "review_upheld")):
        assert report.value(*organ_cells) == sum(r.value(*organ_cells) for r in reports.values())
    new_total = sum(r.sec3["new"]["total"] for r in reports.values())  # the misprint is recomputed away
    model = editor.editor.tables["sec3"].model
    assert model.index_of("new", "total").data() == str(new_total)
    tooltip = model.index_of("new", "total").data(Qt.ItemDataRole.ToolTipRole)
    contributors = [o for o in ("县教育局", "县民政局", "城关镇人民政府") if reports[o].sec3["new"]["total"]]
    assert f"汇总自 {len(contributors)} 个单位：" in tooltip
    assert f"  县民政局 {reports['县民政局'].sec3['new']['total']}" in tooltip


def test_unticked_units_are_left_out_of_the_sum(qtbot, dashboard, county):
    editor, window = dashboard
    folder, _, reports = county
    with qtbot.waitSignal(window.summaryReady, timeout=30000):
        window.start(folder)
    row = next(r for r in range(window.proxy.rowCount()) if window.proxy.index(r, COLUMN["organ"]).data() == "县教育局")
    window.proxy.setData(window.proxy.index(row, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    editor = summed_window(qtbot, window)
    assert editor.document.report.sec3["new"]["natural_person"] == \
        reports["县民政局"].sec3["new"]["natural_person"] + reports["城关镇人民政府"].sec3["new"]["natural_person"]


def test_double_click_opens_the_units_own_report(qtbot, dashboard, county):
    editor, window = dashboard
    folder, _, reports = county
    with qtbot.waitSignal(window.summaryReady, timeout=30000):
        window.start(folder)
    row = next(r for r in range(window.proxy.rowCount()) if window.proxy.index(r, COLUMN["organ"]).data() == "县民政局")
    rect = window.view.visualRect(window.proxy.index(row, COLUMN["organ"]))
    qtbot.waitExposed(window)
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert editor.document.report.organ == "县民政局"
    assert editor.document.report.sec3["new"]["total"] == reports["县民政局"].sec3["new"]["total"]
    assert editor.windowTitle().startswith("民政局.txt（导入）")


def test_cancel_stops_reading_and_keeps_the_window_usable(qtbot, dashboard, tmp_path):
    editor, window = dashboard
    folder = tmp_path / "many"
    folder.mkdir()
    report = unit_report("县教育局", YEAR, 1)
    for number in range(150):
        report.organ = f"第{number}单位"
        save_report(report, folder / f"{number:03}.json")
    window.start(folder)
    window.cancel()
    qtbot.waitUntil(lambda: not window.is_reading(), timeout=30000)
    assert window.heading.text() == "已取消读取。"
    assert window.model.rowCount() == 0


def test_the_file_menu_has_the_summary(qtbot, tmp_path, monkeypatch):
    editor = make_window(qtbot, tmp_path)
    assert editor.summary_action in editor.file_menu.actions()
    assert editor.summary_action.text() == "汇总(&U)…"


def test_print_page_holds_every_unit(qtbot, dashboard, county):
    _, window = dashboard
    folder, last, _ = county
    with qtbot.waitSignal(window.summaryReady, timeout=30000):
        window.start(folder, last)
    text = window.print_document().toPlainText()
    for organ in ("县教育局", "县民政局", "城关镇人民政府", "县水利局"):
        assert organ in text
    assert "今年未报送（上年有报告）：县水利局" in text


def test_a_folder_of_exported_files_after_another_folder_ends_with_every_units_status(qtbot, dashboard, county,
                                                                                     tmp_path):
    from export.files import save_docx, save_pdf

    _, window = dashboard
    folder, _, _ = county
    with qtbot.waitSignal(window.summaryReady, timeout=30000):
        window.start(folder)
    exported = tmp_path / "exported"
    exported.mkdir()
    save_docx(unit_report("县审计局", YEAR, 21), exported / "审计局.docx")
    save_pdf(unit_report("县统计局", YEAR, 22), exported / "统计局.pdf")
    with qtbot.waitSignal(window.summaryReady, timeout=30000):
        window.start(exported)
    assert shown_rows(window) == [["县审计局", "无问题", "0"], ["县统计局", "无问题", "0"]]
    qtbot.waitUntil(lambda: not window.is_reading(), timeout=5000)
    assert not window.cancel_button.isVisible()


def test_a_reading_that_fails_unexpectedly_is_a_sentence_and_the_folder_can_be_chosen_again(
        qtbot, dashboard, county, monkeypatch):
    import gui.summary.window as summary_window

    _, window = dashboard
    folder, _, _ = county
    warnings = []
    monkeypatch.setattr(summary_window.QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    real_summarize = summary_window.summarize_folder

    def broken(*args, **kwargs):
        raise RuntimeError("a fault no test foresaw")

    monkeypatch.setattr(summary_window, "summarize_folder", broken)
    window.start(folder)
    qtbot.waitUntil(lambda: not window.is_reading(), timeout=30000)
    assert window.heading.text().startswith(f"读取“{folder}”时遇到程序无法处理的问题，汇总没有完成。")
    assert warnings == [window.heading.text()]
    assert not window.progress_bar.isVisible() and not window.cancel_button.isVisible()

    monkeypatch.setattr(summary_window, "summarize_folder", real_summarize)
    with qtbot.waitSignal(window.summaryReady, timeout=30000):
        window.start(folder)
    assert len(shown_rows(window)) == 4


def test_choosing_another_folder_while_reading_reads_the_one_chosen_last(qtbot, dashboard, county, tmp_path):
    _, window = dashboard
    folder, last, _ = county
    many = tmp_path / "many"
    many.mkdir()
    report = unit_report("县教育局", YEAR, 1)
    for number in range(150):
        report.organ = f"第{number}单位"
        save_report(report, many / f"{number:03}.json")
    window.start(many)
    with qtbot.waitSignal(window.summaryReady, timeout=30000):
        window.start(folder)
    assert window.summary.folder == folder
    assert [row[0] for row in shown_rows(window)] == ["县水利局", "城关镇人民政府", "县教育局", "县民政局"]


def test_the_dashboard_opens_inside_the_screen_centred_not_at_its_corner(dashboard):
    _editor, dashboard = dashboard
    available = dashboard.screen().availableGeometry()
    assert available.contains(dashboard.geometry().marginsAdded(FRAME_ALLOWANCE))  # title bar and taskbar count
    assert abs(dashboard.geometry().center().x() - available.center().x()) <= 1


def test_a_bomb_in_the_folder_is_that_units_row_with_its_sentence(qtbot, dashboard, county, monkeypatch):
    import model.summary.reading as reading
    from bombs import import_one_or_explode

    _, window = dashboard
    folder, _, _ = county
    monkeypatch.setattr(reading, "import_one", import_one_or_explode)  # 炸弹 takes 4 GB in its child
    (folder / "炸弹.xlsx").write_bytes(b"PK\x03\x04 a workbook one merged range makes endless")
    with qtbot.waitSignal(window.summaryReady, timeout=60000):
        window.start(folder)
    assert shown_rows(window)[0] == ["", "无法读取", ""]  # no organ read, no findings
    assert window.proxy.index(0, COLUMN["guessed"]).data() in ("", None)  # nothing imported, nothing guessed
    assert "“炸弹.xlsx”未计入汇总：读取“炸弹.xlsx”需要的内存超过了 1 GB 的上限，已停止读取。" in \
        window.comparison.toPlainText()
    assert [row[1] for row in shown_rows(window)[1:]] == ["年度不符", "有错误", "无问题", "无问题"]


@linux_only
def test_cancel_ends_the_import_children_at_once(qtbot, dashboard, tmp_path):
    import os

    _, window = dashboard
    folder = tmp_path / "texts"
    folder.mkdir()
    for number in range(40):
        organ = f"县第{number}局"
        (folder / f"{organ}.txt").write_bytes(text_file_bytes(unit_report(organ, YEAR, number)))
    window.start(folder)
    qtbot.waitUntil(lambda: bool(worker_pids(os.getpid())), timeout=30000)
    children = worker_pids(os.getpid())
    window.cancel()
    qtbot.waitUntil(lambda: not window.is_reading(), timeout=5000)
    assert window.heading.text() == "已取消读取。"
    assert not any(running(pid) for pid in children)
