"""Word (.docx): paragraphs and tables in body order, each table row as the text of its grid cells."""
from __future__ import annotations

import io
import zipfile

from model.importers.document import Block, assemble
from model.importers.result import ImportFailed, ImportResult


def docx_blocks(raw: bytes, name: str) -> list[Block]:
    import docx  # python-docx; only needed for Word files
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(raw))
        body = document.element.body
        blocks: list[Block] = []
        paragraphs = tables = 0
        for child in body.iterchildren():
            if child.tag == qn("w:p"):
                paragraphs += 1
                paragraph = Paragraph(child, document)
                blocks.append(Block(paragraph.text, f"第 {paragraphs} 段", outline_level=_outline_level(paragraph)))
            elif child.tag == qn("w:tbl"):
                tables += 1
                blocks += _table_blocks(Table(child, document), tables)
                blocks.append(Block("", f"第 {tables} 个表格之后", ends_table=True))
    except (zipfile.BadZipFile, KeyError, ValueError, AttributeError, IndexError, TypeError, OSError):
        raise ImportFailed(f"“{name}”不是完整的 Word（.docx）文件，无法打开。"
                           f"请在 Word 或 WPS 中打开它并重新另存为 .docx 后再导入。") from None
    except Exception:  # damaged XML inside an intact zip, or parts python-docx cannot make sense of
        raise ImportFailed(f"“{name}”中的 Word 内容已损坏，无法读取。"
                           f"请在 Word 或 WPS 中打开并另存为 .docx 后再导入。") from None
    return blocks


def _outline_level(paragraph) -> int | None:
    """The paragraph's own outline level, else its style's (or the style's base style's)."""
    from docx.oxml.ns import qn

    elements = [paragraph._p]
    style = paragraph.style
    while style is not None:
        elements.append(style.element)
        style = style.base_style
    for element in elements:
        level = element.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
        if level is not None and (value := level.get(qn("w:val"), "")).isdigit():
            return int(value)
    return None


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_RUN_CONTENT = frozenset(f"{_W}{tag}" for tag in ("br", "cr", "noBreakHyphen", "ptab", "t", "tab"))
MAX_SPAN = 64  # Word's own limit is 63 columns: a larger span or gap is a damaged (or hostile) file


def _table_blocks(table, number: int) -> list[Block]:
    """One block per row, a merged cell's text in its first grid position only (as the layout grid has it).
    Rows, cells and runs are found by walking the XML children (python-docx's properties run an XPath per
    call, which made a 10,000-row table take 20 s)."""
    blocks = []
    above: list = []
    texts_of: dict = {}  # a cell's text, read once however many grid positions it covers
    rows = (child for child in table._tbl if child.tag == f"{_W}tr")
    for index, tr in enumerate(rows, 1):
        elements = _grid_cells(tr, above)
        texts = ["" if tc is None else _cell_text(tc, texts_of) for tc in elements]
        cells = tuple("" if tc is not None and ((i and elements[i - 1] is tc) or (i < len(above) and above[i] is tc))
                      else text for i, (tc, text) in enumerate(zip(elements, texts, strict=True)))
        above = elements
        blocks.append(Block("\t".join(texts), f"第 {number} 个表格第 {index} 行", cells))
    return blocks


def _property(element, properties: str, name: str) -> str | None:
    """The w:val of a table property (w:tcPr/w:vMerge, w:trPr/w:gridBefore), "" when present without a value."""
    found = element.find(f"{_W}{properties}/{_W}{name}")  # one search: no element object made on the way
    return None if found is None else found.get(f"{_W}val", "")


def _count(value: str | None) -> int:
    """A span or a gap in grid columns: 1 or 0 when absent or unreadable, at most MAX_SPAN."""
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
    """python-docx's cell.text: the text of the runs (and of runs inside hyperlinks) of each paragraph."""
    if tc not in texts_of:
        paragraphs = []
        for p in tc:
            if p.tag != f"{_W}p":
                continue
            runs = []
            for e in p:
                if e.tag == f"{_W}r":
                    runs.append(e)
                elif e.tag == f"{_W}hyperlink":
                    runs += [r for r in e if r.tag == f"{_W}r"]
            paragraphs.append("".join(str(c) for r in runs for c in r if c.tag in _RUN_CONTENT))
        texts_of[tc] = "\n".join(paragraphs).strip()
    return texts_of[tc]


def read_docx(raw: bytes, name: str) -> ImportResult:
    return assemble(docx_blocks(raw, name), name, from_text=False)
