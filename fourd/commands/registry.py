"""The one registry of built-in 4D commands.

A command is a Python function registered under its 4D name::

    @command("Replace string")
    def replace_string(source: str, old: str, new: str, how_many=UNDEFINED, star=UNDEFINED): ...

The 4D command number comes from the catalog (``fourd.syntax.catalog``),
so plain names (``Replace string``) and tokenized ones
(``Replace string:C233``) resolve to the same function.

Calling convention (what the compiler passes):

* arguments are evaluated 4D values, positionally; omitted trailing
  arguments are simply not passed (give them defaults);
* the ``*`` operator argument is passed as :data:`STAR`;
* parameters listed in ``refs`` receive a :class:`Ref` instead of a value, so
  the command can read and write the caller's variable/property/element
  (``TEXT TO BLOB($t; $blob)``, ``BASE64 ENCODE($b)``);
* ``raw=True`` marks commands the compiler implements inline (``Count
  parameters``, ``Current method name``…); they are registered with a
  placeholder so that the catalog knows they are supported.

Errors are signalled with ``return fail(code, message)`` (see
``runtime.errors``). Commands needing the process (error stack, process
variables, event loop) call ``runtime.process.current_process()``.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Callable

from fourd.runtime.arity import arity

from fourd.runtime.values import STAR, Ref  # noqa: F401  (part of the calling convention)


@dataclass
class Command:
    name: str                   # canonical 4D name, e.g. "Replace string"
    func: Callable
    refs: frozenset = field(default_factory=frozenset)  # 0-based indexes of by-reference params
    raw: bool = False           # implemented by the compiler itself
    star: bool = False          # takes a trailing ``*`` besides its parameters (command_with(star=True))
    kinds: tuple = ()           # parameter kinds declared with command_with ("text", "integer"…)
    # command_with's function itself, without the argument checks of func:
    # for call sites whose arguments the compiler knows have those kinds.
    implementation: Callable | None = None

    @functools.cached_property
    def arity(self) -> tuple[int, float]:
        """(fewest, most) arguments a call may pass, its ``*`` included."""
        least, most = arity(self.func)
        return least, most + self.star


    @functools.cached_property
    def result(self) -> str | None:
        """The kind its function says it returns (its return annotation):
        "integer", "real", "text", "boolean", "date" or None. What it
        usually returns, not a promise: after an error under ON ERR CALL a
        command returns what the handler leaves (code using it tests the type)."""
        return _RESULT_KINDS.get(str(self.func.__annotations__.get("return")))


_RESULT_KINDS = {"int": "integer", "float": "real", "str": "text", "bool": "boolean", "Date": "date"}

#: lower-cased 4D name -> Command
COMMANDS: dict[str, Command] = {}


def command(name: str, *, refs: tuple[int, ...] = (), raw: bool = False, star: bool = False,
            kinds: tuple[str, ...] = (), implementation: Callable | None = None):
    """Register the decorated function as the 4D command *name* (*star*:
    a trailing ``*`` argument is passed as the keyword ``star=True``;
    *kinds*: its parameters' kinds and *implementation* the function
    without checks, see ``commands.arguments``)."""

    def register(func: Callable) -> Callable:
        key = name.lower()
        if key in COMMANDS:
            raise RuntimeError(f"4D command {name!r} registered twice")
        COMMANDS[key] = Command(name, func, frozenset(refs), raw, star, tuple(kinds), implementation)
        return func

    return register


def lookup(name: str) -> Command | None:
    """The registered command called *name* (any letter case), or None.
    A former name (``Get system info``) finds the command under its current
    name (``System info``), as the catalog resolves it.

    Imports only the module registering it (``commands.index``)."""
    key = name.lower()
    found = COMMANDS.get(key)
    if found is None:
        from fourd.syntax.catalog import command_by_name
        current = command_by_name(key)
        if current is not None and current.name.lower() != key:
            return lookup(current.name)
    if found is None and not _loaded:
        from fourd.commands.index import modules
        module = modules().get(key)
        if module is None:
            return None
        import importlib
        importlib.import_module(module)
        found = COMMANDS.get(key)
        if found is None:           # registered elsewhere than where it is defined
            load_all()
            found = COMMANDS.get(key)
    return found


_loaded = False


def load_all() -> None:
    """Import every module that registers commands (``fourd.commands``),
    built-in classes and their members (``fourd.api``, ``fourd.net``), once."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    import importlib
    import pkgutil

    for package_name in ("fourd.commands", "fourd.api", "fourd.net", "fourd.web"):
        package = importlib.import_module(package_name)
        for info in pkgutil.iter_modules(package.__path__):
            if info.name != "registry":
                importlib.import_module(f"{package_name}.{info.name}")
