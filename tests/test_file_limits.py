"""The report file and its exports at the file system's limits: names as long as it allows, the umask's permissions,
its errors said in Chinese, text far beyond a report refused with a sentence naming the paragraph."""
import errno
import json
import os
import stat
import sys

import pytest

from export.files import ExportError, save_docx, save_pdf, save_text
from helpers import SAMPLE, sample_report
from model.fileio import ReportFileError, backup_path, load_report, save_report
from model.report import Paragraph

# a name of 255 bytes with its .json, the most the file system allows: NAME.json.bak would not fit
_STEM = "济源市人民政府办公室关于" * 5 + "2021年政府信息公开工作年度报告"
LONG_STEM = _STEM + "_" * (250 - len(os.fsencode(_STEM)))


def test_a_report_whose_name_is_as_long_as_the_file_system_allows_saves_and_exports_beside_itself(tmp_path):
    path = tmp_path / f"{LONG_STEM}.json"
    assert len(os.fsencode(path.name)) == 255
    save_report(sample_report(), path)
    save_report(sample_report(), path)  # again: the previous file becomes the .bak, its name shortened to fit
    for suffix, save in ((".docx", save_docx), (".pdf", save_pdf), (".txt", save_text)):
        save(load_report(path), path.with_suffix(suffix))
    backup = backup_path(path).name
    assert backup != f"{path.name}.bak" and backup.endswith(".bak") and len(os.fsencode(backup)) == 255
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [f"{LONG_STEM}{suffix}" for suffix in (".docx", ".json", ".pdf", ".txt")] + [backup])
    assert load_report(path) == load_report(tmp_path / backup) == sample_report()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_saved_and_exported_files_get_the_umasks_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        save_report(sample_report(), tmp_path / "年报.json")
        save_docx(sample_report(), tmp_path / "年报.docx")
        save_text(sample_report(), tmp_path / "年报.txt")
    finally:
        os.umask(old)
    for name in ("年报.json", "年报.docx", "年报.txt"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o644, name  # 0600 before


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_report_saved_again_keeps_the_permissions_it_was_given(tmp_path):
    path = tmp_path / "年报.json"
    save_report(sample_report(), path)
    path.chmod(0o640)
    save_report(sample_report(), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_an_error_of_the_operating_system_is_said_in_chinese(tmp_path, monkeypatch):
    def refused(*args):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", refused)
    with pytest.raises(ReportFileError) as saving:
        save_report(sample_report(), tmp_path / "年报.json")
    assert str(saving.value) == "保存“年报.json”失败：没有权限（文件或文件夹可能是只读的，或正被其他程序打开）。原文件没有改动。"
    monkeypatch.undo()
    blocked = tmp_path / "不是文件夹"
    blocked.write_text("")
    with pytest.raises(ExportError) as exporting:
        save_text(sample_report(), blocked / "年报.txt")
    assert str(exporting.value) == f"无法在“{blocked}”中写入文件：已有同名的文件或文件夹。请换一个文件夹。"
    with pytest.raises(ReportFileError) as reading:
        load_report(blocked / "年报.json")
    assert str(reading.value) == "无法读取文件“年报.json”：路径中的某一级不是文件夹。"


def test_a_word_export_for_an_organ_name_longer_than_a_document_property_shortens_the_property(tmp_path):
    import docx
    report = sample_report()
    report.organ = "济源市" + "某某" * 130 + "人民政府"
    save_docx(report, tmp_path / "长名.docx")  # ValueError: exceeded 255 char limit for property, before
    properties = docx.Document(tmp_path / "长名.docx").core_properties
    assert len(properties.author) == len(properties.title) == 255 and properties.author.endswith("…")
    assert properties.author.startswith("济源市某某")


def crafted(tmp_path, **sections) -> str:
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    data.update({key: [{"text": text} for text in texts] for key, texts in sections.items()})
    path = tmp_path / "报告.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ReportFileError) as raised:
        load_report(path)
    return str(raised.value)


def test_a_paragraph_of_millions_of_characters_is_refused_where_the_file_is_read(tmp_path):
    message = crafted(tmp_path, problems=["短段。", "政" * 3_500_000])
    assert message == ("文件“报告.json”中“五、存在的主要问题及改进情况”第 2 段有 3,500,000 个字，超过一段最多 20,000 字，"
                       "不像是一份年度报告，无法打开。请在文本编辑器中删减这段文字后再打开。")


def test_a_hundred_thousand_paragraphs_are_refused_where_the_file_is_read(tmp_path):
    message = crafted(tmp_path, overview=["一段。"] * 100_000)
    assert "正文有 100,0" in message and "超过最多 5,000 段，不像是一份年度报告，无法打开" in message


def test_a_paragraph_too_long_to_open_again_is_not_saved(tmp_path):
    report = sample_report()
    report.overview.append(Paragraph(text="政" * 20_001))
    with pytest.raises(ReportFileError) as raised:
        save_report(report, tmp_path / "年报.json")
    assert str(raised.value).startswith("“一、总体情况”第 ")
    assert "有 20,001 个字，超过一段最多 20,000 字，请分段或删减后再保存。原文件没有改动。" in str(raised.value)
    assert not (tmp_path / "年报.json").exists()
