"""Where in 4D code something happens: Python frames mapped to 4D lines.

Each loaded unit of compiled code has a file name of its own; the loader
registers that name with the unit's line map (:func:`register`), an object
with ``where(code name, Python line) -> (name, path, 4D line)`` and
``source_line(4D line)`` (``compiler.units.LineMap``). Errors and the
``Error method``/``Error line`` system variables are located from it.
"""
from __future__ import annotations

import re
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
    running = _running()
    return None if running is None else running[1:]


def _running():
    """(line map, name, path, 4D line, formula text) of the innermost 4D code
    running on this thread, or None."""
    frame = sys._getframe(1)
    while frame is not None:
        linemap = UNITS.get(frame.f_code.co_filename)
        if linemap is not None:
            name, path, line = linemap.where(frame.f_code.co_name, frame.f_lineno)
            if line:
                return linemap, name, path, line, linemap.source_line(line)
        frame = frame.f_back
    return None


def locate_error(process, error: FourDError) -> None:
    """Before an ON ERR CALL handler runs: the ``Error method``, ``Error line``
    and ``Error formula`` system variables (error-handling.md), as 4D's code
    editor shows the method: without its ``//%attributes`` line and with
    plain names rather than tokens (``ASSERT(False)``, not ``ASSERT:C1129(False:C215)``)."""
    running = _running()
    if error.where is None and running is not None:
        error.where = running[1:4]
    linemap, name, _, line, formula = running or (None, "", "", 0, "")
    if line and _has_attributes_line(linemap):
        line -= 1
    process.vars.update({"error method": name, "error line": line, "error formula": plain_source(formula)})


_ATTRIBUTES_LINE = "//%attributes"
_TOKEN = re.compile(r"(?<=\w):(?:C\d+|K\d+:\d+|P\d+(?::\d+)?)(?!\w)")
_SEPARATOR = re.compile(r";[ \t]*")
_TEXT_LITERAL = re.compile(r'("(?:[^"\\\n]|\\.)*")')


def _has_attributes_line(linemap) -> bool:
    """Whether the file of *linemap* starts with 4D's ``//%attributes`` line,
    which the code editor does not show (nor count)."""
    lines = getattr(linemap, "source_lines", None)
    return bool(lines) and lines[0].lstrip("\ufeff").startswith(_ATTRIBUTES_LINE)


def plain_source(text: str) -> str:
    """4D code as the code editor shows it: tokenized names (``Name:C123``,
    ``Name:K8:27``) as plain names, parameters separated by "; "; text
    literals are left as they are."""
    parts = _TEXT_LITERAL.split(text)
    return "".join(part if i % 2 else _SEPARATOR.sub("; ", _TOKEN.sub("", part))
                   for i, part in enumerate(parts)).rstrip()


def with_location(exc: BaseException) -> FourDError:
    """*exc* as a FourDError whose ``where`` names the 4D line that raised it."""
    error = as_4d_error(exc)
    if error.where is None:
        error.where = locate(exc)
    if error is not exc and error.code == Codes.INTERNAL:
        error.python_traceback = "".join(traceback.format_exception(exc))
    return error
