"""Edits to a map as a person makes them, for testing merges: independent or not, from one base.

An edit is data (a tuple) and is applied by :func:`apply_edits`, which picks
its element by index among those the side may touch. Given ``owners`` (element
id -> side), a side touches only its own elements and the ones it added, and
links new statements only to its own or to unowned ones, which nobody deletes:
two sides' edits are then independent, and applying one side's after the
other's gives the same result in either context. Without ``owners`` a side
may touch everything, and the two sides' edits may clash.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from argmap.model import ArgumentMap

__all__ = ["apply_edits", "edits", "owners_of"]

_KINDS = ("text", "tag", "add", "delete", "move", "kind", "title", "position", "source")


def edits() -> st.SearchStrategy[list[tuple[Any, ...]]]:
    """Up to six edits; indices are taken modulo the number of candidates when applied."""
    one = st.tuples(st.sampled_from(_KINDS), st.integers(0, 50), st.integers(0, 50))
    return st.lists(one, max_size=6)


@st.composite
def owners_of(draw: st.DrawFn, argument_map: ArgumentMap) -> dict[str, str | None]:
    """Each statement, relation and source of the base, and its title, given to a side or none."""
    sides = st.sampled_from(["ours", "theirs", None])
    ids = [e.id for e in (*argument_map.statements, *argument_map.relations)]
    ids += [f"source:{s.id}" for s in argument_map.sources]
    owners = {element_id: draw(sides) for element_id in [*ids, "map:title"]}
    # A side owns a statement only with every relation its deletion takes along: else
    # deleting it would depend on whether the other side had deleted those first.
    data = argument_map.model_dump(mode="json")
    for statement in argument_map.statements:
        side = owners[statement.id]
        if side and any(owners[e] != side for e in _taken_along(data, statement.id)):
            owners[statement.id] = None
    return owners


def apply_edits(
    argument_map: ArgumentMap,
    side: str,
    steps: list[tuple[Any, ...]],
    owners: dict[str, str | None] | None,
) -> ArgumentMap:
    """The map after ``side`` made ``steps`` (edits that do not apply are left out)."""
    data = argument_map.model_dump(mode="json")
    rights = _Rights(side, owners)
    rights.first_group = {s: g["id"] for g in data["groups"] for s in g["statements"]}
    for number, (kind, first, second) in enumerate(steps):
        _EDITS[kind](data, rights, number, first, second)
    return ArgumentMap.model_validate(data)


class _Rights:
    def __init__(self, side: str, owners: dict[str, str | None] | None) -> None:
        self.side = side
        self.owners = owners
        self.prefix = side.upper() + "-"  # base ids are lower case (strategies.ids): no clash
        self.first_group: dict[str, str] = {}  # the group each statement was in at the start

    def mine(self, element_id: str) -> bool:
        if self.owners is None:
            return True
        return element_id.startswith(self.prefix) or self.owners.get(element_id) == self.side

    def linkable(self, element_id: str) -> bool:
        if self.owners is None or self.mine(element_id):
            return True
        return element_id in self.owners and self.owners[element_id] is None  # nobody's


def _pick(items: list[dict[str, Any]], index: int, allowed: Any) -> dict[str, Any] | None:
    chosen = [item for item in items if allowed(item["id"])]
    return chosen[index % len(chosen)] if chosen else None


def _text(data: dict[str, Any], rights: _Rights, number: int, index: int, word: int) -> None:
    statement = _pick(data["statements"], index, rights.mine)
    if statement is not None:
        statement["text"] = f"{statement['text']} {rights.side} word{word}"


def _tag(data: dict[str, Any], rights: _Rights, number: int, index: int, word: int) -> None:
    statement = _pick(data["statements"], index, rights.mine)
    tag = f"{rights.side}-tag{word}"
    if statement is not None and tag not in statement["tags"]:
        statement["tags"].append(tag)


def _add(data: dict[str, Any], rights: _Rights, number: int, index: int, kind: int) -> None:
    target = _pick(data["statements"], index, rights.linkable)
    if target is None:
        return
    new_id = f"{rights.prefix}s{number}"
    data["statements"].append(
        {
            "id": new_id,
            "text": f"{rights.side} says {number}",
            "tags": [],
            "acceptance": "undecided",
        }
    )
    data["relations"].append(
        {
            "id": f"{rights.prefix}r{number}",
            "kind": ("support", "attack")[kind % 2],
            "premises": [new_id],
            "target": target["id"],
        }
    )


def _delete(data: dict[str, Any], rights: _Rights, number: int, index: int, _: int) -> None:
    """A statement and every relation that involves it (or argues about such a relation)."""
    statement = _pick(data["statements"], index, rights.mine)
    if statement is None:
        return
    gone = {statement["id"], *_taken_along(data, statement["id"])}
    if not all(rights.mine(element_id) for element_id in gone):
        return
    data["statements"] = [s for s in data["statements"] if s["id"] not in gone]
    data["relations"] = [r for r in data["relations"] if r["id"] not in gone]
    for group in data["groups"]:
        group["statements"] = [s for s in group["statements"] if s not in gone]
    data["layout"]["positions"].pop(statement["id"], None)


def _taken_along(data: dict[str, Any], statement_id: str) -> set[str]:
    """The relations that deleting the statement deletes: those that involve it, or argue
    about a relation that does."""
    gone = {statement_id}
    changed = True
    while changed:
        changed = False
        for relation in data["relations"]:
            involved = relation["target"] in gone or gone.intersection(relation["premises"])
            if relation["id"] not in gone and involved:
                gone.add(relation["id"])
                changed = True
    return gone - {statement_id}


def _move(data: dict[str, Any], rights: _Rights, number: int, index: int, group: int) -> None:
    """Into another group (appended), or out of every group.

    Never into the group it is in or was in at the start (out of it and back):
    that would reorder the group, which is not independent of the other side
    moving another of its statements.
    """
    statement = _pick(data["statements"], index, rights.mine)
    groups = data["groups"]
    into = group % (len(groups) + 1)
    if statement is None or (
        into < len(groups)
        and (
            statement["id"] in groups[into]["statements"]
            or rights.first_group.get(statement["id"]) == groups[into]["id"]
        )
    ):
        return
    for each in data["groups"]:
        if statement["id"] in each["statements"]:
            each["statements"].remove(statement["id"])
    if into < len(groups):
        groups[into]["statements"].append(statement["id"])


def _kind(data: dict[str, Any], rights: _Rights, number: int, index: int, _: int) -> None:
    relation = _pick(data["relations"], index, rights.mine)
    if relation is not None:
        relation["kind"] = "attack" if relation["kind"] == "support" else "support"


def _title(data: dict[str, Any], rights: _Rights, number: int, word: int, _: int) -> None:
    if rights.owners is None or rights.owners.get("map:title") == rights.side:
        data["title"] = f"{rights.side} title {word}"


def _position(data: dict[str, Any], rights: _Rights, number: int, index: int, x: int) -> None:
    statement = _pick(data["statements"], index, rights.mine)
    if statement is not None:
        data["layout"]["positions"][statement["id"]] = {"x": float(x * 10), "y": float(number)}


def _source(data: dict[str, Any], rights: _Rights, number: int, index: int, word: int) -> None:
    """A new source, or a new title for one of the side's own."""
    source = _pick(
        data["sources"], index, lambda i: i.startswith(rights.prefix) or rights.mine(f"source:{i}")
    )
    if source is not None and word % 2:
        source["title"] = f"{rights.side} retitled {word}"
    else:
        data["sources"].append({"id": f"{rights.prefix}src{number}", "title": rights.side})


_EDITS = {
    "text": _text,
    "tag": _tag,
    "add": _add,
    "delete": _delete,
    "move": _move,
    "kind": _kind,
    "title": _title,
    "position": _position,
    "source": _source,
}
