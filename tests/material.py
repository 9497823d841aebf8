"""Test material made the way other programs make it, from a seed's narrative and its hand-read figures
(tests/fixtures/expected/): web pages as TRS and Hanweb content systems and Word's "save as web page" write
them, a single-file page (.mhtml), a Word file built cell by cell with python-docx (not our exporter), an Excel
sheet in the official layout; LibreOffice turns them into PDF and .doc (`convert`).

The tables' rows, columns and spans come from model/layout.py, as the official tables print them.
"""
from __future__ import annotations

import html
import quopri
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from model.layout import SECTIONS, TABLES, CellKind
from seed_expectations import expected_for

_HEADING = re.compile(r"^([一二三四五六])、")
_MARKDOWN_LINK = re.compile(r"\(<(http[^>]+)>\)")


@dataclass
class Seed:
    name: str
    organ: str
    year: int
    title: str
    narrative: dict[str, list[tuple[bool, str]]]  # section key → (is a subheading, text)
    values: dict[tuple[str, str, str], str]  # (table, row, column) → the printed number

    def value(self, table: str, cell) -> str:
        row, column = cell.value
        return self.values[(table, row, column)]


def load_seed(path: Path) -> Seed:
    """The seed's title and narrative sections (as the seed prints them) with its expected figures."""
    expected = expected_for(path)
    keys = {SECTIONS[i][1][0]: key for i, (key, _) in enumerate(SECTIONS)}
    narrative: dict[str, list[tuple[bool, str]]] = {key: [] for key, _ in SECTIONS}
    lines: dict[str, list[str]] = {key: [] for key, _ in SECTIONS}
    section = None
    for line in path.read_text(encoding="utf-8").splitlines():
        text = _MARKDOWN_LINK.sub(r"(\1)", line.strip()).removeprefix("- ").replace("**", "")
        if not text:
            continue
        if (match := _HEADING.match(text)) and text in (h for _, h in SECTIONS):
            section = keys[match.group(1)]
        elif section is not None and section not in TABLES:
            lines[section].append(text)
    for key, paragraphs in expected["narrative"].items():
        # the seed (copied from a PDF) may break a paragraph over lines: a line not starting the next
        # paragraph read by hand continues the one before
        starts = [re.sub(r"\s", "", start.removeprefix("- ")) for _, start, *_ in paragraphs]
        for text in lines[key]:
            compact = re.sub(r"^[(（]([一二三四五六七八九十]+)[)）]\s*", r"（\1）", text)
            if len(narrative[key]) < len(starts) and re.sub(r"\s", "", compact).startswith(starts[len(narrative[key])]):
                narrative[key].append((paragraphs[len(narrative[key])][0] == "h", compact))
            elif narrative[key]:
                subheading, before = narrative[key][-1]
                narrative[key][-1] = (subheading, before + text)
    values = {}
    for key in ("sec2", "sec3"):
        for row in TABLES[key].rows:
            for column, value in zip(row.columns, expected[key][row.key], strict=True):
                values[(key, row.key, column)] = str(Decimal(str(value)))
    for column, value in zip(TABLES["sec4"].row("counts").columns, expected["sec4"], strict=True):
        values[("sec4", "counts", column)] = str(value)
    title = f"{expected['organ']}{expected['year']}年政府信息公开工作年度报告"
    return Seed(path.stem, expected["organ"], expected["year"], title, narrative, values)


def grid_rows(seed: Seed, table: str):
    """Each grid row of an official table: (text, rows spanned, columns spanned, is a figure) per cell."""
    layout = TABLES[table]
    rows = []
    for r in range(layout.grid_height):
        cells = []
        for c in range(layout.grid_width):
            cell = layout.cell_at(r, c)
            if cell is not None:
                text = seed.value(table, cell) if cell.kind is CellKind.VALUE else cell.text
                cells.append((text, cell.row_span, cell.col_span, cell.kind is CellKind.VALUE))
        rows.append(cells)
    return rows


def _sections(seed: Seed):
    """(heading, paragraphs or None for a table key) in report order."""
    for key, heading in SECTIONS:
        yield heading, key, seed.narrative.get(key, [])


# ---------------------------------------------------------------------------------------- web pages
def _span(text: str, style: str) -> str:
    return f'<span style="{style}">{html.escape(text)}</span>'


def _spans(rows: int, columns: int, quote: bool = False) -> str:
    q = '"' if quote else ""
    return (f" rowspan={q}{rows}{q}" if rows > 1 else "") + (f" colspan={q}{columns}{q}" if columns > 1 else "")


def trs_page(seed: Seed) -> bytes:
    """A TRS WCM page: site chrome, an 索引号 table above the title, the article in div.TRS_Editor with
    <p><span style> everywhere, &nbsp; padding, and the figures tables with rowspan/colspan."""
    font = "font-family:仿宋_GB2312;font-size:16pt"
    body = []
    for heading, key, paragraphs in _sections(seed):
        body.append(f'<p style="text-indent:2em">{_span(heading, "font-family:黑体;font-size:16pt")}</p>')
        if key in TABLES:
            rows = []
            for cells in grid_rows(seed, key):
                tds = "".join(
                    f'<td{_spans(rs, cs)} '
                    f'style="border:1px solid #000;padding:0 5px">'
                    f'<p style="text-align:center">&nbsp;{_span(text, "font-size:10.5pt")}&nbsp;</p></td>'
                    for text, rs, cs, _ in cells)
                rows.append(f"<tr>{tds}</tr>")
            body.append('<table border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse">'
                        f"<tbody>{''.join(rows)}</tbody></table>")
            continue
        for subheading, text in paragraphs:
            inner = f"<strong>{_span(text, font)}</strong>" if subheading else _span(text, font)
            body.append(f'<p style="text-indent:2em;line-height:1.5">&nbsp;&nbsp;{inner}</p>')
    page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
 "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>{seed.title}_{seed.organ}</title>
<script type="text/javascript">var _hmt = _hmt || []; document.write("<div>统计</div>");</script>
<style type="text/css">.nav li {{ float:left; }} .TRS_Editor p {{ margin:0 }}</style>
</head><body>
<div class="top"><div class="logo"><img src="logo.png" alt="{seed.organ}"/></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/hdjl/">互动交流</a></li><li><a href="/bsfw/">办事服务</a></li></ul></div></div>
<div class="location">您当前的位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt;
<a href="/zwgk/ndbg/">政府信息公开年报</a></div>
<div class="xxgk-info"><table class="xxgk_table" width="100%">
<tr><td class="t1">索引号：</td><td>11410400MB1C07452T/2022-00015</td><td class="t1">主题分类：</td><td>政务公开</td></tr>
<tr><td class="t1">发布机构：</td><td>{seed.organ}</td><td class="t1">成文日期：</td><td>{seed.year + 1}-01-20</td></tr>
<tr><td class="t1">名　　称：</td><td colspan="3">{seed.title}</td></tr>
</table></div>
<div class="article">
<h1 class="article-title">{seed.title}</h1>
<div class="article-info">发布时间：{seed.year + 1}-01-20 09:30　来源：{seed.organ}　浏览次数：<span id="count">1024</span>
【字体：<a href="javascript:setFont(18)">大</a> <a href="javascript:setFont(16)">中</a> <a href="javascript:setFont(14)">小</a>】</div>
<div class="TRS_Editor"><div class="TRS_PreAppend">
{chr(10).join(body)}
</div></div>
<div class="article-tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
<div class="footer"><p>主办单位：{seed.organ}　承办单位：信息中心</p><p>网站标识码：4104000001　豫ICP备05012345号</p>
<p>地址：人民路1号　联系电话：0375-1234567</p></div>
</body></html>"""
    return page.encode("utf-8")


def hanweb_page(seed: Seed, encoding: str = "gbk") -> bytes:
    """A Hanweb page of the table-layout kind, saved in GBK with <meta charset=gb2312>: nested layout tables,
    the 索引号 box as label and value cells, the article in div#zoom with <font> and <br>."""
    body = []
    for heading, key, paragraphs in _sections(seed):
        body.append(f"<p><b>{heading}</b></p>")
        if key in TABLES:
            rows = []
            for cells in grid_rows(seed, key):
                tds = "".join(
                    f'<td{_spans(rs, cs, quote=True)} '
                    f'valign="center"><p style="text-align:center;margin:0"><span><font face="宋体">'
                    f'{html.escape(text)}</font></span></p></td>' for text, rs, cs, _ in cells)
                rows.append(f"<tr>{tds}</tr>")
            body.append('<table width="100%" border="1" cellspacing="0" cellpadding="0" '
                        'style="border-collapse:collapse" align="center">' + "\n".join(rows) + "</table>")
            continue
        lines = [f"<b>{html.escape(t)}</b>" if sub else "&nbsp;&nbsp;&nbsp;&nbsp;" + html.escape(t)
                 for sub, t in paragraphs]
        body.append('<p style="text-indent:2em"><font face="仿宋_GB2312">' + "<br/>\n".join(lines) + "</font></p>")
    page = f"""<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{seed.title}</title>
<link rel="stylesheet" href="/images/style.css">
<script language="javascript" src="/script/hanweb.js"></script>
</head><body topmargin="0">
<table width="1000" align="center" cellpadding="0" cellspacing="0"><tr><td>
  <table width="100%"><tr><td><a href="/">网站首页</a></td><td><a href="/col/col1/">机构概况</a></td>
  <td><a href="/col/col2/">政府信息公开</a></td><td><a href="/col/col3/">政民互动</a></td></tr></table>
</td></tr>
<tr><td>
  <table width="100%" class="xxgk_nav"><tr><td>当前位置：<a href="/">首页</a>&gt;&gt;<a href="/col/col2/">政府信息公开</a>&gt;&gt;<a href="/col/col9/">年度报告</a></td></tr></table>
  <table width="100%" border="0" cellpadding="0" cellspacing="1" bgcolor="#cccccc" class="xxgk_table">
   <tr bgcolor="#ffffff"><td width="12%">索 引 号</td><td width="38%">005138406/{seed.year + 1}-00021</td>
   <td width="12%">主题分类</td><td>其他</td></tr>
   <tr bgcolor="#ffffff"><td>发布机构</td><td>{seed.organ}</td><td>发文日期</td><td>{seed.year + 1}-01-25</td></tr>
   <tr bgcolor="#ffffff"><td>文　　号</td><td></td><td>公开方式</td><td>主动公开</td></tr>
  </table>
  <table width="100%"><tr><td align="center" class="title"><font style="font-size:22px"><b>{seed.title}</b></font></td></tr>
  <tr><td align="center">{seed.year + 1}-01-25 【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】
  <script>document.write('访问量')</script></td></tr>
  <tr><td><div id="zoom">
{chr(10).join(body)}
  </div></td></tr></table>
</td></tr>
<tr><td align="center"><a href="javascript:window.print()">打印本页</a>&nbsp;&nbsp;<a href="javascript:window.close()">关闭窗口</a></td></tr>
<tr><td align="center" class="bottom">版权所有：{seed.organ}&nbsp;&nbsp;技术支持：大汉网络<br/>ICP备案：豫ICP备12345678号</td></tr>
</table></body></html>"""
    return page.encode(encoding)


def _wrap_like_word(text: str, width: int = 36) -> str:
    """Word writes its HTML in lines of about 76 bytes, breaking between Chinese characters."""
    out, line = [], ""
    for char in text:
        line += char
        if len(line) >= width and "\u4e00" <= char <= "\u9fff":
            out.append(line)
            line = ""
    return "\r\n".join(out + [line])


def word_web_page(seed: Seed) -> bytes:
    """Word's "save as web page" (filtered): class=MsoNormal paragraphs, <o:p>&nbsp;</o:p> empty paragraphs,
    an MsoNormalTable with width/rowspan/colspan, text wrapped across source lines, saved as GB2312."""
    body = [f"<p class=MsoNormal align=center style='text-align:center'><b><span style='font-size:22.0pt;"
            f"font-family:方正小标宋简体'>{_wrap_like_word(seed.title)}</span></b></p>",
            "<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>"]
    for heading, key, paragraphs in _sections(seed):
        body.append(f"<p class=MsoNormal style='text-indent:32.0pt'><span style='font-size:16.0pt;"
                    f"font-family:黑体'>{heading}<span lang=EN-US><o:p></o:p></span></span></p>")
        if key in TABLES:
            rows = []
            for cells in grid_rows(seed, key):
                tds = "".join(
                    f"<td width={40 * cs}{_spans(rs, cs)}"
                    f" valign=top style='border:solid windowtext 1.0pt;padding:0cm 5.4pt 0cm 5.4pt'>"
                    f"<p class=MsoNormal align=center style='text-align:center'><span lang=EN-US"
                    f" style='font-size:9.0pt'>{_wrap_like_word(html.escape(text))}<o:p></o:p></span></p></td>"
                    for text, rs, cs, _ in cells)
                rows.append(f" <tr style='height:20.0pt'>\r\n{tds}\r\n </tr>")
            body.append("<div align=center><table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0"
                        " style='border-collapse:collapse;border:none'>\r\n" + "\r\n".join(rows) + "\r\n</table></div>")
            body.append("<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>")
            continue
        for subheading, text in paragraphs:
            weight = "font-family:楷体_GB2312" if subheading else "font-family:仿宋_GB2312"
            body.append(f"<p class=MsoNormal style='text-indent:32.0pt;line-height:28.0pt'><span style='font-size:"
                        f"16.0pt;{weight}'>{_wrap_like_word(html.escape(text))}<span lang=EN-US><o:p></o:p>"
                        f"</span></span></p>")
    page = ("<html xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\"\r\n"
            "xmlns:w=\"urn:schemas-microsoft-com:office:word\" xmlns=\"http://www.w3.org/TR/REC-html40\">\r\n<head>\r\n"
            "<meta http-equiv=Content-Type content=\"text/html; charset=gb2312\">\r\n"
            "<meta name=Generator content=\"Microsoft Word 15 (filtered)\">\r\n<style>\r\n<!--\r\n"
            " p.MsoNormal, li.MsoNormal, div.MsoNormal {margin:0cm; text-align:justify; font-size:10.5pt;}\r\n"
            "-->\r\n</style>\r\n</head>\r\n<body lang=ZH-CN style='text-justify-trim:punctuation'>\r\n"
            "<div class=WordSection1>\r\n" + "\r\n".join(body) + "\r\n</div>\r\n</body>\r\n</html>\r\n")
    return page.encode("gb18030")


def mhtml_of(page: bytes, location: str) -> bytes:
    """A browser's "save as single file" (as Chrome writes it): multipart/related, the page quoted-printable."""
    boundary = "----MultipartBoundary--nWq3QdXo2tHVPrsTLUnzrk2cWRjYMlYfFOm4VNAeFb----"
    head = (f"From: <Saved by Blink>\r\nSnapshot-Content-Location: {location}\r\nSubject: =?utf-8?Q?report?=\r\n"
            f"MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n"
            f"\tboundary=\"{boundary}\"\r\n\r\n\r\n--{boundary}\r\n"
            f"Content-Type: text/html\r\nContent-ID: <frame-1@mhtml.blink>\r\n"
            f"Content-Transfer-Encoding: quoted-printable\r\nContent-Location: {location}\r\n\r\n")
    tail = (f"\r\n--{boundary}\r\nContent-Type: text/css\r\nContent-Transfer-Encoding: quoted-printable\r\n"
            f"Content-Location: {location.rsplit('/', 1)[0]}/style.css\r\n\r\n.nav {{ float: left; }}\r\n"
            f"\r\n--{boundary}--\r\n")
    body = quopri.encodestring(page).replace(b"\n", b"\r\n")
    return head.encode("ascii") + body + tail.encode("ascii")


# ---------------------------------------------------------------------------------------- Office files
def hand_built_docx(seed: Seed, path: Path) -> None:
    """A Word file built paragraph by paragraph and cell by cell with python-docx, merged cells merged."""
    import docx
    from docx.shared import Pt

    document = docx.Document()
    document.add_paragraph(seed.title).runs[0].font.size = Pt(22)
    for heading, key, paragraphs in _sections(seed):
        document.add_paragraph(heading)
        if key in TABLES:
            layout = TABLES[key]
            table = document.add_table(rows=layout.grid_height, cols=layout.grid_width)
            table.style = "Table Grid"
            for cell in layout.cells:
                target = table.cell(cell.row, cell.col)
                if cell.row_span > 1 or cell.col_span > 1:
                    target = target.merge(table.cell(cell.row + cell.row_span - 1, cell.col + cell.col_span - 1))
                text = seed.value(key, cell) if cell.kind is CellKind.VALUE else cell.text
                target.text = text
                for run in target.paragraphs[0].runs:
                    run.font.size = Pt(7)
            continue
        for _, text in paragraphs:
            document.add_paragraph(text)
    document.add_paragraph(seed.organ)
    document.add_paragraph(f"{seed.year + 1}年1月20日")
    document.save(path)


def official_xlsx(seed: Seed, path: Path) -> None:
    """A provincial Excel template: one sheet per table, the title and heading rows merged across, figures as
    numbers (amounts with their decimals), merged header and label cells."""
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for key, layout in TABLES.items():
        sheet = workbook.create_sheet(f"表{layout.heading[0]}")
        sheet.cell(1, 1, seed.title)
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=layout.grid_width)
        sheet.cell(2, 1, layout.heading)
        sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=layout.grid_width)
        for cell in layout.cells:
            row, column = cell.row + 3, cell.col + 1
            if cell.kind is CellKind.VALUE:
                number = Decimal(seed.value(key, cell))
                sheet.cell(row, column, int(number) if number == number.to_integral() else float(number))
            else:
                sheet.cell(row, column, cell.text)
            if cell.row_span > 1 or cell.col_span > 1:
                sheet.merge_cells(start_row=row, start_column=column, end_row=row + cell.row_span - 1,
                                  end_column=column + cell.col_span - 1)
    workbook.save(path)
