"""Turn an argument map into a Graphviz graph (DOT source).

Statements become cards with HTML-like labels; relations become edges. A
relation with several premises (co-premises of one linked reason), or one that
is itself attacked (the target of an undercut), gets a small junction point:
the premises meet there and one arrow leaves it for the target, so an undercut
can point at the inference rather than at a statement.

Every user-written string is escaped here and nowhere else: HTML entities in
labels, backslashes and quotes in plain attributes.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass, field

import graphviz

from argmap.model import ArgumentMap, Direction, Group, Relation, RelationKind, Source, Statement
from argmap.roles import Role
from argmap.theme import Theme, attribution_line, get_theme, is_rtl, wrap_text

__all__ = ["DotOptions", "build_dot", "junction_relations", "statement_label"]

POINTS_PER_INCH = 72.0
LEGEND_NODE = "_legend"  # ids start with a letter or digit (model.ID_PATTERN), so this never collides


@dataclass(frozen=True)
class DotOptions:
    """What varies between an export and the editor's layout request."""

    theme: Theme = field(default_factory=lambda: get_theme(None))
    # Graphviz positions in points (y up) to pin nodes at; used with ``neato -n2``.
    positions: Mapping[str, tuple[float, float]] | None = None
    # Card sizes in points measured by the editor; labels are then left out.
    sizes: Mapping[str, tuple[float, float]] | None = None
    # Cluster boxes (llx, lly, urx, ury) by group id, needed when positions are pinned.
    cluster_boxes: Mapping[str, tuple[float, float, float, float]] | None = None
    legend: bool = False


def junction_relations(argument_map: ArgumentMap) -> set[str]:
    """Ids of relations drawn through a junction point: linked reasons and undercut targets."""
    targeted = {r.target for r in argument_map.relations}
    return {r.id for r in argument_map.relations if len(r.premises) > 1 or r.id in targeted}


def build_dot(argument_map: ArgumentMap, options: DotOptions | None = None) -> graphviz.Digraph:
    """The whole map as a Graphviz digraph, ready for ``dot`` (or ``neato -n2`` when pinned)."""
    options = options or DotOptions()
    theme = options.theme
    graph = graphviz.Digraph(name="argmap", strict=False)
    graph.attr(
        rankdir=Direction(argument_map.layout.direction).value,
        bgcolor=theme.background,
        fontname=theme.font_family,
        nodesep=_number(theme.node_gap),
        ranksep=_number(theme.rank_gap),
        newrank="true",
        splines="true",
        outputorder="edgesfirst",
    )
    if argument_map.title:
        graph.attr(label=_plain(argument_map.title), labelloc="t", fontsize="16")
    graph.attr("node", fontname=theme.font_family, fontsize=_number(theme.font_size))
    graph.attr("edge", fontname=theme.font_family)
    roles = argument_map.roles()
    sources = {s.id: s for s in argument_map.sources}
    junctions = junction_relations(argument_map)
    junction_groups = _junction_groups(argument_map, junctions)
    grouped = _add_groups(graph, argument_map, junction_groups, roles, sources, options)
    for statement in argument_map.statements:
        if statement.id not in grouped:
            _add_statement(graph, statement, roles[statement.id], sources, options)
    _add_relations(graph, argument_map, junctions, grouped, options)
    if options.legend:
        _add_legend(graph, theme, options.positions)
    return graph


# -- statements ------------------------------------------------------------


def _add_statement(
    graph: graphviz.Digraph,
    statement: Statement,
    role: Role,
    sources: Mapping[str, Source],
    options: DotOptions,
) -> None:
    theme = options.theme
    card = theme.card(role)
    style = "rounded,filled" + (",dashed" if card.dashed else "")
    attrs = {
        "shape": "box",
        "style": style,
        "fillcolor": card.fill,
        "color": card.border,
        "fontcolor": card.text,
        "penwidth": _number(card.border_width),
        "margin": "0.12,0.08",
        "id": _plain(statement.id),
        "class": role.value.replace(" ", "-"),
        "tooltip": _plain(_tooltip(statement, sources)),
    }
    if options.sizes and statement.id in options.sizes:
        width, height = options.sizes[statement.id]
        attrs.update(
            label="",
            fixedsize="true",
            width=_number(width / POINTS_PER_INCH),
            height=_number(height / POINTS_PER_INCH),
        )
    else:
        attrs["label"] = statement_label(statement, theme)
    if options.positions and statement.id in options.positions:
        attrs["pos"] = _pos(options.positions[statement.id])
    graph.node(statement.id, **attrs)


def statement_label(statement: Statement, theme: Theme) -> str:
    """The card as an HTML-like label: bold title, wrapped text, italic attribution."""
    rtl = is_rtl(statement.title or statement.text)
    align = "right" if rtl else "left"
    rows = []
    if statement.title:
        title_lines = "<br/>".join(_html(line) for line in wrap_text(statement.title, theme.wrap_width))
        rows.append(
            f'<tr><td align="{align}" balign="{align}"><font point-size="{_number(theme.title_size)}">'
            f"<b>{title_lines}</b></font></td></tr>"
        )
    text_lines = "<br/>".join(_html(line) for line in wrap_text(statement.text, theme.wrap_width))
    rows.append(f'<tr><td align="{align}" balign="{align}">{text_lines or " "}</td></tr>')
    attribution = statement.attribution
    line = attribution_line(attribution.speaker, attribution.date) if attribution else None
    if line:
        width = round(theme.wrap_width * theme.font_size / theme.attribution_size)
        small = "<br/>".join(_html(part) for part in wrap_text(line, width))
        rows.append(
            f'<tr><td align="{align}" balign="{align}"><font point-size="{_number(theme.attribution_size)}"'
            f' color="{theme.attribution_colour}"><i>{small}</i></font></td></tr>'
        )
    return (
        '<<table border="0" cellborder="0" cellspacing="2" cellpadding="0">'
        + "".join(rows)
        + "</table>>"
    )


def _tooltip(statement: Statement, sources: Mapping[str, Source]) -> str:
    parts = []
    attribution = statement.attribution
    if attribution and attribution.quote:
        parts.append(f"“{attribution.quote}”")
    if attribution and attribution.source and attribution.source in sources:
        source = sources[attribution.source]
        parts.append(", ".join(p for p in (source.author, source.title, source.date) if p))
    return "\n".join(parts) or statement.text


# -- relations -------------------------------------------------------------


def _add_relations(
    graph: graphviz.Digraph,
    argument_map: ArgumentMap,
    junctions: set[str],
    placed: set[str],
    options: DotOptions,
) -> None:
    """Edges for every relation; junctions not already drawn inside a group go at the top level."""
    for relation in argument_map.relations:
        if relation.id in junctions and relation.id not in placed:
            _add_junction(graph, relation, options)
    for relation in argument_map.relations:
        style = _edge_attrs(relation, options.theme)
        edge_id = f"edge-{relation.id}"
        if relation.id in junctions:
            for premise in relation.premises:
                graph.edge(
                    premise, relation.id, dir="none", id=_plain(f"{edge_id}-{premise}"), **style
                )
            graph.edge(relation.id, relation.target, id=_plain(edge_id), **style)
        else:
            graph.edge(relation.premises[0], relation.target, id=_plain(edge_id), **style)


def _add_junction(graph: graphviz.Digraph, relation: Relation, options: DotOptions) -> None:
    edge = options.theme.edge(relation.kind == RelationKind.ATTACK)
    attrs = {
        "shape": "point",
        "width": "0.09",
        "height": "0.09",
        "color": edge.colour,
        "fillcolor": edge.colour,
        "label": "",
        "id": _plain(relation.id),
        "class": "junction",
    }
    if options.positions and relation.id in options.positions:
        attrs["pos"] = _pos(options.positions[relation.id])
    graph.node(relation.id, **attrs)


def _edge_attrs(relation: Relation, theme: Theme) -> dict[str, str]:
    attack = relation.kind == RelationKind.ATTACK
    edge = theme.edge(attack)
    return {
        "color": edge.colour,
        "penwidth": _number(edge.width),
        "style": "dashed" if edge.dashed else "solid",
        "arrowhead": edge.arrowhead,
        "arrowsize": "0.9",
        "class": "attack" if attack else "support",
    }


# -- groups ----------------------------------------------------------------


def _junction_groups(argument_map: ArgumentMap, junctions: set[str]) -> dict[str, list[Relation]]:
    """Junctions whose premises all sit in one group are drawn inside that group."""
    group_of = {sid: g.id for g in argument_map.groups for sid in g.statements}
    inside: dict[str, list[Relation]] = {}
    for relation in argument_map.relations:
        if relation.id not in junctions:
            continue
        homes = {group_of.get(p) for p in relation.premises}
        if len(homes) == 1 and None not in homes:
            inside.setdefault(homes.pop(), []).append(relation)
    return inside


def _add_groups(
    graph: graphviz.Digraph,
    argument_map: ArgumentMap,
    junction_groups: Mapping[str, list[Relation]],
    roles: Mapping[str, Role],
    sources: Mapping[str, Source],
    options: DotOptions,
) -> set[str]:
    """Draw groups as (nested) clusters; returns the ids of the nodes placed in them."""
    groups = argument_map.groups
    statements = {s.id: s for s in argument_map.statements}
    label_at = "b" if Direction(argument_map.layout.direction) == Direction.BOTTOM_TO_TOP else "t"
    children: dict[str | None, list[Group]] = {}
    known = {g.id for g in groups}
    for group in groups:
        parent = group.parent if group.parent in known else None
        children.setdefault(parent, []).append(group)
    placed: set[str] = set()

    def add(parent_graph: graphviz.Digraph, group: Group, depth: int) -> None:
        with parent_graph.subgraph(name=f"cluster_{group.id}") as cluster:
            cluster.attr(
                label=_plain(group.title),
                style="rounded,filled",
                fillcolor=options.theme.group_fill,
                color=options.theme.group_border,
                fontcolor=options.theme.attribution_colour,
                fontsize=_number(options.theme.font_size),
                labeljust="l",
                labelloc=label_at,  # "b" is the top when the map reads bottom to top
                id=_plain(f"group-{group.id}"),
            )
            if options.cluster_boxes and group.id in options.cluster_boxes:
                cluster.attr(bb=",".join(_number(v) for v in options.cluster_boxes[group.id]))
            for statement_id in group.statements:
                if statement_id in statements and statement_id not in placed:
                    placed.add(statement_id)
                    statement = statements[statement_id]
                    _add_statement(cluster, statement, roles[statement_id], sources, options)
            for relation in junction_groups.get(group.id, []):
                placed.add(relation.id)
                _add_junction(cluster, relation, options)
            if depth < 32:  # nesting beyond this is certainly a mistake; stop recursing
                for child in children.get(group.id, []):
                    add(cluster, child, depth + 1)

    for group in children.get(None, []):
        add(graph, group, 0)
    return placed


def _add_legend(
    graph: graphviz.Digraph, theme: Theme, positions: Mapping[str, tuple[float, float]] | None
) -> None:
    rows = []
    for role in Role:
        card = theme.card(role)
        rows.append(
            f'<tr><td bgcolor="{card.fill}" color="{card.border}" border="1" width="18"> </td>'
            f'<td align="left"> {html.escape(role.value)}</td></tr>'
        )
    for name, edge in (("support", theme.support), ("attack", theme.attack)):
        line = "- - - -|" if edge.dashed else "&#8212;&#8212;&gt;"
        rows.append(
            f'<tr><td><font color="{edge.colour}">{line}</font></td>'
            f'<td align="left"> {name}</td></tr>'
        )
    label = (
        '<<table border="0" cellborder="0" cellspacing="3">'
        + "".join(rows)
        + "</table>>"
    )
    attrs = {"label": label, "shape": "box", "style": "rounded", "color": "#bbbbbb", "id": "legend"}
    if positions and LEGEND_NODE in positions:
        attrs["pos"] = _pos(positions[LEGEND_NODE])
    graph.node(LEGEND_NODE, **attrs)


# -- escaping --------------------------------------------------------------


def _html(text: str) -> str:
    """Text for an HTML-like label: entities escaped, tabs as spaces.

    Graphviz expands ``\\N``, ``\\G`` and friends even in HTML-like labels (also
    after decoding ``&#92;``), and reads a doubled backslash as one.
    """
    return html.escape(text.replace("\t", "    "), quote=True).replace("\\", "\\\\")


def _plain(text: str) -> str:
    """Text for a quoted DOT attribute, taken literally.

    Graphviz reads backslash sequences (``\\n``, ``\\N``) in quoted strings, so
    backslashes are doubled and real newlines become ``\\n``; the graphviz
    package then escapes the double quotes. Marked as not-HTML, so a text
    that happens to start with ``<`` and end with ``>`` stays text.
    """
    escaped = text.replace("\\", "\\\\").replace("\r\n", "\n").replace("\r", "\n")
    return graphviz.nohtml(escaped.replace("\n", "\\n"))


def _number(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".")


def _pos(point: tuple[float, float]) -> str:
    return f"{_number(point[0])},{_number(point[1])}!"
