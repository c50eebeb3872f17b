"""Where in 4D code something happens: Python frames mapped to 4D lines.

Each loaded unit of compiled code has a file name of its own; the loader
registers that name with the unit's line map (:func:`register`), an object
with ``where(code name, Python line) -> (name, path, 4D line)`` and
``source_line(4D line)`` (``compiler.units.LineMap``). Errors and the
``Error method``/``Error line`` system variables are located from it.
"""
from __future__ import annotations

import sys
import traceback

from .errors import Codes, FourDError, as_4d_error

#: Python code filename of each loaded unit -> its line map.
UNITS: dict[str, object] = {}


def register(filename: str, linemap) -> None:
    """Code compiled under *filename* maps to 4D lines through *linemap*."""
    UNITS[filename] = linemap


def locate(exc: BaseException):
    """(name, path, 4D line) of the innermost 4D code in *exc*'s traceback."""
    where = None
    tb = exc.__traceback__
    while tb is not None:
        linemap = UNITS.get(tb.tb_frame.f_code.co_filename)
        if linemap is not None:
            here = linemap.where(tb.tb_frame.f_code.co_name, tb.tb_lineno)
            if here[2]:             # 0 in a prologue: keep the caller's line
                where = here
        tb = tb.tb_next
    return where


def running_location():
    """(name, path, 4D line, formula text) of the innermost 4D code running
    on this thread, or None."""
    frame = sys._getframe(1)
    while frame is not None:
        linemap = UNITS.get(frame.f_code.co_filename)
        if linemap is not None:
            name, path, line = linemap.where(frame.f_code.co_name, frame.f_lineno)
            if line:
                return name, path, line, linemap.source_line(line)
        frame = frame.f_back
    return None


def locate_error(process, error: FourDError) -> None:
    """Before an ON ERR CALL handler runs: the ``Error method``, ``Error line``
    and ``Error formula`` system variables (error-handling.md)."""
    where = running_location()
    if error.where is None and where is not None:
        error.where = where[:3]
    name, _, line, formula = where or ("", "", 0, "")
    process.vars.update({"error method": name, "error line": line, "error formula": formula})


def with_location(exc: BaseException) -> FourDError:
    """*exc* as a FourDError whose ``where`` names the 4D line that raised it."""
    error = as_4d_error(exc)
    if error.where is None:
        error.where = locate(exc)
    if error is not exc and error.code == Codes.INTERNAL:
        error.python_traceback = "".join(traceback.format_exception(exc))
    return error
