"""A non-layered tidy tree for boxes of different sizes, in linear time, that edits barely move.

The starting point is A. van der Ploeg, "Drawing non-layered tidy trees in
linear time", Software: Practice and Experience 44(12), 2014 (its reference
implementation is d3-flextree): each node sits just below its parent's bottom
edge, whatever its siblings' heights, and sibling subtrees are pushed apart
only as far as their contours (compared by their bottoms, not by levels)
require. No Python library lays out variable-size boxes this way; the ones
that exist (networkx, Graphviz) are layered.

Three departures, all so that a map stays put while it is edited:

* A parent is aligned with the leading (left) edge of its *first* child
  rather than centred over all of them, so adding a child at the end of a
  list never moves the parent or its earlier children.
* Subtrees are packed to the left; the slack between two subtrees is not
  spread over the small ones between them, so growth on the right moves only
  what lies to its right.
* Every card keeps the column below it for its own branch: where one of two
  neighbouring contours ends, its last node is taken to reach all the way
  down. The paper lets a shallow subtree tuck in above a deeper neighbour's
  wide lower part; then the first reason added under it would collide and
  push the whole branch aside. Reserving the column costs some width and
  makes the paper's threads unnecessary: a contour is simply the chain of
  first (or last) children. The work stays linear: a node is walked past
  its neighbour's end only where its chain is a later (or earlier) child's,
  and never again above that.

Everything is iterative (a 50,000-deep chain must not hit Python's recursion
limit) and works on plain lists indexed by node number, which is several
times faster in Python than one object per node.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["preorder", "tidy_tree"]


def tidy_tree(
    children: Sequence[Sequence[int]],
    root: int,
    breadth: Sequence[float],
    top: Sequence[float],
    depth: Sequence[float],
    gap: Sequence[float],
) -> list[float]:
    """The left edge (along the breadth axis) of every node reachable from ``root``.

    ``breadth[v]`` is a node's extent across the tree, ``top[v]`` and
    ``depth[v]`` where it starts along the tree's depth axis and how far it
    reaches (children start below their parent's bottom). ``gap[v]`` is the
    space kept between the branches of ``v``'s children. Nodes not reachable
    from ``root`` get 0.
    """
    n = len(children)
    bottom = [top[v] + depth[v] for v in range(n)]
    prelim = [0.0] * n  # left edge relative to the parent's frame, before the parent's modifier
    mod = [0.0] * n  # shift applied to a node and its whole branch

    order = preorder(children, root)
    for t in reversed(order):  # every child before its parent
        kids = children[t]
        if not kids:
            continue
        space = gap[t]
        for i in range(1, len(kids)):
            current = kids[i]
            # The right contour of kids[0..i-1] is that of kids[i-1], reaching down; the left
            # contour of kids[i] is its chain of first children, reaching down.
            sr, cl = kids[i - 1], current
            mssr, mscl = mod[sr], mod[cl]
            right_edge = mssr + prelim[sr] + breadth[sr]
            left_edge = mscl + prelim[cl]
            while True:
                dist = right_edge + space - left_edge
                if dist > 0:
                    mod[current] += dist
                    mscl += dist
                    left_edge += dist
                kids_r, kids_l = children[sr], children[cl]
                # Step down the contour that ends higher (both when level); one that has
                # ended stays as it is: its last node reaches all the way down.
                sy, cy = bottom[sr], bottom[cl]
                moved = False
                if kids_r and (sy <= cy or not kids_l):
                    sr = kids_r[-1]
                    mssr += mod[sr]
                    right_edge = mssr + prelim[sr] + breadth[sr]
                    moved = True
                if kids_l and (sy >= cy or not kids_r):
                    cl = kids_l[0]
                    mscl += mod[cl]
                    left_edge = mscl + prelim[cl]
                    moved = True
                if not moved:
                    break
        first = kids[0]
        prelim[t] = prelim[first] + mod[first]  # aligned with the first child

    # Second walk: a node's place is its preliminary one plus its ancestors' modifiers.
    x = [0.0] * n
    modsum = [0.0] * n
    for v in order:
        total = modsum[v] + mod[v]
        x[v] = prelim[v] + total
        for child in children[v]:
            modsum[child] = total
    return x


def preorder(children: Sequence[Sequence[int]], root: int) -> list[int]:
    """Nodes reachable from ``root``, parents before children, without recursion."""
    order: list[int] = []
    stack = [root]
    while stack:
        v = stack.pop()
        order.append(v)
        stack.extend(reversed(children[v]))
    return order
