"""``4D.HTTPRequest`` and ``4D.HTTPAgent``, the HTTP client, on aiohttp.

Specification: API/HTTPRequestClass.md, API/HTTPAgentClass.md and
Develop/async.md. A request is sent by ``new()``: its exchange is an
asyncio task on the loop of the process that created it, so it goes out
when the process serves its loop (its 4D code returned, or it is in
``wait()`` or ``DELAY PROCESS``). The task never calls 4D code itself: each
callback is handed to the loop (``call_soon``) and the task waits until it
ran, which keeps the documented order and gives back-pressure -- a 50 MB
body streamed through ``onData`` is read as fast as the callbacks take it::

    onHeaders -> onData* -> onResponse | onError -> onTerminate

Choices where the docs are silent (each says why):

* Redirections are followed by fourd itself, not aiohttp, so that "up to 5
  redirections are handled, the 6th redirection response is returned"
  holds exactly; 301/302/303 turn the request into a GET without body
  (what browsers and curl do), 307/308 keep method and body.
* ``decodeData`` false (the default) gives ``onData`` the bytes as they
  came (compressed if the server compressed them); ``response.body`` is
  always decoded.
* ``dataType`` "object" or "auto" with JSON that does not parse gives the
  text as body, so that no data is lost.
* Network errors go to ``.errors`` (``componentSignature`` "HTTP") as
  ``async_object.error_details`` describes. An HTTP status (404, 500) is a
  response, not an error.
* ``protocol`` "auto" means HTTP/1.1 (as in 4D's current implementation);
  ``.protocol`` then says "HTTP1".
* Proxies come from the environment (``HTTP_PROXY``/``HTTPS_PROXY``/
  ``NO_PROXY``), where 4D uses the system's settings.
* Certificates of the servers are verified by default (4D 20), against the
  system's authorities (``SSL_CERT_FILE`` can name others);
  ``certificatesFolder`` holds the client certificate 4D's way, as
  ``cert.pem`` and ``key.pem``. ``storeCertificateName`` (Windows/macOS
  stores) is a 4D error.
"""
from __future__ import annotations

import asyncio
import codecs
import functools
import ssl
import urllib.request
import weakref
import zlib
from pathlib import Path

import aiohttp
from multidict import CIMultiDict
from yarl import URL

from ..api.blob import blob_bytes
from ..commands.arguments import incompatible
from ..commands.json import decode as json_decode, stringify
from ..runtime import scheduler
from ..runtime.builtins import builtin_class
from ..runtime.classes import NativeObject, find_callable
from ..runtime.errors import Codes, fail
from ..runtime.members import member_function, member_property, properties_of
from ..runtime.shared import SharedGroup
from ..runtime.values import UNDEFINED, Blob4D, Coll, Obj, is_number
from . import trace
from .async_object import AsyncObject

__all__ = ["HTTPRequest", "HTTPAgent", "new_request", "new_agent", "global_agent",
           "tls_context", "folder_path", "decode_text", "body_value", "request_body"]

COMPONENT = "HTTP"
#: HTTPRequestClass.md: "up to 5 redirections are handled, the 6th redirection response is returned".
MAX_REDIRECTIONS = 5
REDIRECT_STATUSES = frozenset((301, 302, 303, 307, 308))
TLS_VERSIONS = {
    "TLSv1_0": ssl.TLSVersion.TLSv1, "TLSv1_1": ssl.TLSVersion.TLSv1_1,
    "TLSv1_2": ssl.TLSVersion.TLSv1_2, "TLSv1_3": ssl.TLSVersion.TLSv1_3,
}
DEFAULT_MIN_TLS = "TLSv1_2"
PROTOCOLS = ("auto", "HTTP1")
DATA_TYPES = ("auto", "text", "blob", "object")
#: HTTPAgentClass.md defaults.
AGENT_DEFAULTS = {"keepAlive": True, "maxSockets": 65535, "maxTotalSockets": 65535}
#: The MIME types "auto" gives as text (HTTPRequestClass.md: "text, javascript, xml,
#: http message and url encoded form").
TEXT_TYPES = ("javascript", "xml", "message/http", "x-www-form-urlencoded")


def _http_event(type_: str, data=UNDEFINED) -> Obj:
    """The event object of the callbacks (a plain object in 4D): ``type``, and
    ``data`` (a 4D.Blob) in onData."""
    return Obj(type=type_) if data is UNDEFINED else Obj(type=type_, data=data)


# ------------------------------------------------------------------ helpers

def folder_path(value) -> str | None:
    """The path of a certificates folder given as a 4D.Folder or a text; None if neither."""
    if type(value) is str:
        return value
    if isinstance(value, NativeObject):
        getters = properties_of(type(value))
        for name in ("platformPath", "path"):
            if name in getters:
                return getters[name](value)
    return None


@functools.lru_cache(maxsize=64)
def tls_context(validate: bool = True, min_version: str = DEFAULT_MIN_TLS,
                certificates_folder: str | None = None) -> ssl.SSLContext:
    """The TLS settings of a request: verification, lowest version, client certificate.

    One context per combination: aiohttp pools connections by context, so a
    new one per request would defeat keep-alive."""
    context = ssl.create_default_context()
    context.minimum_version = TLS_VERSIONS[min_version]
    if not validate:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    if certificates_folder:
        folder = Path(certificates_folder)
        cert, key = folder / "cert.pem", folder / "key.pem"
        if cert.is_file() and key.is_file():
            context.load_cert_chain(cert, key)
    return context


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        name, _, value = part.strip().partition("=")
        if name.strip().lower() == "charset" and value:
            return value.strip().strip('"')
    return None


def decode_text(data: bytes, content_type: str = "") -> str:
    """Text of a body: the charset of the content type, else a BOM, else UTF-8
    (http-get.md; where 4D then tries ANSI, fourd replaces bad bytes)."""
    charset = _charset(content_type)
    if charset is None:
        for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
            if data.startswith(bom):
                charset = name
                break
    try:
        return data.decode(charset or "utf-8", errors="replace")
    except LookupError:
        return data.decode("utf-8", errors="replace")


def _mime(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def _is_json(mime: str) -> bool:
    return mime == "application/json" or mime.endswith("+json")


def body_value(data: bytes, content_type: str, data_type: str):
    """The 4D value of a response body for *data_type* ("auto", "text", "blob", "object")."""
    mime = _mime(content_type)
    if data_type == "auto":
        if _is_json(mime):
            data_type = "object"
        elif mime.startswith("text/") or any(kind in mime for kind in TEXT_TYPES):
            data_type = "text"
        else:
            data_type = "blob"
    if data_type == "blob":
        return Blob4D(data)
    text = decode_text(data, content_type)
    if data_type == "object":
        try:
            return json_decode(text)
        except (ValueError, RecursionError):
            return text
    return text


def request_body(body, encoding: str, headers: CIMultiDict) -> bytes | None:
    """The bytes of a request body (text, object/collection or blob), setting its
    content type unless the headers give one (HTTPRequestClass.md, http-request.md)."""
    if body is UNDEFINED or body is None:
        return None
    if type(body) is str:
        codec = encoding or "UTF-8"
        data = body.encode(codec)
        content_type = f"text/plain; charset={codec}"
    elif isinstance(body, (Obj, Coll)):
        data = stringify(body).encode()
        content_type = "application/json"
    else:
        data = blob_bytes(body)
        if data is None:
            return None
        content_type = "application/octet-stream"
    if "Content-Type" not in headers:
        headers["Content-Type"] = content_type
    return data


def _header_text(value) -> str:
    if type(value) is float and value == int(value):
        return str(int(value))
    return str(value)


def request_headers(headers) -> CIMultiDict:
    """The headers option as a multidict: a collection value repeats the header."""
    result: CIMultiDict = CIMultiDict()
    if isinstance(headers, Obj):
        for name, value in headers.items():
            for item in (value if isinstance(value, Coll) else (value,)):
                if item is not None and item is not UNDEFINED:
                    result.add(name, _header_text(item))
    return result


def _header_object(pairs) -> Obj:
    """Response headers as 4D gives them: repeated names become collections."""
    headers = Obj()
    for name, value in pairs:
        if name in headers:
            previous = headers[name]
            if isinstance(previous, Coll):
                previous.append(value)
            else:
                headers[name] = Coll([previous, value])
        else:
            headers[name] = value
    return headers


def _raw_pairs(response: aiohttp.ClientResponse):
    return [(name.decode("latin-1"), value.decode("latin-1")) for name, value in response.raw_headers]


def response_object(response: aiohttp.ClientResponse) -> Obj:
    """``.response`` once the status line and headers arrived (body to come)."""
    raw = _raw_pairs(response)
    return Obj(status=float(response.status), statusText=response.reason or "",
               headers=_header_object((name.lower(), value) for name, value in raw),
               rawHeaders=_header_object(raw))


class _Decompressor:
    """Incremental gzip/deflate decoding of a body read raw (``auto_decompress=False``)."""

    def __init__(self, encoding: str):
        self._zlib = None
        encoding = encoding.lower()
        if encoding in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._zlib = zlib.decompressobj()
        self._first = encoding == "deflate"

    @property
    def active(self) -> bool:
        return self._zlib is not None

    def feed(self, chunk: bytes) -> bytes:
        if self._first and chunk:
            self._first = False
            # "deflate" is zlib-wrapped by the RFC, raw deflate for some servers.
            if chunk[0] & 0x0F != 8:
                self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
        return self._zlib.decompress(chunk)

    def flush(self) -> bytes:
        return self._zlib.flush()


@functools.cache
def _environment_proxies() -> dict:
    """The proxies the environment names, read once (reading them costs a scan
    of the environment per request)."""
    return urllib.request.getproxies_environment()


def _env_proxy(url: URL) -> str | None:
    """The proxy for *url* from ``HTTP_PROXY``/``HTTPS_PROXY``/``NO_PROXY`` (4D uses
    the system's settings; a headless fourd uses the environment's)."""
    proxies = _environment_proxies()
    proxy = proxies.get(url.scheme)
    if not proxy or urllib.request.proxy_bypass_environment(url.host or "", proxies):
        return None
    return proxy


def _absolute_url(url: str) -> str:
    """HTTPRequestClass.md: without a scheme, the request is sent over https."""
    lowered = url.lower()
    if lowered.startswith("http://") or lowered.startswith("https://"):
        return url
    return "https://" + url


# -------------------------------------------------------------------- agent

class HTTPAgent(NativeObject):
    """A 4D.HTTPAgent: options merged into its requests, and a pool of connections
    per process (an aiohttp session per event loop), so that it can be shared."""

    FOURD_CLASS = "HTTPAgent"
    __slots__ = ("params", "shared", "requests_count", "_sessions")

    def __init__(self, params: Obj):
        self.params = params
        self.shared = SharedGroup(self)
        self.requests_count = 0
        self._sessions: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()   # loop -> session

    def __repr__(self) -> str:
        return f"<4D.HTTPAgent {dict(self.params)}>"

    def session(self, rt: scheduler.ProcessRuntime) -> aiohttp.ClientSession:
        """The session (connection pool) of this agent in *rt*'s loop."""
        session = self._sessions.get(rt.loop)
        if session is None or session.closed:
            params = self.params
            keep_alive = params.get("keepAlive", True) is not False
            idle = params.get("timeout")
            connector = aiohttp.TCPConnector(
                limit=int(params.get("maxTotalSockets", 65535)) or 0,
                limit_per_host=int(params.get("maxSockets", 65535)) or 0,
                force_close=not keep_alive,
                keepalive_timeout=float(idle) if keep_alive and is_number(idle) and idle > 0 else (
                    15.0 if keep_alive else None),
                loop=rt.loop)
            session = aiohttp.ClientSession(
                # trust_env would cost two thread hops per request (netrc, proxies): _env_proxy.
                connector=connector, auto_decompress=False, trust_env=False,
                cookie_jar=aiohttp.DummyCookieJar(), timeout=aiohttp.ClientTimeout(total=None))
            self._sessions[rt.loop] = session
            rt.closers.append(session.close)
        return session

    def free_sockets(self) -> int:
        """Connections of the current process's pool that wait for a request."""
        session = self._sessions.get(scheduler.current_runtime().loop)
        if session is None or session.closed:
            return 0
        return sum(len(idle) for idle in session.connector._conns.values())


def _agent_params(options) -> Obj | None:
    params = Obj(AGENT_DEFAULTS)
    if options is UNDEFINED or options is None:
        return params
    if not isinstance(options, Obj):
        return None
    for name, value in options.items():
        params[name] = value
    return params


@builtin_class("HTTPAgent")
def new_agent(options=UNDEFINED) -> HTTPAgent:
    """``4D.HTTPAgent.new({options})``."""
    params = _agent_params(options)
    if params is None:
        return incompatible("4D.HTTPAgent.new", "the options must be an object")
    problem = _check_tls_options(params)
    if problem:
        return incompatible("4D.HTTPAgent.new", problem)
    return HTTPAgent(params)


_global_agent: HTTPAgent | None = None


def global_agent() -> HTTPAgent:
    """The agent of requests that name none (HTTPAgentClass.md)."""
    global _global_agent
    if _global_agent is None:
        _global_agent = HTTPAgent(Obj(AGENT_DEFAULTS))
    return _global_agent


member_property(HTTPAgent, "params")(lambda agent: Obj(agent.params))
member_property(HTTPAgent, "requestsCount")(lambda agent: float(agent.requests_count))
member_property(HTTPAgent, "freeSocketsCount")(lambda agent: float(agent.free_sockets()))


def _check_tls_options(options) -> str:
    """What is wrong with the TLS/protocol options of *options*, or ""."""
    min_tls = options.get("minTLSVersion", UNDEFINED)
    if min_tls is not UNDEFINED and min_tls not in TLS_VERSIONS:
        return f"minTLSVersion must be one of {', '.join(TLS_VERSIONS)}"
    protocol = options.get("protocol", UNDEFINED)
    if protocol is not UNDEFINED and protocol not in PROTOCOLS:
        return 'protocol must be "auto" or "HTTP1"'
    if options.get("storeCertificateName", UNDEFINED) not in (UNDEFINED, None, ""):
        return "storeCertificateName needs the certificate store of Windows or macOS"
    folder = options.get("certificatesFolder", UNDEFINED)
    if folder is not UNDEFINED and folder is not None and folder_path(folder) is None:
        return "certificatesFolder must be a 4D.Folder or a path"
    return ""


# ------------------------------------------------------------------ request

class HTTPRequest(AsyncObject):
    """A 4D.HTTPRequest: the request, its exchange task and its response."""

    FOURD_CLASS = "HTTPRequest"
    COMPONENT = COMPONENT
    __slots__ = ("url", "method", "headers", "body", "data_type", "encoding", "timeout",
                 "protocol", "return_body", "decode_data", "redirect", "agent", "response",
                 "_server_auth", "_proxy_auth", "_ssl", "_task", "_on_headers", "_on_data",
                 "_on_response", "_peer", "_wire_headers", "_timeout_given", "max_redirections",
                 "_url")

    def __init__(self, rt, url: str, options: Obj, agent: HTTPAgent):
        super().__init__(rt)
        self.url = url
        self.agent = agent
        self.response = UNDEFINED
        self.max_redirections = MAX_REDIRECTIONS
        self._task: asyncio.Task | None = None
        self._peer = ("", "")
        self._configure_end(options)
        self._on_headers = find_callable(options, "onHeaders")
        self._on_data = find_callable(options, "onData")
        self._on_response = find_callable(options, "onResponse")

    def __repr__(self) -> str:
        return f"<4D.HTTPRequest {self.method} {self.url}{' terminated' if self._terminated else ''}>"

    def _event(self, type_: str) -> Obj:
        return _http_event(type_)

    def _trace(self, event: str, data: bytes = b"", comment: str = "", size: int | None = None) -> None:
        self._tracer.event(event, "", self._peer[0], self._peer[1], data, comment, size, protocol="HTTP")

    # -- the exchange (a task: 4D code only through _call)

    async def _call(self, callback, name: str, event: Obj) -> None:
        """Run a 4D callback from the loop itself (not inside this task) and wait for it."""
        ran = self._loop.create_future()

        def run():
            scheduler.run_callback(name, callback, self, event)
            if not ran.done():
                ran.set_result(None)

        self._loop.call_soon(run)
        await ran

    async def _exchange(self) -> None:
        if self.timeout is None:
            await self._send()
        else:
            await asyncio.wait_for(self._send(), self.timeout)

    def _exchanged(self, task: asyncio.Task) -> None:
        """The end of the exchange task (run by the loop, outside the task):
        onResponse, onError or -- terminate(), even before it started -- onTerminate only."""
        self._task = None
        self.agent.requests_count -= 1
        if task.cancelled():
            self._finish()
            return
        exc = task.exception()
        if exc is None:
            self._succeeded()
        elif isinstance(exc, (aiohttp.ClientError, OSError, asyncio.TimeoutError, ValueError)):
            self._failed(exc)
        else:       # a bug of fourd: reported, and the request still ends
            scheduler.report(exc, "HTTPRequest")
            self._finish()

    async def _send(self) -> None:
        session = self.agent.session(self._rt)
        method, url, data = self.method, self._url, self.body
        headers = self._wire_headers
        auth = self._server_auth
        redirections = 0
        while True:
            self._peer = (url.host or "", url.port or "")
            if self._tracer is not None:
                self._trace("request", data or b"", f"{method} {url}")
            async with session.request(
                    method, url, headers=headers, data=data, allow_redirects=False, ssl=self._ssl,
                    auth=auth.basic(), proxy=_env_proxy(url), proxy_auth=self._proxy_auth,
                    middlewares=auth.middlewares()) as response:
                if auth.retry_with_basic(response):
                    continue
                if (self.redirect and response.status in REDIRECT_STATUSES
                        and "Location" in response.headers and redirections < self.max_redirections):
                    if self._tracer is not None:
                        self._trace("response", comment=f"{response.status} redirected")
                    redirections += 1
                    url = url.join(URL(response.headers["Location"]))
                    if response.status in (301, 302, 303) and method != "HEAD":
                        method, data = "GET", None
                        headers = CIMultiDict((k, v) for k, v in headers.items()
                                              if k.lower() not in ("content-type", "content-length"))
                    continue
                await self._receive(response)
                return

    async def _receive(self, response: aiohttp.ClientResponse) -> None:
        self.response = response_object(response)
        if self._tracer is not None:
            self._trace("response", comment=f"{response.status} {response.reason}")
        if self._on_headers is not None:
            await self._call(self._on_headers, "onHeaders", _http_event("headers"))
        decompressor = _Decompressor(response.headers.get("Content-Encoding", ""))
        keep = self.return_body
        on_data = self._on_data
        if on_data is None:        # nothing to stream: the whole body at once, as aiohttp reads it
            data = await response.read()
            if self._tracer is not None:
                self._trace("receive", data)
            if decompressor.active:
                data = decompressor.feed(data) + decompressor.flush()
            self._set_body(data, response)
            return
        chunks = []
        async for chunk in response.content.iter_any():
            if self._tracer is not None:
                self._trace("receive", chunk)
            decoded = decompressor.feed(chunk) if decompressor.active else chunk
            if keep:
                chunks.append(decoded)
            if on_data is not None:
                await self._call(on_data, "onData", _http_event("data", Blob4D(
                    decoded if self.decode_data else chunk)))
        if decompressor.active:
            tail = decompressor.flush()
            if keep:
                chunks.append(tail)
            if on_data is not None and self.decode_data and tail:
                await self._call(on_data, "onData", _http_event("data", Blob4D(tail)))
        self._set_body(b"".join(chunks) if keep else None, response)

    def _set_body(self, data: bytes | None, response: aiohttp.ClientResponse) -> None:
        """The response body as ``dataType`` says (None: returnResponseBody is false)."""
        if data is not None:
            self.response["body"] = body_value(data, response.headers.get("Content-Type", ""), self.data_type)
        if self.protocol == "auto":
            self.protocol = "HTTP1"

    # -- the end (on the loop, outside the task)

    def _succeeded(self) -> None:
        if self._terminated:       # terminate() came first
            return
        if self._on_response is not None:
            scheduler.run_callback("onResponse", self._on_response, self, _http_event("response"))
        self._finish()

    def _failed(self, exc: BaseException) -> None:
        if self._terminated:
            return
        if isinstance(exc, aiohttp.ClientConnectorError):
            exc = exc.os_error
        self._record_error(exc, f"send the request to {self.url}")
        self._fail_and_finish()

    def _terminate(self) -> None:
        if self._task is not None:
            self._task.cancel()
        elif not self._terminated:
            self._finish()

    terminate_for_exit = _terminate
    abandon = _terminate


class _Authentication:
    """Server credentials and how to send them (HTTPRequestClass.md, authentication object).

    "basic" sends them with the first request; "digest" answers the
    server's Digest challenge (aiohttp's middleware); "auto" answers either
    challenge: Digest through the middleware, Basic by sending the request
    again with the credentials.
    """

    __slots__ = ("method", "name", "password", "_use_basic")

    def __init__(self, method: str = "", name: str = "", password: str = ""):
        self.method, self.name, self.password = method, name, password
        self._use_basic = method == "basic"

    def basic(self) -> aiohttp.BasicAuth | None:
        return aiohttp.BasicAuth(self.name, self.password) if self._use_basic else None

    def middlewares(self) -> tuple:
        if self.method in ("digest", "auto") and not self._use_basic:
            return (aiohttp.DigestAuthMiddleware(self.name, self.password),)
        return ()

    def retry_with_basic(self, response: aiohttp.ClientResponse) -> bool:
        """Whether an "auto" request met a Basic challenge and must be sent again."""
        if (self.method == "auto" and not self._use_basic and response.status == 401
                and response.headers.get("WWW-Authenticate", "").lower().startswith("basic")):
            self._use_basic = True
            return True
        return False


NO_AUTHENTICATION = _Authentication()


def _authentication(auth) -> _Authentication | None:
    """The authentication object *auth* (Undefined/Null: none), or None if invalid."""
    if auth is UNDEFINED or auth is None:
        return NO_AUTHENTICATION
    if not isinstance(auth, Obj):
        return None
    name, password = auth.get("name", ""), auth.get("password", "")
    method = auth.get("method", "auto")
    if type(name) is not str or type(password) is not str or type(method) is not str \
            or method.lower() not in ("basic", "digest", "auto"):
        return None
    return _Authentication(method.lower(), name, password)


def _object_option(value) -> Obj | None:
    """An object option: an empty object when omitted (Undefined or Null), None if not an object."""
    if value is UNDEFINED or value is None:
        return Obj()
    return value if isinstance(value, Obj) else None


def _text_option(options, name: str, default: str, allowed=None) -> str | None:
    value = options.get(name, UNDEFINED)
    if value is UNDEFINED or value is None:
        return default
    if type(value) is not str or (allowed is not None and value not in allowed):
        return None
    return value


@builtin_class("HTTPRequest")
def new_request(url=UNDEFINED, options=UNDEFINED) -> HTTPRequest:
    """``4D.HTTPRequest.new(url {; options})``: creates and sends the request."""
    name = "4D.HTTPRequest.new"
    if type(url) is not str or not url:
        return incompatible(name, "the URL must be a text")
    options = _object_option(options)
    if options is None:
        return incompatible(name, "the options must be an object")
    agent = options.get("agent", UNDEFINED)
    if agent is UNDEFINED or agent is None:
        agent = global_agent()
    elif not isinstance(agent, HTTPAgent):
        return incompatible(name, "agent must be a 4D.HTTPAgent")
    # The agent's options were checked by 4D.HTTPAgent.new(); the request's take precedence.
    problem = _check_tls_options(options) if options else ""
    merged = {**agent.params, **options} if options else agent.params
    if problem:
        return incompatible(name, problem)
    try:
        target = URL(_absolute_url(url), encoded=False)
        if not target.host:
            raise ValueError("no host")
    except ValueError:
        return fail(Codes.INCOMPATIBLE_ARGUMENTS, f"{name}: invalid URL {url!r}", COMPONENT)
    rt = scheduler.current_runtime()
    request = HTTPRequest(rt, url, options, agent)
    request._url = target
    method = _text_option(options, "method", "GET")
    data_type = _text_option(options, "dataType", "auto", DATA_TYPES)
    encoding = _text_option(options, "encoding", "UTF-8")
    protocol = _text_option(merged, "protocol", "auto", PROTOCOLS)
    if method is None or data_type is None or encoding is None or protocol is None:
        return incompatible(name, "method and encoding must be texts; dataType one of "
                                  + ", ".join(DATA_TYPES))
    try:
        codecs.lookup(encoding)
    except LookupError:
        return incompatible(name, f"unknown encoding {encoding!r}")
    timeout = options.get("timeout", UNDEFINED)
    if timeout is not UNDEFINED and timeout is not None and not is_number(timeout):
        return incompatible(name, "timeout must be a number of seconds")
    headers = _object_option(options.get("headers", UNDEFINED))
    if headers is None:
        return incompatible(name, "headers must be an object")
    server_auth = _authentication(options.get("serverAuthentication", UNDEFINED))
    proxy_auth = _authentication(options.get("proxyAuthentication", UNDEFINED))
    if server_auth is None or proxy_auth is None:
        return incompatible(name, "an authentication object has name, password and method "
                                  '("basic", "digest" or "auto")')
    return_body = options.get("returnResponseBody", True) is not False
    if not return_body and request._on_data is None:
        return incompatible(name, "returnResponseBody is false and there is no onData callback")
    request.method = method.upper()
    request.data_type = data_type
    request.encoding = encoding
    request.protocol = protocol
    request.timeout = float(timeout) if is_number(timeout) and timeout > 0 else None
    request._timeout_given = timeout if is_number(timeout) else UNDEFINED
    request.headers = headers
    request.return_body = return_body
    request.decode_data = options.get("decodeData", False) is True
    request.redirect = options.get("automaticRedirections", True) is not False
    request._server_auth = server_auth
    # A proxy gets Basic credentials: aiohttp answers no proxy challenge.
    request._proxy_auth = aiohttp.BasicAuth(proxy_auth.name, proxy_auth.password) if proxy_auth.method else None
    wire_headers = request_headers(headers)
    wire_headers.setdefault("User-Agent", "4D fourd")
    # What _Decompressor decodes (aiohttp would also offer br when brotli is installed).
    wire_headers.setdefault("Accept-Encoding", "gzip, deflate")
    body = options.get("body", UNDEFINED)
    request.body = request_body(body, encoding, wire_headers)
    if request.body is None and body is not UNDEFINED and body is not None:
        return incompatible(name, "body must be a text, an object, a collection or a blob")
    request._wire_headers = wire_headers
    try:
        request._ssl = tls_context(merged.get("validateTLSCertificate", True) is not False,
                                   merged.get("minTLSVersion", DEFAULT_MIN_TLS),
                                   folder_path(merged.get("certificatesFolder", None)))
    except (OSError, ssl.SSLError) as exc:
        return fail(Codes.INCOMPATIBLE_ARGUMENTS, f"{name}: the client certificate cannot be used: {exc}",
                    COMPONENT)
    agent.requests_count += 1
    scheduler.attach(request)
    request._task = rt.loop.create_task(request._exchange())
    request._task.add_done_callback(request._exchanged)
    return request


@member_function(HTTPRequest, "wait")
def wait(request: HTTPRequest, timeout=UNDEFINED) -> HTTPRequest:
    """``.wait({timeout})``: serve the process's loop until onTerminate ran; returns the request."""
    request._wait(timeout)
    return request


@member_function(HTTPRequest, "terminate")
def terminate(request: HTTPRequest) -> None:
    """``.terminate()``: abort the request (thread-safe); onTerminate follows."""
    request._in_owner_thread(request._terminate)


for _name, _getter in {
    "url": lambda r: r.url,
    "method": lambda r: r.method,
    "headers": lambda r: r.headers,
    "dataType": lambda r: r.data_type,
    "encoding": lambda r: r.encoding,
    "protocol": lambda r: r.protocol,
    "timeout": lambda r: r._timeout_given,
    "returnResponseBody": lambda r: r.return_body,
    "agent": lambda r: r.agent,
    "response": lambda r: r.response,
    "errors": lambda r: r._errors,
    "terminated": lambda r: r._terminated,
}.items():
    member_property(HTTPRequest, _name)(_getter)
