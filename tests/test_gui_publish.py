"""Publishing from the editor: 导出网页, 复制网页内容 for the site's editor, 导出图解."""
import io

from gui_fixtures import answers, type_into_cell, window  # noqa: F401 (fixtures)
from PIL import Image
from PySide6.QtWidgets import QApplication

from gui.printing import exporting, publishing
from model.importers import import_file


def action(window, text):
    return next(a for a in window.file_menu.actions() if a.text() == text)


def test_export_web_page_writes_an_html_file_that_imports_back(qtbot, window, tmp_path, monkeypatch):
    target = tmp_path / "济源2021"  # typed without a suffix
    monkeypatch.setattr(exporting.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "网页 (*.html)"))
    told = []
    monkeypatch.setattr(exporting.ExportedBox, "exec", lambda box: told.append(box.text()) or 0)
    type_into_cell(qtbot, window, "sec3", "granted", "natural_person", "84")  # one more handled, one fewer left
    type_into_cell(qtbot, window, "sec3", "carried_out", "natural_person", "2")
    action(window, "导出网页(&H)…").trigger()
    written = tmp_path / "济源2021.html"
    assert told == [f"已导出到：\n{written}"]
    back = import_file(written).report
    assert back.sec3["granted"]["natural_person"] == 84 and back.sec3["carried_out"]["natural_person"] == 2


def test_copy_web_content_puts_styled_html_and_plain_text_on_the_clipboard(qtbot, window):
    action(window, "复制网页内容(&C)").trigger()
    data = QApplication.clipboard().mimeData()
    assert data.hasHtml() and data.hasText()
    html = data.html()
    assert "<style" not in html and 'style="border-collapse:collapse' in html
    assert '<th scope="col" style="' in html and 'colspan="7">申请人情况</th>' in html
    assert "济源市人民政府2021年政府信息公开工作年度报告" in data.text()
    assert window.statusBar().currentMessage() == publishing.COPIED


def test_a_report_with_errors_is_copied_only_when_the_clerk_says_so(qtbot, window, answers):
    QApplication.clipboard().setText("昨天复制的文字")
    type_into_cell(qtbot, window, "sec3", "new", "natural_person", "900")  # 一 + 二 no longer 三 + 四: E1
    action(window, "复制网页内容(&C)").trigger()
    assert "仍要复制网页内容吗" in answers.warnings[0]
    assert QApplication.clipboard().text() == "昨天复制的文字" and not QApplication.clipboard().mimeData().hasHtml()


def test_export_infographic_as_the_picture_chosen(qtbot, window, tmp_path, monkeypatch):
    offered = []

    def save_as_png(parent, caption, suggested, filters):
        offered.append((suggested, filters))
        return str(tmp_path / "图解"), publishing.INFOGRAPHIC_FORMATS[".png"]

    monkeypatch.setattr(exporting.QFileDialog, "getSaveFileName", save_as_png)
    monkeypatch.setattr(exporting.ExportedBox, "exec", lambda box: 0)
    action(window, "导出图解(&G)…").trigger()
    assert offered[0][0].endswith("济源市人民政府2021年政府信息公开工作年度报告.png")
    assert offered[0][1] == "PNG 图片 (*.png);;SVG 矢量图 (*.svg);;PDF 文件 (*.pdf)"
    assert Image.open(io.BytesIO((tmp_path / "图解.png").read_bytes())).width == 1080
