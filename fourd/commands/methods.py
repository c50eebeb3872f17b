"""Methods as data: running a method or a formula given by name or text, the
call chain, and the project's methods read as the Design commands read them.

Specification: commands-legacy/execute-method.md, execute-formula.md,
commands/get-call-chain.md, commands-legacy/current-method-path.md,
method-get-paths.md, method-get-folders.md, method-get-code.md.

Method paths are 4D's (method-get-paths.md): a project method is its name,
a class ``[class]/Name``, a class function ``[class]/Name/function``, a
database method ``[databaseMethod]/onStartup``. Forms and triggers do not
exist headless.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from fourd.commands.arguments import ANY, REF, TEXT, command_with, incompatible
from fourd.commands.registry import STAR, Ref, command
from fourd.runtime.arrays import Array4D
from fourd.runtime.errors import Codes, fail
from fourd.runtime.formula import invoke
from fourd.runtime.host import current_host
from fourd.runtime.locations import UNITS
from fourd.runtime.values import UNDEFINED, Coll, Obj

# Design Object Access: method types (method-get-paths.md).
PATH_PROJECT_METHOD = 1
PATH_DATABASE_METHOD = 2
PATH_CLASS = 32
PATH_ALL_OBJECTS = -1
CLASS_PREFIX = "[class]/"
#: An object path that names no method. 4D's Design errors are in the -98xx
#: range (method-get-paths.md: -9802 "Object path not unique"); no page gives
#: this one's number: a placeholder to check against a real 4D.
OBJECT_PATH_INVALID = -9801
DATABASE_METHOD_PREFIX = "[databaseMethod]/"


def _project():
    """The loaded project (``fourd.loader.Project``: its methods, classes and database methods folders)."""
    project = current_host()
    if project is None:
        fail(Codes.INTERNAL, "no project is loaded")
    return project


# ------------------------------------------------------------ running code

@command("EXECUTE METHOD", refs=(1,))
def execute_method(name=UNDEFINED, result=UNDEFINED, *params):
    """``EXECUTE METHOD(name{; result | *}{; param…})``: the method's result
    goes into *result* (``*``: no result). An unknown method is error -10719."""
    if type(name) is not str:
        return incompatible("EXECUTE METHOD", "the method name must be a text")
    value = invoke(name, *params)
    if isinstance(result, Ref):
        result.set(value)
    return None


@command_with("EXECUTE FORMULA", TEXT)
def execute_formula(statement: str) -> None:
    """``EXECUTE FORMULA(statement)``: one statement or expression given as
    text, compiled as ``Formula from string`` compiles it (so local variables
    cannot be named in it, formula-from-string.md), then run."""
    project = _project()
    if project is None or not statement.strip():
        return
    formula = project.compile_formula(statement)
    if formula is not UNDEFINED and formula is not None:
        invoke(formula)


# ------------------------------------------------------------ the call chain

def _method_path(name: str, path: str) -> tuple[str, str]:
    """(4D path, call-chain type) of the 4D code named *name* in the file *path*."""
    folder = Path(path).parent.name if path else ""
    if folder == "Classes":
        class_name, _, function = name.partition(".")
        return f"{CLASS_PREFIX}{class_name}/{function or 'constructor'}", "classFunction"
    if folder == "DatabaseMethods":
        return DATABASE_METHOD_PREFIX + name, "databaseMethod"
    if folder == "Methods":
        return name, "projectMethod"
    return name, "executeFormula"


def _chain() -> list[tuple[str, str, str, int]]:
    """(name, 4D path, type, line) of each 4D method running on this thread, innermost first.

    The frames of a formula's own body are left out: the method that
    defined it shows it (their line map names that method)."""
    chain = []
    frame = sys._getframe(2)
    while frame is not None:
        linemap = UNITS.get(frame.f_code.co_filename)
        if linemap is not None and not frame.f_code.co_name.startswith("_formula"):
            name, path, line = linemap.where(frame.f_code.co_name, frame.f_lineno)
            if line:
                chain.append((name, *_method_path(name, path), line))
        frame = frame.f_back
    return chain


def _database_name() -> str:
    project = _project()
    root = Path(getattr(project, "root", None) or ".")
    found = sorted((root / "Project").glob("*.4DProject")) if (root / "Project").is_dir() else []
    return found[0].stem if found else root.name


@command_with("Call chain")
def get_call_chain() -> Coll:
    """One object per running method, innermost first: type ("projectMethod",
    "classFunction", "databaseMethod", "executeFormula"), name, line, database."""
    database = _database_name()
    return Coll(Obj(type=kind, name=name, line=line, database=database)
                for name, _, kind, line in _chain())


@command_with("Current method path")
def current_method_path() -> str:
    chain = _chain()
    return chain[0][1] if chain else ""


# ------------------------------------------------------- the project's methods

def _names(folder: Path | None) -> list[str]:
    return sorted((path.stem for path in folder.glob("*.4dm")), key=str.lower) if folder else []


def _all_paths(method_type: int, project) -> list[str]:
    wanted = lambda kind: method_type == PATH_ALL_OBJECTS or method_type & kind  # noqa: E731
    paths = []
    if wanted(PATH_PROJECT_METHOD):
        paths += _names(project.methods_dir)
    if wanted(PATH_DATABASE_METHOD):
        paths += [DATABASE_METHOD_PREFIX + name for name in _names(project.database_dir)]
    if wanted(PATH_CLASS):
        paths += [CLASS_PREFIX + name for name in _names(project.classes_dir)]
    return paths


def _folders_file(project) -> dict:
    """``Project/Sources/folders.json``: the Explorer's folders ({} if none)."""
    sources = Path(project.methods_dir or project.classes_dir or project.root or ".").parent
    try:
        data = json.loads((sources / "folders.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _in_folder(folders: dict, folder: str) -> set[str] | None:
    """The method paths filed in *folder* and its subfolders; None if there is no such folder."""
    content = folders.get(folder)
    if not isinstance(content, dict):
        return None
    found = set(content.get("methods", []))
    found |= {CLASS_PREFIX + name for name in content.get("classes", [])}
    for group in content.get("groups", []):
        if group != folder:
            found |= _in_folder(folders, group) or set()
    return found


def _fill(name: str, array, values) -> None:
    if type(array) is not Array4D:
        incompatible(name, "a Text array was expected")
        return
    array.resize(0)
    array.items.extend(array.convert(value) for value in values)


@command("METHOD GET PATHS")
def method_get_paths(*args) -> None:
    """``METHOD GET PATHS({folder;} type; arrPaths{; stamp}{; *})``. The
    stamp parameter is left alone: files carry no modification stamp here."""
    name = "METHOD GET PATHS"
    args = [arg for arg in args if arg is not STAR]
    folder = args.pop(0) if args and type(args[0]) is str else None
    if len(args) < 2 or type(args[0]) not in (int, float):
        incompatible(name, "a method type and a Text array were expected")
        return
    project = _project()
    if project is None:
        return
    paths = _all_paths(int(args[0]), project)
    if folder is not None:
        filed = _in_folder(_folders_file(project), folder)
        if filed is None:
            fail(Codes.UNSUPPORTED_COMMAND, f"{name}: no folder named {folder!r}")
            return
        paths = [path for path in paths if path in filed]
    _fill(name, args[1], paths)


@command("METHOD GET FOLDERS")
def method_get_folders(names=UNDEFINED, pattern=UNDEFINED, star=UNDEFINED) -> None:
    """``METHOD GET FOLDERS(arrNames{; filter}{; *})``: the Explorer's folders
    (``folders.json``), those matching *filter* (with ``@``) when given."""
    from fourd.runtime.operators import eq
    project = _project()
    if project is None:
        return
    folders = sorted(_folders_file(project), key=str.lower)
    if type(pattern) is str:
        folders = [folder for folder in folders if eq(folder, pattern)]
    _fill("METHOD GET FOLDERS", names, folders)


@command_with("METHOD Get path", ANY, TEXT, ANY)
def method_get_path(method_type, name: str, star=UNDEFINED) -> str:
    """``METHOD Get path(type; name{; *})``: the path of a project method,
    class or database method named *name* (method-get-path.md)."""
    prefixes = {PATH_PROJECT_METHOD: "", PATH_DATABASE_METHOD: DATABASE_METHOD_PREFIX, PATH_CLASS: CLASS_PREFIX}
    if type(method_type) not in (int, float) or int(method_type) not in prefixes:
        fail(Codes.UNSUPPORTED_COMMAND, f"METHOD Get path: method type {method_type!r} is not available headless")
        return ""
    return prefixes[int(method_type)] + name


def _source_file(project, path: str) -> Path | None:
    if path.startswith(CLASS_PREFIX):
        folder, name = project.classes_dir, path[len(CLASS_PREFIX):]
    elif path.startswith(DATABASE_METHOD_PREFIX):
        folder, name = project.database_dir, path[len(DATABASE_METHOD_PREFIX):]
    else:
        folder, name = project.methods_dir, path
    if folder is None or "/" in name:
        return None
    for candidate in folder.glob("*.4dm"):
        if candidate.stem.lower() == name.lower():
            return candidate
    return None


@command_with("METHOD GET CODE", ANY, REF, ANY, ANY, refs=(1,))
def method_get_code(path, code: Ref, option=UNDEFINED, star=UNDEFINED) -> None:
    """``METHOD GET CODE(path | arrPaths; code | arrCodes{; option}{; *})``:
    the source file as it is on disk. An unknown path is error -9802
    (method-get-code.md: "the object path is invalid")."""
    project = _project()
    if project is None:
        return
    paths = path.items[1:] if type(path) is Array4D else [path]
    sources = []
    for one in paths:
        source = _source_file(project, one) if type(one) is str else None
        if source is None:
            fail(OBJECT_PATH_INVALID, f"METHOD GET CODE: the object path {one!r} is invalid")
            return
        sources.append(source.read_text(encoding="utf-8"))
    if type(path) is Array4D:
        _fill("METHOD GET CODE", code.get(), sources)
    else:
        code.set(sources[0])

