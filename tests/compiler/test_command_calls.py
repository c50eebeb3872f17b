"""Command call sites (compiler.calls.Calls.command_call): integral literals
go as Integers to Longint parameters, and the result kind a command usually
has (registry.Command.result) picks the inline arithmetic, behind a type test."""
from fourd.commands import registry


def test_integral_literals_go_to_longint_parameters_as_integers(fourd, python_of):
    source = """
        var $t : Text
        $t:=Substring("abcdef"; 2; 3)"""
    assert "('abcdef', 2, 3)" in python_of(source)
    assert fourd.value("$t", source) == "bcd"


def test_a_real_literal_still_rounds_to_a_longint(fourd):
    assert fourd.value("$t", """
        var $t : Text
        $t:=Substring("abcdef"; 1.6; 2)""") == "bc"


def test_commands_declare_the_kind_of_their_result():
    assert registry.lookup("Length").result == "integer"
    assert registry.lookup("Substring").result == "text"
    assert registry.lookup("Num").result == "real"


def test_a_real_plus_an_integer_result_is_added_inline(fourd, python_of):
    source = """
        var $r : Real
        var $t : Text
        $t:="abc"
        $r:=0.5+Length($t)
        $r:=$r+Length($t)"""
    code = python_of(source)
    assert "is int else" in code and "add(l_r" in code      # the generic + only as fallback
    assert fourd.value("$r", source) == 6.5


def test_an_integer_compared_with_an_integer_result_compares_inline(fourd, python_of):
    source = """
        var $i : Integer
        var $b : Boolean
        $i:=2
        $b:=$i<Length("abc")"""
    assert "(l_i < _r" in python_of(source)
    assert fourd.value("$b", source) is True
