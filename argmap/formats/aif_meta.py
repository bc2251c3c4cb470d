"""The map around the argument: OVA layout, analysed text, analyst, dates; and a last check.

Reading AIF builds the map as plain data first; :func:`settle` then makes the
values that came from the ``"argmap"`` block consistent with what the AIF
graph gave (a hand-edited block may name statements that are gone), with a
warning for each repair, and confirms the graph part in linear time, so that
:class:`~argmap.model.ArgumentMap` validation cannot fail on references.
"""

from __future__ import annotations

import html
import math
import re
from datetime import datetime
from typing import Any

from argmap.errors import Problem
from argmap.formats.aif_extras import BLOCK_KEY
from argmap.formats.aif_graph import Graph, Report, clean_text, node_key

__all__ = [
    "analysed_text",
    "analyst",
    "ova_block",
    "ova_positions",
    "settle",
    "timestamps",
    "unknown_keys",
]

_READ_KEYS = {
    "nodes",
    "edges",
    "locutions",
    "participants",
    "schemefulfillments",
    "OVA",
    "text",
    "AIF",
    BLOCK_KEY,
}
_SHAPES: dict[str, type] = {
    "locutions": list,
    "participants": list,
    "schemefulfillments": list,
    "OVA": dict,
    "text": str,
}
_SHAPE_NAMES: dict[type, str] = {list: "a list", dict: "an object", str: "text"}
_TAG = re.compile(r"<br\s*/?>|</p\s*>|<[^>]*>", re.IGNORECASE)


def ova_block(graph: Graph) -> dict[str, Any] | None:
    """OVA3 puts its block beside ``"AIF"``; some files put it inside."""
    block = graph.outer.get("OVA", graph.aif.get("OVA"))
    return block if isinstance(block, dict) else None


def ova_positions(
    ova: dict[str, Any] | None, statement_ids: dict[str, str], report: Report
) -> dict[str, dict[str, float]]:
    """OVA's x/y (numbers or numeric strings) for statements; other nodes are laid out anew."""
    positions: dict[str, dict[str, float]] = {}
    entries = ova.get("nodes") if ova else None
    if not isinstance(entries, list):
        return positions
    skipped = 0
    for entry in entries:
        key = node_key(entry.get("nodeID")) if isinstance(entry, dict) else None
        if key is None or key not in statement_ids:
            skipped += 1
            continue
        x, y = _number(entry.get("x")), _number(entry.get("y"))
        if x is None or y is None:
            report.warn(
                f"the OVA position of node {key} is not a pair of numbers; ignored",
                kind="ova-position",
            )
            continue
        positions[statement_ids[key]] = {"x": x, "y": y}
    if skipped:
        report.warn(
            f"the OVA positions of {skipped} nodes that are not statements are not kept"
            " (argmap places relations itself)"
        )
    return positions


def analyst(ova: dict[str, Any] | None) -> str | None:
    """The name OVA records for whoever made the analysis: the map's author."""
    if not ova:
        return None
    names = [ova.get(k) for k in ("firstname", "surname")]
    name = " ".join(n.strip() for n in names if isinstance(n, str) and n.strip())
    return clean_text(name)[0] if name else None


def analysed_text(graph: Graph, report: Report) -> str | None:
    """OVA's analysed text is HTML: tags removed, entities decoded, line breaks kept."""
    markup = graph.outer.get("text")
    if not isinstance(markup, str) or not markup.strip():
        return None
    report.warn('the analysed text ("text", HTML) is kept as the map\'s description, as plain text')
    text = _TAG.sub(lambda m: "\n" if m.group(0).lower().startswith(("<br", "</p")) else "", markup)
    return clean_text(html.unescape(text).strip())[0]


def timestamps(graph: Graph, fields: dict[str, Any], report: Report) -> None:
    """The earliest and latest node timestamps as the map's created and modified dates."""
    stamps = []
    for node in graph.nodes.values():
        value = node.raw.get("timestamp")
        if isinstance(value, str) and value:
            try:
                moment = datetime.fromisoformat(value)
            except ValueError:
                continue
            stamps.append((moment.replace(tzinfo=None), clean_text(value)[0]))
    if stamps:
        first, last = min(stamps)[1], max(stamps)[1]
        fields.setdefault("created", first)
        fields.setdefault("modified", last)
        report.warn(
            f"the timestamps of {len(stamps)} AIF nodes are not kept one by one; the map's"
            f" created and modified dates span them ({first} to {last})"
        )


def unknown_keys(graph: Graph, report: Report) -> None:
    """Keys argmap does not read, and known ones of the wrong shape, each named once."""
    holders = [graph.aif] + ([graph.outer] if graph.outer is not graph.aif else [])
    for holder in holders:
        for key, value in holder.items():
            if key not in _READ_KEYS:
                if value not in (None, "", [], {}):
                    report.warn(f'the AIF key "{key}" is not read by argmap', kind="key")
                continue
            shape = _SHAPES.get(key)
            if shape is None or value is None:
                continue
            if not isinstance(value, shape):
                report.warn(f'the AIF key "{key}" is not {_SHAPE_NAMES[shape]}; it is not read')
            elif isinstance(value, list) and not all(isinstance(entry, dict) for entry in value):
                report.warn(f'some entries of "{key}" are not objects; they are not read')


def settle(data: dict[str, Any], report: Report) -> list[Problem]:
    """Repair block values that do not fit the map; errors if the graph part is inconsistent."""
    statement_ids = {s["id"] for s in data["statements"]}
    _settle_sources(data, report)
    _settle_groups(data, statement_ids, report)
    positions = data.get("layout", {}).get("positions", {})
    for statement_id in [p for p in positions if p not in statement_ids]:
        report.warn(f"the position of unknown statement {statement_id!r} is not kept", kind="place")
        del positions[statement_id]
    return _graph_errors(data, statement_ids)


def _settle_sources(data: dict[str, Any], report: Report) -> None:
    seen: set[str] = set()
    sources = []
    for source in data.get("sources", []):
        if source["id"] in seen:
            report.warn(
                f"the source id {source['id']!r} is used twice; the second is not kept",
                kind="source",
            )
            continue
        seen.add(source["id"])
        sources.append(source)
    if "sources" in data:
        data["sources"] = sources
    for element in [*data["statements"], *data["relations"]]:
        attribution = element.get("attribution")
        if isinstance(attribution, dict) and attribution.get("source") not in (None, *seen):
            report.warn(
                f"{element['id']}: unknown source {attribution['source']!r}; removed", kind="cited"
            )
            element["attribution"] = {k: v for k, v in attribution.items() if k != "source"}


def _settle_groups(data: dict[str, Any], statement_ids: set[str], report: Report) -> None:
    groups: list[dict[str, Any]] = []
    member_of: dict[str, str] = {}
    group_ids: set[str] = set()
    for group in data.get("groups", []):
        if group["id"] in group_ids:
            report.warn(
                f"the group id {group['id']!r} is used twice; the second is not kept", kind="group"
            )
            continue
        group_ids.add(group["id"])
        kept = []
        for member in group.get("statements", []):
            if member in statement_ids and member not in member_of:
                member_of[member] = group["id"]
                kept.append(member)
            else:
                report.warn(
                    f"group {group['id']!r}: statement {member!r} is unknown or already"
                    " in a group; removed",
                    kind="group-member",
                )
        group["statements"] = kept
        groups.append(group)
    parents = {g["id"]: g.get("parent") for g in groups}
    for group in groups:
        if group.get("parent") is not None and _bad_parent(group["id"], parents):
            report.warn(
                f"group {group['id']!r}: the parent is unknown or circular; removed", kind="parent"
            )
            group["parent"] = parents[group["id"]] = None
    if "groups" in data:
        data["groups"] = groups


def _bad_parent(group_id: str, parents: dict[str, str | None]) -> bool:
    seen = {group_id}
    current = parents.get(group_id)
    while current is not None:
        if current in seen or current not in parents:
            return True
        seen.add(current)
        current = parents[current]
    return False


def _graph_errors(data: dict[str, Any], statement_ids: set[str]) -> list[Problem]:
    """What :mod:`argmap.problems` would call errors in the relations, found in linear time."""
    relation_ids = {r["id"] for r in data["relations"]}
    errors = []
    if len(statement_ids) + len(relation_ids) < len(data["statements"]) + len(
        data["relations"]
    ) or (statement_ids & relation_ids):
        errors.append(Problem("", "AIF nodes were read into clashing ids"))
    for index, relation in enumerate(data["relations"]):
        premises, target = relation["premises"], relation["target"]
        if (
            not premises
            or len(set(premises)) < len(premises)
            or not statement_ids.issuperset(premises)
            or target == relation["id"]
            or target in premises
            or (target not in statement_ids and target not in relation_ids)
        ):
            errors.append(
                Problem(f"relations[{index}]", f"relation {relation['id']} is inconsistent")
            )
    return errors


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            return None
    if not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:  # an integer of hundreds of digits
        return None
    return number if math.isfinite(number) else None
