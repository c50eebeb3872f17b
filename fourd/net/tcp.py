"""``4D.TCPListener``, ``4D.TCPConnection`` and ``4D.TCPEvent``.

Specification: API/TCPListenerClass.md, API/TCPConnectionClass.md,
API/TCPEventClass.md (``address``/``port`` since 20 R9) and
Develop/async.md. Built on asyncio transports; a :class:`TCPConnection` is
itself the asyncio protocol of its socket, so the per-message path is
``data_received`` -> one :class:`TCPEvent` (holding one ``4D.Blob``) -> the
``onData`` callback resolved when the connection was configured.

Callbacks run in the loop of the process that created the object (see
``runtime.scheduler``), each receiving ``(object, event)`` with ``This`` =
the options object. A connection calls, each once except ``onData``::

    onConnection -> onData* -> onShutdown (orderly close) | onError -> onTerminate

A listener calls ``onConnection`` per incoming connection (its result, an
options object or Null, accepts or refuses it), ``onError`` if it cannot
listen and ``onTerminate`` after ``terminate()``.

Sending never blocks 4D code. Data sent before the connection is
established, or while the socket cannot take more (the transport paused
writing), waits in a queue of the blobs themselves -- no copy, no
concatenation -- and goes to the socket as it drains; so a peer that reads
slowly costs the memory of the data queued for it, nothing more.

Network errors are reported as ``async_object.error_details`` describes
("Cannot connect to 127.0.0.1:7009: Connection refused"), with
:data:`COMPONENT` as ``componentSignature``.
"""
from __future__ import annotations

import asyncio
import collections
import errno
import ipaddress
import operator
import os
import socket

from ..api.blob import blob_bytes
from ..runtime import scheduler
from ..runtime.builtins import builtin_class
from ..runtime.classes import NativeObject, find_callable
from ..runtime.errors import fail, incompatible
from ..runtime.members import member_function, member_property
from ..runtime.shared import SharedGroup
from ..runtime.values import UNDEFINED, Blob4D, Obj, is_number
from . import trace
from .async_object import AsyncObject, bound_socket

__all__ = ["TCPEvent", "TCPConnection", "TCPListener", "new_listener", "new_connection"]

COMPONENT = "TCP"


def _env_bytes(name: str, default: int) -> int:
    try:
        return max(1, int(os.environ.get(name, default)))
    except ValueError:
        return default


#: Unsent output of one connection (bytes) above which the connection queues
#: blobs itself and stops reading from its peer, and below which it reads again
#: (FOURD_TCP_HIGH_WATER, FOURD_TCP_LOW_WATER): a peer that sends without reading
#: what it is sent cannot make the process's memory grow without bound. 4D code
#: sees nothing of it (4D has no flow control).
WRITE_BUFFER_HIGH = _env_bytes("FOURD_TCP_HIGH_WATER", 1 << 20)
WRITE_BUFFER_LOW = min(_env_bytes("FOURD_TCP_LOW_WATER", WRITE_BUFFER_HIGH // 4), WRITE_BUFFER_HIGH)

# TCPEvent types (TCPEventClass.md).
CONNECTION = "connection"
DATA = "data"
ERROR = "error"
CLOSE = "close"
TERMINATE = "terminate"


class TCPEvent(NativeObject):
    """An immutable event passed to callbacks: ``type``, ``data``, ``address``, ``port``."""

    FOURD_CLASS = "TCPEvent"
    __slots__ = ("type", "address", "port", "data")

    def __init__(self, type_: str, address, port, data=UNDEFINED):
        self.type = type_
        self.address = address
        self.port = port
        self.data = data

    def __repr__(self) -> str:
        return f"<4D.TCPEvent {self.type} {self.address}:{self.port}>"


# --------------------------------------------------------------- helpers

def _is_options(value) -> bool:
    return value is UNDEFINED or value is None or isinstance(value, Obj)


def _option(options, name: str):
    return dict.get(options, name) if isinstance(options, Obj) else None


def _checked_port(function: str, port, lowest: int) -> int | None:
    """*port* as an int, or None once error 54 was signalled."""
    if is_number(port) and lowest <= port <= 65535 and port == int(port):
        return int(port)
    incompatible(function, f"the port must be an integer from {lowest} to 65535")
    return None


def _ip_text(host: str) -> str:
    """An IPv4 client of a dual-stack listener shows as ``::ffff:a.b.c.d``: 4D shows ``a.b.c.d``."""
    if host.startswith("::ffff:") and "." in host:
        return host[7:]
    return host


def _reuse_address(sock: socket.socket) -> None:
    """SO_REUSEADDR on POSIX, so that a terminated listener's port can be reused at once."""
    if os.name == "posix":
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)


def _listening_socket(port: int) -> socket.socket:
    """A socket listening on *port* on every interface, IPv6 and IPv4 when possible."""
    sock = bound_socket(socket.SOCK_STREAM, port, _reuse_address)
    try:
        # Listen now, so that a second listener on the port fails in its new().
        sock.listen(socket.SOMAXCONN)
        sock.setblocking(False)
    except BaseException:
        sock.close()
        raise
    return sock


def _numeric_addresses(host: str, port: int):
    """getaddrinfo()'s answer for an IP address, without a resolver round trip."""
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return None
    if ip.version == 4:
        return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (host, port))]
    return [(socket.AF_INET6, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (host, port, 0, 0))]


async def _open_socket(loop, host: str, port: int) -> socket.socket:
    """A socket connected to *host*:*port*, trying each address of *host* in turn."""
    infos = _numeric_addresses(host, port) or await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    failure: OSError = OSError(errno.EHOSTUNREACH, f"No address for {host}")
    for family, kind, proto, _, address in infos:
        sock = socket.socket(family, kind, proto)
        try:
            sock.setblocking(False)
            await loop.sock_connect(sock, address)
            return sock
        except OSError as exc:
            sock.close()
            failure = exc
        except BaseException:
            sock.close()
            raise
    raise failure


# ------------------------------------------------------------ connection

class TCPConnection(AsyncObject, asyncio.Protocol):
    """A 4D.TCPConnection, and the asyncio protocol of its socket."""

    FOURD_CLASS = "TCPConnection"
    COMPONENT = COMPONENT
    __slots__ = ("address", "port", "listener", "no_delay",
                 "_on_connection", "_on_data", "_on_shutdown",
                 "_transport", "_backlog", "_direct", "_paused", "_reading_paused", "_write_closed",
                 "_eof_pending", "_close_pending", "_refused", "_connect_task",
                 "_peer_address", "_peer_port", "_local_port")

    def __init__(self, rt, address: str, port: int, listener: "TCPListener | None" = None):
        super().__init__(rt)
        self.address = address          # as given (client) or the peer's IP (server side)
        self.port = port
        self.listener = listener
        self.no_delay = False
        self._on_connection = self._on_data = self._on_shutdown = None
        self._transport: asyncio.Transport | None = None
        self._backlog: collections.deque = collections.deque()   # blobs waiting for the socket
        self._direct = False            # established, not paused, nothing queued: write at once
        self._paused = False            # the transport asked us to stop writing
        self._reading_paused = False    # not reading the peer until our output drains
        self._write_closed = False      # shutdown(), peer closed, or ended: no more sends
        self._eof_pending = False       # shutdown() once the queue is drained
        self._close_pending = False     # close once the queue is drained
        self._refused = False
        self._connect_task: asyncio.Task | None = None
        self._peer_address = address
        self._peer_port = port
        self._local_port = None

    def __repr__(self) -> str:
        return f"<4D.TCPConnection {self.address}:{self.port}{' closed' if self._write_closed else ''}>"

    def _configure(self, options) -> None:
        """Resolve the callbacks once (not per event) and read the options."""
        self._on_connection = find_callable(options, "onConnection")
        self._on_data = find_callable(options, "onData")
        self._on_shutdown = find_callable(options, "onShutdown")
        self._configure_end(options)
        self.no_delay = _option(options, "noDelay") is True

    def _event(self, type_: str) -> TCPEvent:
        return TCPEvent(type_, self._peer_address, self._peer_port)

    def _trace(self, event: str, data: bytes = b"", comment: str = "", size: int | None = None) -> None:
        self._tracer.event(event, self._local_port, self._peer_address, self._peer_port, data, comment, size,
                           protocol="TCP")

    # -- client side

    async def _connect(self, timeout: float | None) -> None:
        """Connect, then let the transport call connection_made; failures go to _lost.

        4D callbacks are never called from this task (a wait() in them would
        step the loop inside a task): failures are handed over with call_soon.
        """
        loop = self._loop
        try:
            sock = await asyncio.wait_for(_open_socket(loop, self.address, self.port), timeout)
            await loop.create_connection(lambda: self, sock=sock)
        except asyncio.CancelledError:
            loop.call_soon(self._lost, ConnectionAbortedError(errno.ECONNABORTED, "Connection aborted"))
        except OSError as exc:    # refused, unreachable, unknown host, timeout
            loop.call_soon(self._lost, exc)
        finally:
            self._connect_task = None

    # -- asyncio protocol

    def connection_made(self, transport) -> None:
        self._transport = transport
        peer = transport.get_extra_info("peername")
        if peer:
            self._peer_address, self._peer_port = _ip_text(peer[0]), peer[1]
        local = transport.get_extra_info("sockname")
        self._local_port = local[1] if local else None
        if self.listener is None:
            self._established("connected")
        else:
            self.address, self.port = self._peer_address, self._peer_port
            self.listener._accept(self)

    def _established(self, how: str) -> None:
        transport = self._transport
        sock = transport.get_extra_info("socket")
        if sock is not None:
            # asyncio disables Nagle's algorithm; 4D's default is noDelay = False.
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1 if self.no_delay else 0)
        transport.set_write_buffer_limits(high=WRITE_BUFFER_HIGH, low=WRITE_BUFFER_LOW)
        if self._tracer is not None:
            self._trace("open", comment=how)
        self._drain()       # what was sent before the connection was established
        if self._on_connection is not None:
            scheduler.run_callback("onConnection", self._on_connection, self, self._event(CONNECTION))

    def _refuse(self) -> None:
        """The listener's onConnection returned no options: close the socket at once."""
        self._refused = True
        if self._tracer is not None:
            self._trace("close", comment="refused")
        self._transport.close()

    def data_received(self, data: bytes) -> None:
        if self._tracer is not None:
            self._trace("receive", data)
        if self._on_data is not None:
            scheduler.run_callback("onData", self._on_data, self,
                                   TCPEvent(DATA, self._peer_address, self._peer_port, Blob4D(data)))

    def eof_received(self) -> bool:
        # The peer closed: flush what we still have to send, then close.
        if self._tracer is not None:
            self._trace("close", comment="closed by peer")
        self._close_when_flushed()
        return True

    def pause_writing(self) -> None:
        self._paused = True
        self._direct = False
        if not self._reading_paused:
            self._reading_paused = True
            self._transport.pause_reading()

    def resume_writing(self) -> None:
        self._paused = False
        # Not now: asyncio calls this from its write handler, which shuts the
        # write side down or closes the transport itself once its buffer is
        # empty -- a second time if _drain just did (ENOTCONN, or a double
        # connection_lost).
        self._loop.call_soon(self._drain)

    def connection_lost(self, exc) -> None:
        if not self._refused:
            self._lost(exc)

    # -- sending and closing

    def _drain(self) -> None:
        """Hand queued blobs to the transport until it pauses; then a pending shutdown/close."""
        transport = self._transport
        if transport is None:       # lost meanwhile
            return
        backlog = self._backlog
        while backlog and not self._paused:
            transport.write(backlog.popleft())
        if backlog or self._paused:
            return
        if self._reading_paused:        # below the low-water mark, all handed over: read again
            self._reading_paused = False
            transport.resume_reading()
        if self._close_pending:
            self._close_pending = False
            transport.close()
        elif self._eof_pending:
            self._eof_pending = False
            transport.write_eof()
        self._direct = not self._write_closed

    def _queue(self, payload: bytes) -> None:
        if self._write_closed:
            if self._tracer is not None:
                self._trace("send", size=len(payload), comment="ignored: the connection is closed")
            return
        if self._tracer is not None:
            self._trace("send", payload)
        if self._direct:
            self._transport.write(payload)
        else:
            self._backlog.append(payload)

    def _shutdown(self) -> None:
        if self._write_closed:
            return
        self._write_closed = True
        self._direct = False
        if self._tracer is not None:
            self._trace("close", comment="shutdown (write side)")
        if self._transport is None or self._backlog:
            self._eof_pending = True
        else:
            self._transport.write_eof()

    def _close_when_flushed(self) -> None:
        self._write_closed = True
        self._direct = False
        if self._backlog:
            self._close_pending = True
        else:
            self._transport.close()

    def _lost(self, exc: BaseException | None) -> None:
        """The end of the connection: onShutdown or onError, then onTerminate."""
        if self._terminated:
            return
        self._write_closed = True
        self._direct = False
        self._backlog.clear()
        self._transport = None
        if exc is None:
            if self._tracer is not None:
                self._trace("close", comment="closed")
            if self._on_shutdown is not None:
                scheduler.run_callback("onShutdown", self._on_shutdown, self, self._event(CLOSE))
            self._finish()
        else:
            self._record_error(exc, self._failed_action())
            self._fail_and_finish()

    def _failed_action(self) -> str:
        """What the connection was doing when it failed, for the error message."""
        if self._local_port is None:
            return f"connect to {self.address}:{self.port}"
        return f"exchange data with {self._peer_address}:{self._peer_port}"

    def terminate_for_exit(self) -> None:
        """Close cleanly (queued data is sent first); connecting is abandoned."""
        if self._transport is not None:
            self._close_when_flushed()
        elif self._connect_task is not None:
            self._connect_task.cancel()

    def abandon(self) -> None:
        if self._transport is not None:
            self._transport.abort()
        elif self._connect_task is not None:
            self._connect_task.cancel()


@builtin_class("TCPConnection")
def new_connection(address=UNDEFINED, port=UNDEFINED, options=UNDEFINED):
    """``4D.TCPConnection.new(address; port; options)``: connects asynchronously.

    The connection is attempted when the process next serves its loop (its
    4D code has returned, or it calls ``wait()``); failures are onError
    events, not errors of ``new()``.
    """
    if type(address) is not str or not address:
        return incompatible("4D.TCPConnection.new", "the server address must be a text")
    number = _checked_port("4D.TCPConnection.new", port, 1)
    if number is None:
        return UNDEFINED
    if not _is_options(options):
        return incompatible("4D.TCPConnection.new", "the options must be an object")
    timeout = _option(options, "connectionTimeout")
    timeout = float(timeout) if is_number(timeout) and timeout > 0 else None   # else the system's
    connection = TCPConnection(scheduler.current_runtime(), address, number)
    connection._configure(options)
    scheduler.attach(connection)
    connection._connect_task = connection._loop.create_task(connection._connect(timeout))
    return connection


@member_function(TCPConnection, "send")
def send(connection: TCPConnection, data=UNDEFINED) -> None:
    """``.send(blob)``: a Blob or a 4D.Blob; queued until sent, never blocking."""
    payload = blob_bytes(data)
    if payload is None:
        incompatible("TCPConnection.send", "a Blob or a 4D.Blob is expected")
        return
    connection._in_owner_thread(connection._queue, payload)


@member_function(TCPConnection, "shutdown")
def shutdown(connection: TCPConnection) -> None:
    """``.shutdown()``: close the write side once queued data is sent; reading goes on."""
    connection._in_owner_thread(connection._shutdown)


@member_function(TCPConnection, "wait")
def wait(connection: TCPConnection, timeout=UNDEFINED) -> None:
    """``.wait({timeout})``: serve the process's loop until onTerminate ran.

    Without a timeout, or with 0 as in the doc's synchronous example
    (``shutdown()`` then ``wait(0)``), there is no time limit.
    """
    connection._wait(timeout)


for _name, _getter in {
    "address": lambda c: c.address,
    "port": lambda c: float(c.port),
    "closed": lambda c: c._write_closed or c._terminated,
    "errors": lambda c: c._errors,
    "listener": lambda c: c.listener,
    "noDelay": lambda c: c.no_delay,
}.items():
    member_property(TCPConnection, _name)(_getter)


# -------------------------------------------------------------- listener

class TCPListener(AsyncObject):
    """A 4D.TCPListener: accepts connections on a port, on every interface.

    It is a shared object (TCPListenerClass.md): it can be put in ``Storage``
    or passed to other processes, whose ``terminate()`` is thread-safe. (A
    TCPConnection is not sharable.)
    """

    FOURD_CLASS = "TCPListener"
    COMPONENT = COMPONENT
    __slots__ = ("port", "shared", "_sock", "_server", "_closing", "_on_connection")

    def __init__(self, rt, options):
        super().__init__(rt)
        self.shared = SharedGroup(self)
        self.port = 0
        self._sock: socket.socket | None = None
        self._server: asyncio.AbstractServer | None = None
        self._closing = False
        self._on_connection = find_callable(options, "onConnection")
        self._configure_end(options)

    def __repr__(self) -> str:
        return f"<4D.TCPListener port={self.port}{' closed' if self._closing else ''}>"

    def _event(self, type_: str) -> TCPEvent:
        return TCPEvent(type_, UNDEFINED, UNDEFINED)

    def _trace(self, event: str, data: bytes = b"", comment: str = "", size: int | None = None) -> None:
        self._tracer.event(event, self.port, "", "", data, comment, size, protocol="TCP")

    async def _start(self) -> None:
        if self._closing:
            return
        # With a socket and start_serving=False, create_server does not suspend:
        # _closing cannot change before _server is set.
        self._server = await self._loop.create_server(self._incoming, sock=self._sock,
                                                      backlog=socket.SOMAXCONN, start_serving=False)
        await self._server.start_serving()

    def _incoming(self) -> TCPConnection:
        """The protocol of an accepted socket; onConnection decides in _accept."""
        return TCPConnection(self._rt, "", 0, listener=self)

    def _accept(self, connection: TCPConnection) -> None:
        options = None
        if not self._closing and self._on_connection is not None:
            event = TCPEvent(CONNECTION, connection._peer_address, connection._peer_port)
            options = scheduler.run_callback("onConnection", self._on_connection, self, event)
        if not isinstance(options, Obj):     # Null/Undefined (or an error): refused
            connection._refuse()
            return
        connection._configure(options)
        scheduler.attach(connection)
        connection._established("accepted")

    def _terminate(self) -> None:
        if self._closing:
            return
        self._closing = True
        if self._server is not None:
            self._server.close()       # stops listening and closes the socket now
        elif self._sock is not None:
            self._sock.close()
        self._sock = None
        if self._tracer is not None:
            self._trace("close", comment="terminated")
        self._loop.call_soon(self._finish)

    terminate_for_exit = _terminate

    def abandon(self) -> None:
        self._terminate()


@builtin_class("TCPListener")
def new_listener(port=UNDEFINED, options=UNDEFINED):
    """``4D.TCPListener.new(port; options)``: listen on *port* (0: any free port).

    A port that cannot be listened to is a 4D error of ``new()`` (catchable
    with ``Try``); ``.errors`` is filled and ``onError`` then ``onTerminate``
    run when the process serves its loop.
    """
    number = _checked_port("4D.TCPListener.new", port, 0)
    if number is None:
        return UNDEFINED
    if not _is_options(options):
        return incompatible("4D.TCPListener.new", "the options must be an object")
    listener = TCPListener(scheduler.current_runtime(), options)
    scheduler.attach(listener)
    try:
        listener._sock = _listening_socket(number)
    except OSError as exc:
        listener.port = number
        listener._closing = True
        code, message = listener._record_error(exc, f"listen on port {number}")
        listener._loop.call_soon(listener._fail_and_finish)   # when the process serves its loop
        fail(code, message, COMPONENT)
        return listener
    listener.port = listener._sock.getsockname()[1]
    if listener._tracer is not None:
        listener._trace("listen")
    listener._loop.create_task(listener._start())
    return listener


@member_function(TCPListener, "terminate")
def terminate(listener: TCPListener) -> None:
    """``.terminate()``: stop listening and free the port at once; onTerminate follows."""
    listener._in_owner_thread(listener._terminate)


builtin_class("TCPEvent", new=None, module=__name__)

member_property(TCPListener, "port")(lambda listener: float(listener.port))
member_property(TCPListener, "errors")(lambda listener: listener._errors)

for _name in ("type", "address", "data"):
    member_property(TCPEvent, _name)(operator.attrgetter(_name))
member_property(TCPEvent, "port")(lambda event: event.port if event.port is UNDEFINED else float(event.port))
