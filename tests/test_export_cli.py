"""`python main.py export`: files written, exit codes and sentences."""
import datetime
import os
import subprocess
import sys
from decimal import Decimal

from docx import Document
from pypdf import PdfReader

from conftest import ROOT
from export.content import MISSING_DATE_NOTE
from export.fonts import substitution_note
from helpers import SAMPLE, filled_report
from model.fileio import load_report, save_report


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", cwd=cwd, timeout=120)


def test_export_writes_the_word_and_pdf_files_asked_for(tmp_path):
    result = run("export", SAMPLE, "--docx", tmp_path / "r.docx", "--pdf", tmp_path / "r.pdf", "--signoff")
    assert result.returncode == 0, result.stderr
    note = [substitution_note()] if substitution_note() else []  # this machine's fonts, as the command saw them
    assert result.stdout.splitlines() == [f"已导出：{tmp_path / 'r.docx'}", f"已导出：{tmp_path / 'r.pdf'}",
                                          MISSING_DATE_NOTE, *note]  # the sample has no 成文日期
    assert len(Document(str(tmp_path / "r.docx")).tables) == 4  # sign-off sheet and the three tables
    assert "审核签发单" in PdfReader(str(tmp_path / "r.pdf")).pages[0].extract_text()


def test_export_writes_plain_text_that_a_clerk_can_paste_and_import_again(tmp_path):
    from model.importers import import_file
    result = run("export", SAMPLE, "--txt", tmp_path / "r.txt")
    assert result.returncode == 0, result.stderr
    raw = (tmp_path / "r.txt").read_bytes()
    assert raw.startswith("\ufeff".encode("utf-8")) and b"\r\n" in raw  # opens as UTF-8 in Notepad
    text = raw.decode("utf-8-sig")
    assert "济源市人民政府2021年政府信息公开工作年度报告" in text
    assert "一、本年新收政府信息公开申请数量\t\t\t161\t0\t1\t1\t2\t0\t165" in text
    assert import_file(tmp_path / "r.txt").report.sec3 == load_report(SAMPLE).sec3


def test_export_without_targets_writes_both_beside_the_report(tmp_path):
    save_report(filled_report(), tmp_path / "年报.json")
    result = run("export", tmp_path / "年报.json", "--draft")
    assert result.returncode == 0, result.stderr
    assert "送审稿" in PdfReader(str(tmp_path / "年报.pdf")).pages[0].extract_text()
    assert (tmp_path / "年报.docx").stat().st_size > 0


def test_a_report_with_errors_is_exported_with_a_warning_and_exit_1(tmp_path):
    report = filled_report()
    report.sec3["new"]["natural_person"] = Decimal(2)  # received, never handled: E1
    save_report(report, tmp_path / "r.json")
    result = run("export", tmp_path / "r.json", "--pdf", tmp_path / "r.pdf")
    assert result.returncode == 1
    assert "报告还有" in result.stderr and "个错误" in result.stderr
    assert (tmp_path / "r.pdf").exists()


def test_an_unreadable_report_exits_2_with_a_sentence_and_writes_nothing(tmp_path):
    (tmp_path / "bad.json").write_text("{ not json", encoding="utf-8")
    result = run("export", tmp_path / "bad.json", "--pdf", tmp_path / "r.pdf")
    assert result.returncode == 2
    assert "已损坏或不完整" in result.stderr
    assert not (tmp_path / "r.pdf").exists()
    missing = run("export", tmp_path / "none.json")
    assert missing.returncode == 2 and "找不到文件" in missing.stderr


def test_a_target_in_an_unwritable_place_exits_2_with_a_sentence(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run("export", SAMPLE, "--pdf", blocker / "r.pdf")
    assert result.returncode == 2
    assert "无法在" in result.stderr and "写入" in result.stderr


def test_without_the_gongwen_faces_export_says_in_one_sentence_what_the_pdf_used(tmp_path):
    env = {**os.environ, "HOME": str(tmp_path), "FONTCONFIG_FILE": str(tmp_path / "none.conf")}  # no fonts known
    env.pop("WINDIR", None)
    (tmp_path / "none.conf").write_text("<fontconfig></fontconfig>", encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "export", str(SAMPLE), "--pdf",
                             str(tmp_path / "r.pdf")], capture_output=True, text=True, encoding="utf-8", cwd=ROOT,
                            timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    note = result.stdout.splitlines()[-1]
    assert note.startswith("本机缺少公文字体，PDF 中以文鼎PL简报宋代替方正小标宋简体、宋体，以朱雀仿宋代替仿宋_GB2312")
    assert "以文鼎PL中楷代替楷体_GB2312" in note
    assert note.count("。") == 1
    dated = filled_report()
    dated.published = datetime.date(2024, 1, 20)
    save_report(dated, tmp_path / "dated.json")
    word_only = run("export", tmp_path / "dated.json", "--docx", tmp_path / "r.docx")
    assert word_only.stdout.splitlines() == [f"已导出：{tmp_path / 'r.docx'}"]  # dated, and Word has no fonts to say


def test_a_pdf_export_loads_neither_the_word_writer_nor_the_importers(tmp_path):
    code = ("import sys, main; main.main(['export', sys.argv[1], '--pdf', sys.argv[2]]); "
            "print(sorted(m for m in sys.modules if m in ('export.docx', 'docx', 'model.importers')))")
    result = subprocess.run([sys.executable, "-c", code, str(SAMPLE), str(tmp_path / "r.pdf")], capture_output=True,
                            text=True, encoding="utf-8", cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "[]"
    assert "PDF（.pdf）" in run("import", "-h").stdout  # the import formats are still listed in its help
