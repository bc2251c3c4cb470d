"""A map as one self-contained, interactive HTML page that anyone can open from disk.

The page is the SVG export (same layout, theme and legend) with a small
script for panning, zooming, searching, folding branches and a side panel
that shows everything a card holds. The template, script and style are
package files in ``argmap/render/html/``, inlined here, so the page needs
nothing but itself. The script is kept in parts (``_SCRIPT_PARTS``), joined
in that order into the page's one ``<script>``; the first part makes a
namespace object that each later part receives and adds to.

What keeps the page safe to open, whoever wrote the map:

* User text reaches the markup only escaped: the title here with
  :func:`html.escape`, the cards through Graphviz's own XML escaping, and
  everything the script shows through ``textContent``, never as markup.
* A Content-Security-Policy forbids every network access (``default-src
  'none'``) and runs no script but the page's own, named by its SHA-256
  hash, so even a string that slipped through escaping could not run.
  Styles are allowed inline (``'unsafe-inline'``): SVG from some Graphviz
  versions carries ``style`` attributes, and with no network a style can
  neither load nor send anything.
* The map travels as JSON in ``<script type="application/json">`` blocks,
  with every ``<`` written as ``\\u003c``: no text can close the block, and
  the JSON reads back the same. :func:`map_text_of_page` finds it again, so a
  page is also a map file (``argmap convert map.html map.argmap``).

Evaluation labels (in/out/undecided by statement id) are an optional input
of :func:`build_page`; the page shows them when given. A source's full text
is shown folded in the panel, with the statement's quote marked where
:mod:`argmap.sourcetext` finds it (found here, so the page needs no matcher).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from bisect import bisect_left
from collections.abc import Mapping
from functools import cache
from importlib import resources

from argmap import __version__
from argmap.files import dumps_map
from argmap.model import ArgumentMap
from argmap.sourcetext.check import QuoteStatus, check_quote

__all__ = [
    "MAP_BLOCK_ID",
    "VIEW_BLOCK_ID",
    "build_page",
    "map_block_of_page",
    "map_text_of_page",
]

# Page element ids start with "_": statement ids cannot (model.ID_PATTERN), so the
# ids Graphviz gives the cards never clash with the page's own.
MAP_BLOCK_ID = "_argmap"
VIEW_BLOCK_ID = "_argmap-view"

# The page's script, in the order its parts run: each uses what the ones before it made.
_SCRIPT_PARTS = ("page-view.js", "page-cards.js", "page-panel.js")

_SVG_START = re.compile(r"<svg\b")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_MAP_BLOCK = re.compile(
    r'<script type="application/json" id="' + MAP_BLOCK_ID + r'">(.*?)</script>', re.DOTALL
)


@cache
def _asset(name: str) -> str:
    """A file of ``argmap/render/html/`` (read once per process)."""
    return resources.files("argmap.render").joinpath("html", name).read_text(encoding="utf-8")


@cache
def _script() -> str:
    """The page's script: its parts joined, as the one ``<script>`` whose hash the policy names."""
    return "\n".join(_asset(name) for name in _SCRIPT_PARTS)


def build_page(
    argument_map: ArgumentMap,
    svg: str | bytes,
    *,
    labels: Mapping[str, str] | None = None,
) -> str:
    """The page: ``svg`` (the map's SVG export) with the map's data, script and style.

    ``labels`` are evaluation labels by statement id (e.g. ``{"s1": "in"}``),
    drawn on the cards and listed in the side panel; ``None`` leaves them out.
    """
    if isinstance(svg, bytes):
        svg = svg.decode("utf-8")
    script, style = _script(), _asset("page.css")
    view = {
        "roles": {sid: role.value for sid, role in argument_map.roles().items()},
        "labels": dict(labels) if labels is not None else None,
        "quotes": _quote_spans(argument_map),
    }
    replacements = {
        "csp": html.escape(_policy(script), quote=True),
        "version": __version__,
        "title": html.escape(argument_map.title or "Argument map"),
        "style": style,
        "svg": _inline_svg(svg),
        "map_id": MAP_BLOCK_ID,
        "map_json": _json_block(json.loads(dumps_map(argument_map))),
        "view_id": VIEW_BLOCK_ID,
        "view_json": _json_block(view),
        "script": script,
    }
    # One pass, so that nothing a replacement brings in is read as a placeholder.
    return re.sub(r"\{\{(\w+)\}\}", lambda m: replacements[m.group(1)], _asset("page.html"))


def map_text_of_page(text: str) -> str | None:
    """The map's JSON embedded in a page :func:`build_page` wrote (None if there is none)."""
    block = map_block_of_page(text)
    return block[0] if block else None


def map_block_of_page(text: str) -> tuple[str, int] | None:
    """The map's JSON embedded in a page and the offset in the page where it starts."""
    found = _MAP_BLOCK.search(text)
    return (found.group(1), found.start(1)) if found else None


def _quote_spans(argument_map: ArgumentMap) -> dict[str, list[tuple[int, int]]]:
    """Where each statement's quote is in its source's text, by statement id.

    Offsets count UTF-16 code units, as the page's script indexes strings.
    """
    found: dict[str, list[tuple[int, int]]] = {}
    texts = {source.id: source.text for source in argument_map.sources if source.text}
    # Where the characters beyond U+FFFF are in each text: each counts twice in UTF-16.
    wide = {sid: [i for i, c in enumerate(text) if ord(c) > 0xFFFF] for sid, text in texts.items()}
    for statement in argument_map.statements:
        attribution = statement.attribution
        if attribution is None or attribution.source not in texts:
            continue
        check = check_quote(argument_map, attribution, closest=False)
        if check.status is QuoteStatus.FOUND and check.match is not None:
            before = wide[attribution.source]
            found[statement.id] = [
                (s + bisect_left(before, s), e + bisect_left(before, e))
                for s, e in check.match.spans
            ]
    return found


def _policy(script: str) -> str:
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return (
        f"default-src 'none'; script-src 'sha256-{digest}'; style-src 'unsafe-inline';"
        " base-uri 'none'; form-action 'none'"
    )


def _inline_svg(svg: str) -> str:
    """The SVG element alone: no XML prologue, doctype or comments (HTML needs none)."""
    start = _SVG_START.search(svg)
    if start is None:
        raise ValueError("the drawing is not SVG")
    return _COMMENT.sub("", svg[start.start() :]).strip()


def _json_block(value: object) -> str:
    """JSON that cannot end its ``<script>`` block: ``<`` only ever appears as ``\\u003c``.

    In JSON ``<`` occurs only inside strings, where the escape means the same.
    """
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
