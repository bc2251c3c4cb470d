"""Warnings about a map that only laying it out can tell.

They are not part of :func:`argmap.problems.find_problems`, which runs
whenever a map is built and must stay cheap: laying a map out takes time,
so ``argmap validate`` asks for these separately.
"""

from __future__ import annotations

from argmap.errors import Problem, Severity
from argmap.layout.tree import tree_layout
from argmap.model import ArgumentMap

__all__ = ["tree_layout_problems"]


def tree_layout_problems(argument_map: ArgumentMap) -> list[Problem]:
    """Warnings about groups the editor's tree layout cannot draw as one box.

    Such a group's box would enclose statements outside it, so the tree
    layout draws its members on tinted bands instead; the author may want
    to regroup. Pinned positions are ignored: the warning is about the map's
    structure, the same wherever cards were dragged.
    """
    if not argument_map.groups:
        return []
    banded = tree_layout(argument_map, pinned={}).bands
    return [
        Problem(
            f"groups[{index}]",
            f"group {group.title!r} ({group.id!r}) cannot be drawn as one box in the tree layout"
            " without enclosing statements outside it; its statements are drawn on tinted bands",
            Severity.WARNING,
        )
        for index, group in enumerate(argument_map.groups)
        if group.id in banded
    ]
