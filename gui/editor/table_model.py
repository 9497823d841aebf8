"""A statutory table as a Qt model: the official headers are its first rows, spans come from the layout."""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from gui.editor.document import EditableReport, describe_cells
from model.cell_text import parse_cell_text
from model.layout import YEAR_LINK_BY_TARGET, CellKind, GridCell, TableLayout, cell_caption, equation_inputs
from model.findings import ERROR, RULE_TITLES, SEVERITY_NAMES, Finding, format_number

Cell = tuple[str, str]

DISPLAY, EDIT, TOOLTIP, FONT, ALIGNMENT, BACKGROUND, FOREGROUND = (int(r.value) for r in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.FontRole,
    Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole))

HEADER_BACKGROUND = QColor("#e4e8ee")
LABEL_BACKGROUND = QColor("#f4f6f9")
COMPUTED_BACKGROUND = QColor("#e9eef6")
COMPUTED_TEXT = QColor("#29527a")
ERROR_BACKGROUND = QColor("#f6c9c9")
ERROR_TEXT = QColor("#8b0000")
WARNING_BACKGROUND = QColor("#fbe7a6")
WARNING_TEXT = QColor("#6b4a00")
INVOLVED_BACKGROUND = QColor("#fbe6e6")  # an input of an equation that does not hold: one of these is wrong
PENDING_TEXT = QColor("#8a94a0")
PENDING = "待填"  # shown in a blank cell to fill; the cell's value stays blank

HEADER_BRUSH, LABEL_BRUSH, COMPUTED_BRUSH, COMPUTED_TEXT_BRUSH = (QBrush(c) for c in (
    HEADER_BACKGROUND, LABEL_BACKGROUND, COMPUTED_BACKGROUND, COMPUTED_TEXT))
ERROR_BRUSH, ERROR_TEXT_BRUSH, WARNING_BRUSH, WARNING_TEXT_BRUSH = (QBrush(c) for c in (
    ERROR_BACKGROUND, ERROR_TEXT, WARNING_BACKGROUND, WARNING_TEXT))
INVOLVED_BRUSH, PENDING_TEXT_BRUSH = QBrush(INVOLVED_BACKGROUND), QBrush(PENDING_TEXT)
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
CENTRED = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter
BOLD = QFont()
BOLD.setBold(True)
ITALIC = QFont()
ITALIC.setItalic(True)

_INDEX = QModelIndex | QPersistentModelIndex
_TOP_LEVEL = QModelIndex()  # the parent of every cell of a flat table


class ReportTableModel(QAbstractTableModel):
    """One grid cell per model index; cells covered by a span are empty and disabled."""

    inputRejected = Signal(str)  # a sentence for the status bar

    def __init__(self, layout: TableLayout, document: EditableReport, parent=None) -> None:
        super().__init__(parent)
        self.layout = layout
        self.document = document
        self._corners: dict[tuple[int, int], GridCell] = {(c.row, c.col): c for c in layout.cells}
        self._computed = layout.computed_keys()
        self._flags = self._cell_flags()
        self._roles: dict[tuple[int, int], dict[int, object]] = {}
        self._flags_by_cell: dict[Cell, list[Finding]] = {}
        self._involved: dict[Cell, list[Finding]] = {}  # inputs of equations that fail, with the failures
        self._just_typed: set[Cell] = set()  # the cells of the last edit: the likeliest wrong input
        # a draft still being filled (blank cells left) shows no errors until the clerk edits this table
        self.holding_back = any(value is None for key, value in self._input_values())
        self._index_findings()
        document.cellsChanged.connect(self.take_change)
        document.findingsChanged.connect(self._on_findings_changed)
        document.lastYearChanged.connect(self._refresh_all)

    # ------------------------------------------------------------ shape
    def rowCount(self, parent: _INDEX = _TOP_LEVEL) -> int:
        return 0 if parent.isValid() else self.layout.grid_height

    def columnCount(self, parent: _INDEX = _TOP_LEVEL) -> int:
        return 0 if parent.isValid() else self.layout.grid_width

    def grid_cell(self, index: _INDEX) -> GridCell | None:
        return self._corners.get((index.row(), index.column()))

    def value_key(self, index: _INDEX) -> Cell | None:
        cell = self.grid_cell(index)
        return cell.value if cell is not None else None

    def index_of(self, row_key: str, col_key: str) -> QModelIndex:
        return self.index(*self.layout.value_position(row_key, col_key))

    def decimals(self, cell: Cell) -> int:
        return self.layout.column(cell[1]).decimals

    def is_editable(self, index: _INDEX) -> bool:
        return bool(self.flags(index) & Qt.ItemFlag.ItemIsEditable)

    # ------------------------------------------------------------ data
    def flags(self, index: _INDEX) -> Qt.ItemFlag:
        return self._flags.get((index.row(), index.column()), Qt.ItemFlag.NoItemFlags)

    def _cell_flags(self) -> dict[tuple[int, int], Qt.ItemFlag]:
        readable = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return {position: readable | Qt.ItemFlag.ItemIsEditable if cell.value and cell.value not in self._computed
                else readable for position, cell in self._corners.items()}

    def data(self, index: _INDEX, role: int = Qt.ItemDataRole.DisplayRole):
        # a repaint asks every cell for seven roles: answer from a cache that edits invalidate
        position = (index.row(), index.column())
        roles = self._roles.get(position)
        if roles is None:
            cell = self._corners.get(position)
            if cell is None:
                return None
            roles = self._roles[position] = (self._value_roles(cell.value) if cell.kind is CellKind.VALUE
                                             else self._label_roles(cell))
        return roles.get(role)

    def _label_roles(self, cell: GridCell) -> dict[int, object]:
        header = cell.kind is CellKind.HEADER
        centred = header or cell.row_span > 1
        roles = {DISPLAY: cell.text,
                 BACKGROUND: HEADER_BRUSH if header else LABEL_BRUSH,
                 ALIGNMENT: CENTRED if centred else LEFT}
        if header:
            roles[FONT] = BOLD
        if len(cell.text) > 12:
            roles[TOOLTIP] = cell.text
        return roles

    def _input_values(self):
        table = self.document.report.table(self.layout.key)
        return ((key, table[key[0]][key[1]]) for key in self.layout.value_keys() if key not in self._computed)

    def _value_roles(self, key: Cell) -> dict[int, object]:
        text = format_number(self.document.report.value(self.layout.key, *key))
        computed = key in self._computed
        severity = self.severity(key)
        involved = self._involved.get(key, [])
        roles = {DISPLAY: text, EDIT: text, ALIGNMENT: RIGHT, TOOLTIP: self._tooltip(key, computed)}
        if not text and not computed:
            roles[DISPLAY], roles[FOREGROUND], roles[FONT] = PENDING, PENDING_TEXT_BRUSH, ITALIC
        if severity == ERROR or involved and key in self._just_typed:
            roles[BACKGROUND], roles[FOREGROUND] = ERROR_BRUSH, ERROR_TEXT_BRUSH
        elif severity:
            roles[BACKGROUND], roles[FOREGROUND] = WARNING_BRUSH, WARNING_TEXT_BRUSH
        elif involved:
            roles[BACKGROUND] = INVOLVED_BRUSH
        elif computed:
            roles[BACKGROUND], roles[FOREGROUND] = COMPUTED_BRUSH, COMPUTED_TEXT_BRUSH
        if computed:
            roles[FONT] = BOLD
        return roles

    def _tooltip(self, key: Cell, computed: bool) -> str:
        lines = [cell_caption(self.layout.key, *key)]
        if computed:
            lines.append("自动计算，不能直接填写")
        elif self.document.report.value(self.layout.key, *key) is None:
            lines.append(f"{PENDING}：本年数字尚未填写，没有的填 0")
        last = self.last_year_figure(key)
        if last:
            lines.append(last)
        note = self.document.cell_notes.get((self.layout.key, *key))
        if note:
            lines.append(note)
        for f in self._shown_flags(key):
            kind = SEVERITY_NAMES[f.severity]
            lines.append(f"{kind} {f.rule}：{RULE_TITLES[f.rule]}")
            if f.expected is not None or f.actual is not None:
                lines.append(f"    应为 {_shown(f.expected)}，实为 {_shown(f.actual)}")
            inputs = equation_inputs(self.layout.key, f.rule, key)
            if inputs:
                typed = [cell_caption(self.layout.key, *cell) for cell in inputs if cell in self._just_typed]
                lines.append(f"    请核对参与计算的 {len(inputs)} 个单元格（浅红底）"
                             + (f"，最可能是刚填的{'、'.join(typed)}" if typed else ""))
        for f in self._involved.get(key, []):
            first = "刚填的这一格使等式不成立" if key in self._just_typed else "本格参与的等式不成立，请核对"
            lines.append(f"{first}：{f.message}")
        return "\n".join(lines)

    def compares_with_last_year(self, key: Cell) -> bool:
        """Cells a year link (W1, W2) ties to last year's report: 上年结转 and 现行有效件数."""
        return (self.layout.key, *key) in YEAR_LINK_BY_TARGET

    def last_year_value(self, key: Cell) -> str | None:
        """Last year's figure for a linked cell (as printed, 未填 when blank); None when not known."""
        last = self.document.report.last_year
        link = YEAR_LINK_BY_TARGET.get((self.layout.key, *key))
        if last is None or link is None:
            return None
        return format_number(last.value(*link.source)) or "未填"

    def last_year_figure(self, key: Cell) -> str | None:
        """The same figure in words, for the tooltip."""
        value = self.last_year_value(key)
        if value is None:
            return None
        return f"{self.document.report.last_year.year}年{YEAR_LINK_BY_TARGET[(self.layout.key, *key)].caption} {value}"

    # ------------------------------------------------------------ edits
    def setData(self, index: _INDEX, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not self.is_editable(index):
            return False
        key = self.value_key(index)
        try:
            number = parse_cell_text(str(value), self.decimals(key))
        except ValueError as exc:
            self.inputRejected.emit(f"{cell_caption(self.layout.key, *key)}：{exc}，未填入。")
            return False
        self.document.set_cells(self.layout.key, {key: number}, describe_cells(self.layout.key, [key]))
        return True

    def set_values(self, values: dict[Cell, Decimal | None], verb: str) -> bool:
        """Several cells in one undoable step (粘贴, 清除); computed cells are skipped."""
        editable = {k: v for k, v in values.items() if k not in self._computed}
        return self.document.set_cells(self.layout.key, editable, describe_cells(self.layout.key, list(editable), verb))

    # ------------------------------------------------------------ updates
    def take_change(self, table_key: str, cells: list[Cell]) -> None:
        if table_key != self.layout.key:
            return
        # the findings of this change follow at once (the document checks again) and repaint what they mark
        self._just_typed = {key for key in cells if key not in self._computed}
        if self.holding_back:
            self.stop_holding_back()
        for key in cells:
            self._changed(key)

    def stop_holding_back(self) -> None:
        """The clerk has started on this table (or asked for the check): show every finding."""
        self.holding_back = False
        self._index_findings()
        self._refresh_all()

    def _shown_flags(self, key: Cell) -> list[Finding]:
        flags = self._flags_by_cell.get(key, [])
        return [f for f in flags if f.severity != ERROR] if self.holding_back else flags

    def _marks(self) -> dict[Cell, tuple]:
        """What each marked cell shows of the findings, to repaint only the cells whose marks change."""
        keys = self._flags_by_cell.keys() | self._involved.keys()
        return {key: (tuple(self._shown_flags(key)), tuple(self._involved.get(key, ())),
                      key in self._just_typed and key in self._involved) for key in keys}

    def _index_findings(self) -> None:
        flags: dict[Cell, list[Finding]] = {}
        involved: dict[Cell, list[Finding]] = {}
        for f in self.document.findings:
            if f.table == self.layout.key and f.row is not None and f.column is not None:
                flags.setdefault((f.row, f.column), []).append(f)
                if f.severity == ERROR and not self.holding_back:
                    for cell in equation_inputs(self.layout.key, f.rule, (f.row, f.column)):
                        involved.setdefault(cell, []).append(f)
        self._flags_by_cell, self._involved = flags, involved

    def _on_findings_changed(self) -> None:
        previous = self._marks()
        self._index_findings()
        now = self._marks()
        for key in previous.keys() | now.keys():
            if previous.get(key) != now.get(key):
                self._changed(key)

    def _changed(self, key: Cell) -> None:
        index = self.index_of(*key)
        self._roles.pop((index.row(), index.column()), None)
        self.dataChanged.emit(index, index)

    def _refresh_all(self) -> None:
        self._roles.clear()
        self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def severity(self, key: Cell) -> str | None:
        """"error" when any finding on the cell is an error, else "warning", or None when the cell is fine."""
        flags = self._shown_flags(key)
        if not flags:
            return None
        return ERROR if any(f.severity == ERROR for f in flags) else flags[0].severity


def _shown(value) -> str:
    if isinstance(value, Decimal):
        return format_number(value)
    return "未填" if value in (None, "") else str(value)
