"""Evaluate a map: what follows from the statements its author accepts.

The semantics are those of the Carneades argumentation system (Gordon,
Prakken & Walton 2007; Carneades 4's ``caes.go`` and ``weighing.go``), mapped
onto argmap's relations as :mod:`argmap.evaluation.structure` describes; the
fixpoint is computed by :mod:`argmap.evaluation.labelling` and explained by
:mod:`argmap.evaluation.explain`. No Qt: the command line, the export and
the editor share it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING

from argmap.collector import collector_paused
from argmap.evaluation.labelling import label
from argmap.evaluation.structure import Structure, build_structure

if TYPE_CHECKING:
    from argmap.evaluation.explain import Explanation
    from argmap.evaluation.labelling import Fixpoint
    from argmap.model import ArgumentMap

__all__ = ["ArgumentResult", "Evaluation", "Label", "evaluate"]


class Label(StrEnum):
    """A statement's evaluated status."""

    IN = "in"
    OUT = "out"
    UNDECIDED = "undecided"


_LABELS = (Label.UNDECIDED, Label.IN, Label.OUT)  # by the fixpoint's numbers
_NAMES = tuple(str(mark) for mark in _LABELS)
_ASSUMED = ("", "accepted", "rejected")  # by the structure's initial labels


@dataclass(frozen=True, slots=True)
class ArgumentResult:
    """A relation as an argument: whether it applies, and what it weighs (0 to 1)."""

    applicable: bool
    weight: float


class Evaluation:
    """The labels of one map's statements and the state of its relations.

    ``statements`` is made at once; the other tables when first asked for
    (the editor, which evaluates after every edit, needs them rarely).
    """

    def __init__(self, argument_map: ArgumentMap, structure: Structure, fixpoint: Fixpoint):
        self.map = argument_map
        # The elements as evaluated, for the explanations: the editor changes the map's
        # lists in place, and an explanation may be asked for meanwhile.
        self.statement_list = list(argument_map.statements)
        self.relation_list = list(argument_map.relations)
        self.structure = structure
        self.fixpoint = fixpoint
        labels = fixpoint.labels
        self.statements: dict[str, Label] = {
            sid: _LABELS[labels[node]] for sid, node in structure.statement_node.items()
        }

    @cached_property
    def relations(self) -> dict[str, ArgumentResult]:
        """Each relation's applicability and weight, by relation id."""
        fixpoint = self.fixpoint
        return {
            rid: ArgumentResult(fixpoint.applicable[a], fixpoint.weights[a])
            for a, rid in enumerate(self.structure.relation_ids)
        }

    @cached_property
    def negations(self) -> dict[str, Label]:
        """The labels of the implicit "not s" of every statement at issue."""
        labels = self.fixpoint.labels
        return {sid: _LABELS[labels[node]] for sid, node in self.structure.negation_node.items()}

    @cached_property
    def undercutters(self) -> dict[str, Label]:
        """The labels of the implicit undercutters of relations that something targets."""
        labels = self.fixpoint.labels
        return {rid: _LABELS[labels[node]] for rid, node in self.structure.undercutter_node.items()}

    def marks(self) -> dict[str, str]:
        """What a drawing of the map shows on each card, by statement id, as plain text.

        "accepted" or "rejected" where the author assumed the statement (it is
        in, or out, because they say so), else its label: "in", "out" or
        "undecided". Made straight from the fixpoint's numbers, so the editor
        can redraw after every edit.
        """
        labels, initial = self.fixpoint.labels, self.structure.initial
        return {
            sid: _ASSUMED[initial[node]] or _NAMES[labels[node]]
            for sid, node in self.structure.statement_node.items()
        }

    def idle_relations(self) -> dict[str, bool]:
        """The relations that carry no weight, by id, each with whether it applies at all."""
        fixpoint = self.fixpoint
        weights, applicable = fixpoint.weights, fixpoint.applicable
        return {
            rid: applicable[a]
            for a, rid in enumerate(self.structure.relation_ids)
            if weights[a] <= 0.0
        }

    def why(self, statement_id: str) -> Explanation:
        """Why the statement has its label, in a sentence or two naming the arguments."""
        from argmap.evaluation.explain import explain

        return explain(self, statement_id)

    def counts(self) -> dict[Label, int]:
        """How many statements have each label."""
        result = dict.fromkeys(Label, 0)
        for mark in self.statements.values():
            result[mark] += 1
        return result


def evaluate(argument_map: ArgumentMap, *, reuse: Structure | None = None) -> Evaluation:
    """The grounded Carneades labelling of ``argument_map``; linear time, no recursion.

    ``reuse`` is the structure of an earlier evaluation of this map, when the
    edits since changed no relation and left every statement fitting it
    (:meth:`Structure.fits`): only the acceptances are read again.

    Python's cyclic collector is paused meanwhile: the evaluation makes
    hundreds of thousands of lists on a big map and no cycles, and each full
    collection it would trigger walks every object of the map again.
    """
    with collector_paused():
        if reuse is None:
            structure = build_structure(argument_map)
        else:
            structure = reuse.reassumed(argument_map)
        return Evaluation(argument_map, structure, label(structure))
