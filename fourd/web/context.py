"""The request a web process is answering, for the classic ``WEB`` commands
and for ``4D.IncomingMessage``.

4D's ``WEB SEND TEXT``, ``WEB GET HTTP HEADER``… act on "the request
being processed" by the current web process. fourd's web processes are 4D
processes (threads); while 4D code runs for a request, :func:`current`
gives that request's :class:`Exchange` on the thread that runs it. Outside
a web request the commands do nothing, as 4D documents for ``WEB SEND FILE``.
"""
from __future__ import annotations

import threading
import urllib.parse
from pathlib import Path

__all__ = ["Exchange", "current", "serving"]

_local = threading.local()


class Exchange:
    """One HTTP request (an aiohttp request whose body was read) and the reply 4D code builds."""

    __slots__ = ("request", "body", "path", "root", "peer", "reply_body", "reply_type",
                 "reply_file", "reply_status", "reply_headers", "_query")

    def __init__(self, request, body: bytes, path: str, root: Path):
        self.request = request
        self.body = body
        self.path = path                # decoded and normalised: "/a/b"
        self.root = root
        self.reply_body: bytes | None = None
        self.reply_type = ""
        self.reply_file: Path | None = None
        self.reply_status = 200
        self.reply_headers: list[tuple[str, str]] = []
        self._query = None

    @property
    def verb(self) -> str:
        return self.request.method

    @property
    def url(self) -> str:
        """The path and query as sent (``/docs/a?x=1``)."""
        return self.request.raw_path

    @property
    def version(self) -> str:
        major, minor = self.request.version
        return f"HTTP/{major}.{minor}"

    @property
    def headers(self) -> list[tuple[str, str]]:
        """The headers as received, in order, names as sent (plain str: aiohttp's are istr)."""
        return [(str(name), str(value)) for name, value in self.request.headers.items()]

    @property
    def query(self) -> list[tuple[str, str]]:
        """The decoded URL parameters, in order."""
        if self._query is None:
            self._query = urllib.parse.parse_qsl(self.request.query_string, keep_blank_values=True)
        return self._query

    def header(self, name: str) -> str:
        return str(self.request.headers.get(name, ""))

    def form_fields(self) -> list[tuple[str, str]]:
        """URL parameters, then the fields of an urlencoded body (WEB GET VARIABLES)."""
        fields = list(self.query)
        if self.header("Content-Type").split(";")[0].strip().lower() == "application/x-www-form-urlencoded":
            fields += urllib.parse.parse_qsl(self.body.decode("utf-8", errors="replace"), keep_blank_values=True)
        return fields


def current() -> Exchange | None:
    """The request the current thread's 4D code is answering, or None."""
    return getattr(_local, "exchange", None)


class serving:
    """``with serving(exchange):`` runs 4D code for *exchange* on this thread."""

    __slots__ = ("exchange", "previous")

    def __init__(self, exchange: Exchange):
        self.exchange = exchange

    def __enter__(self) -> Exchange:
        self.previous = getattr(_local, "exchange", None)
        _local.exchange = self.exchange
        return self.exchange

    def __exit__(self, *exc) -> None:
        _local.exchange = self.previous
