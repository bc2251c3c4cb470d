"""``argmap source add``: put a document's text into a map, as a new source or an existing one.

``argmap source add MAP FILE`` reads FILE (text, Markdown, HTML or PDF; see
:mod:`argmap.sourcetext.extract`) and adds a source holding its text, with
the title, author and date the file gives unless given on the command line.
With ``--id`` of a source the map has, that source's text is set (replaced,
if it had one) and the fields given on the command line are changed; its
other fields stay. The map is saved in place (atomically, the previous file
kept as ``MAP~``), and the quotes that cite the source are checked at once.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from argmap.cli import EXIT_OK, _fail
from argmap.errors import ArgmapError
from argmap.model import ID_PATTERN, ArgumentMap, Source

__all__ = ["add_parser", "add_source_text"]

FIELDS = ("title", "author", "publisher", "date", "url")


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    source = commands.add_parser(
        "source",
        help="add a source's text to a map",
        description="Work with a map's sources.",
    )
    actions = source.add_subparsers(dest="action", required=True)
    add = actions.add_parser(
        "add",
        help="add a document's text as a source",
        description=(
            "Read FILE (.txt, .md, .html, .pdf) and add its text to MAP as a new source, or,"
            " with --id of an existing source, set that source's text. The map is saved in"
            " place and the quotes citing the source are checked."
        ),
    )
    add.add_argument("map", metavar="MAP", help="an .argmap file")
    add.add_argument("file", metavar="FILE", help="the document: text, Markdown, HTML or PDF")
    add.add_argument("--id", dest="source_id", metavar="ID", help="the source's id")
    for name in FIELDS:
        add.add_argument(f"--{name}", metavar=name.upper(), help=f"the source's {name}")
    add.set_defaults(run=_add)


def add_source_text(
    argument_map: ArgumentMap,
    text: str,
    source_id: str | None = None,
    **fields: str | None,
) -> tuple[ArgumentMap, Source, bool]:
    """The map with the text in a source: ``(map, source, whether it was new)``.

    An existing ``source_id`` gets the text and the given fields (None
    fields are left as they are); otherwise a new source is added, its id
    ``source_id`` or one made from its title.
    """
    given = {name: value for name, value in fields.items() if value}
    sources = list(argument_map.sources)
    for index, source in enumerate(sources):
        if source.id == source_id:
            changed = Source.model_validate(
                {**source.model_dump(exclude_none=True), **given, "text": text}
            )
            sources[index] = changed
            return argument_map.model_copy(update={"sources": sources}), changed, False
    taken = {s.id for s in sources}
    new_id = source_id or _id_from(given.get("title") or "source", taken)
    added = Source.model_validate({"id": new_id, "title": "Untitled", **given, "text": text})
    return argument_map.model_copy(update={"sources": [*sources, added]}), added, True


def _id_from(title: str, taken: set[str]) -> str:
    """A short id from a title's first words: ``us-discussing-mutual``, numbered if taken."""
    words = re.findall(r"[A-Za-z0-9]+", title.lower())[:3] or ["source"]
    base = "-".join(words)[:40]
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def _add(options: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from argmap.files import load_map, save_map
    from argmap.sourcetext.extract import extract_file

    if not options.map.lower().endswith(".argmap"):
        parser.error(f"MAP must be an .argmap file, not {options.map!r}")
    if options.source_id is not None and not re.fullmatch(ID_PATTERN, options.source_id):
        parser.error(f"--id {options.source_id!r}: use letters, digits, '_', '.', '-'")
    try:
        argument_map = load_map(options.map)
        extracted = extract_file(options.file)
        fields = {name: getattr(options, name) for name in FIELDS}
        existing = any(s.id == options.source_id for s in argument_map.sources)
        if not existing:  # a new source: what the file says of itself fills the gaps
            fields["title"] = fields["title"] or extracted.title or Path(options.file).stem
            for name in ("author", "date", "url"):
                fields[name] = fields[name] or getattr(extracted, name)
        argument_map, source, new = add_source_text(
            argument_map, extracted.text, options.source_id, **fields
        )
        saved = save_map(argument_map, options.map)
    except (ArgmapError, ValueError) as error:
        return _fail(error)
    for warning in saved.warnings:
        print(f"argmap: {warning}", file=sys.stderr)
    what = "added source" if new else "set the text of source"
    print(f"{options.map}: {what} {source.id!r} ({len(extracted.text):,} characters)")
    _report_quotes(options.map, argument_map, source.id)
    return EXIT_OK


def _report_quotes(file: str, argument_map: ArgumentMap, source_id: str) -> None:
    """Check the quotes that cite the source: a warning for each one not in its text."""
    from argmap.sourcetext.check import QuoteStatus, check_quote

    checked = found = 0
    for kind, elements in (
        ("statement", argument_map.statements),
        ("relation", argument_map.relations),
    ):
        for element in elements:
            attribution = element.attribution
            if attribution is None or attribution.source != source_id or not attribution.quote:
                continue
            check = check_quote(argument_map, attribution)
            checked += 1
            if check.status is QuoteStatus.FOUND:
                found += 1
            else:
                print(f"{file}: warning: {kind} {element.id!r}: {check.describe()}")
    if checked:
        print(f"{file}: {found} of {checked} quotes citing {source_id!r} found in its text")
