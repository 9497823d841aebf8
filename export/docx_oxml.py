"""The WordprocessingML python-docx has no API for, in one place (as python-docx keeps its own oxml out of
sight): East Asian fonts, the font table, the document grid, page-number restarts, kinsoku switches, table
row rules, merges, fields and the VML watermark.  export/docx.py reads as the document's flow.
"""
from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.shared import Pt
from docx.oxml.ns import qn
from lxml import etree

W_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# ---------------------------------------------------------------- the package
# python-docx's template carries parts Word would keep out of step with ours: stylesWithEffects (a copy of
# styles.xml for Word 2010, which Word rewrites when the two differ) and a bibliography customXml
TEMPLATE_LEFTOVERS = ("http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects", RT.CUSTOM_XML)


def drop_template_leftovers(document) -> None:
    part = document.part
    for rel_id, rel in list(part.rels.items()):
        if rel.reltype in TEMPLATE_LEFTOVERS:
            part.rels.pop(rel_id)


def replace_font_table(document, fonts: list[tuple[str, str, str, str, str]]) -> None:
    """fontTable.xml with only the faces the document names: (name, altName or "", panose, family, pitch), each
    with charset 86 (GB2312), so that Word and WPS substitute a Chinese face of the same kind for a missing one."""
    part = document.part.part_related_by(RT.FONT_TABLE)
    table = etree.Element(qn("w:fonts"), nsmap={"w": W_NAMESPACE})
    for name, alt_name, panose, family, pitch in fonts:
        font = etree.SubElement(table, qn("w:font"))
        font.set(qn("w:name"), name)
        if alt_name:
            etree.SubElement(font, qn("w:altName")).set(qn("w:val"), alt_name)
        for tag, value in (("w:panose1", panose), ("w:charset", "86"), ("w:family", family), ("w:pitch", pitch)):
            etree.SubElement(font, qn(tag)).set(qn("w:val"), value)
    part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)


# ---------------------------------------------------------------- sections
SECTION_PROPERTIES_AFTER_PAGE_NUMBERS = (
    "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter",
    "w:docGrid", "w:printerSettings", "w:sectPrChange")


def restart_page_numbers(section) -> None:
    """The section's pages are numbered from 1; one w:pgNumType, even where the section copied its
    predecessor's (python-docx's add_section does)."""
    numbering = section._sectPr.find(qn("w:pgNumType"))
    if numbering is None:
        numbering = OxmlElement("w:pgNumType")
        section._sectPr.insert_element_before(numbering, *SECTION_PROPERTIES_AFTER_PAGE_NUMBERS)
    numbering.set(qn("w:start"), "1")


# ---------------------------------------------------------------- fonts and paragraph properties
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


RUN_PROPERTIES_AFTER_SPACING = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
                                "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
                                "w:eastAsianLayout", "w:specVanish", "w:oMath")


# w:pPr's children in schema order (Word refuses a file with them out of order)
PARAGRAPH_PROPERTY_ORDER = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl", "w:numPr",
    "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
    "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
    "w:sectPr", "w:pPrChange")


def set_paragraph_switch(ppr, tag: str, on: bool) -> None:
    existing = ppr.find(qn(tag))
    if existing is not None:
        ppr.remove(existing)
    switch = OxmlElement(tag)
    switch.set(qn("w:val"), "1" if on else "0")
    ppr.insert_element_before(switch, *PARAGRAPH_PROPERTY_ORDER[PARAGRAPH_PROPERTY_ORDER.index(tag) + 1:])


def keep_manual_line_breaks_flush(document) -> None:
    """A line ended by a line break kept in a paragraph (Shift+Enter) is set flush like a paragraph's last line;
    by default Word and LibreOffice stretch it across the width, one character every few centimetres."""
    compat = document.settings.element.find(qn("w:compat"))
    if compat is None:
        compat = OxmlElement("w:compat")
        document.settings.element.append(compat)
    # schema order: it comes before everything python-docx's template puts in w:compat
    compat.insert(0, OxmlElement("w:doNotExpandShiftReturn"))


# ---------------------------------------------------------------- tables and the watermark
def span(grid: list[list], row: int, col: int, row_span: int, col_span: int, widths: list[float]) -> None:
    """Merge the still empty cells of a span as Word writes a merge: the first cell of each row spans the
    columns (gridSpan, the others removed), the rows below continue the first (vMerge).  Written directly:
    python-docx's merge measures the whole table for every merge, half the time of a .docx export."""
    for r in range(row, row + row_span):
        first = grid[r][col]
        if col_span > 1:
            first.grid_span = col_span
            first.width = Pt(sum(widths[col:col + col_span]))
            for absorbed in grid[r][col + 1:col + col_span]:
                absorbed.getparent().remove(absorbed)
        if row_span > 1:
            first.vMerge = "restart" if r == row else "continue"


WATERMARK_SHAPETYPE = (
    '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
    'path="m@7,l@8,m@5,21600l@6,21600e"><v:formulas>'
    + "".join(f'<v:f eqn="{eqn}"/>' for eqn in (
        "sum #0 0 10800", "prod #0 2 1", "sum 21600 0 @1", "sum 0 0 @2", "sum 21600 0 @3", "if @0 @3 0",
        "if @0 21600 @1", "if @0 0 @2", "if @0 @4 21600", "mid @5 @6", "mid @8 @5", "mid @7 @8", "mid @6 @7",
        "sum @6 0 @5"))
    + '</v:formulas><v:path textpathok="t" o:connecttype="custom" '
    'o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>'
    '<v:textpath on="t" fitshape="t"/><o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>')
