"""Turning a source's passage into a statement, and giving a source its text.

Each gesture is one undo step. A passage becomes a statement whose text and
quote are the passage (its white space made single spaces), citing the
source, its speaker the source's author (the user corrects it in the
inspector when the author reports someone else's words). Dropped on a card,
the new statement is a reason for it, or an objection to it when Shift is
held as it is dropped (as Shift makes a connection an attack); dropped on
the empty canvas, it is a new claim where it was dropped.
"""

from __future__ import annotations

import contextlib
import json
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QMimeData, QObject, QPointF, Qt, Signal

from argmap.gui.commands import AddElementsCommand, SetSourcesCommand
from argmap.gui.gestures import statement_at
from argmap.model import Attribution, Position, Relation, RelationKind, Source, Statement

if TYPE_CHECKING:
    from PySide6.QtWidgets import QGraphicsView

    from argmap.gui.editing import MapEditor
    from argmap.gui.items import StatementItem
    from argmap.sourcetext.extract import ExtractedText

__all__ = ["PASSAGE_MIME", "PassageDrops", "QuoteGestures", "passage_from_mime", "passage_mime"]

PASSAGE_MIME = "application/x-argmap-passage"


def passage_mime(source_id: str, start: int, end: int, text: str) -> QMimeData:
    """What a dragged passage carries: the plain text, and which source and where."""
    data = QMimeData()
    data.setText(text)
    where = json.dumps({"source": source_id, "start": start, "end": end})
    data.setData(PASSAGE_MIME, QByteArray(where.encode("utf-8")))
    return data


def passage_from_mime(data: QMimeData | None) -> tuple[str, int, int] | None:
    """``(source id, start, end)`` of a dragged passage, or None for anything else."""
    if data is None or not data.hasFormat(PASSAGE_MIME):
        return None
    try:
        where = json.loads(bytes(data.data(PASSAGE_MIME).data()).decode("utf-8"))
        return str(where["source"]), int(where["start"]), int(where["end"])
    except (ValueError, KeyError, TypeError):
        return None


class QuoteGestures:
    """The editor's gestures between a source's text and the map."""

    def __init__(self, editor: MapEditor) -> None:
        self.editor = editor

    def quote(
        self,
        source_id: str,
        start: int,
        end: int,
        *,
        target: str | None = None,
        kind: RelationKind = RelationKind.SUPPORT,
        point: QPointF | None = None,
    ) -> str | None:
        """A new statement quoting ``text[start:end]`` of a source; its id (None: nothing to quote).

        With ``target`` it argues for (or, as an attack, against) that
        statement; with ``point`` it is placed there.
        """
        document = self.editor.document
        source = next((s for s in document.map.sources if s.id == source_id), None)
        if source is None or not source.text:
            return None
        words = " ".join(source.text[max(start, 0) : end].split())
        if not words:
            self.editor.message.emit("Select a passage of the source to quote it.")
            return None
        self.editor.commit_typing()
        statement = Statement(
            id=document.new_id("s"),
            text=words,
            attribution=Attribution(speaker=source.author, source=source_id, quote=words),
        )
        relations = []
        if target is not None and document.has_element(target):
            relations.append(
                Relation(id=document.new_id("r"), kind=kind, premises=[statement.id], target=target)
            )
        positions = {}
        if point is not None and not relations:
            positions[statement.id] = Position(x=round(point.x(), 1), y=round(point.y(), 1))
        label = "Quote as statement"
        if relations:
            label = "Quote as reason" if kind == RelationKind.SUPPORT else "Quote as objection"
        self.editor.undo_stack.push(
            AddElementsCommand(document, [statement], relations, label, positions)
        )
        self.editor._select_and_edit(statement.id, False)
        return statement.id

    def set_text(self, source_id: str, text: str) -> None:
        """Give an existing source its text (or a new text): one undo step."""
        sources = list(self.editor.document.map.sources)
        index = next(i for i, s in enumerate(sources) if s.id == source_id)
        sources[index] = sources[index].model_copy(update={"text": text})
        self.editor.undo_stack.push(
            SetSourcesCommand(self.editor.document, sources, "Set source text")
        )

    def add_with_text(self, extracted: ExtractedText, fallback_title: str) -> str:
        """A new source holding a document's text, titled as the document says; its id."""
        sources = self.editor.document.map.sources
        taken = {s.id for s in sources}
        number = len(taken) + 1
        while f"src-{number}" in taken:
            number += 1
        source = Source(
            id=f"src-{number}",
            title=extracted.title or fallback_title,
            author=extracted.author,
            date=extracted.date,
            url=extracted.url,
            text=extracted.text,
        )
        self.editor.undo_stack.push(
            SetSourcesCommand(self.editor.document, [*sources, source], "Add source text")
        )
        return source.id


class PassageDrops(QObject):
    """Passages dropped on the canvas: on a card (reason, Shift: objection) or anywhere."""

    dropped = Signal(str, int, int, object, bool, object)  # source, start, end, card, attack, point

    def __init__(self, view: QGraphicsView) -> None:
        super().__init__(view)
        self.view = view
        self._candidate: StatementItem | None = None
        view.viewport().setAcceptDrops(True)
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            if kind == QEvent.Type.DragLeave:
                self._mark(None)
            return False
        passage = passage_from_mime(event.mimeData())  # type: ignore[attr-defined]
        if passage is None:
            return False
        position = event.position().toPoint()  # type: ignore[attr-defined]
        point = self.view.mapToScene(position.x(), position.y())
        card = statement_at(self.view.scene(), point)
        if kind == QEvent.Type.Drop:
            self._mark(None)
            attack = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)  # type: ignore[attr-defined]
            card_id = card.statement_id if card is not None else None
            self.dropped.emit(*passage, card_id, attack, point)
        else:
            self._mark(card)
        event.setDropAction(Qt.DropAction.CopyAction)  # type: ignore[attr-defined]
        event.accept()
        return True

    def _mark(self, card: StatementItem | None) -> None:
        """Show which card the passage would argue about, as dragging a card does."""
        if card is self._candidate:
            return
        if self._candidate is not None:
            with contextlib.suppress(RuntimeError):  # its card was deleted meanwhile
                self._candidate.set_drop_target(False)
        if card is not None:
            card.set_drop_target(True)
        self._candidate = card
