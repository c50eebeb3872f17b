"""Math commands, and numbers as text: ``String``'s number formats and ``Num``.

Pages: commands/abs.md, int.md, mod.md, random.md, round.md, trunc.md,
num.md, string.md and commands-legacy/dec.md, square-root.md, exp.md,
log.md, sin.md, cos.md, tan.md, arctan.md; number formats from
FormObjects/properties_Display.md ("Number Format").

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
from decimal import ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_UP, Decimal, localcontext
from typing import Callable

from fourd.commands.arguments import ANY, LONGINT, REAL, command_with, incompatible
from fourd.commands.dates import format_time
from fourd.runtime.conversions import to_longint
from fourd.runtime.errors import Codes, fail
from fourd.runtime.values import UNDEFINED, Time


def _round_decimal(number: float, places: int, rounding: str) -> float:
    """*number* rounded to *places* decimals (negative: left of the point)."""
    if not math.isfinite(number):
        return number
    # Beyond ±340 places the answer no longer changes for a double (and the
    # exact arithmetic below would exceed its precision).
    places = max(-340, min(340, places))
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



# --- numbers as text (String) -----------------------------------------------------

# "The algorithm for converting real values into text is based on 13
# significant digits" (string.md).
SIGNIFICANT_DIGITS = 13


def _exponent_text(text: str) -> str:
    """Python's "1e+20"/"1.5e-07" with an unpadded exponent: "1.5e-7"
    (4D writes "7.60e+2": properties_Display.md)."""
    mantissa, e, exponent = text.partition("e")
    return f"{mantissa}e{int(exponent):+d}" if e else text


def real_text(number: float) -> str:
    """A Real as ``String`` writes it without a format: 13 significant
    digits, no trailing zeros ("0.3333333333333", "32768", "1e+20"); NaN
    is "" and the infinities "INF" and "-INF" (string.md)."""
    if math.isnan(number):
        return ""
    if math.isinf(number):
        return "INF" if number > 0 else "-INF"
    if number == 0:
        return "0"  # also -0
    return _exponent_text(f"{number:.{SIGNIFICANT_DIGITS}g}")


def number_text(number: float | int) -> str:
    """``String(number)``: an Integer as is, a Real with 13 digits."""
    return str(number) if type(number) is int else real_text(number)


def format_number(number: float | int, fmt: str) -> str:
    """``String(number; format)`` with a display format (properties_Display.md
    "Number Format"): placeholders ``# 0 ^ *`` in up to three parts
    (positive;negative;zero), ``&n`` scientific, ``&x``/``&$`` hexadecimal,
    ``&xml``, ``&/n`` a time format. Custom styles (``|name``) do not exist
    in fourd and give the default text. The decimal separator is "." and the
    thousands separator ",": fourd's system settings are US English."""
    if type(number) is float and not math.isfinite(number):
        return real_text(number)
    if fmt.startswith("&"):
        return _special_format(number, fmt[1:])
    if fmt.startswith("|"):
        return number_text(number)
    parts = fmt.split(";")
    if len(parts) >= 3 and number == 0:
        return parts[2]  # "The third part (zero) is not interpreted"
    if number < 0 and len(parts) >= 2:
        return _apply_placeholders(parts[1], -number, negative=False)
    return _apply_placeholders(parts[0], abs(number), negative=number < 0)


def _special_format(number: float | int, spec: str) -> str:
    if spec.lower() == "xml":
        return number_text(number)
    if spec in ("x", "$"):
        value = to_longint(number) & 0xFFFFFFFF
        if spec == "$":
            return f"${value:X}"
        return f"0x{value:04X}" if value <= 0xFFFF else f"0x{value:08X}"
    if spec.startswith("/") and spec[1:].isdigit():
        return format_time(Time(to_longint(number)), int(spec[1:]))
    if spec.isdigit():
        digits = max(int(spec), 1)
        return _exponent_text(f"{number:.{digits - 1}e}")
    return number_text(number)


# What a placeholder shows where there is no digit (a leading or trailing zero).
_FILLS = {"#": "", "0": "0", "^": " ", "*": "*"}


def _decimal_digits(number: float | int, decimals: int) -> tuple[str, str]:
    """The integer digits ("" for 0) and *decimals* fraction digits of
    *number* ≥ 0, truncated: only the scientific format rounds."""
    if type(number) is int:
        exact = Decimal(number)
    else:
        exact = Decimal(f"{number:.{SIGNIFICANT_DIGITS}g}")
    with localcontext() as context:
        context.prec = 800
        text = f"{exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_DOWN):f}"
    whole, _, fraction = text.partition(".")
    return whole.lstrip("0"), fraction


def _render(section: str, shown: list[str]) -> str:
    """*section* of a format with its placeholders replaced by *shown*.

    A character between two placeholders appears "only if digits are
    displayed on both sides"; otherwise it looks like the placeholder on
    its left (``**,**0`` shows 0 as ``*****0``)."""
    places = [i for i, c in enumerate(section) if c in _FILLS]
    out = []
    seen = -1
    for char in section:
        if char in _FILLS:
            seen += 1
            out.append(shown[seen])
        elif 0 <= seen < len(places) - 1:
            between_digits = shown[seen][-1:].isdigit() and shown[seen + 1][:1].isdigit()
            out.append(char if between_digits else _FILLS[section[places[seen]]])
        else:
            out.append(char)
    return "".join(out)


def _apply_placeholders(part: str, number: float | int, negative: bool) -> str:
    """One part of a number format applied to *number* ≥ 0. With *negative*,
    the minus sign takes the placeholder left of the digits ("If ##0 is the
    format, minus 26 is displayed as –26 and minus 260 is displayed as <<<")."""
    # The decimal point is the first "." followed by a placeholder.
    point = next((i for i, c in enumerate(part)
                  if c == "." and any(p in _FILLS for p in part[i + 1:])), len(part))
    integer_part, fraction_part = part[:point], part[point + 1:]
    integer_places = [c for c in integer_part if c in _FILLS]
    fraction_places = [c for c in fraction_part if c in _FILLS]
    if not integer_places and not fraction_places:
        return part
    whole, fraction = _decimal_digits(number, len(fraction_places))
    room = len(integer_places) - len(whole) - negative
    if room < 0:
        return "<" * len(integer_places)
    shown = [_FILLS[c] for c in integer_places[:room]] + (["-"] if negative else []) + list(whole)
    text = _render(integer_part, shown)
    if fraction_places:
        significant = len(fraction.rstrip("0"))  # the zeros after are trailing zeros
        digits = [fraction[i] if i < significant else _FILLS[c] for i, c in enumerate(fraction_places)]
        if any(d.isdigit() for d in digits):
            text += "."
        text += _render(fraction_part, digits)
    return text


def to_radix(number: float, radix: int) -> str:
    """``String(number; base)``: EcmaScript's ``Number.prototype.toString(radix)``."""
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "Infinity" if number > 0 else "-Infinity"
    if number == 0:
        return "0"
    sign = "-" if number < 0 else ""
    number = abs(number)
    if radix == 10:
        return sign + _shortest_decimal(number)
    integer = math.floor(number)
    fraction_digits, carry = _radix_fraction(number, number - integer, radix)
    return sign + _int_in_radix(integer + carry, radix) + fraction_digits


_RADIX_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def _int_in_radix(value: int, radix: int) -> str:
    digits = []
    while True:
        value, digit = divmod(value, radix)
        digits.append(_RADIX_DIGITS[digit])
        if value == 0:
            return "".join(reversed(digits))


def _radix_fraction(number: float, fraction: float, radix: int) -> tuple[str, int]:
    """The fraction digits (with the point) of *number* in *radix*: as many as
    tell the double apart from its neighbours, rounded (V8's algorithm for
    ``toString(radix)``); and 1 when rounding carries into the integer."""
    delta = max(0.5 * (math.nextafter(number, math.inf) - number), math.nextafter(0.0, 1.0))
    digits: list[int] = []
    if fraction < delta:
        return "", 0
    while True:
        fraction *= radix
        delta *= radix
        digit = int(fraction)
        digits.append(digit)
        fraction -= digit
        if (fraction > 0.5 or (fraction == 0.5 and digit & 1)) and fraction + delta > 1:
            while digits and digits[-1] + 1 == radix:  # round up, carrying
                digits.pop()
            if not digits:
                return "", 1
            digits[-1] += 1
            break
        if fraction < delta:
            break
    return "." + "".join(_RADIX_DIGITS[d] for d in digits), 0


def _shortest_decimal(number: float) -> str:
    """EcmaScript's Number::toString for a positive finite number."""
    sign, digit_tuple, exponent = Decimal(repr(number)).normalize().as_tuple()
    digits = "".join(map(str, digit_tuple))
    k = len(digits)
    n = k + exponent  # number = 0.digits × 10^n
    if k <= n <= 21:
        return digits + "0" * (n - k)
    if 0 < n <= 21:
        return f"{digits[:n]}.{digits[n:]}"
    if -6 < n <= 0:
        return "0." + "0" * -n + digits
    mantissa = digits[0] + ("." + digits[1:] if k > 1 else "")
    return f"{mantissa}e{n - 1:+d}"


# --- text as numbers (Num) ---------------------------------------------------------

def number_from_text(text: str, separator: str = ".") -> float:
    """``Num(text {; separator})``: the digits of *text*, other characters
    ignored, with three special ones (num.md): the decimal *separator*;
    "-" making the number (or, after "e", the exponent) negative, and ending
    it when it comes after digits; "e"/"E" starting the exponent once
    digits were seen. fourd's system decimal separator is "."."""
    mantissa: list[str] = []
    exponent: list[str] = []
    negative = in_exponent = point_seen = False
    exponent_sign = ""
    i = 0
    while i < len(text):
        char = text[i]
        if char.isdecimal() and char.isascii():
            (exponent if in_exponent else mantissa).append(char)
        elif separator and not in_exponent and not point_seen and text.startswith(separator, i):
            point_seen = True
            mantissa.append(".")
            i += len(separator)
            continue
        elif char == "-":
            if in_exponent and not exponent and not exponent_sign:
                exponent_sign = "-"
            elif not in_exponent and not any(c.isdigit() for c in mantissa):
                negative = True
            else:
                break
        elif char in "eE" and any(c.isdigit() for c in mantissa):
            if in_exponent:
                break
            in_exponent = True
        i += 1
    if not any(c.isdigit() for c in mantissa):
        return 0.0
    value = float(f"{''.join(mantissa)}e{exponent_sign}{''.join(exponent) or 0}")
    return -value if negative else value


_JS_WHITESPACE = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007" \
                 "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"


def number_in_radix(text: str, radix: int) -> float:
    """``Num(text; base)``: EcmaScript's ``parseInt(text, radix)``, except that
    no number gives 0 (num.md: ``Num("2";2)`` is 0), not NaN."""
    text = text.lstrip(_JS_WHITESPACE)
    negative = text.startswith("-")
    if text[:1] in "+-":
        text = text[1:]
    if radix == 0 or radix == 16:
        if text[:2].lower() == "0x":
            text, radix = text[2:], 16
        radix = radix or 10
    if not 2 <= radix <= 36:
        return 0.0
    valid = _RADIX_DIGITS[:radix]
    end = 0
    while end < len(text) and text[end].lower() in valid:
        end += 1
    if end == 0:
        return 0.0
    try:
        value = float(int(text[:end], radix))
    except OverflowError:
        value = math.inf
    return -value if negative else value


@command_with("Num", ANY, ANY)
def num(expression, separator_or_base=UNDEFINED) -> float:
    """The number of a text, 1 or 0 for a Boolean, a number as is, 0 for
    Undefined (and Null); a Time counts its seconds."""
    kind = type(expression)
    if kind is str:
        option = separator_or_base
        if type(option) is str:
            return number_from_text(expression, option)
        if option is UNDEFINED:
            return number_from_text(expression)
        if type(option) is float or type(option) is int:
            return number_in_radix(expression, to_longint(option))
        return incompatible("Num", "the separator must be a Text or the base a number")
    if kind is bool:
        return 1.0 if expression else 0.0
    if kind is float or kind is int:
        return float(expression)
    if kind is Time:
        return float(expression.seconds)
    if expression is UNDEFINED or expression is None:
        return 0.0
    return incompatible("Num", "a Text, a Boolean or a number is expected")
