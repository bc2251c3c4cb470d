"""Argdown's inline formatting read as plain text, each kind reported once per file."""

from __future__ import annotations

import pytest

from argmap.formats.argdown import ARGDOWN


def read(text: str):
    return ARGDOWN.read(text, "test.argdown")


def text_of(argdown: str) -> str:
    return read(argdown).map.statements[0].text


def messages(argdown: str) -> list[str]:
    return [w.message for w in read(argdown).warnings]


def warning_about(argdown: str, words: str):
    found = [w for w in read(argdown).warnings if words in w.message]
    assert len(found) == 1, [w.message for w in read(argdown).warnings]
    return found[0]


# -- bold and italic ----------------------------------------------------------------------


@pytest.mark.parametrize("marked", ["**bold**", "__bold__"])
def test_bold_marks_are_removed(marked):
    assert text_of(f"[S]: A {marked} claim.") == "A bold claim."


@pytest.mark.parametrize("marked", ["*italic*", "_italic_"])
def test_italic_marks_are_removed(marked):
    assert text_of(f"[S]: An {marked} claim.") == "An italic claim."


@pytest.mark.parametrize(
    "marked",
    ["***both***", "___both___", "__*both*__", "*__both__*", "**_both_**", "****both****"],
)
def test_nested_bold_and_italic_marks_are_all_removed(marked):
    assert text_of(f"[S]: {marked}") == "both"


def test_marks_followed_by_punctuation_close_their_range():
    assert text_of("[S]: *one*, **two**: __three__- _four_.") == "one, two: three- four."


def test_a_range_may_span_the_lines_of_a_statement():
    assert text_of("[S]: A **bold\nclaim** here.") == "A bold claim here."


@pytest.mark.parametrize(
    "text",
    [
        "snake_case_names stay",
        "2 * 3 = 6",
        "2*3*4 = 24",
        "a lone * star and a lone _ line",
        "my_var_ and _private",
        "an unclosed **bold start",
        "**Note:**text",
    ],
)
def test_stars_and_underscores_that_pair_into_no_range_stay(text):
    assert text_of(f"[S]: {text}") == text


def test_a_name_between_double_underscores_is_bold_as_in_markdown_unless_escaped():
    assert text_of(r"[S]: __init__ and \_\_init\_\_") == "init and __init__"


def test_underscores_and_stars_in_an_address_stay():
    text = "see https://example.org/a_b_c_/*x* and http://x.org/__init__"
    assert text_of(f"[S]: {text}") == text


def test_an_address_ends_before_trailing_punctuation():
    assert text_of("[S]: _(see https://example.org/a_b)_") == "(see https://example.org/a_b)"


def test_escaped_marks_stay_literal():
    assert text_of(r"[S]: \*not italic\* and \_not\_ and \*\*not bold\*\*") == (
        "*not italic* and _not_ and **not bold**"
    )


# -- code ---------------------------------------------------------------------------------


def test_inline_code_keeps_its_text():
    assert text_of("[S]: Call `read_argdown` first.") == "Call read_argdown first."


def test_the_text_of_inline_code_is_kept_exactly():
    assert text_of("[S]: `**not bold** :heart: #notag`") == "**not bold** :heart: #notag"


def test_double_backticks_may_hold_a_backtick():
    assert text_of("[S]: ``a ` b`` here") == "a ` b here"


def test_a_backtick_that_nothing_closes_stays():
    text = "violent `video nasties', as they say"
    assert text_of(f"[S]: {text}") == text


# -- links and mentions ---------------------------------------------------------------------


def test_a_link_becomes_its_text():
    assert text_of("[S]: Read [the report](https://example.org/r_1) now.") == (
        "Read the report now."
    )


def test_formatting_inside_a_link_text_is_removed():
    assert text_of("[S]: [**the** report](https://example.org)") == "the report"


def test_a_statement_mention_becomes_the_title_it_mentions():
    assert text_of("[S]: As @[Other Claim] says.\n\n[Other Claim]: x") == "As Other Claim says."


def test_an_argument_mention_becomes_the_title_it_mentions():
    assert text_of("[S]: The @<Turnover Argument> fails.") == "The Turnover Argument fails."


@pytest.mark.parametrize("text", ["write to ann@example.org", "an @ sign", "@[] is empty"])
def test_an_at_sign_that_mentions_nothing_stays(text):
    assert text_of(f"[S]: {text}") == text


def test_a_title_in_brackets_inside_the_text_stays():
    assert text_of("[S]: see [Other] above") == "see [Other] above"


# -- shortcodes ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "symbol"),
    [(":heart:", "❤"), (".heart.", "❤"), (":+1:", "👍"), (".->.", "→"), (":A:", "∀")],
)
def test_argdowns_shortcodes_become_their_symbols(written, symbol):
    assert text_of(f"[S]: I {written} this") == f"I {symbol} this"


def test_logic_shortcodes_read_as_formulas():
    assert text_of("[S]: p .^. (p .->. q)") == "p ∧ (p → q)"


@pytest.mark.parametrize("text", ["the U.A.E. and U.S.A.", "at 10:30:45", "e.g. z.B."])
def test_a_shortcode_right_after_a_letter_or_digit_stays_text(text):
    assert text_of(f"[S]: {text}") == text


def test_an_unknown_shortcode_stays_as_written():
    assert text_of("[S]: to the moon :rocket:") == "to the moon :rocket:"


def test_an_escaped_shortcode_stays_literal():
    assert text_of(r"[S]: \:heart: and \.A.") == ":heart: and .A."


def test_the_frontmatter_may_add_shortcodes():
    argdown = '===\nmodel:\n    shortcodes:\n        ":bomb:": {unicode: "💣"}\n===\n\n[S]: :bomb:'
    assert text_of(argdown) == "💣"


def test_other_model_settings_in_the_frontmatter_are_reported():
    argdown = "===\nmodel:\n    removeTagsFromText: true\n===\n\n[S]: s"
    assert any("model.removeTagsFromText" in m for m in messages(argdown))


def test_a_custom_shortcode_that_is_not_one_is_reported():
    argdown = '===\nmodel:\n    shortcodes:\n        bomb: {unicode: "💣"}\n===\n\n[S]: bomb'
    assert any("shortcode {bomb:" in m for m in messages(argdown))


# -- where formatting is read -----------------------------------------------------------------


def test_a_heading_becomes_a_group_titled_in_plain_text():
    result = read("# Against @[Claim] and **more**\n\n[Claim]: c")
    assert result.map.groups[0].title == "Against Claim and more"


def test_an_argument_description_is_read_as_plain_text():
    statement = read("<Arg>: The **best** argument :+1:").map.statements[0]
    assert (statement.title, statement.text) == ("Arg", "The best argument 👍")


def test_titles_stay_as_written():
    statement = read("[snake_case_title]: a **bold** claim").map.statements[0]
    assert (statement.title, statement.text) == ("snake_case_title", "a bold claim")


def test_metadata_values_stay_as_written():
    statement = read('[S]: s {note: "**keep** :heart:"}').map.statements[0]
    assert statement.note == "**keep** :heart:"


def test_tags_are_still_read_next_to_formatting():
    statement = read("[S]: **Bold** claim #economy_policy #(long tag)").map.statements[0]
    assert (statement.text, statement.tags) == ("Bold claim", ["economy_policy", "long tag"])


# -- warnings ---------------------------------------------------------------------------------


def test_plain_text_gives_no_warning():
    assert messages("[S]: A plain claim, 2 * 3 = 6, snake_case at 10:30.") == []


def test_bold_and_italic_give_one_warning_with_their_count_and_first_line():
    warning = warning_about("[A]: plain\n\n[B]: **one** and *two*\n\n[C]: __three__", "bold")
    assert warning.message == "bold and italic markers were removed (3 places)"
    assert (warning.line, warning.column) == (3, 6)


def test_code_gives_one_warning_with_its_count_and_first_line():
    warning = warning_about("[A]: `a`\n  + [B]: `b`", "code")
    assert "(2 places)" in warning.message
    assert (warning.line, warning.column) == (1, 6)


def test_links_give_one_warning_naming_an_address_that_was_dropped():
    warning = warning_about("[A]: a\n\n[B]: [b](https://example.org/b) [c](https://c.org)", "link")
    assert "e.g. https://example.org/b" in warning.message
    assert warning.message.endswith("; 2 places)")
    assert warning.line == 3


def test_mentions_give_one_warning_with_their_count_and_first_line():
    warning = warning_about("[A]: a\n\n[B]: @[A] and @<C>", "mention")
    assert "(2 places)" in warning.message
    assert (warning.line, warning.column) == (3, 6)


def test_shortcodes_give_one_warning_with_an_example():
    warning = warning_about("[A]: :heart:\n\n[B]: .A.", "replaced by their symbols")
    assert ":heart: → ❤" in warning.message
    assert warning.message.endswith("; 2 places)")
    assert warning.line == 1


def test_unknown_shortcodes_give_their_own_warning():
    warning = warning_about("[A]: a\n\n[B]: :rocket: :heart:", "does not know")
    assert warning.message.endswith("(:rocket:; 1 place)")
    assert warning.line == 3


def test_each_kind_of_formatting_is_reported_once_per_file():
    lines = "\n\n".join(f"[S{n}]: **b** `c` [l](u) @[S0] :heart: :x:" for n in range(20))
    found = messages(lines)
    assert len(found) == 6
    assert all(m.endswith("20 places)") for m in found)
