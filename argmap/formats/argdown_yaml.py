"""The YAML that Argdown embeds: ``{…}`` metadata on elements and the ``===`` frontmatter.

Argdown hands both to a YAML library. argmap needs only a subset: flow
collections (``{speaker: Rabin, uses: [1, 2]}``) with plain, single- and
double-quoted scalars, and, for the frontmatter, block mappings, block
sequences, multi-line plain scalars and ``>``/``|`` block scalars. The flow
grammar is parsed with lark (LALR: linear, iterative, so deep nesting cannot
exhaust the stack); a regular-expression fast path handles the flat
``{key: value, …}`` maps that make up nearly all metadata, because a lark parse
costs far more than the rest of reading an element. Both paths share the scalar
rules below, and a property test holds them to the same results.

Errors are :class:`YamlError` with a line and column relative to the text given.
"""

from __future__ import annotations

import json
import re
from typing import Any

from lark import Lark, Token, Transformer
from lark.exceptions import LarkError, UnexpectedEOF, UnexpectedInput, VisitError

__all__ = ["YamlError", "dump_flow", "dump_scalar", "flat_map_end", "parse_block", "parse_flow"]

MAX_DEPTH = 64  # deeper metadata is refused: nobody writes it, and printing it back would recurse


class YamlError(ValueError):
    """Unreadable YAML; ``line``/``column`` are 1-based within the parsed text."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


# -- scalars ---------------------------------------------------------------

_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_DQ_ESCAPE = re.compile(
    r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|\n[ \t]*|.)", re.DOTALL
)
_SIMPLE_ESCAPES = {
    "0": "\0",
    "a": "\a",
    "b": "\b",
    "t": "\t",
    "\t": "\t",
    "n": "\n",
    "v": "\v",
    "f": "\f",
    "r": "\r",
    "e": "\x1b",
    " ": " ",
    '"': '"',
    "/": "/",
    "\\": "\\",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}
_FOLD = re.compile(r"[ \t]*\n[ \t]*")


def _fold(text: str) -> str:
    """YAML line folding: a single line break is a space, each further one a newline."""
    if "\n" not in text:
        return text
    return _FOLD.sub(
        lambda m: " " if m.group().count("\n") == 1 else "\n" * (m.group().count("\n") - 1),
        re.sub(r"\n[ \t]*(?=\n)", "\n", text),
    )


def plain_value(text: str) -> Any:
    """A plain (unquoted) scalar: null, a boolean, a number or a string."""
    text = _fold(text.strip())
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    if _INT.match(text):
        return int(text)
    if _FLOAT.match(text) and any(c.isdigit() for c in text):
        return float(text)
    return text


def double_quoted(body: str) -> str:
    """The value of a double-quoted scalar (``body`` without the quotes)."""

    def replace(match: re.Match[str]) -> str:
        code = match.group(1)
        if code[0] in "xuU" and len(code) > 1:
            return chr(int(code[1:], 16))
        if code[0] == "\n":
            return ""  # an escaped line break joins the lines
        if code in _SIMPLE_ESCAPES:
            return _SIMPLE_ESCAPES[code]
        raise YamlError(f"unknown escape \\{code} in a quoted string")

    text = _DQ_ESCAPE.sub(replace, _fold(body) if "\n" in body else body)
    try:  # JSON writes characters beyond the BMP as surrogate pairs
        return text.encode("utf-16", "surrogatepass").decode("utf-16")
    except UnicodeError:
        raise YamlError("a quoted string contains an unpaired surrogate escape") from None


def single_quoted(body: str) -> str:
    return _fold(body).replace("''", "'")


# -- flow collections --------------------------------------------------------

_GRAMMAR = r"""
?start: value
?value: mapping | sequence | scalar
mapping: "{" "}" | "{" entry ("," entry)* ","? "}"
sequence: "[" "]" | "[" item ("," item)* ","? "]"
?entry: pair | scalar
?item: pair | value
pair: value ":" [value]
scalar: DQ -> dq | SQ -> sq | PLAIN -> plain
DQ: /"(?:[^"\\]|\\.)*"/s
SQ: /'(?:[^']|'')*'/
PLAIN: /(?:PLAIN_START)(?:PLAIN_NEXT)*/
COMMENT: /(?<=\s)#[^\n]*/
%ignore /\s+/
%ignore COMMENT
"""


# A plain scalar: it starts with no indicator character, and goes on through colons and
# spaces only where they cannot start a value or a comment.
_PLAIN_START = r"""[^\s\-?:,\[\]{}#&*!|>'"%@`]|[-?:](?=[^\s,\[\]{}])"""
_PLAIN_NEXT = r"[^\s:,\[\]{}]|:(?=[^\s,\[\]{}])|\s+(?=[^\s:,\[\]{}#]|:[^\s,\[\]{}])"
_GRAMMAR = _GRAMMAR.replace("PLAIN_START", _PLAIN_START).replace("PLAIN_NEXT", _PLAIN_NEXT)


class _Build(Transformer):
    """Turns the parse into Python values as the LALR parser reduces (no tree, no recursion)."""

    def dq(self, children: list[Token]) -> str:
        return double_quoted(children[0][1:-1])

    def sq(self, children: list[Token]) -> str:
        return single_quoted(children[0][1:-1])

    def plain(self, children: list[Token]) -> Any:
        return plain_value(children[0])

    def pair(self, children: list[Any]) -> tuple[Any, Any]:
        return (_key(children[0]), children[1])

    def mapping(self, children: list[Any]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for child in children:
            key, value = child if isinstance(child, tuple) else (_key(child), None)
            result[key] = value
        return result

    def sequence(self, children: list[Any]) -> list[Any]:
        return [dict([c]) if isinstance(c, tuple) else c for c in children]


def _key(value: Any) -> str:
    if isinstance(value, (dict, list)):
        raise YamlError("a key must be a single value, not a collection")
    return (
        "null" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
    )


_PARSER: Lark | None = None


def _lark() -> Lark:
    global _PARSER
    if _PARSER is None:
        _PARSER = Lark(
            _GRAMMAR,
            parser="lalr",
            lexer="contextual",
            transformer=_Build(),
            maybe_placeholders=True,
        )
    return _PARSER


_FAST_KEY = r"[A-Za-z_][A-Za-z0-9_\-]*"
_FAST_VALUE = r'"(?:[^"\\\n]|\\[^\n])*"|[A-Za-z0-9_][A-Za-z0-9_.\-/]*(?: [A-Za-z0-9_.\-/]+)*'
_FAST_PAIR = rf"\s*({_FAST_KEY})\s*:[ \t]+({_FAST_VALUE})\s*"
_FAST_MAP = re.compile(rf"\{{(?:{_FAST_PAIR},)*(?:{_FAST_PAIR})?\}}\Z")
_FAST_MAP_AT = re.compile(rf"\{{(?:{_FAST_PAIR},)*(?:{_FAST_PAIR})?\}}")


def flat_map_end(text: str, start: int) -> int:
    """Where a flat ``{key: value, …}`` map opened at ``start`` ends, or -1 if it is not one."""
    match = _FAST_MAP_AT.match(text, start)
    return match.end() if match else -1


_FAST_PAIRS = re.compile(rf"{_FAST_PAIR}(?:,|\}}\Z)")


def _depth(text: str) -> int:
    depth = deepest = 0
    for char in re.findall(r"[\[\]{}]", text):
        depth += 1 if char in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def parse_flow(text: str) -> Any:
    """A flow collection or scalar (``{a: 1, b: [x, y]}``); YamlError if it is not one."""
    if _FAST_MAP.match(text):
        return {
            k: double_quoted(v[1:-1]) if v.startswith('"') else plain_value(v)
            for k, v in _FAST_PAIRS.findall(text)
        }
    if _depth(text) > MAX_DEPTH:
        raise YamlError(f"nested more than {MAX_DEPTH} levels deep")
    try:
        return _lark().parse(text)
    except UnexpectedEOF:
        raise YamlError("it ends before every bracket is closed", *_end_of(text)) from None
    except UnexpectedInput as error:
        if getattr(getattr(error, "token", None), "type", "") == "$END":
            raise YamlError("it ends before every bracket is closed", *_end_of(text)) from None
        found = getattr(error, "token", None) or text[error.pos_in_stream : error.pos_in_stream + 1]
        what = f"unexpected {str(found)!r}" if str(found) else "unexpected end"
        raise YamlError(
            what, error.line if error.line > 0 else 1, error.column if error.column > 0 else 1
        ) from None
    except VisitError as error:
        inner = error.orig_exc
        raise YamlError(inner.message if isinstance(inner, YamlError) else str(inner)) from None
    except LarkError as error:  # pragma: no cover - any other lark failure is still a YAML error
        raise YamlError(str(error)) from None


def _end_of(text: str) -> tuple[int, int]:
    return text.count("\n") + 1, len(text) - (text.rfind("\n") + 1) + 1


# -- block structure (frontmatter) -------------------------------------------

_KEY_LINE = re.compile(
    r"""(?P<key>"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'"""  # a quoted key
    r"""|[^\s#'"\[\]{},:\-?][^\n]*?|[-?][^\s\n][^\n]*?)"""  # or a plain one
    r"""[ \t]*:(?:[ \t]+|\Z)"""
)
_COMMENT_LINE = re.compile(r"[ \t]*(?:#.*)?\Z")


def parse_block(lines: list[str]) -> Any:
    """A YAML block document (the frontmatter between ``===`` lines)."""
    parser = _BlockParser(lines)
    value = parser.node(0, -1, 0)
    parser.skip_blank()
    if parser.index < len(lines):
        raise YamlError(
            "this line does not fit the indentation above it",
            parser.index + 1,
            _indent(lines[parser.index]) + 1,
        )
    return value


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


class _BlockParser:
    def __init__(self, lines: list[str]) -> None:
        self.lines, self.index = lines, 0

    def skip_blank(self) -> None:
        while self.index < len(self.lines) and _COMMENT_LINE.match(self.lines[self.index]):
            self.index += 1

    def node(self, start_column: int, parent_indent: int, depth: int) -> Any:
        """The node at the next non-blank line, if it is indented more than its parent."""
        if depth > MAX_DEPTH:
            raise YamlError(f"nested more than {MAX_DEPTH} levels deep", self.index + 1)
        self.skip_blank()
        if self.index >= len(self.lines):
            return None
        line = self.lines[self.index]
        indent = _indent(line)
        if indent <= parent_indent and not (
            line[indent:].startswith("-") and indent == parent_indent >= 0
        ):
            return None
        content = line[indent:]
        if content == "-" or content.startswith("- "):
            return self.sequence(indent, depth)
        if _KEY_LINE.match(content):
            return self.mapping(indent, depth)
        return self.scalar(content, indent, parent_indent)

    def mapping(self, indent: int, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        while True:
            self.skip_blank()
            if self.index >= len(self.lines):
                return result
            line = self.lines[self.index]
            if _indent(line) != indent:
                if _indent(line) > indent:
                    raise YamlError("unexpected indentation", self.index + 1, _indent(line) + 1)
                return result
            match = _KEY_LINE.match(line, indent)
            if match is None:
                if line[indent:].startswith("-"):
                    return result
                raise YamlError("expected 'key: value'", self.index + 1, indent + 1)
            key = match.group("key")
            key = _key(parse_flow(key)) if key[0] in "\"'" else key.strip()
            rest = line[match.end() :]
            self.index += 1
            result[key] = self.value(rest, indent, depth)

    def sequence(self, indent: int, depth: int) -> list[Any]:
        result: list[Any] = []
        while True:
            self.skip_blank()
            if self.index >= len(self.lines):
                return result
            line = self.lines[self.index]
            content = line[indent:] if _indent(line) == indent else ""
            if not (content == "-" or content.startswith("- ")):
                return result
            rest = content[1:].lstrip(" ")
            if rest and _KEY_LINE.match(rest) and rest[0] not in "[{":
                # "- key: value" opens a mapping whose keys line up after the dash
                self.lines[self.index] = " " * (len(line) - len(rest)) + rest
                result.append(self.mapping(len(line) - len(rest), depth + 1))
            else:
                self.index += 1
                result.append(self.value(rest, indent, depth))

    def value(self, rest: str, indent: int, depth: int) -> Any:
        """The value after ``key:`` or ``-``: nested block, block scalar, flow or plain scalar."""
        first_line = self.index  # the line after the one holding ``rest``
        if rest[:1] not in ("[", "{", "'", '"'):
            rest = re.sub(r"(?:^|[ \t]+)#.*\Z", "", rest)
        if not rest.strip():
            return self.node(0, indent, depth + 1)
        if rest[0] in "|>":
            return self.block_scalar(rest, indent)
        parts = [rest]
        if rest[0] in "[{'\"":
            state = _FlowScan()
            state.feed(rest)
            while not state.done and self.index < len(self.lines):
                line = self.lines[self.index]
                if line.strip() and _indent(line) <= indent:
                    break
                parts.append(line)
                state.feed("\n" + line)
                self.index += 1
        else:
            while self.index < len(self.lines):
                line = self.lines[self.index]
                if _COMMENT_LINE.match(line) or _indent(line) <= indent:
                    break
                parts.append(line)
                self.index += 1
        text = "\n".join(parts)
        try:
            return parse_flow(text.strip()) if rest[0] in "[{'\"" else plain_value(text)
        except YamlError as error:
            raise YamlError(error.message, first_line + error.line - 1, error.column) from None

    def block_scalar(self, header: str, indent: int) -> str:
        body: list[str] = []
        while self.index < len(self.lines):
            line = self.lines[self.index]
            if line.strip() and _indent(line) <= indent:
                break
            body.append(line)
            self.index += 1
        while body and not body[-1].strip():
            body.pop()
        margin = min((_indent(line) for line in body if line.strip()), default=0)
        body = [line[margin:] for line in body]
        text = "\n".join(body) if header[0] == "|" else _fold("\n".join(body))
        return text if "-" in header or not body else text + "\n"

    def scalar(self, content: str, indent: int, parent_indent: int) -> Any:
        self.index += 1
        return self.value(content, parent_indent, 0)


class _FlowScan:
    """Follows brackets and quotes line by line, to find where a multi-line flow value ends."""

    _SPECIAL = re.compile(r"[\\\"'\[\]{}]")

    def __init__(self) -> None:
        self.depth, self.quote, self.done, self.before = 0, "", False, ""

    def feed(self, chunk: str) -> None:
        position = 0
        while not self.done:
            match = self._SPECIAL.search(chunk, position)
            if match is None:
                self.before = chunk.rstrip()[-1:] or self.before
                return
            before = chunk[position : match.start()].rstrip()[-1:] or self.before
            char, position = match.group(), match.end()
            self.before = char
            if self.quote:
                if char == "\\" and self.quote == '"':
                    position += 1
                elif char == self.quote:
                    if self.quote == "'" and chunk.startswith("'", position):
                        position += 1
                    else:
                        self.quote = ""
                        self.done = self.depth == 0
            elif char in "\"'":
                if before in ("", "[", "{", ",", ":"):  # quotes open a scalar, not mid-word
                    self.quote = char
            elif char in "[{":
                self.depth += 1
            elif char in "]}":
                self.depth -= 1
                self.done = self.depth <= 0


# -- writing ------------------------------------------------------------------

_SAFE_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9_.\-]*(?: [A-Za-z0-9_.\-]+)*\Z")
_RESERVED = {"null", "true", "false", "yes", "no", "on", "off", "y", "n", "nan", "inf"}
_UNSAFE_IN_QUOTES = str.maketrans(
    {
        "{": "\\u007b",
        "}": "\\u007d",
        "=": "\\u003d",
        "\x85": "\\u0085",
        "\u2028": "\\u2028",
        "\u2029": "\\u2029",
    }
)


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
