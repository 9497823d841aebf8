"""PyInstaller's QtCore hook (used by packaging/build.py), keeping only Qt's Chinese (China) translations.

Qt's standard dialogs and buttons (是/否/取消, the file dialog) are translated by qtbase_zh_CN.qm, loaded by
gui/app.py; qt_zh_CN.qm names it. The other 40 languages are left out.
"""
import os

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

KEPT_TRANSLATIONS = {"qt_zh_CN.qm", "qtbase_zh_CN.qm"}

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
datas = [(source, target) for source, target in datas
         if not source.endswith(".qm") or os.path.basename(source) in KEPT_TRANSLATIONS]
