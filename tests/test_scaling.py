"""The linear-time check that tests use instead of absolute timings (see tests/scaling.py)."""

from __future__ import annotations

from scaling import LINEAR, slowdown


def pairs(items: list[int]) -> int:
    """Quadratic on purpose: every item against every other."""
    return sum(1 for a in items for b in items if a < b)


def test_a_quadratic_step_is_caught():
    assert slowdown(pairs, list(range(300)), list(range(1200))) > LINEAR


def test_a_linear_step_passes():
    assert slowdown(sorted, list(range(200_000, 0, -1)), list(range(800_000, 0, -1))) < LINEAR


def test_the_same_input_twice_is_no_slowdown():
    assert slowdown(sum, list(range(100_000)), list(range(100_000))) < 2
