"""A REPL session: the project, the local variables that outlive each entry,
and compiling and running entries in the 4D process.

Each entry is compiled as one function (:class:`EntryCompiler`) whose local
variables are loaded from the session when it starts and stored back when
it ends -- also when it ends with an error or an interrupt -- so ``$x``
keeps its value from one entry to the next, and compiled loops still run on
Python locals. An executed declaration (``var``, ``C_TEXT``) records the
variable's type for the entries that follow; running ``var`` again
redeclares it. Process variables live in the process, as in 4D.

A pointer to a local variable (``->$x``) refers to the variable of the entry
that created it, as a pointer to a local refers to one call of a method.
"""
from __future__ import annotations

import sys
from pathlib import Path

from fourd.compiler.codegen import UnitCompiler
from fourd.compiler.errors import CompileError
from fourd.compiler.tree import walk
from fourd.compiler.types import LEGACY_DECLARATIONS, Scope
from fourd.runtime.support import INTERPROCESS
from fourd.commands import registry
from fourd.runtime.process import current_process
from fourd.loader import Project
from fourd.runtime.locations import with_location
from fourd.runtime.values import UNDEFINED
from fourd.syntax import ast, catalog
from fourd.syntax.errors import FourDSyntaxError
from fourd.syntax.parser import parse

from .display import describe_error, show
from .entries import ENTRY_PATH

# What an entry's last statement shows.
SHOW_VALUE = "value"                  # an expression: its value, Null included
SHOW_RESULT = "result"                # a method or member function call: its result, if any


class Session:
    """The state of one REPL: the project and the entries' local variables."""

    def __init__(self, project_path: Path | None = None):
        self.project_path = project_path
        self.project = self._load_project()
        # The 4D process the entries run in (set again once the session's own starts).
        self.process = current_process()
        self.values: dict[str, object] = {}           # local name (lower case, no $) -> value
        self.types: dict[str, ast.TypeRef | None] = {}  # local name -> declared type
        self.spellings: dict[str, str] = {}           # local name -> as first typed

    def _load_project(self) -> Project:
        if self.project_path is None:
            project = Project(None, None, Path.cwd())
        else:
            project = Project.for_path(self.project_path)
        return project.activate()

    # ------------------------------------------------------------ running
    def run(self, source: str, path: str = ENTRY_PATH, *, show_value: bool = True) -> bool:
        """Compile and run one entry in the current 4D process; print its value
        (stdout) or its error (stderr). Returns whether it ran without error.

        ``InterruptRequest`` (Ctrl-C) is not caught.
        """
        try:
            entry, shows = self.compile(source, path)
            value = entry(None)
        except FourDSyntaxError as err:   # in the entry, or in a method or class it loads
            print(err.format(), file=sys.stderr)
            return False
        except Exception as exc:          # FourDError, or a bug of ours shown as error -10999
            print(describe_error(with_location(exc), path, source), file=sys.stderr)
            return False
        if show_value and (shows == SHOW_VALUE or (shows == SHOW_RESULT and value is not None
                                                   and value is not UNDEFINED)):
            print(show(value))
        return True

    def compile(self, source: str, path: str = ENTRY_PATH):
        """``(function, what it shows)`` for an entry; raises FourDSyntaxError."""
        module = parse(source, path)
        if module.members:
            member = module.members[0]
            raise FourDSyntaxError("class functions belong in a class file (Classes/NAME.4dm)",
                                   path, member.line, member.column, source)
        body = list(module.body)
        shows = None
        if body and isinstance(body[-1], ast.ExprStmt):
            last = body[-1]
            shows = self._what_shows(last.expr)
            if shows is not None:
                body[-1] = ast.Return(last.line, last.column, last.expr)
        name = "REPL" if path == ENTRY_PATH else Path(path).stem
        compiler = EntryCompiler(self, path, source, name)
        try:
            compiler.function("__entry", Scope(name, "method"), [], None, body, 1)
        except CompileError as err:
            raise FourDSyntaxError(str(err), path, err.line, err.column, source) from None
        return self.project.load_unit(compiler)["__entry"], shows

    def _what_shows(self, expr):
        """SHOW_VALUE, SHOW_RESULT or None (a statement) for an expression entered alone."""
        callee = expr.callee if isinstance(expr, ast.Call) else expr
        if isinstance(callee, ast.Name):
            command = _command_name(callee)
            if command is not None:
                # 4D writes the names of commands that return nothing in capitals (ALERT).
                return None if command == command.upper() else SHOW_VALUE
            if self.project.has_method(callee.name):
                return SHOW_RESULT
        return SHOW_RESULT if isinstance(expr, ast.Call) else SHOW_VALUE

    # ------------------------------------- called by the compiled entries
    def load(self, name: str, default):
        return self.values.get(name, default)

    def store(self, values: dict) -> None:
        for name, value in values.items():
            if value is UNDEFINED and name not in self.types:
                self.values.pop(name, None)    # only mentioned, never set
            else:
                self.values[name] = value

    def declare(self, name: str, type_ref: ast.TypeRef | None) -> None:
        self.types[name] = type_ref

    # ------------------------------------------------------ meta commands
    def run_file(self, path: Path) -> bool:
        """``.load FILE``: run a file's code in the session (its values are not shown)."""
        try:
            source = path.read_text(encoding="utf-8-sig")
        except OSError as err:
            print(f"Cannot read {path}: {err.strerror}", file=sys.stderr)
            return False
        return self.run(source, str(path), show_value=False)

    def describe_variables(self) -> str:
        """``.vars``: local variables with their declared type, then process
        and interprocess variables, with their values."""
        lines = []
        for name in sorted(self.values):
            type_ref = self.types.get(name)
            declared = type_ref.dotted if type_ref is not None else "Variant"
            lines.append(f"${self.spellings.get(name, name)} : {declared} = {show(self.values[name])}")
        for prefix, store in (("", self.process.vars), ("<>", INTERPROCESS)):
            for name in sorted(store):
                lines.append(f"{prefix}{name} = {show(store[name])}")
        return "\n".join(lines) if lines else "(no variables)"

    def reset(self) -> None:
        """``.reset``: forget every variable and reload the project from disk."""
        self.values.clear()
        self.types.clear()
        self.spellings.clear()
        self.process.vars.clear()
        INTERPROCESS.clear()
        self.project = self._load_project()


def _command_name(node: ast.Name) -> str | None:
    """The 4D command a name calls (exported ``Name:C16`` or plain), or None."""
    if node.token is not None:
        if node.token[0] != "C":
            return None
        info = catalog.command_by_number(node.token[1])
        return info.name if info is not None else node.name
    command = registry.lookup(node.name)
    if command is not None:
        return command.name
    info = catalog.command_by_name(node.name)
    return info.name if info is not None else None


class EntryCompiler(UnitCompiler):
    """Compiles an entry to ``__entry(this)`` with its locals kept in the session."""

    def __init__(self, session: Session, path: str, source: str, name: str):
        super().__init__(path, source, name)
        self.session = session
        self.kept: list[str] = []
        self.namespace.update(LOAD=session.load, STORE=session.store, DECLARE=session.declare)

    def collect(self, body: list):
        # Variables declared by earlier entries keep their types (a `var` in
        # this entry redeclares: collect() sees it after these).
        for node in walk(body):
            if isinstance(node, ast.Local) and not node.name.isdigit():
                name = node.name.lower()
                self.session.spellings.setdefault(name, node.name)
                if name in self.session.types:
                    self.scope.types[name] = self.session.types[name]
        super().collect(body)

    def prologue(self, scope: Scope, line: int):
        super().prologue(scope, line)
        self.kept = sorted(n for n in scope.types_seen | set(scope.types) if not n.isdigit())
        for name in self.kept:
            variable = self.var(name)
            self.emit(f"{variable} = LOAD({name!r}, {variable})")
        self.emit("try:")
        self.indent += 1

    def epilogue(self, scope: Scope):
        super().epilogue(scope)
        self.indent -= 1
        self.emit("finally:")
        pairs = ", ".join(f"{name!r}: {self.var(name)}" for name in self.kept)
        self.emit(f"    STORE({{{pairs}}})")

    def stmt_VarDecl(self, node: ast.VarDecl):
        super().stmt_VarDecl(node)
        self.record_declaration(node.names, node.type or self.inferred_type(node.value))

    def legacy_declaration(self, call: ast.Call):
        super().legacy_declaration(call)
        kind = LEGACY_DECLARATIONS[call.callee.name.lower()]
        names = [arg.name for arg in call.args if isinstance(arg, ast.Local) and not arg.name.isdigit()]
        self.record_declaration(names, ast.TypeRef(call.line, call.column, [kind.capitalize()]))

    def record_declaration(self, names: list, type_ref: ast.TypeRef | None):
        declared = self.constant(type_ref) if type_ref is not None else "None"
        for name in names:
            self.emit(f"DECLARE({name.lower()!r}, {declared})")
