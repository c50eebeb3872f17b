"""``4D.Function`` objects (formulas) and calling 4D callbacks from Python.

A :class:`Formula` wraps a compiled Python function ``func(this, *args)``;
its 4D functions ``.call()`` and ``.apply()`` are in ``api.function``.
Collection functions, TCP callbacks and ``CALL WORKER`` accept either a
formula or a project method name: :func:`invoke` calls both alike.
"""
from __future__ import annotations

from .values import UNDEFINED, Obj


class Formula(Obj):
    """A 4D.Function. It is also an object (``$f.source``, properties…)."""

    __slots__ = ("func", "source")

    def __init__(self, func, source: str = ""):
        super().__init__()
        self.func = func
        self.source = source

    def __repr__(self) -> str:
        return f"<4D.Function {self.source!r}>"


def invoke(callback, *args, this=None):
    """Call a formula or a project method (given by name) with *args*."""
    if isinstance(callback, Formula):
        result = callback.func(this, *args)
    else:
        from .process import current_process
        result = current_process().call_method(str(callback), *args)
    return UNDEFINED if result is None else result
