"""A PDF on landscape pages: the drawing as wide as the paper, going on over the next pages."""

from __future__ import annotations

import io
import json
from itertools import pairwise

import pytest
from conftest import MAPS
from pypdf import PdfReader

from argmap.cli import main
from argmap.files import load_map
from argmap.render.export import render_map
from argmap.render.fold import READABLE
from argmap.render.pages import MARGIN, PAPERS, page_breaks, page_scale
from argmap.render_qt import pdf_from_xdot
from argmap.theme import get_theme

PACT = next(p for p in MAPS if p.stem == "us-saudi-defense-pact")


def drawing_of(cards: list[tuple[float, float]], width: float = 500.0, height: float = 2000.0):
    """A -Tjson drawing with a card centred at each (y, height in inches), y up from the bottom."""
    objects = [
        {"name": f"card-{n}", "pos": f"100,{y}", "height": f"{inches}", "width": "2"}
        for n, (y, inches) in enumerate(cards)
    ]
    return {
        "bb": f"0,0,{width},{height}",
        "objects": [{"name": "cluster_g", "bb": "0,0,1,1"}, *objects],
    }


def spans(drawing) -> list[tuple[float, float]]:
    top = float(drawing["bb"].split(",")[3])
    result = []
    for node in drawing["objects"]:
        if "pos" in node:
            y, half = float(node["pos"].split(",")[1]), float(node["height"]) * 36
            result.append((top - y - half, top - y + half))
    return result


def pdf_pages(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


# -- where the pages end --------------------------------------------------------------


def test_the_pages_cover_the_drawing_one_after_the_other():
    drawing = drawing_of([(y, 0.8) for y in range(60, 2000, 90)])
    pages = page_breaks(drawing, PAPERS["a4"])
    assert pages[0][0] == 0.0
    assert pages[-1][1] == 2000.0
    assert all(end == following for (_, end), (following, _) in pairwise(pages))
    room = (PAPERS["a4"][1] - 2 * MARGIN) / page_scale(500.0, PAPERS["a4"])
    assert all(end - start <= room for start, end in pages[:-1])
    assert pages[-1][1] - pages[-1][0] <= room + MARGIN / page_scale(500.0, PAPERS["a4"])


def test_a_page_ends_above_a_card_rather_than_through_it():
    drawing = drawing_of([(y, 0.8) for y in range(60, 2000, 90)])
    for _, end in page_breaks(drawing, PAPERS["a4"])[:-1]:
        assert not any(top < end < bottom for top, bottom in spans(drawing))


def test_a_page_ends_clear_of_the_border_of_the_card_below():
    drawing = drawing_of([(2000 - (65 + 90 * k), 0.8) for k in range(21)])  # pages end in cards
    for _, end in page_breaks(drawing, PAPERS["a4"])[:-1]:
        assert not any(top - 2.4 < end < bottom for top, bottom in spans(drawing))


def test_a_last_strip_with_no_card_goes_into_the_margin_not_onto_a_page_of_its_own():
    room = (PAPERS["letter"][1] - 2 * MARGIN) / page_scale(500.0, PAPERS["letter"])
    cards = [(y, 0.8) for y in range(60, int(room) - 40, 90)]
    drawing = drawing_of(cards, height=room + 6.0)  # a group box's bottom edge past the page
    cards_bottom = max(bottom for _, bottom in spans(drawing))
    assert cards_bottom < room
    assert page_breaks(drawing, PAPERS["letter"]) == [(0.0, room + 6.0)]


def test_a_card_taller_than_a_page_is_cut_rather_than_leaving_pages_empty():
    drawing = drawing_of([(1000, 20.0)])  # 1,440 pt high: no page holds it
    pages = page_breaks(drawing, PAPERS["letter"])
    room = (PAPERS["letter"][1] - 2 * MARGIN) / page_scale(500.0, PAPERS["letter"])
    assert all(end - start >= room / 2 for start, end in pages[:-1])
    (top, bottom), *_ = spans(drawing)
    assert any(top < end < bottom for _, end in pages)


def test_a_drawing_narrower_than_the_paper_is_printed_at_its_own_size():
    assert page_scale(300.0, PAPERS["a4"]) == 1.0
    assert page_scale(2 * (PAPERS["a4"][0] - 2 * MARGIN), PAPERS["a4"]) == pytest.approx(0.5)


# -- the PDF ----------------------------------------------------------------------------


@pytest.mark.parametrize(("paper", "size"), [("a4", (842, 595)), ("letter", (792, 612))])
def test_the_pact_map_prints_on_landscape_pages_of_the_paper_asked_for(paper, size):
    reader = pdf_pages(render_map(load_map(PACT), "pdf", pages=paper, pdf_painter=pdf_from_xdot))
    assert len(reader.pages) >= 2
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == size


def test_every_card_title_is_on_exactly_one_page():
    argument_map = load_map(PACT)
    reader = pdf_pages(render_map(argument_map, "pdf", pages="a4", pdf_painter=pdf_from_xdot))
    texts = [" ".join(page.extract_text().split()) for page in reader.pages]
    for statement in argument_map.statements:
        title = " ".join(str(statement.title).split())
        assert sum(title in text for text in texts) == 1, title


def test_the_cards_of_the_folded_pact_map_print_readably_on_those_pages():
    laid_out = json.loads(render_map(load_map(PACT), "json"))
    left, _, right, _ = (float(v) for v in laid_out["bb"].split(","))
    font = get_theme(None).font_size
    assert font * page_scale(right - left, PAPERS["a4"]) >= READABLE


def test_without_pages_the_pdf_is_one_page_the_size_of_the_map():
    reader = pdf_pages(render_map(load_map(PACT), "pdf", pdf_painter=pdf_from_xdot))
    assert len(reader.pages) == 1


def test_pages_are_for_pdf_only():
    with pytest.raises(ValueError, match="for a PDF"):
        render_map(load_map(PACT), "svg", pages="a4")
    with pytest.raises(ValueError, match="a4 or letter"):
        render_map(load_map(PACT), "pdf", pages="a3", pdf_painter=pdf_from_xdot)


def test_the_command_line_prints_on_pages(tmp_path, capsys):
    out = tmp_path / "pact.pdf"
    assert main(["export", str(PACT), "-o", str(out), "--pages", "letter"]) == 0
    assert len(pdf_pages(out.read_bytes()).pages) >= 2


def test_the_command_line_refuses_pages_for_an_svg(tmp_path, capsys):
    assert main(["export", str(PACT), "-o", str(tmp_path / "pact.svg"), "--pages", "a4"]) == 2
    assert "--pages is for PDF" in capsys.readouterr().err
