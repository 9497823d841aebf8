"""One 打印预览 of the sample report on the screen the Qt platform gives it, measured as the clerk sees it.

Run by tests/test_export_printing.py in a fresh process (a Qt application's screens are fixed when it starts):
    python tests/preview_launch.py
prints one JSON line: the dialog's and the screen's rectangles, the screen's device pixel ratio, the zoom button
the toolbar shows pressed, the view's and the page's width in the screen's logical pixels (the white
across the middle of the view, as grabbed), and how many pixels wide the page images drawn into the preview are."""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtGui import QAction  # noqa: E402
from PySide6.QtPrintSupport import QPrintPreviewWidget  # noqa: E402
from PySide6.QtWidgets import QApplication, QGraphicsView  # noqa: E402

from export.pdf import pdf_bytes  # noqa: E402
from gui.printing import preview  # noqa: E402
from model.fileio import load_report  # noqa: E402

SAMPLE = Path(__file__).resolve().parent.parent / "resources" / "sample_report.json"


def main() -> None:
    app = QApplication(sys.argv)
    drawn_widths = []
    render = preview.render_page_images

    def recorded(pdf: bytes, dpi: int):
        images = render(pdf, dpi)
        drawn_widths.extend(image.width() for image in images)
        return images

    preview.render_page_images = recorded
    report = load_report(SAMPLE)
    dialog = preview.preview_dialog(None, report, pdf_bytes(report))
    dialog.show()
    widget = dialog.findChild(QPrintPreviewWidget)
    while widget.pageCount() == 0:
        app.processEvents()
    app.processEvents()
    picture = widget.findChild(QGraphicsView).viewport().grab().toImage()
    middle = picture.height() // 2
    white = [x for x in range(picture.width()) if picture.pixelColor(x, middle).lightness() == 255]
    grabbed_ratio = picture.devicePixelRatio()
    screen = dialog.screen()
    geometry, available = dialog.geometry(), screen.availableGeometry()
    pressed = [action.objectName() for action in dialog.findChildren(QAction)
               if action.objectName() in ("fitWidthAction", "fitPageAction") and action.isChecked()]
    print(json.dumps({"dialog": [geometry.x(), geometry.y(), geometry.width(), geometry.height()],
                      "screen": [available.x(), available.y(), available.width(), available.height()],
                      "ratio": screen.devicePixelRatio(), "pressed": pressed,
                      "view_width": picture.width() / grabbed_ratio,
                      "page_width": (max(white) - min(white) + 1) / grabbed_ratio, "drawn_widths": drawn_widths}))
    dialog.close()


if __name__ == "__main__":
    main()
