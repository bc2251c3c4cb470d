"""argmap's own ``.argmap`` JSON, as one more format (so convert and import treat all alike)."""

from __future__ import annotations

from argmap.files import dumps_map, loads_map
from argmap.formats.base import ReadResult
from argmap.model import ArgumentMap

__all__ = ["NATIVE"]


class NativeFormat:
    name = "argmap"
    title = "argmap map"
    extensions = (".argmap",)

    def read(self, text: str, source: str | None = None) -> ReadResult:
        return ReadResult(loads_map(text, source))

    def write(self, argument_map: ArgumentMap) -> str:
        return dumps_map(argument_map)

    def sniff(self, text: str) -> bool:
        return '"format": "argmap"' in text[:2000]


NATIVE = NativeFormat()
