"""Right-aligned cards in Graphviz's SVG: every line flush with the card's right edge.

Graphviz writes each line of an HTML-like label as an SVG ``<text>`` anchored
at its start, at the card's right edge less its own estimate of the line's
width. A browser draws the line in the fonts it has, whose widths differ from
that estimate (Hebrew and Arabic by the most), so the lines of a Hebrew or
Arabic card ended up ragged, none of them at the right edge. This module
anchors those lines at their end, on the edge itself.

The edge follows from what Graphviz wrote: the label's table is centred in
the card and its widest line starts at the table's left edge, so the right
edge is as far right of the card's centre as that line starts left of it.
Cards to fix are the ones :mod:`argmap.render.dot` gives the class
``RIGHT_ALIGNED``; the rest of the drawing is left byte for byte as it is.
"""

from __future__ import annotations

import re

__all__ = ["RIGHT_ALIGNED", "flush_right"]

RIGHT_ALIGNED = "rtl"  # the class of a card whose lines are right-aligned

# The opening tag of a right-aligned card's group (Graphviz writes a node's classes after
# "node"); what follows, up to the comment that opens the next element, is the card.
# Patterns, compiled on first use (and kept in the re module's cache): most drawings
# have no right-aligned card, and compiling them costs every command's start.
_CARD = rb'<g id="[^"]*" class="node [^"]*\b' + RIGHT_ALIGNED.encode() + rb'\b[^"]*">'
_NEXT = rb"\n<!-- |\n</svg>"
_OUTLINE = rb'<(?:path|polygon) [^>]*?(?:d|points)="([^"]*)"'
_POINT_X = rb"(-?[0-9.]+),-?[0-9.]+"
_LINE_START = rb'text-anchor="start" x="(-?[0-9.]+)"'


def flush_right(svg: bytes) -> bytes:
    """``svg`` with the lines of every right-aligned card anchored at its right edge."""
    if RIGHT_ALIGNED.encode() not in svg:  # the common case: no such card, nothing to look at
        return svg
    parts: list[bytes] = []
    done = 0
    for card in re.finditer(_CARD, svg):
        end_match = re.compile(_NEXT).search(svg, card.end())
        end = end_match.start() if end_match else len(svg)
        parts.append(svg[done : card.start()])
        parts.append(_card_flush_right(svg[card.start() : end]))
        done = end
    parts.append(svg[done:])
    return b"".join(parts)


def _card_flush_right(card: bytes) -> bytes:
    """One card's group with its lines anchored at their end, on the card's right edge."""
    outline = re.search(_OUTLINE, card)
    starts = [float(x) for x in re.findall(_LINE_START, card)]
    if outline is None or not starts:
        return card
    xs = [float(x) for x in re.findall(_POINT_X, outline.group(1))]
    if not xs:
        return card
    centre = (min(xs) + max(xs)) / 2
    edge = _number(2 * centre - min(starts))
    return re.sub(_LINE_START, b'text-anchor="end" x="' + edge + b'"', card)


def _number(value: float) -> bytes:
    """A coordinate as Graphviz writes it: two decimals at most, no trailing zeros."""
    return f"{value:.2f}".rstrip("0").rstrip(".").encode()
