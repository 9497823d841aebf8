"""Every rule with a report that passes it and one that breaks it."""
from decimal import Decimal

import pytest

from helpers import filled_report, paragraphs, sample_report
from model.report import LastYear
from model.findings import count_by_severity
from model.rules import check_report, rule_e1, rule_e2, rule_e3, rule_e4, rule_e5, rule_w1, \
    rule_w2, rule_w3, rule_w4, rule_w5


def applications(natural_person_new=5, granted=4, carried_out=1):
    report = filled_report()
    report.sec3["new"]["natural_person"] = Decimal(natural_person_new)
    report.sec3["granted"]["natural_person"] = Decimal(granted)
    report.sec3["carried_out"]["natural_person"] = Decimal(carried_out)
    from model.totals import recompute_all
    recompute_all(report)
    return report


def test_consistent_report_has_no_findings():
    assert check_report(applications()) == []


def test_e1_flags_the_total_with_expected_and_actual():
    report = applications(natural_person_new=13, granted=11, carried_out=1)
    finding, total_column = rule_e1(report)
    assert total_column.column == "total"  # the 总计 column carries the same imbalance
    assert (finding.rule, finding.severity, finding.table, finding.row, finding.column) == \
        ("E1", "error", "sec3", "total", "natural_person")
    assert (finding.expected, finding.actual) == (12, 11)
    assert finding.message == ("三、本年度办理结果（七）总计（自然人）应为 12，实为 11："
                               "本年新收 + 上年结转（13）≠ 办结（11）+ 结转下年度（1）")  # names the cells she typed
    assert rule_e1(applications()) == []


def test_e2_flags_a_typed_total_row_that_disagrees():
    report = applications()
    report.sec3["total"]["natural_person"] = Decimal(6)  # as printed in an imported report
    findings = rule_e2(report)
    assert [(f.row, f.column, f.expected, f.actual) for f in findings] == [("total", "natural_person", 4, 6)]
    assert "（七）总计应等于（一）至（六）各项之和" in findings[0].message
    assert rule_e2(applications()) == []


def test_e3_flags_a_row_total_that_is_not_the_sum_of_applicants():
    report = applications()
    report.sec3["new"]["total"] = Decimal(7)
    [finding] = rule_e3(report)
    assert (finding.row, finding.column, finding.expected, finding.actual) == ("new", "total", 5, 7)
    assert finding.message.startswith("一、本年新收政府信息公开申请数量（总计）应为 5，实为 7")
    assert rule_e3(applications()) == []


def test_e4_checks_each_of_the_three_groups_of_table_four():
    report = filled_report()
    report.sec4["counts"].update(review_upheld=Decimal(2), review_total=Decimal(2), after_review_pending=Decimal(4))
    [finding] = rule_e4(report)
    assert (finding.column, finding.expected, finding.actual) == ("after_review_total", 4, 0)
    assert "行政诉讼·复议后起诉·总计应为 4，实为 0" in finding.message
    report.sec4["counts"]["after_review_total"] = Decimal(4)
    assert rule_e4(report) == []


@pytest.mark.parametrize("table,row,col,value,shown", [
    ("sec3", "granted", "research", "-1", "-1"),
    ("sec3", "new", "business", "2.5", "2.5"),
    ("sec2", "licensing", "decisions", "3.0001", "3.0001"),
    ("sec2", "fees", "amount", "1.23456", "1.23456"),
    ("sec2", "fees", "amount", "-0.5", "-0.5"),
])
def test_e5_refuses_negative_fractional_counts_and_fees_beyond_four_decimals(table, row, col, value, shown):
    report = filled_report()
    report.table(table)[row][col] = Decimal(value)
    [finding] = rule_e5(report)
    assert (finding.table, finding.row, finding.column, finding.actual) == (table, row, col, Decimal(value))
    assert f"“{shown}”" in finding.message


def test_e5_accepts_a_fee_with_four_decimals():
    report = filled_report({("sec2", "fees", "amount"): "4478.1715"})
    assert rule_e5(report) == []


def test_w1_compares_carried_in_with_last_years_carried_out():
    last = filled_report({("sec3", "carried_out", "business"): 2})
    report = filled_report()
    finding, total_column = rule_w1(report, LastYear.of(last))
    assert (total_column.column, total_column.expected) == ("total", 2)
    assert (finding.severity, finding.row, finding.column, finding.expected, finding.actual) == \
        ("warning", "carried_in", "business", 2, 0)
    assert "应等于2023年报告“四、结转下年度继续办理”的数字" in finding.message
    assert rule_w1(filled_report({("sec3", "carried_in", "business"): 2}), LastYear.of(last)) == []
    assert rule_w1(report, None) == []


def test_w2_checks_documents_in_force_against_last_year():
    last = filled_report({("sec2", "normative_documents", "in_force"): 190})
    report = filled_report({("sec2", "normative_documents", "issued"): 10,
                              ("sec2", "normative_documents", "repealed"): 2,
                              ("sec2", "normative_documents", "in_force"): 190})
    [finding] = rule_w2(report, LastYear.of(last))
    assert (finding.row, finding.expected, finding.actual) == ("normative_documents", 198, 190)
    assert "上年现行有效 190 件，加本年制发 10 件，减本年废止 2 件" in finding.message
    report.sec2["normative_documents"]["in_force"] = Decimal(198)
    assert rule_w2(report, LastYear.of(last)) == []


@pytest.mark.parametrize("text,flagged", [
    ("本年度未收取信息处理费。", False),
    ("发出收费通知的件数和总金额及实际收取的总金额均为0。", False),
    ("2021年，共收取政府信息公开处理费160元。", False),
    ("无", True),
    ("开发区管委会2021年行政事业性收费金额为财政局提供。", True),
])
def test_w3_wants_the_information_fee_stated_in_section_six(text, flagged):
    report = filled_report()
    report.other_matters = paragraphs(text)
    assert bool(rule_w3(report)) is flagged


def test_w4_finds_narrative_numbers_that_contradict_the_tables():
    report = sample_report()  # seed 001: the text says 0 cases, table 四 counts 4
    [finding] = rule_w4(report)
    assert (finding.table, finding.row, finding.expected, finding.actual) == ("overview", "4", 4, 0)
    assert finding.message == "一、总体情况第5段写“行政复议和行政诉讼 0 件”，而行政复议、行政诉讼总计为 4"


@pytest.mark.parametrize("sentence,table_figure", [
    ("全年收到信息公开申请件 165 件。", ("sec3", "new", "natural_person", 165)),
    ("共收到6件政府信息公开申请，并按规定程序进行了办理。", ("sec3", "new", "natural_person", 6)),
    ("转下一年度办理1件。", ("sec3", "carried_out", "natural_person", 1)),
    ("办结5件。", ("sec3", "granted", "natural_person", 5)),
    ("结转下年度继续办理 3 件。", ("sec3", "carried_out", "natural_person", 3)),
    ("2022年，我局未收到政府信息公开申请。", None),
    ("未发生因办理情况引起的行政复议和行政诉讼。", None),
    ("收到行政复议 2 件。", ("sec4", "counts", "review_upheld", 2)),
    ("本年行政事业性收费金额为 1165.5066 万元。", ("sec2", "fees", "amount", "1165.5066")),
])
def test_w4_accepts_statements_that_agree_and_flags_those_that_do_not(sentence, table_figure):
    report = filled_report()
    report.overview = paragraphs(sentence)
    if table_figure:
        table, row, col, value = table_figure
        assert rule_w4(report), sentence  # the table still says 0
        report.table(table)[row][col] = Decimal(value)
        from model.totals import recompute_all
        recompute_all(report)
    assert rule_w4(report) == []


def test_w5_flags_empty_sections_missing_organ_blank_cells_and_a_wrong_title():
    report = filled_report()
    assert rule_w5(report) == []
    report.problems = []
    report.organ = ""
    report.title_override = "某县交通运输局2022年政府信息公开工作年度报告"
    report.sec4["counts"]["review_upheld"] = None
    messages = [f.message for f in rule_w5(report)]
    assert "五、存在的主要问题及改进情况尚未填写" in messages
    assert "尚未填写机关名称" in messages
    assert "标题“某县交通运输局2022年政府信息公开工作年度报告”中没有报告年度 2023 年" in messages
    assert any(m.startswith("四、政府信息公开行政复议、行政诉讼情况有 1 个单元格未填写") for m in messages)


def test_sample_report_has_only_the_contradiction_and_the_missing_date_the_real_report_has():
    findings = check_report(sample_report())  # our copy of seed 001 ends without 成文日期
    assert count_by_severity(findings) == (0, 2)
    assert [f.rule for f in findings] == ["W4", "W13"]


def test_remembered_last_year_is_used_when_none_is_given():
    report = filled_report()
    report.last_year = LastYear.of(filled_report({("sec3", "carried_out", "natural_person"): 3}))
    assert [(f.rule, f.column) for f in check_report(report) if f.severity == "warning"] == \
        [("W1", "natural_person"), ("W1", "total")]
