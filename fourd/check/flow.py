"""Unreachable code: statements after ``return``, ``break`` or ``continue``
in the same block never run (one warning per block, on the first of them)."""
from __future__ import annotations

from fourd.syntax import ast

from .diagnostics import WARNING, Diagnostic
from .project import ProjectIndex, Unit

_ENDS_BLOCK = (ast.Return, ast.Break, ast.Continue)
#: Statement type -> its fields holding blocks of statements.
_BLOCKS = {ast.If: ("body", "orelse"), ast.Case: ("orelse",), ast.For: ("body",), ast.ForEach: ("body",),
           ast.While: ("body",), ast.Repeat: ("body",), ast.TryBlock: ("body", "catch"), ast.Use: ("body",)}


def check(unit: Unit, index: ProjectIndex) -> list[Diagnostic]:
    found = []
    for block in _blocks(unit):
        for position, statement in enumerate(block[:-1]):
            if isinstance(statement, _ENDS_BLOCK):
                after = block[position + 1]
                keyword = type(statement).__name__.lower()
                found.append(Diagnostic(str(unit.file.path), after.line, after.column, WARNING,
                                        f"unreachable code after {keyword} (line {statement.line})", "unreachable"))
                break
    return found


def _blocks(unit: Unit):
    """Every list of statements: the unit's body and each nested block."""
    yield unit.body
    for node in unit.nodes:
        names = _BLOCKS.get(type(node))
        if names is None:
            continue
        for name in names:
            block = getattr(node, name)
            if block:
                yield block
        if type(node) is ast.Case:
            for _, branch in node.branches:
                yield branch
