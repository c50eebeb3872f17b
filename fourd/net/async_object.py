"""What every asynchronous network object shares (Develop/async.md).

``4D.TCPListener``, ``4D.TCPConnection``, ``4D.HTTPRequest`` and
``4D.UDPSocket`` (and the web helper's WebSocket classes) are each served
by the event loop of the process that created them; the process keeps them
alive (``scheduler.attach``) until ``onTerminate`` ran, and ``wait()`` runs
the process's loop until then. Their errors go to ``.errors`` as 4D error
objects (``errCode``, ``message``, ``componentSignature``).

Network errors. 4D's documentation gives no numbers for them (the pages of
the TCP, UDP and HTTP classes only say "4D error code"); fourd reports the
system's error number as ``errCode`` -- the convention of 4D's Internet
Commands, whose codes 1-61 are those of the BSD network layer -- and a
sentence in 4D's style naming what failed: "Cannot connect to
127.0.0.1:7009: Connection refused", never asyncio's own English
("Connect call failed ('127.0.0.1', 7009)").
"""
from __future__ import annotations

import asyncio
import errno
import os
import ssl
import threading

from ..runtime import scheduler
from ..runtime.classes import NativeObject, find_callable
from ..runtime.conversions import coerce
from ..runtime.values import UNDEFINED, Coll, Obj
from . import trace

__all__ = ["AsyncObject", "error_details", "wait_seconds"]


def _reason(exc: BaseException) -> str:
    """The system's wording for *exc*, without the address asyncio adds."""
    if isinstance(exc, (TimeoutError, asyncio.TimeoutError)):
        return "Timeout"
    if isinstance(exc, ssl.SSLError):
        return exc.reason or exc.strerror or "TLS error"
    code = getattr(exc, "errno", None)
    if isinstance(code, int) and code > 0:
        try:
            return os.strerror(code)
        except ValueError:
            pass
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def error_details(exc: BaseException, action: str = "") -> tuple[int, str]:
    """(errCode, message) of the network error *exc* while doing *action*
    ("connect to 127.0.0.1:7009"): the system's error number and wording."""
    code = getattr(exc, "errno", None)
    if isinstance(exc, ssl.SSLCertVerificationError):
        code = errno.EPROTO
    elif not isinstance(code, int) or code <= 0:
        code = errno.ETIMEDOUT if isinstance(exc, (TimeoutError, asyncio.TimeoutError)) else errno.EIO
    reason = _reason(exc)
    return code, f"Cannot {action}: {reason}" if action else reason


def wait_seconds(timeout) -> float | None | bool:
    """The time limit of ``wait({timeout})`` in seconds: None for no limit
    (omitted, or 0 as in the docs' synchronous examples), False after a
    conversion error was signalled."""
    if timeout is UNDEFINED:
        return None
    seconds = coerce("real", timeout)
    if type(seconds) is not float:
        return False
    return seconds if seconds > 0 else None


class AsyncObject(NativeObject):
    """An object of the family: its process, errors, onError/onTerminate and end.

    Subclasses set :attr:`COMPONENT` (``componentSignature``) and provide
    ``_event(type) -> event object``, ``terminate_for_exit()`` (close cleanly:
    KILL WORKER, SIGINT/SIGTERM) and ``abandon()`` (close at once).
    """

    COMPONENT = "NET"
    __slots__ = ("_rt", "_loop", "_errors", "_on_error", "_on_terminate",
                 "_terminated", "_done", "_tracer")

    def __init__(self, rt: scheduler.ProcessRuntime):
        self._rt = rt
        self._loop = rt.loop
        self._errors = Coll()
        self._on_error = self._on_terminate = None
        self._terminated = False
        self._done: asyncio.Future | None = None
        self._tracer = trace.tracer()

    def _configure_end(self, options) -> None:
        self._on_error = find_callable(options, "onError")
        self._on_terminate = find_callable(options, "onTerminate")

    def _in_owner_thread(self, func, *args) -> None:
        """Run ``func(*args)`` now, or on the owner's loop when called from another
        process (what the docs call thread-safe functions)."""
        if threading.get_ident() == self._rt.thread_id:
            func(*args)
        else:
            try:
                self._loop.call_soon_threadsafe(func, *args)
            except RuntimeError:   # the owner's loop is closed: nothing left to do
                pass

    def _add_error(self, code: int, message: str) -> None:
        """Add a 4D error object to ``.errors`` and to the trace."""
        self._errors.append(Obj(errCode=float(code), message=message, componentSignature=self.COMPONENT))
        if self._tracer is not None:
            self._trace("error", comment=f"{code} {message}")

    def _record_error(self, exc: BaseException, action: str = "") -> tuple[int, str]:
        """Add the network error *exc* (while doing *action*) to ``.errors``."""
        code, message = error_details(exc, action)
        self._add_error(code, message)
        return code, message

    def _target(self):
        """The 4D object the callbacks receive as $1 (this one, unless a subclass
        serves another object)."""
        return self

    def _fail_and_finish(self) -> None:
        """After an error: onError, then onTerminate."""
        if self._on_error is not None:
            scheduler.run_callback("onError", self._on_error, self._target(), self._event("error"))
        self._finish()

    def _finish(self) -> None:
        """Call onTerminate and release the object (once)."""
        if self._terminated:
            return
        self._terminated = True
        if self._on_terminate is not None:
            scheduler.run_callback("onTerminate", self._on_terminate, self._target(), self._event("terminate"))
        if self._done is not None and not self._done.done():
            self._done.set_result(None)
        scheduler.detach(self._rt, self)

    def _done_future(self) -> asyncio.Future | None:
        """A future resolved after onTerminate; None once it has run."""
        if self._terminated:
            return None
        if self._done is None:
            self._done = self._loop.create_future()
        return self._done

    def _wait(self, timeout) -> None:
        """``.wait({timeout})``: serve the process's loop until onTerminate ran."""
        seconds = wait_seconds(timeout)
        if seconds is not False:
            scheduler.run_until(self._done_future(), seconds)
