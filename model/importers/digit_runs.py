"""Tables whose cells ran together: labels and digits with nothing between them.

A web page's text layer may join a row's cells: 一、本年新收政府信息公开申请数量640020470, the next
row's item number stuck to the digits (…00000002.其他法律…), the whole table on one line.  The text is
split at the table's labels (model/layout), each row's digits are cut into its cells so that the
equations inside the row hold (E3, E4) and no number but 0 starts with 0, and the cuts of all rows are
then weighed together against the equations across rows (E1, E2).  Where several cuts survive, all of
them are kept: the caller imports only what they agree on.
"""
from __future__ import annotations

import difflib
import functools
import math
import re
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import accumulate, product

from model.cell_text import number_problem
from model.importers.arithmetic import Equation, table_equations
from model.importers.labels import DASHES, GROUP, HEADER, ROW, matcher_for, normalize, without_numbering
from model.layout import FORMAT_2019_ONE_ROW_GROUPS, TABLES

MAX_DIGITS = 9  # a count or an amount longer than this is no cell of these tables
MAX_CUTS = 64  # beyond this many ways to cut one row, the row is not worth listing
MAX_STATES = 50_000  # the search of one row gives up here (bounded time on hostile input)
MAX_COMBINATIONS = 20_000  # rows still undecided after propagation are tried together up to this many ways
_DIGITS = "0123456789"
_DASH_CHARS = frozenset("".join(d for d in DASHES if len(d) == 1 and not d.isalnum()))

Cut = tuple[Decimal, ...]


@dataclass
class RunRow:
    """One row's label and the pieces of digits that followed it (a piece holds one or more cells)."""

    key: str
    pieces: list[str] = field(default_factory=list)
    dashes: int = 0  # pieces that were a dash, read as 0
    line: str = ""  # the label and digits as they ran together, for notes
    where: str = ""
    label_doubt: str = ""  # why the row was taken for this one, when its printed label only resembles the row's

    @property
    def digits(self) -> str:
        return " ".join(self.pieces)

    def one_way_to_cut(self, columns: int) -> bool:
        """One number a piece, or one digit a cell: no cut to choose."""
        return len(self.pieces) == columns or len("".join(self.pieces)) == columns

    def only_cut(self, layout) -> dict[str, Decimal] | None:
        """The row's cells when its digits can be cut one way only, whatever the row's totals say."""
        columns = layout.row(self.key).columns
        if not self.one_way_to_cut(len(columns)):
            return None
        texts = self.pieces if len(self.pieces) == len(columns) else list("".join(self.pieces))
        numbers = [_number(t, layout.column(c).decimals) for t, c in zip(texts, columns, strict=True)]
        return None if None in numbers else dict(zip(columns, numbers, strict=True))


@dataclass
class RunTable:
    rows: dict[str, RunRow]
    repeated: list[str]  # row labels seen a second time
    orphan_digits: list[str]  # digits before any row label
    printed_as_one: dict[str, str] = field(default_factory=dict)  # row -> the group printed as one row into it


# ---------------------------------------------------------------- splitting the text at labels
@dataclass(frozen=True)
class _Form:
    text: str
    kinds: tuple[tuple[str, str], ...]  # (kind, key) the text may be
    item_numbers: tuple[str, ...] = ()  # the digits of the item number the label is printed with (2 of 2.)


@functools.cache
def _forms_by_first_char(table_key: str) -> dict[str, list[_Form]]:
    """Every label of the table with and without its item number, longest first under its first character."""
    kinds: dict[str, list[tuple[str, str]]] = {}
    numbers: dict[str, list[str]] = {}
    for entry in matcher_for(table_key).entries:
        bare = without_numbering(entry.normalized)
        for text in {entry.normalized, bare}:
            if len(text) >= 2 and (entry.kind, entry.key) not in kinds.setdefault(text, []):
                kinds[text].append((entry.kind, entry.key))
        if (digits := _ITEM_NUMBER.match(entry.normalized)) and bare != entry.normalized:
            numbers.setdefault(bare, []).append(digits.group(1))
    by_first: dict[str, list[_Form]] = {}
    for text in sorted(kinds, key=len, reverse=True):
        by_first.setdefault(text[0], []).append(_Form(text, tuple(kinds[text]), tuple(numbers.get(text, ()))))
    return by_first


_ITEM_NUMBER = re.compile(r"^(\d+)[.、]")


@functools.lru_cache(maxsize=4096)  # cells and lines are tokenised again by each test of what they are
def tokens(table_key: str, text: str) -> tuple[tuple[str, object], ...]:
    """("label", _Form) | ("digits", str) | ("dash", str) | ("gap", str) in the order of the text."""
    return tuple(_strip_item_numbers([(kind, value) for kind, value, _ in token_spans(table_key, normalize(text))]))


def token_spans(table_key: str, norm: str) -> list[tuple[str, object, int]]:
    """The tokens of normalised text with where each starts; an item number stays with the digits before it.
    A run of digits or other characters is cut out of the text once it ends (linear in the text's length)."""
    by_first = _forms_by_first_char(table_key)
    out: list[tuple[str, object, int]] = []
    run_kind, run_start = None, 0

    def close_run(at: int) -> None:
        if run_kind is not None:
            out.append((run_kind, norm[run_start:at], run_start))

    i = 0
    while i < len(norm):
        char = norm[i]
        form = next((f for f in by_first.get(char, ()) if norm.startswith(f.text, i)), None)
        if form is not None:
            close_run(i)
            run_kind = None
            out.append(("label", form, i))
            i += len(form.text)
            continue
        if char in _DIGITS or char == "." and run_kind == "digits" and norm[i + 1:i + 2].isdigit():
            kind = "digits"
        else:
            kind = "dash" if char in _DASH_CHARS else "gap"
        if kind == "dash" or kind != run_kind:
            close_run(i)
            run_kind, run_start = kind, i
        i += 1
    close_run(len(norm))
    return out


def labels_only(table_key: str, text: str, kinds: set[str]) -> int:
    """How many labels the text is made of, when it is nothing but labels each of which may be of one of
    `kinds` (header labels run together: 行政复议行政诉讼); else 0."""
    stream = tokens(table_key, text)
    if all(kind == "label" and any(k in kinds for k, _ in form.kinds) for kind, form in stream):
        return len(stream)
    return 0


def _strip_item_numbers(out: list[tuple[str, object]]) -> list[tuple[str, object]]:
    """A label found without its item number (written 2、 where the layout has 2.): the number stuck to
    the digits before it belongs to the label, not to the row above."""
    for index, (kind, form) in enumerate(out):
        if kind != "label" or not form.item_numbers or index < 2:
            continue
        (before_kind, before), (gap_kind, gap) = out[index - 2], out[index - 1]
        if gap_kind == "gap" and gap in (".", "、") and before_kind == "digits":
            number = next((n for n in form.item_numbers if before.endswith(n)), None)
            if number:
                out[index - 2] = ("digits", before[: -len(number)])
    return [(k, v) for k, v in out if v != ""]


def is_run_together(table_key: str, rows: list[tuple[str, ...]]) -> bool:
    """Cells that ran together: a cell holding both a label of the table and digits, or two row labels; or,
    for table 四 (one row), fewer numbers than columns but digits enough for all of them."""
    numbers: list[str] = []
    for cells in rows:
        for cell in cells:
            # a cell opening with its item number (2.其他法律… wrapped at a page break) has no digits of a value
            stream = tokens(table_key, _ITEM_NUMBER.sub("", normalize(cell), count=1))
            kinds = {k for k, _ in stream}
            row_labels = [v for k, v in stream if k == "label" and any(t == ROW for t, _ in v.kinds)]
            if "label" in kinds and kinds & {"digits", "dash"} or len(row_labels) > 1:
                return True
            if kinds == {"digits"}:
                numbers.append(stream[0][1])
    columns = len(TABLES[table_key].rows[0].columns)
    return len(TABLES[table_key].rows) == 1 and len(numbers) < columns <= len("".join(numbers))


def split_run(table_key: str, cell_texts: list[tuple[str, str]]) -> RunTable:
    """The rows of a table given as (cell text, where) in order: each row label with the digits after it.
    Words before digits that are no label word for word (a label misspelt) are matched against the expected
    next row first, then against every row; words that match none leave their digits to no row."""
    layout = TABLES[table_key]
    only_row = layout.rows[0].key if len(layout.rows) == 1 else None
    rows: dict[str, RunRow] = {}
    repeated: list[str] = []
    orphans: list[str] = []
    printed_as_one: dict[str, str] = {}
    current: RunRow | None = rows.setdefault(only_row, RunRow(only_row)) if only_row else None
    phrase: list[tuple[str, object]] = []  # the labels and words since the last digits
    named = False  # a label of the phrase named its row
    for text, where in cell_texts:
        stream = list(tokens(table_key, text))
        index = 0
        while index < len(stream):
            kind, value = stream[index]
            after = stream[index + 1:]
            if kind == "digits" and after and _opens_with_item_number(after[0]):
                number = _item_number_of(table_key, rows, value)
                stream[index:index + 2] = [("digits", value[:-len(number)]), ("gap", number + after[0][1])]
                stream = [t for t in stream if t[1] != ""]
                continue
            index += 1
            if kind == "label":
                phrase.append((kind, value))
                row_key = _row_named(value, after)
                group = _group_with_digits(table_key, value, after)
                if row_key is None and (row_key := FORMAT_2019_ONE_ROW_GROUPS.get((table_key, group))):
                    printed_as_one[row_key] = group
                if row_key is None:
                    if not only_row and any(k in (GROUP, HEADER) for k, _ in value.kinds):
                        current = None
                    continue
                named = True
                if row_key in rows:
                    repeated.append(row_key)
                    current = None
                    continue
                current = rows[row_key] = RunRow(row_key, line=value.text, where=where)
            elif kind == "gap":
                phrase.append((kind, value))
            elif kind in ("digits", "dash"):
                if phrase and not named and not only_row and _has_words(phrase):
                    current = _row_of_words(table_key, rows, phrase, where, repeated)
                phrase, named = [], False
                if current is None:
                    orphans.append(value)
                    continue
                current.pieces.append("0" if kind == "dash" else value)
                current.dashes += kind == "dash"
                current.line += "—" if kind == "dash" else value
                if where not in current.where:
                    current.where = f"{current.where}、{where}" if current.where else where
    return RunTable({k: r for k, r in rows.items() if r.pieces or k != only_row}, repeated, orphans, printed_as_one)


_SAME_AS_EXPECTED = 0.75  # words this close to the expected next row's label are that row's


def _has_words(phrase: list[tuple[str, object]]) -> bool:
    return any(kind == "gap" and any("\u3400" <= c <= "\u9fff" for c in value) for kind, value in phrase)


def _opens_with_item_number(token: tuple[str, object]) -> bool:
    """Words opening with the dot of an item number: .属于… after the digits 5 (or …00000005)."""
    kind, value = token
    return kind == "gap" and len(value) > 1 and value[0] in ".、" and "\u3400" <= value[1] <= "\u9fff"


def _expected_row(table_key: str, rows: dict[str, RunRow]) -> str | None:
    order = [r.key for r in TABLES[table_key].rows]
    last = max((order.index(k) for k in rows), default=-1)
    return next((k for k in order[last + 1:] if k not in rows), None)


def _item_number_of(table_key: str, rows: dict[str, RunRow], digits: str) -> str:
    """The item number at the end of digits before a label's words: the expected next row's, else one digit."""
    expected = _expected_row(table_key, rows)
    number = _ITEM_NUMBER.match(normalize(TABLES[table_key].row(expected).label)) if expected else None
    return number.group(1) if number and digits.endswith(number.group(1)) else digits[-1]


def _row_of_words(table_key: str, rows: dict[str, RunRow], phrase: list[tuple[str, object]], where: str,
                  repeated: list[str]) -> RunRow | None:
    """The row that words no label names word for word stand for: the expected next row when they are close to
    its label, else the one row whose label they resemble (model/importers/labels), else none."""
    parts = [(k, v) for k, v in phrase]
    while parts and parts[0][0] == "label":  # group or header labels before the misspelt row label
        parts.pop(0)
    words = "".join(v.text if k == "label" else v for k, v in parts)
    expected = _expected_row(table_key, rows)
    key = None
    if expected is not None:
        label = normalize(TABLES[table_key].row(expected).label)
        ratio = difflib.SequenceMatcher(None, without_numbering(words), without_numbering(label), autojunk=False)
        if ratio.ratio() >= _SAME_AS_EXPECTED:
            key = expected
    if key is None:
        match = matcher_for(table_key).match(words)
        key = match.key if match is not None and match.kind == ROW else None
    if key is None:
        return None
    if key in rows:
        repeated.append(key)
        return None
    how = "表中应有的下一行" if key == expected else "写法最相近的一行"
    doubt = f"行标签“{words}”与“{TABLES[table_key].row(key).label}”不完全相同，按{how}读取"
    rows[key] = RunRow(key, line=words, where=where, label_doubt=doubt)
    return rows[key]


def _group_with_digits(table_key: str, form: _Form, after: list[tuple[str, object]]) -> str | None:
    """A group label followed by digits, not by its rows' labels: the group printed as one row (older template)."""
    groups = [key for kind, key in form.kinds if kind == GROUP]
    return groups[0] if groups and _next_meaningful(after) in ("digits", "dash") else None


def _row_named(form: _Form, after: list[tuple[str, object]]) -> str | None:
    """The row a label names: 总计 and 其他 are both a column header and a row; they name the row when
    digits follow (其他 inside words, …不计其他情形）16…, names nothing)."""
    row_keys = [key for kind, key in form.kinds if kind == ROW]
    if not row_keys:
        return None
    if any(kind != ROW for kind, _ in form.kinds) and _next_meaningful(after) not in ("digits", "dash"):
        return None
    return row_keys[0]


def _next_meaningful(after: list[tuple[str, object]]) -> str | None:
    """The kind of the next token, punctuation and spaces passed over (words are not)."""
    return next((k for k, v in after if k != "gap" or any(c.isalnum() for c in v)), None)


# ---------------------------------------------------------------- cutting one row
def _in_row_equations(table_key: str, row_key: str) -> list[Equation]:
    return [e for e in table_equations(table_key) if all(r == row_key for r, _ in e.cells)]


def _number(text: str, decimals: int) -> Decimal | None:
    if text.startswith("0") and len(text) > 1 and not text.startswith("0."):
        return None
    if "." in text:
        whole, _, fraction = text.partition(".")
        if not decimals or not whole or len(fraction) > decimals:
            return None
    value = Decimal(text)
    return value if number_problem(value) is None else None


def row_cuts(table_key: str, row_key: str, pieces: list[str]) -> list[Cut] | None:
    """Every way to cut the pieces into the row's cells that keeps the equations inside the row; None when
    there are more than MAX_CUTS or the search grows past its bound."""
    layout = TABLES[table_key]
    columns = layout.row(row_key).columns
    index_of = {c: i for i, c in enumerate(columns)}
    checks: dict[int, tuple[int, ...]] = {}  # target column -> its addend columns, inside the row
    for equation in _in_row_equations(table_key, row_key):
        (target,), addends = equation.left, equation.right
        checks[index_of[target[1]]] = tuple(index_of[c] for _, c in addends)
    cutter = _RowCutter("".join(pieces), pieces, [layout.column(c).decimals for c in columns], checks)
    try:
        return cutter.cuts()
    except _TooMany:
        return None


class _TooMany(Exception):
    pass


class _RowCutter:
    """Depth-first over digit positions and columns, remembering (position, column, running sums): a
    target column (a 总计) is not chosen but required to be the sum of its addends cut before it."""

    def __init__(self, text: str, pieces: list[str], decimals: list[int], checks: dict[int, tuple[int, ...]]):
        self.text, self.decimals, self.width = text, decimals, len(decimals)
        self.boundaries = list(accumulate(len(p) for p in pieces))  # a number never spans two pieces
        self.checks = {t: a for t, a in checks.items() if all(i < t for i in a)}
        self.late = {t: a for t, a in checks.items() if t not in self.checks}  # none in the 2021 format
        self.states = 0

    def cuts(self) -> list[Cut] | None:
        if not self.text:
            return []
        last = self.width - 1
        if last not in self.checks:
            found = self.search(len(self.text), self.width, None)
        else:  # the row ends with a total: try each ending as that total, which bounds every addend
            found = []
            piece_start = self.boundaries[-2] if len(self.boundaries) > 1 else 0
            for length in range(1, min(len(self.text) - piece_start, MAX_DIGITS) + 1):
                start = len(self.text) - length
                total = self.number(start, len(self.text), last)
                if total is None:
                    continue
                heads = self.search(start, last, total)
                if heads is None:
                    return None
                found += [head + (total,) for head in heads]
                if len(found) > MAX_CUTS:
                    return None
        if found is None:
            return None
        return [c for c in found if all(c[t] == sum(c[i] for i in a) for t, a in self.late.items())]

    def number(self, start: int, end: int, col: int) -> Decimal | None:
        if self.text[start] == "." or self.text[end - 1] == "." or end < len(self.text) and self.text[end] == ".":
            return None
        return _number(self.text[start:end], self.decimals[col])

    def search(self, stop: int, columns: int, cap: Decimal | None) -> list[Cut] | None:
        """Cuts of text[:stop] into the first `columns` cells; `cap` bounds the last total's addends."""
        memo: dict[tuple, list[Cut] | None] = {}
        capped = self.checks.get(self.width - 1, ()) if cap is not None else ()
        # an addend is no longer than the total it adds up to
        longest = min(MAX_DIGITS, len(format(cap, "f"))) if capped and capped == tuple(range(columns)) else MAX_DIGITS

        def step(pos: int, col: int, chosen: tuple[Decimal, ...]) -> list[Cut] | None:
            if col == columns:
                return [()] if pos == stop and (not capped or sum(chosen[i] for i in capped) == cap) else []
            remaining = stop - pos
            if remaining < columns - col or remaining > (columns - col) * longest:
                return []
            sums = tuple(sum(chosen[i] for i in a if i < col) for a in self.checks.values())
            if capped and sum(chosen[i] for i in capped if i < col) > cap:
                return []
            key = (pos, col, sums)
            if key in memo:
                return memo[key]
            self.states += 1
            if self.states > MAX_STATES:
                raise _TooMany
            boundary = min(next(b for b in self.boundaries if b > pos), stop)
            if col in self.checks:
                wanted = str(sum(chosen[i] for i in self.checks[col]))
                lengths = [len(wanted)] if self.text.startswith(wanted, pos) and pos + len(wanted) <= boundary else []
            else:
                lengths = range(1, min(boundary - pos, longest) + 1)
            results: list[Cut] = []
            for length in lengths:
                value = self.number(pos, pos + length, col)
                if value is None or cap is not None and col in capped and value > cap:
                    continue
                tails = step(pos + length, col + 1, chosen + (value,))
                if tails is None or len(results) + len(tails) > MAX_CUTS:
                    memo[key] = None
                    return None
                results += [(value,) + tail for tail in tails]
            memo[key] = results
            return results

        return step(0, 0, ())


# ---------------------------------------------------------------- weighing all rows together
def narrow_cuts(table_key: str, options: dict[str, list[dict[str, Decimal]]],
                known: dict[tuple[str, str], Decimal]
                ) -> tuple[dict[str, list[dict[str, Decimal]]], dict[str, set[str]]]:
    """Keep, for each row, the cuts that can be part of a table where every equation across rows holds.
    `known`: cells read without doubt elsewhere.  Sound: a cut that some consistent table uses is never
    dropped.  Rows with several cuts constrain each other first column by column (sums of possible
    values), then, when few enough, in every combination.  Also returns, for each row that lost cuts, the
    rules of the equations that ruled them out."""
    options = {k: list(v) for k, v in options.items()}
    deciders: dict[str, set[str]] = {}
    equations = [e for e in table_equations(table_key) if len({r for r, _ in e.cells}) > 1]
    changed = True
    while changed:
        changed = False
        for equation in equations:
            rows = {r for r, _ in equation.cells if r in options}
            for row_key in rows:
                kept = [o for o in options[row_key] if _can_hold(equation, row_key, o, options, known)]
                if kept and len(kept) < len(options[row_key]):
                    options[row_key] = kept
                    deciders.setdefault(row_key, set()).add(equation.rule)
                    changed = True
    undecided = [k for k, v in options.items() if len(v) > 1]
    if undecided and math.prod(len(options[k]) for k in undecided) <= MAX_COMBINATIONS:
        settled = dict(known)
        for key, cuts in options.items():
            if len(cuts) == 1:
                settled.update({(key, c): v for c, v in cuts[0].items()})
        touching = [e for e in equations if any(r in undecided for r, _ in e.cells)]
        used: dict[str, set[int]] = {k: set() for k in undecided}
        for combination in product(*(range(len(options[k])) for k in undecided)):
            cells = dict(settled)
            for key, choice in zip(undecided, combination, strict=True):
                cells.update({(key, c): v for c, v in options[key][choice].items()})
            if all(_holds_or_open(e, cells) for e in touching):
                for key, choice in zip(undecided, combination, strict=True):
                    used[key].add(choice)
        for key in undecided:
            if used[key] and len(used[key]) < len(options[key]):
                options[key] = [options[key][i] for i in sorted(used[key])]
                deciders.setdefault(key, set()).update(e.rule for e in touching if any(r == key for r, _ in e.cells))
    return options, deciders


def _holds_or_open(equation: Equation, cells: dict) -> bool:
    if any(c not in cells for c in equation.cells):
        return True
    return sum(cells[c] for c in equation.left) == sum(cells[c] for c in equation.right)


def _can_hold(equation: Equation, row_key: str, cut: dict[str, Decimal],
              options: dict[str, list[dict[str, Decimal]]], known: dict) -> bool:
    """Whether some choice of the other rows' cuts (cells not read count as anything) lets the equation hold."""
    needed = Decimal(0)  # left minus right over the cells fixed so far
    other_rows: dict[str, list[tuple[str, int]]] = {}
    for cells, sign in ((equation.left, 1), (equation.right, -1)):
        for cell in cells:
            r, c = cell
            if r == row_key:
                needed += sign * cut[c]
            elif r in options:
                other_rows.setdefault(r, []).append((c, sign))
            elif cell in known:
                needed += sign * known[cell]
            else:
                return True  # a blank cell: the equation cannot be judged
    possible = {needed}
    for r, terms in other_rows.items():
        contributions = {sum((sign * o[c] for c, sign in terms), Decimal(0)) for o in options[r]}
        possible = {p + x for p in possible for x in contributions}
        if len(possible) > 10_000:
            return True  # too many to weigh: keep the cut
    return Decimal(0) in possible
