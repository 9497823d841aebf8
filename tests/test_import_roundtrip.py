"""Our own exports (Word, PDF and plain text) import back into the same report."""
import datetime as dt
import io
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from export.docx import write_docx
from export.pdf import pdf_bytes
from export.pagestyle import ExportOptions
from export.files import save_text
from export.text import report_text
from helpers import sample_report
from table_pages import with_lines_added
from model.importers import READ, import_bytes, import_file
from model.layout import NARRATIVE_KEYS, TABLES
from model.report import Paragraph, Report
from seed_expectations import SEEDS

WORDS = "政府信息公开工作年度报告主动依申请平台建设监督保障本机关全年收到办理答复网站栏目发布更新培训考核0123456789"
ORGAN_CHARS = "市县区局委办人民政府交通运输教育卫生健康管委会财政"
SUBHEADING_NUMERALS = "一二三四五"

body_text = st.builds(lambda words, sep, end: sep.join(words) + end,
                      st.lists(st.text(WORDS, min_size=1, max_size=40), min_size=1, max_size=4),
                      st.sampled_from(["，", "、", "；"]), st.sampled_from(["。", "；", "：", "！"]))
subheading = st.builds(lambda n, words: f"（{n}）{words}", st.sampled_from(SUBHEADING_NUMERALS),
                       st.text(WORDS.rstrip("0123456789"), min_size=2, max_size=12))
paragraph = st.one_of(st.builds(lambda t: Paragraph(text=t), body_text),
                      st.builds(lambda t: Paragraph(text=t, heading=True), subheading))
COUNT = st.integers(0, 99999).map(Decimal)
AMOUNT = st.decimals(0, 99999, places=4, allow_nan=False, allow_infinity=False)


@st.composite
def reports(draw, blank_cells=True):
    organ = draw(st.text(ORGAN_CHARS, min_size=2, max_size=16))
    year = draw(st.integers(2000, 2100))
    report = Report(organ=organ, year=year,
                    title_override=draw(st.sampled_from([None, f"{organ}{year}年度政府信息公开工作年度报告"])),
                    published=draw(st.one_of(st.none(), st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31)))))
    for key in NARRATIVE_KEYS:
        setattr(report, key, draw(st.lists(paragraph, max_size=5)))
    for key, layout in TABLES.items():
        table = report.table(key)
        for row in layout.rows:
            for col in row.columns:
                number = AMOUNT if layout.column(col).decimals else COUNT
                table[row.key][col] = draw(st.one_of(st.none(), number) if blank_cells else number)
    return report


def assert_same_report(imported: Report, original: Report):
    assert (imported.organ, imported.year, imported.title) == (original.organ, original.year, original.title)
    assert imported.published == original.published
    for key in NARRATIVE_KEYS:
        assert imported.narrative(key) == original.narrative(key), key
    for key in TABLES:
        assert imported.table(key) == original.table(key), key


FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def partly_blank_rows(report: Report) -> set[tuple[str, str]]:
    return {(key, row) for key in TABLES for row, values in report.table(key).items()
            if None in values.values() and any(v is not None for v in values.values())}


@FAST
@given(reports())
def test_our_own_text_imports_back_into_the_same_report_or_names_the_rows_it_doubts(report):
    """In text a blank cell and a cell lost in copying look alike: a partly blank row may be doubted
    (and, where the arithmetic points that way, read shifted), but never changed without a note."""
    result = import_bytes(report_text(report).encode("utf-8"), "报告.txt")
    doubted = {(n.table, n.row) for n in result.notes if n.kind != READ}
    assert doubted <= partly_blank_rows(report), [n.describe() for n in result.notes]
    changed = {(key, row) for key in TABLES for row in report.table(key)
               if result.report.table(key)[row] != report.table(key)[row]}
    assert changed <= doubted
    assert (result.report.organ, result.report.year, result.report.title) == (report.organ, report.year, report.title)
    assert result.report.published == report.published
    for key in NARRATIVE_KEYS:
        assert result.report.narrative(key) == report.narrative(key), key


@FAST
@given(reports())
def test_our_own_word_file_imports_back_into_the_same_report(report):
    buffer = io.BytesIO()
    write_docx(report, buffer)
    result = import_bytes(buffer.getvalue(), "报告.docx")
    assert_same_report(result.report, report)
    assert result.certain, [n.describe() for n in result.notes]


def test_our_own_pdf_gives_back_every_cell_for_certain_wherever_its_pages_break():
    """The break moves through 表三 (inside a group, between groups, before （七）总计); the group labels set
    again on the new page are read as labels, not as rows of their own, and the 公文 page number "— 4 —" under
    表四's figures is not read as a row of dashes (0s)."""
    for added in (*range(0, 24, 3), 20):
        report = with_lines_added(sample_report(), added)
        result = import_bytes(pdf_bytes(report), "报告.pdf")
        assert [result.report.table(key) for key in TABLES] == [report.table(key) for key in TABLES], added
        assert result.cell_counts()[1] == 200, (added, result.count_line())  # certain


@FAST
@given(reports(blank_cells=False))
def test_a_complete_report_comes_back_with_nothing_guessed(report):
    result = import_bytes(report_text(report).encode("utf-8"), "报告.txt")
    assert result.certain, [n.describe() for n in result.notes]


def test_the_sample_report_survives_word_and_text_files_on_disk(tmp_path):
    sample = sample_report()
    write_docx(sample, tmp_path / "样本.docx")
    save_text(sample, tmp_path / "样本.txt")
    for name in ("样本.docx", "样本.txt"):
        result = import_file(tmp_path / name)
        assert result.report == sample, name
        assert result.certain


def test_text_written_for_windows_notepad_and_gbk_text_both_import(tmp_path):
    sample = sample_report()
    (tmp_path / "gbk.txt").write_bytes(report_text(sample).encode("gb18030"))
    save_text(sample, tmp_path / "bom.txt")  # UTF-8 with BOM and CRLF line ends
    assert import_file(tmp_path / "gbk.txt").report == sample
    assert import_file(tmp_path / "bom.txt").report == sample


def test_the_text_export_lays_table_lines_out_in_the_grid():
    text = report_text(sample_report())
    lines = text.splitlines()
    assert lines[0] == "济源市人民政府2021年政府信息公开工作年度报告"
    row = next(line for line in lines if line.startswith("\t\t3.其他"))
    assert row.split("\t") == ["", "", "3.其他", "2", "0", "0", "0", "0", "0", "2"]
    assert "第二十条第（八）项\t\t\t" in lines
    assert "行政事业性收费\t4478.1715\t\t" in lines


def test_a_word_file_exported_with_its_sign_off_sheet_imports_the_report_alone():
    sample = sample_report()
    buffer = io.BytesIO()
    write_docx(sample, buffer, ExportOptions(signoff_sheet=True, draft_watermark=True))
    result = import_bytes(buffer.getvalue(), "送审稿.docx")
    assert result.report == sample
    assert result.certain
    skipped = [n for n in result.notes if "标题之前" in n.reason]
    assert skipped and any("报告标题" in n.line for n in skipped)


def test_a_dated_report_of_an_organ_with_a_long_name_comes_back_with_its_date_and_without_the_signature_as_text():
    report = sample_report()
    report.organ = "某某市某某县人民政府办公室关于县级以上地方人民政府部门及其派出机构和政务服务中心"
    report.published = dt.date(2022, 1, 28)
    buffer = io.BytesIO()
    write_docx(report, buffer)
    for name, data in (("报告.docx", buffer.getvalue()), ("报告.txt", report_text(report).encode("utf-8"))):
        result = import_bytes(data, name)
        assert_same_report(result.report, report)
        assert result.certain, [n.describe() for n in result.notes]


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_each_imported_seed_comes_back_from_our_word_and_text_files_with_nothing_guessed(seed):
    report = import_file(seed).report
    report.published = dt.date(report.year + 1, 1, 20)  # the 署名 and date close the files too
    buffer = io.BytesIO()
    write_docx(report, buffer, ExportOptions(signoff_sheet=True))
    for name, data in (("报告.docx", buffer.getvalue()), ("报告.txt", report_text(report).encode("utf-8"))):
        result = import_bytes(data, name)
        assert result.report == report, name
        assert result.certain, [n.describe() for n in result.notes if n.kind != READ]


def test_a_last_paragraph_without_a_full_stop_keeps_the_signature_apart_in_our_text_file():
    report = sample_report()
    report.other_matters = [Paragraph(text="本年度发出收费通知0件，收取信息处理费0元，实际收取总金额0元")]
    report.published = dt.date(2022, 1, 28)
    result = import_bytes(report_text(report).encode("utf-8"), "报告.txt")
    assert result.report.other_matters == report.other_matters
    assert result.report.published == report.published


def test_our_word_file_brings_back_which_paragraphs_are_sub_headings_whatever_their_words():
    report = sample_report()
    report.problems = [Paragraph(text="主要问题", heading=True), Paragraph(text="一是培训不足。"),
                       Paragraph(text="（二）加强培训"), Paragraph(text="二是制度不全。")]
    buffer = io.BytesIO()
    write_docx(report, buffer)
    result = import_bytes(buffer.getvalue(), "报告.docx")
    assert result.report.problems == report.problems
