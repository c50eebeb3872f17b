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
from .values import UNDEFINED

#: A local variable as written in 4D source (``$name``, not ``$1``).
_LOCAL = re.compile(r"\$([^\W\d]\w*)")
_ASSIGNED = re.compile(r"^\s*\$[^\W\d]\w*\s*:=")

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


def _undefined_locals(exc: BaseException) -> list[str]:
    """The locals (``$name``) written on the 4D line where *exc* was raised
    that hold Undefined there: "not compatible with the two arguments" is
    most often one of them never assigned (``$y:=$undeclared+1``)."""
    frame = line = linemap = None
    tb = exc.__traceback__
    while tb is not None:                 # the innermost 4D frame and its 4D line
        found = UNITS.get(tb.tb_frame.f_code.co_filename)
        if found is not None and found.line_for(tb.tb_lineno):
            frame, linemap, line = tb.tb_frame, found, found.line_for(tb.tb_lineno)
        tb = tb.tb_next
    if frame is None:
        return []
    names = []
    read = _ASSIGNED.sub("", linemap.source_line(line))     # the variable assigned is not read
    for name in dict.fromkeys(_LOCAL.findall(read)):
        value = frame.f_locals.get("l_" + name.replace(" ", "_").lower(), frame.f_locals.get("l_" + name))
        if value is UNDEFINED:
            names.append("$" + name)
    return names


def with_location(exc: BaseException) -> FourDError:
    """*exc* as a FourDError whose ``where`` names the 4D line that raised it;
    an operation refused because a local was never given a value names it."""
    error = as_4d_error(exc)
    if error.where is None:
        error.where = locate(exc)
    if error.code == Codes.INCOMPATIBLE_ARGUMENTS and "is Undefined" not in error.message:
        undefined = _undefined_locals(exc)
        if undefined:
            error.message += f" ({', '.join(undefined)} {'is' if len(undefined) == 1 else 'are'} Undefined)"
    if error is not exc and error.code == Codes.INTERNAL:
        error.python_traceback = "".join(traceback.format_exception(exc))
    return error
