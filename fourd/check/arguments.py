"""Argument counts: commands, project methods with a ``#DECLARE`` and the
functions and constructors of project classes with declared parameters.

4D lets a caller omit trailing parameters of methods and functions, so
only too many arguments are an error there. For commands, the catalog
holds no syntax: the registered Python signature of an implemented command
gives its required parameters (too few is an error). Its optional ones
may be fewer than 4D documents (an option fourd does not implement yet), so
more arguments than fourd takes is only reported with ``--unsupported``.
A command fourd does not implement is not counted.
"""
from __future__ import annotations

import inspect
from functools import cache

from fourd.commands import registry
from fourd.syntax import ast

from .diagnostics import ERROR, WARNING, Diagnostic
from .names import command_info
from .project import ProjectIndex, Unit, iter_nodes, start
from .scope import callee_signature, declared_types


def check(unit: Unit, index: ProjectIndex, unsupported: bool = False) -> list[Diagnostic]:
    found = []
    types = None
    for node in unit.nodes:
        if not isinstance(node, ast.Call):
            continue
        callee = node.callee
        given = len(node.args)
        severity, code = ERROR, "argument-count"
        if isinstance(callee, ast.Name) and command_info(callee) is not None:
            problem = _too_few(callee, given)
            if not problem and unsupported:
                problem, severity, code = _more_than_fourd_takes(callee, given), WARNING, "unsupported"
        else:
            types = types if types is not None else declared_types(unit)
            problem = _declared_count(callee, given, unit, types, index)
        if problem:
            found.append(Diagnostic(str(unit.file.path), *start(node), severity, problem, code))
    return found


def _plural(count: int) -> str:
    return f"{count} argument{'s' if count != 1 else ''}"


@cache
def command_bounds(name: str) -> tuple[int, int | None] | None:
    """(least, most) arguments of the implemented command *name*; most is
    None when it takes any number. None when fourd does not implement it."""
    command = registry.lookup(name)
    if command is None or command.raw:
        return None
    least, most = 0, 0
    for parameter in inspect.signature(command.func).parameters.values():
        if parameter.kind is parameter.VAR_POSITIONAL:
            return least, None
        if parameter.kind in (parameter.POSITIONAL_ONLY, parameter.POSITIONAL_OR_KEYWORD):
            most += 1
            if parameter.default is parameter.empty:
                least += 1
    return least, most


def _too_few(callee: ast.Name, given: int) -> str:
    info = command_info(callee)
    bounds = command_bounds(info.name)
    if bounds is not None and given < bounds[0]:
        return f"'{info.name}' needs at least {_plural(bounds[0])}, {given} given"
    return ""


def _more_than_fourd_takes(callee: ast.Name, given: int) -> str:
    info = command_info(callee)
    bounds = command_bounds(info.name)
    if bounds is not None and bounds[1] is not None and given > bounds[1]:
        return f"fourd's '{info.name}' takes at most {_plural(bounds[1])} yet, {given} given"
    return ""


def _declared_count(callee, given: int, unit: Unit, types: dict, index: ProjectIndex) -> str:
    """Too many arguments for a method or function that declares its parameters."""
    signature = callee_signature(callee, unit, types, index)
    if signature is None:
        return ""
    what, params = signature
    if any(param.name == "..." for param in params) or given <= len(params):
        return ""
    return f"{what} declares {_plural(len(params))}, {given} given"
