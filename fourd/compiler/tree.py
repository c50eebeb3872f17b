"""Walking 4D ASTs, and the node standing for code already compiled."""
from __future__ import annotations

from dataclasses import dataclass

from fourd.syntax import ast


@dataclass(slots=True)
class Compiled(ast.Node):
    """Python code already compiled, standing for an AST node (the parts of
    a compound assignment's target, bound to temporaries)."""
    code: str


def walk(body):
    """Every AST node in a list of statements (depth first, formulas included)."""
    stack = list(body)
    while stack:
        node = stack.pop()
        if isinstance(node, (list, tuple)):
            stack.extend(node)
            continue
        if not isinstance(node, ast.Node):
            continue
        yield node
        for name in node.__slots__:
            value = getattr(node, name)
            if isinstance(value, (ast.Node, list, tuple)):
                stack.append(value)


LOOPS = (ast.For, ast.ForEach, ast.While, ast.Repeat)


def has_own_continue(body) -> bool:
    """Does *body* contain a ``continue`` for this loop (not a nested one)?"""
    stack = list(body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Continue):
            return True
        if isinstance(node, (list, tuple)):
            stack.extend(node)
        elif isinstance(node, ast.Node) and not isinstance(node, LOOPS):
            stack.extend(getattr(node, n) for n in node.__slots__
                         if isinstance(getattr(node, n), (ast.Node, list, tuple)))
    return False
