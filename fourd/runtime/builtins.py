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

from .values import Obj


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


# The classes of the runtime's own types ("all objects inherit from the Object class", ob-class.md).
builtin_class("Object", new=Obj, module=__name__)
builtin_class("Class", new=None, module=__name__)
builtin_class("ClassStore", new=None, module=__name__)
