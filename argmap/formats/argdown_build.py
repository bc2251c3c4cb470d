"""Reading Argdown text into an argument map: lexing, parsing, mapping, validating."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from argmap.collector import collector_paused
from argmap.errors import MapFileError, Problem
from argmap.formats.argdown_lexer import Notes, lex
from argmap.formats.argdown_markup import Markup
from argmap.formats.argdown_parser import parse_lines
from argmap.formats.argdown_reader import (
    ATTRIBUTION_KEYS,
    KNOWN_KEYS,
    WEIGHING_KEYS,
    Element,
    Model,
    acceptance,
    collect,
    frontmatter_fields,
    groups,
    merge_data,
    slug,
    text_value,
    unknown_data,
)
from argmap.formats.argdown_relations import (
    conclusion_of,
    implicit_conclusions,
    inference_relations,
    link_relations,
)
from argmap.formats.argdown_yaml import YamlError, dump_flow, parse_block
from argmap.formats.base import ReadResult
from argmap.model import ArgumentMap, ProofStandard, Weighing

__all__ = ["read_argdown"]

_MAX_FRONTMATTER = 256 * 1024


def read_argdown(text: str, source: str | None = None) -> ReadResult:
    """Parse Argdown ``text``; MapFileError (with line and column) if it cannot be read at all.

    The cyclic garbage collector is paused meanwhile: reading builds many small
    objects and no cycles worth collecting, and the collector's passes over
    them would cost a fifth of the time.
    """
    with collector_paused():
        return _read(text, source)


def _read(text: str, source: str | None) -> ReadResult:
    notes = Notes()
    lexed = lex(text, source, notes)
    front: dict[str, Any] = {}
    if lexed.frontmatter is not None:
        front = _frontmatter(lexed.frontmatter, lexed.frontmatter_line, notes)
    markup = Markup(front.pop("shortcodes", None))
    doc = parse_lines(lexed.lines, notes, markup)
    markup.report(notes)
    model = collect(doc, notes)
    for element in model.elements:
        merge_data(element, notes, [n.content for n in element.nodes])
    implicit = implicit_conclusions(model, doc, notes)
    _assign_ids(model, notes)
    attributions = {
        id(e): _attribution(e, notes, front) for e in model.elements if e.pcs is not None
    }
    relations, by_inference = inference_relations(model, notes, implicit, attributions)
    relations = link_relations(model, doc, notes, relations, by_inference, implicit)
    for element in model.elements:
        if element.pcs is not None:
            _describe_argument(model, element, notes)
    statements = [_statement(e, notes, front) for e in model.elements if _is_statement(e)]
    if not statements:  # an empty map is rarely what a file was meant to hold: say so
        notes.warn("the file holds no statements or arguments; the map is empty", 1, 1)
    group_list, of_section = groups(doc.sections, notes)
    for element in model.elements:
        home = element.home() if _is_statement(element) else None
        group = (
            of_section.get(id(home.section))
            if home is not None and home.section is not None
            else None
        )
        if group is not None:
            group["statements"].append(element.id)
    data = {
        **{k: v for k, v in front.items() if k != "sources"},
        "sources": front.get("sources", []),
        "statements": statements,
        "relations": [_relation(r) for r in relations],
        "groups": group_list,
    }
    try:
        argument_map = ArgumentMap.model_validate(data)
    except ValidationError as error:
        problems = [
            Problem(".".join(str(p) for p in e["loc"]), e["msg"]) for e in error.errors()[:20]
        ]
        raise MapFileError(source, problems) from None
    return ReadResult(argument_map, notes.result())


def _frontmatter(lines: list[str], first_line: int, notes: Notes) -> dict[str, Any]:
    if sum(len(line) + 1 for line in lines) > _MAX_FRONTMATTER:
        notes.warn(
            f"the frontmatter is longer than {_MAX_FRONTMATTER // 1024} KB; not imported",
            first_line - 1,
            1,
        )
        return {}
    try:
        data = parse_block(lines)
    except YamlError as error:
        notes.warn(
            f"the frontmatter is not valid YAML ({error.message}); not imported",
            first_line + error.line - 1,
            error.column,
        )
        return {}
    return frontmatter_fields(data, lines, first_line, notes)


def _is_statement(element: Element) -> bool:
    return element.pcs is None and not element.implicit


def _assign_ids(model: Model, notes: Notes) -> None:
    """Explicit ids first, then argument titles (for relations), then ids made from titles."""
    ids = model.ids
    pending: list[Element] = []
    for element in model.elements:
        if element.implicit:
            continue
        wanted = element.data.get("id")
        if wanted is None:
            pending.append(element)
        elif (
            isinstance(wanted, (str, int))
            and not isinstance(wanted, bool)
            and ids.take(str(wanted))
        ):
            element.id = str(wanted)
        else:
            line, column = element.data_at or (element.line, element.column)
            notes.warn(
                f"id {wanted!r} of {element.label()} is not a usable id or is taken;"
                " another is used",
                line,
                column,
            )
            pending.append(element)
    for number, element in enumerate(pending, start=1):
        if element.pcs is not None:
            element.id = ids.claim(slug(element.title) if element.title else None, f"a{number}")
    for number, element in enumerate(pending, start=1):
        if element.pcs is None:
            element.id = ids.claim(slug(element.title) if element.title else None, f"s{number}")


def _attribution(element: Element, notes: Notes, front: dict[str, Any]) -> dict[str, Any] | None:
    if not element.data:
        return None
    values = {key: text_value(element, key, notes) for key in ATTRIBUTION_KEYS}
    if values["source"] is not None:
        values["source"] = _source_id(values["source"], front)
    values = {k: v for k, v in values.items() if v is not None}
    if element.pcs is not None:  # an argument: its relation's weighing travels along
        values.update(_evaluation_settings(element, notes, WEIGHING_KEYS))
    return values or None


_SETTING_VALUES: dict[str, tuple[str, ...]] = {
    "weighing": tuple(Weighing),
    "standard": tuple(ProofStandard),
}


def _evaluation_settings(element: Element, notes: Notes, keys: tuple[str, ...]) -> dict[str, Any]:
    """Weighing, weight or proof standard from metadata; a value argmap cannot use is reported."""
    settings: dict[str, Any] = {}
    for key in keys:
        if key not in element.data:
            continue
        value = element.data[key]
        if key == "weight":
            usable = isinstance(value, int | float) and not isinstance(value, bool)
            usable = usable and 0 <= value <= 1
        else:
            usable = value in _SETTING_VALUES[key]
        if usable:
            settings[key] = value
            continue
        line, column = element.data_at or (element.line, element.column)
        notes.warn(
            f"metadata '{key}' of {element.label()} is not valid ({value!r}); ignored", line, column
        )
    return settings


def _source_id(value: str, front: dict[str, Any]) -> str:
    """The id of the source a ``source`` value names; an unknown one joins the map's sources."""
    sources: list[dict[str, str]] = front.setdefault("sources", [])
    for entry in sources:
        if value in (entry["id"], entry.get("title")):
            return entry["id"]
    used = {entry["id"] for entry in sources}
    base = slug(value) or "source"
    candidate, number = base, 1
    while candidate in used:
        number += 1
        candidate = f"{base}-{number}"
    sources.append({"id": candidate, "title": value})
    return candidate


def _describe_argument(model: Model, argument: Element, notes: Notes) -> None:
    """A reconstructed argument's title and description go to the note of its conclusion."""
    conclusion = conclusion_of(model, argument)
    description = argument.text(notes)
    tags = argument.tags()
    title_kept = argument.title is None or argument.title == argument.id
    unknown = {
        k: v for k, v in argument.data.items() if k not in (*ATTRIBUTION_KEYS, *WEIGHING_KEYS, "id")
    }
    if title_kept and not description and not tags and not unknown and not argument.notes:
        return
    if conclusion.implicit:
        notes.warn(
            f"the description of {argument.label()} has no place: its conclusion is implicit",
            argument.line,
            argument.column,
        )
        return
    parts = [f"Argument <{argument.title}>" if argument.title else "Argument"]
    if description:
        parts.append(f": {description}")
    parts.extend(f" #({tag})" for tag in tags)
    if unknown:
        parts.append(" " + dump_flow(unknown))
    conclusion.notes.append("".join(parts))
    conclusion.notes.extend(argument.notes)
    notes.warn(
        f"argmap has no argument nodes: {argument.label()} is its premises, conclusion and"
        f" linked relation '{argument.id}'; its title and description are kept in the note of"
        f" {conclusion.label()}",
        argument.line,
        argument.column,
    )


def _statement(element: Element, notes: Notes, front: dict[str, Any]) -> dict[str, Any]:
    text = text_value(element, "text", notes) if "text" in element.data else None
    if text is None:
        text = element.text(notes)
    title = element.title
    if "title" in element.data:
        value = element.data["title"]
        title = (
            value
            if value is None or isinstance(value, str)
            else text_value(element, "title", notes)
        )
    tags = element.tags()
    extra = element.data.get("tags")
    if isinstance(extra, list) and all(isinstance(t, str) for t in extra):
        tags.extend(extra)
    elif extra is not None:
        element.notes.append(f"Argdown data: {dump_flow({'tags': extra})}")
        notes.warn(
            f"metadata 'tags' of {element.label()} should be a list of text; kept in the note",
            *(element.data_at or (element.line, element.column)),
        )
    unknown_data(element, notes, KNOWN_KEYS)
    statement: dict[str, Any] = {
        "id": element.id,
        "text": text,
        "tags": tags,
        "acceptance": acceptance(element, notes),
    }
    if title is not None:
        statement["title"] = title
    statement.update(_evaluation_settings(element, notes, ("standard",)))
    attribution = _attribution(element, notes, front)
    if attribution:
        statement["attribution"] = attribution
    note = text_value(element, "note", notes)
    if element.notes:
        note = "\n".join([note, *element.notes] if note else element.notes)
    if note is not None:
        statement["note"] = note
    return statement


def _relation(relation: Any) -> dict[str, Any]:
    data = {
        "id": relation.id,
        "kind": relation.kind,
        "premises": relation.premises,
        "target": relation.target,
    }
    if relation.attribution:
        attribution = dict(relation.attribution)
        data.update({k: attribution.pop(k) for k in WEIGHING_KEYS if k in attribution})
        if attribution:
            data["attribution"] = attribution
    return data
