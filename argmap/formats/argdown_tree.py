"""What the Argdown parser finds: sections, statement and argument occurrences, links,
premise–conclusion structures and inferences, each with the line and column it
was written at, before any of it becomes a map (see ``argdown_reader``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

from argmap.formats.argdown_inline import Content

__all__ = ["Document", "Endpoint", "Inference", "Link", "Node", "Pcs", "Section"]


@dataclass(eq=False, slots=True)
class Section:
    """A heading: the group it stands for, and its place in the outline."""

    title: str
    level: int
    parent: Section | None
    line: int
    content: Content


@dataclass(eq=False, slots=True)
class Node:
    """One occurrence of a statement or an argument in the text."""

    line: int
    column: int
    role: str  # "top", "relation", "premise", "conclusion" or "list"
    section: Section | None
    pieces: list[tuple[int, int, str]]
    content: Content = field(default_factory=Content)  # replaced once its last line is read


@dataclass(eq=False, slots=True)
class Inference:
    """The ``--`` line(s) between premises and a conclusion: rule names and metadata."""

    line: int
    column: int
    pieces: list[tuple[int, int, str]]
    content: Content = field(default_factory=Content)
    rules: list[str] = field(default_factory=list)


Endpoint = Union["Node", Inference]


@dataclass(eq=False, slots=True)
class Link:
    """A relation as written: ``source`` supports, attacks, undercuts or contradicts ``target``."""

    source: Endpoint
    target: Endpoint
    type: str  # "support", "attack", "undercut" or "contradictory"
    line: int
    column: int


@dataclass(eq=False)
class Pcs:
    """A premise–conclusion structure: numbered statements with inferences between them."""

    argument: Node | None
    line: int
    column: int
    items: list[tuple[int, Node, Inference | None]] = field(
        default_factory=list
    )  # number, statement, inference before it
    pending: Inference | None = None  # an inference still waiting for its conclusion

    @property
    def complete(self) -> bool:
        return bool(self.items) and self.items[-1][2] is not None and self.pending is None


@dataclass
class Document:
    nodes: list[Node] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    pcs: list[Pcs] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    inferences: list[Inference] = field(default_factory=list)
