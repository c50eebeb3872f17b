"""``4D.UDPSocket`` and ``4D.UDPEvent`` (API/UDPSocketClass.md, API/UDPEventClass.md).

A socket is bound when ``new()`` returns (on every interface, IPv6 and IPv4
through one dual-stack socket when the system has IPv6). Its datagrams are
served by the event loop of the process that created it (Develop/async.md):
each one becomes an ``onData`` call with a :class:`UDPEvent` holding the
sender's address and port and the data as a 4D.Blob. ``send()`` never
blocks: asyncio's transport keeps what the system cannot take yet.

Release (UDPSocketClass.md): "a UDPSocket is automatically released when it
is no longer referenced". So, unlike the other classes of the family, the
process does not keep the socket itself alive: it keeps its
:class:`_Endpoint` (the asyncio protocol, which only refers to the socket
weakly) until the port is released; when the last reference to the socket
goes, the socket asks its endpoint to close, ``onTerminate`` runs -- with
the socket, kept for that call -- and the port is free. A socket that its
own options object refers to (``This.socket:=4D.UDPSocket.new(port;
This)``) is a cycle held by its endpoint: it lives until the program ends
(Ctrl-C, SIGTERM), as a reference-counted 4D keeps such a cycle.

Sizes and queues: a datagram carries at most 65,507 bytes over IPv4 and
65,527 over IPv6 (the protocols' limits; the docs give none); a larger
``send()`` is a 4D error. Datagrams waiting while the process runs other
4D code stay in the system's receive buffer (:data:`RECEIVE_BUFFER`
bytes), which bounds the queue: beyond it the system drops datagrams, as
UDP allows.

Errors (sending to an unreachable network...) go to ``.errors``
(``componentSignature`` "UDP"), then ``onError`` and ``onTerminate``: the
port is released, as the page's sequence says.
"""
from __future__ import annotations

import asyncio
import errno
import functools
import ipaddress
import operator
import os
import socket
import weakref

from ..api.blob import blob_bytes
from ..commands.arguments import incompatible
from ..runtime import scheduler
from ..runtime.builtins import builtin_class
from ..runtime.classes import NativeObject, find_callable
from ..runtime.errors import fail
from ..runtime.members import member_function, member_property
from ..runtime.values import UNDEFINED, Blob4D, Obj, is_number
from .async_object import AsyncObject, error_details

__all__ = ["UDPSocket", "UDPEvent", "new_socket"]

COMPONENT = "UDP"
MAX_IPV4_DATAGRAM = 65507
MAX_IPV6_DATAGRAM = 65527
#: Bytes of datagrams the system keeps while the process is busy.
RECEIVE_BUFFER = 4 << 20


class UDPEvent(NativeObject):
    """An immutable event: ``type`` ("data", "error", "terminate"), ``address``, ``port``, ``data``."""

    FOURD_CLASS = "UDPEvent"
    __slots__ = ("type", "address", "port", "data")

    def __init__(self, type_: str, address=UNDEFINED, port=UNDEFINED, data=UNDEFINED):
        self.type = type_
        self.address = address
        self.port = port
        self.data = data

    def __repr__(self) -> str:
        return f"<4D.UDPEvent {self.type} {self.address}:{self.port}>"


def _bound_socket(port: int) -> socket.socket:
    """A UDP socket bound to *port* on every interface (dual-stack when possible)."""
    try:
        sock = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
        host = "::"
    except OSError:
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        host = "0.0.0.0"
    try:
        if host == "::":
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, RECEIVE_BUFFER)
        except OSError:
            pass                       # the system's default buffer then
        sock.bind((host, port))
        sock.setblocking(False)
    except BaseException:
        sock.close()
        raise
    return sock


@functools.lru_cache(maxsize=256)
def _address(host: str, port: int, family: int) -> tuple:
    """The socket address of *host*:*port* for a socket of *family* (IPv4 peers of a
    dual-stack socket are mapped addresses). Names are resolved once and cached."""
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_DGRAM)
        if family == socket.AF_INET:
            infos = [info for info in infos if info[0] == socket.AF_INET] or infos
        ip = ipaddress.ip_address(infos[0][4][0].split("%")[0])
    if family == socket.AF_INET6:
        if ip.version == 4:
            return (f"::ffff:{ip}", port, 0, 0)
        return (str(ip), port, 0, 0)
    if ip.version == 6:
        raise OSError(errno.EAFNOSUPPORT, os.strerror(errno.EAFNOSUPPORT))
    return (str(ip), port)


def _ip_text(host: str) -> str:
    """An IPv4 sender seen by a dual-stack socket shows as a.b.c.d, as 4D shows it."""
    return host[7:] if host.startswith("::ffff:") and "." in host else host


class _Endpoint(AsyncObject, asyncio.DatagramProtocol):
    """The asyncio protocol of a socket, kept alive by its process until the port
    is released; refers to its :class:`UDPSocket` weakly."""

    FOURD_CLASS = "UDPSocket"
    COMPONENT = COMPONENT
    RELEASED_WITHOUT_REFERENCES = True     # see scheduler._release_unreferenced
    __slots__ = ("port", "_socket", "_last_socket", "_on_data", "_transport", "_sock", "_closing")

    def __init__(self, rt, options, sock: socket.socket | None):
        super().__init__(rt)
        self._socket = None
        self._last_socket = None          # the socket, kept while onTerminate runs
        self._on_data = find_callable(options, "onData")
        self._configure_end(options)
        self._transport: asyncio.DatagramTransport | None = None
        self._sock = sock
        self._closing = False
        self.port = sock.getsockname()[1] if sock is not None else 0

    def _target(self):
        return self._last_socket if self._last_socket is not None else self._socket()

    def _event(self, type_: str) -> UDPEvent:
        return UDPEvent(type_)

    def _trace(self, event: str, data: bytes = b"", comment: str = "", size: int | None = None,
               peer=("", "")) -> None:
        self._tracer.event(event, self.port, peer[0], peer[1], data, comment, size, protocol="UDP")

    async def _start(self) -> None:
        if not self._closing:
            await self._loop.create_datagram_endpoint(lambda: self, sock=self._sock)

    # -- asyncio protocol

    def connection_made(self, transport) -> None:
        self._transport = transport
        if self._closing:
            transport.close()

    def datagram_received(self, data: bytes, addr) -> None:
        address = _ip_text(addr[0])
        if self._tracer is not None:
            self._trace("receive", data, peer=(address, addr[1]))
        if self._on_data is not None:
            target = self._socket()
            if target is not None:
                scheduler.run_callback("onData", self._on_data, target,
                                       UDPEvent("data", address, float(addr[1]), Blob4D(data)))

    def error_received(self, exc: Exception) -> None:
        if not self._closing:
            self._last_socket = self._socket()
            self._record_error(exc, f"exchange datagrams on port {self.port}")
            self._close()

    def connection_lost(self, exc) -> None:
        if exc is not None and not self._errors:
            self._record_error(exc, f"exchange datagrams on port {self.port}")
        if self._errors:
            self._fail_and_finish()
        else:
            self._finish()
        self._last_socket = None

    # -- sending and closing

    def _send(self, payload: bytes, address: tuple) -> None:
        if self._closing or self._transport is None and self._sock is None:
            return
        if self._tracer is not None:
            self._trace("send", payload, peer=(_ip_text(address[0]), address[1]))
        if self._transport is not None and payload:
            self._transport.sendto(payload, address)
        else:       # not yet served by the loop, or an empty datagram (which asyncio drops)
            try:
                self._sock.sendto(payload, address)
            except BlockingIOError:
                self._loop.call_soon(self._send, payload, address)
            except OSError as exc:
                self.error_received(exc)

    def _close(self) -> None:
        """Release the port; onTerminate follows (connection_lost)."""
        if self._closing:
            return
        self._closing = True
        if self._tracer is not None:
            self._trace("close", comment="released")
        if self._transport is not None:
            self._transport.close()
        else:
            if self._sock is not None:
                self._sock.close()
            self._loop.call_soon(self.connection_lost, None)

    def _released(self, udp_socket: "UDPSocket") -> None:
        """The last reference to the socket is gone: keep it for onTerminate, close."""
        self._last_socket = udp_socket
        self._close()

    def terminate_for_exit(self) -> None:
        self._last_socket = self._last_socket or self._socket()
        self._close()

    abandon = terminate_for_exit


class UDPSocket(NativeObject):
    """A 4D.UDPSocket: what 4D code holds; its endpoint does the work."""

    FOURD_CLASS = "UDPSocket"
    __slots__ = ("_endpoint",)

    def __init__(self, endpoint: _Endpoint):
        self._endpoint = endpoint
        endpoint._socket = weakref.ref(self)

    def __repr__(self) -> str:
        return f"<4D.UDPSocket port={self._endpoint.port}>"

    def __del__(self) -> None:
        endpoint = self._endpoint
        if not endpoint._closing:
            try:
                endpoint._in_owner_thread(endpoint._released, self)
            except RuntimeError:      # the loop is closed: the socket was closed with it
                pass


@builtin_class("UDPSocket")
def new_socket(port=UNDEFINED, options=UNDEFINED):
    """``4D.UDPSocket.new({port}{; options})``: a socket bound to *port* (0 or omitted: any).

    A port that cannot be bound is a 4D error of ``new()`` (catchable with
    ``Try``); ``.errors`` is filled and onError, onTerminate follow.
    """
    if isinstance(port, Obj) and options is UNDEFINED:
        port, options = 0, port
    if port is UNDEFINED:
        port = 0
    if not (is_number(port) and 0 <= port <= 65535 and port == int(port)):
        return incompatible("4D.UDPSocket.new", "the port must be an integer from 0 to 65535")
    if not (options is UNDEFINED or options is None or isinstance(options, Obj)):
        return incompatible("4D.UDPSocket.new", "the options must be an object")
    rt = scheduler.current_runtime()
    try:
        sock = _bound_socket(int(port))
    except OSError as exc:
        endpoint = _Endpoint(rt, options, None)
        endpoint.port = int(port)
        udp_socket = UDPSocket(endpoint)
        endpoint._last_socket = udp_socket
        scheduler.attach(endpoint)
        code, message = endpoint._record_error(exc, f"bind port {int(port)}")
        endpoint._closing = True
        endpoint._loop.call_soon(endpoint.connection_lost, exc)
        fail(code, message, COMPONENT)
        return udp_socket
    endpoint = _Endpoint(rt, options, sock)
    udp_socket = UDPSocket(endpoint)
    scheduler.attach(endpoint)
    if endpoint._tracer is not None:
        endpoint._trace("open", comment="bound")
    endpoint._loop.create_task(endpoint._start())
    return udp_socket


@member_function(UDPSocket, "send")
def send(udp_socket: UDPSocket, data=UNDEFINED, host=UNDEFINED, port=UNDEFINED) -> None:
    """``.send(data; hostName; remotePort)``: one datagram, never blocking."""
    payload = blob_bytes(data)
    if payload is None:
        incompatible("UDPSocket.send", "a Blob or a 4D.Blob is expected")
        return
    if type(host) is not str or not host:
        incompatible("UDPSocket.send", "the host name must be a text")
        return
    if not (is_number(port) and 0 <= port <= 65535 and port == int(port)):
        incompatible("UDPSocket.send", "the remote port must be an integer from 0 to 65535")
        return
    endpoint = udp_socket._endpoint
    family = endpoint._sock.family if endpoint._sock is not None else socket.AF_INET
    try:
        address = _address(host, int(port), family)
    except OSError as exc:
        code, message = error_details(exc, f"send to {host}:{int(port)}")
        fail(code, message, COMPONENT)
        return
    limit = MAX_IPV6_DATAGRAM if ":" in address[0] and not address[0].startswith("::ffff:") else MAX_IPV4_DATAGRAM
    if len(payload) > limit:
        fail(errno.EMSGSIZE, f"Cannot send to {host}:{int(port)}: {os.strerror(errno.EMSGSIZE)} "
                             f"({len(payload)} bytes, at most {limit})", COMPONENT)
        return
    endpoint._in_owner_thread(endpoint._send, payload, address)


member_property(UDPSocket, "port")(lambda udp_socket: float(udp_socket._endpoint.port))
member_property(UDPSocket, "errors")(lambda udp_socket: udp_socket._endpoint._errors)

builtin_class("UDPEvent", new=None, module=__name__)
for _name in ("type", "address", "data"):
    member_property(UDPEvent, _name)(operator.attrgetter(_name))
member_property(UDPEvent, "port")(lambda event: event.port)
