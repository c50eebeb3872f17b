"""``4D.WebServer``: the web server of the application, on aiohttp.

Specification: API/WebServerClass.md, WebServer/http-request-handler.md,
commands-legacy/on-web-connection-database-method.md.

Design (see docs/ARCHITECTURE.md, "The web server"):

* ``start()`` binds the listening sockets itself, in the calling process, so
  that a busy port is reported by ``start()``'s result at once; it then
  starts a pool of **web processes** (``FOURD_WEB_PROCESSES``, 4 by
  default). Each is an ordinary 4D process (a thread with its own event
  loop, listed by ``Process activity``) whose loop serves an aiohttp server
  on duplicates of the same listening sockets: the kernel gives each new
  connection to one of them.
* The 4D code of a request (an HTTP request handler, ``On Web Connection``)
  runs in the web process that accepted the connection, as a plain callback
  of its loop (not inside an asyncio task, so that ``wait()`` in it works),
  one request at a time per process: a handler that blocks (``DELAY
  PROCESS``) delays only the connections of its own process.
* Each web process keeps itself alive (``scheduler.attach``) while the
  server runs, so ``fourd run`` goes on serving after its main method has
  returned; ``stop()``, SIGINT and SIGTERM close the listening sockets at
  once and the open connections within :data:`STOP_TIMEOUT` seconds.

What is served, in order: ``TRACE`` is refused (405, ``HTTPTrace`` is
False); WebSocket upgrades go to the ``4D.WebSocketServer`` whose ``path``
matches; the HTTP request handlers of ``HTTPHandlers.json``; the files of
the root folder (``rootFolder``, the project's ``WebFolder`` by default;
``/`` is ``defaultHomepage``); then the ``On Web Connection`` database
method; else 404. The request path is percent-decoded, then normalised;
a path with a NUL byte or climbing above the root is answered 400, a file
reached through a symbolic link leading out of the root is 403: nothing
outside the root is ever served. aiohttp's parser answers malformed
requests with 400. A connection that does not complete a request's headers
within :data:`HEADER_TIMEOUT` seconds, or a body within
:data:`BODY_TIMEOUT`, is closed (slow clients).
"""
from __future__ import annotations

import asyncio
import ipaddress
import os
import socket
import ssl
import threading
from pathlib import Path

from aiohttp import web, web_protocol, web_request, web_server

from ..net import trace
from ..runtime import scheduler
from ..runtime.builtins import builtin_class
from ..runtime.classes import Class4D, NativeObject
from ..runtime.errors import Codes, InterruptRequest
from ..runtime.formula import Formula
from ..runtime.members import member_function, member_property
from ..runtime.process import global_state
from ..runtime.values import UNDEFINED, Coll, Obj, is_number
from . import context, handlers as request_handlers
from .messages import IncomingMessage, OutgoingMessage, body_bytes

__all__ = ["WebServer", "web_server_object", "project_folder", "env_number"]

COMPONENT = "HTTP"


def env_number(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


#: Web processes serving requests (each runs one request's 4D code at a time).
WEB_PROCESSES = max(1, int(env_number("FOURD_WEB_PROCESSES", 4)))
#: Seconds a connection may take to send a request's headers (or stay idle between requests).
HEADER_TIMEOUT = env_number("FOURD_WEB_HEADER_TIMEOUT", 10.0)
#: Seconds a request may take to send its body.
BODY_TIMEOUT = env_number("FOURD_WEB_BODY_TIMEOUT", 30.0)
#: Seconds given to open connections to finish when the server stops.
STOP_TIMEOUT = 3.0

# Settings fourd implements (WebServerClass.md), with 4D's defaults.
# None: computed from the project (see _defaults).
_SETTINGS = {
    "HTTPEnabled": True, "HTTPPort": 80, "HTTPSEnabled": False, "HTTPSPort": 443,
    "IPAddressToListen": "", "rootFolder": None, "defaultHomepage": "index.html",
    "certificateFolder": None, "maxRequestSize": 2000000, "minTLSVersion": 3,
    "maxConcurrentProcesses": 100, "characterSet": 106, "HTTPCompressionLevel": 1,
    "HTTPCompressionThreshold": 1024, "inactiveProcessTimeout": 480,
    "inactiveSessionTimeout": 480, "maxSessions": 100, "sessionCookieDomain": "",
    "sessionCookiePath": "", "sessionCookieSameSite": "Strict", "sessionIPAddressValidation": True,
    "cipherSuite": "", "HSTSMaxAge": 63072000,
    # Features fourd does not have: only their default value is accepted.
    "CORSEnabled": False, "CORSSettings": None, "HSTSEnabled": False, "HTTPTrace": False,
    "logRecording": 0, "debugLog": 0, "keepSession": False, "scalableSession": False,
}
_WITHOUT_FEATURE = ("CORSEnabled", "HSTSEnabled", "HTTPTrace", "logRecording", "debugLog", "keepSession")
_TLS_VERSIONS = {1: ssl.TLSVersion.TLSv1, 2: ssl.TLSVersion.TLSv1_1,
                 3: ssl.TLSVersion.TLSv1_2, 4: ssl.TLSVersion.TLSv1_3}


# ----------------------------------------------------------------- project

def project_folder() -> Path:
    """The folder holding the project's ``Project`` folder (4D's "project folder"),
    where ``WebFolder`` and the certificate files are; the run's folder otherwise."""
    project = getattr(global_state, "project", None)
    root = Path(project.root) if project is not None and getattr(project, "root", None) else Path.cwd()
    root = root.resolve()
    for folder in (root, root.parent, root.parent.parent):
        if (folder / "Project").is_dir():
            return folder
        if folder.name == "Project" and (folder / "Sources").is_dir():
            return folder.parent
    return root


def _handlers_file(base: Path) -> Path:
    for sources in (base / "Project" / "Sources", base / "Sources", base):
        if (sources / "HTTPHandlers.json").is_file():
            return sources / "HTTPHandlers.json"
    return base / "Project" / "Sources" / "HTTPHandlers.json"


def _posix_path(value) -> str | None:
    """A folder setting: a text path or a Folder object (its ``platformPath``)."""
    if type(value) is str:
        return value
    if isinstance(value, (Obj, NativeObject)):
        from ..runtime.access import get_member
        for name in ("platformPath", "path"):
            path = get_member(value, name)
            if type(path) is str and path:
                return path
    return None


# ----------------------------------------------------------------- sockets

def _bind(address: str, port: int) -> socket.socket:
    """A listening socket on *address* ("" = every interface, IPv6 and IPv4)."""
    if not address:
        if socket.has_dualstack_ipv6():
            return socket.create_server(("::", port), family=socket.AF_INET6, dualstack_ipv6=True,
                                        backlog=socket.SOMAXCONN)
        return socket.create_server(("0.0.0.0", port), backlog=socket.SOMAXCONN)
    family = socket.AF_INET6 if ipaddress.ip_address(address).version == 6 else socket.AF_INET
    return socket.create_server((address, port), family=family, backlog=socket.SOMAXCONN)


class _Connection(web_protocol.RequestHandler):
    """aiohttp's protocol with a watchdog for slow clients: every
    HEADER_TIMEOUT seconds, a connection that is not answering a request and
    has not started one since the last check is closed.

    With the network trace on, it writes the connection's lines (protocol
    HTTP): ``open``/``close``, and one ``request`` line per request once its
    response was sent (method, path, status and request body size in the
    comment; the response body's size as size)."""

    def connection_made(self, transport) -> None:
        self.busy = 0          # requests being answered
        self.started = 0       # requests started so far
        self._seen = 0
        self._watch = self._loop.call_later(HEADER_TIMEOUT, self._check)
        self.trace = trace.for_connection("HTTP", transport.get_extra_info)
        if self.trace is not None:
            self.trace("open", comment="accepted")
        super().connection_made(transport)

    def _check(self) -> None:
        if self.busy == 0 and self.started == self._seen:
            self.force_close()
            return
        self._seen = self.started
        self._watch = self._loop.call_later(HEADER_TIMEOUT, self._check)

    def connection_lost(self, exc) -> None:
        self._watch.cancel()
        if self.trace is not None:
            self.trace("close", comment="closed" if exc is None else f"lost: {exc}")
        super().connection_lost(exc)

    def log_access(self, request, response, time) -> None:
        """Called by aiohttp once per request, after its response was sent."""
        if self.trace is not None:
            self.trace("request", size=response.body_length,
                       comment=f"{request.method} {request.path} {response.status} "
                               f"(request body {request.content_length or 0} bytes)")
        super().log_access(request, response, time)


class _AioServer(web_server.Server):
    def __call__(self) -> _Connection:
        return _Connection(self, loop=self._loop, **self._kwargs)


# --------------------------------------------------------------- responses

def _plain(status: int, text: str) -> web.Response:
    return web.Response(status=status, text=text + "\n", content_type="text/plain")


def _reply(result) -> web.Response:
    """The response for what a request handler returned (http-request-handler.md)."""
    if isinstance(result, OutgoingMessage):
        encoded = body_bytes(result.body) or (b"", "")
        headers = {str(k): str(v) for k, v in result.headers.items()}
        if encoded[1] and not any(k.lower() == "content-type" for k in headers):
            headers["Content-Type"] = encoded[1]
        return web.Response(status=result.status, body=encoded[0], headers=headers)
    encoded = body_bytes(result)
    if encoded is None:
        return _plain(500, "The request handler returned a value that cannot be sent")
    return web.Response(body=encoded[0], headers={"Content-Type": encoded[1]} if encoded[1] else None)


def _legacy_reply(exchange: context.Exchange) -> web.StreamResponse:
    """The response built by WEB SEND TEXT/BLOB/FILE and WEB SET HTTP HEADER."""
    headers = {}
    for name, value in exchange.reply_headers:
        headers[name] = value
    if exchange.reply_file is not None:
        return web.FileResponse(exchange.reply_file, status=exchange.reply_status, headers=headers)
    if exchange.reply_type and not any(k.lower() == "content-type" for k in headers):
        headers["Content-Type"] = exchange.reply_type
    return web.Response(status=exchange.reply_status, body=exchange.reply_body or b"", headers=headers)


def normalised_path(path: str) -> str | None:
    """*path* (decoded) without ``.``/``..``/empty segments; None if it has a
    NUL byte or climbs above the root."""
    if "\0" in path:
        return None
    parts: list[str] = []
    for segment in path.split("/"):
        if segment in ("", "."):
            continue
        if segment == "..":
            if not parts:
                return None
            parts.pop()
        else:
            parts.append(segment)
    return "/" + "/".join(parts)


def file_in_root(root: Path, path: str) -> Path | None | bool:
    """The file of the root folder *path* (normalised) names; None if there is
    none; False if it resolves out of the root (a symbolic link)."""
    target = root.joinpath(*[p for p in path.split("/") if p])
    try:
        real = Path(os.path.realpath(target))
        real_root = Path(os.path.realpath(root))
    except (OSError, ValueError):
        return None
    if real != real_root and real_root not in real.parents:
        return False
    return real if real.is_file() else None


# ------------------------------------------------------------ web processes

class _WebProcess:
    """One web process: its aiohttp server on duplicates of the listening sockets."""

    def __init__(self, server: "WebServer", rt: scheduler.ProcessRuntime, config: dict):
        self.server = server
        self.rt = rt
        self.loop = rt.loop
        self.config = config
        self.aio = _AioServer(self.handle, loop=self.loop, request_factory=self._request,
                              keepalive_timeout=HEADER_TIMEOUT, access_log=None)
        self.listeners: list[asyncio.AbstractServer] = []
        self.closing = False
        self.closed = threading.Event()      # its listening sockets are closed
        self.ended = False

    def _request(self, message, payload, protocol, writer, task):
        return web_request.BaseRequest(message, payload, protocol, writer, task, self.loop,
                                       client_max_size=self.config["maxRequestSize"])

    async def listen(self, sockets) -> None:
        for sock, tls in sockets:
            if self.closing:
                sock.close()
                continue
            self.listeners.append(await self.loop.create_server(self.aio, sock=sock, ssl=tls,
                                                                backlog=socket.SOMAXCONN))
        if self.closing:
            self._close_listeners()

    def _close_listeners(self) -> None:
        for listener in self.listeners:
            listener.close()
        self.closed.set()

    def stop(self) -> None:
        """Stop listening now; close the connections, then end the process."""
        if self.closing:
            return
        self.closing = True
        self._close_listeners()
        self.loop.create_task(self._shutdown())

    terminate_for_exit = stop

    async def _shutdown(self) -> None:
        try:
            await asyncio.wait_for(self.aio.shutdown(STOP_TIMEOUT), STOP_TIMEOUT + 1)
        except (asyncio.TimeoutError, OSError):
            pass
        finally:
            self.loop.call_soon(self._end)

    def _end(self) -> None:
        if not self.ended:
            self.ended = True
            self.server._ended(self)
            scheduler.detach(self.rt, self)

    def abandon(self) -> None:
        """The run is over (its grace period too): close everything at once."""
        self.closing = True
        self._close_listeners()
        for connection in list(self.aio.connections):
            connection.force_close()
        if not self.ended:
            self.ended = True
            self.server._ended(self)

    # -- answering requests

    async def handle(self, request: web_request.BaseRequest) -> web.StreamResponse:
        protocol = request.protocol
        protocol.busy += 1
        protocol.started += 1
        try:
            return await self._answer(request)
        finally:
            protocol.busy -= 1

    async def _answer(self, request) -> web.StreamResponse:
        if request.method == "TRACE":
            return _plain(405, "Method Not Allowed")
        raw = request.raw_path
        if "%00" in raw or "\0" in raw:
            return _plain(400, "Bad Request")
        path = normalised_path(request.path)
        if path is None:
            return _plain(400, "Bad Request")
        server = self.server
        if request.headers.get("Upgrade", "").lower() == "websocket":
            socket_server = server.websocket_server_for(path)
            if socket_server is not None:
                return await socket_server.serve(request)
        handler = request_handlers.match(self.config["handlers"], path, request.method)
        if handler is True:
            return _plain(405, "Method Not Allowed")
        root = self.config["root"]
        if handler is False:
            found = file_in_root(root, path if path != "/" else "/" + self.config["defaultHomepage"])
            if found is False:
                return _plain(403, "Forbidden")
            if found is not None and request.method in ("GET", "HEAD"):
                return web.FileResponse(found)
            if self.config["onWebConnection"] is None:
                return _plain(404, "Not Found")
        try:
            body = await asyncio.wait_for(request.read(), BODY_TIMEOUT) if request.body_exists else b""
        except asyncio.TimeoutError:
            response = _plain(408, "Request Timeout")
            response.force_close()           # the rest of the body never came: close after the answer
            return response
        except web.HTTPRequestEntityTooLarge:
            return _plain(413, "Request Entity Too Large")
        exchange = context.Exchange(request, body, path, root)
        if handler is False:
            return await self._run_4d(self._web_connection, exchange)
        return await self._run_4d(self._handler, exchange, handler)

    async def _run_4d(self, func, *args) -> web.StreamResponse:
        """Run ``func(*args)`` (4D code) as a plain callback of the loop, not in
        this task: a ``wait()`` in it steps the loop, which a task cannot do."""
        done = self.loop.create_future()

        def run():
            try:
                done.set_result(func(*args))
            except InterruptRequest:       # SIGINT/SIGTERM: the server is stopping
                done.set_result(_plain(503, "Service Unavailable"))

        self.loop.call_soon(run)
        return await done

    def _handler(self, exchange: context.Exchange, handler: request_handlers.Handler) -> web.StreamResponse:
        project = getattr(global_state, "project", None)
        cls = project.get_class(handler.class_name) if project is not None else None
        if not isinstance(cls, Class4D) or not cls.is_singleton or not cls.is_shared:
            return _plain(500, f"Cannot find singleton: {handler.class_name}")
        func = cls.find_function(handler.method)
        if func is None:
            return _plain(500, f"Cannot find singleton function: {handler.class_name}.{handler.method}")
        try:
            with context.serving(exchange):
                from ..runtime.access import get_member
                result = func(get_member(cls, "me"), IncomingMessage(exchange))
        except Exception as exc:        # 4D errors (and our bugs): reported, answered 500
            scheduler.report(exc, f"HTTP handler {handler.class_name}.{handler.method}")
            return _plain(500, "Internal Server Error")
        return _reply(result)

    def _web_connection(self, exchange: context.Exchange) -> web.StreamResponse:
        """``On Web Connection($url; $http; $ipBrowser; $ipServer; $user; $pw)``."""
        request = exchange.request
        lines = [f"{exchange.verb} {exchange.url} {exchange.version}"]
        lines += [f"{name}: {value}" for name, value in exchange.headers]
        http = ("\r\n".join(lines) + "\r\n\r\n" + exchange.body.decode("utf-8", errors="replace"))[:32768]
        transport = request.transport
        peer = transport.get_extra_info("peername") if transport is not None else None
        local = transport.get_extra_info("sockname") if transport is not None else None
        try:
            with context.serving(exchange):
                self.config["onWebConnection"](None, exchange.url, http, peer[0] if peer else "",
                                               local[0] if local else "", "", "")
        except Exception as exc:
            scheduler.report(exc, "On Web Connection")
            return _plain(500, "Internal Server Error")
        return _legacy_reply(exchange)


# ------------------------------------------------------------------ server

class WebServer(NativeObject):
    """The web server of the application (one per run: ``WEB Server``)."""

    FOURD_CLASS = "WebServer"

    def __init__(self):
        self.lock = threading.RLock()
        self.values: dict = {}
        self.running = False
        self.sockets: list[socket.socket] = []
        self.processes: list[_WebProcess] = []
        self.unclaimed: list[list] = []      # the sockets of web processes that have not started yet
        self.starter: scheduler.ProcessRuntime | None = None
        self.websocket_servers: list = []

    def __repr__(self) -> str:
        return f"<4D.WebServer {'running' if self.running else 'stopped'}>"

    def setting(self, name: str):
        if name in self.values:
            return self.values[name]
        if name == "rootFolder":
            return str(project_folder() / "WebFolder") + "/"
        if name == "certificateFolder":
            return str(project_folder()) + "/"
        return _SETTINGS[name]

    # -- start

    def _configure(self, settings) -> str | None:
        """Take the settings given to start(); the reason they cannot be used, or None."""
        if settings is UNDEFINED or settings is None:
            return None
        if not isinstance(settings, Obj):
            return "the settings must be an object"
        for name, value in settings.items():
            if name not in _SETTINGS:
                continue                 # read-only and unknown properties are ignored
            default = _SETTINGS[name]
            if name in _WITHOUT_FEATURE:
                if value != default and not (value is None and default is None):
                    return f"the {name} setting is not supported by fourd"
                continue
            if name in ("rootFolder", "certificateFolder"):
                value = _posix_path(value)
                if value is None:
                    return f"{name} must be a path or a Folder object"
            elif isinstance(default, bool):
                if type(value) is not bool:
                    return f"{name} must be a Boolean"
            elif isinstance(default, int):
                if not is_number(value) or value != int(value):
                    return f"{name} must be an integer"
                value = int(value)
            elif isinstance(default, str) and type(value) is not str:
                return f"{name} must be a text"
            self.values[name] = value
        for name in ("HTTPPort", "HTTPSPort"):
            if not 0 <= self.setting(name) <= 65535:
                return f"{name} must be from 0 to 65535"
        address = self.setting("IPAddressToListen")
        if address:
            try:
                ipaddress.ip_address(address)
            except ValueError:
                return f"IPAddressToListen is not an IP address: {address}"
        return None

    def _folder(self, name: str) -> Path:
        path = Path(self.setting(name))
        return path if path.is_absolute() else project_folder() / path

    def _tls_context(self) -> ssl.SSLContext:
        folder = self._folder("certificateFolder")
        context_ = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context_.load_cert_chain(folder / "cert.pem", folder / "key.pem")
        context_.minimum_version = _TLS_VERSIONS.get(self.setting("minTLSVersion"), ssl.TLSVersion.TLSv1_2)
        if self.setting("cipherSuite"):
            context_.set_ciphers(self.setting("cipherSuite"))
        return context_

    def start(self, settings=UNDEFINED) -> Obj:
        with self.lock:
            if self.running and self._orphaned():
                self._close_sockets()
                self.running = False
            if self.running:
                return _failure(Codes.UNSUPPORTED_COMMAND, "The web server is already started")
            problem = self._configure(settings)
            if problem is not None:
                self.values = {}
                return _failure(Codes.TYPE_MISMATCH, problem)
            try:
                listening = self._listen()
            except (OSError, ssl.SSLError, ValueError) as exc:
                self.values = {}
                return _failure(getattr(exc, "errno", None) or Codes.UNSUPPORTED_COMMAND,
                                f"Cannot start the web server: {exc}")
            if not listening:
                self.values = {}
                return _failure(Codes.UNSUPPORTED_COMMAND, "Neither HTTP nor HTTPS is enabled")
            config = self._serving_config()
            self.sockets = [sock for sock, _ in listening]
            self.starter = scheduler.current_runtime()
            self.running = True
            for number in range(1, WEB_PROCESSES + 1):
                dups = [(sock.dup(), tls) for sock, tls in listening]
                self.unclaimed.append(dups)
                scheduler.new_process(Formula(self._web_process_main(config, dups)), f"Web process {number}")
            return Obj(success=True)

    def _orphaned(self) -> bool:
        """Whether the run that started the server ended without stopping it (an
        interrupted start(), or processes that never ran): then it is not running."""
        starter = self.starter
        return not self.processes and starter is not None and starter.loop.is_closed()

    def _close_sockets(self) -> None:
        """Close the listening sockets and those of web processes that never started (under the lock)."""
        for sock in self.sockets:
            trace.event("HTTP", "close", sock.getsockname()[1], comment="stopped listening")
            sock.close()
        self.sockets = []
        for dups in self.unclaimed:
            for sock, _ in dups:
                sock.close()
        self.unclaimed = []

    def _listen(self) -> list[tuple[socket.socket, ssl.SSLContext | None]]:
        listening = []
        address = self.setting("IPAddressToListen")
        try:
            if self.setting("HTTPEnabled"):
                sock = _bind(address, self.setting("HTTPPort"))
                listening.append((sock, None))
                self.values["HTTPPort"] = sock.getsockname()[1]
                trace.event("HTTP", "listen", self.values["HTTPPort"], comment="HTTP")
            if self.setting("HTTPSEnabled"):
                tls = self._tls_context()
                sock = _bind(address, self.setting("HTTPSPort"))
                listening.append((sock, tls))
                self.values["HTTPSPort"] = sock.getsockname()[1]
                trace.event("HTTP", "listen", self.values["HTTPSPort"], comment="HTTPS")
        except BaseException:
            for sock, _ in listening:
                sock.close()
            raise
        return listening

    def _serving_config(self) -> dict:
        """What the web processes read for each request, fixed at start."""
        base = project_folder()
        project = getattr(global_state, "project", None)
        on_web_connection = None
        if project is not None and hasattr(project, "database_method"):
            try:
                on_web_connection = project.database_method("onWebConnection")
            except Exception as exc:     # a syntax error: reported, not served
                scheduler.report(exc, "On Web Connection")
        return {
            "root": self._folder("rootFolder"),
            "defaultHomepage": self.setting("defaultHomepage") or "index.html",
            "maxRequestSize": self.setting("maxRequestSize"),
            "handlers": request_handlers.load_handlers(_handlers_file(base)),
            "onWebConnection": on_web_connection,
        }

    def _web_process_main(self, config: dict, sockets):
        def main(this=None, *args):
            rt = scheduler.current_runtime()
            process = _WebProcess(self, rt, config)
            with self.lock:
                if sockets not in self.unclaimed:    # stopped before this process started
                    return
                self.unclaimed.remove(sockets)
                self.processes.append(process)
            scheduler.attach(process)
            rt.loop.run_until_complete(process.listen(sockets))
        return main

    # -- stop

    def stop(self) -> None:
        """Stop listening (the ports are free when it returns) and close the connections."""
        with self.lock:
            if not self.running:
                return
            self.running = False
            # Forgotten now: their ends, reported later, must not touch a server started again.
            processes, self.processes = list(self.processes), []
            self._close_sockets()
            self.values = {}
            sockets_servers = list(self.websocket_servers)
        me = threading.get_ident()
        for process in processes:
            if process.rt.thread_id == me:
                process.stop()
            else:
                try:
                    process.loop.call_soon_threadsafe(process.stop)
                except RuntimeError:     # its loop is closed: the process has ended
                    process.closed.set()
        for process in processes:
            if process.rt.thread_id != me:
                process.closed.wait(STOP_TIMEOUT)
        for socket_server in sockets_servers:
            socket_server.server_stopped()

    def _ended(self, process: _WebProcess) -> None:
        with self.lock:
            if process not in self.processes:         # of a server stopped since
                return
            self.processes.remove(process)
            if not self.processes and self.running:   # ended by SIGINT/SIGTERM
                self.running = False
                self._close_sockets()

    # -- WebSocket servers (fourd.web.websocket_server)

    def websocket_server_for(self, path: str):
        with self.lock:
            for socket_server in self.websocket_servers:
                if socket_server.accepts(path):
                    return socket_server
        return None


def _failure(code: int, message: str) -> Obj:
    """start()'s result when the server could not start (WebServerClass.md)."""
    return Obj(success=False, errors=Coll([Obj(errCode=float(code), message=message,
                                               componentSignature=COMPONENT)]))


_server: WebServer | None = None
_server_lock = threading.Lock()


def web_server_object() -> WebServer:
    """The application's web server (``WEB Server``), created on first use."""
    global _server
    with _server_lock:
        if _server is None:
            _server = WebServer()
        return _server


builtin_class("WebServer", new=None, module=__name__)


@member_function(WebServer, "start")
def start(server: WebServer, settings=UNDEFINED) -> Obj:
    """``.start({settings})``: ``{success}`` or ``{success: False; errors}``."""
    return server.start(settings)


@member_function(WebServer, "stop")
def stop(server: WebServer) -> None:
    server.stop()


member_property(WebServer, "isRunning")(lambda server: server.running)
member_property(WebServer, "name")(lambda server: project_folder().name)
member_property(WebServer, "openSSLVersion")(lambda server: ssl.OPENSSL_VERSION)
member_property(WebServer, "perfectForwardSecrecy")(lambda server: True)
member_property(WebServer, "accessKeyDefined")(lambda server: False)
member_property(WebServer, "sessionCookieName")(lambda server: "4DSID_" + project_folder().name)


def _getter(name: str):
    def get(server: WebServer):
        value = server.setting(name)
        if type(value) is int:
            return float(value)
        if value is None:
            return Coll() if name == "CORSSettings" else UNDEFINED
        return value
    return get


for _name in _SETTINGS:
    member_property(WebServer, _name)(_getter(_name))

