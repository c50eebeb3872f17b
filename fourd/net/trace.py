"""The network trace, in the spirit of 4D's ``4DTCPUDPLog.txt`` and HTTP
client log (Debugging/debugLogFiles.md).

Switched on by the environment variable ``FOURD_NET_TRACE`` (a file path,
or ``-`` for stderr; ``FOURD_TCP_TRACE``, its first name, still works), or
by :func:`configure`. Every class of the network family writes to it: one
tab-separated line per event, with 4D's fields::

    time  localPort  peerAddress  peerPort  protocol  event  size  excerpt  textExcerpt  comment

``protocol`` is ``TCP``, ``UDP``, ``HTTP`` (the HTTP client), or what
another class of the family passes (``WS``, ``HTTPD``...). ``event`` is one
of 4D's ``listen``, ``open``, ``send``, ``receive``, ``close``, ``error``
(HTTP adds ``request`` and ``response`` lines); ``excerpt``/``textExcerpt``
show the first 10 bytes of the data in hexadecimal and as text.

The stable API for the classes of the family: :func:`event` (one call per
event; does nothing when the trace is off), or, on a hot path,
``tracer()`` once per object (None when off) then ``Tracer.event``, so
that tracing costs one test. A connection whose addresses are known once
(the web server's, a WebSocket's) takes a :class:`ConnectionTrace` from
:func:`for_connection` and calls it per event.
"""
from __future__ import annotations

import datetime
import os
import sys
import threading

__all__ = ["Tracer", "tracer", "configure", "event", "ConnectionTrace", "for_connection"]

FIELDS = ("time", "localPort", "peerAddress", "peerPort", "protocol", "event",
          "size", "excerpt", "textExcerpt", "comment")
EXCERPT_SIZE = 10


def _text_excerpt(data: bytes) -> str:
    return "".join(chr(b) if 32 <= b < 127 else "." for b in data)


class Tracer:
    """Writes trace lines to a text stream (thread-safe: processes share it)."""

    def __init__(self, stream, owned: bool):
        self._stream = stream
        self._owned = owned
        self._lock = threading.Lock()
        self._write("\t".join(FIELDS))

    def _write(self, line: str) -> None:
        with self._lock:
            self._stream.write(line + "\n")
            self._stream.flush()

    def event(self, event: str, local_port, peer_address, peer_port,
              data: bytes = b"", comment: str = "", size: int | None = None, protocol: str = "TCP") -> None:
        """Log one event; *size* defaults to the length of *data*."""
        excerpt = bytes(data[:EXCERPT_SIZE])
        now = datetime.datetime.now().isoformat(timespec="milliseconds")
        fields = (now, local_port or "", peer_address or "", peer_port or "", protocol, event,
                  len(data) if size is None else size, excerpt.hex(), _text_excerpt(excerpt), comment)
        self._write("\t".join(str(field) for field in fields))

    def close(self) -> None:
        if self._owned:
            self._stream.close()


_tracer: Tracer | None = None


def configure(target: str | None) -> Tracer | None:
    """Trace to *target* (a path, ``-`` for stderr), or stop tracing with None/"".

    Objects created afterwards use the new setting.
    """
    global _tracer
    if _tracer is not None:
        _tracer.close()
    if not target:
        _tracer = None
    elif target == "-":
        _tracer = Tracer(sys.stderr, owned=False)
    else:
        _tracer = Tracer(open(target, "a", encoding="utf-8"), owned=True)
    return _tracer


def tracer() -> Tracer | None:
    """The active tracer, or None when tracing is off."""
    return _tracer


def event(protocol: str, event: str, local_port="", peer_address="", peer_port="",
          data: bytes = b"", comment: str = "", size: int | None = None) -> None:
    """Log one event of *protocol* ("TCP", "UDP", "HTTP", "WS"...) if tracing is on."""
    if _tracer is not None:
        _tracer.event(event, local_port, peer_address, peer_port, data, comment, size, protocol)


class ConnectionTrace:
    """The trace lines of one connection: its addresses and protocol given once."""

    __slots__ = ("_tracer", "_protocol", "_local_port", "_peer_address", "_peer_port")

    def __init__(self, tracer: Tracer, protocol: str, sockname, peername):
        self._tracer = tracer
        self._protocol = protocol
        self._local_port = sockname[1] if sockname else ""
        self._peer_address, self._peer_port = (peername[0], peername[1]) if peername else ("", "")

    def __call__(self, event: str, data: bytes | str = b"", comment: str = "", size: int | None = None) -> None:
        """Log one event; text data (a WebSocket text frame) is shown as UTF-8."""
        if type(data) is str:
            data = data.encode("utf-8")
        self._tracer.event(event, self._local_port, self._peer_address, self._peer_port, data, comment, size,
                           self._protocol)


def for_connection(protocol: str, get_extra_info) -> ConnectionTrace | None:
    """The trace of a connection (``get_extra_info`` of its transport or socket
    gives its addresses), or None when tracing is off."""
    if _tracer is None:
        return None
    return ConnectionTrace(_tracer, protocol, get_extra_info("sockname"), get_extra_info("peername"))


configure(os.environ.get("FOURD_NET_TRACE") or os.environ.get("FOURD_TCP_TRACE"))
