"""Gestures on the map's sources: add one, cite a new one, edit a field, remove one.

Part of the editor (:class:`~argmap.gui.editing.MapEditor` owns one, as
``editor.sources``), so that these gestures too are each one undo step,
assembled in the same way as every other edit.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from pydantic import ValidationError

from argmap.gui.commands import EditRelationCommand, EditStatementCommand, SetSourcesCommand
from argmap.model import Attribution, Relation, Source, Statement

if TYPE_CHECKING:
    from argmap.gui.editing import MapEditor

__all__ = ["SourceGestures"]


class SourceGestures:
    """The editor's gestures on sources."""

    def __init__(self, editor: MapEditor) -> None:
        self.editor = editor

    def citations(self, source_id: str) -> list[str]:
        """The statements and relations that cite a source, in the map's order."""
        argument_map = self.editor.document.map
        elements: list[Statement | Relation] = [*argument_map.statements, *argument_map.relations]
        return [
            element.id
            for element in elements
            if element.attribution is not None and element.attribution.source == source_id
        ]

    def citation_counts(self) -> Counter[str]:
        """How many statements and relations cite each source: one pass for all of them.

        The Sources panel shows these after every edit; asking
        :meth:`citations` source by source walked a big map once per source.
        """
        argument_map = self.editor.document.map
        elements: list[Statement | Relation] = [*argument_map.statements, *argument_map.relations]
        return Counter(
            element.attribution.source
            for element in elements
            if element.attribution is not None and element.attribution.source is not None
        )

    def add(self, title: str = "New source") -> str:
        """A new source at the end of the list; its id."""
        taken = {s.id for s in self.editor.document.map.sources}
        number = len(taken) + 1
        while f"src-{number}" in taken:
            number += 1
        source = Source(id=f"src-{number}", title=title)
        self.editor.undo_stack.push(
            SetSourcesCommand(
                self.editor.document, [*self.editor.document.map.sources, source], "Add source"
            )
        )
        return source.id

    def add_and_cite(self, changes: Callable[[str], tuple[str, bool, dict] | None]) -> str:
        """A new source, and the change that cites it: one undo step.

        ``changes(source_id)`` says which statement or relation cites it and
        with what fields (the inspector's form, as it would be committed).
        """
        with self.editor.gesture("Add and cite source"):
            source_id = self.add()
            citing = changes(source_id)
            if citing is not None:
                element_id, is_relation, fields = citing
                if is_relation:
                    self.editor.set_relation_fields(element_id, "Cite source", **fields)
                else:
                    self.editor.set_fields(element_id, **fields)
        return source_id

    def set_field(self, source_id: str, name: str, value: str | None) -> str | None:
        """Change one field of a source; None, or why it was refused."""
        sources = list(self.editor.document.map.sources)
        index = next((i for i, s in enumerate(sources) if s.id == source_id), None)
        if index is None:
            return "no such source"
        try:
            changed = Source.model_validate(
                {**sources[index].model_dump(exclude_none=True), name: value}
            )
        except ValidationError as error:
            return str(error.errors()[0]["msg"])
        if changed != sources[index]:
            sources[index] = changed
            self.editor.undo_stack.push(
                SetSourcesCommand(self.editor.document, sources, f"Edit source {name}")
            )
        return None

    def remove(self, source_id: str) -> None:
        """Remove a source and every citation of it: one undo step."""
        source = next(s for s in self.editor.document.map.sources if s.id == source_id)
        with self.editor.gesture(f"Remove source “{source.title}”"):
            argument_map = self.editor.document.map
            elements: list[Statement | Relation] = [
                *argument_map.statements,
                *argument_map.relations,
            ]
            for element in elements:
                attribution = element.attribution
                if attribution is None or attribution.source != source_id:
                    continue
                uncited: Attribution | None = attribution.model_copy(update={"source": None})
                if uncited is not None and uncited.is_empty():
                    uncited = None  # nothing else was attributed: no empty attribution in the file
                if isinstance(element, Statement):
                    self.editor.undo_stack.push(
                        EditStatementCommand(
                            self.editor.document, element.id, {"attribution": uncited}
                        )
                    )
                else:
                    self.editor.undo_stack.push(
                        EditRelationCommand(
                            self.editor.document, element.id, {"attribution": uncited}, "Uncite"
                        )
                    )
            kept = [s for s in self.editor.document.map.sources if s.id != source_id]
            self.editor.undo_stack.push(
                SetSourcesCommand(self.editor.document, kept, "Remove source")
            )
