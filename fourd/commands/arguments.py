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

Each command gets a straight-line Python function written for its kinds
(:func:`_fast_entry`): arguments that already have their parameter's type
(a Text for TEXT, an Integer or a Real for LONGINT…) go to the command with
one type test each; anything else (Undefined, a wrong type, ``*``, a wrong
count) takes the general path above, which converts or signals the error.
"""
from __future__ import annotations

from functools import wraps
from typing import Callable

from fourd.commands.registry import STAR, Ref, command
from fourd.runtime.arity import arity
from fourd.runtime.conversions import coerce, to_longint, type_name_of
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

        entry = _fast_entry(func, kinds, least, star, checked)
        command(name, refs=refs, star=star, kinds=kinds, implementation=func)(entry)
        return entry

    return decorate


# Per kind: the test that lets an argument through as it is, and (optionally)
# a Python type converted on the fast path too.
_FAST_TESTS = {
    TEXT: ("type({a}) is str", None),
    LONGINT: ("type({a}) is int", ("float", "to_longint")),
    REAL: ("type({a}) is float", ("int", "float")),
    DATE: ("type({a}) is Date", None),
    REF: ("type({a}) is Ref", None),
    ANY: ("True", None),
}


def _fast_entry(func: Callable, kinds: tuple[str, ...], least: int, star: bool, general: Callable) -> Callable:
    """A function taking the command's arguments that calls *func* directly
    when every argument already has its kind's type, else *general*.

    With ``star``, a trailing ``*`` (bare, or in a by-reference position)
    selects a second such function that passes ``star=True``."""
    namespace = {"_MISSING": _MISSING, "STAR": STAR, "Ref": Ref, "Date": Date, "func": func, "general": general,
                 "to_longint": to_longint, "_given": _given}
    exec(_straight_line("plain", kinds, least, starred=False), namespace)
    if not star:
        return wraps(func)(namespace["plain"])
    exec(_straight_line("starred", kinds, least, starred=True), namespace)
    plain, starred = namespace["plain"], namespace["starred"]

    def entry(*args):
        if args:
            last = args[-1]
            if last is STAR or (type(last) is Ref and last.get() is STAR):
                return starred(*args[:-1])
        return plain(*args)
    return wraps(func)(entry)


def _straight_line(function: str, kinds: tuple[str, ...], least: int, starred: bool) -> str:
    """The source of *function*(a0=…, a1=…, *extra) for :func:`_fast_entry`."""
    names = [f"a{i}" for i in range(len(kinds))]
    star_argument = ", STAR" if starred else ""
    slow = f"general(*_given({''.join(f'{n}, ' for n in names)}*_extra){star_argument})"

    def call(count: int) -> str:
        arguments = names[:count] + (["star=True"] if starred else [])
        return f"func({', '.join(arguments)})"

    lines = [f"def {function}({''.join(f'{n}=_MISSING, ' for n in names)}*_extra):"]
    required = f" or {names[least - 1]} is _MISSING" if least else ""
    lines.append(f"    if _extra{required}: return {slow}")
    for i, (kind, name) in enumerate(zip(kinds, names)):
        if i >= least:
            lines.append(f"    if {name} is _MISSING: return {call(i)}")
        test, conversion = _FAST_TESTS[kind]
        if test != "True":
            lines.append(f"    if not ({test.format(a=name)}):")
            if conversion is not None:
                lines.append(f"        if type({name}) is {conversion[0]}: {name} = {conversion[1]}({name})")
                lines.append(f"        else: return {slow}")
            else:
                lines.append(f"        return {slow}")
    lines.append(f"    return {call(len(names))}")
    return "\n".join(lines)


class _Missing:
    __slots__ = ()


_MISSING = _Missing()


def _given(*args):
    """*args* without the trailing parameters that were not passed."""
    end = len(args)
    while end and args[end - 1] is _MISSING:
        end -= 1
    return args[:end]

