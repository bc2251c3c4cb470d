"""Graphviz's layered layout of a map: card sizes in, positions and edge splines out.

The editor measures each card with its own fonts and passes the sizes to
Graphviz as fixed-size nodes, so the layout fits the text exactly as the
canvas draws it. The result is in scene coordinates (points, y growing
downwards), the same frame as the positions stored in a map's layout.

This module has no Qt: it runs in a worker thread, and tests call it directly.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from argmap.errors import RenderError
from argmap.layout.result import EdgeCurve, LayoutResult, NodeBox, Point
from argmap.model import ArgumentMap
from argmap.render.dot import DotOptions, build_dot
from argmap.render.engine import DEFAULT_TIMEOUT, Engine, find_engine, run_graphviz
from argmap.theme import Theme, get_theme

__all__ = ["layout_map", "parse_layout"]


def layout_map(
    argument_map: ArgumentMap,
    sizes: Mapping[str, tuple[float, float]],
    *,
    theme: Theme | None = None,
    engine: Engine | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> LayoutResult:
    """Run Graphviz ``dot`` on the map with the given card sizes (points)."""
    options = DotOptions(theme=theme or get_theme(None), sizes=sizes)
    source = build_dot(argument_map, options)
    # json0: positions without drawing operations, a third of -Tjson's size to parse.
    data = run_graphviz(engine or find_engine(), source, "json0", timeout=timeout)
    try:
        return parse_layout(json.loads(data))
    except (ValueError, KeyError, IndexError) as error:
        raise RenderError(f"could not read Graphviz's layout: {error}") from None


def parse_layout(drawing: dict[str, Any]) -> LayoutResult:
    """Read Graphviz ``-Tjson`` output into scene coordinates (y down)."""
    result = LayoutResult()
    _, _, width, height = (float(v) for v in str(drawing.get("bb", "0,0,0,0")).split(","))
    result.width, result.height = width, height
    names: dict[int, str] = {}
    for item in drawing.get("objects", []):
        name = item.get("name", "")
        if "bb" in item and name.startswith("cluster_"):
            llx, lly, urx, ury = (float(v) for v in item["bb"].split(","))
            result.clusters[name.removeprefix("cluster_")] = (llx, -ury, urx - llx, ury - lly)
        elif "pos" in item:
            x, y = _point(item["pos"])
            result.nodes[name] = NodeBox(
                name, x, y, float(item.get("width", 0)) * 72.0, float(item.get("height", 0)) * 72.0
            )
            names[int(item["_gvid"])] = name
    edges: dict[str, EdgeCurve] = {}
    result.edges = edges
    for edge in drawing.get("edges", []):
        if "pos" not in edge:
            continue
        points, tip = _spline(edge["pos"])
        edge_id = str(edge.get("id") or f"{edge['tail']}->{edge['head']}")
        edges[edge_id] = EdgeCurve(
            edge_id, names.get(int(edge["tail"]), ""), names.get(int(edge["head"]), ""), points, tip
        )
    return result


def _point(text: str) -> Point:
    x, y = text.split(",")[:2]
    return float(x), -float(y)


def _spline(pos: str) -> tuple[tuple[Point, ...], Point | None]:
    """Graphviz's ``e,x,y s,x,y p1 p2 …``: control points plus arrow endpoints."""
    points: list[Point] = []
    tip: Point | None = None
    for token in pos.split():
        if token.startswith("e,"):
            tip = _point(token[2:])
        elif token.startswith("s,"):
            continue
        else:
            points.append(_point(token))
    return tuple(points), tip
