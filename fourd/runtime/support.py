"""Small runtime helpers that only compiled code calls (loops, parameters,
references, Try, pointers…) and the interprocess variables.

The general 4D semantics live in the other runtime modules; what is here is
the glue that the code generator relies on by name (``compiler.namespace``
lists what a compiled unit sees).
"""
from __future__ import annotations

import math
import sys

from . import access, arrays, operators, shared
from .arrays import Array4D
from .classes import Class4D, NativeObject
from .conversions import coerce, default_value, value_type, wrap_longint
from .errors import Codes, FourDError, InterruptRequest, as_4d_error, fail
from .formula import Formula
from .instances import instance_of, run_constructor
from .members import properties_of
from .process import asserts_enabled, current_process, global_state
from .values import UNDEFINED, Coll, Obj, Pointer, Ref, Time, Undefined

ONCE = (None,)

#: Types of the values an object property or collection element does not take
#: as they are (``shared.stored_value`` converts them; Undefined is no value):
#: inline stores in compiled code test for them.
STORE_CONVERTS = frozenset({int, Time, bytearray, Undefined})


class _Missing:
    """The default of a parameter the caller did not pass (distinct from an
    Undefined the caller did pass: Count parameters counts that one)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"


MISSING = _Missing()

#: Interprocess variables (``<>name``), shared by every process.
INTERPROCESS: dict[str, object] = {}


# ----------------------------------------------------------------- loops

def to_number(value):
    t = type(value)
    if t is float or t is int:
        return value
    if value is UNDEFINED or value is None:
        return 0.0
    return fail(Codes.TYPE_MISMATCH, "A For loop needs numbers") or 0.0


def _integral(x) -> bool:
    return type(x) is int or (type(x) is float and x.is_integer())


def for_range(start, end, step, as_int: bool):
    """The values a ``For`` counter takes (start/end/step evaluated once)."""
    if step == 0:
        return iter(())
    if _integral(start) and _integral(end) and _integral(step):
        r = range(int(start), int(end) + (1 if step > 0 else -1), int(step))
        return r if as_int else map(float, r)
    return _float_range(start, end, step)


def _float_range(start, end, step):
    value = start
    while (value <= end) if step > 0 else (value >= end):
        yield value
        value += step


def for_after(start, end, step, as_int: bool):
    """The counter's value after a ``For`` loop ran to completion."""
    if step == 0 or (step > 0 and start > end) or (step < 0 and start < end):
        return start
    count = math.floor((end - start) / step) + 1
    value = start + count * step
    return int(value) if as_int else float(value)


def for_each_items(source, begin, end):
    """What ``For each`` iterates: collection elements or object property
    names, counted once at the start (cf_looping.md)."""
    if isinstance(source, Coll):
        items = list(source)
    elif isinstance(source, Obj):
        items = list(source.keys())
    elif source is None or source is UNDEFINED:
        return ()
    elif isinstance(source, NativeObject):      # its 4D properties, as OB Keys lists them
        items = list(properties_of(type(source)))
    else:
        return fail(Codes.TYPE_MISMATCH, "For each needs a collection or an object") or ()
    if begin is not None or end is not None:
        b = int(begin) if begin is not None else 0
        e = int(end) if end is not None else len(items)
        if b < 0:
            b += len(items)
        if e < 0:
            e += len(items)
        items = items[max(b, 0):max(e, 0)]
    return items


# ------------------------------------------------------------ parameters

def to_index(value) -> int:
    if type(value) is int:
        return value
    if type(value) is float:
        return int(value)
    return fail(Codes.BAD_INDEX, "A parameter number must be a number") or 0


def get_param(params: list, index: int):
    if 0 <= index < len(params):
        return params[index]
    return UNDEFINED


def set_param(params: list, index: int, value):
    if index < 0:
        fail(Codes.BAD_INDEX, "Invalid parameter number")
        return value
    while len(params) <= index:
        params.append(UNDEFINED)
    params[index] = value
    return value


def copy_value(value):
    """Assignment of a scalar blob copies it (value semantics)."""
    return bytearray(value) if type(value) is bytearray else value


def legacy_param(value, type_name: str):
    """A parameter declared the legacy way (``C_TEXT($1)``): converted to the
    type, or the type's empty value without an error (parameters.md)."""
    process = current_process()
    errors, saved = process.last_errors, try_enter(process)
    try:
        return coerce(type_name, value)
    except FourDError:
        return default_value(type_name)
    finally:
        try_exit(process, saved)
        process.last_errors = errors


# (Python type, class) -> whether values of that type are instances of the
# class: for values other than objects, the class follows from the type.
_TYPE_INSTANCES: dict = {}


def as_instance(value, store, class_name: str):
    """*value* assigned to a variable or parameter declared ``cs.X``/``4D.X``:
    Null, or an instance of that class (parameters.md, "Wrong parameter type")."""
    if value is None or value is UNDEFINED:
        return None
    cls = store.fourd_member(class_name)
    if not isinstance(cls, Class4D):
        return coerce("object", value)       # a class fourd does not know: any object
    if type(value) is Obj:
        instance = value.cls is cls or _instance_of(value, cls)
    else:
        instance = _TYPE_INSTANCES.get((type(value), cls))
        if instance is None:
            instance = _TYPE_INSTANCES[type(value), cls] = _instance_of(value, cls)
    if instance:
        return value
    return fail(Codes.TYPE_MISMATCH, f"Argument types are incompatible: an instance of {class_name} was expected")


def _instance_of(value, cls: Class4D) -> bool:
    return instance_of(value, cls) is True


def set_var(store: dict, key: str, value):
    """Assign a process or interprocess variable (a scalar blob is copied)."""
    store[key] = copy_value(value)
    return value


def int32(value):
    return wrap_longint(value) if type(value) is int else coerce("integer", value)


# ---------------------------------------------------- references, pointers

class _Box:
    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value


def value_ref(value) -> Ref:
    """A by-reference argument that is not assignable: writes go nowhere."""
    box = _Box(value)
    return Ref(lambda: box.value, lambda v: setattr(box, "value", v), "")


def member_ref(target, name: str) -> Ref:
    return Ref(lambda: access.get_member(target, name), lambda v: access.set_member(target, name, v), name)


def index_ref(target, key) -> Ref:
    return Ref(lambda: access.get_index(target, key), lambda v: access.set_index(target, key, v), str(key))


def element_ref(target, index) -> Ref:
    """``$array{i}`` passed by reference (``DOM GET XML ATTRIBUTE BY INDEX($e; $i; $names{$i}; …)``)."""
    return Ref(lambda: arrays.get_element(target, index), lambda v: arrays.set_element(target, index, v),
               str(index))


def var_ref(store: dict, key: str) -> Ref:
    return Ref(lambda: store.get(key, UNDEFINED), lambda v: store.__setitem__(key, v), key)


def param_ref(params: list, index: int) -> Ref:
    return Ref(lambda: get_param(params, index), lambda v: set_param(params, index, v), f"${index + 1}")


def pointer_ref(pointer) -> Ref:
    if not isinstance(pointer, Pointer):
        return fail(Codes.TYPE_MISMATCH, "A pointer was expected")
    return Ref(pointer.get, pointer.set, pointer.name)


def var_pointer(store: dict, key: str, name: str) -> Pointer:
    return Pointer(name, lambda: store.get(key, UNDEFINED), lambda v: store.__setitem__(key, v), (id(store), key))


def member_pointer(target, name: str) -> Pointer:
    return Pointer(name, lambda: access.get_member(target, name), lambda v: access.set_member(target, name, v),
                   (id(target), name))


def element_pointer(array, index, name: str) -> Pointer:
    """``->$array{index}``: a pointer to one element of the array held now by
    the variable *name* (pointers.md lists array elements among the targets)."""
    from .arrays import get_element, set_element
    if type(array) is not Array4D:
        return fail(Codes.TYPE_MISMATCH, f"{name} is not an array: a pointer cannot point to its element")
    return Pointer(name, lambda: get_element(array, index), lambda v: set_element(array, index, v),
                   (id(array), index))


def deref(pointer):
    if isinstance(pointer, Pointer):
        return pointer.get()
    return fail(Codes.TYPE_MISMATCH, "Only a pointer can be dereferenced")


def deref_set(pointer, value):
    if isinstance(pointer, Pointer):
        pointer.set(value)
    else:
        fail(Codes.TYPE_MISMATCH, "Only a pointer can be dereferenced")


def assign_member(target, name, value):
    access.set_member(target, name, value)
    return value


def assign_index(target, key, value):
    access.set_index(target, key, value)
    return value


def new_object(entries: dict) -> Obj:
    """An object literal ``{a: …}``: values stored as objects store them;
    an undefined value creates no property."""
    obj = Obj()
    for key, value in entries.items():
        if value is not UNDEFINED:
            dict.__setitem__(obj, key, shared.stored_value(value))
    return obj


def new_collection(items: list) -> Coll:
    """A collection literal ``[…]``: "If an element is undefined, it will
    appear as Null in the collection" (dt_collection.md)."""
    return Coll([None if value is UNDEFINED else shared.stored_value(value) for value in items])


# ------------------------------------------------------------------ errors

def try_enter(process=None):
    """Start of a ``Try`` block or ``Try()``: errors raise to it, unless an
    error handler is installed inside it (error-handling.md). Returns what
    :func:`try_exit` restores."""
    process = process or current_process()
    process.try_depth += 1
    saved, process.try_handler = process.try_handler, process.error_handler or global_state.error_handler
    return saved


def try_exit(process, saved) -> None:
    process.try_depth -= 1
    process.try_handler = saved


def try_caught(exc: BaseException):
    """Record *exc* as the current error stack (for ``Last errors`` in Catch)."""
    error = as_4d_error(exc)
    current_process().last_errors = list(error.stack)
    return error


def try_expr(thunk):
    """``Try(expression)``: its value, or Undefined if it raised an error.
    The error stack starts empty."""
    process = current_process()
    process.last_errors = []
    saved = try_enter(process)
    try:
        return thunk()
    except InterruptRequest:
        raise
    except Exception as exc:
        try_caught(exc)
        return UNDEFINED
    finally:
        try_exit(process, saved)


def deferred_mark() -> int:
    """Where the deferred errors of the method starting now begin (throw.md)."""
    return len(current_process().deferred_errors)


def raise_deferred(mark: int) -> None:
    """At the end of a method that may throw deferred errors: raise those it
    threw, all at once (unless another error is already unwinding it)."""
    process = current_process()
    pending = process.deferred_errors
    if len(pending) <= mark:
        return
    errors = pending[mark:]
    del pending[mark:]
    if sys.exc_info()[1] is not None:
        return
    first = errors[0]
    error = FourDError(first.code, first.message, first.component, deferred=True,
                       stack=[entry for e in errors for entry in e.stack])
    error.where = first.where
    process.signal(error)


def assert_(value, source: str, message=None):
    """``ASSERT(condition{; message})``: error -10518 when false."""
    if value is True:
        return None
    if value is not False:
        value = operators.condition(value)
        if value:
            return None
    if not asserts_enabled():       # SET ASSERT ENABLED(False): assertions are ignored
        return None
    # "Assert failed: " precedes the assertion's text, or the custom message
    # that replaces it (assert.md, example 2).
    text = message if isinstance(message, str) and message else source
    return fail(Codes.ASSERT_FAILED, f"Assert failed: {text}")


def unsupported(what: str):
    return fail(Codes.UNSUPPORTED_COMMAND, f"{what} is not supported by fourd")


# ``Type($var)`` constants for declared types (type.md: Is text, Is real…).
_DECLARED_TYPES = {"text": 2, "real": 1, "integer": 9, "longint": 9, "boolean": 6, "date": 4,
                   "time": 11, "object": 38, "collection": 42, "blob": 30, "pointer": 23,
                   "picture": 3, "variant": 12}


def type_of_declared(type_name: str, value):
    """``Type($var)`` of a declared variable: its declared type."""
    return _DECLARED_TYPES.get(type_name, 38 if "." in type_name else value_type(value))


def type_of(value):
    """``Type(expression)`` of an untyped variable or expression: the type of
    its value, arrays included (type.md)."""
    return value.type_code() if type(value) is Array4D else value_type(value)


# ------------------------------------------------------------------ classes

def super_construct(cls: Class4D, this, *args):
    """``Super(...)`` in a constructor: run the superclass constructor."""
    parent = cls.superclass
    if parent is None:
        return None
    run_constructor(parent, this, args)
    return None


def super_call(cls: Class4D, this, name: str, *args):
    """``Super.name(...)``: the superclass function, bound to This."""
    parent = cls.superclass
    func = parent.find_function(name) if parent is not None else None
    if func is None:
        return fail(Codes.UNKNOWN_FUNCTION, f"{name}() is not a function of the superclass of {cls.name}")
    return func(this, *args)


def super_member(cls: Class4D, this, name: str):
    """``Super.name`` (a function object or the superclass)."""
    parent = cls.superclass
    if parent is None:
        return UNDEFINED
    func = parent.find_function(name)
    if func is not None:
        return Formula(lambda _this, *a: func(this, *a), name)
    return access.class_member(parent, name)


# The names of this module that compiled code uses.
HELPERS = (
    "ONCE", "MISSING", "STORE_CONVERTS", "to_number", "for_range", "for_after", "for_each_items",
    "to_index", "get_param", "set_param", "copy_value", "set_var", "legacy_param", "as_instance", "int32",
    "value_ref", "member_ref", "index_ref", "element_ref", "var_ref", "param_ref", "pointer_ref", "var_pointer",
    "member_pointer", "element_pointer", "deref", "deref_set", "assign_member", "assign_index", "new_object",
    "new_collection",
    "try_enter", "try_exit", "try_caught", "try_expr", "deferred_mark", "raise_deferred", "assert_",
    "unsupported", "type_of_declared", "type_of", "super_construct", "super_call", "super_member",
)
