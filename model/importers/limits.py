"""How much structure a reader takes before it refuses a file, checked before the structure is expanded.

A year's report is some 20 pages: a few hundred paragraphs and three tables of some 30 rows and 10 columns.  Each
limit is hundreds of times that, and well below what would keep the clerk waiting or fill the memory; a refusal
names the limit it hit, in one sentence."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from model.importers.result import ImportFailed

MAX_TABLE_ROWS = 20_000
MAX_TABLE_COLUMNS = 256  # Excel 2003's own limit; Word's is 63
MAX_TABLE_CELLS = 200_000  # rows × columns of one table, each position a merged cell covers counted
# the recogniser weighs every paragraph and table row against the layout's labels (a fraction of a millisecond
# each): this many take some seconds
MAX_BLOCKS = 20_000
# a year's report is some 20,000 characters; a 10,000-row table some 300,000
MAX_TEXT_CHARACTERS = 3_000_000
NOT_A_REPORT = "不像是一份年度报告，未导入。"


def check_table_size(name: str, where: str, rows: int, columns: int) -> None:
    """ImportFailed when a table of `rows` × `columns` (counted so far) passes a limit; `where` names the table
    (第 2 个表格, 工作表“表三”)."""
    if rows > MAX_TABLE_ROWS:
        limit = f"超过 {MAX_TABLE_ROWS:,} 行"
    elif columns > MAX_TABLE_COLUMNS:
        limit = f"超过 {MAX_TABLE_COLUMNS} 列"
    elif rows * columns > MAX_TABLE_CELLS:
        limit = f"有 {rows:,} 行 × {columns:,} 列，超过 {MAX_TABLE_CELLS:,} 个单元格"
    else:
        return
    raise ImportFailed(f"“{name}”中{where}{limit}（年度报告的统计表只有几十行），{NOT_A_REPORT}")


def bounded(blocks: Iterable, name: str) -> Iterator:
    """The blocks (document.Block) one by one, ImportFailed once they pass MAX_BLOCKS or MAX_TEXT_CHARACTERS:
    a reader that yields its blocks stops reading there."""
    characters = 0
    for count, block in enumerate(blocks, 1):
        characters += len(block.text)
        if count > MAX_BLOCKS:
            raise ImportFailed(f"“{name}”有超过 {MAX_BLOCKS:,} 段文字和表格行（一份年度报告只有几百段），{NOT_A_REPORT}"
                               f"请只导入年度报告本身。")
        if characters > MAX_TEXT_CHARACTERS:
            raise ImportFailed(f"“{name}”有超过 {MAX_TEXT_CHARACTERS:,} 个字符（一份年度报告约两万字），"
                               f"{NOT_A_REPORT}请只导入年度报告本身。")
        yield block
