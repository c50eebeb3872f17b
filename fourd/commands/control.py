"""Language commands about values and the flow of execution: ``Choose``,
``CLEAR VARIABLE``, ``ABORT``, assertions, pointers and property types.

Specification: commands/choose.md, commands-legacy/clear-variable.md,
abort.md, set-assert-enabled.md, get-assert-enabled.md, is-a-variable.md,
resolve-pointer.md, ob-get-type.md.
"""
from __future__ import annotations

from fourd.commands.arguments import ANY, REF, TEXT, command_with, incompatible
from fourd.commands.registry import Ref, command
from fourd.runtime.access import get_member
from fourd.runtime.arrays import Array4D
from fourd.runtime.conversions import empty_like, value_type
from fourd.runtime.errors import InterruptRequest
from fourd.runtime.process import asserts_enabled, current_process, global_state
from fourd.runtime.values import UNDEFINED, Coll, Obj, Pointer

IS_UNDEFINED = 5                    # Value type of a missing property (value-type.md)


@command("Choose")
def choose(criterion=UNDEFINED, *values):
    """``Choose(criterion; value1{; value2…})``: every value is evaluated
    already (choose.md); a Boolean picks value1 (True) or value2 (False), a
    number the value at that position counted from 0. No value at that
    place: the empty value of value1's type."""
    if not values:
        return incompatible("Choose", "at least one value is expected")
    if criterion is True or criterion is False:
        index = 0 if criterion else 1
    elif type(criterion) in (int, float):
        index = int(criterion)
    else:
        return incompatible("Choose", "the criterion must be a Boolean or a number")
    if 0 <= index < len(values):
        return values[index]
    return empty_like(values[0])


@command_with("CLEAR VARIABLE", REF, refs=(0,))
def clear_variable(variable: Ref) -> None:
    """The variable gets the empty value of its type: an array has no
    elements left, an object or a collection becomes Null."""
    value = variable.get()
    if type(value) is Array4D:
        value.resize(0)
    elif isinstance(value, (Obj, Coll)):
        variable.set(None)
    else:
        variable.set(empty_like(value))


@command_with("ABORT")
def abort() -> None:
    """Stops the code running in the process, as an interruption no ``Try``
    catches (abort.md: meant for error-handling methods). The main process
    then goes on serving its events; another process ends."""
    raise InterruptRequest("ABORT")


@command_with("SET ASSERT ENABLED", ANY, ANY)
def set_assert_enabled(enabled, star=UNDEFINED) -> None:
    """For the current process, or with ``*`` for every process."""
    if enabled is not True and enabled is not False:
        incompatible("SET ASSERT ENABLED", "a Boolean was expected")
        return
    if star is UNDEFINED:
        current_process().asserts_enabled = enabled
    else:
        global_state.asserts_enabled = enabled
        current_process().asserts_enabled = None


@command_with("Get assert enabled")
def get_assert_enabled() -> bool:
    return asserts_enabled()


@command_with("Is a variable", ANY)
def is_a_variable(pointer) -> bool:
    """True for a pointer to a variable (fourd has no fields); False for Nil."""
    return isinstance(pointer, Pointer)


@command_with("RESOLVE POINTER", ANY, REF, REF, REF, refs=(1, 2, 3))
def resolve_pointer(pointer, name: Ref, table: Ref, field: Ref) -> None:
    """A variable's name with -1 and 0; a Nil pointer gives "", 0, 0 (resolve-pointer.md)."""
    if isinstance(pointer, Pointer):
        name.set(pointer.name)
        table.set(-1)
    else:
        name.set("")
        table.set(0)
    field.set(0)


@command_with("OB Get type", ANY, TEXT)
def ob_get_type(target, property_name: str) -> int:
    """The Value type of the property; Is undefined when it does not exist."""
    if not isinstance(target, Obj):
        return incompatible("OB Get type", "an object was expected")
    value = get_member(target, property_name)
    return IS_UNDEFINED if value is UNDEFINED else value_type(value)
