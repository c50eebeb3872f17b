"""A loaded 4D project: its methods, its classes (``cs``) and the ``4D`` store.

A project is a folder holding ``Methods/`` and ``Classes/`` (directly, or as
a 4D project's ``Project/Sources/{Methods,Classes}``). Files are parsed and
compiled on first use, or their compiled code is loaded from fourd's cache
(``compiler.units``); a class's name is its file's name. The parser and the
code generator are imported only when something must be compiled.
"""
from __future__ import annotations

import inspect
import os
import sys
import threading
import traceback
from pathlib import Path

from fourd.compiler import units
from fourd.syntax.errors import FourDSyntaxError

from . import builtins
from .builtins import FOURD_STORE
from .classes import Class4D, NativeObject
from .errors import Codes, FourDError, fail
from .process import current_process, global_state
from .values import UNDEFINED, Obj

RECURSION_LIMIT = 10000

#: Python code filename of each compiled unit -> its LineMap (for error locations).
UNITS: dict[str, object] = {}
_unit_counter = 0
_unit_lock = threading.Lock()


def locate(exc: BaseException):
    """(name, path, 4D line) of the innermost 4D code in *exc*'s traceback."""
    where = None
    tb = exc.__traceback__
    while tb is not None:
        linemap = UNITS.get(tb.tb_frame.f_code.co_filename)
        if linemap is not None:
            here = linemap.where(tb.tb_frame.f_code.co_name, tb.tb_lineno)
            if here[2]:             # 0 in a prologue: keep the caller's line
                where = here
        tb = tb.tb_next
    return where


def running_location():
    """(name, path, 4D line, formula text) of the innermost 4D code running
    on this thread, or None."""
    frame = sys._getframe(1)
    while frame is not None:
        linemap = UNITS.get(frame.f_code.co_filename)
        if linemap is not None:
            name, path, line = linemap.where(frame.f_code.co_name, frame.f_lineno)
            if line:
                return name, path, line, linemap.source_line(line)
        frame = frame.f_back
    return None


def locate_error(process, error: FourDError) -> None:
    """Before an ON ERR CALL handler runs: the ``Error method``, ``Error line``
    and ``Error formula`` system variables (error-handling.md)."""
    where = running_location()
    if error.where is None and where is not None:
        error.where = where[:3]
    name, _, line, formula = where or ("", "", 0, "")
    process.vars.update({"error method": name, "error line": line, "error formula": formula})


def with_location(exc: BaseException) -> FourDError:
    """*exc* as a FourDError whose ``where`` names the 4D line that raised it."""
    from fourd.compiler.support import as_4d_error
    error = as_4d_error(exc)
    if error.where is None:
        error.where = locate(exc)
    if error is not exc and error.code == Codes.INTERNAL:
        error.python_traceback = "".join(traceback.format_exception(exc))
    return error


class ClassStore(NativeObject):
    """``cs``: the project's user classes, by name."""

    FOURD_CLASS = "ClassStore"

    def __init__(self, project: "Project"):
        self.project = project

    def fourd_member(self, name: str):
        cls = self.project.get_class(name)
        return cls if cls is not None else UNDEFINED


def _find_builtin_class(name: str) -> None:
    from fourd.commands.index import class_modules
    module = class_modules().get(name)
    if module is not None:
        import importlib
        importlib.import_module(module)


builtins.set_finder(_find_builtin_class)


class Project:
    """The methods and classes of one 4D project folder."""

    def __init__(self, methods_dir: Path | None, classes_dir: Path | None, root: Path | None = None,
                 database_dir: Path | None = None):
        self.methods_dir = methods_dir
        self.classes_dir = classes_dir
        self.database_dir = database_dir          # DatabaseMethods/ (onStartup…)
        self.root = root
        self.methods: dict[str, object] = {}        # lower-case name -> compiled function
        self.classes: dict[str, Class4D] = {}
        self.cs = ClassStore(self)
        self._method_files = _index_files(methods_dir)
        self._signatures: dict = {}                 # lower-case name -> Signature or None
        self._digests: dict = {}                    # lower-case name -> source digest or None
        self._parsed: dict[str, object] = {}        # path -> parsed module, until compiled
        self._class_files = _index_files(classes_dir)
        self._lock = threading.RLock()

    # --------------------------------------------------------- discovery
    @classmethod
    def for_path(cls, path: Path) -> "Project":
        """The project a file or folder belongs to (nearest Classes/ Methods/)."""
        path = path.resolve()
        start = path if path.is_dir() else path.parent
        for folder in [start, *start.parents]:
            for sources in (folder / "Project" / "Sources", folder / "Sources", folder):
                folders = [sources / name for name in ("Methods", "Classes", "DatabaseMethods")]
                if any(f.is_dir() for f in folders):
                    return cls(*(f if f.is_dir() else None for f in folders[:2]), folder,
                               database_dir=folders[2] if folders[2].is_dir() else None)
        return cls(None, None, start)

    def activate(self):
        # 4D code recurses deeper than Python's default limit allows; past
        # this one, a 4D "stack overflow" error (-10700) is raised. Measured
        # safe on 8 MB thread stacks even through formulas (40000 is not).
        sys.setrecursionlimit(max(sys.getrecursionlimit(), RECURSION_LIMIT))
        global_state.call_method = self.call_method
        global_state.locate_error = locate_error
        global_state.project = self
        return self

    # ----------------------------------------------------------- methods
    def has_method(self, name: str) -> bool:
        return name.lower() in self.methods or name.lower() in self._method_files

    def method(self, name: str):
        key = name.lower()
        func = self.methods.get(key)
        if func is None:
            path = self._method_files.get(key)
            if path is None:
                return None
            with self._lock:
                func = self.methods.get(key)
                if func is None:
                    func = self.compile_method_file(path)
                    self.methods[key] = func
        return func

    def database_method(self, name: str):
        """The database method *name* (``onStartup``…), compiled, or None."""
        path = _index_files(self.database_dir).get(name.lower())
        return None if path is None else self.compile_method_file(path)

    def compile_method_file(self, path: Path):
        return self.compile_method(_read(path), str(path), path.stem)

    def method_digest(self, name: str):
        """The digest of method *name*'s source (None if there is no such
        method): cached units that rely on its #DECLARE record it."""
        key = name.lower()
        if key not in self._digests:
            path = self._method_files.get(key)
            self._digests[key] = None if path is None else units.source_digest(_read(path))
        return self._digests[key]

    def unit(self, kind: str, source: str, path: str, name: str, compile_unit):
        """The compiled unit of *source* (a method or class file): cached, or
        ``compile_unit()`` (then cached)."""
        unit = units.cached(kind, name, source, path, self.method_digest)
        if unit is None:
            unit = compile_unit()
            units.store(kind, name, source, unit, self.method_digest)
        return unit

    def method_signature(self, name: str):
        """The Signature declared by method *name* (``#DECLARE``), or None."""
        key = name.lower()
        if key not in self._signatures:
            from fourd.compiler.codegen import Signature
            from fourd.syntax import ast
            from fourd.syntax.parser import parse
            path = self._method_files.get(key)
            declare = None
            if path is not None:
                try:
                    module = self._parsed[str(path)] = parse(_read(path), str(path))
                    declare = next((s for s in module.body if isinstance(s, ast.Declare)), None)
                except FourDSyntaxError:
                    pass        # reported when the method is compiled
            self._signatures[key] = Signature.of(declare) if declare is not None else None
        return self._signatures[key]

    def compile_method(self, source: str, path: str, name: str):
        """Compile one method's source; returns ``func(this, *args)``."""
        unit = self.unit("method", source, path, name, lambda: self._compile_method(source, path, name))
        return self.load_unit(unit)["__method"]

    def _compile_method(self, source: str, path: str, name: str):
        from fourd.compiler.codegen import Scope, UnitCompiler, syntax_errors
        from fourd.syntax import ast
        from fourd.syntax.parser import parse
        module = self._parsed.pop(path, None) or parse(source, path)
        if module.members:
            member = module.members[0]
            raise FourDSyntaxError("a method cannot declare class functions (only a class can)",
                                   path, member.line, member.column, source)
        unit = UnitCompiler(path, source, name, signatures=self.method_signature)
        declare = next((s for s in module.body if isinstance(s, ast.Declare)), None)
        with syntax_errors(path, source):
            unit.function("__method", Scope(name, "method"), [], None, module.body, 1, declare)
            return unit.finish()

    def compile_formula(self, source: str):
        """``Formula from string``: one expression or assignment as a formula."""
        from fourd.compiler.codegen import Scope, UnitCompiler
        from fourd.syntax import ast
        from fourd.syntax.parser import parse
        from .formula import Formula
        module = parse(source, "<formula>")
        if len(module.body) != 1 or module.members:
            return fail(Codes.TYPE_MISMATCH, "A formula must be one expression")
        from fourd.compiler.codegen import walk
        if any(isinstance(node, ast.Local) and not node.name.isdigit() for node in walk(module.body)):
            # Local variables cannot be reached by name (formula-from-string.md).
            return fail(Codes.LOCAL_IN_FORMULA_STRING, "A formula from a string cannot use local variables")
        stmt = module.body[0]
        body = [ast.Return(stmt.line, stmt.column, stmt.expr)] if isinstance(stmt, ast.ExprStmt) else [stmt]
        unit = UnitCompiler("<formula>", source, "Formula", signatures=self.method_signature)
        unit.function("__formula", Scope("Formula", "formula"), [], None, body, 1)
        return Formula(self.load_unit(unit)["__formula"], source)

    def call_method(self, name: str, *args):
        return self.call_method_on(None, name, *args)

    def call_method_on(self, this, name: str, *args):
        """Call the project method *name* with ``This`` bound to *this* (a
        method run as a formula of an object, This.md)."""
        func = self.method(name)
        if func is None:
            return fail(Codes.UNKNOWN_METHOD, f"The method '{name}' does not exist")
        return func(this, *args)

    def name_value(self, name: str):
        """A bare name in an expression: a method call or a process variable."""
        if self.has_method(name):
            return self.call_method(name)
        return current_process().vars.get(name.lower(), UNDEFINED)

    # ----------------------------------------------------------- classes
    def get_class(self, name: str) -> Class4D | None:
        cls = self.classes.get(name)
        if cls is not None:
            return cls
        path = self._class_files.get(name.lower())
        if path is None or path.stem != name:       # class names are case sensitive
            return None
        with self._lock:
            cls = self.classes.get(name)
            if cls is None:
                cls = self.compile_class_file(path)
        return cls

    def compile_class_file(self, path: Path) -> Class4D:
        return self.compile_class(_read(path), str(path), path.stem)

    def compile_class(self, source: str, path: str, name: str) -> Class4D:
        from fourd.compiler.classes import compile_class
        return compile_class(self, source, path, name)

    # ------------------------------------------------------------- units
    def load_unit(self, unit, **names) -> dict:
        """Run a compiled unit (a CompiledUnit, or a UnitCompiler to finish)
        in a namespace of its own, with *names* added; return that namespace."""
        global _unit_counter
        from fourd.compiler.support import base_namespace
        if not isinstance(unit, units.CompiledUnit):
            unit = unit.finish()
        with _unit_lock:
            _unit_counter += 1
            filename = f"<4d:{_unit_counter}:{unit.linemap.path}>"
        UNITS[filename] = unit.linemap
        namespace = base_namespace()
        namespace.update(unit.namespace)
        namespace.update(names)
        namespace.update(CS_STORE=self.cs, FOURD_STORE=FOURD_STORE, call_method=self.call_method,
                         call_method_on=self.call_method_on, name_value=self.name_value)
        for slot, method in unit.method_slots.items():
            namespace[slot] = self._method_resolver(namespace, slot, method)
        exec(_renamed(unit.code, filename), namespace)
        return namespace

    def _method_resolver(self, namespace: dict, slot: str, name: str):
        """What a unit calls project method *name* through: on first call it
        compiles the method and puts it in the slot, so that later calls are
        direct Python calls."""
        def resolve(this, *args):
            func = self.method(name)
            if func is None:
                return fail(Codes.UNKNOWN_METHOD, f"The method '{name}' does not exist")
            namespace[slot] = func
            return func(this, *args)
        return resolve


def _renamed(code, filename: str):
    """*code* (and the functions it defines) with *filename* as file name:
    each loaded unit has its own, which locate() maps to its LineMap."""
    constants = tuple(_renamed(c, filename) if isinstance(c, type(code)) else c for c in code.co_consts)
    return code.replace(co_filename=filename, co_consts=constants)


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8-sig", errors="replace")


def _index_files(folder: Path | None) -> dict[str, Path]:
    if folder is None:
        return {}
    files = {}
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        if entry.is_file() and entry.name.lower().endswith(".4dm"):
            files[entry.name[:-4].lower()] = Path(entry.path)
        elif entry.is_dir():
            for sub, path in _index_files(Path(entry.path)).items():
                files.setdefault(sub, path)
    return files


# ------------------------------------------------------ instances of classes

def instantiate(cls: Class4D, args):
    """``cls.new(args)``"""
    if cls.native is not None:
        try:
            inspect.signature(cls.native).bind(*args)
        except TypeError:
            return fail(Codes.TYPE_MISMATCH, f"4D.{cls.name}.new(): wrong number of parameters")
        return cls.native(*args)
    if cls.is_singleton:
        return singleton_of(cls)
    return _new_instance(cls, args)


def _new_instance(cls: Class4D, args) -> Obj:
    obj = Obj()
    obj.cls = cls
    _initialise(cls, obj)
    if not cls.is_shared:
        run_constructor(cls, obj, args)
        return obj
    from .shared import make_shared, use
    # Declared property values become shared values (classes.md, property);
    # the constructor writes This without Use...End use.
    obj = make_shared(obj)
    with use(obj):
        run_constructor(cls, obj, args)
    return obj


def _initialise(cls: Class4D, obj: Obj) -> None:
    """Declared property values, root class first (classes.md, property)."""
    if cls.superclass is not None:
        _initialise(cls.superclass, obj)
    if cls.initialiser is not None:
        cls.initialiser(obj)


def run_constructor(cls: Class4D, this, args):
    """The constructor of *cls*, or (without one) the inherited one."""
    if cls.constructor is not None:
        cls.constructor(this, *args)
    elif cls.superclass is not None and cls.superclass.native is None:
        run_constructor(cls.superclass, this, args)
    return this


_singletons_lock = threading.Lock()


def singleton_of(cls: Class4D):
    """The instance of a singleton class: one per process, or one for all
    processes when the class is shared (classes.md)."""
    if cls.is_shared:
        with _singletons_lock:
            if cls.singleton_instance is None:
                cls.singleton_instance = _new_instance(cls, ())
            return cls.singleton_instance
    singletons = current_process().singletons
    obj = singletons.get(id(cls))
    if obj is None:
        obj = singletons[id(cls)] = _new_instance(cls, ())
    return obj
