"""Compile 4D ASTs to Python source: one Python function per 4D method,
class function or formula.

4D local variables become Python locals (``$count`` → ``l_count``), so a
4D loop runs as a Python loop. Declared types pick fast paths: arithmetic
and comparisons on numbers known to be numbers compile to native Python
operators; everything else calls the 4D semantics in
``runtime.operators``. Each generated line remembers the 4D line it came
from (:class:`LineMap`), so errors point at 4D source.
"""
from __future__ import annotations

import functools
import inspect
import math
import re
from contextlib import contextmanager
from dataclasses import dataclass

import fourd.api.collection  # noqa: F401  (registers the Collection member functions)
from fourd.commands import registry
from fourd.runtime.conversions import coercer
from fourd.runtime.members import functions_of
from fourd.runtime.values import Coll, Date, Time
from fourd.syntax import ast, catalog
from fourd.syntax.errors import FourDSyntaxError

from .units import CompiledUnit, LineMap, data_recipe

# Declared type names (lower-cased) and the static kind the compiler tracks.
NUMERIC_KINDS = {"real": "real", "integer": "integer", "longint": "integer", "number": "real"}
SCALAR_KINDS = {"text": "text", "boolean": "boolean", "date": "date", "time": "time",
                "object": "object", "collection": "collection", "blob": "blob",
                "pointer": "pointer", "picture": "picture", "variant": None}

# Declared kinds held in one Python type: a parameter of that type needs no conversion.
PYTHON_TYPES = {"text": "str", "real": "float", "integer": "int", "boolean": "bool",
                "date": "Date", "time": "Time"}

BINARY_HELPERS = {
    "+": "add", "-": "sub", "*": "mul", "/": "div", "\\": "idiv", "%": "percent", "^": "power",
    "=": "eq", "#": "ne", "<": "lt", ">": "gt", "<=": "le", ">=": "ge",
    "&": "and_", "|": "or_", "^|": "xor", "<<": "shl", ">>": "shr",
    "?+": "bit_set", "?-": "bit_clear", "??": "bit_test",
}
NATIVE_NUMERIC = {"+": "+", "-": "-", "*": "*", "<": "<", ">": ">", "<=": "<=", ">=": ">=",
                  "=": "==", "#": "!="}
COMPARISONS = {"=", "#", "<", ">", "<=", ">="}
REAL_INLINE = COMPARISONS | {"+", "-", "*"}      # see UnitCompiler.real_arithmetic
NUMBERS = ("real", "integer")
# Kinds whose values objects and collections store unchanged (shared.stored_value
# converts Integers, times and scalar blobs; Undefined creates no property).
STORED_AS_IS = ("real", "text", "boolean", "date", "object", "collection")
_NUMBER = re.compile(r"-?\d+(\.\d+)?(e[-+]?\d+)?")

# Legacy declaration commands: C_TEXT($a; $b) declares like var.
LEGACY_DECLARATIONS = {
    "c_text": "text", "c_string": "text", "c_real": "real", "c_longint": "integer",
    "c_integer": "integer", "c_boolean": "boolean", "c_date": "date", "c_time": "time",
    "c_object": "object", "c_collection": "collection", "c_blob": "blob", "c_pointer": "pointer",
    "c_variant": "variant", "c_picture": "picture",
}


@dataclass(frozen=True)
class Signature:
    """What a project method declares (#DECLARE): parameter and result types."""
    parameters: tuple
    variadic: ast.TypeRef | None
    result: ast.TypeRef | None

    @classmethod
    def of(cls, declare: ast.Declare) -> "Signature":
        named = tuple(p.type for p in declare.params if p.name != "...")
        variadic = next((p.type for p in declare.params if p.name == "..."), None)
        return cls(named, variadic, declare.result.type if declare.result else None)

    def parameter(self, i: int):
        return self.parameters[i] if i < len(self.parameters) else self.variadic


@dataclass(slots=True)
class Compiled(ast.Node):
    """Python code already compiled, standing for an AST node (the parts of
    a compound assignment's target, bound to temporaries)."""
    code: str


class NotCallbackForm(Exception):
    """A formula has no callback form (UnitCompiler.callback_function)."""


class CompileError(Exception):
    """A construct that parses but cannot be compiled (reported like a syntax error)."""

    def __init__(self, message: str, node):
        super().__init__(message)
        self.line = getattr(node, "line", 0)
        self.column = getattr(node, "column", 0)


@contextmanager
def syntax_errors(path: str, source: str):
    """Report a :class:`CompileError` as the syntax error it is for users."""
    try:
        yield
    except CompileError as err:
        raise FourDSyntaxError(str(err), path, err.line, err.column, source) from None
    except RecursionError:
        raise FourDSyntaxError("this code is nested too deeply for fourd to compile", path, 1, 1, source) from None


class _Position:
    """A source position for a CompileError that has no AST node at hand."""

    def __init__(self, line: int, column: int):
        self.line, self.column = line, column


def checked_type_name(type_ref: ast.TypeRef) -> str:
    """The type name of a declaration, or a CompileError if 4D has no such type."""
    name = type_name(type_ref)
    try:
        coercer(name)
    except ValueError:
        raise CompileError(f"unknown type: {type_ref.dotted}", type_ref) from None
    return name


def declared_kind(type_ref: ast.TypeRef | None):
    """Static kind for a declared type: 'real', 'integer', 'text'… or None (variant/class)."""
    if type_ref is None:
        return None
    if len(type_ref.parts) > 1:
        return "object"
    name = type_ref.parts[0].lower()
    if name in NUMERIC_KINDS:
        return NUMERIC_KINDS[name]
    return SCALAR_KINDS.get(name, "object")


def type_name(type_ref: ast.TypeRef | None) -> str:
    """The name handed to conversions.coerce/default_value."""
    if type_ref is None:
        return "variant"
    return type_ref.dotted if len(type_ref.parts) > 1 else type_ref.parts[0].lower()


class Scope:
    """What the compiler knows about one function's variables."""

    def __init__(self, name: str, kind: str):
        self.name = name                  # for Current method name and errors
        self.kind = kind                  # "method", "function", "constructor", "get", "set", "formula"
        self.types: dict[str, ast.TypeRef | None] = {}   # local (lower-case) -> declared type
        self.params: list[str] = []       # declared parameter names, in order
        self.variadic: ast.TypeRef | None = None
        self.variadic_declared = False
        self.result: str | None = None    # name of the result variable ($0 or declared)
        self.result_type: ast.TypeRef | None = None
        self.indirect = False             # uses ${n}: parameters live in the list _params
        self.counts = False               # uses Count parameters
        self.legacy_max = 0               # highest $N used (legacy parameters)
        self.throws = False               # calls throw: may throw deferred errors
        # The parameters bound to Python parameters (declared names, or "1",
        # "2"… for $1, $2…), or None when they are reached through _params.
        self.positional: list[str] | None = None
        self.captured: list[str] = []     # locals a formula copies from its method
        self.ref_locals: set[str] = set()  # locals passed by reference to commands
        self.pointer_locals: set[str] = set()
        # A formula's callback form (UnitCompiler.callback_function): its
        # $1.value and $1.accumulator are these Python parameters.
        self.callback_fields: dict[str, str] | None = None

    def kind_of(self, name: str):
        return declared_kind(self.types.get(name))


class UnitCompiler:
    """Compiles the functions of one 4D file into one Python module's source."""

    def __init__(self, path: str, source: str, unit_id: str, *, class_name: str | None = None,
                 signatures=None):
        self.path = path
        self.source_lines = source.splitlines()
        self.unit_id = unit_id
        self.class_name = class_name
        self.out: list[str] = []
        self.linemap = LineMap(path, class_name or unit_id, source_lines=self.source_lines)
        self.namespace: dict[str, object] = {}
        # How to rebuild each constant of the namespace (compiler.units);
        # None once one cannot be rebuilt (the unit is then not cached).
        self.recipes: dict[str, tuple] | None = {}
        # Project methods called by this unit: slot name -> method name. The
        # project fills each slot with a resolver that replaces itself with
        # the compiled method on first call (Project.load_unit).
        self.method_slots: dict[str, str] = {}
        # Project method name -> Signature declared by its #DECLARE, or None
        # (unknown): typed results and Integer arguments compile natively.
        self.signature_of = signatures or (lambda name: None)
        self.signatures_used: set[str] = set()
        self.constants: dict[object, str] = {}
        self.counter = 0
        self.scope: Scope | None = None
        self.indent = 0
        self.current_line = 0
        self.int_target = False         # see integer_context
        # Code of real_arithmetic giving a Real on its inline path -> (that
        # code up to its helper call, the helper call): see coerce_expr.
        self.real_when_inline: dict[str, tuple[str, str]] = {}

    # ------------------------------------------------------------ output
    def emit(self, code: str, line: int | None = None):
        """Add *code* (one or more lines) at the current indentation."""
        if line:
            self.current_line = line
        for text in code.split("\n"):
            self.out.append("    " * self.indent + text)
            self.linemap.lines.append(self.current_line)

    def fresh(self, prefix: str) -> str:
        self.counter += 1
        return f"_{prefix}{self.counter}"

    def constant(self, value, recipe: tuple | None = None) -> str:
        """A name in the unit namespace holding *value* (dates, times,
        functions…); *recipe* rebuilds it (compiler.units), data needs none."""
        key = (type(value), value) if isinstance(value, (Date, Time, str, float, int, bool)) else id(value)
        name = self.constants.get(key)
        if name is None:
            name = self.fresh("k")
            self.constants[key] = name
            self.namespace[name] = value
            recipe = recipe or data_recipe(value)
            if recipe is None:
                self.recipes = None
            elif self.recipes is not None:
                self.recipes[name] = recipe
        return name

    def converter(self, type_ref) -> str:
        """The name of the converter to the declared type *type_ref*."""
        name = checked_type_name(type_ref)
        return self.constant(coercer(name), ("coercer", name))

    def signatures(self, name: str):
        """The Signature project method *name* declares, or None: the code
        compiled from it depends on it."""
        self.signatures_used.add(name.lower())
        return self.signature_of(name)

    def finish(self, info=None) -> CompiledUnit:
        """The compiled unit; *info* is what its loader needs besides (plain data)."""
        try:
            code = compile("\n".join(self.out) + "\n", f"<4d:{self.path}>", "exec")
        except SyntaxError as err:       # too many nested blocks or operands for Python
            line = self.linemap.line_for(err.lineno or 0)
            raise CompileError("this code is too large or nested too deeply for fourd to compile",
                               _Position(line, 1)) from None
        except (RecursionError, MemoryError):
            raise CompileError("this code is too large or nested too deeply for fourd to compile",
                               _Position(self.current_line, 1)) from None
        return CompiledUnit(code, self.linemap, self.namespace, self.method_slots, self.recipes,
                            tuple(sorted(self.signatures_used)), info)

    def literal(self, value) -> str:
        if value is None:
            return "None"
        if type(value) is bool:
            return "True" if value else "False"
        if type(value) is float:
            if value != value or value in (float("inf"), float("-inf")):
                return self.constant(value)
            return repr(value)
        if type(value) in (int, str):
            return repr(value)
        return self.constant(value)

    # --------------------------------------------------------- functions
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

    def var(self, name: str) -> str:
        return "l_" + name.replace(" ", "_")

    # --------------------------------------------------------- statements
    def block(self, body: list):
        if not body:
            self.emit("pass")
            return
        for stmt in body:
            self.statement(stmt)

    def statement(self, node):
        self.current_line = node.line
        method = getattr(self, "stmt_" + type(node).__name__, None)
        if method is None:
            raise CompileError(f"{type(node).__name__} is not allowed here", node)
        method(node)

    def stmt_ExprStmt(self, node: ast.ExprStmt):
        expr = node.expr
        if isinstance(expr, ast.Call) and isinstance(expr.callee, ast.Name):
            lname = expr.callee.name.lower()
            if lname in LEGACY_DECLARATIONS:
                return self.legacy_declaration(expr)
            if lname == "super" and self.scope.kind == "constructor":
                args = "".join(", " + self.arg(a) for a in expr.args)
                self.emit(f"super_construct(CLASS, this{args})", node.line)
                return
        if self.is_push_statement(expr):
            return self.push_statement(expr)
        self.emit(self.expr(expr), node.line)

    def is_push_statement(self, call) -> bool:
        return (isinstance(call, ast.Call) and isinstance(call.callee, ast.Member) and call.callee.name == "push"
                and len(call.args) == 1 and isinstance(call.callee.target, ast.Local)
                and self.static_kind(call.callee.target) == "collection")

    def push_statement(self, call: ast.Call):
        """``$collection.push(value)`` as a statement: appended inline to a
        collection that is not shared, as ``.push()`` stores it
        (api.collection.element); anything else goes through ``.push()``."""
        coll, w = self.expr(call.callee.target), self.fresh("w")
        value = self.arg(call.args[0])
        if self.static_kind(call.args[0]) == "integer":     # stored as a Real
            stored = f"float({w}) if type({w} := {value}) is int else element({w})"
        else:
            stored = f"{w} if type({w} := {value}) is float or type({w}) not in STORE_CONVERTS else element({w})"
        self.emit(f"if type({coll}) is Coll and {coll}.shared is None: {coll}.append({stored})", call.line)
        self.emit(f"else: call_member({coll}, 'push', {value})")

    def legacy_declaration(self, call: ast.Call):
        self.emit("pass", call.line)      # C_TEXT($a) typed $a in collect()

    def stmt_Assign(self, node: ast.Assign):
        self.assign(node.target, node.op, node.value, node.line)

    def assign(self, target, op: str, value_node, line: int):
        update = self.member_update(target, op, value_node)
        if update is None:
            self.emit(self.assignment(target, op, value_node), line)
            return
        # One test covers the read and the write: the generic code is the fallback.
        self.emit(f"if {update}", line)
        self.emit("else:")
        self.indent += 1
        self.emit(self.assignment(target, op, value_node))
        self.indent -= 1

    def member_update(self, target, op: str, value_node) -> str | None:
        """``X.p := X.p ∘ n`` or ``X.p ∘= n``, with ∘ one of ``+ - *``, X a
        variable or This and n a number variable or literal: code testing
        that X is a plain object (not shared, no computed properties, see
        plain_object) holding a Real in p, then (after a colon) updating p
        inline. None for other assignments."""
        if not isinstance(target, ast.Member):
            return None
        if op == ":=" and isinstance(value_node, ast.Binary) and value_node.op in ("+", "-", "*") \
                and isinstance(value_node.left, ast.Member) and value_node.left.name == target.name:
            operator, operand, read = value_node.op, value_node.right, value_node.left.target
        elif op in ("+=", "-=", "*="):
            operator, operand, read = op[0], value_node, target.target
        else:
            return None
        obj = self.expr(target.target)
        if not obj.isidentifier() or self.expr(read) != obj or self.static_kind(operand) not in NUMBERS:
            return None
        number = self.arg(operand)
        if not self.stable(number, obj):
            return None
        r = self.fresh("r")
        return (f"{self.plain_object(obj)} and type({r} := _DG({obj}, {target.name!r}, UNDEFINED)) is float: "
                f"{obj}[{target.name!r}] = {r} {operator} {number}")

    def stable(self, operand: str, other: str) -> bool:
        """Whether the compiled *operand* may be read after the code *other*
        ran: a literal, or a variable that *other* does not assign."""
        pointed = {self.var(name) for name in self.scope.pointer_locals}
        return bool(_NUMBER.fullmatch(operand)) or (operand.isidentifier() and operand not in pointed
                                                     and f"{operand} :=" not in other)

    def assignment(self, target, op: str, value_node, as_expr: bool = False) -> str:
        """Code for ``target op value`` (``:=`` or a compound operator): a
        statement, or with *as_expr* an expression."""
        integer = isinstance(target, ast.Local) and self.static_kind(target) == "integer"
        with self.integer_context(integer):
            if op == ":=":
                static = self.static_kind(value_node)
                value = self.expr(value_node)
                copy = self.needs_copy(value_node)
            else:
                # "The expression designating the source is only evaluated once" (operators.md).
                target, read, kind = self.compound_target(target)
                value = self.binary(op[0], read, kind, value_node)
                static = self.static_kind(ast.Binary(0, 0, op[0], target, value_node))
                copy = False
        computed = op != ":=" or isinstance(value_node, (ast.Binary, ast.Unary))
        if integer and static == "integer" and computed:
            value = self.int32(value)       # Integer arithmetic stays in 32 bits
        return self.store(target, value, static, copy, as_expr)

    @contextmanager
    def integer_context(self, on: bool):
        """While compiling what goes into an Integer, integral number literals
        are Integers: ``$i:=$i+1`` is Integer arithmetic (no Real round trip)."""
        saved, self.int_target = self.int_target, on
        try:
            yield
        finally:
            self.int_target = saved

    def int32(self, code: str) -> str:
        """*code* (an Integer computation) wrapped to 32 bits, inline."""
        tmp = self.fresh("w")
        return f"({tmp} if -2147483648 <= ({tmp} := {code}) <= 2147483647 else int32({tmp}))"

    def compound_target(self, target):
        """(target to write, code reading it, its static kind) for a compound
        assignment: the parts of *target* are bound to temporaries on write,
        and the read uses them (Python evaluates call arguments in order)."""
        def bound(node) -> Compiled:
            code = self.expr(node)
            if code.isidentifier():         # a variable: reading it twice is the same
                return Compiled(node.line, node.column, code), code
            tmp = self.fresh("t")
            return Compiled(node.line, node.column, f"({tmp} := {code})"), tmp

        if isinstance(target, ast.Member):
            obj, t = bound(target.target)
            return ast.Member(target.line, target.column, obj, target.name), \
                self.member_read(t, t, target.name), None
        if isinstance(target, (ast.Index, ast.ArrayElement)):
            (obj, t), (key, k) = bound(target.target), bound(target.index)
            getter = "get_index" if isinstance(target, ast.Index) else "get_element"
            return type(target)(target.line, target.column, obj, key), f"{getter}({t}, {k})", None
        if isinstance(target, ast.Deref):
            pointer, p = bound(target.target)
            return ast.Deref(target.line, target.column, pointer), f"deref({p})", None
        if isinstance(target, ast.ParamIndirect):
            index, k = bound(target.index)
            return ast.ParamIndirect(target.line, target.column, index), \
                f"get_param(_params, to_index({k}) - 1)", None
        if isinstance(target, (ast.Name, ast.Interprocess)):
            return target, f"{self.var_store(target)}.get({target.name.lower()!r}, UNDEFINED)", None
        if isinstance(target, ast.Local):
            return target, self.expr(target), self.static_kind(target)
        raise CompileError("this expression cannot be assigned with a compound operator", target)

    def var_store(self, target) -> str:
        """The dict holding a process (``Name``) or interprocess variable."""
        if isinstance(target, ast.Name) and self.is_this(target):
            raise CompileError("This cannot be assigned", target)
        return "IP" if isinstance(target, ast.Interprocess) else "current_process().vars"

    def store(self, target, value: str, static=None, copy=False, as_expr=False) -> str:
        """Code assigning the compiled *value* to *target* (see :meth:`assignment`)."""
        if isinstance(target, ast.Local):
            name = target.name.lower()
            if name.isdigit() and name != "0":
                local = self.param_local(name)
                if local is None:
                    return f"set_param(_params, {int(name) - 1}, {value})"
                name = local
            t = self.scope.types.get(name)
            if t is not None:
                value = self.coerce_expr(t, value, static)
            elif copy:
                value = f"copy_value({value})"
            return f"({self.var(name)} := {value})" if as_expr else f"{self.var(name)} = {value}"
        if isinstance(target, ast.Member):
            obj = self.expr(target.target)
            if as_expr:
                return f"assign_member({obj}, {target.name!r}, {value})"
            if obj.isidentifier():
                return self.member_write(obj, target.name, value)
            return f"set_member({obj}, {target.name!r}, {value})"
        if isinstance(target, ast.Index):
            setter = "assign_index" if as_expr else "set_index"
            return f"{setter}({self.expr(target.target)}, {self.expr(target.index)}, {value})"
        if isinstance(target, ast.ArrayElement):
            return f"set_element({self.expr(target.target)}, {self.expr(target.index)}, {value})"
        if isinstance(target, ast.Deref):
            return f"deref_set({self.expr(target.target)}, {value})"
        if isinstance(target, (ast.Name, ast.Interprocess)):
            return f"set_var({self.var_store(target)}, {target.name.lower()!r}, {value})"
        if isinstance(target, ast.ParamIndirect):
            return f"set_param(_params, to_index({self.expr(target.index)}) - 1, {value})"
        if isinstance(target, ast.CharRef) and not as_expr:
            text = self.expr(target.target)
            return self.store(target.target, f"set_char({text}, {self.expr(target.index)}, {value})")
        raise CompileError("this expression cannot be assigned", target)

    def needs_copy(self, value_node) -> bool:
        """Scalar blobs have value semantics: copying matters only when the
        value comes from another variable or property."""
        return isinstance(value_node, (ast.Local, ast.Member, ast.Index, ast.Name, ast.Interprocess, ast.Deref))

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

    def stmt_If(self, node: ast.If):
        self.emit(f"if {self.condition(node.condition)}:", node.line)
        self.indent += 1
        self.block(node.body)
        self.indent -= 1
        if node.orelse:
            self.emit("else:")
            self.indent += 1
            self.block(node.orelse)
            self.indent -= 1

    def stmt_Case(self, node: ast.Case):
        if not node.branches:
            if node.orelse:
                self.emit("if True:", node.line)
                self.indent += 1
                self.block(node.orelse)
                self.indent -= 1
            return
        for i, (cond, body) in enumerate(node.branches):
            keyword = "if" if i == 0 else "elif"
            self.emit(f"{keyword} {self.condition(cond)}:", cond.line)
            self.indent += 1
            self.block(body)
            self.indent -= 1
        if node.orelse:
            self.emit("else:")
            self.indent += 1
            self.block(node.orelse)
            self.indent -= 1

    def stmt_For(self, node: ast.For):
        if not isinstance(node.target, ast.Local):
            return self.for_generic(node)
        name = node.target.name.lower()
        counter = self.var(name)
        kind = self.scope.kind_of(name)
        start, end = self.fresh("s"), self.fresh("e")
        step = self.expr(node.step) if node.step is not None else "1"
        self.emit(f"{start} = {self.number(node.start)}", node.line)
        self.emit(f"{end} = {self.number(node.end)}")
        assigned = any(isinstance(n, (ast.Assign, ast.AssignExpr)) and isinstance(n.target, ast.Local)
                       and n.target.name.lower() == name for n in walk(node.body))
        if not assigned and name not in self.scope.pointer_locals:
            # The body never writes the counter: iterate a range (C speed).
            st = self.fresh("st")
            self.emit(f"{st} = {step}")
            as_int = "True" if kind == "integer" else "False"
            self.emit(f"{counter} = {start}")
            self.emit(f"for {counter} in for_range({start}, {end}, {st}, {as_int}):")
            self.loop_body(node.body)
            self.emit("else:")
            self.emit(f"    {counter} = for_after({start}, {end}, {st}, {as_int})")
            return
        st = self.fresh("st")
        self.emit(f"{st} = {step}")
        self.emit(f"{counter} = {start}")
        self.emit(f"while ({counter} <= {end}) if {st} > 0 else ({counter} >= {end}):")
        self.loop_body(node.body, [f"{counter} = {counter} + {st}"])

    def for_generic(self, node: ast.For):
        """A ``For`` whose counter is not a local (process, interprocess
        variable…, cf_looping.md): the counter is read and written each turn."""
        target = node.target
        if isinstance(target, ast.Name) and self.resolve(target)[0] != "other":
            raise CompileError("the For counter must be a variable", target)
        start, end, st = self.fresh("s"), self.fresh("e"), self.fresh("st")
        self.emit(f"{start} = {self.number(node.start)}", node.line)
        self.emit(f"{end} = {self.number(node.end)}")
        self.emit(f"{st} = {self.expr(node.step) if node.step is not None else '1.0'}")
        self.emit(self.store(target, start))
        counter = self.compound_target(target)[1]
        self.emit(f"while ({counter} <= {end}) if {st} > 0 else ({counter} >= {end}):")
        self.loop_body(node.body, [self.store(target, f"add({counter}, {st})")])

    def number(self, node) -> str:
        code = self.expr(node)
        if self.static_kind(node) in ("real", "integer"):
            return code
        return f"to_number({code})"

    def loop_body(self, body, after: list | None = None):
        """Emit a loop body; *after* lines run after every iteration that was
        not ended by ``break`` (also after ``continue``)."""
        self.indent += 1
        if after and has_own_continue(body):
            flag = self.fresh("brk")
            self.emit(f"{flag} = True")
            self.emit("for _once in ONCE:")
            self.indent += 1
            self.block(body)
            self.indent -= 1
            self.emit("else:")
            self.emit(f"    {flag} = False")
            self.emit(f"if {flag}: break")
        else:
            self.block(body)
        for line in after or ():
            self.emit(line)
        self.indent -= 1

    def stmt_ForEach(self, node: ast.ForEach):
        items = self.fresh("it")
        begin = self.expr(node.begin) if node.begin is not None else "None"
        end = self.expr(node.end) if node.end is not None else "None"
        self.emit(f"{items} = for_each_items({self.expr(node.source)}, {begin}, {end})", node.line)
        target = node.target
        if isinstance(target, ast.Local) and not target.name.isdigit() and \
                self.scope.types.get(target.name.lower()) is None:
            self.emit(f"for {self.var(target.name.lower())} in {items}:")    # a Variant takes any element
            self.indent += 1
        else:
            item = self.fresh("v")
            self.emit(f"for {item} in {items}:")
            self.indent += 1
            self.emit(self.store(target, item), node.line)
        if node.while_ is not None:
            self.emit(f"if not ({self.condition(node.while_)}):")
            self.emit("    break")
        self.indent -= 1
        after = [f"if {self.condition(node.until)}: break"] if node.until is not None else []
        self.loop_body(node.body, after)

    def stmt_While(self, node: ast.While):
        self.emit(f"while {self.condition(node.condition)}:", node.line)
        self.loop_body(node.body)

    def stmt_Repeat(self, node: ast.Repeat):
        self.emit("while True:", node.line)
        self.loop_body(node.body, [f"if {self.condition(node.condition)}: break"])

    def stmt_TryBlock(self, node: ast.TryBlock):
        saved = self.fresh("try")
        self.emit("_p = current_process()", node.line)
        self.emit("_p.last_errors = []")
        self.emit(f"{saved} = try_enter(_p)")
        self.emit("try:")
        self.indent += 1
        self.emit("try:")
        self.indent += 1
        self.block(node.body)
        self.indent -= 1
        self.emit("finally:")
        self.emit(f"    try_exit(_p, {saved})")
        self.indent -= 1
        self.emit("except Exception as _e:")
        self.indent += 1
        self.emit("try_caught(_e)")
        self.block(node.catch)
        self.indent -= 1

    def stmt_Use(self, node: ast.Use):
        self.emit(f"with use({self.expr(node.target)}):", node.line)
        self.indent += 1
        self.block(node.body)
        self.indent -= 1

    def stmt_Return(self, node: ast.Return):
        scope = self.scope
        if node.value is None:
            self.emit(f"return {self.result_code(scope)}", node.line)
            return
        value = self.expr(node.value)
        if scope.result_type is not None:
            value = self.coerce_expr(scope.result_type, value, self.static_kind(node.value))
        self.emit(f"return {value}", node.line)

    def stmt_Break(self, node):
        self.emit("break", node.line)

    def stmt_Continue(self, node):
        self.emit("continue", node.line)

    def stmt_SqlBlock(self, node):
        self.emit("unsupported('Begin SQL')", node.line)

    def stmt_Declare(self, node):
        self.emit("pass", node.line)      # handled in the prologue

    def stmt_PropertyDecl(self, node):
        raise CompileError("property declarations belong at the top of a class file", node)

    def stmt_ClassExtends(self, node):
        raise CompileError("Class extends belongs at the top of a class file", node)

    # -------------------------------------------------------- expressions
    def expr(self, node) -> str:
        method = getattr(self, "ex_" + type(node).__name__)
        return method(node)

    def arg(self, node) -> str:
        """A call argument: what it computes is not the assignment's Integer."""
        with self.integer_context(False):
            return self.expr(node)

    def condition(self, node) -> str:
        code = self.expr(node)
        if self.static_kind(node) == "boolean":
            return code
        return f"condition({code})"

    def static_kind(self, node):
        """What the compiler knows of an expression's type: 'real', 'integer',
        'text', 'boolean'… or None."""
        if isinstance(node, ast.Literal):
            if self.int_target and self.is_integral_literal(node):
                return "integer"
            return {float: "real", int: "integer", str: "text", bool: "boolean"}.get(type(node.value))
        if isinstance(node, ast.Local):
            return self.scope.kind_of(node.name.lower())
        if isinstance(node, ast.Binary):
            if node.op in COMPARISONS:
                return "boolean"
            left, right = self.static_kind(node.left), self.static_kind(node.right)
            if node.op in ("&", "|") and left == right == "boolean":
                return "boolean"
            if node.op in ("+", "-", "*") and left in ("real", "integer") and right in ("real", "integer"):
                return "integer" if left == right == "integer" else "real"
            if node.op == "/" and left in ("real", "integer") and right in ("real", "integer"):
                return "real"
            if node.op in ("%", "\\") and left in ("real", "integer") and right in ("real", "integer"):
                return "integer" if left == right == "integer" else "real"
            if node.op == "+" and left == right == "text":
                return "text"
            return None
        if isinstance(node, ast.Unary):
            kind = self.static_kind(node.operand)
            return kind if kind in ("real", "integer") else None
        if isinstance(node, ast.Name) and node.name.lower() in ("true", "false"):
            return "boolean"
        if isinstance(node, ast.Call) and isinstance(node.callee, ast.Name) and \
                node.callee.name.lower() not in SPECIAL_NAMES and self.resolve(node.callee)[0] == "other":
            signature = self.signatures(node.callee.name)   # a project method
            return None if signature is None else declared_kind(signature.result)
        if isinstance(node, ast.ObjectLiteral):
            return "object"
        if isinstance(node, ast.CollectionLiteral):
            return "collection"
        return None

    def ex_Literal(self, node):
        if self.int_target and self.is_integral_literal(node):
            return repr(int(node.value))
        return self.literal(node.value)

    def ex_Local(self, node):
        name = node.name.lower()
        if name.isdigit() and name != "0":
            local = self.param_local(name)
            if local is not None:
                return self.var(local)
            i = int(name) - 1
            if i < len(self.scope.params):      # declared parameters are also $1, $2…
                return self.var(self.scope.params[i])
            return f"get_param(_params, {i})"
        return self.var(name)

    def ex_ParamIndirect(self, node):
        return f"get_param(_params, to_index({self.expr(node.index)}) - 1)"

    def ex_Interprocess(self, node):
        return f"IP.get({node.name.lower()!r}, UNDEFINED)"

    def ex_Field(self, node):
        return f"unsupported('fields ([{node.table}]{node.field})')"

    def ex_Table(self, node):
        return f"unsupported('tables ([{node.table}])')"

    def ex_OperatorArg(self, node):
        return repr(node.op)          # SORT ARRAY($a; >): the command gets ">"

    def ex_EmptyArg(self, node):
        return "UNDEFINED"            # Foo(;2): the first argument omitted

    def ex_FourD(self, node):
        return "FOURD_STORE"

    def ex_Star(self, node):
        return "STAR"

    def ex_Member(self, node):
        fields = self.scope.callback_fields
        if fields and isinstance(node.target, ast.Local) and node.target.name == "1" and node.name in fields:
            return fields[node.name]
        if isinstance(node.target, ast.Name) and node.target.name.lower() == "super" and self.class_name:
            return f"super_member(CLASS, this, {node.name!r})"
        target = self.expr(node.target)
        if target.isidentifier():
            return self.member_read(target, target, node.name)
        tmp = self.fresh("t")
        return self.member_read(f"({tmp} := {target})", tmp, node.name)

    def member_read(self, first: str, target: str, name: str) -> str:
        """``target.name``: a property stored in an object is read inline;
        anything else (computed properties, functions, errors) by get_member.
        *first* is *target* or the walrus binding it, evaluated first."""
        v = self.fresh("v")
        return (f"({v} if type({first}) is Obj and ({v} := _DG({target}, {name!r}, UNDEFINED)) "
                f"is not UNDEFINED else get_member({target}, {name!r}))")

    def member_write(self, target: str, name: str, value: str) -> str:
        """Statement ``target.name := value`` (*target* a Python name): a value
        that objects store unchanged, into a plain object, is stored inline.
        (Static kinds do not spare the type test: after an error under ON ERR
        CALL, any expression may give Undefined.)"""
        v = self.fresh("v")
        return (f"{v} = {value}\n"
                f"if {self.plain_object(target)} and (type({v}) is float or type({v}) not in STORE_CONVERTS): "
                f"{target}[{name!r}] = {v}\n"
                f"else: set_member({target}, {name!r}, {v})")

    def plain_object(self, target: str) -> str:
        """A test that *target* (a Python name) is an object whose properties
        are plain dict entries: not shared, no computed properties
        (access.set_member does the same for the others)."""
        c = self.fresh("c")
        return (f"type({target}) is Obj and {target}.shared is None "
                f"and (({c} := {target}.cls) is None or not ({c}.setters_all or {c}.getters_all))")

    def ex_Index(self, node):
        return f"get_index({self.expr(node.target)}, {self.expr(node.index)})"

    def ex_CharRef(self, node):
        return f"get_char({self.expr(node.target)}, {self.expr(node.index)})"

    def ex_ArrayElement(self, node):
        return f"get_element({self.expr(node.target)}, {self.expr(node.index)})"

    def ex_Deref(self, node):
        return f"deref({self.expr(node.target)})"

    def ex_PointerTo(self, node):
        target = node.target
        if isinstance(target, ast.Local):
            v = self.var(target.name.lower())
            return f"Pointer('${target.name}', _get_{v}, _set_{v}, ('local', id(_get_{v})))"
        if isinstance(target, (ast.Name, ast.Interprocess)):
            return f"var_pointer({self.var_store(target)}, {target.name.lower()!r}, {target.name!r})"
        if isinstance(target, ast.Member):
            return f"member_pointer({self.expr(target.target)}, {target.name!r})"
        raise CompileError("a pointer can only point to a variable", node)

    def ex_Unary(self, node):
        operand = self.expr(node.operand)
        if node.op == "+":
            return operand
        if self.static_kind(node.operand) in ("real", "integer"):
            return f"(-{operand})"
        return f"neg({operand})"

    def ex_Binary(self, node):
        return self.binary_code(node.op, node.left, node.right)

    def binary_code(self, op: str, left_node, right_node) -> str:
        return self.binary(op, self.expr(left_node), self.static_kind(left_node), right_node)

    def binary(self, op: str, left: str, lk, right_node) -> str:
        """*left* (compiled, of static kind *lk*) *op* *right_node*."""
        # An Integer compared with a number literal: compare Integers.
        with self.integer_context(self.int_target or (lk == "integer" and op in COMPARISONS)):
            right = self.expr(right_node)
            rk = self.static_kind(right_node)
        if op == "&&":
            tmp = self.fresh("a")
            return f"({right} if truthy({tmp} := {left}) else {tmp})"
        if op == "||":
            tmp = self.fresh("o")
            return f"({tmp} if truthy({tmp} := {left}) else {right})"
        native = self.native_arithmetic(op, left, lk, right_node, right) or \
            self.real_arithmetic(op, left, lk, right, rk)
        if native is not None:
            return native
        if lk in ("real", "integer") and rk in ("real", "integer") and op in NATIVE_NUMERIC:
            # Reals are equal within epsilon (dt_number.md): native == only
            # when neither side can be a fraction.
            exact = lk == "integer" and (rk == "integer" or self.is_integral_literal(right_node))
            if op not in ("=", "#") or exact:
                return f"({left} {NATIVE_NUMERIC[op]} {right})"
        if lk == rk == "boolean" and op in ("&", "|"):
            return f"({left} {'and' if op == '&' else 'or'} {right})"
        helper = BINARY_HELPERS.get(op)
        if helper is None:
            raise CompileError(f"unknown operator {op}", right_node)
        return f"{helper}({left}, {right})"

    def native_arithmetic(self, op: str, left: str, lk, right_node, right: str) -> str | None:
        """Python code for ``/``, ``%`` and ``\\`` by a literal divisor (which
        cannot be zero) of a number known at compile time, or ``%`` of a value
        of unknown type, else None."""
        if lk not in ("real", "integer", None) or not isinstance(right_node, ast.Literal):
            return None
        divisor = right_node.value
        if type(divisor) is not float or not divisor > 0:
            return None
        if op == "/" and lk is not None:
            return f"({left} / {right})"
        if not divisor.is_integer():
            return None
        t = self.fresh("m")
        if lk == "integer":
            # *right* is an Integer in Integer contexts, else a Real (so is the result).
            if op == "%":          # the sign follows the dividend, as in C (operators._modulo)
                return f"({t} % {right} if ({t} := {left}) >= 0 else -(-{t} % {right}))"
            if op == "\\":         # Int(a/b) rounds down (int.md)
                return f"({left} // {right})"
        elif op == "%":
            # Usually a Real held by an object or collection: when it is a
            # whole number of the Longint range, the remainder of its Longint
            # (operators._modulo) is Python's, inline.
            return (f"({t} % {right} if type({t} := {left}) is float and 0.0 <= {t} < 2147483648.0 "
                    f"and {t}.is_integer() else percent({t}, {right}))")
        return None

    def real_arithmetic(self, op: str, left: str, lk, right: str, rk) -> str | None:
        """``+ - *`` or a comparison of values of unknown type, or of one and
        a number known at compile time (a variable or a literal): inline when
        the values are Reals, which is what objects and collections hold."""
        if op not in REAL_INLINE or (lk in NUMBERS and rk in NUMBERS):
            return None
        if lk in NUMBERS or rk in NUMBERS:
            known, unknown = (left, right) if lk in NUMBERS else (right, left)
            if not self.stable(known, unknown):       # it is read after the other operand
                return None
            v = self.fresh("r")
            a, b = (known, v) if known is left else (v, known)
            test = f"type({v} := {unknown}) is float"
        elif lk is None and rk is None:
            a, b = self.fresh("r"), self.fresh("r")
            # Both operands are evaluated, left first, by the chained comparison.
            test = f"type({a} := {left}) is type({b} := {right}) is float"
        else:
            return None
        if op in ("=", "#"):
            # Reals are equal within the epsilon of SET REAL COMPARISON LEVEL (dt_number.md).
            equal = f"({a} == {b} or abs({a} - {b}) <= OPERATORS._epsilon)"
            operation = equal if op == "=" else f"not {equal}"
        else:
            operation = f"{a} {NATIVE_NUMERIC[op]} {b}"
        slow = f"{BINARY_HELPERS[op]}({a}, {b})"
        code = f"({operation} if {test} else {slow})"
        if op in ("+", "-", "*"):       # a Real when inline
            self.real_when_inline[code] = (f"({operation} if {test} else ", slow)
        return code

    @staticmethod
    def is_integral_literal(node) -> bool:
        return isinstance(node, ast.Literal) and type(node.value) is float and node.value.is_integer()

    def ex_Ternary(self, node):
        return f"({self.expr(node.if_true)} if truthy({self.expr(node.condition)}) else {self.expr(node.if_false)})"

    def ex_ObjectLiteral(self, node):
        items = ", ".join(f"{k!r}: {self.expr(v)}" for k, v in node.entries)
        if all(self.stored_as_is(v) for _, v in node.entries):
            return f"Obj({{{items}}})"
        return f"new_object({{{items}}})"

    def ex_CollectionLiteral(self, node):
        items = ", ".join(self.expr(i) for i in node.items)
        if all(self.stored_as_is(i) for i in node.items):
            return f"Coll([{items}])"
        return f"new_collection([{items}])"

    def stored_as_is(self, node) -> bool:
        """Whether an object or collection stores the value of *node*
        unchanged (Integers, times, scalar blobs and Undefined are converted)."""
        return self.static_kind(node) in STORED_AS_IS

    def ex_TryExpr(self, node):
        return f"try_expr(lambda: {self.expr(node.expr)})"

    def ex_AssignExpr(self, node):
        return self.assignment(node.target, node.op, node.value, as_expr=True)

    def ex_Compiled(self, node):
        return node.code

    def ex_Call(self, node):
        callee = node.callee
        if isinstance(callee, ast.Name):
            return self.call_name(callee, node.args, node)
        if isinstance(callee, ast.Member):
            target = callee.target
            if isinstance(target, ast.Name) and target.name.lower() == "super" and self.class_name:
                args = "".join(", " + self.arg(a) for a in node.args)
                return f"super_call(CLASS, this, {callee.name!r}{args})"
            args = "".join(", " + self.arg(a) for a in node.args)
            call = f"call_member({self.expr(target)}, {callee.name!r}{args})"
            if isinstance(target, ast.Local) and self.static_kind(target) in (None, "object"):
                # Most often a function of the instance's class: found inline.
                obj, c, f = self.expr(target), self.fresh("c"), self.fresh("f")
                return (f"({f}({obj}{args}) if type({obj}) is Obj and ({c} := {obj}.cls) is not None "
                        f"and ({f} := {c}.functions_all.get({callee.name!r})) is not None else {call})")
            function = functions_of(Coll).get(callee.name)
            if function is not None and isinstance(target, ast.Local) and self.static_kind(target) == "collection":
                # A Collection variable: call the member function directly
                # (call_member still handles Null and errors).
                collection = self.expr(target)
                direct = self.constant(function, ("collection function", callee.name))
                return f"({direct}({collection}{args}) if type({collection}) is Coll else {call})"
            return call
        args = "".join(", " + self.arg(a) for a in node.args)
        return f"call_value({self.expr(callee)}{args})"

    # ------------------------------------------------------------ names
    def is_this(self, node: ast.Name) -> bool:
        return node.name.lower() == "this"

    def ex_Name(self, node):
        return self.call_name(node, None, node)

    def resolve(self, node: ast.Name):
        """(kind, info) for a bare name: ('command', Command|name), ('constant', value)…"""
        token = node.token
        name = node.name
        if token is not None and token[0] == "K":
            info = catalog.constant_by_token(token[1], token[2]) if len(token) > 2 else None
            info = info or catalog.constant_by_name(name)
            if info is not None:
                return "constant", info.value
            return "unknown-constant", name
        if token is not None and token[0] == "C":
            info = catalog.command_by_number(token[1])
            cname = info.name if info is not None else name
            return "command", cname
        lname = name.lower()
        if registry.lookup(lname) is not None or catalog.command_by_name(lname) is not None:
            return "command", name
        info = catalog.constant_by_name(lname)
        if info is not None:
            return "constant", info.value
        return "other", name

    def call_name(self, node: ast.Name, args, call_node) -> str:
        lname = node.name.lower()
        special = SPECIAL_NAMES.get(lname)
        if special is not None and (node.token is None or node.token[0] == "C"):
            return special(self, node, args or [])
        kind, info = self.resolve(node)
        if kind == "constant":
            if args:
                raise CompileError(f"{node.name} is a constant, not a command", node)
            return self.literal(info)
        if kind == "command":
            return self.command_call(str(info), args or [], node)
        if kind == "unknown-constant":
            return f"unsupported({('constant ' + node.name)!r})"
        # A project method (resolved when called) or a process variable.
        if args is not None:
            signature = self.signatures(node.name)
            arglist = "".join(", " + self.method_arg(a, signature, i) for i, a in enumerate(args))
            return f"{self.method_slot(node.name)}(None{arglist})"
        return f"name_value({node.name!r})"

    def method_arg(self, node, signature, i: int) -> str:
        """Argument *i* of a project method call: computed as an Integer when
        it goes to a declared Integer parameter."""
        if signature is not None and declared_kind(signature.parameter(i)) == "integer":
            with self.integer_context(True):
                return self.expr(node)
        return self.arg(node)

    def method_slot(self, name: str) -> str:
        """The namespace name through which this unit calls project method *name*."""
        key = name.lower()
        for slot, method in self.method_slots.items():
            if method == key:
                return slot
        slot = "_M_" + re.sub(r"\W", "_", key) + f"_{len(self.method_slots)}"
        self.method_slots[slot] = key
        return slot

    def command_call(self, name: str, args: list, node) -> str:
        cmd = registry.lookup(name)
        if cmd is None:
            return f"unsupported({name!r})"
        least, most = command_arity(cmd.func)
        if not least <= len(args) <= most:
            expected = f"{least}" if least == most else f"{least} to {most}" if most != math.inf else f"{least} or more"
            # 4D's syntax check rejects a wrong number of parameters.
            raise CompileError(f"{cmd.name} expects {expected} parameters, not {len(args)}", node)
        fname = self.constant(cmd.func, ("command", cmd.name))
        parts = []
        for i, a in enumerate(args):
            if i in cmd.refs:
                parts.append(self.ref(a))
            else:
                parts.append(self.arg(a))
        return f"{fname}({', '.join(parts)})"

    def ref(self, node) -> str:
        """A Ref to an assignable expression, for by-reference command parameters."""
        if isinstance(node, ast.Star):
            return "STAR"              # Position($a; $b; 1; *): the star, not a reference
        if isinstance(node, ast.Local):
            name = node.name.lower()
            if name.isdigit() and name != "0":
                local = self.param_local(name)
                if local is None:
                    return f"param_ref(_params, {int(name) - 1})"
                name = local
            v = self.var(name)
            return f"Ref(_get_{v}, _set_{v}, {('$' + node.name)!r})"
        if isinstance(node, ast.Member):
            return f"member_ref({self.expr(node.target)}, {node.name!r})"
        if isinstance(node, ast.Index):
            return f"index_ref({self.expr(node.target)}, {self.expr(node.index)})"
        if isinstance(node, ast.ArrayElement):
            return f"element_ref({self.expr(node.target)}, {self.expr(node.index)})"
        if isinstance(node, (ast.Name, ast.Interprocess)):
            return f"var_ref({self.var_store(node)}, {node.name.lower()!r})"
        if isinstance(node, ast.Deref):
            return f"pointer_ref({self.expr(node.target)})"
        return f"value_ref({self.expr(node)})"

    # ------------------------------------------------------------ formulas
    def formula(self, expr_node, node) -> str:
        """Compile ``Formula(expr)`` to a nested function; local variables used in
        *expr* are copied into it when the formula is created (formula.md)."""
        name = self.fresh("formula")
        self.formula_function(name, expr_node, node)
        form = callback_form(expr_node, self)
        if form is not None and self.callback_function(f"{name}_each", form[1]):
            self.emit(f"{name}.{CALLBACK_ATTRIBUTES[form[0]]} = {name}_each")
        return f"Formula({name}, {self.source_of_args(node)!r})"

    @contextmanager
    def nested_scope(self, scope: Scope):
        """Compile a nested function (a formula) in *scope*."""
        outer, self.scope = self.scope, scope
        try:
            yield outer
        finally:
            self.scope = outer

    def nested_parameters(self, scope: Scope, outer: Scope, body: list) -> None:
        """Collect a formula's *body*: its parameters, and the locals of the
        method it copies when it is created."""
        self.collect(body)
        scope.captured = sorted(n for n in scope.types_seen if not n.isdigit())
        for cap in scope.captured:
            scope.types[cap] = outer.types.get(cap)
        self.bind_parameters(scope)

    def formula_function(self, name: str, expr_node, node) -> None:
        with self.nested_scope(Scope(self.scope.name, "formula")) as outer:
            scope = self.scope
            self.nested_parameters(scope, outer, [expr_node])
            self.linemap.functions[name] = outer.name
            self.emit(f"def {name}({self.parameters(scope)}):")
            self.indent += 1
            self.parameters_prologue(scope)
            if isinstance(expr_node, ast.Name) and self.resolve(expr_node)[0] == "other":
                # Formula(myMethod): the method gets the formula's parameters and This.
                arguments = "*args" if scope.positional is None else "*_rest"
                body = f"call_method_on(this, {expr_node.name!r}, {arguments})"
            elif isinstance(expr_node, ast.AssignExpr):
                # Formula($1.result:=…): an assignment statement, then the value assigned.
                self.assign(expr_node.target, expr_node.op, expr_node.value, node.line)
                body = self.expr(expr_node.target)
            else:
                body = self.expr(expr_node)
            self.emit(f"return {body}")
            self.indent -= 1

    def callback_function(self, name: str, value_node) -> bool:
        """The callback form of a formula whose ``$1`` is only read as
        ``$1.value`` or ``$1.accumulator`` (and assigned as ``$1.result`` or
        ``$1.accumulator``, see :func:`callback_form`): a function
        ``name(this, value, accumulator, $2…)`` returning *value_node*.
        Collection functions call it per element (api.collection) instead of
        filling a parameter object. False, with nothing emitted, when ``$1``
        is used otherwise (passed on, pointed to, assigned…)."""
        mark, indent = len(self.out), self.indent
        with self.nested_scope(Scope(self.scope.name, "formula")) as outer:
            scope = self.scope
            scope.callback_fields = CALLBACK_FIELDS
            try:
                self.nested_parameters(scope, outer, [value_node])
                if scope.positional is None or scope.counts or "1" in scope.ref_locals:
                    return False
                scope.positional = [n for n in scope.positional if n != "1"]
                self.linemap.functions[name] = outer.name
                self.emit(f"def {name}({self.parameters(scope)}):")
                self.indent += 1
                self.parameters_prologue(scope)
                self.emit(f"return {self.expr(value_node)}")
            except NotCallbackForm:
                del self.out[mark:], self.linemap.lines[mark:]
                return False
            finally:
                self.indent = indent
        return True

    def source_of_args(self, node) -> str:
        """The source text between the parentheses of the call at *node*."""
        line = node.line
        if not 0 < line <= len(self.source_lines):
            return ""
        text = "\n".join(self.source_lines[line - 1:line + 20])
        start = text.find("(", node.column - 1)
        if start < 0:
            return ""
        depth, i, in_string = 0, start, False
        while i < len(text):
            ch = text[i]
            if in_string:
                if ch == "\\":
                    i += 1
                elif ch == '"':
                    in_string = False
            elif ch == '"':
                in_string = True
            elif ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    return re.sub(r"\\\s*\n\s*", "", text[start + 1:i]).strip()
            i += 1
        return text[start + 1:].strip()


@functools.cache
def command_arity(func) -> tuple[int, float]:
    """(fewest, most) arguments a command function accepts (its ``*`` included)."""
    positional = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    parameters = inspect.signature(func).parameters.values()
    least = sum(1 for p in parameters if p.kind in positional and p.default is p.empty)
    if any(p.kind is inspect.Parameter.VAR_POSITIONAL for p in parameters):
        return least, math.inf
    most = sum(1 for p in parameters if p.kind in positional)
    # command_with(star=True) takes the * besides its parameters.
    return least, most + any(p.name == "star" and p.kind is inspect.Parameter.KEYWORD_ONLY for p in parameters)


def declared_names(node: ast.VarDecl):
    """(name, "local" | "process" | "interprocess") for each variable of a ``var``."""
    return zip(node.names, node.scopes or ["local"] * len(node.names))


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


# ------------------------------------------------------- special names
def _this(c: UnitCompiler, node, args):
    return "this"


def _count_parameters(c: UnitCompiler, node, args):
    return "len(_params)" if c.scope.positional is None else "_n"


def _current_method_name(c: UnitCompiler, node, args):
    return repr(c.scope.name)


def _null(c, node, args):
    return "None"


def _true(c, node, args):
    return "True"


def _false(c, node, args):
    return "False"


def _cs(c, node, args):
    return "CS_STORE"


def _super(c: UnitCompiler, node, args):
    arglist = "".join(", " + c.arg(a) for a in args)
    return f"super_construct(CLASS, this{arglist})"


def _formula(c: UnitCompiler, node, args):
    if len(args) != 1:
        raise CompileError("Formula takes one expression", node)
    return c.formula(args[0], node)


def _assert(c: UnitCompiler, node, args):
    if not args:
        raise CompileError("ASSERT needs a condition", node)
    text = c.source_of_args(node)
    message = c.arg(args[1]) if len(args) > 1 else "None"
    return f"assert_({c.expr(args[0])}, {text!r}, {message})"


def _undefined(c: UnitCompiler, node, args):
    if len(args) != 1:
        raise CompileError("Undefined takes one expression", node)
    if isinstance(args[0], ast.Literal):
        return "False"              # a literal is never Undefined (and `'a' is X` would warn)
    return f"({c.expr(args[0])} is UNDEFINED)"


def _type(c: UnitCompiler, node, args):
    if len(args) != 1:
        raise CompileError("Type takes one variable", node)
    arg = args[0]
    if isinstance(arg, ast.Local):
        t = c.scope.types.get(arg.name.lower())
        if t is not None:
            return f"type_of_declared({type_name(t)!r}, {c.expr(arg)})"
    return f"type_of({c.expr(arg)})"


def _try(c: UnitCompiler, node, args):
    if len(args) != 1:
        raise CompileError("Try takes one expression", node)
    return f"try_expr(lambda: {c.expr(args[0])})"


SPECIAL_NAMES = {
    "this": _this, "count parameters": _count_parameters, "current method name": _current_method_name,
    "null": _null, "true": _true, "false": _false, "cs": _cs, "super": _super, "formula": _formula,
    "assert": _assert, "undefined": _undefined, "type": _type, "try": _try,
}


# ----------------------------------------------------- callback forms
# A collection function calls a formula with a parameter object $1: $1.value
# is the element, the answer is the returned value or else $1.result; reduce
# keeps $1.accumulator (CollectionClass.md). A formula that uses $1 only so
# also gets a callback form (UnitCompiler.callback_function), named on its
# function by the attribute for its use.
CALLBACK_FIELDS = {"value": "e_value", "accumulator": "e_accumulator"}
CALLBACK_ATTRIBUTES = {"answer": "each_answer", "result": "each_answer", "accumulator": "each_accumulator"}


def callback_form(expr, unit: UnitCompiler):
    """(use, expression the callback form returns) for ``Formula(expr)``:
    ("answer", expr) for an expression, ("result", value) for
    ``$1.result:=value``, ("accumulator", value) for ``$1.accumulator:=value``
    (``+=``… included); None otherwise."""
    if isinstance(expr, ast.AssignExpr):
        target = expr.target
        if not (isinstance(target, ast.Member) and isinstance(target.target, ast.Local)
                and target.target.name == "1" and target.name in ("result", "accumulator")):
            return None
        if expr.op == ":=":
            return target.name, expr.value
        return target.name, ast.Binary(expr.line, expr.column, expr.op[0], target, expr.value)
    if isinstance(expr, ast.Name) and unit.resolve(expr)[0] == "other":
        return None             # Formula(myMethod): the method gets $1 itself
    return "answer", expr
