"""Calling registered 4D commands from tests: variables for by-reference
parameters, error codes."""
import pytest

from fourd.commands.registry import Ref, lookup
from fourd.runtime.errors import FourDError
from fourd.runtime.values import UNDEFINED, Coll, Obj


class Var:
    """A 4D variable; ``.ref`` is what the compiler passes for it by reference."""

    def __init__(self, value=UNDEFINED):
        self.value = value

    @property
    def ref(self) -> Ref:
        return Ref(lambda: self.value, self._set, "var")

    def _set(self, value):
        self.value = value


def run(name: str, *args):
    """``name(args)`` through the command registry."""
    command = lookup(name)
    assert command is not None, f"{name} is not registered"
    return command.func(*args)


def raises_code(code: int, name: str, *args) -> FourDError:
    with pytest.raises(FourDError) as info:
        run(name, *args)
    assert info.value.code == code, info.value
    return info.value


def py(value):
    """Plain Python data, to compare 4D objects and collections by content
    (4D compares them by reference)."""
    if isinstance(value, Coll):
        return [py(item) for item in value]
    if isinstance(value, Obj):
        return {key: py(item) for key, item in value.items()}
    return value
