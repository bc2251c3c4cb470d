"""Turn Carneades 4's YAML argument graphs into argmap maps with their expected labels.

Carneades 4 (github.com/carneades/carneades-4) ships argument graphs in
``examples/AGs/YAML/`` whose ``tests:`` block lists the label each statement
must get. This script converts those that argmap can express and writes, for
each, ``NAME.argmap`` and ``NAME.expected.json`` here, and ``CONVERTED.md``
listing what was converted and what was skipped, and why::

    python tests/data/carneades/convert.py [SOURCE]

SOURCE is a checkout of carneades-4 or a bare clone of it (read with ``git``).

How a Carneades graph becomes a map:

* an issue of two positions becomes one statement and its negation: argmap's
  implicit "not s", which attacks argue for. The position written ``¬X`` (or,
  failing that, one that is no premise, no assumption and no undercutter) is
  the negation; the issue's proof standard is set on the statement, which puts
  it at issue even when nothing attacks it;
* an argument for a statement is a support, for a negation an attack, for an
  undercutter an undercut of the argument it undercuts;
* an argument without premises gets one premise that is accepted (a linked
  argument of no premises weighs 1, as one of accepted premises does);
* an assumed statement is accepted, an assumed negation makes its statement
  rejected, an assumed undercutter becomes an undercut with an accepted premise;
* basic schemes become ``weighing``, a scheme of constant weight ``weight``.

What cannot be expressed is skipped: scheme variables and argument schemes
that generate arguments, issue schemes (other than the plain negation scheme
``["¬Q", "Q"]``), issues of more than two positions, a negation or undercutter
used as a premise, inconsistent assumptions, preference and criteria weighing.

The expected labels: ``statements`` by argmap id (what ``argmap evaluate``
prints), ``negations`` (the label of "not s", by the statement's id) and
``undercutters`` (the label of an argument's undercutter, by relation id).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))

from argmap.files import dumps_map  # noqa: E402
from argmap.model import ArgumentMap  # noqa: E402

DEFAULT_SOURCE = Path("/work/.mirror/carneades+carneades-4/repo")
FOLDER = "examples/AGs/YAML"
BASIC = ("linked", "convergent", "cumulative", "factorized")
_UNSAFE = re.compile(r"[^A-Za-z0-9_.\-]+")


class Skip(Exception):
    """This graph uses something argmap cannot express; the message says what."""


def read_examples(source: Path) -> dict[str, str]:
    """Every ``.yml`` of the examples folder, by file name: from a checkout or a git dir."""
    folder = source / FOLDER
    if folder.is_dir():
        return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.yml"))}
    names = subprocess.run(
        ["git", "-C", str(source), "ls-tree", "--name-only", f"HEAD:{FOLDER}"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return {
        name: subprocess.run(
            ["git", "-C", str(source), "show", f"HEAD:{FOLDER}/{name}"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        for name in sorted(names)
        if name.endswith(".yml")
    }


class Converter:
    """One graph: statements, issues, undercutters and arguments, in that order."""

    def __init__(self, graph: dict[str, Any]) -> None:
        self.graph = graph
        self.texts: dict[str, str] = {}
        self.assumed: list[str] = []
        self.ids: dict[str, str] = {}
        self.taken: set[str] = set()
        self.negation_of: dict[str, str] = {}  # negation position -> statement position
        self.standard: dict[str, str] = {}
        self.undercutter_of: dict[str, str] = {}  # undercutter statement -> argument
        self.schemes: dict[str, dict[str, Any]] = {}

    def convert(self) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
        tests = self.graph.get("tests")
        if not isinstance(tests, dict) or not any(tests.get(k) for k in tests):
            raise Skip("no expected labels (no 'tests:' block)")
        for key in ("weighing_functions", "language"):
            if self.graph.get(key):
                raise Skip(f"uses '{key}'")
        self.read_schemes()
        self.read_statements()
        self.read_issues()
        self.read_undercutters()
        relations = self.arguments()
        statements = self.statements()
        relations.extend(self.assumed_undercutters(statements))
        argument_map = {
            "format": "argmap",
            "title": str((self.graph.get("meta") or {}).get("title") or ""),
            "statements": statements,
            "relations": relations,
        }
        ArgumentMap.model_validate(argument_map)  # fails loudly on a conversion mistake
        return argument_map, self.expected(tests)

    # -- reading ------------------------------------------------------------------

    def read_schemes(self) -> None:
        for scheme in self.graph.get("argument_schemes") or []:
            if scheme.get("variables") or scheme.get("conclusions") or scheme.get("premises"):
                raise Skip(f"argument scheme {scheme.get('id')!r} has variables or templates")
            weight = scheme.get("weight")
            if weight is not None and not (
                isinstance(weight, dict) and set(weight) == {"constant"}
            ):
                raise Skip(f"scheme {scheme.get('id')!r} weighs by preference or criteria")
            self.schemes[str(scheme["id"])] = scheme

    def read_statements(self) -> None:
        for key, value in (self.graph.get("statements") or {}).items():
            name = str(key)
            if isinstance(value, dict):
                self.texts[name] = str(value.get("text", name))
                if value.get("assumed") is True:
                    self.assumed.append(name)
            else:
                self.texts[name] = str(value)
        self.assumed.extend(str(a) for a in self.graph.get("assumptions") or [])
        for name in self.assumed:
            if name not in self.texts:
                raise Skip(f"assumption {name!r} is not a statement")

    def read_issues(self) -> None:
        issues = [
            (str(k), [str(p) for p in v.get("positions", [])], str(v.get("standard") or "PE"))
            for k, v in (self.graph.get("issues") or {}).items()
        ]
        for scheme in (self.graph.get("issue_schemes") or {}).values():
            if list(scheme) not in (["¬Q", "Q"], ["Q", "¬Q"]):
                raise Skip(f"issue scheme {list(scheme)} is more than plain negation")
            issues.extend(
                (f"¬{n}", [n, f"¬{n}"], "PE") for n in self.texts if f"¬{n}" in self.texts
            )
        premises = {p for a in self.all_arguments().values() for p in _premises(a)}
        undercutters = {
            str(a["undercutter"]) for a in self.all_arguments().values() if a.get("undercutter")
        }
        for name, positions, standard in issues:
            if len(positions) != 2:
                raise Skip(f"issue {name!r} has {len(positions)} positions, not two")
            first, second = positions
            candidates = [p for p in (second, first) if p == f"¬{first}" or p == f"¬{second}"]
            candidates += [
                p
                for p in (second, first)
                if p not in premises and p not in undercutters and p not in candidates
            ]
            usable = [p for p in candidates if p not in premises and p not in undercutters]
            if not usable:
                raise Skip(f"both positions of issue {name!r} are premises")
            negation = usable[0]
            statement = first if negation == second else second
            if negation in self.assumed and statement in self.assumed:
                raise Skip(f"both positions of issue {name!r} are assumed (inconsistent)")
            self.negation_of[negation] = statement
            self.standard[statement] = standard.lower()

    def read_undercutters(self) -> None:
        premises = {p for a in self.all_arguments().values() for p in _premises(a)}
        for argument_id, argument in self.all_arguments().items():
            undercutter = argument.get("undercutter")
            if not undercutter:
                continue
            undercutter = str(undercutter)
            if undercutter in self.undercutter_of:
                raise Skip(f"{undercutter!r} undercuts two arguments")
            if undercutter in premises or undercutter in self.negation_of:
                raise Skip(f"undercutter {undercutter!r} is also a premise or at issue")
            if undercutter in self.negation_of.values():
                raise Skip(f"undercutter {undercutter!r} is at issue")
            self.undercutter_of[undercutter] = argument_id

    def all_arguments(self) -> dict[str, dict[str, Any]]:
        return {str(k): v or {} for k, v in (self.graph.get("arguments") or {}).items()}

    # -- writing ------------------------------------------------------------------

    def new_id(self, name: str, prefix: str = "") -> str:
        """An argmap id for a Carneades name: ``¬app(a1)`` becomes ``not-app-a1``."""
        base = _UNSAFE.sub("-", prefix + name.replace("¬", "not-")).strip("-.") or "s"
        if not base[0].isalnum():
            base = "s" + base
        candidate, number = base[:60], 2
        while candidate in self.taken:
            candidate, number = f"{base[:56]}-{number}", number + 1
        self.taken.add(candidate)
        return candidate

    def statement_id(self, name: str) -> str:
        if name not in self.ids:
            self.ids[name] = self.new_id(name)
        return self.ids[name]

    def statements(self) -> list[dict[str, Any]]:
        result = []
        for name, text in self.texts.items():
            if name in self.negation_of or name in self.undercutter_of:
                continue
            statement: dict[str, Any] = {"id": self.statement_id(name), "text": text}
            if name in self.assumed:
                statement["acceptance"] = "accepted"
            elif any(self.negation_of.get(n) == name for n in self.assumed):
                statement["acceptance"] = "rejected"
            if name in self.standard:
                statement["standard"] = self.standard[name]
            result.append(statement)
        return result + self.extra_statements

    extra_statements: list[dict[str, Any]]

    def given(self, what: str) -> str:
        """An accepted premise standing in for 'no premises' or 'assumed'."""
        sid = self.new_id(f"given-{what}")
        self.extra_statements.append(
            {"id": sid, "text": f"(given: {what})", "acceptance": "accepted"}
        )
        return sid

    def arguments(self) -> list[dict[str, Any]]:
        self.extra_statements = []
        arguments = self.all_arguments()
        for name in self.texts:
            if name not in self.negation_of and name not in self.undercutter_of:
                self.statement_id(name)
        relation_ids = {a: self.new_id(a) for a in arguments}
        self.relation_ids = relation_ids
        relations = []
        for argument_id, argument in arguments.items():
            conclusion = str(argument.get("conclusion"))
            if conclusion not in self.texts:
                raise Skip(f"argument {argument_id!r} concludes an unknown statement")
            if conclusion in self.undercutter_of:
                kind, target = "attack", relation_ids[self.undercutter_of[conclusion]]
            elif conclusion in self.negation_of:
                kind, target = "attack", self.ids[self.negation_of[conclusion]]
            else:
                kind, target = "support", self.ids[conclusion]
            relation: dict[str, Any] = {"id": relation_ids[argument_id], "kind": kind}
            weighing, weight = self.weighing(argument)
            premises = []
            for premise in _premises(argument):
                if premise not in self.ids:
                    raise Skip(f"premise {premise!r} of {argument_id!r} cannot be a statement")
                premises.append(self.ids[premise])
            if not premises:
                if weighing not in (None, "linked"):
                    raise Skip(f"{weighing} argument {argument_id!r} has no premises")
                premises.append(self.given(f"{argument_id} has no premises"))
            relation.update(premises=premises, target=target)
            if weighing not in (None, "linked"):
                relation["weighing"] = weighing
            if weight is not None:
                relation["weight"] = weight
            relations.append(relation)
        return relations

    def weighing(self, argument: dict[str, Any]) -> tuple[str | None, float | None]:
        scheme = argument.get("scheme")
        if scheme is None or scheme in BASIC:
            return scheme, None
        if scheme not in self.schemes:
            raise Skip(f"scheme {scheme!r} is not defined")
        weight = self.schemes[scheme].get("weight")
        return None, (float(weight["constant"]) if weight else None)

    def assumed_undercutters(self, statements: list[dict[str, Any]]) -> list[dict[str, Any]]:
        relations = []
        for name in self.assumed:
            if name in self.undercutter_of:
                target = self.relation_ids[self.undercutter_of[name]]
                premise = self.given(f"{name} is assumed")
                relations.append(
                    {
                        "id": self.new_id(f"assume-{name}"),
                        "kind": "attack",
                        "premises": [premise],
                        "target": target,
                    }
                )
        statements.extend(s for s in self.extra_statements if s not in statements)
        return relations

    def expected(self, tests: dict[str, Any]) -> dict[str, dict[str, Any]]:
        result: dict[str, dict[str, Any]] = {"statements": {}, "negations": {}, "undercutters": {}}
        for mark in ("in", "out", "undecided"):
            for name in tests.get(mark) or []:
                name = str(name)
                if name in self.negation_of:
                    result["negations"][self.ids[self.negation_of[name]]] = mark
                elif name in self.undercutter_of:
                    result["undercutters"][self.relation_ids[self.undercutter_of[name]]] = mark
                elif name in self.ids:
                    result["statements"][self.ids[name]] = mark
                else:
                    raise Skip(f"expected label for unknown statement {name!r}")
        return result


def _premises(argument: dict[str, Any]) -> list[str]:
    premises = argument.get("premises") or []
    if isinstance(premises, dict):
        return [str(p) for p in premises.values()]
    return [str(p) for p in premises]


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv else DEFAULT_SOURCE
    yaml = YAML(typ="safe")
    converted, skipped = [], []
    for old in HERE.glob("*.argmap"):
        old.unlink()
    for old in HERE.glob("*.expected.json"):
        old.unlink()
    for name, text in read_examples(source).items():
        stem = name.removesuffix(".yml")
        try:
            argument_map, expected = Converter(yaml.load(text) or {}).convert()
        except Skip as reason:
            skipped.append((name, str(reason)))
            continue
        model = ArgumentMap.model_validate(argument_map)
        (HERE / f"{stem}.argmap").write_text(dumps_map(model), encoding="utf-8")
        (HERE / f"{stem}.expected.json").write_text(
            json.dumps(expected, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        converted.append(name)
    lines = [
        "# Carneades 4 examples",
        "",
        "Made by `convert.py` from carneades-4's `examples/AGs/YAML/` (its docstring says how).",
        f"{len(converted)} converted, {len(skipped)} skipped.",
        "",
        "Converted: " + ", ".join(f"`{n}`" for n in converted) + ".",
        "",
        "| skipped | why |",
        "|---|---|",
        *(f"| `{n}` | {why} |" for n, why in skipped),
        "",
    ]
    (HERE / "CONVERTED.md").write_text("\n".join(lines), encoding="utf-8")
    print(f"{len(converted)} converted, {len(skipped)} skipped")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
