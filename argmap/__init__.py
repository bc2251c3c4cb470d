"""argmap: map a debate as claims, reasons and objections; edit it and export it with Graphviz.

The names below are imported on first use (PEP 562): the model needs pydantic,
which takes longer to load than ``argmap --version`` takes in all, so
``import argmap`` alone loads nothing else.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from argmap.errors import ArgmapError, MapFileError, RenderError, SaveError
    from argmap.files import dumps_map, load_map, loads_map, save_map
    from argmap.model import (
        ArgumentMap,
        Attribution,
        Relation,
        RelationKind,
        Source,
        Statement,
    )

__all__ = [
    "ArgmapError",
    "ArgumentMap",
    "Attribution",
    "MapFileError",
    "Relation",
    "RelationKind",
    "RenderError",
    "SaveError",
    "Source",
    "Statement",
    "dumps_map",
    "load_map",
    "loads_map",
    "save_map",
]

__version__ = "0.1.0"

_HOMES = {
    "ArgmapError": "argmap.errors",
    "MapFileError": "argmap.errors",
    "RenderError": "argmap.errors",
    "SaveError": "argmap.errors",
    "dumps_map": "argmap.files",
    "load_map": "argmap.files",
    "loads_map": "argmap.files",
    "save_map": "argmap.files",
    "ArgumentMap": "argmap.model",
    "Attribution": "argmap.model",
    "Relation": "argmap.model",
    "RelationKind": "argmap.model",
    "Source": "argmap.model",
    "Statement": "argmap.model",
}


def __getattr__(name: str) -> Any:
    """A public name, imported from its module the first time it is asked for."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'argmap' has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
