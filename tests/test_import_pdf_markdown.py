"""Markdown made from PDFs and headings that do not say which table follows: the seeds' numbers written the
way converters and sites break them (tests/pdf_markdown_copies.py), read back cell by cell."""
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.importers import GUESSED, READ, UNREADABLE, import_bytes
from model.layout import TABLES
from pdf_markdown_copies import grid_rows, markdown, report_markdown, table_markdown
from seed_expectations import SEEDS, expected_cells, expected_for
from test_import_runs import valid_sec3
from text_layer_copies import table_text

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
    [sentence] = [n for n in result.of_kind(UNREADABLE) if n.line == "全年共收到政府信息公开申请，具体情况见下表。"]
    assert "说明文字" in sentence.reason  # said, not lost silently
    [found_by_labels] = [n for n in result.notes if "按其中的标签识别" in n.reason]
    assert found_by_labels.table == "sec3" and "“四、政府信息公开行政复议、行政诉讼情况”之下" in found_by_labels.reason
    assert found_by_labels.kind == READ  # every number of table 三 agrees with its arithmetic


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
    [moved] = [n for n in result.notes if "按其中的标签识别" in n.reason]
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


# ---------------------------------------------------------------- labels apart from their numbers (issue 8, item 2)
def with_other_handling(cells: dict, other_1: list[int], other_2: list[int]) -> dict:
    """The seed's cells with rows （六）1 and 2 set, and 总计 and 新收 raised to match (E2, E1)."""
    cells = dict(cells)
    for row, numbers in (("other_1", other_1), ("other_2", other_2)):
        for col, number in zip(TABLES["sec3"].row(row).columns, numbers, strict=True):
            cells[("sec3", row, col)] = Decimal(number)
            cells[("sec3", "total", col)] += number
            cells[("sec3", "new", col)] += number
    return cells


@pytest.mark.parametrize("shape", ["detached", "placeholders", "wrapped"])
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_markdown_from_a_pdf_gives_every_cell_of_every_seed(seed, shape):
    text, cells = markdown_of(seed, shape)
    result = imported(text)
    assert wrong_or_blank(result, cells) == {}
    assert not [n for n in result.of_kind(UNREADABLE) if n.table in TABLES]


def test_dash_rows_left_by_the_converter_do_not_take_the_place_of_the_rows_labelled_after_them():
    text, cells = markdown_of(VARIED, "placeholders")
    assert "| - | - |\n| 规章 | 0 | 0 | 0 |" in text.replace("| --- | --- |\n", "")
    result = imported(text)
    assert list(result.report.sec2["regulations"].values()) == [0, 0, 0]
    assert list(result.report.sec3["new"].values()) == [161, 0, 1, 1, 2, 0, 165]
    assert not [n for n in result.notes if "按 0 导入" in n.reason]  # the dashes are read as nothing
    assert any("占位行" in n.reason and n.line == "| - | - |" for n in result.of_kind(READ))


def test_a_wrapped_label_spilling_into_the_row_with_the_numbers_keeps_each_row_its_own_numbers():
    expected = expected_for(VARIED)
    cells = with_other_handling(expected_cells(expected), [40, 1, 0, 0, 0, 0, 41], [3, 0, 0, 0, 0, 0, 3])
    text = report_markdown(expected["organ"], expected["year"], cells, "wrapped")
    other_rows = text[text.index("|  | （六）其他处理"):text.index("|  |  | 3.其他")]
    spilled = ("|  | （六）其他处理 | 1.申请人无正当理由逾期不补正、 |  |  |  |  |  |  |  |\n"
               "|  |  | 行政机关不再处理其政府信息公 | 40 | 1 | 0 | 0 | 0 | 0 | 41 |\n"
               "|  |  | 开申请 |  |  |  |  |  |  |  |\n"
               "|  |  | 2.申请人逾期未按收费通知要求缴纳费用、 |  |  |  |  |  |  |  |\n"
               "|  |  | 行政机关不再处理其政府信息公 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |\n"
               "|  |  | 开申请 |  |  |  |  |  |  |  |\n")
    result = imported(text.replace(other_rows, spilled))
    assert list(result.report.sec3["other_1"].values()) == [40, 1, 0, 0, 0, 0, 41]
    assert list(result.report.sec3["other_2"].values()) == [3, 0, 0, 0, 0, 0, 3]
    assert wrong_or_blank(result, cells) == {}


def test_a_label_the_converter_lost_does_not_shift_the_numbers_of_the_rows_after_it():
    text, cells = markdown_of(VARIED, "label_lost")
    assert "5.属于三类内部事务信息" not in text and "| 3 | 0 | 0 | 0 | 0 | 0 | 3 |" in text
    result = imported(text)
    assert wrong_or_blank(result, cells) == {}
    assert list(result.report.sec3["withheld_5"].values()) == [3, 0, 0, 0, 0, 0, 3]
    [placed] = [n for n in result.notes if n.table == "sec3" and "分开排列" in n.reason]
    assert "12 个行标签、13 行数字" in placed.reason


def test_a_row_of_numbers_the_converter_lost_leaves_blanks_never_a_neighbours_numbers():
    text, cells = markdown_of(VARIED, "numbers_lost")
    result = imported(text)
    wrong = {k: v for k, v in wrong_or_blank(result, cells).items() if v[0] is not None}
    assert wrong == {}
    assert result.report.sec3["withheld_5"]["natural_person"] is None  # which row lost its numbers is not known
    assert list(result.report.sec3["carried_out"].values()) == [3, 0, 0, 0, 0, 0, 3]  # the next page is read
    [undecided] = [n for n in result.of_kind(UNREADABLE) if "分开排列" in n.reason]
    assert "13 个行标签、12 行数字" in undecided.reason and "种放法都与勾稽关系相符" in undecided.reason
    assert ("sec3", "withheld_5", "total") in {("sec3", *c) for c in undecided.cells}
    assert not result.certain


def test_a_row_of_zeros_the_converter_lost_is_worked_out_from_the_column_totals():
    """Seed 002: every row of table 三 is 0, so every placement gives the same table."""
    text, cells = markdown_of(SEEDS[2], "numbers_lost")
    result = imported(text)
    assert wrong_or_blank(result, cells) == {}
    [placed] = [n for n in result.notes if n.table == "sec3" and "分开排列" in n.reason]
    assert "按勾稽关系推算" in placed.reason


@settings(max_examples=15, deadline=None)
@given(valid_sec3(), st.sampled_from(["detached", "label_lost", "numbers_lost", "placeholders", "wrapped"]))
def test_a_random_valid_table_three_from_a_pdf_comes_back_whole_or_with_its_blank_cells_named(cells, shape):
    sec3 = table_markdown("sec3", cells, shape)
    result = imported(f"# 某某县人民政府2021年政府信息公开工作年度报告\n## 三、收到和处理政府信息公开申请情况\n{sec3}\n")
    for (table, row, col), value in cells.items():
        got = result.report.sec3[row][col]
        assert got in (None, value), (row, col)
        assert got is not None or shape == "numbers_lost", (row, col)  # only a lost row can leave a doubt
        if got is None:
            assert any((row, col) in n.cells for n in result.of_kind(UNREADABLE) if n.table == "sec3"), (row, col)


def test_labels_cut_by_a_page_break_are_joined_and_the_item_number_is_no_digit_of_a_cell():
    """LibreOffice's PDF of a web page, read cell by cell: （三）不予公开 and 2.其他法律行政法规禁止公开 lose their
    last characters to the next page, where they stand on a row of their own."""
    text, cells = markdown_of(VARIED, "wrapped")
    text = text.replace("|  | （三）不予公开 | 1.属于国家秘密 |", "|  | （三）不予公 | 1.属于国家秘密 |")
    text = text.replace("|  |  | 2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
                        "|  |  | 2.其他法律行政法规禁止 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n|  | 开 | 公开 |  |  |  |  |  |  |  |")
    result = imported(text)
    assert wrong_or_blank(result, cells) == {}
    assert not [n for n in result.notes if n.table == "sec3" and n.kind == UNREADABLE]
    [joined] = [n for n in result.notes if n.row == "withheld_2" and "分在两行" in n.reason]
    assert joined.line.startswith("|  |  | 2.其他法律行政法规禁止 | 0 |") and "|  | 开 | 公开 |" in joined.line


def test_a_header_row_cut_off_by_a_page_as_one_line_of_text_is_known_as_the_header():
    """LibreOffice's PDF of a page may give table 四's first header row as a line of text: 行政复议行政诉讼."""
    text, cells = markdown_of(VARIED, "wrapped")
    first_header = next(line for line in text.splitlines() if line.startswith("| 行政复议 |"))
    result = imported(text.replace(first_header, "行政复议行政诉讼\n"))
    assert [result.report.sec4["counts"][c.key] for c in TABLES["sec4"].columns] == expected_for(VARIED)["sec4"]
    assert not [n for n in result.notes if n.table == "sec4" and n.kind != READ]


@pytest.mark.parametrize("header, run_together", [
    ("|  |  |  | 自然人 | 法人或其他组织 |  |  |  |  | 总计 |", "自然人法人或其他组织总计"),
    ("|  |  |  |  | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |  |", "商业企业科研机构社会公益组织法律服务机构其他"),
], ids=["first header row", "second header row"])
def test_a_header_row_of_table_three_as_one_line_of_text_is_known_as_the_header(header, run_together):
    """其他 and 总计 head columns of table 三 as well as naming rows: a header row run together is still one."""
    text, cells = markdown_of(VARIED, "wrapped")
    assert header in text
    result = imported(text.replace(header, run_together + "\n"))
    assert wrong_or_blank(result, cells) == {}
    assert not [n for n in result.notes if n.table == "sec3" and n.kind != READ]


def test_numbers_beside_the_heading_over_all_result_rows_are_not_taken_for_a_group_printed_as_one():
    """Only （六）其他处理 was one row in the earlier format; numbers beside 三、本年度办理结果 belong to no row."""
    text, cells = markdown_of(VARIED, "wrapped")
    granted = next(line for line in text.splitlines() if line.startswith("| 三、本年度办理结果 | （一）予以公开 |"))
    result = imported(text.replace(granted, "| 三、本年度办理结果 |  |  | 1 | 2 | 3 | 4 | 5 | 6 | 21 |\n" + granted))
    assert wrong_or_blank(result, cells) == {}
    [heading] = [n for n in result.notes if n.table == "sec3" and n.kind == UNREADABLE]
    assert heading.reason.startswith("“三、本年度办理结果”在 2021 年格式中是几行的总标题") and "21" in heading.line
    assert not [n for n in result.notes if "印成了一行" in n.reason]


def test_a_narrative_subheading_worded_like_a_table_heading_stays_in_the_narrative():
    """一、主动公开情况 inside 一、总体情况 is the overview's own subheading, not table 二's section."""
    text, cells = markdown_of(VARIED, "wrapped")
    text = text.replace("## 一、总体情况\n\n本年度工作按要求开展。",
                        "## 一、总体情况\n\n一、主动公开情况\n\n全年主动公开政府信息 1200 条。")
    result = imported(text)
    assert [p.text for p in result.report.overview] == ["一、主动公开情况", "全年主动公开政府信息 1200 条。"]
    assert wrong_or_blank(result, cells) == {}


def test_a_row_whose_label_only_resembles_gives_way_to_the_row_labelled_exactly_after_it():
    text, cells = markdown_of(VARIED, "wrapped")
    stray = "|  |  | 2.其他法律行政法规禁止 | 9 | 9 | 9 | 9 | 9 | 9 | 54 |\n"
    text = text.replace("|  |  | 2.其他法律行政法规禁止公开 |", stray + "|  |  | 2.其他法律行政法规禁止公开 |", 1)
    result = imported(text)
    assert list(result.report.sec3["withheld_2"].values()) == [0] * 7
    assert wrong_or_blank(result, cells) == {}
    [stray_note] = [n for n in result.of_kind(UNREADABLE) if n.line == stray.strip()]
    assert "只是与“2.其他法律行政法规禁止公开”相近" in stray_note.reason


def spaced_table(table_key: str, cells: dict) -> str:
    """A table as text copied from a PDF gives it: each grid row on a line, cells parted by spaces."""
    return "\n".join(" ".join(c for c in row if c) for row in grid_rows(table_key, cells) if any(row))


@pytest.mark.parametrize("written", ["spaces", "run_together"])
def test_tables_as_text_under_narrative_headings_are_found_by_their_labels(written):
    """No table heading at all: the unit's own narrative headings, then the tables as lines of text."""
    expected = expected_for(VARIED)
    cells = expected_cells(expected)
    table = (lambda key: spaced_table(key, cells)) if written == "spaces" else (
        lambda key: table_text(key, cells, "rows"))
    text = "\n".join([f"{expected['organ']}{expected['year']}年政府信息公开工作年度报告", "一、总体情况",
                      "（一）主动公开", "本年度主动公开政府信息 1200 条。", table("sec2"),
                      "（二）依申请公开", "全年收到申请 165 件，办结 163 件。", table("sec3"),
                      "（三）行政复议、行政诉讼", table("sec4"), "五、存在的主要问题及改进情况", "无。",
                      "六、其他需要报告的事项", "无。"])
    result = imported(text)
    missed = wrong_or_blank(result, cells)
    assert {k: v for k, v in missed.items() if v[0] is not None} == {}  # nothing wrong
    # 表二 has no totals: 行政规范性文件 run together (10378436) has 16 cuts, named, not guessed
    assert set(missed) == ({("sec2", "normative_documents", c) for c in ("issued", "repealed", "in_force")}
                           if written == "run_together" else set())
    assert [p.text for p in result.report.overview] == ["（一）主动公开", "本年度主动公开政府信息 1200 条。",
                                                        "（二）依申请公开", "全年收到申请 165 件，办结 163 件。",
                                                        "（三）行政复议、行政诉讼"]


def test_sentences_naming_rows_of_table_two_stay_text_and_do_not_fill_the_table():
    text, cells = markdown_of(VARIED, "wrapped")
    sentences = "行政许可 1200 件\n\n行政处罚 30 件\n\n行政强制 5 件"
    result = imported(text.replace("## 一、总体情况\n\n本年度工作按要求开展。", f"## 一、总体情况\n\n{sentences}"))
    assert [p.text for p in result.report.overview] == ["行政许可 1200 件", "行政处罚 30 件", "行政强制 5 件"]
    assert wrong_or_blank(result, cells) == {}


@st.composite
def damaged_table_three(draw):
    """A random valid table 三 as Markdown from a PDF, then a line or two of it lost or doubled."""
    cells = draw(valid_sec3())
    lines = table_markdown("sec3", cells, draw(st.sampled_from(["detached", "wrapped", "placeholders"]))).split("\n")
    for _ in range(draw(st.integers(1, 2))):
        index = draw(st.integers(3, len(lines) - 1))  # below the header rows
        if draw(st.booleans()):
            del lines[index]
        else:
            lines.insert(index, lines[index])
    return cells, "\n".join(lines)


@settings(max_examples=20, deadline=None)
@given(damaged_table_three())
def test_a_line_lost_or_doubled_never_leaves_a_wrong_cell_without_a_note(case):
    cells, body = case
    result = imported(f"# 某某县人民政府2021年政府信息公开工作年度报告\n## 三、收到和处理政府信息公开申请情况\n{body}\n")
    doubts = [n for n in result.notes if n.table == "sec3" and n.kind != READ]
    for (_, row, col), value in cells.items():
        if result.report.sec3[row][col] not in (None, value):
            assert any((row, col) in n.cells or n.row == row and not n.cells for n in doubts), (row, col)


@pytest.mark.parametrize("numbers_kept", ["three_lost", "one_doubled"])
def test_labels_apart_from_too_few_or_too_many_rows_of_numbers_never_shift_numbers_into_other_rows(numbers_kept):
    """All 25 labels of table 三, then its rows of numbers with three lost (too many pairings to weigh) or one
    doubled: no number lands in another row's cells; what is not settled is blank and named."""
    cells = expected_cells(expected_for(VARIED))
    grid = grid_rows("sec3", cells)
    numbers = [row[3:] for row in grid[3:]]
    numbers = numbers[3:] if numbers_kept == "three_lost" else numbers[:5] + numbers[4:]
    body = "\n".join(markdown(grid[:3] + [row[:3] for row in grid[3:]] + numbers))
    result = imported(f"# 某某县人民政府2021年政府信息公开工作年度报告\n## 三、收到和处理政府信息公开申请情况\n{body}\n")
    sec3 = {k: v for k, v in cells.items() if k[0] == "sec3"}
    assert {k: v for k, v in wrong_or_blank(result, sec3).items() if v[0] is not None} == {}
    [block] = [n for n in result.of_kind(UNREADABLE) if "分开排列" in n.reason]
    blank = {(r, c) for (_, r, c), v in sec3.items() if result.report.sec3[r][c] is None}
    assert blank and blank <= set(block.cells)


def test_a_table_under_a_misleading_heading_whose_numbers_all_agree_is_certain():
    """Exit 0 when every cell is read and confirmed: where the table stood is no doubt about a value."""
    text, cells = markdown_of(VARIED, "narrative_heading")
    result = imported(text.replace("全年共收到政府信息公开申请，具体情况见下表。\n", ""))
    assert wrong_or_blank(result, cells) == {}
    assert result.certain and result.count_line() == "200 个单元格：200 个确定，0 个推测，0 个未读出"
    [moved] = [n for n in result.notes if "按其中的标签识别" in n.reason]
    assert moved.kind == READ and moved.reason.endswith("视为确定")


def test_table_two_under_a_misleading_heading_stays_a_guess_it_has_no_arithmetic_to_confirm_it():
    text, cells = markdown_of(VARIED, "wrapped")
    text = text.replace("## 二、主动公开政府信息情况\n", "")
    result = imported(text)
    assert wrong_or_blank(result, cells) == {}
    [moved] = [n for n in result.notes if "按其中的标签识别" in n.reason]
    assert moved.kind == GUESSED and moved.table == "sec2" and not result.certain


def test_labels_printed_apart_and_out_of_the_table_s_order_never_swap_two_rows_as_certain():
    """A converter gave （四）无法提供's labels as 1. 3. 2. and the numbers in the table's order: the totals hold
    whichever way 2. and 3. are read, so the numbers go by the table's order and both rows stay a guess."""
    cells = expected_cells(expected_for(VARIED))
    rows = grid_rows("sec3", cells)
    layout = TABLES["sec3"]
    first, second, third = (layout.value_position(f"unable_{i}", "natural_person")[0] for i in (1, 2, 3))
    labels = [["", "", rows[i][2]] for i in (first, third, second)]
    body = rows[:first] + labels + [rows[i][3:] for i in (first, second, third)] + rows[third + 1:]
    text = ("# 济源市人民政府2021年政府信息公开工作年度报告\n\n## 三、收到和处理政府信息公开申请情况\n\n"
            + "\n".join(markdown(body)) + "\n")
    result = imported(text)
    assert result.report.sec3["unable_2"]["natural_person"] == 4 and result.report.sec3["unable_3"]["total"] == 0
    guessed = {r for n in result.of_kind(GUESSED) for r, _ in n.cells}
    assert {"unable_2", "unable_3"} <= guessed and "unable_1" not in guessed
    [note] = [n for n in result.of_kind(GUESSED) if n.row == "unable_2"]
    assert "按行标签的顺序则应为 0、0、0、0、0、0、0" in note.reason
