"""Reports as a PDF-to-Markdown converter gives them, from a table's values (for tests and bench/).

Each table is written as the Markdown pipe table of its official grid (model/layout), then broken the ways
converters break a table printed in a PDF:
- "detached": a page's row labels come in one run of rows (a label wrapped in its cell on several), that
  page's numbers in another;
- "label_lost" / "numbers_lost": detached, and the converter lost one label (or one row of numbers) of table
  三's first page: 5.属于三类内部事务信息;
- "placeholders": rows of dashes (`| - | - |`) where the converter met an empty or merged stretch;
- "wrapped": a label too long for its cell is wrapped over several rows, the row's numbers on the middle one
  (`| 行政机关不再处理其政府信息公 | 40 | 1 | … |`);
- "renumbered": the tables stand under headings numbered 一、二、三 (the narrative sections renumbered);
- "narrative_heading": a narrative heading 四、政府信息公开申请情况 stands over table 三, the later headings
  numbered one on (五、政府信息公开行政复议… / 六、存在的主要问题… / 七、其他需要报告的事项);
- "other_as_one": （六）其他处理 printed as one row of seven numbers (older copies of the template);
- "labels_reordered": detached, and the converter gave two neighbouring labels of table 三 in the other order
  (3.补正后申请内容仍不明确 before 2.没有现成信息需要另行制作), the numbers in the table's order.
"""
from decimal import Decimal

from model.layout import SECTIONS, TABLES, CellKind
from model.findings import format_number

SHAPES = ("detached", "label_lost", "numbers_lost", "placeholders", "wrapped", "renumbered", "narrative_heading",
          "other_as_one", "labels_reordered")
Cells = dict[tuple[str, str, str], Decimal]
CELL_WIDTH = 14  # characters of a label cell's line in the printed table
_NO_LINE_START = "、，。；：）)”"  # 避头: punctuation the PDF kept at the end of the line above
_ROWS_A_PAGE = 13  # table 三 crosses a page after this many data rows
_LOST_ROW = "withheld_5"
_REORDERED_ROWS = ("unable_2", "unable_3")


def grid_rows(table_key: str, cells: Cells) -> list[list[str]]:
    """The official grid, a merged cell's text in its top-left corner and blank elsewhere."""
    layout = TABLES[table_key]
    grid = [[""] * layout.grid_width for _ in range(layout.grid_height)]
    for cell in layout.cells:
        grid[cell.row][cell.col] = (format_number(cells[(table_key, *cell.value)]) if cell.kind is CellKind.VALUE
                                    else cell.text)
    return grid


def wrap(text: str, width: int = CELL_WIDTH) -> list[str]:
    lines: list[str] = []
    for char in text:
        if lines and (len(lines[-1]) < width or char in _NO_LINE_START):
            lines[-1] += char
        else:
            lines.append(char)
    return lines or [""]


def markdown(rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(row) + " |" for row in rows]


def _label_width(table_key: str) -> int:
    """The grid columns left of the first number: the row labels'."""
    return min(c.col for c in TABLES[table_key].cells if c.kind is CellKind.VALUE)


def _is_data_row(table_key: str, index: int) -> bool:
    layout = TABLES[table_key]
    return any(c.kind is CellKind.VALUE and c.row == index for c in layout.cells)


def table_markdown(table_key: str, cells: Cells, shape: str) -> str:
    rows = grid_rows(table_key, cells)
    width = _label_width(table_key)
    data = [i for i in range(len(rows)) if _is_data_row(table_key, i)]
    if shape == "other_as_one" and table_key == "sec3":
        rows = _other_as_one(rows, cells)
        data = [i for i in range(len(rows)) if any(c and c[0].isdigit() for c in rows[i][width:])]
    out: list[list[str]] = []
    if shape in ("detached", "label_lost", "numbers_lost", "labels_reordered") and width:
        pages = [data[:_ROWS_A_PAGE], data[_ROWS_A_PAGE:]] if table_key == "sec3" else _blocks(data)
        lost = TABLES["sec3"].value_position(_LOST_ROW, "natural_person")[0] if table_key == "sec3" else None
        written = 0
        for page in pages:
            out += rows[written:page[0]]  # the header rows above the page's rows
            labelled = _reordered(table_key, page) if shape == "labels_reordered" else page
            out += [line[:width] for i in labelled for line in _wrapped(rows[i], width)
                    if not (shape == "label_lost" and i == lost)]
            out += [rows[i][width:] for i in page if not (shape == "numbers_lost" and i == lost)]
            written = page[-1] + 1
        return "\n".join(markdown(out + rows[written:]))
    for index, row in enumerate(rows):
        if shape == "wrapped" and width and index in data:
            out += _wrapped(row, width)
        else:
            out.append(row)
        if shape == "placeholders" and (index == data[0] - 1 or index in data[_ROWS_A_PAGE:_ROWS_A_PAGE + 1]):
            out += [["-", "-"], ["---", "---"]]
    return "\n".join(markdown(out))


def _reordered(table_key: str, page: list[int]) -> list[int]:
    """The page's rows with the labels of _REORDERED_ROWS in the other order."""
    if table_key != "sec3":
        return page
    first, second = (TABLES["sec3"].value_position(r, "natural_person")[0] for r in _REORDERED_ROWS)
    return [second if i == first else first if i == second else i for i in page]


def _blocks(data: list[int]) -> list[list[int]]:
    """Runs of consecutive data rows (table 二's four blocks, each under its own two header rows)."""
    blocks: list[list[int]] = []
    for index in data:
        if blocks and blocks[-1][-1] == index - 1:
            blocks[-1].append(index)
        else:
            blocks.append([index])
    return blocks


def _wrapped(row: list[str], width: int) -> list[list[str]]:
    """A data row whose label cells wrap: one Markdown row a printed line, the numbers on the middle line."""
    columns = [wrap(text) for text in row[:width]]
    height = max(len(c) for c in columns)
    middle = height // 2
    lines = []
    for line in range(height):
        labels = [c[line] if line < len(c) else "" for c in columns]
        numbers = row[width:] if line == middle else [""] * (len(row) - width)
        lines.append(labels + numbers)
    return lines


def _other_as_one(rows: list[list[str]], cells: Cells) -> list[list[str]]:
    """（六）其他处理 as one row: the sums of its three sub-rows, as the older template printed it."""
    layout = TABLES["sec3"]
    first = layout.value_position("other_1", "natural_person")[0]
    label = next(c.text for c in layout.cells if c.row == first and c.text.startswith("（六）"))
    sums = [format_number(sum(cells[("sec3", f"other_{i}", c)] for i in (1, 2, 3))) for c in layout.row("other_1").columns]
    return rows[:first] + [["", label, ""] + sums] + rows[first + 3:]


_RENUMBERED = {"sec2": "一、主动公开政府信息情况", "sec3": "二、收到和处理政府信息公开申请情况",
               "sec4": "三、政府信息公开行政复议、行政诉讼情况", "problems": "四、存在的主要问题及改进情况",
               "other_matters": "五、其他需要报告的事项"}
_NARRATIVE_HEADING = {"sec3": "四、政府信息公开申请情况", "sec4": "五、政府信息公开行政复议、行政诉讼情况",
                      "problems": "六、存在的主要问题及改进情况", "other_matters": "七、其他需要报告的事项"}
NARRATIVE = "本年度工作按要求开展。"


def report_markdown(organ: str, year: int, cells: Cells, shape: str) -> str:
    """A whole report: title, headings (renumbered for the heading shapes), a sentence under each narrative
    heading, the three tables as Markdown, broken as `shape` says."""
    parts = [f"# {organ}{year}年政府信息公开工作年度报告", ""]
    for key, heading in SECTIONS:
        if shape == "renumbered":
            if key == "overview":
                parts += [NARRATIVE, ""]  # the overview's text before the first heading, without one
                continue
            heading = _RENUMBERED[key]
        elif shape == "narrative_heading":
            heading = _NARRATIVE_HEADING.get(key, heading)
            if key == "sec3":
                parts += [f"## {heading}", "", "全年共收到政府信息公开申请，具体情况见下表。", ""]
                parts += [table_markdown(key, cells, shape), ""]
                continue
        parts += [f"## {heading}", ""]
        parts += [table_markdown(key, cells, shape) if key in TABLES else NARRATIVE, ""]
    return "\n".join(parts)
