"""Hypothesis strategies for fuzzing: mutated texts and JSON, and maps deeper than usual.

A mutation is what damages real files: a slice deleted, duplicated or moved, a
line repeated or re-indented, a piece of the format's own syntax inserted
where it does not belong, a character replaced by one from another script or
a control character, the end cut off. JSON is also mutated as a tree (a value
replaced by one of another type, a key added, an element removed or
repeated), which reaches the readers' handling of well-formed but odd files
that text mutations, nearly always invalid JSON, do not.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import strategies as st

from argmap.model import ArgumentMap, Relation, Statement

__all__ = ["deep_maps", "json_values", "mutated_json", "mutated_text"]

MAX_TEXT = 200_000  # characters a mutated text is cut to: duplication must not snowball

# Characters that mean something to some reader, or to none: digits of other scripts,
# line and paragraph separators, a byte order mark, control characters, lone surrogates.
_ODD = (
    "\x00\x07\x0b\x0c\x1c\x7f\x85\u00a0\u0661\u0967\uff11\u2028\u2029\ufeff\ud800\udfff\U0001f600"
)
_characters = st.one_of(
    st.sampled_from(_ODD),
    st.characters(codec="utf-8"),
    st.sampled_from("[](){}<>:;,.-+_*#@/\\\"'`=!? \t\n\r0123456789ab"),
)


@st.composite
def mutated_text(draw: st.DrawFn, seeds: st.SearchStrategy[str], tokens: list[str]) -> str:
    """A seed with one to eight mutations."""
    text = draw(seeds)
    for _ in range(draw(st.integers(1, 8))):
        text = _mutate(draw, text, tokens)[:MAX_TEXT]
    return text


def _mutate(draw: st.DrawFn, text: str, tokens: list[str]) -> str:
    kind = draw(st.sampled_from(_MUTATIONS))
    if kind == "insert":
        piece = draw(st.sampled_from(tokens) | st.text(_characters, min_size=1, max_size=12))
        at = draw(st.integers(0, len(text)))
        return text[:at] + piece * draw(st.sampled_from([1, 1, 1, 2, 40])) + text[at:]
    if kind == "replace" and text:
        at = draw(st.integers(0, len(text) - 1))
        return text[:at] + draw(_characters) + text[at + 1 :]
    start, end = sorted(draw(st.tuples(*[st.integers(0, len(text))] * 2)))
    if kind == "delete":
        return text[:start] + text[end:]
    if kind == "duplicate":
        at = draw(st.integers(0, len(text)))
        return text[:at] + text[start:end] + text[at:]
    if kind == "truncate":
        return text[:end]
    return _mutate_lines(draw, text, kind)


def _mutate_lines(draw: st.DrawFn, text: str, kind: str) -> str:
    lines = text.split("\n")
    index = draw(st.integers(0, len(lines) - 1))
    if kind == "line twice":
        lines.insert(index, lines[index])
    elif kind == "line moved":
        lines.insert(draw(st.integers(0, len(lines) - 1)), lines.pop(index))
    elif kind == "indent":
        stripped = lines[index].lstrip(" \t")
        lines[index] = (
            draw(st.sampled_from(["", " ", "  ", "\t", "    ", " \t", " " * 80])) + stripped
        )
    return "\n".join(lines)


_MUTATIONS = [
    *("insert", "insert", "insert", "replace", "delete", "duplicate", "truncate"),
    *("line twice", "line moved", "indent", "indent"),
]


def json_values(names: list[str]) -> st.SearchStrategy[Any]:
    """Any JSON value (NaN and infinities included: Python reads them), biased to the format."""
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(),
        st.text(_characters, max_size=20),
        st.sampled_from(names),
    )
    return st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(st.sampled_from(names) | st.text(max_size=4), inner, max_size=4)
        ),
        max_leaves=8,
    )


@st.composite
def mutated_json(draw: st.DrawFn, seeds: st.SearchStrategy[str], keys: list[str]) -> str:
    """A JSON seed changed as a tree, one to six times, then written in some layout."""
    text = draw(seeds)
    try:
        data = json.loads(text)
    except ValueError:
        return text
    data = copy.deepcopy(data)
    names = [*keys, *_strings(data)]
    for _ in range(draw(st.integers(1, 6))):
        data = _mutate_tree(draw, data, keys, names)
    return json.dumps(
        data,
        ensure_ascii=draw(st.booleans()),
        indent=draw(st.sampled_from([None, 1, "\t"])),
    )


def _mutate_tree(draw: st.DrawFn, data: Any, keys: list[str], names: list[str]) -> Any:
    containers = _containers(data)
    if not containers:
        return draw(json_values(names))
    container = draw(st.sampled_from(containers))
    kind = draw(st.sampled_from(["set", "set", "remove", "repeat", "add"]))
    if isinstance(container, dict):
        present = list(container)
        if kind == "remove" and present:
            del container[draw(st.sampled_from(present))]
        elif kind in ("set", "repeat") and present:
            container[draw(st.sampled_from(present))] = draw(json_values(names))
        else:
            container[draw(st.sampled_from(keys))] = draw(json_values(names))
    elif container:
        index = draw(st.integers(0, len(container) - 1))
        if kind == "remove":
            del container[index]
        elif kind == "repeat":
            container.insert(draw(st.integers(0, len(container))), copy.deepcopy(container[index]))
        elif kind == "set":
            container[index] = draw(json_values(names))
        else:
            container.append(draw(json_values(names)))
    else:
        container.append(draw(json_values(names)))
    return data


def _containers(data: Any, limit: int = 5000) -> list[Any]:
    """The lists and objects of a JSON value, outermost first (no recursion)."""
    found: list[Any] = []
    pending = [data]
    while pending and len(found) < limit:
        value = pending.pop()
        if isinstance(value, dict):
            found.append(value)
            pending.extend(value.values())
        elif isinstance(value, list):
            found.append(value)
            pending.extend(value)
    return found


def _strings(data: Any) -> list[str]:
    """Up to fifty short strings of a file (its ids, types, names), for values that fit it."""
    found: dict[str, None] = {}
    for container in _containers(data):
        values = container.values() if isinstance(container, dict) else container
        for value in values:
            if isinstance(value, str) and len(value) <= 40:
                found.setdefault(value)
        if len(found) >= 50:
            break
    return list(found)[:50] or ["1"]


# Texts that look like some format's structure, drawn whole: a deep map has many statements,
# and drawing each text a character at a time would make generating it the slow part.
_short_texts = st.sampled_from(
    [
        *("", "a", "level", "-> See 1.", "1. a", "1.1. Pro: b", "Sources:", "[1]", "[A]: b"),
        *("<B>", "{a: 1}", "# h", "- item", "  + x", "(1) x", "----", "a\nb", "a\n\nb", "*a*"),
        *("_a_", "`a`", ":heart:", "\u05d0\u05d1", "\u0661.", "a \\ b", "//", "/*", "a\tb"),
    ]
)


@st.composite
def deep_maps(draw: st.DrawFn, max_statements: int = 120) -> ArgumentMap:
    """Maps of long chains, linked premises, undercuts of undercuts and circles.

    Each new statement answers a statement or relation made shortly before it, so the
    maps are deep rather than wide: what exercises a writer's nesting.
    """
    count = draw(st.integers(1, max_statements))
    statements = [Statement(id=f"s{k}", text=draw(_short_texts)) for k in range(count)]
    relations: list[Relation] = []
    for k in range(1, count):
        nearby = [f"s{j}" for j in range(max(0, k - 3), k)]
        nearby += [r.id for r in relations[-2:]]
        target = draw(st.sampled_from(nearby))
        premises = [f"s{k}"]
        if k + 1 < count and draw(st.booleans()):
            premises.append(f"s{k + 1}")
        if draw(st.integers(0, 9)) == 0 and target != "s0" and "s0" not in premises:
            premises.append("s0")  # a statement answering something deeper than itself: circles
        relations.append(
            Relation(
                id=f"r{k}",
                kind=draw(st.sampled_from(["support", "attack"])),
                premises=premises,
                target=target,
            )
        )
    return ArgumentMap(statements=statements, relations=relations)
