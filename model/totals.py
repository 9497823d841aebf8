"""Computed cells (the 总计 of tables 三 and 四): derived from the layout's sums."""
from __future__ import annotations

from decimal import Decimal

from model.layout import TABLES, TableLayout
from model.report import Report

Cell = tuple[str, str]


def _dependents(layout: TableLayout) -> dict[Cell, list]:
    """For each cell, the sums that read it."""
    by_addend: dict[Cell, list] = {}
    for s in layout.sums:
        for a in s.addends:
            by_addend.setdefault(a, []).append(s)
    return by_addend


_DEPENDENTS = {key: _dependents(layout) for key, layout in TABLES.items()}


def sum_of(table: dict[str, dict[str, Decimal | None]], addends) -> Decimal:
    return sum((table[r][c] or 0 for r, c in addends), Decimal(0))


def recompute_after_edit(report: Report, table_key: str, cell: Cell) -> list[Cell]:
    """Recompute every total that depends on `cell`, transitively; returns the cells changed.

    Totals not downstream of the edit keep their value, so a total typed in an
    imported report stays visible (and flagged) until the clerk edits its inputs."""
    table = report.table(table_key)
    dependents = _DEPENDENTS[table_key]
    changed: list[Cell] = []
    pending = [cell]
    while pending:
        current = pending.pop(0)
        for s in dependents.get(current, ()):
            new = sum_of(table, s.addends)
            r, c = s.target
            if table[r][c] != new:
                table[r][c] = new
                changed.append(s.target)
            if s.target not in pending:
                pending.append(s.target)
    return changed


def recompute_all(report: Report) -> None:
    """Make every total agree with its inputs (a report being typed, not one imported)."""
    for key, layout in TABLES.items():
        table = report.table(key)
        for s in layout.sums:
            r, c = s.target
            table[r][c] = sum_of(table, s.addends)
