"""Linked figures in a narrative's text document: each is one object character drawn as the figure's current value,
underlined, so a table edit changes what it shows without touching the text or its undo history.

Typing over the character (or deleting it) removes the link with it; 取消关联 puts the figure's digits in its place
and 关联到表格 puts a linked character in place of digits W4 reads, each one undo step of the text.
"""
from __future__ import annotations

from PySide6.QtCore import QPointF, QSizeF
from PySide6.QtGui import QColor, QFontMetricsF, QPen, QPyTextObject, QTextCharFormat, QTextCursor, QTextFormat

from model.links import FigureLink, figure_text, source_caption
from model.report import Report

LINK_OBJECT = QTextFormat.ObjectTypes.UserObject + 1
_FIGURE = QTextFormat.Property.UserProperty + 1
_DECIMALS = QTextFormat.Property.UserProperty + 2
OBJECT_CHARACTER = "\ufffc"
LINK_COLOUR = QColor("#1a56a8")


def link_format(figure: str, decimals: int) -> QTextCharFormat:
    char_format = QTextCharFormat()
    char_format.setObjectType(LINK_OBJECT)
    char_format.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignBaseline)  # sits on the line as text does
    char_format.setProperty(_FIGURE, figure)
    char_format.setProperty(_DECIMALS, decimals)
    return char_format


def link_of(char_format: QTextCharFormat, start: int = 0) -> FigureLink | None:
    """The link a character of this format stands for (at `start` in its paragraph), or None for plain text."""
    if char_format.objectType() != LINK_OBJECT:
        return None
    return FigureLink(start=start, end=start + 1, figure=char_format.property(_FIGURE),
                      decimals=int(char_format.property(_DECIMALS)))


def insert_paragraph_text(cursor: QTextCursor, text: str, links: list[FigureLink]) -> None:
    """The paragraph's text at the cursor, each linked span as its linked character."""
    at = 0
    for link in links:
        cursor.insertText(text[at:link.start], QTextCharFormat())
        cursor.insertText(OBJECT_CHARACTER, link_format(link.figure, link.decimals))
        at = link.end
    cursor.insertText(text[at:], QTextCharFormat())


def block_text_and_links(report: Report, block, line_break: str) -> tuple[str, list[FigureLink]]:
    """A text block as the report keeps it: each linked character replaced by the figure's current text."""
    text, links = "", []
    for fragment in block:
        link = link_of(fragment.fragment().charFormat())
        piece = fragment.fragment().text()
        if link is None:
            text += piece.replace(line_break, "\n")
            continue
        for character in piece:  # two links side by side share a fragment; digits typed beside one take its format
            if character != OBJECT_CHARACTER:
                text += character.replace(line_break, "\n")
                continue
            figure = figure_text(report, link)
            links.append(link.model_copy(update={"start": len(text), "end": len(text) + len(figure)}))
            text += figure
    return text, links


def link_figure(cursor: QTextCursor, start: int, end: int, link: FigureLink) -> None:
    """Put a linked character in place of the document's characters start..end: one undo step."""
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(OBJECT_CHARACTER, link_format(link.figure, link.decimals))


def unlink_figure(report: Report, cursor: QTextCursor, position: int, link: FigureLink) -> None:
    """Put the figure's digits, as plain text, in place of the linked character at `position`: one undo step."""
    cursor.setPosition(position)
    cursor.setPosition(position + 1, QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(figure_text(report, link), QTextCharFormat())


def link_at(cursor: QTextCursor) -> tuple[int, FigureLink] | None:
    """The linked character under a cursor (its document position), or None."""
    for position in (cursor.position(), cursor.position() - 1):
        if position < 0:
            continue
        probe = QTextCursor(cursor.document())
        probe.setPosition(position)
        probe.movePosition(QTextCursor.MoveOperation.NextCharacter, QTextCursor.MoveMode.KeepAnchor)
        link = link_of(probe.charFormat())
        if link is not None and probe.selectedText() == OBJECT_CHARACTER:
            return position, link
    return None


def tooltip(report: Report, link: FigureLink) -> str:
    return f"关联表格的数字（{figure_text(report, link)}），随表格自动更新。来源：{source_caption(link.figure)}。\n" \
           f"直接改写这个数字即取消关联；右键可“取消关联”。"


class LinkedFigureObject(QPyTextObject):  # QObject and QTextObjectInterface as Qt can cast it
    """Draws a linked character as the figure's current value, underlined in the link colour."""

    def __init__(self, report_of, parent=None) -> None:
        super().__init__(parent)
        self._report_of = report_of  # the report is replaced when a file is opened: ask each time

    def _text(self, char_format) -> str:
        return figure_text(self._report_of(), link_of(char_format))

    def intrinsicSize(self, document, position, char_format) -> QSizeF:
        metrics = QFontMetricsF(document.defaultFont())
        return QSizeF(metrics.horizontalAdvance(self._text(char_format)) + 2, metrics.ascent() + metrics.descent())

    def drawObject(self, painter, rect, document, position, char_format) -> None:
        metrics = QFontMetricsF(document.defaultFont())
        painter.save()
        painter.setFont(document.defaultFont())
        painter.setPen(QPen(LINK_COLOUR))
        baseline = rect.top() + metrics.ascent()
        painter.drawText(QPointF(rect.left() + 1, baseline), self._text(char_format))
        underline = baseline + max(1.5, metrics.descent() / 2)
        painter.drawLine(QPointF(rect.left() + 1, underline), QPointF(rect.right() - 1, underline))
        painter.restore()
