"""Choosing between readings of a table row with a cell too many or too few, by the table's arithmetic.

Text taken from a PDF loses blank cells and splits or doubles others, so a row may
hold 6 numbers for 7 columns.  Each way of placing the numbers is a reading; the
equations of the format (E1–E4, from model/layout) keep the readings that agree
with the rest of the table.  A row is decided only when the surviving readings give
the same numbers.
"""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field, replace
from decimal import Decimal
from itertools import combinations, product

from model.layout import SEC3_BALANCE, TABLES
from model.findings import format_number

Cell = tuple[str, str]
MAX_READINGS = 5000  # placements of a row's numbers (or of a block's rows) beyond which none is weighed
WHICHEVER = "无论缺少或多出的是哪一格，读出（或按本行合计推算出）的数字都相同"


@dataclass(frozen=True)
class Equation:
    rule: str
    left: tuple[Cell, ...]
    right: tuple[Cell, ...]

    @property
    def cells(self) -> tuple[Cell, ...]:
        return self.left + self.right


@functools.cache
def table_equations(table_key: str) -> tuple[Equation, ...]:
    layout = TABLES[table_key]
    equations = [Equation(s.rule, (s.target,), s.addends) for s in layout.sums]
    if table_key == "sec3":
        (into_a, into_b), (out_a, out_b) = SEC3_BALANCE
        equations += [Equation("E1", ((into_a, col.key), (into_b, col.key)), ((out_a, col.key), (out_b, col.key)))
                      for col in layout.columns]
    return tuple(equations)


@dataclass
class Reading:
    """One way of placing a row's numbers in its columns; None marks a cell the row does not give."""

    values: dict[str, Decimal | None]
    placement: str  # which cell was missing or which number was extra, for the note
    derived: dict[str, str] = field(default_factory=dict)  # column -> rule that gave its value
    alike: int = 0  # other placements that give the same numbers

    def signature(self) -> tuple:
        return tuple(self.values.values())


def placements(slots: int, items: int) -> list[tuple[tuple[int, int], ...]] | None:
    """Every order-keeping pairing (slot, item): fewer items than slots leave slots empty, more items than
    slots leave items out (a number or a row doubled); None when there are too many to weigh."""
    if math.comb(max(slots, items), min(slots, items)) > MAX_READINGS:
        return None
    if items <= slots:
        return [tuple(zip(filled, range(items))) for filled in combinations(range(slots), items)]
    return [tuple(zip(range(slots), kept)) for kept in combinations(range(items), slots)]


def candidate_readings(columns: tuple[str, ...], numbers: list[Decimal],
                       captions: dict[str, str]) -> list[Reading] | None:
    """Every order-keeping placement of `numbers` in `columns`; None when there are too many to weigh."""
    k, n = len(columns), len(numbers)
    pairings = placements(k, n) if n else None
    if pairings is None:
        return None
    readings = []
    for pairs in pairings:
        values = dict.fromkeys(columns)
        for position, index in pairs:
            values[columns[position]] = numbers[index]
        if n < k:
            filled = {position for position, _ in pairs}
            missing = "、".join(f"“{captions[columns[i]]}”" for i in range(k) if i not in filled)
            readings.append(Reading(values, f"缺的是{missing}"))
        else:
            kept = {index for _, index in pairs}
            extra = "、".join(f"第 {i + 1} 个数字“{format_number(numbers[i])}”" for i in range(n) if i not in kept)
            readings.append(Reading(values, f"多出的是{extra}"))
    return readings


def _evaluate(equation: Equation, value_of) -> tuple[str, Cell | None, Decimal | None]:
    """("holds" | "broken" | "derive" | "open", the one unknown cell, its value)."""
    unknown = [cell for cell in equation.cells if value_of(cell) is None]
    if not unknown:
        left = sum((value_of(c) for c in equation.left), Decimal(0))
        right = sum((value_of(c) for c in equation.right), Decimal(0))
        return ("holds" if left == right else "broken"), None, None
    if len(unknown) > 1:
        return "open", None, None
    cell = unknown[0]
    left = sum((value_of(c) for c in equation.left if c != cell), Decimal(0))
    right = sum((value_of(c) for c in equation.right if c != cell), Decimal(0))
    return "derive", cell, (right - left if cell in equation.left else left - right)


def complete_within_row(row_key: str, reading: Reading, equations: list[Equation]) -> bool:
    """Fill the reading's missing cells from the equations inside the row (E3, E4); False if it breaks one."""
    inside = [e for e in equations if all(r == row_key for r, _ in e.cells)]
    return _apply(row_key, reading, inside, lambda cell: None)[0] == 0


def worked_out(equations: tuple[Equation, ...], cells: dict[Cell, Decimal]
               ) -> tuple[dict[Cell, Decimal], dict[Cell, str]] | None:
    """The cells with those an equation alone leaves open worked out, and the rule that gave each; None if an
    equation breaks (or a cell comes out negative)."""
    cells = dict(cells)
    rules: dict[Cell, str] = {}
    progress = True
    while progress:
        progress = False
        for equation in equations:
            state, cell, value = _evaluate(equation, cells.get)
            if state == "broken" or state == "derive" and value < 0:
                return None
            if state == "derive":
                cells[cell] = value
                rules[cell] = equation.rule
                progress = True
    return cells, rules


def _apply(row_key: str, reading: Reading, equations: list[Equation], known_elsewhere) -> tuple[int, set[str]]:
    """Derive what the equations give; count the broken equations and name the rules that judged the reading."""
    def value_of(cell: Cell) -> Decimal | None:
        return reading.values.get(cell[1]) if cell[0] == row_key else known_elsewhere(cell)

    broken = 0
    judged: set[str] = set()
    progress = True
    done: set[int] = set()
    while progress:
        progress = False
        for index, equation in enumerate(equations):
            if index in done:
                continue
            state, cell, value = _evaluate(equation, value_of)
            if state == "derive" and cell[0] == row_key:
                if value < 0:
                    broken += 1
                    judged.add(equation.rule)
                    done.add(index)
                    continue
                reading.values[cell[1]] = value
                reading.derived[cell[1]] = equation.rule
                progress = True
                done.add(index)
            elif state in ("holds", "broken"):
                done.add(index)
                judged.add(equation.rule)
                broken += state == "broken"
    return broken, judged


@dataclass
class Decision:
    reading: Reading | None  # the chosen reading, or None when the arithmetic cannot decide
    reason: str
    rivals: list[Reading] = field(default_factory=list)  # readings still possible when undecided


def decide_rows(table_key: str, known: dict[Cell, Decimal], pending: dict[str, list[Reading]]) -> dict[str, Decision]:
    """Decide each pending row's reading, using settled cells (`known`, extended as rows are decided)."""
    equations = table_equations(table_key)
    options: dict[str, list[Reading]] = {}
    notes: dict[str, str] = {}
    first_reasons: dict[str, str] = {}
    for row_key, readings in pending.items():
        consistent = [r for r in readings if complete_within_row(row_key, r, equations)]
        if consistent:
            options[row_key] = _distinct(consistent)
            if len(_distinct(readings)) > len(options[row_key]):
                first_reasons[row_key] = f"可能的读法有 {len(_distinct(readings))} 种，只有这一种符合本行的合计关系"
            else:
                first_reasons[row_key] = WHICHEVER
        else:
            options[row_key] = _distinct(readings)
            notes[row_key] = "每种读法都不符合本行的合计关系"
    decisions: dict[str, Decision] = {}
    known = dict(known)

    def settle(row_key: str, reading: Reading, reason: str) -> None:
        decisions[row_key] = Decision(reading, reason)
        for col, value in reading.values.items():
            if value is not None:
                known[(row_key, col)] = value

    for row_key, readings in options.items():
        if len(readings) == 1 and row_key not in notes:
            settle(row_key, readings[0], first_reasons[row_key])
    progress = True
    while progress:
        progress = False
        for row_key, readings in options.items():
            if row_key in decisions:
                continue
            outside = [e for e in equations if any(r == row_key for r, _ in e.cells)
                       and not all(r == row_key for r, _ in e.cells)]
            settled = dict(known)  # and the cells every reading of another undecided row agrees on
            for other, other_readings in options.items():
                if other != row_key and other not in decisions:
                    agreed = agreed_values([r.values for r in other_readings])
                    settled.update({(other, c): v for c, v in agreed.items() if v is not None})
            scored = []
            rules: set[str] = set()
            for reading in readings:
                trial = Reading(dict(reading.values), reading.placement, dict(reading.derived), reading.alike)
                broken, judged = _apply(row_key, trial, outside, settled.get)
                rules |= judged
                scored.append((broken, trial))
            best = min(broken for broken, _ in scored)
            winners = _distinct([trial for broken, trial in scored if broken == best])
            if len(winners) == 1 and any(broken != best for broken, _ in scored):
                rule_names = "、".join(sorted(rules))
                reason = (f"可能的读法有 {len(readings)} 种，按勾稽关系（{rule_names}）与表中其他数字核对，"
                          f"只有这一种最相符")
                if best:
                    reason += f"（但仍有 {best} 处不相符）"
                settle(row_key, winners[0], reason)
                progress = True
    undecided = {k: r for k, r in options.items() if k not in decisions}
    for row_key, reading in _decide_together(undecided, known, equations).items():
        settle(row_key, reading, f"可能的读法有 {len(options[row_key])} 种，与其他同样缺格或多格的行一起"
                                 f"按勾稽关系核对，只有这一种能使全表相符")
    for row_key, readings in options.items():
        if row_key not in decisions:
            reason = notes.get(row_key, f"有 {len(readings)} 种读法，勾稽关系无法确定是哪一种")
            decisions[row_key] = Decision(None, reason, readings)
    return decisions


MAX_COMBINATIONS = 3000  # readings of several rows tried together


def _decide_together(undecided: dict[str, list[Reading]], known: dict[Cell, Decimal],
                     equations: list[Equation]) -> dict[str, Reading]:
    """Rows that only the other undecided rows could settle: try their readings in every combination and
    keep, for each row, the reading all the combinations that fit the whole table share."""
    if len(undecided) < 2 or math.prod(len(r) for r in undecided.values()) > MAX_COMBINATIONS:
        return {}
    touching = [e for e in equations if any(r in undecided for r, _ in e.cells)]
    fitting: list[tuple[Reading, ...]] = []
    for combination in product(*undecided.values()):
        cells = dict(known)
        for row_key, reading in zip(undecided, combination, strict=True):
            cells.update({(row_key, c): v for c, v in reading.values.items() if v is not None})
        if all(_evaluate(e, cells.get)[0] != "broken" for e in touching):
            fitting.append(combination)
    if not fitting:
        return {}
    chosen = {}
    for index, row_key in enumerate(undecided):
        readings = _distinct([combination[index] for combination in fitting])
        if len(readings) == 1:
            chosen[row_key] = readings[0]
    return chosen


def confirmed_cells(table_key: str, values: dict[str, dict[str, Decimal | None]],
                    derived: dict[Cell, str]) -> set[Cell]:
    """Cells that stand in an equation and make every equation they stand in hold.  A cell derived from an
    equation (`derived`: cell -> rule) needs another equation to confirm it."""
    def value_of(cell: Cell) -> Decimal | None:
        return values[cell[0]][cell[1]]

    standing: dict[Cell, list[tuple[str, bool]]] = {}  # cell -> (rule, holds) of each equation it stands in
    for equation in table_equations(table_key):
        holds = _evaluate(equation, value_of)[0] == "holds"
        for cell in equation.cells:
            standing.setdefault(cell, []).append((equation.rule, holds))
    return {cell for cell, equations in standing.items()
            if value_of(cell) is not None and all(holds for _, holds in equations)
            and any(rule != derived.get(cell) for rule, _ in equations)}


def agreed_values(options: list[dict[str, Decimal | None]]) -> dict[str, Decimal | None]:
    """Each cell's value where every option (a reading's, a cut's values) gives the same one, else None."""
    return {c: (v if all(o[c] == v for o in options) else None) for c, v in options[0].items()}


def _distinct(readings: list[Reading]) -> list[Reading]:
    """One reading per set of numbers, counting the placements that give the same numbers."""
    groups: dict[tuple, list[Reading]] = {}
    for reading in readings:
        groups.setdefault(reading.signature(), []).append(reading)
    return [replace(group[0], alike=sum(1 + r.alike for r in group) - 1) for group in groups.values()]


def better_reading(table_key: str, row_key: str, printed: dict[str, Decimal | None],
                   known: dict[Cell, Decimal]) -> Reading | None:
    """For a row read where it stands but with blank cells: the one other placement of its numbers that
    agrees with every equation, when as printed it disagrees with the rest of the table (a row shifted by
    a lost cell).  A row that only breaks its own total keeps it: that is the report's own error."""
    touching = [e for e in table_equations(table_key) if any(r == row_key for r, _ in e.cells)]
    inside = [e for e in touching if all(r == row_key for r, _ in e.cells)]
    outside = [e for e in touching if e not in inside]

    def judge(reading: Reading) -> tuple[int, int, int]:
        """(broken inside the row, broken across rows, equations across rows that could be checked)."""
        broken_inside, _ = _apply(row_key, reading, inside, known.get)
        broken_outside, judged = _apply(row_key, reading, outside, known.get)
        return broken_inside, broken_outside, len(judged)

    if judge(Reading(dict(printed), ""))[1] == 0:
        return None
    numbers = [v for v in printed.values() if v is not None]
    readings = candidate_readings(tuple(printed), numbers, dict.fromkeys(printed, "")) or []
    agreeing = []
    for reading in readings:
        broken_inside, broken_outside, checked = judge(reading)
        if broken_inside == broken_outside == 0 and checked:
            agreeing.append(reading)
    agreeing = [r for r in _distinct(agreeing) if r.signature() != tuple(printed.values())]
    return agreeing[0] if len(agreeing) == 1 else None
