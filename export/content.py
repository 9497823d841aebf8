"""What an exported report says, in reading order, as blocks both writers lay out the same way.

Titles, headings and table labels come from model/layout.py, numbers through model/rules.format_number,
so the Word file, the PDF and the editor can never disagree about a label or a digit.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

# a block's kind is the text role whose style and font set it
from export.pagestyle import BODY, DEFAULT_STYLE, HEADING1, HEADING2, TABLE, TITLE, PageStyle, estimated_width
from export.tablelayout import label_layout, narrowed_width
from model.layout import SECTIONS, TABLES, CellKind
from model.links import current_text
from model.report import Report, chinese_date
from model.findings import ERROR, RULE_INFO, SEVERITY_NAMES, WARNING, format_number, tally
from model.rules import check_report

@dataclass(frozen=True)
class TableCell:
    row: int
    col: int
    row_span: int
    col_span: int
    kind: CellKind
    text: str


@dataclass(frozen=True)
class TableContent:
    key: str
    cells: tuple[TableCell, ...]
    grid_width: int
    grid_height: int
    header_rows: int  # repeated at the top of every page the table continues on

    def sizing_cells(self) -> list[tuple[str, int, int, int, bool]]:
        """(text, column, column span, row span, is a number) of every cell, for choosing the font size."""
        return [(c.text, c.col, c.col_span, c.row_span, c.kind is CellKind.VALUE) for c in self.cells]


SIGNATURE = "signature"  # a block's kind: the organ or the date under the text, set right


@dataclass(frozen=True)
class Block:
    kind: str  # TITLE, HEADING1, HEADING2, BODY, TABLE or SIGNATURE
    text: str = ""
    table: TableContent | None = None
    # how the block sits in the story (report_story), for both writers alike
    space_before: float = 0.0  # in lines of the body: one under the title and before the signature, ½ after a table
    keep_with_next: bool = False  # on the page of the block after it: headings, the paragraph above the signature
    right_indent_chars: float = 0.0  # a signature line's distance from the type area's right edge


def printable(text: str) -> str:
    """The text without control characters, lone surrogates and non-characters (pasted from other programs
    or left by a bad file): Word refuses them in its XML and no font draws them; nor invisible format
    characters (zero-width space, byte-order mark, soft hyphen from web pages), which the PDF would set as gaps."""
    return "".join(ch for ch in text
                   if ch in "\t\n" or unicodedata.category(ch) not in ("Cc", "Cs", "Cf") and ch not in "\ufffe\uffff")


def paragraph_text(text: str) -> str:
    """A narrative paragraph as printed: a line break kept in it may come as Qt's or Word's line or paragraph
    separator or a carriage return; each is the "\n" both writers break the line at."""
    return printable(text.replace("\r\n", "\n").translate(_LINE_BREAKS)).strip()


_LINE_BREAKS = str.maketrans({"\u2028": "\n", "\u2029": "\n", "\r": "\n"})


def title_lines(title: str, chars_per_line: int) -> list[str]:
    """A title too long for one line breaks after the year (济源市人民政府2021年 / 政府信息公开工作年度报告),
    so 政府信息公开工作年度报告 is never torn apart; an organ name longer than a line wraps above it."""
    if len(title) <= chars_per_line:
        return [title]
    year = re.search(r"\d{4}年(度)?", title)
    if year and len(title) - year.end() <= chars_per_line:
        return [title[: year.end()], title[year.end():]]
    return [title]


def table_content(report: Report, table_key: str) -> TableContent:
    layout = TABLES[table_key]
    cells = tuple(
        TableCell(c.row, c.col, c.row_span, c.col_span, c.kind,
                  format_number(report.value(table_key, *c.value)) if c.kind is CellKind.VALUE else c.text)
        for c in sorted(layout.cells, key=lambda c: (c.row, c.col)))
    return TableContent(table_key, cells, layout.grid_width, layout.grid_height, layout.header_rows)


def report_blocks(report: Report) -> list[Block]:
    """Title, then the six sections in statutory order, each heading followed by its text or table."""
    blocks = [Block(TITLE, printable(report.title))]
    for key, heading in SECTIONS:
        blocks.append(Block(HEADING1, heading))
        if key in TABLES:
            blocks.append(Block(TABLE, table=table_content(report, key)))
            continue
        for paragraph in report.narrative(key):
            text = paragraph_text(current_text(report, paragraph))  # linked figures as the tables say now
            if text:
                blocks.append(Block(HEADING2 if paragraph.heading else BODY, text))
    return blocks


def report_story(report: Report, style: PageStyle = DEFAULT_STYLE) -> list[Block]:
    """The report as both writers lay it out: report_blocks with the title broken into its lines ("\n"), a
    blank line under the title (标题下空一行), half a line after a table, headings kept with what follows, and
    the signature a line below the text (正文下空一行), kept on the page of the last paragraph."""
    story: list[Block] = []
    for block in report_blocks(report):
        if block.kind == TITLE:
            block = replace(block, text="\n".join(title_lines(block.text, style.title_chars_per_line)))
        after = story[-1] if story else None
        space = 1.0 if after and after.kind == TITLE else 0.5 if after and after.table is not None else 0.0
        story.append(replace(block, space_before=space, keep_with_next=block.kind in (HEADING1, HEADING2)))
    lines = signature_lines(report, style.body.chars_per_line)
    if lines:
        story[-1] = replace(story[-1], keep_with_next=True)
        story += [Block(SIGNATURE, line.text, space_before=0.0 if index else 1.0,
                        keep_with_next=index < len(lines) - 1, right_indent_chars=line.right_indent_chars)
                  for index, line in enumerate(lines)]
    return story


@dataclass(frozen=True)
class SignatureLine:
    text: str
    right_indent_chars: float  # distance from the right edge of the type area, in characters


def signature_lines(report: Report, chars_per_line: int = DEFAULT_STYLE.body.chars_per_line) -> list[SignatureLine]:
    """发文机关署名 and 成文日期 below the text, once the report has a date (GB/T 9704 7.3.5.1, unsealed):
    the organ two characters in from the right, the date on the next line starting two characters further
    right; a date longer than the organ sits two characters in and pushes the organ left.  An organ too long
    for one line wraps two characters in from the right, its date starting two characters in from the left."""
    if report.published is None:
        return []
    date = chinese_date(report.published)
    organ = printable(report.organ).strip()
    if not organ:
        return [SignatureLine(date, 2)]
    organ_width, date_width = estimated_width(organ, 1), estimated_width(date, 1)
    date_indent = max(2.0, min(organ_width, chars_per_line - 2) - date_width)
    organ_indent = max(2.0, date_indent + date_width + 2 - organ_width)
    return [SignatureLine(organ, organ_indent), SignatureLine(date, date_indent)]


MISSING_DATE_NOTE = "报告未填写成文日期，导出的文件末尾没有署名和成文日期；请在“报告信息”中填写后再导出。"


def missing_date_note(report: Report) -> str:
    """A sentence for the clerk when the report has no 成文日期 ("" when it has one)."""
    return "" if report.published is not None else MISSING_DATE_NOTE


@dataclass(frozen=True)
class SignoffSheet:
    """审核签发单 or 自查表: what the report is, what the check found, and the lines people sign on."""

    facts: tuple[tuple[str, str], ...]  # (label, text) rows filled in from the report
    roles: tuple[str, ...]  # rows left blank for a signature and a date
    title: str = "政府信息公开工作年度报告审核签发单"


REVIEW_TITLE = "政府信息公开工作年度报告自查表"
SIGNOFF_DATE = "　　年　　月　　日"  # room before 年 for the year written by hand
SIGNOFF_ROLES = ("拟稿人", "审核人", "保密审查", "签发人")
REVIEW_ROLES = ("自查人", "审核人")
PAPER_MARKS = {"ok": "√", WARNING: "！", ERROR: "×"}  # as on a paper form; the shipped fonts have no ✓ ✗
REVIEW_DETAILS = 3  # findings without a reason quoted per rule on the 自查表; the rest counted


@dataclass(frozen=True)
class SignoffCell:
    text: str
    role: str  # the font: 黑 for captions, the table face for what is filled in
    align: str
    col_span: int = 1
    narrower_by: float = 0.0  # points taken off the cell's room so a long title leaves no character alone


@dataclass(frozen=True)
class SignoffRow:
    cells: tuple[SignoffCell, ...]  # left to right; a spanned column has no cell of its own
    height_lines: int = 0  # room for a handwritten signature, in lines of the body size (0: as tall as its text)


SIGNOFF_LINE_FACTOR = 1.5  # line height in the sheet, relative to the body size
SIGNOFF_PADDING = 4.0  # points inside each box
SIGNATURE_LINES = 4


def signoff_rows(sheet: SignoffSheet, style: PageStyle = DEFAULT_STYLE) -> list[SignoffRow]:
    """The sheet's grid as both writers draw it: facts across three columns, then a row per signature with
    its 日期 box."""
    room = sum(style.column_widths("signoff")[1:]) - 2 * SIGNOFF_PADDING

    def fact(text: str) -> SignoffCell:
        layout = label_layout(text, style.body.size, room, max_lines=3)
        return SignoffCell(text, TABLE, "justify", 3, room - narrowed_width(layout, room))

    rows = [SignoffRow((SignoffCell(caption, HEADING1, "center"), fact(text))) for caption, text in sheet.facts]
    rows += [SignoffRow((SignoffCell(role, HEADING1, "center"), SignoffCell("", TABLE, "center"),
                         SignoffCell("日期", HEADING1, "center"), SignoffCell(SIGNOFF_DATE, TABLE, "center")),
                        SIGNATURE_LINES)
             for role in sheet.roles]
    return rows


def check_summary(report: Report) -> str:
    counts = tally(check_report(report), report.explanations)
    return "未发现错误和警告" if counts.sentence() == "未发现问题" else counts.sentence()


def explained_facts(report: Report) -> tuple[tuple[str, str], ...]:
    """Each finding the clerk keeps on purpose, with her reason, for the leader who signs."""
    return tuple((f"说明（{f.rule}）", f"{SEVERITY_NAMES[f.severity]}：{printable(f.message)}。"
                                        f"原因：{printable(report.explanations[f.key])}")
                 for f in check_report(report) if f.key in report.explanations)


def signoff_sheet(report: Report) -> SignoffSheet:
    return SignoffSheet(
        facts=(("报告标题", printable(report.title)), ("机关名称", printable(report.organ)),
               ("报告年度", f"{report.year}年"),
               ("检查结果", check_summary(report)), *explained_facts(report)),
        roles=SIGNOFF_ROLES)


def review_sheet(report: Report) -> SignoffSheet:
    """自查表: every rule with √ (nothing found), ！ (warnings or notes) or × (errors), what was found and why
    the clerk keeps it."""
    findings = check_report(report)
    facts = [("报告标题", printable(report.title)), ("检查结果", check_summary(report))]
    for code, info in RULE_INFO.items():
        found = [f for f in findings if f.rule == code]
        mark = PAPER_MARKS["ok" if not found else ERROR if any(f.severity == ERROR for f in found) else WARNING]
        explained = [f for f in found if f.key in report.explanations]  # every reason reaches the leader
        quoted = explained + [f for f in found if f.key not in report.explanations][:REVIEW_DETAILS]
        lines = [info.title]
        for f in quoted:
            reason = report.explanations.get(f.key)
            lines.append(f"{SEVERITY_NAMES[f.severity]}：{printable(f.message)}" + (f"（已说明：{printable(reason)}）"
                                                                                  if reason else ""))
        if len(found) > len(quoted):
            lines.append(f"另有 {len(found) - len(quoted)} 条，见编辑器“检查结果”")
        facts.append((f"{mark} {code}", "\n".join(lines)))
    return SignoffSheet(facts=tuple(facts), roles=REVIEW_ROLES, title=REVIEW_TITLE)


def front_sheets(report: Report, signoff: bool, review: bool) -> list[SignoffSheet]:
    """The pages before the report, in the order they are signed: 审核签发单, then 自查表."""
    return [*([signoff_sheet(report)] if signoff else []), *([review_sheet(report)] if review else [])]
