"""Zip-based files (.docx, .xlsx): what is inside, judged from the zip directory before anything is unpacked."""
from __future__ import annotations

import io
import zipfile
import zlib

from model.importers.result import ImportFailed

MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # a report with photos unpacks to a few MB
# the XML is what gets parsed, at some ten times its size in memory; a 10,000-row table is some 30 MB of it
MAX_XML_BYTES = 60 * 1024 * 1024
MAX_ENTRIES = 5000
_PIECE = 1024 * 1024


def zip_members(raw: bytes, name: str) -> set[str]:
    """The names inside the zip; ImportFailed when the zip is damaged or would unpack to far more than a
    report (a zip bomb)."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise ImportFailed(f"“{name}”已损坏，无法打开。请在 Word、WPS 或 Excel 中打开它并重新保存后再导入。") from None
    xml_bytes = sum(e.file_size for e in entries if e.filename.endswith((".xml", ".rels")))
    if len(entries) > MAX_ENTRIES or sum(e.file_size for e in entries) > MAX_UNPACKED_BYTES \
            or xml_bytes > MAX_XML_BYTES:
        raise ImportFailed(f"“{name}”解压后超过 {MAX_UNPACKED_BYTES // 1024 // 1024} MB 或含有过多部件，"
                           f"不像是一份年度报告，未导入。")
    if not _sizes_are_true(raw):
        raise ImportFailed(f"“{name}”已损坏（压缩的内容与文件目录不符），无法打开。"
                           f"请在 Word、WPS 或 Excel 中打开它并重新保存后再导入。")
    return {e.filename for e in entries}


def _sizes_are_true(raw: bytes) -> bool:
    """Every part unpacked a piece at a time, so a part whose directory entry understates its size (a zip bomb
    hiding from the check above) fails its checksum here, in bounded memory, instead of being inflated whole by
    the Word or Excel reader (which unpacks a part in one call and only then cuts it to the stated size)."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            for entry in archive.infolist():
                with archive.open(entry) as part:
                    while part.read(_PIECE):
                        pass
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, ValueError, OSError,
            EOFError, zlib.error):
        return False
    return True
