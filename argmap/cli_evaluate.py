"""``argmap evaluate FILE``: what follows from the statements a map accepts.

Prints each statement's label (in, out, undecided) and each relation's
applicability and weight, as text or as JSON::

    {"statements": {ID: "in" | "out" | "undecided"},
     "relations": {ID: {"applicable": true | false, "weight": NUMBER}}}

The semantics are Carneades' (see :mod:`argmap.evaluation`).
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from argmap.cli import EXIT_OK, _fail, _from_option, _load, write_stdout
from argmap.errors import ArgmapError

if TYPE_CHECKING:
    from argmap.evaluation import Evaluation

__all__ = ["add_parser", "evaluation_json", "evaluation_text"]


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """The ``evaluate`` subcommand's options."""
    parser = commands.add_parser(
        "evaluate",
        help="label each statement in, out or undecided",
        description=(
            "Evaluate a map as Carneades does: accepted statements are in, rejected ones out,"
            " and the rest follow from the arguments, their weights and proof standards."
        ),
    )
    parser.add_argument("file", metavar="FILE", help="the map to evaluate")
    parser.add_argument(
        "--format",
        dest="output_format",
        choices=("text", "json"),
        default="text",
        help="text (the default) or json",
    )
    parser.add_argument(
        "--why", action="store_true", help="explain each statement's label (text format)"
    )
    _from_option(parser)
    parser.set_defaults(run=_evaluate)


def _evaluate(options: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from argmap.evaluation import evaluate

    try:
        argument_map = _load(options.file, options.from_format)
    except (ArgmapError, ValueError) as error:
        return _fail(error)
    evaluation = evaluate(argument_map)
    if options.output_format == "json":
        text = json.dumps(evaluation_json(evaluation), ensure_ascii=False, indent=2) + "\n"
    else:
        text = evaluation_text(evaluation, why=options.why)
    write_stdout(text.encode("utf-8"))
    return EXIT_OK


def evaluation_json(evaluation: Evaluation) -> dict[str, object]:
    """The JSON document: labels by statement id, applicability and weight by relation id."""
    return {
        "statements": {sid: str(mark) for sid, mark in evaluation.statements.items()},
        "relations": {
            rid: {"applicable": result.applicable, "weight": result.weight}
            for rid, result in evaluation.relations.items()
        },
    }


def evaluation_text(evaluation: Evaluation, *, why: bool = False) -> str:
    """One line per statement (label, id, title or text), then one per relation."""
    from argmap.evaluation.explain import format_weight

    counts = {str(mark): count for mark, count in evaluation.counts().items()}
    lines = [f"statements: {counts['in']} in, {counts['out']} out, {counts['undecided']} undecided"]
    width = max((len(sid) for sid in evaluation.statements), default=0)
    for statement in evaluation.map.statements:
        mark = evaluation.statements[statement.id]
        shown = " ".join((statement.title or statement.text).split())
        lines.append(f"  {mark:<10} {statement.id:<{width}}  {_cut(shown)}")
        if why:
            lines.append(f"  {'':<10} {'':<{width}}  {evaluation.why(statement.id).text}")
    lines.append("relations:")
    width = max((len(rid) for rid in evaluation.relations), default=0)
    for rid, result in evaluation.relations.items():
        state = "applicable" if result.applicable else "not applicable"
        lines.append(f"  {rid:<{width}}  {state}, weight {format_weight(result.weight)}")
    return "\n".join(lines) + "\n"


def _cut(text: str, length: int = 60) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"
