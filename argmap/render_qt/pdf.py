"""PDF without a PDF-capable Graphviz: Qt paints Graphviz's own drawing instructions.

``graphviz-pure`` cannot write PDF, but its ``-Tjson`` output carries the
complete drawing (xdot operations: polygons, B-splines, ellipses and text with
its measured width). Painting those with QPainter into a QPdfWriter gives the
same picture as the SVG and PNG exports, with real (selectable) text.

Importing this module has no effect on the process: the application object
Qt needs for fonts is made on the first PDF, and only if there is none yet.
"""

from __future__ import annotations

import os
import re
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
    QPolygonF,
)

from argmap.errors import RenderError
from argmap.render.pages import MARGIN, page_breaks, page_scale

__all__ = ["pdf_from_xdot"]

_DRAW_KEYS = ("_draw_", "_ldraw_", "_hdraw_", "_tdraw_", "_hldraw_", "_tldraw_")
_FONT_FAMILIES = {
    "Times-Roman": "Times",
    "Times": "Times",
    "Helvetica": "Arial",
    "Courier": "Courier",
}
_BOLD, _ITALIC, _UNDERLINE, _STRIKE = 1, 2, 4, 32
# The application this module made, kept alive for later PDFs (Qt allows one per process).
_application: QGuiApplication | None = None


def _ensure_application() -> None:
    """Qt measures and embeds fonts only with an application object: make one if there is none.

    A command-line export may run where there is no display (a server, CI).
    Qt's default platform on Linux is then X11, which aborts the process when
    it cannot connect, so without a display the offscreen platform is chosen
    (a PDF needs fonts, not a screen). It is chosen through this application's
    own arguments rather than ``QT_QPA_PLATFORM``: the environment, inherited
    by Graphviz and anything else started later, is left as it was, and a
    platform the user set there is respected.
    """
    global _application
    if QGuiApplication.instance() is not None:
        return
    arguments = ["argmap"]
    if _without_display():
        arguments += ["-platform", "offscreen"]
    _application = QGuiApplication(arguments)


def _without_display() -> bool:
    """No platform chosen by the user, and no X11 or Wayland display to draw on."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def pdf_from_xdot(drawing: dict[str, Any], pages: tuple[float, float] | None = None) -> bytes:
    """A PDF of a Graphviz ``-Tjson`` drawing: one page sized to the graph, or on ``pages``.

    ``pages`` is a landscape paper's width and height in points
    (``argmap.render.pages.PAPERS``): the drawing is scaled to the paper's
    width within its margins and goes on over as many pages as it takes,
    each ending above a card rather than through it.
    """
    _ensure_application()
    try:
        left, bottom, right, top = (float(v) for v in str(drawing["bb"]).split(","))
    except (KeyError, ValueError):
        raise RenderError("Graphviz's layout has no bounding box; cannot draw a PDF") from None
    width, height = max(right - left, 1.0), max(top - bottom, 1.0)
    if pages is None:  # the map's own size, with the margin Graphviz gives its drawings
        margin, scale, slices = _PAD, 1.0, [(0.0, height)]
        paper = (width + 2 * _PAD, height + 2 * _PAD)
    else:
        paper, margin = pages, MARGIN
        scale, slices = page_scale(width, pages), page_breaks(drawing, pages)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setCreator("argmap")
    writer.setTitle(str(drawing.get("name", "argument map")))
    writer.setPageLayout(_page_layout(paper, margin, named=pages is not None))
    painter = QPainter(writer)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        zoom = writer.resolution() / 72.0 * scale
        for number, (start, end) in enumerate(slices):
            if number:
                writer.newPage()
            painter.save()
            painter.scale(zoom, zoom)
            painter.translate(0, -start)
            painter.setClipRect(QRectF(0, start, width, end - start))
            _Painter(painter, left, top, None if pages is None else (start, end)).draw_graph(
                drawing
            )
            painter.restore()
    finally:
        painter.end()
    buffer.close()
    data = bytes(QByteArray(buffer.data()).data())
    if not data.startswith(b"%PDF"):
        raise RenderError("Qt could not write the PDF")
    return data


_PAD = 4.0  # points around a drawing: Graphviz's "pad", which its SVG and PNG have too


def _page_layout(paper: tuple[float, float], margin: float, *, named: bool) -> QPageLayout:
    """A page of ``paper``'s size in points; ``named``: a paper such as A4, called so."""
    policy = QPageSize.SizeMatchPolicy
    wide = paper[0] > paper[1]
    size = QPageSize(  # a paper's size is named upright, and turned for landscape
        QSizeF(min(paper), max(paper)),
        QPageSize.Unit.Point,
        "",
        policy.FuzzyMatch if named else policy.ExactMatch,
    )
    orientation = QPageLayout.Orientation
    return QPageLayout(
        size,
        orientation.Landscape if wide else orientation.Portrait,
        QMarginsF(margin, margin, margin, margin),
        QPageLayout.Unit.Point,
    )


class _Painter:
    """Replays xdot operations; Graphviz's y axis points up, Qt's down."""

    def __init__(
        self,
        painter: QPainter,
        left: float,
        top: float,
        visible: tuple[float, float] | None = None,
    ) -> None:
        self.painter = painter
        self.left = left
        self.top = top
        # On pages: the part of the drawing this page shows. Text beyond it is left out
        # (the clip would hide it, but it would still be in the page, found twice by search).
        self.visible = visible
        self.pen_colour = QColor("black")
        self.fill_colour = QColor("black")
        self.line_width = 1.0
        self.line_style = Qt.PenStyle.SolidLine
        self.font = QFont("Arial")
        self.font.setPixelSize(14)
        self.font_flags = 0

    def draw_graph(self, drawing: dict[str, Any]) -> None:
        self._draw_object(drawing)
        objects = drawing.get("objects", [])
        for item in objects:  # clusters first, as Graphviz lists them
            if "nodes" in item or "bb" in item:
                self._draw_object(item)
        for edge in drawing.get("edges", []):  # outputorder=edgesfirst
            self._draw_object(edge)
        for item in objects:
            if "nodes" not in item and "bb" not in item:
                self._draw_object(item)

    def _draw_object(self, item: dict[str, Any]) -> None:
        for key in _DRAW_KEYS:
            self._reset_style()
            for operation in item.get(key, []):
                self._apply(operation)

    def _reset_style(self) -> None:
        """Each operation list starts from Graphviz's defaults."""
        self.line_width = 1.0
        self.line_style = Qt.PenStyle.SolidLine
        self.pen_colour = QColor("black")
        self.fill_colour = QColor("black")
        self.font_flags = 0

    def _point(self, pair: list[float]) -> QPointF:
        return QPointF(float(pair[0]) - self.left, self.top - float(pair[1]))

    def _apply(self, op: dict[str, Any]) -> None:
        kind = op.get("op")
        if kind == "c":
            self.pen_colour = _colour(op.get("color"))
        elif kind == "C":
            self.fill_colour = _colour(op.get("color"))
        elif kind == "S":
            self._style(str(op.get("style", "")))
        elif kind == "F":
            self.font = QFont(_FONT_FAMILIES.get(op.get("face", ""), op.get("face", "Arial")))
            self.font.setPixelSize(max(1, round(float(op.get("size", 14)))))
        elif kind == "t":
            self.font_flags = int(op.get("fontchar", 0))
        elif kind == "T":
            self._text(op)
        elif kind in ("P", "p", "L"):
            self._polygon(op["points"], filled=kind == "P", closed=kind != "L")
        elif kind in ("B", "b"):
            # Graphviz's JSON writes a filled B-spline as "B" and an open one as "b".
            self._bezier(op["points"], filled=kind == "B")
        elif kind in ("E", "e"):
            self._ellipse(op["rect"], filled=kind == "E")

    def _style(self, style: str) -> None:
        match = re.fullmatch(r"setlinewidth\(([\d.]+)\)", style)
        if match:
            self.line_width = float(match.group(1))
        elif style == "dashed":
            self.line_style = Qt.PenStyle.DashLine
        elif style == "dotted":
            self.line_style = Qt.PenStyle.DotLine
        elif style == "bold":
            self.line_width = 2.0
        elif style == "solid":
            self.line_style = Qt.PenStyle.SolidLine
        elif style == "invis":
            self.line_style = Qt.PenStyle.NoPen

    def _pen(self) -> QPen:
        if self.line_style is Qt.PenStyle.NoPen or self.pen_colour.alpha() == 0:
            return QPen(Qt.PenStyle.NoPen)
        pen = QPen(self.pen_colour, self.line_width, self.line_style)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        return pen

    def _brush(self, filled: bool) -> QBrush:
        return QBrush(self.fill_colour) if filled else QBrush(Qt.BrushStyle.NoBrush)

    def _polygon(self, points: list[list[float]], *, filled: bool, closed: bool) -> None:
        polygon = QPolygonF([self._point(p) for p in points])
        self.painter.setPen(self._pen())
        self.painter.setBrush(self._brush(filled))
        if closed:
            self.painter.drawPolygon(polygon)
        else:
            self.painter.drawPolyline(polygon)

    def _bezier(self, points: list[list[float]], *, filled: bool) -> None:
        if not points:
            return
        path = QPainterPath(self._point(points[0]))
        for index in range(1, len(points) - 2, 3):
            path.cubicTo(
                self._point(points[index]),
                self._point(points[index + 1]),
                self._point(points[index + 2]),
            )
        if filled:
            path.closeSubpath()
        self.painter.setPen(self._pen())
        self.painter.setBrush(self._brush(filled))
        self.painter.drawPath(path)

    def _ellipse(self, rect: list[float], *, filled: bool) -> None:
        centre = self._point(rect[:2])
        rx, ry = float(rect[2]), float(rect[3])
        self.painter.setPen(self._pen())
        self.painter.setBrush(self._brush(filled))
        self.painter.drawEllipse(QRectF(centre.x() - rx, centre.y() - ry, 2 * rx, 2 * ry))

    def _shows(self, op: dict[str, Any]) -> bool:
        """Whether this page shows the text: its baseline, or the line above it, is on it."""
        if self.visible is None:
            return True
        baseline = self.top - float(op.get("pt", [0, self.top])[1])
        return self.visible[0] <= baseline <= self.visible[1] + self.font.pixelSize()

    def _text(self, op: dict[str, Any]) -> None:
        # Backslashes reach the drawing doubled, as written in the DOT label.
        text = str(op.get("text", "")).replace("\\\\", "\\")
        if not text or not self._shows(op):
            return
        font = QFont(self.font)
        font.setBold(bool(self.font_flags & _BOLD))
        font.setItalic(bool(self.font_flags & _ITALIC))
        font.setUnderline(bool(self.font_flags & _UNDERLINE))
        font.setStrikeOut(bool(self.font_flags & _STRIKE))
        wanted = float(op.get("width", 0)) or None
        actual = QFontMetricsF(font).horizontalAdvance(text)
        # Fit the text into the width Graphviz measured, so it stays inside its card.
        stretch = min(max(wanted / actual, 0.6), 1.4) if wanted and actual else 1.0
        width = actual * stretch
        anchor = self._point(op["pt"])
        align = op.get("align", "l")
        x = anchor.x() - (width / 2 if align == "c" else width if align == "r" else 0.0)
        self.painter.save()
        self.painter.setFont(font)
        self.painter.setPen(self.pen_colour)
        self.painter.translate(x, anchor.y())
        self.painter.scale(stretch, 1.0)
        self.painter.drawText(QPointF(0, 0), text)
        self.painter.restore()


def _colour(value: Any) -> QColor:
    """Graphviz colours: '#rrggbb', '#rrggbbaa' (alpha last) or an X11/SVG name."""
    text = str(value or "black")
    if re.fullmatch(r"#[0-9a-fA-F]{8}", text):
        colour = QColor(text[:7])
        colour.setAlpha(int(text[7:], 16))
        return colour
    colour = QColor(text)
    return colour if colour.isValid() else QColor("black")
