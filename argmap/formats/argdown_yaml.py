"""The YAML that Argdown embeds: ``{…}`` metadata on elements and the ``===`` frontmatter.

Argdown hands both to js-yaml, a YAML 1.2 reader; argmap hands them to
ruamel.yaml, which reads YAML 1.2 too and places its errors by line and
column. ruamel only *composes* the text into a node tree here; the values are
built from that tree by :class:`_Build`, which knows JSON's types and nothing
else, so no tag can make Python objects, dates stay the text they were
written as, and keys are text the way JavaScript makes them.

Hostile input is bounded: nesting deeper than :data:`MAX_DEPTH` is refused
while composing (the composer recurses), and aliases may not expand into more
values than the text could hold without them (a "billion laughs" is refused
after a few thousand steps, a recursive alias at the depth limit).

Nearly all metadata is a flat ``{key: value, …}`` map, and ruamel costs far
more than the rest of reading an element, so a regular-expression fast path
reads those; it takes only keys and values whose YAML meaning is plain
(words, decimal numbers, the null and boolean words, double-quoted strings)
and leaves anything else to ruamel. A property test holds both paths to the
same results.

Errors are :class:`YamlError` with a line and column relative to the text given.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import MaxDepthExceededError
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError

__all__ = [
    "MAX_DEPTH",
    "YamlError",
    "dump_flow",
    "dump_scalar",
    "flat_map_end",
    "parse_block",
    "parse_flow",
    "parse_yaml",
]

MAX_DEPTH = 64  # deeper metadata is refused: nobody writes it, and printing it back would recurse


class YamlError(ValueError):
    """Unreadable YAML; ``line``/``column`` are 1-based within the parsed text."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


# -- the full reader ---------------------------------------------------------

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_TAG}{name}" for name in ("null", "bool", "int", "float")}
_TEXT_TAGS = {f"{_TAG}str", f"{_TAG}timestamp"}  # JSON has no dates: kept as written
_SURROGATE = re.compile("[\ud800-\udfff]")
_SPARE_VALUES = 10_000  # values aliases may add beyond what the text itself could hold


def parse_yaml(text: str) -> Any:
    """One YAML document as JSON-like values (dict, list, str, int, float, bool, None)."""
    yaml = YAML(typ="safe", pure=True)  # one per call: a reader holds state while it reads
    yaml.max_depth = MAX_DEPTH + 1  # collections nest MAX_DEPTH deep; their scalars one more
    try:
        yaml.composer.warn_double_anchors = False  # a reused anchor is legal YAML
        node = yaml.compose(text)
        return None if node is None else _Build(yaml, len(text) + _SPARE_VALUES).value(node, 0)
    except MaxDepthExceededError as error:
        raise YamlError(f"nested more than {MAX_DEPTH} levels deep", *_mark(error)) from None
    except MarkedYAMLError as error:
        message = ", ".join(part for part in (error.context, error.problem) if part)
        raise YamlError(message or "not valid YAML", *_mark(error)) from None
    except ReaderError as error:
        character = error.character
        what = f"U+{character:04X}" if isinstance(character, int) else repr(character)
        raise YamlError(
            f"the character {what} is not allowed in YAML", *_line_column(text, error.position)
        ) from None
    except (YAMLError, ValueError, OverflowError) as error:  # e.g. an escape beyond Unicode
        raise YamlError(f"not valid YAML ({(str(error).splitlines() or [''])[0]})") from None


def parse_block(lines: list[str]) -> Any:
    """A YAML block document (the frontmatter between ``===`` lines, each ending the line)."""
    return parse_yaml("".join(line + "\n" for line in lines))


def _mark(error: MarkedYAMLError) -> tuple[int, int]:
    mark = error.problem_mark or error.context_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _line_column(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _error_at(message: str, node: Node) -> MarkedYAMLError:
    return MarkedYAMLError(problem=message, problem_mark=node.start_mark)


class _Build:
    """Values from ruamel's node tree: JSON's types only, within depth and size bounds.

    Recursion is bounded by :data:`MAX_DEPTH`; the budget counts values as they
    are made, so an alias used a million times costs a million steps only if
    the text was that long.
    """

    def __init__(self, yaml: YAML, budget: int) -> None:
        self.constructor = yaml.constructor
        self.budget = budget

    def value(self, node: Node, depth: int) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise _error_at("aliases expand to more values than argmap reads", node)
        tag = str(node.tag)
        if isinstance(node, ScalarNode):
            if tag in _TEXT_TAGS:
                return _text(node)
            if tag in _SCALAR_TAGS:
                return self.scalar(node, tag)
        elif depth >= MAX_DEPTH:
            raise MaxDepthExceededError(problem="nested too deeply", problem_mark=node.start_mark)
        elif isinstance(node, SequenceNode) and tag == f"{_TAG}seq":
            return [self.value(item, depth + 1) for item in node.value]
        elif isinstance(node, MappingNode) and tag == f"{_TAG}map":
            return self.mapping(node, depth)
        raise _error_at(f"the tag {tag.replace(_TAG, '!!')} is not supported here", node)

    def scalar(self, node: ScalarNode, tag: str) -> Any:
        """Null, boolean or number, the way ruamel's safe loader reads it."""
        try:
            return self.constructor.construct_object(node)
        except (ValueError, KeyError, OverflowError):  # "!!int abc", or 5,000 digits
            name = tag.replace(_TAG, "")
            raise _error_at(f"{node.value[:40]!r} cannot be read as !!{name}", node) from None

    def mapping(self, node: MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        merged: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if str(key_node.tag) == f"{_TAG}merge":  # ``<<: *defaults``
                sources = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
                for source in sources:
                    built = self.value(source, depth + 1)
                    if not isinstance(built, dict):
                        raise _error_at("only a mapping can be merged with <<", source)
                    for key, value in built.items():
                        merged.setdefault(key, value)
                continue
            if not isinstance(key_node, ScalarNode):
                raise _error_at("a key must be a single value, not a collection", key_node)
            key = _key(self.value(key_node, depth + 1))
            if key in result:
                raise _error_at(f"the key {key!r} appears twice", key_node)
            result[key] = self.value(value_node, depth + 1)
        return {**merged, **result} if merged else result


def _text(node: ScalarNode) -> str:
    """A string; escaped surrogate pairs (as JSON writes them) become the character they mean."""
    text: str = node.value
    if _SURROGATE.search(text) is None:
        return text
    try:
        return text.encode("utf-16", "surrogatepass").decode("utf-16")
    except UnicodeError:
        raise _error_at("a string holds an unpaired surrogate", node) from None


def _key(value: Any) -> str:
    """A key as JavaScript would name it: ``true``, ``null``, ``1``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# -- the fast path for flat maps -----------------------------------------------

_FAST_KEY = r"[A-Za-z_][A-Za-z0-9_\-]*"
_FAST_VALUE = r'"(?:[^"\\\n]|\\[^\n])*"|[A-Za-z0-9_][A-Za-z0-9_.\-/]*(?: [A-Za-z0-9_.\-/]+)*'
_FAST_PAIR = rf"\s*({_FAST_KEY})\s*:[ \t]+({_FAST_VALUE})\s*"
_FAST_MAP = re.compile(rf"\{{(?:{_FAST_PAIR},)*(?:{_FAST_PAIR})?\}}\Z")
_FAST_MAP_AT = re.compile(rf"\{{(?:{_FAST_PAIR},)*(?:{_FAST_PAIR})?\}}")
_FAST_PAIRS = re.compile(rf"{_FAST_PAIR}(?:,|\}}\Z)")


def flat_map_end(text: str, start: int) -> int:
    """Where a flat ``{key: value, …}`` map opened at ``start`` ends, or -1 if it is not one."""
    match = _FAST_MAP_AT.match(text, start)
    return match.end() if match else -1


# Plain scalars whose YAML 1.2 meaning is certain; anything else goes to ruamel.
_WORDS: dict[str, Any] = {
    **dict.fromkeys(("null", "Null", "NULL"), None),
    **dict.fromkeys(("true", "True", "TRUE"), True),
    **dict.fromkeys(("false", "False", "FALSE"), False),
}
_PLAIN_WORD = re.compile(r"[A-Za-z]")
_INTEGER = re.compile(r"[0-9]{1,18}\Z")  # longer ones may be too long for Python
_DECIMAL = re.compile(r"[0-9]+\.[0-9]+\Z")
# Characters left to the full reader: those a YAML stream may not hold as they are (YAML 1.2,
# 5.1), which it refuses, and the line breaks besides "\n", which it folds inside quotes.
_NOT_FAST_CHARACTERS = re.compile(
    "[^\t\n -~\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
_KNOWN_ESCAPE = re.compile(  # \U only up to U+10FFFF: beyond it only the full reader can tell
    r"\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U00(?:0[0-9A-Fa-f]|10)[0-9A-Fa-f]{4}"
    r'|[0abtnvfreN_LP "/\\\t])'
)
_ESCAPED = {
    **{c: c for c in ' "/\\\t'},
    **dict(zip("0abtnvfreN_LP", "\0\a\b\t\n\v\f\r\x1b\x85\xa0\u2028\u2029", strict=True)),
}


def _fast_scalar(text: str) -> Any:
    """A fast-path value, or ``_NOT_FAST`` when only the full reader can tell what it means."""
    if text[0] == '"':
        return _fast_quoted(text[1:-1])
    if text in _WORDS:
        return _WORDS[text]
    if _PLAIN_WORD.match(text):
        return text
    if _INTEGER.match(text):
        return int(text)
    if _DECIMAL.match(text):
        return float(text)
    return _NOT_FAST


def _fast_quoted(body: str) -> Any:
    """A double-quoted string's value; ``_NOT_FAST`` for an escape that needs the full reader."""
    if "\\" not in body:
        return body
    if "\\" in _KNOWN_ESCAPE.sub("", body):
        return _NOT_FAST  # an escape YAML does not have: the full reader places the error
    text = _KNOWN_ESCAPE.sub(_unescape, body)
    return text if _SURROGATE.search(text) is None else _NOT_FAST


def _unescape(match: re.Match[str]) -> str:
    code = match.group()[1:]
    return chr(int(code[1:], 16)) if len(code) > 1 else _ESCAPED[code]


_NOT_FAST = object()


def _flat_map(text: str) -> dict[str, Any] | None:
    """The map, if ``text`` is a flat one the fast path can read; else None."""
    if not _FAST_MAP.match(text) or _NOT_FAST_CHARACTERS.search(text):
        return None
    result: dict[str, Any] = {}
    for raw_key, raw_value in _FAST_PAIRS.findall(text):
        key = _key(_WORDS[raw_key]) if raw_key in _WORDS else raw_key
        value = _fast_scalar(raw_value)
        if value is _NOT_FAST or key in result:
            return None  # the full reader reads it, or places the error
        result[key] = value
    return result


def parse_flow(text: str) -> Any:
    """A flow collection or scalar (``{a: 1, b: [x, y]}``); YamlError if it is not one."""
    flat = _flat_map(text)
    return parse_yaml(text) if flat is None else flat


# -- writing ------------------------------------------------------------------

_SAFE_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9_.\-]*(?: [A-Za-z0-9_.\-]+)*\Z")
_RESERVED = {"null", "true", "false", "yes", "no", "on", "off", "y", "n", "nan", "inf"}
_UNSAFE_IN_QUOTES = {
    ord("{"): "\\u007b",
    ord("}"): "\\u007d",
    ord("="): "\\u003d",
    # characters a YAML stream may not hold as they are, even inside quotes
    **{code: f"\\u{code:04x}" for code in range(0x7F, 0xA0)},
    0xFEFF: "\\ufeff",
    0xFFFE: "\\ufffe",
    0xFFFF: "\\uffff",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}
_NON_FINITE = {math.inf: ".inf", -math.inf: "-.inf"}


def dump_scalar(value: Any) -> str:
    """A scalar as YAML that both argmap and Argdown's own YAML library read back unchanged.

    Strings are plain when that is unambiguous, else JSON-quoted with braces and
    ``=`` escaped: Argdown finds the end of metadata and frontmatter by those
    characters before any YAML is parsed.
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return _NON_FINITE.get(value, ".nan")
    if isinstance(value, (int, float)):
        return json.dumps(value)
    text = str(value)
    if _SAFE_PLAIN.match(text) and text.lower() not in _RESERVED:
        return text
    return json.dumps(text, ensure_ascii=False).translate(_UNSAFE_IN_QUOTES)


def dump_flow(value: Any) -> str:
    """A value (dict, list or scalar) as one line of flow YAML."""
    if isinstance(value, dict):
        return (
            "{"
            + ", ".join(f"{dump_scalar(str(k))}: {dump_flow(v)}" for k, v in value.items())
            + "}"
        )
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(dump_flow(v) for v in value) + "]"
    return dump_scalar(value)
