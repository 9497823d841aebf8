"""The report file: round trip, migration, atomic save, and damaged or foreign files."""
import json
import os
from decimal import Decimal

import pytest

from helpers import SAMPLE, sample_report
from model import fileio
from model.fileio import ReportFileError, backup_path, load_report, report_to_json, save_report
from model.report import FORMAT_VERSION


def test_save_and_load_give_back_the_same_report(tmp_path):
    report = sample_report()
    path = tmp_path / "年报.json"
    save_report(report, path)
    assert load_report(path) == report
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["sec3"]["new"]["natural_person"] == 161  # stored under the spec's keys, as plain numbers
    assert data["sec2"]["fees"]["amount"] == 4478.1715
    assert "济源市人民政府" in path.read_text(encoding="utf-8")  # readable, not escaped


def test_fee_with_four_decimals_survives_exactly(tmp_path):
    report = sample_report()
    report.sec2["fees"]["amount"] = Decimal("0.0001")
    save_report(report, tmp_path / "a.json")
    assert load_report(tmp_path / "a.json").sec2["fees"]["amount"] == Decimal("0.0001")


def test_saving_again_keeps_the_previous_file_as_backup(tmp_path):
    path = tmp_path / "a.json"
    report = sample_report()
    save_report(report, path)
    report.organ = "济源市人民政府办公室"
    save_report(report, path)
    assert load_report(backup_path(path)).organ == "济源市人民政府"
    assert load_report(path).organ == "济源市人民政府办公室"


def test_a_crash_in_the_middle_of_writing_leaves_the_old_file_whole(tmp_path, monkeypatch):
    path = tmp_path / "a.json"
    save_report(sample_report(), path)
    before = path.read_bytes()

    real_fdopen = os.fdopen

    class HalfWriter:  # the disk fills up after half the bytes
        def __init__(self, fd, mode):
            self.handle = real_fdopen(fd, mode)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            self.handle.write(data[: len(data) // 2])
            self.handle.flush()
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(fileio.os, "fdopen", HalfWriter)
    report = sample_report()
    report.organ = "被改掉的名称"
    with pytest.raises(ReportFileError, match="原文件没有改动"):
        save_report(report, path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json"]  # no temporary file left behind


def test_a_crash_before_the_rename_leaves_the_old_file_whole(tmp_path, monkeypatch):
    path = tmp_path / "a.json"
    save_report(sample_report(), path)
    before = path.read_bytes()
    monkeypatch.setattr(fileio.os, "replace", lambda *a: (_ for _ in ()).throw(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        save_report(sample_report().model_copy(update={"organ": "x"}), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_version_one_file_is_migrated(tmp_path):
    current = json.loads(SAMPLE.read_text(encoding="utf-8"))
    old = dict(current, format_version=1, title="济源市人民政府2021年政府信息公开工作年度报告")
    del old["title_override"]
    old["overview"] = "（一）主动公开方面\n\n一是市政府发布政务信息。\n二是加强目录落实。"
    old["problems"] = "存在不足。"
    path = tmp_path / "old.json"
    path.write_text(json.dumps(old, ensure_ascii=False), encoding="utf-8")
    report = load_report(path)
    assert report.format_version == FORMAT_VERSION
    assert report.title_override == "济源市人民政府2021年政府信息公开工作年度报告"
    assert [(p.heading, p.text) for p in report.overview] == [
        (True, "（一）主动公开方面"), (False, "一是市政府发布政务信息。"), (False, "二是加强目录落实。")]
    assert report.sec3["new"]["total"] == 165


def write(tmp_path, content, name="bad.json"):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def sample_with(**changes):
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    for dotted, value in changes.items():
        *parents, leaf = dotted.split("__")
        target = data
        for key in parents:
            target = target[key]
        target[leaf] = value
    return json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize("content,sentence", [
    ("", "是空的"),
    ("   \n", "是空的"),
    (SAMPLE.read_text(encoding="utf-8")[:700], "已损坏或不完整"),
    (b"\xff\xfe\x00P\x00K\x03\x04", "不是年报编辑器保存的报告文件"),
    ("[1, 2, 3]", "不是年报编辑器保存的报告文件"),
    ('{"name": "package.json of something else"}', "不是年报编辑器保存的报告文件"),
    ('{"format_version": 99}', "由更新版本的年报编辑器保存"),
    ('{"format_version": "二"}', "格式版本无法识别"),
    (sample_with(sec3__new__natural_person="一百"), "“三、收到和处理政府信息公开申请情况 · 一、本年新收政府信息公开申请数量 · 自然人”不是数字"),
    (sample_with(sec3__new__natural_person=True), "不是数字"),
    (sample_with(year="去年"), "“年度”应为整数"),
    (sample_with(sec3__bogus_row={}), "表格中没有“bogus_row”这一行"),
    (sample_with(overview=42), "“一、总体情况”"),
])
def test_damaged_or_foreign_files_give_one_sentence(tmp_path, content, sentence):
    with pytest.raises(ReportFileError) as raised:
        load_report(write(tmp_path, content))
    assert sentence in str(raised.value)
    assert "Traceback" not in str(raised.value) and "\n" not in str(raised.value)


def test_missing_file_and_folder_give_a_sentence(tmp_path):
    with pytest.raises(ReportFileError, match="找不到文件"):
        load_report(tmp_path / "nope.json")
    with pytest.raises(ReportFileError, match="是文件夹"):
        load_report(tmp_path)


def test_negative_fractional_counts_and_long_fees_load_and_are_flagged(tmp_path):
    from model.rules import check_report
    content = sample_with(sec3__granted__research=-1, sec3__new__business=2.5)
    data = json.loads(content)
    data["sec2"]["fees"]["amount"] = 4478.17151
    report = load_report(write(tmp_path, json.dumps(data)))
    flagged = {(f.rule, f.row, f.column) for f in check_report(report) if f.rule in ("E5", "W6")}
    assert flagged == {("E5", "granted", "research"), ("E5", "new", "business"), ("W6", "fees", "amount")}


@pytest.mark.parametrize("line,heading", [
    ("（一）主动公开情况", True),
    ("(二) 依申请公开方面", True),
    ("（一）在主动公开方面，全面落实国办、省政府办公厅重要工作部署", False),  # a sentence cut at the line end
    ("（一）深入推进“五公开”。按照原则公开。", False),
])
def test_sub_headings_are_told_from_sentences(line, heading):
    from model.report import looks_like_subheading
    assert looks_like_subheading(line) is heading


def test_version_two_file_keeps_last_years_figures_as_its_tables(tmp_path):
    current = json.loads(SAMPLE.read_text(encoding="utf-8"))
    old = dict(current, format_version=2)
    for key in ("unit_kind", "explanations", "fee_notice"):
        old.pop(key, None)
    old["last_year"] = {"year": 2020, "organ": "济源市人民政府",
                        "carried_out": {"natural_person": 3, "total": 3},
                        "in_force": {"regulations": 2, "normative_documents": 421}}
    path = tmp_path / "v2.json"
    path.write_text(json.dumps(old, ensure_ascii=False), encoding="utf-8")
    report = load_report(path)
    assert report.format_version == FORMAT_VERSION
    last = report.last_year
    assert (last.value("sec3", "carried_out", "natural_person"), last.value("sec2", "normative_documents", "in_force")) \
        == (3, 421)
    assert last.narrative == {} and report.explanations == {} and report.unit_kind is None
    from model.rules import check_report
    w1 = [f for f in check_report(report) if f.rule == "W1"]
    assert [(f.column, f.expected) for f in w1] == [("natural_person", 3), ("total", 3)]


def test_explanations_saved_before_figure_keys_follow_their_one_finding_or_are_dropped_with_a_note(tmp_path):
    """Version 4 keyed a finding by its paragraph: one reason for two of last year's figures in 一 greyed out both."""
    from model.carryover import new_from_last_year
    from model.findings import tally
    from model.rules import check_report
    report = new_from_last_year(sample_report(), 2022)
    report.overview[4] = report.overview[4].model_copy(update={"links": []})  # last year's figures typed in 一
    w5_key = next(f.key for f in check_report(report) if f.rule == "W5" and f.table == "sec3")
    data = json.loads(report_to_json(report))
    data["format_version"] = 4
    data["explanations"] = {"W8/overview/4/": "三个上年数字", "W8/other_matters/0/": "收费待核", w5_key: "待统计"}
    path = tmp_path / "v3.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    opened = load_report(path)
    fee = next(f for f in check_report(opened) if f.table == "other_matters")
    assert opened.explanations == {fee.key: "收费待核", w5_key: "待统计"}
    assert opened.opening_notes == ["原先说明的原因“三个上年数字”有 3 条检查结果，无法确定属于哪一条，已删除，请重新说明"]
    assert tally(check_report(opened), opened.explanations).explained == 2
