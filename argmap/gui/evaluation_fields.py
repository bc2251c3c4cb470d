"""The inspector's evaluation rows: "Why?", and the settings the evaluation reads.

For a statement: why it is in, out or undecided, and its proof standard; for
a relation: whether it applies and what it weighs, its weighing function and
its constant weight. Edits go out through the inspector's ``statementEdited``
and ``relationEdited`` signals, so each is one undoable command like any
other inspector edit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QFormLayout, QLabel, QWidget

from argmap.evaluation.explain import format_weight
from argmap.model import ProofStandard, Weighing

if TYPE_CHECKING:
    from argmap.gui.evaluate_mode import EvaluateMode
    from argmap.gui.inspector import Inspector

__all__ = ["EvaluationFields"]

_STANDARDS = [
    ("(none)", None),
    ("pe: preponderance of the evidence", ProofStandard.PE),
    ("cce: clear and convincing evidence", ProofStandard.CCE),
    ("brd: beyond reasonable doubt", ProofStandard.BRD),
]
_WEIGHINGS = [("(default: linked)", None), *((w.value, w) for w in Weighing)]
_NO_WEIGHT = -0.05  # the spin box's minimum, shown as "none"
_OFF = "Turn on Evaluate (Ctrl+Shift+E) to see why."


class EvaluationFields(QWidget):
    """Rows added to one of the inspector's forms (the statement's or the relation's)."""

    def __init__(self, inspector: Inspector, *, relation: bool) -> None:
        super().__init__()
        self.inspector = inspector
        self.relation = relation
        self.mode: EvaluateMode | None = None
        self.element_id: str | None = None
        self._loading = False
        self._shown: dict[str, object] = {}  # the relation's fields as the boxes last showed them
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.why = QLabel(_OFF)
        self.why.setTextFormat(Qt.TextFormat.PlainText)  # it quotes statements as typed
        self.why.setWordWrap(True)
        self.why.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow("Why?", self.why)
        if relation:
            self.weighing_box = _narrow_box()
            for text, value in _WEIGHINGS:
                self.weighing_box.addItem(text, value)
            self.weight_box = QDoubleSpinBox()
            self.weight_box.setRange(_NO_WEIGHT, 1.0)
            self.weight_box.setSingleStep(0.05)
            self.weight_box.setDecimals(2)
            self.weight_box.setSpecialValueText("none")
            self.weight_box.setToolTip(
                "A constant weight used when every premise is in, instead of the weighing's"
            )
            form.addRow("Wei&ghing", self.weighing_box)
            form.addRow("Weig&ht", self.weight_box)
            self.weighing_box.activated.connect(lambda _: self._commit())
            self.weight_box.editingFinished.connect(self._commit)
        else:
            self.standard_box = _narrow_box()
            for text, standard in _STANDARDS:
                self.standard_box.addItem(text, standard)
            self.standard_box.setToolTip(
                "None: the statement is in as soon as one argument for it holds, and weighed"
                " by pe once something attacks it. A standard set here makes it an issue,"
                " decided by that standard once every argument about it is decided."
            )
            form.addRow("Proof s&tandard", self.standard_box)
            self.standard_box.activated.connect(lambda _: self._commit())

    def attach(self, mode: EvaluateMode) -> None:
        """Explain with ``mode``'s evaluation, and again whenever it is renewed."""
        self.mode = mode
        mode.evaluated.connect(self._explain)

    def show_element(self, element_id: str, *, keep_weight: bool = False) -> None:
        """Fill the rows for the statement or relation the inspector now shows.

        ``keep_weight``: a weight is being typed, and stays in its box.
        """
        self.element_id = element_id
        self._loading = True
        document = self.inspector.document
        if self.relation:
            relation = document.relation(element_id)
            self.weighing_box.setCurrentIndex(max(self.weighing_box.findData(relation.weighing), 0))
            if not keep_weight:
                self.weight_box.setValue(_NO_WEIGHT if relation.weight is None else relation.weight)
            self._shown = self._relation_fields()
            if keep_weight:
                self._shown["weight"] = relation.weight
        else:
            statement = document.statement(element_id)
            self.standard_box.setCurrentIndex(
                max(self.standard_box.findData(statement.standard), 0)
            )
        self._loading = False
        self._explain()

    def _relation_fields(self) -> dict[str, object]:
        """The weighing and weight as the boxes hold them."""
        value = self.weight_box.value()
        return {
            "weighing": self.weighing_box.currentData(),
            "weight": None if value <= _NO_WEIGHT / 2 else round(value, 2),
        }

    def _explain(self) -> None:
        if self.mode is not None and self.mode.pending:
            return  # the evaluation is out of date; a new one is on its way (evaluated)
        evaluation = self.mode.evaluation if self.mode is not None else None
        element_id = self.element_id
        if evaluation is None or element_id is None:
            self.why.setText(_OFF)
        elif self.relation and element_id in evaluation.relations:
            result = evaluation.relations[element_id]
            if not result.applicable:
                text = "Does not apply yet: a premise or its undercut is undecided."
            elif result.weight <= 0:
                undercut = evaluation.undercutters.get(element_id) == "in"
                text = "Applies, but weighs 0: " + (
                    "it is undercut." if undercut else "not enough of its premises are in."
                )
            else:
                text = f"Applies, with weight {format_weight(result.weight)}."
            self.why.setText(text)
        elif not self.relation and element_id in evaluation.statements:
            self.why.setText(evaluation.why(element_id).text)

    def finish_typing(self) -> None:
        """A weight still being typed counts as typed (before the inspector keeps it)."""
        if self.relation and self.weight_box.hasFocus():
            self.weight_box.interpretText()

    def pending(self) -> dict[str, object]:
        """The fields as the boxes hold them where they differ from what was shown."""
        if self._loading or self.element_id is None:
            return {}
        if self.relation:
            fields = self._relation_fields()
            return {k: v for k, v in fields.items() if self._shown.get(k) != v}
        standard = self.standard_box.currentData()
        if self.inspector.document.statement(self.element_id).standard != standard:
            return {"standard": standard}
        return {}

    def _commit(self) -> None:
        if self._loading or self.element_id is None:
            return
        document = self.inspector.document
        if self.relation:
            # Against what the boxes showed, not what is stored: a box shows a weight
            # to two decimals, and passing through it must not round 0.125 to 0.13.
            fields = self._relation_fields()
            changed = {k: v for k, v in fields.items() if self._shown.get(k) != v}
            self._shown = fields
            if changed:
                self.inspector.relationEdited.emit(self.element_id, changed)
        else:
            standard = self.standard_box.currentData()
            if document.statement(self.element_id).standard != standard:
                self.inspector.statementEdited.emit(self.element_id, {"standard": standard})


def _narrow_box() -> QComboBox:
    """A combo box that does not widen the inspector to its longest entry."""
    box = QComboBox()
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(10)
    return box
