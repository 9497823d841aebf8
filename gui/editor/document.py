"""The open report: the `Report`, its file, its undo stack and its current findings.

Every change a widget makes goes through a QUndoCommand pushed here; after each
change the rule engine runs again and `findingsChanged` tells the views.
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QTextDocument, QUndoCommand, QUndoStack

from model.layout import cell_caption
from model.report import META_FIELD_NAMES, LastYear, Paragraph, Report
from model.findings import Finding, Tally, tally
from model.rules import check_report
from model.totals import recompute_after_edit

Cell = tuple[str, str]


class EditableReport(QObject):
    cellsChanged = Signal(str, list)  # table key, cells whose value changed (typed and computed)
    metaChanged = Signal(str)  # field name of Report
    narrativeChanged = Signal(str)  # narrative key
    lastYearChanged = Signal()
    findingsChanged = Signal()
    historyChanged = Signal()  # an edit was made, undone or redone, or the report was saved

    def __init__(self, report: Report, path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.path = path
        self.undo_stack = QUndoStack(self)
        # relayed, not connected directly: a stack being destroyed still emits while it clears itself
        self.undo_stack.indexChanged.connect(self.historyChanged)
        self.undo_stack.cleanChanged.connect(self.historyChanged)
        self.findings: list[Finding] = check_report(report)
        # bumped by every change, undo and redo, also those merged into the step on top of the stack (autosave)
        self.revision = 0
        # extra tooltip lines by (table, row, column): the units a summed report's cell came from (汇总)
        self.cell_notes: dict[tuple[str, str, str], str] = {}

    # ------------------------------------------------------------ state
    def tally(self) -> Tally:
        """Errors, warnings and notes remaining, and the findings the clerk explained."""
        return tally(self.findings, self.report.explanations)

    def recheck(self) -> None:
        """After every change of the report: run the rules again."""
        self.revision += 1
        self.findings = check_report(self.report)
        self.findingsChanged.emit()

    # ------------------------------------------------------------ edits
    def set_cells(self, table_key: str, values: dict[Cell, Decimal | None], description: str) -> bool:
        """One undoable step that writes `values`; False when nothing would change."""
        table = self.report.table(table_key)
        changes = {cell: value for cell, value in values.items() if table[cell[0]][cell[1]] != value}
        if not changes:
            return False
        self.undo_stack.push(SetCellsCommand(self, table_key, changes, description))
        return True

    def set_meta(self, field: str, value: Any) -> None:
        if getattr(self.report, field) != value:
            self.undo_stack.push(SetMetaCommand(self, field, value))

    def set_last_year(self, last: LastYear | None) -> None:
        self.undo_stack.push(SetLastYearCommand(self, last))

    def set_explanation(self, finding: Finding, text: str | None) -> None:
        """出错说明: why the clerk keeps a finding (None or blank takes the explanation away)."""
        text = (text or "").strip() or None
        if self.report.explanations.get(finding.key) != text:
            self.undo_stack.push(SetExplanationCommand(self, finding, text))

    def replace_narrative(self, key: str, paragraphs: list[Paragraph]) -> None:
        """Mirror a narrative editor's text; its undo steps are pushed by the editor itself."""
        setattr(self.report, key, paragraphs)
        self.narrativeChanged.emit(key)
        self.recheck()


class TextEditCommand(QUndoCommand):
    """One undo step of a QTextDocument, replayed through the shared undo stack."""

    def __init__(self, text_document: QTextDocument, section: str, description: str) -> None:
        super().__init__(description)
        self.text_document = text_document
        self.section = section  # the narrative key
        self._done = True  # the text document applied it already

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self.text_document.redo()

    def undo(self) -> None:
        self.text_document.undo()


class SetCellsCommand(QUndoCommand):
    """Typed, pasted or cleared cells; the totals they feed are recomputed and restored with them."""

    def __init__(self, document: EditableReport, table_key: str, values: dict[Cell, Decimal | None],
                 description: str) -> None:
        super().__init__(description)
        self.document = document
        self.table_key = table_key
        self.values = values
        self.previous: dict[Cell, Decimal | None] = {}

    def redo(self) -> None:
        table = self.document.report.table(self.table_key)
        # totals are overwritten by recompute: snapshot first (an imported total may differ from its sum)
        before = {(row, col): value for row, cols in table.items() for col, value in cols.items()}
        for (row, col), value in self.values.items():
            table[row][col] = value
        changed = list(self.values)
        for cell in self.values:
            changed += recompute_after_edit(self.document.report, self.table_key, cell)
        changed = list(dict.fromkeys(changed))
        if not self.previous:
            self.previous = {cell: before[cell] for cell in changed}
        self.document.cellsChanged.emit(self.table_key, changed)
        self.document.recheck()

    def undo(self) -> None:
        table = self.document.report.table(self.table_key)
        for (row, col), value in self.previous.items():
            table[row][col] = value
        self.document.cellsChanged.emit(self.table_key, list(self.previous))
        self.document.recheck()


class SetMetaCommand(QUndoCommand):
    """机关名称, 年度, 标题 or 成文日期; consecutive typing in one text field merges into one step."""

    MERGE_ID = 1001

    def __init__(self, document: EditableReport, field: str, value: Any) -> None:
        super().__init__(f"修改{META_FIELD_NAMES[field]}")
        self.document = document
        self.field = field
        self.old = getattr(document.report, field)
        self.new = value

    def id(self) -> int:
        return self.MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetMetaCommand) or other.field != self.field or self.field not in TYPED_FIELDS:
            return False  # a year or date is chosen whole: each choice is its own step
        self.new = other.new
        return True

    def _apply(self, value: Any) -> None:
        setattr(self.document.report, self.field, value)
        self.document.metaChanged.emit(self.field)
        self.document.recheck()

    def redo(self) -> None:
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)


class SetLastYearCommand(QUndoCommand):
    def __init__(self, document: EditableReport, last: LastYear | None) -> None:
        super().__init__("关联上年报告")
        self.document = document
        self.old = document.report.last_year
        self.new = last

    def _apply(self, value: LastYear | None) -> None:
        self.document.report.last_year = value
        self.document.lastYearChanged.emit()
        self.document.recheck()

    def redo(self) -> None:
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)


class SetExplanationCommand(QUndoCommand):
    def __init__(self, document: EditableReport, finding: Finding, text: str | None) -> None:
        super().__init__(f"说明原因（{finding.rule}）" if text else f"删除说明（{finding.rule}）")
        self.document = document
        self.key = finding.key
        self.old = document.report.explanations.get(finding.key)
        self.new = text

    def _apply(self, text: str | None) -> None:
        if text is None:
            self.document.report.explanations.pop(self.key, None)
        else:
            self.document.report.explanations[self.key] = text
        self.document.recheck()

    def redo(self) -> None:
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)


TYPED_FIELDS = ("organ", "title_override")  # typed a character at a time


def describe_cells(table_key: str, cells: list[Cell], verb: str = "修改") -> str:
    """Undo-menu text for an edit of these cells: 修改三、本年度办理结果（一）予以公开（自然人）, 粘贴 21 个单元格."""
    if len(cells) == 1:
        return f"{verb}{cell_caption(table_key, *cells[0])}"
    return f"{verb} {len(cells)} 个单元格"
