"""Text widgets keep their own undo history; the report has one. Send 撤销/重做 keys to the window's actions."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeySequence


class UndoKeysToWindow(QObject):
    """Event filter: a text widget does not claim Ctrl+Z / Ctrl+Y, so the window's shortcut fires."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and (
                event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)):
            event.ignore()
            return True
        return False
