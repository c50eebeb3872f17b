"""What a unit declares: the types of its locals and parameters, and the
project class an expression's value is an instance of, when the code says so."""
from __future__ import annotations

from fourd.syntax import ast

from fourd.syntax import catalog

from .project import FORMULA_COMMANDS, ProjectIndex, Unit, iter_nodes

#: Legacy declaration commands (``C_TEXT($t)``) and the type each declares.
LEGACY_TYPES = {
    "c_text": "Text", "c_string": "Text", "c_alpha": "Text", "c_longint": "Integer", "c_integer": "Integer",
    "c_real": "Real", "c_boolean": "Boolean", "c_date": "Date", "c_time": "Time", "c_object": "Object",
    "c_collection": "Collection", "c_blob": "Blob", "c_pointer": "Pointer", "c_picture": "Picture",
    "c_variant": "Variant",
}


def legacy_type(call: ast.Call) -> str | None:
    """The type a ``C_xxx(...)`` or ``ARRAY xxx(...)`` call declares (also
    written ``C_TEXT:C284``): ``Array`` for arrays; None for other calls."""
    callee = call.callee
    if not isinstance(callee, ast.Name):
        return None
    name = callee.name.lower()
    if name.startswith("array "):
        return "Array"
    return LEGACY_TYPES.get(name[3:] if name.startswith("_o_") else name)


def declared_names(unit: Unit) -> set[str]:
    """Every local the unit declares, typed or not (``var $x:=1`` declares ``$x``)."""
    names = set(declared_types(unit)) | {p.name.lower() for p in unit.params or ()}
    for node in unit.nodes:
        if isinstance(node, ast.VarDecl):
            names.update(name.lower() for name, scope in zip(node.names, node.scopes or ["local"] * len(node.names))
                         if scope == "local")
    return names


def declared_types(unit: Unit) -> dict[str, ast.TypeRef]:
    """Lower-cased local name (no ``$``) -> its declared type (parameters,
    result, ``var``, ``C_xxx``); the last declaration wins, as in 4D."""
    cached = getattr(unit, "_types", None)
    if cached is not None:
        return cached
    types: dict[str, ast.TypeRef] = {}
    for param in unit.params or ():
        if param.type is not None and param.name != "...":
            types[param.name.lower()] = param.type
    if unit.result is not None and unit.result.name and unit.result.type is not None:
        types[unit.result.name.lower()] = unit.result.type
    for node in unit.nodes:
        if isinstance(node, ast.VarDecl) and node.type is not None:
            for name, scope in zip(node.names, node.scopes or ["local"] * len(node.names)):
                if scope == "local":
                    types[name.lower()] = node.type
        elif isinstance(node, ast.Call):
            kind = legacy_type(node)
            # ARRAY TEXT($names; 0): only the first argument is declared.
            declared = node.args[:1] if kind == "Array" else node.args if kind is not None else ()
            for arg in declared:
                if isinstance(arg, ast.Local):
                    types[arg.name.lower()] = ast.TypeRef(arg.line, arg.column, [kind])
    unit._types = types
    return types


def class_of(expr, unit: Unit, types: dict, index: ProjectIndex) -> str | None:
    """The project class *expr*'s value is an instance of, when visible in the
    code: a local declared ``cs.X``, ``cs.X.new(…)``, ``cs.X.me``, ``This`` in
    a class function. None otherwise."""
    if isinstance(expr, ast.Local):
        declared = types.get(expr.name.lower())
        if declared is not None and len(declared.parts) == 2 and declared.parts[0] == "cs":
            return declared.parts[1]
        return None
    if isinstance(expr, ast.Name) and expr.name.lower() == "this":
        # Inside a formula, This is the object the formula is called on.
        if unit.class_info is None or id(expr) in _inside_formulas(unit):
            return None
        return unit.class_info.name
    if isinstance(expr, ast.Call) and isinstance(expr.callee, ast.Member) and expr.callee.name == "new":
        return _class_object(expr.callee.target, index)
    if isinstance(expr, ast.Member) and expr.name == "me":
        return _class_object(expr.target, index)
    return None


def _class_object(expr, index: ProjectIndex) -> str | None:
    """``X`` when *expr* is ``cs.X`` and the project has class X."""
    if (isinstance(expr, ast.Member) and isinstance(expr.target, ast.Name)
            and expr.target.name.lower() == "cs" and expr.name in index.classes):
        return expr.name
    return None


def callee_signature(callee, unit: Unit, types: dict, index: ProjectIndex):
    """``(what, declared parameters)`` of the project method or class function
    a call reaches, when the code shows which and it declares its parameters
    (``#DECLARE``, ``Function f($a : Text)``); None otherwise."""
    if isinstance(callee, ast.Name):
        if callee.token is not None or catalog.command_by_name(callee.name) is not None:
            return None
        source_file = index.methods.get(callee.name.lower())
        declare = index.method_declare(callee.name)
        if declare is None or index.numbered_parameters(source_file.module.body):
            return None
        return f"method '{callee.name}'", declare.params
    if not isinstance(callee, ast.Member):
        return None
    if callee.name == "new":
        class_name, function_name = _class_object(callee.target, index), "constructor"
    else:
        class_name, function_name = class_of(callee.target, unit, types, index), callee.name.lower()
    if class_name is None:
        return None
    for info in index.class_chain(class_name):
        if info is None:
            return None
        function = info.functions.get(function_name)
        if function is not None:
            if index.numbered_parameters(function.body) or (not function.params and function_name == "constructor"):
                return None
            what = f"cs.{class_name}.new()" if function_name == "constructor" else f"{info.name}.{function.name}()"
            return what, function.params
    return None



def _inside_formulas(unit: Unit) -> set[int]:
    """The ids of the nodes inside ``Formula(…)``/``New formula(…)`` in the unit."""
    cached = getattr(unit, "_formula_nodes", None)
    if cached is None:
        cached = set()
        for node in unit.nodes:
            if isinstance(node, ast.Call) and isinstance(node.callee, ast.Name) and \
                    node.callee.name.lower() in FORMULA_COMMANDS:
                cached.update(id(inner) for inner in iter_nodes(node.args))
        unit._formula_nodes = cached
    return cached
