"""AIF JSON (Argument Interchange Format), as AIFdb, OVA and AraucariaDB write it.

An AIF file is a graph: ``nodes`` (``nodeID``, ``text``, ``type``) joined by
``edges`` (``fromID`` → ``toID``), optionally wrapped in ``{"AIF": …}`` (OVA3).
How argmap reads it:

* **I** nodes (propositions) are statements; the node id becomes the statement
  id (characters an argmap id cannot hold become ``-``; clashes get ``-2``;
  each renaming is a warning naming the original).
* **RA** nodes (inferences) are support relations: the I nodes with an edge
  into the RA are its premises (several are linked co-premises), the node its
  edge leads to is the conclusion. **CA** nodes (conflicts) are attacks the
  same way. When the conclusion is an RA or CA node the relation targets that
  relation: an undercut (an attack on an attack's inference is one too). A
  node with several conclusions gives one relation per conclusion (``ra``,
  ``ra-2``, …), while the copied premises stay fewer than the file's edges;
  past that, the further conclusions are note lines.
* **MA** nodes (rephrase) become support relations, with a warning.
* The scheme of an RA/CA/MA node (its ``text`` or ``scheme``, e.g. ``Argument
  From Expert Opinion``; the defaults ``RA``, ``Default Inference`` … are not
  schemes) has no place in an argmap relation, so it is kept as one line of the
  note of the statement the relation bears on, ``AIF RA scheme of relation
  1052: Argument From Expert Opinion``, with a warning. The writer turns such
  lines back into the node's text.
* **PA** nodes (preferences), nodes of unknown type, and RA/CA nodes without a
  premise or a conclusion are kept as a note line on the statements they link
  (``AIF PA node 88 'Default Preference': from a to b``), or in the map's
  description when they link none, each with a warning naming the node.
* The dialogue layer: an L node (locution) anchored to a statement by a YA
  node (L → YA → I) gives the statement's attribution: the speaker is the
  locution's participant (``locutions``/``participants``) or the name before
  ``:`` in its text (``"Bob: …"``, ``"CL : …"``, AraucariaDB's ``"Bob says
  '…'"``); words that differ from the statement become the quote, the
  locution's ``start`` the date; an illocution other than asserting
  (``Pure Questioning``) becomes a tag. An L → YA → RA/CA gives the relation's
  speaker. An L node used directly as premise or conclusion is read as a
  statement. TA nodes (transitions), the analyst's repeated locutions and
  unused YA nodes are listed in one warning per type; locutions that anchor
  nothing keep their words in the description.
* The ``OVA`` block's x/y (numbers or numeric strings) are the statements'
  pinned positions; its analyst's name is the map's author; OVA's analysed
  ``text`` (HTML) becomes the description as plain text; node timestamps give
  the map's created/modified dates (one warning).
* Broken JSON is a :class:`~argmap.errors.MapFileError` with line and column;
  everything else that cannot be used (a node that is not an object, an edge
  to a missing node, a self-loop, a key given twice) is a warning with the
  line where known, never a crash. Warnings of one kind stop after a hundred
  with a count, and every step is linear in the size of the file.

How argmap writes it (the layout of AIFdb's JSON exports):
statements are I nodes, relations RA or CA nodes with edges premise → RA →
conclusion (undercuts: CA → RA/CA node), node ids are the argmap ids; a
statement's speaker is a participant with an L node ``"Speaker: words"``
anchored by a YA ``Asserting`` node and a ``locutions`` entry; pinned
positions go in an ``OVA`` block. Whatever AIF cannot say (titles, tags,
notes, acceptance, exact attributions, who draws an inference, sources,
groups, map metadata) goes in
a top-level ``"argmap"`` object that other readers ignore (see
:mod:`argmap.formats.aif_extras`), so argmap → AIF → argmap loses nothing.
"""

from __future__ import annotations

import json

from argmap.formats.aif_read import read_aif
from argmap.formats.aif_write import write_aif
from argmap.formats.base import ReadResult
from argmap.model import ArgumentMap

__all__ = ["AIF"]

_SNIFF_PARSE_LIMIT = 4 * 1024 * 1024  # bigger files are judged by their first bytes only


class AifFormat:
    """AIF JSON: read and write (see the module docstring for the mapping)."""

    name = "aif"
    title = "AIF JSON (AIFdb, OVA)"
    extensions = (".aif.json", ".json")

    def read(self, text: str, source: str | None = None) -> ReadResult:
        return read_aif(text, source)

    def write(self, argument_map: ArgumentMap) -> str:
        return write_aif(argument_map)

    def sniff(self, text: str) -> bool:
        """An object with ``nodes`` and ``edges`` lists, or such an object under ``"AIF"``."""
        stripped = text.lstrip("\ufeff \t\r\n")
        if not stripped.startswith("{"):
            return False
        if len(stripped) > _SNIFF_PARSE_LIMIT:
            head = stripped[:65536]
            return '"nodeID"' in head and ('"nodes"' in head or '"AIF"' in head)
        try:
            data = json.loads(stripped)
        except (ValueError, RecursionError):
            return False
        if isinstance(data, dict) and "nodes" not in data and isinstance(data.get("AIF"), dict):
            data = data["AIF"]
        return (
            isinstance(data, dict)
            and isinstance(data.get("nodes"), list)
            and isinstance(data.get("edges"), list)
        )


AIF = AifFormat()
