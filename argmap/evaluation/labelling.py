"""The grounded labelling of a map's propositions, as Carneades 4's ``caes.go`` computes it.

Carneades' own loop visits every statement again and again until nothing
changes, which is quadratic on a long chain. This one reaches the same
fixpoint with a work queue: a proposition is looked at again only when one of
its arguments became applicable, and an argument only when a premise or its
undercutter got a label. Labels never change once given (every rule only
reads labels that are final), so the result does not depend on the order of
the queue, and the whole run is linear in the size of the map.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from argmap.evaluation.structure import (
    CONSTANT,
    CONVERGENT,
    CUMULATIVE,
    FACTORIZED,
    IN,
    LINKED,
    NO_NODE,
    OUT,
    UNDECIDED,
    Structure,
)
from argmap.model import ProofStandard

__all__ = ["ALPHA", "BETA", "Fixpoint", "label", "meets_standard"]

# The margins of Carneades' proof standards (caes.go).
ALPHA, BETA = 0.5, 0.3


def meets_standard(standard: ProofStandard, weight: float, other: float) -> bool:
    """Whether a position of weight ``weight`` beats one of ``other`` under ``standard``.

    As in caes.go, ``brd`` includes the margin of ``cce``, and the same
    standard applies to both positions of an issue.
    """
    if standard == ProofStandard.PE:
        return weight > other
    if standard == ProofStandard.CCE:
        return weight > other and weight - other > ALPHA
    return weight > other and weight - other > ALPHA and other < BETA


@dataclass(slots=True)
class Fixpoint:
    """Labels of the propositions; applicability and weight of the arguments."""

    labels: list[int]
    applicable: list[bool]
    weights: list[float]
    best: list[float]
    resolved: list[bool]


class _Run:
    """One evaluation: counters per argument and per proposition, and the work queue."""

    def __init__(self, st: Structure) -> None:
        self.st = st
        self.labels = list(st.initial)
        count = len(st.relation_ids)
        self.undecided_premises = [0] * count
        self.in_premises = [0] * count
        self.out_premises = [0] * count
        for argument, premises in enumerate(st.premises):
            for node in premises:
                mark = self.labels[node]
                if mark == IN:
                    self.in_premises[argument] += 1
                elif mark == OUT:
                    self.out_premises[argument] += 1
                else:
                    self.undecided_premises[argument] += 1
        self.applicable = [False] * count
        self.weights = [0.0] * count
        self.open_args = [len(args) if args else 0 for args in st.args_of]
        self.positive = [0] * st.node_count
        self.best = [0.0] * st.node_count
        self.resolved = [False] * st.node_count
        self.premise_totals: dict[int, int] = {}
        self.queue: deque[int] = deque(range(st.node_count))

    def run(self) -> Fixpoint:
        for argument in range(len(self.applicable)):
            self.try_apply(argument)
        labels, queue = self.labels, self.queue
        while queue:
            node = queue.popleft()
            if labels[node] == UNDECIDED:
                self.decide(node)
        return Fixpoint(labels, self.applicable, self.weights, self.best, self.resolved)

    def decide(self, node: int) -> None:
        """caes.go's three rules, in its order: unsupported, supported, issue resolved."""
        if self.open_args[node] == 0 and self.positive[node] == 0:
            self.set_label(node, OUT)
            return
        other = self.st.partner[node]
        if other == NO_NODE:
            if self.positive[node] > 0:
                self.set_label(node, IN)
        elif self.open_args[node] == 0 and self.open_args[other] == 0:
            self.resolve(node, other)

    def resolve(self, first: int, second: int) -> None:
        """The winner needs an argument of weight > 0 and must beat the other position."""
        standard, best = self.st.standard[first], self.best
        winner = NO_NODE
        for position, other in ((first, second), (second, first)):
            if best[position] > 0.0 and meets_standard(standard, best[position], best[other]):
                winner = position
                break
        for position in (first, second):
            self.resolved[position] = True
            if self.labels[position] == UNDECIDED:
                self.set_label(position, IN if position == winner else OUT)

    def set_label(self, node: int, mark: int) -> None:
        self.labels[node] = mark
        st = self.st
        counter = self.in_premises if mark == IN else self.out_premises
        for argument in st.premise_of[node] or ():
            self.undecided_premises[argument] -= 1
            counter[argument] += 1
            self.try_apply(argument)
        for argument in st.undercut_of[node] or ():
            self.try_apply(argument)

    def try_apply(self, argument: int) -> None:
        """Applicable: undercutter in, or undercutter out and no premise undecided."""
        if self.applicable[argument]:
            return
        st = self.st
        undercutter = st.undercutter[argument]
        undercut = OUT if undercutter == NO_NODE else self.labels[undercutter]
        if undercut == IN:
            weight = 0.0
        elif undercut == OUT and self.undecided_premises[argument] == 0:
            weight = self.weigh(argument)
        else:
            return
        self.applicable[argument] = True
        self.weights[argument] = weight
        conclusion = st.conclusion[argument]
        if conclusion == NO_NODE:
            return
        self.open_args[conclusion] -= 1
        if weight > 0.0:
            self.positive[conclusion] += 1
            self.best[conclusion] = max(self.best[conclusion], weight)
        self.queue.append(conclusion)
        if st.partner[conclusion] != NO_NODE:
            self.queue.append(st.partner[conclusion])

    def weigh(self, argument: int) -> float:
        """The weighing functions of caes.go's weighing.go, from the premise counts."""
        st = self.st
        total = len(st.premises[argument])
        accepted = self.in_premises[argument]
        kind = st.weighing[argument]
        if kind == LINKED:
            return 1.0 if accepted == total else 0.0
        if kind == CONSTANT:
            return st.constant[argument] if accepted == total else 0.0
        if kind == CONVERGENT:
            return 1.0 if accepted > 0 else 0.0
        if kind == CUMULATIVE:
            return accepted / total if total else 0.0
        assert kind == FACTORIZED
        if self.out_premises[argument] > 0:
            return 0.0
        return accepted / self.premise_total(st.conclusion[argument])

    def premise_total(self, node: int) -> int:
        """Distinct premises of all arguments about ``node``'s issue (or ``node`` alone)."""
        if node == NO_NODE:
            return 1
        known = self.premise_totals.get(node)
        if known is None:
            st = self.st
            positions = [node] if st.partner[node] == NO_NODE else [node, st.partner[node]]
            distinct = {p for n in positions for a in st.args_of[n] or () for p in st.premises[a]}
            known = max(len(distinct), 1)
            for position in positions:
                self.premise_totals[position] = known
        return known


def label(st: Structure) -> Fixpoint:
    """The grounded labelling of ``st`` (see the module's docstring)."""
    return _Run(st).run()
