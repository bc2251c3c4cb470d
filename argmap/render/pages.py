"""Printing a drawing across landscape pages, as wide as the paper.

A folded map reads on paper when it is scaled to a landscape page's width
(:mod:`argmap.render.fold`); a drawing taller than the page then goes on over
the next. This module says where each page ends: just above the first card
that would otherwise be cut in two (its border too), unless that leaves less
than half a page (a card taller than that is cut). What is left after the
last card, if only a group box's edge, goes into the bottom margin rather
than onto a page of its own. It works on Graphviz's ``-Tjson`` drawing
and knows nothing of how the pages are painted (``argmap.render_qt`` does).
"""

from __future__ import annotations

from typing import Any, Final

__all__ = ["MARGIN", "PAPERS", "page_breaks", "page_scale"]

_MM: Final = 72.0 / 25.4
# Landscape paper, width and height in points.
PAPERS: Final = {"a4": (297.0 * _MM, 210.0 * _MM), "letter": (792.0, 612.0)}
MARGIN: Final = 10.0 * _MM  # on every side of a printed page


def page_scale(drawing_width: float, paper: tuple[float, float]) -> float:
    """The scale that makes the drawing as wide as the paper within its margins (never enlarged)."""
    return min(1.0, (paper[0] - 2 * MARGIN) / max(drawing_width, 1.0))


def page_breaks(drawing: dict[str, Any], paper: tuple[float, float]) -> list[tuple[float, float]]:
    """Each page's top and bottom, in points down from the drawing's top edge."""
    left, bottom, right, top = (float(v) for v in str(drawing["bb"]).split(","))
    height = max(top - bottom, 1.0)
    scale = page_scale(right - left, paper)
    room = (paper[1] - 2 * MARGIN) / scale  # drawing points per page
    cards = _card_spans(drawing, top)
    pages: list[tuple[float, float]] = []
    start = 0.0
    while height - start > room:
        end = _end_between_cards(cards, start + room, start + room / 2)
        pages.append((start, end))
        start = end
    if pages and height - start <= MARGIN / scale and not any(b > start for _, b in cards):
        pages[-1] = (pages[-1][0], height)  # no card, only a group box's edge: into the margin
    else:
        pages.append((start, height))
    return pages


def _end_between_cards(cards: list[tuple[float, float]], end: float, least: float) -> float:
    """``end``, or higher up but not above ``least``, where it cuts no card.

    Moving the end above one card can cut another that reached just past
    the new end, so it moves until no card is cut, or gives up and cuts.
    """
    candidate = end
    while True:
        cut = [card_top for card_top, card_bottom in cards if card_top < candidate < card_bottom]
        if not cut:
            return candidate
        candidate = min(cut) - 1.0
        if candidate < least:
            return end


def _card_spans(drawing: dict[str, Any], top: float) -> list[tuple[float, float]]:
    """Every node's top and bottom, in points down from the drawing's top edge."""
    spans = []
    for node in drawing.get("objects", []):
        if "pos" not in node or "height" not in node:
            continue  # a group's box: cut where it must be
        try:
            y = float(str(node["pos"]).split(",")[1])
            half = float(node["height"]) * 36.0  # inches to points, halved
        except (ValueError, IndexError):
            continue
        # With room for the border's width, so that no sliver of it ends the page above.
        spans.append((top - y - half - _BORDER, top - y + half + _BORDER))
    return spans


_BORDER: Final = 3.0  # points: half the widest card border, and then some
