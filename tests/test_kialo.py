"""Kialo text exports: both variants read, the first written, hostile input refused clearly.

The files under tests/data/kialo/ are written by hand for these tests (real
Kialo exports may not be redistributed).
"""

from __future__ import annotations

from collections import Counter

import pytest
from kialo_helpers import (
    DATA,
    edges,
    error_of,
    read,
    read_file,
    text_edges,
    warnings_of,
)
from scaling import LINEAR, slowdown

from argmap.files import dumps_map, loads_map
from argmap.formats import format_by_name, formats_for_path, read_any
from argmap.formats.kialo import KIALO, MAX_WARNINGS
from argmap.model import Attribution, Source, Statement

# -- the format's place in the registry -------------------------------------------------


def test_kialo_is_registered_for_txt_files():
    assert format_by_name("kialo") is KIALO
    assert KIALO in formats_for_path("debate.txt")


@pytest.mark.parametrize("first", ["Discussion Title: Tea?", "\ufeff\n\nDiscussion Name:\nTea?"])
def test_sniff_recognises_both_headers(first):
    assert KIALO.sniff(first + "\n\n1. Tea is good.\n")


def test_sniff_rejects_other_text():
    assert not KIALO.sniff("1. Tea is good.\n")
    assert not KIALO.sniff("# Discussion Title: no\n")


# -- reading: the first variant -----------------------------------------------------------


def test_the_title_line_gives_the_map_title():
    assert (
        read_file("cars-title-variant.txt").map.title
        == "Should cities ban cars from their centres?"
    )


def test_numbering_gives_the_tree_pro_as_support_and_con_as_attack():
    assert edges(read_file("cars-title-variant.txt").map) == Counter(
        {
            ("1.1", "1", "support"): 1,
            ("1.1.1", "1.1", "attack"): 1,
            ("1.1.1.1", "1.1.1", "attack"): 1,
            ("1.2", "1", "attack"): 1,
            ("1.2.1", "1.2", "attack"): 1,
            ("1.3", "1", "support"): 1,
            ("1.1.1", "1.3", "attack"): 1,  # the link 1.3.1
            ("1.4", "1", "attack"): 1,
        }
    )


def test_lines_without_a_number_continue_the_claim_above():
    text = read_file("cars-title-variant.txt").map.statement("1.4").text
    assert text == (
        "People with reduced mobility depend on cars.\n"
        "Ramps and buses do not serve everyone:\n"
        "some trips need a car to the door."
    )


def test_a_link_reuses_the_statement_instead_of_copying_it():
    argument_map = read_file("cars-title-variant.txt").map
    texts = [s.text for s in argument_map.statements]
    assert texts.count("Deliveries still need vans, so traffic does not disappear.") == 1
    assert "1.3.1" not in {s.id for s in argument_map.statements}


def test_a_well_formed_file_reads_without_warnings():
    assert read_file("cars-title-variant.txt").warnings == []


# -- reading: the newer variant -----------------------------------------------------------


def test_discussion_name_takes_the_title_from_the_next_line():
    assert (
        read_file("homework-name-variant.txt").map.title
        == "Should homework be abolished in primary schools?"
    )


def test_a_stance_standing_alone_takes_its_text_from_the_next_line():
    argument_map = read_file("homework-name-variant.txt").map
    assert argument_map.statement("1").text == "Homework should be abolished in primary schools."
    assert argument_map.statement("1.1").text == "Children need time to play after school."
    assert ("1.1", "1", "support") in edges(argument_map)


def test_blank_lines_inside_a_claim_are_kept_but_not_those_between_claims():
    text = read_file("homework-name-variant.txt").map.statement("1.2").text
    assert (
        text
        == "Practice at home helps pupils remember what they learnt.\n\nEspecially times tables."
    )


def test_a_link_on_the_line_after_a_stance_is_a_link():
    argument_map = read_file("homework-name-variant.txt").map
    assert ("1.1.1", "1.2", "support") in edges(argument_map)
    assert len(argument_map.statements) == 4


# -- footnotes ------------------------------------------------------------------------------


def test_the_sources_list_becomes_map_sources():
    sources = read_file("cars-title-variant.txt").map.sources
    assert [s.id for s in sources] == ["source-1", "source-2", "source-3"]
    assert sources[0] == Source(
        id="source-1",
        title="European Environment Agency, Air quality in Europe 2022.",
        url="https://www.eea.europa.eu/publications/air-quality-in-europe-2022",
    )


def test_a_source_entry_may_continue_on_the_next_line():
    source = read_file("cars-title-variant.txt").map.source("source-2")
    assert source.title == "A survey by a shopkeepers' association, published as a leaflet."


def test_a_marker_ending_the_text_is_recorded_as_the_source_and_taken_off():
    statement = read_file("cars-title-variant.txt").map.statement("1.1")
    assert statement.text == "Car-free centres have cleaner air."
    assert statement.attribution == Attribution(source="source-1")


def test_a_marker_inside_the_text_stays_where_it_is_and_is_recorded():
    statement = read_file("cars-title-variant.txt").map.statement("1.2.1")
    assert (
        statement.text
        == "Pedestrians spend more per month than drivers [3], according to several studies."
    )
    assert statement.attribution == Attribution(source="source-3")


def test_without_a_sources_list_brackets_are_plain_text():
    argument_map = read("Discussion Title: T\n\n1. Thesis [1]\n").map
    assert argument_map.statements[0].text == "Thesis [1]"
    assert argument_map.statements[0].attribution is None


def test_a_marker_after_a_backslash_is_text_without_the_backslash():
    result = read("Discussion Title: T\n\n1. Table \\[1] shows it\n\nSources:\n[1] One\n")
    assert result.map.statements[0].text == "Table [1] shows it"
    assert result.map.statements[0].attribution is None


def test_a_claim_citing_two_sources_records_one_and_warns():
    result = read("Discussion Title: T\n\n1. A [1] and B [2]\n\nSources:\n[1] One\n[2] Two\n")
    assert result.map.statements[0].text == "A [1] and B"
    assert result.map.statements[0].attribution == Attribution(source="source-2")
    assert warnings_of(result) == [
        (
            3,
            (
                "claim 1 cites several sources; argmap records one per statement,"
                " the other markers stay in the text"
            ),
        )
    ]


# -- line endings and byte order mark ---------------------------------------------------------


def test_crlf_and_a_byte_order_mark_read_like_lf():
    raw = (DATA / "tea-crlf-bom.txt").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw
    crlf = read(raw.decode("utf-8")).map
    lf = read(raw.decode("utf-8-sig").replace("\r\n", "\n")).map
    assert crlf == lf
    assert crlf.title == "Tea or coffee?"
    assert (
        crlf.statement("1.1.1").text == "Some people want the caffeine.\nEspecially in the morning."
    )


def test_old_mac_line_endings_read_like_lf():
    assert (
        read("Discussion Title: T\r\r1. A\r1.1. Pro: B\r").map
        == read("Discussion Title: T\n\n1. A\n1.1. Pro: B\n").map
    )


def test_read_any_picks_kialo_for_a_txt_file():
    result = read_any(DATA / "tea-crlf-bom.txt")
    assert result.map.title == "Tea or coffee?"


# -- what cannot be placed is reported, not dropped ---------------------------------------


def test_lines_before_the_first_claim_are_kept_in_the_description():
    result = read_file("unusual-lines.txt")
    assert result.map.description == "Exported on a Tuesday.\nSome notes before the first entry."
    assert (3, "text before the first claim; kept in the map's description") in warnings_of(result)
    assert (14, "not a '[n] …' source entry; kept in the map's description") in warnings_of(result)


def test_a_numbering_gap_is_reported_and_the_claim_kept():
    result = read_file("unusual-lines.txt")
    assert (6, "numbering gap: there is no claim 1.2 before 1.3") in warnings_of(result)
    assert ("1.3", "1", "attack") in edges(result.map)


def test_a_claim_whose_parent_does_not_exist_is_kept_unconnected():
    result = read_file("unusual-lines.txt")
    assert (7, "no claim 1.7 for 1.7.1 to answer; kept unconnected") in warnings_of(result)
    assert result.map.statement("1.7.1").text == "A claim whose parent 1.7 does not exist."
    assert not [r for r in result.map.relations if "1.7.1" in r.premises]


def test_a_claim_without_pro_or_con_is_kept_unconnected():
    result = read_file("unusual-lines.txt")
    assert (8, "claim 1.4 has no 'Pro:' or 'Con:'; kept unconnected") in warnings_of(result)
    assert result.map.statement("1.4").text == "Maybe: A claim with no stance."


def test_a_link_to_a_missing_claim_is_kept_as_text():
    result = read_file("unusual-lines.txt")
    assert (9, "1.5 links to 9.9, which does not exist; kept as text") in warnings_of(result)
    assert result.map.statement("1.5").text == "-> See 9.9."


def test_a_repeated_number_gets_an_id_of_its_own():
    result = read_file("unusual-lines.txt")
    assert (
        10,
        "claim number 1.1 is used again (first at line 5); links and answers go to the first",
    ) in warnings_of(result)
    assert result.map.statement("n7").text == "A second claim numbered 1.1."


def test_a_marker_missing_from_the_sources_list_is_reported_and_kept():
    result = read_file("unusual-lines.txt")
    assert (11, "claim 1.6 cites [4], which the Sources list lacks") in warnings_of(result)
    assert result.map.statement("1.6").text == "Cites a missing source. [4]"


def test_warnings_come_in_line_order():
    lines = [line for line, _ in warnings_of(read_file("unusual-lines.txt"))]
    assert lines == sorted(lines)


def test_links_in_a_circle_are_kept_as_text():
    result = read("Discussion Title: T\n\n1. A\n1.1. Pro: -> See 1.2.\n1.2. Con: -> See 1.1.\n")
    assert warnings_of(result) == [(4, "links from 1.1 go round in a circle; kept as text")]
    assert result.map.statement("1.1").text == "-> See 1.2."
    assert edges(result.map) == Counter({("1.1", "1", "support"): 1, ("1.1", "1", "attack"): 1})


def test_a_claim_linking_to_its_own_parent_is_reported():
    result = read("Discussion Title: T\n\n1. A\n1.1. Pro: -> See 1.\n")
    assert warnings_of(result) == [(4, "claim 1.1 links to the claim it answers; ignored")]
    assert result.map.relations == []


def test_text_after_a_link_turns_the_link_into_text():
    result = read("Discussion Title: T\n\n1. A\n1.1. Pro: B\n1.2. Con: -> See 1.1.\nmore words\n")
    assert warnings_of(result) == [
        (6, "claim 1.2 has text after its link; the link is kept as text")
    ]
    assert result.map.statement("1.2").text == "-> See 1.1.\nmore words"


def test_a_thesis_with_no_header_is_read_with_a_warning():
    result = read("1. Thesis\n1.1. Pro: Reason\n")
    assert warnings_of(result) == [(1, "no 'Discussion Title:' line; the map has no title")]
    assert len(result.map.statements) == 2


def test_a_discussion_without_claims_is_an_empty_map_with_a_warning():
    result = read("Discussion Title: Nothing yet\n")
    assert result.map.statements == []
    assert warnings_of(result) == [(None, "the discussion has no claims")]


# -- hostile input --------------------------------------------------------------------------


def test_text_that_is_not_kialo_is_an_error_naming_the_line():
    assert error_of("\n\nHello there\n1. A\n") == (
        "test.txt:3: this is not a Kialo export: the first line should start with"
        " 'Discussion Title:' or 'Discussion Name:'"
    )


def test_an_empty_file_is_an_error():
    assert "the file is empty" in error_of(" \n\n")


def test_binary_junk_is_an_error_with_line_and_column():
    message = error_of("Discussion Title: T\n\n1. A\x00\x01\xff\x89PNG\n")
    assert (
        message
        == "test.txt:3:5: character U+0000 cannot be in a Kialo export (is this a binary file?)"
    )


def test_ten_thousand_levels_of_numbering_on_one_line_are_a_warning():
    number = ".".join(["1"] * 10_000)
    result = read(f"Discussion Title: T\n\n1. A\n{number}. Pro: deep\n")
    [(line, message)] = warnings_of(result)
    assert line == 4
    assert message.startswith("no claim 1.1.1")
    assert "(9999 levels)" in message
    assert len(message) < 200  # the number is shortened, not printed whole
    assert [s.text for s in result.map.statements] == ["A", "deep"]


@pytest.mark.parametrize("digits", ["\u0967", "\u0661", "\uff11"])  # Devanagari, Arabic, full width
def test_numbers_in_other_scripts_are_text_not_numbering(digits):
    result = read(f"Discussion Title: T\n\n1. thesis [{digits}]\n1.{digits}. Pro: x\n\nSources:\n")
    assert [(s.id, s.text) for s in result.map.statements] == [
        ("1", f"thesis [{digits}]\n1.{digits}. Pro: x")
    ]
    assert dumps_map(result.map) == dumps_map(loads_map(dumps_map(result.map)))


def test_a_source_entry_numbered_in_another_script_is_kept_as_text():
    result = read("Discussion Title: T\n\n1. thesis\n\nSources:\n[\u0967] a book\n")
    assert result.map.sources == []
    assert result.map.description == "[\u0967] a book"


def test_a_chain_deeper_than_the_recursion_limit_reads_and_writes():
    depth = 3000
    lines = ["Discussion Title: Deep", "", "1. level 1"]
    lines += [".".join(["1"] * level) + f". Con: level {level}" for level in range(2, depth + 1)]
    result = read("\n".join(lines))
    assert len(result.map.statements) == depth
    assert len(result.map.relations) == depth - 1
    assert result.map.statements[-1].id.startswith("n")  # numbers longer than an id allows
    again = read(KIALO.write(result.map)).map
    assert text_edges(again) == text_edges(result.map)


def test_a_long_chain_of_links_resolves_without_recursion():
    lines = ["Discussion Title: T", "", "1. A", "1.1. Pro: B"]
    lines += [f"1.{k}. Pro: -> See 1.{k - 1}." for k in range(2, 5001)]
    result = read("\n".join(lines))
    assert result.warnings == []
    assert len(result.map.statements) == 2
    assert edges(result.map) == Counter({("1.1", "1", "support"): 5000})


def test_a_flood_of_problems_gives_a_bounded_number_of_warnings():
    lines = ["Discussion Title: T", ""] + [f"9.{k}. Pro: orphan" for k in range(1, 3000)]
    result = read("\n".join(lines))
    assert len(result.warnings) == MAX_WARNINGS + 1
    assert result.warnings[-1].message.endswith("more warnings")


def long_claims(claims: int, lines: int) -> str:
    """A discussion of ``claims`` claims, each ``lines`` lines of about a kilobyte long."""
    line = "A long claim that goes on and on, line after line. " * 20 + "\n"
    return "Discussion Title: Big\n\n1. Thesis\n" + "".join(
        f"1.{k}. Pro: {line * lines}" for k in range(1, claims + 1)
    )


def test_long_claims_are_read_whole():
    result = read(long_claims(1000, 5))
    assert len(result.map.statements) == 1001
    assert len(result.map.statements[-1].text) > 5000
    assert result.warnings == []


@pytest.mark.parametrize(
    ("small", "large"),
    [((50, 20), (200, 20)), ((10, 100), (10, 400))],
    ids=["more claims", "longer claims"],
)
def test_reading_takes_time_in_proportion_to_the_text(small, large):
    """Linear in both directions, so 50 MB take seconds (``bench/formats.py`` times that)."""
    assert slowdown(read, long_claims(*small), long_claims(*large)) < LINEAR


def test_statements_read_are_exactly_what_validation_would_build():
    for path in sorted(DATA.glob("*.txt")):
        for statement in read_file(path.name).map.statements:
            assert Statement.model_validate(statement.model_dump()) == statement


def test_statements_read_mark_as_set_only_what_the_file_gives():
    """As validation would: dumping with ``exclude_unset`` gives what was read, no defaults."""
    thesis, cited = read(
        "Discussion Title: T\n\n1. Thesis\n1.1. Pro: Reason [1]\n\nSources:\n[1] S\n"
    ).map.statements
    assert thesis.model_fields_set == {"id", "text"}
    assert cited.model_fields_set == {"id", "text", "attribution"}
