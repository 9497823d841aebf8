"""Plain text and Markdown: a report copied from a web page or a PDF, tables as tab- or |-separated lines."""
from __future__ import annotations

import re
from collections.abc import Iterator

from model.importers.document import Block, assemble
from model.importers.limits import MAX_TEXT_CHARACTERS
from model.importers.result import ImportFailed, ImportResult

_MARKDOWN_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
ENCODINGS = ("utf-8-sig", "gb18030")  # UTF-8 from the web; GBK/GB18030 from older Windows tools


def decode_text(raw: bytes, name: str) -> str:
    """UTF-16 by its byte-order mark, or told by where its zero bytes fall; else UTF-8 or GB18030, with the stray
    NUL characters a damaged copy or a careless tool leaves in it taken out."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ("utf-16", *ENCODINGS)
    elif b"\x00" in raw and (byte_order := utf16_without_mark(raw)):
        encodings = (byte_order, *ENCODINGS)
    else:
        encodings = ENCODINGS
    for encoding in encodings:
        try:
            return raw.decode(encoding).replace("\x00", "")
        except UnicodeDecodeError:
            continue
    raise ImportFailed(f"“{name}”不是可以读取的文本：它既不是 UTF-8 或 GBK（GB18030）编码，也不是 UTF-16 编码的文字，"
                       f"也不是 Word（.docx）文件，无法导入。请在记事本或 WPS 中打开它，另存为 UTF-8 编码的文本后再导入。")


def utf16_without_mark(raw: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" for UTF-16 text saved without its byte-order mark, told by where the zero
    bytes of its digits, spaces and line breaks fall (Chinese characters have none); None when it is not so."""
    head = raw[:65536]
    if len(raw) % 2:
        return None
    odd = head[1::2].count(0)
    even = head[0::2].count(0)
    if odd >= 8 * max(even, 1) and odd >= 4:
        return "utf-16-le"
    if even >= 8 * max(odd, 1) and even >= 4:
        return "utf-16-be"
    return None


def text_blocks(text: str) -> Iterator[Block]:
    for number, line in enumerate(text.splitlines(), 1):
        if not _MARKDOWN_RULE.match(line):
            yield Block(line, f"第 {number} 行", split_cells(line))


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
    text = decode_text(raw, name)
    if len(text) > MAX_TEXT_CHARACTERS:
        raise ImportFailed(f"“{name}”有 {len(text):,} 个字符，超过 {MAX_TEXT_CHARACTERS:,} 个，不像是一份年度报告，"
                           f"未导入。请只复制年度报告的正文和表格。")
    from model.importers.flattened import flattened_blocks
    blocks = flattened_blocks(text)
    return assemble(text_blocks(text) if blocks is None else blocks, name, from_text=True)
