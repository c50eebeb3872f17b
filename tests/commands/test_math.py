"""Math commands and Num (fourd/commands/math.py), by doc page.

Pages: 4d-docs/commands/abs.md, int.md, mod.md, random.md, round.md,
trunc.md, num.md; 4d/docs docs/commands-legacy/dec.md, square-root.md,
exp.md, log.md, sin.md, cos.md, tan.md, arctan.md.
"""
import math

import pytest
from command_calls import raises_code, run

from fourd.commands.registry import lookup
from fourd.runtime.errors import Codes
from fourd.runtime.values import UNDEFINED, Date, Obj, Time


def test_commands_are_registered_by_their_4d_names():
    for name in ("Abs", "Int", "Dec", "Round", "Trunc", "Mod", "Random", "Square root", "Exp",
                 "Log", "Sin", "Cos", "Tan", "Arctan", "Num"):
        assert lookup(name) is not None, name
    assert lookup("square ROOT").func(4.0) == 2.0


# --- abs.md, int.md, dec.md --------------------------------------------------------

def test_abs_example():
    assert run("Abs", -10.3) == 10.3
    assert run("Abs", 4.0) == 4.0


def test_abs_of_an_integer_is_a_real():
    result = run("Abs", -3)
    assert result == 3.0 and type(result) is float


def test_int_examples():
    assert run("Int", 123.4) == 123.0
    assert run("Int", -123.4) == -124.0


def test_dec_example():
    # "If vrAmount is 7.31, then vlDollars is set to 7 and vlCents is set to 31"
    assert run("Int", 7.31) == 7.0
    assert run("Dec", 7.31) * 100 == pytest.approx(31)
    assert run("Dec", 7.31) == 0.31


def test_dec_is_always_positive_or_zero():
    assert run("Dec", -7.25) == 0.25
    assert run("Dec", 5.0) == 0.0


# --- round.md, trunc.md --------------------------------------------------------------

@pytest.mark.parametrize("number, places, expected", [
    (16.857, 2, 16.86), (32345.67, -3, 32000.0), (29.8725, 3, 29.873), (-1.5, 0, -2.0),
    (1.5, 0, 2.0), (2.5, 0, 3.0), (-2.5, 0, -3.0),  # 5 rounds away from zero
    (1.4999, 0, 1.0), (-1.4999, 0, -1.0), (1.005, 2, 1.01), (0.125, 2, 0.13),
    (12345.0, -5, 0.0), (55.0, -2, 100.0), (7.0, 3, 7.0),
])
def test_round(number, places, expected):
    assert run("Round", number, float(places)) == expected


@pytest.mark.parametrize("number, places, expected", [
    (216.897, 1, 216.8), (216.897, -1, 210.0), (-216.897, 1, -216.9), (-216.897, -1, -220.0),
    (0.29, 2, 0.29), (-0.001, 2, -0.01), (5.0, 0, 5.0),
])
def test_trunc_toward_negative_infinity(number, places, expected):
    assert run("Trunc", number, float(places)) == expected


def test_round_keeps_non_finite_numbers():
    assert math.isnan(run("Round", math.nan, 2.0))
    assert run("Round", math.inf, 2.0) == math.inf


# --- mod.md --------------------------------------------------------------------------

def test_mod_examples():
    assert run("Mod", 3.0, 2.0) == 1.0
    assert run("Mod", 4.0, 2.0) == 0.0
    assert run("Mod", 3.5, 2.0) == 0.0


def test_mod_rounds_reals_first_and_returns_a_real():
    assert run("Mod", 7.6, 3.2) == 2.0  # 8 mod 3
    assert type(run("Mod", 3, 2)) is float


def test_mod_beyond_longint_range():
    assert run("Mod", 2.0 ** 40 + 5, 7.0) == float((2 ** 40 + 5) % 7)


def test_mod_of_negative_numbers_has_the_sign_of_the_dividend():
    assert run("Mod", -7.0, 3.0) == -1.0
    assert run("Mod", 7.0, -3.0) == 1.0


def test_mod_by_zero_is_an_error():
    raises_code(Codes.MODULO_BY_ZERO, "Mod", 5.0, 0.0)


# --- random.md ------------------------------------------------------------------------

def test_random_range():
    values = {run("Random") for _ in range(500)}
    assert all(type(v) is int and 0 <= v <= 32767 for v in values)
    assert len(values) > 100


# --- square-root.md, exp.md, log.md, trigonometry -----------------------------------------

def test_square_root_examples():
    assert run("Square root", 2.0) == pytest.approx(1.414213562373)
    assert run("Square root", 4.0 ** 2 + 3.0 ** 2) == 5.0  # Hypotenuse(4;3)
    assert math.isnan(run("Square root", -1.0))


def test_exp_and_log():
    assert run("Exp", 1.0) == pytest.approx(2.718281828459045)
    assert run("Log", run("Exp", 1.0)) == 1.0   # "The following line displays 1"
    assert run("Exp", 1000.0) == math.inf
    assert run("Log", 0.0) == -math.inf
    assert math.isnan(run("Log", -1.0))


def test_string_of_log_of_minus_one_is_empty():
    # string.md: String(Log(-1)) is "" (not a number)
    assert run("String", run("Log", -1.0)) == ""


def test_trigonometry():
    assert run("String", run("Arctan", 1.0) * 4) == "3.14159265359"  # arctan.md: Pi
    assert run("Sin", math.pi / 2) == 1.0
    assert run("Cos", 0.0) == 1.0
    assert run("Tan", math.pi / 4) == pytest.approx(1.0)
    assert math.isnan(run("Sin", math.inf))


def test_math_arguments_must_be_numbers():
    raises_code(Codes.TYPE_MISMATCH, "Abs", "12")
    raises_code(Codes.TYPE_MISMATCH, "Round", 1.5, True)
    raises_code(Codes.TYPE_MISMATCH, "Sin", None)


def test_a_time_counts_as_its_seconds():
    assert run("Abs", Time(-90)) == 90.0


# --- num.md ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("ABCD", 0.0), ("A1B2C3", 123.0), ("123", 123.0), ("123.4", 123.4), ("-123", -123.0),
    ("-123e2", -12300.0), ("123-456", 123.0), ("-9", -9.0), ("123e-2", 1.23),
    ("0xFF", 0.0), ("33,333.33", 33333.33),
    ("", 0.0), ("  42  ", 42.0), (".5", 0.5), ("e5", 5.0), ("Price: 12 EUR", 12.0), ("1e400", math.inf),
])
def test_num_of_text(text, expected):
    assert run("Num", text) == expected


def test_num_with_separator_example_3():
    assert run("Num", "33,333.33", ".") == 33333.33
    assert run("Num", "33,33333", ",") == 33.33333
    assert run("Num", "1<>5", "<>") == 1.5


@pytest.mark.parametrize("text, base, expected", [
    ("ff", 16, 255.0), ("0xFF", 16, 255.0), ("2", 2, 0.0), ("10.3", 16, 16.0), ("123.20", 10, 123.0),
    ("0x1A", 0, 26.0), ("77", 0, 77.0), ("-101", 2, -5.0), ("z", 36, 35.0), ("12", 37, 0.0),
])
def test_num_with_base_example_4(text, base, expected):
    assert run("Num", text, float(base)) == expected


def test_num_of_other_types():
    assert run("Num", True) == 1.0
    assert run("Num", False) == 0.0
    assert run("Num", 12.5) == 12.5
    assert run("Num", 7) == 7.0 and type(run("Num", 7)) is float
    assert run("Num", UNDEFINED) == 0.0
    assert run("Num", Time(3600)) == 3600.0


def test_num_example_2_boolean_as_factor():
    debt = 500.0
    risk = "Good" * int(run("Num", debt < 1000)) + "Bad" * int(run("Num", debt >= 1000))
    assert risk == "Good"


def test_num_refuses_dates_and_objects():
    raises_code(Codes.TYPE_MISMATCH, "Num", Date(2020, 1, 1))
    raises_code(Codes.TYPE_MISMATCH, "Num", Obj())
    raises_code(Codes.TYPE_MISMATCH, "Num", "12", True)


def test_round_and_trunc_with_more_places_than_a_real_holds():
    """More decimal places than a double carries leave the number as it is (no internal error)."""
    from fourd.commands.registry import lookup
    assert lookup("Round").func(1.5, 2024) == 1.5
    assert lookup("Trunc").func(-2.25, 5000) == -2.25
    assert lookup("Round").func(123.0, -2024) == 0.0
