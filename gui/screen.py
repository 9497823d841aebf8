"""Every window and dialog inside the screen's available area (QScreen.availableGeometry: less the taskbar),
with room for the title bar and borders the window manager adds."""
from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# room for the title bar and borders the window manager adds around a window not yet shown
FRAME_ALLOWANCE = QMargins(4, 32, 4, 4)


def fit_to_screen(wanted: QRect, available: QRect) -> QRect:
    """`wanted` shrunk to fit the screen's `available` area (less the window frame) and moved inside it."""
    room = available.marginsRemoved(FRAME_ALLOWANCE)
    width, height = min(wanted.width(), room.width()), min(wanted.height(), room.height())
    x = min(max(wanted.x(), room.x()), room.x() + room.width() - width)
    y = min(max(wanted.y(), room.y()), room.y() + room.height() - height)
    return QRect(x, y, width, height)


def screen_area(point: QPoint | None = None) -> QRect:
    """The available area of the screen showing `point` (the primary screen when none does or none is given)."""
    screen = (QGuiApplication.screenAt(point) if point is not None else None) or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def place_centred(window: QWidget, width: int, height: int, near: QWidget | None = None) -> None:
    """`window` at the size wanted, centred on the screen of `near` (else the primary one), shrunk to fit it."""
    available = screen_area(near.geometry().center() if near is not None else None)
    wanted = QRect(0, 0, width, height)
    wanted.moveCenter(available.center())
    window.setGeometry(fit_to_screen(wanted, available))
