"""``fourd check``: what 4D's compiler finds, without running any 4D code.

The files are parsed (``fourd.syntax``) and indexed as a project
(:mod:`.project`: methods with their ``#DECLARE``, classes with their
functions, properties and superclass, process variables); each family of
diagnostics is one module reading that index and the ASTs:

* :mod:`.names`      unknown commands, methods, constants, class names, class functions;
* :mod:`.arguments`  wrong argument counts for commands and declared methods/functions;
* :mod:`.types`      type mismatches visible statically;
* :mod:`.variables`  locals used before assignment or never declared;
* :mod:`.flow`       unreachable code after ``return``;
* :mod:`.classes`    ``Class extends`` cycles.

:mod:`.report` writes the diagnostics (text, GitHub annotations, JSON).
"""
from __future__ import annotations

from pathlib import Path

from . import arguments, classes, flow, names, types, variables
from .diagnostics import Diagnostic
from .project import ProjectIndex

#: The families, in the order their diagnostics are produced for a unit.
UNIT_CHECKS = (names.check, types.check, variables.check, flow.check)


def check_paths(paths: list[Path], *, unsupported: bool = False) -> tuple[list[Diagnostic], int]:
    """The diagnostics for the ``.4dm`` files under *paths*, sorted by place,
    and how many files were checked. *unsupported* adds a warning for each
    command 4D knows that fourd does not implement yet."""
    index = ProjectIndex.for_paths(paths)
    found: list[Diagnostic] = list(index.syntax_errors)
    found += classes.check(index)
    for unit in index.units():
        for family in UNIT_CHECKS:
            found += family(unit, index)
        found += arguments.check(unit, index, unsupported)
        if unsupported:
            found += names.check_unsupported(unit, index)
    found.sort(key=Diagnostic.sort_key)
    return found, len(index.checked)
