"""The document keeps roles up to date cheaply when cards and arguments are appended."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.gui.document import MapDocument
from argmap.model import Relation, Statement
from argmap.roles import compute_roles

pytestmark = pytest.mark.gui


@st.composite
def edit_sequences(draw):
    """Appending statements and relations (support, attack, undercut) in any order."""
    steps = []
    statements = ["s0"]
    relations: list[str] = []
    for number in range(draw(st.integers(1, 25))):
        if draw(st.booleans()) or len(statements) < 2:
            statements.append(f"s{len(statements)}")
            steps.append(("statement", statements[-1]))
        premise = draw(st.sampled_from(statements))
        targets = [s for s in statements if s != premise] + relations
        if not targets:
            continue
        relation = Relation(
            id=f"r{number}",
            kind=draw(st.sampled_from(["support", "attack"])),
            premises=[premise],
            target=draw(st.sampled_from(targets)),
        )
        relations.append(relation.id)
        steps.append(("relation", relation))
    return steps


@settings(max_examples=200, deadline=None)
@given(edit_sequences())
def test_roles_after_every_append_are_those_computed_from_scratch(steps):
    document = MapDocument()
    document.insert_statement(0, Statement(id="s0", text="claim"))
    document.roles()
    for kind, value in steps:
        if kind == "statement":
            document.insert_statement(len(document.map.statements), Statement(id=value, text=value))
        else:
            document.insert_relation(len(document.map.relations), value)
        assert document.roles() == compute_roles(document.map)
