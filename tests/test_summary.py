"""汇总: a county's folder of reports read, checked, compared with last year's folder and summed."""
import json
import subprocess
import sys
from decimal import Decimal

import pytest

from conftest import ROOT
from county import unit_report
from export.docx import write_docx
from export.text import text_file_bytes
from model.fileio import load_report, save_report
from model.layout import TABLES
from model.rules import check_report
from model.summary import FolderUnreadable, ImportCache, summarize_folder
from model.summary.compare import jumped
from model.summary.units import CLEAN, DUPLICATE, ERRORS, UNREADABLE, WARNINGS, WRONG_YEAR
from model.totals import recompute_all

YEAR = 2024


class County:
    """This year's folder and last year's; the reports as generated (before any misprint) by organ."""

    def __init__(self, root):
        self.folder, self.last_folder = root / "2024", root / "2023"
        self.folder.mkdir()
        self.last_folder.mkdir()
        self.reports = {}  # organ -> this year's report as meant (the sums are made of these)
        last = {}
        for seed, organ in enumerate(("县教育局", "县公安局", "县财政局", "城关镇人民政府", "县交通运输局", "县水利局"), 1):
            last[organ] = unit_report(organ, YEAR - 1, seed)
            save_report(last[organ], self.last_folder / f"{organ}.json")

        def this_year(organ, seed, **kwargs):
            self.reports[organ] = unit_report(organ, YEAR, seed, last.get(organ), **kwargs)
            return self.reports[organ].model_copy(deep=True)

        save_report(this_year("县教育局", 11), self.folder / "教育局.json")
        police = this_year("县公安局", 12, new_scale=60)  # many more applications than last year
        (self.folder / "公安局.docx").write_bytes(_docx_bytes(police))
        finance = this_year("县财政局", 13)
        (self.folder / "财政局.txt").write_bytes(text_file_bytes(finance))
        town = this_year("城关镇人民政府", 14)
        town.sec3["total"]["total"] += 5  # a misprint: 办结 总计 printed 5 too many
        save_report(town, self.folder / "城关镇.json")
        health = this_year("县卫生健康委员会", 15)
        health.problems = [p.model_copy() for p in self.reports["县教育局"].overview[1:]] + \
            [p.model_copy() for p in self.reports["县教育局"].problems]  # copied from 教育局, organ name included
        self.reports["县卫生健康委员会"] = health.model_copy(deep=True)
        save_report(health, self.folder / "卫健委.json")
        wrong_year = unit_report("县交通运输局", YEAR - 1, 16)
        save_report(wrong_year, self.folder / "交通运输局.json")
        (self.folder / "损坏.json").write_text('{"format_version": 2, "organ": ', encoding="utf-8")
        (self.folder / "~$公安局.docx").write_bytes(b"lock file of an open Word document")
        self.summed_organs = ("县教育局", "县公安局", "县财政局", "城关镇人民政府", "县卫生健康委员会")


def _docx_bytes(report):
    import io

    buffer = io.BytesIO()
    write_docx(report, buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    return County(tmp_path_factory.mktemp("county"))


@pytest.fixture
def cache(tmp_path):
    return ImportCache(tmp_path / "cache")


@pytest.fixture
def summary(county, cache):
    return summarize_folder(county.folder, county.last_folder, cache)


def by_file(summary):
    return {u.file: u for u in summary.units}


def test_every_file_is_a_row_with_its_status_and_the_lock_file_is_left_out(summary):
    units = by_file(summary)
    assert summary.year == YEAR
    assert sorted(units) == sorted(["教育局.json", "公安局.docx", "财政局.txt", "城关镇.json", "卫健委.json",
                                    "交通运输局.json", "损坏.json"])
    assert {f: (u.organ, u.year, u.status) for f, u in units.items()} == {
        "教育局.json": ("县教育局", YEAR, CLEAN),
        "公安局.docx": ("县公安局", YEAR, CLEAN),
        "财政局.txt": ("县财政局", YEAR, CLEAN),
        "城关镇.json": ("城关镇人民政府", YEAR, ERRORS),
        "卫健委.json": ("县卫生健康委员会", YEAR, CLEAN),
        "交通运输局.json": ("县交通运输局", YEAR - 1, WRONG_YEAR),
        "损坏.json": ("", None, UNREADABLE),
    }
    assert units["城关镇.json"].error_rules == ["E1", "E3"]
    assert units["交通运输局.json"].refusal == "这是2023年的报告，汇总的是2024年的报告"
    assert "已损坏或不完整" in units["损坏.json"].refusal
    assert units["公安局.docx"].read.imported and units["公安局.docx"].read.guessed_cells == 0


def test_missing_and_new_units_against_last_year(summary):
    assert summary.missing == ["县交通运输局", "县水利局"]  # 交通运输局 sent last year's report again
    assert summary.new == ["县卫生健康委员会"]
    assert by_file(summary)["教育局.json"].last_file == "县教育局.json"


def test_remarks_name_the_jump_and_the_copied_text(summary, county):
    units = by_file(summary)
    now, last = county.reports["县公安局"].sec3, load_report(county.last_folder / "县公安局.json").sec3
    assert [r.text for r in units["公安局.docx"].remarks if r.kind == "jump"] == [
        f"新收由上年 {last['new']['total']} 变为 {now['new']['total']}",
        f"办结由上年 {last['total']['total']} 变为 {now['total']['total']}"]
    copied = [r.text for r in units["卫健委.json"].remarks if r.kind == "copied"]
    assert len(copied) == 1 and copied[0].startswith("与“县教育局”有 2 句文字相同")
    assert not [r for r in units["财政局.txt"].remarks if r.kind in ("jump", "copied")]


def test_carry_over_against_the_units_own_last_report(county, cache, tmp_path):
    folder = tmp_path / "now"
    folder.mkdir()
    report = county.reports["县财政局"].model_copy(deep=True)
    report.sec3["carried_in"]["natural_person"] += 3  # 3 more than its own 2023 report carried over
    report.sec3["new"]["natural_person"] -= 3 if report.sec3["new"]["natural_person"] >= 3 else 0
    recompute_all(report)
    save_report(report, folder / "财政局.json")
    unit = summarize_folder(folder, county.last_folder, cache).units[0]
    last_total = load_report(county.last_folder / "县财政局.json").sec3["carried_out"]["total"]
    assert [r.text for r in unit.remarks if r.kind == "carry_over"] == \
        [f"上年结转 {last_total + 3} 件，上年报告结转下年度 {last_total} 件"]
    assert "W1" in {f.rule for f in unit.findings}


def test_every_summed_cell_is_the_sum_of_this_years_units_and_totals_are_recomputed(summary, county):
    summed = summary.sum()
    assert summed.included == list(_in_folder_order(summary, county.summed_organs))
    assert summed.summed_with_errors == ["城关镇人民政府"]
    assert summed.refused == ["“交通运输局.json”未计入汇总：这是2023年的报告，汇总的是2024年的报告",
                              f"“损坏.json”未计入汇总：{by_file(summary)['损坏.json'].refusal}"]
    report = summed.report
    assert report.year == YEAR and report.organ == ""
    for key, layout in TABLES.items():
        for r, c in layout.value_keys():
            expected = sum(county.reports[o].value(key, r, c) for o in county.summed_organs)
            assert report.value(key, r, c) == expected, (key, r, c)  # the misprinted total is recomputed
    assert report.sec2["fees"]["amount"] == sum(county.reports[o].sec2["fees"]["amount"]
                                                for o in county.summed_organs)
    assert all(len(report.narrative(k)) == 1 and report.narrative(k)[0].text.startswith("（待撰写：本报告的表格由 5 个单位")
               for k in ("overview", "problems", "other_matters"))


def test_contributors_of_a_summed_cell_are_the_units_with_a_figure(summary, county):
    summed = summary.sum()
    place = ("sec3", "new", "total")
    expected = [(o, county.reports[o].sec3["new"]["total"]) for o in _in_folder_order(summary, county.summed_organs)
                if county.reports[o].sec3["new"]["total"]]
    assert summed.contributors[place] == expected
    tooltip = summed.tooltip(place).splitlines()
    assert tooltip[0] == f"汇总自 {len(expected)} 个单位："
    assert tooltip[1] == f"  {expected[0][0]} {expected[0][1]}"


def test_selected_units_only(summary, county):
    summed = summary.sum({"教育局.json", "财政局.txt", "交通运输局.json"})
    assert summed.included == _in_folder_order(summary, ("县教育局", "县财政局"))
    assert summed.report.sec3["new"]["total"] == sum(county.reports[o].sec3["new"]["total"]
                                                     for o in ("县教育局", "县财政局"))
    assert len(summed.refused) == 1


def test_the_summed_draft_knows_the_same_units_sums_of_last_year_for_its_carry_over_check(summary, county):
    last = summary.sum().report.last_year
    assert last.year == YEAR - 1
    in_both = ("县教育局", "县公安局", "县财政局", "城关镇人民政府")  # not 卫健委 (new), 水利局 or 交通运输局 (missing)
    assert last.value("sec3", "carried_out", "total") == sum(load_report(county.last_folder / f"{o}.json").sec3["carried_out"]["total"]
                                            for o in in_both)
    w1 = [f for f in check_report(summary.sum().report) if f.rule == "W1"]
    assert [f.column for f in w1] == [c for c in TABLES["sec3"].row("carried_in").columns
                                      if county.reports["县卫生健康委员会"].sec3["carried_in"][c]]


def test_reopening_an_unchanged_folder_reads_imports_from_the_cache(county, tmp_path, monkeypatch):
    cache_dir = tmp_path / "cache"
    first = summarize_folder(county.folder, None, ImportCache(cache_dir))
    import model.summary.reading as reading

    def no_import(function, jobs, *args):
        raise AssertionError(f"{[path for _, (path,) in jobs]} imported again")

    monkeypatch.setattr(reading, "run_each", no_import)
    again = summarize_folder(county.folder, None, ImportCache(cache_dir))
    assert [(u.file, u.status, u.errors, u.warnings) for u in again.units] == \
        [(u.file, u.status, u.errors, u.warnings) for u in first.units]
    assert again.units[0].report == first.units[0].report


def test_a_duplicate_report_of_the_same_organ_is_counted_once(tmp_path, cache):
    for name in ("a.json", "b.json"):
        save_report(unit_report("县 教育局", YEAR, 1), tmp_path / name)  # a space of difference
    units = summarize_folder(tmp_path, None, cache).units
    assert [u.status for u in units] == [CLEAN, DUPLICATE]
    assert units[1].refusal == "与“a.json”是同一单位（机关名称相同），只计入一份"


def test_a_folder_that_cannot_be_read_is_one_sentence(tmp_path, cache):
    with pytest.raises(FolderUnreadable, match="找不到文件夹"):
        summarize_folder(tmp_path / "nowhere", None, cache)
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(FolderUnreadable, match="中没有报告文件"):
        summarize_folder(tmp_path, None, cache)


@pytest.mark.parametrize("before, now, jump", [(5, 16, True), (5, 15, False), (1, 4, False), (21, 0, True),
                                               (20, 0, False), (0, 21, True), (40, 10, True)])
def test_what_counts_as_a_jump(before, now, jump):
    assert jumped(Decimal(before), Decimal(now)) is jump


def _in_folder_order(summary, organs):
    return [u.organ for u in summary.units if u.organ in organs and u.summable]


# ---------------------------------------------------------------- the command line
def run(*args, cache_home):
    env = {**__import__("os").environ, "XDG_CACHE_HOME": str(cache_home)}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", cwd=ROOT, timeout=120, env=env)


def test_cli_json_listing_exit_1_and_the_files_written(county, tmp_path):
    out, xlsx = tmp_path / "sum.json", tmp_path / "sum.xlsx"
    result = run("summarize", county.folder, "--last", county.last_folder, "-o", out, "--xlsx", xlsx, "--json",
                 cache_home=tmp_path)
    assert result.returncode == 1, result.stderr  # 城关镇 has errors
    listing = json.loads(result.stdout)
    assert listing["year"] == YEAR
    assert listing["missing"] == ["县交通运输局", "县水利局"]
    assert listing["new"] == ["县卫生健康委员会"]
    rows = {u["file"]: u for u in listing["units"]}
    assert {k: rows["城关镇.json"][k] for k in ("organ", "year", "errors", "warnings", "guessed_cells")} == \
        {"organ": "城关镇人民政府", "year": YEAR, "errors": 2, "warnings": 0, "guessed_cells": 0}
    assert rows["损坏.json"]["year"] is None and rows["损坏.json"]["organ"] == ""
    assert "个单位计入2024年汇总" in result.stderr
    assert load_report(out).sec3["new"]["total"] == sum(county.reports[o].sec3["new"]["total"]
                                                       for o in county.summed_organs)
    from openpyxl import load_workbook

    book = load_workbook(xlsx)
    assert book.sheetnames == ["各单位", "比对", "表二汇总", "表三汇总", "表四汇总"]
    units_sheet = book["各单位"]
    assert [c.value for c in units_sheet[1]][:4] == ["文件", "机关名称", "年度", "状态"]
    assert units_sheet.max_row == 1 + 7
    sec3 = book["表三汇总"]
    assert sec3["A2"].value.startswith("（本列数据的勾稽关系为")
    assert "A2:C4" in {str(r) for r in sec3.merged_cells.ranges}
    new_row = 2 + TABLES["sec3"].value_position("new", "total")[0]
    total_col = 1 + TABLES["sec3"].value_position("new", "total")[1]
    assert sec3.cell(new_row, total_col).value == int(load_report(out).sec3["new"]["total"])


def test_cli_exit_0_when_every_unit_is_free_of_errors(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for seed, organ in enumerate(("县教育局", "县民政局")):
        save_report(unit_report(organ, YEAR, seed), folder / f"{organ}.json")
    result = run("summarize", folder, "-o", tmp_path / "sum.json", cache_home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "[无问题]　县教育局　县教育局.json　0 个错误，0 个警告", "[无问题]　县民政局　县民政局.json　0 个错误，0 个警告"]


def test_cli_exit_2_for_a_folder_that_cannot_be_read(tmp_path):
    result = run("summarize", tmp_path / "nowhere", "-o", tmp_path / "sum.json", cache_home=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == f"找不到文件夹“{tmp_path / 'nowhere'}”。"
    assert not (tmp_path / "sum.json").exists()


def test_an_unknown_command_word_is_a_usage_sentence_not_the_window(tmp_path):
    result = run("summarise", tmp_path, cache_home=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("“summarise”既不是命令，也不是已有的文件。用法：python main.py [报告文件]")
    assert "summarize" in result.stderr


def test_a_units_explained_findings_are_counted_apart_and_an_explained_error_is_still_an_error(tmp_path, cache):
    folder = tmp_path / "2024"
    folder.mkdir()
    town = unit_report("城关镇人民政府", YEAR, 14)
    town.sec3["total"]["total"] += 5  # printed so in the signed report, and explained
    town.explanations = {f.key: "与已签发的纸质报告一致" for f in check_report(town)}
    save_report(town, folder / "城关镇.json")
    save_report(unit_report("县教育局", YEAR, 11), folder / "教育局.json")
    units = by_file(summarize_folder(folder, None, cache))
    explained = len(town.explanations)
    assert explained >= 2
    assert (units["城关镇.json"].errors, units["城关镇.json"].explained, units["城关镇.json"].status) == (
        0, explained, ERRORS)
    assert (units["教育局.json"].errors, units["教育局.json"].explained, units["教育局.json"].status) == (0, 0, CLEAN)


# ---------------------------------------------------------------- the import cache
def exported_folder(root):
    """A folder as units send it: one Word file and one PDF, both exported by the editor."""
    from export.files import save_docx, save_pdf

    folder = root / "exported"
    folder.mkdir()
    audit, statistics = unit_report("县审计局", YEAR, 21), unit_report("县统计局", YEAR, 22)
    audit.sec2["fees"]["amount"] = Decimal("1.2345")  # an amount a float would not keep as typed
    save_docx(audit, folder / "审计局.docx")
    save_pdf(statistics, folder / "统计局.pdf")
    return folder, {"审计局.docx": audit, "统计局.pdf": statistics}


def test_a_folder_summarized_after_another_is_read_and_remembered_as_it_was(county, tmp_path):
    cache_dir = tmp_path / "cache"
    summarize_folder(county.folder, None, ImportCache(cache_dir))  # the cache now holds amounts read back
    folder, sent = exported_folder(tmp_path)
    summary = summarize_folder(folder, None, ImportCache(cache_dir))
    assert summary.cache_note == ""
    assert [(u.file, u.status) for u in summary.units] == [("审计局.docx", CLEAN), ("统计局.pdf", CLEAN)]
    assert {u.file: u.report for u in summary.units} == sent
    again = summarize_folder(folder, None, ImportCache(cache_dir))
    assert {u.file: u.report for u in again.units} == sent
    assert str(again.units[0].report.sec2["fees"]["amount"]) == "1.2345"


def test_cli_summarizes_a_second_folder_after_a_first(county, tmp_path):
    folder, sent = exported_folder(tmp_path)
    assert run("summarize", county.folder, "-o", tmp_path / "first.json", cache_home=tmp_path).returncode == 1
    result = run("summarize", folder, "-o", tmp_path / "second.json", cache_home=tmp_path)
    assert "Traceback" not in result.stderr
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["[无问题]　县审计局　审计局.docx　0 个错误，0 个警告",
                                          "[无问题]　县统计局　统计局.pdf　0 个错误，0 个警告"]
    assert load_report(tmp_path / "second.json").sec3["new"]["total"] == sum(
        r.sec3["new"]["total"] for r in sent.values())


def test_a_cache_that_cannot_be_read_or_written_is_a_note_and_the_summary_goes_on(county, tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    summary = summarize_folder(county.folder, None, ImportCache(blocked))
    assert len(summary.units) == 7 and by_file(summary)["公安局.docx"].status == CLEAN
    assert summary.cache_note.startswith("汇总缓存无法保存")

    damaged = tmp_path / "damaged"
    damaged.mkdir()
    (damaged / "summary-imports.json").write_bytes(b'{"signature": "\xff\x00')
    summary = summarize_folder(county.folder, None, ImportCache(damaged))
    assert by_file(summary)["公安局.docx"].status == CLEAN
    assert summary.cache_note == "汇总缓存已损坏，已重新读取各文件并重建缓存。"
    assert ImportCache(damaged).entries  # rebuilt


def test_cli_says_in_one_line_that_the_cache_could_not_be_written(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "民政局.txt").write_bytes(text_file_bytes(unit_report("县民政局", YEAR, 3)))
    (tmp_path / "nianbao-editor").write_text("not a folder", encoding="utf-8")
    result = run("summarize", folder, "-o", tmp_path / "sum.json", cache_home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert [line for line in result.stderr.splitlines() if "缓存" in line] == [
        line for line in result.stderr.splitlines() if line.startswith("汇总缓存无法保存")]
    assert any(line.startswith("汇总缓存无法保存") for line in result.stderr.splitlines())
