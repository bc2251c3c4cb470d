"""A theme's looks as DOT attributes, formatted once per map rather than once per element.

Attributes that every card (or every edge) shares become the ``node``/``edge``
defaults of the graph; what differs by role or relation kind is kept per
variant. Junctions and the legend, which are not cards, get Graphviz's own
defaults back so that they do not inherit card looks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from argmap.render.cards import CardLabel, Cards, card_margin
from argmap.render.dot_text import attr_list, dot_id, dot_number
from argmap.render.svg_lines import RIGHT_ALIGNED
from argmap.roles import Role
from argmap.theme import Theme

__all__ = ["Styles"]

# What Graphviz does when an attribute is not set, for the card attributes
# that the ``node`` defaults may set: junctions and the legend get these back.
# An empty string reads as "not set" to Graphviz.
_UNSET_NODE_ATTRIBUTES = {
    "shape": "ellipse",
    "style": '""',
    "margin": '""',
    "fillcolor": '""',
    "color": "black",
    "fontcolor": "black",
    "penwidth": "1",
    "class": '""',
}


class Styles:
    """A theme's attributes as DOT text, formatted once per map rather than once per element."""

    def __init__(self, theme: Theme, card_style: Cards = Cards.FULL) -> None:
        self.theme = theme
        cards = {role: _card_attributes(theme, role, card_style) for role in Role}
        shared = _shared(cards.values())
        self.node_defaults = {
            "fontname": dot_id(theme.font_family),
            "fontsize": dot_id(dot_number(theme.font_size)),
            **shared,
        }
        self.card = {
            role: attr_list({k: v for k, v in attrs.items() if k not in shared})
            for role, attrs in cards.items()
        }
        # A node that is not a card must not inherit card looks from the defaults.
        self.non_card = {name: _UNSET_NODE_ATTRIBUTES[name] for name in shared}
        edges = {attack: _edge_attributes(theme, attack) for attack in (False, True)}
        shared_edge = _shared(edges.values())
        self.edge_defaults = {"fontname": dot_id(theme.font_family), **shared_edge}
        self.edge = {
            attack: attr_list({k: v for k, v in attrs.items() if k not in shared_edge})
            for attack, attrs in edges.items()
        }
        self.junction = {
            attack: attr_list(
                {
                    **self.non_card,
                    "shape": "point",
                    "width": "0.09",
                    "height": "0.09",
                    "color": dot_id(theme.edge(attack).colour),
                    "fillcolor": dot_id(theme.edge(attack).colour),
                    "label": '""',
                    "class": "junction",
                }
            )
            for attack in (False, True)
        }
        self.label = CardLabel(theme, card_style)
        # The class of a card whose lines are right-aligned: its role's, and one more.
        self.right_aligned = {role: dot_id(f"{_role_class(role)} {RIGHT_ALIGNED}") for role in Role}


def _card_attributes(theme: Theme, role: Role, cards: Cards) -> dict[str, str]:
    card = theme.card(role)
    return {
        "shape": "box",
        "style": dot_id("rounded,filled" + (",dashed" if card.dashed else "")),
        "fillcolor": dot_id(card.fill),
        "color": dot_id(card.border),
        "fontcolor": dot_id(card.text),
        "penwidth": dot_id(dot_number(card.border_width)),
        "margin": dot_id(",".join(dot_number(v) for v in card_margin(cards))),
        "class": dot_id(_role_class(role)),
    }


def _role_class(role: Role) -> str:
    return role.value.replace(" ", "-")


def _edge_attributes(theme: Theme, attack: bool) -> dict[str, str]:
    edge = theme.edge(attack)
    return {
        "color": dot_id(edge.colour),
        "penwidth": dot_id(dot_number(edge.width)),
        "style": "dashed" if edge.dashed else "solid",
        "arrowhead": dot_id(edge.arrowhead),
        "arrowsize": "0.9",
        "class": "attack" if attack else "support",
    }


def _shared(variants: Iterable[Mapping[str, str]]) -> dict[str, str]:
    """The attributes (already DOT text) that have the same value in every variant."""
    first, *others = variants
    return {k: v for k, v in first.items() if all(other.get(k) == v for other in others)}
