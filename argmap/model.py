"""The argument map: statements, the relations between them, and where they come from.

This module is the single source of truth for the ``.argmap`` file format: the
pydantic models below are what a file is validated against, and the published
JSON Schema (``resources/argmap.schema.json``) is generated from them.

Roles (main claim, reason, objection, rebuttal) are not stored; they follow
from the relations and are computed by :mod:`argmap.roles`.
"""

from __future__ import annotations

import math
import re
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, Final, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

if TYPE_CHECKING:
    from argmap.roles import Role

__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "MAX_SOURCE_TEXT",
    "VERSION_2_KEYS",
    "Acceptance",
    "ArgumentMap",
    "Attribution",
    "Direction",
    "Group",
    "Layout",
    "Position",
    "ProofStandard",
    "Relation",
    "RelationKind",
    "Source",
    "Statement",
    "Weighing",
    "clean_text",
    "required_version",
]

FORMAT_NAME: Final = "argmap"
FORMAT_VERSION: Final = 2
# Keys that version 2 added, by element class name. A map that sets none of them
# is written as version 1, so files stay readable by argmap releases that only
# know version 1; a map that uses one is written as version 2.
VERSION_2_KEYS: Final[dict[str, tuple[str, ...]]] = {
    "Statement": ("standard",),
    "Relation": ("weighing", "weight"),
    "Source": ("text",),
}
# The longest text a source may hold, in characters: a long book is about two
# million. Beyond this a map would be slow to open and to check, and would
# near the size of file argmap opens (argmap.files.MAX_FILE_BYTES).
MAX_SOURCE_TEXT: Final = 8_000_000
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$"


def _check_text(value: str) -> str:
    """Reject characters that no file, label or SVG can carry.

    Control characters other than tab and newlines break XML (SVG) and DOT,
    and lone surrogates cannot be written as UTF-8; failing at load time names
    the place instead of failing later at export or save.
    """
    if value.isprintable():  # holds no control character nor surrogate: most texts, told at once
        return value
    bad = re.search(_FORBIDDEN_CHARACTER, value)  # one C-speed scan: line breaks, tabs...
    if bad is None:
        return value
    index, code = bad.start(), ord(bad.group())
    if 0xD800 <= code <= 0xDFFF:
        raise ValueError(f"unpaired surrogate U+{code:04X} at position {index} is not allowed")
    raise ValueError(f"control character U+{code:04X} at position {index} is not allowed")


# Default factories are plain functions, not ``list`` and ``dict``: pydantic asks each
# factory's signature whether it takes the validated data, and for a built-in type
# Python works that out by parsing a text signature, which costs a cold start ~4 ms.
def _no_items() -> list[Any]:
    return []


def _no_entries() -> dict[str, Any]:
    return {}


# Patterns compiled on first use (the re module keeps them): most texts are told fit
# without them, and compiling the first costs every start 0.4 ms.
_FORBIDDEN_CHARACTER = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]"
_LINE_BREAKS = "\r\n?|[\x0b\x0c\x1c-\x1e\x85]"


def clean_text(value: str) -> str:
    """Text as typed or pasted (often from a PDF), made fit to store.

    Carriage returns and page, vertical-tab and record separators become
    newlines, other control characters are dropped, and lone surrogates become
    U+FFFD: the editor never stores what a file could not load again.
    """
    value = re.sub(_LINE_BREAKS, "\n", value)
    return re.sub(_FORBIDDEN_CHARACTER, lambda m: "\ufffd" if m.group() >= "\ud800" else "", value)


def _check_timestamp(value: str | None) -> str | None:
    """Keep timestamps as written (byte-stable files) but insist they are ISO 8601."""
    if value is None:
        return value
    try:
        datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(
            f"{value!r} is not an ISO 8601 date or time (e.g. 2024-05-01 or 2024-05-01T10:00:00Z)"
        ) from None
    return value


Text = Annotated[str, AfterValidator(_check_text)]
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=64)]
Timestamp = Annotated[str | None, AfterValidator(_check_timestamp)]


def _line_feeds(value: str) -> str:
    """A source text's line breaks as ``\\n`` (``\\r\\n`` and a lone ``\\r`` each one), as the
    editor shows them, so that an offset into the text means the same there as here."""
    return value.replace("\r\n", "\n").replace("\r", "\n") if "\r" in value else value


LongText = Annotated[
    str,
    StringConstraints(max_length=MAX_SOURCE_TEXT),
    AfterValidator(_check_text),
    AfterValidator(_line_feeds),
]


class _Element(BaseModel):
    """Base of every element: unknown keys are errors, so typos in a file surface."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


# Statements, relations and what they hold are shared with the layout worker thread
# and with undo commands: they are replaced, never changed in place.
_SHARED = ConfigDict(extra="forbid", allow_inf_nan=False, frozen=True)


class Acceptance(StrEnum):
    """How the map's author evaluates a statement."""

    ACCEPTED = "accepted"
    REJECTED = "rejected"
    UNDECIDED = "undecided"


class RelationKind(StrEnum):
    """Whether the premises speak for or against the target."""

    SUPPORT = "support"
    ATTACK = "attack"


class Weighing(StrEnum):
    """How an argument's premises give it weight when the map is evaluated (Carneades).

    ``linked``: 1 when every premise is accepted, else 0; ``convergent``: 1 when
    any premise is; ``cumulative``: the share of premises that are;
    ``factorized``: like linked, but weighed by its number of premises against
    the distinct premises of all arguments about the same statement.
    """

    LINKED = "linked"
    CONVERGENT = "convergent"
    CUMULATIVE = "cumulative"
    FACTORIZED = "factorized"


class ProofStandard(StrEnum):
    """How much stronger the arguments for a statement must be than those against it.

    ``pe`` (preponderance of the evidence): stronger; ``cce`` (clear and
    convincing evidence): stronger by more than 0.5; ``brd`` (beyond reasonable
    doubt): that, and the strongest argument against weighs under 0.3.
    """

    PE = "pe"
    CCE = "cce"
    BRD = "brd"


class Direction(StrEnum):
    """Which way the diagram reads; argument maps put the claim on top (BT)."""

    BOTTOM_TO_TOP = "BT"
    TOP_TO_BOTTOM = "TB"
    LEFT_TO_RIGHT = "LR"
    RIGHT_TO_LEFT = "RL"


class Attribution(_Element):
    """Who said it, and where."""

    model_config = _SHARED

    speaker: Text | None = Field(
        default=None, description="The person or body who holds this view, e.g. 'Yitzhak Rabin'."
    )
    source: Id | None = Field(default=None, description="The id of an entry in the map's sources.")
    quote: Text | None = Field(default=None, description="Verbatim words from the source.")
    date: Text | None = Field(
        default=None, description="When it was said: a date or a period ('mid-1990s')."
    )

    def is_empty(self) -> bool:
        return not (self.speaker or self.source or self.quote or self.date)


class Statement(_Element):
    """A claim in the debate: a node of the map."""

    model_config = _SHARED

    id: Id = Field(description="Short stable identifier, unique among statements and relations.")
    text: Text = Field(description="The claim itself; any language, may contain newlines.")
    title: Text | None = Field(default=None, description="An optional short label.")
    tags: list[Text] = Field(default_factory=_no_items, description="Free keywords.")
    note: Text | None = Field(default=None, description="The author's private remarks.")
    acceptance: Acceptance = Field(
        default=Acceptance.UNDECIDED, description="The author's evaluation of the claim."
    )
    attribution: Attribution | None = Field(default=None, description="Who said it, and where.")
    standard: ProofStandard | None = Field(
        default=None,
        description=(
            "The proof standard when the map is evaluated: 'pe' (the default), 'cce' or 'brd'."
            " Setting it puts the statement at issue even when nothing attacks it."
        ),
    )


class Relation(_Element):
    """Premises that together support or attack a statement or another relation."""

    model_config = _SHARED

    id: Id = Field(description="Short stable identifier, unique among statements and relations.")
    kind: RelationKind = Field(description="'support' (a reason) or 'attack' (an objection).")
    premises: list[Id] = Field(
        min_length=1,
        description="Statement ids; several are co-premises of one linked reason.",
    )
    target: Id = Field(
        description="A statement id, or a relation id: an attack on a relation is an undercut."
    )
    attribution: Attribution | None = Field(
        default=None, description="Who draws this inference, and where."
    )
    weighing: Weighing | None = Field(
        default=None,
        description=(
            "How the premises weigh when the map is evaluated: 'linked' (the default),"
            " 'convergent', 'cumulative' or 'factorized'."
        ),
    )
    weight: float | None = Field(
        default=None,
        json_schema_extra={"minimum": 0, "maximum": 1},
        description=(
            "A constant weight from 0 to 1, given when every premise is accepted"
            " (instead of the weighing's)."
        ),
    )

    @model_validator(mode="after")
    def _weight_in_range(self) -> Relation:
        """Out-of-range weights name the relation: they are typed by hand, often in bulk."""
        if self.weight is not None and not 0.0 <= self.weight <= 1.0:
            raise ValueError(f"relation {self.id!r}: weight {self.weight:g} is not between 0 and 1")
        return self


class Source(_Element):
    """A document that quotes and attributions refer to."""

    id: Id = Field(description="Identifier that attributions use in their 'source' key.")
    title: Text = Field(description="Title of the article, book, speech or interview.")
    author: Text | None = Field(default=None, description="Who wrote it.")
    publisher: Text | None = Field(default=None, description="Where it appeared.")
    url: Text | None = Field(default=None, description="Where to find it.")
    date: Text | None = Field(default=None, description="When it appeared.")
    text: LongText | None = Field(
        default=None,
        description=(
            "The document's full text, so that the map is self-contained and quotes can be"
            " checked against it (version 2)."
        ),
    )


class Group(_Element):
    """A cluster of statements drawn together, e.g. 'Rabin era'."""

    id: Id = Field(description="Identifier, unique among groups.")
    title: Text = Field(description="The label drawn on the cluster.")
    statements: list[Id] = Field(
        default_factory=_no_items,
        description="The statements in this group (each in one group at most).",
    )
    parent: Id | None = Field(default=None, description="The id of an enclosing group, if nested.")


class Position(_Element):
    """A statement's pinned centre, in points, y growing downwards."""

    model_config = _SHARED

    x: float
    y: float

    @field_validator("x", "y")
    @classmethod
    def _finite(cls, value: float) -> float:
        if not math.isfinite(value):
            raise ValueError("must be a finite number")
        return value


class Layout(_Element):
    """How the map is drawn."""

    direction: Direction = Field(
        default=Direction.BOTTOM_TO_TOP,
        description="Reading direction: BT puts the main claim on top (the default).",
    )
    theme: Text = Field(default="default", description="The name of the colour theme.")
    positions: dict[Id, Position] = Field(
        default_factory=_no_entries,
        description="Statements the user placed by hand, by id; the rest are laid out.",
    )


class ArgumentMap(_Element):
    """A whole debate: the root object of an ``.argmap`` file."""

    model_config = ConfigDict(
        json_schema_extra={
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://argmap.invalid/schema/argmap-1.json",
        },
    )

    format: Literal["argmap"] = Field(
        default=FORMAT_NAME, description="Always 'argmap': marks the file type."
    )
    version: Literal[1, 2] = Field(
        default=FORMAT_VERSION,
        description="The file format version: 1, or 2 when the map uses keys version 2 added.",
    )
    title: Text = Field(default="", description="The map's title.")
    description: Text | None = Field(default=None, description="What the map is about.")
    authors: list[Text] = Field(default_factory=_no_items, description="Who made the map.")
    created: Timestamp = Field(default=None, description="ISO 8601 creation date or time.")
    modified: Timestamp = Field(default=None, description="ISO 8601 date or time of last change.")
    statements: list[Statement] = Field(default_factory=_no_items, description="The claims.")
    relations: list[Relation] = Field(
        default_factory=_no_items, description="Reasons, objections and undercuts."
    )
    sources: list[Source] = Field(default_factory=_no_items, description="Cited documents.")
    groups: list[Group] = Field(default_factory=_no_items, description="Clusters of statements.")
    layout: Layout = Field(default_factory=Layout, description="How the map is drawn.")

    @field_validator("format", mode="before")
    @classmethod
    def _is_argmap(cls, value: Any) -> Any:
        if value != FORMAT_NAME:
            raise ValueError(f"this is not an argmap file (format is {value!r}, not 'argmap')")
        return value

    @field_validator("version", mode="before")
    @classmethod
    def _known_version(cls, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool) and value > FORMAT_VERSION:
            raise ValueError(
                f"format version {value} is newer than this argmap reads ({FORMAT_VERSION});"
                " please update argmap"
            )
        if value in (1, 2) and not isinstance(value, bool):
            # In memory a map is always of the current version; which version
            # a file gets is decided when it is written (required_version).
            return FORMAT_VERSION
        return value

    @model_validator(mode="after")
    def _references_resolve(self, info: ValidationInfo) -> ArgumentMap:
        """Dangling ids and duplicates are errors wherever a map is built.

        File loading passes ``{"check_integrity": False}`` and reports every
        problem with its JSON path itself (see :mod:`argmap.files`).
        """
        if info.context and info.context.get("check_integrity") is False:
            return self
        from argmap.problems import find_errors

        errors = find_errors(self)
        if errors:
            raise ValueError("; ".join(f"{p.path}: {p.message}" for p in errors))
        return self

    # -- lookups -----------------------------------------------------------

    def statement(self, statement_id: str) -> Statement:
        """The statement with this id (KeyError if there is none)."""
        for statement in self.statements:
            if statement.id == statement_id:
                return statement
        raise KeyError(statement_id)

    def relation(self, relation_id: str) -> Relation:
        """The relation with this id (KeyError if there is none)."""
        for relation in self.relations:
            if relation.id == relation_id:
                return relation
        raise KeyError(relation_id)

    def source(self, source_id: str) -> Source:
        """The source with this id (KeyError if there is none)."""
        for source in self.sources:
            if source.id == source_id:
                return source
        raise KeyError(source_id)

    # -- derived roles (see argmap.roles) ----------------------------------

    def roles(self) -> dict[str, Role]:
        """Every statement's role, by id."""
        from argmap.roles import compute_roles

        return compute_roles(self)

    def main_claims(self) -> list[Statement]:
        """Statements that are premises of nothing: the roots of the map."""
        from argmap.roles import Role

        return self._with_role(Role.MAIN_CLAIM)

    def reasons(self) -> list[Statement]:
        from argmap.roles import Role

        return self._with_role(Role.REASON)

    def objections(self) -> list[Statement]:
        from argmap.roles import Role

        return self._with_role(Role.OBJECTION)

    def rebuttals(self) -> list[Statement]:
        from argmap.roles import Role

        return self._with_role(Role.REBUTTAL)

    def speakers(self) -> list[str]:
        """Distinct speakers of statements and relations, in order of appearance."""
        seen: dict[str, None] = {}
        elements: list[Statement | Relation] = [*self.statements, *self.relations]
        for element in elements:
            if element.attribution and element.attribution.speaker:
                seen.setdefault(element.attribution.speaker, None)
        return list(seen)

    def _with_role(self, role: Role) -> list[Statement]:
        roles = self.roles()
        return [s for s in self.statements if roles[s.id] is role]


def required_version(argument_map: ArgumentMap) -> int:
    """The lowest file format version that holds everything in ``argument_map``."""
    for elements in (argument_map.statements, argument_map.relations, argument_map.sources):
        for element in elements:
            for key in VERSION_2_KEYS.get(type(element).__name__, ()):
                if getattr(element, key) is not None:
                    return 2
    return 1
