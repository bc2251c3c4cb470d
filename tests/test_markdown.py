"""The Markdown outline: a readable, nested report of a map, escaped and deterministic."""

from __future__ import annotations

import pytest
from conftest import MAPS, objection_chain, small_map
from hypothesis import HealthCheck, given, settings
from scaling import LINEAR, slowdown
from strategies import argument_maps

from argmap.files import load_map
from argmap.formats import format_by_name, formats_for_path, readable_formats, writable_formats
from argmap.formats.markdown import MARKDOWN, MAX_NESTING, escape
from argmap.model import ArgumentMap, Attribution, Relation, Source, Statement

SAMPLES = [small_map(), *map(load_map, MAPS)]
SAMPLE_IDS = ["small", *(p.stem for p in MAPS)]


def outline(argument_map: ArgumentMap) -> str:
    return MARKDOWN.write(argument_map)


def rendered_items(markdown: str) -> list[tuple[int, str]]:
    """(nesting depth, text as a reader sees it) of every list item, via a CommonMark parser."""
    markdown_it = pytest.importorskip("markdown_it")
    depth = 0
    items: list[tuple[int, str]] = []
    parser = markdown_it.MarkdownIt("commonmark", {"maxNesting": 100_000})  # default: 20 levels
    for token in parser.parse(markdown):
        if token.type == "list_item_open":
            depth += 1
        elif token.type == "list_item_close":
            depth -= 1
        elif token.type == "inline" and depth:
            parts = []
            for child in token.children or []:
                if child.type in ("softbreak", "hardbreak"):
                    parts.append("\n")
                elif child.type in ("html_inline", "code_inline"):
                    raise AssertionError(f"user text became Markdown: {child.content!r}")
                else:
                    parts.append(child.content)
            items.append((depth, "".join(parts)))
    return items


# -- the format ---------------------------------------------------------------------------


def test_markdown_is_a_write_only_format_for_md_files():
    assert format_by_name("markdown") is MARKDOWN
    assert MARKDOWN in formats_for_path("report.md")
    assert MARKDOWN in formats_for_path("r.markdown")
    assert MARKDOWN in writable_formats()
    assert MARKDOWN not in readable_formats()
    assert MARKDOWN.read is None
    assert not MARKDOWN.sniff("# Title\n\n- item\n")


# -- structure ------------------------------------------------------------------------------


def test_the_small_map_as_an_outline():
    assert outline(small_map()) == (
        "# Treaty\n"
        "\n"
        "- **Main claim:** A treaty would serve Israel's security\n"
        "  - **Reason**, these premises together:\n"
        "    - **Premise:** A formal guarantee deters attack\\\n"
        "      — *Shimon Peres*, mid-1990s \\[1\\]\n"
        "    - **Premise:** US guarantees are credible\n"
        "    - **Objection to the inference:** The offers were political gimmicks\n"
        "  - **Objection:** It would limit freedom of action\\\n"
        "    — *Yitzhak Rabin*: “*self-reliance*”\n"
        "    - **Rebuttal:** A narrow treaty need not limit it\n"
        "\n"
        "## Sources\n"
        "\n"
        "1. *A defense treaty is not the answer*, Nimrod Goren\n"
    )


def test_the_title_is_the_heading():
    assert outline(small_map()).startswith("# Treaty\n\n")
    assert outline(ArgumentMap(title="Is # a *title*?")).startswith("# Is \\# a \\*title\\*?\n")


def test_answers_are_nested_under_what_they_answer():
    items = rendered_items(outline(small_map()))
    assert items[:7] == [
        (1, "Main claim: A treaty would serve Israel's security"),
        (2, "Reason, these premises together:"),
        (3, "Premise: A formal guarantee deters attack\n— Shimon Peres, mid-1990s [1]"),
        (3, "Premise: US guarantees are credible"),
        (3, "Objection to the inference: The offers were political gimmicks"),
        (2, "Objection: It would limit freedom of action\n— Yitzhak Rabin: “self-reliance”"),
        (3, "Rebuttal: A narrow treaty need not limit it"),
    ]


def test_an_attack_on_a_rebuttal_is_an_objection_again():
    argument_map = objection_chain(4)
    labels = [text.split(":")[0] for _, text in rendered_items(outline(argument_map))]
    assert labels == ["Main claim", "Objection", "Rebuttal", "Objection"]


def test_the_description_follows_the_title():
    argument_map = ArgumentMap(title="T", description="What it is about.")
    assert outline(argument_map) == "# T\n\nWhat it is about.\n"


@pytest.mark.parametrize("argument_map", SAMPLES, ids=SAMPLE_IDS)
def test_every_statement_text_is_in_the_outline(argument_map):
    items = [text for _, text in rendered_items(outline(argument_map))]
    for statement in argument_map.statements:
        assert any(f": {statement.text}" in item for item in items), statement.id


@pytest.mark.parametrize("argument_map", SAMPLES, ids=SAMPLE_IDS)
def test_each_statement_is_nested_one_level_below_the_statement_it_answers(argument_map):
    depth_of = {}
    for depth, text in rendered_items(outline(argument_map)):
        for statement in argument_map.statements:
            if text.split("\n")[0].endswith(f": {statement.text}"):
                depth_of.setdefault(statement.id, depth)
    relations = {r.id: r for r in argument_map.relations}
    for relation in argument_map.relations:
        linked = 1 if len(relation.premises) > 1 else 0  # co-premises sit in a group item
        target = relation.target
        if target in relations:  # an undercut sits next to the attacked premise's own answers
            target = relations[target].premises[0]
            linked = 0
            if len(relations[relation.target].premises) > 1:
                linked = -1  # ... in the group item, beside the premises
        for premise in relation.premises:
            assert depth_of[premise] == depth_of[target] + 1 + linked, (relation.id, premise)


def test_every_sample_outline_is_deterministic():
    for argument_map in SAMPLES:
        assert outline(argument_map) == outline(argument_map.model_copy(deep=True))


# -- attributions and sources ------------------------------------------------------------------


def test_speaker_date_source_and_quote_follow_the_text():
    argument_map = ArgumentMap(
        statements=[
            Statement(
                id="a",
                text="A",
                attribution=Attribution(
                    speaker="Ann", date="1999", source="s", quote="exact words"
                ),
            )
        ],
        sources=[Source(id="s", title="Memoir")],
    )
    assert "- **Main claim:** A\\\n  — *Ann*, 1999 \\[1\\]: “*exact words*”\n" in outline(
        argument_map
    )


def test_who_draws_an_inference_is_shown_with_the_reason():
    argument_map = ArgumentMap(
        statements=[Statement(id="a", text="A"), Statement(id="b", text="B")],
        relations=[
            Relation(
                id="r",
                kind="support",
                premises=["b"],
                target="a",
                attribution=Attribution(speaker="Bo"),
            )
        ],
    )
    assert "  - **Reason:** B\\\n    Inference: *Bo*\n" in outline(argument_map)


def test_sources_are_a_closing_numbered_list():
    source = Source(
        id="s",
        title="Report",
        author="Ann",
        publisher="Press",
        date="2020",
        url="https://example.org/r",
    )
    text = outline(ArgumentMap(sources=[source]))
    assert text.endswith("## Sources\n\n1. *Report*, Ann, Press, 2020. <https://example.org/r>\n")


# -- escaping -------------------------------------------------------------------------------


SPECIAL = [
    "*bold* and _italic_ and **strong**",
    "[a link](https://example.org) and ![an image](x.png)",
    "<b>html</b> & &amp; entities",
    "`code` and ~~strike~~ and a | pipe and a back\\slash",
    "# not a heading",
    "1. not a numbered item",
    "2) nor this",
    "- not a bullet",
    "+ nor this",
    "> not a quote",
    "=== not an underline",
    "trailing backslash \\",
]


@pytest.mark.parametrize("text", SPECIAL)
def test_special_characters_print_as_written(text):
    argument_map = ArgumentMap(statements=[Statement(id="a", text=text)])
    assert rendered_items(outline(argument_map)) == [(1, f"Main claim: {text}")]


def test_escaping_uses_backslashes():
    assert escape("*a* _b_ [c] <d>") == "\\*a\\* \\_b\\_ \\[c\\] \\<d\\>"
    assert escape("# h") == "\\# h"
    assert escape("3. x") == "3\\. x"
    assert escape("a - b") == "a - b"


def test_lines_of_a_text_stay_inside_the_item():
    argument_map = ArgumentMap(statements=[Statement(id="a", text="first\n- second\n\n    third")])
    assert rendered_items(outline(argument_map)) == [
        (1, "Main claim: first\n- second"),
        (1, "third"),
    ]
    assert "- **Main claim:** first\n  \\- second\n\n  third\n" in outline(argument_map)


def test_speakers_and_quotes_are_escaped_too():
    attribution = Attribution(speaker="*Ann*", quote="[1] <x>")
    argument_map = ArgumentMap(statements=[Statement(id="a", text="A", attribution=attribution)])
    assert rendered_items(outline(argument_map)) == [(1, "Main claim: A\n— *Ann*: “[1] <x>”")]


# -- shapes that could loop or overflow ---------------------------------------------------------


def test_a_statement_reached_twice_is_shown_once_and_then_referred_to():
    argument_map = ArgumentMap(
        statements=[Statement(id=i, text=i.upper()) for i in ("a", "b", "c", "shared", "deep")],
        relations=[
            Relation(id="r1", kind="support", premises=["b"], target="a"),
            Relation(id="r2", kind="support", premises=["c"], target="a"),
            Relation(id="r3", kind="attack", premises=["shared"], target="b"),
            Relation(id="r4", kind="attack", premises=["shared"], target="c"),
            Relation(id="r5", kind="attack", premises=["deep"], target="shared"),
        ],
    )
    items = rendered_items(outline(argument_map))
    assert [text for _, text in items] == [
        "Main claim: A",
        "Reason: B",
        "Objection: SHARED",
        "Rebuttal: DEEP",
        "Reason: C",
        "Objection: SHARED (see above)",
    ]


def test_a_circle_no_main_claim_reaches_is_listed_once():
    argument_map = ArgumentMap(
        statements=[Statement(id="a", text="A"), Statement(id="b", text="B")],
        relations=[
            Relation(id="r1", kind="support", premises=["a"], target="b"),
            Relation(id="r2", kind="support", premises=["b"], target="a"),
        ],
    )
    assert [text for _, text in rendered_items(outline(argument_map))] == [
        "Claim: A",
        "Reason: B",
        "Reason: A (see above)",
    ]


def test_undercuts_in_a_circle_are_still_listed():
    argument_map = ArgumentMap(
        statements=[Statement(id=i, text=i.upper()) for i in ("a", "b")],
        relations=[
            Relation(id="r1", kind="attack", premises=["a"], target="r2"),
            Relation(id="r2", kind="attack", premises=["b"], target="r1"),
        ],
    )
    text = outline(argument_map)
    assert "to the inference:** A" in text
    assert "to the inference:** B" in text


def test_a_debate_deeper_than_the_recursion_limit_is_written():
    items = rendered_items(outline(objection_chain(3000)))
    assert {text.split(": ")[1].removesuffix(" (continued below)") for _, text in items} == {
        f"level {k}" for k in range(3000)
    }


def test_nesting_past_the_deepest_level_continues_below_at_the_top():
    text = outline(objection_chain(MAX_NESTING + 3))
    deepest = "  " * (MAX_NESTING - 1)
    last = MAX_NESTING - 1
    assert f"\n{deepest}- **Objection:** level {last} *(continued below)*\n" in text
    assert f"\n- **Objection (continued):** level {last}\n  - **Rebuttal:** level {last + 1}\n" in (
        text
    )
    assert max(depth for depth, _ in rendered_items(text)) == MAX_NESTING


def test_linked_premises_past_the_deepest_level_continue_below_with_their_group():
    argument_map = objection_chain(
        MAX_NESTING - 1
    )  # the group of linked premises is the deepest item
    argument_map.statements += [Statement(id="p", text="P"), Statement(id="q", text="Q")]
    deepest = f"s{MAX_NESTING - 2}"
    argument_map.relations.append(
        Relation(id="linked", kind="support", premises=["p", "q"], target=deepest)
    )
    text = outline(argument_map)
    assert "these premises together: *(continued below)*\n" in text
    assert text.endswith(
        "- **Reason (continued)**, these premises together:\n"
        "  - **Premise:** P\n  - **Premise:** Q\n"
    )


def test_the_text_written_grows_in_proportion_to_the_depth():
    # what a nesting that repeats the path of each item would break: n levels, n² characters
    assert len(outline(objection_chain(8000))) < 5 * len(outline(objection_chain(2000)))


def test_writing_takes_time_in_proportion_to_the_depth():
    assert slowdown(outline, objection_chain(4000), objection_chain(16_000)) < LINEAR


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argument_maps())
def test_any_map_prints_the_first_line_of_every_text_as_written(argument_map):
    firsts = [line.split("\n")[0] for _, line in rendered_items(outline(argument_map))]
    for statement in argument_map.statements:
        if statement.text.strip():
            first = statement.text.strip().splitlines()[0].strip()
            assert any(line.endswith((f": {first}", f": {first} (see above)")) for line in firsts)
