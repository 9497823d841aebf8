from decimal import Decimal

import pytest

from model.cell_text import parse_cell_text, parse_pasted_block


@pytest.mark.parametrize("typed, decimals, expected", [
    ("12", 0, Decimal(12)),
    ("1,234", 0, Decimal(1234)),
    ("１２", 0, Decimal(12)),
    ("  5 ", 0, Decimal(5)),
    ("3.0", 0, Decimal(3)),
    ("\u3000７\u3000", 0, Decimal(7)),
    ("4478.1715", 4, Decimal("4478.1715")),
    ("１，２３４．５", 4, Decimal("1234.5")),
])
def test_typed_numbers_are_read_as_the_clerk_meant(typed, decimals, expected):
    assert parse_cell_text(typed, decimals) == expected


@pytest.mark.parametrize("typed", ["", "   ", "\u3000"])
def test_blank_text_empties_the_cell(typed):
    assert parse_cell_text(typed, 0) is None


@pytest.mark.parametrize("typed, decimals, reason", [
    ("abc", 0, "不是数字"),
    ("12件", 0, "不是数字"),
    ("1,23", 0, "不是数字"),
    ("-3", 0, "负数"),
    ("2.5", 0, "不是整数"),
    ("0.12345", 4, "最多保留 4 位小数"),
])
def test_what_is_not_a_valid_figure_is_refused_with_a_reason(typed, decimals, reason):
    with pytest.raises(ValueError, match=reason):
        parse_cell_text(typed, decimals)


@pytest.mark.parametrize("clipboard,cells", [
    ("1\t2\t3\r\n4\t\t6\r\n", [["1", "2", "3"], ["4", "", "6"]]),  # Excel/WPS: CR LF, a blank cell kept
    ("90 0 1 1 2 0 94\n", [["90", "0", "1", "1", "2", "0", "94"]]),  # a row copied from a PDF
    ("1 234\r\n", [["1 234"]]),  # one number with its thousands set apart
    ("7\n\n9\n", [["7"], [""], ["9"]]),  # a blank line clears its cell
])
def test_a_pasted_block_is_split_into_the_cells_the_clerk_copied(clipboard, cells):
    assert parse_pasted_block(clipboard) == cells
