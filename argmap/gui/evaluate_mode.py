"""Evaluate mode: every card shows what follows from what the map accepts, as you edit.

When the mode is on, the map is evaluated (:mod:`argmap.evaluation`) after
every change: at once when an undoable edit is done (so the canvas's next
paint already shows the new labels), else after the current event, and at
most once for a series of changes. The scene's ``marks`` are replaced and only
the cards and arrows whose mark changed are repainted. An edit that only
marks statements accepted or rejected (a click on a badge, "Assume Every
Unchallenged Premise", their undo) reuses the map's numbered structure and
reads the acceptances again. The evaluation runs on the GUI thread: it is
linear, and a click on a badge is painted within 50 ms at 10,000 statements
(``bench/evaluate_gui.py``; the evaluation alone, ``bench/evaluation.py``).

Clicking a card's badge cycles its acceptance (undecided, accepted, rejected),
one undoable edit; "Assume Every Unchallenged Premise" accepts, in one
undoable edit, every undecided premise that nothing argues for or against.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence

from argmap.evaluation import Evaluation, evaluate
from argmap.gui.commands import EditStatementCommand
from argmap.gui.evaluation_look import CanvasMarks
from argmap.gui.icons import icon
from argmap.model import Acceptance

if TYPE_CHECKING:
    from argmap.evaluation.structure import Structure
    from argmap.gui.mainwindow import MainWindow
    from argmap.model import ArgumentMap

__all__ = ["NEXT_ACCEPTANCE", "EvaluateMode", "unchallenged_premises"]

NEXT_ACCEPTANCE = {
    Acceptance.UNDECIDED: Acceptance.ACCEPTED,
    Acceptance.ACCEPTED: Acceptance.REJECTED,
    Acceptance.REJECTED: Acceptance.UNDECIDED,
}
# Changes after which the map's structure must be built again (statementChanged may not).
_STRUCTURE_SIGNALS = (
    "statementAdded",
    "statementRemoved",
    "relationAdded",
    "relationRemoved",
    "relationChanged",
    "mapReset",
)


class EvaluateMode(QObject):
    """The Evaluate toggle, its live labels, badge clicks and the one-click assumption."""

    evaluated = Signal()  # a new evaluation is in place (or the mode went off)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.document = window.document
        self.scene = window.scene
        self.evaluation: Evaluation | None = None
        self.pending = False  # the map changed since it was last evaluated
        # Statements changed since then, when nothing else did (None: something else did).
        self._touched: set[str] | None = None
        self.action = QAction(icon("evaluate"), "&Evaluate", window)
        self.action.setCheckable(True)
        self.action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.action.setToolTip("Evaluate: show what follows from what you accept (Ctrl+Shift+E)")
        self.action.toggled.connect(self.set_on)
        self.assume_action = QAction("&Assume Every Unchallenged Premise", window)
        self.assume_action.triggered.connect(lambda checked=False: self.assume_unchallenged())
        # The badge's click from the keyboard, on the selected cards.
        self.mark_action = QAction("&Mark Selected: Accepted, Rejected, Undecided", window)
        self.mark_action.setShortcut(QKeySequence("Ctrl+Shift+M"))
        self.mark_action.triggered.connect(lambda checked=False: self.cycle_selected())
        for name in _STRUCTURE_SIGNALS:
            getattr(self.document, name).connect(self._restructured)
        self.document.statementChanged.connect(self._statement_changed)
        window.undo_stack.indexChanged.connect(self._edit_done)
        self.scene.badgeClicked.connect(self.cycle_acceptance)
        window.inspector.statement_evaluation.attach(self)
        window.inspector.relation_evaluation.attach(self)

    @property
    def on(self) -> bool:
        return self.action.isChecked()

    def set_on(self, on: bool) -> None:
        """Turn the mode on (evaluate and show the labels) or off (take them away)."""
        if self.action.isChecked() != on:
            self.action.setChecked(on)  # toggled() comes back here
            return
        if on:
            self.refresh()
        else:
            self.evaluation, self.pending = None, False
            self._show(CanvasMarks())
            self.evaluated.emit()

    def _statement_changed(self, statement_id: str) -> None:
        """Remember the statement: if only statements changed, the structure may be reused."""
        if not self.on:
            return  # turning the mode on evaluates the whole map
        if self._touched is not None:
            self._touched.add(statement_id)
        self._changed()

    def _restructured(self, *_args: object) -> None:
        """Statements or relations came or went, or a relation changed: build anew."""
        if not self.on:
            return
        self._touched = None
        self._changed()

    def _changed(self) -> None:
        """Evaluate once after the current event, unless an undoable edit ends first."""
        if self.on and not self.pending:
            self.pending = True
            QTimer.singleShot(0, self._refresh_if_pending)

    def _edit_done(self, _index: int) -> None:
        """An edit, an undo or a redo is complete: show its result before anything paints."""
        if self.pending:
            self.refresh()

    def _refresh_if_pending(self) -> None:
        """After the event that changed the map, unless an edit's end evaluated already."""
        if self.pending:
            self.refresh()

    def refresh(self) -> None:
        """Evaluate the map now and show the labels."""
        self.pending = False
        if not self.on:
            return
        self.evaluation = evaluate(self.document.map, reuse=self._reusable())
        self._touched = set()
        self._show(CanvasMarks(self.evaluation.marks(), self.evaluation.idle_relations()))
        self.evaluated.emit()

    def _reusable(self) -> Structure | None:
        """The last evaluation's structure, if only statements changed since, all still fitting."""
        if self.evaluation is None or self._touched is None:
            return None
        structure, document = self.evaluation.structure, self.document
        try:
            statements = [document.statement(sid) for sid in self._touched]
        except KeyError:  # gone
            return None
        return structure if all(structure.fits(s) for s in statements) else None

    def _show(self, marks: CanvasMarks) -> None:
        """Swap in new marks, repainting only the cards and arrows whose mark changed."""
        scene = self.scene
        old = scene.marks
        items = scene.statement_items
        cards = [items[s] for s in _changed_keys(old.cards, marks.cards) if s in items]
        for item in cards:
            item.prepare_mark_change()  # before the change: Qt repaints the old bounds
        scene.marks = marks
        for item in cards:
            item.update()
        changed = _changed_keys(old.idle, marks.idle)
        if changed:
            for edge in scene.edge_items:
                if edge.relation_id in changed:
                    edge.update()

    def cycle_acceptance(self, statement_id: str) -> None:
        """The badge was clicked: undecided → accepted → rejected → undecided, one undo step."""
        if not self.document.has_element(statement_id):
            return
        self.window.editor.commit_typing()  # what is being typed is its own step, first
        current = Acceptance(self.document.statement(statement_id).acceptance)
        command = EditStatementCommand(
            self.document, statement_id, {"acceptance": NEXT_ACCEPTANCE[current]}
        )
        command.setText(f"Mark as {NEXT_ACCEPTANCE[current].value}")
        self.window.undo_stack.push(command)

    def cycle_selected(self) -> None:
        """Each selected card's acceptance goes one step on, as a click on its badge does;
        one undo step for them all."""
        chosen = self.scene.selected_statement_ids()
        if not chosen:
            self.window.statusBar().showMessage("Select the statements to mark.", 4000)
            return
        if len(chosen) == 1:
            self.cycle_acceptance(chosen[0])
            return
        self.window.editor.commit_typing()  # what is being typed is its own step, first
        with self.window.editor.gesture(f"Mark {len(chosen)} statements"):
            for sid in chosen:
                current = Acceptance(self.document.statement(sid).acceptance)
                self.window.undo_stack.push(
                    EditStatementCommand(
                        self.document, sid, {"acceptance": NEXT_ACCEPTANCE[current]}
                    )
                )

    def assume_unchallenged(self) -> int:
        """Accept every unchallenged premise in one undoable edit; how many were accepted."""
        self.window.editor.commit_typing()  # what is being typed is its own step, first
        chosen = unchallenged_premises(self.document.map)
        if not chosen:
            self.window.statusBar().showMessage("Every unchallenged premise is already decided")
            return 0
        with self.window.editor.gesture(f"Assume {len(chosen)} unchallenged premises"):
            for sid in chosen:
                self.window.undo_stack.push(
                    EditStatementCommand(self.document, sid, {"acceptance": Acceptance.ACCEPTED})
                )
        if not self.on:
            self.set_on(True)  # so the user sees the result at once
        return len(chosen)


def _changed_keys(old: Mapping[str, object], new: Mapping[str, object]) -> set[str]:
    """The keys whose value differs between ``old`` and ``new`` (or that only one has)."""
    changed = {key for key, value in new.items() if old.get(key, _MISSING) != value}
    changed.update(old.keys() - new.keys())
    return changed


_MISSING = object()


def unchallenged_premises(argument_map: ArgumentMap) -> list[str]:
    """Undecided statements that are premises and that no relation supports or attacks.

    These are where a map's reasoning starts: assuming them shows at once
    what the arguments built on them make of the rest.
    """
    premises = {p for r in argument_map.relations for p in r.premises}
    targeted = {r.target for r in argument_map.relations}
    return [
        s.id
        for s in argument_map.statements
        if s.id in premises and s.id not in targeted and s.acceptance == Acceptance.UNDECIDED
    ]
