"""What writing a map in another format leaves out or changes, counted from the map itself.

Reading reports what it cannot carry over as warnings; writing has to say the same,
or ``argmap convert --strict`` and File → Export Map As… would drop content without a
word. Each format that cannot hold a whole map declares here what it cannot hold, and
:func:`losses` checks a given map against that declaration, element by element: a map
without titles gets no word about titles. :func:`loss_warnings` groups them into one
warning per kind ("49 statement titles", "the map's description") for people to read.

The declarations were found by writing each sample map and hand-built maps that use
every field, reading the text back and comparing field by field
(``tests/test_convert_losses.py`` keeps them true). Markdown cannot be read back; there
a field counts as kept when changing it changes the outline.

Argmap's own format, Argdown and AIF JSON keep nearly everything (Argdown and AIF carry
argmap's own keys in metadata and in an extras block); Kialo's outline and the Markdown
report keep the statements, the shape of the debate and little else.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from argmap.errors import Problem, Severity
from argmap.model import Acceptance, ArgumentMap, Attribution, Layout, Relation, Statement

__all__ = ["Loss", "loss_warnings", "losses"]

_KIALO_SOURCE_ID = re.compile(r"source-[1-9][0-9]{0,8}")
_ATTRIBUTION = ("speaker", "quote", "date", "source")


@dataclass(frozen=True)
class Loss:
    """One field of one element that the written file does not give back as it is.

    ``element`` is ``"map"``, ``"statement"``, ``"relation"``, ``"source"`` or ``"group"``;
    ``element_id`` is empty for the map; ``field`` is the model's name for it (``title``,
    ``attribution.speaker``, ``layout.direction``), or ``position`` for a statement's pinned
    place, ``premises`` for co-premises written apart, ``target`` for an undercut written as
    an attack on a statement, and ``group`` for a whole group.
    """

    element: str
    element_id: str
    field: str


def losses(argument_map: ArgumentMap, format_name: str) -> list[Loss]:
    """Everything in ``argument_map`` that writing it as ``format_name`` leaves out or changes.

    ValueError names a format that is unknown or cannot be written.
    """
    from argmap.formats import writer_for

    checker = _CHECKERS.get(writer_for("", format_name).name)
    return [] if checker is None else list(checker(argument_map))


def loss_warnings(argument_map: ArgumentMap, format_name: str) -> list[Problem]:
    """The losses as warnings, one per kind, each naming the elements (the first few of many).

    This is what ``argmap convert`` prints and what an export dialog should show; an
    empty list means the file will give back the map as it is.
    """
    from argmap.formats import writer_for

    found = losses(argument_map, format_name)
    title = writer_for("", format_name).title
    kinds: dict[tuple[str, str], list[str]] = {}
    for loss in found:
        kinds.setdefault((loss.element, loss.field), []).append(loss.element_id)
    return [
        Problem("", _describe(title, element, field, ids), Severity.WARNING)
        for (element, field), ids in kinds.items()
    ]


# -- what each kind is called ----------------------------------------------------------

_MAP_FIELDS = {
    "title": "the white space in the map's title",
    "description": "the map's description",
    "authors": "the map's authors",
    "created": "the map's creation date",
    "modified": "the map's date of last change",
    "layout.direction": "the map's reading direction",
    "layout.theme": "the map's colour theme",
}
# (element, field) -> (what the format does to {n} of them, the element, its plural)
_NAMES: dict[tuple[str, str], tuple[str, str, str]] = {
    ("statement", "id"): ("does not keep the ids of {n}", "statement", "statements"),
    ("statement", "text"): ("changes the white space of {n}", "statement text", "statement texts"),
    ("statement", "title"): ("cannot hold {n}", "statement title", "statement titles"),
    ("statement", "note"): ("cannot hold {n}", "note", "notes"),
    ("statement", "tags"): ("cannot hold the tags of {n}", "statement", "statements"),
    ("statement", "acceptance"): ("cannot hold {n}", "acceptance mark", "acceptance marks"),
    ("statement", "standard"): ("cannot hold {n}", "proof standard", "proof standards"),
    ("statement", "position"): ("cannot hold {n}", "pinned position", "pinned positions"),
    ("relation", "id"): ("does not keep the ids of {n}", "relation", "relations"),
    ("relation", "premises"): (
        "writes the co-premises of {n} as separate reasons or objections",
        "linked relation",
        "linked relations",
    ),
    ("relation", "target"): (
        "aims {n} at the inference's first premise instead of the inference",
        "undercut (or reason for an inference)",
        "undercuts (or reasons for inferences)",
    ),
    ("relation", "weighing"): ("cannot hold {n}", "weighing", "weighings"),
    ("relation", "weight"): ("cannot hold {n}", "weight", "weights"),
    ("source", "id"): ("does not keep the ids of {n}", "source", "sources"),
    ("source", "title"): (
        "writes the title, author, publisher and date of {n} as one title",
        "source",
        "sources",
    ),
    ("source", "author"): ("cannot hold the author of {n}", "source", "sources"),
    ("source", "publisher"): ("cannot hold the publisher of {n}", "source", "sources"),
    ("source", "date"): ("cannot hold the date of {n}", "source", "sources"),
    ("source", "text"): ("cannot hold the full text of {n}", "source", "sources"),
    ("group", "group"): ("cannot hold {n}", "group", "groups"),
    ("group", "order"): ("does not keep the order of the statements of {n}", "group", "groups"),
    ("statement", "role"): ("changes the role of {n}", "statement", "statements"),
}
_MAP_ORDER = {
    "order.statements": "does not keep the order of the map's statements",
    "order.relations": "does not keep the order of the map's relations",
}
_SHOWN_IDS = 5


def _describe(title: str, element: str, field: str, ids: list[str]) -> str:
    if element == "map":
        if field in _MAP_ORDER:
            return f"{title} {_MAP_ORDER[field]}"
        return f"{title} cannot hold {_MAP_FIELDS[field]}"
    if field.startswith("attribution."):
        part = field.removeprefix("attribution.")
        part = "source reference" if part == "source" else part
        owner = "statement" if element == "statement" else "inference"
        what, one, many = "cannot hold {n}", f"{owner}'s {part}", f"{owner}s' {part}s"
    else:
        what, one, many = _NAMES[(element, field)]
    shown = ", ".join(ids[:_SHOWN_IDS])
    if len(ids) > _SHOWN_IDS:
        shown += f" and {len(ids) - _SHOWN_IDS} more"
    count = f"{len(ids)} {one if len(ids) == 1 else many}"
    return f"{title} {what.format(n=count)} ({shown})"


# -- checks shared by the formats -------------------------------------------------------


def _map_fields(argument_map: ArgumentMap, fields: tuple[str, ...]) -> Iterator[Loss]:
    default = Layout()
    values = {
        "description": argument_map.description is not None,
        "authors": bool(argument_map.authors),
        "created": argument_map.created is not None,
        "modified": argument_map.modified is not None,
        "layout.direction": argument_map.layout.direction != default.direction,
        "layout.theme": argument_map.layout.theme != default.theme,
    }
    for field in fields:
        if values[field]:
            yield Loss("map", "", field)


def _positions(argument_map: ArgumentMap) -> Iterator[Loss]:
    for statement_id in argument_map.layout.positions:
        yield Loss("statement", statement_id, "position")


def _statement_fields(argument_map: ArgumentMap, fields: tuple[str, ...]) -> Iterator[Loss]:
    for statement in argument_map.statements:
        present = {
            "title": statement.title is not None,
            "note": statement.note is not None,
            "tags": bool(statement.tags),
            "acceptance": statement.acceptance != Acceptance.UNDECIDED,
            "standard": statement.standard is not None,
        }
        for field in fields:
            if present[field]:
                yield Loss("statement", statement.id, field)


def _attribution(element: str, element_id: str, attribution: Attribution | None) -> Iterator[Loss]:
    for part in _ATTRIBUTION:
        if attribution is not None and getattr(attribution, part) is not None:
            yield Loss(element, element_id, f"attribution.{part}")


def _groups(argument_map: ArgumentMap) -> Iterator[Loss]:
    for group in argument_map.groups:
        yield Loss("group", group.id, "group")


def _renamed_on_reading(
    argument_map: ArgumentMap, back: ArgumentMap, statement_ids: set[str], relation_ids: set[str]
) -> Iterator[Loss]:
    """The ids among those given that reading the written file does not give back.

    Reading names statements and relations by their place in the file (Kialo's claim
    numbers and ``r1``, ``r2``, …) or, for Argdown's relation lines, by what they connect
    (``b-supports-a``). An id of another form cannot come back; one of that form comes
    back only where it fits, which the map read back tells: the map read from a file in
    that format, written again, keeps its ids.
    """
    kept = _kept_ids(argument_map, back, statement_ids | relation_ids)
    for statement_id in sorted(statement_ids - kept, key=_order(argument_map.statements)):
        yield Loss("statement", statement_id, "id")
    for relation_id in sorted(relation_ids - kept, key=_order(argument_map.relations)):
        yield Loss("relation", relation_id, "id")


def _order(elements: list[Statement] | list[Relation]) -> Callable[[str], int]:
    places = {element_id: index for index, element_id in enumerate(e.id for e in elements)}
    return places.__getitem__


def _read_back(argument_map: ArgumentMap, format_name: str) -> ArgumentMap:
    """The map as reading the file written in ``format_name`` gives it back."""
    from argmap.formats import format_by_name

    chosen = format_by_name(format_name)
    return chosen.read(chosen.write(argument_map), None).map


def _kept_ids(argument_map: ArgumentMap, back: ArgumentMap, ids: set[str]) -> set[str]:
    """Which of ``ids`` name the same statement (by text) or relation (by kind, premises and
    target, by text) in the map read back from the written file."""

    def texts(m: ArgumentMap) -> dict[str, str]:
        return {s.id: " ".join(s.text.split()) for s in m.statements}

    def shapes(m: ArgumentMap) -> dict[str, tuple[str, tuple[str, ...], str]]:
        text = texts(m)
        return {
            r.id: (str(r.kind), tuple(sorted(text[p] for p in r.premises)), text.get(r.target, ""))
            for r in m.relations
        }

    before_texts, after_texts = texts(argument_map), texts(back)
    before_shapes, after_shapes = shapes(argument_map), shapes(back)
    return {
        i
        for i in ids
        if (i in before_texts and after_texts.get(i) == before_texts[i])
        or (i in before_shapes and after_shapes.get(i) == before_shapes[i])
    }


def _reordered(argument_map: ArgumentMap, back: ArgumentMap) -> Iterator[Loss]:
    """Orders and roles that reading back does not give: of statements, relations, a group's
    statements, and each statement's role (which its first relation decides).

    Statements are matched by id, else by text; relations by kind, premises and target.
    """
    from argmap.roles import compute_roles

    statements = _match_statements(argument_map, back)
    relations = _match_relations(argument_map, back, statements)
    for field, before, after, matched in (
        ("order.statements", argument_map.statements, back.statements, statements),
        ("order.relations", argument_map.relations, back.relations, relations),
    ):
        ids = [matched[e.id] for e in before if e.id in matched]
        if ids != [e.id for e in after if e.id in set(ids)]:
            yield Loss("map", "", field)
    groups = {g.id: g for g in back.groups}
    for group in argument_map.groups:
        ids = [statements[s] for s in group.statements if s in statements]
        other = groups.get(group.id)
        if other is not None and set(other.statements) == set(ids) and other.statements != ids:
            yield Loss("group", group.id, "order")
    roles, roles_back = compute_roles(argument_map), compute_roles(back)
    for statement in argument_map.statements:
        if statement.id in statements and roles_back.get(statements[statement.id]) != roles.get(
            statement.id
        ):
            yield Loss("statement", statement.id, "role")


def _normal(text: str) -> str:
    return " ".join(text.split())


def _match_statements(argument_map: ArgumentMap, back: ArgumentMap) -> dict[str, str]:
    """Statement id -> the id of the same statement read back: the same id and text, or text."""
    by_id = {s.id: s for s in back.statements}
    by_text: dict[str, list[str]] = {}
    for statement in back.statements:
        by_text.setdefault(_normal(statement.text), []).append(statement.id)
    matched: dict[str, str] = {}
    for statement in argument_map.statements:
        same = by_id.get(statement.id)
        if same is not None and _normal(same.text) == _normal(statement.text):
            matched[statement.id] = same.id
            by_text[_normal(same.text)].remove(same.id)
    for statement in argument_map.statements:
        candidates = by_text.get(_normal(statement.text))
        if statement.id not in matched and candidates:
            matched[statement.id] = candidates.pop(0)
    return matched


def _match_relations(
    argument_map: ArgumentMap, back: ArgumentMap, statements: dict[str, str]
) -> dict[str, str]:
    """Relation id -> the id of the relation read back with the same kind, premises and target
    (a relation aimed at a relation once that one is matched)."""
    free: dict[tuple[str, tuple[str, ...], str], list[str]] = {}
    for relation in back.relations:
        shape = (str(relation.kind), tuple(sorted(relation.premises)), relation.target)
        free.setdefault(shape, []).append(relation.id)
    matched: dict[str, str] = {}
    waiting = list(argument_map.relations)
    while waiting:
        later = []
        for relation in waiting:
            target = statements.get(relation.target) or matched.get(relation.target)
            if target is None and any(r.id == relation.target for r in waiting):
                later.append(relation)
                continue
            premises = tuple(sorted(statements.get(p, "") for p in relation.premises))
            candidates = free.get((str(relation.kind), premises, target or ""), [])
            if candidates:
                same = relation.id if relation.id in candidates else candidates[0]
                candidates.remove(same)
                matched[relation.id] = same
        if len(later) == len(waiting):
            break
        waiting = later
    return matched


# -- the formats --------------------------------------------------------------------------


def _argdown(argument_map: ArgumentMap) -> Iterator[Loss]:
    """Argdown keeps everything but the layout, the ids of relations written as arrows, and the
    order of statements and relations (the file lists them as its trees read; roles are kept)."""
    from argmap.formats.argdown_writer import written_as_arguments

    arguments = written_as_arguments(argument_map)
    plain = {r.id for r in argument_map.relations if r.id not in arguments}
    back = _read_back(argument_map, "argdown")
    yield from _renamed_on_reading(argument_map, back, set(), plain)
    yield from _reordered(argument_map, back)
    yield from _map_fields(argument_map, ("layout.direction", "layout.theme"))
    yield from _positions(argument_map)


def _kialo(argument_map: ArgumentMap) -> Iterator[Loss]:
    """Kialo keeps the texts, the tree of pros and cons, and sources as footnotes."""
    from argmap.formats.kialo_write import source_numbers

    if argument_map.title != " ".join(argument_map.title.split()):
        yield Loss("map", "", "title")
    yield from _map_fields(
        argument_map,
        ("description", "authors", "created", "modified", "layout.direction", "layout.theme"),
    )
    relation_ids = {r.id for r in argument_map.relations}
    plain = {  # a relation Kialo reshapes is not one relation any more: its id is moot
        r.id
        for r in argument_map.relations
        if len(r.premises) == 1 and r.target not in relation_ids
    }
    statement_ids = {s.id for s in argument_map.statements}
    back = _read_back(argument_map, "kialo")
    yield from _renamed_on_reading(argument_map, back, statement_ids, plain)
    yield from _reordered(argument_map, back)
    for statement in argument_map.statements:
        if statement.text != _kialo_text(statement.text):
            yield Loss("statement", statement.id, "text")
    yield from _statement_fields(argument_map, ("title", "note", "tags", "acceptance", "standard"))
    for statement in argument_map.statements:
        attribution = statement.attribution
        if attribution is not None:
            attribution = attribution.model_copy(update={"source": None})  # a footnote keeps it
        yield from _attribution("statement", statement.id, attribution)
    yield from _positions(argument_map)
    yield from _tree_relations(argument_map)
    numbers = source_numbers(argument_map.sources)
    for source in argument_map.sources:
        if source.id != f"source-{numbers[source.id]}" or not _KIALO_SOURCE_ID.fullmatch(source.id):
            yield Loss("source", source.id, "id")
        merged = [f for f in ("author", "publisher", "date") if getattr(source, f) is not None]
        if merged or source.title != " ".join(source.title.split()):
            yield Loss("source", source.id, "title")
        for field in [*merged, *(["text"] if source.text is not None else [])]:
            yield Loss("source", source.id, field)
    yield from _groups(argument_map)


def _tree_relations(argument_map: ArgumentMap) -> Iterator[Loss]:
    """A tree of claims: one premise per claim, and each claim answers a claim."""
    relation_ids = {r.id for r in argument_map.relations}
    for relation in argument_map.relations:
        if len(relation.premises) > 1:
            yield Loss("relation", relation.id, "premises")
        if relation.target in relation_ids:
            yield Loss("relation", relation.id, "target")
        yield from _attribution("relation", relation.id, relation.attribution)
        if relation.weighing is not None:
            yield Loss("relation", relation.id, "weighing")
        if relation.weight is not None:
            yield Loss("relation", relation.id, "weight")


def _kialo_text(text: str) -> str:
    """A statement's text as Kialo gives it back: no white space at its ends or line ends."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").strip().split("\n")
    return "\n".join(line.rstrip() for line in lines)


def _markdown(argument_map: ArgumentMap) -> Iterator[Loss]:
    """The outline keeps texts, roles, co-premises, undercuts, attributions and sources."""
    if argument_map.title != " ".join(argument_map.title.split()):
        yield Loss("map", "", "title")
    if argument_map.description is not None and not argument_map.description.strip():
        yield Loss("map", "", "description")
    yield from _map_fields(
        argument_map, ("authors", "created", "modified", "layout.direction", "layout.theme")
    )
    for statement in argument_map.statements:
        yield Loss("statement", statement.id, "id")
        if statement.text != _markdown_text(statement.text):
            yield Loss("statement", statement.id, "text")
        yield from _blank_attribution("statement", statement.id, statement.attribution)
    yield from _statement_fields(argument_map, ("title", "note", "tags", "acceptance", "standard"))
    yield from _positions(argument_map)
    for relation in argument_map.relations:
        yield Loss("relation", relation.id, "id")
        yield from _blank_attribution("relation", relation.id, relation.attribution)
        if relation.weighing is not None:
            yield Loss("relation", relation.id, "weighing")
        if relation.weight is not None:
            yield Loss("relation", relation.id, "weight")
    for source in argument_map.sources:
        yield Loss("source", source.id, "id")
        for field in ("author", "publisher", "date"):
            value = getattr(source, field)
            if value is not None and not value.strip():
                yield Loss("source", source.id, field)
        if source.text is not None:
            yield Loss("source", source.id, "text")
    yield from _groups(argument_map)


def _blank_attribution(
    element: str, element_id: str, attribution: Attribution | None
) -> Iterator[Loss]:
    """The outline shows speaker, quote and date, but leaves out ones that are only spaces."""
    if attribution is None:
        return
    for part in ("speaker", "quote", "date"):
        value = getattr(attribution, part)
        if value is not None and not value.strip():
            yield Loss(element, element_id, f"attribution.{part}")


def _markdown_text(text: str) -> str:
    """A text as the outline holds it: each line without white space at its ends."""
    return "\n".join(line.strip() for line in text.strip().splitlines())


_CHECKERS: dict[str, Callable[[ArgumentMap], Iterator[Loss]]] = {
    "argdown": _argdown,
    "kialo": _kialo,
    "markdown": _markdown,
}
