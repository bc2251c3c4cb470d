"""Export a map as DOT, SVG, PNG, PDF, a JSON layout, or an interactive HTML page.

The layout is one of three:

* ``tree`` — argmap's own tidy tree, as the editor draws it (with the user's
  pinned cards where they were put); Graphviz measures the cards, and draws
  the cards and routes the edges at the tree's fixed positions (``neato -n2``).
* ``auto`` — Graphviz ``dot``'s layered drawing; pinned positions are ignored.
  A map much wider than high is folded towards a landscape page's
  proportions (:mod:`argmap.render.fold`) unless ``fold`` is off.
* ``pinned`` — ``dot``'s drawing with the user's pinned cards moved to where
  they were put (``neato -n2``).

PDF comes from a Graphviz that can write it (a system ``dot`` with cairo).
``graphviz-pure`` cannot; then the caller's ``pdf_painter`` draws Graphviz's
own drawing instructions (``-Tjson``) into a PDF, so the result is the same
picture. The editor and the ``argmap`` command pass Qt's
(:func:`argmap.render_qt.pdf_from_xdot`); this module never imports Qt.

HTML is the SVG drawing inside a self-contained page (:mod:`argmap.render.page`)
that also carries the map itself, so it can be read back.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Collection, Mapping
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from argmap.atomic import Replacement, replacing, write_failure
from argmap.errors import RenderError
from argmap.model import ArgumentMap

if TYPE_CHECKING:
    from argmap.layout import NodeBox
from argmap.render.cards import Cards
from argmap.render.dot import DotOptions, build_dot, is_right_aligned, junction_relations
from argmap.render.engine import DEFAULT_TIMEOUT, Engine, find_engine, run_graphviz
from argmap.render.fold import LANDSCAPE_PAGE
from argmap.render.legend import LEGEND_NODE
from argmap.render.pages import PAPERS
from argmap.render.svg_lines import flush_right
from argmap.theme import THEMES, get_theme

__all__ = [
    "FORMATS",
    "LayoutMode",
    "PdfPainter",
    "PngPainter",
    "export_map",
    "format_for_path",
    "render_map",
]

FORMATS = ("dot", "svg", "png", "pdf", "json", "html")
_EXTENSIONS = {
    ".gv": "dot",
    ".dot": "dot",
    ".svg": "svg",
    ".png": "png",
    ".pdf": "pdf",
    ".json": "json",
    ".html": "html",
    ".htm": "html",
}

# Draws a PDF from Graphviz's ``-Tjson`` drawing (a parsed JSON object), on one page
# or, given a landscape paper's size in points, across pages as wide as the paper.
PdfPainter = Callable[..., bytes]
PngPainter = Callable[[dict[str, Any]], bytes]


class LayoutMode(StrEnum):
    TREE = "tree"  # argmap's tree layout, as the editor shows it
    AUTO = "auto"  # Graphviz's layered layout places everything
    PINNED = "pinned"  # Graphviz's layered layout, with the cards the user placed where they are


def format_for_path(path: str | Path) -> str:
    """The export format implied by a file name's extension."""
    suffix = Path(path).suffix.lower()
    if suffix not in _EXTENSIONS:
        known = ", ".join(sorted(_EXTENSIONS))
        raise ValueError(
            f"cannot tell the format from {str(path)!r}; use one of {known} or --format"
        )
    return _EXTENSIONS[suffix]


def render_map(
    argument_map: ArgumentMap,
    output_format: str,
    *,
    theme: str | None = None,
    layout: LayoutMode | str = LayoutMode.AUTO,
    legend: bool = False,
    engine: Engine | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    pdf_painter: PdfPainter | None = None,
    png_painter: PngPainter | None = None,
    evaluate: bool = False,
    labels: Mapping[str, str] | None = None,
    fold: bool = True,
    cards: Cards | str = Cards.FULL,
    pages: str | None = None,
    into: str | None = None,
) -> bytes:
    """The map drawn in ``output_format``, as bytes.

    With ``fold`` (the default), the ``auto`` layout folds a wide map so the
    drawing prints readably across a landscape page (:mod:`argmap.render.fold`).
    ``cards`` "titles" shows each statement's title and speaker but not its
    text, so that a large map prints readably on one page
    (:mod:`argmap.render.cards`).

    With ``evaluate``, every card carries its evaluated label (see
    :mod:`argmap.evaluation`) and arguments that carry no weight are drawn faint.

    ``pages`` ("a4" or "letter", PDF only) prints the drawing as wide as that
    landscape paper, over as many pages as it takes (:mod:`argmap.render.pages`);
    ``png_painter`` draws a PNG whose letters graphviz-pure's own font lacks (Arabic,
    Chinese, Japanese, the evaluation badges' ✓ and ✗); without it, graphviz-pure
    draws them as empty boxes.
    ``pdf_painter`` draws those pages, and the PDF when the Graphviz in use cannot write one;
    without it, asking such a Graphviz for a PDF is a :class:`RenderError`.
    ``labels`` are evaluation labels by statement id, which the HTML page
    shows (other formats ignore them); with ``evaluate`` the page gets the
    evaluated ones.

    ``into`` names an empty file that a drawing Graphviz writes as it stands
    (not a PDF or PNG drawn with Qt, nor an SVG whose lines are set flush
    right) may be written into by Graphviz itself; b"" is then returned.
    """
    if output_format not in FORMATS:
        raise ValueError(f"unknown format {output_format!r} (known: {', '.join(FORMATS)})")
    if pages is not None and (output_format != "pdf" or pages not in PAPERS):
        known = " or ".join(PAPERS)
        raise ValueError(f"pages are {known}, for a PDF (not {pages!r} for {output_format})")
    if output_format == "html":
        from argmap.render.page import build_page

        drawing = render_map(
            argument_map,
            "svg",
            theme=theme,
            layout=layout,
            legend=legend,
            engine=engine,
            timeout=timeout,
            evaluate=evaluate,
            fold=fold,
            cards=cards,
        )
        if evaluate and labels is None:
            labels = _evaluation_marks(argument_map)["labels"]
        return build_page(argument_map, drawing, labels=labels).encode("utf-8")
    theme_name = theme or argument_map.layout.theme
    chosen_theme = get_theme(theme_name if theme_name in THEMES or theme else None)
    options = DotOptions(theme=chosen_theme, legend=legend, cards=Cards(cards))
    if evaluate:
        options = options._replace(**_evaluation_marks(argument_map))
    layout = LayoutMode(layout)
    if layout is LayoutMode.AUTO and fold:
        options = options._replace(page=LANDSCAPE_PAGE)
    layout_engine, extra_args = "dot", tuple[str, ...]()
    if layout is LayoutMode.PINNED and argument_map.layout.positions:
        engine = engine or find_engine()
        positions, boxes = _pinned_layout(argument_map, options, engine, timeout)
        options = options._replace(positions=positions, cluster_boxes=boxes)
        layout_engine, extra_args = "neato", ("-n2",)
    elif layout is LayoutMode.TREE and argument_map.statements:
        engine = engine or find_engine()
        options = tree_options(argument_map, options, engine, timeout)
        layout_engine, extra_args = "neato", ("-n2",)
    source = build_dot(argument_map, options)
    if output_format == "dot":
        return source.encode("utf-8")
    engine = engine or find_engine()
    graphviz = partial(
        run_graphviz,
        engine,
        source,
        layout_engine=layout_engine,
        extra_args=extra_args,
        timeout=timeout,
    )
    if output_format == "pdf" and (pages is not None or not engine.supports("pdf")):
        if pdf_painter is None:
            raise RenderError(
                f"this Graphviz ({engine.executable}) cannot write PDF: install Graphviz with"
                " PDF support, or pass a pdf_painter (argmap.render_qt.pdf_from_xdot draws"
                " it with Qt)"
            )
        drawn_layout = _parse_json(graphviz("json"))
        if pages is None:
            return pdf_painter(drawn_layout)
        return pdf_painter(drawn_layout, pages=PAPERS[pages])
    if output_format == "png" and png_painter is not None and _beyond_pure_font(engine, source):
        return png_painter(_parse_json(graphviz("json")))
    if output_format == "svg" and any(map(is_right_aligned, argument_map.statements)):
        return flush_right(graphviz(output_format))  # (looking for them in the SVG is slower)
    return graphviz(output_format, into=into)


def _beyond_pure_font(engine: Engine, source: str) -> bool:
    """Whether graphviz-pure would letter this drawing's PNG with empty boxes.

    Its one built-in font has Latin, Greek, Cyrillic and Hebrew letters and
    the common punctuation, and nothing else (no Arabic, Chinese, Japanese, nor
    the evaluation badges' ✓ and ✗). A system Graphviz letters with the
    system's fonts.
    """
    if not engine.is_pure or source.isascii():
        return False
    return re.search("[^\x00-\u052f\u0590-\u05ff\u1e00-\u20cf]", source) is not None


def _evaluation_marks(argument_map: ArgumentMap) -> dict[str, Any]:
    """Labels by statement and the relations that carry no weight, for :class:`DotOptions`."""
    from argmap.evaluation import evaluate

    evaluation = evaluate(argument_map)
    idle = frozenset(rid for rid, result in evaluation.relations.items() if result.weight <= 0.0)
    labels = {sid: str(mark) for sid, mark in evaluation.statements.items()}
    return {"labels": labels, "idle": idle}


def export_map(
    argument_map: ArgumentMap,
    out: str | Path,
    output_format: str | None = None,
    **options: Any,
) -> Path:
    """Render the map and write it to ``out`` (atomically: no half-written file on failure)."""
    out = Path(out)
    output_format = output_format or format_for_path(out)
    try:
        with replacing(out) as replacement:
            data = _drawn(argument_map, output_format, _graphviz_can_write(replacement), options)
            if data:
                replacement.write(data)
    except OSError as error:
        raise RenderError(
            f"{out}: could not write the export: {write_failure(out, error)}"
        ) from None
    return out


def _drawn(
    argument_map: ArgumentMap, output_format: str, into: str | None, options: dict[str, Any]
) -> bytes:
    """The drawing, or b"" once Graphviz has written it ``into`` the file itself.

    A system error while drawing is an error of the drawing, not of writing the export.
    """
    try:
        return render_map(argument_map, output_format, into=into, **options)
    except OSError as error:
        raise RenderError(f"could not draw the map: {error.strerror or error}") from None


def _graphviz_can_write(replacement: Replacement) -> str | None:
    """The file Graphviz may write the drawing into itself, if any.

    Not a pipe or a device (``/dev/stdout`` in Graphviz's process is its own
    output), and on Windows only a name in ASCII: Graphviz opens files there
    by their name in the system's code page, which may lack its letters.
    """
    if replacement.stream or (os.name == "nt" and not replacement.path.isascii()):
        return None
    return replacement.path


def tree_options(
    argument_map: ArgumentMap, options: DotOptions, engine: Engine, timeout: float
) -> DotOptions:
    """The DOT options that put every node where argmap's tree layout puts it.

    Graphviz measures the cards (a quick run with every node at the origin);
    the tree is laid out with those sizes; Graphviz coordinates have y upwards.
    """
    from argmap.layout.tree import tree_layout  # only this layout needs it: load it only then

    sizes = _measure(argument_map, options, engine, timeout)
    result = tree_layout(argument_map, sizes, theme=options.theme)
    positions = {name: (node.x, -node.y) for name, node in result.nodes.items()}
    boxes = {gid: (x, -(y + h), x + w, -y) for gid, (x, y, w, h) in result.clusters.items()}
    bands = {
        gid: tuple(_band(result.nodes[sid]) for sid in members if sid in result.nodes)
        for gid, members in result.bands.items()
    }
    if options.legend and LEGEND_NODE in sizes:
        width, height = sizes[LEGEND_NODE]
        right = max((n.x + n.width / 2 for n in result.nodes.values()), default=0.0)
        top = min((n.y - n.height / 2 for n in result.nodes.values()), default=0.0)
        positions[LEGEND_NODE] = (right + 40 + width / 2, -(top + height / 2))
    return options._replace(positions=positions, cluster_boxes=boxes, bands=bands)


def _band(node: NodeBox) -> tuple[str, float, float, float, float]:
    from argmap.layout.tree import GROUP_LABEL, GROUP_PADDING

    pad = GROUP_PADDING / 2
    half_w, half_h = node.width / 2 + pad, node.height / 2 + pad
    return (
        node.name,
        node.x - half_w,
        -node.y - half_h,
        node.x + half_w,
        -node.y + half_h + GROUP_LABEL,
    )


def _measure(
    argument_map: ArgumentMap, options: DotOptions, engine: Engine, timeout: float
) -> dict[str, tuple[float, float]]:
    """Every node's size (points) as Graphviz draws its label, without laying anything out."""
    everywhere = dict.fromkeys([s.id for s in argument_map.statements], (0.0, 0.0))
    everywhere.update(dict.fromkeys(junction_relations(argument_map), (0.0, 0.0)))
    everywhere[LEGEND_NODE] = (0.0, 0.0)
    source = build_dot(argument_map, options._replace(positions=everywhere))
    drawing = _parse_json(
        run_graphviz(
            engine,
            source,
            "json0",
            layout_engine="neato",
            extra_args=("-n2", "-Gsplines=false"),
            timeout=timeout,
        )
    )
    return {
        item["name"]: (float(item.get("width", 0)) * 72.0, float(item.get("height", 0)) * 72.0)
        for item in drawing.get("objects", [])
        if "name" in item and "width" in item
    }


def _parse_json(data: bytes) -> dict[str, Any]:
    try:
        drawing: dict[str, Any] = json.loads(data)
        return drawing
    except ValueError as error:
        raise RenderError(f"Graphviz wrote an unreadable layout: {error}") from None


def _pinned_layout(
    argument_map: ArgumentMap, options: DotOptions, engine: Engine, timeout: float
) -> tuple[dict[str, tuple[float, float]], dict[str, tuple[float, float, float, float]]]:
    """Graphviz coordinates for every node and group box: pinned ones as stored, the rest from dot.

    Stored positions have y growing downwards (screen coordinates); Graphviz's
    grows upwards. A junction next to a moved statement is put back between
    its premises and its target, and group boxes are fitted around their
    members again, since ``neato -n2`` draws clusters only where told.
    """
    source = build_dot(argument_map, options)
    drawing = _parse_json(run_graphviz(engine, source, "json", timeout=timeout))
    positions: dict[str, tuple[float, float]] = {}
    half_sizes: dict[str, tuple[float, float]] = {}
    for item in drawing.get("objects", []):
        if "pos" in item and "name" in item:
            x, y = (float(v) for v in item["pos"].split(",")[:2])
            positions[item["name"]] = (x, y)
            half_sizes[item["name"]] = (
                float(item.get("width", 0)) * 36.0,
                float(item.get("height", 0)) * 36.0,
            )
    pinned = argument_map.layout.positions
    for statement_id, point in pinned.items():
        positions[statement_id] = (point.x, -point.y)
    _place_junctions(argument_map, positions, pinned.keys())
    return positions, _group_boxes(argument_map, positions, half_sizes)


def _place_junctions(
    argument_map: ArgumentMap,
    positions: dict[str, tuple[float, float]],
    pinned: Collection[str],
) -> None:
    junctions = junction_relations(argument_map)
    # In file order, not the set's: a junction placed towards an undercut junction
    # depends on which of the two moved first, and the set's order varies between runs.
    for relation in argument_map.relations:
        if relation.id not in junctions:
            continue
        if not any(end in pinned for end in [*relation.premises, relation.target]):
            continue
        premise_points = [positions[p] for p in relation.premises if p in positions]
        target_point = positions.get(relation.target)
        if not premise_points or target_point is None:
            continue
        px = sum(p[0] for p in premise_points) / len(premise_points)
        py = sum(p[1] for p in premise_points) / len(premise_points)
        positions[relation.id] = (
            px + (target_point[0] - px) * 0.6,
            py + (target_point[1] - py) * 0.6,
        )


_GROUP_PADDING = 10.0
_GROUP_LABEL_SPACE = 22.0


def _group_boxes(
    argument_map: ArgumentMap,
    positions: dict[str, tuple[float, float]],
    half_sizes: dict[str, tuple[float, float]],
) -> dict[str, tuple[float, float, float, float]]:
    """Boxes around each group's statements and nested groups (innermost first)."""
    children: dict[str, list[str]] = {}
    for group in argument_map.groups:
        if group.parent:
            children.setdefault(group.parent, []).append(group.id)
    members = {g.id: g.statements for g in argument_map.groups}
    boxes: dict[str, tuple[float, float, float, float]] = {}

    def box(group_id: str, depth: int) -> tuple[float, float, float, float] | None:
        if group_id in boxes:
            return boxes[group_id]
        parts = []
        for statement_id in members.get(group_id, []):
            if statement_id in positions:
                (x, y), (w, h) = positions[statement_id], half_sizes.get(statement_id, (0.0, 0.0))
                parts.append((x - w, y - h, x + w, y + h))
        if depth < 32:
            parts.extend(b for child in children.get(group_id, []) if (b := box(child, depth + 1)))
        if not parts:
            return None
        boxes[group_id] = (
            min(p[0] for p in parts) - _GROUP_PADDING,
            min(p[1] for p in parts) - _GROUP_PADDING,
            max(p[2] for p in parts) + _GROUP_PADDING,
            max(p[3] for p in parts) + _GROUP_PADDING + _GROUP_LABEL_SPACE,
        )
        return boxes[group_id]

    for group in argument_map.groups:
        box(group.id, 0)
    return boxes
