"""The inputs a clerk really has, made by programs other than ours (tests/material.py): web pages as TRS,
Hanweb and Word write them (UTF-8, GBK), a single-file page, an Excel template, and — when LibreOffice is
installed — PDFs it prints from a hand-built Word file and from a web page, and a .doc it saves."""
import io
import re
import zipfile

import pytest

import main
from libreoffice import convert, soffice
from material import (hand_built_docx, hanweb_page, load_seed, mhtml_of, official_xlsx, trs_page,
                      word_web_page)
from model.importers import SUFFIXES, ImportFailed, import_bytes, import_file
from model.importers.archive import MAX_UNPACKED_BYTES
from model.layout import NARRATIVE_KEYS
from seed_expectations import SEEDS, expected_cells, expected_for

PAGES = {"trs": trs_page, "hanweb_gbk": hanweb_page, "word_web_page": word_web_page}
needs_libreoffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")


def wrong_cells(result, seed_path) -> dict:
    return {cell: (result.report.table(cell[0])[cell[1]][cell[2]], value)
            for cell, value in expected_cells(expected_for(seed_path)).items()
            if result.report.table(cell[0])[cell[1]][cell[2]] != value}


def compact(text: str) -> str:
    """Text without spaces (a PDF does not keep the spaces between a figure and Chinese) or list marks."""
    return re.sub(r"\s", "", text.removeprefix("- "))


def assert_whole_report(result, seed_path) -> None:
    """Every cell, organ and year, and each narrative section paragraph by paragraph."""
    expected = expected_for(seed_path)
    assert wrong_cells(result, seed_path) == {}
    assert (result.report.organ, result.report.year) == (expected["organ"], expected["year"])
    for key in NARRATIVE_KEYS:
        paragraphs = [p.text for p in result.report.narrative(key)]
        starts = [start for _, start, *_ in expected["narrative"][key]]
        assert len(paragraphs) == len(starts), key
        assert all(p.startswith(s.replace("- ", "")) for p, s in zip(paragraphs, starts)), key


@pytest.mark.parametrize("style", PAGES)
@pytest.mark.parametrize("seed_path", SEEDS, ids=lambda p: p.stem[:3])
def test_a_saved_web_page_imports_whole_and_certain(seed_path, style):
    page = PAGES[style](load_seed(seed_path))
    result = import_bytes(page, "年报.html")
    assert_whole_report(result, seed_path)
    assert result.certain, [n.describe() for n in result.notes if n.kind != "read"]


def test_the_site_chrome_stays_out_and_the_index_box_comes_before_the_title(tmp_path):
    seed = load_seed(SEEDS[1])
    (tmp_path / "年报.htm").write_bytes(trs_page(seed))
    result = import_file(tmp_path / "年报.htm")
    text = "".join(p.text for key in NARRATIVE_KEYS for p in result.report.narrative(key))
    for chrome in ("打印本页", "关闭窗口", "您当前的位置", "主办单位", "ICP备", "浏览次数", "字体", "_hmt", "索引号"):
        assert chrome not in text
    index_notes = [n.line for n in result.notes if n.line.startswith(("索引号", "发布机构"))]
    assert index_notes == ["索引号：11410400MB1C07452T/2022-00015", f"发布机构：{seed.organ}"]


def test_a_gbk_page_labelled_gb2312_reads_its_chinese():
    seed = load_seed(SEEDS[4])
    page = hanweb_page(seed, encoding="gb18030")
    assert b"charset=gb2312" in page and page.decode("gb18030") and not page.isascii()
    result = import_bytes(page, "年报.html")
    assert result.report.organ == "驻马店经济开发区管委会"
    assert result.report.overview[1].text.startswith("2021年，驻马店经济开发区管委会按照")


def test_a_single_file_page_reads_as_the_page_inside_it(tmp_path):
    seed = load_seed(SEEDS[0])
    (tmp_path / "年报.mhtml").write_bytes(mhtml_of(word_web_page(seed), "http://www.example.gov.cn/art/1.html"))
    result = import_file(tmp_path / "年报.mhtml")
    assert_whole_report(result, SEEDS[0])
    assert result.certain


@pytest.mark.parametrize("seed_path", SEEDS, ids=lambda p: p.stem[:3])
def test_an_excel_template_gives_every_cell_and_says_the_narrative_is_not_there(seed_path, tmp_path):
    official_xlsx(load_seed(seed_path), tmp_path / "年报.xlsx")
    result = import_file(tmp_path / "年报.xlsx")
    expected = expected_for(seed_path)
    assert wrong_cells(result, seed_path) == {}
    assert (result.report.organ, result.report.year) == (expected["organ"], expected["year"])
    assert {n.table for n in result.notes if n.kind != "read"} == set(NARRATIVE_KEYS)


def test_an_amount_keeps_its_decimals_in_excel(tmp_path):
    seed = load_seed(SEEDS[1])
    official_xlsx(seed, tmp_path / "年报.xlsx")
    assert str(import_file(tmp_path / "年报.xlsx").report.sec2["fees"]["amount"]) == "4478.1715"


@pytest.fixture(scope="module")
def office_files(tmp_path_factory):
    """LibreOffice's PDFs of a hand-built Word file (two seeds) and of a TRS page, and its .doc of the first."""
    if soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path_factory.mktemp("office")
    sources = []
    for seed_path in SEEDS[:2]:
        hand_built_docx(load_seed(seed_path), folder / f"{seed_path.stem[:3]}_word.docx")
        sources.append(folder / f"{seed_path.stem[:3]}_word.docx")
    (folder / "001_trs.html").write_bytes(trs_page(load_seed(SEEDS[1])))
    convert([*sources, folder / "001_trs.html"], "pdf", folder)
    convert(sources[:1], "doc", folder)
    return folder


@needs_libreoffice
@pytest.mark.parametrize("seed_path", SEEDS[:2], ids=lambda p: p.stem[:3])
def test_a_pdf_printed_from_word_gives_every_cell_organ_year_and_narrative(office_files, seed_path):
    result = import_file(office_files / f"{seed_path.stem[:3]}_word.pdf")
    expected = expected_for(seed_path)
    assert wrong_cells(result, seed_path) == {}
    assert (result.report.organ, result.report.year) == (expected["organ"], expected["year"])
    for key in NARRATIVE_KEYS:
        starts = [start for _, start, *_ in expected["narrative"][key]]
        texts = [p.text for p in result.report.narrative(key)]
        assert all(any(compact(t).startswith(compact(s)) for t in texts) for s in starts), key


@needs_libreoffice
def test_a_pdf_printed_from_a_web_page_gives_every_cell(office_files):
    """LibreOffice cuts 表三 at a page break inside the row 2.其他法律行政法规禁止/公开 and inside the merged
    （三）不予公/开: each piece joins its cell again, so every cell is certain."""
    result = import_file(office_files / "001_trs.pdf")
    assert wrong_cells(result, SEEDS[1]) == {}
    assert result.report.year == 2021
    assert result.count_line() == "200 个单元格：200 个确定，0 个推测，0 个未读出"
    assert result.certain, [n.describe() for n in result.notes if n.kind != "read"]


@needs_libreoffice
def test_a_doc_saved_by_libreoffice_is_converted_and_read_whole(office_files, tmp_path, capsys):
    result = import_file(office_files / "000_word.doc")
    assert wrong_cells(result, SEEDS[0]) == {}
    assert result.report.organ == "平顶山市政务服务和大数据管理局"
    assert main.main(["import", str(office_files / "000_word.doc"), "-o", str(tmp_path / "out.json")]) in (0, 3)
    assert (tmp_path / "out.json").exists()


def test_without_libreoffice_a_doc_gets_the_sentence_to_save_it_as_docx(monkeypatch):
    import model.importers.office as office
    monkeypatch.setattr(office, "find_soffice", lambda: None)
    with pytest.raises(ImportFailed, match=r"另存为 \.docx"):
        import_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "旧版.wps")
    with pytest.raises(ImportFailed, match=r"另存为 \.xlsx"):
        import_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "旧表.xls")


def test_a_scanned_pdf_is_named_a_scan():
    from reportlab.pdfgen import canvas  # a page with a drawing and no text layer, as a scanner writes it
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.rect(50, 50, 400, 600, fill=1)
    page.showPage()
    page.save()
    with pytest.raises(ImportFailed, match="扫描件"):
        import_bytes(buffer.getvalue(), "扫描.pdf")


def test_an_encrypted_pdf_asks_for_the_password_to_be_removed():
    import pypdf
    from reportlab.pdfgen import canvas
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(100, 700, "2021 report")
    page.save()
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(buffer.getvalue())))
    writer.encrypt("secret")
    locked = io.BytesIO()
    writer.write(locked)
    with pytest.raises(ImportFailed, match="密码"):
        import_bytes(locked.getvalue(), "加密.pdf")


def test_a_zip_that_would_unpack_to_hundreds_of_megabytes_is_refused_before_unpacking():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"")
        archive.writestr("word/media/huge.bin", bytes(MAX_UNPACKED_BYTES + 1))
    assert len(buffer.getvalue()) < 1024 * 1024
    with pytest.raises(ImportFailed, match="解压后超过"):
        import_bytes(buffer.getvalue(), "炸弹.docx")


def test_the_file_dialogs_and_the_command_line_offer_every_format():
    from gui.files.import_dialog import FILE_FILTER
    for suffix in SUFFIXES:
        assert f"*{suffix}" in FILE_FILTER
    importing = main.build_parser()._subparsers._group_actions[0].choices["import"].format_help()
    for suffix in (".docx", ".doc", ".wps", ".pdf", ".html", ".mhtml", ".xlsx", ".txt", ".md"):
        assert suffix in importing


@needs_libreoffice
def test_wherever_the_page_breaks_table_three_every_cell_comes_back_certain(tmp_path):
    """Paragraphs added before the tables move LibreOffice's page break through every row of 表三 and its
    header: a row, a merged label or the header cut in two, a label on one page and its numbers on the next."""
    page = trs_page(load_seed(SEEDS[1])).decode("utf-8")
    assert "<body>" in page
    sources = []
    for added in range(24):
        shifted = page.replace("<body>", "<body>" + "".join(f"<p>补充说明第{i}段。</p>" for i in range(added)), 1)
        sources.append(tmp_path / f"shift{added:02}.html")
        sources[-1].write_text(shifted, encoding="utf-8")
    for pdf in convert(sources, "pdf", tmp_path):
        result = import_file(pdf)
        assert wrong_cells(result, SEEDS[1]) == {}, pdf.name
        assert result.certain, (pdf.name, [n.describe() for n in result.notes if n.kind != "read"])
