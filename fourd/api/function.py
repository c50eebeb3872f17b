"""The ``4D.Function`` class API: ``.call()``, ``.apply()``, ``.source`` (FunctionClass.md)."""
from __future__ import annotations

from fourd.runtime.builtins import builtin_class
from fourd.runtime.errors import Codes, fail
from fourd.runtime.formula import Formula
from fourd.runtime.members import member_function, member_property
from fourd.runtime.values import UNDEFINED, Coll

builtin_class("Function", new=None, module=__name__)


@member_function(Formula, "call")
def call(formula: Formula, this=None, *params):
    return formula.func(None if this is UNDEFINED else this, *params)


@member_function(Formula, "apply")
def apply(formula: Formula, this=None, params=UNDEFINED):
    if params is UNDEFINED or params is None:
        params = ()
    elif not isinstance(params, Coll):
        return fail(Codes.TYPE_MISMATCH, "apply() expects a collection of parameters")
    return formula.func(None if this is UNDEFINED else this, *params)


@member_property(Formula, "source")
def source(formula: Formula) -> str:
    return formula.source
