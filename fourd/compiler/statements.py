"""Compiling statements: assignments, ``If``/``Case of``, the loops,
``Try``/``Catch``, ``Use``, ``return``…"""
from __future__ import annotations

from contextlib import contextmanager

from fourd.syntax import ast

from .errors import CompileError
from .expressions import database_access
from .tree import Compiled, has_own_continue, walk
from .types import LEGACY_DECLARATIONS


class Statements:
    """Part of :class:`~fourd.compiler.codegen.UnitCompiler`: statements."""

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

    def stmt_Assign(self, node: ast.Assign):
        self.assign(node.target, node.op, node.value, node.line)

    def assign(self, target, op: str, value_node, line: int):
        if self.text_append(target, op, value_node, line):
            return
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

    def text_append(self, target, op: str, value_node, line: int) -> bool:
        """``$t:=$t+x`` or ``$t+=x`` on a Text local, as a statement: when x
        is a Text, a plain ``l_t += x`` storing straight back to the local,
        which CPython appends in place (a conditional expression or a helper
        call would hold a second reference to the old text and copy it:
        quadratic in a loop). Anything else is the generic ``+``. True when emitted."""
        if not isinstance(target, ast.Local) or self.static_kind(target) != "text":
            return False
        if op == ":=" and isinstance(value_node, ast.Binary) and value_node.op == "+" \
                and isinstance(value_node.left, ast.Local) and value_node.left.name.lower() == target.name.lower():
            appended = value_node.right
        elif op == "+=":
            appended = value_node
        else:
            return False
        name = target.name.lower()
        if name in self.scope.pointer_locals or name in self.scope.ref_locals:
            return False        # evaluating x may change the local: read it first, generically
        local = self.expr(target)
        if not local.isidentifier():
            return False
        x = self.fresh("x")
        self.emit(f"if type({x} := {self.arg(appended)}) is str: {local} += {x}", line)
        self.emit("else: " + self.assignment(target, "+=", Compiled(appended.line, appended.column, x)))
        return True

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
        if isinstance(target, ast.Field):
            return target, database_access(target), None
        raise CompileError("this expression cannot be assigned with a compound operator", target)

    def var_store(self, target) -> str:
        """The dict holding a process (``Name``) or interprocess variable."""
        if isinstance(target, ast.Name) and self.is_this(target):
            raise CompileError("This cannot be assigned", target)
        return "IP" if isinstance(target, ast.Interprocess) else "process_vars()"

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
        if isinstance(target, ast.Field):
            return database_access(target)
        raise CompileError("this expression cannot be assigned", target)

    def needs_copy(self, value_node) -> bool:
        """Scalar blobs have value semantics: copying matters only when the
        value comes from another variable or property."""
        return isinstance(value_node, (ast.Local, ast.Member, ast.Index, ast.Name, ast.Interprocess, ast.Deref))

    def branch(self, header: str, body: list, line: int | None = None):
        """Emit *header* (``if …:``, ``else:``) with *body* indented under it."""
        self.emit(header, line)
        self.indent += 1
        self.block(body)
        self.indent -= 1

    def stmt_If(self, node: ast.If):
        self.branch(f"if {self.condition(node.condition)}:", node.body, node.line)
        if node.orelse:
            self.branch("else:", node.orelse)

    def stmt_Case(self, node: ast.Case):
        if not node.branches:
            if node.orelse:
                self.branch("if True:", node.orelse, node.line)
            return
        nested = 0
        for i, (cond, body) in enumerate(node.branches):
            mark = len(self.out)
            test = self.condition(cond)
            keyword = "if" if i == 0 else "elif"
            if i > 0 and len(self.out) > mark:
                # The condition needs statements first (a Formula's function):
                # they cannot stand between `if` and `elif`, so this branch
                # and the next ones go into an `else:` block.
                self.nest_emitted_since(mark, "else:", cond.line)
                nested += 1
                keyword = "if"
            self.branch(f"{keyword} {test}:", body, cond.line)
        if node.orelse:
            self.branch("else:", node.orelse)
        self.indent -= nested

    def nest_emitted_since(self, mark: int, header: str, line: int) -> None:
        """Put the lines emitted since *mark* one level deeper, under *header*
        (emitted at the current indentation), and stay at that deeper level."""
        lines, lines_map = self.out[mark:], self.linemap.lines[mark:]
        del self.out[mark:], self.linemap.lines[mark:]
        self.emit(header, line)
        self.indent += 1
        self.out.extend("    " + text for text in lines)
        self.linemap.lines.extend(lines_map)

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
            self.branch("for _once in ONCE:", body)
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
        self.branch("try:", node.body)
        self.emit("finally:")
        self.emit(f"    try_exit(_p, {saved})")
        self.indent -= 1
        self.emit("except Exception as _e:")
        self.indent += 1
        self.emit("try_caught(_e)")
        self.block(node.catch)
        self.indent -= 1

    def stmt_Use(self, node: ast.Use):
        self.branch(f"with use({self.expr(node.target)}):", node.body, node.line)

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
