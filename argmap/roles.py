"""Roles are derived from the relations, never stored.

A statement that supports is a *reason*; one that attacks is an *objection*;
an attack on an objection (or on an objection's inference) is a *rebuttal*,
and an attack on a rebuttal is an objection again; an undercut takes the role
an attack on the undercut argument's first premise would have;
statements that are premises of nothing are the *main claims*. A statement
that is a premise several times takes its role from its first relation in the
file, so the author controls it by ordering.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from argmap.model import RelationKind

if TYPE_CHECKING:
    from argmap.model import ArgumentMap, Relation

__all__ = ["Role", "compute_roles", "is_undercut"]


class Role(StrEnum):
    MAIN_CLAIM = "main claim"
    REASON = "reason"
    OBJECTION = "objection"
    REBUTTAL = "rebuttal"


def is_undercut(argument_map: ArgumentMap, relation: Relation) -> bool:
    """An attack whose target is another relation: it questions the inference itself."""
    return relation.kind == RelationKind.ATTACK and any(
        r.id == relation.target for r in argument_map.relations
    )


def compute_roles(argument_map: ArgumentMap) -> dict[str, Role]:
    """Each statement's role, by id, in linear time.

    Only an attack on a statement needs another role (that of its target), so
    chains of attacks are walked iteratively, and a circle of attacks simply
    starts alternating at the statement where it closes.
    """
    relations = {r.id: r for r in argument_map.relations}
    first_relation: dict[str, Relation] = {}
    for relation in argument_map.relations:
        for premise in relation.premises:
            first_relation.setdefault(premise, relation)
    statement_ids = {s.id for s in argument_map.statements}
    roles: dict[str, Role] = {}

    def direct_role(statement_id: str) -> Role | None:
        """The role if it does not depend on another statement's role."""
        relation = first_relation.get(statement_id)
        if relation is None:
            return Role.MAIN_CLAIM
        if relation.kind == RelationKind.SUPPORT:
            return Role.REASON
        return None

    def attacked_statement(statement_id: str) -> str | None:
        """Whose role an attack answers: its target, or for an undercut the attacked premise."""
        target = first_relation[statement_id].target
        attacked = relations.get(target)
        if attacked is not None:  # an undercut answers the argument the inference belongs to
            return attacked.premises[0] if attacked.premises else None
        return target

    for statement in argument_map.statements:
        chain: list[str] = []
        on_chain: set[str] = set()
        current: str | None = statement.id
        base: Role | None = None
        while True:
            if current in roles:
                base = roles[current]
                break
            if current is None or current in on_chain or current not in statement_ids:
                break  # a circle of attacks alternates from here; a dangling id has no role
            role = direct_role(current)
            if role is not None:
                roles[current] = base = role
                break
            chain.append(current)
            on_chain.add(current)
            current = attacked_statement(current)
        for item in reversed(chain):
            roles[item] = base = _attack_role(base)
    return roles


def _attack_role(target_role: Role | None) -> Role:
    return Role.REBUTTAL if target_role is Role.OBJECTION else Role.OBJECTION
