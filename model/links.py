"""Figures in the narrative linked to the tables: a span of a paragraph that states a named figure of
model/layout (NAMED_FIGURES) and is always printed as its current value.

The paragraph keeps the text the clerk wrote; a link says which span of it is the figure.  `current_text` is the
one place the span is replaced by the figure, for the editor, every writer and `check` alike.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Callable

from pydantic import BaseModel, ConfigDict, Field

from model.layout import NAMED_FIGURES, TABLES, cell_caption

if TYPE_CHECKING:
    from model.report import Paragraph, Report

BLANK_FIGURE = "待填"  # a linked figure whose cells are not all filled yet
ValueOf = Callable[[str, str, str], "Decimal | None"]


class FigureLink(BaseModel):
    """Characters start..end of a paragraph's text are the figure `figure`, printed with `decimals` places."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    figure: str
    decimals: int = Field(default=0, ge=0, le=4)


def _cell_value(cell: tuple[str, str, str], value: ValueOf) -> Decimal | None:
    """A cell's value; a total none of whose cells is filled yet is blank too (it shows 0 in the table)."""
    table, row, col = cell
    total = _SUMS[table].get((row, col))
    if total is not None and all(_cell_value((table, *addend), value) is None for addend in total.addends):
        return None
    return value(*cell)


_SUMS = {key: {s.target: s for s in layout.sums} for key, layout in TABLES.items()}


def figure_value(name: str, value: ValueOf, blank_as_zero: bool = False) -> Decimal | None:
    """The figure's value from the cells `value` gives; None while a cell is blank (unless `blank_as_zero`) or a
    rate's base is 0.  A rate is a percentage, not rounded."""
    figure = NAMED_FIGURES[name]
    values = {cell: _cell_value(cell, value) for cell in figure.source_cells}
    if None in values.values():
        if not blank_as_zero:
            return None
        values = {cell: v if v is not None else Decimal(0) for cell, v in values.items()}
    total = sum((values[cell] for cell in figure.cells), Decimal(0))
    if not figure.per:
        return total
    base = sum((values[cell] for cell in figure.per), Decimal(0))
    return total * 100 / base if base else None


def rounded(number: Decimal, decimals: int) -> Decimal:
    return number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def figure_text(report: "Report", link: FigureLink) -> str:
    """The linked figure as the sentence states it: 200, 0.0160 or 98.2; 待填 while its cells are blank."""
    number = figure_value(link.figure, report.value)
    if number is None:
        return BLANK_FIGURE
    return f"{rounded(number, link.decimals):f}" if link.decimals else f"{number.to_integral_value(ROUND_HALF_UP):f}"


def source_caption(name: str) -> str:
    """Where a linked figure comes from, for its tooltip: 本年新收申请总计（表三 一、本年新收…·总计）."""
    figure = NAMED_FIGURES[name]
    cells = "＋".join(cell_caption(*cell) for cell in figure.cells)
    if figure.per:
        cells = f"（{cells}）÷（{'＋'.join(cell_caption(*cell) for cell in figure.per)}）×100%"
    return f"{figure.caption}：{cells}"


def rendered(report: "Report", paragraph: "Paragraph") -> tuple[str, tuple[tuple[int, int, FigureLink], ...]]:
    """The paragraph's text with every linked figure current, and where each figure now stands in it."""
    parts, spans, at, shift = [], [], 0, 0
    for link in sorted(paragraph.links, key=lambda link: link.start):
        figure = figure_text(report, link)
        parts += [paragraph.text[at:link.start], figure]
        start = link.start + shift
        spans.append((start, start + len(figure), link))
        shift += len(figure) - (link.end - link.start)
        at = link.end
    parts.append(paragraph.text[at:])
    return "".join(parts), tuple(spans)


def current_text(report: "Report", paragraph: "Paragraph") -> str:
    """What the paragraph says now: its text with every linked figure replaced by the figure's current value."""
    if not paragraph.links:
        return paragraph.text
    return rendered(report, paragraph)[0]


def changed_span(old: str, new: str) -> tuple[int, int, int]:
    """Where an edit from `old` to `new` happened: (start, end in old, end in new), the text around it kept."""
    prefix = 0
    while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(old), len(new)) - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    return prefix, len(old) - suffix, len(new) - suffix


class Figure(str):
    """A piece of a standard sentence that is a linked figure (the name of a layout NAMED_FIGURES entry)."""


# 插入 › 标准表述: the usual sentences, their figures linked; pieces of text and Figure names in reading order
STANDARD_SENTENCES: dict[str, tuple[str, ...]] = {
    "依申请公开": ("本年度共新收政府信息公开申请", Figure("new"), "件，上年结转", Figure("carried_in"), "件，办结",
                Figure("closed"), "件，其中予以公开", Figure("granted"), "件、部分公开", Figure("partial"),
                "件，办结率", Figure("closing_rate"), "%；结转下年度继续办理", Figure("carried_out"), "件。"),
    "复议诉讼": ("本年度因政府信息公开被申请行政复议", Figure("review"), "件、提起行政诉讼", Figure("litigation"), "件。"),
    "主动公开（表二）": ("本年度制发规章", Figure("regulations.issued"), "件、废止", Figure("regulations.repealed"),
                  "件，现行有效规章", Figure("regulations.in_force"), "件；制发行政规范性文件",
                  Figure("normative_documents.issued"), "件、废止", Figure("normative_documents.repealed"),
                  "件，现行有效行政规范性文件", Figure("normative_documents.in_force"), "件。"),
    "行政事业性收费（表二）": ("本年度行政事业性收费", Figure("fees"), "万元。"),
}


def new_link(name: str, start: int) -> FigureLink:
    """A link to `name` at `start`, one character long until the text is rendered (the editor's placeholder)."""
    return FigureLink(start=start, end=start + 1, figure=name, decimals=NAMED_FIGURES[name].decimals)


def standard_sentence(report: "Report", name: str) -> tuple[str, list[FigureLink]]:
    """The standard sentence `name` as text with its figures current, and its links."""
    text, links = "", []
    for piece in STANDARD_SENTENCES[name]:
        if isinstance(piece, Figure):
            link = new_link(piece, len(text))
            figure = figure_text(report, link)
            links.append(link.model_copy(update={"end": link.start + len(figure)}))
            piece = figure
        text += piece
    return text, links
