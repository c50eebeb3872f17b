"""Compiling ``Formula(expr)``: a nested function, plus its callback form
when collection functions can call it per element without a parameter object."""
from __future__ import annotations

import re
from contextlib import contextmanager

from fourd.syntax import ast

from .errors import NotCallbackForm
from .types import Scope

# A collection function calls a formula with a parameter object $1: $1.value
# is the element, the answer is the returned value or else $1.result; reduce
# keeps $1.accumulator (CollectionClass.md). A formula that uses $1 only so
# also gets a callback form (Formulas.callback_function), named on its
# function by the attribute for its use.
CALLBACK_FIELDS = {"value": "e_value", "accumulator": "e_accumulator"}
CALLBACK_ATTRIBUTES = {"answer": "each_answer", "result": "each_answer", "accumulator": "each_accumulator"}


class Formulas:
    """Part of :class:`~fourd.compiler.codegen.UnitCompiler`: formulas."""

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


def callback_form(expr, unit):
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
