"""Array commands (the "Arrays" theme, commands-legacy pages): declaring
(``ARRAY TEXT``…), sizing, inserting, deleting, searching, sorting, copying
and converting to and from collections. Arrays themselves are
``runtime.arrays.Array4D``.
"""
from __future__ import annotations

from fourd.commands.arguments import ANY, LONGINT, REF, command_with, incompatible
from fourd.commands.registry import Ref, command
from fourd.runtime import operators
from fourd.runtime.access import set_index, set_member
from fourd.runtime.arrays import KINDS, Array4D
from fourd.runtime.conversions import default_value
from fourd.runtime.shared import stored_value
from fourd.runtime.values import UNDEFINED, Coll, Obj

# Declaration command -> array kind (array-text.md, array-longint.md…).
DECLARATIONS = {
    "ARRAY TEXT": "text", "ARRAY REAL": "real", "ARRAY INTEGER": "integer",
    "ARRAY LONGINT": "longint", "ARRAY BOOLEAN": "boolean", "ARRAY DATE": "date",
    "ARRAY TIME": "time", "ARRAY POINTER": "pointer", "ARRAY PICTURE": "picture",
    "ARRAY OBJECT": "object", "ARRAY BLOB": "blob",
}


def _declaration(name: str, kind: str):
    def declare(array: Ref, size: int, columns: int | None = None):
        """Create the array, or resize it when it already is one of this type."""
        current = array.get()
        if type(current) is Array4D and current.kind == kind and \
                current.two_dimensional == (columns is not None):
            current.resize(size, columns)
        else:
            array.set(Array4D(kind, size, columns))

    command_with(name, REF, LONGINT, LONGINT, refs=(0,))(declare)


for _name, _kind in DECLARATIONS.items():
    _declaration(_name, _kind)


def _array(name: str, value) -> Array4D | None:
    """*value* if it is an array; else error 54 (and None)."""
    if type(value) is Array4D:
        return value
    incompatible(name, "an array was expected")
    return None


@command_with("Size of array", ANY)
def size_of_array(array) -> int:
    array = _array("Size of array", array)
    return 0 if array is None else array.size


@command_with("APPEND TO ARRAY", ANY, ANY)
def append_to_array(array, value) -> None:
    array = _array("APPEND TO ARRAY", array)
    if array is not None:
        value = array.convert(value)
        if value is not UNDEFINED:
            array.items.append(value)


@command_with("INSERT IN ARRAY", ANY, LONGINT, LONGINT)
def insert_in_array(array, where: int, how_many: int = 1) -> None:
    array = _array("INSERT IN ARRAY", array)
    if array is not None:
        array.insert(where, how_many)


@command_with("DELETE FROM ARRAY", ANY, LONGINT, LONGINT)
def delete_from_array(array, where: int, how_many: int = 1) -> None:
    array = _array("DELETE FROM ARRAY", array)
    if array is not None:
        array.delete(where, how_many)


def _matches(array: Array4D, value, start: int):
    """Element numbers from *start* whose value equals *value* (the ``=`` operator)."""
    eq = operators.eq
    for i in range(max(start, 1), len(array.items)):
        if eq(array.items[i], value):
            yield i


@command_with("Find in array", ANY, ANY, LONGINT)
def find_in_array(array, value, start: int = 1) -> int:
    """The first element equal to *value*, or -1 (find-in-array.md)."""
    array = _array("Find in array", array)
    if array is None:
        return -1
    return next(_matches(array, value, start), -1)


@command_with("Count in array", ANY, ANY)
def count_in_array(array, value) -> int:
    array = _array("Count in array", array)
    return 0 if array is None else sum(1 for _ in _matches(array, value, 1))


@command("SORT ARRAY")
def sort_array(*arrays_and_order) -> None:
    """``SORT ARRAY(array{; array2…}{; > or <})``: the other arrays follow
    the order of the first (sort-array.md)."""
    arrays = list(arrays_and_order)
    descending = False
    if arrays and type(arrays[-1]) is str:
        descending = arrays.pop() == "<"
    arrays = [_array("SORT ARRAY", a) for a in arrays]
    if not arrays or None in arrays:
        return
    first = arrays[0]
    order = sorted(range(1, len(first.items)), key=lambda i: _SortKey(first.items[i]), reverse=descending)
    for array in arrays:
        array.items[1:] = [array.items[i] if i < len(array.items) else array.empty() for i in order]


class _SortKey:
    """Orders array elements with 4D's comparison (text ignores case…);
    Null elements first (an "internal order", sort-array.md)."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value

    def __lt__(self, other: "_SortKey") -> bool:
        a, b = self.value, other.value
        if a is None or b is None:
            return a is None and b is not None
        try:
            return operators.lt(a, b) is True
        except Exception:       # objects have no 4D order: keep them in place
            return False


@command_with("COPY ARRAY", ANY, REF, refs=(1,))
def copy_array(source, destination: Ref) -> None:
    """Copies *source* into *destination*, created or retyped as needed (copy-array.md)."""
    source = _array("COPY ARRAY", source)
    if source is not None:
        destination.set(_copied(source))


def _copied(array: Array4D) -> Array4D:
    copy = Array4D(array.kind, 0)
    copy.two_dimensional = array.two_dimensional
    copy.items = [_copied(item) if type(item) is Array4D else
                  bytearray(item) if type(item) is bytearray else item for item in array.items]
    return copy


def _pairs(name: str, collection, rest: tuple):
    """The (array, property name or None) pairs of ARRAY TO COLLECTION and
    COLLECTION TO ARRAY: ``collection; array {; propertyName}{; array2;
    propertyName2…}``; None after an error (not a collection, a missing name)."""
    if type(collection) is not Coll:
        incompatible(name, "a collection was expected")
        return None
    if len(rest) == 1:
        array = _array(name, rest[0])
        return None if array is None else [(array, None)]
    if len(rest) % 2:
        incompatible(name, "each array needs a property name")
        return None
    pairs = [(_array(name, rest[i]), rest[i + 1]) for i in range(0, len(rest), 2)]
    if any(array is None or type(prop) is not str for array, prop in pairs):
        incompatible(name, "arrays and property names expected")
        return None
    return pairs


@command("ARRAY TO COLLECTION")
def array_to_collection(collection=UNDEFINED, *rest) -> None:
    """Copies arrays into *collection*, as values or as properties of objects
    (array-to-collection.md)."""
    pairs = _pairs("ARRAY TO COLLECTION", collection, rest)
    if not pairs:
        return
    length = max(array.size for array, _ in pairs)
    for i in range(length):
        for array, prop in pairs:
            value = stored_value(array.items[i + 1]) if i < array.size else None
            if prop is None:
                _set(collection, i, value)
            else:
                element = collection[i] if i < len(collection) and type(collection[i]) is Obj else Obj()
                set_member(element, prop, value)
                _set(collection, i, element)
    if pairs[0][1] is None:
        del collection[length:]


def _set(collection: Coll, index: int, value) -> None:
    set_index(collection, float(index), value)


@command("COLLECTION TO ARRAY")
def collection_to_array(collection=UNDEFINED, *rest) -> None:
    """Fills arrays with the elements, or the *propertyName* values, of
    *collection* (collection-to-array.md)."""
    pairs = _pairs("COLLECTION TO ARRAY", collection, rest)
    if not pairs:
        return
    for array, prop in pairs:
        values = collection if prop is None else \
            [item.get(prop) if isinstance(item, Obj) else None for item in collection]
        empty = default_value(KINDS[array.kind][0])
        array.items[1:] = [empty if v is None or v is UNDEFINED else array.convert(v) for v in values]

