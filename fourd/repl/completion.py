"""Tab completion at the REPL: what can follow the text before the cursor.

* ``$na`` -> the session's local variables; ``<>na`` -> interprocess variables;
* ``cs.Pe`` -> the project's classes; ``4D.Bl`` -> the built-in classes;
* ``$obj.pro``, ``$obj.a.b``, ``$list[0].na`` -> the properties of the value
  a variable holds now (object keys, class functions, members of built-in
  objects), read without running any code;
* ``This.`` -> the functions and computed properties of the project's
  classes: what ``This`` holds is only known when the code runs, and in a
  project it is mostly an instance of one of its classes;
* any other word -> 4D command and constant names (the catalog), keywords,
  type names, project methods and process variables. Names may hold
  spaces (``New ob`` -> ``New object``).
"""
from __future__ import annotations

import re

from fourd.commands import index
from fourd.runtime import builtins
from fourd.runtime.support import INTERPROCESS
from fourd.runtime.classes import Class4D
from fourd.runtime.members import functions_of, properties_of
from fourd.runtime.values import Obj
from fourd.syntax import catalog
from fourd.syntax.errors import FourDSyntaxError

from .session import Session

KEYWORDS = ("If", "Else", "End if", "Case of", "End case", "For", "End for", "For each",
            "End for each", "While", "End while", "Repeat", "Until", "Try", "Catch", "End try",
            "Use", "End use", "return", "break", "continue", "var")
TYPE_NAMES = ("Text", "Real", "Integer", "Boolean", "Date", "Time", "Object", "Collection",
              "Blob", "Pointer", "Picture", "Variant")

_MEMBER = re.compile(r"(\$\w+|cs|4D|This)((?:\.\w+|\[\s*\d+\s*\])*)\.(\w*)\Z", re.IGNORECASE)
_STEP = re.compile(r"\.(\w+)|\[\s*(\d+)\s*\]")
_LOCAL = re.compile(r"(\$|<>)(\w*)\Z")
_NAME = re.compile(r"[^\W\d][\w ]*\Z")


def complete(session: Session, before_cursor: str) -> tuple[str, list[str]]:
    """``(fragment, candidates)``: each candidate replaces the *fragment* that
    ends the text before the cursor."""
    line = before_cursor.rsplit("\n", 1)[-1]
    match = _MEMBER.search(line)
    if match is not None:
        base, path, fragment = match.groups()
        names = _names_after(session, base, path)
        return fragment, _starting_with(fragment, names, case_sensitive=True)
    match = _LOCAL.search(line)
    if match is not None:
        sigil, fragment = match.groups()
        if sigil == "$":
            names = [session.spellings.get(name, name) for name in list(session.values)]
        else:
            names = list(INTERPROCESS)
        return sigil + fragment, [sigil + name for name in _starting_with(fragment, names)]
    match = _NAME.search(line)
    if match is None:
        return "", []
    words = match.group().lstrip()
    names = _global_names(session)
    # A name may hold spaces: try the longest run of words first.
    while words:
        found = _starting_with(words, names)
        if found:
            return words, found
        _, _, words = words.partition(" ")
    return "", []


def _starting_with(fragment: str, names, case_sensitive: bool = False) -> list[str]:
    if case_sensitive:
        found = {name for name in names if name.startswith(fragment)}
    else:
        lower = fragment.lower()
        found = {name for name in names if name.lower().startswith(lower)}
    found.discard(fragment)
    return sorted(found, key=lambda name: (name.lower(), name))


def _global_names(session: Session) -> list[str]:
    project = session.project
    names = [info.name for info in catalog.commands()]
    names += [info.name for info in catalog.constants()]
    names += KEYWORDS + TYPE_NAMES
    names += [path.stem for path in _files(project.methods_dir)]
    names += list(session.process.vars)
    return names


def _names_after(session: Session, base: str, path: str) -> list[str]:
    """What may follow ``base path.``: class names after ``cs.``/``4D.``,
    else the members of the value the path leads to."""
    lowered = base.lower()
    if lowered in ("cs", "4d"):
        if path:
            return []
        return _class_names(session) if lowered == "cs" else sorted(set(builtins.CLASSES) | set(index.class_modules()))
    if lowered == "this":
        return _project_class_members(session) if not path else []
    return _members_of(session, base[1:], path)


def _project_class_members(session: Session) -> list[str]:
    names: list[str] = []
    for class_name in _class_names(session):
        try:
            cls = session.project.get_class(class_name)
        except FourDSyntaxError:          # a class that does not compile offers nothing
            continue
        if cls is not None:
            names += _class_members(cls)
    return names


def _class_members(cls) -> list[str]:
    names: list[str] = []
    while isinstance(cls, Class4D):
        names += list(cls.functions) + list(cls.getters)
        cls = cls.superclass
    return names


def _class_names(session: Session) -> list[str]:
    return [path.stem for path in _files(session.project.classes_dir)]


def _files(folder):
    return folder.rglob("*.4dm") if folder is not None else ()


def _members_of(session: Session, variable: str, path: str) -> list[str]:
    """The member names of the value at ``$variable.path`` (without running code)."""
    value = session.values.get(variable.lower())
    for step in _STEP.finditer(path):
        name, index = step.groups()
        if name is not None and isinstance(value, Obj) and name in value:
            value = dict.__getitem__(value, name)
        elif index is not None and isinstance(value, list) and int(index) < len(value):
            value = value[int(index)]
        else:
            return []
    return _members(value)


def _members(value) -> list[str]:
    """Object keys, class functions and computed properties, built-in members."""
    names = list(value) if isinstance(value, Obj) else []
    names += _class_members(getattr(value, "cls", None))
    names += list(properties_of(type(value))) + list(functions_of(type(value)))
    return names
