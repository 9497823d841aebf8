"""The page style of an exported report (GB/T 9704-2012 党政机关公文格式), read by both writers.

Sizes are in points (1 pt = 1/72 inch); 号 sizes are the Chinese type sizes Word and WPS offer.
"""
from __future__ import annotations

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


@dataclass(frozen=True)
class PageStyle:
    width: float = 210 * MM
    height: float = 297 * MM
    margin_top: float = 37 * MM  # 天头
    margin_bottom: float = 35 * MM
    margin_left: float = 28 * MM  # 订口
    margin_right: float = 26 * MM
    footer_gap: float = 7 * MM  # page number's dashes sit 7 mm below the type area
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


def page_number_text(number: int) -> str:
    """GB/T 9704 7.5: the number between two 一字线."""
    return f"— {number} —"


def estimated_width(text: str, size: float) -> float:
    """Chinese characters are one em wide, Latin letters and digits about half."""
    return sum(size if ord(ch) > 0x2E7F else size * 0.55 for ch in text)


def _number_room(text: str, size: float) -> float:
    return estimated_width(text, size) / 0.92  # as `fits` measures a line


def widths_for_numbers(style: PageStyle, table_key: str, cells: list[tuple[str, int, int, int, bool]],
                       size: float) -> list[float]:
    """The table's column widths with each value column widened to its longest number at this size, the room
    taken from the columns holding no number (each keeps half its width, and room for three characters):
    a 9-digit count in 表三 stays on one line instead of breaking in the middle."""
    widths = style.column_widths(table_key)
    padding = 2 * style.table_cell_padding
    need = [0.0] * len(widths)
    for text, col, col_span, _, is_number in cells:
        if is_number and col_span == 1:
            need[col] = max(need[col], _number_room(text, size) + padding)
    number_columns = {col for text, col, col_span, _, is_number in cells if is_number}
    donors = [c for c in range(len(widths)) if c not in number_columns]
    deficit = [max(0.0, need[c] - widths[c]) for c in range(len(widths))]
    wanted = sum(deficit)
    floor = 3 * size + padding
    spare_of = {c: max(0.0, min(widths[c] / 2, widths[c] - floor)) for c in donors}
    spare = sum(spare_of.values())
    if not wanted or not spare:
        return widths
    given = min(wanted, spare)
    for c in range(len(widths)):
        widths[c] += deficit[c] * given / wanted
    for c in donors:
        widths[c] -= spare_of[c] * given / spare
    return widths


def table_metrics(style: PageStyle, table_key: str,
                  cells: list[tuple[str, int, int, int, bool]]) -> tuple[float, list[float]]:
    """The largest table size at which every label or header (text, first column, column span, row span,
    is a number) wraps to at most `table_max_lines` lines per row it spans and every number stays on one line,
    with the column widths at that size."""

    def fits(widths: list[float], size: float, text: str, col: int, col_span: int, row_span: int,
             is_number: bool) -> bool:
        room = sum(widths[col:col + col_span]) - 2 * style.table_cell_padding
        lines = 1 if is_number else style.table_max_lines * row_span
        return estimated_width(text, size) <= room * lines * 0.92  # line breaks waste some room

    for size in TABLE_SIZES:
        widths = widths_for_numbers(style, table_key, cells, size)
        if all(fits(widths, size, *cell) for cell in cells):
            return size, widths
    return TABLE_SIZES[-1], widths_for_numbers(style, table_key, cells, TABLE_SIZES[-1])


@dataclass(frozen=True)
class ExportOptions:
    """What a user may tick at export or print."""

    signoff_sheet: bool = False  # 审核签发单 before the report
    draft_watermark: bool = False  # “送审稿” across every page
    review_sheet: bool = False  # 自查表 before the report (after the 审核签发单)


DRAFT_WATERMARK = "送审稿"

