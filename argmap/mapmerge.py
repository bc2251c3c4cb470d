"""Three-way merge of maps by element id: what git needs to merge two branches' edits.

Each element (statement, relation, source, group, pinned position, and the
map's own settings) is merged on its own, and within it each field, read
from the model, so fields added later are merged too:

* a change on one side only is taken; the same change on both sides is taken once;
* lists of ids or words (premises, tags, authors) combine what each side added
  and removed, except the premises of a relation both sides added under one id:
  those are two arguments, and joining them would link them into one;
* the same field changed differently on both sides, or an element deleted on
  one side and changed on the other, is a **conflict**: ours is kept (a
  changed element is kept rather than deleted, so nothing is lost) and the
  conflict is recorded in the map itself: a ``merge-conflict`` tag and a note
  on the statement concerned, listing their value, or a paragraph of the
  map's description for what belongs to no statement.

Which group a statement is in is merged as a property of the statement, so
two sides moving it to different groups conflict instead of putting it in two.

The result always validates. Where the combination breaks a rule of the map
(a relation whose premise the other side deleted, a circle of groups), the
merge repairs it, as a recorded conflict: an element deleted on one side but
still referred to by the other is kept; an element that the combination
breaks goes back to our version, or is left out if only theirs had it.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any, Final

from pydantic import ValidationError

from argmap.files import parse_path
from argmap.mapdiff import (
    ABSENT,
    changed_words,
    group_of,
    join_map,
    shortened,
    singular,
    split_map,
)
from argmap.model import ArgumentMap, Relation, clean_text
from argmap.problems import find_errors

__all__ = ["CONFLICT_TAG", "Conflict", "MergeResult", "merge_maps"]

CONFLICT_TAG: Final = "merge-conflict"
_MEMBERSHIP: Final = "group"  # the pseudo field that holds a statement's group while merging


@dataclass(frozen=True)
class Conflict:
    """One place where the two sides could not both be taken; ``ours`` was kept."""

    collection: str
    id: str
    field: str
    ours: Any
    theirs: Any
    reason: str = "changed differently on both sides"
    kept: str = "ours"  # "theirs" when they changed what we deleted

    def describe(self) -> str:
        where = "the map" if self.collection == "map" else f"{singular(self.collection)} {self.id}"
        what = f" {self.field}" if self.field else ""
        ours, theirs = self.ours, self.theirs
        if isinstance(ours, str) and isinstance(theirs, str) and len(ours) + len(theirs) > 600:
            # Two long texts (a source's article): what theirs changed says more than both.
            changes = changed_words(ours, theirs)
            return f"{where}{what}: {self.reason} (kept ours; theirs made: {changes})"
        if self.kept == "theirs":
            return (
                f"{where}{what}: {self.reason} (kept theirs: {_show(theirs)}; ours: {_show(ours)})"
            )
        return f"{where}{what}: {self.reason} (kept ours: {_show(ours)}; theirs: {_show(theirs)})"


@dataclass(frozen=True)
class MergeResult:
    map: ArgumentMap
    conflicts: list[Conflict]


def _show(value: Any) -> str:
    if value is ABSENT:
        return "deleted"
    if value is None:
        return "none"
    if isinstance(value, str):
        return f"“{shortened(value)}”"  # a source's whole text would swamp the note
    if isinstance(value, list):
        return ", ".join(_show(item) for item in value) or "none"
    if isinstance(value, dict):  # an element: its fields as a person reads them, not Python's
        fields = [
            f"{key} {_show(item)}"
            for key, item in value.items()
            if key != "id" and item is not None and item != [] and item != {}
        ]
        return f"{{{'; '.join(fields)}}}" if fields else "empty"
    return shortened(str(value))


def merge_maps(base: ArgumentMap, ours: ArgumentMap, theirs: ArgumentMap) -> MergeResult:
    """``ours`` with the changes ``theirs`` made since ``base``; conflicts keep ours."""
    sides = [_Side(m) for m in (base, ours, theirs)]
    old, mine, other = sides
    conflicts: list[Conflict] = []
    settings = _merge_dict(old.settings, mine.settings, other.settings, "map", "", conflicts)
    collections = {
        name: _merge_collection(
            name, old.parts[name], mine.parts[name], other.parts[name], conflicts
        )
        for name in mine.parts
    }
    membership = _merge_collection(
        _MEMBERSHIP,
        old.membership,
        mine.membership,
        other.membership,
        conflicts,
        collection="statements",
    )
    _keep_groups_moved_into(collections["groups"], membership, sides, conflicts)
    _regroup(collections["groups"], membership, sides)
    merged = _Repair(sides, settings, collections, conflicts).run()
    return MergeResult(_record(merged, conflicts), conflicts)


class _Side:
    """One version of the map, as parts; group membership is taken out of the groups."""

    def __init__(self, argument_map: ArgumentMap) -> None:
        self.map = argument_map
        self.settings, self.parts = split_map(argument_map)
        self.membership: dict[str, Any] = dict(group_of(self.parts["groups"]))
        self.group_lists = {gid: g["statements"] for gid, g in self.parts["groups"].items()}
        self.parts["groups"] = {
            gid: {k: v for k, v in g.items() if k != "statements"}
            for gid, g in self.parts["groups"].items()
        }


# -- merging values -----------------------------------------------------------------


def _merge_value(base: Any, ours: Any, theirs: Any, combine: bool = True) -> tuple[Any, bool]:
    """The merged value and whether it is a conflict (then it is ours)."""
    if ours == theirs or base == theirs:
        return ours, False
    if base == ours:
        return theirs, False
    merged = _merge_list(base, ours, theirs) if combine else None
    if merged is not None:
        return merged, False
    return ours, True


def _merge_list(base: Any, ours: Any, theirs: Any) -> list[Any] | None:
    """Ours, less what theirs removed, plus what theirs added; None if that is not sound."""
    base = [] if base is ABSENT or base is None else base
    lists = (base, ours, theirs)
    if not all(isinstance(v, list) for v in lists):
        return None
    items = [x for v in lists for x in v]
    if not all(isinstance(x, Hashable) and not isinstance(x, list | dict) for x in items):
        return None
    if any(len(set(v)) != len(v) for v in lists):
        return None  # a list with repeats is a sequence, not a set: do not guess
    removed = set(base) - set(theirs)
    merged = [x for x in ours if x not in removed]
    merged += [x for x in theirs if x not in base and x not in merged]
    return merged if merged or not (ours and theirs) else None


def _merge_dict(
    base: Any,
    ours: dict[str, Any],
    theirs: dict[str, Any],
    collection: str,
    element: str,
    conflicts: list[Conflict],
    prefix: str = "",
) -> dict[str, Any]:
    """Field by field; nested objects changed on both sides are merged field by field too."""
    base = base if isinstance(base, dict) else {}
    merged: dict[str, Any] = {}
    for key in dict.fromkeys([*ours, *theirs]):
        b, o, t = base.get(key, ABSENT), ours.get(key, ABSENT), theirs.get(key, ABSENT)
        if isinstance(o, dict) and isinstance(t, dict) and o != t and b not in (o, t):
            value: Any = _merge_dict(b, o, t, collection, element, conflicts, f"{prefix}{key}.")
        else:
            # Premises combine as co-premises added to one argument; but two relations
            # added under one id are two arguments, and joining theirs would link them.
            combine = not (key == "premises" and b is ABSENT)
            value, clash = _merge_value(b, o, t, combine)
            if clash:
                conflicts.append(Conflict(collection, element, prefix + key, o, t))
        if value is not ABSENT:
            merged[key] = value
    return merged


def _merge_collection(
    name: str,
    base: dict[str, Any],
    ours: dict[str, Any],
    theirs: dict[str, Any],
    conflicts: list[Conflict],
    collection: str | None = None,
) -> dict[str, Any]:
    """Elements by id, in ours' order (theirs' if only theirs reordered), additions after."""
    collection = collection or name
    merged: dict[str, Any] = {}
    for element_id in _order(base, ours, theirs):
        b, o, t = (side.get(element_id, ABSENT) for side in (base, ours, theirs))
        if name == _MEMBERSHIP:  # not in a group is a value here, not a deletion
            value, clash = _merge_value(b, o, t)
            if clash:
                conflicts.append(Conflict(collection, element_id, name, _none(o), _none(t)))
        elif o is ABSENT or t is ABSENT:
            value, clash = _merge_value(b, o, t)
            if clash:  # deleted on one side, changed on the other: keep the changed one
                value = t if o is ABSENT else o
                reason = (
                    f"deleted on {'our' if o is ABSENT else 'their'} side, changed on the other"
                )
                field = name if name == _MEMBERSHIP else ""
                kept = "theirs" if o is ABSENT else "ours"
                conflicts.append(Conflict(collection, element_id, field, o, t, reason, kept))
        elif isinstance(o, dict) and isinstance(t, dict):
            value = _merge_dict(b, o, t, collection, element_id, conflicts)
        else:
            value, clash = _merge_value(b, o, t)
            if clash:
                conflicts.append(Conflict(collection, element_id, name, o, t))
        if value is not ABSENT:
            merged[element_id] = value
    return merged


def _none(value: Any) -> Any:
    return None if value is ABSENT else value


def _order(base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any]) -> list[str]:
    common = [i for i in base if i in ours and i in theirs]
    ours_common = [i for i in ours if i in common]
    theirs_common = [i for i in theirs if i in common]
    first, second = (theirs, ours) if ours_common == common != theirs_common else (ours, theirs)
    return list(dict.fromkeys([*first, *second, *base]))


def _keep_groups_moved_into(
    groups: dict[str, Any],
    membership: dict[str, Any],
    sides: list[_Side],
    conflicts: list[Conflict],
) -> None:
    """A group one side deleted while the other moved a statement into it is kept."""
    for statement_id, group_id in membership.items():
        if group_id in groups:
            continue
        found = next(
            s.parts["groups"][group_id]
            for s in (sides[1], sides[2], sides[0])
            if group_id in s.parts["groups"]
        )
        groups[group_id] = found
        reason = f"deleted on one side, but statement {statement_id} was moved into it"
        conflicts.append(
            Conflict(
                "groups",
                group_id,
                "",
                sides[1].parts["groups"].get(group_id, ABSENT),
                sides[2].parts["groups"].get(group_id, ABSENT),
                reason,
            )
        )


def _regroup(groups: dict[str, Any], membership: dict[str, Any], sides: list[_Side]) -> None:
    """Give the merged groups their statements back: ours' order, then theirs', then the rest;
    theirs' order first where only they reordered the members they share with the base."""
    for group_id, group in groups.items():
        members = [sid for sid, gid in membership.items() if gid == group_id]
        base, ours, theirs = (s.group_lists.get(group_id, []) for s in sides)
        first, second = ours, theirs
        if not _reordered(ours, base) and _reordered(theirs, base):
            first, second = theirs, ours
        order = [sid for lst in (first, second, base) for sid in lst if sid in members]
        group["statements"] = list(dict.fromkeys([*order, *members]))


def _reordered(members: list[str], base: list[str]) -> bool:
    """Whether the members a side shares with the base stand in another order."""
    common = set(members) & set(base)
    return [s for s in members if s in common] != [s for s in base if s in common]


# -- making the result valid ------------------------------------------------------------

_REFERS_TO = {
    "premises": ("statements",),
    "target": ("statements", "relations"),
    "source": ("sources",),
    "statements": ("statements",),
    "parent": ("groups",),
}


class _Repair:
    """Turns the combined parts into a valid map, recording each repair as a conflict."""

    def __init__(
        self,
        sides: list[_Side],
        settings: dict[str, Any],
        collections: dict[str, dict[str, Any]],
        conflicts: list[Conflict],
    ) -> None:
        self.sides = sides
        self.settings = settings
        self.collections = collections
        self.conflicts = conflicts
        self.kept: set[tuple[str, str]] = set()

    def run(self) -> ArgumentMap:
        limit = 10 + 4 * sum(len(c) for s in self.sides for c in s.parts.values())
        for _ in range(limit):
            try:
                merged = ArgumentMap.model_validate(
                    join_map(self.settings, self.collections), context={"check_integrity": False}
                )
            except ValidationError as error:
                return self._ours_whole(f"the combination is not a valid map ({error.title})")
            errors = find_errors(merged)
            if not errors:
                return merged
            data = merged.model_dump(mode="json")
            if not any(self._repair(parse_path(p.path), data, p.message) for p in errors):
                return self._ours_whole(errors[0].message)
        return self._ours_whole("the changes could not be combined")

    def _repair(self, path: list[int | str], data: dict[str, Any], message: str) -> bool:
        located = self._element(path, data)
        if located is None:
            return False
        collection, element_id = located
        value = _value_at(data, path)
        if isinstance(value, str) and self._keep_deleted(path, value, collection, element_id):
            return True
        return self._undo(collection, element_id, message)

    def _element(self, path: list[int | str], data: dict[str, Any]) -> tuple[str, str] | None:
        if len(path) >= 3 and path[:2] == ["layout", "positions"]:
            return "layout.positions", ".".join(str(part) for part in path[2:])
        if len(path) >= 2 and isinstance(path[0], str) and isinstance(path[1], int):
            return path[0], data[path[0]][path[1]]["id"]
        return None

    def _keep_deleted(
        self, path: list[int | str], value: str, collection: str, element_id: str
    ) -> bool:
        """A reference to an element one side deleted: keep that element after all."""
        names = [str(part) for part in path if isinstance(part, str)]
        key = "positions" if collection == "layout.positions" else names[-1]
        wanted = ("statements",) if key == "positions" else _REFERS_TO.get(key, ())
        target = element_id if key == "positions" else value
        for name in wanted:
            if target in self.collections[name] or (name, target) in self.kept:
                continue
            for side in (self.sides[1], self.sides[2], self.sides[0]):
                found = side.parts[name].get(target)
                if found is None:
                    continue
                self.kept.add((name, target))
                self.collections[name][target] = found
                if name == "groups":
                    self.collections[name][target] = {**found, "statements": []}
                who = f"{singular(collection)} {element_id}"
                ours = self.sides[1].parts[name].get(target, ABSENT)
                theirs = self.sides[2].parts[name].get(target, ABSENT)
                reason = f"deleted on one side, but {who} still refers to it"
                kept = "theirs" if ours is ABSENT and theirs is not ABSENT else "ours"
                self.conflicts.append(Conflict(name, target, "", ours, theirs, reason, kept))
                return True
        return False

    def _undo(self, collection: str, element_id: str, message: str) -> bool:
        """Our version of the element, or none if only theirs had it."""
        elements = self.collections.get(collection)
        if elements is None:
            return False
        ours = self.sides[1].parts[collection].get(element_id, ABSENT)
        current = elements.get(element_id, ABSENT)
        if _without_members(current) == ours:
            return False
        if ours is ABSENT:
            del elements[element_id]
        else:
            elements[element_id] = ours
            if collection == "groups":
                elements[element_id] = {**ours, "statements": current.get("statements", [])}
        theirs = self.sides[2].parts[collection].get(element_id, ABSENT)
        reason = f"their change breaks the map ({message})"
        self.conflicts.append(Conflict(collection, element_id, "", ours, theirs, reason))
        return True

    def _ours_whole(self, message: str) -> ArgumentMap:
        self.conflicts.append(
            Conflict("map", "", "", "our map", "their map", f"kept ours entirely: {message}")
        )
        return self.sides[1].map


def _without_members(element: Any) -> Any:
    """A group as the sides hold it while merging: without its statements."""
    if isinstance(element, dict) and "statements" in element and "title" in element:
        return {k: v for k, v in element.items() if k != "statements"}
    return element


def _value_at(data: Any, path: list[int | str]) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


# -- recording conflicts in the map ---------------------------------------------------------


def _record(merged: ArgumentMap, conflicts: list[Conflict]) -> ArgumentMap:
    """Each conflict tagged and noted on its statement, or in the map's description."""
    if not conflicts:
        return merged
    notes: dict[str, list[str]] = {}
    general: list[str] = []
    statement_ids = {s.id for s in merged.statements}
    relations = {r.id: r for r in merged.relations}
    for conflict in conflicts:
        home = _statement_of(conflict, statement_ids, relations)
        line = "Merge conflict: " + conflict.describe()
        (notes.setdefault(home, []) if home else general).append(line)
    statements = [
        s.model_copy(
            update={
                "tags": [*s.tags, CONFLICT_TAG] if CONFLICT_TAG not in s.tags else s.tags,
                "note": clean_text("\n\n".join([*filter(None, [s.note]), *notes[s.id]])),
            }
        )
        if s.id in notes
        else s
        for s in merged.statements
    ]
    update: dict[str, Any] = {"statements": statements}
    if general:
        update["description"] = clean_text(
            "\n\n".join([*filter(None, [merged.description]), *general])
        )
    return merged.model_copy(update=update)


def _statement_of(
    conflict: Conflict, statement_ids: set[str], relations: dict[str, Relation]
) -> str | None:
    """The statement a conflict is noted on: its own, or the one a relation bears on."""
    element_id = conflict.id
    seen: set[str] = set()
    while conflict.collection == "relations" and element_id in relations and element_id not in seen:
        seen.add(element_id)
        relation = relations[element_id]
        element_id = (
            relation.target
            if relation.target in statement_ids | relations.keys()
            else (relation.premises[0])
        )
    if conflict.collection in ("statements", "relations", "layout.positions"):
        return element_id if element_id in statement_ids else None
    return None
