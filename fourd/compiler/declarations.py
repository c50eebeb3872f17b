"""Compiling declarations: a function's parameters and result (``#DECLARE``,
``Function f($a : Text) -> $r : Real``, legacy ``$1``…), the prologue that
receives them, ``var`` and ``C_TEXT``, and conversions to declared types."""
from __future__ import annotations

from fourd.commands import registry
from fourd.runtime.values import Date, Time
from fourd.syntax import ast

from .errors import CompileError, NotCallbackForm
from .tree import walk
from .types import (LEGACY_DECLARATIONS, PYTHON_TYPES, Scope, checked_type_name, declared_kind,
                    declared_names, type_name)


class Declarations:
    """Part of :class:`~fourd.compiler.codegen.UnitCompiler`: functions and declarations."""

    def function(self, py_name: str, scope: Scope, params: list, result, body: list, line: int,
                 declare: ast.Declare | None = None):
        """Emit ``def py_name(this, *args)`` for a method/function body."""
        self.scope = scope
        if declare is not None:
            params, result = declare.params, declare.result
        for p in params:
            if p.name == "...":
                scope.variadic = p.type
                scope.variadic_declared = True
                continue
            name = p.name.lower()
            if name in scope.params:
                raise CompileError(f"the parameter ${p.name} is declared twice", p)
            scope.params.append(name)
            scope.types[name] = p.type
        if result is not None:
            if result.name is not None:
                scope.result = result.name.lower()
                scope.types.setdefault(scope.result, result.type)
            scope.result_type = result.type
        self.collect(body)
        if scope.result is None and "0" in scope.types_seen:
            scope.result = "0"
        self.bind_parameters(scope)
        self.linemap.functions[py_name] = scope.name
        self.emit(f"def {py_name}({self.parameters(scope)}):", line)
        self.indent += 1
        # The prologue has no 4D line: its errors (a wrong parameter type,
        # a stack overflow) are reported at the caller's line.
        self.current_line = 0
        self.prologue(scope, line)
        if scope.throws:
            # Deferred errors thrown here are raised when the method returns (throw.md).
            self.emit("_deferred = deferred_mark()")
            self.emit("try:")
            self.indent += 1
        for stmt in body:
            self.statement(stmt)
        self.epilogue(scope)
        if scope.throws:
            self.indent -= 1
            self.emit("finally:")
            self.emit("    raise_deferred(_deferred)")
        self.indent -= 1
        self.scope = None

    def collect(self, body: list):
        """First pass over a body: declared types, locals used, legacy parameters."""
        scope = self.scope
        seen: set[str] = set()
        scope.types_seen = seen
        for node in walk(body):
            if isinstance(node, ast.Local):
                name = node.name.lower()
                seen.add(name)
                if name.isdigit() and name != "0":
                    scope.legacy_max = max(scope.legacy_max, int(name))
            elif isinstance(node, ast.ParamIndirect):
                scope.indirect = True
            elif isinstance(node, ast.VarDecl):
                for n, where in declared_names(node):
                    if where == "local":
                        scope.types[n.lower()] = node.type or self.inferred_type(node.value)
            elif isinstance(node, ast.Call) and isinstance(node.callee, ast.Name):
                lname = node.callee.name.lower()
                kind, info = self.resolve(node.callee)
                cmd = registry.lookup(str(info)) if kind == "command" else None
                if cmd is not None and cmd.refs:
                    for i, arg in enumerate(node.args):
                        if i in cmd.refs and isinstance(arg, ast.Local):
                            scope.ref_locals.add(arg.name.lower())
                if lname in LEGACY_DECLARATIONS:
                    for arg in node.args:
                        if isinstance(arg, ast.Local):
                            scope.types[arg.name.lower()] = ast.TypeRef(0, 0, [LEGACY_DECLARATIONS[lname]])
            elif isinstance(node, ast.Name) and node.name.lower() == "count parameters":
                scope.counts = True
            elif isinstance(node, ast.Name) and node.name.lower() == "throw":
                scope.throws = True
            elif isinstance(node, ast.PointerTo) and isinstance(node.target, ast.Local):
                scope.ref_locals.add(node.target.name.lower())

    def inferred_type(self, value) -> ast.TypeRef | None:
        """``var $x:=5`` infers Real; other initialisers leave the variable Variant."""
        if isinstance(value, ast.Literal):
            kind = {float: "real", str: "text", bool: "boolean", Date: "date", Time: "time"}.get(type(value.value))
            if kind:
                return ast.TypeRef(0, 0, [kind])
        if isinstance(value, ast.ObjectLiteral):
            return ast.TypeRef(0, 0, ["object"])
        if isinstance(value, ast.CollectionLiteral):
            return ast.TypeRef(0, 0, ["collection"])
        return None

    def bind_parameters(self, scope: Scope):
        """Decide how the method receives its parameters: as Python
        parameters (fast), or in the list ``_params`` when ``${N}`` or a
        variadic declaration needs them by number (parameters.md)."""
        if scope.indirect or scope.variadic_declared:
            scope.positional = None
        elif scope.params:
            # $N beyond the declared parameters needs the list.
            scope.positional = scope.params if scope.legacy_max <= len(scope.params) else None
        else:
            scope.positional = [str(i) for i in range(1, scope.legacy_max + 1)]
        for name in scope.ref_locals:
            if self.param_local(name) is not None or not name.isdigit():
                scope.pointer_locals.add(self.param_local(name) or name)

    def parameters(self, scope: Scope) -> str:
        """The Python parameter list of a compiled method (``This`` first)."""
        captured = "".join(f", {self.var(n)}={self.var(n)}" for n in scope.captured)
        if scope.positional is None:
            return f"this, *args{captured}"
        fields = "".join(f", {name}" for name in (scope.callback_fields or {}).values())
        named = "".join(f", {self.var(n)}=MISSING" for n in scope.positional)
        return f"this{fields}{named}, *_rest{captured}"

    def param_local(self, name: str) -> str | None:
        """The local variable name holding parameter ``$N`` (*name* "N"), if
        parameters are positional; declared parameters answer to $1, $2 too."""
        scope = self.scope
        if not name.isdigit() or name == "0" or scope.positional is None:
            return None
        if name == "1" and scope.callback_fields is not None:
            raise NotCallbackForm       # $1 used otherwise than for its fields
        i = int(name) - 1
        return scope.params[i] if scope.params else name

    def prologue(self, scope: Scope, line: int):
        self.parameters_prologue(scope)
        for name in sorted(scope.types_seen | set(scope.types)):
            if name in scope.params or (name.isdigit() and name != "0") or name in scope.captured:
                continue
            self.emit(f"{self.var(name)} = {self.default_of(scope.types.get(name))}")
        for name in sorted(scope.pointer_locals):
            self.pointer_accessors(name)

    def parameters_prologue(self, scope: Scope):
        """Receive the parameters (their types, defaults, Count parameters)."""
        if scope.positional is None:
            self.list_prologue(scope)
            return
        if scope.counts:
            present = "".join(f" + ({self.var(n)} is not MISSING)" for n in scope.positional)
            self.emit(f"_n = len(_rest){present}")
        for name in scope.positional:
            self.parameter(self.var(name), scope.types.get(name), legacy=name.isdigit())

    def parameter(self, var: str, type_ref, legacy: bool):
        """Convert a positional parameter to its declared type; a missing one
        gets the type's default value (parameters.md, Initialization)."""
        default = self.default_of(type_ref)
        if type_ref is None:
            self.emit(f"if {var} is MISSING: {var} = UNDEFINED")
            return
        python_type = PYTHON_TYPES.get(declared_kind(type_ref))
        if legacy:
            # C_TEXT($1): a wrong type gives the empty value, no error (parameters.md).
            convert = f"legacy_param({var}, {type_name(type_ref)!r})"
        elif python_type:                       # its type was just tested
            convert = f"{self.converter(type_ref)}({var})"
        else:
            convert = self.coerce_expr(type_ref, var)
        assignment = f"{var} = {default} if {var} is MISSING else {convert}"
        self.emit(f"if type({var}) is not {python_type}: {assignment}" if python_type else assignment)

    def list_prologue(self, scope: Scope):
        """Parameters in ``_params`` (for ``${N}``), declared ones also in locals."""
        self.emit("_n = len(args)")
        self.emit("_params = list(args)")
        for i, name in enumerate(scope.params):
            t = scope.types.get(name)
            default = self.default_of(t)
            coerce = self.coerce_expr(t, f"args[{i}]")
            self.emit(f"{self.var(name)} = {coerce} if _n > {i} else {default}")
        if scope.variadic is not None:
            # "In case of wrong parameter type, an error will be returned" (parameters.md).
            convert = self.coerce_expr(scope.variadic, "_params[_i]")
            self.emit(f"for _i in range({len(scope.params)}, _n): _params[_i] = {convert}")
        for name in sorted(scope.types_seen | set(scope.types)):
            legacy = scope.types.get(name)
            if name.isdigit() and name != "0" and legacy is not None and not scope.params:
                i = int(name) - 1
                self.emit(f"if _n > {i}: _params[{i}] = legacy_param(_params[{i}], {type_name(legacy)!r})")

    def pointer_accessors(self, name: str):
        v = self.var(name)
        self.emit(f"def _get_{v}(): return {v}")
        self.emit(f"def _set_{v}(_v):")
        self.emit(f"    nonlocal {v}")
        self.emit(f"    {v} = _v")

    def epilogue(self, scope: Scope):
        self.emit(f"return {self.result_code(scope)}")

    def result_code(self, scope: Scope) -> str:
        """What a method returns when it ends without a ``return`` value: its
        result variable, the empty value of its declared type, or undefined."""
        if scope.result is not None:
            return self.var(scope.result)
        return self.default_of(scope.result_type)

    def default_of(self, type_ref) -> str:
        if type_ref is None:
            return "UNDEFINED"
        kind = declared_kind(type_ref)
        simple = {"real": "0.0", "integer": "0", "text": "''", "boolean": "False"}
        if kind in simple:
            return simple[kind]
        return f"default_value({checked_type_name(type_ref)!r})"

    def coerce_expr(self, type_ref, code: str, static: str | None = None) -> str:
        """Code converting *code* to a declared type (nothing for Variant)."""
        if type_ref is None:
            return code
        kind = declared_kind(type_ref)
        if kind is not None and static == kind and kind != "blob":   # blobs are copied
            return code
        if kind == "real" and static == "integer":
            return f"float({code})"
        parts = type_ref.parts
        if len(parts) > 1 and parts[0].lower() in ("cs", "4d") and parts[-1].lower() != "blob":
            store = "CS_STORE" if parts[0].lower() == "cs" else "FOURD_STORE"
            return f"as_instance({code}, {store}, {parts[-1]!r})"
        convert = self.converter(type_ref)
        if kind == "real" and code in self.real_when_inline:
            inline, slow = self.real_when_inline[code]       # only the helper's result to convert
            return f"{inline}{convert}({slow}))"
        python_type = PYTHON_TYPES.get(kind)
        if python_type is None:
            return f"{convert}({code})"
        # The value usually has the right type already: test it inline.
        tmp = self.fresh("w")
        return f"({tmp} if type({tmp} := {code}) is {python_type} else {convert}({tmp}))"

    def stmt_VarDecl(self, node: ast.VarDecl):
        t = node.type or self.inferred_type(node.value)
        for name, where in declared_names(node):
            if where == "local" and (name.isdigit() or name.lower() in self.scope.params):
                self.emit("pass", node.line)      # var $1 : Text types a parameter (prologue)
                continue
            if where == "local":
                target = ast.Local(node.line, node.column, name)
            else:
                cls = ast.Name if where == "process" else ast.Interprocess
                target = cls(node.line, node.column, name)
            if node.value is not None:
                self.assign(target, ":=", node.value, node.line)
            elif where == "local":
                self.emit(f"{self.var(name.lower())} = {self.default_of(t)}", node.line)
            else:
                # A process variable keeps its value when declared again.
                self.emit(f"{self.var_store(target)}.setdefault({name.lower()!r}, {self.default_of(t)})",
                          node.line)

    def legacy_declaration(self, call: ast.Call):
        self.emit("pass", call.line)      # C_TEXT($a) typed $a in collect()

    def stmt_Declare(self, node):
        self.emit("pass", node.line)      # handled in the prologue

    def stmt_PropertyDecl(self, node):
        raise CompileError("property declarations belong at the top of a class file", node)

    def stmt_ClassExtends(self, node):
        raise CompileError("Class extends belongs at the top of a class file", node)
