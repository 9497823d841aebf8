"""The headless command line: exit codes and what it prints."""
import json
import subprocess
import sys
from decimal import Decimal

import pytest

from conftest import ROOT
from helpers import SAMPLE, filled_report
from model.fileio import load_report, save_report
from model.totals import recompute_all


def run(*args):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=60)


def test_check_prints_the_findings_the_sample_deserves():
    result = run("check", SAMPLE)
    assert result.returncode == 0  # warnings only
    assert result.stdout.splitlines() == [
        "济源市人民政府2021年政府信息公开工作年度报告：0 个错误，2 个警告",
        "[W4 警告] 一、总体情况第5段写“行政复议和行政诉讼 0 件”，而行政复议、行政诉讼总计为 4",
        "[W13 警告] 尚未填写成文日期：报告末尾应有发文机关署名和成文日期",
    ]


def test_check_json_lists_findings_with_their_fields_and_exits_1_on_errors(tmp_path):
    report = filled_report()
    report.sec3["new"]["natural_person"] = Decimal(2)  # received but never handled
    recompute_all(report)
    save_report(report, tmp_path / "r.json")
    result = run("check", tmp_path / "r.json", "--json")
    assert result.returncode == 1
    findings = json.loads(result.stdout)
    assert {"rule", "severity", "table", "row", "column", "place", "expected", "actual", "message", "key",
            "explanation"} == set(findings[0])
    first = findings[0]
    assert (first["rule"], first["table"], first["row"], first["column"], first["expected"], first["actual"]) == \
        ("E1", "sec3", "total", "natural_person", "2", "0")


def test_check_with_last_year_warns_about_carry_over(tmp_path):
    last = filled_report()
    last.sec3["carried_out"]["research"] = Decimal(1)
    recompute_all(last)
    save_report(last, tmp_path / "last.json")
    save_report(filled_report(), tmp_path / "this.json")
    result = run("check", tmp_path / "this.json", "--last", tmp_path / "last.json", "--json")
    assert result.returncode == 0
    warnings = [(f["rule"], f["column"]) for f in json.loads(result.stdout) if f["severity"] == "warning"]
    assert warnings == [("W1", "research"), ("W1", "total")]


@pytest.mark.parametrize("content", ["", '{"format_version": 2, "sec3": {"new": {"natural_person": "x"}}}', "{"])
def test_check_exits_2_with_a_sentence_for_unreadable_files(tmp_path, content):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    result = run("check", path)
    assert result.returncode == 2
    assert result.stdout == "" and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr and "bad.json" in result.stderr


def test_new_from_writes_next_years_report(tmp_path):
    out = tmp_path / "2022.json"
    result = run("new-from", SAMPLE, "--year", 2022, "-o", out)
    assert result.returncode == 0, result.stderr
    report = load_report(out)
    assert report.year == 2022 and report.sec3["carried_in"]["natural_person"] == 3


def test_new_from_an_unreadable_file_exits_2(tmp_path):
    result = run("new-from", tmp_path / "missing.json", "--year", 2022, "-o", tmp_path / "x.json")
    assert result.returncode == 2 and "找不到文件" in result.stderr


def test_check_last_reads_a_published_report_and_runs_the_year_over_year_rules(tmp_path):
    from model.carryover import new_from_last_year
    from model.importers import import_file
    from seed_expectations import SEEDS
    seed = SEEDS[4]  # 驻马店经济开发区管委会 2021, as copied from the website
    draft = new_from_last_year(import_file(seed).report, 2022)
    draft.last_year = None  # known only through --last
    for paragraph in draft.overview:  # figures typed by hand, not the links carry-over makes
        paragraph.links = []
    save_report(draft, tmp_path / "2022.json")
    alone = json.loads(run("check", tmp_path / "2022.json", "--json").stdout)
    assert not any(f["rule"] == "W7" for f in alone)
    result = run("check", tmp_path / "2022.json", "--last", seed, "--json")
    findings = json.loads(result.stdout)
    copied = [f for f in findings if f["rule"] == "W7" and f["severity"] == "warning"]
    assert [f["table"] for f in copied] == ["overview", "problems", "other_matters"]
    assert copied[0]["key"] == "W7/overview//" and copied[0]["explanation"] is None
    assert any(f["rule"] == "W8" and "这是2021年报告的数字" in f["message"] for f in findings)


def test_check_last_that_cannot_be_read_says_why(tmp_path):
    save_report(filled_report(), tmp_path / "this.json")
    (tmp_path / "last.txt").write_text("这不是年报。", encoding="utf-8")
    result = run("check", tmp_path / "this.json", "--last", tmp_path / "last.txt")
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
