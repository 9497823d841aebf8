"""Reading one statutory table from rows of cell texts, wherever they came from.

Two ways, tried in order:
- as the grid of the layout: every row and cell where the official table has it
  (our own exports); then every cell, blank or not, is certain;
- by labels: each row is found by its label, its numbers taken in column order.
  Rows with a number too many or too few are settled by the table's arithmetic
  (model/importers/arithmetic) or reported.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from model.layout import (FORMAT_2019_HEADERS, FORMAT_2019_ONE_ROW_GROUPS, LABEL_VARIANTS, TABLES, CellKind,
                          TableLayout, column_caption)
from model.importers.arithmetic import (MAX_READINGS, WHICHEVER, Reading, agreed_values, better_reading,
                                       candidate_readings, confirmed_cells, decide_rows, placements,
                                       table_equations, worked_out)
from model.importers.digit_runs import (MAX_CUTS, RunRow, is_run_together, labels_only, narrow_cuts, row_cuts,
                                        split_run)
from model.importers.labels import (DASHES, GROUP, HEADER, ROW, Number, matcher_for, normalize, parse_number,
                                    rows_under)
from model.importers.result import GUESSED, READ, UNREADABLE, Note
from model.report import empty_table
from model.findings import format_number

Values = dict[str, dict[str, Decimal | None]]


@dataclass(frozen=True)
class SourceRow:
    cells: tuple[str, ...]
    line: str  # the raw text, for notes
    where: str  # 第 12 行


@dataclass
class TableRead:
    table_key: str
    values: Values
    notes: list[Note]
    confirmed: set[tuple[str, str]]  # cells the table's arithmetic confirms

    @property
    def certain(self) -> bool:
        """Nothing doubted, and every cell confirmed by the arithmetic."""
        return all(n.kind == READ for n in self.notes) and self.confirmed >= set(TABLES[self.table_key].value_keys())


def read_table(table_key: str, rows: list[SourceRow], cells_can_shift: bool, narrative: tuple[str, ...] = ()
               ) -> TableRead:
    """`cells_can_shift`: text copied from a PDF, where a lost cell moves the rest of its row along.  A doubt
    the table's arithmetic confirms (a dash read as 0, a label read by its likeness, a cut of run-together
    digits) is no guess: its note becomes a note of what was read."""
    values, notes, derived, by_order_only = _read(table_key, rows, cells_can_shift, narrative)
    confirmed = confirmed_cells(table_key, values, derived) - by_order_only
    return TableRead(table_key, values, [replace(n, kind=READ, reason=n.reason + CONFIRMED)
                                         if n.kind == GUESSED and n.cells and set(n.cells) <= confirmed else n
                                         for n in notes], confirmed)


CONFIRMED = "。这些数字与表中的勾稽关系核对相符，视为确定"


def _read(table_key: str, rows: list[SourceRow], cells_can_shift: bool, narrative: tuple[str, ...]
          ) -> tuple[Values, list[Note], dict[tuple[str, str], str], set[tuple[str, str]]]:
    """The values, the notes, the cells worked out by an equation (cell -> rule), and the cells placed by an
    order the arithmetic cannot confirm (two rows it cannot tell apart)."""
    layout = TABLES[table_key]
    filled = [r for r in rows if any(c.strip() for c in r.cells)]
    earlier = _earlier_format_row(table_key, filled)
    if earlier is not None:
        return empty_table(table_key), [Note(
            UNREADABLE, "这是 2019 年格式（国办公开办函〔2019〕60号）的表格，列与 2021 年格式不同，"
                        "表中数字无法对应到现行格式的单元格，未导入，请按原报告填写", table_key, None, None,
            earlier.line, earlier.where)], {}, set()
    for candidate in (rows, filled):  # a row of blank cells is table 四's data row left empty, or a stray line
        read = read_as_grid(layout, candidate)
        if read is not None:
            grid, doubts = read
            notes = [Note(READ, f"按官方表格的格式逐格读取了 {len(layout.value_keys())} 个单元格", table_key,
                          cells=tuple(layout.value_keys()))]  # a blank cell there is read as blank
            notes += [Note(GUESSED, doubt, table_key, row, col, line, where, ((row, col),))
                      for (row, col), (doubt, line, where) in doubts.items()]
            notes += _shifted_rows(layout, grid, candidate) if cells_can_shift else []
            return grid, notes, {}, set()
    if is_run_together(table_key, [r.cells for r in filled]):
        values, notes = _read_run_together(layout, filled, narrative)
        return values, notes, {}, set()
    reader = _LabelReader(layout)
    values, notes = reader.read(filled)
    return values, notes, reader.derived, reader.by_order_only



def row_cells(layout: TableLayout, row_key: str, col_key: str | None = None) -> tuple[tuple[str, str], ...]:
    return ((row_key, col_key),) if col_key else tuple((row_key, c) for c in layout.row(row_key).columns)


def _shifted_rows(layout: TableLayout, values: Values, rows: list[SourceRow]) -> list[Note]:
    """Rows of a grid-shaped table that lost a cell and slid along (text copied from a PDF): a row with
    blanks whose numbers, placed otherwise, agree with the table's arithmetic where as printed they do not."""
    notes = []
    partly_blank = [row for row in layout.rows if None in values[row.key].values()
                    and any(v is not None for v in values[row.key].values())]
    for row in partly_blank:
        printed = dict(values[row.key])
        source = rows[layout.value_position(row.key, row.columns[0])[0]]
        count = f"这一行有 {sum(v is not None for v in printed.values())} 个数字，而应有 {len(printed)} 个"
        known = {(r, c): v for r, cols in values.items() if r != row.key for c, v in cols.items() if v is not None}
        better = better_reading(layout.key, row.key, printed, known)
        if better is not None:
            values[row.key] = better.values
            shown = "、".join(f"{column_caption(layout, c)} {_fmt(v)}" for c, v in better.values.items())
            notes.append(Note(GUESSED, f"{count}；按原位置读取不符合勾稽关系，数字可能错了位。"
                                       f"只有一种放法与表中其他数字相符，读作 {shown}",
                              layout.key, row.key, None, source.line, source.where, row_cells(layout, row.key)))
        elif len(partly_blank) == 1 and all(v is not None for r in layout.rows if r is not row
                                              for v in values[r.key].values()):
            notes.append(Note(GUESSED, f"{count}，表中其余各行都是满的；按原位置读取，空格留空。"
                                       f"如果是复制时丢了数字，这一行可能错了位，请核对", layout.key, row.key, None,
                              source.line, source.where, row_cells(layout, row.key)))
    return notes


def _earlier_format_row(table_key: str, rows: list[SourceRow]) -> SourceRow | None:
    """The first row showing a column header the 2021 format dropped."""
    markers = [normalize(m) for m in FORMAT_2019_HEADERS.get(table_key, ())]
    return next((r for r in rows if any(m in normalize(c) for c in r.cells for m in markers)), None)


# ---------------------------------------------------------------- the official grid
def _same_label(text: str, official: str, variants: tuple[str, ...] = ()) -> bool:
    return normalize(text) in {normalize(official), *(normalize(v) for v in variants)}


def read_as_grid(layout: TableLayout, rows: list[SourceRow]
                 ) -> tuple[Values, dict[tuple[str, str], tuple[str, str, str]]] | None:
    """The values, if the rows are exactly the official grid (merged cells blank or repeating their text;
    columns blank from top to bottom, as hand-made Word tables have, do not count), and the doubt of each
    cell whose number is not certain (cell -> (doubt, raw row, where))."""
    if len(rows) != layout.grid_height:
        return None
    width = len(rows[0].cells)
    if any(len(r.cells) != width for r in rows):
        return None
    cells = [list(r.cells) for r in rows]
    if width > layout.grid_width:
        used = [c for c in range(width) if any(row[c].strip() for row in cells)]
        cells = [[row[c] for c in used] for row in cells]
    if any(len(row) != layout.grid_width for row in cells):
        return None
    variants = {c.label: LABEL_VARIANTS.get((layout.key, c.key), ()) for c in layout.columns}
    variants |= {r.label: LABEL_VARIANTS.get((layout.key, r.key), ()) for r in layout.rows}
    values = empty_table(layout.key)
    doubts = {}
    for cell in layout.cells:
        text = cells[cell.row][cell.col]
        if cell.kind is CellKind.VALUE:
            if text.strip():
                number = parse_number(text)
                if number is None:
                    return None
                values[cell.value[0]][cell.value[1]] = number.value
                if number.doubt:
                    doubts[cell.value] = (number.doubt, rows[cell.row].line, rows[cell.row].where)
        elif not _same_label(text, cell.text, variants.get(cell.text, ())):
            return None
        for r in range(cell.row, cell.row + cell.row_span):
            for c in range(cell.col, cell.col + cell.col_span):
                if (r, c) != (cell.row, cell.col) and cells[r][c].strip() and normalize(cells[r][c]) != normalize(text):
                    return None
    return values, doubts


# ---------------------------------------------------------------- by labels
@dataclass
class _DataRow:
    key: str
    numbers: list[Number]
    sources: list[SourceRow]
    label_doubt: str = ""
    by_order: bool = False  # no label: placed as the next row in order
    label_exact: bool = True  # False: the label only resembles the row's

    @property
    def line(self) -> str:
        return " / ".join(s.line for s in self.sources)

    @property
    def where(self) -> str:
        return "、".join(s.where for s in self.sources)


@dataclass
class _Parsed:
    texts: list[str]
    numbers: list[Number]


def _parse(row: SourceRow) -> _Parsed:
    texts, numbers = [], []
    for cell in row.cells:
        if not cell.strip():
            continue
        number = parse_number(cell)
        if number is None:
            texts.append(cell.strip())
        else:
            numbers.append(number)
    return _Parsed(texts, numbers)


@dataclass
class _LabelReader:
    layout: TableLayout
    notes: list[Note] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.matcher = matcher_for(self.layout.key)
        self.order = [r.key for r in self.layout.rows]
        self.derived: dict[tuple[str, str], str] = {}  # cells not printed but worked out by an equation
        self.by_order_only: set[tuple[str, str]] = set()  # cells placed by an order no equation can confirm
        self.merged_away: set[str] = set()  # rows printed as one with their group's catch-all row
        self.blocks: list[_DetachedBlock] = []  # labels and numbers printed apart, placed by order and arithmetic
        widths = {len(r.columns) for r in self.layout.rows}
        self.row_width = widths.pop() if len(widths) == 1 and len(self.layout.rows) > 1 else None

    def cut_readings(self, data: _DataRow) -> list[Reading]:
        """Readings of a row with fewer numbers than cells where a number may be cells run together (规章 0 12
        for 0|1|2): each cut of its digits that keeps the row's own equations.  Cells parted by tabs or | are
        cells: a number there is one cell, a missing one was lost."""
        columns = self.layout.row(data.key).columns
        pieces = [format_number(n.value) for n in data.numbers]
        if any("\t" in s.line or "|" in s.line for s in data.sources) or len(pieces) >= len(columns) or len("".join(pieces)) < len(columns) or any(not p.isdigit() for p in pieces):
            return []
        cuts = row_cuts(self.layout.key, data.key, pieces) or []
        return [Reading(dict(zip(columns, cut, strict=True)), f"数字连在一起，切分为 {'|'.join(map(_fmt, cut))}")
                for cut in cuts]

    def note(self, kind: str, reason: str, row: str | None = None, column: str | None = None,
             source: SourceRow | _DataRow | None = None, readings: tuple = ()) -> None:
        self.notes.append(Note(kind, reason, self.layout.key, row, column, source.line if source else "",
                               source.where if source else "", row_cells(self.layout, row, column) if row else (),
                               readings))

    def read(self, rows: list[SourceRow]) -> tuple[Values, list[Note]]:
        data_rows = self.find_rows(rows)
        values = empty_table(self.layout.key)
        known: dict[tuple[str, str], Decimal] = {}
        pending: dict[str, list[Reading]] = {}
        pending_rows: dict[str, _DataRow] = {}
        for data in data_rows:
            columns = self.layout.row(data.key).columns
            for number in data.numbers:
                if number.doubt:
                    self.note(GUESSED, number.doubt, data.key, None, data)
            if len(data.numbers) > len(columns) and len(_collapse_repeats(data.numbers)) == len(columns):
                data.numbers = _collapse_repeats(data.numbers)
                self.note(GUESSED, "同一个数字在相邻的单元格中重复出现（合并单元格写成了重复的文字），按一个数字读取",
                          data.key, None, data)
            if len(data.numbers) == len(columns):
                for col, number in zip(columns, data.numbers, strict=True):
                    values[data.key][col] = number.value
                    known[(data.key, col)] = number.value
                continue
            if not data.numbers:
                self.note(UNREADABLE, "这一行没有数字，各单元格留空", data.key, None, data)
                continue
            captions = {c: column_caption(self.layout, c) for c in columns}
            readings = candidate_readings(columns, [n.value for n in data.numbers], captions)
            readings = (readings or []) + self.cut_readings(data) or readings
            if readings is None:
                self.note(UNREADABLE, f"这一行有 {len(data.numbers)} 个数字，而应有 {len(columns)} 个，相差太多，"
                                      f"无法判断各数字属于哪一列，各单元格留空", data.key, None, data)
                continue
            pending[data.key] = readings
            pending_rows[data.key] = data
        for row_key, decision in decide_rows(self.layout.key, known, pending).items():
            data = pending_rows[row_key]
            columns = self.layout.row(row_key).columns
            difference = len(data.numbers) - len(columns)
            count = (f"这一行有 {len(data.numbers)} 个数字，而应有 {len(columns)} 个"
                     f"（{'少' if difference < 0 else '多'} {abs(difference)} 个）")
            if decision.reading is not None:
                reading = decision.reading
                values[row_key].update(reading.values)
                if decision.reason != WHICHEVER:  # else every placement gives these numbers: none is worked out
                    self.derived.update({(row_key, c): rule for c, rule in reading.derived.items()})
                shown = "、".join(f"{column_caption(self.layout, c)} {_fmt(v)}" for c, v in reading.values.items())
                if decision.reason == WHICHEVER:
                    how = f"{decision.reason}，读作 {shown}"
                else:
                    alike = f"（另有 {reading.alike} 种放法数字相同）" if reading.alike else ""
                    derived = "".join(f"；“{column_caption(self.layout, c)}”按 {rule} 推算为 {_fmt(reading.values[c])}"
                                      for c, rule in reading.derived.items())
                    how = f"{decision.reason}：{reading.placement}{alike}，读作 {shown}{derived}"
                self.note(GUESSED, f"{count}。{how}", row_key, None, data)
                for col, value in reading.values.items():
                    if value is None:
                        self.note(UNREADABLE, "原文缺少这一格，勾稽关系也推算不出，留空", row_key, col, data)
                continue
            agreed = agreed_values([r.values for r in decision.rivals])
            values[row_key].update(agreed)
            options = "；".join(f"{r.placement}" for r in decision.rivals[:_SHOWN_CUTS])
            kept = "、".join(column_caption(self.layout, c) for c, v in agreed.items() if v is not None)
            more = "……" if len(decision.rivals) > _SHOWN_CUTS else ""
            self.note(UNREADABLE, f"{count}。{decision.reason}（{options}{more}）。"
                                  + (f"只导入了各种读法都相同的 {kept}，其余留空" if kept else "这一行留空"),
                      row_key, None, data, tuple(tuple(r.values[c] for c in columns) for r in decision.rivals
                                                 if None not in r.values.values()))
        for block in self.blocks:
            self.place_block(block, values)
        found = {d.key for d in data_rows} | {k for b in self.blocks for k in b.window}
        for row in self.layout.rows:
            if row.key not in found and row.key not in self.merged_away:
                self.note(UNREADABLE, "原文中没有找到这一行，各单元格留空", row.key)
        self.notes.insert(0, Note(READ, f"按行标签读取了 {len(found)} 行（共 {len(self.layout.rows)} 行）",
                                  self.layout.key))
        return values, self.notes

    def place_block(self, block: _DetachedBlock, values: Values) -> None:
        """The rows of numbers of a block in the rows of its window, in order, one row missing or more: the
        placements under which no equation of the table breaks (a missing row worked out where an equation
        gives it) are kept; the rows are filled where they agree."""
        equations = table_equations(self.layout.key)
        columns = self.layout.row(block.window[0]).columns
        known = {(r, c): v for r, cols in values.items() for c, v in cols.items() if v is not None}
        fitting: dict[tuple, dict[str, dict[str, Decimal | None]]] = {}
        derived: dict[tuple[str, str], str] = {}  # cell -> the rule that gave it
        pairings = placements(len(block.window), len(block.rows))
        for pairs in pairings or []:
            placed = {block.window[slot]: {c: n.value for c, n in zip(columns, block.rows[row][0], strict=True)}
                      for slot, row in pairs}
            outcome = worked_out(equations, dict(known) | {(r, c): v for r, cols in placed.items()
                                                            for c, v in cols.items()})
            if outcome is not None:  # the rows without numbers as the equations give them, else blank
                cells, rules = outcome
                filled = {r: placed.get(r) or {c: cells.get((r, c)) for c in columns} for r in block.window}
                fitting.setdefault(tuple(tuple(row.values()) for row in filled.values()), filled)
                derived.update({(r, c): rules[(r, c)] for r in block.window if r not in placed for c in columns
                                if filled[r][c] is not None})
        count = (f"行标签与数字分开排列：这里有 {len(block.labels)} 个行标签、{len(block.rows)} 行数字，"
                 f"数字按行的顺序放入“{self.layout.row(block.window[0]).label}”至"
                 f"“{self.layout.row(block.window[-1]).label}”这 {len(block.window)} 行")
        source = _DataRow(block.window[0], [], [s for _, s in block.rows])
        cells = tuple((r, c) for r in block.window for c in columns)
        if len(fitting) == 1:
            [filled] = fitting.values()
            for row_key, row_values in filled.items():
                values[row_key].update(row_values)
            without = [r for r in block.window if (r, columns[0]) in derived
                       or all(v is None for v in filled[r].values())]
            names = "、".join(f"“{self.layout.row(r).label}”" for r in without)
            lost = len(block.window) - len(block.rows)
            missing = (f"；数字比行多 {-lost} 行，多出的未导入" if lost < 0 else "" if not without
                       else f"；缺少数字的是{names}，按勾稽关系推算，推算不出的留空" if len(without) == lost
                       else f"；缺少数字的 {lost} 行在{names}之中，无论是哪一行，按勾稽关系推算出的数字都相同")
            self.notes.append(Note(GUESSED, f"{count}，与表中的勾稽关系相符的放法都给出这些数字{missing}",
                                   self.layout.key, block.window[0], None, source.line, source.where, cells))
            self.derived.update(derived)
            for row_key in without:
                for col in columns:
                    if filled[row_key][col] is None:
                        self.note(UNREADABLE, "原文中这一行的数字缺失，勾稽关系也推算不出，留空", row_key, col)
            return
        options = list(fitting.values())
        agreed = {r: agreed_values([o[r] for o in options]) for r in (options[0] if options else {})}
        for row_key, row_values in agreed.items():
            values[row_key].update(row_values)
        why = (f"可能的放法太多（超过 {MAX_READINGS} 种），无法判断" if pairings is None
               else f"有 {len(options)} 种放法都与勾稽关系相符" if options else "没有一种放法与勾稽关系相符")
        self.notes.append(Note(UNREADABLE, f"{count}，{why}，只导入了各种放法都相同的单元格，其余留空",
                               self.layout.key, block.window[0], None, source.line, source.where,
                               tuple(c for c in cells if agreed.get(c[0], {}).get(c[1]) is None)))

    # ------------------------------------------------------------ rows
    def find_rows(self, rows: list[SourceRow]) -> list[_DataRow]:
        """Name each source row: a data row of the layout, a header, or text that belongs to a neighbour."""
        found: list[_DataRow] = []
        fragment: SourceRow | None = None  # unrecognised text waiting to join the next label
        numbers_run: list[tuple[list[Number], SourceRow]] = []  # whole rows of numbers after labels alone
        for source in rows:
            parsed = _parse(source)
            if _is_placeholder(source, parsed, self.layout):
                self.note(READ, "只有短横线的一行（转换时留下的占位行），不是表格的数据，略去", source=source)
                continue
            key, doubt, unmatched = self.row_label(parsed.texts)
            label_exact = key is not None and not doubt
            if key is None and not parsed.texts and len(parsed.numbers) == self.row_width and (
                    numbers_run or self.waiting_labels(found)):
                numbers_run.append((list(parsed.numbers), source))
                continue
            if numbers_run:
                self.close_numbers_run(found, numbers_run, key)
                numbers_run = []
            if fragment is not None and (key is None or doubt):
                joined_key, joined_doubt, _ = self.row_label([" ".join(_parse(fragment).texts + parsed.texts)])
                if joined_key and not joined_doubt:
                    key, doubt, unmatched = joined_key, "行标签分在两行，已与上一行的文字合起来识别", []
                    label_exact = True
                    source = SourceRow(source.cells, f"{fragment.line} / {source.line}",
                                       f"{fragment.where}、{source.where}")
                    fragment = None
            if key is None and not parsed.numbers:
                unmatched = [t for t in unmatched if not (not found and (
                    len(normalize(t)) >= 2 and self.matcher.is_part_of(t, HEADER)
                    or labels_only(self.layout.key, t, {HEADER})))]
                if not unmatched:
                    continue  # a header row, or a header label split over lines
                if found and found[-1].label_doubt and self.joins_previous(found[-1], parsed.texts, source):
                    continue
                if len(parsed.texts) >= 2 and all(self.matcher.is_part_of(t, HEADER) for t in parsed.texts) or \
                        all(labels_only(self.layout.key, t, {HEADER}) for t in parsed.texts) or \
                        all(self.matcher.is_part_of(t, GROUP) and not self.matcher.begins_a_row_label(t)
                            for t in parsed.texts):
                    continue  # the rest of header or group labels a page break cut off (业 机构 组织, 年度办理结果)
                self.drop_fragment(fragment)
                fragment = source
                continue
            self.drop_fragment(fragment)
            fragment = None
            if key is None and self.names_a_group(parsed.texts):
                group = self.matcher.match(parsed.texts[-1]).key
                key = FORMAT_2019_ONE_ROW_GROUPS.get((self.layout.key, group))
                if key is None or any(d.key in rows_under(self.layout.key, group) for d in found):
                    self.note(UNREADABLE, f"“{parsed.texts[-1]}”在 2021 年格式中是几行的总标题，不是一行，"
                                          f"这一行的数字无法分到各行，未导入", source=source)
                    continue
                doubt = printed_as_one(self.layout, group, key)
                blank = left_blank_as_one(self.layout, group, key, source.line, source.where)
                self.notes += blank
                self.merged_away |= {n.row for n in blank}
            if key is None:
                self.place_unlabelled(found, parsed.numbers, source)
                continue
            earlier = next((d for d in found if d.key == key), None)
            if earlier is not None and (earlier.by_order or not earlier.label_exact and label_exact):
                found.remove(earlier)  # a row placed by order or by a likeness gives way to the row labelled so
                self.drop_misplaced(earlier, key)
            if self.taken(found, key):
                self.note(UNREADABLE, "这一行在表中出现了不止一次，只导入了第一次出现的数字", key, source=source)
                continue
            if unmatched:
                self.note(UNREADABLE, f"这一行中的文字“{'、'.join(unmatched)}”不是表格的标签，未导入",
                          key, source=source)
            found.append(_DataRow(key, list(parsed.numbers), [source], doubt, label_exact=label_exact))
        if numbers_run:
            self.close_numbers_run(found, numbers_run, None)
        self.drop_fragment(fragment)
        for data in found:
            if data.label_doubt:
                self.note(GUESSED, data.label_doubt, data.key, None, data)
        return sorted(found, key=lambda d: self.order.index(d.key))

    def taken(self, found: list[_DataRow], key: str) -> bool:
        return any(d.key == key for d in found) or any(key in b.window for b in self.blocks)

    def place_unlabelled(self, found: list[_DataRow], numbers: list[Number], source: SourceRow) -> None:
        """Numbers without a label: the row waiting for them, or else the next row in order."""
        if self.append_numbers(found, numbers, source):
            return
        key, doubt = self.next_row(found)
        if key is None:
            self.note(UNREADABLE, "这一行的数字找不到所属的行，未导入", source=source)
        elif self.taken(found, key):
            self.note(UNREADABLE, "这一行在表中出现了不止一次，只导入了第一次出现的数字", key, source=source)
        else:
            found.append(_DataRow(key, list(numbers), [source], doubt, by_order=True))

    def drop_misplaced(self, data: _DataRow, key: str) -> None:
        label = self.layout.row(key).label
        if all(c.strip() in DASHES for c in data.sources[0].cells if c.strip()):
            self.note(READ, f"只有短横线的一行（转换时留下的占位行），不是表格的数据；“{label}”的数字在后面标着它的一行，"
                            f"这一行略去", source=data)
        elif not data.by_order:
            self.note(UNREADABLE, f"这一行的标签只是与“{label}”相近；后面有确切标着“{label}”的一行，"
                                  f"以那一行为准，这一行的数字未导入", source=data)
        else:
            self.note(UNREADABLE, f"这一行没有行标签，按顺序曾推定为“{label}”；后面有标着“{label}”的一行，"
                                  f"以那一行为准，这一行的数字未导入", source=data)

    def waiting_labels(self, found: list[_DataRow]) -> list[_DataRow]:
        """The labels that stood alone since the last row with numbers, still without numbers."""
        return [d for d in _labels_since_numbers(found) if not d.numbers]

    def close_numbers_run(self, found: list[_DataRow], run: list[tuple[list[Number], SourceRow]],
                          next_key: str | None) -> None:
        """Labels alone, then whole rows of numbers (a PDF converter gives a page's labels, then its numbers).
        As many rows as labels: each label takes its row in order.  Otherwise a label or a row of numbers was
        lost: the numbers belong, in order, to the rows between the last row read and the next label, and
        which row is missing is left to the table's arithmetic (read: place_blocks)."""
        labels = self.waiting_labels(found)
        if len(labels) == len(run):
            in_table_order = sorted(labels, key=lambda d: self.order.index(d.key))
            for data, (numbers, source) in zip(in_table_order, run, strict=True):
                data.numbers = numbers
                data.sources.append(source)
                data.label_doubt = "行标签与数字不在同一行，已合起来"
            self.doubt_label_order(labels, in_table_order, run)
            return
        start = max((self.order.index(d.key) for d in found if d not in labels), default=-1) + 1
        end = self.order.index(next_key) if next_key and self.order.index(next_key) > start else len(self.order)
        others = [d for d in found if d not in labels]
        window = [k for k in self.order[start:end] if not self.taken(others, k)]
        if not window or not all(d.key in window for d in labels):
            for numbers, source in run:
                self.place_unlabelled(found, numbers, source)
            return
        for data in labels:
            found.remove(data)
        self.blocks.append(_DetachedBlock(window, run, labels))

    def doubt_label_order(self, printed: list[_DataRow], in_table_order: list[_DataRow],
                          run: list[tuple[list[Number], SourceRow]]) -> None:
        """Labels printed apart from their numbers and in another order than the table's: the numbers, which
        come in the table's order, fill the rows in that order.  The equations cannot tell rows of one sum
        apart (2. and 3. of （四）无法提供 swapped keep every total), so a row whose numbers the labels' own
        order would give to another row stays a guess."""
        if printed == in_table_order:
            return
        by_label_order = {d.key: [n.value for n in numbers] for d, (numbers, _) in zip(printed, run, strict=True)}
        for data in in_table_order:
            if by_label_order[data.key] != [n.value for n in data.numbers]:
                data.label_doubt = ("行标签与数字分开排列，且行标签的顺序与表中不同：数字按表中行的顺序放入。"
                                    "勾稽关系无法区分这几行，按行标签的顺序则应为 "
                                    + "、".join(format_number(v) for v in by_label_order[data.key]) + "，请核对")
                self.by_order_only |= set(row_cells(self.layout, data.key))

    def drop_fragment(self, fragment: SourceRow | None) -> None:
        if fragment is None:
            return
        if fragment.line.strip().endswith(("。", "；", "：")):  # a sentence: 具体情况见下表。
            self.note(UNREADABLE, "表格旁的一句说明文字：年报格式中这一部分只有表格，这句话未导入，需要时请写入正文",
                      source=fragment)
        else:
            self.note(UNREADABLE, "未能识别的文字，未导入", source=fragment)

    def row_label(self, texts: list[str]) -> tuple[str | None, str, list[str]]:
        """(row key, why the match is not certain, texts that are no label of this table)."""
        best = None
        unmatched = []
        for text in texts:
            match = self.matcher.match(text)
            if match is None:
                unmatched.append(text)
            elif match.kind == ROW and (best is None or match.score >= best.score):
                best = match
            elif match.kind in (GROUP, HEADER) and not match.exact:
                unmatched.append(text)
        if best is None:
            return None, "", unmatched
        path = self.layout.row(best.key).path
        # a group label's part beside its row (（三）不予公, or 理 of （六）其他处理 on the page after the break)
        unmatched = [t for t in unmatched if not self.matcher.is_part_of(t, GROUP, tuple(path[:-1]))]
        return best.key, ("" if best.exact else f"行标签{best.how}"), unmatched

    def names_a_group(self, texts: list[str]) -> bool:
        """Labelled only by labels that stand over several rows (（六）其他处理 with numbers: the 2019 format)."""
        matches = [self.matcher.match(t) for t in texts]
        return bool(matches) and all(m is not None and m.kind == GROUP for m in matches)

    def joins_previous(self, previous: _DataRow, texts: list[str], source: SourceRow) -> bool:
        """A label split over lines: the previous row's label and this text make the whole label, or a longer
        beginning of it (a label wrapped over three lines in a PDF's cell)."""
        first = _parse(previous.sources[0]).texts
        if not first:
            return False
        so_far = first[-1] + "".join(t for s in previous.sources[1:] for t in _parse(s).texts)
        # the whole line, or its last cell (the row label's column; the cells before it continue group labels)
        for joined in dict.fromkeys((so_far + "".join(texts), so_far + texts[-1])):
            key, doubt, _ = self.row_label([joined])
            if key == previous.key and (not doubt or normalize(self.layout.row(key).label).startswith(normalize(joined))):
                break
        else:
            return False
        if not doubt:
            previous.label_doubt = ("行标签分在两行，已与下一行的文字合起来识别" if len(previous.sources) == 1
                                    else "行标签分在几行，已与下面各行的文字合起来识别")
        previous.sources.append(source)
        return True

    def append_numbers(self, found: list[_DataRow], numbers: list[Number], source: SourceRow) -> bool:
        """Numbers without a label that belong to the row before: its label stood alone on its line (in text
        copied from a PDF each cell may stand on a line of its own, until the row has its numbers),
        or (table 四, one row) its numbers run over several lines."""
        if not found:
            return False
        previous = found[-1] if len(self.order) == 1 else self.row_waiting_for(found, len(numbers))
        if previous is None:
            return False
        previous.label_doubt = ("这一行的数字分在几行，已按顺序连起来" if previous.numbers
                                else "行标签与数字不在同一行，已合起来")
        previous.numbers += numbers
        previous.sources.append(source)
        return True

    def row_waiting_for(self, found: list[_DataRow], count: int) -> _DataRow | None:
        """The first row whose label stood alone and that has no numbers yet or room for `count` more, among
        the rows labelled since the last numbers arrived (a PDF copy may give two labels, then both rows' numbers)."""
        return next((d for d in _labels_since_numbers(found)
                     if not d.numbers or len(d.numbers) + count <= len(self.layout.row(d.key).columns)), None)

    def next_row(self, found: list[_DataRow]) -> tuple[str | None, str]:
        """A row of numbers without a label: the only row of table 四, or else the next row in order."""
        if len(self.order) == 1:
            return self.order[0], ""
        start = self.order.index(found[-1].key) + 1 if found else 0
        taken = {d.key for d in found}
        for key in self.order[start:]:
            if key not in taken:
                return key, "这一行没有行标签，按行的顺序推定"
        return None, ""


def _labels_since_numbers(found: list[_DataRow]) -> list[_DataRow]:
    """The last rows whose label stood alone on its line: those still without numbers and, before them, the
    row that took the latest numbers on lines of their own.  A row printed with its numbers ends the run."""
    since: list[_DataRow] = []
    for data in reversed(found):
        if _parse(data.sources[0]).numbers:
            break
        since.insert(0, data)
        if data.numbers:
            break
    return since


# ---------------------------------------------------------------- cells run together
_SHOWN_CUTS = 24  # alternatives listed in a note (table 二: up to 21 for eight digits)


def _read_run_together(layout: TableLayout, rows: list[SourceRow], narrative: tuple[str, ...]
                       ) -> tuple[Values, list[Note]]:
    """Rows whose labels and digits ran together, cut into cells by the table's arithmetic; where the arithmetic
    leaves several cuts (table 二 has no equation), by the figures the report's own text states."""
    run = split_run(layout.key, [(cell, row.where) for row in rows for cell in row.cells])
    values = empty_table(layout.key)
    notes = [Note(READ, "表中各单元格的数字连在一起，没有分隔，按表中的勾稽关系切分到各单元格", layout.key)]

    def note(kind: str, reason: str, row: RunRow | None = None, cells: tuple = (), readings: tuple = ()) -> None:
        notes.append(Note(kind, reason, layout.key, row.key if row else None, None,
                          row.line if row else "", row.where if row else "", cells, readings))

    rules = "、".join(sorted({e.rule for e in table_equations(layout.key)}))
    options: dict[str, list[dict[str, Decimal]]] = {}
    for key, run_row in run.rows.items():
        columns = layout.row(key).columns
        cuts = row_cuts(layout.key, key, run_row.pieces)
        if cuts is None:
            note(UNREADABLE, f"数字“{run_row.digits}”连在一起，可以切分的方法超过 {MAX_CUTS} 种，无法判断，这一行留空",
                 run_row)
        elif not cuts and (printed := run_row.only_cut(layout)) is not None:
            values[key].update(printed)  # the report's own misprint: kept, so that check flags it
            shown = "|".join(_fmt(v) for v in printed.values())
            note(READ, f"数字“{run_row.digits}”只有一种切分：{shown}，但它与本行的合计不符（{rules}）。"
                       f"按原文读取，这是原报告本身的错误，检查时会指出", run_row)
        elif not cuts:
            why = f"没有一种切分能使本行的合计相符（{rules}）" if rules else f"无法切分成 {len(columns)} 个数"
            note(UNREADABLE, f"数字“{run_row.digits}”连在一起，{why}，这一行留空", run_row)
        else:
            options[key] = [dict(zip(columns, cut, strict=True)) for cut in cuts]
    for key, run_row in run.rows.items():
        if run_row.label_doubt:
            note(GUESSED, run_row.label_doubt, run_row, row_cells(layout, key))
    narrowed, deciders = narrow_cuts(layout.key, options, {})
    for key, cuts in narrowed.items():
        run_row = run.rows[key]
        columns = layout.row(key).columns
        shown = "；".join("|".join(_fmt(c[col]) for col in columns) for c in cuts[:_SHOWN_CUTS])
        more = f"等 {len(cuts)} 种" if len(cuts) > _SHOWN_CUTS else ""
        dash = "，其中的“—”按 0 读取" if run_row.dashes else ""
        if len(cuts) == 1:
            values[key].update(cuts[0])
            if run_row.one_way_to_cut(len(columns)) and not run_row.dashes:
                continue  # one number a piece: nothing to choose
            weighed = (f"本行的合计关系允许 {len(options[key])} 种切分，由列的勾稽关系"
                       f"（{'、'.join(sorted(deciders.get(key, ())))}）与其他各行一起核对后只剩一种"
                       if len(options[key]) > 1 else "只有一种切分")
            note(GUESSED, f"数字“{run_row.digits}”连在一起{dash}，{weighed}：{shown}", run_row, row_cells(layout, key))
            continue
        stated = _stated_figures(layout.key, key, narrative) if narrative else {}
        fitting = [c for c in cuts if all(c[col] == value for col, (value, _) in stated.items())]
        if stated and len(fitting) == 1:
            values[key].update(fitting[0])
            sentences = "；".join(f"“{quote}”" for _, quote in stated.values())
            note(GUESSED, f"数字“{run_row.digits}”连在一起，有 {len(cuts)} 种切分：{shown}{more}。正文写{sentences}，"
                          f"只有 {'|'.join(_fmt(fitting[0][c]) for c in columns)} 与之相符，按此读取，请核对",
                 run_row, row_cells(layout, key))
            continue
        agreed = agreed_values(cuts)
        values[key].update(agreed)
        kept = "、".join(column_caption(layout, c) for c, v in agreed.items() if v is not None)
        note(UNREADABLE, f"数字“{run_row.digits}”连在一起{dash}，有 {len(cuts)} 种切分都符合勾稽关系：{shown}{more}。"
                         + (f"只导入了各种切分都相同的 {kept}，其余留空" if kept else "这一行留空"),
             run_row, tuple((key, c) for c, v in agreed.items() if v is None),
             tuple(tuple(c[col] for col in columns) for c in cuts))
    for key, group in run.printed_as_one.items():
        note(GUESSED, printed_as_one(layout, group, key), run.rows[key], row_cells(layout, key))
        notes += left_blank_as_one(layout, group, key, run.rows[key].line, run.rows[key].where)
    for key in run.repeated:
        note(UNREADABLE, "这一行在表中出现了不止一次，只导入了第一次出现的数字", RunRow(key))
    if run.orphan_digits:
        note(UNREADABLE, f"数字“{' '.join(run.orphan_digits)}”前面没有行标签，不知属于哪一行，未导入")
    merged_away = {r for group in run.printed_as_one.values() for r in rows_under(layout.key, group)}
    for row in layout.rows:
        if row.key not in run.rows and row.key not in merged_away:
            note(UNREADABLE, "原文中没有找到这一行，各单元格留空", RunRow(row.key))
    return values, notes


def _stated_figures(table_key: str, row_key: str, narrative: tuple[str, ...]) -> dict[str, tuple[Decimal, str]]:
    """The row's cells whose figure a sentence of the report states (现行有效规范性文件 450 件), by the claims W4
    reads (model/rules): column -> (figure, the words)."""
    from model.rules import narrative_claims  # loaded only when a row is left open
    stated: dict[str, tuple[Decimal, str]] = {}
    for text in narrative:
        for claim, match, figure in narrative_claims(text):
            if len(claim.cells) == 1 and claim.cells[0][:2] == (table_key, row_key):
                stated.setdefault(claim.cells[0][2], (figure, match.group(0)))
    return stated


@dataclass
class _DetachedBlock:
    window: list[str]  # the rows the numbers belong to, in order (one or more of them without numbers)
    rows: list[tuple[list[Number], SourceRow]]  # whole rows of numbers, in order
    labels: list[_DataRow]  # the labels printed apart from them


def _is_placeholder(source: SourceRow, parsed: _Parsed, layout: TableLayout) -> bool:
    """A row of dashes only, too short for any row of the table: what a converter leaves for an empty stretch
    (| - | - |), not a row of zeros."""
    cells = [c.strip() for c in source.cells if c.strip()]
    return (bool(cells) and all(c in DASHES for c in cells) and not parsed.texts
            and len(cells) < min(len(r.columns) for r in layout.rows))


def printed_as_one(layout: TableLayout, group: str, key: str) -> str:
    return (f"“{group}”印成了一行（较早的模板把其下 {len(rows_under(layout.key, group))} 行合为一行），"
            f"数字按“{layout.row(key).label}”导入，其余各行留空，请核对")


def left_blank_as_one(layout: TableLayout, group: str, key: str, line: str, where: str) -> list[Note]:
    """The rows under a group printed as one row, but the row that took its numbers: left blank."""
    return [Note(UNREADABLE, f"“{group}”印成了一行，这一行没有单独的数字，留空", layout.key, other, None, line, where,
                 row_cells(layout, other)) for other in rows_under(layout.key, group) if other != key]


def _collapse_repeats(numbers: list[Number]) -> list[Number]:
    return [n for i, n in enumerate(numbers) if i == 0 or n.value != numbers[i - 1].value]


def _fmt(value: Decimal | None) -> str:
    return "空" if value is None else format_number(value)
