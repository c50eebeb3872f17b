"""A loaded 4D project: its methods, its classes (``cs``), compiled on first use.

A project is a folder holding ``Methods/`` and ``Classes/`` (directly, or as
a 4D project's ``Project/Sources/{Methods,Classes}``). Files are parsed and
compiled on first use, or their compiled code is loaded from the code cache
(``loader.code_cache``); a class's name is its file's name. The parser and
the code generator are imported only when something must be compiled.

A :class:`Project` is also what the runtime calls back (``runtime.host``):
:meth:`Project.activate` installs it before 4D code runs.
"""
from __future__ import annotations

import importlib
import os
import sys
import threading
from pathlib import Path

from fourd.commands.index import class_modules
from fourd.compiler.units import CompiledUnit
from fourd.runtime import host, locations
from fourd.runtime.builtins import FOURD_STORE
from fourd.runtime.classes import Class4D, NativeObject
from fourd.runtime.errors import Codes, FourDError, fail
from fourd.runtime.formula import Formula
from fourd.runtime.process import current_process
from fourd.runtime.values import UNDEFINED
from fourd.syntax.errors import FourDSyntaxError

from . import code_cache
from .classes import load_class

RECURSION_LIMIT = 10000

_unit_counter = 0
_unit_lock = threading.Lock()


class ClassStore(NativeObject):
    """``cs``: the project's user classes, by name."""

    FOURD_CLASS = "ClassStore"

    def __init__(self, project: "Project"):
        self.project = project

    def fourd_member(self, name: str):
        cls = self.project.get_class(name)
        if cls is not None:
            return cls
        namespace = self.project.component_namespace(name)
        return namespace if namespace is not None else UNDEFINED


class Project:
    """The methods and classes of one 4D project folder."""

    def __init__(self, methods_dir: Path | None, classes_dir: Path | None, root: Path | None = None,
                 database_dir: Path | None = None):
        self.methods_dir = methods_dir
        self.classes_dir = classes_dir
        self.database_dir = database_dir          # DatabaseMethods/ (onStartup…)
        self.root = root                          # the project's folder (runtime.host.Host.root)
        self.methods: dict[str, object] = {}        # lower-case name -> compiled function
        self.classes: dict[str, Class4D] = {}
        self.cs = ClassStore(self)
        self._method_files = _index_files(methods_dir)
        self._signatures: dict = {}                 # lower-case name -> Signature or None
        self._digests: dict = {}                    # lower-case name -> source digest or None
        self._parsed: dict[str, object] = {}        # path -> parsed module, until compiled
        self._class_files = _index_files(classes_dir)
        self._lock = threading.RLock()
        self._components: list | None = None       # loaded on first use (loader.components)
        # Set on a component (become_component): the project using it, its
        # name, its class-store namespace, its methods shared with the host.
        self.host: "Project | None" = None
        self.component_name = ""
        self.namespace: str | None = None
        self.shared_methods: frozenset[str] = frozenset()
        self.interprocess: dict | None = None        # a component's own interprocess variables

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
        """Make this the project the runtime calls (``runtime.host``)."""
        # 4D code recurses deeper than Python's default limit allows; past
        # this one, a 4D "stack overflow" error (-10700) is raised. Measured
        # safe on 8 MB thread stacks even through formulas (40000 is not).
        sys.setrecursionlimit(max(sys.getrecursionlimit(), RECURSION_LIMIT))
        host.install(self)
        return self

    @staticmethod
    def find_builtin_class(name: str) -> None:
        """Import the module registering ``4D.<name>`` (``commands.index``)."""
        module = class_modules().get(name)
        if module is not None:
            importlib.import_module(module)

    # -------------------------------------------------------- components
    @property
    def components(self) -> list:
        """The components this project loads (``loader.components``); a
        component sees the other components of its host."""
        if self.host is not None:
            return [c for c in self.host.components if c is not self]
        if self._components is None:
            from .components import discover
            self._components = discover(self)
        return self._components

    def become_component(self, host: "Project", name: str, namespace: str | None,
                         shared_methods: frozenset[str]) -> None:
        self.host, self.component_name, self.namespace = host, name, namespace
        self.shared_methods = shared_methods
        self.interprocess = {}

    def component_namespace(self, name: str):
        """``cs.<name>`` when a component declares the namespace *name*, or None."""
        from .components import ComponentNamespace
        for component in self.components:
            if component.namespace == name:
                return ComponentNamespace(component)
        return None

    def _shared_component_method(self, key: str):
        """The method *key* a component shares (develop-components.md), or None."""
        for component in self.components:
            if key in component.shared_methods:
                return component.method(key)
        return None

    def method_files(self) -> dict[str, Path]:
        """Lower-case method name -> its file."""
        return dict(self._method_files)

    # ----------------------------------------------------------- methods
    def has_method(self, name: str) -> bool:
        key = name.lower()
        return key in self.methods or key in self._method_files or \
            any(key in c.shared_methods for c in self.components)

    def method(self, name: str):
        key = name.lower()
        func = self.methods.get(key)
        if func is None:
            path = self._method_files.get(key)
            if path is None:
                return self._shared_component_method(key)
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
            self._digests[key] = None if path is None else code_cache.source_digest(_read(path))
        return self._digests[key]

    def unit(self, kind: str, source: str, path: str, name: str, compile_unit) -> CompiledUnit:
        """The compiled unit of *source* (a method or class file): cached, or
        ``compile_unit()`` (then cached)."""
        unit = code_cache.cached(kind, name, source, path, self.method_digest)
        if unit is None:
            unit = compile_unit()
            code_cache.store(kind, name, source, unit, self.method_digest)
        return unit

    def method_signature(self, name: str):
        """The Signature declared by method *name* (``#DECLARE``), or None."""
        key = name.lower()
        if key not in self._signatures:
            from fourd.compiler.methods import declared_signature
            from fourd.syntax.parser import parse
            path = self._method_files.get(key)
            signature = None
            if path is not None:
                try:
                    module = self._parsed[str(path)] = parse(_read(path), str(path))
                    signature = declared_signature(module)
                except FourDSyntaxError:
                    pass        # reported when the method is compiled
            self._signatures[key] = signature
        return self._signatures[key]

    def compile_method(self, source: str, path: str, name: str):
        """Compile one method's source; returns ``func(this, *args)``."""
        unit = self.unit("method", source, path, name, lambda: self._compile_method(source, path, name))
        return self.load_unit(unit)["__method"]

    def _compile_method(self, source: str, path: str, name: str) -> CompiledUnit:
        from fourd.compiler.methods import compile_method_unit
        return compile_method_unit(source, path, name, self.method_signature, self._parsed.pop(path, None))

    def compile_formula(self, source: str):
        """``Formula from string``: one expression or assignment as a formula."""
        from fourd.compiler.methods import compile_formula_unit
        try:
            unit = compile_formula_unit(source, self.method_signature)
        except FourDError as error:
            return fail(error.code, error.message)
        return Formula(self.load_unit(unit)["__formula"], source)

    def unknown_method(self, name: str):
        """Error -10719 for a call of *name*, as written, with the closest method's name."""
        import difflib
        spelled = {path.stem.lower(): path.stem for path in self._method_files.values()}
        close = difflib.get_close_matches(name.lower(), list(spelled), n=1, cutoff=0.75)
        hint = f"; did you mean '{spelled[close[0]]}'?" if close else ""
        return fail(Codes.UNKNOWN_METHOD, f"The method '{name}' does not exist{hint}")

    def call_method(self, name: str, *args):
        return self.call_method_on(None, name, *args)

    def call_method_on(self, this, name: str, *args):
        """Call the project method *name* with ``This`` bound to *this* (a
        method run as a formula of an object, This.md)."""
        func = self.method(name)
        if func is None:
            return self.unknown_method(name)
        return func(this, *args)

    def name_value(self, name: str, this=None):
        """A bare name in an expression: a method call (with the caller's
        ``This``) or a process variable."""
        if self.has_method(name):
            return self.call_method_on(this, name)
        return self.process_vars().get(name.lower(), UNDEFINED)

    def process_vars(self) -> dict:
        """The running process's variables as this project's code sees them."""
        if self.host is None:
            return current_process().vars
        return current_process().component_vars.setdefault(self.component_name, {})

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
        return load_class(self, source, path, name)

    # ------------------------------------------------------------- units
    def load_unit(self, unit, **names) -> dict:
        """Run a compiled unit (a CompiledUnit, or a UnitCompiler to finish)
        in a namespace of its own, with *names* added; return that namespace."""
        global _unit_counter
        from fourd.compiler.namespace import base_namespace
        if not isinstance(unit, CompiledUnit):
            unit = unit.finish()
        with _unit_lock:
            _unit_counter += 1
            filename = f"<4d:{_unit_counter}:{unit.linemap.path}>"
        locations.register(filename, unit.linemap)
        namespace = base_namespace()
        namespace.update(unit.namespace)
        namespace.update(names)
        namespace.update(CS_STORE=self.cs, FOURD_STORE=FOURD_STORE, call_method=self.call_method,
                         call_method_on=self.call_method_on, name_value=self.name_value)
        if self.host is not None:           # a component's variables are its own
            namespace.update(process_vars=self.process_vars, IP=self.interprocess)
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
                return self.unknown_method(name)
            namespace[slot] = func
            return func(this, *args)
        return resolve


def _renamed(code, filename: str):
    """*code* (and the functions it defines) with *filename* as file name:
    each loaded unit has its own, which ``runtime.locations`` maps to its LineMap."""
    constants = tuple(_renamed(c, filename) if isinstance(c, type(code)) else c for c in code.co_consts)
    return code.replace(co_filename=filename, co_consts=constants)


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8-sig", errors="replace")


def _index_files(folder: Path | None, visited: set | None = None) -> dict[str, Path]:
    """The ``.4dm`` files under *folder* by lower-case name, subfolders included.
    A folder already visited (same device and inode: a symbolic-link loop, or two
    links to one folder) is not entered again, and an unreadable one is skipped."""
    if folder is None:
        return {}
    visited = set() if visited is None else visited
    try:
        info = folder.stat()
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return {}
    if (info.st_dev, info.st_ino) in visited:
        return {}
    visited.add((info.st_dev, info.st_ino))
    files = {}
    for entry in entries:
        try:
            if entry.is_file() and entry.name.lower().endswith(".4dm"):
                files[entry.name[:-4].lower()] = Path(entry.path)
            elif entry.is_dir():
                for sub, path in _index_files(Path(entry.path), visited).items():
                    files.setdefault(sub, path)
        except OSError:         # a dangling link or a loop the system itself refuses
            continue
    return files
