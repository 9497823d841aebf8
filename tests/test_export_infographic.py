"""The 图解: the year's figures as one tall picture, in SVG, PNG and PDF."""
import io
import subprocess
import sys
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from PIL import Image

from conftest import ROOT
from county import unit_report
from export.infographic import BAR, WIDTH, infographic_pdf, infographic_png, infographic_svg
from helpers import SAMPLE, sample_report
from model.fileio import save_report
from model.report import LastYear
from model.summary import ImportCache, summarize_folder

SVG = "{http://www.w3.org/2000/svg}"


def svg_texts(svg: bytes) -> list[str]:
    return [t.text for t in ET.fromstring(svg).iter(f"{SVG}text")]


def svg_description(svg: bytes) -> list[str]:
    return ET.fromstring(svg).find(f"{SVG}desc").text.splitlines()


def test_the_svg_keeps_every_figure_of_the_sample_as_text_beside_its_label():
    svg = infographic_svg(sample_report())
    texts = svg_texts(svg)
    assert ET.fromstring(svg).find(f"{SVG}title").text == "济源市人民政府2021年政府信息公开工作年度报告图解"
    assert texts[:2] == ["济源市人民政府", "2021年政府信息公开工作年度报告图解"]
    # 主动公开: 表二 row by row; 依申请公开: the four key figures; each figure follows its label
    for label, figure in (("行政规范性文件", None), ("本年制发件数", "103"), ("本年废止件数", "78"),
                          ("现行有效件数", "436"), ("行政许可", "9895"), ("行政处罚", "5309"), ("行政强制", "1118"),
                          ("行政事业性收费", "4478.1715"), ("新收", "165"), ("上年结转", "1"), ("办结", "163"),
                          ("结转下年度", "3")):
        assert label in texts
        if figure:
            assert figure in texts[texts.index(label, texts.index("行政规范性文件")) + 1:][:1]
    # 办理结果 and applicants as bars: each group's figure and its share of the whole
    for label, shown in (("予以公开", "87 (53.4%)"), ("部分公开", "16 (9.8%)"), ("不予公开", "17 (10.4%)"),
                         ("无法提供", "36 (22.1%)"), ("不予处理", "5 (3.1%)"), ("其他处理", "2 (1.2%)"),
                         ("自然人", "161 (97.6%)"), ("法律服务机构", "2 (1.2%)"), ("商业企业", "0 (0.0%)")):
        assert texts[texts.index(label) + 1] == shown
    # 复议和诉讼: 复议后起诉 has 4 尚未审结 of 4
    appeals = texts[texts.index("行政诉讼·复议后起诉"):]
    assert appeals[1:11] == ["结果维持", "0", "结果纠正", "0", "其他结果", "0", "尚未审结", "4", "总计", "4"]
    assert texts[-2:] == ["济源市人民政府　2021年度", "数据来源：本机关2021年政府信息公开工作年度报告"]
    assert not [t for t in texts if "较上年" in t]  # last year unknown: no comparison made up


def test_the_svg_describes_every_figure_for_a_screen_reader():
    description = svg_description(infographic_svg(sample_report()))
    assert "新收：165" in description and "行政事业性收费：4478.1715" in description
    assert "予以公开：87 (53.4%)" in description


def test_the_png_is_1080_pixels_wide_and_its_bars_are_drawn_to_the_figures():
    image = Image.open(io.BytesIO(infographic_png(sample_report()))).convert("RGB")
    assert image.width == 1080 and image.height > 2 * image.width  # one tall picture for a phone
    bar = tuple(int(BAR[i:i + 2], 16) for i in (1, 3, 5))
    pixels = image.load()
    lengths = []  # of each bar, top to bottom, in pixels
    y = 0
    while y < image.height:
        run = sum(1 for x in range(image.width) if pixels[x, y] == bar)
        if run:
            lengths.append(run)
            while y < image.height and any(pixels[x, y] == bar for x in range(0, image.width, 2)):
                y += 1
        y += 1
    # 予以公开 87, 部分公开 16, 不予公开 17, 无法提供 36, 不予处理 5, 其他处理 2, then 自然人 161 and the
    # organisations 1, 1, 2 on one scale (商业企业 and 其他 are 0: no bar)
    results, applicants = lengths[:6], lengths[6:]
    assert len(results) == 6 and len(applicants) == 4
    for length, value in zip(results, (87, 16, 17, 36, 5, 2)):
        assert length == pytest.approx(results[0] * value / 87, abs=2)
    for length, value in zip(applicants, (161, 1, 1, 2)):
        assert length == pytest.approx(applicants[0] * value / 161, abs=3.5)  # a bar is at least 3 px


def test_the_pdf_is_one_page_as_wide_as_the_picture_with_its_fonts_embedded():
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(infographic_pdf(sample_report())))
    assert len(reader.pages) == 1 and float(reader.pages[0].mediabox.width) == WIDTH
    text = reader.pages[0].extract_text()
    assert "9895" in text and "4478.1715" in text
    fonts = {f["/BaseFont"] for f in reader.pages[0]["/Resources"]["/Font"].values()}
    assert not [f for f in fonts if "Helvetica" in f]


def report_with_last_year():
    report = sample_report()
    last = report.model_copy(deep=True)
    last.year = 2020
    last.sec3["new"]["total"] = Decimal(150)
    last.sec3["total"]["total"] = Decimal(170)
    last.sec2["normative_documents"]["issued"] = Decimal(120)
    last.sec2["fees"]["amount"] = Decimal("4000.5")
    report.last_year = LastYear.of(last)
    return report


def figure_and_change(texts: list[str], label: str) -> tuple[str, str]:
    """The figure after `label` in a tile and its change, read as one line where the tile broke it in two."""
    after = texts[texts.index(label) + 1:]
    return after[0], after[1] if after[1] != "较上年" else f"{after[1]} {after[2]}"


def test_with_last_year_known_each_change_has_its_number_arrow_and_word():
    svg = infographic_svg(report_with_last_year())
    texts = svg_texts(svg)
    assert figure_and_change(texts, "新收") == ("165", "较上年 ↑ 增加15")
    assert figure_and_change(texts, "办结") == ("163", "较上年 ↓ 减少7")
    assert figure_and_change(texts, "上年结转") == ("1", "较上年 → 持平")
    assert figure_and_change(texts, "行政事业性收费") == ("4478.1715", "较上年 ↑ 增加477.6715")
    description = svg_description(svg)
    assert "本年制发件数：103（较上年减少17）" in description
    # a tile too narrow for the sentence puts 较上年 above its arrow, never breaking the words
    appeals = texts[texts.index("行政复议"):]
    assert appeals[3:5] == ["较上年", "→ 持平"]


def test_a_summed_report_gives_the_units_sums_and_their_change(tmp_path):
    this_year, last_year = tmp_path / "2024", tmp_path / "2023"
    this_year.mkdir(), last_year.mkdir()
    for seed, organ in enumerate(("县教育局", "县公安局", "县财政局"), 1):
        last = unit_report(organ, 2023, seed)
        save_report(last, last_year / f"{organ}.json")
        save_report(unit_report(organ, 2024, seed + 10, last, new_scale=400), this_year / f"{organ}.json")
    summed = summarize_folder(this_year, last_year, ImportCache(tmp_path / "cache")).sum().report
    assert summed.organ == ""
    units = [u.report for u in summarize_folder(this_year, None, ImportCache(tmp_path / "cache")).units]
    new = sum(u.sec3["new"]["total"] for u in units)
    new_last = summed.last_year.value("sec3", "new", "total")
    texts = svg_texts(infographic_svg(summed))
    assert texts[0] == "2024年政府信息公开工作年度报告图解"  # no organ: no empty line above
    change = new - new_last
    arrow = f"↑ 增加{change}" if change > 0 else f"↓ 减少{-change}" if change < 0 else "→ 持平"
    assert figure_and_change(texts, "新收") == (str(new), f"较上年 {arrow}")
    assert texts[-2:] == ["2024年度", "数据来源：本机关2024年政府信息公开工作年度报告"]
    assert Image.open(io.BytesIO(infographic_png(summed))).width == 1080


def test_a_hostile_organ_name_stays_text_in_the_svg():
    report = sample_report()
    report.organ = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'
    root = ET.fromstring(infographic_svg(report))
    assert not [e for e in root.iter() if e.tag.split("}")[-1] in ("script", "img", "a", "foreignObject")]
    assert not [name for e in root.iter() for name in e.attrib if name.lower().startswith("on")]
    texts = svg_texts(infographic_svg(report))
    assert "".join(texts[:texts.index("2021年政府信息公开工作年度报告图解")]) == report.organ  # on two lines


@pytest.mark.parametrize("suffix", [".svg", ".png", ".pdf"])
def test_export_writes_the_infographic_the_suffix_names(tmp_path, suffix):
    target = tmp_path / f"图解{suffix}"
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "export", SAMPLE, "--infographic", target],
                            capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"已导出：{target}"]
    assert target.read_bytes()[:4] == {".svg": b"<?xm", ".png": b"\x89PNG", ".pdf": b"%PDF"}[suffix]


def test_an_infographic_of_another_kind_is_refused_with_a_sentence(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "export", SAMPLE, "--infographic",
                             tmp_path / "图解.gif"], capture_output=True, text=True, encoding="utf-8", cwd=ROOT,
                            timeout=120)
    assert result.returncode == 2
    assert "图解只能导出为 .svg、.png、.pdf 文件" in result.stderr
    assert not (tmp_path / "图解.gif").exists()
