"""Why a statement has its label: one or two sentences that name the arguments.

Explanations are made on demand (the editor asks for the selected statement
only), from the final labels and weights; nothing here changes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from argmap.evaluation.labelling import ALPHA, BETA
from argmap.evaluation.structure import IN, NO_NODE, OUT, UNDECIDED
from argmap.model import Acceptance, ProofStandard, RelationKind

if TYPE_CHECKING:
    from argmap.evaluation import Evaluation, Label

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
    def __init__(self, evaluation: Evaluation) -> None:
        self.evaluation = evaluation
        self.st = evaluation.structure
        self.fix = evaluation.fixpoint
        self.relations = {r.id: r for r in evaluation.map.relations}
        self.names = {s.id: s for s in evaluation.map.statements}
        self.statement_of = {node: sid for sid, node in self.st.statement_node.items()}

    def statement(self, statement_id: str) -> Explanation:
        node = self.st.statement_node[statement_id]
        mark = self.evaluation.statements[statement_id]
        negation = self.st.partner[node]
        if self.st.initial[node] != UNDECIDED:
            accepted = self.names[statement_id].acceptance == Acceptance.ACCEPTED
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
        mark = self.evaluation.statements[self.statement_of[node]]
        labels = self.fix.labels
        against = (
            f"the strongest argument against it, {self.name(con[0])}"
            f" (weight {format_weight(con[1])})"
            if con is not None
            else "nothing against it (no argument against it carries weight)"
        )
        if labels[node] == IN:
            assert pro is not None
            text = (
                f"In: {self.name(pro[0])} (weight {format_weight(pro[1])}) outweighs {against}"
                f", as its proof standard asks: {_REQUIREMENT[self.st.standard[node]]}."
            )
            return Explanation(mark, text, pro[0], pro, con)
        if labels[negation] == IN and con is not None:
            side = (
                f"the strongest argument for it, {self.name(pro[0])}"
                f" (weight {format_weight(pro[1])})"
                if pro is not None
                else "anything for it (no argument for it carries weight)"
            )
            text = (
                f"Out: {self.name(con[0])} (weight {format_weight(con[1])})"
                f" against it outweighs {side}."
            )
            return Explanation(mark, text, con[0], pro, con)
        if pro is None:
            return Explanation(mark, "Out: " + self.unsupported(node) + ".", None, pro, con)
        text = (
            f"Out: the strongest argument for it, {self.name(pro[0])}"
            f" (weight {format_weight(pro[1])}), does not beat {against}"
            f" by what its proof standard asks: {_REQUIREMENT[self.st.standard[node]]}."
        )
        return Explanation(mark, text, con[0] if con else pro[0], pro, con)

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

    def unsupported(self, node: int) -> str:
        """Why no argument for ``node`` carries weight."""
        arguments = self.st.args_of[node] or []
        if not arguments:
            return "no argument supports it, and you have not accepted it"
        return "no argument for it carries weight: " + self.weightless(arguments[0])

    def weightless(self, argument: int) -> str:
        st, labels = self.st, self.fix.labels
        name = self.name(st.relation_ids[argument])
        undercutter = st.undercutter[argument]
        if undercutter != NO_NODE and labels[undercutter] == IN:
            by = self.strongest(undercutter)
            return f"{name} is undercut" + (f" by {self.name(by[0])}" if by else "")
        missing = [p for p in st.premises[argument] if labels[p] != IN]
        if not missing:
            return f"{name} weighs 0"
        what = "out" if labels[missing[0]] == OUT else "not in"
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
                for premise in st.premises[argument]:
                    if labels[premise] == UNDECIDED:
                        return (
                            f"{name} cannot be weighed while its premise"
                            f" {self.statement_name(premise)} is undecided"
                        )
        return "its arguments depend on one another in a circle"

    def statement_name(self, node: int) -> str:
        sid = self.statement_of.get(node)
        if sid is None:
            return "an unknown statement"
        return _quoted(self.names[sid].title or self.names[sid].text or sid)

    def name(self, relation_id: str) -> str:
        """'the reason “…”', 'the objection “…”', 'the undercut “…”', by first premise."""
        relation = self.relations[relation_id]
        on_relation = relation.target in self.relations
        if relation.kind == RelationKind.SUPPORT:
            word = "backing" if on_relation else "reason"
        else:
            word = "undercut" if on_relation else "objection"
        first = self.names.get(relation.premises[0])
        shown = _quoted(first.title or first.text or first.id) if first else relation_id
        more = len(relation.premises) - 1
        extra = f" with {more} co-premise{'s' if more > 1 else ''}" if more else ""
        return f"the {word} {shown}{extra}"


def _quoted(text: str) -> str:
    flat = " ".join(text.split())
    if len(flat) > _NAME_LENGTH:
        flat = flat[: _NAME_LENGTH - 1].rstrip() + "…"
    return f"“{flat}”"
