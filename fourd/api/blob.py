"""The ``4D.Blob`` class (API/BlobClass.md): ``4D.Blob.new()``, ``.size``, ``.slice()``.

A scalar Blob is a ``bytearray`` (a value, copied on assignment); a
``4D.Blob`` is an immutable :class:`~fourd.runtime.values.Blob4D` object
(a reference). The automatic conversions between them (dt_blob.md) are
done where values are stored: ``runtime.conversions.coerce`` for variables
(a 4D.Blob assigned to a Blob variable becomes a scalar blob and back) and
``runtime.shared.stored_value`` for object properties and collection
elements (a scalar blob becomes a 4D.Blob).
"""
from __future__ import annotations

import base64
import binascii
import math

from fourd.runtime.builtins import builtin_class
from fourd.runtime.errors import Codes, fail
from fourd.runtime.members import member_function, member_property
from fourd.runtime.values import UNDEFINED, Blob4D, is_number

__all__ = ["new_blob", "blob_bytes"]


def blob_bytes(value) -> bytes | None:
    """The bytes of a scalar blob or a 4D.Blob; None for anything else."""
    if isinstance(value, Blob4D):
        return value.data
    if isinstance(value, (bytearray, bytes)):
        return bytes(value)
    return None


@builtin_class("Blob")
def new_blob(source=UNDEFINED) -> Blob4D:
    """``4D.Blob.new({blob})``: an empty 4D.Blob, or one holding a copy of *source*."""
    if source is UNDEFINED or source is None:
        return Blob4D()
    data = blob_bytes(source)
    if data is None:
        return fail(Codes.TYPE_MISMATCH, "4D.Blob.new() expects a Blob or a 4D.Blob")
    return Blob4D(data)


@member_property(Blob4D, "size")
def size(blob: Blob4D) -> float:
    return float(len(blob.data))


def _slice_index(index: float, size: int) -> int:
    """A ``.slice()`` bound: negative counts from the end; clamped to the blob."""
    if index < 0:
        index += size
    return int(min(max(index, 0), size))


@member_function(Blob4D, "slice")
def slice_(blob: Blob4D, start=0, end=UNDEFINED) -> Blob4D:
    """``.slice({start{; end}})``: a new 4D.Blob with bytes start..end-1."""
    size = len(blob.data)
    if end is UNDEFINED:
        end = size
    if not (is_number(start) and is_number(end)) or math.isnan(start) or math.isnan(end):
        return fail(Codes.TYPE_MISMATCH, ".slice() expects numbers")
    first, last = _slice_index(start, size), _slice_index(end, size)
    return Blob4D(blob.data[first:last])


def encode_base64(data: bytes, url: bool) -> bytes:
    """Base64, or Base64URL (RFC 4648 §5) written without padding."""
    return base64.urlsafe_b64encode(data).rstrip(b"=") if url else base64.b64encode(data)


def decode_base64(data: bytes, url: bool) -> bytes:
    """The decoded bytes, or b"" for invalid Base64 (base64-decode.md)."""
    data = bytes(data).translate(None, b" \t\r\n")
    if url:
        data = data.translate(bytes.maketrans(b"-_", b"+/"))
    data += b"=" * (-len(data) % 4)
    try:
        return base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        return b""
