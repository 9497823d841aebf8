"""The report as a web page for the unit's site (政府信息公开专栏), and the same content for a site's editor.

One builder writes both forms.  The page styles its elements by class from one <style> sheet; the fragment for
the clipboard carries the same declarations inline on each element, because content systems (TRS, Hanweb, 大汉)
drop <style> when HTML is pasted into their editors.  The text is the one every writer shows (export/content.py),
the tables are the layout's grid with its spans (model/layout.py).  Every text from the report is escaped; the
page holds no script, no link, no font and no image of its own, so it is one file that works offline.
"""
from __future__ import annotations

from collections.abc import Callable
from html import escape

from export.content import (BODY, HEADING1, HEADING2, TABLE, TITLE, TableCell, TableContent, printable,
                            report_blocks, signature_lines)
from export.pagestyle import DEFAULT_STYLE
from model.layout import TABLES, CellKind
from model.report import Report

FONT_STACK = ('"Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Source Han Sans SC", '
              '"WenQuanYi Micro Hei", sans-serif')
TEXT_COLOUR = "#1a1a1a"  # 17:1 on white
TITLE_COLOUR = "#9e1b1b"  # a 政务 red, 7.6:1 on white
RULE_COLOUR = "#5b6573"  # table lines
HEADER_FILL = "#e8eef6"  # column headers: the text keeps 15:1 on it
LABEL_FILL = "#f5f7fa"
FOCUS_COLOUR = "#1f5fbf"
TEXT = "overflow-wrap:anywhere"  # see STYLES
CELL = f"border:1px solid {RULE_COLOUR};padding:0.3em 0.4em;vertical-align:middle"


def table_number(table_key: str) -> str:
    """表二, 表三, 表四: the table named by the number of its section heading."""
    return "表" + TABLES[table_key].heading.split("、", 1)[0]


def table_caption(table_key: str) -> str:
    return f"{table_number(table_key)}　{TABLES[table_key].heading.split('、', 1)[1]}"


def column_shares(table_key: str) -> list[float]:
    """Each grid column's share of the table's width in per cent, as the printed table divides it."""
    widths = DEFAULT_STYLE.column_widths(table_key)
    return [100 * w / sum(widths) for w in widths]


VALUE_COLUMN_EMS = 3.5  # a figure of five digits, or a header two characters a line, with the cell's padding


def table_min_width(table_key: str) -> float:
    """Ems below which the table scrolls in its box instead of squeezing its figure columns: the narrowest
    keeps room for a figure, the columns divided as in print."""
    layout = TABLES[table_key]
    return round(VALUE_COLUMN_EMS * 100 / min(column_shares(table_key)[layout.label_columns:]), 1)


def table_role(table_key: str) -> str:
    return f"table-{table_key}"


def column_role(table_key: str, column: int) -> str:
    return f"col-{table_key}-{column}"


# role → CSS declarations: the page's sheet as classes, the clipboard fragment as style attributes
STYLES: dict[str, str] = {
    "report": f"max-width:68rem;margin:0 auto;padding:1rem 1rem 3rem;color:{TEXT_COLOUR};background:#ffffff;"
              f"font-family:{FONT_STACK};font-size:18px;line-height:1.8",
    # a web address or a run of digits in the text wraps rather than widening the page on a phone; table
    # cells keep the normal rule, so a column is never narrowed to a bracket on a line of its own
    TITLE: f"{TEXT};margin:0.8em 0 1em;font-size:1.6em;line-height:1.4;text-align:center;color:{TITLE_COLOUR}",
    HEADING1: f"{TEXT};margin:1.4em 0 0.5em;font-size:1.25em;line-height:1.5",
    HEADING2: f"{TEXT};margin:1em 0 0.3em;font-size:1.1em;line-height:1.5",
    BODY: f"{TEXT};margin:0.3em 0;text-indent:2em;text-align:justify",
    "signature": f"{TEXT};margin:0;text-align:right",
    "signed": "margin-top:2em",  # the first signature line, set apart from the text
    "box": "overflow-x:auto;margin:0.5em 0 1.2em",
    TABLE: f"border-collapse:collapse;width:100%;font-size:16px;line-height:1.5;color:{TEXT_COLOUR}",
    "caption": "caption-side:top;text-align:left;font-weight:bold;padding:0 0 0.3em",
    "header": f"{CELL};background:{HEADER_FILL};font-weight:bold;text-align:center",
    "note": f"{CELL};background:{HEADER_FILL};font-weight:normal;text-align:left",
    "label": f"{CELL};background:{LABEL_FILL};font-weight:normal;text-align:left",
    "value": f"{CELL};text-align:center;white-space:nowrap;font-variant-numeric:tabular-nums",
    **{table_role(key): f"min-width:{table_min_width(key):g}em" for key in TABLES},
    **{column_role(key, i): f"width:{share:.2f}%" for key in TABLES for i, share in enumerate(column_shares(key))},
}
CLASS_PREFIX = "nb-"  # so a site's own sheet (a .table of its framework) never restyles the report
# what only a page can say: keyboard focus on a table's scroll box, and paper
PAGE_ONLY_CSS = f"""html{{background:#ffffff;-webkit-text-size-adjust:100%;text-size-adjust:100%}}
body{{margin:0}}
.{CLASS_PREFIX}box:focus{{outline:3px solid {FOCUS_COLOUR};outline-offset:2px}}
@media print{{
@page{{size:A4;margin:18mm 16mm}}
.{CLASS_PREFIX}report{{max-width:none;padding:0;font-size:12pt}}
.{CLASS_PREFIX}box{{overflow:visible}}
.{CLASS_PREFIX}table{{min-width:0!important;font-size:9pt}}
.{CLASS_PREFIX}box,.{CLASS_PREFIX}table,tr{{break-inside:avoid;page-break-inside:avoid}}
thead{{display:table-header-group}}
.{CLASS_PREFIX}heading1,.{CLASS_PREFIX}heading2,.{CLASS_PREFIX}caption{{break-after:avoid;page-break-after:avoid}}
}}"""

Styler = Callable[..., str]  # roles → the attribute that styles an element of those roles


def by_class(*roles: str) -> str:
    return f' class="{" ".join(CLASS_PREFIX + role for role in roles)}"'


def inline(*roles: str) -> str:
    return f' style="{escape(";".join(STYLES[role] for role in roles))}"'


def _cell(cell: TableCell, table: TableContent, in_head: bool, style: Styler) -> str:
    spans = (f' rowspan="{cell.row_span}"' if cell.row_span > 1 else "") + \
            (f' colspan="{cell.col_span}"' if cell.col_span > 1 else "")
    text = escape(cell.text)
    if cell.kind is CellKind.VALUE:
        return f"<td{style('value')}{spans}>{text}</td>"
    if cell.kind is CellKind.LABEL:
        return f'<th scope="row"{style("label")}{spans}>{text}</th>'
    if in_head and cell.col < TABLES[table.key].label_columns:  # the corner above the row labels: a note
        return f"<td{style('note')}{spans}>{text}</td>"
    if cell.col_span == table.grid_width and not in_head:  # 表二's 第二十条第（一）项: heads its own block
        return f'<th scope="rowgroup"{style("header")}{spans}>{text}</th>'
    return f'<th scope="col"{style("header")}{spans}>{text}</th>'


def _table(table: TableContent, style: Styler) -> str:
    """The grid as rows: the header rows in <thead>, repeated on every printed page; a row headed by one cell
    across the table (表二's blocks) starts a <tbody> of its own."""
    rows: dict[int, list[TableCell]] = {}
    for cell in table.cells:
        rows.setdefault(cell.row, []).append(cell)
    columns = "".join(f"<col{style(column_role(table.key, i))}>" for i in range(table.grid_width))
    parts = [f"<caption{style('caption')}>{escape(table_caption(table.key))}</caption>",
             f"<colgroup>{columns}</colgroup>"]
    if table.header_rows:
        head = "".join(f"<tr>{''.join(_cell(c, table, True, style) for c in rows.get(r, []))}</tr>"
                       for r in range(table.header_rows))
        parts.append(f"<thead>{head}</thead>")
    body: list[str] = []
    for r in range(table.header_rows, table.grid_height):
        cells = rows.get(r, [])
        if body and len(cells) == 1 and cells[0].col_span == table.grid_width:
            parts.append(f"<tbody>{''.join(body)}</tbody>")
            body = []
        body.append(f"<tr>{''.join(_cell(c, table, False, style) for c in cells)}</tr>")
    parts.append(f"<tbody>{''.join(body)}</tbody>")
    label = escape(table_caption(table.key))
    return (f'<div role="region" tabindex="0" aria-label="{label}"{style("box")}>'
            f"<table{style(TABLE, table_role(table.key))}>{''.join(parts)}</table></div>")


def _paragraph(text: str) -> str:
    """A paragraph's text with the line breaks kept in it."""
    return "<br>".join(escape(line) for line in text.split("\n"))


def report_markup(report: Report, style: Styler) -> str:
    """The report's content as one <div>: title, sections, tables and the signature, in reading order."""
    tags = {TITLE: "h1", HEADING1: "h2", HEADING2: "h3", BODY: "p"}
    parts: list[str] = []
    for block in report_blocks(report):
        if block.kind == TABLE:
            parts.append(_table(block.table, style))
        else:
            tag = tags[block.kind]
            parts.append(f"<{tag}{style(block.kind)}>{_paragraph(block.text)}</{tag}>")
    for i, line in enumerate(signature_lines(report)):
        parts.append(f"<p{style('signature', 'signed') if i == 0 else style('signature')}>{escape(line.text)}</p>")
    return f"<div{style('report')}>{''.join(parts)}</div>"


def page_css() -> str:
    rules = (f".{CLASS_PREFIX}{role}{{{declarations}}}" for role, declarations in STYLES.items())
    return "\n".join([*rules, PAGE_ONLY_CSS])


def report_page(report: Report) -> str:
    """A whole page: one file, its CSS inline, no script, no external font or image."""
    markup = report_markup(report, by_class)
    return ("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{escape(printable(report.title))}</title>\n<style>\n{page_css()}\n</style>\n</head>\n"
            f"<body>\n<main>{markup}</main>\n</body>\n</html>\n")


def report_fragment(report: Report) -> str:
    """The content for a site's editor: the same elements, each with its style inline."""
    return report_markup(report, inline)


def page_bytes(report: Report) -> bytes:
    return report_page(report).encode("utf-8")
