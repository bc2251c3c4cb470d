"""Counts in words: "1 statement", "2 statements", never "1 statements" or "thing(s)"."""

from __future__ import annotations

__all__ = ["counted"]


def counted(number: int, singular: str, plural: str | None = None) -> str:
    """``number`` and the noun in the right number (``plural`` when not just an added s)."""
    noun = singular if number == 1 else (plural or f"{singular}s")
    return f"{number:,} {noun}"
