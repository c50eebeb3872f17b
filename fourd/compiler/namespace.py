"""The names every compiled unit sees: the runtime functions, values and
helpers that generated code calls by name (the loader adds the project's own:
``cs``, method slots…)."""
from __future__ import annotations

import functools

# Compiled code makes collections, 4D.Blob and 4D.Function objects: their
# member functions must be registered (other built-in classes register
# theirs when their factory is first used).
import fourd.api.blob  # noqa: F401
import fourd.api.function  # noqa: F401
from fourd.api.collection import element
from fourd.runtime import access, arrays, operators, shared, support
from fourd.runtime.conversions import coerce, coercer, default_value, value_type
from fourd.runtime.formula import Formula
from fourd.runtime.process import current_process
from fourd.runtime.values import STAR, UNDEFINED, Coll, Date, Obj, Pointer, Ref, Time


@functools.cache
def _base_namespace() -> dict:
    ns = {name: getattr(operators, name) for name in (
        "add", "sub", "mul", "div", "idiv", "percent", "power", "neg", "eq", "ne", "lt", "gt",
        "le", "ge", "and_", "or_", "xor", "shl", "shr", "bit_set", "bit_clear", "bit_test",
        "truthy", "condition")}
    ns.update({name: getattr(access, name) for name in (
        "get_member", "set_member", "get_index", "set_index", "get_char", "set_char", "call_member",
        "call_value")})
    ns.update({name: getattr(support, name) for name in support.HELPERS})
    ns.update(OPERATORS=operators, element=element, get_element=arrays.get_element,
              set_element=arrays.set_element, use=shared.use, _DG=dict.get)
    ns.update(UNDEFINED=UNDEFINED, Date=Date, Time=Time, Obj=Obj, Coll=Coll, Pointer=Pointer, Ref=Ref, STAR=STAR,
              Formula=Formula, IP=support.INTERPROCESS, coerce=coerce, coercer=coercer,
              default_value=default_value, value_type=value_type, current_process=current_process,
              process_vars=host_process_vars)
    return ns


def host_process_vars() -> dict:
    """The process variables of the running process (the loader gives a
    component's code its own, ``fourd.loader.components``)."""
    return current_process().vars


def base_namespace() -> dict:
    """The names every compiled unit sees (project-specific ones are added)."""
    return dict(_base_namespace())
