"""Evaluating a map: Carneades' labelling of statements and the state of relations."""

from __future__ import annotations

import pytest
from evaluation_helpers import build, dung

from argmap.evaluation import ArgumentResult, Label, evaluate
from argmap.model import ArgumentMap, Statement

IN, OUT, UNDECIDED = Label.IN, Label.OUT, Label.UNDECIDED


# -- assumptions and support ---------------------------------------------------------


def test_an_accepted_statement_is_in():
    assert evaluate(build([("a", "accepted")], [])).statements == {"a": IN}


def test_a_rejected_statement_is_out_even_when_supported():
    result = evaluate(build([("a", "rejected"), ("e", "accepted")], [("r", "support", "e", "a")]))
    assert result.statements["a"] == OUT


def test_a_statement_nothing_supports_is_out():
    assert evaluate(build(["a"], [])).statements == {"a": OUT}


def test_a_reason_with_an_accepted_premise_makes_its_claim_in():
    result = evaluate(build(["claim", ("e", "accepted")], [("r", "support", "e", "claim")]))
    assert result.statements["claim"] == IN
    assert result.relations["r"] == ArgumentResult(applicable=True, weight=1.0)


def test_a_reason_whose_premise_is_out_is_applicable_and_weighs_nothing():
    result = evaluate(build(["claim", "e"], [("r", "support", "e", "claim")]))
    assert result.statements["claim"] == OUT
    assert result.relations["r"] == ArgumentResult(applicable=True, weight=0.0)


def test_an_objection_with_an_accepted_premise_defeats_an_unsupported_claim():
    result = evaluate(build(["claim", ("o", "accepted")], [("r", "attack", "o", "claim")]))
    assert result.statements["claim"] == OUT
    assert result.negations["claim"] == IN


def test_equal_reasons_for_and_against_leave_the_claim_out_under_pe():
    m = build(
        ["claim", ("pro", "accepted"), ("con", "accepted")],
        [("r1", "support", "pro", "claim"), ("r2", "attack", "con", "claim")],
    )
    result = evaluate(m)
    assert result.statements["claim"] == OUT
    assert result.negations["claim"] == OUT


# -- Dung's classic cases ------------------------------------------------------------


def test_reinstatement_an_attack_on_the_attacker_makes_the_claim_in():
    result = evaluate(dung(["a", "b", "c"], [("b", "a"), ("c", "b")]))
    assert (result.statements["a"], result.statements["b"], result.statements["c"]) == (
        IN,
        OUT,
        IN,
    )


def test_an_even_attack_cycle_leaves_both_undecided():
    result = evaluate(dung(["a", "b"], [("a", "b"), ("b", "a")]))
    assert result.statements["a"] == result.statements["b"] == UNDECIDED


def test_an_odd_attack_cycle_leaves_all_three_undecided():
    result = evaluate(dung(["a", "b", "c"], [("a", "b"), ("b", "c"), ("c", "a")]))
    assert {result.statements[x] for x in "abc"} == {UNDECIDED}


def test_an_issue_waits_for_every_argument_so_an_attack_into_a_cycle_decides_nothing():
    # Unlike Dung's grounded semantics (a out, b in), caes.go weighs an issue only
    # once every argument about it applies, and b's attack on a never does.
    result = evaluate(dung(["a", "b", "c"], [("a", "b"), ("b", "a"), ("c", "a")]))
    assert (result.statements["a"], result.statements["b"], result.statements["c"]) == (
        UNDECIDED,
        UNDECIDED,
        IN,
    )


def test_a_self_attacking_statement_is_undecided():
    result = evaluate(dung(["a"], [("a", "a")], check=False))
    assert result.statements["a"] == UNDECIDED


def test_a_statement_attacked_only_by_a_self_attacker_is_undecided():
    result = evaluate(dung(["a", "b"], [("a", "a"), ("a", "b")], check=False))
    assert result.statements["b"] == UNDECIDED


def test_a_support_cycle_without_outside_support_is_undecided():
    result = evaluate(build(["p", "q"], [("r1", "support", "p", "q"), ("r2", "support", "q", "p")]))
    assert result.statements == {"p": UNDECIDED, "q": UNDECIDED}


# -- undercuts -----------------------------------------------------------------------


def test_an_undercut_with_an_accepted_premise_makes_the_argument_weigh_nothing():
    m = build(
        ["claim", ("e", "accepted"), ("u", "accepted")],
        [("r", "support", "e", "claim"), ("cut", "attack", "u", "r")],
    )
    result = evaluate(m)
    assert result.relations["r"] == ArgumentResult(applicable=True, weight=0.0)
    assert result.undercutters["r"] == IN
    assert result.statements["claim"] == OUT


def test_an_undercut_whose_premise_is_out_leaves_the_argument_standing():
    m = build(
        ["claim", ("e", "accepted"), "u"],
        [("r", "support", "e", "claim"), ("cut", "attack", "u", "r")],
    )
    result = evaluate(m)
    assert result.relations["r"] == ArgumentResult(applicable=True, weight=1.0)
    assert result.statements["claim"] == IN


def test_an_undercut_cycle_leaves_both_undercuts_undecided_and_inapplicable():
    m = build(
        [("x", "accepted"), ("y", "accepted")],
        [("u1", "attack", "x", "u2"), ("u2", "attack", "y", "u1")],
    )
    result = evaluate(m)
    assert result.undercutters == {"u1": UNDECIDED, "u2": UNDECIDED}
    assert not result.relations["u1"].applicable
    assert not result.relations["u2"].applicable


def test_a_relation_undercutting_itself_is_inapplicable():
    m = build([("x", "accepted"), "c"], [("u", "attack", "x", "u")], check=False)
    result = evaluate(m)
    assert result.relations["u"] == ArgumentResult(applicable=False, weight=0.0)


def test_a_backing_of_an_inference_outweighs_an_equal_undercut_under_pe():
    m = build(
        ["claim", ("e", "accepted"), ("u", "accepted"), ("b", "accepted")],
        [
            ("r", "support", "e", "claim"),
            ("cut", "attack", "u", "r"),
            ("back", "support", "b", "r", {"weight": 0.5}),
        ],
    )
    result = evaluate(m)
    assert result.undercutters["r"] == IN
    assert result.statements["claim"] == OUT


# -- weighing functions --------------------------------------------------------------


def two_premises(weighing: str, accepted: int) -> ArgumentMap:
    statements = ["claim", ("p1", "accepted") if accepted >= 1 else "p1"]
    statements.append(("p2", "accepted") if accepted >= 2 else "p2")
    return build(statements, [("r", "support", ["p1", "p2"], "claim", {"weighing": weighing})])


@pytest.mark.parametrize(
    ("weighing", "accepted", "weight"),
    [
        ("linked", 1, 0.0),
        ("linked", 2, 1.0),
        ("convergent", 0, 0.0),
        ("convergent", 1, 1.0),
        ("cumulative", 1, 0.5),
        ("cumulative", 2, 1.0),
        ("factorized", 1, 0.0),
        ("factorized", 2, 1.0),
    ],
)
def test_each_weighing_function_weighs_as_carneades_does(weighing, accepted, weight):
    assert evaluate(two_premises(weighing, accepted)).relations["r"].weight == weight


def test_factorized_arguments_weigh_their_premises_against_all_premises_of_the_issue():
    m = build(
        ["jog", ("rain", "accepted"), ("hot", "accepted")],
        [
            ("a1", "attack", "rain", "jog", {"weighing": "factorized"}),
            ("a2", "attack", "hot", "jog", {"weighing": "factorized"}),
            ("a3", "support", ["rain", "hot"], "jog", {"weighing": "factorized"}),
        ],
    )
    result = evaluate(m)
    assert [result.relations[r].weight for r in ("a1", "a2", "a3")] == [0.5, 0.5, 1.0]
    assert result.statements["jog"] == IN


def test_a_constant_weight_applies_only_when_every_premise_is_in():
    m = build(
        ["c", ("p", "accepted"), "q"],
        [
            ("r1", "support", "p", "c", {"weight": 0.3}),
            ("r2", "support", ["p", "q"], "c", {"weight": 0.9}),
        ],
    )
    result = evaluate(m)
    assert (result.relations["r1"].weight, result.relations["r2"].weight) == (0.3, 0.0)


def test_a_constant_weight_takes_the_place_of_the_weighing():
    m = build(
        ["c", ("p", "accepted"), "q"],
        [("r", "support", ["p", "q"], "c", {"weighing": "convergent", "weight": 0.4})],
    )
    assert evaluate(m).relations["r"].weight == 0.0


# -- proof standards -----------------------------------------------------------------


def weighed(standard: str, pro: float, con: float) -> ArgumentMap:
    return build(
        ["claim", ("e", "accepted"), ("o", "accepted")],
        [
            ("for", "support", "e", "claim", {"weight": pro}),
            ("against", "attack", "o", "claim", {"weight": con}),
        ],
        standards={"claim": standard},
    )


@pytest.mark.parametrize(
    ("standard", "pro", "con", "label"),
    [
        ("pe", 0.6, 0.5, IN),
        ("pe", 0.5, 0.5, OUT),
        ("cce", 0.9, 0.5, OUT),
        ("cce", 0.9, 0.3, IN),
        ("brd", 0.9, 0.3, OUT),
        ("brd", 0.9, 0.2, IN),
        ("brd", 0.7, 0.1, IN),
        ("brd", 0.5, 0.0, OUT),
    ],
)
def test_proof_standards_ask_for_more_weight_as_carneades_does(standard, pro, con, label):
    assert evaluate(weighed(standard, pro, con)).statements["claim"] == label


def test_the_standard_applies_to_the_negation_too():
    assert evaluate(weighed("cce", 0.3, 0.9)).negations["claim"] == IN
    assert evaluate(weighed("cce", 0.5, 0.9)).negations["claim"] == OUT


def test_a_standard_puts_an_unattacked_statement_at_issue():
    m = build(
        ["claim", ("e", "accepted")],
        [("r", "support", "e", "claim", {"weight": 0.4})],
        standards={"claim": "cce"},
    )
    assert evaluate(m).statements["claim"] == OUT


def test_without_a_standard_an_unattacked_statement_needs_only_some_weight():
    m = build(["claim", ("e", "accepted")], [("r", "support", "e", "claim", {"weight": 0.1})])
    assert evaluate(m).statements["claim"] == IN


def test_an_explicit_pe_waits_for_every_argument_where_no_standard_does_not():
    """A reason stuck in a cycle of supports: without a standard the claim's other, good
    reason makes it in; with pe it is an issue, decided only once every argument is."""
    statements = ["c", ("e", "accepted"), "a", "b"]
    relations = [
        ("re", "support", "e", "c"),
        ("ra", "support", "a", "c"),
        ("rab", "support", "a", "b"),
        ("rba", "support", "b", "a"),
    ]
    assert evaluate(build(statements, relations)).statements["c"] == IN
    explicit = evaluate(build(statements, relations, standards={"c": "pe"}))
    assert explicit.statements["c"] == UNDECIDED


# -- bad input -----------------------------------------------------------------------


def test_a_fifty_thousand_deep_chain_is_evaluated_without_recursion():
    count = 50_000
    statements = [("s0", "accepted"), *(f"s{i}" for i in range(1, count))]
    relations = [(f"r{i}", "support", f"s{i - 1}", f"s{i}") for i in range(1, count)]
    result = evaluate(build(statements, relations))
    assert result.statements[f"s{count - 1}"] == IN


def test_a_fifty_thousand_deep_chain_of_attacks_alternates():
    count = 50_000
    statements = [("s0", "accepted"), *(f"s{i}" for i in range(1, count))]
    relations = [(f"r{i}", "attack", f"s{i - 1}", f"s{i}") for i in range(1, count)]
    result = evaluate(build(statements, relations))
    assert result.statements["s1"] == OUT
    assert result.statements[f"s{count - 1}"] == OUT


def test_dangling_ids_in_an_unchecked_map_do_not_stop_evaluation():
    m = build(
        ["c"], [("r", "support", "ghost", "c"), ("q", "support", "c", "nowhere")], check=False
    )
    result = evaluate(m)
    assert result.statements["c"] == OUT
    assert result.relations["q"] == ArgumentResult(applicable=True, weight=0.0)


# -- re-reading acceptances ------------------------------------------------------------


def test_a_statement_with_a_new_proof_standard_no_longer_fits_the_structure():
    m = build(["claim", ("e", "accepted")], [("r", "support", "e", "claim")])
    structure = evaluate(m).structure
    claim = m.statements[0]
    assert structure.fits(claim.model_copy(update={"acceptance": "rejected", "text": "New"}))
    assert not structure.fits(claim.model_copy(update={"standard": "brd"}))


def test_a_statement_the_structure_has_not_seen_does_not_fit_it():
    structure = evaluate(build(["a"], [])).structure
    assert not structure.fits(Statement(id="b", text="B"))


def test_marks_name_assumptions_and_otherwise_labels():
    m = build(
        [("e", "accepted"), "claim", ("no", "rejected"), "other"],
        [("r", "support", "e", "claim"), ("q", "support", "no", "other")],
    )
    assert evaluate(m).marks() == {"e": "accepted", "claim": "in", "no": "rejected", "other": "out"}


def test_idle_relations_are_those_of_weight_zero_with_whether_they_apply():
    m = build(
        ["claim", ("e", "accepted"), "x", "y"],
        [
            ("r", "support", "e", "claim"),
            ("dead", "support", "x", "claim"),
            ("loop1", "attack", "x", "loop2"),
            ("loop2", "attack", "y", "loop1"),
        ],
    )
    assert evaluate(m).idle_relations() == {"dead": True, "loop1": False, "loop2": False}
