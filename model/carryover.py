"""Next year's draft from last year's report: structure and standing figures kept, counts cleared."""
from __future__ import annotations

import re

from model.layout import NARRATIVE_KEYS, TABLES, YEAR_LINKS
from model.links import current_text
from model.report import LIST_NUMBER, LastYear, Paragraph, Report, empty_table
from model.totals import recompute_all

YEAR_BEFORE_NIAN = re.compile(r"(?<!\d)(\d{4})(?=\s*年)")
_LIST_NUMBER = re.compile(rf"\s*{LIST_NUMBER}?")
# a number, not a month or day of a date (1月1日至12月31日 holds every year)
_FIGURE = re.compile(r"\d+(?:[.,，]\d+)*(?!\d)(?!\s*[月日])")


def shift_years(text: str, old_year: int, new_year: int) -> str:
    """Move years that name the report year (and the year after it, the plans) forward."""
    shift = {str(old_year): str(new_year), str(old_year + 1): str(new_year + 1)}
    return YEAR_BEFORE_NIAN.sub(lambda m: shift.get(m.group(1), m.group(1)), text)


def carried_text(text: str, old_year: int, new_year: int) -> str:
    """A paragraph of last year's carried into the new year: the years of a sentence move on only when it states
    no other figure (a year left on last year's 收取处理费160元 would make last year's fee this year's; kept, W8
    flags its year)."""
    from model.text_rules import sentence_spans  # the text rules read the carried text: imported when used

    pieces, done = [], 0
    for start, end in sentence_spans(text):
        sentence = text[start:end]
        numbered = _LIST_NUMBER.match(sentence).end()  # 1. or （1） numbers the sentence, states nothing
        states_figure = any(not YEAR_BEFORE_NIAN.match(sentence, m.start())
                            for m in _FIGURE.finditer(sentence, numbered))
        pieces += [text[done:start], sentence if states_figure else shift_years(sentence, old_year, new_year)]
        done = end
    return "".join(pieces) + text[done:]


def new_from_last_year(last: Report, year: int) -> Report:
    report = Report(organ=last.organ, year=year, unit_kind=last.unit_kind)
    if last.title_override:
        report.title_override = shift_years(last.title_override, last.year, year)
    from model.rules import claimed_links  # the rules read carried paragraphs (text_rules imports this module)
    for key in NARRATIVE_KEYS:
        texts = [carried_text(current_text(last, p), last.year, year) for p in last.narrative(key)]
        setattr(report, key, [Paragraph(text=text, heading=p.heading, links=[] if p.heading else claimed_links(text))
                              for text, p in zip(texts, last.narrative(key))])
    for key in TABLES:
        setattr(report, key, empty_table(key))
    for link in YEAR_LINKS:  # this year's changes are not known yet: last year's figure stands
        table, row, col = link.target
        report.table(table)[row][col] = last.value(*link.source)
    recompute_all(report)
    report.last_year = LastYear.of(last)
    return report


def stale_figures(text: str, year: int) -> list[tuple[int, int]]:
    """(start, end) of the numbers in a carried sentence that are last year's: every figure, and every year but
    the report's own and the next (those 以上年报告为模板新建 moved on); months and days of dates are left."""
    moved = {str(year), str(year + 1)}
    return [m.span() for m in _FIGURE.finditer(text)
            if not (m.group() in moved and YEAR_BEFORE_NIAN.match(text, m.start()))]
