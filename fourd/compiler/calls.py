"""Compiling names and calls: what a bare name is (special name, constant,
command, project method or process variable), command calls with their
by-reference arguments, project method calls through slots."""
from __future__ import annotations

import math
import re

from fourd.commands import registry
from fourd.commands.arguments import ANY, LONGINT, REAL, REF
from fourd.syntax import ast, catalog

from .errors import CompileError
from .specials import SPECIAL_NAMES
from .types import declared_kind


class Calls:
    """Part of :class:`~fourd.compiler.codegen.UnitCompiler`: names and calls."""

    def is_this(self, node: ast.Name) -> bool:
        return node.name.lower() == "this"

    def ex_Name(self, node):
        return self.call_name(node, None)

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
        if registry.lookup(lname) is not None:
            return "command", name
        info = catalog.command_by_name(lname)
        if info is not None:
            # A former name (4D 20 R7 renamed commands) is the current one.
            return "command", info.name
        info = catalog.constant_by_name(lname)
        if info is not None:
            return "constant", info.value
        return "other", name

    def call_name(self, node: ast.Name, args) -> str:
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
            # The callee runs with the caller's This: a project method called
            # while a formula or class function runs on an object sees that
            # object (This.md: "the object currently processed by the formula").
            return f"{self.method_slot(node.name)}(this{arglist})"
        return f"name_value({node.name!r}, this)"

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
            if method.lower() == key:
                return slot
        slot = "_M_" + re.sub(r"\W", "_", key) + f"_{len(self.method_slots)}"
        self.method_slots[slot] = name        # as written: an error names it so
        return slot

    def command_call(self, name: str, args: list, node) -> str:
        cmd = registry.lookup(name)
        if cmd is None:
            return f"unsupported({name!r})"
        least, most = cmd.arity
        if not least <= len(args) <= most:
            expected = f"{least}" if least == most else f"{least} to {most}" if most != math.inf else f"{least} or more"
            # 4D's syntax check rejects a wrong number of parameters.
            raise CompileError(f"{cmd.name} expects {expected} parameters, not {len(args)}", node)
        direct = self.direct_arguments(cmd, args)
        if direct is not None:
            implementation = self.constant(cmd.implementation, ("command implementation", cmd.name))
            return f"{implementation}({', '.join(direct)})"
        fname = self.constant(cmd.func, ("command", cmd.name))
        parts = []
        for i, a in enumerate(args):
            if i in cmd.refs:
                parts.append(self.ref(a))
            elif i < len(cmd.kinds) and cmd.kinds[i] == LONGINT:
                # Integral literals as Integers: the command takes them as they are.
                with self.integer_context(True):
                    parts.append(self.expr(a))
            else:
                parts.append(self.arg(a))
        return f"{fname}({', '.join(parts)})"

    def direct_arguments(self, cmd, args: list) -> list[str] | None:
        """The compiled arguments of a call of *cmd* that may skip its
        argument checks (``Command.implementation``): each of the kind its
        parameter declares, known at compile time (Integers go to Real
        parameters as floats). None for any other call."""
        if cmd.implementation is None or len(args) > len(cmd.kinds):
            return None
        parts = []
        for i, (a, kind) in enumerate(zip(args, cmd.kinds)):
            if isinstance(a, (ast.Star, ast.EmptyArg)) or kind == REF or i in cmd.refs:
                return None
            if kind == ANY:
                parts.append(self.arg(a))
                continue
            with self.integer_context(kind == LONGINT):
                static = self.static_kind(a)
                code = self.expr(a)
            if static == kind:
                parts.append(code)
            elif kind == REAL and static == "integer":
                parts.append(f"float({code})")
            else:
                return None
        return parts

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
