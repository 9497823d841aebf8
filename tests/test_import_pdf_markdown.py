"""Markdown made from PDFs and headings that do not say which table follows: the seeds' numbers written the
way converters and sites break them (tests/pdf_markdown_copies.py), read back cell by cell."""
import pytest

from model.importers import GUESSED, UNREADABLE, import_bytes
from model.layout import TABLES
from pdf_markdown_copies import report_markdown
from seed_expectations import SEEDS, expected_cells, expected_for

# seed 001 has numbers that differ from row to row: a row read into its neighbour's place shows
VARIED = SEEDS[1]


def imported(text: str):
    return import_bytes(text.encode("utf-8"), "转换.md")


def markdown_of(seed, shape: str) -> tuple[str, dict]:
    expected = expected_for(seed)
    cells = expected_cells(expected)
    return report_markdown(expected["organ"], expected["year"], cells, shape), cells


def wrong_or_blank(result, cells: dict) -> dict:
    return {k: (result.report.table(k[0])[k[1]][k[2]], v) for k, v in cells.items()
            if result.report.table(k[0])[k[1]][k[2]] != v}


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_table_three_under_a_narrative_heading_four_is_read_as_table_three(seed):
    text, cells = markdown_of(seed, "narrative_heading")
    assert "## 四、政府信息公开申请情况" in text and "## 七、其他需要报告的事项" in text
    result = imported(text)
    assert wrong_or_blank(result, cells) == {}
    assert result.report.other_matters[0].text == "本年度工作按要求开展。"
    assert result.report.problems[0].text == "本年度工作按要求开展。"
    [heading] = [n for n in result.of_kind(GUESSED) if n.line == "## 四、政府信息公开申请情况"]
    assert heading.table == "sec3" and "三、收到和处理政府信息公开申请情况" in heading.reason


def test_tables_under_headings_numbered_one_two_three_are_found_by_their_words():
    text, cells = markdown_of(VARIED, "renumbered")
    assert "## 一、主动公开政府信息情况" in text and "## 二、收到和处理政府信息公开申请情况" in text
    result = imported(text)
    assert wrong_or_blank(result, cells) == {}
    assert result.report.sec3["total"]["total"] == 163 and result.report.sec2["licensing"]["decisions"] == 9895
    assert [p.text for p in result.report.problems] == ["本年度工作按要求开展。"]
    assert [p.text for p in result.report.other_matters] == ["本年度工作按要求开展。"]


def test_table_three_printed_under_the_heading_of_table_four_goes_to_table_three_and_four_keeps_its_own():
    """A site dropped the heading 三、…: table 三 then table 四 both stand under 四、…."""
    text, cells = markdown_of(VARIED, "wrapped")
    text = text.replace("## 三、收到和处理政府信息公开申请情况\n", "")
    sec4_heading = "## 四、政府信息公开行政复议、行政诉讼情况\n"
    text = text.replace(sec4_heading, "")
    text = text.replace("| （本列数据的勾稽关系为", sec4_heading + "\n| （本列数据的勾稽关系为", 1)
    result = imported(text)
    assert wrong_or_blank(result, cells) == {}
    [moved] = [n for n in result.of_kind(GUESSED) if "按其中的标签识别" in n.reason]
    assert moved.table == "sec3" and "四、政府信息公开行政复议、行政诉讼情况" in moved.reason


def test_a_table_four_header_with_the_words_other_and_total_stays_table_four():
    """其他 and 总计 stand in table 三's header too: two short words do not move a table."""
    text, cells = markdown_of(VARIED, "wrapped")
    text = text.replace("| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |", "| 结果 | 结果 | 其他 | 尚未 | 总计 |")
    result = imported(text)
    assert [result.report.sec4["counts"][c.key] for c in TABLES["sec4"].columns] == expected_for(VARIED)["sec4"]
    assert not [n for n in result.notes if n.kind == UNREADABLE and n.table == "sec4"]


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_other_handling_as_one_row_keeps_its_sums_under_3_other_and_leaves_rows_1_and_2_blank(seed):
    text, cells = markdown_of(seed, "other_as_one")
    result = imported(text)
    sums = {c: sum(cells[("sec3", f"other_{i}", c)] for i in (1, 2, 3)) for c in TABLES["sec3"].row("other_3").columns}
    assert result.report.sec3["other_3"] == sums
    assert all(v is None for row in ("other_1", "other_2") for v in result.report.sec3[row].values())
    rest = {k: v for k, v in cells.items() if k[1] not in ("other_1", "other_2", "other_3")}
    assert wrong_or_blank(result, rest) == {}
    assert "14 个未读出" in result.count_line() and not result.certain
