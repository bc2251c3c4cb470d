"""argmap's own ``.argmap`` JSON, as one more format (so convert and import treat all alike)."""

from __future__ import annotations

import re

from argmap.files import dumps_map, loads_map
from argmap.formats.base import ReadResult
from argmap.model import ArgumentMap

__all__ = ["NATIVE"]

# The key that marks an argmap file, however the JSON is spaced (compact, as JSON.stringify
# and jq -c write it, or indented); inside a string its quotes would be escaped. The file
# is one JSON object (an HTML page holding a map is not).
_MARK = re.compile(r'"format"\s*:\s*"argmap"')
_OBJECT = re.compile("[\ufeff \t\r\n]*{")


class NativeFormat:
    name = "argmap"
    title = "argmap map"
    extensions = (".argmap",)

    def read(self, text: str, source: str | None = None) -> ReadResult:
        return ReadResult(loads_map(text, source))

    def write(self, argument_map: ArgumentMap) -> str:
        return dumps_map(argument_map)

    def sniff(self, text: str) -> bool:
        return _OBJECT.match(text) is not None and _MARK.search(text) is not None


NATIVE = NativeFormat()
