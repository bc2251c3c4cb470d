"""``argmap validate`` warns about groups the editor's tree layout draws on bands, not in a box."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argmap.cli import main
from argmap.files import save_map
from argmap.layout import tree_layout, tree_layout_problems
from argmap.model import ArgumentMap, Group, Layout, Position, Relation, Statement
from argmap.problems import find_problems

BANDS = "cannot be drawn as one box in the tree layout"
SKIPPING = Group(id="skipping", title="Claim and rebuttal", statements=["claim", "rebuttal"])
SIBLINGS = Group(id="siblings", title="Both reasons", statements=["reason", "other"])


def chain_map(group: Group, layout: Layout | None = None) -> ArgumentMap:
    """A claim with two reasons, the first of them rebutted, and one group."""
    return ArgumentMap(
        statements=[
            Statement(id="claim", text="A treaty would serve Israel's security"),
            Statement(id="reason", text="A formal guarantee deters attack"),
            Statement(id="other", text="US guarantees are credible"),
            Statement(id="rebuttal", text="Deterrence already works without a treaty"),
        ],
        relations=[
            Relation(id="r-reason", kind="support", premises=["reason"], target="claim"),
            Relation(id="r-other", kind="support", premises=["other"], target="claim"),
            Relation(id="r-rebuttal", kind="attack", premises=["rebuttal"], target="reason"),
        ],
        groups=[group],
        layout=layout or Layout(),
    )


@pytest.fixture
def write(tmp_path):
    def write(argument_map: ArgumentMap) -> Path:
        path = tmp_path / "map.argmap"
        save_map(argument_map, path)
        return path

    return write


def test_a_group_of_a_statement_and_its_grandchild_without_the_child_is_reported(write, capsys):
    path = write(chain_map(SKIPPING))
    main(["validate", str(path)])
    warnings = [line for line in capsys.readouterr().out.splitlines() if ": warning: " in line]
    message = (
        "group 'Claim and rebuttal' ('skipping') cannot be drawn as one box in the tree layout"
        " without enclosing statements outside it; its statements are drawn on tinted bands"
    )
    assert warnings == [f"{path}:{_line_of(path, 'skipping')}:5: warning: groups[0]: {message}"]


def test_a_group_of_sibling_reasons_gets_no_layout_warning(write, capsys):
    assert main(["validate", str(write(chain_map(SIBLINGS)))]) == 0
    assert "warning" not in capsys.readouterr().out


def test_a_layout_warning_is_counted_but_keeps_the_map_valid(write, capsys):
    path = write(chain_map(SKIPPING))
    assert main(["validate", str(path)]) == 0
    assert f"{path}: valid (4 statements, 3 relations, 1 warning)" in capsys.readouterr().out


def test_a_card_dragged_into_a_group_does_not_cause_a_layout_warning(write, capsys):
    dragged = chain_map(SIBLINGS, Layout(positions={"rebuttal": Position(x=240, y=126)}))
    assert "siblings" in tree_layout(dragged).bands  # the editor bands it while the card sits there
    assert main(["validate", str(write(dragged))]) == 0
    assert "warning" not in capsys.readouterr().out


def test_building_a_map_does_not_lay_it_out():
    assert not [p for p in find_problems(chain_map(SKIPPING)) if BANDS in p.message]


def test_a_map_without_groups_has_no_layout_problems():
    assert tree_layout_problems(chain_map(SKIPPING).model_copy(update={"groups": []})) == []


def test_a_map_with_errors_is_not_laid_out(tmp_path, capsys):
    data = json.loads(chain_map(SKIPPING).model_dump_json(exclude_none=True))
    data["relations"][0]["target"] = "missing"
    path = tmp_path / "broken.argmap"
    path.write_text(json.dumps({"format": "argmap", **data}, indent=2), encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "unknown statement or relation 'missing'" in out
    assert BANDS not in out


def _line_of(path: Path, group_id: str) -> int:
    """The line of a group's opening brace in a saved map: the one before its ``"id"``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if f'"id": "{group_id}"' in line) - 1
