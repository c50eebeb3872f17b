"""Compile 4D ASTs to Python source: one Python function per 4D method,
class function or formula.

4D local variables become Python locals (``$count`` → ``l_count``), so a
4D loop runs as a Python loop. Declared types pick fast paths: arithmetic
and comparisons on numbers known to be numbers compile to native Python
operators; everything else calls the 4D semantics in the runtime
(``compiler.namespace`` lists the names generated code calls). Each
generated line remembers the 4D line it came from (:class:`LineMap`), so
errors point at 4D source.

:class:`UnitCompiler` is assembled from one part per construct, each in its
own module: declarations and function prologues (``declarations``),
statements (``statements``), expressions (``expressions``), names and calls
(``calls``), formulas (``formulas``) and inline fast paths (``fast_paths``);
special names such as ``Formula`` or ``Try`` are in ``specials``.
"""
from __future__ import annotations

from fourd.runtime.conversions import coercer
from fourd.runtime.values import Date, Time

from .calls import Calls
from .declarations import Declarations
from .errors import CompileError, Position
from .expressions import Expressions
from .fast_paths import FastPaths
from .formulas import Formulas
from .statements import Statements
from .types import Scope, checked_type_name
from .units import CompiledUnit, LineMap, data_recipe


class UnitCompiler(Declarations, Statements, Expressions, Calls, Formulas, FastPaths):
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
                               Position(line, 1)) from None
        except (RecursionError, MemoryError):
            raise CompileError("this code is too large or nested too deeply for fourd to compile",
                               Position(self.current_line, 1)) from None
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

    def var(self, name: str) -> str:
        return "l_" + "".join(_identifier_char(c) for c in name)


def _identifier_char(char: str) -> str:
    """*char* of a 4D name as it may appear in a Python identifier: spaces
    become ``_``, characters Python refuses (emoji: `$🎩`) their code."""
    if char == " ":
        return "_"
    return char if ("a" + char).isidentifier() else f"_u{ord(char):x}_"
