"""Where things are in a Graphviz ``-Tjson`` drawing, for tests of what an export looks like.

Coordinates are Graphviz's: points, y growing upwards. A box is
(left, bottom, right, top).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

Box = tuple[float, float, float, float]
Point = tuple[float, float]

_ASCENT, _DESCENT = 0.8, 0.2  # of the font size, above and below a line's baseline


def size(drawing: dict[str, Any]) -> tuple[float, float]:
    """The drawing's width and height."""
    left, bottom, right, top = (float(v) for v in drawing["bb"].split(","))
    return right - left, top - bottom


def node_boxes(drawing: dict[str, Any]) -> dict[str, Box]:
    """Every node's box, by name."""
    boxes = {}
    for item in drawing.get("objects", []):
        if "pos" in item and "width" in item:
            x, y = (float(v) for v in item["pos"].split(",")[:2])
            half_w, half_h = float(item["width"]) * 36.0, float(item["height"]) * 36.0
            boxes[item["name"]] = (x - half_w, y - half_h, x + half_w, y + half_h)
    return boxes


def text_boxes(drawing: dict[str, Any]) -> Iterator[tuple[str, Box]]:
    """Every line of text on a card and every group's title, with a description of it."""
    for item in drawing.get("objects", []):
        name = item.get("name", "")
        if name.startswith("cluster") and item.get("lp"):
            x, y = (float(v) for v in item["lp"].split(","))
            half_w, half_h = float(item["lwidth"]) * 36.0, float(item["lheight"]) * 36.0
            yield f"the title of {name}", (x - half_w, y - half_h, x + half_w, y + half_h)
        font = 14.0
        for op in item.get("_ldraw_", []):
            if op["op"] == "F":
                font = float(op["size"])
            elif op["op"] == "T":
                x, y = op["pt"]
                width = float(op["width"])
                left = {"l": x, "r": x - width}.get(op["align"], x - width / 2)
                box = (left, y - _DESCENT * font, left + width, y + _ASCENT * font)
                yield f"{op['text']!r} on {name}", box


def edge_points(drawing: dict[str, Any], steps: int = 32) -> Iterator[tuple[str, list[Point]]]:
    """Every edge's id and points along its curve (the cubic Béziers Graphviz draws)."""
    for edge in drawing.get("edges", []):
        points: list[Point] = []
        for op in edge.get("_draw_", []):
            if op["op"] != "b":
                continue
            controls = op["points"]
            for i in range(0, len(controls) - 3, 3):
                p0, p1, p2, p3 = controls[i : i + 4]
                for k in range(steps + 1):
                    t = k / steps
                    a, b, c, d = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t**3
                    points.append(
                        (
                            a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
                            a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1],
                        )
                    )
        yield edge["id"] if "id" in edge else f"{edge['tail']}->{edge['head']}", points


def edges_through_text(drawing: dict[str, Any], inset: float = 1.0) -> list[tuple[str, str]]:
    """(edge, text) for every edge that passes through a line of text or a group's title.

    A point counts only ``inset`` points inside a text's box: an edge that
    grazes the box's corner does not hide a letter.
    """
    texts = list(text_boxes(drawing))
    found = []
    for edge, points in edge_points(drawing):
        for what, (left, bottom, right, top) in texts:
            if any(
                left + inset < x < right - inset and bottom + inset < y < top - inset
                for x, y in points
            ):
                found.append((edge, what))
    return found


def width_text_size(drawing: dict[str, Any], page: tuple[float, float], font_size: float) -> float:
    """The size text of ``font_size`` points prints at with the drawing as wide as ``page``."""
    width, _ = size(drawing)
    return font_size * min(page[0] / width, 1.0)


def page_text_size(drawing: dict[str, Any], page: tuple[float, float], font_size: float) -> float:
    """The size text of ``font_size`` points prints at when the drawing is fitted to ``page``."""
    width, height = size(drawing)
    return font_size * min(page[0] / width, page[1] / height, 1.0)
