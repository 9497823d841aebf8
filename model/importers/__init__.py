"""Importing a published report into the editor's model: Word (.docx, and .doc/.wps through LibreOffice), PDF,
saved web pages (.html, .mhtml), Excel laid out as the official tables (.xlsx), plain text and Markdown.

Each format has a reader that turns the file into paragraphs and table rows (document.Block); one recogniser
(document.assemble) makes the report from them.  The format is told by the file's content, the name's suffix
deciding only where content cannot (an old Office file: document or spreadsheet).

`import_file(path)` returns an ImportResult: the report and a note for what was read,
what was guessed (and why) and what could not be read.  A file that holds no report
raises ImportFailed with a sentence for the clerk (`import_bytes` lets an unforeseen
error through, so tests see it).  The editor and the command line call `import_file_bounded`, the same in a
child process with a memory ceiling and a time limit.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Callable

from model.fileio import read_user_file
from model.importers.archive import zip_members
from model.importers.result import GUESSED, READ, UNREADABLE, ImportFailed, ImportResult, Note

__all__ = ["import_file", "import_file_bounded", "import_bytes", "ImportResult", "ImportFailed", "Note", "READ",
           "GUESSED", "UNREADABLE", "SUFFIXES", "FORMAT_NAMES"]

SUFFIXES = (".docx", ".doc", ".wps", ".pdf", ".html", ".htm", ".mhtml", ".mht", ".xlsx", ".xls", ".et", ".txt", ".md")
FORMAT_NAMES = ("Word（.docx；装有 LibreOffice 时也读 .doc、.wps）、PDF（.pdf）、网页（.html、.htm、.mhtml）、"
                "Excel（.xlsx）、文本（.txt）或 Markdown（.md）")
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|\?xml[^>]*>\s*<html)",
                         re.IGNORECASE | re.DOTALL)
MAX_BYTES = 50 * 1024 * 1024


def refuse_if_too_large(path: Path) -> None:
    """A file over MAX_BYTES is refused before a byte of it is read (汇总 keeps to the same cap)."""
    try:
        size = path.stat().st_size if path.is_file() else 0
    except OSError:  # said by the reading that follows
        return
    if size > MAX_BYTES:
        raise ImportFailed(f"“{path.name}”超过 {MAX_BYTES // 1024 ** 2} MB，不像是一份年度报告，未读取。")


def import_file(path: str | os.PathLike) -> ImportResult:
    path = Path(path)
    refuse_if_too_large(path)
    raw = read_user_file(path, ImportFailed)
    try:
        return import_bytes(raw, path.name)
    except ImportFailed:
        raise
    except Exception as exc:  # a file no test foresaw must still end in a sentence for the clerk, not a traceback
        raise ImportFailed(f"导入“{path.name}”时遇到程序无法处理的内容，文件可能已损坏，未导入。请在原来的程序"
                           f"（Word、WPS、Excel 或 PDF 阅读器）中打开它并另存后再导入；仍不行时请把这个文件发给技术支持。"
                           ) from exc


def import_file_bounded(path: str | os.PathLike, cancelled: Callable[[], bool] = lambda: False) -> ImportResult:
    """import_file in a child process with a memory ceiling and a time limit (model/bounded): a bomb ends the
    child, never the editor, and the sentence says which limit it hit.  Raises Cancelled when `cancelled()`."""
    from model.bounded import LimitHit, run_in_child
    try:
        return run_in_child(import_file, str(path), cancelled=cancelled)
    except LimitHit as hit:
        raise ImportFailed(hit.sentence(Path(path).name)) from None


def import_bytes(raw: bytes, name: str) -> ImportResult:
    """The report in `raw`; each reader (and the recogniser behind it) is imported only when its format comes,
    so the editor and a PDF export start without them."""
    if not raw.strip():
        raise ImportFailed(f"“{name}”是空文件，里面没有报告内容。")
    suffix = Path(name).suffix.lower()
    if raw.startswith(b"PK\x03\x04"):
        members = zip_members(raw, name)
        if "xl/workbook.xml" in members:
            from model.importers.xlsx import read_xlsx
            return read_xlsx(raw, name)
        if "word/document.xml" in members or suffix == ".docx":
            from model.importers.docx import read_docx
            return read_docx(raw, name)
        raise ImportFailed(f"“{name}”是压缩文件，不是 Word（.docx）或 Excel（.xlsx）文件，无法导入。")
    if raw.startswith(b"\xd0\xcf\x11\xe0"):  # an old Office or WPS file
        from model.importers.office import convert_old_office
        converted, converted_name = convert_old_office(raw, name)
        zip_members(converted, name)
        if converted_name.endswith(".xlsx"):
            from model.importers.xlsx import read_xlsx as read
        else:
            from model.importers.docx import read_docx as read
        return read(converted, name)
    if raw.lstrip()[:1024].find(b"%PDF") >= 0:
        from model.importers.pdf import read_pdf
        return read_pdf(raw, name)
    from model.importers.html import is_mhtml, read_html, read_mhtml
    if is_mhtml(raw):
        return read_mhtml(raw, name)
    if _HTML_START.match(raw[:4096].lstrip(b"\xef\xbb\xbf")) or suffix in (".html", ".htm") and b"<" in raw[:4096]:
        return read_html(raw, name)
    from model.importers.text import read_text
    return read_text(raw, name)
