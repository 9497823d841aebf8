"""Next year's report from last year's: what is kept, what is cleared, what is checked."""
from decimal import Decimal

from export.text import report_text
from helpers import sample_report
from model.findings import count_by_severity, tally
from model.totals import recompute_all
from model.carryover import new_from_last_year, shift_years, stale_figures
from model.report import LastYear
from model.rules import check_report
from model.text_rules import last_year_index, rule_w7, sentences


def test_next_year_starts_from_last_years_carried_out_and_documents_in_force():
    last = sample_report()
    report = new_from_last_year(last, 2022)
    assert (report.organ, report.year, report.title) == ("济源市人民政府", 2022, "济源市人民政府2022年政府信息公开工作年度报告")
    assert report.sec3["carried_in"]["natural_person"] == 3
    assert report.sec3["carried_in"]["total"] == 3
    assert report.sec2["normative_documents"]["in_force"] == 436
    assert report.sec2["normative_documents"]["issued"] is None
    assert report.sec3["new"]["natural_person"] is None
    assert report.sec4["counts"]["after_review_pending"] is None
    assert report.last_year.year == 2021 and report.last_year.value("sec3", "carried_out", "natural_person") == 3


def test_narrative_is_kept_as_a_draft_with_the_report_year_moved_on():
    report = new_from_last_year(sample_report(), 2022)
    assert [p.heading for p in report.overview] == [p.heading for p in sample_report().overview]
    assert report.overview[0].text.startswith("本报告中所列数据统计期限为 2022 年 1 月 1 日")
    assert report.problems[0].text.startswith("2022年，济源信息公开工作取得一定成效")
    assert "2023年，将进一步做好以下工作" in report.problems[0].text



def test_last_years_fee_keeps_its_year_and_is_flagged():
    """A year is moved on only in a sentence that states no figure: 160元 was last year's fee, not this year's."""
    report = new_from_last_year(sample_report(), 2022)
    assert report.other_matters[0].text == "2021年，共收取政府信息公开处理费160元。"
    w8 = [f for f in check_report(report) if f.table == "other_matters"]
    assert [(f.rule, f.severity, f.actual) for f in w8] == [("W8", "warning", "2021")]
    assert "2022年，共收取" not in report_text(report)
    assert "2021年，共收取政府信息公开处理费160元" in report_text(report)


def test_a_fresh_draft_shows_no_error_until_she_types():
    """上年结转 is filled and the rest blank: blank is not yet filled, not 0."""
    report = new_from_last_year(sample_report(), 2022)
    assert count_by_severity(check_report(report))[0] == 0
    report.sec3["new"]["natural_person"] = Decimal(5)
    recompute_all(report)
    assert count_by_severity(check_report(report))[0] == 0  # one row typed: the others are still blank
    for key in ("sec3", "sec4"):
        for row in report.table(key).values():
            row.update({col: Decimal(0) for col, value in row.items() if value is None})
    report.sec3["carried_out"]["natural_person"] = Decimal(3)
    recompute_all(report)
    errors = [f for f in check_report(report) if f.severity == "error"]
    assert [(f.rule, f.column, f.expected, f.actual) for f in errors] == [
        ("E1", "natural_person", 5, 0), ("E1", "total", 5, 0)]


def typed_figures(report, key: str, index: int) -> None:
    """The paragraph as a clerk typed it, its figures plain text (not linked to the tables)."""
    paragraphs = report.narrative(key)
    paragraphs[index] = paragraphs[index].model_copy(update={"links": []})


def test_last_years_figures_in_one_sentence_are_findings_explained_apart():
    report = new_from_last_year(sample_report(), 2022)
    typed_figures(report, "overview", 4)  # 收到申请 165 件，结转下年度 3 件，办结率 98.2%
    w8 = [f for f in check_report(report) if f.rule == "W8" and f.table == "overview"]
    assert len(w8) == 3 and len({f.key for f in w8}) == 3
    before = tally(check_report(report), report.explanations)
    report.explanations[w8[0].key] = "上年数字，待本年数据填好后改写"
    tally_ = tally(check_report(report), report.explanations)
    assert (tally_.explained, tally_.warnings) == (1, before.warnings - 1)  # the other two still count
    assert "另有 1 条已说明原因" in tally_.sentence()


def test_years_that_are_not_the_report_year_stay():
    assert shift_years("国办函〔2020〕109号；2019年底；2021 年", 2021, 2022) == "国办函〔2020〕109号；2019年底；2022 年"


def test_the_new_report_is_checked_against_last_year():
    report = new_from_last_year(sample_report(), 2022)
    assert not [f for f in check_report(report) if f.rule in ("W1", "W2")]
    report.sec3["carried_in"]["natural_person"] = Decimal(0)
    w1 = [f for f in check_report(report) if f.rule == "W1"]
    assert [(f.column, f.expected, f.actual) for f in w1][0] == ("natural_person", 3, 0)


def carried(report, text):
    """The sentences of a paragraph still last year's text, with last year's figures and years inside them."""
    return [(text[slice(*c.span)], [text[a:b] for a, b in c.stale])
            for c in last_year_index(report.last_year, report.year).carried_sentences(text)]


def test_the_sentences_still_last_years_are_known_until_edited():
    report = new_from_last_year(sample_report(), 2022)
    assert carried(report, report.other_matters[0].text) == [("2021年，共收取政府信息公开处理费160元。", ["2021", "160"])]
    assert all(carried(report, p.text) for p in report.problems)
    assert not any(carried(report, p.text) for p in report.overview if p.heading)  # last year's body text only
    assert carried(report, "2022年，未收取政府信息公开处理费。") == []


def test_changing_one_figure_ends_that_sentence_being_carried_not_its_copied_wording():
    report = new_from_last_year(sample_report(), 2022)
    paragraph = report.overview[2]
    assert carried(report, paragraph.text)[0][1][:3] == ["42000", "94", "25"]
    paragraph.text = paragraph.text.replace("42000", "45100")
    still = carried(report, paragraph.text)
    assert [sentence for sentence, _ in still] == [s for s in sentences(paragraph.text) if not s.startswith("一是")]
    assert "45100" not in [figure for _, figures in still for figure in figures]
    copied = [(f.row, f.column, f.message[-4:]) for f in rule_w7(report, report.last_year) if f.severity == "note"]
    assert ("2", "0", "报告相同") in copied  # the wording is still last year's


def test_a_report_linked_to_last_year_knows_the_text_it_repeats():
    last = sample_report()
    this_year = sample_report()
    this_year.year = 2022
    assert last_year_index(this_year.last_year, this_year.year) is None  # last year unknown
    this_year.last_year = LastYear.of(last)
    text = this_year.other_matters[0].text
    assert carried(this_year, text) == [(text, ["2021", "160"])]  # the same sentence, its year not even moved


def test_last_years_figures_in_a_carried_sentence_are_found_not_this_years_dates():
    text = "统计期限为 2022 年 1 月 1 日至 12 月 31 日。2022年，共收取处理费160元，2020年以来发布 42000 余条，98.2%。2023年计划"
    assert [text[a:b] for a, b in stale_figures(text, 2022)] == ["160", "2020", "42000", "98.2"]
