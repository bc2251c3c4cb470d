"""The example maps: faithful to their articles and rich enough to show every construct."""

from __future__ import annotations

import re

import pytest
from conftest import MAPS, ROOT, SEEDS

from argmap.files import load_map
from argmap.problems import find_problems
from argmap.roles import Role, is_undercut

TREATY = ROOT / "maps" / "israel-us-defense-treaty.argmap"
SAUDI = ROOT / "maps" / "us-saudi-defense-pact.argmap"


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_both_seed_maps_exist():
    assert TREATY in MAPS
    assert SAUDI in MAPS


@pytest.mark.parametrize("path", MAPS, ids=[p.stem for p in MAPS])
def test_a_sample_map_has_no_errors_or_warnings(path):
    assert find_problems(load_map(path)) == []


@pytest.mark.parametrize("path", MAPS, ids=[p.stem for p in MAPS])
def test_every_statement_names_its_speaker_and_source(path):
    argument_map = load_map(path)
    for statement in argument_map.statements:
        assert statement.attribution, statement.id
        assert statement.attribution.speaker, statement.id
        assert statement.attribution.source, statement.id


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source articles are not beside the checkout")
@pytest.mark.parametrize("path", MAPS, ids=[p.stem for p in MAPS])
def test_every_quote_is_verbatim_from_an_article(path):
    articles = normalise(" ".join(p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")))
    argument_map = load_map(path)
    quotes = [
        element.attribution.quote
        for element in [*argument_map.statements, *argument_map.relations]
        if element.attribution and element.attribution.quote
    ]
    assert quotes
    for quote in quotes:
        assert normalise(quote) in articles, quote


def test_the_treaty_map_shows_every_construct():
    argument_map = load_map(TREATY)
    roles = argument_map.roles()
    assert len(argument_map.statements) >= 18
    assert [s.text for s in argument_map.main_claims()] == [
        "Israel should seek a formal defense treaty with the US"
    ]
    assert Role.REBUTTAL in roles.values()
    assert any(len(r.premises) > 1 and r.kind == "support" for r in argument_map.relations)
    assert any(is_undercut(argument_map, r) for r in argument_map.relations)
    assert len(argument_map.groups) >= 2
    speakers = " ".join(argument_map.speakers())
    for name in ("Rabin", "Peres", "Goren", "Clinton", "Netanyahu"):
        assert name in speakers


def test_the_treaty_map_sets_goren_s_case_directly_against_the_main_claim():
    argument_map = load_map(TREATY)
    (claim,) = argument_map.main_claims()
    objections = {
        premise
        for relation in argument_map.relations
        if relation.target == claim.id and relation.kind == "attack"
        for premise in relation.premises
    }
    assert {"not-right-way", "self-reliance", "cooperation-works"} <= objections


def test_the_saudi_map_covers_the_article():
    argument_map = load_map(SAUDI)
    assert len(argument_map.statements) >= 12
    assert [s.text for s in argument_map.main_claims()] == [
        "The US should sign a mutual defense treaty with Saudi Arabia"
    ]
    text = " ".join(s.text + " " + (s.title or "") for s in argument_map.statements)
    for fact in ("2,700", "Elaph", "Yemen", "Blinken", "Human Rights Watch"):
        assert fact in text
