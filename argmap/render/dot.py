"""Turn an argument map into a Graphviz graph (DOT source).

Statements become cards with HTML-like labels; relations become edges. A
relation with several premises (co-premises of one linked reason), or one that
is itself attacked (the target of an undercut), gets a small junction point:
the premises meet there and one arrow leaves it for the target, so an undercut
can point at the inference rather than at a statement.

Every user-written string is escaped on its way in, by the helpers of
:mod:`argmap.render.dot_text` and nowhere else: HTML entities in labels,
backslashes and quotes in plain attributes, and ``&`` in the plain ones
Graphviz decodes entities in (titles, tooltips).

The DOT text is written here directly rather than through the ``graphviz``
package's ``node()``/``edge()`` calls, which quote every attribute with
several regular expressions: for a map of a thousand statements that cost
more than everything else argmap does before Graphviz starts. Attributes that
every card (or every edge) shares are written once, as ``node``/``edge``
defaults; the styles of each role and relation kind are formatted once per
map (:mod:`argmap.render.dot_styles`). The result is the DOT text itself:
callers hand it to Graphviz on stdin.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from argmap.model import ArgumentMap, Direction, Group, Relation, RelationKind, Source, Statement
from argmap.render.cards import (
    Cards,
    CardText,
    directed_text,
    fit_text,
    spaced_for,
    statement_label,
)
from argmap.render.dot_styles import Styles
from argmap.render.dot_text import attr_list, dot_id, dot_number, dot_string, pin_point
from argmap.render.fold import drawn_groups, fold_ranks
from argmap.render.legend import legend_line
from argmap.roles import Role
from argmap.theme import Theme, get_theme, is_rtl

__all__ = ["DotOptions", "build_dot", "is_right_aligned", "junction_relations", "statement_label"]

POINTS_PER_INCH = 72.0


class DotOptions(NamedTuple):
    """What varies between an export and the editor's layout request (``_replace`` to vary it)."""

    theme: Theme = get_theme(None)
    # Graphviz positions in points (y up) to pin nodes at; used with ``neato -n2``.
    positions: Mapping[str, tuple[float, float]] | None = None
    # Card sizes in points measured by the editor; labels are then left out.
    sizes: Mapping[str, tuple[float, float]] | None = None
    # Cluster boxes (llx, lly, urx, ury) by group id, needed when positions are pinned.
    cluster_boxes: Mapping[str, tuple[float, float, float, float]] | None = None
    # Groups drawn as a tinted band around each member (a box would enclose other cards):
    # group id -> (statement id, llx, lly, urx, ury) per member. Needs positions.
    bands: Mapping[str, tuple[tuple[str, float, float, float, float], ...]] | None = None
    legend: bool = False
    # Evaluated labels by statement id ("in", "out", "undecided"): each card gets a badge
    # and a border per label; relations in ``idle`` (not applicable, or weighing 0) fade.
    labels: Mapping[str, str] | None = None
    idle: frozenset[str] = frozenset()
    # A page (width, height in points) whose proportions a wide map is folded towards
    # (see argmap.render.fold); only for a drawing that ``dot`` lays out.
    page: tuple[float, float] | None = None
    # What each card shows: everything, or its title and speaker line (argmap.render.cards).
    cards: Cards = Cards.FULL


# Border per evaluated label: a line style (solid and thick, dashed, dotted); the
# card's badge (argmap.render.cards) names the label.
_EVALUATION_BORDERS = {
    "in": 'penwidth="3.2"',
    "out": 'style="rounded,filled,dashed" penwidth="2"',
    "undecided": 'style="rounded,filled,dotted" penwidth="2"',
}
_IDLE_EDGE = 'penwidth="0.8" arrowsize="0.6"'


def junction_relations(argument_map: ArgumentMap) -> set[str]:
    """Ids of relations drawn through a junction point: linked reasons and undercut targets."""
    targeted = {r.target for r in argument_map.relations}
    return {r.id for r in argument_map.relations if len(r.premises) > 1 or r.id in targeted}


def is_right_aligned(statement: Statement) -> bool:
    """Whether a card's lines are set flush right: its title (else its text) reads right to left."""
    return is_rtl(statement.title or statement.text)


def build_dot(argument_map: ArgumentMap, options: DotOptions | None = None) -> str:
    """The whole map as DOT source, ready for ``dot`` (or ``neato -n2`` when pinned)."""
    options = options or DotOptions()
    theme = spaced_for(options.theme, options.cards)
    styles = Styles(theme, options.cards)
    body = [
        "digraph argmap {\n",
        "\t"
        + attr_list(
            {
                "bgcolor": dot_id(theme.background),
                "fontname": dot_id(theme.font_family),
                "newrank": "true",
                "nodesep": dot_id(dot_number(theme.node_gap)),
                "outputorder": "edgesfirst",
                "rankdir": dot_id(Direction(argument_map.layout.direction).value),
                "ranksep": dot_id(dot_number(theme.rank_gap)),
                "splines": "true",
            }
        )
        + "\n",
    ]
    if argument_map.title:
        ink = "" if theme.ink == "black" else f" fontcolor={dot_id(theme.ink)}"  # else default
        title = dot_string(directed_text(argument_map.title))
        body.append(f"\tfontsize=16 label={title} labelloc=t{ink}\n")
    body.append(f"\tnode [{attr_list(styles.node_defaults)}]\n")
    body.append(f"\tedge [{attr_list(styles.edge_defaults)}]\n")
    roles = argument_map.roles()
    sources = {s.id: s for s in argument_map.sources}
    junctions = junction_relations(argument_map)
    homes = drawn_groups(argument_map, junctions)  # the group each card and junction is in
    junction_groups = _junction_groups(argument_map, junctions, homes)
    folding = options.page is not None and not options.positions
    writer = _Writer(body, styles, roles, sources, options)
    if folding:
        writer.texts = {}  # every card's lines, which folding measures
    _declare_in_tree_order(body, argument_map, roles, junctions)
    grouped = _add_groups(writer, argument_map, junction_groups)
    for statement in argument_map.statements:
        if statement.id not in grouped:
            writer.statement(statement, "\t")
    lengths = {}
    if folding and options.page is not None:
        lengths = fold_ranks(
            argument_map,
            theme,
            options.page,
            junctions,
            sizes=options.sizes,
            badges=options.labels is not None,
            cards=options.cards,
            texts=writer.texts,
            roles=roles,
            groups=homes,
        )
    _add_relations(writer, argument_map, junctions, grouped, lengths)
    if options.legend:
        body.append(legend_line(theme, styles.non_card, options.positions))
    body.append("}\n")
    return "".join(body)


def _declare_in_tree_order(
    body: list[str], argument_map: ArgumentMap, roles: Mapping[str, Role], junctions: set[str]
) -> None:
    """Name every node once, main claims first and then depth first, before any group.

    ``dot`` orders each rank by a search that starts from the nodes in the
    order they were first named. Named from the main claims down, premises
    are met in the order of their relations, so siblings read left to right
    as the file lists them (a chronology reads forwards). Named group by
    group, as the full declarations below are, the first group's cards end
    up last. A node's full declaration, inside its group if it has one,
    follows later.
    """
    below: dict[str, list[str]] = {}
    own: dict[str, list[str]] = {}  # a junction's premises, which go before its undercuts
    for relation in argument_map.relations:
        if relation.id in junctions:
            below.setdefault(relation.target, []).append(relation.id)
            own[relation.id] = list(relation.premises)
        else:
            below.setdefault(relation.target, []).append(relation.premises[0])
    for junction, premises in own.items():
        below[junction] = premises + below.get(junction, [])
    stack = [s.id for s in reversed(argument_map.statements) if roles[s.id] is Role.MAIN_CLAIM]
    seen: set[str] = set()
    while stack:
        node = stack.pop()
        if node in seen or (node not in roles and node not in junctions):
            continue
        seen.add(node)
        body.append(f"\t{dot_id(node)}\n")
        stack.extend(reversed(below.get(node, ())))


# -- statements ------------------------------------------------------------


class _Writer:
    """Appends the DOT lines of cards, junctions and edges to the graph's body."""

    def __init__(
        self,
        body: list[str],
        styles: Styles,
        roles: Mapping[str, Role],
        sources: Mapping[str, Source],
        options: DotOptions,
    ) -> None:
        self.body = body
        self.styles = styles
        self.roles = roles
        self.sources = sources
        self.sizes = options.sizes or {}
        self.positions = options.positions or {}
        self.cluster_boxes = options.cluster_boxes or {}
        self.bands = options.bands or {}
        self.labels = options.labels
        self.idle = options.idle
        self.titles_only = Cards(options.cards) is Cards.TITLES
        # Each card's lines by statement id, when someone (folding) wants them kept.
        self.texts: dict[str, CardText] | None = None

    def statement(self, statement: Statement, indent: str) -> None:
        statement_id = statement.id
        name = dot_id(statement_id)
        right_aligned = False
        if statement_id in self.sizes:  # the editor draws the text; Graphviz only needs the size
            width, height = self.sizes[statement_id]
            label = '""'
            size = (
                f" fixedsize=true width={dot_id(dot_number(width / POINTS_PER_INCH))}"
                f" height={dot_id(dot_number(height / POINTS_PER_INCH))}"
            )
        else:
            mark = self.labels.get(statement_id) if self.labels is not None else None
            style = self.styles.label
            text = style.lines(statement)
            if self.texts is not None:
                self.texts[statement_id] = text
            right_aligned = is_right_aligned(statement)
            label, size = style.draw(text, right_aligned, mark), ""
        role = self.roles[statement_id]
        line = f"{indent}{name} [label={label}{size} {self.styles.card[role]}"
        if right_aligned:  # a class the SVG's lines are set flush right by (svg_lines)
            line += f" class={self.styles.right_aligned[role]}"
        tooltip = _tooltip(statement, self.sources, whole_text=self.titles_only)
        line += f" id={name} tooltip={dot_string(tooltip)}"
        if self.labels is not None and statement_id in self.labels:
            line += " " + _EVALUATION_BORDERS[self.labels[statement_id]]
        if statement_id in self.positions:
            line += f" pos={dot_id(pin_point(self.positions[statement_id]))}"
        self.body.append(line + "]\n")

    def junction(self, relation: Relation, indent: str) -> None:
        name = dot_id(relation.id)
        line = f"{indent}{name} [{self.styles.junction[relation.kind == RelationKind.ATTACK]}"
        line += f" id={name}"
        if relation.id in self.positions:
            line += f" pos={dot_id(pin_point(self.positions[relation.id]))}"
        self.body.append(line + "]\n")

    def edge(
        self, tail: str, head: str, attrs: str, lengths: Mapping[tuple[str, str], int]
    ) -> None:
        """An edge; ``lengths`` has the ranks it spans (``minlen``) if folding lengthened it."""
        length = lengths.get((tail, head))
        if length:
            attrs += f" minlen={length}"
        self.body.append(f"\t{dot_id(tail)} -> {dot_id(head)} [{attrs}]\n")


def _tooltip(
    statement: Statement, sources: Mapping[str, Source], *, whole_text: bool = False
) -> str:
    """The hover text in an SVG: the quote and its source, else the whole statement.

    Without a tooltip, browsers show the node's name (``s12``) on hover, so
    the statement's own text is the fallback. ``whole_text`` puts the text
    first whatever else there is: a titles-only card does not show it.
    """
    parts = [statement.text] if whole_text and statement.text else []
    attribution = statement.attribution
    if attribution and attribution.quote:
        parts.append(f"“{attribution.quote}”")
    if attribution and attribution.source and attribution.source in sources:
        source = sources[attribution.source]
        parts.append(", ".join(p for p in (source.author, source.title, source.date) if p))
    return "\n".join(parts) or statement.text


# -- relations -------------------------------------------------------------


def _add_relations(
    writer: _Writer,
    argument_map: ArgumentMap,
    junctions: set[str],
    placed: set[str],
    lengths: Mapping[tuple[str, str], int],
) -> None:
    """Edges for every relation; junctions not already drawn inside a group go at the top level.

    ``lengths`` are the ranks that folding makes an edge span (``minlen``), by (tail, head).
    """
    for relation in argument_map.relations:
        if relation.id in junctions and relation.id not in placed:
            writer.junction(relation, "\t")
    for relation in argument_map.relations:
        style = writer.styles.edge[relation.kind == RelationKind.ATTACK]
        if relation.id in writer.idle:
            style += " " + _IDLE_EDGE
        edge_id = f"edge-{relation.id}"
        if relation.id in junctions:
            for premise in relation.premises:
                attrs = f"{style} dir=none id={dot_id(f'{edge_id}-{premise}')}"
                writer.edge(premise, relation.id, attrs, lengths)
            writer.edge(relation.id, relation.target, f"{style} id={dot_id(edge_id)}", lengths)
        else:
            premise = relation.premises[0]
            writer.edge(premise, relation.target, f"{style} id={dot_id(edge_id)}", lengths)


# -- groups ----------------------------------------------------------------


def _junction_groups(
    argument_map: ArgumentMap, junctions: set[str], homes: Mapping[str, str]
) -> dict[str, list[Relation]]:
    """Junctions whose premises all sit in one group are drawn inside that group."""
    inside: dict[str, list[Relation]] = {}
    for relation in argument_map.relations:
        home = homes.get(relation.id) if relation.id in junctions else None
        if home is not None:
            inside.setdefault(home, []).append(relation)
    return inside


def _add_groups(
    writer: _Writer, argument_map: ArgumentMap, junction_groups: Mapping[str, list[Relation]]
) -> set[str]:
    """Draw groups as (nested) clusters; returns the ids of the nodes placed in them."""
    groups = argument_map.groups
    theme = writer.styles.theme
    statements = {s.id: s for s in argument_map.statements}
    label_at = _title_side(argument_map, writer)
    children: dict[str | None, list[Group]] = {}
    known = {g.id for g in groups}
    for group in groups:
        parent = group.parent if group.parent in known else None
        children.setdefault(parent, []).append(group)
    placed: set[str] = set()
    body = writer.body

    def attributes(group: Group, element_id: str, title: str) -> dict[str, str]:
        return {
            "color": dot_id(theme.group_border),
            "fillcolor": dot_id(theme.group_fill),
            "fontcolor": dot_id(theme.attribution_colour),
            "fontsize": dot_id(dot_number(theme.font_size)),
            "id": dot_id(element_id),
            "label": dot_string(directed_text(title)),
            "labeljust": "l",
            "labelloc": label_at,
            "style": dot_id("rounded,filled"),
        }

    def add_band(group: Group, indent: str) -> None:
        """One small tinted cluster per member; the group's title on the first.

        Each band's class names its member (``band-of-<statement id>``).

        A member already drawn in an outer group's band gets its band all the
        same, without the card, so a subgroup's bands and title are drawn too.
        """
        inner = indent + "\t"
        title = group.title
        for number, (statement_id, *box) in enumerate(writer.bands[group.id]):
            if statement_id not in statements:
                continue
            body.append(f"{indent}subgraph {dot_id(f'cluster_{group.id}-band-{number}')} {{\n")
            shown = _fitted_title(title, box, theme)
            band = attributes(group, f"group-{group.id}-band-{number}", shown)
            band["class"] = dot_id(f"band-of-{statement_id}")  # the page hides it with its card
            body.append(f"{inner}{attr_list(band)}\n")
            body.append(f"{inner}bb={dot_id(','.join(dot_number(v) for v in box))}\n")
            if statement_id not in placed:
                placed.add(statement_id)
                writer.statement(statements[statement_id], inner)
            body.append(f"{indent}}}\n")
            title = ""

    def add(group: Group, indent: str, depth: int) -> None:
        if group.id in writer.bands:
            add_band(group, indent)
            if depth < 32:
                for child in children.get(group.id, []):
                    add(child, indent, depth + 1)
            return
        inner = indent + "\t"
        body.append(f"{indent}subgraph {dot_id(f'cluster_{group.id}')} {{\n")
        corners = writer.cluster_boxes.get(group.id)
        title = group.title if corners is None else _fitted_title(group.title, corners, theme)
        body.append(f"{inner}{attr_list(attributes(group, f'group-{group.id}', title))}\n")
        if corners is not None:
            box = ",".join(dot_number(v) for v in corners)
            body.append(f"{inner}bb={dot_id(box)}\n")
        for statement_id in group.statements:
            if statement_id in statements and statement_id not in placed:
                placed.add(statement_id)
                writer.statement(statements[statement_id], inner)
        for relation in junction_groups.get(group.id, []):
            placed.add(relation.id)
            writer.junction(relation, inner)
        if depth < 32:  # nesting beyond this is certainly a mistake; stop recursing
            for child in children.get(group.id, []):
                add(child, inner, depth + 1)
        body.append(f"{indent}}}\n")

    for group in children.get(None, []):
        add(group, "\t", 0)
    return placed


# Graphviz sets a group's title this far in from its box's left side, and as much is
# kept on the right: a title in a box of given size (positions given) is fitted between.
# argmap's estimate of a title's width (argmap.render.cards) runs up to a tenth short of
# what browsers draw in Arial or its metric twin, Liberation Sans: hence the slack.
_TITLE_INSET = 8.0
_TITLE_SLACK = 1.12


def _fitted_title(title: str, box: Sequence[float], theme: Theme) -> str:
    """A group's title, shortened with "…" to fit in its box (left, bottom, right, top)."""
    if not title:
        return title
    room = (box[2] - box[0] - 2 * _TITLE_INSET) / _TITLE_SLACK
    return fit_text(title, room, theme.font_size)


def _title_side(argument_map: ArgumentMap, writer: _Writer) -> str:
    """Where a group's title goes: Graphviz's ``labelloc`` for its cluster.

    Every edge that leaves a group heads for the main claims, so a title on
    the side facing them gets crossed. An export drawn by ``dot`` puts it on
    the far side: "t", which ``dot`` draws at the bottom when the map reads
    bottom to top. For the editor's layout the title goes at the top of the
    box, where the canvas draws it: ``dot``'s "b" in that direction. With
    positions given (``neato -n2``, nothing flipped), "t" is the top, where
    the group's box keeps room for its title.
    """
    bottom_to_top = Direction(argument_map.layout.direction) == Direction.BOTTOM_TO_TOP
    for_editor = bool(writer.sizes) and not writer.positions
    return "b" if bottom_to_top and for_editor else "t"
