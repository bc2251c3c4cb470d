"""Lines of right-aligned (Hebrew, Arabic) cards in an SVG end flush with the card's right side."""

from __future__ import annotations

import re

from argmap.model import ArgumentMap, Attribution, Relation, Statement
from argmap.render.dot import build_dot
from argmap.render.engine import find_engine, run_graphviz
from argmap.render.export import render_map
from argmap.render.svg_lines import flush_right

HEBREW = Statement(
    id="hebrew",
    title="ביטחון",
    text="ישראל צריכה לחתום על ברית הגנה עם ארצות הברית כדי להבטיח את עתידה!",
    attribution=Attribution(speaker="רבין", date="1990"),
)
ENGLISH = Statement(id="english", text="A reason in English that takes two lines on its card.")


def _map(*statements: Statement) -> ArgumentMap:
    relations = [
        Relation(id=f"r{i}", kind="support", premises=[s.id], target=statements[0].id)
        for i, s in enumerate(statements[1:])
    ]
    return ArgumentMap(statements=list(statements), relations=relations)


def _card(svg: str, statement_id: str) -> str:
    start = svg.index(f'<g id="{statement_id}" class="node')
    return svg[start : svg.index("\n<!-- ", start) if "\n<!-- " in svg[start:] else None]


def _card_sides(card: str) -> tuple[float, float]:
    outline = re.search(r'<path [^>]*d="([^"]*)"', card)
    assert outline is not None
    xs = [float(x) for x in re.findall(r"(-?[0-9.]+),-?[0-9.]+", outline.group(1))]
    return min(xs), max(xs)


def test_a_right_aligned_card_has_the_class_its_lines_are_set_by():
    dot = build_dot(_map(HEBREW, ENGLISH))
    assert re.search(r'hebrew \[.* class="main-claim rtl"', dot)
    assert not re.search(r"english \[.* class=\S*rtl", dot)


def test_every_line_of_a_hebrew_card_ends_at_one_point_inside_its_right_side():
    svg = render_map(_map(HEBREW, ENGLISH), "svg").decode()
    card = _card(svg, "hebrew")
    anchors = re.findall(r'<text [^>]*text-anchor="(\w+)" x="([-0-9.]+)"', card)
    assert len(anchors) == 4
    assert {anchor for anchor, _ in anchors} == {"end"}
    assert len({x for _, x in anchors}) == 1
    left, right = _card_sides(card)
    # As far inside the right side as Graphviz starts the widest line inside the left.
    plain = run_graphviz(find_engine(), build_dot(_map(HEBREW, ENGLISH)), "svg").decode()
    starts = re.findall(r'text-anchor="start" x="([-0-9.]+)"', _card(plain, "hebrew"))
    inset = min(float(x) for x in starts) - left
    assert inset > 0
    assert abs((right - float(anchors[0][1])) - inset) < 0.02


def test_left_to_right_cards_are_left_as_graphviz_draws_them():
    argument_map = _map(HEBREW, ENGLISH)
    svg = render_map(argument_map, "svg").decode()
    plain = run_graphviz(find_engine(), build_dot(argument_map), "svg").decode()
    assert _card(svg, "english") == _card(plain, "english")


def test_a_drawing_without_right_aligned_cards_is_passed_through_untouched():
    svg = run_graphviz(find_engine(), build_dot(_map(ENGLISH)), "svg")
    assert flush_right(svg) is svg
