"""``4D.Signal`` (API/SignalClass.md, commands/new-signal.md).

A signal is a shared object: besides its API (``wait()``, ``trigger()``,
``signaled``) it holds properties written inside ``Use…End use`` by the
processes it is passed to -- ``description`` is one of them -- so it is an
:class:`~fourd.runtime.values.Obj` whose ``shared`` group makes those writes
follow the shared-object rules. It is passed to other processes by
reference (``CALL WORKER``, ``New process``).
"""
from __future__ import annotations

import threading

from ..runtime.builtins import builtin_class, fourd_class
from ..runtime.conversions import coerce
from ..runtime.members import member_function, member_property
from ..runtime.scheduler import waiting_for_flag
from ..runtime.shared import SharedGroup
from ..runtime.values import UNDEFINED, Obj

__all__ = ["Signal", "new_signal"]


def _signal_class():
    """``4D.Signal`` from the ``4D`` class store (late: the store imports this module)."""
    return fourd_class("Signal")


class Signal(Obj):
    """A 4D.Signal: a shared object with a one-shot, thread-safe flag."""

    __slots__ = ("_flag",)

    def __init__(self, description: str = ""):
        super().__init__()
        self.cls = _signal_class()      # OB Class, OB Instance of, var $s : 4D.Signal
        self.shared = SharedGroup(self)
        self._flag = threading.Event()
        dict.__setitem__(self, "description", description)

    def __repr__(self) -> str:
        return f"<4D.Signal signaled={self._flag.is_set()} {dict.get(self, 'description')!r}>"


@builtin_class("Signal")
def new_signal(description=UNDEFINED) -> Signal:
    """``New signal{(description)}``."""
    text = coerce("text", description)
    return Signal(text if type(text) is str else "")


@member_function(Signal, "wait")
def wait(signal: Signal, timeout=UNDEFINED) -> bool:
    """``.wait({timeout})``: True once triggered, False if *timeout* seconds passed.

    No timeout waits as long as needed. The process does not serve its
    callbacks meanwhile: its state is "Waiting for internal flag".
    """
    if signal._flag.is_set():
        return True
    if timeout is UNDEFINED:
        seconds = None
    else:
        seconds = coerce("real", timeout)
        if type(seconds) is not float:
            return False
        seconds = max(0.0, seconds)
    return waiting_for_flag(signal._flag.wait, seconds)


@member_function(Signal, "trigger")
def trigger(signal: Signal) -> None:
    """``.trigger()``: set ``signaled`` and wake every waiting process (once)."""
    signal._flag.set()


@member_property(Signal, "signaled")
def signaled(signal: Signal) -> bool:
    return signal._flag.is_set()
