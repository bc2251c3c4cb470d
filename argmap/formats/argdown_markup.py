"""Argdown's inline formatting, read as plain text: bold, italic, code, links, mentions, shortcodes.

argmap's statements hold plain text, so what Argdown (and the Markdown it
borrows from) draws as formatting is turned into the text a reader sees:

* ``**bold**``, ``__bold__``, ``*italic*`` and ``_italic_`` lose their marks.
  Runs of ``*`` and ``_`` are paired as Argdown's lexer pairs them: a mark
  opens when text follows it and closes when text precedes it and no letter or
  digit follows, the innermost open mark first. An underscore inside a word
  (``snake_case_names``) opens nothing, as in Markdown; marks that never pair
  (``2 * 3``, ``2*3*4``) stay as written.
* Code in backticks keeps its text. Argdown itself has no code spans, but its
  users write Markdown; the text inside is kept exactly, marks and all.
* ``[text](url)`` becomes ``text``: argmap has no place for a link in a
  statement, and the address is named in the warning.
* ``@[Title]`` and ``@<Title>`` become the title they mention.
* ``:name:`` and ``.name.`` shortcodes become the symbols of Argdown's own table
  (logic symbols and a few emoji; the frontmatter's ``model: shortcodes:`` adds
  more). Argdown reads one wherever it stands; argmap not right after a letter
  or digit, so that ``U.A.E.`` and ``10:30:45`` stay text. A shortcode that is
  not in the table stays as written and, in colon form, is reported.

Nothing changes silently: each kind of formatting found in a file gives one
warning, with how often it occurred and the line of the first place. A
backslash keeps any of these characters literal (``\\*``), which is how the
writer keeps a ``*`` or ``:heart:`` that a statement's text really holds.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from argmap.formats.argdown_lexer import Notes

__all__ = [
    "DEFAULT_SHORTCODES",
    "SHORTCODE",
    "CodeSpans",
    "Emphasis",
    "Markup",
    "reportable",
    "shortcode_at",
    "shortcode_table",
]

# Argdown's default shortcodes (argdown-core's plugins/shortcodes.ts, and the names its
# guide "Using logical symbols and emojis" lists): symbol → the names that give it.
_SYMBOLS = {
    "∀": "A",
    "∃": "E",
    "𝗢": "O",
    "𝗣": "P",
    "→": "->",
    "↔": "<->",
    "¬": "~",
    "∧": "^",
    "∨": "v",
    "⊻": "v_",
    "◇": "<>",
    "◻": "[]",
    "😀": "happy",
    "☺": "smile smiley",
    "😆": "laugh lol",
    "🤣": "rofl",
    "😂": "joy",
    "❤": "heart",
    "❓": "? question",
    "😍": "love",
    "😉": "wink",
    "🤫": "shush",
    "😐": "meh",
    "🙄": "eye-roll",
    "😢": "sad",
    "😞": "disappointed",
    "😱": "scream",
    "👍": "+1 up",
    "👎": "-1 down",
    "🤔": "think",
    "⭐": "star",
    "✔": "y agree check",
    "❌": "n disagree cross",
}

# A shortcode as Argdown's lexer finds one: the shortest run of non-space between two
# dots or two colons. No backslash inside, so an escaped delimiter is never part of one.
SHORTCODE = re.compile(r"\.[^\s.\\]+\.|:[^\s:\\]+:")
# An unknown shortcode is passed over whole (``U.S.A.`` must not become ``U.S∀``) unless
# it holds the start of other formatting, which is then read as such.
_PLAIN = re.compile(r"[^*_`@\[{#<]+\Z")
# Unknown colon shortcodes worth reporting: names, not times such as 10:30:45.
_NAME = re.compile(r":[A-Za-z][\w+\-]*:\Z")


def shortcode_table(custom: dict[str, str] | None = None) -> dict[str, str]:
    """Every default shortcode in both forms (``:heart:`` and ``.heart.``), then ``custom``."""
    table = {
        f"{mark}{name}{mark}": symbol
        for symbol, names in _SYMBOLS.items()
        for name in names.split()
        for mark in ":."
    }
    table.update(custom or {})
    return table


DEFAULT_SHORTCODES = shortcode_table()


@dataclass(slots=True)
class _Tally:
    count: int = 0
    at: tuple[int, int] = (0, 0)
    examples: list[str] = field(default_factory=list)


_MESSAGES = {
    "emphasis": "bold and italic markers were removed ({places})",
    "code": "inline code marks (`) were removed; the code is kept as text ({places})",
    "link": (
        "links were reduced to their text; argmap has no place for their addresses"
        " ({examples}; {places})"
    ),
    "mention": "mentions @[…] and @<…> were replaced by the titles they mention ({places})",
    "shortcode": "shortcodes were replaced by their symbols ({examples}; {places})",
    "unknown": "shortcodes that Argdown does not know stay as written ({examples}; {places})",
}
_EXAMPLES = 3


class Markup:
    """The shortcodes in force, and what formatting a file holds, for one warning per kind."""

    def __init__(self, custom_shortcodes: dict[str, str] | None = None) -> None:
        self.shortcodes = (
            shortcode_table(custom_shortcodes) if custom_shortcodes else DEFAULT_SHORTCODES
        )
        self.tallies: dict[str, _Tally] = {}

    def add(self, kind: str, count: int, at: tuple[int, int], examples: list[str]) -> None:
        """``count`` places of ``kind`` in one element, the first at ``at``."""
        tally = self.tallies.get(kind)
        if tally is None:
            tally = self.tallies[kind] = _Tally(at=at)
        tally.count += count
        tally.at = min(tally.at, at)
        for example in examples:
            if len(tally.examples) < _EXAMPLES and example not in tally.examples:
                tally.examples.append(example)

    def report(self, notes: Notes) -> None:
        """One warning per kind of formatting found, at the first place it was found."""
        for kind, message in _MESSAGES.items():
            tally = self.tallies.get(kind)
            if tally is None:
                continue
            places = f"{tally.count} place" + ("s" if tally.count != 1 else "")
            examples = ("e.g. " if tally.count > 1 else "") + ", ".join(tally.examples)
            notes.warn(message.format(places=places, examples=examples), *tally.at)


def shortcode_at(text: str, start: int, table: dict[str, str]) -> tuple[str, str | None] | None:
    """The shortcode at ``start`` and its symbol (None: unknown, passed over whole).

    None when the delimiter there begins no shortcode and is only a character: it
    follows a letter or digit, or no shortcode follows it.
    """
    if start and text[start - 1].isalnum():
        return None
    match = SHORTCODE.match(text, start)
    if match is None:
        return None
    token = match.group()
    symbol = table.get(token)
    if symbol is None and not _PLAIN.match(token, 1):
        return None
    return token, symbol


def reportable(token: str) -> bool:
    """Whether an unknown shortcode looks meant as one (``:rocket:``), not like ``:30:``."""
    return bool(_NAME.match(token))


class CodeSpans:
    """Where each code span of one text ends: a run of backticks closes at the next run as long.

    The runs are listed once, on first use, so that a text full of unmatched
    backticks costs one pass rather than one search per backtick.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.runs: dict[int, list[int]] | None = None

    def close(self, start: int, end: int) -> int:
        """The start of the run closing the span opened by ``text[start:end]``, or -1."""
        if self.runs is None:
            self.runs = {}
            for run in re.finditer("`+", self.text):
                self.runs.setdefault(run.end() - run.start(), []).append(run.start())
        starts = self.runs.get(end - start, [])
        index = bisect_right(starts, start)
        return starts[index] if index < len(starts) else -1


class Emphasis:
    """Pairs runs of ``*`` and ``_`` into bold and italic ranges and removes their marks.

    Runs are fed in text order as they are found. Like Argdown's lexer, a
    closing run first closes the innermost open range of its character (a
    ``**`` range needs two marks, a ``*`` range one) and what is left of it may
    open new ranges, bold before italic. Ranges of the other character opened
    inside a closed range and never closed stay as written. Each character
    keeps its own stack, so a text of a million marks costs a million steps.
    """

    def __init__(self) -> None:
        self.runs: list[list[int]] = []  # part index, length, marks used
        self.chars: list[str] = []
        self.stacks: dict[str, list[tuple[int, int, int, int]]] = {"*": [], "_": []}
        self.order = 0
        self.pairs = 0
        self.first = -1  # offset of the earliest mark used

    def add(self, part: int, char: str, length: int, offset: int, before: str, after: str) -> None:
        """The run at ``offset`` (stored as ``parts[part]``), with the characters around it."""
        run = len(self.runs)
        self.runs.append([part, length, 0])
        self.chars.append(char)
        left = length
        if before and not before.isspace() and not after.isalnum():
            left = self._close(run, char, left, offset)
        if left and after and not after.isspace() and (char == "*" or not before.isalnum()):
            stack = self.stacks[char]
            at = offset + length - left
            while left:
                size = 2 if left >= 2 else 1
                stack.append((self.order, run, size, at))
                self.order += 1
                left -= size
                at += size

    def _close(self, run: int, char: str, left: int, offset: int) -> int:
        own, other = self.stacks[char], self.stacks["_" if char == "*" else "*"]
        while left and own:
            order, opener, size, at = own[-1]
            if size > left:
                break
            own.pop()
            while other and other[-1][0] > order:
                other.pop()  # opened inside this range and never closed: stays as written
            self.runs[opener][2] += size
            self.runs[run][2] += size
            left -= size
            self.pairs += 1
            self.first = at if self.first < 0 else min(self.first, at)
        return left

    def apply(self, parts: list[str]) -> None:
        """Remove the marks used from ``parts``; unpaired marks stay."""
        for (part, length, used), char in zip(self.runs, self.chars, strict=True):
            if used:
                parts[part] = char * (length - used)
