"""Plain text and Markdown: a report copied from a web page or a PDF, tables as tab- or |-separated lines."""
from __future__ import annotations

import re

from model.importers.document import Block, assemble
from model.importers.result import ImportFailed, ImportResult

_MARKDOWN_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
ENCODINGS = ("utf-8-sig", "gb18030")  # UTF-8 from the web; GBK/GB18030 from older Windows tools


def decode_text(raw: bytes, name: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    elif b"\x00" not in raw:
        for encoding in ENCODINGS:
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                continue
    raise ImportFailed(f"“{name}”不是文本文件，也不是 Word（.docx）文件，无法导入。")


def text_blocks(text: str) -> list[Block]:
    blocks = []
    for number, line in enumerate(text.splitlines(), 1):
        where = f"第 {number} 行"
        if _MARKDOWN_RULE.match(line):
            continue
        cells = split_cells(line)
        blocks.append(Block(line, where, cells))
    return blocks


def split_cells(line: str) -> tuple[str, ...] | None:
    """The cells of a table line (tab- or |-separated), or None for a line of prose."""
    stripped = line.strip(" \u3000\r")
    if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
        return tuple(c.strip() for c in stripped[1:-1].split("|"))
    if "\t" in stripped.strip("\t"):
        return tuple(c.strip() for c in line.rstrip("\r\n").split("\t"))
    if "|" in stripped:
        return tuple(c.strip() for c in stripped.split("|"))
    if "\t" in line:  # tabs only at the ends: a one-cell row
        return tuple(c.strip() for c in line.split("\t"))
    return None


def read_text(raw: bytes, name: str) -> ImportResult:
    return assemble(text_blocks(decode_text(raw, name)), name, from_text=True)
