"""Compile a method file or a formula into a unit (``compiler.units``).

``signatures(name)`` gives the ``#DECLARE`` of a project method (or None):
calls to typed methods compile natively.
"""
from __future__ import annotations

from fourd.runtime.errors import Codes, FourDError
from fourd.syntax import ast
from fourd.syntax.errors import FourDSyntaxError
from fourd.syntax.parser import parse

from .codegen import UnitCompiler
from .errors import syntax_errors
from .tree import walk
from .types import Scope, Signature


def declared_signature(module) -> Signature | None:
    """The Signature declared by a parsed method (``#DECLARE``), or None."""
    declare = _declare(module)
    return Signature.of(declare) if declare is not None else None


def _declare(module):
    return next((s for s in module.body if isinstance(s, ast.Declare)), None)


def compile_method_unit(source: str, path: str, name: str, signatures, module=None):
    """The unit of one method; its function ``__method(this, *args)``.
    *module* is the source already parsed, if it was."""
    module = module or parse(source, path)
    if module.members:
        member = module.members[0]
        raise FourDSyntaxError("a method cannot declare class functions (only a class can)",
                               path, member.line, member.column, source)
    unit = UnitCompiler(path, source, name, signatures=signatures)
    with syntax_errors(path, source):
        unit.function("__method", Scope(name, "method"), [], None, module.body, 1, _declare(module))
        return unit.finish()


def compile_formula_unit(source: str, signatures):
    """``Formula from string``: one expression or assignment as the unit's
    function ``__formula``. A 4D error if *source* is not one."""
    module = parse(source, "<formula>")
    if len(module.body) != 1 or module.members:
        raise FourDError(Codes.TYPE_MISMATCH, "A formula must be one expression")
    if any(isinstance(node, ast.Local) and not node.name.isdigit() for node in walk(module.body)):
        # Local variables cannot be reached by name (formula-from-string.md).
        raise FourDError(Codes.LOCAL_IN_FORMULA_STRING, "A formula from a string cannot use local variables")
    stmt = module.body[0]
    body = [ast.Return(stmt.line, stmt.column, stmt.expr)] if isinstance(stmt, ast.ExprStmt) else [stmt]
    unit = UnitCompiler("<formula>", source, "Formula", signatures=signatures)
    unit.function("__formula", Scope("Formula", "formula"), [], None, body, 1)
    return unit.finish()
