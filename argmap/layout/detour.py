"""Cross-links around the cards: an extra curve that passes over no card between its ends.

A cross-link (a premise's second relation, an undercut whose tail hangs
elsewhere in the tree) joins two cards that can be far apart, and the plain
S-curve between them runs over every card in its way. The tree export hands
these edges to Graphviz, whose spline router finds a way through the free
space; the canvas cannot start a process per layout, and a layout of a few
thousand cards runs on the GUI thread. Libraries that route among obstacles
do not fit either: extremitypathfinder builds the visibility graph of the
whole plane first (quadratic in the number of cards, with numpy), and
libavoid has no maintained Python binding. What the canvas needs is one path
at a time among the few cards near it, so this is a small router of its own:

* the plain curve is kept when it is already clear of every card;
* otherwise a polyline goes around the first card in its way, by the corners
  of that card (inflated by a margin) on the side that is shorter, then on
  around the next card in each piece, with a budget of detours per edge;
* waypoints that are not needed are dropped (string pulling), and the
  corners are rounded with radii small enough to stay inside the margin.

Cards are looked up in a uniform grid built the first time a cross-link is
made, so a map without cross-links pays nothing and one path costs about the
number of cards near it. Everything here is in the layout's (breadth, depth)
frame; the caller turns the points into scene coordinates.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence

from argmap.layout.result import Point

__all__ = ["CardGrid"]

Box = tuple[float, float, float, float]  # left, near, right, far
Span = tuple[float, float]  # lowest and highest breadth

CELL = 256.0  # points: the grid's cell, about a card
CLEAR = 3.0  # how far a line keeps off a card (more than half a drawn line's width)
MARGIN = 10.0  # how far a waypoint sits off a card's corner (under half the gap between cards)
STUB = 14.0  # a detour leaves and reaches its cards straight for this long
RADIUS = 8.0  # the rounding of a detour's corners (under MARGIN - CLEAR)
BUDGET = 48  # detours around a card, at most, per edge
SAMPLES = 12  # points per Bézier piece when a curve is checked against the cards


class CardGrid:
    """The cards' boxes, bucketed by position, and the paths that go around them."""

    def __init__(self, boxes: Sequence[Box]) -> None:
        self.boxes = boxes
        self.cells: dict[tuple[int, int], list[int]] = {}
        cells = self.cells
        for v, (left, near, right, far) in enumerate(boxes):
            for i in range(_cell(left - CLEAR), _cell(right + CLEAR) + 1):
                for k in range(_cell(near - CLEAR), _cell(far + CLEAR) + 1):
                    cells.setdefault((i, k), []).append(v)

    def around(
        self,
        points: Sequence[Point],
        ends: tuple[int, int],
        leave: Point | None = None,
        arrive: Point | None = None,
        slide: tuple[Span | None, Span | None] = (None, None),
    ) -> list[Point]:
        """The curve ``points`` (1 + 3n), or a detour between the same ends when it meets a card.

        ``ends`` are the edge's own cards (-1 for a junction): the curve may touch
        them, the detour keeps off them between its straight stubs. ``leave`` and
        ``arrive`` are the directions (unit vectors) in which a detour leaves its
        first point and reaches its last; the curve's own, unless given. ``slide``:
        how far along the breadth its first and last points may move towards the
        way it goes (off the middle of a card, where the tree's own edges meet it).
        """
        if self._curve_clear(points, set(ends)):
            return list(points)
        start, end = points[0], points[-1]
        leave = leave or _unit(points[0], _first_apart(points, 0, 1))
        arrive = arrive or _unit(_first_apart(points, len(points) - 1, -1), points[-1])
        if leave is None or arrive is None:
            return list(points)
        a = (start[0] + leave[0] * STUB, start[1] + leave[1] * STUB)
        b = (end[0] - arrive[0] * STUB, end[1] - arrive[1] * STUB)
        if self._inside(a) or self._inside(b):
            return list(points)
        budget = [BUDGET]
        middle = self._route(a, b, budget)
        if middle is None:
            return list(points)
        line = self._pulled([a, *middle, b])
        skip = set(ends)
        for way in (self._slid([start, *line, end], slide), [start, *line, end]):
            for radius in (RADIUS, 0.0):
                curve = _rounded(way, radius)
                if self._curve_clear(curve, skip):
                    return curve
        return list(points)

    def _slid(self, way: list[Point], slide: tuple[Span | None, Span | None]) -> list[Point]:
        """The way with its ends moved along the breadth towards its next (or previous) turn."""
        way = list(way)
        if len(way) < 4:
            return way
        first, last = slide
        if first is not None:
            shift = min(max(way[2][0], first[0]), first[1]) - way[0][0]
            way[0], way[1] = (way[0][0] + shift, way[0][1]), (way[1][0] + shift, way[1][1])
        if last is not None:
            shift = min(max(way[-3][0], last[0]), last[1]) - way[-1][0]
            way[-1], way[-2] = (way[-1][0] + shift, way[-1][1]), (way[-2][0] + shift, way[-2][1])
        return [way[0], *self._pulled(way[1:-1]), way[-1]]

    def _near(self, a: Point, b: Point) -> set[int]:
        found: set[int] = set()
        cells = self.cells
        for i in range(_cell(min(a[0], b[0])), _cell(max(a[0], b[0])) + 1):
            for k in range(_cell(min(a[1], b[1])), _cell(max(a[1], b[1])) + 1):
                found.update(cells.get((i, k), ()))
        return found

    def _first_hit(
        self, a: Point, b: Point, skip: Collection[int] = (), among: Collection[int] | None = None
    ) -> int:
        """The first card (within CLEAR) the segment a→b meets, or -1.

        ``among``: the cards to look at (all near the segment, unless given).
        """
        best, best_t = -1, 2.0
        boxes = self.boxes
        low_x, high_x = min(a[0], b[0]) - CLEAR, max(a[0], b[0]) + CLEAR
        low_y, high_y = min(a[1], b[1]) - CLEAR, max(a[1], b[1]) + CLEAR
        for v in self._near(a, b) if among is None else among:
            left, near, right, far = boxes[v]
            if right < low_x or left > high_x or far < low_y or near > high_y or v in skip:
                continue
            t = _enter(a, b, (left - CLEAR, near - CLEAR, right + CLEAR, far + CLEAR))
            if t is not None and t < best_t:
                best, best_t = v, t
        return best

    def _inside(self, p: Point) -> bool:
        boxes = self.boxes
        for v in self.cells.get((_cell(p[0]), _cell(p[1])), ()):
            left, near, right, far = boxes[v]
            if left - CLEAR < p[0] < right + CLEAR and near - CLEAR < p[1] < far + CLEAR:
                return True
        return False

    def _route(self, a: Point, b: Point, budget: list[int]) -> list[Point] | None:
        """Waypoints strictly between a and b that take a→b around the cards, or None."""
        v = self._first_hit(a, b)
        if v < 0:
            return []
        if budget[0] <= 0:
            return None
        budget[0] -= 1
        for corners in self._sides(a, b, self.boxes[v]):
            if any(self._inside(c) for c in corners):
                continue
            way: list[Point] = []
            previous = a
            for stop in [*corners, b]:
                piece = self._route(previous, stop, budget)
                if piece is None:
                    break
                way.extend(piece)
                if stop is not b:
                    way.append(stop)
                previous = stop
            else:
                return way
        return None

    @staticmethod
    def _sides(a: Point, b: Point, box: Box) -> list[list[Point]]:
        """The inflated box's corners on each side of a→b, in order along it; shorter side first."""
        left, near, right, far = box
        corners = [
            (left - MARGIN, near - MARGIN),
            (right + MARGIN, near - MARGIN),
            (right + MARGIN, far + MARGIN),
            (left - MARGIN, far + MARGIN),
        ]
        dx, dy = b[0] - a[0], b[1] - a[1]
        sides: list[list[Point]] = [[], []]
        for c in corners:
            cross = dx * (c[1] - a[1]) - dy * (c[0] - a[0])
            if cross >= 0:
                sides[0].append(c)
            if cross <= 0:
                sides[1].append(c)
        options = []
        for side in sides:
            if not side:
                continue
            side.sort(key=lambda c: (c[0] - a[0]) * dx + (c[1] - a[1]) * dy)
            options.append((_length([a, *side, b]), side))
        options.sort(key=lambda option: option[0])
        return [side for _, side in options]

    def _pulled(self, line: list[Point]) -> list[Point]:
        """The polyline without the waypoints it can go straight past."""
        pulled = [line[0]]
        i, last = 0, len(line) - 1
        while i < last:
            j = i + 1
            while j < last and self._first_hit(line[i], line[j + 1]) < 0:
                j += 1
            pulled.append(line[j])
            i = j
        return pulled

    def _curve_clear(self, points: Sequence[Point], skip: set[int]) -> bool:
        samples = _sampled(points)
        xs, ys = [p[0] for p in samples], [p[1] for p in samples]
        low, high = (min(xs), min(ys)), (max(xs), max(ys))
        boxes = self.boxes
        among = [
            v
            for v in self._near(low, high)
            if v not in skip
            and boxes[v][0] - CLEAR < high[0]
            and boxes[v][2] + CLEAR > low[0]
            and boxes[v][1] - CLEAR < high[1]
            and boxes[v][3] + CLEAR > low[1]
        ]
        if not among:
            return True
        return all(
            self._first_hit(samples[i], samples[i + 1], among=among) < 0
            for i in range(len(samples) - 1)
        )


def _cell(value: float) -> int:
    return math.floor(value / CELL)


def _enter(a: Point, b: Point, box: Box) -> float | None:
    """Where (0..1 along a→b) the segment enters the box; None if it misses (Liang–Barsky)."""
    t0, t1 = 0.0, 1.0
    for p, q0, low, high in (
        (b[0] - a[0], a[0], box[0], box[2]),
        (b[1] - a[1], a[1], box[1], box[3]),
    ):
        if p == 0.0:
            if not low < q0 < high:
                return None
            continue
        s, e = (low - q0) / p, (high - q0) / p
        if s > e:
            s, e = e, s
        t0, t1 = max(t0, s), min(t1, e)
        if t0 >= t1:
            return None
    return t0


def _unit(a: Point, b: Point) -> Point | None:
    length = math.hypot(b[0] - a[0], b[1] - a[1])
    if length < 1e-6:
        return None
    return (b[0] - a[0]) / length, (b[1] - a[1]) / length


def _first_apart(points: Sequence[Point], index: int, step: int) -> Point:
    """The first point after (or before) ``points[index]`` that is not the same point."""
    origin = points[index]
    k = index + step
    while 0 <= k < len(points):
        if math.hypot(points[k][0] - origin[0], points[k][1] - origin[1]) > 1e-6:
            return points[k]
        k += step
    return origin


def _length(line: Sequence[Point]) -> float:
    return sum(math.dist(line[i], line[i + 1]) for i in range(len(line) - 1))


def _sampled(points: Sequence[Point]) -> list[Point]:
    samples = [points[0]]
    for i in range(0, len(points) - 3, 3):
        p0, p1, p2, p3 = points[i : i + 4]
        for s in range(1, SAMPLES + 1):
            t = s / SAMPLES
            u = 1.0 - t
            w0, w1, w2, w3 = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
            samples.append(
                (
                    w0 * p0[0] + w1 * p1[0] + w2 * p2[0] + w3 * p3[0],
                    w0 * p0[1] + w1 * p1[1] + w2 * p2[1] + w3 * p3[1],
                )
            )
    return samples


def _rounded(line: Sequence[Point], radius: float) -> list[Point]:
    """The polyline as Bézier pieces (1 + 3n points), each corner rounded within ``radius``."""
    out = [line[0]]
    current = line[0]
    for i in range(1, len(line) - 1):
        before, corner, after = line[i - 1], line[i], line[i + 1]
        r = min(radius, math.dist(before, corner) / 2, math.dist(corner, after) / 2)
        into, out_of = _unit(before, corner), _unit(corner, after)
        if r <= 0.0 or into is None or out_of is None:
            out.extend(_straight(current, corner))
            current = corner
            continue
        enter = (corner[0] - into[0] * r, corner[1] - into[1] * r)
        leave = (corner[0] + out_of[0] * r, corner[1] + out_of[1] * r)
        out.extend(_straight(current, enter))
        k = 0.55 * r
        out.extend(
            [
                (enter[0] + into[0] * k, enter[1] + into[1] * k),
                (leave[0] - out_of[0] * k, leave[1] - out_of[1] * k),
                leave,
            ]
        )
        current = leave
    out.extend(_straight(current, line[-1]))
    return out


def _straight(a: Point, b: Point) -> list[Point]:
    """A straight segment's three further Bézier points."""
    return [
        (a[0] + (b[0] - a[0]) / 3, a[1] + (b[1] - a[1]) / 3),
        (a[0] + 2 * (b[0] - a[0]) / 3, a[1] + 2 * (b[1] - a[1]) / 3),
        b,
    ]
