"""The three statutory tables of 国办公开办函〔2021〕30号, defined once as data.

Every reader (GUI table models, rule engine, Word and PDF exporters, importers)
takes rows, columns, header spans and computed cells from here.  A table is a
grid of cells; a cell is a header, a row label or a value bound to a
(row key, column key) pair.  Spans of row labels are derived from label paths,
so a label is written exactly once.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class CellKind(Enum):
    HEADER = "header"
    LABEL = "label"
    VALUE = "value"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    decimals: int = 0  # 0: whole-number count; 4: amount in 万元


@dataclass(frozen=True)
class Row:
    key: str
    path: tuple[str, ...]  # label of this row, outermost group first
    columns: tuple[str, ...]  # keys of the value columns this row has

    @property
    def label(self) -> str:
        return self.path[-1]


@dataclass(frozen=True)
class GridCell:
    row: int
    col: int
    kind: CellKind
    text: str = ""
    row_span: int = 1
    col_span: int = 1
    value: tuple[str, str] | None = None  # (row key, column key) of a VALUE cell


@dataclass(frozen=True)
class Sum:
    """A computed cell: `target` equals the sum of `addends`, checked by `rule`."""

    rule: str
    target: tuple[str, str]
    addends: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class TableLayout:
    key: str
    heading: str
    rows: tuple[Row, ...]
    columns: tuple[Column, ...]
    cells: tuple[GridCell, ...]
    grid_width: int
    grid_height: int
    header_rows: int  # leading grid rows repeated when the table crosses a page
    sums: tuple[Sum, ...] = ()  # in evaluation order: a sum follows the sums it reads
    _rows_by_key: dict = field(init=False, compare=False, repr=False)
    _columns_by_key: dict = field(init=False, compare=False, repr=False)
    _cells_by_corner: dict = field(init=False, compare=False, repr=False)
    _value_positions: dict = field(init=False, compare=False, repr=False)
    _computed: frozenset = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_rows_by_key", {r.key: r for r in self.rows})
        object.__setattr__(self, "_columns_by_key", {c.key: c for c in self.columns})
        object.__setattr__(self, "_cells_by_corner", {(c.row, c.col): c for c in self.cells})
        object.__setattr__(self, "_value_positions", {c.value: (c.row, c.col) for c in self.cells if c.value})
        object.__setattr__(self, "_computed", frozenset(s.target for s in self.sums))

    def row(self, key: str) -> Row:
        return self._rows_by_key[key]

    def column(self, key: str) -> Column:
        return self._columns_by_key[key]

    def value_keys(self) -> list[tuple[str, str]]:
        return [(r.key, c) for r in self.rows for c in r.columns]

    def computed_keys(self) -> frozenset[tuple[str, str]]:
        return self._computed

    @property
    def label_columns(self) -> int:
        """Grid columns left of the first figure: the row labels (表三's three levels, 表二's one, 表四 none)."""
        return min(c.col for c in self.cells if c.kind is CellKind.VALUE)

    def cell_at(self, row: int, col: int) -> GridCell | None:
        """The grid cell whose top-left corner is (row, col)."""
        return self._cells_by_corner.get((row, col))

    def value_position(self, row_key: str, col_key: str) -> tuple[int, int]:
        return self._value_positions[(row_key, col_key)]


def _label_cells(rows: tuple[Row, ...], first_row: int, label_width: int) -> list[GridCell]:
    """Row-label cells: equal path prefixes on consecutive rows merge vertically,
    a path shorter than the label columns spans the rest horizontally."""
    cells: list[GridCell] = []
    for depth in range(label_width):
        i = 0
        while i < len(rows):
            path = rows[i].path
            if depth >= len(path):
                i += 1
                continue
            j = i + 1
            if depth < len(path) - 1:  # a group label: merge rows sharing the prefix
                while j < len(rows) and rows[j].path[: depth + 1] == path[: depth + 1] and len(rows[j].path) > depth + 1:
                    j += 1
            col_span = label_width - depth if depth == len(path) - 1 else 1
            cells.append(GridCell(first_row + i, depth, CellKind.LABEL, path[depth], j - i, col_span))
            i = j
    return cells


# ---------------------------------------------------------------- table 二
SEC2_COLUMNS = (
    Column("issued", "本年制发件数"),
    Column("repealed", "本年废止件数"),
    Column("in_force", "现行有效件数"),
    Column("decisions", "本年处理决定数量"),
    Column("amount", "本年收费金额（单位：万元）", decimals=4),
)
SEC2_BLOCKS = (
    ("第二十条第（一）项", (Row("regulations", ("规章",), ("issued", "repealed", "in_force")),
                         Row("normative_documents", ("行政规范性文件",), ("issued", "repealed", "in_force")))),
    ("第二十条第（五）项", (Row("licensing", ("行政许可",), ("decisions",)),)),
    ("第二十条第（六）项", (Row("punishment", ("行政处罚",), ("decisions",)),
                         Row("enforcement", ("行政强制",), ("decisions",)))),
    ("第二十条第（八）项", (Row("fees", ("行政事业性收费",), ("amount",)),)),
)
SEC2_CONTENT_LABEL = "信息内容"


def _build_sec2() -> TableLayout:
    labels = {c.key: c.label for c in SEC2_COLUMNS}
    cells: list[GridCell] = []
    r = 0
    for block_header, rows in SEC2_BLOCKS:
        cells.append(GridCell(r, 0, CellKind.HEADER, block_header, col_span=4))
        cols = rows[0].columns
        span = 3 // len(cols)
        cells.append(GridCell(r + 1, 0, CellKind.HEADER, SEC2_CONTENT_LABEL))
        for i, c in enumerate(cols):
            cells.append(GridCell(r + 1, 1 + i * span, CellKind.HEADER, labels[c], col_span=span))
        for k, row in enumerate(rows):
            gr = r + 2 + k
            cells.append(GridCell(gr, 0, CellKind.LABEL, row.label))
            for i, c in enumerate(row.columns):
                cells.append(GridCell(gr, 1 + i * span, CellKind.VALUE, col_span=span, value=(row.key, c)))
        r += 2 + len(rows)
    all_rows = tuple(row for _, rows in SEC2_BLOCKS for row in rows)
    return TableLayout("sec2", "二、主动公开政府信息情况", all_rows, SEC2_COLUMNS, tuple(cells), 4, r, 0)


# ---------------------------------------------------------------- table 三
SEC3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
SEC3_APPLICANTS = "申请人情况"
SEC3_ORGANISATIONS = "法人或其他组织"
SEC3_COLUMNS = (
    Column("natural_person", "自然人"),
    Column("business", "商业企业"),
    Column("research", "科研机构"),
    Column("public_interest", "社会公益组织"),
    Column("legal_service", "法律服务机构"),
    Column("other_org", "其他"),
    Column("total", "总计"),
)
_RESULTS = "三、本年度办理结果"
_OTHER_HANDLING = "（六）其他处理"
_SEC3_ROW_PATHS = (
    ("new", ("一、本年新收政府信息公开申请数量",)),
    ("carried_in", ("二、上年结转政府信息公开申请数量",)),
    ("granted", (_RESULTS, "（一）予以公开")),
    ("partial", (_RESULTS, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）")),
    *((f"withheld_{i}", (_RESULTS, "（三）不予公开", label)) for i, label in enumerate((
        "1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
        "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项"), 1)),
    *((f"unable_{i}", (_RESULTS, "（四）无法提供", label)) for i, label in enumerate((
        "1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确"), 1)),
    *((f"declined_{i}", (_RESULTS, "（五）不予处理", label)) for i, label in enumerate((
        "1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
        "5.要求行政机关确认或重新出具已获取信息"), 1)),
    *((f"other_{i}", (_RESULTS, _OTHER_HANDLING, label)) for i, label in enumerate((
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "3.其他"), 1)),
    ("total", (_RESULTS, "（七）总计")),
    ("carried_out", ("四、结转下年度继续办理",)),
)
# E1, the note printed in the table: 一 + 二 = （七）总计 + 四, for every column
SEC3_BALANCE = (("new", "carried_in"), ("total", "carried_out"))
# the four terms of E1 as the office says them (the equation in a finding, the 汇总 dashboard's columns)
SEC3_BALANCE_CAPTIONS = {"new": "本年新收", "carried_in": "上年结转", "total": "办结", "carried_out": "结转下年度"}
SEC3_RESULT_ROWS = tuple(k for k, p in _SEC3_ROW_PATHS if p[0] == _RESULTS and k != "total")
SEC3_APPLICANT_COLUMNS = tuple(c.key for c in SEC3_COLUMNS if c.key != "total")


def _build_sec3() -> TableLayout:
    value_cols = tuple(c.key for c in SEC3_COLUMNS)
    rows = tuple(Row(k, p, value_cols) for k, p in _SEC3_ROW_PATHS)
    label_width, header = 3, 3
    cells = [
        GridCell(0, 0, CellKind.HEADER, SEC3_NOTE, row_span=3, col_span=3),
        GridCell(0, 3, CellKind.HEADER, SEC3_APPLICANTS, col_span=7),
        GridCell(1, 3, CellKind.HEADER, SEC3_COLUMNS[0].label, row_span=2),
        GridCell(1, 4, CellKind.HEADER, SEC3_ORGANISATIONS, col_span=5),
        GridCell(1, 9, CellKind.HEADER, SEC3_COLUMNS[6].label, row_span=2),
        *(GridCell(2, 4 + i, CellKind.HEADER, c.label) for i, c in enumerate(SEC3_COLUMNS[1:6])),
    ]
    cells += _label_cells(rows, header, label_width)
    for i, row in enumerate(rows):
        cells += [GridCell(header + i, label_width + j, CellKind.VALUE, value=(row.key, c)) for j, c in enumerate(value_cols)]
    # E2 before E3: the 总计 row's own 总计 reads the E2 totals (sums are listed in evaluation order)
    sums = [Sum("E2", ("total", c), tuple((r, c) for r in SEC3_RESULT_ROWS)) for c in SEC3_APPLICANT_COLUMNS]
    sums += [Sum("E3", (r.key, "total"), tuple((r.key, c) for c in SEC3_APPLICANT_COLUMNS)) for r in rows]
    return TableLayout("sec3", "三、收到和处理政府信息公开申请情况", rows, SEC3_COLUMNS, tuple(cells),
                       label_width + len(value_cols), header + len(rows), header, tuple(sums))


# ---------------------------------------------------------------- table 四
SEC4_REVIEW = "行政复议"
SEC4_LITIGATION = "行政诉讼"
SEC4_OUTCOMES = (("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"),
                 ("pending", "尚未审结"), ("total", "总计"))
SEC4_GROUPS = (("review", SEC4_REVIEW), ("direct", "未经复议直接起诉"), ("after_review", "复议后起诉"))
SEC4_COLUMNS = tuple(Column(f"{g}_{o}", label) for g, _ in SEC4_GROUPS for o, label in SEC4_OUTCOMES)
SEC4_ROW = "counts"


def _build_sec4() -> TableLayout:
    n = len(SEC4_OUTCOMES)
    cells = [GridCell(0, 0, CellKind.HEADER, SEC4_REVIEW, col_span=n),
             GridCell(0, n, CellKind.HEADER, SEC4_LITIGATION, col_span=2 * n)]
    cells += [GridCell(1, i, CellKind.HEADER, label, row_span=2) for i, (_, label) in enumerate(SEC4_OUTCOMES)]
    for g, (_, group_label) in enumerate(SEC4_GROUPS[1:], 1):
        cells.append(GridCell(1, g * n, CellKind.HEADER, group_label, col_span=n))
        cells += [GridCell(2, g * n + i, CellKind.HEADER, label) for i, (_, label) in enumerate(SEC4_OUTCOMES)]
    cells += [GridCell(3, i, CellKind.VALUE, value=(SEC4_ROW, c.key)) for i, c in enumerate(SEC4_COLUMNS)]
    sums = tuple(Sum("E4", (SEC4_ROW, f"{g}_total"), tuple((SEC4_ROW, f"{g}_{o}") for o, _ in SEC4_OUTCOMES[:-1]))
                 for g, _ in SEC4_GROUPS)
    row = Row(SEC4_ROW, ("",), tuple(c.key for c in SEC4_COLUMNS))
    return TableLayout("sec4", "四、政府信息公开行政复议、行政诉讼情况", (row,), SEC4_COLUMNS, tuple(cells),
                       3 * n, 4, 3, sums)


SEC2 = _build_sec2()
SEC3 = _build_sec3()
SEC4 = _build_sec4()
TABLES: dict[str, TableLayout] = {t.key: t for t in (SEC2, SEC3, SEC4)}

def equation_inputs(table_key: str, rule: str, target: tuple[str, str]) -> tuple[tuple[str, str], ...]:
    """The cells a clerk fills that take part in the equation `rule` checks at `target` (the cell its finding is
    on): E1's rows 一、二 and 四 of the column with the results that make its （七）总计, a sum's addends; computed
    cells are replaced by what they sum.  Empty for a rule that is no equation, and for E1 in the 总计 column:
    it fails only where an applicant column fails, whose own E1 names the cells to check."""
    layout = TABLES[table_key]
    sums = {s.target: s.addends for s in layout.sums}
    if rule == "E1" and target[1] not in SEC3_APPLICANT_COLUMNS:
        return ()
    if rule == "E1":
        (in_a, in_b), (out_a, out_b) = SEC3_BALANCE
        cells = [(in_a, target[1]), (in_b, target[1]), (out_a, target[1]), (out_b, target[1])]
    elif target in sums and any(s.rule == rule and s.target == target for s in layout.sums):
        cells = list(sums[target])
    else:
        return ()
    inputs: list[tuple[str, str]] = []
    while cells:
        cell = cells.pop(0)
        if cell in sums:
            cells += sums[cell]
        elif cell not in inputs:
            inputs.append(cell)
    return tuple(inputs)


# Column widths on screen, in widths of one Chinese character of the window's font: the row-label columns left
# to right (as many as the table's label_columns), then the narrowest value column (4-digit figures and a header such as 社会公益组织 on two lines).
# At 1366x768, beside the section list and 检查结果, the whole of 表三 fits; spare room widens them.
SCREEN_LABEL_COLUMNS: dict[str, tuple[float, ...]] = {"sec2": (11,), "sec3": (2.6, 7, 16), "sec4": ()}
SCREEN_VALUE_COLUMN: dict[str, float] = {"sec2": 9, "sec3": 4.3, "sec4": 4.3}

# Other spellings of a row or column label seen in published reports, keyed by (table, row or column key).
# Importers accept them; exporters always write the official label.  Differences of width
# (（一） / (一)), spacing and quotes need no entry: importers compare labels with those removed.
LABEL_VARIANTS: dict[tuple[str, str], tuple[str, ...]] = {
    ("sec3", "withheld_2"): ("2.其他法律法规禁止公开",),
    ("sec2", "amount"): ("本年收费金额（单位：万元，保留4位小数）",),
}
# Column headers of table 二 in the earlier format (国办公开办函〔2019〕60号, reports on 2019 and 2020) that the
# 2021 format no longer has: a table carrying them cannot be read into this layout's columns.
FORMAT_2019_HEADERS: dict[str, tuple[str, ...]] = {
    "sec2": ("本年新制作数量", "本年新公开数量", "对外公开总数量", "本年增/减", "政府集中采购", "采购总金额"),
}
# Groups of rows the earlier format printed as one row, keyed by (table, group label): the row of the 2021
# format that takes the one row's numbers (（六）其他处理, one row before 2021, is now its 1. 2. 3.; the
# numbers go to 3.其他, which takes what the others do not).
FORMAT_2019_ONE_ROW_GROUPS: dict[tuple[str, str], str] = {
    ("sec3", _OTHER_HANDLING): "other_3",
}


def column_caption(layout: TableLayout, col_key: str) -> str:
    """Column label with its group, as a clerk would name it (e.g. 行政诉讼·复议后起诉·总计)."""
    if layout.key == "sec4":
        group = col_key.rsplit("_", 1)[0]
        group_label = dict(SEC4_GROUPS)[group]
        prefix = group_label if group == "review" else f"{SEC4_LITIGATION}·{group_label}"
        return f"{prefix}·{layout.column(col_key).label}"
    if layout.key == "sec3" and col_key in SEC3_APPLICANT_COLUMNS[1:]:
        return f"{SEC3_ORGANISATIONS}·{layout.column(col_key).label}"
    return layout.column(col_key).label


def cell_caption(table_key: str, row_key: str, col_key: str) -> str:
    """A cell's name in messages: 三、本年度办理结果（七）总计（自然人）."""
    layout = TABLES[table_key]
    column = column_caption(layout, col_key)
    if table_key == "sec4":
        return f"表四{column}"
    row = layout.row(row_key)
    path = "".join(row.path if len(row.path) < 3 else row.path[1:])
    if table_key == "sec2":
        return f"表二{path}{column}"
    return f"{path}（{column}）"


# ---------------------------------------------------------------- sections
SECTIONS = (
    ("overview", "一、总体情况"),
    ("sec2", SEC2.heading),
    ("sec3", SEC3.heading),
    ("sec4", SEC4.heading),
    ("problems", "五、存在的主要问题及改进情况"),
    ("other_matters", "六、其他需要报告的事项"),
)
SECTION_HEADINGS = dict(SECTIONS)
NARRATIVE_KEYS = ("overview", "problems", "other_matters")
SECTION_HINTS = {
    "overview": "概述本年度主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障"
                "（含工作考核、社会评议和责任追究结果情况）等方面的工作，可分（一）至（五）小标题撰写。",
    "problems": "说明本年度政府信息公开工作存在的主要问题，以及已采取和下一步拟采取的改进措施。",
    "other_matters": "必须报告依据《政府信息公开信息处理费管理办法》收取信息处理费的情况（发出收费通知的件数和总金额、"
                     "实际收取的总金额，未收取的写明“本年度未收取信息处理费”），以及其他需要报告的事项。",
}


# ---------------------------------------------------------------- links to last year's report
@dataclass(frozen=True)
class YearLink:
    """A cell this year's report takes from last year's: `target` equals last year's `source`, plus this
    year's `added` cells, minus its `removed` cells.  W1 and W2 check them, carry-over fills them, the
    table shows last year's figure above them."""

    rule: str
    target: tuple[str, str, str]  # (table, row, column) this year
    source: tuple[str, str, str]  # (table, row, column) in last year's report
    added: tuple[tuple[str, str, str], ...] = ()
    removed: tuple[tuple[str, str, str], ...] = ()
    caption: str = ""  # what last year's figure is called in the tooltip


YEAR_LINKS: tuple[YearLink, ...] = (
    *(YearLink("W1", ("sec3", "carried_in", c.key), ("sec3", "carried_out", c.key), caption="结转")
      for c in SEC3_COLUMNS),
    *(YearLink("W2", ("sec2", row, "in_force"), ("sec2", row, "in_force"),
               added=(("sec2", row, "issued"),), removed=(("sec2", row, "repealed"),), caption="现行有效")
      for row in ("regulations", "normative_documents")),
)
YEAR_LINK_BY_TARGET: dict[tuple[str, str, str], YearLink] = {link.target: link for link in YEAR_LINKS}


# ---------------------------------------------------------------- figures the narrative states
@dataclass(frozen=True)
class NamedFigure:
    """A figure a sentence states: the sum of `cells`, or with `per` a percentage, the sum of `cells` over the sum
    of `per`.  W4 checks a stated figure against it; a linked figure in the text is it."""

    caption: str  # what the figure is, as W4's message and the link's tooltip name it
    cells: tuple[tuple[str, str, str], ...]  # (table, row, column)
    per: tuple[tuple[str, str, str], ...] = ()  # a rate: the cells it is a share of
    decimals: int = 0  # how a sentence states it when first written (a rate keeps the decimals it was written with)

    @property
    def source_cells(self) -> tuple[tuple[str, str, str], ...]:
        return self.cells + tuple(cell for cell in self.per if cell not in self.cells)


def _sec4_group_totals(*groups: str) -> tuple[tuple[str, str, str], ...]:
    return tuple(("sec4", SEC4_ROW, f"{g}_total") for g in groups)


_SEC3_NEW = (("sec3", "new", "total"),)
_SEC3_ACCEPTED = (("sec3", "new", "total"), ("sec3", "carried_in", "total"))
_SEC3_CLOSED = (("sec3", "total", "total"),)
_SEC2_COUNTED = (("regulations", ("issued", "repealed", "in_force")),
                 ("normative_documents", ("issued", "repealed", "in_force")),
                 ("licensing", ("decisions",)), ("punishment", ("decisions",)), ("enforcement", ("decisions",)))

NAMED_FIGURES: dict[str, NamedFigure] = {
    "new": NamedFigure("本年新收申请总计", _SEC3_NEW),
    "carried_in": NamedFigure("上年结转申请总计", (("sec3", "carried_in", "total"),)),
    "accepted": NamedFigure("新收与上年结转合计", _SEC3_ACCEPTED),
    "closed": NamedFigure("本年办理结果总计", _SEC3_CLOSED),
    "carried_out": NamedFigure("结转下年度继续办理总计", (("sec3", "carried_out", "total"),)),
    "closing_rate": NamedFigure("办结率（办结÷（新收+上年结转））", _SEC3_CLOSED, per=_SEC3_ACCEPTED, decimals=1),
    "granted": NamedFigure("予以公开总计", (("sec3", "granted", "total"),)),
    "partial": NamedFigure("部分公开总计", (("sec3", "partial", "total"),)),
    "review": NamedFigure("行政复议总计", _sec4_group_totals("review")),
    "litigation": NamedFigure("行政诉讼总计", _sec4_group_totals("direct", "after_review")),
    "review_and_litigation": NamedFigure("行政复议、行政诉讼总计", _sec4_group_totals("review", "direct", "after_review")),
    "fees": NamedFigure("表二行政事业性收费金额（万元）", (("sec2", "fees", "amount"),), decimals=4),
    **{f"{row}.{col}": NamedFigure(f"表二{SEC2.row(row).label}{SEC2.column(col).label}", (("sec2", row, col),))
       for row, cols in _SEC2_COUNTED for col in cols},
}
