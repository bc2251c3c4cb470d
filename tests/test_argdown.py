"""The Argdown format: what each construct of Argdown becomes in argmap, and how files are found."""

from __future__ import annotations

import re
from textwrap import dedent

import pytest

from argmap.cli import main
from argmap.formats import formats_for_path, read_any
from argmap.formats.argdown import ARGDOWN
from argmap.model import ID_PATTERN, ArgumentMap, Attribution, Relation, Statement


def read(text: str):
    return ARGDOWN.read(dedent(text).lstrip("\n"), "test.argdown")


def by_title(argument_map: ArgumentMap, title: str) -> Statement:
    return next(s for s in argument_map.statements if s.title == title)


def by_text(argument_map: ArgumentMap, text: str) -> Statement:
    return next(s for s in argument_map.statements if s.text == text)


def relation_between(argument_map: ArgumentMap, premises: list[str], target: str) -> Relation:
    return next(r for r in argument_map.relations if r.premises == premises and r.target == target)


def messages(result) -> str:
    return "\n".join(w.located(None) for w in result.warnings)


# -- statements ------------------------------------------------------------------


def test_a_definition_gives_a_statement_with_title_and_text():
    statement = read("[Claim]: Taxes should be lower.").map.statements[0]
    assert (statement.title, statement.text) == ("Claim", "Taxes should be lower.")


def test_later_references_are_the_same_statement():
    result = read("""
        [Claim]: Taxes should be lower.

        [Claim]
          + [Growth]: Lower taxes mean growth.
    """)
    assert [s.title for s in result.map.statements] == ["Claim", "Growth"]
    assert result.map.relations[0].target == by_title(result.map, "Claim").id


def test_text_without_a_title_is_a_statement_of_its_own_each_time():
    result = read("""
        Same words.

        Same words.
    """)
    assert [(s.title, s.text) for s in result.map.statements] == [(None, "Same words.")] * 2


def test_text_over_several_lines_is_joined_with_spaces():
    result = read("""
        [Claim]: Taxes should
          be lower
        for everyone.
    """)
    assert result.map.statements[0].text == "Taxes should be lower for everyone."


def test_escaped_characters_are_read_as_themselves():
    result = read(r"1 \< 3 \> 2 \[not a title\] \#not-a-tag \{no data\}")
    statement = result.map.statements[0]
    assert statement.text == "1 < 3 > 2 [not a title] #not-a-tag {no data}"
    assert statement.tags == []


def test_tags_at_the_end_are_taken_out_of_the_text():
    statement = read("[Claim]: Taxes should be lower. #economy #(long tag)").map.statements[0]
    assert statement.tags == ["economy", "long tag"]
    assert statement.text == "Taxes should be lower."


def test_tags_inside_the_text_stay_in_it():
    statement = read("[Claim]: Lower #taxes help.").map.statements[0]
    assert (statement.text, statement.tags) == ("Lower #taxes help.", ["taxes"])


def test_a_brace_inside_a_tag_opens_no_metadata():
    result = read("<X>\n\n(1) [A]: a #({)\n(2) [B]: b #(})\n----\n(3) [C]: c\n")
    assert [(s.title, s.text, s.tags) for s in result.map.statements] == [
        ("A", "a", ["{"]),
        ("B", "b", ["}"]),
        ("C", "c", []),
    ]


def test_right_to_left_text_is_kept():
    text = "מס נמוך יותר עוזר לצמיחה \u200f(כן)"  # with a right-to-left mark
    statement = read(f"[טענה]: {text}").map.statements[0]
    assert (statement.title, statement.text) == ("טענה", text)


def test_windows_line_endings_are_read_like_unix_ones():
    result = read("[A]: one\r\n  + [B]: two\r\n")
    assert [s.text for s in result.map.statements] == ["one", "two"]


# -- relations --------------------------------------------------------------------


def test_plus_and_minus_under_a_statement_are_its_reasons_and_objections():
    m = read("""
        [Claim]: C
          + [Pro]: P
          - [Con]: N
    """).map
    claim, pro, con = (by_title(m, t).id for t in ("Claim", "Pro", "Con"))
    assert relation_between(m, [pro], claim).kind == "support"
    assert relation_between(m, [con], claim).kind == "attack"


@pytest.mark.parametrize(
    ("symbol", "kind", "child_is_premise"),
    [
        ("<+", "support", True),
        ("<-", "attack", True),
        ("+>", "support", False),
        ("->", "attack", False),
    ],
)
def test_arrows_give_the_direction(symbol, kind, child_is_premise):
    m = read(f"[Parent]: P\n  {symbol} [Child]: C\n").map
    parent, child = by_title(m, "Parent").id, by_title(m, "Child").id
    premise, target = (child, parent) if child_is_premise else (parent, child)
    assert relation_between(m, [premise], target).kind == kind


def test_deeper_indentation_relates_to_the_line_above():
    m = read("""
        [A]: a
          + [B]: b
            - [C]: c
          - [D]: d
    """).map
    ids = {s.title: s.id for s in m.statements}
    assert {(r.premises[0], r.target) for r in m.relations} == {
        (ids["B"], ids["A"]),
        (ids["C"], ids["B"]),
        (ids["D"], ids["A"]),
    }


def test_a_dedent_between_two_levels_joins_the_shallower_one():
    m = read("""
        A
          + B
              <+ D
            -> G
    """).map
    a, d, g = (by_text(m, t).id for t in "ADG")
    b = by_text(m, "B").id
    assert relation_between(m, [a], g).kind == "attack"  # G is B's sibling, as in Argdown's parser
    assert relation_between(m, [d], b).kind == "support"


def test_a_contradiction_is_an_attack_and_says_what_is_lost():
    result = read("[A]: a\n  >< [B]: b\n")
    a, b = by_title(result.map, "A").id, by_title(result.map, "B").id
    assert relation_between(result.map, [a], b).kind == "attack"
    assert "contradict" in messages(result)


def test_a_relation_after_a_blank_line_continues_the_tree_with_a_warning():
    result = read("""
        [A]: a
          + [B]: b

          + [C]: c
    """)
    a, c = by_title(result.map, "A").id, by_title(result.map, "C").id
    assert relation_between(result.map, [c], a).kind == "support"
    assert any(w.line == 4 and "blank line" in w.message for w in result.warnings)


def test_a_relation_symbol_with_nothing_after_it_is_left_out_and_reported():
    result = read("[A]: a\n  +\n  - [B]: b\n")
    assert [s.title for s in result.map.statements] == ["A", "B"]
    assert len(result.map.relations) == 1
    assert any(w.line == 2 and w.column == 3 and "left out" in w.message for w in result.warnings)


def test_a_comment_line_inside_a_tree_does_not_end_it():
    m = read("""
        [A]: a
          <!-- a comment -->
          + [B]: b
    """).map
    assert relation_between(m, [by_title(m, "B").id], by_title(m, "A").id)


# -- arguments and premise–conclusion structures --------------------------------------


def test_an_argument_without_premises_is_a_statement():
    m = read("""
        [Claim]: c
          + <Growth>: Lower taxes mean growth. #econ
    """).map
    growth = by_title(m, "Growth")
    assert (growth.text, growth.tags) == ("Lower taxes mean growth.", ["econ"])
    assert relation_between(m, [growth.id], by_title(m, "Claim").id).kind == "support"


PCS = """
    <Modus>: Because of both.

    (1) [P1]: first
    (2) [P2]: second
    ----
    (3) [C]: conclusion
"""


def test_premises_become_co_premises_of_one_linked_reason():
    m = read(PCS).map
    relation = relation_between(
        m, [by_title(m, "P1").id, by_title(m, "P2").id], by_title(m, "C").id
    )
    assert (relation.kind, relation.id) == ("support", "Modus")


def test_a_reconstructed_arguments_title_and_description_go_to_the_conclusions_note():
    result = read(PCS.replace("<Modus>", "<Modus ponens>"))
    assert "Argument <Modus ponens>: Because of both." in by_title(result.map, "C").note
    assert any("Modus ponens" in w.message and w.line == 1 for w in result.warnings)


def test_each_inference_of_a_chain_is_one_relation_using_the_previous_conclusion():
    m = read("""
        (1) [A]: a
        (2) [B]: b
        ----
        (3) [C]: c
        (4) [D]: d
        ----
        (5) [E]: e
    """).map
    ids = {s.title: s.id for s in m.statements}
    assert {(tuple(r.premises), r.target) for r in m.relations} == {
        ((ids["A"], ids["B"]), ids["C"]),
        ((ids["C"], ids["D"]), ids["E"]),
    }


def test_uses_metadata_chooses_the_premises_of_an_inference():
    m = read("""
        (1) [A]: a
        (2) [B]: b
        (3) [X]: x
        --
        Modus ponens {uses: [1, 3]}
        --
        (4) [C]: c
    """).map
    ids = {s.title: s.id for s in m.statements}
    assert m.relations[0].premises == [ids["A"], ids["X"]]


def test_uses_metadata_on_the_conclusion_chooses_the_premises_as_in_argdown():
    result = read("""
        (1) [A]: a
        (2) [B]: b
        (3) [X]: x
        (4) [D]: d
        (5) [E]: e
        (6) [Y]: y
        ----
        (7) [C]: c {uses: [3, 6]}
    """)
    ids = {s.title: s.id for s in result.map.statements}
    assert [(r.premises, r.target) for r in result.map.relations] == [
        ([ids["X"], ids["Y"]], ids["C"])
    ]
    assert "uses" not in messages(result)
    assert by_title(result.map, "C").note is None


def test_uses_metadata_on_the_inference_wins_over_that_on_the_conclusion():
    m = read("""
        (1) [A]: a
        (2) [B]: b
        -- {uses: [1]} --
        (3) [C]: c {uses: [2]}
    """).map
    assert m.relations[0].premises == [by_title(m, "A").id]


def test_statement_numbers_in_other_scripts_are_text_as_in_argdown():
    result = ARGDOWN.read("(\u0967) [A]: a\n----\n(\u0968) [B]: b\n")
    assert [s.text for s in result.map.statements] == ["(\u0967) [A]: a ---- (\u0968) [B]: b"]
    assert result.map.relations == []


def test_inference_rule_names_are_kept_in_the_conclusions_note_with_a_warning():
    result = read("(1) [A]: a\n-- Modus ponens, Specification --\n(2) [C]: c\n")
    assert "Inferred by: Modus ponens, Specification" in by_title(result.map, "C").note
    assert any(w.line == 2 and "Modus ponens" in w.message for w in result.warnings)


def test_relations_of_a_reconstructed_argument_start_at_its_conclusion():
    m = read("""
        [Other]: o
          - <Arg>

        <Arg>

        (1) [P]: p
        ----
        (2) [C]: c
    """).map
    assert relation_between(m, [by_title(m, "C").id], by_title(m, "Other").id).kind == "attack"


def test_relations_come_in_the_order_of_the_file_an_arguments_where_it_first_appears():
    m = read("""
        [A]: a
          + [B]: b
          + <Arg>
          - [D]: d

        <Arg>

        (1) [P]: p
        ----
        (2) [A]
    """).map
    titles = {s.id: s.title for s in m.statements}
    assert [[titles[p] for p in r.premises] for r in m.relations] == [["B"], ["P"], ["D"]]


def test_a_relation_written_as_a_line_is_named_by_what_it_connects():
    m = read("""
        [A]: a
          + [B]: b
          - [C]: c
            <_ [D]: d
    """).map
    assert [r.id for r in m.relations] == ["B-supports-A", "C-attacks-A", "D-attacks-C"]


def test_a_relation_keeps_its_id_when_another_is_written_before_it():
    before = read("[A]: a\n  - [C]: c\n").map
    after = read("[A]: a\n  + [B]: b\n  - [C]: c\n").map
    assert after.relation(before.relations[0].id).premises == ["C"]


def test_a_relation_id_too_long_for_an_id_ends_in_a_digest_and_stays_unique():
    long = "x" * 60
    m = read(f"[{long}1]: a\n  + [{long}2]: b\n  - [{long}2]\n").map
    ids = [r.id for r in m.relations]
    assert len(set(ids)) == 2
    assert all(re.fullmatch(r"x{50,}-[0-9a-f]{8}", i) for i in ids)
    assert all(len(i) <= 64 and re.fullmatch(ID_PATTERN, i) for i in ids)


def test_a_relation_id_taken_by_a_statement_gets_a_number():
    m = read("[A]: a\n  + [B]: b\n\n[B-supports-A]: a statement so named\n").map
    assert [r.id for r in m.relations] == ["B-supports-A-2"]


def test_an_undercut_aims_at_the_last_inference_of_the_argument():
    m = read("""
        <Arg>
          <_ [U]: the inference fails

        (1) [P]: p
        ----
        (2) [C]: c
    """).map
    undercut = relation_between(m, [by_title(m, "U").id], "Arg")
    assert undercut.kind == "attack"


def test_an_undercut_under_a_conclusion_aims_at_the_inference_leading_to_it():
    m = read("""
        (1) [P]: p
        ----
        (2) [C]: c
          <_ [U]: u
    """).map
    inference = relation_between(m, [by_title(m, "P").id], by_title(m, "C").id)
    assert relation_between(m, [by_title(m, "U").id], inference.id).kind == "attack"


def test_an_undercut_of_an_unreconstructed_argument_aims_at_its_one_relation():
    m = read("""
        [Claim]: c
          + <Arg>: a
            <_ [U]: u
    """).map
    support = relation_between(m, [by_title(m, "Arg").id], by_title(m, "Claim").id)
    assert relation_between(m, [by_title(m, "U").id], support.id).kind == "attack"


def test_an_undercut_by_an_argument_with_an_implicit_conclusion_and_no_premises_is_left_out():
    result = ARGDOWN.read("[A]: a\n  _ <B>\n\n<B>\n\n----\n(2) {implicit: true}\n")
    assert [s.title for s in result.map.statements] == ["A"]
    assert result.map.relations == []
    assert any(w.line == 2 and "<B> has no premises" in w.message for w in result.warnings)


def test_a_structure_without_a_preceding_argument_is_an_untitled_argument():
    m = read("""
        [Claim]: c

        (1) [P]: p
        ----
        (2) [Claim]
    """).map
    assert relation_between(m, [by_title(m, "P").id], by_title(m, "Claim").id).kind == "support"


def test_a_structure_right_under_a_tree_continued_after_a_blank_line_is_the_trees_argument():
    m = read("""
        <Arg>
          + [C]: c

          + [D]: d
        (1) [P]: p
        ----
        (2) [Q]: q
    """).map
    assert relation_between(m, [by_title(m, "P").id], by_title(m, "Q").id).id == "Arg"


def test_a_structure_without_a_conclusion_is_read_as_statements_with_a_warning():
    result = read("(1) [A]: a\n(2) [B]: b\n")
    assert [s.title for s in result.map.statements] == ["A", "B"]
    assert not result.map.relations
    assert "conclusion" in messages(result)


# -- metadata --------------------------------------------------------------------------


def test_speaker_source_quote_and_date_are_the_attribution():
    m = read('[A]: a {speaker: Rabin, source: "Memoirs", quote: "self-reliance", date: 1994}').map
    attribution = m.statements[0].attribution
    assert (attribution.speaker, attribution.quote, attribution.date) == (
        "Rabin",
        "self-reliance",
        "1994",
    )
    assert m.source(attribution.source).title == "Memoirs"


def test_unknown_metadata_is_kept_in_the_note_and_reported_with_line_and_column():
    result = read("[A]: a\n\n[B]: b {isInMap: false}\n")
    assert "isInMap: false" in by_title(result.map, "B").note
    assert any(w.line == 3 and w.column == 8 and "isInMap" in w.message for w in result.warnings)


def test_metadata_that_is_not_yaml_is_kept_and_reported():
    result = read("[A]: a {speaker: one: two}\n")
    assert "{speaker: one: two}" in result.map.statements[0].note
    assert any(w.line == 1 and w.column and "YAML" in w.message for w in result.warnings)


def test_an_unclosed_brace_is_text_with_a_warning():
    result = read("[A]: a {speaker: [unclosed}\n")
    assert result.map.statements[0].text == "a {speaker: [unclosed}"
    assert any(
        w.line == 1 and w.column == 8 and "never closed" in w.message for w in result.warnings
    )


def test_metadata_may_span_several_lines():
    m = read('[A]: a\n{speaker: "Nietzsche",\n  date: 1882}\n').map
    assert m.statements[0].attribution == Attribution(speaker="Nietzsche", date="1882")


# -- headings, frontmatter, comments ---------------------------------------------------------


def test_headings_are_groups_and_nested_headings_nested_groups():
    m = read("""
        # Economy

        [A]: a

        ## Taxes

        [B]: b
    """).map
    economy, taxes = m.groups
    assert (economy.title, economy.statements) == ("Economy", [by_title(m, "A").id])
    assert (taxes.title, taxes.parent, taxes.statements) == (
        "Taxes",
        economy.id,
        [by_title(m, "B").id],
    )


def test_a_heading_marked_as_no_group_is_not_a_group():
    assert read("# Notes {isGroup: false}\n\n[A]: a\n").map.groups == []


def test_frontmatter_gives_the_title_and_authors_and_reports_display_settings():
    result = read("""
        ===
        title: Taxes
        author:
          - Ann
          - Bob
        color:
            tagColors: {pro: 0}
        ===

        [A]: a
    """)
    assert (result.map.title, result.map.authors) == ("Taxes", ["Ann", "Bob"])
    assert any("color" in w.message and w.line for w in result.warnings)


@pytest.mark.parametrize("comment", ["// gone", "/* gone */", "<!-- gone -->"])
def test_comments_are_left_out_and_reported_once(comment):
    result = read(f"[A]: kept {comment}\n")
    assert result.map.statements[0].text == "kept"
    assert sum("comment" in w.message for w in result.warnings) == 1


def test_two_slashes_in_a_web_address_are_not_a_comment():
    assert (
        read("[A]: see https://example.org/x").map.statements[0].text == "see https://example.org/x"
    )


def test_include_is_not_followed_and_says_so():
    result = read("[A]: a\n\n@include(other.argdown)\n")
    assert any(w.line == 3 and "@include" in w.message for w in result.warnings)
    assert len(result.map.statements) == 1


def test_list_items_are_statements():
    m = read("[A]: a\n\n  * first\n  * second\n").map
    assert [s.text for s in m.statements] == ["a", "first", "second"]


def test_the_argdown_plus_dialect_is_named_in_a_warning():
    result = read("===\nparser:\n  syntax: argdown+\n===\n\n[A]: a\n  !> [B]\n")
    assert "Argdown+" in messages(result)


@pytest.mark.parametrize("text", ["", "\n\n", "// only a comment\n", "===\ntitle: T\n===\n"])
def test_a_file_without_statements_reads_as_an_empty_map_with_a_warning(text):
    result = ARGDOWN.read(text)
    assert result.map.statements == []
    assert [(w.line, w.message) for w in result.warnings if "empty" in w.message] == [
        (1, "the file holds no statements or arguments; the map is empty")
    ]


def test_converting_an_empty_file_strictly_writes_nothing(tmp_path, capsys):
    source, target = tmp_path / "empty.argdown", tmp_path / "empty.argmap"
    source.write_text("")
    assert main(["convert", "--strict", str(source), str(target)]) != 0
    assert not target.exists()
    assert "the map is empty" in capsys.readouterr().err


# -- finding the format ----------------------------------------------------------------------


def test_argdown_files_are_found_by_extension_and_read_through_the_registry(tmp_path):
    path = tmp_path / "debate.ad"
    path.write_text("[Claim]: c\n  + [Pro]: p\n", encoding="utf-8")
    assert formats_for_path(path)[0] is ARGDOWN
    assert len(read_any(path).map.relations) == 1


@pytest.mark.parametrize(
    ("text", "looks_like"),
    [
        ("[Claim]: text\n", True),
        ("Some claim\n  + [Pro]\n", True),
        ("(1) a\n----\n(2) b\n", True),
        ('{"format": "argmap"}', False),
        ("Just prose.\n", False),
        ("1. Pro: a Kialo line\n", False),
        ("# Outline\n  - [a link](https://example.org)\n", False),
    ],
)
def test_sniffing_recognises_argdown(text, looks_like):
    assert ARGDOWN.sniff(text) is looks_like
