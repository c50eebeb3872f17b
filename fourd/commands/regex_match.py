"""``Match regex`` (commands/match-regex.md) on ICU's syntax.

4D's regular expressions are ICU's. They run on the ``regex`` package in its
version-1 mode, which reads ICU's syntax where Python's ``re`` does not:
inline flags that turn flags off from where they stand (``(?mi-s)``, as
4D-SVG writes them), ``(?w)`` word boundaries, possessive quantifiers, atomic
groups, POSIX classes, nested sets with ``--`` and ``&&``. Two ICU escapes it
lacks are rewritten before compiling: ``\\Q...\\E`` (quoted text) and
``\\x{hhhh}`` (a code point in hex).

Positions are 1-based and count code points (fourd's characters), where 4D
counts UTF-16 units: they differ only after characters outside the BMP.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from fourd.commands.arguments import LONGINT, REF, TEXT, command_with, incompatible
from fourd.commands.registry import Ref
from fourd.runtime.arrays import Array4D
from fourd.runtime.errors import Codes, fail

__all__ = ["compile_icu"]


def _icu_escapes(pattern: str) -> str:
    """*pattern* with ``\\Q...\\E`` and ``\\x{...}`` in a form ``regex`` reads."""
    if "\\Q" not in pattern and "\\x{" not in pattern:
        return pattern
    out = []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char != "\\" or i + 1 == len(pattern):
            out.append(char)
            i += 1
            continue
        following = pattern[i + 1]
        if following == "Q":
            end = pattern.find("\\E", i + 2)
            end = len(pattern) if end < 0 else end
            out.append(regex.escape(pattern[i + 2:end]))
            i = end + 2
        elif following == "x" and pattern.startswith("{", i + 2) and "}" in pattern[i + 3:]:
            close = pattern.index("}", i + 3)
            out.append(f"\\U{int(pattern[i + 3:close] or '0', 16):08X}")
            i = close + 1
        else:
            out.append(pattern[i:i + 2])
            i += 2
    return "".join(out)


@lru_cache(maxsize=256)
def compile_icu(pattern: str) -> regex.Pattern:
    """*pattern*, in ICU's syntax, compiled; raises ``regex.error`` (or ValueError)."""
    return regex.compile(_icu_escapes(pattern), regex.V1)


def _store(ref: Ref, whole: int, groups: list[int]) -> None:
    """A Longint variable receives *whole*; an array receives *whole* in its
    element zero and one element per capture group."""
    target = ref.get()
    if type(target) is Array4D:
        target.resize(len(groups))
        target.items[0] = target.convert(whole)
        for index, value in enumerate(groups, 1):
            target.items[index] = target.convert(value)
    else:
        ref.set(whole)


@command_with("Match regex", TEXT, TEXT, LONGINT, REF, REF, refs=(3, 4), star=True)
def match_regex(pattern: str, text: str, start: int | None = None, pos_found: Ref | None = None,
                length_found: Ref | None = None, *, star: bool = False) -> bool:
    """Without *start*, whether all of *text* matches; with it, whether a
    match starts at *start* or later (only at *start* with ``*``). The
    position and length of the match go to *pos_found* and *length_found*
    (0 and 0 when there is none); arrays also receive those of each capture
    group (0 and 0 for a group that took no part in the match)."""
    if (pos_found is None) != (length_found is None):
        return incompatible("Match regex", "pos_found and length_found go together")
    try:
        compiled = compile_icu(pattern)
    except (regex.error, ValueError, OverflowError) as error:
        return fail(Codes.REGEX_SYNTAX, f"Match regex: invalid regular expression: {error}")
    if start is None:
        return compiled.fullmatch(text) is not None
    index = max(start, 1) - 1
    found = None
    if index <= len(text):
        found = compiled.match(text, index) if star else compiled.search(text, index)
    if pos_found is not None:
        if found is None:
            _store(pos_found, 0, [])
            _store(length_found, 0, [])
        else:
            spans = [found.span(group) for group in range(1, compiled.groups + 1)]
            _store(pos_found, found.start() + 1, [begin + 1 if begin >= 0 else 0 for begin, _ in spans])
            _store(length_found, found.end() - found.start(),
                   [end - begin if begin >= 0 else 0 for begin, end in spans])
    return found is not None
