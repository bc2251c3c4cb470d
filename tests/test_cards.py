"""Titles-only cards: each card shows its title (or its text's first words) and its speaker."""

from __future__ import annotations

import html
import json
import re
import unicodedata

import pytest
from conftest import MAPS, small_map
from drawing_geometry import node_boxes

from argmap.cli import main
from argmap.files import load_map, save_map
from argmap.model import ArgumentMap, Attribution, Statement
from argmap.render.cards import (
    SHORT_COLUMNS,
    SHORT_WORDS,
    CardLines,
    Cards,
    CardText,
    card_size,
    measure_card,
    short_text,
)
from argmap.render.dot import DotOptions, build_dot, statement_label
from argmap.render.engine import find_engine, run_graphviz
from argmap.render.export import render_map
from argmap.theme import columns, get_theme

THEME = get_theme(None)
LONG_TEXT = (
    "A defence treaty would bind Washington to come to Israel's aid in any war, "
    "and would limit Israel's own freedom to act"
)
TITLED = Statement(
    id="treaty",
    title="Seek a treaty",
    text=LONG_TEXT,
    attribution=Attribution(speaker="Benjamin Netanyahu", date="2023", quote="We will seek it"),
)
UNTITLED = Statement(id="untitled", text=LONG_TEXT, attribution=Attribution(speaker="Goren"))


def test_a_titles_only_card_shows_the_title_and_the_speaker_but_not_the_text():
    label = statement_label(TITLED, THEME, Cards.TITLES)
    assert "Seek a treaty" in label
    assert "Benjamin<br/>Netanyahu, 2023" in label  # wrapped at TITLE_WRAP like the title
    assert "Washington" not in label
    assert "We will seek it" not in label


def test_a_full_card_shows_the_text_as_well():
    label = statement_label(TITLED, THEME, Cards.FULL)
    assert "Seek a treaty" in label
    assert "Washington" in label


def test_a_statement_without_a_title_shows_the_first_words_of_its_text():
    card = CardLines(THEME, Cards.TITLES)(UNTITLED)
    assert card.title == []
    assert " ".join(card.text) == " ".join(LONG_TEXT.split()[:SHORT_WORDS]) + "…"
    assert card.attribution == ["— Goren"]
    assert "come…" in statement_label(UNTITLED, THEME, Cards.TITLES)


def test_a_short_text_is_shown_whole_without_an_ellipsis():
    assert short_text("Arab opposition") == "Arab opposition"
    assert short_text(" ".join(["word"] * SHORT_WORDS)) == " ".join(["word"] * SHORT_WORDS)


def test_a_shortened_text_drops_the_punctuation_before_the_ellipsis():
    text = "First, second, third, fourth, fifth, sixth, seventh, eighth, ninth"
    assert short_text(text, 3) == "First, second, third…"


def test_a_text_without_spaces_is_shortened_by_columns():
    text = "日本語のテキストはスペースなしで長く続くことがあります。これはカードの幅を超えます。"
    shown = short_text(text)
    assert shown.endswith("…")
    assert text.startswith(shown[:-1])
    assert SHORT_COLUMNS - 2 < columns(shown[:-1]) <= SHORT_COLUMNS


def test_a_wide_character_is_estimated_a_full_em_wide():
    def width(line: str) -> float:
        return measure_card(CardText([], [line], []), THEME)[0]

    assert width("日本語日本語") - width("日本語") == pytest.approx(3 * THEME.font_size)


def test_the_svg_hover_text_of_a_titles_only_card_is_its_whole_text():
    argument_map = ArgumentMap(statements=[TITLED])
    source = build_dot(argument_map, DotOptions(cards=Cards.TITLES))
    assert "Washington" in source.split("tooltip=", 1)[1]
    assert "Washington" not in source.split("tooltip=", 1)[0]


@pytest.mark.parametrize("path", MAPS, ids=[p.stem for p in MAPS])
def test_every_statement_of_the_seed_maps_has_a_title(path):
    assert all(statement.title for statement in load_map(path).statements)


@pytest.mark.parametrize("path", MAPS, ids=[p.stem for p in MAPS])
def test_titles_only_card_sizes_are_estimated_within_a_fifth_of_graphvizs(path):
    """Folding chooses its shape from these estimates (heights run high by up to 15 %)."""
    argument_map = load_map(path)
    source = build_dot(argument_map, DotOptions(cards=Cards.TITLES))
    boxes = node_boxes(json.loads(run_graphviz(find_engine(), source, "json")))
    for statement in argument_map.statements:
        left, bottom, right, top = boxes[statement.id]
        width, height = card_size(statement, THEME, cards=Cards.TITLES)
        assert width == pytest.approx(right - left, rel=0.1), statement.id
        assert height == pytest.approx(top - bottom, rel=0.2), statement.id


def test_titles_only_cards_are_smaller():
    for statement in load_map(MAPS[0]).statements:
        full = card_size(statement, THEME)
        titles = card_size(statement, THEME, cards=Cards.TITLES)
        assert titles[0] * titles[1] < full[0] * full[1], statement.id


def claim_label(source: str) -> str:
    """The label of the card named ``claim`` in DOT source."""
    return source.split("\tclaim [label=", 1)[1].split("</table>", 1)[0]


def test_the_cli_draws_titles_only_cards_when_asked(tmp_path):
    argument_map = small_map()
    title = argument_map.statement("claim").title
    path = tmp_path / "map.argmap"
    save_map(argument_map, path, backup=False)
    full, titles = tmp_path / "full.dot", tmp_path / "titles.dot"
    assert main(["export", str(path), "-o", str(full)]) == 0
    assert main(["export", str(path), "-o", str(titles), "--cards", "titles"]) == 0
    assert "would serve" in claim_label(full.read_text(encoding="utf-8"))
    assert "would serve" not in claim_label(titles.read_text(encoding="utf-8"))
    assert title in claim_label(titles.read_text(encoding="utf-8"))


def test_the_cli_refuses_an_unknown_card_style(tmp_path, capsys):
    assert main(["export", str(MAPS[0]), "-o", str(tmp_path / "x.dot"), "--cards", "tiny"]) == 2
    assert "--cards" in capsys.readouterr().err


def drawn_text(page: str) -> str:
    """All text drawn in the SVG of an HTML page, lines joined by spaces."""
    svg = page.split("<svg", 1)[1].split("</svg>", 1)[0]
    return " ".join(html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg))


def test_the_html_page_draws_full_cards_by_default():
    page = render_map(small_map(), "html").decode("utf-8")
    assert "serve Israel" in drawn_text(page)


def test_an_html_page_with_titles_only_cards_still_holds_the_whole_text():
    argument_map = small_map()
    page = render_map(argument_map, "html", cards="titles").decode("utf-8")
    assert argument_map.statement("claim").title in drawn_text(page)
    assert "serve Israel" not in drawn_text(page)
    assert "serve Israel" in page  # the map's data, which the side panel shows


@pytest.mark.parametrize("cards", [Cards.FULL, Cards.TITLES])
def test_a_title_of_spaces_draws_no_empty_bold_line(cards):
    """Graphviz rejects ``<b></b>``: a blank title is left out, and the card still draws."""
    statement = Statement(id="blank", text="", title="   ")
    label = statement_label(statement, THEME, cards)
    assert "<b></b>" not in label
    run_graphviz(find_engine(), f"digraph {{ n [label={label}] }}", "svg")


def test_a_line_of_english_text_that_starts_with_an_arabic_word_keeps_reading_left_to_right():
    """A PDF (drawn with Qt) guesses each line's direction from its first letter."""
    statement = Statement(id="m", text="Mixed עברית and English and العربية 123 in one line")
    label = statement_label(statement, get_theme(None))
    lines = label.split("<br/>")
    second = next(line for line in lines if "in one line" in line)
    assert second.startswith("\u2066العربية")  # LEFT-TO-RIGHT ISOLATE, then the line
    assert "\u2067" not in label  # no line of it is right to left


def test_every_right_to_left_letter_is_noticed_on_a_card_otherwise_left_to_right():
    """The quick look that spares most cards the direction marks misses no RTL character."""
    missed = []
    for code in range(0x110000):
        char = chr(code)
        if unicodedata.bidirectional(char) not in ("R", "AL"):
            continue
        statement = Statement(id="m", text="Read — this", title=f"A {char} title")
        if "\u2066" not in statement_label(statement, THEME):  # its line is not marked
            missed.append(hex(code))
    assert not missed


def test_a_card_in_one_direction_with_quotes_and_dashes_needs_no_marks():
    statement = Statement(
        id="m",
        text="“Quoted” — and ‘more’ … & <tags> \\N",
        attribution=Attribution(speaker="Müller", date="1990s"),
    )
    label = statement_label(statement, THEME)
    assert "\u2066" not in label
    assert "\u2067" not in label
    assert "&lt;tags&gt;" in label
    assert "\\\\N" in label
