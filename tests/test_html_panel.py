"""The HTML page's details panel in headless Chromium: what it says about a card's arguments."""

from __future__ import annotations

import pytest
from page_helpers import card, center, open_page, words

from argmap.model import ArgumentMap, Attribution, Relation, Statement
from argmap.render.export import export_map


def _relations() -> ArgumentMap:
    """A claim, a reason whose arrow is quoted and weighed, an objection, and an undercut."""
    return ArgumentMap(
        title="Relations",
        statements=[
            Statement(id="claim", title="Claim", text="We should build the bridge."),
            Statement(id="reason", title="Reason", text="The bridge saves an hour of driving."),
            Statement(id="objection", title="Objection", text="The bridge costs too much."),
            Statement(id="rebuttal", title="Rebuttal", text="It pays for itself in ten years."),
            Statement(id="undercut", title="Undercut", text="Saved time alone justifies nothing."),
        ],
        relations=[
            Relation(
                id="r1",
                kind="support",
                premises=["reason"],
                target="claim",
                attribution=Attribution(speaker="Mayor", quote="an hour saved every day"),
                weight=0.8,
            ),
            Relation(id="r2", kind="attack", premises=["objection"], target="claim"),
            Relation(id="r3", kind="attack", premises=["rebuttal"], target="objection"),
            Relation(id="r4", kind="attack", premises=["undercut"], target="r1"),
        ],
    )


@pytest.fixture(scope="module")
def relations(tmp_path_factory):
    return export_map(_relations(), tmp_path_factory.mktemp("panel") / "relations.html")


@pytest.fixture
def page(browser):
    opened = browser.new_page()
    yield opened
    opened.close()


def _panel_of(page, statement_id: str) -> str:
    page.click(*center(page, card(statement_id)))
    return words(page.evaluate("document.getElementById('_details').innerText"))


@pytest.mark.parametrize(("attack", "target"), [("objection", "Claim"), ("rebuttal", "Objection")])
def test_an_attack_argues_against_what_it_attacks(page, relations, attack, target):
    open_page(page, relations)
    shown = _panel_of(page, attack)
    assert f"Argues against {target}" in shown
    assert "Argues for" not in shown


def test_an_undercut_names_the_inference_it_questions(page, relations):
    open_page(page, relations)
    assert "Questions the inference Reason \u2192 Claim" in _panel_of(page, "undercut")


def test_a_premise_shows_its_arrow_s_quote_speaker_weight_and_what_questions_it(page, relations):
    open_page(page, relations)
    shown = _panel_of(page, "reason")
    assert "Argues for Claim" in shown
    for field in ("an hour saved every day", "Speaker Mayor Weight 0.8"):
        assert field in shown
    assert "Its inference is questioned by Undercut" in shown
    page.evaluate(
        "[...document.querySelectorAll('#_details button')]"
        ".find((b) => b.textContent === 'Undercut').click()"
    )
    assert "Questions the inference" in words(
        page.evaluate("document.getElementById('_details').innerText")
    )
    assert page.errors() == []
