"""Drawing maps with Graphviz: DOT building, running Graphviz, exporting files."""

from argmap.render.dot import DotOptions, build_dot
from argmap.render.engine import Engine, find_engine, run_graphviz
from argmap.render.export import FORMATS, LayoutMode, export_map, format_for_path, render_map

__all__ = [
    "FORMATS",
    "DotOptions",
    "Engine",
    "LayoutMode",
    "build_dot",
    "export_map",
    "find_engine",
    "format_for_path",
    "render_map",
    "run_graphviz",
]
