"""Typing a statement's text right on its card.

Enter commits, Shift+Enter starts a new line, Escape cancels; clicking
elsewhere commits. The whole edit becomes one undo step.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QFont, QKeyEvent, QTextOption
from PySide6.QtWidgets import QGraphicsRectItem, QGraphicsSimpleTextItem, QGraphicsTextItem
from shiboken6 import isValid

from argmap.gui.cards import TEXT_WIDTH
from argmap.gui.items import StatementItem
from argmap.roles import Role

__all__ = ["InlineEditor", "placeholder_for"]

PLACEHOLDERS = {
    Role.MAIN_CLAIM: "Type the claim you want to examine",
    Role.REASON: "Type a reason for it",
    Role.OBJECTION: "Type an objection to it",
    Role.REBUTTAL: "Type a rebuttal of the objection",
}


def placeholder_for(role: Role) -> str:
    """What an empty card being typed into says it is waiting for."""
    return PLACEHOLDERS.get(role, "Type the statement")


class _TextItem(QGraphicsTextItem):
    def __init__(self, editor: InlineEditor) -> None:
        super().__init__()
        self.editor = editor

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.editor.commit()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.editor.cancel()
            return
        super().keyPressEvent(event)
        event.accept()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.editor.commit()


class InlineEditor(QObject):
    """One editor at a time, over the card being edited."""

    committed = Signal(str, str)  # statement id, new text
    cancelled = Signal(str)  # statement id: Escape, nothing kept
    finished = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.statement_id: str | None = None
        self._text: _TextItem | None = None
        self._backdrop: QGraphicsRectItem | None = None
        self._hint: QGraphicsSimpleTextItem | None = None  # shown while nothing is typed
        self._card: StatementItem | None = None  # the card being edited, the editor's parent
        self._card_z = 1.0
        self._original = ""

    def is_open(self) -> bool:
        return self._text is not None

    def text_item(self) -> QGraphicsTextItem | None:
        return self._text

    def open(self, item: StatementItem, text: str) -> None:
        """Edit over the card, as its child: when a layout moves the card, the editor goes along.

        Opened again on the card being edited, the editor stays as it is; opened
        on another card, what was typed in the first is kept first.
        """
        if self._text is not None and self._card is item and self.statement_id == item.statement_id:
            return
        self.commit()
        self.statement_id = item.statement_id
        self._original = text
        self._card, self._card_z = item, item.zValue()
        item.setZValue(5)  # above the cards around it while it is edited
        width, height = item.card.width, item.card.height
        self._backdrop = QGraphicsRectItem(item)
        self._backdrop.setBrush(QColor("#ffffff"))
        self._backdrop.setPen(QColor("#1a73e8"))
        editor = _TextItem(self)
        font = QFont(item.theme.font_family)
        font.setPixelSize(round(item.theme.font_size))
        editor.setFont(font)
        editor.setPlainText(text)
        editor.setTextWidth(max(width, TEXT_WIDTH + 2 * item.theme.card_padding))
        option = editor.document().defaultTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        editor.document().setDefaultTextOption(option)
        editor.setTextInteractionFlags(Qt.TextInteractionFlag.TextEditorInteraction)
        editor.setParentItem(item)
        editor.setPos(-width / 2, -height / 2)
        self._text = editor
        self._hint = QGraphicsSimpleTextItem(placeholder_for(item.role), item)
        self._hint.setFont(font)
        self._hint.setBrush(QColor("#8a8a8a"))
        self._hint.setPos(editor.pos() + QPointF(4, 4))  # where the text cursor stands
        self._hint.setVisible(not text)
        self._fit_backdrop()
        editor.document().contentsChanged.connect(self._fit_backdrop)
        self._take_keyboard(item)
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
        cursor = editor.textCursor()
        cursor.select(cursor.SelectionType.Document)
        editor.setTextCursor(cursor)

    def pending(self) -> tuple[str, str] | None:
        """The statement being typed into and its new text, while it differs from the map's."""
        if self._text is None or self.statement_id is None:
            return None
        text = self._text.toPlainText()
        return None if text == self._original else (self.statement_id, text)

    def placeholder(self) -> str | None:
        """The hint shown in the empty editor, or None when something is typed."""
        hint = self._hint
        return hint.text() if hint is not None and hint.isVisible() else None

    def _fit_backdrop(self) -> None:
        if self._hint is not None and self._text is not None:
            self._hint.setVisible(self._text.document().isEmpty())
        if self._backdrop is not None and self._text is not None:
            self._backdrop.setRect(
                self._text.mapRectToParent(self._text.boundingRect()).adjusted(-2, -2, 2, 2)
            )

    def commit(self) -> None:
        if self._text is None:
            return
        statement_id, text = self.statement_id, self._text.toPlainText()
        self.close()
        if statement_id is not None and text != self._original:
            self.committed.emit(statement_id, text)

    def cancel(self) -> None:
        statement_id = self.statement_id
        self.close()
        if statement_id is not None:
            self.cancelled.emit(statement_id)

    def forget(self, statement_id: str) -> None:
        """The statement being edited is gone (deleted, its addition undone): nothing to keep.

        A card loses its editor before it goes when the editor has the keyboard;
        with a menu holding the keyboard, the editor is closed here, after.
        """
        if statement_id == self.statement_id and self._text is not None:
            self.close()

    @staticmethod
    def _take_keyboard(item: StatementItem) -> None:
        """The canvas gets the keyboard, wherever it was (an inspector field, the outline)."""
        scene = item.scene()
        for view in scene.views() if scene is not None else []:
            if view.isVisible():
                view.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    def close(self) -> None:
        text, backdrop, card, hint = self._text, self._backdrop, self._card, self._hint
        self._text = self._backdrop = self._card = self._hint = None
        if card is not None and isValid(card):
            card.setZValue(self._card_z)
        for item in (text, backdrop, hint):
            if item is not None and isValid(item) and item.scene() is not None:
                item.scene().removeItem(item)  # the scene may already be gone with its map
        if text is not None:
            self.finished.emit()
