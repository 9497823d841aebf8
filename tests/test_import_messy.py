"""Reports as clerks and websites really publish them: WPS tables, Markdown, shifted PDF text."""
import datetime as dt
import io
import shutil
import subprocess

import docx
import pytest

from export.content import table_content
from export.pdf import pdf_bytes
from export.text import report_text
from helpers import sample_report
from model.importers import GUESSED, READ, UNREADABLE, import_bytes, import_file
from model.importers.tables import CONFIRMED
from model.layout import NARRATIVE_KEYS, SEC3_APPLICANTS, SEC3_NOTE, SECTION_HEADINGS, TABLES

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")



def settled(result):
    """Notes of doubts the table's arithmetic settled: listed for the clerk, not counted as guesses."""
    return [n for n in result.of_kind(READ) if n.reason.endswith(CONFIRMED)]

def sample_text() -> str:
    return report_text(sample_report())


def imported(text: str, name: str = "报告.txt"):
    return import_bytes(text.encode("utf-8"), name)


def hand_made_word_file(title: str, full_width_digits: bool) -> bytes:
    """A Word file typed by hand: merged cells written out as repeated text, a blank column at the right."""
    report = sample_report()
    document = docx.Document()
    document.add_paragraph(title)
    for key, heading in SECTION_HEADINGS.items():
        document.add_paragraph(heading)
        if key in NARRATIVE_KEYS:
            for paragraph in report.narrative(key):
                document.add_paragraph(paragraph.text)
            continue
        content = table_content(report, key)
        table = document.add_table(rows=content.grid_height, cols=content.grid_width + 1)
        grid = [row.cells for row in table.rows]
        for cell in content.cells:
            text = cell.text.translate(FULL_WIDTH) if full_width_digits else cell.text
            for row in range(cell.row, cell.row + cell.row_span):
                for col in range(cell.col, cell.col + cell.col_span):
                    grid[row][col].text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_hand_made_word_file_with_repeated_merged_text_and_full_width_digits_imports_whole():
    result = import_bytes(hand_made_word_file("济源市人民政府 2021 年政府信息公开工作年度报告", True), "手工.docx")
    sample = sample_report()
    for key in TABLES:
        assert result.report.table(key) == sample.table(key), key
    assert result.report.organ == "济源市人民政府" and result.report.title == sample.title
    assert result.certain, [n.describe() for n in result.notes]


def test_a_word_cell_holding_groups_of_digits_is_imported_as_a_guess_never_as_certain():
    """A cell typed 90 0 1 (three cells run into one) is not a silent 9001; 1 234 is read with its doubt named."""
    raw = hand_made_word_file("济源市人民政府 2021 年政府信息公开工作年度报告", False)
    document = docx.Document(io.BytesIO(raw))
    licensing_row = next(r for r in document.tables[0].rows if r.cells[0].text == "行政许可")
    for cell in licensing_row.cells[1:4]:  # the merged cell, written out three times by hand
        cell.text = "90 0 1"
    buffer = io.BytesIO()
    document.save(buffer)
    result = import_bytes(buffer.getvalue(), "手工.docx")
    assert result.report.sec2["licensing"]["decisions"] == 9001
    assert not result.certain
    assert any("“90 0 1”是几组数字" in n.reason for n in result.of_kind(GUESSED) if n.row == "licensing")
    unchanged = import_bytes(raw, "手工.docx")  # its other merged cells written out are guesses already
    assert result.cell_counts()[2] == unchanged.cell_counts()[2] + 1


def test_a_number_repeated_across_cells_that_should_be_merged_is_read_once_and_reported():
    text = sample_text().replace("行政许可\t9895\t\t", "行政许可\t9895\t9895\t9895\t备注")
    result = imported(text)
    assert result.report.sec2["licensing"]["decisions"] == 9895
    [note] = [n for n in result.of_kind(GUESSED) if n.row == "licensing"]
    assert "重复" in note.reason and note.line == "行政许可\t9895\t9895\t9895\t备注"
    [dropped] = [n for n in result.of_kind(UNREADABLE) if n.row == "licensing"]
    assert "“备注”" in dropped.reason


def test_a_label_split_over_two_lines_is_joined_and_reported():
    text = sample_text().replace(
        "\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t\t16\t0\t0\t0\t0\t0\t16",
        "\t(二) 部分公开(区分处理的,只计这一\t16\t0\t0\t0\t0\t0\t16\n\t情形,不计其他情形)\t\t")
    result = imported(text)
    assert result.report.sec3 == sample_report().sec3
    [note] = settled(result)  # the sums agree: reported, but no guess
    assert note.row == "partial" and "分在两行" in note.reason
    assert not result.of_kind(GUESSED)


def test_numbers_with_spaces_full_width_digits_and_variant_labels_are_read_as_printed():
    text = (sample_text().replace("行政许可\t9895", "行政许可\t9 895").replace("行政处罚\t5309", "行政处罚\t５３０９")
            .replace("2.其他法律行政法规禁止公开", "2.其他法律法规禁止公开"))
    result = imported(text)
    assert result.report == sample_report()
    [spaced] = [n for n in result.of_kind(GUESSED) if n.row == "licensing"]  # 9 895 may be two cells: 9 | 895
    assert spaced.reason == "“9 895”中的空格按千位分隔符理解"
    assert result.count_line() == "200 个单元格：199 个确定，1 个推测，0 个未读出"


def test_a_row_short_of_a_cell_is_settled_by_the_column_totals():
    # 予以公开 printed without its 科研机构 cell: 83 0 1 2 0 87 (the column sums say 科研机构 = 1)
    text = sample_text().replace("（一）予以公开\t\t83\t0\t1\t1\t2\t0\t87", "（一）予以公开\t\t83\t0\t1\t2\t0\t87\t")
    result = imported(text)
    assert result.report.sec3["granted"] == sample_report().sec3["granted"]
    [note] = settled(result)
    assert note.row == "granted" and "6 个数字" in note.reason and "勾稽关系" in note.reason


def test_a_row_the_arithmetic_cannot_settle_keeps_only_what_every_reading_agrees_on():
    # 表二 has no totals: 行政规范性文件 with two numbers for three columns cannot be placed
    text = sample_text().replace("行政规范性文件\t103\t78\t436", "行政规范性文件\t103\t436")
    result = imported(text)
    assert result.report.sec2["normative_documents"] == {"issued": None, "repealed": None, "in_force": None}
    [note] = [n for n in result.of_kind(UNREADABLE) if n.row == "normative_documents"]
    assert "3 种读法" in note.reason and note.line == "行政规范性文件\t103\t436"


def test_a_blank_cell_in_an_otherwise_full_table_is_kept_blank_and_pointed_out():
    text = sample_text().replace("行政规范性文件\t103\t78\t436", "行政规范性文件\t\t103\t436")
    result = imported(text)
    assert result.report.sec2["normative_documents"] == {"issued": None, "repealed": 103, "in_force": 436}
    [note] = result.of_kind(GUESSED)
    assert note.row == "normative_documents" and "请核对" in note.reason


def test_a_dash_in_a_cell_is_read_as_zero_and_said_so():
    text = sample_text().replace("行政规范性文件\t103\t78\t436", "行政规范性文件\t103\t—\t436")
    result = imported(text)
    assert result.report.sec2["normative_documents"]["repealed"] == 0
    assert any("“—”" in n.reason for n in result.of_kind(GUESSED))


def test_markdown_headings_bullets_and_bold_are_read_as_plain_paragraphs():
    text = (sample_text().replace("一、总体情况", "## 一、总体情况")
            .replace("五、存在的主要问题及改进情况", "## 五、存在的主要问题及改进情况")
            .replace("（一）在主动公开方面", "- **（一）在主动公开方面**"))
    result = imported(text, "报告.md")
    assert result.report == sample_report()


def test_a_table_without_its_heading_is_recognised_by_its_labels():
    text = sample_text().replace("二、主动公开政府信息情况\n", "")
    result = imported(text)
    assert result.report.sec2 == sample_report().sec2
    assert result.report.overview == sample_report().overview
    assert any(n.table == "sec2" and "按其中的标签识别" in n.reason for n in result.of_kind(GUESSED))


def test_text_before_the_first_heading_goes_to_the_overview_and_is_reported():
    preface = "根据《中华人民共和国政府信息公开条例》，编制本报告。"
    text = sample_text().replace("一、总体情况", f"{preface}\n\n一、总体情况", 1)
    result = imported(text)
    assert result.report.overview[0].text == "根据《中华人民共和国政府信息公开条例》，编制本报告。"
    assert any(n.table == "overview" for n in result.of_kind(GUESSED))


def test_a_text_without_a_title_imports_and_asks_for_organ_and_year():
    text = sample_text().split("\n", 1)[1]
    result = imported(text)
    assert result.report.organ == ""
    assert any(n.table == "meta" for n in result.of_kind(UNREADABLE))


def test_an_imported_report_keeps_the_wrong_totals_it_printed():
    text = sample_text().replace("（七）总计\t\t159\t0\t1\t1\t2\t0\t163", "（七）总计\t\t160\t0\t1\t1\t2\t0\t164")
    result = imported(text)
    assert result.report.sec3["total"]["natural_person"] == 160
    assert result.report.sec3["total"]["total"] == 164


def test_two_rows_short_of_a_cell_in_the_same_columns_are_settled_together():
    # each row alone has three readings; only the pair 3 … 3 / 5 … 5 makes 自然人 and 其他 add up
    text = (sample_text()
            .replace("5.属于三类内部事务信息\t3\t0\t0\t0\t0\t0\t3", "5.属于三类内部事务信息\t3\t0\t0\t0\t0\t3")
            .replace("6.属于四类过程性信息\t5\t0\t0\t0\t0\t0\t5", "6.属于四类过程性信息\t5\t0\t0\t0\t0\t5"))
    result = imported(text)
    assert result.report.sec3 == sample_report().sec3
    notes = {n.row: n.reason for n in settled(result)}
    assert set(notes) == {"withheld_5", "withheld_6"}
    assert all("一起" in reason for reason in notes.values())


def test_tables_copied_with_spaces_instead_of_tabs_are_read_by_their_labels():
    lines = sample_text().split("\n")
    start, end = lines.index("三、收到和处理政府信息公开申请情况"), lines.index("五、存在的主要问题及改进情况")
    lines[start:end] = [" ".join(line.replace("\t", " ").split()) for line in lines[start:end]]
    assert "三、本年度办理结果 （一）予以公开 83 0 1 1 2 0 87" in lines
    result = imported("\n".join(lines))
    assert result.report == sample_report()
    assert result.certain


def test_a_table_in_the_2019_format_is_not_forced_into_the_2021_columns():
    lines = sample_text().split("\n")
    start = lines.index("二、主动公开政府信息情况") + 2
    lines[start:start + 4] = ["第二十条第（一）项\t\t\t", "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量",
                              "规章\t0\t0\t0", "规范性文件\t12\t12\t300"]
    result = imported("\n".join(lines))
    assert all(v is None for row in result.report.sec2.values() for v in row.values())
    [note] = [n for n in result.of_kind(UNREADABLE) if n.table == "sec2"]
    assert "2019 年格式" in note.reason and "本年新制作数量" in note.line
    assert result.report.sec3 == sample_report().sec3


def test_other_handling_printed_as_one_row_keeps_its_numbers_under_3_other_and_says_so():
    """Older copies of the template print （六）其他处理 as one row of seven numbers."""
    dropped = ("\t（六）其他处理\t1.", "\t\t2.申请人", "\t\t3.其他")
    text = "\n".join(line for line in sample_text().split("\n") if not line.startswith(dropped))
    text = text.replace("\t（七）总计", "\t（六）其他处理\t\t2\t0\t0\t0\t0\t0\t2\n\t（七）总计", 1)
    result = imported(text)
    assert list(result.report.sec3["other_3"].values()) == [2, 0, 0, 0, 0, 0, 2]
    assert all(v is None for row in ("other_1", "other_2") for v in result.report.sec3[row].values())
    [note] = [n for n in result.of_kind(GUESSED) if n.row == "other_3"]
    assert "印成了一行" in note.reason and note.line == "（六）其他处理\t\t2\t0\t0\t0\t0\t0\t2"
    assert {n.row for n in result.of_kind(UNREADABLE)} == {"other_1", "other_2"}
    assert result.report.sec3["total"] == sample_report().sec3["total"]


def test_a_word_table_laid_out_otherwise_with_real_merged_cells_is_read_by_its_labels():
    """Two label columns instead of three, 三、本年度办理结果 merged down the result rows."""
    report = sample_report()
    layout = TABLES["sec3"]
    document = docx.Document()
    document.add_paragraph(report.title)
    document.add_paragraph(layout.heading)
    table = document.add_table(rows=2 + len(layout.rows), cols=2 + len(layout.columns))
    table.cell(0, 0).merge(table.cell(1, 1)).text = SEC3_NOTE
    table.cell(0, 2).merge(table.cell(0, 8)).text = SEC3_APPLICANTS
    for col, column in enumerate(layout.columns, 2):
        table.cell(1, col).text = column.label
    results = [i for i, row in enumerate(layout.rows, 2) if len(row.path) > 1]
    table.cell(results[0], 0).merge(table.cell(results[-1], 0)).text = "三、本年度办理结果"
    for index, row in enumerate(layout.rows, 2):
        if len(row.path) == 1:
            table.cell(index, 0).merge(table.cell(index, 1)).text = row.label
        else:
            table.cell(index, 1).text = "".join(row.path[1:])
        for col, column in enumerate(row.columns, 2):
            table.cell(index, col).text = str(report.sec3[row.key][column])
    buffer = io.BytesIO()
    document.save(buffer)
    result = import_bytes(buffer.getvalue(), "另一种表格.docx")
    assert result.report.sec3 == report.sec3
    assert not [n for n in result.notes if n.table == "sec3" and n.kind != "read"]


def test_the_closing_organ_and_date_become_the_reports_date_not_text():
    text = sample_text().rstrip("\n") + "\n\n济源市人民政府办公室\n\n二〇二二年一月二十日\n"
    result = imported(text)
    assert result.report.published == dt.date(2022, 1, 20)
    assert result.report.other_matters == sample_report().other_matters
    [signature] = [n for n in result.of_kind(GUESSED) if "署名" in n.reason]
    assert "济源市人民政府办公室" in signature.reason and "不同" in signature.reason


def test_titles_worded_otherwise_still_give_organ_and_year():
    body = sample_text().split("\n", 1)[1]
    cases = {"济源市人民政府关于2021年政府信息公开工作年度报告": ("济源市人民政府", 2021, True),
             "2021年济源市人民政府政府信息公开工作年度报告": ("济源市人民政府", 2021, False),
             "济源市人民政府2021年度政府信息公开工作年度报告": ("济源市人民政府", 2021, True)}
    for title, (organ, year, certain) in cases.items():
        result = imported(title + "\n" + body)
        assert (result.report.organ, result.report.year, result.report.title) == (organ, year, title)
        assert result.certain == certain, title


def test_a_pages_metadata_block_naming_the_title_is_not_taken_for_the_title():
    body = sample_text()
    title = body.split("\n", 1)[0]
    metadata = f"索引号：11410400/2022-00015\n名称：{title}\n发布机构：济源市人民政府\n生成日期：2022-01-20\n"
    result = imported(metadata + body)
    assert result.report.title == title
    assert result.report.organ == sample_report().organ
    assert not any("名称" in p.text for p in result.report.overview)


def test_table_two_copied_from_a_pdf_with_every_cell_on_its_own_line_is_read_right_with_a_note():
    """A PDF reader copies a table cell by cell: 规章 / 0 / 0 / 0 / 行政规范性文件 / 103 / 78 / 436 …"""
    report = sample_report()
    cells = [c.text for c in table_content(report, "sec2").cells if c.text]
    text = sample_text()
    table_two = text[text.index("第二十条第（一）项"):text.index(SECTION_HEADINGS["sec3"])]
    result = imported(text.replace(table_two, "\n".join(cells) + "\n\n"))
    assert result.report.sec2 == report.sec2
    noted = {n.row for n in result.notes if n.table == "sec2" and n.kind == GUESSED}
    assert noted == {row.key for row in TABLES["sec2"].rows}  # each row says its numbers were gathered


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is installed by .ci/run")
def test_text_copied_from_our_own_pdf_keeps_the_two_line_title_tables_two_and_four_and_drops_page_numbers(tmp_path):
    report = sample_report()
    (tmp_path / "报告.pdf").write_bytes(pdf_bytes(report))
    subprocess.run(["pdftotext", str(tmp_path / "报告.pdf"), str(tmp_path / "报告.txt")], check=True, timeout=60)
    result = import_file(tmp_path / "报告.txt")
    assert (result.report.organ, result.report.year) == (report.organ, report.year)
    assert result.report.sec2 == report.sec2 and result.report.sec4 == report.sec4
    paragraphs = [p.text for key in NARRATIVE_KEYS for p in result.report.narrative(key)]
    assert not [p for p in paragraphs if p.startswith("—")]  # — 3 — at the page foot is no paragraph
    assert result.report.other_matters == report.other_matters
    # a paragraph the page broke into lines of 26 and 28 characters is one paragraph again
    problems = ["".join(p.text.split()) for p in result.report.problems]
    assert "".join(report.problems[0].text.split()) in problems


def test_two_labels_copied_before_both_rows_numbers_each_get_their_own_numbers():
    """A PDF copy of 表三 may give 4.保护第三方合法权益 / 5.属于三类内部事务信息, then the 14 numbers of both rows."""
    report = sample_report()
    report.sec3["withheld_5"] = {c: v + 1 for c, v in report.sec3["withheld_5"].items()}  # tell the rows apart
    lines = report_text(report).splitlines()
    fourth = next(i for i, line in enumerate(lines) if "4.保护第三方合法权益" in line)
    labels = [lines[i].split("\t")[2] for i in (fourth, fourth + 1)]
    numbers = [n for i in (fourth, fourth + 1) for n in lines[i].split("\t")[3:]]
    lines[fourth:fourth + 2] = labels + numbers
    result = imported("\n".join(lines))
    assert result.report.sec3["withheld_4"] == report.sec3["withheld_4"]
    assert result.report.sec3["withheld_5"] == report.sec3["withheld_5"]


def test_a_label_alone_then_a_line_with_one_number_too_many_stays_with_its_row():
    report = sample_report()
    lines = report_text(report).splitlines()
    fourth = next(i for i, line in enumerate(lines) if "4.保护第三方合法权益" in line)
    cells = lines[fourth].split("\t")
    lines[fourth:fourth + 1] = [cells[2], "\t".join(cells[3:4] + ["0"] + cells[4:])]  # a cell doubled
    result = imported("\n".join(lines))
    assert result.report.sec3["withheld_4"] == report.sec3["withheld_4"]
    assert result.report.sec3["withheld_5"] == report.sec3["withheld_5"]
    assert any(n.row == "withheld_4" for n in settled(result))
