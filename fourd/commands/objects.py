"""Object commands (theme "Objects (Language)"): New object, OB Get, OB Copy, Storage…

Pages: commands/new-object.md, new-shared-object.md, ob-keys.md, ob-values.md,
ob-entries.md, ob-copy.md, ob-is-defined.md, ob-is-empty.md, ob-is-shared.md, ob-class.md,
ob-instance-of.md, storage.md; commands-legacy/ob-get.md, ob-set.md,
ob-remove.md, undefined.md.

Values are stored as 4D stores them in objects (``runtime.shared.stored_value``:
reals, times in seconds, 4D.Blob); shared objects follow ``runtime.shared``.
The commands working on arrays (OB GET PROPERTY NAMES, OB SET ARRAY,
OB GET ARRAY) are not implemented: fourd has no arrays.
"""
from __future__ import annotations

import math

from fourd.commands.arguments import ANY, LONGINT, TEXT, command_with, incompatible
from fourd.commands.json import convert, native_properties
from fourd.commands.registry import Ref, command
from fourd.runtime import shared
from fourd.runtime.classes import Class4D, NativeObject
from fourd.runtime.conversions import empty_like
from fourd.runtime.instances import class_of, instance_of
from fourd.runtime.values import UNDEFINED, Blob4D, Coll, Obj, is_number

__all__ = ["set_property", "CK_RESOLVE_POINTERS", "CK_SHARED"]

# OB Copy options (constants of the "Objects (Language)" theme).
CK_RESOLVE_POINTERS = 1
CK_SHARED = 2


# --- storing properties ----------------------------------------------------------

def set_property(obj: Obj, key: str, value) -> None:
    """``obj[key] := value`` as OB SET and New object store it.

    Undefined clears an existing property and is ignored for a new one
    (dt_object.md); a shared *obj* must be in ``Use`` and takes only what
    shared objects hold (``runtime.shared``).
    """
    if obj.shared is not None and not shared.check_writable(obj):
        return
    value = shared.stored_value(value)
    if value is UNDEFINED:
        if key in obj:
            dict.__setitem__(obj, key, empty_like(dict.__getitem__(obj, key)))
        return
    if obj.shared is not None:
        value = shared.admit(obj, value)
        if value is shared.REJECTED:
            return
    dict.__setitem__(obj, key, value)


def _set_pairs(name: str, obj: Obj, pairs: tuple) -> None:
    """Sets the *property*/*value* pairs passed to command *name*."""
    if len(pairs) % 2:
        incompatible(name, "property/value pairs expected")
        return
    for i in range(0, len(pairs), 2):
        key = pairs[i]
        if type(key) is not str:
            incompatible(name, f"parameter {i + 1} must be a property name (text)")
            return
        set_property(obj, key, pairs[i + 1])


@command("New object")
def new_object(*pairs) -> Obj:
    obj = Obj()
    _set_pairs("New object", obj, pairs)
    return obj


@command("New shared object")
def new_shared_object(*pairs) -> Obj:
    obj = shared.make_shared(Obj())
    with shared.use(obj):
        _set_pairs("New shared object", obj, pairs)
    return obj


@command("OB SET", refs=(0,))
def ob_set(target=UNDEFINED, *pairs) -> None:
    """``OB SET(object; property; value {; property2; value2…})``: creates the
    object in an undefined or Null variable (ob-set.md, example 1)."""
    if not pairs:
        incompatible("OB SET", "property/value pairs expected")
        return
    obj = target.get() if isinstance(target, Ref) else target
    if obj is None or obj is UNDEFINED:
        obj = Obj()
        if isinstance(target, Ref):
            target.set(obj)
    if not isinstance(obj, Obj):
        incompatible("OB SET", "an object was expected")
        return
    _set_pairs("OB SET", obj, pairs)


# --- reading -----------------------------------------------------------------------

_NOT_AN_OBJECT = object()


def _properties(value):
    """The properties of an object argument as a mapping; None for Null or
    Undefined; _NOT_AN_OBJECT for anything else (collections included)."""
    if isinstance(value, Obj):
        return value
    if isinstance(value, (NativeObject, Blob4D)):
        return native_properties(value)
    if value is None or value is UNDEFINED:
        return None
    return _NOT_AN_OBJECT


def _listing(name: str, value, entry) -> Coll:
    """A collection of ``entry(key, value)`` for the properties of *value*."""
    properties = _properties(value)
    if properties is _NOT_AN_OBJECT:
        return incompatible(name, "an object was expected")
    if properties is None:
        return Coll()
    return Coll(entry(key, item) for key, item in properties.items())


@command_with("OB Keys", ANY)
def ob_keys(value) -> Coll:
    return _listing("OB Keys", value, lambda key, item: key)


@command_with("OB Values", ANY)
def ob_values(value) -> Coll:
    return _listing("OB Values", value, lambda key, item: item)


@command_with("OB Entries", ANY)
def ob_entries(value) -> Coll:
    return _listing("OB Entries", value, lambda key, item: Obj(key=key, value=item))


@command_with("OB Get", ANY, TEXT, LONGINT)
def ob_get(value, key: str, type_code: int | None = None):
    properties = _properties(value)
    if properties is _NOT_AN_OBJECT:
        return incompatible("OB Get", "an object was expected")
    result = UNDEFINED if properties is None else properties.get(key, UNDEFINED)
    return result if type_code is None else convert(result, type_code)


@command_with("OB Is defined", ANY, TEXT)
def ob_is_defined(value, key: str | None = None) -> bool:
    properties = _properties(value)
    if properties is None or properties is _NOT_AN_OBJECT:
        return False
    return key is None or key in properties


@command_with("OB Is empty", ANY)
def ob_is_empty(value) -> bool:
    properties = _properties(value)
    if properties is _NOT_AN_OBJECT:
        return incompatible("OB Is empty", "an object was expected")
    return not properties


@command_with("OB REMOVE", ANY, TEXT)
def ob_remove(value, key: str) -> None:
    """Removes *key*; on a shared object inside an automatic Use (shared.md)."""
    if value is None or value is UNDEFINED:
        return
    if not isinstance(value, Obj):
        incompatible("OB REMOVE", "an object was expected")
        return
    with shared.use(value):
        value.pop(key, None)


@command_with("OB Is shared", ANY)
def ob_is_shared(value) -> bool:
    """True for a shared object or collection (commands/ob-is-shared.md)."""
    return getattr(value, "shared", None) is not None


# --- copying ------------------------------------------------------------------------

@command_with("OB Copy", ANY, ANY, ANY)
def ob_copy(value, option=False, group_with=None):
    """``OB Copy(object {; resolvePtrs})`` or ``OB Copy(object {; option {; groupWith}})``."""
    if value is None or value is UNDEFINED:
        return None
    if not isinstance(value, Obj):
        return incompatible("OB Copy", "an object was expected")
    if type(option) is bool:
        option = CK_RESOLVE_POINTERS if option else 0
    elif not is_number(option) or not math.isfinite(option):
        return incompatible("OB Copy", "the option must be a Boolean or a number")
    option = int(option)
    if group_with is not None and getattr(group_with, "shared", None) is None:
        return incompatible("OB Copy", "groupWith must be a shared object or collection")
    copy = shared.deep_copy(value, bool(option & CK_RESOLVE_POINTERS))
    if option & CK_SHARED:
        return shared.make_shared(copy, group_with)
    return copy


# --- classes ------------------------------------------------------------------------

@command_with("OB Class", ANY)
def ob_class(value) -> Class4D | None:
    return class_of(value)


@command_with("OB Instance of", ANY, ANY)
def ob_instance_of(value, cls) -> bool:
    return instance_of(value, cls)


# --- Storage, Undefined ------------------------------------------------------------

@command_with("Storage")
def storage() -> Obj:
    return shared.storage()


@command_with("Undefined", ANY)
def undefined(value) -> bool:
    """``Undefined(expression)``: the compiler passes the evaluated expression."""
    return value is UNDEFINED
