"""The ``argmap`` package: its public names, loaded only when first asked for."""

from __future__ import annotations

import pytest
from conftest import run_python

import argmap
from argmap import errors, files, model


def test_importing_the_package_loads_no_model():
    code = "import sys, argmap\nassert 'pydantic' not in sys.modules\nprint(argmap.__version__)"
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == argmap.__version__


@pytest.mark.parametrize("name", argmap.__all__)
def test_every_public_name_is_the_one_of_its_module(name):
    homes = [module for module in (errors, files, model) if hasattr(module, name)]
    assert homes, f"{name} is in no module"
    assert getattr(argmap, name) is getattr(homes[0], name)


def test_every_public_name_is_listed():
    assert set(argmap.__all__) <= set(dir(argmap))


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'load'"):
        argmap.load  # noqa: B018
