"""XML text for 4D values and back: the options of ``XML SET OPTIONS``
(xml-set-options.md) and the conversions of ``DOM SET XML ATTRIBUTE``,
``DOM SET XML ELEMENT VALUE``, ``XML DECODE`` and the commands that read a
value into a variable of any type (xml-decode.md's rules).
"""
from __future__ import annotations

import base64
import datetime as _dt
import re
import time as _time

from fourd.api.blob import blob_bytes
from fourd.commands.math import number_text
from fourd.runtime.values import UNDEFINED, Blob4D, Date, Time

# Options of XML SET OPTIONS (xml-set-options.md): selectors and values. The
# selector numbers are documented; the values are those of 4D's "XML" constant
# theme (see constants.tsv for which ones public code confirms).
XML_STRING_ENCODING, XML_DATE_ENCODING, XML_TIME_ENCODING, XML_INDENTATION = 1, 2, 3, 4
XML_BINARY_ENCODING, XML_PICTURE_ENCODING, XML_EXTERNAL_ENTITIES, XML_CASE_SENSITIVITY = 5, 6, 7, 8
XML_BOM, XML_LINE_ENDING = 9, 10
XML_WITH_ESCAPING, XML_RAW_DATA = 1, 2
XML_ISO, XML_LOCAL, XML_DATETIME_LOCAL, XML_UTC, XML_DATETIME_UTC = 1, 2, 3, 4, 5
XML_DATETIME_LOCAL_ABSOLUTE, XML_SECONDS, XML_DURATION = 6, 7, 8
XML_WITH_INDENTATION, XML_NO_INDENTATION = 1, 2
XML_BASE64, XML_DATA_URI_SCHEME = 1, 2
XML_CONVERT_TO_PNG, XML_NATIVE_CODEC = 1, 2
XML_CASE_SENSITIVE, XML_CASE_INSENSITIVE = 1, 2
XML_DEFAULT, XML_ENABLED, XML_DISABLED = 0, 1, 2
XML_LF, XML_CRLF, XML_CR = 1, 2, 3

#: selector -> (default value, accepted values)
OPTIONS = {
    XML_STRING_ENCODING: (XML_WITH_ESCAPING, {XML_WITH_ESCAPING, XML_RAW_DATA}),
    XML_DATE_ENCODING: (XML_ISO, {XML_ISO, XML_LOCAL, XML_DATETIME_LOCAL, XML_UTC, XML_DATETIME_UTC}),
    XML_TIME_ENCODING: (XML_DATETIME_LOCAL_ABSOLUTE, {XML_DATETIME_LOCAL_ABSOLUTE, XML_DATETIME_LOCAL,
                                                      XML_DATETIME_UTC, XML_SECONDS, XML_DURATION}),
    XML_INDENTATION: (XML_WITH_INDENTATION, {XML_WITH_INDENTATION, XML_NO_INDENTATION}),
    XML_BINARY_ENCODING: (XML_BASE64, {XML_BASE64, XML_DATA_URI_SCHEME}),
    XML_PICTURE_ENCODING: (XML_CONVERT_TO_PNG, {XML_CONVERT_TO_PNG, XML_NATIVE_CODEC}),
    XML_EXTERNAL_ENTITIES: (XML_DISABLED, {XML_ENABLED, XML_DISABLED}),
    XML_CASE_SENSITIVITY: (XML_CASE_SENSITIVE, {XML_CASE_SENSITIVE, XML_CASE_INSENSITIVE}),
    XML_BOM: (XML_DEFAULT, {XML_DEFAULT, XML_ENABLED, XML_DISABLED}),
    XML_LINE_ENDING: (XML_DEFAULT, {XML_DEFAULT, XML_LF, XML_CRLF, XML_CR}),
}

#: Options set with an empty reference: the defaults of new trees.
_default_options: dict[int, int] = {selector: default for selector, (default, _) in OPTIONS.items()}


def new_options() -> dict[int, int]:
    """The options of a new tree: the defaults in force."""
    return dict(_default_options)


def option(document, selector: int) -> int:
    """The value of option *selector* for *document* (a tree, or None for the defaults)."""
    return (document.options if document is not None else _default_options)[selector]


def set_default_option(selector: int, value: int) -> None:
    _default_options[selector] = value


# --- 4D values and XML text -------------------------------------------------------------------

def _utc_offset() -> str:
    offset = -_time.altzone if _time.daylight and _time.localtime().tm_isdst else -_time.timezone
    sign = "+" if offset >= 0 else "-"
    return f"{sign}{abs(offset) // 3600:02d}:{abs(offset) % 3600 // 60:02d}"


def _date_text(date: Date, encoding: int) -> str:
    day = f"{date.year:04d}-{date.month:02d}-{date.day:02d}"
    if encoding == XML_LOCAL:
        return f"{day} {_utc_offset()}"
    if encoding == XML_DATETIME_LOCAL:
        return f"{day}T00:00:00 {_utc_offset()}"
    if encoding == XML_UTC:
        return f"{day}Z"
    if encoding == XML_DATETIME_UTC:
        return f"{day}T00:00:00Z"
    return day


def _time_text(time: Time, encoding: int) -> str:
    seconds = time.seconds
    if encoding == XML_SECONDS:
        return str(seconds)
    if encoding == XML_DURATION:
        return f"PT{seconds // 3600:02d}H{seconds % 3600 // 60:02d}M{seconds % 60:02d}S"
    if encoding == XML_DATETIME_UTC:
        seconds = (seconds + _time.timezone) % 86400
    clock = f"0000-00-00T{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    if encoding == XML_DATETIME_UTC:
        return clock + "Z"
    if encoding == XML_DATETIME_LOCAL:
        return clock + _utc_offset()
    return clock


def to_xml_text(document, value) -> str | None:
    """*value* as XML text, by the document's options (xml-set-options.md);
    None for a type that has no XML form."""
    kind = type(value)
    if kind is str:
        return value
    if kind is bool:
        return "true" if value else "false"
    if kind is int or kind is float:
        return number_text(value)
    if kind is Date:
        return _date_text(value, option(document, XML_DATE_ENCODING))
    if kind is Time:
        return _time_text(value, option(document, XML_TIME_ENCODING))
    if value is UNDEFINED or value is None:
        return ""
    data = blob_bytes(value)
    if data is not None:
        encoded_data = base64.b64encode(data).decode("ascii")
        if option(document, XML_BINARY_ENCODING) == XML_DATA_URI_SCHEME:
            return "data:;base64," + encoded_data
        return encoded_data
    return None


_NUMBER = re.compile(r"\s*[-+]?(\d+([.,]\d*)?|[.,]\d+)([eE][-+]?\d+)?\s*")
_ISO_DATE = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})")
_ISO_TIME = re.compile(r"(?:.*T)?(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?\s*(Z|[-+]\d{2}:?\d{2})?\s*$")


def _decoded_time(text: str) -> Time:
    found = _ISO_TIME.match(text.strip())
    if found is None:
        number = _NUMBER.fullmatch(text)
        return Time(int(float(text.replace(",", "."))) if number else 0)
    hours, minutes, seconds, zone = found.groups()
    total = int(hours) * 3600 + int(minutes) * 60 + int(seconds)
    if zone:                                 # "time zone is taken into account" (xml-decode.md)
        if zone == "Z":
            zone_seconds = 0
        else:
            digits = zone[1:].replace(":", "")
            zone_seconds = (int(digits[:2]) * 3600 + int(digits[2:]) * 60) * (1 if zone[0] == "+" else -1)
        local = _dt.datetime.now().astimezone().utcoffset().total_seconds()
        total = int(total - zone_seconds + local) % 86400
    return Time(total)


def from_xml_text(text: str, like):
    """*text* converted to the type of *like* (the receiving variable's
    value), by xml-decode.md's rules; Text when *like* has no type."""
    kind = type(like)
    if kind is bool:
        return text.strip().lower() in ("1", "true")
    if kind is float or kind is int:
        found = _NUMBER.match(text)
        number = float(found.group(0).replace(",", ".")) if found else 0.0
        return int(number) if kind is int else number
    if kind is Date:
        found = _ISO_DATE.match(text)
        return Date(*map(int, found.groups())) if found else Date(0, 0, 0)
    if kind is Time:
        return _decoded_time(text)
    if kind is bytearray or isinstance(like, Blob4D):
        payload = text.split("base64,", 1)[-1] if text.startswith("data:") else text
        try:
            data = base64.b64decode(payload.strip(), validate=False)
        except ValueError:
            data = b""
        return bytearray(data) if kind is bytearray else Blob4D(data)
    return text
