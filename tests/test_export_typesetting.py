"""Line breaking with the 标点 rules, which font each role uses, and text no writer may choke on."""
import datetime
import io
import re
import shutil
import threading
from functools import lru_cache

import pytest
from docx import Document
from docx.shared import Pt
from pypdf import PdfReader

from export import fonts
from export.fonts import BUNDLED_HEI, BUNDLED_SONG, resolve_fonts
from export.docx import write_docx
from export.linebreak import break_lines
from export.pdf import pdf_bytes
from export.pagestyle import BODY, HEADING1, HEADING2, TABLE, TITLE, ExportOptions
from helpers import filled_report
from model.report import Paragraph


def one_per_char(token: str) -> float:
    return float(len(token))


def test_a_comma_never_starts_a_line_it_takes_the_character_before_it_along():
    assert break_lines("一二三四五，六七", 5, 5, one_per_char) == ["一二三四", "五，六七"]


def test_closing_quote_and_full_stop_together_move_with_the_last_character():
    assert break_lines("甲乙丙丁戊”。己", 5, 5, one_per_char) == ["甲乙丙丁", "戊”。己"]


def test_an_opening_bracket_never_ends_a_line():
    assert break_lines("甲乙丙丁（戊己）", 5, 5, one_per_char) == ["甲乙丙丁", "（戊己）"]


def test_numbers_and_web_addresses_stay_whole():
    assert break_lines("收到申请 4478.1715 万元", 8, 12, one_per_char) == ["收到申请", "4478.1715 万元"]


def test_a_word_longer_than_a_line_is_cut_rather_than_lost():
    lines = break_lines("http://www.example.gov.cn/x", 10, 10, one_per_char)
    assert "".join(lines) == "http://www.example.gov.cn/x"
    assert all(len(line) <= 10 for line in lines)


def test_the_first_line_leaves_room_for_the_indent():
    assert break_lines("一二三四五六七八", 3, 5, one_per_char) == ["一二三", "四五六七八"]


@pytest.fixture
def no_installed_fonts(monkeypatch):
    monkeypatch.delenv("WINDIR", raising=False)
    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    monkeypatch.setattr(fonts, "_fontconfig_families", lambda: {})
    monkeypatch.setattr(fonts, "LINUX_FONT_DIRS", ())
    resolve_fonts.cache_clear()
    yield
    resolve_fonts.cache_clear()


GONGWEN_NAMES = {TITLE: "方正小标宋简体", BODY: "仿宋_GB2312", HEADING1: "黑体", HEADING2: "楷体_GB2312"}


def test_without_the_gongwen_fonts_the_pdf_uses_the_shipped_ones_and_word_still_names_the_gongwen_faces(
        no_installed_fonts):
    resolved = resolve_fonts()
    assert resolved[BODY].file.path == fonts.BUNDLED_FANG and not resolved[BODY].installed  # a 仿宋 still
    assert resolved[HEADING1].file.path == BUNDLED_HEI
    assert {role: resolved[role].word_name for role in GONGWEN_NAMES} == GONGWEN_NAMES
    assert fonts.substitution_note() == (
        "本机缺少公文字体，PDF 中以文鼎PL简报宋代替方正小标宋简体、宋体，以朱雀仿宋代替仿宋_GB2312，"
        "以Droid Sans Fallback 黑体代替黑体，以文鼎PL中楷代替楷体_GB2312；Word 文件仍按公文字体排版，"
        "在装有这些字体的电脑上照常显示。")
    assert resolved[HEADING2].file.path == fonts.BUNDLED_KAI


def test_windows_fonts_folder_is_preferred(no_installed_fonts, monkeypatch, tmp_path):
    font_dir = tmp_path / "Fonts"
    font_dir.mkdir()
    shutil.copy(BUNDLED_SONG, font_dir / "SIMFANG.TTF")  # file names are matched without regard to case
    shutil.copy(BUNDLED_HEI, font_dir / "simhei.ttf")
    monkeypatch.setenv("WINDIR", str(tmp_path))
    resolved = resolve_fonts()
    assert resolved[BODY].file.path == font_dir / "SIMFANG.TTF" and resolved[BODY].installed
    assert (resolved[BODY].word_name, resolved[BODY].pdf_name) == ("仿宋_GB2312", "仿宋")
    assert resolved[HEADING1].file.path == font_dir / "simhei.ttf" and not resolved[HEADING1].substituted
    assert not resolved[TITLE].installed
    assert "以仿宋代替仿宋_GB2312" in fonts.substitution_note() and "代替黑体" not in fonts.substitution_note()


def test_the_gongwen_faces_in_the_wps_font_folder_of_uos_or_kylin_are_found(no_installed_fonts, monkeypatch,
                                                                            tmp_path):
    wps_fonts = tmp_path / "wps-office" / "office6" / "fonts"
    wps_fonts.mkdir(parents=True)
    shutil.copy(BUNDLED_SONG, wps_fonts / "仿宋_GB2312.ttf")
    monkeypatch.setattr(fonts, "LINUX_FONT_DIRS", (str(tmp_path / "wps-office"),))
    resolved = resolve_fonts()
    assert resolved[BODY].file.path == wps_fonts / "仿宋_GB2312.ttf" and not resolved[BODY].substituted
    assert "仿宋_GB2312" not in fonts.substitution_note()


def test_an_opentype_cff_font_is_passed_over_because_reportlab_cannot_embed_it(no_installed_fonts, monkeypatch,
                                                                              tmp_path):
    font_dir = tmp_path / "Fonts"
    font_dir.mkdir()
    (font_dir / "simhei.ttf").write_bytes(b"OTTO" + bytes(100))
    monkeypatch.setenv("WINDIR", str(tmp_path))
    assert resolve_fonts()[HEADING1].file.path == BUNDLED_HEI


def test_fontconfig_families_are_matched_by_chinese_or_english_name(no_installed_fonts, monkeypatch):
    monkeypatch.setattr(fonts, "_fontconfig_families", lambda: {"kaiti": fonts.FontFile(BUNDLED_SONG)})
    resolved = resolve_fonts()
    assert resolved[HEADING2].pdf_name == "楷体" and resolved[HEADING2].installed
    assert resolved[HEADING2].word_name == "楷体_GB2312"


def test_text_pasted_with_control_characters_still_exports_to_word_and_pdf():
    report = filled_report()
    report.organ = "某县\x0b交通运输局"
    report.problems = [Paragraph(text="问题\x00一\x1f：培训不足\ud800。\uffff")]
    buffer = io.BytesIO()
    write_docx(report, buffer, ExportOptions(signoff_sheet=True))
    buffer.seek(0)
    texts = [p.text for p in Document(buffer).paragraphs]
    assert "问题一：培训不足。" in texts
    pdf_text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf_bytes(report))).pages)
    assert "问题一：培训不足。" in pdf_text and "某县交通运输局2023年" in pdf_text


def test_a_found_font_reportlab_cannot_embed_is_passed_over_for_the_shipped_one(no_installed_fonts, monkeypatch,
                                                                               tmp_path):
    from export import pdf

    font_dir = tmp_path / "Fonts"
    font_dir.mkdir()
    (font_dir / "simhei.ttf").write_bytes(b"\x00\x01\x00\x00" + bytes(200))  # TrueType header, damaged inside
    monkeypatch.setenv("WINDIR", str(tmp_path))
    monkeypatch.setattr(pdf, "font_chain", lru_cache(maxsize=None)(pdf.FontChain))  # chains of this machine only
    assert resolve_fonts()[HEADING1].installed
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf_bytes(filled_report()))).pages)
    assert "一、总体情况" in text
    assert pdf.font_chain(HEADING1).primary == pdf.registered_font(fonts.FontFile(BUNDLED_HEI))


def finishes_within(seconds: float, work):
    """The result of work(), failing (not hanging) if it loops."""
    result = []
    thread = threading.Thread(target=lambda: result.append(work()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert result, f"still running after {seconds} s"
    return result[0]


def test_a_line_with_no_room_left_still_sets_every_character_once():
    lines = finishes_within(5, lambda: break_lines("甲乙丙", -40, -40, one_per_char))
    assert lines == ["甲", "乙", "丙"]


def test_a_dated_report_of_an_organ_with_a_name_longer_than_a_line_exports_its_signature_on_the_page():
    report = filled_report()
    report.organ = "某某市某某县人民政府办公室关于县级以上地方人民政府部门及其派出机构和政务服务中心"
    report.published = datetime.date(2022, 1, 28)
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(finishes_within(30, lambda: pdf_bytes(report)))).pages]
    tail = "".join(pages[-1].split())
    assert tail.endswith(report.organ + "2022年1月28日")
    buffer = io.BytesIO()
    write_docx(report, buffer)
    document = Document(buffer)
    section = document.sections[-1]
    text_width = section.page_width - section.left_margin - section.right_margin
    organ, date = document.paragraphs[-2:]
    assert (organ.text, date.text) == (report.organ, "2022年1月28日")
    # the organ wraps two characters in from the right; the date starts two characters in from the left
    assert organ.paragraph_format.right_indent.pt == 32
    assert date.paragraph_format.right_indent + Pt(7 * 16) < text_width


def test_a_line_break_kept_inside_a_paragraph_starts_a_new_line():
    # the "\n" stays at the end of its line: that line is set flush, not stretched to the full width
    assert break_lines("一二三：\n四五", 3, 5, one_per_char) == ["一二", "三：\n", "四五"]
    assert break_lines("一二\n\n三", 5, 5, one_per_char) == ["一二\n", "\n", "三"]


def test_the_pdf_breaks_the_line_where_the_paragraph_has_a_line_break():
    report = filled_report()
    report.problems = [Paragraph(text="存在问题如下：\n一是公开不够及时。")]
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf_bytes(report))).pages)
    assert "存在问题如下：\n一是公开不够及时。" in text


def test_windows_extension_b_and_symbol_fonts_are_tried_before_the_shipped_hei(monkeypatch, tmp_path):
    for name in ("simsunb.ttf", "seguisym.ttf"):
        shutil.copy(BUNDLED_HEI, tmp_path / name)
    monkeypatch.setattr(fonts, "windows_font_dirs", lambda: [tmp_path])
    assert [f.path for f in fonts.fallback_files()] == [BUNDLED_SONG, tmp_path / "simsunb.ttf",
                                                        tmp_path / "seguisym.ttf", BUNDLED_HEI]


def test_the_angle_bracket_of_a_web_address_goes_down_with_the_address():
    # 门户网站（<http://www.jiyuan.gov.cn/>）下载: no line ends with “（<” and none starts with “>”
    lines = break_lines("网站（<http://a.cn/>）下载", 4, 20, one_per_char)
    assert lines == ["网站", "（<http://a.cn/>）下载"]


def test_a_number_typed_in_full_width_digits_stays_whole():
    assert break_lines("收到申请１２３４５件", 6, 10, one_per_char) == ["收到申请", "１２３４５件"]


def test_without_fangzheng_xiaobiaosong_the_title_in_the_light_shipped_song_face_is_emboldened(no_installed_fonts,
                                                                                              monkeypatch):
    from export import pdf

    monkeypatch.setattr(pdf, "font_chain", lru_cache(maxsize=None)(pdf.FontChain))  # chains of this machine only
    first_page = PdfReader(io.BytesIO(pdf_bytes(filled_report()))).pages[0].get_contents().get_data()
    texts = re.findall(rb"BT .*? ET", first_page, re.S)
    title = [text for text in texts if b" 22 Tf" in text]  # 二号
    body = [text for text in texts if b" 16 Tf" in text]  # 三号
    assert len(title) == 2 and all(b"2 Tr" in text for text in title)  # filled and stroked
    assert body and not any(b"2 Tr" in text for text in body)


def test_a_web_address_breaks_after_a_slash_rather_than_leave_the_line_before_it_letter_spaced():
    lines = break_lines("可从门户网站http://www.jiyuan.gov.cn/zwgk/ndbg/下载。", 16, 16, one_per_char)
    assert lines == ["可从门户网站http://", "www.jiyuan.gov.", "cn/zwgk/ndbg/下载。"]
    assert break_lines("合计4478.1715万元", 9, 9, one_per_char) == ["合计", "4478.1715", "万元"]  # numbers stay whole


def test_fallback_fonts_are_read_only_when_a_character_needs_them(no_installed_fonts):
    from export import pdf

    chain = pdf.FontChain(TABLE)
    chain.runs("政府信息公开工作年度报告")
    assert chain.names == [pdf.registered_font(fonts.FontFile(BUNDLED_SONG))]
    assert chain.font_for("鄠") == pdf.registered_font(fonts.FontFile(BUNDLED_HEI))  # not in the GB2312 宋 face
    assert len(chain.names) == 2


def test_the_shipped_fangsong_body_takes_the_symbols_it_lacks_from_the_song_face(no_installed_fonts):
    from export import pdf

    chain = pdf.FontChain(BODY)
    fangsong, song = (pdf.registered_font(fonts.FontFile(path)) for path in (fonts.BUNDLED_FANG, BUNDLED_SONG))
    assert [font for font, _ in chain.runs("全年共收取费用")] == [fangsong]
    assert chain.runs("气温①零下5℃") == [(fangsong, "气温"), (song, "①"), (fangsong, "零下5"), (song, "℃")]


def test_a_label_of_several_kept_lines_is_laid_out_and_never_loops():
    from export.tablelayout import label_layout

    text = "正文中的数字应与表格一致\n警告：一、总体情况第5段写“行政复议和行政诉讼 0 件”，而行政复议、行政诉讼总计为 4"
    layout = finishes_within(5, lambda: label_layout(text, 16, 300, max_lines=6))
    assert layout is not None and layout.lines[0] == "正文中的数字应与表格一致\n"
    assert finishes_within(5, lambda: label_layout(text, 16, 300, max_lines=2)) is None  # too many lines
