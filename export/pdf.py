"""The report as PDF (reportlab), laid out after GB/T 9704 with its fonts embedded as subsets.

Text is set by our own flowable rather than reportlab's Paragraph: Chinese line breaking must follow the
标点 rules, every line has the fixed 公文 line spacing, and each character is drawn with a font that has
its glyph (the role's font first, then the shipped fonts).
"""
from __future__ import annotations

import io
import os
from collections.abc import Mapping
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import _rl_accel  # noqa: F401 - reportlab finds its C accelerators by name; named here so the packager bundles them
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import (BaseDocTemplate, CondPageBreak, Flowable, Frame, Indenter, KeepTogether,
                                NextPageTemplate, PageBreak, PageTemplate, Spacer, Table, TableStyle)

from export.content import (SIGNATURE, SIGNOFF_LINE_FACTOR, SIGNOFF_PADDING, Block, SignoffSheet, TableContent,
                            front_sheets, printable, report_story, signoff_rows)
from export.fontcache import load_font
from export.fonts import FontFile, fallback_files, resolve_fonts
from export.linebreak import break_lines
from export.pagestyle import (DEFAULT_STYLE, DRAFT_WATERMARK, HEADING1, HEADING2, PAGE_NUMBER, TABLE, TITLE,
                              WATERMARK_ANGLE, WATERMARK_GREY, ExportOptions, PageStyle, TextStyle,
                              page_number_baseline, page_number_on_right, page_number_text, watermark_size)
from export.tablelayout import ROWS_WITH_HEADER, TableSetting, cell_parts, table_settings
from model.report import Report


# ---------------------------------------------------------------- fonts
@lru_cache(maxsize=None)
def registered_font(file: FontFile) -> str:
    """Register a font file once per process under a name of its own (reportlab merges equal names)."""
    name = f"NB-{Path(file.path).stem}-{file.index}"
    pdfmetrics.registerFont(load_font(name, Path(file.path), file.index))
    return name


def usable_font(file: FontFile) -> str | None:
    """The registered name, or None for a font reportlab cannot embed (damaged, or its licence flags forbid
    embedding, as some commercial fonts' do): the next font of the chain is used instead."""
    try:
        return registered_font(file)
    except Exception:  # noqa: BLE001 - reportlab's font parser fails on a damaged file with any error
        return None


EMBOLDEN_STROKE = 0.03  # of the type size: the outline stroked around a light face's glyphs to darken them

MISSING_MARK = "〓"  # GB2312 A1FE


@lru_cache(maxsize=None)
def _coverage(font_name: str) -> Mapping[int, int]:
    """Code point → glyph of the font: whether it has a character (reportlab's own map, not copied)."""
    return pdfmetrics.getFont(font_name).face.charToGlyph


class FontChain:
    """The fonts tried for each character of one role, best first."""

    def __init__(self, role: str):
        chosen = resolve_fonts()[role]
        # registered as they are first needed: most reports never reach the fallbacks (on Windows SimSun-ExtB
        # and Segoe UI Symbol, large to read)
        self._waiting = [chosen.file, chosen.bundled, *fallback_files()]
        self.names: list[str] = []
        while not self.names and self._register_next():
            pass
        self.primary = self.names[0]
        self._drawn: dict[str, tuple[str, str]] = {}
        self._widths: dict[str, float] = {}
        # 方正小标宋 is a heavy 宋: set in the light shipped 宋 face instead, the title's strokes are thickened
        self.emboldened = role == TITLE and not chosen.installed

    def drawn(self, char: str) -> tuple[str, str]:
        """(font, character drawn): a character no font here has is drawn as 〓, as typesetters mark a missing
        character, so the proofreader sees the place instead of a blank."""
        if char not in self._drawn:
            font = self.primary if char.isspace() else \
                next((n for n in self._fonts() if ord(char) in _coverage(n)), None)
            if font is None and char != MISSING_MARK:
                self._drawn[char] = self.drawn(MISSING_MARK)
            else:
                self._drawn[char] = (font or self.primary, char)
        return self._drawn[char]

    def _register_next(self) -> bool:
        """Register the next font of the chain; False when none is left."""
        if not self._waiting:
            return False
        name = usable_font(self._waiting.pop(0))
        if name and name not in self.names:
            self.names.append(name)
        return True

    def _fonts(self):
        """The chain's fonts in order, registering further ones only when those before fall short."""
        index = 0
        while index < len(self.names) or self._register_next():
            if index < len(self.names):
                yield self.names[index]
                index += 1

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

    def draw_string(self, canvas, text: str, x: float, y: float, size: float) -> None:
        """The text on one line from (x, y), each piece in the font that has its characters."""
        for font, piece in self.runs(text):
            canvas.setFont(font, size)
            canvas.drawString(x, y, piece)
            x += pdfmetrics.stringWidth(piece, font, size)

    def width(self, text: str, size: float) -> float:
        widths = self._widths
        return size * sum(widths[char] if char in widths else self._char_width(char) for char in text)

    def _char_width(self, char: str) -> float:
        """Width at 1 pt of the character as drawn (by the font that has it), measured once."""
        font, drawn = self.drawn(char)
        self._widths[char] = pdfmetrics.stringWidth(drawn, font, 1.0)
        return self._widths[char]


@lru_cache(maxsize=None)
def font_chain(role: str) -> FontChain:
    return FontChain(role)


# ---------------------------------------------------------------- text
class TextBlock(Flowable):
    """A paragraph set line by line: fixed line height, 标点 rules, justified or centred, per-glyph fonts."""

    def __init__(self, text: str, spec: TextStyle, lines: list[str] | None = None, continued: bool = False,
                 ends_paragraph: bool = True, narrower_by: float = 0.0):
        super().__init__()
        self.text, self.spec, self.lines = text, spec, lines
        self.narrower_by = narrower_by  # break narrower than the room given (a table label set narrower)
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

    def _width_in_word(self, text: str) -> float:
        """The text's width as Word and LibreOffice measure it, with their character spacing."""
        return self.chain.width(text, self.spec.size) + len(text) * self.spec.word_spacing(self.width)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.line_width = avail_width - self.narrower_by
        if self.lines is None or getattr(self, "_wrapped_width", None) != avail_width:
            # lines break where Word breaks them: its character spacing, its first-line indent of whole ems, the
            # grid's width where the text has one
            indent = 0.0 if self.continued else self.spec.indent_chars * self.spec.size
            width = self.spec.grid_pitch(self.line_width) * self.spec.chars_per_line if self.spec.chars_per_line \
                else self.line_width
            self.lines = break_lines(self.text, width - indent, width, self._width_in_word)
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
        # a block set narrower than its room stands in the room's middle when centred
        left = (self.width - self.line_width) / 2 if self.spec.align == "center" else 0.0
        for i, line in enumerate(self.lines):
            x = left + (self._indent() if i == 0 else 0.0)
            room = self.line_width - x + left
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
            if self.chain.emboldened:
                text.setTextRenderMode(2)  # fill and stroke
                self.canv.setLineWidth(size * EMBOLDEN_STROKE)
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
        *((side, (0, 0), (-1, -1), padding) for side in ("LEFTPADDING", "RIGHTPADDING")),
        # Word and LibreOffice make a row as tall as its text, margins and the rule between rows: rows as tall
        # here, so a long table breaks at the row Word breaks at
        *((side, (0, 0), (-1, -1), padding + line_width / 2) for side in ("TOPPADDING", "BOTTOMPADDING")),
    ]


def table_flowable(table: TableContent, setting: TableSetting, style: PageStyle,
                   rows: range | None = None) -> Table:
    """The table's header rows and `rows` of its body (all when None).  A cell spanning rows the range cuts
    is set, label and all, on the rows of the range it covers (export.tablelayout.cell_parts)."""
    body = rows if rows is not None else range(table.header_rows, table.grid_height)
    shown = [*range(table.header_rows), *body]
    position = {row: index for index, row in enumerate(shown)}
    grid: list[list[object]] = [["" for _ in range(table.grid_width)] for _ in shown]
    commands = _grid_commands(0.5, style.table_cell_padding)
    size = setting.size
    for cell in table.cells:
        for part in cell_parts(cell.row, cell.row_span, (body.start, body.stop)):
            if part.start not in position:
                continue
            top, bottom = position[part.start], position[part[-1]]
            cell_setting = setting.cells[(cell.row, cell.col)]
            spec = TextStyle(TABLE, size, size * style.table_line_factor, 0, cell_setting.align)
            grid[top][cell.col] = TextBlock(cell.text, spec, narrower_by=cell_setting.narrower_by)
            if bottom > top or cell.col_span > 1:
                # reportlab spans name (column, row), column first
                commands.append(("SPAN", (cell.col, top), (cell.col + cell.col_span - 1, bottom)))
            if cell_setting.at_top:
                commands.append(("VALIGN", (cell.col, top), (cell.col, top), "TOP"))
    return Table(grid, colWidths=setting.widths, repeatRows=table.header_rows, style=TableStyle(commands))


class SplittingTable(Flowable):
    """A long table that breaks between its groups of rows (TableSetting.page_starts), inside a label spanning
    groups too (三、本年度办理结果, set again on the new page), with its header rows repeated, instead of
    jumping whole to the next page and leaving a blank under the table before it."""

    def __init__(self, table: TableContent, setting: TableSetting, style: PageStyle, rows: range | None = None):
        super().__init__()
        self.table, self.setting, self.style = table, setting, style
        self.rows = rows if rows is not None else range(table.header_rows, table.grid_height)
        self.inner = table_flowable(table, setting, style, self.rows)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = self.inner.wrap(avail_width, avail_height)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.inner.wrap(avail_width, 1e6)  # every row measured (a long table stops measuring at the frame's end)
        heights = self.inner._rowHeights
        header = sum(heights[:self.table.header_rows])
        used, fit = header, 0
        for height in heights[self.table.header_rows:]:
            if used + height > avail_height:
                break
            used += height
            fit += 1
        # only between groups (the rows Word may break before too), the last that fits first; a part set alone
        # can need taller rows (a spanning label's text in fewer rows): an earlier break then
        for start in sorted((row for row in self.setting.page_starts
                             if self.rows.start < row <= self.rows.start + fit), reverse=True):
            first = SplittingTable(self.table, self.setting, self.style, range(self.rows.start, start))
            if first.wrap(avail_width, avail_height)[1] <= avail_height:
                return [first, SplittingTable(self.table, self.setting, self.style, range(start, self.rows.stop))]
        return []

    def draw(self) -> None:
        self.inner.drawOn(self.canv, 0, 0)


def signoff_flowables(sheet: SignoffSheet, style: PageStyle) -> list[Flowable]:
    size = style.body.size
    rows: list[list[object]] = []
    commands = _grid_commands(0.75, SIGNOFF_PADDING)
    heights: list[float | None] = []
    widths = style.column_widths("signoff")
    for row in signoff_rows(sheet, style):
        cells: list[object] = []
        for cell in row.cells:
            spec = TextStyle(cell.role, size, size * SIGNOFF_LINE_FACTOR, 0, cell.align)
            if cell.col_span > 1:
                commands.append(("SPAN", (len(cells), len(rows)), (len(cells) + cell.col_span - 1, len(rows))))
            block = TextBlock(cell.text, spec, narrower_by=cell.narrower_by)
            cells += [block if cell.text else ""] + [""] * (cell.col_span - 1)
        rows.append(cells)
        heights.append(row.height_lines * size or None)
    return [TextBlock(sheet.title, style.title), Spacer(1, style.body.line_height),
            Table(rows, colWidths=widths, rowHeights=heights, style=TableStyle(commands))]


# ---------------------------------------------------------------- pages
class OfficialDocTemplate(BaseDocTemplate):
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
        canvas.setFillColor(colors.Color(WATERMARK_GREY, WATERMARK_GREY, WATERMARK_GREY))
        canvas.translate(self.style.width / 2, self.style.height / 2)
        canvas.rotate(WATERMARK_ANGLE)
        size = watermark_size(self.style)
        chain = font_chain(HEADING1)
        chain.draw_string(canvas, DRAFT_WATERMARK, -chain.width(DRAFT_WATERMARK, size) / 2, -size / 3, size)
        canvas.restoreState()

    def _decorate_signoff_page(self, canvas, doc) -> None:
        self._watermark(canvas)
        self.first_numbered_page = canvas.getPageNumber() + 1

    def _decorate_report_page(self, canvas, doc) -> None:
        self._watermark(canvas)
        number = canvas.getPageNumber() - self.first_numbered_page + 1
        chain = font_chain(PAGE_NUMBER)
        size = self.style.page_number_size
        text = page_number_text(number)
        y = page_number_baseline(self.style)
        if page_number_on_right(number):
            x = self.style.width - self.style.margin_right - size - chain.width(text, size)
        else:
            x = self.style.margin_left + size
        chain.draw_string(canvas, text, x, y, size)


def flowables_of(report: Report, style: PageStyle, options: ExportOptions) -> list[Flowable]:
    story: list[Flowable] = []
    sheets = front_sheets(report, options.signoff_sheet, options.review_sheet)
    for index, sheet in enumerate(sheets):
        story += signoff_flowables(sheet, style)
        if index == len(sheets) - 1:  # after the sheet's last flowable: a sheet may run over two pages
            story.append(NextPageTemplate("report"))
        story.append(PageBreak())
    blocks = report_story(report, style)
    settings = table_settings(style, [block.table for block in blocks if block.table is not None])
    kept: list[Flowable] = []  # blocks kept with the one after them (the last paragraph and the signature)
    for block in blocks:
        space = [Spacer(1, block.space_before * style.body.line_height)] if block.space_before else []
        if block.table is not None:
            setting = settings[block.table.key]
            heading = story.pop()
            if isinstance(story[-1], CondPageBreak):
                story.pop()  # the table keeps its heading with it
            story += space
            if setting.kept_whole:  # a short table joins its heading: both move to the next page if need be
                story.append(KeepTogether([heading, table_flowable(block.table, setting, style)]))
            else:  # a long one starts under its heading with its header and a few rows, and breaks where it must
                start = SplittingTable(block.table, setting, style)
                start.inner.wrap(style.text_width, 1e6)
                rows = start.inner._rowHeights[:block.table.header_rows + ROWS_WITH_HEADER]
                story += [CondPageBreak(style.body.line_height + sum(rows)), heading, start]
        elif block.kind in (HEADING1, HEADING2):
            # a heading kept with what follows: it needs its own line and two of the next block's
            story += [*space, CondPageBreak(3 * style.body.line_height), *text_flowables(block, style)]
        elif block.keep_with_next or kept:  # the last paragraph goes to the page of the signature under it
            kept += [*space, *text_flowables(block, style)]
            if not block.keep_with_next:
                story.append(KeepTogether(kept))
                kept = []
        else:
            story += [*space, *text_flowables(block, style)]
    return story


def text_flowables(block: Block, style: PageStyle) -> list[Flowable]:
    if block.kind != SIGNATURE:
        return [TextBlock(block.text, style.title if block.kind == TITLE else style.text_style(block.kind))]
    right = replace(style.body, align="right", indent_chars=0, chars_per_line=0)
    indent = block.right_indent_chars * style.body.size
    return [Indenter(right=indent), TextBlock(block.text, right), Indenter(right=-indent)]


def write_pdf(report: Report, target: str | os.PathLike | io.BytesIO, options: ExportOptions = ExportOptions(),
              style: PageStyle = DEFAULT_STYLE) -> None:
    """Write the report as PDF to a path or a binary stream."""
    if isinstance(target, (str, os.PathLike)):
        target = os.fspath(target)
    doc = OfficialDocTemplate(target, style, options, printable(report.title), printable(report.organ))
    doc.build(flowables_of(report, style, options))


def pdf_bytes(report: Report, options: ExportOptions = ExportOptions(), style: PageStyle = DEFAULT_STYLE) -> bytes:
    buffer = io.BytesIO()
    write_pdf(report, buffer, options, style)
    return buffer.getvalue()
