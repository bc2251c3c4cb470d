"""The list of formats: complete, and a format whose module is missing is an error, not a gap."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from conftest import small_map

import argmap.formats
from argmap.formats import FORMAT_MODULES, all_formats


def format_objects_in(module_name: str) -> list[object]:
    """Module-level objects that have what every Format has."""
    module = importlib.import_module(module_name)
    return [
        value
        for name, value in vars(module).items()
        if name.isupper()
        and all(hasattr(value, a) for a in ("name", "title", "extensions", "sniff"))
    ]


def test_every_format_listed_is_imported_with_a_unique_name():
    names = [f.name for f in all_formats()]
    assert len(names) == len(FORMAT_MODULES)
    assert len(set(names)) == len(names)
    assert names[0] == "argmap"


def test_every_format_defined_in_the_package_is_listed():
    listed = {id(f) for f in all_formats()}
    package = argmap.formats.__name__
    for module in pkgutil.iter_modules(argmap.formats.__path__):
        for found in format_objects_in(f"{package}.{module.name}"):
            assert id(found) in listed, f"{module.name} defines a format all_formats() leaves out"


def test_a_format_module_that_cannot_be_imported_is_an_error(monkeypatch):
    renamed = (*FORMAT_MODULES, ("argmap.formats.renamed_away", "GONE"))
    monkeypatch.setattr(argmap.formats, "FORMAT_MODULES", renamed)
    with pytest.raises(ModuleNotFoundError, match="renamed_away"):
        all_formats()


@pytest.mark.parametrize("separators", [(",", ":"), (", ", ": "), (",", " : ")])
def test_an_argmap_file_is_recognised_however_its_json_is_spaced(separators):
    import json

    from argmap.files import dumps_map
    from argmap.formats.native import NATIVE

    text = json.dumps(json.loads(dumps_map(small_map())), separators=separators)
    assert NATIVE.sniff(text)


def test_an_html_page_holding_a_map_is_not_taken_for_an_argmap_file():
    from argmap.formats.native import NATIVE
    from argmap.render.page import build_page

    page = build_page(small_map(), "<svg></svg>")
    assert '"format":"argmap"' in page.replace(" ", "")
    assert not NATIVE.sniff(page)
