"""The project as ``fourd check`` sees it: every file parsed once, and the
names 4D code can call or read, indexed without running anything.

A checked file belongs to the project whose sources folder (a folder with
``Methods/`` or ``Classes/``, such as ``Project/Sources``) is one of its
ancestors: the other methods and classes of that folder are indexed too,
so calls and ``cs.X`` resolve, but only the files asked for are reported
on. A ``.4dm`` file outside such folders is a method named after its file,
as ``fourd run`` treats it.
"""
from __future__ import annotations

import copyreg
import functools
import pickle
import re
from dataclasses import dataclass, field
from pathlib import Path

from fourd import cache
from fourd.syntax import ast
from fourd.syntax.errors import FourDSyntaxError
from fourd.syntax.parser import parse

from .diagnostics import ERROR, Diagnostic

SOURCE_FOLDERS = ("Methods", "Classes")
#: Commands whose argument is code with parameters of its own.
FORMULA_COMMANDS = ("formula", "new formula")
_CACHE_KIND = "check-ast"
#: Nodes that may give a variable a value or declare it.
_GIVES_VALUES = frozenset((ast.Assign, ast.AssignExpr, ast.For, ast.ForEach, ast.PointerTo, ast.VarDecl, ast.Call))
#: 4D names form objects' variables in ``"dataSource"`` (form variables, read by 4D code).
_DATA_SOURCE = re.compile(r'"dataSource"\s*:\s*"([^"]*)"')
_WORD = re.compile(r"[^\W\d][\w ]*")


@dataclass
class SourceFile:
    path: Path
    source: str
    module: ast.Module
    is_class: bool
    # Outside its project's sources folder (``Project/Tests``…): 4D does not
    # load it; whatever runs it supplies names (components) the project lacks.
    outside_sources: bool = False
    key: Path | None = None           # the resolved path (paths as spelled may differ)

    @property
    def name(self) -> str:
        return self.path.stem

    @functools.cached_property
    def nodes(self) -> list:
        """Every node of the file (its statements, then its class members), parents first."""
        return list(iter_nodes(self.module.body + self.module.members))


@dataclass
class ClassInfo:
    name: str
    file: SourceFile
    superclass: ast.TypeRef | None = None
    functions: dict[str, ast.Function] = field(default_factory=dict)   # lower name -> node
    properties: set[str] = field(default_factory=set)                  # lower names
    dynamic: bool = False             # members are added by computed names


@dataclass
class Unit:
    """A body of code checked on its own: a method, or a class's function."""

    file: SourceFile
    name: str                       # as 4D names it in errors: method name, Class.function
    body: list
    params: list | None             # declared parameters (ast.Param), None when undeclared
    result: ast.Result | None
    class_info: ClassInfo | None = None
    function: ast.Function | None = None

    @functools.cached_property
    def nodes(self) -> list:
        """Every node of the body, parents first (walked once, read by every family)."""
        if self.body is self.file.module.body and not self.file.module.members:
            return self.file.nodes
        return list(iter_nodes(self.body))


def _class_file(path: Path, module: ast.Module) -> bool:
    return path.parent.name == "Classes" or bool(module.members) or any(
        isinstance(node, ast.ClassExtends) for node in module.body)


class ProjectIndex:
    """Files, methods, classes and variable names of the projects checked."""

    def __init__(self):
        self.files: dict[Path, SourceFile] = {}
        self.checked: list[Path] = []
        self.checked_keys: list[Path] = []                # the same, resolved
        self.syntax_errors: list[Diagnostic] = []
        self.methods: dict[str, SourceFile] = {}          # lower name -> file
        self.classes: dict[str, ClassInfo] = {}           # name -> info (4D: case-sensitive)
        self.variables: set[str] = set()                  # process/interprocess/form, lower
        self.has_components = False                       # cs.X may name a component's namespace
        self.unreadable: set[str] = set()                 # names of methods and classes that do not parse
        self._seen: set[Path] = set()
        self._numbered: dict[int, bool] = {}

    # ------------------------------------------------------------ building
    @classmethod
    def for_paths(cls, paths) -> "ProjectIndex":
        index = cls()
        roots: set[Path] = set()
        outside: set[Path] = set()
        for raw in paths:
            path = Path(raw)
            resolved = path.resolve()
            files = sorted(p for p in path.rglob("*") if p.suffix.lower() == ".4dm" and p.is_file()) \
                if path.is_dir() else [path]
            for file in files:
                key = resolved / file.relative_to(path) if file != path else resolved
                index.checked.append(file)
                index.checked_keys.append(key)
                root = _sources_root(key.parent)
                if root is not None:
                    roots.add(root)
                    if root != key.parent and root not in key.parent.parents:
                        outside.add(key)
        for file, key in zip(index.checked, index.checked_keys):   # first: reported as the user spelled them
            index._add(file, key, report=True)
        for key in outside:
            if key in index.files:
                index.files[key].outside_sources = True
        for root in sorted(roots):
            for folder in SOURCE_FOLDERS:
                for file in sorted((root / folder).rglob("*.4dm")):
                    index._add(file, file)                 # the root is resolved: so are its files
            index._scan_forms(root)
            index.has_components = index.has_components or _uses_components(root)
        for source_file in index.files.values():
            index._collect_variables(source_file.nodes)
        return index

    def _add(self, path: Path, key: Path, report: bool = False) -> None:
        if key in self._seen:
            return
        self._seen.add(key)
        try:
            source = path.read_bytes().decode("utf-8-sig", errors="replace")
            module = _parse_cached(source, str(path))
        except (FourDSyntaxError, OSError) as err:
            self.unreadable.add(path.stem.lower())      # its name is known, its contents not
            if report and isinstance(err, OSError):
                self.syntax_errors.append(Diagnostic(str(path), 1, 1, ERROR, f"cannot read: {err.strerror}", "read"))
            elif report:
                detail = err.format().partition("\n")[2]
                self.syntax_errors.append(Diagnostic(str(path), err.line, err.column, ERROR, err.message,
                                                     "syntax", detail))
            return
        source_file = SourceFile(path, source, module, _class_file(path, module), key=key)
        self.files[key] = source_file
        if source_file.is_class:
            self.classes.setdefault(source_file.name, _class_info(source_file))
        elif _callable_method(path):
            self.methods.setdefault(source_file.name.lower(), source_file)

    def _scan_forms(self, root: Path) -> None:
        forms = root / "Forms"
        if not forms.is_dir():
            return
        for form in forms.rglob("*.4DForm"):
            try:
                text = form.read_text(encoding="utf-8-sig", errors="replace")
            except OSError:
                continue
            for source in _DATA_SOURCE.findall(text):
                self.variables.update(word.strip().lower() for word in _WORD.findall(source))

    def _collect_variables(self, nodes: list) -> None:
        """Names given a value or a declaration anywhere: process, interprocess
        variables and arrays (``myVar:=``, ``var myVar``, ``C_TEXT(myVar)``,
        ``ARRAY TEXT(myArray; 0)``, ``->myVar``, loop variables)."""
        for node in nodes:
            kind = type(node)
            if kind not in _GIVES_VALUES:
                continue
            target = None
            if kind is not ast.VarDecl and kind is not ast.Call:
                target = node.target
            elif kind is ast.VarDecl:
                self.variables.update(name.lower() for name, scope in zip(node.names, node.scopes or [])
                                      if scope != "local")
            elif isinstance(node, ast.Call) and isinstance(node.callee, ast.Name):
                # Declarations and commands that fill variables given to them.
                self.variables.update(arg.name.lower() for arg in node.args if isinstance(arg, ast.Name))
            while isinstance(target, (ast.ArrayElement, ast.Index, ast.CharRef)):
                target = target.target
            if isinstance(target, ast.Name):
                self.variables.add(target.name.lower())

    # ------------------------------------------------------------- queries
    @functools.cached_property
    def method_names(self) -> tuple[str, ...]:
        """The project methods' names as written (for suggestions)."""
        return tuple(source_file.path.stem for source_file in self.methods.values())

    def units(self):
        """The methods and class functions of the checked files."""
        for key in self.checked_keys:
            source_file = self.files.get(key)
            if source_file is None:
                continue
            if source_file.is_class:
                info = self.classes.get(source_file.name)
                if info is None or info.file is not source_file:
                    info = _class_info(source_file)
                for member in source_file.module.members:
                    name = f"{info.name}.{member.name}" if member.kind != "constructor" else f"{info.name}.constructor"
                    yield Unit(source_file, name, member.body, member.params, member.result, info, member)
            else:
                declare = _declare_of(source_file.module)
                yield Unit(source_file, source_file.name, source_file.module.body,
                           declare.params if declare is not None else None,
                           declare.result if declare is not None else None)

    def method_declare(self, name: str) -> ast.Declare | None:
        source_file = self.methods.get(name.lower())
        if source_file is None:
            return None
        return _declare_of(source_file.module)

    def numbered_parameters(self, body: list) -> bool:
        """Whether code reads ``$1``, ``${n}``…: its parameters are not all
        declared. ``$1`` inside ``Formula(…)`` is the formula's own."""
        key = id(body)
        found = self._numbered.get(key)
        if found is None:
            found = self._numbered[key] = _reads_numbered(body)
        return found

    def class_chain(self, name: str):
        """The ClassInfo of *name* and its project superclasses, then None if
        the chain leaves the project (a 4D class, a component's): callers stop there."""
        seen = set()
        info = self.classes.get(name)
        while info is not None and info.name not in seen:
            seen.add(info.name)
            yield info
            parts = info.superclass.parts if info.superclass is not None else None
            if parts is None:
                return
            info = self.classes.get(superclass_name(parts))
            if info is None:          # 4D.Something, a component's class, one that does not parse
                yield None
                return


def _reads_numbered(body: list) -> bool:
    stack = list(body)
    while stack:
        node = stack.pop()
        kind = type(node)
        if kind is ast.ParamIndirect or (kind is ast.Local and node.name.isdigit()):
            return True
        if kind is ast.Call and type(node.callee) is ast.Name and node.callee.name.lower() in FORMULA_COMMANDS:
            continue
        stack.extend(children(node))
    return False


def _declare_of(module: ast.Module) -> ast.Declare | None:
    """A method's ``#DECLARE`` (4D allows it only at the top of the method)."""
    for node in module.body:
        if isinstance(node, ast.Declare):
            return node
        if not isinstance(node, (ast.VarDecl, ast.ExprStmt)):
            return None
    return None


def _rebuilt_by_constructor(kind: type):
    """Pickle an AST node as its constructor call: loading calls ``kind(*fields)``,
    a third faster and half the size of pickle's default for slotted dataclasses."""
    names = tuple(kind.__dataclass_fields__)

    def reduce(node):
        return kind, tuple([getattr(node, name) for name in names])
    return reduce


for _kind in vars(ast).values():
    if isinstance(_kind, type) and issubclass(_kind, ast.Node) and hasattr(_kind, "__dataclass_fields__"):
        copyreg.pickle(_kind, _rebuilt_by_constructor(_kind))


def _parse_cached(source: str, path: str) -> ast.Module:
    """The AST of *source*, from fourd's cache when this source was parsed
    before (a pre-commit hook checks mostly unchanged files)."""
    entry = cache.key("check: AST", source)
    data = cache.read(_CACHE_KIND, entry)
    if data is not None:
        try:
            return pickle.loads(data)
        except Exception:                 # a damaged entry: parsed again
            pass
    module = parse(source, path)
    try:
        cache.write(_CACHE_KIND, entry, pickle.dumps(module, protocol=pickle.HIGHEST_PROTOCOL))
    except RecursionError:                # nested too deeply to pickle: not cached
        pass
    return module


def superclass_name(parts: list) -> str | None:
    """The project class a ``Class extends`` names (``X`` or ``cs.X``), or None for ``4D.X``."""
    if len(parts) == 1 or (len(parts) == 2 and parts[0] == "cs"):
        return parts[-1]
    return None


def _class_info(source_file: SourceFile) -> ClassInfo:
    info = ClassInfo(source_file.name, source_file)
    for node in source_file.module.body:
        if isinstance(node, ast.ClassExtends):
            info.superclass = node.superclass
        elif isinstance(node, ast.PropertyDecl):
            info.properties.update(name.lower() for name in node.names)
    for member in source_file.module.members:
        if member.kind in ("function", "constructor"):
            info.functions[member.name.lower()] = member
        else:                          # get/set/query/orderby: a computed property
            info.properties.add(member.name.lower())
        for node in iter_nodes(member.body):
            target = getattr(node, "target", None) if isinstance(node, (ast.Assign, ast.AssignExpr)) else None
            if isinstance(target, ast.Member) and _is_this(target.target):
                info.properties.add(target.name.lower())
            elif isinstance(target, ast.Index) and _is_this(target.target):
                info.dynamic = True           # This[$name]:=…: any member may exist
    return info


def _is_this(node) -> bool:
    return isinstance(node, ast.Name) and node.name.lower() == "this"


def _callable_method(path: Path) -> bool:
    """Project methods are called by name; database, form and object methods are not."""
    parents = {part for part in path.parts[:-1]}
    return "Methods" in parents or not parents & {"DatabaseMethods", "Forms", "Triggers"}


@functools.cache
def _sources_root(folder: Path) -> Path | None:
    """The nearest folder from *folder* up with Methods/ or Classes/, also as
    ``Sources/`` or ``Project/Sources/`` of an ancestor (a project's
    ``Project/Tests`` files call its methods)."""
    for folder in (folder, *folder.parents):
        for candidate in (folder, folder / "Sources", folder / "Project" / "Sources"):
            if any((candidate / name).is_dir() for name in SOURCE_FOLDERS):
                return candidate
    return None


def _uses_components(sources: Path) -> bool:
    project = sources.parent.parent if sources.name == "Sources" else sources
    return (sources / "dependencies.json").is_file() or (project / "Components").is_dir()


# ------------------------------------------------------------- tree walking
_CHILDREN: dict[type, object] = {}


def _children_function(kind: type):
    """A function listing the child nodes of a *kind* node, written from its
    fields' annotations once (walking is most of what the checks do)."""
    parts = []
    for name, spec in kind.__dataclass_fields__.items():
        annotation = str(spec.type)
        if name in ("line", "column") or annotation in ("str", "int", "bool", "object", "Optional[tuple]"):
            continue
        if kind is ast.ObjectLiteral:
            parts.append("[value for _, value in node.entries]")
        elif kind is ast.Case and name == "branches":
            parts.append("[part for condition, body in node.branches for part in (condition, *body)]")
        elif annotation == "list":
            parts.append(f"[item for item in node.{name} if isinstance(item, Node)]")
        else:
            parts.append(f"([node.{name}] if isinstance(node.{name}, Node) else [])")
    body = " + ".join(parts) if parts else "[]"
    namespace = {"Node": ast.Node}
    exec(f"def children(node):\n    return {body}\n", namespace)
    return namespace["children"]


def children(node) -> list:
    """The nodes directly inside *node* (expressions, statements, bodies), in source order."""
    kind = type(node)
    function = _CHILDREN.get(kind)
    if function is None:
        function = _CHILDREN[kind] = _children_function(kind)
    return function(node)


def iter_nodes(root):
    """Every node under *root* (a node or a list of nodes), parents first."""
    stack = list(reversed(root)) if isinstance(root, list) else [root]
    pop, extend = stack.pop, stack.extend
    while stack:
        node = pop()
        yield node
        inner = children(node)
        if inner:
            inner.reverse()
            extend(inner)


def start(node) -> tuple[int, int]:
    """Where an expression begins in the source: ``$a.b.c()`` at ``$a`` (the
    parser places member accesses and calls at their ``.`` or ``(``)."""
    while True:
        inner = getattr(node, "callee", None) or getattr(node, "target", None)
        if not isinstance(inner, ast.Node) or isinstance(node, (ast.Assign, ast.AssignExpr)):
            return node.line, node.column
        node = inner
