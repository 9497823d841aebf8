"""The report as a web page for the unit's site, and as content pasted into a site's editor."""
import base64
import io
import re
import subprocess
import sys

import html5lib
import pytest

from chromium import DESKTOP, PHONE, chromium, screenshot, show
from conftest import ROOT
from export.html import page_bytes, report_fragment, report_page
from helpers import SAMPLE, sample_report
from model.importers import import_file
from model.layout import SECTIONS, SEC3_APPLICANTS, SEC3_NOTE, TABLES
from model.report import Paragraph

HOSTILE_ORGAN = '某县<script>alert(1)</script>"><img src=x onerror=alert(1)>局'
HOSTILE_TEXTS = ('本年度<script>alert("正文")</script>未收取信息处理费。',
                 '详见"><img src=x onerror=alert(2)>门户网站。',
                 '<a href="javascript:alert(3)">点击查看</a>，或 javascript:alert(4) [链接](javascript:alert(5))',
                 "网址：https://www.example.gov.cn/" + "xxgk/" * 30 + "，编号" + "1234567890" * 8 + "。")


def parsed(markup: str, fragment: bool = False):
    """The markup as a browser's parser builds it, failing on any parse error."""
    parser = html5lib.HTMLParser(tree=html5lib.getTreeBuilder("etree"), namespaceHTMLElements=False)
    tree = parser.parseFragment(markup) if fragment else parser.parse(markup)
    assert parser.errors == []
    return tree


def hostile_report():
    report = sample_report()
    report.organ = HOSTILE_ORGAN
    report.other_matters = [Paragraph(text=t) for t in HOSTILE_TEXTS]
    report.overview.insert(0, Paragraph(text=HOSTILE_TEXTS[2], heading=True))
    return report


def element_text(element) -> str:
    return "".join(element.itertext())


def test_the_page_is_one_file_with_its_title_sections_and_tables():
    page = parsed(report_page(sample_report()))
    assert page.get("lang") == "zh-CN"
    assert page.find("head/title").text == "济源市人民政府2021年政府信息公开工作年度报告"
    assert [element_text(h) for h in page.iter("h2")] == [heading for _, heading in SECTIONS]
    assert "（一）主动公开方面" in [element_text(h) for h in page.iter("h3")]
    tables = list(page.iter("table"))
    assert [element_text(t.find("caption")) for t in tables] == [
        "表二　主动公开政府信息情况", "表三　收到和处理政府信息公开申请情况", "表四　政府信息公开行政复议、行政诉讼情况"]
    # nothing fetched from elsewhere, nothing run
    assert not [e for e in page.iter() if e.tag in ("script", "link", "img", "iframe", "object")]
    assert not [e for e in page.iter() if e.get("src") or e.get("href")]
    assert "url(" not in page.find("head/style").text and "@import" not in page.find("head/style").text


def test_the_tables_carry_the_official_merged_headers_with_scopes():
    tables = list(parsed(report_page(sample_report())).iter("table"))
    sec3 = tables[1]
    heads = {element_text(th): th for th in sec3.iter("th")}
    assert heads[SEC3_APPLICANTS].get("colspan") == "7" and heads[SEC3_APPLICANTS].get("scope") == "col"
    assert heads["法人或其他组织"].get("colspan") == "5"
    assert heads["自然人"].get("rowspan") == "2"
    assert heads["（三）不予公开"].get("rowspan") == "8" and heads["（三）不予公开"].get("scope") == "row"
    assert heads["三、本年度办理结果"].get("rowspan") == "22"
    assert heads["一、本年新收政府信息公开申请数量"].get("colspan") == "3"
    note = sec3.find("thead/tr/td")  # the 勾稽关系 note above the row labels heads no figure
    assert element_text(note) == SEC3_NOTE and note.get("rowspan") == "3" and note.get("colspan") == "3"
    first_row = [element_text(c) for c in sec3.find("tbody/tr")]
    assert first_row == ["一、本年新收政府信息公开申请数量", "161", "0", "1", "1", "2", "0", "165"]
    sec4 = tables[2]
    assert [(element_text(th), th.get("colspan")) for th in sec4.find("thead/tr")] == [("行政复议", "5"), ("行政诉讼", "10")]
    assert all(th.get("scope") in ("col", "row", "rowgroup") for t in tables for th in t.iter("th"))
    # 表二: each 第二十条 block is a row group its header heads
    blocks = tables[0].findall("tbody")
    assert [(element_text(b.find("tr/th")), b.find("tr/th").get("scope")) for b in blocks] == [
        (f"第二十条第（{n}）项", "rowgroup") for n in "一五六八"]


def test_each_table_scrolls_in_its_own_focusable_labelled_box():
    page = parsed(report_page(sample_report()))
    boxes = [e for e in page.iter("div") if e.find("table") is not None]
    assert len(boxes) == 3
    for box in boxes:
        assert box.get("role") == "region" and box.get("tabindex") == "0"
        assert box.get("aria-label") == element_text(box.find("table/caption"))


@pytest.mark.parametrize("build", [report_page, report_fragment], ids=["page", "clipboard"])
def test_text_from_the_report_comes_out_inert(build):
    markup = build(hostile_report())
    tree = parsed(markup, fragment=build is report_fragment)
    elements = list(tree.iter()) if build is report_page else [e for child in tree for e in child.iter()]
    assert not [e.tag for e in elements if e.tag in ("script", "img", "a", "iframe")]
    assert not [(e.tag, name) for e in elements for name in e.keys() if name.lower().startswith("on")]
    assert not [e.tag for e in elements for value in e.attrib.values() if "javascript:" in value.lower()]
    text = "".join(element_text(e) for e in (tree if build is report_fragment else [tree]))
    for hostile in (HOSTILE_ORGAN, *HOSTILE_TEXTS):  # shown as the clerk typed it, not lost
        assert hostile in text


def test_the_clipboard_fragment_is_the_page_with_its_styles_on_the_elements():
    report = sample_report()
    page, fragment = parsed(report_page(report)), parsed(report_fragment(report), fragment=True)
    article = page.find("body/main/div")
    assert element_text(fragment[0]) == element_text(article)
    assert [e.tag for e in fragment[0].iter()] == [e.tag for e in article.iter()]
    assert not [e for e in fragment[0].iter() if e.tag == "style" or e.get("class")]
    styled = {e.tag: e.get("style") for e in fragment[0].iter() if e.tag in ("th", "td", "table", "h1", "p")}
    assert "border:1px solid" in styled["th"] and "border-collapse:collapse" in styled["table"]
    assert "font-size:1.6em" in styled["h1"]
    colspans = [e.get("colspan") for e in fragment[0].iter() if e.get("colspan")]
    assert colspans == [e.get("colspan") for e in article.iter() if e.get("colspan")]


def test_the_page_imports_back_with_every_cell(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "export", SAMPLE, "--html", tmp_path / "r.html"],
                            capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"已导出：{tmp_path / 'r.html'}"
    back = import_file(tmp_path / "r.html")
    report = sample_report()
    assert back.certain
    assert (back.report.organ, back.report.year) == (report.organ, report.year)
    assert [back.report.table(k) for k in TABLES] == [report.table(k) for k in TABLES]
    assert [p.text for p in back.report.overview] == [p.text.strip() for p in report.overview]


def test_the_pasted_content_imports_back_from_a_site_page_around_it(tmp_path):
    """What a content system publishes after the clerk pastes: its own chrome around the fragment, GBK."""
    report = sample_report()
    site = ('<html><head><meta charset="gbk"><title>政府信息公开年报</title><script>var x=1;</script></head><body>'
            '<div class="nav"><a href="/">首页</a> &gt; <a href="/xxgk/">政府信息公开</a> &gt; 年报</div>'
            '<table class="xxgk_info"><tr><td>索引号：001-2022-0001</td><td>发布机构：济源市人民政府办公室</td></tr>'
            '<tr><td>成文日期：2022-01-20</td><td>主题分类：年度报告</td></tr></table>'
            f'<div class="article_con">{report_fragment(report)}</div>'
            '<div class="footer">主办：济源市人民政府办公室 【打印本页】【关闭窗口】</div></body></html>')
    (tmp_path / "site.html").write_bytes(site.encode("gbk", errors="xmlcharrefreplace"))
    back = import_file(tmp_path / "site.html").report
    assert [back.table(k) for k in TABLES] == [report.table(k) for k in TABLES]


def test_a_page_is_written_whole_or_not_at_all(tmp_path):
    from export.files import ExportError, save_html

    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ExportError, match="无法在"):
        save_html(sample_report(), blocker / "r.html")
    save_html(sample_report(), tmp_path / "r.html")
    assert (tmp_path / "r.html").read_bytes() == page_bytes(sample_report())


# ---------------------------------------------------------------- in a real browser
SERIOUS = ("serious", "critical")


def axe_violations(driver) -> list[str]:
    axe_selenium_python = pytest.importorskip("axe_selenium_python")
    axe = axe_selenium_python.Axe(driver)
    axe.inject()
    results = axe.run()
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
            for v in results["violations"] if v["impact"] in SERIOUS]


def sideways(driver) -> tuple[int, int]:
    return tuple(driver.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"))


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with chromium(tmp_path_factory.mktemp("chromium")) as driver:
        yield driver


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone-375", "desktop-1366"])
def test_in_a_browser_the_page_never_scrolls_sideways_and_passes_axe(browser, viewport, tmp_path):
    width, height, phone = viewport
    (tmp_path / "r.html").write_bytes(page_bytes(sample_report()))
    show(browser, tmp_path / "r.html", width, height, phone)
    scroll_width, client_width = sideways(browser)
    assert scroll_width <= client_width
    sizes = browser.execute_script(
        "return Array.from(document.querySelectorAll('p, td, th, caption, h1, h2, h3'))"
        ".map(e => parseFloat(getComputedStyle(e).fontSize))")
    assert min(sizes) >= 16
    # 表三 is wider than a phone: it scrolls in its box, and the box takes the keyboard
    box = browser.find_element("css selector", "[aria-label='表三　收到和处理政府信息公开申请情况']")
    box_scroll, box_client = browser.execute_script("return [arguments[0].scrollWidth, arguments[0].clientWidth]", box)
    assert (box_scroll > box_client) == phone
    assert axe_violations(browser) == []
    print("screenshot:", screenshot(browser, tmp_path / f"page-{width}.png", width, phone))


def test_in_a_browser_a_hostile_report_runs_nothing(browser, tmp_path):
    (tmp_path / "r.html").write_bytes(page_bytes(hostile_report()))
    show(browser, tmp_path / "r.html", *PHONE)
    scroll_width, client_width = sideways(browser)
    assert scroll_width <= client_width  # a web address or a run of digits longer than a phone wraps
    from selenium.common.exceptions import NoAlertPresentException
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text
    assert browser.title == f"{HOSTILE_ORGAN}2021年政府信息公开工作年度报告"
    assert browser.execute_script(
        "return document.images.length + document.scripts.length + document.links.length") == 0
    assert HOSTILE_TEXTS[1] in browser.find_element("tag name", "main").text


def test_printed_on_a4_each_table_that_fits_a_page_stays_whole(browser, tmp_path):
    from pypdf import PdfReader

    (tmp_path / "r.html").write_bytes(page_bytes(sample_report()))
    show(browser, tmp_path / "r.html", *DESKTOP)
    pdf = browser.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})
    pages = PdfReader(io.BytesIO(base64.b64decode(pdf["data"]))).pages
    assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pages} == {(595, 842)}
    texts = [re.sub(r"\s", "", p.extract_text()) for p in pages]

    def page_of(text: str) -> int:
        return next(i for i, t in enumerate(texts) if text in t)

    assert page_of("第二十条第（一）项") == page_of("行政事业性收费")  # 表二 whole
    assert page_of("申请人情况") == page_of("四、结转下年度继续办理")  # 表三 whole
    assert page_of("未经复议直接起诉") == page_of("复议后起诉")  # 表四 whole


def test_pasted_into_an_editable_box_the_tables_keep_their_merged_headers_and_styles(browser, tmp_path):
    """A site's editor is a contenteditable box in a browser: the fragment goes in as a paste does."""
    fragment = report_fragment(sample_report())
    (tmp_path / "editor.html").write_text('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
                                          '<title>编辑器</title></head><body><div id="editor" contenteditable="true">'
                                          '</div></body></html>', encoding="utf-8")
    show(browser, tmp_path / "editor.html", *DESKTOP)
    tables, merged, styled = browser.execute_script(
        "const editor = document.getElementById('editor'); editor.focus();"
        "document.execCommand('insertHTML', false, arguments[0]);"
        "return [editor.querySelectorAll('table').length,"
        " Array.from(editor.querySelectorAll('[colspan], [rowspan]')).map(c => c.textContent + '|' +"
        "  (c.getAttribute('colspan') || 1) + '|' + (c.getAttribute('rowspan') || 1)),"
        " getComputedStyle(editor.querySelector('td')).borderTopStyle]", fragment)
    assert tables == 3 and styled == "solid"
    assert {"申请人情况|7|1", "法人或其他组织|5|1", "（三）不予公开|1|8", "行政诉讼|10|1"} <= set(merged)
