"""``4D.WebSocket``: a WebSocket client (API/WebSocketClass.md), on aiohttp.

``4D.WebSocket.new(url{; connectionHandler})`` accepts ``ws://`` and
``wss://`` URLs; a URL of any other form is a 4D error of ``new()``, which
then returns Null. Connecting is asynchronous, like every class of
Develop/async.md: a refused or failed connection is an ``onError`` event
followed by ``onTerminate``, not an error of ``new()``. ``wss://`` verifies
the server's certificate against the system's authorities (and
``SSL_CERT_FILE``, as OpenSSL reads it).

Callbacks run in the process that created the object, when it is idle or
inside ``wait()``, in the documented order::

    onOpen -> onMessage* -> onError? -> onTerminate

``status`` goes "Connecting" -> "Connected" -> "Closing" -> "Closed".
Messages given to ``send()`` before the connection is open wait for it;
they are written in order by one task. The process keeps the object alive
until ``onTerminate`` ran. Incoming messages larger than ``MAX_MESSAGE``
bytes end the connection (1009).
"""
from __future__ import annotations

import asyncio
import collections
import errno
import itertools
import threading

import aiohttp

from ..commands.arguments import incompatible
from ..runtime import scheduler
from . import trace
from ..runtime.builtins import builtin_class
from ..runtime.classes import NativeObject, find_callable
from ..runtime.conversions import coerce
from ..runtime.errors import Codes, fail
from ..runtime.members import member_function, member_property
from ..runtime.values import UNDEFINED, Coll, Obj, is_number
from ..web.websocket_server import (DATA_TYPES, MAX_MESSAGE, Inflow, deliver_message, outgoing_frame,
                                   receive_frames, trace_end, write_frames)
from .async_object import wait_seconds

__all__ = ["WebSocket", "new_websocket"]

COMPONENT = "WebSocket"
_ids = itertools.count(1)


def _headers(handler) -> list[tuple[str, str]]:
    """The ``headers`` of the handler: name -> text, or a collection of texts."""
    headers = dict.get(handler, "headers") if isinstance(handler, Obj) else None
    pairs = []
    if isinstance(headers, Obj):
        for name, value in headers.items():
            for item in (value if isinstance(value, Coll) else [value]):
                text = coerce("text", item)
                if type(text) is str and not any(c in name + text for c in "\r\n\0"):
                    pairs.append((name, text))
    return pairs


class _ClientSocket(aiohttp.ClientWebSocketResponse):
    """aiohttp's client socket, whose close() without a code uses ``closing_with``.

    aiohttp's close() called while another task waits in receive() makes
    that task close with the default code (1000); terminate(code; reason)
    sets ``closing_with`` first, so that whichever task closes sends them.
    """

    closing_with = (1000, b"")

    async def close(self, *, code: int | None = None, message: bytes | None = None) -> bool:
        return await super().close(code=self.closing_with[0] if code is None else code,
                                   message=self.closing_with[1] if message is None else message)


class WebSocket(NativeObject):
    """A 4D.WebSocket: one client connection, served by its process's loop."""

    FOURD_CLASS = "WebSocket"

    def __init__(self, rt, url: str, handler, data_type: str):
        self._rt = rt
        self._loop = rt.loop
        self.url = url
        self.id = next(_ids)
        self.handler = handler
        self.data_type = data_type
        self.status = "Connecting"
        self._socket: aiohttp.ClientWebSocketResponse | None = None
        self._task: asyncio.Task | None = None
        self._outbox: collections.deque = collections.deque()
        self._writer: asyncio.Task | None = None
        self._close_with: tuple[int, str] | None = None
        self._terminated = False
        self._done: asyncio.Future | None = None
        self._inflow = Inflow(self._loop)
        self._trace: trace.ConnectionTrace | None = None
        self._on_open = find_callable(handler, "onOpen")
        self._on_message = find_callable(handler, "onMessage")
        self._on_error = find_callable(handler, "onError")
        self._on_terminate = find_callable(handler, "onTerminate")

    def __repr__(self) -> str:
        return f"<4D.WebSocket {self.id} {self.url} {self.status}>"

    # -- the connection task (4D callbacks are handed over with call_soon:
    #    a wait() in them steps the loop, which cannot happen inside a task)

    async def _run(self, headers) -> None:
        loop = self._loop
        try:
            async with aiohttp.ClientSession(ws_response_class=_ClientSocket) as session:
                try:
                    self._socket = await session.ws_connect(self.url, headers=headers, max_msg_size=MAX_MESSAGE,
                                                            autoping=True)
                except (aiohttp.ClientError, OSError, asyncio.TimeoutError) as exc:
                    code, message = _describe(exc)
                    trace.event("WS", "error", comment=f"{code} {message} ({self.url})")
                    loop.call_soon(self._end, None, "", (code, message))
                    return
                self._trace = trace.for_connection("WS", self._socket.get_extra_info)
                if self._trace is not None:
                    self._trace("open", comment=f"connected {self.url}")
                loop.call_soon(self._opened)
                code, reason, error = await receive_frames(self._socket, self._received_soon, self._trace)
                loop.call_soon(self._end, code, reason, error)
        except asyncio.CancelledError:
            loop.call_soon(self._end, None, "", None)

    def _received_soon(self, data):
        waiting = self._inflow.added()
        self._loop.call_soon(self._received, data)
        return waiting

    def _opened(self) -> None:
        if self._close_with is not None:     # terminate() before the connection opened
            self._start_close()
            return
        self.status = "Connected"
        if self._on_open is not None:
            scheduler.run_callback("onOpen", self._on_open, self, Obj(type="open"))
        if self._outbox and self._writer is None:
            self._writer = self._loop.create_task(self._write())

    def _received(self, data) -> None:
        self._inflow.delivered()
        if self._on_message is not None and not self._terminated:
            scheduler.run_callback("onMessage", deliver_message, self._on_message, self, data, self.data_type)

    def _end(self, code, reason: str, error) -> None:
        """onError (after an error), then onTerminate; release the object."""
        if self._terminated:
            return
        self._terminated = True
        self.status = "Closed"
        self._outbox.clear()
        sent_reason = reason
        if self._close_with is not None and error is None:
            code, sent_reason = self._close_with     # we closed: the code we sent, not the peer's echo
        code = code or (1006 if error else 1005)
        trace_end(self._trace, code, sent_reason, error)
        if error is not None and self._on_error is not None:
            errors = Coll([Obj(errCode=float(error[0]), message=error[1], componentSignature=COMPONENT)])
            scheduler.run_callback("onError", self._on_error, self, Obj(type="error", errors=errors))
        if self._on_terminate is not None:
            event = Obj(type="terminate", code=float(code), reason=reason)
            scheduler.run_callback("onTerminate", self._on_terminate, self, event)
        if self._done is not None and not self._done.done():
            self._done.set_result(None)
        scheduler.detach(self._rt, self)

    # -- sending and closing (on the owner's loop)

    def _queue(self, frame) -> None:
        if self.status not in ("Connecting", "Connected") or self._close_with is not None:
            return
        self._outbox.append(frame)
        if self.status == "Connected" and self._writer is None:
            self._writer = self._loop.create_task(self._write())

    async def _write(self) -> None:
        try:
            await write_frames(self._socket, self._outbox, self._trace)
        finally:
            self._writer = None
            if self._close_with is not None and self.status == "Closing":
                self._loop.create_task(self._socket.close())

    def _terminate(self, code: int, reason: str) -> None:
        if self._terminated or self._close_with is not None:
            return
        self._close_with = (code, reason)
        if self.status == "Connected":
            self._start_close()
        # Connecting: _opened closes at once (the handshake cannot be interrupted cleanly)

    def _start_close(self) -> None:
        self.status = "Closing"
        code, reason = self._close_with
        self._socket.closing_with = (code, reason.encode("utf-8"))
        if self._writer is None:         # else _write closes once the queue is written
            self._loop.create_task(self._socket.close())

    def terminate_for_exit(self) -> None:
        if self.status == "Connecting" and self._task is not None:
            self._task.cancel()
        else:
            self._terminate(1001, "")     # going away

    def abandon(self) -> None:
        if self._task is not None:
            self._task.cancel()

    def _in_owner_thread(self, func, *args) -> None:
        if threading.get_ident() == self._rt.thread_id:
            func(*args)
        else:
            self._loop.call_soon_threadsafe(func, *args)

    def _done_future(self):
        if self._terminated:
            return None
        if self._done is None:
            self._done = self._loop.create_future()
        return self._done


def _describe(exc: BaseException) -> tuple[int, str]:
    """(errCode, message) of a connection failure."""
    if isinstance(exc, aiohttp.WSServerHandshakeError):
        return exc.status, f"WebSocket handshake refused by the server: HTTP {exc.status} {exc.message}"
    cause = getattr(exc, "os_error", None) or exc
    code = getattr(cause, "errno", None) or errno.EIO
    if isinstance(exc, aiohttp.ClientConnectorCertificateError):
        return code, f"Invalid certificate: {exc.certificate_error}"
    if isinstance(exc, aiohttp.ClientConnectorError):
        return code, f"Cannot connect to {exc.host}:{exc.port}: {getattr(cause, 'strerror', None) or cause}"
    return code, str(exc) or type(exc).__name__


@builtin_class("WebSocket")
def new_websocket(url=UNDEFINED, handler=UNDEFINED):
    """``4D.WebSocket.new(url{; connectionHandler})``."""
    if type(url) is not str or not url.lower().startswith(("ws://", "wss://")):
        fail(Codes.TYPE_MISMATCH, f"4D.WebSocket.new: invalid WebSocket URL: {url!r} (ws:// or wss:// expected)",
             COMPONENT)
        return None
    if handler is not UNDEFINED and handler is not None and not isinstance(handler, Obj):
        return incompatible("4D.WebSocket.new", "the connection handler must be an object")
    data_type = dict.get(handler, "dataType", "text") if isinstance(handler, Obj) else "text"
    if data_type not in DATA_TYPES:
        return incompatible("4D.WebSocket.new", 'dataType must be "text", "blob" or "object"')
    socket_ = WebSocket(scheduler.current_runtime(), url, handler if isinstance(handler, Obj) else UNDEFINED,
                        data_type)
    scheduler.attach(socket_)
    socket_._task = socket_._loop.create_task(socket_._run(_headers(handler)))
    return socket_


@member_function(WebSocket, "send")
def send(socket_: WebSocket, message=UNDEFINED) -> None:
    """``.send(message)``: Text, Blob or Object (as JSON text)."""
    frame = outgoing_frame("WebSocket.send", message)
    if frame is not None:
        socket_._in_owner_thread(socket_._queue, frame)


@member_function(WebSocket, "terminate")
def terminate(socket_: WebSocket, code=UNDEFINED, reason=UNDEFINED) -> None:
    """``.terminate({code{; reason}})``: 1000 by default, or 3000 to 4999 (WebSocketClass.md)."""
    if code is UNDEFINED:
        close_code = 1000
    elif is_number(code) and code == int(code) and (code == 1000 or 3000 <= code <= 4999):
        close_code = int(code)
    else:
        incompatible("WebSocket.terminate", "the code must be 1000 or from 3000 to 4999")
        return
    text = reason if type(reason) is str else ""
    socket_._in_owner_thread(socket_._terminate, close_code, text)


@member_function(WebSocket, "wait")
def wait(socket: WebSocket, timeout=UNDEFINED) -> None:
    """As ``TCPConnection.wait()``: serve the process's loop until onTerminate ran."""
    seconds = wait_seconds(timeout)
    if seconds is not False:
        scheduler.run_until(socket._done_future(), seconds)

member_property(WebSocket, "url")(lambda s: s.url)
member_property(WebSocket, "id")(lambda s: float(s.id))
member_property(WebSocket, "status")(lambda s: s.status)
member_property(WebSocket, "handler")(lambda s: s.handler)
member_property(WebSocket, "dataType")(lambda s: s.data_type)
