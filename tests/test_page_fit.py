"""Exports that print readably: wide maps folded to read at a landscape page's width.

The page is the printable area that landscape A4 and landscape Letter have
in common (259 x 190 mm: 10 mm margins). A drawing reads at the page's width
when, scaled to that width, its cards' main text (the statement's text on
full cards, the title on titles-only cards) prints at READABLE (6.5 pt) or
more; a drawing taller than the page continues on the next. Among drawings
that read so, folding prefers the one that fits one page largest, which is
the other measure here.
"""

from __future__ import annotations

import json
from itertools import pairwise

import pytest
from conftest import MAPS, small_map
from drawing_geometry import (
    edge_points,
    edges_through_text,
    node_boxes,
    page_text_size,
    size,
    width_text_size,
)

from argmap.cli import main
from argmap.files import load_map
from argmap.model import ArgumentMap, Relation, Statement
from argmap.render.cards import card_size
from argmap.render.dot import DotOptions, build_dot, junction_relations
from argmap.render.engine import find_engine, run_graphviz
from argmap.render.export import render_map
from argmap.render.fold import LANDSCAPE_PAGE, READABLE
from argmap.theme import get_theme

FONT = get_theme(None).font_size
TITLE = get_theme(None).title_size  # a titles-only card's main text
TREATY = next(p for p in MAPS if p.stem == "israel-us-defense-treaty")
PACT = next(p for p in MAPS if p.stem == "us-saudi-defense-pact")


def drawing(argument_map: ArgumentMap, **options) -> dict:
    return json.loads(render_map(argument_map, "json", **options))


def printed(argument_map: ArgumentMap, **options) -> float:
    """The card text's size in points on one landscape page."""
    return page_text_size(drawing(argument_map, **options), LANDSCAPE_PAGE, FONT)


def printed_at_width(argument_map: ArgumentMap, **options) -> float:
    """The cards' main text, in points, with the drawing as wide as a landscape page."""
    font = TITLE if options.get("cards") == "titles" else FONT
    return width_text_size(drawing(argument_map, **options), LANDSCAPE_PAGE, font)


def many_reasons(count: int) -> ArgumentMap:
    """A claim with ``count`` one-line reasons: one rank, very wide."""
    reasons = [f"reason-{n}" for n in range(count)]
    return ArgumentMap(
        statements=[
            Statement(id="claim", text="The claim"),
            *(Statement(id=r, text=f"Reason number {r[-1]} for the claim") for r in reasons),
        ],
        relations=[
            Relation(id=f"r-{r}", kind="support", premises=[r], target="claim") for r in reasons
        ],
    )


# -- the measure ------------------------------------------------------------------


def test_the_page_is_what_landscape_a4_and_letter_both_print():
    width_mm, height_mm = (v * 25.4 / 72.0 for v in LANDSCAPE_PAGE)
    assert width_mm == pytest.approx(279.4 - 20)  # Letter is the narrower
    assert height_mm == pytest.approx(210 - 20)  # A4 is the lower


def test_a_wide_map_too_small_to_read_is_folded_until_it_reads():
    wide = many_reasons(10)
    assert printed(wide, fold=False) < READABLE
    assert printed(wide) >= READABLE


def test_a_map_that_prints_readably_is_drawn_as_it_is():
    argument_map = small_map()
    assert printed(argument_map, fold=False) >= READABLE
    assert render_map(argument_map, "dot") == render_map(argument_map, "dot", fold=False)


@pytest.mark.parametrize(
    ("path", "at_least"),
    [(TREATY, 3.0), (PACT, READABLE)],
    ids=["treaty", "pact"],
)
def test_the_seed_maps_print_larger_across_the_page_folded(path, at_least):
    """Folded, the pact map reads across the page; the treaty map prints twice as large.

    The pact map's fold is one that Graphviz draws a sixth wider than
    estimated: only a shape estimated well above READABLE is sure to read.
    The treaty map's 49 full cards read at no width (docs/export.md).
    """
    argument_map = load_map(path)
    assert printed_at_width(argument_map) >= at_least
    assert printed_at_width(argument_map) >= 1.4 * printed_at_width(argument_map, fold=False)


@pytest.mark.parametrize("path", [TREATY, PACT], ids=["treaty", "pact"])
def test_the_seed_maps_with_titles_only_cards_read_at_a_landscape_pages_width(path):
    """Titles only, both seed maps print their titles at 6.5 pt or more across the page.

    The treaty map's drawing is then a little taller than the page; the pact
    map's fits on it.
    """
    assert printed_at_width(load_map(path), cards="titles") >= READABLE
    assert printed(load_map(PACT), cards="titles") >= READABLE


def test_a_fold_that_reads_at_the_pages_width_beats_one_that_fits_the_page_better():
    """The treaty map, titles only: a squarer fold fits one page larger but reads at no width."""
    argument_map = load_map(TREATY)
    assert printed_at_width(argument_map, cards="titles") >= READABLE
    assert printed_at_width(argument_map, cards="titles", fold=False) < READABLE


def test_where_no_fold_reads_at_the_pages_width_the_one_that_fits_a_page_largest_is_taken():
    """Full cards of the treaty map read at no width (49 cards); folded, they fit a page best."""
    argument_map = load_map(TREATY)
    assert printed_at_width(argument_map) < READABLE
    width, height = size(drawing(argument_map))
    page = LANDSCAPE_PAGE[0] / LANDSCAPE_PAGE[1]
    assert page / 1.3 <= width / height <= page * 1.3


@pytest.mark.parametrize("cards", ["full", "titles"])
@pytest.mark.parametrize("path", [TREATY, PACT], ids=["treaty", "pact"])
def test_a_drawing_is_folded_to_read_or_to_fit_a_page_unless_it_prints_readably_as_it_is(
    path, cards
):
    argument_map = load_map(path)
    if b"minlen=" not in render_map(argument_map, "dot", cards=cards):
        assert printed(argument_map, cards=cards) >= READABLE  # one page, unfolded
    elif printed_at_width(argument_map, cards=cards) < READABLE:
        width, height = size(drawing(argument_map, cards=cards))
        page = LANDSCAPE_PAGE[0] / LANDSCAPE_PAGE[1]
        assert page / 1.3 <= width / height <= page * 1.3


def test_a_map_drawn_left_to_right_folds_across_its_ranks():
    argument_map = load_map(TREATY)
    argument_map.layout.direction = "LR"
    assert printed(argument_map) >= 1.3 * printed(argument_map, fold=False)


def test_the_cli_folds_unless_told_not_to(tmp_path, capsys):
    folded, plain = tmp_path / "folded.dot", tmp_path / "plain.dot"
    assert main(["export", str(TREATY), "-o", str(folded)]) == 0
    assert main(["export", str(TREATY), "-o", str(plain), "--no-fold"]) == 0
    assert "minlen=" in folded.read_text(encoding="utf-8")
    assert "minlen=" not in plain.read_text(encoding="utf-8")


# -- what folding keeps -------------------------------------------------------------


def siblings(argument_map: ArgumentMap) -> dict[str, list[str]]:
    """What argues for or against each card (or inference), in the file's order, as drawn."""
    junctions = junction_relations(argument_map)
    below: dict[str, list[str]] = {}
    for relation in argument_map.relations:
        node = relation.id if relation.id in junctions else relation.premises[0]
        below.setdefault(relation.target, []).append(node)
    for relation in argument_map.relations:
        if relation.id in junctions:
            below[relation.id] = list(relation.premises) + below.get(relation.id, [])
    return below


@pytest.mark.parametrize("cards", ["full", "titles"])
@pytest.mark.parametrize("path", [TREATY, PACT], ids=["treaty", "pact"])
def test_siblings_read_in_the_files_order_left_to_right_then_down(path, cards):
    """Each reason or objection is to the right of the one before it, or below it."""
    argument_map = load_map(path)
    boxes = node_boxes(drawing(argument_map, cards=cards))
    for target, nodes in siblings(argument_map).items():
        for before, after in pairwise(nodes):
            (l1, b1, r1, _), (l2, _, r2, t2) = boxes[before], boxes[after]
            assert l2 + r2 > l1 + r1 or t2 <= b1, (target, before, after)


@pytest.mark.parametrize("cards", ["full", "titles"])
@pytest.mark.parametrize("path", [TREATY, PACT], ids=["treaty", "pact"])
def test_everything_stays_below_what_it_argues_for(path, cards):
    argument_map = load_map(path)
    boxes = node_boxes(drawing(argument_map, cards=cards))
    for target, nodes in siblings(argument_map).items():
        for node in nodes:
            assert boxes[node][3] < boxes[target][1], (node, target)


@pytest.mark.parametrize("cards", ["full", "titles"])
@pytest.mark.parametrize("legend", [False, True], ids=["plain", "legend"])
@pytest.mark.parametrize("path", [TREATY, PACT], ids=["treaty", "pact"])
def test_no_edge_crosses_a_group_title_or_card_text(path, legend, cards):
    assert edges_through_text(drawing(load_map(path), legend=legend, cards=cards)) == []


def test_an_edge_through_a_group_title_is_found():
    """The check above can fail: an edge drawn straight through a title is reported."""
    laid_out = drawing(load_map(PACT))
    cluster = next(o for o in laid_out["objects"] if o["name"].startswith("cluster"))
    x, y = (float(v) for v in cluster["lp"].split(","))
    across = [[x - 80, y], [x - 30, y], [x + 30, y], [x + 80, y]]
    laid_out["edges"].append({"id": "stray", "_draw_": [{"op": "b", "points": across}]})
    assert ("stray", f"the title of {cluster['name']}") in edges_through_text(laid_out)
    assert any(name == "stray" for name, _ in edge_points(laid_out))


# -- estimates ----------------------------------------------------------------------


@pytest.mark.parametrize("path", [TREATY, PACT], ids=["treaty", "pact"])
def test_card_sizes_are_estimated_within_a_tenth_of_graphvizs(path):
    argument_map = load_map(path)
    theme = get_theme(None)
    laid_out = json.loads(run_graphviz(find_engine(), build_dot(argument_map), "json"))
    boxes = node_boxes(laid_out)
    for statement in argument_map.statements:
        left, bottom, right, top = boxes[statement.id]
        width, height = card_size(statement, theme)
        assert width == pytest.approx(right - left, rel=0.1), statement.id
        assert height == pytest.approx(top - bottom, rel=0.1), statement.id


def test_the_editors_graphviz_layout_is_not_folded():
    """The canvas's Graphviz layout and the pinned export stay one rank per level."""
    argument_map = load_map(TREATY)
    sizes = {s.id: (150.0, 60.0) for s in argument_map.statements}
    assert "minlen=" not in build_dot(argument_map, DotOptions(sizes=sizes))
    assert b"minlen=" not in render_map(argument_map, "dot", layout="pinned")
