"""An argument map as a forest: which card hangs under which, in which order.

A map is a graph (a statement may be a premise of several relations, and
relations may form cycles); the tree layout needs a forest. The rules:

* A statement hangs under the target of the first relation, in file order,
  that it is a premise of: its *home*. Further relations it is a premise of
  are *cross-links*, drawn as extra curves, never as a second card.
* A relation with several premises, or one that an undercut attacks, gets a
  *junction* node under its target; its premises hang side by side under the
  junction, followed by the undercuts that attack it.
* Statements that are premises of nothing (main claims) are the roots, in
  file order. A cycle of homes (A's home is B and B's is A) is broken by
  making its first statement in file order a root.
* Siblings keep the file's order, except that members of one group are
  gathered where the group's first member is, so the group stays together.

Everything here is a pure function of the map, so the same map always gives
the same forest.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from argmap.model import ArgumentMap

__all__ = ["Forest", "build_forest"]


@dataclass
class Forest:
    """Nodes are numbered: statements first (in file order), then junctions.

    ``home[v]`` is the id of the relation that put ``v`` under its parent
    (``None`` for roots); ``group[v]`` the innermost group of a statement.
    """

    ids: list[str]
    statement_count: int
    parent: list[int]
    children: list[list[int]]
    roots: list[int]
    junction: dict[str, int] = field(default_factory=dict)  # relation id -> node
    home: list[str | None] = field(default_factory=list)

    def index(self) -> dict[str, int]:
        return {name: v for v, name in enumerate(self.ids)}


def build_forest(argument_map: ArgumentMap) -> Forest:
    """The forest of ``argument_map``; dangling ids are skipped, cycles broken.

    One pass over the relations in file order gives every node its parent
    and every parent its children in order (a junction's own premises are
    kept apart and put before the undercuts that attack it).
    """
    statements = argument_map.statements
    relations = argument_map.relations
    ids = [s.id for s in statements]
    node = {sid: v for v, sid in enumerate(ids)}
    count = len(ids)
    targeted = {r.target for r in relations}
    junction: dict[str, int] = {}
    for relation in relations:
        rid = relation.id
        if (len(relation.premises) > 1 or rid in targeted) and rid not in junction:
            junction[rid] = len(ids)
            ids.append(rid)
    n = len(ids)
    parent = [-1] * n
    home: list[str | None] = [None] * n
    children: list[list[int]] = [[] for _ in range(n)]
    own: dict[int, list[int]] = {}  # junction -> its own premises, in order
    node_get, junction_get = node.get, junction.get
    for relation in relations:
        target = relation.target
        above = node_get(target)
        if above is None:
            above = junction_get(target, -1)
            if above < 0:
                continue  # a dangling target: validation reports it
        rid = relation.id
        j = junction_get(rid, -1)
        if j >= 0:
            if home[j] is None:
                parent[j], home[j] = above, rid
                children[above].append(j)
            premises = own.setdefault(j, [])
            for premise in relation.premises:
                v = node_get(premise, -1)
                if v >= 0 and home[v] is None and v != j:
                    parent[v], home[v] = j, rid
                    premises.append(v)
            continue
        v = node_get(relation.premises[0], -1)
        if v >= 0 and home[v] is None and v != above:
            parent[v], home[v] = above, rid
            children[above].append(v)
    for j, premises in own.items():
        children[j][:0] = premises
    for v, old in _break_cycles(parent, home):
        children[old].remove(v)
    _gather_groups(argument_map, children, count, ids, own)
    roots = [v for v in range(n) if parent[v] < 0]
    return Forest(ids, count, parent, children, roots, junction, home)


def _break_cycles(parent: list[int], home: list[str | None]) -> list[tuple[int, int]]:
    """Every node's chain of parents must end at a root: cut each cycle at its first node.

    Returns the (node, former parent) pairs that were cut.
    """
    state = [0] * len(parent)  # 0 unseen, 1 on the current chain, 2 known to reach a root
    cut: list[tuple[int, int]] = []
    for start in range(len(parent)):
        if state[start]:
            continue
        chain = []
        v = start
        while v >= 0 and state[v] == 0:
            state[v] = 1
            chain.append(v)
            v = parent[v]
        if v >= 0 and state[v] == 1:  # the chain closed on itself: v..end is a cycle
            cycle = chain[chain.index(v) :]
            first = min(cycle)  # statements come first, in file order
            cut.append((first, parent[first]))
            parent[first], home[first] = -1, None
        for u in chain:
            state[u] = 2
    return cut


def _gather_groups(
    argument_map: ArgumentMap,
    children: list[list[int]],
    count: int,
    ids: list[str],
    own: dict[int, list[int]],
) -> None:
    """Bring members of a group (and of its subgroups) next to the group's first member.

    A junction counts as a member of the groups its own premises share: a
    linked argument among a group's reasons stays where it is among them.
    """
    if not argument_map.groups:
        return
    paths = _group_paths(argument_map)
    if not paths:
        return
    path_of = [paths.get(ids[v], ()) if v < count else () for v in range(len(ids))]
    for j, premises in own.items():
        path_of[j] = _shared_path([path_of[v] for v in premises])
    for v, kids in enumerate(children):
        if len(kids) > 1 and any(path_of[k] for k in kids):
            children[v] = _gathered(kids, path_of, 0)


def _shared_path(paths: list[tuple[str, ...]]) -> tuple[str, ...]:
    """The chain of groups that every one of ``paths`` starts with (none for no paths)."""
    if not paths:
        return ()
    shared = paths[0]
    for path in paths[1:]:
        length = 0
        while length < min(len(shared), len(path)) and shared[length] == path[length]:
            length += 1
        shared = shared[:length]
    return shared


def _gathered(kids: list[int], path_of: list[tuple[str, ...]], level: int) -> list[int]:
    buckets: dict[str, list[int]] = {}
    order: list[tuple[str | None, int]] = []
    for k in kids:
        path = path_of[k]
        if len(path) <= level:
            order.append((None, k))
            continue
        key = path[level]
        if key not in buckets:
            buckets[key] = []
            order.append((key, k))
        buckets[key].append(k)
    result: list[int] = []
    for bucket, k in order:
        if bucket is None:
            result.append(k)
        else:
            members = buckets[bucket]
            result.extend(_gathered(members, path_of, level + 1) if len(members) > 1 else members)
    return result


def _group_paths(argument_map: ArgumentMap) -> dict[str, tuple[str, ...]]:
    """Each grouped statement's chain of groups, outermost first."""
    by_id = {g.id: g for g in argument_map.groups}
    chains: dict[str, tuple[str, ...]] = {}

    def chain(group_id: str) -> tuple[str, ...]:
        found = chains.get(group_id)
        if found is not None:
            return found
        names: list[str] = []
        current: str | None = group_id
        while current is not None and current in by_id and current not in names and len(names) < 32:
            names.append(current)
            current = by_id[current].parent
        chains[group_id] = tuple(reversed(names))
        return chains[group_id]

    paths: dict[str, tuple[str, ...]] = {}
    for group in argument_map.groups:
        for statement_id in group.statements:
            paths.setdefault(statement_id, chain(group.id))
    return paths
