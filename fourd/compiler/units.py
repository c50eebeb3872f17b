"""Compiled units: what compiling a 4D file gives, and its on-disk cache.

A :class:`CompiledUnit` is the Python code of one method, class or formula
with what it needs to run: its line map (4D lines for errors), the values
its code names (command functions, converters, dates…), the project methods
it calls. ``Project.load_unit`` runs it.

Like Python's ``.pyc``, units compiled from files are kept in fourd's cache
(``fourd.cache``): the code object is marshalled with a *recipe* for each
named value, and the entry is keyed by the source text (with fourd's own
fingerprint). A unit also depends on the ``#DECLARE`` of the methods it
calls (typed calls compile natively): the entry records those methods'
source digests, and a different one makes it stale. Loading a cached unit
needs neither the parser nor the code generator.
"""
from __future__ import annotations

import hashlib
import marshal
from dataclasses import dataclass, field

from fourd import cache

# Bump when the layout of a cache entry changes.
_FORMAT = 1
_CACHE_KIND = "code"


@dataclass
class LineMap:
    """Python line → 4D line, for one compiled unit."""
    path: str
    name: str
    lines: list = field(default_factory=list)
    functions: dict = field(default_factory=dict)     # Python function name -> 4D name
    source_lines: list = field(default_factory=list)

    def line_for(self, py_line: int) -> int:
        if 0 < py_line <= len(self.lines):
            return self.lines[py_line - 1]
        return 0

    def where(self, code_name: str, py_line: int) -> tuple[str, str, int]:
        """(method or ``Class.function`` name, path, 4D line) of a Python position."""
        return self.functions.get(code_name, self.name), self.path, self.line_for(py_line)

    def source_line(self, line: int) -> str:
        return self.source_lines[line - 1].strip() if 0 < line <= len(self.source_lines) else ""


@dataclass
class CompiledUnit:
    """The compiled code of a 4D file (or formula) and what it needs to run."""
    code: object                    # code object of the Python module
    linemap: LineMap
    namespace: dict                 # the values the code names (see recipe)
    method_slots: dict              # slot name -> project method it calls (Project.load_unit)
    recipes: dict | None            # namespace name -> recipe; None: not cacheable
    signatures_used: tuple = ()     # project methods whose #DECLARE the code relies on
    info: object = None             # what its loader needs besides (a class's members…): plain data


# ------------------------------------------------------------------ recipes
# How to rebuild a value of a unit's namespace: ("value", v) for numbers and
# texts, ("date", y, m, d), ("time", seconds), ("command", 4D name),
# ("coercer", declared type name), ("collection function", name).

def data_recipe(value) -> tuple | None:
    """The recipe of a plain value (None if it has none)."""
    from fourd.runtime.values import Date, Time
    kind = type(value)
    if kind in (float, int, str, bool):
        return ("value", value)
    if kind is Date:
        return ("date", value.year, value.month, value.day)
    if kind is Time:
        return ("time", value.seconds)
    return None


def rebuild(recipe: tuple):
    kind = recipe[0]
    if kind == "value":
        return recipe[1]
    if kind == "date":
        from fourd.runtime.values import Date
        return Date(*recipe[1:])
    if kind == "time":
        from fourd.runtime.values import Time
        return Time(recipe[1])
    if kind == "command":
        from fourd.commands import registry
        return registry.lookup(recipe[1]).func
    if kind == "coercer":
        from fourd.runtime.conversions import coercer
        return coercer(recipe[1])
    if kind == "collection function":
        from fourd.runtime.members import functions_of
        from fourd.runtime.values import Coll
        return functions_of(Coll)[recipe[1]]
    raise ValueError(f"unknown recipe {recipe!r}")


# -------------------------------------------------------------------- cache

def source_digest(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()


def cached(kind: str, name: str, source: str, path: str, digest_of_method) -> CompiledUnit | None:
    """The cached unit of *source* compiled as *kind* ("method", "class")
    named *name*, or None. ``digest_of_method(name)`` is the source digest of
    a project method (None if there is none), to check dependencies."""
    data = cache.read(_CACHE_KIND, cache.key(kind, name, source))
    if data is None:
        return None
    try:
        entry = marshal.loads(data)
        form, code, linemap_name, lines, functions, recipes, slots, dependencies, info = entry
        if form != _FORMAT or any(digest_of_method(m) != d for m, d in dependencies.items()):
            return None
        namespace = {name: rebuild(recipe) for name, recipe in recipes.items()}
    except (EOFError, ValueError, TypeError, KeyError, AttributeError):
        return None             # a damaged entry, or one naming what this fourd lacks
    linemap = LineMap(path, linemap_name, lines, functions, source.splitlines())
    return CompiledUnit(code, linemap, namespace, slots, recipes, tuple(dependencies), info)


def store(kind: str, name: str, source: str, unit: CompiledUnit, digest_of_method) -> None:
    """Keep *unit* (compiled from *source*) in the cache, if it can be."""
    if unit.recipes is None:
        return
    dependencies = {method: digest_of_method(method) for method in unit.signatures_used}
    linemap = unit.linemap
    entry = (_FORMAT, unit.code, linemap.name, linemap.lines, linemap.functions, unit.recipes,
             unit.method_slots, dependencies, unit.info)
    try:
        data = marshal.dumps(entry)
    except ValueError:          # something unmarshallable slipped in: not cached
        return
    cache.write(_CACHE_KIND, cache.key(kind, name, source), data)
