"""The PDF a leader signs: read back with pypdf (and pdffonts) as a reader would see it."""
import datetime
import io
import re
import shutil
import subprocess

import pdfplumber
import pytest
from pypdf import PdfReader

from export.fonts import BUNDLED_HEI
from export.pagestyle import FORBIDDEN_LINE_START, MM, ExportOptions
from export.pdf import font_chain, pdf_bytes, registered_font
from export.fonts import FontFile
from helpers import filled_report, sample_report
from page_pictures import dash_gap_mm, has_pdftoppm, page_pictures
from table_pages import continued_pages, shows_its_groups, with_lines_added
from model.layout import SECTIONS, TABLES, CellKind
from model.report import Paragraph
from model.findings import format_number


@pytest.fixture(scope="module")
def sample_pdf() -> bytes:
    return pdf_bytes(sample_report())


def page_texts(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def spaced(label: str) -> str:
    """A label as a pattern that survives the line breaks inside a table cell."""
    return r"\s*".join(map(re.escape, label))


def test_every_table_row_reads_label_then_its_numbers_in_column_order(sample_pdf):
    report = sample_report()
    text = " ".join(page_texts(sample_pdf))
    for layout in TABLES.values():
        for row in layout.rows:
            numbers = [format_number(report.value(layout.key, row.key, c)) for c in row.columns]
            pattern = spaced(row.label) + r"\s*" + r"\s+".join(numbers) + r"(?!\d)"
            assert re.search(pattern, text), f"{layout.key} {row.label} {numbers}"


def test_every_official_label_and_heading_is_in_the_text(sample_pdf):
    text = re.sub(r"\s", "", "".join(page_texts(sample_pdf)))
    labels = {c.text for layout in TABLES.values() for c in layout.cells if c.kind is not CellKind.VALUE}
    for label in labels | {heading for _, heading in SECTIONS}:
        assert re.sub(r"\s", "", label) in text, label
    assert "济源市人民政府2021年政府信息公开工作年度报告" in text
    assert "4478.1715" in text  # the fee keeps its four decimals


def test_pages_are_a4_and_numbered_with_dashes_from_one(sample_pdf):
    reader = PdfReader(io.BytesIO(sample_pdf))
    for number, page in enumerate(reader.pages, 1):
        assert (round(float(page.mediabox.width) / MM), round(float(page.mediabox.height) / MM)) == (210, 297)
        assert f"— {number} —" in page.extract_text()


def test_every_font_is_embedded_and_there_is_no_helvetica(sample_pdf):
    reader = PdfReader(io.BytesIO(sample_pdf))
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[font["/BaseFont"]] = font
    assert fonts
    for name, font in fonts.items():
        assert "Helvetica" not in name
        assert "/FontFile2" in font["/FontDescriptor"].get_object(), f"{name} is not embedded"


@pytest.mark.skipif(not shutil.which("pdffonts"), reason="poppler-utils (pdffonts) is installed by .ci/run")
def test_pdffonts_reports_every_font_embedded_as_subset(sample_pdf, tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(sample_pdf)
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert lines
    for line in lines:
        name, *_, emb, sub, uni, _obj, _gen = line.split()
        assert (emb, sub, uni) == ("yes", "yes", "yes"), line
        assert "+" in name  # subset prefix AAAAAA+


def test_no_line_starts_with_punctuation_the_rules_forbid(sample_pdf):
    lines = [line.strip() for text in page_texts(sample_pdf) for line in text.splitlines()]
    offenders = [line for line in lines if line and line[0] in FORBIDDEN_LINE_START and not line.startswith("— ")]
    assert offenders == []


def test_punctuation_at_a_line_end_pulls_the_character_before_it_down():
    report = filled_report()
    # a line holds 28 characters, 26 after the two-character indent: 。 comes 27th and would start line 2
    report.problems = [Paragraph(text="甲" * 25 + "乙。再说一句话。")]
    lines = [line for text in page_texts(pdf_bytes(report)) for line in text.splitlines()]
    start = next(i for i, line in enumerate(lines) if line.startswith("甲"))
    assert lines[start] == "甲" * 25
    assert lines[start + 1].startswith("乙。")


def test_a_place_name_missing_from_the_song_font_is_drawn_with_the_fallback_font():
    report = filled_report()
    report.organ = "西安市鄠邑区人民政府"
    assert font_chain("title").font_for("鄠") == registered_font(FontFile(BUNDLED_HEI))  # the title is in 宋
    text = "".join(page_texts(pdf_bytes(report)))
    assert "西安市鄠邑区人民政府2023年" in text


def test_signoff_sheet_comes_first_unnumbered_and_the_report_still_starts_at_page_one():
    report = sample_report()
    plain = page_texts(pdf_bytes(report))
    signed = page_texts(pdf_bytes(report, ExportOptions(signoff_sheet=True)))
    assert len(signed) == len(plain) + 1
    sheet = re.sub(r"\s", "", signed[0])
    for expected in ("审核签发单", "济源市人民政府2021年政府信息公开工作年度报告", "2021年",
                     "0个错误，2个警告", "拟稿人", "审核人", "保密审查", "签发人"):
        assert expected in sheet
    assert "—" not in signed[0]
    assert "— 1 —" in signed[1]


def test_draft_watermark_is_on_every_page_the_signoff_sheet_included_at_45_degrees():
    data = pdf_bytes(sample_report(), ExportOptions(signoff_sheet=True, draft_watermark=True))
    texts = page_texts(data)
    assert "审核签发单" in texts[0]
    assert all("送审稿" in text for text in texts)
    # the text matrix of the watermark: cos 45°, sin 45°, -sin 45°, cos 45°
    assert all(b".707107 .707107 -0.707107 .707107 " in page.get_contents().get_data()
               for page in PdfReader(io.BytesIO(data)).pages)
    assert not any("送审稿" in text for text in page_texts(pdf_bytes(sample_report())))


def test_an_unfilled_cell_prints_empty_not_none():
    report = filled_report()
    report.sec2["fees"]["amount"] = None
    text = "".join(page_texts(pdf_bytes(report)))
    assert "None" not in text
    assert re.search(r"行政事业性收费(?!\s*\d)", text)
    assert not re.search(r"行政事业性收费\s*\d", text)


def test_no_page_ends_with_a_heading(sample_pdf):
    report = sample_report()
    headings = {h for _, h in SECTIONS} | {p.text for key in ("overview", "problems", "other_matters")
                                           for p in report.narrative(key) if p.heading}
    for text in page_texts(sample_pdf)[:-1]:
        last_line = [line for line in text.splitlines() if line.strip() and not line.startswith("— ")][-1]
        assert last_line.strip() not in headings


def test_a_dated_report_ends_with_the_organ_and_the_date_on_the_right():
    report = sample_report()
    report.published = datetime.date(2022, 1, 20)
    last_page = page_texts(pdf_bytes(report))[-1]
    assert last_page.splitlines()[-2:] == ["济源市人民政府", "2022年1月20日"]
    assert "2022年1月20日" not in "".join(page_texts(pdf_bytes(sample_report())))  # no date, no 落款


def test_nine_digit_counts_in_table_three_stay_whole_on_one_line():
    report = filled_report({("sec3", row.key, col): 123456789 - i
                            for i, row in enumerate(TABLES["sec3"].rows) for col in row.columns if col != "total"})
    words = set(" ".join(page_texts(pdf_bytes(report))).split())
    for row in TABLES["sec3"].rows:
        assert format_number(report.sec3[row.key]["natural_person"]) in words, row.key
        assert format_number(report.sec3[row.key]["total"]) in words, row.key


def test_a_title_with_an_organ_name_longer_than_a_line_keeps_the_report_name_whole_on_its_last_line():
    report = filled_report()
    report.organ = "某某市某某县人民政府办公室关于县级以上地方人民政府部门及其派出机构"
    first_page = page_texts(pdf_bytes(report))[0].splitlines()
    title_end = first_page.index("一、总体情况")
    assert first_page[title_end - 1] == "政府信息公开工作年度报告"
    assert "".join(first_page[:title_end - 1]).endswith(report.organ + "2023年")


def test_with_long_numbers_no_table_line_starts_with_forbidden_punctuation():
    report = filled_report({("sec3", row.key, col): 9999999999 for row in TABLES["sec3"].rows
                            for col in row.columns if col != "total"})
    lines = [line.strip() for text in page_texts(pdf_bytes(report)) for line in text.splitlines()]
    assert [line for line in lines if line and line[0] in FORBIDDEN_LINE_START and not line.startswith("— ")] == []


def test_a_character_no_font_here_has_is_marked_for_the_proofreader_not_left_as_a_gap():
    # 𠀾 (CJK Extension B) and emoji are in neither shipped font
    report = filled_report()
    report.organ = "某𠀾😀局"
    report.problems = [Paragraph(text="村名𠀾字无法显示。")]
    text = "".join(page_texts(pdf_bytes(report)))
    assert "某〓〓局2023年" in text and "村名〓字无法显示。" in text


def test_invisible_characters_pasted_from_a_web_page_leave_no_gap():
    report = filled_report()
    report.problems = [Paragraph(text="公开\u200b内容\ufeff不够\u00ad全面。")]
    assert "公开内容不够全面。" in "".join(page_texts(pdf_bytes(report)))


def test_a_unicode_line_separator_from_the_editor_breaks_the_line_instead_of_printing_a_mark():
    report = filled_report()
    report.problems = [Paragraph(text="存在问题如下：\u2028一是公开不够及时。")]
    text = "".join(page_texts(pdf_bytes(report)))
    assert "存在问题如下：\n一是公开不够及时。" in text


@pytest.mark.skipif(not has_pdftoppm(), reason="poppler-utils (pdftoppm) is installed by .ci/run")
def test_the_page_numbers_dashes_sit_7_mm_below_the_type_area_on_every_page(sample_pdf):
    gaps = [dash_gap_mm(page) for page in page_pictures(sample_pdf)]
    assert all(abs(gap - 7) <= 0.4 for gap in gaps), gaps


def cell_lines(data: bytes) -> list[list[str]]:
    """Each table cell of every page as the lines a reader sees in it (pdfplumber finds the ruled cells)."""
    cells = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            for table in page.find_tables():
                for box in table.cells:
                    chars = page.crop(box).chars
                    lines: dict[int, list] = {}
                    for char in chars:
                        lines.setdefault(round(char["top"]), []).append(char)
                    cells.append(["".join(c["text"] for c in sorted(line, key=lambda c: c["x0"])).strip()
                                  for _, line in sorted(lines.items())])
    return cells


@pytest.mark.parametrize("report", [sample_report(), filled_report({("sec4", "counts", "direct_upheld"): 123456,
                                                                     ("sec3", "new", "natural_person"): 987654321})],
                         ids=["sample", "large numbers"])
def test_no_table_label_leaves_one_character_alone_on_a_line(report):
    cells = [lines for lines in cell_lines(pdf_bytes(report)) if len(lines) > 1]
    assert cells, "labels of several lines are found"
    alone = [lines for lines in cells if any(len(line) == 1 for line in lines)]
    assert alone == []
    assert ["结果", "维持"] in cells  # headers break between words, not inside (结果维/持)


def test_all_three_tables_are_set_in_one_type_size(sample_pdf):
    sizes = set()
    with pdfplumber.open(io.BytesIO(sample_pdf)) as pdf:
        for page in pdf.pages:
            for table in page.find_tables():
                sizes |= {round(char["size"], 1) for char in page.crop(table.bbox).chars
                          if char["text"].strip() and char["text"] not in "送审稿"}
    assert sizes == {10.5}


def test_table_three_starts_under_table_two_and_repeats_its_header_over_the_page(sample_pdf):
    report = sample_report()
    pages = [re.sub(r"\s+", " ", text) for text in page_texts(sample_pdf)]
    fee = format_number(report.sec2["fees"]["amount"])
    first_row = " ".join(format_number(report.sec3["new"][c]) for c in TABLES["sec3"].row("new").columns)
    last_row = " ".join(format_number(report.sec3["carried_out"][c])
                        for c in TABLES["sec3"].row("carried_out").columns)
    start = next(i for i, page in enumerate(pages) if first_row in page)
    assert fee in pages[start]
    assert last_row in pages[start + 1]
    assert "申请人情况" in pages[start] and "申请人情况" in pages[start + 1]


def test_a_long_title_on_the_signoff_sheet_leaves_no_character_alone():
    report = filled_report()
    report.organ = "某某县交通运输局"  # the title is then one character longer than the box
    cells = cell_lines(pdf_bytes(report, ExportOptions(signoff_sheet=True)))
    title = next(lines for lines in cells if "".join(lines) == report.title)
    assert len(title) == 2 and min(map(len, title)) > 1, title


def test_table_three_broken_just_before_its_last_row_takes_two_rows_over_the_page():
    from export.content import table_content
    from export.pagestyle import DEFAULT_STYLE
    from export.pdf import SplittingTable
    from export.tablelayout import table_settings

    table = table_content(sample_report(), "sec3")
    setting = table_settings(DEFAULT_STYLE, [table])["sec3"]
    whole = SplittingTable(table, setting, DEFAULT_STYLE)
    width, height = whole.wrap(DEFAULT_STYLE.text_width, 10_000)
    first, rest = whole.split(width, height - whole.inner._rowHeights[-1] / 2)  # all but half the last row
    assert [len(first.rows), len(rest.rows)] == [len(whole.rows) - 2, 2]
    assert first.rows.start == TABLES["sec3"].header_rows  # the header is not part of the rows; it is repeated


def test_wherever_table_three_breaks_the_page_it_goes_on_to_shows_the_groups_of_its_rows():
    """Paragraphs added before the tables move the break through 表三, between its groups as Word breaks it,
    before （七）总计.  The continued page shows 三、本年度办理结果 and the row's own group beside its first row."""
    first_rows = set()
    for added in range(24):
        pages = continued_pages(pdf_bytes(with_lines_added(sample_report(), added)))
        assert pages, added
        for text, row in pages:
            assert shows_its_groups(text, row), (added, row.key)
            first_rows.add(row.key)
    assert {"withheld_1", "unable_1", "total"} <= first_rows <= {"withheld_1", "unable_1", "declined_1", "other_1",
                                                                  "total"}
