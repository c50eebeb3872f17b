"""Text in documents: character sets, Byte Order Marks and line-break modes,
shared by ``file.getText()``/``setText()``, ``4D.FileHandle``, ZIP entries
and the legacy document commands.

Rules (API/Document.md ``.getText()``, API/FileClass.md ``.setText()``,
``.open()``):

* a character set is a name (``"UTF-8"``, ``"ISO-8859-1"``…) or a MIBEnum
  number, as ``CONVERT FROM TEXT`` takes them (``commands.blob``);
* writing: a Unicode set gets its BOM unless its name ends with
  ``-no-bom``; with no set at all, UTF-8 without BOM;
* reading: a BOM in the data wins over the set asked for; default UTF-8;
* line breaks: ``Document unchanged`` (0) leaves them, the others replace
  every CRLF, CR and LF by the mode's break. "Native" is LF on Linux and
  macOS (FileClass.md, since 19 R3) and CRLF on Windows.
"""
from __future__ import annotations

import codecs

from fourd.api.paths import WINDOWS
from fourd.commands.blob import _BOMS, charset_codec
from fourd.runtime.errors import Codes, fail
from fourd.runtime.values import is_number

__all__ = ["UNCHANGED", "NATIVE", "CRLF", "CR", "LF", "BREAK_NAMES", "Charset", "charset",
           "break_mode", "break_name", "convert_breaks", "encode_text", "decode_bytes"]

# Document unchanged / with native format / with CRLF / with CR / with LF (System Documents theme)
UNCHANGED, NATIVE, CRLF, CR, LF = 0, 1, 2, 3, 4
#: break modes as text (FileClass.md .open(): "native", "crlf", "cr", "lf"; case-sensitive)
BREAK_NAMES = {"native": NATIVE, "crlf": CRLF, "cr": CR, "lf": LF}
_BREAKS = {CRLF: "\r\n", CR: "\r", LF: "\n", NATIVE: "\r\n" if WINDOWS else "\n"}

# Python's "utf-16"/"utf-32" codecs write a BOM at each call and guess the
# byte order when reading; 4D's sets are fixed: the platform's order (LE).
_FIXED_ORDER = {"utf-16": "utf-16-le", "utf-32": "utf-32-le"}
_BOM_OF = {"utf-8": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
           "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}


class Charset:
    """A resolved character set: its 4D name, Python codec and whether a BOM is written."""

    __slots__ = ("name", "codec", "bom")

    def __init__(self, name: str, codec: str, bom: bytes):
        self.name = name
        self.codec = codec
        self.bom = bom


def charset(value, default_bom: bool = False) -> Charset | None:
    """The character set *value* (name or MIBEnum); None after a 4D error
    for one 4D does not know. *default_bom*: whether a Unicode set named
    without ``-no-bom`` gets a BOM when writing."""
    name = value if isinstance(value, str) else str(int(value)) if is_number(value) else ""
    no_bom = isinstance(value, str) and value.lower().endswith("-no-bom")
    lookup = value[:-len("-no-bom")] if no_bom else value
    codec = charset_codec(lookup) if (isinstance(lookup, str) or is_number(lookup)) else None
    if codec is None:
        fail(Codes.UNKNOWN_CHARSET, f"Unknown character set: {value!r}")
        return None
    codec = codecs.lookup(codec).name
    codec = _FIXED_ORDER.get(codec, codec)
    bom = _BOM_OF.get(codec, b"") if default_bom and not no_bom else b""
    return Charset(name, codec, bom)


UTF8_NO_BOM = Charset("UTF-8", "utf-8", b"")


def break_mode(value) -> int | None:
    """A break mode given as number (0-4) or text ("native"…); None after a 4D error."""
    if isinstance(value, str) and value in BREAK_NAMES:
        return BREAK_NAMES[value]
    if is_number(value) and int(value) in (UNCHANGED, NATIVE, CRLF, CR, LF):
        return int(value)
    fail(Codes.INCOMPATIBLE_ARGUMENTS, f"Invalid line break mode: {value!r}")
    return None


def break_name(mode: int) -> str:
    """The text form of a break mode (``.breakModeRead``/``.breakModeWrite``)."""
    return next((name for name, number in BREAK_NAMES.items() if number == mode), "unchanged")


def convert_breaks(text: str, mode: int) -> str:
    """*text* with every CRLF, CR and LF replaced by the break of *mode*."""
    if mode == UNCHANGED or ("\r" not in text and (mode == LF or (mode == NATIVE and not WINDOWS))):
        return text
    unified = text.replace("\r\n", "\n").replace("\r", "\n")
    target = _BREAKS[mode]
    return unified if target == "\n" else unified.replace("\n", target)


def encode_text(text: str, charset_: Charset, mode: int) -> bytes:
    """*text* as a document's bytes: breaks converted, BOM first when the set has one."""
    return charset_.bom + convert_breaks(text, mode).encode(charset_.codec, "replace")


def strip_bom(data: bytes, codec: str) -> tuple[bytes, str]:
    """(data without its BOM, the codec the BOM names), or (data, codec) without one."""
    for bom, bom_codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom):], bom_codec
    return data, codec


def decode_bytes(data: bytes, charset_: Charset, mode: int) -> str:
    """A document's bytes as text: a BOM wins over *charset_*, breaks converted."""
    body, codec = strip_bom(data, charset_.codec)
    return convert_breaks(body.decode(codec, "replace"), mode)
