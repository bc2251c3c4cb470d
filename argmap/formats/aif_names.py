"""AIF names in argmap terms: node ids as ids, schemes as note lines, locutions as attributions."""

from __future__ import annotations

import re
from typing import Any

from argmap.formats.aif_dialogue import Locution
from argmap.formats.aif_graph import Node, clean_text, node_key

__all__ = ["IdMaker", "attribution_of", "scheme_fulfilments", "scheme_line", "scheme_of"]

GENERIC_SCHEMES = {
    "",
    "RA",
    "CA",
    "MA",
    "PA",
    "DEFAULT INFERENCE",
    "DEFAULT CONFLICT",
    "DEFAULT REPHRASE",
    "DEFAULT PREFERENCE",
    "INFERENCE",
    "CONFLICT",
}
_INVALID_ID_CHARACTERS = re.compile(r"[^A-Za-z0-9_.\-]")
_ALNUM = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")


class IdMaker:
    """Unique argmap ids from AIF node ids: characters an id cannot hold become '-'.

    The next free number for each id is remembered, so thousands of node ids
    that clean up to the same id still take linear time.
    """

    def __init__(self) -> None:
        self.taken: set[str] = set()
        self.suffixes: dict[str, int] = {}

    def make(self, key: str) -> str:
        wanted = _INVALID_ID_CHARACTERS.sub("-", key)
        if not wanted or wanted[0] not in _ALNUM:
            wanted = "n" + wanted
        wanted = wanted[:64]
        result, number = wanted, self.suffixes.get(wanted, 2)
        while result in self.taken:
            suffix = f"-{number}"
            result = wanted[: 64 - len(suffix)] + suffix
            number += 1
        self.suffixes[wanted] = number
        self.taken.add(result)
        return result


def scheme_line(node_type: str, relation_id: str, scheme: str) -> str:
    """The note line that keeps a relation's AIF scheme (the writer reads it back)."""
    return f"AIF {node_type} scheme of relation {relation_id}: {scheme}"


def attribution_of(locution: Locution, text: str | None) -> dict[str, Any]:
    """Speaker, the locution's words where they differ from the statement's, and its date."""
    attribution: dict[str, Any] = {}
    if locution.speaker:
        attribution["speaker"] = locution.speaker
    if locution.words and text is not None and locution.words != text.strip():
        attribution["quote"] = locution.words
    if locution.date:
        attribution["date"] = locution.date
    return attribution


def scheme_of(node: Node, fulfilled: str | None) -> str | None:
    """The inference scheme's name (node ``text`` or ``scheme``) unless it is the default."""
    named = node.raw.get("scheme")
    names = [n.strip() for n in (node.text, named) if isinstance(n, str)]
    names = [n for n in dict.fromkeys(names) if n.upper() not in GENERIC_SCHEMES]
    if names:
        return clean_text(names[0] if len(names) == 1 else f"{names[0]} (scheme {names[1]})")[0]
    scheme_id = node_key(node.raw.get("schemeID")) or fulfilled
    if scheme_id and not node.text.strip().upper().startswith("DEFAULT"):
        return f"scheme {scheme_id}"  # a bare "RA" with a scheme known only by its AIFdb number
    return None


def scheme_fulfilments(value: Any) -> dict[str, str]:
    """OVA3's ``schemefulfillments``: scheme numbers by node id."""
    result: dict[str, str] = {}
    for entry in value if isinstance(value, list) else []:
        if isinstance(entry, dict):
            key, scheme = node_key(entry.get("nodeID")), node_key(entry.get("schemeID"))
            if key and scheme:
                result[key] = scheme
    return result
