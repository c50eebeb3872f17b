"""Which module registers each built-in command and each built-in class, so
that looking one up imports that module only (``registry.lookup``,
``runtime.builtins.find``), not all of them.

The index is built by loading every command module once, then kept in
fourd's cache (``fourd.cache``, keyed by fourd's own files): it is never
out of date, and without a usable cache every lookup simply loads all.
"""
from __future__ import annotations

import functools
import marshal

from fourd import cache
from fourd.commands import registry
from fourd.runtime import builtins

_CACHE_KIND = "index"


@functools.cache
def modules() -> dict[str, str]:
    """Lower-cased command name -> the module registering it."""
    return _index()["commands"]


def class_modules() -> dict[str, str]:
    """4D built-in class name (``TCPListener``) -> the module registering it."""
    return _index()["classes"]


@functools.cache
def _index() -> dict[str, dict[str, str]]:
    entry = cache.key("registration index")
    data = cache.read(_CACHE_KIND, entry)
    if data is not None:
        try:
            return marshal.loads(data)
        except (EOFError, ValueError, TypeError):
            pass                    # a damaged entry: built again
    registry.load_all()
    index = {"commands": {key: command.func.__module__ for key, command in registry.COMMANDS.items()},
             "classes": {name: registered.module for name, registered in builtins.CLASSES.items()}}
    cache.write(_CACHE_KIND, entry, marshal.dumps(index))
    return index
