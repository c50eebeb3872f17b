"""4D errors: one exception type that travels through compiled code.

A 4D error has a code, a message and a component signature (``4DRT`` for
the runtime, ``host`` for ``throw`` in user code…). ``where`` is filled in
as the error unwinds through compiled 4D code: method/class name, file and
4D line.

Code that detects an error calls :func:`fail`. Whether that raises depends
on the process's error-handling context, exactly as in 4D:

* inside ``Try``/``Try(...)``: the error is raised and unwinds to it;
* with an ``ON ERR CALL`` method installed: the method is called and
  execution *resumes* after the failing operation — so ``fail`` returns
  (``UNDEFINED``) and callers must write ``return fail(...)``;
* otherwise the error is raised and ends the process's current job, being
  reported with its 4D location.
"""
from __future__ import annotations

from .values import UNDEFINED


class FourDError(Exception):
    """A 4D runtime error (the error stack travels with it)."""

    def __init__(self, code: int, message: str, component: str = "4DRT", *, stack=None, deferred=False):
        super().__init__(message)
        self.code = code
        self.message = message
        self.component = component
        self.deferred = deferred
        # Each entry: (code, message, component, extra dict or None)
        self.stack = stack if stack is not None else [(code, message, component, None)]
        # (method name, file path, line) of the 4D code where it was raised.
        self.where: tuple[str, str, int] | None = None

    def __str__(self) -> str:
        return f"Error {self.code}: {self.message}"

    def describe(self) -> str:
        """One line for users: ``path:line: [method] Error -10 (4DRT): message``."""
        prefix = ""
        if self.where:
            method, path, line = self.where
            prefix = f"{path}:{line}: in {method}: " if path else f"{method}, line {line}: "
        return f"{prefix}Error {self.code} ({self.component}): {self.message}"


class InterruptRequest(BaseException):
    """Raised into running 4D code to abort it (Ctrl-C, ABORT, KILL WORKER).

    A BaseException so that ``Try``/``Catch`` in 4D code never swallow it.
    """


def fail(code: int, message: str, component: str = "4DRT"):
    """Signal a 4D error from runtime or command code. See the module doc."""
    from .process import current_process  # late: process imports this module
    return current_process().signal(FourDError(code, message, component))


# 4D error codes used across the runtime. Each is 4D's own number, from the
# page named beside it; add new ones here, never inline.
class Codes:
    MEMORY = -108                     # SET BLOB SIZE: not enough memory
    ASSERT_FAILED = -10518            # ASSERT: "Assert failed: ..."
    ERROR_HANDLER_NOT_CALLABLE = -10532  # preemptive.md
    LOCAL_IN_FORMULA_STRING = -10737  # Formula from string
    INVALID_CLASS = -10745            # OB Instance of: not a class object
    # 4D's "Syntax Errors (1 -> 81)" list; no page of 4d/docs gives these numbers
    # (messages as 4D v20 prints them, cross-checked against 4D project code):
    INCOMPATIBLE_ARGUMENTS = 15       # "This operation is not compatible with the two arguments."
    TYPE_MISMATCH = 54                # "Argument types are incompatible." (assignment, parameters)
    BOOLEAN_EXPECTED = 55             # "A Boolean argument was expected." (If, While, Until...)
    # Runtime checks (kb.4d.com 11713 lists them in this order, 77849 numbers them -2000x):
    DIVISION_BY_ZERO = -20011         # "Division by zero"
    MODULO_BY_ZERO = -20012           # "Modulo by zero"
