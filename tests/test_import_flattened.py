"""A published report as text taken off its web page: markup stripped and every line break gone, the site's
chrome before and after it (tests/flattened_pages.py makes such text from TRS and Hanweb pages)."""
import random
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flattened_pages import SYSTEMS, VARIANTS, flattened_page
from material import Seed, load_seed
from model.findings import format_number
from model.importers import GUESSED, READ, UNREADABLE, import_bytes
from model.importers.last_year import settle_with_last_year
from model.layout import SEC3_APPLICANT_COLUMNS, SEC3_RESULT_ROWS, SEC4_GROUPS, SEC4_OUTCOMES, TABLES
from model.report import LastYear, Report
from model.rules import check_report
from seed_expectations import SEEDS, expected_cells, expected_for


def imported(text: str):
    return import_bytes(text.encode("utf-8"), "网页文字.txt")


def counts(result, cells) -> dict[str, int]:
    guessed = {(n.table, r, c) for n in result.of_kind(GUESSED) for r, c in n.cells}
    found = dict.fromkeys(("right", "guessed", "blank", "wrong"), 0)
    for key, value in cells.items():
        got = result.report.table(key[0])[key[1]][key[2]]
        found["blank" if got is None else "wrong" if got != value else "guessed" if key in guessed else "right"] += 1
    return found


def row_cut(cells, table: str, row: str) -> str:
    """A row's numbers as an import note lists a way to cut its digits: 10|3|78436."""
    return "|".join(format_number(cells[(table, row, c)]) for c in TABLES[table].row(row).columns)


def assert_every_doubt_named(result, cells) -> None:
    """Each cell is right, or doubted in the import report with its true value among the readings named."""
    doubted = {(n.table, r, c) for n in result.notes if n.kind != READ for r, c in n.cells}
    blank = {key for key in cells if result.report.table(key[0])[key[1]][key[2]] is None}
    for key, value in cells.items():
        got = result.report.table(key[0])[key[1]][key[2]]
        if got == value:
            continue
        assert key in doubted | blank, f"{key}: {got} imported as certain, the page says {value}"
        table, row, _ = key
        reasons = [n.reason for n in result.notes if n.kind != READ and n.table == table and n.row == row]
        assert any(row_cut(cells, table, row) in reason for reason in reasons), (key, value, reasons)


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("system", SYSTEMS)
@pytest.mark.parametrize("seed_path", SEEDS, ids=lambda p: p.stem[:3])
def test_a_flattened_page_gives_every_cell_or_names_its_readings(seed_path, system, variant):
    seed, cells = load_seed(seed_path), expected_cells(expected_for(seed_path))
    result = imported(flattened_page(seed, system, variant))
    assert (result.report.organ, result.report.year) == (seed.organ, seed.year)
    assert result.report.title_override is None  # the title, not the page's chrome around it
    found = counts(result, cells)
    assert found["wrong"] == 0 and found["right"] >= 197, found  # table 二 rows run together may stay open
    assert_every_doubt_named(result, cells)


@pytest.mark.parametrize("system", SYSTEMS)
def test_the_site_chrome_around_the_report_is_left_out_and_named_once(system):
    seed = load_seed(SEEDS[1])
    result = imported(flattened_page(seed, system, "as_served"))
    narrative = "".join(p.text for key in ("overview", "problems", "other_matters")
                        for p in getattr(result.report, key))
    for chrome in ("首页", "字体", "打印本页", "版权所有", "ICP备", "索引号"):
        assert chrome not in narrative
    assert result.report.overview[0].text.startswith("本报告中所列数据统计期限为")
    assert result.report.other_matters[-1].text == "2021年，共收取政府信息公开处理费160元。"
    chrome_notes = [n for n in result.notes if "不属于报告" in n.reason]
    assert len(chrome_notes) == 1 and chrome_notes[0].kind == READ
    assert [p.text[:3] for p in result.report.overview if p.text.startswith("（")] == ["（一）", "（二）", "（三）", "（四）",
                                                                                   "（五）"]


def test_a_row_s_words_in_a_narrative_sentence_are_not_the_row():
    seed = load_seed(SEEDS[1])
    seed.narrative["overview"].insert(0, (False, "全年共办结12件，结转下年度继续办理3件。"))
    seed.values[("sec3", "carried_out", "natural_person")] = "7"  # the row says otherwise than the sentence
    seed.values[("sec3", "carried_out", "total")] = "7"
    result = imported(flattened_page(seed, "Hanweb", "as_served"))
    assert result.report.sec3["carried_out"]["natural_person"] == 7
    assert result.report.overview[0].text.startswith("全年共办结12件，结转下年度继续办理3件。")


@pytest.mark.parametrize("variant", ("as_served", "single_spaces"))
@pytest.mark.parametrize("system", SYSTEMS)
def test_labels_misspelt_as_real_sites_print_them_are_read_as_the_expected_next_row(system, variant):
    seed_path = SEEDS[1]
    seed, cells = load_seed(seed_path), expected_cells(expected_for(seed_path))
    text = flattened_page(seed, system, variant).replace("5.属于三类内部事务信息", "5.属于三类内容事务信息")
    # the 其他 inside 不计其他情形 is no row 3.其他
    text = text.replace("（区分处理的，只计这一情形，不计其他情形）", "（区分处理的只计这一情形，不计其他情形）")
    result = imported(text)
    assert counts(result, cells)["wrong"] == 0
    assert result.report.sec3["partial"]["natural_person"] == 16 and result.report.sec3["other_3"]["total"] == 2
    assert result.report.sec3["withheld_5"]["natural_person"] == 3
    assert_every_doubt_named(result, cells)


def test_a_flattened_page_without_a_title_does_not_take_the_year_from_today():
    seed = load_seed(SEEDS[1])
    text = flattened_page(seed, "Hanweb", "as_served").replace(seed.title, "政府信息公开年报")
    result = imported(text)
    assert any(n.kind == UNREADABLE and n.table == "meta" and "暂定" in n.reason for n in result.notes)


# ---------------------------------------------------------------- random tables of realistic units
def _count(draw) -> int:
    """Most cells of a unit's tables are 0, a few in the tens, fewer in the hundreds."""
    return draw(st.sampled_from((0,) * 10 + (1, 2, 3, 5, 8, 12, 20, 36, 47, 90, 106, 240)))


@st.composite
def unit_tables(draw) -> dict[tuple[str, str, str], Decimal]:
    cells: dict[tuple[str, str, str], Decimal] = {}
    for row in TABLES["sec2"].rows:
        for column in row.columns:
            cells[("sec2", row.key, column)] = Decimal(_count(draw))
    for column in SEC3_APPLICANT_COLUMNS:
        results = {row: _count(draw) for row in SEC3_RESULT_ROWS}
        total, carried_out = sum(results.values()), _count(draw)
        carried_in = min(_count(draw), total + carried_out)
        values = {**results, "total": total, "carried_out": carried_out, "carried_in": carried_in,
                  "new": total + carried_out - carried_in}
        for row, value in values.items():
            cells[("sec3", row, column)] = Decimal(value)
    for row in TABLES["sec3"].rows:
        cells[("sec3", row.key, "total")] = sum(cells[("sec3", row.key, c)] for c in SEC3_APPLICANT_COLUMNS)
    for group, _ in SEC4_GROUPS:
        outcomes = [_count(draw) for _ in SEC4_OUTCOMES[:-1]]
        for (outcome, _), value in zip(SEC4_OUTCOMES, [*outcomes, sum(outcomes)], strict=True):
            cells[("sec4", "counts", f"{group}_{outcome}")] = Decimal(value)
    return cells


_NARRATIVE_SEED = load_seed(SEEDS[1])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cells=unit_tables(), system=st.sampled_from(sorted(SYSTEMS)), variant=st.sampled_from(VARIANTS),
       spaces=st.integers(0, 2 ** 16))
def test_a_flattened_page_of_any_realistic_unit_never_gives_a_wrong_certain_cell(cells, system, variant, spaces):
    seed = Seed("random", _NARRATIVE_SEED.organ, _NARRATIVE_SEED.year, _NARRATIVE_SEED.title,
                _NARRATIVE_SEED.narrative, {key: format_number(value) for key, value in cells.items()})
    result = imported(flattened_page(seed, system, variant, random.Random(spaces)))
    assert (result.report.organ, result.report.year) == (seed.organ, seed.year)
    assert_every_doubt_named(result, cells)


def test_lines_a_pdf_wrapped_are_joined_and_told_once_as_a_count_not_as_guesses():
    sentence = "本机关坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开，"
    text = "\n".join(["济源市人民政府2021年政府信息公开工作年度报告", "一、总体情况",
                      sentence, sentence, sentence, "持续提升政务公开质量。", "五、存在的主要问题及改进情况",
                      sentence, "加强培训。"])
    result = imported(text)
    assert result.report.overview[0].text == sentence * 3 + "持续提升政务公开质量。"
    assert result.report.problems[0].text == sentence + "加强培训。"
    [joined] = [n for n in result.notes if "折行" in n.reason]
    assert joined.kind == READ and "4 处折行" in joined.reason
    assert not [n for n in result.of_kind(GUESSED) if n.table in ("overview", "problems")]


def test_a_misprinted_row_that_can_be_cut_one_way_only_is_kept_as_printed_for_check_to_flag():
    seed = load_seed(SEEDS[1])
    seed.values[("sec3", "withheld_1", "total")] = "1"  # 0000001: the report's own misprint
    seed.values[("sec4", "counts", "review_total")] = "1"
    result = imported(flattened_page(seed, "Hanweb", "as_served"))
    assert result.report.sec3["withheld_1"]["total"] == 1 and result.report.sec4["counts"]["review_total"] == 1
    assert result.report.sec3["withheld_1"]["natural_person"] == 0
    [kept] = [n for n in result.notes if n.row == "withheld_1"]
    assert kept.kind == READ and "原报告本身的错误" in kept.reason
    flagged = {(f.rule, f.row, f.column) for f in check_report(result.report)}
    assert ("E3", "withheld_1", "total") in flagged and ("E4", "counts", "review_total") in flagged


def test_table_two_s_row_without_an_equation_is_read_by_the_figure_its_text_states():
    seed = load_seed(SEEDS[1])  # 行政规范性文件 10|378|436 runs together as 10378436: 16 cuts
    seed.narrative["overview"].append((False, "本年制发行政规范性文件10件，截至年底，现行有效行政规范性文件436件。"))
    result = imported(flattened_page(seed, "Hanweb", "as_served"))
    row = result.report.sec2["normative_documents"]
    assert (row["issued"], row["repealed"], row["in_force"]) == (10, 378, 436)
    [note] = [n for n in result.notes if n.row == "normative_documents"]
    assert note.kind == GUESSED and "现行有效行政规范性文件436件" in note.reason and "10|378|436" in note.reason
    without = imported(flattened_page(load_seed(SEEDS[1]), "Hanweb", "as_served"))
    assert without.report.sec2["normative_documents"]["in_force"] is None


def test_table_two_s_row_left_open_is_settled_by_last_year_s_figure_in_force():
    result = imported(flattened_page(load_seed(SEEDS[1]), "Hanweb", "as_served"))
    last_report = Report(year=2020)
    last_report.sec2["normative_documents"]["in_force"] = Decimal(804)  # 804 + 10 − 378 = 436
    settle_with_last_year(result, LastYear.of(last_report))
    row = result.report.sec2["normative_documents"]
    assert (row["issued"], row["repealed"], row["in_force"]) == (10, 378, 436)
    [note] = [n for n in result.notes if n.row == "normative_documents"]
    assert note.kind == GUESSED and "按2020年报告的现行有效 804 件核对" in note.reason
    assert result.cell_counts()[3] == 0  # no cell left blank


def test_last_year_s_figure_that_fits_no_reading_leaves_the_row_open():
    result = imported(flattened_page(load_seed(SEEDS[1]), "Hanweb", "as_served"))
    last_report = Report(year=2020)
    last_report.sec2["normative_documents"]["in_force"] = Decimal(7)
    settle_with_last_year(result, LastYear.of(last_report))
    assert result.report.sec2["normative_documents"]["in_force"] is None
    assert [n.kind for n in result.notes if n.row == "normative_documents"] == [UNREADABLE]
