"""What the compiler knows of types: the static kind of each declared
type, the signatures of project methods (``#DECLARE``) and the scope of
one function's variables."""
from __future__ import annotations

from dataclasses import dataclass

from fourd.runtime.conversions import coercer
from fourd.syntax import ast

from .errors import CompileError

# Declared type names (lower-cased) and the static kind the compiler tracks.
NUMERIC_KINDS = {"real": "real", "integer": "integer", "longint": "integer", "number": "real"}

SCALAR_KINDS = {"text": "text", "boolean": "boolean", "date": "date", "time": "time",
                "object": "object", "collection": "collection", "blob": "blob",
                "pointer": "pointer", "picture": "picture", "variant": None}

# Declared kinds held in one Python type: a parameter of that type needs no conversion.
PYTHON_TYPES = {"text": "str", "real": "float", "integer": "int", "boolean": "bool",
                "date": "Date", "time": "Time"}

NUMBERS = ("real", "integer")

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


def declared_names(node: ast.VarDecl):
    """(name, "local" | "process" | "interprocess") for each variable of a ``var``."""
    return zip(node.names, node.scopes or ["local"] * len(node.names))


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
