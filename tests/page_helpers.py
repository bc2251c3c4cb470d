"""What the HTML page's browser tests share: the maps, and a user's ways of reaching into a page."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

from browser import Page
from conftest import MAPS, ROOT

from argmap.files import load_map
from argmap.model import ArgumentMap, Statement
from argmap.render.export import export_map

__all__ = [
    "MAP_CASES",
    "READY",
    "card",
    "center",
    "displayed",
    "export_cases",
    "generated",
    "longest_word",
    "open_page",
    "rect",
    "search",
    "unique_text_with_quote",
    "view_box",
    "words",
]

READY = "document.documentElement.dataset.ready"
MAP_CASES: dict[str, Path | None] = {path.stem: path for path in MAPS}
MAP_CASES["generated-1000"] = None


def generated(size: int) -> ArgumentMap:
    """A map of ``size`` statements from the benchmarks' generator."""
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    made: ArgumentMap = module.generate_map(size, seed=1)
    return made


def export_cases(folder: Path, **options: object) -> dict[str, tuple[ArgumentMap, Path]]:
    """Each map of MAP_CASES exported as a page: name -> (map, page path)."""
    pages = {}
    for name, path in MAP_CASES.items():
        argument_map = load_map(path) if path else generated(1000)
        pages[name] = (argument_map, export_map(argument_map, folder / f"{name}.html", **options))
    return pages


def words(text: str) -> str:
    return " ".join(text.split())


def open_page(page: Page, path: Path) -> None:
    page.open(path, READY)


def card(statement_id: str) -> str:
    """The script expression for a statement's card."""
    return f"document.getElementById({json.dumps(statement_id)})"


def rect(page: Page, expression: str) -> dict[str, float]:
    """An element's box on screen (left, top, right, bottom, width, height)."""
    found: dict[str, float] = page.evaluate(
        f"(() => {{ const r = ({expression}).getBoundingClientRect();"
        " return {left: r.left, top: r.top, right: r.right, bottom: r.bottom,"
        " width: r.width, height: r.height}; })()"
    )
    return found


def center(page: Page, expression: str) -> tuple[float, float]:
    """The middle of an element's box on screen."""
    box = rect(page, expression)
    assert box["width"] > 0, f"{expression} is not on screen"
    return box["left"] + box["width"] / 2, box["top"] + box["height"] / 2


def view_box(page: Page) -> list[float]:
    """The part of the map shown: x, y, width, height in the drawing's units."""
    value = page.evaluate("document.querySelector('#_view svg').getAttribute('viewBox')")
    return [float(v) for v in value.split()]


def search(page: Page, text: str) -> None:
    page.click(*center(page, "document.getElementById('_q')"))
    page.evaluate("document.getElementById('_q').value = ''")
    page.type(text)


def displayed(page: Page, statement_id: str) -> bool:
    return bool(
        page.evaluate(f"getComputedStyle({card(statement_id)}).display !== 'none'")
        and page.evaluate(f"{card(statement_id)}.getBoundingClientRect().width > 0")
    )


def unique_text_with_quote(argument_map: ArgumentMap) -> Statement:
    """A statement with a quote whose text no other statement has."""
    texts = [s.text for s in argument_map.statements]
    return next(
        s
        for s in argument_map.statements
        if s.attribution and s.attribution.quote and texts.count(s.text) == 1
    )


def longest_word(text: str) -> str:
    return max(re.findall(r"\w{4,}", text), key=len)
