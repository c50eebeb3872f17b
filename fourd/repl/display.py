"""How the REPL shows values and errors, the way 4D's debugger would.

Each value is written so that a reader sees its type at a glance: text is
quoted (with 4D's escapes), dates and times use 4D's literal forms
(``!2024-01-31!``, ``?12:30:00?``), numbers and booleans are plain, Null and
Undefined are named, objects and collections are JSON (on one line when
short, else indented), class instances and built-in objects are prefixed
with their class (``cs.Person {"name":"Ada"}``, ``4D.TCPListener
{"port":5000,"errors":[]}``).
"""
from __future__ import annotations

from fourd.commands.json import stringify
from fourd.commands.text import text_of
from fourd.runtime.classes import Class4D, NativeObject
from fourd.runtime.errors import FourDError
from fourd.runtime.formula import Formula
from fourd.runtime.values import UNDEFINED, Blob4D, Coll, Date, Obj, Pointer, Time

from .entries import ENTRY_PATH

#: JSON longer than this is shown indented, one property per line.
ONE_LINE_WIDTH = 72

_TEXT_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def show(value) -> str:
    """*value* as the REPL prints it."""
    kind = type(value)
    if kind is str:
        return '"' + "".join(_TEXT_ESCAPES.get(c, c) for c in value) + '"'
    if kind is bool or kind is float or kind is int:
        return text_of(value)
    if value is None:
        return "Null"
    if value is UNDEFINED:
        return "Undefined"
    if kind is Date:
        return "!00-00-00!" if value.is_null else f"!{value.iso()}!"
    if kind is Time:
        return f"?{value.hms()}?"
    if kind is Pointer:
        return f"->{value.name}"
    if kind is bytearray:
        return f"Blob ({_bytes(len(value))})"
    if kind is Blob4D:
        return f"4D.Blob ({_bytes(value.size)})"
    if isinstance(value, Formula):
        return f"Formula({value.source})" if value.source else "Formula"
    if isinstance(value, Class4D):
        return f"[class {class_path(value)}]"
    if isinstance(value, NativeObject):
        return f"4D.{value.FOURD_CLASS} {_json(value)}"
    if isinstance(value, Obj) and isinstance(value.cls, Class4D):
        return f"{class_path(value.cls)} {_contents(value)}"
    if isinstance(value, (Obj, Coll)):
        return _contents(value)
    return text_of(value)


def _contents(value: Obj | Coll) -> str:
    """An object's or collection's elements: JSON, unless an element (at any
    depth) is a class instance, a formula or a built-in object, which JSON
    would hide (``{}``); then each element is shown as :func:`show` shows it."""
    if not _hides_something(value, set()):
        return _json(value)
    if isinstance(value, Coll):
        return "[" + ", ".join(show(item) for item in value) + "]"
    return "{" + ", ".join(f"{stringify(key)}: {show(item)}" for key, item in dict.items(value)) + "}"


def _hides_something(value, seen: set) -> bool:
    if id(value) in seen:             # circular: JSON shows it its own way
        return False
    seen.add(id(value))
    items = value if isinstance(value, Coll) else dict.values(value)
    for item in items:
        if isinstance(item, (Formula, NativeObject, Class4D)):
            return True
        if isinstance(item, Obj) and isinstance(item.cls, Class4D):
            return True
        if isinstance(item, (Obj, Coll)) and _hides_something(item, seen):
            return True
    return False


def class_path(cls: Class4D) -> str:
    """``cs.Person`` for a user class, ``4D.Blob`` for a built-in one."""
    return f"{'4D' if cls.native is not None else 'cs'}.{cls.name}"


def _bytes(size: int) -> str:
    return f"{size} byte{'' if size == 1 else 's'}"


def _json(value) -> str:
    text = stringify(value)
    if len(text) <= ONE_LINE_WIDTH:
        return text
    # Tabs only indent (JSON escapes them inside strings): two spaces read better.
    return stringify(value, pretty=True).replace("\t", "  ")


def describe_error(error: FourDError, entry_path: str, entry_source: str) -> str:
    """A 4D error as the REPL reports it: code, component, message, and where.

    An error in the entry itself names its line (with the line's text),
    unless the entry is one line typed at the prompt (``<input>``); an error
    inside a project method or class names it.
    """
    head = f"Error {error.code} ({error.component}): {error.message}"
    if error.where is None:
        return head
    name, path, line = error.where
    if path == entry_path:
        lines = entry_source.splitlines()
        typed_line = entry_path == ENTRY_PATH and len(lines) <= 1
        if typed_line or not 0 < line <= len(lines):
            return head
        return f"{head}\n    at line {line}: {lines[line - 1].strip()}"
    return f"{head}\n    in {name} ({path}:{line})"
