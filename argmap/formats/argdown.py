"""Argdown (``.argdown``, ``.ad``): the plain-text argument syntax of argdown.org, read and written.

Reading maps Argdown's model onto argmap's, and says where it cannot:

* ``[Title]: text`` defines a statement; every later ``[Title]`` is the same
  statement (one node). Text without a title is a statement of its own.
* ``<Title>: text`` is an argument. argmap has no argument nodes, so an
  argument *without* a premise–conclusion structure becomes a statement
  (title and description intact). An argument *with* one becomes its premises
  and conclusion, each inference step one linked support relation; the last
  relation takes the argument's title as its id, and the title and
  description are kept in the conclusion's note (with a warning), since a
  relation has no title. Relations from such an argument start at its main
  conclusion; relations to it (undercuts) aim at its last inference.
* ``+``, ``-``, ``<+``, ``<-``, ``+>``, ``->``, ``_``/``<_``, ``_>`` and ``><``
  by indentation give supports and attacks; undercuts become attacks on a
  relation (under a conclusion: on the inference leading to it);
  contradictions and attacks on arguments are reported, as their meaning
  narrows. Indentation follows Argdown's reference parser, tabs included.
* ``(1) … ----`` and ``--`` / ``rule {uses: [1, 2]}`` / ``--`` give the
  inference steps; rule names go to the conclusion's note, with a warning.
  ``uses`` names a step's premises; as in Argdown's own model it may also be
  the conclusion's metadata (``(7) text {uses: [3, 6]}``).
* A file with no statements at all reads as an empty map, with a warning.
* ``#tag`` and ``#(long tag)`` are tags (the ones ending the text are taken
  out of it; ones inside it stay as written).
* Formatting becomes plain text, as argmap shows it (see
  :mod:`argdown_markup`): bold and italic marks are removed, code keeps its
  text, a link ``[text](url)`` becomes its text, a mention ``@[Title]`` or
  ``@<Title>`` the title, and shortcodes (``:heart:``, ``.->.``, and those the
  frontmatter's ``model: shortcodes:`` adds) their symbols. Each kind gives one
  warning per file, with the number of places and the line of the first.
  Titles and metadata values stay as written; a backslash keeps a character
  literal.
* ``{…}`` metadata: ``speaker``, ``source``, ``quote`` and ``date`` are the
  attribution (an unknown source becomes a new entry in the map's sources);
  ``id``, ``title``, ``text``, ``note``, ``acceptance`` and ``tags`` are the
  statement's own fields (that is how a written map comes back unchanged);
  any other key stays in the note and is reported.
* ``#`` headings are groups, nested headings nested groups (``{isGroup: false}``
  headings are not); a statement belongs to the heading it is defined under.
* ``===`` frontmatter: ``title``, ``author``, ``description`` (or ``subTitle``),
  ``created``/``date`` (if ISO), ``modified`` and ``sources``; other settings
  (Argdown's display and model options) are reported and not imported.
* Comments are left out (one warning lists them); ``@include`` is not followed.

Argdown differs from argmap's own model; what the reference parser rejects
but means something clear (a missing blank line, a relation after a blank
line, an argument title in a premise–conclusion structure) is read, with a
warning.

Writing is described in :mod:`argdown_writer`. Ids travel as ``{id: …}``
metadata where they differ from the title, and relations written as arguments
keep theirs as the argument's title; what a written map cannot carry are the
ids of relations written as plain ``+``/``-`` lines (they come back named by
what they connect, ``b-supports-a``, so they stay put when lines are added or
moved, and diff and merge match them up), the layout (positions, direction,
theme), and the order of statements and relations: reading takes them in the
order of the file, which is written as trees. Each statement's first relation,
which decides its role, is written before its others, so roles come back as
they were.

Anything unreadable raises MapFileError with line and column; doubtful input
gives warnings. The reader runs in linear time and never recurses on the
input's structure, so hostile files fail fast instead of hanging.
"""

from __future__ import annotations

import re

from argmap.formats.argdown_build import read_argdown
from argmap.formats.argdown_writer import write_argdown
from argmap.formats.base import ReadResult
from argmap.model import ArgumentMap

__all__ = ["ARGDOWN", "ArgdownFormat"]

_LOOKS_LIKE = re.compile(
    r"^(?:\[[^\]\n]+\]:|<[^>\n]+>:"  # a statement or argument defined
    # a relation to a title
    r"|[ \t]+(?:<?[+-]|[+-]>|<_|_>|><)[ \t]*(?:\[[^\]\n]+\](?!\()|<[^>\n]+>)"
    r"|\([0-9]+\)[ \t].*\n(?:.*\n)*?-{2,})",  # numbered premises, then an inference line
    re.MULTILINE,
)


class ArgdownFormat:
    """The Argdown format object the registry in :mod:`argmap.formats` lists."""

    name = "argdown"
    title = "Argdown"
    extensions = (".argdown", ".ad")

    def read(self, text: str, source: str | None = None) -> ReadResult:
        return read_argdown(text, source)

    def write(self, argument_map: ArgumentMap) -> str:
        return write_argdown(argument_map)

    def sniff(self, text: str) -> bool:
        """Titles with a colon, indented relations, or numbered premises and ``--``."""
        head = text[:4000]
        return not head.lstrip().startswith(("{", "<?xml")) and bool(_LOOKS_LIKE.search(head))


ARGDOWN = ArgdownFormat()
