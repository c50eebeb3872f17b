"""How many arguments a Python function implementing 4D takes (commands,
member functions, ``4D.X.new()``): one place that reads signatures."""
from __future__ import annotations

import functools
import inspect
import math

_POSITIONAL = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)


@functools.cache
def arity(func, skip: int = 0) -> tuple[int, float]:
    """(fewest, most) positional arguments *func* accepts besides its first
    *skip* parameters (``this``, the collection…); most is ``math.inf``
    when it takes ``*args``."""
    parameters = list(inspect.signature(func).parameters.values())[skip:]
    least = sum(1 for p in parameters if p.kind in _POSITIONAL and p.default is p.empty)
    if any(p.kind is p.VAR_POSITIONAL for p in parameters):
        return least, math.inf
    return least, sum(1 for p in parameters if p.kind in _POSITIONAL)


def accepts(func, count: int, skip: int = 0) -> bool:
    """Whether *func* can be called with *count* positional arguments (after *skip*)."""
    least, most = arity(func, skip)
    return least <= count <= most
