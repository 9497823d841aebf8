"""A narrative section (一, 五, 六): paragraphs and sub-headings such as （一）主动公开方面.

Each text block is one paragraph; a sub-heading is a block with a heading level,
drawn bold.  The text document's own undo steps are mirrored into the report's
QUndoStack, so Ctrl+Z undoes text and cells in the order they were made.
"""
from __future__ import annotations

import re

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QFontMetrics,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QTextEdit,
    QMenu,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from gui.editor.document import EditableReport, TextEditCommand
from gui.editor.fee_form import FeeForm
from gui.editor.figure_links import (LINK_OBJECT, LinkedFigureObject, block_text_and_links, insert_paragraph_text,
                                     OBJECT_CHARACTER, link_at, link_figure, link_format, tooltip,
                                     unlink_figure)
from gui.editor.undo_keys import UndoKeysToWindow
from model.layout import SECTION_HEADINGS, SECTION_HINTS
from model.report import Paragraph, looks_like_subheading
from model.links import STANDARD_SENTENCES, Figure, changed_span, figure_text, new_link, source_caption
from model.rules import claimed_links, with_fee_sentence
from model.text_rules import last_year_index, sentence_spans

HEADING_LEVEL = 3
FLAGGED_PARAGRAPH = QColor("#fbe7a6")  # the warning colour of the tables
COPIED_SENTENCE = QColor("#d6e6f7")  # a sentence as in last year's report (W7)
CARRIED_PARAGRAPH = QColor("#e2ecf9")  # last year's text, not yet edited: seen on a single sentence, paler than W7
STALE_FIGURE = QColor("#f7c58f")  # a figure or year of last year inside it
_BLANK = re.compile(r"\s")
# a line break inside a paragraph (Shift+Enter, or Word's from 导入): "\n" in the report, U+2028 in a text block
LINE_BREAK = "\u2028"


class ParagraphEdit(QTextEdit):
    """Plain paragraphs: no rich text from the clipboard, Enter after a sub-heading starts body text,
    and undo/redo keys left to the window (which owns the one undo stack)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(False)
        self.window_undo_actions: list[QAction] = []
        self.link_menu = None  # adds 关联到表格 / 取消关联 for the text under the mouse: (menu, cursor) -> None
        self.link_tooltip = None  # the tooltip of a linked figure under the mouse: (cursor) -> str | None
        self._undo_keys = UndoKeysToWindow(self)
        self.installEventFilter(self._undo_keys)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self._new_paragraph()
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source) -> None:
        """Text of several paragraphs (last year's, from Word or the website) keeps its sub-headings: each pasted
        paragraph is a sub-heading when it looks like one, else indented body text, in the paste's undo step."""
        cursor = self.textCursor()
        cursor.beginEditBlock()
        first = self.document().findBlock(cursor.selectionStart())
        blocks_before = self.document().blockCount()
        super().insertFromMimeData(source)
        if self.document().blockCount() > blocks_before:
            block, last = first, self.textCursor().block()
            while block.isValid():
                set_heading(QTextCursor(block), looks_like_subheading(block.text()))
                if block == last:
                    break
                block = block.next()
        cursor.endEditBlock()

    def _new_paragraph(self) -> None:
        cursor = self.textCursor()
        cursor.beginEditBlock()
        block = cursor.block()
        if block.blockFormat().headingLevel() == 0 and looks_like_subheading(block.text()):
            set_heading(cursor, True)
        cursor.insertBlock(paragraph_format(False), QTextCharFormat())
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def contextMenuEvent(self, event) -> None:
        menu = self.createStandardContextMenu(event.pos())
        standard = menu.actions()
        # the text widget's own 撤销/重做 would bypass the report's undo stack
        for action in standard[:2]:
            menu.removeAction(action)
        if self.window_undo_actions:
            menu.insertActions(menu.actions()[0] if menu.actions() else None, self.window_undo_actions)
        if self.link_menu is not None:
            self.link_menu(menu, self.cursorForPosition(event.pos()))
        menu.exec(event.globalPos())
        menu.deleteLater()


    def viewportEvent(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip and self.link_tooltip is not None:
            text = self.link_tooltip(self.cursorForPosition(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)


def paragraph_format(heading: bool) -> QTextBlockFormat:
    """Body text starts with the customary two-character indent; a sub-heading does not."""
    block_format = QTextBlockFormat()
    block_format.setHeadingLevel(HEADING_LEVEL if heading else 0)
    block_format.setBottomMargin(4)
    if not heading:
        block_format.setTextIndent(2 * QFontMetrics(QApplication.font()).horizontalAdvance("中") * 1.15)
    return block_format


def set_heading(cursor: QTextCursor, heading: bool) -> None:
    """Make the cursor's paragraph a sub-heading (bold) or body text, as one edit."""
    cursor.setBlockFormat(paragraph_format(heading))
    char_format = QTextCharFormat()
    char_format.setFontWeight(QFont.Weight.Bold if heading else QFont.Weight.Normal)
    whole = QTextCursor(cursor.block())
    whole.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    whole.mergeCharFormat(char_format)
    cursor.mergeBlockCharFormat(char_format)


def is_heading(block) -> bool:
    return block.blockFormat().headingLevel() > 0


def count_characters(paragraphs: list[Paragraph]) -> int:
    """字数 as a clerk counts it: every character except spaces and line breaks."""
    return sum(len(_BLANK.sub("", p.text)) for p in paragraphs)


class NarrativeEditor(QWidget):
    def __init__(self, document: EditableReport, key: str, parent=None) -> None:
        super().__init__(parent)
        self.document = document
        self.key = key
        self.text_document = QTextDocument(self)
        self._load(document.report.narrative(key))

        self.edit = ParagraphEdit(self)
        self.edit.setDocument(self.text_document)
        self.edit.setPlaceholderText(SECTION_HINTS[key])
        self.edit.setFont(body_font(self.font()))
        self._linked_figures = LinkedFigureObject(lambda: self.document.report, self)
        self.text_document.documentLayout().registerHandler(LINK_OBJECT, self._linked_figures)
        self.edit.link_menu = self._add_link_actions
        self.edit.link_tooltip = self._link_tooltip

        title = QLabel(SECTION_HEADINGS[key])
        title.setObjectName("sectionTitle")
        hint = QLabel(SECTION_HINTS[key])
        hint.setWordWrap(True)
        hint.setObjectName("sectionHint")
        self.heading_button = QToolButton()
        self.heading_button.setText("设为小标题")
        self.heading_button.setToolTip("把光标所在段落设为小标题（如“（一）主动公开方面”），再按一次恢复为正文")
        self.heading_button.clicked.connect(self.toggle_heading)
        self.count_label = QLabel()
        self.carried_label = QLabel()
        self.carried_label.setObjectName("sectionHint")
        self.standard_button = QToolButton()
        self.standard_button.setText("插入标准表述")
        self.standard_button.setToolTip("在光标处插入常用的表述，其中的数字关联表格（带下划线），随表格自动更新")
        self.standard_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        standard_menu = QMenu(self.standard_button)
        for name in STANDARD_SENTENCES:
            standard_menu.addAction(name, lambda name=name: self.insert_standard_sentence(name))
        self.standard_button.setMenu(standard_menu)
        bar = QHBoxLayout()
        bar.addWidget(self.heading_button)
        bar.addWidget(self.standard_button)
        bar.addWidget(self.carried_label, 1)
        bar.addWidget(self.count_label)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addLayout(bar)
        self.fee_form = FeeForm(document, self.write_fee_sentence) if key == "other_matters" else None
        if self.fee_form is not None:
            layout.addWidget(self.fee_form)
        layout.addWidget(self.edit, 1)

        self._own_step = -1  # index of the shared stack right after this editor's last step
        self.text_document.undoCommandAdded.connect(self._push_undo_step)
        document.historyChanged.connect(self._seal_after_other_steps)
        self.text_document.contentsChanged.connect(self._mirror_to_report)
        self._update_count()
        document.findingsChanged.connect(self._mark_flagged_paragraphs)
        document.lastYearChanged.connect(self._mark_flagged_paragraphs)
        document.cellsChanged.connect(self._redraw_linked_figures)
        self._mark_flagged_paragraphs()

    def _load(self, paragraphs: list[Paragraph]) -> None:
        self.text_document.setUndoRedoEnabled(False)
        cursor = QTextCursor(self.text_document)
        for i, paragraph in enumerate(paragraphs):
            if i:
                cursor.insertBlock(paragraph_format(False), QTextCharFormat())
            # "\n" would start a new block
            insert_paragraph_text(cursor, paragraph.text.replace("\n", LINE_BREAK), paragraph.links)
            set_heading(cursor, paragraph.heading)
        self.text_document.setUndoRedoEnabled(True)

    def paragraphs(self) -> list[Paragraph]:
        """The blocks as the report stores them; empty lines are not paragraphs."""
        result = []
        block = self.text_document.begin()
        while block.isValid():
            text, links = block_text_and_links(self.document.report, block, LINE_BREAK)
            if text.strip():
                stripped = len(text) - len(text.lstrip())
                links = [link.model_copy(update={"start": link.start - stripped, "end": link.end - stripped})
                         for link in links]
                result.append(Paragraph(text=text.strip(), heading=is_heading(block), links=links))
            block = block.next()
        return result

    def _push_undo_step(self) -> None:
        step = TextEditCommand(self.text_document, self.key, f"编辑{SECTION_HEADINGS[self.key]}")
        self.document.undo_stack.push(step)
        self._own_step = self.document.undo_stack.index()

    def _seal_after_other_steps(self) -> None:
        """Once another edit is on the stack, typing here must start a new step: the text document merges
        typing into its last step only while it is "modified", so clear that flag."""
        if self.document.undo_stack.index() != self._own_step:
            self.text_document.setModified(False)

    def _mirror_to_report(self) -> None:
        self.document.replace_narrative(self.key, self.paragraphs())
        self._update_count()

    def _update_count(self) -> None:
        paragraphs = self.document.report.narrative(self.key)
        self.count_label.setText(f"{sum(not p.heading for p in paragraphs)} 段 · "
                                 f"字数 {count_characters(paragraphs)}")

    def toggle_heading(self) -> None:
        cursor = self.edit.textCursor()
        cursor.beginEditBlock()
        set_heading(cursor, not is_heading(cursor.block()))
        cursor.endEditBlock()
        self.edit.setFocus()

    def paragraph_blocks(self) -> list:
        """The text blocks that are paragraphs, in the numbering findings use (empty lines skipped)."""
        blocks = []
        block = self.text_document.begin()
        while block.isValid():
            if block.text().strip():
                blocks.append(block)
            block = block.next()
        return blocks

    def _mark_flagged_paragraphs(self) -> None:
        """Shade the sentences still carried from last year (the whole paragraph when all of it is), then the
        paragraphs a finding points at, or its sentence for a sentence copied from last year, and over all of
        them last year's figures and years in the carried sentences (not part of the text, so not part of undo)."""
        report = self.document.report
        flagged = [f for f in self.document.findings
                   if f.table == self.key and f.row is not None and f.key not in report.explanations]
        blocks = self.paragraph_blocks()
        last_year = last_year_index(report.last_year, report.year)
        carried = {} if last_year is None else {
            index: last_year.carried_sentences(block.text().replace(LINE_BREAK, "\n"))
            for index, block in enumerate(blocks) if not is_heading(block)}
        selections, stale = [], []
        for index, sentences in carried.items():
            block = blocks[index]
            if sentences and len(sentences) == len(sentence_spans(block.text())):
                selections.append(_whole_block(block, CARRIED_PARAGRAPH))
            else:
                selections += [_span(block, sentence.span, CARRIED_PARAGRAPH) for sentence in sentences]
            stale += [_span(block, span, STALE_FIGURE) for sentence in sentences for span in sentence.stale]
        for finding in sorted(flagged, key=lambda f: f.column is not None):  # sentences drawn over paragraphs
            index = int(finding.row)
            if index >= len(blocks):
                continue
            spans = sentence_spans(blocks[index].text()) if finding.column is not None else ()
            if finding.column is not None and int(finding.column) < len(spans):
                selections.append(_span(blocks[index], spans[int(finding.column)], COPIED_SENTENCE))
            else:
                selections.append(_whole_block(blocks[index], FLAGGED_PARAGRAPH))
        self.edit.setExtraSelections(selections + stale)
        count = sum(len(sentences) for sentences in carried.values())
        self.carried_label.setText(
            f"沿用上年 {count} 句（浅蓝底，其中上年的数字和年份为橙色）：请按本年情况修改，改过的句子不再标出"
            if count else "")

    def _redraw_linked_figures(self) -> None:
        """The tables changed: lay the text out again so each linked figure is drawn at its new value and width."""
        self.text_document.markContentsDirty(0, self.text_document.characterCount())

    def _link_tooltip(self, cursor: QTextCursor) -> str | None:
        found = link_at(cursor)
        return None if found is None else tooltip(self.document.report, found[1])

    def _add_link_actions(self, menu: QMenu, cursor: QTextCursor) -> None:
        """取消关联 on a linked figure; 关联到表格 on a number W4 reads as a table's figure."""
        found = link_at(cursor)
        first = menu.actions()[0] if menu.actions() else None
        if found is not None:
            position, link = found
            action = QAction(f"取消关联（{figure_text(self.document.report, link)}）", menu)
            action.triggered.connect(lambda: unlink_figure(self.document.report, QTextCursor(self.text_document),
                                                           position, link))
        else:
            block = cursor.block()
            offset = cursor.position() - block.position()
            claimed = next((link for link in claimed_links(block.text().replace(LINE_BREAK, "\n"))
                            if link.start <= offset <= link.end), None)
            if claimed is None:
                return
            action = QAction(f"关联到表格（{source_caption(claimed.figure).split('：')[0]}）", menu)
            action.triggered.connect(lambda: link_figure(QTextCursor(self.text_document), block.position() + claimed.start,
                                                         block.position() + claimed.end, claimed))
        menu.insertAction(first, action)
        menu.insertSeparator(first)

    def insert_standard_sentence(self, name: str) -> None:
        """The standard sentence at the cursor, as a paragraph of its own, its figures linked: one undo step."""
        cursor = self.edit.textCursor()
        cursor.beginEditBlock()
        if cursor.block().text().strip():
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
            cursor.insertBlock(paragraph_format(False), QTextCharFormat())
        for piece in STANDARD_SENTENCES[name]:
            if isinstance(piece, Figure):
                link = new_link(piece, 0)
                cursor.insertText(OBJECT_CHARACTER, link_format(link.figure, link.decimals))
            else:
                cursor.insertText(piece, QTextCharFormat())
        cursor.endEditBlock()
        self.edit.setTextCursor(cursor)
        self.edit.setFocus()

    def write_fee_sentence(self, sentence: str) -> None:
        """Put 六's fee sentence in place of the paragraph's sentence on the fee, or after the text: one edit."""
        blocks = self.paragraph_blocks()
        if any(sentence in block.text() for block in blocks):
            return
        for block in blocks:
            text = with_fee_sentence(block.text(), sentence)
            if text is not None:  # only the fee sentence replaced: the linked figures around it stay
                start, old_end, new_end = changed_span(block.text(), text)
                cursor = QTextCursor(block)
                cursor.setPosition(block.position() + start)
                cursor.setPosition(block.position() + old_end, QTextCursor.MoveMode.KeepAnchor)
                cursor.insertText(text[start:new_end], QTextCharFormat())
                return
        cursor = QTextCursor(self.text_document)
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.beginEditBlock()
        if blocks:
            cursor.insertBlock(paragraph_format(False), QTextCharFormat())
        cursor.insertText(sentence)
        cursor.endEditBlock()

    def go_to_paragraph(self, index: int) -> None:
        """Select the index-th paragraph (as numbered in findings)."""
        blocks = self.paragraph_blocks()
        cursor = QTextCursor(blocks[index] if index < len(blocks) else self.text_document.begin())
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        self.edit.setTextCursor(cursor)
        self.edit.ensureCursorVisible()
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)


def _span(block, span: tuple[int, int], colour: QColor) -> QTextEdit.ExtraSelection:
    selection = QTextEdit.ExtraSelection()
    selection.format.setBackground(colour)
    selection.cursor = QTextCursor(block)
    selection.cursor.setPosition(block.position() + span[0])
    selection.cursor.setPosition(block.position() + span[1], QTextCursor.MoveMode.KeepAnchor)
    return selection


def _whole_block(block, colour: QColor) -> QTextEdit.ExtraSelection:
    selection = QTextEdit.ExtraSelection()
    selection.format.setBackground(colour)
    selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
    selection.cursor = QTextCursor(block)
    selection.cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    return selection


def body_font(base: QFont) -> QFont:
    font = QFont(base)
    font.setPointSizeF(base.pointSizeF() * 1.15)
    return font
