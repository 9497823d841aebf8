"""Tables whose cells ran together (a web page's or PDF's text layer): the digits are cut by the arithmetic,
every cell comes back right or is left blank with its alternatives named, never wrong and marked certain."""
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import main
from model.fileio import load_report
from model.importers import GUESSED, READ, UNREADABLE, import_bytes
from model.importers.digit_runs import row_cuts
from model.layout import SEC3_APPLICANT_COLUMNS, SEC3_RESULT_ROWS, TABLES
from seed_expectations import SEEDS, expected_cells, expected_for
from text_layer_copies import SHAPES, report_text, table_text

HEAD = "某某县人民政府2021年政府信息公开工作年度报告\n一、总体情况\n本年度工作按要求开展。\n"
TAIL = "五、存在的主要问题及改进情况\n无。\n六、其他需要报告的事项\n无。\n"


def imported(text: str):
    return import_bytes(text.encode("utf-8"), "网页复制.txt")


def cell(result, table, row, col):
    return result.report.table(table)[row][col]


def doubts(result, table, row=None):
    return [n for n in result.notes if n.kind in (GUESSED, UNREADABLE) and n.table == table
            and (row is None or n.row == row)]


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_a_seed_run_together_comes_back_right_or_blank_and_each_blank_names_the_true_cut(seed, shape):
    expected = expected_for(seed)
    cells = expected_cells(expected)
    result = imported(report_text(expected["organ"], expected["year"], cells, shape))
    wrong = {k: cell(result, *k) for k, v in cells.items() if cell(result, *k) not in (None, v)}
    assert wrong == {}
    for table, row, col in (k for k in cells if cell(result, *k) is None):
        [note] = doubts(result, table, row)
        true_cut = "|".join(str(cells[(table, row, c)]) for c in TABLES[table].row(row).columns)
        assert note.kind == UNREADABLE and true_cut in note.reason
    assert (result.report.organ, result.report.year) == (expected["organ"], expected["year"])


def test_seed_000_one_line_per_table_is_read_whole_and_certain():
    expected = expected_for(SEEDS[0])
    result = imported(report_text(expected["organ"], expected["year"], expected_cells(expected), "one_line"))
    assert result.count_line() == "200 个单元格：200 个确定，0 个推测，0 个未读出"
    assert result.certain


def sec3_text(rows: dict[str, str]) -> str:
    """Table 三 as a text layer gives it, each row's digits as given, every other row zeros."""
    cells = {("sec3", r.key, c): Decimal(0) for r in TABLES["sec3"].rows for c in r.columns}
    body = table_text("sec3", cells, "one_line")
    for row_key, digits in rows.items():
        label = TABLES["sec3"].row(row_key).label
        body = body.replace(label + "0000000", label + digits, 1)
    return f"{HEAD}三、收到和处理政府信息公开申请情况\n{body}\n{TAIL}"


def test_a_row_runs_into_the_next_rows_item_number_and_both_rows_come_apart():
    text = f"{HEAD}三、收到和处理政府信息公开申请情况\n（三）不予公开1.属于国家秘密00000002.其他法律行政法规禁止公开1000001\n{TAIL}"
    result = imported(text)
    assert list(result.report.sec3["withheld_1"].values()) == [0] * 7
    assert list(result.report.sec3["withheld_2"].values()) == [1, 0, 0, 0, 0, 0, 1]


def test_a_row_the_arithmetic_cannot_cut_is_left_blank_with_its_alternatives_named():
    # 220000022 alone: 22|0|0|0|0|0|22 or 2|20|0|0|0|0|22; nothing else in the table says which
    text = f"{HEAD}三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量220000022\n{TAIL}"
    result = imported(text)
    assert result.report.sec3["new"]["total"] == 22  # every cut agrees on it
    assert result.report.sec3["new"]["natural_person"] is None and result.report.sec3["new"]["business"] is None
    [note] = doubts(result, "sec3", "new")
    assert note.kind == UNREADABLE
    assert "22|0|0|0|0|0|22" in note.reason and "2|20|0|0|0|0|22" in note.reason
    assert note.line == "一、本年新收政府信息公开申请数量220000022"
    assert not result.certain


def test_the_rest_of_the_table_settles_a_cut_the_row_alone_leaves_open():
    # 新收 and 总计 alone could each be 22|0|…|22 or 2|20|…|22; 予以公开, printed with spaces, is 22|0|…|22,
    # and E2 (总计 = the results) then E1 (新收 + 上年结转 = 总计 + 结转下年度) leave one cut for each
    result = imported(sec3_text({"new": "220000022", "granted": "22 0 0 0 0 0 22", "total": "220000022"}))
    assert [result.report.sec3["new"][c] for c in ("natural_person", "business", "total")] == [22, 0, 22]
    assert not doubts(result, "sec3")
    assert all(v is not None for row in result.report.sec3.values() for v in row.values())


def test_table_two_runs_are_cut_where_only_one_cut_is_possible_and_named_where_several_are():
    text = (f"{HEAD}二、主动公开政府信息情况\n规章000行政规范性文件693665行政许可12行政处罚3行政强制0"
            f"行政事业性收费1.5\n{TAIL}")
    result = imported(text)
    assert list(result.report.sec2["regulations"].values()) == [0, 0, 0]
    assert result.report.sec2["licensing"]["decisions"] == 12
    assert result.report.sec2["fees"]["amount"] == Decimal("1.5")
    assert list(result.report.sec2["normative_documents"].values()) == [None] * 3
    [note] = doubts(result, "sec2", "normative_documents")
    assert "6|93|665" in note.reason and "69|3|665" in note.reason and "10 种切分" in note.reason


def test_table_four_run_is_cut_by_its_three_group_totals():
    text = (f"{HEAD}四、政府信息公开行政复议、行政诉讼情况\n行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计"
            f"未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计\n"
            f"10002120000000011\n{TAIL}")
    result = imported(text)
    assert list(result.report.sec4["counts"].values()) == [10, 0, 0, 2, 12] + [0] * 5 + [0, 0, 0, 1, 1]
    assert not doubts(result, "sec4")


def test_row_search_is_bounded_on_a_row_of_noise():
    assert row_cuts("sec3", "new", ["1" * 40]) == []  # more digits than seven cells can hold
    assert row_cuts("sec3", "new", ["12345678901234567890123"]) in ([], None)


def test_exit_0_for_a_run_together_copy_the_arithmetic_confirms_and_the_count_line_comes_first(tmp_path, capsys):
    expected = expected_for(SEEDS[0])
    source = tmp_path / "网页.txt"
    source.write_text(report_text(expected["organ"], expected["year"], expected_cells(expected), "rows"), "utf-8")
    code = main.main(["import", str(source), "-o", str(tmp_path / "out.json")])
    out = capsys.readouterr().out
    assert code == 0 and out.splitlines()[0] == "200 个单元格：200 个确定，0 个推测，0 个未读出"
    assert load_report(tmp_path / "out.json").sec3["granted"]["total"] == 2


def test_exit_3_lists_each_doubt_with_its_alternatives_and_raw_text(tmp_path, capsys):
    source = tmp_path / "网页.txt"
    source.write_text(f"{HEAD}三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量220000022\n{TAIL}",
                      "utf-8")
    code = main.main(["import", str(source), "-o", str(tmp_path / "out.json")])
    captured = capsys.readouterr()
    assert code == 3
    assert captured.out.splitlines()[0] == "200 个单元格：5 个确定，0 个推测，195 个未读出"
    assert "22|0|0|0|0|0|22" in captured.err and "原文：一、本年新收政府信息公开申请数量220000022" in captured.err


# ---------------------------------------------------------------- property: never a silent wrong cell
@st.composite
def valid_sec3(draw):
    """A table 三 whose every equation holds: results and carried-over drawn, the rest summed."""
    small = st.integers(0, 30)
    values: dict[tuple[str, str], int] = {}
    for col in SEC3_APPLICANT_COLUMNS:
        for row in SEC3_RESULT_ROWS:
            values[(row, col)] = draw(st.sampled_from([0, 0, 0])) if draw(st.booleans()) else draw(small)
        values[("total", col)] = sum(values[(r, col)] for r in SEC3_RESULT_ROWS)
        values[("carried_out", col)] = draw(small)
        values[("carried_in", col)] = draw(st.integers(0, values[("total", col)] + values[("carried_out", col)]))
        values[("new", col)] = values[("total", col)] + values[("carried_out", col)] - values[("carried_in", col)]
    for row in TABLES["sec3"].rows:
        values[(row.key, "total")] = sum(values[(row.key, c)] for c in SEC3_APPLICANT_COLUMNS)
    return {("sec3", r, c): Decimal(v) for (r, c), v in values.items()}


@settings(max_examples=15, deadline=None)
@given(valid_sec3(), st.sampled_from(SHAPES))
def test_a_random_valid_table_run_together_comes_back_right_or_names_its_doubts(cells, shape):
    body = table_text("sec3", cells, shape)
    result = imported(f"{HEAD}三、收到和处理政府信息公开申请情况\n{body}\n{TAIL}")
    for (table, row, col), value in cells.items():
        got = cell(result, table, row, col)
        assert got in (None, value), (row, col)
        if got is None:
            assert any((row, col) in n.cells for n in doubts(result, "sec3", row))
    named = {r for n in doubts(result, "sec3") for r, _ in n.cells}
    assert all(n.kind == READ for n in result.notes if n.table == "sec3" and n.row not in named)


def test_other_handling_run_together_as_one_row_keeps_its_digits_under_3_other():
    """An older template's （六）其他处理 as one row, its cells run together: 2000002 is 2|0|0|0|0|0|2 under 3.其他."""
    text = (f"{HEAD}三、收到和处理政府信息公开申请情况\n"
            f"（五）不予处理5.要求行政机关确认或重新出具已获取信息0000000（六）其他处理2000002（七）总计2000002\n{TAIL}")
    result = imported(text)
    assert list(result.report.sec3["other_3"].values()) == [2, 0, 0, 0, 0, 0, 2]
    assert all(v is None for row in ("other_1", "other_2") for v in result.report.sec3[row].values())
    [merged] = [n for n in doubts(result, "sec3", "other_3") if "印成了一行" in n.reason]
    assert merged.kind == GUESSED and merged.line == "(六)其他处理2000002"
    assert {n.row for n in doubts(result, "sec3") if "印成了一行" in n.reason} == {"other_1", "other_2", "other_3"}
