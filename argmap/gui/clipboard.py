"""Copy, cut and paste of statements with the branch that argues about them.

The clipboard carries a small JSON document (its own MIME type, so pasting
between windows keeps relations, attributions and sources) and the plain
texts for pasting into other programs. Pasting renames every id that would
clash, so a branch can be pasted into the map it came from.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field

from pydantic import ValidationError
from PySide6.QtCore import QMimeData

from argmap.gui.document import fresh_id
from argmap.model import (
    ArgumentMap,
    Attribution,
    Relation,
    RelationKind,
    Source,
    Statement,
    clean_text,
)

__all__ = [
    "MIME_TYPE",
    "Branch",
    "branch_from_mime",
    "branch_to_mime",
    "copy_branch",
    "fresh_relation_ids",
    "made_here",
    "pasteable",
    "prepare_paste",
]

MIME_TYPE = "application/x-argmap-branch+json"
_MADE_HERE = "argmap-made-here"  # a property of the clipboard data this process put there
_MAX_CLIPBOARD = 16 * 1024 * 1024  # a pasted branch bigger than a large map is not ours


@dataclass
class Branch:
    """Statements, the relations among them, and the sources they cite."""

    statements: list[Statement]
    relations: list[Relation]
    sources: list[Source]
    roots: dict[str, RelationKind] = field(
        default_factory=dict
    )  # copied statement -> how it related


def copy_branch(argument_map: ArgumentMap, statement_ids: list[str]) -> Branch:
    """The selected statements with every premise that argues for or against them, recursively."""
    relations_by_target: dict[str, list[Relation]] = {}
    for relation in argument_map.relations:
        relations_by_target.setdefault(relation.target, []).append(relation)
    chosen_statements: set[str] = set(statement_ids)
    chosen_relations: set[str] = set()
    pending = list(statement_ids)
    while pending:  # iterative: deep branches must not hit the recursion limit
        element = pending.pop()
        for relation in relations_by_target.get(element, []):
            if relation.id in chosen_relations:
                continue
            chosen_relations.add(relation.id)
            pending.append(relation.id)  # undercuts of this relation come along
            for premise in relation.premises:
                if premise not in chosen_statements:
                    chosen_statements.add(premise)
                    pending.append(premise)
    statements = [s for s in argument_map.statements if s.id in chosen_statements]
    relations = [r for r in argument_map.relations if r.id in chosen_relations]
    elements: list[Statement | Relation] = [*statements, *relations]
    cited = {
        element.attribution.source
        for element in elements
        if element.attribution and element.attribution.source
    }
    roots = {}
    for statement_id in statement_ids:
        outgoing = next((r for r in argument_map.relations if statement_id in r.premises), None)
        roots[statement_id] = outgoing.kind if outgoing else RelationKind.SUPPORT
    sources = [s for s in argument_map.sources if s.id in cited]
    return Branch(statements, relations, sources, roots)


def branch_to_mime(branch: Branch) -> QMimeData:
    data = {
        "statements": [s.model_dump(mode="json", exclude_none=True) for s in branch.statements],
        "relations": [r.model_dump(mode="json", exclude_none=True) for r in branch.relations],
        "sources": [s.model_dump(mode="json", exclude_none=True) for s in branch.sources],
        "roots": {k: v.value for k, v in branch.roots.items()},
    }
    mime = QMimeData()
    mime.setData(MIME_TYPE, json.dumps(data, ensure_ascii=False).encode("utf-8"))
    mime.setText("\n\n".join(s.text for s in branch.statements if s.id in branch.roots))
    mime.setProperty(_MADE_HERE, True)
    return mime


def made_here(mime: QMimeData | None) -> bool:
    """Whether the clipboard holds the data this process put there (not another argmap's)."""
    return mime is not None and mime.property(_MADE_HERE) is True


def branch_from_mime(mime: QMimeData | None) -> Branch | None:
    """A branch from the clipboard: ours if present, else a statement per paragraph of text."""
    if mime is None:  # an empty clipboard on some platforms
        return None
    if mime.hasFormat(MIME_TYPE):
        raw = bytes(mime.data(MIME_TYPE).data())
        if len(raw) > _MAX_CLIPBOARD:
            return None
        try:
            data = json.loads(raw.decode("utf-8"))
            return Branch(
                statements=[Statement.model_validate(s) for s in data["statements"]],
                relations=[Relation.model_validate(r) for r in data["relations"]],
                sources=[Source.model_validate(s) for s in data["sources"]],
                roots={k: RelationKind(v) for k, v in data["roots"].items()},
            )
        except (ValueError, KeyError, TypeError):
            return None  # damaged clipboard contents: fall back to the text
    text = clean_text(mime.text()).strip() if mime.hasText() else ""  # PDFs paste page breaks
    if not text or len(text) > _MAX_CLIPBOARD:
        return None
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    ids: set[str] = set()
    statements = [
        Statement(id=_fresh("s", ids), text=p) for p in paragraphs[:500]
    ]  # new ids of the editor's kind, so text pasted on two branches of a map merges as two
    return Branch(statements, [], [], {s.id: RelationKind.SUPPORT for s in statements})


def prepare_paste(argument_map: ArgumentMap, branch: Branch) -> Branch:
    """Rename ids that clash with the map; sources equal to the map's are shared, not duplicated."""
    used = {s.id for s in argument_map.statements} | {r.id for r in argument_map.relations}
    source_ids = {s.id: s for s in argument_map.sources}
    renames: dict[str, str] = {}

    def fresh(old: str, taken: set[str]) -> str:
        if old not in taken:
            taken.add(old)
            return old
        stem, number = old.rsplit("-", 1)[0] if "-" in old else old, 2
        while f"{stem}-{number}" in taken:
            number += 1
        taken.add(f"{stem}-{number}")
        return f"{stem}-{number}"

    for prefix, elements in (("s", branch.statements), ("r", branch.relations)):
        for element in elements:  # a copy gets a new id of its own, as an added element does
            renames[element.id] = element.id if element.id not in used else _fresh(prefix, used)
            used.add(renames[element.id])
    source_renames: dict[str, str] = {}
    new_sources = []
    taken_sources = set(source_ids)
    for source in branch.sources:
        if source_ids.get(source.id) == source:
            source_renames[source.id] = source.id
            continue
        new_id = fresh(source.id, taken_sources)
        source_renames[source.id] = new_id
        new_sources.append(source.model_copy(update={"id": new_id}))

    def attribution(value: Attribution | None) -> Attribution | None:
        if value is None or value.source is None:
            return value
        return value.model_copy(update={"source": source_renames.get(value.source)})

    if all(old == new for old, new in renames.items()) and all(
        old == new for old, new in source_renames.items()
    ):  # nothing clashes (a branch from another map): the elements go in as they are
        roots = {k: v for k, v in branch.roots.items() if k in renames}
        return Branch(list(branch.statements), list(branch.relations), new_sources, roots)
    statements = [
        s.model_copy(update={"id": renames[s.id], "attribution": attribution(s.attribution)})
        for s in branch.statements
    ]
    relations = [
        r.model_copy(
            update={
                "id": renames[r.id],
                "premises": [renames.get(p, p) for p in r.premises],
                "target": renames.get(r.target, r.target),
                "attribution": attribution(r.attribution),
            }
        )
        for r in branch.relations
    ]
    roots = {renames[k]: v for k, v in branch.roots.items() if k in renames}
    return Branch(statements, relations, new_sources, roots)


def fresh_relation_ids(argument_map: ArgumentMap, pending: set[str]) -> Iterator[str]:
    """New relation ids (as the editor makes them) used neither by the map nor by ``pending``.

    The ids in use are gathered once: a paste of thousands of branches must
    not gather them again for each.
    """
    taken = pending | {r.id for r in argument_map.relations}
    taken |= {s.id for s in argument_map.statements}
    while True:
        yield _fresh("r", taken)


def _fresh(prefix: str, taken: set[str]) -> str:
    """A new id not in ``taken``, which then holds it."""
    new = fresh_id(prefix, taken.__contains__)
    taken.add(new)
    return new


def pasteable(
    argument_map: ArgumentMap,
    statements: list[Statement],
    relations: list[Relation],
    sources: list[Source],
) -> bool:
    """Would the map still be valid? A crafted clipboard must not corrupt the document."""
    data = argument_map.model_dump(mode="json", exclude_none=True)
    data["statements"] += [s.model_dump(mode="json", exclude_none=True) for s in statements]
    data["relations"] += [r.model_dump(mode="json", exclude_none=True) for r in relations]
    data["sources"] += [s.model_dump(mode="json", exclude_none=True) for s in sources]
    try:
        ArgumentMap.model_validate(data)
    except ValidationError:
        return False
    return True
