"""The PySide6 editor."""

from model.version import APP_NAME  # window titles and the questions the window asks

__all__ = ["APP_NAME"]
