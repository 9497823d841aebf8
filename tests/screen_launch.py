"""One launch of the editor on the screen the Qt platform gives it, measured as the clerk would see it.

Run by tests/test_gui_screen.py in a fresh process (a Qt application's screens are fixed when it starts):
    python tests/screen_launch.py SETTINGS_FOLDER [DOCK_WIDTH]
prints one JSON line: the window's rectangle, the screen's, 检查结果's width and each table's sideways scroll range,
then closes the window as the clerk does (saving the layout)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QPoint, QSettings, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from gui.app import create_application  # noqa: E402
from gui.main_window import EditorWindow  # noqa: E402
from gui.files.recovery import RecoveryStore  # noqa: E402
from model.fileio import load_report  # noqa: E402

SAMPLE = Path(__file__).resolve().parent.parent / "resources" / "sample_report.json"


def main(folder: Path, dock_width: int | None) -> None:
    app = create_application()
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = EditorWindow(settings, RecoveryStore(folder / "recovery"))
    window.show()
    window.show_untitled(load_report(SAMPLE), "示例报告")
    app.processEvents()
    if dock_width is not None:
        window.resizeDocks([window.findings_dock], [dock_width], Qt.Orientation.Horizontal)
        app.processEvents()
    scrolls = {}
    for key, page in window.editor.tables.items():
        window.editor.show_section(key)
        app.processEvents()
        scrolls[key] = page.view.horizontalScrollBar().maximum()
    window.editor.show_section("sec3")
    view = window.editor.tables["sec3"].view
    view.go_to(view.table_model.index_of("carried_out", "natural_person"))  # the last row, as Enter reaches it
    app.processEvents()
    header = view.header_pane
    # what the clerk sees at the top of the value columns and at the left of the last row, after scrolling down
    top = header.indexAt(header.viewport().rect().topRight() + QPoint(-5, 5))
    bottom_left = view.viewport().rect().bottomLeft() + QPoint(5, -5)
    scrolled = {"scrolled_by": view.verticalScrollBar().value(),
                "header_shown": top.data() if header.isVisible() else None,
                "label_shown": view.label_pane.indexAt(bottom_left).data()}
    geometry, screen = window.geometry(), app.primaryScreen().availableGeometry()
    print(json.dumps({"window": [geometry.x(), geometry.y(), geometry.width(), geometry.height()],
                      "screen": [screen.x(), screen.y(), screen.width(), screen.height()],
                      "dock": window.findings_dock.width(), "sideways": scrolls, **scrolled}))
    window.needs_save = False
    window.document.undo_stack.setClean()
    window.close()
    QApplication.processEvents()


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else None)
