"""Evaluate a map: what follows from the statements its author accepts.

The semantics are those of the Carneades argumentation system (Gordon,
Prakken & Walton 2007; Carneades 4's ``caes.go`` and ``weighing.go``), mapped
onto argmap's relations as :mod:`argmap.evaluation.structure` describes; the
fixpoint is computed by :mod:`argmap.evaluation.labelling` and explained by
:mod:`argmap.evaluation.explain`. No Qt: the command line, the export and
the editor share it.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

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


_LABELS = (Label.UNDECIDED, Label.IN, Label.OUT)


@dataclass(frozen=True, slots=True)
class ArgumentResult:
    """A relation as an argument: whether it applies, and what it weighs (0 to 1)."""

    applicable: bool
    weight: float


class Evaluation:
    """The labels of one map's statements and the state of its relations."""

    def __init__(self, argument_map: ArgumentMap, structure: Structure, fixpoint: Fixpoint):
        self.map = argument_map
        self.structure = structure
        self.fixpoint = fixpoint
        labels = fixpoint.labels
        self.statements: dict[str, Label] = {
            sid: _LABELS[labels[node]] for sid, node in structure.statement_node.items()
        }
        self.relations: dict[str, ArgumentResult] = {
            rid: ArgumentResult(fixpoint.applicable[a], fixpoint.weights[a])
            for a, rid in enumerate(structure.relation_ids)
        }
        # The implicit propositions: "not s" of statements at issue, and the
        # undercutters of relations that something targets.
        self.negations: dict[str, Label] = {
            sid: _LABELS[labels[node]] for sid, node in structure.negation_node.items()
        }
        self.undercutters: dict[str, Label] = {
            rid: _LABELS[labels[node]] for rid, node in structure.undercutter_node.items()
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


def evaluate(argument_map: ArgumentMap) -> Evaluation:
    """The grounded Carneades labelling of ``argument_map``; linear time, no recursion.

    Python's cyclic collector is paused meanwhile: the evaluation makes
    hundreds of thousands of lists on a big map and no cycles, and each full
    collection it would trigger walks every object of the map again.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        structure = build_structure(argument_map)
        return Evaluation(argument_map, structure, label(structure))
    finally:
        if paused:
            gc.enable()
