"""'Why?': each label explained in a sentence that names the arguments."""

from __future__ import annotations

from evaluation_helpers import build, dung

from argmap.evaluation import Label, evaluate


def test_an_accepted_statement_is_explained_as_an_assumption():
    explanation = evaluate(build([("a", "accepted")], [])).why("a")
    assert explanation.label == Label.IN
    assert "you accept it" in explanation.text


def test_an_unsupported_statement_says_nothing_supports_it():
    assert "no argument supports it" in evaluate(build(["a"], [])).why("a").text


def test_a_supported_claim_names_its_reason_and_weight():
    m = build(["claim", ("e", "accepted")], [("r", "support", "e", "claim", {"weight": 0.8})])
    explanation = evaluate(m).why("claim")
    assert explanation.text == "In: the reason “E” supports it (weight 0.8)."
    assert explanation.decisive == "r"


def test_a_weighed_claim_names_both_sides_and_the_standard():
    m = build(
        ["claim", ("e", "accepted"), ("o", "accepted")],
        [
            ("for", "support", "e", "claim"),
            ("against", "attack", "o", "claim", {"weight": 0.5}),
        ],
    )
    explanation = evaluate(m).why("claim")
    assert explanation.text.startswith("In: the reason “E” (weight 1) outweighs")
    assert "the objection “O” (weight 0.5)" in explanation.text
    assert "preponderance of the evidence" in explanation.text
    assert (explanation.pro, explanation.con) == (("for", 1.0), ("against", 0.5))


def test_a_defeated_claim_names_the_objection_that_defeats_it():
    m = build(["claim", ("o", "accepted")], [("against", "attack", "o", "claim")])
    explanation = evaluate(m).why("claim")
    assert explanation.text == (
        "Out: the objection “O” (weight 1) stands against it, and no argument supports it."
    )
    assert explanation.decisive == "against"


def test_a_claim_outweighed_names_both_arguments():
    m = build(
        ["claim", ("e", "accepted"), ("o", "accepted")],
        [("for", "support", "e", "claim", {"weight": 0.4}), ("against", "attack", "o", "claim")],
    )
    assert evaluate(m).why("claim").text == (
        "Out: the objection “O” (weight 1) against it outweighs the strongest argument for it,"
        " the reason “E” (weight 0.4)."
    )


def test_a_defeated_claim_with_weightless_reasons_names_the_reason_and_why():
    m = build(
        ["claim", ("o", "accepted"), "e"],
        [("for", "support", "e", "claim"), ("against", "attack", "o", "claim")],
    )
    assert evaluate(m).why("claim").text == (
        "Out: the objection “O” (weight 1) stands against it, and no argument for it carries"
        " weight: the reason “E” is out."
    )


def test_an_unopposed_claim_at_issue_says_nothing_against_it_carries_weight():
    m = build(
        ["claim", ("e", "accepted"), "o"],
        [("for", "support", "e", "claim"), ("against", "attack", "o", "claim")],
    )
    assert evaluate(m).why("claim").text == (
        "In: the reason “E” (weight 1) supports it, and no argument against it carries weight;"
        " its proof standard asks for more weight (preponderance of the evidence)."
    )


def test_a_reason_too_weak_for_the_standard_says_what_the_standard_asks():
    m = build(
        ["claim", ("e", "accepted")],
        [("for", "support", "e", "claim", {"weight": 0.3})],
        standards={"claim": "cce"},
    )
    assert evaluate(m).why("claim").text == (
        "Out: the strongest argument for it, the reason “E” (weight 0.3), is not enough for its"
        " proof standard: more weight by over 0.5 (clear and convincing evidence)."
    )


def test_a_linked_reason_with_a_premise_out_names_that_premise():
    m = build(
        ["claim", ("e", "accepted"), "f"],
        [("for", "support", ["e", "f"], "claim")],
    )
    assert evaluate(m).why("claim").text == (
        "Out: no argument for it carries weight: the reason “E” with 1 co-premise has a premise"
        " that is out, “F”."
    )


def test_an_undercut_reason_is_named_with_its_undercut():
    m = build(
        ["claim", ("e", "accepted"), ("u", "accepted")],
        [("r", "support", "e", "claim"), ("cut", "attack", "u", "r")],
    )
    text = evaluate(m).why("claim").text
    assert text == "Out: no argument for it carries weight: the reason “E” is undercut by “U”."


def test_an_undecided_statement_names_the_argument_that_cannot_be_weighed():
    text = evaluate(dung(["a", "b"], [("a", "b"), ("b", "a")])).why("a").text
    assert text == "Undecided: the objection “B” is itself undecided."


def test_a_tie_under_the_standard_says_what_the_standard_asks():
    m = build(
        ["claim", ("e", "accepted"), ("o", "accepted")],
        [("for", "support", "e", "claim"), ("against", "attack", "o", "claim")],
    )
    assert evaluate(m).why("claim").text == (
        "Out: the strongest argument for it, the reason “E” (weight 1), does not beat the"
        " strongest against it, the objection “O” (weight 1), by what its proof standard asks:"
        " more weight (preponderance of the evidence)."
    )


def test_an_undecided_premise_names_the_argument_waiting_for_it():
    m = build(
        ["claim", "a", ("ea", "accepted"), "b", ("eb", "accepted"), ("ec", "accepted")],
        [
            ("for", "support", "a", "claim"),
            ("linked", "support", ["ec", "b"], "claim"),
            ("ra", "support", "ea", "a"),
            ("rb", "support", "eb", "b"),
            ("ab", "attack", "a", "b"),
            ("ba", "attack", "b", "a"),
        ],
    )
    assert evaluate(m).why("claim").text == "Undecided: the reason “A” is itself undecided."
    relations = [r for r in m.relations if r.id != "for"]
    without = m.model_copy(update={"relations": relations})
    assert evaluate(without).why("claim").text == (
        "Undecided: the reason “EC” with 1 co-premise cannot be weighed while its premise “B”"
        " is undecided."
    )


def test_a_repeated_id_in_an_unchecked_map_is_explained_by_its_first_statement():
    m = build(["a", "a", ("e", "accepted")], [("r", "support", "e", "a")], check=False)
    assert evaluate(m).why("a").text == "In: the reason “E” supports it (weight 1)."
    assert evaluate(m).why("e").text.startswith("In: you accept it")
