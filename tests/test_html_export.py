"""The HTML page as a map file: it carries the map, reads back as it, and stays small.

What the page does in a browser is tested in ``test_html_browser.py``.
"""

from __future__ import annotations

import json

import pytest
from conftest import MAPS, small_map
from hypothesis import HealthCheck, given, settings
from page_helpers import MAP_CASES, generated
from strategies import argument_maps

from argmap.cli import main
from argmap.errors import MapFileError
from argmap.files import dumps_map, load_map
from argmap.formats import read_any
from argmap.formats.html_page import HTML_PAGE
from argmap.jsonpos import line_column
from argmap.model import Attribution, ProofStandard, Statement, Weighing
from argmap.render.export import format_for_path, render_map
from argmap.render.page import map_text_of_page


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argument_maps())
def test_a_page_reads_back_as_the_map_it_was_exported_from(argument_map):
    page = render_map(argument_map, "html").decode("utf-8")
    assert HTML_PAGE.read(page).map == argument_map


def test_text_that_closes_a_script_block_reads_back_unchanged():
    hostile = "</script><script>alert(1)</script><!--<script>"
    argument_map = small_map().model_copy(
        update={
            "statements": [
                Statement(id="claim", text=hostile, attribution=Attribution(quote=hostile))
            ],
            "relations": [],
            "groups": [],
        }
    )
    page = render_map(argument_map, "html").decode("utf-8")
    assert HTML_PAGE.read(page).map == argument_map


def test_the_keys_of_evaluation_and_source_texts_read_back_unchanged():
    base = small_map()
    source = base.source("op-ed").model_copy(
        update={"text": "An article.\n\nIt quotes </script> and \U0001f600 and ends."}
    )
    claim = base.statement("claim").model_copy(update={"standard": ProofStandard.BRD})
    argument_map = base.model_copy(
        update={
            "sources": [source],
            "statements": [claim if s.id == "claim" else s for s in base.statements],
            "relations": [
                r.model_copy(update={"weighing": Weighing.CUMULATIVE, "weight": 0.4})
                if r.id == "r-deter"
                else r
                for r in base.relations
            ],
        }
    )
    page = render_map(argument_map, "html", evaluate=True).decode("utf-8")
    assert HTML_PAGE.read(page).map == argument_map


@pytest.mark.parametrize("path", MAPS, ids=[p.stem for p in MAPS])
def test_convert_turns_an_exported_page_back_into_the_same_file(path, tmp_path):
    page, back = tmp_path / "map.html", tmp_path / "back.argmap"
    assert main(["export", str(path), "-o", str(page)]) == 0
    assert main(["convert", str(page), str(back)]) == 0
    assert back.read_text(encoding="utf-8") == dumps_map(load_map(path))


@pytest.mark.parametrize("name", list(MAP_CASES))
def test_a_page_is_at_most_twice_the_svg_plus_the_map(name):
    path = MAP_CASES[name]
    argument_map = load_map(path) if path else generated(1000)
    svg = render_map(argument_map, "svg", legend=True)
    page = render_map(argument_map, "html", legend=True)
    assert len(page) <= 2 * len(svg) + len(dumps_map(argument_map).encode("utf-8"))


@pytest.mark.parametrize("indent", [None, 2], ids=["as-exported", "reformatted"])
def test_an_error_in_a_pages_map_is_placed_by_its_line_and_column_in_the_page(indent):
    page = render_map(small_map(), "html").decode("utf-8")
    embedded = map_text_of_page(page)
    assert embedded is not None
    data = json.loads(embedded)
    data["relations"][0]["target"] = "nowhere"
    page = page.replace(embedded, json.dumps(data, indent=indent))
    with pytest.raises(MapFileError) as caught:
        HTML_PAGE.read(page, "page.html")
    (problem,) = caught.value.problems
    where = page.index('"nowhere"')
    assert (problem.line, problem.column) == line_column(page, where)
    assert problem.line > 100  # below the page's head, style and drawing


def test_a_page_argmap_did_not_write_is_not_read_as_a_map(tmp_path):
    other = tmp_path / "other.html"
    other.write_text("<!DOCTYPE html><title>x</title><p>Hello</p>", encoding="utf-8")
    with pytest.raises(MapFileError, match="holds no argmap map"):
        read_any(other)


@pytest.mark.parametrize("name", ["map.html", "MAP.HTM"])
def test_html_is_the_export_format_of_html_file_names(name):
    assert format_for_path(name) == "html"


@pytest.mark.parametrize("to", [[], ["--to", "html"]], ids=["by-name", "by-option"])
def test_convert_to_html_names_the_export_command_that_writes_pages(tmp_path, capsys, to):
    out = tmp_path / "my map.html"
    assert main(["convert", str(MAPS[0]), str(out), *to]) == 2
    assert f"argmap export {MAPS[0]} -o '{out}'" in capsys.readouterr().err
    assert not out.exists()
