"""Hostile report files (generated here, none committed): each ends in one sentence naming what is wrong, within a
second, and never in a traceback, a freeze or a silently guessed value."""
import json
import subprocess
import sys
import time
from decimal import Decimal

import pytest

from conftest import ROOT
from helpers import SAMPLE, sample_report
from model.fileio import ReportFileError, load_report, save_report

NEW_NATURAL_PERSON = "“三、收到和处理政府信息公开申请情况 · 一、本年新收政府信息公开申请数量 · 自然人”"


def sample_text_with_cell(number_text: str) -> str:
    """The sample report's JSON with 新收 · 自然人 written as `number_text`, exactly as in a crafted file."""
    text = SAMPLE.read_text(encoding="utf-8")
    data = json.loads(text)
    data["sec3"]["new"]["natural_person"] = 424242
    return json.dumps(data, ensure_ascii=False).replace("424242", number_text)


def refusal(tmp_path, text: str) -> str:
    path = tmp_path / "hostile.json"
    path.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(ReportFileError) as raised:
        load_report(path)
    assert time.perf_counter() - started < 1
    message = str(raised.value)
    assert "Traceback" not in message and "Error" not in message and "\n" not in message
    return message


@pytest.mark.parametrize("number_text,reason", [
    ("1e999999", "超过 99,999,999，不是合理的件数或金额"),
    ("-1e999999", "超过 99,999,999"),
    ("1e-999999", "的位数过多（最多 15 位数字）"),
    ("9" * 5000, "超过 99,999,999"),  # past Python's 4,300-digit limit for int()
    ("1" + "0" * 30, "超过 99,999,999"),
    ("100000000", "超过 99,999,999"),
    ("1.0000000000000001", "的位数过多"),
    ("NaN", "不是有限的数字"),
    ("Infinity", "不是有限的数字"),
])
def test_numbers_the_program_cannot_hold_are_refused_naming_the_cell(tmp_path, number_text, reason):
    message = refusal(tmp_path, sample_text_with_cell(number_text))
    assert f"{NEW_NATURAL_PERSON}{reason}" in message


@pytest.mark.parametrize("number_text,value", [
    ("99999999", Decimal(99999999)),
    ("-3", Decimal(-3)),  # loads, and E5 flags it where the clerk sees it
    ("2.50000000000000000000", Decimal("2.5")),
])
def test_numbers_within_the_limits_load(tmp_path, number_text, value):
    path = tmp_path / "ok.json"
    path.write_text(sample_text_with_cell(number_text), encoding="utf-8")
    assert load_report(path).sec3["new"]["natural_person"] == value


@pytest.mark.parametrize("amount", ["99999998.9999", "0.0001", "1234.5678", "0.000000000000001"])
def test_amounts_come_back_from_the_file_digit_for_digit(tmp_path, amount):
    report = sample_report()
    report.sec2["fees"]["amount"] = Decimal(amount)
    path = tmp_path / "a.json"
    save_report(report, path)
    assert str(load_report(path).sec2["fees"]["amount"]) == str(Decimal(amount))


def test_a_huge_year_is_out_of_range_not_a_crash(tmp_path):
    text = SAMPLE.read_text(encoding="utf-8").replace('"year": 2021', '"year": ' + "9" * 5000)
    assert "“年度”超出合理范围" in refusal(tmp_path, text)


@pytest.mark.parametrize("key,named", [
    ("year", "“年度”"),
    ("sec2", "“二、主动公开政府信息情况”"),
    ("sec3", "“三、收到和处理政府信息公开申请情况”"),
    ("sec4", "“四、政府信息公开行政复议、行政诉讼情况”"),
])
def test_a_file_missing_its_year_or_a_table_is_refused_not_defaulted(tmp_path, key, named):
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    del data[key]
    message = refusal(tmp_path, json.dumps(data, ensure_ascii=False))
    assert f"缺少{named}" in message and "备份" in message


@pytest.mark.parametrize("place,named", [
    (lambda data: data.__setitem__("organ", "济源\ud800市"), "“机关名称”"),
    (lambda data: data["overview"][1].__setitem__("text", "文字\udfff"), "“一、总体情况”第 2 段"),
    (lambda data: data["sec3"].__setitem__("new\ud800", {}), "“三、收到和处理政府信息公开申请情况”"),
])
def test_a_lone_surrogate_is_refused_naming_the_field(tmp_path, place, named):
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    place(data)
    message = refusal(tmp_path, json.dumps(data))  # ASCII JSON: "\ud800" as the escape a crafted file holds
    assert f"{named}含有无法保存的字符" in message


def test_a_report_holding_a_lone_surrogate_is_not_saved_and_the_file_is_untouched(tmp_path):
    path = tmp_path / "a.json"
    save_report(sample_report(), path)
    before = path.read_bytes()
    report = sample_report()
    report.problems[0].text = "半个\ud800字"
    with pytest.raises(ReportFileError, match="“五、存在的主要问题及改进情况”第 1 段含有无法保存的字符.*原文件没有改动"):
        save_report(report, path)
    assert path.read_bytes() == before


def test_a_report_holding_a_number_no_file_can_hold_is_not_saved(tmp_path):
    report = sample_report()
    report.sec3["new"]["natural_person"] = Decimal(10) ** 30
    with pytest.raises(ReportFileError, match=f"{NEW_NATURAL_PERSON}超过 99,999,999.*原文件没有改动"):
        save_report(report, tmp_path / "a.json")
    assert list(tmp_path.iterdir()) == []


def test_deeply_nested_json_is_a_sentence(tmp_path):
    text = '{"format_version": 2, "year": 2021, "sec2": {}, "sec3": {}, "sec4": {}, "x": ' + "[" * 900 + "]" * 900 + "}"
    assert "文件“hostile.json”" in refusal(tmp_path, text)


@pytest.mark.parametrize("number_text", ["1e999999", "9" * 5000])
def test_check_says_unreadable_with_exit_2(tmp_path, number_text):
    path = tmp_path / "hostile.json"
    path.write_text(sample_text_with_cell(number_text), encoding="utf-8")
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "check", str(path)], capture_output=True,
                          text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 2
    assert NEW_NATURAL_PERSON in done.stderr and "Traceback" not in done.stderr
