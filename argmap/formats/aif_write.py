"""Writing an argument map as AIF JSON (the mapping is described in :mod:`argmap.formats.aif`)."""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any

from argmap.formats.aif_extras import BLOCK_KEY, extras_block
from argmap.model import ArgumentMap, RelationKind, Statement

__all__ = ["write_aif"]

_SCHEME_LINE = re.compile(r"^AIF (RA|CA|MA) scheme of relation (\S+): (.+)$", re.MULTILINE)
_DEFAULTS = {
    RelationKind.SUPPORT: ("RA", "Default Inference"),
    RelationKind.ATTACK: ("CA", "Default Conflict"),
}
_KIND_OF_TYPE = {"RA": RelationKind.SUPPORT, "MA": RelationKind.SUPPORT, "CA": RelationKind.ATTACK}


def write_aif(argument_map: ArgumentMap) -> str:
    """AIF JSON in the AIFdb layout, with OVA positions and the argmap block."""
    writer = _Writer(argument_map)
    rest: dict[str, Any] = {
        "locutions": writer.locutions,
        "participants": writer.participant_list(),
    }
    if argument_map.layout.positions:
        rest["OVA"] = _ova(argument_map)
    rest[BLOCK_KEY] = extras_block(argument_map)
    body = [f'  "nodes": {_lines(writer.nodes)}', f'  "edges": {_lines(writer.edges)}']
    body += [f"  {_STRING(key)}: {_encode(value, 1)}" for key, value in rest.items()]
    return "{\n" + ",\n".join(body) + "\n}\n"


class _Writer:
    """Builds nodes and edges in map order, so reading them back keeps every order.

    Nodes and edges are most of the file, so each is formatted as its line of
    JSON directly rather than built as a dict and encoded.
    """

    def __init__(self, argument_map: ArgumentMap) -> None:
        self.taken = {s.id for s in argument_map.statements} | {
            r.id for r in argument_map.relations
        }
        self.counter = 0
        self.nodes: list[str] = []
        self.edges: list[str] = []
        self.locutions: list[dict[str, Any]] = []
        self.people: dict[str, int] = {}
        for statement in argument_map.statements:
            self.node(statement.id, statement.text, "I")
        schemes = _schemes(argument_map)
        for relation in argument_map.relations:
            node_type, text = _DEFAULTS[relation.kind]
            kept = schemes.get(relation.id)
            if kept and _KIND_OF_TYPE[kept[0]] == relation.kind:
                node_type, text = kept
            self.node(relation.id, text, node_type)
        for relation in argument_map.relations:
            for premise in relation.premises:
                self.edge(premise, relation.id)
            self.edge(relation.id, relation.target)
        for statement in argument_map.statements:
            if statement.attribution and statement.attribution.speaker:
                self.locution(statement)

    def node(self, node_id: str, text: str, node_type: str) -> None:
        self.nodes.append(
            f'{{"nodeID": {_STRING(node_id)}, "text": {_STRING(text)}, "type": "{node_type}"}}'
        )

    def edge(self, start: str, end: str) -> None:
        number = len(self.edges) + 1
        self.edges.append(
            f'{{"edgeID": "{number}", "fromID": {_STRING(start)}, "toID": {_STRING(end)}}}'
        )

    def locution(self, statement: Statement) -> None:
        """The speaker as a participant whose L node is anchored by a YA 'Asserting': L → YA → I."""
        attribution = statement.attribution
        assert attribution is not None
        assert attribution.speaker
        person = self.people.setdefault(attribution.speaker, len(self.people) + 1)
        words = attribution.quote if attribution.quote else statement.text
        locution, illocution = self.fresh("L"), self.fresh("YA")
        self.node(locution, f"{attribution.speaker}: {words}", "L")
        self.node(illocution, "Asserting", "YA")
        self.edge(locution, illocution)
        self.edge(illocution, statement.id)
        entry: dict[str, Any] = {"nodeID": locution, "personID": person}
        if attribution.date and _is_iso(attribution.date):
            entry["start"] = attribution.date
        self.locutions.append(entry)

    def fresh(self, prefix: str) -> str:
        """A node id for the dialogue layer that no statement or relation uses."""
        while True:
            self.counter += 1
            candidate = f"{prefix}-{self.counter}"
            if candidate not in self.taken:
                self.taken.add(candidate)
                return candidate

    def participant_list(self) -> list[dict[str, Any]]:
        participants = []
        for name, number in self.people.items():
            first, _, last = name.rpartition(" ")
            if not first:
                first, last = last, ""
            participants.append({"participantID": number, "firstname": first, "surname": last})
        return participants


def _schemes(argument_map: ArgumentMap) -> dict[str, tuple[str, str]]:
    """Schemes a read AIF file left in notes, by relation id, to put back on the nodes."""
    relation_ids = {r.id for r in argument_map.relations}
    found: dict[str, tuple[str, str]] = {}
    for statement in argument_map.statements:
        if statement.note and "AIF " in statement.note:
            for node_type, relation_id, scheme in _SCHEME_LINE.findall(statement.note):
                if relation_id in relation_ids:
                    found.setdefault(relation_id, (node_type, scheme.strip()))
    return found


def _ova(argument_map: ArgumentMap) -> dict[str, Any]:
    """Pinned positions as OVA writes them (only pinned statements have an entry)."""
    nodes = [
        {"nodeID": statement_id, "visible": True, "x": position.x, "y": position.y, "timestamp": ""}
        for statement_id, position in argument_map.layout.positions.items()
    ]
    return {"firstname": "", "surname": "", "url": "", "nodes": nodes, "edges": []}


def _is_iso(value: str) -> bool:
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


_COMPACT = json.JSONEncoder(ensure_ascii=False).encode
_STRING = json.encoder.encode_basestring  # the C version where there is one


def _flat(value: dict[str, Any]) -> str:
    """A node or edge on one line; written by hand because it is most of the file."""
    parts = []
    for key, item in value.items():
        if type(item) is str:
            parts.append(f"{_STRING(key)}: {_STRING(item)}")
        elif type(item) is int:
            parts.append(f"{_STRING(key)}: {item}")
        else:
            return _COMPACT(value)
    return "{" + ", ".join(parts) + "}"


def _lines(lines: list[str]) -> str:
    if not lines:
        return "[]"
    return "[\n    " + ",\n    ".join(lines) + "\n  ]"


def _encode(value: Any, level: int) -> str:
    """JSON with the top two levels spread over lines and each node or edge on one line."""
    if type(value) is dict and level == 2:
        if all(type(item) is not dict for item in value.values()):
            return _flat(value)
    elif level > 2 or not isinstance(value, dict | list) or not value:
        return _COMPACT(value)
    children = list(value.values()) if isinstance(value, dict) else value
    expand = level < 2 or (level == 2 and all(isinstance(child, dict) for child in children))
    if not expand:
        return json.dumps(value, ensure_ascii=False)
    indent = "  " * (level + 1)
    if isinstance(value, dict):
        items = [
            f"{indent}{_COMPACT(key)}: {_encode(item, level + 1)}" for key, item in value.items()
        ]
        return "{\n" + ",\n".join(items) + "\n" + "  " * level + "}"
    items = [indent + _encode(v, level + 1) for v in value]
    return "[\n" + ",\n".join(items) + "\n" + "  " * level + "]"
