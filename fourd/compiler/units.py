"""Compiled units: what compiling a 4D file gives.

A :class:`CompiledUnit` is the Python code of one method, class or formula
with what it needs to run: its line map (4D lines for errors), the values
its code names (command functions, converters, dates…), the project methods
it calls. ``fourd.loader.Project.load_unit`` runs it. Each named value has a
*recipe* (plain data) so that the loader's code cache
(``fourd.loader.code_cache``) can store the unit and rebuild it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from fourd.runtime.values import Date, Time


@dataclass
class LineMap:
    """Python line → 4D line, for one compiled unit."""
    path: str
    name: str
    lines: list = field(default_factory=list)
    functions: dict = field(default_factory=dict)     # Python function name -> 4D name
    source_lines: list = field(default_factory=list)

    def line_for(self, py_line: int) -> int:
        if 0 < py_line <= len(self.lines):
            return self.lines[py_line - 1]
        return 0

    def where(self, code_name: str, py_line: int) -> tuple[str, str, int]:
        """(method or ``Class.function`` name, path, 4D line) of a Python position."""
        return self.functions.get(code_name, self.name), self.path, self.line_for(py_line)

    def source_line(self, line: int) -> str:
        return self.source_lines[line - 1].strip() if 0 < line <= len(self.source_lines) else ""


@dataclass
class CompiledUnit:
    """The compiled code of a 4D file (or formula) and what it needs to run."""
    code: object                    # code object of the Python module
    linemap: LineMap
    namespace: dict                 # the values the code names (see recipe)
    method_slots: dict              # slot name -> project method it calls (Project.load_unit)
    recipes: dict | None            # namespace name -> recipe; None: not cacheable
    signatures_used: tuple = ()     # project methods whose #DECLARE the code relies on
    info: object = None             # what its loader needs besides (a class's members…): plain data


# ------------------------------------------------------------------ recipes
# How to rebuild a value of a unit's namespace: ("value", v) for numbers and
# texts, ("date", y, m, d), ("time", seconds), ("command", 4D name),
# ("command implementation", 4D name), ("coercer", declared type name), ("collection function", name).

def data_recipe(value) -> tuple | None:
    """The recipe of a plain value (None if it has none)."""
    kind = type(value)
    if kind in (float, int, str, bool):
        return ("value", value)
    if kind is Date:
        return ("date", value.year, value.month, value.day)
    if kind is Time:
        return ("time", value.seconds)
    return None
