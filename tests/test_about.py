"""帮助 › 关于: the version, and where reports, recovery copies and settings live (the user's profile, never the
program's folder, which may be read-only when the editor runs from a copied folder)."""
from __future__ import annotations

import tomllib
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from gui.app import create_application, default_recovery_store
from model.version import application_version
from tests.gui_fixtures import window  # noqa: F401  (fixture)

PROGRAM_FOLDER = Path(__file__).resolve().parent.parent


def about_text(window, monkeypatch) -> str:  # noqa: F811
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text() + "\n" + box.informativeText()))
    window.about_action.trigger()
    assert len(shown) == 1
    return shown[0]


def test_about_shows_the_version_of_pyproject(window, monkeypatch):  # noqa: F811
    with open(PROGRAM_FOLDER / "pyproject.toml", "rb") as file:
        version = tomllib.load(file)["project"]["version"]
    assert application_version() == version
    assert f"版本 {version}" in about_text(window, monkeypatch)


def test_about_names_the_folders_of_recovery_copies_and_settings(window, monkeypatch, tmp_path):  # noqa: F811
    text = about_text(window, monkeypatch)
    assert f"恢复副本（未保存的修改每分钟自动保存一次，不改动报告文件）：{tmp_path / 'recovery'}" in text
    assert f"设置（最近打开的文件、窗口位置）：{tmp_path / 'settings.ini'}" in text
    assert "报告文件：保存在您选择的位置，默认在“文档”文件夹" in text  # the sample has no file yet


def test_recovery_copies_and_settings_live_in_the_users_profile(qapp, monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.delenv(variable, raising=False)
    create_application()
    recovery = default_recovery_store().directory
    assert recovery.is_relative_to(tmp_path), recovery
    assert not recovery.is_relative_to(PROGRAM_FOLDER)
    assert not Path(QSettings().fileName()).is_relative_to(PROGRAM_FOLDER)
