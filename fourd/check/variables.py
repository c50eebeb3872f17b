"""Local variables: read before any assignment, or never declared in a unit
that declares its variables (4D's compiler types every local; a unit with
``var`` declarations or declared parameters is written for that).

The code is read in source order, values before the variables they are
assigned to (``$i:=$i+1`` reads ``$i`` first). Branches are not told
apart: a variable assigned in one branch counts as assigned after it.
Arguments given to 4D commands are not reads: many commands fill the
variables they are given (``ARRAY TEXT($names; 0)``, ``GET …($x)``), as
does taking a variable's address (``->$x``).
"""
from __future__ import annotations

from fourd.syntax import ast

from .diagnostics import WARNING, Diagnostic
from .names import command_info
from .project import ProjectIndex, Unit, children
from .scope import declared_names, declared_types


def check(unit: Unit, index: ProjectIndex) -> list[Diagnostic]:
    declared = declared_names(unit)
    types = declared_types(unit)
    # ARRAY commands are how arrays come to be, not a sign the unit declares its variables.
    declares = any(name not in types or types[name].parts != ["Array"] for name in declared)
    assigned = set(declared)
    reported: set[str] = set()
    found: list[Diagnostic] = []
    path = str(unit.file.path)

    def read(node: ast.Local) -> None:
        name = node.name.lower()
        if name.isdigit() or name in reported:
            return
        if declares and name not in declared:
            reported.add(name)
            found.append(Diagnostic(path, node.line, node.column, WARNING,
                                    f"${node.name} is not declared (var ${node.name} : Type)", "undeclared"))
        elif name not in assigned:
            reported.add(name)
            found.append(Diagnostic(path, node.line, node.column, WARNING,
                                    f"${node.name} is used before it is assigned", "used-before-assignment"))

    def write(target) -> None:
        if isinstance(target, ast.Local):
            assigned.add(target.name.lower())
            if declares and target.name.lower() not in declared and not target.name.isdigit():
                read(target)                  # reported as undeclared (once)
        else:
            visit(target)                     # $o.name:=… reads $o

    def visit(node) -> None:
        if isinstance(node, ast.Local):
            read(node)
        elif isinstance(node, (ast.Assign, ast.AssignExpr)):
            if node.op != ":=":
                visit(node.target)            # $n+=1 reads $n
            visit(node.value)
            write(node.target)
        elif isinstance(node, ast.For):
            for part in (node.start, node.end, node.step):
                if part is not None:
                    visit(part)
            write(node.target)
            for statement in node.body:
                visit(statement)
        elif isinstance(node, ast.ForEach):
            visit(node.source)
            write(node.target)
            for part in (node.begin, node.end, node.until, node.while_, *node.body):
                if part is not None:
                    visit(part)
        elif isinstance(node, ast.PointerTo) and isinstance(node.target, ast.Local):
            assigned.add(node.target.name.lower())
        elif isinstance(node, ast.Call) and isinstance(node.callee, ast.Name) and command_info(node.callee):
            for arg in node.args:
                if isinstance(arg, ast.Local):
                    assigned.add(arg.name.lower())    # a command may fill it
                else:
                    visit(arg)
        elif isinstance(node, (ast.VarDecl, ast.Declare)):
            if getattr(node, "value", None) is not None:
                visit(node.value)
        else:
            for child in children(node):
                visit(child)

    for statement in unit.body:
        visit(statement)
    return found

