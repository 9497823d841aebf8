"""Publishing on the unit's site (政府信息公开专栏): 导出网页, 复制网页内容 for the site's editor, 导出图解."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QApplication, QWidget

from gui.printing.exporting import confirm_despite_errors, save_as
from model.report import Report

INFOGRAPHIC_FORMATS = {  # the first is suggested: a PNG is what a site's editor and a phone take
    ".png": "PNG 图片 (*.png)",
    ".svg": "SVG 矢量图 (*.svg)",
    ".pdf": "PDF 文件 (*.pdf)",
}
COPIED = "已复制网页内容：在网站发布系统的编辑器中粘贴即可，表格保留合并的表头。"


def export_html(parent: QWidget | None, report: Report, directory: Path | None = None) -> Path | None:
    """导出网页: one .html file to upload; the path written, or None when cancelled or failed (already said)."""
    from export.files import save_html

    if not confirm_despite_errors(parent, report, "导出网页"):
        return None
    return save_as(parent, report, "导出网页", {".html": "网页 (*.html)"}, save_html, directory)


def export_infographic(parent: QWidget | None, report: Report, directory: Path | None = None) -> Path | None:
    """导出图解 as PNG, SVG or PDF: the path written, or None when cancelled or failed (already said)."""
    from export.files import save_infographic

    if not confirm_despite_errors(parent, report, "导出图解"):
        return None
    return save_as(parent, report, "导出图解", INFOGRAPHIC_FORMATS, save_infographic, directory)


def web_content(report: Report) -> QMimeData:
    """The report as a site's editor takes it: HTML with the styles on its elements, and the plain text for
    an editor that takes no HTML."""
    from export.html import report_fragment
    from export.text import report_text

    data = QMimeData()
    data.setHtml(report_fragment(report))
    data.setText(report_text(report))
    return data


def copy_web_content(parent: QWidget | None, report: Report) -> bool:
    """复制网页内容: True when the content is on the clipboard."""
    if not confirm_despite_errors(parent, report, "复制网页内容"):
        return False
    QApplication.clipboard().setMimeData(web_content(report))
    return True
