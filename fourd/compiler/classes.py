"""Compile a class file (``Classes/Name.4dm``) into a unit.

Every member becomes a Python function ``func(this, *args)`` of one unit;
``property`` initial values become the function ``__properties(this)``, the
class's initialiser. The loader (``fourd.loader.classes``) makes the
:class:`Class4D` from the unit.
"""
from __future__ import annotations

from fourd.syntax import ast
from fourd.syntax.errors import FourDSyntaxError
from fourd.syntax.parser import parse

from .codegen import UnitCompiler
from .errors import syntax_errors
from .types import Scope


def compile_class_unit(source: str, path: str, name: str, signatures):
    """The compiled unit of a class file; its ``info`` describes the class:
    (superclass name parts or None, [(property names, type)], [(Python
    name, kind, name, modifiers) of each member]). ``signatures`` as in
    ``compiler.methods``."""
    module = parse(source, path)
    superclass = None
    properties = []
    for stmt in module.body:
        if isinstance(stmt, ast.ClassExtends):
            superclass = list(stmt.superclass.parts)
        elif isinstance(stmt, ast.PropertyDecl):
            properties.append(stmt)
        else:
            raise FourDSyntaxError("only 'property' and 'Class extends' may precede the class functions",
                                   path, stmt.line, stmt.column, source)
    _check_names(properties, module.members, path, source)
    unit = UnitCompiler(path, source, name, class_name=name, signatures=signatures)
    members = []
    with syntax_errors(path, source):
        for i, member in enumerate(module.members):
            py_name = f"__{member.kind}_{i}"
            unit.function(py_name, Scope(f"{name}.{member.name}", member.kind), member.params,
                          member.result, member.body, member.line)
            members.append((py_name, member.kind, member.name, list(member.modifiers)))
        if any(p.value is not None for p in properties):
            _compile_initialiser(unit, properties)
        declared = [(list(p.names), p.type.dotted if p.type else "variant") for p in properties]
        return unit.finish((superclass, declared, members))


def _check_names(properties, members, path: str, source: str) -> None:
    """"Since properties and functions share the same namespace, using the
    same name for a property and a function of the same class is not allowed
    (an error is thrown in this case)" (classes.md). 4D names are case
    sensitive here, as property names are."""
    declared = {name: p for p in properties for name in p.names}
    for member in members:
        if member.kind == "function" and member.name in declared:
            raise FourDSyntaxError(f"'{member.name}' is both a property and a function of this class",
                                   path, member.line, member.column, source)


def _compile_initialiser(unit, properties):
    """``property a : Text := "x"`` → ``__properties(this)`` sets This.a."""
    body = []
    for p in properties:
        if p.value is None:
            continue
        for prop in p.names:
            target = ast.Member(p.line, p.column, ast.Name(p.line, p.column, "This"), prop)
            body.append(ast.Assign(p.line, p.column, target, ":=", p.value))
    scope = Scope("property", "function")
    unit.function("__properties_body", scope, [], None, body, properties[0].line)
    unit.emit("def __properties(this):")
    unit.emit("    __properties_body(this)")
