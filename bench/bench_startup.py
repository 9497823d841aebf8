"""Start-up: seconds from a fresh Python process to the editor window shown with a report in it, against a bare
PySide6 window in the same machine (both in fresh processes, the median of several runs).

The editor starts as `python main.py` does (main.py's own imports first, then the window) and from compiled
bytecode, as an installed copy has it (pip and the packaged build compile it); a checkout run with
PYTHONDONTWRITEBYTECODE would otherwise compile every module again in each run.

Run: QT_QPA_PLATFORM=offscreen python bench/bench_startup.py
"""
from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5

BARE = """
import time; start = time.perf_counter()
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([]); window = QMainWindow(); window.resize(1366, 700); window.show(); app.processEvents()
print(time.perf_counter() - start)
"""

EDITOR = """
import time; start = time.perf_counter()
import sys; sys.path.insert(0, {root!r})
import main
from pathlib import Path
from PySide6.QtCore import QSettings
from gui.app import create_application, open_window
from gui.files.recovery import RecoveryStore
app = create_application()
settings = QSettings({settings!r}, QSettings.Format.IniFormat)
window = open_window({sample!r}, Path({sample!r}), settings, RecoveryStore(Path({recovery!r})))
app.processEvents()
print(time.perf_counter() - start)
"""


def seconds(code: str) -> float:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen")))
    return float(done.stdout.strip().splitlines()[-1])


def main() -> None:
    for package in ("model", "export", "gui"):
        compileall.compile_dir(ROOT / package, quiet=1)
    compileall.compile_file(ROOT / "main.py", quiet=1)
    with tempfile.TemporaryDirectory() as folder:
        editor = EDITOR.format(root=str(ROOT), settings=str(Path(folder) / "settings.ini"),
                               sample=str(ROOT / "resources" / "sample_report.json"),
                               recovery=str(Path(folder) / "recovery"))
        runs = [(seconds(BARE), seconds(editor)) for _ in range(RUNS)]  # in turn: a busy moment slows both
    bare = statistics.median(b for b, _ in runs)
    full = statistics.median(e for _, e in runs)
    print(f"bare PySide6 window: {bare * 1000:.0f} ms; editor with the sample report: {full * 1000:.0f} ms "
          f"({full / bare:.2f}x), median of {RUNS} fresh processes")


if __name__ == "__main__":
    main()
