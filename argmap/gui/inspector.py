"""The inspector dock: every field of the selected statement or relation, each edit undoable."""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QEvent, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QStackedWidget,
    QWidget,
)

from argmap.gui.document import MapDocument
from argmap.gui.evaluation_fields import EvaluationFields
from argmap.gui.form_fields import (
    EscapeReverts,
    OnFocus,
    SourceBox,
    TextField,
    edited_attribution,
    fill,
    form_layout,
    line_text,
    text_of,
)
from argmap.gui.map_command import command_running
from argmap.gui.narrow_label import NarrowLabel
from argmap.gui.panel_keys import keep_editing_keys
from argmap.gui.premises_editor import PremisesEditor
from argmap.gui.quote_badge import QuoteBadge
from argmap.model import Acceptance, Attribution, Relation, RelationKind, Statement, clean_text

__all__ = ["Inspector"]

# The fields typed into that edit a part of an attribution (the others: a field each).
_ATTRIBUTION_PARTS = {"speaker", "quote", "date"}


class Inspector(QStackedWidget):
    statementEdited = Signal(str, dict)  # statement id, fields
    relationEdited = Signal(str, dict)
    newSourceRequested = Signal()  # "New source…" picked: the window adds one and selects it

    NEW_SOURCE = "\x00new"  # item data of the "New source…" entry

    def __init__(self, document: MapDocument) -> None:
        super().__init__()
        self.document = document
        self.statement_id: str | None = None
        self.relation_id: str | None = None
        self._loading = False
        self._committing = False  # the form's typing is being kept: the map is changing to it
        # The form's fields as shown, before the user typed anything: a field counts as
        # changed only when it differs from this, never because the map stores a value
        # the form would write differently (a title ending in a space, an empty note).
        self._shown: dict[str, str | None] = {}
        hint = QLabel("Select a statement or a relation to see its details.")
        hint.setWordWrap(True)  # a label that does not wrap would set the dock's least width
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.addWidget(hint)
        self.addWidget(self._statement_form())
        self.addWidget(self._relation_form())
        keep_editing_keys(self)  # Delete in a list or a box deletes nothing on the map
        for signal in (document.statementChanged, document.relationChanged):
            signal.connect(self._refresh_if_shown)
        document.sourcesChanged.connect(self._refresh_sources)
        document.sourcesChanged.connect(self._check_quote)  # a source got (or lost) its text
        document.mapReset.connect(self._clear)
        for signal in (document.statementRemoved, document.relationRemoved):
            signal.connect(self._forget_if_shown)

    # -- forms -------------------------------------------------------------

    def _statement_form(self) -> QWidget:
        page = QWidget()
        form = form_layout(page)
        self.title_edit = QLineEdit()
        self.text_edit = QPlainTextEdit()
        self.text_edit.setTabChangesFocus(True)
        self.speaker_edit = QLineEdit()
        self.speakers = QStringListModel(self)  # every speaker in the map, for completion
        self.speaker_completer = QCompleter(self.speakers, self)
        self.speaker_edit.setCompleter(self.speaker_completer)
        # The map's speakers are gathered when a speaker field is entered, not each time a
        # statement is shown: on a 10,000-statement map that walk costs 10 ms per selection.
        self._speakers_filter = OnFocus(self._refresh_speakers, QEvent.Type.FocusIn)
        self.speaker_edit.installEventFilter(self._speakers_filter)
        self.source_box = SourceBox()
        self.quote_edit = QPlainTextEdit()
        self.quote_edit.setTabChangesFocus(True)
        self.quote_badge = QuoteBadge()  # ✓ or ⚠: is the quote in its source's text?
        self.date_edit = QLineEdit()
        self.tags_edit = QLineEdit()
        self.tags_edit.setPlaceholderText("comma, separated")
        self.acceptance_box = QComboBox()
        self.acceptance_box.addItems([a.value for a in Acceptance])
        self.note_edit = QPlainTextEdit()
        self.note_edit.setTabChangesFocus(True)
        for label, widget in (
            ("&Title", self.title_edit),
            ("Te&xt", self.text_edit),
            ("&Speaker", self.speaker_edit),
            ("Sou&rce", self.source_box),
            ("&Quote", self.quote_edit),
            ("", self.quote_badge),
            ("&Date", self.date_edit),
            ("Ta&gs", self.tags_edit),
            ("&Acceptance", self.acceptance_box),
            ("&Note", self.note_edit),
        ):
            form.addRow(label, widget)
        for line in (self.title_edit, self.speaker_edit, self.date_edit, self.tags_edit):
            line.editingFinished.connect(self._commit_statement)
        self._filters = [OnFocus(self._commit_statement) for _ in range(3)]
        for box, event_filter in zip(
            (self.text_edit, self.quote_edit, self.note_edit), self._filters, strict=True
        ):
            box.installEventFilter(event_filter)
        self.source_box.activated.connect(lambda _: self._source_picked(self.source_box))
        self.acceptance_box.activated.connect(lambda _: self._commit_statement())
        self.statement_evaluation = EvaluationFields(self, relation=False)
        form.addRow(self.statement_evaluation)
        self._statement_texts: dict[str, TextField] = {
            "title": self.title_edit,
            "text": self.text_edit,
            "speaker": self.speaker_edit,
            "quote": self.quote_edit,
            "date": self.date_edit,
            "tags": self.tags_edit,
            "note": self.note_edit,
        }
        self._escapes = [self._reverted_by_escape(n, f) for n, f in self._statement_texts.items()]
        return page

    def _relation_form(self) -> QWidget:
        page = QWidget()
        form = form_layout(page)
        self.kind_box = QComboBox()
        self.kind_box.addItems([k.value for k in RelationKind])
        self.premises_editor = PremisesEditor(self._premise_candidates)
        self.premises_editor.premisesChanged.connect(self._premises_changed)
        self.target_label = NarrowLabel()  # as wide as the dock, whatever the target's title
        self.relation_speaker_edit = QLineEdit()
        self.relation_speaker_edit.setCompleter(self.speaker_completer)
        self.relation_speaker_edit.installEventFilter(self._speakers_filter)
        self.relation_source_box = SourceBox()
        self.relation_quote_edit = QPlainTextEdit()
        self.relation_quote_edit.setTabChangesFocus(True)
        self.relation_quote_badge = QuoteBadge()
        self.relation_date_edit = QLineEdit()
        form.addRow("&Kind", self.kind_box)
        form.addRow("Premises", self.premises_editor)
        form.addRow("Target", self.target_label)
        form.addRow("&Speaker", self.relation_speaker_edit)
        form.addRow("Sou&rce", self.relation_source_box)
        form.addRow("&Quote", self.relation_quote_edit)
        form.addRow("", self.relation_quote_badge)
        form.addRow("&Date", self.relation_date_edit)
        self.kind_box.activated.connect(lambda _: self._commit_relation())
        self.relation_source_box.activated.connect(
            lambda _: self._source_picked(self.relation_source_box)
        )
        for line in (self.relation_speaker_edit, self.relation_date_edit):
            line.editingFinished.connect(self._commit_relation)
        self._relation_filter = OnFocus(self._commit_relation)
        self.relation_quote_edit.installEventFilter(self._relation_filter)
        self.relation_evaluation = EvaluationFields(self, relation=True)
        form.addRow(self.relation_evaluation)
        self._relation_texts: dict[str, TextField] = {
            "speaker": self.relation_speaker_edit,
            "quote": self.relation_quote_edit,
            "date": self.relation_date_edit,
        }
        self._escapes += [self._reverted_by_escape(n, f) for n, f in self._relation_texts.items()]
        return page

    def _reverted_by_escape(self, name: str, field: TextField) -> EscapeReverts:
        """Escape in the field drops what was typed there: the map's text comes back."""
        return EscapeReverts(field, lambda: self._shown.get(name) or "")

    # -- showing -----------------------------------------------------------
    #
    # What is typed into a field is kept before the form shows anything else, as its
    # own undo step; while the element shown changes in the map (an undo, an edit
    # made elsewhere), a field typed into keeps what was typed, to be kept later.

    def show_nothing(self) -> None:
        self.commit_pending()
        self._clear()

    def _clear(self) -> None:
        self.statement_id = self.relation_id = None
        self.setCurrentIndex(0)

    def commit_pending(self) -> None:
        """Keep what is typed in a field that has not lost focus yet, as one undo step.

        Before a gesture, a save, or the form showing another element; never while a
        command changes the map (an undo): the typing stays, to be kept after it.
        """
        if self._committing or command_running():
            return
        self.relation_evaluation.finish_typing()
        pending, signal = self.pending_statement_changes(), self.statementEdited
        if pending is None:
            pending, signal = self.pending_relation_changes(), self.relationEdited
        if pending is None:
            return
        self._committing = True
        try:
            signal.emit(*pending)
        finally:
            self._committing = False

    def _refresh_speakers(self) -> None:
        self.speakers.setStringList(self.document.map.speakers())

    def pending_statement_changes(self) -> tuple[str, dict] | None:
        """The shown statement's fields as typed but not committed yet, if any differ."""
        if self._loading or self.statement_id is None:
            return None
        if not self.document.has_element(self.statement_id):
            return None
        changed = self._statement_changes(self.source_box.currentData() or None)
        changed.update(self.statement_evaluation.pending())
        return (self.statement_id, changed) if changed else None

    def pending_relation_changes(self) -> tuple[str, dict] | None:
        """The shown arrow's fields as typed but not committed yet, if any differ."""
        if self._loading or self.relation_id is None:
            return None
        if not self.document.has_element(self.relation_id):
            return None
        changed = self._relation_changes(self.relation_source_box.currentData() or None)
        changed.update(self.relation_evaluation.pending())
        return (self.relation_id, changed) if changed else None

    def _still_typed(self) -> set[str]:
        """The fields typed into whose text the map does not hold yet."""
        if self._committing:
            return set()  # the map is taking what they hold
        pending = self.pending_statement_changes() or self.pending_relation_changes()
        if pending is None:
            return set()
        changed = pending[1]
        fields = self._relation_texts if self.relation_id else self._statement_texts
        typed = {name for name, field in fields.items() if text_of(field) != self._shown.get(name)}
        names = {
            name
            for name in typed
            if ("attribution" if name in _ATTRIBUTION_PARTS else name) in changed
        }
        return names | ({"weight"} & set(changed))

    def _forget_if_shown(self, element_id: str) -> None:
        """What the inspector shows was deleted (or its addition undone)."""
        if element_id in (self.statement_id, self.relation_id):
            self._clear()

    def show_statement(self, statement_id: str) -> None:
        self.commit_pending()
        self._load_statement(statement_id)

    def _load_statement(self, statement_id: str, keep: Collection[str] = ()) -> None:
        """Fill the form with a statement's fields, but those in ``keep`` (typed into)."""
        if not self.document.has_element(statement_id):
            self._clear()
            return
        self.statement_id, self.relation_id = statement_id, None
        self._loading = True
        statement = self.document.statement(statement_id)
        attribution = statement.attribution or Attribution()
        stored = {
            "title": statement.title or "",
            "text": statement.text,
            "speaker": attribution.speaker or "",
            "quote": attribution.quote or "",
            "date": attribution.date or "",
            "tags": ", ".join(statement.tags),
            "note": statement.note or "",
        }
        fill(self._statement_texts, stored, keep)
        self._refresh_sources()
        self.quote_badge.show_check(self.document.map, statement.attribution)
        self.acceptance_box.setCurrentText(Acceptance(statement.acceptance).value)
        self.statement_evaluation.show_element(statement_id)
        self._shown_as(stored, keep)
        self._loading = False
        self.setCurrentIndex(1)

    def _shown_as(self, stored: dict[str, str], keep: Collection[str]) -> None:
        """What the form shows before anything is typed (a field typed into: the map's)."""
        self._shown = {
            **self._typed(),
            **{name: stored[name] for name in keep if name in stored},
            "source": self._shown_source(),
        }

    def _check_quote(self) -> None:
        if self.statement_id is not None and self.document.has_element(self.statement_id):
            attribution = self.document.statement(self.statement_id).attribution
            self.quote_badge.show_check(self.document.map, attribution)
        elif self.relation_id is not None and self.document.has_element(self.relation_id):
            attribution = self.document.relation(self.relation_id).attribution
            self.relation_quote_badge.show_check(self.document.map, attribution)

    def show_relation(self, relation_id: str) -> None:
        self.commit_pending()
        self._load_relation(relation_id)

    def _load_relation(self, relation_id: str, keep: Collection[str] = ()) -> None:
        """Fill the form with an arrow's fields, but those in ``keep`` (typed into)."""
        if not self.document.has_element(relation_id):
            self._clear()
            return
        self.statement_id, self.relation_id = None, relation_id
        self._loading = True
        relation = self.document.relation(relation_id)
        self.kind_box.setCurrentText(RelationKind(relation.kind).value)
        describe = self._describe
        self.premises_editor.show_premises(relation.premises, describe)
        self.target_label.setText(describe(relation.target))
        attribution = relation.attribution or Attribution()
        stored = {
            "speaker": attribution.speaker or "",
            "quote": attribution.quote or "",
            "date": attribution.date or "",
        }
        fill(self._relation_texts, stored, keep)
        self.relation_quote_badge.show_check(self.document.map, relation.attribution)
        self._refresh_sources()
        self.relation_evaluation.show_element(relation_id, keep_weight="weight" in keep)
        self._shown_as(stored, keep)
        self._loading = False
        self.setCurrentIndex(2)

    def _premise_candidates(self) -> list[tuple[str, str]]:
        """Statements that may join the shown relation as co-premises (not its target)."""
        if self.relation_id is None or not self.document.has_element(self.relation_id):
            return []
        relation = self.document.relation(self.relation_id)
        taken = {*relation.premises, relation.target}
        return [
            (s.id, self._describe(s.id)) for s in self.document.map.statements if s.id not in taken
        ]

    def _premises_changed(self, premises: list) -> None:
        if self.relation_id is not None:
            self.relationEdited.emit(self.relation_id, {"premises": premises})

    def _describe(self, element_id: str) -> str:
        try:
            statement = self.document.statement(element_id)
            return statement.title or statement.text[:80]
        except KeyError:
            return f"the inference {element_id}"

    def _refresh_if_shown(self, element_id: str) -> None:
        """The element shown changed in the map: shown as it is now, but what is typed.

        Nothing is committed here: the map is in the middle of a change.
        """
        if element_id == self.statement_id:
            self._load_statement(element_id, self._still_typed())
        elif element_id == self.relation_id:
            self._load_relation(element_id, self._still_typed())

    def _refresh_sources(self) -> None:
        loading, self._loading = self._loading, True
        current = None
        element: Statement | Relation | None
        if self.statement_id:
            element = self.document.statement(self.statement_id)
        elif self.relation_id:
            element = self.document.relation(self.relation_id)
        else:
            element = None
        if element is not None and element.attribution is not None:
            current = element.attribution.source
        for box in (self.source_box, self.relation_source_box):
            box.clear()
            box.addItem("(none)", "")
            for source in self.document.map.sources:
                box.addItem(source.title, source.id)
            box.addItem("New source…", self.NEW_SOURCE)
            box.setCurrentIndex(max(box.findData(current or ""), 0))
        self._shown["source"] = self._shown_source()
        self._loading = loading

    def _source_picked(self, box: SourceBox) -> None:
        if box.currentData() == self.NEW_SOURCE and not box.step_off_last():
            self.newSourceRequested.emit()  # the window adds it, cites it, calls show_source()
            return
        if box is self.relation_source_box:
            self._commit_relation()
        else:
            self._commit_statement()

    def changes_citing(self, source_id: str) -> tuple[str, bool, dict] | None:
        """What committing the form would change, with ``source_id`` as its source.

        ``(element id, is a relation, changed fields)``, or None when nothing is
        shown. Used by "New source…", which adds the source and cites it in one step.
        """
        if self.relation_id is not None:
            return self.relation_id, True, self._relation_changes(source_id)
        if self.statement_id is not None:
            return self.statement_id, False, self._statement_changes(source_id)
        return None

    def show_source(self, source_id: str) -> None:
        """Show ``source_id`` as the cited source (after the map was changed to cite it)."""
        self._refresh_sources()
        box = self.relation_source_box if self.relation_id else self.source_box
        loading, self._loading = self._loading, True
        box.setCurrentIndex(max(box.findData(source_id), 0))
        self._shown["source"] = self._shown_source()
        self._loading = loading

    # -- committing --------------------------------------------------------

    def _commit_statement(self) -> None:
        if self._loading or self.statement_id is None or command_running():
            return
        changed = self._statement_changes(self.source_box.currentData() or None)
        if changed:
            self.statementEdited.emit(self.statement_id, changed)

    def _statement_changes(self, source: str | None) -> dict:
        """The fields the user changed in the form, as they would be stored."""
        assert self.statement_id is not None
        typed = self._typed()
        edited = {name for name, value in typed.items() if value != self._shown.get(name)}
        statement = self.document.statement(self.statement_id)
        readers = {
            "title": lambda text: line_text(text) or None,
            "text": clean_text,
            "tags": _tags,
            "acceptance": Acceptance,
            "note": lambda text: clean_text(text) or None,
        }
        fields: dict[str, object] = {
            name: read(typed[name]) for name, read in readers.items() if name in edited
        }
        fields["attribution"] = edited_attribution(
            statement.attribution, typed, edited, source, self._shown.get("source")
        )
        return {k: v for k, v in fields.items() if getattr(statement, k) != v}

    def _typed(self) -> dict[str, str]:
        """What the shown form's fields hold now, as typed (a source is picked, not typed)."""
        if self.relation_id is not None:
            texts = {name: text_of(field) for name, field in self._relation_texts.items()}
            return {"kind": self.kind_box.currentText(), **texts}
        texts = {name: text_of(field) for name, field in self._statement_texts.items()}
        return {**texts, "acceptance": self.acceptance_box.currentText()}

    def _shown_source(self) -> str | None:
        box = self.relation_source_box if self.relation_id else self.source_box
        return box.currentData() or None

    def _commit_relation(self) -> None:
        if self._loading or self.relation_id is None or command_running():
            return
        changed = self._relation_changes(self.relation_source_box.currentData() or None)
        if changed:
            self.relationEdited.emit(self.relation_id, changed)

    def _relation_changes(self, source: str | None) -> dict:
        assert self.relation_id is not None
        relation = self.document.relation(self.relation_id)
        typed = self._typed()
        edited = {name for name, value in typed.items() if value != self._shown.get(name)}
        fields: dict = {
            "attribution": edited_attribution(
                relation.attribution, typed, edited, source, self._shown.get("source")
            )
        }
        if "kind" in edited:
            fields["kind"] = RelationKind(typed["kind"])
        return {k: v for k, v in fields.items() if getattr(relation, k) != v}


def _tags(text: str) -> list[str]:
    """Tags as typed, comma-separated: each once, in the order first typed."""
    return list(dict.fromkeys(t.strip() for t in clean_text(text).split(",") if t.strip()))
