"""Concepts/dt_time.md: time literals, time operators, 24-hour modulo."""
import pytest

from fourd.runtime.values import Time


def T(h, m, s):
    return Time(h * 3600 + m * 60 + s)


@pytest.mark.parametrize("literal, expected", [
    ("?00:00:00?", T(0, 0, 0)), ("?09:30:00?", T(9, 30, 0)), ("?13:01:59?", T(13, 1, 59)),
])
def test_time_literals(fourd, literal, expected):
    assert fourd.value(literal) == expected


@pytest.mark.parametrize("expression, expected", [
    ("?02:03:04? + ?01:02:03?", T(3, 5, 7)),
    ("?02:03:04? - ?01:02:03?", T(1, 1, 1)),
    ("?02:03:04? + 65", 7449),
    ("?02:03:04? - 65", 7319),
    ("?02:03:04? * 2", 14768),
    ("?02:03:04? / 2", 3692),
    ("?02:03:04? \\ 2", 3692),
    ("?20:10:00? % ?04:20:00?", T(2, 50, 0)),
    ("?02:03:04? % 2", 0),
    ("?01:02:03? = ?01:02:03?", True),
    ("?01:02:03? = ?01:02:04?", False),
    ("?01:02:03? # ?01:02:04?", True),
    ("?01:02:03? # ?01:02:03?", False),
    ("?01:02:04? > ?01:02:03?", True),
    ("?01:02:03? > ?01:02:03?", False),
    ("?01:02:03? < ?01:02:04?", True),
    ("?01:02:03? < ?01:02:03?", False),
    ("?01:02:03? >=?01:02:03?", True),
    ("?01:02:03? >=?01:02:04?", False),
    ("?01:02:03? <=?01:02:03?", True),
    ("?01:02:04? <=?01:02:03?", False),
])
def test_time_operators_table(fourd, expression, expected):
    value = fourd.value(expression)
    assert value == expected
    if isinstance(expected, Time):
        assert type(value) is Time


def test_time_plus_number_is_a_number(fourd):
    assert type(fourd.value("?02:03:04? + 65")) is float


def test_current_time_plus_one_hour_is_a_time(fourd):
    assert fourd.value("Value type(Current time+?01:00:00?)") == 11   # Is time


def test_modulo_for_24_hour_arithmetic(fourd):
    assert fourd.run("""
        $t1:=?23:00:00?
        $t2:=$t1 +?02:30:00?
        return $t2""").value == T(25, 30, 0)
    assert fourd.run("""
        $t1:=?23:00:00?
        $t2:=($t1 +?02:30:00?)%?24:00:00?
        return $t2""").value == T(1, 30, 0)


def test_time_variables_default_to_zero(fourd):
    assert fourd.run("""
        var $t : Time
        return $t""").value == T(0, 0, 0)
