"""Classes: user classes (``cs``), built-in classes (``4D``) and native objects.

* A class is a :class:`Class4D` — itself a 4D object (``$c.name``,
  ``$c.superclass``, ``$c.new()``).
* An instance of a user class is an :class:`~fourd.runtime.values.Obj`
  whose ``cls`` is the class.
* Instances of built-in classes that are implemented in Python
  (``4D.TCPConnection``…) are :class:`NativeObject` subclasses: their 4D
  properties and functions are registered in ``runtime.members``.
"""
from __future__ import annotations

import functools
from typing import Callable

from .formula import Formula
from .values import Obj


class Class4D(Obj):
    """A 4D class object."""

    __slots__ = ("name", "superclass", "functions", "getters", "setters", "constructor",
                 "properties", "is_shared", "is_singleton", "native", "singleton_instance", "path",
                 "getters_all", "setters_all", "functions_all", "initialiser", "function_objects")

    def __init__(self, name: str, superclass: "Class4D | None" = None, *, native: Callable | None = None):
        super().__init__()
        self.name = name
        self.superclass = superclass
        self.functions: dict[str, Callable] = {}   # name -> func(this, *args)
        self.getters: dict[str, Callable] = {}     # name -> func(this)
        self.setters: dict[str, Callable] = {}     # name -> func(this, value)
        self.constructor: Callable | None = None   # func(this, *args)
        self.properties: dict[str, object] = {}    # declared property -> type name
        self.is_shared = False
        self.is_singleton = False
        self.native = native                       # factory(*args) for 4D built-ins
        self.singleton_instance = None
        self.path = ""
        self.initialiser: Callable | None = None    # func(this): declared property values
        # Accessors and functions of this class and its superclasses, merged by link().
        self.getters_all: dict[str, Callable] = {}
        self.setters_all: dict[str, Callable] = {}
        self.functions_all: dict[str, Callable] = {}
        self.function_objects: dict = {}           # name -> its 4D.Function (see function_object)
        # "A class object itself is a shared object" (classes.md): its own
        # shared group, so that Use(cs.Foo) locks it and what is stored on it
        # (inside Use) must be shareable.
        from .shared import SharedGroup
        self.shared = SharedGroup(self)

    def link(self) -> None:
        """Merge inherited computed-property accessors and functions (call
        once the chain is loaded)."""
        self.getters_all, self.setters_all, self.functions_all = {}, {}, {}
        for cls in reversed(list(self.chain())):
            self.getters_all.update(cls.getters)
            self.setters_all.update(cls.setters)
            self.functions_all.update(cls.functions)

    def chain(self):
        """This class, then its superclasses up to the root."""
        cls = self
        while cls is not None:
            yield cls
            cls = cls.superclass

    def find_function(self, name: str) -> Callable | None:
        return next((c.functions[name] for c in self.chain() if name in c.functions), None)

    def function_object(self, name: str):
        """The class function *name* (inherited too) as a 4D.Function object
        (``$f:=$o.myFunction``), or None. The same object each time."""
        formula = self.function_objects.get(name)
        if formula is None:
            func = self.find_function(name)
            if func is None:
                return None
            from .formula import Formula
            formula = self.function_objects[name] = Formula(func, name)
        return formula

    def is_subclass_of(self, other: "Class4D") -> bool:
        return any(cls is other for cls in self.chain())

    def __repr__(self) -> str:
        return f"<Class {self.name}>"


class NativeObject:
    """Base of built-in 4D class instances implemented in Python.

    Subclasses set ``FOURD_CLASS`` (the 4D class name, e.g. ``"TCPConnection"``)
    and register their 4D members with ``runtime.members``.
    """

    FOURD_CLASS = "Object"


def find_callable(target, name: str) -> Callable | None:
    """The function *name* of *target*, bound to it, or None.

    Used by the runtime to call callbacks given as "options" objects: a user
    class instance (its class function) or a plain object whose property is
    a formula (called with ``This`` = the object). Objects such as 4D.HTTPRequest
    look up several callbacks per instance, hence the merged table of the class
    first and a partial rather than a closure.
    """
    if isinstance(target, Obj):
        cls = target.cls
        if isinstance(cls, Class4D):
            merged = cls.functions_all    # filled by link() (empty: a class built by hand)
            func = merged.get(name) if merged else cls.find_function(name)
            if func is not None:
                return functools.partial(func, target)
        value = dict.get(target, name)
        if isinstance(value, Formula):
            return functools.partial(value.func, target)
    return None
