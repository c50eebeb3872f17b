"""Type mismatches visible without running: a value whose type the code
shows (a literal, a declared variable, ``True``/``False``) assigned to a
declared variable, given as the argument of a declared parameter, or
returned as a declared result, when 4D cannot convert between the two.

Numbers go into Integer, Real and Time alike (4D converts); Variant,
Pointer, Blob, Picture and class-typed targets are not judged (what they
accept depends on values only known at run time).
"""
from __future__ import annotations

from fourd.syntax import ast

from .diagnostics import ERROR, Diagnostic
from .project import ProjectIndex, Unit, iter_nodes, start
from .scope import callee_signature, declared_types

NUMBER = "Number"
#: Declared type -> the static kinds it accepts.
ACCEPTS = {
    "text": {"Text"},
    "real": {NUMBER}, "integer": {NUMBER}, "longint": {NUMBER},
    "boolean": {"Boolean"},
    "date": {"Date"},
    "time": {"Time", NUMBER},
    "object": {"Object"},
    "collection": {"Collection"},
}
_LITERAL_KINDS = {"str": "Text", "float": NUMBER, "int": NUMBER, "Date": "Date", "Time": "Time"}
_DECLARED_KINDS = {"text": "Text", "real": NUMBER, "integer": NUMBER, "longint": NUMBER, "boolean": "Boolean",
                   "date": "Date", "time": "Time", "object": "Object", "collection": "Collection"}


def check(unit: Unit, index: ProjectIndex) -> list[Diagnostic]:
    types = declared_types(unit)
    found: list[Diagnostic] = []

    def report(node, message, statement):
        line, column = start(node)
        if line == 0:                   # the parser leaves empty {} and [] unpositioned
            line, column = statement.line, statement.column
        found.append(Diagnostic(str(unit.file.path), line, column, ERROR, message, "type-mismatch"))

    for node in unit.nodes:
        if isinstance(node, (ast.Assign, ast.AssignExpr)) and node.op == ":=" and isinstance(node.target, ast.Local):
            declared = types.get(node.target.name.lower())
            problem = _mismatch(node.value, declared, types)
            if problem:
                report(node.value, f"{problem} assigned to ${node.target.name} ({declared.dotted})", node)
        elif isinstance(node, ast.VarDecl) and node.value is not None and node.type is not None:
            problem = _mismatch(node.value, node.type, types)
            if problem:
                report(node.value, f"{problem} assigned to ${node.names[-1]} ({node.type.dotted})", node)
        elif isinstance(node, ast.Return) and node.value is not None and unit.result is not None:
            problem = _mismatch(node.value, unit.result.type, types)
            if problem:
                report(node.value, f"{problem} returned by {unit.name}, declared {unit.result.type.dotted}", node)
        elif isinstance(node, ast.Call):
            target = callee_signature(node.callee, unit, types, index)
            if target is None:
                continue
            what, params = target
            for position, (arg, param) in enumerate(zip(node.args, params), 1):
                if param.name == "...":
                    break
                problem = _mismatch(arg, param.type, types)
                if problem:
                    report(arg, f"argument {position} of {what} is {problem}, "
                                f"but parameter ${param.name} is {param.type.dotted}", node)
    return found


def static_kind(expr, types: dict) -> str | None:
    """The type *expr* has whatever happens at run time, or None if unknown."""
    if isinstance(expr, ast.Literal):
        return _LITERAL_KINDS.get(type(expr.value).__name__)
    if isinstance(expr, ast.Unary) and isinstance(expr.operand, ast.Literal):
        return static_kind(expr.operand, types)
    if isinstance(expr, ast.ObjectLiteral):
        return "Object"
    if isinstance(expr, ast.CollectionLiteral):
        return "Collection"
    if isinstance(expr, ast.Name) and expr.name.lower() in ("true", "false") and (
            expr.token is None or expr.token[0] == "C"):
        return "Boolean"
    if isinstance(expr, ast.Local):
        declared = types.get(expr.name.lower())
        if declared is not None and len(declared.parts) == 1:
            return _DECLARED_KINDS.get(declared.parts[0].lower())
    return None


def _mismatch(value, declared: ast.TypeRef | None, types: dict) -> str:
    """``"a Text value"`` when *value* cannot go into *declared*, else ``""``."""
    if declared is None or len(declared.parts) != 1:
        return ""
    accepted = ACCEPTS.get(declared.parts[0].lower())
    kind = static_kind(value, types)
    if accepted is None or kind is None or kind in accepted:
        return ""
    shown = "a number" if kind == NUMBER else f"{'an' if kind[0] in 'AEIOU' else 'a'} {kind}"
    return f"{shown} value" if not isinstance(value, ast.Local) else f"${value.name} ({kind})"
