"""PDF as Word, WPS, LibreOffice and browsers print it: ruled tables by their cell rectangles, unruled
tables by the gaps between columns, the other lines joined into paragraphs by the page's geometry.

pdfplumber finds a ruled table's cells from its ruling lines, so a number or label wrapped over two lines
inside one cell stays one cell, and a merged cell appears once (its covered positions empty, as a Word table
gives them).  Table finding runs only on pages that have ruling lines.
"""
from __future__ import annotations

import io
import re
import time
from dataclasses import dataclass, field

from model.importers.document import PAGE_NUMBER, Block, assemble
from model.importers.pdf_inflate import MAX_FILE_BYTES, MAX_STREAM_BYTES, StreamTooLarge, bounded_inflation
from model.importers.result import ImportFailed, ImportResult

# the page marks without dashes (those are PAGE_NUMBER): 3, 第 3 页（共 7 页）, 3/7
_UNDASHED_PAGE_MARK = re.compile(r"^(?:\d{1,3}|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d{1,3}\s*/\s*\d{1,3})$")
_MARGIN = 0.08  # page numbers and running heads sit in the top and bottom 8% of the page
# a 公文's "— 4 —" stands 7 mm below a text area 35 mm above the page's foot: 9–10% up an A4 page; the dashes
# make it a page number up to this far in (a bare number only within _MARGIN)
_DASHED_MARGIN = 0.15
_LINE_TOLERANCE = 3  # points: words whose tops differ less than this are on one line
_CJK = re.compile(r"[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]")
_NUMBER = re.compile(r"^[-+]?\d[\d,，.]*$")
_MIN_TABLE_COLUMNS = 3  # an unruled line with this many gap-separated cells (some numbers) is a table row


@dataclass
class _Line:
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    words: list = field(default_factory=list)

    @property
    def text(self) -> str:
        return join_words([w["text"] for w in self.words])

    def cells(self) -> list[str]:
        """The line cut where the gap between words is wider than two characters (an unruled table row)."""
        groups: list[list[str]] = [[]]
        previous = None
        for word in self.words:
            if previous is not None and word["x0"] - previous["x1"] > 2 * self.size:
                groups.append([])
            groups[-1].append(word["text"])
            previous = word
        return [join_words(g) for g in groups]


def join_words(parts: list[str]) -> str:
    """Pieces of text joined as they read: no space where Chinese or digits meet, one between Latin words."""
    text = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if text and not (_CJK.match(text[-1]) or _CJK.match(part[0]) or text[-1].isdigit() and part[0].isdigit()):
            text += " "
        text += part
    return text


def _is_number(text: str) -> bool:
    return bool(_NUMBER.match(text.strip()))


def _cell_text(text: str | None) -> str:
    """A ruled cell's text: its lines (a wrapped label or number) joined back into one."""
    return join_words(text.split("\n")) if text else ""


def _is_page_mark(line: _Line, page_height: float) -> bool:
    """A page number or "第 3 页" line near the page's top or foot."""
    if PAGE_NUMBER.match(line.text):
        margin = _DASHED_MARGIN
    elif _UNDASHED_PAGE_MARK.match(line.text):
        margin = _MARGIN
    else:
        return False
    return line.top < margin * page_height or line.bottom > (1 - margin) * page_height


def _lines(words: list[dict]) -> list[_Line]:
    lines: list[_Line] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        line = next((ln for ln in reversed(lines[-3:]) if abs(ln.top - word["top"]) < _LINE_TOLERANCE), None)
        if line is None:
            line = _Line(word["top"], word["bottom"], word["x0"], word["x1"], word.get("size") or 10.5)
            lines.append(line)
        line.words.append(word)
        line.x0, line.x1 = min(line.x0, word["x0"]), max(line.x1, word["x1"])
        line.bottom = max(line.bottom, word["bottom"])
    for line in lines:
        line.words.sort(key=lambda w: w["x0"])
    return sorted(lines, key=lambda ln: ln.top)


@dataclass
class _PageText:
    """What the reader takes from a page: its words, height and ruled tables (bounding box, pdfplumber's rows)."""

    words: list[dict]
    height: float
    tables: list[tuple[tuple[float, float, float, float], list[list[str | None]]]]

    @classmethod
    def of(cls, page) -> _PageText:
        tables = []
        if page.edges:  # ruling lines: a ruled table may be there
            # one ruled row is a table only where the page break cut a table (its first row at the page's foot)
            tables = [(t.bbox, t.extract()) for t in page.find_tables() if max(len(r.cells) for r in t.rows) >= 2
                      and (len(t.rows) >= 2 or t.bbox[3] > (1 - 1.5 * _MARGIN) * float(page.height))]
        return cls(page.extract_words(extra_attrs=["size"]), float(page.height), tables)


class _Reader:
    def __init__(self):
        self.blocks: list[Block] = []
        self.tables = 0
        self.paragraph: list[_Line] = []
        self.covered: dict[int, tuple[bool, ...]] = {}  # a table row's block index -> positions a merged cell covers
        self.paragraphs = 0
        self.page_number = 0
        self.left = self.right = 0.0
        self.pitch = 0.0  # the usual distance from one line to the next, in font sizes: more is a paragraph space

    def flush(self) -> None:
        if self.paragraph:
            self.paragraphs += 1
            text = join_words([line.text for line in self.paragraph])
            self.blocks.append(Block(text, f"第 {self.page_number} 页第 {self.paragraphs} 段"))
            self.paragraph = []

    def add_line(self, line: _Line) -> None:
        """A line continues the paragraph when the one before reached the right margin and this one is not
        indented (a paragraph's first line is indented two characters, a heading stands short)."""
        previous = self.paragraph[-1] if self.paragraph else None
        continues = (previous is not None and previous.x1 >= self.right - 1.5 * previous.size
                     and line.x0 <= self.left + 0.8 * line.size and abs(line.size - previous.size) < 1
                     and (line.top - previous.top <= 1.25 * self.pitch * line.size or line.top < previous.top))
        if not continues:
            self.flush()
        self.paragraph.append(line)

    def add_table(self, extracted: list[list[str | None]], first_on_page: bool) -> None:
        """pdfplumber's rows: None at a position a merged cell covers, "" for an empty cell."""
        self.flush()
        rows = [tuple(_cell_text(c) for c in row) for row in extracted]
        covered = [tuple(c is None for c in row) for row in extracted]
        if first_on_page and rows and self._continues_last_row(rows[0]):
            self._join_cut_row(rows[0])
            rows, covered = rows[1:], covered[1:]
        self.tables += 1
        for index, (cells, row_covered) in enumerate(zip(rows, covered), 1):
            self.covered[len(self.blocks)] = row_covered
            self.blocks.append(Block("\t".join(cells), f"第 {self.page_number} 页第 {self.tables} 个表格第 {index} 行",
                                     cells))

    def _continues_last_row(self, cells: tuple[str, ...]) -> bool:
        """A row the page break cut in two: the previous page ended in a table row of as many cells, and this
        row holds the rest, never a second number for one cell: the rest of its labels (a header row repeated
        at the top of the page has text under the numbers), or the numbers of a row whose label stood alone."""
        last = self.blocks[-1] if self.blocks else None
        if last is None or last.cells is None or last.ends_table or len(last.cells) != len(cells):
            return False
        if not any(c.strip() for c in cells):
            return False
        if any(old.strip() and new.strip() and (_is_number(old) or _is_number(new))
               for old, new in zip(last.cells, cells)):
            return False
        if any(_is_number(c) for c in cells):
            return not any(_is_number(c) for c in last.cells) and all(not c.strip() or _is_number(c) for c in cells)
        return True

    def _join_cut_row(self, rest: tuple[str, ...]) -> None:
        """Each piece joins the cell it was cut from: the last row's, or where the last row's position is
        covered by a merged cell standing over several rows (（三）不予公开), that merged cell's."""
        for column, piece in enumerate(rest):
            if not piece.strip():
                continue
            index = len(self.blocks) - 1
            while index > 0 and self.covered.get(index, ())[column:column + 1] == (True,) and index - 1 in self.covered:
                index -= 1
            block = self.blocks[index]
            cells = list(block.cells)
            cells[column] = join_words([cells[column], piece])
            where = block.where if "、" in block.where else f"{block.where}、第 {self.page_number} 页第 1 行"
            self.blocks[index] = Block("\t".join(cells), where, tuple(cells))

    def end_table(self) -> None:
        self.blocks.append(Block("", f"第 {self.page_number} 页第 {self.tables} 个表格之后", ends_table=True))

    def page(self, page: _PageText, number: int) -> None:
        self.page_number = number
        tables = page.tables
        boxes = [bbox for bbox, _ in tables]

        def outside(word) -> bool:
            x, y = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
            return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

        lines = [ln for ln in _lines([w for w in page.words if outside(w)]) if not _is_page_mark(ln, page.height)]
        items = [(ln.top, 0, ln) for ln in lines] + [(bbox[1], 1, rows) for bbox, rows in tables]
        in_unruled = False
        for position, (_, kind, item) in enumerate(sorted(items, key=lambda i: (i[0], i[1]))):
            if kind == 1:
                if in_unruled:
                    self.end_table()
                    in_unruled = False
                self.add_table(item, position == 0)
                continue
            cells = item.cells()
            if not tables and len(cells) >= _MIN_TABLE_COLUMNS and sum(bool(_NUMBER.match(c)) for c in cells) >= 2:
                self.flush()
                if not in_unruled:
                    self.tables += 1
                in_unruled = True
                self.blocks.append(Block(item.text, f"第 {number} 页第 {self.tables} 个表格", tuple(cells)))
                continue
            if in_unruled or self.blocks and self.blocks[-1].cells is not None and not self.paragraph:
                self.end_table()
                in_unruled = False
            self.add_line(item)

    def measure_margins(self, pages_words: list[list[dict]]) -> None:
        """The text block's left and right edges (the commonest line start, the far right of the lines) and
        the commonest line pitch."""
        starts: dict[int, int] = {}
        ends, pitches = [], []
        for words in pages_words:
            lines = _lines(words)
            for previous, line in zip([None, *lines], lines):
                starts[round(line.x0)] = starts.get(round(line.x0), 0) + 1
                ends.append(line.x1)
                if previous is not None and 0 < line.top - previous.top < 3 * line.size:
                    pitches.append((line.top - previous.top) / line.size)
        pitches.sort()
        self.pitch = pitches[len(pitches) // 2] if pitches else 0.0
        self.left = max(starts, key=starts.get) if starts else 0.0
        ends.sort()
        self.right = ends[int(0.95 * (len(ends) - 1))] if ends else 0.0


MAX_PAGES = 100  # a report prints on 5 to 20 pages; a dense page takes pdfminer a fifth of a second
READING_SECONDS = 120  # beyond this a PDF is drawn so that reading its text would keep the clerk waiting
_SCANNED = ("是扫描件（只有图片，没有文字），无法读出其中的文字和数字。请找到原来的 Word 文件，"
            "或先用文字识别（OCR）软件把它转成文字后再导入。")
_DAMAGED = "已损坏，不是完整的 PDF 文件，无法读取。"


class _NoText(Exception):
    """pdfminer found no text on any page."""


class _Damaged(Exception):
    """pdfminer could not read the file."""


def pdf_blocks(raw: bytes, name: str) -> list[Block]:
    """The blocks of the PDF's text.  A file pdfminer cannot read, or in which it finds no text, is rewritten by
    PDFium (which rebuilds a damaged cross-reference table) and read again before it is called damaged or a scan."""
    try:
        return _text_blocks(raw, name)
    except (_NoText, _Damaged) as exc:
        failure = exc
    repaired = _rewritten_by_pdfium(raw)
    if repaired is not None:
        try:
            return _text_blocks(repaired, name)
        except (_NoText, _Damaged) as exc:
            failure = exc
    raise ImportFailed(f"“{name}”" + (_SCANNED if isinstance(failure, _NoText) else _DAMAGED))


def _rewritten_by_pdfium(raw: bytes) -> bytes | None:
    """The PDF as PDFium saves it again (its streams copied, not inflated), or None when PDFium cannot open it."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(raw)
        try:
            out = io.BytesIO()
            document.save(out)
        finally:
            document.close()
    except (pypdfium2.PdfiumError, OSError, ValueError):
        return None
    return out.getvalue()


def _text_blocks(raw: bytes, name: str) -> list[Block]:
    import pdfplumber  # only needed for PDF files
    from pdfminer.pdfdocument import PDFEncryptionError, PDFException
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

    damaged = (PdfminerException, MalformedPDFException, PDFException, PSException, KeyError, ValueError, TypeError,
               AttributeError, IndexError, AssertionError, ZeroDivisionError, OverflowError, RecursionError)
    try:
        with bounded_inflation(), pdfplumber.open(io.BytesIO(raw)) as document:
            if len(document.pages) > MAX_PAGES:
                raise ImportFailed(f"“{name}”有 {len(document.pages)} 页，超过 {MAX_PAGES} 页，不像是一份年度报告，"
                                   f"未导入。")
            deadline = time.monotonic() + READING_SECONDS
            pages = []
            for page in document.pages:
                _within(deadline, name)
                pages.append(_PageText.of(page))
                page.close()  # its parsed objects freed: a page at a time in memory
            if not any(p.words for p in pages):
                raise _NoText
            reader = _Reader()
            reader.measure_margins([p.words for p in pages])
            for number, page in enumerate(pages, 1):
                reader.page(page, number)
            reader.flush()
    except StreamTooLarge:
        raise _too_large(name) from None
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else None
        if isinstance(cause, StreamTooLarge):
            raise _too_large(name) from None
        if isinstance(cause, PDFEncryptionError):
            raise ImportFailed(f"“{name}”设有打开密码，无法读取。请用 PDF 阅读器去掉密码，"
                               f"或找到原来的 Word 文件后再导入。") from None
        raise _Damaged from None
    except damaged:
        raise _Damaged from None
    return reader.blocks


def _too_large(name: str) -> ImportFailed:
    return ImportFailed(f"“{name}”中有内容解压后超过 {MAX_STREAM_BYTES // 1024 // 1024} MB（或全部内容超过 "
                        f"{MAX_FILE_BYTES // 1024 // 1024} MB），远超一份年度报告，文件可能已损坏或被恶意构造，未导入。")


def _within(deadline: float, name: str) -> None:
    if time.monotonic() > deadline:
        raise ImportFailed(f"读取“{name}”超过 {READING_SECONDS} 秒仍未读完，未导入。请找到原来的 Word 文件，"
                           f"或在 PDF 阅读器中全选复制文字，粘贴到记事本保存后导入。")


def read_pdf(raw: bytes, name: str) -> ImportResult:
    return assemble(pdf_blocks(raw, name), name, from_text=False)
