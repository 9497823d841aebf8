"""How long one table-cell edit takes to show: commit → totals → rule check → flags, findings, repaint.

Run: QT_QPA_PLATFORM=offscreen python bench/bench_gui_edit.py
The budget is one frame (16 ms).  Each sample commits a value to table 三 as the cell editor does
(model.setData), then lets Qt draw the next frame (processEvents: the changed cells, the findings
panel, the section list, the status bar).  A second figure forces the whole table to be redrawn,
as scrolling or uncovering the window does.
"""
from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from PySide6.QtCore import QSettings

from gui.app import create_application
from gui.main_window import EditorWindow
from gui.files.recovery import RecoveryStore
from model.fileio import load_report

SAMPLES = 300
FRAME_MS = 16.0


def main() -> int:
    app = create_application()
    folder = Path(tempfile.mkdtemp(prefix="bench_gui_"))
    window = EditorWindow(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat), RecoveryStore(folder))
    window.show_untitled(load_report(ROOT / "resources" / "sample_report.json"), "bench")
    window.resize(1600, 1000)
    window.show()
    window.editor.show_section("sec3")
    app.processEvents()
    page = window.editor.tables["sec3"]
    frame = measure(app, page, lambda: app.processEvents())
    full = measure(app, page, lambda: (page.view.viewport().repaint(), app.processEvents()))
    print(f"table-cell edit to updated totals, flags, findings on screen ({SAMPLES} edits, table 三):")
    print(f"  next frame:          {frame}")
    print(f"  whole table redrawn: {full}")
    print(f"  (budget {FRAME_MS:.0f} ms)")
    window.document.undo_stack.setClean()
    print(f"a keystroke in 一 to findings on screen ({SAMPLES} keys, ten-page draft, last year's report linked):")
    print(f"  next frame:          {typing(app, window)}")
    window.document.undo_stack.setClean()
    window.close()
    return 0


def typing(app, window) -> str:
    """Keys typed at the end of a paragraph of a ten-page draft whose text is compared with last year's."""
    from PySide6.QtGui import QTextCursor

    from bench_rules import ten_page_reports
    last, draft = ten_page_reports()
    window.show_untitled(draft, "bench")
    window.editor.show_section("overview")
    app.processEvents()
    editor = window.editor.narratives["overview"]
    cursor = QTextCursor(editor.paragraph_blocks()[1])
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    timings = []
    for i in range(SAMPLES):
        start = time.perf_counter()
        cursor.insertText("改")  # as a key press does: the text changes, the report follows, the rules run
        app.processEvents()
        timings.append((time.perf_counter() - start) * 1000)
    assert any(f.rule == "W7" for f in window.document.findings)  # the comparison ran all along
    timings.sort()
    return (f"median {statistics.median(timings):.2f} ms, 95th percentile {timings[int(SAMPLES * 0.95) - 1]:.2f} ms, "
            f"worst {timings[-1]:.2f} ms")


def measure(app, page, draw) -> str:
    cell = page.model.index_of("new", "business")  # breaks E1 on odd values: flags appear and clear
    timings = []
    for i in range(SAMPLES):
        start = time.perf_counter()
        page.model.setData(cell, str(i % 3))
        draw()
        timings.append((time.perf_counter() - start) * 1000)
        assert page.model.severity(("total", "business")) == ("error" if i % 3 else None)  # the flag followed
    timings.sort()
    return (f"median {statistics.median(timings):.2f} ms, 95th percentile {timings[int(SAMPLES * 0.95) - 1]:.2f} ms, "
            f"worst {timings[-1]:.2f} ms")


if __name__ == "__main__":
    sys.exit(main())
