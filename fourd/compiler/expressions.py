"""Compiling expressions: literals, variables, member and index access,
operators, object and collection literals, calls of member functions.

What the compiler knows of an expression's type (:meth:`Expressions.static_kind`)
picks native Python operators for numbers (``compiler.fast_paths`` has the
inline paths for values of unknown type)."""
from __future__ import annotations

from fourd.commands import registry
from fourd.syntax import ast

from .errors import CompileError
from .specials import SPECIAL_NAMES
from .types import declared_kind

BINARY_HELPERS = {
    "+": "add", "-": "sub", "*": "mul", "/": "div", "\\": "idiv", "%": "percent", "^": "power",
    "=": "eq", "#": "ne", "<": "lt", ">": "gt", "<=": "le", ">=": "ge",
    "&": "and_", "|": "or_", "^|": "xor", "<<": "shl", ">>": "shr",
    "?+": "bit_set", "?-": "bit_clear", "??": "bit_test",
}
NATIVE_NUMERIC = {"+": "+", "-": "-", "*": "*", "<": "<", ">": ">", "<=": "<=", ">=": ">=",
                  "=": "==", "#": "!="}
COMPARISONS = {"=", "#", "<", ">", "<=", ">="}
# Kinds whose values objects and collections store unchanged (shared.stored_value
# converts Integers, times and scalar blobs; Undefined creates no property).
STORED_AS_IS = ("real", "text", "boolean", "date", "object", "collection")


class Expressions:
    """Part of :class:`~fourd.compiler.codegen.UnitCompiler`: expressions."""

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

    def likely_kind(self, node):
        """The static kind of *node*, or for a command call the kind its
        result usually has (``registry.Command.result``): code relying on it
        tests the value's type."""
        kind = self.static_kind(node)
        if kind is None and isinstance(node, ast.Call) and isinstance(node.callee, ast.Name) \
                and node.callee.name.lower() not in SPECIAL_NAMES:
            what, name = self.resolve(node.callee)
            command = registry.lookup(str(name)) if what == "command" else None
            kind = command.result if command is not None else None
        return kind

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
        return database_access(node)

    def ex_Table(self, node):
        return database_access(node)

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
        if isinstance(target, (ast.Field, ast.Table)):
            return database_access(target)
        if isinstance(target, ast.ArrayElement) and isinstance(target.target, (ast.Local, ast.Name, ast.Interprocess)):
            prefix = {ast.Local: "$", ast.Interprocess: "<>"}.get(type(target.target), "")
            return (f"element_pointer({self.expr(target.target)}, {self.expr(target.index)}, "
                    f"{prefix + target.target.name!r})")
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
            self.real_arithmetic(op, left, lk, right, rk, self.likely_kind(right_node))
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
            return self.call_name(callee, node.args)
        if isinstance(callee, ast.Member):
            target = callee.target
            if isinstance(target, ast.Name) and target.name.lower() == "super" and self.class_name:
                args = "".join(", " + self.arg(a) for a in node.args)
                return f"super_call(CLASS, this, {callee.name!r}{args})"
            args = "".join(", " + self.arg(a) for a in node.args)
            call = f"call_member({self.expr(target)}, {callee.name!r}{args})"
            if isinstance(target, ast.Local):
                return self.local_member_call(target, callee.name, args, call)
            return call
        args = "".join(", " + self.arg(a) for a in node.args)
        return f"call_value({self.expr(callee)}{args})"


def database_access(node) -> str:
    """Code for a field or table of the database (`[Table]Field`, `->[Table]`):
    fourd has no database, so the statement fails with a 4D error when it
    runs, while the method holding it still loads and runs its other code."""
    what = f"[{node.table}]{node.field}" if isinstance(node, ast.Field) else f"[{node.table}]"
    return f"unsupported({('the database ' + ('field ' if isinstance(node, ast.Field) else 'table ') + what)!r})"
