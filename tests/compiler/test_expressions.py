"""Expressions (compiler.expressions). Pages: Concepts/operators.md (left to
right), dt_number.md (real comparison), dt_string.md, dt_object.md."""


def test_numbers_known_at_compile_time_use_python_operators(fourd, python_of):
    source = """
        var $a; $b : Real
        $a:=1.5
        $b:=2
        $r:=$a*$b+$a"""
    assert "((l_a * l_b) + l_a)" in python_of(source)
    assert fourd.value("$r", source) == 4.5


def test_values_of_unknown_type_go_through_the_4d_operators(python_of):
    assert "add(" in python_of('$r:=$x+"a"')


def test_operators_are_evaluated_left_to_right(fourd):
    assert fourd.value("3+4*2") == 14
    assert fourd.value("3+(4*2)") == 11


def test_reals_compare_equal_within_epsilon_even_when_typed(fourd):
    assert fourd.value("$a=$b", "var $a; $b : Real\n$a:=0.1+0.2\n$b:=0.3") is True


def test_integer_arithmetic_stays_in_32_bits(fourd):
    assert fourd.value("$i", "var $i : Integer\n$i:=2147483647\n$i:=$i+1") == -2147483648


def test_short_circuit_operators_give_an_operand(fourd):
    # Numeric zero is truthy (operators.md, "Truthy and falsy").
    assert fourd.value('[Null || "x"; "a" && "b"; 0 && 1; "" && 1]') == ["x", "b", 1, ""]


def test_object_and_collection_literals_store_values_as_objects_do(fourd):
    assert fourd.value("[$o.i; $c[0]; Value type($c[1])]",
                       "var $n : Integer\n$n:=3\n$o:={i: $n}\n$c:=[$n; $u]") == [3, 3, 255]
