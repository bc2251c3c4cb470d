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
    assert explanation.text.startswith("Out: the objection “O” (weight 1) against it outweighs")
    assert explanation.decisive == "against"


def test_an_undercut_reason_is_named_with_its_undercut():
    m = build(
        ["claim", ("e", "accepted"), ("u", "accepted")],
        [("r", "support", "e", "claim"), ("cut", "attack", "u", "r")],
    )
    text = evaluate(m).why("claim").text
    assert (
        text
        == "Out: no argument for it carries weight: the reason “E” is undercut by the undercut “U”."
    )


def test_an_undecided_statement_names_the_argument_that_cannot_be_weighed():
    text = evaluate(dung(["a", "b"], [("a", "b"), ("b", "a")])).why("a").text
    assert text.startswith("Undecided: the objection “B” cannot be weighed")
    assert "“B” is undecided" in text


def test_a_tie_under_the_standard_says_what_the_standard_asks():
    m = build(
        ["claim", ("e", "accepted"), ("o", "accepted")],
        [("for", "support", "e", "claim"), ("against", "attack", "o", "claim")],
    )
    text = evaluate(m).why("claim").text
    assert text.startswith(
        "Out: the strongest argument for it, the reason “E” (weight 1), does not beat"
    )
