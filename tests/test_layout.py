"""The layout's labels, character for character, against the official format (a copy of spec/format.md)."""
import re

import pytest

from conftest import FIXTURES
from model.layout import SEC2, SEC3, SEC3_NOTE, SEC4, SECTIONS, TABLES, CellKind

SPEC = (FIXTURES / "spec_format.md").read_text(encoding="utf-8")


def spec_sec3_rows() -> dict[str, tuple[str, ...]]:
    """Row key -> label path, read from the spec's table of table 三 rows."""
    block = SPEC[SPEC.index("| key | A | B | C |"):SPEC.index("Label variants")]
    rows: dict[str, tuple[str, ...]] = {}
    group_a = ""
    for line in block.splitlines()[2:]:
        if not line.startswith("|"):
            continue
        key, a, b, c = [cell.strip() for cell in line.strip("|").split("|")]
        clean = lambda text: re.sub(r"\s*\((A–C|B–C|A spans.*|B spans.*)\)$", "", text)
        a, b = clean(a), clean(b)
        if a:
            group_a = a
        if ".." in key:
            prefix, last = re.match(r"(\w+)_1\.\.(\d+)", key).groups()
            for i, label in enumerate(c.split(" · "), 1):
                rows[f"{prefix}_{i}"] = (group_a, b, label)
            assert i == int(last)
        elif b:
            rows[key] = (group_a, b)
        else:
            rows[key] = (a,)
    return rows


def test_table_three_rows_match_the_format_in_order():
    expected = spec_sec3_rows()
    assert [r.key for r in SEC3.rows] == list(expected)
    for row in SEC3.rows:
        assert row.path == expected[row.key], row.key


def test_table_three_header_matches_the_format():
    header_texts = [c.text for c in SEC3.cells if c.kind is CellKind.HEADER]
    assert header_texts[0] == SEC3_NOTE
    assert f"`{SEC3_NOTE}`" in SPEC
    value_columns = SPEC[SPEC.index("Value columns, in order: ") + len("Value columns, in order: "):].split(".\n")[0]
    assert [c.label for c in SEC3.columns] == value_columns.split(", ")
    for text in ("申请人情况", "法人或其他组织"):
        assert f"`{text}`" in SPEC and text in header_texts


def test_table_three_spans_are_the_official_ones():
    spans = {(c.text, c.row_span, c.col_span) for c in SEC3.cells if c.kind is not CellKind.VALUE}
    assert (SEC3_NOTE, 3, 3) in spans
    assert ("申请人情况", 1, 7) in spans
    assert ("自然人", 2, 1) in spans and ("总计", 2, 1) in spans and ("法人或其他组织", 1, 5) in spans
    assert ("三、本年度办理结果", 22, 1) in spans
    assert ("（三）不予公开", 8, 1) in spans and ("（四）无法提供", 3, 1) in spans
    assert ("（五）不予处理", 5, 1) in spans and ("（六）其他处理", 3, 1) in spans
    assert ("（七）总计", 1, 2) in spans and ("一、本年新收政府信息公开申请数量", 1, 3) in spans


def test_table_two_blocks_and_columns_match_the_format():
    spec_block = SPEC[SPEC.index("## Table 二"):SPEC.index("## Table 三")]
    headers = [c for c in SEC2.cells if c.kind is CellKind.HEADER]
    block_headers = [c.text for c in headers if c.col_span == 4]
    assert block_headers == re.findall(r"^\| (第二十条第（.）项) \|", spec_block, re.M)
    for row in SEC2.rows:
        assert row.label in spec_block
    for column in SEC2.columns:
        assert column.label.split("（")[0] in spec_block
    amount = SEC2.column("amount").label
    assert f"`{amount.removeprefix('本年收费金额')}`" in spec_block
    # single-value blocks: the value column spans the three value columns
    assert all(c.col_span == 3 for c in headers if c.text in ("本年处理决定数量", amount))


def test_table_four_headers_match_the_format():
    spec_block = SPEC[SPEC.index("## Table 四"):SPEC.index("## Rules")]
    headers = {(c.row, c.text, c.row_span, c.col_span) for c in SEC4.cells if c.kind is CellKind.HEADER}
    assert (0, "行政复议", 1, 5) in headers and (0, "行政诉讼", 1, 10) in headers
    assert (1, "未经复议直接起诉", 1, 5) in headers and (1, "复议后起诉", 1, 5) in headers
    outcomes = re.findall(r"`(结果维持|结果纠正|其他结果|尚未审结|总计)`", spec_block)[:5]
    assert [c.label for c in SEC4.columns[:5]] == outcomes
    assert [(1, t, 2, 1) in headers for t in outcomes] == [True] * 5


def test_stable_keys_are_the_spec_keys():
    keys = SPEC[SPEC.index("## Stable keys"):]
    for layout in TABLES.values():
        for row in layout.rows:
            if not re.search(r"_\d$", row.key):
                assert f"`{row.key}`" in keys
        for column in layout.columns:
            assert f"`{column.key}`" in keys


def test_section_headings_match_the_format():
    for _, heading in SECTIONS:
        assert f"| {heading} |" in SPEC


@pytest.mark.parametrize("layout", TABLES.values(), ids=lambda t: t.key)
def test_grid_is_fully_covered_without_overlap(layout):
    covered = {}
    for cell in layout.cells:
        for r in range(cell.row, cell.row + cell.row_span):
            for c in range(cell.col, cell.col + cell.col_span):
                assert (r, c) not in covered, (cell, covered.get((r, c)))
                covered[(r, c)] = cell
    assert len(covered) == layout.grid_width * layout.grid_height


def test_the_screen_widths_give_each_row_label_column_of_a_table_its_width():
    from model.layout import SCREEN_LABEL_COLUMNS
    assert {key: layout.label_columns for key, layout in TABLES.items()} == {"sec2": 1, "sec3": 3, "sec4": 0}
    assert {key: len(widths) for key, widths in SCREEN_LABEL_COLUMNS.items()} == \
        {key: layout.label_columns for key, layout in TABLES.items()}
