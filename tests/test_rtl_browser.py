"""Hebrew and Arabic in the exports, as a reader sees them in a browser (headless Chromium).

A right-to-left line reads from the right: its final "!" or full stop stands at its
left end, and an English line in the same card still reads from the left.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argmap.model import ArgumentMap, Attribution, Group, Relation, Statement
from argmap.render.export import export_map

HEBREW = 'ישראל צריכה אמנה עם ארה"ב (2023) — כן!'
ENGLISH = "A treaty binds both sides (2023)!"


def _map() -> ArgumentMap:
    return ArgumentMap(
        statements=[
            Statement(id="he", text=HEBREW, attribution=Attribution(speaker="Rabin", date="1994")),
            Statement(id="en", text=ENGLISH, attribution=Attribution(speaker="רבין", date="1994")),
        ],
        relations=[
            Relation(id="r2", kind="attack", premises=["en"], target="he"),
        ],
    )


@pytest.fixture(scope="module")
def svg(tmp_path_factory) -> Path:
    return export_map(_map(), tmp_path_factory.mktemp("rtl") / "rtl.svg")


def _x(page, words: str, char: str) -> float:
    """Where ``char`` of the SVG line holding ``words`` is drawn, from the left."""
    found: float = page.evaluate(
        "(() => { const t = [...document.querySelectorAll('text')]"
        f".find((e) => e.textContent.includes({json.dumps(words)}));"
        f" return t.getStartPositionOfChar(t.textContent.indexOf({json.dumps(char)})).x; }})()"
    )
    return found


def test_a_hebrew_line_ends_with_its_exclamation_mark_at_the_left(page, svg):
    page.open(svg, "document.readyState === 'complete'")
    assert _x(page, "כן!", "!") < _x(page, "כן!", "כ")


def test_a_hebrew_speaker_under_an_english_text_reads_from_the_right(page, svg):
    page.open(svg, "document.readyState === 'complete'")
    assert _x(page, "רבין", "—") > _x(page, "רבין", "ר") > _x(page, "רבין", "1")


def test_the_list_view_reads_a_hebrew_statement_from_the_right(page, tmp_path):
    path = export_map(_map(), tmp_path / "rtl.html")
    page.open(path, "document.documentElement.dataset.ready")
    page.evaluate("document.getElementById('_list').click()")
    item = (
        "[...document.querySelectorAll('#_outline li > div')]"
        ".find((d) => d.textContent.includes('כן!'))"
    )
    assert page.evaluate(f"getComputedStyle({item}).direction") == "rtl"
    speaker = f"{item}.querySelector('.who')"
    assert page.evaluate(f"getComputedStyle({speaker}).direction") == "ltr"


def _chain(texts: list[str]) -> ArgumentMap:
    """Each statement a reason for the one before it; the last one an objection to the first."""
    statements = [Statement(id=f"s{i}", text=text) for i, text in enumerate(texts)]
    relations = [
        Relation(id=f"r{i}", kind="support", premises=[f"s{i}"], target=f"s{i - 1}")
        for i in range(1, len(texts) - 1)
    ]
    relations.append(Relation(id="o", kind="attack", premises=[f"s{len(texts) - 1}"], target="s0"))
    return ArgumentMap(statements=statements, relations=relations)


@pytest.mark.parametrize(
    ("texts", "side"),
    [
        (["ברית הגנה", "ברית תרתיע", "הרתעה עבדה", "דוגמה היסטורית", "התנגדות"], "right"),
        (["A treaty", "It deters", "Deterrence worked", "An example", "An objection"], "left"),
    ],
)
def test_the_list_is_nested_from_the_side_the_map_reads_from(page, tmp_path, texts, side):
    page.open(
        export_map(_chain(texts), tmp_path / "chain.html"), "document.documentElement.dataset.ready"
    )
    page.evaluate("document.getElementById('_list').click()")
    edges = page.evaluate(
        "[...document.querySelectorAll('#_outline li > div')]"
        f".map((d) => d.getBoundingClientRect().{side})"
    )
    inward = [edge if side == "left" else -edge for edge in edges]
    assert inward[0] < inward[1] < inward[2] < inward[3]  # each reason deeper than the last
    assert inward[0] < inward[4] < inward[2]  # the objection to the main claim, one level in


def test_a_hebrew_quote_in_the_panel_has_its_bar_on_the_right(page, tmp_path):
    quoted = Statement(
        id="he", text=HEBREW, attribution=Attribution(speaker="רבין", quote="ישראל צריכה אמנה")
    )
    page.open(
        export_map(ArgumentMap(statements=[quoted]), tmp_path / "quote.html"),
        "document.documentElement.dataset.ready",
    )
    page.evaluate(
        "document.getElementById('he').dispatchEvent(new MouseEvent('click', {bubbles: true}))"
    )
    quote = "getComputedStyle(document.querySelector('#_details blockquote'))"
    assert page.evaluate(f"{quote}.borderRightWidth") == "4px"
    assert page.evaluate(f"{quote}.borderLeftWidth") == "0px"


def test_a_hebrew_map_title_and_group_title_end_with_their_marks_at_the_left(page, tmp_path):
    argument_map = ArgumentMap(
        title="האם ישראל צריכה ברית הגנה?",
        statements=[
            Statement(id="c", text="ישראל צריכה ברית הגנה"),
            Statement(id="r", text="ברית תרתיע אויבים"),
        ],
        relations=[Relation(id="r1", kind="support", premises=["r"], target="c")],
        groups=[Group(id="g", title="שנות ה-90!", statements=["r"])],
    )
    page.open(
        export_map(argument_map, tmp_path / "titles.svg"), "document.readyState === 'complete'"
    )
    assert _x(page, "ברית הגנה?", "?") < _x(page, "ברית הגנה?", "ה")
    assert _x(page, "שנות ה-90!", "!") < _x(page, "שנות ה-90!", "ש")
