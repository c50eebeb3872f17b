"""Special names: 4D names the compiler turns into code itself (``This``,
``Formula``, ``Try``, ``Count parameters``…), not command calls.

Each is one function ``compile(unit, node, args) -> Python code``
registered with :func:`special`, which also checks the number of arguments::

    @special("Formula", args=1)
    def formula(c, node, args):
        return c.formula(args[0], node)
"""
from __future__ import annotations

from typing import Callable

from fourd.syntax import ast

from .errors import CompileError
from .types import type_name

#: lower-cased 4D name -> ``compile(unit, node, args)``
SPECIAL_NAMES: dict[str, Callable] = {}


def special(name: str, args: int | None = None, *, what: str = "expression"):
    """Register the decorated function as the compiler of the special name
    *name*; with *args*, a call with another number of arguments is a
    compile error ("Formula takes one expression")."""
    def register(compile_name: Callable) -> Callable:
        if args is None:
            SPECIAL_NAMES[name.lower()] = compile_name
            return compile_name

        def checked(c, node, call_args):
            if len(call_args) != args:
                count = "one" if args == 1 else str(args)
                raise CompileError(f"{name} takes {count} {what}", node)
            return compile_name(c, node, call_args)
        SPECIAL_NAMES[name.lower()] = checked
        return compile_name
    return register


@special("This")
def this(c, node, args):
    return "this"


@special("Count parameters")
def count_parameters(c, node, args):
    return "len(_params)" if c.scope.positional is None else "_n"


@special("Current method name")
def current_method_name(c, node, args):
    return repr(c.scope.name)


@special("Null")
def null(c, node, args):
    return "None"


@special("True")
def true(c, node, args):
    return "True"


@special("False")
def false(c, node, args):
    return "False"


@special("cs")
def class_store(c, node, args):
    return "CS_STORE"


@special("Super")
def super_(c, node, args):
    arglist = "".join(", " + c.arg(a) for a in args)
    return f"super_construct(CLASS, this{arglist})"


@special("Formula", args=1)
def formula(c, node, args):
    return c.formula(args[0], node)


@special("ASSERT")
def assert_(c, node, args):
    if not args:
        raise CompileError("ASSERT needs a condition", node)
    text = c.source_of_args(node)
    message = c.arg(args[1]) if len(args) > 1 else "None"
    return f"assert_({c.expr(args[0])}, {text!r}, {message})"


@special("Undefined", args=1)
def undefined(c, node, args):
    if isinstance(args[0], ast.Literal):
        return "False"              # a literal is never Undefined (and `'a' is X` would warn)
    return f"({c.expr(args[0])} is UNDEFINED)"


@special("Type", args=1, what="variable")
def type_(c, node, args):
    arg = args[0]
    if isinstance(arg, ast.Local):
        t = c.scope.types.get(arg.name.lower())
        if t is not None:
            return f"type_of_declared({type_name(t)!r}, {c.expr(arg)})"
    return f"type_of({c.expr(arg)})"


@special("Try", args=1)
def try_(c, node, args):
    return f"try_expr(lambda: {c.expr(args[0])})"
