"""Language commands: output (ALERT, LOG EVENT, TRACE), errors (throw,
Last errors, ON ERR CALL…), formulas from text, pointers.

4D has no print statement. Under fourd, ``ALERT(text)`` writes the text and
a newline to standard output, and ``LOG EVENT(Into system standard outputs;
text)`` writes the text; ``TRACE`` does nothing.
"""
from __future__ import annotations

import sys
import threading

from fourd.commands.arguments import ANY, LONGINT, TEXT, command_with
from fourd.commands.registry import command
from fourd.runtime.conversions import value_type
from fourd.runtime.errors import Codes, FourDError, fail
from fourd.runtime.process import current_process, global_state
from fourd.runtime.host import current_host
from fourd.runtime.locations import running_location
from fourd.runtime.support import assert_, var_pointer
from fourd.runtime.values import UNDEFINED, Coll, Obj, Pointer

# LOG EVENT output types and importance levels (log-event.md).
INTO_WINDOWS_LOG_EVENTS = 0
INTO_4D_DEBUG_MESSAGE = 1
INTO_SYSTEM_STANDARD_OUTPUTS = 6
ERROR_MESSAGE = 2

# ON ERR CALL scopes (on-err-call.md).
EK_LOCAL = 0
EK_GLOBAL = 1
EK_ERRORS_FROM_COMPONENTS = 2

_output_lock = threading.Lock()


def write_output(text: str, newline: bool = True, stream=None) -> None:
    """Write to standard output (or *stream*), one writer at a time
    (processes are threads)."""
    with _output_lock:
        out = stream or sys.stdout
        out.write(text + ("\n" if newline else ""))
        out.flush()


def _text(value) -> str:
    from fourd.commands.text import text_of
    return value if type(value) is str else text_of(value)


@command_with("ALERT", ANY, ANY)
def alert(message, ok_button=UNDEFINED):
    write_output(_text(message))


@command("LOG EVENT")
def log_event(output_type=INTO_WINDOWS_LOG_EVENTS, message=UNDEFINED, importance=0):
    """``LOG EVENT({outputType;} message{; importance})``: standard outputs get
    the message (stderr for an Error message), the 4D debug message goes to
    stderr; Windows log events and 4D's log files do not exist here."""
    if message is UNDEFINED:          # LOG EVENT(message) alone: Into Windows log events
        return
    if output_type == INTO_SYSTEM_STANDARD_OUTPUTS:
        write_output(_text(message), newline=False, stream=sys.stderr if importance == ERROR_MESSAGE else None)
    elif output_type == INTO_4D_DEBUG_MESSAGE:
        write_output(_text(message), stream=sys.stderr)


@command("TRACE")
def trace():
    return None


# ------------------------------------------------------------------ errors

def _error_object(code, message, component, extra) -> Obj:
    obj = Obj()
    obj["errCode"] = float(code) if type(code) is int else code     # objects store reals
    obj["message"] = message
    obj["componentSignature"] = component
    if extra:
        for key, value in extra.items():
            obj.setdefault(key, value)
    return obj


@command("Last errors")
def last_errors():
    """The current error stack as a collection of error objects, or Null."""
    stack = current_process().last_errors
    if not stack:
        return None
    return Coll(_error_object(*entry) for entry in stack)


@command("throw")
def throw(code_or_object=UNDEFINED, description=UNDEFINED):
    """``throw(code{; description})``, ``throw(errorObj)``, ``throw`` (throw.md).

    A deferred error does not interrupt the method that throws it: it is
    raised when that method returns (``runtime.support.raise_deferred``).
    """
    process = current_process()
    if code_or_object is UNDEFINED:
        # "throws all current errors in deferred mode"
        if not process.last_errors:
            return None
        error = FourDError(*process.last_errors[-1][:3], stack=list(process.last_errors), deferred=True)
    elif isinstance(code_or_object, Obj):
        spec = code_or_object
        code = spec.get("errCode", -1)
        component = spec.get("componentSignature", "host") or "host"
        message = spec.get("message", "")
        if not message:
            message = f"Error code: {_code_text(code)} ({component})"
        else:
            message = _fill_placeholders(message, spec)
        extra = {k: v for k, v in spec.items() if k not in ("errCode", "message", "componentSignature")}
        error = FourDError(code, message, component, stack=[(code, message, component, extra)],
                           deferred=spec.get("deferred") is True)
    else:
        code = code_or_object
        message = description if isinstance(description, str) and description else \
            f"Error code: {_code_text(code)} (host)"
        error = FourDError(code, message, "host")
    if not error.deferred:
        return process.signal(error)
    where = running_location()
    error.where = where[:3] if where else None
    process.deferred_errors.append(error)
    return None


def _code_text(code) -> str:
    return str(int(code)) if isinstance(code, float) and code.is_integer() else str(code)


def _fill_placeholders(message: str, spec: Obj) -> str:
    """``{name}`` in a thrown message is replaced by the property *name*."""
    import re

    def replace(m):
        value = spec.get(m.group(1), UNDEFINED)
        return m.group(0) if value is UNDEFINED else _text(value)

    return re.sub(r"\{(\w+)\}", replace, message)


@command_with("ON ERR CALL", TEXT, LONGINT)
def on_err_call(method: str, scope: int = EK_LOCAL):
    """Install (or with "" remove) the error-handling method (on-err-call.md)."""
    if scope == EK_GLOBAL:
        global_state.error_handler = method
    elif scope == EK_LOCAL:
        current_process().error_handler = method
    # ek errors from components: fourd runs no components.


@command_with("Method called on error", LONGINT)
def method_called_on_error(scope: int = EK_LOCAL) -> str:
    if scope == EK_GLOBAL:
        return global_state.error_handler
    return current_process().error_handler if scope == EK_LOCAL else ""


@command("Asserted")
def asserted(value, message=UNDEFINED):
    assert_(value, "Asserted", message)
    return value is True


@command_with("Not", ANY)
def not_(value) -> bool:
    """``Not(boolean)``; Undefined counts as False (dt_null_undefined.md)."""
    if value is True or value is False:
        return not value
    if value is UNDEFINED:
        return True
    return fail(Codes.BOOLEAN_EXPECTED, "A Boolean argument was expected.")


@command_with("Value type", ANY)
def value_type_of(value) -> int:
    """``Value type(expression)`` (value-type.md)."""
    return value_type(value)


@command("Is nil pointer")
def is_nil_pointer(pointer):
    return not isinstance(pointer, Pointer)


@command("Formula from string")
def formula_from_string(source, context=UNDEFINED):
    """A formula compiled from text (formula-from-string.md)."""
    project = current_host()
    if project is None:
        return fail(Codes.INTERNAL, "no project is loaded")
    return project.compile_formula(_text(source))


@command("Get pointer")
def get_pointer(name):
    store = current_process().vars
    return var_pointer(store, _text(name).lower(), _text(name))

