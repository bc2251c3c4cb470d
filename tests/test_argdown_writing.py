"""Writing Argdown: idiomatic output, escapes, and round trips that keep the map."""

from __future__ import annotations

import json
from textwrap import dedent

import pytest
from conftest import MAPS, objection_then_reason_map, small_map
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import argument_maps

from argmap.files import load_map
from argmap.formats.argdown import ARGDOWN
from argmap.model import ArgumentMap, Attribution, Group, Relation, Statement
from argmap.roles import compute_roles


def read(text: str):
    return ARGDOWN.read(text, "test.argdown")


# -- writing ----------------------------------------------------------------------------


def simple_map() -> ArgumentMap:
    return ArgumentMap(
        statements=[
            Statement(id="Claim", title="Claim", text="Taxes should be lower."),
            Statement(id="pro", text="Lower taxes mean growth."),
            Statement(id="con", text="Deficits would rise."),
        ],
        relations=[
            Relation(id="r1", kind="support", premises=["pro"], target="Claim"),
            Relation(id="r2", kind="attack", premises=["con"], target="Claim"),
        ],
    )


def test_a_main_claim_is_written_with_its_reasons_and_objections_indented_under_it():
    assert ARGDOWN.write(simple_map()) == dedent("""\
        [Claim]: Taxes should be lower.
          + Lower taxes mean growth. {id: pro}
          - Deficits would rise. {id: con}
        """)


def test_co_premises_are_written_as_an_argument_with_a_premise_conclusion_structure():
    text = ARGDOWN.write(small_map())
    assert "  + <r-deter>\n" in text
    deterrence = "A formal guarantee deters attack"
    attribution = "speaker: Shimon Peres, source: op-ed, date: mid-1990s"
    assert (
        f"(1) {deterrence} {{id: deterrence, {attribution}}}\n"
        "(2) US guarantees are credible {id: credible}\n"
        "----\n"
        "(3) [Treaty]\n"
    ) in text


def test_an_undercut_is_written_under_the_argument_it_undercuts():
    assert "<r-deter>\n  <_ The offers were political gimmicks {id: gimmick}\n" in ARGDOWN.write(
        small_map()
    )


def test_a_linked_objection_ends_in_an_implicit_conclusion():
    m = simple_map()
    m.statements.append(Statement(id="more", text="And more."))
    m.relations[1] = Relation(id="r2", kind="attack", premises=["con", "more"], target="Claim")
    text = ARGDOWN.write(m)
    assert "  - <r2>\n" in text
    assert "(3) [r2 (conclusion)] {implicit: true}\n" in text


def test_attribution_note_and_acceptance_are_written_as_metadata():
    m = simple_map()
    m.statements[1] = m.statements[1].model_copy(
        update={
            "attribution": Attribution(speaker="Ann Lee", quote="it grows", date="2024"),
            "note": "check",
            "acceptance": "accepted",
        }
    )
    assert (
        "+ Lower taxes mean growth. {id: pro, note: check, acceptance: accepted, speaker: Ann Lee,"
        ' quote: it grows, date: "2024"}'
    ) in ARGDOWN.write(m)


def test_tags_are_written_as_long_tags_after_the_text():
    m = simple_map()
    m.statements[0] = m.statements[0].model_copy(update={"tags": ["economy", "long tag"]})
    assert "[Claim]: Taxes should be lower. #(economy) #(long tag)\n" in ARGDOWN.write(m)


def test_groups_are_written_as_headings_and_nested_groups_as_deeper_ones():
    m = simple_map()
    m.groups = [
        Group(id="Economy", title="Economy", statements=["Claim"]),
        Group(id="Taxes", title="Taxes", statements=["con"], parent="Economy"),
    ]
    text = ARGDOWN.write(m)
    assert (
        text.index("# Economy\n")
        < text.index("[Claim]:")
        < text.index("## Taxes\n")
        < text.index("Deficits would rise.")
    )


def test_the_map_title_authors_and_sources_are_written_as_frontmatter():
    text = ARGDOWN.write(small_map())
    assert text.startswith(
        "===\ntitle: Treaty\nsources:\n  - {id: op-ed, title: A defense treaty is not the"
        " answer, author: Nimrod Goren}\n===\n"
    )


@pytest.mark.parametrize(
    "text",
    [
        "+ starts like a relation",
        "- and like an attack",
        "(1) like a premise",
        "# like a heading",
        "[like a title]: with a colon",
        "<like an argument>",
        "{like: metadata}",
        "a #tag inside",
        "a // comment and /* another */",
        "<!-- html -->",
        "back\\slash",
        "_under_ and *star*",
        "-- inference",
        "@include(x)",
        "=== fence",
        "> quote",
        "><",
        "**bold** and __bold__",
        "snake_case_names and 2 * 3",
        "`code` and ``more``",
        "[a link](https://example.org/a_b)",
        "@[a mention] and @<another>",
        ":heart: and .heart. and :rocket:",
        "U.A.E. and :A:E: and .A.E.",
        "p .^. (p .->. q)",
    ],
)
def test_what_argdown_would_misread_is_escaped(text):
    m = ArgumentMap(statements=[Statement(id="s", text=text)])
    assert read(ARGDOWN.write(m)).map.statements[0].text == text


def test_a_text_with_line_breaks_keeps_them_in_metadata():
    m = ArgumentMap(statements=[Statement(id="s", title="T", text="one\ntwo  three")])
    written = ARGDOWN.write(m)
    assert '[T]: one two three {id: s, text: "one\\ntwo  three"}' in written
    assert read(written).map.statements[0].text == "one\ntwo  three"


# -- round trips --------------------------------------------------------------------------


def comparable(argument_map: ArgumentMap) -> dict:
    """What a round trip keeps. Relation ids count only where Argdown carries them (see argdown.py):
    relations are compared by what they connect, a relation target by that relation's content."""
    relations = {r.id: r for r in argument_map.relations}

    def attribution(a: Attribution | None) -> dict | None:
        return None if a is None or a.is_empty() else a.model_dump(exclude_none=True)

    def shape(relation_id: str, depth: int = 0):
        r = relations[relation_id]
        target = shape(r.target, depth + 1) if r.target in relations and depth < 50 else r.target
        return (
            r.kind.value,
            tuple(sorted(r.premises)),
            target,
            json.dumps(attribution(r.attribution)),
        )

    statements = {
        s.id: {**s.model_dump(exclude={"attribution"}), "attribution": attribution(s.attribution)}
        for s in argument_map.statements
    }
    return {
        "map": argument_map.model_dump(
            include={"title", "description", "authors", "created", "modified", "sources"}
        ),
        "statements": statements,
        "relations": sorted(map(repr, (shape(r.id) for r in argument_map.relations))),
        "groups": sorted(
            (g.id, g.title, tuple(sorted(g.statements)), g.parent or "")
            for g in argument_map.groups
        ),
    }


def round_trip(argument_map: ArgumentMap):
    result = ARGDOWN.read(ARGDOWN.write(argument_map))
    return comparable(result.map), result.warnings


def test_the_small_map_survives_a_round_trip():
    kept, warnings = round_trip(small_map())
    assert kept == comparable(small_map())
    assert warnings == []


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.name)
def test_each_sample_map_survives_a_round_trip(path):
    original = load_map(path)
    kept, warnings = round_trip(original)
    assert kept == comparable(original)
    assert warnings == []


def test_relations_written_as_arguments_keep_their_ids():
    result = ARGDOWN.read(ARGDOWN.write(small_map()))
    assert "r-deter" in {r.id for r in result.map.relations}


@pytest.mark.parametrize("tag", ["]:", "a]: b", "[x]:"])
def test_a_tag_with_a_closing_bracket_and_colon_does_not_end_the_title(tag):
    """``[id] #(]:)`` is not the title "id] #(": a title ends at its first bracket."""
    argument_map = ArgumentMap(statements=[Statement(id="s", text="", tags=[tag])])
    kept, warnings = round_trip(argument_map)
    assert kept == comparable(argument_map)
    assert warnings == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argument_maps())
def test_any_map_survives_a_round_trip(argument_map):
    kept, warnings = round_trip(argument_map)
    assert kept == comparable(argument_map)
    assert warnings == []


def roles_by_text(argument_map: ArgumentMap) -> dict[str, str]:
    text = {s.id: s.text for s in argument_map.statements}
    return {text[i]: str(role) for i, role in compute_roles(argument_map).items()}


def test_a_premise_keeps_the_role_its_first_relation_gives_it():
    """x first attacks b, then supports a: it stays an objection, though a's tree comes first."""
    again = read(ARGDOWN.write(objection_then_reason_map())).map
    assert roles_by_text(again)["X"] == "objection"


def test_a_premise_of_an_argument_keeps_the_role_its_first_relation_gives_it():
    argument_map = ArgumentMap(
        statements=[
            Statement(id="a", text="A"),
            Statement(id="b", text="B"),
            Statement(id="x", text="X"),
            Statement(id="y", text="Y"),
        ],
        relations=[
            Relation(id="r1", kind="attack", premises=["x"], target="b"),
            Relation(id="r2", kind="support", premises=["x", "y"], target="a"),
            Relation(id="r3", kind="support", premises=["b"], target="a"),
        ],
    )
    again = read(ARGDOWN.write(argument_map)).map
    assert roles_by_text(again)["X"] == "objection"


def first_relations(argument_map: ArgumentMap) -> dict[str, tuple]:
    """Each premise's first relation, by what it connects: it decides the premise's role."""
    relations = {r.id: r for r in argument_map.relations}

    def shape(relation_id: str, depth: int = 0) -> tuple:
        r = relations[relation_id]
        target = shape(r.target, depth + 1) if r.target in relations and depth < 50 else r.target
        return (r.kind.value, tuple(sorted(r.premises)), target)

    first: dict[str, tuple] = {}
    for relation in argument_map.relations:
        for premise in relation.premises:
            first.setdefault(premise, shape(relation.id))
    return first


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argument_maps())
def test_any_map_keeps_the_first_relation_of_every_premise_in_a_round_trip(argument_map):
    again = read(ARGDOWN.write(argument_map)).map
    assert first_relations(again) == first_relations(argument_map)


# Pieces of text that Argdown reads as formatting, and text that only looks like it.
_MARKUP = st.sampled_from(
    [*"ab *_`:.@[]<>()#\\\n-!", "**", "__", "``", "heart", "A", "v_", "->", "+1", "http", "😀"]
)
markup_texts = st.lists(_MARKUP, min_size=1, max_size=14).map("".join)


@settings(max_examples=300, deadline=None)
@given(markup_texts, markup_texts)
def test_text_that_looks_like_formatting_survives_a_round_trip(text, title):
    m = ArgumentMap(
        statements=[Statement(id="s", text=text)],
        groups=[Group(id="g", title=title.strip() or "g", statements=["s"])],
    )
    result = read(ARGDOWN.write(m))
    assert (result.map.statements[0].text, result.map.groups[0].title) == (
        text,
        title.strip() or "g",
    )
    assert result.warnings == []


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.name)
def test_each_sample_map_with_formatting_in_its_texts_survives_a_round_trip(path):
    loaded = load_map(path)
    original = loaded.model_copy(
        update={
            "statements": [
                s.model_copy(update={"text": f"**{s.text}** :heart: _{s.id}_ `x` @[y] [z](w)"})
                for s in loaded.statements
            ]
        }
    )
    kept, warnings = round_trip(original)
    assert kept == comparable(original)
    assert warnings == []
