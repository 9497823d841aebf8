"""The Word file: read back with python-docx, cell by cell, as Word and WPS would show it."""
import datetime
import importlib.util
import io
import json
import re
import subprocess
import sys
import zipfile

import pytest
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree
from pypdf import PdfReader

from export.docx import build_document, write_docx
from export.pdf import pdf_bytes
from export.pagestyle import ExportOptions
from helpers import filled_report, sample_report
from libreoffice import convert, soffice
from page_pictures import dash_gap_mm, has_pdftoppm, page_pictures
from table_pages import continued_pages, group_faults, page_texts
from model.layout import SECTIONS, TABLES, CellKind
from model.report import Paragraph
from model.findings import format_number

MM_EMU = 36000
MM_PT = 72 / 25.4


def reopen(report, options=ExportOptions()):
    buffer = io.BytesIO()
    write_docx(report, buffer, options)
    buffer.seek(0)
    return Document(buffer)


@pytest.fixture(scope="module")
def sample_docx():
    return reopen(sample_report())


def east_asian_font(element) -> str | None:
    fonts = element.find(qn("w:rPr") + "/" + qn("w:rFonts")) if element.tag != qn("w:rPr") else None
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def test_the_three_tables_hold_every_label_and_number_in_its_official_cell(sample_docx):
    report = sample_report()
    assert len(sample_docx.tables) == 3
    for word_table, layout in zip(sample_docx.tables, TABLES.values(), strict=True):
        assert (len(word_table.rows), len(word_table.columns)) == (layout.grid_height, layout.grid_width)
        for cell in layout.cells:
            is_value = cell.kind is CellKind.VALUE
            expected = format_number(report.value(layout.key, *cell.value)) if is_value else cell.text
            assert word_table.cell(cell.row, cell.col).text == expected, (layout.key, cell)


def test_merged_cells_are_merged_as_the_layout_spans_them_each_label_over_its_whole_group(sample_docx):
    """One merged cell per spanning cell of the layout, whatever page the table will break on: a group label
    (三、本年度办理结果, （三）不予公开) spans all the rows of its group."""
    for word_table, layout in zip(sample_docx.tables, TABLES.values(), strict=True):
        grid = [[word_table.cell(r, c)._tc for c in range(layout.grid_width)] for r in range(layout.grid_height)]
        for cell in layout.cells:
            for r in range(cell.row, cell.row + cell.row_span):
                for c in range(cell.col, cell.col + cell.col_span):
                    assert grid[r][c] is grid[cell.row][cell.col], (layout.key, r, c)
            if cell.kind is not CellKind.VALUE:
                assert word_table.cell(cell.row, cell.col).text == cell.text
        assert len({id(tc) for row in grid for tc in row}) == len(layout.cells)


def test_table_three_top_left_note_spans_three_rows_and_three_columns(sample_docx):
    table = sample_docx.tables[1]
    note = table.cell(0, 0)
    assert note.text.startswith("（本列数据的勾稽关系为")
    assert table.cell(2, 2)._tc is note._tc
    assert table.cell(3, 0)._tc is not note._tc


def test_header_rows_repeat_on_each_page_and_no_row_splits(sample_docx):
    for word_table, layout in zip(sample_docx.tables, TABLES.values(), strict=True):
        for index, row in enumerate(word_table.rows):
            properties = row._tr.trPr
            assert properties.find(qn("w:cantSplit")) is not None
            assert (properties.find(qn("w:tblHeader")) is not None) == (index < layout.header_rows)


def test_east_asian_fonts_follow_gbt_9704_in_styles_and_runs(sample_docx):
    styles = sample_docx.styles
    expected = {"公文标题": {"方正小标宋简体", "宋体"}, "正文段落": {"仿宋_GB2312", "仿宋"},
                "一级标题": {"黑体"}, "二级标题": {"楷体_GB2312", "楷体"}}
    for name, fonts in expected.items():
        assert east_asian_font(styles[name].element) in fonts, name
    sizes = {name: styles[name].font.size.pt for name in expected}
    assert sizes == {"公文标题": 22, "正文段落": 16, "一级标题": 16, "二级标题": 16}
    for paragraph in sample_docx.paragraphs:
        for run in paragraph.runs:
            if run.text:
                assert east_asian_font(run._r) in expected.get(paragraph.style.name, {"宋体"}) | {"宋体"}


def test_body_has_fixed_line_spacing_and_a_two_character_indent(sample_docx):
    body = sample_docx.styles["正文段落"]
    assert body.paragraph_format.line_spacing.pt == 28.95  # 22 lines fill the type area
    assert body.element.pPr.find(qn("w:ind")).get(qn("w:firstLineChars")) == "200"
    assert body.paragraph_format.first_line_indent.pt == 32


def test_document_reads_title_then_six_sections_in_order(sample_docx):
    report = sample_report()
    headings = [p.text for p in sample_docx.paragraphs if p.style.name == "一级标题"]
    assert headings == [heading for _, heading in SECTIONS]
    title = sample_docx.paragraphs[0]
    assert title.style.name == "公文标题"
    assert title.text.replace("\n", "") == report.title
    sub_headings = [p.text for p in sample_docx.paragraphs if p.style.name == "二级标题"]
    assert sub_headings == [p.text for key in ("overview", "problems", "other_matters")
                            for p in report.narrative(key) if p.heading]


def test_page_is_a4_with_the_official_margins(sample_docx):
    section = sample_docx.sections[0]
    assert (round(section.page_width / MM_EMU), round(section.page_height / MM_EMU)) == (210, 297)
    margins = [round(m / MM_EMU) for m in (section.top_margin, section.bottom_margin,
                                            section.left_margin, section.right_margin)]
    assert margins == [37, 35, 28, 26]


def test_page_numbers_are_dashed_fields_right_on_odd_and_left_on_even_pages(sample_docx):
    section = sample_docx.sections[0]
    assert sample_docx.settings.odd_and_even_pages_header_footer
    for footer, alignment in ((section.footer, "right"), (section.even_page_footer, "left")):
        paragraph = footer.paragraphs[0]
        assert paragraph.text == "— 1 —"  # the field's placeholder result; Word fills in the page
        assert "PAGE" in "".join(t.text for t in paragraph._p.iter(qn("w:instrText")))
        assert str(paragraph.paragraph_format.alignment).lower().startswith(alignment)


def test_signoff_sheet_is_its_own_section_and_the_report_numbers_from_one():
    document = reopen(sample_report(), ExportOptions(signoff_sheet=True))
    assert len(document.sections) == 2
    sheet = document.tables[0]
    cells = [cell.text for row in sheet.rows for cell in row.cells]
    assert "0 个错误，2 个警告" in cells
    assert "济源市人民政府2021年政府信息公开工作年度报告" in cells
    for role in ("拟稿人", "审核人", "保密审查", "签发人"):
        assert role in cells
    numbering = document.sections[1]._sectPr.find(qn("w:pgNumType"))
    assert numbering.get(qn("w:start")) == "1"
    assert document.sections[0].footer.paragraphs[0].text == ""
    assert len(document.tables) == 4


def test_draft_watermark_sits_in_both_page_headers_and_on_the_signoff_sheet_at_45_degrees():
    document = reopen(sample_report(), ExportOptions(draft_watermark=True))
    section = document.sections[0]
    for header in (section.header, section.even_page_header):
        assert 'string="送审稿"' in header._element.xml
        assert "rotation:315;" in header._element.xml  # VML turns clockwise: 45° rising, as in the PDF
    assert "送审稿" not in reopen(sample_report()).sections[0].header._element.xml
    signed = reopen(sample_report(), ExportOptions(signoff_sheet=True, review_sheet=True, draft_watermark=True))
    for header in (signed.sections[0].header, signed.sections[0].even_page_header):  # a sheet may run over a page
        assert 'string="送审稿"' in header._element.xml
    assert signed.sections[1].header.is_linked_to_previous  # the 自查表 follows the 审核签发单's headers


def test_file_properties_name_the_report_and_organ_made_now_without_template_leftovers(tmp_path):
    before = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    write_docx(sample_report(), tmp_path / "r.docx")
    properties = Document(str(tmp_path / "r.docx")).core_properties
    assert (properties.title, properties.author, properties.language) == \
        ("济源市人民政府2021年政府信息公开工作年度报告", "济源市人民政府", "zh-CN")
    assert properties.comments == "" and properties.last_modified_by == "济源市人民政府"
    for moment in (properties.created, properties.modified):
        assert before <= moment.replace(tzinfo=datetime.timezone.utc) <= before + datetime.timedelta(minutes=5)
    with zipfile.ZipFile(tmp_path / "r.docx") as package:
        names = package.namelist()
        app = package.read("docProps/app.xml").decode("utf-8")
        everything = b"".join(package.read(name) for name in names)
    assert not any("thumbnail" in name for name in names)
    assert "<Application>年报编辑器</Application>" in app
    for leftover in (b"python-docx", b"Macintosh", b"2013-12-23"):
        assert leftover not in everything


def test_document_language_is_chinese_not_the_templates_japanese(sample_docx):
    lang = sample_docx.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert (lang.get(qn("w:val")), lang.get(qn("w:eastAsia"))) == ("zh-CN", "zh-CN")


EVERY_PAGE = ExportOptions(signoff_sheet=True, review_sheet=True, draft_watermark=True)


def test_the_package_holds_no_template_leftovers_and_each_section_says_each_thing_once(tmp_path):
    write_docx(sample_report(), tmp_path / "r.docx", EVERY_PAGE)
    with zipfile.ZipFile(tmp_path / "r.docx") as package:
        names = package.namelist()
    assert not [name for name in names if "stylesWithEffects" in name or name.startswith("customXml")]
    document = Document(str(tmp_path / "r.docx"))
    for section in document.sections:
        # a header or footer reference once per kind of page (w:type: default, even, first)
        children = [(etree.QName(child).localname, child.get(qn("w:type"))) for child in section._sectPr]
        assert len(children) == len(set(children)), children
    font_table = etree.fromstring(document.part.part_related_by(RT.FONT_TABLE).blob)
    assert sorted(font.get(qn("w:name")) for font in font_table.findall(qn("w:font"))) == \
        sorted(["方正小标宋简体", "仿宋_GB2312", "楷体_GB2312", "黑体", "宋体"])


@pytest.mark.skipif(importlib.util.find_spec("openxml_audit") is None, reason="openxml-audit is not installed")
def test_openxml_audit_finds_the_file_valid_and_expects_word_to_open_it_clean(tmp_path):
    write_docx(sample_report(), tmp_path / "r.docx", EVERY_PAGE)
    result = subprocess.run([sys.executable, "-m", "openxml_audit", "-f", "office2016", "-o", "json",
                             str(tmp_path / "r.docx")], capture_output=True, text=True, timeout=120)
    audit, = json.loads(result.stdout)
    assert audit["errors"] == [] and audit["valid"]
    assert audit["verdict"]["prediction"] == "opens-clean"


def test_a_report_with_empty_cells_exports_empty_cells():
    report = filled_report()
    report.sec3["new"]["natural_person"] = None
    document = build_document(report)
    row, col = TABLES["sec3"].value_position("new", "natural_person")
    assert document.tables[1].cell(row, col).text == ""


@pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed here")
def test_libreoffice_opens_the_file_and_keeps_every_number(tmp_path):
    report = sample_report()
    report.problems.append(Paragraph(text="改进措施如下：\n一是加强培训。"))  # a line break kept in the paragraph
    write_docx(report, tmp_path / "report.docx", ExportOptions(signoff_sheet=True, draft_watermark=True))
    convert([tmp_path / "report.docx"], "pdf", tmp_path)
    text = "".join(page.extract_text() for page in PdfReader(str(tmp_path / "report.pdf")).pages)
    rows = re.sub(r"\s+", " ", text)
    for row_key in ("new", "total", "carried_out"):
        numbers = " ".join(format_number(report.sec3[row_key][c]) for c in TABLES["sec3"].row(row_key).columns)
        assert numbers in rows, row_key
    assert "— 1 —" in text  # (Chinese text depends on the machine's fonts; numbers and page numbers do not)
    # table 三 starts under table 二 (no blank half page) and goes on over the page
    pages = [re.sub(r"\s+", " ", page.extract_text()) for page in PdfReader(str(tmp_path / "report.pdf")).pages]
    first, last = (" ".join(format_number(report.sec3[r][c]) for c in TABLES["sec3"].row(r).columns)
                   for r in ("new", "carried_out"))
    fee = format_number(report.sec2["fees"]["amount"])
    starts = [first in page for page in pages]
    assert starts == [fee in page for page in pages] and starts.count(True) == 1
    assert pages.index(next(page for page in pages if last in page)) == starts.index(True) + 1
    # the line before the kept line break is set flush, not stretched one character every few centimetres
    assert "改进措施如下：\n一是加强培训。" in re.sub(r"— \d+ —", "", text)  # wherever a page ends
    if has_pdftoppm():  # the page number's dashes 7 mm below the type area (the machine's 宋 stand-in varies)
        gaps = [dash_gap_mm(page) for page in page_pictures((tmp_path / "report.pdf").read_bytes())[1:]]
        assert all(abs(gap - 7) <= 1 for gap in gaps), gaps


def with_paragraphs_typed_before_table_three(path, count: int) -> None:
    """The clerk opens the file in Word and types `count` paragraphs above 三、收到和处理政府信息公开申请情况."""
    document = Document(str(path))
    heading = next(p for p in document.paragraphs if p.text == dict(SECTIONS)["sec3"])
    for i in range(count):
        heading.insert_paragraph_before(f"补充说明第{i}段。")._p.style = "正文段落"
    document.save(str(path))


@pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed here")
def test_however_the_text_above_grows_libreoffice_breaks_table_three_between_groups_each_label_once(tmp_path):
    """Nothing in the file says where 表三 breaks: LibreOffice breaks it where its page ends, between groups;
    no page shows a group label twice and every group of rows stands beside its label."""
    added = (0, 3, 6, 10, 15)
    for count in added:
        write_docx(sample_report(), tmp_path / f"typed{count}.docx")
        with_paragraphs_typed_before_table_three(tmp_path / f"typed{count}.docx", count)
    convert([tmp_path / f"typed{count}.docx" for count in added], "pdf", tmp_path)
    first_rows = set()
    for count in added:
        pages = page_texts((tmp_path / f"typed{count}.pdf").read_bytes())
        assert any("补充说明第" in page for page in pages) == (count > 0), count
        assert group_faults(pages) == [], count
        first_rows |= {row.key for _, row in continued_pages((tmp_path / f"typed{count}.pdf").read_bytes())}
    assert len(first_rows) >= 3, first_rows  # the break moved through the table
    groups_begin = {"partial", "withheld_1", "unable_1", "declined_1", "other_1", "total"}
    assert first_rows <= groups_begin, first_rows


def test_a_dated_report_ends_with_the_organ_and_the_date_aligned_right():
    report = sample_report()
    report.published = datetime.date(2022, 1, 20)
    organ, date = reopen(report).paragraphs[-2:]
    assert (organ.text, date.text) == ("济源市人民政府", "2022年1月20日")
    for paragraph in (organ, date):
        assert str(paragraph.paragraph_format.alignment).startswith("RIGHT")
    # unsealed 公文: the organ two characters in from the right, the date starting two characters further right
    assert date.paragraph_format.right_indent.pt == 32
    assert organ.paragraph_format.right_indent.pt > 32


def test_a_nine_digit_count_in_table_three_has_a_cell_wide_enough_for_one_line():
    report = filled_report({("sec3", "new", "natural_person"): 123456789})
    table = reopen(report).tables[1]
    column = TABLES["sec3"].value_position("new", "natural_person")[1]
    cell = table.rows[TABLES["sec3"].value_position("new", "total")[0]].cells[column]
    run = cell.paragraphs[0].runs[0]
    assert run.text == "123456789"
    margins = 2 * 2  # tblCellMar left and right, points
    # 宋体 digits are half a character wide
    assert cell.width.pt - margins >= len(run.text) * run.font.size.pt / 2


def test_tables_two_and_four_stay_whole_and_table_three_may_break_only_between_its_groups(sample_docx):
    """Word keeps rows together when each keeps with the next and repeats the rows marked as header."""
    kept = [[all(p.paragraph_format.keep_with_next for cell in row.cells for p in cell.paragraphs)
             for row in table.rows] for table in sample_docx.tables]
    two, three, four = kept
    assert two == [True] * (len(two) - 1) + [False] and four == [True] * (len(four) - 1) + [False]
    labels = [" ".join(dict.fromkeys(cell.text for cell in row.cells[:3])) for row in sample_docx.tables[1].rows]
    may_begin_a_page = [labels[i + 1] for i, keeps in enumerate(three[:-1]) if not keeps]
    # not before （二）: 三、本年度办理结果 needs the rows of （一） and （二） for its three lines
    assert may_begin_a_page == [
        "三、本年度办理结果 （三）不予公开 1.属于国家秘密", "三、本年度办理结果 （四）无法提供 1.本机关不掌握相关政府信息",
        "三、本年度办理结果 （五）不予处理 1.信访举报投诉类申请",
        "三、本年度办理结果 （六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "三、本年度办理结果 （七）总计"]
    headers = [row._tr.trPr.find(qn("w:tblHeader")) is not None for row in sample_docx.tables[1].rows]
    assert headers == [True] * TABLES["sec3"].header_rows + [False] * (len(headers) - TABLES["sec3"].header_rows)
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in sample_docx.tables[1].rows)


def test_the_document_grid_is_22_lines_of_28_characters_and_the_body_fits_28_a_line(sample_docx):
    grid = sample_docx.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    assert int(grid.get(qn("w:linePitch"))) * 22 / 20 / MM_PT == pytest.approx(225, abs=0.5)
    char_pitch = 16 + int(grid.get(qn("w:charSpace"))) / 4096
    assert int(156 * MM_PT / char_pitch) == 28 and (char_pitch * 20).is_integer()  # LibreOffice reads twentieths
    spacing = int(sample_docx.styles["正文段落"].element.rPr.find(qn("w:spacing")).get(qn("w:val"))) / 20
    assert 28 * (16 + spacing) <= 28 * char_pitch < 29 * (16 + spacing)


def test_punctuation_never_hangs_past_the_margin_and_kinsoku_is_on(sample_docx):
    normal = sample_docx.styles["Normal"].element.pPr
    switches = {tag: normal.find(qn(f"w:{tag}")).get(qn("w:val"))
                for tag in ("kinsoku", "overflowPunct", "autoSpaceDE", "autoSpaceDN", "adjustRightInd")}
    assert switches == {"kinsoku": "1", "overflowPunct": "0", "autoSpaceDE": "0", "autoSpaceDN": "0",
                        "adjustRightInd": "0"}


def test_a_web_address_may_break_after_its_slashes_and_dots_and_numbers_are_english(sample_docx):
    """Word and LibreOffice break where the PDF may: after / and . of an address (a zero-width space), never
    inside a number (LibreOffice cuts a run of digits it takes as Chinese)."""
    address = next(p.text for p in sample_docx.paragraphs if "http" in p.text)
    assert "http://\u200bwww.\u200bjiyuan.\u200bgov.\u200bcn/" in address
    lang = sample_docx.styles["Normal"].element.rPr.find(qn("w:lang"))
    assert (lang.get(qn("w:val")), lang.get(qn("w:eastAsia"))) == ("en-US", "zh-CN")


def test_all_three_tables_share_one_type_size(sample_docx):
    sizes = {run.font.size.pt for table in sample_docx.tables for row in table.rows for cell in row.cells
             for paragraph in cell.paragraphs for run in paragraph.runs if run.text}
    assert sizes == {10.5}


def test_word_names_the_gongwen_faces_with_the_windows_face_each_falls_back_to(sample_docx):
    font_table = etree.fromstring(sample_docx.part.part_related_by(RT.FONT_TABLE).blob)
    fonts = {font.get(qn("w:name")): font for font in font_table.findall(qn("w:font"))}
    alt_names = {name: fonts[name].find(qn("w:altName")).get(qn("w:val"))
                 for name in ("方正小标宋简体", "仿宋_GB2312", "楷体_GB2312")}
    assert alt_names == {"方正小标宋简体": "宋体", "仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体"}
    assert all(fonts[name].find(qn("w:charset")).get(qn("w:val")) == "86"
               for name in ("方正小标宋简体", "仿宋_GB2312", "楷体_GB2312", "黑体", "宋体"))
    styles = sample_docx.styles
    assert [east_asian_font(styles[name].element) for name in ("公文标题", "正文段落", "一级标题", "二级标题")] == \
        ["方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312"]  # whatever this machine has
