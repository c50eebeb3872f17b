"""The registry of member functions and properties of built-in types.

``$coll.map(...)``, ``$blob.size``, ``$conn.send(...)``: for a value whose
Python type is built in (Coll, Blob4D, Formula, a NativeObject subclass…),
compiled code looks its members up here. Register with::

    @member_function(Coll, "map")
    def map_(coll, callback, *params): ...

    @member_property(Blob4D, "size")
    def size(blob): ...

Member names are case-sensitive, as in 4D. Functions receive the target
first, then the evaluated 4D arguments (omitted trailing arguments are not
passed). Signal errors with ``return fail(code, message)``.
"""
from __future__ import annotations

from typing import Callable

_functions: dict[type, dict[str, Callable]] = {}
_properties: dict[type, dict[str, Callable]] = {}
_setters: dict[type, dict[str, Callable]] = {}
# Per concrete type, the merged tables along its MRO (built on first use).
_resolved: dict[tuple[int, type], dict[str, Callable]] = {}


def _register(table: dict, typ: type, name: str):
    def decorator(func: Callable) -> Callable:
        table.setdefault(typ, {})[name] = func
        _resolved.clear()
        return func
    return decorator


def member_function(typ: type, name: str):
    """Register ``func(target, *args)`` as the 4D function *name* of *typ*."""
    return _register(_functions, typ, name)


def member_property(typ: type, name: str):
    """Register ``func(target)`` as the read-only 4D property *name* of *typ*."""
    return _register(_properties, typ, name)


def member_setter(typ: type, name: str):
    """Register ``func(target, value)`` to assign the 4D property *name* of *typ*."""
    return _register(_setters, typ, name)


def _table(kind: int, source: dict, typ: type) -> dict[str, Callable]:
    key = (kind, typ)
    merged = _resolved.get(key)
    if merged is None:
        merged = {}
        for base in reversed(typ.__mro__):
            merged.update(source.get(base, {}))
        _resolved[key] = merged
    return merged


def functions_of(typ: type) -> dict[str, Callable]:
    return _table(0, _functions, typ)


def properties_of(typ: type) -> dict[str, Callable]:
    return _table(1, _properties, typ)


def setters_of(typ: type) -> dict[str, Callable]:
    return _table(2, _setters, typ)
