"""Extra curves of the tree layout (cross-links) go around the cards between their ends."""

from __future__ import annotations

import pytest

from argmap.layout import LayoutResult, tree_layout
from argmap.model import ArgumentMap, Direction, Relation, Statement

Rect = tuple[float, float, float, float]


def cycle_map() -> ArgumentMap:
    """claim ← A ← B ← C, and A supports C: A→C passes B, which sits between them."""
    return ArgumentMap(
        statements=[
            Statement(id="claim", text="Claim"),
            Statement(id="x", text="Cycle A"),
            Statement(id="y", text="Cycle B"),
            Statement(id="z", text="Cycle C"),
        ],
        relations=[
            Relation(id="r0", kind="support", premises=["x"], target="claim"),
            Relation(id="r1", kind="support", premises=["y"], target="x"),
            Relation(id="r2", kind="support", premises=["z"], target="y"),
            Relation(id="r3", kind="support", premises=["x"], target="z"),
        ],
    )


def undercut_map() -> ArgumentMap:
    """b undercuts a; c attacks b and undercuts a too: c→a passes the card of b."""
    return ArgumentMap(
        statements=[
            Statement(id="concl", text="A conclusion"),
            Statement(id="p", text="A premise"),
            Statement(id="b", text="Second argument"),
            Statement(id="c", text="Third argument"),
        ],
        relations=[
            Relation(id="a", kind="support", premises=["p"], target="concl"),
            Relation(id="b-a", kind="attack", premises=["b"], target="a"),
            Relation(id="c-b", kind="attack", premises=["c"], target="b"),
            Relation(id="c-a", kind="attack", premises=["c"], target="a"),
        ],
    )


def sizes(argument_map: ArgumentMap) -> dict[str, tuple[float, float]]:
    return {s.id: (140.0, 40.0) for s in argument_map.statements}


def card_rects(result: LayoutResult, argument_map: ArgumentMap) -> dict[str, Rect]:
    rects = {}
    for statement in argument_map.statements:
        node = result.nodes[statement.id]
        half_w, half_h = node.width / 2, node.height / 2
        rects[statement.id] = (node.x - half_w, node.y - half_h, node.x + half_w, node.y + half_h)
    return rects


def on_curve(points) -> list[tuple[float, float]]:
    """Points along a cubic Bézier spline, close enough together to find a card it passes."""
    found = [points[0]]
    for i in range(0, len(points) - 3, 3):
        p0, p1, p2, p3 = points[i : i + 4]
        for step in range(1, 65):
            t = step / 64
            u = 1 - t
            w = (u**3, 3 * u * u * t, 3 * u * t * t, t**3)
            found.append(
                (
                    sum(k * p[0] for k, p in zip(w, (p0, p1, p2, p3), strict=True)),
                    sum(k * p[1] for k, p in zip(w, (p0, p1, p2, p3), strict=True)),
                )
            )
    return found


def cards_crossed(result: LayoutResult, argument_map: ArgumentMap) -> list[tuple[str, str]]:
    """(edge, card) for every extra curve that runs over a card other than its own two."""
    rects = card_rects(result, argument_map)
    crossed = []
    for edge_id in sorted(result.cross_links):
        curve = result.edges[edge_id]
        points = on_curve(curve.points)
        for name, (x1, y1, x2, y2) in rects.items():
            if name in (curve.tail, curve.head):
                continue
            if any(x1 - 1 < x < x2 + 1 and y1 - 1 < y < y2 + 1 for x, y in points):
                crossed.append((edge_id, name))
    return crossed


@pytest.mark.parametrize("direction", list(Direction))
def test_a_premise_used_again_in_a_cycle_curves_around_the_card_in_between(direction):
    argument_map = cycle_map()
    argument_map.layout.direction = direction
    result = tree_layout(argument_map, sizes(argument_map))
    assert result.cross_links == {"edge-r3"}
    assert cards_crossed(result, argument_map) == []


def test_an_undercut_from_a_rebuttal_goes_around_the_card_it_would_cross():
    argument_map = undercut_map()
    result = tree_layout(argument_map, sizes(argument_map))
    assert "edge-c-a" in result.cross_links
    assert cards_crossed(result, argument_map) == []


@pytest.mark.parametrize("direction", list(Direction))
def test_an_extra_curve_still_ends_with_its_arrowhead_on_its_target(direction):
    argument_map = cycle_map()
    argument_map.layout.direction = direction
    result = tree_layout(argument_map, sizes(argument_map))
    curve = result.edges["edge-r3"]
    x1, y1, x2, y2 = card_rects(result, argument_map)["z"]
    tip = curve.arrow_tip
    assert tip is not None
    assert x1 - 0.01 <= tip[0] <= x2 + 0.01
    assert y1 - 0.01 <= tip[1] <= y2 + 0.01
    on_border = min(abs(tip[0] - x1), abs(tip[0] - x2), abs(tip[1] - y1), abs(tip[1] - y2))
    assert on_border < 0.01
    assert len(curve.points) % 3 == 1  # still a cubic Bézier spline: 1 + 3n points


def test_an_extra_curve_does_not_leave_its_card_where_the_tree_edges_meet_it():
    """A→C leaves A beside B's arrow, so the two can be told apart."""
    argument_map = cycle_map()
    result = tree_layout(argument_map, sizes(argument_map))
    extra, tree = result.edges["edge-r3"], result.edges["edge-r1"]
    assert tree.arrow_tip is not None
    assert abs(extra.points[0][0] - tree.arrow_tip[0]) > 20
