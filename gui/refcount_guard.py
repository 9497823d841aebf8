"""A guard against a reference-counting fault in PySide6 6.12.0 on Python 3.11.

Measured here: every call of a C++ method that returns nothing (QLabel.setText, QWidget.repaint, …)
takes one reference from None, and every Signal.emit one from True, and never gives them back
(1000 calls of setText: None −1000; with PySide6 6.11.3: 0).  The editor makes hundreds of such
calls per keystroke, so after a few minutes a count reaches zero and Python aborts with
"deallocating None" (or "True or False").  Python 3.12 made these objects immortal (PEP 683), where
the loss is harmless; on older Pythons we give them the same immortality.  Ints are not affected.
"""
from __future__ import annotations

import ctypes
import sys

IMMORTAL_REFCOUNT = 1 << 60  # far from both zero and overflow however many references are lost or taken


def make_singletons_immortal() -> None:
    if sys.version_info >= (3, 12):
        return
    for singleton in (None, True, False):
        # ob_refcnt is the first field of every CPython object, and id() is the object's address
        ctypes.c_ssize_t.from_address(id(singleton)).value = IMMORTAL_REFCOUNT
