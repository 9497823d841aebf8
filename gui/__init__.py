"""The PySide6 editor."""

APP_NAME = "年报编辑器"  # window titles and the questions the window asks
