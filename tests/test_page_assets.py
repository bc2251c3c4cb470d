"""The HTML page's assets: each file small enough to read, and the script's parts all inlined."""

from __future__ import annotations

import re
from importlib import resources

import pytest
from conftest import small_map

from argmap.render.export import render_map
from argmap.render.page import _SCRIPT_PARTS

ASSETS = resources.files("argmap.render").joinpath("html")
NAMES = sorted(item.name for item in ASSETS.iterdir() if item.is_file())


@pytest.mark.parametrize("name", NAMES)
def test_every_asset_is_under_500_lines(name):
    lines = ASSETS.joinpath(name).read_text(encoding="utf-8").count("\n")
    assert lines < 500, f"{name} has {lines} lines"


def test_every_script_part_is_an_asset_and_every_script_asset_a_part():
    assert sorted(_SCRIPT_PARTS) == sorted(name for name in NAMES if name.endswith(".js"))


def test_the_page_has_one_script_made_of_its_parts_in_order():
    page = render_map(small_map(), "html").decode("utf-8")
    scripts = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
    assert len(scripts) == 1
    parts = [ASSETS.joinpath(name).read_text(encoding="utf-8") for name in _SCRIPT_PARTS]
    assert scripts[0] == "\n".join(parts)
