"""Which font each text role uses.

Word: always the 公文 names of the 2021 template and GB/T 9704 (方正小标宋简体, 仿宋_GB2312, 黑体,
楷体_GB2312, 宋体), whatever the exporting machine has, each with the face a Chinese Windows always has as its
w:altName (仿宋, 楷体, 宋体): Word and WPS look the name up on the *reader's* machine, so the file must not
depend on the writer's.
PDF: a TrueType *file* to embed: the 公文 face when this machine has it (the Windows font folders, the font
folders of 统信 UOS, 麒麟 Kylin and their WPS, fontconfig), else its stand-in on every Chinese Windows, else
the font shipped in resources/fonts; `substitution_note` says in one sentence which faces were replaced.
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
# Zhuque Fangsong (朱雀仿宋, SIL OFL): a 仿宋 of every GB2312 character, TrueType, so the body reads as a 公文's
# where 仿宋_GB2312 and 仿宋 are missing; the symbols it lacks (℃, ①) come from the 宋 face
BUNDLED_FANG = RESOURCE_FONTS / "ZhuqueFangsong-Regular.ttf"
BUNDLED_HEI = RESOURCE_FONTS / "DroidSansFallbackFull.ttf"  # 黑 style, covers rare characters (鄠, 埇)
# AR PL KaitiM GB: a 楷 face of GB2312, as 楷体_GB2312 is, for 二级标题; same Arphic licence as the 宋 face
BUNDLED_KAI = RESOURCE_FONTS / "gkai00mp.ttf"


@dataclass(frozen=True)
class Face:
    name: str  # the name Word and WPS show; written into the .docx
    aliases: tuple[str, ...]  # other family names fontconfig may report
    windows_files: tuple[str, ...]  # file names in a Windows (or WPS) font folder
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
    preferred: tuple[Face, ...]  # best first: the 公文 face, then its stand-in on every Chinese Windows
    bundled: Path

    @property
    def word_face(self) -> Face:
        return self.preferred[0]

    @property
    def word_alt_name(self) -> str:
        """w:altName: what Word and WPS take when the 公文 face is missing (宋体 for 方正小标宋简体)."""
        return self.preferred[-1].name


ROLE_FACES = {
    TITLE: RoleFaces((XIAOBIAOSONG, SONG), BUNDLED_SONG),
    BODY: RoleFaces((FANGSONG_GB2312, FANGSONG), BUNDLED_FANG),
    HEADING1: RoleFaces((HEI,), BUNDLED_HEI),
    HEADING2: RoleFaces((KAI_GB2312, KAI), BUNDLED_KAI),
    TABLE: RoleFaces((SONG,), BUNDLED_SONG),
    PAGE_NUMBER: RoleFaces((SONG,), BUNDLED_SONG),
}

# what the shipped files are called in a sentence to the clerk
BUNDLED_NAMES = {BUNDLED_SONG.name: "文鼎PL简报宋", BUNDLED_FANG.name: "朱雀仿宋",
                 BUNDLED_HEI.name: "Droid Sans Fallback 黑体", BUNDLED_KAI.name: "文鼎PL中楷"}


@dataclass(frozen=True)
class FontFile:
    path: Path
    index: int = 0


@dataclass(frozen=True)
class RoleFont:
    role: str
    word_name: str  # East Asian font name for the .docx: the 公文 face, on every machine
    file: FontFile  # embedded in the PDF
    installed: bool  # False: the PDF uses the font shipped in resources/fonts
    bundled: FontFile  # the shipped font of the same style, should `file` prove unusable
    pdf_name: str = ""  # the face the PDF uses, as the clerk would call it

    @property
    def substituted(self) -> bool:
        return self.pdf_name != self.word_name


def windows_font_dirs() -> list[Path]:
    dirs = []
    if os.environ.get("WINDIR"):
        dirs.append(Path(os.environ["WINDIR"]) / "Fonts")
    if os.environ.get("LOCALAPPDATA"):
        dirs.append(Path(os.environ["LOCALAPPDATA"]) / "Microsoft" / "Windows" / "Fonts")
    return [d for d in dirs if d.is_dir()]


# where 统信 UOS and 麒麟 Kylin keep fonts fontconfig may not list: WPS's own folder (its 公文 fonts come with it)
# and the user's font folders
LINUX_FONT_DIRS = (
    "/opt/kingsoft/wps-office/office6/fonts",
    "/opt/apps/cn.wps.wps-office-pro/files/kingsoft/wps-office/office6/fonts",
    "/opt/apps/cn.wps.wps-office/files/kingsoft/wps-office/office6/fonts",
    "/usr/share/fonts/wps-office",
    "/usr/share/fonts/winfonts",
    "~/.fonts",
    "~/.local/share/fonts",
)


def _linux_font_dirs() -> list[Path]:
    if sys.platform == "win32":
        return []
    return [d for d in (Path(p).expanduser() for p in LINUX_FONT_DIRS) if d.is_dir()]


def _folder_listings() -> list[dict[str, Path]]:
    """File name (lower case) → path, per font folder; the small Linux folders with their subfolders."""
    listings = [{p.name.lower(): p for p in d.iterdir()} for d in windows_font_dirs()]
    for folder in _linux_font_dirs():
        listing: dict[str, Path] = {}
        for root, _, files in os.walk(folder):
            for name in files:
                listing.setdefault(name.lower(), Path(root) / name)
        listings.append(listing)
    return listings


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
    listings = _folder_listings()
    fonts = {}
    for role, faces in ROLE_FACES.items():
        found = None
        bundled = FontFile(faces.bundled)
        for face in faces.preferred:
            file = _windows_file(face, listings) or _fontconfig_file(face)
            if file and is_truetype(file):
                found = RoleFont(role, faces.word_face.name, file, True, bundled, face.name)
                break
        fonts[role] = found or RoleFont(role, faces.word_face.name, bundled, False, bundled,
                                        BUNDLED_NAMES[faces.bundled.name])
    return fonts


def substitution_note(fonts: dict[str, RoleFont] | None = None) -> str:
    """One sentence naming the 公文 faces this machine lacks and what the PDF used instead ("" when none)."""
    replaced: dict[str, list[str]] = {}
    for font in (fonts or resolve_fonts()).values():
        if font.substituted and font.word_name not in replaced.get(font.pdf_name, []):
            replaced.setdefault(font.pdf_name, []).append(font.word_name)
    if not replaced:
        return ""
    uses = "，".join(f"以{stand_in}代替{'、'.join(names)}" for stand_in, names in replaced.items())
    return f"本机缺少公文字体，PDF 中{uses}；Word 文件仍按公文字体排版，在装有这些字体的电脑上照常显示。"


# on every Windows: SimSun-ExtB has the CJK Extension B characters (𠀾), Segoe UI Symbol black-and-white emoji
WINDOWS_FALLBACK_FILES = ("simsunb.ttf", "seguisym.ttf")


def fallback_files() -> list[FontFile]:
    """Tried, in this order, for a character the role's font lacks; the last covers the rare ones."""
    listings = [{p.name.lower(): p for p in d.iterdir()} for d in windows_font_dirs()]
    windows = [FontFile(listing[name]) for name in WINDOWS_FALLBACK_FILES for listing in listings if name in listing]
    return [FontFile(BUNDLED_SONG), *windows, FontFile(BUNDLED_HEI)]
