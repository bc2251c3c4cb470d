"""Reading AIF JSON into an argument map (the mapping is described in :mod:`argmap.formats.aif`)."""

from __future__ import annotations

import html
import math
import re
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from argmap.errors import MapFileError, Problem
from argmap.formats.aif_dialogue import Locution, locution_of, read_dialogue
from argmap.formats.aif_extras import BLOCK_KEY, block_of, checked_fields, map_fields
from argmap.formats.aif_graph import Graph, Node, Report, clean_text, load_graph, node_key, type_name
from argmap.formats.base import ReadResult
from argmap.model import ArgumentMap
from argmap.problems import errors_only, find_problems

__all__ = ["read_aif", "scheme_line"]

RELATION_TYPES = {"RA": "support", "CA": "attack", "MA": "support"}
_KNOWN_TYPES = {"I", "L", "YA", "TA", *RELATION_TYPES}
_GENERIC_SCHEMES = {
    "", "RA", "CA", "MA", "PA", "DEFAULT INFERENCE", "DEFAULT CONFLICT", "DEFAULT REPHRASE",
    "DEFAULT PREFERENCE", "INFERENCE", "CONFLICT",
}
_READ_KEYS = {
    "nodes", "edges", "locutions", "participants", "schemefulfillments", "OVA", "text", "AIF",
    BLOCK_KEY,
}
_INVALID_ID_CHARACTERS = re.compile(r"[^A-Za-z0-9_.\-]")
_ALNUM = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
_TAG = re.compile(r"<br\s*/?>|</p\s*>|<[^>]*>", re.IGNORECASE)


def scheme_line(node_type: str, relation_id: str, scheme: str) -> str:
    """The note line that keeps a relation's AIF scheme (the writer reads it back)."""
    return f"AIF {node_type} scheme of relation {relation_id}: {scheme}"


def read_aif(text: str, source: str | None = None) -> ReadResult:
    """Parse AIF JSON; see :mod:`argmap.formats.aif` for what becomes what."""
    graph, report = load_graph(text, source)
    return ReadResult(_Reader(graph, report).build(source), report.problems())


class _Reader:
    """One pass per concern over the graph; all state is kept by AIF node key."""

    def __init__(self, graph: Graph, report: Report) -> None:
        self.graph = graph
        self.nodes = graph.nodes
        self.report = report
        self.block = block_of(graph, report)
        self.ids: dict[str, str] = {}  # node key → statement or (first) relation id
        self.notes: dict[str, list[str]] = {}  # statement key → lines to add to its note
        self.description: list[str] = []
        self.statement_keys = self._statement_keys()
        self.relation_targets: dict[str, str] = {}  # relation id → target id
        self.from_block: dict[str, set[str]] = {}  # element id → fields the block gave
        self.scheme_warnings: dict[str, tuple[str, list[str | int]]] = {}  # note line → warning

    # -- the steps -----------------------------------------------------------

    def build(self, source: str | None) -> ArgumentMap:
        relations = self._relations()
        statements = self._statements()
        data: dict[str, Any] = {"statements": statements, "relations": relations}
        self._unused_edges()
        self._unmapped_nodes()
        self._map_level(data)
        return self._validated(data, source)

    def _statement_keys(self) -> list[str]:
        """I nodes, and locutions that an inference uses as premise or conclusion."""
        nodes = self.nodes
        chosen = {k for k, n in nodes.items() if n.type == "I"}
        for node in nodes.values():
            if node.type in RELATION_TYPES:
                for key in (*node.ins, *node.outs):
                    if nodes[key].type == "L" and key not in chosen:
                        chosen.add(key)
                        self.report.warn(
                            f"AIF node {key} of type L (locution) is used by the {node.type}"
                            f" node {node.key} as a proposition; kept as a statement",
                            nodes[key].path,
                        )
        keys = [k for k in nodes if k in chosen]
        taken: set[str] = set()
        for key in keys:
            self.ids[key] = self._new_id(key, taken, "statement")
        self._taken = taken
        return keys

    def _relations(self) -> list[dict[str, Any]]:
        nodes, statements = self.nodes, set(self.statement_keys)
        candidates = [k for k, n in nodes.items() if n.type in RELATION_TYPES]
        premises: dict[str, list[str]] = {}
        targets: dict[str, list[str]] = {}
        for key in candidates:
            node = nodes[key]
            outs = [k for k in node.outs if k in statements or nodes[k].type in RELATION_TYPES]
            ins = [k for k in node.ins if k in statements]
            circular = [k for k in ins if k in outs]
            if circular:
                self.report.warn(
                    f"AIF node {key}: statement {circular[0]} is both premise and conclusion;"
                    " it is kept as the conclusion only",
                    node.path,
                )
                ins = [k for k in ins if k not in outs]
            premises[key], targets[key] = ins, outs
        valid = self._valid_relations(candidates, premises, targets)
        for key in candidates:
            if key in valid:
                self.ids[key] = self._new_id(key, self._taken, "relation")
        relations: list[dict[str, Any]] = []
        self.key_of: dict[str, str] = {}
        for key in candidates:
            if key not in valid:
                self._keep_as_note(nodes[key], "it has no premise" if not premises[key] else
                                   "it has no conclusion")
                continue
            kept_targets = [t for t in targets[key] if t in statements or t in valid]
            for number, target in enumerate(kept_targets):
                relation_id = self.ids[key] if number == 0 else self._new_id(
                    f"{key}-{number + 1}", self._taken, "relation", quiet=True
                )
                if number == 1:
                    self.report.warn(
                        f"AIF node {key} has {len(kept_targets)} conclusions; argmap reads one"
                        " relation per conclusion",
                        nodes[key].path,
                    )
                relations.append({
                    "id": relation_id,
                    "kind": RELATION_TYPES[nodes[key].type],
                    "premises": [self.ids[p] for p in premises[key]],
                    "target": self.ids[target],
                })
                self.relation_targets[relation_id] = self.ids[target]
                self.key_of[relation_id] = key
        self.relation_keys = [k for k in candidates if k in valid]
        self._relation_extras(relations)
        return relations

    def _valid_relations(
        self, candidates: list[str], premises: dict[str, list[str]], targets: dict[str, list[str]]
    ) -> set[str]:
        """Nodes that make a relation: premises, and a target that is kept (worklist, linear)."""
        valid = {k for k in candidates if premises[k] and targets[k]}
        live = {k: len(targets[k]) for k in valid}
        dropped = [k for k in candidates if k not in valid]
        while dropped:
            key = dropped.pop()
            for source in self.nodes[key].ins:
                if source in valid and key in targets[source]:
                    live[source] -= 1
                    if live[source] == 0:
                        valid.discard(source)
                        dropped.append(source)
        return valid

    def _relation_extras(self, relations: list[dict[str, Any]]) -> None:
        """Attributions (from the block or the dialogue) and schemes of the relations."""
        first = {r["id"]: r for r in relations}
        self.made_by: dict[str, list[dict[str, Any]]] = {}
        for relation in relations:
            self.made_by.setdefault(self.key_of[relation["id"]], []).append(relation)
        statement_set = set(self.statement_keys)
        anchored = statement_set | set(self.relation_keys)
        self.dialogue = read_dialogue(self.graph, anchored, self.report)
        fulfilments = _scheme_fulfilments(self.graph.aif.get("schemefulfillments"))
        for key in self.relation_keys:
            node, relation = self.nodes[key], first[self.ids[key]]
            extra = self._block_entry(key, is_statement=False)
            attribution = extra.get("attribution")
            if "attribution" not in extra and key in self.dialogue.speakers:
                attribution = _attribution(self.dialogue.speakers[key], None)
            if attribution is not None:
                for same in self.made_by[key]:
                    same["attribution"] = attribution
            scheme = _scheme(node, fulfilments.get(key))
            if node.type == "MA":
                scheme = scheme or "Default Rephrase"
                self.report.warn(
                    f"AIF node {key} of type MA (rephrase) kept as a support relation", node.path
                )
            if scheme:
                where = self._note_holder(relation["id"], relation["premises"][0])
                line = scheme_line(node.type, relation["id"], scheme)
                self.notes.setdefault(where, []).append(line)
                self.scheme_warnings[line] = (
                    f"AIF node {key}: argmap relations have no scheme; {scheme!r} is kept in the"
                    f" note of statement {where!r}",
                    node.path,
                )

    def _statements(self) -> list[dict[str, Any]]:
        statements = []
        for key in self.statement_keys:
            node = self.nodes[key]
            locution = self.dialogue.speakers.get(key)
            text = node.text
            if node.type == "L":
                locution = locution or locution_of(node, self.graph)
                text = locution.words
            statement: dict[str, Any] = {"id": self.ids[key], "text": text}
            extra = self._block_entry(key, is_statement=True)
            statement.update(extra)
            if "attribution" not in extra and locution is not None:
                statement["attribution"] = _attribution(locution, text)
            forces = [t for t in self.dialogue.tags.get(key, []) if t not in statement.get("tags", [])]
            if forces:
                statement["tags"] = [*statement.get("tags", []), *forces]
            statements.append(statement)
        self.statements_by_id = {s["id"]: s for s in statements}
        return statements

    def _unmapped_nodes(self) -> None:
        """PA and unknown types become note lines on the statements they link."""
        for node in self.nodes.values():
            if node.type not in _KNOWN_TYPES:
                self._keep_as_note(node, "")
        for node in self.dialogue.stray_locutions:
            self.description.append(f"AIF locution {node.key}: {node.text}")
        for key, lines in self.notes.items():
            statement = self.statements_by_id[key]
            note = statement.get("note") or ""
            new = [line for line in lines if line not in note.split("\n")]
            for line in new:  # a scheme already in the note (argmap wrote this file) is no news
                if line in self.scheme_warnings:
                    self.report.warn(*self.scheme_warnings[line], kind="scheme")
            if new:
                statement["note"] = "\n".join([note, *new] if note else new)

    def _keep_as_note(self, node: Node, why: str) -> None:
        ends = [k for k in (*node.ins, *node.outs) if k in self.ids]
        line = (
            f"AIF {node.type or 'untyped'} node {node.key}"
            + (f" {node.text!r}" if node.text else "")
            + f": from {self._names(node.ins)} to {self._names(node.outs)}"
            + (f" ({why})" if why else "")
        )
        holders = [self.ids[k] for k in ends if self.ids[k] in self._statement_ids()]
        for holder in dict.fromkeys(holders):
            self.notes.setdefault(holder, []).append(line)
        place = (
            "a note on statement " + ", ".join(repr(h) for h in dict.fromkeys(holders))
            if holders
            else "a line of the map's description"
        )
        if not holders:
            self.description.append(line)
        reason = f" ({why})" if why else ""
        self.report.warn(
            f"AIF node {node.key} of type {type_name(node.type)}{reason} kept as {place}",
            node.path,
            kind=f"unmapped-{node.type}",
        )

    def _unused_edges(self) -> None:
        """Edges no step used, e.g. I → I with no inference node between."""
        nodes, statement_ids = self.nodes, self._statement_ids()
        for (start, end), index in self.graph.edges.items():
            a, b = nodes[start], nodes[end]
            if a.type not in _KNOWN_TYPES or b.type not in _KNOWN_TYPES:
                continue  # described with the unknown node
            a_is_statement = self.ids.get(start) in statement_ids
            b_is_statement = self.ids.get(end) in statement_ids
            uses = (
                (a_is_statement and b.type in RELATION_TYPES)
                or (a.type in RELATION_TYPES and (b_is_statement or b.type in RELATION_TYPES))
                or {a.type, b.type} <= {"L", "YA", "TA"}
                or (a.type == "YA" and (b_is_statement or b.type in RELATION_TYPES))
            )
            if uses:
                continue
            edge_id = self.graph.edge_name(index)
            if a_is_statement and b_is_statement:
                line = f"AIF edge {edge_id}: from statement {self.ids[start]} (no inference node)"
                self.notes.setdefault(self.ids[end], []).append(line)
            self.report.warn(
                f"AIF edge {edge_id} from node {start} ({a.type}) to node {end} ({b.type}) is not"
                " an AIF pattern argmap reads"
                + ("; kept as a note on the second statement" if a_is_statement and b_is_statement
                   else "; not kept"),
                kind="edge-unused",
            )

    def _map_level(self, data: dict[str, Any]) -> None:
        graph, report = self.graph, self.report
        fields = map_fields(self.block, report) if self.block else {}
        ova = graph.outer.get("OVA", graph.aif.get("OVA"))
        positions = self._positions(ova)
        analysed = graph.outer.get("text")
        if isinstance(analysed, str) and analysed.strip() and "description" not in fields:
            self.description.insert(0, _plain(analysed))
            report.warn('the analysed text ("text", HTML) is kept as the map\'s description, as plain text')
        if isinstance(ova, dict) and "authors" not in fields:
            names = [ova.get(k) for k in ("firstname", "surname")]
            analyst = " ".join(n.strip() for n in names if isinstance(n, str) and n.strip())
            if analyst:
                fields["authors"] = [clean_text(analyst)[0]]
        if isinstance(ova, dict) and isinstance(ova.get("url"), str) and ova["url"].strip():
            self.description.append(f"Analysed text: {ova['url'].strip()}")
        if self.description:
            described = [fields["description"]] if fields.get("description") else []
            fields["description"] = "\n\n".join([*described, *self.description])
        if not self.block:
            self._timestamps(fields)
        self._unknown_keys()
        layout = dict(fields.pop("layout", {}))
        layout["positions"] = {**layout.get("positions", {}), **positions}
        data.update(fields, layout=layout)
        self._check_references(data)

    # -- map-level helpers ---------------------------------------------------

    def _positions(self, ova: Any) -> dict[str, dict[str, float]]:
        """OVA's x/y (numbers or numeric strings) for statements; other nodes are laid out anew."""
        positions: dict[str, dict[str, float]] = {}
        if not isinstance(ova, dict) or not isinstance(ova.get("nodes"), list):
            return positions
        statement_ids, skipped = self._statement_ids(), 0
        for entry in ova["nodes"]:
            key = node_key(entry.get("nodeID")) if isinstance(entry, dict) else None
            if key is None or self.ids.get(key) not in statement_ids:
                skipped += 1
                continue
            x, y = _number(entry.get("x")), _number(entry.get("y"))
            if x is None or y is None:
                self.report.warn(f"the OVA position of node {key} is not a pair of numbers; ignored")
                continue
            positions[self.ids[key]] = {"x": x, "y": y}
        if skipped:
            self.report.warn(
                f"the OVA positions of {skipped} nodes that are not statements are not kept"
                " (argmap places relations itself)"
            )
        return positions

    def _timestamps(self, fields: dict[str, Any]) -> None:
        stamps = []
        for node in self.nodes.values():
            value = node.raw.get("timestamp")
            if isinstance(value, str) and value:
                try:
                    moment = datetime.fromisoformat(value)
                except ValueError:
                    continue
                stamps.append((moment.replace(tzinfo=None), clean_text(value)[0]))
        if stamps:
            stamps.sort()
            fields.setdefault("created", stamps[0][1])
            fields.setdefault("modified", stamps[-1][1])
            self.report.warn(
                f"the timestamps of {len(stamps)} AIF nodes are not kept one by one; the map's"
                f" created and modified dates span them ({stamps[0][1]} to {stamps[-1][1]})"
            )

    def _unknown_keys(self) -> None:
        holders = [self.graph.aif] + ([self.graph.outer] if self.graph.outer is not self.graph.aif else [])
        for holder in holders:
            for key, value in holder.items():
                if key not in _READ_KEYS and value not in (None, "", [], {}):
                    self.report.warn(f'the AIF key "{key}" is not read by argmap')

    def _check_references(self, data: dict[str, Any]) -> None:
        """Block values that name what is not in the map (after hand edits) are dropped."""
        statement_ids = self._statement_ids()
        for group in data.get("groups", []):
            if isinstance(group, dict) and isinstance(group.get("statements"), list):
                kept = [s for s in group["statements"] if s in statement_ids]
                if len(kept) < len(group["statements"]):
                    self.report.warn(f"group {group.get('id')!r} names unknown statements; removed")
                    group["statements"] = kept
        sources = {s.get("id") for s in data.get("sources", []) if isinstance(s, dict)}
        for element in [*data["statements"], *data["relations"]]:
            attribution = element.get("attribution")
            if isinstance(attribution, dict) and attribution.get("source") not in (None, *sources):
                self.report.warn(f"{element['id']}: unknown source {attribution['source']!r}; removed")
                element["attribution"] = {k: v for k, v in attribution.items() if k != "source"}

    def _validated(self, data: dict[str, Any], source: str | None) -> ArgumentMap:
        """The map; a value from the argmap block that fails is dropped and validation retried."""
        for _ in range(2):
            try:
                argument_map = ArgumentMap.model_validate(data, context={"check_integrity": False})
                break
            except ValidationError as error:
                if not self._drop_invalid_block_values(data, error):
                    problems = [
                        Problem(".".join(map(str, d["loc"])), d["msg"]) for d in error.errors()
                    ]
                    raise MapFileError(source, problems) from None
        else:  # pragma: no cover - the second pass has nothing left to drop
            raise MapFileError(source, [Problem("", "the argmap block cannot be read")])
        errors = errors_only(find_problems(argument_map))
        if errors:
            raise MapFileError(source, errors)
        return argument_map

    def _drop_invalid_block_values(self, data: dict[str, Any], error: ValidationError) -> bool:
        """Remove what the block gave and validation rejected; False if AIF data itself failed."""
        for detail in error.errors():
            location = detail["loc"]
            if len(location) < 3 or location[0] not in ("statements", "relations"):
                return False
            element = data[location[0]][location[1]]
            if location[2] not in self.from_block.get(element["id"], ()):
                return False
            element.pop(location[2], None)
            self.report.warn(
                f"{'statement' if location[0] == 'statements' else 'relation'} {element['id']}:"
                f" the {location[2]} in the \"{BLOCK_KEY}\" object is not valid"
                f" ({detail['msg']}); ignored",
                kind="block-field",
            )
        return True

    # -- small helpers ---------------------------------------------------------

    def _new_id(self, key: str, taken: set[str], what: str, quiet: bool = False) -> str:
        """The node id as an argmap id: invalid characters become '-', kept unique."""
        wanted = _INVALID_ID_CHARACTERS.sub("-", key)
        if not wanted or wanted[0] not in _ALNUM:
            wanted = "n" + wanted
        wanted = wanted[:64]
        result, number = wanted, 2
        while result in taken:
            result = f"{wanted[:58]}-{number}"
            number += 1
        taken.add(result)
        if result != key and not quiet:
            self.report.warn(
                f"AIF node {key!r} is {what} {result!r} (argmap ids are letters, digits, '_', '.'"
                " and '-', unique, at most 64 long)",
                self.nodes[key].path if key in self.nodes else None,
                kind="renamed",
            )
        return result

    def _statement_ids(self) -> set[str]:
        cached = getattr(self, "_statement_id_set", None)
        if cached is None:
            cached = self._statement_id_set = {self.ids[k] for k in self.statement_keys}
        return cached

    def _block_entry(self, key: str, is_statement: bool) -> dict[str, Any]:
        entries = self.block.get("nodes") if self.block else None
        if not isinstance(entries, dict) or key not in entries:
            return {}
        fields = checked_fields(entries[key], key, is_statement, self.report, self.nodes[key].path)
        self.from_block[self.ids[key]] = set(fields)
        return fields

    def _note_holder(self, relation_id: str, fallback: str) -> str:
        """The statement a relation finally bears on (undercuts followed), for its scheme line."""
        seen: set[str] = set()
        target = relation_id
        while target in self.relation_targets and target not in seen:
            seen.add(target)
            target = self.relation_targets[target]
        return target if target in self._statement_ids() else fallback

    def _names(self, keys: list[str]) -> str:
        names = [self.ids.get(k, f"AIF node {k}") for k in keys]
        return ", ".join(names) if names else "nothing"


def _attribution(locution: Locution, text: str | None) -> dict[str, Any]:
    attribution: dict[str, Any] = {}
    if locution.speaker:
        attribution["speaker"] = locution.speaker
    if locution.words and text is not None and locution.words != text.strip():
        attribution["quote"] = locution.words
    if locution.date:
        attribution["date"] = locution.date
    return attribution


def _scheme(node: Node, fulfilled: str | None) -> str | None:
    """The inference scheme's name (node ``text`` or ``scheme``) unless it is the default."""
    named = node.raw.get("scheme")
    names = [n.strip() for n in (node.text, named) if isinstance(n, str)]
    names = [n for n in dict.fromkeys(names) if n.upper() not in _GENERIC_SCHEMES]
    if names:
        return clean_text(names[0] if len(names) == 1 else f"{names[0]} (scheme {names[1]})")[0]
    scheme_id = node_key(node.raw.get("schemeID")) or fulfilled
    if scheme_id and not node.text.strip().upper().startswith("DEFAULT"):
        return f"scheme {scheme_id}"  # a bare "RA" with a scheme known only by its AIFdb number
    return None


def _scheme_fulfilments(value: Any) -> dict[str, str]:
    result: dict[str, str] = {}
    for entry in value if isinstance(value, list) else []:
        if isinstance(entry, dict):
            key, scheme = node_key(entry.get("nodeID")), node_key(entry.get("schemeID"))
            if key and scheme:
                result[key] = scheme
    return result


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            return None
    if isinstance(value, int | float) and math.isfinite(value):
        return float(value)
    return None


def _plain(markup: str) -> str:
    """OVA's analysed text is HTML: tags removed, entities decoded, line breaks kept."""
    text = _TAG.sub(lambda m: "\n" if m.group(0).lower().startswith(("<br", "</p")) else "", markup)
    return clean_text(html.unescape(text).strip())[0]
