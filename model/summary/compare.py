"""This year's units against last year's folder and against each other: who is missing, who is new,
figures that jumped, zeros where similar units have many, and text copied from another unit."""
from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict
from decimal import Decimal

from model.layout import NARRATIVE_KEYS, TABLES
from model.links import current_text
from model.findings import format_number
from model.text_rules import SENTENCE_END
from model.summary.units import KEY_FIGURES, Remark, Unit, organ_key

JUMP_FACTOR = 3  # this year more than 3× last year's figure …
JUMP_MIN_CHANGE = 10  # … and by at least this many (1 → 4 is no news)
DROP_FROM = 20  # last year more than this, this year 0
PEER_MIN_UNITS = 3  # similar units needed before a zero is compared with them
PEER_MEDIAN = 20  # their median at least this
# the kind of organ, from the end of its name: a 镇 is compared with 镇, a 局 with 局
ORGAN_KINDS = ("街道办事处", "镇人民政府", "乡人民政府", "人民政府", "委员会", "办公室", "局")
MIN_COPIED_LENGTH = 30  # shorter sentences are the standard phrases every report uses
MIN_COPIED_SENTENCES = 2


def match_last_year(units: list[Unit], last_units: list[Unit]) -> tuple[list[str], list[str]]:
    """Link each unit to its report of last year; returns (organs missing this year, organs new this year)."""
    last_by_organ = {organ_key(u.name): u for u in last_units if u.summable}
    seen: set[str] = set()
    new = []
    for unit in units:
        if unit.report is None:
            continue
        key = organ_key(unit.name)
        seen.add(key)
        if key in last_by_organ:
            unit.last_file = last_by_organ[key].file
        else:
            new.append(unit.name)
    missing = [u.name for key, u in last_by_organ.items() if key not in seen]
    return missing, new


def remark_carry_over(unit: Unit) -> None:
    """W1 on the 总计 column (its own 上年结转 against its own last 结转下年度), as the office reads it."""
    for f in unit.findings:
        if f.rule == "W1" and f.column == TABLES["sec3"].columns[-1].key:
            unit.remarks.append(Remark("carry_over", f"上年结转 {format_number(f.actual)} 件，"
                                                     f"上年报告结转下年度 {format_number(f.expected)} 件"))


def remark_jumps(unit: Unit, last: Unit) -> None:
    for figure in KEY_FIGURES:
        if not figure.watch_jumps:
            continue
        now, before = unit.figure(figure), last.figure(figure)
        if now is None or before is None:
            continue
        if jumped(before, now):
            unit.remarks.append(Remark("jump", f"{figure.title}由上年 {format_number(before)} "
                                               f"变为 {format_number(now)}"))


def jumped(before: Decimal, now: Decimal) -> bool:
    if now == 0:
        return before > DROP_FROM
    if before == 0:
        return now > DROP_FROM
    return now > JUMP_FACTOR * before and now - before >= JUMP_MIN_CHANGE \
        or before > JUMP_FACTOR * now and before - now >= JUMP_MIN_CHANGE


def organ_kind(name: str) -> str:
    return next((kind for kind in ORGAN_KINDS if name.endswith(kind)), "")


def remark_zeros(units: list[Unit]) -> None:
    """A zero where the units of the same kind have a median of many."""
    by_kind: dict[str, list[Unit]] = defaultdict(list)
    for unit in units:
        by_kind[organ_kind(unit.name)].append(unit)
    for peers in by_kind.values():
        for figure in (f for f in KEY_FIGURES if f.compare_peers):
            values = {id(u): u.figure(figure) for u in peers}
            for unit in peers:
                if values[id(unit)] != 0:
                    continue
                others = [v for u in peers if u is not unit and (v := values[id(u)]) is not None]
                if len(others) >= PEER_MIN_UNITS and (median := statistics.median(others)) >= PEER_MEDIAN:
                    unit.remarks.append(Remark("zero", f"{figure.title}为 0，同类单位中位数为 {format_number(Decimal(median))}"))


def sentences(unit: Unit) -> set[str]:
    """The unit's long sentences, each also with its own name taken out: a copy that only changed the name
    matches the second form, a copy that kept the other unit's name the first."""
    own = unit.organ
    found = set()
    for key in NARRATIVE_KEYS:
        for paragraph in unit.report.narrative(key):
            for sentence in SENTENCE_END.split(re.sub(r"\s+", "", current_text(unit.report, paragraph))):
                if len(sentence) >= MIN_COPIED_LENGTH:
                    found.add(sentence)
                    if own:
                        found.add(sentence.replace(own, ""))
    return found


def remark_copied_text(units: list[Unit]) -> None:
    """Sentence-level overlap between this year's reports: the unit sharing the most with each one."""
    by_sentence: dict[str, list[int]] = defaultdict(list)
    for index, unit in enumerate(units):
        for sentence in sentences(unit):
            by_sentence[sentence].append(index)
    shared: dict[int, Counter] = defaultdict(Counter)
    example: dict[tuple[int, int], str] = {}
    for sentence, holders in by_sentence.items():
        if len(holders) < 2 or len(holders) > max(2, len(units) // 2):  # in half the reports: a template
            continue
        for a in holders:
            for b in holders:
                if a != b:
                    shared[a][b] += 1
                    example.setdefault((a, b), sentence)
    for a, counts in shared.items():
        b, count = counts.most_common(1)[0]
        if count >= MIN_COPIED_SENTENCES:
            quote = example[(a, b)]
            units[a].remarks.append(Remark("copied", f"与“{units[b].name}”有 {count} 句文字相同"
                                                     f"（如“{quote[:24]}…”）"))


def add_remarks(units: list[Unit], last_units: list[Unit] | None) -> None:
    """Remarks on every summable unit, once each is checked and linked to last year's report."""
    summable = [u for u in units if u.summable]
    last_by_file = {u.file: u for u in last_units or ()}
    for unit in summable:
        remark_carry_over(unit)
        if unit.last_file:
            remark_jumps(unit, last_by_file[unit.last_file])
    remark_zeros(summable)
    remark_copied_text(summable)
