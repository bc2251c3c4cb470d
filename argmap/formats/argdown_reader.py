"""From Argdown's document structure to an :class:`~argmap.model.ArgumentMap`.

Argdown has statements (equivalence classes: every occurrence of a title is the
same statement), arguments, and relations between any of them. argmap has
statements and relations whose premises are statements. The mapping (also
described in :mod:`argmap.formats.argdown`):

* a statement title → one statement; untitled text → a statement each time;
* an argument without a premise–conclusion structure → a statement;
* an argument with one → its premises and conclusion are statements and each
  inference step a linked support relation; relations *from* the argument
  start at its main conclusion, relations *to* it target its last inference;
* metadata ``{…}`` → id, title, text, note, acceptance, tags and attribution;
  anything else stays in the note and is reported.

The relations themselves are resolved in :mod:`argdown_relations`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from argmap.formats.argdown_inline import Content
from argmap.formats.argdown_lexer import Notes
from argmap.formats.argdown_markup import SHORTCODE
from argmap.formats.argdown_tree import Document, Node, Pcs, Section
from argmap.formats.argdown_yaml import dump_flow
from argmap.model import ID_PATTERN, Acceptance

__all__ = ["WEIGHING_KEYS", "Element", "Ids", "Model", "collect", "slug"]

_ID = re.compile(ID_PATTERN)
KNOWN_KEYS = {
    "id",
    "title",
    "text",
    "note",
    "acceptance",
    "tags",
    "speaker",
    "source",
    "quote",
    "date",
    "implicit",
    "standard",
}
ATTRIBUTION_KEYS = ("speaker", "source", "quote", "date")
# Keys of an argument's metadata that are its relation's evaluation settings.
WEIGHING_KEYS = ("weighing", "weight")


def slug(title: str) -> str:
    """A readable id made from a title (empty if the title has no usable characters)."""
    return re.sub(r"[^A-Za-z0-9_.\-]+", "-", title).strip("-_.")[:64].rstrip("-_.")


class Ids:
    """Hands out ids unique among statements and relations (groups and sources have their own)."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def take(self, wanted: str) -> bool:
        """Claim exactly ``wanted``, if it is a valid id nobody has yet."""
        if _ID.match(wanted) and len(wanted) <= 64 and wanted not in self.used:
            self.used.add(wanted)
            return True
        return False

    def claim(self, wanted: str | None, fallback: str) -> str:
        base = wanted if wanted and _ID.match(wanted) and len(wanted) <= 64 else fallback
        candidate, number = base, 1
        while candidate in self.used:
            number += 1
            suffix = f"-{number}"
            candidate = base[: 64 - len(suffix)] + suffix
        self.used.add(candidate)
        return candidate


@dataclass(eq=False)
class Element:
    """A statement or an argument: every occurrence of one title, or one untitled occurrence."""

    kind: str  # "statement" or "argument"
    title: str | None
    nodes: list[Node] = field(default_factory=list)
    pcs: Pcs | None = None
    id: str = ""  # the statement id, or for a reconstructed argument the id of its last inference
    implicit: bool = (
        False  # a conclusion that stands for "what the premises establish" (see writer)
    )
    notes: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    data_at: tuple[int, int] | None = None

    @property
    def reconstructed(self) -> bool:
        return self.pcs is not None

    @property
    def line(self) -> int:
        return self.nodes[0].line if self.nodes else self.pcs.line if self.pcs else 0

    @property
    def column(self) -> int:
        return self.nodes[0].column if self.nodes else self.pcs.column if self.pcs else 1

    def label(self) -> str:
        """How messages name it: by title, or by the start of its text and its line."""
        if self.title is not None:
            return f"[{self.title}]" if self.kind == "statement" else f"<{self.title}>"
        if self.nodes and self.nodes[0].content.text:
            text = self.nodes[0].content.text
            snippet = text if len(text) <= 40 else text[:39].rstrip() + "…"
            return f'the {self.kind} "{snippet}" (line {self.line})'
        return f"the untitled {self.kind} at line {self.line}"

    def text(self, notes: Notes) -> str:
        """The first defining text; different texts of other occurrences go to the note."""
        texts: list[tuple[Node, str]] = [(n, n.content.text) for n in self.nodes if n.content.text]
        texts.sort(key=lambda item: item[0].content.reference)  # definitions before references
        if not texts:
            return ""
        first = texts[0][1]
        for node, other in texts[1:]:
            if other != first and f"Also stated as: {other}" not in self.notes:
                self.notes.append(f"Also stated as: {other}")
                notes.warn(
                    f"{self.label()} is stated again with a different text; the first text is"
                    " kept, this one goes to its note",
                    node.line,
                    node.column,
                )
        return first

    def tags(self) -> list[str]:
        tags: list[str] = []
        for node in self.nodes:
            tags.extend(t for t in node.content.tags if t not in tags)
        return tags

    def home(self) -> Node | None:
        """The occurrence that decides the group: a definition, else one with metadata, else any."""
        for node in self.nodes:
            if not node.content.reference:
                return node
        for node in self.nodes:
            if node.content.data is not None:
                return node
        return self.nodes[0] if self.nodes else None


@dataclass
class Model:
    """Everything the relation resolver and the map builder need."""

    elements: list[Element]  # statements and arguments, in order of first appearance
    by_node: dict[int, Element]  # id(node) → its element
    pcs_owner: dict[int, Element]  # id(pcs) → the argument it reconstructs
    ids: Ids


def collect(doc: Document, notes: Notes) -> Model:
    """Occurrences grouped into statements and arguments, each with its reconstruction."""
    statements: dict[str, Element] = {}
    arguments: dict[str, Element] = {}
    elements: list[Element] = []
    by_node: dict[int, Element] = {}
    for node in doc.nodes:
        content = node.content
        kind = content.kind or "statement"
        if node.role in ("premise", "conclusion") and kind == "argument":
            notes.warn(
                f"an argument title <{content.title}> inside a premise–conclusion structure;"
                " read as the statement [" + str(content.title) + "]",
                node.line,
                node.column,
            )
            kind = "statement"
        table = statements if kind == "statement" else arguments
        element = table.get(content.title) if content.title is not None else None
        if element is None:
            element = Element(kind, content.title)
            elements.append(element)
            if content.title is not None:
                table[content.title] = element
        element.nodes.append(node)
        by_node[id(node)] = element
    pcs_owner: dict[int, Element] = {}
    for pcs in doc.pcs:
        owner = by_node.get(id(pcs.argument)) if pcs.argument is not None else None
        if not pcs.complete:
            where = pcs.items[-1][1] if pcs.items else None
            notes.warn(
                "a premise–conclusion structure without an inference line and a conclusion"
                " after it; its statements are read without relations between them",
                where.line if where else pcs.line,
                where.column if where else pcs.column,
            )
            continue
        if owner is not None and owner.pcs is not None:
            notes.warn(
                f"{owner.label()} is reconstructed a second time; the second structure is read"
                " as an untitled argument",
                pcs.line,
                pcs.column,
            )
            owner = None
        if owner is None:
            owner = Element("argument", None)
            elements.append(owner)
        owner.pcs = pcs
        pcs_owner[id(pcs)] = owner
    return Model(elements, by_node, pcs_owner, Ids())


# -- metadata ------------------------------------------------------------------


def merge_data(element: Element, notes: Notes, contents: list[Content]) -> None:
    """Gather the metadata of every occurrence; keep unreadable metadata in the note."""
    for content in contents:
        for raw in content.raw_data:
            element.notes.append(f"Argdown data: {raw}")
        if not content.data:
            continue
        if element.data_at is None:
            element.data_at = content.data_at
        for key, value in content.data.items():
            if key in element.data and element.data[key] != value:
                at = content.data_at or (None, None)
                notes.warn(
                    f"metadata '{key}' of {element.label()} is given twice with different values;"
                    " the last is used",
                    *at,
                )
            element.data[key] = value


def unknown_data(element: Element, notes: Notes, known: set[str]) -> None:
    """Keys argmap has no place for: kept in the note, and reported."""
    line, column = element.data_at or (element.line, element.column)
    for key, value in element.data.items():
        if key not in known:
            element.notes.append(f"Argdown data: {dump_flow({key: value})}")
            notes.warn(
                f"metadata '{key}' of {element.label()} has no place in argmap; kept in the note",
                line,
                column,
            )


def text_value(element: Element, key: str, notes: Notes) -> str | None:
    """A metadata value that must be text (numbers are accepted as text)."""
    value = element.data.get(key)
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    element.notes.append(f"Argdown data: {dump_flow({key: value})}")
    line, column = element.data_at or (element.line, element.column)
    notes.warn(
        f"metadata '{key}' of {element.label()} should be text; kept in the note", line, column
    )
    return None


def acceptance(element: Element, notes: Notes) -> Acceptance:
    value = element.data.get("acceptance")
    if value is None:
        return Acceptance.UNDECIDED
    try:
        return Acceptance(str(value))
    except ValueError:
        element.notes.append(f"Argdown data: {dump_flow({'acceptance': value})}")
        line, column = element.data_at or (element.line, element.column)
        notes.warn(
            f"acceptance {value!r} of {element.label()} is not accepted, rejected or undecided;"
            " kept in the note",
            line,
            column,
        )
        return Acceptance.UNDECIDED


# -- frontmatter ------------------------------------------------------------------

_DESCRIPTION_KEYS = ("description", "subTitle", "subtitle", "abstract")
_MAP_KEYS = {
    "title",
    "author",
    "authors",
    "created",
    "modified",
    "date",
    "sources",
    "model",
    *_DESCRIPTION_KEYS,
}


def frontmatter_fields(
    data: Any, lines: list[str], first_line: int, notes: Notes
) -> dict[str, Any]:
    """The map's title, authors, description, dates and sources from the ``===`` block."""
    if not isinstance(data, dict):
        if data is not None:
            notes.warn(
                "the frontmatter is not a list of 'key: value' settings; not imported",
                first_line,
                1,
            )
        return {}
    result: dict[str, Any] = {}
    key_lines: dict[str, int] = {}
    for number, text in enumerate(lines, start=first_line):
        match = re.match(r"""["']?([^"':]+)["']?\s*:""", text)
        if match and not text[:1].isspace():
            key_lines.setdefault(match.group(1).strip(), number)
    for key, value in data.items():
        line = key_lines.get(key, first_line)
        if key not in _MAP_KEYS:
            if key == "parser" and "argdown+" in str(value).lower():
                notes.warn(
                    "this file is written in the Argdown+ dialect, which is not standard Argdown;"
                    " it is read as standard Argdown, so its extra symbols stay text",
                    line,
                    1,
                )
            else:
                notes.warn(
                    f"frontmatter setting '{key}' has no place in argmap; not imported",
                    line,
                    1,
                )
        elif key == "title" and value is not None:
            result["title"] = str(value)
        elif key in ("author", "authors") and value is not None:
            values = value if isinstance(value, list) else [value]
            result.setdefault("authors", []).extend(str(v) for v in values if v is not None)
        elif key in _DESCRIPTION_KEYS and value is not None:
            if "description" in result:
                notes.warn(f"frontmatter '{key}' is a second description; not imported", line, 1)
            else:
                result["description"] = str(value)
        elif key in ("created", "modified", "date") and value is not None:
            field_name = "created" if key == "date" else key
            try:
                datetime.fromisoformat(str(value))
                result[field_name] = str(value)
            except ValueError:
                notes.warn(
                    f"frontmatter {key} {value!r} is not an ISO date (2024-05-01); not imported",
                    line,
                    1,
                )
        elif key == "sources":
            result["sources"] = _sources(value, line, notes)
        elif key == "model":
            result["shortcodes"] = _shortcodes(value, line, notes)
    return result


def _shortcodes(model: Any, line: int, notes: Notes) -> dict[str, str]:
    """The ``shortcodes`` of Argdown's ``model`` settings; its other settings are reported."""
    if not isinstance(model, dict):
        notes.warn("frontmatter setting 'model' has no place in argmap; not imported", line, 1)
        return {}
    for key in model:
        if key != "shortcodes":
            notes.warn(
                f"frontmatter setting 'model.{key}' has no place in argmap; not imported", line, 1
            )
    table: dict[str, str] = {}
    entries = model.get("shortcodes")
    for code, value in entries.items() if isinstance(entries, dict) else []:
        symbol = value.get("unicode") if isinstance(value, dict) else None
        if isinstance(code, str) and SHORTCODE.fullmatch(code) and isinstance(symbol, str):
            table[code] = symbol
        else:
            notes.warn(
                f"shortcode {dump_flow({code: value})} is not ':name': {{unicode: symbol}};"
                " not imported",
                line,
                1,
            )
    if entries is not None and not isinstance(entries, dict):
        notes.warn(
            "frontmatter 'model.shortcodes' is not a map of shortcodes; not imported", line, 1
        )
    return table


def _sources(value: Any, line: int, notes: Notes) -> list[dict[str, str]]:
    entries = value if isinstance(value, list) else []
    sources: list[dict[str, str]] = []
    for entry in entries:
        if (
            isinstance(entry, dict)
            and isinstance(entry.get("id"), str)
            and entry.get("title") is not None
        ):
            keys = ("id", "title", "author", "publisher", "url", "date", "text")
            sources.append({k: str(entry[k]) for k in keys if entry.get(k) is not None})
            extra = set(entry) - set(keys)
            if extra:
                notes.warn(f"source fields {sorted(extra)} are not imported", line, 1)
        else:
            notes.warn(
                f"frontmatter source {dump_flow(entry)} needs an id and a title; not imported",
                line,
                1,
            )
    return sources


# -- groups --------------------------------------------------------------------


def groups(
    sections: list[Section], notes: Notes
) -> tuple[list[dict[str, Any]], dict[int, dict[str, Any]]]:
    """Headings as groups (nested headings give nested groups); section → its group."""
    result: list[dict[str, Any]] = []
    of_section: dict[int, dict[str, Any]] = {}
    used: set[str] = set()
    for index, section in enumerate(sections, start=1):
        data = section.content.data or {}
        at = section.content.data_at or (section.line, 1)
        for key in data:
            if key not in ("id", "title", "isGroup"):
                notes.warn(f"metadata '{key}' of heading '{section.title}' is not imported", *at)
        for tag in section.content.tags:
            notes.warn(
                f"tag #{tag} on heading '{section.title}' is not imported (groups have no tags)",
                *at,
            )
        for raw in section.content.raw_data:
            notes.warn(f"metadata {raw} of heading '{section.title}' is not imported", *at)
        parent = of_section.get(id(section.parent)) if section.parent is not None else None
        if data.get("isGroup") is False:
            if parent is not None:
                of_section[id(section)] = parent
            continue
        wanted = data.get("id") if isinstance(data.get("id"), str) else slug(section.title)
        group_id = wanted if wanted and _ID.match(wanted) and wanted not in used else f"g{index}"
        while group_id in used:
            group_id += "-"
        used.add(group_id)
        title = (
            data.get("title", section.title)
            if isinstance(data.get("title", ""), str)
            else section.title
        )
        group: dict[str, Any] = {"id": group_id, "title": title, "statements": []}
        if parent is not None:
            group["parent"] = parent["id"]
        result.append(group)
        of_section[id(section)] = group
    return result, of_section
