"""PNG of a drawing whose letters graphviz-pure's own PNG cannot show: Qt paints it.

graphviz-pure letters its PNGs with one built-in font, which has Latin,
Greek, Cyrillic and Hebrew letters but no Arabic, Chinese or Japanese, nor
symbols such as the evaluation badges' ✓ and ✗: those come out as empty
boxes. The same drawing (its ``-Tjson`` xdot operations) painted by Qt, as a
PDF is (:mod:`argmap.render_qt.pdf`), is lettered with the system's fonts and
their shaping. :func:`argmap.render.export.render_map` decides when.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage, QPainter

from argmap.errors import RenderError
from argmap.render_qt.pdf import _PAD, _ensure_application, _Painter

__all__ = ["png_from_xdot"]

DPI = 96.0  # Graphviz's own for bitmaps: a point is 4/3 pixels


def png_from_xdot(drawing: dict[str, Any]) -> bytes:
    """A PNG of a Graphviz ``-Tjson`` drawing at Graphviz's size, with its margin."""
    _ensure_application()
    try:
        left, bottom, right, top = (float(v) for v in str(drawing["bb"]).split(","))
    except (KeyError, ValueError):
        raise RenderError("Graphviz's layout has no bounding box; cannot draw a PNG") from None
    zoom = DPI / 72.0
    width, height = max(right - left, 1.0) + 2 * _PAD, max(top - bottom, 1.0) + 2 * _PAD
    image = QImage(math.ceil(width * zoom), math.ceil(height * zoom), QImage.Format.Format_ARGB32)
    image.fill(QColor(str(drawing.get("bgcolor", "white"))))
    dots_per_metre = round(DPI / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.scale(zoom, zoom)
        painter.translate(_PAD, _PAD)
        _Painter(painter, left, top).draw_graph(drawing)
    finally:
        painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]  # the stubs say bytes
        raise RenderError("Qt could not write the PNG")
    buffer.close()
    return bytes(QByteArray(buffer.data()).data())
