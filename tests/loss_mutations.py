"""A map with one field of one element changed, to see whether a written file shows it.

Markdown outlines cannot be read back, so whether the outline keeps a field is whether
changing it changes the outline. Each change is named by a
:class:`argmap.formats.losses.Loss`: ids are renamed everywhere they are used, a text and
the map's title lose the white space the outline drops, and every other field is cleared (or
a group removed).
"""

from __future__ import annotations

from typing import Any

from argmap.formats.losses import Loss
from argmap.model import ArgumentMap

_ATTRIBUTION = ("speaker", "quote", "date", "source")
_FIELDS = {
    "statement": ("title", "note", "tags", "acceptance", "standard"),
    "relation": ("weighing", "weight"),
    "source": ("author", "publisher", "date", "url", "text"),
}
_MAP_FIELDS = ("description", "authors", "created", "modified")


def candidates(argument_map: ArgumentMap) -> list[Loss]:
    """Every field the map sets that a format could leave out (ids always)."""
    found: list[Loss] = []
    data = argument_map.model_dump(exclude_defaults=True)
    for element, key in (("statement", "statements"), ("relation", "relations")):
        for item in data.get(key, []):
            found.append(Loss(element, item["id"], "id"))
            found += [Loss(element, item["id"], f) for f in _FIELDS[element] if f in item]
            for part in item.get("attribution", {}):
                found.append(Loss(element, item["id"], f"attribution.{part}"))
    for item in data.get("sources", []):
        found.append(Loss("source", item["id"], "id"))
        found += [Loss("source", item["id"], f) for f in _FIELDS["source"] if f in item]
    found += [Loss("group", item["id"], "group") for item in data.get("groups", [])]
    found += [Loss("map", "", f) for f in _MAP_FIELDS if f in data]
    layout = data.get("layout", {})
    found += [Loss("map", "", f"layout.{f}") for f in ("direction", "theme") if f in layout]
    found += [Loss("statement", s, "position") for s in layout.get("positions", {})]
    return found


def changed(argument_map: ArgumentMap, loss: Loss, kept_text: Any = None) -> ArgumentMap:
    """The map with the field ``loss`` names changed; ``kept_text`` gives a text as kept."""
    data = argument_map.model_dump(exclude_defaults=True)
    if loss.field == "id":
        data = _renamed(data, loss.element_id, f"{loss.element_id}-renamed")
        return ArgumentMap.model_validate(data)
    if loss.element == "map":
        if loss.field == "title":  # what formats lose of a title is its white space
            data["title"] = " ".join(data["title"].split())
        elif loss.field.startswith("layout."):
            data["layout"].pop(loss.field.removeprefix("layout."))
        else:
            data.pop(loss.field)
        return ArgumentMap.model_validate(data)
    if loss.field == "position":
        data["layout"]["positions"].pop(loss.element_id)
        return ArgumentMap.model_validate(data)
    if loss.element == "group":
        data["groups"] = [g for g in data["groups"] if g["id"] != loss.element_id]
        for group in data["groups"]:
            if group.get("parent") == loss.element_id:
                group.pop("parent")
        return ArgumentMap.model_validate(data)
    item = next(i for i in data[f"{loss.element}s"] if i["id"] == loss.element_id)
    if loss.field == "text":
        item["text"] = kept_text(item["text"])
    elif loss.field.startswith("attribution."):
        item["attribution"].pop(loss.field.removeprefix("attribution."))
    else:
        item.pop(loss.field)
    return ArgumentMap.model_validate(data)


_ID_KEYS = {"id", "premises", "target", "statements", "parent", "source"}


def _renamed(value: Any, old: str, new: str, key: str = "") -> Any:
    """``value`` with the id ``old`` renamed wherever an id is kept (and as a position's key)."""
    if isinstance(value, dict):
        return {
            (new if k == old and key == "positions" else k): _renamed(v, old, new, k)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_renamed(v, old, new, key) for v in value]
    return new if value == old and key in _ID_KEYS else value
