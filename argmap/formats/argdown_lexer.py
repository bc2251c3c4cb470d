"""Argdown's lexical layer: clean text, frontmatter, comments, metadata spans, lines.

Everything here runs in time linear in the input, whatever it holds: every
search starts where the previous one stopped, and a ``{`` that never closes
marks the rest of its paragraph as plain text instead of being searched again
from each following ``{``. That is what keeps a hostile 50 MB file from
hanging the reader.

Comments are blanked out with spaces (line breaks kept), so every line and
column reported later is a line and column of the original file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from argmap.errors import MapFileError, Problem
from argmap.formats.argdown_yaml import MAX_DEPTH, flat_map_end
from argmap.formats.base import warning

__all__ = [
    "DataMatcher",
    "Lexed",
    "Line",
    "Notes",
    "Tokens",
    "find",
    "lex",
    "normalize_space",
]

MAX_WARNINGS = 500


class Notes:
    """Warnings collected while reading, capped so hostile input cannot flood memory."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.dropped = 0

    def warn(
        self, message: str, line: int | None = None, column: int | None = None, path: str = ""
    ) -> None:
        if len(self.problems) < MAX_WARNINGS:
            self.problems.append(warning(message, path=path, line=line, column=column))
        else:
            self.dropped += 1

    def result(self) -> list[Problem]:
        """The warnings in the order of the lines they name."""
        ordered = sorted(self.problems, key=lambda p: (p.line or 0, p.column or 0))
        if self.dropped:
            return [*ordered, warning(f"... and {self.dropped} more warnings like these")]
        return ordered


@dataclass(slots=True)
class Line:
    """One physical line of the body, comments blanked: ``text`` starts after the indentation."""

    number: int
    indent: int
    text: str
    whitespace: int = 0  # what the indentation holds: 1 tabs, 2 spaces, 3 both
    in_data: bool = False  # the line starts inside a ``{…}`` block begun on an earlier line


@dataclass
class Lexed:
    frontmatter: list[str] | None  # the lines between the ``===`` fences
    frontmatter_line: int  # line number of the first of them
    lines: list[Line]


_WHITESPACE = re.compile(r"[ \t\n\r\f\v]{2,}|[\t\n\r\f\v]")  # single spaces need no change
_BAD_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_FENCE = re.compile(r"===+[ \t]*\Z")


def normalize_space(text: str) -> str:
    """Runs of whitespace (line breaks included) as one space, none at the ends."""
    return _WHITESPACE.sub(" ", text).strip(" ")


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _clean(text: str, source: str | None, notes: Notes) -> str:
    """Line ends as ``\\n``; binary junk refused; stray control characters replaced, reported."""
    text = text.removeprefix("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        line, column = _line_col(text, text.index("\x00"))
        raise MapFileError(
            source,
            [
                Problem(
                    "",
                    "this is not Argdown text: it contains NUL bytes (is it a binary file?)",
                    line=line,
                    column=column,
                )
            ],
        )
    bad = _BAD_CHARS.search(text)
    if bad is None:
        return text
    count = len(_BAD_CHARS.findall(text))
    if count * 100 > len(text) and count > 8:
        line, column = _line_col(text, bad.start())
        raise MapFileError(
            source,
            [
                Problem(
                    "",
                    f"this is not Argdown text: {count} control characters (is it a binary file?)",
                    line=line,
                    column=column,
                )
            ],
        )
    line, column = _line_col(text, bad.start())
    notes.warn(
        f"{count} control character(s) or unpaired surrogate(s) replaced by \ufffd"
        f" (the first is U+{ord(bad.group()):04X})",
        line,
        column,
    )
    return _BAD_CHARS.sub("\ufffd", text)


# -- comments and metadata spans -----------------------------------------------

_DATA_TOKEN = re.compile(r"""[{}\[\]\n"']""")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


class DataMatcher:
    """Finds where a ``{`` block of YAML metadata ends (quotes and nesting respected).

    A block may span lines but not a blank line. When one never closes, every
    other ``{`` up to where the search gave up is plain text: nothing is searched
    twice. Nesting deeper than the YAML reader accepts gives up on the whole
    paragraph at once, so a wall of braces costs one pass.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.failed_until = -1

    def end(self, start: int) -> int:
        """The offset just after the closing brace, or -1 if this ``{`` opens no metadata."""
        if start < self.failed_until:
            return -1
        flat = flat_map_end(self.text, start)  # the common case, found by one regular expression
        if flat > 0:
            return flat
        text, stack, position = self.text, [], start
        while True:
            match = _DATA_TOKEN.search(text, position)
            if match is None:
                self.failed_until = len(text)
                return -1
            char, position = match.group(), match.end()
            if char == "\n":
                if text[position : position + 1].isspace() and _blank_ahead(text, position):
                    self.failed_until = position
                    return -1
                continue
            if char in "\"'":
                if _previous(text, match.start()) in (
                    "{",
                    "[",
                    ",",
                    ":",
                ):  # a quoted scalar, not an apostrophe
                    closing = _close_quote(text, position, char)
                    if closing > 0:
                        position = closing
                continue
            if char in "{[":
                stack.append(char)
                if len(stack) > MAX_DEPTH:
                    blank = _BLANK_LINE.search(text, position)
                    self.failed_until = blank.start() if blank else len(text)
                    return -1
            elif not stack or stack.pop() != ("{" if char == "}" else "["):
                self.failed_until = position
                return -1
            elif not stack:
                return position


def _previous(text: str, index: int) -> str:
    """The last character before ``index`` that is not whitespace."""
    index -= 1
    while index >= 0 and text[index] in " \t\n":
        index -= 1
    return text[index] if index >= 0 else ""


def _blank_ahead(text: str, position: int) -> bool:
    end = text.find("\n", position)
    return (text[position:] if end < 0 else text[position:end]).strip() == "" and end >= 0


def _close_quote(text: str, position: int, quote: str) -> int:
    pattern = r'(?:[^"\\\n]|\\.)*"' if quote == '"' else r"(?:[^'\n]|'')*'"
    match = re.compile(pattern).match(text, position)
    return match.end() if match else -1


class Tokens:
    """Finds the next token of interest, skipping kinds known to be plain text up to some point.

    When a ``[`` has no ``]`` on its line, no later ``[`` on that line has one
    either; when a ``{`` never closes, no ``{`` up to where that search gave up
    does. Such kinds are *retired* until that point, so a line of a million
    ``[`` costs one regular-expression search, not a million loop turns.
    """

    def __init__(self, text: str, kinds: dict[str, tuple[str, str]]) -> None:
        self.text, self.kinds = text, kinds
        self.retired: dict[str, int] = {}
        self.all = self.pattern(tuple(kinds))  # cached: building it is not free

    def retire(self, kind: str, until: int) -> None:
        self.retired[kind] = max(until, self.retired.get(kind, 0))

    def next(self, position: int) -> re.Match[str] | None:
        while True:
            if self.retired:
                self.retired = {k: u for k, u in self.retired.items() if u > position}
            if not self.retired:  # the common case: every kind is live
                return self.all.search(self.text, position)
            live = tuple(k for k in self.kinds if k not in self.retired)
            horizon = min(self.retired.values())
            match = self.pattern(live).search(self.text, position, horizon)
            if match is not None:
                return match
            position = horizon

    def pattern(self, live: tuple[str, ...]) -> re.Pattern[str]:
        return _compiled(tuple((k, *self.kinds[k]) for k in live))


@lru_cache(maxsize=256)
def _compiled(live: tuple[tuple[str, str, str], ...]) -> re.Pattern[str]:
    if not live:
        return re.compile("(?!)")
    # the leading character class lets the regex engine skip plain text quickly
    first = "".join(dict.fromkeys(start for _, start, _ in live))
    body = "|".join(f"(?P<{kind}>{pattern})" for kind, _, pattern in live)
    return re.compile(f"(?=[{first}])(?:{body})")


_SCAN_KINDS = {  # kind: (first character, as in a character class; pattern)
    "escape": (r"\\", r"(?:\\[\s\S])+"),
    "html": ("<", "<!--"),
    "block": ("/", r"/\*"),
    "line": ("/", r"(?<!:)//"),
    "brace": (r"\{", r"\{"),
    "square": (r"\[", r"\["),
    "angle": ("<", r"<(?![+\-_])"),
    "paren": ("#", r"#\("),
}
_COMMENT_ENDS = {"html": "-->", "block": "*/"}


def _scan(
    text: str, offset: int, notes: Notes
) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]]]:
    """Blank out comments; return the cleaned text, the metadata spans and the comment spans.

    Titles (``[…]``, ``<…>``), links and ``#(…)`` tags are stepped over as the
    Argdown lexer does, so ``//`` inside them is not a comment and ``{`` opens
    no metadata there.
    """
    matcher = DataMatcher(text)
    tokens = Tokens(text, _SCAN_KINDS)
    out: list[str] = []
    data: list[tuple[int, int]] = []
    comments: list[tuple[int, int]] = []
    kept = position = 0
    line_end = -1
    while True:
        match = tokens.next(position)
        if match is None:
            break
        kind, start = match.lastgroup or "", match.start()
        position = match.end()
        if kind == "escape":
            continue
        if line_end < start:
            line_end = find(text, "\n", start, len(text))
        if kind in ("html", "block", "line"):
            closer = _COMMENT_ENDS.get(kind)
            end = line_end if closer is None else text.find(closer, position)
            if end < 0:
                line, column = _line_col(text, start)
                notes.warn(
                    f"'{match.group()}' opens a comment that is never closed; read as text",
                    line + offset,
                    column,
                )
                tokens.retire(kind, len(text))
                continue
            end += len(closer or "")
            out.append(text[kept:start])
            segment = text[start:end]
            out.append(re.sub(r"[^\n]", " ", segment) if "\n" in segment else " " * len(segment))
            comments.append((start, end))
            kept = position = end
        elif kind == "brace":
            end = matcher.end(start)
            if end > 0:
                data.append((start, end))
                position = end
            else:
                tokens.retire("brace", matcher.failed_until)
        else:
            closer = {"square": "]", "angle": ">", "paren": ")"}[kind]
            close = find(text, closer, position, len(text))
            if close >= line_end:
                tokens.retire(kind, line_end)  # nothing on this line closes: plain text
                continue
            position = close + 1
            if kind == "square" and text.startswith("(", position):
                link_end = find(text, ")", position, len(text))
                if link_end < line_end:
                    position = link_end + 1
    out.append(text[kept:])
    return "".join(out), data, comments


def find(text: str, needle: str, start: int, missing: int) -> int:
    found = text.find(needle, start)
    return missing if found < 0 else found


def lex(text: str, source: str | None, notes: Notes) -> Lexed:
    """Split the input into frontmatter and body lines, comments blanked."""
    text = _clean(text, source, notes)
    raw_lines = text.split("\n")
    frontmatter: list[str] | None = None
    first = 0
    while first < len(raw_lines) and not raw_lines[first].strip():
        first += 1
    body_start = 0
    if first < len(raw_lines) and _FENCE.match(raw_lines[first]):
        for close in range(first + 1, len(raw_lines)):
            if _FENCE.match(raw_lines[close]):
                frontmatter, body_start = raw_lines[first + 1 : close], close + 1
                break
        else:
            notes.warn(
                "the frontmatter opened by '===' is never closed; read as text", first + 1, 1
            )
    body = "\n".join(raw_lines[body_start:])
    cleaned, data_spans, comments = _scan(body, body_start, notes)
    if comments:
        where = ", ".join(str(_line_col(body, c)[0] + body_start) for c, _ in comments[:8])
        more = ", …" if len(comments) > 8 else ""
        line, column = _line_col(body, comments[0][0])
        notes.warn(
            f"{len(comments)} comment(s) not imported (lines {where}{more})",
            line + body_start,
            column,
        )
    lines: list[Line] = []
    offset = span_index = comment_index = 0
    spans, n_spans, n_comments = data_spans, len(data_spans), len(comments)
    original = body.split("\n") if comments else None
    for number, clean in enumerate(cleaned.split("\n"), start=body_start + 1):
        length = len(clean)
        stripped = clean.strip(" \t")
        if n_spans:
            while span_index < n_spans and spans[span_index][1] <= offset:
                span_index += 1
            in_data = span_index < n_spans and spans[span_index][0] < offset
        else:
            in_data = False
        if n_comments:
            while comment_index < n_comments and comments[comment_index][1] < offset:
                comment_index += 1
            in_comment = (
                comment_index < n_comments
                and comments[comment_index][0] <= offset
                and offset + length <= comments[comment_index][1]
            )
            raw = original[number - body_start - 1] if original else clean
            if in_comment or (not stripped and raw.strip(" \t")):
                offset += length + 1
                continue  # a line holding only (part of) a comment is not a blank line
        offset += length + 1
        if not stripped:
            lines.append(Line(number, 0, "", 0, in_data))
            continue
        indent = length - len(clean.lstrip(" \t"))
        space = 0 if not indent else ("\t" in clean[:indent]) | (" " in clean[:indent]) << 1
        lines.append(Line(number, indent, stripped, space, in_data))
    return Lexed(frontmatter, first + 2, lines)
