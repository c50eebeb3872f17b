"""The code cache: compiled units kept on disk, like Python's ``.pyc``.

Units compiled from files are kept in fourd's cache (``fourd.cache``): the
code object is marshalled with the *recipe* of each value its code names
(``compiler.units``), and the entry is keyed by the source text (with
fourd's own fingerprint). A unit also depends on the ``#DECLARE`` of the
methods it calls (typed calls compile natively): the entry records those
methods' source digests, and a different one makes it stale. Loading a
cached unit needs neither the parser nor the code generator.
"""
from __future__ import annotations

import hashlib
import marshal

from fourd import cache
from fourd.commands import registry
from fourd.compiler.units import CompiledUnit, LineMap
from fourd.runtime.conversions import coercer
from fourd.runtime.members import functions_of
from fourd.runtime.values import Coll, Date, Time

# Bump when the layout of a cache entry changes.
_FORMAT = 1
_CACHE_KIND = "code"


def rebuild(recipe: tuple):
    kind = recipe[0]
    if kind == "value":
        return recipe[1]
    if kind == "date":
        return Date(*recipe[1:])
    if kind == "time":
        return Time(recipe[1])
    if kind == "command":
        return registry.lookup(recipe[1]).func
    if kind == "command implementation":
        return registry.lookup(recipe[1]).implementation
    if kind == "coercer":
        return coercer(recipe[1])
    if kind == "collection function":
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
