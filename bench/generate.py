"""Synthetic but realistic debates, for benchmarking export on maps of any size.

The seed maps are small; to see how argmap scales we need maps of 100 to
thousands of statements that look like real ones to Graphviz: a few main
claims, an irregular tree of reasons, objections and rebuttals (branching 2-4),
some linked reasons (a junction node each), a few undercuts (an attack on an
inference, also a junction), cards with 10-40 words and an attribution line,
and clusters. Everything comes from ``random.Random(seed)``, so a size and a
seed always give the same map, and the benchmark is comparable between runs.

Run as ``python bench/generate.py N OUT.argmap [--seed S]`` to write one.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import deque
from pathlib import Path

from argmap.files import save_map
from argmap.model import (
    Acceptance,
    ArgumentMap,
    Attribution,
    Group,
    Relation,
    RelationKind,
    Source,
    Statement,
)

__all__ = ["generate_map"]

# Plain debate vocabulary: the words only have to look like prose to the
# text wrapper and to Graphviz's font metrics, so a fixed list is enough.
_WORDS = [
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "policy",
    "treaty",
    "alliance",
    "security",
    "defence",
    "army",
    "border",
    "region",
    "state",
    "government",
    "parliament",
    "minister",
    "public",
    "opinion",
    "voters",
    "economy",
    "budget",
    "cost",
    "benefit",
    "risk",
    "threat",
    "deterrence",
    "agreement",
    "commitment",
    "obligation",
    "guarantee",
    "sovereignty",
    "independence",
    "history",
    "precedent",
    "experience",
    "evidence",
    "study",
    "report",
    "analysis",
    "survey",
    "data",
    "trend",
    "decade",
    "would",
    "could",
    "should",
    "might",
    "must",
    "will",
    "may",
    "not",
    "never",
    "always",
    "often",
    "rarely",
    "likely",
    "unlikely",
    "increase",
    "reduce",
    "weaken",
    "strengthen",
    "protect",
    "expose",
    "limit",
    "extend",
    "require",
    "allow",
    "prevent",
    "support",
    "oppose",
    "ignore",
    "assume",
    "suggest",
    "show",
    "prove",
    "claim",
    "argue",
    "deny",
    "accept",
    "reject",
    "because",
    "although",
    "however",
    "therefore",
    "since",
    "unless",
    "while",
    "whereas",
    "despite",
    "given",
    "if",
    "when",
    "long",
    "short",
    "term",
    "strategic",
    "military",
    "diplomatic",
    "political",
    "legal",
    "moral",
    "practical",
    "neighbours",
    "allies",
    "partners",
    "rivals",
    "enemies",
    "citizens",
    "soldiers",
    "leaders",
    "experts",
    "critics",
    "freedom",
    "of",
    "action",
    "in",
    "on",
    "at",
    "by",
    "for",
    "with",
    "without",
    "against",
    "between",
    "within",
    "across",
    "over",
    "under",
    "and",
    "or",
    "but",
    "so",
    "yet",
    "also",
    "only",
    "even",
    "still",
    "already",
    "perhaps",
    "clearly",
    "arguably",
    "in",
    "fact",
    "war",
    "peace",
    "crisis",
    "conflict",
    "negotiation",
    "sanction",
    "aid",
    "trade",
    "market",
    "investment",
    "technology",
    "intelligence",
    "cooperation",
    "dependence",
    "influence",
    "credibility",
    "legitimacy",
    "stability",
]

_SPEAKERS = (
    "Miriam Adler", "Tomas Berg", "Leila Haddad", "Jonas Keller", "Ana Ortega",
    "David Levi", "Sofia Marino", "Omar Nasser", "Ruth Cohen", "Pieter de Vries",
    "Hana Sato", "Yusuf Demir", "Clara Fontaine", "Ivan Petrov", "Noa Shapiro",
    "Samuel Okafor", "Elena Rossi", "Amir Katz", "Greta Lindqvist", "Daniel Brandt",
)  # fmt: skip

_TAGS = ("security", "economy", "history", "law", "diplomacy", "public opinion", "cost")
_PERIODS = ("early 1990s", "mid-1990s", "late 1990s", "2000s", "2010s")


def _sentence(rng: random.Random, low: int, high: int) -> str:
    """Between ``low`` and ``high`` words, capitalised, with an occasional comma."""
    words = [rng.choice(_WORDS) for _ in range(rng.randint(low, high))]
    if len(words) > 8 and rng.random() < 0.5:
        cut = rng.randint(3, len(words) - 3)
        words[cut] += ","
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def _text(rng: random.Random) -> str:
    """10-40 words; one card in twenty has an author's line break between two sentences."""
    if rng.random() < 0.05:
        return _sentence(rng, 5, 20) + "\n" + _sentence(rng, 5, 20)
    return _sentence(rng, 10, 40)


class _Debate:
    """Accumulates statements and relations while the debate tree grows."""

    def __init__(self, rng: random.Random, sources: list[Source]) -> None:
        self.rng = rng
        self.source_ids = [s.id for s in sources]
        self.statements: list[Statement] = []
        self.relations: list[Relation] = []
        self.stance: dict[str, str] = {}  # "pro" (claim/reason) or "con" (objection/rebuttal)
        self.children: dict[str, list[str]] = {}  # statement id -> its premises' ids
        # A few speakers say most of the things, as in a real debate.
        self.speaker_weights = [1.0 / (rank + 1) for rank in range(len(_SPEAKERS))]

    def add_statement(self, stance: str) -> str:
        rng = self.rng
        statement_id = f"s{len(self.statements) + 1}"
        text = _text(rng)
        title = _sentence(rng, 2, 5).rstrip(".") if rng.random() < 0.15 else None
        tags = rng.sample(_TAGS, rng.randint(1, 2)) if rng.random() < 0.2 else []
        note = _sentence(rng, 5, 15) if rng.random() < 0.05 else None
        acceptance = rng.choices(list(Acceptance), weights=(3, 2, 5))[0]
        self.statements.append(
            Statement(
                id=statement_id,
                text=text,
                title=title,
                tags=tags,
                note=note,
                acceptance=acceptance,
                attribution=self._statement_attribution(text),
            )
        )
        self.stance[statement_id] = stance
        self.children[statement_id] = []
        return statement_id

    def _statement_attribution(self, text: str) -> Attribution | None:
        rng = self.rng
        if rng.random() >= 0.75:
            return None
        speaker = rng.choices(_SPEAKERS, weights=self.speaker_weights)[0]
        source = rng.choice(self.source_ids) if rng.random() < 0.35 else None
        quote = None
        if source and rng.random() < 0.5:
            words = text.split()
            start = rng.randint(0, max(0, len(words) - 6))
            quote = " ".join(words[start : start + rng.randint(6, 12)])
        date = None
        if rng.random() < 0.5:
            date = rng.choice(_PERIODS) if rng.random() < 0.3 else str(rng.randint(1990, 2024))
        return Attribution(speaker=speaker, source=source, quote=quote, date=date)

    def add_relation(self, kind: RelationKind, premises: list[str], target: str) -> str:
        relation_id = f"r{len(self.relations) + 1}"
        attribution = None
        if self.rng.random() < 0.05:
            attribution = Attribution(speaker=self.rng.choice(_SPEAKERS))
        self.relations.append(
            Relation(
                id=relation_id, kind=kind, premises=premises, target=target, attribution=attribution
            )
        )
        if target in self.children:
            self.children[target].extend(premises)
        return relation_id

    def grow(self, roots: list[str], budget: int) -> None:
        """Add reasons, objections and rebuttals under ``roots`` until ``budget`` statements exist.

        The next statement to answer is drawn at random from the open ones
        rather than breadth-first, so depths vary as in a real debate; three in
        ten are left unanswered.
        """
        rng = self.rng
        open_ids = list(roots)
        while len(self.statements) < budget:
            if not open_ids:  # everything was left unanswered: reopen any statement
                open_ids.append(rng.choice(self.statements).id)
            index = rng.randrange(len(open_ids))
            open_ids[index], open_ids[-1] = open_ids[-1], open_ids[index]
            target = open_ids.pop()
            if target not in roots and rng.random() < 0.3 and open_ids:
                continue
            for _ in range(rng.randint(2, 4)):
                remaining = budget - len(self.statements)
                if remaining <= 0:
                    break
                open_ids.extend(self._answer(target, remaining))

    def _answer(self, target: str, remaining: int) -> list[str]:
        """One reason or objection against ``target``; about 10% of reasons are linked."""
        rng = self.rng
        pro = self.stance[target] == "pro"
        support = rng.random() < (0.6 if pro else 0.35)
        kind = RelationKind.SUPPORT if support else RelationKind.ATTACK
        stance = self.stance[target] if support else ("con" if pro else "pro")
        size = 1
        if support and remaining >= 2 and rng.random() < 0.1:
            size = rng.randint(2, min(3, remaining))
        premises = [self.add_statement(stance) for _ in range(size)]
        self.add_relation(kind, premises, target)
        return premises

    def add_undercuts(self, count: int) -> None:
        """Attacks on inferences: each targets a relation id, so it gets a junction node."""
        candidates = [r.id for r in self.relations]
        for relation_id in self.rng.sample(candidates, min(count, len(candidates))):
            premise = self.add_statement("con")
            self.add_relation(RelationKind.ATTACK, [premise], relation_id)

    def groups(self, count: int, roots: list[str]) -> list[Group]:
        """Clusters of 4-12 statements, each part of one sub-debate, as a user would draw them."""
        rng = self.rng
        grouped: set[str] = set()
        candidates = [s.id for s in self.statements if s.id not in roots and self.children[s.id]]
        rng.shuffle(candidates)
        groups: list[Group] = []
        for start in candidates:
            if len(groups) >= count:
                break
            if start in grouped:
                continue
            limit = rng.randint(4, 12)
            members: list[str] = []
            queue = deque([start])
            while queue and len(members) < limit:
                statement_id = queue.popleft()
                if statement_id in grouped:
                    continue
                members.append(statement_id)
                grouped.add(statement_id)
                queue.extend(self.children[statement_id])
            number = len(groups) + 1
            title = f"Theme {number}: " + _sentence(rng, 2, 4).rstrip(".").lower()
            groups.append(Group(id=f"g{number}", title=title, statements=members))
        return groups


def _sources(rng: random.Random) -> list[Source]:
    """A handful of cited documents for attributions to refer to."""
    kinds = ("Interview", "Speech", "Op-ed", "Report", "Memoir", "Hearing")
    return [
        Source(
            id=f"src{index + 1}",
            title=f"{kind}: " + _sentence(rng, 3, 7).rstrip("."),
            author=rng.choice(_SPEAKERS),
            publisher=rng.choice(("The Daily Ledger", "Policy Review", "State Archive", None)),
            url=f"https://example.org/{kind.lower()}/{index + 1}",
            date=str(rng.randint(1990, 2024)),
        )
        for index, kind in enumerate(kinds)
    ]


def generate_map(n_statements: int, seed: int = 0) -> ArgumentMap:
    """A valid debate of exactly ``n_statements`` statements, the same for the same seed."""
    if n_statements < 1:
        raise ValueError("a map needs at least one statement")
    rng = random.Random(seed)
    sources = _sources(rng)
    debate = _Debate(rng, sources)
    main_claims = max(1, min(3, n_statements // 2000))
    roots = [debate.add_statement("pro") for _ in range(min(main_claims, n_statements))]
    undercuts = n_statements // 100 if n_statements >= 20 else 0
    debate.grow(roots, n_statements - undercuts)
    debate.add_undercuts(undercuts)
    debate.grow(roots, n_statements)  # tops up if there were fewer relations than undercuts
    groups = debate.groups(n_statements // 50 if n_statements >= 50 else 0, roots)
    return ArgumentMap(
        title=f"Synthetic debate ({n_statements} statements, seed {seed})",
        description="Generated by bench/generate.py for benchmarking.",
        authors=["argmap bench"],
        statements=debate.statements,
        relations=debate.relations,
        sources=sources,
        groups=groups,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic debate as an .argmap file.")
    parser.add_argument("n_statements", type=int, metavar="N", help="number of statements")
    parser.add_argument("out", type=Path, metavar="OUT.argmap", help="the file to write")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    options = parser.parse_args(argv)
    if options.n_statements < 1:
        parser.error("N must be at least 1")
    argument_map = generate_map(options.n_statements, options.seed)
    save_map(argument_map, options.out, backup=False)
    print(
        f"{options.out}: {len(argument_map.statements)} statements,"
        f" {len(argument_map.relations)} relations, {len(argument_map.groups)} groups"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
