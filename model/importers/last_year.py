"""Rows an import left open, settled by last year's report: table 二 has no equation, but 现行有效 this year
is last year's 现行有效 plus this year's 制发 minus 废止 (the links of model/layout.YEAR_LINKS)."""
from __future__ import annotations

from dataclasses import replace

from model.findings import format_number
from model.importers.result import GUESSED, UNREADABLE, ImportResult
from model.layout import TABLES, YEAR_LINK_BY_TARGET
from model.report import LastYear


def settle_with_last_year(result: ImportResult, last: LastYear) -> None:
    """Fill each row left open whose readings only one agrees with last year's figures, as a guess that says so."""
    for index, note in enumerate(result.notes):
        if note.kind != UNREADABLE or not note.readings or note.table not in TABLES:
            continue
        columns = TABLES[note.table].row(note.row).columns
        links = [link for col in columns if (link := YEAR_LINK_BY_TARGET.get((note.table, note.row, col)))]
        checks = [(link, last.value(*link.source)) for link in links]
        checks = [(link, figure) for link, figure in checks if figure is not None]
        if not checks:
            continue
        fitting = [reading for reading in note.readings
                   if all(_agrees(link, figure, dict(zip(columns, reading, strict=True))) for link, figure in checks)]
        if len(fitting) != 1:
            continue
        values = dict(zip(columns, fitting[0], strict=True))
        result.report.table(note.table)[note.row].update(values)
        stated = "、".join(f"{link.caption} {format_number(figure)} 件" for link, figure in checks)
        readings = note.reason.split("。")[0]  # 数字“…”连在一起，有 N 种切分……：a|b|c；…
        result.notes[index] = replace(
            note, kind=GUESSED, cells=tuple((note.row, c) for c in columns),
            reason=f"{readings}。按{last.year}年报告的{stated}核对（本年现行有效 = 上年现行有效 + 本年制发 − 本年废止），"
                   f"只有 {'|'.join(format_number(v) for v in fitting[0])} 相符，按此读取，请核对")


def _agrees(link, last_figure, values) -> bool:
    (_, _, target), added, removed = link.target, link.added, link.removed
    return values[target] == last_figure + sum(values[c] for _, _, c in added) - sum(values[c] for _, _, c in removed)
