"""The HTML page's List view in headless Chromium: searching it, going to cards from it."""

from __future__ import annotations

import pytest
from conftest import MAPS, small_map
from page_helpers import card, center, open_page, rect, search, view_box

from argmap.evaluation import evaluate
from argmap.files import load_map
from argmap.model import ArgumentMap, Relation, Statement
from argmap.render.export import export_map

PACT = next(path for path in MAPS if path.stem == "us-saudi-defense-pact")
ENTER = ("Enter", 13)


@pytest.fixture(scope="module")
def pact(tmp_path_factory):
    argument_map = load_map(PACT)
    folder = tmp_path_factory.mktemp("list")
    return argument_map, export_map(argument_map, folder / "pact.html", legend=True)


def _click(page, element_id: str) -> None:
    page.evaluate(f"document.getElementById({element_id!r}).click()")


def _in_view(page, statement_id: str) -> bool:
    box, shown = rect(page, card(statement_id)), rect(page, "document.getElementById('_view')")
    return (
        box["width"] > 0
        and box["left"] >= shown["left"] - 0.5
        and box["right"] <= shown["right"] + 0.5
        and box["top"] >= shown["top"] - 0.5
        and box["bottom"] <= shown["bottom"] + 0.5
    )


def test_searching_the_list_marks_its_matches_and_the_map_shows_the_match_when_back(page, pact):
    open_page(page, pact[1])
    before = view_box(page)
    _click(page, "_list")
    search(page, "yemen")
    found = page.evaluate("document.querySelectorAll('g.node._match').length")
    assert found > 2
    marked = "document.querySelectorAll('#_outline ._match').length"
    assert page.evaluate(marked) == found
    page.press(*ENTER)
    page.press(*ENTER)
    assert page.evaluate("document.getElementById('_count').value") == f"3 of {found}"
    current = "document.querySelector('#_outline ._current')"
    assert page.evaluate(f"{current}.textContent.toLowerCase().includes('yemen')")
    outline = rect(page, "document.getElementById('_outline')")
    shown = rect(page, current)
    assert outline["top"] <= shown["top"]
    assert shown["bottom"] <= outline["bottom"]
    assert view_box(page) == pytest.approx(before)  # the hidden map is left alone
    _click(page, "_list")
    match = page.evaluate("document.querySelector('g.node._current').id")
    assert _in_view(page, match)
    assert page.errors() == []


def test_a_panel_link_followed_in_the_list_keeps_the_keyboard_and_shows_the_card_later(page, pact):
    argument_map, path = pact
    main_claim = argument_map.statements[0].id
    open_page(page, path)
    page.click(*center(page, card(main_claim)))
    _click(page, "_list")
    before = view_box(page)
    page.evaluate("document.querySelector('#_details li button').click()")
    chosen = page.evaluate("document.getElementById('_details').querySelector('h2').textContent")
    assert chosen
    assert page.evaluate("document.activeElement !== document.body")
    assert view_box(page) == pytest.approx(before)
    _click(page, "_list")
    shown = next(s.id for s in argument_map.statements if chosen in (s.title, s.text))
    assert _in_view(page, shown)
    assert page.errors() == []


def test_evaluated_labels_are_in_the_cards_accessible_names_and_in_the_list(page, tmp_path):
    argument_map = load_map(PACT)
    labels = {sid: str(label) for sid, label in evaluate(argument_map).statements.items()}
    path = export_map(argument_map, tmp_path / "evaluated.html", evaluate=True)
    open_page(page, path)
    names = page.evaluate(
        "Object.fromEntries([...document.querySelectorAll('g.node[tabindex]')]"
        ".map((g) => [g.id, g.getAttribute('aria-label')]))"
    )
    assert all(f"evaluation {labels[sid]}" in name for sid, name in names.items())
    _click(page, "_list")
    listed = page.evaluate("document.getElementById('_outline').innerText")
    assert listed.count("evaluation ") == len(argument_map.statements)
    for label in set(labels.values()):
        assert f"evaluation {label}" in listed


def test_search_finds_what_the_reader_sees_not_a_source_s_id(page, pact):
    argument_map, path = pact
    quoting = [s for s in argument_map.statements if s.attribution and s.attribution.source]
    source = next(s for s in argument_map.sources if s.id == quoting[0].attribution.source)
    open_page(page, path)
    search(page, source.id)
    assert source.id.lower() not in source.title.lower()
    assert page.evaluate("document.getElementById('_count').value") == "no match"
    search(page, source.title)
    using = [s for s in quoting if s.attribution.source == source.id]
    assert page.evaluate("document.getElementById('_count').value") == f"1 of {len(using)}"


def test_the_list_calls_a_rebuttal_a_rebuttal(page, tmp_path):
    open_page(page, export_map(small_map(), tmp_path / "small.html"))
    _click(page, "_list")
    kinds = page.evaluate(
        "Object.fromEntries([...document.querySelectorAll('#_outline li > div')].map((d) =>"
        " [d.querySelector('.body').textContent, d.querySelector('.kind')?.textContent]))"
    )
    assert kinds["A narrow treaty need not limit it"] == "rebuttal"
    assert kinds["It would limit freedom of action"] == "objection"
    assert kinds["The offers were political gimmicks"] == "undercut"


def _shared_reason_map() -> ArgumentMap:
    """One reason for two claims, with an objection to it; and two claims for each other."""
    return ArgumentMap(
        title="Shared",
        statements=[
            Statement(id="taxes", text="Lower the taxes"),
            Statement(id="schools", text="Fund the schools"),
            Statement(id="growth", text="Growth pays for both"),
            Statement(id="doubt", text="Growth is not assured"),
            Statement(id="left", text="The left claim"),
            Statement(id="right", text="The right claim"),
        ],
        relations=[
            Relation(id="r1", kind="support", premises=["growth"], target="taxes"),
            Relation(id="r2", kind="support", premises=["growth"], target="schools"),
            Relation(id="r3", kind="attack", premises=["doubt"], target="growth"),
            Relation(id="r4", kind="support", premises=["right"], target="left"),
            Relation(id="r5", kind="support", premises=["left"], target="right"),
        ],
    )


def test_a_reason_for_two_claims_is_listed_under_each_and_its_branch_once(page, tmp_path):
    open_page(page, export_map(_shared_reason_map(), tmp_path / "shared.html"))
    _click(page, "_list")
    under = page.evaluate(
        "Object.fromEntries([...document.querySelectorAll('#_outline li')].map((li) =>"
        " [li.querySelector('.body').textContent,"
        " [...li.querySelectorAll(':scope > ul > li > div > .body')].map((b) => b.textContent)]))"
    )
    assert under["Lower the taxes"] == ["Growth pays for both"]
    assert under["Fund the schools"] == ["Growth pays for both"]
    assert under["The right claim"] == ["The left claim"]  # round a circle, once
    listed = page.evaluate("document.getElementById('_outline').innerText")
    assert listed.count("Growth is not assured") == 1
    search(page, "growth pays")
    assert page.evaluate("document.querySelectorAll('#_outline ._match').length") == 2
    assert page.errors() == []
