"""Array commands (the "Arrays" theme, commands-legacy pages): declaring
(``ARRAY TEXT``…), sizing, inserting, deleting, searching, sorting, copying
and converting to and from collections. Arrays themselves are
``runtime.arrays.Array4D``.
"""
from __future__ import annotations

import bisect

from fourd.commands.arguments import ANY, LONGINT, REF, TEXT, command_with, incompatible
from fourd.commands.registry import STAR, Ref, command
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


class _Descending(_SortKey):
    """The reverse of :class:`_SortKey`, for arrays sorted with ``<``."""

    __slots__ = ()

    def __lt__(self, other: "_SortKey") -> bool:
        return _SortKey.__lt__(other, self)


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



# --- sorted search, multi-criteria sort, legacy declarations, arrays in objects and JSON ----

def _sortable(array: Array4D, value) -> bool:
    """Whether Find in sorted array may use the order (find-in-sorted-array.md):
    not for pointers, booleans, or a text with a wildcard before its end."""
    if array.kind in ("pointer", "boolean", "picture", "blob"):
        return False
    return not (type(value) is str and "@" in value[:-1])


@command_with("Find in sorted array", ANY, ANY, ANY, REF, REF, refs=(3, 4))
def find_in_sorted_array(array, value, order, first: Ref | None = None, last: Ref | None = None) -> bool:
    """True if an element equals *value*; *first*/*last* get the first and last
    such elements, or else both the place where *value* would be inserted to
    keep the order (-1 when the array cannot be searched by its order)."""
    array = _array("Find in sorted array", array)
    if array is None:
        return False
    if order not in (">", "<"):
        incompatible("Find in sorted array", "the order must be > or <")
        return False
    if _sortable(array, value) and not (type(value) is str and "@" in value):
        # Sorted: two binary searches, as 4D's "much faster" search (find-in-sorted-array.md).
        key = _SortKey if order == ">" else _Descending
        probe, items = key(value), array.items
        low = bisect.bisect_left(items, probe, 1, len(items), key=key)
        high = bisect.bisect_right(items, probe, low, len(items), key=key)
        found = [i for i in range(low, high) if operators.eq(items[i], value)]
        where = (found[0], found[-1]) if found else (low, low)
    else:
        found = list(_matches(array, value, 1))
        if found:
            where = (found[0], found[-1])
        elif not _sortable(array, value):
            where = (-1, -1)
        else:
            probe = _SortKey(value)
            before = (lambda item: _SortKey(item) < probe) if order == ">" else (lambda item: probe < _SortKey(item))
            position = 1 + sum(1 for item in array.items[1:] if before(item))
            where = (position, position)
    for ref, position in ((first, where[0]), (last, where[1])):
        if ref is not None:
            ref.set(position)
    return bool(found)


@command("MULTI SORT ARRAY")
def multi_sort_array(*arguments) -> None:
    """``MULTI SORT ARRAY(array; > | < | *{; array2; > | < | *…})``: sorted by
    the arrays marked > or <, in their order; the arrays marked * follow
    (multi-sort-array.md). The pointer-array form is not supported."""
    name = "MULTI SORT ARRAY"
    if len(arguments) % 2 or not arguments:
        incompatible(name, "each array must be followed by >, < or * (the pointer-array form is not supported)")
        return
    pairs = [(_array(name, arguments[i]), arguments[i + 1]) for i in range(0, len(arguments), 2)]
    if any(array is None for array, _ in pairs):
        return
    if any(order not in (">", "<", STAR) for _, order in pairs):
        incompatible(name, "each array must be followed by >, < or *")
        return
    size = pairs[0][0].size
    if any(array.size != size for array, _ in pairs):
        incompatible(name, "the arrays must have the same size")
        return
    order = list(range(1, size + 1))
    for array, direction in reversed(pairs):        # stable sorts, last criterion first
        if direction is not STAR:
            order.sort(key=lambda i: _SortKey(array.items[i]), reverse=direction == "<")
    for array, _ in pairs:
        array.items[1:] = [array.items[i] for i in order]


@command_with("ARRAY STRING", LONGINT, REF, LONGINT, LONGINT, refs=(1,))
def array_string(length: int, array: Ref, size: int, columns: int | None = None) -> None:
    """A Text array: strings of a fixed length are a thing of the past (array-string.md)."""
    current = array.get()
    if type(current) is Array4D and current.kind == "text" and current.two_dimensional == (columns is not None):
        current.resize(size, columns)
    else:
        array.set(Array4D("text", size, columns))


def _object_and_array(name: str, target, array) -> Array4D | None:
    """*array* when *target* is an object and *array* an array; else error 54 (and None)."""
    if not isinstance(target, Obj):
        incompatible(name, "an object was expected")
        return None
    return _array(name, array)


@command_with("OB SET ARRAY", ANY, TEXT, ANY)
def ob_set_array(target, property_name: str, array) -> None:
    """The property becomes a collection of the array's elements (ob-set-array.md)."""
    array = _object_and_array("OB SET ARRAY", target, array)
    if array is not None:
        set_member(target, property_name, Coll(stored_value(item) for item in array.items[1:]))


@command_with("OB GET ARRAY", ANY, TEXT, ANY)
def ob_get_array(target, property_name: str, array) -> None:
    """The array gets the elements of the collection in the property (ob-get-array.md)."""
    array = _object_and_array("OB GET ARRAY", target, array)
    if array is None:
        return
    values = target.get(property_name)
    if values is None or values is UNDEFINED:
        array.resize(0)
    elif type(values) is Coll:
        collection_to_array(values, array)
    else:
        incompatible("OB GET ARRAY", f"the property {property_name!r} is not a collection")


@command_with("JSON Stringify array", ANY, ANY)
def json_stringify_array(array, pretty=UNDEFINED) -> str:
    """The array's elements as a JSON array (``*``: pretty printed)."""
    from fourd.commands.json import stringify
    array = _array("JSON Stringify array", array)
    if array is None:
        return ""
    return stringify(Coll(stored_value(item) for item in array.items[1:]), pretty=pretty is STAR)


@command_with("JSON PARSE ARRAY", TEXT, ANY)
def json_parse_array(text: str, array) -> None:
    """Fills the array from a JSON array (json-parse-array.md)."""
    from fourd.commands.json import parse
    array = _array("JSON PARSE ARRAY", array)
    if array is None:
        return
    values = parse(text)
    if type(values) is not Coll:
        incompatible("JSON PARSE ARRAY", "the JSON text must be an array")
        return
    collection_to_array(values, array)
