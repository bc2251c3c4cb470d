"""Qt's PDF painter: no effect on the process until a PDF is drawn, and then only the least.

Each test runs in a fresh Python, since the test session's own Qt application
(made by pytest-qt) would hide whether the painter makes one.
"""

from __future__ import annotations

from conftest import MAPS, run_python


def test_importing_the_painter_changes_nothing_in_the_process():
    result = run_python(
        "import os\n"
        "before = dict(os.environ)\n"
        "import argmap.render_qt\n"
        "from PySide6.QtGui import QGuiApplication\n"
        "assert QGuiApplication.instance() is None, 'an application was made on import'\n"
        "assert dict(os.environ) == before, 'the environment was changed on import'\n"
    )
    assert result.returncode == 0, result.stderr


def test_drawing_without_a_display_works_offscreen_and_leaves_the_environment_alone():
    result = run_python(
        "import json, os\n"
        "MAP = os.environ['MAP']\n"
        "from argmap.files import load_map\n"
        "from argmap.render.export import render_map\n"
        "from argmap.render_qt import pdf_from_xdot\n"
        "from PySide6.QtGui import QGuiApplication\n"
        "drawing = json.loads(render_map(load_map(MAP), 'json'))\n"
        "before = dict(os.environ)\n"
        "assert pdf_from_xdot(drawing).startswith(b'%PDF-')\n"
        "assert dict(os.environ) == before, 'the environment was changed'\n"
        "assert QGuiApplication.platformName() == 'offscreen', QGuiApplication.platformName()\n",
        env={"MAP": str(MAPS[0])},
    )
    assert result.returncode == 0, result.stderr


def test_an_existing_application_is_used_rather_than_a_second_one():
    result = run_python(
        "import json, os\n"
        "MAP = os.environ['MAP']\n"
        "from argmap.files import load_map\n"
        "from PySide6.QtGui import QGuiApplication\n"
        "app = QGuiApplication(['test', '-platform', 'offscreen'])\n"
        "from argmap.render.export import render_map\n"
        "from argmap.render_qt import pdf_from_xdot\n"
        "drawing = json.loads(render_map(load_map(MAP), 'json'))\n"
        "assert pdf_from_xdot(drawing).startswith(b'%PDF-')\n"
        "assert QGuiApplication.instance() is app\n",
        env={"MAP": str(MAPS[0])},
    )
    assert result.returncode == 0, result.stderr
