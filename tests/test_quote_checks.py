"""Quotes checked against their sources' texts: warnings, closest passages, coverage, the CLI."""

from __future__ import annotations

import json

import pytest

from argmap.cli import main
from argmap.files import dumps_map, load_map, save_map
from argmap.model import ArgumentMap, Attribution, Relation, Source, Statement, required_version
from argmap.sourcetext import QuoteStatus, check_quote, coverage, quote_problems, sentences

TEXT = (
    "It has been nearly 70 years since Israel first asked the U.S. to sign a bilateral "
    "defense treaty. Ever since then, the idea of a formal security agreement has "
    "resurfaced from time to time.\n\nBut Netanyahu's latest effort seems like more of a "
    "gimmick designed to assuage public concern than an actual necessity."
)


def quoting(*quotes: str, text: str | None = TEXT) -> ArgumentMap:
    return ArgumentMap(
        statements=[
            Statement(
                id=f"s{n}",
                text="claim",
                attribution=Attribution(speaker="Goren", source="op-ed", quote=quote),
            )
            for n, quote in enumerate(quotes)
        ],
        sources=[Source(id="op-ed", title="Op-ed", author="Nimrod Goren", text=text)],
    )


def test_found_quotes_give_no_warning():
    assert quote_problems(quoting("Israel first asked the U.S.", "a formal … agreement")) == []


def test_a_quote_not_in_the_text_is_a_warning_at_its_path_naming_the_statement():
    (problem,) = quote_problems(quoting("Ever since then", "Israel first asked the United States"))
    assert problem.path == "statements[1].attribution.quote"
    assert problem.severity == "warning"
    assert problem.message.startswith("statement 's1': the quote is not in source 'op-ed'")


def test_the_warning_names_the_closest_passage_and_the_first_difference():
    (problem,) = quote_problems(quoting("Netanyahu's latest effort looks like more of a gimmick"))
    assert "closest passage" in problem.message
    assert "“Netanyahu's latest effort seems like more of a gimmick" in problem.message
    assert "the source has “seems” where the quote has “looks”" in problem.message


def test_the_first_difference_names_the_quotes_words_as_written():
    (problem,) = quote_problems(quoting("the idea of a formal long-standing agreement has"))
    assert "the source has “security” where the quote has “long-standing”" in problem.message


def test_words_that_differ_only_in_typography_are_no_difference():
    text = "Netanyahu’s latest effort seems like more of a gimmick."
    (problem,) = quote_problems(quoting("Netanyahu's latest effort looks like more", text=text))
    assert "the source has “seems” where the quote has “looks”" in problem.message


def test_a_quote_cut_before_a_words_vowel_signs_is_shown_the_whole_word():
    text = "उन्होंने कहा कि शांति की बात पाकिस्तान ने की थी।"
    (problem,) = quote_problems(quoting("शांति की बात पाक ने", text=text))
    assert "alike) is “शांति की बात पाकिस्तान ने”:" in problem.message
    assert "the source has “पाकिस्तान” where the quote has “पाक”" in problem.message


def test_a_word_left_out_without_a_mark_is_named_with_the_fix():
    argument_map = quoting("the idea of a security agreement")
    (problem,) = quote_problems(argument_map)
    assert "the quote leaves out “formal” (mark an omission with […])" in problem.message


def test_relations_quotes_are_checked_too():
    argument_map = quoting("Israel first asked")
    relation = Relation(
        id="r",
        kind="support",
        premises=["s0"],
        target="s0x",
        attribution=Attribution(source="op-ed", quote="not in the text at all, surely"),
    )
    argument_map = argument_map.model_copy(
        update={
            "statements": [*argument_map.statements, Statement(id="s0x", text="t")],
            "relations": [relation],
        }
    )
    (problem,) = quote_problems(argument_map)
    assert problem.path == "relations[0].attribution.quote"
    assert problem.message.startswith("relation 'r':")


@pytest.mark.parametrize(
    "attribution",
    [
        None,
        Attribution(speaker="Goren"),
        Attribution(quote="anything at all"),  # no source to check against
        Attribution(source="op-ed", quote=" … "),  # nothing but marks
    ],
)
def test_what_cannot_be_checked_is_unchecked(attribution):
    assert check_quote(quoting(), attribution).status is QuoteStatus.UNCHECKED


def test_a_source_without_text_leaves_its_quotes_unchecked():
    assert quote_problems(quoting("not in any text", text=None)) == []


def test_a_found_quote_says_where_it_is():
    check = check_quote(quoting(), Attribution(source="op-ed", quote="bilateral defense treaty"))
    assert check.status is QuoteStatus.FOUND
    assert TEXT[check.match.start : check.match.end] == "bilateral defense treaty"


# -- coverage ------------------------------------------------------------------


def test_sentences_end_at_stops_and_blank_lines():
    text = "One. Two? “Three!” Four\n\nFive"
    assert [text[s:e] for s, e in sentences(text)] == ["One.", "Two?", "“Three!”", "Four", "Five"]


def test_a_full_stop_of_an_abbreviation_does_not_end_a_sentence():
    text = (
        "Israel first asked the U.S. to sign a treaty. Dermer went to Washington, D.C. in"
        " August. Mr. Netanyahu and John F. Kennedy agreed. J. Smith did not."
    )
    assert [text[s:e] for s, e in sentences(text)] == [
        "Israel first asked the U.S. to sign a treaty.",
        "Dermer went to Washington, D.C. in August.",
        "Mr. Netanyahu and John F. Kennedy agreed.",
        "J. Smith did not.",
    ]


def test_a_capital_letter_after_a_word_in_lower_case_ends_its_sentence():
    text = "We need plan B. The rest follows."
    assert [text[s:e] for s, e in sentences(text)] == ["We need plan B.", "The rest follows."]


def test_a_blank_line_ends_a_sentence_whatever_comes_after_it():
    text = "A letter from Dr.\n\nthe next part begins in lower case."
    assert len(sentences(text)) == 2


def test_coverage_counts_the_sentences_a_quote_touches():
    text = "One. Two. Three. Four."
    assert coverage(text, [(text.index("wo"), text.index("Three") + 2)]).quoted == 2
    assert coverage(text, []).describe() == "0 of 4 sentences quoted (0%)"
    assert coverage(text, [(0, 3), (1, 2)]).describe() == "1 of 4 sentences quoted (25%)"


# -- the file format and the command line --------------------------------------


def test_a_source_text_makes_the_file_version_2_and_survives_a_round_trip(tmp_path):
    argument_map = quoting("Israel first asked")
    assert required_version(argument_map) == 2
    assert required_version(quoting("x", text=None)) == 1
    path = tmp_path / "m.argmap"
    save_map(argument_map, path)
    assert load_map(path).sources[0].text == TEXT
    assert dumps_map(load_map(path)) == path.read_text(encoding="utf-8")


def test_a_source_text_with_windows_line_breaks_loads_and_saves_with_line_feeds(tmp_path):
    text = "First line.\r\nSecond line: freedom of action.\r\n"
    data = json.loads(dumps_map(quoting("freedom of action")))
    data["sources"][0]["text"] = text
    path = tmp_path / "m.argmap"
    path.write_text(json.dumps(data), encoding="utf-8")
    loaded = load_map(path)
    assert loaded.sources[0].text == "First line.\nSecond line: freedom of action.\n"
    found = check_quote(loaded, loaded.statements[0].attribution).match
    assert found is not None
    assert loaded.sources[0].text[found.start : found.end] == "freedom of action"
    assert "\\r" not in dumps_map(loaded)
    assert main(["validate", str(path)]) == 0


def test_validate_warns_about_a_quote_not_in_its_source(tmp_path, capsys):
    path = tmp_path / "m.argmap"
    save_map(quoting("Israel first asked the U.K."), path)
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if "warning" in line)
    assert line.startswith(f"{path}:")
    assert "warning: statements[0].attribution.quote: statement 's0'" in line
    assert "1 warning" in out


def test_source_add_adds_a_new_source_with_the_files_text_and_title(tmp_path, capsys):
    path = tmp_path / "m.argmap"
    save_map(quoting("x", text=None), path)
    article = tmp_path / "report.txt"
    article.write_text("US Discussing a Treaty\n\nThe talks go on.\n", encoding="utf-8")
    assert main(["source", "add", str(path), str(article), "--author", "Dave DeCamp"]) == 0
    added = load_map(path).sources[-1]
    assert (added.id, added.title, added.author) == (
        "us-discussing-a",
        "US Discussing a Treaty",
        "Dave DeCamp",
    )
    assert added.text == "US Discussing a Treaty\n\nThe talks go on."
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == 2
    assert "added source 'us-discussing-a'" in capsys.readouterr().out


def test_source_add_with_an_existing_id_fills_that_sources_text_and_checks_its_quotes(
    tmp_path, capsys
):
    path = tmp_path / "m.argmap"
    save_map(quoting("Israel first asked", "Israel asked", text=None), path)
    article = tmp_path / "op-ed.md"
    article.write_text(TEXT, encoding="utf-8")
    assert main(["source", "add", str(path), str(article), "--id", "op-ed"]) == 0
    (source,) = load_map(path).sources
    assert (source.title, source.author, source.text) == ("Op-ed", "Nimrod Goren", TEXT)
    out = capsys.readouterr().out
    assert "warning: statement 's1': the quote is not in source 'op-ed'" in out
    assert "1 of 2 quotes citing 'op-ed' found in its text" in out
    assert (tmp_path / "m.argmap~").exists()  # saved like the editor saves: the old file kept


def test_source_add_names_a_file_it_cannot_read_and_leaves_the_map_alone(tmp_path, capsys):
    path = tmp_path / "m.argmap"
    save_map(quoting("x", text=None), path)
    before = path.read_bytes()
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 nothing else")
    assert main(["source", "add", str(path), str(broken)]) == 1
    assert f"argmap: {broken}: the PDF cannot be read" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_source_add_refuses_a_bad_id_as_usage(tmp_path):
    path = tmp_path / "m.argmap"
    save_map(quoting("x"), path)
    assert main(["source", "add", str(path), str(path), "--id", "no spaces"]) == 2


def test_a_source_text_survives_a_round_trip_through_argdown():
    from argmap.formats import format_by_name, write_any

    argdown = format_by_name("argdown")
    result = argdown.read(write_any(quoting("Israel first asked"), "map.argdown"))
    assert result.warnings == []
    assert result.map.sources[0].text == TEXT
