"""Names and calls (compiler.calls): commands, by-reference arguments,
project methods, constants. Pages: Concepts/methods.md, parameters.md,
commands-legacy/base64-encode.md."""
import pytest

from fourd.commands import registry
from fourd.syntax.errors import FourDSyntaxError


def test_a_command_call_with_a_wrong_number_of_parameters_is_a_syntax_error(fourd):
    with pytest.raises(FourDSyntaxError) as info:
        fourd.run('$t:=Substring("abc")')
    assert info.value.message == "Substring expects 2 to 3 parameters, not 1"


def test_command_arity_counts_the_star_of_commands_that_take_one():
    assert registry.lookup("Uppercase").arity == (1, 2)
    assert registry.lookup("Substring").arity == (2, 3)


def test_commands_get_references_to_assignable_arguments(fourd):
    assert fourd.value("[$t; $o.p]", """
        $t:="hi"
        BASE64 ENCODE($t)
        $o:={p: "hi"}
        BASE64 ENCODE($o.p)""") == ["aGk=", "aGk="]


def test_tokenized_and_plain_names_resolve_alike(fourd):
    assert fourd.value("[Length:C16(\"abc\"); Length(\"abc\"); Is text:K8:3; Is text]") == [3, 3, 2, 2]


def test_project_methods_are_called_through_a_slot_bound_on_first_call(fourd, python_of):
    assert "_M_helper_0(this" in python_of("$x:=helper(1)")
    fourd.method("helper", "#DECLARE($n : Integer) -> $r : Integer\n$r:=$n*2")
    assert fourd.value("[helper(2); helper(3)]") == [4, 6]


def test_a_bare_unknown_name_is_a_process_variable(fourd):
    assert fourd.value("myVar", "myVar:=3") == 3


def test_an_unknown_method_is_a_4d_error_when_called(fourd):
    assert fourd.error("nothingHere(1)").code == -10719
