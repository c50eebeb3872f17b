"""JSON commands: ``JSON Stringify``, ``JSON Parse`` (commands/json-stringify.md, json-parse.md).

Other modules use the plain functions :func:`stringify` (``String()``, the
REPL) and :func:`parse`.

The project settings are 4D's defaults for new projects: dates inside
objects are of date type, so a date is written ``"yyyy-mm-dd"`` and a
``"yyyy-mm-dd"`` string is read back as a date (dt_date.md, "Conversion of
dates from JavaScript"); times are numbers of seconds (ob-get.md).

Choices where the pages say nothing: reals are written as JavaScript writes
them (shortest round-trip digits, ``1e+21`` from 1e21 on); a 4D.Blob is
written ``"[object Blob]"`` like a picture's ``"[object Picture]"``; the null
date is ``"0000-00-00"``; Undefined properties are left out and Undefined
elements are ``null``; an object met again inside itself is ``null``.
``JSON Validate`` (JSON Schema) is not implemented.
"""
from __future__ import annotations

import bisect
import datetime as _dt
import json as _json
import re

from fourd.commands.arguments import ANY, LONGINT, TEXT, command_with
from fourd.commands.dates import date_from_text
from fourd.runtime.classes import NativeObject
from fourd.runtime.conversions import (IS_BOOLEAN, IS_COLLECTION, IS_DATE, IS_LONGINT, IS_NULL,
                                       IS_OBJECT, IS_POINTER, IS_REAL, IS_TEXT, IS_TIME, to_longint)
from fourd.runtime.errors import Codes, fail
from fourd.runtime.json_text import native_properties, number_text, stringify
from fourd.runtime.values import (NULL_DATE, UNDEFINED, Blob4D, Coll, Date, Obj, Pointer, Time,
                                  is_number)

__all__ = ["stringify", "parse", "decode", "convert", "number_text", "native_properties"]


# --- JSON Stringify ----------------------------------------------------------

@command_with("JSON Stringify", ANY, star=True)
def json_stringify(value, *, star: bool = False) -> str:
    return stringify(value, pretty=star)


# --- JSON Parse ---------------------------------------------------------------

_DATE_TEXT = re.compile(r"(\d{4})-(\d{2})-(\d{2})\Z")


def _date_from_text(text: str) -> Date | None:
    """The date written ``yyyy-mm-dd`` in *text*, or None."""
    match = _DATE_TEXT.match(text)
    if match is None:
        return None
    year, month, day = map(int, match.groups())
    if (year, month, day) == (0, 0, 0):
        return NULL_DATE
    try:
        _dt.date(year, month, day)
    except ValueError:
        return None
    return Date(year, month, day)


def _finish(value):
    """JSON arrays as collections, ``yyyy-mm-dd`` strings as dates."""
    t = type(value)
    if t is list:
        return Coll(_finish(item) for item in value)
    if t is str:
        date = _date_from_text(value)
        return value if date is None else date
    return value


def _object(pairs) -> Obj:
    return Obj((key, _finish(item)) for key, item in pairs)


def _no_constant(name: str):
    raise ValueError(f"{name} is not JSON")


_DECODER = _json.JSONDecoder(object_pairs_hook=_object, parse_float=float, parse_int=float,
                             parse_constant=_no_constant)


def decode(text: str):
    """The 4D value of the JSON *text*; ValueError (not a 4D error) when it is malformed.

    For callers that report bad JSON their own way (an HTTP response body)."""
    return _finish(_DECODER.decode(text))


def parse(text: str):
    """The 4D value of the JSON *text* (objects, collections, reals, dates…).

    Malformed JSON is a 4D error (JSON_INVALID), after which Undefined is
    returned if an ON ERR CALL handler let execution go on.
    """
    try:
        return _finish(_DECODER.decode(text))
    except _json.JSONDecodeError as error:
        return fail(Codes.JSON_INVALID,
                    f"JSON parsing error: {error.msg} (line {error.lineno}, offset {error.colno - 1})")
    except (ValueError, RecursionError) as error:
        return fail(Codes.JSON_INVALID, f"JSON parsing error: {error}")


# --- __symbols (JSON Parse with *) ---------------------------------------------

_SPACE = re.compile(r"[ \t\n\r]*")
_SCALAR = re.compile(r"[^,\]} \t\n\r]*")


class _SymbolScanner:
    """Finds the line and offset of every property of valid JSON text."""

    def __init__(self, text: str):
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.symbols = Obj()

    def skip(self, i: int) -> int:
        return _SPACE.match(self.text, i).end()

    def where(self, i: int) -> Obj:
        line = bisect.bisect_right(self.line_starts, i)
        return Obj(line=float(line), offset=float(i - self.line_starts[line - 1]))

    def scan(self, i: int, path: str) -> int:
        """Skips the value at *i*, recording the properties inside; returns its end."""
        text = self.text
        i = self.skip(i)
        opening = text[i]
        if opening == '"':
            return _json.decoder.scanstring(text, i + 1)[1]
        if opening not in "{[":
            return _SCALAR.match(text, i).end()
        closing = "}" if opening == "{" else "]"
        i = self.skip(i + 1)
        index = 0
        while text[i] != closing:
            if opening == "{":
                key, end = _json.decoder.scanstring(text, i + 1)
                inner = f"{path}.{key}" if path else key
                self.symbols[inner] = self.where(i)
                i = self.skip(end) + 1  # past ":"
            else:
                inner = f"{path}[{index}]"
                index += 1
            i = self.skip(self.scan(i, inner))
            if text[i] == ",":
                i = self.skip(i + 1)
        return i + 1


def _symbols(text: str) -> Obj:
    scanner = _SymbolScanner(text)
    scanner.scan(0, "")
    return scanner.symbols


# --- typed results (JSON Parse, OB Get) -----------------------------------------

def _number(value) -> float:
    """A value read as a number: text is parsed, anything else not numeric is 0."""
    if is_number(value):
        return float(value)
    if type(value) is bool:
        return 1.0 if value else 0.0
    if type(value) is Time:
        return float(value.seconds)
    if type(value) is str:
        try:
            return float(value)
        except ValueError:
            return 0.0
    return 0.0


def _date(value) -> Date:
    """A date from a date or a text: ISO dates and date-times, a time zone
    taken to local time (json-parse.md example 2), as ``Date(text)`` reads them."""
    if type(value) is Date:
        return value
    return date_from_text(value) if type(value) is str else NULL_DATE


def _text(value) -> str:
    if type(value) is str:
        return value
    if value is None or value is UNDEFINED:
        return ""
    if type(value) is Date:
        return value.iso()
    return stringify(value)


def _boolean(value) -> bool:
    """Texts are true when "true"; objects and collections are true, as
    ``JSON Parse("{\"manager\":true}";Is Boolean)`` is (json-parse.md)."""
    if type(value) is str:
        return value.lower() == "true"
    if isinstance(value, (Obj, Coll)):
        return True
    return bool(_number(value))


_CONVERTERS = {
    IS_BOOLEAN: _boolean,
    IS_LONGINT: lambda v: to_longint(_number(v)),
    IS_REAL: _number,
    IS_TEXT: _text,
    IS_DATE: _date,
    IS_TIME: lambda v: v if type(v) is Time else Time(to_longint(_number(v))),
    IS_OBJECT: lambda v: v if isinstance(v, (Obj, NativeObject, Blob4D)) else None,
    IS_COLLECTION: lambda v: v if type(v) is Coll else None,
    IS_POINTER: lambda v: v if type(v) is Pointer else None,
    IS_NULL: lambda v: None,
}


def convert(value, type_code: int):
    """*value* converted to the 4D type *type_code* (``Is real``, ``Is date``…)
    as ``JSON Parse`` and ``OB Get`` do with their *type* parameter."""
    converter = _CONVERTERS.get(type_code)
    if converter is None:
        return fail(Codes.TYPE_MISMATCH, f"Argument types are incompatible: unsupported type {type_code}")
    return converter(value)


@command_with("JSON Parse", TEXT, LONGINT, star=True)
def json_parse(text: str, type_code: int | None = None, *, star: bool = False):
    value = parse(text)
    if type_code is not None:
        value = convert(value, type_code)
    if star and type(value) is Obj:
        value["__symbols"] = _symbols(text)
    return value
