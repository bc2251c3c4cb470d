"""Checking a map's quotes against the texts of its sources.

A quote is checked when it cites a source that holds its text; a quote
without a source, or citing a source without text, is not checked (there is
nothing to check it against). Checking is not part of
:func:`argmap.problems.find_problems`, which runs whenever a map is built
and must stay cheap; ``argmap validate`` and the editor ask for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from argmap.errors import Problem, Severity
from argmap.model import ArgumentMap, Attribution, Relation, Statement
from argmap.sourcetext.closest import Closest, closest_passage, first_difference
from argmap.sourcetext.quotes import QuoteMatch, index_for, parse_quote, unmarked

__all__ = ["QuoteCheck", "QuoteStatus", "check_quote", "quote_problems"]

SHOWN = 160  # characters of a closest passage shown in a message


class QuoteStatus(StrEnum):
    FOUND = "found"
    NOT_FOUND = "not found"
    UNCHECKED = "unchecked"  # no quote, no source, or a source without text


@dataclass(frozen=True)
class QuoteCheck:
    """What checking one quote found: where it is, or the closest passage and a fix."""

    status: QuoteStatus
    source_id: str | None = None
    match: QuoteMatch | None = None
    closest: Closest | None = None
    difference: str | None = None

    def describe(self) -> str:
        """One line for a person: where the quote stands, and what to do if it is not found."""
        if self.status is QuoteStatus.FOUND:
            return f"the quote is in source {self.source_id!r}"
        if self.status is QuoteStatus.UNCHECKED:
            return "the quote is not checked (its source holds no text)"
        message = f"the quote is not in source {self.source_id!r}"
        if self.closest is None:
            return f"{message}, nor anything like it"
        message += (
            f"; the closest passage ({self.closest.score:.0f}% alike) is"
            f" “{_shortened(self.closest.passage)}”"
        )
        if self.difference:
            message += f": {self.difference}"
        return message + "; quote that passage, marking omissions […] and insertions [like this]"


def check_quote(
    argument_map: ArgumentMap, attribution: Attribution | None, *, closest: bool = True
) -> QuoteCheck:
    """Check one attribution's quote; ``closest``: look for the closest passage if not found."""
    if attribution is None or not attribution.quote or not attribution.source:
        return QuoteCheck(QuoteStatus.UNCHECKED)
    text = _text_of(argument_map, attribution.source)
    pattern = parse_quote(attribution.quote)
    if text is None or pattern.is_empty():
        return QuoteCheck(QuoteStatus.UNCHECKED, attribution.source)
    index = index_for(text)
    found = index.find(attribution.quote)
    if found is not None:
        return QuoteCheck(QuoteStatus.FOUND, attribution.source, match=found)
    if not closest:
        return QuoteCheck(QuoteStatus.NOT_FOUND, attribution.source)
    near = closest_passage(index, pattern)
    difference = first_difference(unmarked(attribution.quote), near.passage) if near else None
    return QuoteCheck(
        QuoteStatus.NOT_FOUND, attribution.source, closest=near, difference=difference
    )


def quote_problems(argument_map: ArgumentMap) -> list[Problem]:
    """A warning for each quote not found in its source's text, naming the closest passage."""
    if not any(source.text for source in argument_map.sources):
        return []
    problems = []
    for path, element in _quoting(argument_map):
        check = check_quote(argument_map, element.attribution)
        if check.status is QuoteStatus.NOT_FOUND:
            what = "statement" if isinstance(element, Statement) else "relation"
            problems.append(
                Problem(
                    f"{path}.attribution.quote",
                    f"{what} {element.id!r}: {check.describe()}",
                    Severity.WARNING,
                )
            )
    return problems


def _quoting(argument_map: ArgumentMap) -> Iterator[tuple[str, Statement | Relation]]:
    for index, statement in enumerate(argument_map.statements):
        if statement.attribution is not None and statement.attribution.quote:
            yield f"statements[{index}]", statement
    for index, relation in enumerate(argument_map.relations):
        if relation.attribution is not None and relation.attribution.quote:
            yield f"relations[{index}]", relation


def _text_of(argument_map: ArgumentMap, source_id: str) -> str | None:
    for source in argument_map.sources:
        if source.id == source_id:
            return source.text or None
    return None


def _shortened(passage: str) -> str:
    """A passage on one line, its middle left out when it is long."""
    flat = " ".join(passage.split())
    if len(flat) <= SHOWN:
        return flat
    half = SHOWN // 2 - 2
    return f"{flat[:half]} […] {flat[-half:]}"
