"""Importing a published report (Word .docx, plain text, Markdown) into the editor's model.

`import_file(path)` returns an ImportResult: the report and a note for what was read,
what was guessed (and why) and what could not be read.  A file that holds no report
raises ImportFailed with a sentence for the clerk (`import_bytes` lets an unforeseen
error through, so tests see it).
"""
from __future__ import annotations

import os
from pathlib import Path

from model.fileio import read_user_file
from model.importers.docx import read_docx
from model.importers.result import GUESSED, READ, UNREADABLE, ImportFailed, ImportResult, Note
from model.importers.text import read_text

__all__ = ["import_file", "import_bytes", "ImportResult", "ImportFailed", "Note", "READ", "GUESSED", "UNREADABLE",
           "SUFFIXES"]

SUFFIXES = (".docx", ".txt", ".md")
MAX_BYTES = 50 * 1024 * 1024


def import_file(path: str | os.PathLike) -> ImportResult:
    path = Path(path)
    if path.is_file() and path.stat().st_size > MAX_BYTES:
        raise ImportFailed(f"“{path.name}”超过 50 MB，不像是一份年度报告，未导入。")
    raw = read_user_file(path, ImportFailed)
    try:
        return import_bytes(raw, path.name)
    except ImportFailed:
        raise
    except Exception as exc:  # a file no test foresaw must still end in a sentence for the clerk, not a traceback
        raise ImportFailed(f"导入“{path.name}”时遇到程序无法处理的内容，未导入（{type(exc).__name__}）。"
                           f"请把这个文件发给技术支持。") from exc


def import_bytes(raw: bytes, name: str) -> ImportResult:
    if not raw.strip():
        raise ImportFailed(f"“{name}”是空文件，里面没有报告内容。")
    if raw.startswith(b"PK\x03\x04"):
        return read_docx(raw, name)
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFailed(f"“{name}”是旧版 Word 文件（.doc）。请在 Word 或 WPS 中把它另存为 .docx 后再导入。")
    if raw.startswith(b"%PDF"):
        raise ImportFailed(f"“{name}”是 PDF 文件。请在 PDF 阅读器中全选并复制文字，粘贴到记事本保存为 .txt 后再导入。")
    return read_text(raw, name)
