"""Writing Kialo's plain-text export (the ``Discussion Title:`` variant).

What a map holds that Kialo cannot is listed in :mod:`argmap.formats.kialo`. The
patterns for claim numbers, links and the sources heading live here, because a
written text line must never read as one of them; the reader uses the same ones.
So does :func:`read_citation`, which reads a claim's ``[n]`` footnote markers: the
writer checks with it that a text reads back as it is, citing what it cited, and
otherwise escapes the markers (``\\[n]``, as in Markdown) and puts the citation at the end.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Container
from dataclasses import dataclass

from argmap.model import ArgumentMap, RelationKind, Source, Statement

__all__ = [
    "LINK",
    "MAX_LEVELS",
    "NUMBER",
    "STRUCTURE",
    "Citation",
    "read_citation",
    "source_numbers",
    "write_kialo",
]

NUMBER = r"[0-9]+(?:\.[0-9]+)*"  # ASCII digits only: a claim number becomes an id
LINK = re.compile(rf"->[ \t]*See[ \t]+({NUMBER})\.?[ \t]*$", re.IGNORECASE)
STRUCTURE = re.compile(
    rf" *(?:{NUMBER}\.(?:[ \t]|$)|->[ \t]*See[ \t]|Sources:[ \t]*$)", re.IGNORECASE
)

# A footnote marker and the backslashes before it: an odd number escapes it (the text
# holds half of them, rounded down, and a literal ``[n]``), an even number is halved.
MARKER = re.compile(r"(\\*)\[([0-9]+)\]")


MAX_LEVELS = 40  # parts of a claim number; a deeper claim continues as a thesis of its own


def write_kialo(argument_map: ArgumentMap) -> str:
    """The map as Kialo's first variant; an iterative depth-first walk numbers the tree."""
    children, premises = _answers(argument_map)
    numbers = source_numbers(argument_map.sources)
    listed = {str(number) for number in numbers.values()}
    texts = {s.id: _cited_text(s, numbers, listed) for s in argument_map.statements}
    out = [f"Discussion Title: {_one_line(argument_map.title)}".rstrip(), ""]
    tree = _Numbering(children, texts, out)
    roots = [s.id for s in argument_map.statements if s.id not in premises]
    roots += [s.id for s in argument_map.statements if s.id in premises]
    for root in roots:
        if root not in tree.written:
            tree.thesis(root)
    if argument_map.sources:
        out += ["", "Sources:"]
        for source in argument_map.sources:
            out.append(f"[{numbers[source.id]}] {_source_line(source)}".rstrip())
    return "\n".join(out) + "\n"


class _Numbering:
    """Numbers the claims of one file: every statement once, then ``-> See N.`` links to it.

    A claim number repeats the whole path to the claim (``1.1.1.1.``), so the numbers
    of a chain n claims deep add up to n² characters. A claim at ``MAX_LEVELS`` parts
    that has answers of its own is therefore written as a link to a new thesis, which
    holds its text and continues its subtree with short numbers: the output stays linear
    in the depth, and reading it gives back the same statements and relations.
    """

    def __init__(
        self, children: dict[str, list[tuple[str, str]]], texts: dict[str, str], out: list[str]
    ) -> None:
        self.children = children
        self.texts = texts
        self.out = out
        self.written: dict[str, str] = {}  # statement id -> the number its text is written at
        self.top = 0
        self.continued: deque[str] = deque()  # statements waiting to be theses, in number order

    def thesis(self, statement_id: str) -> None:
        """Write a thesis and its tree, then the theses its deep claims continue as."""
        self.written[statement_id] = self._next_thesis()
        self.continued.append(statement_id)
        while self.continued:
            self._tree(self.continued.popleft())

    def _next_thesis(self) -> str:
        self.top += 1
        return str(self.top)

    def _tree(self, root: str) -> None:
        number = self.written[root]
        self.out.extend(_claim_lines(f"{number}. ", self.texts[root]))
        stack = self._answers(number, root, 1)
        while stack:
            number, stance, statement_id, level = stack.pop()
            prefix = f"{number}. {stance}: "
            if statement_id in self.written:
                self.out.append(f"{prefix}-> See {self.written[statement_id]}.")
            elif level >= MAX_LEVELS and self.children.get(statement_id):
                self.written[statement_id] = self._next_thesis()
                self.continued.append(statement_id)
                self.out.append(f"{prefix}-> See {self.written[statement_id]}.")
            else:
                self.written[statement_id] = number
                self.out.extend(_claim_lines(prefix, self.texts[statement_id]))
                stack += self._answers(number, statement_id, level)

    def _answers(
        self, number: str, statement_id: str, level: int
    ) -> list[tuple[str, str, str, int]]:
        """The claims answering one, last first (for the stack), numbered one level deeper."""
        answers = self.children.get(statement_id, [])
        return [
            (f"{number}.{index + 1}", answers[index][0], answers[index][1], level + 1)
            for index in range(len(answers) - 1, -1, -1)
        ]


def _answers(argument_map: ArgumentMap) -> tuple[dict[str, list[tuple[str, str]]], set[str]]:
    """Each statement's answers (stance, premise) in map order, and every premise's id.

    Kialo's claims form a tree, so an undercut answers its inference's first premise.
    """
    relations = {r.id: r for r in argument_map.relations}
    children: dict[str, list[tuple[str, str]]] = {}
    premises: set[str] = set()
    for relation in argument_map.relations:
        anchor = relation.target
        if anchor in relations:
            anchor = relations[anchor].premises[0]
        stance = "Pro" if relation.kind == RelationKind.SUPPORT else "Con"
        for premise in relation.premises:
            premises.add(premise)
            if premise != anchor:
                children.setdefault(anchor, []).append((stance, premise))
    return children, premises


def _claim_lines(prefix: str, text: str) -> list[str]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").strip().split("\n")
    first = lines[0]
    if LINK.match(first):  # a text that reads like a link goes to the next line, escaped
        lines.insert(0, "")
        first = ""
    result = [f"{prefix}{first}".rstrip()]
    for line in lines[1:]:
        if not line.strip():
            line = ""  # reading keeps blank lines inside a text, but not their spaces
        elif STRUCTURE.match(line):
            line = f" {line}"
        result.append(line)
    return result


@dataclass(frozen=True)
class Citation:
    """What a claim's text says once its footnote markers are read."""

    text: str  # the text without the marker it cites by, escapes undone
    cited: str | None  # the number of the source it cites
    markers: list[str]  # the numbers of the markers left in the text, in order


def read_citation(text: str, listed: Container[str]) -> Citation:
    """Read the markers of a text when the file has a Sources list (``listed``: its numbers).

    A marker of a listed source that ends the text is taken off and cited; else the first
    marker of a listed source is cited and stays. An escaped marker is only text.
    """
    found = [m for m in MARKER.finditer(text) if len(m.group(1)) % 2 == 0]
    cited: str | None = None
    last = found[-1] if found else None
    if last and last.end() == len(text) and not last.group(1) and _key(last[2]) in listed:
        cited = _key(last[2])
        text = text[: last.start()].rstrip(" \t")
        found.pop()
    markers = [_key(m[2]) for m in found]
    if cited is None:
        cited = next((number for number in markers if number in listed), None)
    return Citation(MARKER.sub(_unescape, text), cited, markers)


def _unescape(marker: re.Match[str]) -> str:
    return "\\" * (len(marker[1]) // 2) + f"[{marker[2]}]"


def _key(number: str) -> str:
    return number.lstrip("0") or "0"


def _cited_text(statement: Statement, numbers: dict[str, int], listed: set[str]) -> str:
    """The text to write: reading it gives back the statement's text and source, no other.

    A text that already reads so is written as it is (a marker read from Kialo stays where
    it was); otherwise a source's marker goes at the end, and a marker in a text that cites
    nothing is escaped.
    """
    text = statement.text.strip()
    if not listed:
        return text
    source = statement.attribution.source if statement.attribution else None
    number = str(numbers[source]) if source in numbers else None
    reading = read_citation(text, listed)
    if reading.text == text and reading.cited == number:
        return text

    def escape(marker: re.Match[str]) -> str:
        literal = number is None and _key(marker[2]) in listed
        return "\\" * (2 * len(marker[1]) + literal) + f"[{marker[2]}]"

    escaped = MARKER.sub(escape, text)
    return f"{escaped} [{number}]".strip() if number else escaped


def source_numbers(sources: list[Source]) -> dict[str, int]:
    """Footnote numbers: ``source-<n>`` keeps n, so markers read from Kialo still fit."""
    numbers: dict[str, int] = {}
    used: set[int] = set()
    for source in sources:
        match = re.fullmatch(r"source-([0-9]{1,9})", source.id)
        if match and int(match.group(1)) not in used and int(match.group(1)) > 0:
            numbers[source.id] = int(match.group(1))
            used.add(numbers[source.id])
    following = 1
    for source in sources:
        if source.id not in numbers:
            while following in used:
                following += 1
            numbers[source.id] = following
            used.add(following)
    return numbers


def _source_line(source: Source) -> str:
    """Title, author, publisher, date and address; an address read as the title, once."""
    parts = (source.title, source.author, source.publisher, source.date)
    line = "; ".join(_one_line(p) for p in parts if p and p.strip())
    if not source.url or line == _one_line(source.url):
        return line
    return f"{line} {_one_line(source.url)}".strip()


def _one_line(text: str) -> str:
    return " ".join(text.split())
