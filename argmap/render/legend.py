"""The legend of an export: a box naming each role's card colours and each kind of arrow."""

from __future__ import annotations

from collections.abc import Mapping

from argmap.render.dot_text import attr_list, dot_id, html_text, pin_point
from argmap.roles import Role
from argmap.theme import Theme

__all__ = ["LEGEND_NODE", "legend_line"]

LEGEND_NODE = (
    "_legend"  # ids start with a letter or digit (model.ID_PATTERN), so this never collides
)


def legend_line(
    theme: Theme,
    unset: Mapping[str, str],
    positions: Mapping[str, tuple[float, float]] | None,
) -> str:
    """The legend as one DOT node statement.

    ``unset`` are the card attributes of the ``node`` defaults set back to
    Graphviz's own, so that the legend does not look like a card.
    """
    rows = []
    for role in Role:
        card = theme.card(role)
        rows.append(
            f'<tr><td bgcolor="{card.fill}" color="{card.border}" border="1" width="18"> </td>'
            f'<td align="left"> {html_text(role.value)}</td></tr>'
        )
    for name, edge in (("support", theme.support), ("attack", theme.attack)):
        line = "- - - -|" if edge.dashed else "&#8212;&#8212;&gt;"
        rows.append(
            f'<tr><td><font color="{edge.colour}">{line}</font></td>'
            f'<td align="left"> {name}</td></tr>'
        )
    label = '<<table border="0" cellborder="0" cellspacing="3">' + "".join(rows) + "</table>>"
    attrs = {
        **unset,
        "label": label,
        "shape": "box",
        "style": "rounded",
        "color": dot_id("#bbbbbb"),
        "fontcolor": dot_id(theme.ink),
        "id": LEGEND_NODE,  # the SVG element's id: no card's (a statement may be "legend")
    }
    if positions and LEGEND_NODE in positions:
        attrs["pos"] = dot_id(pin_point(positions[LEGEND_NODE]))
    return f"\t{dot_id(LEGEND_NODE)} [{attr_list(attrs)}]\n"
