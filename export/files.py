"""Writing export files safely: whole or not at all, with a sentence for the clerk when it fails."""
from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Callable

from export.pagestyle import ExportOptions
from export.text import text_file_bytes
from model.fileio import FolderNotWritable, write_atomically
from model.os_errors import describe
from model.report import Report


class ExportError(Exception):
    """An export that could not be written; the message is a sentence for the clerk."""


def _write_atomically(path: Path, write: Callable[[io.BytesIO], None]) -> None:
    buffer = io.BytesIO()
    write(buffer)
    try:
        write_atomically(path, buffer.getvalue())
    except FolderNotWritable as exc:
        raise ExportError(f"无法在“{path.parent}”中写入文件：{describe(exc)}。请换一个文件夹。") from exc
    except PermissionError as exc:
        raise ExportError(f"无法写入“{path.name}”：文件可能正在被 Word、WPS 或 PDF 阅读器打开，"
                          f"请关闭后再导出，或换一个文件名。") from exc
    except OSError as exc:
        raise ExportError(f"写入“{path.name}”失败：{describe(exc)}。") from exc


# each writer is imported when first asked for: a PDF export loads neither python-docx nor our Word writer
def save_docx(report: Report, path: str | os.PathLike, options: ExportOptions = ExportOptions()) -> None:
    from export.docx import write_docx
    _write_atomically(Path(path), lambda out: write_docx(report, out, options))


def save_pdf(report: Report, path: str | os.PathLike, options: ExportOptions = ExportOptions()) -> None:
    from export.pdf import write_pdf
    _write_atomically(Path(path), lambda out: write_pdf(report, out, options))


def save_text(report: Report, path: str | os.PathLike, options: ExportOptions = ExportOptions()) -> None:
    """Plain text (options do not apply: no pages to sign or mark)."""
    _write_atomically(Path(path), lambda out: out.write(text_file_bytes(report)))


def save_html(report: Report, path: str | os.PathLike, options: ExportOptions = ExportOptions()) -> None:
    """The web page for the unit's site (options do not apply: the published text has no pages to sign)."""
    from export.html import page_bytes
    _write_atomically(Path(path), lambda out: out.write(page_bytes(report)))


def save_infographic(report: Report, path: str | os.PathLike, options: ExportOptions = ExportOptions()) -> None:
    """The 图解, as the file's suffix says: .svg, .png or .pdf (options do not apply)."""
    from export.infographic import WRITERS
    path = Path(path)
    write = WRITERS.get(path.suffix.lower())
    if write is None:
        raise ExportError(f"图解只能导出为 {'、'.join(WRITERS)} 文件，“{path.name}”不是。")
    _write_atomically(path, lambda out: out.write(write(report)))
