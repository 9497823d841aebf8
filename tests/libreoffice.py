"""LibreOffice as tests and benchmarks run it: headless, with a profile of its own and a private fontconfig that
sets the 公文 faces in the fonts we ship, so its pages look the same on every machine.

Without Chinese fonts LibreOffice prints every CJK glyph as one box, and where a machine has some, which one
stands in for 仿宋_GB2312 decides every line break.  The private configuration includes the one in force
(FONTCONFIG_FILE or the system's), adds resources/fonts and puts the shipped face first for each 公文 name.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

from export.fonts import RESOURCE_FONTS

SYSTEM_FONTCONFIG = "/etc/fonts/fonts.conf"
# each 公文 name (and the Windows face it falls back to) → the shipped family that stands in for it
STAND_INS = {
    "仿宋_GB2312": "Zhuque Fangsong", "仿宋": "Zhuque Fangsong", "FangSong": "Zhuque Fangsong",
    "方正小标宋简体": "AR PL SungtiL GB", "宋体": "AR PL SungtiL GB", "SimSun": "AR PL SungtiL GB",
    "楷体_GB2312": "AR PL KaitiM GB", "楷体": "AR PL KaitiM GB", "KaiTi": "AR PL KaitiM GB",
    "黑体": "Droid Sans Fallback", "SimHei": "Droid Sans Fallback",
}


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def fontconfig(folder: Path, inherit: bool = True) -> Path:
    """A fontconfig file in `folder`: the configuration in force (unless not to `inherit`: the shipped fonts
    alone), the shipped fonts, the 公文 names aliased."""
    inherited = os.environ.get("FONTCONFIG_FILE", SYSTEM_FONTCONFIG) if inherit else ""
    aliases = "".join(f'<alias binding="strong"><family>{escape(name)}</family>'
                      f'<prefer><family>{escape(face)}</family></prefer></alias>'
                      for name, face in STAND_INS.items())
    path = folder / "fonts.conf"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        + (f'<include ignore_missing="yes">{escape(inherited)}</include>' if inherited else "") +
        f'<dir>{escape(str(RESOURCE_FONTS))}</dir>'
        # a cache where the inherited configuration may name none: the shipped faces are scanned once
        '<cachedir prefix="xdg">fontconfig</cachedir>'
        f'{aliases}</fontconfig>', encoding="utf-8")
    return path


def run_soffice(arguments: list[str], workspace: Path | None = None, timeout: float = 300) -> None:
    """soffice --headless with `arguments`, its own profile and the private fontconfig, both kept in
    `workspace` (a folder of its own, reused to time a warm start) or in a temporary folder."""
    if workspace is None:
        with tempfile.TemporaryDirectory() as folder:
            run_soffice(arguments, Path(folder), timeout)
        return
    environment = {**os.environ, "FONTCONFIG_FILE": str(fontconfig(workspace))}
    subprocess.run([soffice(), f"-env:UserInstallation={(workspace / 'profile').as_uri()}", "--headless",
                    "--norestore", *arguments], check=True, capture_output=True, timeout=timeout, env=environment)


def convert(sources: list[Path], target: str, folder: Path, filter_name: str | None = None) -> list[Path]:
    """LibreOffice converts the files (pdf, doc, …) into `folder`."""
    run_soffice(["--convert-to", f"{target}:{filter_name}" if filter_name else target,
                 "--outdir", str(folder), *map(str, sources)])
    return [folder / f"{Path(s).stem}.{target}" for s in sources]
