"""What the user types at the REPL: when an entry is complete, meta
commands, and the indentation of the next line of a block.

An entry is complete when it parses, or when its error is not about its
end: 4D statements end at the end of their line, so only an open block
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

_CONTINUED = re.compile(r"\\[ \t]*(?://.*)?\Z")
_WAITING_ERRORS = ("unexpected end of file", "unterminated comment")
_META = re.compile(r"\.([A-Za-z]\w*)(?:[ \t]+(.*))?\Z", re.DOTALL)

# Indentation of blocks (lower-cased first words of a line).
INDENT = "  "
_OPENERS = re.compile(r"(if|else|case of|for|for each|while|repeat|try|catch|use)\b|:", re.IGNORECASE)
_CLOSERS = re.compile(r"(end\s+(if|case|for|for\s+each|while|try|use)|else|until|catch)\b|:", re.IGNORECASE)
_CASE_OF = re.compile(r"case\s+of\b", re.IGNORECASE)
_END_CASE = re.compile(r"end\s+case\b", re.IGNORECASE)


def needs_more(text: str) -> bool:
    """Whether *text* is only the beginning of an entry."""
    if not text.strip():
        return False
    last_line = text.rstrip("\r\n").rsplit("\n", 1)[-1]
    if _CONTINUED.search(last_line) and not last_line.lstrip().startswith("//"):
        return True
    try:
        parse(text, ENTRY_PATH)
    except FourDSyntaxError as err:
        return err.message.startswith(_WAITING_ERRORS)
    return False


def meta_command(text: str) -> tuple[str, str] | None:
    """``(name, argument)`` of a meta command such as ``.load file.4dm``, or None."""
    match = _META.match(text.strip())
    if match is None:
        return None
    return match.group(1).lower(), (match.group(2) or "").strip()


def indent_lines(before: str) -> tuple[str, str]:
    """The last line of *before* re-indented, and the indentation of the next line.

    Called when Enter adds a line to an open block: a line that closes a
    block (``End if``, ``Else``, ``: (case)``…) moves one level out (two
    for ``End case``: out of the branch and out of ``Case of``; a first
    case branch stays one level inside its ``Case of``), and a line that
    opens one indents the next.
    """
    lines = before.split("\n")
    line = lines[-1]
    indent = line[:len(line) - len(line.lstrip())]
    words = line.strip()
    previous = next((prior.strip() for prior in reversed(lines[:-1]) if prior.strip()), "")
    if _CLOSERS.match(words) and not (words.startswith(":") and _CASE_OF.match(previous)):
        levels = 2 if _END_CASE.match(words) else 1
        indent = indent[:max(0, len(indent) - levels * len(INDENT))]
    following = indent + INDENT if _OPENERS.match(words) else indent
    return indent + words, following
