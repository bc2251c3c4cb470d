"""Writing Kialo's plain-text export (the ``Discussion Title:`` variant).

What a map holds that Kialo cannot is listed in :mod:`argmap.formats.kialo`. The
patterns for claim numbers, links and the sources heading live here, because a
written text line must never read as one of them; the reader uses the same ones.
"""

from __future__ import annotations

import re

from argmap.model import ArgumentMap, RelationKind, Source, Statement

__all__ = ["LINK", "NUMBER", "STRUCTURE", "write_kialo"]

NUMBER = r"[0-9]+(?:\.[0-9]+)*"  # ASCII digits only: a claim number becomes an id
LINK = re.compile(rf"->[ \t]*See[ \t]+({NUMBER})\.?[ \t]*$", re.IGNORECASE)
STRUCTURE = re.compile(
    rf" *(?:{NUMBER}\.(?:[ \t]|$)|->[ \t]*See[ \t]|Sources:[ \t]*$)", re.IGNORECASE
)


def write_kialo(argument_map: ArgumentMap) -> str:
    """The map as Kialo's first variant; an iterative depth-first walk numbers the tree."""
    children, premises = _answers(argument_map)
    source_numbers = _source_numbers(argument_map.sources)
    texts = {s.id: _cited_text(s, source_numbers) for s in argument_map.statements}
    out = [f"Discussion Title: {_one_line(argument_map.title)}".rstrip(), ""]
    written: dict[str, str] = {}
    roots = [s.id for s in argument_map.statements if s.id not in premises]
    roots += [s.id for s in argument_map.statements if s.id in premises]
    top = 0
    for root in roots:
        if root in written:
            continue
        top += 1
        stack: list[tuple[str, str | None, str]] = [(str(top), None, root)]
        while stack:
            number, stance, statement_id = stack.pop()
            prefix = f"{number}. {stance}: " if stance else f"{number}. "
            if statement_id in written:
                out.append(f"{prefix}-> See {written[statement_id]}.")
                continue
            written[statement_id] = number
            out.extend(_claim_lines(prefix, texts[statement_id]))
            answers = children.get(statement_id, [])
            for index in range(len(answers) - 1, -1, -1):
                child_stance, child = answers[index]
                stack.append((f"{number}.{index + 1}", child_stance, child))
    if argument_map.sources:
        out += ["", "Sources:"]
        for source in argument_map.sources:
            out.append(f"[{source_numbers[source.id]}] {_source_line(source)}".rstrip())
    return "\n".join(out) + "\n"


def _answers(argument_map: ArgumentMap) -> tuple[dict[str, list[tuple[str, str]]], set[str]]:
    """Each statement's answers (stance, premise) in map order, and every premise's id.

    Kialo's claims form a tree, so an undercut answers its inference's first premise.
    """
    relations = {r.id: r for r in argument_map.relations}
    children: dict[str, list[tuple[str, str]]] = {}
    premises: set[str] = set()
    for relation in argument_map.relations:
        anchor = relation.target
        if anchor in relations:
            anchor = relations[anchor].premises[0]
        stance = "Pro" if relation.kind == RelationKind.SUPPORT else "Con"
        for premise in relation.premises:
            premises.add(premise)
            if premise != anchor:
                children.setdefault(anchor, []).append((stance, premise))
    return children, premises


def _claim_lines(prefix: str, text: str) -> list[str]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").strip().split("\n")
    first = lines[0]
    if LINK.match(first):  # a text that reads like a link goes to the next line, escaped
        lines.insert(0, "")
        first = ""
    result = [f"{prefix}{first}".rstrip()]
    for line in lines[1:]:
        if not line.strip():
            line = ""  # reading keeps blank lines inside a text, but not their spaces
        elif STRUCTURE.match(line):
            line = f" {line}"
        result.append(line)
    return result


def _cited_text(statement: Statement, source_numbers: dict[str, int]) -> str:
    text = statement.text.strip()
    source = statement.attribution.source if statement.attribution else None
    if source in source_numbers and f"[{source_numbers[source]}]" not in text:
        text = f"{text} [{source_numbers[source]}]".strip()
    return text


def _source_numbers(sources: list[Source]) -> dict[str, int]:
    """Footnote numbers: ``source-<n>`` keeps n, so markers read from Kialo still fit."""
    numbers: dict[str, int] = {}
    used: set[int] = set()
    for source in sources:
        match = re.fullmatch(r"source-([0-9]{1,9})", source.id)
        if match and int(match.group(1)) not in used and int(match.group(1)) > 0:
            numbers[source.id] = int(match.group(1))
            used.add(numbers[source.id])
    following = 1
    for source in sources:
        if source.id not in numbers:
            while following in used:
                following += 1
            numbers[source.id] = following
            used.add(following)
    return numbers


def _source_line(source: Source) -> str:
    parts = (source.title, source.author, source.publisher, source.date)
    line = "; ".join(_one_line(p) for p in parts if p and p.strip())
    return f"{line} {_one_line(source.url)}".strip() if source.url else line


def _one_line(text: str) -> str:
    return " ".join(text.split())
