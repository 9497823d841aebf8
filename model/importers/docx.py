"""Word (.docx): paragraphs and tables in body order, each table row as the text of its grid cells."""
from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

from model.importers.document import Block, assemble
from model.importers.limits import check_table_size
from model.importers.result import ImportFailed, ImportResult


def docx_blocks(raw: bytes, name: str) -> Iterator[Block]:
    """The blocks in body order, made as the recogniser takes them (it stops at limits.MAX_BLOCKS)."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import parse_xml  # python-docx's element classes, without loading the whole package
    from lxml.etree import LxmlError

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as package:
            body = parse_xml(package.read(_main_part(package))).find(qn("w:body"))
            styles = package.read("word/styles.xml") if "word/styles.xml" in package.namelist() else None
        style_levels = _style_outline_levels(parse_xml(styles)) if styles else {}
        paragraphs = tables = 0
        for child in body.iterchildren():
            if child.tag == qn("w:p"):
                paragraphs += 1
                yield Block(_paragraph_text(child), f"第 {paragraphs} 段",
                            outline_level=_outline_level(child, style_levels))
            elif child.tag == qn("w:tbl"):
                tables += 1
                yield from _table_blocks(child, tables, name)
                yield Block("", f"第 {tables} 个表格之后", ends_table=True)
    except (zipfile.BadZipFile, KeyError, ValueError, AttributeError, IndexError, TypeError, OSError):
        raise ImportFailed(f"“{name}”不是完整的 Word（.docx）文件，无法打开。"
                           f"请在 Word 或 WPS 中打开它并重新另存为 .docx 后再导入。") from None
    except LxmlError:  # damaged XML inside an intact zip
        raise ImportFailed(f"“{name}”中的 Word 内容已损坏，无法读取。"
                           f"请在 Word 或 WPS 中打开并另存为 .docx 后再导入。") from None


def _main_part(package: zipfile.ZipFile) -> str:
    """The document part named by the package's content types (word/document.xml in every file seen)."""
    import re

    types = package.read("[Content_Types].xml").decode("utf-8", "replace")
    match = re.search(r'PartName="/([^"]+)"\s+ContentType="application/vnd\.openxmlformats-officedocument\.'
                      r'wordprocessingml\.document\.main\+xml"', types)
    return match.group(1) if match else "word/document.xml"


def _style_outline_levels(styles) -> dict[str, int]:
    """Each paragraph style's outline level, its own or inherited from the style it is based on; under "" the
    default paragraph style's (a paragraph naming no style has it: Normal in Word, another id in WPS)."""
    from docx.oxml.ns import qn

    own: dict[str, int | None] = {}
    based_on: dict[str, str] = {}
    for style in styles.iterchildren(qn("w:style")):
        style_id = style.get(qn("w:styleId"), "")
        own[style_id] = _own_level(style)
        base = style.find(qn("w:basedOn"))
        if base is not None:
            based_on[style_id] = base.get(qn("w:val"), "")
    levels = {}
    for style_id in own:
        seen, current = set(), style_id
        while current in own and current not in seen and own[current] is None:
            seen.add(current)
            current = based_on.get(current, "")
        if own.get(current) is not None:
            levels[style_id] = own[current]
    default = next((s.get(qn("w:styleId"), "") for s in styles.iterchildren(qn("w:style"))
                    if s.get(qn("w:type")) == "paragraph" and s.get(qn("w:default")) in ("1", "true", "on")), None)
    if default in levels:
        levels[""] = levels[default]
    return levels


def _own_level(element) -> int | None:
    from docx.oxml.ns import qn

    level = element.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
    value = level.get(qn("w:val"), "") if level is not None else ""
    return int(value) if value.isdigit() else None


def _outline_level(p, style_levels: dict[str, int]) -> int | None:
    """The paragraph's own outline level, else its style's (or the style's base style's)."""
    from docx.oxml.ns import qn

    own = _own_level(p)
    if own is not None:
        return own
    style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return style_levels.get(style.get(qn("w:val"), "") if style is not None else "")


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_RUN_CONTENT = frozenset(f"{_W}{tag}" for tag in ("br", "cr", "noBreakHyphen", "ptab", "t", "tab"))
MAX_SPAN = 64  # Word's own limit is 63 columns: a larger span or gap is a damaged (or hostile) file


def _table_blocks(table, number: int, name: str) -> Iterator[Block]:
    """One block per row, a merged cell's text in its first grid position only (as the layout grid has it).
    Rows, cells and runs are found by walking the XML children (python-docx's properties run an XPath per
    call, which made a 10,000-row table take 20 s)."""
    above: list = []
    texts_of: dict = {}  # a cell's text, read once however many grid positions it covers
    rows = (child for child in table if child.tag == f"{_W}tr")
    width = 0
    for index, tr in enumerate(rows, 1):
        elements = _grid_cells(tr, above)
        width = max(width, len(elements))
        check_table_size(name, f"第 {number} 个表格", index, width)
        texts = ["" if tc is None else _cell_text(tc, texts_of) for tc in elements]
        cells = tuple("" if tc is not None and ((i and elements[i - 1] is tc) or (i < len(above) and above[i] is tc))
                      else text for i, (tc, text) in enumerate(zip(elements, texts, strict=True)))
        above = elements
        yield Block("\t".join(texts), f"第 {number} 个表格第 {index} 行", cells)


def _property(element, properties: str, name: str) -> str | None:
    """The w:val of a table property (w:tcPr/w:vMerge, w:trPr/w:gridBefore), "" when present without a value."""
    found = element.find(f"{_W}{properties}/{_W}{name}")  # one search: no element object made on the way
    return None if found is None else found.get(f"{_W}val", "")


def _count(value: str | None) -> int:
    """A span or a gap in grid columns as written, at most MAX_SPAN; -1 when absent or unreadable."""
    return min(int(value), MAX_SPAN) if value is not None and value.isdigit() else -1


def _grid_cells(tr, above: list) -> list:
    """The cell element at each grid position of the row (None where the row has none): a horizontal span
    repeats its cell, a vertically merged cell is the one where the merge starts (read from the row above)."""
    grid = [None] * max(_count(_property(tr, "trPr", "gridBefore")), 0)
    for tc in tr:
        if tc.tag != f"{_W}tc":
            continue
        merge = _property(tc, "tcPr", "vMerge")
        top = above[len(grid)] if merge in ("", "continue") and len(grid) < len(above) else None
        grid += [top if top is not None else tc] * max(_count(_property(tc, "tcPr", "gridSpan")), 1)
    return grid + [None] * max(_count(_property(tr, "trPr", "gridAfter")), 0)


def _cell_text(tc, texts_of: dict) -> str:
    """python-docx's cell.text: its paragraphs' text, one a line."""
    if tc not in texts_of:
        texts_of[tc] = "\n".join(_paragraph_text(p) for p in tc if p.tag == f"{_W}p").strip()
    return texts_of[tc]


def _paragraph_text(p) -> str:
    """python-docx's paragraph.text (runs and the runs of hyperlinks; tabs and breaks), found by tags."""
    runs = []
    for e in p:
        if e.tag == f"{_W}r":
            runs.append(e)
        elif e.tag == f"{_W}hyperlink":
            runs += [r for r in e if r.tag == f"{_W}r"]
    return "".join(str(c) for r in runs for c in r if c.tag in _RUN_CONTENT)


def read_docx(raw: bytes, name: str) -> ImportResult:
    return assemble(docx_blocks(raw, name), name, from_text=False)
