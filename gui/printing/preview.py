"""打印预览 and 打印, as the main window calls them.

Preview and printing draw the pages of the exported PDF itself (rendered by PDFium), so what the clerk sees
and prints is exactly the file the website publishes.  Each action first warns when the report still has
errors and asks for the optional pages (gui.printing.exporting.prepare_output).
"""
from __future__ import annotations

import math

from PySide6.QtCore import QRect, QSettings, Qt
from PySide6.QtGui import QAction, QGuiApplication, QImage, QPageLayout, QPageSize, QPainter, QScreen
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from gui.printing.exporting import prepare_output
from model.report import Report

PRINT_DPI = 300  # sharp on paper; PDFium renders an A4 page at this size in about 40 ms
A4_WIDTH_INCHES = 210 / 25.4


# ---------------------------------------------------------------- the PDF's pages on a printer
def render_page_images(pdf: bytes, dpi: int) -> list[QImage]:
    """Every page of the PDF as an image, as PDFium draws it: in grey levels, as every mark of the report's PDF
    is black or grey (a quarter of the memory of colour: a page at 300 dpi takes 9 MB, not 35)."""
    import pypdfium2 as pdfium  # PDFium when a page is drawn, not at start-up

    document = pdfium.PdfDocument(pdf)
    images = []
    try:
        for page in document:
            bitmap = page.render(scale=dpi / 72, grayscale=True)
            # copy before PDFium frees the buffer
            images.append(QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                                 QImage.Format.Format_Grayscale8).copy())
            page.close()
    finally:
        document.close()
    return images


def new_a4_printer(title: str) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)  # the margins are in the PDF's pages already
    printer.setDocName(title)
    return printer


def paint_pages(printer: QPrinter, pdf: bytes, dpi: int) -> int:
    """Draw the PDF's pages, one per sheet, filling the paper, from images of `dpi`; returns the number of
    pages drawn."""
    images = render_page_images(pdf, dpi)
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        paper = printer.paperRect(QPrinter.Unit.DevicePixel).toRect()
        target = QRect(0, 0, paper.width(), paper.height())
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        for index, image in enumerate(images):
            if index:
                printer.newPage()
            painter.drawImage(target, image)
    finally:
        painter.end()
    return len(images)


def preview_dpi(screen: QScreen) -> int:
    """The resolution the preview draws the pages at: a page as wide as the screen still has a pixel of its
    own for every pixel of the screen (a high-DPI screen has more than its size in points), and never fewer
    than on paper, so zooming in stays sharp."""
    device_width = screen.availableGeometry().width() * screen.devicePixelRatio()
    return max(PRINT_DPI, math.ceil(device_width / A4_WIDTH_INCHES))


def preview_dialog(parent: QWidget | None, report: Report, pdf: bytes) -> QPrintPreviewDialog:
    """The PDF's pages filling the width of a dialog as large as the screen: the body text reads at about
    its printed size on a 1366×768 laptop, rather than a whole page shrunk to the window's height."""
    printer = new_a4_printer(report.title)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.printer_keepalive = printer  # the dialog does not own its QPrinter: it must outlive the dialog
    dialog.setWindowTitle(f"打印预览 — {report.title}")
    screen = (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
    dialog.setGeometry(screen.availableGeometry())  # full size even where no window manager maximizes it
    dialog.setWindowState(dialog.windowState() | Qt.WindowState.WindowMaximized)
    dpi = preview_dpi(screen)
    dialog.paintRequested.connect(lambda printer: paint_pages(printer, pdf, dpi))
    # the dialog's own 适合宽度 button, so the toolbar shows the zoom the pages open at
    dialog.findChild(QAction, "fitWidthAction").trigger()
    return dialog


def print_preview(parent: QWidget | None, report: Report, settings: QSettings | None = None) -> bool:
    """打印预览: the PDF's pages; the dialog's own print button prints them.  False when cancelled."""
    options = prepare_output(parent, report, "打印预览", settings)
    if options is None:
        return False
    from export.pdf import pdf_bytes

    preview_dialog(parent, report, pdf_bytes(report, options)).exec()
    return True


def print_report(parent: QWidget | None, report: Report, settings: QSettings | None = None) -> bool:
    """打印: the system print dialog, then the PDF's pages.  False when cancelled."""
    options = prepare_output(parent, report, "打印", settings)
    if options is None:
        return False
    printer = new_a4_printer(report.title)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("打印")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    from export.pdf import pdf_bytes

    if not paint_pages(printer, pdf_bytes(report, options), min(PRINT_DPI, printer.resolution())):
        QMessageBox.critical(parent, "打印失败", "无法开始打印：请检查打印机是否已连接并开机，然后再试一次。")
        return False
    return True
