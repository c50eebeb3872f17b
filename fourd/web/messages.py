"""``4D.IncomingMessage`` and ``4D.OutgoingMessage`` (API/IncomingMessageClass.md,
API/OutgoingMessageClass.md): what an HTTP request handler receives and returns.

An IncomingMessage is built from an aiohttp request whose body was already
read (handlers run as plain 4D code, which cannot await). Its path is the
decoded, normalised one: ``urlPath`` never holds ``.``/``..`` segments.
"""
from __future__ import annotations

from ..api.blob import blob_bytes
from ..commands.arguments import incompatible
from ..commands.json import parse as parse_json, stringify
from ..runtime.builtins import builtin_class
from ..runtime.classes import NativeObject
from ..runtime.errors import Codes, fail
from ..runtime.members import member_function, member_property, member_setter
from ..runtime.values import UNDEFINED, Blob4D, Coll, Obj

__all__ = ["IncomingMessage", "OutgoingMessage", "body_bytes", "content_type", "charset_of"]


def charset_of(content_type: str) -> str:
    """The ``charset=`` of a Content-Type value, UTF-8 by default."""
    for part in content_type.split(";")[1:]:
        name, _, value = part.strip().partition("=")
        if name.lower() == "charset" and value:
            return value.strip('"')
    return "utf-8"


def _decode(data: bytes, charset: str) -> str:
    try:
        return data.decode(charset, errors="replace")
    except LookupError:             # an unknown charset: the bytes as UTF-8
        return data.decode("utf-8", errors="replace")


class IncomingMessage(NativeObject):
    """A request received by an HTTP request handler (read-only); its
    properties are computed when read, from the request being answered."""

    FOURD_CLASS = "IncomingMessage"
    __slots__ = ("exchange", "_headers", "_query")

    def __init__(self, exchange):
        self.exchange = exchange
        self._headers = self._query = None

    def __repr__(self) -> str:
        return f"<4D.IncomingMessage {self.exchange.verb} {self.exchange.url}>"

    @property
    def body(self) -> bytes:
        return self.exchange.body

    def text(self) -> str:
        return _decode(self.body, charset_of(self.exchange.header("Content-Type")))

    def headers(self) -> Obj:
        """Names lower-cased; a repeated header's values joined with ", "."""
        if self._headers is None:
            headers = Obj()
            for name, value in self.exchange.headers:
                key = name.lower()
                previous = dict.get(headers, key)
                dict.__setitem__(headers, key, value if previous is None else f"{previous}, {value}")
            self._headers = headers
        return self._headers

    def query(self) -> Obj:
        """URL parameters as texts; the last value of a repeated name wins."""
        if self._query is None:
            self._query = Obj(self.exchange.query)
        return self._query


builtin_class("IncomingMessage", new=None, module=__name__)

member_property(IncomingMessage, "url")(lambda m: m.exchange.url)
member_property(IncomingMessage, "urlPath")(lambda m: Coll(p for p in m.exchange.path.split("/") if p))
member_property(IncomingMessage, "urlQuery")(IncomingMessage.query)
member_property(IncomingMessage, "verb")(lambda m: m.exchange.verb)
member_property(IncomingMessage, "headers")(IncomingMessage.headers)


@member_function(IncomingMessage, "getText")
def get_text(message: IncomingMessage) -> str:
    """The body decoded with the Content-Type's charset (UTF-8 by default)."""
    return message.text()


@member_function(IncomingMessage, "getBlob")
def get_blob(message: IncomingMessage) -> Blob4D:
    return Blob4D(message.body)


@member_function(IncomingMessage, "getJSON")
def get_json(message: IncomingMessage):
    """The body parsed as JSON; not JSON is a 4D error (IncomingMessageClass.md)."""
    return parse_json(message.text())


@member_function(IncomingMessage, "getPicture")
def get_picture(message: IncomingMessage):
    """fourd has no Picture type: a 4D error rather than a silent Null."""
    return fail(Codes.UNSUPPORTED_COMMAND, "IncomingMessage.getPicture(): pictures are not supported by fourd")


@member_function(IncomingMessage, "getHeader")
def get_header(message: IncomingMessage, key=UNDEFINED) -> str:
    """The value of header *key* (any letter case); "" when absent."""
    if type(key) is not str:
        return incompatible("IncomingMessage.getHeader", "the header name must be a text")
    return message.exchange.header(key)


# ------------------------------------------------------------------ outgoing

class OutgoingMessage(NativeObject):
    """A response built by 4D code: status, headers, body."""

    FOURD_CLASS = "OutgoingMessage"
    __slots__ = ("status", "headers", "body")

    def __init__(self):
        self.status = 200
        self.headers = Obj()
        self.body = UNDEFINED

    def __repr__(self) -> str:
        return f"<4D.OutgoingMessage {self.status}>"


@builtin_class("OutgoingMessage")
def new_outgoing_message() -> OutgoingMessage:
    return OutgoingMessage()


def content_type(body) -> str | None:
    """The Content-Type setBody() gives *body*; "" for none; None if *body* cannot be sent."""
    if type(body) is str:
        return "text/plain; charset=utf-8"
    if blob_bytes(body) is not None:
        return "application/octet-stream"
    if isinstance(body, (Obj, Coll)):
        return "application/json; charset=utf-8"
    if body is UNDEFINED or body is None:
        return ""
    return None


def body_bytes(body) -> tuple[bytes, str] | None:
    """(bytes, default content type) of a body value, or None if not a supported type."""
    kind = content_type(body)
    if kind is None:
        return None
    if type(body) is str:
        return body.encode("utf-8"), kind
    if kind == "application/octet-stream":
        return blob_bytes(body), kind
    if kind:
        return stringify(body).encode("utf-8"), kind
    return b"", kind


@member_function(OutgoingMessage, "setBody")
def set_body(message: OutgoingMessage, body=UNDEFINED) -> None:
    """Text, Blob or Object; sets Content-Type accordingly (OutgoingMessageClass.md)."""
    kind = content_type(body) if body is not UNDEFINED and body is not None else None
    if kind is None:
        incompatible("OutgoingMessage.setBody", "the body must be a Text, a Blob or an Object")
        return
    message.body = body
    dict.__setitem__(message.headers, "Content-Type", kind)


@member_function(OutgoingMessage, "setHeader")
def set_header(message: OutgoingMessage, key=UNDEFINED, value=UNDEFINED) -> None:
    if type(key) is not str or type(value) is not str:
        incompatible("OutgoingMessage.setHeader", "the header name and value must be texts")
        return
    if any(c in key + value for c in "\r\n\0"):
        fail(Codes.TYPE_MISMATCH, f"OutgoingMessage.setHeader: invalid characters in header {key!r}")
        return
    for existing in list(message.headers):           # one header per name, whatever its case
        if existing.lower() == key.lower():
            dict.__delitem__(message.headers, existing)
    dict.__setitem__(message.headers, key, value)


@member_function(OutgoingMessage, "setStatus")
def set_status(message: OutgoingMessage, status=UNDEFINED) -> None:
    if not isinstance(status, (int, float)) or isinstance(status, bool) or status != int(status) \
            or not 100 <= status <= 999:
        incompatible("OutgoingMessage.setStatus", "the status must be an integer from 100 to 999")
        return
    message.status = int(status)


member_property(OutgoingMessage, "status")(lambda m: float(m.status))
member_property(OutgoingMessage, "headers")(lambda m: m.headers)
member_property(OutgoingMessage, "body")(lambda m: m.body)


@member_setter(OutgoingMessage, "body")
def assign_body(message: OutgoingMessage, value) -> None:
    """``.body:=value``: read-write, Content-Type unchanged (OutgoingMessageClass.md)."""
    if content_type(value) is None:
        incompatible("OutgoingMessage.body", "the body must be a Text, a Blob or an Object")
        return
    message.body = value

