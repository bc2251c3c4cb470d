"""Small maps for evaluation tests, written as lists of tuples."""

from __future__ import annotations

from typing import Any

from argmap.model import ArgumentMap


def build(
    statements: list[str | tuple[str, str]],
    relations: list[tuple[Any, ...]],
    *,
    check: bool = True,
    standards: dict[str, str] | None = None,
) -> ArgumentMap:
    """A map from ``"id"`` or ``("id", "accepted")`` and ``(id, kind, premises, target, extra)``.

    ``premises`` is one id or a list; ``extra`` (optional) holds more relation
    keys such as ``{"weight": 0.5}``. ``check=False`` builds maps the
    validator would refuse (a statement attacking itself).
    """
    standards = standards or {}
    statement_data = []
    for entry in statements:
        sid, acceptance = (entry, None) if isinstance(entry, str) else entry
        data: dict[str, Any] = {"id": sid, "text": sid.upper()}
        if acceptance:
            data["acceptance"] = acceptance
        if sid in standards:
            data["standard"] = standards[sid]
        statement_data.append(data)
    relation_data = []
    for rid, kind, premises, target, *extra in relations:
        data = {
            "id": rid,
            "kind": kind,
            "premises": [premises] if isinstance(premises, str) else list(premises),
            "target": target,
        }
        if extra:
            data.update(extra[0])
        relation_data.append(data)
    return ArgumentMap.model_validate(
        {"statements": statement_data, "relations": relation_data},
        context=None if check else {"check_integrity": False},
    )


def dung(arguments: list[str], attacks: list[tuple[str, str]], **kwargs: Any) -> ArgumentMap:
    """A Dung framework: each argument a statement with accepted evidence, each attack an attack.

    Argument ``a`` is statement ``a``, supported by the accepted ``a-evidence``;
    the attack ``(b, a)`` is relation ``b-attacks-a``.
    """
    statements: list[str | tuple[str, str]] = []
    relations: list[tuple[Any, ...]] = []
    for name in arguments:
        statements += [name, (f"{name}-evidence", "accepted")]
        relations.append((f"{name}-evidenced", "support", f"{name}-evidence", name))
    relations += [(f"{b}-attacks-{a}", "attack", b, a) for b, a in attacks]
    return build(statements, relations, **kwargs)
