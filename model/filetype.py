"""The report file's own type: its extension, the older one still read, its MIME type and the file dialogs' filter.

Reports are saved as NAME.nianbao: 年报 in pinyin and the program's own name (the command is `nianbao`), so a
clerk reads it as what the file is, no other program claims it, and a double-click opens the editor (a `.json`
opened a text editor). Inside it is the same UTF-8 JSON as before, which the MIME type's `+json` says; reports
saved as `.json` open, save (under their own name) and import exactly as before.
The packages (packaging/build.py: the .desktop entry, the shared-mime-info XML, the Windows installer's file
association) are written from these constants.
"""
from __future__ import annotations

import os
from pathlib import Path

EXTENSION = ".nianbao"
LEGACY_EXTENSION = ".json"  # reports saved before the file type of its own
EXTENSIONS = (EXTENSION, LEGACY_EXTENSION)
MIME_TYPE = "application/x-nianbao+json"
TYPE_NAME = "政府信息公开年报"  # the name file managers show for the type


def is_report_file(path: str | os.PathLike) -> bool:
    """A file of our own format, by its name: opened directly, never through 导入."""
    return Path(path).suffix.lower() in EXTENSIONS


def with_report_extension(path: str | os.PathLike) -> Path:
    """The name a report is saved under: a name typed without an extension gets ours."""
    path = Path(path)
    return path if path.suffix else path.with_suffix(EXTENSION)


def patterns() -> str:
    """`*.nianbao *.json` for a file dialog's filter."""
    return " ".join("*" + extension for extension in EXTENSIONS)


def extensions_named() -> str:
    """`.nianbao、.json` for a sentence or a command's help."""
    return "、".join(EXTENSIONS)
