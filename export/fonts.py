"""Which font each text role uses: the 公文 fonts when this machine has them, else the fonts we ship.

Looked up, in order: the Windows font folders, fontconfig (`fc-list`), then resources/fonts.
The Word writer needs a font *name* (Word and WPS look it up on the reader's machine); the PDF writer needs
a TrueType *file* to embed.  Both come from here.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from export.pagestyle import BODY, HEADING1, HEADING2, PAGE_NUMBER, TABLE, TITLE

RESOURCE_FONTS = Path(__file__).resolve().parent.parent / "resources" / "fonts"
BUNDLED_SONG = RESOURCE_FONTS / "gbsn00lp.ttf"  # AR PL SungtiL GB: 宋 style, GB2312
BUNDLED_HEI = RESOURCE_FONTS / "DroidSansFallbackFull.ttf"  # 黑 style, covers rare characters (鄠, 埇)


@dataclass(frozen=True)
class Face:
    name: str  # the name Word and WPS show; written into the .docx
    aliases: tuple[str, ...]  # other family names fontconfig may report
    windows_files: tuple[str, ...]  # file names in a Windows font folder
    index: int = 0  # face inside a .ttc collection


SONG = Face("宋体", ("SimSun",), ("simsun.ttc",))
XIAOBIAOSONG = Face("方正小标宋简体", ("FZXiaoBiaoSong-B05S", "方正小标宋_GBK"), ("FZXBSJW.TTF", "方正小标宋简体.ttf"))
FANGSONG_GB2312 = Face("仿宋_GB2312", ("FangSong_GB2312",), ("仿宋_GB2312.ttf", "FS_GB2312.ttf"))
FANGSONG = Face("仿宋", ("FangSong",), ("simfang.ttf",))
HEI = Face("黑体", ("SimHei",), ("simhei.ttf",))
KAI_GB2312 = Face("楷体_GB2312", ("KaiTi_GB2312",), ("楷体_GB2312.ttf", "KT_GB2312.ttf"))
KAI = Face("楷体", ("KaiTi",), ("simkai.ttf",))


@dataclass(frozen=True)
class RoleFaces:
    preferred: tuple[Face, ...]  # best first; the last is on every Chinese Windows
    bundled: Path


ROLE_FACES = {
    TITLE: RoleFaces((XIAOBIAOSONG, SONG), BUNDLED_SONG),
    BODY: RoleFaces((FANGSONG_GB2312, FANGSONG), BUNDLED_SONG),
    HEADING1: RoleFaces((HEI,), BUNDLED_HEI),
    HEADING2: RoleFaces((KAI_GB2312, KAI), BUNDLED_SONG),
    TABLE: RoleFaces((SONG,), BUNDLED_SONG),
    PAGE_NUMBER: RoleFaces((SONG,), BUNDLED_SONG),
}


@dataclass(frozen=True)
class FontFile:
    path: Path
    index: int = 0


@dataclass(frozen=True)
class RoleFont:
    role: str
    word_name: str  # East Asian font name for the .docx
    file: FontFile  # embedded in the PDF
    installed: bool  # False: the PDF uses the font shipped in resources/fonts
    bundled: FontFile  # the shipped font of the same style, should `file` prove unusable


def windows_font_dirs() -> list[Path]:
    dirs = []
    if os.environ.get("WINDIR"):
        dirs.append(Path(os.environ["WINDIR"]) / "Fonts")
    if os.environ.get("LOCALAPPDATA"):
        dirs.append(Path(os.environ["LOCALAPPDATA"]) / "Microsoft" / "Windows" / "Fonts")
    return [d for d in dirs if d.is_dir()]


def _windows_file(face: Face, listings: list[dict[str, Path]]) -> FontFile | None:
    for listing in listings:
        for name in face.windows_files:
            if name.lower() in listing:
                return FontFile(listing[name.lower()], face.index)
    return None


@lru_cache(maxsize=1)
def _fontconfig_families() -> dict[str, FontFile]:
    """Every family name fontconfig knows for Chinese fonts → its file (one `fc-list` call)."""
    if sys.platform == "win32" or not shutil.which("fc-list"):
        return {}
    try:
        out = subprocess.run(["fc-list", ":lang=zh", "-f", "%{family}\t%{file}\t%{index}\n"],
                             capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    families: dict[str, FontFile] = {}
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) != 3 or not parts[2].isdigit():
            continue
        for family in parts[0].split(","):
            families.setdefault(_family_key(family), FontFile(Path(parts[1]), int(parts[2])))
    return families


def _family_key(name: str) -> str:
    return name.replace(" ", "").lower()


def _fontconfig_file(face: Face) -> FontFile | None:
    families = _fontconfig_families()
    for name in (face.name, *face.aliases):
        if _family_key(name) in families:
            return families[_family_key(name)]
    return None


def is_truetype(file: FontFile) -> bool:
    """reportlab embeds TrueType outlines only (not the CFF outlines of most .otf CJK fonts)."""
    try:
        with open(file.path, "rb") as handle:
            head = handle.read(4)
    except OSError:
        return False
    return head in (b"\x00\x01\x00\x00", b"true", b"ttcf")


@lru_cache(maxsize=1)
def resolve_fonts() -> dict[str, RoleFont]:
    """Role → font, looked up once per process (the answer does not change while the editor runs)."""
    listings = [{p.name.lower(): p for p in d.iterdir()} for d in windows_font_dirs()]
    fonts = {}
    for role, faces in ROLE_FACES.items():
        found = None
        for face in faces.preferred:
            file = _windows_file(face, listings) or _fontconfig_file(face)
            if file and is_truetype(file):
                found = RoleFont(role, face.name, file, True, FontFile(faces.bundled))
                break
        fonts[role] = found or RoleFont(role, faces.preferred[-1].name, FontFile(faces.bundled), False,
                                        FontFile(faces.bundled))
    return fonts


# on every Windows: SimSun-ExtB has the CJK Extension B characters (𠀾), Segoe UI Symbol black-and-white emoji
WINDOWS_FALLBACK_FILES = ("simsunb.ttf", "seguisym.ttf")


def fallback_files() -> list[FontFile]:
    """Tried, in this order, for a character the role's font lacks; the last covers the rare ones."""
    listings = [{p.name.lower(): p for p in d.iterdir()} for d in windows_font_dirs()]
    windows = [FontFile(listing[name]) for name in WINDOWS_FALLBACK_FILES for listing in listings if name in listing]
    return [FontFile(BUNDLED_SONG), *windows, FontFile(BUNDLED_HEI)]
