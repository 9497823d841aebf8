"""The review rules (W6–W13 and W4's wider reading) on the published seeds: unchanged, where a rule stays
silent unless the seed really has the mistake, and with one mistake planted, where it is caught in the section
and paragraph where it stands."""
import datetime as dt
from decimal import Decimal
from functools import lru_cache

import pytest

from model.carryover import new_from_last_year
from model.importers import import_file
from model.report import LastYear, Paragraph, Report
from model.rules import check_report, rule_e5, rule_w3, rule_w4, rule_w12
from model.text_rules import deadline_sentence, due_date, rule_w7, rule_w8, rule_w9, rule_w10, rule_w11, rule_w13
from model.totals import recompute_all
from seed_expectations import SEEDS

REVIEW_RULES = {"W6", "W7", "W8", "W9", "W10", "W11", "W12", "W13"}


@lru_cache(maxsize=None)
def _imported(index: int) -> Report:
    return import_file(SEEDS[index]).report


def seed(index: int) -> Report:
    """Seed 000 … 004 as imported, a fresh copy for each test to plant its mistake in."""
    return _imported(index).model_copy(deep=True)


def plant(report: Report, key: str, old: str, new: str) -> int:
    """Replace `old` by `new` in the first paragraph of section `key` holding it; that paragraph's index."""
    for index, paragraph in enumerate(report.narrative(key)):
        if old in paragraph.text:
            paragraph.text = paragraph.text.replace(old, new, 1)
            return index
    raise AssertionError(f"“{old}” is not in {key}")


def located(findings, rule):
    return [(f.table, f.row) for f in findings if f.rule == rule]


# ---------------------------------------------------------------- honest reports
# what the seeds really lack: none has 成文日期 in our text copy, 003 says nothing on the fee, 001 says
# “行政复议和行政诉讼 0 件” while its table 四 counts 4
REALLY_WRONG = {0: {"W13"}, 1: {"W4", "W13"}, 2: {"W13"}, 3: {"W3", "W13"}, 4: {"W13"}}


@pytest.mark.parametrize("index", range(5))
def test_an_unchanged_seed_raises_only_the_mistakes_it_really_has(index):
    findings = check_report(seed(index))
    assert {f.rule for f in findings} == REALLY_WRONG[index]
    assert [f.message for f in findings if f.rule == "W13"] == ["尚未填写成文日期：报告末尾应有发文机关署名和成文日期"]


@pytest.mark.parametrize("index", range(5))
def test_an_unchanged_seed_dated_in_time_has_no_review_finding(index):
    report = seed(index)
    report.published = dt.date(report.year + 1, 1, 20)
    assert {f.rule for f in check_report(report)} & REVIEW_RULES == set()


def test_receiving_counted_with_last_years_carried_applications_is_consistent():
    report = seed(1)  # 165 new, 3 carried in… as the table says; the text counts them together
    new, carried = report.sec3["new"]["total"], report.sec3["carried_in"]["total"]
    index = plant(report, "overview", "全年收到信息公开申请件 165 件", f"全年受理政府信息公开申请 {new + carried} 件")
    assert rule_w4(report) == rule_w4(seed(1))  # only the seed's own 复议 sentence
    plant(report, "overview", f"受理政府信息公开申请 {new + carried} 件", f"受理政府信息公开申请 {new + carried + 5} 件")
    [*_, added] = rule_w4(report)
    assert added.message == (f"一、总体情况第{index + 1}段写“受理政府信息公开申请 {new + carried + 5} 件”，而本年新收申请总计为 {new}"
                             f"（新收与上年结转合计为 {new + carried}）")


def test_a_fee_with_more_decimals_than_four_is_a_warning_offering_the_rounded_amount():
    report = seed(1)
    report.sec2["fees"]["amount"] = Decimal("4478.171549")
    [finding] = rule_e5(report)
    assert (finding.rule, finding.severity, finding.expected) == ("W6", "warning", Decimal("4478.1715"))
    assert finding.message == "表二行政事业性收费本年收费金额（单位：万元）“4478.171549”超过4位小数，应四舍五入为 4478.1715"
    report.sec2["fees"]["amount"] = Decimal("-1")
    assert [(f.rule, f.severity) for f in rule_e5(report)] == [("E5", "error")]


# ---------------------------------------------------------------- copied from last year
def test_a_draft_carried_over_unchanged_repeats_last_years_text_section_by_section():
    last = seed(4)
    report = new_from_last_year(last, 2022)
    findings = rule_w7(report, report.last_year)
    sections = [(f.table, f.actual) for f in findings if f.severity == "warning"]
    assert sections == [("overview", "100%"), ("problems", "100%"), ("other_matters", "100%")]
    notes = [f for f in findings if f.severity == "note"]
    assert len(notes) == 13 + 7 + 2  # every sentence long enough to count, each marked where it stands
    assert notes[0].message == "一、总体情况第2段“2022年，驻马店经济开发区管委会按…”与2021年报告相同"
    # 六's “2021年度开发区管委会未收取信息处理费。” is a standard sentence: not counted
    assert all("信息处理费" not in n.message for n in notes)


def test_a_section_rewritten_past_half_is_no_longer_flagged():
    last = seed(4)
    report = new_from_last_year(last, 2022)
    report.problems = [Paragraph(text=t) for t in (
        "本年度政务公开工作中，部分栏目更新不够及时，政策解读形式较为单一，基层公开事项目录还需细化。",
        "下一步将建立栏目更新台账，每月通报，推广图解、视频等解读形式，会同各乡办梳理基层公开事项。",
        "同时加强政务公开队伍培训，全年组织专题培训不少于两次，提升工作人员业务能力和保密审查水平。",
        *(p.text for p in last.problems[:1]),  # one paragraph of three sentences kept: 3 of 6, not above half
    )]
    assert [f for f in rule_w7(report, report.last_year) if f.table == "problems"] == []


def test_nearly_identical_sentences_count_as_copied():
    last = seed(0)
    report = seed(0)
    report.year = 2022
    plant(report, "overview", "积极配合市政府调整优化全市政府信息公开平台", "积极配合市政府调整优化全市政务公开平台")
    plant(report, "overview", "提高栏目设置的准确性和群众查询的便捷性", "提高栏目设置的准确性与群众查询的便捷性")
    verdicts = {f.message.rsplit("报告", 1)[1] for f in rule_w7(report, LastYear.of(last)) if f.severity == "note"}
    assert verdicts == {"相同", "几乎相同"}


def test_no_copy_check_without_last_years_text():
    report = new_from_last_year(seed(4), 2022)
    report.last_year = LastYear(year=2021)  # an older file remembered only last year's figures
    assert rule_w7(report, report.last_year) == []


# ---------------------------------------------------------------- last year's year and figures
@pytest.mark.parametrize("old,new", [
    ("2022年，我局在郑州市政务公开网公开各类信息16条", "2021年，我局在郑州市政务公开网公开各类信息16条"),
    ("2022年，我局未收到政府信息公开申请。", "截至2021年底，我局未收到政府信息公开申请。"),
])
def test_last_years_year_used_as_the_current_year_is_flagged_where_it_stands(old, new):
    report = seed(2)  # a 2022 report
    index = plant(report, "overview", old, new)
    [finding] = rule_w8(report)
    assert (finding.table, finding.row, finding.expected, finding.actual) == ("overview", str(index), "2022", "2021")
    assert finding.message.endswith("写的是2021年，本报告是2022年度的，应改为2022年")


def test_years_that_are_not_the_current_year_stay_silent():
    report = seed(2)
    report.overview.append(Paragraph(text="2019年以来，我局持续推进政务公开标准化建设；与2021年相比，公开信息数量有所增加。"))
    report.overview.append(Paragraph(text="2023年，我局将进一步加强政务公开工作。"))
    assert rule_w8(report) == []


def test_last_years_figure_left_in_a_sentence_is_named_as_such():
    last = seed(4)  # 2021: 6 applications received, 5 concluded, 1 carried over
    report = new_from_last_year(last, 2022)
    report.sec3["new"]["natural_person"] = Decimal(9)
    report.sec3["granted"]["natural_person"] = Decimal(10)
    recompute_all(report)
    assert [f for f in rule_w4(report, report.last_year) if f.table == "overview"] == []  # carried figures are links
    for paragraph in report.overview:  # the clerk's own figures, typed as last year's text had them
        paragraph.links = []
    stale = [f for f in rule_w4(report, report.last_year) if f.rule == "W8"]
    assert [f.message for f in stale][:2] == [
        "一、总体情况第4段写“转下一年度办理1件”，这是2021年报告的数字，本年度结转下年度继续办理总计为 0",
        "一、总体情况第4段写“收到6件政府信息公开申请”，这是2021年报告的数字，本年度本年新收申请总计为 9"]


# ---------------------------------------------------------------- placeholders
@pytest.mark.parametrize("old,new,shown", [
    ("门户网站上主动公开信息89条", "门户网站上主动公开信息  条", "信息  条"),
    ("全年我局接到依申请公开件2件", "全年我局接到依申请公开件，共　件", "共  件"),
    ("平顶山市政务服务和大数据管理局门户网站", "XX局门户网站", "XX"),
    ("局官方微信公众号", "××局官方微信公众号", "××"),
    ("关注用户达到442人次", "关注用户达到（待填）人次", "（待填）"),
    ("主要涉及通知公告", "主要涉及【】", "【】"),
    ("主要涉及通知公告", "主要涉及某某公告", "某某"),
    ("官方微信公众号发布信息88条", "官方微信公众号发布文件   条", "件  条"),
])
def test_placeholders_are_flagged_in_their_paragraph(old, new, shown):
    report = seed(0)
    index = plant(report, "overview", old, new)
    [finding] = rule_w9(report)
    assert (finding.table, finding.row, finding.actual) == ("overview", str(index), shown)
    assert f"有未替换的占位符或空缺的数字“{shown}”" in finding.message


# ---------------------------------------------------------------- title, 统计期限, basis
def test_a_title_of_another_year_or_form_and_a_statistical_period_of_another_year():
    report = seed(1)
    report.title_override = "济源市人民政府2020年政府信息公开工作年度报告"
    assert "标题“济源市人民政府2020年政府信息公开工作年度报告”中没有报告年度 2021 年" in \
        [f.message for f in check_report(report)]
    report.title_override = "济源市人民政府2021年政务公开工作报告"
    [title] = rule_w10(report)
    assert title.message == "标题“济源市人民政府2021年政务公开工作报告”应为“机关名称＋2021年＋政府信息公开工作年度报告”"
    report.title_override = None
    index = plant(report, "overview", "统计期限为 2021 年 1 月 1 日", "统计期限为 2020 年 1 月 1 日")
    [period] = rule_w10(report)
    assert (period.table, period.row, period.actual) == ("overview", str(index), "2020")
    assert period.message.endswith("统计期限写的是2020年，应为2021年1月1日至12月31日")


@pytest.mark.parametrize("old,new,what", [
    ("按照《中华人民共和国政府信息公开条例》要求", "按照《中华人民共和国政府信息公开条例》（国务院令第492号）要求",
     "2007年的条例（国务院令第492号）"),
    ("按照《中华人民共和国政府信息公开条例》要求", "按照2007年公布的《中华人民共和国政府信息公开条例》要求", "2007年的条例"),
    ("按照《中华人民共和国政府信息公开条例》要求",
     "按照《中华人民共和国政府信息公开工作年度报告格式（试行）》要求", "2019年的试行格式（国办公开办函〔2019〕60号）"),
])
def test_a_repealed_basis_is_flagged_with_what_to_cite_instead(old, new, what):
    report = seed(4)
    index = plant(report, "overview", old, new)
    [finding] = rule_w11(report)
    assert (finding.table, finding.row) == ("overview", str(index))
    assert f"引用了已废止的{what}，应改为" in finding.message


def test_the_2019_format_was_current_for_reports_on_2019_and_2020():
    report = seed(4)
    plant(report, "overview", "按照《中华人民共和国政府信息公开条例》要求",
          "按照《中华人民共和国政府信息公开工作年度报告格式（试行）》要求")
    report.year = 2020
    assert rule_w11(report) == []


@pytest.mark.parametrize("text", [
    "依据《中华人民共和国政府信息公开  条例》规定，保护  个人隐私，推进重点  项目信息公开。",  # a PDF copy's gaps
    "发布政务信息 42000 余条。",
])
def test_gaps_a_pdf_copy_leaves_between_words_are_no_placeholders(text):
    report = seed(4)
    report.overview.append(Paragraph(text=text))
    assert rule_w9(report) == []


# ---------------------------------------------------------------- narrative against the tables
@pytest.mark.parametrize("sentence,subject", [
    ("本年度制发行政规范性文件 90 件。", "表二行政规范性文件本年制发件数为 103"),
    ("废止行政规范性文件 70 件。", "表二行政规范性文件本年废止件数为 78"),
    ("行政规范性文件废止 70 件。", "表二行政规范性文件本年废止件数为 78"),
    ("本年度制定政府规章 2 件。", "表二规章本年制发件数为 0"),
    ("现行有效的行政规范性文件 400 件。", "表二行政规范性文件现行有效件数为 436"),
    ("全年作出行政许可决定 9000 件。", "表二行政许可本年处理决定数量为 9895"),
    ("作出行政处罚决定 5300 件。", "表二行政处罚本年处理决定数量为 5309"),
    ("全年办结申请 150 件。", "本年办理结果总计为 163"),
])
def test_figures_of_the_text_against_tables_two_and_three(sentence, subject):
    report = seed(1)
    report.overview.append(Paragraph(text=sentence))
    [*_, finding] = rule_w4(report)
    assert finding.row == str(len(report.overview) - 1)
    assert finding.message.endswith(subject)


def test_rules_and_regulations_in_general_are_not_table_twos_rules():
    report = seed(1)
    report.overview.append(Paragraph(text="修订内部规章制度 3 件，制定工作细则 2 件。"))
    assert rule_w4(report) == rule_w4(seed(1))


def test_figures_that_agree_with_tables_two_and_three_stay_silent():
    report = seed(1)
    report.overview.append(Paragraph(text="本年度制发行政规范性文件 103 件，废止 78 件，现行有效行政规范性文件 436 件；"
                                          "作出行政许可决定 9895 件，行政处罚决定 5309 件。"))
    assert rule_w4(report) == rule_w4(seed(1))


# ---------------------------------------------------------------- fee statement, all zeros
def test_section_six_without_a_fee_statement_is_flagged():
    assert [f.table for f in rule_w3(seed(3))] == ["other_matters"]  # seed 003 writes only “无”
    report = seed(3)
    report.other_matters = [Paragraph(text="本年度未发出收费通知，未收取信息处理费。")]
    assert rule_w3(report) == []


def test_all_zero_tables_while_the_text_counts_applications():
    report = seed(4)  # 6 applications in the text
    for row in report.sec3.values():
        for col in row:
            row[col] = Decimal(0)
    [finding] = rule_w12(report)
    assert (finding.rule, finding.severity, finding.table) == ("W12", "warning", "sec3")
    assert finding.message == "正文写了收到政府信息公开申请的件数，三、收到和处理政府信息公开申请情况却全为0，请填写表格或改正正文"


def test_all_zero_tables_without_a_word_on_applications_ask_to_confirm():
    report = seed(2)  # all zero, and the text says 未收到
    assert rule_w12(report) == []
    plant(report, "overview", "2022年，我局未收到政府信息公开申请。", "")
    plant(report, "overview", "2022年，我局未收到政府信息公开行政复议、行政诉讼的情况。", "")
    [finding] = rule_w12(report)
    assert (finding.severity, finding.table) == ("note", "sec3")


# ---------------------------------------------------------------- 成文日期 and the deadline
@pytest.mark.parametrize("organ,kind,published,late", [
    ("平顶山市政务服务和大数据管理局", None, dt.date(2022, 1, 28), False),
    ("平顶山市政务服务和大数据管理局", None, dt.date(2022, 2, 15), True),
    ("平顶山市政务服务和大数据管理局", "government", dt.date(2022, 2, 15), False),
    ("济源市人民政府", None, dt.date(2022, 3, 30), False),
    ("济源市人民政府", None, dt.date(2022, 4, 2), True),
    ("济源市人民政府", "department", dt.date(2022, 3, 30), True),
])
def test_a_date_after_the_deadline_of_the_units_kind_is_flagged(organ, kind, published, late):
    report = Report(organ=organ, year=2021, unit_kind=kind, published=published)
    findings = rule_w13(report)
    assert bool(findings) is late
    if late:
        assert findings[0].message.startswith(f"成文日期{published.year}年{published.month}月{published.day}日晚于")


def test_a_date_left_from_last_year_and_the_days_left():
    report = Report(organ="济源市人民政府", year=2022, published=dt.date(2022, 3, 20))
    [finding] = rule_w13(report)
    assert "可能是上年报告的日期" in finding.message
    assert due_date(report) == dt.date(2023, 3, 31)
    report.published = None
    assert deadline_sentence(report, dt.date(2023, 3, 1)) == "人民政府应于2023年3月31日前发布，还有 30 天"
    report.unit_kind = "department"
    assert deadline_sentence(report, dt.date(2023, 2, 3)) == "部门应于2023年1月31日前发布，已过 3 天"
    assert deadline_sentence(report, dt.date(2027, 11, 3)) == "部门应于2023年1月31日前发布"  # a year long past
    report.published = dt.date(2023, 2, 3)
    assert deadline_sentence(report, dt.date(2023, 5, 1)) == "部门应于2023年1月31日前发布，成文日期晚了 3 天"
    report.published = dt.date(2023, 1, 30)
    assert deadline_sentence(report, dt.date(2023, 5, 1)) == "部门应于2023年1月31日前发布，成文日期在时限内"


# ---------------------------------------------------------------- any text at all
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = st.sampled_from(["2020年，", "我局", "共", "  ", "件", "条", "。", "；", "XX", "【", "】", "收到申请", "12",
                           "行政复议", "办结", "统计期限为", "国务院令第492号", "处理费", "\n", "（待填）", "规章", "废止"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.one_of(_PIECES, st.text(max_size=6)), max_size=12).map("".join), max_size=6),
       st.integers(2000, 2100))
def test_any_text_gives_findings_that_point_at_real_paragraphs(texts, year):
    from model.findings import RULE_INFO
    report = seed(2)
    report.year = year
    report.overview = [Paragraph(text=t) for t in texts]
    last = LastYear.of(seed(2))
    for finding in check_report(report, last):
        assert finding.rule in RULE_INFO and finding.message
        if finding.table == "overview" and finding.row is not None:
            assert int(finding.row) < len(texts)


@pytest.mark.parametrize("index", range(5))
def test_web_pages_of_the_seeds_as_content_systems_write_them_raise_no_review_finding(index):
    from material import hanweb_page, load_seed, trs_page, word_web_page
    from model.importers import import_bytes
    material = load_seed(SEEDS[index])
    for name, page in (("trs.html", trs_page(material)), ("hanweb.html", hanweb_page(material)),
                       ("word.htm", word_web_page(material))):
        report = import_bytes(page, name).report
        found = [f.message for f in check_report(report) if f.rule in REVIEW_RULES - {"W13"}]
        assert found == [], name
