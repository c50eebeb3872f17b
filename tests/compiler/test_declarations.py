"""Declarations and function prologues (compiler.declarations). Pages:
Concepts/parameters.md, variables.md, commands-legacy/c-text.md."""
import pytest

from fourd.syntax.errors import FourDSyntaxError


def test_declared_parameters_are_converted_and_missing_ones_get_their_empty_value(fourd):
    fourd.method("describe", """
        #DECLARE($name : Text; $count : Integer) -> $text : Text
        $text:=$name+":"+String($count)""")
    assert fourd.value('[describe("a"; 2.7); describe("b"); describe()]') == ["a:3", "b:0", ":0"]


def test_a_parameter_of_the_wrong_type_is_an_error(fourd):
    fourd.method("needsDate", "#DECLARE($d : Date)")
    assert fourd.error('needsDate("x")').code == 54


def test_a_legacy_parameter_of_the_wrong_type_takes_the_empty_value(fourd):
    fourd.method("legacy", "C_TEXT($1)\n$0:=$1")
    assert fourd.value("legacy(12)") == ""


def test_variadic_parameters_are_converted_each(fourd):
    fourd.method("total", """
        #DECLARE(... : Real) -> $sum : Real
        For ($i; 1; Count parameters)
            $sum:=$sum+${$i}
        End for""")
    assert fourd.value("total(1; 2; 3.5)") == 6.5


def test_positional_parameters_are_python_parameters_indirect_ones_a_list(python_of):
    assert python_of("#DECLARE($a : Text)").startswith("def __method(this, l_a=MISSING, *_rest):")
    assert python_of("$x:=${1}").startswith("def __method(this, *args):")


def test_a_parameter_declared_twice_is_a_syntax_error(fourd):
    with pytest.raises(FourDSyntaxError) as info:
        fourd.run("#DECLARE($a : Text; $a : Integer)")
    assert "declared twice" in info.value.message


def test_var_declarations_initialise_locals_and_keep_process_variables(fourd):
    assert fourd.value("[$t; $r; $o; counter]", """
        counter:=5
        var $t : Text
        var $r:=2
        var $o : Object
        var counter : Integer""") == ["", 2, None, 5]
