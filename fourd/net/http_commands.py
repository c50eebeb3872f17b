"""The legacy HTTP client commands (the "HTTP Client" theme, commands-legacy/http-*.md):
``HTTP Request``, ``HTTP Get``, ``HTTP SET OPTION``/``HTTP GET OPTION``,
``HTTP AUTHENTICATE``, ``HTTP SET CERTIFICATES FOLDER``/``HTTP Get
certificates folder`` and ``HTTP Parse message`` (commands/http-parse-message.md).

``HTTP Request``/``HTTP Get`` are synchronous: each sends a
``4D.HTTPRequest`` and waits for it (``net.http_client``), with the
settings of the calling process (options, credentials, certificates folder
are per process, as http-set-option.md says). They return the HTTP status;
when the server cannot be reached they return 0 and signal a 4D error.

``HTTP client log`` (option 7) is kept and read back; the exchanges are
written to fourd's network trace (``FOURD_NET_TRACE``), not to a
4DHTTPClientLog file. ``HTTP display auth dial`` 1 is a 4D error: fourd
has no dialog boxes.
"""
from __future__ import annotations

import weakref
from email.parser import BytesParser
from email.policy import HTTP

from fourd.api.blob import blob_bytes
from fourd.commands.arguments import ANY, LONGINT, REF, TEXT, command_with, incompatible
from fourd.commands.json import decode as json_decode
from fourd.commands.registry import Ref
from fourd.net import http_client
from fourd.runtime import scheduler
from fourd.runtime.arrays import Array4D
from fourd.runtime.errors import Codes, fail
from fourd.runtime.process import current_process
from fourd.runtime.values import UNDEFINED, Blob4D, Coll, Obj

# HTTP SET OPTION codes (http-set-option.md) and their defaults.
HTTP_TIMEOUT = 1
HTTP_FOLLOW_REDIRECT = 2
HTTP_MAX_REDIRECT = 3
HTTP_DISPLAY_AUTH_DIAL = 4
HTTP_RESET_AUTH_SETTINGS = 5
HTTP_COMPRESSION = 6
HTTP_CLIENT_LOG = 7
DEFAULT_OPTIONS = {HTTP_TIMEOUT: 120, HTTP_FOLLOW_REDIRECT: 1, HTTP_MAX_REDIRECT: 2,
                   HTTP_DISPLAY_AUTH_DIAL: 0, HTTP_RESET_AUTH_SETTINGS: 0, HTTP_COMPRESSION: 0,
                   HTTP_CLIENT_LOG: 0}
AUTH_METHODS = {0: "auto", 1: "basic", 2: "digest"}    # HTTP AUTHENTICATE's authMethod


class _Settings:
    """The HTTP client settings of one process."""

    def __init__(self):
        self.options = dict(DEFAULT_OPTIONS)
        self.server_auth: Obj | None = None
        self.proxy_auth: Obj | None = None
        self.certificates_folder = ""


_settings: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _current_settings() -> _Settings:
    process = current_process()
    settings = _settings.get(process)
    if settings is None:
        settings = _settings[process] = _Settings()
    return settings


@command_with("HTTP SET OPTION", LONGINT, LONGINT)
def http_set_option(option: int, value: int) -> None:
    if option not in DEFAULT_OPTIONS:
        incompatible("HTTP SET OPTION", f"unknown option {option}")
        return
    if option == HTTP_DISPLAY_AUTH_DIAL and value:
        fail(Codes.UNSUPPORTED_COMMAND, "HTTP SET OPTION: fourd has no authentication dialog box")
        return
    _current_settings().options[option] = value


@command_with("HTTP GET OPTION", LONGINT, REF, refs=(1,))
def http_get_option(option: int, value: Ref) -> None:
    if option not in DEFAULT_OPTIONS:
        incompatible("HTTP GET OPTION", f"unknown option {option}")
        return
    value.set(float(_current_settings().options[option]))


@command_with("HTTP AUTHENTICATE", TEXT, TEXT, LONGINT, star=True)
def http_authenticate(name: str, password: str, method: int = 0, *, star: bool = False) -> None:
    """Credentials for the next requests of the process (``*``: for the proxy)."""
    if method not in AUTH_METHODS:
        incompatible("HTTP AUTHENTICATE", "authMethod is 0 (auto), 1 (HTTP basic) or 2 (HTTP digest)")
        return
    auth = Obj(name=name, password=password, method=AUTH_METHODS[method])
    settings = _current_settings()
    if star:
        settings.proxy_auth = auth
    else:
        settings.server_auth = auth


@command_with("HTTP SET CERTIFICATES FOLDER", TEXT)
def http_set_certificates_folder(path: str) -> None:
    """The folder of the client certificate (cert.pem, key.pem) of the process's requests."""
    _current_settings().certificates_folder = path


@command_with("HTTP Get certificates folder")
def http_get_certificates_folder() -> str:
    return _current_settings().certificates_folder


# ------------------------------------------------------------ requests

def _array_texts(ref) -> list[str] | None:
    if ref is UNDEFINED:
        return []
    array = ref.get()
    if type(array) is not Array4D:
        return None
    return [str(item) for item in array.items[1:]]


def _set_texts(ref: Ref, texts: list[str]) -> None:
    array = Array4D("text", len(texts))
    array.items[1:] = texts
    ref.set(array)


def _response_value(current, data: bytes, content_type: str):
    """The body for the type of the *response* variable (http-request.md): Text,
    Blob, or Object (JSON of a text content type, else a 4D.Blob)."""
    if type(current) is str or current is UNDEFINED:
        return http_client.decode_text(data, content_type)
    if isinstance(current, (bytearray, bytes)):
        return bytearray(data)
    if isinstance(current, (Obj, Blob4D)) or current is None:     # an Object variable
        mime = content_type.split(";", 1)[0].strip().lower()
        if mime.startswith("text/") or "json" in mime:
            try:
                value = json_decode(http_client.decode_text(data, content_type))
            except (ValueError, RecursionError):
                return None
            return value if isinstance(value, Obj) else None
        return Blob4D(data)
    return current    # a type fourd cannot fill (Picture): left as it is


def _send(function: str, method: str, url: str, contents, response: Ref,
          names: Ref | object, values: Ref | object, keep_alive: bool) -> int:
    settings = _current_settings()
    options = settings.options
    header_names, header_values = _array_texts(names), _array_texts(values)
    if header_names is None or header_values is None or len(header_names) != len(header_values):
        incompatible(function, "headerNames and headerValues are two text arrays of the same size")
        return 0
    headers = Obj()
    for name, value in zip(header_names, header_values):
        if name in headers:
            previous = headers[name]
            headers[name] = (previous if isinstance(previous, Coll) else Coll([previous])) + Coll([value])
        else:
            headers[name] = value
    if not keep_alive:
        headers.setdefault("Connection", "close")
    if not options[HTTP_COMPRESSION]:
        headers.setdefault("Accept-Encoding", "identity")
    request_options = Obj(method=method, headers=headers, dataType="blob",
                          automaticRedirections=bool(options[HTTP_FOLLOW_REDIRECT]),
                          timeout=float(options[HTTP_TIMEOUT]),
                          # http-request.md: "authority of the certificate is not checked".
                          validateTLSCertificate=False)
    if contents is not UNDEFINED and contents is not None and contents != "":
        request_options["body"] = contents
    if settings.server_auth is not None:
        request_options["serverAuthentication"] = settings.server_auth
    if settings.proxy_auth is not None:
        request_options["proxyAuthentication"] = settings.proxy_auth
    if settings.certificates_folder:
        request_options["certificatesFolder"] = settings.certificates_folder
    request = http_client.new_request(url, request_options)
    if not isinstance(request, http_client.HTTPRequest):
        return 0
    request.max_redirections = int(options[HTTP_MAX_REDIRECT])
    if options[HTTP_RESET_AUTH_SETTINGS]:
        settings.server_auth = settings.proxy_auth = None
    scheduler.run_until(request._done_future())
    if request._errors:
        error = request._errors[-1]
        fail(int(error["errCode"]), error["message"], http_client.COMPONENT)
        return 0
    answer = request.response
    content_type = answer["headers"].get("content-type", "")
    if isinstance(content_type, Coll):
        content_type = content_type[0]
    body = answer.get("body", Blob4D())
    response.set(_response_value(response.get(), body.data, content_type))
    if names is not UNDEFINED and values is not UNDEFINED:
        pairs = [(name, item) for name, value in answer["rawHeaders"].items()
                 for item in (value if isinstance(value, Coll) else (value,))]
        _set_texts(names, [name for name, _ in pairs])
        _set_texts(values, [value for _, value in pairs])
    return int(answer["status"])


@command_with("HTTP Request", TEXT, TEXT, ANY, REF, REF, REF, refs=(3, 4, 5), star=True)
def http_request(method: str, url: str, contents, response: Ref, names=UNDEFINED, values=UNDEFINED,
                 *, star: bool = False) -> int:
    """``HTTP Request(method; url; contents; response {; headerNames; headerValues}{; *})``."""
    return _send("HTTP Request", method, url, contents, response, names, values, star)


@command_with("HTTP Get", TEXT, REF, REF, REF, refs=(1, 2, 3), star=True)
def http_get(url: str, response: Ref, names=UNDEFINED, values=UNDEFINED, *, star: bool = False) -> int:
    """``HTTP Get(url; response {; headerNames; headerValues}{; *})``."""
    return _send("HTTP Get", "GET", url, UNDEFINED, response, names, values, star)


# ----------------------------------------------------- HTTP Parse message

def _part(message) -> Obj:
    """One part of a multipart message: its headers and body, and the usual fields."""
    part = Obj(headers=Obj((name, str(value)) for name, value in message.items()))
    content_type = message.get("Content-Type", "")
    if content_type:
        part["contentType"] = message.get_content_type()
    content_id = message.get("Content-ID")
    if content_id:
        part["contentID"] = content_id.strip().strip("<>")
    name = message.get_param("name", header="Content-Disposition")
    if name:
        part["name"] = name
    file_name = message.get_filename()
    if file_name:
        part["fileName"] = file_name
    data = message.get_payload(decode=True) or b""
    part["body"] = _body(data, content_type)
    return part


def _body(data: bytes, content_type: str):
    mime = content_type.split(";", 1)[0].strip().lower()
    if not mime or mime.startswith("text/") or "json" in mime or mime in ("application/http",
                                                                         "message/http") \
            or any(kind in mime for kind in http_client.TEXT_TYPES):
        return http_client.decode_text(data.strip(b"\r\n"), content_type)
    return Blob4D(data)


@command_with("HTTP Parse message", ANY)
def http_parse_message(data):
    """``HTTP Parse message(data)``: an HTTP request or response message as an object.

    The docs' example shows ``requestLine``, ``headers`` and ``parts`` (each
    with ``contentType``, ``contentID``...); fourd gives ``statusLine`` for a
    response, and ``body`` when the message is not multipart.
    """
    raw = data.encode() if type(data) is str else blob_bytes(data)
    if raw is None:
        return incompatible("HTTP Parse message", "data must be a text or a blob")
    first, _, rest = raw.lstrip(b"\r\n").partition(b"\n")
    start_line = first.rstrip(b"\r").decode("latin-1")
    message = BytesParser(policy=HTTP).parsebytes(rest)
    result = Obj()
    result["statusLine" if start_line.startswith("HTTP/") else "requestLine"] = start_line
    result["headers"] = Obj((name, str(value)) for name, value in message.items())
    if message.is_multipart():
        result["parts"] = Coll(_part(part) for part in message.iter_parts())
    else:
        body = message.get_payload(decode=True) or b""
        if body:
            result["body"] = _body(body, message.get("Content-Type", ""))
    return result
