"""A non-layered tidy tree for boxes of different sizes, in linear time.

The algorithm is A. van der Ploeg's, "Drawing non-layered tidy trees in
linear time", Software: Practice and Experience 44(12), 2014 (its reference
implementation is d3-flextree). Each node sits just below its parent's
bottom edge, whatever its siblings' heights, and sibling subtrees are pushed
apart only as far as their contours (followed through "threads" from one
subtree's deepest node to a deeper neighbour's) require, so the total work
is linear in the number of nodes. No Python library lays out variable-size
boxes this way; the ones that exist (e.g. in networkx or graphviz) are layered.

Two departures from the paper, both for a map that stays put while it is
edited:

* A parent is aligned with the leading (left) edge of its *first* child
  rather than centred over all of them, so adding a child at the end of a
  list never moves the parent or its earlier children, and a card that grows
  wider as it is typed in grows away from what lies to its left.
* Subtrees are packed to the left: the paper spreads the slack between a
  pushed subtree and the one that pushed it over the small subtrees in
  between; here they stay where their left neighbours put them, so growth
  on the right moves only what lies to its right.

Everything is iterative (a 50,000-deep chain must not hit Python's recursion
limit) and works on plain lists indexed by node number, which is several
times faster in Python than one object per node.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["tidy_tree"]


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
    reaches (children must start below their parent's bottom). ``gap[v]`` is
    the space kept between the subtrees of ``v``'s children. Nodes not
    reachable from ``root`` get 0.
    """
    n = len(children)
    bottom = [top[v] + depth[v] for v in range(n)]
    prelim = [0.0] * n
    mod = [0.0] * n
    thread_left = [-1] * n
    thread_right = [-1] * n
    extreme_left = list(range(n))
    extreme_right = list(range(n))
    modsum_left = [0.0] * n
    modsum_right = [0.0] * n

    order = _preorder(children, root)
    for t in reversed(order):  # every child before its parent
        kids = children[t]
        if not kids:
            continue
        first = kids[0]
        space = gap[t]
        for i in range(1, len(kids)):
            # Separate child i from the combined contour of children 0..i-1.
            left_sibling, current = kids[i - 1], kids[i]
            sr, cl = left_sibling, current
            mssr, mscl = mod[sr], mod[cl]
            while True:
                dist = (mssr + prelim[sr] + breadth[sr] + space) - (mscl + prelim[cl])
                if dist > 0:
                    mscl += dist
                    mod[current] += dist
                    modsum_left[current] += dist
                    modsum_right[current] += dist
                sy, cy = bottom[sr], bottom[cl]
                if sy <= cy:
                    sr = kids_last(children, sr, thread_right)
                    if sr >= 0:
                        mssr += mod[sr]
                if sy >= cy:
                    cl = kids_first(children, cl, thread_left)
                    if cl >= 0:
                        mscl += mod[cl]
                if sr < 0 or cl < 0:
                    break
            if sr < 0 and cl >= 0:
                # The left part is shallower: its deepest left node threads into child i.
                li = extreme_left[first]
                thread_left[li] = cl
                diff = (mscl - mod[cl]) - modsum_left[first]
                mod[li] += diff
                prelim[li] -= diff
                extreme_left[first] = extreme_left[current]
                modsum_left[first] = modsum_left[current]
            elif sr >= 0 and cl < 0:
                # Child i is shallower: its deepest right node threads into the left part.
                ri = extreme_right[current]
                thread_right[ri] = sr
                diff = (mssr - mod[sr]) - modsum_right[current]
                mod[ri] += diff
                prelim[ri] -= diff
                extreme_right[current] = extreme_right[left_sibling]
                modsum_right[current] = modsum_right[left_sibling]
        # Aligned with the first child's leading edge: later children never move it, and a
        # child that grows wider grows away from its left-hand neighbours.
        prelim[t] = prelim[first] + mod[first]
        last = kids[-1]
        extreme_left[t], modsum_left[t] = extreme_left[first], modsum_left[first]
        extreme_right[t], modsum_right[t] = extreme_right[last], modsum_right[last]

    # Second walk: a node's place is its preliminary one plus its ancestors' modifiers.
    x = [0.0] * n
    modsum = [0.0] * n
    for v in order:
        total = modsum[v] + mod[v]
        x[v] = prelim[v] + total
        for child in children[v]:
            modsum[child] = total
    return x


def kids_first(children: Sequence[Sequence[int]], v: int, thread: list[int]) -> int:
    """The next node down a subtree's left contour: the first child, else the thread."""
    kids = children[v]
    return kids[0] if kids else thread[v]


def kids_last(children: Sequence[Sequence[int]], v: int, thread: list[int]) -> int:
    """The next node down a subtree's right contour: the last child, else the thread."""
    kids = children[v]
    return kids[-1] if kids else thread[v]


def _preorder(children: Sequence[Sequence[int]], root: int) -> list[int]:
    """Nodes reachable from ``root``, parents before children, without recursion."""
    order: list[int] = []
    stack = [root]
    while stack:
        v = stack.pop()
        order.append(v)
        stack.extend(reversed(children[v]))
    return order
