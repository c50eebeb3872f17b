"""Object model operations used by compiled code: members, indexes, calls.

``$o.name``, ``$c[$i]``, ``$t[[1]]``, ``$o.f()`` and their assignments
compile to calls of these functions. Plain objects and collections take a
short fast path; class instances, built-in types (through
``runtime.members``), class objects and class stores follow.
"""
from __future__ import annotations

import math

from .builtins import fourd_class
from .classes import Class4D, NativeObject
from .conversions import LONGINT_MAX
from .errors import Codes, fail
from .formula import Formula
from .instances import instantiate, singleton_of
from .members import functions_of, properties_of, setters_of
from .shared import REJECTED, admit, check_writable, stored_value
from .values import UNDEFINED, Blob4D, Coll, Obj

ERR_NOT_AN_OBJECT = Codes.NOT_AN_OBJECT
ERR_NULL_ACCESS = Codes.NULL_ACCESS
ERR_NO_SUCH_FUNCTION = Codes.UNKNOWN_FUNCTION
ERR_INDEX = Codes.BAD_INDEX
ERR_READ_ONLY = Codes.READ_ONLY_PROPERTY


def _type_name(value) -> str:
    from .conversions import type_name_of
    return type_name_of(value)


def _index(value):
    """A 4D number used as an index, as a Python int (None if not a number,
    NaN or infinite: a Real divided by zero is INF)."""
    t = type(value)
    if t is int:
        return value
    if t is float and math.isfinite(value):
        return int(value)
    return None


# ------------------------------------------------------------------ members

def get_member(target, name: str):
    """``target.name``"""
    if type(target) is Obj:
        cls = target.cls
        if cls is None:
            return dict.get(target, name, UNDEFINED)
        getter = cls.getters_all.get(name)
        if getter is not None:
            return getter(target)
        value = dict.get(target, name, UNDEFINED)
        if value is UNDEFINED:          # a class function, as a 4D.Function object
            function = cls.function_object(name)
            return UNDEFINED if function is None else function
        return value
    if target is UNDEFINED or target is None:
        # Reading a property of an undefined or null object gives undefined,
        # and the length of an undefined collection is 0 (dt_object.md).
        return 0 if name == "length" else UNDEFINED
    return _get_member_slow(target, name)


def _get_member_slow(target, name: str):
    if isinstance(target, Class4D):
        return class_member(target, name)
    if isinstance(target, Obj):            # Formula, shared objects of subclasses…
        prop = properties_of(type(target)).get(name)
        if prop is not None:
            return prop(target)
        return dict.get(target, name, UNDEFINED)
    prop = properties_of(type(target)).get(name)
    if prop is not None:
        return prop(target)
    if isinstance(target, (Coll, Blob4D, NativeObject)) or hasattr(target, "fourd_member"):
        if hasattr(target, "fourd_member"):
            return target.fourd_member(name)
        return UNDEFINED
    return fail(ERR_NOT_AN_OBJECT, f"Cannot read property '{name}': {_type_name(target)} is not an object")


def class_member(cls: Class4D, name: str):
    """Properties of a class object: ``name``, ``superclass``, ``me`` (singletons)…"""
    if name == "name":
        return cls.name
    if name == "superclass":
        if cls.superclass is None and cls.path:
            # User classes extend 4D.Object by default (classes.md, Class extends).
            return fourd_class("Object")
        return cls.superclass
    if name == "isShared":
        return cls.is_shared
    if name == "isSingleton":
        return cls.is_singleton
    if name == "me" and cls.is_singleton:
        return singleton_of(cls)
    return dict.get(cls, name, UNDEFINED)


def set_member(target, name: str, value):
    """``target.name := value``"""
    if type(target) is Obj:
        cls = target.cls
        if cls is not None and (cls.setters_all or cls.getters_all) and _computed(target, cls, name, value):
            return
        if target.shared is not None:
            _set_shared(target, name, value)
            return
        if value is UNDEFINED:
            _assign_undefined(target, name)
        else:
            t = type(value)
            dict.__setitem__(target, name, value if t is str or t is float else stored_value(value))
        return
    _set_member_slow(target, name, value)


def _computed(target: Obj, cls: Class4D, name: str, value) -> bool:
    """Assign the computed property *name* if it is one (classes.md)."""
    setter = cls.setters_all.get(name)
    getter = cls.getters_all.get(name)
    if setter is not None:
        if value is UNDEFINED:
            # "the Function get is first called to retrieve the value type, then
            # the Function set is called with an empty value of that type"
            from .conversions import empty_like
            value = empty_like(getter(target)) if getter is not None else value
        setter(target, value)
        return True
    if getter is not None:
        fail(ERR_READ_ONLY, f"The property '{name}' is read-only")
        return True
    return False


def _assign_undefined(target: Obj, name: str):
    """Assigning Undefined resets an existing property to its type's empty value (dt_object.md)."""
    if name not in target:
        return
    current = dict.__getitem__(target, name)
    if current is None or current is UNDEFINED:
        return
    from .conversions import empty_like
    dict.__setitem__(target, name, empty_like(current))


def _shared_value(target, value):
    """*value* as the shared *target* may store it, or REJECTED (after the
    error): it must be in Use, and hold scalars or shared objects (shared.md)."""
    if not check_writable(target):
        return REJECTED
    return admit(target, stored_value(value))


def _set_shared(target: Obj, name: str, value) -> None:
    if value is UNDEFINED:
        if check_writable(target):
            _assign_undefined(target, name)
        return
    value = _shared_value(target, value)
    if value is not REJECTED:
        dict.__setitem__(target, name, value)


def _set_member_slow(target, name, value):
    if isinstance(target, Obj):
        if target.shared is not None:
            _set_shared(target, name, value)
            return
        setter = setters_of(type(target)).get(name)
        if setter is not None:
            setter(target, value)
            return
        if isinstance(target, (Class4D, Formula)):
            dict.__setitem__(target, name, value)
            return
        dict.__setitem__(target, name, stored_value(value))
        return
    setter = setters_of(type(target)).get(name)
    if setter is not None:
        setter(target, value)
        return
    if target is None or target is UNDEFINED:
        fail(ERR_NULL_ACCESS, f"Cannot assign property '{name}' of {'Null' if target is None else 'Undefined'}")
        return
    if properties_of(type(target)).get(name) is not None:
        fail(ERR_READ_ONLY, f"The property '{name}' is read-only")
        return
    fail(ERR_NOT_AN_OBJECT, f"Cannot assign property '{name}': {_type_name(target)} is not an object")


# ------------------------------------------------------------------ indexes

def get_index(target, key):
    """``target[key]``: collection element or object property by name."""
    if type(target) is Coll:
        i = _index(key)
        if i is None:
            return fail(ERR_INDEX, "A collection index must be a number")
        if 0 <= i < len(target):
            return list.__getitem__(target, i)
        return UNDEFINED
    if isinstance(target, Obj):
        if type(key) is not str:
            return fail(ERR_INDEX, "An object property name must be a text")
        return get_member(target, key)
    if isinstance(target, Coll):
        return _coll_get(target, key)
    if type(target) is Blob4D:
        # "Use square brackets to directly access a specific byte in a 4D.Blob" (dt_blob.md)
        i = _index(key)
        if i is None or not 0 <= i < len(target.data):
            return fail(ERR_INDEX, f"Blob byte index out of range: {key!r}")
        return target.data[i]
    if target is UNDEFINED:
        return UNDEFINED
    if type(key) is str:
        return get_member(target, key)
    if target is None:
        return fail(ERR_NULL_ACCESS, "Cannot read an element of Null")
    return fail(ERR_NOT_AN_OBJECT, f"{_type_name(target)} has no elements")


def _coll_get(target, key):
    i = _index(key)
    if i is None:
        return fail(ERR_INDEX, "A collection index must be a number")
    return list.__getitem__(target, i) if 0 <= i < len(target) else UNDEFINED


def set_index(target, key, value):
    """``target[key] := value``; writing past the end of a collection fills it with Null."""
    if isinstance(target, Coll):
        i = _index(key)
        if i is None or not 0 <= i <= LONGINT_MAX:
            fail(ERR_INDEX, f"Invalid collection index: {key!r}")
            return
        value = None if value is UNDEFINED else stored_value(value)
        if target.shared is not None:
            value = _shared_value(target, value)
            if value is REJECTED:
                return
        if i >= len(target):
            target.extend([None] * (i - len(target) + 1))
        list.__setitem__(target, i, value)
        return
    if isinstance(target, Obj):
        if type(key) is not str:
            fail(ERR_INDEX, "An object property name must be a text")
            return
        set_member(target, key, value)
        return
    set_member(target, str(key), value)


# --------------------------------------------------------- character refs

def get_char(text, index):
    """``text[[i]]`` (1-based)."""
    if type(text) is not str:
        return fail(ERR_NOT_AN_OBJECT, f"Character reference on {_type_name(text)}")
    i = _index(index)
    if i is None or not 1 <= i <= len(text):
        return fail(Codes.CHAR_INDEX, f"Character index out of range: {index}")
    return text[i - 1]


def set_char(text, index, char):
    """The text with character *index* replaced: ``$t[[i]]:=char``."""
    if type(text) is not str or type(char) is not str or len(char) != 1:
        return fail(ERR_NOT_AN_OBJECT, "A character reference needs a text and one character")
    i = _index(index)
    if i is None or not 1 <= i <= len(text):
        fail(Codes.CHAR_INDEX, f"Character index out of range: {index}")
        return text
    return text[: i - 1] + char + text[i:]


# ------------------------------------------------------------------ calls

def call_member(target, name: str, *args):
    """``target.name(args)``"""
    if type(target) is Obj:             # the usual case: a function of the instance's class
        cls = target.cls
        if cls is not None:
            func = cls.functions_all.get(name)
            if func is not None:
                return func(target, *args)
    if isinstance(target, Obj):
        cls = target.cls
        if cls is not None:
            func = cls.find_function(name) if type(cls) is Class4D or isinstance(cls, Class4D) else None
            if func is not None:
                return func(target, *args)
        value = dict.get(target, name)
        if isinstance(value, Formula):
            return value.func(target, *args)
        if isinstance(target, Class4D):
            return class_call(target, name, args)
        func = functions_of(type(target)).get(name)
        if func is not None:
            return func(target, *args)
        return fail(ERR_NO_SUCH_FUNCTION, f"Unknown member function: {name}()")
    func = functions_of(type(target)).get(name)
    if func is not None:
        return func(target, *args)
    if hasattr(target, "fourd_call"):
        return target.fourd_call(name, args)
    if target is None or target is UNDEFINED:
        return fail(ERR_NULL_ACCESS, f"Cannot call {name}() on {'Null' if target is None else 'Undefined'}")
    return fail(ERR_NO_SUCH_FUNCTION, f"{_type_name(target)} has no member function {name}()")


def class_call(cls: Class4D, name: str, args):
    """Functions of class objects: ``.new()``; other names are class functions
    called on the class itself is not 4D: report them as unknown."""
    if name == "new":
        return instantiate(cls, args)
    func = cls.find_function(name)
    if func is not None:
        return func(cls, *args)
    return fail(ERR_NO_SUCH_FUNCTION, f"Class {cls.name} has no function {name}()")


def call_value(callee, *args):
    """Call a formula held in a value (``$f.call()`` is handled as a member)."""
    if isinstance(callee, Formula):
        return callee.func(None, *args)
    return fail(ERR_NO_SUCH_FUNCTION, f"{_type_name(callee)} is not a formula")
