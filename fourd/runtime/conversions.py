"""Declared types: default values, assignment conversions, ``Value type``.

``coerce(type_name, value)`` is what 4D does when *value* is assigned to a
variable or parameter declared with *type_name* (``var $x : Real``,
``#DECLARE($t : Text)``). Compiled code that assigns in a loop should fetch
the converter once with :func:`coercer` and call it directly.

References: Concepts/data-types.md (default values), variables.md,
parameters.md ("Wrong parameter type"), dt_null_undefined.md (Undefined
clears a typed variable), dt_number.md, dt_blob.md (automatic conversion
between Blob and 4D.Blob), commands/value-type.md.
"""
from __future__ import annotations

import math
from typing import Callable

from .classes import NativeObject
from .errors import Codes, fail
from .formula import Formula
from .values import NULL_DATE, UNDEFINED, Blob4D, Coll, Date, Obj, Pointer, Time

__all__ = [
    "LONGINT_MIN", "LONGINT_MAX", "to_longint", "wrap_longint", "default_value", "empty_like",
    "coerce", "coercer",
    "value_type", "type_name_of",
    "IS_REAL", "IS_TEXT", "IS_PICTURE", "IS_DATE", "IS_UNDEFINED", "IS_BOOLEAN",
    "IS_LONGINT", "IS_TIME", "IS_POINTER", "IS_BLOB", "IS_OBJECT", "IS_COLLECTION", "IS_NULL",
]

# ``Value type`` results (commands/value-type.md).
IS_REAL = 1
IS_TEXT = 2
IS_PICTURE = 3
IS_DATE = 4
IS_UNDEFINED = 5
IS_BOOLEAN = 6
IS_LONGINT = 9
IS_TIME = 11
IS_POINTER = 23
IS_BLOB = 30
IS_OBJECT = 38
IS_COLLECTION = 42
IS_NULL = 255

LONGINT_MIN = -(1 << 31)
LONGINT_MAX = (1 << 31) - 1


def wrap_longint(n: int) -> int:
    """*n* kept to 32 bits, two's complement, as a 4D Longint computation does."""
    if LONGINT_MIN <= n <= LONGINT_MAX:
        return n
    return ((n - LONGINT_MIN) & 0xFFFFFFFF) + LONGINT_MIN


def to_longint(x) -> int:
    """A 4D number as a Longint (assignment to Integer, bitwise operands, ``%``).

    Reals are rounded half to even: that is the only rule matching both
    ``10.5 % 2 = 0`` (dt_number.md) and ``Mod(3.5;2) = 0`` (mod.md). Out of
    range values have no documented result ("the conversion will not return
    a valid value"); they wrap to 32 bits, and infinities/NaN give -2^31 as
    the x86 conversion does.
    """
    if type(x) is int:
        return wrap_longint(x)
    if not math.isfinite(x):
        return LONGINT_MIN
    return wrap_longint(round(x))


# --- default values (data-types.md "Default values") ------------------------

def _new_blob():
    return bytearray()


# Type name (lower case) -> factory of its default value. Factories, because a
# scalar blob default must be a fresh buffer each time.
_DEFAULTS: dict[str, Callable[[], object]] = {
    "text": lambda: "",
    "real": lambda: 0.0,
    "integer": lambda: 0,
    "boolean": lambda: False,
    "date": lambda: NULL_DATE,
    "time": lambda: Time(0),
    "blob": _new_blob,
    "object": lambda: None,
    "collection": lambda: None,
    "pointer": lambda: None,
    "picture": lambda: None,
    "variant": lambda: UNDEFINED,
}
# Other spellings of the same types: legacy Longint, and Number which the
# docs use in declarations (dt_object.md).
_ALIASES = {"longint": "integer", "number": "real"}


def _canonical(type_name: str) -> str:
    """The lower-case key of a declared type; class types are ``cs.*``/``4d.*``."""
    name = type_name.strip().lower()
    name = _ALIASES.get(name, name)
    if name in _DEFAULTS or _is_class_type(name):
        return name
    raise ValueError(f"unknown 4D type name: {type_name!r}")


def _is_class_type(name: str) -> bool:
    return name.startswith("cs.") or name.startswith("4d.")


def default_value(type_name: str):
    """The value of a variable declared *type_name* and not yet assigned.

    Class types (``cs.Person``, ``4D.File``) default to Null. Raises
    ValueError for a name that is no 4D type (a compiler bug, not user input:
    the compiler checks declarations).
    """
    name = _canonical(type_name)
    factory = _DEFAULTS.get(name)
    return None if factory is None else factory()


# The declared type whose default is the "empty value" of a scalar.
_SCALAR_TYPES = {str: "text", float: "real", int: "integer", bool: "boolean", Date: "date",
                 Time: "time", bytearray: "blob"}


def empty_like(value):
    """The empty value of *value*'s type: what an existing object property
    becomes when Undefined is assigned to it (dt_null_undefined.md): "", 0,
    False, the null date, a zero time, an empty blob; Null for objects,
    collections, pointers; Null and Undefined themselves do not change."""
    name = _SCALAR_TYPES.get(type(value))
    if name is not None:
        return _DEFAULTS[name]()
    return value if value is UNDEFINED else None


# --- assignment conversions --------------------------------------------------

def _mismatch(declared: str, value):
    return fail(Codes.TYPE_MISMATCH,
                f"Argument types are incompatible: {type_name_of(value)} cannot be assigned to {declared}.")


def _scalar_converter(python_type: type, default, declared: str) -> Callable:
    """Converter for a type that takes its own values only (and Undefined,
    which gives *default*, an immutable value)."""

    def convert(value):
        if type(value) is python_type:
            return value
        if value is UNDEFINED:
            return default
        return _mismatch(declared, value)

    return convert


_to_text = _scalar_converter(str, "", "Text")
_to_boolean = _scalar_converter(bool, False, "Boolean")
_to_date = _scalar_converter(Date, NULL_DATE, "Date")


def _to_real(value):
    t = type(value)
    if t is float:
        return value
    if t is int:
        return float(value)
    if t is Time:  # "A time value can be treated as a number" (dt_time.md)
        return float(value.seconds)
    if value is UNDEFINED:
        return 0.0
    return _mismatch("Real", value)


def _to_integer(value):
    t = type(value)
    if t is int:
        return value
    if t is float:
        return to_longint(value)
    if t is Time:
        return wrap_longint(value.seconds)
    if value is UNDEFINED:
        return 0
    return _mismatch("Integer", value)


def _to_time(value):
    t = type(value)
    if t is Time:
        return value
    if t is float or t is int:  # times are numbers of seconds
        return Time(to_longint(value))
    if value is UNDEFINED:
        return Time(0)
    return _mismatch("Time", value)


def _to_blob(value):
    # Scalar blobs have value semantics: the variable gets its own copy.
    t = type(value)
    if t is bytearray:
        return bytearray(value)
    if t is Blob4D:  # automatic 4D.Blob -> Blob conversion (dt_blob.md)
        return bytearray(value.data)
    if value is UNDEFINED:
        return bytearray()
    return _mismatch("Blob", value)


def _is_object(value) -> bool:
    """An Object value: plain objects, class instances, formulas, 4D.Blob…"""
    return isinstance(value, (Obj, NativeObject, Blob4D))


def _reference_converter(accepts: Callable[[object], bool], declared: str) -> Callable:
    """Converter for a type holding a reference or Null: Undefined gives Null."""

    def convert(value):
        if value is None or accepts(value):
            return value
        if value is UNDEFINED:
            return None
        return _mismatch(declared, value)

    return convert


_object_or_null = _reference_converter(_is_object, "Object")
# Into a cs.X/4D.X variable; checking the object's class needs the class
# stores and is left to the caller.
_to_instance = _reference_converter(_is_object, "a class instance")
_to_collection = _reference_converter(lambda v: type(v) is Coll, "Collection")
_to_pointer = _reference_converter(lambda v: type(v) is Pointer, "Pointer")


def _to_object(value):
    if type(value) is bytearray:  # automatic Blob -> 4D.Blob conversion (dt_blob.md)
        return Blob4D(value)
    return _object_or_null(value)


def _to_picture(value):
    # Pictures are not implemented: whatever a picture command returned passes.
    return None if value is UNDEFINED else value


def _to_variant(value):
    return value


_COERCERS: dict[str, Callable] = {
    "text": _to_text,
    "real": _to_real,
    "integer": _to_integer,
    "boolean": _to_boolean,
    "date": _to_date,
    "time": _to_time,
    "blob": _to_blob,
    "object": _to_object,
    "collection": _to_collection,
    "pointer": _to_pointer,
    "picture": _to_picture,
    "variant": _to_variant,
}


# Type name as written in the code -> its converter, filled as names are met.
_COERCERS_BY_SPELLING: dict[str, Callable] = {}


def coercer(type_name: str) -> Callable:
    """The converter ``f(value) -> value`` for variables declared *type_name*."""
    convert = _COERCERS_BY_SPELLING.get(type_name)
    if convert is None:
        name = _canonical(type_name)
        convert = _to_object if name == "4d.blob" else _COERCERS.get(name, _to_instance)
        _COERCERS_BY_SPELLING[type_name] = convert
    return convert


def coerce(type_name: str, value):
    """*value* as stored in a variable declared *type_name*.

    The rules: Undefined gives the type's default value (dt_null_undefined.md);
    a Real into an Integer is rounded (dt_number.md, see :func:`to_longint`);
    an Integer or a Time into a Real becomes a Real; Null fits Object,
    Collection, Pointer, Picture and Variant only; Blob and 4D.Blob convert
    into each other. Anything else is error 54 (wrong type, parameters.md).
    """
    return coercer(type_name)(value)


# --- Value type ---------------------------------------------------------------

_VALUE_TYPES: dict[type, int] = {
    float: IS_REAL,
    str: IS_TEXT,
    int: IS_LONGINT,
    bool: IS_BOOLEAN,
    Date: IS_DATE,
    Time: IS_TIME,
    Coll: IS_COLLECTION,
    Pointer: IS_POINTER,
    bytearray: IS_BLOB,
    type(None): IS_NULL,
    type(UNDEFINED): IS_UNDEFINED,
}


def value_type(v) -> int:
    """The ``Value type`` of *v*. Everything not listed (plain objects, class
    instances, formulas, 4D.Blob, native 4D objects) is an object."""
    return _VALUE_TYPES.get(type(v), IS_OBJECT)


_TYPE_NAMES: dict[type, str] = {
    float: "Real",
    str: "Text",
    int: "Integer",
    bool: "Boolean",
    Date: "Date",
    Time: "Time",
    Coll: "Collection",
    Pointer: "Pointer",
    bytearray: "Blob",
    Blob4D: "4D.Blob",
    Formula: "4D.Function",
    type(None): "Null",
    type(UNDEFINED): "Undefined",
}


def type_name_of(v) -> str:
    """A short description of *v*'s type for error messages ("Text", "Real"…)."""
    name = _TYPE_NAMES.get(type(v))
    if name is not None:
        return name
    if isinstance(v, NativeObject):
        return f"4D.{v.FOURD_CLASS}"
    cls_name = getattr(getattr(v, "cls", None), "name", None)
    return cls_name or "Object"
