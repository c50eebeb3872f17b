"""Math commands: Abs, Int, Dec, Round, Trunc, Mod, Random and the real functions.

Pages: commands/abs.md, int.md, mod.md, random.md, round.md, trunc.md and
commands-legacy/dec.md, square-root.md, exp.md, log.md, sin.md, cos.md,
tan.md, arctan.md. ``Num`` is with the text commands.

Every result is a Real (``float``) except ``Random`` (a Longint). Functions
outside their domain give NaN or an infinity, as IEEE reals do (string.md:
``String(Log(-1))`` is "", the text of NaN).

``Round``, ``Trunc`` and ``Dec`` work on the decimal digits of the number as
4D shows it, so that ``Round(29.8725;3)`` is 29.873 although the binary
value of 29.8725 is slightly below it.
"""
from __future__ import annotations

import math
import random
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal, localcontext
from typing import Callable

from fourd.commands.arguments import LONGINT, REAL, command_with
from fourd.runtime.errors import Codes, fail



def _round_decimal(number: float, places: int, rounding: str) -> float:
    """*number* rounded to *places* decimals (negative: left of the point)."""
    if not math.isfinite(number):
        return number
    with localcontext() as context:
        context.prec = 800  # exact for any double at any useful number of places
        exact = Decimal(repr(number))
        return float(exact.quantize(Decimal(1).scaleb(-places), rounding=rounding))


@command_with("Abs", REAL)
def abs_(number: float) -> float:
    return abs(number)


@command_with("Int", REAL)
def int_(number: float) -> float:
    """The integer portion: Int(-123.4) is -124 (toward negative infinity)."""
    return float(math.floor(number)) if math.isfinite(number) else number


@command_with("Dec", REAL)
def dec(number: float) -> float:
    """The decimal portion, "always positive or zero": that of |number|."""
    if not math.isfinite(number):
        return math.nan
    exact = Decimal(repr(abs(number)))
    return float(exact - exact.to_integral_value(rounding=ROUND_FLOOR))


@command_with("Round", REAL, LONGINT)
def round_(number: float, places: int) -> float:
    """Digits 5 to 9 round away from zero, 0 to 4 toward zero."""
    return _round_decimal(number, places, ROUND_HALF_UP)


@command_with("Trunc", REAL, LONGINT)
def trunc(number: float, places: int) -> float:
    """"Trunc always truncates toward negative infinity"."""
    return _round_decimal(number, places, ROUND_FLOOR)


@command_with("Mod", REAL, REAL)
def mod(number1: float, number2: float) -> float:
    """The remainder of the integer division of the rounded numbers.

    Reals are rounded first (mod.md: ``Mod(3.5;2)`` is 0), half to even as
    every Real to Longint conversion; unlike ``%`` they are not limited to
    32 bits. The remainder has the sign of *number1*, as in C.
    """
    if not (math.isfinite(number1) and math.isfinite(number2)):
        return math.nan
    dividend, divisor = round(number1), round(number2)
    if divisor == 0:
        return fail(Codes.MODULO_BY_ZERO, "Modulo by zero")
    remainder = abs(dividend) % abs(divisor)
    return float(-remainder if dividend < 0 else remainder)


@command_with("Random")
def random_() -> int:
    """An integer between 0 and 32,767 inclusive."""
    return random.randint(0, 32767)


def _real_function(name: str, function: Callable[[float], float], summary: str) -> None:
    """Register the 4D command *name* computing *function* of a Real."""

    def compute(number: float) -> float:
        try:
            return float(function(number))
        except OverflowError:
            return math.inf
        except ValueError:  # outside the domain: sqrt(-1), sin(inf)…
            return math.nan

    compute.__name__ = name.lower().replace(" ", "_")
    compute.__doc__ = summary
    command_with(name, REAL)(compute)


def _log(number: float) -> float:
    return -math.inf if number == 0 else math.log(number)


_real_function("Square root", math.sqrt, "The square root of number.")
_real_function("Exp", math.exp, "e raised to the power of number.")
_real_function("Log", _log, "The natural (Napierian) logarithm of number.")
_real_function("Sin", math.sin, "The sine of number, in radians.")
_real_function("Cos", math.cos, "The cosine of number, in radians.")
_real_function("Tan", math.tan, "The tangent of number, in radians.")
_real_function("Arctan", math.atan, "The angle, in radians, whose tangent is number.")
