"""The ``WEB`` commands: the web server object and the classic commands of
4D web code (``On Web Connection``, handlers).

Specification: API/WebServerClass.md (``WEB Server``, ``WEB Server list``),
commands-legacy/web-*.md. The commands that act on "the request being
processed" do nothing outside a web process's request, as web-send-file.md
says of ``WEB SEND FILE`` (see ``fourd.web.context``). fourd does not
process 4D's transformation tags (``<!--#4DTEXT …-->``, ``4DSCRIPT``…) in
what these commands send: the text or file goes out as it is.
"""
from __future__ import annotations

from email.parser import BytesParser
from email.policy import HTTP
from pathlib import Path

from fourd.api.blob import blob_bytes
from fourd.commands.arguments import ANY, LONGINT, REF, TEXT, command_with, incompatible
from fourd.commands.registry import Ref
from fourd.runtime.arrays import Array4D
from fourd.runtime.process import current_process
from fourd.runtime.values import UNDEFINED, Coll
from fourd.web import context
from fourd.web.server import file_in_root, normalised_path, web_server_object

# WEB Server's default option, Web server database (WebServerClass.md): fourd has
# one web server, the database's, which every option designates.
WEB_SERVER_DATABASE = 1

# WEB SEND BLOB types given as a file extension (web-send-blob.md's table; others: mimetypes).
_MIME_BY_EXTENSION = {
    ".htm": "text/html", ".html": "text/html", ".shtml": "text/html", ".shtm": "text/html",
    ".css": "text/css", ".js": "application/javascript", ".json": "application/json",
    ".txt": "text/plain", ".text": "text/plain", ".xml": "application/xml", ".pdf": "application/pdf",
    ".gif": "image/gif", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png",
    ".zip": "application/x-zip", ".gz": "application/x-gzip", ".tar": "application/x-tar",
}


def _set_ok(ok: bool) -> None:
    current_process().vars["ok"] = 1 if ok else 0   # process variables are stored lower-case


# ------------------------------------------------------------------ server

@command_with("WEB Server", LONGINT)
def web_server(option: int = WEB_SERVER_DATABASE):
    """``WEB Server{(option)}``: the application's 4D.WebServer (fourd has no components)."""
    return web_server_object()


@command_with("WEB Server list")
def web_server_list() -> Coll:
    return Coll([web_server_object()])


@command_with("WEB START SERVER")
def web_start_server() -> None:
    """Start with the current settings; OK = 1 when the server runs."""
    server = web_server_object()
    if not server.running:
        server.start()
    _set_ok(server.running)


@command_with("WEB STOP SERVER")
def web_stop_server() -> None:
    web_server_object().stop()


@command_with("WEB Is server running")
def web_is_server_running() -> bool:
    return web_server_object().running


# ------------------------------------------------------- replying (legacy)

def _mime(kind: str) -> str:
    """A WEB SEND BLOB type: "", an extension (".htm") or a MIME type."""
    if kind.startswith("."):
        import mimetypes
        return _MIME_BY_EXTENSION.get(kind.lower()) or mimetypes.types_map.get(kind.lower(), "")
    return kind


@command_with("WEB SEND TEXT", TEXT, TEXT)
def web_send_text(text: str, kind: str = "text/html") -> None:
    exchange = context.current()
    if exchange is not None:
        exchange.reply_body = text.encode("utf-8")
        mime = _mime(kind) or "text/html"
        exchange.reply_type = mime if "charset" in mime or not mime.startswith("text/") else mime + "; charset=utf-8"
        exchange.reply_file = None


@command_with("WEB SEND BLOB", ANY, TEXT)
def web_send_blob(blob, kind: str) -> None:
    data = blob_bytes(blob)
    if data is None:
        incompatible("WEB SEND BLOB", "a Blob is expected")
        return
    exchange = context.current()
    if exchange is not None:
        exchange.reply_body = data
        exchange.reply_type = _mime(kind)
        exchange.reply_file = None


@command_with("WEB SEND FILE", TEXT)
def web_send_file(path: str) -> None:
    """Send a file of the root folder (a relative POSIX or system path), or a
    file given by its absolute path; OK = 0 when there is no such file."""
    exchange = context.current()
    if exchange is None:
        return
    found = None
    given = Path(path.replace("\\", "/"))
    if given.is_absolute():
        found = given if given.is_file() else None
    else:
        relative = normalised_path("/" + given.as_posix())
        found = file_in_root(exchange.root, relative) if relative is not None else None
    if not found:
        _set_ok(False)
        return
    exchange.reply_file = found
    exchange.reply_body = None
    _set_ok(True)


def _fill(ref, values: list[str], name: str) -> None:
    """Put *values* in the text array held by *ref* (declared or not)."""
    array = ref.get() if isinstance(ref, Ref) else ref
    if type(array) is not Array4D:
        if not isinstance(ref, Ref):
            incompatible(name, "a text array was expected")
            return
        array = Array4D("text")
        ref.set(array)
    array.resize(len(values))
    for index, value in enumerate(values, 1):
        array.items[index] = array.convert(value)


def _array_values(array) -> list[str]:
    return [str(item) for item in array.items[1:]]


@command_with("WEB SET HTTP HEADER", ANY, ANY)
def web_set_http_header(header, values=UNDEFINED) -> None:
    """A text of "Name: value" lines (a first line "HTTP/1.x nnn …" sets the
    status), or the names and values arrays (X-VERSION, X-STATUS first)."""
    exchange = context.current()
    if isinstance(header, Array4D) and isinstance(values, Array4D):
        pairs = list(zip(_array_values(header), _array_values(values)))
    elif type(header) is str and values is UNDEFINED:
        pairs = []
        for line in header.replace("\r\n", "\r").replace("\n", "\r").split("\r"):
            if line.upper().startswith("HTTP/"):
                pairs.append(("X-STATUS", line.split(" ", 1)[1] if " " in line else "200"))
            elif ":" in line:
                name, _, value = line.partition(":")
                pairs.append((name.strip(), value.strip()))
    else:
        incompatible("WEB SET HTTP HEADER", "a text, or two text arrays, are expected")
        return
    if exchange is None:
        return
    for name, value in pairs:
        if any(c in name + value for c in "\r\n\0"):
            continue
        if name.upper() == "X-STATUS":
            code = value.split(" ", 1)[0]
            if code.isdigit() and 100 <= int(code) <= 999:
                exchange.reply_status = int(code)
        elif name.upper() != "X-VERSION" and name:
            exchange.reply_headers.append((name, value))


# ------------------------------------------------------- reading (legacy)

@command_with("WEB GET HTTP HEADER", REF, ANY, refs=(0, 1))
def web_get_http_header(header: Ref, values=UNDEFINED) -> None:
    """The request line and headers as a text, or as two arrays
    (X-METHOD, X-URL, X-VERSION, then the headers)."""
    exchange = context.current()
    if exchange is None:
        names, contents = [], []
    else:
        names = ["X-METHOD", "X-URL", "X-VERSION"] + [name for name, _ in exchange.headers]
        contents = [exchange.verb, exchange.url, exchange.version] + [value for _, value in exchange.headers]
    if values is UNDEFINED:
        if exchange is None:
            header.set("")
        else:
            lines = [f"{exchange.verb} {exchange.url} {exchange.version}"]
            lines += [f"{name}: {value}" for name, value in exchange.headers]
            header.set("\r\n".join(lines))
        return
    _fill(header, names, "WEB GET HTTP HEADER")
    _fill(values, contents, "WEB GET HTTP HEADER")


@command_with("WEB GET HTTP BODY", REF, refs=(0,))
def web_get_http_body(body: Ref) -> None:
    """The body as is: into a Text variable (UTF-8) or a Blob."""
    exchange = context.current()
    data = exchange.body if exchange is not None else b""
    if type(body.get()) is str:
        body.set(data.decode("utf-8", errors="replace"))
    else:
        body.set(bytearray(data))


@command_with("WEB GET VARIABLES", REF, REF, refs=(0, 1))
def web_get_variables(names: Ref, values: Ref) -> None:
    """The URL parameters and the fields of an urlencoded or multipart form."""
    exchange = context.current()
    fields = exchange.form_fields() if exchange is not None else []
    fields += [(name, content.decode("utf-8", errors="replace"))
               for name, content, _, filename in _body_parts(exchange) if not filename]
    _fill(names, [name for name, _ in fields], "WEB GET VARIABLES")
    _fill(values, [value for _, value in fields], "WEB GET VARIABLES")


def _body_parts(exchange) -> list[tuple[str, bytes, str, str]]:
    """(name, contents, MIME type, file name) of each part of a multipart body."""
    if exchange is None:
        return []
    content_type = exchange.header("Content-Type")
    if not content_type.lower().startswith("multipart/"):
        return []
    message = BytesParser(policy=HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1", errors="replace") + b"\r\n\r\n" + exchange.body)
    parts = []
    for part in message.iter_parts():
        parts.append((part.get_param("name", "", header="content-disposition") or "",
                      part.get_payload(decode=True) or b"", part.get_content_type(),
                      part.get_filename() or ""))
    return parts


@command_with("WEB Get body part count")
def web_get_body_part_count() -> int:
    return len(_body_parts(context.current()))


@command_with("WEB GET BODY PART", LONGINT, REF, REF, REF, REF, refs=(1, 2, 3, 4))
def web_get_body_part(part: int, contents: Ref, name: Ref, mime: Ref = None, filename: Ref = None) -> None:
    """Part *part* (from 1) of a multipart body: contents (Text or Blob
    variable), field name, and optionally its MIME type and file name."""
    parts = _body_parts(context.current())
    if not 1 <= part <= len(parts):
        return
    field, data, kind, file_name = parts[part - 1]
    if type(contents.get()) is str:
        contents.set(data.decode("utf-8", errors="replace"))
    else:
        contents.set(bytearray(data))
    name.set(field)
    if mime is not None:
        mime.set(kind)
    if filename is not None:
        filename.set(file_name)
