"""The HTML page used without a mouse, on a phone, and on paper, in headless Chromium.

Keys, touches and printing go through the browser's own input and print
machinery (DevTools ``Input.*`` and ``Page.printToPDF``), as a person's would.
"""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
from conftest import MAPS, objection_chain, small_map
from page_helpers import (
    card,
    center,
    displayed,
    open_page,
    rect,
    search,
    unique_text_with_quote,
    view_box,
    words,
)
from pypdf import PdfReader

from argmap.cli import main
from argmap.evaluation import evaluate
from argmap.files import load_map
from argmap.model import Source
from argmap.render.export import export_map
from argmap.sourcetext.check import check_quote
from argmap.theme import get_theme

SEEDS = {path.stem: path for path in MAPS}
PHONE = (390, 844)
TAB, ENTER, ESCAPE = ("Tab", 9), ("Enter", 13), ("Escape", 27)


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """Each seed map exported as a page: name -> (map, path)."""
    folder = tmp_path_factory.mktemp("pages")
    return {
        name: (load_map(path), export_map(load_map(path), folder / f"{name}.html", legend=True))
        for name, path in SEEDS.items()
    }


def _focused(page) -> str:
    return page.evaluate("document.activeElement.id")


def _panel_open(page) -> bool:
    return page.evaluate("document.getElementById('_panel').hidden") is False


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        a["left"] < b["right"]
        and b["left"] < a["right"]
        and a["top"] < b["bottom"]
        and b["top"] < a["bottom"]
    )


def _inside(inner: dict[str, float], outer: dict[str, float]) -> bool:
    return (
        inner["left"] >= outer["left"] - 0.5
        and inner["right"] <= outer["right"] + 0.5
        and inner["top"] >= outer["top"] - 0.5
        and inner["bottom"] <= outer["bottom"] + 0.5
    )


# -- the keyboard ---------------------------------------------------------------------------


def test_tab_reaches_the_cards_enter_opens_one_and_escape_closes_it(page, pages):
    argument_map, path = pages["us-saudi-defense-pact"]
    open_page(page, path)
    ids = {s.id for s in argument_map.statements}
    for _ in range(40):
        page.press(*TAB)
        if _focused(page) in ids:
            break
    chosen = _focused(page)
    assert chosen in ids
    page.press(*ENTER)
    assert _panel_open(page)
    details = words(page.evaluate("document.getElementById('_details').innerText"))
    assert words(argument_map.statement(chosen).text) in details
    page.press(*ESCAPE)
    assert not _panel_open(page)
    assert _focused(page) == chosen


def test_tab_goes_on_from_card_to_card(page, pages):
    argument_map, path = pages["us-saudi-defense-pact"]
    open_page(page, path)
    page.evaluate(f"{card(argument_map.statements[0].id)}.focus()")
    page.press(*TAB)
    assert _focused(page) == argument_map.statements[1].id


@pytest.mark.parametrize(("key", "code"), [("c", 67), ("Enter", 13)])
def test_a_card_s_keys_with_ctrl_or_alt_are_left_to_the_browser(page, pages, key, code):
    argument_map, path = pages["us-saudi-defense-pact"]
    open_page(page, path)
    main_claim = argument_map.statements[0].id
    page.evaluate(f"{card(main_claim)}.focus()")
    for modifiers in (1, 2):  # Alt, Ctrl: Ctrl+C copies, it does not fold the branch
        for kind in ("rawKeyDown", "keyUp"):
            page.call(
                "Input.dispatchKeyEvent",
                type=kind,
                key=key,
                windowsVirtualKeyCode=code,
                modifiers=modifiers,
            )
        assert all(displayed(page, s.id) for s in argument_map.statements)
        assert not _panel_open(page)
        assert _focused(page) == main_claim


def test_plus_and_minus_zoom_in_and_out(page, pages):
    open_page(page, pages["us-saudi-defense-pact"][1])
    page.evaluate("document.getElementById('_view').focus()")
    before = view_box(page)
    page.press("+", 187)
    zoomed_in = view_box(page)
    page.press("-", 189)
    assert zoomed_in[2] < before[2]
    assert view_box(page)[2] > zoomed_in[2]


@pytest.mark.parametrize(
    ("key", "code", "axis", "sign"),
    [
        ("ArrowLeft", 37, 0, -1),
        ("ArrowRight", 39, 0, 1),
        ("ArrowUp", 38, 1, -1),
        ("ArrowDown", 40, 1, 1),
    ],
)
def test_arrow_keys_move_the_map(page, pages, key, code, axis, sign):
    open_page(page, pages["us-saudi-defense-pact"][1])
    page.evaluate("document.getElementById('_view').focus()")
    before = view_box(page)
    page.press(key, code)
    after = view_box(page)
    assert (after[axis] - before[axis]) * sign > 0
    assert after[2:] == before[2:]  # moved, not zoomed


def test_zero_fits_the_whole_map_again(page, pages):
    open_page(page, pages["us-saudi-defense-pact"][1])
    page.evaluate("document.getElementById('_view').focus()")
    fitted = view_box(page)
    page.press("+", 187)
    page.press("ArrowLeft", 37)
    page.press("0", 48)
    assert view_box(page) == pytest.approx(fitted)


# -- touch, and phones -------------------------------------------------------------------------


def test_spreading_two_fingers_zooms_in_and_pinching_zooms_out(page, pages):
    page.emulate(*PHONE, phone=True)
    open_page(page, pages["us-saudi-defense-pact"][1])
    x, y = center(page, "document.getElementById('_view')")
    before = view_box(page)
    page.touch("touchStart", [(x - 40, y), (x + 40, y)])
    for step in range(1, 6):
        page.touch("touchMove", [(x - 40 - 12 * step, y), (x + 40 + 12 * step, y)])
    page.touch("touchEnd", [])
    spread = view_box(page)
    assert spread[2] < before[2] * 0.6
    page.touch("touchStart", [(x - 100, y), (x + 100, y)])
    for step in range(1, 6):
        page.touch("touchMove", [(x - 100 + 12 * step, y), (x + 100 - 12 * step, y)])
    page.touch("touchEnd", [])
    assert view_box(page)[2] > spread[2] * 1.5
    assert page.errors() == []


@pytest.mark.parametrize("name", list(SEEDS))
def test_on_a_phone_the_panel_is_a_sheet_below_the_card_it_shows(page, pages, name):
    argument_map, path = pages[name]
    page.emulate(*PHONE, phone=True)
    open_page(page, path)
    wanted = unique_text_with_quote(argument_map)
    search(page, wanted.text)
    page.tap(*center(page, card(wanted.id)))
    assert _panel_open(page)
    panel, chosen = rect(page, "document.getElementById('_panel')"), rect(page, card(wanted.id))
    assert (panel["left"], panel["right"], panel["bottom"]) == (0, PHONE[0], PHONE[1])
    assert not _overlap(chosen, panel)
    assert _inside(chosen, rect(page, "document.getElementById('_view')"))
    assert page.errors() == []


def test_on_a_phone_a_card_tapped_in_the_whole_map_is_shown_large_enough_to_read(page, pages):
    argument_map, path = pages["israel-us-defense-treaty"]
    page.emulate(*PHONE, phone=True)
    open_page(page, path)
    chosen = card(argument_map.statements[0].id)
    drawn = page.evaluate(f"{chosen}.getBBox().width")
    assert rect(page, chosen)["width"] < drawn / 2  # the whole map fits: too small to read
    page.tap(*center(page, chosen))
    assert _panel_open(page)
    assert rect(page, chosen)["width"] >= drawn * 0.75
    assert _inside(rect(page, chosen), rect(page, "document.getElementById('_view')"))


@pytest.mark.parametrize("size", [PHONE, (1280, 800)], ids=["phone", "desktop"])
def test_a_card_at_the_edge_stays_in_sight_when_its_panel_opens(page, pages, size):
    path = pages["israel-us-defense-treaty"][1]
    page.emulate(*size, phone=size == PHONE)
    open_page(page, path)
    # The card furthest right on screen: the one a panel at the side would cover.
    rightmost = page.evaluate(
        "[...document.querySelectorAll('g.node[tabindex]')].sort((a, b) =>"
        " b.getBoundingClientRect().right - a.getBoundingClientRect().right)[0].id"
    )
    page.click(*center(page, card(rightmost)))
    assert _panel_open(page)
    chosen = rect(page, card(rightmost))
    assert not _overlap(chosen, rect(page, "document.getElementById('_panel')"))
    assert _inside(chosen, rect(page, "document.getElementById('_view')"))


def test_on_a_phone_nothing_is_wider_than_the_screen(page, pages):
    page.emulate(*PHONE, phone=True)
    open_page(page, pages["israel-us-defense-treaty"][1])
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE[0]
    tools = rect(page, "document.getElementById('_tools')")
    assert tools["right"] <= PHONE[0]


@pytest.mark.parametrize("size", [PHONE, (1280, 800)])
def test_the_list_wraps_a_long_address_instead_of_running_off_the_screen(page, tmp_path, size):
    address = "https://example.org/" + "x" * 300 + ".html"  # no place to break a line
    argument_map = small_map()
    statements = [
        s.model_copy(update={"text": f"See {address}"}) if s.id == "narrow" else s
        for s in argument_map.statements
    ]
    path = export_map(
        argument_map.model_copy(update={"statements": statements}), tmp_path / "a.html"
    )
    page.emulate(*size, phone=size == PHONE)
    open_page(page, path)
    page.evaluate("document.getElementById('_list').click()")
    outline = "document.getElementById('_outline')"
    assert page.evaluate(f"{outline}.scrollWidth") <= page.evaluate(f"{outline}.clientWidth")


# -- printing ---------------------------------------------------------------------------------


def _pdf_text(pdf: bytes) -> list[str]:
    """Each page's text, without spaces (a PDF breaks lines where the layout did)."""
    reader = PdfReader(io.BytesIO(pdf))
    return [
        re.sub(r"\s+", "", unicodedata.normalize("NFKC", p.extract_text())) for p in reader.pages
    ]


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@pytest.mark.parametrize("name", list(SEEDS))
def test_printing_gives_the_whole_map_then_every_statement_and_no_controls(page, pages, name):
    argument_map, path = pages[name]
    open_page(page, path)
    page.press("+", 187)  # what is on screen is not what is printed
    search(page, argument_map.statements[0].text)
    on_screen = view_box(page)
    pdf = page.pdf()
    page.evaluate("new Promise((done) => requestAnimationFrame(done))", wait=True)
    assert view_box(page) == pytest.approx(on_screen)  # the screen is as it was
    assert pdf.startswith(b"%PDF")
    first, *rest = _pdf_text(pdf)
    drawn = [s.id for s in argument_map.statements if _squeezed(s.title or s.text) not in first]
    assert drawn == []
    listed = "".join(rest)
    assert [s.id for s in argument_map.statements if _squeezed(s.text) not in listed] == []
    assert "Unfoldall" not in first + listed
    assert "Search" not in first


def test_a_folded_branch_is_printed_all_the_same(page, pages):
    argument_map, path = pages["us-saudi-defense-pact"]
    open_page(page, path)
    main_claim = argument_map.statements[0]
    page.evaluate(f"{card(main_claim.id)}.focus()")
    page.press("c", 67)
    hidden = [s.id for s in argument_map.statements if not displayed(page, s.id)]
    assert hidden
    first = _pdf_text(page.pdf())[0]
    folded = [argument_map.statement(sid) for sid in hidden]
    assert [s.id for s in folded if _squeezed(s.title or s.text) not in first] == []


def test_the_printed_map_keeps_its_proportions(page, pages):
    argument_map, path = pages["us-saudi-defense-pact"]
    open_page(page, path)
    chosen = card(argument_map.statements[0].id)
    drawn = page.evaluate(
        f"(() => {{ const b = {chosen}.getBBox(); return b.width / b.height; }})()"
    )
    page.call("Emulation.setEmulatedMedia", media="print")
    page.evaluate(
        "new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))", wait=True
    )
    printed = rect(page, chosen)
    assert printed["width"] / printed["height"] == pytest.approx(drawn, rel=0.005)
    page.call("Emulation.setEmulatedMedia", media="")
    assert page.errors() == []


# -- evaluation and source texts ---------------------------------------------------------------


def test_a_page_exported_with_evaluate_shows_each_card_s_label(page, tmp_path):
    path = tmp_path / "evaluated.html"
    assert main(["export", str(SEEDS["us-saudi-defense-pact"]), "-o", str(path), "--evaluate"]) == 0
    argument_map = load_map(SEEDS["us-saudi-defense-pact"])
    labels = {sid: str(label) for sid, label in evaluate(argument_map).statements.items()}
    open_page(page, path)
    marked = page.evaluate(
        "Object.fromEntries([...document.querySelectorAll('g.node[tabindex]')].map((g) =>"
        " [g.id, [...g.classList].filter((c) => c.startsWith('_label-')).join(' ')]))"
    )
    assert marked == {sid: f"_label-{label}" for sid, label in labels.items()}
    some = argument_map.statements[1].id
    page.click(*center(page, card(some)))
    assert f"Evaluation: {labels[some]}" in page.evaluate(
        "document.getElementById('_details').innerText"
    )


@pytest.mark.parametrize("name", list(SEEDS))
def test_the_source_text_is_folded_in_the_panel_with_the_quote_marked(page, pages, name):
    argument_map, path = pages[name]
    open_page(page, path)
    wanted = unique_text_with_quote(argument_map)
    source = next(s for s in argument_map.sources if s.id == wanted.attribution.source)
    search(page, wanted.text)
    page.click(*center(page, card(wanted.id)))
    fold = "document.querySelector('#_details details.fulltext')"
    assert page.evaluate(f"{fold}.open") is False
    summary = page.evaluate(f"{fold}.querySelector('summary').innerText")
    assert summary == f"Full text ({len(source.text.split()):,} words)"
    assert page.evaluate(f"{fold}.querySelector('div').textContent") == source.text
    match = check_quote(argument_map, wanted.attribution).match
    marked = page.evaluate(f"[...{fold}.querySelectorAll('mark')].map((m) => m.textContent)")
    assert marked == [source.text[start:end] for start, end in match.spans]
    page.click(*center(page, f"{fold}.querySelector('summary')"))
    assert page.evaluate(f"{fold}.open") is True
    box = rect(page, f"{fold}.querySelector('div')")
    assert _inside(rect(page, f"{fold}.querySelector('mark')"), box)


def test_search_does_not_look_into_the_sources_full_texts(page, pages):
    argument_map, path = pages["us-saudi-defense-pact"]
    shown = " ".join(
        str(value) for s in argument_map.statements for value in s.model_dump().values()
    ).lower()
    shown += " ".join(f"{s.title} {s.author}" for s in argument_map.sources).lower()
    only_in_texts = next(
        word
        for source in argument_map.sources
        for word in re.findall(r"[a-z]{6,}", (source.text or "").lower())
        if word not in shown
    )
    open_page(page, path)
    search(page, only_in_texts)
    assert page.evaluate("document.getElementById('_count').value") == "no match"


def test_the_quote_is_marked_exactly_after_characters_beyond_the_basic_plane(page, tmp_path):
    base = small_map()
    text = "\U0001f600\U0001f4dc Preamble \U0001d54f. Israel relies on self-reliance above all."
    source = Source(id="memo", title="A memo", text=text)
    freedom = base.statement("freedom")
    quoted = freedom.attribution.model_copy(update={"source": "memo"})
    argument_map = base.model_copy(
        update={
            "sources": [*base.sources, source],
            "statements": [
                freedom.model_copy(update={"attribution": quoted}) if s.id == "freedom" else s
                for s in base.statements
            ],
        }
    )
    open_page(page, export_map(argument_map, tmp_path / "wide.html"))
    page.click(*center(page, card("freedom")))
    marked = page.evaluate(
        "[...document.querySelectorAll('#_details mark')].map((m) => m.textContent)"
    )
    assert marked == ["self-reliance"]


def test_the_panel_lists_speaker_quote_source_note_and_tags_with_a_plain_safe_link(page, tmp_path):
    base = small_map()
    source = base.source("op-ed").model_copy(
        update={"url": "https://example.org/op-ed?a=1&b=2", "date": "2019-09-01"}
    )
    deterrence = base.statement("deterrence")
    quoted = deterrence.attribution.model_copy(update={"quote": "a formal guarantee"})
    statement = deterrence.model_copy(
        update={"attribution": quoted, "note": "Said twice.", "tags": ["key", "1990s"]}
    )
    argument_map = base.model_copy(
        update={
            "sources": [source],
            "statements": [statement if s.id == "deterrence" else s for s in base.statements],
        }
    )
    open_page(page, export_map(argument_map, tmp_path / "panel.html"))
    page.click(*center(page, card("deterrence")))
    details = page.evaluate("document.getElementById('_details').innerText")
    for shown in (
        "Shimon Peres",
        "a formal guarantee",
        "A defense treaty is not the answer",
        "Nimrod Goren",
        "2019-09-01",
        "Said twice.",
        "key",
        "1990s",
    ):
        assert shown in details
    links = page.evaluate(
        "[...document.querySelectorAll('#_details a')].map((a) =>"
        " [a.getAttribute('href'), a.rel, a.textContent])"
    )
    url = "https://example.org/op-ed?a=1&b=2"
    assert links == [[url, "noopener noreferrer", url]]


@pytest.mark.parametrize("theme", ["default", "dark"])
def test_around_the_drawing_is_the_theme_s_background(page, tmp_path, theme):
    path = export_map(small_map(), tmp_path / f"{theme}.html", theme=theme)
    open_page(page, path)
    shown = page.evaluate("getComputedStyle(document.getElementById('_view')).backgroundColor")
    wanted = get_theme(theme).background.lstrip("#")
    assert shown == "rgb({}, {}, {})".format(*(int(wanted[i : i + 2], 16) for i in (0, 2, 4)))


def test_search_unfolds_both_folds_above_a_match_folded_away_twice(page, tmp_path):
    path = export_map(objection_chain(4), tmp_path / "chain.html")
    open_page(page, path)
    for folded in ("s2", "s1"):  # the inner fold, then the outer one
        page.evaluate(f"{card(folded)}.nextElementSibling.dispatchEvent(new MouseEvent('click'))")
    assert not displayed(page, "s3")
    search(page, "level 3")
    assert displayed(page, "s3")
    assert page.evaluate("document.getElementById('_count').value") == "1 of 1"
