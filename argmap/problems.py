"""Integrity checks a schema cannot express: ids that must resolve, cycles to warn about.

Every problem carries the JSON path of the offending value (``relations[3].target``)
so that loaders, ``argmap validate`` and the editor can point at it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Protocol

from argmap.errors import Problem, Severity

if TYPE_CHECKING:
    from argmap.model import ArgumentMap, Relation, Statement

__all__ = ["errors_only", "find_cycles", "find_errors", "find_problems"]


def errors_only(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]


def find_problems(argument_map: ArgumentMap) -> list[Problem]:
    """All errors and warnings of a structurally valid map, in file order."""
    return [*find_errors(argument_map), *_warnings(argument_map)]


def find_errors(argument_map: ArgumentMap) -> list[Problem]:
    """The errors alone: what stops a map from loading.

    Loading checks only these; looking for warnings (circular arguments
    walk the whole graph) is left to ``argmap validate`` and the editor.
    """
    return [
        *_duplicate_ids(argument_map),
        *_relation_problems(argument_map),
        *_attribution_problems(argument_map),
        *_group_problems(argument_map),
        *_layout_problems(argument_map),
    ]


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


def _duplicates(
    items: Sequence[_Identified], prefix: str, what: str, seen: dict[str, tuple[str, int]]
) -> Iterator[Problem]:
    """Ids used before, in ``items`` or where ``seen`` (id: list and index) has them."""
    for index, item in enumerate(items):
        first = seen.setdefault(item.id, (prefix, index))
        if first[1] != index or first[0] != prefix:  # paths are written only for problems
            yield Problem(
                f"{prefix}[{index}].id",
                f"{what} id {item.id!r} is already used at {first[0]}[{first[1]}].id",
            )


def _duplicate_ids(m: ArgumentMap) -> Iterator[Problem]:
    node_ids: dict[str, tuple[str, int]] = {}
    yield from _duplicates(m.statements, "statements", "statement", node_ids)
    yield from _duplicates(m.relations, "relations", "relation", node_ids)
    yield from _duplicates(m.sources, "sources", "source", {})
    yield from _duplicates(m.groups, "groups", "group", {})


def _relation_problems(m: ArgumentMap) -> Iterator[Problem]:
    statement_ids = {s.id for s in m.statements}
    relation_ids = {r.id for r in m.relations}
    for index, relation in enumerate(m.relations):
        premises = relation.premises
        target = relation.target
        if (  # the common case, told at once: paths are written out only for problems
            statement_ids.issuperset(premises)
            and len(set(premises)) == len(premises)
            and target != relation.id
            and (target in statement_ids or target in relation_ids)
            and target not in premises
        ):
            continue
        yield from _one_relations_problems(
            relation, f"relations[{index}]", statement_ids, relation_ids
        )


def _one_relations_problems(
    relation: Relation, path: str, statement_ids: set[str], relation_ids: set[str]
) -> Iterator[Problem]:
    seen: set[str] = set()
    for p_index, premise in enumerate(relation.premises):
        where = f"{path}.premises[{p_index}]"
        if premise in relation_ids and premise not in statement_ids:
            yield Problem(where, f"premise {premise!r} is a relation; premises are statements")
        elif premise not in statement_ids:
            yield Problem(where, f"unknown statement {premise!r}")
        if premise in seen:
            yield Problem(where, f"statement {premise!r} is listed twice as a premise")
        seen.add(premise)
    target = relation.target
    if target == relation.id:
        yield Problem(f"{path}.target", "a relation cannot target itself")
    elif target not in statement_ids and target not in relation_ids:
        yield Problem(f"{path}.target", f"unknown statement or relation {target!r}")
    elif target in seen:
        yield Problem(f"{path}.target", f"statement {target!r} cannot be a premise for itself")


def _attribution_problems(m: ArgumentMap) -> Iterator[Problem]:
    source_ids = {s.id for s in m.sources}
    parts: tuple[tuple[str, Sequence[Statement | Relation]], ...] = (
        ("statements", m.statements),
        ("relations", m.relations),
    )
    for prefix, elements in parts:
        for index, element in enumerate(elements):
            attribution = element.attribution
            if attribution and attribution.source and attribution.source not in source_ids:
                yield Problem(
                    f"{prefix}[{index}].attribution.source",
                    f"unknown source {attribution.source!r}",
                )


def _group_problems(m: ArgumentMap) -> Iterator[Problem]:
    statement_ids = {s.id for s in m.statements}
    group_ids = {g.id for g in m.groups}
    member_of: dict[str, str] = {}
    for index, group in enumerate(m.groups):
        path = f"groups[{index}]"
        for s_index, statement_id in enumerate(group.statements):
            where = f"{path}.statements[{s_index}]"
            if statement_id not in statement_ids:
                yield Problem(where, f"unknown statement {statement_id!r}")
            elif statement_id in member_of and member_of[statement_id] != group.id:
                yield Problem(
                    where,
                    f"statement {statement_id!r} is already in group {member_of[statement_id]!r};"
                    " a statement belongs to one group at most",
                )
            else:
                member_of[statement_id] = group.id
        if group.parent is not None:
            if group.parent not in group_ids:
                yield Problem(f"{path}.parent", f"unknown group {group.parent!r}")
            elif _parent_chain_loops(m, group.id):
                yield Problem(f"{path}.parent", "groups cannot contain each other in a circle")


def _parent_chain_loops(m: ArgumentMap, group_id: str) -> bool:
    parents = {g.id: g.parent for g in m.groups}
    seen = {group_id}
    current = parents.get(group_id)
    while current is not None:
        if current in seen:
            return True
        seen.add(current)
        current = parents.get(current)
    return False


def _layout_problems(m: ArgumentMap) -> Iterator[Problem]:
    statement_ids = {s.id for s in m.statements}
    for statement_id in m.layout.positions:
        if statement_id not in statement_ids:
            yield Problem(
                f"layout.positions.{statement_id}",
                f"position for unknown statement {statement_id!r}",
            )


def _warnings(m: ArgumentMap) -> Iterator[Problem]:
    for index, statement in enumerate(m.statements):
        if not statement.text.strip():
            yield Problem(f"statements[{index}].text", "the text is empty", Severity.WARNING)
    index_of = {s.id: i for i, s in enumerate(m.statements)}
    for cycle in find_cycles(m):
        route = " -> ".join([*cycle, cycle[0]])
        yield Problem(
            f"statements[{index_of[cycle[0]]}]",
            f"circular argument: {route}",
            Severity.WARNING,
        )


def find_cycles(m: ArgumentMap) -> list[list[str]]:
    """Circles of statements, each premise leading to its target.

    Debates do contain circular reasoning, so these are warnings. Iterative
    (no recursion limit on long chains); each statement is reported in one
    cycle at most.
    """
    statement_ids = {s.id for s in m.statements}
    relations = {r.id: r for r in m.relations}
    edges: dict[str, list[str]] = {s.id: [] for s in m.statements}
    resolved: dict[str, str | None] = {}
    for relation in m.relations:
        target = _statement_target(relation.target, relations, statement_ids, resolved)
        if target is None:
            continue
        for premise in relation.premises:
            if premise in edges:
                edges[premise].append(target)
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    in_cycle: set[str] = set()
    for start, successors_of_start in edges.items():
        if state.get(start):
            continue
        path: list[str] = []
        stack: list[tuple[str, Iterator[str]]] = [(start, iter(successors_of_start))]
        state[start] = 1
        path.append(start)
        while stack:
            node, successors = stack[-1]
            advanced = False
            for successor in successors:
                if state.get(successor) == 1:
                    cycle = path[path.index(successor) :]
                    if not in_cycle.intersection(cycle):
                        cycles.append(cycle)
                        in_cycle.update(cycle)
                elif not state.get(successor):
                    state[successor] = 1
                    path.append(successor)
                    stack.append((successor, iter(edges[successor])))
                    advanced = True
                    break
            if not advanced:
                state[node] = 2
                path.pop()
                stack.pop()
    return cycles


def _statement_target(
    target: str,
    relations: dict[str, Relation],
    statement_ids: set[str],
    resolved: dict[str, str | None],
) -> str | None:
    """The statement a relation finally bears on (following undercuts to their inference).

    Every id passed on the way is remembered in ``resolved``, so a long chain
    of undercuts is walked once in all, not once per relation.
    """
    walked: list[str] = []
    seen: set[str] = set()
    answer: str | None = None
    while True:
        if target in statement_ids:
            answer = target
            break
        if target in resolved:
            answer = resolved[target]
            break
        if target in seen or target not in relations:
            break  # a circle of undercuts or a dangling id: no statement
        seen.add(target)
        walked.append(target)
        target = relations[target].target
    for relation_id in walked:
        resolved[relation_id] = answer
    return answer
