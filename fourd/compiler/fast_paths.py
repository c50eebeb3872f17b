"""Fast paths: inline Python for the common cases of values whose type is
not known at compile time (a Real in an object, a plain object's property,
a class function), each tested inline with the generic runtime call as
fallback. What they must keep: the 4D semantics of the generic call."""
from __future__ import annotations

import re

import fourd.api.collection  # noqa: F401  (registers the Collection member functions)
from fourd.runtime.members import functions_of
from fourd.runtime.values import Coll
from fourd.syntax import ast

from .expressions import BINARY_HELPERS, COMPARISONS, NATIVE_NUMERIC
from .types import NUMBERS

REAL_INLINE = COMPARISONS | {"+", "-", "*"}      # see FastPaths.real_arithmetic
_NUMBER = re.compile(r"-?\d+(\.\d+)?(e[-+]?\d+)?")


class FastPaths:
    """Part of :class:`~fourd.compiler.codegen.UnitCompiler`: inline paths."""

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

    def real_arithmetic(self, op: str, left: str, lk, right: str, rk, right_likely=None) -> str | None:
        """``+ - *`` or a comparison of values of unknown type, or of one and
        a number known at compile time (a variable or a literal): inline when
        the values are Reals, which is what objects and collections hold, or
        Integers when the right one is a command usually returning one
        (*right_likely*, see Expressions.likely_kind)."""
        if op not in REAL_INLINE or (lk in NUMBERS and rk in NUMBERS):
            return None
        real = True         # the inline path gives a Real (for + - *)
        if lk in NUMBERS or rk in NUMBERS:
            known, unknown = (left, right) if lk in NUMBERS else (right, left)
            if not self.stable(known, unknown):       # it is read after the other operand
                return None
            v = self.fresh("r")
            a, b = (known, v) if known is left else (v, known)
            expected = "float"
            if unknown is right and right_likely == "integer":
                # Real ∘ Integer is a Real; Integer ∘ Integer an Integer (32 bits: add wraps).
                expected, real = "int", lk == "real"
                if not real and op in ("+", "-", "*"):
                    return None
            test = f"type({v} := {unknown}) is {expected}"
        elif lk is None and rk is None:
            a, b = self.fresh("r"), self.fresh("r")
            # Both operands are evaluated, left first, by the chained comparison.
            test = f"type({a} := {left}) is type({b} := {right}) is float"
        else:
            return None
        if op in ("=", "#"):
            # Reals are equal within the epsilon of SET REAL COMPARISON LEVEL (dt_number.md).
            equal = f"({a} == {b} or abs({a} - {b}) <= OPERATORS.real_epsilon)"
            operation = equal if op == "=" else f"not {equal}"
        else:
            operation = f"{a} {NATIVE_NUMERIC[op]} {b}"
        slow = f"{BINARY_HELPERS[op]}({a}, {b})"
        code = f"({operation} if {test} else {slow})"
        if op in ("+", "-", "*") and real:
            self.real_when_inline[code] = (f"({operation} if {test} else ", slow)
        return code

    def local_member_call(self, target: ast.Local, name: str, args: str, call: str) -> str:
        """``$v.name(args)``: a function of the instance's class or of a
        Collection found inline, else *call* (the generic ``call_member``)."""
        kind = self.static_kind(target)
        if kind in (None, "object"):
            # Most often a function of the instance's class: found inline.
            obj, c, f = self.expr(target), self.fresh("c"), self.fresh("f")
            return (f"({f}({obj}{args}) if type({obj}) is Obj and ({c} := {obj}.cls) is not None "
                    f"and ({f} := {c}.functions_all.get({name!r})) is not None else {call})")
        function = functions_of(Coll).get(name)
        if function is not None and kind == "collection":
            # A Collection variable: call the member function directly
            # (call_member still handles Null and errors).
            collection = self.expr(target)
            direct = self.constant(function, ("collection function", name))
            return f"({direct}({collection}{args}) if type({collection}) is Coll else {call})"
        return call
