"""The report as PDF (reportlab), laid out after GB/T 9704 with its fonts embedded as subsets.

Text is set by our own flowable rather than reportlab's Paragraph: Chinese line breaking must follow the
标点 rules, every line has the fixed 公文 line spacing, and each character is drawn with a font that has
its glyph (the role's font first, then the shipped fonts).
"""
from __future__ import annotations

import io
import os
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, CondPageBreak, Flowable, Frame, Indenter, KeepTogether,
                                NextPageTemplate, PageBreak, PageTemplate, Spacer, Table, TableStyle)

from export.content import (BODY, HEADING1, HEADING2, TITLE, SIGNOFF_DATE, SignoffSheet, TableContent,
                            front_sheets, printable, report_blocks, signature_lines, title_lines)
from export.fonts import FontFile, fallback_files, resolve_fonts
from export.linebreak import break_lines
from export.pagestyle import (DEFAULT_STYLE, DRAFT_WATERMARK, HEADING1 as HEADING1_ROLE, PAGE_NUMBER, TABLE,
                              ExportOptions, PageStyle, TextStyle, page_number_text, table_metrics)
from model.layout import CellKind
from model.report import Report


# ---------------------------------------------------------------- fonts
@lru_cache(maxsize=None)
def registered_font(file: FontFile) -> str:
    """Register a font file once per process under a name of its own (reportlab merges equal names)."""
    name = f"NB-{Path(file.path).stem}-{file.index}"
    pdfmetrics.registerFont(TTFont(name, os.fspath(file.path), subfontIndex=file.index))
    return name


def usable_font(file: FontFile) -> str | None:
    """The registered name, or None for a font reportlab cannot embed (damaged, or its licence flags forbid
    embedding, as some commercial fonts' do): the next font of the chain is used instead."""
    try:
        return registered_font(file)
    except Exception:  # noqa: BLE001 - reportlab's font parser fails on a damaged file with any error
        return None


MISSING_MARK = "〓"  # GB2312 A1FE


@lru_cache(maxsize=None)
def _coverage(font_name: str) -> frozenset[int]:
    return frozenset(pdfmetrics.getFont(font_name).face.charToGlyph)


class FontChain:
    """The fonts tried for each character of one role, best first."""

    def __init__(self, role: str):
        chosen = resolve_fonts()[role]
        files = [chosen.file, chosen.bundled, *fallback_files()]
        self.names = list(dict.fromkeys(name for name in map(usable_font, files) if name))
        self.primary = self.names[0]
        self._drawn: dict[str, tuple[str, str]] = {}

    def drawn(self, char: str) -> tuple[str, str]:
        """(font, character drawn): a character no font here has is drawn as 〓, as typesetters mark a missing
        character, so the proofreader sees the place instead of a blank."""
        if char not in self._drawn:
            font = self.primary if char.isspace() else \
                next((n for n in self.names if ord(char) in _coverage(n)), None)
            if font is None and char != MISSING_MARK:
                self._drawn[char] = self.drawn(MISSING_MARK)
            else:
                self._drawn[char] = (font or self.primary, char)
        return self._drawn[char]

    def font_for(self, char: str) -> str:
        return self.drawn(char)[0]

    def runs(self, text: str) -> list[tuple[str, str]]:
        """(font name, text) pieces, each drawable with one font."""
        pieces: list[tuple[str, str]] = []
        for original in text:
            font, char = self.drawn(original)
            if pieces and pieces[-1][0] == font:
                pieces[-1] = (font, pieces[-1][1] + char)
            else:
                pieces.append((font, char))
        return pieces

    def width(self, text: str, size: float) -> float:
        return sum(pdfmetrics.stringWidth(piece, font, size) for font, piece in self.runs(text))


@lru_cache(maxsize=None)
def font_chain(role: str) -> FontChain:
    return FontChain(role)


# ---------------------------------------------------------------- text
class TextBlock(Flowable):
    """A paragraph set line by line: fixed line height, 标点 rules, justified or centred, per-glyph fonts."""

    def __init__(self, text: str, spec: TextStyle, lines: list[str] | None = None, continued: bool = False,
                 ends_paragraph: bool = True):
        super().__init__()
        self.text, self.spec, self.lines = text, spec, lines
        self.continued = continued  # the paragraph began on an earlier page: no first-line indent
        self.ends_paragraph = ends_paragraph  # False: the paragraph goes on, so the last line is justified too
        self.chain = font_chain(spec.role)

    def _pitch_adjust(self) -> float:
        """Space added to (or, negative, taken from) every character so `chars_per_line` fill a line."""
        if not self.spec.chars_per_line:
            return 0.0
        return self.width / self.spec.chars_per_line - self.spec.size

    def _indent(self) -> float:
        return 0.0 if self.continued else self.spec.indent_chars * (self.spec.size + self._pitch_adjust())

    def _natural_width(self, text: str) -> float:
        return self.chain.width(text, self.spec.size) + len(text) * self._pitch_adjust()

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        if self.lines is None or getattr(self, "_wrapped_width", None) != avail_width:
            measure = self._natural_width
            self.lines = break_lines(self.text, avail_width - self._indent(), avail_width, measure)
            self._wrapped_width = avail_width
        self.height = len(self.lines) * self.spec.line_height
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        fit = int(avail_height // self.spec.line_height)
        if fit < 1 or fit >= len(self.lines):
            return []
        first = TextBlock(self.text, self.spec, self.lines[:fit], self.continued, ends_paragraph=False)
        rest = TextBlock("".join(self.lines[fit:]), self.spec, self.lines[fit:], True)
        for part in (first, rest):
            part._wrapped_width = avail_width
        return [first, rest]

    def draw(self) -> None:
        size, leading = self.spec.size, self.spec.line_height
        # the glyphs sit in the middle of their fixed-height line, as Word does with 固定值 spacing
        baseline = self.height - leading + (leading - size) / 2 + size * 0.12
        for i, line in enumerate(self.lines):
            x = self._indent() if i == 0 else 0.0
            room = self.width - x
            last = line.endswith("\n") or self.ends_paragraph and i == len(self.lines) - 1
            line = line.rstrip("\n")
            natural = self._natural_width(line)
            char_space = self._pitch_adjust()
            if self.spec.align == "center":
                x += (room - natural) / 2
            elif self.spec.align == "right":
                x += room - natural
            elif self.spec.align == "justify" and not last and len(line) > 1:
                char_space += (room - natural) / (len(line) - 1)
            text = self.canv.beginText(x, baseline - i * leading)
            text.setCharSpace(char_space)
            for font, piece in self.chain.runs(line):
                text.setFont(font, size)
                text.textOut(piece)
            self.canv.drawText(text)


# ---------------------------------------------------------------- tables
def _grid_commands(line_width: float, padding: float) -> list[tuple]:
    return [
        ("GRID", (0, 0), (-1, -1), line_width, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        # Table sets even its empty cells in FONTNAME: Helvetica unless told, and Helvetica is not embedded
        ("FONTNAME", (0, 0), (-1, -1), font_chain(TABLE).primary),
        *((side, (0, 0), (-1, -1), padding) for side in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")),
    ]


def _cell_spec(kind: CellKind, row_span: int, size: float, style: PageStyle) -> TextStyle:
    # a label alone on its row reads left to right; a group label spanning rows sits centred in its box
    align = "justify" if kind is CellKind.LABEL and row_span == 1 else "center"
    return TextStyle(TABLE, size, size * style.table_line_factor, 0, align)


def table_flowable(table: TableContent, style: PageStyle) -> Table:
    size, widths = table_metrics(style, table.key, table.sizing_cells())
    grid: list[list[object]] = [["" for _ in range(table.grid_width)] for _ in range(table.grid_height)]
    commands = _grid_commands(0.5, style.table_cell_padding)
    for cell in table.cells:
        grid[cell.row][cell.col] = TextBlock(cell.text, _cell_spec(cell.kind, cell.row_span, size, style))
        if cell.row_span > 1 or cell.col_span > 1:
            # reportlab spans name (column, row), column first
            commands.append(("SPAN", (cell.col, cell.row),
                             (cell.col + cell.col_span - 1, cell.row + cell.row_span - 1)))
    return Table(grid, colWidths=widths, repeatRows=table.header_rows,
                 style=TableStyle(commands))


def signoff_flowables(sheet: SignoffSheet, style: PageStyle) -> list[Flowable]:
    size = style.body.size
    label = TextStyle(HEADING1_ROLE, size, size * 1.5, 0, "center")
    value = TextStyle(TABLE, size, size * 1.5, 0, "justify")
    date = TextStyle(TABLE, size, size * 1.5, 0, "center")
    widths = style.column_widths("signoff")
    rows: list[list[object]] = []
    commands = _grid_commands(0.75, 4.0)
    heights: list[float | None] = []
    for caption, text in sheet.facts:
        commands.append(("SPAN", (1, len(rows)), (3, len(rows))))
        rows.append([TextBlock(caption, label), TextBlock(text, value), "", ""])
        heights.append(None)
    for role in sheet.roles:
        rows.append([TextBlock(role, label), "", TextBlock("日期", label), TextBlock(SIGNOFF_DATE, date)])
        heights.append(4 * size)
    return [TextBlock(sheet.title, style.title), Spacer(1, style.body.line_height),
            Table(rows, colWidths=widths, rowHeights=heights, style=TableStyle(commands))]


# ---------------------------------------------------------------- pages
class ReportDocument(BaseDocTemplate):
    def __init__(self, target, style: PageStyle, options: ExportOptions, title: str, author: str):
        body_font = font_chain(style.body.role).primary
        # initialFontName: without it reportlab writes an unembedded Helvetica into every page
        super().__init__(target, pagesize=(style.width, style.height), title=title, author=author,
                         subject="政府信息公开工作年度报告", lang="zh-CN", creator="年报编辑器",
                         leftMargin=style.margin_left, rightMargin=style.margin_right,
                         topMargin=style.margin_top, bottomMargin=style.margin_bottom,
                         initialFontName=body_font, initialFontSize=style.body.size)
        self.style, self.options = style, options
        frame = Frame(style.margin_left, style.margin_bottom, style.text_width, style.text_height,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        report_page = PageTemplate("report", [frame], onPage=self._decorate_report_page)
        signoff_page = PageTemplate("signoff", [frame], onPage=self._decorate_signoff_page)
        # the first template is the first page's
        front = options.signoff_sheet or options.review_sheet
        self.addPageTemplates([signoff_page, report_page] if front else [report_page])
        self.first_numbered_page = 1

    def _watermark(self, canvas) -> None:
        if not self.options.draft_watermark:
            return
        canvas.saveState()
        canvas.setFillColor(colors.Color(0.82, 0.82, 0.82))
        canvas.translate(self.style.width / 2, self.style.height / 2)
        canvas.rotate(35)
        size = 110
        chain = font_chain(HEADING1_ROLE)
        x = -chain.width(DRAFT_WATERMARK, size) / 2
        for font, piece in chain.runs(DRAFT_WATERMARK):
            canvas.setFont(font, size)
            canvas.drawString(x, -size / 3, piece)
            x += pdfmetrics.stringWidth(piece, font, size)
        canvas.restoreState()

    def _decorate_signoff_page(self, canvas, doc) -> None:
        self.first_numbered_page = canvas.getPageNumber() + 1

    def _decorate_report_page(self, canvas, doc) -> None:
        self._watermark(canvas)
        number = canvas.getPageNumber() - self.first_numbered_page + 1
        chain = font_chain(PAGE_NUMBER)
        size = self.style.page_number_size
        text = page_number_text(number)
        y = self.style.margin_bottom - self.style.footer_gap - size
        # odd pages on the right, even pages on the left, one character in from the edge of the type area
        if number % 2:
            x = self.style.width - self.style.margin_right - size - chain.width(text, size)
        else:
            x = self.style.margin_left + size
        for font, piece in chain.runs(text):
            canvas.setFont(font, size)
            canvas.drawString(x, y, piece)
            x += pdfmetrics.stringWidth(piece, font, size)


def report_story(report: Report, style: PageStyle, options: ExportOptions) -> list[Flowable]:
    story: list[Flowable] = []
    sheets = front_sheets(report, options.signoff_sheet, options.review_sheet)
    for index, sheet in enumerate(sheets):
        story += signoff_flowables(sheet, style)
        if index == len(sheets) - 1:  # after the sheet's last flowable: a sheet may run over two pages
            story.append(NextPageTemplate("report"))
        story.append(PageBreak())
    specs = {TITLE: style.title, HEADING1: style.heading1,
             HEADING2: style.heading2, BODY: style.body}
    for block in report_blocks(report):
        if block.table is not None:
            # the table joins its heading: both move to the next page rather than leave the heading alone
            # (reportlab cannot break a table inside a cell spanning rows, such as 三、本年度办理结果)
            heading = story.pop()
            if isinstance(story[-1], CondPageBreak):
                story.pop()  # the table keeps its heading with it
            story.append(KeepTogether([heading, table_flowable(block.table, style)]))
            story.append(Spacer(1, style.body.line_height / 2))
        elif block.kind == TITLE:
            chars_per_line = int(style.text_width // style.title.size)
            story += [TextBlock(line, specs[TITLE]) for line in title_lines(block.text, chars_per_line)]
            story.append(Spacer(1, style.body.line_height))  # 标题下空一行
        else:
            if block.kind in (HEADING1, HEADING2):
                # a heading never ends a page: it needs its own line and two of what follows
                story.append(CondPageBreak(3 * style.body.line_height))
            story.append(TextBlock(block.text, specs[block.kind]))
    signature = signature_flowables(report, style)
    if signature:
        # the organ and date never stand alone on the last page: the last paragraph comes along
        story.append(KeepTogether([story.pop(), *signature]))
    return story


def signature_flowables(report: Report, style: PageStyle) -> list[Flowable]:
    lines = signature_lines(report)
    if not lines:
        return []
    right = replace(style.body, align="right", indent_chars=0, chars_per_line=0)
    flowables: list[Flowable] = [Spacer(1, style.body.line_height)]  # 正文下空一行
    for line in lines:
        indent = line.right_indent_chars * style.body.size
        flowables += [Indenter(right=indent), TextBlock(line.text, right), Indenter(right=-indent)]
    return flowables


def write_pdf(report: Report, target: str | os.PathLike | io.BytesIO, options: ExportOptions = ExportOptions(),
              style: PageStyle = DEFAULT_STYLE) -> None:
    """Write the report as PDF to a path or a binary stream."""
    if isinstance(target, (str, os.PathLike)):
        target = os.fspath(target)
    doc = ReportDocument(target, style, options, printable(report.title), printable(report.organ))
    doc.build(report_story(report, style, options))


def pdf_bytes(report: Report, options: ExportOptions = ExportOptions(), style: PageStyle = DEFAULT_STYLE) -> bytes:
    buffer = io.BytesIO()
    write_pdf(report, buffer, options, style)
    return buffer.getvalue()
