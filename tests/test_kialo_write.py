"""Kialo text exports written by argmap: the numbered variant, deterministic, round trips."""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import MAPS, objection_chain, small_map
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from kialo_helpers import (
    DATA,
    kialo_shape,
    read,
    text_edges,
)
from scaling import LINEAR, slowdown
from strategies import argument_maps

from argmap.files import load_map
from argmap.formats.kialo import KIALO
from argmap.formats.kialo_write import MAX_LEVELS
from argmap.model import ArgumentMap, Attribution, Relation, Source, Statement

# -- writing --------------------------------------------------------------------------------


def test_writing_uses_the_title_variant_with_numbered_stances():
    text = KIALO.write(small_map())
    assert text.startswith(
        "Discussion Title: Treaty\n\n1. A treaty would serve Israel's security\n"
    )
    assert (
        "\n1.3. Con: It would limit freedom of action"
        "\n1.3.1. Con: A narrow treaty need not limit it\n" in text
    )
    assert text.endswith("\n\nSources:\n[1] A defense treaty is not the answer; Nimrod Goren\n")


def test_writing_is_deterministic():
    for path in MAPS:
        argument_map = load_map(path)
        assert KIALO.write(argument_map) == KIALO.write(argument_map.model_copy(deep=True))


def test_a_statement_reached_twice_is_written_once_then_linked():
    argument_map = ArgumentMap(
        statements=[Statement(id=i, text=i.upper()) for i in ("a", "b", "c", "shared")],
        relations=[
            Relation(id="r1", kind="support", premises=["b"], target="a"),
            Relation(id="r2", kind="attack", premises=["c"], target="a"),
            Relation(id="r3", kind="support", premises=["shared"], target="b"),
            Relation(id="r4", kind="attack", premises=["shared"], target="c"),
        ],
    )
    text = KIALO.write(argument_map)
    assert "1.1.1. Pro: SHARED\n" in text
    assert "1.2.1. Con: -> See 1.1.1.\n" in text
    assert text_edges(read(text).map) == text_edges(argument_map)


def test_a_circle_no_main_claim_reaches_becomes_a_thesis_and_round_trips():
    argument_map = ArgumentMap(
        statements=[Statement(id="a", text="A"), Statement(id="b", text="B")],
        relations=[
            Relation(id="r1", kind="support", premises=["a"], target="b"),
            Relation(id="r2", kind="support", premises=["b"], target="a"),
        ],
    )
    text = KIALO.write(argument_map)
    assert text == "Discussion Title:\n\n1. A\n1.1. Pro: B\n1.1.1. Pro: -> See 1.\n"
    assert text_edges(read(text).map) == text_edges(argument_map)


def test_several_main_claims_become_numbered_theses():
    argument_map = ArgumentMap(
        statements=[Statement(id="a", text="A"), Statement(id="b", text="B")]
    )
    assert KIALO.write(argument_map) == "Discussion Title:\n\n1. A\n2. B\n"
    assert [s.text for s in read(KIALO.write(argument_map)).map.statements] == ["A", "B"]


def test_a_deepest_claim_with_answers_continues_as_a_thesis_of_its_own():
    text = KIALO.write(objection_chain(MAX_LEVELS + 5))
    deepest = ".".join(["1"] * MAX_LEVELS)
    assert f"\n{deepest}. Con: -> See 2.\n2. level {MAX_LEVELS - 1}\n2.1. Con: level" in text
    numbers = [line.split(" ")[0] for line in text.splitlines()[2:]]
    assert max(number.count(".") for number in numbers) == MAX_LEVELS


def test_a_chain_continued_in_further_theses_reads_back_unchanged():
    argument_map = objection_chain(5 * MAX_LEVELS)
    result = read(KIALO.write(argument_map))
    assert result.warnings == []
    assert text_edges(result.map) == text_edges(argument_map)


def test_a_deepest_claim_without_answers_is_written_in_place():
    text = KIALO.write(objection_chain(MAX_LEVELS))
    assert text.endswith(f"\n{'.'.join(['1'] * MAX_LEVELS)}. Con: level {MAX_LEVELS - 1}\n")


def test_the_text_written_grows_in_proportion_to_the_depth():
    # what a nesting that repeats the path of each item would break: n levels, n² characters
    assert len(KIALO.write(objection_chain(8000))) < 5 * len(KIALO.write(objection_chain(2000)))


def test_writing_takes_time_in_proportion_to_the_depth():
    assert slowdown(KIALO.write, objection_chain(4000), objection_chain(16_000)) < LINEAR


def test_text_lines_that_look_like_structure_survive_a_round_trip():
    text = "Three reasons:\n1. cheap\n  2. fast\n-> See 1.\nSources:\n\nend"
    argument_map = ArgumentMap(
        statements=[Statement(id="a", text="-> See 1."), Statement(id="b", text=text)]
    )
    result = read(KIALO.write(argument_map))
    assert [s.text for s in result.map.statements] == ["-> See 1.", text]
    assert result.warnings == []


def test_footnote_numbers_read_from_kialo_are_kept_when_written_again():
    original = (DATA / "cars-title-variant.txt").read_text(encoding="utf-8")
    written = KIALO.write(read(original).map)
    assert (
        "Con: Pedestrians spend more per month than drivers [3], according to several studies.\n"
        in written
    )
    assert "1.1. Pro: Car-free centres have cleaner air. [1]\n" in written
    assert (
        "\n[3] Living Streets, The Pedestrian Pound https://example.org/pedestrian-pound\n"
        in written
    )


def _cites(text: str, source: str | None, statement_id: str = "a") -> Statement:
    attribution = Attribution(source=source) if source else None
    return Statement(id=statement_id, text=text, attribution=attribution)


def _two_sources(*statements: Statement) -> ArgumentMap:
    sources = [Source(id="source-1", title="One"), Source(id="source-2", title="Two")]
    return ArgumentMap(statements=list(statements), sources=sources)


def test_a_bracketed_number_in_a_text_that_cites_nothing_reads_back_as_text():
    argument_map = _two_sources(_cites("As table [1] shows", None))
    result = read(KIALO.write(argument_map))
    assert result.map.statements[0].text == "As table [1] shows"
    assert result.map.statements[0].attribution is None
    assert result.warnings == []


def test_a_text_ending_in_its_own_sources_marker_keeps_the_marker():
    again = read(KIALO.write(_two_sources(_cites("Table [1]", "source-1")))).map
    assert again.statements[0].text == "Table [1]"
    assert again.statements[0].attribution == Attribution(source="source-1")


def test_a_text_with_another_sources_marker_first_keeps_the_source_it_cites():
    again = read(KIALO.write(_two_sources(_cites("See [2] and [1] there", "source-1")))).map
    assert again.statements[0].text == "See [2] and [1] there"
    assert again.statements[0].attribution == Attribution(source="source-1")


_MARKER_TEXTS = st.lists(st.sampled_from(["[1]", "[2]", "[3]", "\\", " ", "x", "[01]"]), max_size=8)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_MARKER_TEXTS, st.sampled_from([None, "source-1", "source-2"]))))
def test_texts_with_markers_and_backslashes_read_back_with_the_source_they_cite(claims):
    statements = [
        _cites("".join(parts).strip() or "x", source, f"s{index}")
        for index, (parts, source) in enumerate(claims)
    ]
    again = read(KIALO.write(_two_sources(*statements))).map
    assert [(s.text, s.attribution) for s in again.statements] == [
        (s.text, s.attribution) for s in statements
    ]


# -- round trips: exactly what Kialo keeps and loses --------------------------------------


def round_trip(argument_map: ArgumentMap) -> ArgumentMap:
    result = read(KIALO.write(argument_map))
    assert result.warnings == []
    return result.map


@pytest.mark.parametrize(
    "argument_map", [small_map(), *map(load_map, MAPS)], ids=["small", *(p.stem for p in MAPS)]
)
def test_round_trip_keeps_every_statement_text(argument_map):
    again = round_trip(argument_map)
    assert Counter(s.text for s in again.statements) == Counter(
        s.text for s in argument_map.statements
    )
    assert again.title == argument_map.title


@pytest.mark.parametrize(
    "argument_map", [small_map(), *map(load_map, MAPS)], ids=["small", *(p.stem for p in MAPS)]
)
def test_round_trip_keeps_the_tree_and_kinds_kialo_can_express(argument_map):
    assert text_edges(round_trip(argument_map)) == kialo_shape(argument_map)


@pytest.mark.parametrize(
    "argument_map", [small_map(), *map(load_map, MAPS)], ids=["small", *(p.stem for p in MAPS)]
)
def test_round_trip_keeps_cited_sources_but_not_speakers_quotes_or_dates(argument_map):
    again = round_trip(argument_map)
    cited = {
        s.text: argument_map.source(s.attribution.source).title
        for s in argument_map.statements
        if s.attribution and s.attribution.source
    }
    assert {
        s.text: again.source(s.attribution.source).title.split("; ")[0]
        for s in again.statements
        if s.attribution
    } == cited
    assert all(
        s.attribution == Attribution(source=s.attribution.source)
        for s in again.statements
        if s.attribution
    )


def test_round_trip_splits_co_premises_and_turns_undercuts_into_attacks_on_the_first_premise():
    again = round_trip(small_map())
    assert text_edges(again) == Counter(
        {
            (
                "A formal guarantee deters attack",
                "A treaty would serve Israel's security",
                "support",
            ): 1,
            ("US guarantees are credible", "A treaty would serve Israel's security", "support"): 1,
            ("The offers were political gimmicks", "A formal guarantee deters attack", "attack"): 1,
            (
                "It would limit freedom of action",
                "A treaty would serve Israel's security",
                "attack",
            ): 1,
            ("A narrow treaty need not limit it", "It would limit freedom of action", "attack"): 1,
        }
    )
    assert all(len(r.premises) == 1 for r in again.relations)


def test_round_trip_flattens_a_source_into_title_and_address():
    source = Source(
        id="s",
        title="Report",
        author="Ann",
        publisher="Press",
        date="2020",
        url="https://example.org/r",
    )
    argument_map = ArgumentMap(
        statements=[Statement(id="a", text="A", attribution=Attribution(source="s"))],
        sources=[source],
    )
    again = round_trip(argument_map)
    assert again.sources == [
        Source(id="source-1", title="Report; Ann; Press; 2020", url="https://example.org/r")
    ]
    assert again.statements[0].text == "A"
    assert again.statements[0].attribution == Attribution(source="source-1")


def test_a_source_that_is_only_an_address_is_written_back_as_it_was_read():
    original = (
        "Discussion Title: T\n\n1. Claim.\n1.1. Pro: Reason. [1]\n\n"
        "Sources:\n[1] https://example.org/a\n"
    )
    assert KIALO.write(read(original).map) == original


def test_round_trip_drops_titles_notes_tags_groups_and_relation_attributions():
    again = round_trip(small_map())
    assert all(s.title is None and s.note is None and s.tags == [] for s in again.statements)
    assert again.groups == []
    assert all(r.attribution is None for r in again.relations)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argument_maps())
def test_any_map_written_reads_back_with_its_texts(argument_map):
    result = read(KIALO.write(argument_map))
    expected = Counter(_kialo_text(s.text) for s in argument_map.statements)
    assert Counter(s.text for s in result.map.statements) == expected


def _kialo_text(text: str) -> str:
    """A text as Kialo keeps it: line ends normalised, outer and blank-line white space gone."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").strip().split("\n")
    return "\n".join(line if line.strip() else "" for line in lines).strip()
