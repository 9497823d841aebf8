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
    ("100000000", 0, "超过 99,999,999，不是合理的件数或金额"),
    ("１００，０００，０００", 0, "超过 99,999,999"),
    ("9" * 5000, 0, "太长，不是一个数"),
    ("99999999999999999999", 4, "超过 99,999,999"),
    ("1e999999", 0, "不是数字"),
    ("NaN", 4, "不是数字"),
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


def test_the_largest_figure_a_cell_holds_is_accepted():
    assert parse_cell_text("99,999,999", 0) == Decimal(99999999)
    assert parse_cell_text("99999998.9999", 4) == Decimal("99999998.9999")


def test_import_reads_numbers_with_the_limits_typing_has():
    from model.importers.labels import parse_number
    assert parse_number("99,999,999").value == Decimal(99999999)
    assert parse_number("1" + "0" * 29) is None  # 10^29 件 is not read as a figure
