"""Drawing with Qt what Graphviz cannot write itself: imported only by Qt-side code.

The core exports through Graphviz and never imports this package (see the
import contracts in ``pyproject.toml``); the editor and the ``argmap`` command
hand :func:`pdf_from_xdot` to :func:`argmap.render.export.render_map` when
the Graphviz in use has no PDF output, and :func:`png_from_xdot` for a PNG
whose letters graphviz-pure's own font lacks.
"""

from argmap.render_qt.pdf import pdf_from_xdot
from argmap.render_qt.png import png_from_xdot

__all__ = ["pdf_from_xdot", "png_from_xdot"]
