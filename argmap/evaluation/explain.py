"""Why a statement has its label: one or two sentences that name the arguments.

Explanations are made on demand (the editor asks for the selected statement
only), from the final labels and weights; nothing here changes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from argmap.evaluation.labelling import ALPHA, BETA
from argmap.evaluation.structure import IN, NO_NODE, OUT, UNDECIDED
from argmap.model import ProofStandard, RelationKind

if TYPE_CHECKING:
    from argmap.evaluation import Evaluation, Label
    from argmap.model import Relation, Statement

__all__ = ["Explanation", "explain", "format_weight"]

_NAME_LENGTH = 48
_REQUIREMENT = {
    ProofStandard.PE: "more weight (preponderance of the evidence)",
    ProofStandard.CCE: f"more weight by over {ALPHA:g} (clear and convincing evidence)",
    ProofStandard.BRD: (
        f"more weight by over {ALPHA:g}, and under {BETA:g} against (beyond reasonable doubt)"
    ),
}


@dataclass(frozen=True, slots=True)
class Explanation:
    """A label and the sentence that explains it, with the arguments it names.

    ``pro`` and ``con`` are the strongest applicable arguments for and against
    (relation id and weight) when the statement is at issue; ``decisive`` is
    the relation the label turns on, if one does.
    """

    label: Label
    text: str
    decisive: str | None = None
    pro: tuple[str, float] | None = None
    con: tuple[str, float] | None = None


def format_weight(weight: float) -> str:
    """0.5, 1, 0.33: as short as the weight allows, at most two decimals."""
    return f"{weight:.2f}".rstrip("0").rstrip(".")


def explain(evaluation: Evaluation, statement_id: str) -> Explanation:
    """The explanation of one statement's label (KeyError for an unknown id)."""
    return _Explainer(evaluation).statement(statement_id)


class _Explainer:
    """Explanations from one evaluation; elements are looked up by number, never all indexed.

    The editor explains the selected statement after every edit, so making
    an explanation must not take time in proportion to the map.
    """

    def __init__(self, evaluation: Evaluation) -> None:
        self.evaluation = evaluation
        self.st = evaluation.structure
        self.fix = evaluation.fixpoint

    def statement_at(self, node: int) -> Statement | None:
        """The statement a proposition stands for; None for an implicit one.

        Statement nodes are numbered in file order, so node ``n`` is the
        ``n``-th statement unless ids repeat (then the first of an id).
        """
        statements, node_of = self.evaluation.statement_list, self.st.statement_node
        if node < len(statements) and node_of.get(statements[node].id) == node:
            return statements[node]
        if len(node_of) == len(statements):
            return None  # no id repeats: an implicit proposition
        for statement in statements:  # repeated ids only: not worth an index
            if node_of.get(statement.id) == node:
                return statement
        return None

    def statement_by_id(self, statement_id: str) -> Statement | None:
        """The statement of this id as evaluated; None for an id the map lacks."""
        node = self.st.statement_node.get(statement_id)
        return None if node is None else self.statement_at(node)

    def relation(self, relation_id: str) -> Relation:
        """The relation of this id as evaluated (the first, should ids repeat)."""
        return self.evaluation.relation_list[self.st.relation_index[relation_id]]

    def statement(self, statement_id: str) -> Explanation:
        """Assumed, undecided, decided alone or weighed at issue: each explained its way."""
        node = self.st.statement_node[statement_id]
        mark = self.evaluation.statements[statement_id]
        negation = self.st.partner[node]
        if self.st.initial[node] != UNDECIDED:
            accepted = self.st.initial[node] == IN
            text = (
                "In: you accept it, and an accepted statement is assumed in."
                if accepted
                else "Out: you reject it, and a rejected statement is assumed out."
            )
            return Explanation(mark, text)
        labels = self.fix.labels
        if labels[node] == UNDECIDED:
            return Explanation(mark, "Undecided: " + self.blocked([node, negation]) + ".")
        pro, con = self.strongest(node), self.strongest(negation)
        if negation == NO_NODE or not self.fix.resolved[node]:
            if labels[node] == IN:
                assert pro is not None
                text = f"In: {self.name(pro[0])} supports it (weight {format_weight(pro[1])})."
                return Explanation(mark, text, pro[0], pro, con)
            return Explanation(mark, "Out: " + self.unsupported(node) + ".", None, pro, con)
        return self.weighed(node, negation, pro, con)

    def weighed(
        self, node: int, negation: int, pro: tuple[str, float] | None, con: tuple[str, float] | None
    ) -> Explanation:
        """A statement at issue: the strongest argument on each side, and the standard."""
        statement = self.statement_at(node)
        assert statement is not None
        mark = self.evaluation.statements[statement.id]
        standard = _REQUIREMENT[self.st.standard[node]]
        if self.fix.labels[node] == IN:
            assert pro is not None
            if con is None:
                text = (
                    f"In: {self.weighted(pro)} supports it, and no argument against it"
                    f" carries weight; its proof standard asks for {standard}."
                )
            else:
                text = (
                    f"In: {self.weighted(pro)} outweighs the strongest argument against it,"
                    f" {self.weighted(con)}, as its proof standard asks: {standard}."
                )
            return Explanation(mark, text, pro[0], pro, con)
        if self.fix.labels[negation] == IN and con is not None:
            if pro is None:
                text = (
                    f"Out: {self.weighted(con)} stands against it, and "
                    + self.unsupported(node, accepted=False)
                    + "."
                )
            else:
                text = (
                    f"Out: {self.weighted(con)} against it outweighs the strongest argument"
                    f" for it, {self.weighted(pro)}."
                )
            return Explanation(mark, text, con[0], pro, con)
        if pro is None:
            return Explanation(mark, "Out: " + self.unsupported(node) + ".", None, pro, con)
        if con is None:
            text = (
                f"Out: the strongest argument for it, {self.weighted(pro)}, is not enough"
                f" for its proof standard: {standard}."
            )
        else:
            text = (
                f"Out: the strongest argument for it, {self.weighted(pro)}, does not beat the"
                f" strongest against it, {self.weighted(con)}, by what its proof standard"
                f" asks: {standard}."
            )
        return Explanation(mark, text, con[0] if con else pro[0], pro, con)

    def weighted(self, argument: tuple[str, float]) -> str:
        """'the reason “…” (weight 0.5)'."""
        return f"{self.name(argument[0])} (weight {format_weight(argument[1])})"

    def strongest(self, node: int) -> tuple[str, float] | None:
        """The applicable argument for ``node`` with the greatest weight above 0."""
        if node == NO_NODE:
            return None
        best: tuple[str, float] | None = None
        for argument in self.st.args_of[node] or ():
            weight = self.fix.weights[argument]
            if self.fix.applicable[argument] and weight > 0 and (best is None or weight > best[1]):
                best = (self.st.relation_ids[argument], weight)
        return best

    def unsupported(self, node: int, *, accepted: bool = True) -> str:
        """Why no argument for ``node`` carries weight (naming the first there is).

        ``accepted``: add that the author has not accepted it either, which
        is the other way a statement with no argument is in.
        """
        arguments = self.st.args_of[node] or []
        if not arguments:
            return "no argument supports it" + (", and you have not accepted it" * accepted)
        return "no argument for it carries weight: " + self.weightless(arguments[0])

    def weightless(self, argument: int) -> str:
        """Why an applicable argument weighs nothing: undercut, or a premise not in."""
        st, labels = self.st, self.fix.labels
        name = self.name(st.relation_ids[argument])
        undercutter = st.undercutter[argument]
        if undercutter != NO_NODE and labels[undercutter] == IN:
            by = self.strongest(undercutter)
            return f"{name} is undercut" + (f" by {self.name(by[0], kind=False)}" if by else "")
        premises = st.premises[argument]
        missing = [p for p in premises if labels[p] != IN]
        if not missing:
            return f"{name} weighs 0"
        what = "out" if labels[missing[0]] == OUT else "not in"
        if len(premises) == 1:  # the reason is named by its premise: say that it is out
            return f"{name} is {what}"
        return f"{name} has a premise that is {what}, {self.statement_name(missing[0])}"

    def blocked(self, positions: list[int]) -> str:
        """The first argument about these positions that cannot be weighed yet, and why."""
        st, labels = self.st, self.fix.labels
        for position in positions:
            if position == NO_NODE:
                continue
            for argument in st.args_of[position] or ():
                if self.fix.applicable[argument]:
                    continue
                name = self.name(st.relation_ids[argument])
                undercutter = st.undercutter[argument]
                if undercutter != NO_NODE and labels[undercutter] == UNDECIDED:
                    return f"whether {name} is undercut is itself undecided"
                premises = st.premises[argument]
                for premise in premises:
                    if labels[premise] == UNDECIDED:
                        if len(premises) == 1:  # named by that premise
                            return f"{name} is itself undecided"
                        return (
                            f"{name} cannot be weighed while its premise"
                            f" {self.statement_name(premise)} is undecided"
                        )
        return "its arguments depend on one another in a circle"

    def statement_name(self, node: int) -> str:
        """A statement's title (or text) in quotes, cut short."""
        statement = self.statement_at(node)
        if statement is None:
            return "an unknown statement"
        return _quoted(statement.title or statement.text or statement.id)

    def name(self, relation_id: str, *, kind: bool = True) -> str:
        """'the reason “…”', 'the objection “…”', 'the undercut “…”', by first premise.

        Without ``kind``, the premise alone (where the sentence says the kind).
        """
        relation = self.relation(relation_id)
        on_relation = relation.target in self.st.relation_index
        if relation.kind == RelationKind.SUPPORT:
            word = "backing" if on_relation else "reason"
        else:
            word = "undercut" if on_relation else "objection"
        first = self.statement_by_id(relation.premises[0])
        shown = _quoted(first.title or first.text or first.id) if first else relation_id
        more = len(relation.premises) - 1
        extra = f" with {more} co-premise{'s' if more > 1 else ''}" if more else ""
        return f"the {word} {shown}{extra}" if kind else f"{shown}{extra}"


def _quoted(text: str) -> str:
    flat = " ".join(text.split())
    if len(flat) > _NAME_LENGTH:
        flat = flat[: _NAME_LENGTH - 1].rstrip() + "…"
    return f"“{flat}”"
