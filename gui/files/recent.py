"""最近打开: the reports the clerk opened or saved last, kept in the window's settings."""
from __future__ import annotations

from pathlib import Path

from model.filelock import open_elsewhere

MAX_RECENT = 8


class RecentFiles:
    """Mixed into the editor window (gui.main_window.EditorWindow): its settings and 最近打开 menu."""

    def last_report(self) -> Path | None:
        """The report the clerk last opened or saved, if it is still there and not open in another window: a
        restart goes on with it (a second copy of the editor starts on the start page instead)."""
        recent = self.recent_files()
        if not recent or not Path(recent[0]).is_file() or open_elsewhere(Path(recent[0])) is not None:
            return None
        return Path(recent[0])

    def recent_files(self) -> list[str]:
        value = self.settings.value("recent_files", [])
        if isinstance(value, str):  # QSettings gives a one-element list back as a string
            value = [value] if value else []
        return [str(v) for v in value or []]

    def _remember_recent(self, path: Path) -> None:
        text = str(path.resolve())
        files = [text] + [f for f in self.recent_files() if f != text]
        self.settings.setValue("recent_files", files[:MAX_RECENT])

    def _forget_recent(self, path: Path) -> None:
        text = str(path.resolve())
        self.settings.setValue("recent_files", [f for f in self.recent_files() if f != text])

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.recent_files()
        if not files:
            self.recent_menu.addAction("（无）").setEnabled(False)
            return
        names = [Path(file).name for file in files]
        for number, file in enumerate(files, 1):
            path = Path(file)
            # two 2021.nianbao in different folders: name the folder so the clerk can tell them apart
            where = f"（{path.parent.name or path.parent}）" if names.count(path.name) > 1 else ""
            action = self.recent_menu.addAction(f"&{number} {path.name}{where}")
            action.setToolTip(file)
            action.triggered.connect(lambda _checked=False, f=file: self.open_recent(f))

    def open_recent(self, file: str) -> None:
        if self.maybe_save():
            self.open_report(file)
