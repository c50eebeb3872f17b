"""Compact views of the AST for the syntax tests.

``shape(node)`` turns an AST node into nested tuples ``(ClassName, field, …)``
without source positions, so that a test states the tree it expects in one
readable expression; literal values stay as they are (numbers are floats).
"""
from dataclasses import fields, is_dataclass

from fourd.syntax import ast
from fourd.syntax.parser import parse


def shape(node):
    if isinstance(node, list):
        return [shape(item) for item in node]
    if isinstance(node, tuple):
        return tuple(shape(item) for item in node)
    if isinstance(node, ast.TypeRef):
        return node.dotted
    if is_dataclass(node):
        values = [shape(getattr(node, f.name)) for f in fields(node) if f.name not in ("line", "column")]
        return (type(node).__name__, *values)
    return node


def body(source: str) -> list:
    """The shapes of the top-level statements of *source*."""
    return shape(parse(source).body)


def statement(source: str):
    """The shape of the only statement of *source*."""
    statements = body(source)
    assert len(statements) == 1, statements
    return statements[0]


def expr(source: str):
    """The shape of the expression *source* (parsed as ``$x:=source``)."""
    kind, _target, op, value = statement("$x:=" + source)
    assert (kind, op) == ("Assign", ":=")
    return value


def lit(value):
    return ("Literal", float(value) if isinstance(value, int) and not isinstance(value, bool) else value)


def local(name):
    return ("Local", name)


def name(text, token=None):
    return ("Name", text, token)
