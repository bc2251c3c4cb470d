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
from argmap.jsonpos import line_column
from argmap.render.page import MAP_BLOCK_ID, map_block_of_page, map_text_of_page

__all__ = ["HTML_PAGE"]


class HtmlPageFormat:
    name = "html"
    title = "argmap HTML page"
    extensions = (".html", ".htm")
    write = None  # pages are drawn by ``argmap export``, which needs Graphviz

    def read(self, text: str, source: str | None = None) -> ReadResult:
        block = map_block_of_page(text)
        if block is None:
            message = (
                "this page holds no argmap map (no <script> block with the id"
                f" {MAP_BLOCK_ID!r}; only pages argmap exported can be read back)"
            )
            raise MapFileError(source, [Problem("", message)])
        embedded, offset = block
        try:
            return ReadResult(loads_map(embedded, source))
        except MapFileError as error:
            start = line_column(text, offset)
            problems = [_in_page(problem, start) for problem in error.problems]
            raise MapFileError(error.file, problems) from None

    def sniff(self, text: str) -> bool:
        return map_text_of_page(text) is not None


def _in_page(problem: Problem, start: tuple[int, int]) -> Problem:
    """A problem of the embedded map, its line and column counted in the page around it."""
    if problem.line is None:
        return problem
    start_line, start_column = start
    column = problem.column
    if column is not None and problem.line == 1:  # on the line where the map starts
        column += start_column - 1
    return problem._replace(line=start_line + problem.line - 1, column=column)


HTML_PAGE = HtmlPageFormat()
