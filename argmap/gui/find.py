"""Find: highlight statements whose text, title, speaker, quote or tags match (or whose
arrow's speaker or quote does), and step through them."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from argmap.gui.document import MapDocument
from argmap.gui.scene import MapScene
from argmap.model import Relation, Statement

__all__ = ["FindBar", "argued_by_match", "matches"]


def matches(statement: Statement, needle: str) -> bool:
    """Case-insensitive match on what a reader sees of a statement and who said it."""
    needle = needle.casefold()
    attribution = statement.attribution
    haystack = [statement.text, statement.title or "", *statement.tags]
    if attribution is not None:
        haystack += [attribution.speaker or "", attribution.quote or ""]
    return any(needle in part.casefold() for part in haystack)


def argued_by_match(relations: Iterable[Relation], needle: str) -> set[str]:
    """The cards whose arrow's speaker or quote matches: each arrow's first premise.

    An arrow's attribution shows in the inspector of its card's argument, so a
    match leads to the card the arrow comes from (as the HTML page's search does).
    """
    needle = needle.casefold()
    found = set()
    for relation in relations:
        attribution = relation.attribution
        if attribution is not None and any(
            needle in (part or "").casefold() for part in (attribution.speaker, attribution.quote)
        ):
            found.add(relation.premises[0])
    return found


class _FindField(QLineEdit):
    """Enter steps forward, Shift+Enter back, Escape closes the bar."""

    step = Signal(int)
    closed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            back = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            self.step.emit(-1 if back else 1)
            return
        if event.key() == Qt.Key.Key_Escape:
            self.closed.emit()
            return
        super().keyPressEvent(event)


class FindBar(QWidget):
    """A bar above the canvas; hidden until Ctrl+F."""

    focusRequested = Signal(str)  # statement id to bring into view

    def __init__(
        self, document: MapDocument, scene: MapScene, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.scene = scene
        self.hits: list[str] = []
        self.current = -1
        # What is being typed elsewhere is kept before a step selects another card: the
        # window sets this (F3 leaves the keyboard where it was).
        self.commit_typing: Callable[[], None] = lambda: None
        self.field = _FindField()
        self.field.setPlaceholderText("Find in text, titles, speakers, quotes, tags…")
        self.field.setClearButtonEnabled(True)
        self.count_label = QLabel()
        close = QToolButton()
        close.setText("✕")
        close.setToolTip("Close (Escape)")
        close.setAutoRaise(True)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 3, 6, 3)
        row.addWidget(QLabel("Find:"))
        row.addWidget(self.field, 1)
        row.addWidget(self.count_label)
        row.addWidget(close)
        self.field.textChanged.connect(self._typed)
        self.field.step.connect(self.step)
        self.field.closed.connect(self.close_bar)
        close.clicked.connect(self.close_bar)
        for signal in (
            document.statementChanged,
            document.statementAdded,
            document.statementRemoved,
            document.mapReset,
        ):
            signal.connect(self._refresh)
        self.hide()

    def open_bar(self) -> None:
        self.show()
        self.field.setFocus()
        self.field.selectAll()
        self.search(self.field.text())

    def close_bar(self) -> None:
        """Escape: clear the highlights and give the keyboard back to the canvas."""
        self._highlight(set())
        self.hits, self.current = [], -1
        self.hide()
        for view in self.scene.views()[:1]:
            view.setFocus()

    def search(self, needle: str) -> None:
        needle = needle.strip()
        argument_map = self.document.map
        by_arrow = argued_by_match(argument_map.relations, needle) if needle else set()
        self.hits = [
            s.id
            for s in argument_map.statements
            if needle and (s.id in by_arrow or matches(s, needle))
        ]
        self.current = -1
        self._highlight(set(self.hits))
        self._show_count()

    def _typed(self, needle: str) -> None:
        """Search as the user types, and bring the first match into view; Enter selects it."""
        self.search(needle)
        if self.hits:
            self.focusRequested.emit(self.hits[0])

    def step(self, delta: int) -> None:
        """Select the next (or previous) match and bring it into view (Enter, F3, Shift+F3)."""
        self.commit_typing()
        if not self.isVisible():
            self.open_bar()
        if not self.hits:
            return
        self.current = (self.current + delta) % len(self.hits)
        statement_id = self.hits[self.current]
        self.scene.select_only([statement_id])
        self.focusRequested.emit(statement_id)
        self._show_count()

    def _refresh(self, *_) -> None:
        """The map changed: the matches again, and Enter still goes on from where it was."""
        if not self.isVisible():
            return
        old, at = self.hits, self.current
        self.search(self.field.text())
        if at < 0 or not self.hits:
            return
        kept = {statement_id: index for index, statement_id in enumerate(self.hits)}
        if old[at] in kept:
            self.current = kept[old[at]]
        else:  # no longer a match: the next step goes to the match that came after it
            before = [statement_id for statement_id in old[:at] if statement_id in kept]
            self.current = kept[before[-1]] if before else -1
        self._show_count()

    def _highlight(self, ids: set[str]) -> None:
        for statement_id, item in self.scene.statement_items.items():
            item.set_highlighted(statement_id in ids)

    def _show_count(self) -> None:
        if not self.field.text().strip():
            self.count_label.setText("")
        elif not self.hits:
            self.count_label.setText("no matches")
        elif self.current < 0:
            self.count_label.setText(f"{len(self.hits)} found")
        else:
            self.count_label.setText(f"{self.current + 1} of {len(self.hits)}")
