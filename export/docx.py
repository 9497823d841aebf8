"""The report as a Word document (python-docx), laid out after GB/T 9704.

It renders export/content.report_story, block by block; the WordprocessingML python-docx has no API for (East
Asian fonts, kinsoku switches, merges, the package's parts, the VML watermark) is written by export/docx_oxml.py.
"""
from __future__ import annotations

import datetime
import io
import os
from dataclasses import replace

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.table import _Cell
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from export.content import (SIGNATURE, SIGNOFF_LINE_FACTOR, SIGNOFF_PADDING, Block, SignoffSheet, TableContent,
                            front_sheets, printable, report_story, signoff_rows)
from export.docx_oxml import (RUN_PROPERTIES_AFTER_SPACING, WATERMARK_SHAPETYPE,
                               drop_template_leftovers, keep_manual_line_breaks_flush, replace_font_table,
                               restart_page_numbers, set_fonts_of_rpr, set_paragraph_switch, set_run_fonts, span)
from export.fonts import ROLE_FACES
from export.linebreak import with_break_opportunities
from export.pagestyle import (BODY, DEFAULT_STYLE, DRAFT_WATERMARK, HEADING1, HEADING2, PAGE_NUMBER, PAGE_NUMBER_DASHES,
                              TABLE, TITLE, WATERMARK_ANGLE, WATERMARK_GREY, WATERMARK_WIDTH_SHARE, ExportOptions,
                              PageStyle, TextStyle, page_number_baseline, page_number_on_right, watermark_size)
from export.tablelayout import TableSetting, table_settings
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
def word_font(role: str) -> str:
    """The 公文 face's name, the same on every exporting machine."""
    return ROLE_FACES[role].word_face.name


# panose, family and pitch as a Chinese Windows describes these faces; with charset 86 (GB2312) they let Word
# and WPS substitute a Chinese face of the same kind when neither the face nor its w:altName is installed
FONT_TABLE_FACTS = {
    "方正小标宋简体": ("02000000000000000000", "script", "variable"),
    "仿宋_GB2312": ("02010609030101010101", "modern", "fixed"),
    "楷体_GB2312": ("02010609030101010101", "modern", "fixed"),
    "黑体": ("02010609060101010101", "modern", "fixed"),
    "宋体": ("02010600030101010101", "auto", "variable"),
}


def _declare_fonts(document) -> None:
    """The font table names the 公文 faces only, each with the face every Chinese Windows has as its w:altName."""
    alt_names = {faces.word_face.name: faces.word_alt_name for faces in ROLE_FACES.values()}
    replace_font_table(document, [(name, alt_names[name] if alt_names.get(name, name) != name else "", *facts)
                                  for name, facts in FONT_TABLE_FACTS.items()])


def _condense_to_grid(rpr, text: TextStyle, page: PageStyle) -> None:
    """Character spacing that fits `chars_per_line` characters of the style's size in the type area's width,
    and not one more (TextStyle.word_spacing, which the PDF breaks its lines with too)."""
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(round(text.word_spacing(page.text_width) * 20)))
    rpr.insert_element_before(spacing, *RUN_PROPERTIES_AFTER_SPACING)


def _format_paragraph_style(style, text: TextStyle, page: PageStyle) -> None:
    style.font.size = Pt(text.size)
    set_run_fonts(style.element, word_font(text.role))
    fmt = style.paragraph_format
    fmt.alignment = ALIGNMENT[text.align]
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(text.line_height)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.widow_control = False  # fixed 公文 line grid: no line pulled over to keep pairs
    if text.chars_per_line:
        _condense_to_grid(style.element.get_or_add_rPr(), text, page)
    if text.indent_chars:
        fmt.first_line_indent = Pt(text.indent_chars * text.size)
        # firstLineChars: Word shows and keeps the indent as 2 字符
        style.element.get_or_add_pPr().find(qn("w:ind")).set(qn("w:firstLineChars"), str(text.indent_chars * 100))


def _set_chinese_line_breaking(ppr) -> None:
    """标点 rules (kinsoku) on; no 。，、 hanging past the right margin (Word's default lets them; LibreOffice
    reads the switch the other way round and hangs them); no extra space between Chinese and Latin or digits,
    which the PDF does not add either; the right edge not moved to the grid: Word breaks lines as the PDF."""
    set_paragraph_switch(ppr, "w:kinsoku", True)
    set_paragraph_switch(ppr, "w:overflowPunct", False)
    set_paragraph_switch(ppr, "w:autoSpaceDE", False)
    set_paragraph_switch(ppr, "w:autoSpaceDN", False)
    set_paragraph_switch(ppr, "w:adjustRightInd", False)


def _add_styles(document, style: PageStyle) -> None:
    styles = document.styles
    normal = styles["Normal"]
    # no indent on Normal: table cells, footers and headers inherit from it
    _format_paragraph_style(normal, replace(style.body, indent_chars=0, chars_per_line=0), style)
    _set_chinese_line_breaking(normal.element.get_or_add_pPr())
    # the document grid says 28 × 22 (文档网格, as the 2021 template); the body gets its 28 characters a line by
    # character spacing, not by snapping to the grid: 28 三号 characters are wider than 156 mm, and LibreOffice
    # never squeezes a character into a narrower cell but gives it two (14 characters a line; bench_line_breaks)
    set_paragraph_switch(normal.element.get_or_add_pPr(), "w:snapToGrid", False)
    for kind in (TITLE, HEADING1, HEADING2, BODY):
        text = style.text_style(kind)
        paragraph_style = styles.add_style(STYLE_NAMES[kind], WD_STYLE_TYPE.PARAGRAPH)
        paragraph_style.base_style = normal
        _format_paragraph_style(paragraph_style, text, style)
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
    lang.set(qn("w:val"), "zh-CN")  # what LibreOffice's PDF and screen readers take as the language
    lang.set(qn("w:eastAsia"), "zh-CN")
    set_fonts_of_rpr(rpr, word_font(style.body.role))
    # the document grid's character pitch counts from the default size (Word takes Normal's, LibreOffice this)
    for tag in ("w:sz", "w:szCs"):
        rpr.find(qn(tag)).set(qn("w:val"), str(round(style.body.size * 2)))
    # digits and Latin words in English: LibreOffice breaks a run of digits anywhere in text it takes as Chinese
    normal = document.styles["Normal"].element.get_or_add_rPr()
    latin = OxmlElement("w:lang")
    latin.set(qn("w:val"), "en-US")
    latin.set(qn("w:eastAsia"), "zh-CN")
    normal.append(latin)
    theme_lang = document.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), "zh-CN")


def add_styled_paragraph(document, kind: str, text: str = ""):
    """A paragraph in one of our styles, named by id (python-docx's style= looks the name up among all styles,
    a third of a .docx export); the id python-docx gave each style is its name, which has no spaces.  It goes
    before the body's closing w:sectPr, looked for at the end (python-docx's add_paragraph looks from the start,
    for every paragraph: 30,000 paragraphs took 20 s, 100,000 more than nine minutes)."""
    body = document.element.body
    p = OxmlElement("w:p")
    last = next(body.iterchildren(reversed=True), None)  # (len() of an lxml element counts every child)
    if last is not None and last.tag == qn("w:sectPr"):
        last.addprevious(p)
    else:
        body.append(p)
    paragraph = Paragraph(p, document._body)  # the body python-docx's own paragraphs have as their parent
    if text:
        paragraph.add_run(text)
    paragraph._p.style = STYLE_NAMES[kind]
    return paragraph


def add_text(paragraph, text: str, role: str, size: float | None = None):
    run = paragraph.add_run(text)
    set_run_fonts(run._r, word_font(role))
    if size is not None:
        run.font.size = Pt(size)
    return run


# ---------------------------------------------------------------- file properties
APPLICATION = "年报编辑器"


_PROPERTY_MAX = 255  # characters of a document property (Office's limit, which python-docx enforces)


def _property_text(text: str) -> str:
    """The text as a document property holds it: printable, shortened with … to the property's limit."""
    text = printable(text)
    return text if len(text) <= _PROPERTY_MAX else text[:_PROPERTY_MAX - 1] + "…"


def _set_properties(document, report: Report) -> None:
    """文件 › 属性 as a reviewer reads it: the report's title, the organ as author, made now by this program;
    none of the template's leftovers (python-docx's generator text, its 2013 dates, its Mac Word, its thumbnail)."""
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0, tzinfo=None)
    organ = _property_text(report.organ)
    properties = document.core_properties
    properties.title = _property_text(report.title)
    properties.subject = "政府信息公开工作年度报告"
    properties.author = properties.last_modified_by = organ
    properties.comments = properties.keywords = properties.category = ""
    properties.created = properties.modified = now
    properties.revision = 1
    properties.language = "zh-CN"
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.rels.pop(rel_id)
        elif rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = _app_properties(organ)


def _app_properties(organ: str) -> bytes:
    properties = etree.Element(f"{{{EXTENDED_PROPERTIES}}}Properties", nsmap={None: EXTENDED_PROPERTIES})
    for name, value in (("Application", APPLICATION), ("DocSecurity", "0"), ("ScaleCrop", "false"),
                        ("Company", organ), ("LinksUpToDate", "false"), ("SharedDoc", "false"),
                        ("HyperlinksChanged", "false")):
        etree.SubElement(properties, f"{{{EXTENDED_PROPERTIES}}}{name}").text = value
    return etree.tostring(properties, xml_declaration=True, encoding="UTF-8", standalone=True)


EXTENDED_PROPERTIES = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"


# ---------------------------------------------------------------- page setup, page numbers, watermark
def _setup_page(section, style: PageStyle) -> None:
    section.page_width, section.page_height = Pt(style.width), Pt(style.height)
    section.top_margin, section.bottom_margin = Pt(style.margin_top), Pt(style.margin_bottom)
    section.left_margin, section.right_margin = Pt(style.margin_left), Pt(style.margin_right)
    # the footer's one line is exactly one 4号 high with the baseline at its descent (0.14 em) above the bottom:
    # the dashes then sit 7 mm below the type area, as in the PDF
    section.footer_distance = Pt(page_number_baseline(style) - FOOTER_DESCENT * style.page_number_size)
    section.header_distance = Pt(style.margin_top / 2)
    _set_document_grid(section, style)


def _set_document_grid(section, style: PageStyle) -> None:
    """GB/T 9704 5.2.2: 22 lines of 28 characters.  Word's 文档网格 (指定行和字符网格) with the line pitch of
    the body and the character pitch that puts 28 body characters in the type area's width: charSpace is in
    4096ths of a point added to the body's size, a whole number of twentieths (LibreOffice reads no finer)."""
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.insert_element_before(grid, "w:printerSettings", "w:sectPrChange")
    pitch = style.body.grid_pitch(style.text_width)
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(round(style.body.line_height * 20)))
    grid.set(qn("w:charSpace"), str(round((pitch - style.body.size) * 4096)))


FOOTER_DESCENT = 0.14  # 宋体's descent in ems: Word sets the baseline of an exact-height line this far up


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


def _page_number_footer(footer, style: PageStyle, number: int) -> None:
    """— 1 —, 4号宋体, on the side page_number_on_right gives the page, one character in from the type area."""
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    fmt = paragraph.paragraph_format
    on_right = page_number_on_right(number)
    fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT if on_right else WD_ALIGN_PARAGRAPH.LEFT
    fmt.first_line_indent = Pt(0)
    one_char = Pt(style.page_number_size)
    if on_right:
        fmt.right_indent = one_char
    else:
        fmt.left_indent = one_char
    size = style.page_number_size
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(size)
    fmt.space_before = fmt.space_after = Pt(0)
    before, after = PAGE_NUMBER_DASHES
    add_text(paragraph, before, PAGE_NUMBER, size)
    _add_field(paragraph, "PAGE", size)
    add_text(paragraph, after, PAGE_NUMBER, size)


def _watermark_header(header, style: PageStyle, shape_number: int) -> None:
    """Word's own text watermark (VML WordArt in the header), which WPS and LibreOffice also show."""
    header.is_linked_to_previous = False
    width, height = style.text_width * WATERMARK_WIDTH_SHARE, watermark_size(style)
    grey = "#" + f"{round(WATERMARK_GREY * 255):02x}" * 3
    shape = (
        f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml" '
        f'xmlns:o="urn:schemas-microsoft-com:office:office"><w:pict>{WATERMARK_SHAPETYPE}'
        f'<v:shape id="PowerPlusWaterMarkObject{shape_number}" o:spid="_x0000_s{2048 + shape_number}" '
        f'type="#_x0000_t136" style="position:absolute;margin-left:0;margin-top:0;width:{width:.0f}pt;'
        f'height:{height:.0f}pt;rotation:{360 - WATERMARK_ANGLE};z-index:-251657216;mso-position-horizontal:center;'
        f'mso-position-horizontal-relative:page;mso-position-vertical:center;'
        f'mso-position-vertical-relative:page" o:allowincell="f" fillcolor="{grey}" stroked="f">'
        f'<v:textpath style="font-family:&quot;{word_font(HEADING1)}&quot;;font-size:1pt" '
        f'string="{DRAFT_WATERMARK}"/></v:shape></w:pict></w:r>')
    header.paragraphs[0]._p.append(parse_xml(shape))


# ---------------------------------------------------------------- tables
def _repeat_and_keep_rows(table, header_rows: int, setting: TableSetting) -> None:
    """Header rows repeat and no row splits.  Every row keeps with the next but the last of a group
    (TableSetting.page_starts): Word and WPS break the table only between groups, wherever the text above
    moves it, and each group's label stands on the page with all its rows.  A chain of rows kept together that
    is longer than a page is broken by Word at the page's end (keep-with-next yields there); no group of the
    statutory tables comes near a page (the longest, (三)不予公开, is eight rows)."""
    for index, row in enumerate(table.rows):
        properties = row._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))  # a row never breaks across pages
        if index < header_rows:
            properties.append(OxmlElement("w:tblHeader"))  # repeated on every page the table reaches
        if index < len(table.rows) - 1 and setting.keeps_with_next(index):
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


def _cell_paragraph(cell, text: str, size: float, align: str, line_factor: float, role: str = TABLE,
                    narrower_by: float = 0.0, at_top: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph._p.style = TABLE_STYLE_ID  # by id: Paragraph.style= searches every style for each cell
    fmt = paragraph.paragraph_format
    fmt.alignment = ALIGNMENT[align]
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(size * line_factor)
    if narrower_by > 0.05:  # a label set narrower breaks where the PDF breaks it (结果/维持, not 结果维/持)
        if align == "center":
            fmt.left_indent = fmt.right_indent = Pt(narrower_by / 2)
        else:
            fmt.right_indent = Pt(narrower_by)
    add_text(paragraph, text, role, size)
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP if at_top else WD_CELL_VERTICAL_ALIGNMENT.CENTER


def add_table(document, table: TableContent, setting: TableSetting, style: PageStyle) -> None:
    """The table, each label spanning its whole group; Word breaks it between groups."""
    size, widths = setting.size, setting.widths
    word_table = document.add_table(rows=table.grid_height, cols=table.grid_width)
    word_table.style = document.styles["Table Grid"]
    word_table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fix_layout(word_table, widths, style.table_cell_padding)
    grid = [[tc for tc in tr.tc_lst] for tr in word_table._tbl.tr_lst]
    for cell in table.cells:
        if cell.row_span > 1 or cell.col_span > 1:
            span(grid, cell.row, cell.col, cell.row_span, cell.col_span, widths)
        cell_setting = setting.cells[(cell.row, cell.col)]
        _cell_paragraph(_Cell(grid[cell.row][cell.col], word_table), cell.text, size, cell_setting.align,
                        style.table_line_factor, narrower_by=cell_setting.narrower_by, at_top=cell_setting.at_top)
    _repeat_and_keep_rows(word_table, table.header_rows, setting)


def add_signoff_sheet(document, sheet: SignoffSheet, style: PageStyle) -> None:
    add_styled_paragraph(document, TITLE, sheet.title)
    add_styled_paragraph(document, BODY)
    size = style.body.size
    rows = signoff_rows(sheet, style)
    table = document.add_table(rows=len(rows), cols=4)
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = style.column_widths("signoff")
    _fix_layout(table, widths, SIGNOFF_PADDING)
    grid = [[tc for tc in tr.tc_lst] for tr in table._tbl.tr_lst]
    for index, row in enumerate(rows):
        if row.height_lines:
            table.rows[index].height = Pt(row.height_lines * size)
        column = 0
        for cell in row.cells:
            if cell.col_span > 1:
                span(grid, index, column, 1, cell.col_span, widths)
            _cell_paragraph(_Cell(grid[index][column], table), cell.text, size, cell.align, SIGNOFF_LINE_FACTOR,
                            cell.role, cell.narrower_by)
            column += cell.col_span
        table.rows[index]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


# ---------------------------------------------------------------- the document
def build_document(report: Report, options: ExportOptions = ExportOptions(), style: PageStyle = DEFAULT_STYLE):
    document = Document()
    _add_styles(document, style)
    _set_chinese_language(document, style)
    document.settings.odd_and_even_pages_header_footer = True
    keep_manual_line_breaks_flush(document)
    _declare_fonts(document)
    drop_template_leftovers(document)
    _set_properties(document, report)
    _setup_page(document.sections[0], style)

    sheets = front_sheets(report, options.signoff_sheet, options.review_sheet)
    if sheets and options.draft_watermark:  # the sheets before the report are drafts too
        _watermark_header(document.sections[0].header, style, 3)
        _watermark_header(document.sections[0].even_page_header, style, 4)
    for sheet in sheets:
        add_signoff_sheet(document, sheet, style)
        section = document.add_section(WD_SECTION.NEW_PAGE)
        restart_page_numbers(section)
    section = document.sections[-1]
    _page_number_footer(section.footer, style, 1)  # Word's footer for odd pages
    _page_number_footer(section.even_page_footer, style, 2)
    if options.draft_watermark:
        _watermark_header(section.header, style, 1)
        _watermark_header(section.even_page_header, style, 2)

    blocks = report_story(report, style)
    settings = table_settings(style, [block.table for block in blocks if block.table is not None])
    for block in blocks:
        if block.table is not None:
            add_table(document, block.table, settings[block.table.key], style)
        else:
            add_block(document, block, style)
    return document


def add_block(document, block: Block, style: PageStyle) -> None:
    """A paragraph of the story; whole lines of space before it are empty lines of the body (the clerk sees and
    keeps 标题下空一行 and 正文下空一行 as lines), part of a line is space before the paragraph."""
    for _ in range(int(block.space_before)):
        add_styled_paragraph(document, BODY).paragraph_format.keep_with_next = True
    paragraph = add_styled_paragraph(document, BODY if block.kind == SIGNATURE else block.kind)
    fmt = paragraph.paragraph_format
    if block.space_before % 1:
        fmt.space_before = Pt(block.space_before % 1 * style.body.line_height)
    if block.keep_with_next:
        fmt.keep_with_next = True
    if block.kind == SIGNATURE:
        fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        fmt.right_indent = Pt(block.right_indent_chars * style.body.size)
        fmt.first_line_indent = Pt(0)
        paragraph._p.pPr.find(qn("w:ind")).set(qn("w:firstLineChars"), "0")  # the body style's 2 字符 off
    role = style.title.role if block.kind == TITLE else style.body.role if block.kind == SIGNATURE \
        else style.text_style(block.kind).role
    for n, line in enumerate(block.text.split("\n") if block.kind == TITLE else [block.text]):
        if n:  # the title's lines: one paragraph, a line break after the year
            add_text(paragraph, "", role).add_break()
        add_text(paragraph, with_break_opportunities(line), role)


def write_docx(report: Report, target: str | os.PathLike | io.BytesIO, options: ExportOptions = ExportOptions(),
               style: PageStyle = DEFAULT_STYLE) -> None:
    """Write the report as .docx to a path or a binary stream."""
    build_document(report, options, style).save(target if isinstance(target, io.IOBase) else os.fspath(target))
