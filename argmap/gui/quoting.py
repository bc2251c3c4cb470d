"""Turning a source's passage into a statement, and giving a source its text.

Each gesture is one undo step. A passage becomes a statement whose text and
quote are the passage (its white space made single spaces), citing the
source, its speaker the source's author (the user corrects it in the
inspector when the author reports someone else's words). Dropped on a card,
the new statement is a reason for it, or an objection to it when Shift is
held as it is dropped (as Shift makes a connection an attack); dropped on
the empty canvas, it is a new claim where it was dropped.

A dragged passage names the map it came from (:attr:`MapDocument.origin`),
its words and a fingerprint of its source's whole text, so that a drop into
another window, or another argmap, never quotes the words at the same place
of a different source that happens to share the id. There it quotes a
source of the target map only if that source holds the very same text;
otherwise the passage's words become a statement citing no source.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QMimeData, QObject, QPointF, Qt, Signal

from argmap.gui.commands import AddElementsCommand, SetSourcesCommand
from argmap.gui.gestures import statement_at
from argmap.model import Attribution, Position, Relation, RelationKind, Source, Statement
from argmap.sourcetext.quotes import passage_quote, whole_words

if TYPE_CHECKING:
    from PySide6.QtWidgets import QGraphicsView

    from argmap.gui.editing import MapEditor
    from argmap.gui.items import StatementItem
    from argmap.sourcetext.extract import ExtractedText

__all__ = [
    "PASSAGE_MIME",
    "Passage",
    "PassageDrops",
    "QuoteGestures",
    "passage_from_mime",
    "passage_mime",
    "text_fingerprint",
]

PASSAGE_MIME = "application/x-argmap-passage"


@dataclass(frozen=True)
class Passage:
    """A passage dragged out of a source's text, and where it came from."""

    source: str  # the source's id in the map it came from
    start: int
    end: int
    text: str  # the passage as it stands in the source's text
    origin: str | None = None  # the map it came from (None: unknown)
    fingerprint: str | None = None  # of the source's whole text (None: unknown)


def text_fingerprint(text: str) -> str:
    """Tells two source texts apart: equal only for the very same text."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def passage_mime(
    origin: str | None, source_id: str, source_text: str, start: int, end: int
) -> QMimeData:
    """What a dragged passage carries: its plain text, and which map, source and place."""
    text = source_text[start:end]
    data = QMimeData()
    data.setText(text)
    where = {
        "origin": origin,
        "source": source_id,
        "start": start,
        "end": end,
        "text": text,
        "fingerprint": text_fingerprint(source_text),
    }
    data.setData(PASSAGE_MIME, QByteArray(json.dumps(where).encode("ascii")))
    return data


def passage_from_mime(data: QMimeData | None) -> Passage | None:
    """The dragged passage, or None for anything else.

    A passage whose place cannot be read (an older or another program's) keeps
    its words: it is dropped as text, citing nothing.
    """
    if data is None or not data.hasFormat(PASSAGE_MIME):
        return None
    words = data.text() if data.hasText() else ""
    try:
        where = json.loads(bytes(data.data(PASSAGE_MIME).data()).decode("utf-8"))
        origin, fingerprint = where.get("origin"), where.get("fingerprint")
        return Passage(
            source=str(where["source"]),
            start=int(where["start"]),
            end=int(where["end"]),
            text=str(where.get("text", words)),
            origin=str(origin) if origin is not None else None,
            fingerprint=str(fingerprint) if fingerprint is not None else None,
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        return Passage(source="", start=0, end=0, text=words) if words.strip() else None


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
        words = passage_quote(source.text, *whole_words(source.text, start, end))
        if not words:
            self.editor.message.emit("Select a passage of the source to quote it.")
            return None
        attribution = Attribution(speaker=source.author, source=source_id, quote=words)
        return self._add(words, attribution, target, kind, point)

    def drop(
        self,
        passage: Passage,
        *,
        target: str | None = None,
        kind: RelationKind = RelationKind.SUPPORT,
        point: QPointF | None = None,
    ) -> str | None:
        """A dragged passage dropped on the map, as :meth:`quote` places it; the new id.

        It quotes its source when this map has it (see :meth:`source_of`);
        otherwise its words become a statement citing no source, and the
        status bar says why.
        """
        source = self.source_of(passage)
        if source is not None:
            return self.quote(
                source.id, passage.start, passage.end, target=target, kind=kind, point=point
            )
        words = " ".join(passage.text.split())
        if not words:
            return None
        self.editor.message.emit(
            "The passage comes from a source this map does not have: "
            "its words were added without a quote."
        )
        return self._add(words, None, target, kind, point)

    def source_of(self, passage: Passage) -> Source | None:
        """The source of this map the passage was taken from, or None.

        Dragged out of this map, it is the source of that id; from another map,
        a source holding the very same text (the same id preferred). Either way
        the words at the passage's place must be the passage's own.
        """
        document = self.editor.document
        holding = [
            s
            for s in document.map.sources
            if s.text and s.text[max(passage.start, 0) : passage.end] == passage.text
        ]
        if passage.origin is not None and passage.origin == document.origin:
            return next((s for s in holding if s.id == passage.source), None)
        if passage.fingerprint is None:
            return None
        same = [s for s in holding if s.text and text_fingerprint(s.text) == passage.fingerprint]
        return next((s for s in same if s.id == passage.source), same[0] if same else None)

    def _add(
        self,
        words: str,
        attribution: Attribution | None,
        target: str | None,
        kind: RelationKind,
        point: QPointF | None,
    ) -> str:
        """A new statement of ``words``, arguing about ``target`` or placed at ``point``."""
        document = self.editor.document
        self.editor.commit_typing()
        statement = Statement(id=document.new_id("s"), text=words, attribution=attribution)
        relations = []
        if target is not None and document.has_element(target):
            relations.append(
                Relation(id=document.new_id("r"), kind=kind, premises=[statement.id], target=target)
            )
        positions = {}
        if point is not None and not relations:
            positions[statement.id] = Position(x=round(point.x(), 1), y=round(point.y(), 1))
        role = "statement"
        if relations:
            role = "reason" if kind == RelationKind.SUPPORT else "objection"
        label = f"Quote as {role}" if attribution is not None else f"Add {role}"
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

    dropped = Signal(object, object, bool, object)  # Passage, card (or None), attack, point

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
            self.dropped.emit(passage, card_id, attack, point)
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
