"""Helpers for the Collection class tests: build 4D values, call members, compare."""
import pytest

import fourd.api.collection  # noqa: F401  (registers the member functions)
from fourd.commands.collections import new_collection
from fourd.runtime import shared
from fourd.runtime.errors import FourDError
from fourd.runtime.formula import Formula
from fourd.runtime.members import functions_of
from fourd.runtime.values import Coll, Obj


def C(*values) -> Coll:
    """``New collection(...)``: numbers are stored as reals."""
    return new_collection(*values)


def O(*pairs, **properties) -> Obj:
    """``New object(...)``: ``O("name", "Smith", "age", 5)`` or ``O(name="Smith")``."""
    obj = Obj()
    for key, value in zip(pairs[::2], pairs[1::2]):
        obj[key] = C(value)[0]
    for key, value in properties.items():
        obj[key] = C(value)[0]
    return obj


def F(func) -> Formula:
    """A formula ``func($1, $2…)`` as the compiler builds it (``This`` ignored)."""
    return Formula(lambda this, *args: func(*args))


def call(target: Coll, name: str, *args):
    """``target.name(args)``"""
    return functions_of(Coll)[name](target, *args)


def py(value):
    """Plain Python data to compare 4D objects and collections by content."""
    if isinstance(value, Coll):
        return [py(item) for item in value]
    if isinstance(value, Obj):
        return {key: py(item) for key, item in value.items()}
    return value


def cities() -> Coll:
    """The cities and zip codes of many CollectionClass.md examples."""
    col = C()
    for name, zc in [("Cleveland", 35049), ("Blountsville", 35031), ("Adger", 35006),
                     ("Clanton", 35046), ("Clanton", 35045)]:
        call(col, "push", O("name", name, "zc", zc))
    return col


def same_group(a, b) -> bool:
    """Whether two shared values are in one shared group: ``Use`` locks the same."""
    return shared.use(a).group is shared.use(b).group


def raises_code(code: int, func, *args):
    with pytest.raises(FourDError) as info:
        func(*args)
    assert info.value.code == code
    return info.value
