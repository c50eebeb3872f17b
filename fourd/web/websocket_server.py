"""``4D.WebSocketServer`` and ``4D.WebSocketConnection``
(API/WebSocketServerClass.md, API/WebSocketConnectionClass.md).

A WebSocket server shares the host and port of the running web server
(``new()`` fails when it is not started). Its connections are accepted by
the web processes (``fourd.web.server``): the handshake and the frames are
handled on the loop of the web process that accepted the connection, and
every callback -- the server handler's ``onConnection``/``onOpen``/
``onError``/``onTerminate``, each connection handler's ``onOpen``/
``onMessage``/``onError``/``onTerminate`` -- runs in the process that
created the server (4D asks for a worker), one at a time, when that process
is idle. Messages cross between the two loops with
``call_soon_threadsafe``; what 4D code sends waits in a per-connection
queue written in order by one task on the web process's loop.

A connection calls ``onOpen`` -> ``onMessage``* -> ``onError``? ->
``onTerminate`` (code 1005 when the peer gave none, 1006 after an error).
The server keeps its process alive until its ``onTerminate`` ran, after
``terminate()``, ``WEB STOP SERVER``/``.stop()``, or SIGINT/SIGTERM.
Incoming messages larger than :data:`MAX_MESSAGE` bytes end the connection
with an error (1009).
"""
from __future__ import annotations

import asyncio
import collections
import itertools
import threading
import urllib.parse

from aiohttp import WSMsgType, web

from ..api.blob import blob_bytes
from ..commands.arguments import incompatible
from ..commands.json import parse as parse_json, stringify
from ..net import trace
from ..runtime import scheduler
from ..runtime.builtins import builtin_class
from ..runtime.classes import NativeObject, find_callable
from ..runtime.errors import Codes, fail
from ..runtime.members import member_function, member_property
from ..runtime.values import UNDEFINED, Blob4D, Coll, Obj, is_number
from .server import env_number, normalised_path, web_server_object

__all__ = ["WebSocketServer", "WebSocketConnection", "deliver_message", "outgoing_frame", "receive_frames",
           "trace_end",
           "write_frames", "Inflow", "MAX_MESSAGE"]

COMPONENT = "WebSocket"
#: Largest incoming message (bytes); FOURD_WS_MAX_MESSAGE overrides it.
MAX_MESSAGE = int(env_number("FOURD_WS_MAX_MESSAGE", 16 << 20))
#: Messages of one connection given to 4D callbacks but not yet delivered, above
#: which the connection stops reading (FOURD_WS_PENDING_MESSAGES overrides it).
PENDING_MESSAGES = max(2, int(env_number("FOURD_WS_PENDING_MESSAGES", 64)))
DATA_TYPES = ("text", "blob", "object")
_ids = itertools.count(1)


def message_data(data, data_type: str):
    """A received frame's payload (str or bytes) as the 4D value of *data_type*."""
    if data_type == "blob":
        return Blob4D(data.encode("utf-8") if type(data) is str else data)
    text = data if type(data) is str else bytes(data).decode("utf-8", errors="replace")
    if data_type == "object":
        return parse_json(text)
    return text


def deliver_message(on_message, target, data, data_type: str) -> None:
    """``onMessage(target; {type: "message"; data})``; a message that is not
    valid for *data_type* (JSON for "object") is a 4D error of the callback."""
    on_message(target, Obj(type="message", data=message_data(data, data_type)))


def outgoing_frame(function: str, message):
    """What ``send(message)`` puts in a frame: str (Text, Object as JSON) or bytes (Blob)."""
    if type(message) is str:
        return message
    data = blob_bytes(message)
    if data is not None:
        return data
    if isinstance(message, (Obj, Coll)):
        return stringify(message)
    incompatible(function, "the message must be a Text, a Blob or an Object")
    return None


class Inflow:
    """The messages of one connection handed to 4D callbacks and not delivered
    yet. Above PENDING_MESSAGES the connection stops reading -- aiohttp then
    stops reading the socket and the peer's sending blocks -- until the
    callbacks have caught up with half of them: a slow 4D callback costs a
    bounded memory, whatever the peer sends."""

    def __init__(self, loop):
        self._loop = loop                   # the loop reading the socket
        self._lock = threading.Lock()       # added() and delivered() may run in two threads
        self._pending = 0
        self._resume: asyncio.Event | None = None

    def added(self):
        """One more message (on the reading loop): an awaitable to wait for, or None."""
        with self._lock:
            self._pending += 1
            if self._pending < PENDING_MESSAGES:
                return None
            self._resume = asyncio.Event()
            return self._resume.wait()

    def delivered(self) -> None:
        """A message went to its callback (on the callbacks' loop)."""
        with self._lock:
            self._pending -= 1
            resume = self._resume if self._pending <= PENDING_MESSAGES // 2 else None
            if resume is not None:
                self._resume = None
        if resume is not None:
            self._loop.call_soon_threadsafe(resume.set)


async def receive_frames(socket_, deliver, note: trace.ConnectionTrace | None = None
                         ) -> tuple[int | None, str, tuple[int, str] | None]:
    """Pass each message of *socket_* (aiohttp, server or client side) to
    ``deliver(data)`` (which may return an awaitable: reading waits for it)
    until it closes: (close code, reason, error or None). *note* writes the
    ``receive`` lines of the network trace."""
    reason, error = "", None
    while True:
        frame = await socket_.receive()
        kind = frame.type
        if kind in (WSMsgType.TEXT, WSMsgType.BINARY):
            if note is not None:
                note("receive", frame.data)
            waiting = deliver(frame.data)
            if waiting is not None:
                await waiting
        elif kind == WSMsgType.CLOSE:
            reason = frame.extra if type(frame.extra) is str else ""
        elif kind == WSMsgType.ERROR:
            exc = socket_.exception() or frame.data
            code = getattr(exc, "code", None)       # aiohttp's WebSocketError carries the close code
            error = (code if isinstance(code, int) and code >= 1000 else 1006, str(exc) or "WebSocket error")
            break
        elif kind == WSMsgType.CLOSED:
            break
        # CLOSING: our own close() is under way; it ends with CLOSED
    code = error[0] if error is not None else socket_.close_code
    return code, reason, error


def trace_end(note: trace.ConnectionTrace | None, code: int, reason: str, error: tuple[int, str] | None) -> None:
    """The last lines of a WebSocket in the network trace: its error, and the
    close code onTerminate reports."""
    if note is not None:
        if error is not None:
            note("error", comment=f"{error[0]} {error[1]}")
        note("close", comment=f"code {code}{' ' + reason if reason else ''}")


async def write_frames(socket_, outbox: collections.deque, note: trace.ConnectionTrace | None = None) -> None:
    """Send the frames of *outbox* in order (str: text, bytes: binary) until it
    is empty; once the socket is closed the rest is dropped. *note* writes the
    ``send`` lines of the network trace."""
    try:
        while outbox:
            frame = outbox.popleft()
            if note is not None:
                note("send", frame)
            if type(frame) is str:
                await socket_.send_str(frame)
            else:
                await socket_.send_bytes(frame)
    except (ConnectionError, RuntimeError):
        outbox.clear()


def _data_type(options) -> str | None:
    value = dict.get(options, "dataType", "text") if isinstance(options, Obj) else "text"
    return value if value in DATA_TYPES else None


# ------------------------------------------------------------- connection

class WebSocketConnection(NativeObject):
    """One client of a WebSocketServer (its callbacks run in the server's process)."""

    FOURD_CLASS = "WebSocketConnection"

    def __init__(self, server: "WebSocketServer", socket_: web.WebSocketResponse, loop, url: str):
        self.id = next(_ids)
        self.wss = server
        self.url = url
        self.handler = None
        self.status = "Connected"
        self._socket = socket_
        self._web_loop = loop              # the web process's loop: frames go through it
        self._outbox: collections.deque = collections.deque()
        self._writer = None
        self._refused = False
        self._ended = False
        self._close_code: int | None = None    # sent by terminate(): what onTerminate reports
        self.inflow = Inflow(loop)
        self.trace = trace.for_connection("WS", socket_.get_extra_info)
        self._on_message = self._on_open = self._on_error = self._on_terminate = None

    def __repr__(self) -> str:
        return f"<4D.WebSocketConnection {self.id} {self.status}>"

    # -- in the web process

    def _queue(self, frame) -> None:
        self._outbox.append(frame)
        if self._writer is None:
            self._writer = self._web_loop.create_task(self._write())

    async def _write(self) -> None:
        try:
            await write_frames(self._socket, self._outbox, self.trace)
        finally:
            self._writer = None

    async def _close(self, code: int, reason: str) -> None:
        if self._writer is not None:
            await self._writer
        await self._socket.close(code=code, message=reason.encode("utf-8"))

    def _to_web(self, func, *args) -> None:
        try:
            self._web_loop.call_soon_threadsafe(func, *args)
        except RuntimeError:        # the web process has ended
            pass

    # -- in the server's process

    def _opened(self, options) -> None:
        self.handler = options
        self._on_message = find_callable(options, "onMessage")
        self._on_open = find_callable(options, "onOpen")
        self._on_error = find_callable(options, "onError")
        self._on_terminate = find_callable(options, "onTerminate")
        if self._on_open is not None:
            scheduler.run_callback("onOpen", self._on_open, self, Obj(type="open"))

    def _received(self, data) -> None:
        self.inflow.delivered()
        if self._refused or self._ended or self._on_message is None:
            return
        scheduler.run_callback("onMessage", deliver_message, self._on_message, self, data, self.wss.data_type)

    def _closed(self, code: int | None, reason: str, error: tuple[int, str] | None) -> None:
        if self._ended:
            return
        self._ended = True
        self.status = "Closed"
        self.wss._forget(self)
        if error is None and self._close_code is not None:
            code = self._close_code
        code = code or (1006 if error else 1005)
        trace_end(self.trace, code, reason, error)
        if self._refused:
            return
        if error is not None and self._on_error is not None:
            errors = Coll([Obj(errCode=float(error[0]), message=error[1], componentSignature=COMPONENT)])
            scheduler.run_callback("onError", self._on_error, self,
                                   Obj(type="error", status=Obj(HTTPError=error[1], errors=errors)))
        if self._on_terminate is not None:
            event = Obj(type="terminate", code=float(code))
            if reason:
                dict.__setitem__(event, "reason", reason)
            scheduler.run_callback("onTerminate", self._on_terminate, self, event)

    def send(self, message) -> None:
        frame = outgoing_frame("WebSocketConnection.send", message)
        if frame is not None and self.status == "Connected":
            self._to_web(self._queue, frame)

    def terminate(self, code=UNDEFINED, reason=UNDEFINED) -> None:
        """Close; a *code* above 3000 is sent with *reason* (WebSocketConnectionClass.md)."""
        if self.status != "Connected":
            return
        self.status = "Closing"
        if is_number(code) and 3000 < code <= 4999:
            close_code, text = int(code), reason if type(reason) is str else ""
        else:
            close_code, text = 1000, ""
        self._close_code = close_code
        self._to_web(lambda: self._web_loop.create_task(self._close(close_code, text)))


builtin_class("WebSocketConnection", new=None, module=__name__)

member_function(WebSocketConnection, "send")(WebSocketConnection.send)
member_function(WebSocketConnection, "terminate")(WebSocketConnection.terminate)
member_property(WebSocketConnection, "id")(lambda c: float(c.id))
member_property(WebSocketConnection, "url")(lambda c: c.url)
member_property(WebSocketConnection, "status")(lambda c: c.status)
member_property(WebSocketConnection, "handler")(lambda c: c.handler if c.handler is not None else UNDEFINED)
member_property(WebSocketConnection, "wss")(lambda c: c.wss)


# ----------------------------------------------------------------- server

class WebSocketServer(NativeObject):
    """A 4D.WebSocketServer, served by the web server's processes."""

    FOURD_CLASS = "WebSocketServer"

    def __init__(self, rt, handler: Obj, path: str | None, data_type: str):
        self._rt = rt
        self._loop = rt.loop
        self.handler = handler
        self.path = path
        self.data_type = data_type
        self.connections = Coll()           # changed in this server's process only
        self.terminated = False
        self._ending = False
        self._on_connection = find_callable(handler, "onConnection")
        self._on_open = find_callable(handler, "onOpen")
        self._on_error = find_callable(handler, "onError")
        self._on_terminate = find_callable(handler, "onTerminate")

    def __repr__(self) -> str:
        return f"<4D.WebSocketServer {self.path or '*'}{' terminated' if self.terminated else ''}>"

    def accepts(self, path: str) -> bool:
        return not self._ending and (self.path is None or path == self.path)

    def _to_owner(self, func, *args) -> None:
        try:
            self._loop.call_soon_threadsafe(func, *args)
        except RuntimeError:        # the server's process has ended
            pass

    # -- in a web process

    async def serve(self, request) -> web.WebSocketResponse:
        """Complete the handshake, then pass each frame to the server's process."""
        socket_ = web.WebSocketResponse(max_msg_size=MAX_MESSAGE)
        await socket_.prepare(request)
        transport = request.transport
        peer = transport.get_extra_info("peername") if transport is not None else None
        details = Obj(
            headers=Obj((str(name).lower(), str(value)) for name, value in request.headers.items()),
            query=Obj(urllib.parse.parse_qsl(request.query_string, keep_blank_values=True)),
            url=request.raw_path, remoteAddress=peer[0] if peer else "")
        connection = WebSocketConnection(self, socket_, asyncio.get_running_loop(), request.raw_path)
        if connection.trace is not None:
            connection.trace("open", comment=f"accepted {request.raw_path}")
        self._to_owner(self._connect, connection, details)
        def deliver(data):
            waiting = connection.inflow.added()
            self._to_owner(connection._received, data)
            return waiting

        code, reason, error = await receive_frames(socket_, deliver, connection.trace)
        self._to_owner(connection._closed, code, reason, error)
        return socket_

    # -- in the server's process

    def _connect(self, connection: WebSocketConnection, details: Obj) -> None:
        options = None
        if not self._ending and self._on_connection is not None:
            options = scheduler.run_callback("onConnection", self._on_connection, self,
                                             Obj(type="connection", request=details))
        if not isinstance(options, Obj):     # Null/Undefined: the connection is cancelled
            connection._refused = True
            connection.status = "Closing"
            connection._to_web(lambda: connection._web_loop.create_task(connection._close(1008, "")))
            return
        self.connections.append(connection)
        connection._opened(options)

    def _forget(self, connection: WebSocketConnection) -> None:
        if connection in self.connections:
            self.connections.remove(connection)
        if self._ending and not self.connections:
            self._finish()

    def _opened(self) -> None:
        if self._on_open is not None and not self._ending:
            scheduler.run_callback("onOpen", self._on_open, self, Obj(type="open"))

    def _terminate(self) -> None:
        """Stop accepting, close every connection; onTerminate once they are closed."""
        if self._ending:
            return
        self._ending = True
        self._unregister()
        for connection in list(self.connections):
            connection.terminate()
        if not self.connections:
            self._finish()
        else:                        # connections whose web process is gone never report
            self._loop.call_later(3.0, self._finish)

    def _unregister(self) -> None:
        server = web_server_object()
        with server.lock:
            if self in server.websocket_servers:
                server.websocket_servers.remove(self)

    def _finish(self) -> None:
        if self.terminated:
            return
        self.terminated = True
        self._unregister()
        self.connections.clear()
        if self._on_terminate is not None:
            scheduler.run_callback("onTerminate", self._on_terminate, self, Obj(type="terminate"))
        scheduler.detach(self._rt, self)

    terminate_for_exit = _terminate

    def abandon(self) -> None:
        self._ending = True
        self._finish()

    def server_stopped(self) -> None:
        """The web server stopped (any thread): this server terminates too."""
        self._to_owner(self._terminate)


@builtin_class("WebSocketServer")
def new_websocket_server(handler=UNDEFINED, options=UNDEFINED):
    """``4D.WebSocketServer.new(WSSHandler{; options})``: needs the web server running."""
    if not isinstance(handler, Obj):
        return incompatible("4D.WebSocketServer.new", "the handler must be an object")
    if options is not UNDEFINED and options is not None and not isinstance(options, Obj):
        return incompatible("4D.WebSocketServer.new", "the options must be an object")
    data_type = _data_type(options)
    if data_type is None:
        return incompatible("4D.WebSocketServer.new", 'dataType must be "text", "blob" or "object"')
    path = dict.get(options, "path") if isinstance(options, Obj) else None
    if path is not None and type(path) is not str:
        return incompatible("4D.WebSocketServer.new", "path must be a text")
    if path is not None:
        path = normalised_path("/" + urllib.parse.unquote(path))
    if find_callable(handler, "onConnection") is None:
        return fail(Codes.UNKNOWN_FUNCTION, "4D.WebSocketServer.new: the handler has no onConnection function",
                    COMPONENT)
    server = web_server_object()
    socket_server = WebSocketServer(scheduler.current_runtime(), handler, path, data_type)
    with server.lock:
        if not server.running:
            return fail(Codes.UNSUPPORTED_COMMAND,
                        "4D.WebSocketServer.new: the web server is not started", COMPONENT)
        server.websocket_servers.append(socket_server)
    scheduler.attach(socket_server)
    socket_server._loop.call_soon(socket_server._opened)
    return socket_server


@member_function(WebSocketServer, "terminate")
def terminate(server: WebSocketServer) -> None:
    if threading.get_ident() == server._rt.thread_id:
        server._terminate()
    else:
        server._to_owner(server._terminate)


member_property(WebSocketServer, "connections")(lambda s: Coll(s.connections))
member_property(WebSocketServer, "dataType")(lambda s: s.data_type)
member_property(WebSocketServer, "handler")(lambda s: s.handler)
member_property(WebSocketServer, "path")(lambda s: s.path if s.path is not None else UNDEFINED)
member_property(WebSocketServer, "terminated")(lambda s: s.terminated)
