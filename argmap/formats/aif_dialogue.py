"""Who said what: AIF's dialogue layer (L, YA, TA nodes) read as attributions.

In AIF a locution (L node, e.g. ``"Bob: we should go"``) is anchored to the
proposition it asserts (an I node) by an illocution (YA node, e.g.
``Asserting``): edges run L → YA → I. The speaker is the locution's
participant (``locutions`` → ``participants``) or, failing that, the name
before the colon (``"CL : …"``) or before ``says '…'`` (AraucariaDB). Words
of the locution that differ from the proposition are kept as the quote, the
locution's ``start`` as the date, and an illocution other than asserting
(``Pure Questioning``) as a tag. Transitions (TA) and the analyst's own
locutions have no place in argmap and are reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from argmap.formats.aif_graph import Graph, Node, Report, clean_text, node_key

__all__ = ["Dialogue", "Locution", "read_dialogue", "split_locution"]

_SAYS = re.compile(r"(?s)\s*(?P<speaker>[^\n:']{1,100}?)\s+says\s+'(?P<words>.*)'\s*")
_COLON = re.compile(r"(?s)\s*(?P<speaker>[^\n:]{1,100}?)\s*:\s+(?P<words>.*)")
_ASSERTING = {"", "ASSERTING", "YA", "DEFAULT ILLOCUTING", "ASSERTION"}


@dataclass(slots=True)
class Locution:
    """What one L node tells about the proposition it anchors."""

    node: str
    speaker: str | None
    words: str
    date: str | None


@dataclass
class Dialogue:
    """The attributions found, by node key, and every dialogue node they used up."""

    people: dict[str, str] = field(default_factory=dict)  # participant id → name
    uttered: dict[str, dict[str, Any]] = field(default_factory=dict)  # L node → locutions entry
    speakers: dict[str, Locution] = field(default_factory=dict)
    tags: dict[str, list[str]] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    stray_locutions: list[Node] = field(default_factory=list)


def split_locution(text: str, speaker: str | None = None) -> tuple[str | None, str]:
    """``("Bob", "we should go")`` from ``"Bob: we should go"``; a known speaker is preferred."""
    if speaker:
        for separator in (":", " :"):
            if text.startswith(speaker + separator):
                return speaker, text[len(speaker) + len(separator) :].strip()
    for pattern in (_SAYS, _COLON):
        match = pattern.fullmatch(text)
        if match:
            return speaker or match["speaker"].strip(), match["words"].strip()
    return speaker, text.strip()


def read_dialogue(graph: Graph, anchored: set[str], report: Report) -> Dialogue:
    """Attributions of the nodes in ``anchored`` (statements and relations) from L → YA → node."""
    nodes = graph.nodes
    people = _participants(graph.aif.get("participants"))
    uttered = _locution_entries(graph.aif.get("locutions"), nodes, report)
    dialogue = Dialogue(people, uttered)
    texts_used: set[str] = set()
    for ya in nodes.values():
        if ya.type != "YA":
            continue
        sources = [nodes[k] for k in ya.ins if nodes[k].type == "L"]
        # A locution kept as a statement speaks for itself, not for the analyst who quotes it.
        targets = [nodes[k] for k in ya.outs if k in anchored and nodes[k].type != "L"]
        if not sources or not targets:
            continue
        if len(sources) > 1:  # one YA anchors one locution; the rest are named, not multiplied
            report.warn(
                f"AIF node {ya.key} anchors {len(sources)} locutions; only {sources[0].key}"
                " gives the speaker",
                ya.path,
                kind="many-locutions",
            )
        locution = _locution(sources[0], people, uttered)
        for target in targets:
            _attribute(dialogue, target, locution, ya, report)
        dialogue.used.add(ya.key)
        for source in sources:
            dialogue.used.add(source.key)
            texts_used.add(source.text.strip())
    _report_unused(graph, anchored, dialogue, texts_used, report)
    return dialogue


def locution_of(node: Node, dialogue: Dialogue) -> Locution:
    """An L node read on its own (for a locution that is itself a premise or conclusion)."""
    return _locution(node, dialogue.people, dialogue.uttered)


def _attribute(
    dialogue: Dialogue, target: Node, locution: Locution, ya: Node, report: Report
) -> None:
    kept = dialogue.speakers.get(target.key)
    if kept is None:
        dialogue.speakers[target.key] = locution
    elif (kept.speaker, kept.words) != (locution.speaker, locution.words) and target.type == "I":
        report.warn(
            f"AIF node {target.key} is also said by locution {locution.node}"
            f" ({locution.speaker or 'no speaker'}: {_short(locution.words)});"
            f" argmap keeps one attribution, from locution {kept.node}",
            target.path,
            kind="more-locutions",
        )
    force = _force(ya)
    if force is None or target.type != "I":  # an inference is argued; that is no news
        return
    tags = dialogue.tags.setdefault(target.key, [])
    if force not in tags:
        tags.append(force)
        report.warn(
            f"AIF node {ya.key}: the illocution {force!r} of node {target.key} is kept as a tag",
            ya.path,
            kind="illocution",
        )


def _force(ya: Node) -> str | None:
    """The illocution's name unless it is plain asserting (``YA_…`` are AraucariaDB's)."""
    for name in (ya.text, ya.raw.get("scheme")):
        if isinstance(name, str) and name.strip():
            upper = name.strip().upper()
            if upper in _ASSERTING:
                return None
            if not upper.startswith("YA_") and upper != "YA":
                return clean_text(name.strip())[0]
    return None


def _participants(value: Any) -> dict[str, str]:
    people: dict[str, str] = {}
    for entry in value if isinstance(value, list) else []:
        if not isinstance(entry, dict):
            continue
        key = node_key(entry.get("participantID"))
        parts = [entry.get(k) for k in ("firstname", "surname")]
        name = " ".join(p.strip() for p in parts if isinstance(p, str) and p.strip())
        if not name and isinstance(entry.get("name"), str):
            name = entry["name"].strip()
        if key is not None and name:
            people[key] = clean_text(name)[0]
    return people


def _locution_entries(
    value: Any, nodes: dict[str, Node], report: Report
) -> dict[str, dict[str, Any]]:
    entries: dict[str, dict[str, Any]] = {}
    for index, entry in enumerate(value if isinstance(value, list) else []):
        key = node_key(entry.get("nodeID")) if isinstance(entry, dict) else None
        if key is None:
            continue
        entries.setdefault(key, entry)
        if key not in nodes:
            report.warn(
                f"the locution entry for node {key} names no node of the file; ignored",
                ["locutions", index],
                kind="locution-entry",
            )
    return entries


def _locution(node: Node, people: dict[str, str], uttered: dict[str, dict[str, Any]]) -> Locution:
    entry = uttered.get(node.key, {})
    person = people.get(node_key(entry.get("personID")) or "")
    speaker, words = split_locution(node.text, person)
    start = entry.get("start")
    date = clean_text(start.strip())[0] if isinstance(start, str) and start.strip() else None
    return Locution(node.key, speaker, words, date)


def _report_unused(
    graph: Graph, anchored: set[str], dialogue: Dialogue, texts_used: set[str], report: Report
) -> None:
    """TA/YA nodes in groups; an unused locution's words go to the description unless repeated."""
    unused: dict[str, list[str]] = {}
    analysing: dict[str, bool] = {}  # YA key → whether it anchors locutions only (cached)
    for node in graph.nodes.values():
        if node.type not in ("L", "YA", "TA") or node.key in dialogue.used or node.key in anchored:
            continue
        if node.type == "L" and not _is_repeat(node, texts_used, graph, analysing):
            dialogue.stray_locutions.append(node)
            report.warn(
                f"AIF node {node.key} of type L (locution) anchors no statement;"
                " its words are kept in the map's description",
                node.path,
                kind="stray-locution",
            )
            continue
        unused.setdefault(node.type, []).append(node.key)
    why = {
        "TA": "argmap keeps who said what, not the order of the dialogue",
        "YA": "they anchor no locution to a statement (argmap has no transitions)",
        "L": "they repeat another locution (e.g. the analyst's 'M: …' copy)",
    }
    for node_type, keys in unused.items():
        shown = ", ".join(keys[:20]) + (f" and {len(keys) - 20} more" if len(keys) > 20 else "")
        report.warn(f"AIF nodes {shown} of type {node_type} are not kept: {why[node_type]}", None)


def _is_repeat(node: Node, texts_used: set[str], graph: Graph, analysing: dict[str, bool]) -> bool:
    """A locution that only restates another (``"M: CL : …"``, ``"Anon: Bob: …"``)."""
    illocutions = [k for k in node.outs if graph.nodes[k].type == "YA"]
    for key in illocutions:
        if key not in analysing:
            outs = graph.nodes[key].outs
            analysing[key] = bool(outs) and all(graph.nodes[t].type == "L" for t in outs)
    if illocutions and all(analysing[k] for k in illocutions):
        return True  # the analyst's locution about another locution
    _, rest = split_locution(node.text)
    return node.text.strip() in texts_used or rest in texts_used


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
