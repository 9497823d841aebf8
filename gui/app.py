"""Start the editor: fonts shipped with the program where the system has no Chinese face, Chinese standard dialogs,
the window, recovery."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QStandardPaths, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QIcon
from PySide6.QtWidgets import QApplication

from gui import APP_NAME
from gui.main_window import EditorWindow
from gui.files.recovery import RecoveryStore

FONT_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"
WINDOW_ICON = FONT_DIR.parent / "nianbao.png"  # drawn by packaging/draw_icon.py
# a Windows machine's own 黑体-style UI fonts first, then the fallback shipped in resources/fonts
UI_FONT_FAMILIES = ("Microsoft YaHei UI", "Microsoft YaHei", "SimHei")
UI_POINT_SIZE = 10
STYLE_SHEET = """
QLabel#sectionTitle { font-size: 15pt; font-weight: bold; padding: 4px 0; }
QLabel#sectionHint { color: #5a6470; }
"""


def system_has_chinese_face() -> bool:
    return bool(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


def load_shipped_fonts(folder: Path = FONT_DIR) -> list[str]:
    """Register every font file in `folder` with Qt; returns the family names, 宋 face first."""
    families: list[str] = []
    for file in sorted(folder.glob("*.tt[fc]")):
        font_id = QFontDatabase.addApplicationFont(str(file))
        if font_id >= 0:
            families += QFontDatabase.applicationFontFamilies(font_id)
    return families


def ui_font(shipped: list[str]) -> QFont:
    """The application font: a system 黑体 face when there is one, else the system's own face, with the shipped
    faces (黑 before 宋) when they were loaded."""
    installed = set(QFontDatabase.families())
    families = [f for f in UI_FONT_FAMILIES if f in installed]
    # the system's own face draws Latin letters and digits; the shipped faces draw what it lacks
    # (resolved: the system font may be named by an alias such as "Sans Serif", which a family list skips)
    families.append(QFontInfo(QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)).family())
    families += sorted(shipped, key=lambda f: "Sans" not in f)
    font = QFont()
    font.setFamilies(families)
    font.setPointSize(UI_POINT_SIZE)
    return font


# what Qt's own qtbase_zh_CN.qm leaves in English in its file dialog (Qt 6 strings it has no entry for)
MISSING_QT_CHINESE = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QAbstractFileIconProvider", "Folder"): "文件夹",
    ("QAbstractFileIconProvider", "File"): "文件",
    ("QAbstractFileIconProvider", "Drive"): "驱动器",
    ("QFileSystemModel", "%1 File"): "%1 文件",
}


class MissingQtChinese(QTranslator):
    """The Chinese for the few file-dialog words Qt's translation lacks."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        return MISSING_QT_CHINESE.get((context, source), "")

    def isEmpty(self) -> bool:
        return False


def load_translations(app: QApplication) -> QTranslator | None:
    """Qt's own Chinese for standard dialogs and buttons (是/否/取消, file dialogs), with what it lacks."""
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    app.installTranslator(MissingQtChinese(app))  # installed first: asked after the full translation
    if translator.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_", folder):
        app.installTranslator(translator)
        return translator
    return None


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName("nianbao")
    app.setApplicationName("nianbao-editor")
    app.setApplicationDisplayName(APP_NAME)
    app.setWindowIcon(QIcon(str(WINDOW_ICON)))
    if getattr(sys, "frozen", False):  # the packages name the menu entry after the executable (packaging/deb.py):
        app.setDesktopFileName(Path(sys.executable).stem)  # the taskbar shows that entry's name and icon
    # the shipped faces (13 MB) only where the system draws no Chinese: its own faces look native and start faster
    app.setFont(ui_font([] if system_has_chinese_face() else load_shipped_fonts()))
    app.setStyleSheet(STYLE_SHEET)
    load_translations(app)
    return app


def default_recovery_store() -> RecoveryStore:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return RecoveryStore(Path(folder) / "recovery")


def open_window(path: str | None, sample: Path, settings: QSettings, recovery: RecoveryStore) -> EditorWindow:
    """The window with the recovered work, the file asked for, the report the clerk last worked on, or else the
    start page (新建 / 以上年报告为模板新建 / 打开 / 最近打开 / 示例报告)."""
    window = EditorWindow(settings, recovery, sample=sample)
    window.show()  # questions and messages at start appear over the window, not alone on the desktop
    if window.offer_recovery():
        return window
    if path is not None and window.open_report(path):
        return window
    last = window.last_report()
    if last is not None and window.open_report(last):
        return window
    window.show_start_page()
    return window


def run_editor(path: str | None, sample: Path) -> int:
    app = create_application()
    window = open_window(path, sample, QSettings(), default_recovery_store())  # held: Python owns the window
    status = app.exec()
    del window
    return status
