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
Marking a statement accepted or rejected changes none of this, only the
initial labels: :meth:`Structure.reassumed` redoes those alone, which is what
the editor does after a click on a card's badge.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from argmap.model import Acceptance, ProofStandard, RelationKind, Weighing

if TYPE_CHECKING:
    from argmap.model import ArgumentMap, Statement

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
    issue. Argument ``a`` is ``relation_ids[a]``, in file order. The lists
    of arguments per node (``args_of``, ``premise_of``, ``undercut_of``)
    are None where there are none: most nodes of a big map have no
    undercut, and a list apiece would be most of the building time.
    """

    statement_node: dict[str, int] = field(default_factory=dict)
    negation_node: dict[str, int] = field(default_factory=dict)
    undercutter_node: dict[str, int] = field(default_factory=dict)
    partner: list[int] = field(default_factory=list)
    standard: list[ProofStandard] = field(default_factory=list)
    initial: list[int] = field(default_factory=list)
    args_of: list[list[int] | None] = field(default_factory=list)
    premise_of: list[list[int] | None] = field(default_factory=list)
    undercut_of: list[list[int] | None] = field(default_factory=list)
    relation_ids: list[str] = field(default_factory=list)
    conclusion: list[int] = field(default_factory=list)
    premises: list[list[int]] = field(default_factory=list)
    undercutter: list[int] = field(default_factory=list)
    weighing: list[int] = field(default_factory=list)
    constant: list[float] = field(default_factory=list)
    # The proof standards statements set (most set none): what fits() compares.
    standards: dict[str, ProofStandard] = field(default_factory=dict)
    relation_index: dict[str, int] = field(default_factory=dict)  # id -> its place in the file

    def add_nodes(self, count: int) -> int:
        """``count`` new undecided nodes; the number of the first."""
        first = len(self.partner)
        self.partner.extend([NO_NODE] * count)
        self.standard.extend([ProofStandard.PE] * count)
        self.initial.extend([UNDECIDED] * count)
        for lists in (self.args_of, self.premise_of, self.undercut_of):
            lists.extend([None] * count)
        return first

    def pair(self, position: int, standard: ProofStandard) -> int:
        """The other position of ``position``'s issue, made on first use."""
        other = self.partner[position]
        if other == NO_NODE:
            other = self.add_nodes(1)
            self.partner[position] = other
            self.partner[other] = position
            self.standard[position] = self.standard[other] = standard
        return other

    @property
    def node_count(self) -> int:
        return len(self.partner)

    def fits(self, statement: Statement) -> bool:
        """Whether this structure still holds for ``statement`` as it is now.

        It does after an edit of the statement's acceptance, wording or
        source, not after one of its proof standard (which can put it at
        issue), nor for a statement it has never seen.
        """
        return (
            statement.id in self.statement_node
            and self.standards.get(statement.id) == statement.standard
        )

    def reassumed(self, argument_map: ArgumentMap) -> Structure:
        """A copy with the initial labels of ``argument_map``'s acceptances, the rest shared.

        For a map whose statements all still :meth:`fit <fits>` and whose
        relations have not changed since this structure was built from it:
        the whole structure need not be built again.
        """
        fresh = replace(self, initial=[UNDECIDED] * self.node_count)
        _assume(fresh, argument_map)
        return fresh


def _attach(lists: list[list[int] | None], node: int, argument: int) -> None:
    entry = lists[node]
    if entry is None:
        lists[node] = [argument]
    else:
        entry.append(argument)


def build_structure(argument_map: ArgumentMap) -> Structure:
    """The propositions and arguments of a map; unknown ids are tolerated, never followed."""
    st = Structure()
    statements, relations = argument_map.statements, argument_map.relations
    node_of = st.statement_node
    for statement in statements:
        node_of.setdefault(statement.id, len(node_of))  # a duplicate id keeps its first node
    st.add_nodes(len(node_of))
    attacked = {r.target for r in relations if r.kind == RelationKind.ATTACK}
    for statement in statements:
        if statement.standard is not None:
            st.standards.setdefault(statement.id, statement.standard)
        if statement.id in attacked or statement.standard is not None:
            st.negation_node[statement.id] = st.pair(
                node_of[statement.id], statement.standard or ProofStandard.PE
            )
    relation_index = st.relation_index
    for index, relation in enumerate(relations):
        relation_index.setdefault(relation.id, index)
    undercutters = st.undercutter_node
    for relation in relations:
        target = relation.target
        if target in relation_index and target not in node_of and target not in undercutters:
            undercutters[target] = st.add_nodes(1)
    _assume(st, argument_map)
    for relation in relations:
        _add_argument(st, relation.id, relation.kind, relation.premises, relation.target)
        if relation.weight is not None:
            st.weighing.append(CONSTANT)
            st.constant.append(relation.weight)
        else:
            st.weighing.append(_WEIGHING_CODE[relation.weighing or Weighing.LINKED])
            st.constant.append(-1.0)
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
    conclusion = st.statement_node.get(target, NO_NODE)
    if conclusion != NO_NODE:
        if kind == RelationKind.ATTACK:
            conclusion = st.negation_node[target]
    elif target in st.undercutter_node:
        conclusion = st.undercutter_node[target]
        if kind == RelationKind.SUPPORT:
            conclusion = st.pair(conclusion, ProofStandard.PE)
    st.conclusion.append(conclusion)
    if conclusion != NO_NODE:
        _attach(st.args_of, conclusion, argument)
    nodes = []
    node_of = st.statement_node
    for premise in premises:
        node = node_of.get(premise, NO_NODE)
        if node == NO_NODE:  # a dangling premise: a proposition nobody supports
            node = st.add_nodes(1)
        nodes.append(node)
        _attach(st.premise_of, node, argument)
    st.premises.append(nodes)
    undercutter = st.undercutter_node.get(relation_id, NO_NODE)
    st.undercutter.append(undercutter)
    if undercutter != NO_NODE:
        _attach(st.undercut_of, undercutter, argument)
