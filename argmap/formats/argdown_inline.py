"""The inside of one Argdown element: title, text, tags and ``{…}`` metadata.

The block parser hands over the lines of a statement, an argument, a heading or
an inference; this reads them the way Argdown's lexer does — escapes, ``#tag``
and ``#(long tag)``, metadata — while links, titles, mentions and bold or
italic marks stay in the text as written. Like the lexer, it runs in linear time.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from argmap.formats.argdown_lexer import DataMatcher, Notes, Tokens, find, normalize_space
from argmap.formats.argdown_yaml import YamlError, parse_flow

__all__ = ["Content", "parse_content"]

_HEAD = re.compile(
    r"[ \t]*(?:\[(?P<sdef>[^\n]+?)\]:|<(?P<adef>[^\n]+?)>:"
    r"|\[(?P<sref>[^\]\n]+)\](?!\()|<(?P<aref>[^>\n]+)>)"
)


@dataclass(slots=True)
class Content:
    """What one element's text holds: head, text, tags and metadata."""

    kind: str | None = None  # "statement" or "argument" when a title in brackets leads
    title: str | None = None
    reference: bool = False  # the title has no ":" (a reference, not a definition)
    text: str = ""
    tags: list[str] = field(default_factory=list)
    data: dict[str, Any] | None = None
    data_at: tuple[int, int] | None = None
    raw_data: list[str] = field(default_factory=list)


_ANY_SPECIAL = re.compile(r"[\\{#\[<]")


def parse_content(pieces: list[tuple[int, int, str]], notes: Notes, head: bool = True) -> Content:
    """Read ``pieces`` — line, column and text of an element's lines — as :class:`Content`."""
    text = pieces[0][2] if len(pieces) == 1 else "\n".join(p[2] for p in pieces)

    def where(offset: int) -> tuple[int, int]:
        starts, total = [], 0
        for piece in pieces:
            starts.append(total)
            total += len(piece[2]) + 1
        index = bisect_right(starts, offset) - 1
        return pieces[index][0], pieces[index][1] + offset - starts[index]

    result = Content()
    position = 0
    if head and text.lstrip(" \t")[:1] in ("[", "<"):
        match = _HEAD.match(text)
        if match:
            group = match.lastgroup or ""
            title = match.group(group).strip()
            if title:
                result.kind = "statement" if group[0] == "s" else "argument"
                result.title, result.reference = title, group.endswith("ref")
                position = match.end()
    if _ANY_SPECIAL.search(text, position) is None:  # plain text, the common case
        result.text = normalize_space(text[position:])
    else:
        _body(text, position, result, notes, where)
    if result.reference and result.text:
        line, column = where(position)
        kind = "[]" if result.kind == "statement" else "<>"
        notes.warn(
            f"text after the reference {kind[0]}{result.title}{kind[1]} without a ':' is read"
            " as its text",
            line,
            column,
        )
    return result


_BODY_KINDS = {
    "escape": (r"\\", r"(?:\\[\s\S])+"),
    "brace": (r"\{", r"\{"),
    "paren": ("#", r"#\("),
    "tag": ("#", r"#[0-9A-Za-z_\-\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]+"),
    "square": (r"\[", r"\["),
    "angle": ("<", "<"),
}


def _body(text: str, position: int, result: Content, notes: Notes, where: Any) -> None:
    """Text, tags and metadata after the head; tags that end the text are taken out of it.

    Links, titles and mentions inside the text stay as written.
    """
    parts: list[str] = []
    trail: int | None = None  # where the run of tags at the end of the text begins
    matcher = DataMatcher(text)
    tokens = Tokens(text, _BODY_KINDS)
    while True:
        match = tokens.next(position)
        if match is None:
            break
        literal = text[position : match.start()]
        if literal:
            parts.append(literal)
            if trail is not None and literal.strip():
                trail = None
        kind, start, position = match.lastgroup, match.start(), match.end()
        if kind == "escape":
            parts.append(match.group()[1::2])  # a run of backslash-and-character pairs
            trail = None
        elif kind == "brace":
            end = matcher.end(start)
            if end < 0:
                tokens.retire("brace", matcher.failed_until)
                position = start
                notes.warn("'{' opens metadata that is never closed; read as text", *where(start))
                continue
            _add_data(result, text[start:end], where(start), notes)
            parts.append(" ")
            position = end
        elif kind in ("square", "angle", "paren"):
            line_end = find(text, "\n", start, len(text))
            close = find(
                text, {"square": "]", "angle": ">", "paren": ")"}[kind], position, len(text)
            )
            if close >= line_end:
                tokens.retire(kind, line_end)  # unclosed on its line: plain text
                position = start
                continue
            if kind == "paren" and close == position:  # "#()" is no tag
                parts.append("#(")
                trail = None
                continue
            if kind == "paren":
                _add_tag(result, text[position:close])
                trail = len(parts) if trail is None else trail
                parts.append(text[start : close + 1])
                position = close + 1
                continue
            position = close + 1
            if kind == "square" and text.startswith("(", position):
                link_end = find(text, ")", position, line_end)
                position = link_end + 1 if link_end < line_end else position
            parts.append(text[start:position])
            trail = None
        else:  # a #tag
            _add_tag(result, match.group()[1:])
            trail = len(parts) if trail is None else trail
            parts.append(match.group())
    rest = text[position:]
    if rest:
        parts.append(rest)
        if trail is not None and rest.strip():
            trail = None
    if trail is not None:
        del parts[trail:]
    result.text = normalize_space("".join(parts))


def _add_tag(result: Content, tag: str) -> None:
    if tag not in result.tags:
        result.tags.append(tag)


def _add_data(result: Content, raw: str, at: tuple[int, int], notes: Notes) -> None:
    try:
        value = parse_flow(raw)
    except YamlError as error:
        line = at[0] + error.line - 1
        column = error.column + (at[1] - 1 if error.line == 1 else 0)
        notes.warn(f"metadata is not valid YAML ({error.message}); kept in the note", line, column)
        result.raw_data.append(raw)
        return
    if not isinstance(value, dict):
        notes.warn("metadata must be a {key: value} map; kept in the note", *at)
        result.raw_data.append(raw)
        return
    if result.data is None:
        result.data, result.data_at = value, at
    else:
        result.data.update(value)
