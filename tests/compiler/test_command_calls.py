"""Command call sites (compiler.calls.Calls.command_call): integral literals
go as Integers to Longint parameters, and the result kind a command usually
has (registry.Command.result) picks the inline arithmetic, behind a type test."""
import re

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


def test_arguments_of_the_declared_kinds_call_the_implementation_directly(fourd, python_of):
    source = """
        var $t : Text
        var $n; $m : Integer
        var $o : Object
        $t:="hello"
        $o:={p: "hi"}
        $n:=Length($t)
        $m:=Length($o.p)"""
    code = python_of(source)
    direct = re.search(r"(_k\d+)\(l_t\)", code).group(1)
    checked = re.search(r"(_k\d+)\(\(_v", code).group(1)
    assert direct != checked          # the implementation, and the entry with checks
    assert fourd.value("[$n; $m]", source) == [5, 2]


def test_arguments_of_unknown_kinds_keep_the_checks(fourd):
    result = fourd.value("[$t; $code]", """
        var $t : Text
        var $o : Object
        var $code : Integer
        $o:={p: 3}
        Try
            $t:=Substring($o.p; 1)
        Catch
            $code:=Last errors[0].errCode
        End try""")
    assert result == ["", 54]


def test_a_direct_call_is_rebuilt_from_the_code_cache(fourd):
    fourd.method("m", """
        #DECLARE() -> $r : Integer
        var $t : Text
        $t:="abc"
        $r:=Length($t)""")
    assert fourd.value("m") == 3
    assert fourd.value("m") == 3
