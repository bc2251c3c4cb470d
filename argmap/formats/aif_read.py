"""Reading AIF JSON into an argument map (the mapping is described in :mod:`argmap.formats.aif`)."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from argmap.errors import MapFileError, Problem
from argmap.formats.aif_dialogue import locution_of, read_dialogue
from argmap.formats.aif_extras import BLOCK_KEY, block_of, checked_fields, map_fields
from argmap.formats.aif_graph import (
    Graph,
    Node,
    Report,
    clean_text,
    load_graph,
    type_name,
)
from argmap.formats.aif_meta import (
    analysed_text,
    analyst,
    ova_block,
    ova_positions,
    settle,
    timestamps,
    unknown_keys,
)
from argmap.formats.aif_names import (
    IdMaker,
    attribution_of,
    scheme_fulfilments,
    scheme_line,
    scheme_of,
)
from argmap.formats.base import ReadResult
from argmap.model import ArgumentMap

__all__ = ["read_aif"]

RELATION_TYPES = {"RA": "support", "CA": "attack", "MA": "support"}
_KNOWN_TYPES = {"I", "L", "YA", "TA", *RELATION_TYPES}


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
        self.notes: dict[str, list[str]] = {}  # statement id → lines to add to its note
        self.description: list[str] = []
        self.relation_targets: dict[str, str] = {}  # relation id → target id
        self.from_block: dict[str, set[str]] = {}  # element id → fields the block gave
        self.scheme_warnings: dict[str, tuple[str, list[str | int]]] = {}  # note line → warning
        self.final_targets: dict[str, str | None] = {}  # relation id → statement it bears on
        self.names = IdMaker()
        self.statement_keys = self._statement_keys()

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
                            kind="locution-statement",
                        )
        keys = [k for k in nodes if k in chosen]
        self.statement_keys_set = chosen
        for key in keys:
            self.ids[key] = self._new_id(key, "statement")
        self.statement_ids = {self.ids[k] for k in keys}
        return keys

    def _relations(self) -> list[dict[str, Any]]:
        nodes, statements = self.nodes, self.statement_keys_set
        candidates = [k for k, n in nodes.items() if n.type in RELATION_TYPES]
        premises: dict[str, list[str]] = {}
        targets: dict[str, list[str]] = {}
        for key in candidates:
            node = nodes[key]
            outs = [k for k in node.outs if k in statements or nodes[k].type in RELATION_TYPES]
            ins = [k for k in node.ins if k in statements]
            out_set = set(outs)
            circular = [k for k in ins if k in out_set]
            if circular:
                self.report.warn(
                    f"AIF node {key}: statement {circular[0]} is both premise and conclusion;"
                    " it is kept as the conclusion only",
                    node.path,
                    kind="circular",
                )
                ins = [k for k in ins if k not in out_set]
            premises[key], targets[key] = ins, outs
        valid = self._valid_relations(candidates, premises, targets)
        for key in candidates:
            if key in valid:
                self.ids[key] = self._new_id(key, "relation")
        relations: list[dict[str, Any]] = []
        self.key_of: dict[str, str] = {}
        # Copies for extra conclusions repeat the premises: never more in all than the file's
        # edges, so a node with thousands of premises and conclusions cannot blow up.
        budget = len(self.graph.edges)
        for key in candidates:
            if key not in valid:
                self._keep_as_note(
                    nodes[key], "it has no premise" if not premises[key] else "it has no conclusion"
                )
                continue
            kept_targets = [t for t in targets[key] if t in statements or t in valid]
            premise_ids = [self.ids[p] for p in premises[key]]
            if len(kept_targets) > 1:
                self.report.warn(
                    f"AIF node {key} has {len(kept_targets)} conclusions; argmap reads one"
                    " relation per conclusion",
                    nodes[key].path,
                    kind="conclusions",
                )
            for number, target in enumerate(kept_targets):
                if number:
                    budget -= len(premise_ids)
                    if budget < 0:
                        self._extra_conclusion_note(key, target)
                        continue
                relation_id = (
                    self.ids[key]
                    if number == 0
                    else self._new_id(f"{key}-{number + 1}", "relation", quiet=True)
                )
                relations.append(
                    {
                        "id": relation_id,
                        "kind": RELATION_TYPES[nodes[key].type],
                        "premises": list(premise_ids),
                        "target": self.ids[target],
                    }
                )
                self.relation_targets[relation_id] = self.ids[target]
                self.key_of[relation_id] = key
        self.relation_keys = [k for k in candidates if k in valid]
        self._relation_extras(relations)
        return relations

    def _extra_conclusion_note(self, key: str, target: str) -> None:
        line = f"AIF {self.nodes[key].type} node {key} also concludes {self.ids[target]}"
        if target in self.statement_keys_set:
            self.notes.setdefault(self.ids[target], []).append(line)
        else:
            self.description.append(line)
        self.report.warn(
            f"AIF node {key}: too many premises times conclusions to copy; that it also concludes"
            f" {self.ids[target]} is kept as a note",
            self.nodes[key].path,
            kind="conclusion-note",
        )

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
                if source in valid:  # an edge source → key: key is one of its targets
                    live[source] -= 1
                    if live[source] == 0:
                        valid.discard(source)
                        dropped.append(source)
        return valid

    def _relation_extras(self, relations: list[dict[str, Any]]) -> None:
        """Attributions (from the block or the dialogue), weighing and schemes of the relations."""
        first = {r["id"]: r for r in relations}
        self.made_by: dict[str, list[dict[str, Any]]] = {}
        for relation in relations:
            self.made_by.setdefault(self.key_of[relation["id"]], []).append(relation)
        anchored = self.statement_keys_set | set(self.relation_keys)
        self.dialogue = read_dialogue(self.graph, anchored, self.report)
        fulfilments = scheme_fulfilments(self.graph.aif.get("schemefulfillments"))
        for key in self.relation_keys:
            node, relation = self.nodes[key], first[self.ids[key]]
            extra = self._block_entry(key, is_statement=False)
            attribution = extra.get("attribution")
            if "attribution" not in extra and key in self.dialogue.speakers:
                attribution = attribution_of(self.dialogue.speakers[key], None)
            if attribution is not None:
                for same in self.made_by[key]:
                    same["attribution"] = attribution
            for name in ("weighing", "weight"):
                if name in extra:
                    for same in self.made_by[key]:
                        same[name] = extra[name]
            scheme = scheme_of(node, fulfilments.get(key))
            if node.type == "MA":
                scheme = scheme or "Default Rephrase"
                self.report.warn(
                    f"AIF node {key} of type MA (rephrase) kept as a support relation",
                    node.path,
                    kind="rephrase",
                )
            if scheme:
                where = self._note_holder(relation["id"], relation["premises"][0])
                line = scheme_line(node.type, relation["id"], scheme)
                self.notes.setdefault(where, []).append(line)
                message = (
                    f"AIF node {key}: argmap relations have no scheme; {scheme!r} is kept in the"
                    f" note of statement {where!r}"
                )
                self.scheme_warnings[line] = (message, node.path)

    def _statements(self) -> list[dict[str, Any]]:
        statements = []
        for key in self.statement_keys:
            node = self.nodes[key]
            locution = self.dialogue.speakers.get(key)
            text = node.text
            if node.type == "L":
                locution = locution_of(node, self.dialogue)
                text = locution.words
            statement: dict[str, Any] = {"id": self.ids[key], "text": text}
            extra = self._block_entry(key, is_statement=True)
            statement.update(extra)
            if "attribution" not in extra and locution is not None:
                statement["attribution"] = attribution_of(locution, text)
            forces = [
                t for t in self.dialogue.tags.get(key, []) if t not in statement.get("tags", [])
            ]
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
            present = set(note.split("\n"))
            new = [line for line in dict.fromkeys(lines) if line not in present]
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
        holders = [self.ids[k] for k in ends if self.ids[k] in self.statement_ids]
        for holder in dict.fromkeys(holders):
            self.notes.setdefault(holder, []).append(line)
        unique = list(dict.fromkeys(holders))
        shown = ", ".join(repr(h) for h in unique[:5]) + (
            f" and {len(unique) - 5} more" if len(unique) > 5 else ""
        )
        place = f"a note on statement {shown}" if holders else "a line of the map's description"
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
        nodes, statement_ids = self.nodes, self.statement_ids
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
                + (
                    "; kept as a note on the second statement"
                    if a_is_statement and b_is_statement
                    else "; not kept"
                ),
                kind="edge-unused",
            )

    def _map_level(self, data: dict[str, Any]) -> None:
        graph, report = self.graph, self.report
        fields = map_fields(self.block, report) if self.block else {}
        ova = ova_block(graph)
        statement_ids = {k: self.ids[k] for k in self.statement_keys}
        positions = ova_positions(ova, statement_ids, report)
        if "description" not in fields:
            text = analysed_text(graph, report)
            if text:
                self.description.insert(0, text)
        name = analyst(ova)
        if name and "authors" not in fields:
            fields["authors"] = [name]
        url = ova.get("url") if ova else None
        if isinstance(url, str) and url.strip():
            self.description.append(f"Analysed text: {clean_text(url.strip())[0]}")
        if self.description:
            described = [fields["description"]] if fields.get("description") else []
            fields["description"] = "\n\n".join([*described, *self.description])
        if not self.block:
            timestamps(graph, fields, report)
        unknown_keys(graph, report)
        layout = dict(fields.pop("layout", {}))
        layout["positions"] = {**layout.get("positions", {}), **positions}
        data.update(fields, layout=layout)

    def _validated(self, data: dict[str, Any], source: str | None) -> ArgumentMap:
        """The map; a value from the argmap block that fails is dropped and validation retried.

        The integrity checks of :mod:`argmap.problems` are done by :func:`settle`
        in linear time (a file of long undercut chains must not stall reading).
        """
        errors = settle(data, self.report)
        if errors:
            raise MapFileError(source, errors)
        for _ in range(2):
            try:
                return ArgumentMap.model_validate(data, context={"check_integrity": False})
            except ValidationError as error:
                if not self._drop_invalid_block_values(data, error):
                    problems = [
                        Problem(".".join(map(str, d["loc"])), d["msg"]) for d in error.errors()
                    ]
                    raise MapFileError(source, problems) from None
        raise MapFileError(source, [Problem("", "the argmap block cannot be read")])

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
                f' the {location[2]} in the "{BLOCK_KEY}" object is not valid'
                f" ({detail['msg']}); ignored",
                kind="block-field",
            )
        return True

    # -- small helpers ---------------------------------------------------------

    def _new_id(self, key: str, what: str, quiet: bool = False) -> str:
        """The node id as an argmap id, with a warning naming the original if it changed."""
        result = self.names.make(key)
        if result != key and not quiet:
            self.report.warn(
                f"AIF node {key!r} is {what} {result!r} (argmap ids are letters, digits, '_', '.'"
                " and '-', unique, at most 64 long)",
                self.nodes[key].path if key in self.nodes else None,
                kind="renamed",
            )
        return result

    def _block_entry(self, key: str, is_statement: bool) -> dict[str, Any]:
        entries = self.block.get("nodes") if self.block else None
        if not isinstance(entries, dict) or key not in entries:
            return {}
        fields = checked_fields(entries[key], key, is_statement, self.report, self.nodes[key].path)
        self.from_block[self.ids[key]] = set(fields)
        return fields

    def _note_holder(self, relation_id: str, fallback: str) -> str:
        """The statement a relation finally bears on (undercuts followed), for its scheme line.

        Answers are remembered for every relation on the way, so long chains of
        undercuts cost linear time in all.
        """
        known = self.final_targets
        path: dict[str, None] = {}
        target = relation_id
        while target in self.relation_targets and target not in known and target not in path:
            path[target] = None
            target = self.relation_targets[target]
        end = known.get(target, target) if target not in path else None  # None: a circle
        for step in path:
            known[step] = end
        return end if end is not None and end in self.statement_ids else fallback

    def _names(self, keys: list[str], shown: int = 20) -> str:
        """Ids of the nodes a note line names; only the first few of a hub's many."""
        names = [self.ids.get(k, f"AIF node {k}") for k in keys[:shown]]
        if len(keys) > shown:
            names.append(f"{len(keys) - shown} more")
        return ", ".join(names) if names else "nothing"
