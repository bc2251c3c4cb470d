"""What a layout gives the canvas and the exporter: card centres, edge curves, group boxes.

Every layout engine (Graphviz's layered drawing, argmap's own tree) returns the
same :class:`LayoutResult`, in scene coordinates: points, y growing downwards,
the frame in which a map stores its pinned positions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

__all__ = ["EdgeCurve", "LayoutResult", "NodeBox", "Point"]

Point = tuple[float, float]


class NodeBox(NamedTuple):
    """A statement card or a junction point: its centre and size (a tuple: cheap to make)."""

    name: str
    x: float
    y: float
    width: float
    height: float


class EdgeCurve(NamedTuple):
    """One drawn edge: a cubic Bézier spline (1 + 3n points) and where its arrowhead ends."""

    edge_id: str
    tail: str
    head: str
    points: tuple[Point, ...]
    arrow_tip: Point | None


@dataclass
class LayoutResult:
    """Positions of cards and junctions, edge curves, and group boxes (x, y, width, height).

    ``bands`` names the groups that cannot be drawn as one box without
    enclosing other cards; their members are drawn on a tinted band instead.
    ``cross_links`` are the edges of relations drawn as extra curves because
    their premise hangs elsewhere in the tree.
    """

    nodes: dict[str, NodeBox] = field(default_factory=dict)
    edges: Mapping[str, EdgeCurve] = field(default_factory=dict)
    clusters: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)
    width: float = 0.0
    height: float = 0.0
    bands: dict[str, tuple[str, ...]] = field(default_factory=dict)
    cross_links: frozenset[str] = frozenset()
    engine: str = "graphviz"  # or "tree": which layout made it
    origin: Point = (0.0, 0.0)  # the top-left corner of the cards' extent (width × height)
