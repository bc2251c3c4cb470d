"""A map as Carneades sees it: propositions, arguments and issues, numbered for speed.

Every relation is an argument. A support argues for its target; an attack
argues for the target's negation, an implicit proposition that forms an
*issue* with the statement (the two are weighed against each other under the
statement's proof standard); an undercut argues for the *undercutter* of the
relation it targets, an implicit proposition whose being in makes that
argument inapplicable. A support whose target is a relation argues against
that undercutter, which it puts at issue. A statement is also at issue when
its author set a proof standard, even if nothing attacks it.

Propositions and arguments are numbered (lists, not dicts, in the fixpoint
loop), and everything is built in one pass over the map, without recursion.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from argmap.model import Acceptance, ProofStandard, RelationKind, Weighing

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = ["IN", "NO_NODE", "OUT", "UNDECIDED", "Structure", "build_structure"]

UNDECIDED, IN, OUT = 0, 1, 2
NO_NODE = -1
# Weighing functions by number, in the argument lists; CONSTANT is a relation's own weight.
LINKED, CONVERGENT, CUMULATIVE, FACTORIZED, CONSTANT = range(5)
_WEIGHING_CODE = {
    Weighing.LINKED: LINKED,
    Weighing.CONVERGENT: CONVERGENT,
    Weighing.CUMULATIVE: CUMULATIVE,
    Weighing.FACTORIZED: FACTORIZED,
}


@dataclass(slots=True)
class Structure:
    """Propositions (nodes) and arguments of one map, by number.

    A node is a statement, the negation of a statement at issue, or the
    undercutter of a relation; ``partner`` pairs the two positions of an
    issue. Argument ``a`` is ``relation_ids[a]``, in file order.
    """

    statement_node: dict[str, int] = field(default_factory=dict)
    negation_node: dict[str, int] = field(default_factory=dict)
    undercutter_node: dict[str, int] = field(default_factory=dict)
    partner: list[int] = field(default_factory=list)
    standard: list[ProofStandard] = field(default_factory=list)
    initial: list[int] = field(default_factory=list)
    args_of: list[list[int]] = field(default_factory=list)
    premise_of: list[list[int]] = field(default_factory=list)
    undercut_of: list[list[int]] = field(default_factory=list)
    relation_ids: list[str] = field(default_factory=list)
    conclusion: list[int] = field(default_factory=list)
    premises: list[list[int]] = field(default_factory=list)
    undercutter: list[int] = field(default_factory=list)
    weighing: list[int] = field(default_factory=list)
    constant: list[float] = field(default_factory=list)

    def add_node(self, initial: int = UNDECIDED) -> int:
        self.partner.append(NO_NODE)
        self.standard.append(ProofStandard.PE)
        self.initial.append(initial)
        self.args_of.append([])
        self.premise_of.append([])
        self.undercut_of.append([])
        return len(self.partner) - 1

    def pair(self, position: int, standard: ProofStandard) -> int:
        """The other position of ``position``'s issue, made on first use."""
        other = self.partner[position]
        if other == NO_NODE:
            other = self.add_node()
            self.partner[position] = other
            self.partner[other] = position
            self.standard[position] = self.standard[other] = standard
        return other

    @property
    def node_count(self) -> int:
        return len(self.partner)


def build_structure(argument_map: ArgumentMap) -> Structure:
    """The propositions and arguments of a map; unknown ids are tolerated, never followed."""
    st = Structure()
    relation_by_id = {r.id: r for r in argument_map.relations}
    for statement in argument_map.statements:
        if statement.id in st.statement_node:
            continue  # a duplicate id (only in maps built without integrity checks)
        st.statement_node[statement.id] = st.add_node()
    attacked = {r.target for r in argument_map.relations if r.kind == RelationKind.ATTACK}
    for statement in argument_map.statements:
        node = st.statement_node[statement.id]
        if statement.id in attacked or statement.standard is not None:
            st.negation_node[statement.id] = st.pair(node, statement.standard or ProofStandard.PE)
    for relation in argument_map.relations:
        if relation.target in relation_by_id and relation.target not in st.undercutter_node:
            st.undercutter_node[relation.target] = st.add_node()
    _assume(st, argument_map)
    for relation in argument_map.relations:
        _add_argument(st, relation.id, relation.kind, relation.premises, relation.target)
        st.weighing.append(_WEIGHING_CODE[relation.weighing or Weighing.LINKED])
        st.constant.append(relation.weight if relation.weight is not None else -1.0)
        if relation.weight is not None:
            st.weighing[-1] = CONSTANT
    return st


def _assume(st: Structure, argument_map: ArgumentMap) -> None:
    """Accepted statements are in, rejected ones out (their negation in), and stay so."""
    for statement in argument_map.statements:
        if statement.acceptance == Acceptance.UNDECIDED:
            continue
        node = st.statement_node[statement.id]
        accepted = statement.acceptance == Acceptance.ACCEPTED
        st.initial[node] = IN if accepted else OUT
        other = st.partner[node]
        if other != NO_NODE:
            st.initial[other] = OUT if accepted else IN


def _add_argument(
    st: Structure, relation_id: str, kind: RelationKind, premises: list[str], target: str
) -> None:
    argument = len(st.relation_ids)
    st.relation_ids.append(relation_id)
    conclusion = NO_NODE
    if target in st.statement_node:
        conclusion = st.statement_node[target]
        if kind == RelationKind.ATTACK:
            conclusion = st.negation_node[target]
    elif target in st.undercutter_node:
        conclusion = st.undercutter_node[target]
        if kind == RelationKind.SUPPORT:
            conclusion = st.pair(conclusion, ProofStandard.PE)
    st.conclusion.append(conclusion)
    if conclusion != NO_NODE:
        st.args_of[conclusion].append(argument)
    nodes = []
    for premise in premises:
        node = st.statement_node.get(premise)
        if node is None:  # a dangling premise: a proposition nobody supports
            node = st.add_node()
        nodes.append(node)
        st.premise_of[node].append(argument)
    st.premises.append(nodes)
    undercutter = st.undercutter_node.get(relation_id, NO_NODE)
    st.undercutter.append(undercutter)
    if undercutter != NO_NODE:
        st.undercut_of[undercutter].append(argument)
