"""DOT text: IDs Graphviz reads literally, attribute lists, HTML-like label text, numbers.

Every user-written string that goes into DOT passes through here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

__all__ = [
    "attr_list",
    "dot_id",
    "dot_number",
    "dot_string",
    "html_lines",
    "html_text",
    "pin_point",
]

# What DOT accepts unquoted (the ``graphviz`` package's rule, so the text stays as before).
_BARE_ID = re.compile(r"[a-zA-Z_][a-zA-Z0-9_]*|-?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)")
_KEYWORDS = frozenset({"node", "edge", "graph", "digraph", "subgraph", "strict"})
_LONGEST_KEYWORD = max(map(len, _KEYWORDS))


def dot_id(text: str) -> str:
    """Any string as a DOT ID that Graphviz reads literally: node names and plain attributes.

    Graphviz reads backslash sequences (``\\n``, ``\\N``) in quoted strings, so
    backslashes are doubled and real newlines become ``\\n``; double quotes are
    escaped. The result is quoted unless it is a plain identifier or number,
    so a text that happens to look like ``<...>`` is never taken for HTML.
    """
    if text.isascii() and text.isidentifier():  # [A-Za-z_][A-Za-z0-9_]*, told without a regex
        if len(text) > _LONGEST_KEYWORD or text.lower() not in _KEYWORDS:
            return text
    elif _BARE_ID.fullmatch(text):  # a number
        return text
    if "\\" in text:
        text = text.replace("\\", "\\\\")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return '"' + text.replace("\n", "\\n").replace('"', '\\"') + '"'


def dot_string(text: str) -> str:
    """User text as a plain attribute that Graphviz shows: a map's or group's title, a tooltip.

    Graphviz decodes HTML entities in these (``&amp;`` is drawn as ``&``,
    ``&#169;`` as ``©``), so every ``&`` is written as ``&amp;``: the text is
    drawn as typed. Text without ``&`` is written as ``dot_id`` writes it.
    """
    return dot_id(text.replace("&", "&amp;") if "&" in text else text)


def attr_list(attrs: Mapping[str, str]) -> str:
    """``name=value`` pairs; the values are DOT text already (see ``dot_id``, HTML labels)."""
    return " ".join(f"{name}={value}" for name, value in attrs.items())


def html_lines(lines: list[str]) -> str:
    """Lines for an HTML-like label, escaped in one go and joined by ``<br/>``."""
    return html_text("\n".join(lines)).replace("\n", "<br/>")


def html_text(text: str) -> str:
    """Text for an HTML-like label: entities escaped, tabs as spaces.

    Graphviz expands ``\\N``, ``\\G`` and friends even in HTML-like labels (also
    after decoding ``&#92;``), and reads a doubled backslash as one.
    """
    # What html.escape(quote=True) does, without importing the html package and its
    # table of entities (a millisecond of every command-line export's start).
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace('"', "&quot;").replace("'", "&#x27;").replace("\t", "    ")
    return text.replace("\\", "\\\\")


def dot_number(value: float) -> str:
    """A number as DOT writes it: at most four decimals, no trailing zeros."""
    return f"{value:.4f}".rstrip("0").rstrip(".")


def pin_point(point: tuple[float, float]) -> str:
    """A position Graphviz keeps where it is (``neato -n2``): ``x,y!``."""
    return f"{dot_number(point[0])},{dot_number(point[1])}!"
