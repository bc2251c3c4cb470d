"""``argmap validate``: check maps, printing errors and warnings as FILE:LINE:COL: PATH: MESSAGE.

Beyond reading (every problem with its place), a valid map is checked for
what only a valid map can have: groups the editor's tree cannot box, and
quotes not found in their source's text.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from argmap.cli import EXIT_INVALID, EXIT_OK, _from_option, _is_native
from argmap.errors import MapFileError, Problem, Severity

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = ["add_parser"]


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    validate = commands.add_parser(
        "validate",
        help="check maps",
        description="Check maps; print errors and warnings as FILE:LINE:COL: PATH: MESSAGE.",
    )
    validate.add_argument("files", nargs="+", metavar="FILE")
    validate.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    _from_option(validate)
    validate.set_defaults(run=_validate)


def _validate(options: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    status = EXIT_OK
    for file in options.files:
        argument_map, problems = _problems_of(file, options.from_format)
        errors = [p for p in problems if p.severity is Severity.ERROR]
        if argument_map is not None and not errors:
            problems = [*problems, *_later_warnings(file, argument_map, options.from_format)]
        for problem in problems:
            print(problem.located(file))
        if errors or argument_map is None:
            status = EXIT_INVALID
        elif not options.quiet:
            warnings = len(problems)
            note = f", {warnings} warning{'s' if warnings != 1 else ''}" if warnings else ""
            print(
                f"{file}: valid ({len(argument_map.statements)} statements,"
                f" {len(argument_map.relations)} relations{note})"
            )
    return status


def _problems_of(file: str, from_format: str | None) -> tuple[ArgumentMap | None, list[Problem]]:
    """Errors and warnings of a file in any format: reading warnings first, then the map's own."""
    if _is_native(file, from_format):
        from argmap.files import validate_file

        return validate_file(file)
    from argmap.formats import read_any
    from argmap.problems import find_problems

    try:
        result = read_any(file, from_format)
    except MapFileError as error:
        return None, error.problems
    except ValueError as error:
        return None, [Problem("", str(error))]
    return result.map, [*result.warnings, *find_problems(result.map)]


def _later_warnings(file: str, argument_map: ArgumentMap, from_format: str | None) -> list[Problem]:
    """Warnings only a valid map can have, located by line in an ``.argmap`` file.

    Groups the editor's tree cannot box (only a valid map is laid out:
    dangling ids would not lay out), and quotes not found in their source's
    text. The file is read again only when there is something to point at.
    """
    from argmap.files import read_text_file
    from argmap.layout.checks import tree_layout_problems
    from argmap.sourcetext.check import quote_problems

    problems = [*tree_layout_problems(argument_map), *quote_problems(argument_map)]
    if not problems or not _is_native(file, from_format):
        return problems
    try:
        text = read_text_file(file)
    except MapFileError:
        return problems
    return [_located_in(problem, text) for problem in problems]


def _located_in(problem: Problem, text: str) -> Problem:
    """The problem with the line and column of its JSON path in ``text``, if found there."""
    from argmap.files import locate, parse_path

    position = locate(text, parse_path(problem.path))
    if position is None:
        return problem
    return Problem(problem.path, problem.message, problem.severity, *position)
