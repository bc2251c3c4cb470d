"""How fast quotes are checked against a long source text.

A generated article of 0.25 to 2 MB (words of several lengths, sentences,
paragraphs, curly quotation marks and dashes) is quoted 1,000 times: verbatim
passages, passages retyped with straight marks and hyphens, passages with an
omission or an insertion, all of which must be found, and a share with one
word changed, which must not, and for which the closest passage is looked
up. Timed separately: indexing the text (normalising it once), finding the
1,000 quotes, and ``quote_problems`` on a map whose 1,000 statements cite the
text (what ``argmap validate`` adds). The target is under a second for the
whole check of a 1 MB text; the per-megabyte column shows whether the time
grows linearly with the text.

Figures are printed, not asserted: timings vary with the machine.

Run from the repository root: ``python bench/quotes.py [--quotes 1000] [--missed 50]``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from argmap.model import ArgumentMap, Attribution, Source, Statement
from argmap.sourcetext.check import quote_problems
from argmap.sourcetext.quotes import QuoteIndex, index_for

SIZES_MB = (0.25, 0.5, 1.0, 2.0)
TARGET_SECONDS = 1.0
SYLLABLES = ["tre", "a", "ty", "is", "ra", "el", "de", "fen", "se", "pact", "sau", "di", "ar"]


def article(size: int, rng: random.Random) -> str:
    """About ``size`` characters of prose-like text."""
    vocabulary = [
        "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))) for _ in range(5000)
    ]
    paragraphs, length = [], 0
    while length < size:
        sentences = []
        for _ in range(rng.randint(2, 6)):
            words = rng.choices(vocabulary, k=rng.randint(6, 30))
            words[0] = words[0].capitalize()
            if rng.random() < 0.2:
                words.insert(rng.randint(1, len(words) - 1), "—")
            if rng.random() < 0.2:
                spot = rng.randint(0, len(words) - 2)
                words[spot] = f"“{words[spot]}"
                words[spot + 1] = f"{words[spot + 1]}”"
            sentences.append(" ".join(words) + ".")
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
    return "\n\n".join(paragraphs)


def quotes(text: str, count: int, missed: int, rng: random.Random) -> list[str]:
    """``count`` quotes that are in the text, then ``missed`` that are not."""
    found = []
    for number in range(count):
        start = rng.randrange(0, len(text) - 400)
        start = text.index(" ", start) + 1
        end = text.index(" ", start + rng.randint(40, 300))
        quote = text[start:end]
        kind = number % 4 if len(quote.split(" ")) >= 8 else 0
        if kind == 1:
            quote = quote.replace("“", '"').replace("”", '"').replace("—", "-")
        elif kind == 2:
            words = quote.split(" ")
            quote = " ".join(words[:3]) + " […] " + " ".join(words[-3:])
        elif kind == 3:
            words = quote.split(" ")
            quote = " ".join([*words[:2], "[word]", *words[3:]])
        found.append(quote)
    wrong = []
    for quote in found[:missed]:
        words = quote.split(" ")
        words[len(words) // 2] = "zzyzx"
        wrong.append(" ".join(words))
    return found + wrong


def timed(function, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def run(size_mb: float, count: int, missed: int, repeat: int) -> dict[str, float]:
    rng = random.Random(12)
    text = article(int(size_mb * 1_048_576), rng)
    sample = quotes(text, count, missed, rng)
    index_time, index = timed(lambda: QuoteIndex(text), repeat)
    find_time, results = timed(lambda: [index.find(q) for q in sample], 1)
    found = sum(result is not None for result in results[:count])
    wrong = sum(result is not None for result in results[count:])
    argument_map = ArgumentMap(
        statements=[
            Statement(id=f"s{n}", text="t", attribution=Attribution(source="a", quote=q))
            for n, q in enumerate(sample)
        ],
        sources=[Source(id="a", title="Article", text=text)],
    )

    def check() -> int:
        index_for.cache_clear()  # the whole check, indexing included, as validate runs it
        return len(quote_problems(argument_map))

    check_time, warnings = timed(check, repeat)
    return {
        "size": len(text) / 1_048_576,
        "index": index_time,
        "find": find_time,
        "check": check_time,
        "found": found,
        "wrong found": wrong,
        "warnings": warnings,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quotes", type=int, default=1000)
    parser.add_argument("--missed", type=int, default=50, help="quotes with a word changed")
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    print(
        f"{options.quotes:,} quotes found and {options.missed} with a word changed"
        f" (closest passage looked up); medians of {options.repeat}"
    )
    header = f"{'text MB':>8} {'index s':>8} {'find s':>8} {'check s':>8} {'check s/MB':>11}"
    print(header + f" {'found':>7} {'changed found':>14} {'warnings':>9}")
    for size in SIZES_MB:
        row = run(size, options.quotes, options.missed, options.repeat)
        print(
            f"{row['size']:8.2f} {row['index']:8.3f} {row['find']:8.3f} {row['check']:8.3f}"
            f" {row['check'] / row['size']:11.3f} {row['found']:7.0f} {row['wrong found']:14.0f}"
            f" {row['warnings']:9.0f}"
        )
    print(f"target: the whole check of a 1 MB text under {TARGET_SECONDS:.0f} s")


if __name__ == "__main__":
    main()
