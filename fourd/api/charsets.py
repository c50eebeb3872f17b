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
import math

from fourd.api.paths import WINDOWS
from fourd.runtime.errors import Codes, fail
from fourd.runtime.values import is_number

__all__ = ["charset_codec", "BOMS", "UNCHANGED", "NATIVE", "CRLF", "CR", "LF", "BREAK_NAMES", "Charset", "charset",
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


# MIBEnum -> (Python codec, the names convert-from-text.md lists for it).
_CHARSETS = {
    1017: ("utf-32", "UTF-32"), 1018: ("utf-32-be", "UTF-32BE"), 1019: ("utf-32-le", "UTF-32LE"),
    1015: ("utf-16", "UTF-16"), 1013: ("utf-16-be", "UTF-16BE"), 1014: ("utf-16-le", "UTF-16LE"),
    106: ("utf-8", "UTF-8"), 1012: ("utf-7", "UTF-7"),
    3: ("ascii", "US-ASCII ANSI_X3.4-1968 ANSI_X3.4-1986 ASCII cp367 csASCII IBM367 iso-ir-6 "
                 "ISO_646.irv:1991 ISO646-US us"),
    2011: ("cp437", "IBM437 cp437 437 csPC8CodePage437"),
    2028: ("cp037", "ebcdic-cp-us cp037 csIBM037 ebcdic-cp-ca ebcdic-cp-n ebcdic-cp-wt IBM037"),
    2027: ("mac_roman", "MacRoman x-mac-roman mac macintosh csMacintosh"),
    2252: ("cp1252", "windows-1252"),
    1250: ("mac_latin2", "MacCE x-mac-ce"), 2250: ("cp1250", "windows-1250"),
    1251: ("mac_cyrillic", "x-mac-cyrillic"), 2251: ("cp1251", "windows-1251"),
    1253: ("mac_greek", "x-mac-greek"), 2253: ("cp1253", "windows-1253"),
    1254: ("mac_turkish", "x-mac-turkish"), 2254: ("cp1254", "windows-1254"),
    1256: ("mac_arabic", "x-mac-arabic"), 2256: ("cp1256", "windows-1256"),
    2255: ("cp1255", "windows-1255"), 2257: ("cp1257", "windows-1257"),
    17: ("shift_jis", "Shift_JIS csShiftJIS MS_Kanji Shift-JIS"),
    39: ("iso2022_jp", "ISO-2022-JP csISO2022JP"),
    2026: ("big5", "Big5 csBig5"), 38: ("euc_kr", "EUC-KR csEUCKR"), 2084: ("koi8_r", "KOI8-R csKOI8R"),
    4: ("latin_1", "ISO-8859-1 CP819 csISOLatin1 IBM819 iso-ir-100 ISO_8859-1 ISO_8859-1:1987 l1 latin1"),
    5: ("iso8859_2", "ISO-8859-2 csISOLatin2 iso-ir-101 ISO_8859-2 ISO_8859-2:1987 l2 latin2"),
    6: ("iso8859_3", "ISO-8859-3 csISOLatin3 ISO-8859-3:1988 iso-ir-109 ISO_8859-3 l3 latin3"),
    7: ("iso8859_4", "ISO-8859-4 csISOLatin4 ISO-8859-4:1988 iso-ir-110 ISO_8859-4 l4 latin4"),
    8: ("iso8859_5", "ISO-8859-5 csISOLatinCyrillic cyrillic ISO-8859-5:1988 iso-ir-144 ISO_8859-5"),
    9: ("iso8859_6", "ISO-8859-6 arabic ASMO-708 csISOLatinArabic ECMA-114 ISO-8859-6:1987 iso-ir-127 "
                     "ISO_8859-6"),
    10: ("iso8859_7", "ISO-8859-7 csISOLatinGreek ECMA-118 ELOT_928 greek greek8 iso-ir-126 ISO_8859-7 "
                      "ISO_8859-7:1987"),
    11: ("iso8859_8", "ISO-8859-8 csISOLatinHebrew hebrew iso-ir-138 ISO_8859-8 ISO_8859-8:1988"),
    12: ("iso8859_9", "ISO-8859-9 csISOLatin5 iso-ir-148 ISO_8859-9 ISO_8859-9:1989 l5 latin5"),
    13: ("iso8859_10", "ISO-8859-10 csISOLatin6 iso-ir-157 ISO_8859-10 ISO_8859-10:1992 l6 latin6"),
    109: ("iso8859_13", "ISO-8859-13"), 111: ("iso8859_15", "ISO-8859-15 Latin-9"),
    113: ("gbk", "GBK"), 2025: ("gb2312", "GB2312 csGB2312 x-mac-chinesesimp"),
    2024: ("cp932", "Windows-31J"), 57: ("gb2312", "GB_2312-80 csISO58GB231280"),
}
_CHARSET_NAMES = {name.lower(): codec for codec, names in _CHARSETS.values() for name in names.split()}

# Byte Order Marks recognised by Convert to text, longest first.
BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def charset_codec(charset) -> str | None:
    """The Python codec of a 4D character set given by name or MIBEnum."""
    if is_number(charset):
        entry = _CHARSETS.get(int(charset)) if math.isfinite(charset) else None
        return entry[0] if entry else None
    if type(charset) is not str:
        return None
    codec = _CHARSET_NAMES.get(charset.lower())
    if codec is None:
        try:  # other IANA names Python knows
            codec = codecs.lookup(charset).name
        except LookupError:
            return None
    return codec


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
    for bom, bom_codec in BOMS:
        if data.startswith(bom):
            return data[len(bom):], bom_codec
    return data, codec


def decode_bytes(data: bytes, charset_: Charset, mode: int) -> str:
    """A document's bytes as text: a BOM wins over *charset_*, breaks converted."""
    body, codec = strip_bom(data, charset_.codec)
    return convert_breaks(body.decode(codec, "replace"), mode)
