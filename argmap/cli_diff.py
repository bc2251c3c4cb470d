"""``argmap diff OLD NEW``: what changed between two maps, by element id.

Exit codes follow ``diff``: 0 when the maps are equal, 1 when they differ,
2 when a file cannot be read. Any readable format works, and an empty file
(or ``/dev/null``) is an empty map, so a map that was added or deleted
compares too.

Given the arguments git passes to an external diff (``git config
diff.argmap.command "argmap diff"``: seven, or nine for a renamed file), it
compares the old and new file git names, prints the path above the changes,
and exits 0 whether or not they differ, since git treats any other status as
a failure and stops. For the same reason a revision it cannot read as a map
(a file committed with conflict markers) is said so in the output, followed
by the two files compared line by line."""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from argmap.cli import EXIT_OK, _from_option, _load
from argmap.errors import ArgmapError

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = ["add_parser", "load_or_empty"]

EXIT_DIFFERENT, EXIT_TROUBLE = 1, 2
# path old-file old-hex old-mode new-file new-hex new-mode [new-path rename-information]
_GIT_ARGUMENTS, _GIT_RENAME_ARGUMENTS = 7, 9


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(
        "diff",
        help="compare two maps element by element",
        description=(
            "Compare two maps by element id: statements and relations added, removed,"
            " changed (word by word), moved between groups, re-pointed. Exit status 0 if"
            " equal, 1 if different, 2 on trouble."
        ),
    )
    parser.add_argument(
        "files", nargs="+", metavar="FILE", help="OLD NEW (or the 7 or 9 arguments git passes)"
    )
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="text (default) or json"
    )
    _from_option(parser, "the input format of both files")
    parser.set_defaults(run=run, trouble=EXIT_TROUBLE)  # also when the output cannot be written


def load_or_empty(file: str, from_format: str | None) -> ArgumentMap:
    """The map in a file; an empty file (git's side of an added or deleted file) is an empty map."""
    from argmap.model import ArgumentMap

    path = Path(file)
    if file == "/dev/null" or (path.is_file() and path.stat().st_size == 0):
        return ArgumentMap()
    return _load(file, from_format, quiet=True)


def run(options: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from argmap.mapdiff import diff_maps, render_text, to_json

    files: list[str] = options.files
    header = None  # set when git runs us: then every outcome is exit status 0
    labels = ("a", "b")
    if len(files) in (_GIT_ARGUMENTS, _GIT_RENAME_ARGUMENTS):
        old_path = new_path = files[0]
        moved = ""  # git's own lines: "similarity index 90%", "rename from …" or "copy from …"
        if len(files) == _GIT_RENAME_ARGUMENTS:
            new_path, moved = files[7], files[8].strip()
        labels = (f"a/{old_path}", f"b/{new_path}")
        header = f"argmap diff {labels[0]} {labels[1]}"
        if new_path != old_path:
            header += "\n" + (moved or f"rename from {old_path}\nrename to {new_path}")
        files = [files[1], files[4]]
    elif len(files) != 2:
        parser.error("give two files, OLD and NEW")
    try:
        old, new = (load_or_empty(file, options.from_format) for file in files)
    except (ArgmapError, ValueError) as error:
        if header is None:
            print(f"argmap: {error}", file=sys.stderr)
            return EXIT_TROUBLE
        print(header)
        message = str(error)
        for temporary, label in zip(files, labels, strict=True):  # git's copies: name the map
            message = message.replace(temporary, label)
        print(f"argmap: {message}; the files compared line by line:")
        sys.stdout.writelines(_line_diff(files, labels))
        return EXIT_OK
    changes = diff_maps(old, new)
    if options.format == "json":
        print(json.dumps(to_json(changes), ensure_ascii=False, indent=2))
    elif changes or (header is not None and "\n" in header):
        if header is not None:
            print(header)
        if changes:
            print(render_text(changes))
    if header is not None:
        return EXIT_OK
    return EXIT_DIFFERENT if changes else EXIT_OK


def _line_diff(files: list[str], labels: tuple[str, str]) -> list[str]:
    """The two files as a unified diff of lines, for when they cannot be compared as maps."""
    texts = []
    for file in files:
        try:
            texts.append(Path(file).read_bytes().decode("utf-8", errors="replace"))
        except OSError:
            texts.append("")
    lines = difflib.unified_diff(
        texts[0].splitlines(keepends=True), texts[1].splitlines(keepends=True), *labels
    )
    return [line if line.endswith("\n") else line + "\n" for line in lines]
