"""The view a clerk types into: spans from the layout, keys that move through editable cells only,
copy and paste of rectangular ranges as tab-separated text (Excel, WPS)."""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QKeySequence,
    QPainter,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QStyleOptionViewItem,
    QStyledItemDelegate,
    QTableView,
    QWidget,
)

from gui.editor.table_model import ReportTableModel
from model.cell_text import parse_cell_text, parse_pasted_block
from model.layout import SCREEN_LABEL_COLUMNS, SCREEN_VALUE_COLUMN, CellKind, cell_caption

Cell = tuple[str, str]

MIN_ROW_HEIGHT = 27
BALLOON_WIDTH = 420
MAX_VALUE_COLUMN_GROWTH = 1.6
LABEL_COLUMN_GROWTH = 100


class CellDelegate(QStyledItemDelegate):
    """A plain line editor, right-aligned like the figures: the model parses the text."""

    def createEditor(self, parent, option, index):
        editor = QLineEdit(parent)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        editor.setFrame(False)
        return editor


class LastYearDelegate(CellDelegate):
    """Also draws last year's figure beside this year's; only on the rows that need it (painting in Python is slow)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().paint(painter, option, index)
        # asked of the model directly: index.data() of an empty role leaks a reference to None (PySide6 6.12)
        model = index.model()
        key = model.value_key(index)
        last = model.last_year_value(key) if key else None
        if last is None:
            return
        painter.save()
        font = QFont(option.font)
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.75))
        painter.setFont(font)
        painter.setPen(QPen(QColor("#5f6b78")))
        painter.drawText(option.rect.adjusted(3, 1, -3, 0),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, f"上年 {last}")
        painter.restore()


TABLE_STYLE = ("QTableView { gridline-color: #9aa4b1; }"
               "QTableView::item:selected { border: 2px solid #1f6feb; }")


def frozen_extent(layout) -> tuple[int, int]:
    """(rows, columns) that stay in view while the grid scrolls: the official header rows, and the row-label
    columns unless a cell spans across their edge (表二's block headers run the full width)."""
    columns = layout.label_columns
    if any(c.col < columns < c.col + c.col_span for c in layout.cells):
        columns = 0
    return layout.header_rows, columns


class FrozenPane(QTableView):
    """A still copy of part of the grid laid over the view it belongs to: the first `rows` rows (None: all of
    them, following the view's vertical scrolling) by the first `columns` columns (None: all, following its
    sideways scrolling).  Same model, spans, sizes and selection as the view."""

    def __init__(self, view: "ReportTableView", rows: int | None, columns: int | None) -> None:
        super().__init__(view)
        self.rows, self.columns = rows, columns
        self.setModel(view.model())
        self.setSelectionModel(view.selectionModel())
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)  # shows the view's, never changes it
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWordWrap(True)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setStyleSheet(TABLE_STYLE)
        for cell in view.table_model.layout.cells:
            if (cell.row_span > 1 or cell.col_span > 1) and (rows is None or cell.row < rows) \
                    and (columns is None or cell.col < columns):
                self.setSpan(cell.row, cell.col, cell.row_span, cell.col_span)
        if columns is None:
            view.horizontalScrollBar().valueChanged.connect(self.horizontalScrollBar().setValue)
        if rows is None:
            view.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)

    def scrollTo(self, index: QModelIndex, hint=QAbstractItemView.ScrollHint.EnsureVisible) -> None:
        """Never scrolls on its own (the shared cursor moving would drag the headers away): it follows the view."""

    def follow(self, view: QTableView) -> None:
        """Take the view's sizes for the rows and columns shown, and cover them over the view's viewport."""
        model = view.model()
        columns = range(model.columnCount() if self.columns is None else self.columns)
        rows = range(model.rowCount() if self.rows is None else self.rows)
        for col in columns:
            self.setColumnWidth(col, view.columnWidth(col))
        for row in rows:
            self.setRowHeight(row, view.rowHeight(row))
        viewport = view.viewport().geometry()
        width = viewport.width() if self.columns is None else sum(map(view.columnWidth, columns))
        height = viewport.height() if self.rows is None else sum(map(view.rowHeight, rows))
        self.setGeometry(viewport.x(), viewport.y(), width, height)
        self.horizontalScrollBar().setValue(view.horizontalScrollBar().value() if self.columns is None else 0)
        self.verticalScrollBar().setValue(view.verticalScrollBar().value() if self.rows is None else 0)
        self.raise_()


class RefusalBalloon(QLabel):
    """Why typed text was refused, shown at the cell until the next entry is taken."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("refusalBalloon")
        self.setWordWrap(True)
        self.setStyleSheet("QLabel#refusalBalloon { background: #fff1f0; color: #8b0000; border: 1px solid #c0392b;"
                           " border-radius: 4px; padding: 4px 8px; }")
        self.hide()

    def show_at(self, cell: QRect) -> None:
        """Below the cell (`cell` in the parent's coordinates), or above it when there is no room below."""
        # one line when it fits, else wrapped at a readable width (a wrapping label alone picks a narrow one)
        self.setFixedWidth(min(BALLOON_WIDTH, self.fontMetrics().horizontalAdvance(self.text()) + 20))
        self.adjustSize()
        room = self.parentWidget().rect()
        y = cell.bottom() + 2 if cell.bottom() + 2 + self.height() <= room.bottom() else cell.top() - self.height() - 2
        x = max(0, min(cell.left(), room.right() - self.width()))
        self.move(x, max(0, y))
        self.show()
        self.raise_()


class ReportTableView(QTableView):
    statusMessage = Signal(str)

    def __init__(self, model: ReportTableModel, parent=None) -> None:
        super().__init__(parent)
        self.frozen_panes: list[FrozenPane] = []
        self.frozen_rows, self.frozen_columns = frozen_extent(model.layout)
        self.setModel(model)
        self.setItemDelegate(CellDelegate(self))
        self._last_year_delegate = LastYearDelegate(self)
        self._last_year_rows = sorted({model.index_of(*key).row() for key in model.layout.value_keys()
                                       if model.compares_with_last_year(key)})
        for row in self._last_year_rows:
            self.setItemDelegateForRow(row, self._last_year_delegate)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.setTabKeyNavigation(True)
        self.setCornerButtonEnabled(False)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setStyleSheet(TABLE_STYLE)
        self._apply_spans()
        # header rows follow sideways scrolling, label columns up and down, their corner neither
        rows, columns = self.frozen_rows, self.frozen_columns
        self.header_pane = FrozenPane(self, rows, None) if rows else None
        self.label_pane = FrozenPane(self, None, columns) if columns else None
        corner = FrozenPane(self, rows, columns) if rows and columns else None
        self.frozen_panes = [pane for pane in (self.header_pane, self.label_pane, corner) if pane is not None]
        self._size_columns()
        model.inputRejected.connect(self.statusMessage)
        model.inputRejected.connect(self._stay_on_refused_cell)
        self._refused = False
        self.balloon = RefusalBalloon(self)
        model.inputRejected.connect(self._show_refusal)
        model.document.cellsChanged.connect(self._entry_taken)
        self._refused_index = QModelIndex()
        for bar in (self.horizontalScrollBar(), self.verticalScrollBar()):
            bar.valueChanged.connect(self._place_balloon)
        first = self.editable_indexes()
        if first:
            self.setCurrentIndex(first[0])

    @property
    def table_model(self) -> ReportTableModel:
        return self.model()

    def _apply_spans(self) -> None:
        for cell in self.table_model.layout.cells:
            if cell.row_span > 1 or cell.col_span > 1:
                self.setSpan(cell.row, cell.col, cell.row_span, cell.col_span)

    def narrowest_widths(self) -> tuple[list[int], int]:
        """The label columns' and a value column's narrowest widths in pixels, from the layout's widths in
        characters of the view's font."""
        key = self.table_model.layout.key
        char = QFontMetrics(self.font()).horizontalAdvance("中")
        return [round(chars * char) for chars in SCREEN_LABEL_COLUMNS[key]], round(SCREEN_VALUE_COLUMN[key] * char)

    def _size_columns(self) -> None:
        layout = self.table_model.layout
        label_widths, value_width = self.narrowest_widths()
        for col in range(layout.grid_width):
            self.setColumnWidth(col, label_widths[col] if col < len(label_widths) else value_width)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._size_rows()

    def _text_height(self, cell) -> int:
        """Height of a cell's text wrapped in the width of all the columns it spans."""
        font = QFont(self.font())
        font.setBold(cell.kind is CellKind.HEADER)
        width = sum(self.columnWidth(cell.col + i) for i in range(cell.col_span)) - 8
        rect = QFontMetrics(font).boundingRect(QRect(0, 0, max(width, 10), 10000), Qt.TextFlag.TextWordWrap, cell.text)
        return rect.height() + 10

    def _size_rows(self) -> None:
        """Qt's own row sizing measures a spanned cell in its first column only: measure spans ourselves."""
        layout = self.table_model.layout
        heights = [MIN_ROW_HEIGHT] * layout.grid_height
        for row in self._last_year_rows:  # room for last year's figure above this year's
            heights[row] += self.fontMetrics().height()
        for cell in layout.cells:
            if cell.row_span == 1 and cell.text:
                heights[cell.row] = max(heights[cell.row], self._text_height(cell))
        for cell in layout.cells:  # a tall label over several rows shares out what it lacks
            if cell.row_span > 1:
                rows = range(cell.row, cell.row + cell.row_span)
                missing = self._text_height(cell) - sum(heights[r] for r in rows)
                for r in rows:
                    heights[r] += max(0, -(-missing // cell.row_span))
        for row, height in enumerate(heights):
            self.setRowHeight(row, height)
        self._place_frozen_panes()

    def frozen_size(self) -> tuple[int, int]:
        """Width of the frozen label columns and height of the frozen header rows, in pixels."""
        return (sum(self.columnWidth(c) for c in range(self.frozen_columns)),
                sum(self.rowHeight(r) for r in range(self.frozen_rows)))

    def updateGeometries(self) -> None:
        super().updateGeometries()  # the viewport may have changed size when a scroll bar came or went
        self._place_frozen_panes()

    def _place_frozen_panes(self) -> None:
        for pane in self.frozen_panes:
            pane.follow(self)

    def scrollTo(self, index: QModelIndex, hint=QAbstractItemView.ScrollHint.EnsureVisible) -> None:
        """A cell reached by the keyboard or a jump is shown clear of the frozen headers and labels."""
        super().scrollTo(index, hint)
        if not index.isValid() or index.row() < self.frozen_rows and index.column() < self.frozen_columns:
            return
        width, height = self.frozen_size()
        rect = self.visualRect(index)
        if index.row() >= self.frozen_rows and rect.top() < height:
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() - (height - rect.top()))
        if index.column() >= self.frozen_columns and rect.left() < width:
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() - (width - rect.left()))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._share_spare_room()

    def _share_spare_room(self) -> None:
        """Room beyond the narrowest layout goes first to the longest labels (they wrap less), then to the
        value columns (up to a limit); rows are measured again for the new widths."""
        layout = self.table_model.layout
        label_widths, base = self.narrowest_widths()
        values = layout.grid_width - len(label_widths)
        spare = self.viewport().width() - sum(label_widths) - values * base
        if label_widths:
            grow = max(0, min(spare, LABEL_COLUMN_GROWTH))
            label_widths[-1] += grow
            spare -= grow
        width = max(base, min(int(base * MAX_VALUE_COLUMN_GROWTH), base + spare // values))
        for col in range(layout.grid_width):
            self.setColumnWidth(col, label_widths[col] if col < len(label_widths) else width)
        self._size_rows()

    # ------------------------------------------------------------ navigation
    def editable_indexes(self) -> list[QModelIndex]:
        """Editable cells in reading order."""
        model = self.table_model
        return [model.index(r, c) for r in range(model.rowCount()) for c in range(model.columnCount())
                if model.is_editable(model.index(r, c))]

    def moveCursor(self, action: QAbstractItemView.CursorAction, modifiers) -> QModelIndex:
        current = self.currentIndex()
        Action = QAbstractItemView.CursorAction
        if action in (Action.MoveNext, Action.MovePrevious):
            cells = self.editable_indexes()
            if not cells:
                return current
            if current in cells:
                step = 1 if action == Action.MoveNext else -1
                return cells[(cells.index(current) + step) % len(cells)]
            return cells[0]
        steps = {Action.MoveUp: (-1, 0), Action.MoveDown: (1, 0), Action.MoveLeft: (0, -1), Action.MoveRight: (0, 1)}
        if action in steps:
            return self._step(current, *steps[action]) or current
        return super().moveCursor(action, modifiers)

    def _step(self, start: QModelIndex, d_row: int, d_col: int) -> QModelIndex | None:
        """The next editable cell in a direction, skipping labels, headers, totals and covered cells."""
        model = self.table_model
        row, col = start.row(), start.column()
        # leave a spanned cell from its far edge
        span_r, span_c = self.rowSpan(row, col), self.columnSpan(row, col)
        if d_row > 0:
            row += span_r - 1
        if d_col > 0:
            col += span_c - 1
        while True:
            row, col = row + d_row, col + d_col
            if not (0 <= row < model.rowCount() and 0 <= col < model.columnCount()):
                return None
            index = self._corner_of(row, col)
            if index.isValid() and model.is_editable(index) and index != start:
                return index

    def _corner_of(self, row: int, col: int) -> QModelIndex:
        """The index owning grid position (row, col): itself, or the corner of the span covering it."""
        model = self.table_model
        if model.grid_cell(model.index(row, col)) is not None:
            return model.index(row, col)
        for cell in model.layout.cells:
            if cell.row <= row < cell.row + cell.row_span and cell.col <= col < cell.col + cell.col_span:
                return model.index(cell.row, cell.col)
        return QModelIndex()

    def go_to(self, index: QModelIndex) -> None:
        self.setCurrentIndex(index)
        self.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _stay_on_refused_cell(self) -> None:
        self._refused = True

    def _show_refusal(self, sentence: str) -> None:
        self._refused_index = QPersistentModelIndex(self.currentIndex())
        self.balloon.setText(sentence)
        self._place_balloon()

    def _place_balloon(self) -> None:
        """At the refused cell, following it when the grid scrolls."""
        if not self._refused_index.isValid() or not self.balloon.text():
            return
        cell = self.visualRect(QModelIndex(self._refused_index))
        self.balloon.show_at(QRect(self.viewport().mapTo(self, cell.topLeft()), cell.size()))

    def _entry_taken(self, table_key: str) -> None:
        """The next entry taken (in this table) ends the refusal: its balloon and its status-bar sentence go."""
        if table_key == self.table_model.layout.key and self.balloon.isVisible():
            self.balloon.hide()
            self.balloon.setText("")
            self.statusMessage.emit("")

    def closeEditor(self, editor, hint: QAbstractItemDelegate.EndEditHint) -> None:
        # Enter (or Tab) commits and moves on, as in a spreadsheet; after refused text the cursor stays to retype
        refused, self._refused = self._refused, False
        if refused:
            hint = QAbstractItemDelegate.EndEditHint.NoHint
        entered = hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint if entered else hint)
        if entered:
            self._move_down_after_enter()

    def _move_down_after_enter(self) -> None:
        target = self._step(self.currentIndex(), 1, 0) or self._top_of_next_column(self.currentIndex())
        if target.isValid():
            self.setCurrentIndex(target)

    def _top_of_next_column(self, start: QModelIndex) -> QModelIndex:
        """Below the last cell of a column, a column filled top to bottom goes on at the top of the next one
        (after the last column, at the first cell)."""
        cells = self.editable_indexes()
        right = start.column() + self.columnSpan(start.row(), start.column()) - 1
        later = [i for i in cells if i.column() > right]
        return min(later, key=lambda i: (i.column(), i.row())) if later else (cells[0] if cells else start)

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
        elif event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.state() != self.State.EditingState:
            self.clear_selection()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != self.State.EditingState:
            self._move_down_after_enter()
        elif event.text().strip() and self.table_model.value_key(self.currentIndex()) \
                and not self.table_model.is_editable(self.currentIndex()):
            self.statusMessage.emit("总计由程序根据各项数字自动计算，不能直接填写；请修改它所合计的各项。")
        else:
            super().keyPressEvent(event)

    # ------------------------------------------------------------ clipboard
    def _selection_rect(self) -> tuple[int, int, int, int] | None:
        """(top, left, bottom, right) of the selected grid range, or the current cell."""
        indexes = self.selectionModel().selectedIndexes() or [self.currentIndex()]
        indexes = [i for i in indexes if i.isValid()]
        if not indexes:
            return None
        top = min(i.row() for i in indexes)
        left = min(i.column() for i in indexes)
        bottom = max(i.row() + self.rowSpan(i.row(), i.column()) - 1 for i in indexes)
        right = max(i.column() + self.columnSpan(i.row(), i.column()) - 1 for i in indexes)
        return top, left, bottom, right

    def _value_rows(self, top: int, left: int, bottom: int | None = None,
                    right: int | None = None) -> list[list[QModelIndex]]:
        """Value cells from (top, left) on, row by row; rows without value cells are skipped."""
        model = self.table_model
        bottom = model.rowCount() - 1 if bottom is None else bottom
        right = model.columnCount() - 1 if right is None else right
        rows = []
        for r in range(top, bottom + 1):
            cells = [model.index(r, c) for c in range(left, right + 1) if model.value_key(model.index(r, c))]
            if cells:
                rows.append(cells)
        return rows

    def copy_selection(self) -> None:
        rect = self._selection_rect()
        if rect is None:
            return
        top, left, bottom, right = rect
        model = self.table_model
        lines = []
        for r in range(top, bottom + 1):
            cells = [model.index(r, c) for c in range(left, right + 1) if model.grid_cell(model.index(r, c))]
            # a value's own text (a blank cell shows 待填 but copies as blank), a label's as printed
            lines.append("\t".join(str(i.data(Qt.ItemDataRole.EditRole if model.value_key(i) else
                                             Qt.ItemDataRole.DisplayRole) or "") for i in cells))
        QGuiApplication.clipboard().setText("\r\n".join(lines) + "\r\n")
        self.statusMessage.emit(f"已复制 {bottom - top + 1} 行。")

    def paste(self) -> None:
        text = QGuiApplication.clipboard().text()
        block = parse_pasted_block(text)
        rect = self._selection_rect()
        if not block or rect is None:
            return
        model = self.table_model
        top, left, bottom, right = rect
        left_out = 0
        if len(block) == 1 and len(block[0]) == 1:  # one value fills the selected range
            targets = [[i for i in row if model.is_editable(i)] for row in self._value_rows(top, left, bottom, right)]
            pairs = [(i, block[0][0]) for row in targets for i in row]
        else:
            rows = self._value_rows(top, left)
            pairs = [(i, typed) for row, typed_row in zip(rows, block) for i, typed in zip(row, typed_row)]
            left_out = sum(1 for r, typed_row in enumerate(block) for c, typed in enumerate(typed_row)
                           if typed.strip() and (r >= len(rows) or c >= len(rows[r])))
        values: dict[Cell, Decimal | None] = {}
        skipped_totals = 0
        for index, typed in pairs:
            key = model.value_key(index)
            if not model.is_editable(index):
                skipped_totals += 1
                continue
            try:
                values[key] = parse_cell_text(typed, model.decimals(key))
            except ValueError as exc:
                where = cell_caption(model.layout.key, *key)
                self.statusMessage.emit(f"没有粘贴：{where}的“{typed.strip()}”有误（{exc}）。")
                return
        if not values:
            self.statusMessage.emit("选中的位置没有可填写的单元格，没有粘贴。")
            return
        model.set_values(values, "粘贴")
        note = "；总计由程序计算，没有采用粘贴的总计" if skipped_totals else ""
        if left_out:
            note += f"；{left_out} 个数字超出表格，没有粘贴"
        self.statusMessage.emit(f"已粘贴 {len(values)} 个单元格{note}。可用“撤销”一步恢复。")

    def clear_selection(self) -> None:
        rect = self._selection_rect()
        if rect is None:
            return
        model = self.table_model
        keys = [model.value_key(i) for row in self._value_rows(*rect) for i in row if model.is_editable(i)]
        if keys and model.set_values({k: None for k in keys}, "清除"):
            self.statusMessage.emit(f"已清除 {len(keys)} 个单元格。")

    def fill_blanks_with_zero(self) -> None:
        """空白填 0: the blank cells of the selected range (of the whole table when one cell or none is selected)
        get 0, in one undo step: a statutory table has no blanks, a count of nothing is 0."""
        model = self.table_model
        rect = self._selection_rect()
        whole = rect is None or (rect[0], rect[1]) == (rect[2], rect[3])
        rows = self._value_rows(0, 0) if whole else self._value_rows(*rect)
        blanks = [key for row in rows for key in map(model.value_key, row)
                  if key not in model.layout.computed_keys() and model.document.report.value(model.layout.key, *key)
                  is None]
        where = "表中" if whole else "选中范围内"
        if not blanks:
            self.statusMessage.emit(f"{where}没有空白的单元格。")
            return
        model.set_values({key: Decimal(0) for key in blanks}, "空白填 0")
        self.statusMessage.emit(f"已在{where} {len(blanks)} 个空白单元格填入 0。可用“撤销”一步恢复。")

    def context_menu(self) -> QMenu:
        """复制, 粘贴, 清除, 空白填 0 and 撤销 for the cells under the mouse or selected."""
        menu = QMenu(self)
        for text, slot, key in (("复制", self.copy_selection, QKeySequence.StandardKey.Copy),
                                ("粘贴", self.paste, QKeySequence.StandardKey.Paste),
                                ("清除", self.clear_selection, QKeySequence.StandardKey.Delete),
                                (None, None, None),
                                ("空白填 0", self.fill_blanks_with_zero, None),
                                (None, None, None)):
            if text is None:
                menu.addSeparator()
                continue
            action = menu.addAction(text)
            action.triggered.connect(slot)
            if key is not None:
                action.setShortcut(QKeySequence(key))  # shown as a reminder; the view handles the keys
        stack = self.table_model.document.undo_stack
        undo = menu.addAction(f"撤销{stack.undoText()}")
        undo.triggered.connect(stack.undo)
        undo.setEnabled(stack.canUndo())
        return menu

    def contextMenuEvent(self, event) -> None:
        index = self.indexAt(event.pos())
        if index.isValid() and not self.selectionModel().isSelected(index):
            self.setCurrentIndex(index)  # right-click on a cell outside the selection acts on that cell
        menu = self.context_menu()
        menu.exec(event.globalPos())
        menu.deleteLater()
