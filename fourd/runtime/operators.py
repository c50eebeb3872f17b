"""4D operators on runtime values: arithmetic, comparison, bitwise, truthiness.

Compiled code calls one function per operator (the compiler keeps 4D's
strict left-to-right order and implements ``&&``, ``||`` and ``? :`` itself
with :func:`truthy`). Each function tries the common numeric/text case first
and only then dispatches on the other types.

Semantics come from Concepts/operators.md and the "operators" tables of
dt_number.md, dt_string.md, dt_date.md, dt_time.md, dt_boolean.md,
dt_null_undefined.md, dt_collection.md, dt_pointer.md. Pictures are not
supported. Operand types no table lists are error 15, "This operation is
not compatible with the two arguments."

Number results: Integer op Integer stays an Integer (32-bit, wrapping like
a Longint computation); as soon as a Real is involved the result is Real;
``/`` and ``^`` always give a Real.
"""
from __future__ import annotations

import math
import operator
import re
import unicodedata
from functools import lru_cache

from .classes import NativeObject
from .conversions import LONGINT_MAX, LONGINT_MIN, to_longint, wrap_longint
from .errors import Codes, fail
from .values import UNDEFINED, Blob4D, Coll, Date, Obj, Pointer, Time

__all__ = [
    "add", "sub", "mul", "div", "idiv", "percent", "power", "neg",
    "eq", "ne", "lt", "gt", "le", "ge",
    "and_", "or_", "xor", "shl", "shr", "bit_set", "bit_clear", "bit_test",
    "truthy", "condition", "collation_key", "compare_text", "contains_keyword", "IGNORABLE_CONTROLS",
    "set_real_comparison_level",
]

# Two reals are equal when they differ by at most epsilon; 10^-6 by default
# (commands-legacy/set-real-comparison-level.md, dt_number.md "Real comparison").
_epsilon = 1e-6


def set_real_comparison_level(epsilon: float) -> None:
    """``SET REAL COMPARISON LEVEL``: the epsilon of real equality."""
    global _epsilon
    _epsilon = epsilon


def _incompatible():
    return fail(Codes.INCOMPATIBLE_ARGUMENTS, "This operation is not compatible with the two arguments.")


# Returned by helpers that do not apply to their operands (distinct from
# every 4D value, including Null and Undefined).
_NOT_APPLICABLE = object()


def _time_numbers(a, b):
    """Operands of a time operation as numbers (seconds), or None.

    "A time value can be treated as a number" (dt_time.md): Time with Time,
    Time with Number and Number with Time all qualify.
    """
    ta = type(a)
    tb = type(b)
    if ta is Time:
        if tb is Time:
            return float(a.seconds), float(b.seconds)
        if tb is float or tb is int:
            return float(a.seconds), b
    elif tb is Time and (ta is float or ta is int):
        return a, float(b.seconds)
    return None


def _time_arith(a, b, number_op):
    """Time op Time is a Time; Time op Number is a Number (dt_time.md table)."""
    numbers = _time_numbers(a, b)
    if numbers is None:
        return _NOT_APPLICABLE
    result = number_op(*numbers)
    if type(a) is Time and type(b) is Time and result is not UNDEFINED:
        return Time(to_longint(result))
    return result


def _time_or_incompatible(a, b, number_op):
    """The time operation on *a* and *b*, or error 15 if they are no times."""
    result = _time_arith(a, b, number_op)
    return _incompatible() if result is _NOT_APPLICABLE else result


def _division_by_zero():
    return fail(Codes.DIVISION_BY_ZERO, "Division by zero")


def _divided_by_zero(a) -> float:
    """A Real divided by zero is infinite, as ``String(1/0)`` = "INF" and
    ``String(-1/0)`` = "-INF" show (commands/string.md); 0/0 is not a number.
    Integer division and modulo by zero stay errors (they have no Real result)."""
    if a == 0:
        return math.nan
    return math.inf if a > 0 else -math.inf


def _is_number(v) -> bool:
    t = type(v)
    return t is float or t is int


def _shift_date(date: Date, days):
    """Date ± days. The null date stays null (4D documents no other result)."""
    if date.is_null:
        return date
    return Date.from_ordinal(date.ordinal() + to_longint(days))


# --- arithmetic --------------------------------------------------------------

def add(a, b):
    """``+``: numbers, Text + Text, Date + days, times (dt_*.md tables)."""
    # The numeric fast path is repeated inline in sub and mul on purpose: a
    # shared helper would cost a call on every operation of compiled code.
    ta = type(a)
    tb = type(b)
    if ta is float:
        if tb is float or tb is int:
            return a + b
    elif ta is int:
        if tb is int:
            result = a + b
            return result if LONGINT_MIN <= result <= LONGINT_MAX else wrap_longint(result)
        if tb is float:
            return a + b
    elif ta is str and tb is str:
        return a + b
    result = _time_arith(a, b, add)
    if result is not _NOT_APPLICABLE:
        return result
    if ta is Date and _is_number(b):
        return _shift_date(a, b)
    return _incompatible()


def sub(a, b):
    """``-``: numbers, Date - Date (days), Date - days, times."""
    ta = type(a)
    tb = type(b)
    if ta is float:
        if tb is float or tb is int:
            return a - b
    elif ta is int:
        if tb is int:
            result = a - b
            return result if LONGINT_MIN <= result <= LONGINT_MAX else wrap_longint(result)
        if tb is float:
            return a - b
    result = _time_arith(a, b, sub)
    if result is not _NOT_APPLICABLE:
        return result
    if ta is Date:
        if tb is Date:
            return float(a.ordinal() - b.ordinal())
        if _is_number(b):
            return _shift_date(a, -to_longint(b))
    return _incompatible()


def mul(a, b):
    """``*``: numbers, Text * Number (repetition), times."""
    ta = type(a)
    tb = type(b)
    if ta is float:
        if tb is float or tb is int:
            return a * b
    elif ta is int:
        if tb is int:
            result = a * b
            return result if LONGINT_MIN <= result <= LONGINT_MAX else wrap_longint(result)
        if tb is float:
            return a * b
    elif ta is str and (tb is float or tb is int):
        return a * max(to_longint(b), 0)
    return _time_or_incompatible(a, b, mul)


def div(a, b):
    """``/``: always a Real (``5 / 2`` = 2.5); times."""
    ta = type(a)
    tb = type(b)
    if (ta is float or ta is int) and (tb is float or tb is int):
        return a / b if b != 0 else _divided_by_zero(a)
    return _time_or_incompatible(a, b, div)


def idiv(a, b):
    """``\\``: ``a\\b`` is ``Int(a/b)`` (dt_number.md), and Int rounds down (int.md)."""
    ta = type(a)
    tb = type(b)
    if (ta is float or ta is int) and (tb is float or tb is int):
        if b == 0:
            return _division_by_zero()
        if ta is int and tb is int:
            return wrap_longint(a // b)
        quotient = a / b
        return float(math.floor(quotient)) if math.isfinite(quotient) else quotient
    return _time_or_incompatible(a, b, idiv)


def _modulo(a, b):
    """Number % Number: the remainder of the Longint operands (dt_number.md).

    The docs only show positive operands; the sign follows the dividend as
    with C's ``%`` (-7 % 3 = -1).
    """
    x = to_longint(a)
    y = to_longint(b)
    if y == 0:
        return fail(Codes.MODULO_BY_ZERO, "Modulo by zero")
    remainder = abs(x) % abs(y)
    if x < 0:
        remainder = -remainder
    return remainder if type(a) is int and type(b) is int else float(remainder)


def percent(a, b):
    """``%``: modulo on numbers and times, "contains keyword" on texts."""
    if _is_number(a) and _is_number(b):
        return _modulo(a, b)
    if type(a) is str and type(b) is str:
        return contains_keyword(a, b)
    return _time_or_incompatible(a, b, percent)


def power(a, b):
    """``^``: Number ^ Number, a Real (C ``pow``: overflow gives ±INF, a
    negative base with a fractional exponent NaN)."""
    if not (_is_number(a) and _is_number(b)):
        return _incompatible()
    x = float(a)
    y = float(b)
    try:
        return math.pow(x, y)
    except OverflowError:
        negative = x < 0 and y.is_integer() and y % 2 == 1
        return -math.inf if negative else math.inf
    except ValueError:  # 0 ^ negative (a pole), or a negative base ^ fraction
        return math.inf if x == 0 else math.nan


def neg(a):
    """Unary minus on a number or a time."""
    t = type(a)
    if t is float:
        return -a
    if t is int:
        return wrap_longint(-a)
    if t is Time:
        return Time(-a.seconds)
    return _incompatible()


# --- text comparison -----------------------------------------------------------

# The characters ICU's collation ignores, and so 4D's comparisons: the C0
# controls but tab, LF, VT, FF and CR (position.md; dt_string.md: 4D compares
# texts with ICU). "Information"+Char(0)="Information" is True.
IGNORABLE_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f]")


def collation_key(s: str) -> str:
    """A key equal for the texts 4D considers equal, ordering them as 4D does.

    4D compares texts ignoring case and diacritics ("a"="A", "n"="ñ",
    "A"="å": dt_string.md) and the ignorable control characters. The key
    is the compatibility decomposition of the text, case-folded, without
    combining marks. Ordering follows code points of the keys, close to
    but not exactly ICU's collation.
    """
    if s.isascii():
        return s.lower() if s.isprintable() else IGNORABLE_CONTROLS.sub("", s).lower()
    # Only short texts are cached: a cache of large texts would keep them alive.
    return _fold_cached(s) if len(s) <= 256 else _fold(s)


def _fold(s: str) -> str:
    # Decompose before and after case folding: folding may produce
    # characters that decompose further ("İ" -> "i" + combining dot).
    s = IGNORABLE_CONTROLS.sub("", s)
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", s).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_fold_cached = lru_cache(maxsize=4096)(_fold)


def compare_text(a: str, b: str) -> int:
    """-1, 0 or 1 as 4D orders *a* and *b* (no wildcard), for sorting."""
    ka = collation_key(a)
    kb = collation_key(b)
    return (ka > kb) - (ka < kb)


@lru_cache(maxsize=1024)
def _wildcard_parts(pattern: str):
    """The keys of the literal pieces between the ``@`` of *pattern*, or None
    when it has two consecutive ``@`` (never matches: dt_string.md)."""
    pieces = pattern.split("@")
    if "" in pieces[1:-1]:
        return None
    return tuple(collation_key(piece) for piece in pieces)


def _text_matches(text: str, pattern: str) -> bool:
    """``text = pattern`` where each ``@`` of *pattern* matches any run of
    characters, possibly empty ("abcdefghij"="@abcde@fghij@" is True)."""
    parts = _wildcard_parts(pattern)
    if parts is None:
        return False
    key = collation_key(text)
    first = parts[0]
    last = parts[-1]
    end = len(key) - len(last)
    if end < len(first) or not key.startswith(first) or not key.endswith(last):
        return False
    position = len(first)
    for part in parts[1:-1]:
        position = key.find(part, position, end)
        if position < 0:
            return False
        position += len(part)
    return True


def _compare_text_ordering(a: str, b: str) -> int:
    """Text ordering where *b* may end with one ``@``: only *a*'s first
    characters are compared ("abcd" <= "abc@"). Any other ``@`` is not a
    supported wildcard for ``<``/``>`` (dt_string.md) and is compared as a
    character."""
    if b.endswith("@") and b.count("@") == 1:
        kb = collation_key(b[:-1])
        ka = collation_key(a)[:len(kb)]
    else:
        ka = collation_key(a)
        kb = collation_key(b)
    return (ka > kb) - (ka < kb)


# Words for the keyword operator: letters/digits, with apostrophes inside
# words ("Today's") and decimal separators inside numbers ("3.14").
_WORD = re.compile(r"\w+(?:['’]\w+|(?<=\d)[.,]\d+)*")


def contains_keyword(text: str, keyword: str) -> bool:
    """Text % Text: whether *keyword*, a single word that may hold ``@``
    wildcards, is one of the words of *text* (dt_string.md "Keywords")."""
    if not _WORD.fullmatch(keyword.replace("@", "a")):
        return False  # several words or no word at all: always False
    words = _WORD.findall(text)
    if "@" in keyword:
        return any(_text_matches(word, keyword) for word in words)
    key = collation_key(keyword)
    return any(collation_key(word) == key for word in words)


# --- comparison --------------------------------------------------------------

def _is_object(v) -> bool:
    return isinstance(v, (Obj, NativeObject, Blob4D))


def eq(a, b):
    """``=`` for every pair of types 4D compares (see the module doc)."""
    ta = type(a)
    tb = type(b)
    if ta is str:
        if tb is str:
            if "@" in b:
                return _text_matches(a, b)
            return a == b or collation_key(a) == collation_key(b)
    elif ta is float or ta is int:
        if tb is float or tb is int:
            return a == b or ((ta is float or tb is float) and abs(a - b) <= _epsilon)
    elif ta is bool:
        if tb is bool:
            return a is b
    return _eq_other(a, b)


def _eq_other(a, b):
    # Null and Undefined equal each other and nothing else (dt_null_undefined.md).
    a_missing = a is None or a is UNDEFINED
    b_missing = b is None or b is UNDEFINED
    if a_missing or b_missing:
        return a_missing and b_missing
    numbers = _time_numbers(a, b)
    if numbers is not None:
        return eq(*numbers)
    ta = type(a)
    tb = type(b)
    if ta is Date and tb is Date:
        return a == b
    if ta is Pointer and tb is Pointer:
        return a == b
    # Objects and collections compare by reference (dt_object.md, dt_collection.md).
    if (ta is Coll and tb is Coll) or (_is_object(a) and _is_object(b)):
        return a is b
    return _incompatible()


def ne(a, b):
    """``#``: the negation of ``=`` (same wildcard and type rules)."""
    if type(a) is float and type(b) is float:
        return not (a == b or abs(a - b) <= _epsilon)
    result = eq(a, b)
    return result if result is UNDEFINED else not result


# Types an Undefined value can be ordered against: the comparison is False
# (dt_null_undefined.md "Undefined operators").
_ORDERED_WITH_UNDEFINED = frozenset({str, float, int, Date, Time})


def _order(a, b):
    """-1/0/1 for the ordered pairs other than Number/Number and plain texts;
    False when an Undefined makes every ordering False; else error 15."""
    ta = type(a)
    tb = type(b)
    if ta is str and tb is str:
        return _compare_text_ordering(a, b)
    numbers = _time_numbers(a, b)
    if numbers is not None:
        x, y = numbers
        return (x > y) - (x < y)
    if ta is Date and tb is Date:
        return (b < a) - (a < b)
    if a is UNDEFINED and tb in _ORDERED_WITH_UNDEFINED:
        return False
    if b is UNDEFINED and ta in _ORDERED_WITH_UNDEFINED:
        return False
    return _incompatible()


def _ordering(test, name: str):
    """The 4D operator *name* (``<``, ``>``, ``<=``, ``>=``) applying *test*."""

    def compare(a, b):
        ta = type(a)
        tb = type(b)
        if (ta is float or ta is int) and (tb is float or tb is int):
            return test(a, b)
        if ta is str and tb is str and "@" not in b:
            return test(collation_key(a), collation_key(b))
        order = _order(a, b)
        return test(order, 0) if type(order) is int else order

    compare.__name__ = compare.__qualname__ = name
    compare.__doc__ = (f"``{test.__name__}`` as a 4D comparison: numbers, texts (ignoring case and "
                       "diacritics, one trailing @ as a prefix wildcard), dates, times; Undefined "
                       "against a scalar is False; other pairs are error 15.")
    return compare


lt = _ordering(operator.lt, "lt")
gt = _ordering(operator.gt, "gt")
le = _ordering(operator.le, "le")
ge = _ordering(operator.ge, "ge")


# --- logical and bitwise (dt_boolean.md, dt_number.md "Bitwise operators") -------

def _longint_operation(a, b, operation):
    """``operation(x, y)`` on the operands as Longints ("4D evaluates [a Real]
    as a Long value": dt_number.md); error 15 unless both are numbers."""
    if _is_number(a) and _is_number(b):
        return operation(to_longint(a), to_longint(b))
    return _incompatible()


def and_(a, b):
    """``&``: logical AND of Booleans, bitwise AND of numbers."""
    if type(a) is bool and type(b) is bool:
        return a and b
    return _longint_operation(a, b, operator.and_)


def or_(a, b):
    """``|``: logical OR of Booleans, bitwise inclusive OR of numbers."""
    if type(a) is bool and type(b) is bool:
        return a or b
    return _longint_operation(a, b, operator.or_)


def xor(a, b):
    """``^|``: bitwise exclusive OR, on numbers only (dt_boolean.md gives a
    formula for a Boolean XOR)."""
    return _longint_operation(a, b, operator.xor)


# The second operand of a shift or bit operation is a bit count/number that
# "should be between 0 and 31"; other values give "non-significant" results:
# here 0 for shifts (all bits lost), the unchanged value for set/clear,
# False for test.

def _shift_left(value: int, n: int) -> int:
    return wrap_longint(value << n) if 0 <= n <= 31 else 0


def _shift_right(value: int, n: int) -> int:
    # The new bits on the left are 0: shift the unsigned 32-bit pattern.
    return wrap_longint((value & 0xFFFFFFFF) >> n) if 0 <= n <= 31 else 0


def _set_bit(value: int, n: int) -> int:
    return wrap_longint(value | (1 << n)) if 0 <= n <= 31 else value


def _clear_bit(value: int, n: int) -> int:
    return wrap_longint(value & ~(1 << n)) if 0 <= n <= 31 else value


def _test_bit(value: int, n: int) -> bool:
    return 0 <= n <= 31 and bool((value >> n) & 1)


def shl(a, b):
    """``<<``: shift left by *b* bits."""
    return _longint_operation(a, b, _shift_left)


def shr(a, b):
    """``>>``: shift right by *b* bits."""
    return _longint_operation(a, b, _shift_right)


def bit_set(a, b):
    """``?+``: *a* with bit number *b* set."""
    return _longint_operation(a, b, _set_bit)


def bit_clear(a, b):
    """``?-``: *a* with bit number *b* cleared."""
    return _longint_operation(a, b, _clear_bit)


def bit_test(a, b):
    """``??``: whether bit number *b* of *a* is 1."""
    return _longint_operation(a, b, _test_bit)


# --- truthiness and conditions ------------------------------------------------

def truthy(v) -> bool:
    """Truthy/falsy for ``&&``, ``||`` and ``? :`` (operators.md).

    Falsy: False, Null (null object, collection, pointer), Undefined, the
    null date, "", an empty collection, an empty object. Everything else is
    truthy, numeric zero included.
    """
    t = type(v)
    if t is bool:
        return v
    if t is float or t is int:
        return True
    if t is str:
        return v != ""
    if v is None or v is UNDEFINED:
        return False
    if t is Coll or t is Obj:  # formulas and class objects are never "empty"
        return len(v) > 0
    if t is Date:
        return not v.is_null
    return True


def condition(v) -> bool:
    """The test of ``If``, ``Case of``, ``While``, ``Until``, ``For each…While/Until``.

    A Boolean is required; an Undefined test counts as False (dt_null_undefined.md:
    "A condition expression is automatically converted to false when evaluating
    to undefined"); anything else is error 55.
    """
    if v is True or v is False:
        return v
    if v is UNDEFINED:
        return False
    return fail(Codes.BOOLEAN_EXPECTED, "A Boolean argument was expected.")
