"""Argdown's relations and inferences as argmap relations.

* Each inference step of a premise–conclusion structure is one linked support
  relation: the statements listed since the previous inference, plus the
  previous (intermediary) conclusion, are its co-premises — or exactly the
  statements its ``{uses: [1, 3]}`` metadata names (on the inference or, as
  Argdown also reads it, on the conclusion).
* A relation *from* a reconstructed argument starts at its main conclusion
  (as in Argdown's own model); one *to* it targets its last inference, so an
  undercut of an argument is an attack on that relation.
* An undercut of an argument that has no premise–conclusion structure (a
  statement in argmap) targets the relation that argument takes part in, if it
  takes part in exactly one.
* Attacks, undercuts, contraries and contradictions all become attacks;
  whatever meaning that loses is reported.
* A relation written as a line (``+``, ``-``, ``->`` …) is named by what it
  connects (``b-supports-a``, see :func:`relation_id_for`), not by its place,
  so diff and merge of two versions of a file match it up.
* Relations come in the order of the file: a relation written as a line where
  that line is, an argument's relations where the argument first appears (its
  ``<Title>`` or its premise–conclusion structure), so a statement's first
  relation, which decides its role, stays first.
* A conclusion marked ``{implicit: true}`` is not a statement: it stands for
  "what the premises jointly establish", and the single relation the argument
  has becomes the linked relation itself. This is how argmap writes a linked
  objection, or a linked reason for another relation, which Argdown has no
  direct way to express.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from argmap.formats.argdown_lexer import Notes
from argmap.formats.argdown_reader import Element, Model
from argmap.formats.argdown_tree import Document, Inference, Link, Node
from argmap.formats.argdown_yaml import dump_flow

__all__ = [
    "Rel",
    "implicit_conclusions",
    "inference_relations",
    "link_relations",
    "relation_id_for",
]

_MAX_ID = 64  # as Ids allows


@dataclass
class Rel:
    id: str
    kind: str
    premises: list[str]
    target: str
    attribution: dict[str, Any] | None = None
    at: tuple[int, int] = (0, 0)  # where the file states it: relations keep the file's order


def conclusion_of(model: Model, argument: Element) -> Element:
    assert argument.pcs is not None
    return model.by_node[id(argument.pcs.items[-1][1])]


def implicit_conclusions(
    model: Model, doc: Document, notes: Notes
) -> dict[int, tuple[Element, Link]]:
    """Arguments whose conclusion is implicit (by id), with the one link that says what it does."""
    chosen: dict[int, tuple[Element, Link]] = {}
    candidates = [
        a
        for a in model.elements
        if a.pcs is not None and conclusion_of(model, a).data.get("implicit") is True
    ]
    if not candidates:
        return chosen
    outgoing_of: dict[int, list[Link]] = {}
    incoming_of: dict[int, list[Link]] = {}
    for link in doc.links:
        outgoing_of.setdefault(id(link.source), []).append(link)
        incoming_of.setdefault(id(link.target), []).append(link)
    for argument in candidates:
        conclusion = conclusion_of(model, argument)
        outgoing = [
            link
            for n in [*argument.nodes, *conclusion.nodes]
            for link in outgoing_of.get(id(n), [])
        ]
        incoming = [link for n in conclusion.nodes for link in incoming_of.get(id(n), [])]
        if len(outgoing) == 1 and not incoming and len(conclusion.nodes) == 1:
            conclusion.implicit = True
            chosen[id(argument)] = (argument, outgoing[0])
        else:
            node = conclusion.nodes[0]
            notes.warn(
                f"the implicit conclusion of {argument.label()} needs exactly one relation from the"
                " argument; it is kept as a statement",
                node.line,
                node.column,
            )
    return chosen


def inference_relations(
    model: Model,
    notes: Notes,
    implicit: dict[int, tuple[Element, Link]],
    attribution: dict[int, dict[str, Any] | None],
) -> tuple[list[Rel], dict[int, str]]:
    """One linked support per inference step; also which relation each inference became."""
    relations: list[Rel] = []
    by_inference: dict[int, str] = {}
    for argument in model.elements:
        pcs = argument.pcs
        if pcs is None:
            continue
        conclusions = [index for index, item in enumerate(pcs.items) if item[2] is not None]
        at = min([(pcs.line, pcs.column), *((n.line, n.column) for n in argument.nodes)])
        previous: Element | None = None
        pending: list[Element] = []
        for step, index in enumerate(conclusions, start=1):
            _, node, inference = pcs.items[index]
            assert inference is not None
            start = conclusions[step - 2] + 1 if step > 1 else 0
            pending = [model.by_node[id(item[1])] for item in pcs.items[start:index]]
            premises = _uses(model, pcs.items[:index], inference, node, notes)
            if premises is None:
                premises = ([previous] if previous is not None else []) + pending
            target = model.by_node[id(node)]
            last = step == len(conclusions)
            relation_id = (
                argument.id
                if last
                else model.ids.claim(f"{argument.id}.{step}", f"{argument.id}.{step}")
            )
            premise_ids = _unique([p.id for p in premises if p is not target])
            if any(p is target for p in premises):
                notes.warn(
                    f"{target.label()} is listed among its own premises; left out",
                    inference.line,
                    inference.column,
                )
            _describe_inference(inference, target, notes)
            previous = target
            if not premise_ids:
                notes.warn(
                    "an inference with no premises before it; no relation is made",
                    inference.line,
                    inference.column,
                )
                continue
            kind, target_id = "support", target.id
            if last and id(argument) in implicit:
                kind, target_id = "", ""  # decided from the argument's one relation, below
            relations.append(
                Rel(
                    relation_id,
                    kind,
                    premise_ids,
                    target_id,
                    attribution.get(id(argument)) if last else None,
                    at,
                )
            )
            by_inference[id(inference)] = relation_id
    return relations, by_inference


def _uses(
    model: Model,
    items: list[tuple[int, Node, Inference | None]],
    inference: Inference,
    conclusion: Node,
    notes: Notes,
) -> list[Element] | None:
    """The premises a ``uses`` list names, or None to take the statements since the last step.

    As in Argdown's own model, the list may be the inference's metadata or, when the
    inference has none, the conclusion's: ``(7) text {uses: [3, 6]}``.
    """
    data = inference.content.data or {}
    uses = data.get("uses")
    at = inference.content.data_at or (inference.line, inference.column)
    if uses is None:
        own = conclusion.content.data or {}
        uses = own.get("uses")
        if uses is None:
            return None
        at = conclusion.content.data_at or (conclusion.line, conclusion.column)
        model.by_node[id(conclusion)].data.pop("uses", None)  # used here, not kept in the note
    if not isinstance(uses, list) or not all(
        isinstance(u, int) and not isinstance(u, bool) for u in uses
    ):
        notes.warn("'uses' should list statement numbers, e.g. {uses: [1, 2]}; ignored", *at)
        return None
    by_number = {number: model.by_node[id(node)] for number, node, _ in items}
    missing = [u for u in uses if u not in by_number]
    if missing:
        notes.warn(f"'uses' names statements {missing} that do not come before this inference", *at)
    return [by_number[u] for u in uses if u in by_number]


def _describe_inference(inference: Inference, conclusion: Element, notes: Notes) -> None:
    """Rule names and other inference metadata: argmap has no place for them but the note."""
    if inference.rules:
        conclusion.notes.append("Inferred by: " + ", ".join(inference.rules))
        notes.warn(
            f"inference rule(s) {', '.join(inference.rules)} kept in the note of"
            f" {conclusion.label()}",
            inference.line,
            inference.column,
        )
    data = inference.content.data or {}
    at = inference.content.data_at or (inference.line, inference.column)
    for key, value in data.items():
        if key != "uses":
            conclusion.notes.append(f"Inference data: {dump_flow({key: value})}")
            notes.warn(f"inference metadata '{key}' kept in the note of {conclusion.label()}", *at)
    for raw in inference.content.raw_data:
        conclusion.notes.append(f"Inference data: {raw}")
    for tag in inference.content.tags:
        conclusion.notes.append(f"Inference tag: #{tag}")
        notes.warn(f"inference tag #{tag} kept in the note of {conclusion.label()}", *at)


def _unique(ids: list[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def link_relations(
    model: Model,
    doc: Document,
    notes: Notes,
    relations: list[Rel],
    by_inference: dict[int, str],
    implicit: dict[int, tuple[Element, Link]],
) -> list[Rel]:
    """Every relation written with ``+``, ``-``, ``_``, ``><`` and their arrows."""
    implicit_links = {id(link): argument for argument, link in implicit.values()}
    by_id = {r.id: r for r in relations}
    seen: set[tuple[str, tuple[str, ...], str]] = set()  # a relation stated twice is one relation
    undercuts: list[tuple[Link, str, Element]] = []

    def add(kind: str, premise: str, target: str, link: Link) -> None:
        key = (kind, (premise,), target)
        if key in seen:
            return
        seen.add(key)
        relation_id = model.ids.claim(None, relation_id_for(premise, kind, target))
        relations.append(Rel(relation_id, kind, [premise], target, at=(link.line, link.column)))

    for link in doc.links:
        source = model.by_node[id(link.source)] if isinstance(link.source, Node) else None
        if source is None:
            continue
        premise = source.id if source.pcs is None else _conclusion_id(model, source)
        kind = "support" if link.type == "support" else "attack"
        if id(link) in implicit_links:
            relation = by_id.get(implicit_links[id(link)].id)
            if relation is None:  # its inference had no premises, so there is no relation
                notes.warn(
                    f"{source.label()} has no premises, so its linked relation is left out",
                    link.line,
                    link.column,
                )
                continue
            target_id = _endpoint(model, link, by_inference)
            if target_id is None or target_id == relation.id or target_id in relation.premises:
                notes.warn(
                    f"the linked relation of {source.label()} would aim at itself or at one of its"
                    " premises; left out",
                    link.line,
                    link.column,
                )
                target_id = ""
            relation.kind, relation.target = kind, target_id
            continue
        if isinstance(link.target, Inference):
            target_id = by_inference.get(id(link.target))
            if target_id is None:
                continue
            if link.type == "support":
                notes.warn(
                    "a support for an inference is read as a support for its relation",
                    link.line,
                    link.column,
                )
            add(kind, premise, target_id, link)
            continue
        target = model.by_node[id(link.target)]
        if link.type == "contradictory":
            notes.warn(
                f"{source.label()} and {target.label()} contradict each other; argmap keeps this"
                f" as an attack of the first on the second",
                link.line,
                link.column,
            )
        if target.pcs is None and target.kind == "argument" and link.type == "undercut":
            undercuts.append((link, premise, target))
            continue
        if target.pcs is None and link.type == "undercut":
            notes.warn(
                f"an undercut of {target.label()}, a statement, is read as an attack on it",
                link.line,
                link.column,
            )
        if target.pcs is not None and link.type == "attack":
            notes.warn(
                f"an attack on {target.label()}, an argument, is read as an attack on its inference"
                " (an undercut)",
                link.line,
                link.column,
            )
        target_id = target.id
        if premise == target_id:
            if not (source.pcs is not None and link.type == "support"):
                notes.warn(
                    f"{source.label()} cannot relate to itself; this relation is left out",
                    link.line,
                    link.column,
                )
            continue
        add(kind, premise, target_id, link)
    single: dict[str, list[str]] = {}
    for relation in relations:
        if len(relation.premises) == 1 and relation.kind:
            single.setdefault(relation.premises[0], []).append(relation.id)
    for link, premise, target in undercuts:
        outgoing = single.get(target.id, [])
        if len(outgoing) == 1:
            add("attack", premise, outgoing[0], link)
        else:
            notes.warn(
                f"{target.label()} takes part in {len(outgoing)} relations, so its undercut cannot"
                " name one; read as an attack on the argument itself",
                link.line,
                link.column,
            )
            if premise != target.id:
                add("attack", premise, target.id, link)
    relations.sort(key=lambda r: r.at)  # stable: the steps of one argument stay in order
    return [r for r in relations if r.kind and r.target]


def relation_id_for(premise: str, kind: str, target: str) -> str:
    """The id of a relation written as a line: what it connects, so that it stays the same
    wherever the line moves and whatever is added around it (``b-supports-a``).

    One too long for an id keeps its start and ends in a digest of the whole; one that is
    taken (by a statement, say) gets ``-2``, ``-3`` … when it is claimed.
    """
    verb = "supports" if kind == "support" else "attacks"
    whole = f"{premise}-{verb}-{target}"
    if len(whole) <= _MAX_ID:
        return whole
    digest = hashlib.blake2s(whole.encode(), digest_size=4).hexdigest()
    return f"{whole[: _MAX_ID - len(digest) - 1].rstrip('-_.')}-{digest}"


def _conclusion_id(model: Model, argument: Element) -> str:
    return conclusion_of(model, argument).id


def _endpoint(model: Model, link: Link, by_inference: dict[int, str]) -> str | None:
    """The id a link's target stands for: a statement, or the relation of an inference."""
    if isinstance(link.target, Inference):
        return by_inference.get(id(link.target))
    return model.by_node[id(link.target)].id
