"""Writing an argument map as idiomatic Argdown that reads back to the same map.

The shape of the output:

* the map's title, authors, description, dates and sources as ``===`` frontmatter;
* statements outside any group first, then each group as a heading (nested
  groups as deeper headings), its statements defined under it;
* each main claim as ``[Title]: text`` with its reasons and objections indented
  under it (``+`` / ``-``), their reasons and objections under them, and so on;
* a relation with several co-premises, with an attribution, or with relations
  aimed at it, as an argument ``<relation-id>``: its premises and conclusion in
  a premise–conclusion structure, the relations aimed at it under it (``+``, or
  ``<_`` for an undercut). A linked *objection* (or a linked reason for another
  relation) has no conclusion of its own; its structure ends in a placeholder
  marked ``{implicit: true}`` that the reader turns back into the one relation;
* each statement is defined once (text, ``#(tags)``, ``{metadata}``) and
  referred to by ``[Title]`` elsewhere.

Metadata carries what Argdown has no syntax for: ``id`` when it is not the
title made into an id, ``title`` when the bracket title had to differ (two
statements with one title, a title with brackets or line breaks, or no title
at all: ``title: null``), ``text`` when the text has line breaks or runs of
spaces, ``note``, ``acceptance``, ``tags`` that ``#(…)`` cannot hold, and the
attribution. Everything Argdown would misread is escaped with a backslash:
title and metadata brackets, ``#``, comments, and the ``*``, ``_``, backticks
and shortcodes (``\\:heart:``) that the reader would take for formatting.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from argmap.formats.argdown_lexer import normalize_space
from argmap.formats.argdown_markup import DEFAULT_SHORTCODES, reportable
from argmap.formats.argdown_reader import slug
from argmap.formats.argdown_yaml import dump_flow
from argmap.model import Acceptance, ArgumentMap, Group, Relation, Statement

__all__ = ["escape_text", "write_argdown", "written_as_arguments"]

MAX_NESTING = 40  # deeper trees continue as new blocks: lines stay short, output stays linear

# What Argdown would read as syntax: titles, tags, metadata, formatting, comments, and a
# dot or colon that begins a shortcode (the name is captured, to escape known ones only).
_ESCAPE = re.compile(r"([\\\[\]<>{}#*_`])|/(?=[/*])|(\.)(?=([^\s.\\]+)\.)|(:)(?=([^\s:\\]+):)")
_LINE_START = re.compile(r"[+\-(=@>]")
_UNSAFE_TITLE = re.compile(r"[\[\]\\\n\r]|//|/\*|<!--|\A\s|\s\Z")


def _escape(match: re.Match[str]) -> str:
    if match.group(1):
        return "\\" + match.group(1)
    delimiter = match.group(2) or match.group(4)
    if delimiter:  # "\:heart:" and "\:rocket:" stay text, and are not reported
        token = f"{delimiter}{match.group(3) or match.group(5)}{delimiter}"
        shortcode = token in DEFAULT_SHORTCODES or reportable(token)
        return "\\" + delimiter if shortcode else delimiter
    return "\\/"


def escape_text(text: str, line_start: bool = False) -> str:
    """Text that Argdown reads back as exactly ``normalize_space(text)``.

    A shortcode is checked at every dot and colon, overlapping ones included
    (``U.A.E.`` holds ``.A.`` and ``.E.``), so none is left for the reader to
    turn into a symbol.
    """
    escaped = _ESCAPE.sub(_escape, normalize_space(text))
    if line_start and _LINE_START.match(escaped):
        escaped = "\\" + escaped
    return escaped


@dataclass(eq=False)
class Occ:
    """One place a statement or argument appears in the output."""

    kind: str  # "statement", "argument" or "implicit"
    ref: str  # statement id, or relation id for arguments and implicit conclusions
    define: bool = False
    children: list[tuple[str, Occ]] = field(default_factory=list)


@dataclass(eq=False)
class ArgBlock:
    relation: Relation
    children: list[tuple[str, Occ]]
    pcs: list[Occ]
    conclusion: Occ


class _Layout:
    """Decides where each statement is defined and where it is only referred to."""

    def __init__(self, argument_map: ArgumentMap) -> None:
        self.map = argument_map
        self.statements = {s.id: s for s in argument_map.statements}
        self.relations = {r.id: r for r in argument_map.relations}
        self.home = {sid: g.id for g in argument_map.groups for sid in g.statements}
        self.as_argument = written_as_arguments(argument_map)
        self.aimed_at: dict[str, list[Relation]] = {}
        for relation in argument_map.relations:
            self.aimed_at.setdefault(relation.target, []).append(relation)
        self.premise_of = {p for r in argument_map.relations for p in r.premises}
        self.defined: set[str] = set()
        self.queued: set[str] = set()
        self.queue: deque[str] = deque()
        self.count: dict[str, int] = {}
        self.section: str | None = None
        # A statement's role comes from the first relation it is a premise of, so no other
        # relation of it is written before that one: it waits, and is written after it.
        self.first_of: dict[str, str] = {}
        for relation in argument_map.relations:
            for premise in relation.premises:
                self.first_of.setdefault(premise, relation.id)
        self.written: set[str] = set()  # relations whose line (or argument) is written
        self.waiting_for: dict[str, list[str]] = {}  # relation id -> relations waiting for it
        self.blocked: dict[str, int] = {}  # relation id -> relations it still waits for
        self.ready: deque[str] = deque()  # waiting relations that can now be written

    def run(self) -> list[tuple[Group | None, list[Occ | ArgBlock]]]:
        sections: list[tuple[Group | None, list[Occ | ArgBlock]]] = []
        for group in [None, *self.ordered_groups()]:
            self.section = group.id if group else None
            blocks: list[Occ | ArgBlock] = []
            members = [s.id for s in self.map.statements if self.home.get(s.id) == self.section]
            for pass_ in (0, 1):
                for sid in members:
                    if sid in self.defined or (pass_ == 0 and sid in self.premise_of):
                        continue
                    blocks.append(self.tree(Occ("statement", sid), 0))
                    blocks.extend(self.flush())
            sections.append((group, blocks))
        leftover = [
            rid
            for rid in self.relations
            if rid in self.as_argument and rid not in self.queued and rid not in self.blocked
        ]
        for rid in leftover:  # relations in a cycle of relations: nothing led to them
            self.enqueue(rid)
        if leftover:
            sections[-1][1].extend(self.flush())
        return sections

    def ordered_groups(self) -> list[Group]:
        children: dict[str | None, list[Group]] = {}
        ids = {g.id for g in self.map.groups}
        for group in self.map.groups:
            children.setdefault(group.parent if group.parent in ids else None, []).append(group)
        ordered: list[Group] = []
        stack = list(reversed(children.get(None, [])))
        while stack:
            group = stack.pop()
            ordered.append(group)
            stack.extend(reversed(children.get(group.id, [])))
        return ordered

    def mention(self, sid: str) -> None:
        self.count[sid] = self.count.get(sid, 0) + 1

    def can_define(self, sid: str) -> bool:
        return sid not in self.defined and self.home.get(sid) == self.section

    def tree(self, root: Occ, depth: int, only: Relation | None = None) -> Occ:
        """Define ``root`` (a statement or argument) with everything aimed at it, iteratively.

        Lines are decided in the order they are written (depth first), so a relation can
        tell whether the first relation of each of its premises is written before it.
        ``only``: write just this relation under ``root``, a reference written for it.
        """
        if root.kind == "statement" and only is None:
            root.define = True
            self.defined.add(root.ref)
            self.mention(root.ref)
        stack: list[tuple[Occ, int, Relation | None]] = [(root, depth, only)]
        while stack:
            occ, level, relation = stack.pop()
            if relation is None:  # a statement or argument whose answers come next
                answers = self.aimed_at.get(occ.ref, [])
                stack.extend((occ, level, answer) for answer in reversed(answers))
                continue
            if relation is not only and self.wait(relation):
                continue
            child = self.answer(occ, relation, level)
            if child is not None:
                stack.append((child, level + 1, None))
        return root

    def answer(self, occ: Occ, relation: Relation, level: int) -> Occ | None:
        """Write ``relation`` under ``occ``; the child to continue under, if it is defined here."""
        self.done(relation.id)
        attack = relation.kind == "attack"
        symbol = ("<_" if occ.kind == "argument" else "-") if attack else "+"
        if relation.id in self.as_argument:
            occ.children.append((symbol, Occ("argument", relation.id)))
            self.enqueue(relation.id)
            return None
        premise = relation.premises[0]
        child = Occ("statement", premise)
        self.mention(premise)
        occ.children.append((symbol, child))
        if self.can_define(premise) and level < MAX_NESTING:
            child.define = True
            self.defined.add(premise)
            return child
        return None

    def wait(self, relation: Relation) -> bool:
        """Whether ``relation`` must wait for the first relation of one of its premises."""
        firsts = {self.first_of[p] for p in relation.premises} - {relation.id} - self.written
        if not firsts:
            return False
        self.blocked[relation.id] = len(firsts)
        for first in firsts:
            self.waiting_for.setdefault(first, []).append(relation.id)
        return True

    def done(self, rid: str) -> None:
        self.written.add(rid)
        for waiting in self.waiting_for.pop(rid, []):
            self.blocked[waiting] -= 1
            if not self.blocked[waiting]:
                del self.blocked[waiting]
                self.ready.append(waiting)

    def waited(self, rid: str) -> Occ:
        """A relation that waited, under a reference to its target, in a block of its own."""
        relation = self.relations[rid]
        if relation.target in self.relations:
            root = Occ("argument", relation.target)
        else:
            root = Occ("statement", relation.target)
            self.mention(relation.target)
        return self.tree(root, 0, only=relation)

    def enqueue(self, rid: str) -> None:
        if rid not in self.queued:
            self.queued.add(rid)
            self.queue.append(rid)

    def flush(self) -> list[Occ | ArgBlock]:
        blocks: list[Occ | ArgBlock] = []
        while self.queue or self.ready:
            if not self.queue:
                blocks.append(self.waited(self.ready.popleft()))
                continue
            relation = self.relations[self.queue.popleft()]
            self.done(relation.id)  # an argument nothing led to is stated by its structure
            holder = self.tree(Occ("argument", relation.id), 0)
            pcs = []
            for premise in relation.premises:
                occ = Occ("statement", premise)
                if self.can_define(premise):
                    occ = self.tree(occ, 1)
                else:
                    self.mention(premise)
                pcs.append(occ)
            if relation.kind == "support" and relation.target in self.statements:
                conclusion = Occ("statement", relation.target)
                self.mention(relation.target)
            else:
                conclusion = Occ("implicit", relation.id)
            blocks.append(ArgBlock(relation, holder.children, pcs, conclusion))
        return blocks


class _Writer:
    def __init__(self, argument_map: ArgumentMap) -> None:
        self.map = argument_map
        self.layout = _Layout(argument_map)
        self.sections = self.layout.run()
        self.keys = self.assign_keys()
        self.out: list[str] = []

    def assign_keys(self) -> dict[str, str | None]:
        """The bracket title of each statement (None: written untitled, inline)."""
        keys: dict[str, str | None] = {}
        used: set[str] = set()
        for statement in self.map.statements:
            title = statement.title
            if (
                title is not None
                and title not in used
                and not _UNSAFE_TITLE.search(title)
                and title
            ):
                keys[statement.id] = title
                used.add(title)
        for statement in self.map.statements:
            if statement.id in keys:
                continue
            needs_key = (
                statement.title is not None
                or self.layout.count.get(statement.id, 0) > 1
                or not normalize_space(statement.text)
            )
            keys[statement.id] = _fresh(statement.id, used) if needs_key else None
        for relation in self.map.relations:
            keys["implicit " + relation.id] = _fresh(f"{relation.id} (conclusion)", used)
        return keys

    def text(self) -> str:
        self.frontmatter()
        for group, blocks in self.sections:
            if group is not None:
                self.heading(group)
            for block in blocks:
                if isinstance(block, ArgBlock):
                    self.argument_block(block)
                else:
                    self.tree(block, 0)
                self.out.append("")
        while self.out and not self.out[-1]:
            self.out.pop()
        return "\n".join(self.out) + "\n"

    def frontmatter(self) -> None:
        m = self.map
        fields: list[tuple[str, Any]] = []
        if m.title:
            fields.append(("title", m.title))
        if m.authors:
            fields.append(("author", m.authors[0] if len(m.authors) == 1 else list(m.authors)))
        for name in ("description", "created", "modified"):
            if getattr(m, name) is not None:
                fields.append((name, getattr(m, name)))
        if not fields and not m.sources:
            return
        self.out.append("===")
        self.out.extend(f"{name}: {dump_flow(value)}" for name, value in fields)
        if m.sources:
            self.out.append("sources:")
            for source in m.sources:
                self.out.append("  - " + dump_flow(source.model_dump(exclude_none=True)))
        self.out.extend(["===", ""])

    def heading(self, group: Group) -> None:
        depth, parent = 1, group.parent
        parents = {g.id: g.parent for g in self.map.groups}
        while parent is not None and depth < 64:
            depth, parent = depth + 1, parents.get(parent)
        data: dict[str, Any] = {}
        shown = escape_text(group.title)
        if normalize_space(group.title) != group.title or not shown:
            data["title"] = group.title
            shown = shown or "Group"
        if group.id != slug(group.title):
            data["id"] = group.id
        self.out.extend(["#" * depth + " " + shown + (" " + dump_flow(data) if data else ""), ""])

    def tree(self, root: Occ, indent: int, first_prefix: str = "") -> None:
        stack: list[tuple[Occ, int, str]] = [(root, indent, first_prefix)]
        while stack:
            occ, level, prefix = stack.pop()
            self.out.append(" " * level + prefix + self.occurrence(occ, at_line_start=not prefix))
            for symbol, child in reversed(occ.children):
                stack.append((child, level + 2, symbol + " "))

    def argument_block(self, block: ArgBlock) -> None:
        relation = block.relation
        data: dict[str, Any] = {}
        if slug(relation.id) != relation.id:
            data["id"] = relation.id
        if relation.attribution is not None:
            data.update(relation.attribution.model_dump(exclude_none=True))
        data.update(
            relation.model_dump(mode="json", include={"weighing", "weight"}, exclude_none=True)
        )
        holder = Occ("argument", relation.id, children=block.children)
        first = len(self.out)
        self.tree(holder, 0)
        if data:
            self.out[first] += " " + dump_flow(data)
        self.out.append("")
        for number, occ in enumerate(block.pcs, start=1):
            self.tree(occ, 0, f"({number}) ")
        self.out.append("----")
        self.tree(block.conclusion, 0, f"({len(block.pcs) + 1}) ")

    def occurrence(self, occ: Occ, at_line_start: bool) -> str:
        if occ.kind == "argument":
            return f"<{occ.ref}>"
        if occ.kind == "implicit":
            return f"[{self.keys['implicit ' + occ.ref]}] {{implicit: true}}"
        key = self.keys[occ.ref]
        if not occ.define:
            return f"[{key}]"
        statement = self.layout.statements[occ.ref]
        text = escape_text(statement.text, line_start=at_line_start and key is None)
        data = self.metadata(statement, key)
        inline_tags = "tags" not in data and statement.tags
        parts = [f"[{key}]" + (":" if text else "")] if key is not None else []
        if text:
            parts.append(text)
        if inline_tags:
            parts.extend(f"#({tag})" for tag in statement.tags)
        if data:
            parts.append(dump_flow(data))
        return " ".join(parts)

    def metadata(self, statement: Statement, key: str | None) -> dict[str, Any]:
        data: dict[str, Any] = {}
        if key is None or slug(key) != statement.id:
            data["id"] = statement.id
        if key != statement.title:
            data["title"] = statement.title
        if normalize_space(statement.text) != statement.text or not statement.text:
            data["text"] = statement.text
        if statement.note is not None:
            data["note"] = statement.note
        if statement.acceptance != Acceptance.UNDECIDED:
            data["acceptance"] = str(statement.acceptance)
        if statement.tags and not _tags_inline(statement.tags):
            data["tags"] = list(statement.tags)
        if statement.attribution is not None:
            data.update(statement.attribution.model_dump(exclude_none=True))
        if statement.standard is not None:
            data["standard"] = str(statement.standard)
        return data


def _tags_inline(tags: list[str]) -> bool:
    return len(set(tags)) == len(tags) and all(
        tag and not re.search(r"[)\n\r]", tag) for tag in tags
    )


def written_as_arguments(argument_map: ArgumentMap) -> set[str]:
    """The relations written as arguments ``<id>``: a plain "+ [premise]" line cannot carry them.

    Only an argument keeps its relation's id; reading names a plain line by what it connects.
    """
    targeted = {r.target for r in argument_map.relations}
    seen: set[tuple[str, str, str]] = set()
    as_argument: set[str] = set()
    for r in argument_map.relations:
        key = (str(r.kind), r.premises[0], r.target)
        if (
            len(r.premises) > 1
            or r.id in targeted
            or key in seen
            or (r.attribution is not None and not r.attribution.is_empty())
            or r.weighing is not None
            or r.weight is not None
        ):
            as_argument.add(r.id)
        seen.add(key)
    return as_argument


def _fresh(base: str, used: set[str]) -> str:
    candidate, number = base, 1
    while candidate in used:
        number += 1
        candidate = f"{base} ({number})"
    used.add(candidate)
    return candidate


def write_argdown(argument_map: ArgumentMap) -> str:
    """The map as Argdown text (see the module docstring for its shape)."""
    return _Writer(argument_map).text()
