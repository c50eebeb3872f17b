"""``4D.FileHandle`` (API/FileHandleClass.md, API/FileClass.md ``.open()``).

A handle reads and writes a file sequentially from ``offset`` (bytes).
Unlike what the page says of 4D ("the whole document contents is loaded in
a buffer" on the first ``readLine()``/``readText()``), fourd reads ahead in
chunks of :data:`CHUNK` bytes, so a file of any size streams through
``readLine()``, ``readBlob()`` and the write functions in bounded memory;
only ``readText()`` without a stop string returns (so holds) the rest of
the file.

* Lines end at CRLF, CR or LF (the delimiter is consumed, not returned);
  ``readText()``/``writeText()``/``writeLine()`` convert line breaks with
  ``breakModeRead``/``breakModeWrite``.
* Text is read and written in ``charset`` without a BOM; a BOM at the very
  start of the file is skipped by the first text read and, for a Unicode
  set, decides the byte order.
* ``readText(stopChar)`` matches *stopChar* against the text as stored in
  the file (before line breaks are converted).
* "write" starts at the beginning of the existing content without erasing
  it (use ``setSize()`` to cut); "append" starts at its end. The page allows
  one "write" or "append" handle per file, yet its own example opens
  "append" while the "write" handle is still referenced: fourd lets them be,
  and opening a handle on a file first flushes the other handles on it.
* The handle closes its file when no 4D reference to it remains (CPython's
  reference counting releases it at once, as 4D's refcounting does).
"""
from __future__ import annotations

import codecs
import os
import weakref

from fourd.api import charsets
from fourd.api.blob import blob_bytes
from fourd.api.files import DiskFile, file_error
from fourd.runtime.builtins import builtin_class
from fourd.runtime.classes import NativeObject
from fourd.runtime.errors import Codes, fail
from fourd.runtime.members import member_function, member_property, member_setter
from fourd.runtime.values import UNDEFINED, Blob4D, Obj, is_number

__all__ = ["FileHandle", "open_handle", "CHUNK"]

#: Read-ahead size of line and text reads.
CHUNK = 1 << 16
MODES = ("read", "write", "append")

# real path -> the live handles on it (flushed when another handle opens the file)
_open_handles: "dict[str, weakref.WeakSet[FileHandle]]" = {}

_BOMS_BY_CODEC = {"utf-8": (codecs.BOM_UTF8,), "utf-16-le": (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE),
                  "utf-16-be": (codecs.BOM_UTF16_BE, codecs.BOM_UTF16_LE),
                  "utf-32-le": (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE),
                  "utf-32-be": (codecs.BOM_UTF32_BE, codecs.BOM_UTF32_LE)}
_CODEC_OF_BOM = {codecs.BOM_UTF8: "utf-8", codecs.BOM_UTF16_LE: "utf-16-le", codecs.BOM_UTF16_BE: "utf-16-be",
                 codecs.BOM_UTF32_LE: "utf-32-le", codecs.BOM_UTF32_BE: "utf-32-be"}


class FileHandle(NativeObject):
    FOURD_CLASS = "FileHandle"

    def __init__(self, file: DiskFile, stream, mode: str, charset: charsets.Charset,
                 break_read: int, break_write: int):
        self.file = file
        self.stream = stream                  # a buffered binary file object
        self.mode = mode
        self.charset = charset
        self.break_read = break_read
        self.break_write = break_write
        self.known_size = stream.seek(0, os.SEEK_END)
        self.pos = self.known_size if mode == "append" else 0
        self.dirty = False                    # written since the last flush
        self.ahead = b""                      # bytes read ahead, starting at file offset ahead_at
        self.ahead_at = 0
        self._set_codec(charset.codec)

    def _set_codec(self, codec: str) -> None:
        self.codec = codec
        self.cr = "\r".encode(codec)
        self.lf = "\n".encode(codec)
        self.unit = len(self.lf)               # code unit size: matches must be aligned to it

    def __del__(self):
        stream = getattr(self, "stream", None)
        if stream is not None and not stream.closed:
            try:
                stream.close()
            except OSError:
                pass

    def __repr__(self) -> str:
        return f"<4D.FileHandle {self.mode} {self.file.native}>"

    # ----------------------------------------------------------------- state
    def flush(self) -> None:
        if self.dirty and not self.stream.closed:
            self.stream.flush()
            self.dirty = False

    def size(self) -> int:
        self.flush()
        self.known_size = os.fstat(self.stream.fileno()).st_size
        return self.known_size

    def at_end(self) -> bool:
        """``eof``: asks the system only when the size last seen is reached
        (the file may have grown since)."""
        return self.pos >= self.known_size and self.pos >= self.size()

    def writing(self, action: str) -> bool:
        if self.mode == "read":
            fail(Codes.PERMISSION_DENIED, f"{action}: the file handle is open in \"read\" mode: {self.file.native}")
            return False
        return True

    def write(self, data: bytes) -> None:
        try:
            self.stream.seek(self.pos)
            self.stream.write(data)
        except OSError as exc:
            file_error(exc, self.file.native, "writing")
            return
        self.pos += len(data)
        self.known_size = max(self.known_size, self.pos)
        self.dirty = True
        self.ahead = b""

    def read_bytes(self, count: int) -> bytes:
        try:
            self.flush()
            self.stream.seek(self.pos)
            data = self.stream.read(count)
        except OSError as exc:
            file_error(exc, self.file.native, "reading")
            return b""
        self.pos += len(data)
        return data

    # ----------------------------------------------------------------- text reading
    def window(self, wanted: int) -> tuple[bytes, int, bool]:
        """(buffer, index of the offset in it, whether the buffer reaches the end
        of the file), holding at least *wanted* bytes after the offset when the
        file has them."""
        start = self.pos - self.ahead_at
        if not 0 <= start <= len(self.ahead):
            self.ahead, self.ahead_at, start = b"", self.pos, 0
        if len(self.ahead) - start < wanted:
            self.flush()
            kept = self.ahead[start:]
            self.stream.seek(self.pos + len(kept))
            more = self.stream.read(max(wanted - len(kept), CHUNK))
            self.ahead, self.ahead_at, start = kept + more, self.pos, 0
            return self.ahead, start, len(self.ahead) < wanted     # a short read: the end
        return self.ahead, start, False

    def _skip_bom(self) -> None:
        """At offset 0, skip a BOM; a Unicode BOM also sets the byte order."""
        if self.pos != 0:
            return
        buffer, start, _ = self.window(4)
        for bom in _BOMS_BY_CODEC.get(self.codec, ()):
            if buffer.startswith(bom, start):
                self._set_codec(_CODEC_OF_BOM[bom])
                self.pos += len(bom)
                return

    def _find(self, buffer: bytes, needle: bytes, start: int, end: int | None = None) -> int:
        """Index of *needle* in *buffer* between *start* and *end*, aligned on
        code units; -1 if absent."""
        stop = len(buffer) if end is None else end
        index = buffer.find(needle, start, stop)
        while index >= 0 and (index - start) % self.unit:
            index = buffer.find(needle, index + 1, stop)
        return index

    def read_line(self) -> str:
        if self.pos == 0:
            self._skip_bom()
        # The common case first: a one-byte code unit and an LF-ended line in the buffer.
        start, buffer = self.pos - self.ahead_at, self.ahead
        if self.unit == 1 and 0 <= start:
            lf = buffer.find(self.lf, start)
            if lf >= 0 and buffer.find(self.cr, start, lf) < 0:
                self.pos += lf + 1 - start
                return buffer[start:lf].decode(self.codec, "replace")
        wanted = CHUNK
        while True:
            buffer, start, complete = self.window(wanted)
            lf = self._find(buffer, self.lf, start)
            cr = self._find(buffer, self.cr, start, lf if lf >= 0 else None)
            end = cr if cr >= 0 else lf
            if end < 0 or (end == cr and end + self.unit >= len(buffer)):
                if not complete:          # no break yet, or a CR at the edge: is an LF next?
                    wanted = len(buffer) - start + CHUNK
                    continue
            if end < 0:
                line, consumed = buffer[start:], len(buffer) - start
            else:
                after = end + self.unit
                if end == cr and buffer.startswith(self.lf, after):
                    after += self.unit
                line, consumed = buffer[start:end], after - start
            self.pos += consumed
            return line.decode(self.codec, "replace")

    def read_text(self, stop=UNDEFINED) -> str:
        self._skip_bom()
        if stop is UNDEFINED or stop == "":
            data = self.read_bytes(max(self.size() - self.pos, 0))
            return charsets.convert_breaks(data.decode(self.codec, "replace"), self.break_read)
        needle = stop.encode(self.codec, "replace")
        wanted = CHUNK
        while True:
            buffer, start, complete = self.window(wanted)
            found = self._find(buffer, needle, start)
            if found >= 0:
                text = buffer[start:found].decode(self.codec, "replace")
                self.pos += found + len(needle) - start
                return charsets.convert_breaks(text, self.break_read)
            if complete:
                return ""                  # not found: offset untouched (FileHandleClass.md)
            wanted = len(buffer) - start + CHUNK


def _option(options: Obj, name: str, default):
    value = options.get(name, UNDEFINED)
    return default if value is UNDEFINED or value is None else value


def open_handle(file: DiskFile, options=UNDEFINED):
    """``file.open({mode | options})``."""
    if isinstance(options, Obj):
        mode = _option(options, "mode", "read")
        charset_value = _option(options, "charset", "UTF-8")
        break_read = charsets.break_mode(_option(options, "breakModeRead", charsets.NATIVE))
        break_write = charsets.break_mode(_option(options, "breakModeWrite", charsets.NATIVE))
    else:
        mode = "read" if options is UNDEFINED else options
        charset_value, break_read, break_write = "UTF-8", charsets.NATIVE, charsets.NATIVE
    if break_read is None or break_write is None:
        return UNDEFINED
    if mode not in MODES:
        return fail(Codes.INCOMPATIBLE_ARGUMENTS, f".open(): invalid mode {mode!r} (\"read\", \"write\" or \"append\")")
    chosen = charsets.charset(charset_value)
    if chosen is None:
        return UNDEFINED
    native = file.native
    if mode == "read":
        if not os.path.isfile(native):
            return fail(Codes.FILE_NOT_FOUND, f".open(): the file does not exist: {native}")
        flags = os.O_RDONLY
    else:
        flags = os.O_RDWR | os.O_CREAT
    key = os.path.realpath(native)
    for other in list(_open_handles.get(key, ())):
        other.flush()               # what it wrote is in the file before this handle starts
    try:
        descriptor = os.open(native, flags | getattr(os, "O_BINARY", 0), 0o666)
        stream = os.fdopen(descriptor, "rb" if mode == "read" else "r+b")
    except OSError as exc:
        return file_error(exc, native, ".open()")
    handle = FileHandle(file, stream, mode, chosen, break_read, break_write)
    _open_handles.setdefault(key, weakref.WeakSet()).add(handle)
    return handle


builtin_class("FileHandle", new=None, module=__name__)

for _name, _getter in {
    "mode": lambda h: h.mode,
    "charset": lambda h: h.charset.name,
    "breakModeRead": lambda h: charsets.break_name(h.break_read),
    "breakModeWrite": lambda h: charsets.break_name(h.break_write),
    "offset": lambda h: float(h.pos),
    "eof": lambda h: h.at_end(),
}.items():
    member_property(FileHandle, _name)(_getter)


@member_setter(FileHandle, "offset")
def set_offset(handle: FileHandle, value) -> None:
    if not is_number(value):
        fail(Codes.TYPE_MISMATCH, ".offset expects a number")
        return
    handle.pos = int(min(max(value, 0), handle.size()))


@member_function(FileHandle, "getSize")
def get_size(handle: FileHandle) -> float:
    return float(handle.size())


@member_function(FileHandle, "setSize")
def set_size(handle: FileHandle, size=UNDEFINED) -> None:
    if not is_number(size) or size < 0:
        return fail(Codes.TYPE_MISMATCH, ".setSize() expects a size in bytes")
    if handle.writing(".setSize()"):
        try:
            handle.stream.flush()
            handle.stream.truncate(int(size))
        except OSError as exc:
            return file_error(exc, handle.file.native, ".setSize()")
        handle.ahead = b""
        handle.pos = min(handle.pos, int(size))
    return None


@member_function(FileHandle, "readBlob")
def read_blob(handle: FileHandle, count=UNDEFINED) -> Blob4D:
    if not is_number(count) or count < 0:
        return fail(Codes.TYPE_MISMATCH, ".readBlob() expects a number of bytes")
    return Blob4D(handle.read_bytes(int(count)))


@member_function(FileHandle, "readLine")
def read_line(handle: FileHandle) -> str:
    return handle.read_line()


@member_function(FileHandle, "readText")
def read_text(handle: FileHandle, stop=UNDEFINED) -> str:
    if stop is not UNDEFINED and not isinstance(stop, str):
        return fail(Codes.TYPE_MISMATCH, ".readText() expects a Text stop string")
    return handle.read_text(stop)


def _write_text(handle: FileHandle, text, action: str, line: bool) -> None:
    if not isinstance(text, str):
        fail(Codes.TYPE_MISMATCH, f"{action} expects a Text")
        return
    if handle.writing(action):
        if line:
            text += "\n"
        converted = charsets.convert_breaks(text, handle.break_write)
        handle.write(converted.encode(handle.codec, "replace"))


@member_function(FileHandle, "writeText")
def write_text(handle: FileHandle, text=UNDEFINED) -> None:
    _write_text(handle, text, ".writeText()", line=False)


@member_function(FileHandle, "writeLine")
def write_line(handle: FileHandle, text=UNDEFINED) -> None:
    _write_text(handle, text, ".writeLine()", line=True)


@member_function(FileHandle, "writeBlob")
def write_blob(handle: FileHandle, blob=UNDEFINED) -> None:
    data = blob_bytes(blob)
    if data is None:
        return fail(Codes.TYPE_MISMATCH, ".writeBlob() expects a 4D.Blob")
    if handle.writing(".writeBlob()"):
        handle.write(data)
    return None
