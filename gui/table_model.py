"""A statutory table as a Qt model: the official headers are its first rows, spans come from the layout."""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from gui.document import ReportDocument, describe_cells
from model.cell_text import parse_cell_text
from model.layout import CellKind, GridCell, TableLayout, cell_caption
from model.rules import ERROR, RULE_TITLES, Finding, format_number

Cell = tuple[str, str]

LAST_YEAR_ROLE = Qt.ItemDataRole.UserRole + 1  # last year's figure shown beside this year's (W1, W2)
SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 2  # "error", "warning" or None

HEADER_BACKGROUND = QColor("#e4e8ee")
LABEL_BACKGROUND = QColor("#f4f6f9")
COMPUTED_BACKGROUND = QColor("#e9eef6")
COMPUTED_TEXT = QColor("#29527a")
ERROR_BACKGROUND = QColor("#f6c9c9")
ERROR_TEXT = QColor("#8b0000")
WARNING_BACKGROUND = QColor("#fbe7a6")
WARNING_TEXT = QColor("#6b4a00")

_INDEX = QModelIndex | QPersistentModelIndex


class ReportTableModel(QAbstractTableModel):
    """One grid cell per model index; cells covered by a span are empty and disabled."""

    inputRejected = Signal(str)  # a sentence for the status bar

    def __init__(self, layout: TableLayout, document: ReportDocument, parent=None) -> None:
        super().__init__(parent)
        self.layout = layout
        self.document = document
        self._corners: dict[tuple[int, int], GridCell] = {(c.row, c.col): c for c in layout.cells}
        self._computed = layout.computed_keys()
        self._flags_by_cell: dict[Cell, list[Finding]] = {}
        self._index_findings()
        document.cellsChanged.connect(self._on_cells_changed)
        document.findingsChanged.connect(self._on_findings_changed)
        document.lastYearChanged.connect(self._refresh_all)

    # ------------------------------------------------------------ shape
    def rowCount(self, parent: _INDEX = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.layout.grid_height

    def columnCount(self, parent: _INDEX = QModelIndex()) -> int:
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
        key = self.value_key(index)
        return key is not None and key not in self._computed

    # ------------------------------------------------------------ data
    def flags(self, index: _INDEX) -> Qt.ItemFlag:
        cell = self.grid_cell(index)
        if cell is None:
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.is_editable(index):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: _INDEX, role: int = Qt.ItemDataRole.DisplayRole):
        cell = self.grid_cell(index)
        if cell is None:
            return None
        if cell.kind is not CellKind.VALUE:
            return self._label_data(cell, role)
        return self._value_data(cell.value, role)

    def _label_data(self, cell: GridCell, role: int):
        header = cell.kind is CellKind.HEADER
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(HEADER_BACKGROUND if header else LABEL_BACKGROUND)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignHCenter if header or cell.row_span > 1 else Qt.AlignmentFlag.AlignLeft
            return horizontal | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.FontRole and header:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and len(cell.text) > 12:
            return cell.text
        return None

    def _value_data(self, key: Cell, role: int):
        value = self.document.report.value(self.layout.key, *key)
        computed = key in self._computed
        flags = self._flags_by_cell.get(key, [])
        severity = (ERROR if any(f.severity == ERROR for f in flags) else flags[0].severity) if flags else None
        if role == Qt.ItemDataRole.DisplayRole:
            return format_number(value)
        if role == Qt.ItemDataRole.EditRole:
            return format_number(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.BackgroundRole:
            if severity == ERROR:
                return QBrush(ERROR_BACKGROUND)
            if severity:
                return QBrush(WARNING_BACKGROUND)
            return QBrush(COMPUTED_BACKGROUND) if computed else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if severity:
                return QBrush(ERROR_TEXT if severity == ERROR else WARNING_TEXT)
            return QBrush(COMPUTED_TEXT) if computed else None
        if role == Qt.ItemDataRole.FontRole and computed:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(key, computed, flags)
        if role == LAST_YEAR_ROLE:
            return self._last_year_figure(key)
        if role == SEVERITY_ROLE:
            return severity
        return None

    def _tooltip(self, key: Cell, computed: bool, flags: list[Finding]) -> str:
        lines = [cell_caption(self.layout.key, *key)]
        if computed:
            lines.append("自动计算，不能直接填写")
        last = self._last_year_figure(key)
        if last:
            lines.append(last)
        for f in flags:
            kind = "错误" if f.severity == ERROR else "提醒"
            lines.append(f"{kind} {f.rule}：{RULE_TITLES[f.rule]}")
            if f.expected is not None or f.actual is not None:
                lines.append(f"    应为 {_shown(f.expected)}，实为 {_shown(f.actual)}")
        return "\n".join(lines)

    def _last_year_figure(self, key: Cell) -> str | None:
        """Last year's figure where W1/W2 compare against it."""
        last = self.document.report.last_year
        if last is None:
            return None
        row, col = key
        if self.layout.key == "sec3" and row == "carried_in" and col in last.carried_out:
            return f"{last.year}年结转 {format_number(last.carried_out[col]) or '未填'}"
        if self.layout.key == "sec2" and col == "in_force" and row in last.in_force:
            return f"{last.year}年现行有效 {format_number(last.in_force[row]) or '未填'}"
        return None

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

    def set_values(self, values: dict[Cell, Decimal | None]) -> bool:
        """Several cells in one undoable step (paste, clear); computed cells are skipped."""
        editable = {k: v for k, v in values.items() if k not in self._computed}
        return self.document.set_cells(self.layout.key, editable, describe_cells(self.layout.key, list(editable)))

    # ------------------------------------------------------------ updates
    def _on_cells_changed(self, table_key: str, cells: list[Cell]) -> None:
        if table_key != self.layout.key:
            return
        for key in cells:
            index = self.index_of(*key)
            self.dataChanged.emit(index, index)

    def _index_findings(self) -> dict[Cell, list[Finding]]:
        previous = self._flags_by_cell
        flags: dict[Cell, list[Finding]] = {}
        for f in self.document.findings:
            if f.table == self.layout.key and f.row is not None and f.column is not None:
                flags.setdefault((f.row, f.column), []).append(f)
        self._flags_by_cell = flags
        return previous

    def _on_findings_changed(self) -> None:
        previous = self._index_findings()
        for key in previous.keys() | self._flags_by_cell.keys():
            if previous.get(key) != self._flags_by_cell.get(key):
                index = self.index_of(*key)
                self.dataChanged.emit(index, index)

    def _refresh_all(self) -> None:
        self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def findings_at(self, key: Cell) -> list[Finding]:
        return list(self._flags_by_cell.get(key, []))


def _shown(value) -> str:
    if isinstance(value, Decimal):
        return format_number(value)
    return "未填" if value in (None, "") else str(value)
