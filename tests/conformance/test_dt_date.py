"""Concepts/dt_date.md: date literals, date operators, conversions."""
import pytest

from fourd.runtime.values import Date


@pytest.mark.parametrize("literal, expected", [
    ("!1976-01-01!", Date(1976, 1, 1)),
    ("!2004-09-29!", Date(2004, 9, 29)),
    ("!2015-12-31!", Date(2015, 12, 31)),
    ("!00-00-00!", Date(0, 0, 0)),
])
def test_date_literals(fourd, literal, expected):
    assert fourd.value(literal) == expected


def test_two_digit_years(fourd):
    """!12/04/98! (system format): years below 30 are in the 21st century."""
    assert fourd.value("[Year of(!12/04/98!); Year of(!12/04/28!)]") == [1998, 2028]


@pytest.mark.parametrize("expression, expected", [
    ("!2017-01-20! - !2017-01-01!", 19),
    ("!2017-01-20! + 9", Date(2017, 1, 29)),
    ("!2017-01-20! - 9", Date(2017, 1, 11)),
    ("!2017-01-01! =!2017-01-01!", True),
    ("!2017-01-20! = !2017-01-01!", False),
    ("!2017-01-20! # !2017-01-01!", True),
    ("!2017-01-20! # !2017-01-20!", False),
    ("!2017-01-20! > !2017-01-01!", True),
    ("!2017-01-20! > !2017-01-20!", False),
    ("!2017-01-01! < !2017-01-20!", True),
    ("!2017-01-20! < !2017-01-20!", False),
    ("!2017-01-20! >=!2017-01-01!", True),
    ("!2017-01-01!>=!2017-01-20!", False),
    ("!2017-01-01! <= !2017-01-20!", True),
    ("!2017-01-20! <= !2017-01-01!", False),
])
def test_date_operators_table(fourd, expression, expected):
    assert fourd.value(expression) == expected


def test_iso_text_to_date(fourd):
    assert fourd.run("""
        var $dateIso : Text
        var $date4D : Date
        $dateIso:="2013-08-23"
        $date4D:=Date($dateIso)
        var $parsed : Date
        $parsed:=JSON Parse("\\""+$dateIso+"\\"";Is date)
        return [$date4D; $parsed]""").value == [Date(2013, 8, 23), Date(2013, 8, 23)]


def test_date_variables_default_to_the_null_date(fourd):
    assert fourd.run("""
        var $d : Date
        return $d""").value == Date(0, 0, 0)
