"""A Markdown outline of a map, for reports: write only.

The outline reads like the debate: each main claim is a list item, the
reasons and objections that answer it are nested under it, their rebuttals
under them, and so on. Every item starts with its role in bold
(``**Reason:**``, ``**Objection:**``, ``**Rebuttal:**``), because a nested
list alone does not say whether an item speaks for or against its parent.
Co-premises that only work together are one item with the premises nested
inside it; an attack on an inference (an undercut) is nested under the
relation it attacks as an "objection to the inference". Speakers, dates and
quotes (in italics) follow a text on a line of their own, cited sources are
``[n]`` references to a closing numbered list, and the title is the heading.
Quotes are not block quotes because a block quote swallows the lines that
follow it into the quote, unless a blank line makes the whole list loose.

User text is escaped so that it prints as written: ``*``, ``_``, ``[`` and
the like are backslash-escaped, and so is anything at the start of a line
that Markdown would read as a heading, list or quote. Notes, tags,
acceptance, statement titles, groups and layout are not part of the outline.

The walk is an explicit stack, never recursion, so any depth works; a
statement reached a second time (it answers several claims, or the map has
a circle) is shown with its text marked "see above" and not expanded again.
Statements no main claim reaches (circles) are listed afterwards as claims.

A nested list is its indentation: an item n levels deep is indented by 2n
spaces, so a chain n statements deep would take n² characters (a
50,000-deep chain, 626 MB). Past ``MAX_NESTING`` levels the outline
continues below instead: the deepest item is marked "continued below", and
after the tree it belongs to, it is shown again at the top level with the
items that answer it nested under it. Output stays linear in the depth, and
ten levels is also as deep as some renderers nest lists (markdown-it's
CommonMark preset stops at ten), and deeper than a reader can follow.
Output depends only on the map's order of statements, relations and
sources, so it is deterministic.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, replace

from argmap.model import ArgumentMap, Attribution, Relation, RelationKind, Source
from argmap.roles import Role

__all__ = ["MARKDOWN", "MAX_NESTING", "MarkdownFormat", "escape"]

MAX_NESTING = 10  # list levels; deeper answers continue below, at the top level again

_INLINE = re.compile(r"([\\`*_\[\]<>~|])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_ORDERED = re.compile(r"(\d{1,9})([.)])")
_URL = re.compile(r"(?:https?://|mailto:)[^\s<>]+")  # only these become links in a report


def escape(text: str) -> str:
    """One line of user text, escaped so that Markdown shows it literally."""
    text = _ENTITY.sub(r"\\&", _INLINE.sub(r"\\\1", text.strip()))
    if text[:1] in ("#", "-", "+", "="):
        return "\\" + text
    ordered = _ORDERED.match(text)
    if ordered:
        return f"{ordered.group(1)}\\{ordered.group(2)}{text[ordered.end() :]}"
    return text


def _one_line(text: str) -> str:
    return escape(" ".join(text.split()))


def _heading(text: str) -> str:
    """A title for ``# …``: every ``#`` escaped, since trailing ones would close the heading."""
    return _ENTITY.sub(r"\\&", _INLINE.sub(r"\\\1", " ".join(text.split()))).replace("#", "\\#")


@dataclass(frozen=True)
class _StatementItem:
    """A statement shown as an item of its own (a main claim or one of several co-premises)."""

    statement_id: str
    depth: int
    label: str
    role: Role
    continued: bool = False  # shown again at the top, to go on past MAX_NESTING


@dataclass(frozen=True)
class _RelationItem:
    """A reason, objection or undercut answering the item above it."""

    relation: Relation
    depth: int
    target_role: Role
    continued: bool = False


class _Outline:
    """The state of one walk over the map."""

    def __init__(self, argument_map: ArgumentMap) -> None:
        self.map = argument_map
        self.statements = {s.id: s for s in argument_map.statements}
        self.answers: dict[str, list[Relation]] = {}  # target id -> relations, in map order
        for relation in argument_map.relations:
            self.answers.setdefault(relation.target, []).append(relation)
        self.source_numbers = {s.id: index + 1 for index, s in enumerate(argument_map.sources)}
        self.shown: set[str] = set()
        self.emitted: set[str] = set()
        self.lines: list[str] = []
        self.deferred: deque[_StatementItem | _RelationItem] = deque()  # to continue below

    def write(self) -> str:
        title = self.map.title.strip() or "Untitled map"
        self.lines += [f"# {_heading(title)}", ""]
        if self.map.description and self.map.description.strip():
            self.lines += [*self.text_lines(self.map.description, ""), ""]
        premises = {p for r in self.map.relations for p in r.premises}
        for statement in self.map.statements:
            if statement.id not in premises:
                self.walk(_StatementItem(statement.id, 0, "Main claim", Role.MAIN_CLAIM))
        for statement in self.map.statements:  # circles that no main claim reaches
            if statement.id not in self.shown:
                self.walk(_StatementItem(statement.id, 0, "Claim", Role.REASON))
        for relation in self.map.relations:  # undercuts of undercuts in a circle
            if relation.id not in self.emitted:
                self.walk(_RelationItem(relation, 0, Role.REASON))
        if self.lines[-1]:
            self.lines.append("")
        if self.map.sources:
            self.lines += ["## Sources", ""]
            self.lines += [f"{index + 1}. {_source(s)}" for index, s in enumerate(self.map.sources)]
            self.lines.append("")
        return "\n".join(self.lines)

    def walk(self, first: _StatementItem | _RelationItem) -> None:
        """One tree, then the items it continues below (and those they continue), in order."""
        stack: list[_StatementItem | _RelationItem] = [first]
        while stack:
            item = stack.pop()
            if isinstance(item, _StatementItem):
                answers = self.statement_item(item)
            elif item.continued or item.relation.id not in self.emitted:
                answers = self.relation_item(item)  # undercuts can attack each other
            else:
                answers = []
            if answers and item.depth + 1 >= MAX_NESTING:
                self.lines[-1] += " *(continued below)*"
                self.deferred.append(replace(item, depth=0, continued=True))
            else:
                stack += reversed(answers)
            if not stack and self.deferred:
                stack.append(self.deferred.popleft())

    def statement_item(self, item: _StatementItem) -> list[_StatementItem | _RelationItem]:
        indent = "  " * item.depth
        return self.statement_lines(
            item.statement_id, indent, item.label, item.role, item.depth, item.continued
        )

    def relation_item(self, item: _RelationItem) -> list[_StatementItem | _RelationItem]:
        relation = item.relation
        self.emitted.add(relation.id)
        role = _answer_role(relation.kind, item.target_role)
        label = role.value.capitalize()
        if relation.target not in self.statements:  # an undercut, or support of an inference
            label += " for" if relation.kind == RelationKind.SUPPORT else " to"
            label += " the inference"
        indent = "  " * item.depth
        undercuts: list[_StatementItem | _RelationItem] = [
            _RelationItem(u, item.depth + 1, role) for u in self.answers.get(relation.id, [])
        ]
        attribution = None if item.continued else relation.attribution
        if len(relation.premises) == 1:
            children = self.statement_lines(
                relation.premises[0], indent, label, role, item.depth, item.continued
            )
            self.attribution_lines(attribution, indent + "  ", "Inference: ")
            return children + undercuts
        label += " (continued)" if item.continued else ""
        self.lines.append(f"{indent}- **{label}**, these premises together:")
        self.attribution_lines(attribution, indent + "  ", "Inference: ")
        premises: list[_StatementItem | _RelationItem] = [
            _StatementItem(p, item.depth + 1, "Premise", role) for p in relation.premises
        ]
        return premises + undercuts

    def statement_lines(
        self,
        statement_id: str,
        indent: str,
        label: str,
        role: Role,
        depth: int,
        continued: bool = False,
    ) -> list[_StatementItem | _RelationItem]:
        """The item's lines; returns the items that answer it (none if it was shown before).

        A ``continued`` item was shown before, at the place it continues from: it is shown
        again to carry its answers, without its attribution.
        """
        statement = self.statements[statement_id]
        lines = self.text_lines(statement.text, indent + "  ") or [indent + "  *(no text)*"]
        if continued:
            self.lines += [f"{indent}- **{label} (continued):** {lines[0].lstrip()}", *lines[1:]]
            return [_RelationItem(r, depth + 1, role) for r in self.answers.get(statement_id, [])]
        lines[0] = f"{indent}- **{label}:** {lines[0].lstrip()}"
        if statement_id in self.shown:
            lines[-1] += " *(see above)*"
            self.lines += lines
            return []
        self.shown.add(statement_id)
        self.lines += lines
        self.attribution_lines(statement.attribution, indent + "  ", "— ")
        return [_RelationItem(r, depth + 1, role) for r in self.answers.get(statement_id, [])]

    def text_lines(self, text: str, indent: str) -> list[str]:
        """Escaped lines of a text; blank lines separate paragraphs, other lines are indented."""
        lines = [line.strip() for line in text.strip().splitlines()]
        return [f"{indent}{escape(line)}" if line else "" for line in lines]

    def attribution_lines(self, attribution: Attribution | None, indent: str, lead: str) -> None:
        """Speaker, date, source reference and quote on a line of their own, after a hard break."""
        if attribution is None:
            return
        parts = []
        if attribution.speaker and attribution.speaker.strip():
            parts.append(f"*{_one_line(attribution.speaker)}*")
        if attribution.date and attribution.date.strip():
            parts.append(_one_line(attribution.date))
        who = ", ".join(parts)
        if attribution.source in self.source_numbers:
            who = f"{who} \\[{self.source_numbers[attribution.source]}\\]".strip()
        if attribution.quote and attribution.quote.strip():
            quote = f"“*{_one_line(attribution.quote)}*”"
            who = f"{who}: {quote}" if who else quote
        if who:
            self.lines[-1] += "\\"
            self.lines.append(f"{indent}{lead}{who}")


def _answer_role(kind: RelationKind, target_role: Role) -> Role:
    """An answer's role as :mod:`argmap.roles` defines it, but for this place in the outline."""
    if kind == RelationKind.SUPPORT:
        return Role.REASON
    return Role.REBUTTAL if target_role is Role.OBJECTION else Role.OBJECTION


def _source(source: Source) -> str:
    """A sources-list entry: title in italics, then author, publisher, date and address."""
    parts = [f"*{_one_line(source.title)}*" if source.title.strip() else "*(untitled)*"]
    parts += [
        _one_line(p) for p in (source.author, source.publisher, source.date) if p and p.strip()
    ]
    entry = ", ".join(parts)
    if source.url and source.url.strip():
        url = source.url.strip()
        entry += f". <{url}>" if _URL.fullmatch(url) else f". {_one_line(url)}"
    return entry


class MarkdownFormat:
    """Markdown outline; write only (a report, not an interchange format)."""

    name = "markdown"
    title = "Markdown outline"
    extensions = (".md", ".markdown")
    read = None

    def write(self, argument_map: ArgumentMap) -> str:
        return _Outline(argument_map).write()

    def sniff(self, text: str) -> bool:
        return False


MARKDOWN = MarkdownFormat()
