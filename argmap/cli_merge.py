"""``argmap merge BASE OURS THEIRS -o OUT``: a three-way merge of maps by element id.

Works as a git merge driver::

    git config merge.argmap.driver "argmap merge %O %A %B -o %A --path %P"

git merges temporary copies, so ``--path`` gives the map's own path to name
in messages (without it, as in older driver lines, the output file is named).

Exit codes: 0 merged cleanly; 1 merged with conflicts (each is listed on
stderr and recorded in the merged map, which is written all the same and
always valid); 2 when a file cannot be read or written. An empty file is an
empty map, as git passes for a file both sides added.

When a version cannot be read and OUT is OURS (as for git), OUT is given
both versions between conflict markers, as git does for text it cannot
merge: left as ours alone, it would look merged, and their changes would be
lost at the next ``git add``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from argmap.atomic import same_file, write_failure
from argmap.cli import EXIT_OK, _from_option
from argmap.cli_diff import load_or_empty
from argmap.errors import ArgmapError

__all__ = ["add_parser"]

EXIT_CONFLICTS, EXIT_TROUBLE = 1, 2


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(
        "merge",
        help="merge two maps changed from one base",
        description=(
            "Three-way merge by element id: changes on one side are taken, changes on both"
            " sides combine; the same field changed differently, or an element deleted on one"
            " side and changed on the other, is a conflict: ours is kept, the conflict is"
            " tagged 'merge-conflict' and noted in the map, and the exit status is 1."
        ),
    )
    parser.add_argument("base", metavar="BASE", help="the common ancestor")
    parser.add_argument("ours", metavar="OURS", help="our version (kept in conflicts)")
    parser.add_argument("theirs", metavar="THEIRS", help="their version")
    parser.add_argument(
        "-o", "--output", required=True, metavar="OUT", help="the merged map (may be OURS)"
    )
    _from_option(parser, "the input format of all three")
    parser.add_argument(
        "--path",
        metavar="NAME",
        help="the map's name in messages (git's %%P, as OUT is a temporary copy)",
    )
    parser.set_defaults(run=run)


def run(options: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from argmap.files import dumps_map, write_atomically
    from argmap.formats import formats_for_path, loss_warnings
    from argmap.mapmerge import merge_maps

    named = formats_for_path(options.output)  # none: git's temporary copy, written as .argmap
    writers = [f for f in named if getattr(f, "write", None)]
    if named and not writers:  # a page: JSON under its name could not be read back
        parser.error(
            f"{options.output}: argmap does not write the {named[0].title} format;"
            " give OUT the extension of one it writes (.argmap, say)"
        )
    try:
        base, ours, theirs = (
            load_or_empty(file, options.from_format)
            for file in (options.base, options.ours, options.theirs)
        )
    except (ArgmapError, ValueError) as error:
        print(f"argmap: {error}", file=sys.stderr)
        if same_file(options.output, options.ours):
            _mark_whole_file_conflict(options)
        return EXIT_TROUBLE
    result = merge_maps(base, ours, theirs)
    text = writers[0].write(result.map) if writers else dumps_map(result.map)
    try:
        write_atomically(options.output, text.encode("utf-8"))
    except OSError as error:
        reason = write_failure(options.output, error)
        print(f"argmap: {options.output}: could not write: {reason}", file=sys.stderr)
        return EXIT_TROUBLE
    for loss in loss_warnings(result.map, writers[0].name) if writers else []:
        print(loss.located(options.path or options.output), file=sys.stderr)
    for conflict in result.conflicts:
        print(f"argmap: conflict: {conflict.describe()}", file=sys.stderr)
    if result.conflicts:
        count = len(result.conflicts)
        print(
            f"argmap: {options.path or options.output}: merged with {count} conflict"
            f"{'s' if count != 1 else ''},"
            " tagged 'merge-conflict' in the map",
            file=sys.stderr,
        )
        return EXIT_CONFLICTS
    return EXIT_OK


def _mark_whole_file_conflict(options: argparse.Namespace) -> None:
    """Both versions in OUT between git's conflict markers, each as it was written."""
    from argmap.files import write_atomically

    name = options.path or options.ours
    try:
        ours, theirs = (Path(file).read_bytes() for file in (options.ours, options.theirs))
        text = b"".join(
            [
                f"<<<<<<< ours: {name}\n".encode(),
                ours if ours.endswith(b"\n") or not ours else ours + b"\n",
                b"=======\n",
                theirs if theirs.endswith(b"\n") or not theirs else theirs + b"\n",
                b">>>>>>> theirs\n",
            ]
        )
        write_atomically(options.output, text)
    except OSError as error:
        reason = write_failure(options.output, error)
        print(f"argmap: {options.output}: could not write: {reason}", file=sys.stderr)
        return
    print(
        f"argmap: {name}: not merged; both versions are left in it between conflict markers",
        file=sys.stderr,
    )
