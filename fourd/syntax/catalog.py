"""The catalog of 4D command and constant names.

Two data files, read once on first use (a few milliseconds):

``data/commands.tsv`` — ``name<TAB>number<TAB>status``
    One line per command name. *status* is empty for the current name of a
    command, ``renamed`` for a former name (4D 20 R7 and later renamed
    ``Get localized string`` to ``Localized string``, prefixed deprecated
    commands with ``_O_``…): a former name resolves to the current one.
    ``secondary`` gives an extra token number to an existing name
    (``Super:C1705`` and ``Super:C1706`` are both exported by 4D).

``data/constants.tsv`` — ``name<TAB>theme<TAB>index<TAB>type<TAB>value``
    *theme* and *index* are the two numbers of the tokenized form
    ``Is object:K8:27`` (both empty when unknown); *type* is ``longint``,
    ``real``, ``text`` or ``boolean`` (``true``/``false``); *value* is 4D's
    value for the constant, written as Python would read it. Text values are
    taken verbatim, so they cannot hold a tab or a line break.

Lines starting with ``#`` are comments: use them to name the 4D doc page a
group of entries comes from. Names are unique regardless of case.

To add a command, append its line to ``commands.tsv`` with the number shown
in the "Properties" table of its doc page; when 4D renames a command, put the
new name on a line of its own and mark the old line ``renamed``. To add a
constant, append its line to ``constants.tsv`` under a comment citing the
page that gives its value. The tests check that both files load and stay
consistent with the spec pages in ``shared/spec``.

Lookups ignore case. Multi-word names (``TEXT TO BLOB``, ``Is object``) and
names that are not plain identifiers (``4D``, ``SHA256 digest``) are listed
by :func:`multiword_names` for the lexer.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache

__all__ = [
    "CommandInfo", "ConstantInfo", "CatalogError",
    "command_by_name", "command_by_number", "commands",
    "constant_by_name", "constant_by_token", "constants",
    "multiword_names", "single_word_names",
]


@dataclass(frozen=True, slots=True)
class CommandInfo:
    """A 4D command: its current name and its command number."""

    name: str
    number: int


@dataclass(frozen=True, slots=True)
class ConstantInfo:
    """A 4D constant; *value* is typed as in ``runtime.values`` (int, float, str, bool)."""

    name: str
    theme: int | None
    index: int | None
    type: str
    value: int | float | str | bool


class CatalogError(ValueError):
    """A malformed line in one of the catalog data files."""


_CONVERTERS = {
    "longint": int,
    "real": float,
    "text": str,
    "boolean": {"true": True, "false": False}.__getitem__,
}

_IDENTIFIER = re.compile(r"[^\W\d]\w*")
_DATA_DIR = os.path.join(os.path.dirname(__file__), "data")


def command_by_name(name: str) -> CommandInfo | None:
    """The command called *name* (any case, current or former name)."""
    return _catalog().commands_by_name.get(name.lower())


def command_by_number(number: int) -> CommandInfo | None:
    """The command exported as ``Name:C<number>``, under its current name."""
    return _catalog().commands_by_number.get(number)


def commands() -> tuple[CommandInfo, ...]:
    """Every command under its current name, in file order."""
    return _catalog().commands


def constant_by_name(name: str) -> ConstantInfo | None:
    """The constant called *name* (any case)."""
    return _catalog().constants_by_name.get(name.lower())


def constant_by_token(theme: int, index: int) -> ConstantInfo | None:
    """The constant exported as ``Name:K<theme>:<index>``."""
    return _catalog().constants_by_token.get((theme, index))


def constants() -> tuple[ConstantInfo, ...]:
    """Every constant, in file order."""
    return _catalog().constants


def multiword_names() -> list[str]:
    """Every command and constant name that is not a plain identifier (it holds
    a space, starts with a digit…), longest first."""
    return list(_catalog().multiword_names)


def single_word_names() -> frozenset[str]:
    """Every command and constant name that reads as a single identifier."""
    return _catalog().single_word_names


@dataclass(frozen=True, slots=True)
class _Catalog:
    commands: tuple[CommandInfo, ...]
    commands_by_name: dict[str, CommandInfo]
    commands_by_number: dict[int, CommandInfo]
    constants: tuple[ConstantInfo, ...]
    constants_by_name: dict[str, ConstantInfo]
    constants_by_token: dict[tuple[int, int], ConstantInfo]
    multiword_names: tuple[str, ...]
    single_word_names: frozenset[str]


@cache
def _catalog() -> _Catalog:
    command_rows = _rows("commands.tsv", "name\tnumber\tstatus")
    constant_rows = _rows("constants.tsv", "name\ttheme\tindex\ttype\tvalue")
    commands, by_name, by_number = _index_commands(command_rows)
    constants, constants_by_name, by_token = _index_constants(constant_rows)
    # A secondary row repeats a name; every other name is unique across both files.
    spelled = [row[0] for row in command_rows if row[2] != "secondary"]
    spelled += [row[0] for row in constant_rows]
    if len({name.lower() for name in spelled}) != len(spelled):
        raise CatalogError("a command or constant name appears twice")
    single = frozenset(name for name in spelled if _IDENTIFIER.fullmatch(name))
    multiword = sorted((name for name in spelled if name not in single),
                       key=lambda name: (-len(name), name.lower()))
    return _Catalog(commands, by_name, by_number, constants, constants_by_name, by_token,
                    tuple(multiword), single)


def _rows(filename: str, header: str) -> list[tuple[str, ...]]:
    """The data lines of *filename* split into the fields named by *header*,
    plus the line's location."""
    with open(os.path.join(_DATA_DIR, filename), encoding="utf-8") as file:
        text = file.read()
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1)
             if line and not line.startswith("#")]
    if not lines or lines[0][1] != header:
        raise CatalogError(f"{filename}: the first line must be the header {header!r}")
    width = header.count("\t") + 1
    rows = []
    for lineno, line in lines[1:]:
        fields = tuple(line.split("\t"))
        where = f"{filename}:{lineno}"
        if len(fields) != width or not fields[0]:
            raise CatalogError(f"{where}: expected {width} tab-separated fields")
        rows.append(fields + (where,))
    return rows


def _number(text: str, where: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise CatalogError(f"{where}: {text!r} is not a number") from None


def _index_commands(rows):
    current = [CommandInfo(name, _number(number, where))
               for name, number, status, where in rows if not status]
    by_number = {info.number: info for info in current}
    if len(by_number) != len(current):
        raise CatalogError("commands.tsv: two current names share a command number")
    by_name = {info.name.lower(): info for info in current}
    for name, number, status, where in rows:
        number = _number(number, where)
        if status == "renamed" and number in by_number:
            by_name[name.lower()] = by_number[number]
        elif status == "secondary" and name.lower() in by_name and number not in by_number:
            by_number[number] = CommandInfo(by_name[name.lower()].name, number)
        elif status:
            raise CatalogError(f"{where}: cannot resolve {status!r} entry {name!r}")
    return tuple(current), by_name, by_number


def _index_constants(rows):
    constants = []
    for name, theme, index, type_, value, where in rows:
        convert = _CONVERTERS.get(type_)
        if convert is None or bool(theme) != bool(index):
            raise CatalogError(f"{where}: bad type or token for {name!r}")
        try:
            typed = convert(value)
        except (KeyError, ValueError):
            raise CatalogError(f"{where}: {value!r} is not a {type_}") from None
        constants.append(ConstantInfo(name, _number(theme, where) if theme else None,
                                      _number(index, where) if index else None, type_, typed))
    by_token = {(c.theme, c.index): c for c in constants if c.theme is not None}
    if len(by_token) != sum(c.theme is not None for c in constants):
        raise CatalogError("constants.tsv: two constants share a token")
    return tuple(constants), {c.name.lower(): c for c in constants}, by_token
