"""AIF JSON as a checked graph: the first step of reading (see :mod:`argmap.formats.aif`).

Real AIF files come from many tools and years, so this layer accepts what
they vary in (string or integer ids, the ``{"AIF": …}`` wrapping, missing
keys) and reports what it cannot use as warnings with the line of the node or
edge, instead of failing. Only text that is not JSON, or JSON that is not AIF
at all, is an error. Everything here is linear in the size of the file.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from argmap.errors import MapFileError, Problem, Severity
from argmap.files import too_long_number
from argmap.jsonpos import element_offsets, line_columns

__all__ = ["Graph", "Node", "Report", "clean_text", "load_graph", "node_key", "type_name"]

# Characters the model rejects (see argmap.model._check_text): replaced, never dropped.
_BAD_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_REPEATS_SHOWN = 100  # warnings of one kind; a 50 MB file of junk must not bury the rest

TYPE_NAMES = {
    "I": "information",
    "RA": "inference",
    "CA": "conflict",
    "MA": "rephrase",
    "PA": "preference",
    "L": "locution",
    "YA": "illocution",
    "TA": "transition",
}


def type_name(node_type: str) -> str:
    """``PA (preference)``: how warnings name a node type."""
    meaning = TYPE_NAMES.get(node_type)
    shown = node_type or "(none)"
    return f"{shown} ({meaning})" if meaning else f"{shown} (unknown)"


@dataclass(slots=True)
class Node:
    """One AIF node and its neighbours, in the order the file's edges list them."""

    key: str
    type: str
    text: str
    index: int
    raw: dict[str, Any]
    ins: list[str] = field(default_factory=list)
    outs: list[str] = field(default_factory=list)

    @property
    def path(self) -> list[str | int]:
        return ["nodes", self.index]


@dataclass
class Graph:
    """The nodes (file order) and the rest of the AIF object, wherever it was wrapped."""

    nodes: dict[str, Node]
    aif: dict[str, Any]
    outer: dict[str, Any]
    edges: dict[tuple[str, str], int]  # (from, to) → index in the edges list
    raw_edges: list[Any] = field(default_factory=list)

    def edge_name(self, index: int) -> str:
        """The edge's ``edgeID`` for messages, or ``#index`` when it has none."""
        raw = self.raw_edges[index]
        return node_key(raw.get("edgeID")) or f"#{index}"


class Report:
    """Warnings in the order found, located to a line in one pass over the text at the end."""

    def __init__(self, text: str, prefix: list[str | int]) -> None:
        self._text = text
        self._prefix = prefix
        self._items: list[tuple[str, list[str | int] | None]] = []
        self._counts: dict[str, int] = {}

    def warn(self, message: str, path: list[str | int] | None = None, kind: str = "") -> None:
        """Add a warning; ``kind`` groups repeats so only the first hundred are listed."""
        if kind:
            count = self._counts[kind] = self._counts.get(kind, 0) + 1
            if count > _REPEATS_SHOWN:
                return
        self._items.append((message, path))

    def problems(self) -> list[Problem]:
        extra = [
            (f"... and {count - _REPEATS_SHOWN} more warnings like the one before", None)
            for count in self._counts.values()
            if count > _REPEATS_SHOWN
        ]
        items = self._items + extra
        offsets = _element_offsets(self._text, self._prefix, [p for _, p in items if p])
        lines = line_columns(self._text, offsets.values())
        problems = []
        for message, path in items:
            where = _format_path([*self._prefix, *path]) if path else ""
            offset = offsets.get(tuple(path)) if path else None
            line, column = lines[offset] if offset is not None else (None, None)
            problems.append(Problem(where, message, Severity.WARNING, line, column))
        return problems


def clean_text(value: str) -> tuple[str, bool]:
    """The text with characters no map can hold replaced by U+FFFD, and whether any were."""
    if _BAD_CHARACTERS.search(value) is None:
        return value, False
    return _BAD_CHARACTERS.sub("\ufffd", value), True


def node_key(value: Any) -> str | None:
    """A node id as text: AIFdb writes strings, OVA integers; anything else is no id."""
    if type(value) is str:  # the common case first: this runs for every node and edge end
        if not value:
            return None
        return value if _BAD_CHARACTERS.search(value) is None else clean_text(value)[0]
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def load_graph(text: str, source: str | None) -> tuple[Graph, Report]:
    """Parse the JSON and index nodes and edges; MapFileError if it is not AIF at all."""
    repeated: list[list[tuple[str, Any]]] = []
    data = _parse_json(text.removeprefix("\ufeff"), source, repeated)
    if not isinstance(data, dict):
        raise MapFileError(
            source, [Problem("", "this is not an AIF file (the JSON is not an object)")]
        )
    prefix: list[str | int] = []
    aif = data
    if "nodes" not in data and isinstance(data.get("AIF"), dict):
        aif, prefix = data["AIF"], ["AIF"]
    nodes = aif.get("nodes")
    if not isinstance(nodes, list):
        message = 'this is not an AIF file (it has no "nodes" list, nor an "AIF" object with one)'
        raise MapFileError(source, [Problem(_format_path(prefix), message)])
    report = Report(text, prefix)
    for pairs in repeated:
        counts = Counter(key for key, _ in pairs)
        twice = ", ".join(repr(key) for key, count in counts.items() if count > 1)
        values = dict(pairs)
        where = "an object"
        for key, what in (("nodeID", "AIF node"), ("edgeID", "AIF edge")):
            if node_key(values.get(key)):
                where = f"{what} {node_key(values[key])}"
                break
        report.warn(f"{where} has the key {twice} twice; only the last value is read", kind="twice")
    graph = Graph(_index_nodes(nodes, report), aif, data, {})
    edges = aif.get("edges", [])
    if not isinstance(edges, list):
        report.warn('"edges" is not a list: the nodes are read without any links', ["edges"])
        edges = []
    _link(graph, edges, report)
    return graph, report


def _parse_json(text: str, source: str | None, repeated: list[list[tuple[str, Any]]]) -> Any:
    """The JSON value; objects with a key twice are collected (the last value wins, as in JSON)."""

    def keep_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) < len(pairs):
            repeated.append(pairs)
        return result

    try:
        return json.loads(text, object_pairs_hook=keep_pairs)
    except json.JSONDecodeError as error:
        problem = Problem("", f"invalid JSON: {error.msg}", line=error.lineno, column=error.colno)
        raise MapFileError(source, [problem]) from None
    except RecursionError:
        raise MapFileError(source, [Problem("", "the JSON is nested too deeply")]) from None
    except ValueError as error:  # an integer with more digits than Python converts
        raise MapFileError(source, [too_long_number(text, error)]) from None


def _index_nodes(items: list[Any], report: Report) -> dict[str, Node]:
    nodes: dict[str, Node] = {}
    suffixes: dict[str, int] = {}
    for index, raw in enumerate(items):
        if type(raw) is not dict:
            report.warn("this AIF node is not an object; ignored", ["nodes", index], "node-shape")
            continue
        key = node_key(raw.get("nodeID"))
        if key is None:
            report.warn("this AIF node has no usable nodeID; ignored", ["nodes", index], "node-id")
            continue
        node_type = raw.get("type")
        if type(node_type) is not str:  # a list or an object is no type (and is unhashable)
            node_type = ""
        elif node_type not in TYPE_NAMES:
            node_type = node_type.strip().upper()
        text = raw.get("text")
        if type(text) is not str or _BAD_CHARACTERS.search(text) is not None:
            text = _node_text(key, text, ["nodes", index], report)
        if key in nodes:
            path: list[str | int] = ["nodes", index]
            first = nodes[key]
            if (first.type, first.text) == (node_type, text):
                continue  # the same node listed twice: nothing to keep
            unique = _fresh(f"{key}~", nodes, suffixes)
            report.warn(
                f"AIF node {key} appears twice with different contents; the second is read as"
                f" node {unique}, which no edge reaches",
                path,
                kind="node-twice",
            )
            key = unique
        nodes[key] = Node(key, node_type, text, index, raw)
    return nodes


def _node_text(key: str, value: Any, path: list[str | int], report: Report) -> str:
    if isinstance(value, str):
        text, changed = clean_text(value)
        if changed:
            report.warn(
                f"AIF node {key}: control characters in the text replaced by \ufffd", path, "chars"
            )
        return text
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        report.warn(f"AIF node {key}: the text is a number; read as text", path, kind="text-type")
        return json.dumps(value)
    report.warn(f"AIF node {key}: the text is not a string; kept as JSON", path, kind="text-type")
    return clean_text(json.dumps(value, ensure_ascii=False))[0]


def _fresh(base: str, taken: dict[str, Any], suffixes: dict[str, int]) -> str:
    """``base2``, ``base3``, …: the next free one (remembered, so many repeats stay linear)."""
    number = suffixes.get(base, 2)
    while f"{base}{number}" in taken:
        number += 1
    suffixes[base] = number + 1
    return f"{base}{number}"


def _link(graph: Graph, edges: list[Any], report: Report) -> None:
    nodes = graph.nodes
    seen = graph.edges
    graph.raw_edges = edges
    for index, raw in enumerate(edges):
        if type(raw) is not dict:
            report.warn("this AIF edge is not an object; ignored", ["edges", index], "edge-shape")
            continue
        start, end = raw.get("fromID"), raw.get("toID")
        if type(start) is not str or start not in nodes:  # unhashable ids never reach "in"
            start = node_key(start)
        if type(end) is not str or end not in nodes:
            end = node_key(end)
        path: list[str | int] = ["edges", index]
        if start not in nodes or end not in nodes:
            edge_id = graph.edge_name(index)
            missing = [repr(k) for k in (start, end) if k is not None and k not in nodes]
            what = ", ".join(missing) if missing else "no fromID or toID"
            report.warn(
                f"AIF edge {edge_id} refers to a node that does not exist ({what}); ignored",
                path,
                kind="edge-dangling",
            )
            continue
        if start == end:
            edge_id = graph.edge_name(index)
            report.warn(f"AIF edge {edge_id} links node {start} to itself; ignored", path, "loop")
            continue
        if (start, end) in seen:
            continue  # a repeated edge says nothing new
        seen[(start, end)] = index
        nodes[start].outs.append(end)
        nodes[end].ins.append(start)


# -- locating warnings -------------------------------------------------------


def _format_path(parts: list[str | int]) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _element_offsets(
    text: str, prefix: list[str | int], paths: list[list[str | int]]
) -> dict[tuple[str | int, ...], int]:
    """Where each ``[array, index]`` path starts in the text, walking each array once."""
    wanted: dict[str, set[int]] = {}
    for path in paths:
        if len(path) == 2 and isinstance(path[0], str) and isinstance(path[1], int):
            wanted.setdefault(path[0], set()).add(path[1])
    return {
        (array, index): offset
        for array, indexes in wanted.items()
        for index, offset in element_offsets(text, [*prefix, array], indexes).items()
    }
