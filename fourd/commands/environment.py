"""What a headless 4D knows of its user's environment: the system's regional
formats, the modifier keys (never down: there is no keyboard) and a pasteboard
kept by the application itself (there is no system one to share).

Specification: commands-legacy/get-system-format.md, shift-down.md and the
other modifier-key pages, the "Pasteboard" theme (get-text-from-pasteboard.md,
set-text-to-pasteboard.md, clear-pasteboard.md, append-data-to-pasteboard.md,
get-pasteboard-data.md, pasteboard-data-size.md).
"""
from __future__ import annotations

import threading

from fourd.api.blob import blob_bytes
from fourd.commands.arguments import ANY, LONGINT, REF, TEXT, command_with, incompatible
from fourd.commands.blob import set_ok, store_bytes
from fourd.commands.registry import Ref, command

# ------------------------------------------------------------ system formats

#: GET SYSTEM FORMAT values: those of a US system, the formats fourd's own
#: String() uses for numbers, dates ("11/27/2023") and times.
SYSTEM_FORMATS = {
    0: ".",                         # Decimal separator
    1: ",",                         # Thousand separator
    2: "$",                         # Currency symbol
    3: "HH:mm",                     # System time short pattern
    4: "HH:mm:ss",                  # System time medium pattern
    5: "HH:mm:ss",                  # System time long pattern
    6: "MM/dd/yyyy",                # System date short pattern
    7: "MMM d, yyyy",               # System date medium pattern
    8: "dddd, MMMM d, yyyy",        # System date long pattern
    13: "/",                        # Date separator
    14: ":",                        # Time separator
    15: "2",                        # Short date day position (middle)
    16: "1",                        # Short date month position (left)
    17: "3",                        # Short date year position (right)
    18: "AM",                       # System time AM label
    19: "PM",                       # System time PM label
}


@command_with("GET SYSTEM FORMAT", LONGINT, REF, refs=(1,))
def get_system_format(selector: int, value: Ref) -> None:
    text = SYSTEM_FORMATS.get(selector)
    if text is None:
        incompatible("GET SYSTEM FORMAT", f"unknown format {selector}")
        return
    value.set(text)


# ------------------------------------------------------------- modifier keys

def _never_down() -> bool:
    """No key is ever held down: fourd has no keyboard."""
    return False


for _name in ("Shift down", "Caps lock down", "Macintosh option down", "Macintosh command down",
              "Macintosh control down", "Windows Alt down", "Windows Ctrl down"):
    command(_name)(_never_down)


# ---------------------------------------------------------------- pasteboard

#: The application's pasteboard: data type -> bytes. 4D's text type, which
#: Get text from pasteboard reads, is stored as UTF-8 under TEXT_TYPE.
_pasteboard: dict[str, bytes] = {}
_pasteboard_lock = threading.Lock()
TEXT_TYPE = "com.4d.private.text.native"
#: Other names of text data: the 4-character type and the UTI (Managing Pasteboards).
_TEXT_NAMES = {"TEXT", "public.utf8-plain-text", "public.plain-text"}
NO_DATA = -102                     # pasteboard-data-size.md: "no data of this type"


def _kind(data_type: str) -> str:
    return TEXT_TYPE if data_type in _TEXT_NAMES else data_type


@command_with("CLEAR PASTEBOARD")
def clear_pasteboard() -> None:
    with _pasteboard_lock:
        _pasteboard.clear()


@command_with("SET TEXT TO PASTEBOARD", TEXT)
def set_text_to_pasteboard(text: str) -> None:
    """Replaces what the pasteboard holds with *text*."""
    with _pasteboard_lock:
        _pasteboard.clear()
        _pasteboard[TEXT_TYPE] = text.encode("utf-8")


@command_with("Get text from pasteboard")
def get_text_from_pasteboard() -> str:
    """The text last put on the pasteboard; "" (and OK 0) when it holds none:
    headless, it starts empty."""
    with _pasteboard_lock:
        data = _pasteboard.get(TEXT_TYPE)
    set_ok(data is not None)
    return "" if data is None else data.decode("utf-8")


@command_with("APPEND DATA TO PASTEBOARD", TEXT, ANY)
def append_data_to_pasteboard(data_type: str, data) -> None:
    """Adds data of *data_type* beside what the pasteboard holds."""
    payload = blob_bytes(data)
    if payload is None:
        incompatible("APPEND DATA TO PASTEBOARD", "a Blob was expected")
        return
    with _pasteboard_lock:
        _pasteboard[_kind(data_type)] = payload
    set_ok(True)


@command_with("GET PASTEBOARD DATA", TEXT, REF, refs=(1,))
def get_pasteboard_data(data_type: str, data: Ref) -> None:
    """The data of *data_type* into the blob; OK 0 when there is none."""
    with _pasteboard_lock:
        payload = _pasteboard.get(_kind(data_type))
    set_ok(payload is not None)
    if payload is not None:
        store_bytes(data, payload, text_by_default=False)


@command_with("Pasteboard data size", TEXT)
def pasteboard_data_size(data_type: str) -> int:
    """The size of the data of *data_type*, or the error code -102 when there
    is none (returned, not raised: the doc's examples compare it with 0)."""
    with _pasteboard_lock:
        payload = _pasteboard.get(_kind(data_type))
    return NO_DATA if payload is None else len(payload)

