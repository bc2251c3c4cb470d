"""Finding quotes in a source's text: normalisation, omissions, insertions, odd scripts."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.sourcetext.normalise import COMPATIBLE, DASHES, normalise, normalised
from argmap.sourcetext.quotes import REPLACED_LIMIT, QuoteIndex, parse_quote

ARTICLE = (
    "It has been nearly 70 years since Israel first asked the U.S. to sign a bilateral "
    "defense treaty.\n\nEver since then, the idea of a formal security agreement — which "
    "requires congressional approval — has resurfaced from time to time.\n\n"
    "Netanyahu’s latest effort seems like “more of a gimmick” than a necessity."
)


def passage(text: str, quote: str) -> str | None:
    """What the index highlights for a quote: its parts in the original text, joined by '|'."""
    found = QuoteIndex(text).find(quote)
    return None if found is None else "|".join(text[s:e] for s, e in found.spans)


# -- normalisation -------------------------------------------------------------


def test_whitespace_runs_and_line_breaks_are_one_space():
    assert normalised("a \n\t b\u00a0c") == "a b c"


def test_curly_and_straight_quotation_marks_are_the_same():
    assert normalised("‘it’s’ “so” „so“ «so»") == normalised('\'it\'s\' "so" "so" "so"')


def test_dashes_and_the_spaces_around_them_are_one_hyphen():
    assert normalised("a — b") == normalised("a–b") == normalised("a - b") == normalised("a--b")


def test_a_hyphen_between_two_letters_may_be_there_or_not():
    assert normalised("self-reliance, long\u2010standing") == "selfreliance, longstanding"
    assert normalised("1967-1973") == "1967-1973"  # not between letters: kept


def test_a_hyphen_at_a_lines_end_before_a_letter_is_dropped_with_the_line_break():
    assert normalised("self-\nreliance, pil- \r\n lars") == "selfreliance, pillars"
    assert normalised("1967-\n1973") == "1967-1973"  # not between letters: kept


def test_a_word_hyphenated_at_a_lines_end_is_found_with_or_without_its_hyphen():
    text = "Israel prized its self-\nreliance, both security pil-\nlars of its policy."
    assert passage(text, "its self-reliance, both") == "its self-\nreliance, both"
    assert passage(text, "its selfreliance, both") == "its self-\nreliance, both"
    assert passage(text, "security pillars of") == "security pil-\nlars of"


def test_a_compound_quoted_with_its_hyphen_is_found_where_a_pdf_joined_it():
    text = "Selfreliance is the goal, and longstanding ties matter."
    assert passage(text, "Self-reliance is the goal") == "Selfreliance is the goal"
    assert passage(text, "long-standing ties") == "longstanding ties"


def test_a_quote_may_start_or_end_at_a_hyphen_inside_a_compound():
    text = "US-Israel relations have never been better, and a Saudi-Israeli deal is near."
    assert passage(text, "Israel relations have never been better") == (
        "Israel relations have never been better"
    )
    assert passage(text, "a Saudi") == "a Saudi"
    assert passage(text, "and a Saudi … deal") == "and a Saudi|deal"


def test_a_soft_hyphen_inside_a_word_is_not_a_words_edge():
    assert passage("the secu\u00adrity council", "rity council") is None


def test_soft_hyphens_and_zero_width_and_directional_marks_vanish():
    assert normalised("secu\u00adrity\u200b \u200fword\u2066") == "security word"


def test_letters_with_combining_marks_are_composed():
    assert normalised("cafe\u0301") == "café"


def test_decomposed_korean_and_bengali_are_composed_as_their_quotes_are():
    for words in ("서울에서 평화 회담이 열렸다.", "আমি তোমাকে ভালোবাসি"):
        decomposed = unicodedata.normalize("NFD", words)
        assert normalise(decomposed).text == normalised(decomposed) == words


def test_a_quote_from_a_decomposed_text_is_found_and_shown_as_the_text_has_it():
    text = unicodedata.normalize("NFD", "서울에서 평화 회담이 열렸다. 양측은 합의했다.")
    shown = unicodedata.normalize("NFD", "평화 회담이 열렸다")
    assert passage(text, "평화 회담이 열렸다") == shown
    assert passage(text, shown) == shown


def test_each_normalised_character_knows_where_it_came_from():
    text = "a  “b”\n\nc\u00add"
    normal = normalise(text)
    assert normal.text == 'a "b" cd'
    start, end = normal.original_span(normal.text.index("c"), len(normal.text))
    assert text[start:end] == "c\u00add"


def test_offsets_follow_composed_letters():
    text = "x cafe\u0301 y"
    normal = normalise(text)
    start, end = normal.original_span(2, 6)
    assert text[start:end] == "cafe\u0301"


# -- verbatim quotes -----------------------------------------------------------


def test_a_verbatim_quote_is_found_where_it_is():
    assert passage(ARTICLE, "Israel first asked the U.S.") == "Israel first asked the U.S."


def test_a_quote_with_other_marks_and_dashes_is_found_in_the_original():
    assert passage(ARTICLE, "agreement - which requires") == "agreement — which requires"
    assert passage(ARTICLE, "Netanyahu's latest effort") == "Netanyahu’s latest effort"


def test_a_quote_spanning_paragraphs_is_found():
    assert passage(ARTICLE, "defense treaty. Ever since then") == (
        "defense treaty.\n\nEver since then"
    )


def test_a_changed_word_is_not_found():
    assert passage(ARTICLE, "Israel first asked the U.K.") is None


def test_case_must_match():
    assert passage(ARTICLE, "israel first asked") is None


def test_a_quote_in_quotation_marks_of_its_own_is_found_without_them():
    assert passage(ARTICLE, "“Israel first asked the U.S.”") == "Israel first asked the U.S."


def test_a_quote_of_nothing_but_marks_is_found_nowhere():
    assert passage(ARTICLE, " […] ") is None
    assert parse_quote("… [...] ").is_empty()


# -- omissions and insertions --------------------------------------------------


@pytest.mark.parametrize("mark", ["…", "...", "[…]", "[...]", "(…)", ". . ."])
def test_an_omission_mark_stands_for_the_words_left_out(mark):
    quote = f"the idea of a formal security agreement {mark} has resurfaced"
    assert passage(ARTICLE, quote) == "the idea of a formal security agreement|has resurfaced"


def test_the_parts_around_an_omission_must_come_in_order():
    assert passage(ARTICLE, "has resurfaced … the idea of") is None


def test_an_omission_takes_the_closest_reading_not_the_first_common_word():
    # "the" first occurs long before "idea"; the highlight starts at the "the" just before it.
    assert passage(ARTICLE, "the … idea of a formal") == "the|idea of a formal"


def test_a_bracketed_insertion_stands_for_a_few_words_of_the_source():
    quote = "Israel first asked [the United States] to sign"
    assert passage(ARTICLE, quote) == "Israel first asked|to sign"
    assert passage(ARTICLE, "[I]t has been nearly 70 years") == "t has been nearly 70 years"


def test_an_insertion_cannot_stand_for_a_long_stretch():
    text = "Begin " + "word " * (REPLACED_LIMIT // 5 + 5) + "end."
    assert passage(text, "Begin [several words] end.") is None
    assert passage(text, "Begin … end.") is not None


def test_a_bracketed_passage_longer_than_an_insertion_may_be_is_found_verbatim():
    note = "[Editor's note: " + "he meant the offer made in 1996, " * 4 + "in Washington]"
    assert len(note) > REPLACED_LIMIT
    text = f"Netanyahu said {note} that such a treaty had failed before."
    assert passage(text, text) == "Netanyahu said|that such a treaty had failed before."
    assert passage(text, "Netanyahu said [he meant it] that such") is None


def test_an_insertion_may_stand_for_nothing():
    assert passage(ARTICLE, "a gimmick” [sic] than") == "a gimmick”|than"


# -- hard inputs ---------------------------------------------------------------


def test_a_quote_of_ten_thousand_characters_is_found_and_one_changed_letter_is_not():
    words = [f"w{n % 97}x{n % 13}" for n in range(4000)]
    text = " ".join(words)
    start = text.index(" ", 5000) + 1  # whole words, as a quote is
    quote = text[start : text.index(" ", start + 10_000)]
    assert len(quote) >= 10_000
    assert passage(text, quote) == quote
    assert passage(text, quote[:5000] + "Q" + quote[5001:]) is None


def test_a_quote_that_starts_inside_a_word_of_the_source_is_not_found():
    text = "Peres said the treaty is unnecessary for peace."
    assert passage(text, "necessary for peace") is None
    assert passage(text, "unnecessary for peace") == "unnecessary for peace"


def test_a_part_after_an_omission_that_ends_a_word_is_not_found():
    assert passage("The deal is unwise.", "The deal is … wise.") is None
    assert passage("The deal is, they say, wise.", "The deal is … wise.") is not None


def test_a_quote_that_stops_inside_a_word_of_the_source_is_not_found():
    assert passage("It was impossible to agree.", "It was imposs") is None


def test_a_quote_that_stops_before_a_vowel_sign_or_point_of_the_source_is_not_found():
    assert passage("पाकिस्तान ने कहा।", "पाक") is None
    assert passage("שָׁלוֹם עולם", "שָׁלו") is None
    assert passage("पाकिस्तान ने कहा।", "पाकिस्तान ने") == "पाकिस्तान ने"
    assert passage("שָׁלוֹם עולם", "שָׁלוֹם") == "שָׁלוֹם"


def test_a_pointed_hebrew_prefix_may_be_left_out_too():
    assert passage("הוא אמר וּבְרִית הגנה", "בְרִית הגנה") == "בְרִית הגנה"


def test_quotes_in_scripts_without_spaces_between_words_are_found():
    assert passage("我们认为和平是必要的。双方应当签署条约。", "和平是必要的") == "和平是必要的"
    assert passage("平和条約は必要だと首相は述べた。", "平和条約は必要だ") == "平和条約は必要だ"


def test_a_hebrew_or_arabic_prefix_joined_to_the_first_word_may_be_left_out():
    assert passage("הוא אמר וברית הגנה תועיל", "ברית הגנה תועיל") == "ברית הגנה תועיל"
    assert passage("הוא אמר שבריתות רבות", "ריתות רבות") is None


def test_an_insertion_may_stand_for_part_of_a_word():
    assert passage("the treaty is good", "[T]he treaty is good") == "he treaty is good"
    assert passage("He said it was impossible", "it was im[possible]") is not None


def test_a_quote_is_found_in_text_that_keeps_a_pdfs_ligatures():
    text = "The ﬁnancial cost of the conﬂict is high."
    assert passage(text, "financial cost of the conflict") == "ﬁnancial cost of the conﬂict"


def test_quotes_in_hebrew_are_found_despite_direction_marks_and_geresh_quotes():
    text = "\u200fראש הממשלה אמר: ״אין לנו ברית הגנה״ \u200fוהוסיף כי זה\nלא ישתנה."
    assert passage(text, 'אמר: "אין לנו ברית הגנה"') == "אמר: ״אין לנו ברית הגנה״"
    assert passage(text, "כי זה לא ישתנה") == "כי זה\nלא ישתנה"


def test_quotes_in_arabic_are_found_with_omissions():
    text = "قال رئيس الوزراء إن معاهدة الدفاع لن تخدم أمن إسرائيل في المستقبل القريب."
    assert passage(text, "معاهدة الدفاع … في المستقبل") == "معاهدة الدفاع|في المستقبل"
    assert passage(text, "معاهدة الهجوم") is None


def test_arabic_in_presentation_forms_is_its_plain_letters():
    assert passage("ﻭﻗﺎﻝ ﺇﻥ المعاهدة مهمة", "وقال إن المعاهدة") == "ﻭﻗﺎﻝ ﺇﻥ المعاهدة"


def test_a_tatweel_stretching_an_arabic_word_is_dropped():
    assert passage("وقالت إن المعاهـــدة مهمة", "إن المعاهدة مهمة") == "إن المعاهـــدة مهمة"


def test_full_width_latin_letters_and_digits_are_their_ordinary_forms():
    assert passage("ＵＮ Ｒｅｓｏｌｕｔｉｏｎ ２４２ says", "UN Resolution 242") == (
        "ＵＮ Ｒｅｓｏｌｕｔｉｏｎ ２４２"
    )


def test_a_full_width_hyphen_minus_is_a_dash_and_its_spaces_go_with_it():
    assert normalised("peace－now") == "peace-now"
    assert normalised("peace－ now") == "peace-now"
    assert normalised("peace －now") == "peace-now"
    assert normalised("peace － now") == "peace-now"
    assert normalised("ｐｅａｃｅ － ｎｏｗ") == "peace-now"


def test_every_dash_that_is_also_a_compatibility_form_is_a_dash():
    forms = re.compile(f"[{COMPATIBLE}]")
    both = [dash for dash in DASHES if forms.match(dash)]
    assert both  # the full-width hyphen-minus at least
    for dash in both:
        assert normalised(f"a{dash} b") == normalised(f"a {dash}b") == normalised("a - b")


def test_a_quote_is_found_across_a_full_width_hyphen_minus_with_spaces():
    text = "日本は平和－ 繁栄を望む. Peace－ now is the goal. Peace －now, too."
    assert passage(text, "Peace — now is the goal") == "Peace－ now is the goal"
    assert passage(text, "Peace - now, too") == "Peace －now, too"
    assert passage(text, "平和 — 繁栄") == "平和－ 繁栄"


def test_many_occurrences_of_the_last_word_do_not_slow_a_failed_search():
    text = "a " * 200_000 + "end"
    assert passage(text, "b [x] a") is None  # each "a" is tried once, each place once


# -- properties ----------------------------------------------------------------

WORDS = ["treaty", "Israel", "U.S.", "defense", "it’s", "“pact”", "שלום", "سلام", "naïve", "x"]
SEPARATORS = [" ", "\n", "  ", "\n\n", " — ", "–", ", ", ". ", "\u00a0"]


@st.composite
def texts(draw):
    words = draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=40))
    separators = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(words)))
    return "".join(w + s for w, s in zip(words, separators, strict=False)).strip()


RETYPED = {"’": "'", "“": '"', "”": '"', "—": "-", "–": " - ", "\n": " ", "\u00a0": " "}


def retyped(quote: str, choices: list[bool]) -> str:
    """The quote as someone might type it: other marks, dashes and spaces, a soft hyphen."""
    out = []
    for char, change in zip(quote, choices + [False] * len(quote), strict=False):
        if change and char in RETYPED:
            out.append(RETYPED[char])
        elif change and char.isalpha():
            out.append(char + "\u00ad")
        else:
            out.append(char)
    return "".join(out)


@settings(max_examples=300, deadline=None)
@given(texts(), st.data())
def test_any_run_of_whole_words_retyped_with_the_allowed_changes_is_found(text, data):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1  # out to the beginning of the word it cut
    while end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    quote = text[start:end]
    if not normalised(quote).strip(" "):
        return
    typed = retyped(quote, data.draw(st.lists(st.booleans(), max_size=len(quote))))
    found = QuoteIndex(text).find(typed)
    assert found is not None
    assert normalised(typed).strip(" ") in normalised(text[found.start : found.end])


@settings(max_examples=200, deadline=None)
@given(texts(), st.data())
def test_any_passage_with_words_left_out_behind_an_omission_mark_is_found(text, data):
    words = text.split(" ")
    if len(words) < 3:
        return
    first = data.draw(st.integers(0, len(words) - 3))
    gap = data.draw(st.integers(first + 1, len(words) - 2))
    last = data.draw(st.integers(gap + 1, len(words) - 1))
    quote = " ".join(words[first:gap]) + " […] " + " ".join(words[last:])
    assert QuoteIndex(text).find(quote) is not None


@settings(max_examples=200, deadline=None)
@given(texts(), st.data())
def test_a_passage_with_a_word_changed_is_not_found(text, data):
    words = text.split(" ")
    first = data.draw(st.integers(0, len(words) - 1))
    last = data.draw(st.integers(first + 1, len(words)))
    changed = data.draw(st.integers(first, last - 1))
    quote = " ".join([*words[first:changed], "Jerusalem", *words[changed + 1 : last]])
    assert QuoteIndex(text).find(quote) is None
