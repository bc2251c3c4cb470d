"""Take a screenshot of the HTML export in headless Chromium (for the README).

Usage: python docs/page_screenshot.py [MAP] [OUT.png] [--search WORD] [--phone]

The map is exported with a legend, opened at 1280x800 (``--phone``: a 390x844
phone screen, touched rather than clicked), searched for WORD (the first match
is centred and highlighted) and that card clicked, so the picture shows the
highlight and the details panel.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import Browser, find_chromium  # noqa: E402

from argmap.files import load_map  # noqa: E402
from argmap.render.export import export_map  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("map", nargs="?", default=ROOT / "maps" / "us-saudi-defense-pact.argmap")
    parser.add_argument("out", nargs="?", default=ROOT / "docs" / "html-export.png")
    parser.add_argument("--search", default="normalization", help="the word to search for")
    parser.add_argument("--phone", action="store_true", help="a phone's screen, 390x844")
    options = parser.parse_args()
    executable = find_chromium()
    if executable is None:
        print("no Chromium found: install Debian's chromium or set ARGMAP_CHROMIUM")
        return 1
    browser = Browser(executable)
    try:
        with tempfile.TemporaryDirectory() as folder:
            page_file = export_map(load_map(options.map), Path(folder) / "map.html", legend=True)
            page = browser.new_page()
            if options.phone:
                page.emulate(390, 844, phone=True, scale=1)  # a small picture
            page.open(page_file, "document.documentElement.dataset.ready")
            page.evaluate("document.getElementById('_q').focus()")
            page.type(options.search)
            box = page.evaluate(
                "(() => { const r = document.querySelector('._current').getBoundingClientRect();"
                " return [r.left + r.width / 2, r.top + r.height / 2]; })()"
            )
            if options.phone:
                page.tap(*box)
            else:
                page.click(*box)
            Path(options.out).write_bytes(page.screenshot())
    finally:
        browser.close()
    print(f"{options.out} ({json.dumps(options.search)} searched)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
