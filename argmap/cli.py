"""The ``argmap`` command: open the editor, or export, validate and describe maps.

Exit codes: 0 success, 1 invalid input (a map, a Graphviz failure), 2 usage.
User errors are one-line messages naming the file and the place, never
tracebacks. Qt is imported only to open the editor or to draw a PDF without
a system Graphviz, so ``argmap export`` starts fast.
"""

from __future__ import annotations

import argparse
import errno
import importlib
import math
import os
import sys
from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from argmap import __version__
from argmap.collector import collector_paused
from argmap.errors import ArgmapError
from argmap.own_process import end_process, no_plugins_in_own_process, unwind_when_ended

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = ["main"]

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
MAX_TIMEOUT = 86_400.0  # a day: longer waits overflow the system's timers
# Subcommands that live in their own modules, each with ``add_parser(commands)``;
# only the module of the command being run is imported, so startup stays fast.
COMMAND_MODULES: dict[str, str] = {
    "convert": "argmap.cli_convert",
    "validate": "argmap.cli_validate",
    "evaluate": "argmap.cli_evaluate",
    "diff": "argmap.cli_diff",
    "merge": "argmap.cli_merge",
    "source": "argmap.cli_source",
}
COMMANDS = ("export", "info", *COMMAND_MODULES)
_SUFFIX = {
    "dot": ".dot",
    "svg": ".svg",
    "png": ".png",
    "pdf": ".pdf",
    "json": ".json",
    "html": ".html",
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script and of ``python -m argmap`` (``argv`` None: sys.argv)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if argv is None:  # argmap's own process: no third-party pydantic plugins to look for
        no_plugins_in_own_process()
    try:
        if args and args[0] in COMMANDS:
            if argv is None:  # a request to end removes what the command was writing
                unwind_when_ended()
            with collector_paused():  # a command makes many objects and no cycles
                parser = _command_parser(args[0])
                options = parser.parse_args(args)
                status = _run(options, _parser_of(parser, options))
                if argv is None:  # before the collector wakes to a pass over all of them
                    end_process(status)
            return status
        return _open_editor(_editor_parser().parse_args(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (argmap info MAP | head): stop quietly
        with suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing to flush
        return 1
    except SystemExit as exit_:  # argparse: --help is 0, bad usage is 2
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE


def _run(options: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """The command, its output delivered: output that cannot be written is a message.

    Standard output is flushed here, where a full disk is still reported,
    rather than at exit. The commands report their own files' errors, naming
    them; what reaches this point is standard output, unless a command missed one.
    """
    try:
        status: int = options.run(options, parser)
        if sys.stdout is not None:
            sys.stdout.flush()
    except BrokenPipeError:
        raise  # the reader went away: not an error of ours (see main)
    except OSError as error:
        where = error.filename or "standard output"
        print(f"argmap: could not write to {where}: {error.strerror or error}", file=sys.stderr)
        return int(getattr(options, "trouble", EXIT_INVALID))
    return status


def write_stdout(data: bytes) -> None:
    """A command's product (a drawing, a converted map) on standard output, after what was printed.

    An OSError if it cannot be written, also when the process was started
    with standard output closed (Python then has no ``sys.stdout``).
    """
    if sys.stdout is None:
        raise OSError(errno.EBADF, "it is closed")
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


# -- parsers ---------------------------------------------------------------


def _editor_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="argmap",
        description="Map a debate: claims, reasons, objections and who said them.",
        epilog=(
            "commands:\n"
            "  argmap export FILE... (-o OUT | --outdir DIR)   "
            "draw maps as DOT, SVG, PNG, PDF, JSON, HTML\n"
            "  argmap validate FILE...                        "
            "check maps, report errors and warnings\n"
            "  argmap info FILE                               "
            "counts and main claims\n"
            "  argmap convert IN OUT [--strict]               "
            "Argdown, AIF, Kialo, Markdown, .argmap\n"
            "  argmap evaluate FILE [--format text|json]      "
            "label statements in, out or undecided\n"
            "  argmap diff OLD NEW [--format json]            "
            "what changed, by element\n"
            "  argmap merge BASE OURS THEIRS -o OUT           "
            "three-way merge (a git merge driver)\n"
            "  argmap source add MAP FILE [--id ID]           "
            "a document's text as a source\n"
            "run 'argmap COMMAND --help' for a command's options"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", nargs="?", help="a map to open in the editor")
    parser.add_argument("--version", action="version", version=f"argmap {__version__}")
    return parser


def _command_parser(command: str) -> argparse.ArgumentParser:
    """The parsers of export, info and of ``command``, whichever of the others it is."""
    from argmap.render.cards import Cards
    from argmap.render.export import FORMATS, LayoutMode
    from argmap.theme import THEMES

    parser = argparse.ArgumentParser(prog="argmap")
    commands = parser.add_subparsers(dest="command", required=True)

    export = commands.add_parser(
        "export",
        help="draw maps with Graphviz",
        description="Draw maps with Graphviz. The format comes from OUT's extension unless given.",
    )
    export.add_argument("files", nargs="+", metavar="FILE", help="maps to draw")
    target = export.add_mutually_exclusive_group(required=True)
    target.add_argument("-o", "--output", metavar="OUT", help="the file to write ('-' for stdout)")
    target.add_argument("--outdir", metavar="DIR", help="write NAME.FORMAT for each FILE into DIR")
    export.add_argument("-f", "--format", choices=FORMATS, help="dot, svg, png, pdf, json or html")
    export.add_argument(
        "-t", "--theme", choices=sorted(THEMES), help="colour theme (default: the map's)"
    )
    export.add_argument(
        "--layout",
        choices=[mode.value for mode in LayoutMode],
        default=LayoutMode.AUTO.value,
        help=(
            "auto: Graphviz's layered drawing; tree: argmap's tree, as the editor draws it;"
            " pinned: Graphviz's drawing with the cards placed by hand where they are"
        ),
    )
    export.add_argument("--legend", action="store_true", help="add a legend of roles and arrows")
    export.add_argument(
        "--fold",
        action=argparse.BooleanOptionalAction,
        default=True,
        help=(
            "auto layout: fold a map much wider than high towards a landscape page's"
            " proportions, so it prints larger (default: on; --no-fold for one rank per level)"
        ),
    )
    export.add_argument(
        "--cards",
        choices=[style.value for style in Cards],
        default=Cards.FULL.value,
        help=(
            "full: each card's title, text and speaker; titles: its title and speaker only"
            " (a large map then prints readably on one page)"
        ),
    )
    export.add_argument(
        "--pages",
        choices=["a4", "letter"],
        help=(
            "PDF: print on landscape A4 or Letter pages, the drawing as wide as the page"
            " and going on over as many pages as it takes (default: one page, map-sized)"
        ),
    )
    export.add_argument(
        "--evaluate",
        action="store_true",
        help="draw each statement's evaluated label (in, out, undecided) as in 'argmap evaluate'",
    )
    export.add_argument(
        "--dot",
        metavar="PROGRAM",
        help="the Graphviz program (default: $ARGMAP_DOT, dot, graphviz-pure)",
    )
    export.add_argument(
        "--timeout",
        type=_seconds,
        default=120.0,
        metavar="SECONDS",
        help=f"stop Graphviz after this long (default: 120; at most {MAX_TIMEOUT:g})",
    )
    export.add_argument(
        "-v", "--verbose", action="store_true", help="on failure, print all Graphviz wrote"
    )
    _from_option(export)
    export.set_defaults(run=_export)

    info = commands.add_parser(
        "info",
        help="describe a map",
        description="Count a map's elements and name its main claims.",
    )
    info.add_argument("file", metavar="FILE")
    _from_option(info)
    info.set_defaults(run=_info)

    if command in COMMAND_MODULES:
        importlib.import_module(COMMAND_MODULES[command]).add_parser(commands)
    return parser


def _seconds(text: str) -> float:
    """A timeout: a number of seconds above 0, and at most a day (longer overflows timers)."""
    try:
        seconds = float(text)
    except ValueError:
        seconds = math.nan
    if not 0 < seconds <= MAX_TIMEOUT:  # also NaN, for which every comparison is false
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a number of seconds above 0 and at most {MAX_TIMEOUT:g}"
        )
    return seconds


def _parser_of(
    parser: argparse.ArgumentParser, options: argparse.Namespace
) -> argparse.ArgumentParser:
    """The parser of the command being run (``source add``: of ``add``), whose usage line
    the command's own usage errors show."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            chosen = action.choices.get(str(getattr(options, action.dest, "")))
            if chosen is not None:
                return _parser_of(chosen, options)
    return parser


def _from_option(
    parser: argparse.ArgumentParser, help: str = "the input format (default: from the file name)"
) -> None:
    parser.add_argument(
        "--from", dest="from_format", type=_readable_format, metavar="FORMAT", help=help
    )


def _readable_format(name: str) -> str:
    """A format ``--from`` names, if argmap knows and reads it (else a usage error)."""
    from argmap.formats import format_by_name

    try:
        chosen = format_by_name(name)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    if getattr(chosen, "read", None) is None:
        raise argparse.ArgumentTypeError(f"argmap cannot read the {chosen.title} format")
    return name


# -- commands --------------------------------------------------------------


def _fail(error: ArgmapError | ValueError) -> int:
    print(f"argmap: {error}", file=sys.stderr)
    return EXIT_INVALID


def _load(file: str | Path, from_format: str | None = None, *, quiet: bool = False) -> ArgumentMap:
    """A map from any readable format; warnings of other formats go to stderr."""
    if _is_native(file, from_format):
        from argmap.files import load_map

        return load_map(file)  # the fast path, and the native loader's own messages
    from argmap.formats import read_any

    result = read_any(file, from_format)
    if not quiet:
        for problem in result.warnings:
            print(problem.located(file), file=sys.stderr)
    return result.map


def _export(options: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from argmap.atomic import is_standard_output
    from argmap.render.engine import find_engine
    from argmap.render.export import export_map, format_for_path, render_map

    files = [Path(f) for f in options.files]
    for option, name in (("-o", options.output), ("--outdir", options.outdir)):
        if name == "":  # "$OUT" unset: not the current folder
            parser.error(f"{option} was given an empty name")
    if options.output and len(files) > 1:
        parser.error("several FILEs need --outdir, not -o")
    if options.output == "-" and not options.format:
        parser.error("writing to stdout ('-o -') needs --format")
    if options.output and options.output != "-" and not options.format:
        try:
            format_for_path(options.output)
        except ValueError as error:
            parser.error(str(error))
    if options.outdir and not Path(options.outdir).is_dir():
        parser.error(f"--outdir {options.outdir!r} is not a folder")
    named = options.output and options.output != "-" and not options.format
    if options.pages and (format_for_path(options.output) if named else options.format) != "pdf":
        parser.error("--pages is for PDF: use -o FILE.pdf or --format pdf")
    render_options = {
        "theme": options.theme,
        "layout": options.layout,
        "legend": options.legend,
        "evaluate": options.evaluate,
        "fold": options.fold,
        "cards": options.cards,
        "pages": options.pages,
        "timeout": options.timeout,
        "pdf_painter": _pdf_drawn_by_qt,
        "png_painter": _png_drawn_by_qt,
    }
    status = EXIT_OK
    try:
        render_options["engine"] = find_engine(options.dot)
    except ArgmapError as error:
        return _fail(error)
    exports = _exports(files, options)
    _refuse_overwriting([(file, out) for file, out, _ in exports], parser)
    for file, out, output_format in exports:
        try:
            argument_map = _load(file, options.from_format)
            if out is None:
                write_stdout(render_map(argument_map, options.format, **render_options))
                continue
            said = sys.stderr if is_standard_output(out) else sys.stdout  # not into the drawing
            written = export_map(argument_map, out, output_format, **render_options)
            print(f"{file} -> {written}", file=said)
        except (ArgmapError, ValueError) as error:
            named = str(error).startswith(f"{file}:")  # a map's own errors name it first
            print(f"argmap: {error}" if named else f"argmap: {file}: {error}", file=sys.stderr)
            status = EXIT_INVALID
            details = getattr(error, "details", "")
            if options.verbose and details:
                print(details.rstrip(), file=sys.stderr)
    return status


def _exports(
    files: list[Path], options: argparse.Namespace
) -> list[tuple[Path, Path | None, str | None]]:
    """Each FILE with the file it is drawn into (None: standard output) and its format."""
    if options.output == "-":
        return [(file, None, options.format) for file in files]
    if options.outdir:
        output_format = options.format or "svg"
        folder = Path(options.outdir)
        return [
            (file, folder / (file.stem + _SUFFIX[output_format]), output_format) for file in files
        ]
    return [(file, Path(options.output), options.format) for file in files]


def _refuse_overwriting(
    pairs: list[tuple[Path, Path | None]], parser: argparse.ArgumentParser
) -> None:
    """Stop before anything is written over a map being read, or two maps go to one file.

    Either would lose a file without a word: the export replaces what it writes to.
    """
    read: dict[tuple[int, int], Path] = {}  # each input by its file on disk, found once
    for source, _ in pairs:
        with suppress(OSError):
            status = os.stat(source)
            read.setdefault((status.st_dev, status.st_ino), source)
    written_by: dict[str, Path] = {}
    for file, out in pairs:
        if out is None:
            continue
        try:
            status = os.stat(out)
            overwritten = read.get((status.st_dev, status.st_ino))
        except OSError:  # not there yet: it cannot be a map being read
            overwritten = None
        if overwritten is not None:
            named = "" if str(out) == str(overwritten) else f" ({overwritten})"
            parser.error(f"{out} is the map being read{named}: write the export elsewhere")
        key = os.path.normcase(os.path.realpath(out))
        if key in written_by:
            parser.error(
                f"{written_by[key]} and {file} would both be written to {out}:"
                " export them separately, or rename one"
            )
        written_by[key] = file


def _pdf_drawn_by_qt(drawing: dict[str, Any], pages: tuple[float, float] | None = None) -> bytes:
    """A PDF for a Graphviz that cannot write one (graphviz-pure): Qt paints its drawing.

    Qt is imported here, when such a PDF is asked for, and not before: every
    other export starts without it.
    """
    from argmap.render_qt import pdf_from_xdot

    return pdf_from_xdot(drawing, pages)


def _png_drawn_by_qt(drawing: dict[str, Any]) -> bytes:
    """A PNG with letters graphviz-pure's font lacks: Qt paints it (imported only then)."""
    from argmap.render_qt import png_from_xdot

    return png_from_xdot(drawing)


def _is_native(file: str | Path, from_format: str | None) -> bool:
    """Whether the file is read as ``.argmap`` (by ``--from argmap`` or by its name)."""
    by_name = from_format is None and str(file).lower().endswith(".argmap")
    return from_format == "argmap" or by_name


def _info(options: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    try:
        argument_map = _load(options.file, options.from_format)
    except (ArgmapError, ValueError) as error:
        return _fail(error)
    from argmap.roles import Role

    roles = argument_map.roles()
    count = {role: sum(1 for r in roles.values() if r is role) for role in Role}
    rows = [
        ("title", argument_map.title or "(untitled)"),
        ("statements", len(argument_map.statements)),
        ("relations", len(argument_map.relations)),
        ("main claims", count[Role.MAIN_CLAIM]),
        ("reasons", count[Role.REASON]),
        ("objections", count[Role.OBJECTION]),
        ("rebuttals", count[Role.REBUTTAL]),
        ("sources", len(argument_map.sources)),
        ("speakers", len(argument_map.speakers())),
        ("groups", len(argument_map.groups)),
    ]
    for name, value in rows:
        print(f"{name + ':':<13}{value}")
    print("main claims:")
    for statement in argument_map.main_claims():
        print(f"  [{statement.id}] {statement.title or statement.text}")
    return EXIT_OK


def _open_editor(options: argparse.Namespace) -> int:
    try:
        from argmap.gui.app import run_editor
    except ImportError as error:
        print(f"argmap: the desktop editor cannot start: {error}", file=sys.stderr)
        return EXIT_INVALID
    return run_editor(options.file)
