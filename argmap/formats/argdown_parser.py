"""Argdown's blocks: paragraphs, relation trees by indentation, premise–conclusion structures.

A hand-written line parser, because Argdown's indentation rules are not
context-free and because a reader of other people's files must go on after a
mistake: where the Argdown reference parser stops with a syntax error (a
relation after a blank line, a missing blank line after frontmatter, an
argument title inside a premise–conclusion structure), this parser reads what
was evidently meant and says so in a warning with line and column.

Indentation follows the reference implementation: each tab or space counts one
column; a line indented more than the element above it is that element's
child; a line dedented to a depth between two open levels joins the shallower
one. Nothing here recurses, so 10,000 levels of indentation are just 10,000
frames on a list.
"""

from __future__ import annotations

import re

from argmap.formats.argdown_inline import Content, parse_content
from argmap.formats.argdown_lexer import Line, Notes
from argmap.formats.argdown_markup import Markup
from argmap.formats.argdown_tree import Document, Endpoint, Inference, Link, Node, Pcs, Section

__all__ = ["parse_lines"]


_RELATION = re.compile(r"(\+>|->|<\+|<-|><|_>|<_|\+|-|_(?=[ \t]|\Z))")
_NUMBER = re.compile(r"\(([0-9]{1,9})\)")
_LIST_ITEM = re.compile(r"(?:\*|[0-9]{1,9}\.)(?=[ \t]|\Z)")
_HEADING = re.compile(r"(#+)[ \t]")
_ITEM_WITH_TITLE = re.compile(
    r"(?:\*|[0-9]{1,9}\.)[ \t]+(?:\[[^\]\n]+\]|<[^>\n]+>)"
)  # unindented, as Markdown allows
_HEAD_START = re.compile(r"\[[^\]\n]+\]|<[^>\n]+>")
_INFERENCE_END = re.compile(r"-{2,}")
# (source is the child?, relation type) for each symbol written before a child element
_SYMBOLS = {
    "+": (True, "support"),
    "<+": (True, "support"),
    "-": (True, "attack"),
    "<-": (True, "attack"),
    "<_": (True, "undercut"),
    "_": (True, "undercut"),
    "+>": (False, "support"),
    "->": (False, "attack"),
    "_>": (False, "undercut"),
    "><": (False, "contradictory"),
}

Frames = list[tuple[int, Endpoint]]


class _Parser:
    def __init__(self, lines: list[Line], notes: Notes, markup: Markup) -> None:
        self.lines, self.notes, self.markup, self.index = lines, notes, markup, 0
        self.doc = Document()
        self.section: Section | None = None
        self.frames: Frames | None = (
            None  # the relation tree of the last block, for lenient continuation
        )
        self.previous_argument: Node | None = None  # root of the previous block, if an argument
        self.open_pcs: Pcs | None = None  # a structure still waiting for its conclusion
        self.inference_before: dict[int, Inference] = {}  # conclusion → the inference leading to it
        self.whitespace = 0  # bit 1: a tab seen in indentation, bit 2: a space
        self.mixed_warned = False

    # -- blocks ----------------------------------------------------------------

    def parse(self) -> Document:
        while self.index < len(self.lines):
            line = self.lines[self.index]
            if not line.text:
                self.index += 1
                continue
            self.block(line)
        for node in self.doc.nodes:
            node.content = parse_content(node.pieces, self.notes, self.markup)
        self.drop_empty_relations()
        for inference in self.doc.inferences:
            inference.content = parse_content(inference.pieces, self.notes, self.markup, head=False)
            inference.rules = [r.strip() for r in inference.content.text.split(",") if r.strip()]
        return self.doc

    def drop_empty_relations(self) -> None:
        """A relation symbol or statement number with nothing after it names no statement.

        Such an element is left out (and reported) rather than made an empty statement.
        """
        empty = {
            id(n): n
            for n in self.doc.nodes
            if n.role in ("relation", "top", "premise", "conclusion") and _is_empty(n.content)
        }
        if not empty:
            return
        self.drop_empty_items(empty)
        # relations first: a root may lose its last one
        for role, allowed in (("relation", 1), ("top", 0)):
            links_of: dict[int, list[Link]] = {}
            for link in self.doc.links:
                for end in (link.source, link.target):
                    links_of.setdefault(id(end), []).append(link)
            dropped = {
                key
                for key, node in empty.items()
                if node.role == role and len(links_of.get(key, [])) <= allowed
            }
            for key in dropped:
                node, links = empty[key], links_of.get(key)
                what = (
                    "a relation symbol with" if role == "relation" else "metadata or a symbol with"
                )
                self.warn(
                    f"{what} no statement after it; left out",
                    node.line,
                    links[0].column if links else node.column,
                )
            self.drop(dropped)

    def drop_empty_items(self, empty: dict[int, Node]) -> None:
        """Numbered lines of a premise–conclusion structure that hold nothing."""
        for pcs in self.doc.pcs:
            items = []
            moved: Inference | None = None
            for number, node, inference in pcs.items:
                inference = inference or moved
                moved = None
                if id(node) in empty and not any(
                    link.source is node or link.target is node for link in self.doc.links
                ):
                    self.warn(f"statement ({number}) is empty; left out", node.line, node.column)
                    self.drop({id(node)})
                    moved = inference  # its inference leads to the next statement
                    continue
                items.append((number, node, inference))
            pcs.items = items
            if moved is not None:
                pcs.pending = moved

    def drop(self, dropped: set[int]) -> None:
        if dropped:
            self.doc.nodes = [n for n in self.doc.nodes if id(n) not in dropped]
            self.doc.links = [
                k
                for k in self.doc.links
                if id(k.source) not in dropped and id(k.target) not in dropped
            ]

    def block(self, line: Line) -> None:
        text = line.text
        previous_argument, self.previous_argument = self.previous_argument, None
        if line.indent == 0 and _HEADING.match(text):
            self.heading(line)
        elif _NUMBER.match(text) or text.startswith("--"):
            pcs = self.open_pcs
            if pcs is not None:
                self.warn("a blank line inside a premise–conclusion structure", line)
            elif text.startswith("--"):
                self.warn("an inference line ('--') without numbered premises before it", line)
                pcs = self.new_pcs(line, previous_argument)
            else:
                pcs = self.new_pcs(line, previous_argument)
            self.pcs_block(pcs)
        elif _RELATION.match(text) and not text.startswith("--"):
            if self.frames is not None:
                self.warn("a relation after a blank line; read as part of the tree above it", line)
                self.tree_block(None, self.frames)
            else:
                self.warn(
                    "a relation with nothing above it to relate to; read as a statement", line
                )
                self.tree_block(line, None, skip_symbol=True)
        elif _LIST_ITEM.match(text) and (line.indent > 0 or _ITEM_WITH_TITLE.match(text)):
            self.list_block()
        elif text.startswith("@include"):
            self.warn("@include is not followed: the included file is not imported", line)
            self.index += 1
        else:
            self.tree_block(line, None)

    def heading(self, line: Line) -> None:
        match = _HEADING.match(line.text)
        assert match is not None
        level = len(match.group(1))
        pieces = [(line.number, line.indent + match.end() + 1, line.text[match.end() :])]
        self.index += 1
        while self.index < len(self.lines):
            following = self.lines[self.index]
            if not following.text or (not following.in_data and self.starts_element(following)):
                break
            pieces.append((following.number, following.indent + 1, following.text))
            self.index += 1
        parent = self.section
        while parent is not None and parent.level >= level:
            parent = parent.parent
        content = parse_content(pieces, self.notes, self.markup, head=False)
        section = Section(content.text, level, parent, line.number, content)
        self.doc.sections.append(section)
        self.section = section
        self.frames = None
        self.open_pcs = None

    def starts_element(self, line: Line) -> bool:
        """Whether a line right under a heading begins a new block (the blank line was left out)."""
        return bool(_HEAD_START.match(line.text) or _NUMBER.match(line.text))

    def tree_block(
        self, line: Line | None, frames: Frames | None, skip_symbol: bool = False
    ) -> None:
        """A statement or argument with its tree of relations (or such a tree continued)."""
        if frames is None:
            assert line is not None
            column = line.indent + 1
            text = line.text
            if skip_symbol:
                match = _RELATION.match(text)
                assert match is not None
                column += match.end()
                text = text[match.end() :].lstrip(" \t")
            root = self.new_node(line, column, text, "top")
            frames = [(line.indent, root)]
            self.index += 1
            current: Endpoint = root
        else:
            current = frames[-1][1]
        # The tree hangs from its first frame, which relation lines never replace. Continued
        # after a blank line, that may be an inference, which is no argument.
        top = frames[0][1]
        argument = top if isinstance(top, Node) and self.is_argument(top) else None
        self.frames = frames
        self.open_pcs = None
        listed = False
        while self.index < len(self.lines):
            line = self.lines[self.index]
            if not line.text:
                break
            if line.in_data:
                self.add_text(current, line)
            elif _NUMBER.match(line.text):
                self.pcs_block(self.new_pcs(line, argument))
                return
            elif line.text.startswith("--"):
                self.warn(
                    "an inference line ('--') outside a premise–conclusion structure; read as text",
                    line,
                )
                self.add_text(current, line)
            elif _RELATION.match(line.text):
                current = self.relation(frames, line)
            else:
                if line.indent and _LIST_ITEM.match(line.text) and not listed:
                    listed = True
                    self.warn(
                        "a list item inside the text of a statement; read as part of that text",
                        line,
                    )
                self.add_text(current, line)
            self.index += 1
        if argument is not None and argument.role == "top":
            self.previous_argument = argument

    def pcs_block(self, pcs: Pcs) -> None:
        self.open_pcs = pcs
        frames: Frames | None = None
        current: Endpoint | None = pcs.pending
        inference = pcs.pending
        while self.index < len(self.lines):
            line = self.lines[self.index]
            if not line.text:
                break
            number = _NUMBER.match(line.text)
            if line.in_data and current is not None:
                self.add_text(current, line)
            elif number:
                node = self.new_node(
                    line,
                    line.indent + number.end() + 1,
                    line.text[number.end() :],
                    "premise" if inference is None else "conclusion",
                )
                pcs.items.append((int(number.group(1)), node, inference))
                if inference is not None:
                    self.inference_before[id(node)] = inference
                inference = None
                frames, current = [(line.indent, node)], node
            elif line.text.startswith("--"):
                if inference is not None:
                    self.warn(
                        "two inference lines in a row; the second is read as part of the first",
                        line,
                    )
                inference = self.inference(line, inference)
                frames, current = [(line.indent, inference)], inference
                continue
            elif _RELATION.match(line.text) and frames is not None:
                current = self.relation(frames, line)
            elif isinstance(current, Inference):
                self.warn(
                    "text after an inference line where a numbered conclusion was expected;"
                    " read as part of the inference",
                    line,
                )
                self.add_text(current, line)
            elif current is not None:
                self.add_text(current, line)
            self.index += 1
        pcs.pending = inference
        self.frames = frames
        if pcs.complete:
            self.open_pcs = None

    def list_block(self) -> None:
        frames: Frames | None = None
        current: Endpoint | None = None
        first_indent = self.lines[self.index].indent
        while self.index < len(self.lines):
            line = self.lines[self.index]
            if not line.text:
                break
            item = _LIST_ITEM.match(line.text)
            if line.in_data and current is not None:
                self.add_text(current, line)
            elif item and (line.indent > 0 or _ITEM_WITH_TITLE.match(line.text)):
                if line.indent > first_indent:
                    self.warn("a nested list item; read as a separate statement", line)
                rest = line.text[item.end() :].lstrip(" \t")
                column = line.indent + len(line.text) - len(rest) + 1
                node = self.new_node(line, column, rest, "list")
                frames, current = [(line.indent, node)], node
            elif _RELATION.match(line.text) and frames is not None:
                current = self.relation(frames, line)
            elif current is not None:
                self.add_text(current, line)
            self.index += 1
        self.frames = frames
        self.open_pcs = None

    # -- elements ----------------------------------------------------------------

    def relation(self, frames: Frames, line: Line) -> Node:
        match = _RELATION.match(line.text)
        assert match is not None
        symbol = match.group(1)
        rest = line.text[match.end() :].lstrip(" \t")
        node = self.new_node(line, line.indent + len(line.text) - len(rest) + 1, rest, "relation")
        parent = self.place(frames, line, node)
        child_is_source, relation_type = _SYMBOLS[symbol]
        if isinstance(parent, Inference) and not child_is_source:
            self.warn(
                f"'{symbol}' would make an inference the source of a relation; only"
                " relations to an inference ('<_', '-', '+') are read",
                line,
            )
            return node
        if relation_type == "undercut" and child_is_source and isinstance(parent, Node):
            parent = self.inference_before.get(id(parent), parent)  # a conclusion: its inference
        source, target = (node, parent) if child_is_source else (parent, node)
        self.doc.links.append(Link(source, target, relation_type, line.number, line.indent + 1))
        return node

    def place(self, frames: Frames, line: Line, node: Node) -> Endpoint:
        """The parent of a relation line, by indentation; updates the open frames."""
        self.whitespace |= line.whitespace
        if self.whitespace == 3 and not self.mixed_warned:
            self.mixed_warned = True
            self.warn(
                "indentation mixes tabs and spaces; each tab counts as one column, as in"
                " Argdown's reference implementation",
                line,
            )
        indent = line.indent
        if indent > frames[-1][0]:
            parent = frames[-1][1]
            frames.append((indent, node))
            return parent
        while len(frames) > 1 and frames[-1][0] > indent:
            frames.pop()
        if len(frames) == 1:
            if indent <= frames[0][0]:
                self.warn("a relation not indented below the element it belongs to", line)
            frames.append((indent, node))
            return frames[0][1]
        level = frames.pop()[0]
        frames.append((level, node))
        return frames[-2][1]

    def inference(self, line: Line, merge_into: Inference | None) -> Inference:
        """An inference: ``----``, ``-- rule --``, or ``--`` / rules / ``--`` over several lines."""
        inference = merge_into or Inference(line.number, line.indent + 1, [])
        if merge_into is None:
            self.doc.inferences.append(inference)
        text, column, number = line.text[2:], line.indent + 3, line.number
        while True:
            end = _INFERENCE_END.search(text)
            if end is not None:
                inference.pieces.append((number, column, text[: end.start()]))
                if text[end.end() :].strip():
                    inference.pieces.append((number, column + end.end(), text[end.end() :]))
                    self.warn(
                        "text after the end of an inference line is read as part of it",
                        number,
                        column + end.end(),
                    )
                self.index += 1
                return inference
            inference.pieces.append((number, column, text))
            self.index += 1
            if self.index >= len(self.lines) or not self.lines[self.index].text:
                self.warn(
                    "an inference opened with '--' is never closed with '--'",
                    inference.line,
                    inference.column,
                )
                return inference
            following = self.lines[self.index]
            text, column, number = following.text, following.indent + 1, following.number

    def new_node(self, line: Line, column: int, text: str, role: str) -> Node:
        node = Node(line.number, column, role, self.section, [(line.number, column, text)])
        self.doc.nodes.append(node)
        return node

    def new_pcs(self, line: Line, argument: Node | None) -> Pcs:
        pcs = Pcs(argument, line.number, line.indent + 1)
        self.doc.pcs.append(pcs)
        return pcs

    def add_text(self, target: Endpoint, line: Line) -> None:
        target.pieces.append((line.number, line.indent + 1, line.text))

    def is_argument(self, node: Node) -> bool:
        first = node.pieces[0][2].lstrip(" \t")
        return first.startswith("<") and bool(re.match(r"<[^>\n]+>", first))

    def warn(self, message: str, line: Line | int, column: int | None = None) -> None:
        if isinstance(line, Line):
            self.notes.warn(message, line.number, line.indent + 1)
        else:
            self.notes.warn(message, line, column)


def _is_empty(content: Content) -> bool:
    return not (content.title or content.text or content.data or content.tags or content.raw_data)


def parse_lines(lines: list[Line], notes: Notes, markup: Markup) -> Document:
    """The document structure of the body lines (see :func:`argdown_lexer.lex`).

    Formatting in the text is removed and counted in ``markup`` (see :mod:`argdown_markup`).
    """
    return _Parser(lines, notes, markup).parse()
