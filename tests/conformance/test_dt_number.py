"""Concepts/dt_number.md: literals, number operators, modulo, integer
division, left-to-right precedence, bitwise operators, Integer range."""
import pytest


def signed(value: int) -> int:
    """A 32-bit pattern as the signed Long 4D shows."""
    return value - (1 << 32) if value & 0x80000000 else value


@pytest.mark.parametrize("literal, expected", [
    ("27", 27.0), ("123.76", 123.76), ("0.0076", 0.0076),
    ("-27", -27.0), ("-123.76", -123.76), ("-0.0076", -0.0076),
])
def test_number_literals_are_reals(fourd, literal, expected):
    value = fourd.value(literal)
    assert value == expected and type(value) is float


@pytest.mark.parametrize("expression, expected", [
    ("2 + 3", 5), ("3 - 2", 1), ("5 * 2", 10), ("5 / 2", 2.5), ("5 \\ 2", 2), ("5 % 2", 1),
    ("2 ^ 3", 8),
    ("10 = 10", True), ("10 = 11", False), ("10 #11", True), ("10 # 10", False),
    ("11 > 10", True), ("10 > 11", False), ("10 < 11", True), ("11 < 10", False),
    ("11 >= 10", True), ("10 >= 11", False), ("10 <= 11", True), ("11 <= 10", False),
])
def test_number_operators_table(fourd, expression, expected):
    assert fourd.value(expression) == expected


@pytest.mark.parametrize("expression, expected", [("10 % 2", 0), ("10 % 3", 1), ("10.5 % 2", 0)])
def test_modulo(fourd, expression, expected):
    assert fourd.value(expression) == expected


def test_integer_division_is_int_of_quotient(fourd):
    assert fourd.value("[7 \\ 2; Int(7/2); -7 \\ 2; Int(-7/2)]") == [3, 3, -4, -4]


def test_precedence_is_left_to_right(fourd):
    assert fourd.value("3+4*5") == 35
    assert fourd.value("3+(4*5)") == 23


def test_precedence_with_typed_variables(fourd):
    """Native fast paths for typed numbers keep the left-to-right order."""
    assert fourd.run("""
        var $a; $b; $c : Integer
        var $x; $y : Real
        $a:=3
        $b:=4
        $c:=5
        $x:=10
        $y:=2
        return [$a+$b*$c; $a-$b-$c; $x/$y*$c; $a+$b<($c*$c)]""").value == [35, -6, 25, True]


def test_real_comparison_uses_epsilon(fourd):
    assert fourd.value("0.1+0.2=0.3") is True


@pytest.mark.parametrize("expression, expected", [
    ("0x0000FFFF & 0xFF00FF00", 0x0000FF00),
    ("0x0000FFFF | 0xFF00FF00", signed(0xFF00FFFF)),
    ("0x0000FFFF ^| 0xFF00FF00", signed(0xFF0000FF)),
    ("0x0000FFFF << 8", 0x00FFFF00),
    ("0x0000FFFF >> 8", 0x000000FF),
    ("0x00000000 ?+ 16", 0x00010000),
    ("0x00010000 ?- 16", 0x00000000),
    ("0x00010000 ?? 16", True),
])
def test_bitwise_examples(fourd, expression, expected):
    assert fourd.value(expression) == expected


def test_shift_by_zero_and_by_more_than_31(fourd):
    assert fourd.value("[0x0000FFFF << 0; 0x0000FFFF << 32]") == [0xFFFF, 0]


def test_integer_variables_wrap_at_32_bits(fourd):
    """Integer range: -2^31..(2^31)-1 (4-byte Integer)."""
    assert fourd.run("""
        var $i : Integer
        $i:=2147483647
        $i:=$i+1
        return $i""").value == -2147483648


def test_assigning_a_real_to_an_integer_truncates_or_rounds(fourd):
    """'You can assign any Number data type to another; 4D does the conversion, truncating or rounding'."""
    value = fourd.run("""
        var $i : Integer
        $i:=3.7
        return $i""").value
    assert value in (3, 4) and type(value) is int


def test_mixing_number_types(fourd):
    assert fourd.run("""
        var $i : Integer
        var $r : Real
        $i:=7
        $r:=0.5
        return $i*$r""").value == 3.5
