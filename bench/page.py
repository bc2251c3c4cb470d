"""How long the HTML export's page takes to load in headless Chromium, by map size.

The target is under 2 s for a 1,000-statement map: from the start of the
navigation until the page's script has drawn the folds, indexed the search
and fitted the map (the page stamps that moment on ``<html data-ready>``).
The page's file size beside the SVG export's is printed too. Figures are
printed, not asserted.

Run from the repository root: ``python bench/page.py [--sizes 100,1000,5000]``.
Needs Chromium (Debian's ``chromium``, or ``$ARGMAP_CHROMIUM``) and the test
extras' ``websockets``; without them it prints why it skipped and exits 0, so
``make bench`` runs on machines without a browser.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

# Run as a script, this folder is sys.path[0]; the browser driver lives with the tests.
from generate import generate_map

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from browser import Browser, find_chromium

from argmap.render.export import render_map

TARGET_SECONDS = 2.0
TARGET_SIZE = 1000


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,5000", help="statement counts")
    parser.add_argument("--runs", type=int, default=5, help="loads per size (median shown)")
    options = parser.parse_args(argv)
    executable = find_chromium()
    missing = (
        "no Chromium found (install Debian's chromium, or set ARGMAP_CHROMIUM)"
        if executable is None
        else "websockets is not installed (pip install -e '.[test]')"
        if importlib.util.find_spec("websockets") is None
        else None
    )
    if executable is None or missing is not None:
        print(f"page load in a browser: skipped, {missing}")
        return 0
    browser = Browser(executable)
    try:
        with tempfile.TemporaryDirectory() as folder:
            print("size  svg KB  html KB  ready ms (median)  wall s (median)")
            for size in (int(s) for s in options.sizes.split(",")):
                _one(browser, Path(folder), size, options.runs)
    finally:
        browser.close()
    print(f"target: ready in under {TARGET_SECONDS:.0f} s at {TARGET_SIZE} statements")
    return 0


def _one(browser: Browser, folder: Path, size: int, runs: int) -> None:
    argument_map = generate_map(size, seed=1)
    svg = render_map(argument_map, "svg")
    page = render_map(argument_map, "html")
    path = folder / f"map-{size}.html"
    path.write_bytes(page)
    ready, wall = [], []
    for _ in range(runs):
        tab = browser.new_page()
        start = time.perf_counter()
        tab.open(path, "document.documentElement.dataset.ready")
        wall.append(time.perf_counter() - start)
        ready.append(float(tab.evaluate("document.documentElement.dataset.ready")))
        tab.close()
    print(
        f"{size:>5}  {len(svg) / 1024:>6.0f}  {len(page) / 1024:>7.0f}"
        f"  {statistics.median(ready):>17.0f}  {statistics.median(wall):>15.2f}"
    )


if __name__ == "__main__":
    sys.exit(main())
