"""Properties of the evaluation over random maps (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.evaluation import Label, evaluate
from argmap.model import Acceptance, ArgumentMap, Relation, Statement


@st.composite
def evaluated_maps(draw) -> ArgumentMap:
    """Maps with every construct the evaluation reads: cycles, undercuts, weights, standards."""
    count = draw(st.integers(1, 9))
    ids = [f"s{i}" for i in range(count)]
    statements = [
        Statement(
            id=sid,
            text=sid,
            acceptance=draw(st.sampled_from(list(Acceptance))),
            standard=draw(st.none() | st.sampled_from(["pe", "cce", "brd"])),
        )
        for sid in ids
    ]
    relations: list[Relation] = []
    for index in range(draw(st.integers(0, 12))):
        premises = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True))
        targets = [s for s in ids if s not in premises] + [r.id for r in relations]
        if not targets:
            continue
        relations.append(
            Relation(
                id=f"r{index}",
                kind=draw(st.sampled_from(["support", "attack"])),
                premises=premises,
                target=draw(st.sampled_from(targets)),
                weighing=draw(
                    st.none()
                    | st.sampled_from(["linked", "convergent", "cumulative", "factorized"])
                ),
                weight=draw(st.none() | st.sampled_from([0.0, 0.2, 0.5, 0.8, 1.0])),
            )
        )
    return ArgumentMap(statements=statements, relations=relations)


def unattacked(argument_map: ArgumentMap) -> set[str]:
    """Statements no attack can reach: none attacks them, the arguments for them, or
    (in turn) those arguments' premises. An assumption may rightly defeat the rest:
    assuming the premise of an undercut takes away an argument that carried a claim.
    """
    exposed = {r.target for r in argument_map.relations if r.kind == "attack"}
    grew = True
    while grew:
        grew = False
        for relation in argument_map.relations:
            if relation.kind != "support" or relation.target in exposed:
                continue
            if relation.id in exposed or any(p in exposed for p in relation.premises):
                exposed.add(relation.target)
                grew = True
    return {s.id for s in argument_map.statements} - exposed


@settings(max_examples=300, deadline=None)
@given(evaluated_maps(), st.data())
def test_adding_an_assumption_never_turns_an_unattacked_in_statement_out(argument_map, data):
    before = evaluate(argument_map).statements
    undecided = [s for s in argument_map.statements if s.acceptance == Acceptance.UNDECIDED]
    if not undecided:
        return
    chosen = data.draw(st.sampled_from(undecided))
    statements = [
        s.model_copy(update={"acceptance": Acceptance.ACCEPTED}) if s.id == chosen.id else s
        for s in argument_map.statements
    ]
    after = evaluate(argument_map.model_copy(update={"statements": statements})).statements
    for sid in unattacked(argument_map):
        if before[sid] == Label.IN:
            assert after[sid] != Label.OUT, sid


@settings(max_examples=300, deadline=None)
@given(evaluated_maps(), st.randoms(use_true_random=False))
def test_labels_do_not_depend_on_the_order_of_statements_and_relations(argument_map, random):
    statements = list(argument_map.statements)
    relations = list(argument_map.relations)
    random.shuffle(statements)
    random.shuffle(relations)
    shuffled = argument_map.model_copy(update={"statements": statements, "relations": relations})
    first, second = evaluate(argument_map), evaluate(shuffled)
    assert first.statements == second.statements
    assert first.relations == second.relations


@settings(max_examples=200, deadline=None)
@given(evaluated_maps())
def test_every_statement_and_relation_gets_a_result_and_an_explanation(argument_map):
    result = evaluate(argument_map)
    assert set(result.statements) == {s.id for s in argument_map.statements}
    assert set(result.relations) == {r.id for r in argument_map.relations}
    for relation in result.relations.values():
        assert 0.0 <= relation.weight <= 1.0
        assert relation.applicable or relation.weight == 0.0
    for sid, mark in result.statements.items():
        explanation = result.why(sid)
        assert explanation.label == mark
        assert explanation.text.lower().startswith(str(mark))


@settings(max_examples=300, deadline=None)
@given(evaluated_maps(), st.data())
def test_re_reading_acceptances_gives_what_a_fresh_evaluation_gives(argument_map, data):
    """What the editor does after a click on a badge: the structure is kept, acceptances re-read."""
    earlier = evaluate(argument_map)
    chosen = data.draw(st.lists(st.sampled_from(argument_map.statements), unique_by=lambda s: s.id))
    changed = {s.id: data.draw(st.sampled_from(list(Acceptance))) for s in chosen}
    statements = [
        s.model_copy(update={"acceptance": changed[s.id]}) if s.id in changed else s
        for s in argument_map.statements
    ]
    edited = argument_map.model_copy(update={"statements": statements})
    assert all(earlier.structure.fits(s) for s in statements)
    reused = evaluate(edited, reuse=earlier.structure)
    fresh = evaluate(edited)
    assert reused.marks() == fresh.marks()
    assert reused.relations == fresh.relations
    assert [reused.why(s.id) for s in statements] == [fresh.why(s.id) for s in statements]
