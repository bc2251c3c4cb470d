"""The HTML page's details panel in headless Chromium: what it says about a card's arguments."""

from __future__ import annotations

import pytest
from conftest import MAPS, small_map
from page_helpers import card, center, displayed, open_page, rect, view_box, words

from argmap.files import load_map
from argmap.model import ArgumentMap, Attribution, Relation, Statement
from argmap.render.export import export_map

PACT = next(path for path in MAPS if path.stem == "us-saudi-defense-pact")


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


@pytest.fixture(scope="module")
def pact(tmp_path_factory):
    argument_map = load_map(PACT)
    path = export_map(argument_map, tmp_path_factory.mktemp("pact") / "pact.html", legend=True)
    return argument_map, path


def _open_first_card_by_keyboard(page, argument_map, path) -> str:
    """Open the page, focus the map's first card and press Enter; the card's id."""
    open_page(page, path)
    first = argument_map.statements[0].id
    page.evaluate(f"{card(first)}.focus()")
    page.press(*ENTER)
    return first


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


def _middle_and_scale(page) -> tuple[float, float, float]:
    x, y, width, _ = view_box(page)
    return x + width / 2, y, width / page.evaluate("document.getElementById('_view').clientWidth")


def test_folding_away_the_card_the_panel_shows_closes_it_and_keeps_the_view(page, pact):
    open_page(page, pact[1])
    page.click(*center(page, card("mbs-priority")))
    page.evaluate("document.getElementById('_fit').click()")
    before = _middle_and_scale(page)
    page.evaluate(
        f"{card('us-saudi-treaty')}.nextElementSibling.dispatchEvent(new MouseEvent('click'))"
    )
    assert not displayed(page, "mbs-priority")
    assert page.evaluate("document.getElementById('_panel').hidden") is True
    page.evaluate("new Promise((done) => requestAnimationFrame(done))", wait=True)
    middle, _, scale = _middle_and_scale(page)
    assert middle == pytest.approx(before[0], abs=1)
    assert scale == pytest.approx(before[2])
    assert displayed(page, "us-saudi-treaty")
    assert page.errors() == []


def test_a_group_whose_cards_are_all_folded_away_is_not_drawn_empty(page, pact):
    argument_map, path = pact
    open_page(page, path)
    boxes = "[...document.querySelectorAll('g.cluster')]"
    shown = f"{boxes}.filter((g) => getComputedStyle(g).display !== 'none').length"
    assert page.evaluate(shown) == len(argument_map.groups)
    fold = f"{card('saudi-price')}.nextElementSibling"
    page.evaluate(f"{fold}.dispatchEvent(new MouseEvent('click'))")
    assert page.evaluate(shown) == len(argument_map.groups)  # saudi-price is in its group
    page.evaluate(
        f"{card('us-saudi-treaty')}.nextElementSibling.dispatchEvent(new MouseEvent('click'))"
    )
    assert page.evaluate(shown) == 0
    page.evaluate(f"{fold}.dispatchEvent(new MouseEvent('click'))")  # still under the main claim
    page.evaluate("document.getElementById('_expand').click()")
    assert page.evaluate(shown) == len(argument_map.groups)


def test_a_group_s_band_goes_with_its_own_card_when_that_is_folded_away(page, tmp_path):
    argument_map = small_map()
    argument_map.groups[0].statements = ["claim", "narrow"]  # a box would hold freedom too
    open_page(page, export_map(argument_map, tmp_path / "bands.html", layout="tree"))
    bands = "[...document.querySelectorAll('g.cluster')]"
    shown = f"{bands}.filter((g) => getComputedStyle(g).display !== 'none').map((g) => g.id)"
    assert sorted(page.evaluate(shown)) == ["group-rabin-band-0", "group-rabin-band-1"]
    fold = f"{card('freedom')}.nextElementSibling"
    page.evaluate(f"{fold}.dispatchEvent(new MouseEvent('click'))")
    assert not displayed(page, "narrow")
    assert page.evaluate(shown) == ["group-rabin-band-0"]  # the band around the claim stays
    page.evaluate(f"{fold}.dispatchEvent(new MouseEvent('click'))")
    assert sorted(page.evaluate(shown)) == ["group-rabin-band-0", "group-rabin-band-1"]
    assert page.errors() == []


TAB, ENTER, ESCAPE = ("Tab", 9), ("Enter", 13), ("Escape", 27)


def _in_panel(page) -> bool:
    return bool(page.evaluate("document.getElementById('_panel').contains(document.activeElement)"))


def test_the_keyboard_goes_into_the_panel_it_opens_and_back_to_the_card(page, pact):
    argument_map, path = pact
    first = _open_first_card_by_keyboard(page, argument_map, path)
    assert _in_panel(page)
    page.press(*TAB)
    assert _in_panel(page)
    assert page.evaluate("document.activeElement.tagName") in {"A", "BUTTON", "SUMMARY"}
    page.press(*ESCAPE)
    assert page.evaluate("document.activeElement.id") == first


def test_the_panels_fold_button_keeps_the_keyboard_when_pressed(page, pact):
    argument_map, path = pact
    _open_first_card_by_keyboard(page, argument_map, path)
    page.evaluate("document.getElementById('_fold-branch').focus()")
    page.press(*ENTER)
    assert not displayed(page, "mbs-priority")
    focused = "document.activeElement"
    assert page.evaluate(f"{focused}.id") == "_fold-branch"
    assert page.evaluate(f"{focused}.textContent") == "Unfold this branch"
    page.press(*ENTER)
    assert displayed(page, "mbs-priority")
    assert page.evaluate(f"{focused}.textContent") == "Fold this branch"


def test_an_untitled_card_s_panel_names_its_role_once(page, tmp_path):
    alone = ArgumentMap(statements=[Statement(id="only", text="A claim without a title")])
    open_page(page, export_map(alone, tmp_path / "one.html"))
    page.click(*center(page, card("only")))
    assert page.evaluate("document.querySelector('#_details h2').textContent") == "Main claim"
    assert _panel_of(page, "only").lower().count("main claim") == 1


def test_fit_does_not_blow_up_a_small_map(page, tmp_path):
    alone = ArgumentMap(statements=[Statement(id="only", text="A claim without a title")])
    open_page(page, export_map(alone, tmp_path / "one.html"))
    for _ in range(2):  # as opened, and after Fit
        drawn = page.evaluate(f"{card('only')}.getBBox().width")
        assert rect(page, card("only"))["width"] <= drawn * 1.5 * 4 / 3 + 0.5
        page.evaluate("document.getElementById('_fit').click()")


def _mixed_directions() -> ArgumentMap:
    """A Hebrew claim with an English note, and an English reason quoting Hebrew."""
    return ArgumentMap(
        title="Mixed",
        statements=[
            Statement(id="claim", text="ישראל צריכה ברית הגנה.", note="The op-ed's claim."),
            Statement(
                id="reason",
                text="A treaty deters attack.",
                attribution=Attribution(speaker="נמרוד גורן", quote="ברית תרתיע תוקפים."),
            ),
        ],
        relations=[Relation(id="r1", kind="support", premises=["reason"], target="claim")],
    )


def test_a_text_in_the_other_direction_than_its_panel_reads_in_its_own(page, tmp_path):
    open_page(page, export_map(_mixed_directions(), tmp_path / "mixed.html"))
    direction = (
        "(() => {{ const found = [...document.querySelectorAll({0})]"
        ".find((e) => e.textContent.includes({1}));"
        " return getComputedStyle(found).direction; }})()"
    )
    page.click(*center(page, card("claim")))
    assert page.evaluate("getComputedStyle(document.getElementById('_details')).direction") == "rtl"
    assert page.evaluate(direction.format("'#_details dd *'", "'op-ed'")) == "ltr"
    assert page.evaluate(direction.format("'#_details li button'", "'deters'")) == "ltr"
    page.click(*center(page, card("reason")))
    assert page.evaluate("getComputedStyle(document.getElementById('_details')).direction") == "ltr"
    assert page.evaluate(direction.format("'#_details blockquote'", "'ברית'")) == "rtl"
    assert page.evaluate(direction.format("'#_details dd *'", "'גורן'")) == "rtl"
    assert page.evaluate(direction.format("'#_details li button'", "'ישראל'")) == "rtl"


def test_a_circle_of_reasons_folds_from_its_first_statement(page, tmp_path):
    circle = ArgumentMap(
        title="Circle",
        statements=[
            Statement(id="a", text="The Bible is true"),
            Statement(id="b", text="The Bible says so"),
            Statement(id="c", text="It is old"),
        ],
        relations=[
            Relation(id="r1", kind="support", premises=["b"], target="a"),
            Relation(id="r2", kind="support", premises=["a"], target="b"),
            Relation(id="r3", kind="support", premises=["c"], target="b"),
        ],
    )
    open_page(page, export_map(circle, tmp_path / "circle.html"))
    page.evaluate(f"{card('b')}.focus()")
    page.press("c", 67)
    assert [displayed(page, s) for s in "abc"] == [True, True, False]
    page.evaluate(f"{card('a')}.focus()")
    page.press("c", 67)
    assert [displayed(page, s) for s in "abc"] == [True, False, False]
    page.evaluate("document.getElementById('_list').click()")
    listed = page.evaluate("document.getElementById('_outline').innerText")
    assert listed.index("The Bible is true") < listed.index("The Bible says so")
    assert listed.index("The Bible says so") < listed.index("It is old")
    assert page.errors() == []


def test_a_long_note_s_summary_never_cuts_an_emoji_in_half(page, tmp_path):
    note = "a" * 119 + "\U0001f600" + "b" * 200  # the 120th character is an emoji
    one = ArgumentMap(statements=[Statement(id="only", text="A claim", note=note)])
    open_page(page, export_map(one, tmp_path / "one.html"))
    page.click(*center(page, card("only")))
    summary = page.evaluate("document.querySelector('#_details summary').textContent")
    assert summary == "a" * 119 + "\U0001f600" + "\u2026"
