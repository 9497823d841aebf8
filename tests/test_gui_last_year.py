"""以上年报告为模板新建 from last year's report as the clerk has it: the published Word file or its PDF."""
from pathlib import Path

import pytest
from gui_fixtures import answers, launch, shown  # noqa: F401 (fixtures)
from libreoffice import convert, soffice
from material import hand_built_docx, load_seed
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QPushButton

from gui.files.import_dialog import ImportReportDialog
from gui_fixtures import SAMPLE
from model.fileio import load_report, save_report

SEEDS = Path(__file__).resolve().parent / "fixtures" / "seeds"
ZHUMADIAN = SEEDS / "004_e6ee48d9f5f3b505.txt"  # 驻马店经济开发区管委会 2021: 结转 1, 现行有效 61 normative documents


def pick(monkeypatch, path: Path) -> list[str]:
    """The clerk picks `path` in the file dialog; returns the filters the dialog offered."""
    offered = []

    def get_open_file_name(parent, caption, folder, filters, *args):
        offered.append(filters)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", get_open_file_name)
    return offered


def press_default_button_of_import_report(monkeypatch, seen: list) -> None:
    """When the import report opens, note what it shows and press its default button, as Enter does."""
    def press(dialog):
        default = next(b for b in (dialog.open_button, dialog.template_button) if b.isDefault())
        seen.append((dialog.windowTitle(), default.text(), dialog.year_box.value()))
        default.click()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ImportReportDialog, "exec", press)


def carry_over_from(qtbot, tmp_path, monkeypatch, last_year_file: Path):
    window = launch(qtbot, tmp_path)
    offered = pick(monkeypatch, last_year_file)
    seen = []
    press_default_button_of_import_report(monkeypatch, seen)
    qtbot.mouseClick(window.start_page.carry_over_button, Qt.MouseButton.LeftButton)
    return window, offered, seen


def assert_carried_over_from_zhumadian(window) -> None:
    report = window.document.report
    assert (report.organ, report.year) == ("驻马店经济开发区管委会", 2022)
    assert shown(window, "sec3", "carried_in", "natural_person") == "1"  # 2021's 结转下年度
    assert shown(window, "sec2", "normative_documents", "in_force") == "61"
    assert shown(window, "sec3", "new", "natural_person") == "待填"  # this year's counts left to fill
    assert window.windowTitle().startswith("驻马店经济开发区管委会2022年政府信息公开工作年度报告（新建）")
    assert window.is_modified()


def test_last_years_word_file_starts_this_years_report(qtbot, tmp_path, monkeypatch):
    word = tmp_path / "驻马店2021.docx"
    hand_built_docx(load_seed(ZHUMADIAN), word)
    window, offered, seen = carry_over_from(qtbot, tmp_path, monkeypatch, word)
    assert "*.docx" in offered[0] and "*.pdf" in offered[0] and "*.json" in offered[0]
    assert seen == [("导入报告 — 驻马店2021.docx", "以上年报告为模板新建", 2022)]
    assert_carried_over_from_zhumadian(window)


@pytest.mark.skipif(soffice() is None, reason="LibreOffice makes the PDF")
def test_last_years_pdf_starts_this_years_report(qtbot, tmp_path, monkeypatch):
    word = tmp_path / "驻马店2021.docx"
    hand_built_docx(load_seed(ZHUMADIAN), word)
    pdf, = convert([word], "pdf", tmp_path)
    window, _, seen = carry_over_from(qtbot, tmp_path, monkeypatch, pdf)
    assert seen[0][1:] == ("以上年报告为模板新建", 2022)
    assert_carried_over_from_zhumadian(window)


def test_last_years_own_file_still_asks_only_the_year(qtbot, tmp_path, monkeypatch):
    window = launch(qtbot, tmp_path)
    pick(monkeypatch, SAMPLE)
    monkeypatch.setattr(QInputDialog, "getInt", lambda *a, **k: (2022, True))
    window.new_from_last_year_dialog()
    assert window.document.report.year == 2022
    assert shown(window, "sec3", "carried_in", "natural_person") == "3"


def test_a_file_that_is_no_report_is_explained(qtbot, tmp_path, monkeypatch, answers):
    picture = tmp_path / "照片.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n")
    window = launch(qtbot, tmp_path)
    pick(monkeypatch, picture)
    window.new_from_last_year_dialog()
    assert answers.warnings and window.document is None


def test_last_years_word_file_is_linked_for_the_checks(qtbot, tmp_path, monkeypatch):
    """选择上年报告用于核对 takes the published Word file too: imported off the window's thread, then linked."""
    from model.carryover import new_from_last_year
    from model.importers import import_file

    window = launch(qtbot, tmp_path)
    this_year = new_from_last_year(import_file(ZHUMADIAN).report, 2022)
    this_year.last_year = None
    window.show_untitled(this_year, "本年报告")
    word = tmp_path / "驻马店2021.docx"
    hand_built_docx(load_seed(ZHUMADIAN), word)
    offered = pick(monkeypatch, word)
    window.choose_last_year_dialog()
    assert "*.docx" in offered[0] and "*.pdf" in offered[0]
    last = window.document.report.last_year
    assert last is not None and last.year == 2021
    assert last.value("sec3", "carried_out", "natural_person") == 1
    assert last.value("sec2", "normative_documents", "in_force") == 61
    assert window.statusBar().currentMessage().startswith("已关联2021年报告“驻马店2021.docx”")


def test_the_button_on_the_report_information_page_links_last_years_report(qtbot, tmp_path, monkeypatch):
    window = launch(qtbot, tmp_path)
    window.open_sample()
    last = load_report(SAMPLE)
    last.year = 2020
    save_report(last, tmp_path / "2020.json")
    pick(monkeypatch, tmp_path / "2020.json")
    page = window.editor.meta_page
    button = next(b for b in page.findChildren(QPushButton) if b.text() == "选择上年报告…")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.document.report.last_year.year == 2020
    assert page.last_year_label.text().startswith("2020年报告（济源市人民政府）")
