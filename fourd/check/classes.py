"""``Class extends`` cycles: a class that is its own ancestor (4D refuses
to load it). Each cycle is reported once, on the class of the cycle whose
name sorts first, naming every class in it."""
from __future__ import annotations

from .diagnostics import ERROR, Diagnostic
from .project import ProjectIndex, superclass_name


def check(index: ProjectIndex) -> list[Diagnostic]:
    found = []
    reported: set[frozenset] = set()
    checked = set(index.checked_keys)
    for name in sorted(index.classes):
        cycle = _cycle_from(name, index)
        if cycle is None or frozenset(cycle) in reported:
            continue
        reported.add(frozenset(cycle))
        first = min(cycle)
        info = index.classes[first]
        if info.file.key not in checked:
            continue
        start = cycle.index(first)
        ordered = cycle[start:] + cycle[:start] + [first]
        node = info.superclass
        found.append(Diagnostic(str(info.file.path), node.line, node.column, ERROR,
                                "class cycle: " + " extends ".join(f"cs.{n}" for n in ordered), "class-cycle"))
    return found


def _cycle_from(name: str, index: ProjectIndex) -> list[str] | None:
    """The classes of the cycle *name* leads into, in extends order, or None."""
    path: list[str] = []
    current = name
    while current is not None and current not in path:
        path.append(current)
        info = index.classes.get(current)
        current = superclass_name(info.superclass.parts) if info is not None and info.superclass else None
    if current is None:
        return None
    return path[path.index(current):]
