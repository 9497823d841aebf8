"""The per-user Windows installer: `python packaging/build.py --installer` (Windows, Inno Setup 6).

Compiles packaging/windows/nianbao.iss with ISCC after build.py has made dist/<name>/, passing as /D defines what
the script must not repeat: the name, version, display name and icon from pyproject.toml, the file type from
model/filetype.py. Writes dist/<name>-<version>-setup.exe. Written on Linux: it has not been run on Windows yet.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from build import ROOT, Built, project

sys.path.insert(0, str(ROOT))  # this checkout's model/, not an installed copy's
from model.filetype import EXTENSION, MIME_TYPE, TYPE_NAME  # noqa: E402

SCRIPT = Path(__file__).resolve().parent / "windows" / "nianbao.iss"
INNO_FOLDER = "Inno Setup 6"


def iscc_defines(name: str, version: str) -> dict[str, str]:
    build_settings = project()["tool"]["nianbao-build"]
    return {"AppName": name, "AppVersion": version, "DisplayName": build_settings["display-name"],
            "IconFile": build_settings["icon"].replace("/", "\\"), "Extension": EXTENSION, "MimeType": MIME_TYPE,
            "TypeName": TYPE_NAME}


def find_iscc() -> Path:
    """ISCC on PATH, or where Inno Setup's installer (for all users, or per user as winget does) puts it."""
    found = shutil.which("ISCC")
    if found:
        return Path(found)
    for variable in ("ProgramFiles(x86)", "ProgramFiles", "LOCALAPPDATA"):
        base = os.environ.get(variable)
        if not base:
            continue
        for candidate in (Path(base) / INNO_FOLDER / "ISCC.exe", Path(base) / "Programs" / INNO_FOLDER / "ISCC.exe"):
            if candidate.is_file():
                return candidate
    raise SystemExit("Inno Setup 6 (ISCC.exe) not found: install it from https://jrsoftware.org/isdl.php "
                     "or `winget install JRSoftware.InnoSetup`")


def build_installer(built: Built) -> Path:
    if sys.platform != "win32":
        raise SystemExit("--installer runs on Windows: the one folder it packs is Windows's own build")
    defines = [f"/D{key}={value}" for key, value in iscc_defines(built.name, built.version).items()]
    subprocess.run([str(find_iscc()), "/Q", *defines, str(SCRIPT)], check=True)
    installer = ROOT / "dist" / f"{built.name}-{built.version}-setup.exe"
    print(f"built {installer}: {installer.stat().st_size / 2**20:.1f} MiB")
    return installer
