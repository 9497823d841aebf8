"""What a clerk types into a table cell, read as a number (or refused with a reason in Chinese)."""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

_NUMBER = re.compile(r"^(?:\d+(?:\.\d*)?|\.\d+)$")  # ".5" and "3." as a spreadsheet reads them
_GROUPED = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_SPACED = re.compile(r"^\d{1,3}(?: \d{3})+(?:\.\d+)?$")


def parse_cell_text(text: str, decimals: int) -> Decimal | None:
    """Read "1,234", full-width "１２", " 5 " or "0.1234"; blank means an empty cell (None).

    `decimals` is 0 for a count and 4 for an amount in 万元.  Raises ValueError whose
    message is a sentence for the clerk."""
    # NFKC turns full-width digits, comma, full stop and the ideographic space into ASCII
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
