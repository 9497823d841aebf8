"""Absurd structure is refused before it is expanded, with one sentence naming the limit it hit; large inputs under
the limits are read in bounded time and memory; sentences say what is really wrong (hostile files made here, small
on disk)."""
import re
import subprocess
import sys
import time

import pytest

from conftest import ROOT
from hostile_inputs import (SEED, big_html_table, inflating_pdf, long_docx, million_row_xlsx, nested_html,
                            whole_sheet_merge_xlsx, with_broken_cross_references)
from model.importers import ImportFailed, import_bytes

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="memory measured from /proc")

# imports one file in a process of its own: what it said, then its peak memory in MB (VmHWM, the process's own)
_READ_ONE = """import re, sys
from model.importers import import_file, ImportFailed
try:
    print(import_file(sys.argv[1]).count_line())
except ImportFailed as exc:
    print(exc)
print(int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1)) // 1024)
"""


def read_in_child(tmp_path, name: str, raw: bytes) -> tuple[str, float, int]:
    """(the sentence, seconds, peak MB) of importing `raw` as `name` in a process of its own, held to 3 GB of address
    space so that a bomb ends the child, not the machine."""
    path = tmp_path / name
    path.write_bytes(raw)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _HELD + _READ_ONE, str(path)], capture_output=True, text=True,
                          timeout=300, cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    seconds = time.perf_counter() - started
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    said, peak = done.stdout.strip().rsplit("\n", 1)
    return said, seconds, int(peak)


_HELD = "import resource; resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))\n"


def refusal(raw: bytes, name: str) -> str:
    with pytest.raises(ImportFailed) as raised:
        import_bytes(raw, name)
    message = str(raised.value)
    assert "Error" not in message and "Traceback" not in message and "\n" not in message
    return message


@linux_only
def test_a_merge_over_the_whole_sheet_is_refused_at_once_in_little_memory(tmp_path):
    raw = whole_sheet_merge_xlsx()
    assert len(raw) < 2000
    said, seconds, peak = read_in_child(tmp_path, "合并.xlsx", raw)
    assert said == ("“合并.xlsx”中的合并单元格共覆盖 17,179,869,184 个单元格，超过 200,000 个"
                    "（年度报告的统计表只有几百个单元格），文件可能已损坏，未导入。")
    assert seconds < 5 and peak < 150  # 8 GB in a minute before


def test_a_note_merged_to_the_end_of_the_sheet_is_cut_to_the_area_the_sheet_uses(tmp_path):
    """Merging a note row by selecting whole rows down to the end gives A41:XFD1048576: read, not refused."""
    import openpyxl
    from material import load_seed, official_xlsx

    official_xlsx(load_seed(SEED), tmp_path / "年报.xlsx")
    book = openpyxl.load_workbook(tmp_path / "年报.xlsx")
    sheet = book.worksheets[0]
    note_row = sheet.max_row + 1
    sheet.cell(note_row, 1, "注：本表由办公室填报。")
    sheet.merge_cells(start_row=note_row, start_column=1, end_row=note_row, end_column=3)
    book.save(tmp_path / "年报.xlsx")
    raw = (tmp_path / "年报.xlsx").read_bytes()
    merged_to_the_end = with_member_replaced(raw, "xl/worksheets/sheet1.xml", f'ref="A{note_row}:C{note_row}"',
                                             f'ref="A{note_row}:XFD1048576"')
    assert import_bytes(merged_to_the_end, "年报.xlsx").report == import_bytes(raw, "年报.xlsx").report


def with_member_replaced(raw: bytes, member: str, old: str, new: str) -> bytes:
    import io
    import zipfile
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == member:
                assert old.encode() in data
                data = data.replace(old.encode(), new.encode())
            target.writestr(info.filename, data)
    return out.getvalue()


@linux_only
def test_a_million_row_sheet_is_refused_by_its_row_count_without_loading_it(tmp_path):
    said, seconds, peak = read_in_child(tmp_path, "百万行.xlsx", million_row_xlsx())
    assert said == "“百万行.xlsx”中一个工作表超过 20,000 行（年度报告的统计表只有几十行），不像是一份年度报告，未导入。"
    assert seconds < 15 and peak < 400  # 37 s and 1.27 GB before


@linux_only
def test_a_pdf_stream_inflating_to_gigabytes_is_refused_without_inflating_it(tmp_path):
    raw = inflating_pdf(1500)
    assert len(raw) < 2 * 1024 * 1024
    said, seconds, peak = read_in_child(tmp_path, "炸弹.pdf", raw)
    assert said == ("“炸弹.pdf”中有内容解压后超过 32 MB（或全部内容超过 256 MB），远超一份年度报告，"
                    "文件可能已损坏或被恶意构造，未导入。")
    assert seconds < 10 and peak < 200  # 3 GB and "扫描件" before


def test_a_text_pdf_with_a_broken_cross_reference_table_is_read_not_called_a_scan(sample_pdf):
    broken = with_broken_cross_references(sample_pdf)
    assert broken != sample_pdf
    assert import_bytes(broken, "交叉引用.pdf").report == import_bytes(sample_pdf, "完好.pdf").report


@pytest.fixture(scope="module")
def sample_pdf() -> bytes:
    import io

    from export.pdf import write_pdf
    from helpers import sample_report
    buffer = io.BytesIO()
    write_pdf(sample_report(), buffer)
    return buffer.getvalue()


def test_a_report_nested_in_ten_thousand_divs_is_said_to_nest_too_deep_not_to_be_no_report():
    started = time.perf_counter()
    message = refusal(nested_html(10_000), "嵌套.html")
    assert message == ("“嵌套.html”的网页标记层层嵌套超过 255 层，超出了网页读取的限度，无法读出其中的报告。"
                       "请在浏览器中打开它，全选复制正文，粘贴到记事本保存后再导入。")
    assert time.perf_counter() - started < 2


def test_a_report_nested_as_deep_as_a_content_system_nests_it_is_read():
    organ = import_bytes(SEED.read_bytes(), "a.txt").report.organ
    assert import_bytes(nested_html(200), "嵌套.html").report.organ == organ


@linux_only
def test_a_web_page_of_millions_of_tags_is_refused_before_it_is_parsed(tmp_path):
    said, seconds, peak = read_in_child(tmp_path, "数据.html", big_html_table(35))
    assert re.fullmatch(r"“数据\.html”有 [\d,]+ 个网页标记，超过 300,000 个（一份年度报告的网页只有几千个），"
                        r"不像是一份年度报告，未导入。", said)
    assert seconds < 10 and peak < 400  # more than 60 s and 1.3 GB before


def test_a_web_table_whose_spans_multiply_past_the_cell_limit_is_refused_before_its_grid_is_made():
    cell = '<td rowspan="100" colspan="100">1</td>'
    page = f"<html><body><p>济源市人民政府2021年政府信息公开工作年度报告</p><table>{('<tr>' + cell * 3 + '</tr>') * 30}" \
           f"</table></body></html>"
    started = time.perf_counter()
    message = refusal(page.encode(), "跨度.html")
    assert message == "“跨度.html”中第 1 个表格超过 256 列（年度报告的统计表只有几十行），不像是一份年度报告，未导入。"
    assert time.perf_counter() - started < 2


def test_a_utf8_page_whose_meta_names_another_charset_is_read_as_utf8():
    from material import hanweb_page, load_seed
    honest = hanweb_page(load_seed(SEED))  # GBK, <meta charset=gb2312>
    # saved again in UTF-8 under a site template whose <meta> says Latin-1 (which decodes any bytes, wrongly)
    resaved = honest.decode("gbk").encode("utf-8").replace(b"charset=gb2312", b"charset=iso-8859-1")
    assert b"charset=iso-8859-1" in resaved
    assert import_bytes(resaved, "另存.html").report == import_bytes(honest, "原网页.html").report


def test_utf8_text_with_a_few_nul_bytes_is_read_without_them():
    text = SEED.read_bytes()
    damaged = text[:200] + b"\x00" + text[200:4000] + b"\x00\x00" + text[4000:]
    assert import_bytes(damaged, "带空字符.txt").report == import_bytes(text, "原文.txt").report


def test_a_word_file_of_far_more_paragraphs_than_a_report_stops_being_read_at_the_block_limit():
    raw = long_docx(7)  # the sample's text 55 times over: 42 s for 55 MB of it before
    started = time.perf_counter()
    message = refusal(raw, "长文.docx")
    assert message == ("“长文.docx”有超过 20,000 段文字和表格行（一份年度报告只有几百段），不像是一份年度报告，未导入。"
                       "请只导入年度报告本身。")
    assert time.perf_counter() - started < 30
