"""What reportlab makes of a TrueType file (glyph map, widths, tables), kept in the user's cache folder so a
later export reads it back instead of parsing the font again.  Only what laying out and embedding need is kept:
the glyph → characters map (for shaping, which we do not use) is rebuilt if ever asked for, and the per-glyph
metrics and offsets, which embedding reads only for the glyphs a document uses, are kept as arrays: the
49,000-glyph 黑 face reads back in a fifth of the time.  Keyed by the file's path, size and time and by reportlab's version;
anything amiss and the font is parsed as before."""
from __future__ import annotations

import hashlib
import os
import pickle
from array import array
from fnmatch import fnmatch
from pathlib import Path
from weakref import WeakKeyDictionary

import reportlab
from reportlab import rl_config
from reportlab.pdfbase.ttfonts import TTEncoding, TTFont, TTFontFace

from model.cachedir import default_cache_dir
from model.fileio import write_atomically

FORMAT = 3  # raised whenever what is stored changes


class _Scale:
    """Font units → PDF's thousandths of an em (reportlab keeps a lambda, which cannot be stored)."""

    def __init__(self, factor: float):
        self.factor = factor

    def __call__(self, value: float) -> float:
        return value * self.factor


NOT_STORED = ("_pdfScale", "glyphToChar")


class _Metrics:
    """hmetrics as reportlab reads them, (advance, left side bearing) by glyph, from two arrays."""

    def __init__(self, hmetrics: list[tuple[int, int]]):
        self.advances = array("d", (advance for advance, _ in hmetrics))
        self.bearings = array("d", (bearing for _, bearing in hmetrics))

    def __getitem__(self, glyph: int) -> tuple[int, int]:
        return self.advances[glyph], self.bearings[glyph]

    def __len__(self) -> int:
        return len(self.advances)


def _stored_state(face: TTFontFace) -> dict:
    state = {key: value for key, value in vars(face).items() if key not in NOT_STORED}
    state["hmetrics"] = _Metrics(face.hmetrics)
    state["glyphPos"] = array("L", face.glyphPos)
    return state


class _StoredFace(TTFontFace):
    def __init__(self, state: dict):  # noqa: D107 - the parsed face's own attributes, read back
        vars(self).update(state)
        self._pdfScale = _Scale(1000 / self.unitsPerEm)

    def __getattr__(self, name: str):
        if name != "glyphToChar":
            raise AttributeError(name)
        glyph_to_char: dict[int, list[int]] = {}
        for char, glyph in self.charToGlyph.items():
            glyph_to_char.setdefault(glyph, []).append(char)
        self.glyphToChar = glyph_to_char
        return glyph_to_char


class _StoredFont(TTFont):
    def __init__(self, name: str, face: TTFontFace):  # noqa: D107 - as TTFont.__init__, the face read back
        self.fontName = name
        self.face = face
        self.encoding = TTEncoding()
        self.state = WeakKeyDictionary()
        self._asciiReadable = rl_config.ttfAsciiReadable
        self.shapable = not any(fnmatch(name, glob) for glob in rl_config.unShapedFontGlob or ())


def _cache_file(path: Path, index: int, folder: Path) -> Path:
    stat = path.stat()
    key = f"{FORMAT}|{reportlab.Version}|{path.resolve()}|{index}|{stat.st_size}|{stat.st_mtime_ns}"
    return folder / "fonts" / f"{hashlib.sha256(key.encode()).hexdigest()[:32]}.pickle"


def load_font(name: str, path: Path, index: int = 0, folder: Path | None = None) -> TTFont:
    """The font as reportlab parses it, read back from the cache when it was parsed before."""
    try:
        stored = _cache_file(path, index, folder or default_cache_dir())
    except OSError:
        return TTFont(name, os.fspath(path), subfontIndex=index)
    try:
        with open(stored, "rb") as handle:
            return _StoredFont(name, _StoredFace(pickle.load(handle)))
    except Exception:  # noqa: BLE001 - missing, damaged or from another version: parse the font again
        pass
    font = TTFont(name, os.fspath(path), subfontIndex=index)
    try:
        write_atomically(stored, pickle.dumps(_stored_state(font.face), protocol=pickle.HIGHEST_PROTOCOL))
    except Exception:  # noqa: BLE001 - a read-only or full cache folder only costs the next export the parse
        pass
    return font
