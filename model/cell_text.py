"""What a clerk types into a table cell, read as a number (or refused with a reason in Chinese).

The limits of a number the program holds are stated here once: typing, pasting, importing and reading a
report file all refuse the same numbers with the same sentence.
"""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

# no organ counts 100 million applications or 100 million 万元 of fees: beyond it a typo or a damaged file
MAX_CELL_VALUE = Decimal(99_999_999)
# digits of a number written out; a decimal of at most 15 digits survives the file's JSON number exactly
MAX_DIGITS = 15
MAX_TYPED_CHARACTERS = 100  # longer text in a cell is not a number (and is not worth reading digit by digit)


def number_problem(value: Decimal) -> str | None:
    """Why a cell cannot hold `value` (a sentence to follow the cell's name), or None when it can.
    Negative and fractional counts are held: the rules flag them (E5) where the clerk can see them."""
    if not value.is_finite():
        return "不是有限的数字"
    if value.copy_abs() > MAX_CELL_VALUE:  # exact: abs() would round to the context's 28 digits
        return f"超过 {MAX_CELL_VALUE:,}，不是合理的件数或金额"
    _sign, digits, exponent = value.as_tuple()
    while len(digits) > 1 and digits[-1] == 0:  # 2.50 is 2.5; not normalize(), which rounds to 28 digits
        digits, exponent = digits[:-1], exponent + 1
    written = max(len(digits) + exponent, 0) + max(-exponent, 0)  # digits before and after the point
    if written > MAX_DIGITS:
        return f"的位数过多（最多 {MAX_DIGITS} 位数字）"
    return None


def checked_number(value: Decimal) -> Decimal:
    """`value` when a cell can hold it; ValueError with the reason otherwise."""
    problem = number_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value

_NUMBER = re.compile(r"^(?:\d+(?:\.\d*)?|\.\d+)$")  # ".5" and "3." as a spreadsheet reads them
_GROUPED = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_SPACED = re.compile(r"^\d{1,3}(?: \d{3})+(?:\.\d+)?$")


def parse_cell_text(text: str, decimals: int) -> Decimal | None:
    """Read "1,234", full-width "１２", " 5 " or "0.1234"; blank means an empty cell (None).

    `decimals` is 0 for a count and 4 for an amount in 万元.  Raises ValueError whose
    message is a sentence for the clerk."""
    # NFKC turns full-width digits, comma, full stop and the ideographic space into ASCII
    if len(text) > MAX_TYPED_CHARACTERS:
        raise ValueError(f"“{text.strip()[:20]}…”太长，不是一个数")
    cleaned = " ".join(unicodedata.normalize("NFKC", text).split())
    if not cleaned:
        return None
    if " " in cleaned:  # thousands set apart by spaces, or several numbers ("90 0 1" from a PDF): not run together
        if not _SPACED.match(cleaned):
            raise ValueError(f"“{text.strip()}”不是一个数（数字之间有空格），每个单元格只能填写一个数")
        cleaned = cleaned.replace(" ", "")
    if cleaned.startswith("-") and _is_number(cleaned[1:]):
        raise ValueError(f"“{text.strip()}”是负数，这里只能填写不小于 0 的数")
    if _GROUPED.match(cleaned):
        cleaned = cleaned.replace(",", "")
    if not _NUMBER.match(cleaned):
        raise ValueError(f"“{text.strip()}”不是数字，请只填写阿拉伯数字")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        raise ValueError(f"“{text.strip()}”不是数字") from None
    problem = number_problem(value)
    if problem is not None:
        raise ValueError(f"“{text.strip()}”{problem}")
    if decimals == 0:
        if value != value.to_integral_value():
            raise ValueError(f"“{text.strip()}”不是整数，件数只能填写整数")
        return value.quantize(Decimal(1))
    if value != value.quantize(Decimal(1).scaleb(-decimals)):
        raise ValueError(f"“{text.strip()}”的小数超过 {decimals} 位，金额最多保留 {decimals} 位小数")
    return value


def is_one_spaced_number(text: str) -> bool:
    """ "1 234" and "12 345 678": one number with its thousands set apart by spaces, not several numbers."""
    return bool(_SPACED.match(" ".join(unicodedata.normalize("NFKC", text).split())))


def _is_number(text: str) -> bool:
    return bool(_NUMBER.match(text) or _GROUPED.match(text))


def parse_pasted_block(text: str) -> list[list[str]]:
    """Rows of cells from a spreadsheet's clipboard text (tabs between cells, CR LF or LF between rows);
    without any tab (a row copied from a PDF or a web page) spaces set the cells apart."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    if "\t" not in text:
        # a blank line still clears its cell
        return [[line] if is_one_spaced_number(line) else line.split() or [""] for line in lines]
    return [line.split("\t") for line in lines]
