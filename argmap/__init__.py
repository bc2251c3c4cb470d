"""argmap: map a debate as claims, reasons and objections; edit it on the desktop; export it with Graphviz."""

from argmap.errors import ArgmapError, MapFileError, RenderError, SaveError
from argmap.files import dumps_map, load_map, loads_map, save_map
from argmap.model import ArgumentMap, Attribution, Relation, RelationKind, Source, Statement

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
