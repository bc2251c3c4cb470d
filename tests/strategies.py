"""Hypothesis strategies for valid argument maps of any shape and script."""

from __future__ import annotations

from hypothesis import strategies as st

from argmap.model import (
    Acceptance,
    ArgumentMap,
    Attribution,
    Group,
    Position,
    Relation,
    Source,
    Statement,
)

# Any printable text: Hebrew, Arabic, emoji, quotes, braces, newlines and tabs.
_characters = st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\n\t")
texts = st.text(_characters, max_size=60)
words = st.text(_characters, min_size=1, max_size=20)
ids = st.from_regex(r"[a-z0-9][a-z0-9_.\-]{0,8}", fullmatch=True)


@st.composite
def attributions(draw, source_ids: list[str]) -> Attribution | None:
    if not draw(st.booleans()):
        return None
    return Attribution(
        speaker=draw(st.none() | words),
        source=draw(st.none() | st.sampled_from(source_ids)) if source_ids else None,
        quote=draw(st.none() | texts),
        date=draw(st.none() | words),
    )


@st.composite
def argument_maps(draw, max_statements: int = 8) -> ArgumentMap:
    names = draw(st.lists(ids, min_size=1, max_size=max_statements + 6, unique=True))
    count = draw(st.integers(1, min(max_statements, len(names))))
    statement_ids, spare = names[:count], names[count:]
    source_ids = draw(st.lists(ids, max_size=3, unique=True))
    sources = [Source(id=i, title=draw(words), author=draw(st.none() | words)) for i in source_ids]
    statements = [
        Statement(
            id=i,
            text=draw(texts),
            title=draw(st.none() | words),
            tags=draw(st.lists(words, max_size=3)),
            note=draw(st.none() | texts),
            acceptance=draw(st.sampled_from(list(Acceptance))),
            attribution=draw(attributions(source_ids)),
        )
        for i in statement_ids
    ]
    relations: list[Relation] = []
    for relation_id in spare:
        if len(statement_ids) < 2:
            break
        premises = draw(
            st.lists(st.sampled_from(statement_ids), min_size=1, max_size=3, unique=True)
        )
        targets = [s for s in statement_ids if s not in premises] + [r.id for r in relations]
        if not targets:
            continue
        relations.append(
            Relation(
                id=relation_id,
                kind=draw(st.sampled_from(["support", "attack"])),
                premises=premises,
                target=draw(st.sampled_from(targets)),
                attribution=draw(attributions(source_ids)),
            )
        )
    members = draw(st.lists(st.sampled_from(statement_ids), unique=True, max_size=4))
    groups = [Group(id="g1", title=draw(words), statements=members)] if members else []
    positions = {
        i: Position(x=draw(st.floats(-5000, 5000)), y=draw(st.floats(-5000, 5000)))
        for i in draw(st.lists(st.sampled_from(statement_ids), unique=True, max_size=3))
    }
    argument_map = ArgumentMap(
        title=draw(texts),
        description=draw(st.none() | texts),
        authors=draw(st.lists(words, max_size=2)),
        created=draw(st.none() | st.just("2024-05-01")),
        statements=statements,
        relations=relations,
        sources=sources,
        groups=groups,
    )
    argument_map.layout.positions.update(positions)
    return argument_map
