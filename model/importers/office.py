"""Old Office and WPS files (.doc, .wps, .xls, .et): LibreOffice, when installed, converts them headless into
.docx or .xlsx in a temporary folder; the converted file is then read as any other."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from model.importers.result import ImportFailed

CONVERSION_SECONDS = 120
SPREADSHEET_SUFFIXES = (".xls", ".et")
_INSTALL_FOLDERS = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    "/opt/libreoffice/program/soffice",
    "/usr/lib/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
)


def find_soffice() -> str | None:
    """LibreOffice's soffice: on PATH, or in its usual install folder."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    return next((path for path in _INSTALL_FOLDERS if os.path.isfile(path)), None)


def convert_old_office(raw: bytes, name: str) -> tuple[bytes, str]:
    """The file converted to .docx (or .xlsx for a spreadsheet), and the name the converted file has."""
    spreadsheet = Path(name).suffix.lower() in SPREADSHEET_SUFFIXES
    kind, target = ("Excel 表格", "xlsx") if spreadsheet else ("Word 或 WPS 文档", "docx")
    soffice = find_soffice()
    if soffice is None:
        raise ImportFailed(f"“{name}”是旧版{kind}（{Path(name).suffix or '.doc'}）。这台电脑没有安装 LibreOffice，"
                           f"无法自动转换：请在 Word、WPS 或 Excel 中打开它，另存为 .{target} 后再导入。")
    with tempfile.TemporaryDirectory(prefix="nianbao-import-") as folder:
        source = Path(folder) / f"source{Path(name).suffix.lower() or '.doc'}"
        source.write_bytes(raw)
        profile = Path(folder) / "profile"  # its own profile: a LibreOffice the clerk has open does not interfere
        command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                   "--convert-to", target, "--outdir", folder, str(source)]
        try:
            subprocess.run(command, capture_output=True, timeout=CONVERSION_SECONDS, check=False,
                           stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise ImportFailed(f"LibreOffice 在 {CONVERSION_SECONDS} 秒内未能转换“{name}”。请在 Word 或 WPS 中"
                               f"打开它，另存为 .{target} 后再导入。") from None
        except OSError:
            raise ImportFailed(f"无法启动 LibreOffice 转换“{name}”。请在 Word 或 WPS 中打开它，"
                               f"另存为 .{target} 后再导入。") from None
        converted = source.with_suffix(f".{target}")
        if not converted.is_file():
            raise ImportFailed(f"LibreOffice 无法转换“{name}”，文件可能已损坏或设有密码。请在 Word 或 WPS 中"
                               f"打开它，另存为 .{target} 后再导入。")
        return converted.read_bytes(), f"{Path(name).stem}.{target}"
