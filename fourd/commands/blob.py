"""BLOB commands: reading and writing scalar blobs, charsets, Base64, UUIDs, digests.

Pages (commands/): blob-size.md, set-blob-size.md, copy-blob.md,
insert-in-blob.md, delete-from-blob.md, text-to-blob.md, blob-to-text.md,
integer-to-blob.md, longint-to-blob.md, real-to-blob.md, blob-to-integer.md,
blob-to-longint.md, blob-to-real.md, convert-from-text.md,
convert-to-text.md, base64-encode.md, base64-decode.md, generate-uuid.md,
generate-digest.md.

A scalar blob is a ``bytearray``; commands that modify one receive a
:class:`Ref` to the variable and store a modified copy back. They do
not accept a 4D.Blob, which cannot be altered (dt_blob.md); commands that
only read a blob accept both kinds. Not implemented: ``Generate password
hash``, and ``Generate digest`` with the obsolete ``_o_4D REST digest``.
"""
from __future__ import annotations

import base64
import binascii
import codecs
import hashlib
import math
import sys
import os
import struct
import time as _time
import uuid

from fourd.api.blob import blob_bytes, decode_base64, encode_base64
from fourd.api.charsets import BOMS, charset_codec
from fourd.commands.arguments import ANY, LONGINT, REF, TEXT, command_with, incompatible
from fourd.commands.registry import Ref
from fourd.runtime.conversions import wrap_longint
from fourd.runtime.errors import Codes, fail
from fourd.runtime.process import current_process
from fourd.runtime.values import UNDEFINED, Blob4D, is_number

# --- constants (BLOB and Digest Type themes) -------------------------------------

MAC_C_STRING = 0
MAC_PASCAL_STRING = 1
MAC_TEXT_WITH_LENGTH = 2
MAC_TEXT_WITHOUT_LENGTH = 3
UTF8_C_STRING = 4
UTF8_TEXT_WITH_LENGTH = 5
UTF8_TEXT_WITHOUT_LENGTH = 6

# Byte orderings -> struct prefix (native, Macintosh = big-endian, PC = little-endian).
_BYTE_ORDERS = {0: "=", 1: ">", 2: "<"}
NATIVE_REAL_FORMAT = 0
EXTENDED_REAL_FORMAT = 1
MACINTOSH_DOUBLE_REAL_FORMAT = 2
PC_DOUBLE_REAL_FORMAT = 3

_DIGESTS = {0: hashlib.md5, 1: hashlib.sha1, 3: hashlib.sha256, 4: hashlib.sha512}

# "A blob can be empty (null length) or contain up to 2147483647 bytes" (dt_blob.md).
_MAX_SIZE = 2**31 - 1


# --- blob arguments ------------------------------------------------------------------

def _readable(name: str, value) -> bytes | bytearray | None:
    """The bytes of a Blob or 4D.Blob argument, to read (a scalar blob is not
    copied: reading it field by field must not copy it each time); None after
    signalling a wrong type."""
    if type(value) is bytearray:
        return value
    data = blob_bytes(value)
    if data is None:
        if value is UNDEFINED:  # a variable never assigned: an empty blob
            return b""
        incompatible(name, "a blob was expected")
    return data


_SOLE_HOLDER = 3


def _modifiable(name: str, ref: Ref) -> bytearray | None:
    """The scalar blob in the variable *ref* designates, to modify and store
    back; None after signalling an error.

    A blob is a value: where anything else holds the same bytearray (a
    variable assigned from another one shares it until either changes), it
    is copied first. Where the variable is its only holder, it is changed in
    place, so appending in a loop (``INTEGER TO BLOB(…; $b; *)``) costs the
    bytes appended, not the whole blob each time. Only holder: CPython's
    reference count is the variable's, this function's local and
    getrefcount's argument."""
    value = ref.get()
    if type(value) is bytearray:
        return value if sys.getrefcount(value) <= _SOLE_HOLDER else bytearray(value)
    if value is UNDEFINED:
        return bytearray()
    incompatible(name, "a Blob variable was expected (a 4D.Blob cannot be modified)")
    return None


def _offset(name: str, ref: Ref) -> int | None:
    """The offset held by the variable *ref* designates; None after an error."""
    value = ref.get()
    if value is UNDEFINED:
        return 0
    if not is_number(value) or not math.isfinite(value):
        incompatible(name, "the offset must be a number")
        return None
    if not 0 <= value <= _MAX_SIZE:
        fail(Codes.BLOB_OUT_OF_RANGE, f"{name}: offset {value} is out of range")
        return None
    return int(value)


def _grow(name: str, blob: bytearray, size: int, filler: int = 0) -> bool:
    """Extends *blob* to *size* bytes with *filler*; error -108 when a blob
    cannot be that large (set-blob-size.md, "insufficient memory")."""
    if size <= len(blob):
        return True
    try:
        if size > _MAX_SIZE:
            raise MemoryError
        blob.extend(bytes([filler]) * (size - len(blob)))
    except MemoryError:
        fail(Codes.MEMORY, f"{name}: not enough memory for a blob of {size} bytes")
        return False
    return True


def _advance(ref: Ref, offset: int) -> None:
    """Stores the new offset, keeping the variable's number type."""
    ref.set(offset if type(ref.get()) is int else float(offset))


def _write(name: str, ref: Ref, data: bytes, where: Ref | None, append: bool) -> None:
    """Writes *data* into the blob variable *ref*: appended (``*``), at the
    offset variable *where* (which then moves past the data; the blob grows
    with zeros as needed), or else replacing the whole contents."""
    blob = _modifiable(name, ref)
    if blob is None:
        return
    if append:
        blob += data
    elif where is None:
        blob[:] = data
    else:
        offset = _offset(name, where)
        if offset is None:
            return
        end = offset + len(data)
        if not _grow(name, blob, end):
            return
        blob[offset:end] = data
        _advance(where, end)
    ref.set(blob)


def _read(name: str, value, size: int, where: Ref | None) -> bytes | None:
    """*size* bytes of the blob *value* at the offset variable *where* (which
    then moves past them) or at 0; error -111 past the end."""
    data = _readable(name, value)
    if data is None:
        return None
    offset = 0 if where is None else _offset(name, where)
    if offset is None:
        return None
    if offset + size > len(data):
        fail(Codes.BLOB_OUT_OF_RANGE, f"{name}: offset {offset} is out of the blob ({len(data)} bytes)")
        return None
    if where is not None:
        _advance(where, offset + size)
    return data[offset:offset + size]


def store_bytes(ref: Ref, data: bytes, text_by_default: bool) -> None:
    """Stores *data* in the variable *ref* designates, keeping its kind: Text
    (decoded as UTF-8), 4D.Blob (also for a Null object variable) or Blob."""
    current = ref.get()
    if type(current) is str or (current is UNDEFINED and text_by_default):
        ref.set(data.decode("utf-8", "replace"))
    elif current is None or isinstance(current, Blob4D):
        ref.set(Blob4D(data))
    else:
        ref.set(bytearray(data))


def set_ok(ok: bool) -> None:
    current_process().vars["ok"] = 1 if ok else 0  # process variables are stored lower-case


# --- size and bytes ------------------------------------------------------------------

@command_with("BLOB size", ANY)
def blob_size(blob) -> int:
    data = _readable("BLOB size", blob)
    return UNDEFINED if data is None else len(data)


def _filler(name: str, filler: int) -> int | None:
    if not 0 <= filler <= 255:
        incompatible(name, "the filler must be a byte value (0..255)")
        return None
    return filler


@command_with("SET BLOB SIZE", REF, LONGINT, LONGINT, refs=(0,))
def set_blob_size(ref: Ref, size: int, filler: int = 0) -> None:
    blob = _modifiable("SET BLOB SIZE", ref)
    if blob is None or _filler("SET BLOB SIZE", filler) is None:
        return
    size = max(size, 0)
    if size < len(blob):
        del blob[size:]
    elif not _grow("SET BLOB SIZE", blob, size, filler):
        return
    ref.set(blob)


def _span(name: str, blob_size: int, offset: int, length: int) -> bool:
    """Whether offset..offset+length lies in a blob of *blob_size* bytes (error -111 if not)."""
    if offset < 0 or length < 0 or offset + length > blob_size:
        fail(Codes.BLOB_OUT_OF_RANGE, f"{name}: {length} bytes at offset {offset} are out of the blob")
        return False
    return True


@command_with("COPY BLOB", ANY, REF, LONGINT, LONGINT, LONGINT, refs=(1,))
def copy_blob(source, ref: Ref, source_offset: int, target_offset: int, length: int) -> None:
    """Copies *length* bytes; the destination grows if needed (copy-blob.md)."""
    data = _readable("COPY BLOB", source)
    if data is None or not _span("COPY BLOB", len(data), source_offset, length):
        return
    blob = _modifiable("COPY BLOB", ref)
    if blob is None:
        return
    if target_offset < 0:
        fail(Codes.BLOB_OUT_OF_RANGE, f"COPY BLOB: negative destination offset {target_offset}")
        return
    end = target_offset + length
    if not _grow("COPY BLOB", blob, end):
        return
    blob[target_offset:end] = data[source_offset:source_offset + length]
    ref.set(blob)


@command_with("INSERT IN BLOB", REF, LONGINT, LONGINT, LONGINT, refs=(0,))
def insert_in_blob(ref: Ref, offset: int, length: int, filler: int = 0) -> None:
    blob = _modifiable("INSERT IN BLOB", ref)
    if blob is None or not _span("INSERT IN BLOB", len(blob), offset, 0) or length < 0:
        return
    tail = blob[offset:]
    del blob[offset:]
    if _grow("INSERT IN BLOB", blob, offset + length + len(tail), filler % 256):  # "modulo 256"
        blob[offset + length:] = tail
        ref.set(blob)


@command_with("DELETE FROM BLOB", REF, LONGINT, LONGINT, refs=(0,))
def delete_from_blob(ref: Ref, offset: int, length: int) -> None:
    blob = _modifiable("DELETE FROM BLOB", ref)
    if blob is None or not _span("DELETE FROM BLOB", len(blob), offset, length):
        return
    del blob[offset:offset + length]
    ref.set(blob)


# --- numbers -------------------------------------------------------------------------

def _byte_order(name: str, order: int) -> str | None:
    prefix = _BYTE_ORDERS.get(order)
    if prefix is None:
        incompatible(name, f"unknown byte ordering {order}")
    return prefix


def _integer_writer(name: str, code: str, wrap) -> None:
    """Registers ``name(value; blob; byteOrder {; offset | *})``."""

    @command_with(name, LONGINT, REF, LONGINT, REF, refs=(1, 3), star=True)
    def write(value: int, ref: Ref, order: int, where: Ref | None = None, *, star: bool = False) -> None:
        prefix = _byte_order(name, order)
        if prefix is not None:
            _write(name, ref, struct.pack(prefix + code, wrap(value)), where, star)


def _integer_reader(name: str, code: str) -> None:
    """Registers ``name(blob; byteOrder {; offset})``."""

    @command_with(name, ANY, LONGINT, REF, refs=(2,))
    def read(blob, order: int, where: Ref | None = None):
        prefix = _byte_order(name, order)
        if prefix is None:
            return UNDEFINED
        data = _read(name, blob, struct.calcsize(code), where)
        return UNDEFINED if data is None else struct.unpack(prefix + code, data)[0]


def _wrap_integer(n: int) -> int:
    """*n* kept to 16 bits, two's complement (an Integer is 2 bytes)."""
    return ((n + 0x8000) & 0xFFFF) - 0x8000


_integer_writer("INTEGER TO BLOB", "h", _wrap_integer)
_integer_writer("LONGINT TO BLOB", "i", wrap_longint)
_integer_reader("BLOB to integer", "h")
_integer_reader("BLOB to longint", "i")


def _extended_bytes(x: float) -> bytes:
    """*x* as a big-endian 80-bit extended real (sign, 15-bit exponent, 64-bit mantissa)."""
    sign = 0x8000 if math.copysign(1.0, x) < 0 else 0
    if math.isnan(x):
        return struct.pack(">HQ", sign | 0x7FFF, 0xC000000000000000)
    if math.isinf(x):
        return struct.pack(">HQ", sign | 0x7FFF, 0x8000000000000000)
    if x == 0:
        return struct.pack(">HQ", sign, 0)
    mantissa, exponent = math.frexp(abs(x))  # x = mantissa * 2**exponent, 0.5 <= mantissa < 1
    return struct.pack(">HQ", sign | (exponent - 1 + 16383), int(mantissa * 2.0 ** 64))


def _extended_value(data: bytes) -> float:
    head, mantissa = struct.unpack(">HQ", data)
    sign = -1.0 if head & 0x8000 else 1.0
    exponent = head & 0x7FFF
    if exponent == 0x7FFF:  # infinities have no fraction bits below the integer bit
        return sign * math.inf if mantissa & 0x7FFFFFFFFFFFFFFF == 0 else math.nan
    try:
        return sign * math.ldexp(mantissa, exponent - 16383 - 63)
    except OverflowError:
        return sign * math.inf


# realFormat -> (struct format or None for extended, size)
_REAL_FORMATS = {NATIVE_REAL_FORMAT: "=d", EXTENDED_REAL_FORMAT: None,
                 MACINTOSH_DOUBLE_REAL_FORMAT: ">d", PC_DOUBLE_REAL_FORMAT: "<d"}


def _real_format(name: str, real_format: int) -> tuple[str | None, int] | None:
    if real_format not in _REAL_FORMATS:
        incompatible(name, f"unknown real format {real_format}")
        return None
    code = _REAL_FORMATS[real_format]
    return code, (10 if code is None else 8)


@command_with("REAL TO BLOB", ANY, REF, LONGINT, REF, refs=(1, 3), star=True)
def real_to_blob(value, ref: Ref, real_format: int, where: Ref | None = None, *, star: bool = False) -> None:
    if not is_number(value):
        incompatible("REAL TO BLOB", "a number was expected")
        return
    spec = _real_format("REAL TO BLOB", real_format)
    if spec is not None:
        code = spec[0]
        data = _extended_bytes(float(value)) if code is None else struct.pack(code, value)
        _write("REAL TO BLOB", ref, data, where, star)


@command_with("BLOB to real", ANY, LONGINT, REF, refs=(2,))
def blob_to_real(blob, real_format: int, where: Ref | None = None):
    spec = _real_format("BLOB to real", real_format)
    if spec is None:
        return UNDEFINED
    code, size = spec
    data = _read("BLOB to real", blob, size, where)
    if data is None:
        return UNDEFINED
    return _extended_value(data) if code is None else struct.unpack(code, data)[0]


# --- text ----------------------------------------------------------------------------

def _is_mac(text_format: int) -> bool:
    return text_format <= MAC_TEXT_WITHOUT_LENGTH


def _encode(text: str, text_format: int) -> bytes:
    if _is_mac(text_format):
        return text.encode("mac_roman", "replace")
    return text.encode("utf-8")


def _text_bytes(text: str, text_format: int) -> bytes:
    """*text* in one of the seven formats of text-to-blob.md."""
    raw = _encode(text, text_format)
    if text_format in (MAC_C_STRING, UTF8_C_STRING):
        return raw + b"\0"
    if text_format == MAC_PASCAL_STRING:
        raw = raw[:255]
        return bytes([len(raw)]) + raw
    if text_format == MAC_TEXT_WITH_LENGTH:
        raw = raw[:0x7FFF]  # "The Mac constants cannot work with texts greater than 32 KB"
        return struct.pack(">H", len(raw)) + raw
    if text_format == UTF8_TEXT_WITH_LENGTH:
        return struct.pack(">I", len(raw)) + raw
    return raw


def _valid_text_format(name: str, text_format: int) -> bool:
    if MAC_C_STRING <= text_format <= UTF8_TEXT_WITHOUT_LENGTH:
        return True
    incompatible(name, f"unknown text format {text_format}")
    return False


@command_with("TEXT TO BLOB", TEXT, REF, LONGINT, REF, refs=(1, 3), star=True)
def text_to_blob(text: str, ref: Ref, text_format: int = MAC_C_STRING, where: Ref | None = None,
                 *, star: bool = False) -> None:
    if _valid_text_format("TEXT TO BLOB", text_format):
        _write("TEXT TO BLOB", ref, _text_bytes(text, text_format), where, star)


def _text_at(data: bytes, offset: int, text_format: int, length: int | None) -> tuple[str, int]:
    """The text stored at *offset* and the offset just after it."""
    codec = "mac_roman" if _is_mac(text_format) else "utf-8"
    if text_format in (MAC_C_STRING, UTF8_C_STRING):
        end = data.find(b"\0", offset)
        end = len(data) if end < 0 else end
        return data[offset:end].decode(codec, "replace"), min(end + 1, len(data))
    if text_format in (MAC_PASCAL_STRING, MAC_TEXT_WITH_LENGTH, UTF8_TEXT_WITH_LENGTH):
        header = {MAC_PASCAL_STRING: ">B", MAC_TEXT_WITH_LENGTH: ">H", UTF8_TEXT_WITH_LENGTH: ">I"}[text_format]
        start = offset + struct.calcsize(header)
        if start > len(data):
            return "", offset
        end = min(start + struct.unpack_from(header, data, offset)[0], len(data))
        return data[start:end].decode(codec, "replace"), end
    # Without length: *length* characters (all the rest when omitted).
    text = data[offset:].decode(codec, "replace")
    if length is not None:
        text = text[:max(length, 0)]
    return text, offset + len(text.encode(codec, "replace"))


@command_with("BLOB to text", ANY, LONGINT, REF, LONGINT, refs=(2,))
def blob_to_text(blob, text_format: int, where: Ref | None = None, length: int | None = None):
    """An offset past the end gives "" ("the function result is unpredictable")."""
    data = _readable("BLOB to text", blob)
    if data is None or not _valid_text_format("BLOB to text", text_format):
        return UNDEFINED
    offset = 0 if where is None else _offset("BLOB to text", where)
    if offset is None:
        return UNDEFINED
    if offset >= len(data):
        return ""
    text, end = _text_at(data, offset, text_format, length)
    if where is not None:
        _advance(where, end)
    return text


# --- character sets ------------------------------------------------------------------

@command_with("CONVERT FROM TEXT", TEXT, ANY, REF, refs=(2,))
def convert_from_text(text: str, charset, ref: Ref) -> None:
    """Sets OK to 0 for an unknown character set (convert-from-text.md)."""
    codec = charset_codec(charset)
    set_ok(codec is not None)
    if codec is not None:
        store_bytes(ref, text.encode(codec, "replace"), text_by_default=False)


@command_with("Convert to text", ANY, ANY)
def convert_to_text(blob, charset) -> str:
    """A Unicode *charset* gives way to the BOM found at the start (convert-to-text.md)."""
    data = _readable("Convert to text", blob)
    if data is None:
        return UNDEFINED
    codec = charset_codec(charset)
    set_ok(codec is not None)
    if codec is None:
        return ""
    if codec.startswith(("utf-8", "utf-16", "utf-32")):
        for bom, bom_codec in BOMS:
            if data.startswith(bom):
                data, codec = data[len(bom):], bom_codec
                break
    return data.decode(codec, "replace")


# --- Base64 --------------------------------------------------------------------------

def _base64_command(name: str, transform) -> None:
    """Registers ``name(source {; result}{; *})``: ``transform(bytes, url)``
    of the source (a text's UTF-8 or a blob) goes into *result*, or else
    replaces the source; each keeps its kind, Text or blob."""

    @command_with(name, ANY, REF, refs=(0, 1), star=True)
    def convert(source, target: Ref | None = None, *, star: bool = False) -> None:
        value = source.get() if isinstance(source, Ref) else source
        data = value.encode("utf-8") if type(value) is str else _readable(name, value)
        if target is None and not isinstance(source, Ref):
            incompatible(name, "a variable was expected")
            return
        if data is not None:
            store_bytes(target or source, transform(data, star), text_by_default=True)


_base64_command("BASE64 ENCODE", encode_base64)
_base64_command("BASE64 DECODE", decode_base64)


# --- UUIDs and digests -----------------------------------------------------------------

def _uuid7() -> uuid.UUID:
    """A version 7 UUID: 48-bit Unix milliseconds, then random bits (RFC 9562)."""
    milliseconds = _time.time_ns() // 1_000_000
    random_bits = int.from_bytes(os.urandom(10), "big")
    value = (milliseconds & (1 << 48) - 1) << 80 | random_bits
    value = value & ~(0xF << 76) | 0x7 << 76        # version
    value = value & ~(0x3 << 62) | 0x2 << 62        # variant
    return uuid.UUID(int=value)


@command_with("Generate UUID", LONGINT)
def generate_uuid(version: int = 4) -> str:
    """32 hexadecimal digits, upper case as 4D writes them."""
    if version == 4:
        return uuid.uuid4().hex.upper()
    if version == 7:
        return _uuid7().hex.upper()
    return incompatible("Generate UUID", f"version {version}: 4 or 7 expected")


@command_with("Generate digest", ANY, LONGINT, star=True)
def generate_digest(value, algorithm: int, *, star: bool = False) -> str:
    """Hexadecimal (lower case, as the page's examples), or Base64URL with ``*``."""
    data = value.encode("utf-8") if type(value) is str else _readable("Generate digest", value)
    if data is None:
        return UNDEFINED
    hash_function = _DIGESTS.get(algorithm)
    if hash_function is None:
        return incompatible("Generate digest", f"unsupported algorithm {algorithm}")
    digest = hash_function(data)
    if star:
        return base64.urlsafe_b64encode(digest.digest()).rstrip(b"=").decode("ascii")
    return digest.hexdigest()
