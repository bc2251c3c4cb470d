"""Putting statements into groups and taking them out, as whole new group lists.

A statement is in one group at most, and groups nest by ``parent``. These
functions never change the groups they are given: the editor's undo command
swaps the old list for the new one, so undo restores the groups exactly.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from argmap.model import Group

__all__ = ["drop_emptied", "grouped", "new_group_id", "renamed", "ungrouped"]


def new_group_id(groups: Iterable[Group]) -> str:
    """``group-N``, the first N not taken."""
    taken = {group.id for group in groups}
    number = 1
    while f"group-{number}" in taken:
        number += 1
    return f"group-{number}"


def grouped(
    groups: list[Group], statement_ids: Collection[str], title: str, group_id: str
) -> list[Group]:
    """A new group holding ``statement_ids``, which leave the groups they were in.

    The new group nests in the innermost group that held all of them, when one
    did (in it or in its subgroups), so grouping inside a group makes a
    subgroup; it comes last in the list.
    """
    chosen = list(dict.fromkeys(statement_ids))
    parent = _common_ancestor(groups, [_holder(groups, statement_id) for statement_id in chosen])
    new = Group(id=group_id, title=title, statements=chosen, parent=parent)
    emptied = {_holder(groups, statement_id) for statement_id in chosen} - {None}
    return drop_emptied([*_without(groups, set(chosen)), new], emptied)


def enclosing_group(groups: list[Group], statement_ids: Collection[str]) -> str | None:
    """The innermost group that holds every one of ``statement_ids``, in it or in its
    subgroups (None: no group holds them all)."""
    return _common_ancestor(
        groups, [_holder(groups, statement_id) for statement_id in statement_ids]
    )


def ungrouped(groups: list[Group], statement_ids: Collection[str]) -> list[Group]:
    """The groups without ``statement_ids``; a group left with nothing in it goes too."""
    emptied = {_holder(groups, statement_id) for statement_id in statement_ids} - {None}
    return drop_emptied(_without(groups, set(statement_ids)), emptied)


def renamed(groups: list[Group], group_id: str, title: str) -> list[Group]:
    """The groups with one retitled (the title is checked as a file's would be)."""
    return [
        Group.model_validate({**g.model_dump(), "title": title}) if g.id == group_id else g
        for g in groups
    ]


def drop_emptied(groups: list[Group], candidates: set[str | None]) -> list[Group]:
    """Without the ``candidates`` (groups that lost members) that now hold nothing at all.

    A group the file had empty stays: only what this edit emptied goes, and
    then its parent, if that is left empty in turn.
    """
    while True:
        parents = {group.parent for group in groups}
        gone = {
            g.id for g in groups if g.id in candidates and not g.statements and g.id not in parents
        }
        if not gone:
            return groups
        candidates = {g.parent for g in groups if g.id in gone}
        groups = [g for g in groups if g.id not in gone]


def _common_ancestor(groups: list[Group], holders: list[str | None]) -> str | None:
    """The innermost group that is, or holds, every one of ``holders`` (None: there is none)."""
    if not holders or None in holders:
        return None
    parents = {group.id: group.parent for group in groups}
    chains = []
    for holder in holders:
        chain: list[str] = []
        current = holder
        while current is not None and current not in chain:  # a file's cycle ends it
            chain.append(current)
            current = parents.get(current)
        chains.append(chain)
    shared = set(chains[0]).intersection(*chains[1:])
    return next((group_id for group_id in chains[0] if group_id in shared), None)


def _holder(groups: list[Group], statement_id: str) -> str | None:
    for group in groups:
        if statement_id in group.statements:
            return group.id
    return None


def _without(groups: list[Group], statement_ids: set[str]) -> list[Group]:
    return [
        g.model_copy(update={"statements": [s for s in g.statements if s not in statement_ids]})
        for g in groups
    ]
