"""The HTML export in a real browser: headless Chromium, driven as a user would drive it.

Without a Chromium these tests are skipped, except in CI (``CI=true``), where
``.ci/run`` installs one and its absence is a failure. Keyboard, touch, phone
screens and printing are in ``test_html_interaction.py``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import MAPS
from page_helpers import (
    MAP_CASES,
    card,
    center,
    displayed,
    export_cases,
    longest_word,
    open_page,
    search,
    unique_text_with_quote,
    words,
)
from PySide6.QtGui import QImage

from argmap.files import load_map
from argmap.model import ArgumentMap, Attribution, Relation, Source, Statement
from argmap.render.export import export_map

HOSTILE = '</script><script>document.title="pwned"</script><img src=x onerror="alert(1)">'


def _hostile_map() -> ArgumentMap:
    return ArgumentMap(
        title=HOSTILE,
        statements=[
            Statement(id="claim", text=HOSTILE, title=HOSTILE, tags=[HOSTILE], note=HOSTILE),
            Statement(
                id="reason",
                text="A reason " + HOSTILE,
                attribution=Attribution(speaker=HOSTILE, quote=HOSTILE, source="src"),
            ),
        ],
        relations=[Relation(id="r1", kind="support", premises=["reason"], target="claim")],
        sources=[Source(id="src", title=HOSTILE, url="javascript:alert(1)")],
    )


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """Each map of MAP_CASES, exported once as a page: name -> (map, page path)."""
    return export_cases(tmp_path_factory.mktemp("pages"))


def _foldable(argument_map: ArgumentMap) -> tuple[Statement, str]:
    """A statement and a premise below it that is a premise of nothing else."""
    for statement in argument_map.statements:
        below = [r for r in argument_map.relations if r.target == statement.id]
        for relation in below:
            for premise in relation.premises:
                uses = [r for r in argument_map.relations if premise in r.premises]
                if all(r.target == statement.id for r in uses):
                    return statement, premise
    raise AssertionError("the map has no branch to fold")


@pytest.mark.parametrize("name", list(MAP_CASES))
def test_the_page_loads_without_console_errors(page, exported, name):
    open_page(page, exported[name][1])
    assert page.errors() == []


@pytest.mark.parametrize("name", list(MAP_CASES))
def test_every_statement_text_is_on_the_page(page, exported, name):
    argument_map, path = exported[name]
    open_page(page, path)
    page.click(*center(page, "document.getElementById('_list')"))
    shown = words(page.evaluate("document.getElementById('_outline').innerText"))
    missing = [s.id for s in argument_map.statements if words(s.text) not in shown]
    assert missing == []


@pytest.mark.parametrize("name", list(MAP_CASES))
def test_searching_a_word_highlights_itscard(page, exported, name):
    argument_map, path = exported[name]
    open_page(page, path)
    wanted = unique_text_with_quote(argument_map)
    word = longest_word(wanted.text)
    search(page, word)
    assert page.evaluate(f"{card(wanted.id)}.classList.contains('_match')")
    stroke = page.evaluate(f"getComputedStyle({card(wanted.id)}.querySelector('path')).stroke")
    assert stroke in ("rgb(245, 183, 0)", "rgb(230, 81, 0)")  # a match, or the current one
    assert re.fullmatch(r"\d+ of \d+", page.evaluate("document.getElementById('_count').value"))


@pytest.mark.parametrize("name", list(MAP_CASES))
def test_clicking_a_card_opens_the_panel_with_its_quote(page, exported, name):
    argument_map, path = exported[name]
    open_page(page, path)
    wanted = unique_text_with_quote(argument_map)
    search(page, wanted.text)
    assert page.evaluate("document.querySelector('._current').id") == wanted.id
    page.click(*center(page, card(wanted.id)))
    assert page.evaluate("document.getElementById('_panel').hidden") is False
    details = words(page.evaluate("document.getElementById('_details').innerText"))
    assert words(wanted.attribution.quote) in details
    assert words(wanted.text) in details
    assert page.errors() == []


@pytest.mark.parametrize("name", list(MAP_CASES))
def test_folding_a_card_hides_its_branch_and_unfolding_shows_it(page, exported, name):
    argument_map, path = exported[name]
    open_page(page, path)
    statement, premise = _foldable(argument_map)
    search(page, statement.text)
    fold = f"{card(statement.id)}.nextElementSibling.querySelector('circle')"
    assert displayed(page, premise)
    page.click(*center(page, fold))
    assert not displayed(page, premise)
    page.click(*center(page, fold))
    assert displayed(page, premise)
    assert page.errors() == []


@pytest.mark.parametrize("name", list(MAP_CASES))
def test_a_screenshot_shows_the_map(page, exported, name):
    open_page(page, exported[name][1])
    image = QImage.fromData(page.screenshot(), "PNG")
    assert not image.isNull()
    colours = set()
    inked = 0
    for y in range(0, image.height(), 4):
        for x in range(0, image.width(), 4):
            rgb = image.pixel(x, y) & 0xFFFFFF
            colours.add(rgb)
            inked += rgb != 0xFFFFFF
    assert len(colours) > 8
    assert inked > image.width() * image.height() / 16 / 50  # more than 2% of the samples


def test_user_text_is_shown_as_text_and_never_runs(page, tmp_path):
    path = export_map(_hostile_map(), tmp_path / "hostile.html")
    open_page(page, path)
    page.click(*center(page, card("reason")))
    assert page.errors() == []
    assert page.evaluate("document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert page.evaluate("document.scripts.length") == 3
    assert page.evaluate("document.title") == HOSTILE
    details = page.evaluate("document.getElementById('_details').innerText")
    assert HOSTILE in details
    assert page.evaluate("document.querySelectorAll('#_details a').length") == 0


def test_the_page_may_not_reach_the_network(page, exported):
    open_page(page, exported[next(iter(MAP_CASES))][1])
    blocked = page.evaluate(
        "new Promise((done) => {"
        " document.addEventListener('securitypolicyviolation', (e) => done(e.effectiveDirective));"
        " fetch('http://127.0.0.1:9/').catch(() => {}); })",
        wait=True,
    )
    assert blocked == "connect-src"


def test_evaluation_labels_are_shown_on_the_card_and_in_the_panel(page, tmp_path):
    argument_map = _hostile_map()
    path = export_map(argument_map, tmp_path / "labels.html", labels={"reason": "out"})
    open_page(page, path)
    assert page.evaluate(f"{card('reason')}.classList.contains('_label-out')")
    page.click(*center(page, card("reason")))
    assert "Evaluation: out" in page.evaluate("document.getElementById('_details').innerText")


def test_fields_the_page_does_not_know_are_listed_in_the_panel(page, tmp_path):
    argument_map = load_map(MAPS[0])
    path = export_map(argument_map, tmp_path / "fields.html")
    text = path.read_text(encoding="utf-8")
    statement = unique_text_with_quote(argument_map)
    # A field a later file format may add: the page lists it without knowing it.
    marker = f'{{"id":{json.dumps(statement.id)},'
    assert marker in text
    path.write_text(text.replace(marker, marker + '"verdict":"contested",', 1), encoding="utf-8")
    open_page(page, path)
    search(page, statement.text)
    page.click(*center(page, card(statement.id)))
    details = page.evaluate("document.getElementById('_details').innerText")
    assert "Verdict" in details
    assert "contested" in details


def _line_edges(page, statement_id: str) -> list[tuple[float, float]]:
    """The left and right edge on screen of each line drawn on a card."""
    boxes = page.evaluate(
        f"[...{card(statement_id)}.querySelectorAll('text')].map((t) => {{"
        " const r = t.getBoundingClientRect(); return [r.left, r.right]; })"
    )
    return [(left, right) for left, right in boxes]


def test_the_lines_of_a_hebrew_card_end_flush_with_its_right_side(page, tmp_path):
    argument_map = ArgumentMap(
        statements=[
            Statement(
                id="hebrew",
                title="ביטחון",
                text="ישראל צריכה לחתום על ברית הגנה עם ארצות הברית כדי להבטיח את עתידה!",
                attribution=Attribution(speaker="רבין", date="1990"),
            ),
            Statement(
                id="english",
                text="A reason in English that takes more than one line on its card.",
                attribution=Attribution(speaker="פרס"),
            ),
        ],
        relations=[Relation(id="r1", kind="support", premises=["english"], target="hebrew")],
    )
    open_page(page, export_map(argument_map, tmp_path / "rtl.html"))
    rights = [right for _, right in _line_edges(page, "hebrew")]
    assert len(rights) == 4
    assert max(rights) - min(rights) < 1  # italic letters lean out a little
    lefts = [left for left, _ in _line_edges(page, "english")]
    assert len(lefts) == 3
    assert max(lefts) - min(lefts) < 0.5  # a left-to-right card stays flush left


@pytest.mark.parametrize("cards", ["full", "titles"])
def test_the_lines_of_a_japanese_card_stay_inside_it(page, tmp_path, cards):
    text = (
        "日本語のテキストはスペースなしで長く続くことがあります。"
        "これはカードの幅を超える可能性があります。中文文本也没有空格。"
    )
    argument_map = ArgumentMap(
        statements=[
            Statement(id="claim", text="Claim"),
            Statement(id="ja", text=text),
            Statement(id="en", text="An English neighbour card"),
        ],
        relations=[
            Relation(id="r1", kind="support", premises=["ja"], target="claim"),
            Relation(id="r2", kind="support", premises=["en"], target="claim"),
        ],
    )
    open_page(page, export_map(argument_map, tmp_path / "ja.html", cards=cards))
    border = page.evaluate(f"{card('ja')}.querySelector('path').getBoundingClientRect().right")
    rights = [right for _, right in _line_edges(page, "ja")]
    assert rights
    assert max(rights) <= border


def test_every_group_title_of_a_tree_layout_stays_inside_its_box(page, tmp_path):
    path = Path(__file__).parent / "data" / "groups" / "nested-groups.argmap"
    open_page(page, export_map(load_map(path), tmp_path / "groups.html", layout="tree"))
    overflows = page.evaluate(
        "[...document.querySelectorAll('g.cluster')].flatMap((box) => {"
        " const right = box.querySelector('path').getBoundingClientRect().right;"
        " return [...box.querySelectorAll('text')]"
        "   .filter((t) => t.getBoundingClientRect().right > right - 2)"
        "   .map((t) => t.textContent); })"
    )
    assert overflows == []
