"""The summed report: the selected units' tables added cell by cell into a draft of the 本级 report."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from model.layout import NARRATIVE_KEYS, TABLES
from model.report import LastYear, Paragraph, Report, empty_table
from model.findings import format_number
from model.totals import recompute_all
from model.summary.units import Unit

Place = tuple[str, str, str]  # table, row, column
MAX_TOOLTIP_UNITS = 20


@dataclass
class SummedReport:
    report: Report
    contributors: dict[Place, list[tuple[str, Decimal]]] = field(default_factory=dict)  # units with a non-zero figure
    included: list[str] = field(default_factory=list)  # units summed
    summed_with_errors: list[str] = field(default_factory=list)  # units breaking a rule, summed as printed
    refused: list[str] = field(default_factory=list)  # a sentence per unit left out

    def tooltip(self, place: Place) -> str:
        """The units a summed cell came from, for the cell's tooltip in the editor."""
        units = self.contributors.get(place, [])
        if not units:
            return f"汇总：{len(self.included)} 个单位均为 0 或未填"
        lines = [f"汇总自 {len(units)} 个单位："]
        lines += [f"  {name} {format_number(value)}" for name, value in units[:MAX_TOOLTIP_UNITS]]
        if len(units) > MAX_TOOLTIP_UNITS:
            lines.append(f"  等共 {len(units)} 个单位")
        return "\n".join(lines)

    def tooltips(self) -> dict[Place, str]:
        return {(key, r, c): self.tooltip((key, r, c)) for key, layout in TABLES.items() for r, c in layout.value_keys()}


def narrative_note(count: int) -> str:
    return (f"（待撰写：本报告的表格由 {count} 个单位的报告逐项相加而成，总计已重新计算；"
            f"请根据各单位报告撰写本级情况，并删去本段。）")


def add_tables(reports: list[tuple[str, Report]], year: int, organ: str = "") -> tuple[Report, dict]:
    """Every cell the sum of the reports' cells as printed (blank when blank in all), totals recomputed."""
    report = Report(organ=organ, year=year, unit_kind="government")  # the level above its units: 人民政府
    contributors: dict[Place, list[tuple[str, Decimal]]] = {}
    for key, layout in TABLES.items():
        table = empty_table(key)
        for r, c in layout.value_keys():
            values = [(name, v) for name, unit_report in reports if (v := unit_report.value(key, r, c)) is not None]
            if values:
                table[r][c] = sum((v for _, v in values), Decimal(0))
            contributors[(key, r, c)] = [(name, v) for name, v in values if v != 0]
        setattr(report, key, table)
    recompute_all(report)
    return report, contributors


def sum_units(units: list[Unit], year: int, selected: set[str] | None = None,
              last_units: list[Unit] | None = None) -> SummedReport:
    """The selected units (files; all when None) summed; units of another year or unreadable are refused.
    With last year's units, the draft knows the same units' summed figures of last year for its W1/W2 checks."""
    chosen = [u for u in units if selected is None or u.file in selected]
    summed = [u for u in chosen if u.summable]
    refused = [f"“{u.file}”未计入汇总：{u.refusal}" for u in chosen if not u.summable]
    report, contributors = add_tables([(u.name, u.report) for u in summed], year)
    for key in NARRATIVE_KEYS:
        setattr(report, key, [Paragraph(text=narrative_note(len(summed)))])
    last_by_file = {u.file: u for u in last_units or ()}
    # last year's reports of the same units, so W1/W2 of the draft compare like with like
    last_reports = [(u.name, last_by_file[u.last_file].report) for u in summed if u.last_file]
    if last_reports:
        report.last_year = LastYear.of(add_tables(last_reports, year - 1)[0])
    return SummedReport(report, contributors, [u.name for u in summed],
                        [u.name for u in summed if u.errors], refused)
