"""4D arrays (Concepts/arrays.md): typed, numbered from 1 to N, with an
element zero, one or two dimensions.

An array is a mutable :class:`Array4D` held by a variable; ``$a{i}`` and
``$a{i}:=v`` compile to :func:`get_element` and :func:`set_element`, which
also address the bytes of a scalar blob (``$blob{i}``, dt_blob.md). The
array commands (``ARRAY TEXT``, ``Size of array``…) are in
``fourd.commands.arrays``.
"""
from __future__ import annotations

from .conversions import coercer, default_value
from .errors import Codes, fail
from .values import UNDEFINED

# Array kind -> (declared element type, Type() of the array: "Text array"…).
KINDS = {
    "text": ("text", 18), "real": ("real", 14), "integer": ("integer", 15),
    "longint": ("integer", 16), "boolean": ("boolean", 22), "date": ("date", 17),
    "time": ("time", 32), "pointer": ("pointer", 20), "picture": ("picture", 19),
    "object": ("object", 39), "blob": ("blob", 31),
}
ARRAY_2D = 13          # Type() of a two-dimensional array ("Array 2D")


class Array4D:
    """A one- or two-dimensional 4D array. ``items[0]`` is the element zero;
    the rows of a two-dimensional array are arrays themselves."""

    __slots__ = ("kind", "items", "two_dimensional", "selected", "_convert", "__weakref__")

    def __init__(self, kind: str, size: int = 0, columns: int | None = None):
        self.kind = kind
        self._convert = coercer(KINDS[kind][0])
        self.two_dimensional = columns is not None
        self.selected = 0
        self.items = [self.empty(columns)]
        self.resize(size, columns)

    def empty(self, columns: int | None = None):
        """A new element: the empty value of the type, or an empty row."""
        if columns is not None:
            return Array4D(self.kind, columns)
        return default_value(KINDS[self.kind][0])

    @property
    def size(self) -> int:
        return len(self.items) - 1

    def resize(self, size: int, columns: int | None = None) -> None:
        """``ARRAY X`` on an existing array: new elements are empty, the last
        ones are dropped when it shrinks (array-text.md)."""
        size = max(size, 0)
        del self.items[size + 1:]
        self.items.extend(self.empty(columns) for _ in range(size + 1 - len(self.items)))
        if columns is not None:
            for row in self.items[1:]:
                row.resize(columns)

    def convert(self, value):
        """*value* as an element (the conversions of a typed variable)."""
        if self.two_dimensional:
            return fail(Codes.TYPE_MISMATCH, "A row of a two-dimensional array cannot be assigned")
        return self._convert(value)

    def index(self, index) -> int | None:
        """*index* as a valid element number (0…size), or None after an error."""
        t = type(index)
        i = index if t is int else int(index) if t is float else None
        if i is None or not 0 <= i < len(self.items):
            fail(Codes.BAD_INDEX, f"Array index out of range: {index!r} (size {self.size})")
            return None
        return i

    def insert(self, where: int, count: int = 1) -> None:
        where = min(max(where, 1), len(self.items))
        columns = self.items[1].size if self.two_dimensional and self.size else None
        self.items[where:where] = [self.empty(columns if self.two_dimensional else None)
                                   for _ in range(max(count, 0))]

    def delete(self, where: int, count: int = 1) -> None:
        if where >= 1:
            del self.items[where:where + max(count, 0)]

    def type_code(self) -> int:
        return ARRAY_2D if self.two_dimensional else KINDS[self.kind][1]

    def __repr__(self) -> str:
        return f"<{self.kind} array {self.items[1:]!r}>"


def get_element(target, index):
    """``target{index}``: an array element or a byte of a scalar blob."""
    if type(target) is Array4D:
        i = target.index(index)
        return UNDEFINED if i is None else target.items[i]
    if type(target) is bytearray:
        i = _byte_index(target, index)
        return UNDEFINED if i is None else target[i]
    return _not_an_array(target)


def set_element(target, index, value) -> None:
    """``target{index}:=value``"""
    if type(target) is Array4D:
        i = target.index(index)
        if i is not None:
            value = target.convert(value)
            if value is not UNDEFINED:          # else: the error was handled, nothing assigned
                target.items[i] = value
        return
    if type(target) is bytearray:
        i = _byte_index(target, index)
        if i is not None:
            byte = coercer("integer")(value)
            if type(byte) is int:
                target[i] = byte & 0xFF
        return
    _not_an_array(target)


def _byte_index(blob: bytearray, index) -> int | None:
    """Bytes of a blob are numbered from 0 to N-1 (dt_blob.md)."""
    t = type(index)
    i = index if t is int else int(index) if t is float else None
    if i is None or not 0 <= i < len(blob):
        fail(Codes.BAD_INDEX, f"Blob byte index out of range: {index!r} (size {len(blob)})")
        return None
    return i


def _not_an_array(target):
    from .conversions import type_name_of
    return fail(Codes.TYPE_MISMATCH, f"{{}} applies to arrays and blobs, not to {type_name_of(target)}")
