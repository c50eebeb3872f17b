"""Text commands, ``String`` and ``Bool``, and :func:`text_of`.

Pages: commands/length.md, substring.md, position.md, replace-string.md,
uppercase.md, lowercase.md, char.md, character-code.md, split-string.md,
string.md, bool.md; commands-legacy/change-string.md, insert-string.md,
delete-string.md, compare-strings.md; version-21 trim.md, trim-start.md,
trim-end.md. ``Num`` is with the math commands,
``Match regex`` in ``regex_match``.

Characters are Unicode code points (Python's), where 4D counts UTF-16
units: ``Length`` of an emoji is 1 in fourd, 2 in 4D.

Searching (``Position``, ``Replace string``, ``Compare strings``) compares
as 4D does by default: ignoring case and diacritics, with letters written
as one or two characters equal (æ = ae, œ = oe, ß = ss) and the ignorable
control characters (codes below 32 except tab, LF, VT, FF and CR) skipped.
``*`` compares character codes instead; the options of ``Position`` and
``Compare strings`` (``sk case insensitive``…) choose in between.
"""
from __future__ import annotations

import bisect
from array import array
import re
import unicodedata
from functools import lru_cache

from fourd.commands.arguments import ANY, LONGINT, REF, TEXT, command_with, incompatible
from fourd.commands.dates import format_date, format_time
from fourd.commands.math import format_number, number_text, to_radix
from fourd.commands.registry import Ref
from fourd.runtime.classes import NativeObject
from fourd.runtime.conversions import coerce, to_longint
from fourd.runtime.operators import IGNORABLE_CONTROLS, compare_text
from fourd.runtime.values import UNDEFINED, Blob4D, Coll, Date, Obj, Pointer, Time

__all__ = ["text_of"]


# --- String, text_of, Bool ---------------------------------------------------------

def _object_text(value) -> str:
    # Imported when needed: json is a sibling command module, neither
    # module's import should depend on the other's.
    from fourd.commands.json import stringify
    return stringify(value, pretty=False)


_OBJECT_TYPES = (Obj, Coll, NativeObject, Blob4D)


def _plain_text(value) -> str | None:
    """``String(value)`` for the types ``String`` accepts, else None."""
    kind = type(value)
    if kind is str:
        return value
    if kind is float or kind is int:
        return number_text(value)
    if kind is bool:
        return "True" if value else "False"
    if kind is Date:
        return format_date(value)
    if kind is Time:
        return value.hms()
    if value is UNDEFINED:
        return ""
    if value is None:
        return "null"
    if isinstance(value, _OBJECT_TYPES):
        return _object_text(value)
    return None


def text_of(value) -> str:
    """What ``String(value)`` returns without a format, for any 4D value.

    Numbers: an Integer as is, a Real with 13 significant digits ("1.5",
    "3", "0.3333333333333", "1e+20"; NaN "", "INF"). Dates: ``MM/DD/YYYY``,
    the system short format of a US system (string.md's example
    ``String(!2023-11-27!)`` is "11/27/2023"), the null date "00/00/00".
    Times: ``HH:MM:SS``. Booleans "True"/"False", Undefined "", Null
    "null", objects and collections their JSON. ``String`` refuses pointers
    and blobs; here they get a readable form ("->$name", "[BLOB: 3 bytes]").
    """
    text = _plain_text(value)
    if text is not None:
        return text
    if type(value) is Pointer:
        return f"->{value.name}"
    if type(value) is bytearray:
        return f"[BLOB: {len(value)} bytes]"
    return str(value)


@command_with("String", ANY, ANY, ANY)
def string(expression, fmt=UNDEFINED, add_time=UNDEFINED) -> str:
    kind = type(expression)
    if fmt is not UNDEFINED:
        if kind is float or kind is int:
            return _number_with(expression, fmt)
        if kind is Date:
            return _date_with(expression, fmt, add_time)
        if kind is Time:
            if type(fmt) in (str, int, float):
                return format_time(expression, fmt if type(fmt) is str else to_longint(fmt))
            return incompatible("String", "the format must be a Text or a number")
    text = _plain_text(expression)
    if text is None:
        return incompatible("String", "the expression cannot be converted to text")
    return text


def _number_with(number, fmt) -> str:
    if type(fmt) is str:
        return format_number(number, fmt)
    if type(fmt) is float or type(fmt) is int:
        base = to_longint(fmt) or 10  # base 0 chooses 10 for a number
        if not 2 <= base <= 36:
            return incompatible("String", "the base must be between 2 and 36")
        return to_radix(float(number), base)
    return incompatible("String", "the format must be a Text or a base")


def _date_with(date: Date, fmt, add_time) -> str:
    if type(fmt) is float or type(fmt) is int:
        fmt = to_longint(fmt)
    elif type(fmt) is not str:
        return incompatible("String", "the date format must be a number or a Text")
    if add_time is UNDEFINED:
        return format_date(date, fmt)
    time = coerce("time", add_time)
    if time is UNDEFINED:
        return UNDEFINED
    return format_date(date, fmt, time)


@command_with("Bool", ANY)
def bool_(expression) -> bool:
    """True for True and non-zero numbers; False for anything else."""
    kind = type(expression)
    if kind is bool:
        return expression
    if kind is float or kind is int:
        return expression != 0
    return False


# --- characters ---------------------------------------------------------------------

@command_with("Length", TEXT)
def length(text: str) -> int:
    return len(text)


@command_with("Char", LONGINT)
def char(code: int) -> str:
    """The character of a code point ("" outside Unicode's range)."""
    return chr(code) if 0 <= code <= 0x10FFFF else ""


@command_with("Character code", TEXT)
def character_code(text: str) -> int:
    """The code of the first character (0 for an empty text)."""
    return ord(text[0]) if text else 0


def _without_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


@command_with("Uppercase", TEXT, star=True)
def uppercase(text: str, *, star: bool = False) -> str:
    """Accented letters lose their accents unless ``*`` is passed."""
    return (text if star else _without_accents(text)).upper()


@command_with("Lowercase", TEXT, star=True)
def lowercase(text: str, *, star: bool = False) -> str:
    return (text if star else _without_accents(text)).lower()


# --- cutting and joining ----------------------------------------------------------------

@command_with("Substring", TEXT, LONGINT, LONGINT)
def substring(source: str, first: int, count: int | None = None) -> str:
    """From *first* (1-based; below 1 counts as 1), *count* characters or to the end."""
    start = max(first, 1) - 1
    if count is None:
        return source[start:]
    return source[start:start + count] if count > 0 else ""


@command_with("Change string", TEXT, TEXT, LONGINT)
def change_string(source: str, new_chars: str, where: int) -> str:
    """Overwrite from *where*; the result keeps the length of *source*."""
    if not 1 <= where <= len(source):
        return source
    start = where - 1
    return source[:start] + new_chars[:len(source) - start] + source[start + len(new_chars):]


@command_with("Insert string", TEXT, TEXT, LONGINT)
def insert_string(source: str, what: str, where: int) -> str:
    """Insert before the character at *where* (before all below 1, after all past the end)."""
    start = min(max(where, 1), len(source) + 1) - 1
    return source[:start] + what + source[start:]


@command_with("Delete string", TEXT, LONGINT, LONGINT)
def delete_string(source: str, where: int, count: int) -> str:
    """Delete *count* characters from *where* (from the beginning when below 1)."""
    if count <= 0 or where > len(source):
        return source
    start = max(where, 1) - 1
    return source[:start] + source[start + count:]


# ECMAScript's WhiteSpace and LineTerminator: trim.md follows TrimString.
_WHITESPACE = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007" \
              "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"


@command_with("Trim", TEXT)
def trim(text: str) -> str:
    return text.strip(_WHITESPACE)


@command_with("Trim start", TEXT)
def trim_start(text: str) -> str:
    return text.lstrip(_WHITESPACE)


@command_with("Trim end", TEXT)
def trim_end(text: str) -> str:
    return text.rstrip(_WHITESPACE)


SK_IGNORE_EMPTY_STRINGS = 1
SK_TRIM_SPACES = 2


@command_with("Split string", TEXT, TEXT, LONGINT)
def split_string(text: str, separator: str, options: int = 0) -> Coll:
    """Pieces between the occurrences of *separator* (compared by character
    codes), each character when it is ""; ``sk trim spaces`` strips spaces
    from each piece before ``sk ignore empty strings`` drops the empty ones."""
    pieces = list(text) if separator == "" else text.split(separator)
    if options & SK_TRIM_SPACES:
        pieces = [piece.strip(" ") for piece in pieces]
    if options & SK_IGNORE_EMPTY_STRINGS:
        pieces = [piece for piece in pieces if piece]
    return Coll(pieces)


# --- comparing and searching ---------------------------------------------------------------

# Comparison options (Strings theme: position.md, compare-strings.md). sk
# strict (0) is no flag; sk kana insensitive (8) and sk width insensitive
# (16) act with a Japanese data language only, so fourd ignores them.
SK_CHAR_CODES = 1
SK_CASE_INSENSITIVE = 2
SK_DIACRITIC_INSENSITIVE = 4
SK_WHOLE_WORD = 32

# 4D's default comparison: what ``Position`` and ``Replace string`` do without options.
DEFAULT_COMPARISON = SK_CASE_INSENSITIVE | SK_DIACRITIC_INSENSITIVE
_LIGATURES = {"æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss", "ẞ": "SS"}


@lru_cache(maxsize=8192)
def _fold_char(char: str, options: int) -> str:
    """What *char* compares as: "" for an ignored character, several
    characters for a letter written with several (æ = ae)."""
    if options & SK_CHAR_CODES:
        if options & SK_CASE_INSENSITIVE and "A" <= char <= "Z":  # "Only for a-z or A-Z"
            return char.lower()
        return char
    if IGNORABLE_CONTROLS.match(char):
        return ""
    # Case, compatibility variants ("ﬁ", full-width letters) and letters
    # written with two (æ, ß) differ at the same level of a collation.
    if options & SK_CASE_INSENSITIVE:
        folded = unicodedata.normalize("NFKD", _LIGATURES.get(char, char))
    else:
        folded = unicodedata.normalize("NFD", char)
    if options & SK_DIACRITIC_INSENSITIVE:
        folded = "".join(c for c in folded if not unicodedata.combining(c))
    if options & SK_CASE_INSENSITIVE:
        folded = unicodedata.normalize("NFKD", folded.casefold())
    return folded


class _Origin:
    """Where each character of a folded text comes from in the original.

    Most characters fold to exactly one character; only the few that fold
    to none (ignorable controls) or several (æ = ae) shift the positions
    after them. Those are kept as break points, so the map costs memory in
    proportion to them, not to the text (a 100 MB text with one "æ" holds
    one break point).
    """

    __slots__ = ("folded_starts", "original_indexes", "lengths", "shifts")

    def __init__(self, specials):
        # specials: (original index, folded length) of each such character, in text order.
        self.folded_starts, self.original_indexes = array("q"), array("q")
        self.lengths, self.shifts = array("q"), array("q")
        shift = 0
        for index, length in specials:
            self.folded_starts.append(index + shift)
            self.original_indexes.append(index)
            self.lengths.append(length)
            shift += length - 1
            self.shifts.append(shift)

    def __getitem__(self, j: int) -> int:
        """The original index of folded character *j* (the original length past the end)."""
        k = bisect.bisect_right(self.folded_starts, j) - 1
        if k < 0:
            return j
        index, start, length = self.original_indexes[k], self.folded_starts[k], self.lengths[k]
        return index if j < start + length else index + 1 + (j - start - length)

    def advance(self, k: int, j: int) -> int:
        """From special character *k*, the last one whose folded start is at or before *j*."""
        starts = self.folded_starts
        while k + 1 < len(starts) and starts[k + 1] <= j:
            k += 1
        return k

    def plain_run(self, k: int, folded_length: int) -> tuple[int, int, int]:
        """(start, end, shift) of the folded run between special characters
        *k* and *k* + 1, where original index = folded index - shift."""
        starts = self.folded_starts
        begin = starts[k] + self.lengths[k] if k >= 0 else 0
        end = starts[k + 1] if k + 1 < len(starts) else folded_length
        return begin, end, (self.shifts[k] if k >= 0 else 0)

    def folded_index(self, start: int) -> int:
        """The first folded index whose original index is *start* or more."""
        k = bisect.bisect_left(self.original_indexes, start) - 1
        return start + (self.shifts[k] if k >= 0 else 0)


class _Folded:
    """A text as compared under some options, mapped back to the original.

    ``origin`` maps folded indexes to original ones (:class:`_Origin`); it
    is None when folding keeps every character in place. Folding works on
    the text's distinct characters and ``str.translate``, so a large text
    costs one folded copy and no per-character Python work.
    """

    __slots__ = ("text", "origin")

    def __init__(self, text: str, options: int):
        self.origin = None
        if options & SK_CHAR_CODES and not options & SK_CASE_INSENSITIVE:
            self.text = text
        elif text.isascii() and not IGNORABLE_CONTROLS.search(text):
            self.text = text.lower() if options & SK_CASE_INSENSITIVE else text
        else:
            table = {}
            resized = []
            for char in set(text):
                folded = _fold_char(char, options)
                if folded != char:
                    table[ord(char)] = folded
                    if len(folded) != 1:
                        resized.append(char)
            self.text = text.translate(table)
            if resized:
                pattern = re.compile("|".join(map(re.escape, resized)))
                self.origin = _Origin((m.start(), len(table[ord(m.group())])) for m in pattern.finditer(text))

    def matches(self, needle: "_Folded", start: int, whole_word_of: str | None = None):
        """The original (start, end) of each match of *needle* from original
        index *start* on, without overlaps. A match must cover whole
        characters of the original text, and with *whole_word_of* (the
        original text) whole words."""
        if not needle.text:
            return
        origin = self.origin
        j = start if origin is None else origin.folded_index(start)
        width = len(needle.text)
        special = -1        # the last special character whose folded start is at or before j
        while True:
            j = self.text.find(needle.text, j)
            if j < 0:
                return
            end = j + width
            if origin is None:
                first, after = j, end
            else:
                special = origin.advance(special, j)
                plain_from, plain_to, shift = origin.plain_run(special, len(self.text))
                if plain_from < j and end <= plain_to:      # inside a run of one-to-one characters
                    first, after = j - shift, end - shift
                elif (j == 0 or origin[j - 1] != origin[j]) and origin[end - 1] != origin[end]:
                    first, after = origin[j], origin[end - 1] + 1
                else:
                    j += 1
                    continue
            if whole_word_of is None or _is_whole_word(whole_word_of, first, after):
                yield first, after
                j = end
            else:
                j += 1

    def find(self, needle: "_Folded", start: int, whole_word_of: str | None = None) -> tuple[int, int]:
        """The original (start, end) of the first match at or after *start*, or (-1, 0)."""
        return next(self.matches(needle, start, whole_word_of), (-1, 0))


# Position in a loop searches the same text again and again: its folded form
# is kept, for the last few short texts and for the last long one only (a
# cache must not keep many large texts alive).
_SHORT_TEXT = 65536
_last_long: list = [None, None, None]       # text, options, its _Folded


@lru_cache(maxsize=16)
def _folded_short(text: str, options: int) -> _Folded:
    return _Folded(text, options)


def _folded(text: str, options: int) -> _Folded:
    if len(text) <= _SHORT_TEXT:
        return _folded_short(text, options)
    last_text, last_options, folded = _last_long
    if last_options != options or not (last_text is text or last_text == text):
        folded = _Folded(text, options)
        _last_long[:] = [text, options, folded]
    return folded


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _is_whole_word(text: str, start: int, end: int) -> bool:
    return (start == 0 or not _is_word_char(text[start - 1])) and \
        (end == len(text) or not _is_word_char(text[end]))


def _options(star: bool, options: int | None = None) -> int:
    if star:
        return SK_CHAR_CODES
    return DEFAULT_COMPARISON if options is None else options


@command_with("Position", TEXT, TEXT, LONGINT, REF, LONGINT, refs=(3,), star=True)
def position(find: str, text: str, start: int = 1, length_found: Ref | None = None,
             options: int | None = None, *, star: bool = False) -> int:
    """The 1-based position of *find* in *text* from *start*, 0 if absent;
    *length_found* receives the length matched in *text* ("œ" in "Bœuf"
    matches 1 character, "oe" 1 too)."""
    options = _options(star, options)
    whole_word = text if options & SK_WHOLE_WORD else None
    first, after = _folded(text, options).find(_folded(find, options), max(start, 1) - 1, whole_word)
    if length_found is not None:
        length_found.set(after - first if first >= 0 else 0)
    return first + 1


@command_with("Replace string", TEXT, TEXT, TEXT, LONGINT, star=True)
def replace_string(source: str, old: str, new: str, how_many: int | None = None,
                   *, star: bool = False) -> str:
    """Replace the first *how_many* occurrences of *old* (all when omitted).

    Where comparing moves no character (``*``, or ASCII texts without
    controls), Python's own replacing does the work; otherwise the matches
    are found in the folded text and the result is joined in bounded chunks
    (millions of matches must not become a list of millions of pieces)."""
    if how_many is not None and how_many <= 0 or not old:
        return source
    count = -1 if how_many is None else how_many
    options = _options(star)
    if options & SK_CHAR_CODES:
        return source.replace(old, new, count)
    if source.isascii() and old.isascii() and not IGNORABLE_CONTROLS.search(old) \
            and not IGNORABLE_CONTROLS.search(source):
        template = new.replace("\\", "\\\\")         # re.sub reads backslashes in the replacement
        return re.compile(re.escape(old), re.IGNORECASE | re.ASCII).sub(template, source, max(count, 0))
    chunks, pieces = [], []
    copied = 0
    for done, (first, after) in enumerate(_folded(source, options).matches(_folded(old, options), 0), 1):
        pieces += (source[copied:first], new)
        copied = after
        if len(pieces) >= 8192:
            chunks.append("".join(pieces))
            pieces.clear()
        if done == count:
            break
    pieces.append(source[copied:])
    chunks.append("".join(pieces))
    return "".join(chunks)


@command_with("Compare strings", TEXT, TEXT, LONGINT)
def compare_strings(a: str, b: str, options: int | None = None) -> int:
    """-1, 0 or 1. Without options, the order of the ``<`` operator."""
    if options is None:
        return compare_text(a, b)
    key_a = _folded(a, options).text
    key_b = _folded(b, options).text
    return (key_a > key_b) - (key_a < key_b)

