"""The page style of an exported report (GB/T 9704-2012 党政机关公文格式), read by both writers.

Sizes are in points (1 pt = 1/72 inch); 号 sizes are the Chinese type sizes Word and WPS offer.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

MM = 72 / 25.4  # points per millimetre

# 号 → points
SIZE_2 = 22.0  # 二号: title
SIZE_3 = 16.0  # 三号: body and headings
SIZE_4 = 14.0  # 四号: page numbers
SIZE_XIAO4 = 12.0
SIZE_5 = 10.5
SIZE_XIAO5 = 9.0
SIZE_6 = 7.5
LINE_PITCH = 28.95  # 22 lines to the 225 mm type area (Word's 固定值 28.95 磅)
TABLE_SIZES = (SIZE_XIAO4, SIZE_5, SIZE_XIAO5, SIZE_6)  # tried largest first until the table fits

# Text roles; export/fonts.py maps each to a font file (PDF) and a font name (Word).
TITLE, BODY, HEADING1, HEADING2, TABLE, PAGE_NUMBER = "title", "body", "heading1", "heading2", "table", "page_number"

FORBIDDEN_LINE_START = "，。、；：？！）》」』】〕〉”’…—·%,.;:?!)]}>］｝＞"  # 标点 that never begins a line
FORBIDDEN_LINE_END = "（《「『【〔〈“‘([{<［｛＜"  # opening marks that never end a line


@dataclass(frozen=True)
class TextStyle:
    role: str
    size: float
    line_height: float  # fixed line spacing (固定值)
    indent_chars: int = 0  # first-line indent in characters of this size
    align: str = "justify"  # "justify", "center", "left"
    chars_per_line: int = 0  # set characters on a grid this many to the line (0: their natural width)

    def grid_pitch(self, width: float) -> float:
        """The character grid's pitch that puts `chars_per_line` characters in `width`, in whole twentieths of a
        point (rounded down) as Word and LibreOffice keep it: 15.75 pt for 28 三号 characters in 156 mm.
        LibreOffice sets the grid's cells, and only them, in the middle of the type area: its lines are
        `chars_per_line` pitches wide (441 pt of the 442.2)."""
        return math.floor(width / self.chars_per_line * 20) / 20

    def word_spacing(self, width: float) -> float:
        """Points Word and LibreOffice add to every character (negative: take) so that `chars_per_line` of them
        fit the grid's line: the pitch less the size, and one twentieth of a point more for their rounding of
        glyph widths; 紧缩 0.3 磅 for 三号.  Both writers break lines with it."""
        if not self.chars_per_line:
            return 0.0
        return self.grid_pitch(width) - self.size - 1 / 20


@dataclass(frozen=True)
class PageStyle:
    width: float = 210 * MM
    height: float = 297 * MM
    margin_top: float = 37 * MM  # 天头
    margin_bottom: float = 35 * MM
    margin_left: float = 28 * MM  # 订口
    margin_right: float = 26 * MM
    footer_gap: float = 7 * MM  # GB/T 9704 7.5: the page number's 一字线 sit 7 mm below the type area
    # GB/T 9704 5.2.2: 22 lines of 28 characters fill the 156 × 225 mm type area
    title: TextStyle = TextStyle(TITLE, SIZE_2, 35.0, align="center")
    body: TextStyle = TextStyle(BODY, SIZE_3, LINE_PITCH, indent_chars=2, chars_per_line=28)
    heading1: TextStyle = TextStyle(HEADING1, SIZE_3, LINE_PITCH, indent_chars=2, align="left", chars_per_line=28)
    heading2: TextStyle = TextStyle(HEADING2, SIZE_3, LINE_PITCH, indent_chars=2, align="left", chars_per_line=28)
    page_number_size: float = SIZE_4
    table_cell_padding: float = 2.0
    table_line_factor: float = 1.25  # line height in table cells relative to the font size
    table_max_lines: int = 3
    # grid column widths as weights, per table (label columns wider, value columns equal)
    column_weights: dict[str, tuple[float, ...]] = field(default_factory=lambda: {
        "sec2": (3.0, 2.0, 2.0, 2.0),
        "sec3": (1.2, 2.6, 6.0) + (1.3,) * 7,
        "sec4": (1.0,) * 15,
        "signoff": (17, 37, 10, 36),  # caption, signature, 日期, the date written by hand
    })

    def text_style(self, role: str) -> TextStyle:
        """The style of a block of text: the title, a heading or a body paragraph."""
        return {TITLE: self.title, HEADING1: self.heading1, HEADING2: self.heading2, BODY: self.body}[role]

    @property
    def title_chars_per_line(self) -> int:
        return int(self.text_width // self.title.size)

    @property
    def text_width(self) -> float:
        return self.width - self.margin_left - self.margin_right

    @property
    def text_height(self) -> float:
        return self.height - self.margin_top - self.margin_bottom

    def column_widths(self, table_key: str) -> list[float]:
        weights = self.column_weights[table_key]
        return [self.text_width * w / sum(weights) for w in weights]


DEFAULT_STYLE = PageStyle()


PAGE_NUMBER_DASHES = ("— ", " —")  # GB/T 9704 7.5: the number between two 一字线


def page_number_text(number: int) -> str:
    return f"{PAGE_NUMBER_DASHES[0]}{number}{PAGE_NUMBER_DASHES[1]}"


def estimated_width(text: str, size: float) -> float:
    """Chinese characters are one em wide, and so are “”‘’—… in Chinese fonts; Latin letters and digits
    about half."""
    return sum(size if ord(ch) > 0x2E7F or 0x2010 <= ord(ch) <= 0x206F else size * 0.55 for ch in text)


@dataclass(frozen=True)
class ExportOptions:
    """What a user may tick at export or print."""

    signoff_sheet: bool = False  # 审核签发单 before the report
    draft_watermark: bool = False  # “送审稿” across every page
    review_sheet: bool = False  # 自查表 before the report (after the 审核签发单)


DRAFT_WATERMARK = "送审稿"
WATERMARK_ANGLE = 45  # degrees, rising to the right, in Word and PDF alike
WATERMARK_GREY = 0.82  # of white to black: light enough to read the text through, drawn behind it
WATERMARK_WIDTH_SHARE = 0.75  # of the type area's width, centred on the page, one em tall


def watermark_size(style: PageStyle) -> float:
    """The watermark's type size: its 黑体 characters, one em wide each, span WATERMARK_WIDTH_SHARE of the line."""
    return WATERMARK_WIDTH_SHARE * style.text_width / len(DRAFT_WATERMARK)


def page_number_on_right(number: int) -> bool:
    """GB/T 9704 7.5: odd pages carry the number on the right, even pages on the left, one character (of the
    number's size) in from the edge of the type area."""
    return number % 2 == 1
DASH_RISE = 0.4  # a 宋 face's 一字线 (—) sits this many ems above the baseline


def page_number_baseline(style: PageStyle) -> float:
    """Height of the page number's baseline above the page's bottom edge: its dashes 7 mm below the type area."""
    return style.margin_bottom - style.footer_gap - DASH_RISE * style.page_number_size

