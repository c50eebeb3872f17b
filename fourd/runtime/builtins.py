"""The one registry of 4D's built-in classes (``4D.Blob``, ``4D.TCPListener``…).

A built-in class is registered once, in the module that implements it::

    @builtin_class("TCPListener")
    def new_listener(port=UNDEFINED, options=UNDEFINED):   # what 4D.TCPListener.new() calls
        ...

    builtin_class("TCPEvent", new=None, module=__name__)   # instances made by 4D only

The ``4D`` class store asks :func:`find` for a name. Only what has been
imported is registered; the layer above the runtime installs a *finder*
(:func:`set_finder`) that imports the module registering a name it has not
seen, using an index like the one of commands, so using ``4D.X`` imports X's
module only.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .classes import Class4D, NativeObject
from .errors import Codes, fail
from .values import UNDEFINED, Obj


@dataclass(frozen=True)
class BuiltinClass:
    name: str                       # 4D name without the "4D." prefix
    new: Callable | None            # what ``4D.<name>.new()`` calls; None: no new()
    module: str                     # the module registering it


#: 4D class name (case-sensitive, as in 4D) -> its registration
CLASSES: dict[str, BuiltinClass] = {}

_finder: Callable[[str], None] | None = None

_MISSING = object()


def builtin_class(name: str, new=_MISSING, *, module: str = ""):
    """Register the 4D built-in class *name*.

    As a decorator, the decorated function is what ``4D.<name>.new()``
    calls. Called with ``new=None`` (and ``module=__name__``), the class
    exists as a class object (``OB Class``, ``OB Instance of``, ``var $e :
    4D.TCPEvent``) but 4D code cannot instantiate it."""
    def register(factory: Callable | None) -> Callable | None:
        owner = module or getattr(factory, "__module__", "")
        if name in CLASSES and CLASSES[name].module != owner:
            raise RuntimeError(f"4D.{name} registered twice")
        CLASSES[name] = BuiltinClass(name, factory, owner)
        return factory

    if new is _MISSING:
        return register
    return register(new)


def set_finder(finder: Callable[[str], None]) -> None:
    """Install ``finder(name)``: imports the module that registers 4D.*name*."""
    global _finder
    _finder = finder


def find(name: str) -> BuiltinClass | None:
    """The registration of 4D.*name*, importing its module if needed; None if unknown."""
    found = CLASSES.get(name)
    if found is None and _finder is not None:
        _finder(name)
        found = CLASSES.get(name)
    return found


class FourDStore(NativeObject):
    """``4D``: the built-in classes (4D.Object, 4D.Blob, 4D.TCPConnection…)."""

    FOURD_CLASS = "4D"

    def __init__(self):
        self.classes: dict[str, Class4D] = {}

    def fourd_member(self, name: str):
        cls = self.classes.get(name)
        if cls is None:
            cls = class_object(name)
            if cls is None:
                return UNDEFINED
            self.classes[name] = cls
        return cls


def class_object(name: str) -> Class4D | None:
    """A new class object for the 4D built-in class *name*,
    or None if fourd does not know it. Every built-in class but 4D.Object
    extends 4D.Object ("all objects inherit from the Object class", ob-class.md)."""
    registered = find(name)
    if registered is None:
        return None
    superclass = None if name == "Object" else FOURD_STORE.fourd_member("Object")
    return Class4D(name, superclass, native=registered.new or _no_new(name))


def _no_new(name: str):
    """``new()`` of a built-in class whose instances only 4D creates (4D.TCPEvent…)."""
    def new(*args):
        return fail(Codes.UNKNOWN_FUNCTION, f"4D.{name} cannot be instantiated with new()")
    return new


FOURD_STORE = FourDStore()


def fourd_class(name: str) -> Class4D | None:
    """``4D.<name>``, the class object of a built-in class, or None if unknown."""
    cls = FOURD_STORE.fourd_member(name)
    return cls if isinstance(cls, Class4D) else None


# The classes of the runtime's own types ("all objects inherit from the Object class", ob-class.md).
builtin_class("Object", new=Obj, module=__name__)
builtin_class("Class", new=None, module=__name__)
builtin_class("ClassStore", new=None, module=__name__)
