"""The ``"argmap"`` block: what AIF cannot say, carried beside the AIF so maps round-trip.

AIF has no titles, tags, notes, evaluations, proof standards, weighing,
weights, sources, groups or exact attributions. The writer puts them in one
top-level object that AIF readers ignore (as they ignore OVA's ``"OVA"`` and ``"text"`` blocks)::

    "argmap": {"format": "argmap", "version": 1, "title": "…", "sources": […], …,
               "nodes": {"<nodeID>": {"title": "…", "tags": […], "attribution": {…}}}}

Map-level keys are those of an ``.argmap`` file except statements, relations
and pinned positions (which go in the OVA block); ``nodes`` holds, by AIF
node id, the statement fields other than id and text, and a relation's
attribution, weighing and weight. On reading, each value is checked on its own, so a block edited
by hand loses only what is wrong, with a warning.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from argmap.formats.aif_graph import Graph, Report
from argmap.model import FORMAT_NAME, FORMAT_VERSION, ArgumentMap, required_version

__all__ = ["BLOCK_KEY", "MAP_KEYS", "block_of", "checked_fields", "extras_block", "map_fields"]

BLOCK_KEY = "argmap"
MAP_KEYS = ("title", "description", "authors", "created", "modified", "sources", "groups", "layout")
_CONTEXT = {"check_integrity": False}
_STATEMENT_SHAPES: dict[str, type | tuple[type, ...]] = {
    "title": str,
    "tags": list,
    "note": str,
    "acceptance": str,
    "attribution": dict,
    "standard": str,
}
_RELATION_SHAPES: dict[str, type | tuple[type, ...]] = {
    "attribution": dict,
    "weighing": str,
    "weight": (int, float),
}
# What the block carries of a relation: AIF has its own node for the inference only.
_RELATION_EXTRAS = {"attribution", "weighing", "weight"}


def extras_block(argument_map: ArgumentMap) -> dict[str, Any]:
    """The block for a map: only values that differ from the defaults."""
    data = argument_map.model_dump(mode="json", exclude_defaults=True, include=set(MAP_KEYS))
    layout = data.get("layout", {})
    layout.pop("positions", None)
    if not layout:
        data.pop("layout", None)
    nodes: dict[str, Any] = {}
    for statement in argument_map.statements:
        fields = statement.model_dump(mode="json", exclude_defaults=True, exclude={"id", "text"})
        if fields:
            nodes[statement.id] = fields
    for relation in argument_map.relations:
        fields = relation.model_dump(mode="json", exclude_defaults=True, include=_RELATION_EXTRAS)
        if fields:
            nodes[relation.id] = fields
    return {
        "format": FORMAT_NAME,
        "version": required_version(argument_map),
        **data,
        "nodes": nodes,
    }


def block_of(graph: Graph, report: Report) -> dict[str, Any] | None:
    """The block if the file has one argmap can use."""
    for holder in (graph.aif, graph.outer):
        block = holder.get(BLOCK_KEY)
        if block is None:
            continue
        if not isinstance(block, dict) or block.get("format") != FORMAT_NAME:
            report.warn(f'the "{BLOCK_KEY}" object is not one argmap wrote; ignored')
            return None
        version = block.get("version")
        if isinstance(version, int) and version > FORMAT_VERSION:
            report.warn(
                f'the "{BLOCK_KEY}" object is of a newer argmap (version {version});'
                " only what this version knows is read",
            )
        return block
    return None


def map_fields(block: dict[str, Any], report: Report) -> dict[str, Any]:
    """The map-level values of the block that are valid, each checked on its own."""
    fields: dict[str, Any] = {}
    for key, value in block.items():
        if key in ("format", "version", "nodes"):
            continue
        if key not in MAP_KEYS:
            report.warn(
                f'the key "{key}" of the "{BLOCK_KEY}" object is not read', kind="block-key"
            )
            continue
        try:
            ArgumentMap.model_validate({key: value}, context=_CONTEXT)
        except ValidationError as error:
            report.warn(
                f'"{BLOCK_KEY}.{key}" is not valid ({_first(error)}); ignored', kind="block-key"
            )
            continue
        fields[key] = value
    return fields


def checked_fields(
    value: Any, node: str, is_statement: bool, report: Report, path: list[str | int]
) -> dict[str, Any]:
    """A node's entry of the block, without keys of the wrong kind or shape.

    Values are checked in depth when the whole map is validated (one pass is
    much faster than one per node); :func:`argmap.formats.aif_read` drops a
    value that fails there, with a warning.
    """
    if not isinstance(value, dict):
        report.warn(
            f'"{BLOCK_KEY}.nodes" entry of node {node} is not an object; ignored',
            path,
            "block-entry",
        )
        return {}
    allowed: dict[str, type | tuple[type, ...]] = (
        _STATEMENT_SHAPES if is_statement else _RELATION_SHAPES
    )
    fields: dict[str, Any] = {}
    for key, item in value.items():
        shape = allowed.get(key)
        if (
            shape is None
            or not isinstance(item, shape)
            or (key == "tags" and not _is_text_list(item))
            or (key == "weight" and not _is_unit_number(item))
        ):
            what = "statement" if is_statement else "relation"
            report.warn(
                f'"{BLOCK_KEY}.nodes" entry of node {node}: "{key}" is not valid for a {what};'
                " ignored",
                path,
                kind="block-field",
            )
            continue
        fields[key] = item
    return fields


def _is_unit_number(value: object) -> bool:
    """A weight: a number from 0 to 1 (a JSON true is not 1)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 1


def _is_text_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(entry, str) for entry in value)


def _first(error: ValidationError) -> str:
    detail = error.errors(include_url=False)[0]
    where = ".".join(str(p) for p in detail["loc"])
    return f"{where}: {detail['msg']}" if where else detail["msg"]
