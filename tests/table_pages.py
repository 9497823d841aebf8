"""Where 表三 goes on to a new page in a PDF, read from the pages' text as a reader turns them."""
import io
import re

from pypdf import PdfReader

from model.layout import TABLES, Row
from model.report import Paragraph, Report


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def spaced(label: str) -> str:
    """A label as a pattern that survives the line breaks inside a table cell."""
    return r"\s*".join(map(re.escape, label))


def with_lines_added(report: Report, count: int) -> Report:
    """The report with `count` one-line paragraphs more in 一、总体情况: each moves 表三 one line down the page,
    and its page break one row or so up the table."""
    report.overview.extend(Paragraph(text=f"补充说明第{i}段。") for i in range(count))
    return report


def continued_pages(pdf: bytes) -> list[tuple[str, Row]]:
    """Each page 表三 goes on to after its first: the page's text and the first row of the table on it."""
    rows = TABLES["sec3"].rows
    texts = page_texts(pdf)
    start = next(i for i, text in enumerate(texts) if re.search(spaced(rows[0].label), text))
    pages = []
    for text in texts[start + 1:]:
        first = next((row for row in rows if re.search(spaced(row.label), text)), None)
        if first is None:
            break
        pages.append((text, first))
    return pages


def shows_its_groups(text: str, row: Row) -> bool:
    """The row's label comes after the labels of the groups it belongs to (三、本年度办理结果, （三）不予公开):
    the group labels stand beside it on the page."""
    return re.search(r"\s*".join(spaced(label) for label in row.path), text) is not None


def groups(table_key: str = "sec3") -> dict[str, list[str]]:
    """Each label spanning rows → the labels of the rows it spans."""
    members: dict[str, list[str]] = {}
    for row in TABLES[table_key].rows:
        for group in row.path[:-1]:
            members.setdefault(group, []).append(row.label)
    return members


def group_faults(pages: list[str], table_key: str = "sec3") -> list[str]:
    """What a reader objects to on the pages a table is on: a group label twice on one page, a label missing
    from every page, or rows of a group kept together (no group inside it) on a page without its label."""
    members = groups(table_key)
    innermost = [g for g, rows in members.items() if not any(o != g and set(r) < set(rows)
                                                              for o, r in members.items())]
    faults = []
    for label, rows in members.items():
        shown = [len(re.findall(spaced(label), text)) for text in pages]
        if max(shown) > 1:
            faults.append(f"{label} twice on page {shown.index(max(shown)) + 1}")
        if not any(shown):
            faults.append(f"{label} on no page")
        if label in innermost:
            for row in rows:
                on = [i for i, text in enumerate(pages) if re.search(spaced(row), text)]
                if on and not any(shown[i] for i in on):
                    faults.append(f"{row} on page {on[0] + 1} without {label}")
    return faults
