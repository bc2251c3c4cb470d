"""Laying out a map: card sizes in, card centres, edge curves and group boxes out.

Two engines give the same :class:`LayoutResult` (scene coordinates, y down):

* :func:`tree_layout` — argmap's own tidy tree, the canvas's default: a pure
  function of the map, the card sizes and the pinned positions, so the map
  stays put while it is edited.
* :func:`layout_map` — Graphviz ``dot``'s layered drawing, run as a process.

No Qt here: layouts run in worker threads, the exporter and tests call them directly.
"""

from argmap.layout.checks import tree_layout_problems
from argmap.layout.forest import Forest, build_forest
from argmap.layout.graphviz import layout_map, parse_layout
from argmap.layout.result import EdgeCurve, LayoutResult, NodeBox, Point
from argmap.layout.tree import estimate_size, tree_layout

__all__ = [
    "EdgeCurve",
    "Forest",
    "LayoutResult",
    "NodeBox",
    "Point",
    "build_forest",
    "estimate_size",
    "layout_map",
    "parse_layout",
    "tree_layout",
    "tree_layout_problems",
]
