"""Sources' texts: read from files, quotes found and checked in them, coverage measured.

Reading a file (:mod:`argmap.sourcetext.extract`) imports its format's
library (pypdf, markdown-it) only when such a file is read; checking quotes
(:mod:`argmap.sourcetext.check`) needs no more than the map.
"""

from __future__ import annotations

from argmap.sourcetext.check import QuoteCheck, QuoteStatus, check_quote, quote_problems
from argmap.sourcetext.coverage import Coverage, coverage, sentences
from argmap.sourcetext.quotes import QuoteIndex, QuoteMatch, index_for, parse_quote

__all__ = [
    "Coverage",
    "QuoteCheck",
    "QuoteIndex",
    "QuoteMatch",
    "QuoteStatus",
    "check_quote",
    "coverage",
    "index_for",
    "parse_quote",
    "quote_problems",
    "sentences",
]
