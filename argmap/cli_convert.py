"""``argmap convert``: a map from one format to another, saying what could not be carried over.

What reading could not carry over and what the output format cannot hold are both
warnings on stderr, every time; ``--strict`` turns either into a failure before anything
is written.

Listing the formats in the help imports every reader and writer, which only
this command needs.
"""

from __future__ import annotations

import argparse
import sys

from argmap.atomic import is_standard_output, same_file, write_failure
from argmap.cli import EXIT_INVALID, EXIT_OK, _fail, _from_option, write_stdout
from argmap.errors import ArgmapError

__all__ = ["add_parser"]


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    convert = commands.add_parser(
        "convert",
        help="convert between map formats",
        description=(
            "Convert a map between formats; the formats come from the file names unless given."
        ),
        epilog=_format_list(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    convert.add_argument("input", metavar="IN", help="the map to read")
    convert.add_argument("output", metavar="OUT", help="the file to write ('-' for stdout)")
    _from_option(convert)
    convert.add_argument("--to", dest="to_format", metavar="FORMAT", help="the format to write")
    convert.add_argument(
        "--strict",
        action="store_true",
        help=(
            "fail (exit 1) and write nothing if anything could not be carried over exactly,"
            " in reading or in writing"
        ),
    )
    convert.set_defaults(run=_convert)


def _format_list() -> str:
    from argmap.formats import all_formats

    lines = ["formats:"]
    for fmt in all_formats():
        directions = "/".join(
            d
            for d, ok in (
                ("read", getattr(fmt, "read", None)),
                ("write", getattr(fmt, "write", None)),
            )
            if ok
        )
        lines.append(f"  {fmt.name:<10}{' '.join(fmt.extensions):<22}{fmt.title} ({directions})")
    return "\n".join(lines)


def _convert(options: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from argmap.files import write_atomically
    from argmap.formats import (
        format_by_name,
        formats_for_path,
        read_any,
        write_any,
        write_warnings,
    )

    try:
        if options.to_format:
            if format_by_name(options.to_format).name == "html":
                parser.error(_html_is_exported(options))
        elif options.output == "-":
            parser.error("writing to stdout ('-') needs --to")
        elif not [f for f in formats_for_path(options.output) if getattr(f, "write", None)]:
            if any(f.name == "html" for f in formats_for_path(options.output)):
                parser.error(_html_is_exported(options))
            parser.error(
                f"cannot tell the format of {options.output!r} from its name; give it with --to"
            )
    except ValueError as error:
        parser.error(str(error))
    if options.output != "-" and same_file(options.output, options.input):
        parser.error(f"{options.output} is the map being read: write the converted map elsewhere")
    try:
        result = read_any(options.input, options.from_format)
    except ArgmapError as error:
        return _fail(error)
    for problem in result.warnings:
        print(problem.located(options.input), file=sys.stderr)
    target = options.output if options.output != "-" else "standard output"
    try:
        losses = write_warnings(result.map, options.output, options.to_format)
    except ValueError as error:
        return _fail(error)
    for problem in losses:
        print(problem.located(target), file=sys.stderr)
    if options.strict and (result.warnings or losses):
        print(
            _strict_failure(options.input, len(result.warnings), target, len(losses)),
            file=sys.stderr,
        )
        return EXIT_INVALID
    try:
        text = write_any(
            result.map, options.output if options.output != "-" else "", options.to_format
        )
        if options.output == "-":
            write_stdout(text.encode("utf-8"))
            return EXIT_OK
        said = sys.stderr if is_standard_output(options.output) else sys.stdout  # not into the map
        write_atomically(options.output, text.encode("utf-8"))
    except ValueError as error:
        return _fail(error)
    except OSError as error:
        reason = write_failure(options.output, error)
        print(f"argmap: could not write to {target}: {reason}", file=sys.stderr)
        return EXIT_INVALID
    print(f"{options.input} -> {options.output}", file=said)
    return EXIT_OK


def _strict_failure(source: str, read_count: int, target: str, write_count: int) -> str:
    """Why --strict wrote nothing: what reading and what writing could not carry over."""
    parts = []
    if read_count:
        things = f"construct{'s' if read_count != 1 else ''}"
        parts.append(f"{source}: {read_count} {things} could not be read exactly")
    if write_count:
        kinds = f"kind{'s' if write_count != 1 else ''} of content"
        parts.append(f"{target}: {write_count} {kinds} would be left out or changed")
    return f"argmap: {'; '.join(parts)}; nothing written (--strict)"


def _html_is_exported(options: argparse.Namespace) -> str:
    """Why convert writes no HTML page, and the command that does (it draws the map)."""
    import shlex

    out = options.output if options.output != "-" else "map.html"
    return (
        "an HTML page is a drawing of the map, made by export, not convert:"
        f" argmap export {shlex.quote(options.input)} -o {shlex.quote(out)}"
    )
