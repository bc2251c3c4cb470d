"""The HTML page's search in headless Chromium: what an argument's arrow says is found too.

An arrow's speaker and quote are shown in the details panel of the cards it
comes from, so a search finds them and goes to the first of those cards.
"""

from __future__ import annotations

import pytest
from page_helpers import card, center, displayed, open_page, search

from argmap.model import ArgumentMap, Attribution, Relation, Source, Statement
from argmap.render.export import export_map


def _arrows() -> ArgumentMap:
    """A claim with a linked reason and an objection whose arrows are attributed."""
    return ArgumentMap(
        title="Arrows",
        statements=[
            Statement(id="claim", title="Claim", text="We should build the bridge."),
            Statement(
                id="reason",
                title="Reason",
                text="The bridge saves an hour of driving.",
                attribution=Attribution(speaker="Mayor Dunne"),
            ),
            Statement(id="traffic", title="Traffic", text="Traffic grows every year."),
            Statement(id="objection", title="Objection", text="The bridge costs too much."),
        ],
        relations=[
            Relation(
                id="r1",
                kind="support",
                premises=["reason", "traffic"],
                target="claim",
                attribution=Attribution(
                    speaker="Mayor Dunne", quote="an hour saved every day", source="hearing"
                ),
            ),
            Relation(
                id="r2",
                kind="attack",
                premises=["objection"],
                target="claim",
                attribution=Attribution(
                    speaker="Councillor Okafor", quote="the mayor forgets the upkeep"
                ),
            ),
        ],
        sources=[Source(id="hearing", title="Minutes of the council")],
    )


@pytest.fixture(scope="module")
def arrows(tmp_path_factory):
    return export_map(_arrows(), tmp_path_factory.mktemp("search") / "arrows.html")


def _count(page) -> str:
    found: str = page.evaluate("document.getElementById('_count').value")
    return found


def _current(page) -> str | None:
    found: str | None = page.evaluate(
        "(document.querySelector('#_view g.node._current') || {}).id || null"
    )
    return found


def test_an_arrow_s_quote_finds_the_card_it_comes_from(page, arrows):
    open_page(page, arrows)
    search(page, "hour saved every")
    assert _count(page) == "1 of 1"
    assert _current(page) == "reason"  # the first premise, not its co-premise
    assert not page.evaluate(f"{card('traffic')}.classList.contains('_match')")
    assert page.errors() == []


def test_an_arrow_s_speaker_finds_the_card_it_comes_from_even_folded_away(page, arrows):
    open_page(page, arrows)
    page.click(*center(page, f"{card('claim')}.nextElementSibling.querySelector('circle')"))
    assert not displayed(page, "objection")
    search(page, "okafor")
    assert _count(page) == "1 of 1"
    assert _current(page) == "objection"
    assert displayed(page, "objection")
    assert page.errors() == []


def test_a_card_whose_text_and_arrow_both_match_is_one_match(page, arrows):
    open_page(page, arrows)
    search(page, "mayor")  # the reason's speaker and its arrow's, and the objection's arrow
    assert _count(page) == "1 of 2"
    matched = "[...document.querySelectorAll('#_view g.node._match')].map((g) => g.id)"
    assert page.evaluate(matched) == ["reason", "objection"]
    page.press("Enter", 13)
    assert (_count(page), _current(page)) == ("2 of 2", "objection")
    page.press("Enter", 13)
    assert (_count(page), _current(page)) == ("1 of 2", "reason")
    search(page, "bridge")  # the card's own texts alone count as before
    assert _count(page) == "1 of 3"


def test_an_arrow_s_source_is_found_by_its_title_not_its_id(page, arrows):
    open_page(page, arrows)
    search(page, "hearing")
    assert _count(page) == "no match"
    search(page, "minutes of the council")
    assert _count(page) == "1 of 1"
    assert _current(page) == "reason"
