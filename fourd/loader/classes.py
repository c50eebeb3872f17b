"""A class file (``Classes/Name.4dm``) loaded as a :class:`Class4D`.

Its unit comes from the code cache or from ``compiler.classes`` (imported
only then); its ``info`` names the members, which become the class's
functions, computed-property accessors and constructor.
"""
from __future__ import annotations

import threading

from fourd.runtime.builtins import fourd_class
from fourd.runtime.classes import Class4D
from fourd.runtime.errors import Codes, FourDError
from fourd.runtime.shared import use


def load_class(project, source: str, path: str, name: str) -> Class4D:
    """The class *name* of *project*, compiled from *source* (file *path*)."""
    unit = project.unit("class", source, path, name, lambda: _compile(project, source, path, name))
    superclass_parts, properties, members = unit.info
    superclass = _resolve_superclass(project, superclass_parts, path, name) if superclass_parts else None
    cls = Class4D(name, superclass)
    cls.path = path
    # Registered before its code runs, so that the class can refer to itself.
    project.classes[name] = cls
    try:
        namespace = project.load_unit(unit, CLASS=cls)
    except BaseException:
        project.classes.pop(name, None)
        raise
    constructor = next((m for m in members if m[1] == "constructor"), None)
    if constructor is not None:
        mods = [m.lower() for m in constructor[3]]
        # A session singleton is a shared singleton (classes.md, Singleton classes).
        cls.is_shared = "shared" in mods or "session" in mods
        cls.is_singleton = "singleton" in mods
    elif superclass is not None:
        cls.is_shared = superclass.is_shared
    for py_name, kind, member_name, modifiers in members:
        func = namespace[py_name]
        if cls.is_shared and "shared" in (m.lower() for m in modifiers) and kind != "constructor":
            func = _shared_function(func)
        if kind == "constructor":
            cls.constructor = func
        elif kind == "get":
            cls.getters[member_name] = func
        elif kind == "set":
            cls.setters[member_name] = func
        else:
            cls.functions[member_name] = func
    if "__properties" in namespace:
        cls.initialiser = namespace["__properties"]
    for names, type_name in properties:
        for prop in names:
            cls.properties[prop] = type_name
    cls.link()
    return cls


def _compile(project, source: str, path: str, name: str):
    from fourd.compiler.classes import compile_class_unit
    return compile_class_unit(source, path, name, project.method_signature)


def _shared_function(func):
    """A ``shared Function`` of a shared class runs inside Use(This)…End use (classes.md)."""
    def run(this, *args):
        with use(this):
            return func(this, *args)
    return run


# The classes of each project whose superclass this thread is resolving, in order:
# meeting one of them again is a `Class extends` cycle.
_resolving = threading.local()


def _resolve_superclass(project, parts: list, path: str, name: str) -> Class4D:
    if parts[0] == "4D" and len(parts) == 2:
        cls = fourd_class(parts[1])
    else:
        chain = _resolving.__dict__.setdefault(id(project), [])
        chain.append(name)
        try:
            if parts[-1] in chain:
                cycle = chain[chain.index(parts[-1]):] + [parts[-1]]
                raise FourDError(Codes.INVALID_CLASS,
                                 f"{path}: `Class extends` cycle: {' → '.join(cycle)}")
            cls = project.get_class(parts[-1])
        finally:
            chain.pop()
            if not chain:
                del _resolving.__dict__[id(project)]
    if not isinstance(cls, Class4D):
        raise FourDError(Codes.INVALID_CLASS, f"{path}: unknown superclass {'.'.join(parts)}")
    return cls
