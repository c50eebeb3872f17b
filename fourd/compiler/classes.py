"""Compile a class file (``Classes/Name.4dm``) into a :class:`Class4D`.

Every member becomes a Python function ``func(this, *args)`` of one unit;
``property`` initial values become the class's initialiser, run when an
instance is created (before the constructor). The unit may come from the
code cache (compiler.units): the parser and code generator are then not needed.
"""
from __future__ import annotations

from fourd.runtime.builtins import fourd_class
from fourd.runtime.classes import Class4D
from fourd.runtime.errors import Codes, FourDError
from fourd.runtime.shared import use
from fourd.syntax.errors import FourDSyntaxError


def compile_class(project, source: str, path: str, name: str) -> Class4D:
    unit = project.unit("class", source, path, name, lambda: _compile_unit(project, source, path, name))
    superclass_parts, properties, members = unit.info
    superclass = _resolve_superclass(project, superclass_parts, path) if superclass_parts else None
    cls = Class4D(name, superclass)
    cls.path = path
    # Registered before its code runs, so that the class can refer to itself.
    project.classes[name] = cls
    try:
        namespace = project.load_unit(unit, CLASS=cls)
    except BaseException:
        project.classes.pop(name, None)
        raise
    constructor = next((m for m in members if m[1] == "constructor"), None)
    if constructor is not None:
        mods = [m.lower() for m in constructor[3]]
        # A session singleton is a shared singleton (classes.md, Singleton classes).
        cls.is_shared = "shared" in mods or "session" in mods
        cls.is_singleton = "singleton" in mods
    elif superclass is not None:
        cls.is_shared = superclass.is_shared
    for py_name, kind, member_name, modifiers in members:
        func = namespace[py_name]
        if cls.is_shared and "shared" in (m.lower() for m in modifiers) and kind != "constructor":
            func = _shared_function(func)
        if kind == "constructor":
            cls.constructor = func
        elif kind == "get":
            cls.getters[member_name] = func
        elif kind == "set":
            cls.setters[member_name] = func
        else:
            cls.functions[member_name] = func
    if "__properties" in namespace:
        cls.initialiser = namespace["__properties"]
    for names, type_name in properties:
        for prop in names:
            cls.properties[prop] = type_name
    cls.link()
    return cls


def _compile_unit(project, source: str, path: str, name: str):
    """The compiled unit of a class file; its ``info`` describes the class:
    (superclass name parts or None, [(property names, type)], [(Python
    name, kind, name, modifiers) of each member])."""
    from fourd.syntax import ast
    from fourd.syntax.parser import parse

    from .codegen import Scope, UnitCompiler, syntax_errors
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
    unit = UnitCompiler(path, source, name, class_name=name, signatures=project.method_signature)
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


def _shared_function(func):
    """A ``shared Function`` of a shared class runs inside Use(This)…End use (classes.md)."""
    def run(this, *args):
        with use(this):
            return func(this, *args)
    return run


def _compile_initialiser(unit, properties):
    """``property a : Text := "x"`` → ``__properties(this)`` sets This.a."""
    from fourd.syntax import ast

    from .codegen import Scope
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


def _resolve_superclass(project, parts: list, path: str) -> Class4D:
    if parts[0] == "4D" and len(parts) == 2:
        cls = fourd_class(parts[1])
    else:
        cls = project.get_class(parts[-1])
    if not isinstance(cls, Class4D):
        raise FourDError(Codes.INVALID_CLASS, f"{path}: unknown superclass {'.'.join(parts)}")
    return cls
