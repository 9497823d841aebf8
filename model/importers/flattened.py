"""Text that lost its line breaks: a web page taken off whole (markup stripped, every line break gone, site
chrome before and after the report), or a copy pasted into one line.

The text is cut where the report's structure stands — the title, the six headings, the subheadings （一）（二）…
in order, each table's header and rows, the closing signature and date — into the lines a text copy would
have had; the site chrome around the report is marked so.  Where to cut comes from the layout's labels
(model/layout through labels and digit_runs); the one recogniser (model/importers/document) reads the lines.
"""
from __future__ import annotations

import difflib
import re
import unicodedata

from model.importers.digit_runs import token_spans
from model.importers.document import Block
from model.importers.labels import GROUP, HEADER, ROW, normalize, without_numbering
from model.layout import SECTIONS, TABLES
from model.report import FIRST_YEAR, LAST_YEAR

_LONG_LINE = 200  # a line this long holding a heading with text after it is a flattened page, not a paragraph
_HEADING_START = re.compile(r"[一二三四五六七八九十][、.]")
_SAME_WORDS = 0.85  # as document.heading_index: a heading worded this close is that section's
_TITLE_YEAR = re.compile(r"(\d{4})年度?")
_TITLE_REACH = 40  # characters from the year to 报告 in a title
_LONGEST_ORGAN = 40
_ORGAN_BOUNDARY = re.compile(r".*[:>»›】\]|)_\-]|.*报告")  # what stands before an organ's name in site chrome
# site chrome between the title and the report (publishing date, source, hit counter, font size) and after it
_CHROME_AFTER_TITLE = re.compile(r"发布时间|发布日期|来源[:]|浏览次数|阅读次数|点击数|访问量|字体|字号|打印|分享")
_CHROME_AFTER_TITLE_LENGTH = 200
_FOOTER = re.compile(r"打印本页|关闭窗口|[【\[](?:打印|关闭)|附件下载|网站地图|版权所有|主办单位|承办单位|技术支持|"
                     r"ICP备|网站标识码|上一篇|下一篇|分享到|扫一扫|相关链接|相关文章|返回顶部|我要纠错")
_CLOSING_DATE = re.compile(r"(?:\d{4}|[〇○零一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,3}月"
                           r"[\d一二三四五六七八九十]{1,3}日$")
_NUMERALS = "一二三四五六七八九十"
_ITEM_NUMBER = re.compile(r"^(\d+)\.")
_SHORTEST_TABLE_START = 4  # a label this long opens the table (shorter words stand in sentences too)


class _Normalised:
    """The text as labels are compared (normalize) with, for each of its characters, where it stands in the text."""

    def __init__(self, text: str):
        self.length = len(text)
        folded = unicodedata.normalize("NFKC", text)
        if len(folded) == len(text):  # one character for one (full-width digits and brackets): kept in place
            kept = {char: normalize(char) == char for char in set(folded)}
            self.positions = [index for index, char in enumerate(folded) if kept[char]]
            self.text = "".join(folded[index] for index in self.positions)
            return
        chars: list[str] = []
        self.positions = []
        for index, char in enumerate(text):
            for part in normalize(char):
                chars.append(part)
                self.positions.append(index)
        self.text = "".join(chars)

    def original(self, index: int) -> int:
        """Where the normalised character at `index` (or the end) stands in the text."""
        return self.positions[index] if index < len(self.positions) else self.length


def flattened_blocks(text: str) -> list[Block] | None:
    """The text cut into lines at the report's structure, or None when no line of it is a flattened page."""
    if not any(len(line) >= _LONG_LINE for line in text.splitlines()):
        return None
    norm = _Normalised(text)
    headings = _headings(norm.text)
    if not any(_is_inside_a_line(text, norm, start, end) for _, start, end in headings):
        return None
    cuts: dict[int, str] = {}  # normalised position -> what starts there ("chrome", "text")
    first = headings[0][1]
    title = _title(norm.text[:first])
    if title is not None:
        title_start, _, title_end = title
        cuts[0] = "chrome"
        cuts[title_start] = "text"
        between = norm.text[title_end:first]
        if between and _CHROME_AFTER_TITLE.search(between) and len(between) < _CHROME_AFTER_TITLE_LENGTH:
            cuts[title_end] = "chrome"
        else:
            cuts[title_end] = "text"
    cuts.setdefault(0, "text")
    bounds = [start for _, start, _ in headings] + [len(norm.text)]
    for (index, start, end), stop in zip(headings, bounds[1:], strict=True):
        cuts[start] = "text"
        cuts[end] = "text"
        key = SECTIONS[index][0]
        if key in TABLES:
            cuts.update(dict.fromkeys(_table_cuts(key, norm.text, end, stop), "text"))
            continue
        if stop == len(norm.text):
            footer = _FOOTER.search(norm.text, end)
            if footer is not None:
                cuts[footer.start()] = "chrome"
                stop = footer.start()
            organ = norm.text[title[0]:title[1]] if title else ""
            cuts.update(dict.fromkeys(_closing_cuts(norm.text, end, stop, organ), "text"))
        cuts.update(dict.fromkeys(_subheading_cuts(norm.text, end, stop), "text"))
    return _blocks(text, norm, cuts)


def _is_inside_a_line(text: str, norm: _Normalised, start: int, end: int) -> bool:
    """A heading on a long line with other text before or after it."""
    begin, finish = norm.original(start), norm.original(end)
    line_start = text.rfind("\n", 0, begin) + 1
    line_end = text.find("\n", finish) % (len(text) + 1)  # -1, no line break after it: the end of the text
    others = text[line_start:begin] + text[finish:line_end]
    return line_end - line_start >= _LONG_LINE and bool(others.strip())


def _headings(norm: str) -> list[tuple[int, int, int]]:
    """(section index, start, end) of each of the six headings found, in order, by their words (the number in
    front may differ, the words a little)."""
    found = []
    position = 0
    starts = [m.start() for m in _HEADING_START.finditer(norm)]
    for index, (_, heading) in enumerate(SECTIONS):
        words = normalize(heading)[2:]
        for start in starts:
            if start < position:
                continue
            end = _heading_end(norm, start + 2, words)
            if end is not None:
                found.append((index, start, end))
                position = end
                break
    return found


def _heading_end(norm: str, after: int, words: str) -> int | None:
    """Where the heading whose words start at `after` ends, if they are (nearly) the section's words."""
    if norm.startswith(words, after):
        return after + len(words)
    best, end = 0.0, None
    for length in range(len(words) - 2, len(words) + 3):
        matcher = difflib.SequenceMatcher(None, norm[after:after + length], words, autojunk=False)
        if matcher.quick_ratio() >= _SAME_WORDS and (ratio := matcher.ratio()) > best:
            best, end = ratio, after + length
    return end if best >= _SAME_WORDS else None


def _title(head: str) -> tuple[int, int, int] | None:
    """Where the report's title stands in the text before the first heading: the last of its occurrences (the
    article's own, after a page title and a metadata box that repeat it); the organ's name is what every
    occurrence has before the year, or what follows the last piece of chrome before it.  (start, year, end)."""
    found = []
    for match in _TITLE_YEAR.finditer(head):
        reach = head[match.end():match.end() + _TITLE_REACH]
        end = reach.find("报告")
        if FIRST_YEAR <= int(match.group(1)) <= LAST_YEAR and end >= 0 and "信息公开" in reach[:end + 2] \
                and not re.search(r"[。,;!?]", reach[:end]):
            found.append((match.start(), match.end() + end + 2))
    if not found:
        return None
    year, end = found[-1]
    words = head[year:end]
    befores = [head[:start] for start, stop in found if head[start:stop] == words]
    organ = _common_ending(befores) if len(befores) > 1 else ""
    if not organ or len(organ) > _LONGEST_ORGAN:
        before = befores[-1][-_LONGEST_ORGAN:]
        boundary = _ORGAN_BOUNDARY.match(before)
        organ = before[boundary.end():] if boundary else before
    return year - len(organ), year, end


def _common_ending(texts: list[str]) -> str:
    reversed_texts = [t[::-1] for t in texts]
    length = 0
    while all(len(t) > length for t in reversed_texts) and len({t[length] for t in reversed_texts}) == 1:
        length += 1
    if any(len(t) == length for t in reversed_texts) or length:
        return texts[0][len(texts[0]) - length:] if length else ""
    return ""


def _subheading_cuts(norm: str, start: int, stop: int) -> list[int]:
    """（一）（二）… in their order within a narrative section."""
    cuts = []
    for numeral in _NUMERALS:
        found = norm.find(f"({numeral})", start, stop)
        if found < 0:
            break
        cuts.append(found)
        start = found + 3
    return cuts


def _closing_cuts(norm: str, start: int, stop: int, organ: str) -> list[int]:
    """The date that closes the report, and the organ's name signed before it."""
    date = _CLOSING_DATE.search(norm, start, stop)
    if date is None:
        return []
    cuts = [date.start()]
    if organ and norm[start:date.start()].endswith(organ):
        cuts.append(date.start() - len(organ))
    return cuts


def _table_cuts(table_key: str, norm: str, start: int, stop: int) -> list[int]:
    """Where the table's text starts (after a sentence introducing it) and where each of its rows starts: a
    label (or words, a label misspelt) after the numbers of the row before, a row's label after the header's
    words.  An item number stuck to the numbers before it (…00000005.属于…) goes with its label."""
    spans = token_spans(table_key, norm[start:stop])
    cuts: list[int] = []
    order = [r.key for r in TABLES[table_key].rows]
    last_row = -1
    previous: tuple[str, object] | None = None
    started = False
    for kind, value, at in spans:
        words = kind == "label" or kind == "gap" and any(_is_word(c) for c in value)
        if not started:
            if kind == "label" and len(value.text) >= _SHORTEST_TABLE_START:
                cuts.append(start + at)
                started = True
            elif kind in ("digits", "dash"):
                started = True
            previous = (kind, value)
            continue
        if words and previous is not None and previous[0] in ("digits", "dash"):
            cuts.append(start + at - _item_number_length(table_key, previous, value, kind, last_row))
        elif kind == "label" and previous is not None and previous[0] == "label" and _opens_row(value) \
                and any(k == HEADER for k, _ in previous[1].kinds):
            cuts.append(start + at)
        if kind == "label":
            rows = [order.index(key) for k, key in value.kinds if k == ROW]
            last_row = max([last_row, *rows]) if rows and len(value.text) > 2 else last_row
        if kind != "gap" or words:
            previous = (kind, value)
    return cuts


def _is_word(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff"


def _opens_row(form) -> bool:
    """A label that names a row or a group of rows and no column."""
    kinds = {k for k, _ in form.kinds}
    return bool(kinds & {ROW, GROUP}) and HEADER not in kinds


def _item_number_length(table_key: str, previous: tuple[str, object], value, kind: str, last_row: int) -> int:
    """How many of the digits before words that open with a dot (5.属于…) are the words' item number: the
    expected next row's number when the digits end with it, else one digit."""
    text = value if kind == "gap" else value.text
    digits = previous[1] if previous[0] == "digits" else ""
    if not text.startswith((".", "、")) or not digits:
        return 0
    rows = TABLES[table_key].rows
    expected = rows[last_row + 1].label if last_row + 1 < len(rows) else ""
    number = _ITEM_NUMBER.match(normalize(expected))
    if number and digits.endswith(number.group(1)) and len(digits) > len(number.group(1)):
        return len(number.group(1))
    return 1 if len(digits) > 1 and without_numbering(normalize(expected)) else 0


def _blocks(text: str, norm: _Normalised, cuts: dict[int, str]) -> list[Block]:
    """The pieces between the cuts and the line breaks kept, each a Block; chrome marked."""
    many_lines = "\n" in text.strip()
    points = sorted({norm.original(p): kind for p, kind in cuts.items()}.items())
    blocks = []
    for (begin, kind), (end, _) in zip(points, points[1:] + [(len(text), "")], strict=True):
        offset = begin
        for line in text[begin:end].split("\n"):
            piece = line.strip()
            if piece:
                line_number = text.count("\n", 0, offset) + 1
                column = offset - (text.rfind("\n", 0, offset) + 1) + 1
                where = f"第 {line_number} 行第 {column} 字起" if many_lines else f"第 {column} 字起"
                blocks.append(Block(piece, where, site_chrome=kind == "chrome"))
            offset += len(line) + 1
    return blocks
