"""Wrapping card text: whole words, overlong words cut, the author's line breaks kept.

``wrap_text`` has its own fast path for ordinary prose; cards must still
break exactly where ``textwrap`` (which cards used before) breaks them, so
every case without wide characters is checked against it. Chinese and
Japanese text, whose characters are drawn twice as wide and which has no
spaces between words, is wrapped by columns.
"""

from __future__ import annotations

import textwrap
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.theme import columns, is_wide, maybe_wide, wrap_text


def textwrap_lines(text: str, width: int) -> list[str]:
    """What cards showed when every paragraph went through ``textwrap``."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        wrapped = textwrap.wrap(
            paragraph, width=width, break_long_words=True, break_on_hyphens=False
        )
        lines.extend(wrapped or [""])
    return lines


_words = st.sampled_from(
    ["a", "an", "treaty", "security,", "self-reliance", "x" * 12, "y" * 45, "שלום", "أمن",
     "naïve", "e\u0301", "—", "“quoted”", "𝔸", "1990s"]
)  # fmt: skip
# Mostly single spaces, sometimes what real text also contains: double spaces,
# tabs, line breaks of every kind, no-break and ideographic spaces.
_gaps = st.sampled_from([" "] * 12 + ["  ", "\t", "\n", "\r\n", "\u2028", "\xa0", "\u3000", " \n "])
_prose = st.lists(st.tuples(_words, _gaps), max_size=30).map(
    lambda pairs: "".join(word + gap for word, gap in pairs)
)


@given(text=_prose, width=st.integers(1, 50))
def test_wrapping_matches_textwrap_for_prose(text, width):
    assert wrap_text(text, width) == textwrap_lines(text, width)


@given(
    text=st.text(
        st.characters(blacklist_categories=("Cs",)).filter(lambda char: not is_wide(char)),
        max_size=80,
    ),
    width=st.integers(1, 40),
)
def test_wrapping_matches_textwrap_for_any_text_without_wide_characters(text, width):
    assert wrap_text(text, width) == textwrap_lines(text, width)


def test_words_are_kept_whole_and_lines_filled_greedily():
    text = "A formal guarantee deters attack and reassures allies in the region"
    assert wrap_text(text, 20) == [
        "A formal guarantee",
        "deters attack and",
        "reassures allies in",
        "the region",
    ]


def test_a_word_longer_than_a_line_is_cut():
    assert wrap_text("see " + "x" * 25, 10) == ["see xxxxxx", "xxxxxxxxxx", "xxxxxxxxx"]


def test_the_authors_line_breaks_are_kept():
    assert wrap_text("First line.\n\nThird line, after a blank one.", 34) == [
        "First line.",
        "",
        "Third line, after a blank one.",
    ]


def test_empty_text_is_one_empty_line():
    assert wrap_text("", 34) == [""]


def test_right_to_left_text_wraps_by_words():
    text = "הסכם הגנה עם ארצות הברית יגביל את חופש הפעולה של ישראל"
    lines = wrap_text(text, 20)
    assert len(lines) > 1
    assert " ".join(lines) == text
    assert all(len(line) <= 20 for line in lines)


def test_a_width_below_one_is_refused():
    with pytest.raises(ValueError, match="width"):
        wrap_text("text", 0)


JAPANESE = "日本語のテキストはスペースなしで長く続くことがあります。これはカードの幅を超えます。"


def test_a_wide_character_takes_two_columns():
    assert columns("abc") == 3
    assert columns("日本語") == 6
    assert columns("ａ😀") == 4  # full-width letters and emoji are wide too


def test_the_quick_look_for_wide_characters_misses_none():
    """``maybe_wide`` may say yes to text without one, never no to text with one.

    (Unicode's unassigned code points are left out: a few between U+2000 and
    U+22FF count as wide in Python's tables, and no text holds them.)
    """
    for code in range(0x110000):
        char = chr(code)
        if is_wide(char) and unicodedata.category(char) != "Cn":
            assert maybe_wide(f"a—{char}“b".encode("utf-8", "surrogatepass")), hex(code)


def test_dashes_quotes_and_accents_are_told_apart_from_wide_characters_at_once():
    assert not maybe_wide("“Señor” — 1990s, ‘Müller’ … ©".encode())
    assert maybe_wide("— ⌚".encode())  # U+231A, a wide character starting with E2
    assert maybe_wide("漢".encode())


def test_text_without_spaces_breaks_between_wide_characters_within_the_width():
    lines = wrap_text(JAPANESE, 20)
    assert len(lines) == 5
    assert "".join(lines) == JAPANESE
    assert all(columns(line) <= 20 for line in lines)


def test_closing_punctuation_and_the_prolonged_sound_mark_do_not_start_a_line():
    assert wrap_text("これはカードです。", 8) == ["これは", "カードで", "す。"]


def test_latin_words_among_wide_characters_stay_whole():
    assert wrap_text("東京 Metropolitan Government 庁舎", 20) == [
        "東京 Metropolitan",
        "Government 庁舎",
    ]


@given(
    text=st.text(st.sampled_from("日本語。「」ｗ😀ab c"), max_size=60),
    width=st.integers(2, 40),
)
def test_wide_text_keeps_every_character_on_lines_no_wider_than_the_width(text, width):
    lines = wrap_text(text, width)
    assert all(columns(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == "".join(text.split())
