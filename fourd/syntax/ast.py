"""The abstract syntax tree of 4D code.

Plain dataclasses with source positions (1-based ``line``/``column``): the
only vocabulary shared by the parser, the compiler and the REPL. Nothing
here knows about Lark.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Union


@dataclass(slots=True)
class Node:
    line: int
    column: int


# ---------------------------------------------------------------- expressions

@dataclass(slots=True)
class Literal(Node):
    """A number, text, date or time literal (value already converted)."""
    value: object


@dataclass(slots=True)
class Local(Node):
    """A local variable or parameter: ``$name``, ``$1``."""
    name: str          # without the "$"


@dataclass(slots=True)
class ParamIndirect(Node):
    """``${expr}``: the parameter whose number is *expr*."""
    index: "Expr"


@dataclass(slots=True)
class Name(Node):
    """A bare name: command, constant, project method, process variable,
    ``This``, ``Super``, ``cs``… ``token`` is ``("C", 16)`` or ``("K", 8, 27)``
    when the source used 4D's tokenized form (``Length:C16``)."""
    name: str
    token: Optional[tuple] = None


@dataclass(slots=True)
class FourD(Node):
    """The ``4D`` class store (also written ``4D:C1709``)."""


@dataclass(slots=True)
class Interprocess(Node):
    """``<>name``: an interprocess variable."""
    name: str


@dataclass(slots=True)
class Field(Node):
    """``[Table]Field``: a database field (parsed, not executable)."""
    table: str
    field: str


@dataclass(slots=True)
class Table(Node):
    """``[Table]`` (exported as ``[Table:3]``): a database table (parsed, not executable)."""
    table: str


@dataclass(slots=True)
class Member(Node):
    """``expr.name``"""
    target: "Expr"
    name: str


@dataclass(slots=True)
class Index(Node):
    """``expr[index]``: collection element or object property by name."""
    target: "Expr"
    index: "Expr"


@dataclass(slots=True)
class CharRef(Node):
    """``text[[i]]``: one character of a text (1-based)."""
    target: "Expr"
    index: "Expr"


@dataclass(slots=True)
class ArrayElement(Node):
    """``array{i}``"""
    target: "Expr"
    index: "Expr"


@dataclass(slots=True)
class Call(Node):
    """``callee(args)``: a command or method (callee is a Name) or a member
    function (callee is a Member or Index)."""
    callee: "Expr"
    args: list


@dataclass(slots=True)
class Star(Node):
    """The ``*`` argument of some commands."""


@dataclass(slots=True)
class OperatorArg(Node):
    """A bare operator passed as a command argument: the sort order ``>``/``<``
    of ORDER BY or SORT ARRAY, the conjunction ``&``/``|``/``#`` of QUERY."""
    op: str


@dataclass(slots=True)
class EmptyArg(Node):
    """An omitted argument: the first one in ``Foo(;2)``."""


@dataclass(slots=True)
class Deref(Node):
    """``pointer->``"""
    target: "Expr"


@dataclass(slots=True)
class PointerTo(Node):
    """``->variable``"""
    target: "Expr"


@dataclass(slots=True)
class Binary(Node):
    """Any binary operator, including ``&&`` and ``||`` (op is the source text)."""
    op: str
    left: "Expr"
    right: "Expr"


@dataclass(slots=True)
class Unary(Node):
    """Unary ``-`` or ``+``."""
    op: str
    operand: "Expr"


@dataclass(slots=True)
class Ternary(Node):
    condition: "Expr"
    if_true: "Expr"
    if_false: "Expr"


@dataclass(slots=True)
class ObjectLiteral(Node):
    entries: list      # [(key: str, value: Expr)]


@dataclass(slots=True)
class CollectionLiteral(Node):
    items: list


@dataclass(slots=True)
class TryExpr(Node):
    """``Try(expr)``"""
    expr: "Expr"


@dataclass(slots=True)
class AssignExpr(Node):
    """An assignment used as an expression: ``Formula($1.result:=$1.value*2)``."""
    target: "Expr"
    op: str            # ":=", "+=", "-=", "*=", "/="
    value: "Expr"


Expr = Union[Literal, Local, ParamIndirect, Name, FourD, Interprocess, Field, Table, Member, Index,
             CharRef, ArrayElement, Call, Star, OperatorArg, EmptyArg, Deref, PointerTo, Binary, Unary, Ternary,
             ObjectLiteral, CollectionLiteral, TryExpr, AssignExpr]


# ----------------------------------------------------------------- statements

@dataclass(slots=True)
class TypeRef(Node):
    """A declared type: ``Text``, ``cs.Person``, ``4D.TCPConnection``…"""
    parts: list        # ["Text"], ["cs", "Person"], ["4D", "TCPConnection"]

    @property
    def dotted(self) -> str:
        return ".".join(self.parts)


@dataclass(slots=True)
class ExprStmt(Node):
    expr: Expr


@dataclass(slots=True)
class Assign(Node):
    target: Expr
    op: str
    value: Expr


@dataclass(slots=True)
class VarDecl(Node):
    names: list                      # variable names without "$" or "<>"
    type: Optional[TypeRef]
    value: Optional[Expr]
    # Per name: "local", "process" or "interprocess" (``var myVar : Integer``
    # declares a process variable, Concepts/variables.md); empty means all local.
    scopes: list = field(default_factory=list)


@dataclass(slots=True)
class If(Node):
    condition: Expr
    body: list
    orelse: list


@dataclass(slots=True)
class Case(Node):
    branches: list                   # [(condition, body)]
    orelse: list


@dataclass(slots=True)
class For(Node):
    target: Expr
    start: Expr
    end: Expr
    step: Optional[Expr]
    body: list


@dataclass(slots=True)
class ForEach(Node):
    target: Expr
    source: Expr
    begin: Optional[Expr]
    end: Optional[Expr]
    until: Optional[Expr]            # loop stops after an iteration where it is true
    while_: Optional[Expr]           # loop runs an iteration only while it is true
    body: list


@dataclass(slots=True)
class While(Node):
    condition: Expr
    body: list


@dataclass(slots=True)
class Repeat(Node):
    body: list
    condition: Expr


@dataclass(slots=True)
class TryBlock(Node):
    body: list
    catch: list


@dataclass(slots=True)
class Use(Node):
    target: Expr
    body: list


@dataclass(slots=True)
class Return(Node):
    value: Optional[Expr]


@dataclass(slots=True)
class Break(Node):
    pass


@dataclass(slots=True)
class Continue(Node):
    pass


@dataclass(slots=True)
class SqlBlock(Node):
    """``Begin SQL … End SQL``: kept as opaque text."""
    text: str


@dataclass(slots=True)
class Param(Node):
    name: str                        # without "$"; "..." for variadic
    type: Optional[TypeRef]


@dataclass(slots=True)
class Result(Node):
    name: Optional[str]              # None for the ": Type" form
    type: Optional[TypeRef]


@dataclass(slots=True)
class Declare(Node):
    """``#DECLARE(params) -> $result : Type``"""
    params: list
    result: Optional[Result]


@dataclass(slots=True)
class PropertyDecl(Node):
    names: list
    type: Optional[TypeRef]
    value: Optional[Expr]


@dataclass(slots=True)
class ClassExtends(Node):
    superclass: TypeRef


@dataclass(slots=True)
class Function(Node):
    """A class member: a function, a computed property accessor or the
    constructor (``kind`` is "function", "get", "set", "query", "orderby" or
    "constructor")."""
    name: str
    kind: str
    modifiers: list
    params: list
    result: Optional[Result]
    body: list


@dataclass(slots=True)
class Module(Node):
    """One parsed ``.4dm`` file: top-level statements, then class members."""
    body: list
    members: list = field(default_factory=list)
    attributes: str = ""             # the text of a ``//%attributes = {...}`` header
