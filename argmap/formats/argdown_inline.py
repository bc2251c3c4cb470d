"""The inside of one Argdown element: title, text, tags and ``{…}`` metadata.

The block parser hands over the lines of a statement, an argument, a heading or
an inference; this reads them the way Argdown's lexer does — escapes, ``#tag``
and ``#(long tag)``, metadata — and turns bold, italic, code, links, mentions
and shortcodes into plain text (see :mod:`argdown_markup`). Titles and
references inside the text stay as written. Like the lexer, it runs in linear
time.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from argmap.formats.argdown_lexer import DataMatcher, Notes, Tokens, find, normalize_space
from argmap.formats.argdown_markup import (
    SHORTCODE,
    CodeSpans,
    Emphasis,
    Markup,
    reportable,
    shortcode_at,
)
from argmap.formats.argdown_yaml import YamlError, parse_flow

__all__ = ["Content", "parse_content"]

_HEAD = re.compile(
    r"[ \t]*(?:\[(?P<sdef>(?:[^\n\]\\]|\\.)+?)\]:|<(?P<adef>[^\n]+?)>:"
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


# Anything that may need more than collapsing whitespace: escapes, metadata, tags, titles,
# links, mentions, formatting, and a dot or colon that could begin a shortcode or an address.
_ANY_SPECIAL = re.compile(r"[\\{#\[<@*_`]|[.:][^\s]")


def parse_content(
    pieces: list[tuple[int, int, str]], notes: Notes, markup: Markup, head: bool = True
) -> Content:
    """Read ``pieces`` — line, column and text of an element's lines — as :class:`Content`.

    What formatting the text holds is counted in ``markup``, which reports it once per file.
    """
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
        body = _Body(text, result, notes, markup, where)
        result.text = normalize_space(body.run(position))
        for kind, (count, offset, examples) in body.found.items():
            markup.add(kind, count, where(offset), examples)
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


_BODY_KINDS = {  # kind: (first character, as in a character class; pattern)
    "escape": (r"\\", r"(?:\\[\s\S])+"),
    "brace": (r"\{", r"\{"),
    "paren": ("#", r"#\("),
    "tag": ("#", r"#[0-9A-Za-z_\-\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]+"),
    "square": (r"\[", r"\["),
    "angle": ("<", "<"),
    "statement_mention": ("@", r"@\["),
    "argument_mention": ("@", "@<"),
    "url": (":", r"(?<=[A-Za-z]):(?=//)"),
    "shortcode": (".:", SHORTCODE.pattern),
    "code": ("`", "`+"),
    "emphasis": (r"*_", r"\*+|_+"),
}
# A link's text holds no tags, titles or metadata, only formatting.
_LINK_KINDS = {k: _BODY_KINDS[k] for k in ("escape", "url", "shortcode", "code", "emphasis")}
_URL = re.compile(r"://[^\s<>\"]*")
_URL_TRAILER = ".,:;!?*_~'\")]}"


class _Body:
    """Text, tags and metadata after an element's head, read one token at a time.

    Tags that end the text are taken out of it; formatting becomes plain text
    (see :mod:`argdown_markup`), each kind counted for the file's warnings.
    Titles and references inside the text stay as written.
    """

    def __init__(
        self,
        text: str,
        result: Content,
        notes: Notes,
        markup: Markup,
        where: Callable[[int], tuple[int, int]],
        kinds: dict[str, tuple[str, str]] = _BODY_KINDS,
        base: int = 0,
        found: dict[str, list[Any]] | None = None,
    ) -> None:
        self.text, self.result, self.notes, self.markup = text, result, notes, markup
        self.where = where  # the line and column of an offset
        self.kinds, self.base = kinds, base
        self.found: dict[str, list[Any]] = {} if found is None else found
        self.parts: list[str] = []
        self.trail: int | None = None  # where the run of tags at the end of the text begins
        self.emphasis = Emphasis()
        self.spans: CodeSpans | None = None
        self.matcher: DataMatcher | None = None
        self.eol = -1  # the end of the line of the last token that needed it

    def run(self, position: int) -> str:
        """The text from ``position`` on, tags at its end left out, formatting removed."""
        text = self.text
        tokens = Tokens(text, self.kinds)
        while True:
            match = tokens.next(position)
            if match is None:
                break
            self.literal(text[position : match.start()])
            position = getattr(self, "_" + (match.lastgroup or ""))(match, tokens)
        self.literal(text[position:])
        if self.emphasis.pairs:
            self.note("emphasis", self.emphasis.pairs, self.emphasis.first)
        self.emphasis.apply(self.parts)
        if self.trail is not None:
            del self.parts[self.trail :]
        return "".join(self.parts)

    def literal(self, chunk: str) -> None:
        if chunk:
            self.parts.append(chunk)
            if self.trail is not None and chunk.strip():
                self.trail = None

    def word(self, chunk: str) -> None:
        """Text that ends a run of tags, even if it is only a mark."""
        self.parts.append(chunk)
        self.trail = None

    def note(self, kind: str, count: int, offset: int, example: str | None = None) -> None:
        """Count ``kind``; keep the first offset and a few examples for the warning."""
        entry = self.found.get(kind)
        if entry is None:
            entry = self.found[kind] = [0, self.base + offset, []]
        entry[0] += count
        entry[1] = min(entry[1], self.base + offset)
        if example is not None and len(entry[2]) < 3 and example not in entry[2]:
            entry[2].append(example)

    # -- tokens: each returns where reading goes on -------------------------------------

    def _escape(self, match: re.Match[str], tokens: Tokens) -> int:
        self.word(match.group()[1::2])  # a run of backslash-and-character pairs
        return match.end()

    def _brace(self, match: re.Match[str], tokens: Tokens) -> int:
        start = match.start()
        if self.matcher is None:
            self.matcher = DataMatcher(self.text)
        end = self.matcher.end(start)
        if end < 0:
            tokens.retire("brace", self.matcher.failed_until)
            self.notes.warn(
                "'{' opens metadata that is never closed; read as text", *self.where(start)
            )
            self.literal("{")
            return start + 1
        _add_data(self.result, self.text[start:end], self.where(start), self.notes)
        self.parts.append(" ")
        return end

    def _tag(self, match: re.Match[str], tokens: Tokens) -> int:
        _add_tag(self.result, match.group()[1:])
        self.trail = len(self.parts) if self.trail is None else self.trail
        self.parts.append(match.group())
        return match.end()

    def _paren(self, match: re.Match[str], tokens: Tokens) -> int:
        start, position = match.span()
        close = self.closing(")", "paren", start, position, tokens)
        if close < 0:
            return start
        if close == position:  # "#()" is no tag
            self.word("#(")
            return position
        _add_tag(self.result, self.text[position:close])
        self.trail = len(self.parts) if self.trail is None else self.trail
        self.parts.append(self.text[start : close + 1])
        return close + 1

    def _square(self, match: re.Match[str], tokens: Tokens) -> int:
        """A title or reference stays as written; a link ``[text](url)`` becomes its text."""
        start, position = match.span()
        close = self.closing("]", "square", start, position, tokens)
        if close < 0:
            return start
        after = close + 1
        if self.text.startswith("(", after):
            link_end = self.text.find(")", after, self.line_end(start))
            if link_end > after + 1:
                self.link(start, close, self.text[after + 1 : link_end].strip())
                return link_end + 1
        self.word(self.text[start:after])
        return after

    def _angle(self, match: re.Match[str], tokens: Tokens) -> int:
        start, position = match.span()
        close = self.closing(">", "angle", start, position, tokens)
        if close < 0:
            return start
        self.word(self.text[start : close + 1])
        return close + 1

    def _statement_mention(self, match: re.Match[str], tokens: Tokens) -> int:
        return self.mention(match, tokens, "]", "statement_mention")

    def _argument_mention(self, match: re.Match[str], tokens: Tokens) -> int:
        return self.mention(match, tokens, ">", "argument_mention")

    def _url(self, match: re.Match[str], tokens: Tokens) -> int:
        """An address is kept whole: its ``_`` and ``*`` are no formatting, its ``#`` no tag."""
        start = match.start()
        end = _url_end(self.text, start)
        self.word(self.text[start:end])
        return end

    def _shortcode(self, match: re.Match[str], tokens: Tokens) -> int:
        start = match.start()
        found = shortcode_at(self.text, start, self.markup.shortcodes)
        if found is None:  # it holds other formatting: only the delimiter is read here
            self.word(self.text[start])
            return start + 1
        token, symbol = found
        if symbol is not None:
            self.word(symbol)
            self.note("shortcode", 1, start, f"{token} → {symbol}")
        else:
            self.word(token)
            if reportable(token):
                self.note("unknown", 1, start, token)
        return start + len(token)

    def _code(self, match: re.Match[str], tokens: Tokens) -> int:
        start, end = match.span()
        if self.spans is None:
            self.spans = CodeSpans(self.text)
        close = self.spans.close(start, end)
        if close < 0:  # no run as long closes it: plain backticks
            self.word(match.group())
            return end
        inner = self.text[end:close]
        if inner[:1] == inner[-1:] == " " and inner.strip(" "):
            inner = inner[1:-1]  # as in Markdown, one space inside each end is padding
        self.word(inner)
        self.note("code", 1, start)
        return close + end - start

    def _emphasis(self, match: re.Match[str], tokens: Tokens) -> int:
        start, end = match.span()
        text = self.text
        self.emphasis.add(
            len(self.parts),
            text[start],
            end - start,
            start,
            text[start - 1] if start else "",
            text[end] if end < len(text) else "",
        )
        self.word(match.group())
        return end

    # -- helpers -------------------------------------------------------------------------

    def line_end(self, start: int) -> int:
        """The end of the line ``start`` is on; tokens come in order, so it is searched once
        per line, not once per token (a long line of links would cost quadratic time)."""
        if start > self.eol:
            self.eol = find(self.text, "\n", start, len(self.text))
        return self.eol

    def closing(self, closer: str, kind: str, start: int, position: int, tokens: Tokens) -> int:
        """Where ``closer`` closes what opens at ``start`` on its line; -1 (and the kind
        retired for the rest of the line, so it is not searched again) if nowhere."""
        line_end = self.line_end(start)
        close = self.text.find(closer, position, line_end)
        if close < 0:
            tokens.retire(kind, line_end)
        return close

    def mention(self, match: re.Match[str], tokens: Tokens, closer: str, kind: str) -> int:
        start, position = match.span()
        close = self.closing(closer, kind, start, position, tokens)
        title = normalize_space(self.text[position:close]) if close > 0 else ""
        if not title:  # "@" is only a character; what follows is read on its own
            self.word("@")
            return start + 1
        self.word(title)
        self.note("mention", 1, start)
        return close + 1

    def link(self, start: int, close: int, url: str) -> None:
        label = self.text[start + 1 : close]
        inner = _Body(
            label,
            Content(),
            self.notes,
            self.markup,
            self.where,
            _LINK_KINDS,
            self.base + start + 1,
            self.found,
        )
        self.word(inner.run(0))
        self.note("link", 1, start, url)


def _url_end(text: str, start: int) -> int:
    """The end of the address whose ``://`` is at ``start``; trailing punctuation is not part
    of it, nor a ``)`` that closes nothing inside it."""
    match = _URL.match(text, start)
    assert match is not None
    end = match.end()
    opened, closed = text.count("(", start, end), text.count(")", start, end)
    while end > start + 3 and text[end - 1] in _URL_TRAILER:
        if text[end - 1] == ")":
            if closed <= opened:
                break
            closed -= 1
        end -= 1
    return end


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
