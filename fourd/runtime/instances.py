"""Instances of classes: ``cls.new()``, singletons, constructors, and which
class a value belongs to (``OB Class``, ``OB Instance of``)."""
from __future__ import annotations

import threading

from .arity import accepts
from .builtins import fourd_class
from .classes import Class4D, NativeObject
from .errors import Codes, fail
from .formula import Formula
from .process import current_process
from .shared import make_shared, use
from .values import Blob4D, Coll, Obj


def instantiate(cls: Class4D, args):
    """``cls.new(args)``"""
    if cls.native is not None:
        if not accepts(cls.native, len(args)):
            return fail(Codes.TYPE_MISMATCH, f"4D.{cls.name}.new(): wrong number of parameters")
        return cls.native(*args)
    if cls.is_singleton:
        return singleton_of(cls)
    return _new_instance(cls, args)


def _new_instance(cls: Class4D, args) -> Obj:
    obj = Obj()
    obj.cls = cls
    _initialise(cls, obj)
    if not cls.is_shared:
        run_constructor(cls, obj, args)
        return obj
    # Declared property values become shared values (classes.md, property);
    # the constructor writes This without Use...End use.
    obj = make_shared(obj)
    with use(obj):
        run_constructor(cls, obj, args)
    return obj


def _initialise(cls: Class4D, obj: Obj) -> None:
    """Declared property values, root class first (classes.md, property)."""
    if cls.superclass is not None:
        _initialise(cls.superclass, obj)
    if cls.initialiser is not None:
        cls.initialiser(obj)


def run_constructor(cls: Class4D, this, args):
    """The constructor of *cls*, or (without one) the inherited one."""
    if cls.constructor is not None:
        cls.constructor(this, *args)
    elif cls.superclass is not None and cls.superclass.native is None:
        run_constructor(cls.superclass, this, args)
    return this


_singletons_lock = threading.Lock()


def singleton_of(cls: Class4D):
    """The instance of a singleton class: one per process, or one for all
    processes when the class is shared (classes.md)."""
    if cls.is_shared:
        with _singletons_lock:
            if cls.singleton_instance is None:
                cls.singleton_instance = _new_instance(cls, ())
            return cls.singleton_instance
    singletons = current_process().singletons
    obj = singletons.get(id(cls))
    if obj is None:
        obj = singletons[id(cls)] = _new_instance(cls, ())
    return obj


def class_of(value) -> Class4D | None:
    """The class of *value* (OB Class): its user class, or the built-in one
    from the ``4D`` class store."""
    cls = getattr(value, "cls", None)
    if isinstance(cls, Class4D):
        return cls
    if isinstance(value, Class4D):
        return fourd_class("Class")
    if isinstance(value, Formula):
        return fourd_class("Function")
    if isinstance(value, Obj):
        return fourd_class("Object")
    if isinstance(value, Coll):
        return fourd_class("Collection")
    if isinstance(value, Blob4D):
        return fourd_class("Blob")
    if isinstance(value, NativeObject):
        return fourd_class(value.FOURD_CLASS)
    return None


def instance_of(value, cls) -> bool:
    """True if *value* belongs to *cls* or one of its subclasses; every
    object is an instance of 4D.Object (ob-instance-of.md)."""
    if not isinstance(cls, Class4D):
        return fail(Codes.INVALID_CLASS, "OB Instance of: the class parameter is not a class")
    if cls is fourd_class("Object"):
        return isinstance(value, (Obj, NativeObject, Blob4D))
    own = class_of(value)
    return own is not None and own.is_subclass_of(cls)
