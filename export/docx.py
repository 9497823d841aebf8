"""The report as a Word document (python-docx), laid out after GB/T 9704.

python-docx has no API for East Asian fonts, repeated header rows, rows that must not split, odd/even
page-number placement or watermarks; each is a few elements of WordprocessingML set here directly.
"""
from __future__ import annotations

import io
import os
from dataclasses import replace

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

from export.content import (BODY, HEADING1, HEADING2, SIGNOFF_DATE, TITLE, SignoffSheet,
                            TableContent, front_sheets, printable, report_blocks, signature_lines, title_lines)
from export.fonts import resolve_fonts
from export.pagestyle import HEADING1 as HEADING1_ROLE
from export.pagestyle import (DEFAULT_STYLE, DRAFT_WATERMARK, PAGE_NUMBER, TABLE, ExportOptions, PageStyle,
                              TextStyle, table_metrics)
from model.layout import CellKind
from model.report import Report

ALIGNMENT = {"justify": WD_ALIGN_PARAGRAPH.JUSTIFY, "center": WD_ALIGN_PARAGRAPH.CENTER,
             "left": WD_ALIGN_PARAGRAPH.LEFT}
STYLE_NAMES = {TITLE: "公文标题", HEADING1: "一级标题", HEADING2: "二级标题", BODY: "正文段落"}
TABLE_STYLE_NAME = "表格文字"
TABLE_STYLE_ID = "TableText"
# headings appear in Word's navigation pane; 9 is Word's 正文文本 (body text): an import of this file knows
# a sub-heading from a paragraph by its level, whatever its words look like
OUTLINE_LEVELS = {HEADING1: 0, HEADING2: 1, BODY: 9}


# ---------------------------------------------------------------- fonts and paragraph formats
def set_run_fonts(element, font_name: str) -> None:
    """Name the font of a style or run for Latin and East Asian text."""
    set_fonts_of_rpr(element.get_or_add_rPr(), font_name)


def set_fonts_of_rpr(rpr, font_name: str) -> None:
    """w:eastAsia is what Word and WPS use for Chinese; theme fonts are dropped so they cannot override it."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.attrib.clear()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), font_name)


def word_font(role: str) -> str:
    return resolve_fonts()[role].word_name


def _format_paragraph_style(style, text: TextStyle) -> None:
    style.font.size = Pt(text.size)
    set_run_fonts(style.element, word_font(text.role))
    fmt = style.paragraph_format
    fmt.alignment = ALIGNMENT[text.align]
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(text.line_height)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.widow_control = False  # fixed 公文 line grid: no line pulled over to keep pairs
    if text.indent_chars:
        fmt.first_line_indent = Pt(text.indent_chars * text.size)
        # firstLineChars: Word shows and keeps the indent as 2 字符
        style.element.get_or_add_pPr().find(qn("w:ind")).set(qn("w:firstLineChars"), str(text.indent_chars * 100))


def _add_styles(document, style: PageStyle) -> None:
    styles = document.styles
    normal = styles["Normal"]
    # no indent on Normal: table cells, footers and headers inherit from it
    _format_paragraph_style(normal, replace(style.body, indent_chars=0))
    for kind, text in ((TITLE, style.title), (HEADING1, style.heading1), (HEADING2, style.heading2),
                       (BODY, style.body)):
        paragraph_style = styles.add_style(STYLE_NAMES[kind], WD_STYLE_TYPE.PARAGRAPH)
        paragraph_style.base_style = normal
        _format_paragraph_style(paragraph_style, text)
        if kind in (HEADING1, HEADING2):
            paragraph_style.paragraph_format.keep_with_next = True  # a heading never ends a page
        if kind in OUTLINE_LEVELS:
            outline = OxmlElement("w:outlineLvl")
            outline.set(qn("w:val"), str(OUTLINE_LEVELS[kind]))
            paragraph_style.element.get_or_add_pPr().insert_element_before(
                outline, "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
    table_style = styles.add_style(TABLE_STYLE_NAME, WD_STYLE_TYPE.PARAGRAPH)
    table_style.element.styleId = TABLE_STYLE_ID
    table_style.base_style = normal
    set_run_fonts(table_style.element, word_font(TABLE))
    table_style.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE


def _set_chinese_language(document, style: PageStyle) -> None:
    """The default template's theme says ja-JP; Chinese text must be zh-CN for punctuation and fonts."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    set_fonts_of_rpr(rpr, word_font(style.body.role))
    theme_lang = document.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), "zh-CN")


def _keep_manual_line_breaks_flush(document) -> None:
    """A line ended by a line break kept in a paragraph (Shift+Enter) is set flush like a paragraph's last line;
    by default Word and LibreOffice stretch it across the width, one character every few centimetres."""
    compat = document.settings.element.find(qn("w:compat"))
    if compat is None:
        compat = OxmlElement("w:compat")
        document.settings.element.append(compat)
    # schema order: it comes before everything python-docx's template puts in w:compat
    compat.insert(0, OxmlElement("w:doNotExpandShiftReturn"))


def add_text(paragraph, text: str, role: str, size: float | None = None):
    run = paragraph.add_run(text)
    set_run_fonts(run._r, word_font(role))
    if size is not None:
        run.font.size = Pt(size)
    return run


# ---------------------------------------------------------------- page setup, page numbers, watermark
def _setup_page(section, style: PageStyle) -> None:
    section.page_width, section.page_height = Pt(style.width), Pt(style.height)
    section.top_margin, section.bottom_margin = Pt(style.margin_top), Pt(style.margin_bottom)
    section.left_margin, section.right_margin = Pt(style.margin_left), Pt(style.margin_right)
    section.footer_distance = Pt(style.margin_bottom - style.footer_gap - style.page_number_size)
    section.header_distance = Pt(style.margin_top / 2)


def _add_field(paragraph, instruction: str, size: float) -> None:
    """A field such as PAGE: begin, instruction, separate, a placeholder result, end."""
    for kind, text in (("begin", None), (None, f" {instruction} "), ("separate", None), (None, "1"),
                       ("end", None)):
        run = add_text(paragraph, "", PAGE_NUMBER, size)
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text.strip().isdigit():
            run.text = text
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)


def _page_number_footer(footer, style: PageStyle, odd: bool) -> None:
    """— 1 —, 4号宋体: odd pages right, even pages left, one character in from the type area."""
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    fmt = paragraph.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
    fmt.first_line_indent = Pt(0)
    one_char = Pt(style.page_number_size)
    if odd:
        fmt.right_indent = one_char
    else:
        fmt.left_indent = one_char
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    size = style.page_number_size
    add_text(paragraph, "— ", PAGE_NUMBER, size)
    _add_field(paragraph, "PAGE", size)
    add_text(paragraph, " —", PAGE_NUMBER, size)


_WATERMARK_SHAPETYPE = (
    '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
    'path="m@7,l@8,m@5,21600l@6,21600e"><v:formulas>'
    + "".join(f'<v:f eqn="{eqn}"/>' for eqn in (
        "sum #0 0 10800", "prod #0 2 1", "sum 21600 0 @1", "sum 0 0 @2", "sum 21600 0 @3", "if @0 @3 0",
        "if @0 21600 @1", "if @0 0 @2", "if @0 @4 21600", "mid @5 @6", "mid @8 @5", "mid @7 @8", "mid @6 @7",
        "sum @6 0 @5"))
    + '</v:formulas><v:path textpathok="t" o:connecttype="custom" '
    'o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>'
    '<v:textpath on="t" fitshape="t"/><o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>')


def _watermark_header(header, style: PageStyle, shape_number: int) -> None:
    """Word's own text watermark (VML WordArt in the header), which WPS and LibreOffice also show."""
    header.is_linked_to_previous = False
    width = style.text_width * 0.9
    shape = (
        f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml" '
        f'xmlns:o="urn:schemas-microsoft-com:office:office"><w:pict>{_WATERMARK_SHAPETYPE}'
        f'<v:shape id="PowerPlusWaterMarkObject{shape_number}" o:spid="_x0000_s{2048 + shape_number}" '
        f'type="#_x0000_t136" style="position:absolute;margin-left:0;margin-top:0;width:{width:.0f}pt;'
        f'height:{width / 3:.0f}pt;rotation:315;z-index:-251657216;mso-position-horizontal:center;'
        f'mso-position-horizontal-relative:margin;mso-position-vertical:center;'
        f'mso-position-vertical-relative:margin" o:allowincell="f" fillcolor="#d0d0d0" stroked="f">'
        f'<v:fill opacity=".6"/><v:textpath style="font-family:&quot;{word_font(HEADING1_ROLE)}&quot;;font-size:1pt" '
        f'string="{DRAFT_WATERMARK}"/></v:shape></w:pict></w:r>')
    header.paragraphs[0]._p.append(parse_xml(shape))


def _restart_page_numbers(section) -> None:
    numbering = OxmlElement("w:pgNumType")
    numbering.set(qn("w:start"), "1")
    section._sectPr.insert_element_before(
        numbering, "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi",
        "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange")


# ---------------------------------------------------------------- tables
def _repeat_and_keep_rows(table, header_rows: int) -> None:
    rows = table.rows
    for index, row in enumerate(rows):
        properties = row._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))  # a row never breaks across pages
        if index < header_rows:
            properties.append(OxmlElement("w:tblHeader"))  # repeated on every page the table reaches
        if index < len(rows) - 1:
            # Word keeps a table whole on one page when every row but the last keeps with the next, as the PDF
            # does: a group label such as （三）不予公开 is printed once, in its merged cell, not left behind
            for paragraph in row._tr.iter(qn("w:p")):
                paragraph.get_or_add_pPr().get_or_add_keepNext()


def _fix_layout(table, widths: list[float], padding: float) -> None:
    """Fixed layout with the page style's column widths and cell padding, so Word, WPS and LibreOffice
    agree on where a header wraps."""
    table.autofit = False  # w:tblLayout type="fixed"
    margins = OxmlElement("w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(round(padding * 20)))  # twentieths of a point
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    # Word refuses a file whose table properties are out of schema order
    table._tbl.tblPr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Pt(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Pt(width)


def _cell_paragraph(cell, text: str, size: float, align: str, line_factor: float, role: str = TABLE) -> None:
    paragraph = cell.paragraphs[0]
    paragraph._p.style = TABLE_STYLE_ID  # by id: Paragraph.style= searches every style for each cell
    fmt = paragraph.paragraph_format
    fmt.alignment = ALIGNMENT[align]
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(size * line_factor)
    add_text(paragraph, text, role, size)
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def add_table(document, table: TableContent, style: PageStyle) -> None:
    size, widths = table_metrics(style, table.key, table.sizing_cells())
    word_table = document.add_table(rows=table.grid_height, cols=table.grid_width)
    word_table.style = document.styles["Table Grid"]
    word_table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fix_layout(word_table, widths, style.table_cell_padding)
    # one look at the grid before merging (Table.cell walks the whole table on every call); spans never overlap,
    # so each merge touches only its own cells
    grid = [row.cells for row in word_table.rows]
    for cell in table.cells:
        target = grid[cell.row][cell.col]
        if cell.row_span > 1 or cell.col_span > 1:
            # merged while still empty: merging concatenates the text of the merged cells
            target = target.merge(grid[cell.row + cell.row_span - 1][cell.col + cell.col_span - 1])
        align = "justify" if cell.kind is CellKind.LABEL and cell.row_span == 1 else "center"
        _cell_paragraph(target, cell.text, size, align, style.table_line_factor)
    _repeat_and_keep_rows(word_table, table.header_rows)


def add_signoff_sheet(document, sheet: SignoffSheet, style: PageStyle) -> None:
    document.add_paragraph(sheet.title, STYLE_NAMES[TITLE])
    document.add_paragraph("", STYLE_NAMES[BODY])
    size = style.body.size
    widths = style.column_widths("signoff")
    table = document.add_table(rows=len(sheet.facts) + len(sheet.roles), cols=4)
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fix_layout(table, widths, 4.0)
    for index, (caption, text) in enumerate(sheet.facts):
        _cell_paragraph(table.cell(index, 0), caption, size, "center", 1.5, HEADING1_ROLE)
        _cell_paragraph(table.cell(index, 1).merge(table.cell(index, 3)), text, size, "justify", 1.5)
    for index, role in enumerate(sheet.roles, len(sheet.facts)):
        table.rows[index].height = Pt(4 * size)
        for column, (text, font_role) in enumerate(((role, HEADING1_ROLE), ("", TABLE), ("日期", HEADING1_ROLE),
                                                    (SIGNOFF_DATE, TABLE))):
            _cell_paragraph(table.cell(index, column), text, size, "center", 1.5, font_role)
    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


# ---------------------------------------------------------------- the document
def build_document(report: Report, options: ExportOptions = ExportOptions(), style: PageStyle = DEFAULT_STYLE):
    document = Document()
    _add_styles(document, style)
    _set_chinese_language(document, style)
    document.settings.odd_and_even_pages_header_footer = True
    _keep_manual_line_breaks_flush(document)
    document.core_properties.title = printable(report.title)
    document.core_properties.author = printable(report.organ)
    document.core_properties.language = "zh-CN"
    _setup_page(document.sections[0], style)

    for sheet in front_sheets(report, options.signoff_sheet, options.review_sheet):
        add_signoff_sheet(document, sheet, style)
        section = document.add_section(WD_SECTION.NEW_PAGE)
        _restart_page_numbers(section)
    section = document.sections[-1]
    _page_number_footer(section.footer, style, odd=True)
    _page_number_footer(section.even_page_footer, style, odd=False)
    if options.draft_watermark:
        _watermark_header(section.header, style, 1)
        _watermark_header(section.even_page_header, style, 2)

    text_styles = {TITLE: style.title, HEADING1: style.heading1, HEADING2: style.heading2, BODY: style.body}
    blocks = report_blocks(report)
    for i, block in enumerate(blocks):
        if block.table is not None:
            add_table(document, block.table, style)
            continue
        if block.kind == TITLE:
            paragraph = document.add_paragraph(style=STYLE_NAMES[TITLE])
            for n, line in enumerate(title_lines(block.text, int(style.text_width // style.title.size))):
                if n:
                    add_text(paragraph, "", style.title.role).add_break()
                add_text(paragraph, line, style.title.role)
            document.add_paragraph("", STYLE_NAMES[BODY])  # 标题下空一行
            continue
        paragraph = document.add_paragraph(style=STYLE_NAMES[block.kind])
        add_text(paragraph, block.text, text_styles[block.kind].role)
        if i and blocks[i - 1].table is not None:
            paragraph.paragraph_format.space_before = Pt(style.body.line_height / 2)  # as in the PDF
    add_signature(document, report, style)
    return document


def add_signature(document, report: Report, style: PageStyle) -> None:
    lines = signature_lines(report)
    if not lines:
        return
    # the organ and date never stand alone on the last page: the last paragraph comes along
    document.paragraphs[-1].paragraph_format.keep_with_next = True
    document.add_paragraph("", STYLE_NAMES[BODY]).paragraph_format.keep_with_next = True  # 正文下空一行
    for line in lines:
        paragraph = document.add_paragraph(style=STYLE_NAMES[BODY])
        fmt = paragraph.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        fmt.right_indent = Pt(line.right_indent_chars * style.body.size)
        fmt.first_line_indent = Pt(0)
        paragraph._p.pPr.find(qn("w:ind")).set(qn("w:firstLineChars"), "0")  # the body style's 2 字符 off
        fmt.keep_with_next = line is not lines[-1]
        add_text(paragraph, line.text, style.body.role)


def write_docx(report: Report, target: str | os.PathLike | io.BytesIO, options: ExportOptions = ExportOptions(),
               style: PageStyle = DEFAULT_STYLE) -> None:
    """Write the report as .docx to a path or a binary stream."""
    build_document(report, options, style).save(target if isinstance(target, io.IOBase) else os.fspath(target))
