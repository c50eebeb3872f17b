"""4D values as JSON text, as ``JSON Stringify`` writes them (the choices
where the pages say nothing are listed in ``commands.json``). Runtime code
(``collection.join()``, ``String()``) writes JSON through :func:`stringify`.
"""
from __future__ import annotations

import json as _json
from decimal import Decimal

from .classes import NativeObject
from .members import properties_of
from .values import UNDEFINED, Blob4D, Coll, Date, Obj, Pointer, Time


def number_text(x) -> str:
    """A 4D number as JSON writes it: ``120``, ``0.1``, ``1e-7``, ``1e+21``."""
    if type(x) is int:
        return str(x)
    if x != x or x in (float("inf"), float("-inf")):
        return "null"  # JSON has no NaN or infinities
    if x.is_integer():
        return str(int(x)) if abs(x) < 1e21 else repr(x)  # 1e+21
    text = repr(x)
    if "e" in text and abs(x) >= 1e-7:
        text = format(Decimal(text), "f")  # 1e-05 -> 0.00001
    return text


def native_properties(value) -> Obj:
    """The 4D properties of a built-in object, as JSON shows them."""
    return Obj((name, getter(value)) for name, getter in properties_of(type(value)).items())


# json.dumps(text, ensure_ascii=False) without building an encoder per string.
_quoted = _json.encoder.encode_basestring


class _Writer:
    """Serialises one value, compact or pretty (a tab per level, as 4D does)."""

    __slots__ = ("out", "pretty", "open")

    def __init__(self, pretty: bool):
        self.out: list[str] = []
        self.pretty = pretty
        self.open: set[int] = set()   # containers being written (cycle guard)

    def value(self, v, depth: int) -> None:
        out = self.out
        t = type(v)
        if t is str:
            out.append(_quoted(v))
        elif t is bool:
            out.append("true" if v else "false")
        elif t is float or t is int:
            out.append(number_text(v))
        elif v is None or v is UNDEFINED:
            out.append("null")
        elif t is Date:
            out.append(f'"{v.iso()}"')
        elif t is Time:
            out.append(str(v.seconds))
        elif t is Pointer:
            self.value(v.get(), depth)  # pointers are evaluated (json-stringify.md)
        elif t is Blob4D or t is bytearray:
            out.append('"[object Blob]"')
        elif isinstance(v, Coll):
            self.container(v, depth, "[", "]", ((None, item) for item in v))
        elif isinstance(v, Obj):
            self.container(v, depth, "{", "}", ((k, item) for k, item in v.items() if item is not UNDEFINED))
        elif isinstance(v, NativeObject):
            self.value(native_properties(v), depth)
        else:
            out.append("null")

    def container(self, v, depth: int, first: str, last: str, entries) -> None:
        out = self.out
        if id(v) in self.open:
            out.append("null")
            return
        self.open.add(id(v))
        out.append(first)
        separator = ","
        newline = ""
        if self.pretty:
            newline = "\n" + "\t" * (depth + 1)
            separator = "," + newline
        count = 0
        for key, item in entries:
            out.append(separator if count else newline)
            if key is not None:
                out.append(_quoted(key))
                out.append(": " if self.pretty else ":")
            self.value(item, depth + 1)
            count += 1
        if count and self.pretty:
            out.append("\n" + "\t" * depth)
        out.append(last)
        self.open.discard(id(v))


def stringify(value, pretty: bool = False) -> str:
    """*value* as JSON text; *pretty* indents with tabs as ``JSON Stringify(…; *)``."""
    writer = _Writer(pretty)
    writer.value(value, 0)
    return "".join(writer.out)
