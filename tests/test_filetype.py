"""The report's own file type: saved as .nianbao, while .json reports open, save, import and summarise as before;
`--version` says the version in pyproject.toml."""
from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib

from gui_fixtures import SAMPLE, make_window, type_into_cell, window  # noqa: F401
from PySide6.QtWidgets import QFileDialog

from conftest import ROOT
from model.fileio import load_report
from model.summary.reading import read_reports, report_files


def run(*args):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=60)


def test_save_as_suggests_a_nianbao_name_and_a_bare_name_gets_it(qtbot, window, tmp_path, monkeypatch):  # noqa: F811
    asked = []

    def answer(parent, caption, suggested, file_filter):
        asked.append((suggested, file_filter))
        return str(tmp_path / "济源2021"), file_filter.split(";;")[0]

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    assert window.save_as()
    suggested, file_filter = asked[0]
    assert suggested.endswith("济源市人民政府2021年政府信息公开工作年度报告.nianbao")
    assert file_filter.split(";;")[0] == "年报文件 (*.nianbao *.json)"
    saved = tmp_path / "济源2021.nianbao"
    assert load_report(saved).model_dump() == window.document.report.model_dump()
    assert window.windowHandle().title() == "济源2021.nianbao - 年报编辑器"


def test_a_json_report_opens_and_saves_back_into_the_same_json(qtbot, tmp_path):
    old = tmp_path / "2021.json"
    shutil.copy(SAMPLE, old)
    editor = make_window(qtbot, tmp_path / "profile")
    assert editor.open_report(old)
    type_into_cell(qtbot, editor, "sec3", "granted", "natural_person", "90")
    assert editor.save()
    assert load_report(old).sec3["granted"]["natural_person"] == 90
    assert not list(tmp_path.glob("*.nianbao"))


def test_the_command_line_checks_a_nianbao_file_and_takes_one_as_last_years(tmp_path):
    report = tmp_path / "济源2021.nianbao"
    shutil.copy(SAMPLE, report)
    result = run("check", report, "--last", report)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("济源市人民政府2021年政府信息公开工作年度报告：")


def test_summary_reads_nianbao_and_json_reports_as_our_own_files(tmp_path):
    shutil.copy(SAMPLE, tmp_path / "甲.nianbao")
    shutil.copy(SAMPLE, tmp_path / "乙.json")
    (tmp_path / "说明.nianbao.bak").write_text("旧的")
    files = report_files(tmp_path)
    assert [p.name for p in files] == ["乙.json", "甲.nianbao"]
    read = read_reports(files, workers=1)
    assert [(r.file, r.report.organ, r.imported) for r in read] == [("乙.json", "济源市人民政府", False),
                                                                 ("甲.nianbao", "济源市人民政府", False)]


def test_version_is_the_one_in_pyproject():
    with open(ROOT / "pyproject.toml", "rb") as file:
        version = tomllib.load(file)["project"]["version"]
    result = run("--version")
    assert (result.returncode, result.stdout) == (0, f"年报编辑器 {version}\n")
