"""Chinese line breaking with the 标点 rules (避头尾): no line starts with ，。；：、）》” and the like,
no line ends with an opening bracket or quote.  Latin words and numbers (2021, 4478.1715) stay whole."""
from __future__ import annotations

import re
from typing import Callable

from export.pagestyle import FORBIDDEN_LINE_END, FORBIDDEN_LINE_START

_TOKEN = re.compile(r"[A-Za-z0-9０-９Ａ-Ｚａ-ｚ][A-Za-z0-9０-９Ａ-Ｚａ-ｚ.,:/%_\-+@#&=?~．]*|\s+|.", re.S)


_URL = re.compile(r"(?i)^(https?://|www\.)")
_URL_PART = re.compile(r"[^/.?&=_-]*[/.?&=_-]+|[^/.?&=_-]+")


def tokens(text: str) -> list[str]:
    """Units a line may break between: one Chinese character, one space run, or one Latin word/number; a web
    address breaks after its / . ? & = _ - as typesetters break one, so the line before it is not letter-spaced
    wide for want of room."""
    units = []
    for token in _TOKEN.findall(text):
        units += _URL_PART.findall(token) if _URL.match(token) else [token]
    return units


BREAK_OPPORTUNITY = "\u200b"  # zero-width space: Word, WPS and LibreOffice may break a line there


def with_break_opportunities(text: str) -> str:
    """The text with a zero-width space after each / . ? & = _ - of a web address, where `tokens` lets the PDF
    break it: Word and LibreOffice then break the address there too, rather than stretch the line before it."""
    return "".join(BREAK_OPPORTUNITY.join(_URL_PART.findall(token)) if _URL.match(token) else token
                   for token in _TOKEN.findall(text))


def break_lines(text: str, first_width: float, width: float, measure: Callable[[str], float]) -> list[str]:
    """Lines no wider than the widths (the first line may be shorter, for its indent); a line break kept in
    the paragraph ("\n", Word's Shift+Enter) always starts a new line, and the line before it keeps the "\n"
    at its end so it is set like a paragraph's last line, not stretched."""
    pieces = text.split("\n")
    lines = _break_piece(pieces[0], first_width, width, measure)
    for piece in pieces[1:]:
        lines[-1] += "\n"
        lines += _break_piece(piece, width, width, measure)
    return lines


def _break_piece(text: str, first_width: float, width: float, measure: Callable[[str], float]) -> list[str]:
    """Greedy lines no wider than the widths (the first line may be shorter, for its indent).

    A token that would begin a line with forbidden punctuation takes the previous token down with it; an
    opening bracket at a line end moves down to what it opens.  A single token wider than a whole line is
    cut character by character."""
    lines: list[list[str]] = [[]]
    used = 0.0
    limit = first_width
    pending = tokens(text)
    pending.reverse()
    while pending:
        token = pending.pop()
        line = lines[-1]
        if not line and token.isspace() and len(lines) > 1:
            continue  # a break swallows the space at it
        w = measure(token)
        if used + w <= limit + 1e-6 or not line and w <= limit + 1e-6:  # a full grid line fits exactly
            line.append(token)
            used += w
            continue
        if not line:  # wider than a line: cut it
            fit = _longest_fitting_prefix(token, limit, measure)
            line.append(token[:fit])
            if token[fit:]:
                pending.append(token[fit:])
            used += measure(token[:fit])
            continue
        carried = [token]
        while len(line) > 1 and (carried[0][0] in FORBIDDEN_LINE_START or line[-1][-1] in FORBIDDEN_LINE_END):
            carried.insert(0, line.pop())
        while len(line) > 1 and line[-1].isspace():
            line.pop()
        pending.extend(reversed(carried))
        lines.append([])
        used = 0.0
        limit = width
    return ["".join(line) for line in lines if line] or [""]


def _longest_fitting_prefix(token: str, limit: float, measure: Callable[[str], float]) -> int:
    fit = 1
    while fit < len(token) and measure(token[: fit + 1]) <= limit:
        fit += 1
    return fit
