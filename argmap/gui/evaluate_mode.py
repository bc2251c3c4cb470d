"""Evaluate mode: every card shows what follows from what the map accepts, as you edit.

When the mode is on, the map is evaluated (:mod:`argmap.evaluation`) after
every change, at most once per event-loop turn; the scene's ``verdicts`` and
``relation_states`` are updated and only the cards and arrows whose label
changed are repainted. The evaluation runs on the GUI thread: it is linear
and takes a few milliseconds on the example maps (about 35 ms at 10,000
statements; ``bench/evaluation.py``).

Clicking a card's badge cycles its acceptance (undecided, accepted, rejected),
one undoable edit; "Assume Every Unchallenged Premise" accepts, in one
undoable edit, every undecided premise that nothing argues for or against.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence

from argmap.evaluation import Evaluation, evaluate
from argmap.gui.commands import EditStatementCommand
from argmap.gui.icons import icon
from argmap.model import Acceptance

if TYPE_CHECKING:
    from argmap.gui.mainwindow import MainWindow
    from argmap.model import ArgumentMap

__all__ = ["NEXT_ACCEPTANCE", "EvaluateMode", "unchallenged_premises"]

NEXT_ACCEPTANCE = {
    Acceptance.UNDECIDED: Acceptance.ACCEPTED,
    Acceptance.ACCEPTED: Acceptance.REJECTED,
    Acceptance.REJECTED: Acceptance.UNDECIDED,
}
_DOCUMENT_SIGNALS = (
    "statementAdded",
    "statementRemoved",
    "statementChanged",
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
        self._pending = False
        self.action = QAction(icon("evaluate"), "&Evaluate", window)
        self.action.setCheckable(True)
        self.action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.action.setToolTip("Evaluate: show what follows from what you accept (Ctrl+Shift+E)")
        self.action.toggled.connect(self.set_on)
        self.assume_action = QAction("&Assume Every Unchallenged Premise", window)
        self.assume_action.triggered.connect(lambda checked=False: self.assume_unchallenged())
        for name in _DOCUMENT_SIGNALS:
            getattr(self.document, name).connect(self._changed)
        self.scene.badgeClicked.connect(self.cycle_acceptance)
        window.inspector.statement_evaluation.attach(self)
        window.inspector.relation_evaluation.attach(self)

    @property
    def on(self) -> bool:
        return self.action.isChecked()

    def set_on(self, on: bool) -> None:
        if self.action.isChecked() != on:
            self.action.setChecked(on)  # toggled() comes back here
            return
        if on:
            self.refresh()
        else:
            self.evaluation = None
            self._show({}, {})
            self.evaluated.emit()

    def _changed(self, *_args: object) -> None:
        """Evaluate once after the current event (an edit emits several signals)."""
        if self.on and not self._pending:
            self._pending = True
            QTimer.singleShot(0, self.refresh)

    def refresh(self) -> None:
        """Evaluate the map now and show the labels."""
        self._pending = False
        if not self.on:
            return
        self.evaluation = evaluate(self.document.map)
        verdicts = {sid: str(mark) for sid, mark in self.evaluation.statements.items()}
        states = {
            rid: (0 if result.weight > 0 else 1 if result.applicable else 2)
            for rid, result in self.evaluation.relations.items()
        }
        self._show(verdicts, {rid: state for rid, state in states.items() if state})
        self.evaluated.emit()

    def _show(self, verdicts: dict[str, str], states: dict[str, int]) -> None:
        """Swap in new labels, repainting only the cards and arrows that changed."""
        scene = self.scene
        old_verdicts, old_states = scene.verdicts, scene.relation_states
        scene.verdicts, scene.relation_states = verdicts, states
        items = scene.statement_items
        for sid in set(old_verdicts) | set(verdicts):
            if old_verdicts.get(sid) != verdicts.get(sid) and sid in items:
                item = items[sid]
                item.prepareGeometryChange()  # the badge is part of the card's shape
                item.update()
        changed = {r for r in set(old_states) | set(states) if old_states.get(r) != states.get(r)}
        if changed:
            for edge in scene.edge_items:
                if edge.relation_id in changed:
                    edge.update()

    def cycle_acceptance(self, statement_id: str) -> None:
        """The badge was clicked: undecided → accepted → rejected → undecided, one undo step."""
        if not self.document.has_element(statement_id):
            return
        current = Acceptance(self.document.statement(statement_id).acceptance)
        command = EditStatementCommand(
            self.document, statement_id, {"acceptance": NEXT_ACCEPTANCE[current]}
        )
        command.setText(f"Mark as {NEXT_ACCEPTANCE[current].value}")
        self.window.undo_stack.push(command)

    def assume_unchallenged(self) -> int:
        """Accept every unchallenged premise in one undoable edit; how many were accepted."""
        chosen = unchallenged_premises(self.document.map)
        if not chosen:
            self.window.statusBar().showMessage("Every unchallenged premise is already decided")
            return 0
        stack = self.window.undo_stack
        stack.beginMacro(f"Assume {len(chosen)} unchallenged premises")
        for sid in chosen:
            stack.push(
                EditStatementCommand(self.document, sid, {"acceptance": Acceptance.ACCEPTED})
            )
        stack.endMacro()
        if not self.on:
            self.set_on(True)  # so the user sees the result at once
        return len(chosen)


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
