import os
import sys
from pathlib import Path

# Qt aborts without a display unless it draws offscreen; set before any Qt import
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
sys.path.insert(0, str(ROOT))


import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def no_dialog_waits_for_a_click(monkeypatch):
    """A modal dialog no test answers would wait for a click forever: fail the test instead of hanging.
    Tests answer dialogs by patching these again (gui_fixtures.Answers, choose_file)."""
    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox

    def unanswered(*args, **kwargs):
        texts = [a for a in args if isinstance(a, str)]
        raise AssertionError(f"a dialog no test answers was opened: {texts[:2]}")

    for owner, names in ((QMessageBox, ("question", "warning", "information", "critical", "exec")),
                         (QFileDialog, ("getOpenFileName", "getSaveFileName", "getExistingDirectory")),
                         (QInputDialog, ("getInt", "getText", "getItem")),
                         (QDialog, ("exec",))):
        for name in names:
            monkeypatch.setattr(owner, name, unanswered)
