"""A status bar whose message never runs under the text on its right (the report's state): a message longer than
its room is cut with … and read whole in its tooltip."""
from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QStatusBar, QWidget

MESSAGE_MARGIN = 6  # pixels left of the message and before the first widget on the right


class ElidingStatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.messageChanged.connect(self.setToolTip)

    def message_room(self) -> QRect:
        """Left of the widgets shown on the right."""
        right = min((w.geometry().left() for w in self.findChildren(QWidget)
                     if w.parent() is self and w.isVisible()), default=self.width())
        return QRect(MESSAGE_MARGIN, 0, max(right - 2 * MESSAGE_MARGIN, 0), self.height())

    def shown_message(self) -> str:
        room = self.message_room()
        return self.fontMetrics().elidedText(self.currentMessage(), Qt.TextElideMode.ElideRight, room.width())

    def paintEvent(self, event) -> None:
        if not self.currentMessage():
            super().paintEvent(event)
            return
        painter = QPainter(self)
        painter.setPen(self.palette().windowText().color())
        painter.drawText(self.message_room(), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                         | Qt.TextFlag.TextSingleLine, self.shown_message())
