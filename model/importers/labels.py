"""Recognising the printed labels and numbers of the statutory tables in messy text.

Labels are compared after removing what varies between published copies (width of
brackets and digits, spaces, quotes); the labels themselves and their known variants
come from model/layout.
"""
from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from model.cell_text import is_one_spaced_number, number_problem
from model.layout import LABEL_VARIANTS, TABLES, CellKind

_DROPPED = str.maketrans("", "", "“”‘’\"'「」『』*")
_SPACE = re.compile(r"\s+")
_NUMBERING = re.compile(r"^(?:\d+\.|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、)")


@functools.lru_cache(maxsize=8192)  # the same label and cell texts are normalised again and again
def normalize(text: str) -> str:
    """The text with width, spacing and quotes made uniform: (一)予以公开 for （一） 予以公开."""
    text = unicodedata.normalize("NFKC", text)
    return _SPACE.sub("", text).translate(_DROPPED)


def without_numbering(text: str) -> str:
    return _NUMBERING.sub("", text)


# ---------------------------------------------------------------- numbers
DASHES = frozenset({"-", "—", "——", "－", "/", "无", "―", "–"})
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d+)?|\.\d+)")
_GROUPED_NUMBER = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_UNIT = re.compile(r"(件|万元)$")


@dataclass(frozen=True)
class Number:
    value: Decimal
    doubt: str = ""  # why the reading is not certain ("—" read as 0, "1,234" read as 1234)


def parse_number(cell: str) -> Number | None:
    """A cell holding one number (full-width digits, spaces, thousands separators accepted)."""
    text = _UNIT.sub("", normalize(cell))
    if not text:
        return None
    if text in DASHES:
        return Number(Decimal(0), f"单元格为“{cell.strip()}”，按 0 导入")
    doubt = _spaced_digits_doubt(cell)
    if _GROUPED_NUMBER.fullmatch(text):
        doubt = f"“{cell.strip()}”中的逗号按千位分隔符理解"
        text = text.replace(",", "")
    if not _PLAIN_NUMBER.fullmatch(text) or len(text) > 30:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return Number(value, doubt) if number_problem(value) is None else None  # the limits typing has


_SPACED_DIGITS = re.compile(r"\d\s+\d")


def _spaced_digits_doubt(cell: str) -> str:
    """Digits parted by spaces inside one cell: a thousands separator (1 234), or several cells that ran into
    one (90 0 1) — never certain."""
    text = unicodedata.normalize("NFKC", cell).strip()
    if not _SPACED_DIGITS.search(text):
        return ""
    if is_one_spaced_number(text):  # as typing and pasting read it
        return f"“{text}”中的空格按千位分隔符理解"
    return f"一个单元格中的“{text}”是几组数字，可能是几个单元格连在了一起，按 {_SPACE.sub('', text)} 导入"


# ---------------------------------------------------------------- labels
_LONGEST_LABEL = 80  # longer text is a sentence, not a label (the longest label has 38 characters)
ROW = "row"
GROUP = "group"
HEADER = "header"


@dataclass(frozen=True)
class LabelMatch:
    kind: str  # ROW (the label that names a row), GROUP (a label above rows) or HEADER
    key: str  # row key for ROW, the label text otherwise
    exact: bool
    score: float
    how: str = ""  # for an inexact match: why it was accepted


@dataclass(frozen=True)
class _Entry:
    kind: str
    key: str
    normalized: str
    official: str


class LabelMatcher:
    """Names the row, group or header a cell's text is, for one table."""

    def __init__(self, table_key: str):
        layout = TABLES[table_key]
        self.table_key = table_key
        entries: list[_Entry] = []
        seen: set[tuple[str, str]] = set()

        def add(kind: str, key: str, text: str, official: str) -> None:
            norm = normalize(text)
            if norm and (kind, norm) not in seen:
                seen.add((kind, norm))
                entries.append(_Entry(kind, key, norm, official))

        for row in layout.rows:
            if row.label:
                add(ROW, row.key, row.label, row.label)
                for variant in LABEL_VARIANTS.get((table_key, row.key), ()):
                    add(ROW, row.key, variant, row.label)
            for group in row.path[:-1]:
                add(GROUP, group, group, group)
        for cell in layout.cells:
            if cell.kind is CellKind.HEADER:
                add(HEADER, cell.text, cell.text, cell.text)
        for column in layout.columns:
            add(HEADER, column.label, column.label, column.label)
            for variant in LABEL_VARIANTS.get((table_key, column.key), ()):
                add(HEADER, column.label, variant, column.label)
        self._entries = entries
        self._exact = {}
        for e in entries:
            self._exact.setdefault(e.normalized, e)
        self._groups = [e.normalized for e in entries if e.kind == GROUP]

    @property
    def entries(self) -> list[_Entry]:
        """Every label of the table: rows with their variants, groups, headers."""
        return self._entries

    def _row_after_groups(self, norm: str) -> _Entry | None:
        """A row label written after its group labels in one cell: 三、本年度办理结果（三）不予公开1.属于国家秘密."""
        groups = self._groups
        rest = norm
        while (group := next((g for g in groups if rest.startswith(g) and len(rest) > len(g)), None)) is not None:
            rest = rest[len(group):]
            entry = self._exact.get(rest)
            if entry is not None and entry.kind == ROW:
                return entry
        return None

    def is_part_of(self, text: str, kind: str, keys: tuple[str, ...] | None = None) -> bool:
        """A piece (one character or more) of a header or group label — of one of `keys` if given — as a wrapped
        cell or a page break leaves it: 自然/人, （六）其他处/理."""
        norm = normalize(text)
        return bool(norm) and any(e.kind == kind and norm in e.normalized and (keys is None or e.key in keys)
                                  for e in self._entries)

    def begins_a_row_label(self, text: str) -> bool:
        norm = normalize(text)
        return any(e.kind == ROW and e.normalized.startswith(norm) for e in self._entries)

    def exact_match(self, text: str) -> LabelMatch | None:
        """The label the text is word for word (after normalize), if any: no likeness is weighed."""
        norm = normalize(text)
        entry = self._exact.get(norm) or (self._row_after_groups(norm) if norm else None)
        return LabelMatch(entry.kind, entry.key, True, 1.0) if entry else None

    def match(self, text: str) -> LabelMatch | None:
        exact = self.exact_match(text)
        if exact is not None:
            return exact
        norm = normalize(text)
        if not norm or len(norm) > _LONGEST_LABEL:
            return None
        scored = [(score, e, how) for e in self._entries for score, how in [_similarity(norm, e)] if score]
        if not scored:
            return None
        score, e, how = max(scored, key=lambda s: s[0])
        if any(o.key != e.key and o.kind == e.kind and s == score for s, o, _ in scored):
            return None  # as close to two labels: no guess
        return LabelMatch(e.kind, e.key, False, score, how)


@functools.cache
def matcher_for(table_key: str) -> LabelMatcher:
    return LabelMatcher(table_key)


def rows_under(table_key: str, group: str) -> list[str]:
    """The rows a group label stands over (（六）其他处理: its three rows)."""
    return [r.key for r in TABLES[table_key].rows if group in r.path[:-1]]


def _similarity(norm: str, entry: _Entry) -> tuple[float, str]:
    target = entry.normalized
    bare_text, bare_target = without_numbering(norm), without_numbering(target)
    if bare_text and bare_text == bare_target and len(bare_text) >= 2:
        return 0.95, f"“{norm}”与“{entry.official}”只差编号"
    if len(norm) >= 4 and target.startswith(norm):
        return 0.6 + 0.3 * len(norm) / len(target), f"“{norm}”是“{entry.official}”的开头部分"
    if len(target) >= 4 and norm.startswith(target) and len(norm) <= len(target) + 4:
        return 0.85, f"“{norm}”是“{entry.official}”加上多余的文字"
    # ratio() is at most 2·shorter/(both lengths): skip the comparison when even that is too little
    if min(len(norm), len(target)) >= 4 and 2 * min(len(norm), len(target)) >= 0.8 * (len(norm) + len(target)):
        matcher = difflib.SequenceMatcher(None, norm, target, autojunk=False)
        ratio = matcher.ratio() if matcher.quick_ratio() >= 0.8 else 0.0
        if ratio >= 0.8:
            return ratio, f"“{norm}”与“{entry.official}”写法相近"
    return 0.0, ""
