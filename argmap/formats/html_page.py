"""A page written by ``argmap export -f html``, read back as the map it carries.

The page embeds the map as ``.argmap`` JSON (see :mod:`argmap.render.page`);
reading takes that block and nothing else, so a page read back is the map
that was exported, whatever the drawing around it. Pages are written by the
export, not here: this format is read-only.
"""

from __future__ import annotations

from argmap.errors import MapFileError, Problem
from argmap.files import loads_map
from argmap.formats.base import ReadResult
from argmap.render.page import MAP_BLOCK_ID, map_text_of_page

__all__ = ["HTML_PAGE"]


class HtmlPageFormat:
    name = "html"
    title = "argmap HTML page"
    extensions = (".html", ".htm")
    write = None  # pages are drawn by ``argmap export``, which needs Graphviz

    def read(self, text: str, source: str | None = None) -> ReadResult:
        embedded = map_text_of_page(text)
        if embedded is None:
            message = (
                "this page holds no argmap map (no <script> block with the id"
                f" {MAP_BLOCK_ID!r}; only pages argmap exported can be read back)"
            )
            raise MapFileError(source, [Problem("", message)])
        return ReadResult(loads_map(embedded, source))

    def sniff(self, text: str) -> bool:
        return map_text_of_page(text) is not None


HTML_PAGE = HtmlPageFormat()
