"""4D processes: one thread, one event loop, one mailbox each.

This module holds the per-process state that commands and compiled code
need (process variables, error context). The event loop and mailbox are
attached by ``runtime.scheduler`` when a process starts running.
"""
from __future__ import annotations

import threading

from .errors import FourDError
from .locations import locate_error
from .values import UNDEFINED

_local = threading.local()


class Process:
    """State of one 4D process."""

    def __init__(self, name: str = "Main", number: int = 1):
        self.name = name
        self.number = number
        self.vars: dict[str, object] = {}     # process variables by name
        # Each component has its own process variables (develop-components.md,
        # "Passing variables"): component name -> its variables.
        self.component_vars: dict[str, dict[str, object]] = {}
        self.try_depth = 0                    # > 0 inside Try / Try(...)
        # The error handler in force when the innermost Try began: one
        # installed inside the Try block is called (error-handling.md).
        self.try_handler = ""
        self.error_handler: str = ""          # ON ERR CALL method, ek local
        self.last_errors: list = []           # current error stack entries
        self.deferred_errors: list = []       # thrown in deferred mode, raised when their method returns
        self.loop = None                      # asyncio loop, set by the scheduler
        self.singletons: dict[int, object] = {}  # per-process singleton instances
        self.runtime = None                   # scheduler.ProcessRuntime: thread, mailbox, live objects
        self.asserts_enabled: bool | None = None  # SET ASSERT ENABLED for this process; None: the global one

    def call_method(self, name: str, *args):
        """Call the project method *name* (resolved by the loaded project)."""
        return global_state.call_method(name, *args)

    def signal(self, error: FourDError):
        """Record *error* and raise it, or call the error handler and resume."""
        self.last_errors = list(error.stack)
        handler = self.error_handler or global_state.error_handler
        caught = self.try_depth > 0 and handler == self.try_handler
        if caught or not handler or global_state.call_method is None:
            raise error
        self.vars["error"] = error.code     # the Error system variable
        locate_error(self, error)           # Error method, Error line, Error formula
        # While the handler runs, a new error in it must not call it again.
        saved, self.error_handler = self.error_handler, ""
        saved_global, global_state.error_handler = global_state.error_handler, ""
        try:
            self.call_method(handler)
        finally:
            self.error_handler = saved
            global_state.error_handler = saved_global
        return UNDEFINED


class _GlobalState:
    """Interprocess state (ek global error handler…)."""

    def __init__(self):
        self.error_handler = ""
        # The loaded project (``runtime.host.Host``; its ``root`` is the
        # project's folder), and its ``call_method(name, *args)``: set by
        # ``runtime.host.install`` when a run starts.
        self.project = None
        self.call_method = None
        # SET ASSERT ENABLED(...; *): whether ASSERT checks, in processes that did not choose.
        self.asserts_enabled = True


global_state = _GlobalState()


def asserts_enabled() -> bool:
    """Whether ASSERT and Asserted check their condition in this process (set-assert-enabled.md)."""
    own = current_process().asserts_enabled
    return global_state.asserts_enabled if own is None else own


def current_process() -> Process:
    """The 4D process running on this thread (a main process by default)."""
    process = getattr(_local, "process", None)
    if process is None:
        process = _local.process = Process()
    return process


def set_current_process(process: Process) -> None:
    _local.process = process
