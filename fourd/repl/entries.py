"""What the user types at the REPL: when an entry is complete, meta
commands, and the indentation of the next line of a block.

An entry is complete when it parses, or when its error does not come from
its end: 4D statements end at the end of their line, so only an open block
(``If`` without ``End if``…), a line continued with ``\\`` or an unclosed
``/*`` comment wait for more lines. Any other error is shown at once.
"""
from __future__ import annotations

import re

from fourd.syntax.errors import FourDSyntaxError
from fourd.syntax.parser import parse

#: The path that errors in typed entries name.
ENTRY_PATH = "<input>"

#: Meta commands start with this prefix and a letter (``.5`` is a number).
META_PREFIX = "."

_PROBE = "*/"
_META = re.compile(r"\.([A-Za-z]\w*)(?:[ \t]+(.*))?\Z", re.DOTALL)

# Indentation of blocks (lower-cased first words of a line).
INDENT = "  "
_OPENERS = re.compile(r"(if|else|case of|for|for each|while|repeat|try|catch|use)\b|:", re.IGNORECASE)
_CLOSERS = re.compile(r"(end\s+(if|case|for|for\s+each|while|try|use)|else|until|catch)\b|:", re.IGNORECASE)
_CASE_OF = re.compile(r"case\s+of\b", re.IGNORECASE)
_END_CASE = re.compile(r"end\s+case\b", re.IGNORECASE)


def needs_more(text: str) -> bool:
    """Whether *text* is only the beginning of an entry.

    Decided without reading error messages: *text* fails to parse, and a
    line added after it moves the error to that line (or fixes it). The
    added line is ``*/``: it closes a comment left open, and is an error
    anywhere else -- so an error that stays inside *text* (a bracket left
    open, an ``End if`` too many) is *text*'s own.
    """
    if not text.strip():
        return False
    try:
        parse(text, ENTRY_PATH)
        return False
    except FourDSyntaxError:
        pass
    try:
        parse(text + "\n" + _PROBE, ENTRY_PATH)
    except FourDSyntaxError as err:
        return err.line > len(text.splitlines())
    return True


def meta_command(text: str) -> tuple[str, str] | None:
    """``(name, argument)`` of a meta command such as ``.load file.4dm``, or None."""
    match = _META.match(text.strip())
    if match is None:
        return None
    return match.group(1).lower(), (match.group(2) or "").strip()


def indent_lines(before: str) -> tuple[str, str]:
    """The last line of *before* re-indented, and the indentation of the next line.

    Indentation follows the blocks, not what was typed: the prompt indents
    each new line already, so spaces the user types as well are dropped
    rather than added (a pasted, indented block keeps its shape). A line
    that closes a block (``End if``, ``Else``, ``: (case)``…) moves one
    level out (two for ``End case``: out of the branch and out of ``Case
    of``; a first case branch stays one level inside its ``Case of``), and
    a line that opens one indents the next.
    """
    level = 0
    previous = ""
    lines = before.split("\n")
    for line in lines[:-1]:
        words = line.strip()
        if words:
            level = _level_after(words, previous, level)
            previous = words
    words = lines[-1].strip()
    own = max(0, level - _levels_closed(words, previous))
    following = _level_after(words, previous, level) if words else level
    return INDENT * own + words, INDENT * following


def _levels_closed(words: str, previous: str) -> int:
    """How many levels out a line moves, from the level of the line before it."""
    if not _CLOSERS.match(words) or (words.startswith(":") and _CASE_OF.match(previous)):
        return 0
    return 2 if _END_CASE.match(words) else 1


def _level_after(words: str, previous: str, level: int) -> int:
    """The level of the lines after *words*, which sits at *level* before re-indenting."""
    level = max(0, level - _levels_closed(words, previous))
    return level + 1 if _OPENERS.match(words) else level
