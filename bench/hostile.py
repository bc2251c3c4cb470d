"""Huge and hostile inputs for the readers, at full size: what the tests check only for growth.

The tests (``tests/scaling.py``) assert that reading grows linearly with the
input, which holds on any machine; how long the full-size inputs take is a
figure for a person to read, printed by ``bench/formats.py``. Each case names
the time a user could still accept for it.

Argdown metadata is timed separately: the flat ``{key: value}`` maps that make
up nearly all of it are read by a regular-expression fast path, everything
else by ruamel.yaml, and the difference is what the fast path is for.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["METADATA", "HostileCase", "hostile_cases"]

ARGDOWN_WALLS = [
    "{",
    "[",
    "<",
    "#(",
    "\\",
    "<!--",
    "/*",
    "(1) ",
    "--\n",
    "  + \n",
    "{a: [",
    "\n\t + x\n",
]

METADATA = {
    "flat (fast path)": '{speaker: Rabin, date: 1994, quote: "self-reliance, at last"}',
    "nested (ruamel)": "{speaker: Rabin, uses: [1, 2], source: {title: Memoirs}}",
}


@dataclass(frozen=True)
class HostileCase:
    """One input for one reader, and the time a user could still accept for it."""

    format: str
    name: str
    make: Callable[[], str]  # built when measured, so only one large text is held at a time
    target: float


def _aif(nodes: list[tuple[str, str, str]], edges: list[tuple[str, str]], **more: object) -> str:
    return json.dumps(
        {
            "nodes": [{"nodeID": i, "text": text, "type": kind} for i, kind, text in nodes],
            "edges": [
                {"edgeID": str(n), "fromID": a, "toID": b} for n, (a, b) in enumerate(edges, 1)
            ],
            **more,
        }
    )


def _repeated_edges(count: int = 900_000) -> str:
    """About 50 MB: 2,000 nodes and 900,000 edges among them, nearly all repeats."""
    nodes = [(f"n{i}", "I" if i % 2 else "RA", f"statement {i}") for i in range(2000)]
    return _aif(nodes, [(f"n{k % 2000}", f"n{(k * 7 + 1) % 2000}") for k in range(count)])


def _undercut_chain(n: int) -> str:
    nodes = [("a", "I", "a"), ("b", "I", "b")] + [(f"x{i}", "CA", "Ad Hominem") for i in range(n)]
    edges = [("a", f"x{i}") for i in range(n)] + [("x0", "b")]
    return _aif(nodes, edges + [(f"x{i}", f"x{i - 1}") for i in range(1, n)])


def _undercut_circle(n: int) -> str:
    nodes = [("a", "I", "a")] + [(f"x{i}", "CA", "CA") for i in range(n)]
    edges = [("a", f"x{i}") for i in range(n)] + [(f"x{i}", f"x{(i + 1) % n}") for i in range(n)]
    return _aif(nodes, edges)


def _hub(kind: str, n: int) -> str:
    half = n // 2
    nodes = [(f"i{i}", "I", f"s{i}") for i in range(n)] + [("hub", kind, kind)]
    edges = [(f"i{i}", "hub") for i in range(half)] + [("hub", f"i{i}") for i in range(half, n)]
    return _aif(nodes, edges)


def _one_illocution(n: int) -> str:
    half = n // 2
    nodes = [(f"l{i}", "L", f"S{i}: t") for i in range(half)]
    nodes += [(f"s{i}", "I", "t") for i in range(half)] + [("ya", "YA", "Asserting")]
    edges = [(f"l{i}", "ya") for i in range(half)] + [("ya", f"s{i}") for i in range(half)]
    return _aif(nodes, edges)


def _colliding_ids(n: int) -> str:
    """Ids that all clean up to the same few: every one must be renamed."""
    return _aif([(f"x{chr(0x400 + i % 500)}{'!' * (i // 500)}", "I", "t") for i in range(n)], [])


def _kialo(claims: int = 1000, lines: int = 50) -> str:
    """About 50 MB: a thousand claims of fifty kilobyte-long lines each."""
    line = "A long claim that goes on and on, line after line. " * 20 + "\n"
    return "Discussion Title: Big\n\n1. Thesis\n" + "".join(
        f"1.{k}. Pro: {line * lines}" for k in range(1, claims + 1)
    )


def _wall(construct: str) -> Callable[[], str]:
    return lambda: construct * (1_000_000 // len(construct))


def hostile_cases() -> list[HostileCase]:
    """Every case, in the order they are printed."""
    n = 10_000
    cases = [
        HostileCase("argdown", f"1 MB of {construct!r}", _wall(construct), 20.0)
        for construct in ARGDOWN_WALLS
    ]
    cases += [
        HostileCase("aif", "50 MB of repeated edges", _repeated_edges, 30.0),
        HostileCase("aif", f"a chain of {n:,} undercuts", lambda: _undercut_chain(n), 10.0),
        HostileCase("aif", f"a circle of {n:,} undercuts", lambda: _undercut_circle(n), 10.0),
        HostileCase("aif", f"an inference with {n:,} ends", lambda: _hub("RA", n), 10.0),
        HostileCase("aif", f"a preference among {n:,}", lambda: _hub("PA", n), 10.0),
        HostileCase("aif", f"an unknown node type with {n:,} ends", lambda: _hub("QQ", n), 10.0),
        HostileCase("aif", f"one illocution for {n // 2:,}", lambda: _one_illocution(n), 10.0),
        HostileCase("aif", f"{n:,} ids cleaning up alike", lambda: _colliding_ids(n), 10.0),
        HostileCase("kialo", "50 MB of long claims", _kialo, 20.0),
    ]
    return cases
