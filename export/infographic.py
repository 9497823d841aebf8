"""The report's figures as one tall picture (图解) to publish beside the report: SVG, PNG or PDF.

The picture is laid out once, as marks (boxes and texts placed from the top), then drawn with reportlab's
graphics: renderSVG keeps every figure and label as <text> in a family any Chinese system has; renderPDF sets
each character in a font that has it (the 公文 faces where installed, else the shipped ones, as the PDF export
does); pypdfium2 turns that PDF into a PNG 1080 px wide.  Labels come from model/layout, the figures are the
report's own, written as the tables write them (format_number); against last year each change is given with
its number, an arrow and a word, never by colour alone.
"""
from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass, field
from decimal import Decimal

from reportlab.graphics import renderPDF, renderSVG
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth

from export.content import printable
from export.linebreak import break_lines
from export.pagestyle import HEADING1, TITLE
from model.findings import format_number
from model.layout import (SEC2, SEC3, SEC3_APPLICANT_COLUMNS, SEC3_APPLICANTS, SEC3_ORGANISATIONS, SEC3_RESULT_ROWS,
                          SEC4, SEC4_GROUPS, SEC4_OUTCOMES, SEC4_ROW, column_caption)
from model.report import REPORT_TITLE_TAIL, Report

WIDTH = 540.0  # points; the PNG, 2 pixels a point, is 1080 px wide: a phone's screen, pixel for pixel
PNG_SCALE = 2
MARGIN = 28.0
GAP = 10.0  # between tiles
PAD = 10.0  # inside a tile
SVG_WIDTH_MARGIN = 1.25  # a reader's (bold) sans digits run wider than the shipped faces' the layout measures

# restrained 政务 colours; every text keeps at least 4.5:1 against what it is drawn on
NAVY = "#1f3a68"  # header band and headings
INK = "#1a1a1a"
MUTED = "#4a4a4a"
PANEL = "#eef2f7"  # a tile
BAR = "#2f5d9a"
WHITE = "#ffffff"
RISE, FALL = "#9e1b1b", "#1d6b3a"  # a change up or down (its arrow and word say it too)

# the families a reader's system may have, for the SVG (which does not carry fonts); PDF and PNG embed theirs
SVG_FAMILIES = {
    TITLE: "'方正小标宋简体', 'FZXiaoBiaoSong-B05S', 'SimSun', '宋体', 'Songti SC', 'Noto Serif CJK SC', serif",
    HEADING1: "'Microsoft YaHei', 'SimHei', '黑体', 'PingFang SC', 'Noto Sans CJK SC', 'Source Han Sans SC', "
              "'WenQuanYi Micro Hei', sans-serif",
}
AGAINST_LAST_YEAR = "较上年"
SOURCE_LINE = "数据来源：本机关{year}年" + REPORT_TITLE_TAIL


# ---------------------------------------------------------------- figures
@dataclass(frozen=True)
class Change:
    """A figure against last year's: the arrow and the words say it, the colour only repeats them."""

    arrow: str
    words: str  # 增加15, 减少3, 持平
    colour: str

    @property
    def shown(self) -> str:
        return f"{self.arrow} {self.words}"


@dataclass(frozen=True)
class Figure:
    label: str
    value: Decimal | None
    last: Decimal | None = None  # last year's, when known

    @property
    def shown(self) -> str:
        return format_number(self.value) or "未填"

    def change(self) -> Change | None:
        """The change from last year; None when either year's figure is unknown."""
        if self.value is None or self.last is None:
            return None
        difference = self.value - self.last
        if difference > 0:
            return Change("↑", f"增加{format_number(difference)}", RISE)
        if difference < 0:
            return Change("↓", f"减少{format_number(-difference)}", FALL)
        return Change("→", "持平", MUTED)

    def sentence(self) -> str:
        change = self.change()
        return f"{self.label}：{self.shown}" + (f"（{AGAINST_LAST_YEAR}{change.words}）" if change else "")


def _figure(report: Report, label: str, table: str, cells: list[tuple[str, str]]) -> Figure:
    """The sum of `cells` this year and last (blank where every cell is), as 汇总 sums a key figure."""
    from model.summary.units import KeyFigure

    summed = KeyFigure(label, label, table, tuple(cells))
    return Figure(label, summed.value(report), summed.value(report.last_year) if report.last_year else None)


def short_label(label: str) -> str:
    """（二）部分公开（区分处理的，…） → 部分公开; 三、本年度办理结果 → 本年度办理结果: the layout's label
    without its number and its note."""
    label = re.sub(r"^(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)", "", label)
    return re.split(r"[（(]", label, maxsplit=1)[0]


def active_groups(report: Report) -> list[tuple[str, list[Figure]]]:
    """表二 as captioned rows of figures: a row with several columns (规章: 制发, 废止, 现行有效) under its
    label; rows of one column (行政许可, 行政处罚, 行政强制) together under that column's label."""
    groups: list[tuple[str, list[Figure]]] = []
    for row in SEC2.rows:
        if len(row.columns) > 1:
            groups.append((row.label, [_figure(report, SEC2.column(c).label, "sec2", [(row.key, c)])
                                       for c in row.columns]))
            continue
        caption = SEC2.column(row.columns[0]).label
        figure = _figure(report, row.label, "sec2", [(row.key, row.columns[0])])
        if groups and groups[-1][0] == caption:
            groups[-1][1].append(figure)
        else:
            groups.append((caption, [figure]))
    return groups


def request_figures(report: Report) -> list[Figure]:
    """新收, 上年结转, 办结, 结转下年度: the key figures 汇总 shows for each unit."""
    from model.summary.units import KEY_FIGURES

    return [_figure(report, k.title, k.table, list(k.cells)) for k in KEY_FIGURES if k.table == "sec3"]


def result_groups(report: Report) -> list[Figure]:
    """本年度办理结果 by kind (予以公开 … 其他处理), the 总计 column of each group of rows."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for key in SEC3_RESULT_ROWS:
        groups.setdefault(short_label(SEC3.row(key).path[1]), []).append((key, "total"))
    return [_figure(report, label, "sec3", cells) for label, cells in groups.items()]


def applicant_figures(report: Report) -> list[Figure]:
    """本年新收 by kind of applicant: 自然人, then each kind of 法人或其他组织."""
    return [_figure(report, SEC3.column(c).label, "sec3", [("new", c)]) for c in SEC3_APPLICANT_COLUMNS]


def appeal_groups(report: Report) -> list[tuple[str, list[Figure]]]:
    """行政复议 and the two kinds of 行政诉讼, each with its results and 总计."""
    groups = []
    for group, _ in SEC4_GROUPS:
        caption = column_caption(SEC4, f"{group}_total").rsplit("·", 1)[0]
        groups.append((caption, [_figure(report, label, "sec4", [(SEC4_ROW, f"{group}_{outcome}")])
                                 for outcome, label in SEC4_OUTCOMES]))
    return groups


# ---------------------------------------------------------------- marks
@dataclass(frozen=True)
class Label:
    x: float
    y: float  # baseline, from the top
    text: str
    size: float
    colour: str = INK
    anchor: str = "start"  # start, middle or end
    role: str = HEADING1  # the font: 黑 for labels and figures, the title's 宋
    bold: bool = False  # figures and the title: the shipped faces have no bold, so the PDF sets them twice


@dataclass(frozen=True)
class Box:
    x: float
    y: float  # top edge, from the top
    width: float
    height: float
    fill: str


@dataclass
class Sheet:
    """The picture being laid out, top to bottom."""

    marks: list[Label | Box] = field(default_factory=list)
    y: float = 0.0  # where the next part starts
    description: list[str] = field(default_factory=list)  # every figure in words, for the SVG's <desc>

    def label(self, x: float, y: float, text: str, size: float, **style) -> None:
        self.marks.append(Label(x, y, text, size, **style))

    def lines(self, text: str, size: float, width: float, role: str = HEADING1) -> list[str]:
        return break_lines(text, width, width, lambda t: text_width(t, size, role)) if text else []


def text_width(text: str, size: float, role: str = HEADING1) -> float:
    from export.pdf import font_chain
    return font_chain(role).width(text, size)


# ---------------------------------------------------------------- layout
# type sizes in points: 16 pt is 32 px of the 1080 px picture, about 11 px on a phone showing it across its screen
TITLE_SIZE, ORGAN_SIZE, HEADING_SIZE, CAPTION_SIZE = 25.0, 18.0, 21.0, 17.0
LABEL_SIZE, FIGURE_SIZE, CHANGE_SIZE, FOOT_SIZE = 16.0, 26.0, 14.0, 14.0


def _header(sheet: Sheet, report: Report) -> None:
    width = WIDTH - 2 * MARGIN
    organ = sheet.lines(printable(report.organ).strip(), ORGAN_SIZE, width)
    title = sheet.lines(f"{report.year}年{REPORT_TITLE_TAIL}图解", TITLE_SIZE, width, TITLE)
    height = 26 + len(organ) * ORGAN_SIZE * 1.45 + len(title) * TITLE_SIZE * 1.4 + 16
    sheet.marks.append(Box(0, 0, WIDTH, height, NAVY))
    y = 26.0
    for line in organ:
        y += ORGAN_SIZE * 1.2
        sheet.label(WIDTH / 2, y, line, ORGAN_SIZE, colour=WHITE, anchor="middle")
        y += ORGAN_SIZE * 0.25
    for line in title:
        y += TITLE_SIZE * 1.25
        sheet.label(WIDTH / 2, y, line, TITLE_SIZE, colour=WHITE, anchor="middle", role=TITLE, bold=True)
    sheet.y = height + 8


def _heading(sheet: Sheet, text: str) -> None:
    sheet.y += 22 + HEADING_SIZE
    sheet.label(MARGIN, sheet.y, text, HEADING_SIZE, colour=NAVY)
    sheet.y += 8
    sheet.marks.append(Box(MARGIN, sheet.y, WIDTH - 2 * MARGIN, 1.5, NAVY))
    sheet.y += 4
    sheet.description.append(text)


def _caption(sheet: Sheet, text: str) -> None:
    sheet.y += 12 + CAPTION_SIZE
    sheet.label(MARGIN, sheet.y, text, CAPTION_SIZE, colour=INK)
    sheet.y += 4
    sheet.description.append(text)


def figure_size(text: str, room: float) -> float:
    """The figure's type size: smaller for a long one (a summed report's 12345678.1234) so it stays in its tile."""
    return min(FIGURE_SIZE, FIGURE_SIZE * room / (SVG_WIDTH_MARGIN * text_width(text, FIGURE_SIZE)))


def _change_lines(sheet: Sheet, change: str, room: float) -> list[str]:
    """较上年 ↑ 增加15 on one line where it fits, else 较上年 over the arrow and its words."""
    whole = f"{AGAINST_LAST_YEAR} {change}"
    if text_width(whole, CHANGE_SIZE) <= room:
        return [whole]
    return [AGAINST_LAST_YEAR, *sheet.lines(change, CHANGE_SIZE, room)]


def _tiles(sheet: Sheet, figures: list[Figure], per_row: int | None = None) -> None:
    """Figures side by side, each in a tile: its label, the figure large, its change from last year."""
    per_row = per_row or len(figures)
    width = (WIDTH - 2 * MARGIN - GAP * (per_row - 1)) / per_row
    room = width - 2 * PAD
    for start in range(0, len(figures), per_row):
        row = figures[start:start + per_row]
        parts = [(sheet.lines(f.label, LABEL_SIZE, room), f, f.change()) for f in row]
        changes = [_change_lines(sheet, c.shown, room) if c else [] for _, _, c in parts]
        most_label_lines = max(len(lines) for lines, _, _ in parts)
        most_change_lines = max(len(lines) for lines in changes)
        height = (2 * PAD + most_label_lines * LABEL_SIZE * 1.3 + FIGURE_SIZE * 1.35
                  + most_change_lines * CHANGE_SIZE * 1.35)
        top = sheet.y + GAP
        for i, ((label_lines, figure, change), change_lines) in enumerate(zip(parts, changes)):
            x = MARGIN + i * (width + GAP)
            sheet.marks.append(Box(x, top, width, height, PANEL))
            y = top + PAD
            for line in label_lines:
                y += LABEL_SIZE * 1.1
                sheet.label(x + PAD, y, line, LABEL_SIZE, colour=MUTED)
                y += LABEL_SIZE * 0.2
            y = top + PAD + most_label_lines * LABEL_SIZE * 1.3 + FIGURE_SIZE * 1.1
            sheet.label(x + PAD, y, figure.shown, figure_size(figure.shown, room), colour=NAVY, bold=True)
            y += FIGURE_SIZE * 0.25
            for line in change_lines:
                y += CHANGE_SIZE * 1.15
                sheet.label(x + PAD, y, line, CHANGE_SIZE, colour=change.colour)
                y += CHANGE_SIZE * 0.2
            sheet.description.append(figure.sentence())
        sheet.y = top + height


BAR_LABEL_WIDTH = 124.0
BAR_HEIGHT, BAR_PITCH = 17.0, 31.0
BAR_TEXT_GAP = 6.0  # between a bar's end and its figure
BAR_INDENT = 16.0  # a part's labels under its caption
BOLD_OFFSET = 0.03  # of the type size: the second impression of a bold text, to the right of the first


def _bar_text(figure: Figure, whole: Decimal | None) -> str:
    """The figure and its share of `whole`: 87 (53.4%)."""
    share = f" ({figure.value / whole * 100:.1f}%)" if figure.value is not None and whole else ""
    return figure.shown + share


def _bars(sheet: Sheet, parts: list[tuple[str, list[Figure]]], whole: Decimal | None) -> None:
    """A bar chart: a horizontal bar for each figure, on one scale for all its parts (a part captioned, its labels
    set in), with the figure and its share of `whole` after the bar; the longest bar leaves room for the widest."""
    figures = [f for _, part in parts for f in part]
    largest = max((f.value or Decimal(0) for f in figures), default=Decimal(0))
    left = MARGIN + BAR_LABEL_WIDTH
    widest = SVG_WIDTH_MARGIN * max(text_width(_bar_text(f, whole), LABEL_SIZE) for f in figures)
    longest = WIDTH - MARGIN - left - BAR_TEXT_GAP - widest
    for caption, part in parts:
        if caption:
            _caption(sheet, caption)
        for figure in part:
            top = sheet.y + (BAR_PITCH - BAR_HEIGHT) / 2 + 4
            baseline = top + BAR_HEIGHT / 2 + LABEL_SIZE * 0.36
            sheet.label(MARGIN + (BAR_INDENT if caption else 0), baseline, figure.label, LABEL_SIZE, colour=INK)
            length = float(figure.value / largest) * longest if figure.value and largest else 0.0
            if length:
                length = max(length, 1.5)  # a figure far below the largest still shows a bar
                sheet.marks.append(Box(left, top, length, BAR_HEIGHT, BAR))
            text = _bar_text(figure, whole)
            sheet.label(left + length + BAR_TEXT_GAP, baseline, text, LABEL_SIZE, colour=INK)
            sheet.description.append(f"{figure.label}：{text}")
            sheet.y += BAR_PITCH
    sheet.y += 4


def _footer(sheet: Sheet, report: Report) -> None:
    sheet.y += 26
    sheet.marks.append(Box(MARGIN, sheet.y, WIDTH - 2 * MARGIN, 0.8, MUTED))
    organ = printable(report.organ).strip()
    for line in (f"{organ}　{report.year}年度" if organ else f"{report.year}年度",
                 SOURCE_LINE.format(year=report.year)):
        for piece in sheet.lines(line, FOOT_SIZE, WIDTH - 2 * MARGIN):
            sheet.y += FOOT_SIZE * 1.6
            sheet.label(MARGIN, sheet.y, piece, FOOT_SIZE, colour=MUTED)
            sheet.description.append(piece)
    sheet.y += MARGIN


def layout(report: Report) -> Sheet:
    """The whole picture: header, 主动公开, 依申请公开, 复议和诉讼, the source at the foot."""
    sheet = Sheet()
    _header(sheet, report)
    sheet.description.append(printable(report.title))

    _heading(sheet, short_label(SEC2.heading))
    for caption, figures in active_groups(report):
        _caption(sheet, caption)
        _tiles(sheet, figures, per_row=3)

    _heading(sheet, short_label(SEC3.heading))
    _tiles(sheet, request_figures(report), per_row=2)
    results = result_groups(report)
    _caption(sheet, short_label(SEC3.row("total").path[0]))
    _bars(sheet, [("", results)], _figure(report, "", "sec3", [("total", "total")]).value)
    new = _figure(report, "", "sec3", [("new", "total")]).value
    _caption(sheet, f"{SEC3_APPLICANTS}（{short_label(SEC3.row('new').label)}）")
    applicants = applicant_figures(report)
    _bars(sheet, [("", applicants[:1]), (SEC3_ORGANISATIONS, applicants[1:])], new)

    _heading(sheet, short_label(SEC4.heading))
    for caption, figures in appeal_groups(report):
        _caption(sheet, caption)
        _tiles(sheet, figures)
    _footer(sheet, report)
    sheet.y = math.ceil(sheet.y)  # whole points: the SVG's viewBox is written in whole units
    return sheet


# ---------------------------------------------------------------- drawing
def _drawing(sheet: Sheet, runs: bool) -> Drawing:
    """The marks as a reportlab drawing (y upwards).  With `runs`, each text is cut into pieces each drawn
    with a font that has its characters (for PDF and PNG); without, each text stays one <text> (for SVG)."""
    from export.pdf import font_chain

    height = sheet.y
    # the renderers start in Helvetica, which the PDF would name unembedded: start them in our own face
    drawing = Drawing(WIDTH, height, initialFontName=font_chain(HEADING1).primary)
    for mark in sheet.marks:
        if isinstance(mark, Box):
            drawing.add(Rect(mark.x, height - mark.y - mark.height, mark.width, mark.height,
                             fillColor=HexColor(mark.fill), strokeColor=None, strokeWidth=0))
            continue
        chain = font_chain(mark.role)
        if not runs:
            text = String(mark.x, height - mark.y, mark.text, fontName=chain.primary, fontSize=mark.size,
                          fillColor=HexColor(mark.colour), textAnchor="start")
            text._svgAttrs = {"font-weight": "bold"} if mark.bold else {}
            if mark.anchor != "start":  # the reader's font decides the width: let the viewer place it
                text._svgAttrs["text-anchor"] = mark.anchor
            drawing.add(text)
            continue
        width = chain.width(mark.text, mark.size)
        x = mark.x - {"start": 0.0, "middle": width / 2, "end": width}[mark.anchor]
        for font, piece in chain.runs(mark.text):
            for offset in (0.0, BOLD_OFFSET * mark.size) if mark.bold else (0.0,):
                drawing.add(String(x + offset, height - mark.y, piece, fontName=font, fontSize=mark.size,
                                   fillColor=HexColor(mark.colour)))
            x += stringWidth(piece, font, mark.size)
    return drawing


def infographic_svg(report: Report) -> bytes:
    from export.pdf import font_chain

    sheet = layout(report)
    canvas = renderSVG.SVGCanvas((WIDTH, sheet.y), encoding="utf-8",
                                 fontHacks={font_chain(role).primary: {"family": family}
                                            for role, family in SVG_FAMILIES.items()},
                                 svgAttrs={"role": "img", "aria-labelledby": "title desc"})
    renderSVG.draw(_drawing(sheet, runs=False), canvas)
    svg = canvas.svg
    title, desc = svg.getElementsByTagName("title")[0], svg.getElementsByTagName("desc")[0]
    title.setAttribute("id", "title")
    title.firstChild.data = f"{printable(report.title)}图解"
    desc.setAttribute("id", "desc")
    desc.firstChild.data = "\n".join(sheet.description)
    out = io.StringIO()
    canvas.save(out)
    return out.getvalue().encode("utf-8")


def infographic_pdf(report: Report) -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    from export.pdf import font_chain

    sheet = layout(report)
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(WIDTH, sheet.y), initialFontName=font_chain(HEADING1).primary)
    canvas.setTitle(f"{printable(report.title)}图解")
    renderPDF.draw(_drawing(sheet, runs=True), canvas, 0, 0)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def infographic_png(report: Report) -> bytes:
    import PIL.Image  # noqa: F401 - pypdfium2's to_pil imports Pillow by name; named here so the packager bundles it
    import pypdfium2

    document = pypdfium2.PdfDocument(infographic_pdf(report))
    try:
        image = document[0].render(scale=PNG_SCALE).to_pil()
    finally:
        document.close()
    out = io.BytesIO()
    image.save(out, "PNG")  # optimize=True would take three times as long for 2 % less
    return out.getvalue()


WRITERS = {".svg": infographic_svg, ".png": infographic_png, ".pdf": infographic_pdf}
