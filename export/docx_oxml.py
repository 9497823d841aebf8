"""The WordprocessingML python-docx has no API for, in one place (as python-docx keeps its own oxml out of
sight): East Asian fonts, the font table, the document grid, page-number restarts, kinsoku switches, table
row rules, merges, fields and the VML watermark.  export/docx.py reads as the document's flow.
"""
from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
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
