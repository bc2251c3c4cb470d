"""Kialo discussion exports: the numbered plain-text outline Kialo offers for download.

``Discussion Title: …`` (newer: ``Discussion Name:`` with the title on the next line)
heads a tree: ``1.`` is the thesis, ``1.2.3. Pro: …`` / ``Con: …`` argues for or against
claim ``1.2``. A text may continue on the following lines or, in the newer variant,
start on the line after a stance standing alone. ``-> See 1.4.`` instead of a text
reuses claim 1.4: one statement with two relations, not a copy. ``[1]`` markers refer
to a closing ``Sources:`` list.

Reading maps Pro to support, Con to attack, numbers to statement ids (``1.2.3``, or
``n<claim order>`` when too long for an id) and the list to sources (``source-<n>``).
A marker ending a text is taken off and recorded as ``attribution.source``, because
writing puts it back there; other markers stay where they are, the first one becoming
the source. A marker after a backslash (``\\[1]``) is text: the backslash is taken off.
What cannot be placed is a warning with its line, and is kept: stray lines
in the description, a claim with a missing parent or no Pro/Con as an unconnected
statement, a broken link as text. Only text that cannot be Kialo at all (no title line,
control characters) is a :class:`MapFileError`. One pass over the lines and iterative
link resolution keep any depth, size or chain of links linear, without recursion.

Writing produces the ``Discussion Title:`` variant. Kialo holds less than a map; this
list is the contract (``tests/test_kialo.py``), and :mod:`argmap.formats.losses` tells,
for a given map, which of it applies (``argmap convert`` prints it as warnings):

* co-premises (a linked reason) become separate claims, one relation each;
* a relation aimed at an inference (an undercut) answers the inference's first premise;
* a statement answering several claims is written once, then linked (``-> See N.``);
  further main claims and circles no main claim reaches become theses ``2.``, ``3.`` …;
  statements and relations read back in the tree's order, so a statement whose first
  relation is not the one the tree reaches first changes its role;
* a claim number repeats the whole path to its claim (``1.1.1.1.``), so a chain n
  claims deep would take n² characters (a 20,000-deep chain, 400 MB). A claim at
  ``MAX_LEVELS`` (40) levels that has answers is written as a link to a further thesis,
  which holds its text and continues its subtree with short numbers. Kialo's own export
  links a claim that appears twice the same way; reading gives back the same statements
  and relations, and writing stays linear in the depth;
* titles, notes, tags, acceptance, groups, layout, description, authors, speakers,
  quotes, dates and relation attributions are lost; a source is written on one line
  and read back as title and web address;
* white space around a text or in the title, and carriage returns, are not kept; a text
  line that would read as structure (``2. …``, ``-> See``, ``Sources:``) is written
  with one extra leading space, which reading takes off; a ``[n]`` in a text that would
  read as citing a source it does not cite is written escaped (``\\[n]``), and a
  source address with no other title is written once.

Writing is deterministic: it follows the order of statements, relations and sources.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pydantic import ValidationError

from argmap.errors import MapFileError, Problem
from argmap.formats.base import ReadResult, warning
from argmap.formats.kialo_write import LINK, NUMBER, STRUCTURE, read_citation, write_kialo
from argmap.model import (
    ArgumentMap,
    Attribution,
    Relation,
    RelationKind,
    Source,
    Statement,
)

__all__ = ["KIALO", "KialoFormat"]

MAX_WARNINGS = 1000  # a hostile file could otherwise produce millions
_CLAIM = re.compile(rf"({NUMBER})\.(?=[ \t]|$)")
_STANCE = re.compile(r"(pro|con):(?=[ \t]|$)", re.IGNORECASE)
_SOURCES = re.compile(r"Sources:[ \t]*$", re.IGNORECASE)
_HEADER = re.compile(r"Discussion (?:Title|Name):[ \t]*(.*)$", re.IGNORECASE)
_ENTRY = re.compile(r"\[([0-9]+)\][:.]?(?:[ \t]+(.*))?$")
_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\((https?://[^)\s]+)\)")
_URL = re.compile(r"https?://[^\s<>\"]+")
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


@dataclass
class _Claim:
    """One numbered line and the lines that continue it (a claim, or a ``[n]`` source entry)."""

    number: str
    line: int
    order: int
    stance: str | None
    lines: list[str] = field(default_factory=list)
    link: str | None = None  # the number after ``-> See``
    link_text: str = ""
    blanks: int = 0  # blank lines seen since the last text line
    statement_id: str | None = None


class _Reader:
    """The state of reading one file; ``read`` is the only entry point."""

    def __init__(self, source: str | None) -> None:
        self.source = source
        self.warnings: list[Problem] = []
        self.dropped_warnings = 0
        self.title = ""
        self.stray: list[str] = []  # lines kept in the description
        self.claims: list[_Claim] = []
        self.entries: list[_Claim] = []

    def warn(self, message: str, line: int | None) -> None:
        if len(self.warnings) < MAX_WARNINGS:
            self.warnings.append(warning(message, line=line))
        else:
            self.dropped_warnings += 1

    def fail(self, message: str, line: int | None = None, col: int | None = None) -> MapFileError:
        return MapFileError(self.source, [Problem("", message, line=line, column=col)])

    # -- lines ------------------------------------------------------------

    def read(self, text: str) -> ReadResult:
        text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        bad = _FORBIDDEN.search(text)
        if bad:
            line = text.count("\n", 0, bad.start()) + 1
            column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
            code = ord(bad.group())
            message = f"character U+{code:04X} cannot be in a Kialo export (is this a binary file?)"
            raise self.fail(message, line, column)
        lines = text.split("\n")
        start = self.read_header(lines)
        self.read_body(lines, start)
        return self.build()

    def read_header(self, lines: list[str]) -> int:
        """The title; returns the index of the first line after it."""
        index = _skip_blank(lines, 0)
        if index == len(lines):
            raise self.fail("the file is empty; a Kialo export starts with 'Discussion Title:'")
        header = _HEADER.match(lines[index].strip())
        if header is None:
            if _CLAIM.match(lines[index]):
                self.warn("no 'Discussion Title:' line; the map has no title", index + 1)
                return index
            raise self.fail(
                "this is not a Kialo export: the first line should start with"
                " 'Discussion Title:' or 'Discussion Name:'",
                index + 1,
            )
        self.title = header.group(1).strip()
        index += 1
        if not self.title:  # the newer variant: the title is on the next line
            following = _skip_blank(lines, index)
            if following < len(lines) and not STRUCTURE.match(lines[following]):
                self.title = lines[following].strip()
                index = following + 1
        return index

    def read_body(self, lines: list[str], start: int) -> None:
        claim: _Claim | None = None
        entry: _Claim | None = None
        in_sources = False
        for index in range(start, len(lines)):
            line, number = lines[index], index + 1
            match = _CLAIM.match(line)
            if in_sources and match and _STANCE.match(line[match.end() :].lstrip()):
                self.warn("a claim after the Sources list; read as a claim", number)
                in_sources = False
            if in_sources:
                entry = self.source_line(line, number, entry)
                continue
            if match:
                claim = self.start_claim(match, line, number)
            elif _SOURCES.match(line):
                in_sources = True
            elif claim is None:
                if line.strip():
                    self.stray.append(line.strip())
                    self.warn("text before the first claim; kept in the map's description", number)
            else:
                self.continue_claim(claim, line, number)

    def start_claim(self, match: re.Match[str], line: str, number: int) -> _Claim:
        rest = line[match.end() :].strip()
        stance_match = _STANCE.match(rest) if "." in match.group(1) else None  # a thesis has none
        stance = None
        if stance_match:
            stance = stance_match.group(1).lower()
            rest = rest[stance_match.end() :].strip()
        claim = _Claim(match.group(1), number, len(self.claims) + 1, stance)
        link = LINK.match(rest)
        if link:
            claim.link, claim.link_text = link.group(1), rest
        elif rest:
            claim.lines.append(rest)
        self.claims.append(claim)
        return claim

    def continue_claim(self, claim: _Claim, line: str, number: int) -> None:
        if not line.strip():
            if claim.lines:
                claim.blanks += 1
            return
        link = LINK.match(line)
        if link and not claim.lines and claim.link is None:
            claim.link, claim.link_text = link.group(1), line.strip()
            return
        where = _short(claim.number)
        if claim.link is not None:
            self.warn(f"claim {where} has text after its link; the link is kept as text", number)
            claim.lines, claim.link = [claim.link_text], None
        elif link:
            self.warn(f"a link after the text of claim {where} is kept as text", number)
        if line.startswith(" ") and STRUCTURE.match(line):
            line = line[1:]  # the writer's escape for text that looks like structure
        claim.lines.extend([""] * claim.blanks)
        claim.blanks = 0
        claim.lines.append(line)

    def source_line(self, line: str, number: int, entry: _Claim | None) -> _Claim | None:
        if not line.strip():
            return entry
        match = _ENTRY.match(line.strip())
        if match:
            entry = _Claim(match.group(1), number, len(self.entries) + 1, None)
            self.entries.append(entry)
            line = match.group(2) or ""
        if entry is not None:
            entry.lines.append(line.strip())
        else:
            self.stray.append(line.strip())
            self.warn("not a '[n] …' source entry; kept in the map's description", number)
        return entry

    # -- the map ----------------------------------------------------------

    def build(self) -> ReadResult:
        by_number: dict[str, _Claim] = {}
        for claim in self.claims:
            if claim.number in by_number:
                first = by_number[claim.number]
                where = _short(claim.number)
                self.warn(
                    f"claim number {where} is used again (first at line {first.line});"
                    " links and answers go to the first",
                    claim.line,
                )
            else:
                by_number[claim.number] = claim
        self.resolve_links(by_number)
        sources, source_numbers = self.build_sources()
        statements = [self.statement(c, source_numbers) for c in self.claims if c.link is None]
        relations = self.build_relations(by_number)
        if not self.claims:
            self.warn("the discussion has no claims", None)
        self.warnings.sort(key=lambda w: w.line or 0)  # in file order; stable within a line
        if self.dropped_warnings:
            self.warnings.append(warning(f"… and {self.dropped_warnings} more warnings"))
        try:
            argument_map = ArgumentMap(
                title=self.title,
                description="\n".join(self.stray) or None,
                statements=statements,
                relations=relations,
                sources=sources,
            )
        except ValidationError as error:  # a safety net: the reader builds valid maps
            raise self.fail(f"cannot make a map of this discussion: {error}") from None
        return ReadResult(argument_map, self.warnings)

    def resolve_links(self, by_number: dict[str, _Claim]) -> None:
        """Follow ``-> See`` chains iteratively; a broken or circular link becomes text."""
        resolved: dict[int, _Claim] = {}
        for claim in self.claims:
            path: list[_Claim] = []
            on_path: set[int] = set()
            current = claim
            while current.link is not None and current.order not in resolved:
                target = by_number.get(current.link)
                where = _short(current.number)
                if current.order in on_path:
                    problem = f"links from {where} go round in a circle"
                elif target is None:
                    problem = f"{where} links to {_short(current.link)}, which does not exist"
                else:
                    path.append(current)
                    on_path.add(current.order)
                    current = target
                    continue
                self.warn(f"{problem}; kept as text", current.line)
                current.lines, current.link = [current.link_text], None
                break
            end = resolved.get(current.order, current)
            for item in path:
                resolved[item.order] = end
        for claim in self.claims:  # ids are numbers, unless too long for an id or repeated
            if claim.link is None:
                own = len(claim.number) <= 64 and by_number.get(claim.number) is claim
                claim.statement_id = claim.number if own else f"n{claim.order}"
        for claim in self.claims:
            if claim.link is not None:
                claim.statement_id = resolved[claim.order].statement_id

    def build_relations(self, by_number: dict[str, _Claim]) -> list[Relation]:
        relations: list[Relation] = []
        for claim in self.claims:
            where = _short(claim.number)
            parent_number, dot, last = claim.number.rpartition(".")
            if len(last) <= 18 and int(last) != 1:  # longer numbers are not worth a gap check
                previous = f"{parent_number}{dot}{int(last) - 1}"
                if int(last) == 0:
                    self.warn(f"claim {where}: numbers start at 1", claim.line)
                elif previous not in by_number:
                    gap = f"there is no claim {_short(previous)} before {where}"
                    self.warn(f"numbering gap: {gap}", claim.line)
            if not dot:
                if claim.link is not None:
                    self.warn(f"thesis {where} is only a link; it adds nothing", claim.line)
                continue
            parent = by_number.get(parent_number)
            if parent is None:
                missing = _short(parent_number)
                self.warn(f"no claim {missing} for {where} to answer; kept unconnected", claim.line)
                continue
            if claim.stance is None:
                self.warn(f"claim {where} has no 'Pro:' or 'Con:'; kept unconnected", claim.line)
                continue
            premise, target = claim.statement_id, parent.statement_id
            if premise is None or target is None:
                continue
            if premise == target:
                self.warn(f"claim {where} links to the claim it answers; ignored", claim.line)
                continue
            kind = RelationKind.SUPPORT if claim.stance == "pro" else RelationKind.ATTACK
            number = f"r{len(relations) + 1}"
            relations.append(Relation(id=number, kind=kind, premises=[premise], target=target))
        return relations

    def build_sources(self) -> tuple[list[Source], dict[str, str]]:
        """Map sources, and footnote number -> source id."""
        sources: list[Source] = []
        numbers: dict[str, str] = {}
        for entry in self.entries:
            key = entry.number.lstrip("0") or "0"
            if key in numbers:
                self.warn(f"[{_short(key)}] is listed twice; markers go to the first", entry.line)
                source_id = f"source-{len(sources) + 1}-again"
            else:
                source_id = f"source-{key}" if len(key) <= 20 else f"source-{len(sources) + 1}-long"
                numbers[key] = source_id
            sources.append(_source(source_id, key, " ".join(entry.lines).strip()))
        return sources, numbers

    def statement(self, claim: _Claim, source_numbers: dict[str, str]) -> Statement:
        text = "\n".join(claim.lines).strip()
        assert claim.statement_id is not None
        if not text:
            self.warn(f"claim {_short(claim.number)} has no text", claim.line)
        cited: str | None = None
        if self.entries:
            reading = read_citation(text, source_numbers)
            text = reading.text
            cited = source_numbers[reading.cited] if reading.cited else None
            unknown = dict.fromkeys(n for n in reading.markers if n not in source_numbers)
            known = {source_numbers[n] for n in reading.markers if n in source_numbers}
            where = _short(claim.number)
            if unknown:
                listed = ", ".join(f"[{_short(n)}]" for n in list(unknown)[:5])
                self.warn(f"claim {where} cites {listed}, which the Sources list lacks", claim.line)
            if len({cited, *known}) > 1:
                self.warn(
                    f"claim {where} cites several sources; argmap records one per statement,"
                    " the other markers stay in the text",
                    claim.line,
                )
        # The whole file was checked for the characters Text forbids (_FORBIDDEN) in one regular
        # expression pass, and the id is a claim number or n<digits>: checking each text again,
        # a character at a time, would dominate the time of reading long texts. The fields a
        # Kialo claim cannot give keep the model's defaults and, as validation would leave
        # them, are not marked as set.
        if cited:
            return Statement.model_construct(
                id=claim.statement_id, text=text, attribution=Attribution(source=cited)
            )
        return Statement.model_construct(id=claim.statement_id, text=text)


class KialoFormat:
    """Kialo's plain-text discussion export (see the module docstring for what is lossy)."""

    name = "kialo"
    title = "Kialo discussion export"
    extensions = (".txt",)

    def read(self, text: str, source: str | None = None) -> ReadResult:
        return _Reader(source).read(text)

    def write(self, argument_map: ArgumentMap) -> str:
        return write_kialo(argument_map)

    def sniff(self, text: str) -> bool:
        head = text[:4096].removeprefix("\ufeff").lstrip()
        return head.startswith(("Discussion Title:", "Discussion Name:"))


def _source(source_id: str, number: str, text: str) -> Source:
    """A source from an entry's text: its web address, and the rest as the title."""
    url: str | None = None
    title = text
    markdown = _MARKDOWN_LINK.search(text)
    if markdown:
        url = markdown.group(2)
        title = (text[: markdown.start()] + markdown.group(1) + text[markdown.end() :]).strip()
    else:
        address = _URL.search(text)
        if address:
            url = address.group().rstrip(".,;:)")
            title = (text[: address.start()] + text[address.start() + len(url) :]).strip()
    title = title.strip(" ;,") or url or f"Source {number}"
    return Source(id=source_id, title=title, url=url)


def _skip_blank(lines: list[str], index: int) -> int:
    while index < len(lines) and not lines[index].strip():
        index += 1
    return index


def _short(number: str) -> str:
    """A claim number fit for a message, however deep the numbering."""
    if len(number) <= 40:
        return number
    return f"{number[:20]}…{number[-12:]} ({number.count('.') + 1} levels)"


KIALO = KialoFormat()
