"""From a stream of paragraphs and table rows (any source format) to a report with its import notes.

The title gives organ and year; the headings 一、…六、 divide the sections; table rows
under 二、三、四 go to the table reader; paragraphs under 一、五、六 become the narrative.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, replace

from model.importers.digit_runs import is_run_together, labels_only, tokens
from model.importers.labels import GROUP, HEADER, ROW, matcher_for, normalize, parse_number
from model.importers.limits import bounded
from model.importers.result import GUESSED, READ, UNREADABLE, ImportFailed, ImportResult, Note
from model.importers.tables import CONFIRMED, SourceRow, read_table
from model.layout import NARRATIVE_KEYS, SECTION_HEADINGS, SECTIONS, TABLES
from model.report import FIRST_YEAR, LAST_YEAR, LIST_NUMBER, Paragraph, Report, default_title, looks_like_subheading


@dataclass(frozen=True)
class Block:
    """A paragraph (cells None) or a table row, with its raw text and where it stands in the source."""

    text: str
    where: str
    cells: tuple[str, ...] | None = None
    ends_table: bool = False  # the end of a Word table: the rows after it belong to another table
    outline_level: int | None = None  # a Word paragraph's outline level: 0–8 headings, 9 body text
    spaced: bool = False  # a line of text taken for a table row, its cells parted at spaces (text kept as is)
    site_chrome: bool = False  # a web page's text around the report (navigation, 索引号 box, 打印本页, 版权所有)


_NUMERALS = "一二三四五六七八九十"
_HEADING = re.compile(r"^([一二三四五六七八九十])[、.]")
_SAME_WORDS = 0.85  # a heading worded this close to a section's heading is that section, whatever its number
_TITLE = re.compile(r"^(.*?)(?<!\d)(\d{4})年度?(.*)$")  # a year a Report accepts: see _title_match
_SUBHEADING_MARK = re.compile(r"^[（(]\s*([一二三四五六七八九十]+)\s*[）)]\s*")
_MARKDOWN_LEAD = re.compile(r"^(?:#{1,6}\s+|[-*+>]\s+)")
_SENTENCE_END = tuple("。！？；：…”’）)」』.!?;:")
_LIST_START = re.compile("^" + LIST_NUMBER)
PAGE_NUMBER = re.compile(r"^[—―\-－–_]+\s*\d{1,3}\s*[—―\-－–_]+$")  # — 3 — at a page foot of a PDF copy
# a line this long without closing punctuation was cut by the page: 公文 set 28 characters a line, 26 after
# the indent, fewer when a Latin word moved down
_SHORTEST_BROKEN_LINE = 24
_MIN_TABLE_MATCHES = 3  # label matches that make a run of rows outside 二–四 a table
_SHORTEST_NAMING_LABEL = 3  # characters of a label that tells its table
_LONGEST_TABLE_LINE = 5000  # table 三 on one line, labels and all, has some 1,200 characters
_LONG_HEADER = 6  # a header label this long on a line of its own is a table's (第二十条第（一）项), not a sentence


def clean_paragraph(text: str) -> str:
    """Paragraph text without Markdown marks or zero-width spaces (the break opportunities in a web address of
    our Word files, and of web pages), with （一） for (一) at its start."""
    text = text.strip().replace("**", "").replace("__", "").replace("\u200b", "")
    text = _MARKDOWN_LEAD.sub("", text).strip(" \t\u3000")
    return _SUBHEADING_MARK.sub(lambda m: f"（{m.group(1)}）", text)


def heading_index(text: str) -> tuple[int, bool] | None:
    """(section index, exact words) when the text is one of the six headings.  The words decide, not the number in
    front: a report may number its sections otherwise (the tables under 一、二、三, or a section 四、政府信息公开
    申请情况 over table 三); a heading worded loosely is taken by its number when the words still agree."""
    norm = normalize(text)
    match = _HEADING.match(norm)
    if not match or len(norm) > 40 or "。" in norm:
        return None
    words = norm[match.end():]
    ratios = [difflib.SequenceMatcher(None, words, normalize(heading)[2:], autojunk=False).ratio()
              for _, heading in SECTIONS]
    best = max(ratios)
    if best >= _SAME_WORDS and ratios.count(best) == 1:
        return ratios.index(best), best == 1.0  # the official words under another number: that section, surely
    index = _NUMERALS.index(match.group(1))
    if index >= len(SECTIONS):
        return None
    ratio = difflib.SequenceMatcher(None, norm, normalize(SECTIONS[index][1]), autojunk=False).ratio()
    return (index, False) if ratio >= 0.6 else None


class _Assembler:
    def __init__(self, source: str, from_text: bool):
        self.source = source
        self.from_text = from_text  # copied text: lines broken mid-sentence, cells lost or shifted
        self.notes: list[Note] = []
        self.section: int | None = None  # index into SECTIONS
        self.title: tuple[str, int, str] | None = None  # organ, year, title text
        self.before_title: list[tuple[str, Block]] = []  # a sign-off sheet, a web page's 索引号 lines …
        self.site_chrome: list[Block] = []
        self.preamble: list[Paragraph] = []  # between the title and 一、总体情况
        self.narrative: dict[str, list[Paragraph]] = {k: [] for k in NARRATIVE_KEYS}
        self.rows: dict[str, list[SourceRow]] = {k: [] for k in TABLES}
        self.run: list[Block] = []
        self.seen_sections: set[str] = set()
        self.joined_lines = 0

    @property
    def section_key(self) -> str | None:
        return None if self.section is None else SECTIONS[self.section][0]

    def note(self, kind: str, reason: str, table: str | None = None, block: Block | None = None) -> None:
        self.notes.append(Note(kind, reason, table, line=block.text.strip() if block else "",
                               where=block.where if block else ""))

    # ------------------------------------------------------------ blocks
    def feed(self, block: Block) -> None:
        if block.site_chrome:
            self.flush_run()
            self.site_chrome.append(block)
            return
        if block.cells is not None:
            self.run.append(block)
            return
        if block.ends_table:
            self.flush_run()
            return
        text = clean_paragraph(block.text)
        if not text or self.from_text and PAGE_NUMBER.match(text):
            return
        heading = heading_index(text)
        # a table line whose cells are separated by spaces only (or not at all), under a table's heading or, known
        # by its labels and numbers, under another heading
        if heading is None and (self.section_key in TABLES or (self.section is not None or self.title is not None)
                                and looks_like_table_line(text, continuing=bool(self.run))):
            self.run.append(Block(block.text, block.where, split_on_spaces(text), spaced=True))
            return
        self.flush_run()
        if heading is not None:
            index, exact = heading
            if self.section is not None and index == self.section and exact:
                self.note(GUESSED, "标题重复出现，已略去重复的一行", SECTIONS[index][0], block)
                return
            if self.section is None or index > self.section:
                self.section = index
                self.seen_sections.add(SECTIONS[index][0])
                if not exact:
                    self.note(GUESSED, f"按“{SECTIONS[index][1]}”识别这一标题", SECTIONS[index][0], block)
                return
        if self.section is None and self.title is None and self.read_title(text, block):
            return
        key = self.section_key
        if key in TABLES:  # a heading that does not advance the sections, under a table's heading
            self.run.append(Block(block.text, block.where, split_on_spaces(text)))
            return
        self.add_paragraph(text, block)

    def read_title(self, text: str, block: Block) -> bool:
        """The title line; a title set on two lines (济源市人民政府2021年 / 政府信息公开工作年度报告, as a PDF
        copy gives it) is read whole.  A breadcrumb or a 来源 line run into the title is left out."""
        compact = re.sub(r"\s+", "", _without_site_chrome(text))
        if _METADATA_NAME.match(compact):
            return False  # the page's metadata block repeats the title: the article's own title follows
        match = _title_match(compact)
        if (not match or not match.group(1)) and self.before_title and "报告" in compact:
            joined = re.sub(r"\s+", "", _without_site_chrome(self.before_title[-1][0])) + compact
            if (joined_match := _title_match(joined)) and joined_match.group(1):
                self.before_title.pop()
                compact, match = joined, joined_match
        if not match or not ("报告" in compact or "政府信息公开" in compact):
            return False
        organ, year = match.group(1).removesuffix("关于"), int(match.group(2))
        if not organ and (after := re.match(r"(.+?)(?:政府)?信息公开", match.group(3))):
            organ = after.group(1).removesuffix("关于")
            self.note(GUESSED, f"标题把年度写在机关名称之前，机关名称读作“{organ}”", "meta", block)
        around = [t for t, _ in self.before_title] + [b.text for b in self.site_chrome]
        publisher = next((p for t in around if (p := publisher_of(t))), None)
        if publisher and publisher != organ and (not organ or publisher in organ):
            self.note(READ, f"机关名称按网页的发布机构读作“{publisher}”（标题中为“{organ or '空'}”）", "meta", block)
            compact = compact.replace(organ, publisher, 1) if organ else compact
            organ = publisher
        self.title = (organ, year, compact)
        if not organ:
            self.note(UNREADABLE, "标题中没有机关名称，请在“报告信息”中填写", "meta", block)
        return True

    def add_paragraph(self, text: str, block: Block) -> None:
        if self.section is None and self.title is None:
            self.before_title.append((text, block))
            return
        target = self.narrative[self.section_key] if self.section_key else self.preamble
        signs = self.title is not None and normalize(text) == normalize(self.title[0])  # the closing 署名
        if self.from_text and target and not signs and self.breaks_off(target[-1], text):
            target[-1] = Paragraph(text=target[-1].text + text, heading=False)
            self.joined_lines += 1  # a line the page or the PDF wrapped: routine, told once as a count
            return
        target.append(Paragraph(text=text, heading=is_subheading(text, block)))

    @staticmethod
    def breaks_off(previous: Paragraph, text: str) -> bool:
        """A paragraph cut in two by a line break in the source (PDF copy)."""
        return (not previous.heading and len(previous.text) >= _SHORTEST_BROKEN_LINE
                and not previous.text.endswith(_SENTENCE_END) and not _LIST_START.match(text)
                and not looks_like_subheading(text) and parse_date(text) is None)

    def flush_run(self) -> None:
        if not self.run:
            return
        run, self.run = self.run, []
        rows = [SourceRow(b.cells, b.text.strip(), b.where) for b in run]
        key = self.section_key
        where = SECTION_HEADINGS[key] if key else "标题"
        start = 0
        for table, part in tables_in(rows, key if key in TABLES else None):
            blocks, start = run[start:start + len(part)], start + len(part)
            if table is None:
                self.add_table_text(blocks)
                continue
            self.rows[table].extend(part)
            if table != key:
                self.seen_sections.add(table)
                self.note(GUESSED, f"这个表格出现在“{where}”之下，按其中的标签识别为{SECTION_HEADINGS[table]}的表格",
                          table, blocks[0])

    def add_table_text(self, blocks: list[Block]) -> None:
        """Rows that are no statistical table (a layout table, a web page's metadata): text, a paragraph a row."""
        for block in blocks:
            if block.spaced:  # a line of text after all
                self.add_paragraph(clean_paragraph(block.text), block)
                continue
            text = "\u3000".join(c.strip() for c in block.cells if c.strip())
            if not text:
                continue
            if self.section is not None or self.title is not None:
                self.note(GUESSED, "表格形式的文字按一段正文导入", self.section_key, block)
            self.add_paragraph(text, block)

    # ------------------------------------------------------------ result
    def confirm_placement(self, key: str) -> None:
        """Where the table stood was guessed (under another heading, a heading taken by its number), but every
        number of it agrees with the table's arithmetic: the guess is confirmed, no doubt about a value."""
        self.notes = [replace(n, kind=READ, reason=n.reason + CONFIRMED)
                      if n.kind == GUESSED and n.table == key and n.row is None else n for n in self.notes]

    def take_signature(self, report: Report) -> None:
        """发文机关署名 and 成文日期 closing the document: the date becomes the report's, the lines leave the text."""
        key = self.section_key
        paragraphs = self.narrative.get(key) if key in NARRATIVE_KEYS else None
        if not paragraphs or (published := parse_date(paragraphs[-1].text)) is None:
            return
        date_line = paragraphs.pop()
        report.published = published
        self.notes.append(Note(READ, f"文末的成文日期“{date_line.text}”读作报告的成文日期", "meta"))
        if paragraphs and (normalize(paragraphs[-1].text) == normalize(report.organ)  # however long the name
                           or len(paragraphs[-1].text) <= 40 and not paragraphs[-1].text.endswith(_SENTENCE_END)):
            signature = paragraphs.pop().text
            same = normalize(signature) == normalize(report.organ)
            self.notes.append(Note(READ if same else GUESSED,
                                   f"文末的署名“{signature}”" + ("即机关名称，" if same else "与标题中的机关名称不同，")
                                   + "不作为正文导入；导出时署名按机关名称排印", "meta", line=signature))

    def result(self) -> ImportResult:
        self.flush_run()
        if self.title is None and not self.seen_sections:
            raise ImportFailed(f"“{self.source}”中没有找到年度报告的标题、“一、总体情况”等章节标题或统计表格，"
                               f"不是可以导入的政府信息公开工作年度报告。")
        report = Report()
        if self.title is not None:
            organ, year, title = self.title
            report.organ, report.year = organ, year
            if normalize(title) != normalize(default_title(organ, year)):  # ２０２１年 is the usual title too
                report.title_override = title
            self.notes.insert(0, Note(READ, f"机关名称“{organ}”，年度 {year}", "meta"))
            for _, block in self.before_title:
                self.note(READ, "标题之前的文字（如审核签发单、网页的索引号）不属于报告，未导入", "meta", block)
        else:
            self.notes.insert(0, Note(UNREADABLE, f"没有找到报告标题，年度暂定为 {report.year} 年，"
                                                  f"机关名称空缺，请核对", "meta"))
            self.preamble[:0] = [Paragraph(text=text, heading=looks_like_subheading(text))
                                 for text, _ in self.before_title]
        if self.site_chrome:
            self.notes.append(Note(READ, f"网页上报告之外的 {len(self.site_chrome)} 段文字（导航、索引号、发布时间、"
                                         f"打印、版权等）不属于报告，未导入", "meta",
                                   line=" / ".join(_shortened(b.text) for b in self.site_chrome),
                                   where="、".join(b.where for b in self.site_chrome)))
        if self.preamble:
            self.narrative["overview"][:0] = self.preamble
            self.notes.append(Note(GUESSED, f"标题与“一、总体情况”之间的 {len(self.preamble)} 段文字"
                                            f"放在了一、总体情况的开头", "overview"))
        if self.joined_lines:
            self.notes.append(Note(READ, f"原文中 {self.joined_lines} 处折行（一行未以标点结束，下一行接着写）"
                                         f"已与上一行合为一段", "meta"))
        self.take_signature(report)
        for key in NARRATIVE_KEYS:
            paragraphs = self.narrative[key]
            setattr(report, key, paragraphs)
            if paragraphs:
                self.notes.append(Note(READ, f"读取了 {len(paragraphs)} 段", key))
            elif key not in self.seen_sections:
                self.notes.append(Note(UNREADABLE, "原文中没有找到这一部分", key))
        for key in TABLES:
            if not any(any(c.strip() for c in r.cells) for r in self.rows[key]):
                self.notes.append(Note(UNREADABLE, "原文中没有找到这个表格，表中各单元格留空", key))
                continue
            narrative = tuple(p.text for k in NARRATIVE_KEYS for p in self.narrative[k])
            read = read_table(key, self.rows[key], cells_can_shift=self.from_text, narrative=narrative)
            setattr(report, key, read.values)
            self.notes += read.notes
            if read.certain:
                self.confirm_placement(key)
        self.notes.sort(key=_note_order)
        return ImportResult(report, self.source, self.notes)


_SECTION_ORDER = ["meta"] + [key for key, _ in SECTIONS]
_SHOWN_CHARACTERS = 40


def _shortened(text: str) -> str:
    return text if len(text) <= _SHOWN_CHARACTERS else text[:_SHOWN_CHARACTERS] + "……"


def _note_order(note: Note) -> tuple[int, int]:
    """Notes in the order of the report: title, sections, and within a table its rows."""
    section = _SECTION_ORDER.index(note.table) if note.table in _SECTION_ORDER else len(_SECTION_ORDER)
    rows = [r.key for r in TABLES[note.table].rows] if note.table in TABLES else []
    return section, (rows.index(note.row) if note.row in rows else -1)


_DAY_OR_MONTH = r"([一二三四五六七八九十\d]{1,3})"
_DATE = re.compile(rf"([〇○零一二三四五六七八九\d]{{4}})年{_DAY_OR_MONTH}月{_DAY_OR_MONTH}日")
_CHINESE_DIGITS = str.maketrans("〇○零一二三四五六七八九", "001123456789")


def _chinese_number(text: str) -> str:
    """二〇二二 → 2022, 二十 → 20, 十一 → 11 (the numerals of a date)."""
    if "十" not in text:
        return text.translate(_CHINESE_DIGITS)
    tens, _, ones = text.partition("十")
    return str(int(tens.translate(_CHINESE_DIGITS) or 1) * 10 + int(ones.translate(_CHINESE_DIGITS) or 0))


def parse_date(text: str) -> dt.date | None:
    """A line holding only a date: 2022年1月20日, ２０２２年１月２０日 or 二〇二二年一月二十日."""
    compact = normalize(text)
    parts = _DATE.fullmatch(compact)
    if parts is None:
        return None
    try:
        return dt.date(*(int(_chinese_number(p)) for p in parts.groups()))
    except ValueError:
        return None


def _title_match(compact: str) -> re.Match | None:
    """The title's parts, when its year is one a report may be about."""
    match = _TITLE.match(compact)
    return match if match and FIRST_YEAR <= int(match.group(2)) <= LAST_YEAR else None


# a web page's breadcrumb (首页 > 政务公开 > …) or source line (来源：某某网) run into the title's line
_BREADCRUMB = re.compile(r"^.*(?:[>＞»›→]|当前位置[:：]|您的位置[:：])")
_SOURCE_LINE = re.compile(r"^.*?(?:来源|source)\s*[:：]\s*\S+\s+", re.IGNORECASE)
_METADATA_NAME = re.compile(r"^(?:信息|文件|公开)?(?:名称|标题|题名)[:：]")
_PUBLISHER = re.compile(r"发布机构\s*[:：]\s*(\S+?)(?=\s|$|索引号|发布日期|成文日期|生成日期|主题分类|文号|信息来源)")


def _without_site_chrome(text: str) -> str:
    return _SOURCE_LINE.sub("", _BREADCRUMB.sub("", text)).strip()


def publisher_of(text: str) -> str | None:
    """The organ named on a web page's 发布机构 line (the metadata block before the article)."""
    match = _PUBLISHER.search(text)
    return match.group(1) if match else None


def is_subheading(text: str, block: Block) -> bool:
    """A Word paragraph says by its outline level (our own Word files set it on every paragraph); otherwise
    （一）主动公开情况 on a line of its own is taken for one."""
    if block.outline_level is not None:
        return block.outline_level < 9
    return looks_like_subheading(text)


def split_on_spaces(text: str) -> tuple[str, ...]:
    """Cells of a line laid out with spaces: each number is a cell, the words before the numbers one label
    (a label may hold spaces); a line without numbers is a header, a cell per word."""
    tokens = text.split()
    if all(parse_number(t) is None for t in tokens):
        return tuple(tokens)
    cells: list[str] = []
    for token in tokens:
        if parse_number(token) is None and cells and parse_number(cells[-1]) is None:
            cells[-1] += " " + token
        else:
            cells.append(token)
    return tuple(cells)


def _labels_in(table_key: str, cell: str) -> int:
    """How many labels of the table the cell is, word for word, or (cells run together) holds."""
    if len(normalize(cell)) < _SHORTEST_NAMING_LABEL:
        return 0
    if matcher_for(table_key).exact_match(cell) is not None:
        return 1
    return sum(kind == "label" and len(form.text) > _SHORTEST_NAMING_LABEL for kind, form in tokens(table_key, cell))


def looks_like_table_line(text: str, continuing: bool) -> bool:
    """A line of a statistical table written as text: a row label with its numbers (parted by spaces or run
    together), a header (a long header label, or several), or — `continuing` a table — a line of numbers."""
    if "。" in text or len(text) > _LONGEST_TABLE_LINE:  # a sentence: no label of the tables holds a full stop
        return False
    cells = split_on_spaces(text)
    numbers = [c for c in cells if parse_number(c) is not None]
    if continuing and len(numbers) >= 3 and len(numbers) == len(cells):
        return True
    for key in TABLES:
        matcher = matcher_for(key)
        exact = [m for c in cells if len(normalize(c)) >= 2 and (m := matcher.exact_match(c)) is not None]
        if numbers and len(numbers) == len(cells) - 1 and any(m.kind == ROW for m in exact):
            return True  # a label and numbers only: 行政许可 1200 件 is a sentence
        headers = [m for m in exact if m.kind != ROW]
        if len(headers) >= 2 or any(len(normalize(m.key)) >= _LONG_HEADER for m in headers):
            return True
        for cell in cells:
            if labels_only(key, cell, {HEADER, GROUP}) >= 2:
                return True  # header labels run together: 行政复议行政诉讼
            if re.search(r"\d", cell) and is_run_together(key, [(cell,)]):
                return True
    return False


def _row_table(row: SourceRow) -> tuple[str | None, int]:
    """The one table whose printed labels (rows, headers) the row's cells carry word for word, and how many.
    Words as short as 其他 or 总计 stand in more than one table and name none."""
    scores = {key: sum(_labels_in(key, c) for c in row.cells) for key in TABLES}
    best = max(scores.values())
    if not best or list(scores.values()).count(best) > 1:
        return None, 0
    return next(k for k, v in scores.items() if v == best), best


def tables_in(rows: list[SourceRow], default: str | None) -> list[tuple[str | None, list[SourceRow]]]:
    """The rows in stretches, each the table its labels name (not the heading above it: a report may put table
    三 under a heading 四、…): a row with no label of its own belongs to the table of the rows before it.
    `default`: the table of the heading (None outside 二–四); a stretch with fewer than _MIN_TABLE_MATCHES labels
    of another table stays with it."""
    named = [_row_table(r) for r in rows]
    current = default or next((t for t, _ in named if t), None)
    stretches: list[tuple[str | None, list[SourceRow], int]] = []
    for row, (table, count) in zip(rows, named, strict=True):
        current = table or current
        if stretches and stretches[-1][0] == current:
            stretches[-1][1].append(row)
            stretches[-1] = (current, stretches[-1][1], stretches[-1][2] + count)
        else:
            stretches.append((current, [row], count))
    merged: list[tuple[str | None, list[SourceRow]]] = []
    for table, part, matches in stretches:
        if matches < _MIN_TABLE_MATCHES and table != default:  # a word or two another table also prints
            table = default
        if merged and merged[-1][0] == table:
            merged[-1][1].extend(part)
        else:
            merged.append((table, part))
    return merged


def assemble(blocks, source: str, from_text: bool) -> ImportResult:
    """`from_text`: the blocks come from copied text, where a line may break mid-sentence and a table
    cell may be lost; a Word table's cells stay where they are."""
    assembler = _Assembler(source, from_text)
    for block in bounded(blocks, source):
        assembler.feed(block)
    return assembler.result()
