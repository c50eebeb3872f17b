"""Checking and converting the arguments of built-in commands.

A command declares the 4D type of each parameter and is registered through
:func:`command_with`. Arguments are converted as 4D converts values passed
to typed parameters (``runtime.conversions.coerce``: a Real passed as a
Longint is rounded, Undefined becomes the type's empty value); anything else
is error 54, "Argument types are incompatible", and the command does not
run::

    @command_with("Substring", TEXT, LONGINT, LONGINT)
    def substring(source: str, first: int, count: int | None = None) -> str: ...

Optional parameters are those with a Python default. With ``star=True`` a
trailing ``*`` argument is removed from the arguments and passed as the
keyword ``star=True`` (4D puts ``*`` after whichever optional parameters are
given: ``Position(a; b; *)``, ``Position(a; b; 1; $len; *)``).
"""
from __future__ import annotations

from functools import wraps
from typing import Callable

from fourd.commands.registry import STAR, Ref, command
from fourd.runtime.arity import arity
from fourd.runtime.conversions import coerce, type_name_of
from fourd.runtime.errors import incompatible
from fourd.runtime.values import UNDEFINED, Date, Time

__all__ = ["ANY", "TEXT", "LONGINT", "REAL", "DATE", "REF", "command_with", "incompatible"]

# Parameter kinds: a declared 4D type converted by ``coerce``, or one of the
# two kinds below that are passed through.
TEXT = "text"
LONGINT = "integer"
REAL = "real"
DATE = "date"
ANY = "any"       # any value: the command looks at its type itself
REF = "ref"       # a by-reference parameter (the command's ``refs``)

# What ``coerce`` converts into each declared type (besides Undefined), and
# the type's name in messages.
_ACCEPTED = {
    TEXT: ((str,), "Text"),
    LONGINT: ((int, float, Time), "Longint"),
    REAL: ((float, int, Time), "Real"),
    DATE: ((Date,), "Date"),
}


def _arity(func: Callable, kinds: tuple[str, ...]) -> tuple[int, int]:
    least, most = arity(func)
    if most != len(kinds):
        raise TypeError(f"{func.__name__}: {len(kinds)} kinds for {most} parameters")
    return least, most


def _is_star(arg) -> bool:
    # A ``*`` in a by-reference position (``Position($a; $b; 1; *)``) may
    # arrive wrapped in a Ref by the compiler.
    return arg is STAR or (isinstance(arg, Ref) and arg.get() is STAR)


def command_with(name: str, *kinds: str, refs: tuple[int, ...] = (), star: bool = False):
    """Register the decorated function as the 4D command *name*, typed by *kinds*."""

    def decorate(func: Callable) -> Callable:
        least, most = _arity(func, kinds)

        @wraps(func)
        def checked(*args):
            starred = star and len(args) > 0 and _is_star(args[-1])
            if starred:
                args = args[:-1]
            if not least <= len(args) <= most:
                expected = str(least) if least == most else f"{least} to {most}"
                # 4D rejects a wrong parameter count when it checks the
                # syntax; no runtime code is documented, 54 is the nearest.
                return incompatible(name, f"{expected} parameters expected, {len(args)} passed")
            converted = []
            for position, (kind, value) in enumerate(zip(kinds, args), 1):
                if kind == ANY:
                    converted.append(value)
                elif kind == REF:
                    if not isinstance(value, Ref):
                        return incompatible(name, f"parameter {position} must be a variable")
                    converted.append(value)
                else:
                    accepted, type_name = _ACCEPTED[kind]
                    if type(value) not in accepted and value is not UNDEFINED:
                        got = "*" if value is STAR else type_name_of(value)
                        return incompatible(name, f"parameter {position} must be a {type_name}, not {got}")
                    converted.append(coerce(kind, value))
            if starred:
                return func(*converted, star=True)
            return func(*converted)

        command(name, refs=refs, star=star)(checked)
        return checked

    return decorate

