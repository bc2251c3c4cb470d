"""What a written map gives back when read again, compared with the map, field by field.

Elements are matched by id where the id came back, else by text (statements), position
(sources), title (groups) and shape (relations: kind, premises, target), so a format that
renames everything is still compared field by field. Each difference is (element, id,
field) in the terms of :class:`argmap.formats.losses.Loss`.
"""

from __future__ import annotations

from argmap.formats.losses import Loss
from argmap.model import ArgumentMap, Attribution, Relation, Statement
from argmap.roles import compute_roles

_MAP_FIELDS = ("title", "description", "authors", "created", "modified")
_STATEMENT_FIELDS = ("title", "note", "acceptance", "standard", "tags")
_SOURCE_FIELDS = ("title", "author", "publisher", "url", "date", "text")


def differences(before: ArgumentMap, after: ArgumentMap) -> set[Loss]:
    """Every field of ``before`` that ``after`` does not hold as it was."""
    found: set[Loss] = set()
    statements = _match_statements(before, after, found)
    sources = _match_sources(before, after, found)
    for statement in before.statements:
        other = statements.get(statement.id)
        if other is not None:
            _compare_statement(statement, other, sources, found)
    relations = _compare_relations(before, after, statements, sources, found)
    _compare_groups(before, after, statements, found)
    _compare_orders(before, after, statements, relations, found)
    for field in _MAP_FIELDS:
        if getattr(before, field) != getattr(after, field):
            found.add(Loss("map", "", field))
    for field in ("direction", "theme"):
        if getattr(before.layout, field) != getattr(after.layout, field):
            found.add(Loss("map", "", f"layout.{field}"))
    for statement_id, position in before.layout.positions.items():
        other = statements.get(statement_id)
        if other is None or after.layout.positions.get(other.id) != position:
            found.add(Loss("statement", statement_id, "position"))
    return found


def _normal(text: str) -> str:
    return " ".join(text.split())


def _match_statements(
    before: ArgumentMap, after: ArgumentMap, found: set[Loss]
) -> dict[str, Statement]:
    by_id = {s.id: s for s in after.statements}
    by_text: dict[str, list[Statement]] = {}
    for statement in after.statements:
        by_text.setdefault(_normal(statement.text), []).append(statement)
    matched: dict[str, Statement] = {}
    for statement in before.statements:
        same = by_id.get(statement.id)
        if same is not None and _normal(same.text) == _normal(statement.text):
            matched[statement.id] = same
            by_text[_normal(same.text)].remove(same)
    for statement in before.statements:
        if statement.id not in matched:
            candidates = by_text.get(_normal(statement.text))
            if candidates:
                matched[statement.id] = candidates.pop(0)
            else:
                found.add(Loss("statement", statement.id, "statement"))
    return matched


def _match_sources(before: ArgumentMap, after: ArgumentMap, found: set[Loss]) -> dict[str, str]:
    by_id = {s.id: s for s in after.sources}
    matched: dict[str, str] = {}
    for index, source in enumerate(before.sources):
        other = by_id.get(source.id) or (
            after.sources[index] if index < len(after.sources) else None
        )
        if other is None:
            found.add(Loss("source", source.id, "source"))
            continue
        matched[source.id] = other.id
        if other.id != source.id:
            found.add(Loss("source", source.id, "id"))
        for field in _SOURCE_FIELDS:
            if getattr(source, field) != getattr(other, field):
                found.add(Loss("source", source.id, field))
    return matched


def _compare_attribution(
    element: str,
    element_id: str,
    before: Attribution | None,
    after: Attribution | None,
    sources: dict[str, str],
    found: set[Loss],
) -> None:
    for part in ("speaker", "quote", "date", "source"):
        was = getattr(before, part) if before is not None else None
        now = getattr(after, part) if after is not None else None
        if part == "source" and was is not None:
            was = sources.get(was)
        if was != now:
            found.add(Loss(element, element_id, f"attribution.{part}"))


def _compare_statement(
    statement: Statement, other: Statement, sources: dict[str, str], found: set[Loss]
) -> None:
    if other.id != statement.id:
        found.add(Loss("statement", statement.id, "id"))
    if other.text != statement.text:
        found.add(Loss("statement", statement.id, "text"))
    for field in _STATEMENT_FIELDS:
        if getattr(statement, field) != getattr(other, field):
            found.add(Loss("statement", statement.id, field))
    _compare_attribution(
        "statement", statement.id, statement.attribution, other.attribution, sources, found
    )


def _compare_relations(
    before: ArgumentMap,
    after: ArgumentMap,
    statements: dict[str, Statement],
    sources: dict[str, str],
    found: set[Loss],
) -> dict[str, Relation]:
    """Match relations by shape; one whose shape did not come back lost all it held."""
    unmatched_after = list(after.relations)
    matched: dict[str, Relation] = {}
    waiting = list(before.relations)
    progress = True
    while waiting and progress:  # a relation aimed at a relation waits for that one
        progress = False
        for relation in list(waiting):
            target = statements.get(relation.target) or matched.get(relation.target)
            if target is None and relation.target in {r.id for r in waiting}:
                continue
            premises = sorted(statements[p].id for p in relation.premises if p in statements)
            shape = (relation.kind, premises, target.id if target is not None else None)
            same = [r for r in unmatched_after if (r.kind, sorted(r.premises), r.target) == shape]
            if same:
                other = next((r for r in same if r.id == relation.id), same[0])
                unmatched_after.remove(other)
                matched[relation.id] = other
            waiting.remove(relation)
            progress = True
    relation_ids = {r.id for r in before.relations}
    for relation in before.relations:
        other = matched.get(relation.id)
        if other is None:
            if len(relation.premises) > 1:
                found.add(Loss("relation", relation.id, "premises"))
            if relation.target in relation_ids:
                found.add(Loss("relation", relation.id, "target"))
            if len(relation.premises) == 1 and relation.target not in relation_ids:
                found.add(Loss("relation", relation.id, "relation"))
            other = Relation(id="gone", kind=relation.kind, premises=["gone"], target="gone")
        elif other.id != relation.id:
            found.add(Loss("relation", relation.id, "id"))
        for field in ("weighing", "weight"):
            if getattr(relation, field) != getattr(other, field):
                found.add(Loss("relation", relation.id, field))
        _compare_attribution(
            "relation", relation.id, relation.attribution, other.attribution, sources, found
        )
    return matched


def _compare_orders(
    before: ArgumentMap,
    after: ArgumentMap,
    statements: dict[str, Statement],
    relations: dict[str, Relation],
    found: set[Loss],
) -> None:
    """The order of statements, of relations and of each group's statements, and the roles."""
    for field, elements, matched, again in (
        ("order.statements", before.statements, statements, after.statements),
        ("order.relations", before.relations, relations, after.relations),
    ):
        ids = [matched[e.id].id for e in elements if e.id in matched]
        if ids != [e.id for e in again if e.id in set(ids)]:
            found.add(Loss("map", "", field))
    by_id = {g.id: g for g in after.groups}
    for group in before.groups:
        members = [statements[s].id for s in group.statements if s in statements]
        other = by_id.get(group.id)
        same_members = other is not None and set(other.statements) == set(members)
        if same_members and other is not None and other.statements != members:
            found.add(Loss("group", group.id, "order"))
    roles, roles_after = compute_roles(before), compute_roles(after)
    for statement_id, other in statements.items():
        if roles.get(statement_id) != roles_after.get(other.id):
            found.add(Loss("statement", statement_id, "role"))


def _compare_groups(
    before: ArgumentMap, after: ArgumentMap, statements: dict[str, Statement], found: set[Loss]
) -> None:
    by_id = {g.id: g for g in after.groups}
    for group in before.groups:
        other = by_id.get(group.id) or next(
            (g for g in after.groups if g.title == group.title), None
        )
        members = {statements[s].id for s in group.statements if s in statements}
        if (
            other is None
            or other.title != group.title
            or set(other.statements) != members
            or other.parent != group.parent
        ):
            found.add(Loss("group", group.id, "group"))
